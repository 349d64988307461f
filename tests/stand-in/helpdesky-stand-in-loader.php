<?php
/**
 * Plugin Name: Helpdesky stand-in (loader)
 * Description: Loads the Helpdesky stand-in from mu-plugins/helpdesky-stand-in/. Dev site and e2e tests only.
 * License: GPL-2.0-or-later
 *
 * WordPress loads only the PHP files directly inside mu-plugins/. Install this file there
 * and this folder (tests/stand-in) as mu-plugins/helpdesky-stand-in/, so the stand-in's
 * PHP and JavaScript stay together and edits to them take effect without a copy.
 *
 * @package helpdesky-block
 */

defined( 'ABSPATH' ) || exit;

require __DIR__ . '/helpdesky-stand-in/helpdesky-stand-in.php';
