<?php
/**
 * The helpdesky_block_settings option: sanitizing what the settings form submits, its place
 * among the configuration sources, and its cost on pages with the block.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use WP_HTML_Tag_Processor;

require_once __DIR__ . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class SettingsOptionTest extends TestCase {

	use OwnerTestHelpers;

	protected function set_up(): void {
		$this->configure_helpdesky( null, null );
		$this->enter_admin( 'settings_page_helpdesky-block' );
		Settings\register_settings();
	}

	private function store( string $helpdesk_id, string $secret ): void {
		// Straight to the database, past the sanitize callback, like an earlier save would leave it.
		remove_all_filters( 'sanitize_option_' . Block\OPTION_NAME );
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => $helpdesk_id,
				'secret'      => $secret,
			)
		);
		Settings\register_settings();
	}

	public function test_valid_helpdesk_id_and_secret_are_saved(): void {
		$clean = Settings\sanitize(
			array(
				'helpdesk_id' => '  ' . self::$helpdesk_id . "\n",
				'secret'      => ' ' . self::$secret . "\r\n",
			)
		);

		$this->assertSame(
			array(
				'helpdesk_id' => self::$helpdesk_id,
				'secret'      => self::$secret,
			),
			$clean,
			'Whitespace around pasted values is removed.'
		);
		$this->assertSame( array(), $this->settings_error_codes() );
	}

	/**
	 * @dataProvider bad_helpdesk_ids
	 */
	public function test_bad_helpdesk_id_is_refused_and_the_old_one_kept( string $bad ): void {
		$this->store( self::$helpdesk_id, '' );

		$clean = Settings\sanitize( array( 'helpdesk_id' => $bad ) );

		$this->assertSame( self::$helpdesk_id, $clean['helpdesk_id'] );
		$this->assertSame( array( 'helpdesk_id_invalid' ), $this->settings_error_codes() );
	}

	public function bad_helpdesk_ids(): array {
		return array(
			'placeholder from the guide' => array( 'your_helpdesk_id' ),
			'too short'                  => array( '123e4567-e89b-12d3-a456-42661417400' ),
			'one character too many'     => array( '123e4567-e89b-12d3-a456-4266141740000' ),
			'not hexadecimal'            => array( '123e4567-e89b-12d3-a456-42661417400g' ),
			'markup'                     => array( '<script>alert(1)</script>' ),
			'whole snippet pasted'       => array( 'data-helpdesk-id="123e4567-e89b-12d3-a456-426614174000"' ),
		);
	}

	public function test_uppercase_uuid_is_a_valid_helpdesk_id(): void {
		$clean = Settings\sanitize( array( 'helpdesk_id' => strtoupper( self::$helpdesk_id ) ) );
		$this->assertSame( strtoupper( self::$helpdesk_id ), $clean['helpdesk_id'] );
	}

	public function test_emptying_the_helpdesk_id_field_clears_it(): void {
		$this->store( self::$helpdesk_id, self::$secret );
		$this->assertSame( '', Settings\sanitize( array( 'helpdesk_id' => '' ) )['helpdesk_id'] );
	}

	/**
	 * @dataProvider bad_secrets
	 */
	public function test_bad_secret_is_refused_the_old_one_kept_and_never_echoed( string $bad ): void {
		$this->store( '', self::$secret );

		$clean = Settings\sanitize( array( 'secret' => $bad ) );

		$this->assertSame( self::$secret, $clean['secret'] );
		$this->assertSame( array( 'secret_invalid' ), $this->settings_error_codes() );
		if ( 'hdh_secret_' !== $bad ) {
			// The messages name the documented prefix, never what was typed.
			$this->assertStringNotContainsString( trim( $bad ), (string) wp_json_encode( get_settings_errors() ) );
		}
	}

	public function bad_secrets(): array {
		return array(
			'no hdh_secret_ prefix'  => array( 'hunter2-not-from-helpdesky' ),
			'only the prefix'        => array( 'hdh_secret_' ),
			'space inside'           => array( 'hdh_secret_abc def' ),
			'line break inside'      => array( "hdh_secret_abc\ndef" ),
			'non-ASCII'              => array( 'hdh_secret_abcé' ),
			'longer than any secret' => array( 'hdh_secret_' . str_repeat( 'a', 600 ) ),
			'helpdesk ID by mistake' => array( '123e4567-e89b-12d3-a456-426614174000' ),
		);
	}

	public function test_empty_secret_field_keeps_the_stored_secret(): void {
		$this->store( self::$helpdesk_id, self::$secret );

		$this->assertSame(
			self::$secret,
			Settings\sanitize(
				array(
					'helpdesk_id' => self::$helpdesk_id,
					'secret'      => '',
				)
			)['secret']
		);
		$this->assertSame(
			self::$secret,
			Settings\sanitize(
				array(
					'helpdesk_id' => self::$helpdesk_id,
					'secret'      => "  \n",
				)
			)['secret']
		);
		$this->assertSame( self::$secret, Settings\sanitize( array( 'helpdesk_id' => self::$helpdesk_id ) )['secret'] );
		$this->assertSame( array(), $this->settings_error_codes() );
	}

	public function test_new_secret_replaces_the_stored_one(): void {
		$this->store( self::$helpdesk_id, self::$secret );
		$this->assertSame( 'hdh_secret_replacement', Settings\sanitize( array( 'secret' => 'hdh_secret_replacement' ) )['secret'] );
	}

	public function test_remove_checkbox_deletes_the_stored_secret(): void {
		$this->store( self::$helpdesk_id, self::$secret );
		$this->assertSame(
			'',
			Settings\sanitize(
				array(
					'secret'        => '',
					'remove_secret' => '1',
				)
			)['secret']
		);
	}

	public function test_form_values_do_not_change_settings_that_the_environment_overrides(): void {
		$this->store( '', 'hdh_secret_stale_copy' );
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );

		$clean = Settings\sanitize(
			array(
				'helpdesk_id' => '00000000-0000-4000-8000-000000000000',
				'secret'      => 'hdh_secret_from_a_forged_form',
			)
		);
		$this->assertSame( '', $clean['helpdesk_id'] );
		$this->assertSame( 'hdh_secret_stale_copy', $clean['secret'] );

		// Removing the stale copy stays possible.
		$this->assertSame( '', Settings\sanitize( array( 'remove_secret' => '1' ) )['secret'] );
	}

	public function test_sanitize_is_the_registered_callback_even_when_the_option_is_first_added(): void {
		delete_option( Block\OPTION_NAME );

		// update_option() of a missing option sanitizes twice (update, then add).
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id'   => ' ' . self::$helpdesk_id,
				'secret'        => self::$secret . "\n",
				'unknown'       => 'dropped',
				'remove_secret' => '',
			)
		);

		$this->assertSame(
			array(
				'helpdesk_id' => self::$helpdesk_id,
				'secret'      => self::$secret,
			),
			get_option( Block\OPTION_NAME )
		);
	}

	public function test_option_is_the_third_source_after_constant_and_environment(): void {
		$this->store( self::$helpdesk_id, self::$secret );

		$this->assertSame(
			array(
				'value'  => self::$helpdesk_id,
				'source' => 'option',
			),
			Block\config_value( Block\HELPDESK_ID_NAME )
		);
		$this->assertSame(
			array(
				'value'  => self::$secret,
				'source' => 'option',
			),
			Block\config_value( Block\SECRET_NAME )
		);
		$this->assertSame( array(), Block\configuration_problems() );

		$this->set_env( 'HELPDESKY_HMAC_SECRET', 'hdh_secret_from_environment' );
		$this->assertSame(
			array(
				'value'  => 'hdh_secret_from_environment',
				'source' => 'environment',
			),
			Block\config_value( Block\SECRET_NAME )
		);
		$this->assertTrue( Block\is_defined_outside_database( Block\SECRET_NAME ) );
		$this->assertFalse( Block\is_defined_outside_database( Block\HELPDESK_ID_NAME ) );
	}

	public function test_malformed_stored_values_are_reported_as_coming_from_the_settings_screen(): void {
		$this->store( 'your_helpdesk_id', 'not-a-secret' );

		$problems = Block\configuration_problems();
		$this->assertStringContainsString( 'set in Settings → Helpdesky is not a Helpdesky ID', $problems['helpdesk_id_malformed'] );
		$this->assertStringContainsString( 'set in Settings → Helpdesky does not look like a Helpdesky secret', $problems['secret_malformed'] );
		$this->assertSame( 'Settings → Helpdesky', Block\source_text( Block\SECRET_NAME, 'option' ) );
	}

	public function test_missing_settings_point_to_the_settings_screen(): void {
		$problems = Block\configuration_problems();
		$this->assertStringContainsString( 'Settings → Helpdesky', $problems['helpdesk_id_missing'] );
		$this->assertStringContainsString( 'Settings → Helpdesky', $problems['secret_missing'] );
	}

	public function test_stored_settings_ignore_anything_but_two_strings(): void {
		remove_all_filters( 'sanitize_option_' . Block\OPTION_NAME );
		update_option( Block\OPTION_NAME, 'a string' );
		$this->assertSame(
			array(
				'helpdesk_id' => '',
				'secret'      => '',
			),
			Block\stored_settings()
		);

		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => array( 'x' ),
				'secret'      => 42,
			)
		);
		$this->assertSame(
			array(
				'helpdesk_id' => '',
				'secret'      => '',
			),
			Block\stored_settings()
		);
	}

	public function test_editor_links_to_the_settings_screen(): void {
		$this->log_in_as( 'administrator' );
		$this->assertSame( 'http://example.org/wp-admin/options-general.php?page=helpdesky-block', Block\editor_data()['settingsUrl'] );
	}

	public function test_activation_creates_the_option_autoloaded_and_keeps_existing_values(): void {
		global $wpdb;
		delete_option( Block\OPTION_NAME );

		Settings\ensure_option_exists();

		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Block\OPTION_NAME ) );
		$this->assertContains( $autoload, wp_autoload_values_to_autoload() );
		$this->assertSame( 'on', $autoload, 'Explicitly autoloaded, not left to a heuristic that hosts can switch off.' );

		$this->store( self::$helpdesk_id, self::$secret );
		Settings\ensure_option_exists();
		$this->assertSame( self::$secret, Block\stored_settings()['secret'] );
	}

	/**
	 * WordPress loads every autoloaded option with one query at boot. With the settings in that
	 * option, signing the Ticket Center reads nothing more from the database.
	 */
	public function test_rendering_the_block_with_the_option_as_source_adds_no_query(): void {
		global $wpdb;
		Settings\ensure_option_exists();
		$this->store( self::$helpdesk_id, self::$secret );
		$this->log_in_as( 'subscriber' );
		$GLOBALS['current_screen'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- back on the front end.

		// What the next request starts with: an empty runtime cache, then the boot-time query.
		wp_cache_flush();
		wp_load_alloptions();
		$user = wp_get_current_user();
		$user->get_role_caps();

		$queries = $wpdb->num_queries;
		$html    = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
		$added   = $wpdb->num_queries - $queries;

		$tags = new WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $tags->next_tag( 'script' ), "The block did not sign:\n$html" );
		$this->assertSame( Block\sign( Block\normalize_email( $user->user_email ), self::$secret ), $tags->get_attribute( 'data-signature' ) );
		$this->assertSame( 0, $added, 'Rendering the block queried the database.' );
	}
}
