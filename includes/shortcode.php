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
);

/**
 * Registers the shortcode and its early cache opt-out.
 *
 * @return void
 */
function bootstrap(): void {
	add_action( 'init', __NAMESPACE__ . '\\register' );
	add_action( 'template_redirect', __NAMESPACE__ . '\\mark_page_uncacheable_early' );
}

/**
 * Registers the shortcode.
 *
 * @return void
 */
function register(): void {
	add_shortcode( TAG, __NAMESPACE__ . '\\render' );
}

/**
 * Renders the Ticket Center block for the shortcode's attributes.
 *
 * @param array<int|string, string>|string $atts Shortcode attributes ('' when there are none).
 * @return string
 */
function render( $atts ): string {
	return render_block( parsed_block( is_array( $atts ) ? $atts : array() ) );
}

/**
 * The parsed-block array the shortcode stands for, as parse_blocks() would return it for the
 * equivalent block comment. Attributes left out keep the block's defaults from block.json;
 * values the block does not accept are dropped by the block's own attribute validation.
 *
 * @param array<int|string, string> $atts Shortcode attributes.
 * @return array{blockName: string, attrs: array<string, string|bool>, innerBlocks: array<never>, innerHTML: string, innerContent: array<never>}
 */
function parsed_block( array $atts ): array {
	$defaults = array_fill_keys( array_keys( ATTRIBUTES ), null );
	$atts     = shortcode_atts( $defaults, $atts, TAG );

	$attrs = array();
	foreach ( ATTRIBUTES as $shortcode_name => $block_name ) {
		$value = $atts[ $shortcode_name ] ?? null;
		// Filters of shortcode_atts_helpdesky_ticket_center may return anything.
		if ( ! is_scalar( $value ) ) {
			continue;
		}
		$attrs[ $block_name ] = 'show_login_link' === $shortcode_name ? to_bool( $value ) : (string) $value;
	}

	return array(
		'blockName'    => Block\BLOCK_NAME,
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
 * Opts the page out of caching before any output when a post of the main query has the
 * shortcode, so headers still go out in classic themes, where content renders mid-page. Every
 * post counts, not only singular views: archive loops print full content too. has_block() and
 * the block detection cannot see a shortcode; rendering opts out again (idempotent).
 *
 * @return void
 */
function mark_page_uncacheable_early(): void {
	global $wp_query;
	if ( ! $wp_query instanceof \WP_Query ) {
		return;
	}
	foreach ( (array) $wp_query->posts as $post ) {
		$post = get_post( $post );
		if ( $post instanceof \WP_Post && ! post_password_required( $post ) && has_shortcode( $post->post_content, TAG ) ) {
			Block\mark_uncacheable();
			return;
		}
	}
}
