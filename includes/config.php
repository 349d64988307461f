<?php
/**
 * Where the helpdesk ID and the HMAC secret come from: a constant in wp-config.php wins, then an
 * environment variable of the same name (the names come from Helpdesky's own guides), then the
 * Settings → Helpdesky screen (the helpdesky_block_settings option).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const HELPDESK_ID_NAME = 'HELPDESKY_HELPDESK_ID';
const SECRET_NAME      = 'HELPDESKY_HMAC_SECRET';

/**
 * The option the settings screen stores, an array with the keys 'helpdesk_id' and 'secret'.
 * Autoloaded, so reading it on a page with the block costs no query of its own.
 */
const OPTION_NAME = 'helpdesky_block_settings';

/** Which key of OPTION_NAME holds which setting. */
const OPTION_KEYS = array(
	HELPDESK_ID_NAME => 'helpdesk_id',
	SECRET_NAME      => 'secret',
);

/** Filters the URL of the embed script. */
const SCRIPT_URL_FILTER = 'helpdesky_block_script_url';

/** The real embed script; replaceable through the helpdesky_block_script_url filter. */
const DEFAULT_SCRIPT_URL = 'https://helpdesky.io/ticket-center.js';

/**
 * A configuration value and where it was found.
 *
 * @param string $name HELPDESK_ID_NAME or SECRET_NAME.
 * @return array{value: string, source: string} source is 'constant', 'environment', 'option' or ''.
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

	if ( isset( OPTION_KEYS[ $name ] ) ) {
		$value = stored_settings()[ OPTION_KEYS[ $name ] ];
		if ( '' !== $value ) {
			return array(
				'value'  => $value,
				'source' => 'option',
			);
		}
	}

	return array(
		'value'  => '',
		'source' => '',
	);
}

/**
 * What the settings screen saved, with both keys always present as strings.
 *
 * @return array{helpdesk_id: string, secret: string}
 */
function stored_settings(): array {
	$stored   = get_option( OPTION_NAME );
	$settings = array(
		'helpdesk_id' => '',
		'secret'      => '',
	);
	if ( is_array( $stored ) ) {
		foreach ( $settings as $key => $unused ) {
			if ( isset( $stored[ $key ] ) && is_string( $stored[ $key ] ) ) {
				$settings[ $key ] = $stored[ $key ];
			}
		}
	}
	return $settings;
}

/**
 * Whether a constant or an environment variable provides the setting, which then overrides
 * (and locks) the field on the settings screen.
 *
 * @param string $name HELPDESK_ID_NAME or SECRET_NAME.
 * @return bool
 */
function is_defined_outside_database( string $name ): bool {
	return in_array( config_value( $name )['source'], array( 'constant', 'environment' ), true );
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
			__( 'The Helpdesk ID is not set. Copy it from the embed snippet on the Ticket Center page of your Helpdesky dashboard and enter it under Settings → Helpdesky, or define %s in wp-config.php (or as an environment variable).', 'helpdesky-block' ),
			HELPDESK_ID_NAME
		);
	} elseif ( ! is_valid_helpdesk_id( $helpdesk_id['value'] ) ) {
		$problems['helpdesk_id_malformed'] = sprintf(
			/* translators: %s: where the value was found, e.g. "the HELPDESKY_HELPDESK_ID constant in wp-config.php" or "Settings → Helpdesky". */
			__( 'The Helpdesk ID set in %s is not a Helpdesky ID. It should look like 123e4567-e89b-12d3-a456-426614174000.', 'helpdesky-block' ),
			source_description( HELPDESK_ID_NAME, $helpdesk_id['source'] )
		);
	}

	$secret = config_value( SECRET_NAME );
	switch ( secret_problem( $secret['value'] ) ) {
		case 'missing':
			$problems['secret_missing'] = sprintf(
				/* translators: %s: the constant's name, HELPDESKY_HMAC_SECRET. */
				__( 'The HMAC secret is not set. In your Helpdesky dashboard open Ticket Center, click "Generate HMAC Secret" and define %s in wp-config.php (or as an environment variable), or enter it under Settings → Helpdesky.', 'helpdesky-block' ),
				SECRET_NAME
			);
			break;
		case 'whitespace':
			$problems['secret_whitespace'] = sprintf(
				/* translators: %s: where the value was found, e.g. "the HELPDESKY_HMAC_SECRET constant in wp-config.php". */
				__( 'The HMAC secret set in %s starts or ends with spaces or line breaks. Remove them: they change every signature.', 'helpdesky-block' ),
				source_description( SECRET_NAME, $secret['source'] )
			);
			break;
		case 'prefix':
			$problems['secret_malformed'] = sprintf(
				/* translators: %s: where the value was found, e.g. "the HELPDESKY_HMAC_SECRET constant in wp-config.php". */
				__( 'The HMAC secret set in %s does not look like a Helpdesky secret, which starts with "hdh_secret_". Copy it again from the Ticket Center page of your Helpdesky dashboard.', 'helpdesky-block' ),
				source_description( SECRET_NAME, $secret['source'] )
			);
			break;
	}

	return $problems;
}

/**
 * A human name for a configuration source.
 *
 * @param string $source 'constant', 'environment' or 'option'.
 * @return string
 */
function source_label( string $source ): string {
	switch ( $source ) {
		case 'environment':
			return __( 'environment variable', 'helpdesky-block' );
		case 'option':
			return __( 'Settings → Helpdesky', 'helpdesky-block' );
		default:
			return __( 'wp-config.php constant', 'helpdesky-block' );
	}
}

/**
 * Where exactly a setting was found, for messages that tell the owner what to fix.
 *
 * @param string $name   HELPDESK_ID_NAME or SECRET_NAME.
 * @param string $source 'constant', 'environment' or 'option'.
 * @return string
 */
function source_description( string $name, string $source ): string {
	switch ( $source ) {
		case 'environment':
			/* translators: %s: the variable's name, e.g. HELPDESKY_HMAC_SECRET. */
			return sprintf( __( 'the %s environment variable', 'helpdesky-block' ), $name );
		case 'option':
			return __( 'Settings → Helpdesky', 'helpdesky-block' );
		default:
			/* translators: %s: the constant's name, e.g. HELPDESKY_HMAC_SECRET. */
			return sprintf( __( 'the %s constant in wp-config.php', 'helpdesky-block' ), $name );
	}
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
	$url = apply_filters( SCRIPT_URL_FILTER, DEFAULT_SCRIPT_URL ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.

	if ( ! is_string( $url ) ) {
		return '';
	}
	return (string) sanitize_url( $url, array( 'https', 'http' ) );
}
