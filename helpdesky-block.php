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

// WordPress reads this file's header on every request (get_plugin_data() in wp-settings.php), a
// dozen regular expressions over each of its lines, so the rest lives in includes/plugin.php.
defined( 'ABSPATH' ) || exit;

const VERSION   = '0.1.0';
const ROOT_DIR  = __DIR__;
const ROOT_FILE = __FILE__;

require ROOT_DIR . '/includes/plugin.php';
