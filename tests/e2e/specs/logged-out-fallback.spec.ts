import { test, expect } from '@wordpress/e2e-test-utils-playwright';

import {
	HELPDESK_ID,
	SUBSCRIBER,
	SUBSCRIBER_STATE_PATH,
	activateTheme,
	blockMarkup,
	setConfigured,
	standInStatus,
} from '../utils/site';

type CreatedPage = { id: number; link: string };

const DELIVERIES = [ 'inline', 'cache-proof' ] as const;

test.describe( 'Ticket Center: login prompt and Contact Form for logged-out visitors', () => {
	const pages: Record< ( typeof DELIVERIES )[ number ], CreatedPage | null > =
		{ inline: null, 'cache-proof': null };

	test.beforeAll( async ( { requestUtils } ) => {
		activateTheme( 'twentytwentyfive' );
		setConfigured( true );
		for ( const delivery of DELIVERIES ) {
			pages[ delivery ] = await requestUtils.createRecord< CreatedPage >(
				'pages',
				{
					title: `Support (${ delivery })`,
					status: 'publish',
					content: blockMarkup( {
						loggedOutShows: 'both',
						contentAlign: 'left',
						deliveryMode: delivery,
					} ),
				}
			);
		}
	} );

	test.afterAll( async ( { requestUtils } ) => {
		for ( const created of Object.values( pages ) ) {
			if ( created ) {
				await requestUtils.rest( {
					method: 'DELETE',
					path: `/wp/v2/pages/${ created.id }`,
					params: { force: true },
				} );
			}
		}
	} );

	for ( const delivery of DELIVERIES ) {
		test( `"both", ${ delivery }: a visitor gets the prompt above the form, a subscriber the Ticket Center only`, async ( {
			browser,
		} ) => {
			const link = pages[ delivery ]?.link ?? '';
			const visitor = await browser.newContext( {
				storageState: { cookies: [], origins: [] },
			} );
			try {
				const page = await visitor.newPage();
				await page.goto( link );
				const block = page.locator(
					'.wp-block-helpdesky-ticket-center'
				);
				await expect(
					block.locator(
						'.wp-block-helpdesky-ticket-center__message'
					)
				).toHaveText(
					'Please log in to see your support conversations.'
				);
				await expect(
					block.getByRole( 'link', { name: 'Log in' } )
				).toBeVisible();
				// The stand-in ran and shows what it received.
				await expect(
					block.getByTestId( 'helpdesky-contact-form-stand-in-text' )
				).toHaveText(
					`Contact form for helpdesk ${ HELPDESK_ID } (align left, max width 560px)`
				);
				// The prompt comes first, the form below it.
				const order = await block
					.locator(
						'.wp-block-helpdesky-ticket-center__message, #hdh-contact-form'
					)
					.evaluateAll( ( elements ) =>
						elements.map( ( element ) => element.id || 'prompt' )
					);
				expect( order ).toEqual( [ 'prompt', 'hdh-contact-form' ] );
				await expect( page.locator( '#hdh-contact-form' ) ).toHaveCount(
					1
				);
				await expect(
					page.locator( 'script[data-signature]' )
				).toHaveCount( 0 );
			} finally {
				await visitor.close();
			}

			const member = await browser.newContext( {
				storageState: SUBSCRIBER_STATE_PATH,
			} );
			try {
				const page = await member.newPage();
				await page.goto( link );
				await expect( standInStatus( page ) ).toHaveText(
					`Verified as ${ SUBSCRIBER.normalizedEmail }`
				);
				await expect( page.locator( '#hdh-contact-form' ) ).toHaveCount(
					0
				);
			} finally {
				await member.close();
			}
		} );
	}
} );
