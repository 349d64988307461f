#!/usr/bin/env bash
# Runs the PHPUnit integration suites inside real WordPress 6.8 with MariaDB
# (npm run test:php:integration): the single-site suite, then the multisite suite
# (tests/php/integration/multisite, a subdirectory network in a database of its own).
# Prepares what is missing first: WordPress core in .cache/wordpress, the private MariaDB
# server and the test databases, the block build.
#
# Extra arguments go to PHPUnit:  bin/test-php-integration.sh --filter TicketCenter
# One suite only: WP_TESTS_MULTISITE=0 (single site) or WP_TESTS_MULTISITE=1 (network).
# To use another database server instead of bin/mariadb.sh, set WP_TESTS_DB_HOST (and
# WP_TESTS_DB_NAME/USER/PASSWORD); see tests/php/integration/wp-tests-config.php.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash bin/fetch-wordpress.sh

if [ -z "${WP_TESTS_DB_HOST:-}" ]; then
	bash bin/mariadb.sh start
	# The suite's installer drops and recreates the tables itself; this only makes sure the
	# database exists.
	bash bin/mariadb.sh create-db "${WP_TESTS_DB_NAME:-helpdesky_block_tests}"
	# The network's database: the same name with _ms (see wp-tests-config.php).
	bash bin/mariadb.sh create-db "${WP_TESTS_DB_NAME:-helpdesky_block_tests}_ms"
fi

# The plugin registers the block from build/; a checkout has no build until the first one.
if [ ! -f build/ticket-center/block.json ]; then
	npm run build
fi

# One run at a time per checkout: the installer drops and recreates the shared test tables.
mkdir -p .cache
exec 7>.cache/phpunit-integration.lock
if command -v flock >/dev/null; then
	flock 7
fi

status=0
if [ "${WP_TESTS_MULTISITE:-}" != 1 ]; then
	WP_TESTS_MULTISITE=0 bash bin/phpunit.sh -c tests/php/integration/phpunit.xml.dist --testsuite integration "$@" || status=$?
fi
if [ "${WP_TESTS_MULTISITE:-}" != 0 ]; then
	echo
	echo "Multisite suite (a subdirectory network):"
	WP_TESTS_MULTISITE=1 bash bin/phpunit.sh -c tests/php/integration/phpunit.xml.dist --testsuite multisite "$@" || status=$?
fi
exit "$status"
