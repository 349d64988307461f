<?php
/**
 * Signs in to a site over HTTP, as a browser would (wp-login.php, cookies), fetches a page with
 * the Ticket Center and checks what the zip-installed plugin rendered:
 *   - Helpdesky's script tag carries the helpdesk ID, the normalized email and a signature equal
 *     to HMAC-SHA256(secret, normalized email), computed here independently of the plugin;
 *   - the secret appears nowhere in the page;
 *   - the plugin's assets come from its build/ folder, never from src/;
 *   - signed out, the same page carries no email and no signature.
 * Prints one line per check; exits non-zero at the first failure.
 *
 * Usage: php tests/zip/check-page.php PAGE_URL LOGIN_URL USER PASSWORD STORED_EMAIL_JSON SECRET HELPDESK_ID
 *
 * @package helpdesky-block
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
if ( count( $argv ) !== 8 ) {
	fwrite( STDERR, "usage: php check-page.php PAGE_URL LOGIN_URL USER PASSWORD STORED_EMAIL_JSON SECRET HELPDESK_ID\n" );
	exit( 2 );
}

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function helpdesky_block_zip_fail( string $message ): void {
	fwrite( STDERR, "zip page: FAIL $message\n" );
	exit( 1 );
}

/**
 * Reports a passed check.
 *
 * @param string $message What was verified.
 */
function helpdesky_block_zip_ok( string $message ): void {
	fwrite( STDOUT, "zip page: ok $message\n" );
}

/**
 * One HTTP request with a shared cookie jar; redirects are not followed, so each answer is seen.
 *
 * @param string                     $url        Address.
 * @param string                     $cookie_jar Cookie file (read and written).
 * @param array<string, string>|null $post      Form fields to POST, or null for GET.
 * @return array{status: int, body: string}
 */
function helpdesky_block_zip_request( string $url, string $cookie_jar, ?array $post = null ): array {
	$handle = curl_init( $url );
	curl_setopt_array(
		$handle,
		array(
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_COOKIEJAR      => $cookie_jar,
			CURLOPT_COOKIEFILE     => $cookie_jar,
			CURLOPT_TIMEOUT        => 30,
			CURLOPT_FOLLOWLOCATION => false,
		)
	);
	if ( null !== $post ) {
		curl_setopt( $handle, CURLOPT_POSTFIELDS, http_build_query( $post ) );
	}
	$body = curl_exec( $handle );
	if ( false === $body ) {
		helpdesky_block_zip_fail( "$url: " . curl_error( $handle ) );
	}
	$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
	curl_close( $handle );
	return array(
		'status' => $status,
		'body'   => (string) $body,
	);
}

/**
 * The attributes of every script element of a page.
 *
 * @param string $html The page.
 * @return list<array<string, string>>
 */
function helpdesky_block_zip_scripts( string $html ): array {
	$document = new DOMDocument();
	libxml_use_internal_errors( true );
	$document->loadHTML( $html );
	libxml_clear_errors();
	$scripts = array();
	foreach ( $document->getElementsByTagName( 'script' ) as $element ) {
		$attributes = array();
		foreach ( $element->attributes as $attribute ) {
			$attributes[ $attribute->name ] = $attribute->value;
		}
		$scripts[] = $attributes;
	}
	return $scripts;
}

/**
 * JSON for a message (this script runs without WordPress, so no wp_json_encode()).
 *
 * @param mixed $value Any value.
 * @return string
 */
function helpdesky_block_zip_json( $value ): string {
	return (string) json_encode( $value ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- WordPress is not loaded here.
}

/**
 * The checks, in order.
 *
 * @param array<int, string> $args The command line after the script name.
 */
function helpdesky_block_zip_check_page( array $args ): void {
	list( $page_url, $login_url, $user, $password, $stored_email_json, $secret, $helpdesk_id ) = $args;

	$stored_email = json_decode( $stored_email_json );
	if ( ! is_string( $stored_email ) || '' === trim( $stored_email ) ) {
		helpdesky_block_zip_fail( 'the stored email is not a JSON string: ' . $stored_email_json );
	}
	// Helpdesky lowercases and trims before verifying (HELPDESKY.md); the expected values are
	// computed here from the raw stored address, not by the plugin's code.
	$expected_email     = strtolower( trim( $stored_email ) );
	$expected_signature = hash_hmac( 'sha256', $expected_email, $secret );

	$jar = tempnam( sys_get_temp_dir(), 'helpdesky-zip-cookies' );
	if ( false === $jar ) {
		helpdesky_block_zip_fail( 'no temporary file for cookies' );
	}

	// Signed out first (an empty cookie jar): the page renders, without anyone's email or signature.
	$anonymous = helpdesky_block_zip_request( $page_url, $jar );
	if ( 200 !== $anonymous['status'] ) {
		helpdesky_block_zip_fail( "signed out, $page_url answered {$anonymous['status']}" );
	}
	if ( false !== strpos( $anonymous['body'], 'data-signature' ) || false !== stripos( $anonymous['body'], $expected_email ) ) {
		helpdesky_block_zip_fail( 'the signed-out page carries a signature or the email' );
	}
	helpdesky_block_zip_ok( 'signed out: the page answers 200 with no email and no signature' );

	// wp-login.php refuses a login without its test cookie, which its GET sets.
	helpdesky_block_zip_request( $login_url, $jar );
	$login = helpdesky_block_zip_request(
		$login_url,
		$jar,
		array(
			'log'        => $user,
			'pwd'        => $password,
			'wp-submit'  => 'Log In',
			'testcookie' => '1',
		)
	);
	if ( 302 !== $login['status'] ) {
		helpdesky_block_zip_fail( "logging in as $user answered {$login['status']} instead of a redirect" );
	}
	helpdesky_block_zip_ok( "signed in as $user through wp-login.php" );

	$page = helpdesky_block_zip_request( $page_url, $jar );
	unlink( $jar );
	if ( 200 !== $page['status'] ) {
		helpdesky_block_zip_fail( "signed in, $page_url answered {$page['status']}" );
	}
	$html = $page['body'];

	$signed = array_values(
		array_filter(
			helpdesky_block_zip_scripts( $html ),
			static function ( array $attributes ): bool {
				return isset( $attributes['data-signature'] );
			}
		)
	);
	if ( count( $signed ) !== 1 ) {
		helpdesky_block_zip_fail( 'expected one script tag with data-signature, found ' . count( $signed ) );
	}
	$tag = $signed[0];
	if ( ( $tag['data-helpdesk-id'] ?? '' ) !== $helpdesk_id ) {
		helpdesky_block_zip_fail( 'data-helpdesk-id is ' . helpdesky_block_zip_json( $tag['data-helpdesk-id'] ?? null ) );
	}
	if ( ( $tag['data-email'] ?? '' ) !== $expected_email ) {
		helpdesky_block_zip_fail( 'data-email is ' . helpdesky_block_zip_json( $tag['data-email'] ?? null ) . ", expected $expected_email" );
	}
	if ( ! hash_equals( $expected_signature, $tag['data-signature'] ) ) {
		helpdesky_block_zip_fail( "data-signature is {$tag['data-signature']}, expected HMAC-SHA256 $expected_signature" );
	}
	helpdesky_block_zip_ok( "the script tag signs $expected_email: data-signature = HMAC-SHA256(secret, email)" );

	if ( false !== strpos( $html, $secret ) ) {
		helpdesky_block_zip_fail( 'the page contains the HMAC secret' );
	}
	helpdesky_block_zip_ok( 'the secret appears nowhere in the page' );

	if ( false !== strpos( $html, '/plugins/helpdesky-block/src/' ) ) {
		helpdesky_block_zip_fail( 'the page loads something from the plugin\'s src/ folder' );
	}
	helpdesky_block_zip_ok( 'nothing is loaded from src/' );
}

helpdesky_block_zip_check_page( array_slice( $argv, 1 ) );
