<?php
/**
 * Front-end requests register the plugin's blocks and patterns only when they show one; every
 * place a block can render still renders it.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Contact_Form;
use Helpdesky\Block\Patterns;
use WP_Block_Pattern_Categories_Registry;
use WP_Block_Patterns_Registry;
use WP_Block_Type_Registry;

final class LazyRegistrationTest extends CacheTestCase {

	protected function set_up(): void {
		parent::set_up();
		$this->forget_registrations();
		// What init does in a front-end request.
		Block\register_where_used();
	}

	protected function tear_down(): void {
		// Back to the suite's state (bootstrap.php): registered.
		Block\register_blocks_and_patterns();
		unset( $_SERVER['REQUEST_URI'], $_GET['rest_route'] );
		parent::tear_down();
	}

	/**
	 * As at the start of a front-end request: nothing of the plugin's in the registries.
	 */
	private function forget_registrations(): void {
		foreach ( array( Block\BLOCK_NAME, Contact_Form\BLOCK_NAME ) as $name ) {
			if ( WP_Block_Type_Registry::get_instance()->is_registered( $name ) ) {
				unregister_block_type( $name );
			}
		}
		foreach ( array( Patterns\SUPPORT_PAGE, Patterns\ACCOUNT_SECTION, Patterns\CONTACT ) as $name ) {
			if ( WP_Block_Patterns_Registry::get_instance()->is_registered( $name ) ) {
				unregister_block_pattern( $name );
			}
		}
		if ( WP_Block_Pattern_Categories_Registry::get_instance()->is_registered( Patterns\CATEGORY ) ) {
			unregister_block_pattern_category( Patterns\CATEGORY );
		}
	}

	/**
	 * Whether both block types are registered.
	 */
	private static function is_registered(): bool {
		return WP_Block_Type_Registry::get_instance()->is_registered( Block\BLOCK_NAME )
			&& WP_Block_Type_Registry::get_instance()->is_registered( Contact_Form\BLOCK_NAME );
	}

	private static function patterns_registered(): bool {
		return WP_Block_Patterns_Registry::get_instance()->is_registered( Patterns\SUPPORT_PAGE );
	}

	/**
	 * Whether the registered Ticket Center type carries the editor's script.
	 */
	private static function editor_script_registered(): bool {
		$type = WP_Block_Type_Registry::get_instance()->get_registered( Block\BLOCK_NAME );
		return null !== $type && array() !== $type->editor_script_handles;
	}

	/**
	 * Whether the blocks are registered when the template starts (after every other
	 * template_include callback), filled in by the next render.
	 *
	 * @return \stdClass With ->registered: bool|null.
	 */
	private function registration_when_the_template_starts(): \stdClass {
		$seen = (object) array( 'registered' => null );
		add_filter(
			'template_include',
			static function ( $template ) use ( $seen ) {
				$seen->registered = self::is_registered();
				return $template;
			},
			PHP_INT_MAX
		);
		return $seen;
	}

	/**
	 * The signed embed of the signed-in user, or a failure with the page.
	 *
	 * @param string $html The page.
	 */
	private function assert_signed( string $html ): void {
		$this->assertMatchesRegularExpression( '/<script[^>]+data-signature="[0-9a-f]{64}"/', $html, "The Ticket Center did not render signed:\n$html" );
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
	public function test_a_page_without_the_blocks_leaves_them_unregistered( string $theme ): void {
		$this->use_theme( $theme );
		$html = $this->render( (string) get_permalink( $this->page( '<!-- wp:paragraph --><p>Opening hours</p><!-- /wp:paragraph -->' ) ) );

		$this->assertStringContainsString( 'Opening hours', $html );
		$this->assertFalse( WP_Block_Type_Registry::get_instance()->is_registered( Block\BLOCK_NAME ) );
		$this->assertFalse( WP_Block_Type_Registry::get_instance()->is_registered( Contact_Form\BLOCK_NAME ) );
		$this->assertFalse( WP_Block_Patterns_Registry::get_instance()->is_registered( Patterns\SUPPORT_PAGE ) );
	}

	/**
	 * Registered before the template starts: WordPress works out the theme's global styles
	 * again, at great cost, when the registered blocks change after it first did.
	 *
	 * @dataProvider themes
	 */
	public function test_a_page_showing_one_registers_them_before_the_template( string $theme ): void {
		$this->use_theme( $theme );
		$this->sign_in();
		$registered_at = $this->registration_when_the_template_starts();

		$html = $this->render( (string) get_permalink( $this->page( self::BLOCK ) ) );

		$this->assertTrue( $registered_at->registered, 'Not registered when the template started.' );
		$this->assert_signed( $html );
		// What only an editor loads, and what only a pattern reference needs, stay out.
		$this->assertFalse( self::editor_script_registered() );
		$this->assertNotNull( WP_Block_Type_Registry::get_instance()->get_registered( Block\BLOCK_NAME )->render_callback );
		$this->assertFalse( self::patterns_registered() );
	}

	/**
	 * A front-end editing plugin loading the block editor on a page that registered the blocks
	 * without the editor's assets.
	 */
	public function test_an_editor_on_a_front_end_page_gets_the_editor_assets(): void {
		Block\register_for_front_end( Block\FINDS_PLUGIN_BLOCK );
		$this->assertFalse( self::editor_script_registered() );

		Block\enqueue_editor_data();

		$this->assertTrue( self::editor_script_registered() );
		$this->assertTrue( self::patterns_registered() );
		$this->assertStringContainsString( 'helpdeskyBlockEditor', (string) wp_scripts()->get_data( generate_block_asset_handle( Block\BLOCK_NAME, 'editorScript' ), 'before' )[1] );
	}

	/**
	 * Inline delivery, the default, needs no script of the plugin's: a front-end page registers the
	 * Ticket Center without its view script, and a cache-proof Ticket Center enqueues it as
	 * block.json has it.
	 */
	public function test_the_view_script_comes_with_cache_proof_delivery_only(): void {
		$handle = generate_block_asset_handle( Block\BLOCK_NAME, 'viewScript' );
		wp_deregister_script( $handle );
		Block\register_for_front_end( Block\FINDS_PLUGIN_BLOCK );
		$this->assertSame( array(), WP_Block_Type_Registry::get_instance()->get_registered( Block\BLOCK_NAME )->view_script_handles );

		do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
		$this->assertFalse( wp_script_is( $handle, 'registered' ), 'Inline delivery registers no script.' );

		// A page of its own: one Ticket Center per page.
		Block\reset_request_flags();
		do_blocks( '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /-->' );
		$this->assertTrue( wp_script_is( $handle, 'enqueued' ) );
		$asset  = require Block\ROOT_DIR . '/build/ticket-center/view.asset.php';
		$script = wp_scripts()->registered[ $handle ];
		$this->assertSame( plugins_url( 'build/ticket-center/view.js', Block\ROOT_FILE ), $script->src );
		$this->assertSame( $asset['version'], $script->ver );
		$this->assertSame( 'defer', wp_scripts()->get_data( $handle, 'strategy' ) );
	}

	/**
	 * Registered after init, the type lacks the attributes WordPress adds for block supports
	 * then; the supports still apply from the block's own attributes.
	 */
	public function test_a_margin_set_in_the_editor_still_applies(): void {
		$this->use_theme( 'classic' );
		$this->sign_in();

		$html = do_blocks( '<!-- wp:helpdesky/ticket-center {"style":{"spacing":{"margin":{"top":"3rem"}}}} /-->' );

		$wrapper = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $wrapper->next_tag( array( 'class_name' => 'wp-block-helpdesky-ticket-center' ) ), $html );
		$this->assertStringContainsString( 'margin-top:3rem', (string) $wrapper->get_attribute( 'style' ) );
	}

	/**
	 * @dataProvider themes
	 */
	public function test_the_contact_form_alone_registers_them( string $theme ): void {
		$this->use_theme( $theme );
		$html = $this->render( (string) get_permalink( $this->page( '<!-- wp:helpdesky/contact-form /-->' ) ) );

		$this->assertTrue( self::is_registered() );
		$this->assertStringContainsString( 'contact-form.js', $html );
	}

	/**
	 * @dataProvider themes
	 */
	public function test_a_synced_pattern_renders_the_block( string $theme ): void {
		$this->use_theme( $theme );
		$this->sign_in();
		$pattern = $this->synced_pattern( '<!-- wp:group --><div class="wp-block-group">' . self::BLOCK . '</div><!-- /wp:group -->' );
		// Behind a group, so the page's own content does not mention the plugin.
		$page = $this->page( '<!-- wp:group --><div class="wp-block-group"><!-- wp:block {"ref":' . $pattern . '} /--></div><!-- /wp:group -->' );

		$this->assert_signed( $this->render( (string) get_permalink( $page ) ) );
	}

	/**
	 * A synced pattern whose Ticket Center sits at its top level: WordPress 7.x looks its type
	 * up as an inner block of the core/block, before pre_render_block runs for it.
	 *
	 * @dataProvider themes
	 */
	public function test_a_synced_pattern_with_the_block_at_its_top_renders_it( string $theme ): void {
		$this->use_theme( $theme );
		$this->sign_in();
		$pattern = $this->synced_pattern( self::BLOCK );

		$this->assertSame( 0, Block\plugin_mentions( '<!-- wp:block {"ref":' . $pattern . '} /-->' ) );
		$this->assert_signed( do_blocks( '<!-- wp:block {"ref":' . $pattern . '} /-->' ) );
	}

	public function test_a_plugin_pattern_referenced_by_slug_renders(): void {
		$this->use_theme( 'block' );
		$this->sign_in();

		$html = do_blocks( '<!-- wp:group --><div class="wp-block-group"><!-- wp:pattern {"slug":"' . Patterns\ACCOUNT_SECTION . '"} /--></div><!-- /wp:group -->' );

		$this->assert_signed( $html );
		$this->assertTrue( self::patterns_registered() );
	}

	public function test_a_plugin_pattern_in_the_page_is_registered_before_the_template(): void {
		$this->use_theme( 'block' );
		$this->sign_in();
		$registered_at = $this->registration_when_the_template_starts();

		$html = $this->render( (string) get_permalink( $this->page( '<!-- wp:pattern {"slug":"' . Patterns\SUPPORT_PAGE . '"} /-->' ) ) );

		$this->assertTrue( $registered_at->registered );
		$this->assertTrue( self::patterns_registered() );
		$this->assert_signed( $html );
	}

	/**
	 * A template part early detection does not read: registered while the template renders, and
	 * from then on at init, since registering late makes WordPress work out the global styles
	 * again on such pages.
	 */
	public function test_a_block_template_part_renders_the_block_and_is_remembered(): void {
		$this->use_theme( 'block' );
		$this->sign_in();
		$this->theme_template( 'wp_template_part', 'footer', self::BLOCK );

		$html = $this->render( (string) get_permalink( $this->page( '<!-- wp:paragraph --><p>About us</p><!-- /wp:paragraph -->' ) ) );

		$this->assert_signed( $html );
		$this->assertIsNumeric( get_option( Block\LATE_REGISTRATION_OPTION ) );

		// The next request.
		$this->forget_registrations();
		Block\reset_request_flags();
		Block\register_where_used();
		$this->assertTrue( self::is_registered() );
	}

	public function test_registering_before_the_template_is_not_remembered(): void {
		$this->use_theme( 'block' );
		$this->sign_in();

		$this->assert_signed( $this->render( (string) get_permalink( $this->page( self::BLOCK ) ) ) );
		$this->assertFalse( get_option( Block\LATE_REGISTRATION_OPTION ) );
	}

	/**
	 * A synced pattern in the page: the string search does not follow it, early detection does.
	 */
	public function test_a_ticket_center_in_a_synced_pattern_of_the_page_is_registered_before_the_template(): void {
		$this->use_theme( 'block' );
		$this->sign_in();
		$pattern       = $this->synced_pattern( self::BLOCK );
		$registered_at = $this->registration_when_the_template_starts();

		$html = $this->render( (string) get_permalink( $this->page( '<!-- wp:block {"ref":' . $pattern . '} /-->' ) ) );

		$this->assertTrue( $registered_at->registered, 'Not registered when the template started.' );
		$this->assert_signed( $html );
		$this->assertFalse( get_option( Block\LATE_REGISTRATION_OPTION ) );
	}

	/**
	 * Theme code printing the block with do_blocks(), as the README shows classic theme
	 * developers, after the template started.
	 */
	public function test_theme_code_printing_the_block_renders_it(): void {
		$this->use_theme( 'classic' );
		$this->sign_in();

		$this->assert_signed( do_blocks( self::BLOCK ) );
		$this->assertTrue( self::is_registered() );
	}

	public function test_the_shortcode_renders_the_block(): void {
		$this->sign_in();

		$this->assert_signed( do_shortcode( '[helpdesky_ticket_center]' ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function rest_addresses(): array {
		return array(
			'pretty permalink' => array( '/wp-json/wp/v2/block-renderer/helpdesky/ticket-center', '' ),
			'rest_route'       => array( '/', '/wp/v2/block-types' ),
		);
	}

	/**
	 * REST requests register at init, before WordPress adds the block supports' attributes
	 * (init, priority 22), which the block renderer checks the editor's attributes against.
	 *
	 * @dataProvider rest_addresses
	 */
	public function test_a_rest_request_registers_them_at_init( string $uri, string $rest_route ): void {
		$this->forget_registrations();
		$_SERVER['REQUEST_URI'] = $uri;
		if ( '' !== $rest_route ) {
			$_GET['rest_route'] = $rest_route;
		}

		Block\register_where_used();

		$this->assertTrue( self::is_registered() );
	}

	public function test_a_page_address_is_not_taken_for_rest(): void {
		$_SERVER['REQUEST_URI'] = '/support/';

		$this->assertFalse( Block\is_rest_request_at_init() );
	}

	public function test_plugin_mentions(): void {
		$this->assertSame( Block\FINDS_PLUGIN_BLOCK, Block\plugin_mentions( '<!-- wp:helpdesky/ticket-center /-->' ) );
		$this->assertSame( Block\FINDS_PLUGIN_BLOCK, Block\plugin_mentions( '<!-- wp:helpdesky/contact-form {"align":"wide"} /-->' ) );
		$this->assertSame( Block\FINDS_PLUGIN_PATTERN, Block\plugin_mentions( '<!-- wp:pattern {"slug":"helpdesky-block/support-page"} /-->' ) );
		$this->assertSame( Block\FINDS_PLUGIN_BLOCK, Block\plugin_mentions( '<p>[helpdesky_ticket_center]</p>' ) );
		$this->assertSame( Block\FINDS_PLUGIN_BLOCK | Block\FINDS_PLUGIN_PATTERN, Block\plugin_mentions( '<!-- wp:helpdesky/ticket-center /--><!-- wp:pattern {"slug":"helpdesky-block/contact"} /-->' ) );
		$this->assertSame( 0, Block\plugin_mentions( '<!-- wp:paragraph --><p>Helpdesky support</p><!-- /wp:paragraph -->' ) );
	}
}
