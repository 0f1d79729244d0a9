"""Every rule of the data contract on small hand-made data, each beside its innocent look-alike."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corp import BASE, make_corp, rules_for, run

from coi_graph.policy import Policy
from coi_graph.scan import scan

DECL = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
        "kind": "financial_interest", "position": "aandeelhouder", "share_pct": "30",
        "valid_from": "01-01-2020", "status": "approved", "decided_by": "E2",
        "decided_on": "02-01-2020"}


def only(result, rule):
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, [(f.rule, f.decision_id, f.subject_id) for f in result.findings]
    return found[0]


# -- self_interest ---------------------------------------------------------------------


def test_declared_interest_of_the_handler(tmp_path: Path) -> None:
    res = run(tmp_path, declarations=[DECL])
    f = only(res, "self_interest")
    assert (f.decision_id, f.subject_id, f.counterparty) == ("D1", "E1", "organization:O1")
    assert f.declared is True
    assert f.path.text.startswith("Jan de Vries -[aandeelhouder")
    assert f.path.text.endswith("Bouwbedrijf Noord B.V. -[contract 2024-03-01, EUR 48.000]- D1")
    assert f.path.node_keys == ["employee:E1", "organization:O1", "decision:D1"]
    assert set(f.evidence) == {"declarations:2", "contracts:2"}
    assert f.subject_role == "handled_by"
    # the approver (E2) and the other contract are not linked
    assert rules_for(res, "D2") == set()
    assert {x.subject_id for x in res.findings} == {"E1"}


def test_expired_interest_is_not_a_conflict(tmp_path: Path) -> None:
    res = run(tmp_path, declarations=[dict(DECL, valid_until="31-12-2023")])
    assert rules_for(res, "D1") == set()


def test_withdrawn_declaration_is_not_a_link(tmp_path: Path) -> None:
    res = run(tmp_path, declarations=[dict(DECL, status="withdrawn")])
    assert rules_for(res, "D1") == set()


def test_kvk_officer_role_of_the_approver_matched_on_name_and_birth_date(tmp_path: Path) -> None:
    officers = [{"org_id": "O1", "name": "Bakker, A.", "role": "bestuurder",
                 "birth_date": "05-05-1975", "valid_from": "2015-01-01"}]
    res = run(tmp_path, officers=officers)
    f = only(res, "self_interest")
    assert (f.subject_id, f.subject_role, f.declared) == ("E2", "approved_by", False)
    step = f.path.steps[0]
    assert step.kind == "officer" and step.match["reason"] == "same name + birth date"
    assert step.match["fuzzy"] is True  # initial only
    u = only(res, "undeclared_interest")
    assert (u.record, u.subject_id, u.decision_id) == ("officers:2", "E2", "")


def test_namesake_officer_with_another_birth_date_is_another_person(tmp_path: Path) -> None:
    officers = [{"org_id": "O1", "name": "Anna Bakker", "role": "bestuurder",
                 "birth_date": "1951-05-05"}]
    res = run(tmp_path, officers=officers)
    assert res.findings == []


def test_colleague_without_a_link(tmp_path: Path) -> None:
    # E3 holds shares in O1 but neither handles nor approves D1
    res = run(tmp_path, declarations=[dict(DECL, employee_id="E3", decided_by="E2")])
    assert rules_for(res, "D1") == set()


# -- relative_interest -----------------------------------------------------------------


def test_childs_directorship_declared(tmp_path: Path) -> None:
    decl = dict(DECL, relative_id="R2", kind="position", position="directeur", share_pct="")
    f = only(run(tmp_path, declarations=[decl]), "relative_interest")
    assert f.path.node_keys == ["employee:E1", "relative:R2", "organization:O1", "decision:D1"]
    assert f.path.text.startswith("Jan de Vries -[child]- Tom de Vries -[directeur")
    assert f.declared is True


def test_partner_kvk_director_undeclared(tmp_path: Path) -> None:
    officers = [{"kvk_number": "1234 5678", "name": "Vries, Petra de", "role": "bestuurder",
                 "birth_date": "1972-04-03"}]
    res = run(tmp_path, officers=officers)
    f = only(res, "relative_interest")
    assert f.declared is False and f.subject_id == "E1"
    assert "-[partner]- Petra de Vries -[bestuurder, KvK]- Bouwbedrijf Noord B.V." in f.path.text
    u = only(res, "undeclared_interest")
    assert u.subject_id == "E1" and u.record == "officers:2"


def test_a_decision_after_the_handlers_employment_links_nothing_and_is_counted(
        tmp_path: Path) -> None:
    """The contract: the decision date must fall inside the validity of every edge,
    employment among them. A decision dated after the handler left is not checked for
    them, and the run counts it (``decisions_outside_employment``) rather than dropping it
    silently."""
    employees = [dict(e) for e in BASE["employees"]]
    employees[0]["employed_until"] = "31-12-2023"  # E1 handles D1 on 1 March 2024
    res = run(tmp_path, employees=employees, declarations=[DECL])
    assert rules_for(res, "D1") == set()
    assert res.run["decisions_outside_employment"] == 1
    employees[0]["employed_until"] = "01-03-2024"  # the last day counts
    res = run(tmp_path / "b", employees=employees, declarations=[DECL])
    assert rules_for(res, "D1") == {"self_interest"}
    assert res.run["decisions_outside_employment"] == 0


def test_former_partner_is_not_family_after_the_split(tmp_path: Path) -> None:
    rel = [dict(BASE["relatives"][0], valid_until="31-12-2022", postcode="8888XX",
                house_number="3"), BASE["relatives"][1]]
    officers = [{"org_id": "O1", "name": "Petra de Vries", "role": "bestuurder",
                 "birth_date": "1972-04-03", "valid_from": "2010-01-01"}]
    res = run(tmp_path, relatives=rel, officers=officers)
    assert rules_for(res, "D1") == set()


def test_sibling_only_counts_when_the_policy_says_so(tmp_path: Path) -> None:
    rel = BASE["relatives"] + [{"relative_id": "R3", "employee_id": "E1", "relation": "sibling",
                                "name": "Karel de Vries", "birth_date": "1968-01-01"}]
    officers = [{"org_id": "O1", "name": "Karel de Vries", "role": "bestuurder",
                 "birth_date": "1968-01-01"}]
    res = run(tmp_path / "a", relatives=rel, officers=officers)
    assert res.findings == []
    pol = Policy.from_dict({"family": {"relations": ["partner", "child", "sibling"]}})
    res = run(tmp_path / "b", pol, relatives=rel, officers=officers)
    assert rules_for(res, "D1") == {"relative_interest"}


# -- allocations -----------------------------------------------------------------------


def alloc(**kw):
    row = {"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01",
           "handled_by": "E3", "approved_by": "E2", "unit_id": "U1",
           "applicant_name": "Someone Else", "applicant_birth_date": "1990-01-01"}
    row.update(kw)
    return row


def test_allocation_to_self(tmp_path: Path) -> None:
    res = run(tmp_path, allocations=[alloc(applicant_name="Smit, Kees",
                                           applicant_birth_date="08-08-1980")])
    f = only(res, "allocation_to_self")
    assert (f.subject_id, f.counterparty) == ("E3", "applicant:A1")
    assert f.path.node_keys == ["employee:E3", "applicant:A1", "decision:A1"]


def test_allocation_to_declared_child(tmp_path: Path) -> None:
    res = run(tmp_path, allocations=[alloc(handled_by="E1", applicant_name="T. de Vries",
                                           applicant_birth_date="2000-06-01")])
    f = only(res, "allocation_to_relative")
    assert f.path.node_keys == ["employee:E1", "relative:R2", "applicant:A1", "decision:A1"]


def test_namesake_applicant_is_not_the_child(tmp_path: Path) -> None:
    res = run(tmp_path, allocations=[alloc(handled_by="E1", applicant_name="Tom de Vries",
                                           applicant_birth_date="1999-06-01",
                                           applicant_postcode="7777AA",
                                           applicant_house_number="4")])
    assert res.findings == []


def test_applicant_at_the_handlers_address_not_a_relative(tmp_path: Path) -> None:
    res = run(tmp_path, allocations=[alloc(handled_by="E1", applicant_name="Mark Jansen",
                                           applicant_postcode="1234ab",
                                           applicant_house_number="10")])
    f = only(res, "shared_identifier")
    assert f.counterparty == "applicant:A1" and f.subject_id == "E1"
    assert f.path.node_keys[1] == "address:1234AB|10|"


def test_neighbour_at_another_house_number(tmp_path: Path) -> None:
    res = run(tmp_path, allocations=[alloc(handled_by="E1", applicant_name="Mark Jansen",
                                           applicant_postcode="1234AB",
                                           applicant_house_number="12")])
    assert res.findings == []


def test_applicant_who_is_a_declared_relative_is_not_also_a_shared_identifier(tmp_path: Path) -> None:
    # the partner lives with the handler: one finding, the shared address is supporting evidence
    res = run(tmp_path, allocations=[alloc(handled_by="E1", applicant_name="Petra de Vries",
                                           applicant_birth_date="1972-04-03",
                                           applicant_postcode="1234AB",
                                           applicant_house_number="10")])
    assert [f.rule for f in res.findings] == ["allocation_to_relative"]
    assert res.findings[0].other_paths


# -- shared identifiers ------------------------------------------------------------------


def test_supplier_paid_into_the_handlers_iban(tmp_path: Path) -> None:
    orgs = [dict(BASE["organizations"][0], iban="nl91abna0417164300"), BASE["organizations"][1]]
    f = only(run(tmp_path, organizations=orgs), "shared_identifier")
    assert f.path.node_keys == ["employee:E1", "iban:NL91ABNA0417164300", "organization:O1",
                                "decision:D1"]
    assert f.declared is False


# -- gifts -------------------------------------------------------------------------------


def gift(**kw):
    row = {"gift_id": "G1", "employee_id": "E1", "org_id": "O1", "date": "01-01-2024",
           "kind": "trip", "value_eur": "€ 450,00", "handed_in": "nee", "reported": "ja"}
    row.update(kw)
    return row


def test_gift_before_decision(tmp_path: Path) -> None:
    res = run(tmp_path, gifts=[gift()])
    f = only(res, "gift_before_decision")
    assert (f.decision_id, f.subject_id) == ("D1", "E1")
    assert f.path.text.startswith("Jan de Vries -[trip 2024-01-01, EUR 450]- Bouwbedrijf")


def test_gift_after_the_decision_or_outside_the_window(tmp_path: Path) -> None:
    res = run(tmp_path / "a", gifts=[gift(date="2024-03-02", value_eur="20", kind="gift")])
    assert res.findings == []
    res = run(tmp_path / "b", gifts=[gift(date="2022-12-01", value_eur="20", kind="gift")])
    assert res.findings == []


def test_gift_named_by_name_only_is_found_in_the_vendor_master(tmp_path: Path) -> None:
    res = run(tmp_path, gifts=[gift(org_id="", org_name="BOUWBEDRIJF NOORD BV")])
    assert "gift_before_decision" in rules_for(res, "D1")


def test_gift_rule_breaches(tmp_path: Path) -> None:
    gifts = [
        gift(gift_id="G1", kind="money", value_eur="100", date="2023-01-01"),
        gift(gift_id="G2", kind="gift", value_eur="150", handed_in="nee", date="2023-01-01"),
        gift(gift_id="G3", kind="event", value_eur="0", reported="nee", date="2023-01-01"),
        gift(gift_id="G4", kind="gift", value_eur="20", handed_in="nee", date="2023-01-01"),
        gift(gift_id="G5", kind="gift", value_eur="150", handed_in="ja", date="2023-01-01"),
    ]
    res = run(tmp_path, gifts=gifts)
    assert sorted(f.record for f in res.findings if f.rule == "gift_rule_breach") == [
        "gifts:G1", "gifts:G2", "gifts:G3"]


def test_an_empty_handed_in_or_reported_as_docs_input_format_says(tmp_path: Path) -> None:
    """docs/input-format.md, gifts: an empty ``handed_in`` counts as not handed in; an empty
    ``reported`` in a ``ja``/``nee`` column is unknown (no finding), in a column of ``x``
    marks it is no."""
    gifts = [
        gift(gift_id="G1", kind="gift", value_eur="150", handed_in="", date="2023-01-01"),
        gift(gift_id="G2", kind="gift", value_eur="150", handed_in="ja", date="2023-01-01"),
        gift(gift_id="G3", kind="invitation", value_eur="0", reported="", date="2023-01-01"),
        gift(gift_id="G4", kind="invitation", value_eur="0", reported="ja", date="2023-01-01"),
        gift(gift_id="G5", kind="money", value_eur="5", handed_in="", date="2023-01-01"),
    ]
    res = run(tmp_path, gifts=gifts)
    assert sorted(f.record for f in res.findings if f.rule == "gift_rule_breach") == [
        "gifts:G1", "gifts:G5"]
    marks = [dict(g, reported="x" if g["reported"] == "ja" else g["reported"]) for g in gifts]
    res = run(tmp_path / "x", gifts=marks)
    assert sorted(f.record for f in res.findings if f.rule == "gift_rule_breach") == [
        "gifts:G1", "gifts:G3", "gifts:G5"]


# -- register rules ----------------------------------------------------------------------


def test_officer_role_covered_by_an_approved_declaration(tmp_path: Path) -> None:
    officers = [{"org_id": "O2", "name": "Petra de Vries", "role": "commissaris",
                 "birth_date": "1972-04-03"}]
    decl = dict(DECL, declaration_id="DC9", relative_id="R1", org_id="O2", kind="position",
                position="commissaris")
    assert rules_for(run(tmp_path / "a", officers=officers), subject="E1") == {"undeclared_interest"}
    assert run(tmp_path / "b", officers=officers, declarations=[decl]).findings == []


def test_unapproved_side_functions(tmp_path: Path) -> None:
    decls = [
        dict(DECL, declaration_id="S1", kind="side_function", position="penningmeester",
             org_id="", org_name="Voetbalvereniging De Bal", status="pending"),
        dict(DECL, declaration_id="S2", kind="own_business", org_id="", org_name="Klusbedrijf JdV",
             status="rejected"),
        dict(DECL, declaration_id="S3", kind="side_function", org_id="", org_name="Koor",
             status="approved"),
        dict(DECL, declaration_id="S4", kind="side_function", org_id="", org_name="Oud",
             status="pending", valid_from="2015-01-01", valid_until="2019-12-31"),
    ]
    res = run(tmp_path, declarations=decls)
    found = {f.record: f for f in res.findings if f.rule == "unapproved_side_function"}
    assert sorted(found) == ["declarations:S1", "declarations:S2"]
    assert found["declarations:S2"].score > found["declarations:S1"].score


def test_a_permission_the_employee_granted_themself_is_none(tmp_path: Path) -> None:
    """Leystromen 2.2: permission for a side function is asked of the manager (the director
    and the RvC's members ask the Raad). ``decided_by`` naming the declaring employee is no
    permission; the same approval by another employee is one."""
    decls = [
        dict(DECL, declaration_id="S5", kind="side_function", org_id="", org_name="Koor",
             status="approved", decided_by="E1"),
        dict(DECL, declaration_id="S6", kind="own_business", org_id="", org_name="Klus JdV",
             status="approved", decided_by="E2"),
        dict(DECL, declaration_id="S7", kind="side_function", org_id="", org_name="Fanfare",
             status="pending", decided_by="E1"),
    ]
    res = run(tmp_path, declarations=decls)
    found = {f.record: f for f in res.findings if f.rule == "unapproved_side_function"}
    assert sorted(found) == ["declarations:S5", "declarations:S7"]
    f = found["declarations:S5"]
    assert f.details == {"status": "approved", "decided_by": "E1"}
    assert "themself" in f.explanation and "zelf" in f.explanation_nl
    assert [p for p in f.score_parts if p["points"] == 10 and "themself" in p["reason"]]
    assert f.score == found["declarations:S7"].score + 10
    assert "decided_by" not in found["declarations:S7"].details


def test_a_directors_permission_comes_from_the_supervisory_board(tmp_path: Path) -> None:
    """Leystromen 2.2: the director-bestuurder and the RvC's members ask the Raad. A
    director's side function approved by a manager is no permission; approved by a member
    of the RvC it is; an employee's approved by a manager is one too."""
    employees = [dict(e) for e in BASE["employees"]]
    employees[0]["role"] = "director"          # E1
    employees[2]["role"] = "supervisory_board"  # E3; E2 is a manager
    decls = [
        dict(DECL, declaration_id="B1", kind="side_function", org_id="", org_name="Koor",
             status="approved", decided_by="E2"),
        dict(DECL, declaration_id="B2", kind="side_function", org_id="", org_name="Fanfare",
             status="approved", decided_by="E3"),
        dict(DECL, declaration_id="B3", kind="side_function", org_id="", org_name="Harmonie",
             status="approved", decided_by=""),
        dict(DECL, declaration_id="B4", employee_id="E2", kind="side_function", org_id="",
             org_name="Zangvereniging", status="approved", decided_by="E1"),
    ]
    res = run(tmp_path, employees=employees, declarations=decls)
    found = {f.record: f for f in res.findings if f.rule == "unapproved_side_function"}
    assert sorted(found) == ["declarations:B1"]
    f = found["declarations:B1"]
    assert f.details == {"status": "approved", "decided_by": "E2"}
    assert "supervisory board" in f.explanation and "RvC" in f.explanation_nl
    # the same rows with E1 an ordinary employee: the manager's approval is a permission
    res2 = run(tmp_path / "b", declarations=decls)
    assert not [f for f in res2.findings if f.rule == "unapproved_side_function"]


@pytest.mark.parametrize("employee_number, org_number, org_addition, shared", [
    ("10a", "10", "a", True),          # the addition in house_number or in its own column
    ("10 bis", "10", "bis", True),
    ("10-2", "10", "2", True),
    ("10a", "10", "b", False),         # another addition: another home
    ("10", "10", "b", False),
])
def test_a_shared_address_is_postcode_house_number_and_addition(
        tmp_path: Path, employee_number: str, org_number: str, org_addition: str,
        shared: bool) -> None:
    """The contract: an address is shared when postcode + house number + addition are."""
    employees = [dict(e) for e in BASE["employees"]]
    employees[0]["house_number"] = employee_number  # E1, 1234 AB, handles D1 for O1
    orgs = [dict(o) for o in BASE["organizations"]]
    orgs[0].update(postcode="1234ab", house_number=org_number,
                   house_number_addition=org_addition)
    res = run(tmp_path, employees=employees, organizations=orgs)
    found = [(f.decision_id, f.subject_id) for f in res.findings
             if f.rule == "shared_identifier"]
    assert found == ([("D1", "E1")] if shared else [])


# -- ids, determinism, evidence ------------------------------------------------------------


def test_ids_do_not_depend_on_row_order_and_evidence_hash_follows_content(tmp_path: Path) -> None:
    decl2 = dict(DECL, declaration_id="DC2", relative_id="R2", kind="position",
                 position="directeur")
    a = run(tmp_path / "a", declarations=[DECL, decl2])
    b = run(tmp_path / "b", declarations=[decl2, DECL],
            employees=list(reversed(BASE["employees"])))
    key = lambda r: sorted((f.finding_id, f.rule, f.evidence_hash) for f in r.findings)  # noqa: E731
    assert key(a) == key(b)
    # own shares and the child's directorship at one supplier: one finding, both paths shown
    [f] = a.findings
    assert f.rule == "self_interest"
    assert [p.node_keys[1] for p in f.other_paths] == ["relative:R2"]
    c = run(tmp_path / "c", declarations=[dict(DECL, status="pending"), decl2])
    [g] = c.findings
    assert g.finding_id == f.finding_id and g.evidence_hash != f.evidence_hash


def test_handler_who_is_also_approver_gives_one_finding(tmp_path: Path) -> None:
    contracts = [dict(BASE["contracts"][0], approved_by="E1"), BASE["contracts"][1]]
    res = run(tmp_path, declarations=[DECL], contracts=contracts)
    f = only(res, "self_interest")
    assert f.subject_role == "handled_by+approved_by"


def test_findings_csv_has_the_contract_columns(tmp_path: Path) -> None:
    run(tmp_path, declarations=[DECL])
    with (tmp_path / "run" / "findings.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:12] == ["finding_id", "rule", "severity", "score", "decision_id",
                                  "record", "subject_id", "counterparty", "declared", "path",
                                  "path_nodes", "evidence"]
    assert rows[0]["path_nodes"] == "employee:E1;organization:O1;decision:D1"
    assert rows[0]["declared"] == "true"
    assert 0 <= int(rows[0]["score"]) <= 100 and rows[0]["severity"] in {"high", "medium", "low"}


def test_same_input_same_output_files(tmp_path: Path) -> None:
    data = make_corp(tmp_path / "data", declarations=[DECL])
    scan(data, tmp_path / "r1")
    scan(data, tmp_path / "r2")
    for name in ("findings.csv", "findings.json"):
        assert (tmp_path / "r1" / name).read_bytes() == (tmp_path / "r2" / name).read_bytes()


def test_a_kvk_role_held_only_outside_the_employment_is_not_undeclared(tmp_path: Path) -> None:
    """A director's role that ended before the employee was hired (or began after they
    left) was never theirs to declare: it was flagged as an undeclared interest because the
    rule took the employee's own window as always (a round-5 acceptance export: a buyer who
    left a supplier's board in June 2019 and was hired in September).  A relative's role is
    weighed against the employee's employment too."""
    def officers(until: str, name: str = "Jan de Vries", birth: str = "1970-02-01") -> list:
        return [{"org_id": "O2", "name": name, "role": "bestuurder", "birth_date": birth,
                 "valid_from": "2005-01-01", "valid_until": until}]

    # E1 is employed from 01-01-2010 (BASE)
    assert rules_for(run(tmp_path / "a", officers=officers("2009-06-30")),
                     subject="E1") == set()
    assert rules_for(run(tmp_path / "b", officers=officers("2010-06-30")),
                     subject="E1") == {"undeclared_interest"}
    # the partner's role, ended before E1 was hired
    assert rules_for(run(tmp_path / "c", officers=officers("2009-06-30", "Petra de Vries",
                                                          "1972-04-03")),
                     subject="E1") == set()
    assert rules_for(run(tmp_path / "d", officers=officers("2011-06-30", "Petra de Vries",
                                                          "1972-04-03")),
                     subject="E1") == {"undeclared_interest"}
    # E3 has no employment dates: every role counts
    assert rules_for(run(tmp_path / "e", officers=officers("2006-06-30", "Kees Smit",
                                                          "1980-08-08")),
                     subject="E3") == {"undeclared_interest"}
