#!/usr/bin/env bash
# Installs what this machine lacks for the project, and nothing that is already there:
#
#   bash bin/setup.sh start   Node 24 and the npm packages (what `npm start` needs)
#   bash bin/setup.sh test    the above, plus the Debian packages of the test stacks (PHP-FPM,
#                             MariaDB, nginx, Chromium, Composer), the Composer packages and
#                             WordPress 7.1 and 6.8 in .cache/ (what `npm test` needs)
#
# Called by bin/test.sh and bin/start.sh; safe to run again (every step checks first).
# Debian packages need root: as another user the script uses `sudo -n` when it may, and
# otherwise stops at once with the exact apt-get command to run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PURPOSE="${1:-test}"

# PHP for the plugin and its tests, MariaDB for WordPress, nginx + PHP-FPM + Chromium for the
# browser suites, Composer for PHPUnit and the PHP linters.
APT_PACKAGES=(
	php-cli php-mysql php-xml php-mbstring php-intl php-curl php-gd php-fpm
	mariadb-server nginx chromium composer
)

step() { printf '\n== setup: %s\n' "$*"; }
hash_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

install_debian_packages() {
	local missing=() package as_root=()
	for package in "${APT_PACKAGES[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$package")
		fi
	done
	if [ "${#missing[@]}" -eq 0 ]; then
		echo "all present"
		return 0
	fi
	if ! command -v apt-get >/dev/null; then
		echo "setup: these Debian packages are missing and this is not a Debian-like system: ${missing[*]}" >&2
		return 1
	fi
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
			as_root=(sudo -n)
		else
			echo "setup: missing Debian packages; run this once as root, then run the tests again:" >&2
			echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
			return 1
		fi
	fi
	echo "installing: ${missing[*]}"
	# Package scripts would start system-wide MariaDB, nginx and PHP-FPM services; the tests
	# start their own private ones, so service starts are refused for the install's duration.
	local added_policy=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		added_policy=/usr/sbin/policy-rc.d
		printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$added_policy" >/dev/null
		"${as_root[@]}" chmod +x "$added_policy"
	fi
	local status=0
	"${as_root[@]}" apt-get update -q || status=$?
	if [ "$status" = 0 ]; then
		"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" || status=$?
	fi
	if [ -n "$added_policy" ]; then
		"${as_root[@]}" rm -f "$added_policy"
	fi
	return "$status"
}

install_npm_packages() {
	# npm ci wipes and reinstalls node_modules: only when package.json or the lockfile changed
	# since the last install (the stamp lives inside node_modules, so a fresh clone installs).
	local stamp=node_modules/.setup-package-lock.sha256 wanted
	wanted="$(hash_of package.json package-lock.json) $(node --version)"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
		echo "node_modules matches package-lock.json"
		return 0
	fi
	if ! npm ci --no-audit --no-fund; then
		# Some dependencies of @wordpress/scripts ask for "latest" of a package; when that
		# package publishes, npm ci rejects a lockfile that was fine the day before. npm install
		# keeps the run going; refresh and commit package-lock.json to fix it for good.
		echo "WARNING: npm ci refused package-lock.json; falling back to npm install" >&2
		npm install --no-audit --no-fund
	fi
	echo "$wanted" >"$stamp"
}

install_composer_packages() {
	local stamp=vendor/.setup-composer.sha256 wanted
	wanted="$(hash_of composer.json)"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
		echo "vendor matches composer.json"
		return 0
	fi
	composer install --no-interaction --no-progress
	echo "$wanted" >"$stamp"
}

case "$PURPOSE" in
	start | test) ;;
	*)
		echo "usage: bash bin/setup.sh start|test" >&2
		exit 2
		;;
esac

if [ "$PURPOSE" = test ]; then
	step "Debian packages"
	install_debian_packages
fi

step "Node.js"
# shellcheck source=bin/node-env.sh
source bin/node-env.sh
echo "node $(node --version), npm $(npm --version)"

step "npm packages"
install_npm_packages

if [ "$PURPOSE" = test ]; then
	step "Composer packages"
	install_composer_packages

	step "WordPress"
	for version in $(bash bin/wp-version.sh versions); do
		bash bin/fetch-wordpress.sh "$version"
		echo "WordPress $version in $(bash bin/wp-version.sh core-dir "$version")"
	done
fi
