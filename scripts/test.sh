#!/usr/bin/env bash
# Runs every test: type check, lint, unit tests (the stores on SQLite and
# PostgreSQL), the pack test (the plugins installed from their tarballs into
# a fresh Backstage), the browser tests against the built app in Chromium
# and the scale test (two production backends on a PostgreSQL of its own).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

# Each step says how long the one before it took, so a slow stage shows.
STEP_STARTED=$SECONDS
STEP_NAME=""
step() {
  if [ -n "$STEP_NAME" ]; then
    printf '    (%s: %d s)\n' "$STEP_NAME" $((SECONDS - STEP_STARTED))
  fi
  STEP_NAME="$*"
  STEP_STARTED=$SECONDS
  printf '\n==> %s\n' "$*"
}

step "Installing dependencies"
yarn install --immutable

# The store tests must run on PostgreSQL too: a missing server fails the
# run instead of silently skipping those cases.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export CHANGE_MANAGEMENT_REQUIRE_POSTGRES=1

step "Checking prerequisites"
node scripts/check-prerequisites.js

step "Type check"
yarn tsc

step "Lint"
node scripts/generate-openapi.js --check
yarn lint:all
yarn prettier:check

step "Building the backend (a unit test checks the production bundle has no test clock) and the app"
yarn build:backend
yarn build:app

FAILED=()
step "Unit tests (SQLite and PostgreSQL)"
CI=true yarn test || FAILED+=("unit tests")

# Before the stages that read the plugins' package.json as they start:
# packing rewrites each one for a moment (its main pointed at dist).
step "Pack test: the plugins installed from their tarballs (1-2 min)"
yarn test:pack || FAILED+=("pack test")

# The browser tests wait on Chromium and their backend, the scale test on
# restarts, outages and its own PostgreSQL: neither keeps a core busy, so
# they run side by side and fill each other's waits (issue 19, section 4).
# The unit tests keep both cores busy and run alone: beside them all three
# took longer than one after the other. Each has its own ports and
# databases (the browser tests' backend on 7107 with SQLite in memory; the
# scale test on 7301-7302 with a PostgreSQL cluster of its own on 5433)
# and writes its own log, printed whole when it ends.
LOGS="$(mktemp -d)"
declare -A STARTED PIDS
beside() {
  local name="$1"
  shift
  printf '    started: %s (log %s/%s.log)\n' "$name" "$LOGS" "$name"
  STARTED[$name]=$SECONDS
  ("$@") >"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
}
finish() {
  local name="$1" status=0
  wait "${PIDS[$name]}" || status=$?
  printf '\n==> %s (%d s): ' "$name" $((SECONDS - STARTED[$name]))
  if [ "$status" -eq 0 ]; then echo "passed"; else echo "FAILED ($status)"; FAILED+=("$name"); fi
  cat "$LOGS/$name.log"
}

step "Browser tests (Chromium) beside the scale test (two backends on one PostgreSQL, restarts, SIGKILL; about 3 min)"
beside "browser tests" env CI=true yarn test:e2e
beside "scale test" yarn test:scale
finish "scale test"
finish "browser tests"

if [ ${#FAILED[@]} -gt 0 ]; then
  step "Failed: ${FAILED[*]}"
  exit 1
fi
step "All tests passed"
