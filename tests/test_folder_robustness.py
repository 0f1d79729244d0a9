"""A data folder as HR, ERP and allocation systems leave it: a file named for one table
whose header is another's, monthly exports that overlap, an empty file copied while it was
written, a workbook that hides a sheet or rows (.xlsx, .ods, .xls).  Every file is read as
what it is, or said why not; every row is accounted for (read = used + skipped)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from coi_graph.cli_text import problem_line
from ingest import read_dataset
from ingest.read_files import _table_of_header, table_of_columns, tables_of_columns

EMPLOYEES = "employee_id;name;birth_date\nE1;Jan de Vries;1970-01-02\nE2;Piet Jansen;1980-03-04\n"
ORGANIZATIONS = "org_id;name;kvk_number\nO1;Bouwbedrijf X B.V.;12345678\n"
CONTRACTS = ("decision_id;org_id;decision_date;handled_by;amount_eur\n"
             "D1;O1;2024-03-01;E1;1.000,00\nD2;O1;2024-03-02;E2;2.000,00\n")
RELATIVES = "relative_id;employee_id;name;relation\nR1;E1;Marie de Vries;partner\n"
HEADER = "decision_id;org_id;decision_date;handled_by;amount_eur\n"


def write(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """The three required tables, with ``files`` over them (``None`` leaves one out)."""
    folder.mkdir(parents=True, exist_ok=True)
    every = {"employees.csv": EMPLOYEES, "organizations.csv": ORGANIZATIONS,
             "contracts.csv": CONTRACTS, **files}
    for name, content in every.items():
        if content is None:
            continue
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    return folder


def about(ds, file: str) -> list:
    return [p for p in ds.problems if p.file == file]


def accounted(ds) -> None:
    """read = used + skipped, per file of every table."""
    for table in ds.tables.values():
        for src in table.sources:
            assert src.rows_used + src.rows_skipped == src.rows_read, src


# -- one rule: which table is this header? ------------------------------------------------

def test_the_rule_which_table_a_header_is_at_its_edges() -> None:
    """At least three columns, every required one (a relative's id is made when absent),
    one of each group of which one is needed; the most columns wins; a tie is no table."""
    relatives = {"employee_id", "name", "relation"}  # no relative_id: made from the others
    assert table_of_columns({"relatives": relatives, "employees": {"employee_id", "name"}}) \
        == "relatives"
    # two columns are too few, however required
    assert table_of_columns({"employees": {"employee_id", "name"}}) is None
    # a required column missing
    assert table_of_columns({"contracts": {"decision_id", "org_id", "decision_date"}}) is None
    # one of org_id / org_name / kvk_number is needed too
    assert table_of_columns({"declarations": {"declaration_id", "employee_id", "kind"}}) is None
    assert table_of_columns({"declarations": {"declaration_id", "employee_id", "kind",
                                              "org_name"}}) == "declarations"
    # a tie: no table (the user is asked); tables_of_columns names both
    tie = {"organizations": {"org_id", "name", "kvk_number"},
           "officers": {"org_id", "name", "kvk_number"}}
    assert table_of_columns(tie) is None
    assert tables_of_columns(tie) == ["organizations", "officers"]
    # more columns of one table wins over another that qualifies too
    assert table_of_columns({**tie, "organizations": {"org_id", "name", "kvk_number",
                                                      "city"}}) == "organizations"


def test_an_export_named_by_its_system_uses_the_same_rule(tmp_path: Path) -> None:
    """``_table_of_header`` (an export named ``export_....csv``) places a relatives export
    without relative ids, and no file whose header ties two tables."""
    rel = tmp_path / "export_1.csv"
    rel.write_text("Personeelsnummer;Naam;Relatie\nE1;Marie;partner\n", encoding="utf-8")
    assert _table_of_header(rel, ["employees", "relatives"]) == "relatives"
    tie = tmp_path / "export_2.csv"
    tie.write_text("org_id;name;kvk_number\nO1;X;12345678\n", encoding="utf-8")
    assert _table_of_header(tie, ["organizations", "officers"]) is None


# -- a file named for one table whose header is another's ---------------------------------

def test_a_relatives_export_saved_as_employees_csv_is_said_not_read_as_staff(
        tmp_path: Path) -> None:
    """Its header holds employee_id and name, employees' required columns: its rows were
    read as employees without a word (a relative became the employee E1).  Now one error
    names the table its header is and what to do, in English and Dutch."""
    ds = read_dataset(write(tmp_path / "d", {"employees.csv": RELATIVES}))
    [problem] = about(ds, "employees.csv")
    assert problem.level == "error" and problem.action == "refuse_file"
    assert "header is that of relatives (relative_id, employee_id, relation, name)" in \
        problem.message
    assert "rename it after its table (relatives.csv)" in problem.message
    assert "mapping.yaml" in problem.message
    assert ds.tables["employees"].rows_read == 0  # not read as staff
    dutch = problem_line(problem, "nl")
    assert "de kopregel van dit bestand is die van relatives" in dutch
    assert "hernoem het naar zijn tabel (relatives.csv)" in dutch
    accounted(ds)


def test_a_header_of_two_tables_named_after_a_third_names_both(tmp_path: Path) -> None:
    """``org_id; name; kvk_number`` is organizations' or officers': saved as relatives.csv
    it was three "required column missing" errors; now one error names both tables."""
    ds = read_dataset(write(tmp_path / "d", {"relatives.csv": ORGANIZATIONS}))
    [problem] = about(ds, "relatives.csv")
    assert "header is that of organizations / officers" in problem.message
    assert "(organizations.csv / officers.csv)" in problem.message
    assert "required column" not in problem.message
    assert "organizations / officers" in problem_line(problem, "nl")


def test_a_relatives_export_among_the_staff_files_is_refused_alone(tmp_path: Path) -> None:
    """Beside medewerkers.csv, a relatives export named employees_2.csv was read as more
    staff (its E1 a duplicate id with other values); now it is refused with one error and
    the staff list is read."""
    ds = read_dataset(write(tmp_path / "d", {"employees.csv": None, "medewerkers.csv": EMPLOYEES,
                                             "employees_2.csv": RELATIVES}))
    [problem] = about(ds, "employees_2.csv")
    assert "a file of another table among the files of employees" in problem.message
    assert not about(ds, "medewerkers.csv")
    assert ds.frame("employees")["name"].tolist() == ["Jan de Vries", "Piet Jansen"]


def test_an_employees_file_that_ties_or_is_mapped_is_read_as_named(tmp_path: Path) -> None:
    """A staff list with a relation column as many columns as a relatives list is read as
    staff (no other table stands out); so is a file the mapping file lists as staff."""
    tie = "employee_id;name;relation;department\nE1;Jan de Vries;partner;Inkoop\nE2;Piet;;Wonen\n"
    ds = read_dataset(write(tmp_path / "a", {"employees.csv": tie}))
    assert not about(ds, "employees.csv")
    assert ds.tables["employees"].rows_read == 2
    people = "relative_id;employee_id;name;relation\nR1;E1;Jan de Vries;zelf\nR2;E2;Piet;zelf\n"
    mapped = write(tmp_path / "b", {"employees.csv": None, "personen.csv": people,
                                    "mapping.yaml": "tables:\n  employees:\n"
                                                    "    files: [personen.csv]\n"})
    ds = read_dataset(mapped)
    assert not [p for p in ds.problems if p.level == "error"], ds.problems
    assert ds.tables["employees"].rows_read == 2


# -- several files per table: overlapping exports -------------------------------------------

def test_monthly_exports_that_overlap(tmp_path: Path) -> None:
    """The same row in January's and February's export is used once with a warning; the
    same decision number with another amount is an error naming both places: it was read
    as a second line of the order, its amounts added up (200 + 250)."""
    data = write(tmp_path / "d", {"contracts.csv": None,
                                  "contracts_2024-01.csv": HEADER + "D1;O1;2024-01-05;E1;100\n"
                                                                    "D2;O1;2024-01-06;E2;200\n",
                                  "contracts_2024-02.csv": HEADER + "D1;O1;2024-01-05;E1;100\n"
                                                                    "D2;O1;2024-01-06;E2;250\n"
                                                                    "D3;O1;2024-02-06;E2;300\n"})
    ds = read_dataset(data)
    feb = {p.line: p for p in about(ds, "contracts_2024-02.csv")}
    # said once for the file, with the first such row (an overlap of thousands of rows is
    # one line, not thousands)
    assert feb[None].level == "warning" and feb[None].message.startswith("1 row(s) are ")
    assert "the first on line 2" in feb[None].message
    assert "identical to contracts_2024-01.csv line 2" in feb[None].message
    assert feb[3].level == "error"
    assert "also appears on contracts_2024-01.csv line 3 with other values in amount_eur" in \
        feb[3].message
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["D1", "D2", "D3"]
    assert frame["amount_eur"].tolist() == [100.0, 200.0, 300.0]
    sources = {s.file: (s.rows_read, s.rows_used, s.rows_skipped)
               for s in ds.tables["contracts"].sources}
    assert sources == {"contracts_2024-01.csv": (2, 2, 0), "contracts_2024-02.csv": (3, 1, 2)}
    accounted(ds)


def test_order_lines_in_one_file_are_still_one_decision(tmp_path: Path) -> None:
    """Within one export, rows of one order number are its lines (summed), as before."""
    lines = HEADER + "D1;O1;2024-01-05;E1;100\nD1;O1;2024-01-05;E1;50\n"
    ds = read_dataset(write(tmp_path / "d", {"contracts.csv": None,
                                             "contracts_2023.csv": HEADER + "D9;O1;2023-01-05;E1;1\n",
                                             "contracts_2024.csv": lines}))
    assert dict(zip(ds.frame("contracts")["decision_id"], ds.frame("contracts")["amount_eur"])) \
        == {"D9": 1.0, "D1": 150.0}


# -- a file that holds nothing --------------------------------------------------------------

@pytest.mark.parametrize("name, content", [("employees.csv", b""),
                                           ("contracts_2.xlsx", b""),
                                           ("contracts_2.csv", b"\xef\xbb\xbf\r\n\r\n")])
def test_an_empty_file_is_said(tmp_path: Path, name: str, content: bytes) -> None:
    """A 0-byte file (copied while it was written, a failed export) was read as an empty
    table without a word (or, as .xlsx, called a damaged workbook)."""
    ds = read_dataset(write(tmp_path / "d", {name: content}))
    [problem] = [p for p in about(ds, name) if "empty" in p.message]
    assert problem.level == "warning"
    assert problem.message.startswith("the file is empty (0 bytes, or blank lines only)")
    assert "het bestand is leeg" in problem_line(problem, "nl")
    assert not [p for p in about(ds, name) if p is not problem]
    accounted(ds)


# -- workbooks: hidden sheets and hidden rows ----------------------------------------------

ROWS = [line.split(";") for line in CONTRACTS.strip().split("\n")]


def test_a_hidden_sheet_that_is_read_is_said(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "2024"
    for row in ROWS:
        wb.active.append(row)
    old = wb.create_sheet("2023")
    for row in [ROWS[0], ["D9", "O1", "2023-03-01", "E1", "5"]]:
        old.append(row)
    old.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    ds = read_dataset(write(tmp_path / "d", {"contracts.csv": None,
                                             "contracts.xlsx": buf.getvalue()}))
    [hidden] = [p for p in ds.problems if "hidden" in p.message]
    assert hidden.file == "contracts.xlsx[2023]" and hidden.level == "warning"
    assert "sheet '2023' is hidden in the workbook" in hidden.message
    assert "blad '2023' is verborgen" in problem_line(hidden, "nl")
    assert ds.tables["contracts"].rows_read == 3


def _ods_with_hidden_row() -> bytes:
    from test_ingest_ods import ods

    plain = zipfile.ZipFile(io.BytesIO(ods({"Blad1": ROWS})))
    content = plain.read("content.xml").decode()
    second = content.index("<table:table-row>", content.index("<table:table-row>") + 1)
    content = (content[:second] + '<table:table-row table:visibility="filter">'
               + content[second + len("<table:table-row>"):])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in plain.namelist():
            out.writestr(name, content if name == "content.xml" else plain.read(name))
    return buf.getvalue()


def _xls_with_hidden_row() -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Blad1")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    ws.row(2).hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name, make, line", [("contracts.ods", _ods_with_hidden_row, 2),
                                              ("contracts.xls", _xls_with_hidden_row, 3)])
def test_hidden_rows_are_said_in_ods_and_xls_too(tmp_path: Path, name: str, make, line: int
                                                 ) -> None:
    """Hidden rows were warned in .xlsx only; a filtered .ods or .xls read them silently."""
    ds = read_dataset(write(tmp_path / "d", {"contracts.csv": None, name: make()}))
    [hidden] = [p for p in about(ds, name) if "hidden" in p.message]
    assert f"1 row(s) are hidden in the workbook (line(s) {line}:" in hidden.message
    assert ds.tables["contracts"].rows_read == 2


# -- files in the folder that are not read ---------------------------------------------------

def test_every_file_not_read_is_listed_with_why(tmp_path: Path) -> None:
    """A .pdf, .docx, notes in .txt, a file in a sub-folder of no table were passed over
    without a word; now the scan's summary, coi validate and run.json list them with why.
    Excel's lock files, .DS_Store and Thumbs.db are counted, not listed as warnings."""
    import json

    from click.testing import CliRunner

    from coi_graph.cli import main

    data = write(tmp_path / "d", {"handleiding.pdf": b"%PDF-1.4", "memo.docx": b"PK\x03\x04",
                                  "notities.txt": "bel leverancier\n", "stuff/readme.md": "x",
                                  "~$employees.xlsx": b"lock", ".DS_Store": b"x",
                                  "Thumbs.db": b"x", "export.zip": b"PK\x05\x06" + b"\0" * 18})
    ds = read_dataset(data)
    listed = {f.file: f for f in ds.files_not_read}
    assert set(listed) == {"handleiding.pdf", "memo.docx", "notities.txt", "stuff/readme.md",
                           "~$employees.xlsx", ".DS_Store", "Thumbs.db", "export.zip"}
    assert {f for f, item in listed.items() if item.system} == {
        "~$employees.xlsx", ".DS_Store", "Thumbs.db"}
    assert listed["handleiding.pdf"].why.startswith("no table file (.pdf)")
    assert listed["export.zip"].why.startswith("not read: a .zip archive")
    # no warning more than before: the documents are listed, not warned of
    assert [p.file for p in ds.warnings] == ["export.zip"]

    out = tmp_path / "run"
    scan = CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "--lang", "en"])
    assert scan.exit_code == 0, scan.output
    assert "Files in the folder that were not read: 5" in scan.output
    assert "  memo.docx: no table file (.docx)" in scan.output
    assert "System files passed over (Excel's lock files ~$, .DS_Store, Thumbs.db, hidden " \
           "files): 3" in scan.output
    run = json.loads((out / "run.json").read_text())
    assert {f["file"] for f in run["files_not_read"]} == set(listed)
    assert {"file": "Thumbs.db", "why": "a Windows thumbnail cache (Thumbs.db)",
            "system": True} in run["files_not_read"]

    dutch = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "Bestanden in de map die niet zijn gelezen: 4" in dutch.output  # zip: a warning
    assert "  handleiding.pdf: geen tabelbestand (.pdf)" in dutch.output
    assert "Systeembestanden overgeslagen" in dutch.output



def test_a_windows_1252_file_name_is_read_and_shown(tmp_path: Path) -> None:
    """A name with a Windows-1252 byte (``é`` from a zip made on Windows) was read, but
    writing run.json raised UnicodeEncodeError (a traceback); now it is shown as ``é``."""
    import json
    import os

    from click.testing import CliRunner

    from coi_graph.cli import main

    data = write(tmp_path / "d", {"contracts.csv": None})
    with open(os.fsencode(data) + b"/contracts_\xe9.csv", "wb") as fh:
        fh.write(CONTRACTS.encode())
    with open(os.fsencode(data) + b"/toelichting_\xe9.pdf", "wb") as fh:
        fh.write(b"%PDF")
    out = tmp_path / "run"
    res = CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["inputs"]["contracts"]["file"] == "contracts_é.csv"
    assert run["inputs"]["contracts"]["files"][0]["file"] == "contracts_é.csv"
    assert [f["file"] for f in run["files_not_read"]] == ["toelichting_é.pdf"]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_workbook_saved_under_a_csv_name_is_read_as_the_workbook(tmp_path: Path, kind: str
                                                                   ) -> None:
    """An .xlsx or .xls named ``contracts.csv`` was refused ("rename it"); it is read as the
    workbook it is, with a warning to rename it, as a CSV named .xlsx is read as CSV."""
    if kind == "xlsx":
        wb = openpyxl.Workbook()
        for row in ROWS:
            wb.active.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        content = buf.getvalue()
    else:
        import xlwt

        book = xlwt.Workbook()
        ws = book.add_sheet("Blad1")
        for r, row in enumerate(ROWS):
            for c, value in enumerate(row):
                ws.write(r, c, value)
        buf = io.BytesIO()
        book.save(buf)
        content = buf.getvalue()
    ds = read_dataset(write(tmp_path / "d", {"contracts.csv": content}))
    [problem] = about(ds, "contracts.csv")
    assert problem.level == "warning"
    assert problem.message == (f"the file is an Excel .{kind} workbook, not .csv text: it is "
                               f"read as the workbook; give it the .{kind} name")
    assert f"geef het de naam .{kind}" in problem_line(problem, "nl")
    assert ds.frame("contracts")["decision_id"].tolist() == ["D1", "D2"]


def test_the_same_file_twice_is_read_once_with_one_warning(tmp_path: Path) -> None:
    """``contracten.csv`` and ``contracten (1).csv``, byte for byte the same, gave a warning
    per row (a million for a large export); now one warning on the copy, its rows counted
    as skipped (read = used + skipped per file and for the table), rows cited as before."""
    big = HEADER + "".join(f"D{i};O1;2024-03-01;E1;{i}\n" for i in range(1, 201))
    data = write(tmp_path / "d", {"contracts.csv": None, "contracten.csv": big,
                                  "contracten (1).csv": big})
    ds = read_dataset(data)
    # the original is read, though "contracten (1).csv" comes first in name order
    [problem] = ds.problems
    assert problem.file == "contracten (1).csv" and problem.level == "warning"
    assert problem.message.startswith("this file is identical to contracten.csv (the "
                                      "same content, byte for byte): it is not read again; "
                                      "its 200 row(s) are used once, from contracten.csv")
    assert "dit bestand is gelijk aan contracten.csv" in problem_line(problem, "nl")
    table = ds.tables["contracts"]
    assert (table.rows_read, len(table.frame), table.rows_skipped) == (400, 200, 200)
    assert table.skipped_reasons == {"identical file (read once)": 200}
    assert [(s.file, s.rows_read, s.rows_used, s.rows_skipped) for s in table.sources] == [
        ("contracten.csv", 200, 200, 0), ("contracten (1).csv", 200, 0, 200)]
    accounted(ds)
    line = int(table.frame["_line"].iloc[-1])
    assert ds.cite("contracts", line) == "contracts:contracten.csv:201"
    assert ds.cited_line("contracts:contracten.csv:201") == ("contracts", line)


def _workbook(sheets: dict[str, list[list[str]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_second_sheet_with_data_is_named_and_empty_sheets_are_not(tmp_path: Path) -> None:
    """A workbook with notes on a second sheet said "the workbook has 2 sheets" without
    naming the sheet not read; Excel's empty Blad2 and Blad3 gave that warning too."""
    ds = read_dataset(write(tmp_path / "a", {"contracts.csv": None, "contracts.xlsx": _workbook(
        {"Blad1": ROWS, "Blad2": [], "Blad3": []})}))
    assert not about(ds, "contracts.xlsx")
    ds = read_dataset(write(tmp_path / "b", {"contracts.csv": None, "contracts.xlsx": _workbook(
        {"Blad1": ROWS, "Notities": [["bel Jan"], ["morgen"]]})}))
    [problem] = about(ds, "contracts.xlsx")
    assert problem.message == ("sheet 'Blad1' is read; the other sheets with data are not "
                               "read: 'Notities' (choose another with --sheet or in "
                               "mapping.yaml)")
    assert "de andere bladen met gegevens worden niet gelezen: 'Notities'" in \
        problem_line(problem, "nl")


def test_a_folder_full_of_documents_is_summed_up_in_the_scan_and_listed_by_validate(
        tmp_path: Path) -> None:
    """The scan's summary shows 20 files not read and counts the rest (run.json lists all);
    coi validate lists every one."""
    import json

    from click.testing import CliRunner

    from coi_graph.cli import main

    data = write(tmp_path / "d", {f"scan_{i:02}.pdf": b"%PDF" for i in range(25)})
    out = tmp_path / "run"
    scan = CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "--lang", "en"])
    assert scan.exit_code == 0, scan.output
    assert scan.output.count("  scan_") == 20
    assert "  ... and 5 more (run.json lists them all)" in scan.output
    assert len(json.loads((out / "run.json").read_text())["files_not_read"]) == 25
    checked = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert checked.output.count("  scan_") == 25
    assert "Bestanden in de map die niet zijn gelezen: 25" in checked.output


def test_files_not_read_past_the_listing_limit_are_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At most _NOT_READ_LISTED files are listed (a program's tree copied into the folder);
    the rest were dropped without a word.  They are counted in run.json and the summary."""
    import json

    from click.testing import CliRunner

    from coi_graph.cli import main
    from ingest import read_folder

    monkeypatch.setattr(read_folder, "_NOT_READ_LISTED", 4)
    data = write(tmp_path / "d", {f"scan_{i:02}.pdf": b"%PDF" for i in range(7)})
    out = tmp_path / "run"
    scan = CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "--lang", "en"])
    assert scan.exit_code == 0, scan.output
    run = json.loads((out / "run.json").read_text())
    assert (len(run["files_not_read"]), run["files_not_read_unlisted"]) == (4, 3)
    assert "Files in the folder that were not read: 7" in scan.output
    assert "  ... and 3 more not listed anywhere one by one" in scan.output
    checked = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert "  ... en nog 3 die nergens afzonderlijk worden genoemd" in checked.output


def test_a_folder_with_only_a_zip_says_the_zip_when_it_refuses(tmp_path: Path) -> None:
    """The exports delivered in a zip: the refusal said only "required file missing: put
    employees.csv in the folder"; now it also names the zip and says to unpack it."""
    from click.testing import CliRunner

    from coi_graph.cli import main

    data = tmp_path / "d"
    data.mkdir()
    with zipfile.ZipFile(data / "export.zip", "w") as archive:
        archive.writestr("employees.csv", EMPLOYEES)
    res = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "r"),
                                    "--lang", "en"])
    assert res.exit_code == 2
    assert ("Files in the folder that were not read; one of them may hold what is missing:\n"
            "export.zip: not read: a .zip archive; unpack its files") in res.output
    dutch = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "r2")])
    assert "een ervan bevat misschien wat ontbreekt:\nexport.zip: niet gelezen: een .zip-archief" \
        in dutch.output


@pytest.mark.parametrize("name, kind", [("contracts", "no extension"),
                                        ("contracten.csv.crdownload", ".csv.crdownload"),
                                        ("Medewerkers.numbers", ".numbers")])
def test_a_file_named_as_a_table_in_no_table_format_is_warned(tmp_path: Path, name: str,
                                                              kind: str) -> None:
    """``contracts`` without extension, a download that did not finish, a Numbers file:
    named as a table's file, but passed over without a word (so "no decisions to check"
    or "required file missing" was all that was said); a note named otherwise
    (``contracten toelichting.pdf``) is listed, not warned."""
    from click.testing import CliRunner

    from coi_graph.cli import main

    data = write(tmp_path / "d", {"contracts.csv": None, name: CONTRACTS,
                                  "contracten toelichting.pdf": b"%PDF"})
    ds = read_dataset(data)
    [problem] = about(ds, name)
    assert problem.level == "warning"
    assert problem.message.startswith("is named as the file of table ")
    assert f"but is no table file ({kind}); it is not read" in problem.message
    assert "maar is geen tabelbestand" in problem_line(problem, "nl")
    assert not about(ds, "contracten toelichting.pdf")
    res = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "r"),
                                    "--lang", "en"])
    assert res.exit_code == 2
    assert f"one of them may hold what is missing:\n{name}: is named as the file" in res.output


def test_close_header_finds_what_the_full_search_finds() -> None:
    """close_header looks only at synonyms within one letter of the header's length that
    share enough of its start and end (a cheap test before the edit distance, so that
    asking every table about a header is cheap): the same answers as trying every synonym."""
    import random

    from ingest import header_mapping as hm
    from ingest.enum_synonyms import edit_distance
    from ingest.tables import TABLES

    def every_synonym(spec, key: str):
        if len(key) < 8:
            return None
        found: dict[str, str] = {}
        for synonym, column in hm._INDEX[spec.name].items():
            if abs(len(synonym) - len(key)) <= 1 and edit_distance(key, synonym, 2) <= 1:
                found.setdefault(column, synonym)
        return next(iter(found.items())) if len(found) == 1 else None

    rnd = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = 0
    for spec in TABLES.values():
        for word in rnd.sample([s for s in hm._INDEX[spec.name] if len(s) >= 8], 4):
            i = rnd.randrange(len(word))
            for key in (word, word[:i] + word[i + 1:], word[:i] + rnd.choice(letters) + word[i:],
                        word[:i] + rnd.choice(letters) + word[i + 1:],
                        word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:]):
                for other in (spec, TABLES["employees"]):
                    expected = every_synonym(other, key)
                    found += expected is not None
                    assert hm.close_header(other, key) == expected, (other.name, key)
    assert found > 20
