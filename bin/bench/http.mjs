/**
 * Requests to the bench site, and the reports its mu-plugin writes for a request.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PORT, WP_ROOT } from './config.mjs';

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
export function fetchPage( urlPath, options = {} ) {
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

/**
 * The report the bench mu-plugin wrote for a request sent with `report: id`; read once.
 * @param {string} id The report id.
 */
export function readReport( id ) {
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
