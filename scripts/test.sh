#!/usr/bin/env bash
# The test command (`npm test`): every suite, with the storage tests on both SQLite and a
# real PostgreSQL. Starts the throwaway cluster of scripts/pg.sh unless
# FULCRUM_TEST_PG_URL already names a server, stops it afterwards if this run started
# it, and exits with vitest's status. Arguments go to vitest: `npm test -- src/store`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=0
cleanup() {
  if [ "$started" = 1 ]; then bash scripts/pg.sh stop || true; fi
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

status=0
npx vitest run "$@" || status=$?
exit "$status"
