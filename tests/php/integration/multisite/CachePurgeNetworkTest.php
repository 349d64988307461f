<?php
/**
 * Purging page caches on a network (cache-purge.php): network activation asks the cache plugins
 * that can purge every site to do so and the others to purge the current site, and tells the
 * network admin to purge the other sites by hand; activation on one site purges that site only.
 * The cache plugins' public purge functions are stand-ins that record their calls.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Cache_Purge;
use Helpdesky\Block\Tests\Integration\Purge_Calls;

require_once __DIR__ . '/MultisiteTestCase.php';
require_once dirname( __DIR__ ) . '/fixtures/cache-purge-stand-ins.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class CachePurgeNetworkTest extends MultisiteTestCase {

	protected function set_up(): void {
		parent::set_up();
		Block\load_cache_purge();
		// Cache Enabler purges through actions it hooks when it loads.
		foreach ( array( 'cache_enabler_clear_site_cache', 'cache_enabler_clear_complete_cache' ) as $action ) {
			add_action(
				$action,
				static function () use ( $action ) {
					Purge_Calls::record( $action );
				}
			);
		}
		// Network-active, next to helpdesky-block itself.
		$plugins = (array) get_site_option( 'active_sitewide_plugins', array() );
		foreach ( array( 'wp-super-cache/wp-cache.php', 'cache-enabler/cache-enabler.php', 'w3-total-cache/w3-total-cache.php' ) as $plugin ) {
			$plugins[ $plugin ] = time();
		}
		update_site_option( 'active_sitewide_plugins', $plugins );
		delete_transient( Cache_Purge\NOTICE_TRANSIENT );
		Purge_Calls::$calls = array();
	}

	public function test_network_activation_purges_every_site_where_the_cache_plugin_can(): void {
		Block\activate( true );

		$calls = Purge_Calls::$calls;
		sort( $calls );
		$this->assertSame( array( 'cache_enabler_clear_complete_cache', 'w3tc_flush_all', 'wp_cache_clear_cache:0' ), $calls );
		$this->assertStringContainsString( 'other sites by hand', Cache_Purge\notice_text( get_transient( Cache_Purge\NOTICE_TRANSIENT ) ) );
	}

	public function test_activation_on_one_site_purges_that_site_only(): void {
		switch_to_blog( (int) get_blog_id_from_url( (string) get_network()->domain, self::SITE_TWO_PATH ) );

		Block\activate( false );

		$calls = Purge_Calls::$calls;
		sort( $calls );
		$this->assertSame( array( 'cache_enabler_clear_site_cache', 'w3tc_flush_all', 'wp_cache_clear_cache:' . get_current_blog_id() ), $calls );
		$this->assertNotSame( 1, get_current_blog_id() );
		$this->assertStringNotContainsString( 'other sites', Cache_Purge\notice_text( get_transient( Cache_Purge\NOTICE_TRANSIENT ) ) );
	}
}
