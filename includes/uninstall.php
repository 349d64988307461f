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

use Helpdesky\Block\Sites;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/sites.php';

/** Block\OPTION_NAME. */
const OPTION_NAME = 'helpdesky_block_settings';

/** Block\LATE_RENDER_OPTION, the cache contract's memory of a late render. */
const LATE_RENDER_OPTION = 'helpdesky_block_late_render_seen';

/** Block\LATE_REGISTRATION_OPTION, the memory of a block registered while a template rendered. */
const LATE_REGISTRATION_OPTION = 'helpdesky_block_late_registration_seen';

/** Cache_Purge\NOTICE_TRANSIENT, what activation purged, kept for an hour for its notice. */
const PURGE_NOTICE_TRANSIENT = 'helpdesky_block_cache_purge_notice';

/** Onboarding\DISMISSED_KEY, stored as a per-site user option. */
const DISMISSED_KEY = 'helpdesky_block_onboarding_dismissed';

/**
 * Removes the plugin's data from every site: its options, the activation notice's transient and
 * the users' dismissals.
 *
 * On a network that is every site of every network, a batch of site IDs at a time, so a network
 * of any size is never loaded into memory at once. The plugin keeps nothing network-wide (no
 * network options, no site transients).
 *
 * Constants in wp-config.php, environment variables and the pages that contain the block belong
 * to the site owner and stay.
 *
 * @param int $batch_size Sites per get_sites() query (tests use small batches).
 * @return void
 */
function remove_data( int $batch_size = Sites\BATCH_SIZE ): void {
	if ( ! is_multisite() ) {
		remove_site_data();
		return;
	}

	Sites\each_site( __NAMESPACE__ . '\\remove_site_data', 0, $batch_size );
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
	delete_option( LATE_REGISTRATION_OPTION );
	delete_transient( PURGE_NOTICE_TRANSIENT );
	// update_user_option() prefixes the key with the site's table prefix.
	delete_metadata( 'user', 0, $wpdb->get_blog_prefix() . DISMISSED_KEY, '', true );
}
