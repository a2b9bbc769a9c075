#!/usr/bin/env bash
# The first command: set up, build the package, serve the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
exec node tools/serve.mjs "${PORT:-8080}"
