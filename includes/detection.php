<?php
/**
 * Early detection: finds the Ticket Center before the page prints its first byte, so the no-cache
 * headers go out in every theme, classic ones included (see CACHING.md in the design notes).
 *
 * Core's has_block() is not enough: it does not follow synced patterns (core/block → wp_block posts),
 * core/pattern references or template parts, and it cannot see block widgets or the template.
 * Detection follows all of them, but only after a plain string test, so pages without any of the
 * markers cost a few strpos() calls and no parsing.
 *
 * Over-detection errs on the safe side (a page is not cached that could have been); a miss is
 * covered by the block itself, which marks the page when it renders (ticket_center_view()).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block;

use WP_Block;
use WP_Post;
use WP_Query;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Fired when early detection finds the block (or a site forces the opt-out). */
const DETECTED_ACTION = 'helpdesky_block_detected';

/** Filters whether a page is opted out although detection did not find the block. */
const FORCE_FILTER = 'helpdesky_block_force_uncacheable';

/**
 * Theme feature: the classic (PHP) templates of the theme that print the Ticket Center, as file
 * names relative to the theme's folder, e.g.
 * add_theme_support( 'helpdesky-block-templates', array( 'page-support.php' ) ).
 */
const TEMPLATES_FEATURE = 'helpdesky-block-templates';

/** What every block name of the plugin starts with. */
const BLOCK_NAMESPACE = 'helpdesky/';

/** What every pattern name of the plugin starts with. */
const PATTERN_NAMESPACE = 'helpdesky-block/';

/** What scan_tree() looks for, and finds: one of the plugin's blocks. */
const FINDS_PLUGIN_BLOCK = 1;

/** What scan_tree() looks for, and finds: a Ticket Center that must not be cached. */
const FINDS_UNCACHEABLE = 2;

/** What scan_tree() looks for, and finds: a reference to one of the plugin's patterns. */
const FINDS_PLUGIN_PATTERN = 4;

/**
 * How many references (synced pattern, pattern, template part) detection follows into each other.
 * Core renders deeper nesting, but real sites stay far below this, and a bound keeps a runaway
 * chain from costing more than the page.
 */
const MAX_REFERENCE_DEPTH = 10;

/**
 * Strings that must appear in block markup before detection parses it: the block itself, and the
 * three blocks that pull in content stored elsewhere.
 */
const DETECTION_MARKERS = array( 'wp:helpdesky/ticket-center', 'wp:block ', 'wp:pattern ', 'wp:template-part ' );

/**
 * On template_redirect (early): opts the page out of caching when the main query's posts or an
 * active block widget would render the block, or when a site forces it for this URL.
 *
 * Runs before the template starts, so the headers go out even when a classic theme later prints
 * the content mid-page.
 *
 * @return void
 */
function detect_on_request(): void {
	$widget_contents = active_block_widget_contents();
	if ( ! request_flag( FLAG_REGISTERED ) ) {
		register_for_front_end( request_mentions_plugin( $widget_contents ) );
	}
	if ( request_flag( FLAG_UNCACHEABLE ) ) {
		return;
	}

	$where = early_detection( $widget_contents );
	if ( 'main_query' === $where || 'widgets' === $where ) {
		// Found behind a reference the string search does not follow (a synced pattern, say).
		register_for_front_end( FINDS_PLUGIN_BLOCK );
	}
	if ( '' !== $where ) {
		detected( $where );
	}
}

/**
 * The URL of the current request on this site: for the force filter's listeners, and for the
 * prompt's "log in and come back here".
 *
 * Built from the request but never trusting its Host header, so a forged one cannot turn the
 * login link into an open redirect. Usually the host is the site's own, and the URL is the
 * site's scheme and host plus the escaped path; any other host goes through
 * wp_validate_redirect() (which knows the allowed_redirect_hosts filter) and, when refused, the
 * post's permalink or the home page. Early detection asks for it on every page where a theme
 * listens to the force filter, so the usual case avoids the validation's cost.
 *
 * @return string
 */
function current_url(): string {
	$host = isset( $_SERVER['HTTP_HOST'] ) && is_string( $_SERVER['HTTP_HOST'] ) ? strtolower( wp_unslash( $_SERVER['HTTP_HOST'] ) ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only compared with the site's own host, or validated below.
	$uri  = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- escaped below unless it holds only characters that need none.
	if ( ! preg_match( '~^[/\w.\-\~?=&+,;:@!$*()]*$~', $uri ) ) {
		$uri = esc_url_raw( $uri );
	}
	$url = '';
	if ( '' !== $host && '' !== $uri ) {
		$scheme = is_ssl() ? 'https://' : 'http://';
		$path   = '/' . ltrim( $uri, '/' );
		$home   = stored_option_text( 'home' ) ?? get_option( 'home' );
		$home   = is_string( $home ) ? wp_parse_url( $home ) : false;
		$own    = is_array( $home ) && isset( $home['host'] ) ? strtolower( $home['host'] . ( isset( $home['port'] ) ? ':' . $home['port'] : '' ) ) : '';
		$url    = $host === $own ? $scheme . $own . $path : wp_validate_redirect( $scheme . sanitize_text_field( $host ) . $path, '' );
	}
	// The fallback only when needed: get_permalink() costs more than the rest.
	if ( '' === $url ) {
		$url = is_singular() ? (string) get_permalink() : home_url( '/' );
	}
	return $url;
}

/**
 * Where early detection found a reason to opt out, or ''.
 *
 * @param string[]|null $widget_contents active_block_widget_contents(), when already read.
 * @return string 'forced', 'main_query', 'widgets' or ''.
 */
function early_detection( ?array $widget_contents = null ): string {
	/**
	 * Filters whether the current request is excluded from caching although detection did not
	 * find the block, for pages that render it from places detection cannot see (a page builder,
	 * a custom query, theme code). Runs on template_redirect, before any output.
	 *
	 * @since 0.1.0
	 *
	 * @param bool   $force Default false.
	 * @param string $url   The requested URL on this site.
	 */
	// The URL is only worked out for a listener: sanitizing and validating it cost about 0.1 M
	// instructions, more than the rest of early detection, on every page.
	if ( has_filter( FORCE_FILTER ) && apply_filters( FORCE_FILTER, false, current_url() ) ) { // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
		return 'forced';
	}

	if ( main_query_needs_protection() ) {
		return 'main_query';
	}

	foreach ( $widget_contents ?? active_block_widget_contents() as $content ) {
		if ( content_needs_protection( $content ) ) {
			return 'widgets';
		}
	}

	return '';
}

/**
 * On template_include (last): in a block template, arranges to look for the block in the
 * template, its template parts and their patterns as they render, before any output (see
 * search_rendering_block()); in a classic (PHP) template, opts the page out when the theme
 * declares that the template prints the block (see is_declared_template()), or else holds the
 * output when the block may render mid-page (see hold_output()).
 *
 * By this filter WordPress has resolved the template ($_wp_current_template_content) and printed
 * nothing yet.
 *
 * @param mixed $template Path of the template WordPress is about to include.
 * @return mixed The same template.
 */
function detect_in_template( $template ) {
	global $_wp_current_template_content;

	if ( request_flag( FLAG_UNCACHEABLE ) ) {
		return $template;
	}

	$is_block_template = is_string( $template )
		&& 'template-canvas.php' === basename( $template )
		&& is_string( $_wp_current_template_content )
		&& '' !== $_wp_current_template_content;

	if ( ! $is_block_template && is_string( $template ) && is_declared_template( $template ) ) {
		// Before the template prints anything. The blocks are registered when the first one
		// renders: on a classic page that costs less than registering them before the head.
		detected( 'template' );
		return $template;
	}
	if ( $is_block_template && ! request_flag( FLAG_REGISTERED ) ) {
		register_for_front_end( plugin_mentions( $_wp_current_template_content ) );
	}
	if ( $is_block_template ) {
		// template-canvas.php renders the whole template, its parts and patterns before it prints
		// a byte, so the template is searched as WordPress renders it: each piece of content is
		// already parsed and resolved then. Resolving and parsing it all a second time here cost
		// more than the rest of the plugin on every page of a block theme.
		request_flag( FLAG_TEMPLATE_SEARCH, true );
		add_filter( 'pre_render_block', __NAMESPACE__ . '\\search_rendering_block', PHP_INT_MIN, 3 );
	} elseif ( is_cacheable_method() && may_render_late() ) {
		hold_output();
	}

	return $template;
}

/**
 * Whether the theme declares (TEMPLATES_FEATURE) that this classic template prints the Ticket
 * Center: a file of the active theme or its parent, named relative to the theme's folder.
 *
 * A theme that prints the block from its own PHP template tells the plugin so once, and every
 * page using that template is opted out before any output. Pages of themes that declare nothing
 * pay one lookup in the theme's features.
 *
 * @param string $template Path of the template WordPress is about to include.
 * @return bool
 */
function is_declared_template( string $template ): bool {
	$declared = get_theme_support( TEMPLATES_FEATURE );
	if ( ! is_array( $declared ) ) {
		return false;
	}
	// The feature takes the file names as one list or as separate arguments.
	$files = array();
	$name  = basename( $template );
	foreach ( $declared as $value ) {
		foreach ( (array) $value as $file ) {
			// Most pages use another template: a comparison of file names decides for them.
			if ( is_string( $file ) && basename( $file ) === $name ) {
				$files[] = ltrim( wp_normalize_path( $file ), '/' );
			}
		}
	}
	if ( ! $files ) {
		return false;
	}
	$template = wp_normalize_path( $template );
	foreach ( array_unique( array( get_stylesheet_directory(), get_template_directory() ) ) as $folder ) {
		$folder = trailingslashit( wp_normalize_path( $folder ) );
		if ( 0 === strpos( $template, $folder ) && in_array( substr( $template, strlen( $folder ) ), $files, true ) ) {
			return true;
		}
	}
	return false;
}

/**
 * On pre_render_block, before WordPress builds the block: looks in the block about to render for
 * what this request still has to find, and acts on it.
 * - In a front-end request until they are registered: the plugin's blocks and patterns, which it
 *   then registers (see register_where_used()).
 * - While a block template renders: a Ticket Center that must not be cached, which opts the page
 *   out before any output (template-canvas.php renders the whole template, its parts and
 *   patterns before it prints a byte).
 * One callback for both, because WordPress calling it once per block is most of what it costs.
 *
 * A top-level block is searched whole, so a Ticket Center inside a group that a visibility plugin
 * hides from this visitor still opts the page out: a cache that ignores cookies would otherwise
 * store the page without it and serve that to the users who should see it. And WordPress looks up
 * the type of each inner block before this filter runs for it, so registering then would be too
 * late.
 *
 * A top-level block is one without a parent, or one at the top of a synced pattern: in
 * WordPress 7.x, render_block_core_block() parses the pattern into the inner blocks of its
 * core/block while it renders, so they arrive with that block as their parent but were not in
 * the tree when it was searched (6.8 rendered them with do_blocks(), without a parent). For the
 * same reason a synced pattern's stored content is read when its core/block is about to render
 * (the post is cached for core's own lookup then, so reading it costs no query). Other inner
 * blocks cost two comparisons.
 *
 * @param string|null $pre_render   Core's short-circuit value, passed through untouched.
 * @param mixed       $parsed_block The block about to render, as parse_blocks() returns it.
 * @param mixed       $parent_block The WP_Block it renders inside, null for a top-level block.
 * @return string|null $pre_render.
 */
function search_rendering_block( $pre_render, $parsed_block, $parent_block = null ) {
	if ( ! is_array( $parsed_block ) ) {
		return $pre_render;
	}
	$is_synced_pattern = 'core/block' === ( $parsed_block['blockName'] ?? null );
	$is_top_level      = null === $parent_block || ( $parent_block instanceof WP_Block && 'core/block' === $parent_block->name );
	if ( ! $is_top_level && ! $is_synced_pattern ) {
		return $pre_render;
	}

	$raised = raised_request_flags();
	$wanted = ( isset( $raised[ FLAG_REGISTERED ] ) ? 0 : FINDS_PLUGIN_BLOCK )
		| ( isset( $raised[ FLAG_PATTERNS_REGISTERED ] ) ? 0 : FINDS_PLUGIN_PATTERN )
		| ( isset( $raised[ FLAG_TEMPLATE_SEARCH ] ) && ! isset( $raised[ FLAG_UNCACHEABLE ] ) ? FINDS_UNCACHEABLE : 0 );
	$found  = $is_top_level ? scan_tree( $parsed_block, $wanted ) : 0;
	if ( $is_synced_pattern && ( $wanted & ( FINDS_PLUGIN_BLOCK | FINDS_PLUGIN_PATTERN ) ) ) {
		$found |= synced_pattern_mentions_plugin( $parsed_block ) & $wanted;
	}
	if ( $found & ( FINDS_PLUGIN_BLOCK | FINDS_PLUGIN_PATTERN ) ) {
		register_for_front_end( $found );
		if ( ! isset( $raised[ FLAG_REGISTERED ] ) && isset( $raised[ FLAG_TEMPLATE_SEARCH ] ) ) {
			remember_late_registration();
		}
	}
	if ( $found & FINDS_UNCACHEABLE ) {
		// No references followed: WordPress resolves each while the template renders, and
		// each arrives here in turn.
		detected( 'template' );
	}
	if ( ( $wanted & ~$found ) === 0 ) {
		// Nothing left to look for in this request.
		remove_filter( 'pre_render_block', __NAMESPACE__ . '\\search_rendering_block', PHP_INT_MIN );
	}
	return $pre_render;
}

/**
 * Which of the $wanted FINDS_* a parsed block or one of its inner blocks, at any depth, is: one
 * of the plugin's blocks or patterns, a Ticket Center that must not be cached. The walk of the
 * template search, which runs on every top-level block of a block theme's page: it only compares
 * names, reads attributes where the name matches, and stops when it has found all it wants.
 *
 * @param array<mixed> $block  A block as parse_blocks() returns it.
 * @param int          $wanted FINDS_* bits to look for.
 * @return int The FINDS_* bits found, of those wanted.
 */
function scan_tree( array $block, int $wanted ): int {
	$found = 0;
	// A list of blocks still to look at rather than recursion, and as few steps as possible per
	// block: this runs on every block of every block-theme page.
	$pending = array( $block );
	while ( $pending ) {
		$block = array_pop( $pending );
		if ( ! is_array( $block ) ) {
			continue;
		}
		$name = $block['blockName'] ?? '';
		if ( BLOCK_NAME === $name ) {
			load_embed_files();
			$found |= ( FINDS_PLUGIN_BLOCK | ( is_cache_proof( isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array() ) ? 0 : FINDS_UNCACHEABLE ) ) & $wanted;
		} elseif ( is_string( $name ) && 'h' === ( $name[0] ?? '' ) ) {
			$found |= ( 0 === strpos( $name, BLOCK_NAMESPACE ) ? FINDS_PLUGIN_BLOCK : 0 ) & $wanted;
		} elseif ( 'core/pattern' === $name && is_plugin_pattern( $block ) ) {
			$found |= FINDS_PLUGIN_PATTERN & $wanted;
		}
		if ( $found === $wanted ) {
			break;
		}
		if ( ! empty( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) ) {
			foreach ( $block['innerBlocks'] as $inner_block ) {
				$pending[] = $inner_block;
			}
		}
	}
	return $found;
}

/**
 * Whether a core/pattern block refers to one of the plugin's patterns.
 *
 * @param array<mixed> $block A core/pattern block as parse_blocks() returns it.
 * @return bool
 */
function is_plugin_pattern( array $block ): bool {
	$slug = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? ( $block['attrs']['slug'] ?? null ) : null;
	return is_string( $slug ) && 0 === strpos( $slug, PATTERN_NAMESPACE );
}

/**
 * What of the plugin a synced pattern's (core/block's) stored content mentions.
 *
 * @param array<mixed> $block A core/block as parse_blocks() returns it.
 * @return int FINDS_PLUGIN_BLOCK and FINDS_PLUGIN_PATTERN bits.
 */
function synced_pattern_mentions_plugin( array $block ): int {
	$ref = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? ( $block['attrs']['ref'] ?? null ) : null;
	if ( ! is_numeric( $ref ) ) {
		return 0;
	}
	$post = get_post( (int) $ref );
	return $post instanceof WP_Post && 'wp_block' === $post->post_type ? plugin_mentions( $post->post_content ) : 0;
}

/**
 * What of the plugin block markup mentions: one of its blocks or shortcodes, one of its
 * patterns. A string search: a false positive only registers what every page registered before.
 *
 * @param string $content Block markup.
 * @return int FINDS_PLUGIN_BLOCK and FINDS_PLUGIN_PATTERN bits.
 */
function plugin_mentions( string $content ): int {
	return ( false !== strpos( $content, 'wp:' . BLOCK_NAMESPACE ) || false !== strpos( $content, '[helpdesky_' ) ? FINDS_PLUGIN_BLOCK : 0 )
		| ( false !== strpos( $content, '"' . PATTERN_NAMESPACE ) ? FINDS_PLUGIN_PATTERN : 0 );
}

/**
 * What of the plugin the posts of the main query and the active block widgets mention (early
 * detection, on template_redirect in a front-end request).
 *
 * @param string[] $widget_contents active_block_widget_contents().
 * @return int FINDS_PLUGIN_BLOCK and FINDS_PLUGIN_PATTERN bits.
 */
function request_mentions_plugin( array $widget_contents ): int {
	global $wp_query;

	$contents = $widget_contents;
	if ( $wp_query instanceof WP_Query ) {
		foreach ( (array) $wp_query->posts as $post ) {
			if ( $post instanceof WP_Post ) {
				$contents[] = $post->post_content;
			}
		}
	}
	$found = 0;
	foreach ( $contents as $content ) {
		if ( may_matter_to_detection( $content ) ) {
			$found |= plugin_mentions( $content );
		}
	}
	return $found;
}


/**
 * Reports and acts on a detection.
 *
 * @param string $where 'forced', 'main_query', 'widgets' or 'template' (a block template, or a
 *                      classic one the theme declares).
 * @return void
 */
function detected( string $where ): void {
	/**
	 * Fires when the plugin finds, before any output, that the page will show the Ticket Center
	 * (or that a site forced the opt-out), just before it opts the page out of caching.
	 *
	 * @since 0.1.0
	 *
	 * @param string $where 'forced', 'main_query', 'widgets' or 'template' (a block template, or a
	 *                      classic one the theme declares).
	 */
	do_action( DETECTED_ACTION, $where ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- a prefixed hook-name constant.
	mark_uncacheable();
}

/**
 * Whether caches store answers to this request's method at all; others need no protection.
 *
 * @return bool
 */
function is_cacheable_method(): bool {
	// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only compared with two fixed values.
	$method = isset( $_SERVER['REQUEST_METHOD'] ) ? wp_unslash( $_SERVER['REQUEST_METHOD'] ) : 'GET';
	return in_array( $method, array( 'GET', 'HEAD' ), true );
}

/**
 * Whether a post of the main query would render the block. Every post counts, not only singular
 * views: home, archive and search loops of block themes render full content.
 *
 * @return bool
 */
function main_query_needs_protection(): bool {
	global $wp_query;

	if ( ! $wp_query instanceof WP_Query ) {
		return false;
	}
	foreach ( (array) $wp_query->posts as $post ) {
		$post = get_post( $post );
		// A password form shows instead of the content until the visitor enters the password,
		// and then the request carries a cookie that this check sees too.
		if ( $post instanceof WP_Post && ! post_password_required( $post ) && content_needs_protection( $post->post_content ) ) {
			return true;
		}
	}
	return false;
}

/**
 * The content of every block widget in a sidebar the theme has registered, after the
 * sidebars_widgets filter (which widget-visibility plugins use). The inactive-widgets area and
 * sidebars of another theme never render.
 *
 * When no stored block widget mentions the plugin or holds a detection marker, none can matter to
 * detection, and the answer is empty without unserializing the widgets or resolving sidebars:
 * the usual widgets (search, latest posts, a heading) cost a few string searches.
 *
 * @return string[]
 */
function active_block_widget_contents(): array {
	$stored = stored_option_text( 'widget_block' );
	if ( null !== $stored && ! may_matter_to_detection( $stored ) ) {
		return array();
	}
	$instances = get_option( 'widget_block' );
	if ( ! is_array( $instances ) || ! $instances ) {
		return array();
	}

	$contents = array();
	foreach ( wp_get_sidebars_widgets() as $sidebar_id => $widget_ids ) {
		if ( 'wp_inactive_widgets' === $sidebar_id || ! is_array( $widget_ids ) || ! is_registered_sidebar( $sidebar_id ) ) {
			continue;
		}
		foreach ( $widget_ids as $widget_id ) {
			$instance = is_string( $widget_id ) && preg_match( '/^block-(\d+)$/', $widget_id, $match ) ? ( $instances[ $match[1] ] ?? null ) : null;
			if ( is_array( $instance ) && isset( $instance['content'] ) && is_string( $instance['content'] ) ) {
				$contents[] = $instance['content'];
			}
		}
	}
	return $contents;
}

/**
 * Whether block markup renders the Ticket Center in a mode that must not be cached (anything but
 * the cache-proof mode), directly, through its shortcode, or through synced patterns, patterns
 * and template parts.
 *
 * @param string              $content Block markup.
 * @param array<string, true> $seen    References already followed; keeps cycles finite.
 * @param int                 $depth   How many references deep $content is.
 * @return bool
 */
function content_needs_protection( string $content, array &$seen = array(), int $depth = 0 ): bool {
	if ( $depth > MAX_REFERENCE_DEPTH || ! may_matter_to_detection( $content ) ) {
		return false;
	}
	// The shortcode renders the same block, so its instances go through the same walk.
	if ( blocks_need_protection( Shortcode\instances_in( $content ), $seen, $depth ) ) {
		return true;
	}
	if ( ! has_detection_marker( $content ) ) {
		return false;
	}
	return blocks_need_protection( parse_blocks( $content ), $seen, $depth );
}

/**
 * Whether text may mention the plugin (plugin_mentions()) or hold a detection marker
 * (has_detection_marker()): one pass over text that usually has neither, such as every post of
 * the main query and the stored block widgets on every page. Every string the two look for
 * contains "helpdesky" or is a marker of a block that pulls in content.
 *
 * @param string $text Block markup, or an option's stored text.
 * @return bool
 */
function may_matter_to_detection( string $text ): bool {
	return 1 === preg_match( '/helpdesky|wp:(?:block|pattern|template-part) /', $text );
}

/**
 * The string test before any parsing.
 *
 * @param string $content Block markup.
 * @return bool
 */
function has_detection_marker( string $content ): bool {
	foreach ( DETECTION_MARKERS as $marker ) {
		if ( false !== strpos( $content, $marker ) ) {
			return true;
		}
	}
	return false;
}

/**
 * Walks parsed blocks and the content they reference.
 *
 * @param array<mixed>        $blocks Output of parse_blocks(), or innerBlocks.
 * @param array<string, true> $seen   See content_needs_protection().
 * @param int                 $depth  See content_needs_protection().
 * @return bool
 */
function blocks_need_protection( array $blocks, array &$seen, int $depth ): bool {
	foreach ( $blocks as $block ) {
		if ( ! is_array( $block ) ) {
			continue;
		}
		$name  = $block['blockName'] ?? null;
		$attrs = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array();

		if ( BLOCK_NAME === $name ) {
			load_embed_files();
			if ( ! is_cache_proof( $attrs ) ) {
				return true;
			}
		}

		$reference = is_string( $name ) ? referenced_content( $name, $attrs ) : null;
		if ( null !== $reference && ! isset( $seen[ $reference['key'] ] ) ) {
			$seen[ $reference['key'] ] = true;
			if ( content_needs_protection( $reference['content'], $seen, $depth + 1 ) ) {
				return true;
			}
		}

		if ( ! empty( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) && blocks_need_protection( $block['innerBlocks'], $seen, $depth ) ) {
			return true;
		}
	}
	return false;
}

/**
 * The content a block pulls in from elsewhere, looked up the way its render callback does.
 *
 * @param string       $name  Block name.
 * @param array<mixed> $attrs Block attributes.
 * @return array{key: string, content: string}|null
 */
function referenced_content( string $name, array $attrs ): ?array {
	switch ( $name ) {
		case 'core/block':
			// render_block_core_block() shows published, password-free wp_block posts only.
			$ref  = isset( $attrs['ref'] ) && is_numeric( $attrs['ref'] ) ? (int) $attrs['ref'] : 0;
			$post = $ref > 0 ? get_post( $ref ) : null;
			if ( ! $post instanceof WP_Post || 'wp_block' !== $post->post_type || 'publish' !== $post->post_status || '' !== $post->post_password ) {
				return null;
			}
			return array(
				'key'     => 'wp_block:' . $ref,
				'content' => $post->post_content,
			);

		case 'core/pattern':
			$slug = isset( $attrs['slug'] ) && is_string( $attrs['slug'] ) ? $attrs['slug'] : '';
			if ( '' === $slug ) {
				return null;
			}
			// The registry keeps the content it loads, so rendering later reads it again for free.
			$pattern = \WP_Block_Patterns_Registry::get_instance()->get_registered( $slug );
			if ( ! is_array( $pattern ) || ! isset( $pattern['content'] ) || ! is_string( $pattern['content'] ) ) {
				return null;
			}
			return array(
				'key'     => 'pattern:' . $slug,
				'content' => $pattern['content'],
			);

		case 'core/template-part':
			$slug  = isset( $attrs['slug'] ) && is_string( $attrs['slug'] ) ? $attrs['slug'] : '';
			$theme = isset( $attrs['theme'] ) && is_string( $attrs['theme'] ) ? $attrs['theme'] : get_stylesheet();
			// render_block_core_template_part() renders parts of the active theme only.
			if ( '' === $slug || get_stylesheet() !== $theme ) {
				return null;
			}
			return array(
				'key'     => 'part:' . $theme . '//' . $slug,
				'content' => template_part_content( $theme, $slug ),
			);
	}
	return null;
}

/**
 * A template part's content, found the way render_block_core_template_part() finds it.
 *
 * First a published wp_template_part post of the theme, with the very query core runs: WordPress
 * caches query results for the request, so when the part renders, core's lookup is answered from
 * that cache and detection adds no query. (get_block_template() would run a different query, one
 * more per part on every page.) Else the theme's file, as core reads it.
 *
 * @param string $theme Theme slug.
 * @param string $slug  Template part slug.
 * @return string
 */
function template_part_content( string $theme, string $slug ): string {
	$query = new WP_Query(
		array(
			'post_type'           => 'wp_template_part',
			'post_status'         => 'publish',
			'post_name__in'       => array( $slug ),
			'tax_query'           => array( // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_tax_query -- core's own query, answered from its cache when the part renders.
				array(
					'taxonomy' => 'wp_theme',
					'field'    => 'name',
					'terms'    => $theme,
				),
			),
			'posts_per_page'      => 1,
			'no_found_rows'       => true,
			'lazy_load_term_meta' => false,
		)
	);
	$post  = $query->have_posts() ? $query->next_post() : null;
	if ( $post instanceof WP_Post ) {
		return $post->post_content;
	}
	if ( 0 !== validate_file( $slug ) ) {
		return '';
	}
	$template = get_block_file_template( $theme . '//' . $slug, 'wp_template_part' );
	return $template ? (string) $template->content : '';
}
