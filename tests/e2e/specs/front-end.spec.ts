import { test, expect } from '@wordpress/e2e-test-utils-playwright';

import {
	SUBSCRIBER,
	SUBSCRIBER_STATE_PATH,
	THEMES,
	activateTheme,
	blockMarkup,
	embedScript,
	expectSignedEmbed,
	screenshot,
	setConfigured,
	standInStatus,
	storedEmail,
} from '../utils/site';

type CreatedPage = { id: number; link: string };

test.describe( 'Ticket Center on the front end', () => {
	test.beforeAll( () => {
		setConfigured( true );
	} );

	test(
		'the subscriber email is stored un-normalized, as the suite needs',
		{
			tag: '@smoke',
		},
		() => {
			// Guards the fixture: the normalization tests below prove nothing if
			// the stored address were already lowercase and trimmed.
			expect( storedEmail( SUBSCRIBER.username ) ).toBe(
				SUBSCRIBER.storedEmail
			);
		}
	);

	for ( const theme of THEMES ) {
		// The smoke subset (run on every WordPress version) takes the block theme's path.
		const smoke = theme.slug === 'twentytwentyfive' ? [ '@smoke' ] : [];

		test.describe( theme.label, () => {
			let ticketPage: CreatedPage;

			test.beforeAll( async ( { requestUtils } ) => {
				activateTheme( theme.slug );
				// createRecord rather than createPage: its return type includes the link.
				ticketPage = await requestUtils.createRecord< CreatedPage >(
					'pages',
					{
						title: `Support (${ theme.slug })`,
						status: 'publish',
						content: blockMarkup( {
							contentAlign: 'left',
							maxWidth: '640px',
						} ),
					}
				);
			} );

			test.afterAll( async ( { requestUtils } ) => {
				await requestUtils.rest( {
					method: 'DELETE',
					path: `/wp/v2/pages/${ ticketPage.id }`,
					params: { force: true },
				} );
				activateTheme( 'twentytwentyfive' );
			} );

			// eslint-disable-next-line playwright/valid-test-tags -- only the block theme's pair is smoke.
			test(
				'a signed-in subscriber is verified for the normalized email; align and max width reach the embed',
				{
					tag: smoke,
				},
				async ( { browser } ) => {
					const context = await browser.newContext( {
						storageState: SUBSCRIBER_STATE_PATH,
					} );
					try {
						const page = await context.newPage();
						const response = await page.goto( ticketPage.link );
						expect( response?.status() ).toBe( 200 );

						await expectSignedEmbed(
							page,
							SUBSCRIBER.normalizedEmail
						);

						// The stand-in checked the signature with the secret on its side.
						await expect( standInStatus( page ) ).toHaveAttribute(
							'data-status',
							'verified'
						);
						await expect( standInStatus( page ) ).toHaveText(
							`Verified as ${ SUBSCRIBER.normalizedEmail }`
						);

						const panel = page.getByTestId( 'helpdesky-stand-in' );
						await expect( panel ).toHaveAttribute(
							'data-align',
							'left'
						);
						await expect( panel ).toHaveAttribute(
							'data-max-width',
							'640px'
						);
						await expect( panel ).toHaveCSS( 'max-width', '640px' );

						await screenshot(
							page,
							`front-end-subscriber-${ theme.slug }`
						);
					} finally {
						await context.close();
					}
				}
			);

			// eslint-disable-next-line playwright/valid-test-tags -- only the block theme's pair is smoke.
			test(
				'a visitor gets a login link, and logging in returns to the page with the Ticket Center',
				{
					tag: smoke,
				},
				async ( { browser } ) => {
					const context = await browser.newContext( {
						storageState: { cookies: [], origins: [] },
					} );
					try {
						const page = await context.newPage();
						const response = await page.goto( ticketPage.link );
						expect( response?.status() ).toBe( 200 );

						await expect(
							page.locator(
								'.wp-block-helpdesky-ticket-center__message'
							)
						).toHaveText(
							'Please log in to see your support conversations.'
						);
						await expect( embedScript( page ) ).toHaveCount( 0 );
						await expect(
							page.locator( '#hdh-ticket-center' )
						).toHaveCount( 0 );
						await screenshot(
							page,
							`front-end-logged-out-${ theme.slug }`
						);

						await page
							.locator( '.wp-block-helpdesky-ticket-center' )
							.getByRole( 'link', { name: 'Log in' } )
							.click();
						await expect( page ).toHaveURL(
							/\/wp-login\.php\?redirect_to=/
						);
						await page
							.locator( '#user_login' )
							.fill( SUBSCRIBER.username );
						await page
							.locator( '#user_pass' )
							.fill( SUBSCRIBER.password );
						await page
							.getByRole( 'button', { name: 'Log In' } )
							.click();

						await expect( page ).toHaveURL( ticketPage.link );
						await expect( standInStatus( page ) ).toHaveAttribute(
							'data-status',
							'verified'
						);
						await expect( standInStatus( page ) ).toHaveText(
							`Verified as ${ SUBSCRIBER.normalizedEmail }`
						);
						await expect(
							page.locator(
								'.wp-block-helpdesky-ticket-center__message'
							)
						).toHaveCount( 0 );
						await screenshot(
							page,
							`front-end-after-login-${ theme.slug }`
						);
					} finally {
						await context.close();
					}
				}
			);
		} );
	}
} );
