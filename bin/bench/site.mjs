/**
 * The bench site: start it (bin/e2e-stack.sh in the bench's own run folder, port and database),
 * fill it (bin/bench/site-setup.php), stop it; the pages compared on it, and the checks that
 * every measured answer is the page it claims to be.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	BENCH,
	CLASSIC_THEME,
	CONFIG,
	HOST,
	ROOT,
	RUN,
	STACK_DIR,
	STACK_ENV,
	WP_ROOT,
	WP_VERSION,
} from './config.mjs';
import { fetchPage, readReport } from './http.mjs';
import { log, run, stack } from './shell.mjs';

/** Production settings and the bench's fixtures on top of the e2e site. */
function adaptSite() {
	// Production settings: no debug mode; the real script URL instead of the e2e stand-in.
	const configFile = path.join( WP_ROOT, 'wp-config.php' );
	fs.writeFileSync(
		configFile,
		fs
			.readFileSync( configFile, 'utf8' )
			.replace(
				'define( "WP_DEBUG", true );',
				'define( "WP_DEBUG", false );'
			)
	);
	const mu = path.join( WP_ROOT, 'wp-content/mu-plugins' );
	fs.rmSync( path.join( mu, 'helpdesky-stand-in-loader.php' ), {
		force: true,
	} );
	fs.rmSync( path.join( mu, 'helpdesky-stand-in' ), {
		recursive: true,
		force: true,
	} );
	fs.cpSync( path.join( BENCH, 'fixtures/mu-plugins' ), mu, {
		recursive: true,
	} );
	fs.cpSync(
		path.join( BENCH, 'fixtures/classic-theme' ),
		path.join( WP_ROOT, 'wp-content/themes', CLASSIC_THEME ),
		{ recursive: true }
	);
}

/** Starts and fills the bench site; answers what site-setup.php made, with cookie headers. */
export function startSite() {
	log(
		`starting WordPress ${ WP_VERSION } on ${ HOST } (run folder ${ path.relative(
			ROOT,
			STACK_DIR
		) })`
	);
	stack( 'start' );
	// The MariaDB server is shared with the e2e suite and the integration tests; the bench must
	// never stop it from under them, even when it was the one that started it.
	fs.rmSync( path.join( STACK_DIR, '.mariadb-started-by-e2e' ), {
		force: true,
	} );
	adaptSite();

	const setup = run( 'php', [
		path.join( BENCH, 'site-setup.php' ),
		WP_ROOT,
		String( CONFIG.users ),
	] );
	const site = JSON.parse( setup.stdout );
	site.cookies = site.users.map(
		( user ) => `${ site.cookie_name }=${ user.cookie }`
	);
	fs.writeFileSync(
		path.join( RUN, 'cookies.txt' ),
		site.cookies.join( '\n' ) + '\n'
	);
	return site;
}

/** Stops the bench site, unless HELPDESKY_BENCH_KEEP=1 asks to leave it running. */
export function stopSite() {
	if ( process.env.HELPDESKY_BENCH_KEEP === '1' ) {
		log( `site left running at http://${ HOST }/` );
		return;
	}
	run( 'bash', [ path.join( ROOT, 'bin/e2e-stack.sh' ), 'stop' ], {
		env: STACK_ENV,
		check: false,
	} );
}

/**
 * The pages compared in a theme: what each must contain, so a broken page (an error, a login
 * prompt where a signed embed belongs) can never pass for a fast one.
 * @param {string} theme Theme slug.
 * @param {Object} site  What site-setup.php made.
 */
export function casesFor( theme, site ) {
	const paragraphText =
		'Signed-in users see their support conversations here.';
	const isParagraphPage = ( body ) =>
		body.includes( paragraphText ) &&
		! body.includes( 'hdh-ticket-center' );
	const cases = {
		block: {
			label: 'Support page (block)',
			path: site.pages.block,
			plugin: 'on',
			expect: ( body, user ) =>
				body.includes( `data-email="${ user.email }"` ) &&
				body.includes( 'data-signature="' ),
		},
		paragraph: {
			label: 'Same page, paragraph instead of the block',
			path: site.pages.paragraph,
			plugin: 'on',
			expect: isParagraphPage,
		},
		// A/A control: the paragraph page once more in every round. Its paired ratio to the
		// paragraph page shows how far a ratio moves when nothing differs.
		paragraphAgain: {
			label: 'Same paragraph page again (noise floor)',
			path: site.pages.paragraph,
			plugin: 'on',
			latencyOnly: true,
			expect: isParagraphPage,
		},
	};
	if ( theme === CLASSIC_THEME ) {
		Object.assign( cases, classicCases( site ) );
	}
	cases.paragraphOff = {
		label: 'Paragraph page, plugin off',
		path: site.pages.paragraph,
		plugin: 'off',
		noThroughput: true,
		expect: ( body ) => body.includes( paragraphText ),
	};
	return cases;
}

/**
 * The classic theme's extra cases: Helpdesky's guide template and its replacement.
 * @param {Object} site What site-setup.php made.
 */
function classicCases( site ) {
	return {
		guide: {
			label: "Helpdesky guide's page template, plugin off",
			path: site.pages.guide,
			plugin: 'off',
			expect: ( body, user ) =>
				body.includes( 'data-signature="' ) &&
				body.toLowerCase().includes( `data-email="${ user.email }"` ),
		},
		// The same template with the block printed by do_blocks(), as the README tells classic
		// theme developers: the guide's template next to its replacement, theme code either way.
		template: {
			label: 'Theme template with the block (plugin on)',
			path: site.pages.template,
			plugin: 'on',
			noThroughput: true,
			expect: ( body, user ) =>
				body.includes( '<main class="support-page">' ) &&
				body.includes( `data-email="${ user.email }"` ) &&
				body.includes( 'data-signature="' ),
		},
	};
}

/**
 * One request of a case as a user, failing the run unless it answers as the case expects.
 * @param {string} name   Case name.
 * @param {Object} kase   The case (casesFor()).
 * @param {Object} user   The user (site-setup.php).
 * @param {string} cookie The user's cookie header.
 */
export async function checkedFetch( name, kase, user, cookie ) {
	const response = await fetchPage( kase.path, {
		cookie,
		plugin: kase.plugin,
	} );
	if ( response.status !== 200 || ! kase.expect( response.body, user ) ) {
		throw new Error(
			`${ name } (${ kase.path }, plugin ${ kase.plugin }) did not answer as expected: HTTP ${
				response.status
			}\n${ response.body.slice( 0, 2000 ) }`
		);
	}
	return response;
}

/**
 * Fails the run when the plugin has written its late-render memory: from then on it holds every
 * classic page in a buffer, which would change every case measured after it.
 * @param {Object} site  What site-setup.php made.
 * @param {string} phase What ran before, for the message.
 */
export async function assertNoLateRender( site, phase ) {
	await fetchPage( site.pages.paragraph, {
		plugin: 'off',
		report: 'late-render',
	} );
	if ( readReport( 'late-render' ).late_render_seen ) {
		throw new Error(
			`after ${ phase }: the option helpdesky_block_late_render_seen exists; a template rendered the block late without declaring it (helpdesky-block-templates), and the plugin now holds every classic page in a buffer`
		);
	}
}
