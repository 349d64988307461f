/**
 * The report's results for one theme: response time, queries and HTML, pages without the block,
 * the plugin's own time, instructions and throughput. Each section returns its lines.
 */
import { fmt, millions, pct, ratioText, table, themeName } from './format.mjs';
import { pairedRatio } from './stats.mjs';

/**
 * All sections of one theme.
 * @param {string} theme Theme slug.
 * @param {Object} t     The theme's results.
 */
export function themeSection( theme, t ) {
	return [
		`### ${ themeName( theme ) }`,
		'',
		...latencySection( t ),
		...queriesSection( t ),
		...pagesWithoutBlockSection( t ),
		...callbacksSection( t ),
		...instructionsSection( t ),
		...throughputSection( t ),
	];
}

function latencySection( t ) {
	const lines = [
		'#### Full response time (subscriber, ms)',
		'',
		table(
			[
				'Case',
				'Median',
				'p25–p75',
				'MAD',
				'n',
				'TTFB median',
				'÷ paragraph page (paired)',
			],
			Object.entries( t.latency ).map( ( [ name, c ] ) => [
				c.label,
				fmt( c.ttlb.median, 2 ),
				`${ fmt( c.ttlb.p25, 2 ) }–${ fmt( c.ttlb.p75, 2 ) }`,
				fmt( c.ttlb.mad, 2 ),
				c.ttlb.n,
				fmt( c.ttfb.median, 2 ),
				name === 'paragraph' ? '1' : ratioText( c.vsParagraph ),
			] )
		),
		'',
	];
	if ( t.ratios.blockVsGuide ) {
		lines.push(
			`Paired ratios to the guide's template (plugin off): the Support page ${ ratioText(
				t.ratios.blockVsGuide
			) }, the theme template with the block ${ ratioText(
				t.ratios.templateVsGuide
			) }.`,
			''
		);
	}
	return lines;
}

/**
 * How many queries only one of two cases ran, leaving out the look-ups of its own page.
 * @param {string[]} sql     One case's queries.
 * @param {string[]} other   The other case's.
 * @param {RegExp}   ownPage What a look-up of the case's own page looks like.
 */
const onlyIn = ( sql, other, ownPage ) =>
	sql.filter( ( s ) => ! other.includes( s ) && ! ownPage.test( s ) ).length;

function queriesSection( t ) {
	const q = t.pages.queries;
	const block = q[ 'block/subscriber' ].sql;
	const paragraph = q[ 'paragraph/subscriber' ].sql;
	return [
		'#### Database queries and HTML (whole request)',
		'',
		table(
			[ 'Case', 'Visitor', 'Queries', 'HTML bytes' ],
			Object.values( q ).map( ( c ) => [
				c.label,
				c.who,
				c.count,
				c.bytes,
			] )
		),
		'',
		`Queries only on the Support page (besides looking up its own slug): ${ onlyIn(
			block,
			paragraph,
			/'support'|ID = \d+|\(\d+\)|= '\d+'|post_parent = \d+|'page-support'/
		) }; only on the paragraph page: ${ onlyIn(
			paragraph,
			block,
			/'support-plain'|ID = \d+|\(\d+\)|= '\d+'|post_parent = \d+|'page-support-plain'/
		) }.`,
		'',
	];
}

function pagesWithoutBlockSection( t ) {
	const pages = t.pages.pagesWithoutBlock;
	const lines = [
		'#### Pages without the block: plugin on vs off',
		'',
		table(
			[
				'Page',
				'Visitor',
				'Bytes on / off',
				'script+link tags on / off',
				'Queries on / off',
				'Same page twice identical',
			],
			pages.map( ( p ) => [
				`\`${ p.page }\``,
				p.who,
				`${ p.bytesOn } / ${ p.bytesOff }`,
				`${ p.tagsOn.script + p.tagsOn.link } / ${ p.tagsOff.script + p.tagsOff.link }`,
				`${ p.queriesOn } / ${ p.queriesOff }`,
				p.stable ? 'yes' : 'no',
			] )
		),
		'',
	];
	const extra = [ ...new Set( pages.flatMap( ( p ) => p.extraQueries ) ) ];
	if ( extra.length ) {
		lines.push(
			'Queries that only run with the plugin on:',
			'',
			...extra.map( ( sql ) => `- \`${ sql.slice( 0, 300 ) }\`` ),
			''
		);
	}
	const changed = pages.filter(
		( p ) => p.onlyOn.length || p.onlyOff.length
	);
	if ( changed.length ) {
		const code = ( l ) => `\`${ l.slice( 0, 160 ) }\``;
		lines.push(
			'HTML lines that differ:',
			'',
			...changed.map(
				( p ) =>
					`- \`${ p.page }\` (${ p.who }): only with the plugin: ${
						p.onlyOn.map( code ).join( ', ' ) || 'none'
					}; only without: ${
						p.onlyOff.map( code ).join( ', ' ) || 'none'
					}`
			),
			''
		);
	}
	return lines;
}

function callbacksSection( t ) {
	const cb = t.callbacks;
	const labels = new Set( [
		...Object.keys( cb.paragraph.callbacks ),
		...Object.keys( cb.block.callbacks ),
	] );
	const sum = ( c ) =>
		c.load.median +
		Object.values( c.callbacks ).reduce( ( s, v ) => s + v.median, 0 );
	const rows = [
		[
			'include helpdesky-block.php (all files, bootstrap())',
			fmt( cb.paragraph.load.median ),
			fmt( cb.block.load.median ),
		],
		...[ ...labels ].map( ( label ) => [
			`\`${ label.replace( /Helpdesky\\Block\\/g, '' ) }\``,
			fmt( cb.paragraph.callbacks[ label ]?.median ?? NaN ),
			fmt( cb.block.callbacks[ label ]?.median ?? NaN ),
		] ),
		[ '**Sum**', fmt( sum( cb.paragraph ) ), fmt( sum( cb.block ) ) ],
	];
	return [
		"#### The plugin's own time per request (PHP-FPM, µs, median)",
		'',
		table( [ 'Where', 'Paragraph page', 'Support page' ], rows ),
		'',
		`Wall-clock times, so they include work a callback does first that WordPress would otherwise do later in the same request (reading theme.json and template files, for one); the instruction counts below give the net cost. The block's render itself is not a hook callback; see the render cost below. Peak memory: ${ (
			cb.paragraph.peakMemory / 1024
		).toFixed( 0 ) } KiB with the plugin, ${ (
			cb.peakMemoryOff / 1024
		).toFixed( 0 ) } KiB without (paragraph page).`,
		'',
	];
}

const instructionCaseLabels = {
	'paragraph/on': 'Paragraph page, plugin on',
	'paragraph/off': 'Paragraph page, plugin off',
	'block/on': 'Support page (block)',
	'guide/off': "Helpdesky guide's page template, plugin off",
	'template/on': 'Theme template with the block (plugin on)',
};

function instructionsSection( t ) {
	const ins = t.instructions;
	// Minimums: a request's own cost, without the occasional run of PHP's cycle collector
	// (about 0.7 M instructions) that lands on some requests and not others.
	const delta = ( a, b ) =>
		`${ millions( ins[ a ].min - ins[ b ].min ) } (${ pct(
			( ins[ a ].min - ins[ b ].min ) / ins[ b ].min
		) })`;
	return [
		'#### Instructions per request (Callgrind, warm PHP-FPM worker, subscriber)',
		'',
		table(
			[ 'Page', 'Min', 'Median', 'Max', 'n' ],
			Object.entries( ins ).map( ( [ key, c ] ) => [
				instructionCaseLabels[ key ] || key,
				millions( c.min ),
				millions( c.median ),
				millions( c.max ),
				c.n,
			] )
		),
		'',
		`The plugin adds ${ delta( 'paragraph/on', 'paragraph/off' ) } instructions to a page without the block; the Support page costs ${ delta(
			'block/on',
			'paragraph/on'
		) } more than the same page with a paragraph${
			ins[ 'guide/off' ]
				? `, and ${ delta( 'block/on', 'guide/off' ) } more than the guide's template on a site without the plugin; the guide's template printing the block instead (plugin on) costs ${ delta( 'template/on', 'guide/off' ) } more than the guide's own`
				: ''
		}.`,
		'',
	];
}

function throughputSection( t ) {
	return [
		'#### Throughput, 50 concurrent subscribers',
		'',
		table(
			[
				'Case',
				'Requests/s',
				'Slots min–max',
				'Requests',
				'÷ paragraph page (paired slots)',
			],
			Object.values( t.throughput ).map( ( c ) => [
				c.label,
				fmt( c.rps, 1 ),
				`${ fmt( c.min, 1 ) }–${ fmt( c.max, 1 ) }`,
				c.requests,
				fmt(
					pairedRatio( c.rates, t.throughput.paragraph.rates ).value,
					3
				),
			] )
		),
		'',
	];
}
