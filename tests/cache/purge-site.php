<?php
/**
 * Site state for npm run test:cache:purge (tests/cache/purge-run.mjs), with PHP CLI against the
 * stack's database: a site that followed the guide's page template under W3 Total Cache with
 * caching for signed-in users on, then moves to the block.
 *
 * Usage: php purge-site.php WP_ROOT COMMAND [ARGS]
 *   setup USER_COUNT   helpdesky-block inactive, W3 Total Cache active, the guide's Support page
 *                      template in the classic theme, a Support page using it with a synced
 *                      pattern in its content; prints JSON
 *                      { page, pattern, url, users: [ { email, cookie } ] }
 *   w3tc ARG           W3 Total Cache's disk page cache on, for signed-in users too (ARG unused)
 *   activate PAGE_ID [keep]  activates helpdesky-block through activate_plugin(), then moves the
 *                      page to the block without a save (database only), so only activation can
 *                      purge; with keep, leaves the page on the guide's template
 *   edit PAGE_ID       moves the page to the block through wp_update_post(), as the editor saves
 *   pattern PATTERN_ID adds the block to the synced pattern on the page through wp_update_post()
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

if ( count( $argv ) < 4 ) {
	fwrite( STDERR, "usage: php purge-site.php WP_ROOT setup|activate|edit ARG\n" );
	exit( 2 );
}

// WordPress reads these while loading; from the command line they are not set.
require dirname( __DIR__ ) . '/support/cli-request.php';

require rtrim( $argv[1], '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

const HELPDESKY_BLOCK_PURGE_PLUGIN = 'helpdesky-block/helpdesky-block.php';
const HELPDESKY_BLOCK_PURGE_W3TC   = 'w3-total-cache/w3-total-cache.php';
const HELPDESKY_BLOCK_PURGE_THEME  = 'helpdesky-e2e-classic';
const HELPDESKY_BLOCK_PURGE_BLOCK  = '<!-- wp:helpdesky/ticket-center /-->';

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function helpdesky_block_purge_fail( string $message ): void {
	fwrite( STDERR, "purge-site: $message\n" );
	exit( 1 );
}

// phpcs:disable WordPress.WP.EnqueuedResources.NonEnqueuedScript -- the guide's hand-made embed is the point.
/**
 * The guide's page template: signs the signed-in user's email in PHP and prints the embed.
 *
 * @return string
 */
function helpdesky_block_purge_guide_template(): string {
	return <<<'PHP'
<?php
/* Template Name: Support */
get_header();
if ( ! is_user_logged_in() ) {
	echo '<p>Please log in to view your support center.</p>';
	get_footer();
	return;
}
// phpcs:enable WordPress.WP.EnqueuedResources.NonEnqueuedScript
$user      = wp_get_current_user();
$email     = $user->user_email;
$signature = hash_hmac( 'sha256', $email, HELPDESKY_E2E_HMAC_SECRET );
?>
<main class="support-page">
<h1>Support</h1>
<div id="hdh-ticket-center"></div>
<script src="https://helpdesky.io/ticket-center.js"
data-helpdesk-id="<?php echo esc_attr( HELPDESKY_E2E_HELPDESK_ID ); ?>"
data-email="<?php echo esc_attr( $email ); ?>"
data-signature="<?php echo esc_attr( $signature ); ?>"></script>
</main>
<?php get_footer(); ?>
PHP;
}

/**
 * Runs one command.
 *
 * @param string[] $args The command line: WP_ROOT COMMAND ARG [ARG].
 */
function helpdesky_block_purge_command( array $args ): void {
	global $wpdb;

	switch ( $args[2] ) {
		case 'setup':
			deactivate_plugins( HELPDESKY_BLOCK_PURGE_PLUGIN, true );
			$result = activate_plugin( HELPDESKY_BLOCK_PURGE_W3TC );
			if ( is_wp_error( $result ) ) {
				helpdesky_block_purge_fail( 'W3 Total Cache: ' . $result->get_error_message() );
			}
			$theme_dir = get_theme_root() . '/' . HELPDESKY_BLOCK_PURGE_THEME;
			file_put_contents( $theme_dir . '/page-support-template.php', helpdesky_block_purge_guide_template() ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- a throw-away test site.
			switch_theme( HELPDESKY_BLOCK_PURGE_THEME );
			wp_get_theme()->cache_delete();

			// A synced pattern on the page, for the pattern scenario: no Ticket Center in it yet.
			$pattern = wp_insert_post(
				array(
					'post_type'    => 'wp_block',
					'post_status'  => 'publish',
					'post_title'   => 'Help',
					'post_content' => '<!-- wp:paragraph --><p>Help</p><!-- /wp:paragraph -->',
				),
				true
			);
			if ( is_wp_error( $pattern ) ) {
				helpdesky_block_purge_fail( $pattern->get_error_message() );
			}
			$page = wp_insert_post(
				array(
					'post_type'     => 'page',
					'post_status'   => 'publish',
					'post_title'    => 'Support',
					'post_name'     => 'purge-support',
					'post_content'  => '<!-- wp:paragraph --><p>Support</p><!-- /wp:paragraph --><!-- wp:block {"ref":' . $pattern . '} /-->',
					'page_template' => 'page-support-template.php',
				),
				true
			);
			if ( is_wp_error( $page ) ) {
				helpdesky_block_purge_fail( $page->get_error_message() );
			}

			$users = array();
			for ( $i = 1; $i <= (int) $args[3]; $i++ ) {
				$email = sprintf( 'purge.user%02d@example.com', $i );
				$id    = wp_insert_user(
					array(
						'user_login' => sprintf( 'purge-user-%02d', $i ),
						'user_email' => $email,
						'user_pass'  => wp_generate_password(),
						'role'       => 'subscriber',
					)
				);
				if ( is_wp_error( $id ) ) {
					helpdesky_block_purge_fail( $id->get_error_message() );
				}
				$users[] = array(
					'email'  => $email,
					'cookie' => LOGGED_IN_COOKIE . '=' . rawurlencode( wp_generate_auth_cookie( $id, time() + HOUR_IN_SECONDS, 'logged_in' ) ),
				);
			}
			echo wp_json_encode(
				array(
					'page'    => $page,
					'pattern' => $pattern,
					'url'     => get_permalink( $page ),
					'users'   => $users,
				)
			);
			break;

		case 'w3tc':
			// A request of its own: W3 Total Cache's activation writes its default configuration.
			$config = \W3TC\Dispatcher::config();
			$config->set( 'pgcache.enabled', true );
			// Disk: Basic, served by its advanced-cache.php drop-in, no web server rules needed.
			$config->set( 'pgcache.engine', 'file' );
			// Performance → Page Cache → "Don't cache pages for logged in users": off.
			$config->set( 'pgcache.reject.logged', false );
			$config->save();
			try {
				// Writes wp-content/advanced-cache.php and WP_CACHE in wp-config.php.
				\W3TC\Dispatcher::component( 'Root_Environment' )->fix_in_wpadmin( $config, true );
			} catch ( \Exception $e ) {
				// Rules for other web servers it cannot write; the page cache itself is in place.
				fwrite( STDERR, 'purge-site: W3 Total Cache environment: ' . wp_strip_all_tags( $e->getMessage() ) . "\n" );
			}
			if ( ! file_exists( WP_CONTENT_DIR . '/advanced-cache.php' ) ) {
				helpdesky_block_purge_fail( 'W3 Total Cache wrote no advanced-cache.php' );
			}
			echo wp_json_encode( array( 'page_cache' => true ) );
			break;

		case 'activate':
			$result = activate_plugin( HELPDESKY_BLOCK_PURGE_PLUGIN );
			if ( is_wp_error( $result ) ) {
				helpdesky_block_purge_fail( $result->get_error_message() );
			}
			if ( 'keep' === ( $args[4] ?? '' ) ) {
				echo wp_json_encode( array( 'notice' => get_transient( 'helpdesky_block_cache_purge_notice' ) ) );
				break;
			}
			// No save hook: whatever is purged now, activation purged.
			$wpdb->update( $wpdb->posts, array( 'post_content' => HELPDESKY_BLOCK_PURGE_BLOCK ), array( 'ID' => (int) $args[3] ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- bypasses the save hooks on purpose.
			$template = array(
				'post_id'  => (int) $args[3],
				'meta_key' => '_wp_page_template', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- one row, by post ID.
			);
			$wpdb->delete( $wpdb->postmeta, $template ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- bypasses the meta hooks on purpose.
			clean_post_cache( (int) $args[3] );
			echo wp_json_encode( array( 'notice' => get_transient( 'helpdesky_block_cache_purge_notice' ) ) );
			break;

		case 'edit':
			$result = wp_update_post(
				array(
					'ID'            => (int) $args[3],
					'post_content'  => HELPDESKY_BLOCK_PURGE_BLOCK,
					'page_template' => 'default',
				),
				true
			);
			if ( is_wp_error( $result ) ) {
				helpdesky_block_purge_fail( $result->get_error_message() );
			}
			echo wp_json_encode( array( 'page' => $result ) );
			break;

		case 'pattern':
			$result = wp_update_post(
				array(
					'ID'           => (int) $args[3],
					'post_content' => '<!-- wp:paragraph --><p>Help</p><!-- /wp:paragraph -->' . HELPDESKY_BLOCK_PURGE_BLOCK,
				),
				true
			);
			if ( is_wp_error( $result ) ) {
				helpdesky_block_purge_fail( $result->get_error_message() );
			}
			echo wp_json_encode( array( 'pattern' => $result ) );
			break;

		default:
			helpdesky_block_purge_fail( 'unknown command ' . $args[2] );
	}
}

helpdesky_block_purge_command( $argv );
