#!/usr/bin/env node
/**
 * `npm run bench`: proves (or disproves) that the Ticket Center block costs nothing, and writes
 * BENCHMARKS.md with the method, the machine and the results.
 *
 * It starts its own WordPress (bin/e2e-stack.sh with a run folder, port and database of its own,
 * so it never disturbs a running e2e suite), fills it with bin/bench/site-setup.php, and measures:
 *   - full response time (to the last byte) of the Support page vs the same page with a paragraph,
 *     vs Helpdesky's guide template, and vs the plugin switched off; the guide's template vs the
 *     same template printing the block; cases interleaved round by round, ratios paired by round,
 *     with the paragraph page against itself as the noise floor;
 *   - database queries, HTML bytes and asset tags, plugin on vs off, block vs paragraph;
 *   - the plugin's own time per request (each of its callbacks timed inside PHP-FPM) and its
 *     instruction count per page (Callgrind, stable on a busy machine);
 *   - microseconds per render inside WordPress (bin/bench/render-cost.php);
 *   - editor and view script sizes, gzipped;
 *   - throughput with 50 concurrent distinct subscribers (wrk + bin/bench/wrk-users.lua).
 *
 * Usage: node bin/bench/bench.mjs [run|report|site|stop]   (run: everything; report: write
 * BENCHMARKS.md again from the last run's results, e.g. after editing NOTES.md; site: only start
 * and fill the bench site and leave it running, to look into a number; stop: stop that site.)
 *
 * Environment: HELPDESKY_BENCH_PORT (default 8897), HELPDESKY_BENCH_QUICK=1 (a short run to
 * try the harness; its numbers are not worth publishing), HELPDESKY_BENCH_KEEP=1 (leave the
 * site running afterwards), HELPDESKY_BENCH_SKIP_BUILD=1, HELPDESKY_BENCH_OUT (default
 * BENCHMARKS.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'../..'
);
const BENCH = path.join( ROOT, 'bin/bench' );
const RUN = path.join( ROOT, '.cache/bench' );
const STACK_DIR = path.join( RUN, 'stack' );
const WP_ROOT = path.join( STACK_DIR, 'wordpress' );
const PORT = Number( process.env.HELPDESKY_BENCH_PORT || 8897 );
const HOST = `127.0.0.1:${ PORT }`;
const OUT = path.resolve(
	ROOT,
	process.env.HELPDESKY_BENCH_OUT || 'BENCHMARKS.md'
);
const QUICK = process.env.HELPDESKY_BENCH_QUICK === '1';
const CLASSIC_THEME = 'helpdesky-e2e-classic';
const BLOCK_THEME = 'twentytwentyfive';

// Sized so the whole run stays under about nine minutes on two cores (quick: about two); 600
// latency rounds bring the A/A noise floor to about ±1% (±1.2–1.5% with other work running).
const CONFIG = QUICK
	? {
			users: 50,
			latencyWarmup: 3,
			latencyRounds: 20,
			reportSamples: 3,
			throughputSlot: 5,
			throughputSlots: 1,
			renderBatches: 5,
			renderBatchSize: 50,
			callgrindWarmup: 1,
			callgrindRounds: 2,
		}
	: {
			users: 50,
			latencyWarmup: 20,
			latencyRounds: 600,
			reportSamples: 11,
			throughputSlot: 5,
			throughputSlots: 8,
			renderBatches: 40,
			renderBatchSize: 200,
			callgrindWarmup: 2,
			callgrindRounds: 7,
		};
const CONCURRENCY = 50;

// Targets from the issue "Benchmarks: prove the block costs nothing".
const TARGETS = {
	latencyVsParagraph: 1.01,
	latencyVsGuide: 1.0,
	throughputVsParagraph: 0.98,
	editorScriptGzip: 3072,
};

const STACK_ENV = {
	...process.env,
	HELPDESKY_E2E_DIR: STACK_DIR,
	HELPDESKY_E2E_PORT: String( PORT ),
	HELPDESKY_E2E_DB: 'helpdesky_bench',
	// A bench run must not pick up a snippet meant for the e2e suite.
	HELPDESKY_E2E_NGINX_CONF: '',
};

const started = Date.now();
// The highest 1-minute load average seen at the start of each phase: how much other work shared
// the machine.
let highestLoad = 0;
const log = ( ...args ) => {
	highestLoad = Math.max( highestLoad, os.loadavg()[ 0 ] );
	console.error(
		`[bench ${ ( ( Date.now() - started ) / 1000 ).toFixed( 0 ) }s]`,
		...args
	);
};

// ---------------------------------------------------------------- processes

function run( command, args, options = {} ) {
	const result = spawnSync( command, args, {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		timeout: options.timeout ?? 300_000,
		...options,
	} );
	if ( options.check !== false && result.status !== 0 ) {
		throw new Error(
			`${ command } ${ args.join( ' ' ) } failed (${
				result.status ?? result.signal
			}):\n${ result.stderr || '' }${ result.stdout || '' }`
		);
	}
	return result;
}

const has = ( command ) =>
	run( 'sh', [ '-c', `command -v ${ command }` ], { check: false } )
		.status === 0;

const stack = ( ...args ) =>
	run( 'bash', [ path.join( ROOT, 'bin/e2e-stack.sh' ), ...args ], {
		env: STACK_ENV,
	} );

/** Installs Debian packages the bench needs and the test command does not (wrk, valgrind). */
function ensureTools() {
	const wanted = {
		wrk: 'wrk',
		valgrind: 'valgrind',
		callgrind_annotate: 'valgrind',
	};
	const missing = [
		...new Set(
			Object.entries( wanted )
				.filter( ( [ command ] ) => ! has( command ) )
				.map( ( [ , pkg ] ) => pkg )
		),
	];
	if ( ! missing.length ) {
		return;
	}
	if ( process.getuid?.() !== 0 ) {
		throw new Error(
			`missing ${ missing.join( ', ' ) }: install the Debian packages (apt-get install ${ missing.join(
				' '
			) })`
		);
	}
	log( `installing ${ missing.join( ', ' ) }` );
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		run(
			'apt-get',
			[ 'install', '-y', '--no-install-recommends', ...missing ],
			{
				env,
				check: false,
			}
		);
	if ( install().status !== 0 ) {
		run( 'apt-get', [ 'update' ], { env } );
		run(
			'apt-get',
			[ 'install', '-y', '--no-install-recommends', ...missing ],
			{
				env,
			}
		);
	}
}

// ---------------------------------------------------------------- statistics

function quantile( values, q ) {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const position = ( sorted.length - 1 ) * q;
	const low = Math.floor( position );
	const high = Math.ceil( position );
	return (
		sorted[ low ] + ( sorted[ high ] - sorted[ low ] ) * ( position - low )
	);
}

const median = ( values ) => quantile( values, 0.5 );

function mad( values ) {
	const m = median( values );
	return median( values.map( ( v ) => Math.abs( v - m ) ) );
}

function summary( values ) {
	return {
		n: values.length,
		median: median( values ),
		p25: quantile( values, 0.25 ),
		p75: quantile( values, 0.75 ),
		mad: mad( values ),
	};
}

/**
 * A seeded generator, so the bootstrap intervals of a run can be reproduced.
 * @param {number} seed Any integer.
 */
/* eslint-disable no-bitwise -- a PRNG is bit arithmetic by nature. */
function mulberry32( seed ) {
	let state = seed;
	return () => {
		state = ( state + 0x6d2b79f5 ) | 0;
		let t = Math.imul( state ^ ( state >>> 15 ), 1 | state );
		t = ( t + Math.imul( t ^ ( t >>> 7 ), 61 | t ) ) ^ t;
		return ( ( t ^ ( t >>> 14 ) ) >>> 0 ) / 4294967296;
	};
}
/* eslint-enable no-bitwise */

/**
 * Paired ratio of a case to a reference measured in the same rounds: the geometric mean of the
 * per-round ratios a[r] / b[r], with a 95% bootstrap interval that resamples whole rounds.
 *
 * Both requests of a round ran within a fraction of a second of each other, so whatever slowed
 * the machine down in that round (other work, frequency changes, a busy database) slowed both;
 * the per-round ratio cancels it, where a ratio of two medians taken over minutes does not.
 *
 * @param {number[]} a Samples of the case being judged, one per round.
 * @param {number[]} b Samples of the reference, same rounds, same order.
 */
function pairedRatio( a, b ) {
	const logs = a.map( ( value, r ) => Math.log( value / b[ r ] ) );
	const mean = ( values ) =>
		values.reduce( ( sum, v ) => sum + v, 0 ) / values.length;
	const random = mulberry32( 20261125 );
	const means = [];
	for ( let i = 0; i < 2000; i++ ) {
		means.push(
			mean(
				logs.map( () => logs[ Math.floor( random() * logs.length ) ] )
			)
		);
	}
	return {
		value: Math.exp( mean( logs ) ),
		low: Math.exp( quantile( means, 0.025 ) ),
		high: Math.exp( quantile( means, 0.975 ) ),
		n: logs.length,
	};
}

function shuffle( values, random ) {
	const copy = [ ...values ];
	for ( let i = copy.length - 1; i > 0; i-- ) {
		const j = Math.floor( random() * ( i + 1 ) );
		[ copy[ i ], copy[ j ] ] = [ copy[ j ], copy[ i ] ];
	}
	return copy;
}

// ---------------------------------------------------------------- HTTP

// One keep-alive connection, as a browser reuses its own: the timings are WordPress's, not
// TCP handshakes'.
const agent = new http.Agent( { keepAlive: true, maxSockets: 1 } );

/**
 * Fetches a page of the bench site and times it to the first and to the last byte.
 *
 * @param {string} urlPath         Path on the site.
 * @param {Object} options         Request options.
 * @param {string} options.cookie  Cookie header, '' for a visitor.
 * @param {string} options.plugin  'on', or 'off' to serve the request without the plugin.
 * @param {string} options.report  Report id: the bench mu-plugin writes the request's report.
 * @param {number} options.port    The main port or the Callgrind pool's.
 * @param {number} options.timeout Milliseconds.
 */
function fetchPage( urlPath, options = {} ) {
	// A keep-alive connection idle while wrk or Valgrind ran may have been closed by nginx just as
	// it is reused; a GET can safely go again, once.
	return fetchOnce( urlPath, options ).catch( ( error ) => {
		if (
			[ 'ECONNRESET', 'EPIPE' ].includes( error.code ) ||
			/socket hang up/.test( error.message )
		) {
			return fetchOnce( urlPath, options );
		}
		throw error;
	} );
}

function fetchOnce(
	urlPath,
	{
		cookie = '',
		plugin = 'on',
		report = '',
		port = PORT,
		timeout = 60_000,
	} = {}
) {
	return new Promise( ( resolve, reject ) => {
		const headers = {
			'X-Helpdesky-Bench-Plugin': plugin,
			'Accept-Encoding': 'identity',
		};
		if ( cookie ) {
			headers.Cookie = cookie;
		}
		if ( report ) {
			headers[ 'X-Helpdesky-Bench-Report' ] = report;
		}
		const start = process.hrtime.bigint();
		let firstByte = null;
		const request = http.request(
			{ host: '127.0.0.1', port, path: urlPath, agent, headers },
			( response ) => {
				const chunks = [];
				response.on( 'data', ( chunk ) => {
					firstByte ??= process.hrtime.bigint();
					chunks.push( chunk );
				} );
				response.on( 'end', () => {
					const end = process.hrtime.bigint();
					resolve( {
						status: response.statusCode,
						headers: response.headers,
						body: Buffer.concat( chunks ).toString( 'utf8' ),
						ttfb: Number( ( firstByte ?? end ) - start ) / 1e6,
						ttlb: Number( end - start ) / 1e6,
					} );
				} );
				response.on( 'error', reject );
			}
		);
		request.setTimeout( timeout, () =>
			request.destroy( new Error( `timeout: ${ urlPath }` ) )
		);
		request.on( 'error', reject );
		request.end();
	} );
}

function readReport( id ) {
	// The mu-plugin keeps [a-z0-9-] of the id.
	const file = path.join(
		WP_ROOT,
		'wp-content/bench-reports',
		`${ id.toLowerCase().replace( /[^a-z0-9-]/g, '' ) }.json`
	);
	const report = JSON.parse( fs.readFileSync( file, 'utf8' ) );
	fs.rmSync( file );
	return report;
}

/**
 * Script and stylesheet tags, the assets a page makes the browser fetch or parse.
 * @param {string} html A page.
 */
function assetTags( html ) {
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
function lineDiff( a, b ) {
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

// ---------------------------------------------------------------- the site

function startSite() {
	log( `starting WordPress on ${ HOST } (run folder .cache/bench/stack)` );
	stack( 'start' );
	// The MariaDB server is shared with the e2e suite and the integration tests; the bench must
	// never stop it from under them, even when it was the one that started it.
	fs.rmSync( path.join( STACK_DIR, '.mariadb-started-by-e2e' ), {
		force: true,
	} );

	// Production settings: no debug mode; the real script URL instead of the e2e stand-in.
	const configFile = path.join( WP_ROOT, 'wp-config.php' );
	fs.writeFileSync(
		configFile,
		fs
			.readFileSync( configFile, 'utf8' )
			.replace(
				'define( "WP_DEBUG", true );',
				'define( "WP_DEBUG", false );'
			)
	);
	const mu = path.join( WP_ROOT, 'wp-content/mu-plugins' );
	fs.rmSync( path.join( mu, 'helpdesky-stand-in-loader.php' ), {
		force: true,
	} );
	fs.rmSync( path.join( mu, 'helpdesky-stand-in' ), {
		recursive: true,
		force: true,
	} );
	fs.cpSync( path.join( BENCH, 'fixtures/mu-plugins' ), mu, {
		recursive: true,
	} );
	fs.cpSync(
		path.join( BENCH, 'fixtures/classic-theme' ),
		path.join( WP_ROOT, 'wp-content/themes', CLASSIC_THEME ),
		{ recursive: true }
	);

	const setup = run( 'php', [
		path.join( BENCH, 'site-setup.php' ),
		WP_ROOT,
		String( CONFIG.users ),
	] );
	const site = JSON.parse( setup.stdout );
	site.cookies = site.users.map(
		( user ) => `${ site.cookie_name }=${ user.cookie }`
	);
	fs.writeFileSync(
		path.join( RUN, 'cookies.txt' ),
		site.cookies.join( '\n' ) + '\n'
	);
	return site;
}

function stopSite() {
	if ( process.env.HELPDESKY_BENCH_KEEP === '1' ) {
		log( `site left running at http://${ HOST }/` );
		return;
	}
	run( 'bash', [ path.join( ROOT, 'bin/e2e-stack.sh' ), 'stop' ], {
		env: STACK_ENV,
		check: false,
	} );
}

/**
 * The pages compared in a theme: what each must contain, so a broken page (an error, a login
 * prompt where a signed embed belongs) can never pass for a fast one.
 * @param {string} theme Theme slug.
 * @param {Object} site  What site-setup.php made.
 */
function casesFor( theme, site ) {
	const paragraphText =
		'Signed-in users see their support conversations here.';
	const cases = {
		block: {
			label: 'Support page (block)',
			path: site.pages.block,
			plugin: 'on',
			expect: ( body, user ) =>
				body.includes( `data-email="${ user.email }"` ) &&
				body.includes( 'data-signature="' ),
		},
		paragraph: {
			label: 'Same page, paragraph instead of the block',
			path: site.pages.paragraph,
			plugin: 'on',
			expect: ( body ) =>
				body.includes( paragraphText ) &&
				! body.includes( 'hdh-ticket-center' ),
		},
		// A/A control: the paragraph page once more in every round. Its paired ratio to the
		// paragraph page shows how far a ratio moves when nothing differs.
		paragraphAgain: {
			label: 'Same paragraph page again (noise floor)',
			path: site.pages.paragraph,
			plugin: 'on',
			latencyOnly: true,
			expect: ( body ) =>
				body.includes( paragraphText ) &&
				! body.includes( 'hdh-ticket-center' ),
		},
	};
	if ( theme === CLASSIC_THEME ) {
		cases.guide = {
			label: "Helpdesky guide's page template, plugin off",
			path: site.pages.guide,
			plugin: 'off',
			expect: ( body, user ) =>
				body.includes( 'data-signature="' ) &&
				body.toLowerCase().includes( `data-email="${ user.email }"` ),
		};
		// The same template with the block printed by do_blocks(), as the README tells classic
		// theme developers: the guide's template next to its replacement, theme code either way.
		cases.template = {
			label: 'Theme template with the block (plugin on)',
			path: site.pages.template,
			plugin: 'on',
			noThroughput: true,
			expect: ( body, user ) =>
				body.includes( '<main class="support-page">' ) &&
				body.includes( `data-email="${ user.email }"` ) &&
				body.includes( 'data-signature="' ),
		};
	}
	cases.paragraphOff = {
		label: 'Paragraph page, plugin off',
		path: site.pages.paragraph,
		plugin: 'off',
		noThroughput: true,
		expect: ( body ) => body.includes( paragraphText ),
	};
	return cases;
}

async function checkedFetch( name, kase, user, cookie ) {
	const response = await fetchPage( kase.path, {
		cookie,
		plugin: kase.plugin,
	} );
	if ( response.status !== 200 || ! kase.expect( response.body, user ) ) {
		throw new Error(
			`${ name } (${ kase.path }, plugin ${ kase.plugin }) did not answer as expected: HTTP ${
				response.status
			}\n${ response.body.slice( 0, 2000 ) }`
		);
	}
	return response;
}

// ---------------------------------------------------------------- measurements

/**
 * Full response time of every case, interleaved: each round requests every case once, in a
 * shuffled order, so the samples of one round are pairs (see pairedRatio()).
 * @param {Object} cases casesFor()'s answer.
 * @param {Object} site  What site-setup.php made.
 */
async function measureLatency( cases, site ) {
	const names = Object.keys( cases );
	const random = mulberry32( 7 );
	const samples = Object.fromEntries( names.map( ( n ) => [ n, [] ] ) );
	const ttfb = Object.fromEntries( names.map( ( n ) => [ n, [] ] ) );
	const rounds = CONFIG.latencyWarmup + CONFIG.latencyRounds;
	for ( let round = 0; round < rounds; round++ ) {
		const index = round % site.users.length;
		for ( const name of shuffle( names, random ) ) {
			const response = await checkedFetch(
				name,
				cases[ name ],
				site.users[ index ],
				site.cookies[ index ]
			);
			if ( round >= CONFIG.latencyWarmup ) {
				samples[ name ].push( response.ttlb );
				ttfb[ name ].push( response.ttfb );
			}
		}
	}
	return Object.fromEntries(
		names.map( ( n ) => [
			n,
			{
				label: cases[ n ].label,
				ttlb: summary( samples[ n ] ),
				ttfb: summary( ttfb[ n ] ),
				vsParagraph: pairedRatio( samples[ n ], samples.paragraph ),
				raw: samples[ n ],
			},
		] )
	);
}

/**
 * Fails the run when the plugin has written its late-render memory: from then on it holds every
 * classic page in a buffer, which would change every case measured after it.
 * @param {Object} site  What site-setup.php made.
 * @param {string} phase What ran before, for the message.
 */
async function assertNoLateRender( site, phase ) {
	await fetchPage( site.pages.paragraph, {
		plugin: 'off',
		report: 'late-render',
	} );
	if ( readReport( 'late-render' ).late_render_seen ) {
		throw new Error(
			`after ${ phase }: the option helpdesky_block_late_render_seen exists; a template rendered the block late without announcing it (helpdesky_block_force_uncacheable), and the plugin now holds every classic page in a buffer`
		);
	}
}

/**
 * Queries, bytes and asset tags of pages with the plugin on and off, and the block's own.
 * @param {Object} cases casesFor()'s answer.
 * @param {Object} site  What site-setup.php made.
 */
async function measurePages( cases, site ) {
	const cookie = site.cookies[ 0 ];
	const result = { queries: {}, pagesWithoutBlock: [] };

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
			result.queries[ `${ name }/${ who }` ] = {
				label: kase.label,
				who,
				count: report.num_queries,
				sql: report.queries.map( ( q ) =>
					q.sql.replace( /\s+/g, ' ' ).trim()
				),
				bytes: Buffer.byteLength( response.body ),
			};
		}
	}

	const pages = [ site.pages.paragraph, ...site.other_pages ];
	for ( const page of pages ) {
		for ( const [ who, c ] of [
			[ 'subscriber', cookie ],
			[ 'visitor', '' ],
		] ) {
			// Query logs in requests of their own: the HTML compared is the real one.
			await fetchPage( page, {
				cookie: c,
				plugin: 'on',
				report: 'p-on',
			} );
			const onReport = readReport( 'p-on' );
			await fetchPage( page, {
				cookie: c,
				plugin: 'off',
				report: 'p-off',
			} );
			const offReport = readReport( 'p-off' );
			const on = await fetchPage( page, { cookie: c, plugin: 'on' } );
			const off = await fetchPage( page, { cookie: c, plugin: 'off' } );
			// The same page twice, to tell the plugin's difference from a page that varies anyway.
			const again = await fetchPage( page, { cookie: c, plugin: 'on' } );
			const diff = lineDiff( on.body, off.body );
			result.pagesWithoutBlock.push( {
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
					.map( ( q ) => q.sql.replace( /\s+/g, ' ' ).trim() )
					.filter(
						( sql ) =>
							! offReport.queries.some(
								( q ) =>
									q.sql.replace( /\s+/g, ' ' ).trim() === sql
							)
					),
				onlyOn: diff.onlyA.slice( 0, 10 ),
				onlyOff: diff.onlyB.slice( 0, 10 ),
				stable: again.body === on.body,
				headersOn: Object.keys( on.headers ).sort(),
				headersOff: Object.keys( off.headers ).sort(),
			} );
		}
	}
	return result;
}

/**
 * The plugin's own time inside PHP-FPM: the load of its files and each hooked callback.
 * @param {Object} cases casesFor()'s answer.
 * @param {Object} site  What site-setup.php made.
 */
async function measureCallbacks( cases, site ) {
	const result = {};
	for ( const name of [ 'paragraph', 'block' ] ) {
		const kase = cases[ name ];
		const load = [];
		const callbacks = {};
		const peak = [];
		for ( let i = 0; i < CONFIG.reportSamples + 2; i++ ) {
			const id = `cb-${ name }-${ i }`;
			await fetchPage( kase.path, {
				cookie: site.cookies[ i % site.cookies.length ],
				plugin: 'on',
				report: id,
			} );
			const report = readReport( id );
			if ( i < 2 ) {
				continue; // Warm-up.
			}
			load.push( report.plugin_load_ns / 1000 );
			peak.push( report.peak_memory );
			for ( const [ label, ns ] of Object.entries(
				report.callbacks_ns
			) ) {
				( callbacks[ label ] ??= [] ).push( ns / 1000 );
			}
		}
		result[ name ] = {
			label: kase.label,
			load: summary( load ),
			callbacks: Object.fromEntries(
				Object.entries( callbacks ).map( ( [ label, values ] ) => [
					label,
					summary( values ),
				] )
			),
			peakMemory: median( peak ),
		};
	}
	// Peak memory with the plugin off, for the memory the plugin adds.
	const offPeak = [];
	for ( let i = 0; i < CONFIG.reportSamples; i++ ) {
		await fetchPage( cases.paragraph.path, {
			cookie: site.cookies[ i % site.cookies.length ],
			plugin: 'off',
			report: `cb-off-${ i }`,
		} );
		offPeak.push( readReport( `cb-off-${ i }` ).peak_memory );
	}
	result.peakMemoryOff = median( offPeak );
	return result;
}

function wrkOnce( urlPath, plugin, seconds ) {
	const result = run(
		'wrk',
		[
			'-t1',
			`-c${ CONCURRENCY }`,
			`-d${ seconds }s`,
			'--timeout',
			'30s',
			'-s',
			path.join( BENCH, 'wrk-users.lua' ),
			`http://${ HOST }`,
			'--',
			urlPath,
			plugin,
			path.join( RUN, 'cookies.txt' ),
		],
		{ timeout: ( seconds + 60 ) * 1000 }
	);
	const out = result.stdout;
	const match = out.match( /(\d+) requests in ([\d.]+)(ms|s|m)/ );
	if ( ! match ) {
		throw new Error( `unexpected wrk output:\n${ out }` );
	}
	const unit = { ms: 0.001, s: 1, m: 60 }[ match[ 3 ] ];
	const bad = Number(
		( out.match( /Non-2xx or 3xx responses: (\d+)/ ) || [] )[ 1 ] || 0
	);
	const errors = out.match( /Socket errors: (.*)/ );
	if ( bad || errors ) {
		throw new Error( `wrk saw failed requests on ${ urlPath }:\n${ out }` );
	}
	return {
		requests: Number( match[ 1 ] ),
		seconds: Number( match[ 2 ] ) * unit,
	};
}

/**
 * Requests per second with 50 concurrent subscribers, the cases alternating slot by slot.
 * @param {Object} cases casesFor()'s answer.
 */
function measureThroughput( cases ) {
	const names = Object.keys( cases ).filter(
		( n ) => ! cases[ n ].noThroughput && ! cases[ n ].latencyOnly
	);
	for ( const name of names ) {
		wrkOnce( cases[ name ].path, cases[ name ].plugin, 3 ); // Warm-up.
	}
	const slots = Object.fromEntries( names.map( ( n ) => [ n, [] ] ) );
	for ( let slot = 0; slot < CONFIG.throughputSlots; slot++ ) {
		// A B C, C B A, ...: no case always runs first or last.
		const order = slot % 2 ? [ ...names ].reverse() : names;
		for ( const name of order ) {
			slots[ name ].push(
				wrkOnce(
					cases[ name ].path,
					cases[ name ].plugin,
					CONFIG.throughputSlot
				)
			);
		}
	}
	return Object.fromEntries(
		names.map( ( n ) => {
			const requests = slots[ n ].reduce(
				( sum, s ) => sum + s.requests,
				0
			);
			const seconds = slots[ n ].reduce(
				( sum, s ) => sum + s.seconds,
				0
			);
			const rates = slots[ n ].map( ( s ) => s.requests / s.seconds );
			return [
				n,
				{
					label: cases[ n ].label,
					rps: requests / seconds,
					requests,
					seconds,
					min: Math.min( ...rates ),
					max: Math.max( ...rates ),
					rates,
				},
			];
		} )
	);
}

// ---------------------------------------------------------------- instructions

/**
 * A second PHP-FPM pool, one worker, run under Valgrind's Callgrind, behind its own nginx port.
 * Callgrind writes one dump per request (--dump-after=php_request_shutdown), so each request's
 * instruction count is known exactly, on a warm worker as in production (OPcache, PCRE cache and
 * realpath cache filled by earlier requests). Unlike a clock, the count hardly moves when other
 * work shares the machine.
 */
function startCallgrindPool() {
	const dir = path.join( RUN, 'callgrind' );
	fs.rmSync( dir, { recursive: true, force: true } );
	fs.mkdirSync( dir, { recursive: true } );
	let socket = path.join( dir, 'fpm.sock' );
	if ( socket.length > 100 ) {
		// A Unix socket path may not exceed 107 bytes.
		socket = path.join(
			os.tmpdir(),
			`helpdesky-block-bench-${ PORT }-callgrind.sock`
		);
	}
	const root = process.getuid?.() === 0;
	fs.writeFileSync(
		path.join( dir, 'php-fpm.conf' ),
		[
			'; Generated by bin/bench/bench.mjs: the Callgrind pool.',
			'[global]',
			`error_log = ${ dir }/php-fpm.log`,
			'daemonize = no',
			'',
			'[callgrind]',
			...( root ? [ 'user = root', 'group = root' ] : [] ),
			`listen = ${ socket }`,
			'listen.mode = 0600',
			'pm = static',
			'pm.max_children = 1',
			'clear_env = yes',
			'php_admin_value[memory_limit] = 256M',
			`php_value[error_log] = ${ dir }/php-errors.log`,
			'',
		].join( '\n' )
	);
	// The same site as the main port: WordPress must see its own host and port, or it redirects.
	const snippet = path.join( dir, 'helpdesky-bench-callgrind.conf' );
	fs.writeFileSync(
		snippet,
		[
			'# Generated by bin/bench/bench.mjs: the Callgrind pool behind its own port.',
			'server {',
			`\tlisten 127.0.0.1:${ PORT + 1 };`,
			'\tserver_name 127.0.0.1;',
			'\troot @WP_ROOT@;',
			'\tindex index.php;',
			'\tlocation / {',
			'\t\ttry_files $uri $uri/ /index.php?$args;',
			'\t}',
			'\tlocation ~ \\.php$ {',
			'\t\tinclude /etc/nginx/fastcgi.conf;',
			'\t\tfastcgi_param HTTP_HOST 127.0.0.1:@PORT@;',
			'\t\tfastcgi_param SERVER_PORT @PORT@;',
			`\t\tfastcgi_pass unix:${ socket };`,
			'\t\tfastcgi_read_timeout 300s;',
			'\t}',
			'}',
			'',
		].join( '\n' )
	);
	stack( 'add-nginx-conf', snippet );

	const logFile = fs.openSync( path.join( dir, 'valgrind.log' ), 'w' );
	const child = spawn(
		'valgrind',
		[
			'--tool=callgrind',
			'--dump-after=php_request_shutdown',
			`--callgrind-out-file=${ dir }/out.%p`,
			process.env.HELPDESKY_E2E_PHP_FPM || 'php-fpm8.2',
			'--nodaemonize',
			'--fpm-config',
			path.join( dir, 'php-fpm.conf' ),
			...( root ? [ '--allow-to-run-as-root' ] : [] ),
		],
		{ detached: true, stdio: [ 'ignore', logFile, logFile ] }
	);
	fs.closeSync( logFile );
	const deadline = Date.now() + 120_000;
	while ( ! fs.existsSync( socket ) ) {
		if ( Date.now() > deadline || child.exitCode !== null ) {
			throw new Error(
				`the Callgrind pool did not start; see ${ path.relative( ROOT, dir ) }/valgrind.log`
			);
		}
		spawnSync( 'sleep', [ '0.2' ] );
	}
	return { child, dir, port: PORT + 1, dumps: new Set() };
}

function stopCallgrindPool( pool ) {
	if ( pool?.child.exitCode === null ) {
		try {
			// The whole group: Valgrind, the FPM master and its worker.
			process.kill( -pool.child.pid, 'SIGTERM' );
		} catch {}
	}
}

/**
 * Instructions of one request, read from the dump Callgrind writes when the request ends.
 * @param {Object} pool    startCallgrindPool()'s answer.
 * @param {string} urlPath Path on the site.
 * @param {string} cookie  Cookie header.
 * @param {string} plugin  'on' or 'off'.
 */
async function instructionsOf( pool, urlPath, cookie, plugin ) {
	const response = await fetchPage( urlPath, {
		cookie,
		plugin,
		port: pool.port,
		timeout: 300_000,
	} );
	if ( response.status !== 200 ) {
		throw new Error(
			`Callgrind pool: HTTP ${ response.status } for ${ urlPath }`
		);
	}
	const deadline = Date.now() + 30_000;
	for (;;) {
		for ( const file of fs.readdirSync( pool.dir ) ) {
			if ( ! /^out\.\d+\.\d+$/.test( file ) || pool.dumps.has( file ) ) {
				continue;
			}
			const text = fs.readFileSync( path.join( pool.dir, file ), 'utf8' );
			const totals = text.match( /^totals: (\d+)/m );
			if ( totals ) {
				pool.dumps.add( file );
				fs.rmSync( path.join( pool.dir, file ) );
				return Number( totals[ 1 ] );
			}
		}
		if ( Date.now() > deadline ) {
			throw new Error( `Callgrind wrote no dump for ${ urlPath }` );
		}
		await new Promise( ( resolve ) => setTimeout( resolve, 100 ) );
	}
}

async function measureInstructions( pool, cases, site, theme ) {
	const wanted = [
		[ 'paragraph', 'on' ],
		[ 'paragraph', 'off' ],
		[ 'block', 'on' ],
	];
	if ( theme === CLASSIC_THEME ) {
		wanted.push( [ 'guide', 'off' ], [ 'template', 'on' ] );
	}
	const random = mulberry32( 11 );
	const counts = {};
	for (
		let round = 0;
		round < CONFIG.callgrindWarmup + CONFIG.callgrindRounds;
		round++
	) {
		for ( const [ name, plugin ] of shuffle( wanted, random ) ) {
			const n = await instructionsOf(
				pool,
				cases[ name ].path,
				site.cookies[ round % site.cookies.length ],
				plugin
			);
			if ( round >= CONFIG.callgrindWarmup ) {
				( counts[ `${ name }/${ plugin }` ] ??= [] ).push( n );
			}
		}
	}
	return Object.fromEntries(
		Object.entries( counts ).map( ( [ key, values ] ) => [
			key,
			{
				...summary( values ),
				min: Math.min( ...values ),
				max: Math.max( ...values ),
			},
		] )
	);
}

function measureRender() {
	const result = run(
		'php',
		[
			'-d',
			'opcache.enable_cli=1',
			path.join( BENCH, 'render-cost.php' ),
			WP_ROOT,
			'bench-user-01',
			String( CONFIG.renderBatches ),
			String( CONFIG.renderBatchSize ),
		],
		{ timeout: 600_000 }
	);
	const data = JSON.parse( result.stdout );
	return {
		...data,
		summary: Object.fromEntries(
			Object.entries( data.samples_us ).map( ( [ name, values ] ) => [
				name,
				summary( values ),
			] )
		),
	};
}

function measureBundles() {
	const dir = path.join( ROOT, 'build/ticket-center' );
	const result = {};
	for ( const file of fs.readdirSync( dir ).sort() ) {
		if ( ! /\.(js|css)$/.test( file ) ) {
			continue;
		}
		const content = fs.readFileSync( path.join( dir, file ) );
		result[ file ] = {
			raw: content.length,
			gzip: zlib.gzipSync( content, { level: 9 } ).length,
			brotli: zlib.brotliCompressSync( content ).length,
		};
	}
	const assetFile = path.join( dir, 'index.asset.php' );
	result.externals = fs.existsSync( assetFile )
		? (
				fs
					.readFileSync( assetFile, 'utf8' )
					.match( /'(wp-[\w-]+|react[\w-]*)'/g ) || []
			).map( ( s ) => s.replace( /'/g, '' ) )
		: [];
	return result;
}

function machine() {
	const version = ( command, args, pattern ) => {
		const r = run( command, args, { check: false } );
		const text = `${ r.stdout || '' }${ r.stderr || '' }`;
		return ( text.match( pattern ) || [] )[ 1 ] || 'unknown';
	};
	const wpVersion = ( fs
		.readFileSync( path.join( WP_ROOT, 'wp-includes/version.php' ), 'utf8' )
		.match( /\$wp_version = '([^']+)'/ ) || [] )[ 1 ];
	const fpmOpcache =
		run( 'php-fpm8.2', [ '-i' ], { check: false } ).stdout || '';
	return {
		cpu: os.cpus()[ 0 ]?.model.trim() || 'unknown',
		cores: os.cpus().length,
		memoryGiB: ( os.totalmem() / 2 ** 30 ).toFixed( 1 ),
		kernel: `${ os.type() } ${ os.release() }`,
		os: ( fs.existsSync( '/etc/os-release' )
			? fs
					.readFileSync( '/etc/os-release', 'utf8' )
					.match( /PRETTY_NAME="([^"]+)"/ )
			: null )?.[ 1 ],
		php: version( 'php', [ '-v' ], /PHP (\S+)/ ),
		phpFpmOpcache: /opcache\.enable => On/.test( fpmOpcache )
			? 'on'
			: 'off',
		nginx: version( 'nginx', [ '-v' ], /nginx\/(\S+)/ ),
		mariadb: version( 'mariadbd', [ '--version' ], /Ver (\S+)/ ),
		wordpress: wpVersion,
		node: process.version,
		wrk: version( 'wrk', [ '-v' ], /wrk (\S+)/ ),
		valgrind: version( 'valgrind', [ '--version' ], /valgrind-(\S+)/ ),
		loadBefore: os.loadavg().map( ( l ) => l.toFixed( 2 ) ),
	};
}

// ---------------------------------------------------------------- report

const fmt = ( n, digits = 1 ) =>
	Number.isFinite( n ) ? n.toFixed( digits ) : 'n/a';
const pct = ( n ) => `${ n >= 0 ? '+' : '' }${ ( n * 100 ).toFixed( 2 ) }%`;
const mark = ( ok, noisy ) => {
	const flag = noisy ? ` (noisy run: ${ noisy })` : '';
	if ( ok === null ) {
		return `measured${ flag }`;
	}
	return `${ ok ? 'met' : '**missed**' }${ flag }`;
};
/**
 * Why a theme's response-time ratios are too noisy to trust their verdicts, or '': the A/A
 * control (the paragraph page against itself) should come out at 1 within ±2%.
 *
 * @param {Object} floor The A/A control's pairedRatio() answer.
 */
const noisyFloor = ( floor ) => {
	const reasons = [];
	if ( floor.low > 1 || floor.high < 1 ) {
		reasons.push(
			`the paragraph page ÷ itself is ${ fmt( floor.value, 3 ) }, its 95% interval misses 1`
		);
	}
	if ( ( floor.high - floor.low ) / 2 > 0.02 ) {
		reasons.push(
			'the paragraph page ÷ itself has a 95% interval wider than ±2%'
		);
	}
	return reasons.join( '; ' );
};
/**
 * Why a response-time ratio is too noisy to trust its verdict, or '': its own interval, and the
 * theme's noise floor.
 *
 * @param {Object} r     A pairedRatio() answer.
 * @param {Object} floor The theme's A/A control.
 */
const noisyRatio = ( r, floor ) =>
	[
		( r.high - r.low ) / 2 > 0.02
			? 'the 95% interval is wider than ±2%'
			: '',
		noisyFloor( floor ),
	]
		.filter( Boolean )
		.join( '; ' );
const millions = ( n ) => `${ ( n / 1e6 ).toFixed( 2 ) } M`;
const ratioText = ( r ) =>
	`${ fmt( r.value, 3 ) } (95% CI ${ fmt( r.low, 3 ) }–${ fmt( r.high, 3 ) })`;
const themeName = ( theme ) =>
	theme === BLOCK_THEME
		? 'block theme (Twenty Twenty-Five)'
		: 'classic theme (test theme)';

function verdicts( results ) {
	const rows = [];
	for ( const [ theme, t ] of Object.entries( results.themes ) ) {
		const vsParagraph = t.ratios.blockVsParagraph;
		const floor = t.ratios.noiseFloor;
		rows.push( [
			`Full response time, Support page ÷ same page with a paragraph, subscriber, ${ themeName(
				theme
			) }`,
			`≤ ${ TARGETS.latencyVsParagraph.toFixed( 2 ) }`,
			ratioText( vsParagraph ),
			vsParagraph.value <= TARGETS.latencyVsParagraph,
			[
				vsParagraph.value > TARGETS.latencyVsParagraph &&
				vsParagraph.low <= TARGETS.latencyVsParagraph
					? `by less than this run's noise: the 95% interval reaches below ${ TARGETS.latencyVsParagraph.toFixed(
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
		] );
		rows.push( [
			`Noise floor: full response time, the paragraph page ÷ the same page again (A/A, nothing differs), ${ themeName(
				theme
			) }`,
			'1 within ±2%',
			ratioText( floor ),
			null,
			noisyFloor( floor ),
		] );
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
	}
	for ( const [ theme, t ] of Object.entries( results.themes ) ) {
		const q = t.pages.queries;
		const added =
			q[ 'block/subscriber' ].count - q[ 'paragraph/subscriber' ].count;
		rows.push( [
			`Database queries added by the block (Support page − paragraph page, subscriber), ${ themeName(
				theme
			) }`,
			'0',
			String( added ),
			added <= 0,
		] );
		const worst = Math.max(
			...t.pages.pagesWithoutBlock.map(
				( p ) => p.queriesOn - p.queriesOff
			)
		);
		rows.push( [
			`Database queries added by the plugin on pages without the block, ${ themeName( theme ) }`,
			'0',
			`${ worst } (worst page)`,
			worst <= 0,
		] );
		const bytes = Math.max(
			...t.pages.pagesWithoutBlock.map( ( p ) =>
				Math.abs( p.bytesOn - p.bytesOff )
			)
		);
		const tags = Math.max(
			...t.pages.pagesWithoutBlock.map(
				( p ) =>
					p.tagsOn.script +
					p.tagsOn.link -
					p.tagsOff.script -
					p.tagsOff.link
			)
		);
		rows.push( [
			`HTML bytes / asset tags added on pages without the block, ${ themeName( theme ) }`,
			'0 / 0',
			`${ bytes } / ${ tags }`,
			bytes === 0 && tags <= 0,
		] );
	}
	const editor = results.bundles[ 'index.js' ];
	rows.push( [
		'Editor script, gzipped, WordPress externals excluded',
		`≤ ${ TARGETS.editorScriptGzip } B`,
		`${ editor.gzip } B`,
		editor.gzip <= TARGETS.editorScriptGzip,
	] );
	for ( const [ theme, t ] of Object.entries( results.themes ) ) {
		// Slots of the two cases that ran next to each other, ratio by ratio, as for response
		// times: drift over the run hits both slots of a pair alike.
		const r = pairedRatio(
			t.throughput.block.rates,
			t.throughput.paragraph.rates
		);
		rows.push( [
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
		] );
	}
	// Instruction counts: what the clocks measure, without the machine's noise.
	for ( const [ theme, t ] of Object.entries( results.themes ) ) {
		const ins = t.instructions;
		const ratioOf = ( a, b ) => ins[ a ].min / ins[ b ].min;
		const change = ( a, b ) =>
			`${ fmt( ratioOf( a, b ), 3 ) } (${ millions(
				ins[ a ].min - ins[ b ].min
			) })`;
		rows.push( [
			`Instructions per request, Support page ÷ paragraph page, ${ themeName(
				theme
			) }`,
			`≤ ${ TARGETS.latencyVsParagraph.toFixed( 2 ) }`,
			change( 'block/on', 'paragraph/on' ),
			ratioOf( 'block/on', 'paragraph/on' ) <= TARGETS.latencyVsParagraph,
		] );
		if ( ins[ 'guide/off' ] ) {
			rows.push( [
				`Instructions per request, Support page ÷ Helpdesky guide's template (plugin off), ${ themeName(
					theme
				) }`,
				'≤ 1.00',
				change( 'block/on', 'guide/off' ),
				ratioOf( 'block/on', 'guide/off' ) <= TARGETS.latencyVsGuide,
			] );
			rows.push( [
				`Instructions per request, Support template with the block ÷ guide's template (plugin off), ${ themeName(
					theme
				) }`,
				'≤ 1.00',
				change( 'template/on', 'guide/off' ),
				ratioOf( 'template/on', 'guide/off' ) <= TARGETS.latencyVsGuide,
			] );
		}
		rows.push( [
			`Plugin start-up on a page without the block, instructions, plugin on ÷ off, ${ themeName(
				theme
			) }`,
			'—',
			change( 'paragraph/on', 'paragraph/off' ),
			null,
		] );
	}
	return rows;
}

function table( header, rows ) {
	return [
		`| ${ header.join( ' | ' ) } |`,
		`|${ header.map( () => '---' ).join( '|' ) }|`,
		...rows.map( ( r ) => `| ${ r.join( ' | ' ) } |` ),
	].join( '\n' );
}

function renderReport( results ) {
	// The run's own settings, also when `bench.mjs report` writes the report again later.
	const config = results.config ?? CONFIG;
	const quick = results.quick ?? QUICK;
	const m = results.machine;
	const lines = [];
	const push = ( ...l ) => lines.push( ...l );
	push(
		'# Benchmarks',
		'',
		`Written by \`npm run bench\` (bin/bench/bench.mjs) on ${ results.date }${
			quick ? ' in **quick mode (too few samples to publish)**' : ''
		}; run it again rather than editing this file. The question: what does the Ticket Center block cost a site, next to the same page without it and next to the page template Helpdesky's WordPress guide recommends?`,
		'',
		'## Summary',
		'',
		table(
			[ 'Measure', 'Target', 'Result', '' ],
			verdicts( results ).map( ( [ a, b, c, ok, noisy ] ) => [
				a,
				b,
				c,
				mark( ok, noisy ),
			] )
		),
		'',
		"Response-time ratios are paired: in every round the two pages were requested within a fraction of a second of each other, the ratio is taken round by round, and the result is the geometric mean of those per-round ratios. The 95% interval comes from 2,000 bootstrap resamples of the rounds, so it shows how much the run's own noise allows the ratio to move; the noise floor row (the same page measured twice, nothing differs) shows how far a ratio strays from 1 on this machine in this run. A response-time row is flagged as a noisy run when its own interval is wider than ±2%, or when the noise floor misses 1 or is wider than ±2%.",
		''
	);

	push(
		'## Machine',
		'',
		table(
			[ 'Item', 'Value' ],
			[
				[
					'CPU',
					`${ m.cpu }, ${ m.cores } cores, ${ m.memoryGiB } GiB RAM`,
				],
				[ 'System', `${ m.os }, ${ m.kernel }` ],
				[
					'Stack',
					`WordPress ${ m.wordpress }, PHP ${ m.php } (PHP-FPM, OPcache ${ m.phpFpmOpcache }, 4 static workers), nginx ${ m.nginx }, MariaDB ${ m.mariadb }`,
				],
				[
					'Tools',
					`Node ${ m.node }, wrk ${ m.wrk }, Valgrind ${ m.valgrind }`,
				],
				[
					'Load average at start / end',
					`${ m.loadBefore.join( ' ' ) } / ${ m.loadAfter.join(
						' '
					) } (highest 1-minute load seen during the run: ${ m.highestLoad })`,
				],
				[ 'Duration of the run', `${ results.durationSeconds } s` ],
			]
		),
		'',
		"Everything runs on the same machine over loopback: client, nginx, PHP-FPM and MariaDB share the cores. Absolute numbers are this machine's; the ratios are the result.",
		''
	);

	push(
		'## Method',
		'',
		"- **Site.** `bin/e2e-stack.sh` starts a production-like WordPress (nginx + PHP-FPM with OPcache + MariaDB) in a run folder, port and database of the bench's own; the bench then turns `WP_DEBUG` off, removes the e2e stand-in for helpdesky.io (the block prints the real script URL) and adds `bin/bench/fixtures`. `bin/bench/site-setup.php` creates 50 subscribers (mixed-case emails, as typed) with logged-in cookies made from real session tokens, and four pages titled \"Support\": the block alone, a paragraph instead of the block, an empty page using `page-support-guide.php`, the template from Helpdesky's WordPress guide copied verbatim into the classic test theme (one `hash_hmac` in a theme file), and an empty page using `page-support-block.php`, the same template (same `get_header()`, `<main class=\"support-page\"><h1>Support</h1>`, `get_footer()`) printing the block with `echo do_blocks( '<!-- wp:helpdesky/ticket-center /-->' )` as the README tells classic theme developers. The guide page is measured with the plugin off, as a site following the guide would run; the block template with the plugin on, announced with the `helpdesky_block_force_uncacheable` filter as the README says (in the bench mu-plugin, as a theme's `functions.php` would). Without it the plugin would notice a late render and hold every classic page in a buffer from then on; the bench fails if its memory of that (`helpdesky_block_late_render_seen`) exists after any phase.",
		'- **Plugin on/off per request.** A bench mu-plugin removes the plugin from `active_plugins` for requests that carry `X-Helpdesky-Bench-Plugin: off`, so plugin-on and plugin-off requests can alternate on one site. The filter runs in both cases.',
		`- **Response time.** Full response time, request sent to last byte (not time to first byte: a classic theme flushes its head before the content renders), one keep-alive connection, logged in as a subscriber, rotating through the 50 users. Each round requests every case once in a shuffled order; ${ config.latencyWarmup } warm-up rounds are dropped, ${ config.latencyRounds } rounds are kept. A ratio is paired: for each round, the case's time divided by the reference's time in that same round, and the geometric mean of those ${ config.latencyRounds } ratios (its 95% interval from 2,000 bootstrap resamples of whole rounds, seeded). Pairing is what makes a 1% difference measurable on a shared machine: drift (other work, CPU frequency, a busy database) lasts seconds to minutes, so it slows both requests of a round alike and cancels in their ratio, whereas two medians taken over several minutes each carry their own share of it. As a control, every round also requests the paragraph page a second time ("Same paragraph page again (noise floor)"): its ratio to the paragraph page should be 1, and how far it strays is the run's noise floor. Every response is checked (status 200, the signed embed with the user's normalized email on the Support page and on the block template, no embed on the paragraph page).`,
		'- **Queries, bytes, assets.** Separate requests with `X-Helpdesky-Bench-Report` turn on `SAVEQUERIES` (never during timed requests) and write the query log; pages without the block (the paragraph page, the posts page, a post, a page) are fetched with the plugin on and off, as a subscriber and as a visitor, and compared byte for byte; asset tags are `<script>` and `<link>` tags.',
		`- **The plugin's own time.** In the same report requests the mu-plugin wraps each callback the plugin hooked and times it with \`hrtime\`, and times the \`include\` of the plugin's main file (${ config.reportSamples } requests after 2 warm-up, median). It first initializes WordPress's script and style registries, which every page initializes anyway, so the plugin's \`init\` callback is not charged for them.`,
		`- **Instructions per request.** A second PHP-FPM pool (one worker, same site, own nginx port) runs under Valgrind's Callgrind, which writes a dump at the end of every request (\`--dump-after=php_request_shutdown\`): the exact instruction count of each request on a warm worker, as in production (OPcache, PCRE and realpath caches filled by earlier requests). Counts hardly move when other work shares the machine, unlike clocks. ${ config.callgrindWarmup } warm-up rounds, then ${ config.callgrindRounds } rounds, cases shuffled in each.`,
		`- **Render cost.** \`bin/bench/render-cost.php\` loads the bench site's \`wp-load.php\` and calls \`render_block()\` on the parsed block ${ config.renderBatches } × ${ config.renderBatchSize } times per case, cases alternating batch by batch, OPcache on. Before each render it forgets the plugin's once-per-request actions (the \`helpdesky_block_*\` counters of \`did_action()\`), so every render pays what a page pays once: the cache opt-out and its headers, the instance claim, the signature.`,
		'- **Script size.** `build/` as `npm run build` writes it, gzip level 9; WordPress packages are externals (`index.asset.php`), not in the file. `tests/js/bundle-size.test.ts`, part of `npm test`, fails when a budget is exceeded.',
		`- **Throughput.** \`wrk\` with ${ CONCURRENCY } connections, one client thread; \`bin/bench/wrk-users.lua\` gives each request the next subscriber's cookie, so the ${ CONCURRENCY } requests in flight belong to different users. Cases alternate in ${ config.throughputSlot } s slots (A B C, C B A, …), ${ config.throughputSlots } slots each after a 3 s warm-up per case; the ratio to the paragraph page is the geometric mean of the ratios of slots that ran next to each other, with a 95% interval from resampling those pairs. Any non-2xx answer or socket error fails the run.`,
		''
	);

	push( '## Results', '' );
	for ( const [ theme, t ] of Object.entries( results.themes ) ) {
		push(
			`### ${ themeName( theme ) }`,
			'',
			'#### Full response time (subscriber, ms)',
			''
		);
		push(
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
			''
		);

		if ( t.ratios.blockVsGuide ) {
			push(
				`Paired ratios to the guide's template (plugin off): the Support page ${ ratioText(
					t.ratios.blockVsGuide
				) }, the theme template with the block ${ ratioText(
					t.ratios.templateVsGuide
				) }.`,
				''
			);
		}

		push( '#### Database queries and HTML (whole request)', '' );
		push(
			table(
				[ 'Case', 'Visitor', 'Queries', 'HTML bytes' ],
				Object.values( t.pages.queries ).map( ( q ) => [
					q.label,
					q.who,
					q.count,
					q.bytes,
				] )
			),
			''
		);
		const blockOnly = t.pages.queries[ 'block/subscriber' ].sql.filter(
			( sql ) =>
				! t.pages.queries[ 'paragraph/subscriber' ].sql.includes( sql )
		);
		const paragraphOnly = t.pages.queries[
			'paragraph/subscriber'
		].sql.filter(
			( sql ) =>
				! t.pages.queries[ 'block/subscriber' ].sql.includes( sql )
		);
		push(
			`Queries only on the Support page (besides looking up its own slug): ${
				blockOnly.filter(
					( s ) =>
						! /'support'|ID = \d+|\(\d+\)|= '\d+'|post_parent = \d+|'page-support'/.test(
							s
						)
				).length
			}; only on the paragraph page: ${
				paragraphOnly.filter(
					( s ) =>
						! /'support-plain'|ID = \d+|\(\d+\)|= '\d+'|post_parent = \d+|'page-support-plain'/.test(
							s
						)
				).length
			}.`,
			''
		);

		push( '#### Pages without the block: plugin on vs off', '' );
		push(
			table(
				[
					'Page',
					'Visitor',
					'Bytes on / off',
					'script+link tags on / off',
					'Queries on / off',
					'Same page twice identical',
				],
				t.pages.pagesWithoutBlock.map( ( p ) => [
					`\`${ p.page }\``,
					p.who,
					`${ p.bytesOn } / ${ p.bytesOff }`,
					`${ p.tagsOn.script + p.tagsOn.link } / ${ p.tagsOff.script + p.tagsOff.link }`,
					`${ p.queriesOn } / ${ p.queriesOff }`,
					p.stable ? 'yes' : 'no',
				] )
			),
			''
		);
		const extra = [
			...new Set(
				t.pages.pagesWithoutBlock.flatMap( ( p ) => p.extraQueries )
			),
		];
		if ( extra.length ) {
			push(
				'Queries that only run with the plugin on:',
				'',
				...extra.map( ( sql ) => `- \`${ sql.slice( 0, 300 ) }\`` ),
				''
			);
		}
		const changed = t.pages.pagesWithoutBlock.filter(
			( p ) => p.onlyOn.length || p.onlyOff.length
		);
		if ( changed.length ) {
			push( 'HTML lines that differ:', '' );
			for ( const p of changed ) {
				push(
					`- \`${ p.page }\` (${ p.who }): only with the plugin: ${
						p.onlyOn
							.map( ( l ) => `\`${ l.slice( 0, 160 ) }\`` )
							.join( ', ' ) || 'none'
					}; only without: ${
						p.onlyOff
							.map( ( l ) => `\`${ l.slice( 0, 160 ) }\`` )
							.join( ', ' ) || 'none'
					}`
				);
			}
			push( '' );
		}

		push(
			"#### The plugin's own time per request (PHP-FPM, µs, median)",
			''
		);
		const cb = t.callbacks;
		const cbRows = [];
		const labels = new Set( [
			...Object.keys( cb.paragraph.callbacks ),
			...Object.keys( cb.block.callbacks ),
		] );
		cbRows.push( [
			'include helpdesky-block.php (all files, bootstrap())',
			fmt( cb.paragraph.load.median ),
			fmt( cb.block.load.median ),
		] );
		for ( const label of labels ) {
			cbRows.push( [
				`\`${ label.replace( /Helpdesky\\Block\\/g, '' ) }\``,
				fmt( cb.paragraph.callbacks[ label ]?.median ?? NaN ),
				fmt( cb.block.callbacks[ label ]?.median ?? NaN ),
			] );
		}
		const sum = ( c ) =>
			c.load.median +
			Object.values( c.callbacks ).reduce( ( s, v ) => s + v.median, 0 );
		cbRows.push( [
			'**Sum**',
			fmt( sum( cb.paragraph ) ),
			fmt( sum( cb.block ) ),
		] );
		push(
			table( [ 'Where', 'Paragraph page', 'Support page' ], cbRows ),
			'',
			`Wall-clock times, so they include work a callback does first that WordPress would otherwise do later in the same request (reading theme.json and template files, for one); the instruction counts below give the net cost. The block's render itself is not a hook callback; see the render cost below. Peak memory: ${ (
				cb.paragraph.peakMemory / 1024
			).toFixed( 0 ) } KiB with the plugin, ${ (
				cb.peakMemoryOff / 1024
			).toFixed( 0 ) } KiB without (paragraph page).`,
			''
		);

		push(
			'#### Instructions per request (Callgrind, warm PHP-FPM worker, subscriber)',
			''
		);
		const ins = t.instructions;
		const caseLabel = {
			'paragraph/on': 'Paragraph page, plugin on',
			'paragraph/off': 'Paragraph page, plugin off',
			'block/on': 'Support page (block)',
			'guide/off': "Helpdesky guide's page template, plugin off",
			'template/on': 'Theme template with the block (plugin on)',
		};
		push(
			table(
				[ 'Page', 'Min', 'Median', 'Max', 'n' ],
				Object.entries( ins ).map( ( [ key, c ] ) => [
					caseLabel[ key ] || key,
					millions( c.min ),
					millions( c.median ),
					millions( c.max ),
					c.n,
				] )
			),
			''
		);
		// Minimums: a request's own cost, without the occasional run of PHP's cycle collector
		// (about 0.7 M instructions) that lands on some requests and not others.
		const delta = ( a, b ) =>
			`${ millions( ins[ a ].min - ins[ b ].min ) } (${ pct(
				( ins[ a ].min - ins[ b ].min ) / ins[ b ].min
			) })`;
		push(
			`The plugin adds ${ delta( 'paragraph/on', 'paragraph/off' ) } instructions to a page without the block; the Support page costs ${ delta(
				'block/on',
				'paragraph/on'
			) } more than the same page with a paragraph${
				ins[ 'guide/off' ]
					? `, and ${ delta( 'block/on', 'guide/off' ) } more than the guide's template on a site without the plugin; the guide's template printing the block instead (plugin on) costs ${ delta( 'template/on', 'guide/off' ) } more than the guide's own`
					: ''
			}.`,
			''
		);

		push( '#### Throughput, 50 concurrent subscribers', '' );
		push(
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
						pairedRatio( c.rates, t.throughput.paragraph.rates )
							.value,
						3
					),
				] )
			),
			''
		);
	}

	push( '### Render cost inside WordPress (µs per render)', '' );
	const r = results.render.summary;
	const renderLabels = {
		block_subscriber: 'Ticket Center block, subscriber (signed embed)',
		block_visitor: 'Ticket Center block, visitor (login prompt)',
		paragraph_subscriber: 'Paragraph block',
		guide_subscriber: "The guide template's code (hash_hmac + echo)",
	};
	push(
		table(
			[ 'Case', 'Median', 'p25–p75', 'Queries per render' ],
			Object.entries( renderLabels ).map( ( [ key, label ] ) => [
				label,
				fmt( r[ key ].median, 1 ),
				`${ fmt( r[ key ].p25, 1 ) }–${ fmt( r[ key ].p75, 1 ) }`,
				fmt(
					results.render.queries[ key ] /
						( results.render.batches * results.render.batch_size ),
					0
				),
			] )
		),
		'',
		`${ results.render.batches } batches of ${ results.render.batch_size } renders per case, OPcache ${
			results.render.opcache ? 'on' : 'off'
		}. Queries on the first render of each case: ${ Object.entries(
			results.render.first_queries
		)
			.map( ( [ k, v ] ) => `${ k } ${ v }` )
			.join( ', ' ) }.`,
		''
	);

	push( '### Script sizes (bytes)', '' );
	push(
		table(
			[ 'File', 'Raw', 'gzip -9', 'Brotli' ],
			Object.entries( results.bundles )
				.filter( ( [ file ] ) => file !== 'externals' )
				.map( ( [ file, s ] ) => [
					`build/ticket-center/${ file }`,
					s.raw,
					s.gzip,
					s.brotli,
				] )
		),
		'',
		`Externals (provided by WordPress, not counted): ${ results.bundles.externals
			.map( ( e ) => `\`${ e }\`` )
			.join(
				', '
			) }. \`view.js\` loads only on pages with a cache-proof Ticket Center; the editor files only in the editor.`,
		''
	);

	const notes = path.join( BENCH, 'NOTES.md' );
	if ( fs.existsSync( notes ) ) {
		push( fs.readFileSync( notes, 'utf8' ).trim(), '' );
	}

	push(
		'## How to run',
		'',
		'```sh',
		'npm run bench            # about 9 minutes on 2 cores; writes BENCHMARKS.md',
		'HELPDESKY_BENCH_quick=1 npm run bench   # a 2-minute smoke run of the harness',
		"node bin/bench/bench.mjs report          # this file again from the last run's results",
		'```',
		'',
		'It needs what `npm test` needs (the Debian packages `.ci/run` installs) plus `wrk` and `valgrind`, which it installs with apt-get when missing and run as root. It builds the plugin, starts its own site on port 8897 (`HELPDESKY_BENCH_PORT`) in `.cache/bench/` and stops it at the end (`HELPDESKY_BENCH_KEEP=1` keeps it). The MariaDB server is shared with the test suite and left running. Close other heavy work first: the cases are interleaved so that noise hits them alike, but noise still widens the intervals.',
		''
	);
	return lines.join( '\n' );
}

// ---------------------------------------------------------------- main

async function main() {
	ensureTools();
	if ( process.env.HELPDESKY_BENCH_SKIP_BUILD !== '1' ) {
		log( 'npm run build' );
		run( 'npm', [ 'run', 'build', '--silent' ] );
	}
	fs.mkdirSync( RUN, { recursive: true } );
	const results = {
		date: new Date().toISOString().slice( 0, 10 ),
		config: CONFIG,
		bundles: measureBundles(),
		themes: {},
	};

	let site;
	let pool;
	try {
		site = startSite();
		// After the start: on a fresh clone the site's WordPress (whose version it reports) only
		// exists from here on.
		results.machine = machine();
		await assertNoLateRender( site, 'the site set-up' );
		pool = startCallgrindPool();
		for ( const theme of [ BLOCK_THEME, CLASSIC_THEME ] ) {
			log( `theme ${ theme }` );
			stack( 'site', 'theme', theme );
			const cases = casesFor( theme, site );
			// First requests after a theme switch write caches and options: not part of any case.
			for ( let i = 0; i < 3; i++ ) {
				for ( const [ name, kase ] of Object.entries( cases ) ) {
					await checkedFetch(
						name,
						kase,
						site.users[ i ],
						site.cookies[ i ]
					);
				}
			}
			await assertNoLateRender( site, `the warm-up (${ theme })` );
			const t = {};
			log( '  queries, bytes, assets' );
			t.pages = await measurePages( cases, site );
			await assertNoLateRender(
				site,
				`queries, bytes, assets (${ theme })`
			);
			log( "  the plugin's callbacks" );
			t.callbacks = await measureCallbacks( cases, site );
			log( '  response time' );
			t.latency = await measureLatency( cases, site );
			await assertNoLateRender( site, `response time (${ theme })` );
			const paired = ( a, b ) =>
				pairedRatio( t.latency[ a ].raw, t.latency[ b ].raw );
			t.ratios = {
				blockVsParagraph: t.latency.block.vsParagraph,
				noiseFloor: t.latency.paragraphAgain.vsParagraph,
				paragraphVsOff: paired( 'paragraph', 'paragraphOff' ),
			};
			if ( t.latency.guide ) {
				t.ratios.blockVsGuide = paired( 'block', 'guide' );
				t.ratios.templateVsGuide = paired( 'template', 'guide' );
			}
			log( '  instructions (Callgrind)' );
			t.instructions = await measureInstructions(
				pool,
				cases,
				site,
				theme
			);
			await assertNoLateRender( site, `instructions (${ theme })` );
			log( '  throughput (wrk)' );
			t.throughput = measureThroughput( cases );
			await assertNoLateRender( site, `throughput (${ theme })` );
			results.themes[ theme ] = t;
		}
		log( 'render cost' );
		results.render = measureRender();
		await assertNoLateRender( site, 'the render cost' );
	} finally {
		stopCallgrindPool( pool );
		stopSite();
	}

	results.quick = QUICK;
	results.machine.loadAfter = os.loadavg().map( ( l ) => l.toFixed( 2 ) );
	results.machine.highestLoad = highestLoad.toFixed( 2 );
	results.durationSeconds = Math.round( ( Date.now() - started ) / 1000 );
	fs.writeFileSync( OUT, renderReport( results ) );
	log( `wrote ${ path.relative( ROOT, OUT ) }` );
	// Everything the report was made from, so `bench.mjs report` can write it again (after an
	// edit of NOTES.md, say) without measuring again.
	fs.writeFileSync(
		path.join( RUN, 'results.json' ),
		JSON.stringify( results )
	);
}

/** `bench.mjs report`: writes the report again from the last run's results. */
function reportOnly() {
	const file = path.join( RUN, 'results.json' );
	if ( ! fs.existsSync( file ) ) {
		throw new Error(
			`no ${ path.relative( ROOT, file ) }: run the bench first`
		);
	}
	fs.writeFileSync(
		OUT,
		renderReport( JSON.parse( fs.readFileSync( file, 'utf8' ) ) )
	);
	log( `wrote ${ path.relative( ROOT, OUT ) } from the last run's results` );
}

/** `bench.mjs site`: only start and fill the bench site, and leave it running, to look into a number. */
function siteOnly() {
	fs.mkdirSync( RUN, { recursive: true } );
	const site = startSite();
	fs.writeFileSync(
		path.join( RUN, 'site.json' ),
		JSON.stringify( site, null, 2 )
	);
	log(
		`site at http://${ HOST }/ (users, cookies and pages in .cache/bench/site.json); stop it with: node bin/bench/bench.mjs stop`
	);
}

const command = process.argv[ 2 ] || 'run';
const commands = {
	run: main,
	report: reportOnly,
	site: siteOnly,
	stop: () =>
		run( 'bash', [ path.join( ROOT, 'bin/e2e-stack.sh' ), 'stop' ], {
			env: STACK_ENV,
		} ),
};
if ( ! commands[ command ] ) {
	console.error( 'usage: node bin/bench/bench.mjs [run|report|site|stop]' );
	process.exit( 2 );
}
Promise.resolve()
	.then( commands[ command ] )
	.catch( ( error ) => {
		console.error( error.stack || String( error ) );
		process.exitCode = 1;
	} );
