/**
 * `bench.mjs instructions`: only the Callgrind rows, on the site `bench.mjs site` left running,
 * with the checkout's plugin files copied into it first. A minute or two for both themes, so a
 * change to the plugin's start-up can be measured before the whole bench runs.
 *
 * HELPDESKY_BENCH_ROUNDS sets the rounds kept (default 3, after one warm-up round);
 * HELPDESKY_BENCH_THEME=block or =classic measures one theme only;
 * HELPDESKY_BENCH_NO_SYNC=1 measures the site's copy as it is (to try a change there first);
 * HELPDESKY_BENCH_UNCHECKED=1 skips the check of each case's answer and accepts any status (to
 * measure a copy with parts switched off, which no longer prints the embed);
 * HELPDESKY_BENCH_KEEP_DUMPS=1 keeps each request's Callgrind dump in .cache/bench/<version>/
 * callgrind/kept/ (theme-case-plugin-round.out), for callgrind_annotate.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	BLOCK_THEME,
	CLASSIC_THEME,
	CONFIG,
	ROOT,
	RUN,
	WP_ROOT,
} from './config.mjs';
import {
	measureInstructions,
	startCallgrindPool,
	stopCallgrindPool,
} from './callgrind.mjs';
import { millions, pct } from './format.mjs';
import { log, stack } from './shell.mjs';
import { casesFor, checkedFetch } from './site.mjs';

/** Copies the release files (package.json "files") over the site's copy of the plugin. */
function syncPlugin() {
	const dest = path.join( WP_ROOT, 'wp-content/plugins/helpdesky-block' );
	const { files } = JSON.parse(
		fs.readFileSync( path.join( ROOT, 'package.json' ), 'utf8' )
	);
	for ( const entry of files ) {
		fs.rmSync( path.join( dest, entry ), { recursive: true, force: true } );
		if ( fs.existsSync( path.join( ROOT, entry ) ) ) {
			fs.cpSync( path.join( ROOT, entry ), path.join( dest, entry ), {
				recursive: true,
			} );
		}
	}
}

/**
 * The lines printed for a theme: each case's fastest request, and the differences the issue's
 * targets are about.
 * @param {string} theme  Theme slug.
 * @param {Object} counts measureInstructions()'s answer.
 */
function lines( theme, counts ) {
	const min = ( key ) => counts[ key ]?.min;
	const out = [ `${ theme }:` ];
	for ( const [ key, value ] of Object.entries( counts ) ) {
		out.push(
			`  ${ key.padEnd( 16 ) } min ${ millions( value.min ) }  median ${ millions(
				value.median
			) }  max ${ millions( value.max ) }`
		);
	}
	const off = min( 'paragraph/off' );
	const startUp = min( 'paragraph/on' ) - off;
	out.push(
		`  start-up (paragraph on − off): ${ millions( startUp ) } (${ pct(
			startUp / off
		) })`
	);
	const render = min( 'block/on' ) - min( 'paragraph/on' );
	out.push(
		`  block − paragraph: ${ millions( render ) } (${ pct(
			render / min( 'paragraph/on' )
		) })`
	);
	if ( counts[ 'guide/off' ] ) {
		const guide = min( 'guide/off' );
		out.push(
			`  template with the block ÷ guide: ${ (
				min( 'template/on' ) / guide
			).toFixed( 4 ) } (${ millions( min( 'template/on' ) - guide ) })`
		);
	}
	return out;
}

export async function instructionsOnly() {
	const site = JSON.parse(
		fs.readFileSync( path.join( RUN, 'site.json' ), 'utf8' )
	);
	site.cookies = site.users.map(
		( user ) => `${ site.cookie_name }=${ user.cookie }`
	);
	if ( process.env.HELPDESKY_BENCH_NO_SYNC !== '1' ) {
		syncPlugin();
	}
	CONFIG.callgrindWarmup = 1;
	CONFIG.callgrindFrozenFiles = true;
	CONFIG.callgrindRounds = Number( process.env.HELPDESKY_BENCH_ROUNDS || 3 );
	const pool = startCallgrindPool();
	const out = [];
	try {
		const themes = { block: [ BLOCK_THEME ], classic: [ CLASSIC_THEME ] }[
			process.env.HELPDESKY_BENCH_THEME
		] || [ BLOCK_THEME, CLASSIC_THEME ];
		for ( const theme of themes ) {
			log( `theme ${ theme }` );
			stack( 'site', 'theme', theme );
			const cases = casesFor( theme, site );
			for ( const [ name, kase ] of Object.entries( cases ) ) {
				if ( process.env.HELPDESKY_BENCH_UNCHECKED === '1' ) {
					break;
				}
				await checkedFetch(
					name,
					kase,
					site.users[ 0 ],
					site.cookies[ 0 ]
				);
			}
			out.push(
				...lines(
					theme,
					await measureInstructions( pool, cases, site, theme )
				)
			);
		}
	} finally {
		stopCallgrindPool( pool );
	}
	console.log( out.join( '\n' ) );
}
