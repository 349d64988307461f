<?php
/**
 * What the Ticket Center block shows in the current request. render.php prints the result.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

use WP_HTML_Tag_Processor;
use WP_REST_Server;
use WP_User;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The id Helpdesky's script looks up once when it runs. */
const CONTAINER_ID = 'hdh-ticket-center';

/** Fired when the first Ticket Center of the request renders. */
const CLAIMED_ACTION = 'helpdesky_block_ticket_center_claimed';

/** Filters whether the current user may see the Ticket Center. */
const CAN_VIEW_FILTER = 'helpdesky_block_can_view';

/** Filters the email the Ticket Center is signed for. */
const USER_EMAIL_FILTER = 'helpdesky_block_user_email';

/** What logged-out visitors see (the loggedOutShows attribute): the login prompt, the Contact Form, or both. */
const LOGGED_OUT_SHOWS = array( 'prompt', 'form', 'both' );

/** Query argument the editor's logged-out preview adds to the block-renderer request. */
const PREVIEW_ARG = 'helpdesky_block_preview';

/**
 * Query argument on the login prompt's link (only wp-login.php reads it, see login-notice.php): a
 * signed-in visitor arriving with it was shown the prompt from a cache, and logging in again would
 * only bring them back to it.
 */
const LOGIN_PROMPT_ARG = 'helpdesky_prompt';

/**
 * Decides what this instance of the block shows.
 *
 * States: 'embed' (signed script tag), 'logged_out' (login prompt), 'placeholder' (a context that
 * must never carry a real signature: REST, feeds, embeds), 'unavailable' (configuration or account
 * problem), 'duplicate' (a second instance in the same page), 'hidden' (nothing to show) and
 * 'cache_proof' (a container and the views a visitor may get, from which the view script picks per
 * visitor, see cache-proof.php).
 *
 * @param array<string, mixed> $attributes Block attributes as parsed.
 * @return array{state: 'embed', script: array<string, string|true>}|array{state: 'hidden'}|array{state: 'unavailable', message: string, problems: list<string>}|array{state: 'logged_out', prompt: bool, message: string, login_url: string, register_url: string, form: array<string, string|true>|null}|array{state: 'placeholder', message: string}|array{state: 'duplicate', notice: string}|array{state: 'cache_proof', config: array{endpoint: string, align: string, maxWidth: string}, variants: array{logged_out: array{state: 'logged_out', prompt: bool, message: string, login_url: string, register_url: string, form: array<string, string|true>|null}, unavailable: array{state: 'unavailable', message: string, problems: list<string>}}}
 *         The state plus the values render.php prints, all unescaped.
 */
function ticket_center_view( array $attributes ): array {
	$cache_proof = is_cache_proof( $attributes );

	// Every inline render, signed in or not: a cache that ignores cookies would otherwise serve the
	// logged-out prompt to signed-in users, or one user's signature to everybody. A cache-proof
	// Ticket Center prints the same for everyone, so its page may be cached.
	if ( ! $cache_proof ) {
		mark_uncacheable();
	}

	if ( ! claim_instance() ) {
		// The notice below depends on who looks; a cache-proof page must not.
		if ( $cache_proof ) {
			return array( 'state' => 'hidden' );
		}
		return array(
			'state'  => 'duplicate',
			'notice' => current_user_can( 'edit_posts' )
				? __( 'Only one Helpdesky Ticket Center can appear on a page: Helpdesky\'s script fills the first one only. This copy is hidden from visitors.', 'helpdesky-block' )
				: '',
		);
	}

	if ( is_signature_free_context() ) {
		return is_logged_out_preview() ? logged_out_view( $attributes ) : placeholder_view();
	}

	if ( $cache_proof ) {
		return cache_proof_view( $attributes );
	}

	if ( ! is_user_logged_in() ) {
		return logged_out_view( $attributes );
	}

	return current_user_view( $attributes );
}

/**
 * The opt-outs the common optimizers read, on every Helpdesky script tag the plugin prints
 * (Ticket Center, Contact Form, messaging widget): Helpdesky's scripts look their container up
 * once, when they run, so an optimizer that defers, delays or combines them breaks the embed.
 */
const OPTIMIZER_OPT_OUTS = array(
	'data-cfasync'            => 'false',
	'data-no-optimize'        => '1',
	'data-no-defer'           => '1',
	'data-no-minify'          => '1',
	'data-pagespeed-no-defer' => true,
	'nowprocket'              => true,
);

/**
 * What the signed-in current user gets inline: the signed embed as a script tag's attributes
 * (with the block's alignment and width, and the optimizers' opt-outs), or why not.
 *
 * @param array<string, mixed> $attributes Block attributes (align and width of the embed).
 * @return array{state: 'embed', script: array<string, string|true>}|array{state: 'hidden'}|array{state: 'unavailable', message: string, problems: list<string>}
 *         See ticket_center_view().
 */
function current_user_view( array $attributes ): array {
	$embed = signed_embed( wp_get_current_user() );
	if ( 'hidden' === $embed['state'] ) {
		return $embed;
	}
	if ( 'unavailable' === $embed['state'] ) {
		return unavailable_view( array_column( $embed['problems'], 'message' ) );
	}

	return array(
		'state'  => 'embed',
		'script' => array_merge(
			array( 'src' => $embed['scriptUrl'] ),
			embed_attributes( $embed['helpdeskId'], $embed['email'], $embed['signature'], $attributes ),
			OPTIMIZER_OPT_OUTS
		),
	);
}

/**
 * The signed embed for a user, as data: the one place that decides it. Inline rendering
 * (current_user_view()) prints it as a script tag, the cache-proof endpoint (rest_embed()) returns
 * it as JSON unchanged.
 *
 * 'hidden' when the helpdesky_block_can_view filter refuses the user or there is no email to sign;
 * 'unavailable' with the problems, which are listed only for a user who can fix them (an
 * administrator) and empty for everybody else.
 *
 * @param WP_User $user The user to sign for.
 * @return array{state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{state: 'hidden'}|array{state: 'unavailable', problems: list<array{code: string, message: string}>}
 */
function signed_embed( WP_User $user ): array {
	/**
	 * Filters whether the current user may see the Ticket Center.
	 *
	 * Return false to hide the block from this user (for example, a role without support access).
	 *
	 * @since 0.1.0
	 *
	 * @param bool    $can_view Default true for every signed-in user.
	 * @param WP_User $user     The current user.
	 */
	if ( ! apply_filters( CAN_VIEW_FILTER, true, $user ) ) { // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
		return array( 'state' => 'hidden' );
	}

	$email = user_email( $user );
	if ( '' === trim( $email ) ) {
		return array( 'state' => 'hidden' );
	}

	$embed = embed_for_email( $email );
	if ( 'unavailable' === $embed['state'] && ! user_can( $user, 'manage_options' ) ) {
		// Only someone who can fix the site's configuration learns what is wrong with it.
		$embed['problems'] = array();
	}
	return $embed;
}

/**
 * The email the Ticket Center is signed for, as the helpdesky_block_user_email filter returns it
 * (before normalization). The only place that filter runs: the block, the cache-proof endpoint and
 * the self-test's default address all come through here.
 *
 * @param WP_User $user The user.
 * @return string '' when the filter returned no string.
 */
function user_email( WP_User $user ): string {
	/**
	 * Filters the email the Ticket Center is signed for, before normalization.
	 *
	 * Membership or profile plugins that keep the support email elsewhere return it here. Return
	 * an empty string to hide the block from this user.
	 *
	 * @since 0.1.0
	 *
	 * @param string  $email The user's email as stored.
	 * @param WP_User $user  The current user.
	 */
	$email = apply_filters( USER_EMAIL_FILTER, (string) $user->user_email, $user ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
	return is_string( $email ) ? $email : '';
}

/**
 * The signed embed for an email address, or every reason it cannot be signed: the configuration
 * first, then the address, then the script URL. The self-test shows this for any address.
 *
 * @param string $email An address as stored or filtered, not yet normalized.
 * @return array{state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{state: 'unavailable', problems: list<array{code: string, message: string}>}
 *         email is the normalized address, the exact string that was signed.
 */
function embed_for_email( string $email ): array {
	$problems = configuration_problems();
	if ( ! $problems ) {
		$normalized = normalize_email( $email );
		$problem    = email_problem( $normalized );
		$src        = script_url();
		if ( null !== $problem ) {
			$problems[ 'email_' . $problem ] = problem_message( 'email_' . $problem );
		} elseif ( '' === $src ) {
			$problems['script_url'] = problem_message( 'script_url' );
		} else {
			return array(
				'state'      => 'embed',
				'helpdeskId' => helpdesk_id(),
				'scriptUrl'  => $src,
				'email'      => $normalized,
				'signature'  => sign( $normalized, secret() ),
			);
		}
	}

	$list = array();
	foreach ( $problems as $code => $message ) {
		$list[] = array(
			'code'    => $code,
			'message' => $message,
		);
	}
	return array(
		'state'    => 'unavailable',
		'problems' => $list,
	);
}

/**
 * Whether this is the first Ticket Center in the request. Helpdesky's script fills a single
 * container per page, so later instances step aside.
 *
 * @return bool
 */
function claim_instance(): bool {
	if ( request_flag( FLAG_CLAIMED, true ) ) {
		return false;
	}

	/**
	 * Fires when the first Ticket Center of the request renders.
	 *
	 * @since 0.1.0
	 */
	do_action( CLAIMED_ACTION ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
	return true;
}

/**
 * Contexts that must never print a real signature: anything rendered inside a REST dispatch (the
 * editor preview, `content.rendered`, the editor's preloaded posts), admin screens, feeds and oEmbed
 * views. They are read by machines, proxies, other sites or the editor, never by the embed.
 *
 * @return bool
 */
function is_signature_free_context(): bool {
	return is_rest_dispatching() || wp_is_serving_rest_request() || is_admin() || is_feed() || is_embed();
}

/**
 * Whether a REST request is being dispatched right now, internal rest_do_request() calls (such as
 * the editor's preloading) included, which wp_is_serving_rest_request() does not know about.
 *
 * Asks the REST server only when one exists: rest_get_server() would boot it (and fire
 * rest_api_init) on every page, and without a server nothing can be dispatching.
 *
 * @return bool
 */
function is_rest_dispatching(): bool {
	$server = $GLOBALS['wp_rest_server'] ?? null;
	return $server instanceof WP_REST_Server && $server->is_dispatching();
}

/**
 * Whether the editor asked for the logged-out preview.
 *
 * @return bool
 */
function is_logged_out_preview(): bool {
	// Read-only display switch on a request the REST API already authenticated; no state changes.
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only preview switch, no state change.
	return isset( $_GET[ PREVIEW_ARG ] ) && is_string( $_GET[ PREVIEW_ARG ] ) && 'logged-out' === sanitize_key( wp_unslash( $_GET[ PREVIEW_ARG ] ) );
}

/**
 * What visitors who are not signed in see: the login prompt, the Contact Form's script tag
 * attributes (Contact_Form\view()), or both, the prompt first.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return array{state: 'logged_out', prompt: bool, message: string, login_url: string, register_url: string, form: array<string, string|true>|null}
 */
function logged_out_view( array $attributes ): array {
	$message = isset( $attributes['loggedOutMessage'] ) && is_string( $attributes['loggedOutMessage'] )
		? trim( $attributes['loggedOutMessage'] )
		: '';
	// esc_html() prints text that is not valid UTF-8 as nothing: show the default instead.
	if ( wp_check_invalid_utf8( $message ) !== $message ) {
		$message = '';
	}

	$shows = logged_out_shows( $attributes );
	$form  = 'prompt' === $shows ? null : contact_form_embed( $attributes );

	$view = array(
		'state'        => 'logged_out',
		// Without a form to show in its place, the prompt: the block is never empty for visitors.
		'prompt'       => 'form' !== $shows || null === $form,
		'message'      => '' !== $message ? $message : __( 'Please log in to see your support conversations.', 'helpdesky-block' ),
		'login_url'    => '',
		'register_url' => '',
		'form'         => $form,
	);

	// The attribute is a boolean in block.json, and core's validation also lets "false", "0" and 0
	// through as the boolean false (hand-written markup, other plugins): read it the same way.
	$show_login_link = $attributes['showLoginLink'] ?? true;
	if ( is_bool( $show_login_link ) || is_int( $show_login_link ) || is_string( $show_login_link ) ? rest_sanitize_boolean( $show_login_link ) : true ) {
		$view['login_url'] = add_query_arg( LOGIN_PROMPT_ARG, '1', wp_login_url( current_url() ) );
		if ( get_option( 'users_can_register' ) ) {
			$view['register_url'] = wp_registration_url();
		}
	}

	return $view;
}

/**
 * The loggedOutShows attribute, read like the others: anything but a known value is the default.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return string 'prompt', 'form' or 'both'.
 */
function logged_out_shows( array $attributes ): string {
	$shows = $attributes['loggedOutShows'] ?? null;
	return is_string( $shows ) && in_array( $shows, LOGGED_OUT_SHOWS, true ) ? $shows : LOGGED_OUT_SHOWS[0];
}

/**
 * The Contact Form's script tag attributes for the logged-out view, with the block's alignment and
 * width, or null for nothing: when the form cannot be shown (the same for every visitor, so that a
 * cache-proof page stays the same for everyone; administrators are signed in and read why in the
 * Ticket Center itself), or when the page already has its one Contact Form.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return array<string, string|true>|null
 */
function contact_form_embed( array $attributes ): ?array {
	if ( Contact_Form\problems() ) {
		return null;
	}
	// Claims the page's one Contact Form: a Contact Form block further down then prints nothing.
	$form = Contact_Form\view( $attributes );
	return 'embed' === $form['state'] ? $form['script'] : null;
}

/**
 * A neutral stand-in for contexts that must not carry a signature.
 *
 * @return array{state: 'placeholder', message: string}
 */
function placeholder_view(): array {
	return array(
		'state'   => 'placeholder',
		'message' => __( 'Signed-in users see their support conversations here.', 'helpdesky-block' ),
	);
}

/**
 * A neutral message for visitors, and the reasons for users who can fix them.
 *
 * @param string[] $problems Messages, already limited to those who may read them (signed_embed()).
 * @return array{state: 'unavailable', message: string, problems: list<string>}
 */
function unavailable_view( array $problems ): array {
	return array(
		'state'    => 'unavailable',
		'message'  => __( 'The support center is not available right now. Please try again later or contact the site team.', 'helpdesky-block' ),
		'problems' => array_values( $problems ),
	);
}

/**
 * Text that esc_html() and esc_attr() print so that a browser reads back exactly this text.
 *
 * Both leave an ampersand alone when it already starts an entity, so "Fish &amp; chips" would
 * show as "Fish & chips", and an address stored as "jane&amp;co@example.com" would reach
 * Helpdesky as "jane&co@example.com", which is not the string that was signed. Encoding every
 * ampersand first leaves them nothing to skip. As &#038;, not &amp;: their entity normalizing
 * turns "&amp;#34;" back into "&#34;", but keeps "&#038;#34;" as it is. Use for values that
 * come from users or settings, never for translated strings (translations may use entities on
 * purpose).
 *
 * @param string $text Unescaped text.
 * @return string Text for esc_html() or esc_attr(), not for printing as it is.
 */
function literal_text( string $text ): string {
	return str_replace( '&', '&#038;', $text );
}

/**
 * The embed's script tag.
 *
 * Built by WordPress's wp_get_script_tag(), which applies the wp_script_attributes filter (where
 * CSP plugins add their nonce) and escapes every attribute. How it escapes depends on the core:
 * 7.x sets each value through WP_HTML_Tag_Processor, which encodes the raw text completely, while
 * 6.8 uses esc_attr(), which leaves text that looks like an entity alone ("jane&amp;co@…" would
 * reach Helpdesky as "jane&co@…"). So the values go in raw, and the tag is read back with the HTML
 * API: when a data-* value does not come out exactly as given, the tag is built once more from
 * literal_text() values, which esc_attr() prints exactly. data-email is then the string that was
 * signed whatever the core, without asking for its version.
 *
 * @param array<string, string|true> $script Attributes from current_user_view(), unescaped.
 * @return string
 */
function embed_script_tag( array $script ): string {
	$tag     = wp_get_script_tag( $script );
	$literal = $script;
	foreach ( $literal as $name => $value ) {
		if ( is_string( $value ) && 0 === strpos( $name, 'data-' ) ) {
			$literal[ $name ] = literal_text( $value );
		}
	}
	// Without an "&" in any data-* value the literal tag would be this very tag, so there is
	// nothing to choose and nothing to read back (the HTML API's read-back costs 0.14 M
	// instructions, a quarter of the render).
	if ( $literal === $script || script_tag_reads_back( $tag, $script ) ) {
		return $tag;
	}

	$literal_tag = wp_get_script_tag( $literal );

	// Neither reads back when a wp_script_attributes filter rewrote a value; then core's own
	// rendering of what the filter returned is the answer.
	return script_tag_reads_back( $literal_tag, $script ) ? $literal_tag : $tag;
}

/**
 * Whether an HTML parser reads every data-* value of the script tag exactly as given.
 *
 * @param string                     $tag    A script tag from wp_get_script_tag().
 * @param array<string, string|true> $script The attributes it was meant to carry, unescaped.
 * @return bool
 */
function script_tag_reads_back( string $tag, array $script ): bool {
	$processor = new WP_HTML_Tag_Processor( $tag );
	if ( ! $processor->next_tag( array( 'tag_name' => 'script' ) ) ) {
		return false;
	}
	foreach ( $script as $name => $value ) {
		if ( is_string( $value ) && 0 === strpos( $name, 'data-' ) && $processor->get_attribute( $name ) !== $value ) {
			return false;
		}
	}
	return true;
}
