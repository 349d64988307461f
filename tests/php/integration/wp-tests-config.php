<?php
/**
 * The wp-config.php of the WordPress that integration tests run in.
 *
 * Loaded by bootstrap.php and by install.php (a separate process). Defaults match
 * bin/mariadb.sh and bin/fetch-wordpress.sh; every one can be overridden with an
 * environment variable, e.g. to run against another database server:
 *
 *   WP_TESTS_DB_HOST=db.local:3306 WP_TESTS_DB_USER=me WP_TESTS_DB_PASSWORD=… composer test:integration
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- these are WordPress's own constants.

/**
 * An environment variable, or the default when it is unset or empty.
 *
 * A closure rather than a function: this file is read once per process, but a named
 * function would also leak into the global namespace the plugin is tested in.
 */
$helpdesky_block_tests_env = static function ( string $name, string $fallback ): string {
	$value = getenv( $name );
	return ( false === $value || '' === $value ) ? $fallback : $value;
};

$helpdesky_block_tests_root = dirname( __DIR__, 3 );

define( 'ABSPATH', rtrim( $helpdesky_block_tests_env( 'WP_CORE_DIR', $helpdesky_block_tests_root . '/.cache/wordpress' ), '/' ) . '/' );

define( 'DB_NAME', $helpdesky_block_tests_env( 'WP_TESTS_DB_NAME', 'helpdesky_block_tests' ) );
define( 'DB_USER', $helpdesky_block_tests_env( 'WP_TESTS_DB_USER', 'wp' ) );
define( 'DB_PASSWORD', $helpdesky_block_tests_env( 'WP_TESTS_DB_PASSWORD', 'wp' ) );
define( 'DB_HOST', $helpdesky_block_tests_env( 'WP_TESTS_DB_HOST', '127.0.0.1:' . $helpdesky_block_tests_env( 'HELPDESKY_BLOCK_DB_PORT', '33306' ) ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

// The tables get their own prefix so a test run can never touch a dev site sharing the database.
$GLOBALS['table_prefix'] = 'wptests_';

define( 'WP_TESTS_DOMAIN', 'example.org' );
define( 'WP_TESTS_EMAIL', 'admin@example.org' );
define( 'WP_TESTS_TITLE', 'Helpdesky Block Tests' );
define( 'WP_HOME', 'http://' . WP_TESTS_DOMAIN );
define( 'WP_SITEURL', 'http://' . WP_TESTS_DOMAIN );

// The plugin is reached through a link in this folder, so that plugin_basename() and
// plugins_url() see it as wp-content/plugins/helpdesky-block like on a real site.
define( 'WP_PLUGIN_DIR', $helpdesky_block_tests_root . '/.cache/wp-tests/plugins' );

// Fixed salts: otherwise WordPress generates and stores them on first use.
foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $helpdesky_block_tests_scheme ) {
	define( $helpdesky_block_tests_scheme . '_KEY', 'helpdesky-block-tests-' . strtolower( $helpdesky_block_tests_scheme ) . '-key' );
	define( $helpdesky_block_tests_scheme . '_SALT', 'helpdesky-block-tests-' . strtolower( $helpdesky_block_tests_scheme ) . '-salt' );
}

// Notices and deprecations must reach PHPUnit, which turns them into failures.
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', false );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
// Tests run offline and must not depend on other hosts; cron would call the site itself.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );

// A command-line process has no request; WordPress reads these when it builds URLs.
$_SERVER['HTTP_HOST']       = WP_TESTS_DOMAIN;
$_SERVER['SERVER_NAME']     = WP_TESTS_DOMAIN;
$_SERVER['SERVER_PORT']     = '80';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
$_SERVER['PHP_SELF']        = '/index.php';
$GLOBALS['PHP_SELF']        = '/index.php';

unset( $helpdesky_block_tests_env, $helpdesky_block_tests_root, $helpdesky_block_tests_scheme );
