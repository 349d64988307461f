<?php
/**
 * Block patterns with the Ticket Center, in a "Helpdesky" category of the inserter.
 *
 * Registered in PHP: WordPress reads patterns/*.php files from themes only, not from plugins.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Patterns;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The inserter category. */
const CATEGORY = 'helpdesky';

/** Pattern names. */
const SUPPORT_PAGE    = 'helpdesky-block/support-page';
const ACCOUNT_SECTION = 'helpdesky-block/account-support-section';

/**
 * Registers the pattern hooks.
 *
 * @return void
 */
function bootstrap(): void {
	add_action( 'init', __NAMESPACE__ . '\\register' );
}

/**
 * Registers the category and the patterns.
 *
 * @return void
 */
function register(): void {
	register_block_pattern_category(
		CATEGORY,
		array(
			'label'       => __( 'Helpdesky', 'helpdesky-block' ),
			'description' => __( 'Support pages and sections with the Helpdesky Ticket Center.', 'helpdesky-block' ),
		)
	);

	register_block_pattern(
		SUPPORT_PAGE,
		array(
			'title'       => __( 'Support page', 'helpdesky-block' ),
			'description' => __( 'A heading, a short introduction and the Ticket Center, where signed-in users see and answer their support conversations.', 'helpdesky-block' ),
			'categories'  => array( CATEGORY ),
			'keywords'    => array( __( 'support', 'helpdesky-block' ), __( 'help', 'helpdesky-block' ), __( 'tickets', 'helpdesky-block' ) ),
			// Offered as a starting point when a new page is created.
			'blockTypes'  => array( 'core/post-content' ),
			'postTypes'   => array( 'page' ),
			'content'     => support_page_content(),
		)
	);

	register_block_pattern(
		ACCOUNT_SECTION,
		array(
			'title'       => __( 'Account support section', 'helpdesky-block' ),
			'description' => __( 'A "Your support requests" section for an account or profile page: a heading, a line of help and the Ticket Center aligned to the left.', 'helpdesky-block' ),
			'categories'  => array( CATEGORY ),
			'keywords'    => array( __( 'account', 'helpdesky-block' ), __( 'support', 'helpdesky-block' ), __( 'tickets', 'helpdesky-block' ) ),
			'content'     => account_section_content(),
		)
	);
}

/**
 * The Support page: heading, introduction, Ticket Center. Also what the onboarding notice's
 * "Create a Support page" puts into the new page.
 *
 * @return string Block markup.
 */
function support_page_content(): string {
	return '<!-- wp:heading -->' . "\n"
		. '<h2 class="wp-block-heading">' . esc_html__( 'How can we help?', 'helpdesky-block' ) . '</h2>' . "\n"
		. '<!-- /wp:heading -->' . "\n\n"
		. '<!-- wp:paragraph -->' . "\n"
		. '<p>' . esc_html__( 'Ask us anything below. You can follow every conversation with our team here and reply at any time; we also answer by email.', 'helpdesky-block' ) . '</p>' . "\n"
		. '<!-- /wp:paragraph -->' . "\n\n"
		. '<!-- wp:helpdesky/ticket-center /-->';
}

/**
 * The account section: a group with a smaller heading and a left-aligned Ticket Center.
 *
 * @return string Block markup.
 */
function account_section_content(): string {
	return '<!-- wp:group {"tagName":"section","layout":{"type":"constrained"}} -->' . "\n"
		. '<section class="wp-block-group">'
		. '<!-- wp:heading {"level":3} -->' . "\n"
		. '<h3 class="wp-block-heading">' . esc_html__( 'Your support requests', 'helpdesky-block' ) . '</h3>' . "\n"
		. '<!-- /wp:heading -->' . "\n\n"
		. '<!-- wp:paragraph -->' . "\n"
		. '<p>' . esc_html__( 'Questions about your account or an order? Start a conversation or continue one below.', 'helpdesky-block' ) . '</p>' . "\n"
		. '<!-- /wp:paragraph -->' . "\n\n"
		. '<!-- wp:helpdesky/ticket-center {"contentAlign":"left"} /-->'
		. '</section>' . "\n"
		. '<!-- /wp:group -->';
}
