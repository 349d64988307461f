<?php
/**
 * Base class for the multisite suite: the network that install.php and setup-network.php made
 * (site 1 at example.org/, site 2 at example.org/site-two/, the plugin network-active), and the
 * same per-test rollback as TestCase.
 *
 * A new site creates its own tables, and CREATE TABLE would commit the test's transaction in
 * MariaDB; as in the WordPress test library, the tables a test creates are temporary ones, which
 * a transaction survives and the connection's end removes.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Tests\Integration\TestCase;
use WP_Site;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

abstract class MultisiteTestCase extends TestCase {

	/** The second site, made before the plugin was network-activated. */
	const SITE_TWO_PATH = '/site-two/';

	/** The plugin as WordPress names it. */
	const PLUGIN = 'helpdesky-block/helpdesky-block.php';

	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		if ( ! is_multisite() ) {
			self::fail( 'The multisite suite needs the network: run it with WP_TESTS_MULTISITE=1 (bin/test-php-integration.sh does).' );
		}
	}

	protected function set_up(): void {
		add_filter( 'query', array( self::class, 'create_temporary_tables' ) );
		add_filter( 'query', array( self::class, 'drop_temporary_tables' ) );
	}

	protected function tear_down(): void {
		while ( ms_is_switched() ) {
			restore_current_blog();
		}
	}

	/**
	 * @param string $query SQL.
	 * @return string
	 */
	public static function create_temporary_tables( $query ): string {
		$query = trim( (string) $query );
		return 0 === strpos( $query, 'CREATE TABLE' ) ? substr_replace( $query, 'CREATE TEMPORARY TABLE', 0, 12 ) : $query;
	}

	/**
	 * @param string $query SQL.
	 * @return string
	 */
	public static function drop_temporary_tables( $query ): string {
		$query = trim( (string) $query );
		return 0 === strpos( $query, 'DROP TABLE' ) ? substr_replace( $query, 'DROP TEMPORARY TABLE', 0, 10 ) : $query;
	}

	/**
	 * The ID of site 2.
	 *
	 * @return int
	 */
	protected static function site_two(): int {
		$site = get_site_by_path( WP_TESTS_DOMAIN, self::SITE_TWO_PATH );
		if ( ! $site instanceof WP_Site || '/site-two/' !== $site->path ) {
			self::fail( 'Site 2 is missing; multisite/setup-network.php makes it.' );
		}
		return (int) $site->blog_id;
	}

	/**
	 * A new site of the network, made as Network Admin → Sites → Add New does (wp_insert_site(),
	 * which runs the wp_initialize_site action that builds its tables).
	 *
	 * @param string $slug The site's path below example.org/.
	 * @return int Site ID.
	 */
	protected function create_site( string $slug ): int {
		$site_id = wp_insert_site(
			array(
				'domain'  => WP_TESTS_DOMAIN,
				'path'    => '/' . $slug . '/',
				'title'   => ucfirst( $slug ),
				'user_id' => 1,
			)
		);
		if ( is_wp_error( $site_id ) ) {
			$this->fail( 'wp_insert_site() failed: ' . $site_id->get_error_message() );
		}
		return (int) $site_id;
	}

	/**
	 * A new user who is a member of one site with one role, and of no other site.
	 *
	 * @param int    $site_id Site ID.
	 * @param string $role    Role on that site.
	 * @return int User ID.
	 */
	protected function create_member( int $site_id, string $role ): int {
		// wp_insert_user() gives the role on the current site.
		switch_to_blog( $site_id );
		$user_id = self::factory()->user->create( array( 'role' => $role ) );
		restore_current_blog();
		return $user_id;
	}

	/**
	 * Saves the settings form as wp-admin/options.php does for the current user on the current
	 * site: the Settings API nonce, the capability the option group asks for, the options
	 * register_setting() allowed for the group, then update_option() with the submitted value
	 * (which runs the plugin's sanitize callback).
	 *
	 * @param array<string, mixed> $fields What the form submits as helpdesky_block_settings[…].
	 * @return bool False where options.php would refuse the request (wp_die(), 403).
	 */
	protected function save_through_options_php( array $fields ): bool {
		require_once ABSPATH . 'wp-admin/includes/admin.php';
		Settings\register_settings();
		$option_page = Settings\OPTION_GROUP;

		$_POST = wp_slash(
			array(
				'option_page'     => $option_page,
				'action'          => 'update',
				'_wpnonce'        => wp_create_nonce( $option_page . '-options' ),
				Block\OPTION_NAME => $fields,
			)
		);
		if ( ! wp_verify_nonce( wp_unslash( $_POST['_wpnonce'] ), $option_page . '-options' ) ) {
			return false;
		}
		if ( ! current_user_can( apply_filters( "option_page_capability_{$option_page}", 'manage_options' ) ) ) {
			return false;
		}
		$allowed = option_update_filter( array() );
		if ( ! isset( $allowed[ $option_page ] ) || ! in_array( Block\OPTION_NAME, $allowed[ $option_page ], true ) ) {
			return false;
		}
		update_option( Block\OPTION_NAME, wp_unslash( $_POST[ Block\OPTION_NAME ] ) );
		return true;
	}

	/**
	 * The plugin's option on a site, read from that site's table (no cache).
	 *
	 * @param int $site_id Site ID.
	 * @return array{value: mixed, autoload: string}|null Null when the site has no such option.
	 */
	protected static function stored_option( int $site_id ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT option_value, autoload FROM ' . $wpdb->get_blog_prefix( $site_id ) . 'options WHERE option_name = %s', Block\OPTION_NAME ) ); // phpcs:ignore WordPress.DB -- the site's own table, read past every cache on purpose.
		return null === $row ? null : array(
			'value'    => maybe_unserialize( $row->option_value ),
			'autoload' => (string) $row->autoload,
		);
	}

	/**
	 * Forgets that a Ticket Center has rendered in this request (one per page), so the next
	 * render is a page of its own.
	 */
	protected function next_page(): void {
		unset( $GLOBALS['wp_actions']['helpdesky_block_ticket_center_claimed'] );
		\Helpdesky\Block\reset_request_flags();
	}
}
