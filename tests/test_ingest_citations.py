"""Evidence cites each source row as its export has it: ``table:line`` for a table read
from one file (unchanged), ``table:file:line`` for a table split over several files, with
the line in that file (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from corp import make_corp, write_csv

from coi_graph.findings import read_findings
from coi_graph.scan import scan
from coi_graph.outputs.workspace import evidence_rows
from ingest import read_dataset

DECL = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
        "kind": "financial_interest", "position": "aandeelhouder", "share_pct": "30",
        "valid_from": "01-01-2020", "status": "approved", "decided_by": "E2",
        "decided_on": "02-01-2020"}
GIFT = {"gift_id": "G1", "employee_id": "E1", "org_id": "O1", "date": "01-02-2024",
        "kind": "gift", "value_eur": "50", "handed_in": "nee"}


def split_contracts(data: Path) -> None:
    """contracts over a CSV (D2, D3 on lines 2-3) and an .xlsx with a title row (D1 on
    sheet row 3, the table's line 3 + 3)."""
    write_csv(data / "contracts_2023.csv", [
        {"decision_id": "D2", "kind": "invoice", "org_id": "O2", "amount_eur": "1.234,56",
         "decision_date": "2024-04-01", "handled_by": "E3", "approved_by": "E2"},
        {"decision_id": "D3", "kind": "invoice", "org_id": "O2", "amount_eur": "99",
         "decision_date": "2024-04-02", "handled_by": "E3", "approved_by": "E2"}])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Contracten 2024"])
    ws.append(["Contractnummer", "Crediteurnummer", "Bedrag", "Contractdatum", "Behandelaar",
               "Fiatteur"])
    ws.append(["D1", "O1", 48000, dt.datetime(2024, 3, 1), "E1", "E2"])
    wb.save(data / "contracts_2024.xlsx")


def test_split_table_cites_file_and_own_line_single_file_tables_unchanged(
        tmp_path: Path) -> None:
    data = make_corp(tmp_path / "data", contracts=None, declarations=[DECL], gifts=[GIFT])
    split_contracts(data)
    res = scan(data, tmp_path / "run")
    found = {f.rule: f for f in res.findings if f.decision_id == "D1"}
    assert {"self_interest", "gift_before_decision"} <= set(found)
    assert set(found["self_interest"].evidence) == {
        "declarations:2", "contracts:contracts_2024.xlsx:3"}
    assert set(found["gift_before_decision"].evidence) == {
        "gifts:2", "contracts:contracts_2024.xlsx:3"}
    # the same in the written findings, and run.json says where the offsets come from
    rows = read_findings(tmp_path / "run")  # any version of findings.json, as dicts
    cited = {e for r in rows if r["decision_id"] == "D1" for e in r["evidence"]}
    assert "contracts:contracts_2024.xlsx:3" in cited
    assert not any(e.startswith("contracts:") and e.count(":") == 1 for e in cited)
    files = res.run["inputs"]["contracts"]["files"]
    assert [(f["file"], f["line_offset"]) for f in files] == [("contracts_2023.csv", 0),
                                                             ("contracts_2024.xlsx", 3)]
    # the citation leads back to the row: the table line is offset + own line
    ds = res.dataset
    assert ds.cited_line("contracts:contracts_2024.xlsx:3") == ("contracts", 6)
    frame = ds.frame("contracts")
    assert frame.loc[frame["_line"] == 6, "decision_id"].tolist() == ["D1"]
    assert ds.cite("contracts", 2) == "contracts:contracts_2023.csv:2"
    assert ds.cited_line("contracts:6") is None  # a bare line is ambiguous over files


def test_split_register_tables_cite_their_files(tmp_path: Path) -> None:
    other = dict(DECL, declaration_id="DC0", org_id="O2", employee_id="E3")
    data = make_corp(tmp_path / "data", declarations=None)
    write_csv(data / "declarations_a.csv", [other, dict(other, declaration_id="DC9")])
    write_csv(data / "declarations_b.csv", [DECL])
    res = scan(data, tmp_path / "run")
    f = next(f for f in res.findings if f.rule == "self_interest" and f.decision_id == "D1")
    assert set(f.evidence) == {"declarations:declarations_b.csv:2", "contracts:2"}


def test_split_officers_record_names_file_and_line(tmp_path: Path) -> None:
    officer = {"kvk_number": "12345678", "name": "Petra de Vries", "role": "bestuurder",
               "birth_date": "03-04-1972"}
    data = make_corp(tmp_path / "data")
    write_csv(data / "officers_1.csv", [{"kvk_number": "02345678", "name": "Piet Puk",
                                         "role": "bestuurder"}])
    write_csv(data / "officers_2.csv", [officer])
    res = scan(data, tmp_path / "run")
    undeclared = [f for f in res.findings if f.rule == "undeclared_interest"]
    assert undeclared, [(f.rule, f.record) for f in res.findings]
    assert {f.record for f in undeclared} == {"officers:officers_2.csv:2"}
    assert all("officers:officers_2.csv:2" in f.evidence for f in undeclared)


def test_workspace_keeps_the_rows_behind_split_citations(tmp_path: Path) -> None:
    data = make_corp(tmp_path / "data", contracts=None, declarations=[DECL])
    split_contracts(data)
    ds = read_dataset(data)
    findings = [{"finding_id": "F1", "evidence": ["contracts:contracts_2024.xlsx:3",
                                                  "declarations:2",
                                                  "contracts:contracts_2023.csv:3"]}]
    rows = evidence_rows(ds, findings)["F1"]
    assert set(rows) == {"contracts:contracts_2024.xlsx:3", "declarations:2",
                         "contracts:contracts_2023.csv:3"}
    assert rows["contracts:contracts_2024.xlsx:3"]["key"] == "contracts D1"
    assert rows["contracts:contracts_2023.csv:3"]["key"] == "contracts D3"
