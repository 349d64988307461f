<?php
/**
 * Demo content for the dev site and the one-click demo (bin/demo-blueprint.mjs copies this
 * file into .wordpress-org/blueprints/blueprint.json), run once by the blueprint's runPHP step
 * after wp-load.php.
 *
 * Idempotent, so `npm start -- --keep` can run the blueprint again on the same database.
 *
 * @package helpdesky-block
 */

defined( 'ABSPATH' ) || exit;

// Blueprint steps run without a user, so kses would filter the block markup as if an
// untrusted author had written it.
kses_remove_filters();

// With the stand-in (the dev site without real credentials, the one-click demo), the page
// says that nothing here talks to a real helpdesk.
$helpdesky_block_demo_notice = function_exists( 'helpdesky_block_stand_in_script_url' )
	? '<!-- wp:paragraph --><p>This is a demo. The Ticket Center below is a local stand-in for Helpdesky, not a real helpdesk: it checks the signature the block printed for you, with public demo credentials, and says “Verified as” and your email address when it matches.</p><!-- /wp:paragraph -->'
	: '';

if ( ! get_page_by_path( 'support' ) ) {
	wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_title'   => 'Support',
			'post_name'    => 'support',
			'post_content' => '<!-- wp:heading --><h2 class="wp-block-heading">Support</h2><!-- /wp:heading -->' . $helpdesky_block_demo_notice . '<!-- wp:helpdesky/ticket-center /-->',
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
