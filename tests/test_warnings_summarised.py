"""A warning of one cause that repeats on every row of a column is told once per file and
column, with a count, one example and what to do, in Dutch and in English.

Why: an ERP that writes personnel numbers without their leading zeros (``102`` for HR's
``000102``) made ``coi validate`` print one warning per cell, some seventy lines on a small
register, burying the real problems.  The values are still read (and counted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ingest import read_dataset

ROOT = Path(__file__).resolve().parents[1]

EMPLOYEES = "employee_id;name\n000102;Ayşe Yıldız\n000731;Petra Bakker\n000024;Jan de Vries\n"
ORGS = "org_id;name\nO1;Bouw B.V.\nO2;Schilder B.V.\n"


def _contracts(n: int) -> str:
    """``n`` decisions whose handler is an HR number without its zeros, approver the full
    number except on the last row (one without zeros), and one unknown handler ``999``."""
    rows = ["decision_id;org_id;decision_date;handled_by;approved_by"]
    for i in range(n):
        handler = ("102", "731", "24")[i % 3]
        approver = "24" if i == n - 1 else "000731"
        rows.append(f"D{i};O{1 + i % 2};2024-03-01;{handler};{approver}")
    rows.append("DX;O1;2024-03-01;999;000731")
    return "\n".join(rows) + "\n"


def _folder(tmp_path: Path, n: int = 30) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "employees.csv").write_text(EMPLOYEES, encoding="utf-8")
    (data / "organizations.csv").write_text(ORGS, encoding="utf-8")
    (data / "contracts.csv").write_text(_contracts(n), encoding="utf-8")
    return data


def _validate(data: Path, *lang: str) -> list[str]:
    run = subprocess.run([sys.executable, "-m", "coi_graph.cli", "validate", str(data), *lang],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                              "HOME": str(data.parent)})
    return (run.stdout + run.stderr).splitlines()


def test_ids_without_leading_zeros_are_read_with_one_counted_warning_per_column(
        tmp_path: Path) -> None:
    ds = read_dataset(_folder(tmp_path))
    frame = ds.frame("contracts")
    # every value is still read as the HR number it stands for
    assert frame["handled_by"].tolist() == ["000102", "000731", "000024"] * 10
    assert frame["approved_by"].tolist() == ["000731"] * 29 + ["000024"]
    said = [p for p in ds.warnings if "written differently" in p.message]
    said.sort(key=lambda p: p.column, reverse=True)
    assert [(p.file, p.line, p.column) for p in said] == [
        ("contracts.csv", None, "handled_by"), ("contracts.csv", None, "approved_by")]
    handled, approved = (p.message for p in said)
    assert handled.startswith("30 value(s) are an id of employees.csv (column employee_id) ")
    assert "e.g. '102' (line 2) as '000102'; correct them in the export" in handled
    assert approved.startswith("1 value(s) ") and "'24' (line 31) as '000024'" in approved
    # the one id no employee has is still an error on its own row
    [error] = ds.errors
    assert (error.line, error.column) == (32, "handled_by") and "'999'" in error.message
    assert ds.tables["contracts"].rows_read == 31 and ds.tables["contracts"].rows_skipped == 1


def test_an_id_that_equals_two_ids_is_not_summarised_away(tmp_path: Path) -> None:
    """``E24`` and ``E0024`` both exist: ``e24`` stays an error on its row, and only the
    unambiguous values are counted."""
    data = _folder(tmp_path, n=3)
    (data / "employees.csv").write_text(EMPLOYEES + "E24;Kees Smit\nE0024;Anna Smit\n",
                                        encoding="utf-8")
    (data / "contracts.csv").write_text(_contracts(3).replace("DX;O1;2024-03-01;999",
                                                              "DX;O1;2024-03-01;e24"),
                                        encoding="utf-8")
    ds = read_dataset(data)
    [handled] = [p for p in ds.warnings if p.column == "handled_by"]
    assert handled.message.startswith("3 value(s) ")
    [error] = ds.errors
    assert (error.line, error.column) == (5, "handled_by") and "'e24'" in error.message


def test_validate_prints_one_line_per_column_in_dutch_and_english(tmp_path: Path) -> None:
    data = _folder(tmp_path)
    nl = sorted((ln for ln in _validate(data) if "voorloopnullen" in ln), reverse=True)
    assert nl == [
        "contracts.csv: handled_by: 30 waarde(n) zijn een id uit employees.csv (kolom "
        "employee_id), anders geschreven (hoofdletters, spaties, voorloopnullen of een .0 "
        "erachter), en worden gelezen als dat id, bijv. '102' (regel 2) als '000102'; "
        "verbeter ze in de export (een kolom met id's die als tekst wordt geëxporteerd houdt "
        "haar voorloopnullen) (waarschuwing)",
        "contracts.csv: approved_by: 1 waarde(n) zijn een id uit employees.csv (kolom "
        "employee_id), anders geschreven (hoofdletters, spaties, voorloopnullen of een .0 "
        "erachter), en worden gelezen als dat id, bijv. '24' (regel 31) als '000024'; "
        "verbeter ze in de export (een kolom met id's die als tekst wordt geëxporteerd houdt "
        "haar voorloopnullen) (waarschuwing)"], nl
    en = _validate(data, "--lang", "en")
    assert sorted((ln for ln in en if "written differently" in ln), reverse=True) == [
        "contracts.csv: handled_by: 30 value(s) are an id of employees.csv (column "
        "employee_id) written differently (case, spaces, leading zeros or a trailing .0) and "
        "are read as that id, e.g. '102' (line 2) as '000102'; correct them in the export (an "
        "id column exported as text keeps its leading zeros) (warning)",
        "contracts.csv: approved_by: 1 value(s) are an id of employees.csv (column "
        "employee_id) written differently (case, spaces, leading zeros or a trailing .0) and "
        "are read as that id, e.g. '24' (line 31) as '000024'; correct them in the export (an "
        "id column exported as text keeps its leading zeros) (warning)"], en
    # 2 warnings and the one unknown handler: not a line per cell
    assert any("1 error(s), 2 warning(s)" in ln for ln in en), en


def test_two_files_of_one_table_name_the_file_of_the_example(tmp_path: Path) -> None:
    """contracts_2023.csv + contracts_2024.csv: the example's place names its own file."""
    data = _folder(tmp_path, n=3)
    text = (data / "contracts.csv").read_text(encoding="utf-8").splitlines()
    (data / "contracts.csv").unlink()
    header = text[0]
    (data / "contracts_2023.csv").write_text(
        "\n".join([header, text[1].replace("102", "000102")]) + "\n", encoding="utf-8")
    (data / "contracts_2024.csv").write_text("\n".join([header, *text[2:4]]) + "\n",
                                             encoding="utf-8")
    ds = read_dataset(data)
    [handled] = [p for p in ds.warnings if p.column == "handled_by"]
    assert handled.message.startswith("2 value(s) ")
    assert "e.g. '731' (contracts_2024.csv line 2) as '000731'" in handled.message, handled


def _officers_and_gifts(tmp_path: Path) -> Path:
    """An officers' extract that spells one role the same wrong way on three rows (and
    right on one), a gift register whose 'Ja, ingeleverd' is on two rows and 'Nee (zelf)'
    on one."""
    data = _folder(tmp_path, n=3)
    (data / "officers.csv").write_text(
        "org_id;name;role\nO1;Jan de Vries;Commsisaris\nO1;Piet Bakker;Commsisaris\n"
        "O2;Kees Smit;Bestuurder\nO2;Anna Smit;Commsisaris\n", encoding="utf-8")
    (data / "gifts.csv").write_text(
        "gift_id;employee_id;org_id;date;description;handed_in\n"
        "G1;000102;O1;01-02-2024;wijn;Ja, ingeleverd\nG2;000102;O1;01-02-2024;wijn;Nee (zelf)\n"
        "G3;000731;O2;01-02-2024;wijn;Ja, ingeleverd\n", encoding="utf-8")
    return data


def test_a_note_several_rows_share_is_told_once_with_the_count(tmp_path: Path) -> None:
    ds = read_dataset(_officers_and_gifts(tmp_path))
    assert ds.frame("officers")["role"].tolist() == ["commissaris", "commissaris",
                                                     "bestuurder", "commissaris"]
    assert ds.frame("gifts")["handed_in"].tolist() == [True, False, True]
    said = sorted(p.format() for p in ds.warnings if p.table in ("officers", "gifts"))
    assert said == [
        "gifts.csv: handed_in: 2 rows, the first line 2: 'Ja, ingeleverd' is read as yes (ja): "
        "the remark after it is not read (warning)",
        "gifts.csv:3: handed_in: 'Nee (zelf)' is read as no (nee): the remark after it is not "
        "read (warning)",
        "officers.csv: role: 3 rows, the first line 2: 'Commsisaris' is read as commissaris "
        "('commissaris'); correct the spelling if that is not meant (warning)"], said


def test_a_shared_note_is_dutch_by_default(tmp_path: Path) -> None:
    out = _validate(_officers_and_gifts(tmp_path))
    assert ("officers.csv: role: 3 rijen, de eerste regel 2: 'Commsisaris' wordt gelezen als "
            "commissaris ('commissaris'); verbeter de spelling als dat niet bedoeld is "
            "(waarschuwing)") in out, out
    assert ("gifts.csv: handed_in: 2 rijen, de eerste regel 2: 'Ja, ingeleverd' wordt "
            "gelezen als ja (ja): de opmerking erna wordt niet gelezen (waarschuwing)") in out, out


def test_an_overlapping_export_is_said_once_per_file(tmp_path: Path) -> None:
    """A monthly export beside the quarterly one that holds the same 40 orders: each shared
    row is used once, counted as skipped, and said ONCE for the file (it was one line per
    row: an overlap of thousands of rows buried everything else), in Dutch too."""
    data = _folder(tmp_path, n=40)
    rows = (data / "contracts.csv").read_text(encoding="utf-8").splitlines()
    (data / "contracts_2024-03.csv").write_text("\n".join(rows[:41]) + "\n", encoding="utf-8")
    (data / "contracts.csv").rename(data / "contracts_2024-q1.csv")
    ds = read_dataset(data)
    said = [p for p in ds.problems if "are identical to" in p.message]
    assert len(said) == 1, [p.message for p in said]
    (p,) = said
    assert (p.file, p.line, p.column, p.level) == ("contracts_2024-q1.csv", None,
                                                    "decision_id", "warning")
    assert p.message.startswith("40 row(s) are identical to a row before them")
    assert "identical to contracts_2024-03.csv line 2" in p.message
    files = {s.file: (s.rows_read, s.rows_used, s.rows_skipped)
             for s in ds.tables["contracts"].sources}
    # (the quarterly file's last row, handler 999, is an unknown employee: skipped too)
    assert files == {"contracts_2024-03.csv": (40, 40, 0), "contracts_2024-q1.csv": (41, 0, 41)}
    assert ds.tables["contracts"].skipped_reasons["identical duplicate (used once)"] == 40
    dutch = subprocess.run([sys.executable, "-m", "coi_graph.cli", "validate", str(data)],
                           capture_output=True, text=True, cwd=tmp_path,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    line = next(ln for ln in dutch.stdout.splitlines() if "40 rij(en) zijn gelijk" in ln)
    assert "overlappende exports: elk ervan wordt één keer gebruikt" in line, line
