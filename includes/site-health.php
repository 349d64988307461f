<?php
/**
 * Tools → Site Health: what can break the Ticket Center or leak a signature, and an Info section
 * with the configuration (never the secret) to paste into a support request.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Site_Health;

use Helpdesky\Block;
use Helpdesky\Block\Contact_Form;
use Helpdesky\Block\Settings;
use Helpdesky\Block\Widget;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Prefix of the tests' identifiers and the Info section's key. */
const PREFIX = 'helpdesky_block';

/**
 * Registers the Site Health hooks.
 *
 * @return void
 */
function bootstrap(): void {
	add_filter( 'site_status_tests', __NAMESPACE__ . '\\add_tests' );
	add_filter( 'debug_information', __NAMESPACE__ . '\\add_debug_information' );
}

/**
 * Adds the plugin's direct tests. They read options and constants only: no remote requests.
 *
 * @param array<string, mixed> $tests Tests by type ('direct', 'async').
 * @return array<string, mixed>
 */
function add_tests( $tests ): array {
	$tests  = (array) $tests;
	$direct = isset( $tests['direct'] ) && is_array( $tests['direct'] ) ? $tests['direct'] : array();
	foreach (
		array(
			'configuration'  => __( 'Helpdesky Ticket Center configuration', 'helpdesky-block' ),
			'secret_storage' => __( 'Where the Helpdesky HMAC secret is stored', 'helpdesky-block' ),
			'https'          => __( 'HTTPS for pages with the Helpdesky Ticket Center', 'helpdesky-block' ),
			'page_cache'     => __( 'Page cache settings and the Helpdesky Ticket Center', 'helpdesky-block' ),
		) as $name => $label
	) {
		$direct[ PREFIX . '_' . $name ] = array(
			'label' => $label,
			'test'  => __NAMESPACE__ . '\\test_' . $name,
		);
	}
	$tests['direct'] = $direct;
	return $tests;
}

/**
 * A Site Health result in the shape core expects.
 *
 * @param string $name        Test name without prefix.
 * @param string $status      'good', 'recommended' or 'critical'.
 * @param string $label       Headline.
 * @param string $description HTML, already escaped.
 * @param string $actions     HTML, already escaped.
 * @return array<string, mixed>
 */
function result( string $name, string $status, string $label, string $description, string $actions = '' ): array {
	return array(
		'label'       => $label,
		'status'      => $status,
		'badge'       => array(
			'label' => __( 'Helpdesky', 'helpdesky-block' ),
			'color' => 'critical' === $status ? 'red' : ( 'recommended' === $status ? 'orange' : 'blue' ),
		),
		'description' => $description,
		'actions'     => $actions,
		'test'        => PREFIX . '_' . $name,
	);
}

/**
 * A link to the settings screen, for the actions of a result.
 *
 * @return string
 */
function settings_action(): string {
	return sprintf( '<p><a href="%s">%s</a></p>', esc_url( Settings\page_url() ), esc_html__( 'Open Settings → Helpdesky', 'helpdesky-block' ) );
}

/**
 * Messages as escaped list items for a test's description.
 *
 * @param string[] $messages Plain-text messages.
 * @return string
 */
function list_items( array $messages ): string {
	$items = '';
	foreach ( $messages as $message ) {
		$items .= '<li>' . esc_html( $message ) . '</li>';
	}
	return $items;
}

/**
 * Critical when the Helpdesk ID or the secret is missing or malformed: signed-in users then see
 * "not available" instead of their tickets.
 *
 * @return array<string, mixed>
 */
function test_configuration(): array {
	$problems = Block\configuration_problems();
	if ( ! $problems ) {
		return result(
			'configuration',
			'good',
			__( 'The Helpdesky Ticket Center is configured', 'helpdesky-block' ),
			'<p>' . esc_html__( 'A Helpdesk ID and an HMAC secret of the right shape are set, so signed-in users get a signed Ticket Center.', 'helpdesky-block' ) . '</p>'
		);
	}

	$items = list_items( $problems );
	return result(
		'configuration',
		'critical',
		__( 'The Helpdesky Ticket Center is not configured', 'helpdesky-block' ),
		'<p>' . esc_html__( 'Signed-in users see "The support center is not available right now" instead of their support conversations:', 'helpdesky-block' ) . '</p><ul>' . $items . '</ul>',
		settings_action()
	);
}

/**
 * Recommended when the secret comes from the database rather than wp-config.php or the
 * environment: database copies travel further than wp-config.php.
 *
 * @return array<string, mixed>
 */
function test_secret_storage(): array {
	if ( 'option' !== Block\config_value( Block\SECRET_NAME )['source'] ) {
		return result(
			'secret_storage',
			'good',
			__( 'The Helpdesky HMAC secret is not stored in the database', 'helpdesky-block' ),
			'<p>' . esc_html__( 'Database backups, exports and staging copies do not carry the secret that signs your users\' Ticket Center.', 'helpdesky-block' ) . '</p>'
		);
	}

	return result(
		'secret_storage',
		'recommended',
		__( 'The Helpdesky HMAC secret is stored in the database', 'helpdesky-block' ),
		'<p>' . sprintf(
			/* translators: %s: the constant's name, HELPDESKY_HMAC_SECRET. */
			esc_html__( 'Anyone who gets a copy of the database (a backup, an export, a staging site, an SQL injection in another plugin) can sign in to Helpdesky as any of your users. Define the secret as the %s constant in wp-config.php instead, then remove it on the settings screen.', 'helpdesky-block' ),
			'<code>' . esc_html( Block\SECRET_NAME ) . '</code>'
		) . '</p>',
		settings_action()
	);
}

/**
 * Recommended when the site's address is not HTTPS: each page with the Ticket Center carries a
 * signature that opens the user's tickets, readable by anyone on the network over plain HTTP.
 *
 * The configured home URL is checked, not the current request, which may differ behind a proxy.
 *
 * @return array<string, mixed>
 */
function test_https(): array {
	$home = get_option( 'home' );
	if ( is_string( $home ) && 'https' === wp_parse_url( $home, PHP_URL_SCHEME ) ) {
		return result(
			'https',
			'good',
			__( 'Pages with the Helpdesky Ticket Center are served over HTTPS', 'helpdesky-block' ),
			'<p>' . esc_html__( 'The signature in each Ticket Center page travels encrypted.', 'helpdesky-block' ) . '</p>'
		);
	}

	return result(
		'https',
		'recommended',
		__( 'Pages with the Helpdesky Ticket Center are not served over HTTPS', 'helpdesky-block' ),
		'<p>' . esc_html__( 'Each Ticket Center page carries a signature that opens the signed-in user\'s support conversations. Over plain HTTP anyone on the same network can read it. Switch the site to HTTPS (Settings → General, or ask your host). On a local development site you can ignore this.', 'helpdesky-block' ) . '</p>'
	);
}

/**
 * Recommended when an active page-cache plugin is set to cache pages for signed-in users.
 *
 * The block opts every page that shows it out of these caches, but with such a setting a single
 * missed opt-out (another plugin forcing the cache, the block inside something the plugin cannot
 * see) would serve one user's signed Ticket Center to others.
 *
 * @return array<string, mixed>
 */
function test_page_cache(): array {
	$risks = risky_cache_settings();
	if ( ! $risks ) {
		return result(
			'page_cache',
			'good',
			__( 'No known page cache setting caches pages for signed-in users', 'helpdesky-block' ),
			'<p>' . esc_html__( 'The settings checked here (of W3 Total Cache, WP Super Cache, Cache Enabler, Comet Cache, LiteSpeed Cache and WP Rocket) do not cache pages for signed-in users or show them the signed-out version. Other caches (a host\'s, a CDN\'s) are not checked; pages with the block send the headers that keep them out of caches that honour them.', 'helpdesky-block' ) . '</p>'
		);
	}

	$items = list_items( $risks );
	return result(
		'page_cache',
		'recommended',
		__( 'A page cache is set to cache pages for signed-in users', 'helpdesky-block' ),
		'<p>' . esc_html__( 'With these settings signed-in users may get the signed-out version of the support page (a login prompt whose login link only brings them back to it), or one missed opt-out would show a user\'s support conversations to someone else. Turn them off, or switch the Ticket Center block to cache-proof delivery (block settings → Caching → Delivery), which asks the server who is signed in after the page has loaded:', 'helpdesky-block' ) . '</p><ul>' . $items . '</ul>'
	);
}

/**
 * Cache settings known to store pages for signed-in users, for the cache plugins that are active.
 *
 * Option names as those plugins store them (checked against their public source):
 * - W3 Total Cache: its configuration lives in a file or its own table, read through
 *   W3TC\Dispatcher::config(); 'pgcache.enabled' true and 'pgcache.reject.logged' false means
 *   "cache pages for logged-in users", with one key for everybody.
 * - Comet Cache (and Pro): site option comet_cache_options, keys 'enable' and 'when_logged_in'
 *   ('0' never, '1' one shared cache, 'postload' a cache per user).
 * - LiteSpeed Cache 3+: option litespeed.conf.esi (Edge Side Includes, which caches the page
 *   publicly per role and fills private holes per user).
 * - WP Rocket: option wp_rocket_settings, key 'cache_logged_user' (the "user cache").
 * - WP Super Cache: its configuration file (wp-content/wp-cache-config.php), which the plugin
 *   includes when it loads, sets globals. $wp_cache_make_known_anon truthy ("Make known users
 *   anonymous"): its advanced-cache.php removes the sign-in cookies from every front-end GET request
 *   before WordPress reads them (wp_supercache_cache_for_admins(), whether or not caching is on), so
 *   signed-in users get the signed-out page, cached or not. $wp_cache_not_logged_in 0 ("Enable
 *   caching for all visitors"; 1 and 2 skip visitors with cookies or signed-in ones) with
 *   $cache_enabled: pages are cached per signed-in user.
 * - Cache Enabler: option cache_enabler, key 'excluded_cookies', a regular expression matched
 *   against each cookie's name; empty means its default, which matches wordpress_logged_in_. Any
 *   other expression that does not match the logged-in cookie's name caches pages for signed-in
 *   users under the same key as everyone's (it has no other setting for signed-in users).
 * Equivalents of "show signed-in users the signed-out page" elsewhere: W3 Total Cache's and Comet
 * Cache's settings above already share cached pages with signed-in users; LiteSpeed Cache (per role
 * with ESI, or per user) and WP Rocket (per user, or one copy for all signed-in users through the
 * rocket_common_cache_logged_users filter, which needs the user cache on) keep signed-in copies
 * apart from visitors' and have no setting that hides the sign-in from WordPress.
 *
 * @return array<string, string> Plugin key => message.
 */
function risky_cache_settings(): array {
	// Core's is_plugin_active() lives in wp-admin; Site Health also runs in cron and REST requests.
	if ( ! function_exists( 'is_plugin_active' ) ) {
		require_once ABSPATH . 'wp-admin/includes/plugin.php'; // @phpstan-ignore requireOnce.fileNotFound (WordPress's own file; the stubs declare its functions.)
	}
	$risks = array();

	if ( \is_plugin_active( 'w3-total-cache/w3-total-cache.php' ) && class_exists( '\W3TC\Dispatcher' ) ) {
		$w3tc = \W3TC\Dispatcher::config();
		if ( is_object( $w3tc ) && method_exists( $w3tc, 'get_boolean' ) && true === (bool) $w3tc->get_boolean( 'pgcache.enabled' ) && false === (bool) $w3tc->get_boolean( 'pgcache.reject.logged' ) ) {
			$risks['w3-total-cache'] = __( 'W3 Total Cache: Performance → Page Cache → "Don\'t cache pages for logged in users" is off.', 'helpdesky-block' );
		}
	}

	if ( \is_plugin_active( 'comet-cache/comet-cache.php' ) || \is_plugin_active( 'comet-cache-pro/comet-cache-pro.php' ) ) {
		$comet = get_site_option( 'comet_cache_options' );
		if ( is_array( $comet ) && ! empty( $comet['enable'] ) && isset( $comet['when_logged_in'] ) && is_scalar( $comet['when_logged_in'] ) && in_array( (string) $comet['when_logged_in'], array( '1', 'postload' ), true ) ) {
			$risks['comet-cache'] = __( 'Comet Cache: "Logged-In Users" caching is enabled.', 'helpdesky-block' );
		}
	}

	if ( \is_plugin_active( 'litespeed-cache/litespeed-cache.php' ) && get_option( 'litespeed.conf.esi' ) ) {
		$risks['litespeed-cache'] = __( 'LiteSpeed Cache: ESI is enabled (Cache → ESI), which caches pages for signed-in users.', 'helpdesky-block' );
	}

	if ( \is_plugin_active( 'wp-rocket/wp-rocket.php' ) ) {
		$rocket = get_option( 'wp_rocket_settings' );
		if ( is_array( $rocket ) && ! empty( $rocket['cache_logged_user'] ) ) {
			$risks['wp-rocket'] = __( 'WP Rocket: Cache → "Enable caching for logged-in WordPress users" is on.', 'helpdesky-block' );
		}
	}

	if ( \is_plugin_active( 'wp-super-cache/wp-cache.php' ) ) {
		if ( ! empty( $GLOBALS['wp_cache_make_known_anon'] ) ) {
			$risks['wp-super-cache-anonymous'] = __( 'WP Super Cache: Advanced → "Make known users anonymous so they\'re served supercached static files" is on: signed-in users get the signed-out version of every page, and the Ticket Center asks them to log in.', 'helpdesky-block' );
		}
		if ( ! empty( $GLOBALS['cache_enabled'] ) && isset( $GLOBALS['wp_cache_not_logged_in'] ) && is_numeric( $GLOBALS['wp_cache_not_logged_in'] ) && 0 === (int) $GLOBALS['wp_cache_not_logged_in'] ) {
			$risks['wp-super-cache'] = __( 'WP Super Cache: Advanced → Cache Restrictions → "Enable caching for all visitors" is selected, which caches pages for signed-in users.', 'helpdesky-block' );
		}
	}

	if ( \is_plugin_active( 'cache-enabler/cache-enabler.php' ) ) {
		$enabler = get_option( 'cache_enabler' );
		$cookies = is_array( $enabler ) && isset( $enabler['excluded_cookies'] ) && is_string( $enabler['excluded_cookies'] ) ? $enabler['excluded_cookies'] : '';
		// Core defines the constant (wp_cookie_constants()) before plugins load; a site may rename it.
		$logged_in_cookie = defined( 'LOGGED_IN_COOKIE' ) ? constant( 'LOGGED_IN_COOKIE' ) : '';
		if ( '' !== $cookies && ! regex_matches( $cookies, is_string( $logged_in_cookie ) && '' !== $logged_in_cookie ? $logged_in_cookie : 'wordpress_logged_in_' ) ) {
			$risks['cache-enabler'] = sprintf(
				/* translators: %s: the regular expression from Cache Enabler's settings. */
				__( 'Cache Enabler: Exclusions → Cookies (%s) does not match the sign-in cookie, so pages are cached for signed-in users and they get the copy cached for everyone. Leave it empty (its default) or include wordpress_logged_in.', 'helpdesky-block' ),
				$cookies
			);
		}
	}

	return $risks;
}

/**
 * Whether a regular expression from another plugin's settings matches a string, as that plugin's
 * preg_match() would see it: an expression PHP cannot compile matches nothing, and its warning is
 * kept out of the Site Health screen.
 *
 * @param string $regex   Regular expression with delimiters.
 * @param string $subject Text to match.
 * @return bool
 */
function regex_matches( string $regex, string $subject ): bool {
	// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- only for this one call, restored right after.
	set_error_handler( '__return_true' );
	try {
		return 1 === preg_match( $regex, $subject );
	} finally {
		restore_error_handler();
	}
}

/**
 * The Info tab's section: where each setting comes from, whether the secret is set (never its
 * value), and the Helpdesky-side checklist, ready to copy into a support request.
 *
 * @param array<string, mixed> $info Sections.
 * @return array<string, mixed>
 */
function add_debug_information( $info ): array {
	$info        = (array) $info;
	$helpdesk_id = Block\config_value( Block\HELPDESK_ID_NAME );
	$secret      = Block\config_value( Block\SECRET_NAME );
	$problems    = Block\configuration_problems();
	$not_set     = __( 'Not set', 'helpdesky-block' );

	$fields = array(
		'version'            => array(
			'label' => __( 'Plugin version', 'helpdesky-block' ),
			'value' => Block\VERSION,
		),
		'helpdesk_id'        => array(
			'label' => __( 'Helpdesk ID', 'helpdesky-block' ),
			// Public: it appears in every page with the embed.
			'value' => '' !== $helpdesk_id['value'] ? $helpdesk_id['value'] : $not_set,
			'debug' => '' !== $helpdesk_id['value'] ? $helpdesk_id['value'] : 'not set',
		),
		'helpdesk_id_source' => array(
			'label' => __( 'Helpdesk ID source', 'helpdesky-block' ),
			'value' => '' !== $helpdesk_id['source'] ? Block\source_text( Block\HELPDESK_ID_NAME, $helpdesk_id['source'] ) : $not_set,
			'debug' => '' !== $helpdesk_id['source'] ? $helpdesk_id['source'] : 'none',
		),
		'secret'             => array(
			'label' => __( 'HMAC secret', 'helpdesky-block' ),
			'value' => '' !== $secret['value'] ? __( 'Set', 'helpdesky-block' ) : $not_set,
			'debug' => '' !== $secret['value'] ? 'set' : 'not set',
		),
		'secret_source'      => array(
			'label' => __( 'HMAC secret source', 'helpdesky-block' ),
			'value' => '' !== $secret['source'] ? Block\source_text( Block\SECRET_NAME, $secret['source'] ) : $not_set,
			'debug' => '' !== $secret['source'] ? $secret['source'] : 'none',
		),
		'status'             => array(
			'label' => __( 'Status', 'helpdesky-block' ),
			'value' => $problems ? implode( ' ', $problems ) : __( 'Ready', 'helpdesky-block' ),
			'debug' => $problems ? implode( ', ', array_keys( $problems ) ) : 'ready',
		),
		'script_url'         => array(
			'label' => __( 'Embed script', 'helpdesky-block' ),
			'value' => '' !== Block\script_url() ? Block\script_url() : __( 'Invalid (helpdesky_block_script_url filter)', 'helpdesky-block' ),
		),
	);

	// The Contact Form (and the Ticket Center's logged-out fallback) needs only the Helpdesk ID
	// above and its own script.
	$form_script_url                   = Contact_Form\script_url();
	$fields['contact_form_script_url'] = array(
		'label' => __( 'Contact Form script', 'helpdesky-block' ),
		'value' => '' !== $form_script_url ? $form_script_url : sprintf(
			/* translators: %s: a filter's name. */
			__( 'Invalid (%s filter)', 'helpdesky-block' ),
			Contact_Form\FORM_SCRIPT_URL_FILTER
		),
	);

	$widget           = Widget\settings();
	$fields['widget'] = array(
		'label' => __( 'Messaging widget', 'helpdesky-block' ),
		'value' => widget_state_text( $widget ),
		'debug' => $widget['enabled'] ? sprintf( 'on, %s, %d excluded pages, %s', $widget['audience'], count( $widget['excluded_pages'] ), Widget\is_ready() ? 'ready' : 'not shown (helpdesk ID or script URL)' ) : 'off',
	);

	foreach ( Settings\helpdesky_checklist() as $index => $item ) {
		$fields[ 'helpdesky_checklist_' . ( $index + 1 ) ] = array(
			/* translators: %d: item number. */
			'label' => sprintf( __( 'To check in Helpdesky (%d)', 'helpdesky-block' ), $index + 1 ),
			'value' => $item,
		);
	}

	$info[ str_replace( '_', '-', PREFIX ) ] = array(
		'label'       => __( 'Helpdesky Ticket Center', 'helpdesky-block' ),
		'description' => __( 'Where the Ticket Center\'s configuration comes from. The HMAC secret itself is never shown.', 'helpdesky-block' ),
		'fields'      => $fields,
	);
	return $info;
}

/**
 * The messaging widget's state in words: off, or on for whom, without which pages, and whether
 * it can be shown at all.
 *
 * @param array{enabled: bool, audience: string, excluded_pages: list<int>} $widget Widget\settings().
 * @return string
 */
function widget_state_text( array $widget ): string {
	if ( ! $widget['enabled'] ) {
		return __( 'Off', 'helpdesky-block' );
	}
	if ( ! Widget\is_ready() ) {
		return __( 'On, but not shown: the Helpdesk ID is missing or malformed, or the helpdesky_block_widget_script_url filter returned no usable URL.', 'helpdesky-block' );
	}
	$audiences = array(
		'everyone'   => __( 'everyone', 'helpdesky-block' ),
		'logged_in'  => __( 'signed-in users only', 'helpdesky-block' ),
		'logged_out' => __( 'visitors who are not signed in only', 'helpdesky-block' ),
	);
	return sprintf(
		/* translators: 1: who sees the widget, e.g. "everyone"; 2: number of pages without it. */
		_n( 'On for %1$s; left off %2$d page.', 'On for %1$s; left off %2$d pages.', count( $widget['excluded_pages'] ), 'helpdesky-block' ),
		$audiences[ $widget['audience'] ] ?? $audiences['everyone'],
		count( $widget['excluded_pages'] )
	);
}
