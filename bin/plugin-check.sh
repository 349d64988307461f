#!/usr/bin/env bash
# Plugin Check, the WordPress.org plugin directory's checker, on the release zip (npm run
# plugin-check): builds the zip, unpacks it with WordPress's PclZip, installs it into a fresh
# WordPress 7.1 site (bin/e2e-stack.sh, its own run folder .cache/plugin-check-site, port 9113,
# database helpdesky_plugin_check) next to Plugin Check, and runs every stable check, static and
# runtime (tests/zip/plugin-check.php). Fails on any error or warning.
#
# Plugin Check is not a dependency of the project: HELPDESKY_PLUGIN_CHECK_DIR names a copy of
# WordPress/plugin-check with its Composer packages installed (composer install --no-dev). Without
# it the script says so and exits 0, so it can sit in a pipeline that lacks the checker.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SLUG="helpdesky-block"
CHECKER="${HELPDESKY_PLUGIN_CHECK_DIR:-}"
if [ -z "$CHECKER" ] || [ ! -f "$CHECKER/plugin.php" ] || [ ! -f "$CHECKER/vendor/autoload.php" ]; then
	echo "plugin-check: skipped: set HELPDESKY_PLUGIN_CHECK_DIR to a copy of WordPress/plugin-check" \
		"with its Composer packages installed (plugin.php and vendor/autoload.php)${CHECKER:+; $CHECKER has not both}"
	exit 0
fi
CHECKER="$(cd "$CHECKER" && pwd)"

# shellcheck source=bin/node-env.sh
source bin/node-env.sh

VERSION=7.1
WORK="$ROOT/.cache/plugin-check-unpacked"
stack() {
	HELPDESKY_WP_VERSION="$VERSION" \
		HELPDESKY_E2E_DIR="$ROOT/.cache/plugin-check-site" \
		HELPDESKY_E2E_PORT=9113 \
		HELPDESKY_E2E_DB=helpdesky_plugin_check \
		HELPDESKY_E2E_PLUGIN_DIR="$WORK/$SLUG" \
		bash "$ROOT/bin/e2e-stack.sh" "$@"
}

npm run build
npm run plugin-zip
bash bin/fetch-wordpress.sh "$VERSION"
rm -rf "$WORK"
php tests/zip/unpack.php "$(bash bin/wp-version.sh core-dir "$VERSION")" "$ROOT/$SLUG.zip" "$WORK" >/dev/null

trap 'stack stop' EXIT
stack start
wp_root="$(stack env | sed -n 's/^HELPDESKY_E2E_DIR=//p')/wordpress"
cp -a "$CHECKER" "$wp_root/wp-content/plugins/plugin-check"

# Two requests: Plugin Check's runtime environment (test tables, drop-in) must exist before the
# request that runs the checks starts.
php tests/zip/plugin-check.php "$wp_root" "$SLUG/$SLUG.php" prepare
php tests/zip/plugin-check.php "$wp_root" "$SLUG/$SLUG.php" run
