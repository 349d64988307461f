<?php
/**
 * Thrown instead of ending the process when code under test calls wp_die().
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

/**
 * The message is wp_die()'s message; the code is the HTTP status it would have sent.
 */
class WpDieException extends \RuntimeException {
}
