<?php
/**
 * The "Account support section" pattern's content: a section with a smaller heading and a
 * left-aligned Ticket Center. WordPress includes this file only when the pattern's content is
 * read, not on every request.
 *
 * @package Helpdesky\Block
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}
?>
<!-- wp:group {"tagName":"section","layout":{"type":"constrained"}} -->
<section class="wp-block-group"><!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading"><?php echo esc_html__( 'Your support requests', 'helpdesky-block' ); ?></h3>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p><?php echo esc_html__( 'Questions about your account or an order? Start a conversation or continue one below.', 'helpdesky-block' ); ?></p>
<!-- /wp:paragraph -->

<!-- wp:helpdesky/ticket-center {"contentAlign":"left"} /--></section>
<!-- /wp:group -->
