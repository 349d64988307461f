<?php
/**
 * Constants PHPStan cannot find in the WordPress stubs: those wp-config.php or wp-settings.php
 * define at run time. PHPStan reads this file; WordPress never loads it.
 *
 * @package Helpdesky\Block
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own constants.

define( 'ABSPATH', __DIR__ . '/' );
define( 'WPINC', 'wp-includes' );
define( 'WP_CONTENT_DIR', ABSPATH . 'wp-content' );
define( 'WP_PLUGIN_DIR', WP_CONTENT_DIR . '/plugins' );
