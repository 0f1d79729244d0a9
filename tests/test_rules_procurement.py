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
    assert f.decision_id == "P3" and f.decision_ids == ["P1", "P2", "P3"]
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


LINKED = [  # O3 and O4 share a phone number (one supplier network); O5 is on its own
    {"org_id": "O3", "name": "Dakwerken Oost B.V.", "phone": "020-7654321"},
    {"org_id": "O4", "name": "Dakgoten Oost B.V.", "phone": "+31 20 765 4321"},
    {"org_id": "O5", "name": "Glaszetter West", "phone": "010-1112233"},
]


def test_split_orders_over_a_supplier_network(tmp_path: Path) -> None:
    """The contract: "to one supplier (or one supplier network)": orders split over two
    organizations tied by a shared identifier are one group."""
    res = run(tmp_path, LIMIT, extra_organizations=LINKED, extra_contracts=[
        order("P1", "01-05-2024", "30.000,00", org="O3"),
        order("P2", "10-05-2024", "25.000,00", org="O4")])
    found = [f for f in res.findings if f.rule == "split_orders"]
    assert len(found) == 1
    f = found[0]
    assert (f.subject_id, f.counterparty, f.decision_id, f.decision_ids) == (
        "E3", "organization:O4", "P2", ["P1", "P2"])
    assert f.details["organizations"] == ["organization:O3", "organization:O4"]
    assert f.details["network_id"].startswith("N-") and f.amount_eur == 55000.0
    assert "2 linked suppliers" in f.explanation and "verbonden" in f.explanation_nl
    # the same orders to two organizations that are not tied: no group
    res2 = run(tmp_path / "b", LIMIT, extra_organizations=LINKED, extra_contracts=[
        order("P1", "01-05-2024", "30.000,00", org="O3"),
        order("P2", "10-05-2024", "25.000,00", org="O5")])
    assert not [f for f in res2.findings if f.rule == "split_orders"]


def test_a_group_per_supplier_stays_as_it_is_beside_its_network(tmp_path: Path) -> None:
    """Orders split at one member are that member's group (its id unchanged); the network's
    pass takes only what is left, and one order left at the other member is no group."""
    res = run(tmp_path, LIMIT, extra_organizations=LINKED, extra_contracts=[
        order("P1", "01-05-2024", "30.000,00", org="O3"),
        order("P2", "05-05-2024", "25.000,00", org="O3"),
        order("P3", "10-05-2024", "25.000,00", org="O4")])
    found = [(f.counterparty, f.decision_ids, "network_id" in f.details)
             for f in res.findings if f.rule == "split_orders"]
    assert found == [("organization:O3", ["P1", "P2"], False)]


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


def test_split_orders_uses_the_handlers_mandate(tmp_path: Path) -> None:
    """The mandates table gives the limit (a row for the kind beats one for all kinds); a
    handler without a mandate is not checked while the policy's default is 0."""
    res = run(tmp_path, None, mandates=[
        {"employee_id": "E3", "limit_eur": "100.000", "kind": ""},
        {"employee_id": "E3", "limit_eur": "40.000", "kind": "purchase_order"}],
        extra_contracts=[order("P1", "01-05-2024", "30.000,00"),
                         order("P2", "10-05-2024", "25.000,00"),
                         order("Q1", "01-05-2024", "30.000,00", handler="E1"),
                         order("Q2", "10-05-2024", "25.000,00", handler="E1")])
    found = [f for f in res.findings if f.rule == "split_orders"]
    assert [(f.subject_id, f.details["limit_eur"]) for f in found] == [("E3", 40000.0)]
    assert found[0].details["limit_source"].startswith("mandates:")
    # a mandate valid only before the orders does not count
    res2 = run(tmp_path / "b", None, mandates=[
        {"employee_id": "E3", "limit_eur": "40.000", "valid_until": "31-12-2023"}],
        extra_contracts=[order("P1", "01-05-2024", "30.000,00"),
                         order("P2", "10-05-2024", "25.000,00")])
    assert not [f for f in res2.findings if f.rule == "split_orders"]


def _alloc(did: str, **kw: str) -> dict[str, str]:
    row = {"decision_id": did, "kind": "rental", "decision_date": "2024-05-01",
           "handled_by": "E1", "approved_by": "E2", "unit_id": "U1",
           "applicant_name": "T. de Vries", "applicant_birth_date": "2000-06-01"}
    row.update(kw)
    return row


def test_an_allocation_out_of_turn_scores_higher_and_says_why(tmp_path: Path) -> None:
    """Tom de Vries (E1's declared child) gets a home: by the list at rank 1 the finding has
    its base score; at rank 4, or directly, it scores higher and says so; an unrelated
    applicant allocated directly gives no finding."""
    res = run(tmp_path, None, allocations=[
        _alloc("A1", rank="1", basis="lijst"),
        _alloc("A2", rank="4"),
        _alloc("A3", basis="directe bemiddeling"),
        _alloc("A4", applicant_name="Someone Else", applicant_birth_date="1990-01-01",
               basis="direct")])
    by = {f.decision_id: f for f in res.findings if f.rule == "allocation_to_relative"}
    assert set(by) == {"A1", "A2", "A3"}
    assert by["A2"].score == by["A1"].score + 10 == by["A3"].score
    assert by["A2"].details["rank"] == 4 and "plaats 4" in " ".join(
        p["reason_nl"] for p in by["A2"].score_parts)
    assert by["A3"].details["basis"] == "direct"
    assert by["A1"].details["rank"] == 1 and "basis" not in by["A1"].details
    assert not [f for f in res.findings if f.decision_id == "A4"]
