""""Excel exports" that are markup: a web page or an Excel 2003 XML spreadsheet named .xls.

Reporting screens of HR, purchasing and housing systems write these under "Export naar
Excel"; Excel opens them, so users hand them over as workbooks. They are read as the
workbook they pretend to be: each table (worksheet) a sheet, the header found below title
rows, merged cells repeated, with a warning that says what the file really is."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coi_graph.cli import main
from ingest import read_dataset
from ingest.read_markup import html_tables, spreadsheet_xml_tables

EMPLOYEES = ("employee_id;name;employed_from\nE1;Jan de Vries;01-01-2010\n"
             "E2;Petra Bakker;01-01-2012\n")
CONTRACTS = "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"

#: as a reporting screen writes it: a charset in a meta tag (Windows-1252 bytes), a title
#: table above, a caption, group headings over the header (colspan), a department cell
#: spanning two rows (rowspan), an entity, a line break inside a cell, an empty cell
PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<style>td {{ mso-number-format:'\\@'; }}</style></head><body>
<table><tr><td>Crediteurenlijst per 31-12-2024</td></tr></table>
<table border=1><caption>Crediteuren</caption>
<tr><th colspan=2>Crediteur</th><th colspan=2>Gegevens</th></tr>
<tr><th>Crediteurnummer</th><th>Naam</th><th>KvK-nummer</th><th>Afdeling</th></tr>
<tr><td>O1</td><td>Bouwbedrijf X &amp; Zn.<br>B.V.</td><td>12345678</td><td rowspan=2>Inkoop</td></tr>
<tr><td>O2</td><td>Café Ünal</td><td></td></tr>
</table></body></html>"""


def employees_in(tmp: Path, name: str, text: str) -> Path:
    """A data folder whose employees are the markup file ``name``."""
    data = tmp / "data"
    data.mkdir()
    (data / "organizations.csv").write_text("org_id;name\nO1;X B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(CONTRACTS, encoding="utf-8")
    (data / name).write_text(text, encoding="utf-8")
    return data


def folder(tmp: Path, name: str, content: bytes) -> Path:
    data = tmp / "data"
    data.mkdir()
    (data / "employees.csv").write_text(EMPLOYEES, encoding="utf-8")
    (data / "contracts.csv").write_text(CONTRACTS, encoding="utf-8")
    (data / name).write_bytes(content)
    return data


def test_a_web_page_named_xls_is_read_as_its_table(tmp_path: Path) -> None:
    ds = read_dataset(folder(tmp_path, "organizations.xls", PAGE.format().encode("cp1252")))
    assert not ds.errors, [p.format() for p in ds.errors]
    org = ds.frame("organizations")
    assert org["org_id"].tolist() == ["O1", "O2"]
    assert org["name"].tolist() == ["Bouwbedrijf X & Zn. B.V.", "Café Ünal"]
    assert org["kvk_number"].tolist()[0] == "12345678"
    said = " | ".join(w.message for w in ds.warnings)
    assert "web page (HTML)" in said and "read as sheets" in said
    # the title table is passed over as a sheet without the table's header would be
    assert "'Crediteuren' is read" in said, said
    # a row's line is its row in the table: the header is the second row, O2 the fourth
    assert org["_line"].tolist() == [3, 4]


def test_a_web_page_under_an_xlsx_name_is_read_too(tmp_path: Path) -> None:
    ds = read_dataset(folder(tmp_path, "organizations.xlsx", PAGE.format().encode("cp1252")))
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("organizations")["org_id"].tolist() == ["O1", "O2"]


def test_a_web_page_without_a_table_is_refused_with_what_to_do(tmp_path: Path) -> None:
    data = folder(tmp_path, "organizations.xls",
                  b"<html><body><p>Geen gegevens</p><table></table></body></html>")
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "organizations.xls" in result.output
    assert "a web page (HTML) without a table" in result.output
    assert "save it as .xlsx, or export the table as CSV" in result.output
    dutch = CliRunner().invoke(main, ["validate", str(data)])
    assert "webpagina (HTML) zonder tabel" in dutch.output, dutch.output


def test_spans_fill_the_grid_as_a_workbook_merges_them() -> None:
    """A cell below a rowspan starts in the first free column, not after the spanning
    one; colspan and rowspan are recorded as merged ranges (values repeated later by the
    sheet reader, as for a workbook)."""
    [t] = html_tables(b"<table><tr><td rowspan=2>a</td><td>b</td><td rowspan=2>c</td></tr>"
                      b"<tr><td>d</td></tr><tr><td colspan=3>e</td></tr></table>")
    assert t.rows == [["a", "b", "c"], [None, "d", None], ["e", None, None]]
    assert t.merged == [((0, 0), (1, 0)), ((0, 2), (1, 2)), ((2, 0), (2, 2))]


def test_hostile_markup_is_bounded() -> None:
    """Absurd spans are cut to a bound instead of allocating millions of cells; a table
    inside a cell is a table of its own; unclosed tags end with the file."""
    [t] = html_tables(b"<table><tr><td rowspan=99999999 colspan=99999999>x</td></tr>")
    assert len(t.rows) == 1000 and len(t.rows[0]) == 1000
    outer, inner = html_tables(b"<table><tr><td>a<table><tr><td>b</td></tr></table></td>"
                               b"<td>c</td></tr></table>")
    assert outer.rows == [["a", "c"]] and inner.rows == [["b"]]
    [t] = html_tables(b"<table><tr><td>x<td rowspan=zz>y")
    assert t.rows == [["x", "y"]]


SPREADSHEET = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Toelichting"><Table><Row><Cell><Data ss:Type="String">Export uit HR</Data></Cell></Row></Table></Worksheet>
 <Worksheet ss:Name="Medewerkers"><Table>
  <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">Medewerkers 2024</Data></Cell></Row>
  <Row ss:Index="3"><Cell><Data ss:Type="String">Personeelsnummer</Data></Cell>
   <Cell><Data ss:Type="String">Naam</Data></Cell><Cell><Data ss:Type="String">Afdeling</Data></Cell>
   <Cell><Data ss:Type="String">Datum in dienst</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">E1</Data></Cell><Cell><Data ss:Type="String">Jan de Vries</Data></Cell>
   <Cell><Data ss:Type="String">Wonen</Data></Cell>
   <Cell><Data ss:Type="DateTime">2010-01-01T00:00:00.000</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">E2</Data></Cell><Cell><Data ss:Type="String">Petra Bakker</Data></Cell>
   <Cell ss:Index="4"><Data ss:Type="DateTime">2012-01-01T00:00:00.000</Data></Cell></Row>
 </Table></Worksheet></Workbook>"""


def test_an_excel_2003_xml_spreadsheet_named_xls_is_read(tmp_path: Path) -> None:
    ds = read_dataset(employees_in(tmp_path, "employees.xls", SPREADSHEET))
    assert not ds.errors, [p.format() for p in ds.errors]
    emp = ds.frame("employees")
    assert emp["employee_id"].tolist() == ["E1", "E2"]
    assert emp["name"].tolist() == ["Jan de Vries", "Petra Bakker"]
    assert emp["department"].isna().tolist() == [False, True]
    assert [str(d)[:10] for d in emp["employed_from"]] == ["2010-01-01", "2012-01-01"]
    assert emp["_line"].tolist() == [4, 5]  # ss:Index="3" skipped the second row
    said = " | ".join(w.message for w in ds.warnings)
    assert "Excel 2003 XML spreadsheet" in said and "'Medewerkers' is read" in said, said


def test_a_damaged_xml_spreadsheet_says_where(tmp_path: Path) -> None:
    data = folder(tmp_path, "organizations.xls",
                  SPREADSHEET.replace("</Row>", "</Rw>", 1).encode("utf-8"))
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "damaged at line 9, column" in result.output, result.output
    (data / "organizations.xls").write_text(SPREADSHEET.replace("UTF-8", "UMF-8", 1))
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "en"])
    assert result.exit_code == 2 and "in an unknown encoding" in result.output, result.output


def test_xml_merge_and_index_place_cells() -> None:
    xml = (b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           b'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>'
           b'<Row><Cell ss:MergeDown="1"><Data>a</Data></Cell><Cell><Data>b</Data></Cell></Row>'
           b'<Row><Cell ss:Index="2"><Data>c</Data></Cell></Row></Table></Worksheet></Workbook>')
    [t] = spreadsheet_xml_tables(xml)
    assert t.name == "1" and t.rows == [["a", "b"], [None, "c"]]
    assert t.merged == [((0, 0), (1, 0))]


def test_the_charset_a_page_declares_wins_over_a_stray_byte() -> None:
    """A UTF-8 page with one Windows-1252 byte in it (pasted text) keeps its UTF-8 names:
    the declared charset decides, only the stray byte is lost; an undeclared page that is
    not UTF-8 is read as Windows-1252."""
    page = ('<meta charset="utf-8"><table><tr><td>Café Ünal</td><td>it</td></tr></table>'
            .encode("utf-8").replace(b"it", b"it\x92s"))
    [t] = html_tables(page)
    assert t.rows[0][0] == "Café Ünal"
    [t] = html_tables("<table><tr><td>Café</td></tr></table>".encode("cp1252"))
    assert t.rows == [["Café"]]


def test_a_report_with_a_table_per_department_is_one_table_named_by_its_headings(
        tmp_path: Path) -> None:
    """A reporting screen writes a heading and a table per group: every table with the
    table's header is a part of it, named after its heading (a caption wins), so that a
    message says ``employees.xls[Wonen]:3``; a heading repeated gets a number."""
    head = "<tr><th>Personeelsnummer</th><th>Naam</th></tr>"
    page = ("<h1>Medewerkers per afdeling</h1>"
            f"<h2>Wonen</h2><table>{head}<tr><td>E1</td><td>Jan de Vries</td></tr></table>"
            f"<h2>Wonen</h2><table>{head}<tr><td>E2</td><td>Petra Bakker</td></tr></table>"
            f"<h2>Inkoop</h2><table><caption>Team Inkoop</caption>{head}"
            "<tr><td>E3</td><td></td></tr></table>")
    ds = read_dataset(employees_in(tmp_path, "employees.xls", page))
    assert ds.frame("employees")["employee_id"].tolist() == ["E1", "E2"]
    [problem] = ds.errors  # E3 has no name: told in its part, on its row
    assert (problem.file, problem.line) == ("employees.xls[Team Inkoop]", 2)
    said = " | ".join(w.message for w in ds.warnings)
    assert "read as one table: 'Wonen', 'Wonen (2)', 'Team Inkoop'" in said, said


def test_numbers_and_dates_the_file_gives_apart_from_the_text_are_values(tmp_path: Path) -> None:
    """Excel XML's Number and DateTime cells, and Excel's web pages' ``x:num``, carry the
    value beside the text shown: read as a workbook's number and date cells are, so that
    ``12.345`` (a decimal point in the file's own notation) is 12.345 euro, not the 12,345
    a Dutch text reading would make of it, and a moment keeps its date."""
    data = folder(tmp_path, "organizations.csv", b"org_id;name\nO1;X B.V.\n")
    (data / "contracts.csv").unlink()
    cells = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in
                    ("decision_id", "org_id", "amount_eur", "decision_date", "handled_by"))
    row = ('<Row><Cell><Data ss:Type="String">D1</Data></Cell>'
           '<Cell><Data ss:Type="String">O1</Data></Cell>'
           '<Cell><Data ss:Type="Number">12.345</Data></Cell>'
           '<Cell><Data ss:Type="DateTime">2024-03-01T14:35:00.000</Data></Cell>'
           '<Cell><Data ss:Type="String">E1</Data></Cell></Row>')
    (data / "contracts.xls").write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Inkoop">'
        f"<Table><Row>{cells}</Row>{row}</Table></Worksheet></Workbook>", encoding="utf-8")
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("contracts")
    assert frame["amount_eur"].tolist() == [12.345]
    assert str(frame["decision_date"].iloc[0])[:10] == "2024-03-01"
    (data / "contracts.xls").write_text(
        "<table><tr><td>decision_id</td><td>org_id</td><td>amount_eur</td>"
        "<td>decision_date</td><td>handled_by</td></tr>"
        '<tr><td>D1</td><td>O1</td><td x:num="12.345">12,35</td><td>01-03-2024</td>'
        "<td>E1</td></tr><tr><td>D2</td><td>O1</td><td x:num>1.234,50</td><td>02-03-2024</td>"
        "<td>E1</td></tr></table>", encoding="utf-8")
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("contracts")["amount_eur"].tolist() == [12.345, 1234.5]
