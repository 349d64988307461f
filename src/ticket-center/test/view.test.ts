/// <reference types="node" />
/**
 * The cache-proof view script on the markup the server prints: the fixture is
 * a copy of render.php's output that an integration test keeps equal to it
 * (CacheProofTest::test_the_view_scripts_fixture_is_what_the_server_prints).
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	CONTAINER_ID,
	ROOT_SELECTOR,
	loadAll,
	loadTicketCenter,
	readAnswer,
	readConfig,
} from '../view';

const FIXTURE = readFileSync(
	join( __dirname, '../../../tests/js/fixtures/cache-proof-block.html' ),
	'utf8'
);

const EMBED = {
	state: 'embed',
	helpdeskId: '123e4567-e89b-12d3-a456-426614174000',
	scriptUrl: 'https://helpdesky.io/ticket-center.js',
	email: 'jane@example.com',
	signature: 'a'.repeat( 64 ),
};

const PROBLEMS = [
	{ code: 'secret_missing', message: 'Set <b>HELPDESKY_HMAC_SECRET</b>.' },
	{ code: 'helpdesk_id_missing', message: 'Set the Helpdesk ID.' },
];

/**
 * Puts the server's markup in the document.
 *
 * @param html The block as printed.
 */
function mountBlock( html: string = FIXTURE ): HTMLElement {
	document.body.innerHTML = html;
	const root = document.querySelector< HTMLElement >( ROOT_SELECTOR );
	if ( ! root ) {
		throw new Error( 'The fixture has no cache-proof Ticket Center.' );
	}
	return root;
}

/**
 * The markup of one of the server's templates, whitespace between tags
 * squeezed out.
 *
 * @param variant Which template.
 */
function serverVariant( variant: string ): string {
	const template = document
		.createRange()
		.createContextualFragment( FIXTURE )
		.querySelector< HTMLTemplateElement >(
			`template[data-helpdesky-variant="${ variant }"]`
		);
	return squeeze( template?.innerHTML ?? '' );
}

function squeeze( html: string ): string {
	return html.replace( />\s+</g, '><' ).trim();
}

/**
 * Every text the visitor can see in the block.
 *
 * @param root The block's wrapper.
 */
function visibleTexts( root: HTMLElement ): string[] {
	const walker = document.createTreeWalker( root, NodeFilter.SHOW_TEXT );
	const texts: string[] = [];
	for ( let node = walker.nextNode(); node; node = walker.nextNode() ) {
		const text = node.textContent?.trim() ?? '';
		if ( text !== '' ) {
			texts.push( text );
		}
	}
	return texts;
}

/**
 * Every text the server printed in its templates.
 */
function serverTexts(): string[] {
	const fragment = document.createRange().createContextualFragment( FIXTURE );
	const texts: string[] = [];
	fragment.querySelectorAll( 'template' ).forEach( ( template ) => {
		const holder = document.createElement( 'div' );
		holder.append( template.content.cloneNode( true ) );
		texts.push( ...visibleTexts( holder ) );
	} );
	return texts;
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
		expect( fetcher ).toHaveBeenCalledWith(
			'/index.php?rest_route=/helpdesky-block/v1/embed',
			{
				credentials: 'same-origin',
				cache: 'no-store',
				headers: { Accept: 'application/json' },
			}
		);
	} );

	it( 'adds the signed script right after the container, and no text', async () => {
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
		expect( visibleTexts( root ) ).toEqual( [] );
		expect( root ).not.toHaveAttribute( 'aria-busy' );
	} );

	it( 'leaves data-max-width out when the block has no width', async () => {
		const root = mountBlock(
			FIXTURE.replace( '&quot;640px&quot;', '&quot;&quot;' )
		);
		await loadTicketCenter( root, answering( 200, EMBED ) );
		expect(
			root.querySelector( 'script' )?.hasAttribute( 'data-max-width' )
		).toBe( false );
	} );

	it( "shows the server's logged-out template when nobody is signed in", async () => {
		const root = mountBlock();

		expect(
			await loadTicketCenter(
				root,
				answering( 401, { code: 'helpdesky_block_signed_out' } )
			)
		).toBe( 'logged_out' );

		expect( squeeze( root.innerHTML ) ).toBe(
			serverVariant( 'logged_out' )
		);
		expect( root.querySelector( 'script' ) ).toBeNull();
		expect( root ).toHaveTextContent(
			'Members & friends: <please> log in'
		);
		expect( root.querySelector( 'a' ) ).toHaveTextContent( 'Log in' );
		expect( root ).not.toHaveAttribute( 'aria-busy' );
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

	it( "lists an administrator's problems under the server's heading, as text", async () => {
		const root = mountBlock();
		expect(
			await loadTicketCenter(
				root,
				answering( 200, { state: 'unavailable', problems: PROBLEMS } )
			)
		).toBe( 'unavailable' );

		expect( root ).toHaveTextContent(
			'The support center is not available right now.'
		);
		expect( root ).toHaveTextContent( 'Only administrators see this:' );
		const items = [ ...root.querySelectorAll( 'li' ) ];
		expect( items.map( ( item ) => item.textContent ) ).toEqual(
			PROBLEMS.map( ( problem ) => problem.message )
		);
		expect( root.querySelector( 'b' ) ).toBeNull();
		// Apart from the problems, exactly the server's markup.
		items.forEach( ( item ) => ( item.textContent = '' ) );
		expect( squeeze( root.innerHTML ) ).toBe(
			serverVariant( 'unavailable' ).replace(
				'<li></li>',
				'<li></li><li></li>'
			)
		);
	} );

	it( 'shows no problem box to visitors without problems to read', async () => {
		const root = mountBlock();
		await loadTicketCenter(
			root,
			answering( 200, { state: 'unavailable', problems: [] } )
		);
		expect( root ).toHaveTextContent(
			'The support center is not available right now.'
		);
		expect( root ).not.toHaveTextContent( 'Only administrators' );
		expect( root.querySelector( 'ul' ) ).toBeNull();
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
	] )(
		"shows the server's unavailable template after %s",
		async ( _name, fetcher ) => {
			const root = mountBlock();
			expect( await loadTicketCenter( root, fetcher ) ).toBe(
				'unavailable'
			);
			expect( root.querySelector( 'script' ) ).toBeNull();
			expect( root ).toHaveTextContent(
				'The support center is not available right now.'
			);
			expect( root.querySelector( 'ul' ) ).toBeNull();
		}
	);

	it( 'does not fetch when the config is broken', async () => {
		const root = mountBlock(
			FIXTURE.replace(
				/data-helpdesky-ticket-center="[^"]*"/,
				'data-helpdesky-ticket-center="{not json"'
			)
		);
		const fetcher = answering( 200, EMBED );
		expect( await loadTicketCenter( root, fetcher ) ).toBe( 'unavailable' );
		expect( fetcher ).not.toHaveBeenCalled();
	} );

	it.each( [
		[ 'embed', answering( 200, EMBED ) ],
		[ 'logged out', answering( 401 ) ],
		[
			'unavailable',
			answering( 200, { state: 'unavailable', problems: PROBLEMS } ),
		],
		[ 'failed', answering( 500 ) ],
	] )(
		'adds no text of its own (%s): every text comes from the server',
		async ( _name, fetcher ) => {
			const root = mountBlock();
			await loadTicketCenter( root, fetcher );
			const allowed = [
				...serverTexts(),
				...PROBLEMS.map( ( problem ) => problem.message ),
			];
			visibleTexts( root ).forEach( ( text ) =>
				expect( allowed ).toContain( text )
			);
		}
	);
} );

describe( 'readConfig and readAnswer', () => {
	it( 'reads the config render.php prints: no texts in it', () => {
		expect( readConfig( mountBlock() ) ).toEqual( {
			endpoint: '/index.php?rest_route=/helpdesky-block/v1/embed',
			align: 'left',
			maxWidth: '640px',
		} );
	} );

	it( 'refuses a config without an endpoint', () => {
		expect(
			readConfig(
				mountBlock(
					FIXTURE.replace(
						/&quot;endpoint&quot;:&quot;[^&]*&quot;/,
						'&quot;endpoint&quot;:&quot;&quot;'
					)
				)
			)
		).toBeNull();
	} );

	it( 'reads the problem messages of an unavailable answer', () => {
		expect(
			readAnswer( { state: 'unavailable', problems: PROBLEMS } )
		).toEqual( {
			state: 'unavailable',
			problems: PROBLEMS.map( ( problem ) => problem.message ),
		} );
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

describe( 'view.ts', () => {
	it( 'builds no markup: the script tag is the only element it creates', () => {
		const source = readFileSync( join( __dirname, '../view.ts' ), 'utf8' );
		const created = [
			...source.matchAll( /createElement\(\s*'([^']+)'/g ),
		].map( ( match ) => match[ 1 ] );
		expect( created ).toEqual( [ 'script' ] );
		expect( source ).not.toMatch( /innerHTML|outerHTML|insertAdjacent/ );
	} );
} );
