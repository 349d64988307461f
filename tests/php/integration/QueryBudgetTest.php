<?php
/**
 * The plugin asks the database nothing on pages without the block (BENCHMARKS.md: "database
 * queries added by the plugin on pages without the block: 0"). `npm run bench` measures whole
 * pages; these tests pin the two lookups that once cost a query on every page.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;

require_once __DIR__ . '/CacheTestCase.php';

final class QueryBudgetTest extends CacheTestCase {

	const PLAIN = '<!-- wp:paragraph --><p>Plain</p><!-- /wp:paragraph -->';

	/**
	 * The SQL of every query run by $callback.
	 *
	 * @param callable $callback Code to watch.
	 * @return string[]
	 */
	private function queries_of( callable $callback ): array {
		$queries = array();
		$watch   = static function ( $sql ) use ( &$queries ) {
			$queries[] = $sql;
			return $sql;
		};
		add_filter( 'query', $watch );
		try {
			$callback();
		} finally {
			remove_filter( 'query', $watch );
		}
		return $queries;
	}

	public function test_detection_on_a_classic_page_without_the_block_runs_no_query(): void {
		$this->use_theme( 'classic' );
		$this->go_to( get_permalink( $this->page( self::PLAIN ) ) );
		// Options WordPress loads at start-up on every request, before any plugin code runs.
		wp_load_alloptions();
		get_option( 'widget_block' );

		$queries = $this->queries_of(
			static function () {
				Block\detect_on_request();
				Block\detect_in_template( get_page_template() );
			}
		);

		// Was: the late-render memory, read with get_option() although it was never written.
		$this->assertSame( array(), $queries );
		$this->assert_untouched();
	}

	public function test_the_late_render_memory_is_still_read(): void {
		$this->use_theme( 'classic' );
		update_option( Block\LATE_RENDER_OPTION, time(), true );
		$this->go_to( get_permalink( $this->page( self::PLAIN ) ) );

		$this->assertTrue( Block\may_render_late() );
	}

	public function test_a_template_part_lookup_is_the_one_core_makes_when_the_part_renders(): void {
		$this->use_theme( 'block' );
		$this->go_to( get_permalink( $this->page( self::PLAIN ) ) );

		$detection = $this->queries_of(
			static function () {
				Block\referenced_content( 'core/template-part', array( 'slug' => 'header' ) );
			}
		);
		$render    = $this->queries_of(
			static function () {
				do_blocks( '<!-- wp:template-part {"slug":"header"} /-->' );
			}
		);

		$lookup = static function ( $sql ) {
			return false !== strpos( $sql, "'wp_template_part'" );
		};
		$this->assertCount( 1, array_filter( $detection, $lookup ), 'Detection looks the part up once.' );
		// Was: get_block_template(), whose query differs from core's, so core ran its own too.
		$this->assertSame( array(), array_values( array_filter( $render, $lookup ) ), 'Core finds the part in the query cache detection filled.' );
	}
}
