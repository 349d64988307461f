<?php
/**
 * Plugin Name: Helpdesky stand-in
 * Description: Serves local stand-ins for helpdesky.io's ticket-center.js, contact-form.js and widget.js and points the plugin at them. Dev site and e2e tests only.
 * License: GPL-2.0-or-later
 *
 * Plays the part of helpdesky.io: the other side that knows the secret. The browser script
 * checks the signature the plugin printed against a secret this file injects server-side,
 * so nothing in the page under test hands the answer to the checker.
 *
 * @package helpdesky-block
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'helpdesky_block_script_url', 'helpdesky_block_stand_in_script_url' );
add_filter( 'helpdesky_block_contact_form_script_url', 'helpdesky_block_stand_in_contact_form_url' );
add_filter( 'helpdesky_block_widget_script_url', 'helpdesky_block_stand_in_widget_url' );
add_action( 'init', 'helpdesky_block_stand_in_serve', 0 );

/**
 * Replaces the hosted script URL with this site's stand-in.
 *
 * @return string
 */
function helpdesky_block_stand_in_script_url() {
	return add_query_arg( 'helpdesky_block_stand_in', 'ticket-center.js', home_url( '/' ) );
}

/**
 * Replaces the hosted Contact Form script URL with this site's stand-in.
 *
 * @return string
 */
function helpdesky_block_stand_in_contact_form_url() {
	return add_query_arg( 'helpdesky_block_stand_in', 'contact-form.js', home_url( '/' ) );
}

/**
 * Replaces the hosted messaging widget script URL with this site's stand-in.
 *
 * @return string
 */
function helpdesky_block_stand_in_widget_url() {
	return add_query_arg( 'helpdesky_block_stand_in', 'widget.js', home_url( '/' ) );
}

/**
 * Answers the stand-in URLs before WordPress routes the request.
 */
function helpdesky_block_stand_in_serve() {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a public script, no state change.
	$asset = isset( $_GET['helpdesky_block_stand_in'] ) ? sanitize_text_field( wp_unslash( $_GET['helpdesky_block_stand_in'] ) ) : '';
	if ( 'contact-form.js' === $asset || 'widget.js' === $asset ) {
		// Public, like the real form and widget scripts: nothing to inject, nothing secret.
		status_header( 200 );
		header( 'Content-Type: application/javascript; charset=utf-8' );
		header( 'X-Content-Type-Options: nosniff' );
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		echo (string) file_get_contents( __DIR__ . '/' . $asset ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JavaScript.
		exit;
	}
	if ( 'ticket-center.js' !== $asset ) {
		return;
	}

	// A dedicated constant lets a test give the checker a different secret than the site.
	if ( defined( 'HELPDESKY_STAND_IN_SECRET' ) ) {
		$secret = (string) HELPDESKY_STAND_IN_SECRET;
	} elseif ( defined( 'HELPDESKY_HMAC_SECRET' ) ) {
		$secret = (string) HELPDESKY_HMAC_SECRET;
	} else {
		$secret = (string) getenv( 'HELPDESKY_HMAC_SECRET' );
	}

	if ( defined( 'HELPDESKY_HELPDESK_ID' ) ) {
		$helpdesk_id = (string) HELPDESKY_HELPDESK_ID;
	} else {
		$helpdesk_id = (string) getenv( 'HELPDESKY_HELPDESK_ID' );
	}

	// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
	$script = (string) file_get_contents( __DIR__ . '/ticket-center.js' );
	$script = str_replace(
		array(
			'/* helpdesky-stand-in:secret */ null',
			'/* helpdesky-stand-in:helpdesk-id */ null',
		),
		array(
			// An empty value stays null so the script reports the missing configuration.
			'' === $secret ? 'null' : wp_json_encode( $secret ),
			'' === $helpdesk_id ? 'null' : wp_json_encode( $helpdesk_id ),
		),
		$script
	);

	// The script carries the secret: it must never be stored by a browser or proxy.
	status_header( 200 );
	nocache_headers();
	header( 'Cache-Control: no-store, max-age=0' );
	header( 'Content-Type: application/javascript; charset=utf-8' );
	header( 'X-Content-Type-Options: nosniff' );
	echo $script; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JavaScript, values JSON-encoded above.
	exit;
}
