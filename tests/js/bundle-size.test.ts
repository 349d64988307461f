/// <reference types="node" />
/**
 * Script size budgets, so the block's scripts cannot grow unnoticed (BENCHMARKS.md reports the
 * sizes; `npm run bench` measures them the same way).
 *
 * Sizes are of the production build (`npm run build`, which `npm test` runs first), gzipped at
 * level 9 as bundle-size tools measure. WordPress's own packages are not in these files: the
 * build leaves them to WordPress as externals (index.asset.php lists them), so a budget only
 * counts the plugin's code, and importing a package's code into the bundle instead of using the
 * external breaks it at once.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

const BUILD = join( __dirname, '../../build' );

const BUDGETS: Array< [ file: string, bytes: number, why: string ] > = [
	// The target of the benchmark issue: the editor script stays under 3 KB.
	[ 'ticket-center/index.js', 3072, 'editor script' ],
	// Loaded on pages with a cache-proof Ticket Center, by every visitor.
	[ 'ticket-center/view.js', 2048, 'front-end view script' ],
	// The Contact Form's editor: a placeholder and two layout controls.
	[ 'contact-form/index.js', 2048, 'Contact Form editor script' ],
];

function gzippedSize( file: string ): number {
	const path = join( BUILD, file );
	if ( ! existsSync( path ) ) {
		throw new Error(
			`build/${ file } is missing: run \`npm run build\` first (npm test does).`
		);
	}
	return gzipSync( readFileSync( path ), { level: 9 } ).length;
}

describe( 'script size budgets', () => {
	it.each( BUDGETS )(
		'build/%s stays within %d bytes gzipped (%s)',
		( file, bytes ) => {
			const size = gzippedSize( file );
			if ( size > bytes ) {
				throw new Error(
					`build/${ file } is ${ size } bytes gzipped, over its budget of ${ bytes }. ` +
						'Keep WordPress packages as imports of @wordpress/* (externals), or raise the budget ' +
						'in tests/js/bundle-size.test.ts with a reason. (A development build from ' +
						'`wp-scripts start` is larger: run `npm run build`.)'
				);
			}
			expect( size ).toBeLessThanOrEqual( bytes );
		}
	);

	it.each( [
		[
			'ticket-center',
			[ 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element' ],
		],
		// React's JSX runtime is WordPress's too (react-jsx-runtime).
		[
			'contact-form',
			[
				'wp-blocks',
				'wp-block-editor',
				'wp-components',
				'react-jsx-runtime',
			],
		],
	] )( '%s leaves WordPress packages to WordPress', ( block, externals ) => {
		const asset = readFileSync(
			join( BUILD, block, 'index.asset.php' ),
			'utf8'
		);
		for ( const external of externals ) {
			expect( asset ).toContain( `'${ external }'` );
		}
	} );
} );
