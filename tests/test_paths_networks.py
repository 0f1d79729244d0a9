"""Supplier networks: organizations tied by a shared identifier or a shared KvK officer,
read from export files, each tie with its evidence; hubs tie nothing."""

from __future__ import annotations

from pathlib import Path

from corp import run

from coi_graph.policy import Policy
from coi_graph.graph.networks import network_id, supplier_networks

ORGS = [{"org_id": "O3", "name": "Dakwerken Oost", "kvk_number": "33333333",
         "phone": "020-5551234"},
        {"org_id": "O4", "name": "Dakwerken West", "kvk_number": "44444444",
         "phone": "020-5551234"},
        {"org_id": "O5", "name": "Loodgieter Zuid", "kvk_number": "55555555"},
        {"org_id": "O6", "name": "Glaszetter Noord", "kvk_number": "66666666"}]
DIRECTOR = {"name": "Karel Pietersen", "birth_date": "1961-01-01", "role": "bestuurder"}


def nets(res):
    return [(n.members, sorted({(t.a, t.b, t.kind) for t in n.ties}))
            for n in supplier_networks(res.graph)]


def test_shared_phone_and_shared_director_form_one_network(tmp_path: Path) -> None:
    officers = [dict(DIRECTOR, org_id="O4", valid_from="2020-01-01"),
                dict(DIRECTOR, org_id="O5", name="Pietersen, Karel", valid_from="2021-01-01")]
    res = run(tmp_path, extra_organizations=ORGS, officers=officers)
    [net] = supplier_networks(res.graph)
    assert net.members == ("organization:O3", "organization:O4", "organization:O5")
    assert net.network_id == network_id(net.members)
    by_kind = {t.kind: t for t in net.ties}
    assert sorted(by_kind) == ["identifier", "officer"]
    phone, director = by_kind["identifier"], by_kind["officer"]
    assert (phone.a, phone.b, phone.via) == ("organization:O3", "organization:O4",
                                             "phone:+31205551234")
    assert phone.evidence == ["organizations:4", "organizations:5"]
    assert (director.a, director.b, director.via_label) == (
        "organization:O4", "organization:O5", "Karel Pietersen")
    assert director.evidence == ["officers:2", "officers:3"]
    assert director.as_dict()["valid_from"] == "2021-01-01"  # both roles held from then on
    # the same data in another row order gives the same network id
    res2 = run(tmp_path / "again", extra_organizations=list(reversed(ORGS)),
               officers=list(reversed(officers)))
    assert [n.network_id for n in supplier_networks(res2.graph)] == [net.network_id]


def test_look_alikes_tie_nothing(tmp_path: Path) -> None:
    # a namesake with another birth date; roles never held at the same time; a director
    # without a birth date (a node per organization: a name alone is not a person)
    officers = [dict(DIRECTOR, org_id="O5"), dict(DIRECTOR, org_id="O6", birth_date="1970-02-02"),
                dict(DIRECTOR, org_id="O3", name="Piet Hein", birth_date="1950-01-01",
                     valid_until="2015-12-31"),
                dict(DIRECTOR, org_id="O6", name="Piet Hein", birth_date="1950-01-01",
                     valid_from="2016-01-01"),
                {"org_id": "O5", "name": "Joop Klaassen"}, {"org_id": "O6", "name": "Joop Klaassen"}]
    orgs = [dict(o, phone=None) for o in ORGS]
    res = run(tmp_path, extra_organizations=orgs, officers=officers)
    assert supplier_networks(res.graph) == []


def test_a_holding_ties_its_subsidiaries_unless_it_is_a_hub(tmp_path: Path) -> None:
    orgs = [dict(o, phone=None) for o in ORGS]
    owns = [{"org_id": o, "name": "Beheer B.V.", "role": "aandeelhouder",
             "officer_kvk_number": "77777777"} for o in ("O3", "O4", "O5")]
    res = run(tmp_path, extra_organizations=orgs, officers=owns)
    [(members, ties)] = nets(res)
    # the holding is not in the vendor master: a node of the KvK extract, a member too
    assert members == ("organization:O3", "organization:O4", "organization:O5",
                       "organization:kvk:77777777")
    assert {k for _, _, k in ties} == {"officer", "holding"}
    hub = Policy.from_dict({"paths": {"max_identifier_degree": 2}})
    assert nets(run(tmp_path / "hub", hub, extra_organizations=orgs, officers=owns)) == []


def test_an_employee_directing_two_suppliers_ties_them(tmp_path: Path) -> None:
    # Anna Bakker (E2) is matched to both officer rows: her node ties the two suppliers
    officers = [{"org_id": o, "name": "Anna Bakker", "birth_date": "1975-05-05",
                 "role": "bestuurder"} for o in ("O1", "O2")]
    res = run(tmp_path, officers=officers)
    [(members, ties)] = nets(res)
    assert members == ("organization:O1", "organization:O2")
    [tie] = supplier_networks(res.graph)[0].ties
    assert tie.via == "employee:E2"


# -- decisions of one person to two members of one network ---------------------------------

from corp import make_corp  # noqa: E402

from coi_graph.rules.detect import DetectionContext  # noqa: E402
from coi_graph.scan import load as load_dataset  # noqa: E402
from coi_graph.graph.networks import (  # noqa: E402
    linked_decision_rows,
    linked_groups,
    tie_path,
)


def _contract(did: str, org: str, date: str, handler: str = "E1", approver: str = "E2"):
    return {"decision_id": did, "kind": "purchase_order", "org_id": org, "amount_eur": "900",
            "decision_date": date, "handled_by": handler, "approved_by": approver}


def _groups(tmp_path: Path, contracts, window: int = 365, **tables):
    data = make_corp(tmp_path, extra_organizations=ORGS, extra_contracts=contracts, **tables)
    ds, lg = load_dataset(data, Policy.default())
    ctx = DetectionContext(ds, lg, Policy.default())
    nets_ = supplier_networks(lg)
    rows = linked_decision_rows(ctx, nets_, window)
    return rows, linked_groups(ctx, nets_, rows, window)


def test_orders_to_two_members_of_a_network_within_the_window(tmp_path: Path) -> None:
    contracts = [_contract("P1", "O3", "2024-01-10"), _contract("P2", "O4", "2024-06-01"),
                 _contract("P3", "O3", "2022-01-01"),  # long before: not in the episode
                 _contract("P4", "O5", "2024-02-01")]  # O5 is in no network
    rows, groups = _groups(tmp_path, contracts)
    assert {(e, d) for e, _, d in rows} == {("E1", "P1"), ("E1", "P2"), ("E2", "P1"),
                                            ("E2", "P2")}
    assert [(g.subject_id, g.decision_ids) for g in groups] == [("E1", ("P1", "P2")),
                                                                ("E2", ("P1", "P2"))]
    net = groups[0].network
    [tie] = tie_path(net, "organization:O3", "organization:O4")
    assert (tie.kind, tie.via) == ("identifier", "phone:+31205551234")


def test_look_alikes_two_handlers_or_orders_spread_over_years(tmp_path: Path) -> None:
    # one handler per supplier, and approvals by E2 more than 365 days apart
    contracts = [_contract("P1", "O3", "2023-01-10", "E1", "E2"),
                 _contract("P2", "O4", "2024-06-01", "E3", "E2")]
    rows, groups = _groups(tmp_path, contracts)
    assert rows == set() and groups == []
    # a shorter window in the policy: the same orders 100 days apart are not linked
    contracts = [_contract("P1", "O3", "2024-01-10"), _contract("P2", "O4", "2024-04-19")]
    rows, _ = _groups(tmp_path / "short", contracts, window=99)
    assert rows == set()
    rows, _ = _groups(tmp_path / "long", contracts, window=100)
    assert {d for _, _, d in rows} == {"P1", "P2"}


def test_a_gap_longer_than_the_window_starts_a_new_episode(tmp_path: Path) -> None:
    contracts = [_contract("P1", "O3", "2022-01-10"), _contract("P2", "O4", "2022-03-01"),
                 _contract("P3", "O3", "2024-01-10"), _contract("P4", "O4", "2024-02-01"),
                 _contract("P5", "O4", "2024-02-02")]
    _, groups = _groups(tmp_path, contracts)
    assert [g.decision_ids for g in groups if g.subject_id == "E1"] == [
        ("P1", "P2"), ("P3", "P4", "P5")]


# -- the rule, end to end ------------------------------------------------------------------


def test_linked_suppliers_finding_cites_every_decision_and_each_tie(tmp_path: Path) -> None:
    contracts = [_contract("P1", "O3", "2024-01-10", "E3"), _contract("P2", "O4", "2024-06-01", "E3")]
    res = run(tmp_path, extra_organizations=ORGS, extra_contracts=contracts)
    found = sorted((f.subject_id, [d["decision_id"] for d in f.details["decisions"]])
                   for f in res.findings if f.rule == "linked_suppliers")
    # E3 handled both, E2 approved both
    assert found == [("E2", ["P1", "P2"]), ("E3", ["P1", "P2"])]
    f = next(f for f in res.findings if f.rule == "linked_suppliers" and f.subject_id == "E3")
    assert (f.decision_id, f.counterparty) == ("P2", "organization:O4")
    assert f.path.text == ("Kees Smit -[behandelaar]- P1 -[purchase_order 2024-01-10, EUR 900]- "
                           "Dakwerken Oost -[telefoon]- +31205551234 -[telefoon]- Dakwerken West")
    # the latest decision: a path of its own, from the subject to the member it went to
    assert [p.text for p in f.other_paths] == [
        "Kees Smit -[behandelaar]- P2 -[purchase_order 2024-06-01, EUR 900]- Dakwerken West"]
    assert {"organizations:4", "organizations:5", "contracts:4", "contracts:5"} <= set(f.evidence)
    assert f.details["network_id"].startswith("N-") and len(f.details["ties"]) == 1
    assert f.articles == ["Leystromen 2.3", "Woonpartners Bijlage I, Inkoop & aanbesteding"]
    assert "2 besluiten binnen 365 dagen voor Dakwerken Oost, Dakwerken West" in f.explanation_nl
    # the policy window is the rule's own setting
    short = Policy.from_dict({"rules": {"linked_suppliers": {"window_days": 30}}})
    res = run(tmp_path / "short", short, extra_organizations=ORGS, extra_contracts=contracts)
    assert [f for f in res.findings if f.rule == "linked_suppliers"] == []
