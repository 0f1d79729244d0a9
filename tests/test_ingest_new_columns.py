"""The data contract's newer optional inputs: the mandates table, an officer's own KvK
number (a holding), and an allocation's rank and basis.  Each is read under its Dutch
and English headers, and each bad value is reported with file, line and column at the
level the contract gives it (a value left out, or a row skipped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd

from ingest import read_dataset
from ingest.model import Dataset, Problem

TODAY = dt.date(2025, 1, 1)
BASE = {
    "employees.csv": "employee_id,name\nE1,Jan de Vries\nE2,Petra Bakker\n",
    "organizations.csv": "org_id,name,kvk_number\nO1,Bouwbedrijf X,12345678\n",
    "contracts.csv": "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E1\n",
}


def read(tmp_path: Path, **files: str) -> Dataset:
    for name, text in {**BASE, **files}.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    return read_dataset(tmp_path, today=TODAY)


def problems(ds: Dataset) -> list[tuple]:
    return [(p.file, p.line, p.column, p.level, p.action) for p in ds.problems]


def one(ds: Dataset) -> Problem:
    assert len(ds.problems) == 1, [p.format() for p in ds.problems]
    return ds.problems[0]


# ------------------------------------------------------------------------ mandates


def test_mandates_read_under_dutch_headers_and_dutch_amounts(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"mandaten.csv": (
        "Budgethouder;Bedrag mandaat;Soort besluit;Geldig vanaf;Geldig tot\n"
        'E1;"1.234,56";Factuur;01-01-2024;31-12-2024\n'
        "E2;€ 50.000;;;\n"
        "E2;10000;inkooporder;2024-02-01;\n")})
    assert ds.problems == [], [p.format() for p in ds.problems]
    frame = ds.frame("mandates")
    assert frame["employee_id"].tolist() == ["E1", "E2", "E2"]
    assert frame["limit_eur"].tolist() == [1234.56, 50000.0, 10000.0]
    # empty kind: the mandate covers all decisions (missing, not a default code)
    assert frame["kind"].tolist()[0] == "invoice" and pd.isna(frame["kind"].iat[1])
    assert frame["kind"].iat[2] == "purchase_order"
    assert frame["valid_from"].iat[0] == pd.Timestamp("2024-01-01")
    assert frame["valid_until"].iat[0] == pd.Timestamp("2024-12-31")
    assert frame["_line"].tolist() == [2, 3, 4]
    assert str(frame["limit_eur"].dtype) == "float64"
    table = ds.tables["mandates"]
    assert table.original_header["employee_id"] == "Budgethouder"
    assert table.original_header["limit_eur"] == "Bedrag mandaat"


def test_mandate_header_synonyms(tmp_path: Path) -> None:
    for i, (holder, limit) in enumerate([("Personeelsnummer", "Mandaat"),
                                         ("Mandaathouder", "Mandaatgrens"),
                                         ("employee_id", "Limiet"),
                                         ("Medewerkernummer", "Mandate limit"),
                                         ("Gemandateerde", "Limiet (EUR)")]):
        folder = tmp_path / str(i)
        folder.mkdir()
        ds = read(folder, **{"mandates.csv": f"{holder},{limit}\nE1,5000\n"})
        assert ds.problems == [], (holder, limit, [p.format() for p in ds.problems])
        assert ds.frame("mandates")[["employee_id", "limit_eur"]].values.tolist() == [
            ["E1", 5000.0]], (holder, limit)


def test_budgethouder_is_the_holder_in_mandates_and_the_requester_in_contracts(
        tmp_path: Path) -> None:
    ds = read(tmp_path, **{
        "contracts.csv": "decision_id,org_id,decision_date,handled_by,Budgethouder\n"
                         "D1,O1,2024-03-01,E1,E2\n",
        "mandates.csv": "Budgethouder,Limiet\nE2,100\n"})
    assert ds.problems == []
    assert ds.frame("contracts")["requested_by"].tolist() == ["E2"]
    assert "employee_id" not in ds.frame("contracts").columns
    assert ds.frame("mandates")["employee_id"].tolist() == ["E2"]


def test_mandate_rows_that_cannot_be_used_are_row_errors(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"mandates.csv": (
        "Budgethouder;Mandaat;Soort;Vanaf;Tot\n"
        "E1;1000;;;\n"            # 2: fine
        "E9;1000;;;\n"            # 3: unknown employee
        "E1;;;;\n"                # 4: limit missing
        "E1;veel;;;\n"            # 5: limit unreadable
        "E1;-5;;;\n"              # 6: negative limit
        "E1;1000;rekening;;\n"    # 7: unknown kind would widen the mandate to all
        "E1;1000;;01-01-2025;01-01-2024\n"  # 8: period backwards
        ";1000;;;\n")})           # 9: holder missing
    found = problems(ds)
    assert found == [
        ("mandates.csv", line, column, "error", "skip_row")
        for line, column in [(3, "employee_id"), (4, "limit_eur"), (5, "limit_eur"),
                             (6, "limit_eur"), (7, "kind"), (8, "valid_from"),
                             (9, "employee_id")]
    ], [p.format() for p in ds.problems]
    messages = {p.line: p.format() for p in ds.problems}
    assert "mandates.csv:3: employee_id (Budgethouder): employee_id 'E9' is not found in " \
           "employees.csv" in messages[3]
    assert "limit_eur (Mandaat): limit_eur is empty but required" in messages[4]
    assert "'veel' is not an amount" in messages[5]
    assert "limit_eur -5.00 is negative" in messages[6]
    assert "'rekening' is not a known kind" in messages[7]
    assert "an empty kind means the mandate covers all decisions" in messages[7]
    table = ds.tables["mandates"]
    assert (table.rows_read, table.rows_skipped) == (8, 7)
    assert ds.frame("mandates")["_line"].tolist() == [2]


def test_mandates_of_a_skipped_employee_are_skipped_too(tmp_path: Path) -> None:
    ds = read(tmp_path, **{
        "employees.csv": "employee_id,name\nE1,Jan\nE2,\n",
        "mandates.csv": "employee_id,limit_eur\nE1,10\nE2,20\n"})
    assert problems(ds) == [("employees.csv", 3, "name", "error", "skip_row"),
                            ("mandates.csv", 3, "employee_id", "warning", "skip_row")]
    assert ds.frame("mandates")["employee_id"].tolist() == ["E1"]


def test_mandates_from_an_xlsx_with_a_number_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Inkoopmandaten 2024"])
    ws.append(["Personeelsnummer", "Mandaatbedrag", "Geldt voor"])
    ws.append(["E1", 25000, "gunning"])
    ws.append(["E2", 1234.5, "Alles"])
    ws.append(["E2", 99, "factuurtje"])
    wb.save(tmp_path / "mandaatregister.xlsx")
    ds = read(tmp_path)
    assert problems(ds) == [("mandaatregister.xlsx", None, None, "warning", "none"),
                            ("mandaatregister.xlsx", 5, "kind", "error", "skip_row")]
    assert "title" in ds.problems[0].message
    frame = ds.frame("mandates")
    assert frame[["employee_id", "limit_eur"]].values.tolist() == [["E1", 25000.0],
                                                                   ["E2", 1234.5]]
    assert frame["kind"].iat[0] == "tender_award"
    assert pd.isna(frame["kind"].iat[1])  # "Alles": every kind, as an empty cell


# ------------------------------------------------------------------------ officers


def test_officer_kvk_number_is_read_normalised_and_kept(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"officers.csv": (
        "KvK-nummer;Naam functionaris;Rol;KvK-nummer aandeelhouder\n"
        "12345678;Holding Jansen B.V.;aandeelhouder;8765 4321\n"
        "12345678;Jan de Vries;bestuurder;\n"
        "12345678;Beheer BV;aandeelhouder;1234567\n")})
    assert ds.problems == []
    frame = ds.frame("officers")
    assert frame["officer_kvk_number"].tolist()[0] == "87654321"
    assert pd.isna(frame["officer_kvk_number"].iat[1])
    assert frame["officer_kvk_number"].iat[2] == "01234567"
    assert frame["org_id"].tolist() == ["O1", "O1", "O1"]


def test_officer_kvk_number_synonyms(tmp_path: Path) -> None:
    for i, header in enumerate(["KvK functionaris", "officer_kvk_number", "KvK holding",
                                "Officer CoC number", "KVK-nummer bestuurder"]):
        folder = tmp_path / str(i)
        folder.mkdir()
        ds = read(folder, **{"officers.csv": f"org_id,name,{header}\nO1,Holding,87654321\n"})
        assert ds.problems == [], header
        assert ds.frame("officers")["officer_kvk_number"].tolist() == ["87654321"], header


def test_an_unusable_officer_kvk_number_is_a_warning_and_left_out(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"officers.csv": (
        "org_id,name,KvK holding\nO1,Holding,12-34-AB\nO1,Beheer,123456789\n")})
    assert problems(ds) == [("officers.csv", 2, "officer_kvk_number", "warning", "drop_value"),
                            ("officers.csv", 3, "officer_kvk_number", "warning", "drop_value")]
    assert ds.problems[0].header == "KvK holding"
    frame = ds.frame("officers")
    assert frame["name"].tolist() == ["Holding", "Beheer"]  # the rows are used
    assert frame["officer_kvk_number"].isna().all()
    table = ds.tables["officers"]
    assert table.dropped_by_column == {"officer_kvk_number": {"unreadable value": 2}}


# --------------------------------------------------------------------- allocations

ALLOCATION_HEAD = "decision_id,decision_date,handled_by,applicant_name"


def test_rank_and_basis_with_dutch_headers_and_words(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"allocations.csv": (
        f"{ALLOCATION_HEAD},Positie kandidatenlijst,Wijze van toewijzing\n"
        "A1,01-03-2024,E1,Kees,1,Lijst\n"
        "A2,01-03-2024,E1,Klaas,012,Urgentie\n"
        "A3,01-03-2024,E1,Anna,,Directe bemiddeling\n"
        "A4,01-03-2024,E1,Bep,3,\n"
        "A5,01-03-2024,E1,Cor,4,bemiddeling\n"
        "A6,01-03-2024,E1,Dirk,5,overig\n"
        "A7,01-03-2024,E1,Els,6,volgorde\n")})
    assert ds.problems == [], [p.format() for p in ds.problems]
    frame = ds.frame("allocations")
    assert str(frame["rank"].dtype) == "Int64"
    assert frame["rank"].tolist() == [1, 12, pd.NA, 3, 4, 5, 6]
    assert frame["basis"].tolist() == ["list", "urgency", "direct", "list", "direct", "other",
                                       "list"]


def test_rank_and_basis_absent_give_typed_columns(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"allocations.csv": f"{ALLOCATION_HEAD}\nA1,01-03-2024,E1,Kees\n"})
    frame = ds.frame("allocations")
    assert frame["basis"].tolist() == ["list"]  # the default: by the list
    assert frame["rank"].isna().all() and str(frame["rank"].dtype) == "Int64"


def test_bad_rank_and_basis_are_warnings_with_file_line_column(tmp_path: Path) -> None:
    ds = read(tmp_path, **{"allocations.csv": (
        f"{ALLOCATION_HEAD},rank,Grondslag\n"
        "A1,01-03-2024,E1,Kees,0,lijst\n"
        "A2,01-03-2024,E1,Klaas,-2,lijst\n"
        "A3,01-03-2024,E1,Anna,2.5,lijst\n"
        "A4,01-03-2024,E1,Bep,eerste,lijst\n"
        "A5,01-03-2024,E1,Cor,1,zomaar\n"
        "A6,01-03-2024,E1,Dirk,1234567890,lijst\n")})
    assert problems(ds) == [
        ("allocations.csv", 2, "rank", "warning", "drop_value"),
        ("allocations.csv", 3, "rank", "warning", "drop_value"),
        ("allocations.csv", 4, "rank", "warning", "drop_value"),
        ("allocations.csv", 5, "rank", "warning", "drop_value"),
        ("allocations.csv", 6, "basis", "warning", "drop_value"),
        ("allocations.csv", 7, "rank", "warning", "drop_value"),
    ]
    texts = [p.format() for p in ds.problems]
    assert "allocations.csv:2: rank: '0' is not a position on the list; write a whole number " \
           "from 1" in texts[0]
    assert texts[4].startswith("allocations.csv:6: basis (Grondslag): 'zomaar' is not a known "
                               "basis; use one of: list, urgency, direct, other")
    frame = ds.frame("allocations")
    assert len(frame) == 6  # every row is used
    assert frame["rank"].tolist() == [pd.NA, pd.NA, pd.NA, pd.NA, 1, pd.NA]
    assert pd.isna(frame["basis"].iat[4])  # unknown, not silently "list"
    assert ds.tables["allocations"].dropped_by_column == {
        "basis": {"unreadable value": 1}, "rank": {"unreadable value": 5}}


def test_rank_from_excel_number_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Toewijzingsnummer", "Datum toewijzing", "Behandelaar", "Naam aanvrager",
               "Rangnummer", "Toewijzingsgrond"])
    ws.append(["A1", dt.datetime(2024, 3, 1), "E1", "Kees", 3, "urgent"])
    ws.append(["A2", dt.datetime(2024, 3, 1), "E1", "Klaas", 2.0, "direct"])
    ws.append(["A3", dt.datetime(2024, 3, 1), "E1", "Anna", 1.5, "list"])
    wb.save(tmp_path / "toewijzingen.xlsx")
    ds = read(tmp_path)
    assert problems(ds) == [("toewijzingen.xlsx", 4, "rank", "warning", "drop_value")]
    frame = ds.frame("allocations")
    assert frame["rank"].tolist() == [3, 2, pd.NA]
    assert frame["basis"].tolist() == ["urgency", "direct", "list"]
