<?php
/**
 * Installs a fresh WordPress into the test database. bootstrap.php runs this as its own
 * PHP process: installing needs WP_INSTALLING, which must not stay defined in the process
 * the tests run in (it stops plugins from loading).
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own constants.

// Before the configuration: with WP_TESTS_MULTISITE=1 it defines the network's constants only
// once the network exists (it is made below).
define( 'WP_INSTALLING', true );

require __DIR__ . '/wp-tests-config.php';

if ( ! is_file( ABSPATH . 'wp-settings.php' ) ) {
	fwrite( STDERR, 'No WordPress in ' . ABSPATH . ": run npm run wp:fetch or set WP_CORE_DIR.\n" );
	exit( 1 );
}

/*
 * Connect once ourselves before WordPress does: WordPress answers a missing database with an
 * HTML error page, and creating the database here lets WP_TESTS_DB_* point at any server.
 */
mysqli_report( MYSQLI_REPORT_OFF );
$helpdesky_block_host   = DB_HOST;
$helpdesky_block_port   = null;
$helpdesky_block_socket = null;
if ( preg_match( '/^(.*):(\d+)$/', $helpdesky_block_host, $helpdesky_block_match ) ) {
	$helpdesky_block_host = $helpdesky_block_match[1];
	$helpdesky_block_port = (int) $helpdesky_block_match[2];
} elseif ( preg_match( '/^(.*):(\/.+)$/', $helpdesky_block_host, $helpdesky_block_match ) ) {
	$helpdesky_block_host   = $helpdesky_block_match[1];
	$helpdesky_block_socket = $helpdesky_block_match[2];
}
$helpdesky_block_db = @mysqli_connect( $helpdesky_block_host, DB_USER, DB_PASSWORD, '', $helpdesky_block_port, $helpdesky_block_socket ); // phpcs:ignore -- the failure is reported below with mysqli_connect_error(); PHP's own warning would only repeat it.
if ( ! $helpdesky_block_db ) {
	fwrite( STDERR, sprintf( "Cannot connect to the test database server at %s as %s: %s\nStart it with bin/mariadb.sh start, or set WP_TESTS_DB_HOST/USER/PASSWORD.\n", DB_HOST, DB_USER, mysqli_connect_error() ) );
	exit( 1 );
}
if ( ! mysqli_query( $helpdesky_block_db, 'CREATE DATABASE IF NOT EXISTS `' . str_replace( '`', '', DB_NAME ) . '` CHARACTER SET utf8mb4' ) ) {
	fwrite( STDERR, sprintf( "Cannot create the database %s: %s\n", DB_NAME, mysqli_error( $helpdesky_block_db ) ) );
	exit( 1 );
}
mysqli_close( $helpdesky_block_db );

require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// wp_install() mails the new admin; these machines have no sendmail.
add_filter( 'pre_wp_mail', '__return_true' );

/** @var wpdb $wpdb */
global $wpdb;

// The tables may not exist yet (first run) or be left from the last run: start clean.
$wpdb->suppress_errors();
$helpdesky_block_tables = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix ) . '%' ) );
foreach ( $helpdesky_block_tables as $helpdesky_block_table ) {
	$wpdb->query( "DROP TABLE IF EXISTS `{$helpdesky_block_table}`" ); // phpcs:ignore WordPress.DB -- table names come from SHOW TABLES.
}
$wpdb->suppress_errors( false );

// wp_install() caches the empty options it read before the tables existed.
wp_cache_flush();

$helpdesky_block_result = wp_install( WP_TESTS_TITLE, 'admin', WP_TESTS_EMAIL, true, '', 'password' );
if ( is_wp_error( $helpdesky_block_result ) || empty( $helpdesky_block_result['user_id'] ) ) {
	fwrite( STDERR, "wp_install() failed.\n" );
	exit( 1 );
}

// wp_install() leaves the pretty-permalink check to the first admin visit; tests that need
// pretty permalinks set a structure themselves.
update_option( 'permalink_structure', '' );

// WP_TESTS_MULTISITE=1: turn the site into a subdirectory network, as Tools → Network Setup
// does, with core's own functions (the network's tables, then its first rows and settings).
if ( '1' === getenv( 'WP_TESTS_MULTISITE' ) ) {
	define( 'WP_INSTALLING_NETWORK', true );
	// As wp-admin/network.php does: a single site's $wpdb does not name the network's tables yet.
	foreach ( $wpdb->tables( 'ms_global' ) as $helpdesky_block_table => $helpdesky_block_prefixed_table ) {
		$wpdb->$helpdesky_block_table = $helpdesky_block_prefixed_table;
	}
	install_network();
	$helpdesky_block_result = populate_network( 1, WP_TESTS_DOMAIN, WP_TESTS_EMAIL, WP_TESTS_TITLE . ' Network', '/', false );
	if ( is_wp_error( $helpdesky_block_result ) ) {
		fwrite( STDERR, 'populate_network() failed: ' . $helpdesky_block_result->get_error_message() . "\n" );
		exit( 1 );
	}
}

printf( "Installed WordPress %s%s into %s (%s)\n", get_bloginfo( 'version' ), is_multisite() || defined( 'WP_INSTALLING_NETWORK' ) ? ' (network)' : '', DB_NAME, $wpdb->db_server_info() );
