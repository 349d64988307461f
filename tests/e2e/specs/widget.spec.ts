import { test, expect } from '@wordpress/e2e-test-utils-playwright';
import type { Browser, Page } from '@playwright/test';

import {
	HELPDESK_ID,
	THEMES,
	activateTheme,
	screenshot,
	setConfigured,
	stack,
} from '../utils/site';

type CreatedPage = { id: number; link: string };

/**
 * Opens a URL as an anonymous visitor and runs the check there.
 *
 * @param browser The browser.
 * @param url     Where to go.
 * @param check   What to assert on the page.
 */
async function asVisitor(
	browser: Browser,
	url: string,
	check: ( page: Page ) => Promise< void >
) {
	const visitor = await browser.newContext( {
		storageState: { cookies: [], origins: [] },
	} );
	try {
		const front = await visitor.newPage();
		const response = await front.goto( url );
		expect( response?.status() ).toBe( 200 );
		await check( front );
	} finally {
		await visitor.close();
	}
}

/**
 * Switches the widget on or off on Settings → Helpdesky, as the administrator.
 *
 * @param page    The administrator's page.
 * @param enabled On or off.
 */
async function switchWidget( page: Page, enabled: boolean ) {
	await page.goto( '/wp-admin/options-general.php?page=helpdesky-block' );
	await page
		.getByRole( 'checkbox', { name: 'Show the messaging widget' } )
		.setChecked( enabled );
	await page.getByRole( 'radio', { name: 'Everyone' } ).check();
	await page.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect( page.getByText( 'Settings saved.' ) ).toBeVisible();
}

/**
 * The widget's stand-in ran once, with the Helpdesk ID, from one script tag.
 *
 * @param front The visitor's page.
 */
async function expectWidgetOnce( front: Page ) {
	const widget = front.getByTestId( 'helpdesky-widget-stand-in' );
	await expect( widget ).toHaveCount( 1 );
	await expect( widget ).toHaveAttribute( 'data-helpdesk-id', HELPDESK_ID );
	await expect( front.locator( 'script[src*="widget.js"]' ) ).toHaveCount(
		1
	);
}

/**
 * Not a byte of the widget on the page.
 *
 * @param front The visitor's page.
 */
async function expectNoWidget( front: Page ) {
	await expect(
		front.getByTestId( 'helpdesky-widget-stand-in' )
	).toHaveCount( 0 );
	expect( await front.content() ).not.toContain( 'widget.js' );
}

test.describe( 'Messaging widget', () => {
	let plainPage: CreatedPage;

	test.beforeAll( async ( { requestUtils } ) => {
		activateTheme( 'twentytwentyfive' );
		setConfigured( true );
		stack( 'site', 'option-delete', 'helpdesky_block_settings' );
		plainPage = await requestUtils.createRecord< CreatedPage >( 'pages', {
			title: 'About us',
			status: 'publish',
			content:
				'<!-- wp:paragraph --><p>About us.</p><!-- /wp:paragraph -->',
		} );
	} );

	test.afterAll( async ( { requestUtils } ) => {
		activateTheme( 'twentytwentyfive' );
		stack( 'site', 'option-delete', 'helpdesky_block_settings' );
		await requestUtils.rest( {
			method: 'DELETE',
			path: `/wp/v2/pages/${ plainPage.id }`,
			params: { force: true },
		} );
	} );

	test(
		'off by default; switched on, a visitor gets the widget once in either theme type; switched off, not a byte of it',
		{
			tag: '@smoke',
		},
		async ( { page, browser } ) => {
			const classic = THEMES[ 1 ];
			await asVisitor( browser, plainPage.link, expectNoWidget );

			await switchWidget( page, true );
			await asVisitor( browser, plainPage.link, async ( front ) => {
				await expectWidgetOnce( front );
				// In the footer, not the head.
				await expect(
					front.locator( 'head script[src*="widget.js"]' )
				).toHaveCount( 0 );
				await screenshot( front, 'front-end-widget' );
			} );
			// A classic theme prints the footer through wp_footer() too.
			activateTheme( classic.slug );
			await asVisitor( browser, plainPage.link, async ( front ) => {
				await expectWidgetOnce( front );
				// In the footer, not the head.
				await expect(
					front.locator( 'head script[src*="widget.js"]' )
				).toHaveCount( 0 );
				await screenshot( front, `front-end-widget-${ classic.slug }` );
			} );

			await switchWidget( page, false );
			await asVisitor( browser, plainPage.link, expectNoWidget );
			activateTheme( 'twentytwentyfive' );
			await asVisitor( browser, plainPage.link, expectNoWidget );
		}
	);
} );
