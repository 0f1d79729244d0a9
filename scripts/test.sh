#!/usr/bin/env bash
# One command that sets up everything the tests need on a fresh machine, then runs them.
#   bash scripts/test.sh            all tests, the Neo4j ones against a Neo4j 5 it starts itself
#   bash scripts/test.sh -k matching   extra arguments go to pytest
#   COI_NEO4J_URI=neo4j://host:7687 COI_NEO4J_USER=neo4j COI_NEO4J_PASSWORD=... bash scripts/test.sh
#                                   the Neo4j tests use that server instead (its coi-graph data
#                                   is replaced); COI_NEO4J=off starts none (Neo4j tests skip)
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

# Neo4j tests run against a real Neo4j 5 LTS: the release pinned in tools/neo4j/pom.xml, fetched
# by Maven (once; ~/.m2 keeps it), started on 127.0.0.1 at a free port with a generated password.
# It starts in the background while the other checks run, and is stopped on any exit (the trap),
# also when the tests fail; it also stops itself when this script's process is gone.
if ! command -v javac >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  if [ -z "${COI_NEO4J_URI:-}" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's Java 17 JDK and Maven for the Neo4j tests ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  fi
fi
NEO4J_RUN=""
NEO4J_STARTER=""
stop_neo4j() {
  if [ -n "$NEO4J_RUN" ]; then
    python3 tools/neo4j/server.py stop "$NEO4J_RUN" || true
    rm -rf "$NEO4J_RUN"
  fi
}
trap stop_neo4j EXIT
trap 'exit 130' INT TERM
if [ -n "${COI_NEO4J_URI:-}" ]; then
  echo "Neo4j tests use the server at $COI_NEO4J_URI"
elif [ "${COI_NEO4J:-}" = "off" ]; then
  export COI_NEO4J_UNAVAILABLE="COI_NEO4J=off: no Neo4j server started"
else
  NEO4J_RUN=$(mktemp -d "${TMPDIR:-/tmp}/coi-neo4j.XXXXXX")
  python3 tools/neo4j/server.py start "$NEO4J_RUN" $$ &
  NEO4J_STARTER=$!
fi

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and cannot be installed (not root): browser tests will be skipped"
  fi
fi

# The Cypher lint uses Neo4j's own parser and semantic analyser (an npm package).
if [ -f tools/cypher-lint/package.json ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd tools/cypher-lint && npm ci --silent --no-audit --no-fund >/dev/null)
  else
    echo "npm is missing: the Cypher lint test will be skipped"
  fi
fi

# The accessibility test runs Deque's axe-core (an npm package) in that Chromium.
if [ -f tools/a11y/package.json ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd tools/a11y && npm ci --silent --no-audit --no-fund >/dev/null)
  else
    echo "npm is missing: the axe-core accessibility test will be skipped"
  fi
fi

# Static checks first: unused names, undefined names, syntax (pyflakes rules via ruff).
python3 -m ruff check --quiet --select F,E9 coi_graph ingest bench tests tools

if [ -n "$NEO4J_STARTER" ]; then
  if wait "$NEO4J_STARTER"; then
    # shellcheck disable=SC1091  # COI_NEO4J_URI, COI_NEO4J_USER, COI_NEO4J_PASSWORD
    . "$NEO4J_RUN/env"
  else
    # the tests say why they cannot run (and fail in CI, where they must run)
    COI_NEO4J_UNAVAILABLE="$(cat "$NEO4J_RUN/unavailable" 2>/dev/null || echo "the Neo4j test server did not start")"
    export COI_NEO4J_UNAVAILABLE
  fi
fi

# Tests run in parallel (pytest-xdist), one worker per core (COI_TEST_WORKERS=N for another
# number, 0 for one process), each file on one worker (its module fixtures built once), in
# the order tests/conftest.py gives; the files using the Neo4j server take turns on it.
# not exec: the trap must stop Neo4j after the tests
python3 -m pytest -n "${COI_TEST_WORKERS:-auto}" --dist loadfile --no-loadscope-reorder "$@"
