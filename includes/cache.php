<?php
/**
 * The cache contract's render-time part: a page that shows the block is never stored by a page
 * cache, a proxy or a CDN, for anyone (see CACHING.md in the design notes).
 *
 * Page-cache plugins decide at the end of the request, so signalling while the block renders is
 * early enough for them. Headers also need to go out before the first byte of output: early
 * detection (detection.php) sends them before the template starts; for classic themes where the
 * block can render mid-page out of detection's sight, hold_output() keeps the whole page in a
 * buffer so that header() still works when the block renders.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Fired once per request when the page has been excluded from caching. */
const UNCACHEABLE_ACTION = 'helpdesky_block_marked_uncacheable';

/** Fired each time the plugin sends (or, too late, would have sent) its no-cache headers. */
const NO_CACHE_HEADERS_ACTION = 'helpdesky_block_no_cache_headers';

/** Fired when the plugin holds a classic theme's output until the end of the request. */
const HOLD_ACTION = 'helpdesky_block_holding_output';

/** Filters whether a classic theme's page is held (may_render_late()). */
const HOLD_FILTER = 'helpdesky_block_hold_output';

/**
 * Names of the once-per-request flags (request_flag()). Private state: the public actions above
 * still fire, but what a third party fires never counts as the plugin's own.
 */
const FLAG_UNCACHEABLE = 'uncacheable';
const FLAG_HOLDING     = 'holding_output';
const FLAG_CLAIMED     = 'ticket_center_claimed';
const FLAG_CACHE_PROOF = 'cache_proof_rendered';
/** The blocks are registered (namespace.php, register_blocks()). */
const FLAG_REGISTERED = 'registered';
/** The patterns are registered (namespace.php, register_patterns()). */
const FLAG_PATTERNS_REGISTERED = 'patterns_registered';
/** A block template renders, and search_rendering_block() looks for Ticket Centers in it. */
const FLAG_TEMPLATE_SEARCH = 'template_search';

/**
 * Autoloaded option: when the block last rendered mid-page in a classic theme with neither early
 * detection nor held output, i.e. after its headers could no longer be sent. From then on the
 * plugin holds classic-theme output on every page (see may_render_late()).
 */
const LATE_RENDER_OPTION = 'helpdesky_block_late_render_seen';

/**
 * Shortcodes that come with WordPress. None of them can render the Ticket Center, and they are
 * common in classic content ([caption] above all), so they are no reason to hold a page.
 */
const CORE_SHORTCODES = array( 'caption', 'wp_caption', 'gallery', 'playlist', 'audio', 'video', 'embed' );

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
		'Cache-Control'             => 'no-cache, must-revalidate, max-age=0, no-store, private',
		'Expires'                   => 'Wed, 11 Jan 1984 05:00:00 GMT',
		// nginx honours this even where its config ignores Cache-Control.
		'X-Accel-Expires'           => '0',
		// Varnish and Fastly.
		'Surrogate-Control'         => 'no-store',
		// CDNs that read a CDN-specific header (RFC 9213), Cloudflare among them.
		'CDN-Cache-Control'         => 'no-store',
		// Cloudflare's Automatic Platform Optimization.
		'cf-edge-cache'             => 'no-cache',
		// LiteSpeed's server cache, also without the LiteSpeed Cache plugin.
		'X-LiteSpeed-Cache-Control' => 'no-cache',
	);
}

/**
 * The plugin's once-per-request flags: whether the page has been opted out of caching, output is
 * held, a Ticket Center has been claimed, a cache-proof one rendered, the blocks or the patterns
 * are registered, the block template is searched.
 *
 * Kept here rather than read back from did_action() of the plugin's public actions, which anyone
 * can fire (and a third party firing helpdesky_block_ticket_center_claimed would hide the block).
 *
 * @param string $flag  One of the FLAG_* constants.
 * @param bool   $raise Raise the flag.
 * @return bool Whether the flag was raised before this call.
 */
function request_flag( string $flag, bool $raise = false ): bool {
	$raised     = &raised_request_flags();
	$was_raised = isset( $raised[ $flag ] );
	if ( $raise ) {
		$raised[ $flag ] = true;
	}
	return $was_raised;
}

/**
 * The flags raised in this request (FLAG_* => true), for code that reads several at once.
 *
 * @return array<string, true>
 */
function &raised_request_flags(): array {
	/**
	 * Flags raised in this request.
	 *
	 * @var array<string, true> $raised
	 */
	static $raised = array();
	return $raised;
}

/**
 * Forgets every once-per-request flag, as a new request starts without them (tests).
 *
 * @return void
 */
function reset_request_flags(): void {
	$raised = &raised_request_flags();
	$raised = array();
}

/**
 * Excludes the current response from every page cache the plugin knows, once per request.
 *
 * @return void
 */
function mark_uncacheable(): void {
	if ( request_flag( FLAG_UNCACHEABLE, true ) ) {
		return;
	}

	// The names below belong to the cache plugins that read them, hence no prefix.
	// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals
	// WP Super Cache, W3 Total Cache, WP Rocket, Breeze, Hummingbird, Cache Enabler, Comet Cache,
	// WP-Optimize and SiteGround all honour this constant.
	if ( ! defined( 'DONOTCACHEPAGE' ) ) {
		define( 'DONOTCACHEPAGE', true );
	}
	do_action( 'litespeed_control_set_nocache', 'Helpdesky Ticket Center: the page carries a per-user signature' );
	// WP Fastest Cache ignores DONOTCACHEPAGE.
	do_action( 'wpfc_exclude_current_page' );
	// phpcs:enable WordPress.NamingConventions.PrefixAllGlobals
	if ( function_exists( 'batcache_cancel' ) ) {
		batcache_cancel();
	}

	// Some plugins let settings or other code force caching despite DONOTCACHEPAGE; answer last.
	foreach ( array( 'rocket_override_donotcachepage', 'breeze_override_donotcachepage', 'w3tc_can_cache', 'wpo_can_cache_page' ) as $override ) {
		add_filter( $override, '__return_false', PHP_INT_MAX );
	}

	$headers_sent = send_no_cache_headers();

	if ( is_unprotected_late_render() ) {
		remember_late_render();
	}

	/**
	 * Fires once per request after the page has been excluded from caching.
	 *
	 * Hook here to notify a cache layer the plugin does not know about.
	 *
	 * @since 0.1.0
	 *
	 * @param bool $headers_sent Whether the no-cache headers could still be sent.
	 */
	do_action( UNCACHEABLE_ACTION, $headers_sent ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
}

/**
 * Sends no_cache_headers() unless output has already started.
 *
 * @return bool Whether the headers were sent.
 */
function send_no_cache_headers(): bool {
	$headers  = no_cache_headers();
	$can_send = ! headers_sent();
	if ( $can_send ) {
		foreach ( $headers as $name => $value ) {
			header( $name . ': ' . $value );
		}
		// A validator would let a proxy answer 304 from a stored copy.
		header_remove( 'Last-Modified' );
		header_remove( 'ETag' );
	}

	/**
	 * Fires when the plugin sends its no-cache headers, and also when it would have but output
	 * had already started.
	 *
	 * Useful to log pages whose headers came too late (a block rendered mid-page by code the
	 * plugin could not see), and to observe the headers where PHP cannot send any (tests).
	 *
	 * @since 0.1.0
	 *
	 * @param array<string, string> $headers Header name => value.
	 * @param bool                  $sent    False when output had already started.
	 */
	do_action( NO_CACHE_HEADERS_ACTION, $headers, $can_send ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.

	return $can_send;
}

/**
 * Sends the headers again where WordPress 6.9+ finalizes its template output buffer, when the
 * page was marked while the buffer held the output. Headers may still be sent at that action
 * (the buffer has held every byte); header() replaces, so sending twice is harmless.
 *
 * @return void
 */
function resend_no_cache_headers(): void {
	if ( request_flag( FLAG_UNCACHEABLE ) ) {
		send_no_cache_headers();
	}
}

/**
 * Keeps a classic theme's whole page in memory until the end of the request, when the Ticket
 * Center may render mid-page where early detection could not see it.
 *
 * Why a buffer: PHP sends headers with the first byte of output, and a classic theme prints its
 * header before the content, so by the time a shortcode or page builder renders the block,
 * header() would be too late. A buffer without a chunk size and without the flushable flag holds
 * every byte until PHP ends it at shutdown; until then headers_sent() stays false, so the block's
 * own mark_uncacheable() can still send headers when it renders. Pages the block does not render
 * on come out byte for byte the same, with no headers added; they only reach the visitor in one
 * piece instead of as they are printed. That cost is why this runs only when may_render_late().
 *
 * WordPress 6.9 has such a buffer in core (the template enhancement buffer: unlimited chunk size,
 * not flushable), started when something listens to it; listening is enough there, and a second
 * buffer would only duplicate it.
 *
 * Called on template_include, after early detection and only for classic (PHP) templates: block
 * templates render completely before the first byte is printed.
 *
 * @return void
 */
function hold_output(): void {
	if ( request_flag( FLAG_UNCACHEABLE ) || request_flag( FLAG_HOLDING, true ) ) {
		return;
	}

	if ( function_exists( 'wp_start_template_enhancement_output_buffer' ) ) {
		add_action( 'wp_finalized_template_enhancement_output_buffer', __NAMESPACE__ . '\\resend_no_cache_headers' );
	} else {
		ob_start( __NAMESPACE__ . '\\release_held_output', 0, PHP_OUTPUT_HANDLER_STDFLAGS ^ PHP_OUTPUT_HANDLER_FLUSHABLE );
	}

	/**
	 * Fires when the plugin holds a classic theme's output until the end of the request, so that
	 * no-cache headers still work if the Ticket Center renders mid-page.
	 *
	 * @since 0.1.0
	 */
	do_action( HOLD_ACTION ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
}

/**
 * The held buffer's handler: gives the page back unchanged.
 *
 * A named handler rather than none, so the buffer shows up by name in ob_list_handlers() when
 * someone debugs output buffering. It deliberately does no work: the headers were sent when the
 * block rendered, while this buffer still held the page.
 *
 * @param string $output The page.
 * @return string
 */
function release_held_output( string $output ): string {
	return $output;
}

/**
 * Whether the Ticket Center may render in this classic-theme request where early detection
 * cannot see it, which is when hold_output() is worth its cost.
 *
 * Signals: the block has rendered late on this site before (LATE_RENDER_OPTION), the theme prints
 * block template parts from PHP (block_template_part()), or a main-query post uses a shortcode
 * that is not one of WordPress's own (a shortcode can render any block).
 *
 * @return bool
 */
function may_render_late(): bool {
	$may_render_late = late_render_seen()
		|| current_theme_supports( 'block-template-parts' )
		|| main_query_has_plugin_shortcode();

	/**
	 * Filters whether a classic theme's page is held in memory until the end of the request, so
	 * that the Ticket Center can still send its no-cache headers if it renders mid-page.
	 *
	 * Return true on pages where a page builder or theme code renders the block, false to never
	 * hold a page (headers then depend on early detection alone).
	 *
	 * @since 0.1.0
	 *
	 * @param bool $may_render_late Whether one of the plugin's signals was seen.
	 */
	return (bool) apply_filters( HOLD_FILTER, $may_render_late ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
}

/**
 * Whether the block has rendered late on this site before (LATE_RENDER_OPTION).
 *
 * The plugin stores the option autoloaded (remember_late_render()), so when it exists it came with
 * the options WordPress loads in one query at start-up. Looking there first keeps the usual case
 * free: for an option that was never written, get_option() asks the database again on every page
 * (it only remembers a missing option until the request ends), and this runs on every
 * classic-theme page.
 *
 * @return bool
 */
function late_render_seen(): bool {
	$alloptions = autoloaded_options();
	return isset( $alloptions[ LATE_RENDER_OPTION ] ) && (bool) get_option( LATE_RENDER_OPTION );
}

/**
 * Whether a post of the main query contains a shortcode other than WordPress's and the plugin's own.
 *
 * @return bool
 */
function main_query_has_plugin_shortcode(): bool {
	global $shortcode_tags, $wp_query;

	// The Contact Form's shortcode cannot render the Ticket Center, and the Ticket Center's own is
	// found by early detection (content_needs_protection() reads its instances).
	$tags = array_diff( array_keys( (array) $shortcode_tags ), CORE_SHORTCODES, array( Shortcode\CONTACT_FORM_TAG, Shortcode\TAG ) );
	if ( ! $tags || ! $wp_query instanceof \WP_Query ) {
		return false;
	}

	$pattern = '/' . get_shortcode_regex( $tags ) . '/';
	foreach ( (array) $wp_query->posts as $post ) {
		$post = get_post( $post );
		if ( $post instanceof \WP_Post && false !== strpos( $post->post_content, '[' ) && preg_match( $pattern, $post->post_content ) ) {
			return true;
		}
	}
	return false;
}

/**
 * Whether the page is being marked while a classic (PHP) template prints it, with neither early
 * detection nor held output: the headers are then too late for this response, and the plugin
 * must learn to hold output from now on.
 *
 * @return bool
 */
function is_unprotected_late_render(): bool {
	return did_filter( 'template_include' ) > 0
		&& ! doing_filter( 'template_include' )
		&& empty( $GLOBALS['_wp_current_template_content'] )
		&& ! request_flag( FLAG_HOLDING )
		&& ! did_action( 'wp_template_enhancement_output_buffer_started' );
}

/**
 * Records that the block rendered where its headers came too late (see LATE_RENDER_OPTION).
 *
 * Written once, not on every such request: an autoloaded option read on every classic page.
 *
 * @return void
 */
function remember_late_render(): void {
	if ( ! get_option( LATE_RENDER_OPTION ) ) {
		update_option( LATE_RENDER_OPTION, time(), true );
	}
}
