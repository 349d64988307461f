#!/usr/bin/env bash
# The release zip as a site owner gets it (npm run test:zip):
#
#   1. builds the block and the zip (npm run build, npm run plugin-zip);
#   2. unpacks it with WordPress's own PclZip (tests/zip/unpack.php) and checks the listing: one
#      helpdesky-block/ folder with the runtime files (plugin file, uninstall.php, readme.txt,
#      includes/ with its patterns, build/, languages/ once it exists) and the human-readable
#      source (src/, package.json), and nothing of the development tree (tests, node_modules,
#      vendor, bin, .cache, docs, the developer README.md, hidden files); and npm run build in a
#      copy of it rebuilds its build/ byte for byte from its src/ and package.json;
#   3. for each WordPress version (7.1 and 6.8, or HELPDESKY_ZIP_VERSIONS="7.1"), starts a fresh
#      nginx + PHP-FPM + MariaDB site (bin/e2e-stack.sh) whose plugin is the unpacked zip, not the
#      checkout; tests/zip/install.php deletes that copy with WordPress's delete_plugins() (so
#      uninstall.php runs) and installs the zip file again with WordPress's upload installer
#      (Plugin_Upgrader), then activates it; tests/zip/site.php confirms it is active and
#      publishes a page with the block;
#      tests/zip/check-page.php signs in as the subscriber over HTTP and checks the signature
#      against its own HMAC, that the secret is nowhere in the page and nothing loads from src/;
#      PHP's log must hold nothing but this offline machine's WordPress.org warnings.
#
# Its own run folders, ports and databases (.cache/zip-<version>, 9111 / 9112, helpdesky_zip_<71|68>),
# so it runs next to the e2e suite; the sites are stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bin/node-env.sh
source bin/node-env.sh

SLUG="helpdesky-block"
ZIP="$ROOT/$SLUG.zip"
WORK="$ROOT/.cache/zip-unpacked"
PLUGIN_DIR="$WORK/$SLUG"
read -r -a VERSIONS <<<"${HELPDESKY_ZIP_VERSIONS:-7.1 6.8}"

log() { printf '\n== test-zip: %s\n' "$*"; }
fail() {
	printf 'test-zip: FAIL %s\n' "$*" >&2
	exit 1
}

port_of() { case "$1" in 7.1) echo 9111 ;; 6.8) echo 9112 ;; *) fail "no port for WordPress $1" ;; esac }

# bin/e2e-stack.sh with this test's own run folder, port and database for WordPress $1.
stack() {
	local version="$1"
	shift
	HELPDESKY_WP_VERSION="$version" \
		HELPDESKY_E2E_DIR="$ROOT/.cache/zip-$version" \
		HELPDESKY_E2E_PORT="$(port_of "$version")" \
		HELPDESKY_E2E_DB="helpdesky_zip_${version//./}" \
		HELPDESKY_E2E_PLUGIN_DIR="$PLUGIN_DIR" \
		bash "$ROOT/bin/e2e-stack.sh" "$@"
}

STARTED=()
stop_stacks() {
	local version
	for version in "${STARTED[@]}"; do
		[ -n "$version" ] || continue
		stack "$version" stop || true
	done
}
trap stop_stacks EXIT

log "build and zip"
npm run build
npm run plugin-zip
[ -f "$ZIP" ] || fail "npm run plugin-zip wrote no $SLUG.zip"

log "unpack with WordPress's PclZip and check the listing"
bash bin/fetch-wordpress.sh "${VERSIONS[0]}"
rm -rf "$WORK"
LISTING="$(php tests/zip/unpack.php "$(bash bin/wp-version.sh core-dir "${VERSIONS[0]}")" "$ZIP" "$WORK")"
printf '%s\n' "$LISTING" | sed 's/^/  /'

# Everything sits in one folder named after the plugin, or WordPress installs it under another
# name (and a second copy next to an installed one).
if grep -qv "^$SLUG/" <<<"$LISTING"; then
	fail "entries outside $SLUG/: $(grep -v "^$SLUG/" <<<"$LISTING" | head -3 | tr '\n' ' ')"
fi

# What WordPress loads at runtime, and the source the directory's guidelines ask for.
required=(
	"$SLUG.php" uninstall.php readme.txt package.json
	includes/plugin.php includes/namespace.php includes/signing.php includes/patterns.php includes/patterns/support-page.php
	build/blocks-manifest.php build/ticket-center/block.json build/ticket-center/render.php
	build/ticket-center/index.js build/ticket-center/view.js build/contact-form/block.json
	src/ticket-center/edit.tsx src/ticket-center/view.ts src/ticket-center/editor.scss
)
for file in "${required[@]}"; do
	grep -qxF "$SLUG/$file" <<<"$LISTING" || fail "the zip lacks $file"
done
# Every file the plugin requires (ROOT_DIR . '/…' or __DIR__ . '/…'), so a new folder cannot be
# forgotten in package.json "files"; and all of includes/ and build/ as they are in the checkout.
while IFS= read -r match; do
	source_file="${match%%:*}"
	path="$(printf '%s' "$match" | sed -E "s/.*'\/([^']+)'$/\1/")"
	case "$match" in
		*__DIR__*) path="$(dirname "$source_file")/$path" && path="${path#./}" ;;
	esac
	grep -qxF "$SLUG/$path" <<<"$LISTING" || fail "the zip lacks $path, which $source_file requires"
done < <(grep -roE "(ROOT_DIR|__DIR__) \. '/[^']+\.php'" "$SLUG.php" uninstall.php includes)
while IFS= read -r file; do
	grep -qxF "$SLUG/$file" <<<"$LISTING" || fail "the zip lacks $file"
done < <(find includes build -type f ! -name '.*')
if [ -d languages ]; then
	grep -q "^$SLUG/languages/." <<<"$LISTING" || fail "languages/ exists but is not in the zip"
fi
forbidden='^'"$SLUG"'/(tests|node_modules|vendor|bin|\.cache|docs|artifacts|build-tools)(/|$)|/test/|\.test\.|/README\.md$|/\.[^/]+$|/package-lock\.json$|/composer\.(json|lock)$|\.zip$'
if grep -qE "$forbidden" <<<"$LISTING"; then
	fail "the zip holds development files: $(grep -E "$forbidden" <<<"$LISTING" | head -5 | tr '\n' ' ')"
fi
echo "  $(grep -cv '/$' <<<"$LISTING") files; required present, no development files"

# The source the zip ships is the source of its build/: `npm run build` in a copy of the unpacked
# zip (with this checkout's node_modules, i.e. package-lock.json's versions) writes the same files.
log "the zip's src/ and package.json rebuild its build/"
REBUILD="$ROOT/.cache/zip-rebuild"
rm -rf "$REBUILD"
cp -a "$PLUGIN_DIR" "$REBUILD"
rm -rf "$REBUILD/build"
ln -s "$ROOT/node_modules" "$REBUILD/node_modules"
(cd "$REBUILD" && npm run build >"$WORK/rebuild.log" 2>&1) || {
	tail -n 20 "$WORK/rebuild.log" >&2
	fail "npm run build failed in the unpacked zip"
}
diff -r "$PLUGIN_DIR/build" "$REBUILD/build" >&2 || fail "the zip's build/ is not what its src/ builds"
rm -rf "$REBUILD"
echo "  identical"

for version in "${VERSIONS[@]}"; do
	log "WordPress $version with the plugin from the zip"
	STARTED+=("$version")
	stack "$version" start
	settings="$(stack "$version" env)"
	setting() { printf '%s\n' "$settings" | sed -n "s/^$1=//p"; }
	run_dir="$(setting HELPDESKY_E2E_DIR)"
	installed="$run_dir/wordpress/wp-content/plugins/$SLUG"
	debug_log="$(setting HELPDESKY_E2E_DEBUG_LOG)"

	# The stack installed the unpacked zip to set the site up; now the way site owners do it:
	# delete that copy (its uninstall.php runs), install the zip file with WordPress's upload
	# installer, activate.
	php tests/zip/install.php "$run_dir/wordpress" "$ZIP" "$SLUG/$SLUG.php"

	# The site has the zip's files and nothing else: no checkout, no node_modules, no symlinks.
	diff -r "$PLUGIN_DIR" "$installed" >/dev/null || fail "the installed plugin differs from the zip"
	if [ -n "$(find "$installed" -type l -print -quit)" ]; then
		fail "the installed plugin contains symbolic links"
	fi

	page_url="$(php tests/zip/site.php "$run_dir/wordpress" "$SLUG/$SLUG.php")"
	echo "  the plugin is active; page $page_url"
	php tests/zip/check-page.php "$page_url" "$(setting WP_BASE_URL)/wp-login.php" \
		"$(setting HELPDESKY_E2E_SUBSCRIBER)" "$(setting HELPDESKY_E2E_SUBSCRIBER_PASSWORD)" \
		"$(stack "$version" site user-email "$(setting HELPDESKY_E2E_SUBSCRIBER)")" \
		"$(setting HELPDESKY_E2E_HMAC_SECRET)" "$(setting HELPDESKY_E2E_HELPDESK_ID)"

	# As the e2e suite's teardown: any line from the plugin's files, and any entry but core's
	# warnings that this offline machine cannot reach WordPress.org (the language list of the
	# login screen, update checks), fails.
	offline='^\[[^]]+\] PHP Warning:  [a-z_]+\(\): An unexpected error occurred\. Something may be wrong with WordPress\.org'
	if [ -f "$debug_log" ]; then
		problems="$( { grep -E '^\[' "$debug_log" | grep -vE "$offline"; grep -F "/plugins/$SLUG/" "$debug_log"; } | sort -u || true)"
		if [ -n "$problems" ]; then
			sed 's/^/  /' <<<"$problems" >&2
			fail "PHP logged the above on WordPress $version"
		fi
	fi
	echo "  PHP's log: no problems ($(grep -cE "$offline" "$debug_log" 2>/dev/null || true) entries about WordPress.org being unreachable)"
	stack "$version" stop
	STARTED=("${STARTED[@]/$version/}")
done

log "passed: the zip installs and works on WordPress ${VERSIONS[*]}"
