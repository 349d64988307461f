import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const ROOT = path.resolve( __dirname, '..', '..' );

/**
 * The site's URL and credentials come from bin/e2e-stack.sh, the one place
 * that defines them (it honours HELPDESKY_E2E_PORT and HELPDESKY_E2E_DIR).
 */
function stackSettings(): Record< string, string > {
	const output = execFileSync(
		'bash',
		[ path.join( ROOT, 'bin', 'e2e-stack.sh' ), 'env' ],
		{ encoding: 'utf8' }
	);
	const settings: Record< string, string > = {};
	for ( const line of output.split( '\n' ) ) {
		const separator = line.indexOf( '=' );
		if ( separator > 0 ) {
			settings[ line.slice( 0, separator ) ] = line.slice(
				separator + 1
			);
		}
	}
	return settings;
}

// @wordpress/e2e-test-utils-playwright reads these when it is first imported
// (RequestUtils finds the REST root from WP_BASE_URL, not from baseURL, and
// the worker fixture logs in again with the credentials), so they must be set
// before any spec or the global setup imports it. Values from the stack win
// over a stale WP_BASE_URL in the caller's environment.
Object.assign( process.env, stackSettings() );
// bin/e2e-stack.sh resolved the version (HELPDESKY_WP_VERSION, 7.1 by default); artifacts of a
// 7.1 and a 6.8 run live side by side.
const WP_VERSION = process.env.HELPDESKY_WP_VERSION ?? '7.1';
process.env.STORAGE_STATE_PATH = path.join(
	ROOT,
	'artifacts',
	'storage-states',
	WP_VERSION,
	'admin.json'
);

export default defineConfig( {
	testDir: './specs',
	outputDir: path.join( ROOT, 'artifacts', 'test-results', WP_VERSION ),
	globalSetup: require.resolve( './global-setup' ),
	globalTeardown: require.resolve( './global-teardown' ),
	// One WordPress, one database, and state such as the active theme is
	// switched by the specs: tests must not run side by side.
	workers: 1,
	fullyParallel: false,
	forbidOnly: !! process.env.CI,
	retries: 0,
	// Measured on 2 cores: an editor test takes 10-15 s, a login about 10 s.
	timeout: 120_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? [ [ 'list' ], [ 'github' ] ] : [ [ 'list' ] ],
	use: {
		baseURL: process.env.WP_BASE_URL,
		storageState: process.env.STORAGE_STATE_PATH,
		headless: true,
		actionTimeout: 15_000,
		navigationTimeout: 60_000,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		viewport: { width: 1280, height: 900 },
		launchOptions: {
			// Debian's Chromium; Playwright's own browser download is not used.
			executablePath:
				process.env.HELPDESKY_E2E_CHROMIUM || '/usr/bin/chromium',
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-default-apps',
				'--disable-domain-reliability',
				'--disable-sync',
				'--no-first-run',
				'--disable-dev-shm-usage',
				// Nothing outside the loopback site may be reached: a host name
				// that is not an IP literal never resolves, so a test can never
				// pass thanks to the real helpdesky.io (or fail for lack of it).
				'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
			],
		},
	},
	projects: [ { name: 'chromium', use: { browserName: 'chromium' } } ],
} );
