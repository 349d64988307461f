#!/usr/bin/env node
/**
 * npm run test:cache — the plugin behind a real, carelessly configured page cache.
 *
 * WordPress (HELPDESKY_WP_VERSION: 7.1, the default, or 6.8) on PHP-FPM + MariaDB
 * (bin/e2e-stack.sh) with four nginx fastcgi_cache servers in
 * front of it (careless-cache.conf.in): two that honour Cache-Control and two that ignore it (but
 * honour X-Accel-Expires), each once with the plugin's protection and once without it (the
 * control, switched off per server by fixtures/helpdesky-cache-test.php). Every cache key ignores
 * cookies. Both theme types are tested: Twenty Twenty-Five (block templates) and a classic theme
 * where a third-party shortcode renders the block mid-page (held output).
 *
 * Many signed-in users and anonymous visitors request the same pages, interleaved and concurrent.
 * With the plugin: zero responses with another user's email or signature, zero signed-in responses
 * without their own Ticket Center (a cached login prompt counts), zero anonymous responses with a
 * signature, while pages without the block, cache-proof pages and Contact-Form-only pages (block and
 * shortcode) are served from the cache (HIT) and carry no signature.
 * Without it (control), the same caches must leak: proof that the test can see a leak.
 *
 * Then Chromium (playwright-core, Debian's chromium) opens the cache-proof page from the cache as
 * several users: each one's Ticket Center must verify as themselves against the Helpdesky stand-in.
 *
 * Loopback only; the stack is stopped at the end (HELPDESKY_CACHE_KEEP=1 keeps it running).
 * Environment: HELPDESKY_WP_VERSION (7.1 or 6.8; each has its own run folder, database and ports),
 * HELPDESKY_CACHE_PORT (WordPress; the caches use the next four ports; default 8933 on 7.1, 8943 on 6.8),
 * HELPDESKY_CACHE_USERS (default 20), HELPDESKY_CACHE_CONCURRENCY (default 8).
 */

import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
	cpSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkCacheProofInBrowser } from './browser.mjs';

const HERE = dirname( fileURLToPath( import.meta.url ) );
const ROOT = join( HERE, '..', '..' );
const WP_VERSION = process.env.HELPDESKY_WP_VERSION || '7.1';
// bin/wp-version.sh is the one list of versions: it refuses one it does not know.
if (
	spawnSync(
		'bash',
		[ join( ROOT, 'bin', 'wp-version.sh' ), 'core-dir', WP_VERSION ],
		{ stdio: [ 'ignore', 'ignore', 'inherit' ] }
	).status !== 0
) {
	throw new Error( `Unsupported HELPDESKY_WP_VERSION=${ WP_VERSION }` );
}
const WP_SLUG = WP_VERSION.replace( '.', '' );
// Five ports per version, so a 7.1 and a 6.8 run never meet.
const PORT = Number(
	process.env.HELPDESKY_CACHE_PORT || ( WP_VERSION === '6.8' ? 8943 : 8933 )
);
const USER_COUNT = Number( process.env.HELPDESKY_CACHE_USERS || 20 );
const CONCURRENCY = Number( process.env.HELPDESKY_CACHE_CONCURRENCY || 8 );
// Each signed-in user requests each block page this often, mixed with anonymous requests.
const ROUNDS = 2;
const ANONYMOUS_PER_PAGE = 10;
const CLASSIC_THEME = 'helpdesky-tests-classic';

const STACK_ENV = {
	...process.env,
	HELPDESKY_WP_VERSION: WP_VERSION,
	HELPDESKY_E2E_DIR: join( ROOT, '.cache', `cache-test-${ WP_VERSION }` ),
	HELPDESKY_E2E_PORT: String( PORT ),
	HELPDESKY_E2E_DB: `helpdesky_cache_${ WP_SLUG }`,
};

/** The four careless caches. */
const TARGETS = [
	{
		name: 'honours_cc',
		port: PORT + 1,
		ignoresCacheControl: false,
		protectedByPlugin: true,
	},
	{
		name: 'ignores_cc',
		port: PORT + 2,
		ignoresCacheControl: true,
		protectedByPlugin: true,
	},
	{
		name: 'control_honours_cc',
		port: PORT + 3,
		ignoresCacheControl: false,
		protectedByPlugin: false,
	},
	{
		name: 'control_ignores_cc',
		port: PORT + 4,
		ignoresCacheControl: true,
		protectedByPlugin: false,
	},
];

function log( message ) {
	process.stderr.write( `test:cache: ${ message }\n` );
}

function seconds( since ) {
	return ( ( Date.now() - since ) / 1000 ).toFixed( 1 );
}

function run( command, args, options = {} ) {
	const result = spawnSync( command, args, {
		cwd: ROOT,
		env: STACK_ENV,
		encoding: 'utf8',
		stdio: [ 'ignore', 'pipe', 'inherit' ],
		...options,
	} );
	if ( result.status !== 0 ) {
		throw new Error(
			`${ command } ${ args.join( ' ' ) } exited with ${ result.status }`
		);
	}
	return result.stdout ?? '';
}

function stack( ...args ) {
	return run( 'bash', [ 'bin/e2e-stack.sh', ...args ] );
}

/**
 * Whether something already listens on a loopback port.
 * @param {number} port Port on 127.0.0.1.
 */
function portInUse( port ) {
	return new Promise( ( resolve ) => {
		const socket = createConnection( { host: '127.0.0.1', port } );
		socket.once( 'connect', () => {
			socket.destroy();
			resolve( true );
		} );
		socket.once( 'error', () => resolve( false ) );
	} );
}

/** The careless-cache.conf.in copies, in a folder of their own (start empties the run folder). */
function writeNginxConfs() {
	const template = readFileSync(
		join( HERE, 'careless-cache.conf.in' ),
		'utf8'
	);
	const folder = mkdtempSync( join( tmpdir(), 'helpdesky-cache-conf-' ) );
	const files = TARGETS.map( ( target ) => {
		const conf = template
			.replaceAll( '{{NAME}}', target.name )
			.replaceAll( '{{PORT}}', String( target.port ) )
			.replaceAll(
				'{{IGNORE}}',
				target.ignoresCacheControl
					? 'fastcgi_ignore_headers Cache-Control Expires;'
					: '# Cache-Control and Expires are honoured.'
			)
			.replaceAll(
				'{{CONTROL}}',
				target.protectedByPlugin
					? '# The plugin protects these responses.'
					: 'fastcgi_param HELPDESKY_CACHE_TEST_UNPROTECTED 1;'
			);
		const file = join( folder, `${ target.name }.conf` );
		writeFileSync( file, conf );
		return file;
	} );
	return { folder, files };
}

function parseEnv( text ) {
	return Object.fromEntries(
		text
			.split( '\n' )
			.filter( ( line ) => line.includes( '=' ) )
			.map( ( line ) => [
				line.slice( 0, line.indexOf( '=' ) ),
				line.slice( line.indexOf( '=' ) + 1 ),
			] )
	);
}

/**
 * Runs tasks with at most `limit` at a time.
 * @param {Function[]} tasks Functions that return promises.
 * @param {number}     limit How many run at once.
 */
async function pool( tasks, limit ) {
	const results = new Array( tasks.length );
	let next = 0;
	async function worker() {
		while ( next < tasks.length ) {
			const index = next++;
			results[ index ] = await tasks[ index ]();
		}
	}
	await Promise.all(
		Array.from( { length: Math.min( limit, tasks.length ) }, worker )
	);
	return results;
}

/**
 * A deterministic shuffle, so a failing run can be repeated.
 * @param {Array}  items Shuffled in place.
 * @param {number} seed  Same seed, same order.
 */
function shuffle( items, seed ) {
	let state = seed;
	const random = () => {
		state = ( state * 1103515245 + 12345 ) % 2147483648;
		return state / 2147483648;
	};
	for ( let i = items.length - 1; i > 0; i-- ) {
		const j = Math.floor( random() * ( i + 1 ) );
		[ items[ i ], items[ j ] ] = [ items[ j ], items[ i ] ];
	}
	return items;
}

/**
 * Logs a user in through wp-login.php and returns their logged-in cookie.
 * @param {string} baseUrl WordPress's own address.
 * @param {Object} user    A logged-in user.
 */
async function logIn( baseUrl, user ) {
	const response = await fetch( `${ baseUrl }/wp-login.php`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Cookie: 'wordpress_test_cookie=WP%20Cookie%20check',
		},
		body: new URLSearchParams( {
			log: user.login,
			pwd: user.password,
			'wp-submit': 'Log In',
			redirect_to: `${ baseUrl }/`,
			testcookie: '1',
		} ),
	} );
	const cookie = response.headers
		.getSetCookie()
		.map( ( header ) => header.split( ';' )[ 0 ] )
		.find( ( pair ) => pair.startsWith( 'wordpress_logged_in_' ) );
	if ( response.status !== 302 || ! cookie ) {
		throw new Error(
			`Logging in as ${ user.login } failed (HTTP ${ response.status }).`
		);
	}
	const [ name, ...value ] = cookie.split( '=' );
	return { name, value: value.join( '=' ) };
}

/**
 * What a page response contains of the Ticket Center.
 * @param {string} body HTML.
 */
function embedsIn( body ) {
	return {
		emails: [ ...body.matchAll( /data-email="([^"]*)"/g ) ].map(
			( m ) => m[ 1 ]
		),
		signatures: [ ...body.matchAll( /data-signature="([^"]*)"/g ) ].map(
			( m ) => m[ 1 ]
		),
	};
}

function emptyCounts() {
	return {
		requests: 0,
		foreign: 0,
		anonymousSigned: 0,
		missingOwn: 0,
		blockPageHits: 0,
		plainHits: 0,
		cacheProofHits: 0,
		cacheProofSigned: 0,
		contactFormAnonymousHits: 0,
		contactFormSigned: 0,
		contactFormMissing: 0,
		endpointWrong: 0,
		errors: 0,
	};
}

/**
 * One request and what it shows. Visitors are a user ({ email, signature, cookie }) or null.
 * @param {Object} task   { target, kind, path, visitor }.
 * @param {Object} counts The target's counters, updated in place.
 */
async function check( task, counts ) {
	const { target, path, kind, visitor } = task;
	const headers = {};
	if ( visitor ) {
		headers.Cookie = `${ visitor.cookie.name }=${ visitor.cookie.value }`;
	}
	if ( kind === 'endpoint' ) {
		// What a browser sends with fetch() from the site's own page.
		headers[ 'Sec-Fetch-Site' ] = 'same-origin';
	}
	let response;
	let body;
	try {
		response = await fetch( `http://127.0.0.1:${ target.port }${ path }`, {
			headers,
			redirect: 'manual',
		} );
		body = await response.text();
	} catch ( error ) {
		counts.errors++;
		log( `${ target.name } ${ path }: ${ error.message }` );
		return;
	}
	counts.requests++;
	const hit = response.headers.get( 'x-cache-status' ) === 'HIT';

	if ( kind === 'endpoint' ) {
		const data = JSON.parse( body );
		const right = visitor
			? response.status === 200 &&
				data.email === visitor.email &&
				data.signature === visitor.signature
			: response.status === 401 && ! ( 'signature' in data );
		if ( ! right ) {
			counts.endpointWrong++;
		}
		return;
	}
	if ( response.status !== 200 ) {
		counts.errors++;
		log( `${ target.name } ${ path }: HTTP ${ response.status }` );
		return;
	}

	const { emails, signatures } = embedsIn( body );
	if ( kind === 'plain' ) {
		counts.plainHits += hit ? 1 : 0;
		return;
	}
	if ( kind === 'contactform' ) {
		// Stored and replayed for anonymous visitors; nobody's email or signature in it.
		counts.contactFormAnonymousHits += hit && ! visitor ? 1 : 0;
		counts.contactFormSigned +=
			emails.length + signatures.length > 0 ? 1 : 0;
		counts.contactFormMissing += body.includes( 'id="hdh-contact-form"' )
			? 0
			: 1;
		return;
	}
	if ( kind === 'cacheproof' ) {
		counts.cacheProofHits += hit ? 1 : 0;
		counts.cacheProofSigned +=
			emails.length + signatures.length > 0 ? 1 : 0;
		return;
	}
	counts.blockPageHits += hit ? 1 : 0;
	if ( ! visitor ) {
		counts.anonymousSigned += emails.length + signatures.length > 0 ? 1 : 0;
		return;
	}
	const foreign =
		emails.some( ( email ) => email !== visitor.email ) ||
		signatures.some( ( signature ) => signature !== visitor.signature );
	counts.foreign += foreign ? 1 : 0;
	counts.missingOwn += signatures.includes( visitor.signature ) ? 0 : 1;
}

/**
 * Everything one pass requests: each target × page × visitor, shuffled together.
 * @param {string}   pass       'block' or 'classic': the active theme type.
 * @param {string[]} blockPages Names of the pages that show the block.
 * @param {Object}   pages      Page name => path.
 * @param {Object[]} users      Logged-in users.
 */
function tasksFor( pass, blockPages, pages, users ) {
	const tasks = [];
	for ( const target of TARGETS ) {
		const add = ( kind, path, visitor ) =>
			tasks.push( {
				target,
				kind,
				path: `${ path }?pass=${ pass }`,
				visitor,
			} );
		for ( const page of blockPages ) {
			for ( let round = 0; round < ROUNDS; round++ ) {
				users.forEach( ( user ) =>
					add( 'block', pages[ page ], user )
				);
			}
			for ( let i = 0; i < ANONYMOUS_PER_PAGE; i++ ) {
				add( 'block', pages[ page ], null );
			}
		}
		for ( const [ kind, page ] of [
			[ 'plain', 'about' ],
			[ 'cacheproof', 'cacheproof' ],
			[ 'contactform', 'contactform' ],
			[ 'contactform', 'contactshortcode' ],
		] ) {
			users.forEach( ( user ) => add( kind, pages[ page ], user ) );
			for ( let i = 0; i < ANONYMOUS_PER_PAGE; i++ ) {
				add( kind, pages[ page ], null );
			}
		}
		users.forEach( ( user ) =>
			add( 'endpoint', '/wp-json/helpdesky-block/v1/embed', user )
		);
		for ( let i = 0; i < 5; i++ ) {
			add( 'endpoint', '/wp-json/helpdesky-block/v1/embed', null );
		}
	}
	return shuffle( tasks, pass === 'block' ? 7 : 11 );
}

/**
 * Another site's script must not be able to read the endpoint's answer.
 * @param {Object} target The cache server.
 * @param {Object} user   A logged-in user.
 */
async function checkCrossOrigin( target, user ) {
	const response = await fetch(
		`http://127.0.0.1:${ target.port }/wp-json/helpdesky-block/v1/embed`,
		{
			headers: {
				Cookie: `${ user.cookie.name }=${ user.cookie.value }`,
				Origin: 'https://attacker.example',
				'Sec-Fetch-Site': 'cross-site',
			},
		}
	);
	const body = await response.text();
	return (
		response.status === 403 &&
		! response.headers.has( 'access-control-allow-origin' ) &&
		! body.includes( user.email )
	);
}

function printTable( rows ) {
	const columns = [
		[ 'pass', ( r ) => r.pass ],
		[ 'cache', ( r ) => r.target.name ],
		[ 'plugin', ( r ) => ( r.target.protectedByPlugin ? 'on' : 'OFF' ) ],
		[ 'requests', ( r ) => r.counts.requests ],
		[ 'foreign sig', ( r ) => r.counts.foreign ],
		[ 'anon signed', ( r ) => r.counts.anonymousSigned ],
		[ 'missing own', ( r ) => r.counts.missingOwn ],
		[ 'block HIT', ( r ) => r.counts.blockPageHits ],
		[ 'plain HIT', ( r ) => r.counts.plainHits ],
		[ 'proof HIT', ( r ) => r.counts.cacheProofHits ],
		[ 'proof signed', ( r ) => r.counts.cacheProofSigned ],
		[ 'form anon HIT', ( r ) => r.counts.contactFormAnonymousHits ],
		[ 'form signed', ( r ) => r.counts.contactFormSigned ],
		[ 'endpoint bad', ( r ) => r.counts.endpointWrong ],
		[ 'errors', ( r ) => r.counts.errors ],
	];
	const cells = [
		columns.map( ( [ title ] ) => title ),
		...rows.map( ( row ) =>
			columns.map( ( [ , get ] ) => String( get( row ) ) )
		),
	];
	const widths = columns.map( ( _, i ) =>
		Math.max( ...cells.map( ( line ) => line[ i ].length ) )
	);
	for ( const line of cells ) {
		process.stdout.write(
			line
				.map( ( cell, i ) => cell.padStart( widths[ i ] ) )
				.join( '  ' ) + '\n'
		);
	}
}

async function main() {
	const started = Date.now();
	for ( const port of [
		PORT,
		...TARGETS.map( ( target ) => target.port ),
	] ) {
		if ( await portInUse( port ) ) {
			throw new Error(
				`Port ${ port } is taken by another program; set HELPDESKY_CACHE_PORT to a free range of five ports.`
			);
		}
	}
	const conf = writeNginxConfs();
	STACK_ENV.HELPDESKY_E2E_NGINX_CONF = conf.files.join( ':' );
	const failures = [];

	try {
		log(
			`starting WordPress ${ WP_VERSION }, PHP-FPM, MariaDB and the careless caches`
		);
		stack( 'start' );
		const env = parseEnv( stack( 'env' ) );
		const baseUrl = env.WP_BASE_URL;
		const wpRoot = join( env.HELPDESKY_E2E_DIR, 'wordpress' );
		cpSync(
			join( HERE, 'fixtures', 'helpdesky-cache-test.php' ),
			join(
				wpRoot,
				'wp-content',
				'mu-plugins',
				'helpdesky-cache-test.php'
			)
		);
		cpSync(
			join(
				ROOT,
				'tests',
				'php',
				'integration',
				'themes',
				CLASSIC_THEME
			),
			join( wpRoot, 'wp-content', 'themes', CLASSIC_THEME ),
			{ recursive: true }
		);
		const site = JSON.parse(
			run( 'php', [
				join( HERE, 'site.php' ),
				wpRoot,
				'setup',
				String( USER_COUNT ),
			] )
		);
		log( `stack ready in ${ seconds( started ) } s` );

		let since = Date.now();
		const users = await pool(
			site.users.map( ( user ) => async () => ( {
				...user,
				signature: createHmac( 'sha256', env.HELPDESKY_E2E_HMAC_SECRET )
					.update( user.email )
					.digest( 'hex' ),
				cookie: await logIn( baseUrl, user ),
			} ) ),
			4
		);
		log(
			`${ users.length } users logged in through wp-login.php in ${ seconds( since ) } s`
		);

		const rows = [];
		for ( const pass of [ 'block', 'classic' ] ) {
			if ( pass === 'classic' ) {
				stack( 'site', 'theme', CLASSIC_THEME );
			}
			const blockPages =
				pass === 'classic'
					? [ 'inline', 'synced', 'shortcode' ]
					: [ 'inline', 'synced' ];
			const tasks = tasksFor( pass, blockPages, site.pages, users );
			const counts = new Map(
				TARGETS.map( ( target ) => [ target, emptyCounts() ] )
			);
			since = Date.now();
			await pool(
				tasks.map(
					( task ) => () => check( task, counts.get( task.target ) )
				),
				CONCURRENCY
			);
			log(
				`${ pass } theme: ${ tasks.length } requests in ${ seconds( since ) } s (${ CONCURRENCY } at a time)`
			);
			for ( const target of TARGETS ) {
				rows.push( { pass, target, counts: counts.get( target ) } );
				if ( ! ( await checkCrossOrigin( target, users[ 0 ] ) ) ) {
					failures.push(
						`${ pass }/${ target.name }: a cross-origin request could read the endpoint`
					);
				}
			}

			since = Date.now();
			const browserResults = await checkCacheProofInBrowser( {
				targets: TARGETS.filter(
					( target ) => target.protectedByPlugin
				),
				path: `${ site.pages.cacheproof }?pass=${ pass }-browser`,
				users: users.slice( 0, 3 ),
				log,
			} );
			log(
				`${ pass } theme: cache-proof page in Chromium, ${ browserResults.length } visits in ${ seconds( since ) } s`
			);
			for ( const result of browserResults ) {
				if ( ! result.ok ) {
					failures.push(
						`${ pass }/${ result.target }: ${ result.who }: ${ result.problem }`
					);
				}
			}
		}

		printTable( rows );
		const leaks = ( row ) =>
			row.counts.foreign +
			row.counts.anonymousSigned +
			row.counts.missingOwn +
			row.counts.cacheProofSigned +
			row.counts.contactFormSigned;
		const sum = ( protectedByPlugin ) =>
			rows
				.filter(
					( row ) =>
						row.target.protectedByPlugin === protectedByPlugin
				)
				.reduce( ( total, row ) => total + leaks( row ), 0 );
		process.stdout.write(
			`\nleaks with the plugin: ${ sum( true ) }    leaks in the control (protection off): ${ sum( false ) }\n`
		);

		for ( const row of rows ) {
			const where = `${ row.pass }/${ row.target.name }`;
			if ( row.counts.errors > 0 ) {
				failures.push(
					`${ where }: ${ row.counts.errors } requests failed`
				);
			}
			if ( row.counts.endpointWrong > 0 ) {
				failures.push(
					`${ where }: ${ row.counts.endpointWrong } wrong endpoint answers`
				);
			}
			if ( row.counts.plainHits === 0 ) {
				failures.push(
					`${ where }: the page without the block was never served from the cache`
				);
			}
			// The Contact Form is cacheable for everyone, with the plugin's protection or without.
			if ( row.counts.contactFormAnonymousHits === 0 ) {
				failures.push(
					`${ where }: the Contact Form pages were never served from the cache to an anonymous visitor`
				);
			}
			if ( row.counts.contactFormSigned > 0 ) {
				failures.push(
					`${ where }: a Contact Form page carried user data`
				);
			}
			if ( row.counts.contactFormMissing > 0 ) {
				failures.push(
					`${ where }: ${ row.counts.contactFormMissing } Contact Form pages without the form`
				);
			}
			if ( row.counts.cacheProofSigned > 0 ) {
				failures.push(
					`${ where }: a cache-proof page carried user data`
				);
			}
			if ( row.target.protectedByPlugin ) {
				if ( leaks( row ) > 0 || row.counts.blockPageHits > 0 ) {
					failures.push(
						`${ where }: ${ leaks( row ) } leaks, ${ row.counts.blockPageHits } block pages from the cache`
					);
				}
				if ( row.counts.cacheProofHits === 0 ) {
					failures.push(
						`${ where }: the cache-proof page was never served from the cache`
					);
				}
			} else if ( leaks( row ) === 0 ) {
				failures.push(
					`${ where }: the control did not leak, so the test could not see a leak`
				);
			}
		}
	} finally {
		if ( process.env.HELPDESKY_CACHE_KEEP === '1' ) {
			log(
				`stack left running (HELPDESKY_CACHE_KEEP=1); stop it with HELPDESKY_WP_VERSION=${ WP_VERSION } HELPDESKY_E2E_DIR=${ STACK_ENV.HELPDESKY_E2E_DIR } HELPDESKY_E2E_PORT=${ PORT } bin/e2e-stack.sh stop`
			);
		} else {
			try {
				stack( 'stop' );
			} catch ( error ) {
				log( error.message );
			}
		}
		rmSync( conf.folder, { recursive: true, force: true } );
	}

	log( `WordPress ${ WP_VERSION }: done in ${ seconds( started ) } s` );
	if ( failures.length > 0 ) {
		process.stderr.write(
			`\nFAILED:\n${ failures.map( ( failure ) => `  - ${ failure }` ).join( '\n' ) }\n`
		);
		process.exitCode = 1;
	}
}

main().catch( ( error ) => {
	process.stderr.write( `${ error.stack || error }\n` );
	process.exitCode = 1;
} );
