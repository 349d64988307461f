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
 *     with the paragraph page against itself as the noise floor (load.mjs, stats.mjs);
 *   - database queries, HTML bytes and asset tags, plugin on vs off, block vs paragraph (pages.mjs);
 *   - the plugin's own time per request (each of its callbacks timed inside PHP-FPM, callbacks.mjs)
 *     and its instruction count per page (Callgrind, stable on a busy machine, callgrind.mjs);
 *   - microseconds per render inside WordPress (bin/bench/render-cost.php, static-costs.mjs);
 *   - editor and view script sizes, gzipped (static-costs.mjs);
 *   - throughput with 50 concurrent distinct subscribers (wrk + bin/bench/wrk-users.lua, load.mjs).
 * The site is site.mjs's, the report report.mjs's; this file runs the phases in order.
 *
 * Usage: node bin/bench/bench.mjs [run|report|site|instructions|stop]   (run: everything; report:
 * write BENCHMARKS.md again from the last run's results, e.g. after editing NOTES.md; site: only
 * start and fill the bench site and leave it running, to look into a number; instructions: the
 * Callgrind rows only, on that site, with the checkout's plugin copied in (instructions.mjs);
 * stop: stop that site.)
 *
 * Environment: HELPDESKY_WP_VERSION (7.1, the default, or 6.8; see bin/wp-version.sh: each
 * version has its own site in .cache/bench-<version>, results in .cache/bench/<version>, port and
 * database), HELPDESKY_BENCH_PORT (default 8897 on 7.1, 8899 on 6.8; the Callgrind pool takes the
 * next port), HELPDESKY_BENCH_QUICK=1 (a short run to try the harness; its numbers are not worth
 * publishing), HELPDESKY_BENCH_KEEP=1 (leave the site running afterwards),
 * HELPDESKY_BENCH_SKIP_BUILD=1, HELPDESKY_BENCH_OUT (default BENCHMARKS.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	BLOCK_THEME,
	CLASSIC_THEME,
	CONFIG,
	HOST,
	OUT,
	QUICK,
	ROOT,
	RUN,
} from './config.mjs';
import {
	measureInstructions,
	startCallgrindPool,
	stopCallgrindPool,
} from './callgrind.mjs';
import { measureCallbacks } from './callbacks.mjs';
import { instructionsOnly } from './instructions.mjs';
import { latencyRatios, measureLatency, measureThroughput } from './load.mjs';
import { machine } from './machine.mjs';
import { measurePages } from './pages.mjs';
import { renderReport } from './report.mjs';
import {
	elapsedSeconds,
	ensureTools,
	highestLoadSeen,
	log,
	run,
	stack,
} from './shell.mjs';
import {
	assertNoLateRender,
	casesFor,
	checkedFetch,
	startSite,
	stopSite,
} from './site.mjs';
import { measureBundles, measureRender } from './static-costs.mjs';

const RESULTS = path.join( RUN, 'results.json' );

/**
 * Everything measured in one theme, the late-render check after each phase.
 * @param {string} theme Theme slug.
 * @param {Object} site  What site-setup.php made.
 * @param {Object} pool  The Callgrind pool.
 */
async function measureTheme( theme, site, pool ) {
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
	await assertNoLateRender( site, `queries, bytes, assets (${ theme })` );
	log( "  the plugin's callbacks" );
	t.callbacks = await measureCallbacks( cases, site );
	log( '  response time' );
	t.latency = await measureLatency( cases, site );
	await assertNoLateRender( site, `response time (${ theme })` );
	t.ratios = latencyRatios( t.latency );
	log( '  instructions (Callgrind)' );
	t.instructions = await measureInstructions( pool, cases, site, theme );
	await assertNoLateRender( site, `instructions (${ theme })` );
	log( '  throughput (wrk)' );
	t.throughput = measureThroughput( cases );
	await assertNoLateRender( site, `throughput (${ theme })` );
	return t;
}

/** `bench.mjs run`: measure everything, write the report and the results it was made from. */
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

	let pool;
	try {
		const site = startSite();
		// After the start: on a fresh clone the site's WordPress (whose version it reports) only
		// exists from here on.
		results.machine = machine();
		await assertNoLateRender( site, 'the site set-up' );
		pool = startCallgrindPool();
		for ( const theme of [ BLOCK_THEME, CLASSIC_THEME ] ) {
			results.themes[ theme ] = await measureTheme( theme, site, pool );
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
	results.machine.highestLoad = highestLoadSeen().toFixed( 2 );
	results.durationSeconds = elapsedSeconds();
	fs.writeFileSync( OUT, renderReport( results ) );
	log( `wrote ${ path.relative( ROOT, OUT ) }` );
	// Everything the report was made from, so `bench.mjs report` can write it again (after an
	// edit of NOTES.md, say) without measuring again.
	fs.writeFileSync( RESULTS, JSON.stringify( results ) );
}

/** `bench.mjs report`: writes the report again from the last run's results. */
function reportOnly() {
	if ( ! fs.existsSync( RESULTS ) ) {
		throw new Error(
			`no ${ path.relative( ROOT, RESULTS ) }: run the bench first`
		);
	}
	fs.writeFileSync(
		OUT,
		renderReport( JSON.parse( fs.readFileSync( RESULTS, 'utf8' ) ) )
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
		`site at http://${ HOST }/ (users, cookies and pages in ${ path.relative(
			ROOT,
			RUN
		) }/site.json); stop it with: node bin/bench/bench.mjs stop`
	);
}

const command = process.argv[ 2 ] || 'run';
const commands = {
	run: main,
	report: reportOnly,
	site: siteOnly,
	instructions: instructionsOnly,
	stop: () => stack( 'stop' ),
};
if ( ! commands[ command ] ) {
	console.error(
		'usage: node bin/bench/bench.mjs [run|report|site|instructions|stop]'
	);
	process.exit( 2 );
}
Promise.resolve()
	.then( commands[ command ] )
	.catch( ( error ) => {
		console.error( error.stack || String( error ) );
		process.exitCode = 1;
	} );
