<?php
/**
 * Unpacks the release zip the way WordPress does on a host without PHP's zip extension: with the
 * PclZip class WordPress ships (unzip_file() falls back to it when ZipArchive is missing), so the
 * test needs neither the zip extension nor the unzip program. Prints every entry's name, one per
 * line, for bin/test-zip.sh to check.
 *
 * Usage: php tests/zip/unpack.php WORDPRESS_CORE_DIR ZIP DESTINATION
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
if ( count( $argv ) !== 4 ) {
	fwrite( STDERR, "usage: php unpack.php WORDPRESS_CORE_DIR ZIP DESTINATION\n" );
	exit( 2 );
}
list( , $helpdesky_block_zip_core, $helpdesky_block_zip_file, $helpdesky_block_zip_destination ) = $argv;

require rtrim( $helpdesky_block_zip_core, '/' ) . '/wp-admin/includes/class-pclzip.php';

$helpdesky_block_zip_archive = new PclZip( $helpdesky_block_zip_file );
$helpdesky_block_zip_entries = $helpdesky_block_zip_archive->listContent();
if ( ! is_array( $helpdesky_block_zip_entries ) ) {
	fwrite( STDERR, 'unpack: not a readable zip: ' . $helpdesky_block_zip_archive->errorInfo( true ) . "\n" );
	exit( 1 );
}
if ( ! is_dir( $helpdesky_block_zip_destination ) && ! mkdir( $helpdesky_block_zip_destination, 0755, true ) ) {
	fwrite( STDERR, "unpack: cannot create $helpdesky_block_zip_destination\n" );
	exit( 1 );
}
$helpdesky_block_zip_extracted = $helpdesky_block_zip_archive->extract( PCLZIP_OPT_PATH, $helpdesky_block_zip_destination );
if ( ! is_array( $helpdesky_block_zip_extracted ) ) {
	fwrite( STDERR, 'unpack: extraction failed: ' . $helpdesky_block_zip_archive->errorInfo( true ) . "\n" );
	exit( 1 );
}
foreach ( $helpdesky_block_zip_extracted as $helpdesky_block_zip_entry ) {
	if ( 'ok' !== $helpdesky_block_zip_entry['status'] ) {
		fwrite( STDERR, "unpack: {$helpdesky_block_zip_entry['stored_filename']}: {$helpdesky_block_zip_entry['status']}\n" );
		exit( 1 );
	}
}
foreach ( $helpdesky_block_zip_entries as $helpdesky_block_zip_entry ) {
	echo $helpdesky_block_zip_entry['stored_filename'], "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Command-line output, not HTML.
}
