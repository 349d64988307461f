<?php
/**
 * No signature oracle: nobody can get the plugin to sign an address that is not their own.
 *
 * The signature lets its holder open that address's tickets, so every way in that takes input
 * (block attributes in post content, the shortcode, the editor's block renderer, the
 * cache-proof endpoint's query, body and headers) must sign for the signed-in user only, and
 * only where a page for that user is rendered. The settings screen's self-test signs any address
 * on purpose, for administrators only; SettingsScreenTest covers its nonce and capability.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use WP_HTML_Tag_Processor;
use WP_REST_Request;
use WP_REST_Response;

final class NoSignatureOracleTest extends TestCase {

	const HELPDESK_ID = '123e4567-e89b-12d3-a456-426614174000';
	const SECRET      = 'hdh_secret_oracle_0123456789abcdef';
	const VICTIM      = 'victim@example.com';
	const MEMBER      = 'member@example.com';

	/** Parameter names an attacker would try for "sign this address instead". */
	const FORGED = array(
		'email'          => self::VICTIM,
		'data-email'     => self::VICTIM,
		'user_email'     => self::VICTIM,
		'user'           => 1,
		'user_id'        => 1,
		'userId'         => 1,
		'normalized'     => self::VICTIM,
		'signature'      => 'forged',
		'helpdeskId'     => '00000000-0000-0000-0000-000000000000',
		'secret'         => 'hdh_secret_attacker_known',
		'HMAC_SECRET'    => 'hdh_secret_attacker_known',
		'current_user'   => self::VICTIM,
		'impersonate'    => self::VICTIM,
		'loggedOutEmail' => self::VICTIM,
	);

	protected function set_up(): void {
		$this->configure_helpdesky( self::HELPDESK_ID, self::SECRET );
		self::factory()->user->create(
			array(
				'role'       => 'subscriber',
				'user_email' => self::VICTIM,
			)
		);
	}

	private static function signature_for( string $email ): string {
		return hash_hmac( 'sha256', $email, self::SECRET );
	}

	/**
	 * Asserts that the text holds no signature of the victim's, and none made with a secret
	 * the attacker chose.
	 *
	 * @param string $text  HTML or JSON.
	 * @param string $where For the message.
	 */
	private function assert_no_victim_signature( string $text, string $where ): void {
		$this->assertStringNotContainsString( self::signature_for( self::VICTIM ), $text, "{$where} signs the victim's address." );
		$this->assertStringNotContainsString( hash_hmac( 'sha256', self::MEMBER, 'hdh_secret_attacker_known' ), $text, "{$where} signs with a secret from the request." );
	}

	private function member(): int {
		return self::factory()->user->create(
			array(
				'role'       => 'subscriber',
				'user_email' => self::MEMBER,
			)
		);
	}

	private function new_request(): void {
		global $wp_actions;
		unset( $wp_actions['helpdesky_block_ticket_center_claimed'], $wp_actions['helpdesky_block_marked_uncacheable'] );
		\Helpdesky\Block\reset_request_flags();
	}

	/**
	 * The script tags' data-email values.
	 *
	 * @param string $html HTML.
	 * @return array<int, string|true|null>
	 */
	private static function signed_emails( string $html ): array {
		$emails    = array();
		$processor = new WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( 'script' ) ) {
			$emails[] = $processor->get_attribute( 'data-email' );
		}
		return $emails;
	}

	private function embed( string $method, array $query = array(), array $body = array(), array $headers = array() ): WP_REST_Response {
		$request = new WP_REST_Request( $method, '/' . Block\REST_NAMESPACE . Block\EMBED_ROUTE );
		$request->set_query_params( $query );
		$request->set_body_params( $body );
		if ( $body ) {
			$request->set_header( 'content-type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		foreach ( $headers as $name => $value ) {
			$request->set_header( $name, $value );
		}
		return rest_do_request( $request );
	}

	public function test_unknown_block_attributes_are_ignored_in_post_content(): void {
		$this->log_in( $this->member() );

		$html = do_blocks(
			serialize_block(
				array(
					'blockName'    => Block\BLOCK_NAME,
					'attrs'        => self::FORGED,
					'innerBlocks'  => array(),
					'innerHTML'    => '',
					'innerContent' => array(),
				)
			)
		);

		$this->assertSame( array( self::MEMBER ), self::signed_emails( $html ) );
		$this->assertStringContainsString( self::signature_for( self::MEMBER ), $html );
		$this->assert_no_victim_signature( $html, 'post content' );
		$this->assertStringNotContainsString( '00000000-0000-0000-0000-000000000000', $html );
	}

	public function test_unknown_shortcode_attributes_are_ignored(): void {
		$this->log_in( $this->member() );
		$attributes = '';
		foreach ( self::FORGED as $name => $value ) {
			$attributes .= sprintf( ' %s="%s"', str_replace( '-', '_', $name ), $value );
		}

		$html = do_shortcode( '[helpdesky_ticket_center' . $attributes . ']' );

		$this->assertSame( array( self::MEMBER ), self::signed_emails( $html ) );
		$this->assert_no_victim_signature( $html, 'the shortcode' );
	}

	public function test_block_renderer_rejects_unknown_attributes_and_never_signs(): void {
		$this->log_in(
			self::factory()->user->create(
				array(
					'role'       => 'administrator',
					'user_email' => 'admin-oracle@example.com',
				)
			)
		);

		foreach ( self::FORGED as $name => $value ) {
			$request = new WP_REST_Request( 'GET', '/wp/v2/block-renderer/' . Block\BLOCK_NAME );
			$request->set_param( 'context', 'edit' );
			$request->set_param( 'attributes', array( $name => $value ) );
			$response = rest_do_request( $request );
			$this->assertSame( 400, $response->get_status(), "The block renderer accepts the unknown attribute {$name}." );
			$this->assert_no_victim_signature( (string) wp_json_encode( $response->get_data() ), "the block renderer ({$name})" );
		}

		// Known attributes, every preview: a placeholder or the logged-out prompt, never a signature.
		foreach ( array( array(), array( 'helpdesky_block_preview' => 'logged-out' ), array( 'email' => self::VICTIM ) ) as $query ) {
			$this->new_request();
			$request = new WP_REST_Request( 'GET', '/wp/v2/block-renderer/' . Block\BLOCK_NAME );
			$request->set_query_params( array_merge( $query, array( 'context' => 'edit' ) ) );
			$request->set_param( 'attributes', array( 'maxWidth' => '864px' ) );
			$response = rest_do_request( $request );
			$this->assertSame( 200, $response->get_status() );
			$rendered = (string) wp_json_encode( $response->get_data() );
			$this->assertStringNotContainsString( 'data-signature', $rendered );
			$this->assertStringNotContainsString( self::signature_for( 'admin-oracle@example.com' ), $rendered );
			$this->assert_no_victim_signature( $rendered, 'the block renderer' );
		}
	}

	public function test_embed_endpoint_signs_the_requesting_user_whatever_the_request_says(): void {
		$member = $this->member();
		$this->log_in( $member );

		$ways = array(
			'query'       => array( 'GET', self::FORGED, array(), array() ),
			'body on GET' => array( 'GET', array(), self::FORGED, array() ),
			'headers'     => array(
				'GET',
				array(),
				array(),
				array(
					'x-helpdesky-email' => self::VICTIM,
					'x-wp-user'         => '1',
					'from'              => self::VICTIM,
				),
			),
			'same-origin' => array( 'GET', self::FORGED, array(), array( 'sec-fetch-site' => 'same-origin' ) ),
		);
		foreach ( $ways as $way => $args ) {
			$response = $this->embed( ...$args );
			$this->assertSame( 200, $response->get_status(), $way );
			$data = $response->get_data();
			$this->assertSame( self::MEMBER, $data['email'], $way );
			$this->assertSame( self::signature_for( self::MEMBER ), $data['signature'], $way );
			$this->assert_no_victim_signature( (string) wp_json_encode( $data ), "the embed endpoint ({$way})" );
		}

		// Writing methods do not exist there at all.
		foreach ( array( 'POST', 'PUT', 'PATCH', 'DELETE' ) as $method ) {
			$response = $this->embed( $method, array(), self::FORGED );
			$this->assertNotSame( 200, $response->get_status(), "{$method} is answered." );
			$this->assert_no_victim_signature( (string) wp_json_encode( $response->get_data() ), "the embed endpoint ({$method})" );
		}
	}

	public function test_embed_endpoint_signs_nothing_for_visitors_or_other_sites(): void {
		$this->log_out();
		$response = $this->embed( 'GET', self::FORGED );
		$this->assertSame( 401, $response->get_status() );
		$this->assertArrayNotHasKey( 'signature', $response->get_data() );
		$this->assert_no_victim_signature( (string) wp_json_encode( $response->get_data() ), 'the embed endpoint for a visitor' );

		$this->log_in( $this->member() );
		foreach ( array( array( 'sec-fetch-site' => 'cross-site' ), array( 'sec-fetch-site' => 'same-site' ), array( 'origin' => 'https://evil.test' ) ) as $headers ) {
			$response = $this->embed( 'GET', array(), array(), $headers );
			$this->assertSame( 403, $response->get_status(), (string) wp_json_encode( $headers ) );
			$this->assertArrayNotHasKey( 'signature', $response->get_data() );
			$this->assertStringNotContainsString( self::signature_for( self::MEMBER ), (string) wp_json_encode( $response->get_data() ) );
		}
	}

	public function test_every_user_gets_their_own_signature_only(): void {
		$emails = array();
		for ( $i = 1; $i <= 5; $i++ ) {
			$email = "user{$i}@example.com";
			$this->log_in( self::factory()->user->create( array( 'user_email' => $email ) ) );
			$this->new_request();

			$html = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );
			$data = $this->embed( 'GET', array( 'email' => self::VICTIM ) )->get_data();

			$this->assertSame( array( $email ), self::signed_emails( $html ) );
			$this->assertSame( $email, $data['email'] );
			$this->assertSame( self::signature_for( $email ), $data['signature'] );
			foreach ( $emails as $other ) {
				$this->assertStringNotContainsString( self::signature_for( $other ), $html . wp_json_encode( $data ) );
			}
			$emails[] = $email;
		}
	}
}
