#!/usr/bin/env node
/**
 * Builds the release zip, helpdesky-block.zip: one folder, helpdesky-block/, holding what
 * package.json "files" names (run `npm run build` first).
 *
 * Why not `wp-scripts plugin-zip`: it selects files with npm's packing rules, which always add
 * README.md (this repository's developer guide: stacks, tests, commands that are not in the zip)
 * and cannot be told otherwise. Here "files" is the whole list:
 *   - an entry names a file or a folder (taken whole) and may be a glob (fs.globSync);
 *   - an entry starting with "!" drops what its glob matches, files or whole folders;
 *   - an entry that matches nothing is skipped with a note (languages/ exists only once the
 *     translation template has been generated);
 *   - hidden files (.DS_Store, editor swap files) never go in: the plugin directory refuses them.
 *
 * Written with Node's own zlib (deflate, crc32): no dependency beyond Node 24.
 */
/* eslint-disable no-bitwise -- zip headers are bit fields (dates, attributes, flags). */
import { globSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const root = resolve( import.meta.dirname, '..' );
const pkg = JSON.parse( readFileSync( join( root, 'package.json' ), 'utf8' ) );
const slug = pkg.name;
const output = join( root, `${ slug }.zip` );

function fail( message ) {
	process.stderr.write( `plugin-zip: ${ message }\n` );
	process.exit( 1 );
}

function toPosix( path ) {
	return path.split( sep ).join( '/' );
}

function isHidden( path ) {
	return path.split( '/' ).some( ( part ) => part.startsWith( '.' ) );
}

/**
 * Every file under `path` (relative to the root), or `path` itself when it is a file.
 *
 * @param {string} path A file or folder, relative to the root.
 * @return {string[]} Files, relative to the root.
 */
function filesUnder( path ) {
	if ( ! statSync( join( root, path ) ).isDirectory() ) {
		return [ path ];
	}
	return globSync( `${ path }/**/*`, { cwd: root } )
		.map( toPosix )
		.filter( ( file ) => statSync( join( root, file ) ).isFile() );
}

function selectFiles( entries ) {
	const selected = new Set();
	for ( const entry of entries ) {
		const negate = entry.startsWith( '!' );
		const pattern = negate ? entry.slice( 1 ) : entry;
		const matches = globSync( pattern, { cwd: root } ).map( toPosix );
		if ( matches.length === 0 ) {
			if ( ! negate ) {
				process.stdout.write(
					`  (skipping "${ entry }": not present)\n`
				);
			}
			continue;
		}
		for ( const match of matches ) {
			for ( const file of filesUnder( match ) ) {
				if ( negate ) {
					selected.delete( file );
				} else if ( ! isHidden( file ) ) {
					selected.add( file );
				}
			}
		}
	}
	return [ ...selected ].sort();
}

/**
 * MS-DOS date and time (what zip headers hold), in UTC so the zip does not depend on TZ.
 *
 * @param {Date} date A file's modification time.
 * @return {{time: number, date: number}} The two 16-bit fields.
 */
function dosDateTime( date ) {
	const year = Math.max( date.getUTCFullYear(), 1980 );
	return {
		time:
			( date.getUTCHours() << 11 ) |
			( date.getUTCMinutes() << 5 ) |
			Math.floor( date.getUTCSeconds() / 2 ),
		date:
			( ( year - 1980 ) << 9 ) |
			( ( date.getUTCMonth() + 1 ) << 5 ) |
			date.getUTCDate(),
	};
}

/**
 * A zip (PKWARE APPNOTE, no zip64: the plugin is far below 4 GB) with a folder entry for each
 * folder, so every unzipper, WordPress's PclZip fallback included, recreates empty ones too.
 *
 * @param {string}                                                    zipPath Where to write it.
 * @param {{name: string, data: Buffer, mode: number, mtime: Date}[]} entries Folders (names ending in "/") and files.
 */
function writeZip( zipPath, entries ) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for ( const { name, data, mode, mtime } of entries ) {
		const isDir = name.endsWith( '/' );
		const nameBytes = Buffer.from( name, 'utf8' );
		const packed = isDir ? data : deflateRawSync( data, { level: 9 } );
		const method = isDir ? 0 : 8;
		const { time, date } = dosDateTime( mtime );
		const checksum = isDir ? 0 : crc32( data );

		const local = Buffer.alloc( 30 );
		local.writeUInt32LE( 0x04034b50, 0 );
		local.writeUInt16LE( 20, 4 ); // Version needed: 2.0 (deflate, folders).
		local.writeUInt16LE( 0x0800, 6 ); // Names are UTF-8.
		local.writeUInt16LE( method, 8 );
		local.writeUInt16LE( time, 10 );
		local.writeUInt16LE( date, 12 );
		local.writeUInt32LE( checksum, 14 );
		local.writeUInt32LE( packed.length, 18 );
		local.writeUInt32LE( data.length, 22 );
		local.writeUInt16LE( nameBytes.length, 26 );
		local.writeUInt16LE( 0, 28 );
		locals.push( local, nameBytes, packed );

		const central = Buffer.alloc( 46 );
		central.writeUInt32LE( 0x02014b50, 0 );
		central.writeUInt16LE( ( 3 << 8 ) | 20, 4 ); // Made by Unix, so the modes below apply.
		central.writeUInt16LE( 20, 6 );
		central.writeUInt16LE( 0x0800, 8 );
		central.writeUInt16LE( method, 10 );
		central.writeUInt16LE( time, 12 );
		central.writeUInt16LE( date, 14 );
		central.writeUInt32LE( checksum, 16 );
		central.writeUInt32LE( packed.length, 20 );
		central.writeUInt32LE( data.length, 24 );
		central.writeUInt16LE( nameBytes.length, 28 );
		// Extra field, comment, disk number, internal attributes: none.
		central.writeUInt32LE(
			( ( mode << 16 ) | ( isDir ? 0x10 : 0 ) ) >>> 0,
			38
		);
		central.writeUInt32LE( offset, 42 );
		centrals.push( central, nameBytes );

		offset += local.length + nameBytes.length + packed.length;
	}
	const centralSize = centrals.reduce(
		( sum, part ) => sum + part.length,
		0
	);
	const end = Buffer.alloc( 22 );
	end.writeUInt32LE( 0x06054b50, 0 );
	end.writeUInt16LE( entries.length, 8 );
	end.writeUInt16LE( entries.length, 10 );
	end.writeUInt32LE( centralSize, 12 );
	end.writeUInt32LE( offset, 16 );
	writeFileSync( zipPath, Buffer.concat( [ ...locals, ...centrals, end ] ) );
}

if ( ! Array.isArray( pkg.files ) ) {
	fail( 'package.json has no "files" list' );
}
for ( const required of [
	`${ slug }.php`,
	'build/ticket-center/block.json',
	'build/contact-form/block.json',
] ) {
	try {
		statSync( join( root, required ) );
	} catch {
		fail( `${ required } is missing (run npm run build first)` );
	}
}

process.stdout.write(
	`Packing ${ relative( process.cwd(), output ) || output }:\n`
);
const files = selectFiles( pkg.files );
const folders = new Set( [ '' ] );
for ( const file of files ) {
	const parts = file.split( '/' );
	for ( let depth = 1; depth < parts.length; depth++ ) {
		folders.add( parts.slice( 0, depth ).join( '/' ) );
	}
}
const entries = [];
for ( const folder of [ ...folders ].sort() ) {
	const stat = statSync( join( root, folder ) );
	entries.push( {
		name: folder === '' ? `${ slug }/` : `${ slug }/${ folder }/`,
		data: Buffer.alloc( 0 ),
		mode: 0o40755,
		mtime: stat.mtime,
	} );
}
for ( const file of files ) {
	const stat = statSync( join( root, file ) );
	entries.push( {
		name: `${ slug }/${ file }`,
		data: readFileSync( join( root, file ) ),
		mode: 0o100644,
		mtime: stat.mtime,
	} );
}
entries.sort( ( a, b ) => ( a.name < b.name ? -1 : 1 ) );
writeZip( output, entries );
process.stdout.write(
	`  ${ files.length } files in ${ folders.size } folders; ${ statSync( output ).size } bytes\n`
);
