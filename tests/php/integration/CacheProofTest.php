<?php
/**
 * Cache-proof delivery: the page is the same for everyone and stays cacheable; the signed embed
 * comes from GET /helpdesky-block/v1/embed, for the requesting user only.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use WP_REST_Request;
use WP_REST_Response;

require_once __DIR__ . '/CacheTestCase.php';

final class CacheProofTest extends CacheTestCase {

	const CACHE_PROOF_BLOCK = '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof","contentAlign":"left","maxWidth":"640px","loggedOutMessage":"Members \u0026 friends: \u003cplease\u003e log in"} /-->';

	/**
	 * The block's wrapper and everything in it.
	 *
	 * @param string $html A page.
	 * @return string
	 */
	private function block_html( string $html ): string {
		$this->assertSame( 1, preg_match( '#<div[^>]*\bwp-block-helpdesky-ticket-center\b.*?</template>\s*</div>#s', $html, $match ), "No Ticket Center in:\n$html" );
		return $match[0];
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function themes(): array {
		return array(
			'classic theme' => array( 'classic' ),
			'block theme'   => array( 'block' ),
		);
	}

	/**
	 * @dataProvider themes
	 */
	public function test_page_is_identical_for_everyone_and_stays_cacheable( string $theme ): void {
		$this->use_theme( $theme );
		$url = get_permalink( $this->page( self::CACHE_PROOF_BLOCK ) );

		$renders = array();
		foreach ( array( 'anonymous', 'jane@example.com', 'joe@example.com' ) as $visitor ) {
			if ( 'anonymous' === $visitor ) {
				$this->log_out();
			} else {
				$this->sign_in( $visitor );
			}
			unset( $GLOBALS['wp_actions']['helpdesky_block_ticket_center_claimed'] );
			\Helpdesky\Block\reset_request_flags();
			$renders[ $visitor ] = $this->block_html( $this->render( $url ) );
		}

		$this->assertSame( $renders['anonymous'], $renders['jane@example.com'] );
		$this->assertSame( $renders['anonymous'], $renders['joe@example.com'] );
		$html = $renders['anonymous'];
		$this->assertStringNotContainsString( 'jane@example.com', $html );
		$this->assertStringNotContainsString( 'data-signature', $html );
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringContainsString( '<div id="hdh-ticket-center"></div>', $html );

		$this->assert_untouched();
		$this->assertTrue( wp_script_is( 'helpdesky-ticket-center-view-script', 'enqueued' ) );
	}

	public function test_config_round_trips_through_the_attribute(): void {
		$html = do_blocks( self::CACHE_PROOF_BLOCK );

		$processor = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => 'wp-block-helpdesky-ticket-center' ) ) );
		$config = json_decode( (string) $processor->get_attribute( 'data-helpdesky-ticket-center' ), true );

		// Relative, so the browser asks whichever host served the page (plain permalinks here).
		// No texts: the views are rendered on the server, in the page.
		$this->assertSame(
			array(
				'endpoint' => '/index.php?rest_route=/helpdesky-block/v1/embed',
				'align'    => 'left',
				'maxWidth' => '640px',
			),
			$config
		);
	}

	/**
	 * Every view a visitor may get is rendered on the server, inside the block, with the markup
	 * inline delivery prints: the view script picks one and adds no text of its own.
	 */
	public function test_views_are_server_rendered_templates_with_the_inline_markup(): void {
		$html = do_blocks( self::CACHE_PROOF_BLOCK );

		$this->assertSame( 1, preg_match( '#<template data-helpdesky-variant="logged_out">(.*?)</template>#s', $html, $logged_out ), $html );
		$this->assertSame( 1, preg_match( '#<template data-helpdesky-variant="unavailable">(.*?)</template>#s', $html, $unavailable ), $html );
		$this->assertStringNotContainsString( '<please>', $html, 'The message is escaped in the markup.' );

		// The logged-out prompt as inline delivery prints it for the same attributes.
		Block\reset_request_flags();
		$inline = do_blocks( str_replace( '"deliveryMode":"cache-proof",', '', self::CACHE_PROOF_BLOCK ) );
		$this->assertSame( 1, preg_match( '#<div[^>]*is-logged-out[^>]*>(.*)</div>#s', $inline, $inline_logged_out ), $inline );
		$this->assertSame( self::squeeze( $inline_logged_out[1] ), self::squeeze( $logged_out[1] ) );
		$this->assertStringContainsString( 'Members &#038; friends: &lt;please&gt; log in', $logged_out[1] );
		$this->assertStringContainsString( 'href="' . esc_url( add_query_arg( Block\LOGIN_PROMPT_ARG, '1', wp_login_url( 'http://example.org/' ) ) ) . '"', $logged_out[1] );

		// Unavailable: the neutral message, and the administrators' list with one empty item that
		// the view script repeats for each problem the endpoint names.
		$this->assertStringContainsString( 'The support center is not available right now.', $unavailable[1] );
		$this->assertStringContainsString( 'Only administrators see this:', $unavailable[1] );
		$this->assertSame( 1, preg_match_all( '#<li></li>#', $unavailable[1] ) );
	}

	/**
	 * The view script's Jest test (src/ticket-center/test/view.test.ts) runs on a copy of what
	 * this block prints; the copy must stay what the server prints. HELPDESKY_UPDATE_FIXTURES=1
	 * writes it afresh.
	 */
	public function test_the_view_scripts_fixture_is_what_the_server_prints(): void {
		$fixture = dirname( __DIR__, 2 ) . '/js/fixtures/cache-proof-block.html';
		$html    = trim( do_blocks( self::CACHE_PROOF_BLOCK ) ) . "\n";
		if ( getenv( 'HELPDESKY_UPDATE_FIXTURES' ) ) {
			file_put_contents( $fixture, $html );
		}
		$this->assertSame( (string) file_get_contents( $fixture ), $html, 'Run the test with HELPDESKY_UPDATE_FIXTURES=1 and commit the fixture.' );
	}

	/**
	 * Markup with the whitespace between tags taken out.
	 *
	 * @param string $html Markup.
	 */
	private static function squeeze( string $html ): string {
		return trim( (string) preg_replace( '/>\s+</', '><', $html ) );
	}

	public function test_inline_pages_get_no_plugin_script(): void {
		do_blocks( self::BLOCK );

		$this->assertFalse( wp_script_is( 'helpdesky-ticket-center-view-script', 'enqueued' ) );
	}

	public function test_a_second_cache_proof_block_is_hidden_from_everyone_alike(): void {
		$this->log_in( self::factory()->user->create( array( 'role' => 'editor' ) ) );

		$html = do_blocks( self::CACHE_PROOF_BLOCK . self::CACHE_PROOF_BLOCK );

		$this->assertSame( 1, preg_match_all( '/\\bwp-block-helpdesky-ticket-center\\b(?!__)/', $html ) );
		$this->assertStringNotContainsString( 'Only one Helpdesky Ticket Center', $html );
	}

	/**
	 * GET /helpdesky-block/v1/embed as a browser on the site's own page would send it.
	 *
	 * @param array<string, string> $query   Query parameters.
	 * @param array<string, string> $headers Request headers.
	 * @return WP_REST_Response
	 */
	private function get_embed( array $query = array(), array $headers = array( 'Sec-Fetch-Site' => 'same-origin' ) ): WP_REST_Response {
		$request = new WP_REST_Request( 'GET', '/helpdesky-block/v1/embed' );
		$request->set_query_params( $query );
		foreach ( $headers as $name => $value ) {
			$request->set_header( $name, $value );
		}
		return rest_do_request( $request );
	}

	private function assert_no_store( WP_REST_Response $response ): void {
		$headers = $response->get_headers();
		foreach ( Block\no_cache_headers() as $name => $value ) {
			$this->assertSame( $value, $headers[ $name ] ?? null, "$name is missing from a {$response->get_status()} answer." );
		}
	}

	public function test_endpoint_answers_signed_in_user_with_their_own_signed_embed(): void {
		$this->sign_in( '  Jane.Doe@Example.com ' );

		$response = $this->get_embed();

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame(
			array(
				'state'      => 'embed',
				'helpdeskId' => self::HELPDESK_ID,
				'scriptUrl'  => 'https://helpdesky.io/ticket-center.js',
				'email'      => 'jane.doe@example.com',
				'signature'  => hash_hmac( 'sha256', 'jane.doe@example.com', self::SECRET ),
			),
			$response->get_data()
		);
		$this->assert_no_store( $response );
	}

	/**
	 * The endpoint returns the signed embed exactly as the one function decides it, whatever it
	 * decides: no attribute map in between, nothing picked apart again.
	 *
	 * @dataProvider embed_decisions
	 */
	public function test_endpoint_answer_is_the_signed_embed_data_unchanged( string $role, ?string $secret, ?callable $filter, string $state ): void {
		$this->configure_helpdesky( self::HELPDESK_ID, $secret );
		if ( null !== $filter ) {
			add_filter( 'helpdesky_block_user_email', $filter );
		}
		$user = $this->log_in(
			self::factory()->user->create(
				array(
					'user_email' => 'Jane.Doe@Example.com',
					'role'       => $role,
				)
			)
		);

		$data = $this->get_embed()->get_data();

		$this->assertSame( $state, $data['state'] );
		if ( 'unavailable' === $state ) {
			$this->assertSame( 'administrator' === $role, array() !== $data['problems'], 'Only administrators learn what is wrong.' );
		}
		$this->assertSame( Block\signed_embed( $user ), $data );
		$this->assertSame( wp_json_encode( Block\signed_embed( $user ) ), wp_json_encode( $data ) );
	}

	public function embed_decisions(): array {
		return array(
			'signed'                           => array( 'subscriber', self::SECRET, null, 'embed' ),
			'filtered address'                 => array(
				'subscriber',
				self::SECRET,
				static function () {
					return ' Support&amp;Co@Example.org ';
				},
				'embed',
			),
			'hidden by the email filter'       => array( 'subscriber', self::SECRET, '__return_empty_string', 'hidden' ),
			'unavailable, told to an admin'    => array( 'administrator', null, null, 'unavailable' ),
			'unavailable, nothing for members' => array( 'subscriber', null, null, 'unavailable' ),
		);
	}

	public function test_endpoint_ignores_any_email_or_user_it_is_given(): void {
		$this->sign_in( 'jane@example.com' );

		$response = $this->get_embed(
			array(
				'email'   => 'victim@example.com',
				'user_id' => '1',
			)
		);

		$this->assertSame( 'jane@example.com', $response->get_data()['email'] );
		$this->assertStringNotContainsString( hash_hmac( 'sha256', 'victim@example.com', self::SECRET ), (string) wp_json_encode( $response->get_data() ) );
	}

	public function test_endpoint_answers_401_with_no_store_when_nobody_is_signed_in(): void {
		$response = $this->get_embed();

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'helpdesky_block_signed_out', $response->get_data()['code'] );
		$this->assertArrayNotHasKey( 'signature', $response->get_data() );
		$this->assert_no_store( $response );
	}

	public function test_endpoint_authenticates_the_logged_in_cookie_without_a_nonce(): void {
		// What the REST API leaves of a browser request with a cookie and no nonce: no current user.
		$user = self::factory()->user->create( array( 'user_email' => 'cookie@example.com' ) );
		$this->log_out();
		$_COOKIE[ LOGGED_IN_COOKIE ] = wp_generate_auth_cookie( $user, time() + HOUR_IN_SECONDS, 'logged_in' );

		$response = $this->get_embed();

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'cookie@example.com', $response->get_data()['email'] );

		$this->log_out();
		$_COOKIE[ LOGGED_IN_COOKIE ] = 'forged|' . ( time() + HOUR_IN_SECONDS ) . '|token|hmac';
		$this->assertSame( 401, $this->get_embed()->get_status() );
	}

	/**
	 * @return array<string, array{array<string, string>}>
	 */
	public function cross_origin_requests(): array {
		return array(
			'another site'         => array( array( 'Sec-Fetch-Site' => 'cross-site' ) ),
			'a sibling subdomain'  => array( array( 'Sec-Fetch-Site' => 'same-site' ) ),
			'an older browser'     => array( array( 'Origin' => 'https://evil.example' ) ),
			'a forged same origin' => array(
				array(
					'Sec-Fetch-Site' => 'cross-site',
					'Origin'         => 'http://example.org',
				),
			),
		);
	}

	/**
	 * @dataProvider cross_origin_requests
	 *
	 * @param array<string, string> $headers Request headers.
	 */
	public function test_endpoint_refuses_other_origins( array $headers ): void {
		$this->sign_in( 'jane@example.com' );

		$response = $this->get_embed( array(), $headers );

		$this->assertSame( 403, $response->get_status() );
		$this->assertStringNotContainsString( 'jane@example.com', (string) wp_json_encode( $response->get_data() ) );
		$this->assert_no_store( $response );
	}

	public function test_endpoint_accepts_own_origin_and_plain_clients(): void {
		$this->sign_in( 'jane@example.com' );

		$this->assertSame( 200, $this->get_embed( array(), array( 'Origin' => 'http://example.org' ) )->get_status() );
		$this->assertSame( 200, $this->get_embed( array(), array() )->get_status() );
		$this->assertSame( 200, $this->get_embed( array(), array( 'Sec-Fetch-Site' => 'none' ) )->get_status() );
	}

	public function test_endpoint_follows_the_same_rules_as_inline_rendering(): void {
		$this->sign_in( 'jane@example.com' );
		add_filter( 'helpdesky_block_can_view', '__return_false' );
		$this->assertSame( array( 'state' => 'hidden' ), $this->get_embed()->get_data() );
		remove_filter( 'helpdesky_block_can_view', '__return_false' );

		$this->configure_helpdesky( self::HELPDESK_ID, null );
		$unavailable = $this->get_embed()->get_data();
		$this->assertSame( 'unavailable', $unavailable['state'] );
		$this->assertSame( array(), $unavailable['problems'], 'Subscribers get no diagnostics.' );

		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$this->assertNotEmpty( $this->get_embed()->get_data()['problems'] );
	}
}
