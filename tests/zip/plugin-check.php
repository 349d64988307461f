<?php
/**
 * Runs Plugin Check (the WordPress.org plugin directory's checker, WordPress/plugin-check) on an
 * installed plugin from the command line, with its own runner logic, as `wp plugin check` does
 * (WP-CLI is not installed on our machines): static checks and, like WP-CLI, the runtime checks.
 *
 * Usage: php tests/zip/plugin-check.php WP_ROOT PLUGIN_FILE prepare|run
 *   prepare  activates Plugin Check and sets up its runtime environment (its test tables and its
 *            object-cache.php drop-in), which must exist before the request that runs the checks;
 *   run      runs every stable check, prints each error and warning and a summary line, removes
 *            the runtime environment again; exits 1 when there is any error or warning.
 * Plugin Check must be in WP_ROOT's plugins folder as plugin-check/ (with its Composer packages).
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
if ( count( $argv ) !== 4 || ! in_array( $argv[3], array( 'prepare', 'run' ), true ) ) {
	fwrite( STDERR, "usage: php plugin-check.php WP_ROOT PLUGIN_FILE prepare|run\n" );
	exit( 2 );
}
list( , $helpdesky_block_zip_root, $helpdesky_block_zip_plugin, $helpdesky_block_zip_mode ) = $argv;
$helpdesky_block_zip_root = rtrim( $helpdesky_block_zip_root, '/' );

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function helpdesky_block_zip_fail( string $message ): void {
	fwrite( STDERR, "plugin-check: $message\n" );
	exit( 1 );
}

/**
 * Prints the messages of one kind.
 *
 * @param string                                       $kind     "ERROR" or "WARNING".
 * @param array<string, array<int, array<int, mixed>>> $messages File => line => column => list of messages.
 * @return int How many were printed.
 */
function helpdesky_block_zip_print_messages( string $kind, array $messages ): int {
	$count = 0;
	foreach ( $messages as $file => $lines ) {
		foreach ( $lines as $line => $columns ) {
			foreach ( $columns as $column => $list ) {
				foreach ( (array) $list as $message ) {
					++$count;
					fwrite( STDOUT, sprintf( "%s %s:%d:%d %s: %s\n", $kind, $file, $line, $column, $message['code'] ?? '', wp_strip_all_tags( (string) ( $message['message'] ?? '' ) ) ) );
				}
			}
		}
	}
	return $count;
}

require dirname( __DIR__ ) . '/support/cli-request.php';

$helpdesky_block_zip_autoload = $helpdesky_block_zip_root . '/wp-content/plugins/plugin-check/vendor/autoload.php';
if ( ! is_file( $helpdesky_block_zip_autoload ) ) {
	helpdesky_block_zip_fail( 'Plugin Check (with its Composer packages) is not in the site\'s plugins folder' );
}

if ( 'run' === $helpdesky_block_zip_mode ) {
	// The runner must exist before must-use plugins load (Plugin Check's own drop-in does this
	// for WP-CLI); enable_loading_object_cache_dropin is the first hook WordPress runs, and a
	// callback can be registered before WordPress loads through the $wp_filter global.
	$GLOBALS['wp_filter']['enable_loading_object_cache_dropin'][ PHP_INT_MIN ][] = array( // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- registering a hook before WordPress exists, as core documents.
		'accepted_args' => 1,
		'function'      => static function ( $enable ) use ( $helpdesky_block_zip_autoload, $helpdesky_block_zip_plugin ) {
			require_once $helpdesky_block_zip_autoload;
			require_once __DIR__ . '/class-helpdesky-block-zip-check-runner.php';
			Helpdesky_Block_Zip_Check_Runner::$plugin_file = $helpdesky_block_zip_plugin;
			$GLOBALS['helpdesky_block_zip_runner']         = new Helpdesky_Block_Zip_Check_Runner();
			add_action(
				'muplugins_loaded',
				static function () {
					$GLOBALS['helpdesky_block_zip_cleanup'] = $GLOBALS['helpdesky_block_zip_runner']->prepare();
				}
			);
			return $enable;
		},
	);
}

require $helpdesky_block_zip_root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( 'prepare' === $helpdesky_block_zip_mode ) {
	if ( ! is_plugin_active( 'plugin-check/plugin.php' ) ) {
		$helpdesky_block_zip_activated = activate_plugin( 'plugin-check/plugin.php' );
		if ( is_wp_error( $helpdesky_block_zip_activated ) ) {
			helpdesky_block_zip_fail( 'cannot activate Plugin Check: ' . $helpdesky_block_zip_activated->get_error_message() );
		}
	}
	$helpdesky_block_zip_environment = new WordPress\Plugin_Check\Checker\Runtime_Environment_Setup();
	if ( ! $helpdesky_block_zip_environment->can_set_up() ) {
		helpdesky_block_zip_fail( 'Plugin Check cannot set up its runtime environment (is wp-content writable?)' );
	}
	$helpdesky_block_zip_environment->set_up();
	exit( 0 );
}

$helpdesky_block_zip_runner = $GLOBALS['helpdesky_block_zip_runner'] ?? null;
if ( ! $helpdesky_block_zip_runner instanceof Helpdesky_Block_Zip_Check_Runner || ! isset( $GLOBALS['helpdesky_block_zip_cleanup'] ) ) {
	helpdesky_block_zip_fail( 'the runner was not set up before the must-use plugins loaded' );
}
$helpdesky_block_zip_runner->set_plugin( $helpdesky_block_zip_plugin );
$helpdesky_block_zip_runner->set_check_slugs( array() );
$helpdesky_block_zip_runner->set_check_exclude_slugs( array() );
$helpdesky_block_zip_runner->set_categories( array() );
$helpdesky_block_zip_runner->set_experimental_flag( false );
$helpdesky_block_zip_runner->set_slug( dirname( $helpdesky_block_zip_plugin ) );

$helpdesky_block_zip_checks = array_keys( $helpdesky_block_zip_runner->get_checks_to_run() );
fwrite( STDOUT, 'Plugin Check runs: ' . implode( ', ', $helpdesky_block_zip_checks ) . "\n" );
$helpdesky_block_zip_result = $helpdesky_block_zip_runner->run();
$GLOBALS['helpdesky_block_zip_cleanup']();
( new WordPress\Plugin_Check\Checker\Runtime_Environment_Setup() )->clean_up();

$helpdesky_block_zip_errors   = helpdesky_block_zip_print_messages( 'ERROR', $helpdesky_block_zip_result->get_errors() );
$helpdesky_block_zip_warnings = helpdesky_block_zip_print_messages( 'WARNING', $helpdesky_block_zip_result->get_warnings() );
fwrite( STDOUT, sprintf( "Plugin Check: %d errors, %d warnings (%d checks)\n", $helpdesky_block_zip_errors, $helpdesky_block_zip_warnings, count( $helpdesky_block_zip_checks ) ) );
exit( $helpdesky_block_zip_errors + $helpdesky_block_zip_warnings > 0 ? 1 : 0 );
