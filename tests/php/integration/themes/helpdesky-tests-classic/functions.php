<?php
/**
 * Theme setup: one widget area, as most classic themes have.
 *
 * @package helpdesky-tests-classic
 */

add_action(
	'widgets_init',
	static function () {
		register_sidebar(
			array(
				// The widget area index.php prints.
				'id'   => 'helpdesky-tests-sidebar',
				'name' => 'Sidebar',
			)
		);
	}
);
