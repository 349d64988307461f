<?php
/**
 * Settings → Helpdesky: the Helpdesk ID and the HMAC secret for site owners who cannot edit
 * wp-config.php, and a signature self-test to compare with Helpdesky's HMAC Verification Tool.
 *
 * The screen uses the Settings API and posts to options.php, which checks the nonce and the
 * capability itself. The secret is write-only: the page never prints it back, not even masked,
 * because anything in the HTML can end up in a browser cache, an extension or a screenshot.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Settings;

use Helpdesky\Block;
use Helpdesky\Block\Sites;
use Helpdesky\Block\Widget;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/sites.php';
require_once __DIR__ . '/widget-settings.php';

/** The screen's slug: options-general.php?page=helpdesky-block. */
const PAGE_SLUG = 'helpdesky-block';

/** The Settings API group that options.php checks the nonce and capability for. */
const OPTION_GROUP = 'helpdesky_block';

/** Nonce action and submit field of the self-test form. */
const SELF_TEST_ACTION = 'helpdesky_block_self_test';

/** The self-test's nonce field, named apart from the settings form's _wpnonce on the same page. */
const SELF_TEST_NONCE = 'helpdesky_block_self_test_nonce';

/** Helpdesky secrets are printable ASCII; anything longer than this is not a pasted secret. */
const MAX_SECRET_LENGTH = 512;

/**
 * Registers the screen's hooks.
 *
 * @return void
 */
function bootstrap(): void {
	add_action( 'admin_menu', __NAMESPACE__ . '\\add_page' );
	add_action( 'admin_init', __NAMESPACE__ . '\\register_settings' );
	add_filter( 'plugin_action_links_' . plugin_basename( Block\ROOT_FILE ), __NAMESPACE__ . '\\add_action_link' );
	// activate() and initialize_site() are hooked by Block\bootstrap(): activation and new sites
	// also happen in requests that do not load this file.
}

/**
 * The settings screen's URL.
 *
 * @return string
 */
function page_url(): string {
	return admin_url( 'options-general.php?page=' . PAGE_SLUG );
}

/**
 * Adds Settings → Helpdesky for users who can manage options.
 *
 * @return string|false The screen's hook suffix, or false for users without the capability.
 */
function add_page() {
	$hook = add_options_page(
		__( 'Helpdesky Ticket Center', 'helpdesky-block' ),
		__( 'Helpdesky', 'helpdesky-block' ),
		'manage_options',
		PAGE_SLUG,
		__NAMESPACE__ . '\\render_page'
	);
	if ( $hook ) {
		add_action( 'load-' . $hook, __NAMESPACE__ . '\\load_page' );
	}
	return $hook;
}

/**
 * Adds a "Settings" link to the plugin's row on the Plugins screen.
 *
 * @param array<string|int, string> $links Action links.
 * @return array<string|int, string>
 */
function add_action_link( $links ): array {
	$links = (array) $links;
	if ( current_user_can( 'manage_options' ) ) {
		array_unshift( $links, sprintf( '<a href="%s">%s</a>', esc_url( page_url() ), esc_html__( 'Settings', 'helpdesky-block' ) ) );
	}
	return $links;
}

/**
 * Creates the option, autoloaded, if it does not exist yet.
 *
 * A missing option costs a query on every request that reads it (WordPress only remembers
 * missing options for the rest of the request); an autoloaded one arrives with the single query
 * that loads all autoloaded options at boot. Runs on activation and when the screen is opened,
 * so the form never creates the option through options.php, which would leave the autoload
 * decision to WordPress's heuristics.
 *
 * @return void
 */
function ensure_option_exists(): void {
	add_option( Block\OPTION_NAME, Block\stored_settings(), '', true );
}

/**
 * Runs on activation: creates the option on this site, or on every site of the network when the
 * plugin is network-activated. Without it, each site but the current one would pay a database
 * query on every page with the block until someone opened its settings screen.
 *
 * A large network (wp_is_large_network(): 10,000 sites by default) gets the option on the current
 * site only, because preparing every site would outlast the request. The others still work: the
 * settings screen creates the option when first opened, and until then a persistent object cache
 * (which such networks run) remembers that it is missing, so it costs them no query either.
 *
 * @param bool|mixed $network_wide Whether the plugin is being network-activated.
 * @return void
 */
function activate( $network_wide = false ): void {
	if ( ! $network_wide || ! is_multisite() || wp_is_large_network() ) {
		ensure_option_exists();
		return;
	}

	Sites\each_site( __NAMESPACE__ . '\\ensure_option_exists', get_current_network_id() );
}

/**
 * Creates the option on a site added to a network where the plugin is network-active, as
 * network activation did for the sites that existed then.
 *
 * @param \WP_Site|mixed $site The new site (wp_initialize_site).
 * @return void
 */
function initialize_site( $site ): void {
	if ( ! $site instanceof \WP_Site ) {
		return;
	}
	$network_plugins = get_network_option( (int) $site->network_id, 'active_sitewide_plugins', array() );
	if ( ! is_array( $network_plugins ) || ! isset( $network_plugins[ plugin_basename( Block\ROOT_FILE ) ] ) ) {
		// Active on some sites only: each of those gets the option when it activates the plugin.
		return;
	}
	switch_to_blog( (int) $site->blog_id );
	ensure_option_exists();
	restore_current_blog();
}

/**
 * Registers the option, its sanitizing and the screen's fields with the Settings API.
 *
 * @return void
 */
function register_settings(): void {
	register_setting(
		OPTION_GROUP,
		Block\OPTION_NAME,
		array(
			'type'              => 'array',
			'description'       => __( 'Helpdesky Helpdesk ID and HMAC secret.', 'helpdesky-block' ),
			'sanitize_callback' => __NAMESPACE__ . '\\sanitize',
			// The secret must never be readable through the REST API's settings endpoint.
			'show_in_rest'      => false,
		)
	);

	add_settings_section(
		'helpdesky_block_connection',
		__( 'Connection', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_connection_intro',
		PAGE_SLUG
	);
	add_settings_field(
		'helpdesky_block_helpdesk_id',
		__( 'Helpdesk ID', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_helpdesk_id_field',
		PAGE_SLUG,
		'helpdesky_block_connection',
		array( 'label_for' => 'helpdesky-block-helpdesk-id' )
	);
	add_settings_field(
		'helpdesky_block_secret',
		__( 'HMAC secret', 'helpdesky-block' ),
		__NAMESPACE__ . '\\render_secret_field',
		PAGE_SLUG,
		'helpdesky_block_connection',
		array( 'label_for' => 'helpdesky-block-secret' )
	);

	register_widget_fields();
}

/**
 * Sanitizes a submission of the settings form (and any update_option() of the option).
 *
 * Invalid values are refused with a message and the stored value is kept, so a typo never
 * breaks a working Ticket Center. An empty secret field keeps the stored secret: the field is
 * always empty because the secret is never printed back. Values that a constant or environment
 * variable overrides are not changed from the form (their fields are disabled).
 *
 * Idempotent: WordPress runs it twice when the option is first added.
 *
 * The messaging widget's settings (the 'widget' key) are sanitized by sanitize_widget(); a
 * submission without them keeps the stored ones.
 *
 * @param mixed $input The submitted array: helpdesk_id, secret, remove_secret, widget.
 * @return array{helpdesk_id: string, secret: string, widget?: array{enabled: bool, audience: string, excluded_pages: list<int>}}
 */
function sanitize( $input ): array {
	$input = is_array( $input ) ? $input : array();
	$clean = Block\stored_settings();
	$saved = get_option( Block\OPTION_NAME );
	if ( array_key_exists( Widget\SETTINGS_KEY, $input ) ) {
		$clean[ Widget\SETTINGS_KEY ] = sanitize_widget( $input[ Widget\SETTINGS_KEY ] );
	} elseif ( is_array( $saved ) && isset( $saved[ Widget\SETTINGS_KEY ] ) ) {
		$clean[ Widget\SETTINGS_KEY ] = Widget\settings();
	}

	if ( array_key_exists( 'helpdesk_id', $input ) && ! Block\is_defined_outside_database( Block\HELPDESK_ID_NAME ) ) {
		// A crafted form can send an array or nothing at all: that is no ID either, not an empty one.
		$helpdesk_id = is_string( $input['helpdesk_id'] ) ? trim( $input['helpdesk_id'] ) : null;
		if ( null !== $helpdesk_id && ( '' === $helpdesk_id || Block\is_valid_helpdesk_id( $helpdesk_id ) ) ) {
			$clean['helpdesk_id'] = $helpdesk_id;
		} else {
			report_error(
				'helpdesk_id_invalid',
				__( 'The Helpdesk ID was not saved: it is not a Helpdesky ID, which looks like 123e4567-e89b-12d3-a456-426614174000. Copy it from the embed snippet on the Ticket Center page of your Helpdesky dashboard. The previous value was kept.', 'helpdesky-block' )
			);
		}
	}

	if ( ! empty( $input['remove_secret'] ) ) {
		// Allowed even while a constant wins, to clean up a copy left in the database.
		$clean['secret'] = '';
	} elseif ( isset( $input['secret'] ) && is_string( $input['secret'] ) && ! Block\is_defined_outside_database( Block\SECRET_NAME ) ) {
		// A pasted secret often carries a line break or spaces; in a field, unlike in
		// wp-config.php, nobody could see them afterwards, so they are removed here.
		$secret = trim( $input['secret'] );
		if ( '' !== $secret ) {
			$problem = secret_input_problem( $secret );
			if ( null === $problem ) {
				$clean['secret'] = $secret;
			} else {
				report_error( 'secret_invalid', $problem );
			}
		}
	}

	return $clean;
}

/**
 * Shows a message on the settings screen after options.php redirects back to it.
 *
 * @param string $code    Error code.
 * @param string $message Message; never contains the submitted secret.
 * @return void
 */
function report_error( string $code, string $message ): void {
	// Defined in wp-admin only; sanitize() also runs for update_option() calls elsewhere.
	if ( function_exists( 'add_settings_error' ) ) {
		add_settings_error( Block\OPTION_NAME, $code, $message );
	}
}

/**
 * Why a secret typed into the form cannot be stored, or null when it can.
 *
 * @param string $secret Trimmed input.
 * @return string|null A message that never repeats the input.
 */
function secret_input_problem( string $secret ): ?string {
	if ( strlen( $secret ) > MAX_SECRET_LENGTH || 1 !== preg_match( '/^[\x21-\x7E]+$/D', $secret ) ) {
		return __( 'The HMAC secret was not saved: it contains spaces or characters that Helpdesky secrets do not have. The previous secret was kept.', 'helpdesky-block' );
	}
	if ( null !== Block\secret_problem( $secret ) ) {
		return __( 'The HMAC secret was not saved: Helpdesky secrets start with "hdh_secret_". In your Helpdesky dashboard open Ticket Center and click "Generate HMAC Secret". The previous secret was kept.', 'helpdesky-block' );
	}
	return null;
}

/**
 * Runs before the screen is output: makes sure the option exists and handles the self-test.
 *
 * @return void
 */
function load_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'helpdesky-block' ), '', array( 'response' => 403 ) );
	}

	ensure_option_exists();

	// phpcs:ignore WordPress.Security.NonceVerification.Missing -- only detects the form; handle_self_test() verifies the nonce.
	if ( isset( $_POST[ SELF_TEST_ACTION ] ) ) {
		self_test_result( handle_self_test() );
	}
}

/**
 * Verifies a self-test submission and runs it.
 *
 * @return array{entered: string, state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{entered: string, state: 'unavailable', problems: list<array{code: string, message: string}>} See self_test().
 */
function handle_self_test(): array {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to run the signature self-test.', 'helpdesky-block' ), '', array( 'response' => 403 ) );
	}
	check_admin_referer( SELF_TEST_ACTION, SELF_TEST_NONCE );

	// Not sanitized on purpose: the test shows what the block does with exactly this string
	// (normalize_email() trims and lowercases); it is escaped wherever it is printed.
	// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- the self-test must see the exact string; escaped on output.
	$email = isset( $_POST['email'] ) && is_string( $_POST['email'] ) ? substr( wp_unslash( $_POST['email'] ), 0, 1000 ) : '';

	return self_test( $email );
}

/**
 * Keeps the self-test result for the rest of the request; it is never stored anywhere, because
 * a signature lets its holder open that user's tickets.
 *
 * @param array{entered: string, state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{entered: string, state: 'unavailable', problems: list<array{code: string, message: string}>}|null $result A result to keep, or null to read.
 * @param bool                                                                                                                                                                                                                    $forget Drop the kept result (a new request, in tests).
 * @return array{entered: string, state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{entered: string, state: 'unavailable', problems: list<array{code: string, message: string}>}|null
 */
function self_test_result( ?array $result = null, bool $forget = false ): ?array {
	/**
	 * The result of this request's self-test.
	 *
	 * @var array{entered: string, state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{entered: string, state: 'unavailable', problems: list<array{code: string, message: string}>}|null $kept
	 */
	static $kept = null;
	if ( $forget ) {
		$kept = null;
	} elseif ( null !== $result ) {
		$kept = $result;
	}
	return $kept;
}

/**
 * What the block would send for an email: the signed embed as data, from the same function that
 * signs for users (Block\embed_for_email()), with the address as entered.
 *
 * @param string $email An address as a user account might store it.
 * @return array{entered: string, state: 'embed', helpdeskId: string, scriptUrl: string, email: string, signature: string}|array{entered: string, state: 'unavailable', problems: list<array{code: string, message: string}>}
 *         email is the normalized address; never contains the secret.
 */
function self_test( string $email ): array {
	return array( 'entered' => $email ) + Block\embed_for_email( $email );
}

/**
 * Prints the screen.
 *
 * @return void
 */
function render_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$problems = Block\configuration_problems();
	?>
	<div class="wrap helpdesky-block-settings">
		<h1><?php esc_html_e( 'Helpdesky Ticket Center', 'helpdesky-block' ); ?></h1>
		<p><?php esc_html_e( 'Connect this site to Helpdesky so that signed-in users see their support conversations wherever you add the Helpdesky Ticket Center block (or the [helpdesky_ticket_center] shortcode).', 'helpdesky-block' ); ?></p>

		<?php if ( $problems ) : ?>
			<div class="notice notice-warning inline"><p><strong><?php esc_html_e( 'The Ticket Center is not ready yet:', 'helpdesky-block' ); ?></strong></p>
				<ul class="ul-disc">
					<?php foreach ( $problems as $problem ) : ?>
						<li><?php echo esc_html( $problem ); ?></li>
					<?php endforeach; ?>
				</ul>
			</div>
		<?php else : ?>
			<div class="notice notice-success inline"><p><?php esc_html_e( 'The Ticket Center is configured: signed-in users get a signed embed.', 'helpdesky-block' ); ?></p></div>
		<?php endif; ?>

		<form method="post" action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>">
			<?php
			settings_fields( OPTION_GROUP );
			do_settings_sections( PAGE_SLUG );
			submit_button();
			?>
		</form>

		<?php render_self_test(); ?>
		<?php render_helpdesky_checklist(); ?>
	</div>
	<?php
}

/**
 * Explains where the values come from and which source wins.
 *
 * @return void
 */
function render_connection_intro(): void {
	echo '<p>';
	printf(
		/* translators: 1: HELPDESKY_HELPDESK_ID, 2: HELPDESKY_HMAC_SECRET. */
		esc_html__( 'Copy both from the Ticket Center page of your Helpdesky dashboard. Constants in wp-config.php (%1$s, %2$s) and environment variables of the same names override these fields.', 'helpdesky-block' ),
		'<code>' . esc_html( Block\HELPDESK_ID_NAME ) . '</code>',
		'<code>' . esc_html( Block\SECRET_NAME ) . '</code>'
	);
	echo '</p>';
}

/**
 * The Helpdesk ID field: editable, or locked when a constant or variable provides the ID.
 *
 * The ID is public (it appears in every page with the embed), so it may be shown.
 *
 * @return void
 */
function render_helpdesk_id_field(): void {
	$config = Block\config_value( Block\HELPDESK_ID_NAME );
	$locked = Block\is_defined_outside_database( Block\HELPDESK_ID_NAME );
	$value  = $locked ? $config['value'] : Block\stored_settings()['helpdesk_id'];
	?>
	<input type="text" class="regular-text code" id="helpdesky-block-helpdesk-id"
		<?php if ( $locked ) : ?>
			disabled aria-describedby="helpdesky-block-helpdesk-id-locked"
		<?php else : ?>
			name="<?php echo esc_attr( Block\OPTION_NAME ); ?>[helpdesk_id]"
		<?php endif; ?>
		value="<?php echo esc_attr( Block\literal_text( $value ) ); ?>" placeholder="123e4567-e89b-12d3-a456-426614174000" spellcheck="false" autocomplete="off" />
	<?php if ( $locked ) : ?>
		<p class="description" id="helpdesky-block-helpdesk-id-locked"><?php echo esc_html( locked_explanation( Block\HELPDESK_ID_NAME, $config['source'] ) ); ?></p>
	<?php else : ?>
		<p class="description"><?php esc_html_e( 'The data-helpdesk-id value of the embed snippet.', 'helpdesky-block' ); ?></p>
	<?php endif; ?>
	<?php
}

/**
 * The write-only secret field: it shows whether a secret is saved, never the secret.
 *
 * @return void
 */
function render_secret_field(): void {
	$config = Block\config_value( Block\SECRET_NAME );
	$locked = Block\is_defined_outside_database( Block\SECRET_NAME );
	$stored = '' !== Block\stored_settings()['secret'];

	if ( $locked ) {
		?>
		<input type="password" class="regular-text" id="helpdesky-block-secret" disabled value="" aria-describedby="helpdesky-block-secret-locked" />
		<p class="description" id="helpdesky-block-secret-locked"><?php echo esc_html( locked_explanation( Block\SECRET_NAME, $config['source'] ) ); ?></p>
		<?php if ( $stored ) : ?>
			<p><?php esc_html_e( 'A secret is also saved in the database. It is not used; remove it so no copy is left there.', 'helpdesky-block' ); ?></p>
			<?php render_remove_secret_checkbox(); ?>
		<?php endif; ?>
		<?php
		return;
	}
	?>
	<?php if ( $stored ) : ?>
		<p class="helpdesky-block-secret-state"><span class="dashicons dashicons-lock" aria-hidden="true"></span> <strong><?php esc_html_e( 'A secret is saved.', 'helpdesky-block' ); ?></strong> <?php esc_html_e( 'For safety it is never shown again. Leave the field empty to keep it.', 'helpdesky-block' ); ?></p>
	<?php endif; ?>
	<input type="password" class="regular-text code" id="helpdesky-block-secret" name="<?php echo esc_attr( Block\OPTION_NAME ); ?>[secret]" value=""
		autocomplete="new-password" spellcheck="false"
		placeholder="<?php echo esc_attr( $stored ? __( 'Enter a new secret to replace the saved one', 'helpdesky-block' ) : 'hdh_secret_…' ); ?>" />
	<?php if ( $stored ) : ?>
		<?php render_remove_secret_checkbox(); ?>
	<?php else : ?>
		<p class="description"><?php esc_html_e( 'In Helpdesky open Ticket Center and click "Generate HMAC Secret". It starts with hdh_secret_ and is shown only once there.', 'helpdesky-block' ); ?></p>
	<?php endif; ?>
	<div class="helpdesky-block-recommendation">
		<p>
			<?php
			printf(
				/* translators: %s: the constant's name, HELPDESKY_HMAC_SECRET. */
				esc_html__( 'Safer: put the secret in wp-config.php as the %s constant instead. The database is copied into backups, exports and staging sites, and anyone who can read it could sign in as any of your users in Helpdesky; wp-config.php usually is not. The field above then locks.', 'helpdesky-block' ),
				'<code>' . esc_html( Block\SECRET_NAME ) . '</code>'
			);
			?>
		</p>
		<pre><code>define( '<?php echo esc_html( Block\SECRET_NAME ); ?>', 'hdh_secret_…' );</code></pre>
	</div>
	<?php
}

/**
 * The checkbox that deletes the saved secret.
 *
 * @return void
 */
function render_remove_secret_checkbox(): void {
	?>
	<p><label><input type="checkbox" name="<?php echo esc_attr( Block\OPTION_NAME ); ?>[remove_secret]" value="1" /> <?php esc_html_e( 'Remove the saved secret', 'helpdesky-block' ); ?></label></p>
	<?php
}

/**
 * Why a field is locked, naming the constant or variable.
 *
 * @param string $name   HELPDESK_ID_NAME or SECRET_NAME.
 * @param string $source 'constant' or 'environment'.
 * @return string
 */
function locked_explanation( string $name, string $source ): string {
	return sprintf(
		/* translators: 1: where the value is set, e.g. "the HELPDESKY_HMAC_SECRET constant in wp-config.php"; 2: where to change it. */
		__( 'Set by %1$s, which overrides this field. %2$s', 'helpdesky-block' ),
		Block\source_text( $name, $source ),
		'environment' === $source
			? __( 'Change it where your host defines environment variables.', 'helpdesky-block' )
			: __( 'Change it there.', 'helpdesky-block' )
	);
}

/**
 * The self-test form and, after a submission, its result.
 *
 * @return void
 */
function render_self_test(): void {
	$result = self_test_result();
	$email  = null !== $result ? $result['entered'] : Block\user_email( wp_get_current_user() );
	?>
	<h2 id="helpdesky-block-self-test"><?php esc_html_e( 'Signature self-test', 'helpdesky-block' ); ?></h2>
	<p><?php esc_html_e( 'Shows the email and the signature exactly as the block sends them for an address. In Helpdesky open Ticket Center → HMAC Verification Tool, paste the normalized email and compare the signatures. If they differ, the secret here is not the one Helpdesky has: generate a new one and save it here or in wp-config.php.', 'helpdesky-block' ); ?></p>
	<form method="post" action="<?php echo esc_url( page_url() . '#helpdesky-block-self-test' ); ?>">
		<?php wp_nonce_field( SELF_TEST_ACTION, SELF_TEST_NONCE ); ?>
		<p>
			<label for="helpdesky-block-self-test-email"><?php esc_html_e( 'Email address', 'helpdesky-block' ); ?></label>
			<input type="text" class="regular-text" id="helpdesky-block-self-test-email" name="email" value="<?php echo esc_attr( Block\literal_text( $email ) ); ?>" spellcheck="false" />
			<?php submit_button( __( 'Sign this address', 'helpdesky-block' ), 'secondary', SELF_TEST_ACTION, false ); ?>
		</p>
	</form>
	<?php if ( null === $result ) : ?>
		<?php return; ?>
	<?php endif; ?>
	<?php if ( 'unavailable' === $result['state'] ) : ?>
		<div class="notice notice-error inline helpdesky-block-self-test-result" role="status">
			<p><strong><?php esc_html_e( 'No signature:', 'helpdesky-block' ); ?></strong></p>
			<ul class="ul-disc">
				<?php foreach ( $result['problems'] as $problem ) : ?>
					<li><?php echo esc_html( $problem['message'] ); ?></li>
				<?php endforeach; ?>
			</ul>
		</div>
		<?php return; ?>
	<?php endif; ?>
	<table class="widefat striped helpdesky-block-self-test-result" role="status">
		<tbody>
			<tr>
				<th scope="row"><?php esc_html_e( 'Email as entered', 'helpdesky-block' ); ?></th>
				<td><code><?php echo esc_html( Block\literal_text( $result['entered'] ) ); ?></code></td>
			</tr>
			<tr>
				<th scope="row"><?php esc_html_e( 'Normalized email (data-email)', 'helpdesky-block' ); ?></th>
				<td><input type="text" class="large-text code" readonly value="<?php echo esc_attr( Block\literal_text( $result['email'] ) ); ?>" aria-label="<?php esc_attr_e( 'Normalized email', 'helpdesky-block' ); ?>" data-helpdesky-normalized-email /></td>
			</tr>
			<tr>
				<th scope="row"><?php esc_html_e( 'Signature (data-signature)', 'helpdesky-block' ); ?></th>
				<td><input type="text" class="large-text code" readonly value="<?php echo esc_attr( $result['signature'] ); ?>" aria-label="<?php esc_attr_e( 'Signature', 'helpdesky-block' ); ?>" data-helpdesky-signature /></td>
			</tr>
			<tr>
				<th scope="row"><?php esc_html_e( 'Signed with the secret from', 'helpdesky-block' ); ?></th>
				<td><?php echo esc_html( Block\source_text( Block\SECRET_NAME, Block\config_value( Block\SECRET_NAME )['source'] ) ); ?></td>
			</tr>
		</tbody>
	</table>
	<?php
}

/**
 * What must be set on Helpdesky's side; WordPress cannot check it, and both fail silently.
 *
 * @return void
 */
function render_helpdesky_checklist(): void {
	?>
	<h2><?php esc_html_e( 'In your Helpdesky dashboard', 'helpdesky-block' ); ?></h2>
	<ul class="ul-disc">
		<?php foreach ( helpdesky_checklist() as $item ) : ?>
			<li><?php echo esc_html( $item ); ?></li>
		<?php endforeach; ?>
	</ul>
	<?php
}

/**
 * The Helpdesky-side settings the Ticket Center needs, shared by this screen and Site Health.
 *
 * @return string[]
 */
function helpdesky_checklist(): array {
	$host = (string) wp_parse_url( home_url(), PHP_URL_HOST );
	return array(
		__( 'Messages → Enable messaging must be on; otherwise the Ticket Center stays empty.', 'helpdesky-block' ),
		sprintf(
			/* translators: %s: this site's domain, e.g. example.org. */
			__( 'Settings → Messages → Allowed Embed Domains must include %s (an empty list allows every domain). Otherwise browsers report a CORS error, "Origin not allowed".', 'helpdesky-block' ),
			$host
		),
	);
}
