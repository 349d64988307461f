#!/usr/bin/env node
/**
 * `npm run test:blueprint`: runs the one-click demo (.wordpress-org/blueprints/blueprint.json)
 * offline and checks what a visitor who clicks it sees.
 *
 * 1. The committed blueprint must be what bin/demo-blueprint.mjs writes from its sources.
 * 2. `npm run plugin-zip` builds the release zip. The blueprint, unchanged except for the
 *    one resource that would come from the plugin directory (the plugin, by slug), runs in
 *    WordPress Playground with that zip next to it as a "bundled" resource, on the cached
 *    WordPress core (as `npm start` does), so nothing is downloaded.
 * 3. Debian's Chromium opens the landing page in a new session, as the demo's visitor:
 *    the blueprint logged in the demo subscriber, the page says it is a demo, and the
 *    stand-in, which checks the signature in the browser, says "Verified as" and the
 *    normalized address. Chromium resolves no host names, so nothing outside the loopback
 *    site is reached.
 *
 * One Playground boot (about 20-60 s). Environment: HELPDESKY_BLUEPRINT_PORT (default 9131),
 * HELPDESKY_WP_VERSION (7.1 default, or 6.8), HELPDESKY_E2E_CHROMIUM (default /usr/bin/chromium).
 * The Playground log and a screenshot of the page land in artifacts/test-blueprint/.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import {
	DEMO_BLUEPRINT,
	SLUG,
	demoBlueprintIsCurrent,
	serialize,
} from './demo-blueprint.mjs';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const PORT = Number( process.env.HELPDESKY_BLUEPRINT_PORT || '9131' );
const SITE = `http://127.0.0.1:${ PORT }`;
const WP_BRANCH = process.env.HELPDESKY_WP_VERSION || '7.1';
const CHROMIUM = process.env.HELPDESKY_E2E_CHROMIUM || '/usr/bin/chromium';
const WORK_DIR = path.join( ROOT, '.cache', 'test-blueprint' );
const ARTIFACTS = path.join( ROOT, 'artifacts', 'test-blueprint' );
const ZIP = path.join( ROOT, `${ SLUG }.zip` );
// Boot, blueprint and the browser check together; a boot takes 20-60 s.
const TOTAL_TIMEOUT_MS = 240_000;
// The address demo-content.php stores (mixed case, spaces), as the block must sign it.
const EXPECTED_TEXT = 'Verified as demo.subscriber@example.com';

const started = Date.now();
const cleanups = [];

function log( message ) {
	const seconds = ( ( Date.now() - started ) / 1000 ).toFixed( 1 );
	process.stdout.write( `test-blueprint [${ seconds } s]: ${ message }\n` );
}

class TestFailure extends Error {}

function check( condition, message ) {
	if ( ! condition ) {
		throw new TestFailure( message );
	}
}

function npm( args ) {
	const result = spawnSync(
		process.platform === 'win32' ? 'npm.cmd' : 'npm',
		args,
		{ cwd: ROOT, stdio: [ 'ignore', 'pipe', 'inherit' ], encoding: 'utf8' }
	);
	check( result.status === 0, `npm ${ args.join( ' ' ) } failed` );
}

function coreDir() {
	const dir = spawnSync(
		'bash',
		[ path.join( ROOT, 'bin', 'wp-version.sh' ), 'core-dir', WP_BRANCH ],
		{ encoding: 'utf8' }
	).stdout.trim();
	check(
		dir && fs.existsSync( path.join( dir, 'wp-includes', 'version.php' ) ),
		`WordPress ${ WP_BRANCH } is not cached: run npm run wp:fetch (bin/fetch-wordpress.sh ${ WP_BRANCH }) first`
	);
	return dir;
}

function portIsFree( port ) {
	return new Promise( ( resolve ) => {
		const server = net.createServer();
		server.once( 'error', () => resolve( false ) );
		server.once( 'listening', () => server.close( () => resolve( true ) ) );
		server.listen( port, '127.0.0.1' );
	} );
}

// The demo as a visitor gets it, but with the plugin from the release zip instead of the
// plugin directory: the only resource the test replaces.
function writeOfflineBlueprint( dir ) {
	const blueprint = JSON.parse( fs.readFileSync( DEMO_BLUEPRINT, 'utf8' ) );
	const installs = blueprint.steps.filter(
		( step ) =>
			step.step === 'installPlugin' &&
			step.pluginData?.resource === 'wordpress.org/plugins' &&
			step.pluginData?.slug === SLUG
	);
	check(
		installs.length === 1,
		`the blueprint must install ${ SLUG } by its directory slug exactly once`
	);
	installs[ 0 ].pluginData = {
		resource: 'bundled',
		path: `/${ SLUG }.zip`,
	};
	fs.mkdirSync( dir, { recursive: true } );
	fs.copyFileSync( ZIP, path.join( dir, `${ SLUG }.zip` ) );
	fs.writeFileSync(
		path.join( dir, 'blueprint.json' ),
		serialize( blueprint )
	);
	return blueprint;
}

function playgroundBin() {
	const require = createRequire( import.meta.url );
	const manifest = require.resolve( '@wp-playground/cli/package.json' );
	const { bin } = JSON.parse( fs.readFileSync( manifest, 'utf8' ) );
	return path.join( path.dirname( manifest ), bin[ 'wp-playground-cli' ] );
}

// Starts Playground in its own process group (stopped as a whole at the end) and resolves
// once it serves the site.
function startPlayground( { blueprintDir, siteCore, logFile } ) {
	const args = [
		playgroundBin(),
		'server',
		`--port=${ PORT }`,
		`--blueprint=${ path.join( blueprintDir, 'blueprint.json' ) }`,
		// The zip next to the blueprint is the "bundled" plugin.
		'--blueprint-may-read-adjacent-files',
		'--wordpress-install-mode=install-from-existing-files',
		// Separate path arguments: a colon in the checkout path would break "host:vfs".
		'--mount-dir-before-install',
		siteCore,
		'/wordpress',
		// Not part of the demo: lets the test see PHP notices the demo would hide.
		'--define-bool',
		'WP_DEBUG',
		'true',
		'--define-bool',
		'WP_DEBUG_DISPLAY',
		'false',
		'--define',
		'WP_DEBUG_LOG',
		'/wordpress/wp-content/debug.log',
	];
	const output = fs.openSync( logFile, 'w' );
	const child = spawn( process.execPath, args, {
		cwd: ROOT,
		detached: true,
		stdio: [ 'ignore', 'pipe', 'pipe' ],
	} );
	const stopGroup = ( signal ) => {
		if ( child.exitCode !== null || child.signalCode !== null ) {
			return;
		}
		try {
			process.kill( -child.pid, signal );
		} catch {
			// Already gone.
		}
	};
	cleanups.push( async () => {
		stopGroup( 'SIGTERM' );
		const exited = await Promise.race( [
			new Promise( ( resolve ) =>
				child.once( 'exit', () => resolve( true ) )
			),
			new Promise( ( resolve ) =>
				setTimeout( () => resolve( false ), 5000 )
			),
		] );
		// The workers may outlive the main process; the group goes in any case.
		try {
			process.kill( -child.pid, 'SIGKILL' );
		} catch {
			// Nothing left.
		}
		fs.closeSync( output );
		return exited;
	} );
	// Last resort (the overall timeout, a crash): the group goes even if its leader is gone.
	process.on( 'exit', () => {
		try {
			process.kill( -child.pid, 'SIGKILL' );
		} catch {
			// Nothing left.
		}
	} );

	return new Promise( ( resolve, reject ) => {
		let tail = '';
		const watch = ( chunk ) => {
			fs.writeSync( output, chunk );
			tail = ( tail + chunk.toString() )
				.replace( /\u001b\[[0-9;]*m/g, '' )
				.slice( -4000 );
			if ( /Ready!/.test( tail ) ) {
				resolve();
			}
		};
		child.stdout.on( 'data', watch );
		child.stderr.on( 'data', watch );
		child.once( 'exit', ( code, signal ) =>
			reject(
				new TestFailure(
					`Playground exited before serving the site (${ signal || `code ${ code }` }); last output:\n${ tail }`
				)
			)
		);
	} );
}

async function visitLandingPage( blueprint, secret ) {
	const browser = await chromium.launch( {
		executablePath: CHROMIUM,
		headless: true,
		// This script handles the signals (see abort()).
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-dev-shm-usage',
			// A host name never resolves: the demo must work with nothing but the site.
			'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
		],
	} );
	cleanups.push( () => browser.close() );
	// A new session, as a visitor who clicks the demo has.
	const context = await browser.newContext( {
		viewport: { width: 1280, height: 900 },
	} );
	const page = await context.newPage();
	const response = await page.goto( SITE + blueprint.landingPage, {
		timeout: 60_000,
	} );
	check(
		response && response.ok(),
		`the landing page ${ blueprint.landingPage } answered ${ response?.status() }`
	);
	const html = await response.text();
	check(
		! html.includes( secret ),
		'the page HTML contains the HMAC secret'
	);

	const status = page.getByTestId( 'helpdesky-stand-in-status' );
	try {
		await status
			.and(
				page.locator(
					'[data-status="verified"], [data-status="failed"]'
				)
			)
			.waitFor( { timeout: 30_000 } );
	} catch {
		// Reported below with whatever the page shows.
	}
	await page.screenshot( {
		path: path.join( ARTIFACTS, 'landing-page.png' ),
		fullPage: true,
	} );
	const shown = ( await status.count() )
		? ( await status.textContent() ).trim()
		: '(no stand-in panel on the page)';
	const reason = ( await page
		.getByTestId( 'helpdesky-stand-in-reason' )
		.count() )
		? (
				await page
					.getByTestId( 'helpdesky-stand-in-reason' )
					.textContent()
			).trim()
		: '';
	check(
		shown === EXPECTED_TEXT,
		`the Support page shows "${ shown }"${ reason ? ` (${ reason })` : '' }, expected "${ EXPECTED_TEXT }"`
	);
	log( `the Support page says "${ shown }"` );

	const body = await page.locator( 'body' ).innerText();
	check(
		/This is a demo\./.test( body ) && /local stand-in/.test( body ),
		'the landing page does not say that it is a demo with a stand-in'
	);
	const cookies = await context.cookies();
	check(
		cookies.some(
			( cookie ) =>
				cookie.name.startsWith( 'wordpress_logged_in_' ) &&
				decodeURIComponent( cookie.value ).startsWith( 'demo|' )
		),
		'the visitor is not logged in as the demo subscriber'
	);
}

async function main() {
	fs.rmSync( ARTIFACTS, { recursive: true, force: true } );
	log( 'checking that the blueprint is built from its current sources' );
	check(
		demoBlueprintIsCurrent(),
		`${ path.relative( ROOT, DEMO_BLUEPRINT ) } is out of date: run node bin/demo-blueprint.mjs and commit it`
	);
	check(
		await portIsFree( PORT ),
		`port ${ PORT } is in use; set HELPDESKY_BLUEPRINT_PORT`
	);
	const core = coreDir();

	if (
		! fs.existsSync(
			path.join( ROOT, 'build', 'ticket-center', 'block.json' )
		)
	) {
		log( 'build/ is missing: npm run build' );
		npm( [ 'run', 'build' ] );
	}
	log( 'npm run plugin-zip' );
	npm( [ 'run', 'plugin-zip' ] );

	// Playground writes wp-config.php, the database and the plugin into the core it runs,
	// so it gets a fresh copy; the shared cache stays pristine.
	fs.rmSync( WORK_DIR, { recursive: true, force: true } );
	fs.mkdirSync( ARTIFACTS, { recursive: true } );
	const siteCore = path.join( WORK_DIR, 'wordpress' );
	fs.cpSync( core, siteCore, { recursive: true } );
	const blueprintDir = path.join( WORK_DIR, 'blueprint' );
	const blueprint = writeOfflineBlueprint( blueprintDir );
	const secret = blueprint.steps.find(
		( step ) => step.step === 'defineWpConfigConsts'
	).consts.HELPDESKY_HMAC_SECRET;

	log(
		`starting WordPress Playground (WordPress ${ WP_BRANCH }) on port ${ PORT }`
	);
	await startPlayground( {
		blueprintDir,
		siteCore,
		logFile: path.join( ARTIFACTS, 'playground.log' ),
	} );
	log( 'Playground is ready; opening the landing page in Chromium' );
	await visitLandingPage( blueprint, secret );

	const debugLog = path.join( siteCore, 'wp-content', 'debug.log' );
	// The cached core is Debian's package, whose patched installer (wp-admin/install.php,
	// run by Playground before the blueprint) uses two variables it never sets; every other
	// line counts.
	const notices = fs.existsSync( debugLog )
		? fs
				.readFileSync( debugLog, 'utf8' )
				.split( '\n' )
				.filter(
					( line ) =>
						line.trim() &&
						! / in \/wordpress\/wp-admin\/install\.php on line \d+$/.test(
							line
						)
				)
				.join( '\n' )
		: '';
	check( notices === '', `PHP reported:\n${ notices }` );
}

// A timeout or a signal ends the run at once; the exit handlers then stop Playground's
// process group, and Playwright its browser.
function abort( why ) {
	process.stderr.write( `test-blueprint: FAILED: ${ why }\n` );
	process.exit( 1 );
}
for ( const signal of [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] ) {
	process.on( signal, () => abort( `stopped by ${ signal }` ) );
}
const timer = setTimeout(
	() => abort( `no result after ${ TOTAL_TIMEOUT_MS / 1000 } s` ),
	TOTAL_TIMEOUT_MS
);

let failure = null;
try {
	await main();
} catch ( error ) {
	failure = error;
}
for ( const cleanup of cleanups.reverse() ) {
	try {
		await cleanup();
	} catch {
		// Keep cleaning up.
	}
}
clearTimeout( timer );
if ( failure ) {
	process.stderr.write(
		`test-blueprint: FAILED: ${
			failure instanceof TestFailure ? failure.message : failure.stack
		}\n`
	);
	if ( fs.existsSync( path.join( ARTIFACTS, 'playground.log' ) ) ) {
		process.stderr.write(
			`Playground's log and a screenshot: ${ path.relative( ROOT, ARTIFACTS ) }/\n`
		);
	}
	process.exit( 1 );
}
fs.rmSync( WORK_DIR, { recursive: true, force: true } );
log( 'passed' );
