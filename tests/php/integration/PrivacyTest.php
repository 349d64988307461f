<?php
/**
 * The suggested privacy policy text.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block\Privacy;
use WP_Privacy_Policy_Content;

require_once __DIR__ . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class PrivacyTest extends TestCase {

	use OwnerTestHelpers;

	public function test_policy_guide_suggests_that_emails_go_to_helpdesky(): void {
		$this->assertNotFalse( has_action( 'admin_init', 'Helpdesky\Block\Privacy\add_policy_content' ) );

		// Where WordPress collects suggestions: wp-admin, from admin_init on.
		$this->enter_admin( 'options-privacy' );
		$GLOBALS['wp_actions']['admin_init'] = 1; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- as if admin_init has run.
		Privacy\add_policy_content();

		$suggestions = array_column( WP_Privacy_Policy_Content::get_suggested_policy_text(), 'policy_text', 'plugin_name' );
		$this->assertArrayHasKey( 'Helpdesky Ticket Center', $suggestions );
		$text = $suggestions['Helpdesky Ticket Center'];
		$this->assertStringContainsString( 'your email address', $text );
		$this->assertStringContainsString( 'Helpdesky', $text );
		$this->assertStringContainsString( 'privacy-policy-tutorial', $text );
		// The Contact Form loads Helpdesky's script for every visitor, signed in or not.
		$this->assertStringContainsString( 'contact form', $text );
		$this->assertStringContainsString( 'whether you are logged in or not', $text );
		$this->assertStringContainsString( 'messaging widget', $text );
	}
}
