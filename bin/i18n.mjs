#!/usr/bin/env node
/**
 * The plugin's translation files, made with @wp-blocks/make-pot (the npm port of WP-CLI's
 * `wp i18n make-pot` / `make-json`; WP-CLI itself cannot be installed here).
 *
 * Usage:
 *   node bin/i18n.mjs pot                  write languages/helpdesky-block.pot        (npm run i18n:pot)
 *   node bin/i18n.mjs check                fail when the committed POT is stale      (npm run i18n:check)
 *   node bin/i18n.mjs fixture LANG_DIR WP_ROOT
 *                                          install the test translations (tests/fixtures/languages/)
 *                                          into a site's LANG_DIR (wp-content/languages): the
 *                                          plugin's .mo and make-json's JSON files for the built
 *                                          editor scripts into plugins/, the core stand-in
 *                                          (de_DE.po) next to it; .mo files written with
 *                                          WordPress's own PO and MO classes from WP_ROOT
 *
 * What the POT is made from: the main plugin file and uninstall.php, includes/, and src/ (the
 * TypeScript sources, so references point at lines a translator can read; block.json files
 * included). build/ is left out: it repeats src/ minified. That is no loss for JavaScript
 * translations: WordPress looks JSON files up by the md5 of the *built* script's path
 * ("build/ticket-center/index.js"), and make-json finds which strings each built script uses by
 * parsing that script, whatever the POT's references say (see `fixture`).
 *
 * Three things this wrapper does around make-pot 1.6, each for a reason:
 *   - block.json strings are written here, with the context from WordPress's block-i18n schema
 *     ("block title", "block description", "block keyword" ...): WordPress translates them with
 *     that context (translate_settings_using_i18n_schema() calls _x()), while make-pot 1.6 writes
 *     the block.json value without it, and under the file name only. It runs with
 *     --skip-block-json.
 *   - make-pot would download that schema on every run; it gets the copy it ships instead, so
 *     the POT does not depend on the network (and CI has none).
 *   - make-pot reports failures on the console and still exits 0; here a run that leaves no POT
 *     fails.
 */
import { spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const SLUG = 'helpdesky-block';
const POT = path.join( ROOT, 'languages', `${ SLUG }.pot` );
const FIXTURES = path.join( ROOT, 'tests', 'fixtures', 'languages' );
const require = createRequire( import.meta.url );
const MAKE_POT_DIR = path.dirname(
	require.resolve( '@wp-blocks/make-pot/package.json' )
);
// WordPress's block-i18n.json, as make-pot ships it.
const BLOCK_SCHEMA =
	require( '@wp-blocks/make-pot/lib/assets/block-i18n.js' ).default;

// The header lines that change with the day and the year, not with the strings.
const DATED_LINES =
	/^(# Copyright \(C\) \d{4} .*|"POT-Creation-Date: .*|"PO-Revision-Date: .*)$/;

function fail( message ) {
	console.error( `i18n: ${ message }` );
	process.exit( 1 );
}

/**
 * A string as a PO file quotes it.
 *
 * @param {string} text The string.
 */
function poQuote( text ) {
	return `"${ text
		.replace( /\\/g, '\\\\' )
		.replace( /"/g, '\\"' )
		.replace( /\t/g, '\\t' )
		.replace( /\n/g, '\\n' ) }"`;
}

/**
 * Every translatable block.json value with its context, as WordPress looks it up: walks the block
 * metadata along the schema, whose leaves are the contexts.
 *
 * @param {unknown}  metadata The block.json value (or a part of it).
 * @param {unknown}  schema   The matching part of the schema.
 * @param {Function} add      Called with (context, string).
 */
function blockJsonStrings( metadata, schema, add ) {
	if ( typeof schema === 'string' ) {
		if ( typeof metadata === 'string' && metadata !== '' ) {
			add( schema, metadata );
		}
	} else if ( Array.isArray( schema ) ) {
		for ( const item of Array.isArray( metadata ) ? metadata : [] ) {
			blockJsonStrings( item, schema[ 0 ], add );
		}
	} else if ( schema && metadata && typeof metadata === 'object' ) {
		for ( const key of Object.keys( schema ) ) {
			blockJsonStrings( metadata[ key ], schema[ key ], add );
		}
	}
}

/**
 * The POT entries of src/'s block.json files, one per context and string.
 */
function blockJsonEntries() {
	const entries = new Map();
	const blocks = readdirSync( path.join( ROOT, 'src' ), {
		withFileTypes: true,
	} )
		.filter( ( entry ) => entry.isDirectory() )
		.map( ( entry ) => `src/${ entry.name }/block.json` )
		.filter( ( file ) => existsSync( path.join( ROOT, file ) ) )
		.sort();
	for ( const file of blocks ) {
		const metadata = JSON.parse(
			readFileSync( path.join( ROOT, file ), 'utf8' )
		);
		blockJsonStrings( metadata, BLOCK_SCHEMA, ( context, text ) => {
			const key = `${ context }\u0004${ text }`;
			if ( ! entries.has( key ) ) {
				entries.set( key, { context, text, files: [] } );
			}
			entries.get( key ).files.push( file );
		} );
	}
	return [ ...entries.values() ]
		.map(
			( { context, text, files } ) =>
				`#: ${ files.join( ' ' ) }\nmsgctxt ${ poQuote(
					context
				) }\nmsgid ${ poQuote( text ) }\nmsgstr ""\n`
		)
		.join( '\n' );
}

/**
 * The POT with its entries in a fixed order: by file and line of their first reference, each
 * entry's references sorted too. make-pot reads the files concurrently and writes the entries
 * (and the references of a string found in several files) in the order the reads finish, which
 * changes from run to run.
 *
 * @param {string} text POT file: the header, then entries, separated by blank lines.
 */
function inSourceOrder( text ) {
	// Code-unit order, the same whatever the machine's locale.
	const compare = ( a, b ) => ( a < b ? -1 : Number( a > b ) );
	const [ header, ...entries ] = text.trimEnd().split( '\n\n' );
	const references = ( entry ) =>
		entry.split( '\n' ).filter( ( line ) => line.startsWith( '#: ' ) );
	const position = ( reference ) => {
		const [ , file = '', line = '0' ] =
			/^#: (\S+?)(?::(\d+))?(?: |$)/.exec( reference ) ?? [];
		return { file, line: Number( line ) };
	};
	const sorted = entries.map( ( entry ) => {
		const lines = entry.split( '\n' );
		const first = lines.findIndex( ( line ) => line.startsWith( '#: ' ) );
		if ( first < 0 ) {
			return entry;
		}
		const refs = references( entry ).sort( ( a, b ) => {
			const pa = position( a );
			const pb = position( b );
			return compare( pa.file, pb.file ) || pa.line - pb.line;
		} );
		const rest = lines.filter( ( line ) => ! line.startsWith( '#: ' ) );
		rest.splice( first, 0, ...refs );
		return rest.join( '\n' );
	} );
	sorted.sort( ( a, b ) => {
		const pa = position( references( a )[ 0 ] ?? '' );
		const pb = position( references( b )[ 0 ] ?? '' );
		return (
			compare( pa.file, pb.file ) || pa.line - pb.line || compare( a, b )
		);
	} );
	return `${ [ header, ...sorted ].join( '\n\n' ) }\n`;
}

/**
 * Runs make-pot into a new temporary folder and returns the finished POT's text.
 */
function makePot() {
	const out = mkdtempSync( path.join( tmpdir(), 'helpdesky-i18n-' ) );
	try {
		// make-pot takes the destination relative to the working directory.
		const relativeOut = path.relative( ROOT, out );
		const offlineSchema = `data:text/javascript,${ encodeURIComponent(
			`const schema = ${ JSON.stringify( BLOCK_SCHEMA ) };` +
				'globalThis.fetch = async () => ( { json: async () => schema } );'
		) }`;
		const result = spawnSync(
			process.execPath,
			[
				'--import',
				offlineSchema,
				path.join( MAKE_POT_DIR, 'lib', 'makePot.js' ),
				'.',
				relativeOut,
				`--slug=${ SLUG }`,
				'--domain=plugin',
				'--charset=utf-8',
				'--skip-block-json',
				// Only the plugin's strings: make-pot takes every domain's otherwise (WP-CLI does not).
				`--translation-domains=${ SLUG }`,
				// Its audit reads translator comments that are there as missing; PHPCS checks them.
				'--skip-audit',
				// Also answers make-pot's question about header fields itself (no email here).
				'--silent',
				`--include=${ SLUG }.php,uninstall.php,includes/**,src/**`,
				// Added to make-pot's own list (.git, node_modules, vendor, build, tests ...).
				'--exclude=test,.cache,artifacts,docs,bin,languages',
			],
			{ cwd: ROOT, encoding: 'utf8' }
		);
		const file = path.join( out, `${ SLUG }.pot` );
		if ( result.status !== 0 || ! existsSync( file ) ) {
			process.stderr.write( result.stdout + result.stderr );
			fail( 'make-pot did not write a POT file (its output is above).' );
		}
		const pot = readFileSync( file, 'utf8' )
			// make-pot points bug reports at a plugin directory the plugin is not listed in.
			.replace(
				/^"Report-Msgid-Bugs-To: .*\\n"$/m,
				'"Report-Msgid-Bugs-To: \\n"'
			)
			.replace( /\n*$/, '\n' );
		return inSourceOrder( `${ pot }\n${ blockJsonEntries() }` );
	} finally {
		rmSync( out, { recursive: true, force: true } );
	}
}

function countStrings( text ) {
	// Every msgid but the header's empty one.
	return (
		( text.match( /^msgid "(?!"\n)/gm ) ?? [] ).length +
		( text.match( /^msgid ""\n"/gm ) ?? [] ).length
	);
}

/**
 * The POT as the staleness check compares it: without the header's dates, with references
 * reduced to their files, entries in any order. Code moving up or down a file does not make the
 * POT stale; a string, a context, a plural or a translator comment that is new, changed or gone
 * does.
 *
 * @param {string} text POT file.
 */
function comparable( text ) {
	return text
		.split( '\n' )
		.filter( ( line ) => ! DATED_LINES.test( line ) )
		.map( ( line ) =>
			line.startsWith( '#: ' ) ? line.replace( /:\d+(?= |$)/g, '' ) : line
		)
		.join( '\n' )
		.split( '\n\n' )
		.sort()
		.join( '\n\n' );
}

function writePot() {
	const text = makePot();
	mkdirSync( path.dirname( POT ), { recursive: true } );
	writeFileSync( POT, text );
	console.log(
		`i18n: wrote ${ path.relative( ROOT, POT ) } (${ countStrings( text ) } strings)`
	);
}

function check() {
	if ( ! existsSync( POT ) ) {
		fail(
			`${ path.relative( ROOT, POT ) } is missing: run npm run i18n:pot and commit it.`
		);
	}
	const fresh = comparable( makePot() );
	const committed = comparable( readFileSync( POT, 'utf8' ) );
	if ( fresh !== committed ) {
		const freshLines = new Set( fresh.split( '\n' ) );
		const committedLines = new Set( committed.split( '\n' ) );
		const added = [ ...freshLines ].filter(
			( line ) => ! committedLines.has( line )
		);
		const removed = [ ...committedLines ].filter(
			( line ) => ! freshLines.has( line )
		);
		for ( const line of added.slice( 0, 20 ) ) {
			console.error( `  + ${ line }` );
		}
		for ( const line of removed.slice( 0, 20 ) ) {
			console.error( `  - ${ line }` );
		}
		fail(
			`${ path.relative(
				ROOT,
				POT
			) } is stale: the strings in the code changed (lines above, line numbers left out: + in the code, - only in the POT). Run npm run i18n:pot and commit the POT.`
		);
	}
	console.log(
		`i18n: ${ path.relative( ROOT, POT ) } is up to date (${ countStrings(
			fresh
		) } strings)`
	);
}

/**
 * Installs the test translations into a site's languages folder, where WordPress keeps language
 * packs: the plugin's (.mo and JSON) in plugins/, WordPress's own (a stand-in) beside it.
 *
 * @param {string} langDir WP_LANG_DIR of the site.
 * @param {string} wpRoot  The WordPress whose PO and MO classes write the .mo files.
 */
async function fixture( langDir, wpRoot ) {
	if ( ! langDir || ! wpRoot ) {
		fail( 'usage: node bin/i18n.mjs fixture LANG_DIR WP_ROOT' );
	}
	if (
		! existsSync( path.join( ROOT, 'build', 'ticket-center', 'index.js' ) )
	) {
		fail( 'build/ is missing: run npm run build first.' );
	}
	const pluginDir = path.join( langDir, 'plugins' );
	mkdirSync( pluginDir, { recursive: true } );
	const poFiles = readdirSync( FIXTURES ).filter( ( name ) =>
		name.endsWith( '.po' )
	);
	const pluginPoFiles = poFiles.filter( ( name ) =>
		name.startsWith( `${ SLUG }-` )
	);
	for ( const name of poFiles ) {
		const target = pluginPoFiles.includes( name ) ? pluginDir : langDir;
		const mo = spawnSync(
			'php',
			[
				path.join( ROOT, 'bin', 'i18n-mo.php' ),
				wpRoot,
				path.join( FIXTURES, name ),
				path.join( target, name.replace( /\.po$/, '.mo' ) ),
			],
			{ encoding: 'utf8' }
		);
		if ( mo.status !== 0 ) {
			fail( `compiling ${ name } to .mo failed: ${ mo.stderr }` );
		}
	}

	// make-json reads the .po files in its destination and writes the JSON files next to them,
	// so it works in a folder of its own and the results are copied over.
	const work = mkdtempSync( path.join( tmpdir(), 'helpdesky-i18n-json-' ) );
	try {
		for ( const name of pluginPoFiles ) {
			copyFileSync(
				path.join( FIXTURES, name ),
				path.join( work, name )
			);
		}
		const { MakeJsonCommand } = require( '@wp-blocks/make-pot' );
		// WordPress names a script's JSON file after the md5 of the script's path in the plugin
		// ("build/ticket-center/index.js"); make-json hashes source + the script's path in it,
		// relative to the working directory, and keeps the strings it finds in that built file.
		const previousDir = process.cwd();
		process.chdir( ROOT );
		let written;
		try {
			written = await new MakeJsonCommand( {
				source: 'build',
				destination: work,
				purge: true,
				stripUnused: true,
				prettyPrint: false,
				debug: false,
				paths: { cwd: ROOT, out: work },
			} ).exec();
		} finally {
			process.chdir( previousDir );
		}
		const jsonFiles = Object.keys( written );
		if ( jsonFiles.length === 0 ) {
			fail(
				'make-json found no translated string in the built scripts.'
			);
		}
		for ( const name of jsonFiles ) {
			copyFileSync(
				path.join( work, name ),
				path.join( pluginDir, name )
			);
		}
		console.log(
			`i18n: test translations in ${ langDir }: ${
				poFiles.length
			} .mo, ${ jsonFiles.length } JSON (${ jsonFiles
				.map( ( name ) => written[ name ].source )
				.join( ', ' ) })`
		);
	} finally {
		rmSync( work, { recursive: true, force: true } );
	}
}

const [ command, ...args ] = process.argv.slice( 2 );
switch ( command ) {
	case 'pot':
		writePot();
		break;
	case 'check':
		check();
		break;
	case 'fixture':
		await fixture( args[ 0 ], args[ 1 ] );
		break;
	default:
		fail(
			'usage: node bin/i18n.mjs pot | check | fixture LANG_DIR WP_ROOT'
		);
}
