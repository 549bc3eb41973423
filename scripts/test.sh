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

step "Building the backend (a unit test checks the production bundle has no test clock)"
yarn build:backend

step "Unit tests (SQLite and PostgreSQL)"
CI=true yarn test

step "Pack test: the plugins installed from their tarballs (1-2 min)"
yarn test:pack

step "Building the app"
yarn build:app

step "Browser tests (Chromium)"
CI=true yarn test:e2e

step "Scale and faults: two backends on one PostgreSQL, restarts, SIGKILL (about 3 min)"
yarn test:scale

step "All tests passed"
