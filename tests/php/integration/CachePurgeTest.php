<?php
/**
 * Purging page caches (cache-purge.php): on activation, each active known cache plugin purges
 * everything exactly once; when a published page, synced pattern or template newly shows the
 * Ticket Center, the page's own cache or everything. The cache plugins' public purge functions
 * are stand-ins that record their calls (fixtures/cache-purge-stand-ins.php); whether a cache
 * plugin is active comes from the real active_plugins option.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Cache_Purge;
use Helpdesky\Block\Uninstall;

require_once __DIR__ . '/fixtures/cache-purge-stand-ins.php';

final class CachePurgeTest extends CacheTestCase {

	/** Basenames of every known cache plugin, from cache-purge.php's own list. */
	private const ALL_PLUGINS = array(
		'wp-super-cache/wp-cache.php',
		'w3-total-cache/w3-total-cache.php',
		'wp-rocket/wp-rocket.php',
		'litespeed-cache/litespeed-cache.php',
		'cache-enabler/cache-enabler.php',
		'wp-fastest-cache/wpFastestCache.php',
		'comet-cache/comet-cache.php',
	);

	protected function set_up(): void {
		parent::set_up();
		Block\load_cache_purge();
		Purge_Calls::$calls = array();
		// LiteSpeed Cache and Cache Enabler purge through actions they hook when they load.
		foreach ( array( 'litespeed_purge_all', 'litespeed_purge_post', 'cache_enabler_clear_site_cache', 'cache_enabler_clear_complete_cache', 'cache_enabler_clear_page_cache_by_post' ) as $action ) {
			add_action(
				$action,
				static function ( ...$args ) use ( $action ) {
					// do_action() passes '' when called without arguments.
					Purge_Calls::record( $action, array_diff( $args, array( '' ) ) );
				}
			);
		}
		delete_transient( Cache_Purge\NOTICE_TRANSIENT );
	}

	/**
	 * Makes these cache plugins active on the site (the others not).
	 *
	 * @param string[] $plugins Plugin basenames.
	 */
	private function activate_cache_plugins( array $plugins ): void {
		update_option( 'active_plugins', array_merge( array( 'helpdesky-block/helpdesky-block.php' ), $plugins ) );
		Purge_Calls::$calls = array();
	}

	public function test_the_list_names_every_cache_plugin_the_test_knows(): void {
		$plugins = array();
		foreach ( Cache_Purge\known_page_caches() as $cache ) {
			$plugins = array_merge( $plugins, $cache['plugins'] );
		}
		$this->assertSame( array(), array_diff( self::ALL_PLUGINS, $plugins ) );
	}

	public function test_activation_purges_each_active_cache_plugin_exactly_once_and_no_other(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php', 'wp-super-cache/wp-cache.php', 'litespeed-cache/litespeed-cache.php', 'comet-cache/comet-cache.php' ) );

		Block\activate( false );

		$calls = Purge_Calls::$calls;
		sort( $calls );
		$this->assertSame( array( 'comet_cache::clear', 'litespeed_purge_all', 'w3tc_flush_all', 'wp_cache_clear_cache:0' ), $calls );

		$note = get_transient( Cache_Purge\NOTICE_TRANSIENT );
		$this->assertIsArray( $note );
		$this->assertEqualsCanonicalizing( array( 'W3 Total Cache', 'WP Super Cache', 'LiteSpeed Cache', 'Comet Cache' ), $note['purged'] );
	}

	public function test_activation_purges_the_other_cache_plugins_when_they_are_the_active_ones(): void {
		$this->activate_cache_plugins( array( 'wp-rocket/wp-rocket.php', 'cache-enabler/cache-enabler.php', 'wp-fastest-cache/wpFastestCache.php' ) );

		Block\activate( false );

		$calls = Purge_Calls::$calls;
		sort( $calls );
		$this->assertSame( array( 'cache_enabler_clear_site_cache', 'rocket_clean_domain', 'wpfc_clear_all_cache' ), $calls );
	}

	public function test_activation_purges_nothing_when_no_cache_plugin_is_active(): void {
		$this->activate_cache_plugins( array() );

		Block\activate( false );

		$this->assertSame( array(), Purge_Calls::$calls );
		$note = get_transient( Cache_Purge\NOTICE_TRANSIENT );
		$this->assertIsArray( $note );
		$this->assertSame( array(), $note['purged'] );
	}

	public function test_every_site_means_the_whole_installation_where_the_cache_plugin_offers_it(): void {
		$this->activate_cache_plugins( array( 'wp-super-cache/wp-cache.php', 'cache-enabler/cache-enabler.php', 'wp-rocket/wp-rocket.php' ) );

		Cache_Purge\purge_all( true );

		$calls = Purge_Calls::$calls;
		sort( $calls );
		$this->assertSame( array( 'cache_enabler_clear_complete_cache', 'rocket_clean_domain', 'wp_cache_clear_cache:0' ), $calls );
	}

	public function test_an_active_cache_plugin_whose_purge_is_not_loaded_is_skipped(): void {
		// LiteSpeed Cache active, but its actions not hooked (the plugin did not load).
		remove_all_actions( 'litespeed_purge_all' );
		$this->activate_cache_plugins( array( 'litespeed-cache/litespeed-cache.php' ) );

		$this->assertSame( array(), Cache_Purge\purge_all() );
		$this->assertSame( array(), Purge_Calls::$calls );
	}

	public function test_the_notice_says_what_was_purged_once_to_an_administrator(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php' ) );
		Block\activate( false );

		wp_set_current_user( self::factory()->user->create( array( 'role' => 'subscriber' ) ) );
		$this->assertSame( '', $this->notice(), 'A subscriber saw the notice.' );

		wp_set_current_user( self::factory()->user->create( array( 'role' => 'administrator' ) ) );
		$notice = $this->notice();
		$this->assertStringContainsString( 'purged the page cache of W3 Total Cache', $notice );
		$this->assertStringContainsString( 'notice-info', $notice );
		$this->assertSame( '', $this->notice(), 'The notice showed twice.' );
	}

	public function test_uninstall_removes_the_notice(): void {
		require_once dirname( __DIR__, 3 ) . '/includes/uninstall.php';
		$this->assertSame( Cache_Purge\NOTICE_TRANSIENT, Uninstall\PURGE_NOTICE_TRANSIENT );
		Block\activate( false );
		$this->assertNotFalse( get_transient( Cache_Purge\NOTICE_TRANSIENT ) );

		Uninstall\remove_data();

		$this->assertFalse( get_transient( Cache_Purge\NOTICE_TRANSIENT ) );
	}

	public function test_the_notice_asks_to_purge_by_hand_when_a_cache_shows_but_none_is_known(): void {
		$text = Cache_Purge\notice_text(
			array(
				'purged'  => array(),
				'by_hand' => true,
			)
		);
		$this->assertStringStartsWith( 'Purge your page cache by hand', $text );

		$this->assertSame(
			'',
			Cache_Purge\notice_text(
				array(
					'purged'  => array(),
					'by_hand' => false,
				)
			)
		);
		$this->assertStringContainsString(
			'other sites by hand',
			Cache_Purge\notice_text(
				array(
					'purged'       => array( 'WP Rocket' ),
					'network_wide' => true,
				)
			)
		);
	}

	public function test_publishing_a_page_with_the_block_purges_that_page(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php', 'wp-super-cache/wp-cache.php', 'wp-rocket/wp-rocket.php', 'litespeed-cache/litespeed-cache.php' ) );
		$id = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_status'  => 'draft',
				'post_content' => self::BLOCK,
			)
		);
		$this->assertSame( array(), Purge_Calls::$calls, 'A draft purged.' );

		wp_publish_post( $id );

		$calls = Purge_Calls::$calls;
		sort( $calls );
		// WP Super Cache's per-URL purge misses the files it keeps for signed-in users: everything.
		$this->assertSame( array( "litespeed_purge_post:$id", "rocket_clean_post:$id", "w3tc_flush_post:$id", 'wp_cache_clear_cache:0' ), $calls );
	}

	public function test_a_published_page_gaining_the_block_purges_that_page_once(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php' ) );
		$id = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->',
			)
		);
		$this->assertSame( array(), Purge_Calls::$calls, 'A page without the block purged.' );

		wp_update_post(
			array(
				'ID'           => $id,
				'post_content' => self::BLOCK,
			)
		);
		$this->assertSame( array( "w3tc_flush_post:$id" ), Purge_Calls::$calls );

		// Already had it: the caches have not stored it since (the opt-out works).
		wp_update_post(
			array(
				'ID'         => $id,
				'post_title' => 'Support',
			)
		);
		$this->assertSame( array( "w3tc_flush_post:$id" ), Purge_Calls::$calls, 'Updating a page that already had the block purged again.' );
	}

	public function test_a_page_gaining_a_synced_pattern_with_the_block_purges_that_page(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php' ) );
		$ref                = self::factory()->post->create(
			array(
				'post_type'    => 'wp_block',
				'post_content' => '<!-- wp:group --><div class="wp-block-group">' . self::BLOCK . '</div><!-- /wp:group -->',
			)
		);
		$id                 = self::factory()->post->create( array( 'post_type' => 'page' ) );
		Purge_Calls::$calls = array();

		wp_update_post(
			array(
				'ID'           => $id,
				'post_content' => '<!-- wp:block {"ref":' . $ref . '} /-->',
			)
		);

		$this->assertSame( array( "w3tc_flush_post:$id" ), Purge_Calls::$calls );
	}

	public function test_a_draft_and_a_private_page_with_the_block_purge_nothing(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php' ) );
		$id = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_status'  => 'draft',
				'post_content' => self::BLOCK,
			)
		);
		wp_update_post(
			array(
				'ID'         => $id,
				'post_title' => 'Support (draft)',
			)
		);
		self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_status'  => 'private',
				'post_content' => self::BLOCK,
			)
		);

		$this->assertSame( array(), Purge_Calls::$calls );
	}

	public function test_a_synced_pattern_gaining_the_block_purges_everything(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php', 'wp-rocket/wp-rocket.php' ) );
		$ref = self::factory()->post->create(
			array(
				'post_type'    => 'wp_block',
				'post_content' => '<!-- wp:paragraph --><p>Help</p><!-- /wp:paragraph -->',
			)
		);
		$this->assertSame( array(), Purge_Calls::$calls );

		wp_update_post(
			array(
				'ID'           => $ref,
				'post_content' => '<!-- wp:paragraph --><p>Help</p><!-- /wp:paragraph -->' . self::BLOCK,
			)
		);

		$calls = Purge_Calls::$calls;
		sort( $calls );
		$this->assertSame( array( 'rocket_clean_domain', 'w3tc_flush_all' ), $calls );
	}

	public function test_a_template_or_template_part_gaining_the_block_purges_everything(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php' ) );
		$template = $this->theme_template( 'wp_template', 'page-support', '<!-- wp:post-content /-->' );
		$part     = $this->theme_template( 'wp_template_part', 'footer', '<!-- wp:paragraph --><p>Footer</p><!-- /wp:paragraph -->' );
		$this->assertSame( array(), Purge_Calls::$calls );

		wp_update_post(
			array(
				'ID'           => $template,
				'post_content' => '<!-- wp:post-content /-->' . self::BLOCK,
			)
		);
		$this->assertSame( array( 'w3tc_flush_all' ), Purge_Calls::$calls, 'The template.' );

		wp_update_post(
			array(
				'ID'           => $part,
				'post_content' => '<!-- wp:group --><div class="wp-block-group">' . self::BLOCK . '</div><!-- /wp:group -->',
			)
		);
		$this->assertSame( array( 'w3tc_flush_all', 'w3tc_flush_all' ), Purge_Calls::$calls, 'The template part.' );
	}

	public function test_removing_the_block_or_a_cache_proof_block_purges_nothing(): void {
		$this->activate_cache_plugins( array( 'w3-total-cache/w3-total-cache.php' ) );
		$id                 = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => self::BLOCK,
			)
		);
		$ref                = self::factory()->post->create(
			array(
				'post_type'    => 'wp_block',
				'post_content' => self::BLOCK,
			)
		);
		Purge_Calls::$calls = array();

		wp_update_post(
			array(
				'ID'           => $id,
				'post_content' => '<!-- wp:paragraph --><p>Moved</p><!-- /wp:paragraph -->',
			)
		);
		wp_update_post(
			array(
				'ID'           => $ref,
				'post_content' => '',
			)
		);
		// The cache-proof mode carries no signature in the page: caches may store it.
		self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_content' => '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /-->',
			)
		);

		$this->assertSame( array(), Purge_Calls::$calls );
	}

	public function test_saves_load_the_purge_file_through_the_plugins_own_hook(): void {
		$this->assertSame( 10, has_action( 'wp_after_insert_post', 'Helpdesky\\Block\\purge_page_caches_after_save' ) );
	}

	/**
	 * What the activation notice prints now.
	 */
	private function notice(): string {
		ob_start();
		Cache_Purge\activation_notice();
		return (string) ob_get_clean();
	}
}
