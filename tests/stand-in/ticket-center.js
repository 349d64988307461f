/**
 * Stand-in for Helpdesky's hosted ticket-center.js, for the dev site and the e2e suite.
 *
 * It is a test boundary: it behaves like the documented script (see the project's
 * HELPDESKY contract) so that a test passes only when the plugin prints what the real
 * service needs. It reads its own <script> tag, looks the container up once, and checks
 * the signature the way Helpdesky's server does, instead of trusting the page.
 *
 * The secret is not in this file: helpdesky-stand-in.php serves it with the secret
 * injected in place of the marker below, the way helpdesky.io knows the secret on its side.
 * Served as-is (no injection), the script reports "Verification failed".
 */
( function () {
	'use strict';

	const secret = /* helpdesky-stand-in:secret */ null;
	const expectedHelpdeskId = /* helpdesky-stand-in:helpdesk-id */ null;

	// Documented defaults of the real script.
	const DEFAULT_CONTAINER = 'hdh-ticket-center';
	const DEFAULT_ALIGN = 'center';
	const DEFAULT_MAX_WIDTH = '864px';
	const ALIGNMENTS = [ 'center', 'left', 'right' ];

	// Must be read synchronously: currentScript is null once this first run is over,
	// and is also null for module scripts, which the real script does not support.
	const script = document.currentScript;
	if ( ! script ) {
		return;
	}

	// The real script looks the container up once, when it runs, and silently does
	// nothing when it is missing (no retry, no observer). Optimizers that defer or move
	// the script break the embed; the stand-in must break the same way.
	const containerId =
		script.getAttribute( 'data-container' ) || DEFAULT_CONTAINER;
	const container = document.getElementById( containerId );
	if ( ! container ) {
		return;
	}

	const helpdeskId = script.getAttribute( 'data-helpdesk-id' );
	const email = script.getAttribute( 'data-email' );
	const signature = script.getAttribute( 'data-signature' );
	const alignAttribute = script.getAttribute( 'data-align' );
	const maxWidthAttribute = script.getAttribute( 'data-max-width' );

	const align = ALIGNMENTS.includes( alignAttribute )
		? alignAttribute
		: DEFAULT_ALIGN;
	const maxWidth = maxWidthAttribute || DEFAULT_MAX_WIDTH;

	const panel = document.createElement( 'section' );
	panel.className = 'helpdesky-stand-in';
	panel.setAttribute( 'data-testid', 'helpdesky-stand-in' );
	panel.setAttribute( 'data-align', align );
	panel.setAttribute( 'data-max-width', maxWidth );
	panel.setAttribute(
		'data-helpdesk-id',
		helpdeskId === null ? '' : helpdeskId
	);
	// As received, so a test can see whether the page printed the normalized address.
	panel.setAttribute( 'data-email', email === null ? '' : email );
	panel.style.textAlign = align;
	// An invalid CSS length is dropped by the browser, as it would be for the real panel.
	panel.style.maxWidth = maxWidth;
	panel.style.marginLeft = align === 'left' ? '0' : 'auto';
	panel.style.marginRight = align === 'right' ? '0' : 'auto';
	panel.style.padding = '1em';
	panel.style.border = '1px dashed currentColor';

	const title = document.createElement( 'p' );
	title.textContent = 'Helpdesky Ticket Center (local stand-in)';
	title.style.fontWeight = 'bold';

	const status = document.createElement( 'p' );
	status.setAttribute( 'data-testid', 'helpdesky-stand-in-status' );
	status.setAttribute( 'data-status', 'pending' );
	status.textContent = 'Verifying…';

	const reason = document.createElement( 'p' );
	reason.setAttribute( 'data-testid', 'helpdesky-stand-in-reason' );
	reason.hidden = true;

	panel.append( title, status, reason );
	container.replaceChildren( panel );

	function show( verified, message, why ) {
		status.setAttribute( 'data-status', verified ? 'verified' : 'failed' );
		status.textContent = message;
		reason.hidden = ! why;
		reason.textContent = why || '';
	}

	function toHex( buffer ) {
		return Array.from( new Uint8Array( buffer ), ( byte ) =>
			byte.toString( 16 ).padStart( 2, '0' )
		).join( '' );
	}

	async function hmacSha256Hex( key, message ) {
		const encoder = new TextEncoder();
		const cryptoKey = await window.crypto.subtle.importKey(
			'raw',
			encoder.encode( key ),
			{ name: 'HMAC', hash: 'SHA-256' },
			false,
			[ 'sign' ]
		);
		return toHex(
			await window.crypto.subtle.sign(
				'HMAC',
				cryptoKey,
				encoder.encode( message )
			)
		);
	}

	// Returns the reason verification fails, or '' when it succeeds.
	async function check( normalizedEmail ) {
		if ( ! helpdeskId ) {
			return 'data-helpdesk-id is missing.';
		}
		if ( expectedHelpdeskId && helpdeskId !== expectedHelpdeskId ) {
			return 'data-helpdesk-id does not match the configured helpdesk.';
		}
		if ( ! email ) {
			return 'data-email is missing.';
		}
		if ( ! signature ) {
			return 'data-signature is missing.';
		}
		if ( ! secret ) {
			return 'The stand-in has no secret (serve it through helpdesky-stand-in.php).';
		}
		if ( ! window.crypto || ! window.crypto.subtle ) {
			return 'Web Crypto is unavailable: the page is not a secure context (use https, localhost or 127.0.0.1).';
		}
		const expected = await hmacSha256Hex( secret, normalizedEmail );
		if ( signature !== expected ) {
			return 'data-signature is not the lowercase hex HMAC-SHA256 of the lowercased email with the helpdesk secret.';
		}
		return '';
	}

	// Helpdesky's server lowercases the address before verifying, so a signature made
	// over the address as stored (mixed case) fails there, and must fail here too.
	// toLowerCase() also lowercases non-ASCII letters, unlike PHP's strtolower().
	const normalizedEmail = email ? email.toLowerCase() : '';

	check( normalizedEmail ).then(
		( why ) => {
			if ( why ) {
				show( false, 'Verification failed', why );
			} else {
				show( true, 'Verified as ' + normalizedEmail, '' );
			}
		},
		( error ) => {
			show( false, 'Verification failed', String( error ) );
		}
	);
} )();
