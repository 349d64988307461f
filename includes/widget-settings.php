<?php
/**
 * Settings → Helpdesky, the messaging widget's section: on/off, who sees it, pages without it.
 * Stored under the 'widget' key of the one option; the rules that use it live in widget.php.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Settings;

use Helpdesky\Block;
use Helpdesky\Block\Widget;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** More pages than this in one submission is not a choice made in the form. */
const MAX_EXCLUDED_PAGES = 1000;

/** The form field's name prefix: helpdesky_block_settings[widget]. */
const WIDGET_FIELD = Block\OPTION_NAME . '[' . Widget\SETTINGS_KEY . ']';

/**
 * Adds the widget's section and fields to the screen.
 *
 * @return void
 */
function register_widget_fields(): void {
	add_settings_section(
		'helpdesky_block_widget',
		__( 'Messaging widget', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_widget_intro',
		PAGE_SLUG
	);
	add_settings_field(
		'helpdesky_block_widget_enabled',
		__( 'Widget', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_widget_enabled_field',
		PAGE_SLUG,
		'helpdesky_block_widget',
		array( 'label_for' => 'helpdesky-block-widget-enabled' )
	);
	add_settings_field(
		'helpdesky_block_widget_audience',
		__( 'Who sees it', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_widget_audience_field',
		PAGE_SLUG,
		'helpdesky_block_widget'
	);
	add_settings_field(
		'helpdesky_block_widget_excluded_pages',
		__( 'Pages without the widget', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_widget_excluded_pages_field',
		PAGE_SLUG,
		'helpdesky_block_widget',
		array( 'label_for' => 'helpdesky-block-widget-excluded-pages' )
	);
}

/**
 * What the widget is, and what a cache that ignores cookies does to it.
 *
 * @return void
 */
function render_widget_intro(): void {
	echo '<p>' . esc_html__( 'Helpdesky\'s floating messaging widget on every page of the site (it needs the Helpdesk ID only). Off until you switch it on.', 'helpdesky-block' ) . '</p>';
}

/**
 * The on/off checkbox.
 *
 * @return void
 */
function render_widget_enabled_field(): void {
	?>
	<input type="hidden" name="<?php echo esc_attr( WIDGET_FIELD ); ?>[enabled]" value="0" />
	<label><input type="checkbox" id="helpdesky-block-widget-enabled" name="<?php echo esc_attr( WIDGET_FIELD ); ?>[enabled]" value="1" <?php checked( Widget\settings()['enabled'] ); ?> />
		<?php esc_html_e( 'Show the messaging widget', 'helpdesky-block' ); ?></label>
	<?php
}

/**
 * The audience radio buttons.
 *
 * @return void
 */
function render_widget_audience_field(): void {
	$labels  = array(
		'everyone'   => __( 'Everyone', 'helpdesky-block' ),
		'logged_in'  => __( 'Signed-in users only', 'helpdesky-block' ),
		'logged_out' => __( 'Visitors who are not signed in only', 'helpdesky-block' ),
	);
	$current = Widget\settings()['audience'];
	?>
	<fieldset><legend class="screen-reader-text"><?php esc_html_e( 'Who sees it', 'helpdesky-block' ); ?></legend>
		<?php foreach ( $labels as $value => $label ) : ?>
			<label><input type="radio" name="<?php echo esc_attr( WIDGET_FIELD ); ?>[audience]" value="<?php echo esc_attr( $value ); ?>" <?php checked( $current, $value ); ?> /> <?php echo esc_html( $label ); ?></label><br />
		<?php endforeach; ?>
		<p class="description"><?php esc_html_e( 'Behind a page cache that ignores login cookies, choose "Everyone": such a cache may serve the page with the widget to visitors, or without it to signed-in users.', 'helpdesky-block' ); ?></p>
	</fieldset>
	<?php
}

/**
 * The pages to leave the widget off, chosen from the site's pages.
 *
 * @return void
 */
function render_widget_excluded_pages_field(): void {
	$excluded = Widget\settings()['excluded_pages'];
	$pages    = get_pages( array( 'post_status' => array( 'publish', 'private', 'draft', 'pending', 'future' ) ) );
	$pages    = is_array( $pages ) ? $pages : array();
	?>
	<input type="hidden" name="<?php echo esc_attr( WIDGET_FIELD ); ?>[excluded_pages][]" value="" />
	<select multiple size="8" id="helpdesky-block-widget-excluded-pages" name="<?php echo esc_attr( WIDGET_FIELD ); ?>[excluded_pages][]">
		<?php foreach ( $pages as $page ) : ?>
			<option value="<?php echo esc_attr( (string) $page->ID ); ?>" <?php selected( in_array( $page->ID, $excluded, true ) ); ?>><?php echo esc_html( '' !== $page->post_title ? $page->post_title : '#' . $page->ID ); ?></option>
		<?php endforeach; ?>
	</select>
	<p class="description"><?php esc_html_e( 'Hold Ctrl (or Cmd) to choose several pages.', 'helpdesky-block' ); ?></p>
	<?php
}

/**
 * Sanitizes the widget's part of a submission. Anything unknown falls back to the safe choice:
 * off, everyone, and only IDs of pages that exist.
 *
 * @param mixed $input The submitted 'widget' value.
 * @return array{enabled: bool, audience: string, excluded_pages: list<int>}
 */
function sanitize_widget( $input ): array {
	$input    = is_array( $input ) ? $input : array();
	$enabled  = $input['enabled'] ?? false;
	$audience = $input['audience'] ?? null;
	$pages    = isset( $input['excluded_pages'] ) && is_array( $input['excluded_pages'] ) ? array_slice( $input['excluded_pages'], 0, MAX_EXCLUDED_PAGES ) : array();

	$ids = array();
	foreach ( $pages as $page ) {
		$id = is_string( $page ) && 1 === preg_match( '/^[1-9][0-9]{0,18}$/D', $page ) ? (int) $page : ( is_int( $page ) && $page > 0 ? $page : 0 );
		if ( $id > 0 && 'page' === get_post_type( $id ) ) {
			$ids[ $id ] = $id;
		}
	}

	return array(
		'enabled'        => true === $enabled || '1' === $enabled || 1 === $enabled,
		'audience'       => is_string( $audience ) && in_array( $audience, Widget\AUDIENCES, true ) ? $audience : 'everyone',
		'excluded_pages' => array_values( $ids ),
	);
}
