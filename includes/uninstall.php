<?php
/**
 * What uninstall.php removes, as a function the tests can call in the same process.
 *
 * Loaded only by uninstall.php, when the plugin itself is not loaded, so it repeats the names
 * it needs instead of reading them from the plugin (a test checks that they match).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Uninstall;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Block\OPTION_NAME. */
const OPTION_NAME = 'helpdesky_block_settings';

/** Block\LATE_RENDER_OPTION, the cache contract's memory of a late render. */
const LATE_RENDER_OPTION = 'helpdesky_block_late_render_seen';

/** Onboarding\DISMISSED_KEY, stored as a per-site user option. */
const DISMISSED_KEY = 'helpdesky_block_onboarding_dismissed';

/** How many sites one get_sites() query fetches. */
const SITES_PER_BATCH = 100;

/**
 * Removes the plugin's data from every site: its options and the users' dismissals.
 *
 * On a network that is every site of every network, a batch of site IDs at a time, so a network
 * of any size is never loaded into memory at once. The plugin keeps nothing network-wide (no
 * network options, no transients).
 *
 * Constants in wp-config.php, environment variables and the pages that contain the block belong
 * to the site owner and stay.
 *
 * @param int $batch_size Sites per get_sites() query (tests use small batches).
 * @return void
 */
function remove_data( int $batch_size = SITES_PER_BATCH ): void {
	if ( ! is_multisite() ) {
		remove_site_data();
		return;
	}

	$batch_size = max( 1, $batch_size );
	$offset     = 0;
	do {
		// Site IDs only: no site objects, no site meta. Deleting options does not change the list.
		$site_ids = get_sites(
			array(
				'fields'                 => 'ids',
				'number'                 => $batch_size,
				'offset'                 => $offset,
				'orderby'                => 'id',
				'update_site_meta_cache' => false,
			)
		);
		foreach ( $site_ids as $site_id ) {
			switch_to_blog( (int) $site_id );
			remove_site_data();
			restore_current_blog();
		}
		$offset    += $batch_size;
		$more_sites = count( $site_ids ) === $batch_size;

		// Each site's options stay in the request's memory cache after switching back; drop
		// them batch by batch (only the in-memory copies: a persistent cache keeps its data).
		if ( wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		}
	} while ( $more_sites );
}

/**
 * Removes the current site's data.
 *
 * @return void
 */
function remove_site_data(): void {
	/**
	 * WordPress's database object.
	 *
	 * @var \wpdb $wpdb
	 */
	global $wpdb;

	delete_option( OPTION_NAME );
	delete_option( LATE_RENDER_OPTION );
	// update_user_option() prefixes the key with the site's table prefix.
	delete_metadata( 'user', 0, $wpdb->get_blog_prefix() . DISMISSED_KEY, '', true );
}
