<?php
/**
 * What the Contact Form block shows: Helpdesky's public contact form for visitors who are not
 * signed in. render.php prints the result.
 *
 * The form needs the Helpdesk ID only: no secret, no email, no signature. Every visitor gets the
 * same bytes, so a page with the Contact Form (and without the Ticket Center) stays cacheable:
 * nothing here opts out of a cache, sends headers or holds output.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Contact_Form;

use Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The block's name, a stable API for themes and patterns. */
const BLOCK_NAME = 'helpdesky/contact-form';

/** The id Helpdesky's contact-form.js looks up once when it runs (its documented default). */
const CONTAINER_ID = 'hdh-contact-form';

/**
 * Filters the URL of the Contact Form script. (Not SCRIPT_URL_FILTER: hook constants are told
 * apart by their short name, and the Ticket Center's has that one.)
 */
const FORM_SCRIPT_URL_FILTER = 'helpdesky_block_contact_form_script_url';

/** The real Contact Form script; replaceable through the filter above. */
const DEFAULT_SCRIPT_URL = 'https://helpdesky.io/contact-form.js';

/** Once-per-request flag (Block\request_flag()): a Contact Form has rendered. */
const FLAG_CLAIMED = 'contact_form_claimed';

/** The configuration problems (Block\configuration_problems() codes) that concern the form. */
const HELPDESK_ID_PROBLEMS = array( 'helpdesk_id_missing', 'helpdesk_id_malformed' );

/**
 * Decides what this instance of the block shows.
 *
 * States: 'embed' (the container and Helpdesky's script tag), 'unavailable' (the Helpdesk ID is
 * missing or malformed, or the script URL unusable: the reasons for administrators, nothing for
 * anybody else) and 'hidden' (a second Contact Form on the page: Helpdesky's script fills one
 * container only, and the same nothing for everyone keeps the page the same for every visitor).
 *
 * @param array<string, mixed> $attributes Block attributes as parsed.
 * @return array{state: 'embed', script: array<string, string|true>}|array{state: 'unavailable', problems: list<string>}|array{state: 'hidden'}
 *         The state plus the values render.php prints, all unescaped.
 */
function view( array $attributes ): array {
	if ( Block\request_flag( FLAG_CLAIMED, true ) ) {
		return array( 'state' => 'hidden' );
	}

	$problems = problems();
	if ( $problems ) {
		if ( ! current_user_can( 'manage_options' ) ) {
			return array(
				'state'    => 'unavailable',
				'problems' => array(),
			);
		}
		// Only here does the page differ by visitor: an administrator reads why the form is
		// missing. Core already sends no-store for signed-in users; this keeps caches that ignore
		// headers from storing the explanation for everyone. A configured site never gets here.
		Block\mark_uncacheable();
		return array(
			'state'    => 'unavailable',
			'problems' => $problems,
		);
	}

	return array(
		'state'  => 'embed',
		'script' => array_merge(
			array(
				'src'              => script_url(),
				'data-helpdesk-id' => Block\helpdesk_id(),
			),
			form_attributes( $attributes ),
			// The form script also looks its container up once, when it runs.
			Block\OPTIMIZER_OPT_OUTS
		),
	);
}

/**
 * The form's container followed by Helpdesky's script tag, which looks the container up once
 * when it runs. The one place that prints them: this block, and the Ticket Center's logged-out
 * view (includes/ticket-center.php).
 *
 * @param array<string, string|true> $script The script tag's attributes, from view(), unescaped.
 * @return string HTML.
 */
function embed_html( array $script ): string {
	// Through wp_get_script_tag(), which escapes every attribute and applies the
	// wp_script_attributes filter, where CSP plugins add their nonce.
	return '<div id="' . esc_attr( CONTAINER_ID ) . '"></div>' . "\n\t" . wp_get_script_tag( $script );
}

/**
 * Why the form cannot be shown, in the Ticket Center's words (Block\problem_message()).
 *
 * @return list<string> Messages; empty when the form can be shown.
 */
function problems(): array {
	$problems = array_values( array_intersect_key( Block\configuration_problems(), array_flip( HELPDESK_ID_PROBLEMS ) ) );
	if ( ! $problems && '' === script_url() ) {
		$problems[] = sprintf(
			/* translators: %s: the filter's name, helpdesky_block_contact_form_script_url. */
			__( 'The %s filter returned something that is not an http(s) URL.', 'helpdesky-block' ),
			FORM_SCRIPT_URL_FILTER
		);
	}
	return $problems;
}

/**
 * The optional data-* attributes, with the Ticket Center's names, rules and sanitizers: data-align
 * always (as the Ticket Center prints it), data-max-width only when the width is usable.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return array<string, string>
 */
function form_attributes( array $attributes ): array {
	$form      = array( 'data-align' => Block\sanitize_content_align( $attributes['contentAlign'] ?? null ) );
	$max_width = Block\sanitize_max_width( $attributes['maxWidth'] ?? null );
	if ( '' !== $max_width ) {
		$form['data-max-width'] = $max_width;
	}
	return $form;
}

/**
 * The URL of Helpdesky's Contact Form script, after the filter.
 *
 * @return string A sanitized http(s) URL, or '' when the filter returned something unusable.
 */
function script_url(): string {
	/**
	 * Filters the URL of the Contact Form script.
	 *
	 * Use it to pin a version or to serve a stand-in in tests.
	 *
	 * @since 0.1.0
	 *
	 * @param string $url Default https://helpdesky.io/contact-form.js.
	 */
	$url = apply_filters( FORM_SCRIPT_URL_FILTER, DEFAULT_SCRIPT_URL ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.

	if ( ! is_string( $url ) ) {
		return '';
	}
	return (string) sanitize_url( $url, array( 'https', 'http' ) );
}
