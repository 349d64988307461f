<?php
/**
 * Early detection and held output beyond the render-context matrix: the force filter, cycles and
 * the depth bound, unpublished references, the cost on pages without markers, learning from a
 * late render, and when output is (not) held.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;

require_once __DIR__ . '/CacheTestCase.php';

final class CacheDetectionTest extends CacheTestCase {

	public function test_force_filter_opts_a_url_out_before_output(): void {
		$this->use_theme( 'classic' );
		$page = $this->page( '<!-- wp:paragraph --><p>Built with a page builder</p><!-- /wp:paragraph -->' );
		$seen = array();
		add_filter(
			'helpdesky_block_force_uncacheable',
			static function ( $force, $url ) use ( &$seen, $page ) {
				$seen[] = $url;
				return get_permalink( $page ) === $url ? true : $force;
			},
			10,
			2
		);

		$this->render( get_permalink( $page ) );

		$this->assertSame( array( get_permalink( $page ) ), $seen );
		$this->assertSame( array( 'forced' ), $this->signals['detected'] );
		$this->assert_protected( false );
	}

	public function test_synced_patterns_that_reference_each_other_end(): void {
		$first  = $this->synced_pattern( '' );
		$second = $this->synced_pattern( '<!-- wp:block {"ref":' . $first . '} /-->' );
		wp_update_post(
			array(
				'ID'           => $first,
				'post_content' => '<!-- wp:block {"ref":' . $second . '} /--><!-- wp:block {"ref":' . $first . '} /-->',
			)
		);

		$this->assertFalse( Block\content_needs_protection( '<!-- wp:block {"ref":' . $first . '} /-->' ) );

		wp_update_post(
			array(
				'ID'           => $second,
				'post_content' => '<!-- wp:block {"ref":' . $first . '} /-->' . self::BLOCK,
			)
		);
		$this->assertTrue( Block\content_needs_protection( '<!-- wp:block {"ref":' . $first . '} /-->' ) );
	}

	public function test_references_deeper_than_the_bound_are_left_to_the_block_itself(): void {
		$ref = $this->synced_pattern( self::BLOCK );
		for ( $i = 1; $i < Block\MAX_REFERENCE_DEPTH; $i++ ) {
			$ref = $this->synced_pattern( '<!-- wp:block {"ref":' . $ref . '} /-->' );
		}
		$this->assertTrue( Block\content_needs_protection( '<!-- wp:block {"ref":' . $ref . '} /-->' ), 'at the bound' );

		$ref = $this->synced_pattern( '<!-- wp:block {"ref":' . $ref . '} /-->' );
		$this->assertFalse( Block\content_needs_protection( '<!-- wp:block {"ref":' . $ref . '} /-->' ), 'one beyond' );
	}

	public function test_in_a_block_theme_references_deeper_than_the_bound_are_found_as_they_render(): void {
		$this->use_theme( 'block' );
		$ref = $this->synced_pattern( self::BLOCK );
		for ( $i = 0; $i < Block\MAX_REFERENCE_DEPTH + 1; $i++ ) {
			$ref = $this->synced_pattern( '<!-- wp:block {"ref":' . $ref . '} /-->' );
		}
		$page = $this->page( '<!-- wp:block {"ref":' . $ref . '} /-->' );

		$html = $this->render( get_permalink( $page ) );

		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center', $html );
		$this->assertSame( array( 'template' ), $this->signals['detected'] );
		$this->assert_protected( false );
	}

	/**
	 * A visibility plugin that hides a group from this visitor: the page still holds the Ticket
	 * Center for others, so a cookie-blind cache must not store this visitor's copy either.
	 *
	 * @return array<string, array{string}>
	 */
	public function hidden_groups(): array {
		return array(
			'group in the template'                     => array( 'template' ),
			'group in a template part'                  => array( 'part' ),
			'group in a synced pattern in the template' => array( 'synced pattern' ),
			'group in a synced pattern in a synced one' => array( 'nested synced pattern' ),
			'group in the page content'                 => array( 'content' ),
		);
	}

	/**
	 * @dataProvider hidden_groups
	 */
	public function test_a_block_theme_page_whose_ticket_center_is_hidden_from_this_visitor_is_still_protected( string $where ): void {
		$this->use_theme( 'block' );
		$group = '<!-- wp:group {"className":"members-only"} --><div class="wp-block-group members-only">' . self::BLOCK . '</div><!-- /wp:group -->';
		$plain = '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->';
		if ( 'template' === $where ) {
			$this->theme_template( 'wp_template', 'page-support', '<!-- wp:post-content /-->' . $group );
		} elseif ( 'part' === $where ) {
			$this->theme_template( 'wp_template_part', 'footer', $plain . $group );
		} elseif ( 'synced pattern' === $where || 'nested synced pattern' === $where ) {
			// As WordPress 7.x renders it, the pattern's blocks reach pre_render_block as inner
			// blocks of the core/block (6.8: as top-level blocks of their own).
			$ref = $this->synced_pattern( $plain . $group );
			if ( 'nested synced pattern' === $where ) {
				$ref = $this->synced_pattern( $plain . '<!-- wp:block {"ref":' . $ref . '} /-->' );
			}
			$this->theme_template( 'wp_template', 'page-support', '<!-- wp:post-content /--><!-- wp:block {"ref":' . $ref . '} /-->' );
		}
		$page = $this->page( 'content' === $where ? $group : $plain, 'support' );
		add_filter(
			'pre_render_block',
			static function ( $pre, $block ) {
				return 'members-only' === ( $block['attrs']['className'] ?? '' ) ? '' : $pre;
			},
			10,
			2
		);

		$html = $this->render( get_permalink( $page ) );

		$this->assertStringNotContainsString( 'wp-block-helpdesky-ticket-center', $html );
		$this->assertSame( array( 'content' === $where ? 'main_query' : 'template' ), $this->signals['detected'] );
		$this->assert_protected( false );
	}

	public function test_a_cache_proof_ticket_center_in_a_block_template_is_not_detected(): void {
		$this->use_theme( 'block' );
		$this->theme_template( 'wp_template', 'page-support', '<!-- wp:post-content /--><!-- wp:group --><div class="wp-block-group"><!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /--></div><!-- /wp:group -->' );
		$page = $this->page( '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->', 'support' );

		$html = $this->render( get_permalink( $page ) );

		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center', $html );
		$this->assertSame( array(), $this->signals['detected'] );
		$this->assert_untouched();
	}

	public function test_classic_templates_are_not_searched_as_they_render(): void {
		$this->use_theme( 'classic' );
		$this->render( get_permalink( $this->page( '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->' ) ) );
		$this->assertFalse( Block\request_flag( Block\FLAG_TEMPLATE_SEARCH ) );
	}

	public function test_block_templates_are_searched_before_any_other_pre_render_block_callback(): void {
		$this->use_theme( 'block' );
		$this->render( get_permalink( $this->page( '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->' ) ) );
		$this->assertTrue( Block\request_flag( Block\FLAG_TEMPLATE_SEARCH ) );
		$this->assertSame( PHP_INT_MIN, has_filter( 'pre_render_block', 'Helpdesky\\Block\\search_rendering_block' ) );
		$this->assert_untouched();
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function hidden_references(): array {
		return array(
			'draft synced pattern'    => array( 'draft' ),
			'private synced pattern'  => array( 'private' ),
			'password-protected page' => array( 'password' ),
		);
	}

	/**
	 * @dataProvider hidden_references
	 */
	public function test_content_that_does_not_render_is_not_detected( string $case ): void {
		$this->use_theme( 'classic' );
		if ( 'password' === $case ) {
			$page = self::factory()->post->create(
				array(
					'post_type'     => 'page',
					'post_content'  => self::BLOCK,
					'post_password' => 'secret',
				)
			);
		} else {
			$ref  = self::factory()->post->create(
				array(
					'post_type'    => 'wp_block',
					'post_status'  => $case,
					'post_content' => self::BLOCK,
				)
			);
			$page = $this->page( '<!-- wp:block {"ref":' . $ref . '} /-->' );
		}

		$html = $this->render( get_permalink( $page ) );

		$this->assertStringNotContainsString( 'wp-block-helpdesky-ticket-center', $html );
		$this->assert_untouched();
	}

	public function test_pages_without_markers_are_not_parsed(): void {
		$this->use_theme( 'classic' );
		self::factory()->post->create_many( 10, array( 'post_content' => '<!-- wp:paragraph --><p>News</p><!-- /wp:paragraph -->' ) );
		$this->go_to( home_url( '/' ) );
		$parses = 0;
		add_filter(
			'block_parser_class',
			static function ( $class_name ) use ( &$parses ) {
				++$parses;
				return $class_name;
			}
		);

		Block\detect_on_request();

		$this->assertSame( 10, count( $GLOBALS['wp_query']->posts ) );
		$this->assertSame( 0, $parses );
		$this->assertSame( array(), $this->signals['detected'] );
	}

	/**
	 * A classic template that prints the block itself, declared by the theme, is opted out before
	 * it prints anything; the same template undeclared is a late render.
	 *
	 * @dataProvider template_declarations
	 *
	 * @param array<int, mixed> $declaration add_theme_support()'s arguments after the feature.
	 * @param bool              $declared    Whether that declares page-support.php.
	 */
	public function test_a_classic_template_the_theme_declares_is_opted_out_before_output( array $declaration, bool $declared ): void {
		$this->use_theme( 'classic' );
		add_theme_support( Block\TEMPLATES_FEATURE, ...$declaration );
		// Without a buffer, so that a late render shows as one.
		add_filter( 'helpdesky_block_hold_output', '__return_false' );
		$this->sign_in();
		$page = $this->page( '' );
		update_post_meta( $page, '_wp_page_template', 'page-support.php' );

		$html = $this->render( get_permalink( $page ) );

		$this->assertStringContainsString( 'data-signature=', $html, 'The template did not print the Ticket Center.' );
		if ( $declared ) {
			$this->assertSame( array( 'template' ), $this->signals['detected'] );
			$this->assert_protected( false );
		} else {
			$this->assertSame( array(), $this->signals['detected'] );
			$this->assertGreaterThan( 0, $this->signals['headers'][0]['printed'], 'Undeclared, the headers come too late.' );
			$this->assertIsNumeric( get_option( Block\LATE_RENDER_OPTION ) );
		}
	}

	/**
	 * @return array<string, array{array<int, mixed>, bool}>
	 */
	public function template_declarations(): array {
		return array(
			'a list'                    => array( array( array( 'page-support.php' ) ), true ),
			'separate arguments'        => array( array( 'index.php', 'page-support.php' ), true ),
			'with a leading slash'      => array( array( array( '/page-support.php' ) ), true ),
			'another template'          => array( array( array( 'page-contact.php' ) ), false ),
			'same name, another folder' => array( array( array( 'templates/page-support.php' ) ), false ),
		);
	}

	public function test_a_late_render_without_held_output_is_learned_and_holds_later_pages(): void {
		$this->use_theme( 'classic' );
		// As if the shortcode came from a page builder the plugin has no signal for.
		add_filter( 'helpdesky_block_hold_output', '__return_false' );
		$page = $this->page( '[' . self::SHORTCODE . ']' );

		$this->render( get_permalink( $page ) );

		$this->assertGreaterThan( 0, $this->signals['headers'][0]['printed'], 'Without the held buffer the headers come too late.' );
		$this->assertFalse( $this->signals['headers'][0]['held'] );
		$this->assertSame( 1, did_action( Block\UNCACHEABLE_ACTION ), 'Page caches are still told at render time.' );
		$this->assertIsNumeric( get_option( Block\LATE_RENDER_OPTION ) );

		remove_filter( 'helpdesky_block_hold_output', '__return_false' );
		$this->go_to( get_permalink( $this->page( '<!-- wp:paragraph --><p>Plain</p><!-- /wp:paragraph -->' ) ) );
		$this->assertTrue( Block\may_render_late() );
	}

	public function test_only_shortcodes_of_other_plugins_are_a_reason_to_hold(): void {
		$this->use_theme( 'classic' );

		$this->go_to( get_permalink( $this->page( '[caption]A photo[/caption] [gallery ids="1"]' ) ) );
		$this->assertFalse( Block\may_render_late() );

		// The plugin's own are found by early detection instead.
		$this->go_to( get_permalink( $this->page( '[helpdesky_ticket_center delivery_mode="cache-proof"] [helpdesky_contact_form]' ) ) );
		$this->assertFalse( Block\may_render_late() );

		$this->go_to( get_permalink( $this->page( 'Text [' . self::SHORTCODE . '] more' ) ) );
		$this->assertTrue( Block\may_render_late() );
	}

	public function test_output_is_held_only_for_cacheable_classic_requests(): void {
		$this->use_theme( 'classic' );
		add_filter( 'helpdesky_block_hold_output', '__return_true' );
		$page = get_permalink( $this->page( '<!-- wp:paragraph --><p>Plain</p><!-- /wp:paragraph -->' ) );

		$_SERVER['REQUEST_METHOD'] = 'POST';
		$this->render( $page );
		$this->assertSame( 0, $this->signals['held'], 'Caches do not store POST answers.' );

		$_SERVER['REQUEST_METHOD'] = 'GET';
		$html                      = $this->render( $page );
		$this->assertSame( 1, $this->signals['held'] );
		$this->assertContains( 'Plain', self::paragraph_texts( $html ), 'The held page comes out whole.' );
		$this->assertSame( array(), $this->signals['headers'], 'Holding adds no headers by itself.' );
	}

	public function test_block_templates_are_never_held(): void {
		$this->use_theme( 'block' );
		add_filter( 'helpdesky_block_hold_output', '__return_true' );

		$this->render( get_permalink( $this->page( '[' . self::SHORTCODE . ']' ) ) );

		$this->assertSame( 0, $this->signals['held'] );
		$this->assert_protected( false );
	}

	/**
	 * One buffer holds a classic page: from WordPress 6.9 on, core's template enhancement buffer,
	 * which starts when something listens to wp_finalized_template_enhancement_output_buffer; on
	 * 6.8, which has none, the plugin's own. Each version is tested on its own behaviour.
	 */
	public function test_the_output_is_held_in_one_buffer_core_s_where_core_has_one(): void {
		$level = ob_get_level();

		Block\hold_output();

		$this->assertSame( 1, $this->signals['held'] );
		if ( function_exists( 'wp_start_template_enhancement_output_buffer' ) ) {
			$this->assertSame( $level, ob_get_level(), 'No second buffer next to core\'s.' );
			$this->assertSame( 10, has_action( 'wp_finalized_template_enhancement_output_buffer', 'Helpdesky\\Block\\resend_no_cache_headers' ) );
			$this->assertTrue( wp_should_output_buffer_template_for_enhancement(), 'Core starts its buffer for this page.' );
			return;
		}

		$after  = ob_get_level();
		$status = ob_get_status();
		if ( $after > $level ) {
			ob_end_clean();
		}
		$this->assertSame( $level + 1, $after, 'The plugin holds the output itself.' );
		$this->assertSame( self::HELD_BUFFERS[0], $status['name'] );
		$this->assertFalse( has_action( 'wp_finalized_template_enhancement_output_buffer', 'Helpdesky\\Block\\resend_no_cache_headers' ) );
	}
}
