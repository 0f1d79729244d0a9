"""What the input fuzzer (tools/fuzz_inputs.py) found, one hand-made minimal input per cause:
each asserts the exit code of ``coi validate`` / ``coi scan`` and that the message names the
file, line and column, in Dutch (the default) as in English."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from coi_graph.cli import main
from tests.corp import BASE, make_corp

ROOT = Path(__file__).resolve().parents[1]


def _cli(args: list[str], lang: str = "nl") -> Any:
    return CliRunner().invoke(main, args, env={"COI_LANG": lang}, catch_exceptions=False)


def test_a_date_out_of_range_is_said_in_dutch(tmp_path: Path) -> None:
    """A year outside 1900-2100 gave its message in English in a Dutch run: the catalogue's
    template has a ``{hint}`` that is empty for a four-digit year, and a placeholder matched
    only one character or more."""
    employees = copy.deepcopy(BASE["employees"])
    employees[1]["birth_date"] = "31-12-9999"
    data = make_corp(tmp_path / "data", employees=employees)
    res = _cli(["validate", str(data)])
    assert res.exit_code == 0, res.output  # a warning: the value is left out, the row used
    assert ("employees.csv:3: birth_date: '31-12-9999' heeft jaar 9999; datums moeten tussen "
            "1900 en 2100 liggen: verbeter het jaar, en schrijf datums als 2024-03-01"
            in res.output), res.output
    assert "dates must lie" not in res.output
    en = _cli(["validate", str(data)], lang="en")
    assert "employees.csv:3: birth_date: '31-12-9999' has year 9999; dates must lie" in en.output
    # a year in two digits keeps its hint, in Dutch too
    employees[1]["birth_date"] = "0012-01-01"
    data = make_corp(tmp_path / "two", employees=employees)
    res = _cli(["validate", str(data)])
    assert ("employees.csv:3: birth_date: '0012-01-01' heeft jaar 12; datums moeten tussen "
            "1900 en 2100 liggen: verbeter het jaar in vier cijfers, en schrijf datums als "
            in res.output), res.output
    assert "four digits" not in res.output


def test_a_header_without_names_names_the_missing_columns_in_dutch(tmp_path: Path) -> None:
    """A header row of empty names (``;;;;``) refused the file with every required column
    in English: the message ends in ``the header has: `` followed by no header names."""
    data = make_corp(tmp_path / "data")
    (data / "relatives.csv").write_text(
        ";;;;;;\nR1;E1;partner;Petra de Vries;03-04-1972;1234AB;10\n", encoding="utf-8")
    res = _cli(["validate", str(data)])
    assert res.exit_code == 2, res.output
    for column in ("relative_id", "employee_id", "relation", "name"):
        assert f"relatives.csv: {column}: verplichte kolom '{column}' ontbreekt (" in res.output
    assert "required column" not in res.output and "the header has" not in res.output
    assert "de kopregel heeft: )" in res.output
    scan = _cli(["scan", str(data), "--out", str(tmp_path / "run"), "-q",
                 "--skip-bad-rows", "--workspace", str(tmp_path / "ws.sqlite")])
    assert scan.exit_code == 2  # a file that cannot be used stops the scan, also with skipping
    assert "verplichte kolom 'relative_id' ontbreekt" in scan.output
    assert "required column" not in scan.output


def _validate_within(data: Path, seconds: float) -> subprocess.CompletedProcess[str]:
    """``coi validate`` in its own process, killed when it takes longer than ``seconds`` (a
    hang guard: the fixed run takes a second or two, the hang took more than 5 minutes)."""
    return subprocess.run([sys.executable, "-m", "coi_graph.cli", "validate", str(data),
                           "--lang", "en"], cwd=ROOT, capture_output=True, text=True,
                          timeout=seconds, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin"})


def test_an_id_of_a_million_characters_is_reported_not_hung_on(tmp_path: Path) -> None:
    """A damaged cell of 999,999 characters (just under the 1,000,000 that refuses the file)
    in a column naming another table's row: the look-up for an id one typed character
    apart built every form of it with one character left out (n copies of n characters)
    and validate and scan hung.  Both sides: an unknown id that long, and a target table
    holding an id that long while another id is unknown."""
    long_id = "é" * 999_999
    data = make_corp(tmp_path / "referring", extra_contracts=[
        {"decision_id": "D9", "kind": "invoice", "org_id": long_id, "amount_eur": "10",
         "decision_date": "2024-04-01", "handled_by": "E1", "approved_by": "E2"}])
    done = _validate_within(data, 90)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "contracts.csv:4: org_id: org_id 'éééé" in done.stdout
    assert "is not found in organizations.csv (column org_id)" in done.stdout

    data = make_corp(tmp_path / "target", extra_organizations=[
        {"org_id": long_id, "name": "Lang B.V."}], extra_contracts=[
        {"decision_id": "D9", "kind": "invoice", "org_id": "O9", "amount_eur": "10",
         "decision_date": "2024-04-01", "handled_by": "E1", "approved_by": "E2"}])
    done = _validate_within(data, 90)
    assert done.returncode == 2, done.stderr[-2000:]
    assert ("contracts.csv:4: org_id: org_id 'O9' is not found in organizations.csv "
            "(column org_id)") in done.stdout


def test_an_old_or_locked_workbook_under_the_xlsx_name_is_said_in_dutch(tmp_path: Path) -> None:
    """An OLE file named .xlsx (an old .xls, or a workbook saved with a password) that is no
    Excel 97-2003 workbook: its hint, in brackets, came out in English in a Dutch run."""
    data = make_corp(tmp_path / "data")
    (data / "organizations.csv").unlink()
    (data / "organizations.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    res = _cli(["validate", str(data)])
    assert res.exit_code == 2, res.output
    assert ("organizations.xlsx: kan niet worden gelezen: het bestand is geen .xlsx-werkmap "
            "(het lijkt een oude .xls-werkmap of een bestand met een wachtwoord); open het in "
            "Excel") in res.output, res.output
    assert "it looks like" not in res.output
    en = _cli(["validate", str(data)], lang="en")
    assert "(it looks like an old .xls workbook or a password-protected file)" in en.output


def test_a_status_of_half_a_million_words_is_reported_not_hung_on(tmp_path: Path) -> None:
    """A damaged cell of 500,000 words (999,996 characters, just under the limit that
    refuses the file) in a column of known words, a declaration's status: the look for a
    known word followed by a remark joined the first n words for every n (n * n
    characters) and validate hung; no known word has more than a few words."""
    data = make_corp(tmp_path / "data", declarations=[
        {"declaration_id": "DC1", "employee_id": "E1", "kind": "financial_interest",
         "org_id": "O1", "status": "a b " * 249_999, "valid_from": "01-01-2020"}])
    done = _validate_within(data, 90)
    assert done.returncode == 0, done.stderr[-2000:]  # an optional value: left out, a warning
    assert "declarations.csv:2: status: 'a b a b" in done.stdout
    assert "is not a known status; use one of: approved" in done.stdout


def test_an_id_of_five_thousand_digits_is_an_unknown_id_not_a_traceback(tmp_path: Path) -> None:
    """An id of 5,000 digits (a damaged cell) stopped validate and scan with a traceback:
    reading an id written otherwise (``00731`` as ``731``) took the leading zeros off with
    int(), and Python refuses to turn more than 4,300 digits into an int."""
    employees = copy.deepcopy(BASE["employees"])
    employees[2]["employee_id"] = "1" * 5_000  # E3, whom D2 names as its handler
    data = make_corp(tmp_path / "data", employees=employees)
    res = _cli(["validate", str(data)])
    assert res.exit_code == 2, res.output
    assert ("contracts.csv:3: handled_by: handled_by 'E3' staat niet in employees.csv (kolom "
            "employee_id)") in res.output
    scan = _cli(["scan", str(data), "--out", str(tmp_path / "run"), "-q", "--skip-bad-rows",
                 "--workspace", str(tmp_path / "ws.sqlite")])
    assert scan.exit_code == 0, scan.output  # the row is skipped, counted and listed
    assert "contracts.csv: 1 x" in scan.output
    # and in the column that refers: the long id is told, the zeros of others still go
    contracts = copy.deepcopy(BASE["contracts"])
    contracts[1]["handled_by"] = "0" + "7" * 5_000
    data = make_corp(tmp_path / "referring", contracts=contracts)
    res = _cli(["validate", str(data)], lang="en")
    assert res.exit_code == 2, res.output
    assert "contracts.csv:3: handled_by: handled_by '07777" in res.output
    assert "is not found in employees.csv (column employee_id)" in res.output


def test_a_cut_off_workbook_is_said_without_english(tmp_path: Path) -> None:
    """An .xlsx cut off (a download or copy that stopped) was refused with zipfile's own
    text in brackets, English in a Dutch run ('File is not a zip file')."""
    import openpyxl

    data = make_corp(tmp_path / "data")
    (data / "employees.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = BASE["employees"]
    cols = list(dict.fromkeys(k for r in rows for k in r))
    ws.append(cols)
    for r in rows:
        ws.append([r.get(c, "") for c in cols])
    wb.save(data / "employees.xlsx")
    raw = (data / "employees.xlsx").read_bytes()
    (data / "employees.xlsx").write_bytes(raw[: len(raw) * 4 // 5])  # no central directory
    res = _cli(["validate", str(data)])
    assert res.exit_code == 2, res.output
    assert ("employees.xlsx: kan niet worden gelezen: de werkmap kan niet worden geopend "
            "(BadZipFile); open haar in Excel") in res.output, res.output
    assert "not a zip file" not in res.output
    scan = _cli(["scan", str(data), "--out", str(tmp_path / "run"), "-q", "--skip-bad-rows",
                 "--workspace", str(tmp_path / "ws.sqlite")])
    assert scan.exit_code == 2 and "(BadZipFile); open haar in Excel" in scan.output


def test_a_quoted_cell_of_a_million_separators_is_read_not_hung_on(tmp_path: Path) -> None:
    """A damaged id of 999,999 ``;`` in a ``;`` file, quoted as a CSV writer quotes it, with
    the row's other cells after it (found by the fuzzer on every table, seed 22): the check
    for lines wrapped whole in quotes (a table pasted into one column) tried that line at
    every split of its separators, n * n steps, and validate hung.  Equivalence of the new
    pattern with the old on short lines: tests/test_fuzz_regressions.py's next test."""
    data = make_corp(tmp_path / "data")
    p = data / "employees.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    semi = [";".join(head)] + [";".join(x.split(",")) for x in lines[1:]]
    first = semi[1].split(";")
    semi.append(";".join(['"' + ";" * 999_999 + '"', *first[1:]]))
    p.write_text("\n".join(semi) + "\n", encoding="utf-8")
    done = _validate_within(data, 90)
    assert done.returncode == 0, done.stderr[-2000:]  # an id of separators is still an id
    rows = len(semi) - 1
    assert f"employees.csv: {rows} row(s) read = {rows} used + 0 skipped" in done.stderr


def test_the_wrapped_line_pattern_finds_what_it_found_before() -> None:
    """The linear pattern for a line wrapped whole in quotes finds exactly the lines the
    quadratic one found, on every short line of quotes, separators, letters and line ends."""
    import itertools
    import re

    from ingest.read_files import _wrapped_lines

    def before(delimiters: str) -> re.Pattern[bytes]:
        d = re.escape(delimiters.encode())
        return re.compile(rb'^"((?:[^"\n]|"")*[' + d + rb'](?:[^"\n]|"")*)"(\r?)$', re.M)

    def unwrap(m: re.Match[bytes]) -> bytes:
        return m.group(1).replace(b'""', b'"') + m.group(2)

    for delimiters in (";", ";,\t|"):
        old, new = before(delimiters), _wrapped_lines(delimiters)
        for n in range(1, 7):
            for parts in itertools.product((b'"', b";", b",", b"\t", b"a", b"\n", b"\r"),
                                           repeat=n):
                text = b'"' + b"".join(parts)
                assert old.subn(unwrap, text) == new.subn(unwrap, text), text


def test_an_employee_id_of_a_million_brackets_is_reported_not_hung_on(tmp_path: Path) -> None:
    """A damaged handler of 999,999 ``(``: the reading of ``E0012 (J. de Vries)`` (an id
    with the employee's name in brackets) tried the value at every bracket, n * n steps.
    Found by probing every column with long runs of one character."""
    data = make_corp(tmp_path / "data", extra_contracts=[
        {"decision_id": "D9", "kind": "invoice", "org_id": "O1", "amount_eur": "10",
         "decision_date": "2024-04-01", "handled_by": "(" * 999_999, "approved_by": "E2"}])
    done = _validate_within(data, 90)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "contracts.csv:4: handled_by: handled_by '((((" in done.stdout, done.stdout[-2000:]


def test_the_bracketed_name_pattern_reads_what_it_read_before() -> None:
    """The id-and-bracketed-name pattern gives the same id and name as the lazy one did, on
    every short value of ids, spaces, brackets and letters."""
    import itertools
    import re

    from ingest.references import _ID_AND_BRACKETED_NAME

    before = re.compile(r"^\s*(\S+?)\s*\((.+)\)\s*$")
    for n in range(1, 8):
        for parts in itertools.product(("E1", " ", "(", ")", "a", "-"), repeat=n):
            text = "".join(parts)
            old, new = before.match(text), _ID_AND_BRACKETED_NAME.match(text)
            assert (old and old.groups()) == (new and new.groups()), text
