<?php
/**
 * One name, one definition: every hook the README lists is spelled once, as a constant, in the
 * shipped code; the calls that fire it use the constant.
 *
 * Read with PHP's tokenizer, so comments and docblocks (which name hooks for readers) do not count.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Unit;

use PHPUnit\Framework\TestCase;

final class HookNamesTest extends TestCase {

	private static function root(): string {
		return dirname( __DIR__, 3 );
	}

	/**
	 * Hooks in the README's table.
	 *
	 * @return array<string, array{string}>
	 */
	public function documented_hooks(): array {
		preg_match_all( '/^\| `(helpdesky_block_[a-z_]+)` \| (?:filter|action) \|/m', (string) file_get_contents( self::root() . '/README.md' ), $matches );
		$this->assertNotEmpty( $matches[1] );
		$cases = array();
		foreach ( $matches[1] as $hook ) {
			$cases[ $hook ] = array( $hook );
		}
		return $cases;
	}

	/**
	 * Tokens of every shipped PHP file.
	 *
	 * @return array<string, list<array{0: int, 1: string, 2: int}|string>> Relative path => tokens.
	 */
	private static function shipped_tokens(): array {
		$tokens = array( 'helpdesky-block.php' => token_get_all( (string) file_get_contents( self::root() . '/helpdesky-block.php' ) ) );
		foreach ( array( 'includes', 'src' ) as $dir ) {
			$iterator = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( self::root() . '/' . $dir, \FilesystemIterator::SKIP_DOTS ) );
			foreach ( $iterator as $file ) {
				if ( 'php' === $file->getExtension() ) {
					$tokens[ substr( $file->getPathname(), strlen( self::root() ) + 1 ) ] = token_get_all( (string) file_get_contents( $file->getPathname() ) );
				}
			}
		}
		return $tokens;
	}

	/**
	 * @dataProvider documented_hooks
	 */
	public function test_hook_name_is_spelled_once_as_a_constant( string $hook ): void {
		$places = array();
		foreach ( self::shipped_tokens() as $file => $tokens ) {
			foreach ( $tokens as $index => $token ) {
				if ( is_array( $token ) && T_CONSTANT_ENCAPSED_STRING === $token[0] && in_array( $token[1], array( "'{$hook}'", "\"{$hook}\"" ), true ) ) {
					$places[] = "{$file}:{$token[2]}";
					$this->assertTrue( self::is_constant_value( $tokens, $index ), "{$hook} at {$file}:{$token[2]} is not a constant's value." );
				}
			}
		}
		$this->assertCount( 1, $places, "{$hook} is spelled in: " . implode( ', ', $places ) );
	}

	public function test_hooks_are_fired_by_constant_not_by_string(): void {
		foreach ( self::shipped_tokens() as $file => $tokens ) {
			$tokens = array_values(
				array_filter(
					$tokens,
					static function ( $token ) {
						return ! is_array( $token ) || ! in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true );
					}
				)
			);
			foreach ( $tokens as $index => $token ) {
				if ( is_array( $token ) && T_STRING === $token[0] && in_array( $token[1], array( 'do_action', 'apply_filters', 'did_action' ), true ) && '(' === ( $tokens[ $index + 1 ] ?? null ) ) {
					$argument = $tokens[ $index + 2 ] ?? null;
					$this->assertFalse(
						is_array( $argument ) && T_CONSTANT_ENCAPSED_STRING === $argument[0] && 0 === strpos( trim( $argument[1], '\'"' ), 'helpdesky_block_' ),
						"{$file}:{$token[2]} names a plugin hook as a string."
					);
				}
			}
		}
	}

	/**
	 * Whether the string token at $index is the value of `const NAME = '…';`.
	 *
	 * @param array<int, array{0: int, 1: string, 2: int}|string> $tokens Tokens of a file.
	 * @param int                                                 $index  The string's index.
	 */
	private static function is_constant_value( array $tokens, int $index ): bool {
		$seen = array();
		for ( $i = $index - 1; $i >= 0; $i-- ) {
			if ( ! is_array( $tokens[ $i ] ) || T_WHITESPACE !== $tokens[ $i ][0] ) {
				$seen[] = $tokens[ $i ];
			}
			if ( 3 === count( $seen ) ) {
				break;
			}
		}
		return 3 === count( $seen ) && '=' === $seen[0] && is_array( $seen[1] ) && T_STRING === $seen[1][0] && is_array( $seen[2] ) && T_CONST === $seen[2][0];
	}
}
