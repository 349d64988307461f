<?php
/**
 * Suggested text for the site's privacy policy (Settings → Privacy → policy guide): signed-in
 * users' email addresses go to Helpdesky when they open a page with the Ticket Center, and
 * visitors of pages with Helpdesky's Contact Form or messaging widget load them from Helpdesky's
 * servers.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Privacy;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers the suggestion.
 *
 * @return void
 */
function bootstrap(): void {
	// WordPress collects suggestions on admin_init, in wp-admin only.
	add_action( 'admin_init', __NAMESPACE__ . '\\add_policy_content' );
}

/**
 * Adds the suggested policy text.
 *
 * @return void
 */
function add_policy_content(): void {
	if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
		return;
	}
	wp_add_privacy_policy_content( __( 'Helpdesky Ticket Center', 'helpdesky-block' ), wp_kses_post( policy_text() ) );
}

/**
 * The suggested text. Paragraphs with the privacy-policy-tutorial class are guidance for the
 * site owner, which the policy guide does not copy.
 *
 * @return string HTML.
 */
function policy_text(): string {
	$paragraphs = array(
		'<p class="privacy-policy-tutorial">' . esc_html__( 'This site shows a Helpdesky Ticket Center to signed-in users. Helpdesky (helpdesky.io) is a third-party help desk service; adapt the text below to your agreement with Helpdesky and link its privacy policy.', 'helpdesky-block' ) . '</p>',
		'<p><strong class="privacy-policy-tutorial">' . esc_html__( 'Suggested text:', 'helpdesky-block' ) . ' </strong>'
			. esc_html__( 'When you are logged in and open a page with our support center, your email address and a signature that proves it belongs to your account are sent to Helpdesky, the help desk service we use, so that it can show you your support conversations. The messages you send and receive there, and the email address, are stored by Helpdesky on our behalf. The support center is loaded from Helpdesky\'s servers, which also receive your IP address and browser information.', 'helpdesky-block' )
			. '</p>',
		'<p>' . esc_html__( 'Our contact form is provided by Helpdesky too and is loaded from its servers, which receive your IP address and browser information when you open a page with it, whether you are logged in or not. What you enter in the form, including your name and email address, is sent to Helpdesky and stored on our behalf so that we can answer you.', 'helpdesky-block' ) . '</p>',
		'<p>' . esc_html__( 'If this site shows Helpdesky\'s messaging widget, it is loaded from Helpdesky\'s servers on the pages where it appears, which then receive your IP address and browser information; the messages you send through it are stored by Helpdesky on our behalf.', 'helpdesky-block' ) . '</p>',
	);
	return implode( "\n", $paragraphs );
}
