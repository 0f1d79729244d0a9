"""Behaviour pinned before the rules are restructured (issue 11): each test here fails when one
bound, cut-off or id ingredient is changed on purpose (see the mutation table in the tests'
docstrings).  Small hand-made corporations from ``corp.py``, scanned for real."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from corp import BASE, make_corp, rules_for, run
from test_rules import DECL, alloc, gift

from coi_graph.errors import InputError, PolicyError
from coi_graph.policy import Policy, load_policy
from coi_graph.scan import scan

# -- employment bounds ---------------------------------------------------------------------


def employees(**e1: Any) -> list[dict[str, Any]]:
    rows = copy.deepcopy(BASE["employees"])
    rows[0].update(e1)
    return rows


def test_decision_after_the_handler_left_is_not_checked(tmp_path: Path) -> None:
    """D1 (2024-03-01) is handled by E1, who holds shares in O1 since 2020 but left at the
    end of 2023: the decision is outside the employment, so not a conflict, but counted."""
    res = run(tmp_path / "left", declarations=[DECL], employees=employees(employed_until="31-12-2023"))
    assert rules_for(res, "D1") == set()
    assert res.run["decisions_outside_employment"] == 1
    # still employed on the day: the same shares are a conflict and nothing is outside
    res = run(tmp_path / "still", declarations=[DECL], employees=employees(employed_until="01-03-2024"))
    assert rules_for(res, "D1") == {"self_interest"}
    assert res.run["decisions_outside_employment"] == 0


def test_decision_before_the_handler_joined_is_not_checked(tmp_path: Path) -> None:
    res = run(tmp_path / "a", declarations=[DECL], employees=employees(employed_from="02-03-2024"))
    assert rules_for(res, "D1") == set()
    assert res.run["decisions_outside_employment"] == 1
    res = run(tmp_path / "b", declarations=[DECL], employees=employees(employed_from="01-03-2024"))
    assert rules_for(res, "D1") == {"self_interest"}


def test_allocation_to_self_outside_the_employment_is_not_checked(tmp_path: Path) -> None:
    """The zero-link case (the handler is the applicant) has its own employment check."""
    me = alloc(applicant_name="Smit, Kees", applicant_birth_date="08-08-1980")
    emps = copy.deepcopy(BASE["employees"])
    emps[2]["employed_until"] = "30-04-2024"  # the allocation is dated 2024-05-01
    assert rules_for(run(tmp_path / "a", allocations=[me], employees=emps), "A1") == set()
    emps[2]["employed_until"] = "01-05-2024"
    assert rules_for(run(tmp_path / "b", allocations=[me], employees=emps), "A1") == {
        "allocation_to_self"}


# -- the gift window -------------------------------------------------------------------------


@pytest.mark.parametrize("window", [30, 365])
def test_gift_window_includes_its_last_day(tmp_path: Path, window: int) -> None:
    """A gift exactly ``window_days`` before the decision counts; one day earlier does not."""
    decided = dt.date(2024, 3, 1)  # D1
    pol = Policy.from_dict({"gifts": {"window_days": window}})
    on_edge = (decided - dt.timedelta(days=window)).isoformat()
    outside = (decided - dt.timedelta(days=window + 1)).isoformat()
    small = {"value_eur": "10", "kind": "gift"}  # no gift_rule_breach beside it
    assert rules_for(run(tmp_path / "edge", pol, gifts=[gift(date=on_edge, **small)]), "D1") == {
        "gift_before_decision"}
    assert rules_for(run(tmp_path / "out", pol, gifts=[gift(date=outside, **small)]), "D1") == set()
    same_day = decided.isoformat()
    assert rules_for(run(tmp_path / "day", pol, gifts=[gift(date=same_day, **small)]), "D1") == {
        "gift_before_decision"}


# -- paths.max_links -------------------------------------------------------------------------


def test_max_links_bounds_the_path(tmp_path: Path) -> None:
    """The child's directorship is two links from the handler (E1 -child- R2 -director- O1);
    E1's own shares in O2 are one link (D2 is handled by E3, so it is given to E1 here)."""
    child = dict(DECL, declaration_id="DC2", relative_id="R2", kind="position",
                 position="directeur", share_pct="")
    own = dict(DECL, declaration_id="DC3", org_id="O2")
    contracts = [BASE["contracts"][0], dict(BASE["contracts"][1], handled_by="E1")]
    tables = {"declarations": [child, own], "contracts": contracts}
    one = run(tmp_path / "one", Policy.from_dict({"paths": {"max_links": 1}}), **tables)
    assert rules_for(one, "D1") == set()
    assert rules_for(one, "D2") == {"self_interest"}
    two = run(tmp_path / "two", Policy.from_dict({"paths": {"max_links": 2}}), **tables)
    assert rules_for(two, "D1") == {"relative_interest"}
    assert rules_for(two, "D2") == {"self_interest"}


def test_max_links_bounds_allocation_paths(tmp_path: Path) -> None:
    """Handler E1 -child- R2 = applicant: one link plus the applicant match."""
    a = alloc(handled_by="E1", applicant_name="T. de Vries", applicant_birth_date="2000-06-01")
    assert rules_for(run(tmp_path / "one", Policy.from_dict({"paths": {"max_links": 1}}),
                         allocations=[a]), "A1") == set()
    assert rules_for(run(tmp_path / "two", Policy.from_dict({"paths": {"max_links": 2}}),
                         allocations=[a]), "A1") == {"allocation_to_relative"}


# -- the identifier hub cut-off ----------------------------------------------------------------


def test_an_identifier_held_by_too_many_is_not_a_link(tmp_path: Path) -> None:
    """E1's IBAN on O1 is a shared identifier; when a third record holds it too and the policy
    allows two holders, it is a hub: left out of the graph, listed in run.json."""
    iban = "NL91ABNA0417164300"
    orgs = [dict(BASE["organizations"][0], iban=iban), BASE["organizations"][1]]
    emps = copy.deepcopy(BASE["employees"])
    emps[2]["iban"] = iban
    res = run(tmp_path / "a", organizations=orgs, employees=emps)
    assert rules_for(res, "D1") == {"shared_identifier"}
    assert res.run["identifier_hubs_left_out"] == {}
    pol = Policy.from_dict({"paths": {"max_identifier_degree": 2}})
    res = run(tmp_path / "b", pol, organizations=orgs, employees=emps)
    assert rules_for(res, "D1") == set()
    assert res.run["identifier_hubs_left_out"] == {f"iban:{iban}": 3}
    assert not [n for n in res.graph.g.nodes if n.startswith("iban:")]


# -- ids do not depend on row order --------------------------------------------------------------


def _busy_corporation() -> dict[str, list[dict[str, Any]]]:
    """A corporation with a finding of every rule, several rows per table."""
    child = dict(DECL, declaration_id="DC2", relative_id="R2", kind="position",
                 position="directeur", share_pct="")
    side = [dict(DECL, declaration_id="S1", kind="side_function", position="penningmeester",
                 org_id="", org_name="Voetbalvereniging De Bal", status="pending"),
            dict(DECL, declaration_id="S2", kind="own_business", org_id="",
                 org_name="Klusbedrijf JdV", status="rejected")]
    officers = [
        {"org_id": "O2", "name": "Jansen, P.", "role": "bestuurder", "birth_date": "1950-01-01"},
        {"org_id": "O1", "name": "Bakker, A.", "role": "bestuurder", "birth_date": "05-05-1975",
         "valid_from": "2015-01-01"},
        {"kvk_number": "02345678", "name": "Vries, Petra de", "role": "commissaris",
         "birth_date": "1972-04-03"},
    ]
    contracts = copy.deepcopy(BASE["contracts"]) + [
        {"decision_id": f"D{i}", "kind": "purchase_order", "org_id": "O2", "amount_eur": "10",
         "decision_date": f"2024-0{i}-01", "handled_by": "E3", "approved_by": "E2"}
        for i in range(3, 7)] + [
        {"decision_id": "D7", "kind": "contract", "org_id": "O2", "amount_eur": "75.000",
         "decision_date": "2024-07-01", "handled_by": "E1", "approved_by": "E2"}]
    allocations = [alloc(),
                   alloc(decision_id="A2", applicant_name="Smit, Kees",
                         applicant_birth_date="08-08-1980"),
                   alloc(decision_id="A3", handled_by="E1", applicant_name="T. de Vries",
                         applicant_birth_date="2000-06-01"),
                   alloc(decision_id="A4", handled_by="E1", applicant_name="Mark Jansen",
                         applicant_postcode="1234AB", applicant_house_number="10")]
    gifts = [gift(gift_id="G1"), gift(gift_id="G2", kind="money", value_eur="100",
                                        date="2023-01-01"),
             gift(gift_id="G3", employee_id="E3", org_id="O2", kind="event", value_eur="0",
                  reported="nee", date="2024-01-15")]
    orgs = [dict(BASE["organizations"][0]), dict(BASE["organizations"][1]),
            {"org_id": "O3", "name": "Installatietechniek Oost", "kvk_number": "34567890",
             "iban": "NL91 ABNA 0417 1643 00"}]
    return {**copy.deepcopy(BASE), "declarations": [DECL, child, *side], "officers": officers,
            "contracts": contracts, "allocations": allocations, "gifts": gifts,
            "organizations": orgs}


def _ids(root: Path, tables: dict[str, list[dict[str, Any]]]) -> set[tuple[str, str, str]]:
    res = scan(make_corp(root / "data", **tables), None)
    return {(f.finding_id, f.rule, f.evidence_hash) for f in res.findings}


def test_ids_and_evidence_hashes_do_not_depend_on_the_order_of_any_table(tmp_path: Path) -> None:
    """Every table reversed (contracts and officers included): the same findings, ids and
    evidence hashes, although every row now sits on another line."""
    tables = _busy_corporation()
    before = _ids(tmp_path / "a", tables)
    assert {r for _, r, _ in before} >= {
        "self_interest", "relative_interest", "allocation_to_self", "allocation_to_relative",
        "shared_identifier", "gift_before_decision", "undeclared_interest",
        "unapproved_side_function", "gift_rule_breach"}
    reordered = {name: list(reversed(rows)) for name, rows in tables.items()}
    assert _ids(tmp_path / "b", reordered) == before
    # one table at a time too, so a table whose line leaks in cannot hide behind another
    for name in ("contracts", "officers"):
        one = dict(tables, **{name: list(reversed(tables[name]))})
        assert _ids(tmp_path / f"c-{name}", one) == before, name


def test_officer_finding_names_the_row_it_came_from(tmp_path: Path) -> None:
    """The record shown is the officers line (for a person to look up); only the id ignores it."""
    officers = [{"org_id": "O2", "name": "Jansen, P.", "role": "bestuurder",
                 "birth_date": "1950-01-01"},
                {"org_id": "O1", "name": "Bakker, A.", "role": "bestuurder",
                 "birth_date": "05-05-1975"}]
    a = [f for f in run(tmp_path / "a", officers=officers).findings
         if f.rule == "undeclared_interest"]
    b = [f for f in run(tmp_path / "b", officers=officers[::-1]).findings
         if f.rule == "undeclared_interest"]
    assert [f.record for f in a] == ["officers:3"] and [f.record for f in b] == ["officers:2"]
    assert [f.finding_id for f in a] == [f.finding_id for f in b]


# -- refusals of the library call ------------------------------------------------------------------


def test_skip_bad_rows_never_lets_a_bsn_column_through(tmp_path: Path) -> None:
    data = make_corp(tmp_path / "data", employees=employees(bsn="111222333"))
    for skip in (False, True):
        with pytest.raises(InputError, match=r"employees.csv: bsn: .*\(BSN\)"):
            scan(data, tmp_path / "run", skip_bad_rows=skip)
    assert not (tmp_path / "run").exists()


def test_a_row_error_stops_the_scan_unless_skipped(tmp_path: Path) -> None:
    contracts = copy.deepcopy(BASE["contracts"])
    contracts[1]["decision_date"] = "31-02-2024"
    data = make_corp(tmp_path / "data", declarations=[DECL], contracts=contracts)
    with pytest.raises(InputError, match=r"(?s)contracts.csv:3: decision_date: .*--skip-bad-rows"):
        scan(data, tmp_path / "run")
    assert not (tmp_path / "run").exists()
    res = scan(data, tmp_path / "run", skip_bad_rows=True)
    assert rules_for(res, "D1") == {"self_interest"}
    assert res.run["inputs"]["contracts"]["rows_skipped"] == 1
    assert res.run["inputs"]["contracts"]["skipped_reasons"] == {"unreadable decision_date": 1}


# -- the policy refuses what it does not know ---------------------------------------------------------


@pytest.mark.parametrize("overrides, name, hint", [
    ({"gifts": {"window_day": 30}}, "gifts.window_day", "window_days"),
    ({"gift": {"window_days": 30}}, "gift", "gifts"),
    ({"paths": {"max_link": 2}}, "paths.max_link", "max_links"),
    ({"rules": {"self_interst": {"enabled": False}}}, "rules.self_interst", "self_interest"),
    ({"rules": {"self_interest": {"enabeld": False}}}, "rules.self_interest.enabeld", "enabled"),
])
def test_an_unknown_policy_key_is_refused_with_the_closest_one(
        overrides: dict[str, Any], name: str, hint: str) -> None:
    with pytest.raises(PolicyError) as e:
        Policy.from_dict(overrides)
    msg = str(e.value)
    assert f"'{name}'" in msg and f"did you mean '{hint}'" in msg, msg


def test_an_unknown_key_without_a_near_miss_lists_the_known_ones() -> None:
    with pytest.raises(PolicyError, match=r"unknown setting 'zzz'; known here: as_of, declarations"):
        Policy.from_dict({"zzz": 1})


def test_an_unknown_key_in_a_policy_file_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "policy.yaml"
    p.write_text("gifts:\n  window_days: 30\n  valeu_limit_eur: 50\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"policy.yaml:3: unknown setting 'gifts.valeu_limit_eur'"
                                          r".*did you mean 'value_limit_eur'"):
        load_policy(p)
    p.write_text("gifts:\n  window_days: 30\n", encoding="utf-8")
    assert load_policy(p).gifts.window_days == 30


# -- the shared assembly re-checks what any engine proposes; the selection proposes no more --------


def _context(root: Path, policy: Policy | None = None, **tables: Any) -> Any:
    from coi_graph.rules.detect import DetectionContext
    from coi_graph.graph.build import build_graph

    import ingest

    pol = policy or Policy.default()
    ds = ingest.read_dataset(make_corp(root, **tables))
    return DetectionContext(ds, build_graph(ds, pol), pol)


def _link(ctx: Any, a: str, b: str) -> str:
    [lid] = [k for k, (x, y, _, _) in ctx.link_index.items() if {x, y} == {a, b}]
    return lid


def test_assembly_refuses_a_path_outside_the_employment(tmp_path: Path) -> None:
    """The Neo4j engine's Cypher proposes paths; the Python assembly must still drop one
    whose decision falls outside the handler's employment."""
    from coi_graph.rules.detect import LinkCandidate

    for until, expected in (("31-12-2023", 0), ("31-12-2024", 1)):
        ctx = _context(tmp_path / until, declarations=[DECL], employees=employees(employed_until=until))
        lid = _link(ctx, "employee:E1", "organization:O1")
        found = ctx.assemble_link_findings([LinkCandidate("D1", "E1", (lid,))])
        assert len(found) == expected, until
        # the embedded selection proposes nothing it would then have to drop
        cands = ctx.networkx_link_candidates(lambda m: None)
        assert len([c for c in cands if c.decision_id == "D1"]) == expected, until


def test_assembly_refuses_a_path_longer_than_max_links(tmp_path: Path) -> None:
    from coi_graph.rules.detect import LinkCandidate

    child = dict(DECL, declaration_id="DC2", relative_id="R2", kind="position",
                 position="directeur", share_pct="")
    for k, expected in ((1, 0), (2, 1)):
        ctx = _context(tmp_path / str(k), Policy.from_dict({"paths": {"max_links": k}}),
                       declarations=[child])
        path = (_link(ctx, "employee:E1", "relative:R2"), _link(ctx, "relative:R2", "organization:O1"))
        assert len(ctx.assemble_link_findings([LinkCandidate("D1", "E1", path)])) == expected, k
        cands = ctx.networkx_link_candidates(lambda m: None)
        assert len([c for c in cands if c.decision_id == "D1"]) == expected, k


def test_selection_of_an_allocation_to_self_respects_the_employment(tmp_path: Path) -> None:
    me = alloc(applicant_name="Smit, Kees", applicant_birth_date="08-08-1980")
    emps = copy.deepcopy(BASE["employees"])
    for until, expected in (("30-04-2024", 0), ("01-05-2024", 1)):
        emps[2]["employed_until"] = until
        ctx = _context(tmp_path / until, allocations=[me], employees=emps)
        cands = ctx.networkx_link_candidates(lambda m: None)
        assert len([c for c in cands if c.decision_id == "A1"]) == expected, until


def test_a_retired_policy_setting_still_loads_and_is_reported(tmp_path: Path) -> None:
    """A policy file written for an older version (``matching.min_given_name_score``) keeps
    working: the setting is ignored and named, while a typo is still refused."""
    pol = Policy.from_dict({"matching": {"min_given_name_score": 0.9}})
    assert pol == Policy.default()
    assert [name for name, _ in pol.retired] == ["matching.min_given_name_score"]
    with pytest.raises(PolicyError):
        Policy.from_dict({"matching": {"min_given_name_scor": 0.9}})
