/**
 * The cache-proof page in a real browser, served by a careless cache: one anonymous visit puts
 * the page in the cache, then each user gets that same cached page (HIT) and must still see their
 * own Ticket Center, verified by the Helpdesky stand-in (tests/stand-in) against the secret.
 *
 * playwright-core drives Debian's Chromium directly (no browser download); each visitor has a
 * context of their own, so no cookie is shared.
 */

// playwright-core comes with @playwright/test (a dev dependency), without a browser download.
// eslint-disable-next-line import/no-extraneous-dependencies -- installed with @playwright/test, which is declared.
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.HELPDESKY_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30_000;

/**
 * @param {Object}   options
 * @param {Object[]} options.targets Caches ({ name, port }) to visit through.
 * @param {string}   options.path    Path of the cache-proof page (a query string keeps the key fresh).
 * @param {Object[]} options.users   Users ({ email, cookie: { name, value } }).
 * @param {Function} options.log     Progress logger.
 * @return {Promise<Object[]>} One { target, who, ok, problem } per visit.
 */
export async function checkCacheProofInBrowser( {
	targets,
	path,
	users,
	log,
} ) {
	const browser = await chromium.launch( {
		executablePath: CHROMIUM,
		headless: true,
		args: [ '--no-sandbox' ],
	} );
	const results = [];
	try {
		for ( const target of targets ) {
			const url = `http://127.0.0.1:${ target.port }${ path }`;
			for ( const user of [ null, ...users ] ) {
				const who = user ? user.email : 'anonymous';
				const context = await browser.newContext();
				context.setDefaultTimeout( TIMEOUT );
				if ( user ) {
					await context.addCookies( [
						{
							name: user.cookie.name,
							value: user.cookie.value,
							domain: '127.0.0.1',
							path: '/',
						},
					] );
				}
				const page = await context.newPage();
				let problem = '';
				try {
					problem = await visit( page, url, user );
				} catch ( error ) {
					problem = error.message.split( '\n' )[ 0 ];
				} finally {
					await context.close();
				}
				results.push( {
					target: target.name,
					who,
					ok: problem === '',
					problem,
				} );
				if ( problem ) {
					log( `${ target.name } ${ who }: ${ problem }` );
				}
			}
		}
	} finally {
		await browser.close();
	}
	return results;
}

/**
 * One visit. Returns '' when everything is right, else what is wrong.
 *
 * @param {import('playwright-core').Page} page
 * @param {string}                         url
 * @param {Object|null}                    user
 * @return {Promise<string>} '' when all is well, else the problem.
 */
async function visit( page, url, user ) {
	const response = await page.goto( url, {
		waitUntil: 'domcontentloaded',
		timeout: TIMEOUT,
	} );
	if ( ! response || response.status() !== 200 ) {
		return `HTTP ${ response?.status() }`;
	}
	const cacheStatus = response.headers()[ 'x-cache-status' ];

	if ( ! user ) {
		// The first visit may fill the cache; the login prompt must show either way.
		await page
			.locator( '.wp-block-helpdesky-ticket-center__login' )
			.waitFor();
		const signed = await page.locator( 'script[data-signature]' ).count();
		return signed === 0 ? '' : 'an anonymous visitor got a signed script';
	}

	if ( cacheStatus !== 'HIT' ) {
		return `the page did not come from the cache (X-Cache-Status: ${ cacheStatus })`;
	}
	const status = page.locator( '[data-testid="helpdesky-stand-in-status"]' );
	await page
		.locator(
			'[data-testid="helpdesky-stand-in-status"]:not([data-status="pending"])'
		)
		.waitFor();
	const text = ( await status.textContent() ) ?? '';
	if ( text !== `Verified as ${ user.email }` ) {
		const reason = await page
			.locator( '[data-testid="helpdesky-stand-in-reason"]' )
			.textContent();
		return `the stand-in says "${ text }" ${ reason ?? '' }`.trim();
	}
	const scripts = await page
		.locator( 'script[data-signature]' )
		.evaluateAll( ( elements ) =>
			elements.map( ( element ) => element.getAttribute( 'data-email' ) )
		);
	if ( scripts.length !== 1 || scripts[ 0 ] !== user.email ) {
		return `expected one signed script for ${ user.email }, found ${ JSON.stringify( scripts ) }`;
	}
	return '';
}
