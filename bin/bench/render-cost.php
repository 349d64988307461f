<?php
/**
 * Render cost inside real WordPress: microseconds per render of the Ticket Center block, next to
 * a paragraph block and to the code of Helpdesky's guide template, as a subscriber and as a
 * visitor. Prints JSON on standard output.
 *
 * Usage: php -d opcache.enable_cli=1 render-cost.php WP_ROOT USER_LOGIN BATCHES BATCH_SIZE
 *
 * Each sample is the mean of BATCH_SIZE renders in a row; the cases take turns batch by batch,
 * in a shuffled order, so drift on a shared machine hits all of them alike. Before every render
 * the request's once-only state is reset (the helpdesky_block_* action counters), so each render
 * pays for everything a page pays once: the cache opt-out, the headers, the instance claim.
 * OPcache should be on (as under PHP-FPM): render.php is included on every render.
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

if ( count( $argv ) !== 5 ) {
	fwrite( STDERR, "usage: php render-cost.php WP_ROOT USER_LOGIN BATCHES BATCH_SIZE\n" );
	exit( 2 );
}

$helpdesky_block_bench_root       = rtrim( $argv[1], '/' );
$helpdesky_block_bench_login      = $argv[2];
$helpdesky_block_bench_batches    = max( 1, min( 1000, (int) $argv[3] ) );
$helpdesky_block_bench_batch_size = max( 1, min( 10000, (int) $argv[4] ) );

// A front-end request for the Support page, as far as the block can tell.
$_SERVER['REQUEST_URI'] = '/support/';
require dirname( __DIR__, 2 ) . '/tests/support/cli-request.php';

require $helpdesky_block_bench_root . '/wp-load.php';

$helpdesky_block_bench_user = get_user_by( 'login', $helpdesky_block_bench_login );
if ( ! $helpdesky_block_bench_user ) {
	fwrite( STDERR, "render-cost: no user $helpdesky_block_bench_login\n" );
	exit( 1 );
}

/**
 * Forgets the plugin's once-per-request actions, so the next render is a page's first.
 *
 * @return void
 */
function helpdesky_block_bench_reset(): void {
	global $wp_actions;
	foreach ( array_keys( (array) $wp_actions ) as $name ) {
		if ( 0 === strpos( (string) $name, 'helpdesky_block_' ) ) {
			unset( $wp_actions[ $name ] );
		}
	}
	// The once-per-request flags are the plugin's private state, not did_action() counts.
	\Helpdesky\Block\reset_request_flags();
}

/**
 * What the guide's template does between get_header() and get_footer(), verbatim (see
 * fixtures/classic-theme/page-support-guide.php), with its output captured like a block's.
 *
 * @return string
 */
function helpdesky_block_bench_guide(): string {
	// phpcs:disable WordPress.WP.EnqueuedResources -- the guide prints its script tag in the template.
	ob_start();
	if ( ! is_user_logged_in() ) {
		echo '<p>Please log in to view your support center.</p>';
		return (string) ob_get_clean();
	}
	$user      = wp_get_current_user();
	$email     = $user->user_email;
	$signature = hash_hmac( 'sha256', $email, HELPDESKY_HMAC_SECRET );
	?>
<main class="support-page">
<h1>Support</h1>
<div id="hdh-ticket-center"></div>
<script src="https://helpdesky.io/ticket-center.js"
data-helpdesk-id="<?php echo esc_attr( HELPDESKY_HELPDESK_ID ); ?>"
data-email="<?php echo esc_attr( $email ); ?>"
data-signature="<?php echo esc_attr( $signature ); ?>"></script>
</main>
	<?php
	// phpcs:enable
	return (string) ob_get_clean();
}

$helpdesky_block_bench_ticket    = parse_blocks( '<!-- wp:helpdesky/ticket-center /-->' )[0];
$helpdesky_block_bench_paragraph = parse_blocks( "<!-- wp:paragraph -->\n<p>Signed-in users see their support conversations here.</p>\n<!-- /wp:paragraph -->" )[0];

// Case => [ user ID, render function, text the output must contain ].
$helpdesky_block_bench_cases = array(
	'block_subscriber'     => array(
		$helpdesky_block_bench_user->ID,
		static function () use ( $helpdesky_block_bench_ticket ) {
			return render_block( $helpdesky_block_bench_ticket );
		},
		'data-signature=',
	),
	'paragraph_subscriber' => array(
		$helpdesky_block_bench_user->ID,
		static function () use ( $helpdesky_block_bench_paragraph ) {
			return render_block( $helpdesky_block_bench_paragraph );
		},
		// Its text, not its tag: 7.x adds the wp-block-paragraph class to the <p>.
		'support conversations here.</p>',
	),
	'guide_subscriber'     => array(
		$helpdesky_block_bench_user->ID,
		'helpdesky_block_bench_guide',
		'data-signature=',
	),
	'block_visitor'        => array(
		0,
		static function () use ( $helpdesky_block_bench_ticket ) {
			return render_block( $helpdesky_block_bench_ticket );
		},
		'wp-login.php',
	),
);

// First renders load translations, user meta and the render file: check the output and warm up.
$helpdesky_block_bench_first_queries = array();
foreach ( $helpdesky_block_bench_cases as $helpdesky_block_bench_name => $helpdesky_block_bench_case ) {
	wp_set_current_user( $helpdesky_block_bench_case[0] );
	helpdesky_block_bench_reset();
	$helpdesky_block_bench_before = $wpdb->num_queries;
	$helpdesky_block_bench_html   = (string) call_user_func( $helpdesky_block_bench_case[1] );
	$helpdesky_block_bench_first_queries[ $helpdesky_block_bench_name ] = $wpdb->num_queries - $helpdesky_block_bench_before;
	if ( false === strpos( $helpdesky_block_bench_html, $helpdesky_block_bench_case[2] ) ) {
		fwrite( STDERR, "render-cost: $helpdesky_block_bench_name did not render as expected:\n$helpdesky_block_bench_html\n" );
		exit( 1 );
	}
	for ( $helpdesky_block_bench_i = 0; $helpdesky_block_bench_i < $helpdesky_block_bench_batch_size; $helpdesky_block_bench_i++ ) {
		helpdesky_block_bench_reset();
		call_user_func( $helpdesky_block_bench_case[1] );
	}
}

$helpdesky_block_bench_samples = array_fill_keys( array_keys( $helpdesky_block_bench_cases ), array() );
$helpdesky_block_bench_queries = array_fill_keys( array_keys( $helpdesky_block_bench_cases ), 0 );
$helpdesky_block_bench_names   = array_keys( $helpdesky_block_bench_cases );

for ( $helpdesky_block_bench_b = 0; $helpdesky_block_bench_b < $helpdesky_block_bench_batches; $helpdesky_block_bench_b++ ) {
	shuffle( $helpdesky_block_bench_names );
	foreach ( $helpdesky_block_bench_names as $helpdesky_block_bench_name ) {
		list( $helpdesky_block_bench_user_id, $helpdesky_block_bench_render ) = $helpdesky_block_bench_cases[ $helpdesky_block_bench_name ];
		wp_set_current_user( $helpdesky_block_bench_user_id );
		$helpdesky_block_bench_before  = $wpdb->num_queries;
		$helpdesky_block_bench_elapsed = 0;
		for ( $helpdesky_block_bench_i = 0; $helpdesky_block_bench_i < $helpdesky_block_bench_batch_size; $helpdesky_block_bench_i++ ) {
			helpdesky_block_bench_reset();
			$helpdesky_block_bench_start = hrtime( true );
			$helpdesky_block_bench_render();
			$helpdesky_block_bench_elapsed += hrtime( true ) - $helpdesky_block_bench_start;
		}
		$helpdesky_block_bench_samples[ $helpdesky_block_bench_name ][] = $helpdesky_block_bench_elapsed / $helpdesky_block_bench_batch_size / 1000;
		$helpdesky_block_bench_queries[ $helpdesky_block_bench_name ]  += $wpdb->num_queries - $helpdesky_block_bench_before;
	}
}

fwrite(
	STDOUT,
	(string) wp_json_encode(
		array(
			'batches'       => $helpdesky_block_bench_batches,
			'batch_size'    => $helpdesky_block_bench_batch_size,
			'opcache'       => function_exists( 'opcache_get_status' ) && is_array( opcache_get_status( false ) ),
			'samples_us'    => $helpdesky_block_bench_samples,
			'first_queries' => $helpdesky_block_bench_first_queries,
			'queries'       => $helpdesky_block_bench_queries,
		)
	) . "\n"
);
