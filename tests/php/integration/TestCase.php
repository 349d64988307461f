<?php
/**
 * Base class for integration tests: real WordPress, real database, and nothing a test does
 * is seen by the next one.
 *
 * What is reset after each test:
 *   - the database: each test runs in a transaction that is rolled back (so it cannot test
 *     anything that needs a commit, such as DDL, which commits implicitly in MariaDB);
 *   - the object cache, the current user, the current screen, the main query and $post;
 *   - hooks, including did_action() counts, and the plugin's once-per-request flags;
 *   - $wp_scripts and $wp_styles (registrations, inline scripts, the queue);
 *   - $_GET, $_POST, $_REQUEST, $_COOKIE, $_SERVER, $_FILES;
 *   - environment variables set with set_env().
 * What is not: constants (define() is final for the process; see set_env()), blocks or
 * post types a test registers itself, and files a theme template loaded with require_once.
 *
 * It offers the part of the WordPress test library's WP_UnitTestCase that our tests use, under
 * the same names (set_up(), tear_down(), self::factory(), go_to()), so tests read like core's
 * and would run on the real library too; bootstrap.php makes WP_UnitTestCase an alias of
 * this class while that library is not installed.
 *
 * Put per-test preparation in set_up()/tear_down() and call the parent's.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use WP;
use WP_HTML_Tag_Processor;
use WP_Query;
use WP_User;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/** @var Factory|null */
	private static $factory;

	/** @var array<string, mixed> Global state taken in setUp(), put back in tearDown(). */
	private $saved_globals = array();

	/** @var array<string, string|false> Environment variables changed by set_env(), with their old values. */
	private $saved_env = array();

	/**
	 * Test data factories: self::factory()->user->create( array( 'role' => 'editor' ) ).
	 *
	 * @return Factory
	 */
	protected static function factory(): Factory {
		if ( null === self::$factory ) {
			self::$factory = new Factory();
		}
		return self::$factory;
	}

	/**
	 * Per-test preparation for subclasses; runs after the state has been saved.
	 */
	protected function set_up(): void {
	}

	/**
	 * Per-test clean-up for subclasses; runs before the state is put back.
	 */
	protected function tear_down(): void {
	}

	final protected function setUp(): void {
		parent::setUp();

		global $wpdb;
		// Every write the test makes is undone in tearDown().
		$wpdb->query( 'SET autocommit = 0' );
		$wpdb->query( 'START TRANSACTION' );

		$this->saved_globals = array(
			// WP_Hook objects are changed in place by add_filter(), so keep copies.
			'wp_filter'         => array_map(
				static function ( $hook ) {
					return clone $hook;
				},
				$GLOBALS['wp_filter']
			),
			'wp_actions'        => $GLOBALS['wp_actions'],
			'wp_filters'        => $GLOBALS['wp_filters'] ?? array(),
			'wp_current_filter' => $GLOBALS['wp_current_filter'],
			'wp_scripts'        => self::copy_dependencies( $GLOBALS['wp_scripts'] ?? null ),
			'wp_styles'         => self::copy_dependencies( $GLOBALS['wp_styles'] ?? null ),
			'_GET'              => $_GET,
			'_POST'             => $_POST,
			'_REQUEST'          => $_REQUEST,
			'_COOKIE'           => $_COOKIE,
			'_SERVER'           => $_SERVER,
			'_FILES'            => $_FILES,
		);

		// A test is a request of its own: the plugin's once-per-request flags start lowered.
		\Helpdesky\Block\reset_request_flags();
		$this->set_up();
	}

	final protected function tearDown(): void {
		$this->tear_down();

		global $wpdb;
		$wpdb->query( 'ROLLBACK' );
		$wpdb->query( 'SET autocommit = 1' );
		// The cache may hold rows the rollback has just removed.
		wp_cache_flush();

		foreach ( $this->saved_env as $name => $value ) {
			putenv( false === $value ? $name : "{$name}={$value}" );
		}
		$this->saved_env = array();

		$saved    = $this->saved_globals;
		$_GET     = $saved['_GET'];
		$_POST    = $saved['_POST'];
		$_REQUEST = $saved['_REQUEST'];
		$_COOKIE  = $saved['_COOKIE'];
		$_SERVER  = $saved['_SERVER'];
		$_FILES   = $saved['_FILES'];
		foreach ( array( 'wp_filter', 'wp_actions', 'wp_filters', 'wp_current_filter', 'wp_scripts', 'wp_styles' ) as $name ) {
			$GLOBALS[ $name ] = $saved[ $name ];
		}
		$this->saved_globals = array();

		wp_set_current_user( 0 );
		$GLOBALS['current_screen'] = null;
		$this->reset_query();
		unset( $GLOBALS['_wp_current_template_id'], $GLOBALS['_wp_current_template_content'] );
		\Helpdesky\Block\reset_request_flags();

		parent::tearDown();
	}

	/**
	 * Sets an environment variable (getenv() sees it) until the end of the test; null unsets it.
	 *
	 * This is how a test configures the plugin: a constant can only be defined once per
	 * process, but the plugin reads HELPDESKY_HELPDESK_ID and HELPDESKY_HMAC_SECRET from the
	 * environment when no constant of that name exists. A test that needs the constants
	 * themselves runs in its own process:
	 *
	 *   @runInSeparateProcess
	 *   @preserveGlobalState disabled
	 *
	 * @param string      $name  Variable name.
	 * @param string|null $value Value, or null to unset it.
	 */
	protected function set_env( string $name, ?string $value ): void {
		if ( ! array_key_exists( $name, $this->saved_env ) ) {
			$this->saved_env[ $name ] = getenv( $name );
		}
		putenv( null === $value ? $name : "{$name}={$value}" );
	}

	/**
	 * Configures the plugin for this test through the environment (see set_env()).
	 *
	 * @param string|null $helpdesk_id HELPDESKY_HELPDESK_ID, or null for none.
	 * @param string|null $secret      HELPDESKY_HMAC_SECRET, or null for none.
	 */
	protected function configure_helpdesky( ?string $helpdesk_id, ?string $secret ): void {
		foreach ( array( 'HELPDESKY_HELPDESK_ID', 'HELPDESKY_HMAC_SECRET' ) as $name ) {
			if ( defined( $name ) ) {
				$this->fail( "{$name} is defined as a constant in this process, which wins over the environment; run this test in a separate process." );
			}
		}
		$this->set_env( 'HELPDESKY_HELPDESK_ID', $helpdesk_id );
		$this->set_env( 'HELPDESKY_HMAC_SECRET', $secret );
	}

	/**
	 * Makes the user the current one, as WordPress does for a request with a valid login
	 * cookie: is_user_logged_in(), current_user_can() and REST permission checks follow.
	 *
	 * @param WP_User|int $user User or ID.
	 * @return WP_User
	 */
	protected function log_in( $user ): WP_User {
		return wp_set_current_user( $user instanceof WP_User ? $user->ID : (int) $user );
	}

	/**
	 * Makes the visitor anonymous again.
	 */
	protected function log_out(): void {
		wp_set_current_user( 0 );
	}

	/**
	 * Runs the main query for a front-end URL, as WordPress does at the start of a request
	 * (parse_request, send_headers, the query, wp action). Template tags like is_singular()
	 * then answer for that URL. Headers are not really sent: PHPUnit has printed output
	 * already, and WordPress checks headers_sent(); read them through the wp_headers filter.
	 *
	 * @param string $url Absolute URL on the test site or a path, e.g. '/?p=12'.
	 */
	protected function go_to( string $url ): void {
		$parts = wp_parse_url( $url );
		$path  = $parts['path'] ?? '/';
		$query = $parts['query'] ?? '';

		$_SERVER['REQUEST_URI']  = $path . ( '' === $query ? '' : '?' . $query );
		$_SERVER['QUERY_STRING'] = $query;
		unset( $_SERVER['PATH_INFO'] );
		$_GET = array();
		parse_str( $query, $_GET );
		$_POST    = array();
		$_REQUEST = $_GET;

		$this->reset_query();
		$GLOBALS['wp']->main( $query );
	}

	/**
	 * Renders the full front-end page for a URL through the active theme, like index.php does:
	 * go_to(), then template-loader.php (template_redirect, template choice, output).
	 *
	 * Classic themes load header.php and footer.php with require_once, so a second classic
	 * page in the same process comes out without them: render one classic page per test
	 * process, or assert on the content only.
	 *
	 * @param string $url Absolute URL on the test site or a path.
	 * @return string The HTML.
	 */
	protected function render_page( string $url ): string {
		$this->go_to( $url );
		// index.php defines WP_USE_THEMES; the test process never runs index.php.
		add_filter( 'wp_using_themes', '__return_true' );
		// redirect_canonical() would exit() the test process for a URL it wants to correct.
		remove_action( 'template_redirect', 'redirect_canonical' );

		$level = ob_get_level();
		ob_start();
		try {
			require ABSPATH . WPINC . '/template-loader.php';
		} finally {
			$html = '';
			while ( ob_get_level() > $level ) {
				$html = ob_get_clean() . $html;
			}
		}
		return $html;
	}

	/**
	 * The text of every paragraph of the HTML, as an HTML parser (WordPress's tokenizer) reads
	 * it: independent of the classes and attributes a WordPress version adds to the markup.
	 *
	 * @param string $html HTML page or fragment.
	 * @return string[]
	 */
	protected static function paragraph_texts( string $html ): array {
		$texts     = array();
		$text      = null;
		$processor = new WP_HTML_Tag_Processor( $html );
		while ( $processor->next_token() ) {
			if ( '#tag' === $processor->get_token_type() && 'P' === $processor->get_tag() ) {
				if ( $processor->is_tag_closer() && null !== $text ) {
					$texts[] = $text;
					$text    = null;
				} elseif ( ! $processor->is_tag_closer() ) {
					$text = '';
				}
			} elseif ( null !== $text && '#text' === $processor->get_token_type() ) {
				$text .= $processor->get_modifiable_text();
			}
		}
		return $texts;
	}

	/**
	 * Starts the main query and $post from scratch, keeping the query variables that post
	 * types and plugins registered.
	 */
	private function reset_query(): void {
		$previous = $GLOBALS['wp'] ?? null;
		unset( $GLOBALS['post'], $GLOBALS['query_string'] );
		$GLOBALS['wp_the_query'] = new WP_Query();
		$GLOBALS['wp_query']     = $GLOBALS['wp_the_query'];
		$GLOBALS['wp']           = new WP();
		if ( $previous instanceof WP ) {
			$GLOBALS['wp']->public_query_vars  = $previous->public_query_vars;
			$GLOBALS['wp']->private_query_vars = $previous->private_query_vars;
		}
	}

	/**
	 * A copy of a WP_Scripts or WP_Styles whose registered items can change without
	 * touching the original (wp_add_inline_script() edits an item in place).
	 *
	 * @param \WP_Dependencies|null $dependencies The object, or null before first use.
	 * @return \WP_Dependencies|null
	 */
	private static function copy_dependencies( $dependencies ) {
		if ( ! $dependencies instanceof \WP_Dependencies ) {
			return $dependencies;
		}
		$copy             = clone $dependencies;
		$copy->registered = array_map(
			static function ( $item ) {
				return clone $item;
			},
			$dependencies->registered
		);
		return $copy;
	}
}
