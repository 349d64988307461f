<?php
/**
 * What logged-out visitors see on a Ticket Center (loggedOutShows, shortcode logged_out): the
 * login prompt, the Contact Form, or both, prompt first; inline and cache-proof, block and
 * shortcode. Signed-in users always get their Ticket Center, and the page keeps its protections.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Contact_Form;
use Helpdesky\Block\Patterns;

require_once __DIR__ . '/CacheTestCase.php';
require_once __DIR__ . '/HtmlAssertions.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class LoggedOutFallbackTest extends CacheTestCase {

	use HtmlAssertions;

	const FORM = '<!-- wp:helpdesky/contact-form /-->';

	/** @var string The alignment the form's script is expected to carry: the Ticket Center's. */
	private $align = 'left';

	/**
	 * The Ticket Center's markup for a variant, delivery and syntax.
	 *
	 * @param string $shows    loggedOutShows, '' for none.
	 * @param string $delivery 'inline' or 'cache-proof'.
	 * @param string $syntax   'block' or 'shortcode'.
	 * @return string
	 */
	private static function markup( string $shows, string $delivery, string $syntax ): string {
		if ( 'shortcode' === $syntax ) {
			return '[helpdesky_ticket_center content_align="left"' . ( '' !== $shows ? ' logged_out="' . $shows . '"' : '' ) . ( 'cache-proof' === $delivery ? ' delivery_mode="cache-proof"' : '' ) . ']';
		}
		$attrs = array( 'contentAlign' => 'left' );
		if ( '' !== $shows ) {
			$attrs['loggedOutShows'] = $shows;
		}
		if ( 'cache-proof' === $delivery ) {
			$attrs['deliveryMode'] = 'cache-proof';
		}
		return '<!-- wp:helpdesky/ticket-center ' . wp_json_encode( $attrs ) . ' /-->';
	}

	/**
	 * Content rendered as the first Ticket Center and Contact Form of a request.
	 *
	 * @param string $content Block markup or shortcodes.
	 * @return string
	 */
	private function render_content( string $content ): string {
		Block\reset_request_flags();
		return trim( do_shortcode( do_blocks( $content ) ) );
	}

	/**
	 * What a logged-out visitor gets, in order: 'prompt' (the message), 'login' (its link),
	 * 'container' (the form's div), 'form script' (Helpdesky's contact-form.js), 'embed' (the
	 * Ticket Center's container or script). Read by both parsers, which must agree.
	 *
	 * @param string $html Markup.
	 * @return string[]
	 */
	private function parts( string $html ): array {
		$parts = array();
		foreach ( $this->assert_parsers_agree( $html ) as $element ) {
			$attributes = $element['attributes'];
			$classes    = explode( ' ', $attributes['class'] ?? '' );
			if ( in_array( 'wp-block-helpdesky-ticket-center__message', $classes, true ) ) {
				$parts[] = 'prompt';
			} elseif ( in_array( 'wp-block-helpdesky-ticket-center__login', $classes, true ) ) {
				$parts[] = 'login';
			} elseif ( Contact_Form\CONTAINER_ID === ( $attributes['id'] ?? '' ) ) {
				$this->assertSame( array( 'id' => Contact_Form\CONTAINER_ID ), $attributes );
				$parts[] = 'container';
			} elseif ( 'script' === $element['tag'] && Contact_Form\DEFAULT_SCRIPT_URL === ( $attributes['src'] ?? '' ) ) {
				$this->assertSame( self::HELPDESK_ID, $attributes['data-helpdesk-id'] );
				// The Ticket Center's alignment, by the Contact Form's rules.
				$this->assertSame( $this->align, $attributes['data-align'] );
				$this->assertArrayNotHasKey( 'data-email', $attributes );
				$this->assertArrayNotHasKey( 'data-signature', $attributes );
				$parts[] = 'form script';
			} elseif ( Block\CONTAINER_ID === ( $attributes['id'] ?? '' ) || isset( $attributes['data-signature'] ) ) {
				$parts[] = 'embed';
			}
		}
		return $parts;
	}

	/**
	 * The markup of the cache-proof block's logged-out template.
	 *
	 * @param string $html The block.
	 * @return string
	 */
	private function logged_out_template( string $html ): string {
		$this->assertSame( 1, preg_match( '#<template data-helpdesky-variant="logged_out">(.*?)</template>#s', $html, $match ), $html );
		return $match[1];
	}

	/**
	 * @return array<string, array{string, string, string, string[]}>
	 */
	public function variants(): array {
		$expected = array(
			''       => array( 'prompt', 'login' ),
			'prompt' => array( 'prompt', 'login' ),
			'form'   => array( 'container', 'form script' ),
			'both'   => array( 'prompt', 'login', 'container', 'form script' ),
		);
		$cases    = array();
		foreach ( $expected as $shows => $parts ) {
			foreach ( array( 'inline', 'cache-proof' ) as $delivery ) {
				foreach ( array( 'block', 'shortcode' ) as $syntax ) {
					$cases[ sprintf( '%s / %s / %s', '' === $shows ? 'default' : $shows, $delivery, $syntax ) ] = array( (string) $shows, $delivery, $syntax, $parts );
				}
			}
		}
		return $cases;
	}

	/**
	 * @dataProvider variants
	 *
	 * @param string   $shows    loggedOutShows.
	 * @param string   $delivery Delivery mode.
	 * @param string   $syntax   Block or shortcode.
	 * @param string[] $expected What the visitor gets, in order.
	 */
	public function test_visitor_gets_the_chosen_view( string $shows, string $delivery, string $syntax, array $expected ): void {
		$html = $this->render_content( self::markup( $shows, $delivery, $syntax ) );

		if ( 'cache-proof' === $delivery ) {
			// The page itself holds no script: the template's is inserted with the template.
			$this->assertSame( 'embed', $this->parts( $html )[0], $html );
			$html = $this->logged_out_template( $html );
		}
		$this->assertSame( $expected, $this->parts( $html ), $html );
	}

	/**
	 * @dataProvider variants
	 *
	 * @param string $shows    loggedOutShows.
	 * @param string $delivery Delivery mode.
	 * @param string $syntax   Block or shortcode.
	 */
	public function test_signed_in_user_never_gets_the_form( string $shows, string $delivery, string $syntax ): void {
		$this->sign_in();

		$html = $this->render_content( self::markup( $shows, $delivery, $syntax ) );

		if ( 'inline' === $delivery ) {
			$this->assertSame( array( 'embed', 'embed' ), $this->parts( $html ), $html );
			$this->assertStringNotContainsString( Contact_Form\CONTAINER_ID, $html );
			return;
		}
		// Cache-proof: the same bytes as for a visitor; the form waits in the logged-out template,
		// which the view script shows only to whoever the endpoint does not know.
		$this->log_out();
		$this->assertSame( $html, $this->render_content( self::markup( $shows, $delivery, $syntax ) ) );
		$this->assertStringNotContainsString( Contact_Form\CONTAINER_ID, (string) preg_replace( '#<template data-helpdesky-variant="logged_out">.*?</template>#s', '', $html ) );
	}

	public function test_shortcode_prints_what_the_block_prints(): void {
		foreach ( array( 'prompt', 'form', 'both' ) as $shows ) {
			foreach ( array( 'inline', 'cache-proof' ) as $delivery ) {
				$this->assertSame(
					$this->render_content( self::markup( $shows, $delivery, 'block' ) ),
					$this->render_content( self::markup( $shows, $delivery, 'shortcode' ) ),
					"$shows / $delivery"
				);
			}
		}
	}

	/**
	 * @return array<string, array{mixed}>
	 */
	public function invalid_values(): array {
		return array(
			'upper case'   => array( 'BOTH' ),
			'padded'       => array( ' form' ),
			'unknown'      => array( 'contact-form' ),
			'empty'        => array( '' ),
			'boolean'      => array( true ),
			'list'         => array( array( 'form' ) ),
			'markup'       => array( '<script>' ),
			'number'       => array( 1 ),
			'null'         => array( null ),
			'object-ish'   => array( array( 'form' => 'both' ) ),
			'two variants' => array( 'prompt,form' ),
		);
	}

	/**
	 * @dataProvider invalid_values
	 *
	 * @param mixed $value An attribute value the block does not know.
	 */
	public function test_invalid_values_fall_back_to_the_prompt( $value ): void {
		$block = array(
			'blockName'    => Block\BLOCK_NAME,
			'attrs'        => array( 'loggedOutShows' => $value ),
			'innerBlocks'  => array(),
			'innerHTML'    => '',
			'innerContent' => array(),
		);
		Block\reset_request_flags();
		$this->assertSame( array( 'prompt', 'login' ), $this->parts( render_block( $block ) ) );
		$this->assertSame( 'prompt', Block\logged_out_shows( array( 'loggedOutShows' => $value ) ) );
		if ( is_string( $value ) ) {
			$this->assertSame( array( 'prompt', 'login' ), $this->parts( $this->render_content( '[helpdesky_ticket_center logged_out="' . esc_attr( $value ) . '"]' ) ) );
		}
	}

	/**
	 * @return array<string, array{?string, string}>
	 */
	public function unusable_helpdesk_ids(): array {
		return array(
			'missing / form'   => array( null, 'form' ),
			'missing / both'   => array( null, 'both' ),
			'malformed / form' => array( 'not-a-uuid', 'form' ),
			'malformed / both' => array( 'not-a-uuid', 'both' ),
		);
	}

	/**
	 * @dataProvider unusable_helpdesk_ids
	 *
	 * @param string|null $helpdesk_id The configured ID.
	 * @param string      $shows       loggedOutShows.
	 */
	public function test_without_a_usable_helpdesk_id_visitors_get_the_prompt_and_admins_the_explanation( ?string $helpdesk_id, string $shows ): void {
		$this->configure_helpdesky( $helpdesk_id, self::SECRET );
		foreach ( array( 'inline', 'cache-proof' ) as $delivery ) {
			$html = $this->render_content( self::markup( $shows, $delivery, 'block' ) );
			if ( 'cache-proof' === $delivery ) {
				$html = $this->logged_out_template( $html );
			}
			// Nothing extra: no empty form container, the prompt so that the block is not empty.
			$this->assertSame( array( 'prompt', 'login' ), $this->parts( $html ), "$delivery:\n$html" );
			$this->assertStringNotContainsString( 'Only administrators', $html );
		}

		// An administrator is signed in and reads today's explanation in the Ticket Center itself.
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$html = $this->render_content( self::markup( $shows, 'inline', 'block' ) );
		$this->assertStringContainsString( 'Only administrators see this:', $html );
		$this->assertStringContainsString( null === $helpdesk_id ? Block\problem_message( 'helpdesk_id_missing' ) : Block\problem_message( 'helpdesk_id_malformed' ), html_entity_decode( $html, ENT_QUOTES ) );
		$this->assertStringNotContainsString( Contact_Form\CONTAINER_ID, $html );
	}

	/**
	 * One Contact Form per page: Helpdesky's script fills one container. Whichever renders first
	 * keeps it; a Ticket Center that finds the page's form taken shows the prompt in its place.
	 */
	public function test_one_contact_form_per_page(): void {
		foreach ( array( 'inline', 'cache-proof' ) as $delivery ) {
			foreach ( array( 'form', 'both' ) as $shows ) {
				$form_first = $this->render_content( self::FORM . self::markup( $shows, $delivery, 'block' ) );
				$this->assertSame( 1, substr_count( $form_first, 'id="hdh-contact-form"' ), "$shows / $delivery:\n$form_first" );
				$this->assertStringContainsString( 'wp-block-helpdesky-contact-form', $form_first );
				$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center__message', $form_first, 'The prompt takes the form\'s place.' );

				$form_last = $this->render_content( self::markup( $shows, $delivery, 'block' ) . self::FORM );
				$this->assertSame( 1, substr_count( $form_last, 'id="hdh-contact-form"' ), "$shows / $delivery:\n$form_last" );
				$this->assertStringNotContainsString( 'wp-block-helpdesky-contact-form', $form_last );
			}
		}
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
	 *
	 * @param string $theme Theme type.
	 */
	public function test_inline_page_with_the_form_keeps_every_protection( string $theme ): void {
		$this->use_theme( $theme );
		$page = $this->page( self::markup( 'both', 'inline', 'block' ) );

		$html = $this->render( (string) get_permalink( $page ) );

		$this->assertStringContainsString( 'id="hdh-contact-form"', $html );
		$this->assertSame( array( 'main_query' ), $this->signals['detected'] );
		$this->assert_protected( false );
	}

	/**
	 * @dataProvider themes
	 *
	 * @param string $theme Theme type.
	 */
	public function test_cache_proof_page_with_the_form_is_identical_for_everyone_and_cacheable( string $theme ): void {
		$this->use_theme( $theme );
		$url = (string) get_permalink( $this->page( self::markup( 'both', 'cache-proof', 'block' ) ) );

		$renders = array();
		foreach ( array( 'anonymous', 'subscriber', 'administrator' ) as $visitor ) {
			if ( 'anonymous' === $visitor ) {
				$this->log_out();
			} else {
				$this->log_in( self::factory()->user->create( array( 'role' => $visitor ) ) );
			}
			Block\reset_request_flags();
			$this->assertSame( 1, preg_match( '#<div[^>]*\bwp-block-helpdesky-ticket-center\b.*?</template>\s*</div>#s', $this->render( $url ), $match ) );
			$renders[ $visitor ] = $match[0];
		}

		$this->assertSame( $renders['anonymous'], $renders['subscriber'] );
		$this->assertSame( $renders['anonymous'], $renders['administrator'] );
		$this->assertSame( array( 'prompt', 'login', 'container', 'form script' ), $this->parts( $this->logged_out_template( $renders['anonymous'] ) ) );
		$this->assertStringNotContainsString( 'data-signature', $renders['anonymous'] );
		$this->assert_untouched();
	}

	public function test_support_page_pattern_offers_the_form_below_the_prompt(): void {
		$blocks = parse_blocks( Patterns\support_page_content() );
		$this->assertSame( array( 'loggedOutShows' => 'both' ), $blocks[4]['attrs'] ?? null );

		$this->align = 'center';
		$html        = $this->render_content( Patterns\support_page_content() );
		$parts       = $this->parts( (string) preg_replace( '#^.*?(<div[^>]*wp-block-helpdesky-ticket-center)#s', '$1', $html ) );
		$this->assertSame( array( 'prompt', 'login', 'container', 'form script' ), $parts );
	}
}
