<?php
/**
 * The cache contract's render-time part: a page that shows the block is never stored by a page
 * cache, a proxy or a CDN, for anyone (see CACHING.md in the design notes).
 *
 * Page-cache plugins decide at the end of the request, so signalling while the block renders is
 * early enough for them; headers additionally need to go out before the first byte of output.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Fired once per request when the page has been excluded from caching. */
const UNCACHEABLE_ACTION = 'helpdesky_block_marked_uncacheable';

/**
 * Headers that keep the response out of browsers' shared caches, proxies and CDNs.
 *
 * Core sends a similar set for logged-in users only, and the nocache_headers filter can weaken it,
 * so the plugin sends its own full set for block pages, anonymous visitors included.
 *
 * @return array<string, string> Header name => value.
 */
function no_cache_headers(): array {
	return array(
		'Cache-Control'     => 'no-cache, must-revalidate, max-age=0, no-store, private',
		'Expires'           => 'Wed, 11 Jan 1984 05:00:00 GMT',
		// nginx honours this even where its config ignores Cache-Control.
		'X-Accel-Expires'   => '0',
		// Varnish and Fastly.
		'Surrogate-Control' => 'no-store',
		// CDNs that read a CDN-specific header (RFC 9213), Cloudflare among them.
		'CDN-Cache-Control' => 'no-store',
		// Cloudflare's Automatic Platform Optimization.
		'cf-edge-cache'     => 'no-cache',
	);
}

/**
 * Excludes the current response from every page cache the plugin knows, once per request.
 *
 * @return void
 */
function mark_uncacheable(): void {
	if ( did_action( UNCACHEABLE_ACTION ) ) {
		return;
	}

	// WP Super Cache, W3 Total Cache, WP Rocket, Breeze, Hummingbird, Cache Enabler, Comet Cache,
	// WP-Optimize and SiteGround all honour this constant.
	if ( ! defined( 'DONOTCACHEPAGE' ) ) {
		define( 'DONOTCACHEPAGE', true );
	}
	do_action( 'litespeed_control_set_nocache', 'Helpdesky Ticket Center: the page carries a per-user signature' );
	// WP Fastest Cache ignores DONOTCACHEPAGE.
	do_action( 'wpfc_exclude_current_page' );
	if ( function_exists( 'batcache_cancel' ) ) {
		batcache_cancel();
	}

	// Some plugins let settings or other code force caching despite DONOTCACHEPAGE; answer last.
	foreach ( array( 'rocket_override_donotcachepage', 'breeze_override_donotcachepage', 'w3tc_can_cache', 'wpo_can_cache_page' ) as $override ) {
		add_filter( $override, '__return_false', PHP_INT_MAX );
	}

	$headers_sent = send_no_cache_headers();

	/**
	 * Fires once per request after the page has been excluded from caching.
	 *
	 * Hook here to notify a cache layer the plugin does not know about.
	 *
	 * @since 0.1.0
	 *
	 * @param bool $headers_sent Whether the no-cache headers could still be sent.
	 */
	do_action( UNCACHEABLE_ACTION, $headers_sent );
}

/**
 * Sends no_cache_headers() unless output has already started.
 *
 * @return bool Whether the headers were sent.
 */
function send_no_cache_headers(): bool {
	if ( headers_sent() ) {
		return false;
	}
	foreach ( no_cache_headers() as $name => $value ) {
		header( $name . ': ' . $value );
	}
	// A validator would let a proxy answer 304 from a stored copy.
	header_remove( 'Last-Modified' );
	header_remove( 'ETag' );
	return true;
}
