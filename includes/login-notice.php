<?php
/**
 * On wp-login.php only: a signed-in visitor who followed the login prompt's link (it carries
 * LOGIN_PROMPT_ARG) was shown the prompt although signed in. That happens when a cache shows
 * everyone the signed-out page (WP Super Cache's "Make known users anonymous", a cache that
 * ignores the sign-in cookie). Logging in again would only lead back to the same prompt, so the
 * visitor is told what is wrong instead; administrators also get the cause Site Health finds.
 *
 * Read-only: nothing is changed, and the only link out is the page they came from, checked
 * against the site's own hosts.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Login_Notice;

use Helpdesky\Block;
use Helpdesky\Block\Site_Health;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers the hook. namespace.php loads this file on wp-login.php only.
 *
 * @return void
 */
function bootstrap(): void {
	// Fires for the login screen only (also for an unknown action, which core shows as the login
	// screen), before core decides between the form and a redirect.
	add_action( 'login_form_login', __NAMESPACE__ . '\\explain_cached_prompt' );
}

/**
 * Whether this request is a signed-in visitor's GET of the login screen through the prompt's link.
 *
 * Not for re-authentication (reauth) or the editor's session-expired dialog (interim-login): those
 * ask for the password on purpose.
 *
 * @return bool
 */
function is_signed_in_visitor_from_prompt(): bool {
	// phpcs:disable WordPress.Security.NonceVerification.Recommended -- read-only: decides which message to show, changes nothing.
	$from_prompt = isset( $_GET[ Block\LOGIN_PROMPT_ARG ] ) && '1' === $_GET[ Block\LOGIN_PROMPT_ARG ];
	$reauth      = ! empty( $_REQUEST['reauth'] ) || isset( $_REQUEST['interim-login'] );
	// phpcs:enable
	$method = isset( $_SERVER['REQUEST_METHOD'] ) && is_string( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( $_SERVER['REQUEST_METHOD'] ) ) : 'GET';

	return $from_prompt && ! $reauth && 'GET' === $method && is_user_logged_in();
}

/**
 * The page the prompt was on (the login link's redirect_to), if it is on this site.
 *
 * @return string URL, or the home page.
 */
function return_url(): string {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only, validated below.
	$requested = isset( $_GET['redirect_to'] ) && is_string( $_GET['redirect_to'] ) ? esc_url_raw( wp_unslash( $_GET['redirect_to'] ) ) : '';
	return wp_validate_redirect( $requested, home_url( '/' ) );
}

/**
 * Shows the explanation instead of the login form, and ends the request.
 *
 * @return void
 */
function explain_cached_prompt(): void {
	if ( ! is_signed_in_visitor_from_prompt() ) {
		return;
	}

	wp_die(
		message_html( return_url() ), // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped while built in message_html().
		esc_html__( 'You are already signed in', 'helpdesky-block' ),
		array(
			'response'  => 200,
			'back_link' => false,
		)
	);
}

/**
 * The explanation as HTML, escaped: for everyone what happened and whom to ask; for those who can
 * open Site Health, the cache settings it finds and the advice.
 *
 * @param string $return_url The page to go back to, already validated.
 * @return string
 */
function message_html( string $return_url ): string {
	$html  = '<h1>' . esc_html__( 'You are already signed in', 'helpdesky-block' ) . '</h1>';
	$html .= '<p>' . esc_html__( 'You are signed in, but the page you came from showed the version for visitors who are not signed in. It came from a cache that shows everyone that version, so logging in again would only bring you back to the same login prompt.', 'helpdesky-block' ) . '</p>';

	if ( current_user_can( 'view_site_health_checks' ) ) {
		$html .= owner_advice_html();
	} else {
		$html .= '<p>' . esc_html__( 'Please let the site owner know. Site owners: see Tools → Site Health.', 'helpdesky-block' ) . '</p>';
	}

	$html .= sprintf( '<p><a href="%s">%s</a></p>', esc_url( $return_url ), esc_html__( 'Back to the page', 'helpdesky-block' ) );
	return $html;
}

/**
 * For site owners: what Site Health's page-cache check finds, and what to do.
 *
 * @return string HTML, escaped.
 */
function owner_advice_html(): string {
	// The check lives with the site owner's files, which wp-login.php does not load otherwise.
	require_once Block\ROOT_DIR . '/includes/site-health.php';
	$risks = Site_Health\risky_cache_settings();

	$html = $risks
		? '<p>' . esc_html__( 'Site owner: these cache settings cause it.', 'helpdesky-block' ) . '</p><ul>' . Site_Health\list_items( $risks ) . '</ul>'
		: '<p>' . esc_html__( 'Site owner: none of the cache plugin settings Site Health checks explains it. Look at your host\'s or CDN\'s page cache: it must not answer requests that carry a wordpress_logged_in_ cookie from its cache.', 'helpdesky-block' ) . '</p>';

	$html .= '<p>' . esc_html__( 'Turn such a setting off, or switch the Ticket Center block to cache-proof delivery (block settings → Caching → Delivery), which asks the server who is signed in after the page has loaded.', 'helpdesky-block' ) . '</p>';
	$html .= sprintf( '<p><a href="%s">%s</a></p>', esc_url( admin_url( 'site-health.php' ) ), esc_html__( 'Open Tools → Site Health', 'helpdesky-block' ) );
	return $html;
}
