"""Paths through holdings and KvK officers, end to end from export files: every officer a
person node, an officer that is an organization a link between two organizations, dates
intersected along the whole path, and the hub cut-off honoured."""

from __future__ import annotations

from pathlib import Path

from corp import run

from coi_graph.policy import Policy

HOLDING = {"org_id": "O3", "name": "Holding X B.V.", "kvk_number": "33333333",
           "postcode": "7777CC", "house_number": "3"}
# Petra de Vries (R1, partner of E1) directs Holding X; Holding X holds shares in O1 (D1)
PARTNER_DIRECTS = {"org_id": "O3", "name": "P. de Vries", "role": "bestuurder",
                   "birth_date": "03-04-1972", "valid_from": "2018-01-01"}
HOLDS_SHARES = {"kvk_number": "12345678", "name": "Holding X B.V.", "role": "aandeelhouder",
                "officer_kvk_number": "33333333", "valid_from": "2019-06-01"}


def linked(res, rule: str, decision: str = "D1"):
    return [f for f in res.findings if f.rule == rule and f.decision_id == decision]


def test_partner_directs_the_holding_that_owns_the_supplier(tmp_path: Path) -> None:
    res = run(tmp_path, extra_organizations=[HOLDING], officers=[PARTNER_DIRECTS, HOLDS_SHARES])
    [f] = linked(res, "relative_interest")
    assert (f.subject_id, f.counterparty) == ("E1", "organization:O1")
    assert f.path.node_keys == ["employee:E1", "relative:R1", "organization:O3",
                                "organization:O1", "decision:D1"]
    assert f.path.text == (
        "Jan de Vries -[partner]- Petra de Vries -[bestuurder, KvK]- Holding X B.V. "
        "-[aandeelhouder van Bouwbedrijf Noord B.V., KvK]- Bouwbedrijf Noord B.V. "
        "-[contract 2024-03-01, EUR 48.000]- D1")
    assert f.details["via"] == ["Holding X B.V."]
    assert f.explanation.endswith("linked to the counterparty organization, via Holding X B.V.")
    assert f.explanation_nl.endswith("verbonden met de wederpartij, via Holding X B.V.")
    # every step explained: the officer match and both KvK rows are evidence
    assert f.path.steps[1].match["reason"].startswith("same name")
    assert {"relatives:2", "officers:2", "officers:3", "contracts:2"} <= set(f.evidence)
    assert f.path.steps[2].valid_from == "2019-06-01"
    # the relative's undeclared KvK role is its own finding; the approver E2 is not linked
    assert {x.subject_id for x in res.findings} == {"E1"}


def test_a_holding_with_an_unrelated_director_links_nobody(tmp_path: Path) -> None:
    stranger = dict(PARTNER_DIRECTS, name="Karel Pietersen", birth_date="1961-01-01")
    res = run(tmp_path, extra_organizations=[HOLDING], officers=[stranger, HOLDS_SHARES])
    assert res.findings == []


def test_the_dates_of_every_link_on_the_path_are_intersected(tmp_path: Path) -> None:
    # the shares were sold before the contract (2024-03-01): no conflict
    sold = dict(HOLDS_SHARES, valid_until="2023-12-31")
    res = run(tmp_path / "sold", extra_organizations=[HOLDING], officers=[PARTNER_DIRECTS, sold])
    assert linked(res, "relative_interest") == []
    # the partner became director only after the contract
    late = dict(PARTNER_DIRECTS, valid_from="2024-06-01")
    res = run(tmp_path / "late", extra_organizations=[HOLDING], officers=[late, HOLDS_SHARES])
    assert linked(res, "relative_interest") == []
    # the partnership ended before the partner took office (a former partner)
    relatives = [{"relative_id": "R1", "employee_id": "E1", "relation": "partner",
                  "name": "Petra de Vries", "birth_date": "03-04-1972",
                  "valid_until": "2017-12-31"}]
    res = run(tmp_path / "former", relatives=relatives, extra_organizations=[HOLDING],
              officers=[PARTNER_DIRECTS, HOLDS_SHARES])
    assert linked(res, "relative_interest") == []


def test_a_holding_above_the_hub_cut_off_ends_the_path(tmp_path: Path) -> None:
    # Holding X is also shareholder of three other businesses: with a cut-off of 3 officer
    # links it is a hub (a trust office), and the path no longer runs through it
    others = [{"org_id": f"O{i}", "name": f"Bedrijf {i}", "kvk_number": f"4444444{i}"}
              for i in range(4, 7)]
    more = [dict(HOLDS_SHARES, kvk_number=o["kvk_number"]) for o in others]
    tables = dict(extra_organizations=[HOLDING, *others],
                  officers=[PARTNER_DIRECTS, HOLDS_SHARES, *more])
    hub = Policy.from_dict({"paths": {"max_identifier_degree": 3}})
    res = run(tmp_path / "hub", hub, **tables)
    assert linked(res, "relative_interest") == []
    assert res.graph.path_hubs == {"organization:O3": 5}
    # at 5 officer links it is not a hub: the same data gives the finding
    res = run(tmp_path / "nohub", Policy.from_dict({"paths": {"max_identifier_degree": 5}}),
              **tables)
    assert len(linked(res, "relative_interest")) == 1


def test_max_links_bounds_the_walk_through_a_holding(tmp_path: Path) -> None:
    pol = Policy.from_dict({"paths": {"max_links": 2}})
    res = run(tmp_path, pol, extra_organizations=[HOLDING],
              officers=[PARTNER_DIRECTS, HOLDS_SHARES])
    assert linked(res, "relative_interest") == []


def test_own_declared_holding_that_owns_the_supplier(tmp_path: Path) -> None:
    decl = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O3",
            "kind": "own_business", "valid_from": "01-01-2015", "status": "approved"}
    res = run(tmp_path, extra_organizations=[HOLDING], declarations=[decl],
              officers=[HOLDS_SHARES])
    [f] = linked(res, "self_interest")
    assert f.path.node_keys[:3] == ["employee:E1", "organization:O3", "organization:O1"]
    assert f.details["via"] == ["Holding X B.V."]


def test_a_path_never_leaves_an_organization_over_anything_but_an_officer_link(
        tmp_path: Path) -> None:
    # E1 declared an interest in Holding X; Holding X shares its IBAN with O1 and E3 declared
    # Holding X too: neither the IBAN nor E3's declaration carries a path on from Holding X
    decls = [{"declaration_id": "DC1", "employee_id": "E1", "org_id": "O3",
              "kind": "own_business", "valid_from": "01-01-2015", "status": "approved"},
             {"declaration_id": "DC2", "employee_id": "E3", "org_id": "O3",
              "kind": "side_function", "valid_from": "01-01-2015", "status": "approved"}]
    holding = dict(HOLDING, iban="NL02ABNA0123456789")  # O1's IBAN
    res = run(tmp_path, extra_organizations=[holding], declarations=decls)
    assert linked(res, "self_interest") == linked(res, "shared_identifier") == []
    assert linked(res, "self_interest", "D2") == []  # E3 handles D2 (O2): unrelated


def test_one_node_per_officer_person_across_organizations(tmp_path: Path) -> None:
    same = {"name": "Karel Pietersen", "birth_date": "1961-01-01", "role": "bestuurder"}
    no_date = {"name": "Joop Klaassen", "role": "commissaris"}
    officers = [dict(same, org_id="O1"), dict(same, org_id="O2", name="K. Pietersen"),
                dict(same, org_id="O2", name="Pietersen, Karel"),
                dict(no_date, org_id="O1"), dict(no_date, org_id="O2")]
    res = run(tmp_path, officers=officers)
    g = res.graph.g
    people = sorted(n for n, d in g.nodes(data=True) if d["kind"] == "officer")
    # Karel Pietersen once (the initial "K." is another name), Joop Klaassen per organization
    by_label: dict[str, list[str]] = {}
    for n in people:
        by_label.setdefault(g.nodes[n]["label"], []).append(n)
    assert {k: len(v) for k, v in by_label.items()} == {
        "Karel Pietersen": 1, "K. Pietersen": 1, "Joop Klaassen": 2}
    [karel] = by_label["Karel Pietersen"]
    assert sorted(g.adj[karel]) == ["organization:O1", "organization:O2"]
    # nobody at the corporation is linked to either; but Karel Pietersen directs both, so
    # O1 and O2 are one supplier network, and Anna Bakker (E2) approved D1 and D2 within a year
    assert [(f.rule, f.subject_id) for f in res.findings] == [("linked_suppliers", "E2")]


def test_an_officer_matched_to_a_relative_is_that_relative(tmp_path: Path) -> None:
    res = run(tmp_path, officers=[dict(PARTNER_DIRECTS, org_id="O1")])
    g = res.graph.g
    assert not [n for n, d in g.nodes(data=True) if d["kind"] == "officer"]
    [f] = linked(res, "relative_interest")
    assert f.path.node_keys == ["employee:E1", "relative:R1", "organization:O1", "decision:D1"]
    assert "via" not in f.details


def test_a_holding_outside_the_vendor_master_is_a_node_of_the_extract(tmp_path: Path) -> None:
    unknown = dict(HOLDS_SHARES, officer_kvk_number="99999999", name="Onbekend Beheer B.V.")
    res = run(tmp_path, officers=[unknown, dict(unknown, kvk_number=None, org_id="O2")])
    g = res.graph.g
    node = "organization:kvk:99999999"
    assert g.nodes[node]["label"] == "Onbekend Beheer B.V."
    assert sorted(g.adj[node]) == ["organization:O1", "organization:O2"]


def test_from_the_first_organization_on_the_path_follows_only_the_kvk_register(
        tmp_path: Path) -> None:
    # E1 owns Holding X; the colleague Kees Smit (E3) is its director in the KvK and has
    # declared shares in O1: E3's declaration is not E1's interest (the path would leave
    # the register after the holding)
    decls = [{"declaration_id": "DC1", "employee_id": "E1", "org_id": "O3",
              "kind": "own_business", "valid_from": "01-01-2015", "status": "approved"},
             {"declaration_id": "DC2", "employee_id": "E3", "org_id": "O1",
              "kind": "financial_interest", "valid_from": "01-01-2015", "status": "approved"}]
    smit = {"org_id": "O3", "name": "Kees Smit", "birth_date": "1980-08-08",
            "role": "bestuurder"}
    res = run(tmp_path, extra_organizations=[HOLDING], declarations=decls, officers=[smit])
    assert linked(res, "self_interest") == []
    # when Kees Smit is also director of O1 in the KvK, the path follows the register:
    # E1 -[own business]- Holding X -[bestuurder]- Kees Smit -[bestuurder]- O1
    res = run(tmp_path / "kvk", extra_organizations=[HOLDING], declarations=decls[:1],
              officers=[smit, dict(smit, org_id="O1")])
    [f] = linked(res, "self_interest")
    assert f.path.node_keys[:4] == ["employee:E1", "organization:O3", "employee:E3",
                                    "organization:O1"]
    assert f.details["via"] == ["Holding X B.V.", "Kees Smit"]
