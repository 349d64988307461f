<?php
/**
 * The block rendered inside real WordPress with real users, options and REST requests.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use WP_HTML_Tag_Processor;
use WP_REST_Request;

require_once __DIR__ . '/HtmlAssertions.php';

final class TicketCenterRenderTest extends TestCase {

	use HtmlAssertions;

	const HELPDESK_ID = '123e4567-e89b-12d3-a456-426614174000';
	const SECRET      = 'hdh_secret_test_0123456789abcdef';
	const BLOCK       = '<!-- wp:helpdesky/ticket-center /-->';

	protected function set_up(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, self::SECRET );
	}

	/**
	 * Creates a user and stores their email exactly as given, bypassing sanitize_email() the way an
	 * SSO or import plugin writing to the users table would.
	 */
	private function user_with_raw_email( string $email, string $role = 'subscriber' ): int {
		global $wpdb;
		$user_id = self::factory()->user->create( array( 'role' => $role ) );
		$wpdb->update( $wpdb->users, array( 'user_email' => $email ), array( 'ID' => $user_id ) );
		clean_user_cache( $user_id );
		return $user_id;
	}

	/**
	 * Attributes of every tag with the given name, decoded by core's HTML tokenizer.
	 *
	 * @return array<int, array<string, string|true>>
	 */
	private function tags( string $html, string $tag_name ): array {
		$tags      = array();
		$processor = new WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( $tag_name ) ) {
			$attributes = array();
			foreach ( (array) $processor->get_attribute_names_with_prefix( '' ) as $name ) {
				$attributes[ $name ] = $processor->get_attribute( $name );
			}
			$tags[] = $attributes;
		}
		return $tags;
	}

	private function only_script( string $html ): array {
		$scripts = $this->tags( $html, 'script' );
		$this->assertCount( 1, $scripts, "Expected exactly one script tag in:\n$html" );
		return $scripts[0];
	}

	public function test_signed_in_subscriber_gets_container_then_signed_script(): void {
		$this->log_in( $this->user_with_raw_email( 'jane.doe@example.com' ) );

		$html   = do_blocks( '<!-- wp:helpdesky/ticket-center {"contentAlign":"left","maxWidth":"640px"} /-->' );
		$script = $this->only_script( $html );

		$this->assertSame( 'https://helpdesky.io/ticket-center.js', $script['src'] );
		$this->assertSame( self::HELPDESK_ID, $script['data-helpdesk-id'] );
		$this->assertSame( 'jane.doe@example.com', $script['data-email'] );
		// Computed outside PHP: HMAC-SHA256("jane.doe@example.com", SECRET).
		$this->assertSame( '308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e', $script['data-signature'] );
		$this->assertSame( 'left', $script['data-align'] );
		$this->assertSame( '640px', $script['data-max-width'] );
		$this->assertArrayNotHasKey( 'async', $script );
		$this->assertArrayNotHasKey( 'defer', $script );

		// Helpdesky's script looks the container up once: the div must come before the script.
		$this->assertMatchesRegularExpression( '#<div id="hdh-ticket-center"></div>\s*<script #', $html );
		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center', $html );
	}

	public function test_mixed_case_padded_email_is_signed_normalized(): void {
		$this->log_in( $this->user_with_raw_email( '  Jane.Doe@Example.COM ' ) );

		$script = $this->only_script( do_blocks( self::BLOCK ) );

		$this->assertSame( 'jane.doe@example.com', $script['data-email'] );
		$this->assertSame( '308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e', $script['data-signature'] );
		$this->assertSame( 'center', $script['data-align'] );
		$this->assertArrayNotHasKey( 'data-max-width', $script );
	}

	public function test_hostile_email_from_the_users_table_is_escaped_and_signed_unescaped(): void {
		$hostile = 'x"><script>alert(1)</script>\'@Evil.test';
		$this->log_in( $this->user_with_raw_email( $hostile ) );

		$html   = do_blocks( self::BLOCK );
		$script = $this->only_script( $html );

		$normalized = 'x"><script>alert(1)</script>\'@evil.test';
		$this->assertSame( $normalized, $script['data-email'], 'The attribute must round-trip exactly.' );
		$this->assertSame( hash_hmac( 'sha256', $normalized, self::SECRET ), $script['data-signature'] );
		$this->assertStringContainsString( '&lt;script&gt;', $html );
		$this->assertStringNotContainsString( '<script>alert(1)', $html );
	}

	/**
	 * Addresses whose characters HTML escapes, and text that looks like an entity already.
	 *
	 * @return array<string, array{string}>
	 */
	public function emails_html_escapes(): array {
		return array(
			'ampersand'                => array( 'a&b@example.com' ),
			'entity-looking &amp;'     => array( 'jane&amp;co@example.com' ),
			'entity-looking &#038;'    => array( 'a&#038;b@example.com' ),
			'entity-looking &quot;'    => array( 'jane&quot;@example.com' ),
			'double quote'             => array( '"jane"@example.com' ),
			'single quote'             => array( "o'brien@example.com" ),
			'less-than, greater-than'  => array( 'a<b>c@example.com' ),
			'everything at once'       => array( 'x"><script>alert(1)</script>\'&amp;&#038;@evil.test' ),
			'bare ampersand at the @'  => array( 'jane&@example.com' ),
			'ampersand, no semicolon'  => array( 'a&ampb@example.com' ),
			'named entity, no escape'  => array( 'a&copy;b@example.com' ),
			'numeric entity, hex form' => array( 'a&#x26;b@example.com' ),
		);
	}

	/**
	 * After HTML parsing, data-email is exactly the signed string, and data-signature its HMAC,
	 * whichever way the WordPress version escapes script attributes (7.x: the HTML API encodes
	 * raw values; 6.8: esc_attr() leaves entity-looking text alone). Read by two parsers that
	 * share no code: WordPress's HTML API and libxml. The cache-proof endpoint hands the view
	 * script the same two values as JSON.
	 *
	 * @dataProvider emails_html_escapes
	 */
	public function test_data_email_parses_back_to_exactly_the_signed_string( string $email ): void {
		$this->assertNull( \Helpdesky\Block\email_problem( $email ), 'A signable address.' );
		$this->log_in( $this->user_with_raw_email( $email ) );

		$html     = do_blocks( self::BLOCK );
		$elements = $this->assert_parsers_agree( $html );
		$scripts  = self::elements_named( $elements, 'script' );

		$this->assertCount( 1, $scripts, $html );
		$this->assertSame( $email, $scripts[0]['data-email'], "Printed as:\n$html" );
		$this->assertSame( hash_hmac( 'sha256', $scripts[0]['data-email'], self::SECRET ), $scripts[0]['data-signature'], 'The signature covers the parsed data-email.' );

		$this->reset_request();
		$response = rest_do_request( new WP_REST_Request( 'GET', '/helpdesky-block/v1/embed' ) );
		$data     = json_decode( (string) wp_json_encode( $response->get_data() ), true );
		$this->assertSame( $email, $data['email'] );
		$this->assertSame( hash_hmac( 'sha256', $email, self::SECRET ), $data['signature'] );
	}

	public function test_email_that_cannot_be_signed_gives_a_neutral_message_and_no_script(): void {
		$this->log_in( $this->user_with_raw_email( "jane@example.com\nbcc@evil.test" ) );

		$html = do_blocks( self::BLOCK );

		$this->assertCount( 0, $this->tags( $html, 'script' ) );
		$this->assertStringContainsString( 'not available right now', $html );
		$this->assertStringNotContainsString( 'not a valid address', $html, 'Subscribers get no diagnostics.' );
	}

	public function test_administrator_is_told_why_their_email_cannot_be_used(): void {
		$this->log_in( $this->user_with_raw_email( 'JOSÉ@example.com', 'administrator' ) );

		$html = do_blocks( self::BLOCK );

		$this->assertCount( 0, $this->tags( $html, 'script' ) );
		$this->assertStringContainsString( 'uppercase non-ASCII', $html );
	}

	public function test_logged_out_visitor_gets_login_prompt_returning_to_the_page(): void {
		$page_id = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => self::BLOCK,
			)
		);
		$this->go_to( get_permalink( $page_id ) );
		$_SERVER['HTTP_HOST']   = wp_parse_url( home_url(), PHP_URL_HOST );
		$_SERVER['REQUEST_URI'] = wp_parse_url( get_permalink( $page_id ), PHP_URL_PATH ) . '?' . (string) wp_parse_url( get_permalink( $page_id ), PHP_URL_QUERY );

		$html = do_blocks( self::BLOCK );

		$this->assertCount( 0, $this->tags( $html, 'script' ) );
		$this->assertStringNotContainsString( 'data-signature', $html );
		$this->assertStringContainsString( 'Please log in to see your support conversations.', $html );
		$links = $this->tags( $html, 'a' );
		$this->assertCount( 1, $links, 'Registration is closed, so only the login link shows.' );
		$this->assertSame( add_query_arg( \Helpdesky\Block\LOGIN_PROMPT_ARG, '1', wp_login_url( get_permalink( $page_id ) ) ), $links[0]['href'] );
	}

	public function test_login_link_never_redirects_to_a_foreign_host(): void {
		$_SERVER['HTTP_HOST']   = 'evil.test';
		$_SERVER['REQUEST_URI'] = '/phish';

		$links = $this->tags( do_blocks( self::BLOCK ), 'a' );

		$this->assertCount( 1, $links );
		$this->assertStringNotContainsString( 'evil.test', rawurldecode( $links[0]['href'] ) );
	}

	public function test_logged_out_custom_message_without_login_link_and_with_registration(): void {
		$html = do_blocks( '<!-- wp:helpdesky/ticket-center {"loggedOutMessage":"Members only \u003cb\u003ehere\u003c/b\u003e","showLoginLink":false} /-->' );

		$this->assertStringContainsString( 'Members only &lt;b&gt;here&lt;/b&gt;', $html );
		$this->assertCount( 0, $this->tags( $html, 'a' ) );
		$this->assertCount( 0, $this->tags( $html, 'b' ) );
	}

	public function test_registration_link_shows_when_the_site_allows_registration(): void {
		update_option( 'users_can_register', 1 );

		$links = $this->tags( do_blocks( self::BLOCK ), 'a' );

		$this->assertCount( 2, $links );
		$this->assertSame( wp_registration_url(), $links[1]['href'] );
	}

	/**
	 * @dataProvider broken_configurations
	 */
	public function test_broken_configuration_neutral_for_visitors_explained_to_admins( ?string $helpdesk_id, ?string $secret, string $admin_sees ): void {
		$this->configure_helpdesky( $helpdesk_id, $secret );

		$this->log_in( self::factory()->user->create( array( 'role' => 'subscriber' ) ) );
		$visitor_html = do_blocks( self::BLOCK );
		$this->assertCount( 0, $this->tags( $visitor_html, 'script' ) );
		$this->assertStringContainsString( 'not available right now', $visitor_html );
		$this->assertStringNotContainsString( 'HELPDESKY_', $visitor_html );

		// A new request for the administrator: one Ticket Center per request.
		$this->reset_request();
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$admin_html = do_blocks( self::BLOCK );
		$this->assertCount( 0, $this->tags( $admin_html, 'script' ) );
		$this->assertStringContainsString( $admin_sees, $admin_html );
		if ( null !== $secret && '' !== trim( $secret ) ) {
			$this->assertStringNotContainsString( trim( $secret ), $admin_html, 'The secret is never printed.' );
		}
	}

	public function broken_configurations(): array {
		return array(
			'nothing set'         => array( null, null, 'define HELPDESKY_HELPDESK_ID in wp-config.php' ),
			'secret missing'      => array( self::HELPDESK_ID, null, 'define HELPDESKY_HMAC_SECRET in wp-config.php' ),
			'helpdesk ID missing' => array( null, self::SECRET, 'The Helpdesk ID is not set.' ),
			'ID from the guide'   => array( 'your_helpdesk_id', self::SECRET, 'is not a Helpdesky ID' ),
			'secret with newline' => array( self::HELPDESK_ID, self::SECRET . "\n", 'starts or ends with spaces' ),
			'not a secret'        => array( self::HELPDESK_ID, 'hunter2-not-from-helpdesky', 'does not look like a Helpdesky secret' ),
		);
	}

	public function test_second_instance_is_hidden_from_visitors_and_explained_to_editors(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		$html = do_blocks( self::BLOCK . self::BLOCK );
		$this->assertCount( 1, $this->tags( $html, 'script' ) );
		$this->assertSame( 1, substr_count( $html, 'wp-block-helpdesky-ticket-center' ) );
		$this->assertSame( 1, substr_count( $html, 'id="hdh-ticket-center"' ) );

		$this->reset_request();
		$this->log_in( $this->user_with_raw_email( 'ed@example.com', 'editor' ) );
		$html = do_blocks( self::BLOCK . self::BLOCK );
		$this->assertCount( 1, $this->tags( $html, 'script' ) );
		$this->assertStringContainsString( 'Only one Helpdesky Ticket Center can appear on a page', $html );
	}

	public function test_email_filter_replaces_the_signed_address_before_normalization(): void {
		$this->log_in( $this->user_with_raw_email( 'login@example.com' ) );
		add_filter(
			'helpdesky_block_user_email',
			static function ( $email, $user ) {
				return $user instanceof \WP_User ? ' Support.Jane@Example.com' : $email;
			},
			10,
			2
		);

		$script = $this->only_script( do_blocks( self::BLOCK ) );

		$this->assertSame( 'support.jane@example.com', $script['data-email'] );
		$this->assertSame( hash_hmac( 'sha256', 'support.jane@example.com', self::SECRET ), $script['data-signature'] );
	}

	public function test_empty_email_from_the_filter_hides_the_block(): void {
		$this->log_in( $this->user_with_raw_email( 'login@example.com' ) );
		add_filter( 'helpdesky_block_user_email', '__return_empty_string' );

		$this->assertSame( '', trim( do_blocks( self::BLOCK ) ) );
	}

	public function test_can_view_filter_hides_the_block_for_that_user(): void {
		$user_id = $this->user_with_raw_email( 'jane@example.com' );
		$this->log_in( $user_id );
		$seen = null;
		add_filter(
			'helpdesky_block_can_view',
			static function ( $can_view, $user ) use ( &$seen ) {
				$seen = $user->ID;
				return false;
			},
			10,
			2
		);

		$this->assertSame( '', trim( do_blocks( self::BLOCK ) ) );
		$this->assertSame( $user_id, $seen );
	}

	public function test_script_url_filter_moves_the_script(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		add_filter(
			'helpdesky_block_script_url',
			static function () {
				return 'https://helpdesky.io/ticket-center.js?v=2&x=1';
			}
		);

		$html = do_blocks( self::BLOCK );

		$this->assertSame( 'https://helpdesky.io/ticket-center.js?v=2&x=1', $this->only_script( $html )['src'] );
	}

	public function test_unusable_script_url_is_refused_and_explained_to_admins(): void {
		$this->log_in( $this->user_with_raw_email( 'admin@example.com', 'administrator' ) );
		add_filter(
			'helpdesky_block_script_url',
			static function () {
				return 'javascript:alert(1)';
			}
		);

		$html = do_blocks( self::BLOCK );

		$this->assertCount( 0, $this->tags( $html, 'script' ) );
		$this->assertStringContainsString( 'helpdesky_block_script_url', $html );
	}

	public function test_script_tag_goes_through_core_script_attribute_filter(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		add_filter(
			'wp_script_attributes',
			static function ( $attributes ) {
				$attributes['nonce'] = 'csp-nonce-123';
				return $attributes;
			}
		);

		$this->assertSame( 'csp-nonce-123', $this->only_script( do_blocks( self::BLOCK ) )['nonce'] );
	}

	/**
	 * @dataProvider visitors
	 */
	public function test_every_render_opts_out_of_page_caches_once( string $role ): void {
		if ( '' !== $role ) {
			$this->log_in( $this->user_with_raw_email( 'jane@example.com', $role ) );
		}
		$fired = array();
		foreach ( array( 'litespeed_control_set_nocache', 'wpfc_exclude_current_page' ) as $signal ) {
			add_action(
				$signal,
				static function () use ( &$fired, $signal ) {
					$fired[] = $signal;
				}
			);
		}

		do_blocks( self::BLOCK );
		do_blocks( self::BLOCK );

		$this->assertTrue( defined( 'DONOTCACHEPAGE' ) && DONOTCACHEPAGE );
		$this->assertSame( array( 'litespeed_control_set_nocache', 'wpfc_exclude_current_page' ), $fired, 'Signals fire once per request.' );
		$this->assertSame( 1, did_action( 'helpdesky_block_marked_uncacheable' ) );
		foreach ( array( 'rocket_override_donotcachepage', 'breeze_override_donotcachepage', 'w3tc_can_cache', 'wpo_can_cache_page' ) as $override ) {
			add_filter( $override, '__return_true', 9999 );
			$this->assertFalse( apply_filters( $override, true ), "$override must not be able to force caching." );
		}
	}

	public function visitors(): array {
		return array(
			'anonymous'  => array( '' ),
			'subscriber' => array( 'subscriber' ),
		);
	}

	public function test_no_cache_header_set_covers_proxies_and_cdns(): void {
		$headers = \Helpdesky\Block\no_cache_headers();

		$this->assertStringContainsString( 'no-store', $headers['Cache-Control'] );
		$this->assertStringContainsString( 'private', $headers['Cache-Control'] );
		$this->assertSame( '0', $headers['X-Accel-Expires'] );
		$this->assertSame( 'no-store', $headers['Surrogate-Control'] );
		$this->assertSame( 'no-store', $headers['CDN-Cache-Control'] );
		$this->assertSame( 'no-cache', $headers['cf-edge-cache'] );
	}

	public function test_content_without_the_block_is_left_alone(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		$post_id = self::factory()->post->create( array( 'post_content' => '<!-- wp:paragraph --><p>Hello</p><!-- /wp:paragraph -->' ) );
		$this->go_to( get_permalink( $post_id ) );

		$html = apply_filters( 'the_content', get_post( $post_id )->post_content );

		$this->assertStringContainsString( 'Hello', $html );
		$this->assertSame( 0, did_action( 'helpdesky_block_marked_uncacheable' ) );
		$this->assertFalse( has_filter( 'rocket_override_donotcachepage' ) );
	}

	public function test_rest_content_rendered_never_carries_a_signature(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		$page_id = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => self::BLOCK,
			)
		);

		$response = rest_do_request( new WP_REST_Request( 'GET', '/wp/v2/pages/' . $page_id ) );
		$rendered = $response->get_data()['content']['rendered'];

		$this->assertSame( 200, $response->get_status() );
		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center', $rendered );
		$this->assertStringNotContainsString( 'data-signature', $rendered );
		$this->assertStringNotContainsString( hash_hmac( 'sha256', 'jane@example.com', self::SECRET ), $rendered );
	}

	public function test_rendering_on_a_page_does_not_boot_the_rest_server(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		$saved = $GLOBALS['wp_rest_server'] ?? null;
		$this->set_rest_server( null );

		$html   = do_blocks( self::BLOCK );
		$server = $GLOBALS['wp_rest_server'];
		$this->set_rest_server( $saved );

		$this->assertNull( $server, 'Asking whether a REST dispatch is running must not start the REST server.' );
		$this->assertStringContainsString( 'data-signature', $html );
	}

	public function test_block_rendered_inside_an_internal_rest_dispatch_carries_no_signature(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		add_action(
			'rest_api_init',
			static function () {
				register_rest_route(
					'helpdesky-block-tests/v1',
					'/render',
					array(
						'methods'             => 'GET',
						'callback'            => static function () {
							return array( 'html' => do_blocks( '<!-- wp:helpdesky/ticket-center /-->' ) );
						},
						'permission_callback' => '__return_true',
					)
				);
			}
		);
		// A fresh server fires rest_api_init.
		$this->set_rest_server( null );

		$html = rest_do_request( new WP_REST_Request( 'GET', '/helpdesky-block-tests/v1/render' ) )->get_data()['html'];

		$this->assertStringContainsString( 'Signed-in users see their support conversations here.', $html );
		$this->assertStringNotContainsString( 'data-signature', $html );
	}

	public function test_feed_never_carries_a_signature(): void {
		$this->log_in( $this->user_with_raw_email( 'jane@example.com' ) );
		self::factory()->post->create( array( 'post_content' => self::BLOCK ) );
		$this->go_to( get_feed_link() );
		$this->assertTrue( is_feed() );

		$html = do_blocks( self::BLOCK );

		$this->assertStringNotContainsString( 'data-signature', $html );
		$this->assertStringContainsString( 'Signed-in users see their support conversations here.', $html );
	}

	public function test_editor_preview_shows_placeholder_or_login_prompt_never_a_signature(): void {
		$this->log_in( $this->user_with_raw_email( 'admin@example.com', 'administrator' ) );
		$request = new WP_REST_Request( 'GET', '/wp/v2/block-renderer/helpdesky/ticket-center' );
		$request->set_param( 'context', 'edit' );
		$request->set_param( 'attributes', array( 'loggedOutMessage' => 'Sign in, please.' ) );

		$signed_in_preview = rest_do_request( $request );
		$this->assertSame( 200, $signed_in_preview->get_status() );
		$this->assertStringContainsString( 'Signed-in users see their support conversations here.', $signed_in_preview->get_data()['rendered'] );
		$this->assertStringNotContainsString( 'data-signature', $signed_in_preview->get_data()['rendered'] );

		$this->reset_request();
		$_GET['helpdesky_block_preview'] = 'logged-out';
		$logged_out_preview              = rest_do_request( $request );
		$this->assertStringContainsString( 'Sign in, please.', $logged_out_preview->get_data()['rendered'] );
		$this->assertStringNotContainsString( 'data-signature', $logged_out_preview->get_data()['rendered'] );
	}

	public function test_editor_preview_rejects_attributes_the_block_does_not_declare(): void {
		$this->log_in( $this->user_with_raw_email( 'admin@example.com', 'administrator' ) );
		$request = new WP_REST_Request( 'GET', '/wp/v2/block-renderer/helpdesky/ticket-center' );
		$request->set_param( 'context', 'edit' );
		$request->set_param( 'attributes', array( 'email' => 'victim@example.com' ) );

		$response = rest_do_request( $request );

		$this->assertSame( 400, $response->get_status() );
		$this->assertStringNotContainsString( hash_hmac( 'sha256', 'victim@example.com', self::SECRET ), wp_json_encode( $response->get_data() ) );
	}

	public function test_editor_data_gives_admins_booleans_and_others_nothing(): void {
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$admin = \Helpdesky\Block\editor_data();
		$this->assertTrue( $admin['canManageOptions'] );
		$this->assertTrue( $admin['helpdeskIdConfigured'] );
		$this->assertTrue( $admin['secretConfigured'] );
		$this->assertSame( array(), $admin['problems'] );
		$this->assertStringNotContainsString( self::SECRET, (string) wp_json_encode( $admin ) );

		$this->set_env( 'HELPDESKY_HMAC_SECRET', null );
		$unconfigured = \Helpdesky\Block\editor_data();
		$this->assertFalse( $unconfigured['secretConfigured'] );
		$this->assertCount( 1, $unconfigured['problems'] );

		$this->log_in( self::factory()->user->create( array( 'role' => 'editor' ) ) );
		$this->assertSame( array( 'canManageOptions' => false ), \Helpdesky\Block\editor_data() );
	}

	public function test_constant_wins_over_environment_variable(): void {
		$this->set_env( 'HELPDESKY_BLOCK_TEST_SETTING', 'from-environment' );
		$this->assertSame(
			array(
				'value'  => 'from-environment',
				'source' => 'environment',
			),
			\Helpdesky\Block\config_value( 'HELPDESKY_BLOCK_TEST_SETTING' )
		);

		define( 'HELPDESKY_BLOCK_TEST_SETTING', 'from-constant' );
		$this->assertSame(
			array(
				'value'  => 'from-constant',
				'source' => 'constant',
			),
			\Helpdesky\Block\config_value( 'HELPDESKY_BLOCK_TEST_SETTING' )
		);
	}

	/**
	 * Replaces core's REST server, as a request that has or has not used the REST API has it.
	 *
	 * @param mixed $server A WP_REST_Server or null.
	 */
	private function set_rest_server( $server ): void {
		// phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited, WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedVariableFound -- core's own global.
		$GLOBALS['wp_rest_server'] = $server;
	}

	/**
	 * Starts a fresh "request": forgets which actions fired, so the per-request once-only logic
	 * (one instance, one cache opt-out) applies again.
	 */
	private function reset_request(): void {
		global $wp_actions;
		unset( $wp_actions['helpdesky_block_ticket_center_claimed'], $wp_actions['helpdesky_block_marked_uncacheable'] );
		\Helpdesky\Block\reset_request_flags();
	}
}
