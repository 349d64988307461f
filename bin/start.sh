#!/usr/bin/env bash
# `npm start`: installs what the dev site needs when it is missing (Node 24, npm packages),
# then starts it (bin/dev-site.mjs: WordPress 7.1 in WordPress Playground). Arguments go to
# bin/dev-site.mjs, e.g. `npm start -- --keep`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash bin/setup.sh start
# shellcheck source=bin/node-env.sh
source bin/node-env.sh
exec node bin/dev-site.mjs "$@"
