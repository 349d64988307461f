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

/*
 * Which WordPress: bin/wp-version.sh exports the core folder of HELPDESKY_WP_VERSION (7.1, the
 * default, or 6.8) as HELPDESKY_WP_CORE_DIR; WP_CORE_DIR points at any other tree.
 */
define(
	'ABSPATH',
	rtrim(
		$helpdesky_block_tests_env(
			'WP_CORE_DIR',
			$helpdesky_block_tests_env( 'HELPDESKY_WP_CORE_DIR', $helpdesky_block_tests_root . '/.cache/wordpress-' . $helpdesky_block_tests_env( 'HELPDESKY_WP_VERSION', '7.1' ) )
		),
		'/'
	) . '/'
);

/*
 * The branch of that tree ("7.1"), read from its version.php the way core reads it: each
 * WordPress version gets databases of its own, so running one never drops another's tables.
 */
$helpdesky_block_tests_branch = ( static function (): string {
	$wp_version = '';
	if ( is_file( ABSPATH . 'wp-includes/version.php' ) ) {
		include ABSPATH . 'wp-includes/version.php';
	}
	return implode( '.', array_slice( explode( '.', (string) $wp_version ), 0, 2 ) );
} )();

/*
 * WP_TESTS_MULTISITE=1 runs the multisite suite (tests/php/integration/multisite): a subdirectory
 * network in a database of its own, named after the single-site one with "_ms" added, so the two
 * suites never drop each other's tables. The single-site database is helpdesky_block_tests_71 for
 * WordPress 7.1 (bin/test-php-integration.sh creates it), or WP_TESTS_DB_NAME.
 */
$helpdesky_block_tests_multisite = '1' === getenv( 'WP_TESTS_MULTISITE' );

define( 'DB_NAME', $helpdesky_block_tests_env( 'WP_TESTS_DB_NAME', 'helpdesky_block_tests_' . str_replace( '.', '', $helpdesky_block_tests_branch ) ) . ( $helpdesky_block_tests_multisite ? '_ms' : '' ) );
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

if ( $helpdesky_block_tests_multisite && ! defined( 'WP_INSTALLING' ) ) {
	// The network install.php made: example.org/ is site 1, other sites are subdirectories.
	define( 'WP_ALLOW_MULTISITE', true );
	define( 'MULTISITE', true );
	define( 'SUBDOMAIN_INSTALL', false );
	define( 'DOMAIN_CURRENT_SITE', WP_TESTS_DOMAIN );
	define( 'PATH_CURRENT_SITE', '/' );
	define( 'SITE_ID_CURRENT_SITE', 1 );
	define( 'BLOG_ID_CURRENT_SITE', 1 );

	/*
	 * Debian's WordPress packages (6.8.12 and 7.1.4 alike) add a required $signup_id after an
	 * optional $meta in two functions of wp-includes/ms-functions.php, which PHP 8 reports when it
	 * compiles the file: in every process, before PHPUnit listens, and in the output of tests that
	 * run in a process of their own. Not the plugin's to fix; this one message is dropped, nothing
	 * else.
	 */
	set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- see above: one known message of the packaged core.
		static function ( int $level, string $message, string $file ): bool {
			return E_DEPRECATED === $level
				&& '/wp-includes/ms-functions.php' === substr( str_replace( '\\', '/', $file ), -strlen( '/wp-includes/ms-functions.php' ) )
				&& false !== strpos( $message, 'declared before required parameter $signup_id' );
		}
	);
} else {
	// On a network these would give every site the main site's address; there, the sites'
	// own home and siteurl options (http://example.org/site-path/) apply.
	define( 'WP_HOME', 'http://' . WP_TESTS_DOMAIN );
	define( 'WP_SITEURL', 'http://' . WP_TESTS_DOMAIN );
}

// The plugin is reached through a link in this folder, so that plugin_basename() and
// plugins_url() see it as wp-content/plugins/helpdesky-block like on a real site.
define( 'WP_PLUGIN_DIR', $helpdesky_block_tests_root . '/.cache/wp-tests/plugins' );

// Language packs (TranslationTest installs one) outside the shared WordPress core folder, which
// e2e sites are copied from; one folder per version, as 7.1 and 6.8 suites may run side by side.
define( 'WP_LANG_DIR', $helpdesky_block_tests_root . '/.cache/wp-tests/languages-' . $helpdesky_block_tests_branch );

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

unset( $helpdesky_block_tests_env, $helpdesky_block_tests_root, $helpdesky_block_tests_branch, $helpdesky_block_tests_scheme, $helpdesky_block_tests_multisite );
