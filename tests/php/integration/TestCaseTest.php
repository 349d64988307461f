<?php
/**
 * The base test case keeps tests apart: what one test changes, the next does not see.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

final class TestCaseTest extends TestCase {

	public function test_a_created_user_can_log_in(): int {
		$user = self::factory()->user->create_and_get( array( 'user_email' => 'Jane.Doe@Example.org' ) );
		$this->log_in( $user );

		$this->assertTrue( is_user_logged_in() );
		$this->assertSame( 'Jane.Doe@Example.org', wp_get_current_user()->user_email );

		add_filter( 'helpdesky_block_tests_probe', '__return_true' );
		do_action( 'helpdesky_block_tests_probe_action' );
		$this->set_env( 'HELPDESKY_BLOCK_TESTS_PROBE', 'set' );
		wp_add_inline_script( 'wp-hooks', 'window.helpdeskyBlockTestsProbe = 1;' );

		return $user->ID;
	}

	/**
	 * @depends test_a_created_user_can_log_in
	 */
	public function test_the_next_test_starts_clean( int $previous_user_id ): void {
		$this->assertFalse( get_user_by( 'id', $previous_user_id ), 'The database was not rolled back.' );
		$this->assertFalse( is_user_logged_in() );
		$this->assertFalse( has_filter( 'helpdesky_block_tests_probe' ) );
		$this->assertSame( 0, did_action( 'helpdesky_block_tests_probe_action' ) );
		$this->assertFalse( getenv( 'HELPDESKY_BLOCK_TESTS_PROBE' ) );
		$this->assertStringNotContainsString(
			'helpdeskyBlockTestsProbe',
			implode( '', (array) wp_scripts()->get_data( 'wp-hooks', 'after' ) )
		);
	}

	public function test_render_page_renders_a_post_through_the_block_theme(): void {
		$this->assertTrue( wp_is_block_theme(), 'Twenty Twenty-Five should be active.' );
		$post_id = self::factory()->post->create( array( 'post_content' => '<!-- wp:paragraph --><p>Probe paragraph</p><!-- /wp:paragraph -->' ) );

		$html = $this->render_page( get_permalink( $post_id ) );

		$this->assertTrue( is_singular() );
		$this->assertContains( 'Probe paragraph', self::paragraph_texts( $html ) );
		$this->assertStringContainsString( '</html>', $html );
	}

	public function test_wp_die_throws(): void {
		$this->expectException( WpDieException::class );
		$this->expectExceptionCode( 403 );
		wp_die( 'Nope', '', array( 'response' => 403 ) );
	}
}
