<?php
/**
 * The integration stack itself: the WordPress, database and plugin the other tests rely on.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use WP_Block_Type_Registry;

final class PluginLoadsTest extends TestCase {

	public function test_runs_the_wordpress_the_stack_asked_for(): void {
		$version = get_bloginfo( 'version' );

		// bin/wp-version.sh: HELPDESKY_WP_VERSION=6.8 runs 6.8.x, the default 7.1.x; WP_CORE_DIR
		// may point at any other tree.
		$wanted = getenv( 'HELPDESKY_WP_VERSION' );
		if ( false === getenv( 'WP_CORE_DIR' ) ) {
			$branch = false === $wanted || '' === $wanted ? '7.1' : $wanted;
			$this->assertMatchesRegularExpression( '/^' . preg_quote( $branch, '/' ) . '(\.\d+)*$/D', $version );
		}

		$header = get_file_data( \Helpdesky\Block\ROOT_FILE, array( 'requires' => 'Requires at least' ) );
		$this->assertNotSame( '', $header['requires'] );
		$this->assertTrue( version_compare( $version, $header['requires'], '>=' ), "WordPress $version is older than the plugin's Requires at least." );
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

	public function test_registers_every_built_block_from_the_manifest(): void {
		$manifest = \Helpdesky\Block\ROOT_DIR . '/build/blocks-manifest.php';
		$this->assertFileExists( $manifest, 'npm run build writes build/blocks-manifest.php (--blocks-manifest).' );

		$blocks = require $manifest;
		$this->assertArrayHasKey( 'ticket-center', $blocks );
		foreach ( $blocks as $folder => $metadata ) {
			// WordPress read the block from the manifest the plugin registered, not from its block.json.
			$this->assertSame( $metadata, \WP_Block_Metadata_Registry::get_metadata( \Helpdesky\Block\ROOT_DIR . '/build/' . $folder ), $folder );
			$this->assertNotNull( WP_Block_Type_Registry::get_instance()->get_registered( $metadata['name'] ), $metadata['name'] );
		}
	}

	public function test_a_front_end_request_does_not_load_the_site_owner_side(): void {
		// Recorded by bootstrap.php right after WordPress loaded the plugin for this (front-end,
		// command-line) request, before the suite loaded that side for its own tests.
		$this->assertFalse( $GLOBALS[ SITE_OWNER_FILES_LOADED_AT_BOOT ], 'The settings, Site Health, onboarding and privacy code was loaded on a front-end request.' );
		$this->assertFalse( \Helpdesky\Block\is_site_owner_request() );
	}

	public function test_a_front_end_request_loads_the_embed_code_only_with_the_blocks(): void {
		// Recorded by bootstrap.php when WordPress had loaded the plugins, before init.
		$this->assertSame( array(), $GLOBALS[ EMBED_FILES_LOADED_AT_BOOT ], 'A page without the blocks loaded the embed code.' );
		// The suite registered the blocks at init, and the embed code came with them.
		$this->assertTrue( function_exists( 'Helpdesky\\Block\\signed_embed' ) );
		$this->assertTrue( function_exists( 'Helpdesky\\Block\\Contact_Form\\view' ) );
	}

	public function test_admin_screens_cron_runs_and_wp_cli_load_the_site_owner_side(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		set_current_screen( 'dashboard' );
		try {
			$this->assertTrue( \Helpdesky\Block\is_site_owner_request(), 'wp-admin' );
		} finally {
			unset( $GLOBALS['current_screen'] );
		}

		add_filter( 'wp_doing_cron', '__return_true' );
		$this->assertTrue( \Helpdesky\Block\is_site_owner_request(), 'cron' );
	}

	public function test_new_network_sites_are_hooked_on_networks_only(): void {
		// A single site never initializes a new one (NetworkActivationTest covers a network).
		$this->assertFalse( has_action( 'wp_initialize_site', 'Helpdesky\\Block\\initialize_site' ) );
	}

	/**
	 * WordPress's activate_plugin() includes an inactive plugin's file after plugins_loaded; a front-end page
	 * loads active plugins before it and cannot activate one, so it skips plugin_basename().
	 */
	public function test_activation_is_hooked_where_activation_can_happen(): void {
		$plugins_loaded = $GLOBALS['wp_actions']['plugins_loaded'];
		try {
			unset( $GLOBALS['wp_actions']['plugins_loaded'] );
			$this->assertFalse( \Helpdesky\Block\may_activate_in_this_request(), 'a front-end page loading its plugins' );

			add_filter( 'wp_doing_cron', '__return_true' );
			$this->assertTrue( \Helpdesky\Block\may_activate_in_this_request(), 'cron' );
			remove_filter( 'wp_doing_cron', '__return_true' );
		} finally {
			$GLOBALS['wp_actions']['plugins_loaded'] = $plugins_loaded;
		}
		$this->assertTrue( \Helpdesky\Block\may_activate_in_this_request(), 'a file included by activate_plugin()' );
		// This process loaded the plugin as a front-end page does, before plugins_loaded.
		$this->assertFalse( has_action( 'activate_helpdesky-block/helpdesky-block.php', 'Helpdesky\\Block\\activate' ) );
	}
}
