<?php
/**
 * Where the helpdesk ID and the HMAC secret come from: a constant in wp-config.php wins, then an
 * environment variable of the same name (the names come from Helpdesky's own guides).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const HELPDESK_ID_NAME = 'HELPDESKY_HELPDESK_ID';
const SECRET_NAME      = 'HELPDESKY_HMAC_SECRET';

/** The real embed script; replaceable through the helpdesky_block_script_url filter. */
const DEFAULT_SCRIPT_URL = 'https://helpdesky.io/ticket-center.js';

/**
 * A configuration value and where it was found.
 *
 * @param string $name HELPDESK_ID_NAME or SECRET_NAME.
 * @return array{value: string, source: string} source is 'constant', 'environment' or ''.
 */
function config_value( string $name ): array {
	if ( defined( $name ) ) {
		$value = constant( $name );
		return array(
			'value'  => is_string( $value ) ? $value : '',
			'source' => 'constant',
		);
	}

	$value = getenv( $name );
	if ( is_string( $value ) && '' !== $value ) {
		return array(
			'value'  => $value,
			'source' => 'environment',
		);
	}

	return array(
		'value'  => '',
		'source' => '',
	);
}

/**
 * The public helpdesk UUID, or '' when not configured.
 *
 * @return string
 */
function helpdesk_id(): string {
	return config_value( HELPDESK_ID_NAME )['value'];
}

/**
 * The HMAC secret, or '' when not configured. Never print, log or return this to a client.
 *
 * @return string
 */
function secret(): string {
	return config_value( SECRET_NAME )['value'];
}

/**
 * What is wrong with the configuration, as messages for someone who can fix it.
 *
 * Messages name the constant and where to set it but never include the secret's value.
 *
 * @return array<string, string> Problem code => translated message; empty when ready to sign.
 */
function configuration_problems(): array {
	$problems = array();

	$helpdesk_id = config_value( HELPDESK_ID_NAME );
	if ( '' === $helpdesk_id['value'] ) {
		$problems['helpdesk_id_missing'] = sprintf(
			/* translators: %s: the constant's name, HELPDESKY_HELPDESK_ID. */
			__( 'The Helpdesk ID is not set. Copy it from the embed snippet on the Ticket Center page of your Helpdesky dashboard and define %s in wp-config.php (or as an environment variable).', 'helpdesky-block' ),
			HELPDESK_ID_NAME
		);
	} elseif ( ! is_valid_helpdesk_id( $helpdesk_id['value'] ) ) {
		$problems['helpdesk_id_malformed'] = sprintf(
			/* translators: 1: the constant's name, HELPDESKY_HELPDESK_ID, 2: "constant" or "environment variable". */
			__( 'The Helpdesk ID in %1$s (%2$s) is not a Helpdesky ID. It should look like 123e4567-e89b-12d3-a456-426614174000.', 'helpdesky-block' ),
			HELPDESK_ID_NAME,
			source_label( $helpdesk_id['source'] )
		);
	}

	$secret = config_value( SECRET_NAME );
	switch ( secret_problem( $secret['value'] ) ) {
		case 'missing':
			$problems['secret_missing'] = sprintf(
				/* translators: %s: the constant's name, HELPDESKY_HMAC_SECRET. */
				__( 'The HMAC secret is not set. In your Helpdesky dashboard open Ticket Center, click "Generate HMAC Secret" and define %s in wp-config.php (or as an environment variable).', 'helpdesky-block' ),
				SECRET_NAME
			);
			break;
		case 'whitespace':
			$problems['secret_whitespace'] = sprintf(
				/* translators: 1: the constant's name, HELPDESKY_HMAC_SECRET, 2: "constant" or "environment variable". */
				__( 'The HMAC secret in %1$s (%2$s) starts or ends with spaces or line breaks. Remove them: they change every signature.', 'helpdesky-block' ),
				SECRET_NAME,
				source_label( $secret['source'] )
			);
			break;
		case 'prefix':
			$problems['secret_malformed'] = sprintf(
				/* translators: 1: the constant's name, HELPDESKY_HMAC_SECRET, 2: "constant" or "environment variable". */
				__( 'The HMAC secret in %1$s (%2$s) does not look like a Helpdesky secret, which starts with "hdh_secret_". Copy it again from the Ticket Center page of your Helpdesky dashboard.', 'helpdesky-block' ),
				SECRET_NAME,
				source_label( $secret['source'] )
			);
			break;
	}

	return $problems;
}

/**
 * A human name for a configuration source.
 *
 * @param string $source 'constant' or 'environment'.
 * @return string
 */
function source_label( string $source ): string {
	return 'environment' === $source
		? __( 'environment variable', 'helpdesky-block' )
		: __( 'wp-config.php constant', 'helpdesky-block' );
}

/**
 * The URL of Helpdesky's embed script, after the helpdesky_block_script_url filter.
 *
 * @return string A sanitized http(s) URL, or '' when the filter returned something unusable.
 */
function script_url(): string {
	/**
	 * Filters the URL of the Ticket Center embed script.
	 *
	 * Use it to pin a version (Helpdesky accepts a `?v=N` suffix) or to serve a stand-in in tests.
	 *
	 * @since 0.1.0
	 *
	 * @param string $url Default https://helpdesky.io/ticket-center.js.
	 */
	$url = apply_filters( 'helpdesky_block_script_url', DEFAULT_SCRIPT_URL );

	if ( ! is_string( $url ) ) {
		return '';
	}
	return (string) sanitize_url( $url, array( 'https', 'http' ) );
}
