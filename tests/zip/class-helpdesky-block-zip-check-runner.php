<?php
/**
 * A Plugin Check runner for tests/zip/plugin-check.php: Plugin Check's own runner logic, with the
 * plugin to check given by the script instead of WP-CLI's or the admin screen's request.
 *
 * Loaded after Plugin Check's autoloader, before WordPress loads its must-use plugins, so the
 * runner is "initialized early" and its runtime checks can switch the request to Plugin Check's
 * test tables, minimal theme and the checked plugin alone, as `wp plugin check` does.
 *
 * @package helpdesky-block
 */

/**
 * The runner. Parameters are static: Plugin Check's constructor is final and takes none.
 */
final class Helpdesky_Block_Zip_Check_Runner extends WordPress\Plugin_Check\Checker\Abstract_Check_Runner {

	/**
	 * The plugin to check, as its basename (folder/file.php).
	 *
	 * @var string
	 */
	public static $plugin_file = '';

	/**
	 * Always this script's request.
	 *
	 * @return bool
	 */
	public static function is_plugin_check() {
		return true;
	}

	/**
	 * The plugin to check.
	 *
	 * @return string
	 */
	protected function get_plugin_param() {
		return self::$plugin_file;
	}

	/**
	 * No selection: every check.
	 *
	 * @return array<string>
	 */
	protected function get_check_slugs_param() {
		return array();
	}

	/**
	 * No exclusions.
	 *
	 * @return array<string>
	 */
	protected function get_check_exclude_slugs_param() {
		return array();
	}

	/**
	 * Stable checks only, as `wp plugin check` runs by default.
	 *
	 * @return bool
	 */
	protected function get_include_experimental_param() {
		return false;
	}

	/**
	 * Every category.
	 *
	 * @return array<string>
	 */
	protected function get_categories_param() {
		return array();
	}

	/**
	 * The directory slug: the plugin's folder.
	 *
	 * @return string
	 */
	protected function get_slug_param() {
		return dirname( self::$plugin_file );
	}
}
