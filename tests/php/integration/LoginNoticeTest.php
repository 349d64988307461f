<?php
/**
 * The login prompt's link and wp-login.php: a signed-in visitor who was shown the prompt from a
 * cache (WP Super Cache's "Make known users anonymous", say) and follows its link is told what is
 * wrong, instead of being sent to a login that returns to the same prompt. Signed-out visitors
 * get core's login as before.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Login_Notice;

require_once __DIR__ . '/OwnerTestHelpers.php';
require_once __DIR__ . '/HtmlAssertions.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it sets the request as wp-login.php would get it.

final class LoginNoticeTest extends TestCase {

	use OwnerTestHelpers;
	use HtmlAssertions;

	const BLOCK = '<!-- wp:helpdesky/ticket-center /-->';

	/** @var string The page with the block. */
	private $page_url = '';

	protected function set_up(): void {
		$this->configure_helpdesky( self::$helpdesk_id, self::$secret );
		require_once dirname( __DIR__, 3 ) . '/includes/login-notice.php';
		Login_Notice\bootstrap();
		$page_id        = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_status'  => 'publish',
				'post_content' => self::BLOCK,
			)
		);
		$this->page_url = (string) get_permalink( $page_id );
	}

	protected function tear_down(): void {
		unset( $GLOBALS['wp_cache_make_known_anon'] );
	}

	/**
	 * The href of the prompt's login link in markup, read by both parsers.
	 *
	 * @param string $html Markup.
	 * @return string
	 */
	private function login_href( string $html ): string {
		foreach ( $this->assert_parsers_agree( $html ) as $element ) {
			if ( in_array( 'wp-block-helpdesky-ticket-center__login', explode( ' ', $element['attributes']['class'] ?? '' ), true ) ) {
				return html_entity_decode( (string) $element['attributes']['href'], ENT_QUOTES );
			}
		}
		$this->fail( "No login link in:\n{$html}" );
	}

	/**
	 * The request wp-login.php gets when the prompt's link is followed.
	 *
	 * @param string $login_url The link.
	 * @param string $method    HTTP method.
	 */
	private function arrive_at_login( string $login_url, string $method = 'GET' ): void {
		$query = (string) wp_parse_url( $login_url, PHP_URL_QUERY );
		$_GET  = array();
		parse_str( $query, $_GET );
		$_GET                      = wp_slash( $_GET );
		$_REQUEST                  = $_GET;
		$_SERVER['REQUEST_METHOD'] = $method;
		$_SERVER['REQUEST_URI']    = '/wp-login.php?' . $query;
	}

	/**
	 * What core's login screen does next: nothing (the form or core's redirect follows) or the
	 * plugin's message, through wp_die() with status 200.
	 *
	 * @return string|null The message, or null when core's login goes on.
	 */
	private function login_screen(): ?string {
		try {
			do_action( 'login_form_login' );
		} catch ( WpDieException $e ) {
			$this->assertSame( 200, $e->getCode() );
			return $e->getMessage();
		}
		return null;
	}

	/**
	 * The prompt's login link for a visitor who is not signed in, as the page prints it.
	 *
	 * @param string $block Block markup.
	 * @return string
	 */
	private function prompt_login_url( string $block ): string {
		$this->log_out();
		$this->go_to( $this->page_url );
		$_SERVER['HTTP_HOST'] = 'example.org';
		Block\reset_request_flags();
		return $this->login_href( do_blocks( $block ) );
	}

	public function test_the_inline_prompt_links_to_the_login_with_the_marker_returning_to_the_page(): void {
		$url = $this->prompt_login_url( self::BLOCK );

		$this->assertStringStartsWith( wp_login_url(), $url );
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertSame( '1', $query[ Block\LOGIN_PROMPT_ARG ] ?? null, $url );
		// The page itself is not marked: the marker is only on wp-login.php, which no cache keeps.
		$this->assertSame( $this->page_url, $query['redirect_to'] ?? null );
	}

	public function test_the_cache_proof_prompt_links_to_the_login_with_the_marker(): void {
		$html = do_blocks( '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /-->' );
		$this->assertSame( 1, preg_match( '#<template data-helpdesky-variant="logged_out">(.*?)</template>#s', $html, $template ), $html );

		parse_str( (string) wp_parse_url( $this->login_href( $template[1] ), PHP_URL_QUERY ), $query );
		$this->assertSame( '1', $query[ Block\LOGIN_PROMPT_ARG ] ?? null );
		$this->assertArrayHasKey( 'redirect_to', $query );
	}

	public function test_a_signed_in_member_from_the_prompt_is_told_what_is_wrong_instead_of_the_login(): void {
		$url = $this->prompt_login_url( self::BLOCK );
		$this->log_in_as( 'subscriber' );
		$this->arrive_at_login( $url );

		$message = $this->login_screen();

		$this->assertNotNull( $message, 'The login screen went on for a signed-in visitor from the prompt.' );
		$this->assertStringContainsString( 'You are signed in, but the page you came from showed the version for visitors who are not signed in.', $message );
		$this->assertStringContainsString( 'Please let the site owner know. Site owners: see Tools → Site Health.', $message );
		$this->assertStringNotContainsString( 'site-health.php', $message, 'Members get no admin links.' );
		$links = self::elements_named( $this->assert_parsers_agree( $message ), 'a' );
		$this->assertCount( 1, $links );
		$this->assertSame( $this->page_url, html_entity_decode( (string) $links[0]['href'], ENT_QUOTES ) );
		$this->assertSame( 0, did_action( 'wp_login' ), 'Nothing was signed in or changed.' );
	}

	public function test_an_administrator_gets_the_cause_and_the_advice(): void {
		$url = $this->prompt_login_url( self::BLOCK );
		$this->log_in_as( 'administrator' );
		update_option( 'active_plugins', array( 'helpdesky-block/helpdesky-block.php', 'wp-super-cache/wp-cache.php' ) );
		$GLOBALS['wp_cache_make_known_anon'] = 1;
		$this->arrive_at_login( $url );

		$message = (string) $this->login_screen();

		$this->assertStringContainsString( 'Make known users anonymous', $message );
		$this->assertStringContainsString( 'switch the Ticket Center block to cache-proof delivery', $message );
		$this->assertStringContainsString( 'href="' . esc_url( admin_url( 'site-health.php' ) ) . '"', $message );
		$this->assertStringNotContainsString( 'Please let the site owner know', $message );
	}

	public function test_an_administrator_with_no_known_setting_is_pointed_at_other_caches(): void {
		$url = $this->prompt_login_url( self::BLOCK );
		$this->log_in_as( 'administrator' );
		update_option( 'active_plugins', array( 'helpdesky-block/helpdesky-block.php' ) );
		$this->arrive_at_login( $url );

		$this->assertStringContainsString( 'none of the cache plugin settings Site Health checks explains it', (string) $this->login_screen() );
	}

	public function test_a_signed_out_visitor_gets_the_login_returning_to_the_page(): void {
		$url = $this->prompt_login_url( self::BLOCK );
		$this->arrive_at_login( $url );

		$this->assertNull( $this->login_screen() );
		// Core's form keeps redirect_to; after signing in it sends the visitor to the page, which
		// (cached or not) a visitor with the logged-in cookie passes by under the plugin's opt-out.
		$this->assertSame( $this->page_url, wp_unslash( $_REQUEST['redirect_to'] ) );
	}

	/**
	 * @dataProvider requests_left_to_core
	 *
	 * @param array<string, string> $extra  Query arguments added to the prompt's link.
	 * @param string                $method HTTP method.
	 * @param bool                  $marker Whether the link keeps the marker.
	 */
	public function test_other_login_requests_of_a_signed_in_user_are_left_to_core( array $extra, string $method, bool $marker ): void {
		$url = add_query_arg( $extra, $this->prompt_login_url( self::BLOCK ) );
		if ( ! $marker ) {
			$url = remove_query_arg( Block\LOGIN_PROMPT_ARG, $url );
		}
		$this->log_in_as( 'subscriber' );
		$this->arrive_at_login( $url, $method );

		$this->assertNull( $this->login_screen() );
	}

	public function requests_left_to_core(): array {
		return array(
			'no marker: any other login link'     => array( array(), 'GET', false ),
			'a POST (the form itself never carries the marker)' => array( array(), 'POST', true ),
			're-authentication asks for the password on purpose' => array( array( 'reauth' => '1' ), 'GET', true ),
			"the editor's session-expired dialog" => array( array( 'interim-login' => '1' ), 'GET', true ),
			'a marker with another value'         => array( array( Block\LOGIN_PROMPT_ARG => 'yes' ), 'GET', true ),
		);
	}

	public function test_the_way_back_never_leaves_the_site(): void {
		$this->log_in_as( 'subscriber' );
		$this->arrive_at_login(
			add_query_arg(
				array(
					Block\LOGIN_PROMPT_ARG => '1',
					'redirect_to'          => rawurlencode( 'https://evil.test/phish' ),
				),
				wp_login_url()
			)
		);

		$message = (string) $this->login_screen();

		$this->assertStringNotContainsString( 'evil.test', $message );
		$links = self::elements_named( $this->assert_parsers_agree( $message ), 'a' );
		$this->assertSame( home_url( '/' ), html_entity_decode( (string) $links[0]['href'], ENT_QUOTES ) );
	}

	public function test_the_file_is_loaded_on_wp_login_php_only(): void {
		$hooked = static function (): bool {
			return false !== has_action( 'login_form_login', 'Helpdesky\\Block\\Login_Notice\\explain_cached_prompt' );
		};
		remove_all_actions( 'login_form_login' );
		$pagenow = $GLOBALS['pagenow'] ?? null;
		try {
			$GLOBALS['pagenow'] = 'index.php';
			Block\maybe_load_login_notice();
			$this->assertFalse( $hooked(), 'A front-end request registered the login notice.' );

			$GLOBALS['pagenow'] = 'wp-login.php';
			Block\maybe_load_login_notice();
			$this->assertTrue( $hooked() );
		} finally {
			$GLOBALS['pagenow'] = $pagenow;
		}
	}
}
