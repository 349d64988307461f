<?php
/**
 * The plugin speaks the site's language: with a German translation installed where WordPress
 * installs language packs (WP_LANG_DIR/plugins) and the site language set to German (WPLANG),
 * the registered blocks' title and description (block.json, translated with WordPress's
 * "block title"/"block description" contexts) and the logged-out prompt the block renders are
 * German. No load_plugin_textdomain(): WordPress loads plugin translations just in time.
 *
 * The translation is the test fixture tests/fixtures/languages/helpdesky-block-de_DE.po,
 * compiled here with WordPress's own PO and MO classes, as bin/i18n.mjs fixture does for the
 * e2e site.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use Helpdesky\Block;
use MO;
use PO;
use WP_Block_Type_Registry;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- test code, namespaced.

final class TranslationTest extends TestCase {

	const DOMAIN = 'helpdesky-block';

	const BLOCKS = array( 'helpdesky/ticket-center', 'helpdesky/contact-form' );

	/** @var string[] The installed translation files, removed after the class. */
	private static $installed = array();

	/** @var string|null The site locale get_locale() had cached before the test. */
	private $saved_locale;

	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();

		// Where WordPress puts language packs: the plugin's in plugins/, WordPress's own (here a
		// stand-in without strings, without which German cannot be the site language) beside it.
		self::install_translation( 'de_DE.po', WP_LANG_DIR );
		self::install_translation( self::DOMAIN . '-de_DE.po', WP_LANG_DIR . '/plugins' );
	}

	public static function tearDownAfterClass(): void {
		foreach ( self::$installed as $file ) {
			if ( file_exists( $file ) ) {
				unlink( $file );
			}
		}
		self::$installed = array();
		parent::tearDownAfterClass();
	}

	/**
	 * Compiles a fixture .po file into a .mo file in a folder.
	 *
	 * @param string $po_name File name in tests/fixtures/languages.
	 * @param string $folder  Destination folder.
	 */
	private static function install_translation( string $po_name, string $folder ): void {
		require_once ABSPATH . WPINC . '/pomo/po.php';
		$po = new PO();
		self::assertTrue( $po->import_from_file( dirname( __DIR__, 2 ) . '/fixtures/languages/' . $po_name ) );
		$mo = new MO();
		$mo->set_headers( $po->headers );
		foreach ( $po->entries as $entry ) {
			$mo->add_entry( $entry );
		}

		wp_mkdir_p( $folder );
		$file = $folder . '/' . basename( $po_name, '.po' ) . '.mo';
		// Written under another name first, then renamed: never read half-written.
		$temporary = $file . '.' . getmypid() . '.tmp';
		self::assertTrue( $mo->export_to_file( $temporary ) );
		self::assertTrue( rename( $temporary, $file ) );
		self::$installed[] = $file;
	}

	protected function set_up(): void {
		$this->saved_locale = $GLOBALS['locale'] ?? null;
		// What WordPress does after installing language packs: forget the folders' file lists.
		$GLOBALS['wp_textdomain_registry']->invalidate_mo_files_cache(
			null,
			array(
				'type'         => 'translation',
				'translations' => array(
					array(
						'type'     => 'core',
						'slug'     => 'default',
						'language' => 'de_DE',
					),
					array(
						'type'     => 'plugin',
						'slug'     => self::DOMAIN,
						'language' => 'de_DE',
					),
				),
			)
		);
	}

	protected function tear_down(): void {
		// Back to the language the rest of the suite runs in, with the blocks registered in it.
		$GLOBALS['locale'] = $this->saved_locale;
		delete_option( 'WPLANG' );
		$this->switch_site_language( null );
	}

	/**
	 * Sets the site language as Settings → General does and starts over as a request in that
	 * language would: the plugin's translations loaded afresh, its blocks registered again.
	 *
	 * @param string|null $locale 'de_DE', or null for the language the suite started in.
	 */
	private function switch_site_language( ?string $locale ): void {
		if ( null !== $locale ) {
			update_option( 'WPLANG', $locale );
			$this->assertSame( $locale, get_option( 'WPLANG' ), 'WordPress accepts the language: its (stand-in) core translation is installed.' );
			// get_locale() keeps the locale of the request; a new request reads the option.
			$GLOBALS['locale'] = null;
		}
		unload_textdomain( self::DOMAIN, true );

		$registry = WP_Block_Type_Registry::get_instance();
		foreach ( self::BLOCKS as $name ) {
			if ( $registry->is_registered( $name ) ) {
				$registry->unregister( $name );
			}
		}
		// The plugin's own registration (on init), which translates block.json.
		Block\register_block();
	}

	public function test_the_site_language_is_german(): void {
		$this->switch_site_language( 'de_DE' );

		$this->assertSame( 'de_DE', determine_locale() );
		$this->assertSame( 'Anmelden', __( 'Log in', 'helpdesky-block' ), 'WordPress loads the plugin translation just in time from WP_LANG_DIR/plugins.' );
	}

	public function test_block_titles_and_description_are_german(): void {
		$this->switch_site_language( 'de_DE' );

		$registry      = WP_Block_Type_Registry::get_instance();
		$ticket_center = $registry->get_registered( 'helpdesky/ticket-center' );
		$contact_form  = $registry->get_registered( 'helpdesky/contact-form' );
		$this->assertNotNull( $ticket_center );
		$this->assertNotNull( $contact_form );

		$this->assertSame( 'Helpdesky-Ticketcenter', $ticket_center->title );
		$this->assertSame(
			'Angemeldete Benutzer sehen ihre Support-Unterhaltungen, beginnen neue und antworten, ohne Ihre Website zu verlassen.',
			$ticket_center->description
		);
		$this->assertSame( 'Helpdesky-Kontaktformular', $contact_form->title );
	}

	public function test_block_titles_are_english_on_an_english_site(): void {
		// The same registration without the site language: the German above is the translation's.
		$this->switch_site_language( null );

		$this->assertSame( 'Helpdesky Ticket Center', WP_Block_Type_Registry::get_instance()->get_registered( 'helpdesky/ticket-center' )->title );
	}

	public function test_a_front_end_page_registers_the_blocks_without_translating_the_inserters_texts(): void {
		$this->configure_helpdesky( '3f2b8c1e-9d4a-4e7b-8c6f-1a2b3c4d5e6f', 'hdh_secret_translation_test_0123456789abcdef' );
		$this->log_in( self::factory()->user->create( array( 'user_email' => 'leser@example.com' ) ) );
		$this->switch_site_language( 'de_DE' );
		unload_textdomain( self::DOMAIN, true );
		$registry = WP_Block_Type_Registry::get_instance();
		foreach ( self::BLOCKS as $name ) {
			$registry->unregister( $name );
		}

		// What a page that shows the block registers (detection.php, register_for_front_end()).
		Block\register_for_front_end( Block\FINDS_PLUGIN_BLOCK );
		$html = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );

		$this->assertStringContainsString( 'data-email="leser@example.com"', $html, 'The signed-in embed renders.' );
		$this->assertSame( 'Helpdesky Ticket Center', $registry->get_registered( 'helpdesky/ticket-center' )->title, "block.json's own text: only the inserter shows it." );
		$this->assertFalse( is_textdomain_loaded( self::DOMAIN ), 'Neither registering nor rendering the embed loaded the translations.' );

		// An editor that loads on the page after all gets the types again, translated.
		Block\register_blocks( true );
		$this->assertSame( 'Helpdesky-Ticketcenter', $registry->get_registered( 'helpdesky/ticket-center' )->title );
		$this->assertSame( 'Helpdesky-Kontaktformular', $registry->get_registered( 'helpdesky/contact-form' )->title );
	}

	public function test_the_logged_out_prompt_is_german(): void {
		$this->configure_helpdesky( '3f2b8c1e-9d4a-4e7b-8c6f-1a2b3c4d5e6f', 'hdh_secret_translation_test_0123456789abcdef' );
		$this->log_out();
		$this->switch_site_language( 'de_DE' );

		$html = do_blocks( '<!-- wp:helpdesky/ticket-center /-->' );

		$this->assertContains( 'Bitte melden Sie sich an, um Ihre Support-Unterhaltungen zu sehen.', self::paragraph_texts( $html ) );
		$this->assertStringContainsString( '>Anmelden</a>', $html );
		$this->assertStringNotContainsString( 'Please log in', $html );
	}
}
