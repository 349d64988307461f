/**
 * Time: full response time in interleaved rounds (one request at a time), and throughput with
 * 50 concurrent subscribers (wrk + bin/bench/wrk-users.lua) in alternating slots.
 */
import path from 'node:path';
import { BENCH, CONCURRENCY, CONFIG, HOST, RUN } from './config.mjs';
import { run } from './shell.mjs';
import { checkedFetch } from './site.mjs';
import { mulberry32, pairedRatio, shuffle, summary } from './stats.mjs';

/**
 * Full response time of every case, interleaved: each round requests every case once, in a
 * shuffled order, so the samples of one round are pairs (see pairedRatio()).
 * @param {Object} cases casesFor()'s answer.
 * @param {Object} site  What site-setup.php made.
 */
export async function measureLatency( cases, site ) {
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
 * The paired ratios the report judges by, from measureLatency()'s answer.
 * @param {Object} latency measureLatency()'s answer.
 */
export function latencyRatios( latency ) {
	const paired = ( a, b ) =>
		pairedRatio( latency[ a ].raw, latency[ b ].raw );
	const ratios = {
		blockVsParagraph: latency.block.vsParagraph,
		noiseFloor: latency.paragraphAgain.vsParagraph,
		paragraphVsOff: paired( 'paragraph', 'paragraphOff' ),
	};
	if ( latency.guide ) {
		ratios.blockVsGuide = paired( 'block', 'guide' );
		ratios.templateVsGuide = paired( 'template', 'guide' );
	}
	return ratios;
}

/**
 * One wrk run against a case: requests served and seconds taken. Fails on any bad answer.
 * @param {string} urlPath Path on the site.
 * @param {string} plugin  'on' or 'off'.
 * @param {number} seconds How long.
 */
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
export function measureThroughput( cases ) {
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
		names.map( ( n ) => [ n, throughputOf( cases[ n ], slots[ n ] ) ] )
	);
}

/**
 * A case's throughput over its slots.
 * @param {Object}   kase  The case (casesFor()).
 * @param {Object[]} slots wrkOnce()'s answers.
 */
function throughputOf( kase, slots ) {
	const requests = slots.reduce( ( sum, s ) => sum + s.requests, 0 );
	const seconds = slots.reduce( ( sum, s ) => sum + s.seconds, 0 );
	const rates = slots.map( ( s ) => s.requests / s.seconds );
	return {
		label: kase.label,
		rps: requests / seconds,
		requests,
		seconds,
		min: Math.min( ...rates ),
		max: Math.max( ...rates ),
		rates,
	};
}
