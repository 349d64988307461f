#!/usr/bin/env bash
# Node.js 24 for every script of the project, on a machine that may only have an older Node.
#
# Source it (`source bin/node-env.sh`): when the `node` on PATH is older than 24.18 (what
# @wp-playground/cli, @php-wasm/* and @wordpress/e2e-test-utils-playwright 2.x require), it
# puts a Node 24 binary first on PATH, unpacked once into .cache/node from the npm registry's
# `node-linux-<arch>` package (the official build, shipped as a package) through the npm client
# as configured. The version is the one in .nvmrc. npm itself is the machine's: its launcher
# runs on whichever `node` comes first on PATH.
#
# Run it directly to only install and print the Node it chose: `bash bin/node-env.sh`.

helpdesky_node_env() {
	local root wanted minimum_major=24 minimum_minor=18 arch node_dir work tarball current
	root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
	wanted="$(tr -d ' \n' <"$root/.nvmrc")"
	node_dir="$root/.cache/node"

	if ! command -v npm >/dev/null; then
		echo "node-env: npm is not installed. Install Node.js with npm (any version; Debian: apt-get install npm) — this script then brings Node $wanted itself." >&2
		return 1
	fi

	# A Node that is new enough already (nvm, Debian sid's nodejs, a CI image): use it.
	current="$(node --version 2>/dev/null || true)"
	if [[ "$current" =~ ^v([0-9]+)\.([0-9]+)\. ]]; then
		local major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}"
		if [ "$major" -gt "$minimum_major" ] || { [ "$major" -eq "$minimum_major" ] && [ "$minor" -ge "$minimum_minor" ]; }; then
			return 0
		fi
	fi

	if [ "$("$node_dir/bin/node" --version 2>/dev/null || true)" != "v$wanted" ]; then
		case "$(uname -m)" in
			x86_64) arch=x64 ;;
			aarch64 | arm64) arch=arm64 ;;
			*)
				echo "node-env: no Node $wanted package for $(uname -m); install Node >= $minimum_major.$minimum_minor yourself." >&2
				return 1
				;;
		esac
		echo "node-env: installing Node $wanted into .cache/node (found ${current:-no node})" >&2
		mkdir -p "$root/.cache"
		work="$(mktemp -d "$root/.cache/node-unpack.XXXXXX")"
		if ! (cd "$work" && npm pack --silent "node-linux-$arch@$wanted" >/dev/null); then
			rm -rf "$work"
			echo "node-env: npm could not fetch node-linux-$arch@$wanted" >&2
			return 1
		fi
		tarball="$(ls "$work"/node-linux-"$arch"-*.tgz)"
		tar -xzf "$tarball" -C "$work"
		rm -rf "$node_dir"
		mkdir -p "$node_dir/bin"
		mv "$work/package/bin/node" "$node_dir/bin/node"
		rm -rf "$work"
	fi
	case ":$PATH:" in
		*":$node_dir/bin:"*) ;;
		*) export PATH="$node_dir/bin:$PATH" ;;
	esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	helpdesky_node_env
	echo "node $(node --version) at $(command -v node), npm $(npm --version)"
else
	helpdesky_node_env || return 1
fi
