#!/usr/bin/env bash
# The whole test suite (`npm test`), on a fresh machine too: bin/setup.sh first installs what
# the machine lacks (Debian packages, Node 24, npm and Composer packages, WordPress 7.1 and
# 6.8), then every layer runs, WordPress 7.1 (the current release) first:
#
#   build, linters, type check, the POT against the code, Jest, the bench's statistics, PHPUnit unit
#   WordPress 7.1: PHPUnit integration (single site + multisite), e2e (all specs), careless cache,
#                  the one-click demo (Playground, offline)
#   WordPress 6.8: PHPUnit integration (single site + multisite), e2e smoke subset (@smoke)
#   the release zip, installed into fresh 7.1 and 6.8 sites
#
# Every layer runs even when an earlier one failed; the exit status is non-zero when any did,
# and a table at the end says which, and how long each took.
# HELPDESKY_TEST_SKIP_SETUP=1 skips the set-up (a machine that is known to be ready).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${HELPDESKY_TEST_SKIP_SETUP:-}" != 1 ]; then
	bash bin/setup.sh test
fi
# shellcheck source=bin/node-env.sh
source bin/node-env.sh

results=()
failed=0
layer() {
	local name="$1" started status=0
	shift
	printf '\n== %s\n' "$name"
	started=$SECONDS
	"$@" || status=$?
	results+=("$(printf '%-44s %-6s %5ss' "$name" "$([ "$status" = 0 ] && echo ok || echo FAILED)" "$((SECONDS - started))")")
	[ "$status" = 0 ] || failed=1
}

layer "build" npm run build
layer "linters" npm run lint
layer "type check" npm run check-types
layer "translations template up to date" npm run i18n:check
layer "Jest" npm run test:js
layer "bench statistics" npm run test:bench
layer "PHPUnit unit" npm run test:php:unit
layer "WordPress 7.1: PHPUnit integration" env HELPDESKY_WP_VERSION=7.1 npm run test:php:integration
layer "WordPress 7.1: e2e" env HELPDESKY_WP_VERSION=7.1 npm run test:e2e
layer "WordPress 7.1: careless cache" env HELPDESKY_WP_VERSION=7.1 npm run test:cache
layer "WordPress 7.1: one-click demo (Playground)" env HELPDESKY_WP_VERSION=7.1 npm run test:blueprint
layer "WordPress 6.8: PHPUnit integration" env HELPDESKY_WP_VERSION=6.8 npm run test:php:integration
layer "WordPress 6.8: e2e smoke" env HELPDESKY_WP_VERSION=6.8 npm run test:e2e -- --grep @smoke
layer "release zip on WordPress 7.1 and 6.8" npm run test:zip

printf '\n== summary (%ss in all)\n' "$SECONDS"
printf '%s\n' "${results[@]}"
exit "$failed"
