<?php
/**
 * Fills the bench site (started by bin/e2e-stack.sh in a run folder of its own) with what
 * `npm run bench` measures, and prints it as JSON on standard output.
 *
 * Usage: php site-setup.php WP_ROOT USERS
 *
 * - USERS subscribers, each with a logged-in cookie made here (a real session token, so
 *   WordPress validates it exactly as after a login form), for the "50 distinct users" load;
 * - four pages that differ only in what the benchmark compares: the Ticket Center block, a
 *   paragraph in its place, Helpdesky's guide template, and a template of the same structure that
 *   prints the block with do_blocks() (the last two classic theme only, see
 *   fixtures/classic-theme/page-support-guide.php and page-support-block.php).
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

if ( count( $argv ) !== 3 ) {
	fwrite( STDERR, "usage: php site-setup.php WP_ROOT USERS\n" );
	exit( 2 );
}

$helpdesky_block_bench_root  = rtrim( $argv[1], '/' );
$helpdesky_block_bench_users = max( 1, min( 200, (int) $argv[2] ) );

// WordPress reads these while loading; from the command line they are not set.
require dirname( __DIR__, 2 ) . '/tests/support/cli-request.php';

require $helpdesky_block_bench_root . '/wp-load.php';

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 * @return void
 */
function helpdesky_block_bench_fail( string $message ): void {
	fwrite( STDERR, "bench site-setup: $message\n" );
	exit( 1 );
}

/**
 * Creates a published page, or stops.
 *
 * @param string $slug     Page slug.
 * @param string $content  Block markup.
 * @param string $template Page template file, '' for the theme's default.
 * @return string The page's path on the site.
 */
function helpdesky_block_bench_page( string $slug, string $content, string $template = '' ): string {
	$id = wp_insert_post(
		wp_slash(
			array(
				'post_type'    => 'page',
				'post_status'  => 'publish',
				// The same title everywhere: the pages must differ only in what is compared.
				'post_title'   => 'Support',
				'post_name'    => $slug,
				'post_content' => $content,
				'post_author'  => 1,
			)
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		helpdesky_block_bench_fail( $id->get_error_message() );
	}
	if ( '' !== $template ) {
		update_post_meta( $id, '_wp_page_template', $template );
	}
	return (string) wp_make_link_relative( (string) get_permalink( $id ) );
}

$helpdesky_block_bench_out = array(
	'cookie_name' => LOGGED_IN_COOKIE,
	'users'       => array(),
	'pages'       => array(
		'block'     => helpdesky_block_bench_page( 'support', '<!-- wp:helpdesky/ticket-center /-->' ),
		'paragraph' => helpdesky_block_bench_page(
			'support-plain',
			"<!-- wp:paragraph -->\n<p>Signed-in users see their support conversations here.</p>\n<!-- /wp:paragraph -->"
		),
		'guide'     => helpdesky_block_bench_page( 'support-guide', '', 'page-support-guide.php' ),
		// Theme code printing the block, as the README tells classic theme developers.
		'template'  => helpdesky_block_bench_page( 'support-template', '', 'page-support-block.php' ),
	),
	// Pages without the block that every site has: the posts page, a post, a page.
	'other_pages' => array( '/', '/hello-world/', '/sample-page/' ),
);

// The users sign in with cookies made here, never with their password: the cheapest bcrypt cost
// keeps creating them from taking seconds.
add_filter(
	'wp_hash_password_options',
	static function ( $options ) {
		return array_merge( (array) $options, array( 'cost' => 4 ) );
	}
);

// Long enough for any bench run; the site is thrown away with the run folder.
$helpdesky_block_bench_expiration = time() + DAY_IN_SECONDS;

for ( $helpdesky_block_bench_i = 1; $helpdesky_block_bench_i <= $helpdesky_block_bench_users; $helpdesky_block_bench_i++ ) {
	$helpdesky_block_bench_n     = sprintf( '%02d', $helpdesky_block_bench_i );
	$helpdesky_block_bench_login = 'bench-user-' . $helpdesky_block_bench_n;
	$helpdesky_block_bench_id    = wp_insert_user(
		array(
			'user_login' => $helpdesky_block_bench_login,
			'user_pass'  => wp_generate_password( 24 ),
			// Mixed case as users type it, so every render normalizes, as on real sites.
			'user_email' => 'Bench.User' . $helpdesky_block_bench_n . '@Example.com',
			'role'       => 'subscriber',
		)
	);
	if ( is_wp_error( $helpdesky_block_bench_id ) ) {
		helpdesky_block_bench_fail( $helpdesky_block_bench_id->get_error_message() );
	}
	$helpdesky_block_bench_token = WP_Session_Tokens::get_instance( $helpdesky_block_bench_id )->create( $helpdesky_block_bench_expiration );

	$helpdesky_block_bench_out['users'][] = array(
		'id'     => $helpdesky_block_bench_id,
		'login'  => $helpdesky_block_bench_login,
		'email'  => strtolower( 'Bench.User' . $helpdesky_block_bench_n . '@Example.com' ),
		'cookie' => wp_generate_auth_cookie( $helpdesky_block_bench_id, $helpdesky_block_bench_expiration, 'logged_in', $helpdesky_block_bench_token ),
	);
}

fwrite( STDOUT, (string) wp_json_encode( $helpdesky_block_bench_out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) . "\n" );
