<?php
/**
 * Server rendering of helpdesky/ticket-center: prints what ticket_center_view() decided.
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

$helpdesky_block_view  = Helpdesky\Block\ticket_center_view( $attributes );
$helpdesky_block_state = $helpdesky_block_view['state'];

if ( 'hidden' === $helpdesky_block_view['state'] || ( 'duplicate' === $helpdesky_block_view['state'] && '' === $helpdesky_block_view['notice'] ) ) {
	return;
}

// What to print inside the wrapper: this view, or for cache-proof delivery every view a visitor may
// get, each in a <template> that the view script (view.ts) picks from. The same markup either way.
$helpdesky_block_parts              = 'cache_proof' === $helpdesky_block_view['state'] ? $helpdesky_block_view['variants'] : array( '' => $helpdesky_block_view );
$helpdesky_block_wrapper_attributes = array( 'class' => 'is-' . str_replace( '_', '-', $helpdesky_block_state ) );
if ( 'cache_proof' === $helpdesky_block_view['state'] ) {
	// The same bytes for every visitor: the view script reads this, asks the embed endpoint who is
	// signed in, then adds Helpdesky's script after the container or shows one of the templates.
	// With &, <, >, ' and " escaped inside the JSON, esc_attr() (applied by
	// get_block_wrapper_attributes()) and the browser hand back exactly this text.
	$helpdesky_block_wrapper_attributes['data-helpdesky-ticket-center'] = (string) wp_json_encode( $helpdesky_block_view['config'], JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT );
	$helpdesky_block_wrapper_attributes['aria-busy']                    = 'true';
}
$helpdesky_block_wrapper = get_block_wrapper_attributes( $helpdesky_block_wrapper_attributes );
?>
<div <?php echo wp_kses_data( $helpdesky_block_wrapper ); ?>>
<?php if ( 'embed' === $helpdesky_block_view['state'] || 'cache_proof' === $helpdesky_block_view['state'] ) : ?>
	<div id="<?php echo esc_attr( Helpdesky\Block\CONTAINER_ID ); ?>"></div>
<?php endif; ?>
<?php foreach ( $helpdesky_block_parts as $helpdesky_block_variant => $helpdesky_block_part ) : ?>
	<?php if ( '' !== $helpdesky_block_variant ) : ?>
	<template data-helpdesky-variant="<?php echo esc_attr( $helpdesky_block_variant ); ?>">
	<?php endif; ?>
	<?php if ( 'embed' === $helpdesky_block_part['state'] ) : ?>
		<?php
		// Through wp_get_script_tag(), which escapes every attribute and applies the
		// wp_script_attributes filter, where CSP plugins add their nonce.
		echo Helpdesky\Block\embed_script_tag( $helpdesky_block_part['script'] ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- wp_get_script_tag() escapes each attribute.
		?>
	<?php elseif ( 'logged_out' === $helpdesky_block_part['state'] ) : ?>
		<?php if ( $helpdesky_block_part['prompt'] ) : ?>
	<p class="wp-block-helpdesky-ticket-center__message"><?php echo esc_html( Helpdesky\Block\literal_text( $helpdesky_block_part['message'] ) ); ?></p>
			<?php if ( '' !== $helpdesky_block_part['login_url'] ) : ?>
	<p class="wp-block-helpdesky-ticket-center__actions">
		<a class="wp-block-helpdesky-ticket-center__login" href="<?php echo esc_url( $helpdesky_block_part['login_url'] ); ?>"><?php esc_html_e( 'Log in', 'helpdesky-block' ); ?></a>
				<?php if ( '' !== $helpdesky_block_part['register_url'] ) : ?>
		<a class="wp-block-helpdesky-ticket-center__register" href="<?php echo esc_url( $helpdesky_block_part['register_url'] ); ?>"><?php esc_html_e( 'Create an account', 'helpdesky-block' ); ?></a>
				<?php endif; ?>
	</p>
			<?php endif; ?>
		<?php endif; ?>
		<?php if ( null !== $helpdesky_block_part['form'] ) : ?>
			<?php
			// The Contact Form's own markup (its container, then its script), from its one home.
			echo Helpdesky\Block\Contact_Form\embed_html( $helpdesky_block_part['form'] ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- esc_attr() and wp_get_script_tag() escape each attribute.
			?>
		<?php endif; ?>
	<?php elseif ( 'duplicate' === $helpdesky_block_part['state'] ) : ?>
	<p class="wp-block-helpdesky-ticket-center__notice" role="note"><?php echo esc_html( $helpdesky_block_part['notice'] ); ?></p>
	<?php else : ?>
	<p class="wp-block-helpdesky-ticket-center__message"><?php echo esc_html( $helpdesky_block_part['message'] ); ?></p>
		<?php if ( ! empty( $helpdesky_block_part['problems'] ) ) : ?>
	<div class="wp-block-helpdesky-ticket-center__problems" role="note">
		<p><strong><?php esc_html_e( 'Only administrators see this:', 'helpdesky-block' ); ?></strong></p>
		<ul>
			<?php foreach ( $helpdesky_block_part['problems'] as $helpdesky_block_problem ) : ?>
			<li><?php echo esc_html( $helpdesky_block_problem ); ?></li>
			<?php endforeach; ?>
		</ul>
	</div>
		<?php endif; ?>
	<?php endif; ?>
	<?php if ( '' !== $helpdesky_block_variant ) : ?>
	</template>
	<?php endif; ?>
<?php endforeach; ?>
</div>
<?php
