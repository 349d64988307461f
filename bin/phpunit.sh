#!/usr/bin/env bash
# PHPUnit from composer install (vendor/bin) when present, else the system's (Debian's
# phpunit package, on our machines from the start). Arguments go to PHPUnit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ -x vendor/bin/phpunit ]; then
	exec vendor/bin/phpunit "$@"
elif command -v phpunit >/dev/null; then
	exec phpunit "$@"
fi
echo "phpunit.sh: PHPUnit not found; run composer install" >&2
exit 1
