<?php
/**
 * Prepares the network that install.php made (WP_TESTS_MULTISITE=1) the way a network owner
 * would: a second site first, then the plugin activated network-wide from the Plugins screen of
 * the network admin. bootstrap.php runs this as its own PHP process, a request on the network
 * with nothing of the test suite loaded, so the test process then gets the plugin the way every
 * site of a network does: WordPress loads it because it is network-active.
 *
 * What it makes is committed; the tests roll back only what they do themselves.
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- a command-line script; its globals end with it.

require dirname( __DIR__ ) . '/wp-tests-config.php';

if ( ! defined( 'MULTISITE' ) ) {
	fwrite( STDERR, "setup-network.php: run with WP_TESTS_MULTISITE=1.\n" );
	exit( 1 );
}

// No mail leaves a test run: a new site mails the network administrator.
$GLOBALS['wp_filter']['pre_wp_mail'][10][] = array(
	'function'      => '__return_true',
	'accepted_args' => 1,
);

require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$helpdesky_block_site = wp_insert_site(
	array(
		'domain'  => WP_TESTS_DOMAIN,
		'path'    => '/site-two/',
		'title'   => 'Site Two',
		'user_id' => 1,
	)
);
if ( is_wp_error( $helpdesky_block_site ) ) {
	fwrite( STDERR, 'wp_insert_site() failed: ' . $helpdesky_block_site->get_error_message() . "\n" );
	exit( 1 );
}

// Network Admin → Plugins → Network Activate: the main site is the current one.
wp_set_current_user( 1 );
$helpdesky_block_result = activate_plugin( 'helpdesky-block/helpdesky-block.php', '', true );
if ( is_wp_error( $helpdesky_block_result ) ) {
	fwrite( STDERR, 'Network activation failed: ' . $helpdesky_block_result->get_error_message() . "\n" );
	exit( 1 );
}

printf( "Network: site %d at %s, helpdesky-block network-active\n", (int) $helpdesky_block_site, esc_url( get_home_url( (int) $helpdesky_block_site ) ) );
