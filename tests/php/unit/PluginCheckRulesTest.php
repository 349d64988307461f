<?php
/**
 * Plugin Check rules that PHPCS cannot express: every PHP file that ships stops when loaded
 * outside WordPress, uninstall.php only runs when WordPress uninstalls the plugin, and the text
 * domain is the slug everywhere it is declared.
 *
 * Read from the files with PHP's own tokenizer, so comments and formatting do not matter.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Unit;

use PHPUnit\Framework\TestCase;

final class PluginCheckRulesTest extends TestCase {

	const SLUG = 'helpdesky-block';

	private static function root(): string {
		return dirname( __DIR__, 3 );
	}

	/**
	 * Every PHP file that WordPress can load from the plugin folder, except tests.
	 *
	 * @return array<string, array{string}> Relative path => [ path ].
	 */
	public function shipped_php_files(): array {
		$files = array( 'helpdesky-block.php' );
		foreach ( array( 'includes', 'src' ) as $dir ) {
			$iterator = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( self::root() . '/' . $dir, \FilesystemIterator::SKIP_DOTS ) );
			foreach ( $iterator as $file ) {
				$relative = substr( $file->getPathname(), strlen( self::root() ) + 1 );
				if ( 'php' === $file->getExtension() && ! preg_match( '#/(test|tests|__tests__)/#', $relative ) ) {
					$files[] = $relative;
				}
			}
		}
		sort( $files );

		$cases = array();
		foreach ( $files as $file ) {
			$cases[ $file ] = array( $file );
		}
		return $cases;
	}

	/**
	 * @dataProvider shipped_php_files
	 */
	public function test_file_stops_without_wordpress( string $file ): void {
		$this->assertGuardedBy( 'ABSPATH', $file );
	}

	public function test_uninstall_runs_only_when_wordpress_uninstalls_the_plugin(): void {
		$this->assertFileExists( self::root() . '/uninstall.php' );
		$this->assertGuardedBy( 'WP_UNINSTALL_PLUGIN', 'uninstall.php' );
	}

	public function test_the_list_of_files_is_not_empty(): void {
		// A broken directory walk must not let the data-driven test above pass on nothing.
		$this->assertContains( 'src/ticket-center/render.php', array_keys( $this->shipped_php_files() ) );
		$this->assertContains( 'includes/signing.php', array_keys( $this->shipped_php_files() ) );
	}

	public function test_text_domain_is_the_slug_in_the_header_block_json_and_package_json(): void {
		$header = (string) file_get_contents( self::root() . '/' . self::SLUG . '.php' );
		$this->assertMatchesRegularExpression( '/^\s*\*\s*Text Domain:\s*' . preg_quote( self::SLUG, '/' ) . '\s*$/m', $header );

		foreach ( glob( self::root() . '/src/*/block.json' ) as $block_json ) {
			$metadata = json_decode( (string) file_get_contents( $block_json ), true );
			$this->assertSame( self::SLUG, $metadata['textdomain'] ?? null, $block_json );
		}

		// plugin-zip names the archive after package.json's name, which must match the folder.
		$package = json_decode( (string) file_get_contents( self::root() . '/package.json' ), true );
		$this->assertSame( self::SLUG, $package['name'] ?? null );
	}

	public function test_no_file_loads_its_own_translations(): void {
		// WordPress loads translations for plugins itself since 4.6; Plugin Check flags the call.
		foreach ( array_merge( array( 'uninstall.php' ), array_keys( $this->shipped_php_files() ) ) as $file ) {
			foreach ( token_get_all( (string) file_get_contents( self::root() . '/' . $file ) ) as $token ) {
				if ( is_array( $token ) && T_STRING === $token[0] ) {
					$this->assertNotSame( 'load_plugin_textdomain', strtolower( $token[1] ), $file );
				}
			}
		}
	}

	/**
	 * Asserts that the first statement of the file (after namespace, use and declare) is
	 * `if ( ! defined( 'CONSTANT' ) ) { exit; }` or `defined( 'CONSTANT' ) || exit;`.
	 */
	private function assertGuardedBy( string $constant, string $file ): void {
		$code = (string) file_get_contents( self::root() . '/' . $file );

		$statement = self::first_statement( $code );
		$quoted    = "(?:'" . $constant . "'|\"" . $constant . '")';
		$stop      = '(?:exit|die|return)(?:\(\)|\(\d+\))?;';
		$patterns  = array(
			'/^if\(!defined\(' . $quoted . '\)\)\{' . $stop . '\}$/i',
			'/^if\(!defined\(' . $quoted . '\)\)' . $stop . '$/i',
			'/^defined\(' . $quoted . '\)(?:\|\||or)' . $stop . '$/i',
		);
		foreach ( $patterns as $pattern ) {
			if ( preg_match( $pattern, $statement ) ) {
				$this->addToAssertionCount( 1 );
				return;
			}
		}
		$this->fail( "{$file} must start with a guard: if ( ! defined( '{$constant}' ) ) { exit; } — its first statement is: {$statement}" );
	}

	/**
	 * The first statement after the file's namespace, use and declare statements, without
	 * whitespace or comments.
	 */
	private static function first_statement( string $code ): string {
		$tokens    = token_get_all( $code );
		$statement = '';
		$depth     = 0;
		$skipping  = false;
		foreach ( $tokens as $token ) {
			$type = is_array( $token ) ? $token[0] : null;
			$text = is_array( $token ) ? $token[1] : $token;

			if ( in_array( $type, array( T_OPEN_TAG, T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) {
				continue;
			}
			if ( '' === $statement && ! $skipping && in_array( $type, array( T_NAMESPACE, T_USE, T_DECLARE ), true ) ) {
				$skipping = true;
				continue;
			}
			if ( $skipping ) {
				if ( ';' === $text ) {
					$skipping = false;
				}
				continue;
			}

			$statement .= $text;
			if ( '{' === $text || ( is_array( $token ) && T_CURLY_OPEN === $type ) ) {
				++$depth;
			} elseif ( '}' === $text ) {
				--$depth;
				if ( 0 === $depth ) {
					return $statement;
				}
			} elseif ( ';' === $text && 0 === $depth ) {
				return $statement;
			}
		}
		return $statement;
	}
}
