"""Paths through holdings in the Neo4j engine: the Cypher twins of self_interest,
relative_interest and shared_identifier walk through organizations exactly as the embedded
engine does (officer links only, hub cut-off, dates), against a real Neo4j 5 that
``bash scripts/test.sh`` starts (skipped without one, failed in CI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corp import make_corp
from test_paths_holdings import HOLDING, HOLDS_SHARES, PARTNER_DIRECTS

from coi_graph.engines import neo4j as ne
from coi_graph.policy import Policy
from coi_graph.scan import scan

from neo4j_settings import neo4j_settings  # noqa: E402

# neo4j_server_lock (tests/conftest.py): one file at a time on the server across workers
pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("neo4j_server_lock")]


@pytest.fixture(scope="module")
def settings() -> ne.Neo4jSettings:
    return neo4j_settings()


@pytest.fixture(scope="module")
def driver(settings: ne.Neo4jSettings) -> Iterator[Any]:
    d = ne.connect(settings)
    yield d
    d.close()


def _selected(driver: Any, settings: ne.Neo4jSettings, rule: str, data: Path,
              policy: Policy) -> set[tuple[str, str, tuple[str, ...]]]:
    """Load ``data`` and run the rule's Cypher file: (decision, subject, link ids) rows."""
    _, rows = ne.load(data, policy, settings=settings)
    q = ne.read_query(rule)
    recs, _ = ne._run(driver, settings, ne.query_text(q, rows.ctx.policy),
                      ne.query_parameters(q, rows.ctx))
    return {(r["decision_id"], r["subject_id"], tuple(r["link_ids"])) for r in recs}


def _key(f: Any) -> tuple[Any, ...]:
    return (f.finding_id, f.rule, f.score, f.decision_id, f.subject_id, f.counterparty,
            f.path.text, tuple(p.text for p in f.other_paths), tuple(f.evidence),
            f.evidence_hash, f.explanation, f.explanation_nl)


OWN_HOLDING = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O3",
               "kind": "own_business", "valid_from": "01-01-2015", "status": "approved"}
OTHERS = [{"org_id": f"O{i}", "name": f"Bedrijf {i}", "kvk_number": f"4444444{i}"}
          for i in range(4, 7)]

#: name -> (rule, tables, policy overrides, whether the rule selects D1/E1 through O3)
CASES: dict[str, tuple[str, dict[str, Any], dict[str, Any], bool]] = {
    "partner directs the holding": (
        "relative_interest",
        {"extra_organizations": [HOLDING], "officers": [PARTNER_DIRECTS, HOLDS_SHARES]}, {},
        True),
    "shares sold before the contract": (
        "relative_interest",
        {"extra_organizations": [HOLDING],
         "officers": [PARTNER_DIRECTS, dict(HOLDS_SHARES, valid_until="2023-12-31")]}, {},
        False),
    "an unrelated director": (
        "relative_interest",
        {"extra_organizations": [HOLDING],
         "officers": [dict(PARTNER_DIRECTS, name="Karel Pietersen", birth_date="1961-01-01"),
                      HOLDS_SHARES]}, {}, False),
    "the holding is a hub": (
        "relative_interest",
        {"extra_organizations": [HOLDING, *OTHERS],
         "officers": [PARTNER_DIRECTS, HOLDS_SHARES,
                      *[dict(HOLDS_SHARES, kvk_number=o["kvk_number"]) for o in OTHERS]]},
        {"paths": {"max_identifier_degree": 3}}, False),
    "the holding below the hub cut-off": (
        "relative_interest",
        {"extra_organizations": [HOLDING, *OTHERS],
         "officers": [PARTNER_DIRECTS, HOLDS_SHARES,
                      *[dict(HOLDS_SHARES, kvk_number=o["kvk_number"]) for o in OTHERS]]},
        {"paths": {"max_identifier_degree": 5}}, True),
    "own declared holding": (
        "self_interest",
        {"extra_organizations": [HOLDING], "declarations": [OWN_HOLDING],
         "officers": [HOLDS_SHARES]}, {}, True),
    "own holding, max_links 1": (
        "self_interest",
        {"extra_organizations": [HOLDING], "declarations": [OWN_HOLDING],
         "officers": [HOLDS_SHARES]}, {"paths": {"max_links": 1}}, False),
    "own holding sharing the supplier's IBAN, no officer link": (
        "self_interest",
        {"extra_organizations": [dict(HOLDING, iban="NL02ABNA0123456789")],
         "declarations": [OWN_HOLDING]}, {}, False),
    "a colleague's declaration behind the holding": (
        "self_interest",
        {"extra_organizations": [HOLDING],
         "declarations": [OWN_HOLDING, dict(OWN_HOLDING, declaration_id="DC2", employee_id="E3",
                                            org_id="O1", kind="financial_interest")],
         "officers": [{"org_id": "O3", "name": "Kees Smit", "birth_date": "1980-08-08",
                       "role": "bestuurder"}]}, {}, False),
    "a director shared by the holding and the supplier": (
        "self_interest",
        {"extra_organizations": [HOLDING], "declarations": [OWN_HOLDING],
         "officers": [{"org_id": o, "name": "Kees Smit", "birth_date": "1980-08-08",
                       "role": "bestuurder"} for o in ("O3", "O1")]}, {}, True),
    "address shared with the holding": (
        "shared_identifier",
        {"extra_organizations": [dict(HOLDING, postcode="1234AB", house_number="10")],
         "officers": [HOLDS_SHARES]}, {}, True),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cypher_walks_through_holdings_as_the_embedded_engine(
        name: str, tmp_path: Path, settings: ne.Neo4jSettings, driver: Any) -> None:
    rule, tables, overrides, expected = CASES[name]
    pol = Policy.from_dict(overrides) if overrides else Policy.default()
    data = make_corp(tmp_path / "data", **tables)
    rows = _selected(driver, settings, rule, data, pol)
    through = {(d, s) for d, s, ids in rows if len(ids) >= 2}
    assert (("D1", "E1") in through) is expected, rows
    n4 = ne.scan_neo4j(data, None, pol, settings=settings)
    nx = scan(data, None, pol)
    assert [_key(f) for f in n4.findings] == [_key(f) for f in nx.findings]
    via = [f for f in nx.findings if f.decision_id == "D1" and f.details.get("via")]
    assert bool(via) is expected
    if expected:
        assert via[0].rule == rule and via[0].details["via"][0] == "Holding X B.V."


# -- linked_suppliers: the networks on the organizations, the window in Cypher ----------------

from test_paths_networks import ORGS, _contract  # noqa: E402

LINKED = [_contract("P1", "O3", "2024-01-10", "E3"), _contract("P2", "O4", "2024-06-01", "E3")]


@pytest.mark.parametrize("name,contracts,expected", [
    ("two members within the window", LINKED, {("E3", "P1"), ("E3", "P2"), ("E2", "P1"),
                                               ("E2", "P2")}),
    ("spread over more than the window",
     [LINKED[0], dict(LINKED[1], decision_date="2025-02-01")], set()),
    ("two handlers, one approver far apart",
     [dict(LINKED[0], decision_date="2023-01-01"), dict(LINKED[1], handled_by="E1")], set()),
])
def test_linked_suppliers_in_cypher_as_in_the_embedded_engine(
        name: str, contracts: list[dict[str, Any]], expected: set[tuple[str, str]],
        tmp_path: Path, settings: ne.Neo4jSettings, driver: Any) -> None:
    data = make_corp(tmp_path / "data", extra_organizations=ORGS, extra_contracts=contracts)
    pol = Policy.default()
    _, rows = ne.load(data, pol, settings=settings)
    q = ne.read_query("linked_suppliers")
    recs, _ = ne._run(driver, settings, ne.query_text(q, pol), ne.query_parameters(q, rows.ctx))
    assert {(r["subject_id"], r["decision_id"]) for r in recs} == expected
    assert len({r["network_id"] for r in recs}) <= 1
    n4 = ne.scan_neo4j(data, None, pol, settings=settings)
    nx = scan(data, None, pol)
    assert [_key(f) for f in n4.findings] == [_key(f) for f in nx.findings]
    assert bool(expected) == any(f.rule == "linked_suppliers" for f in nx.findings)
