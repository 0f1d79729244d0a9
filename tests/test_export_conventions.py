"""Cells and files as other systems write them.

Cells that say there is no value: a database export's ``NULL``, an HR system's
``n.v.t.`` and ``31-12-9999``, Excel's ``#N/B``.  They are read for what they mean (empty,
an open end), not reported as unknown ids or impossible years; an Excel error value stays
unusable, with a message that says so, also in an .xlsx file, whose reader sees such a
cell as empty.  Also: ``.xls`` as old HR systems and SAP write it, Excel's text marks
(``="007"``, ``'E0024``), and an American export's month-first dates."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
from click.testing import CliRunner

from coi_graph.cli import main
from ingest import read_dataset
from ingest.header_mapping import resolve_headers
from ingest.tables import TABLES

ORGANIZATIONS = "org_id;name;kvk_number\nO1;Bouwbedrijf X B.V.;12345678\n"
EMPLOYEES = ("employee_id;name;employed_from;employed_until\n"
             "E1;Jan de Vries;01-01-2010;31-12-9999\nE2;Petra Bakker;0001-01-01;31-12-2023\n")


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"organizations.csv": ORGANIZATIONS, "employees.csv": EMPLOYEES,
                       **files}.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def scan(data: Path, out: Path, *args: str):
    """``coi scan DATA --out OUT -q``, as a user runs it."""
    return CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "-q", *args])


def messages(ds, table: str) -> list[str]:
    return [p.format() for p in ds.problems if p.table == table]


def test_a_database_export_with_null_scans_and_says_so_once_per_column(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by;amount_eur\n"
                         "D1;O1;2024-03-01;E1;NULL;NULL\nD2;O1;2024-03-02;E1;E2;1.000,00\n"
                         "D3;O1;2024-03-03;E1;null;n.v.t.\n"})
    ds = read_dataset(data)
    contracts = ds.frame("contracts")
    assert contracts["approved_by"].isna().tolist() == [True, False, True]
    assert contracts["amount_eur"].isna().tolist() == [True, False, True]
    assert not ds.errors
    said = messages(ds, "contracts")
    assert sorted(said) == [
        "contracts.csv: amount_eur: 2 cell(s) hold a word for no value ('NULL', 'n.v.t.') and "
        "are read as empty (warning)",
        "contracts.csv: approved_by: 2 cell(s) hold a word for no value ('NULL', 'null') and "
        "are read as empty (warning)"], said
    # the scan runs; nothing is counted as left out (an empty cell loses nothing)
    out = tmp_path / "run"
    result = scan(data, out)
    assert result.exit_code == 0, result.output
    problems = json.loads((out / "run.json").read_text())["problems"]
    assert (problems["errors"], problems["warnings"], problems["values_left_out"]) == (0, 4, 0)


def test_a_required_value_that_says_no_value_is_missing(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;NULL;E1\nD2;O1;2024-03-02;NULL\nD3;O1;2024-03-03;E1\n"})
    ds = read_dataset(data)
    errors = [p.format() for p in ds.errors]
    assert errors == [
        "contracts.csv:2: decision_date: 'NULL' stands for no value, but decision_date is "
        "required: fill in the decision date, or remove the row",
        "contracts.csv:3: handled_by: handled_by 'NULL' stands for no value, but the row needs "
        "it: fill in the employee_id of employees, or remove the row"], errors
    out = tmp_path / "run"
    result = scan(data, out)
    assert result.exit_code == 2, result.output


def test_open_ends_and_starts_of_hr_systems(tmp_path: Path) -> None:
    ds = read_dataset(write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "relatives.csv": "relative_id;employee_id;relation;name;valid_from;valid_until\n"
                         "R1;E1;child;Kees de Vries;01-01-1753;9999-12-31\n"}))
    emp = ds.frame("employees")
    assert emp["employed_until"].isna().tolist() == [True, False]
    assert emp["employed_from"].isna().tolist() == [False, True]
    assert not ds.errors
    said = messages(ds, "employees") + messages(ds, "relatives")
    assert said == [
        "employees.csv: employed_from: 1 date(s) such as '0001-01-01' are read as an open "
        "start (no start date), as the system that wrote them means (warning)",
        "employees.csv: employed_until: 1 date(s) such as '31-12-9999' are read as an open end "
        "(no end date), as the system that wrote them means (warning)",
        "relatives.csv: valid_from: 1 date(s) such as '01-01-1753' are read as an open start "
        "(no start date), as the system that wrote them means (warning)",
        "relatives.csv: valid_until: 1 date(s) such as '9999-12-31' are read as an open end "
        "(no end date), as the system that wrote them means (warning)"], said
    # elsewhere a year out of range stays a mistake to correct
    ds = read_dataset(write(tmp_path / "b", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;31-12-9999;E1\n"}))
    assert [p.message for p in ds.errors][0].startswith("'31-12-9999' has year 9999")


def test_excel_error_values_in_csv_and_xlsx_are_reported_as_such(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;amount_eur;approved_by\n"
                         "D1;O1;2024-03-01;E1;#DEEL/0!;#N/B\n"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["gift_id", "employee_id", "org_id", "date", "value_eur"])
    ws.append(["G1", "E1", "O1", "2024-02-01", 30])
    ws.append(["G2", "E1", "O1", "2024-02-02", None])
    ws.append(["G3", "E2", "O1", "2024-02-03", 40])
    ws["E3"].value, ws["E3"].data_type = "#N/A", "e"  # a failed look-up, as Excel stores it
    wb.save(data / "gifts.xlsx")
    ds = read_dataset(data)
    said = [p.format() for p in ds.problems if "Excel error" in p.message]
    assert said == [
        "contracts.csv:2: amount_eur: the cell holds the Excel error #DEEL/0! (division by "
        "zero): the formula behind it failed; correct it in the workbook, or clear the cell "
        "(warning)",
        "contracts.csv:2: approved_by: the cell holds the Excel error #N/B (a look-up found "
        "nothing): the formula behind it failed; correct it in the workbook, or clear the cell "
        "(warning)",
        "gifts.xlsx:3: value_eur: cell E3 holds the Excel error #N/A (a look-up found nothing): "
        "the formula behind it failed; correct it in the workbook, or clear the cell (warning)"
    ], said
    assert ds.frame("gifts")["value_eur"].isna().tolist() == [False, True, False]


def test_the_messages_read_in_dutch(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by;amount_eur\n"
                         "D1;O1;NULL;E1;NULL;#WAARDE!\nD2;O1;2024-03-01;NULL;E2;1,00\n"})
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    out = result.output
    assert "worden als leeg gelezen" in out
    assert "open einde (geen einddatum)" in out and "open begin (geen begindatum)" in out
    assert "staat voor 'geen waarde', maar decision_date is verplicht" in out
    assert "de cel bevat de Excel-fout #WAARDE! (een waarde van de verkeerde soort)" in out
    for english in ("read as", "stands for", "holds the Excel", "a value of the wrong"):
        assert english not in out, out
    run = json.dumps(result.exit_code)
    assert run == "2"


def test_a_database_s_unknown_birth_date_is_no_birth_date(tmp_path: Path) -> None:
    """1900-01-01 on two records would be the strongest evidence that they are one person."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;1900-01-01\n"
                         "E2;Petra Bakker;02-03-1970\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "officers.csv": "kvk_number;name;birth_date;role\n12345678;J. de Vries;01-01-1900;"
                        "bestuurder\n"})
    ds = read_dataset(data)
    assert ds.frame("employees")["birth_date"].isna().tolist() == [True, False]
    assert ds.frame("officers")["birth_date"].isna().tolist() == [True]
    assert sorted(messages(ds, "employees") + messages(ds, "officers")) == [
        "employees.csv: birth_date: 1 birth date(s) 1900-01-01, the date a database writes for "
        "an unknown one, are read as empty (warning)",
        "officers.csv: birth_date: 1 birth date(s) 1900-01-01, the date a database writes for "
        "an unknown one, are read as empty (warning)"]
    out = tmp_path / "run"
    result = scan(data, out)
    assert result.exit_code == 0, result.output
    findings = json.loads((out / "findings.json").read_text())["findings"]
    assert not [f for f in findings if f["rule"] == "undeclared_interest"], findings


# ---------------------------------------------------------------- .xls as systems write it

def _xls_organizations(path: Path, error_cell: bool = False) -> None:
    import xlwt

    wb = xlwt.Workbook()
    info = wb.add_sheet("Selectie")  # a report's criteria sheet before the data, as ERPs do
    info.write(0, 0, "Rapport")
    info.write(0, 1, "Crediteuren")
    ws = wb.add_sheet("Crediteuren")
    for c, h in enumerate(["Crediteurnummer", "Naam", "KvK-nummer", "Geschenkwaarde"]):
        ws.write(0, c, h)
    ws.write(1, 0, "O1")
    ws.write(1, 1, "Bouwbedrijf X B.V.")
    ws.write(1, 2, "12345678")
    ws.write(2, 0, "O2")
    ws.write(2, 1, "Café Ünal")
    if error_cell:  # an error value as Excel stores a failed look-up's result
        ws.row(2).set_cell_error(2, 42)  # 42: #N/A
    else:
        ws.write(2, 2, "1234567")
    wb.save(str(path))


def test_an_excel_97_workbook_is_read(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O2;2024-03-01;E1\n"})
    (data / "organizations.csv").unlink()
    _xls_organizations(data / "organizations.xls")
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    orgs = ds.frame("organizations")
    assert orgs["name"].tolist() == ["Bouwbedrijf X B.V.", "Café Ünal"]
    assert orgs["kvk_number"].tolist() == ["12345678", "01234567"]
    result = scan(data, tmp_path / "run")
    assert result.exit_code == 0, result.output


def test_sap_s_spreadsheet_export_is_tab_separated_text_named_xls(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O2;2024-03-01;E1\n"})
    (data / "organizations.csv").unlink()
    (data / "organizations.xls").write_bytes(
        "Crediteur\tNaam\tKvK\nO1\tBouwbedrijf X B.V.\t12345678\nO2\tCafé Ünal\t1234567\n"
        .encode("cp1252"))
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("organizations")["name"].tolist() == ["Bouwbedrijf X B.V.", "Café Ünal"]


def test_an_error_cell_of_an_excel_97_workbook_is_reported(tmp_path: Path) -> None:
    """calamine reads an .xls error cell as an empty cell; xlrd tells its type."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O2;2024-03-01;E1\n"})
    (data / "organizations.csv").unlink()
    _xls_organizations(data / "organizations.xls", error_cell=True)
    ds = read_dataset(data)
    said = [p.format() for p in ds.problems if "Excel error" in p.message]
    assert ds.frame("organizations")["kvk_number"].isna().tolist() == [False, True]
    assert said == ["organizations.xls:3: kvk_number (KvK-nummer): cell C3 holds the Excel "
                    "error #N/A (a "
                    "look-up found nothing): the formula behind it failed; correct it in the "
                    "workbook, or clear the cell (warning)"], said


def test_an_xlsm_workbook_and_an_xlsx_named_xls_are_read(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"})
    (data / "organizations.csv").unlink()
    wb = openpyxl.Workbook()
    wb.active.append(["org_id", "name", "kvk_number"])
    wb.active.append(["O1", "Bouwbedrijf X B.V.", "12345678"])
    wb.save(data / "organizations.xlsm")
    wb = openpyxl.Workbook()
    wb.active.append(["gift_id", "employee_id", "org_id", "date", "value_eur"])
    wb.active.append(["G1", "E1", "O1", "2024-02-01", 40])
    wb.save(data / "gifts.xls")  # an .xlsx under the old name
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("organizations")["name"].tolist() == ["Bouwbedrijf X B.V."]
    assert ds.frame("gifts")["value_eur"].tolist() == [40.0]


def test_excel_text_marks_keep_leading_zeros_and_ids(tmp_path: Path) -> None:
    """``="01234567"`` (a CSV written for Excel) is the text inside; ``'O1`` (Excel's text
    mark) is the id O1 written differently."""
    data = write(tmp_path / "data", {
        "employees.csv": 'employee_id;name;phone\n="E1";Jan de Vries;="0612345678"\n',
        "organizations.csv": 'org_id;name;kvk_number\n"=""O1""";Bouw B.V.;="01234567"\n',
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;'O1;2024-03-01;E1\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("employees")["employee_id"].tolist() == ["E1"]
    assert ds.frame("employees")["phone"].tolist() == ["+31612345678"]
    assert ds.frame("organizations")["org_id"].tolist() == ["O1"]
    assert ds.frame("organizations")["kvk_number"].tolist() == ["01234567"]
    assert ds.frame("contracts")["org_id"].tolist() == ["O1"]
    said = sorted(p.format() for p in ds.problems)
    assert said == [
        "contracts.csv: org_id: 1 value(s) are an id of organizations.csv (column org_id) "
        "written differently (case, spaces, leading zeros or a trailing .0) and are read as "
        "that id, e.g. \"'O1\" (line 2) as 'O1'; correct them in the export (an id column "
        "exported as text keeps its leading zeros) (warning)",
        'employees.csv: 2 value(s) written as ="..." (a way to keep Excel from dropping leading '
        'zeros) are read as the text inside (warning)',
        'organizations.csv: 2 value(s) written as ="..." (a way to keep Excel from dropping '
        'leading zeros) are read as the text inside (warning)'], said


def test_an_american_export_s_dates_are_read_month_first_with_a_warning(tmp_path: Path) -> None:
    """Read day first, 03/01/2024 would silently be 3 January while 03/15/2024 was refused."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;03/15/2024;E1\nD2;O1;03/01/2024;E1\nD3;O1;12/31/2023;E1\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    got = [d.strftime("%Y-%m-%d") for d in ds.frame("contracts")["decision_date"]]
    assert got == ["2024-03-15", "2024-03-01", "2023-12-31"]
    assert messages(ds, "contracts") == [
        "contracts.csv:2: decision_date: the column writes the month first, as an American "
        "export does ('03/15/2024' is 15-03-2024): its dates with a / are read month first; "
        "write them day first (or ISO, 2024-03-15) if that is not meant (warning)"]
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "de kolom schrijft de maand eerst" in result.output, result.output
    # a Dutch column with one odd value stays Dutch: the odd value is reported
    dutch = read_dataset(write(tmp_path / "nl", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;03/15/2024;E1\nD2;O1;03/01/2024;E1\nD3;O1;16-03-2024;E1\n"}))
    assert [p.line for p in dutch.errors] == [2]
    frame = dutch.frame("contracts").set_index("decision_id")["decision_date"]
    assert frame["D2"].strftime("%Y-%m-%d") == "2024-01-03"


def test_api_timestamps_in_utc_are_read_as_their_date_in_dutch_time(tmp_path: Path) -> None:
    """A cloud system keeps 1 March as midnight in Dutch time and exports that moment in UTC
    (``2024-02-29T23:00:00Z``); cutting the time off would give the day before.  Each such
    value is its date in Europe/Amsterdam, with one warning when any falls on another day
    than written; an offset that is Dutch (``+01:00``) leaves the date as written."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;2024-02-29T23:00:00Z;E1\n"
                         "D2;O1;2024-06-30T22:00:00.000Z;E1\n"
                         "D3;O1;2024-03-05T00:00:00+01:00;E1\n"
                         "D4;O1;2024-03-06T09:30:00Z;E1\n"
                         "D5;O1;2024-03-07;E1\n"
                         "D6;O1;2024-02-30T23:00:00Z;E1\n"})
    ds = read_dataset(data)
    got = [None if pd.isna(d) else d.strftime("%Y-%m-%d")
           for d in ds.frame("contracts")["decision_date"]]
    assert got == ["2024-03-01", "2024-07-01", "2024-03-05", "2024-03-06", "2024-03-07"]
    assert [(p.line, p.level) for p in ds.problems if p.table == "contracts"] == [
        (2, "warning"), (7, "error")], messages(ds, "contracts")
    assert messages(ds, "contracts")[0] == (
        "contracts.csv:2: decision_date: the column holds moments with a time zone "
        "('2024-02-29T23:00:00Z'): each is read as its date in Dutch time, "
        "'2024-02-29T23:00:00Z' as 01-03-2024; 2 value(s) of the column fall on another day "
        "than the date written in them; check that the export means these moments, or export "
        "plain dates (2024-03-01) (warning)")
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "tijdstippen met een tijdzone" in result.output, result.output
    assert "time zone" not in result.output
    # moments that all keep their written date need no warning
    plain = read_dataset(write(tmp_path / "plain", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;2024-03-05T00:00:00+01:00;E1\nD2;O1;2024-03-06T10:00Z;E1\n"}))
    assert not [p for p in plain.problems if p.table == "contracts"]


def test_an_erp_names_its_users_by_login_name_or_e_mail(tmp_path: Path) -> None:
    """An ERP records who created and approved an order by login (or name, or e-mail); the
    HR export by personnel number.  The employees' accounts column maps the logins; a
    name or address that fits one employee is read as that employee, told once per column."""
    data = write(tmp_path / "data", {
        "employees.csv": "Personeelsnummer;Naam;Gebruikersnaam;E-mail\n"
                         "E1;Jan de Vries;jdevries, CORP\\JVRIES;jan@corp.nl\n"
                         "E2;Petra Bakker;pbakker;petra@corp.nl\n"
                         "E3;Kees Bos;;kees@corp.nl\nE4;Kees Bos;;k.bos@corp.nl\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by;requested_by\n"
                         "D1;O1;2024-03-01;CORP\\jvries;Bakker, Petra;PETRA@corp.nl\n"
                         "D2;O1;2024-03-02;PBAKKER;Jan de Vries;\n"
                         "D3;O1;2024-03-03;E1;Kees Bos;\n"})
    ds = read_dataset(data)
    c = ds.frame("contracts").set_index("decision_id")
    assert c["handled_by"].to_dict() == {"D1": "E1", "D2": "E2", "D3": "E1"}
    assert c["requested_by"]["D1"] == "E2"
    assert c["approved_by"]["D1"] == "E2" and c["approved_by"]["D2"] == "E1"
    assert pd.isna(c["approved_by"]["D3"])  # two employees are called Kees Bos: not guessed
    said = sorted(p.format() for p in ds.problems)
    assert said == [
        "contracts.csv: approved_by: 2 value(s) are the name of one employee in employees.csv "
        "and are read as that employee's employee_id; write the ids, or give employees an "
        "accounts column, to be sure (warning)",
        "contracts.csv: requested_by: 1 value(s) are the e-mail of one employee in "
        "employees.csv and are read as that employee's employee_id; write the ids, or give "
        "employees an accounts column, to be sure (warning)",
        "contracts.csv:4: approved_by: approved_by 'Kees Bos' is not found in employees.csv "
        "(column employee_id); add it there, or correct the id (warning)"], said
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "2 waarde(n) zijn de naam van één medewerker in employees.csv" in result.output
    assert "are read as" not in result.output


def test_a_vat_number_in_the_kvk_column_and_an_outlook_address_are_told_apart(
        tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "organizations.csv": "org_id;name;kvk_number;email\n"
                             "O1;Bouwbedrijf X B.V.;NL123456789B01;Info <info@bouw-x.nl>\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"})
    ds = read_dataset(data)
    assert ds.frame("organizations")["email"].tolist() == ["info@bouw-x.nl"]
    assert [p.format() for p in ds.problems if p.column == "kvk_number"] == [
        "organizations.csv:2: kvk_number: 'NL123456789B01' is a VAT number (btw-nummer), not a "
        "KvK number; write the organization's 8-digit KvK number (warning)"]
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "'NL123456789B01' is een btw-nummer, geen KvK-nummer" in result.output


def test_a_report_exported_page_by_page_repeats_its_header_and_uses_short_headers(
        tmp_path: Path) -> None:
    """Ordernr is Ordernummer; the header repeated on every page is no data row."""
    head = "Ordernr;Crediteur;Datum;Besteller;Bedrag\n"
    data = write(tmp_path / "data", {
        "contracts.csv": head + "D1;O1;01-03-2024;E1;100,00\n" + head.upper()
                         + "D2;O1;02-03-2024;E2;200,00\n" + head + "D3;O1;03-03-2024;E1;5,00\n"
                         + "Datum;Datum;Datum;Datum;Datum\n"})
    ds = read_dataset(data)
    assert ds.frame("contracts")["decision_id"].tolist() == ["D1", "D2", "D3"]
    said = [p.format() for p in ds.problems if p.table == "contracts"]
    assert said[0] == ("contracts.csv: 2 line(s) repeat the header (3, 5), as a report exported "
                       "page by page writes it; they are left out, not read as data (warning)")
    # a line that is not the header again is a row (here a bad one), never dropped
    assert {p.line for p in ds.errors} == {7}
    table = ds.tables["contracts"]
    assert table.rows_read == 4
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "2 regel(s) herhalen de kopregel (3, 5)" in result.output


def test_a_home_allocated_with_the_handler_or_a_relative_as_co_applicant_is_flagged(
        tmp_path: Path) -> None:
    """The home goes to both applicants: a co-applicant who is the handler's partner (or
    the handler) is a conflict as much as the applicant would be."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;02-03-1970\n"
                         "E2;Petra Bakker;04-05-1975\n",
        "relatives.csv": "relative_id;employee_id;relation;name;birth_date\n"
                         "R1;E1;partner;Anna de Vries-Smit;06-07-1972\n",
        "allocations.csv": "Toewijzingsnummer;Datum;Behandelaar;Naam aanvrager;"
                           "Geboortedatum aanvrager;Naam medeaanvrager;Geboortedatum partner\n"
                           "A1;01-03-2024;E1;Kees Bos;01-01-1980;Anna de Vries-Smit;06-07-1972\n"
                           "A2;02-03-2024;E2;Piet Jansen;01-01-1981;Petra Bakker;04-05-1975\n"
                           "A3;03-03-2024;E1;Klaas Visser;01-01-1982;;\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"})
    out = tmp_path / "run"
    result = scan(data, out, "--lang", "en")
    assert result.exit_code == 0, result.output
    found = json.loads((out / "findings.json").read_text())["findings"]
    got = {(f["rule"], f["decision_id"]) for f in found if f["rule"].startswith("allocation")}
    assert got == {("allocation_to_relative", "A1"), ("allocation_to_self", "A2")}, got
    paths = (out / "findings.csv").read_text(encoding="utf-8")
    assert "Petra Bakker -[co-applicant: same name + birth date]- Piet Jansen" in paths
    assert "Anna de Vries-Smit -[co-applicant: same name + birth date]- Kees Bos" in paths
    out_nl = tmp_path / "run_nl"
    result = scan(data, out_nl, "--lang", "nl")
    assert result.exit_code == 0, result.output
    paths = (out_nl / "findings.csv").read_text(encoding="utf-8")
    assert "Petra Bakker -[medeaanvrager: " in paths and "co-applicant" not in paths


def test_new_optional_columns_keep_every_other_row_s_digest() -> None:
    """A case decision is kept while its evidence is unchanged: the rows without a
    co-applicant (or an employee without accounts) hash as before those columns existed."""
    from coi_graph.graph.build import _table_hashes

    before = pd.DataFrame({"decision_id": ["A1", "A2"], "applicant_name": ["Kees", "Piet"],
                           "rank": [None, 3], "basis": ["list", "urgency"]})
    after = before.assign(co_applicant_name=[None, None], co_applicant_birth_date=[None, None])
    assert _table_hashes(after, "allocations").tolist() == \
        _table_hashes(before, "allocations").tolist()
    with_co = after.assign(co_applicant_name=[None, "Anna"])
    got = _table_hashes(with_co, "allocations")
    assert got[0] == _table_hashes(before, "allocations")[0]
    assert got[1] != _table_hashes(before, "allocations")[1]
    emp = pd.DataFrame({"employee_id": ["E1"], "name": ["Jan"]})
    assert _table_hashes(emp.assign(accounts=[None]), "employees").tolist() == \
        _table_hashes(emp, "employees").tolist()


def test_a_co_applicant_exported_in_parts_is_one_name(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "allocations.csv": "Toewijzingsnummer;Datum;Behandelaar;Voorletters aanvrager;"
                           "Achternaam aanvrager;Voornaam medeaanvrager;Tussenvoegsel partner;"
                           "Achternaam medeaanvrager;Geboortedatum partner\n"
                           "A1;01-03-2024;E2;K.;Bos;Jan;de;Vries;02-03-1970\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;02-03-1970\n"
                         "E2;Petra Bakker;04-05-1975\n",
        "relatives.csv": "relative_id;employee_id;relation;name\nR1;E2;partner;Jan de Vries\n"})
    ds = read_dataset(data)
    alloc = ds.frame("allocations")
    assert alloc["applicant_name"].tolist() == ["K. Bos"]
    assert alloc["co_applicant_name"].tolist() == ["Jan de Vries"]
    out = tmp_path / "run"
    assert scan(data, out).exit_code == 0
    run = json.loads((out / "run.json").read_text())
    headers = {t["file"]: t["headers"] for t in run["inputs"].values()}["allocations.csv"]
    assert headers["co_applicant_name"] == \
        "Voornaam medeaanvrager + Tussenvoegsel partner + Achternaam medeaanvrager"
    draft = CliRunner().invoke(main, ["mapping", str(data), "--lang", "en"]).output
    assert "co_applicant_name" in draft and "applicant_name" in draft


def test_a_handler_read_by_login_whose_employee_row_is_unusable_is_told_as_such(
        tmp_path: Path) -> None:
    """The contract names an employee row that is skipped: the contract says so (the
    cascade), as it would for the employee's id."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;accounts\nE1;Jan de Vries;jdevries\nE2;;pbakker\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;pbakker\n"
                         "D2;O1;2024-03-01;jdevries\n"})
    ds = read_dataset(data)
    said = [p.format() for p in ds.problems if p.table == "contracts"]
    assert said == ["contracts.csv:2: handled_by: handled_by 'E2' refers to a row of "
                    "employees.csv (line 3) that is skipped because of an error there; this row "
                    "is skipped too (warning)"], said


def test_a_kvk_extract_and_an_integrity_register_with_their_own_headers(tmp_path: Path) -> None:
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "kvk functionarissen.csv": "KvK-nummer;Naam functionaris;Functie;Geboortedatum;"
                                   "Datum in functie;Datum uit functie\n"
                                   "12345678;Jan de Vries;Bestuurder;02-03-1970;01-01-2015;\n",
        "meldingen.csv": "Meldingnummer;Personeelsnummer;Crediteur;Soort melding;Functie;Status;"
                         "Beoordeeld door;Datum beoordeling\n"
                         "M1;E1;O1;Nevenfunctie;Penningmeester;Gemeld;E2;05-01-2024\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    off = ds.frame("officers")
    assert (off["name"].tolist(), off["role"].tolist()) == (["Jan de Vries"], ["bestuurder"])
    assert off["valid_from"].iloc[0].strftime("%Y-%m-%d") == "2015-01-01"
    decl = ds.frame("declarations")
    assert decl[["kind", "position", "status", "decided_by"]].iloc[0].tolist() == \
        ["side_function", "Penningmeester", "pending", "E2"]
    assert decl["decided_on"].iloc[0].strftime("%Y-%m-%d") == "2024-01-05"


def test_an_erp_names_its_suppliers_by_code_and_name_or_by_name(tmp_path: Path) -> None:
    """An ERP's purchase orders show the supplier as ``10023 - Bouwbedrijf X B.V.`` or by
    name under a ``Leverancier`` header.  A code with that organization's name, or a name
    that fits one organization (case, accents, a legal form ignored), is read as its org_id,
    told once per column; a name two organizations share, or a code with another's name,
    stays unknown."""
    data = write(tmp_path / "data", {
        "organizations.csv": "org_id;name;kvk_number\n10023;Bouwbedrijf X B.V.;12345678\n"
                             "10024;Schilder Y;87654321\n10025;Dubbel BV;11111111\n"
                             "10026;Dubbel;22222222\n",
        "contracts.csv": "Ordernummer;Leverancier;Besluitdatum;Behandelaar\n"
                         "D1;10023 - Bouwbedrijf X B.V.;01-03-2023;E1\n"
                         "D2;Schilder Y;02-03-2023;E2\nD3;BOUWBEDRIJF X;02-03-2023;E2\n"
                         "D4;Dubbel;02-03-2023;E2\nD5;10024 - Bouwbedrijf X;02-03-2023;E2\n"
                         "D6;10024;02-03-2023;E2\n"})
    ds = read_dataset(data)
    contracts = ds.tables["contracts"].frame.set_index("decision_id")["org_id"]
    assert contracts[["D1", "D2", "D3", "D6"]].tolist() == ["10023", "10024", "10023", "10024"]
    # (the third warning: an 'Ordernummer' list's rows are read as purchase orders)
    assert sorted((p.line or 0, p.level) for p in ds.problems if p.table == "contracts") == [
        (0, "warning"), (0, "warning"), (0, "warning"), (5, "error"), (6, "error")]
    assert set(ds.tables["contracts"].frame["kind"]) == {"purchase_order"}
    said = messages(ds, "contracts")
    assert ("contracts.csv: org_id: 2 value(s) are the name of one organization in "
            "organizations.csv and are read as that organization's org_id; write the ids to "
            "be sure (warning)") in said, said
    assert any("org_id (Leverancier): org_id 'Dubbel' is not found" in m for m in said)
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "de code en naam van één organisatie" in result.output, result.output


def test_an_hr_staff_list_with_name_parts_and_a_medewerker_column(tmp_path: Path) -> None:
    """AFAS-style: the employee code under ``Medewerker``, the name in parts (initials, call
    name, tussenvoegsel, surname), no end date written as 31-12-9999."""
    data = write(tmp_path / "data", {
        "employees.csv": None,  # not written: the staff list is medewerkers.csv
        "medewerkers.csv": "Medewerker;Voorletters;Roepnaam;Voorvoegsel;Achternaam;"
                           "Geboortedatum;Datum in dienst;Datum uit dienst\n"
                           "00123;J.P.;Jan;de;Vries;01-02-1970;01-01-2010;\n"
                           "00124;P.;Petra;;Bakker;03-04-1980;01-01-2012;31-12-9999\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;123\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    emp = ds.frame("employees")
    assert emp["employee_id"].tolist() == ["00123", "00124"]
    assert emp["name"].tolist() == ["Jan de Vries", "Petra Bakker"]
    # the handler written without Excel's leading zeros is read as 00123, with a warning
    assert ds.frame("contracts")["handled_by"].tolist() == ["00123"]


def test_registers_name_the_employee_medewerker_and_estimate_gift_values(tmp_path: Path) -> None:
    """A gift register and an integrity register as people keep them: the employee under
    ``Medewerker`` (an id or a name), the gift's value estimated (``ca. 20 euro``,
    ``± € 35,00``).  The scan runs and finds the gift before the decision."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "geschenkenregister.csv": "Registratienummer;Datum ontvangst;Medewerker;Gever;"
                                  "Omschrijving;Geschatte waarde;Ingeleverd\n"
                                  "G1;15-02-2024;Jan de Vries;Bouwbedrijf X;Fles wijn;"
                                  "ca. 40 euro;Nee\n"
                                  "G2;16-02-2024;E2;Bouwbedrijf X;Bloemen;± € 20,00;Nee\n",
        "integriteitsregister.csv": "Meldingnummer;Medewerker;Soort melding;Organisatie;Status\n"
                                    "M1;E2;Nevenfunctie;Bouwbedrijf X B.V.;Goedgekeurd\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("gifts")["employee_id"].tolist() == ["E1", "E2"]
    assert ds.frame("gifts")["value_eur"].tolist() == [40.0, 20.0]
    assert ds.frame("declarations")["employee_id"].tolist() == ["E2"]
    assert not [p for p in ds.problems if p.column == "value_eur"]
    out = tmp_path / "out"
    result = scan(data, out, "--workspace", str(tmp_path / "ws.sqlite"))
    assert result.exit_code == 0, result.output
    rules = {f["rule"] for f in json.loads((out / "findings.json").read_text())["findings"]}
    assert "gift_before_decision" in rules, rules


def test_a_family_register_without_ids_scans_with_ids_made_from_employee_and_name(
        tmp_path: Path) -> None:
    """HR's family register lists each relative by name under the employee, with no id of
    its own.  The id is made from the employee and the name (opaque, the same in every run,
    case and spacing ignored), with one warning; the relative then links as any other: the
    son who is a director of the supplier his father contracts with is found."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "familieleden.csv": "Medewerker;Naam familielid;Relatie;Geboortedatum\n"
                            "E1;Kees de Vries;Zoon;01-01-1995\nE2;Anna Bakker-Smit;Echtgenote;\n",
        "officers.csv": "org_id;name;role;birth_date\nO1;Kees de  Vries;bestuurder;01-01-1995\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    ids = ds.frame("relatives")["relative_id"].tolist()
    assert all(i.startswith("R-") for i in ids) and len(set(ids)) == 2
    assert "Kees" not in ids[0]  # a name does not travel as an id
    assert ids == read_dataset(data).frame("relatives")["relative_id"].tolist()
    [note] = [p for p in ds.problems if p.table == "relatives"]
    assert note.level == "warning" and "(Medewerker + Naam familielid)" in note.message
    out = tmp_path / "out"
    result = scan(data, out, "--workspace", str(tmp_path / "ws.sqlite"))
    assert result.exit_code == 0, result.output
    findings = json.loads((out / "findings.json").read_text())["findings"]
    assert [f["rule"] for f in findings if f["decision_id"] == "D1"] == ["relative_interest"]
    # a register with its own ids keeps them
    own = write(tmp_path / "own", {
        "familieleden.csv": "Familielidnummer;Medewerker;Naam familielid;Relatie\n"
                            "F1;E1;Kees de Vries;Zoon\n"})
    assert read_dataset(own).frame("relatives")["relative_id"].tolist() == ["F1"]


def test_a_relative_without_a_name_in_a_register_without_ids_is_one_problem(
        tmp_path: Path) -> None:
    """A row of a register without ids that lacks the name (or the employee) is refused for
    that column, once: not again for an empty relative_id, a column the file does not have.
    Two such rows in two parts of the table are not one id twice."""
    head = "Medewerker;Naam familielid;Relatie;Geboortedatum\n"
    data = write(tmp_path / "data", {
        "relatives_a.csv": head + "E1;Kees de Vries;Zoon;\nE2;;Dochter;01-02-2010\n"
                                  ";Anna Bos;Partner;\n",
        "relatives_b.csv": head + "E1;Els de Vries;Dochter;\nE2;;Zoon;01-02-2012\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"})
    ds = read_dataset(data)
    errors = sorted((p.file, p.line, p.column) for p in ds.errors)
    assert errors == [("relatives_a.csv", 3, "name"), ("relatives_a.csv", 4, "employee_id"),
                      ("relatives_b.csv", 3, "name")], [p.format() for p in ds.errors]


def test_a_mandate_for_procurement_covers_every_purchasing_decision(tmp_path: Path) -> None:
    """A mandate register's 'Inkoop' is every purchasing decision (the empty kind), not an
    unknown kind that skips the mandate."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n",
        "mandaten.csv": "Budgethouder;Mandaat;Soort\nE1;€ 50.000;Inkoop\nE2;25000;factuur\n"})
    ds = read_dataset(data)
    assert not [p for p in ds.problems if p.table == "mandates"], messages(ds, "mandates")
    kinds = ds.frame("mandates")["kind"].tolist()
    assert pd.isna(kinds[0]) and kinds[1] == "invoice"


def test_two_applicants_in_one_name_cell_are_applicant_and_co_applicant(tmp_path: Path) -> None:
    """An allocation system writes a household that applies together in one cell ('Kees
    Bos en Anna de Vries-Smit').  Read as one name it is nobody; split, the handler's
    partner as co-applicant is found.  A row with a co-applicant of its own keeps its cell
    as written; 'Jan en Petra Jansen' is not split on a guess.  (The co-applicant is matched
    with the household's address, the applicant's.)"""
    data = write(tmp_path / "data", {
        "relatives.csv": "relative_id;employee_id;relation;name;birth_date;postcode;"
                         "house_number\nR1;E1;partner;Anna de Vries-Smit;06-07-1972;3511 AB;12\n",
        "allocations.csv": "Toewijzingsnummer;Datum;Behandelaar;Naam aanvrager;"
                           "Geboortedatum aanvrager;Postcode aanvrager;Huisnummer aanvrager;"
                           "Naam medeaanvrager\n"
                           "A1;01-03-2024;E1;Kees Bos en/of Anna de Vries-Smit;01-01-1980;"
                           "3511 AB;12;\n"
                           "A2;02-03-2024;E2;K. en M. Visser;01-01-1981;;;\n"
                           "A3;03-03-2024;E2;Jan en Petra Jansen;01-01-1982;;;\n"
                           "A4;04-03-2024;E2;Piet Bos en Els Bos;01-01-1983;;;Els Bos\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"})
    ds = read_dataset(data)
    alloc = ds.frame("allocations").set_index("decision_id")
    assert alloc["applicant_name"].tolist() == ["Kees Bos", "K. Visser", "Jan en Petra Jansen",
                                                "Piet Bos en Els Bos"]
    assert alloc["co_applicant_name"].tolist()[:2] == ["Anna de Vries-Smit", "M. Visser"]
    assert pd.isna(alloc.loc["A3", "co_applicant_name"])
    assert alloc.loc["A4", "co_applicant_name"] == "Els Bos"
    [note] = [p for p in ds.problems if p.table == "allocations"]
    assert note.level == "warning" and note.message.startswith(
        "2 applicant name(s) hold two people ('Kees Bos en/of Anna de Vries-Smit')")
    out = tmp_path / "run"
    result = scan(data, out, "--lang", "en")
    assert result.exit_code == 0, result.output
    found = json.loads((out / "findings.json").read_text())["findings"]
    assert {(f["rule"], f["decision_id"]) for f in found if f["rule"].startswith(
        "allocation")} == {("allocation_to_relative", "A1")}
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "bevatten twee personen" in result.output, result.output


def test_an_hr_list_with_two_phones_and_a_private_and_work_e_mail_scans(tmp_path: Path) -> None:
    """AFAS/Visma staff lists carry `Telefoon` and `Mobiel`, `E-mail privé` and `Zakelijk
    e-mailadres`.  Both phone headers are phone synonyms: the file was refused for a column
    that appears twice.  Now the private one is read (a supplier's records may share it),
    else the first; the other stays an extra column, with a warning; the private e-mail
    links the employee to the supplier that has it.  Without a private one, the first
    (`Telefoon` before `Mobiel`) is read."""
    assert resolve_headers(TABLES["employees"], ["Naam", "Telefoon", "Mobiel"])[0] == [
        "name", "phone", None]
    data = write(tmp_path / "data", {
        "employees.csv": "Personeelsnummer;Naam;Zakelijk e-mailadres;Telefoon;Mobiel;"
                         "Mobiel privé;E-mail privé\n"
                         "E1;Jan de Vries;j.devries@corp.nl;030-1234567;06-12345678;"
                         "06-87654321;jan1970@gmail.com\n",
        "organizations.csv": "org_id;name;email\nO1;Bouwbedrijf X B.V.;jan1970@gmail.com\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    staff = ds.frame("employees")
    assert staff["email"].tolist() == ["jan1970@gmail.com"]
    assert staff["phone"].tolist() == ["+31687654321"]
    assert staff["telefoon"].tolist() == ["030-1234567"]
    said = messages(ds, "employees")
    assert any("'Telefoon' looks like phone, but 'Mobiel privé' is read as phone" in m
               for m in said)
    assert any("'Zakelijk e-mailadres' looks like email, but 'E-mail privé' is read" in m
               for m in said)
    result = scan(data, tmp_path / "out")
    assert result.exit_code == 0, result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    assert any(f["rule"] == "shared_identifier" for f in findings)


def test_vendor_masters_mandates_and_gift_registers_with_their_own_headers(tmp_path: Path
                                                                          ) -> None:
    """An ERP's vendor master (`Crediteurcode`, `Leveranciersnaam`), a mandate register with
    its currency in the header (`Tekenbevoegdheid (EUR)`) and a gift register's `Waarde
    geschenk (€)` are read as the table's columns, not refused as missing."""
    data = write(tmp_path / "data", {
        "organizations.csv": "Crediteurcode;Leveranciersnaam;Soort organisatie\n"
                             "O1;Bouwbedrijf X B.V.;leverancier\n",
        "contracts.csv": "Inkoopordernummer;Crediteur;Besteldatum;Besteller;Orderbedrag\n"
                         "D1;O1;01-03-2024;E1;1.250,00\n",
        "mandates.csv": "Personeelsnummer;Tekenbevoegdheid (EUR)\nE1;10.000,00\n",
        "gifts.csv": "Registratienummer;Medewerker;Gever;Datum ontvangst;"
                     "Waarde geschenk (€);Omschrijving geschenk\n"
                     "G1;E1;Bouwbedrijf X B.V.;01-02-2024;35,00;Wijnpakket\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("organizations")["name"].tolist() == ["Bouwbedrijf X B.V."]
    assert ds.frame("contracts")["amount_eur"].tolist() == [1250.0]
    assert str(ds.frame("contracts")["decision_date"].iloc[0])[:10] == "2024-03-01"
    assert ds.frame("mandates")["limit_eur"].tolist() == [10000.0]
    gifts = ds.frame("gifts")
    assert gifts["value_eur"].tolist() == [35.0]
    assert gifts["description"].tolist() == ["Wijnpakket"]


def test_values_marked_as_text_are_read_without_the_mark(tmp_path: Path) -> None:
    """Exports that keep Excel from turning values into numbers or dates write an
    apostrophe in front (`'01-03-2024`, `'01234567`), and a value quoted twice on its way
    through two systems keeps its quotes (`"1.234,56"`).  Such a date, amount, KvK number
    or kind is read without the mark, with one warning per column; free text keeps its
    apostrophe ('s-Hertogenbosch), and a marked value that is still wrong is reported as
    it is."""
    data = write(tmp_path / "data", {
        "organizations.csv": "org_id;name;kvk_number;city\n"
                             "O1;Bouwbedrijf X B.V.;'01234567;'s-Hertogenbosch\n",
        "contracts.csv": 'decision_id;org_id;decision_date;handled_by;amount_eur;kind\n'
                         "D1;O1;'01-03-2024;E1;'1.234,56;'factuur\n"
                         'D2;O1;"""02-03-2024""";E1;"""2.000,00""";contract\n'
                         "D3;O1;'31-02-2024;E1;100;contract\n"})
    ds = read_dataset(data)
    contracts = ds.frame("contracts")
    assert [str(d)[:10] for d in contracts["decision_date"]] == ["2024-03-01", "2024-03-02"]
    assert contracts["amount_eur"].tolist() == [1234.56, 2000.0]
    assert contracts["kind"].tolist() == ["invoice", "contract"]
    organizations = ds.frame("organizations")
    assert organizations["kvk_number"].tolist() == ["01234567"]
    assert organizations["city"].tolist() == ["'s-Hertogenbosch"]
    [error] = ds.errors
    assert (error.line, error.column) == (4, "decision_date")
    assert "'31-02-2024" in error.message
    said = messages(ds, "contracts")
    assert any("decision_date: 2 value(s) marked as text" in m for m in said), said
    assert any("amount_eur: 2 value(s) marked as text" in m for m in said), said
    dutch = CliRunner().invoke(main, ["validate", str(data)])
    assert "decision_date: 2 waarde(n) gemarkeerd als tekst" in dutch.output, dutch.output


def test_allocation_and_register_words_as_systems_write_them(tmp_path: Path) -> None:
    """Words allocation systems and integrity registers use for a basis, a kind, a relation
    or an interest are read as their code, not left out as unknown: a home through
    `Kandidaatstelling` is chosen by the corporation (`direct`), `Direct te huur` goes to the
    first who reacts (`list`), a `Commissariaat` is a side function."""
    data = write(tmp_path / "data", {
        "allocations.csv": "decision_id;decision_date;handled_by;applicant_name;basis;kind\n"
                           "A1;01-03-2024;E1;Piet Bos;Kandidaatstelling;Tijdelijke verhuur\n"
                           "A2;02-03-2024;E1;Kees Dam;Direct te huur;Parkeerplaats\n"
                           "A3;03-03-2024;E1;Anna Vos;Herhuisvesting;Verkoop bestaande bouw\n",
        "relatives.csv": "relative_id;employee_id;relation;name\nR1;E1;Levensgezel;Ria Bos\n",
        "declarations.csv": "declaration_id;employee_id;kind;org_id\n"
                            "M1;E1;Commissariaat;O1\nM2;E1;Aandeelhouder;O1\n"})
    ds = read_dataset(data)
    assert not [p for p in ds.problems if p.column in ("basis", "kind", "relation")]
    allocations = ds.frame("allocations")
    assert allocations["basis"].tolist() == ["direct", "list", "urgency"]
    assert allocations["kind"].tolist() == ["rental", "rental", "sale"]
    assert ds.frame("relatives")["relation"].tolist() == ["partner"]
    assert ds.frame("declarations")["kind"].tolist() == ["side_function", "financial_interest"]


def test_an_hr_export_with_a_row_per_position_is_one_employee_per_person(tmp_path: Path
                                                                        ) -> None:
    """AFAS and Visma export a row per employment (dienstverband): Jan has two positions,
    Piet left and came back.  The rows of one person (same name and birth date) are one
    employee, employed from the first start to the last end (open if one position is), with
    the role, department and job title of the position that started last; each merged row
    is told as a warning and counted.  Two people under one number stay an error."""
    data = write(tmp_path / "data", {
        "employees.csv":
            "Personeelsnummer;Naam;Afdeling;Functie;Datum in dienst;Datum uit dienst;"
            "Geboortedatum;IBAN;Mobiel\n"
            "E1;Jan de Vries;Verhuur;Woonconsulent;01-01-2018;;01-02-1970;;06-11111111\n"
            "E1;JAN  DE VRIES;Inkoop;Inkoper;01-01-2010;;01-02-1970;NL91ABNA0417164300;"
            "06-22222222\n"
            "E2;Piet Bos;Verhuur;Manager;01-01-2015;31-12-2016;03-04-1965;\n"
            "E2;Piet Bos;Directie;Directeur;01-01-2020;31-12-2023;;\n"
            "E3;Anna Smit;HR;Adviseur;01-01-2012;;05-06-1980;\n"
            "E3;Anna Smit;HR;Adviseur;01-01-2012;;05-06-1981;\n"
            "E4;Kees Dam;ICT;Beheerder;01-01-2010;31-12-2015;;\n"
            "E4;Kees Dam;ICT;Architect;01-01-2019;;;\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"})
    ds = read_dataset(data)
    staff = ds.frame("employees").set_index("employee_id")
    assert list(staff.index) == ["E1", "E2", "E3", "E4"]
    assert pd.isna(staff.at["E4", "employed_until"])  # back, and still employed
    assert str(staff.at["E1", "employed_from"])[:10] == "2010-01-01"
    assert pd.isna(staff.at["E1", "employed_until"])
    assert staff.at["E1", "department"] == "Verhuur" and staff.at["E1", "functie"] == "Woonconsulent"
    assert staff.at["E1", "iban"] == "NL91ABNA0417164300"
    assert staff.at["E1", "phone"] == "+31611111111"  # the other links too:
    assert ds.also("employees")["phone"].tolist() == ["+31622222222"]
    assert str(staff.at["E2", "employed_until"])[:10] == "2023-12-31"
    assert staff.at["E2", "department"] == "Directie" and staff.at["E2", "functie"] == "Directeur"
    merged = [p for p in ds.problems if "another position" in p.message]
    assert [(p.line, p.level) for p in merged] == [(3, "warning"), (5, "warning"),
                                                     (9, "warning")]
    [error] = ds.errors
    assert (error.line, error.column) == (7, "employee_id") and "other values" in error.message
    [info] = ds.tables["employees"].files_info()
    assert (info["rows_read"], info["rows_used"], info["rows_skipped"]) == (8, 4, 4)


def test_an_erp_export_with_a_row_per_order_line_is_one_decision_per_order(tmp_path: Path
                                                                          ) -> None:
    """An ERP writes an order a row per line: one order number, supplier, date and
    handler, an amount per line.  The lines are one decision whose amount is their sum (so
    three lines of 4.000 under a 10.000 mandate are one order of 12.000 over it); a line
    with another supplier under the same number stays an error."""
    data = write(tmp_path / "data", {
        "contracts.csv": "Ordernummer;Regel;Crediteur;Orderdatum;Besteller;Omschrijving;Bedrag\n"
                         "PO1;1;O1;01-03-2024;E1;Tegels;4.000,00\n"
                         "PO1;2;O1;01-03-2024;E1;Lijm;4.000,00\n"
                         "PO1;3;O1;01-03-2024;E1;Voegsel;4.000,00\n"
                         "PO2;1;O1;02-03-2024;E1;Verf;500,00\n"
                         "PO2;2;O2;02-03-2024;E1;Kwasten;50,00\n",
        "organizations.csv": "org_id;name\nO1;Bouwbedrijf X B.V.\nO2;Verfhandel Y\n",
        "mandates.csv": "employee_id;limit_eur\nE1;10.000,00\n"})
    ds = read_dataset(data)
    orders = ds.frame("contracts").set_index("decision_id")
    assert orders["amount_eur"].to_dict() == {"PO1": 12000.0, "PO2": 500.0}
    assert orders.at["PO1", "description"] == "Tegels"
    merged = [p for p in ds.problems if "another line of the same order" in p.message]
    assert [p.line for p in merged] == [3, 4] and {p.level for p in merged} == {"warning"}
    [error] = ds.errors
    assert (error.line, error.column) == (6, "decision_id") and "other values" in error.message
    result = scan(data, tmp_path / "out", "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    [info] = run["inputs"]["contracts"]["files"]
    assert (info["rows_read"], info["rows_used"], info["rows_skipped"]) == (5, 2, 3)
    assert info["skipped_reasons"] == {"another line of a decision (merged)": 2,
                                       "duplicate decision_id": 1}


def test_dates_in_excel_s_long_format_and_with_a_time_are_read(tmp_path: Path) -> None:
    """A CSV saved from Excel writes a date cell as it is shown: the long date format puts
    the weekday in front (`maandag 1 maart 2024`, `ma 01-03-2024`), a date-time cell adds
    the time (`1 mrt. 2024 14:35`, `01.03.2024 00:00:00`).  Each is its date; a word in
    front that is no weekday is reported."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;maandag 1 maart 2024;E1\nD2;O1;ma 04-03-2024;E1\n"
                         "D3;O1;1 mrt. 2024 14:35;E1\nD4;O1;01.03.2024 00:00:00;E1\n"
                         "D5;O1;Friday 1 March 2024;E1\nD6;O1;2024-03-01T14:35:00.000;E1\n"
                         "D7;O1;vroeg 1 maart 2024;E1\n"})
    ds = read_dataset(data)
    dates = ds.frame("contracts").set_index("decision_id")["decision_date"]
    assert {k: str(v)[:10] for k, v in dates.items()} == {
        "D1": "2024-03-01", "D2": "2024-03-04", "D3": "2024-03-01", "D4": "2024-03-01",
        "D5": "2024-03-01", "D6": "2024-03-01"}
    [error] = ds.errors
    assert (error.line, error.column) == (8, "decision_date")


def test_a_vendor_master_with_a_row_per_bank_account_links_through_each(tmp_path: Path
                                                                      ) -> None:
    """An ERP's vendor master with a row per bank account: one supplier code, one name,
    two IBANs.  It was refused as a duplicate id, and with --skip-bad-rows the second IBAN
    was gone, though the handler's own IBAN is that one.  Now the rows are one
    organization whose second IBAN links as the first does: the shared account is found.
    Another name under the same code stays an error."""
    data = write(tmp_path / "data", {
        "organizations.csv": "Crediteurnummer;Naam;KvK-nummer;IBAN\n"
                             "40001;Bouwbedrijf X B.V.;12345678;NL91ABNA0417164300\n"
                             "40001;BOUWBEDRIJF X B.V.;12345678;NL20INGB0001234567\n"
                             "40002;Schilder Y;;NL69INGB0123456789\n"
                             "40002;Glazenwasser Z;;\n",
        "employees.csv": "employee_id;name;iban\nE1;Jan de Vries;NL20INGB0001234567\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;40001;01-03-2024;E1\n"})
    ds = read_dataset(data)
    orgs = ds.frame("organizations").set_index("org_id")
    assert orgs.at["40001", "iban"] == "NL91ABNA0417164300"
    assert ds.also("organizations")["iban"].tolist() == ["NL20INGB0001234567"]
    merged = [p for p in ds.problems if "the same organization" in p.message]
    assert [(p.line, p.level) for p in merged] == [(3, "warning")]
    assert "its other iban is kept" in merged[0].message
    assert not [p for p in ds.problems if p.column == "kvk_number"]  # its own KvK number
    [error] = ds.errors
    assert (error.line, error.column) == (5, "org_id")
    result = scan(data, tmp_path / "out", "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    assert [(f["rule"], f["subject_id"], f["counterparty"]) for f in findings] == [
        ("shared_identifier", "E1", "organization:40001")]
    graph = (tmp_path / "out" / "graph.json").read_text()
    assert "organizations.csv:3" in graph or "organizations:3" in graph


def test_an_integrity_register_names_the_organization_by_its_kvk_number(tmp_path: Path
                                                                        ) -> None:
    """A register that names the organization only by `KvK-nr. bedrijf`: the declaration
    is read with its KvK number (the header was an extra column, so the declaration had no
    organization at all)."""
    data = write(tmp_path / "data", {
        "declarations.csv": "Meldingsnummer;Medewerker;Soort melding;KvK-nr. bedrijf\n"
                            "M1;E1;Nevenfunctie;12345678\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    declarations = ds.frame("declarations")
    assert declarations[["declaration_id", "kvk_number"]].values.tolist() == [["M1", "12345678"]]


def test_a_row_is_never_merged_into_a_row_that_is_skipped(tmp_path: Path) -> None:
    """An order's first line that does not fit the header is skipped; its second line is
    not merged into it and lost, but reported as the duplicate it then is."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;amount_eur\n"
                         "PO1;O1;01-03-2024;E1;100;stray\nPO1;O1;01-03-2024;E1;200\n"})
    ds = read_dataset(data)
    assert ds.frame("contracts")["decision_id"].tolist() == []
    assert sorted((p.line, p.column) for p in ds.errors) == [(2, None), (3, "decision_id")]


def test_a_placeholder_birth_date_on_many_records_is_no_birth_date(tmp_path: Path) -> None:
    """A system that writes 01-01-1970 for an unknown birth date: 30 of 60 applicants
    "born" that day.  Taken as a date it makes namesakes one person and puts all of them
    in one matching block (minutes on a few thousand records); it is read as empty, with
    one warning per column and the count in values_left_out.  Three people born on one day
    keep their date."""
    rows = [f"A{i};01-03-2024;E1;Applicant {i};01-01-1970" for i in range(30)]
    rows += [f"B{i};01-03-2024;E1;Other {i};{1 + i % 28:02d}-0{1 + i % 9}-1980" for i in range(27)]
    rows += [f"C{i};01-03-2024;E1;Triplet {i};05-05-1990" for i in range(3)]
    data = write(tmp_path / "data", {
        "allocations.csv": "decision_id;decision_date;handled_by;applicant_name;"
                           "applicant_birth_date\n" + "\n".join(rows) + "\n"})
    ds = read_dataset(data)
    births = ds.frame("allocations").set_index("decision_id")["applicant_birth_date"]
    assert births[[f"A{i}" for i in range(30)]].isna().all()
    assert births[["C0", "C1", "C2"]].notna().all() and births[["B0", "B26"]].notna().all()
    [said] = [p for p in ds.problems if p.column == "applicant_birth_date"]
    assert said.level == "warning" and "01-01-1970 (30x)" in said.message
    assert ds.tables["allocations"].dropped_by_column == {
        "applicant_birth_date": {"placeholder birth date": 30}}


def test_gift_values_written_as_bounds_or_with_a_remark(tmp_path: Path) -> None:
    """A gift register writes what it knows: `> 25` or `meer dan 25` (more than the limit,
    so a gift that must be handed in: read as a cent more), `vanaf 30` or `30+` (the bound),
    `€ 30 (2 kaarten)` (a remark after the amount).  `< 25` says only that it is less, so it
    stays a value left out; the first four are gifts above EUR 25 not handed in."""
    data = write(tmp_path / "data", {
        "gifts.csv": "gift_id;employee_id;org_id;date;value_eur;handed_in\n"
                     "G1;E1;O1;01-02-2024;> 25;nee\nG2;E1;O1;02-02-2024;meer dan 25;nee\n"
                     "G3;E1;O1;03-02-2024;vanaf € 30;nee\nG4;E1;O1;04-02-2024;€ 30 (2 kaarten);nee\n"
                     "G5;E1;O1;05-02-2024;< 25;nee\nG6;E1;O1;06-02-2024;30+;nee\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"})
    ds = read_dataset(data)
    values = ds.frame("gifts").set_index("gift_id")["value_eur"]
    assert values.drop("G5").tolist() == [25.01, 25.01, 30.0, 30.0, 30.0]
    assert pd.isna(values["G5"])
    result = scan(data, tmp_path / "out")
    assert result.exit_code == 0, result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    flagged = sorted(f["record"] for f in findings if f["rule"] == "gift_rule_breach")
    assert flagged == ["gifts:G1", "gifts:G2", "gifts:G3", "gifts:G4", "gifts:G6"]


def test_amounts_with_a_vat_remark_old_whole_euros_and_excel_s_scientific_form(tmp_path: Path
                                                                               ) -> None:
    """A mandate register kept by hand says whether VAT is in the amount (`€ 50.000,- excl.
    btw`, `25.000 incl. BTW`) and writes whole euros the old way (`15.000,=`): each is the
    amount as written.  A CSV saved from Excel may hold a number in scientific form
    (`1,23E+08`), rounded as the cell showed it: that is said, not guessed.  Another
    currency is no amount (a mandate's limit is required: those rows are reported)."""
    data = write(tmp_path / "data", {
        "mandates.csv": "employee_id;limit_eur\nE1;€ 50.000,- excl. btw\nE2;25.000 incl. BTW\n"
                        "E3;15.000,=\nE4;1,23E+08\nE5;€ 12.500\nE6;$ 100\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;amount_eur\n"
                         "D1;O1;01-03-2024;E1;€ 1.210,00 incl. btw\n"})
    data.joinpath("employees.csv").write_text(
        "employee_id;name\n" + "".join(f"E{i};Naam {i}\n" for i in range(1, 7)))
    ds = read_dataset(data)
    limits = ds.frame("mandates").set_index("employee_id")["limit_eur"]
    assert limits.tolist() == [50000.0, 25000.0, 15000.0, 12500.0]
    assert ds.frame("contracts")["amount_eur"].tolist() == [1210.0]
    bad = {p.line: p.message for p in ds.problems if p.column == "limit_eur"}
    assert sorted(bad) == [5, 7], [p.format() for p in ds.problems]
    assert "scientific form, rounded" in bad[5] and "'$ 100' is not an amount" in bad[7]


def test_an_unknown_id_one_typed_character_from_an_id_says_where_that_is(tmp_path: Path
                                                                         ) -> None:
    """A typo in a staff list's personnel number (`lE0007`) shows as decisions naming an
    unknown `E0007`; a typo in a decision (`E0k021`) as an id to look for by hand.  Where
    exactly one id of the table is one typed character away, or one among several that no
    row names, the message says which and where; an id near several named ones gets no
    guess."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name\nE0001;Jan de Vries\nE0002;Petra Bakker\n"
                         "lE0007;Kees Bos\nE0021;Ali Yilmaz\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "D1;O1;01-03-2024;E0007;E0001\nD2;O1;02-03-2024;E0007;E0002\n"
                         "D3;O1;03-03-2024;E0k021;E0001\nD4;O1;04-03-2024;E0003;E0002\n"
                         "D5;O1;05-03-2024;E0021;E0001\nD6;O1;06-03-2024;E0001;E0002\n"
                         "D7;O1;07-03-2024;E0002;E0001\n"})
    ds = read_dataset(data)
    said = {p.line: p.message for p in ds.problems if p.column == "handled_by"}
    assert sorted(said) == [2, 3, 4, 5], said
    for line in (2, 3):
        assert said[line].endswith("; employees.csv line 4 has 'lE0007', one typed character "
                                   "apart, which no handled_by names"), said[line]
    assert said[4].endswith("; employees.csv line 5 has 'E0021', one typed character apart")
    assert "typed" not in said[5]  # E0003: one from E0001 and E0002, both named
    result = CliRunner().invoke(main, ["validate", str(data)])
    assert "employees.csv regel 4 heeft 'lE0007', één getypt teken anders, dat geen " \
           "handled_by noemt" in result.output, result.output


def test_an_invoice_export_that_also_names_the_order_it_pays_is_read(tmp_path: Path) -> None:
    """An ERP's invoice export holds `Factuurnummer` and `Ordernummer`, `Factuurdatum` and
    `Orderdatum`, and may name the orderer twice (`Besteller`, `Behandelaar`): two
    synonyms of one column.  The first is read and the other kept as an extra column with
    a warning, except that the date of the document read as the id goes with it (the
    invoice's date beside its number, wherever it stands); two headers that are the
    column's own name stay refused."""
    spec = TABLES["contracts"]
    cells = ["Ordernummer", "Factuurnummer", "Orderdatum", "Factuurdatum"]
    assert resolve_headers(spec, cells)[0] == ["decision_id", None, "decision_date", None]
    cells = ["Factuurnummer", "Ordernummer", "Orderdatum", "Factuurdatum"]
    assert resolve_headers(spec, cells)[0] == ["decision_id", None, None, "decision_date"]
    data = write(tmp_path / "data", {
        "inkoopfacturen.csv": "Factuurnummer;Ordernummer;Orderdatum;Factuurdatum;Crediteur;"
                              "Besteller;Behandelaar;Bedrag\n"
                              "F1;PO7;01-02-2024;01-03-2024;O1;E1;E2;1.210,00\n"
                              "F2;PO7;01-02-2024;15-03-2024;O1;E1;E2;605,00\n"})
    ds = read_dataset(data)
    assert [p for p in ds.problems if p.level == "error"] == []
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["F1", "F2"]
    assert [str(d.date()) for d in frame["decision_date"]] == ["2024-03-01", "2024-03-15"]
    assert frame["handled_by"].tolist() == ["E1", "E1"]
    assert frame["ordernummer"].tolist() == ["PO7", "PO7"]  # kept as an extra column
    said = messages(ds, "contracts")
    assert any("'Orderdatum' looks like decision_date, but 'Factuurdatum' is read" in m
               for m in said), said
    assert any("'Behandelaar' looks like handled_by, but 'Besteller' is read" in m
               for m in said), said
    assert scan(data, tmp_path / "out").exit_code == 0
    twice = write(tmp_path / "twice", {
        "contracts.csv": "decision_id;decision_id;org_id;decision_date;handled_by\n"
                         "D1;D1;O1;01-03-2024;E1\n"})
    assert any("more than once" in p.message for p in read_dataset(twice).errors)


def test_headers_of_youforce_afas_exact_and_allocation_exports() -> None:
    """Headers as these systems write them: Youforce's `Intrededatum` / `Uittrededatum`,
    AFAS's `Toev. aan huisnr.` and `Organisatorische eenheid`, Exact's vendor list `Code`,
    an allocation system's `Verhuureenheid`, an invoice list's `Boekdatum`."""
    staff = resolve_headers(TABLES["employees"], [
        "Persnr", "Toev. aan huisnr.", "Intrededatum", "Uittrededatum",
        "Organisatorische eenheid"])[0]
    assert staff == ["employee_id", "house_number_addition", "employed_from",
                     "employed_until", "department"]
    assert resolve_headers(TABLES["organizations"], ["Code", "Naam"])[0] == ["org_id", "name"]
    assert resolve_headers(TABLES["contracts"], ["Code", "Boekdatum"])[0] == [
        None, "decision_date"]  # a code in a purchase list is no supplier id
    assert resolve_headers(TABLES["allocations"], ["Verhuureenheid"])[0] == ["unit_id"]


def test_a_contact_cell_with_several_addresses_numbers_or_ibans_links_through_each(
        tmp_path: Path) -> None:
    """A supplier master writes `info@bouw.nl, j.devries@priv.nl` and two IBANs in one cell;
    a staff list `06-11111111 / 020-1234567`.  The first is the value and each of the
    others links too: the handler whose private address is the supplier's second one is
    found.  A cell is split only when every part is such a value (`020/1234567` is one
    phone number; a valid and an invalid part stay one unreadable value), and an
    applicant's second address is said to be unused."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;email;phone\nE1;Jan de Vries;j.devries@priv.nl;\n"
                         "E2;Piet Bos;piet@y.nl;06-11111111 / 020-1234567\n",
        "organizations.csv": "org_id;name;email;phone;iban\n"
                             "O1;Bouw BV;info@bouw.nl, j.devries@priv.nl;020/1234567;"
                             "NL91ABNA0417164300 / NL20INGB0001234567\n"
                             "O2;Sloop BV;\"sloop@s.nl; geen@\";;\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;amount_eur\n"
                         "D1;O1;01-03-2024;E1;50000\n",
        "allocations.csv": "decision_id;decision_date;handled_by;applicant_name;applicant_email\n"
                           "A1;01-03-2024;E2;Kees Bos;kees@k.nl en kb@k.nl\n"})
    ds = read_dataset(data)
    orgs = ds.frame("organizations").set_index("org_id")
    assert orgs.loc["O1", "email"] == "info@bouw.nl" and orgs.loc["O1", "phone"] == "+31201234567"
    assert orgs.loc["O1", "iban"] == "NL91ABNA0417164300" and pd.isna(orgs.loc["O2", "email"])
    also = ds.also("organizations")
    assert sorted(also["email"].dropna()) == ["j.devries@priv.nl"]
    assert sorted(also["iban"].dropna()) == ["NL20INGB0001234567"]
    assert ds.also("employees")["phone"].tolist() == ["+31201234567"]
    assert ds.frame("allocations")["applicant_email"].tolist() == ["kees@k.nl"]
    said = [p.message for p in ds.problems if "more than one of the" in p.message]
    assert len(said) == 4 and sum("the others are not used" in m for m in said) == 1, said
    result = scan(data, tmp_path / "out")
    assert result.exit_code == 0, result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    assert [f["rule"] for f in findings if f["decision_id"] == "D1"] == ["shared_identifier"]


def test_a_kvk_extract_naming_the_company_beside_the_officer_reads_the_officer() -> None:
    """A reseller's KvK extract names the company (`Bedrijfsnaam`, `Handelsnaam`) beside
    the officer (`Naam`, `Naam bestuurder`): the officer is the table's `name`, never the
    company; where a header holds a general and a table's own synonym of one column
    (`Naam`, `Naam bestuurder`), the table's own is read."""
    spec = TABLES["officers"]
    assert resolve_headers(spec, ["KvK-nummer", "Bedrijfsnaam", "Naam", "Functie"])[0] == [
        "kvk_number", None, "name", "role"]
    assert resolve_headers(spec, ["Kvk", "Naam", "Naam bestuurder", "Handelsnaam"])[0] == [
        "kvk_number", None, "name", None]
    assert resolve_headers(TABLES["organizations"], ["Bedrijfsnaam"])[0] == ["name"]


def test_registers_that_name_the_employee_by_name_beside_or_instead_of_a_number(
        tmp_path: Path) -> None:
    """A family register lists `Personeelsnummer`, `Naam medewerker` and the relative's
    `Naam`: the relative's name is `name`, the employee's name an extra column (it was
    read as the relative's).  A gift register that names the employee only by name
    (`Naam medewerker`) is read through the employees' names."""
    data = write(tmp_path / "data", {
        "relatives.csv": "relative_id;Personeelsnummer;Naam medewerker;Naam;Relatie\n"
                         "R1;E1;Jan de Vries;Kees de Vries;zoon\n",
        "gifts.csv": "gift_id;Naam medewerker;Gever;Datum;Waarde;Ingeleverd\n"
                     "G1;Petra Bakker;Bouw BV;01-02-2024;€ 40;nee\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"})
    ds = read_dataset(data)
    assert [p.format() for p in ds.errors] == []
    relatives = ds.frame("relatives")
    assert relatives["name"].tolist() == ["Kees de Vries"]
    assert relatives["employee_id"].tolist() == ["E1"]
    assert relatives["naam medewerker"].tolist() == ["Jan de Vries"]
    assert ds.frame("gifts")["employee_id"].tolist() == ["E2"]
    assert not [p for p in ds.problems if p.table == "relatives"]  # nothing to warn about


def test_a_cell_naming_several_employees_or_suppliers_reads_the_first_and_says_so(
        tmp_path: Path) -> None:
    """An ERP writes a two-step approval in one field (`E0012, E0031`, `E12 en E31`) and a
    contract with a combination of two contractors (`O1 / O2`): the first id is read, with a
    warning that the others are not checked (before, the whole value was unknown and the
    approver lost).  Only a cell whose every part is an id is read so."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name\nE0012;Jan de Vries\nE0031;Petra Bakker\n"
                         "E0040;Kees Bos\n",
        "organizations.csv": "org_id;name\nO1;Bouw BV\nO2;Sloop BV\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "D1;O1 / O2;01-03-2024;E0040;E0012, E0031\n"
                         "D2;O1;01-03-2024;E0040;E12 en E31\n"
                         "D3;O1;01-03-2024;E0040;E0012, E0099\n"})
    ds = read_dataset(data)
    frame = ds.frame("contracts").set_index("decision_id")
    assert frame["org_id"].tolist() == ["O1", "O1", "O1"]
    assert frame.loc[["D1", "D2"], "approved_by"].tolist() == ["E0012", "E0012"]
    assert pd.isna(frame.loc["D3", "approved_by"])  # E0099 is no id: the value stays unknown
    said = {(p.line, p.column): p.message for p in ds.problems}
    assert "names 2 ids of employees.csv" in said[(2, "approved_by")]
    assert "the others are not checked" in said[(2, "org_id")]
    assert "is not found in employees.csv" in said[(4, "approved_by")]


def test_birth_dates_with_a_two_digit_year_are_read_in_the_past(
        tmp_path: Path) -> None:
    """Older allocation and HR systems write `01-03-85`: a birth date's century is fixed by
    its being past at an age under 100 (85 is 1985, 04 is 2004, and a date later this year
    is a century back), with one warning per column."""
    import datetime as dt

    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;01-03-85\n"
                         "E2;Petra Bakker;29-02-04\nE3;Kees Bos;1-mrt-72\n"
                         "E4;Ali Yilmaz;25-12-26\nE5;Els Smit;31-02-85\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-24;E1\n"})
    ds = read_dataset(data, today=dt.date(2026, 11, 30))
    births = ds.frame("employees").set_index("employee_id")["birth_date"]
    assert [f"{d:%Y-%m-%d}" for d in births.drop("E5")] == [
        "1985-03-01", "2004-02-29", "1972-03-01", "1926-12-25"]
    assert pd.isna(births["E5"])  # 31 February: reported as before
    warned = [p.message for p in ds.problems if p.column == "birth_date" and p.line is None]
    assert len(warned) == 1 and warned[0].startswith("4 birth date(s) with a two-digit year")
    # a decision date column written entirely with two-digit years is read too (session
    # 17): in the century that puts it on or before the reference date plus a year
    assert ds.frame("contracts")["decision_date"].tolist() == [pd.Timestamp("2024-03-01")]
    assert not ds.errors


def test_a_partial_birth_date_of_the_population_register_is_named_so(tmp_path: Path) -> None:
    """The BRP keeps the birth date of someone born abroad without papers as `00-00-1965`
    (day and month unknown) or `00-03-1965`; an HR or allocation export copies it.  It is
    left out with a warning that says what it is, not "check the day and the month", and
    the row is used; a 31 February is still named an impossible date."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;00-00-1965\n"
                         "E2;Petra Bakker;00-03-1970\nE3;Kees Bos;1972-00-00\n"
                         "E4;Ali Yilmaz;19800000\nE5;Els Smit;31-02-1985\n"
                         "E6;Anna Smit;1-3-1985\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"})
    ds = read_dataset(data)
    frame = ds.frame("employees").set_index("employee_id")
    assert list(frame.index) == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert frame["birth_date"].isna().tolist() == [True] * 5 + [False]
    said = {p.line: p for p in ds.problems if p.column == "birth_date"}
    for line in (2, 3, 4, 5):
        assert said[line].level == "warning"
        assert "is a partial date: its day or month is 00" in said[line].message, said[line]
    assert "is not an existing date" in said[6].message
    r = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "nl"})
    assert "'00-00-1965' is een onvolledige datum: de dag of maand is 00" in r.output, r.output
    assert "partial" not in r.output


def test_order_kinds_as_erp_and_maintenance_systems_write_them(tmp_path: Path) -> None:
    """A maintenance system's `Werkorder`, an ERP's `Opdrachtbevestiging`, `Meerwerk` and a
    call-off under a framework (`Nadere opdracht`, `Afroep`) are purchase orders, each
    without a warning; a framework agreement (`Raamcontract`) stays a contract."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;kind\n"
                         "D1;O1;01-03-2024;E1;Werkorder\nD2;O1;01-03-2024;E1;Opdrachtbevestiging\n"
                         "D3;O1;01-03-2024;E1;Meerwerk\nD4;O1;01-03-2024;E1;Nadere opdracht\n"
                         "D5;O1;01-03-2024;E1;Afroep\nD6;O1;01-03-2024;E1;Raamcontract\n"})
    ds = read_dataset(data)
    assert not [p for p in ds.problems if p.column == "kind"]
    assert ds.frame("contracts")["kind"].tolist() == ["purchase_order"] * 5 + ["contract"]


def test_numbered_headers_of_a_two_step_approval_read_both(tmp_path: Path) -> None:
    """An ERP writes a two-step approval as `Fiatteur 1` and `Fiatteur 2`: the first is the
    approver (it was read as a close spelling with a warning, the second silently left
    out), the second the second approver (it was an extra column with a warning)."""
    assert resolve_headers(TABLES["contracts"], ["Ordernummer", "Fiatteur 1", "Fiatteur 2"]) == (
        ["decision_id", "approved_by", "second_approved_by"], [])
    data = write(tmp_path / "data", {
        "contracts.csv": "Ordernummer;Crediteur;Orderdatum;Besteller;Fiatteur 1;Fiatteur 2\n"
                         "D1;O1;01-03-2024;E1;E2;E1\n"})
    ds = read_dataset(data)
    assert [p.format() for p in ds.errors] == []
    frame = ds.frame("contracts")
    assert frame["approved_by"].tolist() == ["E2"]
    assert frame["second_approved_by"].tolist() == ["E1"]


def test_a_row_of_group_headings_above_the_header_is_passed_over(tmp_path: Path) -> None:
    """An Excel report heads its columns in two rows: group headings merged over several
    columns (`Medewerker` over two, `Adres` over three) above the real header.  The header
    is the row that names the most columns, not the first that names two (the group row,
    whose merged `Medewerker` counted twice, refused the file; a group row `Order;
    Leverancier; Wie; Datum` names two columns itself)."""
    data = write(tmp_path / "data", {
        "contracts.csv": "Inkoop 2024;;;\nOrder;Leverancier;Wie;Datum\n"
                         "Ordernummer;Crediteur;Besteller;Orderdatum\nD1;O1;E1;01-03-2024\n"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Medewerker", None, "Adres", None, None])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:E1")
    ws.append(["Personeelsnummer", "Naam", "Straat", "Huisnummer", "Postcode"])
    ws.append(["E1", "Jan de Vries", "Kerkstraat", "12", "1234 AB"])
    (data / "employees.csv").unlink()
    wb.save(data / "employees.xlsx")
    ds = read_dataset(data)
    assert [p.format() for p in ds.errors] == []
    assert ds.frame("employees")[["employee_id", "name", "postcode"]].values.tolist() == [
        ["E1", "Jan de Vries", "1234AB"]]
    assert ds.frame("employees")["_line"].tolist() == [3]
    assert ds.frame("contracts")["decision_id"].tolist() == ["D1"]


def test_an_allocation_export_numbering_its_two_applicants(tmp_path: Path) -> None:
    """`Naam aanvrager 1` / `Naam aanvrager 2` (and their birth dates): the second is the
    co-applicant, so a home that goes to the handler as the second applicant is flagged."""
    assert resolve_headers(TABLES["allocations"], [
        "Naam aanvrager 1", "Geboortedatum aanvrager 1", "Naam aanvrager 2",
        "Geboortedatum aanvrager 2"])[0] == [
        "applicant_name", "applicant_birth_date", "co_applicant_name", "co_applicant_birth_date"]
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;01-02-1970\n"
                         "E2;Petra Bakker;05-05-1975\n",
        "allocations.csv": "Toewijzingsnummer;Datum toewijzing;Consulent;Naam aanvrager 1;"
                           "Geboortedatum aanvrager 1;Naam aanvrager 2;Geboortedatum aanvrager 2\n"
                           "A1;01-03-2024;E1;Kees Bos;03-03-1980;Jan de Vries;01-02-1970\n"})
    result = scan(data, tmp_path / "out")
    assert result.exit_code == 0, result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    assert [f["rule"] for f in findings] == ["allocation_to_self"]


def test_headers_of_a_template_that_numbers_its_columns() -> None:
    """A template numbers its columns (`1. Personeelsnummer`, `03 Geboortedatum`): the
    number is no part of the header (it was read as a close spelling, with a warning)."""
    assert resolve_headers(TABLES["employees"], [
        "1. Personeelsnummer", "2. Naam", "03 Geboortedatum"]) == (
        ["employee_id", "name", "birth_date"], [])


def test_headers_of_dynamics_365_and_sap_exports() -> None:
    """An English-language Dynamics 365 (AX) export: `Personnel number`, `Vendor account`,
    `ZIP/postal code`, `Total amount`, `Orderer`; a Dutch SAP one: `Inkoopdocument`,
    `Documentdatum`, `Nettowaarde`, `Vrijgegeven door`, `Korte tekst`."""
    assert resolve_headers(TABLES["employees"], [
        "Personnel number", "Employment start date", "Employment end date", "ZIP/postal code",
        "Bank account number"])[0] == [
        "employee_id", "employed_from", "employed_until", "postcode", "iban"]
    assert resolve_headers(TABLES["organizations"], [
        "Vendor account", "Name", "Vendor group"])[0] == ["org_id", "name", None]
    assert resolve_headers(TABLES["contracts"], [
        "Purchase order", "Vendor account", "Total amount", "Orderer", "Approver"])[0] == [
        "decision_id", "org_id", "amount_eur", "handled_by", "approved_by"]
    assert resolve_headers(TABLES["contracts"], [
        "Inkoopdocument", "Crediteur", "Documentdatum", "Nettowaarde", "Inkoper",
        "Vrijgegeven door", "Korte tekst"])[0] == [
        "decision_id", "org_id", "decision_date", "amount_eur", "handled_by", "approved_by",
        "description"]


def test_a_creation_date_and_creator_stand_in_only_when_the_export_has_no_other() -> None:
    """Dynamics' order list has `Created date and time` and `Created by` and no order date:
    they are the decision's date and handler.  Beside an `Orderdatum` and an `Inkoper`
    they are what they say, extra columns, and no warning is given for them."""
    alone = resolve_headers(TABLES["contracts"], [
        "Purchase order", "Created date and time", "Created by"])
    assert alone == (["decision_id", "decision_date", "handled_by"], [])
    beside = resolve_headers(TABLES["contracts"], [
        "Aanmaakdatum", "Aangemaakt door", "Ordernummer", "Orderdatum", "Inkoper"])
    assert beside == ([None, None, "decision_id", "decision_date", "handled_by"], [])
    # a list of tenancies: the letting's start and the letting agent, unless better is there
    assert resolve_headers(TABLES["allocations"], [
        "Contractnummer", "Ingangsdatum contract", "Verhuurmedewerker", "Huurder"]) == (
        ["decision_id", "decision_date", "handled_by", "applicant_name"], [])
    assert resolve_headers(TABLES["allocations"], [
        "Toewijzingsdatum", "Ingangsdatum contract", "Medewerker", "Woonconsulent"])[0] == [
        "decision_date", None, None, "handled_by"]


def test_american_dates_with_a_time_and_am_or_pm_are_read(tmp_path: Path) -> None:
    """An English-language ERP writes `3/15/2024 9:00 PM`; the time is dropped as with
    `14:35`.  Such a column once stopped `coi validate` with a traceback, when the value
    that showed the month came first could not be read."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;1/2/2024 10:14 AM;E1\nD2;O1;3/15/2024 9:00 PM;E1\n"
                         "D3;O1;3/16/2024 12:00 p.m.;E1\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    dates = ds.frame("contracts")["decision_date"].dt.strftime("%Y-%m-%d").tolist()
    assert dates == ["2024-01-02", "2024-03-15", "2024-03-16"]
    assert "read month first" in " ".join(messages(ds, "contracts"))
    unreadable = write(tmp_path / "bad", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;1/2/2024 10:14 XM;E1\nD2;O1;3/15/2024 9:00 XM;E1\n"
                         "D3;O1;3/16/2024 9:00 XM;E1\n"})
    result = CliRunner().invoke(main, ["validate", str(unreadable), "--lang", "en"])
    assert result.exit_code == 2 and result.exception is None or isinstance(
        result.exception, SystemExit), result.output
    assert "contracts.csv:2: decision_date: '1/2/2024 10:14 XM'" in result.output


def test_an_erp_names_handlers_by_initials_and_surname(tmp_path: Path) -> None:
    """An ERP shows its users as `P. Bakker`, `Bakker, J.P.`, `Vries, J. de` or `Bakker JP`:
    each is read as the one employee with those initials and that surname, with a warning
    that counts them; initials two employees share stay unknown (reported, value left out)."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name\nE1;Piet Bakker\nE2;Jan de Vries\n"
                         "E3;Johan Pieter Smit\nE4;Karin Smit\nE5;Kees Smit\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "D1;O1;01-03-2024;P. Bakker;Vries, J. de\n"
                         "D2;O1;02-03-2024;Bakker P;J.P. Smit\n"
                         "D3;O1;03-03-2024;Smit, J.;K. Smit\n"
                         "D4;O1;04-03-2024;Smit JP;Bakker JP\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("contracts").set_index("decision_id")
    assert frame["handled_by"].to_dict() == {"D1": "E1", "D2": "E1", "D3": "E3", "D4": "E3"}
    assert {k: v if isinstance(v, str) else None for k, v in frame["approved_by"].items()} == {
        "D1": "E2", "D2": "E3", "D3": None, "D4": None}
    said = messages(ds, "contracts")
    assert ("contracts.csv: handled_by: 4 value(s) are the initials and surname of one "
            "employee in employees.csv and are read as that employee's employee_id; write the "
            "ids, or give employees an accounts column, to be sure (warning)") in said, said
    assert any(m.startswith("contracts.csv:4: approved_by: approved_by 'K. Smit' is not found")
               for m in said), said
    assert any(m.startswith("contracts.csv:5: approved_by: approved_by 'Bakker JP' is not found")
               for m in said), said


def test_officers_by_kvk_number_against_a_vendor_list_without_ids_or_kvk_numbers(
        tmp_path: Path) -> None:
    """A KvK extract names each organization by its KvK number.  When the vendor list is
    refused (no org_id) the scan says that once, not once more per officer; when it has no
    KvK numbers, every officer row has one cause, said alike and shown once."""
    officers = "kvk_number;name;role\n12345678;Jan Bakker;bestuurder\n87654321;Els Bos;bestuurder\n"
    contracts = "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n"
    no_ids = write(tmp_path / "noid", {"organizations.csv": "naam;kvk_number\nX B.V.;12345678\n",
                                       "officers.csv": officers, "contracts.csv": contracts})
    ds = read_dataset(no_ids)
    assert [p.format() for p in ds.errors if p.table == "officers"] == []
    assert [p.column for p in ds.errors if p.table == "organizations"] == ["org_id"]
    no_kvk = write(tmp_path / "nokvk", {"organizations.csv": "org_id;name\nO1;X B.V.\n",
                                        "officers.csv": officers, "contracts.csv": contracts})
    ds = read_dataset(no_kvk)
    said = [p for p in ds.errors if p.table == "officers"]
    assert [(p.line, p.column) for p in said] == [(2, "kvk_number"), (3, "kvk_number")]
    assert len({p.message for p in said}) == 1
    result = scan(no_kvk, tmp_path / "out", "--lang", "en")
    assert result.exit_code == 2, result.output
    assert ("officers.csv:2: kvk_number: the officer's organization is given by kvk_number "
            "only, and organizations.csv has no KvK numbers (no kvk_number column, or an empty "
            "one); add them to organizations.csv, or give the officers an org_id column; the "
            "same on 1 more row(s): line(s) 3") in result.output, result.output


def test_an_allocation_list_with_the_home_s_and_the_applicant_s_current_address(
        tmp_path: Path) -> None:
    """`Adres` beside `Huidig adres`: the allocated home and where the applicant lives now.
    The applicant's address is the one that says so, and `Huidige postcode` /
    `Huidige woonplaats` are the applicant's; `Postcode woning` stays an extra column."""
    data = write(tmp_path / "data", {
        "contracts.csv": None,
        "allocations.csv":
            "Toewijzingsnummer;Datum toewijzing;Behandelaar;Adres;Postcode woning;"
            "Naam woningzoekende;Huidig adres;Huidige postcode;Huidige woonplaats\n"
            "A1;01-03-2024;E1;Kerkstraat 5;1234 AB;Els Bos;Dorpsweg 12a;3511 XX;Utrecht\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    row = ds.frame("allocations").iloc[0]
    assert (row["applicant_street"], row["applicant_house_number"],
            row["applicant_postcode"], row["applicant_city"]) == (
        "Dorpsweg", "12", "3511XX", "Utrecht"), row.to_dict()


def test_register_statuses_and_kinds_as_side_function_registers_write_them(
        tmp_path: Path) -> None:
    """A side-function register writes `Toestemming verleend`, `ja`/`nee`, `Goedgekeurd
    door directie`, `Bijbaan`, `Bestuurder bij Stichting X`: read as the status and kind
    they say (a value with a remark after it with a warning naming the word read), not
    reported as unknown."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n",
        "declarations.csv": "declaration_id;employee_id;org_id;kind;status\n"
                            "M1;E1;O1;nevenfunctie;Toestemming verleend\n"
                            "M2;E1;O1;bijbaan;ja\nM3;E1;O1;aandelen;nee\n"
                            "M4;E1;O1;Bestuurder bij Stichting X;Goedgekeurd door directie\n"
                            "M5;E1;O1;zzp'er;geen toestemming\n"
                            "M6;E1;O1;nevenfunctie;niet goedgekeurd door directie\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("declarations").set_index("declaration_id")
    assert frame["status"].to_dict() == {"M1": "approved", "M2": "approved", "M3": "rejected",
                                         "M4": "approved", "M5": "rejected", "M6": "rejected"}
    assert frame["kind"].to_dict() == {"M1": "side_function", "M2": "side_function",
                                       "M3": "financial_interest", "M4": "side_function",
                                       "M5": "own_business", "M6": "side_function"}
    said = messages(ds, "declarations")
    assert ("declarations.csv:5: status: 'Goedgekeurd door directie' is read as approved "
            "('goedgekeurd'); correct the spelling if that is not meant (warning)") in said, said


def test_ids_that_went_through_a_float_column_are_read_as_the_number(tmp_path: Path) -> None:
    """A database or pandas export writes a numeric id from a float column as `123.0`:
    read as employee `000123` (with the written-differently warning), where the separator
    used to be dropped (`1230`), so the handler was unknown or another employee.  A
    thousands group (`1.000`) stays a thousand."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name\n000123;Jan Jansen\n1000;Piet Bakker\n1230;Els Bos\n",
        "organizations.csv": "org_id;name\n00042;X B.V.\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "D1;42.0;01-03-2024;123.0;1.000\nD2;00042;02-03-2024;123,00;1230\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("contracts").set_index("decision_id")
    assert frame["handled_by"].to_dict() == {"D1": "000123", "D2": "000123"}
    assert frame["approved_by"].to_dict() == {"D1": "1000", "D2": "1230"}
    assert frame["org_id"].to_dict() == {"D1": "00042", "D2": "00042"}


def test_sap_s_year_first_dates_with_dots_are_read(tmp_path: Path) -> None:
    """SAP's YYYY.MM.DD date setting: read, and an impossible one reported."""
    data = write(tmp_path / "data", {
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;2024.03.01;E1\nD2;O1;2024.12.31;E1\nD3;O1;2024.13.01;E1\n"})
    ds = read_dataset(data)
    dates = ds.frame("contracts").set_index("decision_id")["decision_date"]
    assert {k: str(v)[:10] for k, v in dates.items()} == {"D1": "2024-03-01",
                                                          "D2": "2024-12-31"}
    [error] = ds.errors
    assert (error.line, error.column) == (4, "decision_date")


def test_a_name_on_a_row_without_its_id_names_no_one(tmp_path: Path) -> None:
    """An employee or supplier row without its id (refused there) still has a name; a
    handler, relative or supplier written by that name used to be read as the id 'nan'
    and then stopped the read with a ValueError (found by fuzzing).  It is an unknown id."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name\nE1;Piet Bakker\n;Jan de Vries\n",
        "organizations.csv": "org_id;name\nO1;X B.V.\n;Bouwbedrijf Y B.V.\n",
        "relatives.csv": "relative_id;employee_id;relation;name\nR1;Jan de Vries;child;Kim\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "D1;Bouwbedrijf Y;01-03-2024;E1;J. de Vries\n"})
    ds = read_dataset(data)
    said = [p.format() for p in ds.problems]
    assert "nan" not in " ".join(said), said
    assert any("approved_by 'J. de Vries' is not found" in m for m in said), said
    assert any("org_id 'Bouwbedrijf Y' is not found" in m for m in said), said
    assert any("employee_id 'Jan de Vries' is not found" in m for m in said), said


def test_an_allocation_list_with_a_row_per_person_of_the_household(tmp_path: Path) -> None:
    """An allocation system exports a letting a row per person: the second person of one
    letting (same home, date and handler) is its co-applicant, so the handler applying as
    the partner is found (allocation_to_self); a third person is told and counted as not
    checked; the same number with another home stays a duplicate-id error."""
    head = ("decision_id;decision_date;handled_by;unit_id;applicant_name;"
            "applicant_birth_date\n")
    data = write(tmp_path / "data", {
        "contracts.csv": None,
        "employees.csv": "employee_id;name;birth_date\nE1;Jan de Vries;01-02-1980\n"
                         "E2;Els Bos;03-04-1975\n",
        "allocations.csv": head +
            "A1;01-03-2024;E1;VHE1;Petra Smit;05-06-1982\n"
            "A1;01-03-2024;E1;VHE1;Jan de Vries;01-02-1980\n"
            "A1;01-03-2024;E1;VHE1;Kim Smit;07-08-2010\n"
            "A2;02-03-2024;E2;VHE2;Ali Yilmaz;09-10-1990\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("allocations")
    assert frame["decision_id"].tolist() == ["A1", "A2"]
    first = frame.iloc[0]
    assert (first["applicant_name"], first["co_applicant_name"],
            first["co_applicant_birth_date"].strftime("%Y-%m-%d")) == (
        "Petra Smit", "Jan de Vries", "1980-02-01")
    said = messages(ds, "allocations")
    assert ("allocations.csv:3: decision_id: decision_id 'A1' also appears on line 2 with "
            "another person of the household ('Jan de Vries'): read as that allocation's "
            "co-applicant (warning)") in said, said
    assert any(m.startswith("allocations.csv:4: decision_id: decision_id 'A1' also appears on "
                            "line 2, which has an applicant and a co-applicant already")
               for m in said), said
    [source] = ds.tables["allocations"].sources
    assert (source.rows_read, source.rows_used, source.rows_skipped) == (4, 2, 2)
    result = scan(data, tmp_path / "run", "--lang", "en", "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    found = json.loads((tmp_path / "run" / "findings.json").read_text())
    rows = found["findings"] if isinstance(found, dict) else found
    assert [(f["rule"], f["subject_id"]) for f in rows if f.get("decision_id") == "A1"] == [
        ("allocation_to_self", "E1")], rows
    # the same number for another home is another decision: still an error
    other = read_dataset(write(tmp_path / "other", {
        "contracts.csv": None,
        "allocations.csv": head + "A1;01-03-2024;E1;VHE1;Petra Smit;\n"
                                  "A1;01-03-2024;E1;VHE9;Jan Bakker;\n"}))
    assert [(p.line, p.column) for p in other.errors] == [(3, "decision_id")]


def test_purchasing_exports_without_a_kind_column_are_what_their_number_or_name_says(
        tmp_path: Path) -> None:
    """An ERP exports invoices, orders and contracts as lists of their own, without a kind
    column: the number column (`Factuurnummer`) or else the file name (`Inkooporders`)
    says what the rows are, with a warning per file; a file that says nothing is read as
    contracts, the default, without one."""
    (tmp_path / "data" / "inkoop").mkdir(parents=True)
    data = write(tmp_path / "data", {
        "contracts.csv": None,
        "contracten.csv": "Contractnummer;Crediteur;Datum;Behandelaar\nC1;O1;01-01-2024;E1\n",
        "facturen.csv": "Factuurnummer;Crediteur;Factuurdatum;Behandelaar\nF1;O1;01-03-2024;E1\n",
        "inkoop/orders_2024.csv": "Documentnummer;Crediteur;Datum;Behandelaar\nP1;O1;01-02-2024;E1\n",
        "inkoop/export.csv": "Documentnummer;Crediteur;Datum;Behandelaar\nX1;O1;01-02-2024;E1\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    kinds = ds.frame("contracts").set_index("decision_id")["kind"].to_dict()
    assert kinds == {"C1": "contract", "F1": "invoice", "P1": "purchase_order",
                     "X1": "contract"}, kinds
    told = sorted(p.file for p in ds.problems if p.column == "kind")
    assert told == ["facturen.csv", "inkoop/orders_2024.csv"], told
    alone = read_dataset(write(tmp_path / "alone", {
        "contracts.csv": None,
        "Inkoopfacturen 2024.csv": "Documentnummer;Crediteur;Datum;Behandelaar\nF1;O1;01-03-2024;E1\n"}))
    assert alone.frame("contracts")["kind"].tolist() == ["invoice"]
    assert any(p.column == "kind" and "read as invoice" in p.message for p in alone.problems)


def test_an_approval_flow_s_numbered_steps_are_the_two_approvers() -> None:
    """`Akkoord 1` / `Akkoord 2`, `Paraaf 1` / `Paraaf 2`: the steps of an ERP's approval
    flow; alone, `Akkoord` (often ja/nee) names no approver."""
    contracts = TABLES["contracts"]
    assert resolve_headers(contracts, ["Akkoord 1", "Akkoord 2"])[0] == [
        "approved_by", "second_approved_by"]
    assert resolve_headers(contracts, ["Paraaf 1", "Paraaf 2"])[0] == [
        "approved_by", "second_approved_by"]
    assert resolve_headers(contracts, ["Akkoord", "Fiatteur"])[0] == [None, "approved_by"]


def test_an_approver_cell_naming_both_approvers_fills_in_the_second(tmp_path: Path) -> None:
    """`E2, E3` in the approver column (an ERP's two-step approval in one field): E2 is
    the approver and E3 the second approver, so a conflict of E3 is looked for; with a
    second approver already there, or three ids, the first is read and the rest told as
    not checked."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name\nE1;Jan de Vries\nE2;Piet Bakker\nE3;Els Bos\n"
                         "E4;Kim Smit\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by;"
                         "second_approved_by\n"
                         "D1;O1;01-03-2024;E1;E2, E3;\nD2;O1;02-03-2024;E1;E2, E3;E4\n"
                         "D3;O1;03-03-2024;E1;E2 / E3 / E4;\n"})
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("contracts").set_index("decision_id")
    assert frame["approved_by"].to_dict() == {"D1": "E2", "D2": "E2", "D3": "E2"}
    second = {k: v if isinstance(v, str) else None
              for k, v in frame["second_approved_by"].items()}
    assert second == {"D1": "E3", "D2": "E4", "D3": None}
    said = messages(ds, "contracts")
    assert ("contracts.csv:2: approved_by: approved_by 'E2, E3' names 2 ids of employees.csv "
            "(column employee_id): the first, 'E2', is read as approved_by, the second, 'E3', "
            "as second_approved_by (warning)") in said, said
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "de tweede, 'E3', als second_approved_by" in result.output, result.output
