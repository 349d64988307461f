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

	/**
	 * One behaviour, one home: each hook is fired or applied by a single call (the user-email
	 * filter used to run in the block and again in the self-test).
	 */
	public function test_each_hook_constant_is_fired_by_one_call(): void {
		$calls = array();
		foreach ( self::shipped_tokens() as $file => $tokens ) {
			$tokens = self::code_tokens( $tokens );
			foreach ( $tokens as $index => $token ) {
				if ( is_array( $token ) && T_STRING === $token[0] && in_array( $token[1], array( 'do_action', 'apply_filters' ), true ) && '(' === ( $tokens[ $index + 1 ] ?? null ) ) {
					$name = self::constant_name( $tokens, $index + 2 );
					if ( null !== $name && preg_match( '/_(ACTION|FILTER)$/D', $name ) ) {
						$calls[ $name ][] = "{$file}:{$token[2]}";
					}
				}
			}
		}
		$this->assertArrayHasKey( 'USER_EMAIL_FILTER', $calls );
		foreach ( $calls as $name => $places ) {
			$this->assertCount( 1, $places, "{$name} is fired in: " . implode( ', ', $places ) );
		}
	}

	/**
	 * The plugin's public actions are announcements, not its state: nothing reads them back with
	 * did_action() (anyone can fire them), and no own copy of a core function is kept.
	 */
	public function test_no_state_read_from_own_actions_and_core_functions_used(): void {
		foreach ( self::shipped_tokens() as $file => $tokens ) {
			$tokens = self::code_tokens( $tokens );
			foreach ( $tokens as $index => $token ) {
				if ( ! is_array( $token ) || T_STRING !== $token[0] ) {
					continue;
				}
				if ( 'did_action' === $token[1] && '(' === ( $tokens[ $index + 1 ] ?? null ) ) {
					$name = self::constant_name( $tokens, $index + 2 );
					$this->assertFalse( null !== $name && '_ACTION' === substr( $name, -7 ), "{$file}:{$token[2]} reads the plugin's own {$name} back as state." );
				}
				// wp_slash(), core's is_plugin_active() and WP_REST_Server::is_dispatching().
				$this->assertNotContains( $token[1], array( 'addslashes', 'is_active_plugin', 'rest_dispatch_depth' ), "{$file}:{$token[2]} uses {$token[1]}." );
			}
		}
	}

	/**
	 * Tokens without whitespace and comments.
	 *
	 * @param array<int, array{0: int, 1: string, 2: int}|string> $tokens Tokens.
	 * @return list<array{0: int, 1: string, 2: int}|string>
	 */
	private static function code_tokens( array $tokens ): array {
		return array_values(
			array_filter(
				$tokens,
				static function ( $token ) {
					return ! is_array( $token ) || ! in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true );
				}
			)
		);
	}

	/**
	 * The constant named at $index (NAME, Block\NAME or \Helpdesky\Block\NAME), or null.
	 *
	 * @param list<array{0: int, 1: string, 2: int}|string> $tokens Code tokens.
	 * @param int                                           $index  Where the argument starts.
	 */
	private static function constant_name( array $tokens, int $index ): ?string {
		$token = $tokens[ $index ] ?? null;
		if ( ! is_array( $token ) || ! in_array( token_name( $token[0] ), array( 'T_STRING', 'T_NAME_QUALIFIED', 'T_NAME_FULLY_QUALIFIED' ), true ) ) {
			return null;
		}
		$parts = explode( '\\', $token[1] );
		return end( $parts );
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
