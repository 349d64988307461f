/**
 * Costs measured without the web server: microseconds per render inside WordPress
 * (bin/bench/render-cost.php), and the size of the built scripts.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH, CONFIG, ROOT, WP_ROOT } from './config.mjs';
import { run } from './shell.mjs';
import { summary } from './stats.mjs';

/** Microseconds per render_block() of each case, in batches (render-cost.php). */
export function measureRender() {
	const result = run(
		'php',
		[
			'-d',
			'opcache.enable_cli=1',
			path.join( BENCH, 'render-cost.php' ),
			WP_ROOT,
			'bench-user-01',
			String( CONFIG.renderBatches ),
			String( CONFIG.renderBatchSize ),
		],
		{ timeout: 600_000 }
	);
	const data = JSON.parse( result.stdout );
	return {
		...data,
		summary: Object.fromEntries(
			Object.entries( data.samples_us ).map( ( [ name, values ] ) => [
				name,
				summary( values ),
			] )
		),
	};
}

/** Raw, gzip and Brotli sizes of build/ticket-center's scripts and styles, and their externals. */
export function measureBundles() {
	const dir = path.join( ROOT, 'build/ticket-center' );
	const result = {};
	for ( const file of fs.readdirSync( dir ).sort() ) {
		if ( ! /\.(js|css)$/.test( file ) ) {
			continue;
		}
		const content = fs.readFileSync( path.join( dir, file ) );
		result[ file ] = {
			raw: content.length,
			gzip: zlib.gzipSync( content, { level: 9 } ).length,
			brotli: zlib.brotliCompressSync( content ).length,
		};
	}
	const assetFile = path.join( dir, 'index.asset.php' );
	result.externals = fs.existsSync( assetFile )
		? (
				fs
					.readFileSync( assetFile, 'utf8' )
					.match( /'(wp-[\w-]+|react[\w-]*)'/g ) || []
			).map( ( s ) => s.replace( /'/g, '' ) )
		: [];
	return result;
}
