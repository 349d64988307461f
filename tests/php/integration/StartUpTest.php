<?php
/**
 * What the plugin leaves for later on every request: pattern content read from its file only
 * when asked for, the force filter's URL only for a listener, the template search's walk.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Patterns;
use WP_Block_Patterns_Registry;

final class StartUpTest extends TestCase {

	/**
	 * The registry's own record of a pattern, before get_registered() loads its content.
	 *
	 * @param string $name Pattern name.
	 * @return array<string, mixed>
	 */
	private function stored_pattern( string $name ): array {
		$registry = WP_Block_Patterns_Registry::get_instance();
		$property = new \ReflectionProperty( $registry, 'registered_patterns' );
		$property->setAccessible( true );
		$patterns = $property->getValue( $registry );
		$this->assertIsArray( $patterns[ $name ] ?? null, "$name is not registered." );
		return $patterns[ $name ];
	}

	public function test_pattern_content_is_read_from_its_file_only_when_asked_for(): void {
		$registry = WP_Block_Patterns_Registry::get_instance();
		foreach ( array( Patterns\SUPPORT_PAGE, Patterns\ACCOUNT_SECTION ) as $name ) {
			$registry->unregister( $name );
		}
		Patterns\register();

		foreach ( array( Patterns\SUPPORT_PAGE, Patterns\ACCOUNT_SECTION ) as $name ) {
			$stored = $this->stored_pattern( $name );
			$this->assertArrayNotHasKey( 'content', $stored, "$name: registering built its content." );
			$this->assertFileExists( (string) $stored['filePath'] );
		}

		$this->assertSame( Patterns\support_page_content(), $registry->get_registered( Patterns\SUPPORT_PAGE )['content'] );
		$this->assertSame( Patterns\account_section_content(), $registry->get_registered( Patterns\ACCOUNT_SECTION )['content'] );
		$this->assertStringContainsString( '<!-- wp:helpdesky/ticket-center {"loggedOutShows":"both"} /-->', Patterns\support_page_content() );
	}

	public function test_early_detection_works_out_the_url_only_for_a_listener(): void {
		$urls = array();
		$spy  = static function ( $url ) use ( &$urls ) {
			$urls[] = $url;
			return $url;
		};
		// current_url() validates the request's URL with wp_validate_redirect(), which applies
		// this filter.
		add_filter( 'allowed_redirect_hosts', $spy );
		$server = $_SERVER;
		// phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- test input.
		$_SERVER['HTTP_HOST']   = 'example.org';
		$_SERVER['REQUEST_URI'] = '/support/';
		try {
			$this->assertSame( '', Block\early_detection() );
			$this->assertSame( array(), $urls, 'The URL was worked out with nobody listening.' );

			$seen     = array();
			$listener = static function ( $force, $url ) use ( &$seen ) {
				$seen[] = $url;
				return $force;
			};
			add_filter( 'helpdesky_block_force_uncacheable', $listener, 10, 2 );
			$this->assertSame( '', Block\early_detection() );
			$this->assertCount( 1, $seen );
			$this->assertSame( 'http://example.org/support/', $seen[0] );
		} finally {
			$_SERVER = $server;
			remove_filter( 'allowed_redirect_hosts', $spy );
			remove_all_filters( 'helpdesky_block_force_uncacheable' );
		}
	}

	public function test_the_template_search_finds_a_ticket_center_at_any_depth_unless_cache_proof(): void {
		$tree = static function ( string $inner ): array {
			return parse_blocks( '<!-- wp:group --><div class="wp-block-group"><!-- wp:columns --><div class="wp-block-columns"><!-- wp:column --><div class="wp-block-column">' . $inner . '</div><!-- /wp:column --></div><!-- /wp:columns --></div><!-- /wp:group -->' )[0];
		};

		$both = Block\FINDS_PLUGIN_BLOCK | Block\FINDS_UNCACHEABLE;

		$this->assertSame( $both, Block\scan_tree( $tree( '<!-- wp:helpdesky/ticket-center /-->' ), $both ) );
		$this->assertSame( Block\FINDS_UNCACHEABLE, Block\scan_tree( parse_blocks( '<!-- wp:helpdesky/ticket-center {"deliveryMode":"inline"} /-->' )[0], Block\FINDS_UNCACHEABLE ) );
		$this->assertSame( Block\FINDS_PLUGIN_BLOCK, Block\scan_tree( $tree( '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /-->' ), $both ) );
		$this->assertSame( 0, Block\scan_tree( $tree( '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /-->' ), Block\FINDS_UNCACHEABLE ) );
		$this->assertSame( Block\FINDS_PLUGIN_BLOCK, Block\scan_tree( $tree( '<!-- wp:helpdesky/contact-form /-->' ), $both ) );
		$this->assertSame( Block\FINDS_PLUGIN_PATTERN, Block\scan_tree( $tree( '<!-- wp:pattern {"slug":"helpdesky-block/contact"} /-->' ), $both | Block\FINDS_PLUGIN_PATTERN ) );
		$this->assertSame( 0, Block\scan_tree( $tree( '<!-- wp:pattern {"slug":"helpdesky-block/contact"} /-->' ), $both ) );
		$this->assertSame( 0, Block\scan_tree( $tree( '<!-- wp:pattern {"slug":"twentytwentyfive/footer"} /-->' ), $both | Block\FINDS_PLUGIN_PATTERN ) );
		$this->assertSame( 0, Block\scan_tree( $tree( '<!-- wp:paragraph --><p>helpdesky/ticket-center</p><!-- /wp:paragraph -->' ), $both ) );
		// Two Ticket Centers, the first cache-proof: the walk goes on to the second.
		$this->assertSame( $both, Block\scan_tree( $tree( '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /--><!-- wp:helpdesky/ticket-center /-->' ), $both ) );
	}
}
