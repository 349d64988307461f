<?php
/**
 * Constants in wp-config.php win over the settings screen and lock its fields. Constants cannot
 * be undefined, so each test runs in its own PHP process.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Site_Health;

require_once __DIR__ . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class SettingsConstantsTest extends TestCase {

	use OwnerTestHelpers;

	/**
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_constants_win_over_the_option_and_lock_the_fields(): void {
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => '00000000-0000-4000-8000-000000000000',
				'secret'      => 'hdh_secret_stored_in_the_database',
			)
		);
		define( 'HELPDESKY_HELPDESK_ID', self::$helpdesk_id );
		define( 'HELPDESKY_HMAC_SECRET', self::$secret );

		$this->assertSame(
			array(
				'value'  => self::$helpdesk_id,
				'source' => 'constant',
			),
			Block\config_value( Block\HELPDESK_ID_NAME )
		);
		$this->assertSame(
			array(
				'value'  => self::$secret,
				'source' => 'constant',
			),
			Block\config_value( Block\SECRET_NAME )
		);

		$this->enter_admin( 'settings_page_helpdesky-block' );
		$this->log_in_as( 'administrator' );
		Settings\register_settings();
		$html = $this->capture( 'Helpdesky\Block\Settings\render_page' );

		$this->assertStringContainsString( 'Set by the HELPDESKY_HMAC_SECRET constant in wp-config.php, which overrides this field.', $html );
		$this->assertStringContainsString( 'Set by the HELPDESKY_HELPDESK_ID constant in wp-config.php, which overrides this field.', $html );
		$this->assertMatchesRegularExpression( '/<input type="password"[^>]*id="helpdesky-block-secret" disabled/', $html );
		$this->assertStringNotContainsString( 'name="helpdesky_block_settings[secret]"', $html );
		$this->assertStringNotContainsString( 'name="helpdesky_block_settings[helpdesk_id]"', $html );
		$this->assertStringNotContainsString( self::$secret, $html );
		$this->assertStringNotContainsString( 'hdh_secret_stored_in_the_database', $html );
		$this->assertStringContainsString( 'A secret is also saved in the database.', $html );

		// A forged submission cannot change what the constants override.
		$clean = Settings\sanitize(
			array(
				'helpdesk_id' => self::$helpdesk_id,
				'secret'      => 'hdh_secret_forged',
			)
		);
		$this->assertSame( '00000000-0000-4000-8000-000000000000', $clean['helpdesk_id'] );
		$this->assertSame( 'hdh_secret_stored_in_the_database', $clean['secret'] );

		// Site Health: configured, and the secret used is not the database's.
		$this->assertSame( 'good', Site_Health\test_configuration()['status'] );
		$this->assertSame( 'good', Site_Health\test_secret_storage()['status'] );
	}
}
