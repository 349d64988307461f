<?php
/**
 * [helpdesky_ticket_center] for classic content, widgets and page builders: renders the block
 * itself, so render.php and all of its rules apply (one instance per page, the cache opt-out,
 * signature-free contexts, escaping).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Shortcode;

use Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The shortcode's tag. */
const TAG = 'helpdesky_ticket_center';

/** Shortcode attribute => block attribute. */
const ATTRIBUTES = array(
	'content_align'      => 'contentAlign',
	'max_width'          => 'maxWidth',
	'logged_out_message' => 'loggedOutMessage',
	'show_login_link'    => 'showLoginLink',
	'delivery_mode'      => 'deliveryMode',
	'logged_out'         => 'loggedOutShows',
);

/** The Contact Form's shortcode and its attributes, those of TAG that apply to the form. */
const CONTACT_FORM_TAG        = 'helpdesky_contact_form';
const CONTACT_FORM_ATTRIBUTES = array(
	'content_align' => 'contentAlign',
	'max_width'     => 'maxWidth',
);

/**
 * Registers the shortcodes, as the plugin loads: WordPress keeps them in a plain list, so there is
 * nothing to wait for. Pages that contain one are found early by the block's own detection
 * (detection.php reads instances_in()), so they opt out of caching before any output.
 *
 * @return void
 */
function register(): void {
	add_shortcode( TAG, __NAMESPACE__ . '\\render' );
	add_shortcode( CONTACT_FORM_TAG, __NAMESPACE__ . '\\render_contact_form' );
}

/**
 * Renders the Ticket Center block for the shortcode's attributes.
 *
 * @param array<int|string, string>|string $atts Shortcode attributes ('' when there are none).
 * @return string
 */
function render( $atts ): string {
	Block\load_embed_files();
	return render_block( parsed_block( is_array( $atts ) ? $atts : array() ) );
}

/**
 * Renders the Contact Form block for the shortcode's attributes, the same way.
 *
 * @param array<int|string, string>|string $atts Shortcode attributes ('' when there are none).
 * @return string
 */
function render_contact_form( $atts ): string {
	Block\load_embed_files();
	return render_block( parsed_block( is_array( $atts ) ? $atts : array(), CONTACT_FORM_TAG ) );
}

/**
 * The parsed-block array the shortcode stands for, as parse_blocks() would return it for the
 * equivalent block comment. Attributes left out keep the block's defaults from block.json;
 * values the block does not accept are dropped by the block's own attribute validation.
 *
 * @param array<int|string, string> $atts Shortcode attributes.
 * @param string                    $tag  TAG or CONTACT_FORM_TAG.
 * @return array{blockName: string, attrs: array<string, string|bool>, innerBlocks: array<never>, innerHTML: string, innerContent: array<never>}
 */
function parsed_block( array $atts, string $tag = TAG ): array {
	$attributes = CONTACT_FORM_TAG === $tag ? CONTACT_FORM_ATTRIBUTES : ATTRIBUTES;
	$defaults   = array_fill_keys( array_keys( $attributes ), null );
	$atts       = shortcode_atts( $defaults, $atts, $tag );

	$attrs = array();
	foreach ( $attributes as $shortcode_name => $block_name ) {
		$value = $atts[ $shortcode_name ] ?? null;
		// Filters of shortcode_atts_{$tag} may return anything.
		if ( ! is_scalar( $value ) ) {
			continue;
		}
		$attrs[ $block_name ] = 'show_login_link' === $shortcode_name ? to_bool( $value ) : (string) $value;
	}

	return array(
		'blockName'    => CONTACT_FORM_TAG === $tag ? Block\Contact_Form\BLOCK_NAME : Block\BLOCK_NAME,
		'attrs'        => $attrs,
		'innerBlocks'  => array(),
		'innerHTML'    => '',
		'innerContent' => array(),
	);
}

/**
 * Reads a shortcode flag the way people write them: "no", "false", "0" and "off" are false.
 *
 * @param mixed $value Attribute value.
 * @return bool
 */
function to_bool( $value ): bool {
	if ( is_bool( $value ) ) {
		return $value;
	}
	if ( ! is_scalar( $value ) ) {
		return false;
	}
	return ! in_array( strtolower( trim( (string) $value ) ), array( '', '0', 'false', 'no', 'off' ), true );
}

/**
 * The Ticket Center blocks that the shortcodes in some content stand for, for early detection.
 *
 * @param string $content Post or widget content.
 * @return array<int, array<string, mixed>> Parsed blocks, as parsed_block() builds them.
 */
function instances_in( string $content ): array {
	if ( false === strpos( $content, '[' . TAG ) ) {
		return array();
	}
	preg_match_all( '/' . get_shortcode_regex( array( TAG ) ) . '/', $content, $matches, PREG_SET_ORDER );

	$blocks = array();
	foreach ( $matches as $match ) {
		// [[helpdesky_ticket_center]] is the escaped form and prints the shortcode as text.
		if ( '[' === $match[1] && ']' === $match[6] ) {
			continue;
		}
		// WordPress 6.8 always returns an array here; its values are strings.
		$blocks[] = parsed_block( array_filter( shortcode_parse_atts( $match[3] ), 'is_string' ) );
	}
	return $blocks;
}
