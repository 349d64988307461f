import { test, expect } from '@wordpress/e2e-test-utils-playwright';

import {
	SUBSCRIBER,
	SUBSCRIBER_STATE_PATH,
	blockMarkup,
	embedScript,
	expectSignedEmbed,
	setConfigured,
	standInStatus,
} from '../utils/site';

type CreatedPage = { id: number; link: string };

const UNAVAILABLE =
	'The support center is not available right now. Please try again later or contact the site team.';

/**
 * Cache-proof delivery in a browser: the page is the same for everyone, and the
 * view script shows one of the views the server rendered into it (or inserts
 * the signed script) by what the embed endpoint answers.
 */
test.describe( 'Cache-proof Ticket Center', () => {
	let ticketPage: CreatedPage;

	test.beforeAll( async ( { requestUtils } ) => {
		setConfigured( true );
		ticketPage = await requestUtils.createRecord< CreatedPage >( 'pages', {
			title: 'Support (cache-proof)',
			status: 'publish',
			content: blockMarkup( {
				deliveryMode: 'cache-proof',
				contentAlign: 'left',
				maxWidth: '640px',
				loggedOutMessage: 'Members & friends: <please> sign in.',
			} ),
		} );
	} );

	test.afterAll( async ( { requestUtils } ) => {
		setConfigured( true );
		await requestUtils.rest( {
			method: 'DELETE',
			path: `/wp/v2/pages/${ ticketPage.id }`,
			params: { force: true },
		} );
	} );

	test( 'a visitor gets the server-rendered login prompt', async ( {
		browser,
	} ) => {
		const context = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
		} );
		try {
			const page = await context.newPage();
			await page.goto( ticketPage.link );
			const block = page.locator( '.wp-block-helpdesky-ticket-center' );

			await expect(
				block.locator( '.wp-block-helpdesky-ticket-center__message' )
			).toHaveText( 'Members & friends: <please> sign in.' );
			await expect(
				block.getByRole( 'link', { name: 'Log in' } )
			).toHaveAttribute( 'href', /wp-login\.php\?redirect_to=/ );
			await expect( block ).not.toHaveAttribute( 'aria-busy' );
			await expect( embedScript( page ) ).toHaveCount( 0 );
		} finally {
			await context.close();
		}
	} );

	test( 'a subscriber gets the signed embed, inserted after the container', async ( {
		browser,
	} ) => {
		const context = await browser.newContext( {
			storageState: SUBSCRIBER_STATE_PATH,
		} );
		try {
			const page = await context.newPage();
			await page.goto( ticketPage.link );

			await expectSignedEmbed( page, SUBSCRIBER.normalizedEmail );
			await expect( embedScript( page ) ).toHaveAttribute(
				'data-align',
				'left'
			);
			await expect( standInStatus( page ) ).toHaveText(
				`Verified as ${ SUBSCRIBER.normalizedEmail }`
			);
			await expect(
				page.locator( '.wp-block-helpdesky-ticket-center__message' )
			).toHaveCount( 0 );
		} finally {
			await context.close();
		}
	} );

	test( "administrators see the server's problem list, subscribers only the neutral message", async ( {
		browser,
		page,
	} ) => {
		setConfigured( false );

		// The admin fixture's page is signed in as an administrator.
		await page.goto( ticketPage.link );
		const block = page.locator( '.wp-block-helpdesky-ticket-center' );
		await expect(
			block.locator( '.wp-block-helpdesky-ticket-center__message' )
		).toHaveText( UNAVAILABLE );
		const problems = block.locator(
			'.wp-block-helpdesky-ticket-center__problems'
		);
		await expect( problems ).toContainText(
			'Only administrators see this:'
		);
		await expect( problems.getByRole( 'listitem' ).first() ).toContainText(
			'HELPDESKY_'
		);

		const context = await browser.newContext( {
			storageState: SUBSCRIBER_STATE_PATH,
		} );
		try {
			const subscriberPage = await context.newPage();
			await subscriberPage.goto( ticketPage.link );
			const subscriberBlock = subscriberPage.locator(
				'.wp-block-helpdesky-ticket-center'
			);
			await expect(
				subscriberBlock.locator(
					'.wp-block-helpdesky-ticket-center__message'
				)
			).toHaveText( UNAVAILABLE );
			await expect(
				subscriberBlock.locator(
					'.wp-block-helpdesky-ticket-center__problems'
				)
			).toHaveCount( 0 );
		} finally {
			await context.close();
		}
	} );
} );
