"""Issue 12's planted cases (P18-P22) and look-alikes (X11-X19) in a real scan of the small demo.

The rules behind most of them (``linked_suppliers``, ``split_orders``, ``self_approval``, paths
through holdings) land in other branches.  ``planted.json`` keeps an entry whose rule or input
this version of the analyzer lacks under ``awaiting`` (with what it lacks), and these tests
check the others: every case found with every decision it cites, no look-alike flagged.
Once those rules are merged nothing may wait any more: then the guard in
``test_only_what_the_analyzer_lacks_waits`` is to be dropped (see its comment).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from coi_graph.demo import generate
from coi_graph.demo.oracle import analyzer_lacks
from coi_graph.scan import scan

NETWORK_CASES = ("P18", "P19", "P20", "P21", "P22")
NETWORK_DECOYS = ("X11", "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-networks")
    res = generate(out, "small", seed=7)
    return {"res": res, "scan": scan(res.data_dir, None), "out": out}


def _key(row) -> tuple[str, str, str, str]:
    return row["rule"], row["decision_id"], row["record"], row["subject_id"]


def _cited(finding) -> set[str]:
    return set(getattr(finding, "decision_ids", None) or [finding.decision_id or ""])


def test_only_what_the_analyzer_lacks_waits(demo):
    res = demo["res"]
    ids = [c["id"] for c in res.cases + res.awaiting["cases"]]
    assert set(NETWORK_CASES) <= set(ids)
    assert set(NETWORK_DECOYS) <= {c["id"] for c in res.decoys + res.awaiting["decoys"]}
    for row in res.cases + res.decoys:
        assert analyzer_lacks(row["needs"]) == [], row["id"]
    for row in res.awaiting["cases"] + res.awaiting["decoys"]:
        assert row["lacks"] and row["lacks"] == analyzer_lacks(row["needs"]), row["id"]
    # every rule and input of issue 12 is in this analyzer: nothing waits
    assert res.awaiting == {"cases": [], "decoys": []}
    manifest = json.loads(res.manifest_path.read_text(encoding="utf-8"))
    assert manifest["awaiting"] == res.awaiting


def test_network_cases_are_found_with_every_decision_they_cite(demo):
    res, findings = demo["res"], demo["scan"].findings
    by_key = {(f.rule, f.decision_id or "", f.record or "", f.subject_id): f for f in findings}
    checked = 0
    for case in res.cases:
        if case["id"] not in NETWORK_CASES:
            continue
        finding = by_key.get(_key(case))
        assert finding is not None, case["story"]
        assert set(case["decision_ids"]) <= _cited(finding), case["id"]
        if case["id"] == "P18":  # the path goes via the holding
            holding = case["story"].split("whose shareholder is ")[1].split(" (")[0]
            assert holding in finding.path.text, finding.path.text
        checked += 1
    assert checked >= 1  # P22's rule exists today


def test_no_network_lookalike_is_flagged(demo):
    res, findings = demo["res"], demo["scan"].findings
    for decoy in res.decoys:
        if decoy["id"] not in NETWORK_DECOYS:
            continue
        hits = [f for f in findings if f.rule == decoy["rule"]
                and f.subject_id == decoy["subject_id"] and _cited(f) & set(decoy["decision_ids"])]
        assert not hits, decoy["story"]


def test_an_allocation_out_of_turn_scores_higher_and_says_why(demo, tmp_path: Path):
    res = demo["res"]
    (case,) = [c for c in res.cases if c["id"] == "P22"]
    # the same data with the allocation in turn: first on the list, by the list
    data = tmp_path / "data"
    shutil.copytree(res.data_dir, data)
    path = data / "allocations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.decision_id == case["decision_id"]
    assert (frame.loc[row, "rank"].tolist(), frame.loc[row, "basis"].tolist()) == (
        ["4"], ["direct"])
    frame.loc[row, ["rank", "basis"]] = ["1", "list"]
    frame.to_csv(path, index=False)

    def finding(findings):
        (f,) = [f for f in findings if (f.rule, f.decision_id, f.subject_id) == (
            case["rule"], case["decision_id"], case["subject_id"])]
        return f

    out_of_turn = finding(demo["scan"].findings)
    in_turn = finding(scan(data, None).findings)
    assert out_of_turn.score > in_turn.score
    told = json.dumps(out_of_turn.to_json(), ensure_ascii=False).lower()
    assert "direct" in told and ("rank" in told or "rang" in told)
    assert told.count("direct") > json.dumps(in_turn.to_json(), ensure_ascii=False).lower(
    ).count("direct")
