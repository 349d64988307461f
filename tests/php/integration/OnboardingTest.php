<?php
/**
 * The notice after activation and its two admin-post.php actions.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block\Onboarding;
use Helpdesky\Block\Patterns;

require_once __DIR__ . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class OnboardingTest extends TestCase {

	use OwnerTestHelpers;

	protected function set_up(): void {
		$this->configure_helpdesky( null, null );
		$this->enter_admin( 'dashboard' );
	}

	private function notice(): string {
		return $this->capture( 'Helpdesky\Block\Onboarding\render_notice' );
	}

	private function support_pages(): array {
		return get_posts(
			array(
				'post_type'   => 'page',
				'post_status' => 'any',
				'title'       => 'Support',
				'fields'      => 'ids',
			)
		);
	}

	public function test_administrators_see_the_notice_on_the_dashboard_and_the_plugins_screen(): void {
		$this->log_in_as( 'administrator' );

		$html = $this->notice();
		$this->assertStringContainsString( 'Helpdesky Ticket Center is active.', $html );
		$this->assertStringContainsString( 'options-general.php?page=helpdesky-block', $html, 'Unconfigured: it links to the settings.' );
		$this->assertStringContainsString( 'Create a Support page', $html );
		$this->assertStringContainsString( 'name="action" value="helpdesky_block_create_support_page"', $html );
		$this->assertMatchesRegularExpression( '/name="helpdesky_block_nonce" value="([0-9a-f]{10})"/', $html );
		preg_match( '/name="helpdesky_block_nonce" value="([0-9a-f]{10})"/', $html, $nonce );
		$this->assertSame( 1, wp_verify_nonce( $nonce[1], Onboarding\CREATE_PAGE_ACTION ) );
		$this->assertStringContainsString( 'action=helpdesky_block_dismiss_onboarding&#038;_wpnonce=', $html );

		set_current_screen( 'plugins' );
		$this->assertNotSame( '', $this->notice() );
		set_current_screen( 'edit-post' );
		$this->assertSame( '', $this->notice(), 'Not on every admin screen.' );
	}

	public function test_configured_site_is_not_asked_to_configure(): void {
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );
		$this->log_in_as( 'administrator' );

		$html = $this->notice();
		$this->assertStringNotContainsString( 'Configure Helpdesky', $html );
		$this->assertStringContainsString( 'Create a Support page', $html );
	}

	public function test_other_roles_never_see_the_notice(): void {
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			$this->log_in_as( $role );
			$this->assertSame( '', $this->notice(), $role );
		}
	}

	public function test_dismissing_with_a_nonce_hides_the_notice_for_that_user_only(): void {
		$other                   = $this->log_in_as( 'administrator' );
		$admin                   = $this->log_in_as( 'administrator' );
		$nonce                   = wp_create_nonce( Onboarding\DISMISS_ACTION );
		$_GET['_wpnonce']        = $nonce;
		$_REQUEST['_wpnonce']    = $nonce;
		$_SERVER['HTTP_REFERER'] = admin_url( 'plugins.php' );

		$location = $this->expect_redirect( 'Helpdesky\Block\Onboarding\handle_dismiss' );

		$this->assertSame( admin_url( 'plugins.php' ), $location );
		$this->assertSame( '', $this->notice() );
		$this->assertTrue( Onboarding\is_dismissed( $admin->ID ) );
		$this->assertSame( '1', get_user_meta( $admin->ID, $GLOBALS['wpdb']->get_blog_prefix() . Onboarding\DISMISSED_KEY, true ), 'Stored per user and per site.' );

		$this->log_in( $other );
		$this->assertNotSame( '', $this->notice() );
	}

	public function test_dismissing_without_a_valid_nonce_is_refused(): void {
		$admin = $this->log_in_as( 'administrator' );

		$this->assertSame( 403, $this->expect_wp_die( 'Helpdesky\Block\Onboarding\handle_dismiss' ) );

		$_REQUEST['_wpnonce'] = wp_create_nonce( Onboarding\CREATE_PAGE_ACTION );
		$this->assertSame( 403, $this->expect_wp_die( 'Helpdesky\Block\Onboarding\handle_dismiss' ) );
		$this->assertFalse( Onboarding\is_dismissed( $admin->ID ) );
	}

	public function test_create_support_page_makes_a_draft_from_the_pattern_and_opens_the_editor(): void {
		$admin = $this->log_in_as( 'administrator' );
		$this->post(
			array(
				'action'               => Onboarding\CREATE_PAGE_ACTION,
				Onboarding\NONCE_FIELD => wp_create_nonce( Onboarding\CREATE_PAGE_ACTION ),
			)
		);

		$location = $this->expect_redirect( 'Helpdesky\Block\Onboarding\handle_create_support_page' );

		$pages = $this->support_pages();
		$this->assertCount( 1, $pages );
		$page = get_post( $pages[0] );
		$this->assertSame( 'draft', $page->post_status );
		$this->assertSame( 'page', $page->post_type );
		$this->assertSame( $admin->ID, (int) $page->post_author );
		$this->assertSame( Patterns\support_page_content(), $page->post_content );
		$this->assertTrue( has_block( 'helpdesky/ticket-center', $page ) );
		$this->assertSame( admin_url( 'post.php?post=' . $page->ID . '&action=edit' ), $location );
		$this->assertTrue( Onboarding\is_dismissed( $admin->ID ), 'The notice has done its job.' );
	}

	public function test_create_support_page_without_a_valid_nonce_is_refused(): void {
		$this->log_in_as( 'administrator' );
		$this->post( array( 'action' => Onboarding\CREATE_PAGE_ACTION ) );

		$this->assertSame( 403, $this->expect_wp_die( 'Helpdesky\Block\Onboarding\handle_create_support_page' ) );

		$this->post(
			array(
				'action'               => Onboarding\CREATE_PAGE_ACTION,
				Onboarding\NONCE_FIELD => wp_create_nonce( Onboarding\DISMISS_ACTION ),
			)
		);
		$this->assertSame( 403, $this->expect_wp_die( 'Helpdesky\Block\Onboarding\handle_create_support_page' ) );
		$this->assertSame( array(), $this->support_pages() );
	}

	/**
	 * @dataProvider other_roles
	 */
	public function test_create_support_page_is_refused_to_everybody_but_administrators( string $role ): void {
		if ( '' !== $role ) {
			$this->log_in_as( $role );
		}
		$this->post(
			array(
				'action'               => Onboarding\CREATE_PAGE_ACTION,
				Onboarding\NONCE_FIELD => wp_create_nonce( Onboarding\CREATE_PAGE_ACTION ),
			)
		);

		$this->assertSame( 403, $this->expect_wp_die( 'Helpdesky\Block\Onboarding\handle_create_support_page' ) );
		$this->assertSame( array(), $this->support_pages() );
	}

	public function other_roles(): array {
		return array(
			'editor (can edit pages, not set the plugin up)' => array( 'editor' ),
			'subscriber' => array( 'subscriber' ),
			'anonymous'  => array( '' ),
		);
	}

	public function test_visitors_who_are_not_signed_in_have_no_handler_at_all(): void {
		$this->assertNotFalse( has_action( 'admin_post_' . Onboarding\CREATE_PAGE_ACTION ) );
		$this->assertFalse( has_action( 'admin_post_nopriv_' . Onboarding\CREATE_PAGE_ACTION ) );
		$this->assertFalse( has_action( 'admin_post_nopriv_' . Onboarding\DISMISS_ACTION ) );
	}
}
