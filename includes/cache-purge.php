<?php
/**
 * Purging page caches that stored a page before the plugin could opt it out.
 *
 * The opt-out (cache.php, detection.php) works while a page renders. A page cache answers from
 * what it stored before WordPress or any plugin loads, so a signed Support page stored earlier (the
 * hand-made embed of the guide's page template, or a published page that just gained the block)
 * goes on being served to everyone until the cache forgets it. So the plugin asks the page caches
 * it knows to purge: everything when it is activated, and when a published page, synced pattern or
 * template newly contains a Ticket Center. Each through the cache plugin's own public entry point,
 * only while that plugin is active. Loaded only in the requests that need it: activation and saves
 * (admin, REST, cron, WP-CLI), never on a front-end page view.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Cache_Purge;

use Helpdesky\Block;
use WP_Post;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Short-lived per-site transient: what activation purged, for the notice on the next admin
 * screen. Holds cache plugin names only.
 */
const NOTICE_TRANSIENT = 'helpdesky_block_cache_purge_notice';

/** Fired after the plugin asked the page caches to purge. */
const PURGED_ACTION = 'helpdesky_block_page_caches_purged';

/** Post types whose content can put the Ticket Center on pages the plugin cannot list. */
const SHARED_CONTENT_TYPES = array( 'wp_block', 'wp_template', 'wp_template_part' );

/**
 * Registers the activation notice, once. (The save hook lives in namespace.php, which loads this
 * file when a post is saved.)
 *
 * @return void
 */
function bootstrap(): void {
	if ( has_action( 'admin_notices', __NAMESPACE__ . '\\activation_notice' ) ) {
		return;
	}
	add_action( 'admin_notices', __NAMESPACE__ . '\\activation_notice' );
	add_action( 'network_admin_notices', __NAMESPACE__ . '\\activation_notice' );
}

/**
 * The page caches the plugin knows and their public purge entry points.
 *
 * Each entry point is checked in the cache plugin's public source or documentation:
 * - WP Super Cache: wp_cache_clear_cache( $blog_id ) (wp-cache-phase2.php; a site's ID clears that
 *   site, 0 every site).
 *   Its per-URL purge (wpsc_delete_url_cache()) prunes the anonymous "supercache" files only, not
 *   the files it stores for signed-in users, so a post purges the site's cache too.
 * - W3 Total Cache: w3tc_flush_all() and w3tc_flush_post( $post_id ) (w3-total-cache-api.php).
 * - WP Rocket: rocket_clean_domain() (inc/functions/files.php) and rocket_clean_post( $post_id )
 *   (inc/common/purge.php).
 * - LiteSpeed Cache: the actions litespeed_purge_all and litespeed_purge_post with a post ID
 *   (src/api.cls.php registers both).
 * - Cache Enabler: the actions cache_enabler_clear_site_cache, cache_enabler_clear_complete_cache
 *   (every site) and cache_enabler_clear_page_cache_by_post with a post ID
 *   (inc/cache_enabler.class.php, "public clear cache hooks").
 * - WP Fastest Cache: wpfc_clear_all_cache() and wpfc_clear_post_cache_by_id( $post_id )
 *   (wpFastestCache.php).
 * - Comet Cache: comet_cache::clear() for the current site and comet_cache::clearPost( $post_id )
 *   (src/includes/classes/ApiBase.php, aliased as comet_cache).
 *
 * An entry point is a function name, array( class, method ), or array( 'action', hook name ): 'all'
 * purges the current site, 'network' every site of the installation where the plugin offers that,
 * 'post' one post's pages.
 *
 * @return array<string, array{name: string, plugins: string[], all: string|array{string, string}, network: string|array{string, string}|null, post: string|array{string, string}|null}>
 */
function known_page_caches(): array {
	return array(
		'wp-super-cache'   => array(
			'name'    => 'WP Super Cache',
			'plugins' => array( 'wp-super-cache/wp-cache.php' ),
			'all'     => 'wp_cache_clear_cache',
			'network' => 'wp_cache_clear_cache',
			'post'    => null,
		),
		'w3-total-cache'   => array(
			'name'    => 'W3 Total Cache',
			'plugins' => array( 'w3-total-cache/w3-total-cache.php' ),
			'all'     => 'w3tc_flush_all',
			'network' => null,
			'post'    => 'w3tc_flush_post',
		),
		'wp-rocket'        => array(
			'name'    => 'WP Rocket',
			'plugins' => array( 'wp-rocket/wp-rocket.php' ),
			'all'     => 'rocket_clean_domain',
			'network' => null,
			'post'    => 'rocket_clean_post',
		),
		'litespeed-cache'  => array(
			'name'    => 'LiteSpeed Cache',
			'plugins' => array( 'litespeed-cache/litespeed-cache.php' ),
			'all'     => array( 'action', 'litespeed_purge_all' ),
			'network' => null,
			'post'    => array( 'action', 'litespeed_purge_post' ),
		),
		'cache-enabler'    => array(
			'name'    => 'Cache Enabler',
			'plugins' => array( 'cache-enabler/cache-enabler.php' ),
			'all'     => array( 'action', 'cache_enabler_clear_site_cache' ),
			'network' => array( 'action', 'cache_enabler_clear_complete_cache' ),
			'post'    => array( 'action', 'cache_enabler_clear_page_cache_by_post' ),
		),
		'wp-fastest-cache' => array(
			'name'    => 'WP Fastest Cache',
			'plugins' => array( 'wp-fastest-cache/wpFastestCache.php' ),
			'all'     => 'wpfc_clear_all_cache',
			'network' => null,
			'post'    => 'wpfc_clear_post_cache_by_id',
		),
		'comet-cache'      => array(
			'name'    => 'Comet Cache',
			'plugins' => array( 'comet-cache/comet-cache.php', 'comet-cache-pro/comet-cache-pro.php' ),
			'all'     => array( 'comet_cache', 'clear' ),
			'network' => null,
			'post'    => array( 'comet_cache', 'clearPost' ),
		),
	);
}

/**
 * Whether one of the plugin files is active on this site or network-active.
 *
 * Read from the options rather than with is_plugin_active(), which lives in wp-admin and is not
 * loaded in REST or cron requests.
 *
 * @param string[] $plugins Plugin basenames.
 * @return bool
 */
function is_any_plugin_active( array $plugins ): bool {
	$active = (array) get_option( 'active_plugins', array() );
	if ( is_multisite() ) {
		$active = array_merge( $active, array_keys( (array) get_site_option( 'active_sitewide_plugins', array() ) ) );
	}
	return (bool) array_intersect( $plugins, array_filter( $active, 'is_string' ) );
}

/**
 * Whether an entry point can be called in this request (its plugin has loaded it).
 *
 * @param string|array{string, string} $entry See known_page_caches().
 * @return bool
 */
function is_available( $entry ): bool {
	if ( is_array( $entry ) && 'action' === $entry[0] ) {
		return false !== has_action( $entry[1] );
	}
	return is_callable( $entry );
}

/**
 * Calls an entry point.
 *
 * @param string|array{string, string} $entry See known_page_caches().
 * @param mixed                        ...$args Arguments.
 * @return void
 */
function call_entry( $entry, ...$args ): void {
	if ( is_array( $entry ) && 'action' === $entry[0] && '' !== $entry[1] ) {
		// The cache plugins' own hook names, hence no prefix.
		do_action( $entry[1], ...$args ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- another cache plugin's own purge action, named in known_page_caches().
		return;
	}
	if ( is_callable( $entry ) ) {
		call_user_func_array( $entry, array_values( $args ) );
	}
}

/**
 * The known page caches that are active here and whose purge can be called, by key.
 *
 * @return array<string, array{name: string, plugins: string[], all: string|array{string, string}, network: string|array{string, string}|null, post: string|array{string, string}|null}>
 */
function active_page_caches(): array {
	$active = array();
	foreach ( known_page_caches() as $key => $cache ) {
		if ( is_any_plugin_active( $cache['plugins'] ) && is_available( $cache['all'] ) ) {
			$active[ $key ] = $cache;
		}
	}
	return $active;
}

/**
 * Purges the whole page cache of this site, or of every site, in each active known cache plugin.
 *
 * @param bool $every_site Every site of the installation where the cache plugin can (network
 *                         activation); else this site.
 * @return string[] Names of the cache plugins asked to purge.
 */
function purge_all( bool $every_site = false ): array {
	$purged = array();
	foreach ( active_page_caches() as $cache ) {
		purge_everything( $cache, $every_site );
		$purged[] = $cache['name'];
	}
	purged( $purged, 0 );
	return $purged;
}

/**
 * Asks one cache plugin to purge everything it stored for this site, or for every site.
 *
 * @param array{all: string|array{string, string}, network: string|array{string, string}|null} $cache An entry of known_page_caches().
 * @param bool                                                                                 $every_site See purge_all().
 * @return void
 */
function purge_everything( array $cache, bool $every_site ): void {
	if ( $every_site && null !== $cache['network'] && is_available( $cache['network'] ) ) {
		// WP Super Cache clears every site for blog ID 0; Cache Enabler's action takes nothing.
		call_entry( $cache['network'], ...( 'wp_cache_clear_cache' === $cache['network'] ? array( 0 ) : array() ) );
		return;
	}
	if ( 'wp_cache_clear_cache' === $cache['all'] ) {
		// WP Super Cache: this site's files on a network; on a single site, 0 is the site.
		call_entry( $cache['all'], is_multisite() ? get_current_blog_id() : 0 );
		return;
	}
	call_entry( $cache['all'] );
}

/**
 * Purges one post's pages where the cache plugin can, else its whole cache.
 *
 * @param int $post_id Post ID.
 * @return string[] Names of the cache plugins asked to purge.
 */
function purge_post( int $post_id ): array {
	$purged = array();
	foreach ( active_page_caches() as $cache ) {
		if ( null !== $cache['post'] && is_available( $cache['post'] ) ) {
			call_entry( $cache['post'], $post_id );
		} else {
			purge_everything( $cache, false );
		}
		$purged[] = $cache['name'];
	}
	purged( $purged, $post_id );
	return $purged;
}

/**
 * Announces a purge.
 *
 * @param string[] $purged  Names of the cache plugins asked to purge.
 * @param int      $post_id The post whose pages were purged, 0 for everything.
 * @return void
 */
function purged( array $purged, int $post_id ): void {
	/**
	 * Fires after the plugin asked the page caches it knows to purge: on activation and when a
	 * published page, synced pattern or template newly contains a Ticket Center.
	 *
	 * Hook here to purge a cache layer the plugin does not know about (a CDN, a proxy).
	 *
	 * @since 0.1.0
	 *
	 * @param string[] $purged  Names of the cache plugins asked to purge.
	 * @param int      $post_id The post whose pages were purged, 0 when everything was.
	 */
	do_action( PURGED_ACTION, $purged, $post_id ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
}

/**
 * Whether the site shows signs of a page cache: the WP_CACHE constant or an advanced-cache.php
 * drop-in, which every disk page-cache plugin installs.
 *
 * @return bool
 */
function has_page_cache_signs(): bool {
	return ( defined( 'WP_CACHE' ) && WP_CACHE ) || file_exists( WP_CONTENT_DIR . '/advanced-cache.php' );
}

/**
 * On activation: purges the active page caches and leaves a note for the next admin screen.
 *
 * Network-activated, the purge runs once, in the network admin's request: WP Super Cache and
 * Cache Enabler purge every site there, the others the site they run on. Switching to each site
 * would not reach further: the cache plugins loaded in this request are the ones active here,
 * with their state for this site. The notice then asks the network admin to purge the other
 * sites' caches by hand.
 *
 * @param bool|mixed $network_wide Whether the plugin is being network-activated.
 * @return void
 */
function activate( $network_wide = false ): void {
	$network_wide = (bool) $network_wide && is_multisite();
	$purged       = purge_all( $network_wide );
	set_transient(
		NOTICE_TRANSIENT,
		array(
			'purged'       => $purged,
			'by_hand'      => ! $purged && has_page_cache_signs(),
			'network_wide' => $network_wide,
		),
		// An hour: until the Plugins screen, where activation returns, has shown it.
		3600
	);
}

/**
 * The activation notice's text, or '' when there is nothing to say.
 *
 * @param mixed $note The transient's value.
 * @return string
 */
function notice_text( $note ): string {
	if ( ! is_array( $note ) ) {
		return '';
	}
	$purged = isset( $note['purged'] ) && is_array( $note['purged'] ) ? array_filter( $note['purged'], 'is_string' ) : array();
	$text   = '';
	if ( $purged ) {
		$text = sprintf(
			/* translators: %s: cache plugin names, e.g. "W3 Total Cache, WP Rocket". */
			__( 'Helpdesky Ticket Center Block purged the page cache of %s, so that no page stored before activation (a Support page with a signed embed, for instance) is served to other visitors.', 'helpdesky-block' ),
			implode( ', ', $purged )
		);
	} elseif ( ! empty( $note['by_hand'] ) ) {
		$text = __( 'Purge your page cache by hand: this site has a page cache (WP_CACHE or wp-content/advanced-cache.php) that Helpdesky Ticket Center Block cannot purge itself, and a page it stored before activation (a Support page with a signed embed, for instance) would be served to other visitors. Purge proxy and CDN caches too.', 'helpdesky-block' );
	}
	if ( '' !== $text && ! empty( $note['network_wide'] ) ) {
		$text .= ' ' . __( 'Cache plugins that purge one site at a time purged this site only: purge the page caches of the network\'s other sites by hand.', 'helpdesky-block' );
	}
	return $text;
}

/**
 * Shows what activation purged, once, to a user who can manage plugins.
 *
 * @return void
 */
function activation_notice(): void {
	if ( ! current_user_can( 'activate_plugins' ) ) {
		return;
	}
	$note = get_transient( NOTICE_TRANSIENT );
	if ( false === $note ) {
		return;
	}
	delete_transient( NOTICE_TRANSIENT );
	$text = notice_text( $note );
	if ( '' === $text ) {
		return;
	}
	$purged = is_array( $note ) && ! empty( $note['purged'] );
	printf(
		'<div class="notice %1$s is-dismissible"><p>%2$s</p></div>',
		esc_attr( $purged ? 'notice-info' : 'notice-warning' ),
		esc_html( $text )
	);
}

/**
 * Whether a post, as published, shows a Ticket Center that caches must not store. Drafts,
 * private and password-protected posts are never in a page cache.
 *
 * @param WP_Post|null $post The post.
 * @return bool
 */
function published_with_block( ?WP_Post $post ): bool {
	return $post instanceof WP_Post
		&& 'publish' === $post->post_status
		&& '' === $post->post_password
		&& Block\content_needs_protection( $post->post_content );
}

/**
 * On wp_after_insert_post: purges when a published page, synced pattern or template newly shows
 * a Ticket Center (added to it, or published with it). Until then the caches hold the page as it
 * was, which for a site moving from the guide's page template is a page with someone's signed
 * embed, served to everyone. For a post, its own pages where the cache can purge a post; for a
 * synced pattern or template, which appear on pages no one can list, everything.
 *
 * @param int|mixed          $post_id     Post ID.
 * @param WP_Post|mixed      $post        The post as saved.
 * @param bool|mixed         $update      Whether this updated an existing post.
 * @param WP_Post|null|mixed $post_before The post before the update, null for a new post.
 * @return void
 */
function purge_when_block_added( $post_id, $post, $update = false, $post_before = null ): void {
	if ( ! $post instanceof WP_Post || wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) ) {
		return;
	}
	if ( ! published_with_block( $post ) || published_with_block( $post_before instanceof WP_Post ? $post_before : null ) ) {
		return;
	}
	if ( in_array( $post->post_type, SHARED_CONTENT_TYPES, true ) ) {
		purge_all();
		return;
	}
	if ( is_post_type_viewable( $post->post_type ) ) {
		purge_post( $post->ID );
	}
}
