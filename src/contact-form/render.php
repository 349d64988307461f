<?php
/**
 * Server rendering of helpdesky/contact-form: prints what Contact_Form\view() decided.
 *
 * Included once per block instance, so it declares no functions; locals are prefixed.
 *
 * @package Helpdesky\Block
 *
 * @var array<string, mixed> $attributes Block attributes.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

$helpdesky_block_form = Helpdesky\Block\Contact_Form\view( $attributes );

if ( 'hidden' === $helpdesky_block_form['state'] || ( 'unavailable' === $helpdesky_block_form['state'] && ! $helpdesky_block_form['problems'] ) ) {
	return;
}

$helpdesky_block_form_wrapper = get_block_wrapper_attributes( array( 'class' => 'is-' . $helpdesky_block_form['state'] ) );
?>
<div <?php echo wp_kses_data( $helpdesky_block_form_wrapper ); ?>>
<?php if ( 'embed' === $helpdesky_block_form['state'] ) : ?>
	<?php echo Helpdesky\Block\Contact_Form\embed_html( $helpdesky_block_form['script'] ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- esc_attr() and wp_get_script_tag() escape each attribute. ?>
<?php else : ?>
	<div class="wp-block-helpdesky-contact-form__problems" role="note">
		<p><strong><?php esc_html_e( 'Only administrators see this:', 'helpdesky-block' ); ?></strong></p>
		<ul>
			<?php foreach ( $helpdesky_block_form['problems'] as $helpdesky_block_form_problem ) : ?>
			<li><?php echo esc_html( $helpdesky_block_form_problem ); ?></li>
			<?php endforeach; ?>
		</ul>
	</div>
<?php endif; ?>
</div>
<?php
