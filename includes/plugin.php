<?php
/**
 * Loads the plugin after helpdesky-block.php (its header and constants): the files every request
 * needs, then its hooks.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

// What every request needs: the settings' names, the cache contract, detection, the shortcodes'
// names and the hooks. The code that builds the blocks' output loads with the blocks (see
// load_embed_files()), and the site owner's side (settings, Site Health, onboarding, privacy)
// only where it can run (see load_site_owner_files()).
require_once ROOT_DIR . '/includes/config.php';
require_once ROOT_DIR . '/includes/cache.php';
require_once ROOT_DIR . '/includes/detection.php';
require_once ROOT_DIR . '/includes/shortcode.php';
require_once ROOT_DIR . '/includes/namespace.php';

/**
 * Loads the code that builds the blocks' output and the signed embed (signing, the Ticket Center,
 * the Contact Form, cache-proof delivery), once: where a block is registered, the REST API runs,
 * the site owner's side loads or the widget is on. Pages that show no block never compile or
 * declare it, which was a quarter of what the plugin's files cost them.
 *
 * @return void
 */
function load_embed_files(): void {
	static $loaded = false;
	if ( $loaded ) {
		return;
	}
	$loaded = true;
	require_once ROOT_DIR . '/includes/signing.php';
	require_once ROOT_DIR . '/includes/cache-proof.php';
	require_once ROOT_DIR . '/includes/ticket-center.php';
	require_once ROOT_DIR . '/includes/contact-form.php';
}

bootstrap();
