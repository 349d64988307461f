<?php
/**
 * Runs when the plugin is deleted from the Plugins screen: removes its data (see
 * includes/uninstall.php).
 *
 * @package Helpdesky\Block
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/includes/uninstall.php';

Helpdesky\Block\Uninstall\remove_data();
