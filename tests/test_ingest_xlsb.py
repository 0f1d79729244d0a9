"""Excel's binary workbook (.xlsb) is read as .xlsx is, with the same protections: the zip
checks before anything is unpacked, and the cell-count limit before calamine makes a cell
for every position up to the furthest value (tests/fixtures/xlsb/README.md: the fixture)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

import ingest.read_files as read_files
from coi_graph.cli_text import problem_line
from ingest import read_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "xlsb" / "contracts.xlsb"
EMPLOYEES = "employee_id;name\nE1;Jan de Vries\nE2;Petra Bakker\n"
ORGANIZATIONS = "org_id;name\nO1;Bouwbedrijf X\n"


def folder(root: Path, workbook: bytes | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "employees.csv").write_text(EMPLOYEES, encoding="utf-8")
    (root / "organizations.csv").write_text(ORGANIZATIONS, encoding="utf-8")
    if workbook is None:
        shutil.copy(FIXTURE, root / "contracts.xlsb")
    else:
        (root / "contracts.xlsb").write_bytes(workbook)
    return root


def _records(data: bytes) -> list[tuple[int, int]]:
    """(type, start of data) of each record of a BIFF12 part (written here apart from the
    reader's own, so the test does not lean on the code it checks)."""
    out, pos = [], 0
    while pos < len(data):
        kind = data[pos]
        pos += 1
        if kind & 0x80:
            kind = (kind & 0x7F) | ((data[pos] & 0x7F) << 7)
            pos += 1
        size = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        out.append((kind, pos))
        pos += size
    return out


def far_workbook(row: int, column: int) -> bytes:
    """The fixture with its last row numbered ``row`` (0-based) and that row's last cell in
    ``column`` (0-based): a value typed far below and to the right of the table."""
    with zipfile.ZipFile(FIXTURE) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet = bytearray(parts["xl/worksheets/sheet1.bin"])
    records = _records(bytes(sheet))
    last_row = max(start for kind, start in records if kind == 0x0000)  # BrtRowHdr
    last_cell = max(start for kind, start in records if 0x0002 <= kind <= 0x000B)
    sheet[last_row:last_row + 4] = row.to_bytes(4, "little")
    sheet[last_cell:last_cell + 4] = column.to_bytes(4, "little")
    parts["xl/worksheets/sheet1.bin"] = bytes(sheet)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return out.getvalue()


def test_an_xlsb_export_is_read_as_its_xlsx_would_be(tmp_path: Path) -> None:
    """Headers by synonym, an id that stays ``007``, date cells, amount cells, an empty
    cell; the file is named in the table's sources as any other."""
    ds = read_dataset(folder(tmp_path / "data"))
    assert [p.format() for p in ds.problems if p.level == "error"] == []
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["007", "D2", "D3"]
    assert frame["amount_eur"].tolist() == [1234.56, 48000.0, 99.5]
    assert [d.strftime("%Y-%m-%d") for d in frame["decision_date"]] == [
        "2024-03-01", "2024-03-15", "2024-04-02"]
    assert frame["handled_by"].tolist() == ["E1", "E2", "E1"]
    assert frame["description"].fillna("").tolist() == ["Schilderwerk",
                                                         "Dakrenovatie Çelikstraat", ""]
    assert ds.tables["contracts"].rows_read == 3
    assert [s.file for s in ds.tables["contracts"].sources] == ["contracts.xlsb"]
    assert not [p for p in ds.problems if "xlsb" in p.message and "not read" in p.message]


def test_an_xlsb_sheet_whose_values_reach_too_far_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cell-count limit, as for .xlsx: a value in row 1,000 and column 100 is 100,000
    cells from A1; under a limit of 50,000 the file is refused naming the row and column
    (the limit lowered so that a broken check reads the file, and fails, instead of
    filling the memory); the real limit refuses a value in XFD1048576."""
    monkeypatch.setattr(read_files, "MAX_SHEET_CELLS", 50_000)
    ds = read_dataset(folder(tmp_path / "far", far_workbook(999, 99)))
    [refused] = [p for p in ds.problems if p.action == "refuse_file"]
    assert refused.file == "contracts.xlsb"
    assert refused.message.startswith(
        "cannot be read: sheet 'Inkooporders' has values up to row 1,000 and column 100: 100,000 cells to "
        "read, more than the 50,000 of a workbook this tool reads")
    assert "delete the rows and columns beyond the table" in problem_line(refused, "en")
    monkeypatch.undo()
    ds = read_dataset(folder(tmp_path / "xfd", far_workbook(1_048_575, 16_383)))
    [refused] = [p for p in ds.problems if p.action == "refuse_file"]
    assert "up to row 1,048,576 and column 16,384" in refused.message
    # within the limit the same workbook is read (the stray value a row of its own)
    ds = read_dataset(folder(tmp_path / "near", far_workbook(9, 5)))
    assert not [p for p in ds.problems if p.action == "refuse_file"]


def test_an_xlsb_that_is_no_workbook_or_too_big_unpacked_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The zip checks: a password-protected (or old binary) file under the .xlsb name,
    and a workbook that would unpack to more than the limit, are refused with what to do."""
    ds = read_dataset(folder(tmp_path / "cfb", b"\xd0\xcf\x11\xe0" + b"\0" * 600))
    [refused] = [p for p in ds.problems if p.action == "refuse_file"]
    assert refused.message == (
        "cannot be read: the file is not an .xlsb workbook (it looks like an old .xls workbook or a "
        "password-protected file); open it in Excel and save it as .xlsx (without a "
        "password) or as CSV")
    assert problem_line(refused, "nl").startswith(
        "contracts.xlsb: kan niet worden gelezen: het bestand is geen .xlsb-werkmap (het lijkt een oude .xls-werkmap")
    monkeypatch.setattr(read_files, "MAX_XLSX_UNPACKED", 2_000)
    ds = read_dataset(folder(tmp_path / "big"))
    [refused] = [p for p in ds.problems if p.action == "refuse_file"]
    assert refused.message.startswith("cannot be read: the workbook would unpack to")
