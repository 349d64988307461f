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
 * Autoloaded option: when a block template last rendered one of the plugin's blocks that early
 * detection had not seen (in a template part, say), so that it was registered while the page
 * rendered. WordPress then works out the theme's global styles a second time, which costs such a
 * page far more (about 20 M instructions on Twenty Twenty-Five) than registering the blocks on
 * every page does, so from then on front-end pages register them at init.
 */
const LATE_REGISTRATION_OPTION = 'helpdesky_block_late_registration_seen';

/**
 * Registers the plugin's hooks.
 *
 * @return void
 */
function bootstrap(): void {
	add_action( 'init', __NAMESPACE__ . '\\register_where_used' );
	add_action( 'enqueue_block_editor_assets', __NAMESPACE__ . '\\enqueue_editor_data' );

	// The cache contract (cache.php, detection.php): detect the block before any output; hold a
	// classic theme's output where it may render unseen. Priority 0 comes before core's canonical
	// redirects and most plugins' template_redirect work; PHP_INT_MAX sees the final template.
	add_action( 'template_redirect', __NAMESPACE__ . '\\detect_on_request', 0 );
	add_filter( 'template_include', __NAMESPACE__ . '\\detect_in_template', PHP_INT_MAX );

	// Cache-proof delivery's endpoint (cache-proof.php); its script's filter comes with the blocks
	// (register_blocks()).
	add_action( 'rest_api_init', __NAMESPACE__ . '\\set_up_rest_api' );

	// The shortcodes work on every page.
	Shortcode\register();

	// The messaging widget (widget.php) loads, and adds its footer hook, only while it is on.
	if ( widget_may_be_on() ) {
		load_embed_files();
		require_once ROOT_DIR . '/includes/widget.php';
		Widget\bootstrap();
	}

	maybe_load_login_notice();

	// The site owner's side runs in wp-admin, cron (Site Health's weekly check) and WP-CLI only, so
	// front-end pages neither compile nor declare it. Activation and new network sites can happen
	// in other requests (a script calling activate_plugin(), a front-end network signup), so their
	// hooks live here and load the files when they fire.
	if ( is_site_owner_request() ) {
		load_site_owner_files();
		// Activation returns to the Plugins screen, where cache-purge.php says what it purged.
		add_action( 'load-plugins.php', __NAMESPACE__ . '\\load_cache_purge' );
	}
	if ( may_activate_in_this_request() ) {
		register_activation_hook( ROOT_FILE, __NAMESPACE__ . '\\activate' );
	}
	// A saved post that newly shows the block purges the page caches; cache-purge.php loads then.
	add_action( 'wp_after_insert_post', __NAMESPACE__ . '\\purge_page_caches_after_save', 10, 4 );
	if ( is_multisite() ) {
		// After core's wp_initialize_site (priority 10) has made the new site's tables.
		add_action( 'wp_initialize_site', __NAMESPACE__ . '\\initialize_site', 100 );
	}
}

/**
 * On rest_api_init, which only REST requests reach: registers the blocks and patterns (with
 * them, cache-proof delivery loads), the embed endpoint, and keeps its answers to the site's own
 * origin.
 *
 * @return void
 */
function set_up_rest_api(): void {
	// Registered at init already, unless the request came under an address
	// is_rest_request_at_init() did not recognise.
	register_blocks_and_patterns();
	register_rest_routes();
	add_filter( 'rest_pre_serve_request', __NAMESPACE__ . '\\remove_embed_cors_headers', 20, 3 );
}

/**
 * On wp-login.php only, loads login-notice.php: a signed-in visitor who followed the login link of
 * a prompt a cache showed them is told why, instead of being sent round to the same prompt. Core
 * sets $pagenow before plugins load, so other requests pay one comparison.
 *
 * @return void
 */
function maybe_load_login_notice(): void {
	if ( 'wp-login.php' === ( $GLOBALS['pagenow'] ?? '' ) ) {
		load_embed_files();
		require_once ROOT_DIR . '/includes/login-notice.php';
		Login_Notice\bootstrap();
	}
}

/**
 * Whether this request may show or run the site owner's side: an admin screen (options.php and
 * admin-post.php included), a cron run, or WP-CLI.
 *
 * @return bool
 */
function is_site_owner_request(): bool {
	return is_admin() || wp_doing_cron() || ( defined( 'WP_CLI' ) && WP_CLI );
}

/**
 * Whether the stored settings may have the messaging widget switched on: a quick look, so that
 * pages load widget.php only then; Widget\settings() reads the setting exactly.
 *
 * @return bool
 */
function widget_may_be_on(): bool {
	$stored = stored_option_text( OPTION_NAME );
	if ( null !== $stored && false === strpos( $stored, '"' . WIDGET_KEY . '"' ) ) {
		// Never saved with widget settings: the usual case, answered without get_option().
		return false;
	}
	$option = get_option( OPTION_NAME );
	$widget = is_array( $option ) ? ( $option[ WIDGET_KEY ] ?? null ) : null;
	return is_array( $widget ) && ! empty( $widget['enabled'] );
}

/**
 * Whether this request may activate the plugin, so its activation hook must be in place.
 *
 * WordPress's activate_plugin() includes an inactive plugin's file itself, after plugins_loaded, just before
 * it fires the hook; an active plugin it leaves alone, except when a network activates a plugin
 * that one of its sites already runs. Everywhere else the hook's name, worked out by
 * plugin_basename(), would cost every front-end page for nothing.
 *
 * @return bool
 */
function may_activate_in_this_request(): bool {
	return did_action( 'plugins_loaded' ) || is_multisite() || is_site_owner_request();
}

/**
 * Loads the settings screen, Site Health checks, onboarding notice and privacy text, and
 * registers their hooks, once.
 *
 * @return void
 */
function load_site_owner_files(): void {
	if ( function_exists( __NAMESPACE__ . '\\Settings\\bootstrap' ) ) {
		return;
	}
	load_embed_files();
	require_once ROOT_DIR . '/includes/widget.php';
	require_once ROOT_DIR . '/includes/settings.php';
	require_once ROOT_DIR . '/includes/site-health.php';
	require_once ROOT_DIR . '/includes/onboarding.php';
	require_once ROOT_DIR . '/includes/privacy.php';

	Settings\bootstrap();
	Site_Health\bootstrap();
	Onboarding\bootstrap();
	Privacy\bootstrap();
}

/**
 * Activation: prepares the option on this site or, network-activated, on every site.
 *
 * @param bool|mixed $network_wide Whether the plugin is being network-activated.
 * @return void
 */
function activate( $network_wide = false ): void {
	load_site_owner_files();
	Settings\activate( $network_wide );
	load_cache_purge();
	Cache_Purge\activate( $network_wide );
}

/**
 * Loads cache-purge.php (purging page caches that stored pages before the opt-out) and
 * registers its notices, once.
 *
 * @return void
 */
function load_cache_purge(): void {
	require_once ROOT_DIR . '/includes/cache-purge.php';
	Cache_Purge\bootstrap();
}

/**
 * On wp_after_insert_post: hands the save to Cache_Purge\purge_when_block_added().
 *
 * @param int|mixed           $post_id     Post ID.
 * @param \WP_Post|mixed      $post        The post as saved.
 * @param bool|mixed          $update      Whether an existing post was updated.
 * @param \WP_Post|null|mixed $post_before The post before the update, null for a new post.
 * @return void
 */
function purge_page_caches_after_save( $post_id, $post, $update = false, $post_before = null ): void {
	load_cache_purge();
	Cache_Purge\purge_when_block_added( $post_id, $post, $update, $post_before );
}

/**
 * A site added to a network: prepares its option when the plugin is network-active.
 *
 * @param \WP_Site|mixed $site The new site (wp_initialize_site).
 * @return void
 */
function initialize_site( $site ): void {
	load_site_owner_files();
	Settings\initialize_site( $site );
}

/**
 * On init: registers the blocks and patterns in the requests that list, edit or preview them
 * (wp-admin, REST, cron, WP-CLI); on a front-end page, only once one of them is about to render.
 *
 * Every registered block type costs every page: WordPress walks them all while it builds one
 * (block supports, global styles), about 0.25 M instructions per block before its own assets and
 * translations, and the plugin's two blocks were most of what it cost pages that do not show
 * them. On the front end nothing asks the registry for them before they render: they carry no
 * front-end stylesheet, and the shortcodes render through render_block().
 *
 * @return void
 */
function register_where_used(): void {
	if ( is_site_owner_request() || is_rest_request_at_init() || late_registration_seen() ) {
		// Before WordPress adds the block supports' attributes to the registered types (init, 22).
		register_blocks_and_patterns();
		return;
	}
	// Early detection (detection.php) registers them when the main query, a block widget or the
	// block template mentions one, before the template starts: WordPress works out the theme's
	// global styles again, at a cost of millions of instructions on a block theme, when the
	// registered blocks change after it first did. Wherever else one renders (a template part, a
	// pattern, theme code, a shortcode elsewhere), just before it does.
	add_filter( 'pre_render_block', __NAMESPACE__ . '\\search_rendering_block', PHP_INT_MIN, 3 );
	// A REST request under an address is_rest_request_at_init() did not recognise registers them
	// in set_up_rest_api().
}

/**
 * Whether a block template has rendered one of the plugin's blocks that early detection had not
 * seen, so that it was registered while the page rendered (LATE_REGISTRATION_OPTION).
 *
 * Read from the autoloaded options, where it is whenever it exists: get_option() of a missing
 * option would ask the database on every page.
 *
 * @return bool
 */
function late_registration_seen(): bool {
	$alloptions = autoloaded_options();
	return isset( $alloptions[ LATE_REGISTRATION_OPTION ] ) && (bool) get_option( LATE_REGISTRATION_OPTION );
}

/**
 * Records a late registration in a block template (see LATE_REGISTRATION_OPTION), once.
 *
 * @return void
 */
function remember_late_registration(): void {
	if ( ! get_option( LATE_REGISTRATION_OPTION ) ) {
		update_option( LATE_REGISTRATION_OPTION, time(), true );
	}
}

/**
 * Whether the request addresses the REST API, told apart before WordPress parses it (it does so
 * after init): the editor's block renderer checks attributes against the registered type.
 *
 * @return bool
 */
function is_rest_request_at_init(): bool {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only compared, never used.
	if ( isset( $_GET['rest_route'] ) ) {
		return true;
	}
	$path = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only searched for the REST prefix.
	return false !== strpos( $path, '/' . trim( rest_get_url_prefix(), '/' ) . '/' );
}

/**
 * Registers the plugin's blocks, with their editor assets, and patterns, once per request: what
 * wp-admin, REST, cron and WP-CLI requests get at init.
 *
 * @return void
 */
function register_blocks_and_patterns(): void {
	register_blocks( true );
	register_patterns();
}

/**
 * Registers the plugin's block types, once per request.
 *
 * A front-end page gets them without what only an editor uses (front_end_metadata()): the
 * editor's script and style, whose handles cost the page that shows a block about 0.3 M
 * instructions, and the text domain, whose translation of the title, description and keywords
 * (the inserter's texts) cost 0.2 M. Nor with the view script, which only cache-proof delivery
 * uses: cache_proof_view() enqueues it (0.1 M). If an editor does load on such a page after all
 * (a front-end editing plugin), the types are registered again with all of them.
 *
 * @param bool $for_editor Whether the editor's assets and texts are registered too.
 * @return void
 */
function register_blocks( bool $for_editor ): void {
	request_flag( FLAG_REGISTERED, true );
	// Their render files and the cache-proof script's filter need the embed code.
	load_embed_files();
	if ( ! has_filter( 'render_block_' . BLOCK_NAME, __NAMESPACE__ . '\\limit_view_script_to_cache_proof' ) ) {
		add_filter( 'render_block_' . BLOCK_NAME, __NAMESPACE__ . '\\limit_view_script_to_cache_proof' );
	}
	$registered = \WP_Block_Type_Registry::get_instance()->get_registered( BLOCK_NAME );
	if ( $registered ) {
		if ( ! $for_editor || $registered->editor_script_handles ) {
			return;
		}
		unregister_block_type( BLOCK_NAME );
		unregister_block_type( Contact_Form\BLOCK_NAME );
	}
	if ( ! $for_editor ) {
		add_filter( 'block_type_metadata', __NAMESPACE__ . '\\front_end_metadata' );
	}
	register_block();
	remove_filter( 'block_type_metadata', __NAMESPACE__ . '\\front_end_metadata' );
}

/**
 * On block_type_metadata while a front-end page registers the blocks: leaves out of the plugin's
 * blocks what only an editor uses, its script and style and the text domain, and the view script,
 * which cache-proof delivery enqueues itself (enqueue_view_script()). Without a text domain
 * WordPress keeps the title, description and keywords as block.json has them instead of
 * translating them, which loads the plugin's translations; only the inserter shows those texts,
 * and the editor's registration (wp-admin, REST) translates them.
 *
 * @param mixed $metadata A block.json's data.
 * @return mixed The same, for the plugin's blocks without editorScript, editorStyle, viewScript
 *               and textdomain.
 */
function front_end_metadata( $metadata ) {
	if ( is_array( $metadata ) && isset( $metadata['name'] ) && is_string( $metadata['name'] ) && 0 === strpos( $metadata['name'], BLOCK_NAMESPACE ) ) {
		unset( $metadata['editorScript'], $metadata['editorStyle'], $metadata['viewScript'], $metadata['textdomain'] );
	}
	return $metadata;
}

/**
 * Registers the plugin's pattern category and patterns, once per request.
 *
 * @return void
 */
function register_patterns(): void {
	require_once ROOT_DIR . '/includes/patterns.php';
	request_flag( FLAG_PATTERNS_REGISTERED, true );
	if ( \WP_Block_Patterns_Registry::get_instance()->is_registered( Patterns\SUPPORT_PAGE ) ) {
		return;
	}
	Patterns\register();
}

/**
 * In a front-end request: registers what a find needs (detection.php's FINDS_* bits): the
 * blocks for one of them or for one of the patterns, which hold them; the patterns only for a
 * reference to one.
 *
 * @param int $found FINDS_PLUGIN_BLOCK and FINDS_PLUGIN_PATTERN bits.
 * @return void
 */
function register_for_front_end( int $found ): void {
	if ( $found & ( FINDS_PLUGIN_BLOCK | FINDS_PLUGIN_PATTERN ) ) {
		register_blocks( false );
	}
	if ( $found & FINDS_PLUGIN_PATTERN ) {
		register_patterns();
	}
}

/**
 * Registers the blocks from their built block.json files, the single source of truth for their
 * metadata, assets, translations and render files.
 *
 * Through the manifest `npm run build` writes next to them (build/blocks-manifest.php, each
 * block.json as a PHP array): OPcache keeps that array in memory, so no request reads and decodes
 * the JSON files.
 *
 * @return void
 */
function register_block(): void {
	$manifest = ROOT_DIR . '/build/blocks-manifest.php';
	if ( file_exists( $manifest ) ) {
		wp_register_block_types_from_metadata_collection( ROOT_DIR . '/build', $manifest );
	} elseif ( file_exists( ROOT_DIR . '/build/ticket-center/block.json' ) ) {
		// A build from before the manifest.
		register_block_type( ROOT_DIR . '/build/ticket-center' );
	} elseif ( is_admin() ) {
		add_action( 'admin_notices', __NAMESPACE__ . '\\build_missing_notice' );
	}
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

	// The editor runs in wp-admin, where the settings file is loaded; this keeps the link safe
	// wherever else the editor's assets are enqueued.
	load_site_owner_files();
	$problems = configuration_problems();
	return array(
		'canManageOptions'     => true,
		'helpdeskIdConfigured' => '' !== helpdesk_id() && ! isset( $problems['helpdesk_id_malformed'] ),
		// The Contact Form needs the Helpdesk ID only, so it shows these problems alone.
		'helpdeskIdProblems'   => array_values( array_intersect_key( $problems, array_flip( Contact_Form\HELPDESK_ID_PROBLEMS ) ) ),
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
	// Registered at init in wp-admin; this covers editors that plugins load on the front end.
	register_blocks_and_patterns();
	$handle = generate_block_asset_handle( BLOCK_NAME, 'editorScript' );
	wp_add_inline_script( $handle, 'window.helpdeskyBlockEditor = ' . wp_json_encode( editor_data() ) . ';', 'before' );
}
