/**
 * Commands the bench runs (the e2e stack script, php, apt-get ...), and its progress log.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, STACK_ENV } from './config.mjs';

const started = Date.now();
// The highest 1-minute load average seen at the start of each phase: how much other work shared
// the machine.
let highestLoad = 0;

export const log = ( ...args ) => {
	highestLoad = Math.max( highestLoad, os.loadavg()[ 0 ] );
	console.error(
		`[bench ${ ( ( Date.now() - started ) / 1000 ).toFixed( 0 ) }s]`,
		...args
	);
};

/** The highest 1-minute load average logged so far. */
export const highestLoadSeen = () => highestLoad;

/** Seconds since the bench started. */
export const elapsedSeconds = () =>
	Math.round( ( Date.now() - started ) / 1000 );

export function run( command, args, options = {} ) {
	const result = spawnSync( command, args, {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		timeout: options.timeout ?? 300_000,
		...options,
	} );
	if ( options.check !== false && result.status !== 0 ) {
		throw new Error(
			`${ command } ${ args.join( ' ' ) } failed (${
				result.status ?? result.signal
			}):\n${ result.stderr || '' }${ result.stdout || '' }`
		);
	}
	return result;
}

const has = ( command ) =>
	run( 'sh', [ '-c', `command -v ${ command }` ], { check: false } )
		.status === 0;

/**
 * bin/e2e-stack.sh with the bench's run folder, port and database.
 * @param {...string} args The stack command and its arguments.
 */
export const stack = ( ...args ) =>
	run( 'bash', [ path.join( ROOT, 'bin/e2e-stack.sh' ), ...args ], {
		env: STACK_ENV,
	} );

/** Installs Debian packages the bench needs and the test command does not (wrk, valgrind). */
export function ensureTools() {
	const wanted = {
		wrk: 'wrk',
		valgrind: 'valgrind',
		callgrind_annotate: 'valgrind',
	};
	const missing = [
		...new Set(
			Object.entries( wanted )
				.filter( ( [ command ] ) => ! has( command ) )
				.map( ( [ , pkg ] ) => pkg )
		),
	];
	if ( ! missing.length ) {
		return;
	}
	if ( process.getuid?.() !== 0 ) {
		throw new Error(
			`missing ${ missing.join( ', ' ) }: install the Debian packages (apt-get install ${ missing.join(
				' '
			) })`
		);
	}
	log( `installing ${ missing.join( ', ' ) }` );
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = ( check ) =>
		run(
			'apt-get',
			[ 'install', '-y', '--no-install-recommends', ...missing ],
			{ env, check }
		);
	if ( install( false ).status !== 0 ) {
		run( 'apt-get', [ 'update' ], { env } );
		install( true );
	}
}
