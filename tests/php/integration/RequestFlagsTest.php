<?php
/**
 * The plugin's once-per-request flags are its own state: a third party firing the plugin's public
 * actions (which stay public and keep firing) changes nothing the plugin decides.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;

final class RequestFlagsTest extends TestCase {

	const BLOCK = '<!-- wp:helpdesky/ticket-center /-->';

	protected function set_up(): void {
		$this->configure_helpdesky( '123e4567-e89b-12d3-a456-426614174000', 'hdh_secret_test_0123456789abcdef' );
		$this->log_in( self::factory()->user->create( array( 'user_email' => 'jane@example.com' ) ) );
	}

	public function test_a_third_party_firing_the_claimed_action_does_not_hide_the_block(): void {
		do_action( 'helpdesky_block_ticket_center_claimed' );

		$html = do_blocks( self::BLOCK );

		$this->assertStringContainsString( 'data-signature', $html );
		$this->assertSame( 2, did_action( 'helpdesky_block_ticket_center_claimed' ), 'The plugin still fires its action.' );
	}

	public function test_the_second_instance_still_steps_aside(): void {
		do_blocks( self::BLOCK );

		$this->assertStringNotContainsString( 'data-signature', do_blocks( self::BLOCK ) );
	}

	public function test_a_third_party_firing_the_uncacheable_action_does_not_stop_the_opt_out(): void {
		$headers = array();
		add_action(
			'helpdesky_block_no_cache_headers',
			static function ( $sent_headers ) use ( &$headers ) {
				$headers = $sent_headers;
			}
		);
		do_action( 'helpdesky_block_marked_uncacheable', true );

		do_blocks( self::BLOCK );

		$this->assertSame( 'no-cache, must-revalidate, max-age=0, no-store, private', $headers['Cache-Control'] ?? null );
		$this->assertSame( 2, did_action( 'helpdesky_block_marked_uncacheable' ) );
	}

	public function test_a_third_party_firing_the_holding_action_does_not_stop_holding_output(): void {
		do_action( 'helpdesky_block_holding_output' );
		$level = ob_get_level();

		Block\hold_output();
		$held = ob_get_level() > $level || has_action( 'wp_finalized_template_enhancement_output_buffer', 'Helpdesky\\Block\\resend_no_cache_headers' );
		while ( ob_get_level() > $level ) {
			ob_end_clean();
		}

		$this->assertNotFalse( $held );
		$this->assertSame( 2, did_action( 'helpdesky_block_holding_output' ) );
	}

	public function test_a_third_party_firing_the_cache_proof_action_does_not_keep_the_view_script(): void {
		do_action( 'helpdesky_block_cache_proof_rendered' );

		do_blocks( self::BLOCK );

		$this->assertFalse( wp_script_is( 'helpdesky-ticket-center-view-script', 'enqueued' ) );
	}

	public function test_flags_are_once_per_request_and_reset_for_tests(): void {
		$this->assertFalse( Block\request_flag( Block\FLAG_CLAIMED, true ) );
		$this->assertTrue( Block\request_flag( Block\FLAG_CLAIMED ) );
		$this->assertTrue( Block\request_flag( Block\FLAG_CLAIMED, true ) );

		Block\reset_request_flags();

		$this->assertFalse( Block\request_flag( Block\FLAG_CLAIMED ) );
	}
}
