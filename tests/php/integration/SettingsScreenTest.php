<?php
/**
 * Settings → Helpdesky as administrators, other roles and forged requests meet it: the page's
 * HTML, who may open it, and the signature self-test.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use WP_HTML_Tag_Processor;

require_once __DIR__ . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class SettingsScreenTest extends TestCase {

	use OwnerTestHelpers;

	/** The secret of TicketCenterRenderTest, whose signature for jane.doe@example.com was computed outside PHP. */
	const VECTOR_SECRET    = 'hdh_secret_test_0123456789abcdef';
	const VECTOR_SIGNATURE = '308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e';

	protected function set_up(): void {
		$this->configure_helpdesky( null, null );
		$this->enter_admin( 'settings_page_helpdesky-block' );
		Settings\register_settings();
		Settings\self_test_result( null, true );
	}

	protected function tear_down(): void {
		Settings\self_test_result( null, true );
	}

	private function save( string $helpdesk_id, string $secret ): void {
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => $helpdesk_id,
				'secret'      => $secret,
			)
		);
	}

	private function page_html(): string {
		return $this->capture( 'Helpdesky\Block\Settings\render_page' );
	}

	/**
	 * Attributes of the first tag matching the query.
	 *
	 * @param string               $html  HTML.
	 * @param array<string, mixed> $query WP_HTML_Tag_Processor::next_tag() query.
	 * @return array<string, string|true>|null
	 */
	private function tag( string $html, array $query ): ?array {
		$tags = new WP_HTML_Tag_Processor( $html );
		if ( ! $tags->next_tag( $query ) ) {
			return null;
		}
		$attributes = array();
		foreach ( (array) $tags->get_attribute_names_with_prefix( '' ) as $name ) {
			$attributes[ $name ] = $tags->get_attribute( $name );
		}
		return $attributes;
	}

	private function input( string $html, string $id, string $by = 'id' ): ?array {
		$tags = new WP_HTML_Tag_Processor( $html );
		while ( $tags->next_tag( 'input' ) ) {
			if ( $id === $tags->get_attribute( $by ) ) {
				$attributes = array();
				foreach ( (array) $tags->get_attribute_names_with_prefix( '' ) as $name ) {
					$attributes[ $name ] = $tags->get_attribute( $name );
				}
				return $attributes;
			}
		}
		return null;
	}

	public function test_only_administrators_get_the_menu_entry(): void {
		$this->log_in_as( 'administrator' );
		// The prefix depends on the admin menu, which tests do not build; the suffix is the slug.
		$this->assertStringEndsWith( '_page_helpdesky-block', (string) Settings\add_page() );

		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			$this->log_in_as( $role );
			$this->assertFalse( Settings\add_page(), "A user with the role $role got the settings page." );
		}
		$this->log_out();
		$this->assertFalse( Settings\add_page() );
	}

	public function test_options_php_accepts_the_option_for_administrators_only_and_rest_never_shows_it(): void {
		// What options.php's allowed_options filter adds from register_setting().
		$allowed = option_update_filter( array() );
		$this->assertContains( Block\OPTION_NAME, $allowed[ Settings\OPTION_GROUP ] );
		// options.php checks this capability for the group before it saves anything.
		$this->assertSame( 'manage_options', apply_filters( 'option_page_capability_' . Settings\OPTION_GROUP, 'manage_options' ) );
		$this->assertFalse( get_registered_settings()[ Block\OPTION_NAME ]['show_in_rest'] );
	}

	public function test_saved_secret_is_never_printed_back(): void {
		$this->log_in_as( 'administrator' );
		$this->save( self::$helpdesk_id, self::$secret );

		$html = $this->page_html();

		$this->assertStringNotContainsString( self::$secret, $html );
		$this->assertStringNotContainsString( substr( self::$secret, strlen( 'hdh_secret_' ) ), $html, 'Not even a part of it.' );
		$this->assertStringContainsString( 'A secret is saved.', $html );

		$field = $this->input( $html, 'helpdesky-block-secret' );
		$this->assertSame( 'password', $field['type'] );
		$this->assertSame( '', $field['value'] );
		$this->assertSame( 'helpdesky_block_settings[secret]', $field['name'] );
		$this->assertStringContainsString( 'name="helpdesky_block_settings[remove_secret]"', $html );

		// The public ID is shown for editing.
		$this->assertSame( self::$helpdesk_id, $this->input( $html, 'helpdesky-block-helpdesk-id' )['value'] );
	}

	public function test_page_posts_to_options_php_with_the_settings_api_nonce(): void {
		$this->log_in_as( 'administrator' );
		$html = $this->page_html();

		$this->assertNotNull( $this->tag( $html, array( 'tag_name' => 'form' ) ) );
		$this->assertSame( admin_url( 'options.php' ), $this->tag( $html, array( 'tag_name' => 'form' ) )['action'] );
		$this->assertSame( 'helpdesky_block', $this->input( $html, 'option_page', 'name' )['value'] );
		$nonces = array();
		$tags   = new WP_HTML_Tag_Processor( $html );
		while ( $tags->next_tag( 'input' ) ) {
			if ( 'hidden' === $tags->get_attribute( 'type' ) && '_wpnonce' === $tags->get_attribute( 'name' ) ) {
				$nonces[] = $tags->get_attribute( 'value' );
			}
		}
		$this->assertCount( 1, $nonces, 'One nonce field per name: the self-test form has its own.' );
		$this->assertSame( 1, wp_verify_nonce( $nonces[0], 'helpdesky_block-options' ) );
	}

	public function test_unconfigured_page_explains_what_to_do_and_recommends_wp_config(): void {
		$this->log_in_as( 'administrator' );
		$html = $this->page_html();

		$this->assertStringContainsString( 'The Ticket Center is not ready yet', $html );
		$this->assertStringContainsString( 'The Helpdesk ID is not set.', $html );
		$this->assertStringContainsString( 'Generate HMAC Secret', $html );
		$this->assertStringContainsString( 'Safer: put the secret in wp-config.php', $html );
		$this->assertStringContainsString( "define( 'HELPDESKY_HMAC_SECRET', 'hdh_secret_…' );", $html );
		$this->assertStringNotContainsString( 'A secret is saved.', $html );
		$this->assertStringContainsString( 'Allowed Embed Domains must include example.org', $html );
	}

	public function test_fields_are_locked_while_environment_variables_provide_the_values(): void {
		$this->log_in_as( 'administrator' );
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );

		$html = $this->page_html();

		$id_field = $this->input( $html, 'helpdesky-block-helpdesk-id' );
		$this->assertTrue( $id_field['disabled'] );
		$this->assertArrayNotHasKey( 'name', $id_field, 'A disabled field is not submitted anyway; without a name it cannot be.' );
		$this->assertSame( self::$helpdesk_id, $id_field['value'] );

		$secret_field = $this->input( $html, 'helpdesky-block-secret' );
		$this->assertTrue( $secret_field['disabled'] );
		$this->assertArrayNotHasKey( 'name', $secret_field );
		$this->assertStringContainsString( 'Set by the HELPDESKY_HMAC_SECRET environment variable, which overrides this field.', $html );
		$this->assertStringContainsString( 'Set by the HELPDESKY_HELPDESK_ID environment variable, which overrides this field.', $html );
		$this->assertStringNotContainsString( self::$secret, $html );
		$this->assertStringNotContainsString( 'Safer: put the secret in wp-config.php', $html, 'Nothing to recommend: the secret is not in the database.' );
		$this->assertStringContainsString( 'The Ticket Center is configured', $html );
	}

	public function test_locked_secret_with_a_stale_database_copy_offers_its_removal(): void {
		$this->log_in_as( 'administrator' );
		$this->save( '', 'hdh_secret_stale_copy' );
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );

		$html = $this->page_html();

		$this->assertStringContainsString( 'A secret is also saved in the database. It is not used', $html );
		$this->assertStringContainsString( 'name="helpdesky_block_settings[remove_secret]"', $html );
		$this->assertStringNotContainsString( 'hdh_secret_stale_copy', $html );
	}

	/**
	 * Starts the self-test as the browser would: a POST to the settings page with the form's fields.
	 */
	private function submit_self_test( string $email, ?string $nonce ): void {
		$fields = array(
			'email'                   => $email,
			Settings\SELF_TEST_ACTION => 'Sign this address',
		);
		if ( null !== $nonce ) {
			$fields[ Settings\SELF_TEST_NONCE ] = $nonce;
		}
		$this->post( $fields );
		Settings\load_page();
	}

	public function test_self_test_shows_the_normalized_email_and_the_blocks_signature(): void {
		$admin = $this->log_in_as( 'administrator' );
		$this->save( self::$helpdesk_id, self::VECTOR_SECRET );

		$this->submit_self_test( "  Jane.Doe@Example.COM \n", wp_create_nonce( Settings\SELF_TEST_ACTION ) );
		$html = $this->page_html();

		$result = Settings\self_test_result();
		$this->assertSame( 'jane.doe@example.com', $result['email'] );
		$this->assertSame( self::VECTOR_SIGNATURE, $result['signature'] );
		$this->assertSame(
			'jane.doe@example.com',
			$this->tag(
				$html,
				array(
					'tag_name'   => 'input',
					'class_name' => 'large-text',
				)
			)['value']
		);
		$this->assertStringContainsString( 'value="' . self::VECTOR_SIGNATURE . '"', $html );
		$this->assertStringContainsString( 'Settings → Helpdesky', $html, 'It says which secret signed.' );
		$this->assertStringNotContainsString( self::VECTOR_SECRET, $html );

		// The block signs the same for a user stored with that address.
		$GLOBALS['current_screen'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- back on the front end.
		$user_id                   = self::factory()->user->create( array( 'user_email' => 'Jane.Doe@Example.COM' ) );
		$this->log_in( $user_id );
		$script = $this->tag( do_blocks( '<!-- wp:helpdesky/ticket-center /-->' ), array( 'tag_name' => 'script' ) );
		$this->assertSame( $result['email'], $script['data-email'] );
		$this->assertSame( $result['signature'], $script['data-signature'] );
		unset( $admin );
	}

	public function test_self_test_defaults_to_the_address_the_block_signs_for_the_administrator(): void {
		$admin = $this->log_in_as( 'administrator' );
		$html  = $this->page_html();
		$this->assertSame( $admin->user_email, $this->input( $html, 'helpdesky-block-self-test-email' )['value'] );

		add_filter(
			'helpdesky_block_user_email',
			static function () {
				return 'Support.Email@Example.org';
			}
		);
		$this->assertSame( 'Support.Email@Example.org', $this->input( $this->page_html(), 'helpdesky-block-self-test-email' )['value'] );
	}

	public function test_self_test_explains_instead_of_signing_when_something_is_wrong(): void {
		$this->log_in_as( 'administrator' );

		$this->submit_self_test( 'jane@example.com', wp_create_nonce( Settings\SELF_TEST_ACTION ) );
		$this->assertSame( 'unavailable', Settings\self_test_result()['state'] );
		$this->assertStringContainsString( 'The HMAC secret is not set.', $this->page_html() );

		$this->save( self::$helpdesk_id, self::$secret );
		$this->submit_self_test( 'not an address', wp_create_nonce( Settings\SELF_TEST_ACTION ) );
		$this->assertSame( 'unavailable', Settings\self_test_result()['state'] );
		$this->assertStringContainsString( 'This is not a valid email address', $this->page_html() );

		$this->submit_self_test( 'JOSÉ@example.com', wp_create_nonce( Settings\SELF_TEST_ACTION ) );
		$this->assertStringContainsString( 'uppercase non-ASCII letters', $this->page_html() );
	}

	public function test_self_test_escapes_what_was_entered(): void {
		$this->log_in_as( 'administrator' );
		$this->save( self::$helpdesk_id, self::$secret );

		$this->submit_self_test( '"><script>alert(1)</script>@example.com', wp_create_nonce( Settings\SELF_TEST_ACTION ) );
		$html = $this->page_html();

		$this->assertStringNotContainsString( '<script>alert(1)', $html );
		$this->assertStringContainsString( '&lt;script&gt;alert(1)', $html );
	}

	/**
	 * @dataProvider forged_nonces
	 */
	public function test_self_test_refuses_a_request_without_a_valid_nonce( ?string $action ): void {
		$this->log_in_as( 'administrator' );
		$this->save( self::$helpdesk_id, self::$secret );

		$status = $this->expect_wp_die(
			function () use ( $action ) {
				$this->submit_self_test( 'jane@example.com', null === $action ? null : wp_create_nonce( $action ) );
			}
		);

		$this->assertSame( 403, $status );
		$this->assertNull( Settings\self_test_result() );
	}

	public function forged_nonces(): array {
		return array(
			'no nonce'                   => array( null ),
			'nonce of the settings form' => array( 'helpdesky_block-options' ),
			'nonce of another action'    => array( 'log-out' ),
		);
	}

	/**
	 * @dataProvider other_roles
	 */
	public function test_self_test_is_refused_to_everybody_but_administrators( string $role ): void {
		$this->save( self::$helpdesk_id, self::$secret );
		if ( '' === $role ) {
			$this->log_out();
		} else {
			$this->log_in_as( $role );
		}

		$status = $this->expect_wp_die(
			function () {
				// A valid nonce for this very user: the capability check must stop them anyway.
				$this->submit_self_test( 'jane@example.com', wp_create_nonce( Settings\SELF_TEST_ACTION ) );
			}
		);

		$this->assertSame( 403, $status );
		$this->assertNull( Settings\self_test_result() );
		$this->assertSame( '', $this->page_html(), 'The page itself prints nothing for them either.' );
	}

	public function other_roles(): array {
		return array(
			'editor'     => array( 'editor' ),
			'author'     => array( 'author' ),
			'subscriber' => array( 'subscriber' ),
			'anonymous'  => array( '' ),
		);
	}

	public function test_opening_the_page_creates_the_option_so_options_php_only_updates_it(): void {
		global $wpdb;
		$this->log_in_as( 'administrator' );
		delete_option( Block\OPTION_NAME );

		Settings\load_page();

		$this->assertSame( 'on', $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Block\OPTION_NAME ) ) );
	}

	public function test_plugins_screen_links_to_the_settings_for_administrators(): void {
		$this->log_in_as( 'administrator' );
		// phpcs:ignore WordPress.NamingConventions.ValidHookName.UseUnderscores -- core's hook for this plugin's basename.
		$links = apply_filters( 'plugin_action_links_helpdesky-block/helpdesky-block.php', array( 'deactivate' => '<a>Deactivate</a>' ) );
		$this->assertStringContainsString( 'options-general.php?page=helpdesky-block', $links[0] );

		$this->log_in_as( 'editor' );
		// phpcs:ignore WordPress.NamingConventions.ValidHookName.UseUnderscores -- core's hook for this plugin's basename.
		$this->assertCount( 1, apply_filters( 'plugin_action_links_helpdesky-block/helpdesky-block.php', array( 'deactivate' => '<a>Deactivate</a>' ) ) );
	}
}
