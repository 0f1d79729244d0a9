"""An OpenDocument spreadsheet (``.ods``, what LibreOffice saves by default) is read as a
workbook is: calamine reads it; the sheet is chosen by its header, date and number cells
are values, invisible characters are taken out. The files here are written by hand, part
by part, as the OpenDocument standard lays them out (no library here writes ``.ods``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner

from coi_graph.cli import main
from ingest import read_dataset

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
             '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
             '<manifest:file-entry manifest:full-path="/" manifest:media-type='
             '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
             'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
             '</manifest:manifest>')


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, float):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if isinstance(value, tuple):  # ("2010-01-01",): a date cell
        return (f'<table:table-cell office:value-type="date" office:date-value="{value[0]}">'
                f"<text:p>{value[0]}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods(sheets: dict[str, list[list[object]]]) -> bytes:
    """A spreadsheet as LibreOffice lays it out: ``mimetype`` first and stored, the
    sheets in ``content.xml``, the manifest."""
    tables = "".join(f'<table:table table:name="{name}">' + "".join(
        "<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in sheets.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} '
               f'office:version="1.2"><office:body><office:spreadsheet>{tables}'
               "</office:spreadsheet></office:body></office:document-content>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def folder(tmp: Path, name: str, content: bytes) -> Path:
    data = tmp / "data"
    data.mkdir()
    (data / "organizations.csv").write_text("org_id;name\nO1;X B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;amount_eur;decision_date;handled_by\nD1;O1;500;2024-03-01;E1\n",
        encoding="utf-8")
    (data / name).write_bytes(content)
    return data


def test_an_ods_staff_list_is_read_as_a_workbook(tmp_path: Path) -> None:
    data = folder(tmp_path, "medewerkers.ods", ods({
        "Toelichting": [["Export uit HR"]],
        "Medewerkers": [["Personeelsnummer", "Naam", "Datum in dienst"],
                        ["E1", "Jan de Vries\u200b", ("2010-01-01",)],
                        ["E2", "Petra Bakker", None]]}))
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    emp = ds.frame("employees")
    assert emp["name"].tolist() == ["Jan de Vries", "Petra Bakker"]  # U+200B taken out
    assert str(emp["employed_from"].iloc[0])[:10] == "2010-01-01"
    assert emp["_line"].tolist() == [2, 3]
    said = " | ".join(w.message for w in ds.warnings)
    assert "sheet 'Medewerkers' is read" in said and "U+200B" in said, said


def test_an_ods_amount_cell_is_its_number(tmp_path: Path) -> None:
    """A number cell is the number: 12.345 euro, never the 12,345 a Dutch reading of the
    text ``12.345`` would make of it."""
    data = folder(tmp_path, "contracts.ods", ods({"Inkoop": [
        ["decision_id", "org_id", "amount_eur", "decision_date", "handled_by"],
        ["D1", "O1", 12.345, ("2024-03-01",), "E1"]]}))
    (data / "contracts.csv").unlink()
    (data / "employees.csv").write_text("employee_id;name\nE1;Jan de Vries\n", encoding="utf-8")
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    assert ds.frame("contracts")["amount_eur"].tolist() == [12.345]


def test_a_file_named_ods_that_is_none_is_refused_with_what_to_do(tmp_path: Path) -> None:
    data = folder(tmp_path, "employees.ods", b"employee_id;name\nE1;Jan\n")
    result = CliRunner().invoke(main, ["validate", str(data), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "employees.ods" in result.output and "not an OpenDocument spreadsheet" in result.output
    dutch = CliRunner().invoke(main, ["validate", str(data)])
    assert "geen OpenDocument-rekenblad" in dutch.output, dutch.output
