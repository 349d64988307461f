<?php
/**
 * "The secret never leaves the server", checked everywhere the plugin (or WordPress on its
 * behalf) answers: the REST index, block types and block renderer, settings, the cache-proof
 * endpoint, the editor's data, the settings screen, Site Health, a full front-end page, and the
 * built assets. Each answer is searched for the secret in every form a careless encoding would
 * give it: as is, without its prefix, base64 (at each alignment), hex, URL- and JSON-encoded.
 *
 * The secret comes from each of its sources in turn (environment variable, then the settings
 * option), since the option is the one stored where REST and Site Health could read it.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use Helpdesky\Block\Settings;
use WP_REST_Request;

require_once __DIR__ . '/OwnerTestHelpers.php';

final class NoSecretLeakTest extends TestCase {

	use OwnerTestHelpers;

	const HELPDESK_ID = '123e4567-e89b-12d3-a456-426614174000';
	const SECRET      = 'hdh_secret_LeakCanary_7f3a9c1e5b2d8046';

	/** @var string 'environment' or 'option'. */
	private $source = 'environment';

	public function secret_sources(): array {
		return array(
			'environment variable' => array( 'environment' ),
			'settings option'      => array( 'option' ),
		);
	}

	private function configure( string $source ): void {
		$this->source = $source;
		if ( 'environment' === $source ) {
			$this->configure_helpdesky( self::HELPDESK_ID, self::SECRET );
			return;
		}
		$this->configure_helpdesky( null, null );
		update_option(
			Block\OPTION_NAME,
			array(
				'helpdesk_id' => self::HELPDESK_ID,
				'secret'      => self::SECRET,
			)
		);
		$this->assertSame( 'option', Block\config_value( Block\SECRET_NAME )['source'] );
	}

	/**
	 * Every form of the secret a leak could take.
	 *
	 * @return array<string, string> Description => needle.
	 */
	private static function needles(): array {
		$secret   = self::SECRET;
		$distinct = substr( $secret, strlen( 'hdh_secret_' ) );
		$needles  = array(
			'as is'               => $secret,
			'without prefix'      => $distinct,
			'lowercase'           => strtolower( $distinct ),
			'hex'                 => bin2hex( $distinct ),
			'hex uppercase'       => strtoupper( bin2hex( $distinct ) ),
			'URL-encoded'         => rawurlencode( $secret ),
			'JSON-encoded'        => trim( (string) wp_json_encode( $secret ), '"' ),
			'reversed'            => strrev( $distinct ),
			'HTML numeric (each)' => '&#' . ord( $distinct[0] ) . ';&#' . ord( $distinct[1] ) . ';&#' . ord( $distinct[2] ) . ';',
		);
		// Inside a longer base64 text, the secret's base64 depends on where it starts: take the
		// middle of each of the three alignments, which does not depend on its neighbours.
		for ( $offset = 0; $offset < 3; $offset++ ) {
			$encoded                                    = base64_encode( str_repeat( "\0", $offset ) . $distinct );
			$needles[ "base64 at offset {$offset}" ]    = substr( $encoded, 4, -4 );
			$needles[ "base64url at offset {$offset}" ] = strtr( substr( $encoded, 4, -4 ), '+/', '-_' );
		}
		return $needles;
	}

	/**
	 * Asserts that no form of the secret appears in the text.
	 *
	 * @param string $text  Response body, page or file.
	 * @param string $where What it is, for the message.
	 */
	private function assert_no_secret( string $text, string $where ): void {
		foreach ( self::needles() as $form => $needle ) {
			$this->assertStringNotContainsString( $needle, $text, "The secret ({$form}) leaks in {$where} (secret from the {$this->source})." );
		}
		// Decoded once more, in case something escaped it for HTML or JSON.
		$decoded = html_entity_decode( rawurldecode( stripslashes( $text ) ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		$this->assertStringNotContainsString( self::SECRET, $decoded, "The secret leaks, encoded, in {$where}." );
	}

	/**
	 * A REST response as the client receives it: JSON with its headers.
	 *
	 * @param string               $method Method.
	 * @param string               $route  Route.
	 * @param array<string, mixed> $params Parameters.
	 * @return string
	 */
	private function rest( string $method, string $route, array $params = array() ): string {
		$request = new WP_REST_Request( $method, $route );
		foreach ( $params as $name => $value ) {
			$request->set_param( $name, $value );
		}
		$response = rest_do_request( $request );
		$server   = rest_get_server();
		$data     = $server->response_to_data( $response, false );
		return (string) wp_json_encode( $data ) . "\n" . (string) wp_json_encode( $response->get_headers() );
	}

	/**
	 * @dataProvider secret_sources
	 */
	public function test_rest_answers_never_carry_the_secret( string $source ): void {
		$this->configure( $source );
		$subscriber = self::factory()->user->create( array( 'role' => 'subscriber' ) );
		$admin      = self::factory()->user->create( array( 'role' => 'administrator' ) );

		$checked = 0;
		foreach ( array( 0, $subscriber, $admin ) as $user ) {
			$this->log_in( $user );
			$who = 0 === $user ? 'a visitor' : ( $user === $admin ? 'an administrator' : 'a subscriber' );

			$this->assert_no_secret( $this->rest( 'GET', '/' ), "the REST index for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/' . Block\REST_NAMESPACE ), "the plugin's REST namespace index for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/wp/v2/block-types' ), "/wp/v2/block-types for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/wp/v2/block-types/' . Block\BLOCK_NAME ), "the block type for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/wp/v2/settings' ), "/wp/v2/settings for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/wp/v2/block-patterns/patterns' ), "the block patterns for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/wp/v2/users/me', array( 'context' => 'edit' ) ), "/wp/v2/users/me for {$who}" );
			$this->assert_no_secret( $this->rest( 'GET', '/' . Block\REST_NAMESPACE . Block\EMBED_ROUTE ), "the embed endpoint for {$who}" );
			$this->assert_no_secret(
				$this->rest(
					'GET',
					'/wp/v2/block-renderer/' . Block\BLOCK_NAME,
					array(
						'context'    => 'edit',
						'attributes' => array( 'maxWidth' => '864px' ),
					)
				),
				"the block renderer for {$who}"
			);
			$checked += 9;
		}
		$this->assertSame( 27, $checked );
	}

	/**
	 * @dataProvider secret_sources
	 */
	public function test_the_editor_gets_booleans_and_messages_only( string $source ): void {
		$this->configure( $source );
		$this->log_in( self::factory()->user->create( array( 'role' => 'administrator' ) ) );

		$data = Block\editor_data();
		$this->assertTrue( $data['secretConfigured'] );
		$this->assert_no_secret( (string) wp_json_encode( $data ), 'editor_data()' );

		Block\enqueue_editor_data();
		$handle = generate_block_asset_handle( Block\BLOCK_NAME, 'editorScript' );
		$inline = (string) wp_json_encode( wp_scripts()->get_data( $handle, 'before' ) );
		$this->assertStringContainsString( 'helpdeskyBlockEditor', $inline );
		$this->assert_no_secret( $inline, 'the editor script\'s inline data' );
	}

	/**
	 * @dataProvider secret_sources
	 */
	public function test_settings_screen_and_site_health_never_show_the_secret( string $source ): void {
		$this->configure( $source );
		$this->enter_admin( 'settings_page_helpdesky-block' );
		$this->log_in_as( 'administrator' );
		Settings\register_settings();

		$this->assert_no_secret( $this->capture( 'Helpdesky\Block\Settings\render_page' ), 'the settings screen' );

		// The self-test shows a signature, never what signed it.
		Settings\self_test_result( Settings\self_test( 'jane@example.com' ) );
		$this->assert_no_secret( $this->capture( 'Helpdesky\Block\Settings\render_page' ), 'the settings screen after a self-test' );
		Settings\self_test_result( null, true );

		$tests = apply_filters( 'site_status_tests', array( 'direct' => array() ) );
		$ran   = 0;
		foreach ( $tests['direct'] as $name => $test ) {
			if ( 0 === strpos( (string) $name, 'helpdesky_block' ) && is_callable( $test['test'] ) ) {
				$this->assert_no_secret( (string) wp_json_encode( call_user_func( $test['test'] ) ), "the Site Health test {$name}" );
				++$ran;
			}
		}
		$this->assertGreaterThan( 0, $ran, 'The plugin adds Site Health tests.' );

		$this->assert_no_secret( (string) wp_json_encode( apply_filters( 'debug_information', array() ) ), 'Site Health → Info' );
	}

	/**
	 * @dataProvider secret_sources
	 */
	public function test_front_end_pages_never_carry_the_secret( string $source ): void {
		$this->configure( $source );
		$subscriber = self::factory()->user->create(
			array(
				'role'       => 'subscriber',
				'user_email' => 'Member@Example.com',
			)
		);
		$page_id    = self::factory()->post->create(
			array(
				'post_type'    => 'page',
				'post_status'  => 'publish',
				'post_content' => '<!-- wp:helpdesky/ticket-center /-->',
			)
		);

		$this->log_in( $subscriber );
		$html = $this->render_page( (string) get_permalink( $page_id ) );
		$this->assertStringContainsString( 'data-signature="' . hash_hmac( 'sha256', 'member@example.com', self::SECRET ) . '"', $html, 'The page is signed.' );
		$this->assert_no_secret( $html, 'the signed Support page' );

		// The signed embed through the cache-proof endpoint.
		$this->assert_no_secret( $this->rest( 'GET', '/' . Block\REST_NAMESPACE . Block\EMBED_ROUTE ), 'the embed endpoint for a subscriber' );
	}

	/**
	 * What ships: no test secret, and nothing that looks like a real Helpdesky secret.
	 */
	public function test_built_and_shipped_files_embed_no_secret(): void {
		$root  = dirname( __DIR__, 3 );
		$files = array();
		foreach ( array( 'build', 'includes', 'src' ) as $dir ) {
			$iterator = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root . '/' . $dir, \FilesystemIterator::SKIP_DOTS ) );
			foreach ( $iterator as $file ) {
				$files[] = $file->getPathname();
			}
		}
		$files = array_merge( $files, glob( $root . '/*.php' ), glob( $root . '/readme.txt' ) );
		$this->assertContains( $root . '/build/ticket-center/index.js', $files, 'Run npm run build first.' );

		foreach ( $files as $file ) {
			$contents = (string) file_get_contents( $file );
			$relative = substr( $file, strlen( $root ) + 1 );
			$this->assert_no_secret( $contents, $relative );
			$this->assertDoesNotMatchRegularExpression( '/hdh_secret_[A-Za-z0-9_\-]{6,}/', $contents, "{$relative} holds something that looks like a real Helpdesky secret." );
		}
	}
}
