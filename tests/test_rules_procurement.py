"""Procurement rules from the integrity codes' purchasing articles: orders split to stay under a
mandate (``split_orders``) and a decision approved by the person who handled it
(``self_approval``); and allocations out of turn scoring higher.  Each beside its look-alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coi_graph.policy import Policy
from coi_graph.rules.split_orders import groups
from tests.corp import run

LIMIT = Policy.from_dict({"rules": {"split_orders": {"default_limit_eur": 50000}}})


def order(did: str, date: str, amount: str, handler: str = "E3", org: str = "O2",
          kind: str = "purchase_order", approver: str = "E2") -> dict[str, Any]:
    return {"decision_id": did, "kind": kind, "org_id": org, "amount_eur": amount,
            "decision_date": date, "handled_by": handler, "approved_by": approver}


def test_groups_by_window_each_below_together_above() -> None:
    assert groups([(1, "a", 30.0), (10, "b", 30.0)], 50.0, 30) == [["a", "b"]]
    assert groups([(1, "a", 30.0), (40, "b", 30.0)], 50.0, 30) == []          # months apart
    assert groups([(1, "a", 20.0), (2, "b", 20.0)], 50.0, 30) == []           # together below
    assert groups([(1, "a", 60.0), (2, "b", 30.0)], 50.0, 30) == []           # one above: not split
    assert groups([(1, "a", 30.0), (31, "b", 30.0)], 50.0, 30) == [["a", "b"]]  # window inclusive
    assert groups([(1, "a", 50.0), (2, "b", 10.0)], 50.0, 30) == []           # at the limit is not below
    # a run that fails at its start is tried again from the next decision
    assert groups([(1, "a", 5.0), (25, "b", 30.0), (50, "c", 30.0)], 50.0, 30) == [["b", "c"]]


def test_split_orders_cites_every_decision(tmp_path: Path) -> None:
    res = run(tmp_path, LIMIT, extra_contracts=[
        order("P1", "01-05-2024", "30.000,00"), order("P2", "10-05-2024", "25.000,00"),
        order("P3", "20-05-2024", "20.000,00")])
    found = [f for f in res.findings if f.rule == "split_orders"]
    assert len(found) == 1
    f = found[0]
    assert f.subject_id == "E3" and f.counterparty == "organization:O2"
    assert f.decision_id == "P3" and f.details["decision_ids"] == ["P1", "P2", "P3"]
    assert f.amount_eur == 75000.0 and f.details["limit_eur"] == 50000.0
    assert {e.split(":")[0] for e in f.evidence} == {"contracts"} and len(f.evidence) == 3
    assert "EUR 75.000" in f.explanation_nl and "EUR 50.000" in f.explanation


@pytest.mark.parametrize("orders", [
    # two handlers: each alone stays below the limit
    [order("P1", "01-05-2024", "30.000,00", handler="E3"),
     order("P2", "10-05-2024", "30.000,00", handler="E1")],
    # spread over months
    [order("P1", "01-01-2024", "30.000,00"), order("P2", "01-03-2024", "30.000,00"),
     order("P3", "01-05-2024", "30.000,00")],
    # two suppliers
    [order("P1", "01-05-2024", "30.000,00", org="O2"),
     order("P2", "10-05-2024", "30.000,00", org="O1")],
])
def test_split_orders_look_alikes(tmp_path: Path, orders: list[dict[str, Any]]) -> None:
    res = run(tmp_path, LIMIT, extra_contracts=orders)
    assert not [f for f in res.findings if f.rule == "split_orders"]


def test_split_orders_needs_a_limit(tmp_path: Path) -> None:
    """Without a mandate and with the default of 0, nobody is checked."""
    res = run(tmp_path, None, extra_contracts=[
        order("P1", "01-05-2024", "30.000,00"), order("P2", "10-05-2024", "25.000,00")])
    assert not [f for f in res.findings if f.rule == "split_orders"]


def test_self_approval_from_the_policy_amount(tmp_path: Path) -> None:
    res = run(tmp_path, None, extra_contracts=[
        order("S1", "01-05-2024", "12.000,00", handler="E3", approver="E3"),
        order("S2", "02-05-2024", "9.999,99", handler="E3", approver="E3"),    # below the amount
        order("S3", "03-05-2024", "80.000,00", handler="E3", approver="E2")])  # four eyes
    found = [f for f in res.findings if f.rule == "self_approval"]
    assert [f.decision_id for f in found] == ["S1"]
    assert found[0].subject_id == "E3" and found[0].subject_role == "handled_by+approved_by"
    lower = Policy.from_dict({"rules": {"self_approval": {"min_amount_eur": 5000}}})
    res2 = run(tmp_path / "b", lower, extra_contracts=[
        order("S2", "02-05-2024", "9.999,99", handler="E3", approver="E3")])
    assert [f.decision_id for f in res2.findings if f.rule == "self_approval"] == ["S2"]
