<?php
/**
 * The request WordPress expects to find when a test-stack script loads it from the command line
 * (php-cli sets none of these). Values a script set before including this file are kept, so a
 * script can name the page it stands for (REQUEST_URI) before it requires wp-load.php.
 *
 * Included at file scope by tests/e2e/fixtures/wp-site.php, tests/cache/site.php,
 * tests/load/setup-site.php and bin/bench/*.php.
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$_SERVER += array(
	'HTTP_HOST'       => '127.0.0.1',
	'SERVER_NAME'     => '127.0.0.1',
	'REQUEST_URI'     => '/',
	'REQUEST_METHOD'  => 'GET',
	'SERVER_PROTOCOL' => 'HTTP/1.1',
);
