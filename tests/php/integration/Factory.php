<?php
/**
 * Test data factories, named like the WordPress test library's (self::factory()->user->create())
 * so tests read the same as core's and plugins' tests.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use RuntimeException;
use WP_Post;
use WP_User;

// phpcs:disable Generic.Files.OneObjectStructurePerFile -- small, related test helpers.

/**
 * The factories a test case offers.
 */
final class Factory {

	/** @var UserFactory */
	public $user;

	/** @var PostFactory */
	public $post;

	public function __construct() {
		$this->user = new UserFactory();
		$this->post = new PostFactory();
	}
}

/**
 * Creates one kind of object with unique defaults. Whatever is created is removed by the
 * rollback at the end of the test.
 */
abstract class ObjectFactory {

	/** @var int Keeps generated names unique within a test run. */
	private static $sequence = 0;

	/**
	 * Creates an object.
	 *
	 * @param array<string, mixed> $args Arguments for the WordPress insert function.
	 * @return int The new object's ID.
	 * @throws RuntimeException When WordPress refuses the object.
	 */
	abstract public function create( array $args = array() ): int;

	/**
	 * Fetches an object.
	 *
	 * @param int $id ID.
	 * @return object
	 */
	abstract public function get( int $id );

	/**
	 * Creates an object and returns it.
	 *
	 * @param array<string, mixed> $args Arguments for the WordPress insert function.
	 * @return object
	 */
	public function create_and_get( array $args = array() ) {
		return $this->get( $this->create( $args ) );
	}

	/**
	 * Creates several objects.
	 *
	 * @param int                  $count How many.
	 * @param array<string, mixed> $args  Arguments shared by all.
	 * @return int[] IDs.
	 */
	public function create_many( int $count, array $args = array() ): array {
		$ids = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$ids[] = $this->create( $args );
		}
		return $ids;
	}

	protected static function next_number(): int {
		return ++self::$sequence;
	}

	/**
	 * The ID, or an exception carrying WordPress's reason.
	 *
	 * @param int|\WP_Error $result What the insert function returned.
	 * @param string        $what   For the message.
	 * @return int
	 * @throws RuntimeException When $result is an error.
	 */
	protected static function id_or_throw( $result, string $what ): int {
		if ( is_wp_error( $result ) || ! $result ) {
			throw new RuntimeException( "Could not create the {$what}: " . ( is_wp_error( $result ) ? $result->get_error_message() : 'no ID' ) );
		}
		return (int) $result;
	}
}

/**
 * Users: subscriber by default, password "password".
 */
final class UserFactory extends ObjectFactory {

	public function create( array $args = array() ): int {
		$n     = self::next_number();
		$args += array(
			'user_login' => "user{$n}",
			'user_email' => "user{$n}@example.org",
			'user_pass'  => 'password',
			'role'       => 'subscriber',
		);
		return self::id_or_throw( wp_insert_user( $args ), 'user' );
	}

	/**
	 * @param int $id User ID.
	 * @return WP_User
	 */
	public function get( int $id ) {
		return new WP_User( $id );
	}
}

/**
 * Posts of any type: a published post by default.
 */
final class PostFactory extends ObjectFactory {

	public function create( array $args = array() ): int {
		$n     = self::next_number();
		$args += array(
			'post_title'   => "Post {$n}",
			'post_content' => "Post content {$n}",
			'post_status'  => 'publish',
			'post_type'    => 'post',
			'post_author'  => 1,
		);
		// wp_insert_post() expects slashed data, like $_POST.
		return self::id_or_throw( wp_insert_post( wp_slash( $args ), true ), 'post' );
	}

	/**
	 * @param int $id Post ID.
	 * @return WP_Post|null
	 */
	public function get( int $id ) {
		return get_post( $id );
	}
}
