<?php
/**
 * Hooks the plugin into WordPress. Nothing here runs logic at load time.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The block's name, a stable API for themes and patterns. */
const BLOCK_NAME = 'helpdesky/ticket-center';

/**
 * Registers the plugin's hooks.
 *
 * @return void
 */
function bootstrap(): void {
	add_action( 'init', __NAMESPACE__ . '\\register_block' );
	add_action( 'enqueue_block_editor_assets', __NAMESPACE__ . '\\enqueue_editor_data' );
	add_filter( 'rest_request_before_callbacks', __NAMESPACE__ . '\\track_rest_dispatch_start', 0 );
	add_filter( 'rest_request_after_callbacks', __NAMESPACE__ . '\\track_rest_dispatch_end', PHP_INT_MAX );

	// The cache contract (cache.php, detection.php): detect the block before any output; hold a
	// classic theme's output where it may render unseen. Priority 0 comes before core's canonical
	// redirects and most plugins' template_redirect work; PHP_INT_MAX sees the final template.
	add_action( 'template_redirect', __NAMESPACE__ . '\\detect_on_request', 0 );
	add_filter( 'template_include', __NAMESPACE__ . '\\detect_in_template', PHP_INT_MAX );

	// Cache-proof delivery (cache-proof.php).
	add_action( 'rest_api_init', __NAMESPACE__ . '\\register_rest_routes' );
	add_filter( 'rest_pre_serve_request', __NAMESPACE__ . '\\remove_embed_cors_headers', 20, 3 );
	add_filter( 'render_block_' . BLOCK_NAME, __NAMESPACE__ . '\\limit_view_script_to_cache_proof' );

	// The site owner's side: each file registers its own hooks.
	Settings\bootstrap();
	Site_Health\bootstrap();
	Patterns\bootstrap();
	Shortcode\bootstrap();
	Onboarding\bootstrap();
	Privacy\bootstrap();
}

/**
 * Registers the block from its built block.json, the single source of truth for its metadata,
 * assets, translations and render file.
 *
 * @return void
 */
function register_block(): void {
	$block_dir = ROOT_DIR . '/build/ticket-center';
	if ( ! file_exists( $block_dir . '/block.json' ) ) {
		add_action( 'admin_notices', __NAMESPACE__ . '\\build_missing_notice' );
		return;
	}
	register_block_type( $block_dir );
}

/**
 * Tells administrators of a development checkout that the block has not been built.
 *
 * @return void
 */
function build_missing_notice(): void {
	if ( ! current_user_can( 'activate_plugins' ) ) {
		return;
	}
	printf(
		'<div class="notice notice-error"><p>%s</p></div>',
		esc_html__( 'Helpdesky Ticket Center Block: the block has not been built. Run "npm install && npm run build" in the plugin folder, or install a release package.', 'helpdesky-block' )
	);
}

/**
 * What the editor shows about the configuration: booleans and messages, never the secret.
 *
 * @return array<string, mixed>
 */
function editor_data(): array {
	if ( ! current_user_can( 'manage_options' ) ) {
		return array( 'canManageOptions' => false );
	}

	$problems = configuration_problems();
	return array(
		'canManageOptions'     => true,
		'helpdeskIdConfigured' => '' !== helpdesk_id() && ! isset( $problems['helpdesk_id_malformed'] ),
		'secretConfigured'     => null === secret_problem( secret() ),
		'problems'             => array_values( $problems ),
		'settingsUrl'          => Settings\page_url(),
	);
}

/**
 * Hands editor_data() to the editor script, which reads window.helpdeskyBlockEditor.
 *
 * @return void
 */
function enqueue_editor_data(): void {
	$handle = generate_block_asset_handle( BLOCK_NAME, 'editorScript' );
	wp_add_inline_script( $handle, 'window.helpdeskyBlockEditor = ' . wp_json_encode( editor_data() ) . ';', 'before' );
}
