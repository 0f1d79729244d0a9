"""Against a real Neo4j 5: both engines give the same findings, and loading is idempotent.

Runs only when ``COI_NEO4J_URI`` is set (with ``COI_NEO4J_USER``, ``COI_NEO4J_PASSWORD`` and
optionally ``COI_NEO4J_DATABASE``); the database's coi-graph nodes are replaced.  Start one
with Docker, for example::

    docker run --rm -p7474:7474 -p7687:7687 -e NEO4J_AUTH=neo4j/secret-password neo4j:5
    COI_NEO4J_URI=neo4j://localhost:7687 COI_NEO4J_USER=neo4j \\
        COI_NEO4J_PASSWORD=secret-password bash scripts/test.sh -m neo4j
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

from coi_graph import neo4j_engine as ne
from coi_graph.policy import Policy
from coi_graph.scan import scan

pytestmark = pytest.mark.neo4j

URI = os.environ.get("COI_NEO4J_URI")
if not URI:
    pytest.skip("no Neo4j server: set COI_NEO4J_URI (and COI_NEO4J_USER, COI_NEO4J_PASSWORD) "
                "to run the Neo4j integration tests, e.g. against "
                "`docker run -p7687:7687 -e NEO4J_AUTH=neo4j/secret-password neo4j:5`",
                allow_module_level=True)


@pytest.fixture(scope="module")
def settings() -> ne.Neo4jSettings:
    return ne.Neo4jSettings(uri=URI or "", user=os.environ.get("COI_NEO4J_USER", "neo4j"),
                            password=os.environ.get("COI_NEO4J_PASSWORD", ""),
                            database=os.environ.get("COI_NEO4J_DATABASE") or None)


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coi_graph.demo import generate

    return generate(tmp_path_factory.mktemp("demo"), "small").data_dir


def _key(f: Any) -> tuple[Any, ...]:
    return (f.finding_id, f.rule, f.score, f.severity, f.decision_id, f.record, f.subject_id,
            f.counterparty, f.path.text, tuple(f.path.node_keys),
            tuple(p.text for p in f.other_paths), f.evidence_hash)


@pytest.mark.parametrize("overrides", [{}, {"paths": {"max_links": 2}},
                                       {"subject_roles": ["handled_by"]}])
def test_both_engines_give_identical_findings(demo_data: Path, tmp_path: Path,
                                              settings: ne.Neo4jSettings,
                                              overrides: dict[str, Any]) -> None:
    pol = Policy.from_dict(overrides)
    nx_run = scan(demo_data, tmp_path / "networkx", pol)
    n4_run = ne.scan_neo4j(demo_data, tmp_path / "neo4j", pol, settings=settings)
    assert [_key(f) for f in n4_run.findings] == [_key(f) for f in nx_run.findings]
    assert n4_run.findings, "the demo plants findings of every rule"
    with (tmp_path / "networkx" / "findings.csv").open(encoding="utf-8") as a, \
            (tmp_path / "neo4j" / "findings.csv").open(encoding="utf-8") as b:
        assert list(csv.DictReader(a)) == list(csv.DictReader(b))
    run = json.loads((tmp_path / "neo4j" / "run.json").read_text(encoding="utf-8"))
    assert run["engine"] == "neo4j"
    assert run["counts"] == nx_run.run["counts"]
    assert settings.password not in json.dumps(run)


def test_loading_twice_changes_nothing(demo_data: Path, settings: ne.Neo4jSettings) -> None:
    ne.load(demo_data, Policy.default(), settings=settings)
    again, rows = ne.load(demo_data, Policy.default(), settings=settings)
    assert not again.changed, again.counters
    driver = ne.connect(settings)
    try:
        assert ne.database_counts(driver, settings) == rows.counts()
        assert ne.is_loaded(driver, settings, rows)
    finally:
        driver.close()


def test_a_scan_of_a_loaded_dataset_does_not_load_again(demo_data: Path, tmp_path: Path,
                                                        settings: ne.Neo4jSettings) -> None:
    ne.load(demo_data, Policy.default(), settings=settings)
    res = ne.scan_neo4j(demo_data, tmp_path, Policy.default(), settings=settings)
    assert res.run["neo4j"]["load"]["skipped"] is True


def test_a_changed_policy_reloads_and_removes_what_is_gone(demo_data: Path,
                                                           settings: ne.Neo4jSettings) -> None:
    """Siblings off by default: turning them on adds FAMILY links, turning them off removes
    them again."""
    wide = Policy.from_dict({"family": {"relations": [
        "partner", "household_member", "parent", "child", "sibling", "sibling_in_law"]}})
    ne.load(demo_data, wide, settings=settings)
    _, rows = ne.load(demo_data, Policy.default(), settings=settings)
    driver = ne.connect(settings)
    try:
        assert ne.database_counts(driver, settings) == rows.counts()
    finally:
        driver.close()


def test_wrong_password_is_one_clear_error(settings: ne.Neo4jSettings) -> None:
    bad = ne.Neo4jSettings(settings.uri, settings.user, "certainly-not-the-password",
                           settings.database)
    with pytest.raises(ne.Neo4jAuthError) as e:
        ne.connect(bad)
    assert "certainly-not-the-password" not in str(e.value)
    assert e.value.exit_code == 2
