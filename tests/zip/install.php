<?php
/**
 * Reinstalls the plugin the way a site owner does, with WordPress's own functions: deactivates
 * and deletes the copy bin/e2e-stack.sh put in place (delete_plugins() runs its uninstall.php),
 * then installs the release zip with the upload installer of Plugins → Add New → Upload Plugin
 * (Plugin_Upgrader: unzips, checks the package holds a plugin this WordPress and PHP can run,
 * moves it into place) and activates it.
 *
 * Usage: php tests/zip/install.php WP_ROOT ZIP PLUGIN_FILE
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
if ( count( $argv ) !== 4 ) {
	fwrite( STDERR, "usage: php install.php WP_ROOT ZIP PLUGIN_FILE\n" );
	exit( 2 );
}
list( , $helpdesky_block_zip_root, $helpdesky_block_zip_file, $helpdesky_block_zip_plugin ) = $argv;

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function helpdesky_block_zip_fail( string $message ): void {
	fwrite( STDERR, "zip install: $message\n" );
	exit( 1 );
}

// The web server and this script run as the same user on the test stack; without this,
// WordPress would ask for FTP credentials when its probe file's owner looks different.
define( 'FS_METHOD', 'direct' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedConstantFound -- WordPress's own setting.

require dirname( __DIR__ ) . '/support/cli-request.php';
require rtrim( $helpdesky_block_zip_root, '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';

// Plugin management is for administrators; the capability checks inside the upgrader apply.
$helpdesky_block_zip_admin = get_users(
	array(
		'role'   => 'administrator',
		'number' => 1,
	)
);
if ( empty( $helpdesky_block_zip_admin ) ) {
	helpdesky_block_zip_fail( 'the site has no administrator' );
}
wp_set_current_user( $helpdesky_block_zip_admin[0]->ID );

deactivate_plugins( $helpdesky_block_zip_plugin );
$helpdesky_block_zip_deleted = delete_plugins( array( $helpdesky_block_zip_plugin ) );
if ( true !== $helpdesky_block_zip_deleted ) {
	helpdesky_block_zip_fail( 'delete_plugins() failed: ' . ( is_wp_error( $helpdesky_block_zip_deleted ) ? $helpdesky_block_zip_deleted->get_error_message() : wp_json_encode( $helpdesky_block_zip_deleted ) ) );
}
if ( file_exists( WP_PLUGIN_DIR . '/' . dirname( $helpdesky_block_zip_plugin ) ) ) {
	helpdesky_block_zip_fail( 'the deleted plugin\'s folder is still there' );
}
fwrite( STDOUT, "  deleted the stack's copy (its uninstall.php ran)\n" );

// The skin collects the upgrader's messages instead of printing HTML.
$helpdesky_block_zip_skin      = new WP_Ajax_Upgrader_Skin();
$helpdesky_block_zip_upgrader  = new Plugin_Upgrader( $helpdesky_block_zip_skin );
$helpdesky_block_zip_installed = $helpdesky_block_zip_upgrader->install( $helpdesky_block_zip_file );
if ( true !== $helpdesky_block_zip_installed ) {
	$helpdesky_block_zip_errors = $helpdesky_block_zip_skin->get_errors();
	helpdesky_block_zip_fail(
		'Plugin_Upgrader::install() failed: '
		. ( is_wp_error( $helpdesky_block_zip_installed ) ? $helpdesky_block_zip_installed->get_error_message() : implode( '; ', $helpdesky_block_zip_errors->get_error_messages() ) )
		. ' ' . implode( ' ', $helpdesky_block_zip_skin->get_upgrade_messages() )
	);
}
if ( $helpdesky_block_zip_upgrader->plugin_info() !== $helpdesky_block_zip_plugin ) {
	helpdesky_block_zip_fail( 'the zip installed as ' . wp_json_encode( $helpdesky_block_zip_upgrader->plugin_info() ) . ", not $helpdesky_block_zip_plugin" );
}

$helpdesky_block_zip_activated = activate_plugin( $helpdesky_block_zip_plugin );
if ( is_wp_error( $helpdesky_block_zip_activated ) ) {
	helpdesky_block_zip_fail( 'activate_plugin(): ' . $helpdesky_block_zip_activated->get_error_message() );
}
fwrite( STDOUT, "  installed the zip with Plugin_Upgrader and activated $helpdesky_block_zip_plugin\n" );
