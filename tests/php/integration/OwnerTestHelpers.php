<?php
/**
 * Helpers for the tests of the site owner's side: admin screens, admin-post.php handlers and
 * the messages they end with.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.
// phpcs:disable Generic.Files.OneObjectStructurePerFile -- small, related test helpers.

/**
 * Thrown by the wp_redirect filter in tests, so a handler's redirect-and-exit ends the handler
 * instead of the test process.
 */
class RedirectException extends \RuntimeException {
}

trait OwnerTestHelpers {

	/** @var string */
	protected static $helpdesk_id = '123e4567-e89b-12d3-a456-426614174000';

	/** @var string */
	protected static $secret = 'hdh_secret_settings_0123456789abcdef';

	/**
	 * Loads what wp-admin loads (Settings API, screens, plugin functions) and makes the request
	 * an admin request for $screen, as wp-admin/admin.php would.
	 *
	 * @param string $screen Screen ID, e.g. settings_page_helpdesky-block.
	 */
	protected function enter_admin( string $screen = 'dashboard' ): void {
		require_once ABSPATH . 'wp-admin/includes/admin.php';
		set_current_screen( $screen );
		$GLOBALS['wp_settings_errors'] = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- each test starts without messages.
	}

	/**
	 * A new user with the role, logged in.
	 *
	 * @param string $role Role.
	 * @return \WP_User
	 */
	protected function log_in_as( string $role ): \WP_User {
		return $this->log_in( self::factory()->user->create( array( 'role' => $role ) ) );
	}

	/**
	 * What a callback prints.
	 *
	 * @param callable $callback Callback.
	 * @return string
	 */
	protected function capture( callable $callback ): string {
		ob_start();
		try {
			$callback();
		} finally {
			$html = (string) ob_get_clean();
		}
		return $html;
	}

	/**
	 * Runs a callback that must end in wp_die() and returns the HTTP status it would send.
	 *
	 * @param callable $callback Callback.
	 * @return int
	 */
	protected function expect_wp_die( callable $callback ): int {
		try {
			$callback();
		} catch ( WpDieException $e ) {
			return $e->getCode();
		}
		$this->fail( 'Expected wp_die(), but the callback returned.' );
	}

	/**
	 * Runs a handler that must redirect (and would exit) and returns where to.
	 *
	 * @param callable $callback Callback.
	 * @return string
	 */
	protected function expect_redirect( callable $callback ): string {
		add_filter(
			'wp_redirect',
			static function ( $location ) {
				throw new RedirectException( (string) $location );
			}
		);
		try {
			$callback();
		} catch ( RedirectException $e ) {
			return $e->getMessage();
		}
		$this->fail( 'Expected a redirect, but the handler returned.' );
	}

	/**
	 * Makes the request a POST with these fields, as PHP fills the superglobals (slashed, as
	 * WordPress slashes them at load).
	 *
	 * @param array<string, mixed> $fields Fields.
	 */
	protected function post( array $fields ): void {
		$_SERVER['REQUEST_METHOD'] = 'POST';
		$_POST                     = wp_slash( $fields );
		$_REQUEST                  = array_merge( $_GET, $_POST ); // phpcs:ignore WordPress.Security.NonceVerification -- builds the request the code under test verifies.
	}

	/**
	 * Messages that the Settings API collected for the plugin's option.
	 *
	 * @return string[] Error codes.
	 */
	protected function settings_error_codes(): array {
		return array_column( get_settings_errors( \Helpdesky\Block\OPTION_NAME ), 'code' );
	}
}
