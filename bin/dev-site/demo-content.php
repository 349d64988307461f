<?php
/**
 * Demo content for the dev site, run once by the blueprint's runPHP step after wp-load.php.
 *
 * Idempotent, so `npm start -- --keep` can run the blueprint again on the same database.
 *
 * @package helpdesky-block
 */

defined( 'ABSPATH' ) || exit;

// Blueprint steps run without a user, so kses would filter the block markup as if an
// untrusted author had written it.
kses_remove_filters();

if ( ! get_page_by_path( 'support' ) ) {
	wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_title'   => 'Support',
			'post_name'    => 'support',
			'post_content' => '<!-- wp:heading --><h2 class="wp-block-heading">Support</h2><!-- /wp:heading --><!-- wp:helpdesky/ticket-center /-->',
		)
	);
}

$helpdesky_block_demo_user = get_user_by( 'login', 'demo' );
if ( $helpdesky_block_demo_user ) {
	$helpdesky_block_demo_user_id = $helpdesky_block_demo_user->ID;
} else {
	$helpdesky_block_demo_user_id = wp_insert_user(
		array(
			'user_login'   => 'demo',
			'user_pass'    => 'demo',
			'user_email'   => 'demo.subscriber@example.com',
			'display_name' => 'Demo Subscriber',
			'role'         => 'subscriber',
		)
	);
}

// wp_insert_user() trims and sanitizes the address. SSO and import plugins write it as the
// identity provider sent it, and the block must still sign the normalized form, so the
// demo user keeps the raw, mixed-case value with spaces.
if ( ! is_wp_error( $helpdesky_block_demo_user_id ) ) {
	global $wpdb;
	$wpdb->update( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- no API stores an unsanitized email.
		$wpdb->users,
		array( 'user_email' => '  Demo.Subscriber@Example.COM ' ),
		array( 'ID' => $helpdesky_block_demo_user_id )
	);
	clean_user_cache( $helpdesky_block_demo_user_id );
}
