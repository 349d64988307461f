import {
	CONTAINER_ID,
	ROOT_SELECTOR,
	loadAll,
	loadTicketCenter,
	readAnswer,
	readConfig,
} from '../view';

const CONFIG = {
	endpoint: '/wp-json/helpdesky-block/v1/embed',
	align: 'left',
	maxWidth: '640px',
	loggedOut: {
		message: 'Please log in <b>now</b>.',
		loginUrl: 'https://example.test/wp-login.php?redirect_to=x',
		loginText: 'Log in',
		registerUrl: '',
		registerText: 'Create an account',
	},
	unavailableMessage: 'The support center is not available right now.',
};

const EMBED = {
	state: 'embed',
	email: 'jane@example.com',
	signature: 'a'.repeat( 64 ),
	helpdeskId: '123e4567-e89b-12d3-a456-426614174000',
	scriptUrl: 'https://helpdesky.io/ticket-center.js',
};

/**
 * The markup render.php prints for a cache-proof block.
 *
 * @param config The data attribute's content.
 */
function mountBlock( config: unknown = CONFIG ): HTMLElement {
	document.body.innerHTML = '';
	const root = document.createElement( 'div' );
	root.className = 'wp-block-helpdesky-ticket-center is-cache-proof';
	root.setAttribute(
		'data-helpdesky-ticket-center',
		typeof config === 'string' ? config : JSON.stringify( config )
	);
	root.setAttribute( 'aria-busy', 'true' );
	const container = document.createElement( 'div' );
	container.id = CONTAINER_ID;
	root.append( container );
	document.body.append( root );
	return root;
}

function answering( status: number, body: unknown = {} ) {
	return jest.fn( async () => ( {
		status,
		ok: status >= 200 && status < 300,
		json: async () => body,
	} ) );
}

describe( 'loadTicketCenter', () => {
	it( 'asks the endpoint with same-origin cookies, uncached, with no parameters', async () => {
		const root = mountBlock();
		const fetcher = answering( 200, EMBED );

		await loadTicketCenter( root, fetcher );

		expect( fetcher ).toHaveBeenCalledTimes( 1 );
		expect( fetcher ).toHaveBeenCalledWith( CONFIG.endpoint, {
			credentials: 'same-origin',
			cache: 'no-store',
			headers: { Accept: 'application/json' },
		} );
	} );

	it( 'adds the signed script right after the container', async () => {
		const root = mountBlock();

		expect( await loadTicketCenter( root, answering( 200, EMBED ) ) ).toBe(
			'embed'
		);

		const container = document.getElementById( CONTAINER_ID );
		const script = container?.nextElementSibling;
		expect( script?.tagName ).toBe( 'SCRIPT' );
		expect( script?.getAttribute( 'src' ) ).toBe( EMBED.scriptUrl );
		expect( script?.getAttribute( 'data-helpdesk-id' ) ).toBe(
			EMBED.helpdeskId
		);
		expect( script?.getAttribute( 'data-email' ) ).toBe( EMBED.email );
		expect( script?.getAttribute( 'data-signature' ) ).toBe(
			EMBED.signature
		);
		expect( script?.getAttribute( 'data-align' ) ).toBe( 'left' );
		expect( script?.getAttribute( 'data-max-width' ) ).toBe( '640px' );
		expect( root ).not.toHaveAttribute( 'aria-busy' );
	} );

	it( 'leaves data-max-width out when the block has no width', async () => {
		const root = mountBlock( { ...CONFIG, maxWidth: '' } );
		await loadTicketCenter( root, answering( 200, EMBED ) );
		expect(
			root.querySelector( 'script' )?.hasAttribute( 'data-max-width' )
		).toBe( false );
	} );

	it( 'shows the login prompt as text when nobody is signed in', async () => {
		const root = mountBlock();

		expect(
			await loadTicketCenter(
				root,
				answering( 401, { code: 'helpdesky_block_signed_out' } )
			)
		).toBe( 'logged_out' );

		expect( root.querySelector( 'script' ) ).toBeNull();
		expect( root.querySelector( 'b' ) ).toBeNull();
		expect( root ).toHaveTextContent( 'Please log in <b>now</b>.' );
		const links = root.querySelectorAll( 'a' );
		expect( links ).toHaveLength( 1 );
		expect( links[ 0 ] ).toHaveAttribute(
			'href',
			CONFIG.loggedOut.loginUrl
		);
		expect( links[ 0 ] ).toHaveTextContent( 'Log in' );
		expect( root ).not.toHaveAttribute( 'aria-busy' );
	} );

	it( 'adds the registration link when the site offers one', async () => {
		const root = mountBlock( {
			...CONFIG,
			loggedOut: {
				...CONFIG.loggedOut,
				registerUrl:
					'https://example.test/wp-login.php?action=register',
			},
		} );
		await loadTicketCenter( root, answering( 401 ) );
		expect( root.querySelectorAll( 'a' ) ).toHaveLength( 2 );
	} );

	it( 'hides the block when the user may not see it', async () => {
		const root = mountBlock();
		expect(
			await loadTicketCenter(
				root,
				answering( 200, { state: 'hidden' } )
			)
		).toBe( 'hidden' );
		expect( root.hidden ).toBe( true );
		expect( root.querySelector( 'script' ) ).toBeNull();
	} );

	it( 'shows the server message and any administrator notes when unavailable', async () => {
		const root = mountBlock();
		await loadTicketCenter(
			root,
			answering( 200, {
				state: 'unavailable',
				message: 'Not now.',
				problems: [ 'Set HELPDESKY_HMAC_SECRET.' ],
			} )
		);
		expect( root ).toHaveTextContent( 'Not now.' );
		expect( root ).toHaveTextContent( 'Set HELPDESKY_HMAC_SECRET.' );
	} );

	it.each( [
		[ 'a server error', answering( 500, {} ) ],
		[ 'a cross-origin refusal', answering( 403, {} ) ],
		[
			'an embed without a signature',
			answering( 200, { ...EMBED, signature: '' } ),
		],
		[
			'a script URL that is not http(s)',
			answering( 200, { ...EMBED, scriptUrl: 'javascript:alert(1)' } ),
		],
		[
			'a network failure',
			jest.fn( async () => {
				throw new TypeError( 'Failed to fetch' );
			} ),
		],
	] )( 'shows the unavailable message after %s', async ( _name, fetcher ) => {
		const root = mountBlock();
		expect( await loadTicketCenter( root, fetcher ) ).toBe( 'unavailable' );
		expect( root.querySelector( 'script' ) ).toBeNull();
		expect( root ).toHaveTextContent( CONFIG.unavailableMessage );
	} );

	it( 'does not fetch when the config is broken', async () => {
		const root = mountBlock( '{not json' );
		const fetcher = answering( 200, EMBED );
		expect( await loadTicketCenter( root, fetcher ) ).toBe( 'unavailable' );
		expect( fetcher ).not.toHaveBeenCalled();
	} );
} );

describe( 'readConfig and readAnswer', () => {
	it( 'reads the config render.php prints', () => {
		expect( readConfig( mountBlock() ) ).toEqual( CONFIG );
	} );

	it( 'refuses a config without an endpoint', () => {
		expect(
			readConfig( mountBlock( { ...CONFIG, endpoint: '' } ) )
		).toBeNull();
	} );

	it( 'refuses answers of an unknown shape', () => {
		expect( readAnswer( null ) ).toBeNull();
		expect( readAnswer( 'embed' ) ).toBeNull();
		expect( readAnswer( { state: 'signed' } ) ).toBeNull();
	} );
} );

describe( 'loadAll', () => {
	it( 'loads each cache-proof block once', () => {
		mountBlock();
		// jsdom has no fetch(); a request that never answers is enough here.
		const fetchMock = jest.fn( () => new Promise< Response >( () => {} ) );
		window.fetch = fetchMock;
		try {
			loadAll();
			loadAll();
			expect( fetchMock ).toHaveBeenCalledTimes( 1 );
			expect( document.querySelectorAll( ROOT_SELECTOR ) ).toHaveLength(
				1
			);
		} finally {
			Reflect.deleteProperty( window, 'fetch' );
		}
	} );
} );
