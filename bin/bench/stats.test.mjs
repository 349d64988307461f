/**
 * The bench's statistics. Run with `node --test 'bin/bench/*.test.mjs'`: Node's own runner, as
 * the bench is plain Node outside Jest's roots.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	mad,
	median,
	mulberry32,
	pairedRatio,
	quantile,
	shuffle,
	summary,
} from './stats.mjs';

const close = ( actual, expected, tolerance = 1e-9 ) =>
	assert.ok(
		Math.abs( actual - expected ) <= tolerance,
		`${ actual } is not within ${ tolerance } of ${ expected }`
	);

describe( 'quantile', () => {
	it( 'interpolates between the nearest ranks of the sorted sample', () => {
		const values = [ 40, 10, 30, 20 ];
		assert.equal( quantile( values, 0 ), 10 );
		assert.equal( quantile( values, 1 ), 40 );
		assert.equal( quantile( values, 0.5 ), 25 );
		close( quantile( values, 0.25 ), 17.5 );
		assert.deepEqual( values, [ 40, 10, 30, 20 ], 'input left unsorted' );
	} );

	it( 'answers the one value of a sample of one', () => {
		assert.equal( quantile( [ 7 ], 0.975 ), 7 );
	} );
} );

describe( 'median, mad, summary', () => {
	it( 'median of odd and even samples', () => {
		assert.equal( median( [ 3, 1, 2 ] ), 2 );
		assert.equal( median( [ 4, 1, 2, 3 ] ), 2.5 );
	} );

	it( 'median absolute deviation ignores one outlier', () => {
		// Deviations from the median 3: 2 1 0 1 97 → median 1.
		assert.equal( mad( [ 1, 2, 3, 4, 100 ] ), 1 );
	} );

	it( 'summary', () => {
		assert.deepEqual( summary( [ 1, 2, 3, 4, 5 ] ), {
			n: 5,
			median: 3,
			p25: 2,
			p75: 4,
			mad: 1,
		} );
	} );
} );

describe( 'mulberry32', () => {
	it( 'is reproducible from its seed and stays in [0, 1)', () => {
		const a = mulberry32( 42 );
		const b = mulberry32( 42 );
		const other = mulberry32( 43 );
		const first = Array.from( { length: 1000 }, () => a() );
		assert.deepEqual(
			first,
			Array.from( { length: 1000 }, () => b() )
		);
		assert.notEqual( first[ 0 ], other() );
		assert.ok( first.every( ( x ) => x >= 0 && x < 1 ) );
		close( first.reduce( ( s, x ) => s + x, 0 ) / first.length, 0.5, 0.05 );
	} );
} );

describe( 'shuffle', () => {
	it( 'answers a permutation and leaves its input alone', () => {
		const values = [ 'a', 'b', 'c', 'd', 'e' ];
		const shuffled = shuffle( values, mulberry32( 7 ) );
		assert.deepEqual( values, [ 'a', 'b', 'c', 'd', 'e' ] );
		assert.deepEqual( [ ...shuffled ].sort(), values );
	} );

	it( 'is reproducible from the generator', () => {
		const values = [ 1, 2, 3, 4, 5, 6, 7, 8 ];
		assert.deepEqual(
			shuffle( values, mulberry32( 11 ) ),
			shuffle( values, mulberry32( 11 ) )
		);
	} );
} );

describe( 'pairedRatio', () => {
	it( 'is the geometric mean of the per-round ratios', () => {
		// Ratios 2 and 0.5: geometric mean 1 (an arithmetic mean would say 1.25).
		const r = pairedRatio( [ 20, 5 ], [ 10, 10 ] );
		close( r.value, 1 );
		assert.equal( r.n, 2 );
	} );

	it( 'cancels drift that hits both cases of a round alike', () => {
		// The machine slows down tenfold over the run; the case is always 3% slower.
		const reference = Array.from( { length: 50 }, ( _, i ) => 10 + i * 2 );
		const slower = reference.map( ( v ) => v * 1.03 );
		const r = pairedRatio( slower, reference );
		close( r.value, 1.03 );
		close( r.low, 1.03 );
		close( r.high, 1.03 );
	} );

	it( 'has a 95% interval around the ratio, reproducible run to run', () => {
		const random = mulberry32( 1 );
		const b = Array.from( { length: 200 }, () => 50 + random() * 10 );
		const a = b.map( ( v ) => v * ( 1.01 + ( random() - 0.5 ) * 0.04 ) );
		const r = pairedRatio( a, b );
		assert.ok( r.low < r.value && r.value < r.high );
		assert.ok( r.low < 1.01 && 1.01 < r.high, JSON.stringify( r ) );
		assert.ok( r.high - r.low < 0.01, 'about ±0.3% for 200 rounds' );
		assert.deepEqual( pairedRatio( a, b ), r );
	} );
} );
