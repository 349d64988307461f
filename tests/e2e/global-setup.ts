import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { request, type FullConfig } from '@playwright/test';
import { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

import {
	SCREENSHOTS_DIR,
	SUBSCRIBER,
	SUBSCRIBER_STATE_PATH,
	isStackRunning,
	stack,
} from './utils/site';

/**
 * Logs in through wp-login.php without a browser and saves the cookies, so
 * specs can open pages as this user without paying for a browser login each.
 */
async function saveLoginState(
	baseURL: string,
	username: string,
	password: string,
	statePath: string
): Promise< void > {
	const context = await request.newContext( { baseURL } );
	try {
		// wp-login.php refuses logins without its test cookie.
		await context.get( '/wp-login.php' );
		const response = await context.post( '/wp-login.php', {
			form: {
				log: username,
				pwd: password,
				'wp-submit': 'Log In',
				testcookie: '1',
				redirect_to: `${ baseURL }/wp-admin/profile.php`,
			},
			maxRedirects: 0,
		} );
		const cookies = ( await context.storageState() ).cookies;
		if (
			response.status() !== 302 ||
			! cookies.some( ( cookie ) =>
				cookie.name.startsWith( 'wordpress_logged_in_' )
			)
		) {
			throw new Error(
				`Logging in as ${ username } failed (HTTP ${ response.status() }).`
			);
		}
		mkdirSync( path.dirname( statePath ), { recursive: true } );
		await context.storageState( { path: statePath } );
	} finally {
		await context.dispose();
	}
}

export default async function globalSetup( config: FullConfig ) {
	// HELPDESKY_E2E_REUSE=1 runs against a site left up by HELPDESKY_E2E_KEEP=1
	// (quick reruns while writing a spec); normally every run starts fresh.
	if ( process.env.HELPDESKY_E2E_REUSE === '1' && isStackRunning() ) {
		console.log( `e2e: reusing the site at ${ process.env.WP_BASE_URL }` );
	} else {
		const started = Date.now();
		stack( 'start' );
		console.log(
			`e2e: WordPress stack ready in ${ Math.round(
				( Date.now() - started ) / 1000
			) } s`
		);
	}

	const baseURL = config.projects[ 0 ]?.use.baseURL;
	const storageStatePath = process.env.STORAGE_STATE_PATH;
	if ( ! baseURL || ! storageStatePath ) {
		throw new Error(
			'playwright.config.ts did not set baseURL and STORAGE_STATE_PATH.'
		);
	}

	// Logs the administrator in and writes the storage state the fixtures use.
	const requestUtils = await RequestUtils.setup( {
		baseURL,
		storageStatePath,
	} );
	await requestUtils.setupRest();
	await requestUtils.request.dispose();

	await saveLoginState(
		baseURL,
		SUBSCRIBER.username,
		SUBSCRIBER.password,
		SUBSCRIBER_STATE_PATH
	);

	mkdirSync( SCREENSHOTS_DIR, { recursive: true } );
}
