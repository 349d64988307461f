import { test, expect } from '@wordpress/e2e-test-utils-playwright';
import type { Page } from '@playwright/test';

import {
	HELPDESK_ID,
	SUBSCRIBER,
	SUBSCRIBER_STATE_PATH,
	activateTheme,
	expectSignedEmbed,
	expectedSignature,
	screenshot,
	standInStatus,
	setConfigured,
	stack,
} from '../utils/site';

/**
 * The site owner's path without wp-config.php: the e2e mu-plugin's constants are switched off, the
 * administrator configures the plugin on Settings → Helpdesky, checks the signature with the
 * self-test, looks at Site Health, creates the Support page from the notice and publishes it, and a
 * subscriber gets the Ticket Center signed with the secret typed into the screen.
 */

const SECRET = process.env.HELPDESKY_E2E_HMAC_SECRET ?? '';

function onboardingNotice( page: Page ) {
	return page.locator( '.helpdesky-block-onboarding' );
}

test.describe( 'Site owner: Settings → Helpdesky from scratch', () => {
	let supportPageId = 0;

	test.beforeAll( () => {
		activateTheme( 'twentytwentyfive' );
		// No constants: the settings screen is the only source.
		setConfigured( false );
		stack( 'site', 'option-delete', 'helpdesky_block_settings' );
	} );

	test.afterAll( async ( { requestUtils } ) => {
		if ( supportPageId ) {
			await requestUtils.rest( {
				method: 'DELETE',
				path: `/wp/v2/pages/${ supportPageId }`,
				params: { force: true },
			} );
		}
		stack( 'site', 'option-delete', 'helpdesky_block_settings' );
		setConfigured( true );
	} );

	test( 'configure, self-test, Site Health, create the Support page; a subscriber is signed', async ( {
		page,
		editor,
		browser,
	} ) => {
		expect( SECRET ).toMatch( /^hdh_secret_/ );

		await test.step( 'the notice after activation leads to the settings', async () => {
			await page.goto( '/wp-admin/' );
			await expect( onboardingNotice( page ) ).toContainText(
				'Helpdesky Ticket Center is active.'
			);
			await onboardingNotice( page )
				.getByRole( 'link', { name: 'Configure Helpdesky' } )
				.click();
			await expect( page ).toHaveURL(
				/options-general\.php\?page=helpdesky-block/
			);
			await expect(
				page.getByRole( 'heading', {
					name: 'Helpdesky Ticket Center',
					level: 1,
				} )
			).toBeVisible();
			await expect(
				page.getByText( 'The Ticket Center is not ready yet:' )
			).toBeVisible();
		} );

		await test.step( 'a wrong Helpdesk ID is refused, the secret is saved', async () => {
			await page.getByLabel( 'Helpdesk ID' ).fill( 'your_helpdesk_id' );
			await page.getByLabel( 'HMAC secret' ).fill( `${ SECRET }\n` );
			await page.getByRole( 'button', { name: 'Save Changes' } ).click();

			await expect(
				page.getByText( 'The Helpdesk ID was not saved' )
			).toBeVisible();
			await expect(
				page.getByText( 'A secret is saved.' )
			).toBeVisible();
			await expect( page.getByLabel( 'Helpdesk ID' ) ).toHaveValue( '' );
		} );

		await test.step( 'the right ID completes the configuration; the secret never comes back', async () => {
			await page.getByLabel( 'Helpdesk ID' ).fill( HELPDESK_ID );
			await page.getByRole( 'button', { name: 'Save Changes' } ).click();

			await expect( page.getByText( 'Settings saved.' ) ).toBeVisible();
			await expect(
				page.getByText( 'The Ticket Center is configured' )
			).toBeVisible();
			await expect( page.getByLabel( 'HMAC secret' ) ).toHaveValue( '' );
			expect( await page.content() ).not.toContain( SECRET );
			expect( await page.content() ).not.toContain(
				SECRET.slice( 'hdh_secret_'.length )
			);
		} );

		await test.step( 'the self-test shows what the block sends for the subscriber', async () => {
			await page
				.getByLabel( 'Email address' )
				.fill( SUBSCRIBER.storedEmail );
			await page
				.getByRole( 'button', { name: 'Sign this address' } )
				.click();

			await expect( page.getByLabel( 'Normalized email' ) ).toHaveValue(
				SUBSCRIBER.normalizedEmail
			);
			await expect( page.getByLabel( 'Signature' ) ).toHaveValue(
				expectedSignature( SUBSCRIBER.normalizedEmail )
			);
			expect( await page.content() ).not.toContain( SECRET );
			await screenshot( page, 'settings-screen' );
		} );

		await test.step( 'Site Health recommends moving the secret to wp-config.php', async () => {
			await page.goto( '/wp-admin/site-health.php' );
			const recommended = page.locator(
				'#health-check-site-status-recommended'
			);
			await expect( recommended ).toContainText(
				'The Helpdesky HMAC secret is stored in the database',
				{
					timeout: 60_000,
				}
			);
			await expect(
				page.locator( '#health-check-site-status-critical' )
			).not.toContainText( 'Helpdesky Ticket Center is not configured' );
			await screenshot( page, 'site-health-status' );

			await page.goto( '/wp-admin/site-health.php?tab=debug' );
			const section = page.getByRole( 'button', {
				name: 'Helpdesky Ticket Center',
			} );
			await section.click();
			const info = page.locator(
				'#health-check-accordion-block-helpdesky-block'
			);
			await expect( info ).toContainText( HELPDESK_ID );
			await expect( info ).toContainText( 'Settings → Helpdesky' );
			expect( await page.content() ).not.toContain( SECRET );
			await screenshot( page, 'site-health-info' );
		} );

		await test.step( 'the notice creates the Support page and opens it in the editor', async () => {
			await page.goto( '/wp-admin/' );
			await expect( onboardingNotice( page ) ).not.toContainText(
				'Configure Helpdesky'
			);
			await onboardingNotice( page )
				.getByRole( 'button', { name: 'Create a Support page' } )
				.click();

			await expect( page ).toHaveURL( /post\.php\?post=\d+&action=edit/ );
			supportPageId = Number(
				new URL( page.url() ).searchParams.get( 'post' )
			);
			// The first visit to the editor opens its welcome guide over the canvas. Switching
			// it off needs the preferences store, which registers after wp.data itself.
			await page.waitForFunction(
				() =>
					!! (
						window as unknown as {
							wp?: {
								data?: { select: ( store: string ) => unknown };
							};
						}
					 ).wp?.data?.select( 'core/preferences' )
			);
			await editor.setPreferences( 'core/edit-post', {
				welcomeGuide: false,
			} );
			await expect(
				page.getByRole( 'dialog', { name: 'Welcome to the editor' } )
			).toHaveCount( 0 );
			await expect(
				editor.canvas.getByRole( 'document', {
					name: 'Block: Helpdesky Ticket Center',
				} )
			).toBeVisible();
			await editor.publishPost();
		} );

		await test.step( 'the notice is gone for the administrator', async () => {
			await page.goto( '/wp-admin/' );
			await expect(
				page.getByRole( 'heading', { name: 'Dashboard', level: 1 } )
			).toBeVisible();
			await expect( onboardingNotice( page ) ).toHaveCount( 0 );
		} );

		await test.step( 'a subscriber gets the Ticket Center signed with the secret from the screen', async () => {
			const context = await browser.newContext( {
				storageState: SUBSCRIBER_STATE_PATH,
			} );
			try {
				const subscriberPage = await context.newPage();
				const response = await subscriberPage.goto(
					`/?page_id=${ supportPageId }`
				);
				expect( response?.status() ).toBe( 200 );
				expect( response?.headers()[ 'cache-control' ] ).toContain(
					'no-store'
				);

				await expect(
					subscriberPage.getByRole( 'heading', {
						name: 'How can we help?',
					} )
				).toBeVisible();
				// Signed with the secret the administrator typed into the screen.
				await expectSignedEmbed(
					subscriberPage,
					SUBSCRIBER.normalizedEmail
				);
				await expect(
					subscriberPage.locator( '#hdh-ticket-center' )
				).toHaveCount( 1 );
				// The stand-in recomputes the HMAC with the secret on Helpdesky's side.
				await expect( standInStatus( subscriberPage ) ).toHaveAttribute(
					'data-status',
					'verified'
				);
				expect( await subscriberPage.content() ).not.toContain(
					SECRET
				);
			} finally {
				await context.close();
			}
		} );
	} );
} );
