<?php
/**
 * Prepares the load test's site (bin/load-test.sh): LOAD_USERS subscribers, each with an email
 * stored the way an SSO plugin might (mixed case, surrounding spaces), and a published Support
 * page with the Ticket Center. Prints what the load script needs as JSON.
 *
 * Usage: php setup-site.php WP_ROOT USERS
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- a command-line script of the test stack.

if ( 'cli' !== PHP_SAPI || count( $argv ) !== 3 ) {
	fwrite( STDERR, "usage: php setup-site.php WP_ROOT USERS\n" );
	exit( 2 );
}

// WordPress reads these while loading; from the command line they are not set.
require dirname( __DIR__ ) . '/support/cli-request.php';

require rtrim( $argv[1], '/' ) . '/wp-load.php';

$helpdesky_load_count = max( 1, (int) $argv[2] );
$helpdesky_load_users = array();
for ( $i = 1; $i <= $helpdesky_load_count; $i++ ) {
	$login    = sprintf( 'load%02d', $i );
	$password = 'load-password-' . $i;
	$user_id  = wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => $password,
			'user_email' => sprintf( 'load%02d@example.com', $i ),
			'role'       => 'subscriber',
		)
	);
	if ( is_wp_error( $user_id ) ) {
		fwrite( STDERR, $user_id->get_error_message() . "\n" );
		exit( 1 );
	}
	// Stored as an SSO plugin might write it, so every response also proves the normalization.
	$stored = sprintf( '  Load.User%02d@Example.COM ', $i );
	$wpdb->update( $wpdb->users, array( 'user_email' => $stored ), array( 'ID' => $user_id ) );
	clean_user_cache( $user_id );
	$helpdesky_load_users[] = array(
		'login'      => $login,
		'password'   => $password,
		'normalized' => strtolower( trim( $stored ) ),
	);
}

$helpdesky_load_page = wp_insert_post(
	array(
		'post_type'    => 'page',
		'post_status'  => 'publish',
		'post_title'   => 'Support (load)',
		'post_content' => '<!-- wp:helpdesky/ticket-center /-->',
	),
	true
);
if ( is_wp_error( $helpdesky_load_page ) ) {
	fwrite( STDERR, $helpdesky_load_page->get_error_message() . "\n" );
	exit( 1 );
}

echo wp_json_encode(
	array(
		'page'  => wp_make_link_relative( (string) get_permalink( $helpdesky_load_page ) ),
		'users' => $helpdesky_load_users,
	)
), "\n";
