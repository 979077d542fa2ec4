#!/usr/bin/env bash
# The test command (`npm test`): every suite, with the storage tests on both SQLite and a
# real PostgreSQL. Starts the throwaway cluster of scripts/pg.sh unless
# FULCRUM_TEST_PG_URL already names a server, stops it afterwards if this run started
# it. Then the browser tests (e2e/, vitest.e2e.config.ts): installs Debian's Chromium
# when /usr/bin/chromium is missing, builds the page, and drives it with playwright-core.
# Exits non-zero if either suite failed. Arguments go to the unit suite only, and skip
# the browser tests: `npm test -- src/store`. FULCRUM_E2E=0 skips them too.
# Every temporary file of the run (test databases, scratch exports, servers' and the
# browser's files) goes into one folder of its own, TMPDIR for the run, removed when the
# run ends however it ends: a run leaves nothing in /tmp.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scratch="$(mktemp -d "${TMPDIR:-/tmp}/fulcrum-tests-XXXXXX")"
started=0
cleanup() {
  if [ "$started" = 1 ]; then bash scripts/pg.sh stop || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${FULCRUM_TEST_PG_URL:-}" ]; then
  if ! bash scripts/pg.sh status; then
    started=1
  fi
  FULCRUM_TEST_PG_URL="$(bash scripts/pg.sh start)"
  export FULCRUM_TEST_PG_URL
fi
# After the cluster's start: its files stay where scripts/pg.sh keeps them.
export TMPDIR="$scratch"

status=0
npx vitest run "$@" || status=$?

e2e_status=0
if [ "$#" -eq 0 ] && [ "${FULCRUM_E2E:-1}" != 0 ]; then
  if [ ! -x /usr/bin/chromium ] && [ -z "${FULCRUM_CHROMIUM:-}" ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "scripts/test.sh: the browser tests need Debian's chromium: sudo apt-get install -y chromium" >&2
      exit 1
    fi
  fi
  # The page and the browser tests have their own tsconfigs (DOM, JSX): check them here.
  npx tsc --noEmit -p src/web/tsconfig.json && npx tsc --noEmit -p e2e/tsconfig.json || e2e_status=$?
  npm run build:web --silent
  npx vitest run -c vitest.e2e.config.ts || e2e_status=$?
fi

if [ "$status" != 0 ]; then exit "$status"; fi
exit "$e2e_status"
