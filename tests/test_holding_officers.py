"""A holding's own officers in a KvK extract: a row whose kvk_number is no supplier but
the officer_kvk_number of another row (a holding the extract introduces) is read as an
officer of that holding's extract-only node, so "employee directs the holding that owns
the supplier" is a path; a KvK number nobody knows is still refused."""

from __future__ import annotations

from pathlib import Path

from corp import make_corp, run

from ingest import read_dataset

# Jansen Holding B.V. (KvK 33333333, not in the vendor master) is shareholder of O1
HOLDS_SHARES = {"kvk_number": "12345678", "name": "Jansen Holding B.V.",
                "role": "aandeelhouder", "officer_kvk_number": "33333333",
                "valid_from": "2019-06-01"}
# Jan de Vries (E1, handled D1) directs the holding: a row of the holding itself
EMPLOYEE_DIRECTS = {"kvk_number": "33333333", "name": "Jan de Vries", "role": "bestuurder",
                    "birth_date": "01-02-1970", "valid_from": "2018-01-01"}


def on_d1(res, rule: str):
    return [f for f in res.findings if f.rule == rule and f.decision_id == "D1"]


def test_the_employee_who_directs_the_holding_of_a_supplier_is_flagged(tmp_path: Path) -> None:
    res = run(tmp_path, officers=[HOLDS_SHARES, EMPLOYEE_DIRECTS])
    [f] = on_d1(res, "self_interest")
    assert f.subject_id == "E1"
    assert f.path.node_keys == ["employee:E1", "organization:kvk:33333333",
                                "organization:O1", "decision:D1"]
    assert f.details["via"] == ["Jansen Holding B.V."]
    # both KvK rows are evidence: the holding's director and the holding's shares
    assert {"officers:2", "officers:3", "contracts:2"} <= set(f.evidence)


def test_a_holding_officer_is_matched_to_a_relative(tmp_path: Path) -> None:
    partner = dict(EMPLOYEE_DIRECTS, name="Petra de Vries", birth_date="03-04-1972")
    res = run(tmp_path, officers=[HOLDS_SHARES, partner])
    [f] = on_d1(res, "relative_interest")
    assert f.subject_id == "E1"
    assert f.path.node_keys == ["employee:E1", "relative:R1", "organization:kvk:33333333",
                                "organization:O1", "decision:D1"]
    assert {"relatives:2", "officers:2", "officers:3"} <= set(f.evidence)


def test_a_kvk_number_nobody_knows_is_still_refused(tmp_path: Path) -> None:
    # 44444444 is neither a supplier nor named as anyone's officer_kvk_number
    stray = dict(EMPLOYEE_DIRECTS, kvk_number="44444444")
    ds = read_dataset(make_corp(tmp_path / "data", officers=[HOLDS_SHARES, stray]))
    assert [(p.file, p.line, p.level, p.message.split(";")[0]) for p in ds.problems] == [
        ("officers.csv", 3, "error",
         "kvk_number 44444444 is not the KvK number of any organization in organizations.csv")]
    # the holding's own row is no problem at all
    ok = read_dataset(make_corp(tmp_path / "ok", officers=[HOLDS_SHARES, EMPLOYEE_DIRECTS]))
    assert ok.problems == []


def test_a_holding_of_a_holding_is_followed_up(tmp_path: Path) -> None:
    # Jan de Vries directs Top B.V. (55555555), shareholder of Jansen Holding, shareholder
    # of O1: the rows are given top first, so the chain is not found by row order alone
    top_holds = {"kvk_number": "33333333", "name": "Top B.V.", "role": "aandeelhouder",
                 "officer_kvk_number": "55555555", "valid_from": "2019-01-01"}
    directs_top = dict(EMPLOYEE_DIRECTS, kvk_number="55555555")
    res = run(tmp_path, officers=[directs_top, top_holds, HOLDS_SHARES])
    [f] = on_d1(res, "self_interest")
    assert f.path.node_keys == ["employee:E1", "organization:kvk:55555555",
                                "organization:kvk:33333333", "organization:O1", "decision:D1"]
    assert {"officers:2", "officers:3", "officers:4"} <= set(f.evidence)
