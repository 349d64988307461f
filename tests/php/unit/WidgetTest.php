<?php
/**
 * The messaging widget's visibility rules, without WordPress.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Unit;

use PHPUnit\Framework\TestCase;
use function Helpdesky\Block\Widget\should_show;

final class WidgetTest extends TestCase {

	/**
	 * Settings as Widget\settings() returns them.
	 *
	 * @param bool   $enabled  On or off.
	 * @param string $audience everyone, logged_in or logged_out.
	 * @param int[]  $excluded Page IDs without the widget.
	 * @return array{enabled: bool, audience: string, excluded_pages: list<int>}
	 */
	private static function settings( bool $enabled, string $audience = 'everyone', array $excluded = array() ): array {
		return array(
			'enabled'        => $enabled,
			'audience'       => $audience,
			'excluded_pages' => $excluded,
		);
	}

	/**
	 * @dataProvider audiences
	 */
	public function test_audience_decides_who_sees_the_widget( string $audience, bool $for_signed_in, bool $for_visitors ): void {
		$settings = self::settings( true, $audience );
		$this->assertSame( $for_signed_in, should_show( $settings, true, 0 ), 'signed in' );
		$this->assertSame( $for_visitors, should_show( $settings, false, 0 ), 'logged out' );
		$this->assertSame( $for_signed_in, should_show( $settings, true, 12 ), 'signed in, on a page' );
		$this->assertSame( $for_visitors, should_show( $settings, false, 12 ), 'logged out, on a page' );
	}

	public function audiences(): array {
		return array(
			'everyone'   => array( 'everyone', true, true ),
			'logged_in'  => array( 'logged_in', true, false ),
			'logged_out' => array( 'logged_out', false, true ),
		);
	}

	/**
	 * @dataProvider every_case
	 */
	public function test_off_means_nobody_anywhere( string $audience, bool $logged_in, int $page_id ): void {
		$this->assertFalse( should_show( self::settings( false, $audience ), $logged_in, $page_id ) );
	}

	public function every_case(): array {
		$cases = array();
		foreach ( array( 'everyone', 'logged_in', 'logged_out' ) as $audience ) {
			foreach ( array( true, false ) as $logged_in ) {
				foreach ( array( 0, 7 ) as $page_id ) {
					$cases[ sprintf( '%s, %s, page %d', $audience, $logged_in ? 'in' : 'out', $page_id ) ] = array( $audience, $logged_in, $page_id );
				}
			}
		}
		return $cases;
	}

	public function test_excluded_pages_are_left_out_for_everybody_and_only_they(): void {
		$settings = self::settings( true, 'everyone', array( 7, 42 ) );
		foreach ( array( true, false ) as $logged_in ) {
			$this->assertFalse( should_show( $settings, $logged_in, 7 ) );
			$this->assertFalse( should_show( $settings, $logged_in, 42 ) );
			$this->assertTrue( should_show( $settings, $logged_in, 8 ) );
			// Not a page (a post, an archive): the page list does not apply.
			$this->assertTrue( should_show( $settings, $logged_in, 0 ) );
		}
	}

	public function test_an_excluded_page_stays_excluded_whatever_the_audience(): void {
		$this->assertFalse( should_show( self::settings( true, 'logged_in', array( 7 ) ), true, 7 ) );
		$this->assertFalse( should_show( self::settings( true, 'logged_out', array( 7 ) ), false, 7 ) );
	}
}
