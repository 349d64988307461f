<?php
/**
 * Plugin Name:       Helpdesky Ticket Center Block
 * Description:       A block that shows signed-in users their Helpdesky support conversations, signed on the server so the HMAC secret never reaches a browser.
 * Version:           0.1.0
 * Requires at least: 6.8
 * Requires PHP:      7.4
 * Author:            Helpdesky Block contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       helpdesky-block
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const VERSION   = '0.1.0';
const ROOT_DIR  = __DIR__;
const ROOT_FILE = __FILE__;

require_once ROOT_DIR . '/includes/signing.php';
require_once ROOT_DIR . '/includes/config.php';
require_once ROOT_DIR . '/includes/cache.php';
require_once ROOT_DIR . '/includes/detection.php';
require_once ROOT_DIR . '/includes/cache-proof.php';
require_once ROOT_DIR . '/includes/ticket-center.php';
require_once ROOT_DIR . '/includes/contact-form.php';
require_once ROOT_DIR . '/includes/shortcode.php';
require_once ROOT_DIR . '/includes/namespace.php';
// The site owner's side (settings, Site Health, onboarding, privacy) loads only where it can
// run: see load_site_owner_files().

bootstrap();
