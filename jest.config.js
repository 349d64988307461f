// Extends wp-scripts' own unit-test config (babel transform, jsdom,
// @wordpress/jest-console) instead of replacing it.
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config.js' );

// Dependencies of @wordpress/blocks, components and block-editor that ship
// ES modules only; Jest's CommonJS runtime on Node 20 cannot load them
// unless Babel compiles them first.
const esmOnlyPackages = [ 'uuid', 'marked', '@wordpress/theme', 'parsel-js' ];

module.exports = {
	...defaultConfig,
	// Only our sources: the cached WordPress core, build output and e2e specs
	// are not unit tests and are slow to crawl.
	roots: [ '<rootDir>/src', '<rootDir>/tests/js' ],
	setupFilesAfterEnv: [ '<rootDir>/tests/js/setup.ts' ],
	transform: {
		// As wp-scripts', plus .mjs for the packages above.
		'\\.m?[jt]sx?$':
			require.resolve( '@wordpress/scripts/config/babel-transform' ),
	},
	transformIgnorePatterns: [
		`/node_modules/(?!(${ esmOnlyPackages.join( '|' ) })/)`,
	],
};
