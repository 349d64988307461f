<?php
/**
 * Unit tests run without WordPress: only the plugin's pure files are loaded.
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- ABSPATH is WordPress's own.

// The plugin's files stop when ABSPATH is missing (direct access guard); nothing else reads it here.
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', sys_get_temp_dir() . '/helpdesky-block-no-wordpress/' );
}

// Files with no WordPress calls; add more here as they appear. config.php and widget.php have
// WordPress calls too, but only config.php's constants (widget.php's SETTINGS_KEY is one) and
// widget.php's pure decision function (should_show()) are used here.
foreach ( array( 'includes/signing.php', 'includes/config.php', 'includes/widget.php' ) as $helpdesky_block_pure_file ) {
	if ( is_file( dirname( __DIR__, 3 ) . '/' . $helpdesky_block_pure_file ) ) {
		require_once dirname( __DIR__, 3 ) . '/' . $helpdesky_block_pure_file;
	}
}
unset( $helpdesky_block_pure_file );
