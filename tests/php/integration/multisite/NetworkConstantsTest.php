<?php
/**
 * A constant in wp-config.php (or an environment variable) configures every site of the network:
 * every site signs with it, whatever its own settings say, and every site's settings screen shows
 * the field locked. Constants cannot be undefined, so that test runs in its own PHP process.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Tests\Integration\OwnerTestHelpers;
use WP_HTML_Tag_Processor;

require_once __DIR__ . '/MultisiteTestCase.php';
require_once dirname( __DIR__ ) . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class NetworkConstantsTest extends MultisiteTestCase {

	use OwnerTestHelpers;

	const NETWORK_ID     = '99999999-9999-4999-8999-999999999999';
	const NETWORK_SECRET = 'hdh_secret_network_wide_0123456789';

	/**
	 * Sites 1 and 2, each with settings of its own saved before the constants came, and a site
	 * made afterwards.
	 *
	 * @return int[] Site IDs.
	 */
	private function sites_with_their_own_settings(): array {
		$sites = array( 1, self::site_two() );
		foreach ( $sites as $n => $site_id ) {
			switch_to_blog( $site_id );
			$this->log_in( $this->create_member( $site_id, 'administrator' ) );
			$this->assertTrue(
				$this->save_through_options_php(
					array(
						'helpdesk_id' => sprintf( '%1$d%1$d%1$d%1$d%1$d%1$d%1$d%1$d-0000-4000-8000-000000000000', $n + 1 ),
						'secret'      => 'hdh_secret_own_setting_of_site_' . $site_id,
					)
				)
			);
			$this->log_out();
			restore_current_blog();
		}
		$sites[] = $this->create_site( 'three' );
		return $sites;
	}

	/**
	 * On every site: the value and its source, the signature for a member, and the settings
	 * screen with both fields locked.
	 *
	 * @param int[]  $sites  Site IDs.
	 * @param string $source 'constant' or 'environment'.
	 * @param string $locked The start of the lock message for the secret field.
	 */
	private function assert_every_site_uses_the_network_configuration( array $sites, string $source, string $locked ): void {
		foreach ( $sites as $site_id ) {
			switch_to_blog( $site_id );
			$this->assertSame(
				array(
					'value'  => self::NETWORK_ID,
					'source' => $source,
				),
				Block\config_value( Block\HELPDESK_ID_NAME ),
				"Site $site_id"
			);
			$this->assertSame( self::NETWORK_SECRET, Block\secret(), "Site $site_id" );

			$member = self::factory()->user->create( array( 'user_email' => "Member.{$site_id}@Example.org" ) );
			add_user_to_blog( $site_id, $member, 'subscriber' );
			$this->log_in( $member );
			$this->next_page();
			$tags = new WP_HTML_Tag_Processor( do_blocks( '<!-- wp:helpdesky/ticket-center /-->' ) );
			$this->assertTrue( $tags->next_tag( 'script' ), "Site $site_id did not sign." );
			$this->assertSame( self::NETWORK_ID, $tags->get_attribute( 'data-helpdesk-id' ), "Site $site_id" );
			$this->assertSame( hash_hmac( 'sha256', "member.{$site_id}@example.org", self::NETWORK_SECRET ), $tags->get_attribute( 'data-signature' ), "Site $site_id" );

			$this->enter_admin( 'settings_page_helpdesky-block' );
			$this->log_in( $this->create_member( $site_id, 'administrator' ) );
			Settings\register_settings();
			$html = $this->capture( 'Helpdesky\Block\Settings\render_page' );
			$this->assertStringContainsString( sprintf( $locked, 'HELPDESKY_HMAC_SECRET' ), $html, "Site $site_id: the secret field is not locked." );
			$this->assertStringContainsString( sprintf( $locked, 'HELPDESKY_HELPDESK_ID' ), $html, "Site $site_id: the ID field is not locked." );
			$this->assertMatchesRegularExpression( '/<input type="password"[^>]*id="helpdesky-block-secret" disabled/', $html, "Site $site_id" );
			$this->assertStringNotContainsString( 'name="helpdesky_block_settings[secret]"', $html, "Site $site_id" );
			$this->assertStringNotContainsString( 'name="helpdesky_block_settings[helpdesk_id]"', $html, "Site $site_id" );
			$this->assertStringNotContainsString( self::NETWORK_SECRET, $html, "Site $site_id" );

			// A forged submission on the site cannot change what the network sets.
			$this->assertTrue( $this->save_through_options_php( array( 'secret' => 'hdh_secret_forged_on_one_site' ) ) );
			$this->assertSame( self::NETWORK_SECRET, Block\secret(), "Site $site_id" );
			$GLOBALS['current_screen'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- back on the front end for the next site.
			restore_current_blog();
		}
	}

	/**
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_constants_in_wp_config_apply_to_every_site_and_lock_every_settings_screen(): void {
		$sites = $this->sites_with_their_own_settings();
		define( 'HELPDESKY_HELPDESK_ID', self::NETWORK_ID );
		define( 'HELPDESKY_HMAC_SECRET', self::NETWORK_SECRET );

		$this->assert_every_site_uses_the_network_configuration( $sites, 'constant', 'Set by the %s constant in wp-config.php, which overrides this field.' );
	}

	public function test_environment_variables_apply_to_every_site_and_lock_every_settings_screen(): void {
		$this->configure_helpdesky( null, null );
		$sites = $this->sites_with_their_own_settings();
		$this->configure_helpdesky( self::NETWORK_ID, self::NETWORK_SECRET );

		$this->assert_every_site_uses_the_network_configuration( $sites, 'environment', 'Set by the %s environment variable, which overrides this field.' );
	}
}
