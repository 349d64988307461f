#!/usr/bin/env bash
# Runs a Composer-installed tool (phpcs, phpstan, ...) from vendor/bin, running composer install
# first when it is missing, so `npm test` works on a machine where only `npm install` was run.
# Usage: bin/vendor-tool.sh TOOL [ARGS...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

tool="${1:?usage: bin/vendor-tool.sh TOOL [ARGS...]}"
shift

if [ ! -x "vendor/bin/$tool" ]; then
	if ! command -v composer >/dev/null; then
		echo "vendor-tool.sh: vendor/bin/$tool is missing and Composer is not installed (apt-get install composer)" >&2
		exit 1
	fi
	composer install --no-interaction --no-progress
fi
# The tools keep their caches in .cache/ (phpcs.xml.dist, phpstan.neon.dist); a fresh clone has none,
# and PHPCS refuses to create the folder itself.
mkdir -p .cache
exec "vendor/bin/$tool" "$@"
