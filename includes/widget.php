<?php
/**
 * Helpdesky's site-wide messaging widget: one script tag in the footer, off by default.
 *
 * The widget needs the Helpdesk ID only and carries no per-user data, so it never makes a page
 * uncacheable. Where it is off (or not meant for this visitor or page) nothing of it reaches the
 * page; while it is switched off not even its footer hook is added.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Widget;

use Helpdesky\Block;
use WP_Post;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The key of Block\OPTION_NAME that holds the widget's settings. */
const SETTINGS_KEY = Block\WIDGET_KEY;

/** Who sees the widget: everybody, signed-in users only, or visitors who are not signed in. */
const AUDIENCES = array( 'everyone', 'logged_in', 'logged_out' );

/** Filters the URL of the widget script. */
const WIDGET_SCRIPT_URL_FILTER = 'helpdesky_block_widget_script_url';

/** The real widget script; replaceable through the filter above. */
const DEFAULT_SCRIPT_URL = 'https://helpdesky.io/widget.js';

/**
 * Adds the footer hook, only while the widget is switched on. Reads the autoloaded option, which
 * costs no query.
 *
 * @return void
 */
function bootstrap(): void {
	if ( settings()['enabled'] ) {
		add_action( 'wp_footer', __NAMESPACE__ . '\\print_footer' );
	}
}

/**
 * The widget's settings as stored, with every key present and of its type.
 *
 * @param mixed $stored The option's 'widget' value; read from the option when null.
 * @return array{enabled: bool, audience: string, excluded_pages: list<int>}
 */
function settings( $stored = null ): array {
	if ( null === $stored ) {
		$option = get_option( Block\OPTION_NAME );
		$stored = is_array( $option ) ? ( $option[ SETTINGS_KEY ] ?? null ) : null;
	}
	$stored   = is_array( $stored ) ? $stored : array();
	$audience = $stored['audience'] ?? null;
	$pages    = isset( $stored['excluded_pages'] ) && is_array( $stored['excluded_pages'] ) ? $stored['excluded_pages'] : array();

	return array(
		'enabled'        => true === ( $stored['enabled'] ?? false ),
		'audience'       => is_string( $audience ) && in_array( $audience, AUDIENCES, true ) ? $audience : 'everyone',
		'excluded_pages' => array_values( array_filter( $pages, 'is_int' ) ),
	);
}

/**
 * Whether the widget belongs on this page for this visitor. No WordPress calls: the rules alone.
 *
 * @param array{enabled: bool, audience: string, excluded_pages: list<int>} $settings  From settings().
 * @param bool                                                              $logged_in Whether the visitor is signed in.
 * @param int                                                               $page_id   The page shown, 0 for anything but a page.
 * @return bool
 */
function should_show( array $settings, bool $logged_in, int $page_id ): bool {
	if ( ! $settings['enabled'] ) {
		return false;
	}
	if ( ( 'logged_in' === $settings['audience'] && ! $logged_in ) || ( 'logged_out' === $settings['audience'] && $logged_in ) ) {
		return false;
	}
	return 0 === $page_id || ! in_array( $page_id, $settings['excluded_pages'], true );
}

/**
 * The script tag for this request, or '' where the widget does not belong (or has no valid
 * Helpdesk ID or script URL: then nobody gets it, and Site Health says why).
 *
 * @return string
 */
function footer_tag(): string {
	if ( ! should_show( settings(), is_user_logged_in(), current_page_id() ) ) {
		return '';
	}
	if ( ! is_ready() ) {
		return '';
	}
	// Printed like the Ticket Center's tag: wp_get_script_tag() lets CSP plugins add their nonce.
	return Block\embed_script_tag(
		array(
			'src'              => script_url(),
			'data-helpdesk-id' => Block\helpdesk_id(),
		) + Block\OPTIMIZER_OPT_OUTS
	);
}

/**
 * Whether the widget can be shown at all: a valid Helpdesk ID and a usable script URL.
 *
 * @return bool
 */
function is_ready(): bool {
	return Block\is_valid_helpdesk_id( Block\helpdesk_id() ) && '' !== script_url();
}

/**
 * Prints the widget's tag in the footer (wp_footer).
 *
 * @return void
 */
function print_footer(): void {
	$tag = footer_tag();
	if ( '' !== $tag ) {
		echo $tag; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built and escaped by wp_get_script_tag().
	}
}

/**
 * The ID of the page being shown (a static front page and the posts page included), or 0.
 *
 * @return int
 */
function current_page_id(): int {
	$object = get_queried_object();
	return $object instanceof WP_Post && 'page' === $object->post_type ? (int) $object->ID : 0;
}

/**
 * The URL of Helpdesky's widget script, after the filter.
 *
 * @return string A sanitized http(s) URL, or '' when the filter returned something unusable.
 */
function script_url(): string {
	/**
	 * Filters the URL of the messaging widget script.
	 *
	 * Use it to pin a version or to serve a stand-in in tests.
	 *
	 * @since 0.1.0
	 *
	 * @param string $url Default https://helpdesky.io/widget.js.
	 */
	$url = apply_filters( WIDGET_SCRIPT_URL_FILTER, DEFAULT_SCRIPT_URL ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.

	if ( ! is_string( $url ) ) {
		return '';
	}
	return (string) sanitize_url( $url, array( 'https', 'http' ) );
}
