<?php
/**
 * Hostile input through the real render: emails as an SSO or import plugin might store them,
 * block attributes as a hand-edited post or another plugin might write them, shortcode
 * attributes, and the settings screen's fields. Values come from tests/fixtures/hostile-inputs.json.
 *
 * For each value the output is read by two HTML parsers, which must agree, and:
 *   - every attribute value round-trips exactly (data-email is normalize_email( raw ) whenever
 *     the address is signable, and then data-signature is its HMAC, computed here);
 *   - no element or attribute appears beyond the set the block prints;
 *   - no PHP notice, warning or deprecation is raised (they become exceptions while rendering).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use ErrorException;
use Helpdesky\Block;
use Helpdesky\Block\Contact_Form;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Shortcode;
use WP_Block_Type_Registry;
use WP_REST_Request;

require_once __DIR__ . '/HtmlAssertions.php';
require_once __DIR__ . '/OwnerTestHelpers.php';

final class HostileInputTest extends TestCase {

	use HtmlAssertions;
	use OwnerTestHelpers;

	const HELPDESK_ID = '123e4567-e89b-12d3-a456-426614174000';
	const SECRET      = 'hdh_secret_hostile_0123456789abcdef';
	const USER_EMAIL  = 'member@example.com';

	/** Everything the block may print: tag => attribute names. */
	const ALLOWED = array(
		'div'      => array( 'class', 'style', 'id', 'data-helpdesky-ticket-center', 'aria-busy', 'role' ),
		'script'   => array( 'src', 'data-helpdesk-id', 'data-email', 'data-signature', 'data-align', 'data-max-width', 'data-cfasync', 'data-no-optimize', 'data-no-defer', 'data-no-minify', 'data-pagespeed-no-defer', 'nowprocket' ),
		'p'        => array( 'class', 'role' ),
		'a'        => array( 'class', 'href' ),
		'ul'       => array(),
		'li'       => array(),
		'strong'   => array(),
		// Cache-proof delivery: the views a visitor may get, for the view script to pick from.
		'template' => array( 'data-helpdesky-variant' ),
	);

	/** Everything the Contact Form may print: tag => attribute names. */
	const ALLOWED_CONTACT_FORM = array(
		'div'    => array( 'class', 'style', 'id' ),
		'script' => array( 'src', 'data-helpdesk-id', 'data-align', 'data-max-width', 'data-cfasync', 'data-no-optimize', 'data-no-defer', 'data-no-minify', 'data-pagespeed-no-defer', 'nowprocket' ),
	);

	/** Widths that must survive sanitizing unchanged (Helpdesky's documented examples and kin). */
	const GOOD_WIDTHS = array( '864px', '100%', '48rem', '2.5em', '60vw', '80ch', '9999.99px' );

	/** @var array<string, array<int, mixed>>|null */
	private static $fixture;

	protected function set_up(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, self::SECRET );
		Settings\self_test_result( null, true );
	}

	protected function tear_down(): void {
		Settings\self_test_result( null, true );
	}

	/*
	 * Fixture.
	 */

	/**
	 * The values of one list of the fixture file, decoded.
	 *
	 * @param string $name List name.
	 * @return array<string, array{mixed}> Case name => [ value ].
	 */
	private static function values( string $name ): array {
		if ( null === self::$fixture ) {
			$json          = (string) file_get_contents( dirname( __DIR__, 2 ) . '/fixtures/hostile-inputs.json' );
			self::$fixture = json_decode( $json, true, 512, JSON_THROW_ON_ERROR );
		}
		$cases = array();
		foreach ( self::$fixture[ $name ] as $index => $value ) {
			$value = self::decode( $value );
			$cases[ sprintf( '%s #%03d %s', $name, $index, self::label( $value ) ) ] = array( $value );
		}
		return $cases;
	}

	/**
	 * Turns the fixture's $base64 / $repeat objects into the strings they describe.
	 *
	 * @param mixed $value Fixture value.
	 * @return mixed
	 */
	private static function decode( $value ) {
		if ( is_array( $value ) && isset( $value['$base64'] ) ) {
			return base64_decode( $value['$base64'], true );
		}
		if ( is_array( $value ) && isset( $value['$repeat'] ) ) {
			return ( $value['$prefix'] ?? '' ) . str_repeat( $value['$repeat'], $value['$times'] ) . ( $value['$suffix'] ?? '' );
		}
		return $value;
	}

	/**
	 * A short, printable name for a value, for PHPUnit's list of cases.
	 *
	 * @param mixed $value Value.
	 * @return string
	 */
	private static function label( $value ): string {
		$json = is_string( $value ) && ! preg_match( '//u', $value ) ? 'bytes:' . bin2hex( $value ) : (string) wp_json_encode( $value );
		return strlen( $json ) > 60 ? substr( $json, 0, 50 ) . '…(' . strlen( $json ) . ')' : $json;
	}

	public function emails(): array {
		return self::values( 'emails' );
	}

	public function emails_by_source(): array {
		$cases = array();
		foreach ( self::values( 'emails' ) as $name => $args ) {
			$cases[ 'users table: ' . $name ] = array( 'users table', $args[0] );
			$cases[ 'filter: ' . $name ]      = array( 'filter', $args[0] );
		}
		return $cases;
	}

	public function attribute_values(): array {
		$cases = array();
		foreach ( array( 'maxWidth', 'loggedOutMessage', 'contentAlign', 'showLoginLink', 'deliveryMode', 'loggedOutShows' ) as $attribute ) {
			foreach ( self::values( $attribute ) as $name => $args ) {
				$cases[ $name ] = array( $attribute, $args[0] );
			}
		}
		return $cases;
	}

	public function attribute_values_and_paths(): array {
		$cases = array();
		foreach ( $this->attribute_values() as $name => $args ) {
			$cases[ 'block comment: ' . $name ] = array( 'block comment', $args[0], $args[1] );
			$cases[ 'render_block: ' . $name ]  = array( 'render_block', $args[0], $args[1] );
			if ( is_string( $args[1] ) ) {
				$cases[ 'shortcode: ' . $name ] = array( 'shortcode', $args[0], $args[1] );
			}
		}
		return $cases;
	}

	/**
	 * The Ticket Center's layout values, through the same paths into the Contact Form, which
	 * shares those two attributes (and their shortcode attributes).
	 *
	 * @return array<string, array{0: string, 1: string, 2: mixed}>
	 */
	public function contact_form_attribute_values_and_paths(): array {
		return array_filter(
			$this->attribute_values_and_paths(),
			static function ( array $args ): bool {
				return in_array( $args[1], array( 'contentAlign', 'maxWidth' ), true );
			}
		);
	}

	public function settings_values(): array {
		$cases = array();
		foreach ( array(
			'helpdeskId' => 'helpdesk_id',
			'secret'     => 'secret',
		) as $list => $field ) {
			foreach ( self::values( $list ) as $name => $args ) {
				$cases[ $name ] = array( $field, $args[0] );
			}
		}
		return $cases;
	}

	/**
	 * The settings values a database can hold: MariaDB's utf8mb4 columns (and wpdb) refuse
	 * invalid UTF-8, so those values can reach the screen only through the sanitize path, which
	 * test_hostile_settings_input_is_kept_out covers.
	 *
	 * @return array<string, array{0: string, 1: mixed}>
	 */
	public function stored_settings_values(): array {
		return array_filter(
			$this->settings_values(),
			static function ( array $args ): bool {
				return ! is_string( $args[1] ) || wp_check_invalid_utf8( $args[1] ) === $args[1];
			}
		);
	}

	public function test_the_fixture_holds_at_least_200_values(): void {
		$count = 0;
		foreach ( array( 'emails', 'maxWidth', 'loggedOutMessage', 'contentAlign', 'showLoginLink', 'deliveryMode', 'loggedOutShows', 'helpdeskId', 'secret' ) as $list ) {
			$count += count( self::values( $list ) );
		}
		$this->assertGreaterThanOrEqual( 200, $count );
	}

	/*
	 * Helpers.
	 */

	/**
	 * Runs code under test with every PHP notice, warning and deprecation turned into an
	 * exception, whatever PHPUnit's own settings.
	 *
	 * @param callable $callback Code under test.
	 * @return mixed What it returns.
	 * @throws ErrorException On any PHP error.
	 */
	private function strictly( callable $callback ) {
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- the test's purpose: fail on any notice.
		set_error_handler(
			static function ( int $severity, string $message, string $file, int $line ): bool {
				throw new ErrorException( $message, 0, $severity, $file, $line );
			}
		);
		try {
			return $callback();
		} finally {
			restore_error_handler();
		}
	}

	/**
	 * A new request as far as the block is concerned: one Ticket Center, one cache opt-out.
	 */
	private function new_request(): void {
		global $wp_actions;
		unset( $wp_actions['helpdesky_block_ticket_center_claimed'], $wp_actions['helpdesky_block_marked_uncacheable'], $wp_actions['helpdesky_block_cache_proof_rendered'] );
		\Helpdesky\Block\reset_request_flags();
	}

	/**
	 * A subscriber whose email is written straight into wp_users, bypassing sanitize_email().
	 *
	 * @param string $email Email.
	 * @return array{0: int, 1: string} User ID and the email as the database kept it.
	 */
	private function user_with_raw_email( string $email ): array {
		global $wpdb;
		$user_id = self::factory()->user->create(
			array(
				'role'       => 'subscriber',
				'user_email' => self::USER_EMAIL,
			)
		);
		// wpdb refuses values the column cannot hold (too long, invalid UTF-8): those reach the
		// block through the helpdesky_block_user_email filter instead (emails_by_source()).
		$wpdb->update( $wpdb->users, array( 'user_email' => $email ), array( 'ID' => $user_id ) );
		// Core itself complains when it caches a user whose email is blank (an empty cache key).
		// That notice is WordPress's object cache's, not the block's; the block uses no cache.
		add_filter(
			'doing_it_wrong_trigger_error',
			static function ( $trigger, $function_name ) {
				return 0 === strpos( $function_name, 'WP_Object_Cache::' ) ? false : $trigger;
			},
			10,
			2
		);
		clean_user_cache( $user_id );
		return array( $user_id, (string) $wpdb->get_var( $wpdb->prepare( "SELECT user_email FROM {$wpdb->users} WHERE ID = %d", $user_id ) ) );
	}

	/**
	 * The parsed block for the attributes.
	 *
	 * @param array<string, mixed> $attrs Attributes.
	 * @param string               $block Block name.
	 * @return array<string, mixed>
	 */
	private static function parsed_block( array $attrs, string $block = Block\BLOCK_NAME ): array {
		return array(
			'blockName'    => $block,
			'attrs'        => $attrs,
			'innerBlocks'  => array(),
			'innerHTML'    => '',
			'innerContent' => array(),
		);
	}

	/**
	 * Renders the block with one attribute set, by one of the ways content reaches it.
	 *
	 * @param string $path      'block comment' (post content), 'render_block' (PHP callers) or 'shortcode'.
	 * @param string $attribute Block attribute.
	 * @param mixed  $value     Value.
	 * @param string $block     Block name: the Ticket Center's or the Contact Form's.
	 * @return string HTML.
	 */
	private function render_with( string $path, string $attribute, $value, string $block = Block\BLOCK_NAME ): string {
		$this->new_request();
		$form = Contact_Form\BLOCK_NAME === $block;
		switch ( $path ) {
			case 'block comment':
				$markup = serialize_block( self::parsed_block( array( $attribute => $value ), $block ) );
				return (string) $this->strictly(
					static function () use ( $markup ) {
						return do_blocks( $markup );
					}
				);
			case 'render_block':
				return (string) $this->strictly(
					static function () use ( $attribute, $value, $block ) {
						return render_block( self::parsed_block( array( $attribute => $value ), $block ) );
					}
				);
			default:
				$name = array_search( $attribute, $form ? Shortcode\CONTACT_FORM_ATTRIBUTES : Shortcode\ATTRIBUTES, true );
				// Shortcode parity: every block attribute has a shortcode attribute.
				$this->assertNotFalse( $name, "The shortcode has no attribute for {$attribute}." );
				// The Contact Form's names are the Ticket Center's.
				$this->assertSame( $name, array_search( $attribute, Shortcode\ATTRIBUTES, true ) );
				return (string) $this->strictly(
					static function () use ( $name, $value, $form ) {
						return $form ? Shortcode\render_contact_form( array( $name => $value ) ) : Shortcode\render( array( $name => $value ) );
					}
				);
		}
	}

	/**
	 * What the block works with after WordPress validated the attribute against block.json
	 * (invalid values fall back to the default) or, for the shortcode, converted it.
	 *
	 * @param string $path      See render_with().
	 * @param string $attribute Block attribute.
	 * @param mixed  $value     Value.
	 * @param string $block     Block name.
	 * @return mixed
	 */
	private static function effective( string $path, string $attribute, $value, string $block = Block\BLOCK_NAME ) {
		$attrs = array( $attribute => $value );
		if ( 'shortcode' === $path && 'showLoginLink' === $attribute ) {
			$attrs = array( $attribute => Shortcode\to_bool( $value ) );
		} elseif ( 'block comment' === $path ) {
			// What the post content holds: the attributes as JSON, decoded again when parsed.
			// Core's serializer writes some values, a lone backslash among them, as JSON its own
			// parser rejects; the block then gets no attributes at all, as here.
			$attrs = parse_blocks( serialize_block( self::parsed_block( $attrs, $block ) ) )[0]['attrs'] ?? array();
		}
		$type = WP_Block_Type_Registry::get_instance()->get_registered( $block );
		return $type->prepare_attributes_for_render( $attrs )[ $attribute ];
	}

	/**
	 * Whether the login link shows for a (validated) showLoginLink value: the block.json type is
	 * boolean, and WordPress's schema accepts "false", "0" and 0 as the boolean false.
	 *
	 * @param mixed $value Validated value.
	 * @return bool
	 */
	private static function expects_login_link( $value ): bool {
		return rest_sanitize_boolean( $value );
	}

	/**
	 * The message a logged-out visitor is expected to read.
	 *
	 * @param mixed $message Validated loggedOutMessage.
	 * @return string
	 */
	private static function expected_message( $message ): string {
		$message = is_string( $message ) ? trim( $message ) : '';
		return '' !== $message && wp_check_invalid_utf8( $message ) === $message ? $message : 'Please log in to see your support conversations.';
	}

	/**
	 * What a logged-out visitor is expected to get for a (validated) loggedOutShows value: a known
	 * value, else the default.
	 *
	 * @param mixed $value Validated value.
	 * @return string 'prompt', 'form' or 'both'.
	 */
	private static function expected_shows( $value ): string {
		return in_array( $value, array( 'prompt', 'form', 'both' ), true ) ? $value : 'prompt';
	}

	/**
	 * The visitor's scripts are the Contact Form's only, as many as expected, each right after
	 * its container, with the Helpdesk ID and nothing about any user.
	 *
	 * @param int                                                               $count    Expected number.
	 * @param array<int, array{tag: string, attributes: array<string, string>}> $elements Elements.
	 * @param string                                                            $html     For the messages.
	 */
	private function assert_contact_form_scripts( int $count, array $elements, string $html ): void {
		$scripts = self::elements_named( $elements, 'script' );
		$this->assertCount( $count, $scripts, $html );
		foreach ( $elements as $index => $element ) {
			if ( 'script' !== $element['tag'] ) {
				continue;
			}
			$this->assertSame( Contact_Form\DEFAULT_SCRIPT_URL, $element['attributes']['src'] ?? null );
			$this->assertSame( self::HELPDESK_ID, $element['attributes']['data-helpdesk-id'] ?? null );
			$this->assertArrayNotHasKey( 'data-email', $element['attributes'] );
			$this->assertArrayNotHasKey( 'data-signature', $element['attributes'] );
			$this->assertSame( array( 'id' => Contact_Form\CONTAINER_ID ), $elements[ $index - 1 ]['attributes'] ?? null, "The form's container comes first:\n{$html}" );
		}
	}

	/**
	 * The text of the element with the class, decoded, as a browser's DOM holds it.
	 *
	 * @param string $html  HTML.
	 * @param string $class Class name.
	 * @return string|null
	 */
	private function text_of( string $html, string $class ): ?string {
		$inside = false;
		$text   = null;
		foreach ( $this->html_tokens( $html ) as $token ) {
			if ( isset( $token['close'] ) ) {
				$inside = false;
				continue;
			}
			if ( isset( $token['tag'] ) ) {
				$classes = explode( ' ', $token['attributes']['class'] ?? '' );
				$inside  = in_array( $class, $classes, true );
				if ( $inside ) {
					$text = '';
				}
				continue;
			}
			if ( $inside ) {
				$text .= $token['text'];
			}
		}
		return $text;
	}

	/**
	 * The markup of one of a cache-proof block's <template> variants.
	 *
	 * @param string $html    The block's HTML.
	 * @param string $variant 'logged_out' or 'unavailable'.
	 * @return string
	 */
	private static function variant( string $html, string $variant ): string {
		return 1 === preg_match( '#<template data-helpdesky-variant="' . preg_quote( $variant, '#' ) . '">(.*?)</template>#s', $html, $match ) ? $match[1] : '';
	}

	/**
	 * What an HTML parser hands the DOM for a text the block printed: the input stream turns CR
	 * and CRLF into LF and drops NUL characters in text (HTML's preprocessing and tree rules).
	 * Applied to both sides, since WordPress's tokenizer leaves that to the browser.
	 *
	 * @param string $text Text as printed or read.
	 * @return string
	 */
	private static function as_dom_text( string $text ): string {
		return str_replace( array( "\r\n", "\r", "\0" ), array( "\n", "\n", '' ), $text );
	}

	/*
	 * Emails.
	 */

	/**
	 * @dataProvider emails_by_source
	 */
	public function test_hostile_email_is_signed_exactly_or_not_at_all( string $source, string $raw ): void {
		if ( 'users table' === $source ) {
			list( $user_id, $stored ) = $this->user_with_raw_email( $raw );
			if ( $stored !== $raw ) {
				// The database would not keep it; the filter case covers this value.
				$this->assertSame( self::USER_EMAIL, $stored, 'wpdb refuses a value or keeps it whole, never a part of it.' );
				return;
			}
		} else {
			list( $user_id ) = $this->user_with_raw_email( self::USER_EMAIL );
			add_filter(
				'helpdesky_block_user_email',
				static function () use ( $raw ) {
					return $raw;
				}
			);
		}
		$this->log_in( $user_id );
		$this->new_request();

		$html = (string) $this->strictly(
			static function () {
				return do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
			}
		);

		$elements = $this->assert_parsers_agree( $html );
		$this->assert_only_allowed( $elements, self::ALLOWED, $html );
		$scripts = self::elements_named( $elements, 'script' );

		// The contract, written out independently of the plugin: trim, ASCII-lowercase.
		$normalized = strtolower( trim( $raw ) );
		$this->assertSame( $normalized, Block\normalize_email( $raw ) );

		if ( '' === $normalized ) {
			$this->assertSame( '', trim( $html ), 'No address, no Ticket Center.' );
			return;
		}

		if ( null === Block\email_problem( $normalized ) ) {
			// What the plugin calls signable must be a plausible address.
			// No whitespace, control or invisible formatting character (bidi overrides, zero-width
			// spaces, BOM) in any script: they change what the signature covers without showing.
			$this->assertMatchesRegularExpression( '/^[^\p{Z}\p{C}\s]+@[^\p{Z}\p{C}\s]+$/Du', $normalized );
			$this->assertLessThanOrEqual( 254, strlen( $normalized ) );

			$this->assertCount( 1, $scripts, $html );
			$this->assertSame( $normalized, $scripts[0]['data-email'], 'data-email round-trips exactly.' );
			$this->assertSame( hash_hmac( 'sha256', $normalized, self::SECRET ), $scripts[0]['data-signature'] );
			$this->assertSame( self::HELPDESK_ID, $scripts[0]['data-helpdesk-id'] );
			$this->assertSame( 'https://helpdesky.io/ticket-center.js', $scripts[0]['src'] );
			return;
		}

		$this->assertCount( 0, $scripts, $html );
		$this->assertStringNotContainsString( 'data-email', $html );
		$this->assertStringNotContainsString( hash_hmac( 'sha256', $normalized, self::SECRET ), $html );
		$this->assertSame( 'The support center is not available right now. Please try again later or contact the site team.', $this->text_of( $html, 'wp-block-helpdesky-ticket-center__message' ) );
		$this->assertCount( 0, self::elements_named( $elements, 'li' ), 'Subscribers get no diagnostics.' );
	}

	/**
	 * @dataProvider emails
	 */
	public function test_hostile_email_through_the_cache_proof_endpoint( string $raw ): void {
		list( $user_id ) = $this->user_with_raw_email( self::USER_EMAIL );
		add_filter(
			'helpdesky_block_user_email',
			static function () use ( $raw ) {
				return $raw;
			}
		);
		$this->log_in( $user_id );

		$response = $this->strictly(
			static function () {
				return rest_do_request( new WP_REST_Request( 'GET', '/' . Block\REST_NAMESPACE . Block\EMBED_ROUTE ) );
			}
		);
		$this->assertSame( 200, $response->get_status() );
		$data = $response->get_data();
		// What the browser receives: JSON that decodes to the same values.
		$json = wp_json_encode( $data );
		$this->assertIsString( $json );
		$this->assertSame( $data, json_decode( $json, true ) );

		$normalized = strtolower( trim( $raw ) );
		if ( '' === $normalized ) {
			$this->assertSame( array( 'state' => 'hidden' ), $data );
		} elseif ( null === Block\email_problem( $normalized ) ) {
			$this->assertSame( 'embed', $data['state'] );
			$this->assertSame( $normalized, $data['email'] );
			$this->assertSame( hash_hmac( 'sha256', $normalized, self::SECRET ), $data['signature'] );
		} else {
			$this->assertSame( 'unavailable', $data['state'] );
			$this->assertArrayNotHasKey( 'email', $data );
			$this->assertArrayNotHasKey( 'signature', $data );
			$this->assertSame( array(), $data['problems'], 'Subscribers get no diagnostics.' );
		}
	}

	/**
	 * The self-test shows what the block does: the same address and signature, or the same
	 * problems (an administrator sees them in both).
	 *
	 * @dataProvider emails
	 */
	public function test_self_test_and_block_agree_for_hostile_email( string $raw ): void {
		list( $user_id ) = $this->user_with_raw_email( self::USER_EMAIL );
		( new \WP_User( $user_id ) )->set_role( 'administrator' );
		add_filter(
			'helpdesky_block_user_email',
			static function () use ( $raw ) {
				return $raw;
			}
		);
		$this->log_in( $user_id );
		$this->new_request();

		$html     = (string) $this->strictly(
			static function () {
				return do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
			}
		);
		$test     = Settings\self_test( $raw );
		$elements = $this->assert_parsers_agree( $html );
		$scripts  = self::elements_named( $elements, 'script' );

		if ( '' === trim( $raw ) ) {
			$this->assertSame( '', trim( $html ), 'No address, no Ticket Center; the self-test says why.' );
			$this->assertSame( 'unavailable', $test['state'] );
			return;
		}
		if ( 'embed' === $test['state'] ) {
			$this->assertCount( 1, $scripts, $html );
			$this->assertSame( $test['email'], $scripts[0]['data-email'] );
			$this->assertSame( $test['signature'], $scripts[0]['data-signature'] );
			return;
		}
		$this->assertCount( 0, $scripts, $html );
		$this->assertCount( count( $test['problems'] ), self::elements_named( $elements, 'li' ), $html );
		foreach ( $test['problems'] as $problem ) {
			$this->assertStringContainsString( esc_html( $problem['message'] ), $html );
		}
	}

	/**
	 * @dataProvider emails
	 */
	public function test_hostile_email_in_the_self_test_round_trips( string $raw ): void {
		$this->configure_helpdesky( null, null );
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => self::HELPDESK_ID,
				'secret'      => self::SECRET,
			)
		);
		$this->enter_admin( 'settings_page_helpdesky-block' );
		$this->log_in_as( 'administrator' );

		$html = (string) $this->strictly(
			function () use ( $raw ) {
				Settings\self_test_result( Settings\self_test( $raw ) );
				return $this->capture( 'Helpdesky\Block\Settings\render_self_test' );
			}
		);

		$inputs = array();
		foreach ( self::elements_named( $this->assert_parsers_agree( $html ), 'input' ) as $input ) {
			if ( isset( $input['id'] ) ) {
				$inputs[ $input['id'] ] = $input;
			} elseif ( isset( $input['data-helpdesky-normalized-email'] ) ) {
				$inputs['normalized'] = $input;
			} elseif ( isset( $input['data-helpdesky-signature'] ) ) {
				$inputs['signature'] = $input;
			}
		}

		// esc_attr() prints an invalid UTF-8 string as nothing; such an address is never signed.
		$printable = wp_check_invalid_utf8( $raw ) === $raw;
		$this->assertSame( $printable ? self::as_attribute( $raw ) : '', self::as_attribute( $inputs['helpdesky-block-self-test-email']['value'] ) );

		$normalized = strtolower( trim( $raw ) );
		if ( '' !== $normalized && null === Block\email_problem( $normalized ) ) {
			$this->assertSame( $normalized, $inputs['normalized']['value'] );
			$this->assertSame( hash_hmac( 'sha256', $normalized, self::SECRET ), $inputs['signature']['value'] );
		} else {
			$this->assertArrayNotHasKey( 'signature', $inputs );
		}
		$this->assertStringNotContainsString( self::SECRET, $html );
	}

	/**
	 * What an attribute value becomes in the DOM: HTML attribute values keep every character
	 * but NUL (replaced by U+FFFD) and CR/CRLF (turned into LF by the input stream). Applied to
	 * both sides, since WordPress's tokenizer leaves that preprocessing to the browser.
	 *
	 * @param string $value Value as printed or read.
	 * @return string
	 */
	private static function as_attribute( string $value ): string {
		return str_replace( array( "\r\n", "\r", "\0" ), array( "\n", "\n", "\u{FFFD}" ), $value );
	}

	/*
	 * Block and shortcode attributes.
	 */

	/**
	 * @dataProvider attribute_values_and_paths
	 */
	public function test_hostile_attribute_for_a_signed_in_user( string $path, string $attribute, $value ): void {
		$this->log_in( self::factory()->user->create( array( 'user_email' => self::USER_EMAIL ) ) );

		$html      = $this->render_with( $path, $attribute, $value );
		$effective = self::effective( $path, $attribute, $value );
		$elements  = $this->assert_parsers_agree( $html );
		$this->assert_only_allowed( $elements, self::ALLOWED, $html );
		$scripts = self::elements_named( $elements, 'script' );

		if ( 'deliveryMode' === $attribute && Block\DELIVERY_MODE_CACHE_PROOF === $effective ) {
			$this->assertCount( 0, $scripts, 'A cache-proof page carries no signature.' );
			$this->assertStringNotContainsString( self::USER_EMAIL, $html );
			return;
		}

		$this->assertCount( 1, $scripts, $html );
		$script = $scripts[0];
		$this->assertSame( self::USER_EMAIL, $script['data-email'] );
		$this->assertSame( hash_hmac( 'sha256', self::USER_EMAIL, self::SECRET ), $script['data-signature'] );

		$align = 'contentAlign' === $attribute ? $effective : 'center';
		$this->assertContains( $script['data-align'], array( 'center', 'left', 'right' ) );
		$this->assertSame( in_array( $align, array( 'center', 'left', 'right' ), true ) ? $align : 'center', $script['data-align'] );

		if ( 'maxWidth' !== $attribute ) {
			$this->assertArrayNotHasKey( 'data-max-width', $script );
			return;
		}
		if ( is_string( $effective ) && in_array( $effective, self::GOOD_WIDTHS, true ) ) {
			$this->assertSame( $effective, $script['data-max-width'] ?? null, 'A plain CSS length is kept exactly.' );
		}
		if ( isset( $script['data-max-width'] ) ) {
			$this->assertSame( $effective, $script['data-max-width'], 'A kept width round-trips exactly.' );
			$this->assertMatchesRegularExpression( '/^[0-9.]+(?:px|em|rem|%|vw|ch)$/D', $script['data-max-width'] );
		}
	}

	/**
	 * @dataProvider attribute_values_and_paths
	 */
	public function test_hostile_attribute_for_a_visitor( string $path, string $attribute, $value ): void {
		$html      = $this->render_with( $path, $attribute, $value );
		$effective = self::effective( $path, $attribute, $value );
		$elements  = $this->assert_parsers_agree( $html );
		$this->assert_only_allowed( $elements, self::ALLOWED, $html );
		$shows = 'loggedOutShows' === $attribute ? self::expected_shows( $effective ) : 'prompt';
		$this->assert_contact_form_scripts( 'prompt' === $shows ? 0 : 1, $elements, $html );

		$wrapper = $elements[0] ?? array( 'attributes' => array() );
		if ( 'deliveryMode' === $attribute && Block\DELIVERY_MODE_CACHE_PROOF === $effective ) {
			$config = json_decode( $wrapper['attributes']['data-helpdesky-ticket-center'] ?? '', true );
			$this->assertIsArray( $config, 'The cache-proof configuration round-trips as JSON.' );
			$this->assertSame( 'Please log in to see your support conversations.', $this->text_of( self::variant( $html, 'logged_out' ), 'wp-block-helpdesky-ticket-center__message' ) );
			return;
		}

		if ( 'form' === $shows ) {
			$this->assertNull( $this->text_of( $html, 'wp-block-helpdesky-ticket-center__message' ), "The form alone:\n{$html}" );
			$this->assertCount( 0, self::elements_named( $elements, 'a' ) );
			return;
		}
		$message = 'loggedOutMessage' === $attribute ? $effective : '';
		$this->assertSame( self::as_dom_text( self::expected_message( $message ) ), self::as_dom_text( (string) $this->text_of( $html, 'wp-block-helpdesky-ticket-center__message' ) ) );

		$links = self::elements_named( $elements, 'a' );
		$show  = 'showLoginLink' === $attribute ? self::expects_login_link( $effective ) : true;
		$this->assertCount( $show ? 1 : 0, $links, 'showLoginLink ' . wp_json_encode( $value ) . ":\n{$html}" );
		if ( $show ) {
			$this->assertStringStartsWith( wp_login_url(), $links[0]['href'] );
		}
	}

	/**
	 * The same values into the Contact Form: the form always shows (for everyone alike), with
	 * exactly the alignment and width the Ticket Center would use, and nothing else.
	 *
	 * @dataProvider contact_form_attribute_values_and_paths
	 */
	public function test_hostile_attribute_in_the_contact_form( string $path, string $attribute, $value ): void {
		$html      = $this->render_with( $path, $attribute, $value, Contact_Form\BLOCK_NAME );
		$effective = self::effective( $path, $attribute, $value, Contact_Form\BLOCK_NAME );
		$elements  = $this->assert_parsers_agree( $html );
		$this->assert_only_allowed( $elements, self::ALLOWED_CONTACT_FORM, $html );
		$this->assertSame( array( 'div', 'div', 'script' ), array_column( $elements, 'tag' ), $html );
		$this->assertSame( Contact_Form\CONTAINER_ID, $elements[1]['attributes']['id'] ?? null );

		$script = self::elements_named( $elements, 'script' )[0];
		$this->assertSame( self::HELPDESK_ID, $script['data-helpdesk-id'] );
		$this->assertSame( Contact_Form\DEFAULT_SCRIPT_URL, $script['src'] );
		$align = 'contentAlign' === $attribute && in_array( $effective, array( 'left', 'right' ), true ) ? $effective : 'center';
		$this->assertSame( $align, $script['data-align'] );

		if ( 'maxWidth' !== $attribute ) {
			$this->assertArrayNotHasKey( 'data-max-width', $script );
			return;
		}
		$this->assertSame( Block\sanitize_max_width( $effective ), $script['data-max-width'] ?? '', 'The Ticket Center\'s width, or none.' );
		if ( is_string( $effective ) && in_array( $effective, self::GOOD_WIDTHS, true ) ) {
			$this->assertSame( $effective, $script['data-max-width'] ?? null, 'A plain CSS length is kept exactly.' );
		}
	}

	/**
	 * @dataProvider attribute_values
	 */
	public function test_hostile_attribute_in_cache_proof_mode( string $attribute, $value ): void {
		$this->new_request();
		$attrs = array(
			'deliveryMode' => Block\DELIVERY_MODE_CACHE_PROOF,
			$attribute     => $value,
		);
		$html  = (string) $this->strictly(
			static function () use ( $attrs ) {
				return do_blocks( serialize_block( self::parsed_block( $attrs ) ) );
			}
		);

		$elements = $this->assert_parsers_agree( $html );
		$this->assert_only_allowed( $elements, self::ALLOWED, $html );
		$effective = self::effective( 'block comment', $attribute, $value );
		$parsed    = parse_blocks( serialize_block( self::parsed_block( $attrs ) ) )[0]['attrs'] ?? array();
		if ( Block\DELIVERY_MODE_CACHE_PROOF !== ( $parsed['deliveryMode'] ?? null ) || ( 'deliveryMode' === $attribute && Block\DELIVERY_MODE_CACHE_PROOF !== $effective ) ) {
			// Inline delivery after all; the other tests cover it.
			return;
		}

		$shows = 'loggedOutShows' === $attribute ? self::expected_shows( $effective ) : 'prompt';
		// The logged-out template holds the Contact Form's script, never the Ticket Center's.
		$this->assert_contact_form_scripts( 'prompt' === $shows ? 0 : 1, $elements, $html );
		$config = json_decode( $elements[0]['attributes']['data-helpdesky-ticket-center'] ?? '', true );
		$this->assertIsArray( $config, "The configuration round-trips as JSON:\n{$html}" );

		$this->assertSame( 'contentAlign' === $attribute && in_array( $effective, array( 'left', 'right' ), true ) ? $effective : 'center', $config['align'] );
		$this->assertSame( 'maxWidth' === $attribute ? Block\sanitize_max_width( $effective ) : '', $config['maxWidth'] );
		$this->assertSame( array( 'endpoint', 'align', 'maxWidth' ), array_keys( $config ), 'No texts travel in the configuration.' );
		$logged_out = self::variant( $html, 'logged_out' );
		if ( 'form' === $shows ) {
			$this->assertNull( $this->text_of( $logged_out, 'wp-block-helpdesky-ticket-center__message' ) );
			$this->assertStringContainsString( 'id="' . Contact_Form\CONTAINER_ID . '"', $logged_out );
			return;
		}
		$this->assertSame( self::as_dom_text( self::expected_message( 'loggedOutMessage' === $attribute ? $effective : '' ) ), self::as_dom_text( (string) $this->text_of( $logged_out, 'wp-block-helpdesky-ticket-center__message' ) ) );
		$show = 'showLoginLink' === $attribute ? self::expects_login_link( $effective ) : true;
		$this->assertSame( $show, is_int( strpos( $logged_out, 'wp-block-helpdesky-ticket-center__login' ) ) );
	}

	/**
	 * @dataProvider attribute_values
	 */
	public function test_sanitizers_take_any_value( string $attribute, $value ): void {
		$width = $this->strictly(
			static function () use ( $value ) {
				return Block\sanitize_max_width( $value );
			}
		);
		$this->assertTrue( '' === $width || $width === $value, 'A width is kept exactly or dropped.' );
		$this->assertMatchesRegularExpression( '/^(?:|[0-9.]+(?:px|em|rem|%|vw|ch))$/D', $width );

		$align = $this->strictly(
			static function () use ( $value ) {
				return Block\sanitize_content_align( $value );
			}
		);
		$this->assertSame( in_array( $value, array( 'left', 'right' ), true ) ? $value : 'center', $align );
		unset( $attribute );
	}

	/*
	 * Settings.
	 */

	/**
	 * @dataProvider settings_values
	 */
	public function test_hostile_settings_input_is_kept_out( string $field, $value ): void {
		$this->configure_helpdesky( null, null );
		$this->enter_admin( 'settings_page_helpdesky-block' );
		$this->log_in_as( 'administrator' );
		$before = array(
			'helpdesk_id' => self::HELPDESK_ID,
			'secret'      => self::SECRET,
		);
		update_option( Block\OPTION_NAME, $before );

		$clean = $this->strictly(
			static function () use ( $field, $value ) {
				return Settings\sanitize( array( $field => $value ) );
			}
		);

		$this->assertSame( array( 'helpdesk_id', 'secret' ), array_keys( $clean ) );
		$other = 'secret' === $field ? 'helpdesk_id' : 'secret';
		$this->assertSame( $before[ $other ], $clean[ $other ], 'The other field is untouched.' );

		$trimmed = is_string( $value ) ? trim( $value ) : null;
		if ( 'helpdesk_id' === $field ) {
			if ( '' === $trimmed || ( null !== $trimmed && Block\is_valid_helpdesk_id( $trimmed ) ) ) {
				$this->assertSame( $trimmed, $clean['helpdesk_id'] );
			} else {
				$this->assertSame( $before['helpdesk_id'], $clean['helpdesk_id'], 'An invalid value keeps the stored ID.' );
			}
			$this->assertMatchesRegularExpression( '/^(?:|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/D', $clean['helpdesk_id'] );
			return;
		}

		if ( null !== $trimmed && '' !== $trimmed && 1 === preg_match( '/^hdh_secret_[\x21-\x7E]+$/D', $trimmed ) && strlen( $trimmed ) <= Settings\MAX_SECRET_LENGTH ) {
			$this->assertSame( $trimmed, $clean['secret'] );
		} else {
			$this->assertSame( $before['secret'], $clean['secret'], 'An unusable secret keeps the stored one.' );
		}
		$messages = wp_json_encode( get_settings_errors( Block\OPTION_NAME ) );
		if ( null !== $trimmed && strlen( $trimmed ) >= 12 ) {
			$this->assertStringNotContainsString( $trimmed, (string) $messages, 'Messages never repeat a submitted secret.' );
		}
	}

	/**
	 * A hostile value already in the database (another plugin, an import) is printed exactly in
	 * the Helpdesk ID field and never at all for the secret; the page keeps its structure.
	 *
	 * @dataProvider stored_settings_values
	 */
	public function test_hostile_stored_settings_on_the_screen( string $field, $value ): void {
		global $wpdb;
		$this->configure_helpdesky( null, null );
		$this->enter_admin( 'settings_page_helpdesky-block' );
		$this->log_in_as( 'administrator' );
		Settings\register_settings();

		$benign = $this->settings_screen_shape( self::HELPDESK_ID, self::SECRET );

		$stored           = array(
			'helpdesk_id' => self::HELPDESK_ID,
			'secret'      => self::SECRET,
		);
		$stored[ $field ] = $value;
		$wpdb->update( $wpdb->options, array( 'option_value' => maybe_serialize( $stored ) ), array( 'option_name' => Block\OPTION_NAME ) );
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( Block\OPTION_NAME, 'options' );
		$this->assertSame( $stored, get_option( Block\OPTION_NAME ), 'The hostile value is really stored.' );

		$html     = (string) $this->strictly(
			function () {
				return $this->capture( 'Helpdesky\Block\Settings\render_page' );
			}
		);
		$elements = $this->assert_parsers_agree( $html );

		$shape = self::shape( $elements );
		$this->assertSame( array(), array_values( array_diff( $shape, $benign ) ), 'No element or attribute beyond those of a benign page.' );

		foreach ( self::elements_named( $elements, 'input' ) as $input ) {
			if ( 'helpdesky-block-helpdesk-id' === ( $input['id'] ?? '' ) ) {
				// Settings of another type than string read as unset.
				$expected = 'helpdesk_id' === $field ? ( is_string( $value ) ? $value : '' ) : self::HELPDESK_ID;
				$this->assertSame( wp_check_invalid_utf8( $expected ) === $expected ? self::as_attribute( $expected ) : '', self::as_attribute( $input['value'] ) );
			}
			if ( 'helpdesky-block-secret' === ( $input['id'] ?? '' ) ) {
				$this->assertSame( '', $input['value'] ?? '', 'The secret field is always empty.' );
			}
		}
		$secret = 'secret' === $field && is_string( $value ) ? trim( $value ) : self::SECRET;
		if ( strlen( $secret ) >= 12 ) {
			$this->assertStringNotContainsString( $secret, $html, 'The secret is never printed.' );
			$this->assertStringNotContainsString( esc_attr( $secret ), $html );
		}
	}

	/**
	 * The (tag, attribute names) pairs of the screen rendered with benign settings, valid and not.
	 *
	 * @param string $helpdesk_id Helpdesk ID.
	 * @param string $secret      Secret.
	 * @return string[]
	 */
	private function settings_screen_shape( string $helpdesk_id, string $secret ): array {
		$shape = array();
		foreach ( array( array( $helpdesk_id, $secret ), array( 'not-an-id', 'not a secret' ), array( '', '' ) ) as $settings ) {
			update_option(
				Block\OPTION_NAME,
				array(
					'helpdesk_id' => $settings[0],
					'secret'      => $settings[1],
				)
			);
			$html  = $this->capture( 'Helpdesky\Block\Settings\render_page' );
			$shape = array_merge( $shape, self::shape( $this->html_elements( $html ) ) );
		}
		return array_values( array_unique( $shape ) );
	}

	/**
	 * Elements as "tag attr1 attr2" strings, attribute names sorted.
	 *
	 * @param array<int, array{tag: string, attributes: array<string, string>}> $elements Elements.
	 * @return string[]
	 */
	private static function shape( array $elements ): array {
		$shape = array();
		foreach ( $elements as $element ) {
			$names = array_keys( $element['attributes'] );
			sort( $names );
			$shape[] = trim( $element['tag'] . ' ' . implode( ' ', $names ) );
		}
		return array_values( array_unique( $shape ) );
	}
}
