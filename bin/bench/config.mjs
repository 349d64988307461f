/**
 * What a bench run is: the WordPress it measures, its folders, its port, its sample sizes and the
 * targets it judges by. Read from the environment once, here (see bench.mjs for the variables).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'../..'
);
export const BENCH = path.join( ROOT, 'bin/bench' );

/**
 * The WordPress version to measure: HELPDESKY_WP_VERSION, else the primary one, as
 * bin/wp-version.sh (the one list of versions) says.
 */
function wordpressVersion() {
	const versions = spawnSync(
		'bash',
		[ path.join( ROOT, 'bin/wp-version.sh' ), 'versions' ],
		{ encoding: 'utf8' }
	)
		.stdout.trim()
		.split( /\s+/ );
	const version = process.env.HELPDESKY_WP_VERSION || versions[ 0 ];
	if ( ! versions.includes( version ) ) {
		throw new Error(
			`HELPDESKY_WP_VERSION=${ version } is not supported; use one of: ${ versions.join(
				' '
			) }`
		);
	}
	return version;
}

export const WP_VERSION = wordpressVersion();
// Each version has its own site, port, database and results, so a 7.1 and a 6.8 bench never
// share anything. The site's run folder sits directly in .cache/, where bin/e2e-stack.sh looks
// for stacks that still use the shared MariaDB server.
export const STACK_DIR = path.join( ROOT, `.cache/bench-${ WP_VERSION }` );
// The bench's own files: results.json, the cookies wrk sends, the Callgrind pool.
export const RUN = path.join( ROOT, '.cache/bench', WP_VERSION );
export const WP_ROOT = path.join( STACK_DIR, 'wordpress' );
export const PORT = Number(
	process.env.HELPDESKY_BENCH_PORT || ( WP_VERSION === '6.8' ? 8899 : 8897 )
);
export const HOST = `127.0.0.1:${ PORT }`;
export const OUT = path.resolve(
	ROOT,
	process.env.HELPDESKY_BENCH_OUT || 'BENCHMARKS.md'
);
export const QUICK = process.env.HELPDESKY_BENCH_QUICK === '1';
export const CLASSIC_THEME = 'helpdesky-e2e-classic';
export const BLOCK_THEME = 'twentytwentyfive';

// Sized so the whole run stays under about nine minutes on two cores (quick: about two); 600
// latency rounds bring the A/A noise floor to about ±1% (±1.2–1.5% with other work running).
export const CONFIG = QUICK
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
export const CONCURRENCY = 50;

// Targets from the issue "Benchmarks: prove the block costs nothing".
export const TARGETS = {
	latencyVsParagraph: 1.01,
	latencyVsGuide: 1.0,
	throughputVsParagraph: 0.98,
	editorScriptGzip: 3072,
};

export const STACK_ENV = {
	...process.env,
	HELPDESKY_WP_VERSION: WP_VERSION,
	HELPDESKY_E2E_DIR: STACK_DIR,
	HELPDESKY_E2E_PORT: String( PORT ),
	HELPDESKY_E2E_DB: `helpdesky_bench_${ WP_VERSION.replace( '.', '' ) }`,
	// A bench run must not pick up a snippet meant for the e2e suite.
	HELPDESKY_E2E_NGINX_CONF: '',
};
