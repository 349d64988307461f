/**
 * The facts about the machine and the stack a run measured on, for the report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WP_ROOT } from './config.mjs';
import { run } from './shell.mjs';

/**
 * A tool's version from its own output, or 'unknown'.
 * @param {string}   command The tool.
 * @param {string[]} args    What makes it print its version.
 * @param {RegExp}   pattern The version, in the first group.
 */
function versionOf( command, args, pattern ) {
	const r = run( command, args, { check: false } );
	const text = `${ r.stdout || '' }${ r.stderr || '' }`;
	return ( text.match( pattern ) || [] )[ 1 ] || 'unknown';
}

/** The WordPress the bench site runs (read after the site starts). */
function wordpressVersion() {
	return ( fs
		.readFileSync( path.join( WP_ROOT, 'wp-includes/version.php' ), 'utf8' )
		.match( /\$wp_version = '([^']+)'/ ) || [] )[ 1 ];
}

/** CPU, memory, system, stack and tool versions, and the load average now. */
export function machine() {
	const fpmOpcache =
		run( 'php-fpm8.2', [ '-i' ], { check: false } ).stdout || '';
	return {
		cpu: os.cpus()[ 0 ]?.model.trim() || 'unknown',
		cores: os.cpus().length,
		memoryGiB: ( os.totalmem() / 2 ** 30 ).toFixed( 1 ),
		kernel: `${ os.type() } ${ os.release() }`,
		os: ( fs.existsSync( '/etc/os-release' )
			? fs
					.readFileSync( '/etc/os-release', 'utf8' )
					.match( /PRETTY_NAME="([^"]+)"/ )
			: null )?.[ 1 ],
		php: versionOf( 'php', [ '-v' ], /PHP (\S+)/ ),
		phpFpmOpcache: /opcache\.enable => On/.test( fpmOpcache )
			? 'on'
			: 'off',
		nginx: versionOf( 'nginx', [ '-v' ], /nginx\/(\S+)/ ),
		mariadb: versionOf( 'mariadbd', [ '--version' ], /Ver (\S+)/ ),
		wordpress: wordpressVersion(),
		node: process.version,
		wrk: versionOf( 'wrk', [ '-v' ], /wrk (\S+)/ ),
		valgrind: versionOf( 'valgrind', [ '--version' ], /valgrind-(\S+)/ ),
		loadBefore: os.loadavg().map( ( l ) => l.toFixed( 2 ) ),
	};
}
