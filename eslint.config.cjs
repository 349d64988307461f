// ESLint (flat config, ESLint 9) for the editor code, its tests, the e2e suite and the scripts:
// the WordPress recommended set (with Prettier formatting and the TypeScript parser), the Jest
// rules for unit tests and the Playwright rules for e2e specs.
// Run with `npm run lint:js` (wp-scripts lint-js), part of `npm test`.
const wpPlugin = require( '@wordpress/eslint-plugin' );

module.exports = [
	{
		// Generated, installed or downloaded code.
		ignores: [
			'build/**',
			'node_modules/**',
			'vendor/**',
			'.cache/**',
			'artifacts/**',
			'test-results/**',
			'playwright-report/**',
		],
	},

	...wpPlugin.configs.recommended,

	{
		// The browser's globals for the block's code; Node's for the scripts and configs.
		files: [
			'bin/**',
			'*.config.{js,cjs,mjs,ts}',
			'tests/e2e/**',
			'tests/load/**',
		],
		languageOptions: {
			globals: {
				process: 'readonly',
				require: 'readonly',
				module: 'writable',
				__dirname: 'readonly',
				console: 'readonly',
			},
		},
		rules: {
			// Command-line scripts report on the console.
			'no-console': 'off',
		},
	},

	...wpPlugin.configs[ 'test-unit' ].map( ( config ) => ( {
		...config,
		files: [
			'src/**/test/**/*.{js,jsx,ts,tsx}',
			'**/*.test.{js,jsx,ts,tsx}',
			'tests/js/**/*.{js,ts,tsx}',
		],
	} ) ),

	...wpPlugin.configs[ 'test-playwright' ].map( ( config ) => ( {
		...config,
		files: [ 'tests/e2e/**/*.{js,ts}' ],
	} ) ),

	{
		// The e2e helpers are TypeScript: their signatures name and type every parameter, and a
		// JSDoc @param per argument would only repeat them. The block's own code keeps the rule.
		files: [ 'tests/e2e/**/*.ts' ],
		rules: {
			'jsdoc/require-param': 'off',
		},
	},
];
