/**
 * How numbers, ratios and verdicts read in BENCHMARKS.md: small pure formatters.
 */
import { BLOCK_THEME } from './config.mjs';

export const fmt = ( n, digits = 1 ) =>
	Number.isFinite( n ) ? n.toFixed( digits ) : 'n/a';

export const pct = ( n ) =>
	`${ n >= 0 ? '+' : '' }${ ( n * 100 ).toFixed( 2 ) }%`;

export const millions = ( n ) => `${ ( n / 1e6 ).toFixed( 2 ) } M`;

export const ratioText = ( r ) =>
	`${ fmt( r.value, 3 ) } (95% CI ${ fmt( r.low, 3 ) }–${ fmt( r.high, 3 ) })`;

export const themeName = ( theme ) =>
	theme === BLOCK_THEME
		? 'block theme (Twenty Twenty-Five)'
		: 'classic theme (test theme)';

/**
 * A verdict cell: met, missed, or measured (no target), and why the run was noisy if it was.
 * @param {boolean|null} ok    Whether the target was met; null when there is none.
 * @param {string}       noisy Why the run was noisy, or ''.
 */
export const mark = ( ok, noisy ) => {
	const flag = noisy ? ` (noisy run: ${ noisy })` : '';
	if ( ok === null ) {
		return `measured${ flag }`;
	}
	return `${ ok ? 'met' : '**missed**' }${ flag }`;
};

/**
 * Why a theme's response-time ratios are too noisy to trust their verdicts, or '': the A/A
 * control (the paragraph page against itself) should come out at 1 within ±2%.
 *
 * @param {Object} floor The A/A control's pairedRatio() answer.
 */
export const noisyFloor = ( floor ) => {
	const reasons = [];
	if ( floor.low > 1 || floor.high < 1 ) {
		reasons.push(
			`the paragraph page ÷ itself is ${ fmt( floor.value, 3 ) }, its 95% interval misses 1`
		);
	}
	if ( ( floor.high - floor.low ) / 2 > 0.02 ) {
		reasons.push(
			'the paragraph page ÷ itself has a 95% interval wider than ±2%'
		);
	}
	return reasons.join( '; ' );
};

/**
 * Why a response-time ratio is too noisy to trust its verdict, or '': its own interval, and the
 * theme's noise floor.
 *
 * @param {Object} r     A pairedRatio() answer.
 * @param {Object} floor The theme's A/A control.
 */
export const noisyRatio = ( r, floor ) =>
	[
		( r.high - r.low ) / 2 > 0.02
			? 'the 95% interval is wider than ±2%'
			: '',
		noisyFloor( floor ),
	]
		.filter( Boolean )
		.join( '; ' );

/**
 * A Markdown table.
 * @param {string[]} header Column titles.
 * @param {Array[]}  rows   Cells, row by row.
 */
export function table( header, rows ) {
	return [
		`| ${ header.join( ' | ' ) } |`,
		`|${ header.map( () => '---' ).join( '|' ) }|`,
		...rows.map( ( r ) => `| ${ r.join( ' | ' ) } |` ),
	].join( '\n' );
}
