#!/usr/bin/env bash
# Starts the app with the sample catalog on embedded SQLite:
# frontend on http://localhost:3000, backend on http://localhost:7007.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
yarn install
exec yarn start "$@"
