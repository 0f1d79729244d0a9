#!/usr/bin/env bash
# One command that sets up everything the tests need on a fresh machine, then runs them.
#   bash scripts/test.sh            all tests (Neo4j ones skip unless COI_NEO4J_URI is set)
#   bash scripts/test.sh -k matching   extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

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

# Static checks first: unused names, undefined names, syntax (pyflakes rules via ruff).
python3 -m ruff check --quiet --select F,E9 coi_graph ingest bench tests

exec python3 -m pytest "$@"
