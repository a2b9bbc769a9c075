#!/usr/bin/env bash
# The first command: set up, build the package, serve the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
# The sync server for shared journeys (tools/sync-server.mjs: the
# y-websocket server, persisted in target/sync/) on loopback beside the app;
# it stops with the app.
sync_port=${SYNC_PORT:-1234}
node tools/sync-server.mjs "$sync_port" &
sync_pid=$!
trap 'kill "$sync_pid" 2>/dev/null' EXIT INT TERM
SYNC_URL="ws://localhost:$sync_port" node tools/serve.mjs "${PORT:-8080}"
