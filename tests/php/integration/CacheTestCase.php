<?php
/**
 * Shared set-up for the cache tests: either theme type, the cache signals a request sends, and
 * where in the output they happened.
 *
 * Headers: PHPUnit has printed before any test runs, so headers_sent() is true and PHP sends
 * nothing. What the plugin would send is observable through its helpdesky_block_no_cache_headers
 * action (headers + whether they could be sent). To show they would go out in time, the observer
 * also records the output-buffer stack at that moment: either nothing of the page has been printed
 * yet, or the plugin's held buffer holds everything printed so far (so in a real request
 * headers_sent() is still false).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

abstract class CacheTestCase extends TestCase {

	const HELPDESK_ID   = '123e4567-e89b-12d3-a456-426614174000';
	const SECRET        = 'hdh_secret_cache_0123456789abcdef';
	const BLOCK         = '<!-- wp:helpdesky/ticket-center /-->';
	const CLASSIC_THEME = 'helpdesky-tests-classic';
	const BLOCK_THEME   = 'twentytwentyfive';
	const SIDEBAR       = 'helpdesky-tests-sidebar';
	const PATTERN       = 'helpdesky-tests/ticket-center';
	const SHORTCODE     = 'helpdesky_test_ticket_center';

	/**
	 * The held buffer's handler as PHP names it in ob_get_status(): the plugin's own, or on
	 * WordPress 6.9+ core's template enhancement buffer, which the plugin uses there instead.
	 */
	const HELD_BUFFERS = array( 'Helpdesky\\Block\\release_held_output', 'wp_finalize_template_enhancement_output_buffer' );

	/**
	 * What the request did about caching.
	 *
	 * @var array{detected: string[], headers: array<int, array{headers: array<string, string>, printed: int, held: bool}>, held: int, litespeed: int, wpfc: int}
	 */
	protected $signals;

	/** @var int Output-buffer level before the page started rendering. */
	private $base_level = 0;

	/** @var array<string, mixed>|null Theme features before a test changed the theme. */
	private $saved_theme_features;

	/** @var string|null The theme active before use_theme() switched to another one. */
	private $switched_from;

	protected function set_up(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, self::SECRET );
		$this->watch_cache_signals();

		// A pattern and a shortcode as a theme or another plugin would register them.
		register_block_pattern(
			self::PATTERN,
			array(
				'title'   => 'Ticket Center (test)',
				'content' => self::BLOCK,
			)
		);
		add_shortcode(
			self::SHORTCODE,
			static function () {
				return do_blocks( self::BLOCK );
			}
		);
	}

	protected function tear_down(): void {
		unregister_block_pattern( self::PATTERN );
		remove_shortcode( self::SHORTCODE );
		if ( null !== $this->saved_theme_features ) {
			$GLOBALS['_wp_theme_features'] = $this->saved_theme_features;
			$this->saved_theme_features    = null;
		}
		if ( is_registered_sidebar( self::SIDEBAR ) ) {
			unregister_sidebar( self::SIDEBAR );
		}
		// Front-end requests cache the widget assignment in this global for the process.
		$GLOBALS['_wp_sidebars_widgets'] = array();
		if ( null !== $this->switched_from ) {
			// The options would come back with the rollback, but the theme's paths, which
			// locate_template() reads from globals, and core's theme caches would not. The old
			// theme's hooks come back with the hooks (TestCase).
			switch_theme( $this->switched_from );
			$this->switched_from = null;
		}
	}

	/**
	 * Makes 'classic' (the test theme next to these tests) or 'block' (Twenty Twenty-Five) the
	 * active theme for this test, as a site with that theme would be set up.
	 *
	 * @param string $type 'classic' or 'block'.
	 */
	protected function use_theme( string $type ): void {
		$this->saved_theme_features = $GLOBALS['_wp_theme_features'];
		if ( 'classic' === $type ) {
			$this->switch_theme( self::CLASSIC_THEME );
			// Twenty Twenty-Five, loaded at bootstrap, added these; a classic theme has neither.
			remove_theme_support( 'block-templates' );
			remove_theme_support( 'block-template-parts' );
			register_sidebar(
				array(
					'id'   => self::SIDEBAR,
					'name' => 'Sidebar',
				)
			);
		}
		$this->assertSame( 'block' === $type, wp_is_block_theme(), "The $type theme is not active." );
	}

	/**
	 * Activates another theme as Appearance → Themes does (switch_theme(): the options, the
	 * theme's paths, core's theme.json caches), and takes back what the old theme's functions.php
	 * hooked in when this process loaded it: a request with the new theme never runs that code.
	 * (Twenty Twenty-Five's style hook, say, would enqueue its stylesheet with a path inside the
	 * new theme, which WordPress 7.0+ reports.) The rollback and TestCase restore all of it.
	 *
	 * @param string $stylesheet The theme to activate.
	 */
	private function switch_theme( string $stylesheet ): void {
		$old_folders = array();
		foreach ( array( get_stylesheet_directory(), get_template_directory() ) as $folder ) {
			// PHP names included files by their real path; the core folder may be a link.
			$real          = realpath( $folder );
			$old_folders[] = trailingslashit( false === $real ? $folder : $real );
		}
		$old_folders         = array_unique( $old_folders );
		$this->switched_from = get_stylesheet();
		switch_theme( $stylesheet );

		$removed = 0;
		foreach ( $GLOBALS['wp_filter'] as $hook_name => $hook ) {
			foreach ( $hook->callbacks as $priority => $callbacks ) {
				foreach ( $callbacks as $callback ) {
					$file = self::defined_in( $callback['function'] );
					foreach ( $old_folders as $folder ) {
						if ( null !== $file && 0 === strpos( $file, $folder ) && remove_filter( $hook_name, $callback['function'], $priority ) ) {
							++$removed;
						}
					}
				}
			}
		}
		$this->assertSame( $stylesheet, get_stylesheet() );
		if ( is_file( $old_folders[0] . 'functions.php' ) ) {
			$this->assertGreaterThan( 0, $removed, "Nothing that {$this->switched_from}'s functions.php hooked in was found." );
		}
	}

	/**
	 * The file a hook callback is written in, or null for callbacks that cannot tell.
	 *
	 * @param mixed $callback A hook callback.
	 * @return string|null
	 */
	private static function defined_in( $callback ): ?string {
		try {
			if ( $callback instanceof \Closure || ( is_string( $callback ) && function_exists( $callback ) ) ) {
				$reflection = new \ReflectionFunction( $callback );
			} elseif ( is_array( $callback ) && 2 === count( $callback ) && is_string( $callback[1] ) ) {
				$reflection = new \ReflectionMethod( $callback[0], $callback[1] );
			} else {
				return null;
			}
		} catch ( \ReflectionException $e ) {
			return null;
		}
		$file = $reflection->getFileName();
		return false === $file ? null : $file;
	}

	/**
	 * Records every cache signal of the request in $this->signals.
	 */
	private function watch_cache_signals(): void {
		$this->signals = array(
			'detected'  => array(),
			'headers'   => array(),
			'held'      => 0,
			'litespeed' => 0,
			'wpfc'      => 0,
		);
		$signals       = &$this->signals;
		$base_level    = &$this->base_level;

		add_action(
			Block\DETECTED_ACTION,
			static function ( $where ) use ( &$signals ) {
				$signals['detected'][] = $where;
			}
		);
		add_action(
			Block\NO_CACHE_HEADERS_ACTION,
			static function ( $headers ) use ( &$signals, &$base_level ) {
				// Bytes of the page printed so far outside the held buffer, and whether it was there.
				$printed = 0;
				$held    = false;
				foreach ( array_slice( ob_get_status( true ), $base_level ) as $buffer ) {
					if ( in_array( $buffer['name'], self::HELD_BUFFERS, true ) ) {
						$held = true;
						break;
					}
					$printed += $buffer['buffer_used'];
				}
				$signals['headers'][] = array(
					'headers' => $headers,
					'printed' => $printed,
					'held'    => $held,
				);
			}
		);
		add_action(
			Block\HOLD_ACTION,
			static function () use ( &$signals ) {
				++$signals['held'];
			}
		);
		add_action(
			'litespeed_control_set_nocache',
			static function () use ( &$signals ) {
				++$signals['litespeed'];
			}
		);
		add_action(
			'wpfc_exclude_current_page',
			static function () use ( &$signals ) {
				++$signals['wpfc'];
			}
		);
	}

	/**
	 * Renders a front-end page through the active theme (see TestCase::render_page()).
	 *
	 * @param string $url URL or path.
	 * @return string HTML.
	 */
	protected function render( string $url ): string {
		$this->base_level = ob_get_level();
		return $this->render_page( $url );
	}

	/**
	 * A published page.
	 *
	 * @param string $content Block markup.
	 * @param string $slug    Page slug, '' for a generated one.
	 * @return int Page ID.
	 */
	protected function page( string $content, string $slug = '' ): int {
		$args = array(
			'post_type'    => 'page',
			'post_content' => $content,
		);
		if ( '' !== $slug ) {
			$args['post_name'] = $slug;
		}
		return self::factory()->post->create( $args );
	}

	/**
	 * A published synced pattern (wp_block post).
	 *
	 * @param string $content Block markup.
	 * @return int Its ID.
	 */
	protected function synced_pattern( string $content ): int {
		return self::factory()->post->create(
			array(
				'post_type'    => 'wp_block',
				'post_content' => $content,
			)
		);
	}

	/**
	 * A block template or template part of the active theme, as the Site Editor saves it.
	 *
	 * @param string $type    'wp_template' or 'wp_template_part'.
	 * @param string $slug    Slug.
	 * @param string $content Block markup.
	 * @return int Its ID.
	 */
	protected function theme_template( string $type, string $slug, string $content ): int {
		$id = self::factory()->post->create(
			array(
				'post_type'    => $type,
				'post_name'    => $slug,
				'post_title'   => $slug,
				'post_content' => $content,
			)
		);
		wp_set_post_terms( $id, array( get_stylesheet() ), 'wp_theme' );
		if ( 'wp_template_part' === $type ) {
			wp_set_post_terms( $id, array( 'uncategorized' ), 'wp_template_part_area' );
		}
		return $id;
	}

	/**
	 * A block widget, in the test sidebar or among the inactive widgets.
	 *
	 * @param string $content Block markup.
	 * @param bool   $active  Whether it sits in the sidebar.
	 */
	protected function block_widget( string $content, bool $active ): void {
		update_option(
			'widget_block',
			array(
				7              => array( 'content' => $content ),
				'_multiwidget' => 1,
			)
		);
		update_option(
			'sidebars_widgets',
			array(
				'wp_inactive_widgets' => $active ? array() : array( 'block-7' ),
				self::SIDEBAR         => $active ? array( 'block-7' ) : array(),
				'array_version'       => 3,
			)
		);
		$GLOBALS['_wp_sidebars_widgets'] = array();
		// Widget instances are registered from the option on widgets_init, long gone by now.
		$GLOBALS['wp_widget_factory']->widgets['WP_Widget_Block']->_register();
	}

	/**
	 * A subscriber with a known address, logged in.
	 *
	 * @param string $email Email.
	 * @return \WP_User
	 */
	protected function sign_in( string $email = 'jane.cache@example.com' ): \WP_User {
		return $this->log_in( self::factory()->user->create( array( 'user_email' => $email ) ) );
	}

	/**
	 * Nothing about caching happened: no detection, no opt-out, no headers, no held buffer.
	 */
	protected function assert_untouched(): void {
		$this->assertSame( array(), $this->signals['detected'], 'Nothing may be detected.' );
		$this->assertSame( array(), $this->signals['headers'], 'No no-cache headers may be sent.' );
		$this->assertSame( 0, $this->signals['held'], 'The output must not be held.' );
		$this->assertSame( 0, $this->signals['litespeed'] + $this->signals['wpfc'], 'No page cache may be told to skip the page.' );
		$this->assertSame( 0, did_action( Block\UNCACHEABLE_ACTION ) );
		$this->assertFalse( has_filter( 'rocket_override_donotcachepage' ) );
		$this->assertFalse( (bool) get_option( Block\LATE_RENDER_OPTION ) );
	}

	/**
	 * The page was opted out of caching once, with the full header set, in time for the headers to
	 * reach the client.
	 *
	 * @param bool $expect_held Whether the headers are in time thanks to the held buffer (true) or
	 *                          because nothing had been printed yet (false).
	 */
	protected function assert_protected( bool $expect_held ): void {
		$this->assertNotEmpty( $this->signals['headers'], 'The no-cache headers were never sent.' );
		$first = $this->signals['headers'][0];
		$this->assertSame( Block\no_cache_headers(), $first['headers'] );
		$this->assertStringContainsString( 'no-store', $first['headers']['Cache-Control'] );
		$this->assertStringContainsString( 'private', $first['headers']['Cache-Control'] );
		$this->assertSame( '0', $first['headers']['X-Accel-Expires'] );
		if ( $expect_held ) {
			$this->assertTrue( $first['held'], 'The headers went out while the page was not held.' );
			$this->assertSame( 1, $this->signals['held'] );
		} else {
			$this->assertFalse( $first['held'] );
			$this->assertSame( 0, $this->signals['held'], 'No buffer is needed when the headers go out first.' );
		}
		$this->assertSame( 0, $first['printed'], 'Part of the page was printed before the headers.' );

		$this->assertTrue( defined( 'DONOTCACHEPAGE' ) && DONOTCACHEPAGE );
		$this->assertSame( 1, $this->signals['litespeed'] );
		$this->assertSame( 1, $this->signals['wpfc'] );
		$this->assertSame( 1, did_action( Block\UNCACHEABLE_ACTION ) );
		foreach ( array( 'rocket_override_donotcachepage', 'breeze_override_donotcachepage', 'w3tc_can_cache', 'wpo_can_cache_page' ) as $override ) {
			$this->assertFalse( apply_filters( $override, true ), "$override must not be able to force caching." );
		}
		$this->assertFalse( (bool) get_option( Block\LATE_RENDER_OPTION ), 'The block was protected, so there is nothing to learn.' );
	}
}
