<?php
/**
 * Cache-proof delivery: the page is the same for everyone and may be cached; the signed embed is
 * fetched per visitor by a small view script (src/ticket-center/view.ts) from a REST endpoint.
 *
 * How the endpoint authenticates, and why: a cached page cannot carry a per-user nonce, and the
 * REST API treats a cookie without a nonce as anonymous. The endpoint therefore validates the
 * logged-in cookie itself (wp_validate_auth_cookie(), exactly what front-end page views rely on).
 * The nonce exists against cross-site request forgery; it is not needed here because:
 *   - the endpoint only reads, and changes nothing (GET only);
 *   - it answers for the requesting user only: it takes no email or user parameter, and ignores
 *     any it is given;
 *   - its answer must not be readable by another site: it refuses requests a browser marks as
 *     cross-origin (Sec-Fetch-Site, Origin), and the CORS headers the REST API adds for any origin
 *     are removed from its responses, so a browser never hands the answer to another origin's
 *     script; JSON served with nosniff cannot be read through a <script> tag either;
 *   - every answer, 401 included, carries the no-store header set, so no cache replays one
 *     visitor's answer to another.
 * A request that does carry a valid REST nonce (the editor, say) is authenticated by WordPress as
 * usual.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

use WP_Block_Metadata_Registry;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The block attribute and its values (block.json). */
const DELIVERY_MODE_CACHE_PROOF = 'cache-proof';

/** The REST namespace and route of the per-visitor embed. */
const REST_NAMESPACE = 'helpdesky-block/v1';
const EMBED_ROUTE    = '/embed';

/** Fired when a cache-proof Ticket Center renders; keeps its view script enqueued. */
const CACHE_PROOF_ACTION = 'helpdesky_block_cache_proof_rendered';

/**
 * Whether the block's attributes ask for cache-proof delivery.
 *
 * @param array<mixed> $attributes Block attributes.
 * @return bool
 */
function is_cache_proof( array $attributes ): bool {
	return isset( $attributes['deliveryMode'] ) && DELIVERY_MODE_CACHE_PROOF === $attributes['deliveryMode'];
}

/**
 * What a cache-proof Ticket Center prints: the same for every visitor, so no user data, no
 * signature, nothing that depends on who is signed in.
 *
 * The views a visitor may end up with are rendered here, on the server, with the same markup as
 * inline delivery; render.php puts each in a <template> and the view script only picks one (by
 * what the embed endpoint answers) or adds the script tag. The unavailable view carries the
 * administrators' problem list with one empty item, which the view script repeats for each
 * problem the endpoint names, or removes when there are none.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return array{state: 'cache_proof', config: array{endpoint: string, align: string, maxWidth: string}, variants: array{logged_out: array{state: 'logged_out', prompt: bool, message: string, login_url: string, register_url: string, form: array<string, string|true>|null}, unavailable: array{state: 'unavailable', message: string, problems: list<string>}}}
 */
function cache_proof_view( array $attributes ): array {
	request_flag( FLAG_CACHE_PROOF, true );
	enqueue_view_script();

	/**
	 * Fires when a cache-proof Ticket Center renders.
	 *
	 * @since 0.1.0
	 */
	do_action( CACHE_PROOF_ACTION ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.

	return array(
		'state'    => 'cache_proof',
		// No texts: those are in the variants.
		'config'   => array(
			// Relative, so the script asks the host that served the page (same origin) even when a
			// proxy or CDN serves it under another host name than WordPress's own.
			'endpoint' => wp_make_link_relative( rest_url( REST_NAMESPACE . EMBED_ROUTE ) ),
			'align'    => sanitize_content_align( $attributes['contentAlign'] ?? null ),
			'maxWidth' => sanitize_max_width( $attributes['maxWidth'] ?? null ),
		),
		'variants' => array(
			'logged_out'  => logged_out_view( $attributes ),
			'unavailable' => unavailable_view( array( '' ) ),
		),
	);
}

/**
 * Enqueues the view script (block.json viewScript), registering it first when the block was
 * registered without it: a front-end page registers the Ticket Center without its view script
 * (front_end_metadata()), because inline delivery, the default, needs none, and registering
 * it cost every page that shows the block 0.1 M instructions. Registered by WordPress's own
 * register_block_script_handle() from the same block.json, so the handle, version and loading
 * strategy are the ones the block type would have had.
 *
 * @return void
 */
function enqueue_view_script(): void {
	$handle = generate_block_asset_handle( BLOCK_NAME, 'viewScript' );
	if ( ! wp_script_is( $handle, 'registered' ) ) {
		$folder      = ROOT_DIR . '/build/ticket-center';
		$metadata    = WP_Block_Metadata_Registry::get_metadata( $folder ) ?? wp_json_file_decode( $folder . '/block.json', array( 'associative' => true ) );
		$view_script = is_array( $metadata ) ? ( $metadata['viewScript'] ?? null ) : null;
		if ( ! is_string( $view_script ) || '' === $view_script ) {
			return;
		}
		register_block_script_handle(
			array(
				'name'       => BLOCK_NAME,
				// What register_block_type_from_metadata() adds: where the relative paths start.
				'file'       => $folder . '/block.json',
				'viewScript' => $view_script,
				'version'    => is_string( $metadata['version'] ?? null ) ? $metadata['version'] : '',
			),
			'viewScript'
		);
	}
	wp_enqueue_script( $handle );
}

/**
 * Registers the embed endpoint.
 *
 * @return void
 */
function register_rest_routes(): void {
	register_rest_route(
		REST_NAMESPACE,
		EMBED_ROUTE,
		array(
			'methods'             => WP_REST_Server::READABLE,
			'callback'            => __NAMESPACE__ . '\\rest_embed',
			// Everyone gets an answer, and "not signed in" (401) is one of them: it is decided in the
			// callback so that it carries the same no-store headers as the signed answer.
			'permission_callback' => '__return_true',
			// No parameters: the answer is always about the requesting visitor.
			'args'                => array(),
		)
	);
}

/**
 * GET /helpdesky-block/v1/embed: the signed embed for the requesting visitor.
 *
 * 200 signed_embed() of the requesting user: { state: 'embed', helpdeskId, scriptUrl, email,
 *     signature } | { state: 'hidden' } | { state: 'unavailable', problems: [ { code, message } ] }
 *     (problems listed for administrators only);
 * 401 when nobody is signed in; 403 when the request comes from another origin.
 *
 * @param WP_REST_Request $request The request.
 * @return WP_REST_Response
 */
function rest_embed( WP_REST_Request $request ): WP_REST_Response {
	$response = embed_response( $request );
	foreach ( no_cache_headers() as $name => $value ) {
		$response->header( $name, $value );
	}
	return $response;
}

/**
 * The answer, without headers.
 *
 * @param WP_REST_Request $request The request.
 * @return WP_REST_Response
 */
function embed_response( WP_REST_Request $request ): WP_REST_Response {
	if ( ! is_same_origin_request( $request ) ) {
		return error_response( 'helpdesky_block_cross_origin', __( 'The Ticket Center can only be loaded by this site\'s own pages.', 'helpdesky-block' ), 403 );
	}

	$user_id = requesting_user_id();
	if ( 0 === $user_id ) {
		return error_response( 'helpdesky_block_signed_out', __( 'Please log in to see your support conversations.', 'helpdesky-block' ), 401 );
	}
	wp_set_current_user( $user_id );

	// The signed embed as data, unchanged: the same function decides it for inline rendering.
	return new WP_REST_Response( signed_embed( wp_get_current_user() ) );
}

/**
 * A REST error in WordPress's usual shape.
 *
 * @param string $code    Error code.
 * @param string $message Message.
 * @param int    $status  HTTP status.
 * @return WP_REST_Response
 */
function error_response( string $code, string $message, int $status ): WP_REST_Response {
	return new WP_REST_Response(
		array(
			'code'    => $code,
			'message' => $message,
			'data'    => array( 'status' => $status ),
		),
		$status
	);
}

/**
 * Who is asking: the user WordPress already authenticated (a REST nonce, an application password,
 * an internal request), else the owner of a valid logged-in cookie.
 *
 * @return int User ID, 0 for nobody.
 */
function requesting_user_id(): int {
	if ( is_user_logged_in() ) {
		return get_current_user_id();
	}
	$user_id = wp_validate_auth_cookie( '', 'logged_in' );
	return $user_id ? (int) $user_id : 0;
}

/**
 * Whether the browser says the request comes from this site's own pages.
 *
 * Current browsers mark every fetch with Sec-Fetch-Site; older ones send Origin on cross-origin
 * requests. Clients that send neither (curl, a monitoring check) only ever read their own answer.
 *
 * @param WP_REST_Request $request The request.
 * @return bool
 */
function is_same_origin_request( WP_REST_Request $request ): bool {
	// Page scripts cannot set or change this header, so when it is there it decides. 'none' is the
	// visitor opening the URL themselves.
	$fetch_site = $request->get_header( 'sec_fetch_site' );
	if ( null !== $fetch_site ) {
		return in_array( $fetch_site, array( 'same-origin', 'none' ), true );
	}
	$origin = $request->get_header( 'origin' );
	return null === $origin || '' !== is_allowed_http_origin( $origin );
}

/**
 * Removes the CORS headers the REST API adds for any Origin (rest_send_cors_headers()) from the
 * embed endpoint's responses: no other origin may read them. A rest_pre_serve_request filter that
 * runs after core's.
 *
 * @param bool                  $served  Whether the request has been served.
 * @param mixed                 $result  The response.
 * @param WP_REST_Request|mixed $request The request.
 * @return bool
 */
function remove_embed_cors_headers( $served, $result, $request ) {
	if ( $request instanceof WP_REST_Request && '/' . REST_NAMESPACE . EMBED_ROUTE === $request->get_route() && ! headers_sent() ) {
		foreach ( array( 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers' ) as $header ) {
			header_remove( $header );
		}
	}
	return $served;
}

/**
 * Keeps the view script (block.json viewScript, which core enqueues wherever the block renders)
 * only on pages with a cache-proof Ticket Center: inline delivery needs no script of the plugin's
 * own. A render_block_helpdesky/ticket-center filter, which core applies after it enqueued.
 *
 * @param string $content The block's HTML.
 * @return string The same HTML.
 */
function limit_view_script_to_cache_proof( $content ) {
	if ( ! request_flag( FLAG_CACHE_PROOF ) ) {
		wp_dequeue_script( generate_block_asset_handle( BLOCK_NAME, 'viewScript' ) );
	}
	return $content;
}
