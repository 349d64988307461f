/**
 * Stand-in for Helpdesky's hosted widget.js (the floating messaging widget), for the dev site
 * and the tests.
 *
 * Like the real script it needs nothing but its own <script> tag's data-helpdesk-id. It adds a
 * small floating panel that shows which Helpdesk ID it received, so a test can read it back.
 * No secret, no per-user data: the widget is public.
 */
( function () {
	'use strict';

	const script = document.currentScript;
	if ( ! script || ! document.body ) {
		return;
	}
	const helpdeskId = script.getAttribute( 'data-helpdesk-id' ) || '';

	const panel = document.createElement( 'aside' );
	panel.className = 'helpdesky-stand-in';
	panel.setAttribute( 'data-testid', 'helpdesky-widget-stand-in' );
	panel.setAttribute( 'data-helpdesk-id', helpdeskId );
	panel.style.position = 'fixed';
	panel.style.right = '1em';
	panel.style.bottom = '1em';
	panel.style.zIndex = '99999';
	panel.style.padding = '0.5em 1em';
	panel.style.background = '#fff';
	panel.style.color = '#000';
	panel.style.border = '1px dashed currentColor';
	panel.textContent = helpdeskId
		? `Helpdesky messaging widget (local stand-in) for helpdesk ${ helpdeskId }`
		: 'Helpdesky messaging widget: data-helpdesk-id is missing.';

	document.body.append( panel );
} )();
