<?php
/**
 * Each site of a network has its own Helpdesk ID and secret: saved through each site's settings
 * screen, used for that site's users, and still the right ones when code switches sites in the
 * middle of a request.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration\Multisite;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use WP_HTML_Tag_Processor;

require_once __DIR__ . '/MultisiteTestCase.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class PerSiteSettingsTest extends MultisiteTestCase {

	const SITE_ONE_ID     = '11111111-1111-4111-8111-111111111111';
	const SITE_ONE_SECRET = 'hdh_secret_site_one_0123456789';
	const SITE_TWO_ID     = '22222222-2222-4222-8222-222222222222';
	const SITE_TWO_SECRET = 'hdh_secret_site_two_9876543210';

	protected function set_up(): void {
		parent::set_up();
		$this->configure_helpdesky( null, null );
		$this->configure_site( 1, self::SITE_ONE_ID, self::SITE_ONE_SECRET );
		$this->configure_site( self::site_two(), self::SITE_TWO_ID, self::SITE_TWO_SECRET );
	}

	/**
	 * Saves a site's settings as its administrator does: Settings → Helpdesky, options.php.
	 *
	 * @param int    $site_id     Site ID.
	 * @param string $helpdesk_id Helpdesk ID.
	 * @param string $secret      Secret, with the whitespace a paste brings along.
	 */
	private function configure_site( int $site_id, string $helpdesk_id, string $secret ): void {
		switch_to_blog( $site_id );
		$this->log_in( $this->create_member( $site_id, 'administrator' ) );
		$this->assertTrue(
			$this->save_through_options_php(
				array(
					'helpdesk_id' => $helpdesk_id,
					'secret'      => " {$secret}\n",
				)
			)
		);
		$this->log_out();
		restore_current_blog();
	}

	/**
	 * What the block signs on the current site for a new member of it.
	 *
	 * @param string $email The member's address as stored.
	 * @return array<string, string> data-helpdesk-id, data-email, data-signature.
	 */
	private function render_for_new_member( string $email ): array {
		$member = $this->create_member( get_current_blog_id(), 'subscriber' );
		wp_update_user(
			array(
				'ID'         => $member,
				'user_email' => $email,
			)
		);
		$this->log_in( $member );
		$this->next_page();
		$html = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
		$this->log_out();

		$tags = new WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $tags->next_tag( 'script' ), 'Site ' . get_current_blog_id() . " did not sign:\n$html" );
		$attributes = array();
		foreach ( array( 'data-helpdesk-id', 'data-email', 'data-signature' ) as $name ) {
			$attributes[ $name ] = (string) $tags->get_attribute( $name );
		}
		return $attributes;
	}

	public function test_each_site_stores_its_own_settings(): void {
		$this->assertSame(
			array(
				'helpdesk_id' => self::SITE_ONE_ID,
				'secret'      => self::SITE_ONE_SECRET,
			),
			self::stored_option( 1 )['value'] ?? null,
			'The sanitizer ran: the pasted whitespace is gone.'
		);
		$this->assertSame(
			array(
				'helpdesk_id' => self::SITE_TWO_ID,
				'secret'      => self::SITE_TWO_SECRET,
			),
			self::stored_option( self::site_two() )['value'] ?? null
		);

		// A new site starts unconfigured, whatever its neighbours have.
		switch_to_blog( $this->create_site( 'three' ) );
		$this->assertSame( '', Block\helpdesk_id() );
		$this->assertSame( '', Block\secret() );
		$this->assertArrayHasKey( 'helpdesk_id_missing', Block\configuration_problems() );
		$this->assertArrayHasKey( 'secret_missing', Block\configuration_problems() );
	}

	public function test_changing_one_sites_secret_leaves_the_other_site_alone(): void {
		switch_to_blog( self::site_two() );
		$this->log_in( $this->create_member( self::site_two(), 'administrator' ) );
		$this->assertTrue( $this->save_through_options_php( array( 'secret' => 'hdh_secret_rotated_on_site_two' ) ) );
		$this->assertSame( 'hdh_secret_rotated_on_site_two', Block\secret() );
		$this->assertSame( self::SITE_TWO_ID, Block\helpdesk_id(), 'An empty ID field was not submitted; the ID stays.' );
		restore_current_blog();

		$this->assertSame( self::SITE_ONE_SECRET, Block\secret() );
		$this->assertSame( self::SITE_ONE_SECRET, self::stored_option( 1 )['value']['secret'] ?? null );
	}

	public function test_a_signed_in_user_gets_the_id_and_signature_of_the_site_they_are_on(): void {
		switch_to_blog( self::site_two() );
		$script = $this->render_for_new_member( 'Jane.Two@Example.org' );
		restore_current_blog();
		$this->assertSame( self::SITE_TWO_ID, $script['data-helpdesk-id'] );
		$this->assertSame( 'jane.two@example.org', $script['data-email'] );
		$this->assertSame( hash_hmac( 'sha256', 'jane.two@example.org', self::SITE_TWO_SECRET ), $script['data-signature'] );

		$script = $this->render_for_new_member( 'Jane.One@Example.org' );
		$this->assertSame( self::SITE_ONE_ID, $script['data-helpdesk-id'] );
		$this->assertSame( hash_hmac( 'sha256', 'jane.one@example.org', self::SITE_ONE_SECRET ), $script['data-signature'] );
	}

	public function test_switch_to_blog_in_the_middle_of_a_request_uses_the_switched_sites_configuration(): void {
		// Site 1's configuration is read (and cached) first, as the page being served would.
		$this->assertSame( self::SITE_ONE_ID, Block\helpdesk_id() );
		$this->assertSame( hash_hmac( 'sha256', 'x@example.org', self::SITE_ONE_SECRET ), Settings\self_test( 'x@example.org' )['signature'] );

		switch_to_blog( self::site_two() );
		$this->assertSame( self::SITE_TWO_ID, Block\helpdesk_id() );
		$this->assertSame( 'option', Block\config_value( Block\SECRET_NAME )['source'] );
		$this->assertSame( hash_hmac( 'sha256', 'x@example.org', self::SITE_TWO_SECRET ), Settings\self_test( 'x@example.org' )['signature'] );
		$script = $this->render_for_new_member( 'Switched@Example.org' );
		$this->assertSame( self::SITE_TWO_ID, $script['data-helpdesk-id'] );
		$this->assertSame( hash_hmac( 'sha256', 'switched@example.org', self::SITE_TWO_SECRET ), $script['data-signature'] );

		// Deeper still: an unconfigured site says so instead of borrowing a neighbour's secret.
		switch_to_blog( $this->create_site( 'three' ) );
		$this->assertSame( '', Block\secret() );
		$this->next_page();
		$this->log_in( $this->create_member( get_current_blog_id(), 'subscriber' ) );
		$html = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringContainsString( 'The support center is not available right now.', $html );
		restore_current_blog();

		$this->assertSame( self::SITE_TWO_SECRET, Block\secret() );
		restore_current_blog();

		$this->assertSame( self::SITE_ONE_ID, Block\helpdesk_id() );
		$this->assertSame( self::SITE_ONE_SECRET, Block\secret() );
		$script = $this->render_for_new_member( 'Back@Example.org' );
		$this->assertSame( hash_hmac( 'sha256', 'back@example.org', self::SITE_ONE_SECRET ), $script['data-signature'] );
	}
}
