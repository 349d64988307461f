<?php
/**
 * Tools → Site Health: each test's result for each case, and the Info section.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Site_Health;

require_once __DIR__ . '/OwnerTestHelpers.php';
require_once __DIR__ . '/fixtures/w3tc-dispatcher.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class SiteHealthTest extends TestCase {

	use OwnerTestHelpers;

	protected function set_up(): void {
		$this->configure_helpdesky( null, null );
		$this->enter_admin( 'site-health' );
		$this->log_in_as( 'administrator' );
		\W3TC\Dispatcher::$values = array();
	}

	protected function tear_down(): void {
		foreach ( self::WP_SUPER_CACHE_GLOBALS as $name ) {
			unset( $GLOBALS[ $name ] );
		}
	}

	/** Globals that WP Super Cache's configuration file (wp-content/wp-cache-config.php) sets and the check reads. */
	private const WP_SUPER_CACHE_GLOBALS = array( 'cache_enabled', 'super_cache_enabled', 'wp_cache_not_logged_in', 'wp_cache_make_known_anon' );

	/**
	 * Cache Enabler's option as its settings screen saves it: every user setting, and the system
	 * ones it adds.
	 *
	 * @param string $excluded_cookies The "Cookies" exclusion (a regular expression, or '' for its default).
	 * @return array<string, array<string, int|string>>
	 */
	private static function cache_enabler_option( string $excluded_cookies ): array {
		return array(
			'cache_enabler' => array(
				'version'                            => '1.8.16',
				'use_trailing_slashes'               => 1,
				'permalink_structure'                => 'has_trailing_slash',
				'cache_expires'                      => 0,
				'cache_expiry_time'                  => 0,
				'clear_site_cache_on_saved_post'     => 0,
				'clear_site_cache_on_saved_comment'  => 0,
				'clear_site_cache_on_saved_term'     => 0,
				'clear_site_cache_on_saved_user'     => 0,
				'clear_site_cache_on_changed_plugin' => 0,
				'convert_image_urls_to_webp'         => 0,
				'mobile_cache'                       => 0,
				'compress_cache'                     => 0,
				'minify_html'                        => 0,
				'minify_inline_css_js'               => 0,
				'excluded_post_ids'                  => '',
				'excluded_page_paths'                => '',
				'excluded_query_strings'             => '',
				'excluded_cookies'                   => $excluded_cookies,
			),
		);
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

	/**
	 * Runs one of the plugin's tests the way WP_Site_Health runs direct tests.
	 *
	 * @return array<string, mixed>
	 */
	private function run_test( string $name ): array {
		$tests = apply_filters(
			'site_status_tests',
			array(
				'direct' => array(),
				'async'  => array(),
			)
		);
		$id    = 'helpdesky_block_' . $name;
		$this->assertArrayHasKey( $id, $tests['direct'] );
		$this->assertIsCallable( $tests['direct'][ $id ]['test'] );

		$result = call_user_func( $tests['direct'][ $id ]['test'] );
		foreach ( array( 'label', 'status', 'badge', 'description', 'actions', 'test' ) as $key ) {
			$this->assertArrayHasKey( $key, $result );
		}
		$this->assertSame( $id, $result['test'] );
		$this->assertContains( $result['status'], array( 'good', 'recommended', 'critical' ) );
		return $result;
	}

	private function activate_plugins( string ...$plugins ): void {
		update_option( 'active_plugins', $plugins );
	}

	public function test_four_direct_tests_and_no_async_ones_are_registered(): void {
		$tests = apply_filters(
			'site_status_tests',
			array(
				'direct' => array(),
				'async'  => array(),
			)
		);
		$this->assertSame(
			array( 'helpdesky_block_configuration', 'helpdesky_block_secret_storage', 'helpdesky_block_https', 'helpdesky_block_page_cache' ),
			array_keys( $tests['direct'] )
		);
		$this->assertSame( array(), $tests['async'] );
	}

	public function test_missing_configuration_is_critical(): void {
		$result = $this->run_test( 'configuration' );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'The Helpdesk ID is not set.', $result['description'] );
		$this->assertStringContainsString( 'options-general.php?page=helpdesky-block', $result['actions'] );
	}

	public function test_malformed_configuration_is_critical(): void {
		$this->configure_helpdesky( 'your_helpdesk_id', 'hdh_secret_abc' );
		$result = $this->run_test( 'configuration' );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'is not a Helpdesky ID', $result['description'] );

		$this->configure_helpdesky( self::$helpdesk_id, self::$secret . ' ' );
		$result = $this->run_test( 'configuration' );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'starts or ends with spaces', $result['description'] );
		$this->assertStringNotContainsString( self::$secret, $result['description'] );
	}

	public function test_complete_configuration_is_good(): void {
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );
		$this->assertSame( 'good', $this->run_test( 'configuration' )['status'] );

		$this->configure_helpdesky( null, null );
		$this->save( self::$helpdesk_id, self::$secret );
		$this->assertSame( 'good', $this->run_test( 'configuration' )['status'] );
	}

	public function test_secret_in_the_database_is_recommended_to_move_to_wp_config(): void {
		$this->save( self::$helpdesk_id, self::$secret );

		$result = $this->run_test( 'secret_storage' );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'HELPDESKY_HMAC_SECRET', $result['description'] );
		$this->assertStringNotContainsString( self::$secret, wp_json_encode( $result ) );
	}

	public function test_secret_from_the_environment_or_not_set_is_good_for_storage(): void {
		$this->assertSame( 'good', $this->run_test( 'secret_storage' )['status'] );

		$this->save( '', 'hdh_secret_overridden_copy' );
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );
		$this->assertSame( 'good', $this->run_test( 'secret_storage' )['status'] );
	}

	public function test_http_home_url_is_recommended_to_switch_to_https(): void {
		// The test site's address is http://example.org, whatever the current request's scheme.
		$_SERVER['HTTPS'] = 'on';
		$this->assertSame( 'recommended', $this->run_test( 'https' )['status'] );

		add_filter(
			'option_home',
			static function () {
				return 'https://example.org';
			},
			PHP_INT_MAX
		);
		$this->assertSame( 'good', $this->run_test( 'https' )['status'] );
	}

	public function test_no_cache_plugin_is_good(): void {
		$this->activate_plugins( 'helpdesky-block/helpdesky-block.php' );
		$this->assertSame( 'good', $this->run_test( 'page_cache' )['status'] );
	}

	/**
	 * @dataProvider risky_cache_settings
	 *
	 * @param string               $plugin  Plugin basename.
	 * @param array<string, mixed> $options Options (or W3TC configuration) that cache pages for signed-in users.
	 * @param array<string, mixed> $safe    The same settings in their safe state.
	 * @param string               $says    Part of the message.
	 */
	public function test_cache_plugin_caching_signed_in_users_is_recommended_to_change( string $plugin, array $options, array $safe, string $says ): void {
		$apply = static function ( array $settings ): void {
			foreach ( $settings as $name => $value ) {
				if ( 'w3tc' === $name ) {
					\W3TC\Dispatcher::$values = $value;
				} elseif ( 'wp-cache-config.php' === $name ) {
					// What WP Super Cache's configuration file leaves in the global scope.
					foreach ( $value as $global => $setting ) {
						$GLOBALS[ $global ] = $setting;
					}
				} else {
					update_option( $name, $value );
				}
			}
		};

		// Settings left behind by an inactive plugin do not count.
		$apply( $options );
		$this->activate_plugins( 'helpdesky-block/helpdesky-block.php' );
		$this->assertSame( 'good', $this->run_test( 'page_cache' )['status'] );

		$this->activate_plugins( 'helpdesky-block/helpdesky-block.php', $plugin );
		$result = $this->run_test( 'page_cache' );
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( $says, $result['description'] );

		$apply( $safe );
		$this->assertSame( 'good', $this->run_test( 'page_cache' )['status'] );
	}

	public function risky_cache_settings(): array {
		return array(
			'W3 Total Cache caching logged-in users'      => array(
				'w3-total-cache/w3-total-cache.php',
				array(
					'w3tc' => array(
						'pgcache.enabled'       => true,
						'pgcache.reject.logged' => false,
					),
				),
				array(
					'w3tc' => array(
						'pgcache.enabled'       => true,
						'pgcache.reject.logged' => true,
					),
				),
				'W3 Total Cache',
			),
			'Comet Cache with one cache for logged-in users' => array(
				'comet-cache/comet-cache.php',
				array(
					'comet_cache_options' => array(
						'enable'         => '1',
						'when_logged_in' => '1',
					),
				),
				array(
					'comet_cache_options' => array(
						'enable'         => '1',
						'when_logged_in' => '0',
					),
				),
				'Comet Cache',
			),
			'Comet Cache Pro with a cache per user'       => array(
				'comet-cache-pro/comet-cache-pro.php',
				array(
					'comet_cache_options' => array(
						'enable'         => '1',
						'when_logged_in' => 'postload',
					),
				),
				array(
					'comet_cache_options' => array(
						'enable'         => '0',
						'when_logged_in' => 'postload',
					),
				),
				'Comet Cache',
			),
			'LiteSpeed Cache with ESI'                    => array(
				'litespeed-cache/litespeed-cache.php',
				array( 'litespeed.conf.esi' => '1' ),
				array( 'litespeed.conf.esi' => '' ),
				'LiteSpeed Cache: ESI is enabled',
			),
			'WP Rocket user cache'                        => array(
				'wp-rocket/wp-rocket.php',
				array( 'wp_rocket_settings' => array( 'cache_logged_user' => 1 ) ),
				array( 'wp_rocket_settings' => array( 'cache_logged_user' => 0 ) ),
				'WP Rocket',
			),
			'WP Super Cache making known users anonymous' => array(
				'wp-super-cache/wp-cache.php',
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => true,
						'super_cache_enabled'      => true,
						'wp_cache_not_logged_in'   => 2,
						'wp_cache_make_known_anon' => 1,
					),
				),
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => true,
						'super_cache_enabled'      => true,
						'wp_cache_not_logged_in'   => 2,
						'wp_cache_make_known_anon' => 0,
					),
				),
				'Make known users anonymous',
			),
			'WP Super Cache making known users anonymous with caching off' => array(
				'wp-super-cache/wp-cache.php',
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => false,
						'super_cache_enabled'      => true,
						'wp_cache_not_logged_in'   => 2,
						'wp_cache_make_known_anon' => 1,
					),
				),
				// The sample configuration it starts from: caching off, so "all visitors" caches nothing.
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => false,
						'super_cache_enabled'      => true,
						'wp_cache_not_logged_in'   => 0,
						'wp_cache_make_known_anon' => 0,
					),
				),
				'signed-in users get the signed-out version',
			),
			'WP Super Cache caching for all visitors'     => array(
				'wp-super-cache/wp-cache.php',
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => true,
						'super_cache_enabled'      => true,
						'wp_cache_not_logged_in'   => 0,
						'wp_cache_make_known_anon' => 0,
					),
				),
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => true,
						'super_cache_enabled'      => true,
						'wp_cache_not_logged_in'   => 1,
						'wp_cache_make_known_anon' => 0,
					),
				),
				'Enable caching for all visitors',
			),
			'WP Super Cache caching for all visitors, then its recommended restriction' => array(
				'wp-super-cache/wp-cache.php',
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => true,
						'super_cache_enabled'      => false,
						'wp_cache_not_logged_in'   => 0,
						'wp_cache_make_known_anon' => 0,
					),
				),
				array(
					'wp-cache-config.php' => array(
						'cache_enabled'            => true,
						'super_cache_enabled'      => false,
						'wp_cache_not_logged_in'   => 2,
						'wp_cache_make_known_anon' => 0,
					),
				),
				'Enable caching for all visitors',
			),
			'Cache Enabler with cookie exclusions that leave out the sign-in cookie' => array(
				'cache-enabler/cache-enabler.php',
				self::cache_enabler_option( '/^(wp-postpass|comment_author)_/' ),
				// Empty means its default expression, which matches the logged-in cookie.
				self::cache_enabler_option( '' ),
				'Cache Enabler: Exclusions',
			),
			'Cache Enabler with its own exclusions that keep the sign-in cookie' => array(
				'cache-enabler/cache-enabler.php',
				self::cache_enabler_option( '/^comment_author_/' ),
				self::cache_enabler_option( '/^(wp-postpass|wordpress_logged_in|comment_author|woocommerce_items_in_cart)/' ),
				'(/^comment_author_/)',
			),
			'Cache Enabler with exclusions PHP cannot compile' => array(
				'cache-enabler/cache-enabler.php',
				// Its preg_match() fails on this, so no cookie is excluded.
				self::cache_enabler_option( '/^(wordpress_logged_in/' ),
				self::cache_enabler_option( '/wordpress_logged_in/' ),
				'Cache Enabler',
			),
		);
	}

	public function test_the_good_result_names_the_plugins_it_checks(): void {
		$this->activate_plugins( 'helpdesky-block/helpdesky-block.php' );
		$result = $this->run_test( 'page_cache' );
		$this->assertSame( 'good', $result['status'] );
		foreach ( array( 'W3 Total Cache', 'WP Super Cache', 'Cache Enabler', 'Comet Cache', 'LiteSpeed Cache', 'WP Rocket' ) as $plugin ) {
			$this->assertStringContainsString( $plugin, $result['description'] );
		}
		$this->assertStringNotContainsString( 'No page cache', $result['label'] );
	}

	public function test_the_advice_is_to_turn_it_off_or_switch_to_cache_proof_delivery(): void {
		$GLOBALS['wp_cache_make_known_anon'] = 1;
		$this->activate_plugins( 'helpdesky-block/helpdesky-block.php', 'wp-super-cache/wp-cache.php' );
		$result = $this->run_test( 'page_cache' );
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'Turn them off, or switch the Ticket Center block to cache-proof delivery', $result['description'] );
		// Escaped once, as list items.
		$this->assertStringContainsString( '<li>WP Super Cache: Advanced → &quot;Make known users anonymous so they&#039;re served supercached static files&quot; is on', $result['description'] );
	}

	public function test_info_section_lists_sources_and_whether_the_secret_is_set_never_its_value(): void {
		$this->save( self::$helpdesk_id, self::$secret );

		$info = apply_filters( 'debug_information', array() );

		$this->assertArrayHasKey( 'helpdesky-block', $info );
		$fields = $info['helpdesky-block']['fields'];
		$this->assertSame( self::$helpdesk_id, $fields['helpdesk_id']['value'] );
		$this->assertSame( 'Settings → Helpdesky', $fields['helpdesk_id_source']['value'] );
		$this->assertSame( 'option', $fields['helpdesk_id_source']['debug'] );
		$this->assertSame( 'Set', $fields['secret']['value'] );
		$this->assertSame( 'set', $fields['secret']['debug'] );
		$this->assertSame( 'Ready', $fields['status']['value'] );
		$this->assertStringContainsString( 'Enable messaging', $fields['helpdesky_checklist_1']['value'] );
		$this->assertStringContainsString( 'Allowed Embed Domains must include example.org', $fields['helpdesky_checklist_2']['value'] );
		$this->assertStringNotContainsString( self::$secret, (string) wp_json_encode( $info ) );
		$this->assertStringNotContainsString( substr( self::$secret, 11 ), (string) wp_json_encode( $info ) );
	}

	public function test_info_section_for_an_unconfigured_site(): void {
		$fields = apply_filters( 'debug_information', array() )['helpdesky-block']['fields'];

		$this->assertSame( 'Not set', $fields['secret']['value'] );
		$this->assertSame( 'none', $fields['secret_source']['debug'] );
		$this->assertSame( 'helpdesk_id_missing, secret_missing', $fields['status']['debug'] );
	}

	public function test_info_section_names_the_environment_as_source(): void {
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );
		$fields = apply_filters( 'debug_information', array() )['helpdesky-block']['fields'];

		$this->assertSame( 'the HELPDESKY_HMAC_SECRET environment variable', $fields['secret_source']['value'] );
		$this->assertStringNotContainsString( self::$secret, (string) wp_json_encode( $fields ) );
	}

	public function test_info_section_names_the_contact_form_script_and_a_broken_filter(): void {
		$fields = apply_filters( 'debug_information', array() )['helpdesky-block']['fields'];
		$this->assertSame( 'Contact Form script', $fields['contact_form_script_url']['label'] );
		$this->assertSame( 'https://helpdesky.io/contact-form.js', $fields['contact_form_script_url']['value'] );

		add_filter( 'helpdesky_block_contact_form_script_url', '__return_empty_string' );
		$fields = apply_filters( 'debug_information', array() )['helpdesky-block']['fields'];
		$this->assertSame( 'Invalid (helpdesky_block_contact_form_script_url filter)', $fields['contact_form_script_url']['value'] );
	}
}
