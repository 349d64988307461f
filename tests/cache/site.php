<?php
/**
 * Content for npm run test:cache, created with PHP CLI against the stack's database.
 *
 * Usage: php site.php WP_ROOT setup USER_COUNT
 * Prints JSON: { users: [ { login, email, password } ], pages: { name: path } }.
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

if ( count( $argv ) !== 4 || 'setup' !== $argv[2] ) {
	fwrite( STDERR, "usage: php site.php WP_ROOT setup USER_COUNT\n" );
	exit( 2 );
}

// WordPress reads these while loading; from the command line they are not set.
require dirname( __DIR__ ) . '/support/cli-request.php';

require rtrim( $argv[1], '/' ) . '/wp-load.php';

$helpdesky_block_cache_block = '<!-- wp:helpdesky/ticket-center /-->';
$helpdesky_block_cache_intro = '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph -->';

$helpdesky_block_cache_users = array();
for ( $helpdesky_block_cache_i = 1; $helpdesky_block_cache_i <= (int) $argv[3]; $helpdesky_block_cache_i++ ) {
	$helpdesky_block_cache_user = array(
		'login'    => sprintf( 'cache-user-%02d', $helpdesky_block_cache_i ),
		'email'    => sprintf( 'cache.user%02d@example.com', $helpdesky_block_cache_i ),
		'password' => sprintf( 'cache-user-%02d-password', $helpdesky_block_cache_i ),
	);
	$helpdesky_block_cache_id   = wp_insert_user(
		array(
			'user_login' => $helpdesky_block_cache_user['login'],
			'user_email' => $helpdesky_block_cache_user['email'],
			'user_pass'  => $helpdesky_block_cache_user['password'],
			'role'       => 'subscriber',
		)
	);
	if ( is_wp_error( $helpdesky_block_cache_id ) ) {
		fwrite( STDERR, $helpdesky_block_cache_id->get_error_message() . "\n" );
		exit( 1 );
	}
	$helpdesky_block_cache_users[] = $helpdesky_block_cache_user;
}

$helpdesky_block_cache_synced = wp_insert_post(
	array(
		'post_type'    => 'wp_block',
		'post_status'  => 'publish',
		'post_title'   => 'Support section',
		'post_content' => $helpdesky_block_cache_intro . $helpdesky_block_cache_block,
	),
	true
);

$helpdesky_block_cache_pages = array(
	// The block in the content: early detection.
	'inline'           => $helpdesky_block_cache_intro . $helpdesky_block_cache_block,
	// The block in a synced pattern: early detection follows the reference.
	'synced'           => $helpdesky_block_cache_intro . '<!-- wp:block {"ref":' . (int) $helpdesky_block_cache_synced . '} /-->',
	// The block from another plugin's shortcode: held output in classic themes.
	'shortcode'        => $helpdesky_block_cache_intro . '[helpdesky_cache_test_ticket_center]',
	// Cache-proof delivery: cacheable on purpose.
	'cacheproof'       => $helpdesky_block_cache_intro . '<!-- wp:helpdesky/ticket-center {"deliveryMode":"cache-proof"} /-->',
	// The Contact Form alone, as a block and as a shortcode: no per-user data, cacheable.
	'contactform'      => $helpdesky_block_cache_intro . '<!-- wp:helpdesky/contact-form {"contentAlign":"left"} /-->',
	'contactshortcode' => $helpdesky_block_cache_intro . '[helpdesky_contact_form max_width="480px"]',
	// No block at all: must stay cacheable and untouched.
	'about'            => '<!-- wp:paragraph --><p>About us</p><!-- /wp:paragraph -->',
);
$helpdesky_block_cache_paths = array();
foreach ( $helpdesky_block_cache_pages as $helpdesky_block_cache_name => $helpdesky_block_cache_content ) {
	$helpdesky_block_cache_id = wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_name'    => 'cache-' . $helpdesky_block_cache_name,
			'post_title'   => 'Cache test: ' . $helpdesky_block_cache_name,
			'post_content' => $helpdesky_block_cache_content,
		),
		true
	);
	if ( is_wp_error( $helpdesky_block_cache_id ) ) {
		fwrite( STDERR, $helpdesky_block_cache_id->get_error_message() . "\n" );
		exit( 1 );
	}
	$helpdesky_block_cache_paths[ $helpdesky_block_cache_name ] = (string) wp_parse_url( (string) get_permalink( $helpdesky_block_cache_id ), PHP_URL_PATH );
}

echo wp_json_encode(
	array(
		'users' => $helpdesky_block_cache_users,
		'pages' => $helpdesky_block_cache_paths,
	)
), "\n";
