<?php
/**
 * The only template: every query as a list of full posts, then the widget area and, when the
 * theme declares block-template-parts support, the "helpdesky-part" block template part.
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
<?php wp_body_open(); ?>
<main>
<?php
if ( have_posts() ) {
	while ( have_posts() ) {
		the_post();
		?>
	<article id="post-<?php the_ID(); ?>">
		<h2><?php the_title(); ?></h2>
		<?php the_content(); ?>
	</article>
		<?php
	}
} else {
	echo '<p>Nothing found.</p>';
}
?>
</main>
<aside>
<?php dynamic_sidebar( 'helpdesky-tests-sidebar' ); ?>
</aside>
<?php
if ( current_theme_supports( 'block-template-parts' ) ) {
	block_template_part( 'helpdesky-part' );
}
wp_footer();
?>
</body>
</html>
