<?php
/**
 * Every place the Ticket Center can render × theme type × visitor: the page is opted out of every
 * cache, and the headers would reach the client: sent before any output (early detection, or a
 * block template that renders before printing), or while the plugin holds a classic theme's
 * output. Pages without the block are left exactly alone.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

require_once __DIR__ . '/CacheTestCase.php';

final class CacheMatrixTest extends CacheTestCase {

	/**
	 * Render contexts: where the block is placed, per theme type, and how the plugin is expected
	 * to catch it there (null: the context does not exist in that theme type).
	 *
	 * Expected paths:
	 *   main_query: early detection in the main query's posts (template_redirect)
	 *   widgets:    early detection in active block widgets (template_redirect)
	 *   template:   detection in the block template, its parts and patterns as WordPress renders
	 *               them, before the first byte (template_include, then pre_render_block)
	 *   held:       the block marks the page mid-page, while the plugin holds the classic output
	 *   none:       the block does not render at all, so nothing may happen
	 *
	 * @return array<string, array{classic: string|null, block: string|null}>
	 */
	private static function contexts(): array {
		return array(
			'post content'                  => array(
				'classic' => 'main_query',
				'block'   => 'main_query',
			),
			'home loop'                     => array(
				'classic' => 'main_query',
				'block'   => 'main_query',
			),
			'archive loop'                  => array(
				'classic' => 'main_query',
				'block'   => 'main_query',
			),
			'synced pattern'                => array(
				'classic' => 'main_query',
				'block'   => 'main_query',
			),
			'nested synced pattern'         => array(
				'classic' => 'main_query',
				'block'   => 'main_query',
			),
			'registered pattern (content)'  => array(
				'classic' => 'main_query',
				'block'   => 'main_query',
			),
			'registered pattern (template)' => array(
				'classic' => null,
				'block'   => 'template',
			),
			'block template'                => array(
				'classic' => null,
				'block'   => 'template',
			),
			'template part'                 => array(
				'classic' => 'held',
				'block'   => 'template',
			),
			'block widget, active sidebar'  => array(
				'classic' => 'widgets',
				'block'   => null,
			),
			'block widget, inactive'        => array(
				'classic' => 'none',
				'block'   => null,
			),
			'shortcode'                     => array(
				'classic' => 'held',
				// The shortcode renders the block, which the template search sees first.
				'block'   => 'template',
			),
		);
	}

	/**
	 * @return array<string, array{string, string, string, string}> context, theme, visitor, expected path.
	 */
	public function cases(): array {
		$cases = array();
		foreach ( self::contexts() as $context => $by_theme ) {
			foreach ( $by_theme as $theme => $expected ) {
				if ( null === $expected ) {
					continue; // The context does not exist in this theme type.
				}
				foreach ( array( 'signed in', 'anonymous' ) as $visitor ) {
					$cases[ "$context / $theme theme / $visitor" ] = array( $context, $theme, $visitor, $expected );
				}
			}
		}
		return $cases;
	}

	/**
	 * @dataProvider cases
	 */
	public function test_block_page_is_never_cacheable( string $context, string $theme, string $visitor, string $expected ): void {
		$this->use_theme( $theme );
		$user = 'signed in' === $visitor ? $this->sign_in() : null;

		$html = $this->render( $this->place_block( $context ) );

		if ( 'none' === $expected ) {
			$this->assertStringNotContainsString( 'wp-block-helpdesky-ticket-center', $html );
			$this->assert_untouched();
			return;
		}

		// The block really rendered, for this visitor.
		$this->assertStringContainsString( 'wp-block-helpdesky-ticket-center', $html );
		if ( $user ) {
			$this->assertStringContainsString( 'data-email="jane.cache@example.com"', $html );
			$this->assertStringContainsString( 'data-signature="' . hash_hmac( 'sha256', 'jane.cache@example.com', self::SECRET ) . '"', $html );
		} else {
			$this->assertStringContainsString( 'is-logged-out', $html );
			$this->assertStringNotContainsString( 'data-signature', $html );
		}

		$early = in_array( $expected, array( 'main_query', 'widgets', 'template' ), true );
		$this->assertSame( $early ? array( $expected ) : array(), $this->signals['detected'] );
		$this->assert_protected( 'held' === $expected );
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
	public function test_page_without_the_block_is_untouched( string $theme, string $visitor ): void {
		$this->use_theme( $theme );
		if ( 'signed in' === $visitor ) {
			$this->sign_in();
		}
		// Content that looks a little like the block's but is not: a mention in text, a
		// synced pattern without the block, a core shortcode, a registered pattern without it.
		$other = $this->synced_pattern( '<!-- wp:paragraph --><p>Opening hours</p><!-- /wp:paragraph -->' );
		$page  = $this->page( '<!-- wp:paragraph --><p>Use the helpdesky/ticket-center block [caption]x[/caption]</p><!-- /wp:paragraph --><!-- wp:block {"ref":' . $other . '} /-->' );
		$level = ob_get_level();

		$html = $this->render( get_permalink( $page ) );

		$this->assertStringContainsString( 'Opening hours', $html );
		$this->assertStringNotContainsString( 'wp-block-helpdesky-ticket-center', $html );
		$this->assert_untouched();
		$this->assertSame( $level, ob_get_level() );
	}

	/**
	 * Sets the context up and returns the URL whose page shows the block.
	 *
	 * @param string $context A key of contexts().
	 * @return string URL.
	 */
	private function place_block( string $context ): string {
		$plain = '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->';

		switch ( $context ) {
			case 'post content':
				return get_permalink( $this->page( self::BLOCK ) );

			case 'home loop':
				self::factory()->post->create( array( 'post_content' => self::BLOCK ) );
				return home_url( '/' );

			case 'archive loop':
				$category = wp_insert_term( 'Support', 'category' );
				$post     = self::factory()->post->create( array( 'post_content' => self::BLOCK ) );
				wp_set_post_categories( $post, array( $category['term_id'] ) );
				return get_category_link( $category['term_id'] );

			case 'synced pattern':
				$ref = $this->synced_pattern( self::BLOCK );
				return get_permalink( $this->page( '<!-- wp:block {"ref":' . $ref . '} /-->' ) );

			case 'nested synced pattern':
				$inner = $this->synced_pattern( $plain . self::BLOCK );
				$outer = $this->synced_pattern( $plain . '<!-- wp:block {"ref":' . $inner . '} /-->' );
				return get_permalink( $this->page( '<!-- wp:block {"ref":' . $outer . '} /-->' ) );

			case 'registered pattern (content)':
				return get_permalink( $this->page( '<!-- wp:pattern {"slug":"' . self::PATTERN . '"} /-->' ) );

			case 'registered pattern (template)':
				// page-{slug} is the most specific template in the page hierarchy.
				$this->theme_template( 'wp_template', 'page-support', '<!-- wp:template-part {"slug":"header"} /--><!-- wp:pattern {"slug":"' . self::PATTERN . '"} /--><!-- wp:post-content /-->' );
				return get_permalink( $this->page( $plain, 'support' ) );

			case 'block template':
				$this->theme_template( 'wp_template', 'page-support', '<!-- wp:template-part {"slug":"header"} /--><!-- wp:post-content /-->' . self::BLOCK . '<!-- wp:template-part {"slug":"footer"} /-->' );
				return get_permalink( $this->page( $plain, 'support' ) );

			case 'template part':
				if ( wp_is_block_theme() ) {
					// The footer as edited in the Site Editor, shown on every page.
					$this->theme_template( 'wp_template_part', 'footer', $plain . self::BLOCK );
				} else {
					// A classic theme printing a block template part with block_template_part().
					add_theme_support( 'block-template-parts' );
					$this->theme_template( 'wp_template_part', 'helpdesky-part', $plain . self::BLOCK );
				}
				return get_permalink( $this->page( $plain ) );

			case 'block widget, active sidebar':
				$this->block_widget( self::BLOCK, true );
				return get_permalink( $this->page( $plain ) );

			case 'block widget, inactive':
				$this->block_widget( self::BLOCK, false );
				return get_permalink( $this->page( $plain ) );

			case 'shortcode':
				return get_permalink( $this->page( '[' . self::SHORTCODE . ']' ) );
		}
		$this->fail( "Unknown context $context" );
	}
}
