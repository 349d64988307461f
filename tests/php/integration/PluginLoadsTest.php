<?php
/**
 * The integration stack itself: the WordPress, database and plugin the other tests rely on.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use WP_Block_Type_Registry;

final class PluginLoadsTest extends TestCase {

	public function test_runs_wordpress_6_8(): void {
		$this->assertMatchesRegularExpression( '/^6\.8(\.\d+)?$/', get_bloginfo( 'version' ) );
	}

	public function test_stores_data_in_mariadb(): void {
		global $wpdb;
		$this->assertStringContainsString( 'MariaDB', $wpdb->get_var( 'SELECT VERSION()' ) );
		$this->assertSame( 'wptests_', $wpdb->prefix );
	}

	public function test_loads_the_plugin_as_wp_content_plugins_helpdesky_block(): void {
		$this->assertTrue( defined( 'Helpdesky\Block\ROOT_FILE' ), 'helpdesky-block.php was not loaded.' );
		$this->assertSame( 'helpdesky-block/helpdesky-block.php', plugin_basename( \Helpdesky\Block\ROOT_FILE ) );
		$this->assertSame(
			'http://example.org/wp-content/plugins/helpdesky-block/build/ticket-center/index.js',
			plugins_url( 'build/ticket-center/index.js', \Helpdesky\Block\ROOT_FILE )
		);
	}

	public function test_registers_the_ticket_center_block_from_the_build(): void {
		$block = WP_Block_Type_Registry::get_instance()->get_registered( 'helpdesky/ticket-center' );

		$this->assertNotNull( $block, 'helpdesky/ticket-center is not registered; is build/ticket-center/block.json there?' );
		$this->assertTrue( $block->is_dynamic() );
		$this->assertNotEmpty( $block->editor_script_handles );
	}
}
