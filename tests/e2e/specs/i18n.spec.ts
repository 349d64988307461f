import { test, expect } from '@wordpress/e2e-test-utils-playwright';

import {
	BLOCK_NAME,
	activateTheme,
	blockMarkup,
	screenshot,
	setConfigured,
	stack,
} from '../utils/site';

/**
 * The plugin in German, from the test translation bin/e2e-stack.sh installs where WordPress keeps
 * language packs (tests/fixtures/languages/, compiled by bin/i18n.mjs fixture): the block's
 * title from block.json (translated in PHP, as the server registers the block), the placeholder
 * of the editor script (translated in the browser from the JSON file WordPress finds by the md5
 * of build/ticket-center/index.js), and the logged-out prompt rendered on the front end. Core's
 * own strings stay English: its German language pack here is an empty stand-in.
 */
const GERMAN = {
	blockTitle: 'Helpdesky-Ticketcenter',
	placeholder:
		'Angemeldete Benutzer sehen hier ihre Support-Unterhaltungen. Das Ticketcenter läuft nur auf der veröffentlichten Seite.',
	prompt: 'Bitte melden Sie sich an, um Ihre Support-Unterhaltungen zu sehen.',
	logIn: 'Anmelden',
};

test.describe( 'The plugin on a German site', () => {
	let supportPage: { id: number; link: string } | null = null;

	test.beforeAll( async ( { requestUtils } ) => {
		activateTheme( 'twentytwentyfive' );
		setConfigured( true );
		// Settings → General → Site Language; WordPress accepts it because a de_DE core
		// translation is installed.
		stack( 'site', 'option-set', 'WPLANG', 'de_DE' );
		supportPage = await requestUtils.createRecord( 'pages', {
			title: 'Support (de_DE)',
			status: 'publish',
			content: blockMarkup( { contentAlign: 'left' } ),
		} );
	} );

	test.afterAll( async ( { requestUtils } ) => {
		// The suite shares one site: every other spec expects English.
		stack( 'site', 'option-delete', 'WPLANG' );
		if ( supportPage ) {
			await requestUtils.rest( {
				method: 'DELETE',
				path: `/wp/v2/pages/${ supportPage.id }`,
				params: { force: true },
			} );
		}
	} );

	test(
		'the inserter and the placeholder show the German block title and editor strings',
		{ tag: '@smoke' },
		async ( { admin, editor, page } ) => {
			await admin.createNewPost( { title: 'Support (de_DE)' } );
			await page
				.getByRole( 'region', { name: 'Editor top bar' } )
				.getByRole( 'button', { name: 'Block Inserter', exact: true } )
				.click();
			const library = page.getByRole( 'region', {
				name: 'Block Library',
			} );
			await library
				.getByRole( 'searchbox', { name: 'Search' } )
				.fill( 'Helpdesky' );
			const option = library
				.getByRole( 'listbox', { name: 'Blocks' } )
				.getByRole( 'option', { name: GERMAN.blockTitle } );
			await expect( option ).toBeVisible();
			await expect(
				library.getByRole( 'option', {
					name: 'Helpdesky Ticket Center',
				} )
			).toHaveCount( 0 );
			await option.click();

			expect(
				( await editor.getBlocks() ).map( ( block ) => block.name )
			).toEqual( [ BLOCK_NAME ] );
			const block = editor.canvas.getByRole( 'document', {
				name: `Block: ${ GERMAN.blockTitle }`,
			} );
			await expect( block ).toBeVisible();
			// The editor script's own strings, translated in the browser: the placeholder (its
			// instructions are in the markup, though the block's narrow layout hides them) and
			// the sidebar's default login message.
			await expect( block.getByText( GERMAN.blockTitle ) ).toBeVisible();
			await expect(
				block.locator( '.components-placeholder__instructions' )
			).toHaveText( GERMAN.placeholder );
			await expect(
				page
					.getByRole( 'region', { name: 'Editor settings' } )
					.getByRole( 'textbox', { name: 'Message' } )
			).toHaveAttribute( 'placeholder', GERMAN.prompt );

			await screenshot( page, 'editor-de_DE' );
		}
	);

	test( 'a visitor gets the German login prompt', async ( { browser } ) => {
		const visitor = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
		} );
		try {
			const page = await visitor.newPage();
			await page.goto( supportPage?.link ?? '' );
			const block = page.locator( '.wp-block-helpdesky-ticket-center' );
			await expect(
				block.locator( '.wp-block-helpdesky-ticket-center__message' )
			).toHaveText( GERMAN.prompt );
			await expect(
				block.getByRole( 'link', { name: GERMAN.logIn, exact: true } )
			).toBeVisible();
			await expect( page.locator( 'html' ) ).toHaveAttribute(
				'lang',
				'de-DE'
			);

			await screenshot( page, 'logged-out-de_DE' );
		} finally {
			await visitor.close();
		}
	} );
} );
