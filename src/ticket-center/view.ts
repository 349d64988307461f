/**
 * Front end of the cache-proof delivery mode (see includes/cache-proof.php).
 *
 * The page is the same for every visitor and may come from a cache, so it
 * carries no user data: each Ticket Center wrapper holds a JSON config (the
 * embed endpoint's URL, alignment and width) and, rendered by the server, a
 * <template> for each view a visitor may get. This script asks the endpoint
 * who is signed in (same-origin, with cookies, never cached), then adds
 * Helpdesky's script after the container, or shows one of the templates. It
 * builds no markup and holds no user-facing text of its own.
 *
 * No dependencies, no WordPress globals: it is the plugin's only front-end
 * asset and loads only where a cache-proof Ticket Center renders.
 */

export const ROOT_SELECTOR = '[data-helpdesky-ticket-center]';
export const CONTAINER_ID = 'hdh-ticket-center';

/** The <template> variants render.php prints (includes/cache-proof.php). */
export type Variant = 'logged_out' | 'unavailable';

export type ViewConfig = {
	endpoint: string;
	align: string;
	maxWidth: string;
};

/** The endpoint's answer: signed_embed() of the visitor, unchanged. */
export type EmbedAnswer =
	| {
			state: 'embed';
			helpdeskId: string;
			scriptUrl: string;
			email: string;
			signature: string;
	  }
	| { state: 'hidden' }
	| { state: 'unavailable'; problems: string[] };

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

function stringOf( source: unknown, key: string ): string {
	const value = isRecord( source ) ? source[ key ] : undefined;
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
	const endpoint = stringOf( parsed, 'endpoint' );
	return endpoint === ''
		? null
		: {
				endpoint,
				align: stringOf( parsed, 'align' ),
				maxWidth: stringOf( parsed, 'maxWidth' ),
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
				helpdeskId: stringOf( body, 'helpdeskId' ),
				scriptUrl: stringOf( body, 'scriptUrl' ),
				email: stringOf( body, 'email' ),
				signature: stringOf( body, 'signature' ),
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
			// Listed for administrators only: { code, message } each.
			return {
				state: 'unavailable',
				problems: ( Array.isArray( body.problems )
					? body.problems
					: []
				)
					.map( ( problem ) => stringOf( problem, 'message' ) )
					.filter( ( message ) => message !== '' ),
			};
		default:
			return null;
	}
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
	root.querySelector( `#${ CONTAINER_ID }` )?.after( script );
}

/**
 * Replaces the block's content with one of its server-rendered templates.
 * The unavailable template's list holds one empty item: it is repeated for
 * each problem the endpoint names (administrators only), and the list's box
 * is dropped when there are none.
 *
 * @param root     The block's wrapper.
 * @param variant  Which template.
 * @param problems Texts from the endpoint, for the unavailable template.
 */
export function showVariant(
	root: HTMLElement,
	variant: Variant,
	problems: string[] = []
): void {
	const template = root.querySelector< HTMLTemplateElement >(
		`template[data-helpdesky-variant="${ variant }"]`
	);
	const content = template?.content.cloneNode( true ) as
		DocumentFragment | undefined;
	const item = content?.querySelector( 'li' );
	if ( item ) {
		item.replaceWith(
			...problems.map( ( problem ) => {
				const copy = item.cloneNode() as HTMLLIElement;
				copy.textContent = problem;
				return copy;
			} )
		);
	}
	if ( problems.length === 0 ) {
		content
			?.querySelector( '.wp-block-helpdesky-ticket-center__problems' )
			?.remove();
	}
	root.replaceChildren( ...( content ? [ content ] : [] ) );
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
	let outcome: Outcome = 'unavailable';
	let problems: string[] = [];
	try {
		const response = config
			? await fetchImpl( config.endpoint, {
					// Cookies go to our own origin only; the endpoint answers
					// for whoever they belong to, and for nobody else.
					credentials: 'same-origin',
					cache: 'no-store',
					headers: { Accept: 'application/json' },
				} )
			: null;
		const answer = response?.ok && readAnswer( await response.json() );
		if ( response?.status === 401 ) {
			showVariant( root, 'logged_out' );
			outcome = 'logged_out';
		} else if ( config && answer && answer.state === 'embed' ) {
			insertEmbed( root, answer, config );
			outcome = 'embed';
		} else if ( answer && answer.state === 'hidden' ) {
			root.replaceChildren();
			root.hidden = true;
			outcome = 'hidden';
		} else if ( answer && answer.state === 'unavailable' ) {
			problems = answer.problems;
		}
	} catch {
		// Offline or a broken answer: shown as unavailable below.
	}

	if ( outcome === 'unavailable' ) {
		showVariant( root, 'unavailable', problems );
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
