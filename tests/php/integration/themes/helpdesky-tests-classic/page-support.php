<?php
/**
 * Template Name: Support
 *
 * A page template that prints the Ticket Center from theme code after the head, as the README
 * shows classic theme developers (CacheDetectionTest declares it with the
 * helpdesky-block-templates feature).
 *
 * @package helpdesky-tests-classic
 */

?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo( 'charset' ); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<main>
<h1>Support</h1>
<?php echo do_blocks( '<!-- wp:helpdesky/ticket-center /-->' ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- rendered block markup, escaped by the block. ?>
</main>
<?php wp_footer(); ?>
</body>
</html>
