"""graph.json: the flagged paths, one step of context, and the people each decision names."""

from __future__ import annotations

import json
from pathlib import Path

from corp import run
from test_rules import DECL


def test_context_shows_the_approver_beside_the_handler_with_the_interest(tmp_path: Path) -> None:
    res = run(tmp_path, declarations=[DECL])
    [f] = res.findings
    assert f.details["decision_roles"] == {"handled_by": "E1", "approved_by": "E2"}
    graph = json.loads((tmp_path / "run" / "graph.json").read_text(encoding="utf-8"))
    nodes = {n["key"]: n for n in graph["nodes"]}
    edges = {(e["source"], e["target"], e["label"]): e for e in graph["edges"]}
    # the path itself is core, the approver is context
    assert nodes["employee:E1"]["context"] is False
    assert nodes["employee:E2"]["context"] is True
    assert edges[("decision:D1", "employee:E1", "behandelaar")]["context"] is False
    assert edges[("decision:D1", "employee:E2", "goedkeurder")]["evidence"] == ["contracts:2"]
    # one step of context around the handler: the declared partner and child
    assert {"relative:R1", "relative:R2"} <= set(nodes)
    # nothing beyond one step: the other contract's handler is not there
    assert "employee:E3" not in nodes
