#!/usr/bin/env bash
# npm run load: 50 signed-in users ask for the Support page at once for 60 s, against a fresh
# copy of the e2e stack (nginx + PHP-FPM + MariaDB) on loopback, in its own run folder, port and
# database so that it never disturbs an e2e run. Passes when every answer is a 200 signed for the
# user who asked (tests/load/load.mjs) and PHP logged nothing during the run.
#
# Which WordPress: HELPDESKY_WP_VERSION (7.1, the default, or 6.8; see bin/wp-version.sh). Each
# version has its own run folder, port and database, so the two can run side by side.
#
# Environment: LOAD_USERS (50), LOAD_SECONDS (60), LOAD_MAX_REQUESTS (200000),
# HELPDESKY_LOAD_DIR (.cache/load-<version>), HELPDESKY_LOAD_PORT (8921 on 7.1, 8922 on 6.8),
# HELPDESKY_LOAD_DB (helpdesky_load_<71|68>); LOAD_KEEP=1 leaves the site running afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bin/wp-version.sh
source "$ROOT/bin/wp-version.sh"

case "$HELPDESKY_WP_VERSION" in
	6.8) default_port=8922 ;;
	*) default_port=8921 ;;
esac
export HELPDESKY_E2E_DIR="${HELPDESKY_LOAD_DIR:-$ROOT/.cache/load-$HELPDESKY_WP_VERSION}"
export HELPDESKY_E2E_PORT="${HELPDESKY_LOAD_PORT:-$default_port}"
export HELPDESKY_E2E_DB="${HELPDESKY_LOAD_DB:-helpdesky_load_$HELPDESKY_WP_SLUG}"
USERS="${LOAD_USERS:-50}"

if [ ! -f build/ticket-center/block.json ]; then
	npm run build
fi

stop_stack() {
	if [ "${LOAD_KEEP:-}" != 1 ]; then
		bash bin/e2e-stack.sh stop || true
	fi
}
trap stop_stack EXIT

bash bin/e2e-stack.sh start
# WP_BASE_URL, HELPDESKY_E2E_HMAC_SECRET, HELPDESKY_E2E_DEBUG_LOG, HELPDESKY_E2E_DIR ...
while IFS='=' read -r name value; do
	[ -n "$name" ] && export "$name=$value"
done < <(bash bin/e2e-stack.sh env)

wp_version="$(sed -n "s/^\$wp_version = '\([^']*\)';.*/\1/p" "$HELPDESKY_E2E_DIR/wordpress/wp-includes/version.php")"
echo "load: WordPress $wp_version (HELPDESKY_WP_VERSION=$HELPDESKY_WP_VERSION) at $WP_BASE_URL"

setup="$(php tests/load/setup-site.php "$HELPDESKY_E2E_DIR/wordpress" "$USERS")"
log_lines_before=0
if [ -f "$HELPDESKY_E2E_DEBUG_LOG" ]; then
	log_lines_before="$(wc -l <"$HELPDESKY_E2E_DEBUG_LOG")"
fi

status=0
node tests/load/load.mjs "$setup" || status=$?

# PHP must have logged nothing while the users were served (core's offline update checks aside).
new_entries="$(tail -n +"$((log_lines_before + 1))" "$HELPDESKY_E2E_DEBUG_LOG" 2>/dev/null \
	| grep '^\[' | grep -v 'An unexpected error occurred. Something may be wrong with WordPress.org' || true)"
if [ -n "$new_entries" ]; then
	echo "load: PHP logged problems during the run:" >&2
	echo "$new_entries" | head -n 20 >&2
	status=1
else
	echo "load: no PHP errors, warnings or notices during the run"
fi
exit "$status"
