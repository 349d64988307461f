<?php
/**
 * The "Support page" pattern's content: heading, introduction, Ticket Center, which shows visitors
 * who are not signed in the login prompt and the Contact Form below it. WordPress includes
 * this file only when the pattern's content is read (the inserter, a core/pattern block, the
 * onboarding notice's new page), not on every request.
 *
 * @package Helpdesky\Block
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}
?>
<!-- wp:heading -->
<h2 class="wp-block-heading"><?php echo esc_html__( 'How can we help?', 'helpdesky-block' ); ?></h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p><?php echo esc_html__( 'Ask us anything below. You can follow every conversation with our team here and reply at any time; we also answer by email.', 'helpdesky-block' ); ?></p>
<!-- /wp:paragraph -->

<!-- wp:helpdesky/ticket-center {"loggedOutShows":"both"} /-->
