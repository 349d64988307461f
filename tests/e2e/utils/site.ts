import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const ROOT = path.resolve( __dirname, '..', '..', '..' );

/**
 * The WordPress version under test, as bin/e2e-stack.sh resolved it ("7.1" or "6.8").
 */
export const WP_VERSION = process.env.HELPDESKY_WP_VERSION ?? '7.1';

/**
 * Whether the running WordPress is at least `version` ("7.0"): for the few places where a
 * version's behaviour is the point of the test.
 *
 * @param version Major.minor.
 */
export function wpAtLeast( version: string ): boolean {
	const [ major = 0, minor = 0 ] = WP_VERSION.split( '.' ).map( Number );
	const [ wantMajor = 0, wantMinor = 0 ] = version.split( '.' ).map( Number );
	return major > wantMajor || ( major === wantMajor && minor >= wantMinor );
}

export const SCREENSHOTS_DIR = path.join(
	ROOT,
	'artifacts',
	'screenshots',
	WP_VERSION
);
/**
 * The plugin directory's screenshots: one list (number = position) holds each caption of
 * readme.txt's "== Screenshots ==" and the shot it shows; a unit test keeps the two equal. A
 * run on the listed WordPress version (readme.txt's "Tested up to") copies each listed shot to
 * .wordpress-org/screenshot-N.png, the folder the directory's assets are kept in.
 */
const DIRECTORY_SCREENSHOTS = JSON.parse(
	readFileSync(
		path.join( ROOT, 'tests', 'e2e', 'directory-screenshots.json' ),
		'utf8'
	)
) as {
	wordpressVersion: string;
	screenshots: Array< { shot: string; caption: string } >;
};
const DIRECTORY_ASSETS_DIR = path.join( ROOT, '.wordpress-org' );

export const SUBSCRIBER_STATE_PATH = path.join(
	ROOT,
	'artifacts',
	'storage-states',
	WP_VERSION,
	'subscriber.json'
);

export const BLOCK_NAME = 'helpdesky/ticket-center';
export const BLOCK_TITLE = 'Helpdesky Ticket Center';

/**
 * Set by playwright.config.ts from `bin/e2e-stack.sh env`.
 */
function setting( name: string ): string {
	const value = process.env[ name ];
	if ( ! value ) {
		throw new Error(
			`${ name } is not set; run the suite through playwright.config.ts.`
		);
	}
	return value;
}

export const SUBSCRIBER = {
	username: setting( 'HELPDESKY_E2E_SUBSCRIBER' ),
	password: setting( 'HELPDESKY_E2E_SUBSCRIBER_PASSWORD' ),
	// Written into wp_users as "  Sub.Scriber@Example.COM " (see
	// bin/e2e-stack.sh); this is what Helpdesky must receive. Spelled out here
	// rather than derived, so the test states the expected normalization.
	normalizedEmail: 'sub.scriber@example.com',
	storedEmail: '  Sub.Scriber@Example.COM ',
};

export const HELPDESK_ID = setting( 'HELPDESKY_E2E_HELPDESK_ID' );

/**
 * What Helpdesky's server computes for an email: lowercase hex HMAC-SHA256.
 */
export function expectedSignature( email: string ): string {
	return createHmac( 'sha256', setting( 'HELPDESKY_E2E_HMAC_SECRET' ) )
		.update( email )
		.digest( 'hex' );
}

/**
 * The script tag the block printed, i.e. what Helpdesky's server receives.
 *
 * @param page The page.
 */
export function embedScript( page: Page ): Locator {
	return page.locator( 'script[data-helpdesk-id]' );
}

/**
 * Asserts that the page carries exactly one embed, signed for the normalized email. The
 * signature is computed here, on Helpdesky's side of the test boundary, from the e2e secret: the
 * one Helpdesky's server would accept.
 *
 * @param page  The page.
 * @param email The normalized email the embed must be signed for.
 */
export async function expectSignedEmbed(
	page: Page,
	email: string
): Promise< void > {
	const script = embedScript( page );
	await expect( script ).toHaveCount( 1 );
	await expect( script ).toHaveAttribute( 'data-helpdesk-id', HELPDESK_ID );
	await expect( script ).toHaveAttribute( 'data-email', email );
	await expect( script ).toHaveAttribute(
		'data-signature',
		expectedSignature( email )
	);
}

export const THEMES = [
	{ slug: 'twentytwentyfive', label: 'block theme (Twenty Twenty-Five)' },
	{
		slug: setting( 'HELPDESKY_E2E_CLASSIC_THEME' ),
		label: 'classic theme',
	},
] as const;

/**
 * Runs bin/e2e-stack.sh; its output goes to the test log, errors throw.
 */
export function stack( ...args: string[] ): string {
	return execFileSync(
		'bash',
		[ path.join( ROOT, 'bin', 'e2e-stack.sh' ), ...args ],
		{ encoding: 'utf8', stdio: [ 'ignore', 'pipe', 'inherit' ] }
	);
}

export function isStackRunning(): boolean {
	try {
		stack( 'status' );
		return true;
	} catch {
		return false;
	}
}

export function activateTheme( slug: string ): void {
	stack( 'site', 'theme', slug );
}

/**
 * Switches the plugin's configuration off or on. The e2e mu-plugin defines
 * HELPDESKY_HMAC_SECRET and HELPDESKY_HELPDESK_ID unless this option is set.
 */
export function setConfigured( configured: boolean ): void {
	if ( configured ) {
		stack( 'site', 'option-delete', 'helpdesky_e2e_unconfigured' );
	} else {
		stack( 'site', 'option-set', 'helpdesky_e2e_unconfigured', '1' );
	}
}

/**
 * The user's email exactly as stored in wp_users.
 */
export function storedEmail( login: string ): string {
	return JSON.parse( stack( 'site', 'user-email', login ) ) as string;
}

/**
 * Block markup as the editor saves it for a dynamic block.
 */
export function blockMarkup(
	attributes: Record< string, unknown > = {}
): string {
	const json = Object.keys( attributes ).length
		? ` ${ JSON.stringify( attributes ) }`
		: '';
	return `<!-- wp:${ BLOCK_NAME }${ json } /-->`;
}

/**
 * Reads the attributes of the block's comment in saved post content.
 */
export function savedBlockAttributes(
	content: string
): Record< string, unknown > | null {
	const match = content.match(
		/<!-- wp:helpdesky\/ticket-center(?: (\{.*?\}))? \/-->/s
	);
	if ( ! match ) {
		return null;
	}
	return match[ 1 ]
		? ( JSON.parse( match[ 1 ] ) as Record< string, unknown > )
		: {};
}

export async function screenshot(
	target: Page | Locator,
	name: string
): Promise< void > {
	const file = path.join( SCREENSHOTS_DIR, `${ name }.png` );
	if ( 'goto' in target ) {
		// A full-page capture scrolls, and wp-admin's fixed admin bar and menu then land in the
		// middle of the image: grow the viewport to the whole page instead, then restore it.
		const viewport = target.viewportSize() ?? { width: 1280, height: 720 };
		const height = await target.evaluate(
			() => document.documentElement.scrollHeight
		);
		await target.setViewportSize( {
			width: viewport.width,
			height: Math.min( Math.max( height, viewport.height ), 4000 ),
		} );
		await target.screenshot( { path: file } );
		await target.setViewportSize( viewport );
	} else {
		await target.screenshot( { path: file } );
	}

	const number =
		DIRECTORY_SCREENSHOTS.screenshots.findIndex(
			( listed ) => listed.shot === name
		) + 1;
	if ( number > 0 && WP_VERSION === DIRECTORY_SCREENSHOTS.wordpressVersion ) {
		await mkdir( DIRECTORY_ASSETS_DIR, { recursive: true } );
		await copyFile(
			file,
			path.join( DIRECTORY_ASSETS_DIR, `screenshot-${ number }.png` )
		);
	}
}

/**
 * The stand-in's verdict, written by tests/stand-in/ticket-center.js.
 */
export function standInStatus( page: Page ): Locator {
	return page.getByTestId( 'helpdesky-stand-in-status' );
}
