import { existsSync, readFileSync } from 'node:fs';

import { stack } from './utils/site';

/**
 * PHP warnings and notices from the plugin's own files, as WordPress logged
 * them during the run. A notice never shows in the browser (WP_DEBUG_DISPLAY
 * is off so it cannot corrupt REST answers), so this is where it surfaces.
 */
function pluginProblems(): string[] {
	const log = process.env.HELPDESKY_E2E_DEBUG_LOG;
	if ( ! log || ! existsSync( log ) ) {
		return [];
	}
	const lines = readFileSync( log, 'utf8' )
		.split( '\n' )
		.filter( ( line ) => line.trim() !== '' );
	const problems = lines.filter( ( line ) =>
		line.includes( '/plugins/helpdesky-block/' )
	);
	if ( lines.length > problems.length ) {
		// Not the plugin's, so not a failure, but worth a look: see the log.
		console.log(
			`e2e: ${ lines.length - problems.length } other PHP log lines in ${ log }`
		);
	}
	return problems;
}

export default async function globalTeardown() {
	const problems = pluginProblems();

	// HELPDESKY_E2E_KEEP=1 leaves the site running to look at after a run.
	if ( process.env.HELPDESKY_E2E_KEEP === '1' ) {
		console.log( `e2e: the site stays up at ${ process.env.WP_BASE_URL }` );
	} else {
		stack( 'stop' );
	}

	if ( problems.length > 0 ) {
		throw new Error(
			`PHP reported problems in the plugin during the run:\n${ problems.join( '\n' ) }`
		);
	}
}
