"""Recording a run computes its seal from the rows it inserts (not by reading them back):
the seal must still be exactly what ``coi verify`` recomputes from the database, for any
values a findings file may hold, and what is stored must not depend on whether the run came
from a scan (Finding objects) or from a run folder (findings.json)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from coi_graph.outputs.workspace import (
    RUN_FINDING_COLUMNS,
    _recorded_fields,
    open_workspace,
    record_run_folder,
    record_scan,
)
from tests.test_workspace import fake_result, make_finding


def stored(path: Path) -> list[tuple[Any, ...]]:
    cols = [c for c in RUN_FINDING_COLUMNS if c not in ("run_id", "evidence_rows")]
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {', '.join(cols)} FROM run_findings ORDER BY finding_id"
                            ).fetchall()


def test_recorded_fields_are_those_of_findings_json() -> None:
    f = make_finding(evidence=("declarations:2", "relatives:5"), declared=False)
    full = f.to_json()
    light = _recorded_fields(f)
    assert light == {k: full[k] for k in light}
    assert set(light) >= {"finding_id", "path", "path_nodes", "evidence", "declared"}


def test_scan_and_run_folder_store_the_same(tmp_path: Path) -> None:
    findings = [make_finding(subject=f"E{i}", org=f"O{i % 3}", ehash=f"h{i}") for i in range(7)]
    res = fake_result(tmp_path / "r", findings)
    record_scan(res, tmp_path / "r", tmp_path / "a.sqlite")
    record_run_folder(tmp_path / "r", tmp_path / "b.sqlite")
    assert stored(tmp_path / "a.sqlite") == stored(tmp_path / "b.sqlite")
    assert len(stored(tmp_path / "a.sqlite")) == 7


def test_seal_holds_for_odd_values_and_orders(tmp_path: Path) -> None:
    """Numbers where text belongs, missing values, booleans as text, ids whose order differs
    between naive byte and character comparisons: the run verifies, and a later change to one
    of its findings is still caught."""
    base = {"rule": "self_interest", "severity": "high", "score": 70, "evidence_hash": "e"}
    findings = [
        {**base, "finding_id": "F-z", "subject_id": 12, "decision_id": 3.5, "declared": "ja",
         "path_nodes": "a;b", "evidence": ["contracts:2"]},
        {**base, "finding_id": "F-\u00e9", "subject_id": None, "record": 0, "declared": True,
         "counterparty_name": "Caf\u00e9 \u201cDe Hoek\u201d", "score": "80"},
        {**base, "finding_id": "F-\U0001f600", "subject_department": False, "path": "x\ny",
         "evidence": ("a:1", "b:2")},
        {**base, "finding_id": "F-A", "decision_date": "2024-01-02", "declared": "false"},
    ]
    rows = {"F-z": {"contracts:2": {"key": "contracts D1", "digest": "d", "values": {
        "amount_eur": 1.5, "decision_id": "D1"}}}}
    path = tmp_path / "ws.sqlite"
    with open_workspace(path) as ws:
        ws.record_run({"as_of": "2024-06-30"}, findings, tmp_path / "r", rows=rows)
        ws.record_run({"as_of": "2024-07-31"}, findings[:2], tmp_path / "r2")
        v = ws.verify()
        assert v.ok, v.problems
        assert v.entries == 2
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER run_findings_no_update")
        conn.execute("UPDATE run_findings SET score = 71 WHERE finding_id = 'F-A'")
        conn.execute("CREATE TRIGGER run_findings_no_update BEFORE UPDATE ON run_findings "
                     "BEGIN SELECT RAISE(ABORT, 'the run history is append-only'); END")
    with open_workspace(path) as ws:
        problems = ws.verify().problems
    assert problems == [("run 1 was changed, replaced or moved after it was recorded (audit "
                         "entry 1 does not match)")]


def test_a_rolled_back_recording_leaves_no_stale_seal(tmp_path: Path) -> None:
    """A recording that fails after inserting its findings is rolled back; the run id it had
    is then given to the next run, whose seal must be its own."""
    path = tmp_path / "ws.sqlite"
    first = [{"finding_id": f"F-{i}", "rule": "self_interest", "severity": "high", "score": 1}
             for i in range(3)]
    with open_workspace(path) as ws:
        try:  # fails on the declaration figures, after the findings went in
            ws.record_run({"as_of": "2024-06-30"}, first, tmp_path / "r",
                          stats={"all": {}, "departments": {}})
        except KeyError:
            pass
        assert ws.runs() == []
        ws.record_run({"as_of": "2024-06-30", "x": 1}, first[:1], tmp_path / "r")
        assert [r["run_id"] for r in ws.runs()] == [1]
        v = ws.verify()
        assert v.ok and v.entries == 1, v.problems


def test_recording_gives_the_collector_back(tmp_path: Path) -> None:
    """Recording pauses Python's cyclic collector (it makes no cycles); the collector must
    run again afterwards, also when the recording fails half-way, and stay off when the
    caller had turned it off."""
    import gc

    res = fake_result(tmp_path / "r", [make_finding(subject="E1", org="O1", ehash="h1")])
    assert gc.isenabled()
    record_scan(res, tmp_path / "r", tmp_path / "a.sqlite")
    assert gc.isenabled()
    with open_workspace(tmp_path / "b.sqlite") as ws:
        try:
            ws.record_run({"as_of": "2024-01-01"}, [{"finding_id": "F1"}], tmp_path / "r")
        except KeyError:  # a finding without its rule cannot be stored
            pass
        else:
            raise AssertionError("a finding without a rule was recorded")
    assert gc.isenabled()
    gc.disable()
    try:
        record_scan(res, tmp_path / "r", tmp_path / "c.sqlite")
        assert not gc.isenabled()
    finally:
        gc.enable()
