<?php
/**
 * Release metadata: readme.txt passes the plugin directory's format, and every file that states
 * the plugin's version, requirements or licence says the same.
 *
 * The directory reads the plugin from readme.txt and the main file's header; Plugin Check flags a
 * Stable tag that differs from the Version, requirements or licence that differ between the two,
 * a short description over 150 characters and more than five tags. The screenshot captions and
 * the images the e2e run writes to .wordpress-org/ come from one list,
 * tests/e2e/directory-screenshots.json.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Unit;

use PHPUnit\Framework\TestCase;

final class ReleaseMetadataTest extends TestCase {

	/** The WordPress release readme.txt claims; WordPress 7.1's core in .cache must report it. */
	const TESTED_UP_TO = '7.1';

	/** The sections, in the directory's order. */
	const SECTIONS = array( 'Description', 'Installation', 'Frequently Asked Questions', 'Screenshots', 'Changelog', 'Upgrade Notice' );

	const REQUIRED_README_FIELDS = array( 'Contributors', 'Tags', 'Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License', 'License URI' );

	private static function root(): string {
		return dirname( __DIR__, 3 );
	}

	/**
	 * Paths matching a pattern under the root; none when nothing matches.
	 *
	 * @return string[]
	 */
	private static function glob( string $pattern ): array {
		$paths = glob( self::root() . $pattern );
		return false === $paths ? array() : $paths;
	}

	private static function read( string $relative ): string {
		$contents = file_get_contents( self::root() . '/' . $relative );
		self::assertIsString( $contents, $relative );
		return $contents;
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function read_json( string $relative ): array {
		$data = json_decode( self::read( $relative ), true );
		self::assertIsArray( $data, $relative . ' is not a JSON object' );
		/** @var array<string, mixed> $data */
		return $data;
	}

	/**
	 * The main file's header fields ("Version", "Requires PHP", ...).
	 *
	 * @return array<string, string>
	 */
	private static function plugin_header(): array {
		preg_match_all( '/^\s*\*\s*([A-Za-z][A-Za-z ]*?):\s*(.+?)\s*$/m', self::read( 'helpdesky-block.php' ), $matches, PREG_SET_ORDER );
		$fields = array();
		foreach ( $matches as $match ) {
			$fields[ $match[1] ] ??= $match[2];
		}
		return $fields;
	}

	/**
	 * The readme.txt file split the way the directory reads it: the name, the header fields up to the
	 * first blank line, the short description (the next paragraph), then "== Section ==" blocks.
	 *
	 * @return array{name: string, fields: array<string, string>, short_description: string, sections: array<string, string>}
	 */
	private static function readme(): array {
		$lines = explode( "\n", str_replace( "\r\n", "\n", self::read( 'readme.txt' ) ) );

		self::assertMatchesRegularExpression( '/^=== .+ ===$/', $lines[0], 'readme.txt starts with "=== Plugin Name ==="' );
		$name = trim( $lines[0], '= ' );

		$index  = 1;
		$fields = array();
		while ( isset( $lines[ $index ] ) && '' !== trim( $lines[ $index ] ) ) {
			self::assertMatchesRegularExpression( '/^[A-Za-z ]+:\s*\S/', $lines[ $index ], 'header line ' . ( $index + 1 ) );
			list( $field, $value )    = explode( ':', $lines[ $index ], 2 );
			$fields[ trim( $field ) ] = trim( $value );
			++$index;
		}

		$short = array();
		++$index;
		while ( isset( $lines[ $index ] ) && '' !== trim( $lines[ $index ] ) && 0 !== strpos( $lines[ $index ], '==' ) ) {
			$short[] = trim( $lines[ $index ] );
			++$index;
		}

		$sections = array();
		$current  = null;
		$total    = count( $lines );
		for ( ; $index < $total; ++$index ) {
			if ( preg_match( '/^== (.+) ==\s*$/', $lines[ $index ], $match ) ) {
				$current              = $match[1];
				$sections[ $current ] = '';
			} elseif ( null !== $current ) {
				$sections[ $current ] .= $lines[ $index ] . "\n";
			}
		}

		return array(
			'name'              => $name,
			'fields'            => $fields,
			'short_description' => implode( ' ', $short ),
			'sections'          => array_map( 'trim', $sections ),
		);
	}

	/**
	 * "= Heading =" => text under it, within one section.
	 *
	 * @return array<string, string>
	 */
	private static function subsections( string $section ): array {
		$parts = preg_split( '/^= (.+) =\s*$/m', $section, -1, PREG_SPLIT_DELIM_CAPTURE );
		self::assertIsArray( $parts );
		$subsections = array();
		$total       = count( $parts );
		for ( $i = 1; $i + 1 < $total; $i += 2 ) {
			$subsections[ $parts[ $i ] ] = trim( $parts[ $i + 1 ] );
		}
		return $subsections;
	}

	public function test_readme_header_has_every_field_the_directory_reads(): void {
		$readme = self::readme();
		foreach ( self::REQUIRED_README_FIELDS as $field ) {
			$this->assertNotEmpty( $readme['fields'][ $field ] ?? '', "readme.txt: $field" );
		}
		$this->assertSame( self::plugin_header()['Plugin Name'] ?? null, $readme['name'], 'readme.txt names the plugin as its header does' );
	}

	public function test_short_description_fits_and_tags_are_few(): void {
		$readme = self::readme();
		$this->assertNotSame( '', $readme['short_description'] );
		$this->assertLessThanOrEqual( 150, mb_strlen( $readme['short_description'] ), 'the directory cuts the short description at 150 characters' );

		$tags = array_filter( array_map( 'trim', explode( ',', $readme['fields']['Tags'] ?? '' ) ) );
		$this->assertNotEmpty( $tags );
		$this->assertLessThanOrEqual( 5, count( $tags ), 'the directory ignores tags after the fifth' );
	}

	public function test_every_version_is_the_same(): void {
		$header  = self::plugin_header();
		$version = $header['Version'] ?? '';
		$this->assertMatchesRegularExpression( '/^\d+\.\d+\.\d+$/', $version, 'helpdesky-block.php Version:' );

		preg_match( "/^const VERSION\s*=\s*'([^']*)';/m", self::read( 'helpdesky-block.php' ), $constant );
		$package = self::read_json( 'package.json' );
		$lock    = self::read_json( 'package-lock.json' );

		$stated = array(
			'helpdesky-block.php const VERSION'      => $constant[1] ?? null,
			'readme.txt Stable tag'                  => self::readme()['fields']['Stable tag'] ?? null,
			'package.json version'                   => $package['version'] ?? null,
			'package-lock.json version'              => $lock['version'] ?? null,
			'package-lock.json packages[""].version' => is_array( $lock['packages'] ?? null ) && is_array( $lock['packages'][''] ?? null ) ? ( $lock['packages']['']['version'] ?? null ) : null,
		);

		// build/ is not committed; its block.json files are checked when a build is there.
		$source_block_jsons = self::glob( '/src/*/block.json' );
		$this->assertNotEmpty( $source_block_jsons, 'no src/*/block.json found' );
		$block_jsons = array_merge( $source_block_jsons, self::glob( '/build/*/block.json' ) );
		foreach ( $block_jsons as $file ) {
			$relative = substr( $file, strlen( self::root() ) + 1 );
			$metadata = self::read_json( $relative );
			if ( array_key_exists( 'version', $metadata ) ) {
				$stated[ $relative . ' version' ] = $metadata['version'];
			}
		}

		foreach ( $stated as $where => $value ) {
			$this->assertSame( $version, $value, "$where differs from helpdesky-block.php Version: $version" );
		}
	}

	public function test_requirements_and_license_agree_between_header_and_readme(): void {
		$header = self::plugin_header();
		$fields = self::readme()['fields'];
		foreach ( array( 'Requires at least', 'Requires PHP', 'License', 'License URI' ) as $field ) {
			$this->assertArrayHasKey( $field, $header, "helpdesky-block.php: $field" );
			$this->assertSame( $header[ $field ], $fields[ $field ] ?? null, "readme.txt $field differs from the plugin header" );
		}
	}

	public function test_tested_up_to_is_the_wordpress_release_the_suite_runs(): void {
		$this->assertSame( self::TESTED_UP_TO, self::readme()['fields']['Tested up to'] ?? null );

		// The directory compares major.minor; the core the suite tests against must report it.
		$core_version_file = self::root() . '/.cache/wordpress-' . self::TESTED_UP_TO . '/wp-includes/version.php';
		if ( is_file( $core_version_file ) ) {
			preg_match( "/^\\\$wp_version\s*=\s*'(\d+\.\d+)/m", (string) file_get_contents( $core_version_file ), $core );
			$this->assertSame( self::TESTED_UP_TO, $core[1] ?? null, $core_version_file );
		}
	}

	public function test_sections_are_complete_and_in_order(): void {
		$sections = self::readme()['sections'];
		$this->assertSame( self::SECTIONS, array_keys( $sections ) );
		foreach ( $sections as $name => $text ) {
			$this->assertNotSame( '', $text, "== $name == is empty" );
		}
	}

	public function test_changelog_and_upgrade_notice_cover_this_version(): void {
		$version  = self::plugin_header()['Version'] ?? '';
		$sections = self::readme()['sections'];

		$changelog = self::subsections( $sections['Changelog'] ?? '' );
		$this->assertNotEmpty( $changelog[ $version ] ?? '', "Changelog has no entry = $version =" );
		$this->assertSame( $version, array_key_first( $changelog ), 'the newest changelog entry comes first' );

		$notices = self::subsections( $sections['Upgrade Notice'] ?? '' );
		$this->assertNotEmpty( $notices[ $version ] ?? '', "Upgrade Notice has no entry = $version =" );
		foreach ( $notices as $for => $notice ) {
			$this->assertLessThanOrEqual( 300, mb_strlen( $notice ), "the directory cuts the upgrade notice for $for at 300 characters" );
		}
	}

	public function test_faq_answers_what_site_owners_ask(): void {
		$faq = self::readme()['sections']['Frequently Asked Questions'] ?? '';
		$this->assertGreaterThanOrEqual( 5, count( self::subsections( $faq ) ), 'FAQ entries are "= Question =" headings' );
		foreach ( array( 'self-test', 'Settings → Helpdesky', 'cache-proof', 'Allowed Embed Domains', 'wp-config.php', 'HELPDESKY_HMAC_SECRET', 'helpdesky_block_user_email', 'Contact Form', 'messaging widget' ) as $topic ) {
			$this->assertStringContainsString( $topic, $faq );
		}
	}

	/**
	 * @return array{wordpressVersion: string, screenshots: list<array{shot: string, caption: string}>}
	 */
	private static function screenshot_list(): array {
		$list = self::read_json( 'tests/e2e/directory-screenshots.json' );
		self::assertIsString( $list['wordpressVersion'] ?? null );
		self::assertIsArray( $list['screenshots'] ?? null );
		self::assertNotEmpty( $list['screenshots'] );
		foreach ( $list['screenshots'] as $entry ) {
			self::assertIsArray( $entry );
			self::assertIsString( $entry['shot'] ?? null );
			self::assertIsString( $entry['caption'] ?? null );
		}
		/** @var array{wordpressVersion: string, screenshots: list<array{shot: string, caption: string}>} $list */
		return $list;
	}

	public function test_screenshot_captions_are_the_list_the_e2e_run_shoots(): void {
		$list = self::screenshot_list();

		$expected = array();
		foreach ( $list['screenshots'] as $index => $entry ) {
			$expected[] = ( $index + 1 ) . '. ' . $entry['caption'];
		}
		$captions = array_values( array_filter( array_map( 'trim', explode( "\n", self::readme()['sections']['Screenshots'] ?? '' ) ) ) );
		$this->assertSame( $expected, $captions, 'readme.txt == Screenshots == must equal tests/e2e/directory-screenshots.json' );

		// The run that writes the directory's images is the one readme.txt says it is tested on.
		$this->assertSame( self::readme()['fields']['Tested up to'] ?? null, $list['wordpressVersion'] );
	}

	public function test_every_listed_shot_is_taken_by_an_e2e_spec(): void {
		// Each screenshot( page, 'name' ) of the specs, `${ … }` parts as wildcards.
		$patterns = array();
		foreach ( self::glob( '/tests/e2e/specs/*.spec.ts' ) as $spec ) {
			preg_match_all( '/\bscreenshot\(\s*[\w.]+\s*,\s*([\'`])((?:(?!\1).)+)\1/s', (string) file_get_contents( $spec ), $calls );
			foreach ( $calls[2] as $name ) {
				$parts      = (array) preg_split( '/\$\{[^}]*\}/', $name );
				$patterns[] = '/^' . implode( '.+', array_map( static fn( $part ) => preg_quote( (string) $part, '/' ), $parts ) ) . '$/';
			}
		}
		$this->assertContains( '/^settings\-screen$/', $patterns, 'the spec scan found no screenshot() calls' );

		foreach ( self::screenshot_list()['screenshots'] as $entry ) {
			$taken = array_filter( $patterns, static fn( $pattern ) => 1 === preg_match( $pattern, $entry['shot'] ) );
			$this->assertNotEmpty( $taken, "no e2e spec takes the shot {$entry['shot']}" );
		}
	}

	public function test_every_listed_screenshot_file_exists_and_no_other(): void {
		$count = count( self::screenshot_list()['screenshots'] );
		for ( $number = 1; $number <= $count; ++$number ) {
			$file = self::root() . "/.wordpress-org/screenshot-$number.png";
			$this->assertFileExists( $file, 'run the e2e suite on WordPress ' . self::TESTED_UP_TO . ' to write it' );
			$this->assertSame( "\x89PNG\r\n\x1a\n", (string) file_get_contents( $file, false, null, 0, 8 ), "$file is not a PNG" );
		}

		// A screenshot beyond the list would still be shown by the directory, without a caption.
		$files = self::glob( '/.wordpress-org/screenshot-*' );
		$this->assertCount( $count, $files, 'only the listed screenshots belong in .wordpress-org/' );
	}
}
