<?php
/**
 * The Contact Form block (helpdesky/contact-form) and [helpdesky_contact_form]: what they print,
 * for whom, and that a page with only the Contact Form stays cacheable while a page that also has
 * the Ticket Center keeps all of its protections.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Contact_Form;
use Helpdesky\Block\Patterns;

require_once __DIR__ . '/CacheTestCase.php';
require_once __DIR__ . '/HtmlAssertions.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class ContactFormTest extends CacheTestCase {

	use HtmlAssertions;

	const FORM = '<!-- wp:helpdesky/contact-form /-->';

	/** A new request as far as the blocks are concerned. */
	private function new_request(): void {
		Block\reset_request_flags();
	}

	/**
	 * The block's HTML, rendered as the first Contact Form of a request.
	 *
	 * @param string $markup Block markup or shortcode.
	 * @return string
	 */
	private function form( string $markup = self::FORM ): string {
		$this->new_request();
		return trim( do_shortcode( do_blocks( $markup ) ) );
	}

	/**
	 * The one script tag of the output, parsed, with the container checked in front of it.
	 *
	 * @param string $html Output.
	 * @return array<string, string>
	 */
	private function form_script( string $html ): array {
		$elements = $this->assert_parsers_agree( $html );
		$this->assertSame( array( 'div', 'div', 'script' ), array_column( $elements, 'tag' ), $html );
		$classes = explode( ' ', $elements[0]['attributes']['class'] );
		$this->assertContains( 'wp-block-helpdesky-contact-form', $classes );
		$this->assertContains( 'is-embed', $classes );
		// Helpdesky's script looks the container up once, when it runs: it must come first.
		$this->assertSame( array( 'id' => 'hdh-contact-form' ), $elements[1]['attributes'] );
		return $elements[2]['attributes'];
	}

	public function test_is_registered_from_its_block_json(): void {
		$type = \WP_Block_Type_Registry::get_instance()->get_registered( Contact_Form\BLOCK_NAME );
		$this->assertNotNull( $type );
		$this->assertSame( 3, $type->api_version );
		$this->assertFalse( $type->supports['multiple'] );
		$this->assertFalse( $type->supports['html'] );
		$ticket_center = \WP_Block_Type_Registry::get_instance()->get_registered( Block\BLOCK_NAME );
		foreach ( array( 'contentAlign', 'maxWidth' ) as $name ) {
			$this->assertSame( $ticket_center->attributes[ $name ], $type->attributes[ $name ], "$name as the Ticket Center's" );
		}
	}

	public function test_visitor_gets_the_container_and_helpdeskys_script(): void {
		$script = $this->form_script( $this->form() );

		$this->assertSame( 'https://helpdesky.io/contact-form.js', $script['src'] );
		$this->assertSame( self::HELPDESK_ID, $script['data-helpdesk-id'] );
		// As the Ticket Center prints it: data-align always, data-max-width only when set.
		$this->assertSame( 'center', $script['data-align'] );
		$this->assertArrayNotHasKey( 'data-max-width', $script );
		foreach ( array( 'data-email', 'data-signature', 'data-container' ) as $absent ) {
			$this->assertArrayNotHasKey( $absent, $script );
		}
		// The optimizers' opt-outs of the Ticket Center's script.
		$this->assertSame( 'false', $script['data-cfasync'] );
		$this->assertSame( '1', $script['data-no-optimize'] );
		$this->assertSame( '1', $script['data-no-defer'] );
		$this->assertSame( '1', $script['data-no-minify'] );
		$this->assertArrayHasKey( 'data-pagespeed-no-defer', $script );
		$this->assertArrayHasKey( 'nowprocket', $script );
	}

	public function test_signed_in_user_gets_exactly_what_a_visitor_gets(): void {
		$anonymous = $this->form();
		$this->sign_in();
		$this->assertSame( $anonymous, $this->form(), 'No per-user data: the same bytes for everyone.' );
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$this->assertSame( $anonymous, $this->form() );
	}

	/**
	 * @return array<string, array{string, string, string|null}>
	 */
	public function layouts(): array {
		return array(
			'left, 480px'              => array( '{"contentAlign":"left","maxWidth":"480px"}', 'left', '480px' ),
			'right, 50%'               => array( '{"contentAlign":"right","maxWidth":"50%"}', 'right', '50%' ),
			'unknown alignment'        => array( '{"contentAlign":"justify"}', 'center', null ),
			'width with CSS injection' => array( '{"maxWidth":"100px;color:red"}', 'center', null ),
			'zero width'               => array( '{"maxWidth":"0px"}', 'center', null ),
		);
	}

	/**
	 * @dataProvider layouts
	 */
	public function test_alignment_and_width_follow_the_ticket_centers_rules( string $attributes, string $align, ?string $width ): void {
		$script = $this->form_script( $this->form( '<!-- wp:helpdesky/contact-form ' . $attributes . ' /-->' ) );
		$this->assertSame( $align, $script['data-align'] );
		$this->assertSame( $width, $script['data-max-width'] ?? null );
	}

	public function test_script_tag_goes_through_wp_script_attributes(): void {
		add_filter(
			'wp_script_attributes',
			static function ( $attributes ) {
				$attributes['nonce'] = 'n0nc3';
				return $attributes;
			}
		);
		$this->assertSame( 'n0nc3', $this->form_script( $this->form() )['nonce'] );
	}

	public function test_script_url_filter_points_the_form_elsewhere(): void {
		add_filter(
			Contact_Form\FORM_SCRIPT_URL_FILTER,
			static function () {
				return 'http://example.org/?helpdesky_block_stand_in=contact-form.js';
			}
		);
		$this->assertSame( 'http://example.org/?helpdesky_block_stand_in=contact-form.js', $this->form_script( $this->form() )['src'] );
		// The Ticket Center's filter is the Ticket Center's.
		$this->assertSame( 'https://helpdesky.io/ticket-center.js', Block\script_url() );
	}

	/**
	 * @return array<string, array{string|null, string}>
	 */
	public function unusable_helpdesk_ids(): array {
		return array(
			'missing'   => array( null, 'helpdesk_id_missing' ),
			'malformed' => array( 'not-a-helpdesk-id', 'helpdesk_id_malformed' ),
		);
	}

	/**
	 * @dataProvider unusable_helpdesk_ids
	 */
	public function test_unusable_helpdesk_id_gives_visitors_nothing_and_admins_the_ticket_centers_explanation( ?string $helpdesk_id, string $code ): void {
		// The form needs no secret: none is configured here.
		$this->configure_helpdesky( $helpdesk_id, null );

		$this->assertSame( '', $this->form(), 'Visitors get nothing.' );
		$this->sign_in();
		$this->assertSame( '', $this->form(), 'Subscribers get nothing.' );

		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$html = $this->form();
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( 'hdh-contact-form', $html );
		$this->assertStringContainsString( esc_html( Block\problem_message( $code ) ), $html );
		$this->assertStringContainsString( 'Only administrators see this:', $html );
		$this->assertStringNotContainsString( 'HMAC', $html, 'The secret is not the form\'s concern.' );
		// The explanation differs per visitor: this page, and only this one, is kept out of caches.
		$this->assertSame( 1, did_action( Block\UNCACHEABLE_ACTION ) );
	}

	public function test_without_a_secret_the_form_still_works(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, null );
		$this->assertSame( self::HELPDESK_ID, $this->form_script( $this->form() )['data-helpdesk-id'] );
	}

	public function test_unusable_script_url_is_explained_to_admins_only(): void {
		add_filter(
			Contact_Form\FORM_SCRIPT_URL_FILTER,
			static function () {
				return 'javascript:alert(1)';
			}
		);
		$this->assertSame( '', $this->form() );
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$html = $this->form();
		$this->assertStringContainsString( 'helpdesky_block_contact_form_script_url', $html );
		$this->assertStringNotContainsString( 'javascript:', $html );
	}

	public function test_a_second_contact_form_on_the_page_shows_nothing(): void {
		$html = $this->form( self::FORM . '[helpdesky_contact_form]' . self::FORM );
		$this->assertSame( 1, substr_count( $html, 'id="hdh-contact-form"' ) );
		$this->assertSame( 1, substr_count( $html, '<script' ) );
	}

	public function test_shortcode_is_registered(): void {
		$this->assertTrue( shortcode_exists( Block\Shortcode\CONTACT_FORM_TAG ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function equivalent_attributes(): array {
		return array(
			'defaults'          => array( '', '' ),
			'left and a width'  => array( '{"contentAlign":"left","maxWidth":"480px"}', 'content_align="left" max_width="480px"' ),
			'right'             => array( '{"contentAlign":"right"}', 'content_align="right"' ),
			'invalid values'    => array( '{"contentAlign":"middle","maxWidth":"wide"}', 'content_align="middle" max_width="wide"' ),
			'unknown attribute' => array( '', 'logged_out_message="Hi" delivery_mode="cache-proof"' ),
		);
	}

	/**
	 * @dataProvider equivalent_attributes
	 */
	public function test_shortcode_prints_what_the_block_prints( string $block_attributes, string $shortcode_attributes ): void {
		$block     = $this->form( '<!-- wp:helpdesky/contact-form ' . $block_attributes . ' /-->' );
		$shortcode = $this->form( '[helpdesky_contact_form ' . $shortcode_attributes . ']' );
		$this->assertStringContainsString( 'id="hdh-contact-form"', $block );
		$this->assertSame( $block, $shortcode );
	}

	public function test_escaped_shortcode_prints_itself(): void {
		$this->assertSame( '[helpdesky_contact_form]', $this->form( '[[helpdesky_contact_form]]' ) );
	}

	public function test_contact_pattern_renders_the_form(): void {
		$pattern = \WP_Block_Patterns_Registry::get_instance()->get_registered( Patterns\CONTACT );
		$this->assertNotNull( $pattern );
		$this->assertSame( array( Patterns\CATEGORY ), $pattern['categories'] );
		$names = array_values( array_filter( array_column( parse_blocks( $pattern['content'] ), 'blockName' ) ) );
		$this->assertSame( array( 'core/heading', 'core/paragraph', Contact_Form\BLOCK_NAME ), $names );
		$this->new_request();
		$this->assertStringContainsString( 'id="hdh-contact-form"', do_blocks( $pattern['content'] ) );
	}

	public function test_editor_data_gives_admins_the_helpdesk_id_problems_apart(): void {
		$this->configure_helpdesky( 'nope', null );
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$data = Block\editor_data();
		$this->assertFalse( $data['helpdeskIdConfigured'] );
		$this->assertSame( array( Block\problem_message( 'helpdesk_id_malformed' ) ), $data['helpdeskIdProblems'] );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function themes_and_visitors(): array {
		return array(
			'classic theme / signed in' => array( 'classic', 'signed in' ),
			'classic theme / anonymous' => array( 'classic', 'anonymous' ),
			'block theme / signed in'   => array( 'block', 'signed in' ),
			'block theme / anonymous'   => array( 'block', 'anonymous' ),
		);
	}

	/**
	 * @dataProvider themes_and_visitors
	 */
	public function test_page_with_only_the_contact_form_stays_cacheable( string $theme, string $visitor ): void {
		$this->use_theme( $theme );
		if ( 'signed in' === $visitor ) {
			$this->sign_in();
		}
		$page  = $this->page( '<!-- wp:paragraph --><p>Write to us</p><!-- /wp:paragraph -->' . self::FORM );
		$level = ob_get_level();

		$html = $this->render( (string) get_permalink( $page ) );

		$this->assertStringContainsString( 'id="hdh-contact-form"', $html );
		$this->assertStringContainsString( 'data-helpdesk-id="' . self::HELPDESK_ID . '"', $html );
		$this->assertStringNotContainsString( 'data-signature', $html );
		$this->assert_untouched();
		$this->assertSame( $level, ob_get_level(), 'No buffer left open.' );
	}

	/**
	 * The shortcode in classic content is a plugin's shortcode, which otherwise makes the plugin
	 * hold a classic page in case it renders the Ticket Center; the Contact Form's cannot.
	 */
	public function test_classic_page_with_the_contact_form_shortcode_is_not_held(): void {
		$this->use_theme( 'classic' );
		$page = $this->page( '<p>Write to us</p>[helpdesky_contact_form content_align="left"]' );

		$html = $this->render( (string) get_permalink( $page ) );

		$this->assertStringContainsString( 'id="hdh-contact-form"', $html );
		$this->assertStringContainsString( 'data-align="left"', $html );
		$this->assert_untouched();
	}

	/**
	 * @dataProvider themes_and_visitors
	 */
	public function test_page_with_both_blocks_keeps_every_ticket_center_protection( string $theme, string $visitor ): void {
		$this->use_theme( $theme );
		if ( 'signed in' === $visitor ) {
			$this->sign_in();
		}
		$page = $this->page( self::FORM . self::BLOCK );

		$html = $this->render( (string) get_permalink( $page ) );

		$this->assertStringContainsString( 'id="hdh-contact-form"', $html );
		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center', $html );
		$this->assertSame( array( 'main_query' ), $this->signals['detected'] );
		$this->assert_protected( false );
	}

	/**
	 * DONOTCACHEPAGE, once defined, stays for the process: this runs in one of its own.
	 *
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_contact_form_page_does_not_define_donotcachepage(): void {
		$this->use_theme( 'block' );
		$html = $this->render( (string) get_permalink( $this->page( self::FORM ) ) );
		$this->assertStringContainsString( 'id="hdh-contact-form"', $html );
		$this->assertFalse( defined( 'DONOTCACHEPAGE' ) );
		$this->assert_untouched();
	}
}
