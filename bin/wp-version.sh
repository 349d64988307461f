#!/usr/bin/env bash
# Which WordPress the stacks run: one place that maps a version to its Debian suite, its core
# folder and its database names. Source it from a stack script, or run it to print a value:
#
#   source bin/wp-version.sh          sets HELPDESKY_WP_VERSION (default 7.1), HELPDESKY_WP_SLUG
#                                     (71), HELPDESKY_WP_DEBIAN_SUITE, HELPDESKY_WP_CORE_DIR
#   bin/wp-version.sh core-dir 6.8    prints .cache/wordpress-6.8 as an absolute path
#   bin/wp-version.sh versions        prints the supported versions, primary first
#
# 7.1 is the current release and the primary version; 6.8 is "Requires at least".
HELPDESKY_WP_VERSIONS=(7.1 6.8)

helpdesky_wp_version_setup() {
	local root
	root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
	HELPDESKY_WP_VERSION="${HELPDESKY_WP_VERSION:-${HELPDESKY_WP_VERSIONS[0]}}"
	case "$HELPDESKY_WP_VERSION" in
		7.1) HELPDESKY_WP_DEBIAN_SUITE=sid ;;
		6.8) HELPDESKY_WP_DEBIAN_SUITE=trixie ;;
		*)
			echo "HELPDESKY_WP_VERSION=$HELPDESKY_WP_VERSION is not supported; use one of: ${HELPDESKY_WP_VERSIONS[*]}" >&2
			return 1
			;;
	esac
	HELPDESKY_WP_SLUG="${HELPDESKY_WP_VERSION//./}"
	HELPDESKY_WP_CORE_DIR="$root/.cache/wordpress-$HELPDESKY_WP_VERSION"
	export HELPDESKY_WP_VERSION HELPDESKY_WP_SLUG HELPDESKY_WP_DEBIAN_SUITE HELPDESKY_WP_CORE_DIR
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	case "${1:-}" in
		core-dir)
			HELPDESKY_WP_VERSION="${2:-${HELPDESKY_WP_VERSION:-}}"
			helpdesky_wp_version_setup
			echo "$HELPDESKY_WP_CORE_DIR"
			;;
		versions) echo "${HELPDESKY_WP_VERSIONS[*]}" ;;
		*)
			echo "usage: bin/wp-version.sh core-dir [version] | versions" >&2
			exit 2
			;;
	esac
else
	helpdesky_wp_version_setup
fi
