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

/** The option's key for the messaging widget's settings (widget.php). */
const WIDGET_KEY = 'widget';

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
 * An autoloaded option as WordPress stored it (serialized), when no filter can change what
 * get_option() would return; null otherwise, or when the option is not among the autoloaded ones.
 *
 * For checks on every page that only ask whether a string occurs in an option: a string search
 * of the stored text costs a fraction of get_option(), which runs its filters and unserializes
 * the value on every call. Serializing keeps strings as they are, so a string that is not in the
 * stored text is in none of the value's strings either.
 *
 * @param string $name Option name.
 * @return string|null
 */
function stored_option_text( string $name ): ?string {
	if ( has_filter( 'pre_option' ) || has_filter( 'pre_option_' . $name ) || has_filter( 'option_' . $name ) ) {
		return null;
	}
	$alloptions = autoloaded_options();
	return isset( $alloptions[ $name ] ) && is_string( $alloptions[ $name ] ) ? $alloptions[ $name ] : null;
}

/**
 * The autoloaded options as stored, what wp_load_alloptions() returns, for the plugin's checks on
 * every page.
 *
 * WordPress keeps them in its object cache for the request; wp_load_alloptions() hands that copy
 * out through two filters, which cost more than the lookup itself, and the plugin reads it several
 * times per page. So the copy is read directly while neither filter is in use (and WordPress is
 * not installing, when it reads the database instead).
 *
 * @return array<mixed> Option name => stored value.
 */
function autoloaded_options(): array {
	if ( ! has_filter( 'pre_wp_load_alloptions' ) && ! has_filter( 'alloptions' ) && ! wp_installing() ) {
		$alloptions = wp_cache_get( 'alloptions', 'options' );
		if ( is_array( $alloptions ) ) {
			return $alloptions;
		}
	}
	return wp_load_alloptions();
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
 * @return array<string, string> Problem code => problem_message(); empty when ready to sign.
 */
function configuration_problems(): array {
	$codes       = array();
	$helpdesk_id = helpdesk_id();
	if ( '' === $helpdesk_id ) {
		$codes[] = 'helpdesk_id_missing';
	} elseif ( ! is_valid_helpdesk_id( $helpdesk_id ) ) {
		$codes[] = 'helpdesk_id_malformed';
	}
	$secret_codes = array(
		'missing'    => 'secret_missing',
		'whitespace' => 'secret_whitespace',
		'prefix'     => 'secret_malformed',
	);
	$secret       = secret_problem( secret() );
	if ( null !== $secret ) {
		$codes[] = $secret_codes[ $secret ];
	}

	$problems = array();
	foreach ( $codes as $code ) {
		$problems[ $code ] = problem_message( $code );
	}
	return $problems;
}

/**
 * Why the Ticket Center cannot be signed, in words for someone who can fix it: the one text for
 * each problem code, shown in the block (to administrators), the editor, the self-test and Site
 * Health. Messages name the constant and where it is set, never the secret's value.
 *
 * @param string $code A configuration_problems() code, 'email_' . email_problem(), or 'script_url'.
 * @return string
 */
function problem_message( string $code ): string {
	switch ( $code ) {
		case 'helpdesk_id_missing':
			return sprintf(
				/* translators: %s: the constant's name, HELPDESKY_HELPDESK_ID. */
				__( 'The Helpdesk ID is not set. Copy it from the embed snippet on the Ticket Center page of your Helpdesky dashboard and enter it under Settings → Helpdesky, or define %s in wp-config.php (or as an environment variable).', 'helpdesky-block' ),
				HELPDESK_ID_NAME
			);
		case 'helpdesk_id_malformed':
			return sprintf(
				/* translators: %s: where the value was found, e.g. "the HELPDESKY_HELPDESK_ID constant in wp-config.php" or "Settings → Helpdesky". */
				__( 'The Helpdesk ID set in %s is not a Helpdesky ID. It should look like 123e4567-e89b-12d3-a456-426614174000.', 'helpdesky-block' ),
				source_text( HELPDESK_ID_NAME, config_value( HELPDESK_ID_NAME )['source'] )
			);
		case 'secret_missing':
			return sprintf(
				/* translators: %s: the constant's name, HELPDESKY_HMAC_SECRET. */
				__( 'The HMAC secret is not set. In your Helpdesky dashboard open Ticket Center, click "Generate HMAC Secret" and define %s in wp-config.php (or as an environment variable), or enter it under Settings → Helpdesky.', 'helpdesky-block' ),
				SECRET_NAME
			);
		case 'secret_whitespace':
			return sprintf(
				/* translators: %s: where the value was found, e.g. "the HELPDESKY_HMAC_SECRET constant in wp-config.php". */
				__( 'The HMAC secret set in %s starts or ends with spaces or line breaks. Remove them: they change every signature.', 'helpdesky-block' ),
				source_text( SECRET_NAME, config_value( SECRET_NAME )['source'] )
			);
		case 'secret_malformed':
			return sprintf(
				/* translators: %s: where the value was found, e.g. "the HELPDESKY_HMAC_SECRET constant in wp-config.php". */
				__( 'The HMAC secret set in %s does not look like a Helpdesky secret, which starts with "hdh_secret_". Copy it again from the Ticket Center page of your Helpdesky dashboard.', 'helpdesky-block' ),
				source_text( SECRET_NAME, config_value( SECRET_NAME )['source'] )
			);
		case 'script_url':
			return sprintf(
				/* translators: %s: the filter's name, helpdesky_block_script_url. */
				__( 'The %s filter returned something that is not an http(s) URL.', 'helpdesky-block' ),
				SCRIPT_URL_FILTER
			);
		case 'email_empty':
			return __( 'There is no email address to sign.', 'helpdesky-block' );
		case 'email_too_long':
			return __( 'The email address is too long to be used for the support center, so the block does not sign it.', 'helpdesky-block' );
		case 'email_unicode_case':
			return __( 'The email address contains uppercase non-ASCII letters, which Helpdesky may lowercase differently, so the block does not sign it. Store it in lowercase to use the support center.', 'helpdesky-block' );
		default:
			return __( 'This is not a valid email address, so the block does not sign it and the support center cannot identify its owner.', 'helpdesky-block' );
	}
}

/**
 * Where a setting was found, in words: the one text for it, used by problem messages, the locked
 * fields and the self-test of the settings screen, and Site Health.
 *
 * @param string $name   HELPDESK_ID_NAME or SECRET_NAME.
 * @param string $source 'constant', 'environment', 'option', or '' for nowhere.
 * @return string '' when $source is ''.
 */
function source_text( string $name, string $source ): string {
	switch ( $source ) {
		case '':
			return '';
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
