<?php
/**
 * The "Contact" pattern's content: heading, a line of text, the Contact Form. WordPress includes
 * this file only when the pattern's content is read, not on every request.
 *
 * @package Helpdesky\Block
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}
?>
<!-- wp:heading -->
<h2 class="wp-block-heading"><?php echo esc_html__( 'Contact us', 'helpdesky-block' ); ?></h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p><?php echo esc_html__( 'Send us a message and we will answer by email. Customers with an account can also log in to follow their conversations.', 'helpdesky-block' ); ?></p>
<!-- /wp:paragraph -->

<!-- wp:helpdesky/contact-form /-->
