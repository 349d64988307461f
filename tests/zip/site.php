<?php
/**
 * The release-zip test's side of a site that bin/e2e-stack.sh installed from the unpacked zip:
 * proves with WordPress's own functions that the plugin is the zip's copy and active, then
 * publishes a page with the Ticket Center and prints its address (tests/zip/check-page.php then
 * checks what the block renders; the plugin registers its blocks only where they are used, so a
 * command-line request would not see them registered).
 *
 * Usage: php tests/zip/site.php WP_ROOT PLUGIN_FILE
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
if ( count( $argv ) !== 3 ) {
	fwrite( STDERR, "usage: php site.php WP_ROOT PLUGIN_FILE\n" );
	exit( 2 );
}
list( , $helpdesky_block_zip_root, $helpdesky_block_zip_plugin ) = $argv;

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function helpdesky_block_zip_fail( string $message ): void {
	fwrite( STDERR, "zip site: $message\n" );
	exit( 1 );
}

require dirname( __DIR__ ) . '/support/cli-request.php';
require rtrim( $helpdesky_block_zip_root, '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// activate_plugin() ran at install time (bin/e2e-stack.sh); WordPress must still count it active,
// i.e. the plugin did not fail while loading on this request either.
if ( ! is_plugin_active( $helpdesky_block_zip_plugin ) ) {
	helpdesky_block_zip_fail( "$helpdesky_block_zip_plugin is not active" );
}
$helpdesky_block_zip_data = get_plugin_data( WP_PLUGIN_DIR . '/' . $helpdesky_block_zip_plugin, false, false );
if ( 'Helpdesky Ticket Center Block' !== $helpdesky_block_zip_data['Name'] ) {
	helpdesky_block_zip_fail( 'unexpected plugin name ' . wp_json_encode( $helpdesky_block_zip_data['Name'] ) );
}
$helpdesky_block_zip_page = wp_insert_post(
	array(
		'post_type'    => 'page',
		'post_status'  => 'publish',
		'post_title'   => 'Support from the zip',
		'post_name'    => 'support-from-the-zip',
		'post_content' => '<!-- wp:helpdesky/ticket-center /-->',
	),
	true
);
if ( is_wp_error( $helpdesky_block_zip_page ) ) {
	helpdesky_block_zip_fail( $helpdesky_block_zip_page->get_error_message() );
}
echo esc_url_raw( (string) get_permalink( $helpdesky_block_zip_page ) ), "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- esc_url_raw(): command-line output, not HTML.
