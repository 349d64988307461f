/**
 * The bench's statistics: pure functions, no I/O (tested by stats.test.mjs).
 */

/**
 * The q-quantile of a sample, interpolating linearly between the two nearest ranks.
 * @param {number[]} values A sample (left unsorted).
 * @param {number}   q      0 to 1.
 */
export function quantile( values, q ) {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const position = ( sorted.length - 1 ) * q;
	const low = Math.floor( position );
	const high = Math.ceil( position );
	return (
		sorted[ low ] + ( sorted[ high ] - sorted[ low ] ) * ( position - low )
	);
}

export const median = ( values ) => quantile( values, 0.5 );

/**
 * Median absolute deviation from the median.
 * @param {number[]} values A sample.
 */
export function mad( values ) {
	const m = median( values );
	return median( values.map( ( v ) => Math.abs( v - m ) ) );
}

export function summary( values ) {
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
export function mulberry32( seed ) {
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
export function pairedRatio( a, b ) {
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

/**
 * A shuffled copy (Fisher–Yates).
 * @param {Array}    values What to shuffle (left as it is).
 * @param {Function} random A generator such as mulberry32()'s.
 */
export function shuffle( values, random ) {
	const copy = [ ...values ];
	for ( let i = copy.length - 1; i > 0; i-- ) {
		const j = Math.floor( random() * ( i + 1 ) );
		[ copy[ i ], copy[ j ] ] = [ copy[ j ], copy[ i ] ];
	}
	return copy;
}
