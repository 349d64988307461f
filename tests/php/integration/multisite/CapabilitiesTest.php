<?php
/**
 * On a network, a site's settings, self-test and onboarding actions belong to that site's
 * administrators (manage_options there) and to super admins; an administrator of another site
 * who is not a member gets nothing.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Onboarding;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Tests\Integration\OwnerTestHelpers;

require_once __DIR__ . '/MultisiteTestCase.php';
require_once dirname( __DIR__ ) . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class CapabilitiesTest extends MultisiteTestCase {

	use OwnerTestHelpers;

	protected function set_up(): void {
		parent::set_up();
		$this->configure_helpdesky( null, null );
		Settings\self_test_result( null, true );
		switch_to_blog( self::site_two() );
		$this->enter_admin( 'settings_page_helpdesky-block' );
	}

	protected function tear_down(): void {
		Settings\self_test_result( null, true );
		parent::tear_down();
	}

	/**
	 * Everything a user can do with site 2's Helpdesky settings, as seen on site 2.
	 *
	 * @return array<string, bool>
	 */
	private function what_the_user_can_do_on_site_two(): array {
		$can = array(
			'menu entry'    => false !== Settings\add_page(),
			'save settings' => $this->save_through_options_php(
				array(
					'helpdesk_id' => self::$helpdesk_id,
					'secret'      => self::$secret,
				)
			),
		);

		// Opening the screen (load-{$hook}) and running the self-test with a valid nonce.
		$this->post(
			array(
				'email'                   => 'Jane.Doe@Example.COM',
				Settings\SELF_TEST_ACTION => 'Sign this address',
				Settings\SELF_TEST_NONCE  => wp_create_nonce( Settings\SELF_TEST_ACTION ),
			)
		);
		try {
			Settings\load_page();
			$result           = Settings\self_test_result();
			$can['self-test'] = null !== $result && 'embed' === $result['state'];
		} catch ( \Helpdesky\Block\Tests\Integration\WpDieException $e ) {
			$this->assertSame( 403, $e->getCode() );
			$can['self-test'] = false;
		}
		Settings\self_test_result( null, true );

		set_current_screen( 'dashboard' );
		$can['onboarding notice'] = '' !== $this->capture( 'Helpdesky\Block\Onboarding\render_notice' );
		$_GET['_wpnonce']         = wp_create_nonce( Onboarding\DISMISS_ACTION );
		$_REQUEST['_wpnonce']     = $_GET['_wpnonce'];
		try {
			$this->expect_redirect( 'Helpdesky\Block\Onboarding\handle_dismiss' );
			$can['dismiss notice'] = true;
		} catch ( \Helpdesky\Block\Tests\Integration\WpDieException $e ) {
			$this->assertSame( 403, $e->getCode() );
			$can['dismiss notice'] = false;
		}
		set_current_screen( 'settings_page_helpdesky-block' );
		return $can;
	}

	private static function all( bool $value ): array {
		return array_fill_keys( array( 'menu entry', 'save settings', 'self-test', 'onboarding notice', 'dismiss notice' ), $value );
	}

	public function test_the_sites_administrator_can_configure_and_test_it(): void {
		$this->log_in( $this->create_member( self::site_two(), 'administrator' ) );
		$this->assertFalse( is_super_admin() );

		$this->assertSame( self::all( true ), $this->what_the_user_can_do_on_site_two() );
		$this->assertSame( self::$secret, Block\secret() );
	}

	public function test_an_administrator_of_another_site_who_is_not_a_member_can_do_nothing(): void {
		$this->log_in( $this->create_member( 1, 'administrator' ) );
		$this->assertFalse( is_user_member_of_blog( get_current_user_id(), self::site_two() ) );

		$this->assertSame( self::all( false ), $this->what_the_user_can_do_on_site_two() );
		$this->assertSame( '', Block\secret(), 'Site 2 was configured by an outsider.' );

		// Back home, the same user is an administrator.
		restore_current_blog();
		$this->assertTrue( current_user_can( 'manage_options' ) );
	}

	public function test_a_member_who_is_not_an_administrator_can_do_nothing(): void {
		$this->log_in( $this->create_member( self::site_two(), 'editor' ) );
		$this->assertSame( self::all( false ), $this->what_the_user_can_do_on_site_two() );
	}

	public function test_a_super_admin_can_configure_any_site_without_being_a_member(): void {
		$super_admin = $this->create_member( 1, 'subscriber' );
		grant_super_admin( $super_admin );
		$this->log_in( $super_admin );
		$this->assertFalse( is_user_member_of_blog( $super_admin, self::site_two() ) );

		$this->assertSame( self::all( true ), $this->what_the_user_can_do_on_site_two() );
		$this->assertSame( self::$secret, Block\secret() );
	}
}
