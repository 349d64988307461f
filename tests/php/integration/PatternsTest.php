<?php
/**
 * The "Helpdesky" pattern category and its patterns.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block\Patterns;
use WP_Block_Pattern_Categories_Registry;
use WP_Block_Patterns_Registry;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class PatternsTest extends TestCase {

	/**
	 * Names of the blocks in parsed block markup, depth first, without the whitespace between.
	 *
	 * @param array<int, array<string, mixed>> $blocks parse_blocks() output.
	 * @return string[]
	 */
	private function block_names( array $blocks ): array {
		$names = array();
		foreach ( $blocks as $block ) {
			if ( null === $block['blockName'] ) {
				$this->assertSame( '', trim( $block['innerHTML'] ), 'Markup outside any block: the editor would show a Classic block.' );
				continue;
			}
			$names[] = $block['blockName'];
			$names   = array_merge( $names, $this->block_names( $block['innerBlocks'] ) );
		}
		return $names;
	}

	private function pattern( string $name ): array {
		$pattern = WP_Block_Patterns_Registry::get_instance()->get_registered( $name );
		$this->assertNotNull( $pattern, "$name is not registered." );
		return $pattern;
	}

	public function test_helpdesky_category_is_registered(): void {
		$category = WP_Block_Pattern_Categories_Registry::get_instance()->get_registered( 'helpdesky' );
		$this->assertNotNull( $category );
		$this->assertSame( 'Helpdesky', $category['label'] );
	}

	public function test_support_page_pattern_has_heading_introduction_and_ticket_center(): void {
		$pattern = $this->pattern( 'helpdesky-block/support-page' );

		$this->assertSame( 'Support page', $pattern['title'] );
		$this->assertSame( array( 'helpdesky' ), $pattern['categories'] );
		$this->assertSame( array( 'core/heading', 'core/paragraph', 'helpdesky/ticket-center' ), $this->block_names( parse_blocks( $pattern['content'] ) ) );
		// Offered in the "Choose a pattern" dialog of a new page.
		$this->assertSame( array( 'core/post-content' ), $pattern['blockTypes'] );
		$this->assertSame( array( 'page' ), $pattern['postTypes'] );
	}

	public function test_account_section_pattern_groups_a_left_aligned_ticket_center(): void {
		$pattern = $this->pattern( 'helpdesky-block/account-support-section' );
		$blocks  = parse_blocks( $pattern['content'] );

		$this->assertSame( array( 'helpdesky' ), $pattern['categories'] );
		$this->assertSame( array( 'core/group', 'core/heading', 'core/paragraph', 'helpdesky/ticket-center' ), $this->block_names( $blocks ) );
		$this->assertSame( array( 'contentAlign' => 'left' ), $blocks[0]['innerBlocks'][2]['attrs'] );
	}

	public function test_patterns_render_a_signed_ticket_center(): void {
		$this->configure_helpdesky( '123e4567-e89b-12d3-a456-426614174000', 'hdh_secret_patterns_0123456789' );
		$this->log_in( self::factory()->user->create() );

		foreach ( array( Patterns\SUPPORT_PAGE, Patterns\ACCOUNT_SECTION ) as $name ) {
			unset( $GLOBALS['wp_actions']['helpdesky_block_ticket_center_claimed'] );
			\Helpdesky\Block\reset_request_flags();
			$html = do_blocks( $this->pattern( $name )['content'] );
			$this->assertStringContainsString( 'id="hdh-ticket-center"', $html, $name );
			$this->assertStringContainsString( 'data-signature="', $html, $name );
		}
	}
}
