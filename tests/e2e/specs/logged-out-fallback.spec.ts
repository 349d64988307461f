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

type CreatedPage = { id: number; link: string };

const DELIVERIES = [ 'inline', 'cache-proof' ] as const;

test.describe( 'Ticket Center: login prompt and Contact Form for logged-out visitors', () => {
	const pages: Record< ( typeof DELIVERIES )[ number ], CreatedPage | null > =
		{
			inline: null,
			'cache-proof': null,
		};

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

const VARIANTS = [ 'prompt', 'form', 'both' ] as const;
type Variant = ( typeof VARIANTS )[ number ];

const PROMPT_TEXT = 'Please log in to see your support conversations.';

/**
 * What an anonymous visitor must see for one loggedOutShows value: the prompt alone (no form
 * container), the form alone (no prompt, no login link), or the prompt above the form.
 *
 * @param page    The visitor's page, already on the Ticket Center's page.
 * @param variant The block's loggedOutShows.
 */
async function expectLoggedOutVariant( page: Page, variant: Variant ) {
	const block = page.locator( '.wp-block-helpdesky-ticket-center' );
	const prompt = block.locator(
		'.wp-block-helpdesky-ticket-center__message'
	);
	const login = block.getByRole( 'link', { name: 'Log in' } );
	const form = page.locator( '#hdh-contact-form' );
	const formText = page.getByTestId( 'helpdesky-contact-form-stand-in-text' );

	if ( variant === 'form' ) {
		await expect( prompt ).toHaveCount( 0 );
		await expect( login ).toHaveCount( 0 );
	} else {
		await expect( prompt ).toHaveText( PROMPT_TEXT );
		await expect( login ).toBeVisible();
	}

	if ( variant === 'prompt' ) {
		await expect( form ).toHaveCount( 0 );
		await expect(
			page.locator( 'script[src*="contact-form.js"]' )
		).toHaveCount( 0 );
	} else {
		await expect( form ).toHaveCount( 1 );
		// The stand-in ran and shows what it received.
		await expect( formText ).toHaveText(
			`Contact form for helpdesk ${ HELPDESK_ID } (align center, max width 560px)`
		);
	}

	if ( variant === 'both' ) {
		const order = await block
			.locator(
				'.wp-block-helpdesky-ticket-center__message, #hdh-contact-form'
			)
			.evaluateAll( ( elements ) =>
				elements.map( ( element ) => element.id || 'prompt' )
			);
		expect( order ).toEqual( [ 'prompt', 'hdh-contact-form' ] );
	}

	// Nothing signed, and no Ticket Center, for a visitor.
	await expect( page.locator( 'script[data-signature]' ) ).toHaveCount( 0 );
	await expect( page.locator( '#hdh-ticket-center' ) ).toHaveCount( 0 );
}

for ( const theme of THEMES ) {
	// The smoke subset (run on every WordPress version) takes the block theme's path.
	const smoke = theme.slug === 'twentytwentyfive' ? [ '@smoke' ] : [];

	test.describe( `Ticket Center's logged-out variants, ${ theme.label }`, () => {
		const pages: Partial< Record< Variant, CreatedPage > > = {};

		test.beforeAll( async ( { requestUtils } ) => {
			activateTheme( theme.slug );
			setConfigured( true );
			for ( const variant of VARIANTS ) {
				pages[ variant ] =
					await requestUtils.createRecord< CreatedPage >( 'pages', {
						title: `Support, logged out: ${ variant } (${ theme.slug })`,
						status: 'publish',
						content: blockMarkup( { loggedOutShows: variant } ),
					} );
			}
		} );

		test.afterAll( async ( { requestUtils } ) => {
			for ( const created of Object.values( pages ) ) {
				await requestUtils.rest( {
					method: 'DELETE',
					path: `/wp/v2/pages/${ created.id }`,
					params: { force: true },
				} );
			}
			activateTheme( 'twentytwentyfive' );
		} );

		// eslint-disable-next-line playwright/valid-test-tags -- only the block theme's run is smoke.
		test(
			'a visitor gets the prompt alone, the form alone, or the prompt above the form',
			{
				tag: smoke,
			},
			async ( { browser } ) => {
				const visitor = await browser.newContext( {
					storageState: { cookies: [], origins: [] },
				} );
				try {
					const page = await visitor.newPage();
					for ( const variant of VARIANTS ) {
						await test.step( variant, async () => {
							const response = await page.goto(
								pages[ variant ]?.link ?? ''
							);
							expect( response?.status() ).toBe( 200 );
							// A Ticket Center page keeps its protections, whatever it shows.
							expect(
								response?.headers()[ 'cache-control' ]
							).toContain( 'no-store' );
							await expectLoggedOutVariant( page, variant );
							await screenshot(
								page,
								`logged-out-${ variant }-${ theme.slug }`
							);
						} );
					}
				} finally {
					await visitor.close();
				}
			}
		);
	} );
}
