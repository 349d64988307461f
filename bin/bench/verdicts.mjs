/**
 * The summary table's rows: each measure next to its target, met or missed, and whether the run
 * was too noisy to trust the verdict. A row is [ measure, target, result, ok, noisy ].
 */
import { TARGETS } from './config.mjs';
import {
	fmt,
	millions,
	noisyFloor,
	noisyRatio,
	ratioText,
	themeName,
} from './format.mjs';
import { pairedRatio } from './stats.mjs';

/**
 * Every row of the summary, in the report's order.
 * @param {Object} results The run's results.
 */
export function verdicts( results ) {
	const themes = Object.entries( results.themes );
	return [
		...themes.flatMap( ( [ theme, t ] ) => responseTimeRows( theme, t ) ),
		...themes.flatMap( ( [ theme, t ] ) => pageCostRows( theme, t ) ),
		editorScriptRow( results.bundles ),
		...themes.map( ( [ theme, t ] ) => throughputRow( theme, t ) ),
		// Instruction counts: what the clocks measure, without the machine's noise.
		...themes.flatMap( ( [ theme, t ] ) => instructionRows( theme, t ) ),
	];
}

/**
 * The block against the paragraph page, the noise floor, and the guide comparisons.
 * @param {string} theme Theme slug.
 * @param {Object} t     The theme's results.
 */
function responseTimeRows( theme, t ) {
	const vsParagraph = t.ratios.blockVsParagraph;
	const floor = t.ratios.noiseFloor;
	const target = TARGETS.latencyVsParagraph;
	const rows = [
		[
			`Full response time, Support page ÷ same page with a paragraph, subscriber, ${ themeName(
				theme
			) }`,
			`≤ ${ target.toFixed( 2 ) }`,
			ratioText( vsParagraph ),
			vsParagraph.value <= target,
			[
				vsParagraph.value > target && vsParagraph.low <= target
					? `by less than this run's noise: the 95% interval reaches below ${ target.toFixed(
							2
						) }, and the same page against itself gave ${ fmt(
							floor.value,
							3
						) }`
					: '',
				noisyRatio( vsParagraph, floor ),
			]
				.filter( Boolean )
				.join( '; ' ),
		],
		[
			`Noise floor: full response time, the paragraph page ÷ the same page again (A/A, nothing differs), ${ themeName(
				theme
			) }`,
			'1 within ±2%',
			ratioText( floor ),
			null,
			noisyFloor( floor ),
		],
	];
	const guideRows = [
		[
			'blockVsGuide',
			"Support page ÷ Helpdesky guide's template (plugin off)",
		],
		[
			'templateVsGuide',
			"Support template with the block ÷ guide's template (plugin off)",
		],
	];
	for ( const [ key, what ] of guideRows ) {
		const r = t.ratios[ key ];
		if ( ! r ) {
			continue;
		}
		rows.push( [
			`Full response time, ${ what }, ${ themeName( theme ) }`,
			'≤ 1.00 within noise',
			ratioText( r ),
			r.low <= TARGETS.latencyVsGuide,
			noisyRatio( r, floor ),
		] );
	}
	return rows;
}

/**
 * Queries the block adds, and what the plugin adds to pages without the block.
 * @param {string} theme Theme slug.
 * @param {Object} t     The theme's results.
 */
function pageCostRows( theme, t ) {
	const q = t.pages.queries;
	const pages = t.pages.pagesWithoutBlock;
	const added =
		q[ 'block/subscriber' ].count - q[ 'paragraph/subscriber' ].count;
	const worst = Math.max(
		...pages.map( ( p ) => p.queriesOn - p.queriesOff )
	);
	const bytes = Math.max(
		...pages.map( ( p ) => Math.abs( p.bytesOn - p.bytesOff ) )
	);
	const tags = Math.max(
		...pages.map(
			( p ) =>
				p.tagsOn.script +
				p.tagsOn.link -
				p.tagsOff.script -
				p.tagsOff.link
		)
	);
	return [
		[
			`Database queries added by the block (Support page − paragraph page, subscriber), ${ themeName(
				theme
			) }`,
			'0',
			String( added ),
			added <= 0,
		],
		[
			`Database queries added by the plugin on pages without the block, ${ themeName( theme ) }`,
			'0',
			`${ worst } (worst page)`,
			worst <= 0,
		],
		[
			`HTML bytes / asset tags added on pages without the block, ${ themeName( theme ) }`,
			'0 / 0',
			`${ bytes } / ${ tags }`,
			bytes === 0 && tags <= 0,
		],
	];
}

/**
 * The editor script's gzipped size against its budget.
 * @param {Object} bundles measureBundles()'s answer.
 */
function editorScriptRow( bundles ) {
	const editor = bundles[ 'index.js' ];
	return [
		'Editor script, gzipped, WordPress externals excluded',
		`≤ ${ TARGETS.editorScriptGzip } B`,
		`${ editor.gzip } B`,
		editor.gzip <= TARGETS.editorScriptGzip,
	];
}

/**
 * Throughput of the Support page against the paragraph page.
 * @param {string} theme Theme slug.
 * @param {Object} t     The theme's results.
 */
function throughputRow( theme, t ) {
	// Slots of the two cases that ran next to each other, ratio by ratio, as for response
	// times: drift over the run hits both slots of a pair alike.
	const r = pairedRatio(
		t.throughput.block.rates,
		t.throughput.paragraph.rates
	);
	return [
		`Throughput, 50 concurrent subscribers, Support page ÷ paragraph page (paired slots), ${ themeName(
			theme
		) }`,
		`≥ ${ TARGETS.throughputVsParagraph }`,
		`${ fmt( r.value, 3 ) } (95% CI ${ fmt( r.low, 3 ) }–${ fmt(
			r.high,
			3
		) }, ${ r.n } slot pairs)`,
		r.value >= TARGETS.throughputVsParagraph,
		r.high - r.low > 0.1 ? 'the 95% interval is wider than ±5%' : '',
	];
}

/**
 * Instruction counts (minimum per case): the block, the guide comparisons, the start-up cost.
 * @param {string} theme Theme slug.
 * @param {Object} t     The theme's results.
 */
function instructionRows( theme, t ) {
	const ins = t.instructions;
	const ratioOf = ( a, b ) => ins[ a ].min / ins[ b ].min;
	const change = ( a, b ) =>
		`${ fmt( ratioOf( a, b ), 3 ) } (${ millions(
			ins[ a ].min - ins[ b ].min
		) })`;
	const rows = [
		[
			`Instructions per request, Support page ÷ paragraph page, ${ themeName(
				theme
			) }`,
			`≤ ${ TARGETS.latencyVsParagraph.toFixed( 2 ) }`,
			change( 'block/on', 'paragraph/on' ),
			ratioOf( 'block/on', 'paragraph/on' ) <= TARGETS.latencyVsParagraph,
		],
	];
	if ( ins[ 'guide/off' ] ) {
		rows.push(
			[
				`Instructions per request, Support page ÷ Helpdesky guide's template (plugin off), ${ themeName(
					theme
				) }`,
				'≤ 1.00',
				change( 'block/on', 'guide/off' ),
				ratioOf( 'block/on', 'guide/off' ) <= TARGETS.latencyVsGuide,
			],
			[
				`Instructions per request, Support template with the block ÷ guide's template (plugin off), ${ themeName(
					theme
				) }`,
				'≤ 1.00',
				change( 'template/on', 'guide/off' ),
				ratioOf( 'template/on', 'guide/off' ) <= TARGETS.latencyVsGuide,
			]
		);
	}
	rows.push( [
		`Plugin start-up on a page without the block, instructions, plugin on ÷ off, ${ themeName(
			theme
		) }`,
		'—',
		change( 'paragraph/on', 'paragraph/off' ),
		null,
	] );
	return rows;
}
