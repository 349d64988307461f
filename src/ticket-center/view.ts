/**
 * Front end of the cache-proof delivery mode (see includes/cache-proof.php).
 *
 * The page is the same for every visitor and may come from a cache, so it
 * carries no user data: each Ticket Center wrapper holds a JSON config with
 * the embed endpoint's URL and the logged-out texts. This script asks the
 * endpoint who is signed in (same-origin, with cookies, never cached), then
 * adds Helpdesky's script after the container, or shows the login prompt.
 *
 * No dependencies, no WordPress globals: it is the plugin's only front-end
 * asset and loads only where a cache-proof Ticket Center renders.
 */

export const ROOT_SELECTOR = '[data-helpdesky-ticket-center]';
export const CONTAINER_ID = 'hdh-ticket-center';

export type LoggedOutTexts = {
	message: string;
	loginUrl: string;
	loginText: string;
	registerUrl: string;
	registerText: string;
};

export type ViewConfig = {
	endpoint: string;
	align: string;
	maxWidth: string;
	loggedOut: LoggedOutTexts;
	unavailableMessage: string;
};

export type EmbedAnswer =
	| {
			state: 'embed';
			email: string;
			signature: string;
			helpdeskId: string;
			scriptUrl: string;
	  }
	| { state: 'hidden' }
	| { state: 'unavailable'; message: string; problems: string[] };

export type Outcome = 'embed' | 'logged_out' | 'hidden' | 'unavailable';

/** The part of fetch() this script uses; tests pass plain objects. */
export type Fetcher = (
	input: string,
	init: RequestInit
) => Promise< Pick< Response, 'status' | 'ok' | 'json' > >;

const HTTP_URL = /^https?:\/\//i;

// Read while this script first runs: afterwards currentScript is null. A CSP
// nonce on our own tag is handed to the script we add, which needs one too.
const ownNonce =
	typeof document !== 'undefined' &&
	document.currentScript instanceof HTMLScriptElement
		? document.currentScript.nonce
		: '';

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

function stringOf( source: Record< string, unknown >, key: string ): string {
	const value = source[ key ];
	return typeof value === 'string' ? value : '';
}

/**
 * Reads the config the server printed. Anything malformed yields null.
 *
 * @param root The block's wrapper.
 */
export function readConfig( root: HTMLElement ): ViewConfig | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse( root.dataset.helpdeskyTicketCenter ?? '' );
	} catch {
		return null;
	}
	if ( ! isRecord( parsed ) || ! isRecord( parsed.loggedOut ) ) {
		return null;
	}
	const endpoint = stringOf( parsed, 'endpoint' );
	if ( endpoint === '' ) {
		return null;
	}
	const loggedOut = parsed.loggedOut;
	return {
		endpoint,
		align: stringOf( parsed, 'align' ),
		maxWidth: stringOf( parsed, 'maxWidth' ),
		loggedOut: {
			message: stringOf( loggedOut, 'message' ),
			loginUrl: stringOf( loggedOut, 'loginUrl' ),
			loginText: stringOf( loggedOut, 'loginText' ),
			registerUrl: stringOf( loggedOut, 'registerUrl' ),
			registerText: stringOf( loggedOut, 'registerText' ),
		},
		unavailableMessage: stringOf( parsed, 'unavailableMessage' ),
	};
}

/**
 * Checks the endpoint's answer. Anything unexpected yields null, which the
 * caller shows as "unavailable": a half-valid answer must never become a
 * script tag.
 *
 * @param body The parsed JSON body.
 */
export function readAnswer( body: unknown ): EmbedAnswer | null {
	if ( ! isRecord( body ) ) {
		return null;
	}
	switch ( body.state ) {
		case 'embed': {
			const answer = {
				state: 'embed' as const,
				email: stringOf( body, 'email' ),
				signature: stringOf( body, 'signature' ),
				helpdeskId: stringOf( body, 'helpdeskId' ),
				scriptUrl: stringOf( body, 'scriptUrl' ),
			};
			const complete =
				answer.email !== '' &&
				answer.signature !== '' &&
				answer.helpdeskId !== '' &&
				HTTP_URL.test( answer.scriptUrl );
			return complete ? answer : null;
		}
		case 'hidden':
			return { state: 'hidden' };
		case 'unavailable':
			return {
				state: 'unavailable',
				message: stringOf( body, 'message' ),
				problems: Array.isArray( body.problems )
					? body.problems.filter(
							( problem ): problem is string =>
								typeof problem === 'string'
						)
					: [],
			};
		default:
			return null;
	}
}

function paragraph( className: string, text: string ): HTMLParagraphElement {
	const element = document.createElement( 'p' );
	element.className = className;
	element.textContent = text;
	return element;
}

function link( className: string, href: string, text: string ) {
	const element = document.createElement( 'a' );
	element.className = className;
	element.href = href;
	element.textContent = text;
	return element;
}

/**
 * Adds Helpdesky's script right after the container, with the attributes the
 * inline mode prints. The container is already in the document, which is all
 * the script needs when it runs.
 *
 * @param root   The block's wrapper.
 * @param answer The signed embed for the visitor.
 * @param config The block's config.
 */
export function insertEmbed(
	root: HTMLElement,
	answer: Extract< EmbedAnswer, { state: 'embed' } >,
	config: ViewConfig
): void {
	let container = root.querySelector( `#${ CONTAINER_ID }` );
	if ( ! container ) {
		container = document.createElement( 'div' );
		container.id = CONTAINER_ID;
		root.append( container );
	}
	const script = document.createElement( 'script' );
	script.src = answer.scriptUrl;
	script.setAttribute( 'data-helpdesk-id', answer.helpdeskId );
	script.setAttribute( 'data-email', answer.email );
	script.setAttribute( 'data-signature', answer.signature );
	script.setAttribute( 'data-align', config.align || 'center' );
	if ( config.maxWidth !== '' ) {
		script.setAttribute( 'data-max-width', config.maxWidth );
	}
	if ( ownNonce ) {
		script.nonce = ownNonce;
	}
	container.after( script );
}

/**
 * Replaces the container with the login prompt, marked up as the inline mode
 * marks it up.
 *
 * @param root   The block's wrapper.
 * @param config The block's config.
 */
export function showLoggedOut( root: HTMLElement, config: ViewConfig ): void {
	const { loggedOut } = config;
	const children: HTMLElement[] = [
		paragraph(
			'wp-block-helpdesky-ticket-center__message',
			loggedOut.message
		),
	];
	if ( HTTP_URL.test( loggedOut.loginUrl ) ) {
		const actions = paragraph(
			'wp-block-helpdesky-ticket-center__actions',
			''
		);
		actions.append(
			link(
				'wp-block-helpdesky-ticket-center__login',
				loggedOut.loginUrl,
				loggedOut.loginText
			)
		);
		if ( HTTP_URL.test( loggedOut.registerUrl ) ) {
			actions.append(
				' ',
				link(
					'wp-block-helpdesky-ticket-center__register',
					loggedOut.registerUrl,
					loggedOut.registerText
				)
			);
		}
		children.push( actions );
	}
	root.replaceChildren( ...children );
}

function showUnavailable(
	root: HTMLElement,
	message: string,
	problems: string[]
): void {
	root.replaceChildren(
		paragraph( 'wp-block-helpdesky-ticket-center__message', message )
	);
	// The endpoint lists problems for administrators only.
	if ( problems.length > 0 ) {
		const list = document.createElement( 'ul' );
		list.className = 'wp-block-helpdesky-ticket-center__problems';
		list.setAttribute( 'role', 'note' );
		for ( const problem of problems ) {
			const item = document.createElement( 'li' );
			item.textContent = problem;
			list.append( item );
		}
		root.append( list );
	}
}

/**
 * Loads one cache-proof Ticket Center.
 *
 * @param root      The block's wrapper.
 * @param fetchImpl fetch(), replaceable in tests.
 * @return What the visitor was shown.
 */
export async function loadTicketCenter(
	root: HTMLElement,
	fetchImpl: Fetcher = ( input, init ) => window.fetch( input, init )
): Promise< Outcome > {
	const config = readConfig( root );
	if ( ! config ) {
		root.removeAttribute( 'aria-busy' );
		return 'unavailable';
	}

	let outcome: Outcome = 'unavailable';
	let message = config.unavailableMessage;
	let problems: string[] = [];
	try {
		const response = await fetchImpl( config.endpoint, {
			// Cookies go to our own origin only; the endpoint answers for
			// whoever they belong to, and for nobody else.
			credentials: 'same-origin',
			cache: 'no-store',
			headers: { Accept: 'application/json' },
		} );
		if ( response.status === 401 ) {
			showLoggedOut( root, config );
			outcome = 'logged_out';
		} else if ( response.ok ) {
			const answer = readAnswer( await response.json() );
			if ( answer?.state === 'embed' ) {
				insertEmbed( root, answer, config );
				outcome = 'embed';
			} else if ( answer?.state === 'hidden' ) {
				root.replaceChildren();
				root.hidden = true;
				outcome = 'hidden';
			} else if ( answer?.state === 'unavailable' ) {
				message = answer.message || message;
				problems = answer.problems;
			}
		}
	} catch {
		// Offline or a broken answer: shown as unavailable below.
	}

	if ( outcome === 'unavailable' ) {
		showUnavailable( root, message, problems );
	}
	root.removeAttribute( 'aria-busy' );
	return outcome;
}

/**
 * Loads every cache-proof Ticket Center in the document, once.
 */
export function loadAll(): void {
	document
		.querySelectorAll< HTMLElement >( ROOT_SELECTOR )
		.forEach( ( root ) => {
			if ( root.dataset.helpdeskyLoading !== undefined ) {
				return;
			}
			root.dataset.helpdeskyLoading = '';
			void loadTicketCenter( root );
		} );
}

if ( typeof document !== 'undefined' ) {
	// WordPress may print view scripts in the head (deferred) or the footer.
	if ( document.readyState === 'loading' ) {
		document.addEventListener( 'DOMContentLoaded', loadAll );
	} else {
		loadAll();
	}
}
