<?php
/**
 * The pure functions behind the embed, without WordPress.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Unit;

use PHPUnit\Framework\TestCase;
use function Helpdesky\Block\email_problem;
use function Helpdesky\Block\embed_attributes;
use function Helpdesky\Block\is_valid_helpdesk_id;
use function Helpdesky\Block\normalize_email;
use function Helpdesky\Block\sanitize_content_align;
use function Helpdesky\Block\sanitize_max_width;
use function Helpdesky\Block\secret_problem;
use function Helpdesky\Block\sign;

final class SigningTest extends TestCase {

	/**
	 * @dataProvider emails_to_normalize
	 */
	public function test_normalize_email_trims_and_lowercases_like_helpdesky( string $stored, string $expected ): void {
		$this->assertSame( $expected, normalize_email( $stored ) );
	}

	public function emails_to_normalize(): array {
		return array(
			'mixed case with padding' => array( '  Jane.Doe@Example.COM ', 'jane.doe@example.com' ),
			'tabs and newlines'       => array( "\tJANE@EXAMPLE.COM\r\n", 'jane@example.com' ),
			'already normal'          => array( 'jane@example.com', 'jane@example.com' ),
			'plus addressing'         => array( 'Jane+Support@Example.com', 'jane+support@example.com' ),
			// ASCII-only lowercasing keeps UTF-8 bytes intact instead of corrupting them.
			'non-ASCII kept intact'   => array( 'JOSÉ@Example.com', 'josÉ@example.com' ),
			'inner space kept'        => array( 'a b@example.com', 'a b@example.com' ),
			'empty'                   => array( '', '' ),
		);
	}

	/**
	 * Vectors computed outside PHP (Python's hmac module and `openssl dgst -hmac`), plus RFC 4231 case 2.
	 *
	 * @dataProvider hmac_vectors
	 */
	public function test_sign_matches_independent_hmac_sha256( string $email, string $secret, string $expected ): void {
		$this->assertSame( $expected, sign( $email, $secret ) );
	}

	public function hmac_vectors(): array {
		return array(
			'issue example'   => array( 'jane.doe@example.com', 'hdh_secret_test_0123456789abcdef', '308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e' ),
			'demo subscriber' => array( 'demo.subscriber@example.com', 'hdh_secret_demo_5f3a1c9e7b2d4068', 'e0ea06af446b78e588abd665ace4d8c47d7d33e01b5f560ad4e9d9bc2003721b' ),
			'unicode email'   => array( 'josé@example.com', 'hdh_secret_test_0123456789abcdef', '4adb9c51ae96f5bd8195b995fdbfa28b105c78eaceb6e0ae4f70af8233476d41' ),
			'RFC 4231 case 2' => array( 'what do ya want for nothing?', 'Jefe', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' ),
		);
	}

	public function test_the_guides_raw_email_signature_differs_from_the_normalized_one(): void {
		$secret = 'hdh_secret_test_0123456789abcdef';
		$this->assertNotSame( sign( '  Jane.Doe@Example.COM ', $secret ), sign( normalize_email( '  Jane.Doe@Example.COM ' ), $secret ) );
		$this->assertSame( '308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e', sign( normalize_email( '  Jane.Doe@Example.COM ' ), $secret ) );
	}

	/**
	 * @dataProvider email_problems
	 */
	public function test_email_problem( string $normalized, ?string $expected ): void {
		$this->assertSame( $expected, email_problem( $normalized ) );
	}

	public function email_problems(): array {
		return array(
			'plain'                      => array( 'jane@example.com', null ),
			'hostile but escapable'      => array( 'x"><script>alert(1)</script>@evil.test', null ),
			'lowercase unicode'          => array( 'josé@exämple.com', null ),
			'empty'                      => array( '', 'empty' ),
			'no at sign'                 => array( 'jane.example.com', 'invalid' ),
			'nothing before at'          => array( '@example.com', 'invalid' ),
			'nothing after at'           => array( 'jane@', 'invalid' ),
			'inner space'                => array( 'ja ne@example.com', 'invalid' ),
			'control character'          => array( "jane\x00@example.com", 'invalid' ),
			'newline'                    => array( "jane@example.com\nbcc@evil.test", 'invalid' ),
			'broken UTF-8'               => array( "jan\xC3@example.com", 'invalid' ),
			'uppercase non-ASCII'        => array( 'josÉ@example.com', 'unicode_case' ),
			'254 characters is allowed'  => array( str_repeat( 'a', 242 ) . '@example.com', null ),
			'255 characters is too long' => array( str_repeat( 'a', 243 ) . '@example.com', 'too_long' ),
		);
	}

	/**
	 * @dataProvider max_widths
	 *
	 * @param mixed $value
	 */
	public function test_sanitize_max_width_keeps_only_strict_css_lengths( $value, string $expected ): void {
		$this->assertSame( $expected, sanitize_max_width( $value ) );
	}

	public function max_widths(): array {
		return array(
			'pixels'           => array( '864px', '864px' ),
			'percent'          => array( '100%', '100%' ),
			'rem decimal'      => array( '40.5rem', '40.5rem' ),
			'em'               => array( '60em', '60em' ),
			'vw'               => array( '90vw', '90vw' ),
			'ch'               => array( '80ch', '80ch' ),
			'empty'            => array( '', '' ),
			'no unit'          => array( '864', '' ),
			'zero'             => array( '0px', '' ),
			'negative'         => array( '-10px', '' ),
			'five digits'      => array( '10000px', '' ),
			'three decimals'   => array( '1.125rem', '' ),
			'calc'             => array( 'calc(100% - 2rem)', '' ),
			'var'              => array( 'var(--wide)', '' ),
			'style injection'  => array( '100px;background:url(x)', '' ),
			'quote injection'  => array( '100px" onload="x', '' ),
			'space'            => array( '100 px', '' ),
			'uppercase unit'   => array( '100PX', '' ),
			'trailing newline' => array( "100px\n", '' ),
			'not a string'     => array( 864, '' ),
			'null'             => array( null, '' ),
			'array'            => array( array( '864px' ), '' ),
		);
	}

	/**
	 * @dataProvider content_aligns
	 *
	 * @param mixed $value
	 */
	public function test_sanitize_content_align( $value, string $expected ): void {
		$this->assertSame( $expected, sanitize_content_align( $value ) );
	}

	public function content_aligns(): array {
		return array(
			array( 'left', 'left' ),
			array( 'right', 'right' ),
			array( 'center', 'center' ),
			array( 'LEFT', 'center' ),
			array( 'justify', 'center' ),
			array( '', 'center' ),
			array( null, 'center' ),
			array( array( 'left' ), 'center' ),
		);
	}

	/**
	 * @dataProvider helpdesk_ids
	 */
	public function test_is_valid_helpdesk_id( string $id, bool $expected ): void {
		$this->assertSame( $expected, is_valid_helpdesk_id( $id ) );
	}

	public function helpdesk_ids(): array {
		return array(
			array( '123e4567-e89b-12d3-a456-426614174000', true ),
			array( '123E4567-E89B-12D3-A456-426614174000', true ),
			array( 'your_helpdesk_id', false ),
			array( '', false ),
			array( '123e4567e89b12d3a456426614174000', false ),
			array( ' 123e4567-e89b-12d3-a456-426614174000', false ),
			array( "123e4567-e89b-12d3-a456-426614174000\n", false ),
			array( '123e4567-e89b-12d3-a456-42661417400g', false ),
		);
	}

	/**
	 * @dataProvider secrets
	 */
	public function test_secret_problem( string $secret, ?string $expected ): void {
		$this->assertSame( $expected, secret_problem( $secret ) );
	}

	public function secrets(): array {
		return array(
			array( 'hdh_secret_0123456789abcdef', null ),
			array( '', 'missing' ),
			array( ' hdh_secret_0123456789abcdef', 'whitespace' ),
			array( "hdh_secret_0123456789abcdef\n", 'whitespace' ),
			array( 'hdh_secret_', 'prefix' ),
			array( 'hdh_secret_xxxxxxxxxxxxxxxx', null ),
			array( 'secret_0123456789abcdef', 'prefix' ),
			array( 'HDH_SECRET_0123456789abcdef', 'prefix' ),
		);
	}

	public function test_embed_attributes_carry_the_signed_string_and_valid_options_only(): void {
		$embed = embed_attributes(
			'123e4567-e89b-12d3-a456-426614174000',
			'jane.doe@example.com',
			'308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e',
			array(
				'contentAlign' => 'left',
				'maxWidth'     => '640px',
			)
		);

		$this->assertSame(
			array(
				'data-helpdesk-id' => '123e4567-e89b-12d3-a456-426614174000',
				'data-email'       => 'jane.doe@example.com',
				'data-signature'   => '308fd2cba6bf2881145b59bdf7effc4cea2a1e6f1a07dcdd6c6990be8a32776e',
				'data-align'       => 'left',
				'data-max-width'   => '640px',
			),
			$embed
		);
	}

	public function test_embed_attributes_drop_invalid_max_width_and_default_the_alignment(): void {
		$embed = embed_attributes(
			'id',
			'e@example.com',
			'sig',
			array(
				'contentAlign' => 'sideways',
				'maxWidth'     => 'calc(1px)',
			)
		);

		$this->assertSame( 'center', $embed['data-align'] );
		$this->assertArrayNotHasKey( 'data-max-width', $embed );
	}
}
