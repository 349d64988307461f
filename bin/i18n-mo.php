<?php
/**
 * Compiles a .po file into the .mo file WordPress loads, with WordPress's own PO and MO classes
 * (no gettext tools needed): php bin/i18n-mo.php WP_ROOT FILE.po FILE.mo
 *
 * Used by bin/i18n.mjs fixture for the test translations (tests/fixtures/languages/).
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.WP.AlternativeFunctions -- a command-line tool, WordPress is not loaded.

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

if ( 4 !== count( $argv ) ) {
	fwrite( STDERR, "usage: php bin/i18n-mo.php WP_ROOT FILE.po FILE.mo\n" );
	exit( 2 );
}

list( , $helpdesky_block_i18n_wp_root, $helpdesky_block_i18n_po_file, $helpdesky_block_i18n_mo_file ) = $argv;

$helpdesky_block_i18n_pomo = rtrim( $helpdesky_block_i18n_wp_root, '/' ) . '/wp-includes/pomo/po.php';
if ( ! is_file( $helpdesky_block_i18n_pomo ) ) {
	fwrite( STDERR, "No WordPress in $helpdesky_block_i18n_wp_root\n" );
	exit( 1 );
}
// compat.php: the polyfills the pomo classes rely on (array_last() in WordPress 7.x). po.php
// loads the PO class's parents itself; mo.php is not among them.
require_once rtrim( $helpdesky_block_i18n_wp_root, '/' ) . '/wp-includes/compat.php';
require_once $helpdesky_block_i18n_pomo;
require_once dirname( $helpdesky_block_i18n_pomo ) . '/mo.php';

$helpdesky_block_i18n_po = new PO();
if ( ! $helpdesky_block_i18n_po->import_from_file( $helpdesky_block_i18n_po_file ) ) {
	fwrite( STDERR, "Could not read translations from $helpdesky_block_i18n_po_file\n" );
	exit( 1 );
}

$helpdesky_block_i18n_mo = new MO();
$helpdesky_block_i18n_mo->set_headers( $helpdesky_block_i18n_po->headers );
foreach ( $helpdesky_block_i18n_po->entries as $helpdesky_block_i18n_entry ) {
	$helpdesky_block_i18n_mo->add_entry( $helpdesky_block_i18n_entry );
}
if ( ! $helpdesky_block_i18n_mo->export_to_file( $helpdesky_block_i18n_mo_file ) ) {
	fwrite( STDERR, "Could not write $helpdesky_block_i18n_mo_file\n" );
	exit( 1 );
}
