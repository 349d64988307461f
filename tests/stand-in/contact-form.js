/**
 * Stand-in for Helpdesky's hosted contact-form.js, for the dev site and the tests.
 *
 * Like the documented script it reads its own <script> tag, looks its container up once
 * when it runs (data-container, default hdh-contact-form) and does nothing if it is missing.
 * It shows which Helpdesk ID and options it received, so a test can read them back.
 * No secret: the Contact Form is public.
 */
( function () {
	'use strict';

	// Documented defaults of the real script.
	const DEFAULT_CONTAINER = 'hdh-contact-form';
	const DEFAULT_ALIGN = 'center';
	const DEFAULT_MAX_WIDTH = '560px';
	const ALIGNMENTS = [ 'center', 'left', 'right' ];

	const script = document.currentScript;
	if ( ! script ) {
		return;
	}
	const container = document.getElementById(
		script.getAttribute( 'data-container' ) || DEFAULT_CONTAINER
	);
	if ( ! container ) {
		return;
	}

	const helpdeskId = script.getAttribute( 'data-helpdesk-id' ) || '';
	const alignAttribute = script.getAttribute( 'data-align' );
	const align = ALIGNMENTS.includes( alignAttribute )
		? alignAttribute
		: DEFAULT_ALIGN;
	const maxWidth =
		script.getAttribute( 'data-max-width' ) || DEFAULT_MAX_WIDTH;

	const panel = document.createElement( 'section' );
	panel.className = 'helpdesky-stand-in';
	panel.setAttribute( 'data-testid', 'helpdesky-contact-form-stand-in' );
	panel.setAttribute( 'data-helpdesk-id', helpdeskId );
	panel.setAttribute( 'data-align', align );
	panel.setAttribute( 'data-max-width', maxWidth );
	panel.style.textAlign = align;
	panel.style.maxWidth = maxWidth;
	panel.style.marginLeft = align === 'left' ? '0' : 'auto';
	panel.style.marginRight = align === 'right' ? '0' : 'auto';
	panel.style.padding = '1em';
	panel.style.border = '1px dashed currentColor';

	const title = document.createElement( 'p' );
	title.textContent = 'Helpdesky Contact Form (local stand-in)';
	title.style.fontWeight = 'bold';

	const summary = document.createElement( 'p' );
	summary.setAttribute(
		'data-testid',
		'helpdesky-contact-form-stand-in-text'
	);
	summary.textContent = helpdeskId
		? `Contact form for helpdesk ${ helpdeskId } (align ${ align }, max width ${ maxWidth })`
		: 'Contact form: data-helpdesk-id is missing.';

	panel.append( title, summary );
	container.replaceChildren( panel );
} )();
