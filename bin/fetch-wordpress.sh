#!/usr/bin/env bash
# Fetch WordPress core and the Twenty Twenty-Five theme into .cache/wordpress-<version>.
#
# The plugin is tested on two WordPress versions side by side: 7.1 (the current release,
# the default) and 6.8 ("Requires at least"). WordPress.org is not reachable from our
# machines, but Debian packages both: sid has 7.1, trixie (Debian 13) has 6.8. We read that
# suite's package lists with a private apt configuration under .cache/apt-<suite> (the
# system's own sources and lists stay untouched), download the .debs, unpack them with
# dpkg -x and copy the tree with symlinks resolved.
#
# Usage: bin/fetch-wordpress.sh [7.1|6.8]     (npm run wp:fetch)
#        HELPDESKY_WP_VERSION=6.8 bin/fetch-wordpress.sh
#        WP_CORE_DIR=/some/dir bin/fetch-wordpress.sh 6.8
# Prints nothing on stdout; `bin/wp-version.sh core-dir` tells where a version lives.
# Idempotent: does nothing when the destination already holds that WordPress branch.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -gt 0 ]; then
	export HELPDESKY_WP_VERSION="$1"
fi
# shellcheck source=bin/wp-version.sh
source "$ROOT/bin/wp-version.sh"
DEST="${WP_CORE_DIR:-$HELPDESKY_WP_CORE_DIR}"
DEST="${DEST%/}"
WANTED_BRANCH="$HELPDESKY_WP_VERSION"
SUITE="$HELPDESKY_WP_DEBIAN_SUITE"
APT_HOME="$ROOT/.cache/apt-$SUITE"
SYSTEM_SOURCES="/etc/apt/sources.list.d/debian.sources"
# wordpress itself links to files of these packages; without them the copy has holes.
# 7.1's package links into more of them than 6.8's; a package a suite does not need is
# still harmless to unpack.
PACKAGES=(
	wordpress libjs-cropper libjs-lodash libjs-underscore libjs-jquery-ui libphp-phpmailer
	php-getid3 wordpress-theme-twentytwentyfive
)

log() { printf 'fetch-wordpress: %s\n' "$*" >&2; }

installed_version() {
	# Prints the version of the WordPress tree in $1, or nothing.
	local file="$1/wp-includes/version.php"
	[ -f "$file" ] || return 0
	sed -n "s/^\$wp_version = '\([^']*\)';.*/\1/p" "$file"
}

# Other scripts (the e2e stack, the dev site) fetch too; one at a time, and whoever waited
# finds the tree in place.
mkdir -p "$ROOT/.cache"
if command -v flock >/dev/null; then
	exec 9>"$ROOT/.cache/fetch-wordpress-$WANTED_BRANCH.lock"
	flock 9
fi

current="$(installed_version "$DEST")"
if [[ "$current" == "$WANTED_BRANCH".* && -d "$DEST/wp-content/themes/twentytwentyfive" ]]; then
	log "WordPress $current is already in $DEST"
	exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
	log "apt-get/dpkg not found: cannot fetch WordPress from Debian packages."
	log "Put a WordPress $WANTED_BRANCH.x tree (with themes/twentytwentyfive) into $DEST yourself, or set WP_CORE_DIR."
	exit 1
fi
if [ ! -r "$SYSTEM_SOURCES" ]; then
	log "$SYSTEM_SOURCES not found: cannot derive a Debian $SUITE source from it."
	log "Put a WordPress $WANTED_BRANCH.x tree (with themes/twentytwentyfive) into $DEST yourself, or set WP_CORE_DIR."
	exit 1
fi

# --- private apt configuration -------------------------------------------------------
mkdir -p "$APT_HOME/sources.list.d" "$APT_HOME/lists/partial" "$APT_HOME/cache/archives/partial" "$APT_HOME/debs"

# Keep the system's mirror and keyring, but only its main archive stanza (security
# suites are named differently per release) and point it at trixie.
awk -v suite="$SUITE" '
	BEGIN { RS = ""; ORS = "\n\n" }
	/(^|\n)URIs:/ && !/security/ {
		out = ""
		n = split($0, lines, "\n")
		for (i = 1; i <= n; i++) {
			if (lines[i] ~ /^#/) continue
			if (lines[i] ~ /^Suites:/) lines[i] = "Suites: " suite
			out = out lines[i] "\n"
		}
		printf "%s\n", out
		exit
	}
' "$SYSTEM_SOURCES" >"$APT_HOME/sources.list.d/$SUITE.sources"

if ! grep -q "^Suites: $SUITE" "$APT_HOME/sources.list.d/$SUITE.sources"; then
	log "found no Debian archive stanza in $SYSTEM_SOURCES"
	exit 1
fi

APT_OPTS=(
	-o "Dir::Etc::sourcelist=/dev/null"
	-o "Dir::Etc::sourceparts=$APT_HOME/sources.list.d"
	-o "Dir::State::Lists=$APT_HOME/lists"
	-o "Dir::Cache=$APT_HOME/cache"
	-o "Acquire::Languages=none"
	# Only the package lists are needed, not the app-store metadata the system enables.
	-o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false"
	-o "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false"
	-o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false"
	-q
)
if [ "$(id -u)" = 0 ]; then
	# apt's download user cannot write into our cache folder; as root, keep root.
	APT_OPTS+=(-o "APT::Sandbox::User=root")
fi

# The lists are only needed once; a failed download below refreshes them.
if ! compgen -G "$APT_HOME/lists/*_Packages*" >/dev/null; then
	log "reading Debian $SUITE package lists"
	apt-get "${APT_OPTS[@]}" update >&2
fi

download() {
	(cd "$APT_HOME/debs" && apt-get "${APT_OPTS[@]}" download "${PACKAGES[@]}" >&2)
}
if ! download; then
	log "download failed; refreshing the package lists once"
	apt-get "${APT_OPTS[@]}" update >&2
	download
fi

# --- unpack --------------------------------------------------------------------------
# Unpack next to the destination and move it into place at the end, so an interrupted
# run never leaves a half tree that the version check above would accept.
WORK="$(mktemp -d "$ROOT/.cache/wordpress-unpack.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

for pkg in "${PACKAGES[@]}"; do
	# Several versions may sit in the download folder after an update; take the newest.
	deb="$(ls -1 "$APT_HOME/debs/${pkg}_"*.deb | sort -V | tail -n 1)"
	dpkg -x "$deb" "$WORK/root"
done

# Debian's wp-config.php reads /etc/wordpress and .htaccess links there; tests and dev
# sites write their own config.
rm -f "$WORK/root/usr/share/wordpress/wp-config.php" "$WORK/root/usr/share/wordpress/.htaccess"

# Links to absolute paths that this machine lacks (the CA bundle lives in
# ca-certificates) would stop cp -L; WordPress works without them.
while IFS= read -r link; do
	log "dropping $(readlink "$link") link: ${link#"$WORK/root"}"
	rm -f "$link"
done < <(find "$WORK/root/usr/share/wordpress" -xtype l)

# -L turns Debian's relative links (to /usr/share/javascript, /usr/share/php …) into
# real files, so the tree works anywhere.
cp -rL "$WORK/root/usr/share/wordpress" "$WORK/wordpress"

theme_dir="$WORK/wordpress/wp-content/themes/twentytwentyfive"
if [ ! -f "$theme_dir/style.css" ]; then
	# Depending on the packaging the theme may live outside the core folder.
	found="$(find "$WORK/root" -type f -path '*twentytwentyfive/style.css' -print -quit)"
	if [ -z "$found" ]; then
		log "twentytwentyfive theme not found in the downloaded packages"
		exit 1
	fi
	mkdir -p "$(dirname "$theme_dir")"
	rm -rf "$theme_dir"
	cp -rL "$(dirname "$found")" "$theme_dir"
fi

version="$(installed_version "$WORK/wordpress")"
if [[ "$version" != "$WANTED_BRANCH".* ]]; then
	log "Debian $SUITE has WordPress '$version', expected $WANTED_BRANCH.x"
	exit 1
fi

rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$WORK/wordpress" "$DEST"
log "WordPress $version is in $DEST"
