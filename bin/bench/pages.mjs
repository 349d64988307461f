/**
 * What a page costs besides time: database queries, HTML bytes and asset tags, with the plugin on
 * and off, on the Support page and on pages without the block.
 */
import { fetchPage, readReport } from './http.mjs';

/**
 * Script and stylesheet tags, the assets a page makes the browser fetch or parse.
 * @param {string} html A page.
 */
export function assetTags( html ) {
	return {
		script: ( html.match( /<script\b/gi ) || [] ).length,
		link: ( html.match( /<link\b/gi ) || [] ).length,
		style: ( html.match( /<style\b/gi ) || [] ).length,
	};
}

/**
 * The lines only one of two pages has, for the report when pages differ.
 * @param {string} a A page.
 * @param {string} b Another.
 */
export function lineDiff( a, b ) {
	const count = ( lines ) => {
		const map = new Map();
		for ( const line of lines ) {
			map.set( line, ( map.get( line ) || 0 ) + 1 );
		}
		return map;
	};
	const ca = count( a.split( '\n' ) );
	const cb = count( b.split( '\n' ) );
	const only = ( x, y ) =>
		[ ...x ].flatMap( ( [ line, n ] ) =>
			Array( Math.max( 0, n - ( y.get( line ) || 0 ) ) ).fill(
				line.trim()
			)
		);
	return { onlyA: only( ca, cb ), onlyB: only( cb, ca ) };
}

const oneLine = ( q ) => q.sql.replace( /\s+/g, ' ' ).trim();

/**
 * Queries, bytes and asset tags of pages with the plugin on and off, and the block's own.
 * @param {Object} cases casesFor()'s answer.
 * @param {Object} site  What site-setup.php made.
 */
export async function measurePages( cases, site ) {
	const cookie = site.cookies[ 0 ];
	const result = {
		queries: await queriesOfCases( cases, cookie ),
		pagesWithoutBlock: [],
	};
	const pages = [ site.pages.paragraph, ...site.other_pages ];
	for ( const page of pages ) {
		for ( const [ who, c ] of [
			[ 'subscriber', cookie ],
			[ 'visitor', '' ],
		] ) {
			result.pagesWithoutBlock.push(
				await comparePluginOnOff( page, who, c )
			);
		}
	}
	return result;
}

/**
 * Queries and HTML bytes of every case, as a subscriber and as a visitor.
 * @param {Object} cases  casesFor()'s answer.
 * @param {string} cookie A subscriber's cookie header.
 */
async function queriesOfCases( cases, cookie ) {
	const queries = {};
	for ( const [ name, kase ] of Object.entries( cases ) ) {
		if ( kase.latencyOnly ) {
			continue;
		}
		for ( const [ who, c ] of [
			[ 'subscriber', cookie ],
			[ 'visitor', '' ],
		] ) {
			const id = `q-${ name }-${ who }`;
			await fetchPage( kase.path, {
				cookie: c,
				plugin: kase.plugin,
				report: id,
			} );
			const report = readReport( id );
			// The HTML from a request of its own: report requests change what they measure.
			const response = await fetchPage( kase.path, {
				cookie: c,
				plugin: kase.plugin,
			} );
			queries[ `${ name }/${ who }` ] = {
				label: kase.label,
				who,
				count: report.num_queries,
				sql: report.queries.map( oneLine ),
				bytes: Buffer.byteLength( response.body ),
			};
		}
	}
	return queries;
}

/**
 * One page without the block, plugin on vs off: bytes, tags, queries, the lines that differ.
 * @param {string} page Path on the site.
 * @param {string} who  'subscriber' or 'visitor'.
 * @param {string} c    Cookie header, '' for a visitor.
 */
async function comparePluginOnOff( page, who, c ) {
	// Query logs in requests of their own: the HTML compared is the real one.
	await fetchPage( page, { cookie: c, plugin: 'on', report: 'p-on' } );
	const onReport = readReport( 'p-on' );
	await fetchPage( page, { cookie: c, plugin: 'off', report: 'p-off' } );
	const offReport = readReport( 'p-off' );
	const on = await fetchPage( page, { cookie: c, plugin: 'on' } );
	const off = await fetchPage( page, { cookie: c, plugin: 'off' } );
	// The same page twice, to tell the plugin's difference from a page that varies anyway.
	const again = await fetchPage( page, { cookie: c, plugin: 'on' } );
	const diff = lineDiff( on.body, off.body );
	const offSql = offReport.queries.map( oneLine );
	return {
		page,
		who,
		status: [ on.status, off.status ],
		bytesOn: Buffer.byteLength( on.body ),
		bytesOff: Buffer.byteLength( off.body ),
		tagsOn: assetTags( on.body ),
		tagsOff: assetTags( off.body ),
		queriesOn: onReport.num_queries,
		queriesOff: offReport.num_queries,
		extraQueries: onReport.queries
			.map( oneLine )
			.filter( ( sql ) => ! offSql.includes( sql ) ),
		onlyOn: diff.onlyA.slice( 0, 10 ),
		onlyOff: diff.onlyB.slice( 0, 10 ),
		stable: again.body === on.body,
		headersOn: Object.keys( on.headers ).sort(),
		headersOff: Object.keys( off.headers ).sort(),
	};
}
