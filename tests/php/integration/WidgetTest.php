<?php
/**
 * The messaging widget on real WordPress: the footer for each setting, visitor and page, how its
 * tag is printed, the settings that drive it (hostile values included), the screen and Site Health.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Site_Health;
use Helpdesky\Block\Widget;
use WP_HTML_Tag_Processor;

require_once __DIR__ . '/OwnerTestHelpers.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class WidgetTest extends TestCase {

	use OwnerTestHelpers;

	const HELPDESK_ID = '123e4567-e89b-12d3-a456-426614174000';
	const SCRIPT_URL  = 'https://stand-in.example/widget.js';

	protected function set_up(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, null );
		add_filter(
			Widget\WIDGET_SCRIPT_URL_FILTER,
			static function () {
				return self::SCRIPT_URL;
			}
		);
	}

	/**
	 * Stores the widget's settings as an earlier save would leave them.
	 *
	 * @param array<string, mixed>|null $widget The 'widget' value, or null for an option without one.
	 */
	private function store( ?array $widget ): void {
		$option = array(
			'helpdesk_id' => '',
			'secret'      => '',
		);
		if ( null !== $widget ) {
			$option['widget'] = $widget;
		}
		update_option( Block\OPTION_NAME, $option );
	}

	/**
	 * What wp_footer prints of the plugin: the footer's other callbacks removed, the widget's hook
	 * added the way the plugin's bootstrap adds it (or not).
	 *
	 * @return string
	 */
	private function footer(): string {
		remove_all_actions( 'wp_footer' );
		Widget\bootstrap();
		return $this->capture(
			static function () {
				do_action( 'wp_footer' );
			}
		);
	}

	/**
	 * Attributes of every script tag in the HTML.
	 *
	 * @param string $html HTML.
	 * @return list<array<string, string|true>>
	 */
	private static function scripts( string $html ): array {
		$tags    = new WP_HTML_Tag_Processor( $html );
		$scripts = array();
		while ( $tags->next_tag( 'script' ) ) {
			$attributes = array();
			foreach ( (array) $tags->get_attribute_names_with_prefix( '' ) as $name ) {
				$attributes[ $name ] = $tags->get_attribute( $name );
			}
			$scripts[] = $attributes;
		}
		return $scripts;
	}

	private static function on( string $audience = 'everyone', array $excluded = array() ): array {
		return array(
			'enabled'        => true,
			'audience'       => $audience,
			'excluded_pages' => $excluded,
		);
	}

	public function test_off_by_default_no_hook_and_not_one_byte(): void {
		foreach ( array( null, array(), array( 'enabled' => false ), array( 'enabled' => '1' ), self::on() + array() ) as $index => $widget ) {
			if ( 4 === $index ) {
				$widget['enabled'] = false;
			}
			$this->store( $widget );
			$this->assertSame( '', $this->footer(), "case $index" );
			$this->assertFalse( has_action( 'wp_footer', 'Helpdesky\Block\Widget\print_footer' ), "case $index" );
		}
		delete_option( Block\OPTION_NAME );
		$this->assertSame( '', $this->footer() );
	}

	/**
	 * @dataProvider audiences
	 */
	public function test_audience_decides_who_gets_the_tag( string $audience, bool $for_signed_in, bool $for_visitors ): void {
		$this->store( self::on( $audience ) );
		$page = self::factory()->post->create( array( 'post_type' => 'page' ) );
		$this->go_to( (string) get_permalink( $page ) );

		$this->log_out();
		$this->assertCount( $for_visitors ? 1 : 0, self::scripts( $this->footer() ), 'logged out' );
		$this->log_in( self::factory()->user->create( array( 'role' => 'subscriber' ) ) );
		$this->assertCount( $for_signed_in ? 1 : 0, self::scripts( $this->footer() ), 'signed in' );
		if ( ! $for_signed_in ) {
			$this->assertSame( '', $this->footer() );
		}
	}

	public function audiences(): array {
		return array(
			'everyone'   => array( 'everyone', true, true ),
			'logged_in'  => array( 'logged_in', true, false ),
			'logged_out' => array( 'logged_out', false, true ),
		);
	}

	public function test_one_tag_with_the_helpdesk_id_and_the_optimizer_opt_outs_and_nothing_else(): void {
		$this->store( self::on() );
		$this->go_to( '/' );

		$footer  = $this->footer();
		$scripts = self::scripts( $footer );

		$this->assertCount( 1, $scripts );
		$this->assertSame( 1, substr_count( $footer, '<script' ) );
		$expected = array(
			'src'              => self::SCRIPT_URL,
			'data-helpdesk-id' => self::HELPDESK_ID,
		) + Block\OPTIMIZER_OPT_OUTS;
		$actual   = array_intersect_key( $scripts[0], $expected );
		ksort( $expected );
		ksort( $actual );
		$this->assertSame( $expected, $actual );
		$this->assertArrayNotHasKey( 'data-email', $scripts[0] );
		$this->assertArrayNotHasKey( 'data-signature', $scripts[0] );
		// No per-user data: the widget never makes a page uncacheable.
		$this->assertSame( 0, did_action( 'helpdesky_block_marked_uncacheable' ) );
	}

	public function test_the_same_optimizer_opt_outs_as_the_ticket_center(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, 'hdh_secret_widget_0123456789abcdef' );
		$this->log_in( self::factory()->user->create( array( 'role' => 'subscriber' ) ) );
		$view = Block\current_user_view( array() );
		$this->assertSame( 'embed', $view['state'] );
		$this->assertSame( Block\OPTIMIZER_OPT_OUTS, array_intersect_key( $view['script'], Block\OPTIMIZER_OPT_OUTS ) );
	}

	public function test_csp_nonce_filter_applies(): void {
		$this->store( self::on() );
		$this->go_to( '/' );
		add_filter(
			'wp_script_attributes',
			static function ( $attributes ) {
				$attributes['nonce'] = 'csp-nonce-123';
				return $attributes;
			}
		);

		$scripts = self::scripts( $this->footer() );
		$this->assertCount( 1, $scripts );
		$this->assertSame( 'csp-nonce-123', $scripts[0]['nonce'] );
		$this->assertSame( self::HELPDESK_ID, $scripts[0]['data-helpdesk-id'] );
	}

	public function test_excluded_pages_get_nothing_and_other_pages_the_tag(): void {
		$excluded = self::factory()->post->create( array( 'post_type' => 'page' ) );
		$other    = self::factory()->post->create( array( 'post_type' => 'page' ) );
		$this->store( self::on( 'everyone', array( $excluded ) ) );

		foreach ( array( 0, self::factory()->user->create( array( 'role' => 'administrator' ) ) ) as $user ) {
			wp_set_current_user( $user );
			$this->go_to( (string) get_permalink( $excluded ) );
			$this->assertSame( '', $this->footer(), "user $user, excluded page" );
			$this->go_to( (string) get_permalink( $other ) );
			$this->assertCount( 1, self::scripts( $this->footer() ), "user $user, other page" );
		}
	}

	public function test_excluded_static_front_page(): void {
		$front = self::factory()->post->create( array( 'post_type' => 'page' ) );
		update_option( 'show_on_front', 'page' );
		update_option( 'page_on_front', $front );
		$this->store( self::on( 'everyone', array( $front ) ) );

		$this->go_to( '/' );
		$this->assertSame( '', $this->footer() );
	}

	/**
	 * @dataProvider unusable_helpdesk_ids
	 */
	public function test_missing_or_malformed_helpdesk_id_gives_nobody_anything( ?string $helpdesk_id ): void {
		$this->configure_helpdesky( $helpdesk_id, null );
		$this->store( self::on() );
		$this->go_to( '/' );

		$this->log_out();
		$this->assertSame( '', $this->footer() );
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$this->assertSame( '', $this->footer() );
	}

	public function unusable_helpdesk_ids(): array {
		return array(
			'missing'   => array( null ),
			'malformed' => array( 'your_helpdesk_id' ),
			'markup'    => array( '"><script>alert(1)</script>' ),
		);
	}

	public function test_unusable_script_url_gives_nothing(): void {
		$this->store( self::on() );
		add_filter(
			Widget\WIDGET_SCRIPT_URL_FILTER,
			static function () {
				return 'javascript:alert(1)';
			},
			20
		);
		$this->go_to( '/' );
		$this->assertSame( '', $this->footer() );
	}

	public function test_the_default_url_is_helpdeskys_widget_script(): void {
		remove_all_filters( Widget\WIDGET_SCRIPT_URL_FILTER );
		$this->assertSame( 'https://helpdesky.io/widget.js', Widget\script_url() );
	}

	public function test_sanitize_keeps_valid_choices_and_only_existing_page_ids(): void {
		$this->enter_admin( 'settings_page_helpdesky-block' );
		$page  = self::factory()->post->create( array( 'post_type' => 'page' ) );
		$post  = self::factory()->post->create( array( 'post_type' => 'post' ) );
		$clean = Settings\sanitize(
			array(
				'widget' => array(
					'enabled'        => '1',
					'audience'       => 'logged_out',
					'excluded_pages' => array( '', (string) $page, (string) $page, (string) $post, '999999', $page . 'abc', '-' . $page ),
				),
			)
		);
		$this->assertSame(
			array(
				'enabled'        => true,
				'audience'       => 'logged_out',
				'excluded_pages' => array( $page ),
			),
			$clean['widget']
		);
		// Idempotent: WordPress runs the callback twice when the option is first added.
		$this->assertSame( $clean['widget'], Settings\sanitize( $clean )['widget'] );
		$this->assertSame( array(), $this->settings_error_codes() );
	}

	public function test_unchecked_box_switches_it_off_and_a_form_without_widget_fields_keeps_it(): void {
		$this->enter_admin( 'settings_page_helpdesky-block' );
		$this->store( self::on( 'logged_in' ) );

		$this->assertSame( self::on( 'logged_in' ), Settings\sanitize( array( 'helpdesk_id' => '' ) )['widget'] );
		$this->assertFalse(
			Settings\sanitize(
				array(
					'widget' => array(
						'enabled'  => '0',
						'audience' => 'logged_in',
					),
				)
			)['widget']['enabled']
		);
	}

	/**
	 * @dataProvider hostile_values
	 *
	 * @param mixed $value A hostile value.
	 */
	public function test_hostile_values_become_safe_settings( $value ): void {
		$this->enter_admin( 'settings_page_helpdesky-block' );
		Settings\register_settings();
		$page = self::factory()->post->create( array( 'post_type' => 'page' ) );

		$submissions = array( $value, array( $value ) );
		foreach ( array( 'enabled', 'audience', 'excluded_pages' ) as $field ) {
			$submissions[] = array( $field => $value );
		}
		foreach ( $submissions as $widget ) {
			// Through the registered callback, as options.php saves it.
			update_option( Block\OPTION_NAME, array( 'widget' => $widget ) );
			$stored = get_option( Block\OPTION_NAME )['widget'];

			$this->assertIsBool( $stored['enabled'] );
			$this->assertContains( $stored['audience'], Widget\AUDIENCES );
			$this->assertIsArray( $stored['excluded_pages'] );
			foreach ( $stored['excluded_pages'] as $id ) {
				$this->assertSame( $page, $id );
			}
			$this->assertSame( $stored, Widget\settings() );
		}
	}

	public function hostile_values(): array {
		$fixture = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/fixtures/hostile-inputs.json' ), true, 512, JSON_THROW_ON_ERROR );
		$cases   = array();
		foreach ( $fixture as $list => $values ) {
			if ( '$comment' === $list ) {
				continue;
			}
			foreach ( $values as $index => $value ) {
				if ( is_array( $value ) && isset( $value['$base64'] ) ) {
					$value = base64_decode( $value['$base64'], true );
				} elseif ( is_array( $value ) && isset( $value['$repeat'] ) ) {
					$value = ( $value['$prefix'] ?? '' ) . str_repeat( $value['$repeat'], $value['$times'] ) . ( $value['$suffix'] ?? '' );
				}
				$cases[ "$list #$index" ] = array( $value );
			}
		}
		$cases['nested']   = array( array( array( 1 ), array( 'x' => 2 ), 1.5, true, null ) );
		$cases['too many'] = array( array_fill( 0, 5000, '1' ) );
		$cases['case']     = array( 'EVERYONE' );
		return $cases;
	}

	public function test_stored_garbage_reads_as_off(): void {
		remove_all_filters( 'sanitize_option_' . Block\OPTION_NAME );
		foreach ( array( 'yes', 1, array( 'enabled' => 'true' ), array( 'enabled' => 1 ) ) as $widget ) {
			update_option( Block\OPTION_NAME, array( 'widget' => $widget ) );
			$this->assertFalse( Widget\settings()['enabled'] );
			$this->assertSame( '', $this->footer() );
		}
	}

	public function test_settings_screen_shows_the_widget_fields_to_administrators_only(): void {
		$this->enter_admin( 'settings_page_helpdesky-block' );
		Settings\register_settings();
		$page = self::factory()->post->create(
			array(
				'post_type'  => 'page',
				'post_title' => 'Pricing & plans',
			)
		);
		$this->store( self::on( 'logged_out', array( $page ) ) );

		$this->log_in_as( 'administrator' );
		$html = $this->capture( 'Helpdesky\Block\Settings\render_page' );

		$tags   = new WP_HTML_Tag_Processor( $html );
		$fields = array();
		while ( $tags->next_tag() ) {
			$name = $tags->get_attribute( 'name' );
			if ( is_string( $name ) && 0 === strpos( $name, Block\OPTION_NAME . '[widget]' ) ) {
				$fields[] = array( $tags->get_tag(), $name, $tags->get_attribute( 'type' ), $tags->get_attribute( 'value' ), null !== $tags->get_attribute( 'checked' ) );
			}
			if ( 'OPTION' === $tags->get_tag() && (string) $page === $tags->get_attribute( 'value' ) ) {
				$this->assertNotNull( $tags->get_attribute( 'selected' ) );
			}
		}
		$this->assertContains( array( 'INPUT', 'helpdesky_block_settings[widget][enabled]', 'checkbox', '1', true ), $fields );
		$this->assertContains( array( 'INPUT', 'helpdesky_block_settings[widget][audience]', 'radio', 'logged_out', true ), $fields );
		$this->assertContains( array( 'INPUT', 'helpdesky_block_settings[widget][audience]', 'radio', 'everyone', false ), $fields );
		$this->assertContains( array( 'SELECT', 'helpdesky_block_settings[widget][excluded_pages][]', null, null, false ), $fields );
		$this->assertStringContainsString( 'Pricing &amp; plans', $html );
		// Inside the Settings API form that posts to options.php (its nonce and capability check).
		$this->assertStringContainsString( "name='option_page' value='" . Settings\OPTION_GROUP . "'", $html );

		$this->log_in_as( 'editor' );
		$this->assertSame( '', $this->capture( 'Helpdesky\Block\Settings\render_page' ) );
	}

	public function test_widget_settings_are_part_of_the_option_options_php_guards(): void {
		$this->enter_admin( 'settings_page_helpdesky-block' );
		Settings\register_settings();
		$allowed = option_update_filter( array() );
		$this->assertSame( array( Block\OPTION_NAME ), array_values( array_unique( $allowed[ Settings\OPTION_GROUP ] ) ) );
		$this->assertSame( 'manage_options', apply_filters( 'option_page_capability_' . Settings\OPTION_GROUP, 'manage_options' ) );
	}

	public function test_site_health_info_shows_the_widget_state(): void {
		$this->enter_admin( 'site-health' );
		$this->log_in_as( 'administrator' );

		$field = static function () {
			return Site_Health\add_debug_information( array() )['helpdesky-block']['fields']['widget'];
		};
		$this->assertSame( 'off', $field()['debug'] );

		$this->store( self::on( 'logged_in', array( 3, 4 ) ) );
		$this->assertSame( 'on, logged_in, 2 excluded pages, ready', $field()['debug'] );
		$this->assertStringContainsString( 'signed-in users only', $field()['value'] );

		$this->configure_helpdesky( 'nope', null );
		$this->assertStringStartsWith( 'on, logged_in, 2 excluded pages, not shown', $field()['debug'] );
	}
}
