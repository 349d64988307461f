<?php
/**
 * Boots a real WordPress (core from .cache/wordpress-<version>, MariaDB from bin/mariadb.sh) with the
 * plugin loaded, for the integration suite.
 *
 * The standard WordPress test library (wp-phpunit/wp-phpunit) is not available from our
 * Composer registry copy, so this is a small stand-in for what it does:
 *   1. install.php, in a separate process, installs a fresh WordPress into the test database;
 *      with WP_TESTS_MULTISITE=1 a subdirectory network in a database of its own, which
 *      multisite/setup-network.php then gives a second site and the network-active plugin;
 *   2. this file registers the plugin on muplugins_loaded, as an mu-plugin would be (on the
 *      network WordPress loads it as a network-active plugin), and turns wp_die() into an
 *      exception;
 *   3. wp-settings.php loads WordPress into this process;
 *   4. TestCase.php rolls every test's database writes and global state back.
 *
 * PHPUnit includes this file from inside a method, so variables here are not global:
 * everything WordPress expects to find in the global scope is declared below.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test bootstrap, namespaced.

const PLUGIN_SLUG = 'helpdesky-block';

/**
 * Adds a hook before WordPress has loaded, so that it is in place when WordPress fires it.
 *
 * WordPress turns entries of $wp_filter made before plugin.php loads into WP_Hook objects
 * (WP_Hook::build_preinitialized_hooks()), keeping them.
 *
 * @param string   $hook_name     Action or filter.
 * @param callable $callback      Callback.
 * @param int      $priority      Priority.
 * @param int      $accepted_args Number of arguments the callback takes.
 */
function add_hook_before_wordpress( string $hook_name, callable $callback, int $priority = 10, int $accepted_args = 1 ): void {
	$GLOBALS['wp_filter'][ $hook_name ][ $priority ][] = array(
		'function'      => $callback,
		'accepted_args' => $accepted_args,
	);
}

/**
 * The wp_die() handler for tests: a test can expect the exception, and a stray wp_die()
 * fails one test instead of ending the whole PHPUnit process.
 *
 * @param string|\WP_Error $message Message.
 * @param string|int       $title   Title.
 * @param array|int        $args    Arguments; response is the HTTP status.
 * @throws WpDieException Always.
 */
function wp_die_handler( $message, $title = '', $args = array() ): void {
	if ( is_wp_error( $message ) ) {
		$message = $message->get_error_message();
	}
	$status = is_array( $args ) && isset( $args['response'] ) ? (int) $args['response'] : 500;
	throw new WpDieException( is_scalar( $message ) ? (string) $message : '', $status );
}

$plugin_root = dirname( __DIR__, 3 );

require __DIR__ . '/wp-tests-config.php';
require_once __DIR__ . '/WpDieException.php';

if ( ! is_file( ABSPATH . 'wp-settings.php' ) ) {
	fwrite( STDERR, 'No WordPress in ' . ABSPATH . ": run bin/fetch-wordpress.sh (or set WP_CORE_DIR).\n" );
	exit( 1 );
}

// The plugin is reached as WP_PLUGIN_DIR/helpdesky-block (a link to the checkout), so URLs
// and plugin_basename() come out as on a real site whatever the checkout folder is called.
$plugin_link = WP_PLUGIN_DIR . '/' . PLUGIN_SLUG;
if ( ! is_link( $plugin_link ) || readlink( $plugin_link ) !== $plugin_root ) {
	if ( ! is_dir( WP_PLUGIN_DIR ) ) {
		mkdir( WP_PLUGIN_DIR, 0777, true );
	}
	if ( is_link( $plugin_link ) ) {
		unlink( $plugin_link );
	}
	symlink( $plugin_root, $plugin_link );
}

// Processes that PHPUnit starts for @runInSeparateProcess tests run this file again; they
// inherit the environment, so this install is done once per run. With WP_TESTS_MULTISITE=1 a
// second process then sets the network up (multisite/setup-network.php).
if ( '1' !== getenv( 'HELPDESKY_BLOCK_TESTS_INSTALLED' ) ) {
	$install_steps = array( __DIR__ . '/install.php' );
	if ( defined( 'MULTISITE' ) && MULTISITE ) {
		$install_steps[] = __DIR__ . '/multisite/setup-network.php';
	}
	foreach ( $install_steps as $install_step ) {
		$install_output = array();
		$install_status = 1;
		exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( $install_step ) . ' 2>&1', $install_output, $install_status );
		if ( 0 !== $install_status ) {
			fwrite( STDERR, 'Installing WordPress for the tests failed (' . basename( $install_step ) . "):\n" . implode( "\n", $install_output ) . "\n" );
			exit( 1 );
		}
		echo implode( "\n", $install_output ), "\n";
	}
	putenv( 'HELPDESKY_BLOCK_TESTS_INSTALLED=1' );
}

add_hook_before_wordpress(
	'muplugins_loaded',
	static function () use ( $plugin_root, $plugin_link ): void {
		// On the network the plugin is network-active (multisite/setup-network.php), and
		// WordPress loads it like every network-active plugin, right after this hook.
		if ( ! is_multisite() ) {
			// Tells plugin_basename() that the checkout is the linked plugin folder.
			wp_register_plugin_realpath( $plugin_link . '/' . PLUGIN_SLUG . '.php' );

			$main_file = $plugin_root . '/' . PLUGIN_SLUG . '.php';
			if ( is_file( $main_file ) ) {
				require_once $main_file;
			}
		}

		// Themes written for the tests (a classic theme, say) sit next to them.
		if ( is_dir( __DIR__ . '/themes' ) ) {
			register_theme_directory( __DIR__ . '/themes' );
		}
	}
);

// Recorded as WordPress finished loading plugins for this (front-end, command-line) request,
// before the suite registers the blocks: a page that shows none never loads the embed code
// (PluginLoadsTest checks this record).
const EMBED_FILES_LOADED_AT_BOOT = 'helpdesky_block_embed_files_loaded_at_boot';
add_hook_before_wordpress(
	'plugins_loaded',
	static function (): void {
		$GLOBALS[ EMBED_FILES_LOADED_AT_BOOT ] = array_values(
			array_filter(
				array( 'signing.php', 'cache-proof.php', 'ticket-center.php', 'contact-form.php' ),
				static function ( string $file ): bool {
					return in_array( \Helpdesky\Block\ROOT_DIR . '/includes/' . $file, get_included_files(), true );
				}
			)
		);
	}
);

// One process renders many requests: the blocks and patterns are registered once, at init,
// as in every wp-admin and REST request. A front-end request registers them only when it shows
// one (LazyRegistrationTest); registering them inside a test would leave the block types behind
// while the test's script registrations are rolled back.
add_hook_before_wordpress(
	'init',
	static function (): void {
		if ( function_exists( 'Helpdesky\\Block\\register_blocks_and_patterns' ) ) {
			\Helpdesky\Block\register_blocks_and_patterns();
			// Loaded by front-end pages only while the widget is on; the suite switches it.
			require_once \Helpdesky\Block\ROOT_DIR . '/includes/widget.php';
		}
	},
	11
);

foreach ( array( 'wp_die_handler', 'wp_die_ajax_handler', 'wp_die_json_handler', 'wp_die_jsonp_handler', 'wp_die_xmlrpc_handler', 'wp_die_xml_handler' ) as $die_filter ) {
	add_hook_before_wordpress(
		$die_filter,
		static function () {
			return __NAMESPACE__ . '\\wp_die_handler';
		}
	);
}

// No mail leaves a test run (and these machines have no sendmail).
add_hook_before_wordpress(
	'pre_wp_mail',
	static function () {
		return true;
	}
);

// Set at the top level of files wp-settings.php loads, and read as globals later.
global $wpdb, $wp, $wp_query, $wp_the_query, $wp_rewrite, $wp_roles, $wp_locale, $wp_embed,
	$wp_widget_factory, $wp_theme_directories, $shortcode_tags, $_wp_sidebars_widgets,
	$current_site, $current_blog, $phpmailer, $table_prefix;

require ABSPATH . 'wp-settings.php';

// WordPress loaded the plugin as for a front-end request, which must not load the site owner's
// side (PluginLoadsTest checks this record). The tests exercise that side, so load it now, before
// any test takes its snapshot of the hooks.
const SITE_OWNER_FILES_LOADED_AT_BOOT       = 'helpdesky_block_site_owner_files_loaded_at_boot';
$GLOBALS[ SITE_OWNER_FILES_LOADED_AT_BOOT ] = function_exists( 'Helpdesky\\Block\\Settings\\bootstrap' );
\Helpdesky\Block\load_site_owner_files();

require_once __DIR__ . '/Factory.php';
require_once __DIR__ . '/TestCase.php';

// Tests written against the WordPress test library run on our TestCase while that library
// is not installed (it is not in our Composer registry copy).
if ( ! class_exists( 'WP_UnitTestCase', false ) ) {
	class_alias( TestCase::class, 'WP_UnitTestCase' );
}
