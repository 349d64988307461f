<?php
/**
 * Network activation: WordPress loads the plugin for every site, the block renders on each,
 * every site (those that existed and those added later) gets its autoloaded option, and each
 * site's administrators get the onboarding notice for their own site.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Onboarding;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Tests\Integration\OwnerTestHelpers;
use WP_Block_Type_Registry;
use WP_HTML_Tag_Processor;
use WP_Site_Query;

require_once __DIR__ . '/MultisiteTestCase.php';
require_once dirname( __DIR__ ) . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class NetworkActivationTest extends MultisiteTestCase {

	use OwnerTestHelpers;

	protected function set_up(): void {
		parent::set_up();
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$this->configure_helpdesky( null, null );
	}

	public function test_new_network_sites_are_hooked_on_every_request(): void {
		$this->assertSame( 100, has_action( 'wp_initialize_site', 'Helpdesky\\Block\\initialize_site' ) );
	}

	public function test_wordpress_loads_the_plugin_because_it_is_network_active(): void {
		$this->assertTrue( is_plugin_active_for_network( self::PLUGIN ) );
		foreach ( array( 1, self::site_two() ) as $site_id ) {
			switch_to_blog( $site_id );
			$this->assertNotContains( self::PLUGIN, (array) get_option( 'active_plugins', array() ), "Site $site_id activates it on its own." );
			$this->assertTrue( is_plugin_active( self::PLUGIN ), "Site $site_id does not see it active." );
			restore_current_blog();
		}
		$this->assertContains( WP_PLUGIN_DIR . '/' . self::PLUGIN, wp_get_active_network_plugins() );
		$this->assertTrue( defined( 'Helpdesky\Block\ROOT_FILE' ), 'WordPress did not load helpdesky-block.php.' );
		$this->assertSame( self::PLUGIN, plugin_basename( Block\ROOT_FILE ) );
		$this->assertTrue( WP_Block_Type_Registry::get_instance()->is_registered( Block\BLOCK_NAME ) );
	}

	public function test_network_activation_created_the_autoloaded_option_on_every_site_that_existed(): void {
		// multisite/setup-network.php made site 2, then network-activated the plugin.
		foreach ( array( 1, self::site_two() ) as $site_id ) {
			$option = self::stored_option( $site_id );
			$this->assertNotNull( $option, "Site $site_id has no option: each page with the block would cost it a query." );
			$this->assertSame( 'on', $option['autoload'], "Site $site_id" );
		}
	}

	public function test_activate_plugin_network_wide_prepares_every_site_a_batch_at_a_time(): void {
		deactivate_plugins( self::PLUGIN, true, true );
		// Made while the plugin is not network-active: nothing of the plugin's runs for it.
		$three = $this->create_site( 'three' );
		$this->assertNull( self::stored_option( $three ), 'A site added while the plugin is not network-active got its option.' );
		foreach ( array( 1, self::site_two() ) as $site_id ) {
			switch_to_blog( $site_id );
			delete_option( Block\OPTION_NAME );
			restore_current_blog();
		}
		$queries = array();
		add_action(
			'pre_get_sites',
			static function ( WP_Site_Query $query ) use ( &$queries ): void {
				$queries[] = $query->query_vars;
			}
		);

		$this->assertNull( activate_plugin( self::PLUGIN, '', true ) );

		$this->assertTrue( is_plugin_active_for_network( self::PLUGIN ) );
		foreach ( array( 1, self::site_two(), $three ) as $site_id ) {
			$option = self::stored_option( $site_id );
			$this->assertNotNull( $option, "Site $site_id has no option after network activation." );
			$this->assertSame( 'on', $option['autoload'] );
		}
		$this->assertContains( \Helpdesky\Block\Sites\BATCH_SIZE, array_column( $queries, 'number' ), 'Sites are fetched in batches.' );
		foreach ( $queries as $query_vars ) {
			$this->assertGreaterThan( 0, (int) $query_vars['number'], 'A query fetched every site at once.' );
		}
	}

	public function test_activating_on_one_site_of_the_network_prepares_that_site_only(): void {
		deactivate_plugins( self::PLUGIN, true, true );
		$three = $this->create_site( 'three' );
		switch_to_blog( self::site_two() );
		delete_option( Block\OPTION_NAME );

		$this->assertNull( activate_plugin( self::PLUGIN ) );

		$this->assertTrue( is_plugin_active( self::PLUGIN ) );
		restore_current_blog();
		$this->assertNotNull( self::stored_option( self::site_two() ) );
		$this->assertNull( self::stored_option( $three ) );
	}

	public function test_a_site_added_after_network_activation_gets_its_option_and_the_block(): void {
		$three = $this->create_site( 'three' );

		$option = self::stored_option( $three );
		$this->assertNotNull( $option, 'The new site has no option.' );
		$this->assertSame( 'on', $option['autoload'] );

		switch_to_blog( $three );
		$this->assertTrue( is_plugin_active( self::PLUGIN ) );
		$this->assertTrue( $this->save_through_as_administrator( $three ) );
		$member = self::factory()->user->create_and_get(
			array(
				'role'       => 'subscriber',
				'user_email' => 'Member.Three@Example.org',
			)
		);
		$this->log_in( $member );
		$script = $this->script_tag( do_blocks( '<!-- wp:helpdesky/ticket-center /-->' ) );
		$this->assertSame( self::$helpdesk_id, $script['data-helpdesk-id'] );
		$this->assertSame( 'member.three@example.org', $script['data-email'] );
		$this->assertSame( hash_hmac( 'sha256', 'member.three@example.org', self::$secret ), $script['data-signature'] );
	}

	public function test_the_block_renders_on_every_site_with_that_sites_login_link(): void {
		$sites           = array(
			1                => 'http://example.org/wp-login.php',
			self::site_two() => 'http://example.org/site-two/wp-login.php',
		);
		$three           = $this->create_site( 'three' );
		$sites[ $three ] = 'http://example.org/three/wp-login.php';

		foreach ( $sites as $site_id => $login_url ) {
			switch_to_blog( $site_id );
			$this->next_page();
			$html = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
			restore_current_blog();

			$tags = new WP_HTML_Tag_Processor( $html );
			$this->assertTrue( $tags->next_tag( array( 'class_name' => 'wp-block-helpdesky-ticket-center' ) ), "Site $site_id did not render the block:\n$html" );
			$this->assertTrue( $tags->next_tag( 'a' ), "Site $site_id: no login link:\n$html" );
			$this->assertStringStartsWith( $login_url . '?redirect_to=', (string) $tags->get_attribute( 'href' ), "Site $site_id" );
		}
	}

	public function test_each_sites_administrators_get_the_onboarding_notice_for_their_own_site(): void {
		$three  = $this->create_site( 'three' );
		$admins = array();
		foreach ( array( 1, self::site_two(), $three ) as $site_id ) {
			$admins[ $site_id ] = $this->create_member( $site_id, 'administrator' );
		}

		foreach ( $admins as $site_id => $admin ) {
			switch_to_blog( $site_id );
			$this->enter_admin( 'dashboard' );
			$this->log_in( $admin );
			$html = $this->notice();
			$this->assertStringContainsString( 'Helpdesky Ticket Center is active.', $html, "Site $site_id: its administrator sees no notice." );
			$this->assertStringContainsString( esc_url( get_admin_url( $site_id, 'options-general.php?page=helpdesky-block' ) ), $html, "Site $site_id: the notice links to another site's settings." );
			$this->assertStringContainsString( esc_url( get_admin_url( $site_id, 'admin-post.php' ) ), $html );

			// Editors and subscribers of the site, and administrators of the other sites, do not.
			$this->log_in( $this->create_member( $site_id, 'editor' ) );
			$this->assertSame( '', $this->notice(), "Site $site_id: an editor sees the notice." );
			foreach ( $admins as $other_site => $other_admin ) {
				if ( $other_site !== $site_id ) {
					$this->log_in( $other_admin );
					$this->assertSame( '', $this->notice(), "Site $site_id: the administrator of site $other_site sees its notice." );
				}
			}
			restore_current_blog();
		}
	}

	public function test_dismissing_the_notice_on_one_site_keeps_it_on_the_others(): void {
		$admin = $this->create_member( 1, 'administrator' );
		add_user_to_blog( self::site_two(), $admin, 'administrator' );
		$this->log_in( $admin );
		$this->enter_admin( 'dashboard' );

		switch_to_blog( self::site_two() );
		Onboarding\dismiss( $admin );
		$this->assertSame( '', $this->notice() );
		restore_current_blog();

		$this->assertFalse( Onboarding\is_dismissed( $admin ) );
		$this->assertStringContainsString( 'Helpdesky Ticket Center is active.', $this->notice() );
	}

	/**
	 * The onboarding notice as the current user sees it on the current site's dashboard.
	 *
	 * @return string
	 */
	private function notice(): string {
		return $this->capture( 'Helpdesky\Block\Onboarding\render_notice' );
	}

	/**
	 * Configures a site as its administrator would, through options.php.
	 *
	 * @param int $site_id Site ID; must be the current site.
	 * @return bool
	 */
	private function save_through_as_administrator( int $site_id ): bool {
		$this->log_in( $this->create_member( $site_id, 'administrator' ) );
		$saved = $this->save_through_options_php(
			array(
				'helpdesk_id' => self::$helpdesk_id,
				'secret'      => self::$secret,
			)
		);
		$this->log_out();
		return $saved;
	}

	/**
	 * The attributes of the embed's script tag.
	 *
	 * @param string $html Rendered block.
	 * @return array<string, string>
	 */
	private function script_tag( string $html ): array {
		$tags = new WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $tags->next_tag( 'script' ), "The block did not sign:\n$html" );
		$attributes = array();
		foreach ( array( 'data-helpdesk-id', 'data-email', 'data-signature' ) as $name ) {
			$attributes[ $name ] = (string) $tags->get_attribute( $name );
		}
		return $attributes;
	}
}
