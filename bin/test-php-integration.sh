#!/usr/bin/env bash
# Runs the PHPUnit integration suites inside real WordPress with MariaDB
# (npm run test:php:integration): the single-site suite, then the multisite suite
# (tests/php/integration/multisite, a subdirectory network in a database of its own).
# Prepares what is missing first: that WordPress in .cache/wordpress-<version>, the private
# MariaDB server and the version's test databases, the block build.
#
# Which WordPress (bin/wp-version.sh):
#   bin/test-php-integration.sh                            7.1, the current release (default)
#   HELPDESKY_WP_VERSION=6.8 bin/test-php-integration.sh   6.8, "Requires at least"
#   HELPDESKY_WP_VERSION=all bin/test-php-integration.sh   every supported version, 7.1 first
# Each version has its own databases (helpdesky_block_tests_71, helpdesky_block_tests_71_ms, …).
#
# Extra arguments go to PHPUnit:  bin/test-php-integration.sh --filter TicketCenter
# One suite only: WP_TESTS_MULTISITE=0 (single site) or WP_TESTS_MULTISITE=1 (network).
# To use another database server instead of bin/mariadb.sh, set WP_TESTS_DB_HOST (and
# WP_TESTS_DB_NAME/USER/PASSWORD); see tests/php/integration/wp-tests-config.php.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${HELPDESKY_WP_VERSION:-}" = all ]; then
	status=0
	for version in $(bash bin/wp-version.sh versions); do
		echo "== WordPress $version"
		HELPDESKY_WP_VERSION="$version" bash "${BASH_SOURCE[0]}" "$@" || status=$?
	done
	exit "$status"
fi

# shellcheck source=bin/wp-version.sh
source bin/wp-version.sh

bash bin/fetch-wordpress.sh "$HELPDESKY_WP_VERSION"

# wp-tests-config.php derives the database names from the core it loads; with the default core
# they are these.
db_name="${WP_TESTS_DB_NAME:-helpdesky_block_tests_$HELPDESKY_WP_SLUG}"
if [ -z "${WP_TESTS_DB_HOST:-}" ]; then
	bash bin/mariadb.sh start
	# The suite's installer drops and recreates the tables itself; this only makes sure the
	# databases exist.
	bash bin/mariadb.sh create-db "$db_name"
	# The network's database: the same name with _ms (see wp-tests-config.php).
	bash bin/mariadb.sh create-db "${db_name}_ms"
fi

# The plugin registers the block from build/; a checkout has no build until the first one.
if [ ! -f build/ticket-center/block.json ]; then
	npm run build
fi

# One run per version at a time: the installer drops and recreates that version's tables.
mkdir -p .cache/phpunit
exec 7>".cache/phpunit-integration-$HELPDESKY_WP_SLUG.lock"
if command -v flock >/dev/null; then
	flock 7
fi

echo "WordPress $HELPDESKY_WP_VERSION ($HELPDESKY_WP_CORE_DIR)"
status=0
if [ "${WP_TESTS_MULTISITE:-}" != 1 ]; then
	WP_TESTS_MULTISITE=0 bash bin/phpunit.sh -c tests/php/integration/phpunit.xml.dist --testsuite integration \
		--cache-result-file ".cache/phpunit/integration-$HELPDESKY_WP_SLUG.result.cache" "$@" || status=$?
fi
if [ "${WP_TESTS_MULTISITE:-}" != 0 ]; then
	echo
	echo "Multisite suite on WordPress $HELPDESKY_WP_VERSION (a subdirectory network):"
	WP_TESTS_MULTISITE=1 bash bin/phpunit.sh -c tests/php/integration/phpunit.xml.dist --testsuite multisite \
		--cache-result-file ".cache/phpunit/integration-${HELPDESKY_WP_SLUG}-ms.result.cache" "$@" || status=$?
fi
exit "$status"
