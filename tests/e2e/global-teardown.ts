import { existsSync, readFileSync } from 'node:fs';

import { stack } from './utils/site';

/**
 * PHP errors, warnings, notices and deprecations WordPress logged during the
 * run: any line from the plugin's files, and any entry at all but core's
 * offline update checks. A notice never shows in the browser
 * (WP_DEBUG_DISPLAY is off so it cannot corrupt REST answers), so this is
 * where it surfaces: the run must end with a clean log.
 */
function pluginProblems(): string[] {
	const log = process.env.HELPDESKY_E2E_DEBUG_LOG;
	if ( ! log || ! existsSync( log ) ) {
		return [];
	}
	const lines = readFileSync( log, 'utf8' )
		.split( '\n' )
		.filter( ( line ) => line.trim() !== '' );
	// Core's update checks cannot reach WordPress.org from this offline site
	// and log a warning each; that is the machine's, not a problem of the run.
	const offline =
		/^\[[^\]]+\] PHP Warning: {2}\w+\(\): An unexpected error occurred\. Something may be wrong with WordPress\.org/;
	const entries = lines.filter( ( line ) => line.startsWith( '[' ) );
	const problems = lines.filter(
		( line ) =>
			line.includes( '/plugins/helpdesky-block/' ) ||
			( line.startsWith( '[' ) && ! offline.test( line ) )
	);
	console.log(
		`e2e: ${ entries.length } PHP log entries in ${ log }, ${
			entries.length - problems.length
		} of them WordPress.org being unreachable`
	);
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
			`PHP logged problems during the run:\n${ problems.join( '\n' ) }`
		);
	}
}
