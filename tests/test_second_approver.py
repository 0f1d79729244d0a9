"""A second approver (tweede fiatteur): read from the ERP's headers, checked as a subject of
every link rule, and a person signing a decision twice is a missing four-eyes check.

Hand-made data: ``E1`` (Jan de Vries) has a partner ``R1`` (Petra de Vries) who is director
of ``O1``.  ``E1`` handles and approves nothing: he is only the second approver of ``D1`` to
``O1``, so a finding on ``D1`` can only come through the second approver.  ``E2`` approves
and ``E3`` handles everything.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from corp import make_corp

from coi_graph.cli_text import translate
from coi_graph.graph.build import _table_hashes
from coi_graph.labels import role_label
from coi_graph.outputs.explore import build_bundle
from coi_graph.policy import Policy
from coi_graph.scan import scan
from ingest import read_dataset
from ingest.header_mapping import resolve_headers
from ingest.tables import TABLES

# -- input -------------------------------------------------------------------------------


@pytest.mark.parametrize(("headers", "read"), [
    (["Ordernummer", "Fiatteur 1", "Fiatteur 2"],
     ["decision_id", "approved_by", "second_approved_by"]),
    (["Ordernummer", "Goedkeurder 1", "Goedkeurder 2"],
     ["decision_id", "approved_by", "second_approved_by"]),
    (["Ordernummer", "Goedkeurder", "Tweede goedkeurder"],
     ["decision_id", "approved_by", "second_approved_by"]),
    (["Ordernummer", "Approver", "Approver 2"],
     ["decision_id", "approved_by", "second_approved_by"]),
    (["Ordernummer", "1e fiatteur", "2e fiatteur"],
     ["decision_id", "approved_by", "second_approved_by"]),
    (["Ordernummer", "Fiatteur", "Tweede fiatteur"],
     ["decision_id", "approved_by", "second_approved_by"]),
    (["Ordernummer", "Second approver"], ["decision_id", "second_approved_by"]),
])
def test_the_second_approver_headers(headers: list[str], read: list[str]) -> None:
    """Dutch and English synonyms, and `Fiatteur 2` / `Goedkeurder 2` numbered as the first
    approver, read as second_approved_by, without a warning; in allocations too."""
    assert resolve_headers(TABLES["contracts"], headers) == (read, [])
    allocation = ["Dossiernummer" if h == "Ordernummer" else h for h in headers]
    assert resolve_headers(TABLES["allocations"], allocation)[0] == read


def test_a_third_approver_stays_an_extra_column_with_a_warning(tmp_path: Path) -> None:
    """`Fiatteur 3` has no column: kept as an extra column, and the warning says only two
    approvers are read (not that it merely looks like the approver)."""
    cells, notes = resolve_headers(TABLES["contracts"],
                                   ["Ordernummer", "Fiatteur 1", "Fiatteur 2", "Fiatteur 3"])
    assert cells == ["decision_id", "approved_by", "second_approved_by", None]
    assert notes == ["column 'Fiatteur 3' numbers a third person beside approved_by and "
                     "second_approved_by: only two are read; 'Fiatteur 3' is kept as an "
                     "extra column"]
    data = make_corp(tmp_path / "data", contracts=None)
    (data / "contracts.csv").write_text(
        "Ordernummer;Crediteur;Orderdatum;Besteller;Fiatteur 1;Fiatteur 2;Fiatteur 3\n"
        "D1;O1;01-03-2024;E3;E2;E1;E3\n", encoding="utf-8")
    ds = read_dataset(data)
    assert [p.format() for p in ds.errors] == []
    frame = ds.frame("contracts")
    assert frame[["approved_by", "second_approved_by", "fiatteur 3"]].values.tolist() == [
        ["E2", "E1", "E3"]]
    assert any("'Fiatteur 3' is kept as an extra column" in p.message for p in ds.warnings)
    # Dutch by default, as every input message
    assert translate(notes[0], "nl") == (
        "kolom 'Fiatteur 3' nummert een derde persoon naast approved_by en "
        "second_approved_by: alleen twee worden gelezen; 'Fiatteur 3' blijft een extra kolom")


@pytest.mark.parametrize("third", ["3e fiatteur", "Derde goedkeurder", "Third approver"])
def test_a_third_approver_named_in_words_stays_an_extra_column_with_a_warning(
        third: str) -> None:
    """A third approver written as an ordinal is not read as the second (nor, by a close
    spelling, as either): an extra column, with the same warning."""
    cells, notes = resolve_headers(TABLES["contracts"],
                                   ["Ordernummer", "1e fiatteur", "2e fiatteur", third])
    assert cells == ["decision_id", "approved_by", "second_approved_by", None]
    assert notes == [f"column {third!r} numbers a third person beside approved_by and "
                     f"second_approved_by: only two are read; {third!r} is kept as an "
                     "extra column"]


def test_an_unknown_second_approver_is_dropped_with_a_warning_and_counted(
        tmp_path: Path) -> None:
    """As an unknown approved_by: the value is left out, the row is used."""
    data = make_corp(tmp_path / "data", contracts=[
        _contract("D1", second_approved_by="E9"), _contract("D2", second_approved_by="E1")])
    ds = read_dataset(data)
    assert ds.errors == []
    warned = [p for p in ds.warnings if p.column == "second_approved_by"]
    assert [(p.file, p.line, p.action) for p in warned] == [("contracts.csv", 2, "drop_value")]
    assert "'E9' is not found in employees.csv" in warned[0].message
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["D1", "D2"]
    assert pd.isna(frame["second_approved_by"].iloc[0])
    assert frame["second_approved_by"].iloc[1] == "E1"
    assert ds.tables["contracts"].values_dropped == 1
    assert ds.tables["contracts"].dropped_by_column.get("second_approved_by")


def test_order_lines_with_another_second_approver_are_not_one_order(tmp_path: Path) -> None:
    """Two lines of one order number are one decision only when they agree on every person
    who signed it, the second approver too."""
    same = make_corp(tmp_path / "same", contracts=[
        _contract("D1", second_approved_by="E1", description="regel 1"),
        _contract("D1", second_approved_by="E1", description="regel 2")])
    ds = read_dataset(same)
    assert ds.errors == [] and ds.frame("contracts")["amount_eur"].tolist() == [24000.0]
    other = make_corp(tmp_path / "other", contracts=[
        _contract("D1", second_approved_by="E1", description="regel 1"),
        _contract("D1", second_approved_by="E2", description="regel 2")])
    ds = read_dataset(other)
    assert [(p.column, p.line) for p in ds.errors] == [("decision_id", 3)]


def test_rows_without_a_second_approver_keep_their_digest() -> None:
    """A contract without a second approver hashes as before the column existed, so a
    closed case whose evidence cites it is not reopened by the upgrade."""
    cols = [c for c in TABLES["contracts"].column_names if c != "second_approved_by"]
    row = {c: None for c in TABLES["contracts"].column_names} | {
        "decision_id": "D1", "org_id": "O1", "handled_by": "E3", "approved_by": "E2"}
    frame = pd.DataFrame([row, row | {"second_approved_by": "E1"}]).astype(object)
    before = pd.util.hash_pandas_object(frame[cols], index=False).to_numpy()
    hashes = _table_hashes(frame, "contracts")
    assert hashes[0] == before[0] and hashes[1] != before[1]


# -- detection ---------------------------------------------------------------------------

PETRA_DIRECTS_O1 = {"declaration_id": "M1", "employee_id": "E1", "relative_id": "R1",
                    "org_id": "O1", "kind": "position", "position": "directeur",
                    "valid_from": "01-01-2020", "status": "approved"}


def _contract(did: str, **kw: str) -> dict[str, str]:
    row = {"decision_id": did, "kind": "contract", "org_id": "O1", "amount_eur": "12.000,00",
           "decision_date": "01-03-2024", "handled_by": "E3", "approved_by": "E2",
           "second_approved_by": ""}
    row.update(kw)
    return row


#: the decisions of the second-approver case: D1's relative interest only through E1 as
#: second approver; S1 signed by its handler again, S2 by its approver again, S3 by three
#: people, S0 the classic self-approval (handler = approver)
CONTRACTS = [
    _contract("D1", amount_eur="48.000,00", second_approved_by="E1"),
    _contract("S0", org_id="O2", handled_by="E3", approved_by="E3"),
    _contract("S1", org_id="O2", second_approved_by="E3"),
    _contract("S2", org_id="O2", second_approved_by="E2"),
    _contract("S3", org_id="O2", second_approved_by="E1"),
]


#: E1 as second approver of a housing decision for himself (A1), of one for someone else
#: (A2); and a gift from O2 to E1 a month before S3, which E1 signed as second approver
ALLOCATIONS = [
    {"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01", "handled_by": "E3",
     "approved_by": "E2", "second_approved_by": "E1", "unit_id": "U1",
     "applicant_name": "Jan de Vries", "applicant_birth_date": "01-02-1970"},
    {"decision_id": "A2", "kind": "rental", "decision_date": "2024-05-01", "handled_by": "E3",
     "approved_by": "E2", "second_approved_by": "E1", "unit_id": "U2",
     "applicant_name": "Someone Else", "applicant_birth_date": "1990-01-01"},
]
GIFTS = [{"gift_id": "G1", "employee_id": "E1", "org_id": "O2", "date": "01-02-2024",
          "kind": "event", "value_eur": "150", "handed_in": "nee", "reported": "ja"}]


def second_approver_corp(root: Path) -> Path:
    """The hand-made case (also the Neo4j parity case, tests/test_neo4j_integration.py)."""
    return make_corp(root, contracts=CONTRACTS, declarations=[PETRA_DIRECTS_O1],
                     allocations=ALLOCATIONS, gifts=GIFTS)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("second")
    data = second_approver_corp(root / "data")
    res = scan(data, root / "run", None)
    return {"root": root, "data": data, "run": root / "run", "res": res}


def _by(res: Any, rule: str) -> dict[str, Any]:
    return {f.decision_id: f for f in res.findings if f.rule == rule}


def test_a_relative_interest_reached_only_through_the_second_approver(
        scanned: dict[str, Any]) -> None:
    f = _by(scanned["res"], "relative_interest")["D1"]
    assert (f.subject_id, f.subject_role, f.counterparty) == ("E1", "second_approved_by",
                                                              "organization:O1")
    assert f.path.node_keys == ["employee:E1", "relative:R1", "organization:O1", "decision:D1"]
    assert f.details["decision_roles"] == {"handled_by": "E3", "approved_by": "E2",
                                           "second_approved_by": "E1"}
    assert role_label(f.subject_role, "nl") == "tweede goedkeurder"
    assert role_label(f.subject_role, "en") == "second approver"
    # only E1 reaches O1: nobody else is a subject of D1
    assert {(g.rule, g.subject_id) for g in scanned["res"].findings
            if g.decision_id == "D1"} == {("relative_interest", "E1")}


def test_every_link_rule_follows_the_second_approver(scanned: dict[str, Any]) -> None:
    """A housing decision for himself, a gift from the supplier: each found with E1 as the
    second approver, and not on the decision he did not sign or the applicant who is not
    him."""
    res = scanned["res"]
    to_self = _by(res, "allocation_to_self")
    assert (to_self["A1"].subject_id, to_self["A1"].subject_role) == ("E1", "second_approved_by")
    assert "A2" not in to_self
    gift = _by(res, "gift_before_decision")
    assert (gift["S3"].subject_id, gift["S3"].subject_role) == ("E1", "second_approved_by")
    assert set(gift) == {"S3"}  # of the decisions to O2, E1 signed S3 only


def test_a_policy_without_the_second_approver_does_not_follow_its_links(
        tmp_path: Path, scanned: dict[str, Any]) -> None:
    pol = Policy.from_dict({"subject_roles": ["handled_by", "approved_by"]})
    res = scan(scanned["data"], tmp_path / "run", pol)
    assert "D1" not in _by(res, "relative_interest")
    assert not _by(res, "allocation_to_self") and not _by(res, "gift_before_decision")


def test_the_findings_files_name_the_second_approver(scanned: dict[str, Any]) -> None:
    run = scanned["run"]
    rows = pd.read_csv(run / "findings.csv", dtype=str, keep_default_na=False)
    row = rows[(rows["rule"] == "relative_interest") & (rows["decision_id"] == "D1")]
    assert row["subject_role"].tolist() == ["second_approved_by"]
    doc = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    f = next(f for f in doc["findings"] if f["rule"] == "relative_interest")
    assert f["details"]["decision_roles"]["second_approved_by"] == "E1"


def test_self_approval_by_a_second_signature(scanned: dict[str, Any]) -> None:
    """The handler as second approver (S1), the approver as second approver (S2): the
    four-eyes check is missing; three different people (S3): no finding; the classic
    handler = approver (S0) as before."""
    found = _by(scanned["res"], "self_approval")
    assert sorted(found) == ["S0", "S1", "S2"]
    assert (found["S0"].subject_id, found["S0"].subject_role) == ("E3", "handled_by+approved_by")
    assert (found["S1"].subject_id, found["S1"].subject_role) == (
        "E3", "handled_by+second_approved_by")
    assert (found["S2"].subject_id, found["S2"].subject_role) == (
        "E2", "approved_by+second_approved_by")
    assert found["S0"].explanation.startswith("The handler of a decision also approved it")
    assert "signed it as its second approver" in found["S1"].explanation
    assert "one person signed twice" in found["S2"].explanation
    assert "tweede goedkeurder" in found["S2"].explanation_nl
    assert found["S2"].path.node_keys == ["employee:E2", "decision:S2"]
    assert role_label(found["S2"].subject_role, "nl") == "goedkeurder + tweede goedkeurder"
    assert role_label(found["S1"].subject_role, "en") == "handler + second approver"


def test_self_approval_of_the_second_signature_does_not_depend_on_subject_roles(
        tmp_path: Path, scanned: dict[str, Any]) -> None:
    """The four-eyes check reads who signed, not whose links the policy follows."""
    pol = Policy.from_dict({"subject_roles": ["handled_by", "approved_by"]})
    found = _by(scan(scanned["data"], tmp_path / "run", pol), "self_approval")
    assert sorted(found) == ["S0", "S1", "S2"]
    assert found["S2"].subject_role == "approved_by+second_approved_by"


def test_ids_without_a_second_approver_are_unchanged(tmp_path: Path) -> None:
    """A file without the column and one with it empty give the same findings (ids, scores,
    evidence hashes): existing files behave exactly as before."""
    rows = [{k: v for k, v in r.items() if k != "second_approved_by"}
            for r in (_contract("S0", handled_by="E3", approved_by="E3"),
                      _contract("D1", handled_by="E1", amount_eur="48.000,00"))]
    without = scan(make_corp(tmp_path / "a", contracts=rows,
                             declarations=[PETRA_DIRECTS_O1]), tmp_path / "ra", None)
    empty = scan(make_corp(tmp_path / "b", contracts=[r | {"second_approved_by": ""}
                                                       for r in rows],
                           declarations=[PETRA_DIRECTS_O1]), tmp_path / "rb", None)

    def key(res: Any) -> list[tuple[Any, ...]]:
        return [(f.finding_id, f.rule, f.subject_role, f.score, f.evidence_hash,
                 f.explanation) for f in res.findings]

    assert key(without) == key(empty)
    assert {f.rule for f in without.findings} >= {"self_approval", "relative_interest"}


def test_the_workspace_keeps_the_second_approver_in_clear(scanned: dict[str, Any]) -> None:
    """A case's evidence rows keep ids in clear (names only as a hash), so a later scan can
    say `second_approved_by E1 -> E2`: the second approver too."""
    from coi_graph.outputs.workspace import evidence_rows

    res = scanned["res"]
    f = _by(res, "relative_interest")["D1"]
    rows = evidence_rows(res.dataset, [f])[f.finding_id]
    contract = next(r for r in rows.values() if r["key"] == "contracts D1")
    assert contract["values"]["second_approved_by"] == "E1"
    assert contract["values"]["approved_by"] == "E2"


# -- outputs, in one language each ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "word", "foreign"), [
    ("nl", "tweede goedkeurder", "second approver"),
    ("en", "second approver", "tweede goedkeurder"),
])
def test_the_explore_pages_name_the_second_approver_in_their_language(
        scanned: dict[str, Any], lang: str, word: str, foreign: str) -> None:
    out = build_bundle(scanned["run"], scanned["root"] / f"explore-{lang}", lang=lang).parent
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    d1 = next(text for name, text in pages.items()
              if "D1" in text and "relative" not in name and name != "index.html"
              and word in text)
    assert foreign not in d1
    index = pages["index.html"]
    assert word in index and foreign not in index
    # the index script words each row's role code: the combined role of a decision signed
    # twice too (else the page shows `approved_by+second_approved_by`)
    ui = json.loads(re.search(r'<script type="application/json" id="ui-text">(.*?)</script>',
                              index, re.DOTALL).group(1))
    both = ("goedkeurder + tweede goedkeurder" if lang == "nl"
            else "approver + second approver")
    assert ui["roles"]["approved_by+second_approved_by"] == both
    assert ui["roles"]["second_approved_by"] == word
