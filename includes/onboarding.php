<?php
/**
 * The first steps after activation: a notice for administrators with "Configure" and a one-click
 * "Create a Support page", until they dismiss it.
 *
 * Both actions go through admin-post.php with a nonce and a capability check; there is no
 * handler for visitors who are not signed in (admin_post_nopriv_*).
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Onboarding;

use Helpdesky\Block;
use Helpdesky\Block\Patterns;
use Helpdesky\Block\Settings;
use WP_Error;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The admin-post.php action (and nonce action) that creates the Support page. */
const CREATE_PAGE_ACTION = 'helpdesky_block_create_support_page';

/** The create form's nonce field, named apart from other forms' _wpnonce on the same screen. */
const NONCE_FIELD = 'helpdesky_block_nonce';

/** The admin-post.php action (and nonce action) that dismisses the notice. */
const DISMISS_ACTION = 'helpdesky_block_dismiss_onboarding';

/**
 * User option (user meta, prefixed per site on multisite, because each site is set up on its
 * own) that records the dismissal.
 */
const DISMISSED_KEY = 'helpdesky_block_onboarding_dismissed';

/** Screens where the notice appears: not every admin page, only where setting up makes sense. */
const SCREENS = array( 'dashboard', 'plugins', 'settings_page_helpdesky-block' );

/**
 * Registers the notice and its actions.
 *
 * @return void
 */
function bootstrap(): void {
	add_action( 'admin_notices', __NAMESPACE__ . '\\render_notice' );
	add_action( 'admin_post_' . CREATE_PAGE_ACTION, __NAMESPACE__ . '\\handle_create_support_page' );
	add_action( 'admin_post_' . DISMISS_ACTION, __NAMESPACE__ . '\\handle_dismiss' );
}

/**
 * Whether the current user should see the notice on the current screen.
 *
 * @return bool
 */
function should_show_notice(): bool {
	if ( ! current_user_can( 'manage_options' ) || is_dismissed( get_current_user_id() ) ) {
		return false;
	}
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	return null !== $screen && in_array( $screen->id, SCREENS, true );
}

/**
 * Whether the user has dismissed the notice on this site.
 *
 * @param int $user_id User ID.
 * @return bool
 */
function is_dismissed( int $user_id ): bool {
	return (bool) get_user_option( DISMISSED_KEY, $user_id );
}

/**
 * Records the dismissal for the user on this site.
 *
 * @param int $user_id User ID.
 * @return void
 */
function dismiss( int $user_id ): void {
	update_user_option( $user_id, DISMISSED_KEY, 1 );
}

/**
 * Prints the notice.
 *
 * @return void
 */
function render_notice(): void {
	if ( ! should_show_notice() ) {
		return;
	}
	$configured = ! Block\configuration_problems();
	?>
	<div class="notice notice-info helpdesky-block-onboarding">
		<p><strong><?php esc_html_e( 'Helpdesky Ticket Center is active.', 'helpdesky-block' ); ?></strong>
			<?php
			echo esc_html(
				$configured
					? __( 'It is configured. Add the Ticket Center to a page so signed-in users can reach their support conversations.', 'helpdesky-block' )
					: __( 'Enter your Helpdesk ID and HMAC secret, then add the Ticket Center to a page.', 'helpdesky-block' )
			);
			?>
		</p>
		<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" class="helpdesky-block-onboarding__actions">
			<input type="hidden" name="action" value="<?php echo esc_attr( CREATE_PAGE_ACTION ); ?>" />
			<?php wp_nonce_field( CREATE_PAGE_ACTION, NONCE_FIELD ); ?>
			<p>
				<?php if ( ! $configured ) : ?>
					<a class="button button-primary" href="<?php echo esc_url( Settings\page_url() ); ?>"><?php esc_html_e( 'Configure Helpdesky', 'helpdesky-block' ); ?></a>
				<?php endif; ?>
				<?php if ( current_user_can( 'edit_pages' ) ) : ?>
					<button type="submit" class="button <?php echo $configured ? 'button-primary' : ''; ?>"><?php esc_html_e( 'Create a Support page', 'helpdesky-block' ); ?></button>
				<?php endif; ?>
				<a class="button-link" href="<?php echo esc_url( dismiss_url() ); ?>"><?php esc_html_e( 'Dismiss', 'helpdesky-block' ); ?></a>
			</p>
		</form>
	</div>
	<?php
}

/**
 * The nonce-protected link that dismisses the notice and comes back to the same screen.
 *
 * @return string
 */
function dismiss_url(): string {
	return wp_nonce_url( admin_url( 'admin-post.php?action=' . DISMISS_ACTION ), DISMISS_ACTION );
}

/**
 * Refuses users who may not set the plugin up, with the status admin-post.php would not give.
 *
 * @return void
 */
function require_administrator(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to do this.', 'helpdesky-block' ), '', array( 'response' => 403 ) );
	}
}

/**
 * Handles admin-post.php?action=helpdesky_block_dismiss_onboarding: dismisses the notice for the current user and goes back.
 *
 * @return void
 */
function handle_dismiss(): void {
	require_administrator();
	check_admin_referer( DISMISS_ACTION );
	dismiss( get_current_user_id() );
	wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url() );
	exit;
}

/**
 * Handles the "Create a Support page" button (admin-post.php): creates a draft Support page from
 * the pattern and opens it in the editor, where the owner reviews and publishes it.
 *
 * @return void
 */
function handle_create_support_page(): void {
	require_administrator();
	if ( ! current_user_can( 'edit_pages' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to create pages.', 'helpdesky-block' ), '', array( 'response' => 403 ) );
	}
	check_admin_referer( CREATE_PAGE_ACTION, NONCE_FIELD );

	$page_id = create_support_page();
	if ( is_wp_error( $page_id ) ) {
		wp_die( esc_html( $page_id->get_error_message() ), '', array( 'response' => 500 ) );
	}

	// The notice has done its job.
	dismiss( get_current_user_id() );
	wp_safe_redirect( (string) get_edit_post_link( $page_id, 'raw' ) );
	exit;
}

/**
 * Creates a draft page with the Support page pattern.
 *
 * A draft rather than a published page: the owner sees it in the editor before visitors do.
 *
 * @return int|WP_Error The page ID.
 */
function create_support_page() {
	// wp_insert_post() expects slashed data, like $_POST.
	return wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'draft',
			'post_title'   => wp_slash( __( 'Support', 'helpdesky-block' ) ),
			'post_content' => wp_slash( Patterns\support_page_content() ),
			'post_author'  => get_current_user_id(),
		),
		true
	);
}
