// Load test (npm run load, through bin/load-test.sh): LOAD_USERS signed-in users
// (50) ask for the Support page at the same time, for LOAD_SECONDS (60), against
// the e2e stack on loopback. Every answer must be a 200 whose embed is signed for
// the user who asked: data-email is that user's normalized address and
// data-signature its HMAC with the site's secret. Any other answer, a request
// error or timeout, fails the run; bin/load-test.sh then checks the PHP log.
//
// Bounded: one request at a time per user, LOAD_SECONDS of wall time and at
// most LOAD_MAX_REQUESTS requests in all, each with a 30 s timeout.

import { createHmac } from 'node:crypto';
import http from 'node:http';

const BASE = new URL( process.env.WP_BASE_URL ?? '' );
const SECRET = process.env.HELPDESKY_E2E_HMAC_SECRET ?? '';
const SECONDS = Number( process.env.LOAD_SECONDS ?? 60 );
const MAX_REQUESTS = Number( process.env.LOAD_MAX_REQUESTS ?? 200000 );
const REQUEST_TIMEOUT = 30_000;

if ( ! [ '127.0.0.1', 'localhost', '[::1]' ].includes( BASE.hostname ) ) {
	// Load goes to this machine's own test site and nowhere else.
	throw new Error( `load.mjs only targets loopback, not ${ BASE.hostname }` );
}

const setup = JSON.parse( process.argv[ 2 ] ?? '{}' );

/**
 * One HTTP request on the user's own keep-alive connection.
 *
 * @param {http.Agent} agent   The user's agent.
 * @param {string}     method  GET or POST.
 * @param {string}     path    Path on the site.
 * @param {Object}     headers Request headers.
 * @param {string}     body    Form body for POST.
 * @return {Promise<{status: number, headers: Object, body: string}>} The answer.
 */
function request( agent, method, path, headers = {}, body = '' ) {
	return new Promise( ( resolve, reject ) => {
		const req = http.request(
			{
				host: BASE.hostname,
				port: BASE.port,
				method,
				path,
				agent,
				headers: body
					? {
							...headers,
							'content-type': 'application/x-www-form-urlencoded',
							'content-length': Buffer.byteLength( body ),
						}
					: headers,
				timeout: REQUEST_TIMEOUT,
			},
			( res ) => {
				const chunks = [];
				res.on( 'data', ( chunk ) => chunks.push( chunk ) );
				res.on( 'end', () =>
					resolve( {
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat( chunks ).toString( 'utf8' ),
					} )
				);
				res.on( 'error', reject );
			}
		);
		req.on( 'timeout', () =>
			req.destroy( new Error( `timeout after ${ REQUEST_TIMEOUT } ms` ) )
		);
		req.on( 'error', reject );
		req.end( body );
	} );
}

/**
 * Logs a user in through wp-login.php and returns their Cookie header.
 *
 * @param {Object}     user  Login and password.
 * @param {http.Agent} agent The user's agent.
 * @return {Promise<string>} Cookie header.
 */
async function logIn( user, agent ) {
	const form = new URLSearchParams( {
		log: user.login,
		pwd: user.password,
		'wp-submit': 'Log In',
		testcookie: '1',
		redirect_to: setup.page,
	} ).toString();
	const response = await request(
		agent,
		'POST',
		'/wp-login.php',
		{ cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
		form
	);
	const cookies = ( response.headers[ 'set-cookie' ] ?? [] )
		.map( ( cookie ) => cookie.split( ';' )[ 0 ] )
		.filter( ( cookie ) => cookie.startsWith( 'wordpress_' ) );
	if (
		response.status !== 302 ||
		! cookies.some( ( cookie ) =>
			cookie.startsWith( 'wordpress_logged_in_' )
		)
	) {
		throw new Error(
			`logging in ${ user.login } failed (HTTP ${ response.status })`
		);
	}
	return cookies.join( '; ' );
}

/**
 * The embed script tags of a page: [ data-email, data-signature ] each.
 *
 * @param {string} html Page.
 * @return {Array<Array<string>>} Pairs.
 */
function embeds( html ) {
	const found = [];
	for ( const [ tag ] of html.matchAll(
		/<script\b[^>]*\bdata-helpdesk-id=[^>]*>/g
	) ) {
		const email = tag.match( /\bdata-email="([^"]*)"/ )?.[ 1 ];
		const signature = tag.match( /\bdata-signature="([^"]*)"/ )?.[ 1 ];
		found.push( [ email, signature ] );
	}
	return found;
}

const stats = {
	requests: 0,
	passed: 0,
	failures: [],
	latencies: [],
};

function fail( user, message ) {
	if ( stats.failures.length < 20 ) {
		stats.failures.push( `${ user.login }: ${ message }` );
	} else {
		stats.failures.push( '' );
	}
}

async function run( user, cookie, agent, deadline ) {
	const expected = createHmac( 'sha256', SECRET )
		.update( user.normalized )
		.digest( 'hex' );
	while ( Date.now() < deadline && stats.requests < MAX_REQUESTS ) {
		stats.requests++;
		const started = Date.now();
		let response;
		try {
			response = await request( agent, 'GET', setup.page, { cookie } );
		} catch ( error ) {
			fail( user, error.message );
			continue;
		}
		stats.latencies.push( Date.now() - started );
		const found = embeds( response.body );
		if ( response.status !== 200 ) {
			fail( user, `HTTP ${ response.status }` );
		} else if ( found.length !== 1 ) {
			fail( user, `${ found.length } embeds in the page` );
		} else if ( found[ 0 ][ 0 ] !== user.normalized ) {
			fail(
				user,
				`signed for ${ found[ 0 ][ 0 ] }, not ${ user.normalized }`
			);
		} else if ( found[ 0 ][ 1 ] !== expected ) {
			fail( user, 'the signature is not the HMAC of their address' );
		} else {
			stats.passed++;
		}
	}
}

const users = setup.users ?? [];
if ( ! users.length || ! setup.page || ! SECRET ) {
	throw new Error(
		'load.mjs needs the setup JSON, WP_BASE_URL and the secret'
	);
}

const agents = users.map(
	() => new http.Agent( { keepAlive: true, maxSockets: 1 } )
);
const cookies = [];
for ( const [ index, user ] of users.entries() ) {
	cookies.push( await logIn( user, agents[ index ] ) );
}

const startedAt = Date.now();
const deadline = startedAt + SECONDS * 1000;
await Promise.all(
	users.map( ( user, index ) =>
		run( user, cookies[ index ], agents[ index ], deadline )
	)
);
const elapsed = ( Date.now() - startedAt ) / 1000;
agents.forEach( ( agent ) => agent.destroy() );

const sorted = [ ...stats.latencies ].sort( ( a, b ) => a - b );
const percentile = ( p ) =>
	sorted.length ? sorted[ Math.floor( ( sorted.length - 1 ) * p ) ] : 0;
const failed = stats.requests - stats.passed;
console.log(
	`load: ${ users.length } users, ${ elapsed.toFixed(
		1
	) } s, ${ stats.requests } requests (${ (
		stats.requests / elapsed
	).toFixed( 1 ) }/s); latency p50 ${ percentile(
		0.5
	) } ms, p95 ${ percentile( 0.95 ) } ms, max ${ percentile( 1 ) } ms`
);
for ( const message of stats.failures.filter( Boolean ) ) {
	console.log( `load: FAILED ${ message }` );
}
console.log( `load: ${ stats.passed } passed, ${ failed } failed` );
process.exit( failed === 0 && stats.requests > 0 ? 0 : 1 );
