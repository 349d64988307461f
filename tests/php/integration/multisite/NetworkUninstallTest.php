<?php
/**
 * Deleting the plugin from a network removes what it stored on every site (options, the users'
 * per-site dismissals) and anything network-wide, a batch of sites at a time, and nothing else.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Onboarding;
use Helpdesky\Block\Uninstall;
use WP_Site_Query;

require_once __DIR__ . '/MultisiteTestCase.php';
require_once dirname( __DIR__, 4 ) . '/includes/uninstall.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class NetworkUninstallTest extends MultisiteTestCase {

	/** @var int[] Every site of the network. */
	private $sites = array();

	/** @var int[] Site => an administrator who dismissed the notice there. */
	private $admins = array();

	protected function set_up(): void {
		parent::set_up();
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$this->configure_helpdesky( null, null );
	}

	/**
	 * Uses the plugin on five sites (sites 1 and 2, three made after network activation) as their
	 * owners would, and leaves data of other plugins next to it.
	 */
	private function use_the_plugin_on_every_site(): void {
		$this->sites = array( 1, self::site_two() );
		foreach ( array( 'three', 'four', 'five' ) as $slug ) {
			$this->sites[] = $this->create_site( $slug );
		}
		$traveller = self::factory()->user->create();
		foreach ( $this->sites as $site_id ) {
			switch_to_blog( $site_id );
			$admin = $this->create_member( $site_id, 'administrator' );
			$this->log_in( $admin );
			$this->assertTrue(
				$this->save_through_options_php(
					array(
						'helpdesk_id' => '123e4567-e89b-12d3-a456-426614174000',
						'secret'      => 'hdh_secret_uninstall_site_' . $site_id,
					)
				)
			);
			Onboarding\dismiss( $admin );
			// One user who dismissed the notice on every site.
			add_user_to_blog( $site_id, $traveller, 'administrator' );
			Onboarding\dismiss( $traveller );
			Block\remember_late_render();
			$this->admins[ $site_id ] = $admin;

			update_option( 'other_plugin_option', 'stays' );
			update_user_option( $admin, 'other_plugin_user_option', 'stays' );
			restore_current_blog();
		}
		$this->log_out();
		update_site_option( 'other_plugin_network_option', 'stays' );
		$this->assertEqualsCanonicalizing( $this->sites, array_map( 'intval', get_sites( array( 'fields' => 'ids' ) ) ), 'The network has other sites.' );
	}

	/**
	 * Every row anywhere in the network's tables whose name mentions the plugin, read past every
	 * cache: each site's options, user meta, network options (sitemeta) and site meta.
	 *
	 * @return string[] "table: name" lines.
	 */
	private function plugin_rows(): array {
		global $wpdb;
		$like = '%' . $wpdb->esc_like( 'helpdesky' ) . '%';
		$rows = array();
		// phpcs:disable WordPress.DB -- reads the tables themselves, on purpose past the caches.
		foreach ( $this->sites as $site_id ) {
			$table = $wpdb->get_blog_prefix( $site_id ) . 'options';
			foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$table} WHERE option_name LIKE %s", $like ) ) as $name ) {
				$rows[] = "{$table}: {$name}";
			}
		}
		$tables = array(
			$wpdb->usermeta => 'meta_key',
			$wpdb->sitemeta => 'meta_key',
			$wpdb->blogmeta => 'meta_key',
		);
		foreach ( $tables as $table => $column ) {
			foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT {$column} FROM {$table} WHERE {$column} LIKE %s", $like ) ) as $name ) {
				$rows[] = "{$table}: {$name}";
			}
		}
		// A network option holding the plugin's data under another name would show its prefix in
		// the value ("helpdesky" alone is in the test network's name and its theme folders).
		$prefixed = '%' . $wpdb->esc_like( 'helpdesky_block' ) . '%';
		foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_value LIKE %s", $prefixed ) ) as $name ) {
			$rows[] = "{$wpdb->sitemeta} value: {$name}";
		}
		// phpcs:enable WordPress.DB
		sort( $rows );
		return $rows;
	}

	private function assert_other_data_stays(): void {
		wp_cache_flush();
		foreach ( $this->sites as $site_id ) {
			$this->assertSame( 'stays', get_blog_option( $site_id, 'other_plugin_option' ), "Site $site_id" );
			switch_to_blog( $site_id );
			$this->assertSame( 'stays', get_user_option( 'other_plugin_user_option', $this->admins[ $site_id ] ), "Site $site_id" );
			$this->assertNotFalse( get_option( 'blogname' ), "Site $site_id" );
			restore_current_blog();
		}
		$this->assertSame( 'stays', get_site_option( 'other_plugin_network_option' ) );
	}

	public function test_remove_data_cleans_every_site_a_batch_at_a_time(): void {
		$this->use_the_plugin_on_every_site();
		// As WordPress does before it runs uninstall.php: deactivate (here network-wide).
		deactivate_plugins( self::PLUGIN, true, true );

		$before = $this->plugin_rows();
		foreach ( $this->sites as $site_id ) {
			$prefix = $GLOBALS['wpdb']->get_blog_prefix( $site_id );
			$this->assertContains( "{$prefix}options: helpdesky_block_settings", $before );
			$this->assertContains( "{$prefix}options: helpdesky_block_late_render_seen", $before );
			$this->assertContains( "{$GLOBALS['wpdb']->usermeta}: {$prefix}helpdesky_block_onboarding_dismissed", $before );
		}

		$queries = array();
		add_action(
			'pre_get_sites',
			static function ( WP_Site_Query $query ) use ( &$queries ): void {
				$queries[] = $query->query_vars;
			}
		);
		Uninstall\remove_data( 2 );

		$this->assertSame( array(), $this->plugin_rows(), 'Uninstall left data of the plugin behind.' );
		$this->assert_other_data_stays();

		// Five sites, two per query: three queries, none for every site at once.
		$batches = array_values(
			array_filter(
				$queries,
				static function ( array $query_vars ): bool {
					return 'ids' === $query_vars['fields'];
				}
			)
		);
		$this->assertSame( array( 0, 2, 4 ), array_column( $batches, 'offset' ) );
		$this->assertSame( array( 2, 2, 2 ), array_column( $batches, 'number' ) );
	}

	public function test_the_default_batch_is_bounded(): void {
		$queries = array();
		add_action(
			'pre_get_sites',
			static function ( WP_Site_Query $query ) use ( &$queries ): void {
				$queries[] = $query->query_vars;
			}
		);
		Uninstall\remove_data();

		$this->assertNotEmpty( $queries );
		foreach ( $queries as $query_vars ) {
			$this->assertSame( \Helpdesky\Block\Sites\BATCH_SIZE, $query_vars['number'] );
		}
	}

	/**
	 * As WordPress runs it: Network Admin → Plugins → Delete calls uninstall_plugin(), which
	 * defines WP_UNINSTALL_PLUGIN (a constant, hence a process of its own) and includes
	 * uninstall.php.
	 *
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_deleting_the_plugin_from_the_network_removes_its_data_from_every_site(): void {
		$this->use_the_plugin_on_every_site();
		deactivate_plugins( self::PLUGIN, true, true );
		$this->assertNotSame( array(), $this->plugin_rows() );

		uninstall_plugin( self::PLUGIN );

		$this->assertTrue( defined( 'WP_UNINSTALL_PLUGIN' ), 'WordPress did not run uninstall.php.' );
		$this->assertSame( array(), $this->plugin_rows(), 'Uninstall left data of the plugin behind.' );
		$this->assert_other_data_stays();
	}
}
