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
		// current_url() compares the request's host with the site's own.
		add_filter( 'option_home', $spy );
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
			remove_filter( 'option_home', $spy );
			remove_all_filters( 'helpdesky_block_force_uncacheable' );
		}
	}

	public function test_autoloaded_options_are_what_wordpress_hands_out_filters_included(): void {
		update_option( 'helpdesky_block_start_up_test', 'stored', true );
		$this->assertSame( wp_load_alloptions(), Block\autoloaded_options() );
		$this->assertSame( 'stored', Block\autoloaded_options()['helpdesky_block_start_up_test'] ?? null );

		$filter = static function ( $alloptions ) {
			$alloptions['helpdesky_block_start_up_test'] = 'filtered';
			return $alloptions;
		};
		add_filter( 'alloptions', $filter );
		$this->assertSame( 'filtered', Block\autoloaded_options()['helpdesky_block_start_up_test'] ?? null );
		remove_filter( 'alloptions', $filter );
	}

	public function test_stored_option_text_is_the_stored_text_only_while_no_filter_can_change_the_option(): void {
		$widgets = array(
			3              => array( 'content' => '<!-- wp:helpdesky/ticket-center /-->' ),
			'_multiwidget' => 1,
		);
		update_option( 'widget_block', $widgets, true );
		$this->assertSame( serialize( $widgets ), Block\stored_option_text( 'widget_block' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize -- what WordPress stores.

		foreach ( array( 'pre_option', 'pre_option_widget_block', 'option_widget_block' ) as $hook ) {
			add_filter( $hook, '__return_false' );
			$this->assertNull( Block\stored_option_text( 'widget_block' ), "A $hook filter may change the option." );
			remove_filter( $hook, '__return_false' );
		}
		delete_option( 'widget_block' );
		add_option( 'widget_block', $widgets, '', false );
		$this->assertNull( Block\stored_option_text( 'widget_block' ), 'Not autoloaded: not among the stored texts at hand.' );
	}

	/**
	 * Stored block widgets that neither mention the plugin nor pull in other content are passed
	 * over without resolving the sidebars; any other is read as before.
	 */
	public function test_block_widgets_are_read_only_when_one_may_matter(): void {
		$resolved = 0;
		$count    = static function ( $sidebars ) use ( &$resolved ) {
			++$resolved;
			return $sidebars;
		};
		add_filter( 'sidebars_widgets', $count );
		update_option( 'widget_block', array( 2 => array( 'content' => '<!-- wp:search /-->' ) ), true );
		$this->assertSame( array(), Block\active_block_widget_contents() );
		$this->assertSame( 0, $resolved );

		update_option( 'widget_block', array( 2 => array( 'content' => '<!-- wp:block {"ref":7} /-->' ) ), true );
		Block\active_block_widget_contents();
		$this->assertSame( 1, $resolved );
		remove_filter( 'sidebars_widgets', $count );
	}

	/**
	 * The site's own host skips wp_validate_redirect(); another host goes through it, so the
	 * allowed_redirect_hosts filter still decides, and a refused one never reaches the URL.
	 */
	public function test_current_url_trusts_only_the_sites_own_host_or_an_allowed_one(): void {
		$validated = 0;
		$count     = static function ( $hosts ) use ( &$validated ) {
			++$validated;
			return $hosts;
		};
		add_filter( 'allowed_redirect_hosts', $count );
		$server = $_SERVER;
		try {
			// phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- test input.
			$_SERVER['HTTP_HOST']   = 'EXAMPLE.org';
			$_SERVER['REQUEST_URI'] = '/support/?tab=open&x=<b>';
			$this->assertSame( 'http://example.org/support/?tab=open&x=b', Block\current_url() );
			$this->assertSame( 0, $validated, 'The site\'s own host was validated the slow way.' );

			$_SERVER['HTTP_HOST'] = 'evil.test';
			$this->assertSame( home_url( '/' ), Block\current_url(), 'A forged host reached the URL.' );
			$this->assertSame( 1, $validated );

			$allow = static function ( $hosts ) {
				return array_merge( (array) $hosts, array( 'shop.example.org' ) );
			};
			add_filter( 'allowed_redirect_hosts', $allow );
			$_SERVER['HTTP_HOST'] = 'shop.example.org';
			$this->assertSame( 'http://shop.example.org/support/?tab=open&x=b', Block\current_url() );
			remove_filter( 'allowed_redirect_hosts', $allow );
		} finally {
			$_SERVER = $server;
			remove_filter( 'allowed_redirect_hosts', $count );
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
