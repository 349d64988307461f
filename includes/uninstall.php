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

/**
 * Removes the plugin's data from every site: its options and the users' dismissals.
 *
 * Constants in wp-config.php, environment variables and the pages that contain the block belong
 * to the site owner and stay.
 *
 * @return void
 */
function remove_data(): void {
	if ( ! is_multisite() ) {
		remove_site_data();
		return;
	}

	$site_ids = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $site_ids as $site_id ) {
		switch_to_blog( (int) $site_id );
		remove_site_data();
		restore_current_blog();
	}
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
