import { test, expect } from '@wordpress/e2e-test-utils-playwright';
import type { Page } from '@playwright/test';

import {
	HELPDESK_ID,
	SUBSCRIBER,
	SUBSCRIBER_STATE_PATH,
	THEMES,
	activateTheme,
	blockMarkup,
	screenshot,
	setConfigured,
	standInStatus,
} from '../utils/site';

const FORM_NAME = 'helpdesky/contact-form';
const FORM_TITLE = 'Helpdesky Contact Form';

type CreatedPage = { id: number; link: string };

/**
 * What tests/stand-in/contact-form.js wrote: the Helpdesk ID and the options it received.
 *
 * @param page The page.
 */
function standInText( page: Page ) {
	return page.getByTestId( 'helpdesky-contact-form-stand-in-text' );
}

test.describe( 'Contact Form block', () => {
	test.beforeAll( () => {
		activateTheme( 'twentytwentyfive' );
		setConfigured( true );
	} );

	test(
		'inserted in the editor and published, it shows the form to a visitor with its ID and options',
		{
			tag: '@smoke',
		},
		async ( { admin, editor, page, requestUtils, browser } ) => {
			await admin.createNewPost( {
				postType: 'page',
				title: 'Contact us',
			} );
			await editor.insertBlock( { name: FORM_NAME } );

			// The placeholder with the Helpdesk ID status, never the live form.
			const block = editor.canvas.getByRole( 'document', {
				name: `Block: ${ FORM_TITLE }`,
			} );
			await expect( block ).toContainText( FORM_TITLE );
			await expect( block ).toContainText( 'Helpdesk ID: configured' );
			await expect( block ).not.toContainText( 'HMAC' );
			await expect(
				editor.canvas.locator( '#hdh-contact-form' )
			).toHaveCount( 0 );

			await block.click();
			await editor.openDocumentSettingsSidebar();
			const settings = page.getByRole( 'region', {
				name: 'Editor settings',
			} );
			await settings
				.getByRole( 'combobox', { name: 'Content alignment' } )
				.selectOption( 'left' );
			await settings
				.getByRole( 'textbox', { name: 'Maximum width' } )
				.fill( '480px' );
			await screenshot( page, 'editor-contact-form-selected' );

			await editor.publishPost();
			const pageId = new URL( page.url() ).searchParams.get( 'post' );
			expect( pageId ).toBeTruthy();
			const saved = await requestUtils.rest< {
				content: { raw: string };
				link: string;
			} >( {
				path: `/wp/v2/pages/${ pageId }`,
				params: { context: 'edit' },
			} );
			expect( saved.content.raw ).toContain(
				'<!-- wp:helpdesky/contact-form {"contentAlign":"left","maxWidth":"480px"} /-->'
			);

			const visitor = await browser.newContext( {
				storageState: { cookies: [], origins: [] },
			} );
			try {
				const front = await visitor.newPage();
				const response = await front.goto( saved.link );
				expect( response?.status() ).toBe( 200 );
				await expect( standInText( front ) ).toHaveText(
					`Contact form for helpdesk ${ HELPDESK_ID } (align left, max width 480px)`
				);
				await expect(
					front.getByTestId( 'helpdesky-contact-form-stand-in' )
				).toHaveCSS( 'max-width', '480px' );
				// No per-user data, so nothing keeps the page out of caches.
				expect(
					response?.headers()[ 'cache-control' ] ?? ''
				).not.toContain( 'no-store' );
				await expect(
					front.locator( 'script[data-signature]' )
				).toHaveCount( 0 );
				await screenshot( front, 'front-end-contact-form' );
			} finally {
				await visitor.close();
				await requestUtils.rest( {
					method: 'DELETE',
					path: `/wp/v2/pages/${ pageId }`,
					params: { force: true },
				} );
			}
		}
	);

	test.describe( 'classic theme, front end only', () => {
		const classic = THEMES[ 1 ];
		let formPage: CreatedPage;
		let bothPage: CreatedPage;

		test.beforeAll( async ( { requestUtils } ) => {
			activateTheme( classic.slug );
			formPage = await requestUtils.createRecord< CreatedPage >(
				'pages',
				{
					title: `Contact us (${ classic.slug })`,
					status: 'publish',
					content: `<!-- wp:${ FORM_NAME } {"contentAlign":"right","maxWidth":"420px"} /-->`,
				}
			);
			bothPage = await requestUtils.createRecord< CreatedPage >(
				'pages',
				{
					title: `Support and contact (${ classic.slug })`,
					status: 'publish',
					content: blockMarkup() + `<!-- wp:${ FORM_NAME } /-->`,
				}
			);
		} );

		test.afterAll( async ( { requestUtils } ) => {
			for ( const created of [ formPage, bothPage ] ) {
				await requestUtils.rest( {
					method: 'DELETE',
					path: `/wp/v2/pages/${ created.id }`,
					params: { force: true },
				} );
			}
			activateTheme( 'twentytwentyfive' );
		} );

		test( 'alone on a page, it shows the form to a visitor with its ID and options, and the page stays cacheable', async ( {
			browser,
		} ) => {
			const visitor = await browser.newContext( {
				storageState: { cookies: [], origins: [] },
			} );
			try {
				const front = await visitor.newPage();
				const response = await front.goto( formPage.link );
				expect( response?.status() ).toBe( 200 );
				await expect( standInText( front ) ).toHaveText(
					`Contact form for helpdesk ${ HELPDESK_ID } (align right, max width 420px)`
				);
				await expect(
					front.getByTestId( 'helpdesky-contact-form-stand-in' )
				).toHaveCSS( 'max-width', '420px' );
				await expect(
					front.locator( '#hdh-contact-form' )
				).toHaveCount( 1 );
				expect(
					response?.headers()[ 'cache-control' ] ?? ''
				).not.toContain( 'no-store' );
				await expect(
					front.locator( 'script[data-signature]' )
				).toHaveCount( 0 );
				await screenshot(
					front,
					`front-end-contact-form-${ classic.slug }`
				);
			} finally {
				await visitor.close();
			}
		} );

		test( 'next to the Ticket Center, a visitor gets the login prompt and the form, and the page stays out of caches', async ( {
			browser,
		} ) => {
			const visitor = await browser.newContext( {
				storageState: { cookies: [], origins: [] },
			} );
			try {
				const front = await visitor.newPage();
				const response = await front.goto( bothPage.link );
				expect( response?.status() ).toBe( 200 );
				expect( response?.headers()[ 'cache-control' ] ).toContain(
					'no-store'
				);
				await expect(
					front.locator(
						'.wp-block-helpdesky-ticket-center__message'
					)
				).toHaveText(
					'Please log in to see your support conversations.'
				);
				await expect( standInText( front ) ).toHaveText(
					`Contact form for helpdesk ${ HELPDESK_ID } (align center, max width 560px)`
				);
				await screenshot(
					front,
					`front-end-both-blocks-logged-out-${ classic.slug }`
				);
			} finally {
				await visitor.close();
			}
		} );
	} );

	test.describe( 'with the Ticket Center on the same page', () => {
		let bothPage: CreatedPage;

		test.beforeAll( async ( { requestUtils } ) => {
			bothPage = await requestUtils.createRecord< CreatedPage >(
				'pages',
				{
					title: 'Support and contact',
					status: 'publish',
					content: blockMarkup() + `<!-- wp:${ FORM_NAME } /-->`,
				}
			);
		} );

		test.afterAll( async ( { requestUtils } ) => {
			await requestUtils.rest( {
				method: 'DELETE',
				path: `/wp/v2/pages/${ bothPage.id }`,
				params: { force: true },
			} );
		} );

		test( 'a visitor gets the login prompt and the form, and the page stays out of caches', async ( {
			browser,
		} ) => {
			const context = await browser.newContext( {
				storageState: { cookies: [], origins: [] },
			} );
			try {
				const page = await context.newPage();
				const response = await page.goto( bothPage.link );
				expect( response?.status() ).toBe( 200 );
				// The Ticket Center's protections, for anonymous visitors too.
				expect( response?.headers()[ 'cache-control' ] ).toContain(
					'no-store'
				);
				await expect(
					page.locator( '.wp-block-helpdesky-ticket-center__message' )
				).toHaveText(
					'Please log in to see your support conversations.'
				);
				await expect( standInText( page ) ).toHaveText(
					`Contact form for helpdesk ${ HELPDESK_ID } (align center, max width 560px)`
				);
				await screenshot( page, 'front-end-both-blocks-logged-out' );
			} finally {
				await context.close();
			}
		} );

		test( 'a subscriber gets a verified Ticket Center next to the form', async ( {
			browser,
		} ) => {
			const context = await browser.newContext( {
				storageState: SUBSCRIBER_STATE_PATH,
			} );
			try {
				const page = await context.newPage();
				const response = await page.goto( bothPage.link );
				expect( response?.headers()[ 'cache-control' ] ).toContain(
					'no-store'
				);
				await expect( standInStatus( page ) ).toHaveText(
					`Verified as ${ SUBSCRIBER.normalizedEmail }`
				);
				await expect( standInText( page ) ).toHaveText(
					`Contact form for helpdesk ${ HELPDESK_ID } (align center, max width 560px)`
				);
			} finally {
				await context.close();
			}
		} );
	} );
} );
