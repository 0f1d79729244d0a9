"""Reading files as exports really look: encodings, delimiters, quoting, xlsx, broken files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ingest import read_dataset, validate
from ingest.model import Dataset, Problem

EMPLOYEES = "employee_id,name\nE1,Jan de Vries\nE2,Petra de Vries\n"
ORGANIZATIONS = "org_id,name,kvk_number\nO1,Bouwbedrijf X,12345678\n"
CONTRACTS = "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E1\n"


def make_folder(tmp_path: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A data folder with a minimal valid dataset, with ``files`` replacing or adding files
    (``None`` removes one).  ``str`` is written as UTF-8."""
    content: dict[str, str | bytes | None] = {
        "employees.csv": EMPLOYEES,
        "organizations.csv": ORGANIZATIONS,
        "contracts.csv": CONTRACTS,
    }
    content.update(files or {})
    for name, text in content.items():
        if text is None:
            continue
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return tmp_path


def errors_of(ds: Dataset) -> list[Problem]:
    return [p for p in ds.problems if p.level == "error"]


# ------------------------------------------------------------------ encodings


def test_cp1252_file_with_accents_and_euro(tmp_path: Path) -> None:
    text = (
        "employee_id;name;department\r\n"
        "E1;Émile Çelik;Inkoop\r\n"
        "E2;Jürgen Ünal;Wonen & Zorg\r\n"
    )
    contracts = "decision_id;org_id;decision_date;handled_by;amount_eur\r\nD1;O1;01-03-2024;E1;€ 1.234,56\r\n"
    folder = make_folder(
        tmp_path,
        {
            "employees.csv": text.encode("cp1252"),
            "contracts.csv": contracts.encode("cp1252"),
        },
    )
    ds = read_dataset(folder)
    assert errors_of(ds) == []
    assert ds.tables["employees"].encoding == "cp1252"
    assert ds.tables["employees"].delimiter == ";"
    assert ds.frame("employees")["name"].tolist() == ["Émile Çelik", "Jürgen Ünal"]
    assert ds.frame("contracts")["amount_eur"].tolist() == [1234.56]


def test_utf8_with_bom(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"employees.csv": ("\ufeff" + EMPLOYEES).encode("utf-8")})
    ds = read_dataset(folder)
    assert errors_of(ds) == []
    assert ds.tables["employees"].encoding == "utf-8-sig"
    assert list(ds.frame("employees")["employee_id"]) == ["E1", "E2"]


def test_utf8_without_bom_keeps_diacritics(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"employees.csv": "employee_id,name\nE1,Ünal Çelik\nE2,x\n"})
    ds = read_dataset(folder)
    assert ds.tables["employees"].encoding == "utf-8"
    assert ds.frame("employees")["name"].iloc[0] == "Ünal Çelik"


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    text = "employee_id\tname\r\nE1\tJan\r\nE2\tPetra\r\n"
    folder = make_folder(tmp_path, {"employees.csv": text.encode("utf-16")})
    ds = read_dataset(folder)
    assert errors_of(ds) == []
    assert ds.tables["employees"].delimiter == "\t"
    assert ds.frame("employees")["name"].tolist() == ["Jan", "Petra"]


# ----------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_detected_per_file(tmp_path: Path, delimiter: str) -> None:
    text = EMPLOYEES.replace(",", delimiter)
    folder = make_folder(tmp_path, {"employees.csv": text})
    ds = read_dataset(folder)
    assert errors_of(ds) == []
    assert ds.tables["employees"].delimiter == delimiter
    assert ds.tables["organizations"].delimiter == ","
    assert ds.frame("employees")["name"].tolist() == ["Jan de Vries", "Petra de Vries"]


def test_excel_s_sep_line_names_the_delimiter_and_is_no_title(tmp_path: Path) -> None:
    """Excel writes (and reads) `sep=;` as a first line of its own: it names the delimiter,
    even where the header alone would suggest another, and is neither a title to warn
    about nor a row; a title below it still is one, and line numbers stay the file's."""
    folder = make_folder(tmp_path, {
        "employees.csv": "sep=,\r\nemployee_id,name\r\nE1,Jan de Vries;JdV;J\r\n",
        "contracts.csv": "sep=;\nInkooporders 2024\ndecision_id;org_id;decision_date;"
                         "handled_by\nD1;O1;2024-03-01;E1\n"})
    ds = read_dataset(folder)
    assert errors_of(ds) == [], [p.format() for p in ds.problems]
    assert ds.tables["employees"].delimiter == ","
    assert ds.frame("employees")["name"].tolist() == ["Jan de Vries;JdV;J"]
    assert ds.frame("employees")["_line"].tolist() == [3]
    assert ds.frame("contracts")["_line"].tolist() == [4]
    titles = [p.message for p in ds.problems if "title" in p.message]
    assert titles == [titles[0]] and "Inkooporders 2024" in titles[0] and "sep" not in titles[0]


def test_quoted_delimiter_inside_value(tmp_path: Path) -> None:
    text = 'employee_id;name;department\nE1;"Vries; Jan de";"Inkoop"\nE2;Petra;x\n'
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    assert errors_of(ds) == []
    assert ds.frame("employees")["name"].iloc[0] == "Vries; Jan de"


def test_header_delimiter_counted_outside_quotes(tmp_path: Path) -> None:
    text = 'employee_id;name;"department, team"\nE1;Jan, de Vries;a\nE2;Petra;b\n'
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    assert ds.tables["employees"].delimiter == ";"
    assert "department, team" in ds.frame("employees").columns


# ------------------------------------------------------------ line numbers


def test_quoted_newline_keeps_line_numbers(tmp_path: Path) -> None:
    contracts = (
        "decision_id,org_id,decision_date,handled_by,description\n"
        'D1,O1,2024-03-01,E1,"Onderhoud\nschilderwerk, fase 1\nen 2"\n'
        "D2,O1,31-02-2024,E1,x\n"
        'D3,O1,2024-03-02,E1,"He said ""ok"""\n'
        "D4,O1,2024-03-03,E9,y\n"
    )
    ds = read_dataset(make_folder(tmp_path, {"contracts.csv": contracts}))
    frame = ds.frame("contracts")
    assert frame["_line"].tolist() == [2, 6]
    assert frame["description"].iloc[0] == "Onderhoud\nschilderwerk, fase 1\nen 2"
    assert frame["description"].iloc[1] == 'He said "ok"'
    located = {(p.line, p.column) for p in errors_of(ds)}
    assert located == {(5, "decision_date"), (7, "handled_by")}


def test_crlf_and_quoted_crlf(tmp_path: Path) -> None:
    contracts = (
        "decision_id,org_id,decision_date,handled_by,description\r\n"
        '"D1","O1","2024-03-01","E1","a\r\nb"\r\n'
        '"D2","O1","bad","E1","c"\r\n'
    )
    ds = read_dataset(make_folder(tmp_path, {"contracts.csv": contracts}))
    [problem] = errors_of(ds)
    assert (problem.file, problem.line, problem.column) == ("contracts.csv", 4, "decision_date")


def test_blank_lines_and_empty_delimiter_lines_are_skipped(tmp_path: Path) -> None:
    text = "\n\nemployee_id;name\n\nE1;Jan\n;\n  \nE2;\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    [problem] = errors_of(ds)
    assert (problem.line, problem.column) == (8, "name")
    assert ds.frame("employees")["_line"].tolist() == [5]
    assert ds.tables["employees"].rows_read == 2


def test_row_with_too_many_values(tmp_path: Path) -> None:
    text = "employee_id;name\nE1;Jan\nE2;de Vries; Petra\nE3;Kees;\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    [problem] = errors_of(ds)
    assert (problem.file, problem.line, problem.action) == ("employees.csv", 3, "skip_row")
    assert "3 values" in problem.message and "double quotes" in problem.message
    assert ds.frame("employees")["employee_id"].tolist() == ["E1", "E3"]
    assert ds.tables["employees"].skipped_reasons == {"line does not fit the header": 1}


def test_stray_quote_inside_a_value(tmp_path: Path) -> None:
    text = 'employee_id,name,department\nE1,Jan,5" pipes\nE2,Petra,x\n'
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    assert errors_of(ds) == []
    frame = ds.frame("employees")
    assert frame["department"].tolist() == ['5" pipes', "x"]
    assert frame["_line"].tolist() == [2, 3]


def test_values_stay_text(tmp_path: Path) -> None:
    text = "employee_id,name,department\n007,NA,null\n7,None,N/A\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    frame = ds.frame("employees")
    assert frame["employee_id"].tolist() == ["007", "7"]
    assert frame["name"].tolist() == ["NA", "None"]
    assert frame["department"].tolist() == ["null", "N/A"]


def test_old_mac_line_ends(tmp_path: Path) -> None:
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": EMPLOYEES.replace("\n", "\r")}))
    assert errors_of(ds) == []
    assert ds.frame("employees")["_line"].tolist() == [2, 3]


@pytest.mark.parametrize("end", ["\r\n", "\n"])
def test_a_bare_carriage_return_inside_a_value_is_no_line_end(tmp_path: Path, end: str) -> None:
    """A line break typed by an old Mac program (a bare CR) in an unquoted value: every CSV
    reader ended the line there, so the row came in as two, the second a made-up employee
    whose id was the end of the job title.  Read as a space (inside quotes too, once the
    file has one outside), with a warning naming the lines; the file's own line ends stay
    what they are."""
    text = end.join(["employee_id;name;department", "E1;Jan de Vries;Project\rleider",
                     'E2;Petra;"Wonen\rZorg"', "E3;Kees;Inkoop", ""])
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    assert errors_of(ds) == []
    frame = ds.frame("employees")
    assert frame["employee_id"].tolist() == ["E1", "E2", "E3"]
    assert frame["department"].tolist()[:2] == ["Project leider", "Wonen Zorg"]
    assert frame["_line"].tolist() == [2, 3, 4]
    [warning] = [p for p in ds.problems if "carriage return" in p.message]
    assert (warning.file, warning.level) == ("employees.csv", "warning")
    assert "line(s) 2, 3 " in warning.message


# ------------------------------------------------------------------ columns


def test_column_names_case_and_spaces(tmp_path: Path) -> None:
    text = " Employee_ID ;NAME; Role ;Employee Phone\nE1;Jan;Manager;x\nE2;Petra;;y\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    assert errors_of(ds) == []
    frame = ds.frame("employees")
    assert frame["role"].tolist() == ["manager", "employee"]
    assert frame["employee phone"].tolist() == ["x", "y"]  # extra column, lower-cased


def test_extra_columns_kept(tmp_path: Path) -> None:
    text = "employee_id,name,Kostenplaats \nE1,Jan,K100\nE2,Petra,\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    frame = ds.frame("employees")
    assert frame["kostenplaats"].tolist()[0] == "K100"
    assert pd.isna(frame["kostenplaats"].iloc[1])
    assert list(frame.columns)[-1] == "_line"


def test_duplicate_column_names_refused(tmp_path: Path) -> None:
    text = "employee_id,name,Name\nE1,Jan,Jan\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    [problem] = errors_of(ds)
    assert problem.action == "refuse_file"
    assert problem.column == "name"
    assert "more than once" in problem.message and "columns 2 and 3" in problem.message


def test_unnamed_column_with_values_warns(tmp_path: Path) -> None:
    text = "employee_id,name,\nE1,Jan,oops\nE2,Petra,\n"
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    assert errors_of(ds) == []
    [warning] = ds.warnings
    assert "no name" in warning.message


def test_missing_required_column_refused(tmp_path: Path) -> None:
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": "employee_id,Nam,Afd\nE1,Jan,X\n"}))
    [problem] = errors_of(ds)
    assert (problem.file, problem.line, problem.column, problem.action) == (
        "employees.csv", None, "name", "refuse_file")
    assert "required column 'name' is missing" in problem.message
    assert "the header has: employee_id, Nam, Afd" in problem.message
    assert "`Nam` -> name?" in problem.message  # the likely column, a typo of naam/name


def test_missing_one_of_columns_refused(tmp_path: Path) -> None:
    gifts = "gift_id,employee_id,date\nG1,E1,2024-01-01\n"
    ds = read_dataset(make_folder(tmp_path, {"gifts.csv": gifts}))
    [problem] = errors_of(ds)
    assert problem.action == "refuse_file"
    assert "'org_id' or 'org_name'" in problem.message


# -------------------------------------------------------------- files in the folder


def test_missing_required_files(tmp_path: Path) -> None:
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": None, "contracts.csv": None}))
    messages = {p.file: p.message for p in ds.problems}
    assert all(p.action == "refuse_file" for p in ds.problems)
    assert "employees.csv or employees.xlsx" in messages["employees.csv"]
    assert "contracts.csv" in messages["contracts.csv"] and "allocations.csv" in messages["contracts.csv"]


def test_allocations_alone_are_enough(tmp_path: Path) -> None:
    allocations = "decision_id,decision_date,handled_by,applicant_name\nA1,2024-01-01,E1,Kees\n"
    ds = read_dataset(make_folder(tmp_path, {"contracts.csv": None, "allocations.csv": allocations}))
    assert ds.problems == []
    assert "contracts" not in ds.tables
    assert ds.frame("contracts").columns[0] == "decision_id"


def test_csv_and_xlsx_of_one_table_are_read_together(tmp_path: Path) -> None:
    """employees.csv + employees.xlsx: one table; an identical row in both (overlapping
    exports) is used once with a warning, a conflicting one is an error naming both."""
    folder = make_folder(tmp_path)
    wb = openpyxl.Workbook()
    wb.active.append(["Personeelsnummer", "Naam"])
    wb.active.append(["E2", "Petra de Vries"])  # identical to employees.csv line 3
    wb.active.append(["E1", "Jan Jansen"])  # conflicts with employees.csv line 2
    wb.active.append(["E3", "Kees Bakker"])
    wb.save(folder / "employees.xlsx")
    ds = read_dataset(folder)
    table = ds.tables["employees"]
    assert sorted(table.frame["employee_id"]) == ["E1", "E2", "E3"]
    [error] = errors_of(ds)
    assert (error.file, error.line, error.column) == ("employees.xlsx", 3, "employee_id")
    assert "also appears on employees.csv line 2" in error.message
    [warning] = ds.warnings
    assert (warning.file, warning.line) == ("employees.xlsx", None)  # once for the file
    assert "the first on line 2" in warning.message
    assert "identical to employees.csv line 3" in warning.message
    assert table.skipped_reasons == {"duplicate employee_id": 1,
                                     "identical duplicate (used once)": 1}
    files = {f["file"]: f for f in table.files_info()}
    assert (files["employees.csv"]["rows_read"], files["employees.csv"]["rows_used"]) == (2, 2)
    assert files["employees.xlsx"]["rows_read"] == 3
    assert files["employees.xlsx"]["rows_used"] + files["employees.xlsx"]["rows_skipped"] == 3


def test_a_file_of_a_split_table_without_a_column_the_others_have_is_told(tmp_path: Path
                                                                         ) -> None:
    """contracts_2024.csv without the approver and amount that contracts_2023.csv has: its
    rows are read (the columns are optional) and a warning on that file names the columns,
    since its decisions are checked without them; the file that has them is not warned."""
    folder = make_folder(tmp_path, {
        "contracts.csv": None,
        "contracts_2023.csv": "decision_id;org_id;decision_date;handled_by;approved_by;"
                              "amount_eur\nD1;O1;2023-03-01;E1;E2;100\n",
        "contracts_2024.csv": "decision_id;org_id;decision_date;handled_by\n"
                              "D2;O1;2024-03-01;E1\n"})
    ds = read_dataset(folder)
    assert errors_of(ds) == []
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D1", "D2"]
    [warning] = ds.warnings
    assert warning.file == "contracts_2024.csv"
    assert warning.message.startswith("column(s) amount_eur, approved_by are missing in this "
                                      "file but present in the table's other files")


def test_uppercase_suffix_accepted(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"employees.csv": None, "EMPLOYEES.CSV": EMPLOYEES})
    ds = read_dataset(folder)
    assert ds.problems == []
    assert ds.tables["employees"].file == "EMPLOYEES.CSV"


def test_empty_and_header_only_files_are_fine(tmp_path: Path) -> None:
    """A header without rows (an empty register) is read without a word; a file of 0 bytes,
    which no export writes (it writes its header), is read as no rows with one warning that
    it may have been copied while being written (tests/test_folder_robustness.py)."""
    folder = make_folder(
        tmp_path, {"gifts.csv": "", "relatives.csv": "relative_id,employee_id,relation,name\n"}
    )
    ds = read_dataset(folder)
    assert [(p.file, p.level, p.action) for p in ds.problems] == [("gifts.csv", "warning", "none")]
    assert ds.problems[0].message.startswith("the file is empty (0 bytes")
    assert ds.tables["gifts"].rows_read == 0 and len(ds.frame("gifts")) == 0
    assert len(ds.frame("relatives")) == 0
    assert str(ds.frame("gifts")["date"].dtype) == "datetime64[ns]"


def test_binary_garbage_refused_without_traceback(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 10
    ds = read_dataset(make_folder(tmp_path, {"gifts.csv": garbage}))
    [problem] = ds.problems
    assert (problem.file, problem.action) == ("gifts.csv", "refuse_file")
    assert "binary" in problem.message


def test_xlsx_saved_under_csv_name(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["gift_id"])
    wb.save(tmp_path / "tmp.xlsx")
    data = (tmp_path / "tmp.xlsx").read_bytes()
    (tmp_path / "tmp.xlsx").unlink()
    ds = read_dataset(make_folder(tmp_path, {"gifts.csv": data}))
    # read as the workbook it is (as a CSV named .xlsx is read as CSV), with a warning to
    # rename it; it was refused ("rename it to .xlsx"). Its header lacks gifts' columns.
    [problem] = [p for p in ds.problems if p.level == "warning"]
    assert problem.file == "gifts.csv"
    assert problem.message == ("the file is an Excel .xlsx workbook, not .csv text: it is "
                               "read as the workbook; give it the .xlsx name")
    assert {p.column for p in ds.problems if p.level == "error"} >= {"employee_id", "date"}


def test_broken_xlsx_refused(tmp_path: Path) -> None:
    ds = read_dataset(make_folder(tmp_path, {"gifts.xlsx": b"PK\x03\x04 this is no zip"}))
    [problem] = ds.problems
    assert (problem.file, problem.action) == ("gifts.xlsx", "refuse_file")
    assert "cannot be read" in problem.message and "save it again" in problem.message


def test_a_csv_export_named_xlsx_is_read_as_csv_with_a_warning(tmp_path: Path) -> None:
    """A CSV saved or renamed as `.xlsx` (as `.xls` text from SAP already is) is read as the
    CSV it is, with a warning to rename it; binary data, a web page or UTF-16 text under
    that name still refuse the file."""
    (tmp_path / "a").mkdir()
    ds = read_dataset(make_folder(tmp_path / "a", {
        "employees.csv": None, "employees.xlsx": EMPLOYEES.replace(",", ";").encode("cp1252")}))
    assert errors_of(ds) == []
    assert ds.frame("employees")["name"].tolist() == ["Jan de Vries", "Petra de Vries"]
    [warning] = ds.warnings
    assert warning.file == "employees.xlsx" and "read as CSV" in warning.message
    for content in (b"\x00\x01\x02 garbage; not; a table", b"<html><style>td {color: red;}</style><table></table></html>",
                    EMPLOYEES.encode("utf-16")):
        (tmp_path / str(len(content))).mkdir()
        ds = read_dataset(make_folder(tmp_path / str(len(content)), {
            "employees.csv": None, "employees.xlsx": content}))
        assert [(p.file, p.action) for p in errors_of(ds)] == [("employees.xlsx", "refuse_file")]


def test_old_xls_refused(tmp_path: Path) -> None:
    ds = read_dataset(make_folder(tmp_path, {"gifts.xlsx": b"\xd0\xcf\x11\xe0" + b"\x00" * 600}))
    [problem] = ds.problems
    assert ".xls" in problem.message


def test_missing_folder(tmp_path: Path) -> None:
    [problem] = validate(tmp_path / "nope")
    assert problem.action == "refuse_file"
    assert "does not exist" in problem.message


# --------------------------------------------------------------------- xlsx


def test_xlsx_with_date_cells_numeric_ids_and_amounts(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"employees.csv": None, "contracts.csv": None})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Employee_ID", "Name", "Birth_Date", "employed_from", "kvk"])
    ws.append([7, "Jan", dt.datetime(1980, 3, 1), "01-02-2020", 1234567])
    ws.append([8.0, "Petra", dt.date(1982, 5, 6), dt.datetime(2021, 1, 1, 0, 0), None])
    ws.append([None, None, None, None, None])  # blank row: skipped, numbering continues
    ws.append(["009", "Kees", "31-02-1980", None, None])
    wb.save(folder / "employees.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["decision_id", "org_id", "decision_date", "handled_by", "amount_eur"])
    ws.append([1, "O1", dt.datetime(2024, 3, 1), 7, 1234.5])
    ws.append([2, "O1", dt.datetime(2024, 3, 2, 13, 45), 8, 1.234])  # a number cell: no thousands
    ws.append([3, "O1", "2024-03-03", "009", "1.234,56"])
    wb.save(folder / "contracts.xlsx")

    ds = read_dataset(folder)
    employees = ds.frame("employees")
    assert employees["employee_id"].tolist() == ["7", "8", "009"]
    assert employees["_line"].tolist() == [2, 3, 5]
    assert employees["birth_date"].iloc[0] == pd.Timestamp("1980-03-01")
    assert employees["birth_date"].iloc[1] == pd.Timestamp("1982-05-06")
    assert employees["employed_from"].tolist()[:2] == [pd.Timestamp("2020-02-01"),
                                                       pd.Timestamp("2021-01-01")]
    assert employees["kvk"].iloc[0] == "1234567"  # extra column: text, no '.0'
    contracts = ds.frame("contracts")
    assert contracts["decision_id"].tolist() == ["1", "2", "3"]
    assert contracts["handled_by"].tolist() == ["7", "8", "009"]
    assert contracts["amount_eur"].tolist() == [1234.5, 1.234, 1234.56]
    assert contracts["decision_date"].iloc[1] == pd.Timestamp("2024-03-02")
    [problem] = [p for p in ds.problems if p.column == "birth_date"]
    assert (problem.file, problem.line, problem.column, problem.action, problem.level) == (
        "employees.xlsx", 5, "birth_date", "drop_value", "warning")
    assert ds.tables["contracts"].encoding is None


def test_xlsx_header_not_on_first_row_and_values_right_of_header(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"employees.csv": None})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(row=3, column=1, value="employee_id")
    ws.cell(row=3, column=2, value="name")
    ws.cell(row=4, column=1, value="E1")
    ws.cell(row=4, column=2, value="Jan")
    ws.cell(row=5, column=1, value="E2")
    ws.cell(row=5, column=2, value="Petra")
    ws.cell(row=5, column=4, value="stray")
    wb.save(folder / "employees.xlsx")
    ds = read_dataset(folder)
    [problem] = errors_of(ds)
    assert (problem.file, problem.line, problem.action) == ("employees.xlsx", 5, "skip_row")
    assert "right of the last named column" in problem.message
    assert ds.frame("employees")["_line"].tolist() == [4]


def test_unclosed_quote_refuses_instead_of_swallowing_rows(tmp_path: Path) -> None:
    text = 'employee_id,name\nE1,Jan\nE2,"Petra\nE3,Kees\nE4,Mies\n'
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    [problem] = [p for p in ds.problems if p.file == "employees.csv"]
    assert (problem.line, problem.action) == (None, "refuse_file")
    assert "line 3 is never closed" in problem.message


def test_ragged_rows_and_quoted_newlines_together(tmp_path: Path) -> None:
    """The tolerant reader keeps physical line numbers too."""
    text = 'employee_id;name;department\nE1;Jan;"a\nb"\nE2;Petra;x;y\nE3;;z\n'
    ds = read_dataset(make_folder(tmp_path, {"employees.csv": text}))
    located = sorted((p.line, p.column) for p in ds.errors)
    assert located == [(4, None), (5, "name")]
    assert ds.frame("employees")["department"].tolist() == ["a\nb"]


def test_xlsx_with_empty_first_sheet_warns(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Leeg"
    other = wb.create_sheet("Geschenken")
    other.append(["gift_id", "employee_id", "org_name", "date"])
    other.append(["G1", "E1", "Bakker", "2024-01-01"])
    folder = make_folder(tmp_path)
    wb.save(folder / "gifts.xlsx")
    ds = read_dataset(folder)
    [warning] = ds.problems
    assert (warning.file, warning.level, warning.action) == ("gifts.xlsx", "warning", "none")
    assert "'Leeg'" in warning.message and "first sheet" in warning.message


def test_xlsx_reads_the_sheet_whose_header_names_the_table(tmp_path: Path) -> None:
    """An HR export with an explanation sheet first ('Toelichting': a title, who made it, a
    date) and the table on the second sheet: the second is read, with a warning saying so;
    ``--sheet`` still chooses."""
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Toelichting"
    info.append(["Export medewerkers uit AFAS"])
    info.append(["Gemaakt door", "HR"])
    data = wb.create_sheet("Medewerkers")
    data.append(["Personeelsnummer", "Naam", "Geboortedatum"])
    data.append(["E1", "Jan de Vries", "01-02-1970"])
    data.append(["E2", "Petra Bakker", "03-04-1980"])
    folder = make_folder(tmp_path, {"employees.csv": None})
    wb.save(folder / "employees.xlsx")
    ds = read_dataset(folder)
    assert ds.frame("employees")["employee_id"].tolist() == ["E1", "E2"]
    [warning] = [p for p in ds.problems if p.file == "employees.xlsx"]
    assert warning.level == "warning" and "'Medewerkers' is read" in warning.message
    assert "'Toelichting'" in warning.message
    chosen = read_dataset(folder, sheet="Toelichting")  # the user's choice wins
    assert any(p.column == "employee_id" and p.level == "error" for p in chosen.problems)


def _contracts_by_year(folder: Path, *, contacts: bool = False) -> Path:
    """contracts.xlsx as an ERP's yearly export is kept: an explanation sheet, then one
    sheet per year, the later year naming the amount otherwise; with ``contacts`` a sheet
    of contact persons too (it names two of the table's columns, not the table)."""
    wb = openpyxl.Workbook()
    wb.active.title = "Uitleg"
    wb.active.append(["Contracten per jaar, uit het ERP"])
    y2023 = wb.create_sheet("2023")
    y2023.append(["decision_id", "org_id", "decision_date", "handled_by", "amount_eur"])
    y2023.append(["D1", "O1", "2023-03-01", "E1", 1000])
    y2023.append(["D2", "O1", "2023-04-01", "E2", 2000])
    y2024 = wb.create_sheet("2024")
    y2024.append(["Contracten 2024"])
    y2024.append(["decision_id", "org_id", "decision_date", "handled_by", "Bedrag"])
    y2024.append(["D3", "O1", "2024-03-01", "E1", 3000])
    y2024.append(["D4", "O1", "31-02-2024", "E2", 4000])
    if contacts:
        people = wb.create_sheet("Contactpersonen")
        people.append(["org_id", "Contactpersoon", "Telefoon"])
        people.append(["O1", "Piet Bakker", "030-1234567"])
    wb.save(folder / "contracts.xlsx")
    return folder


def test_xlsx_table_on_one_sheet_per_year_is_read_whole(tmp_path: Path) -> None:
    """A workbook holding the table on a sheet per year: every such sheet is read, as the
    parts of one table (nothing of 2024 left out), each sheet's problems cited as
    ``contracts.xlsx[2024]:line`` with its own line and header; a sheet that is not the
    table (an explanation, contact persons) is not read; ``--sheet`` still reads one."""
    folder = _contracts_by_year(make_folder(tmp_path, {"contracts.csv": None}), contacts=True)
    ds = read_dataset(folder)
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["D1", "D2", "D3"]
    assert frame["amount_eur"].tolist() == [1000, 2000, 3000]
    [bad] = ds.errors
    assert (bad.file, bad.line, bad.column) == ("contracts.xlsx[2024]", 4, "decision_date")
    [note] = [p for p in ds.problems if "sheets" in p.message]
    assert note.level == "warning" and "2 sheets" in note.message
    assert "read as one table: '2023', '2024'" in note.message
    assert "not read: 'Uitleg', 'Contactpersonen'" in note.message
    files = ds.tables["contracts"].files_info()
    assert [(f["file"], f["sheet"], f["rows_read"], f["rows_used"]) for f in files] == [
        ("contracts.xlsx[2023]", "2023", 2, 2), ("contracts.xlsx[2024]", "2024", 2, 1)]
    citation = ds.cite("contracts", int(frame["_line"].iloc[2]))  # D3, 2024's line 3
    assert citation == "contracts:contracts.xlsx[2024]:3"
    assert ds.cited_line(citation) == ("contracts", int(frame["_line"].iloc[2]))
    one = read_dataset(folder, sheet="2024")
    assert one.frame("contracts")["decision_id"].tolist() == ["D3"]
    assert {p.file for p in one.problems} == {"contracts.xlsx"}


def test_xlsx_sheets_of_one_table_are_checked_as_one(tmp_path: Path) -> None:
    """An id on two year sheets with other values is a duplicate that names both places,
    as with two files."""
    folder = _contracts_by_year(make_folder(tmp_path, {"contracts.csv": None}))
    wb = openpyxl.load_workbook(folder / "contracts.xlsx")
    wb["2024"]["A3"] = "D1"
    wb.save(folder / "contracts.xlsx")
    ds = read_dataset(folder)
    dup = [p for p in ds.errors if p.column == "decision_id"]
    assert len(dup) == 1 and dup[0].file == "contracts.xlsx[2024]" and dup[0].line == 3
    assert "contracts.xlsx[2023] line 2" in dup[0].message


def test_the_mapping_draft_reads_every_sheet_of_the_table(tmp_path: Path) -> None:
    """`coi mapping` on a workbook with a sheet per year drafts the headers of every such
    sheet (2024's ``Bedrag``), not the first sheet's only."""
    from click.testing import CliRunner

    from coi_graph.cli import main

    folder = _contracts_by_year(make_folder(tmp_path, {"contracts.csv": None}))
    drafted = CliRunner().invoke(main, ["mapping", str(folder), "--lang", "en"])
    assert drafted.exit_code == 0, drafted.output
    text = (folder / "mapping.yaml").read_text()
    assert '"Bedrag": amount_eur' in text and '"amount_eur": amount_eur' in text


def test_mapping_yaml_lists_the_sheets_that_hold_the_table(tmp_path: Path) -> None:
    """`sheet: [2023, 2024]` in mapping.yaml reads both sheets as parts of the table (when
    their headers differ too much to be found alone); a sheet the workbook lacks is an
    unreadable file that names the sheets it has; a list of lists is refused."""
    folder = _contracts_by_year(make_folder(tmp_path, {"contracts.csv": None}), contacts=True)
    (folder / "mapping.yaml").write_text("tables:\n  contracts:\n    sheet: [2024, '2023']\n")
    ds = read_dataset(folder)
    assert ds.frame("contracts")["decision_id"].tolist() == ["D3", "D1", "D2"]
    assert {p.file for p in ds.errors} == {"contracts.xlsx[2024]"}
    (folder / "mapping.yaml").write_text("tables:\n  contracts:\n    sheet: [2024, 2025]\n")
    [error] = read_dataset(folder).errors
    assert "no sheet '2025'" in error.message and "'Uitleg', '2023'" in error.message
    (folder / "mapping.yaml").write_text("tables:\n  contracts:\n    sheet: [[2024]]\n")
    [refused] = read_dataset(folder).errors
    assert "a list of them" in refused.message and refused.action == "refuse_file"


# ------------------------------------------- files named by the system that wrote them

RELATIVES = ("Medewerker;Relatie;Naam relatie;Geboortedatum relatie\n"
             "E1;partner;Anna de Vries;01-02-1970\n")


def test_a_file_whose_name_fits_no_table_is_read_by_its_header_when_the_table_is_missing(
        tmp_path: Path) -> None:
    """``relaties.csv`` (in an accounting package 'relaties' are suppliers, so the name
    is no table's) and ``export_20241231.csv`` hold the family register: their header names
    its columns and no file is named after it, so both are read as its parts, each with a
    warning that says why."""
    ds = read_dataset(make_folder(tmp_path, {
        "relaties.csv": RELATIVES,
        "export_20241231.csv": RELATIVES.replace("E1;partner;Anna", "E2;child;Kees")}))
    assert errors_of(ds) == []
    assert sorted(ds.frame("relatives")["name"]) == ["Anna de Vries", "Kees de Vries"]
    said = {w.file: w.message for w in ds.warnings if w.message.startswith("read as table")}
    assert set(said) == {"relaties.csv", "export_20241231.csv"}
    assert "its name fits no table, but its header names the table's columns" in said[
        "relaties.csv"]


def test_a_file_with_the_header_of_a_table_that_is_supplied_is_not_merged_into_it(
        tmp_path: Path) -> None:
    """Beside ``employees.csv`` an odd-named file with an employee header is not silently
    added to the staff list (it may be an older export): it is named in a warning that says
    how to read it as a part; a header that names fewer than three columns of any table
    says nothing."""
    ds = read_dataset(make_folder(tmp_path, {
        "HR export oud.csv": ("Personeelsnummer;Naam;Datum in dienst;Afdeling\n"
                              "E9;Karel Appel;01-01-1990;Wonen\n"),
        "notities.csv": "naam;opmerking\nJan;let op\n",
        # expense claims: four columns of gifts (more than of any other table), but no
        # gift number, and gifts is missing
        "declaraties.csv": "Medewerker;Datum;Omschrijving;Waarde\nE1;01-03-2024;Taxi;12,50\n"}))
    assert errors_of(ds) == []
    assert ds.frame("employees")["employee_id"].tolist() == ["E1", "E2"]
    said = {w.file: w.message for w in ds.warnings}
    assert "its header is that of table employees, which is read from employees.csv" in said[
        "HR export oud.csv"]
    assert "employees_2.csv" in said["HR export oud.csv"]
    assert said["notities.csv"].startswith("not read: its name fits no table")
    assert said["declaraties.csv"].startswith("not read: its name fits no table")
    assert "gifts" not in ds.tables or not len(ds.frame("gifts"))
    assert "header is that of" not in said["notities.csv"]


# --------------------------------------------- lines saved from a single column

def test_lines_wrapped_in_quotes_as_one_value_are_read_as_the_lines_inside(
        tmp_path: Path) -> None:
    """A ``;`` table opened in an English Excel lands in column A; saved as CSV again,
    every line that holds a ``,`` (a Dutch amount) comes out as one quoted value, or every
    line when the table was pasted into one column. Both are read as the lines inside,
    with their own line numbers and a warning; a normally quoted file is not touched."""
    contracts = ("decision_id;org_id;amount_eur;decision_date;handled_by;description\n"
                 '"D1;O1;1.234,56;2024-03-01;E1;Dak"\n'
                 "D2;O1;700;2024-03-02;E2;Goot\n"
                 '"D3;O1;12,50;2024-03-03;E1;Verf, kwasten"\n')
    for sub in "abc":
        (tmp_path / sub).mkdir()
    ds = read_dataset(make_folder(tmp_path / "a", {"contracts.csv": contracts}))
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["D1", "D2", "D3"]
    assert frame["amount_eur"].tolist() == [1234.56, 700.0, 12.5]
    assert frame["description"].tolist()[2] == "Verf, kwasten"
    assert frame["_line"].tolist() == [2, 3, 4]
    [said] = [w.message for w in ds.warnings if "wrapped in double quotes" in w.message]
    assert said.startswith("2 line(s)")
    assert errors_of(ds) == []
    whole = "\n".join(f'"{line}"' for line in CONTRACTS.replace(",", ";").splitlines())
    ds = read_dataset(make_folder(tmp_path / "b", {"contracts.csv": whole}))
    assert errors_of(ds) == [] and ds.frame("contracts")["handled_by"].tolist() == ["E1"]
    quoted = '"decision_id";"org_id";"decision_date";"handled_by"\n"D1";"O1";"2024-03-01";"E1"\n'
    ds = read_dataset(make_folder(tmp_path / "c", {"contracts.csv": quoted}))
    assert errors_of(ds) == [] and not [w for w in ds.warnings if "wrapped" in w.message]
