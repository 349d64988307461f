<?php
/**
 * Pure functions behind the embed: email normalization, signing and attribute validation.
 *
 * Nothing in this file calls WordPress, so it is unit-tested without loading WordPress.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Helpdesky's documented default for the embed's horizontal alignment. */
const DEFAULT_CONTENT_ALIGN = 'center';

/** The values Helpdesky accepts for data-align. */
const CONTENT_ALIGNS = array( 'center', 'left', 'right' );

/**
 * A CSS length Helpdesky's script can use as max-width: a positive number of at most four digits
 * (two decimals) and a unit. Deliberately strict: the value ends up in a third-party script's
 * inline style, so anything else (calc(), var(), spaces, negative numbers) is dropped.
 */
const MAX_WIDTH_PATTERN = '/^(?!0+(?:\.0+)?(?:px|em|rem|%|vw|ch)$)\d{1,4}(?:\.\d{1,2})?(?:px|em|rem|%|vw|ch)$/D';

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
const MAX_EMAIL_LENGTH = 254;

/**
 * The email exactly as Helpdesky's server expects it: trimmed and lowercased.
 *
 * Helpdesky lowercases before verifying, so signing the address as stored (often mixed-case)
 * fails verification. `strtolower()` is ASCII-only and byte-safe since PHP 8, which keeps any
 * UTF-8 sequence intact; see email_problem() for how non-ASCII uppercase is handled.
 *
 * @param string $email The user's email as stored or filtered.
 * @return string
 */
function normalize_email( string $email ): string {
	return strtolower( trim( $email ) );
}

/**
 * Why a normalized email cannot be signed, or null when it can.
 *
 * 'unicode_case': Helpdesky's documentation is silent on non-ASCII addresses. PHP lowercases
 * ASCII only while a JavaScript server lowercases all of Unicode, so an address with an
 * uppercase non-ASCII letter would produce a signature one side or the other rejects. Lowercase
 * non-ASCII addresses are the same on both sides and are signed.
 *
 * @param string $normalized Output of normalize_email().
 * @return string|null One of 'empty', 'too_long', 'invalid', 'unicode_case', or null.
 */
function email_problem( string $normalized ): ?string {
	if ( '' === $normalized ) {
		return 'empty';
	}
	if ( strlen( $normalized ) > MAX_EMAIL_LENGTH ) {
		return 'too_long';
	}
	$at = strrpos( $normalized, '@' );
	if ( false === $at || 0 === $at || strlen( $normalized ) - 1 === $at ) {
		return 'invalid';
	}
	// Whitespace or control characters inside an address are never legitimate.
	if ( preg_match( '/[\s\x00-\x1F\x7F]/', $normalized ) ) {
		return 'invalid';
	}
	if ( preg_match( '/[^\x00-\x7F]/', $normalized ) ) {
		if ( ! preg_match( '//u', $normalized ) ) {
			return 'invalid';
		}
		// Nor are Unicode spaces, controls and invisible format characters (no-break and
		// ideographic spaces, U+0085, zero-width spaces and joiners, the BOM, bidirectional
		// overrides): trim() keeps them, a JavaScript trim() on Helpdesky's side may not, and they
		// make an address look like another one.
		if ( preg_match( '/[\p{Z}\p{C}]/u', $normalized ) ) {
			return 'invalid';
		}
		if ( ! function_exists( 'mb_strtolower' ) || mb_strtolower( $normalized, 'UTF-8' ) !== $normalized ) {
			return 'unicode_case';
		}
	}
	return null;
}

/**
 * The signature Helpdesky verifies: lowercase hex HMAC-SHA256 of the normalized email.
 *
 * @param string $normalized_email Output of normalize_email(); never an escaped value.
 * @param string $secret           The HMAC secret.
 * @return string
 */
function sign( string $normalized_email, string $secret ): string {
	return hash_hmac( 'sha256', $normalized_email, $secret );
}

/**
 * A max width Helpdesky can use, or '' to fall back to Helpdesky's default.
 *
 * @param mixed $value The block attribute as stored.
 * @return string
 */
function sanitize_max_width( $value ): string {
	if ( ! is_string( $value ) ) {
		return '';
	}
	return 1 === preg_match( MAX_WIDTH_PATTERN, $value ) ? $value : '';
}

/**
 * One of Helpdesky's alignments; anything else falls back to the default.
 *
 * @param mixed $value The block attribute as stored.
 * @return string
 */
function sanitize_content_align( $value ): string {
	return in_array( $value, CONTENT_ALIGNS, true ) ? $value : DEFAULT_CONTENT_ALIGN;
}

/**
 * Whether a Helpdesk ID has the shape Helpdesky issues (a UUID).
 *
 * @param string $helpdesk_id Candidate ID.
 * @return bool
 */
function is_valid_helpdesk_id( string $helpdesk_id ): bool {
	return 1 === preg_match( '/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iD', $helpdesk_id );
}

/**
 * Why an HMAC secret looks wrong, or null when it looks like one Helpdesky generated.
 *
 * Surrounding whitespace is reported rather than trimmed: it changes every signature, and it is
 * almost always a copy-and-paste accident the owner should fix at the source.
 *
 * @param string $secret Candidate secret.
 * @return string|null One of 'missing', 'whitespace', 'prefix', or null.
 */
function secret_problem( string $secret ): ?string {
	if ( '' === $secret ) {
		return 'missing';
	}
	if ( trim( $secret ) !== $secret ) {
		return 'whitespace';
	}
	if ( 0 !== strpos( $secret, 'hdh_secret_' ) || strlen( $secret ) <= strlen( 'hdh_secret_' ) ) {
		return 'prefix';
	}
	return null;
}

/**
 * The data-* attributes of the Helpdesky script tag, unescaped (escape when printing).
 *
 * @param string               $helpdesk_id      Public helpdesk UUID.
 * @param string               $normalized_email The exact string that was signed.
 * @param string               $signature        sign( $normalized_email, $secret ).
 * @param array<string, mixed> $attributes       Block attributes.
 * @return array<string, string>
 */
function embed_attributes( string $helpdesk_id, string $normalized_email, string $signature, array $attributes ): array {
	$embed = array(
		'data-helpdesk-id' => $helpdesk_id,
		'data-email'       => $normalized_email,
		'data-signature'   => $signature,
		'data-align'       => sanitize_content_align( $attributes['contentAlign'] ?? null ),
	);

	$max_width = sanitize_max_width( $attributes['maxWidth'] ?? null );
	if ( '' !== $max_width ) {
		$embed['data-max-width'] = $max_width;
	}

	return $embed;
}
