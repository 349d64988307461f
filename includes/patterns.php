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
const CONTACT         = 'helpdesky-block/contact';

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
			'description' => __( 'Support pages and sections with the Helpdesky Ticket Center or Contact Form.', 'helpdesky-block' ),
		)
	);

	register_block_pattern(
		SUPPORT_PAGE,
		array(
			'title'       => __( 'Support page', 'helpdesky-block' ),
			'description' => __( 'A heading, a short introduction and the Ticket Center, where signed-in users see and answer their support conversations; visitors who are not signed in get the login prompt and the Contact Form.', 'helpdesky-block' ),
			'categories'  => array( CATEGORY ),
			'keywords'    => array( __( 'support', 'helpdesky-block' ), __( 'help', 'helpdesky-block' ), __( 'tickets', 'helpdesky-block' ) ),
			// Offered as a starting point when a new page is created.
			'blockTypes'  => array( 'core/post-content' ),
			'postTypes'   => array( 'page' ),
			// WordPress includes the file when the content is first read, not on every request.
			'filePath'    => file_path( SUPPORT_PAGE ),
		)
	);

	register_block_pattern(
		ACCOUNT_SECTION,
		array(
			'title'       => __( 'Account support section', 'helpdesky-block' ),
			'description' => __( 'A "Your support requests" section for an account or profile page: a heading, a line of help and the Ticket Center aligned to the left.', 'helpdesky-block' ),
			'categories'  => array( CATEGORY ),
			'keywords'    => array( __( 'account', 'helpdesky-block' ), __( 'support', 'helpdesky-block' ), __( 'tickets', 'helpdesky-block' ) ),
			'filePath'    => file_path( ACCOUNT_SECTION ),
		)
	);

	register_block_pattern(
		CONTACT,
		array(
			'title'       => __( 'Contact', 'helpdesky-block' ),
			'description' => __( 'A heading, a line of text and the Helpdesky Contact Form, where visitors who are not signed in can write to your team.', 'helpdesky-block' ),
			'categories'  => array( CATEGORY ),
			'keywords'    => array( __( 'contact', 'helpdesky-block' ), __( 'form', 'helpdesky-block' ), __( 'support', 'helpdesky-block' ) ),
			'filePath'    => file_path( CONTACT ),
		)
	);
}

/**
 * The file that prints a pattern's content, includes/patterns/<name without the prefix>.php.
 *
 * @param string $name Pattern name.
 * @return string
 */
function file_path( string $name ): string {
	return __DIR__ . '/patterns/' . substr( $name, strlen( 'helpdesky-block/' ) ) . '.php';
}

/**
 * The Support page: heading, introduction, Ticket Center. Also what the onboarding notice's
 * "Create a Support page" puts into the new page.
 *
 * @return string Block markup.
 */
function support_page_content(): string {
	return content( SUPPORT_PAGE );
}

/**
 * The account section: a group with a smaller heading and a left-aligned Ticket Center.
 *
 * @return string Block markup.
 */
function account_section_content(): string {
	return content( ACCOUNT_SECTION );
}

/**
 * A pattern's content as its file prints it (translated), as WordPress reads it for the registry.
 *
 * @param string $name Pattern name.
 * @return string Block markup.
 */
function content( string $name ): string {
	ob_start();
	include file_path( $name );
	return (string) ob_get_clean();
}
