#!/usr/bin/env node
/**
 * `npm start`: a local WordPress with this plugin active, a Support page holding the Ticket
 * Center block and a demo subscriber, served by WordPress Playground (PHP in WebAssembly,
 * SQLite), so it runs without Docker, a database server or internet access.
 *
 * Usage: npm start [-- --keep]
 *   --keep   reuse the previous run's site and database instead of starting clean.
 * Environment:
 *   PORT                                         port to serve on (default 9400)
 *   HELPDESKY_HMAC_SECRET, HELPDESKY_HELPDESK_ID   both set: use these and the real hosted
 *                                                script; otherwise demo values and the
 *                                                local stand-in (tests/stand-in).
 *   HELPDESKY_WP_VERSION                         WordPress version: 7.1 (default, the current
 *                                                release) or 6.8 (as for bin/fetch-wordpress.sh)
 *   WP_CORE_DIR                                  WordPress core folder (as for bin/fetch-wordpress.sh)
 *   HELPDESKY_DEV_SITE_DIR                       where the site's copy lives (default .cache/dev-site),
 *                                                for a second dev site next to the usual one
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const SLUG = 'helpdesky-block';
// The version and its core folder come from bin/wp-version.sh, the one place that maps them.
const WP_BRANCH = process.env.HELPDESKY_WP_VERSION || '7.1';
const CORE_CACHE = path.resolve(
	process.env.WP_CORE_DIR ||
		spawnSync(
			'bash',
			[
				path.join( ROOT, 'bin', 'wp-version.sh' ),
				'core-dir',
				WP_BRANCH,
			],
			{ encoding: 'utf8' }
		).stdout.trim() ||
		fail( `WordPress ${ WP_BRANCH } is not a version this project runs` )
);
const DEV_DIR = process.env.HELPDESKY_DEV_SITE_DIR
	? path.resolve( process.env.HELPDESKY_DEV_SITE_DIR )
	: path.join( ROOT, '.cache', 'dev-site' );
const DEV_CORE = path.join( DEV_DIR, 'wordpress' );
const BLUEPRINT_TEMPLATE = path.join(
	ROOT,
	'bin',
	'dev-site',
	'blueprint.json'
);
const BLUEPRINT = path.join( DEV_DIR, 'blueprint.json' );
const STAND_IN_DIR = path.join( ROOT, 'tests', 'stand-in' );
const STAND_IN_MU_PATH = '/wordpress/wp-content/mu-plugins/helpdesky-stand-in';

function log( message ) {
	process.stdout.write( `dev-site: ${ message }\n` );
}

function fail( message ) {
	process.stderr.write( `dev-site: ${ message }\n` );
	process.exit( 1 );
}

function parseOptions( argv ) {
	const options = { keep: false };
	for ( const arg of argv ) {
		if ( arg === '--keep' ) {
			options.keep = true;
		} else if ( arg === '--help' || arg === '-h' ) {
			process.stdout.write(
				'Usage: npm start [-- --keep]\n' +
					'  --keep  reuse the previous site and database (.cache/dev-site)\n' +
					'Environment: PORT (default 9400); HELPDESKY_HMAC_SECRET + HELPDESKY_HELPDESK_ID\n' +
					'for the real Helpdesky service instead of the local stand-in.\n'
			);
			process.exit( 0 );
		} else {
			fail( `unknown argument ${ arg } (try --help)` );
		}
	}
	return options;
}

function readPort() {
	const raw = process.env.PORT || '9400';
	const port = Number( raw );
	if ( ! Number.isInteger( port ) || port < 1 || port > 65535 ) {
		fail( `PORT must be a port number, got "${ raw }"` );
	}
	return port;
}

// Both or neither: a half-configured run would silently sign with the demo secret.
function readCredentials() {
	const secret = process.env.HELPDESKY_HMAC_SECRET || '';
	const helpdeskId = process.env.HELPDESKY_HELPDESK_ID || '';
	if ( Boolean( secret ) !== Boolean( helpdeskId ) ) {
		fail(
			'set both HELPDESKY_HMAC_SECRET and HELPDESKY_HELPDESK_ID to use your helpdesk, or neither for the demo.'
		);
	}
	return secret ? { secret, helpdeskId } : null;
}

function hasCore( dir ) {
	return fs.existsSync( path.join( dir, 'wp-includes', 'version.php' ) );
}

function run( command, args ) {
	const result = spawnSync( command, args, { cwd: ROOT, stdio: 'inherit' } );
	return result.status === 0;
}

// Returns the core folder to copy, or null when Playground must download WordPress.
function ensureCore() {
	if ( hasCore( CORE_CACHE ) ) {
		return CORE_CACHE;
	}
	log( 'WordPress core is not cached yet: running bin/fetch-wordpress.sh' );
	if (
		run( 'bash', [
			path.join( 'bin', 'fetch-wordpress.sh' ),
			WP_BRANCH,
		] ) &&
		hasCore( CORE_CACHE )
	) {
		return CORE_CACHE;
	}
	log(
		`could not fetch WordPress into ${ path.relative( ROOT, CORE_CACHE ) || CORE_CACHE }; ` +
			`Playground will download WordPress ${ WP_BRANCH } itself (this needs internet access).`
	);
	return null;
}

function ensureBuild() {
	if (
		fs.existsSync(
			path.join( ROOT, 'build', 'ticket-center', 'block.json' )
		)
	) {
		return;
	}
	log( 'build/ is missing: running npm run build' );
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	if ( ! run( npm, [ 'run', 'build' ] ) ) {
		fail( 'npm run build failed' );
	}
}

// Playground writes wp-config.php, the SQLite database and mu-plugins into the mounted
// core, so each run gets its own copy and the shared cache stays pristine.
function prepareSite( core, keep ) {
	if ( keep && hasCore( DEV_CORE ) ) {
		log(
			`reusing the site in ${ path.relative( ROOT, DEV_CORE ) } (--keep)`
		);
		return true;
	}
	fs.rmSync( DEV_CORE, { recursive: true, force: true } );
	if ( core ) {
		fs.mkdirSync( DEV_DIR, { recursive: true } );
		fs.cpSync( core, DEV_CORE, { recursive: true } );
	}
	return false;
}

// The checked-in blueprint describes the demo site; real credentials replace the demo
// constants and drop the stand-in, so the page loads Helpdesky's hosted script.
function writeBlueprint( credentials ) {
	const blueprint = JSON.parse(
		fs.readFileSync( BLUEPRINT_TEMPLATE, 'utf8' )
	);
	if ( credentials ) {
		const define = blueprint.steps.find(
			( step ) =>
				step.step === 'defineWpConfigConsts' &&
				'HELPDESKY_HMAC_SECRET' in step.consts
		);
		define.consts.HELPDESKY_HMAC_SECRET = credentials.secret;
		define.consts.HELPDESKY_HELPDESK_ID = credentials.helpdeskId;
		blueprint.steps = blueprint.steps.filter(
			( step ) => ! JSON.stringify( step ).includes( STAND_IN_MU_PATH )
		);
	}
	fs.mkdirSync( DEV_DIR, { recursive: true } );
	// It may hold the real secret: readable by this user only.
	fs.rmSync( BLUEPRINT, { force: true } );
	fs.writeFileSync(
		BLUEPRINT,
		JSON.stringify( blueprint, null, '\t' ) + '\n',
		{ mode: 0o600 }
	);
}

// A kept site may still hold the stand-in loader from a demo run.
function removeStandIn() {
	const muPlugins = path.join( DEV_CORE, 'wp-content', 'mu-plugins' );
	fs.rmSync( path.join( muPlugins, 'helpdesky-stand-in.php' ), {
		force: true,
	} );
	fs.rmSync( path.join( muPlugins, 'helpdesky-stand-in' ), {
		recursive: true,
		force: true,
	} );
}

function portIsFree( port ) {
	return new Promise( ( resolve ) => {
		const server = net.createServer();
		server.once( 'error', () => resolve( false ) );
		server.once( 'listening', () => server.close( () => resolve( true ) ) );
		server.listen( port );
	} );
}

function playgroundBin() {
	const require = createRequire( import.meta.url );
	let manifest;
	try {
		manifest = require.resolve( '@wp-playground/cli/package.json' );
	} catch {
		fail(
			'@wp-playground/cli is not installed: run npm install (or npm ci) first.'
		);
	}
	const { bin } = JSON.parse( fs.readFileSync( manifest, 'utf8' ) );
	return path.join( path.dirname( manifest ), bin[ 'wp-playground-cli' ] );
}

function playgroundArgs( { mountCore, kept, port, credentials } ) {
	const args = [
		'server',
		`--port=${ port }`,
		`--blueprint=${ BLUEPRINT }`,
		// Separate path arguments: a colon in the checkout path would break "host:vfs".
		'--mount-dir',
		ROOT,
		`/wordpress/wp-content/plugins/${ SLUG }`,
	];
	if ( mountCore ) {
		args.push(
			`--wordpress-install-mode=${
				kept
					? 'install-from-existing-files-if-needed'
					: 'install-from-existing-files'
			}`,
			'--mount-dir-before-install',
			DEV_CORE,
			'/wordpress'
		);
	} else {
		args.push(
			'--wordpress-install-mode=download-and-install',
			`--wp=${ WP_BRANCH }`
		);
	}
	if ( ! credentials ) {
		args.push( '--mount-dir', STAND_IN_DIR, STAND_IN_MU_PATH );
	}
	return args;
}

// The version of the core the site runs, as its version.php says (7.1.4, not only 7.1).
function wordpressVersion() {
	const file = path.join( DEV_CORE, 'wp-includes', 'version.php' );
	const match = fs.existsSync( file )
		? /\$wp_version = '([^']+)'/.exec( fs.readFileSync( file, 'utf8' ) )
		: null;
	return match ? match[ 1 ] : WP_BRANCH;
}

function printUrls( { port, credentials, seconds } ) {
	const site = `http://127.0.0.1:${ port }`;
	const lines = [
		'',
		`helpdesky-block dev site is ready (${ seconds } s): WordPress ${ wordpressVersion() }`,
		`  Site           ${ site }/`,
		`  Support page   ${ site }/support/`,
		`  wp-admin       ${ site }/wp-admin/   (admin / password; a new browser session is logged in as admin automatically)`,
		`  Demo user      log in at ${ site }/wp-login.php as demo / demo (in a private window to keep the admin session)`,
		'                 stored email "  Demo.Subscriber@Example.COM ", which the block signs as demo.subscriber@example.com',
		credentials
			? '  Helpdesky      your helpdesk (HELPDESKY_* from the environment) and the hosted script; add this site to its Allowed Embed Domains.'
			: '  Helpdesky      demo configuration; the local stand-in (tests/stand-in) checks the signature and shows "Verified as …".',
		'',
		'Stop with Ctrl-C.',
		'',
	];
	process.stdout.write( lines.join( '\n' ) );
}

// The CLI runs in its own process group: Ctrl-C reaches only this script, which then
// signals the whole group, so nothing the CLI started keeps serving the port.
function startPlayground( args, onReady ) {
	const child = spawn( process.execPath, [ playgroundBin(), ...args ], {
		cwd: ROOT,
		detached: process.platform !== 'win32',
		stdio: [ 'ignore', 'pipe', 'pipe' ],
	} );

	let tail = '';
	let ready = false;
	const watch = ( chunk ) => {
		if ( ready ) {
			return;
		}
		tail = ( tail + chunk.toString() )
			.replace( /\u001b\[[0-9;]*m/g, '' )
			.slice( -2000 );
		if ( /Ready!/.test( tail ) ) {
			ready = true;
			onReady();
		}
	};
	child.stdout.on( 'data', ( chunk ) => {
		process.stdout.write( chunk );
		watch( chunk );
	} );
	child.stderr.on( 'data', ( chunk ) => {
		process.stderr.write( chunk );
		watch( chunk );
	} );

	const stopGroup = ( signal ) => {
		if ( child.exitCode !== null || child.signalCode !== null ) {
			return;
		}
		try {
			if ( process.platform === 'win32' ) {
				child.kill( signal );
			} else {
				process.kill( -child.pid, signal );
			}
		} catch {
			// Already gone.
		}
	};

	let stopping = false;
	const shutdown = () => {
		if ( stopping ) {
			// A second Ctrl-C means now.
			stopGroup( 'SIGKILL' );
			return;
		}
		stopping = true;
		log( 'stopping Playground' );
		stopGroup( 'SIGTERM' );
		setTimeout( () => stopGroup( 'SIGKILL' ), 5000 ).unref();
	};
	for ( const signal of [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] ) {
		process.on( signal, shutdown );
	}
	// Last resort if this script dies unexpectedly.
	process.on( 'exit', () => stopGroup( 'SIGKILL' ) );

	child.on( 'exit', ( code, signal ) => {
		if ( ! stopping ) {
			log( `Playground exited (${ signal || `code ${ code }` })` );
		}
		// The workers may outlive the main Playground process.
		stopGroup( 'SIGKILL' );
		process.exit( stopping ? 0 : code || 1 );
	} );
}

async function main() {
	const started = Date.now();
	const options = parseOptions( process.argv.slice( 2 ) );
	const port = readPort();
	const credentials = readCredentials();

	if ( ! ( await portIsFree( port ) ) ) {
		fail(
			`port ${ port } is in use; stop what runs there or set PORT, e.g. PORT=9500 npm start`
		);
	}

	const core = ensureCore();
	ensureBuild();
	if ( ! fs.existsSync( path.join( ROOT, `${ SLUG }.php` ) ) ) {
		fail(
			`${ SLUG }.php is missing: the dev site needs the plugin's main file.`
		);
	}
	const kept = prepareSite( core, options.keep );
	if ( credentials ) {
		removeStandIn();
	}
	writeBlueprint( credentials );

	log(
		credentials
			? 'using HELPDESKY_HMAC_SECRET / HELPDESKY_HELPDESK_ID from the environment and the hosted script'
			: 'using the demo configuration and the local Helpdesky stand-in'
	);
	log( `starting WordPress Playground on port ${ port } (about 15 s)` );
	const mountCore = hasCore( DEV_CORE );
	startPlayground(
		playgroundArgs( { mountCore, kept, port, credentials } ),
		() =>
			printUrls( {
				port,
				credentials,
				seconds: Math.round( ( Date.now() - started ) / 1000 ),
			} )
	);
}

main().catch( ( error ) =>
	fail( error instanceof Error ? error.stack : String( error ) )
);
