"""The Neo4j test server's settings, shared by the test files that need the server: where
`bash scripts/test.sh` (or the user's environment) says it runs, or a skip, or in CI a
failure (the Neo4j tests must run there)."""

from __future__ import annotations

import os
from typing import Any

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip the test, or fail it in CI."""
    if IN_CI:
        pytest.fail(f"the Neo4j tests must run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def neo4j_settings() -> Any:
    """:class:`coi_graph.engines.neo4j.Neo4jSettings` from ``COI_NEO4J_*``."""
    from coi_graph.engines import neo4j as ne

    uri = os.environ.get("COI_NEO4J_URI")
    if not uri:
        unavailable(os.environ.get("COI_NEO4J_UNAVAILABLE")
                    or "no Neo4j server: run `bash scripts/test.sh` (it starts one), or set "
                       "COI_NEO4J_URI, COI_NEO4J_USER and COI_NEO4J_PASSWORD")
    return ne.Neo4jSettings(uri=uri or "", user=os.environ.get("COI_NEO4J_USER", "neo4j"),
                            password=os.environ.get("COI_NEO4J_PASSWORD", ""),
                            database=os.environ.get("COI_NEO4J_DATABASE") or None)
