#!/usr/bin/env node
/**
 * Writes the one-click demo's WordPress Playground blueprint,
 * .wordpress-org/blueprints/blueprint.json: the file the plugin directory's "Live Preview"
 * runs (it is deployed with the directory assets), and the one to share as a Playground link.
 *
 * The blueprint installs the plugin by its directory slug and carries everything else
 * inline, because a clicked demo has no checkout: the Helpdesky stand-in (tests/stand-in),
 * the demo content (bin/dev-site/demo-content.php) and the public demo credentials
 * (bin/dev-site/blueprint.json). Those files stay the only sources; this script copies them
 * in, and `npm run test:blueprint` fails when the committed blueprint is out of date.
 *
 * Usage: node bin/demo-blueprint.mjs [--check]
 *   --check   exit 1 if the committed blueprint differs from what this script writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
export const SLUG = 'helpdesky-block';
export const DEMO_BLUEPRINT = path.join(
	ROOT,
	'.wordpress-org',
	'blueprints',
	'blueprint.json'
);
const DEV_SITE_BLUEPRINT = path.join(
	ROOT,
	'bin',
	'dev-site',
	'blueprint.json'
);
const DEMO_CONTENT = path.join( ROOT, 'bin', 'dev-site', 'demo-content.php' );
const STAND_IN_DIR = path.join( ROOT, 'tests', 'stand-in' );
// Installed as tests/stand-in/README.md describes: the loader directly in mu-plugins/,
// the rest in a folder next to it.
const STAND_IN_LOADER = 'helpdesky-stand-in-loader.php';
const MU_PLUGINS = '/wordpress/wp-content/mu-plugins';
export const DEMO_USER = 'demo';

// The demo signs with the dev site's public demo credentials: one place defines them.
function demoCredentials() {
	const devSite = JSON.parse( fs.readFileSync( DEV_SITE_BLUEPRINT, 'utf8' ) );
	const step = devSite.steps.find(
		( candidate ) =>
			candidate.step === 'defineWpConfigConsts' &&
			'HELPDESKY_HMAC_SECRET' in candidate.consts
	);
	if ( ! step ) {
		throw new Error(
			`${ path.relative( ROOT, DEV_SITE_BLUEPRINT ) } defines no demo credentials`
		);
	}
	return {
		HELPDESKY_HELPDESK_ID: step.consts.HELPDESKY_HELPDESK_ID,
		HELPDESKY_HMAC_SECRET: step.consts.HELPDESKY_HMAC_SECRET,
	};
}

// The stand-in's runtime files (PHP and JavaScript, not its README), by name.
function standInFiles() {
	const files = {};
	for ( const name of fs.readdirSync( STAND_IN_DIR ).sort() ) {
		if ( name !== STAND_IN_LOADER && /\.(php|js)$/.test( name ) ) {
			files[ name ] = fs.readFileSync(
				path.join( STAND_IN_DIR, name ),
				'utf8'
			);
		}
	}
	return files;
}

// demo-content.php expects WordPress to be loaded, as the dev site's runPHP step does
// before it requires the file; here the file's text follows that require directly.
function demoContentCode() {
	return (
		"<?php require_once '/wordpress/wp-load.php'; ?>\n" +
		fs.readFileSync( DEMO_CONTENT, 'utf8' )
	);
}

export function buildDemoBlueprint() {
	return {
		$schema: 'https://playground.wordpress.net/blueprint-schema.json',
		meta: {
			title: 'Helpdesky Ticket Center block: demo with a local stand-in',
			description:
				'A demo, not a real helpdesk: the Support page holds the Ticket Center block and you are logged in as the demo subscriber. ' +
				'A local stand-in replaces Helpdesky’s hosted script: it checks the signature the block printed and shows "Verified as …". ' +
				'The helpdesk ID and HMAC secret are public demo values. Log in as admin / password to see the block’s settings.',
			author: 'helpdesky',
			categories: [ 'demo' ],
		},
		landingPage: '/support/',
		siteOptions: {
			blogname: 'Helpdesky block demo (local stand-in)',
		},
		steps: [
			// Before activation, so the plugin starts configured.
			{
				step: 'defineWpConfigConsts',
				consts: demoCredentials(),
			},
			{
				step: 'installPlugin',
				pluginData: {
					resource: 'wordpress.org/plugins',
					slug: SLUG,
				},
				options: { activate: true },
			},
			{
				step: 'writeFiles',
				writeToPath: `${ MU_PLUGINS }/helpdesky-stand-in`,
				filesTree: {
					resource: 'literal:directory',
					name: 'helpdesky-stand-in',
					files: standInFiles(),
				},
			},
			{
				step: 'writeFile',
				path: `${ MU_PLUGINS }/helpdesky-stand-in.php`,
				data: fs.readFileSync(
					path.join( STAND_IN_DIR, STAND_IN_LOADER ),
					'utf8'
				),
			},
			// After the stand-in: demo-content.php adds the demo notice when it is there.
			{
				step: 'runPHP',
				code: demoContentCode(),
			},
			{
				step: 'login',
				username: DEMO_USER,
			},
		],
	};
}

export function serialize( blueprint ) {
	return JSON.stringify( blueprint, null, '\t' ) + '\n';
}

// True when the committed blueprint is what this script would write.
export function demoBlueprintIsCurrent() {
	return (
		fs.existsSync( DEMO_BLUEPRINT ) &&
		fs.readFileSync( DEMO_BLUEPRINT, 'utf8' ) ===
			serialize( buildDemoBlueprint() )
	);
}

function main( argv ) {
	const relative = path.relative( ROOT, DEMO_BLUEPRINT );
	if ( argv.includes( '--check' ) ) {
		if ( ! demoBlueprintIsCurrent() ) {
			process.stderr.write(
				`${ relative } is out of date: run node bin/demo-blueprint.mjs and commit it.\n`
			);
			process.exit( 1 );
		}
		process.stdout.write( `${ relative } is up to date.\n` );
		return;
	}
	fs.mkdirSync( path.dirname( DEMO_BLUEPRINT ), { recursive: true } );
	fs.writeFileSync( DEMO_BLUEPRINT, serialize( buildDemoBlueprint() ) );
	process.stdout.write( `wrote ${ relative }\n` );
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	main( process.argv.slice( 2 ) );
}
