<?php
/**
 * [helpdesky_ticket_center]: the block's output, through the block's own render path.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Shortcode;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class ShortcodeTest extends TestCase {

	protected function set_up(): void {
		$this->configure_helpdesky( '123e4567-e89b-12d3-a456-426614174000', 'hdh_secret_shortcode_0123456789' );
	}

	/** A new request: the one-instance rule and the cache opt-out start again. */
	private function new_request(): void {
		unset( $GLOBALS['wp_actions']['helpdesky_block_ticket_center_claimed'], $GLOBALS['wp_actions']['helpdesky_block_marked_uncacheable'] );
		\Helpdesky\Block\reset_request_flags();
	}

	/**
	 * The block's HTML and the shortcode's, each rendered as the first instance of a request.
	 *
	 * @return string[]
	 */
	private function both( string $block_attributes, string $shortcode_attributes ): array {
		$this->new_request();
		$block = do_blocks( '<!-- wp:helpdesky/ticket-center ' . $block_attributes . ' /-->' );
		$this->new_request();
		$shortcode = do_shortcode( '[helpdesky_ticket_center ' . $shortcode_attributes . ']' );
		return array( trim( $block ), trim( $shortcode ) );
	}

	public function test_is_registered(): void {
		$this->assertTrue( shortcode_exists( 'helpdesky_ticket_center' ) );
	}

	/**
	 * @dataProvider equivalent_attributes
	 */
	public function test_signed_in_user_gets_the_same_html_as_from_the_block( string $block_attributes, string $shortcode_attributes ): void {
		$this->log_in( self::factory()->user->create( array( 'user_email' => 'Jane@Example.com' ) ) );

		list( $block, $shortcode ) = $this->both( $block_attributes, $shortcode_attributes );

		$this->assertStringContainsString( 'data-signature="', $block );
		$this->assertSame( $block, $shortcode );
	}

	/**
	 * @dataProvider equivalent_attributes
	 */
	public function test_visitor_gets_the_same_html_as_from_the_block( string $block_attributes, string $shortcode_attributes ): void {
		list( $block, $shortcode ) = $this->both( $block_attributes, $shortcode_attributes );

		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center__message', $block );
		$this->assertSame( $block, $shortcode );
	}

	public function equivalent_attributes(): array {
		return array(
			'defaults'                   => array( '', '' ),
			'alignment and width'        => array( '{"contentAlign":"left","maxWidth":"640px"}', 'content_align="left" max_width="640px"' ),
			'message without login link' => array( '{"loggedOutMessage":"Members only","showLoginLink":false}', 'logged_out_message="Members only" show_login_link="no"' ),
			'login link spelled out'     => array( '{"showLoginLink":true}', 'show_login_link="yes"' ),
			'invalid values are dropped' => array( '{"contentAlign":"middle","maxWidth":"calc(100% - 1px)"}', 'content_align="middle" max_width="calc(100% - 1px)"' ),
		);
	}

	public function test_flags_read_the_way_people_write_them(): void {
		foreach ( array( 'no', 'false', '0', 'off', 'NO', '' ) as $false ) {
			$this->assertFalse( Shortcode\to_bool( $false ), var_export( $false, true ) );
		}
		foreach ( array( 'yes', 'true', '1', 'on' ) as $true ) {
			$this->assertTrue( Shortcode\to_bool( $true ), $true );
		}
		$this->assertSame(
			array(
				'maxWidth'      => '20rem',
				'showLoginLink' => false,
			),
			Shortcode\parsed_block(
				array(
					'show_login_link' => 'false',
					'max_width'       => '20rem',
					'unknown'         => 'x',
				)
			)['attrs']
		);
	}

	public function test_message_is_escaped(): void {
		$html = do_shortcode( '[helpdesky_ticket_center logged_out_message="<script>alert(1)</script>"]' );
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringContainsString( '&lt;script&gt;alert(1)&lt;/script&gt;', $html );
	}

	public function test_in_post_content_it_is_not_wrapped_in_a_paragraph_and_opts_out_of_caching(): void {
		$this->log_in( self::factory()->user->create() );

		$html = apply_filters( 'the_content', "Intro.\n\n[helpdesky_ticket_center]\n\nOutro." );

		$this->assertSame( 1, substr_count( $html, '<script ' ) );
		$this->assertStringNotContainsString( '<p><div', $html );
		$this->assertSame( 1, did_action( 'helpdesky_block_marked_uncacheable' ) );
	}

	public function test_shortcode_and_block_on_one_page_make_one_ticket_center(): void {
		$this->log_in( self::factory()->user->create() );
		$html = do_shortcode( do_blocks( '<!-- wp:helpdesky/ticket-center /-->' . "\n" . '[helpdesky_ticket_center]' ) );
		$this->assertSame( 1, substr_count( $html, 'id="hdh-ticket-center"' ) );
	}

	public function test_page_with_the_shortcode_opts_out_of_caching_before_output(): void {
		$with    = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => '<p>Help</p>[helpdesky_ticket_center max_width="640px"]',
			)
		);
		$without = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => '<p>About us</p>[[helpdesky_ticket_center]] is how you write it.',
			)
		);

		$this->go_to( '/?page_id=' . $without );
		Block\detect_on_request();
		$this->assertSame( 0, did_action( 'helpdesky_block_marked_uncacheable' ), 'The escaped shortcode prints text only.' );

		$this->go_to( '/?page_id=' . $with );
		Block\detect_on_request();
		$this->assertSame( 1, did_action( 'helpdesky_block_marked_uncacheable' ) );

		// Archives print full content as well.
		unset( $GLOBALS['wp_actions']['helpdesky_block_marked_uncacheable'] );
		\Helpdesky\Block\reset_request_flags();
		self::factory()->post->create( array( 'post_content' => '[helpdesky_ticket_center]' ) );
		$this->go_to( '/' );
		Block\detect_on_request();
		$this->assertSame( 1, did_action( 'helpdesky_block_marked_uncacheable' ) );
	}

	public function test_shortcode_inside_a_synced_pattern_is_detected_early(): void {
		$pattern = self::factory()->post->create(
			array(
				'post_type'    => 'wp_block',
				'post_content' => '<!-- wp:shortcode -->[helpdesky_ticket_center]<!-- /wp:shortcode -->',
			)
		);
		$page    = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => '<!-- wp:block {"ref":' . $pattern . '} /-->',
			)
		);

		$this->go_to( '/?page_id=' . $page );
		Block\detect_on_request();

		$this->assertSame( 1, did_action( 'helpdesky_block_marked_uncacheable' ) );
	}

	public function test_cache_proof_shortcode_leaves_the_page_cacheable(): void {
		$page = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => '[helpdesky_ticket_center delivery_mode="cache-proof"]',
			)
		);

		$this->go_to( '/?page_id=' . $page );
		Block\detect_on_request();
		$html = do_shortcode( get_post( $page )->post_content );

		$this->assertSame( 0, did_action( 'helpdesky_block_marked_uncacheable' ) );
		$this->assertStringContainsString( 'data-helpdesky-ticket-center', $html );
		$this->assertStringNotContainsString( 'data-signature', $html );
	}
}
