<?php
/**
 * Deleting the plugin removes its option and its user meta, and nothing else.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Onboarding;
use Helpdesky\Block\Uninstall;

require_once dirname( __DIR__, 3 ) . '/includes/uninstall.php';

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced; it invokes core's hooks as WordPress would.

final class UninstallTest extends TestCase {

	/**
	 * Leaves what the plugin stores behind, plus data that is not the plugin's.
	 *
	 * @return int[] Two users who dismissed the notice.
	 */
	private function leave_plugin_data(): array {
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => '123e4567-e89b-12d3-a456-426614174000',
				'secret'      => 'hdh_secret_uninstall',
			)
		);
		$users = self::factory()->user->create_many( 2, array( 'role' => 'administrator' ) );
		foreach ( $users as $user_id ) {
			Onboarding\dismiss( $user_id );
			update_user_option( $user_id, 'unrelated_user_option', 'stays' );
		}
		update_option( Block\LATE_RENDER_OPTION, time() );
		update_option( Block\LATE_REGISTRATION_OPTION, time() );
		update_option( 'unrelated_option', 'stays' );
		return $users;
	}

	/**
	 * @param int[] $users Users from leave_plugin_data().
	 */
	private function assert_plugin_data_removed( array $users ): void {
		wp_cache_flush();
		$this->assertFalse( get_option( Block\OPTION_NAME ) );
		$this->assertFalse( get_option( Block\LATE_RENDER_OPTION ) );
		$this->assertFalse( get_option( Block\LATE_REGISTRATION_OPTION ) );
		foreach ( $users as $user_id ) {
			$this->assertFalse( Onboarding\is_dismissed( $user_id ) );
			$this->assertSame( 'stays', get_user_option( 'unrelated_user_option', $user_id ) );
		}
		$this->assertSame( 'stays', get_option( 'unrelated_option' ) );
	}

	public function test_uninstall_names_match_the_plugins(): void {
		$this->assertSame( Block\OPTION_NAME, Uninstall\OPTION_NAME );
		$this->assertSame( Block\LATE_RENDER_OPTION, Uninstall\LATE_RENDER_OPTION );
		$this->assertSame( Block\LATE_REGISTRATION_OPTION, Uninstall\LATE_REGISTRATION_OPTION );
		$this->assertSame( Onboarding\DISMISSED_KEY, Uninstall\DISMISSED_KEY );
	}

	public function test_remove_data_deletes_the_option_and_the_dismissals(): void {
		$users = $this->leave_plugin_data();

		Uninstall\remove_data();

		$this->assert_plugin_data_removed( $users );
	}

	/**
	 * As WordPress runs it: uninstall.php included with WP_UNINSTALL_PLUGIN defined (a constant,
	 * hence a process of its own).
	 *
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_uninstall_php_removes_the_data_when_wordpress_uninstalls_the_plugin(): void {
		$users = $this->leave_plugin_data();

		define( 'WP_UNINSTALL_PLUGIN', 'helpdesky-block/helpdesky-block.php' );
		include dirname( __DIR__, 3 ) . '/uninstall.php';

		$this->assert_plugin_data_removed( $users );
	}

	public function test_uninstall_php_does_nothing_unless_wordpress_is_uninstalling_the_plugin(): void {
		// A PHP process where the uninstall code would announce itself if it ran.
		$code   = 'define( "ABSPATH", "/" );'
			. 'function is_multisite() { echo "removed data"; return false; }'
			. 'function delete_option() { echo "removed data"; }'
			. 'include ' . var_export( dirname( __DIR__, 3 ) . '/uninstall.php', true ) . ';'
			. 'echo "still running";';
		$output = array();
		$status = null;
		exec( escapeshellarg( PHP_BINARY ) . ' -r ' . escapeshellarg( $code ) . ' 2>&1', $output, $status );

		$this->assertSame( 0, $status );
		$this->assertSame( array(), $output, 'uninstall.php must exit before doing anything.' );
	}
}
