<?php
/**
 * Visiting every site of a network, a batch at a time: network activation prepares each site,
 * uninstall cleans each site.
 *
 * Loaded by settings.php and by uninstall.php (when the plugin itself is not loaded), so it
 * depends on nothing else of the plugin.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Sites;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** How many sites one get_sites() query fetches. */
const BATCH_SIZE = 100;

/**
 * Runs $on_site once for each site, switched to that site.
 *
 * Fetches site IDs only (no site objects, no site meta), a batch at a time, and after each batch
 * drops what switching cached in memory (each site's options; a persistent object cache keeps its
 * data), so a network of any size never sits in memory at once.
 *
 * @param callable $on_site    Called with no arguments while switched to a site.
 * @param int      $network_id Only the sites of this network; 0 for every network.
 * @param int      $batch_size Sites per get_sites() query.
 * @return void
 */
function each_site( callable $on_site, int $network_id = 0, int $batch_size = BATCH_SIZE ): void {
	$batch_size = max( 1, $batch_size );
	$offset     = 0;
	do {
		$query = array(
			'fields'                 => 'ids',
			'number'                 => $batch_size,
			'offset'                 => $offset,
			'orderby'                => 'id',
			'update_site_meta_cache' => false,
		);
		if ( $network_id > 0 ) {
			$query['network_id'] = $network_id;
		}
		$site_ids = get_sites( $query );

		foreach ( $site_ids as $site_id ) {
			switch_to_blog( (int) $site_id );
			$on_site();
			restore_current_blog();
		}
		$offset    += $batch_size;
		$more_sites = count( $site_ids ) === $batch_size;

		if ( wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		}
	} while ( $more_sites );
}
