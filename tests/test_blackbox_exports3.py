"""Fourth acceptance round from the outside: another corporation's exports written by
systems the earlier rounds did not try (tools/acceptance_exports3.py: an AFAS Profit staff
list with ``Berg, J. (Jan) van den`` names and a row per function, SAP purchase orders with
German headers by year, trailing minus signs and ten-digit vendor numbers, Exact invoices
by year with other headers each year, a declarations register kept by hand in Excel, a KvK
extract in capitals, an allocation list in UTF-16 with ``sep=;``), read through the CLI as
a new user runs it.

Checked: every planted conflict is found with its rule, person and decision; no planted
near-miss is; run.json accounts for every row of every file; every damaged value is
reported on its file, line and column, every word for no value counted per column, in the
run's language; rows that cannot be used stop the scan with their place, or are skipped
and counted with ``--skip-bad-rows``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from acceptance_runs import (RoundChecks, coi, findings, matches, run_round)  # noqa: E402
from acceptance_exports3 import (AFAS, ALLOC, DECL, EXACT23, EXACT24, SAP23,  # noqa: E402
                                 SAP24, write_exports)


@pytest.fixture(scope="module")
def acc(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_round(tmp_path_factory.mktemp("acceptance3"), write_exports)


class TestRound(RoundChecks):
    """The checks every round makes (:class:`acceptance_runs.RoundChecks`)."""

    min_planted = 5


def _run(acc: dict, lang: str = "nl") -> dict:
    return json.loads((acc["tmp"] / f"out_{lang}" / "run.json").read_text(encoding="utf-8"))


def test_run_json_accounts_for_every_row_of_every_file(acc: dict) -> None:
    seen = {f["file"]: f for table in _run(acc)["inputs"].values() for f in table["files"]}
    for f in seen.values():
        assert f["rows_read"] == f["rows_used"] + f["rows_skipped"], f
    for file, n in acc["exp"]["rows"].items():
        assert file in seen, (file, sorted(seen))
        assert seen[file]["rows_read"] == n, (file, seen[file]["rows_read"], n)
    # a row per function: two people twice, read as one employee each (counted as merged)
    merged = acc["exp"]["afas_merged"]
    assert (seen[AFAS]["rows_used"], seen[AFAS]["rows_skipped"]) == (
        acc["exp"]["rows"][AFAS] - merged, merged)
    assert all(seen[f]["rows_skipped"] == 0 for f in acc["exp"]["rows"] if f != AFAS)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_damaged_value_is_reported_on_its_file_line_and_column(acc: dict,
                                                                     lang: str) -> None:
    out = acc["runs"][f"validate_{lang}"].stdout
    tag = "(waarschuwing)" if lang == "nl" else "(warning)"
    missing = [d for d in acc["exp"]["damaged"]
               if not any(ln.startswith(f"{d['file']}:{d['line']}: {d['column']} (")
                          and ln.endswith(tag) and f"'{d['value']}'" in ln
                          for ln in out.splitlines())]
    assert not missing, missing


@pytest.mark.parametrize(("lang", "said"), [("nl", "woord voor 'geen waarde'"),
                                             ("en", "word for no value")])
def test_every_word_for_no_value_is_counted_once_per_file_and_column(
        acc: dict, lang: str, said: str) -> None:
    """'nvt', 'n.v.t.' and '-' in AFAS's end date, 'n.v.t.' for Exact's approver and
    Woonmatch's birth date: read as empty, one counted line per column, never a row each."""
    lines = [ln for ln in acc["runs"][f"validate_{lang}"].stdout.splitlines() if said in ln]
    for want in acc["exp"]["no_value"]:
        hits = [ln for ln in lines if want["file"] in ln.split(": ")[0]
                and f": {want['column']}: " in ln and f"'{want['value']}'" in ln]
        assert len(hits) == 1, (want, lines)
    counts = {}
    for want in acc["exp"]["no_value"]:
        counts[(want["file"], want["column"])] = counts.get((want["file"], want["column"]),
                                                            0) + 1
    for (file, column), n in counts.items():
        [ln] = [ln for ln in lines if file in ln.split(": ")[0] and f": {column}: " in ln]
        assert re.search(rf": {column}: {n} ", ln), (ln, n)
    # the purchasing table is four files, all named in the warning: it says where the first is
    where = {"nl": "; de eerste staat op " + EXACT24 + " regel 4 (waarschuwing)",
             "en": "; the first is on " + EXACT24 + " line 4 (warning)"}[lang]
    [ln] = [ln for ln in lines if ": approved_by: " in ln]
    assert ln.endswith(where), ln


def test_sap_lists_with_german_headers_are_read_as_purchase_orders(acc: dict) -> None:
    """SAP's ME2N with a German logon (``Belegnr.``, ``Kreditor``, ``Belegdatum``,
    ``Betrag``, ``Erfasst von``; ``Einkaufsbeleg``, ``Lieferant``, ``Nettowert``,
    ``Freigegeben von``) was 'not read: no header of the table in its first lines': both
    years of orders were lost without a conflict found in them.  Its own name (``SAP ME2N
    2024.txt``) says nothing of what the rows are; the folder it is in, ``inkooporders/``,
    does: they were read as contracts without a word."""
    out = acc["runs"]["validate_en"].stdout
    assert "not read" not in out, out
    run = _run(acc, "en")
    files = {f["file"] for f in run["inputs"]["contracts"]["files"]}
    assert {SAP23, SAP24} <= files
    unused = run["inputs"]["contracts"]["columns_not_used"]
    assert not {"belegnr.", "kreditor", "betrag", "erfasst von", "einkaufsbeleg",
                "lieferant", "nettowert", "freigegeben von"} & set(unused), unused
    for f in (SAP23, SAP24):
        assert any(ln.startswith(f"{f}: kind: ") and "purchase_order" in ln
                   and "'inkooporder'" in ln for ln in out.splitlines()), out
    paths = {r["decision_id"]: r["path"] for r in findings(acc["tmp"] / "out_en")}
    assert "[purchase order 2024-04-02" in paths["4500000102"], paths["4500000102"]
    nl = {r["decision_id"]: r["path"] for r in findings(acc["tmp"] / "out_nl")}
    assert "[inkooporder 2024-04-02" in nl["4500000102"], nl["4500000102"]


def test_an_invoice_amount_excluding_vat_is_the_amount(acc: dict) -> None:
    """Exact's ``Factuurbedrag excl. BTW`` beside ``Factuurbedrag incl. BTW`` 'looked like
    amount_eur but was not read': every invoice of 2024 weighed nothing, and the EUR
    12.500 invoice entered and approved by one person was no self-approval."""
    run = _run(acc, "en")
    assert "factuurbedrag excl. btw" not in run["inputs"]["contracts"]["columns_not_used"]
    assert "factuurbedrag incl. btw" in run["inputs"]["contracts"]["columns_not_used"]
    [row] = [r for r in findings(acc["tmp"] / "out_en") if r["decision_id"] == "F2024-0901"]
    assert row["rule"] == "self_approval" and "EUR 12,500" in row["path"], row["path"]


def test_a_register_kept_by_hand_names_colleagues_as_afas_does_not(acc: dict) -> None:
    """AFAS writes ``Jong-Smit, A.B. (Anna) de``; the register by hand ``Anna de
    Jong-Smit`` and ``Kees de Wit`` (``Wit, C. (Kees) de``: the call name need not start
    with the initial), Exact its users as ``Ria Mulder`` and ``H. Jansen``.  Each was 'not
    found in employees': a row error on every row of the register and of the 2023
    invoices, which stopped the scan.  Its ``Nr.`` column was no declaration id either."""
    out = acc["runs"]["validate_en"].stdout
    assert "not found" not in out, out
    said = [ln for ln in out.splitlines() if "of one employee in " + AFAS in ln]
    assert any(ln.startswith(f"{DECL}: employee_id: 4 ") and "call name and surname" in ln
               for ln in said), said
    assert any("handled_by: 10 " in ln and "call name and surname" in ln for ln in said), said
    assert any("approved_by: 10 " in ln and "initials and surname" in ln for ln in said), said
    assert "nr." not in _run(acc, "en")["inputs"]["declarations"]["columns_not_used"]
    # 'Nevenfunctie - bestuurslid': a remark after a spaced dash (a row error before)
    assert any(ln.startswith(f"{DECL}:6: kind (Soort melding): 'Nevenfunctie - bestuurslid' "
                             "is read as side_function") for ln in out.splitlines()), out


@pytest.mark.parametrize(("lang", "first"), [
    ("nl", r"; de eerste is '[^']+' \(Facturen/Exact facturen 2023\.csv regel \d+\), "
           r"gelezen als '10\d\d' \(waarschuwing\)$"),
    ("en", r"; the first is '[^']+' \(Facturen/Exact facturen 2023\.csv line \d+\), "
           r"read as '10\d\d' \(warning\)$")])
def test_a_name_read_as_an_employee_in_a_table_of_several_files_says_where(
        acc: dict, lang: str, first: str) -> None:
    """The purchasing table is four files; the warning that 10 approvers are initials and
    surname named all four ('Facturen/... + inkooporders/...: approved_by: 10 ...') and not
    which holds them: it now gives the first and its file and line."""
    out = acc["runs"][f"validate_{lang}"].stdout.splitlines()
    for column in ("handled_by", "approved_by"):
        [line] = [ln for ln in out if f": {column}: 10 " in ln]
        assert re.search(first, line), line


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "3 waarde(n) geven alleen een maand of een jaar (zoals 'jan 2023', gelezen als "
           "2023-01-01): elk wordt gelezen als de eerste dag ervan"),
    ("en", "3 value(s) give a month or a year only (such as 'jan 2023', read as "
           "2023-01-01): each is read as its first day")])
def test_a_start_written_as_a_month_or_a_year_is_read_as_its_first_day(
        acc: dict, lang: str, said: str) -> None:
    """``jan 2023``, ``mrt 2021``, ``2019`` under ``Sinds``: each was 'not a date', the
    register's start of the interest lost (one warning per row)."""
    out = acc["runs"][f"validate_{lang}"].stdout
    lines = [ln for ln in out.splitlines() if ln.startswith(f"{DECL}") and "valid_from" in ln]
    assert len(lines) == 1 and said in lines[0], lines


def test_month_or_year_bounds_on_a_small_register(tmp_path: Path) -> None:
    """A start is the first day of its month or year, an end the last; a month that does not
    exist and a word that is no month stay reported on their row."""
    from ingest import read_dataset

    data = tmp_path / "data"
    data.mkdir()
    (data / "employees.csv").write_text(
        "employee_id;name;employed_from;employed_until\n"
        "E1;Jan Jansen;2015;dec 2024\nE2;Piet Bakker;03-2016;\n", encoding="utf-8")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    (data / "declarations.csv").write_text(
        "declaration_id;employee_id;org_id;kind;valid_from;valid_until\n"
        "M1;E1;O1;nevenfunctie;sept. 2020;feb 2024\n"
        "M2;E2;O1;nevenfunctie;13-2020;foo 2020\n", encoding="utf-8")
    ds = read_dataset(data)
    emp = ds.tables["employees"].frame.set_index("employee_id")
    assert str(emp.loc["E1", "employed_from"].date()) == "2015-01-01"
    assert str(emp.loc["E1", "employed_until"].date()) == "2024-12-31"
    assert str(emp.loc["E2", "employed_from"].date()) == "2016-03-01"
    dec = ds.tables["declarations"].frame.set_index("declaration_id")
    assert str(dec.loc["M1", "valid_from"].date()) == "2020-09-01"
    assert str(dec.loc["M1", "valid_until"].date()) == "2024-02-29"
    assert pd.isna(dec.loc["M2", "valid_from"]) and pd.isna(dec.loc["M2", "valid_until"])
    bad = {(p.line, p.column) for p in ds.warnings if p.file == "declarations.csv"
           and p.line is not None}
    assert bad == {(3, "valid_from"), (3, "valid_until")}, ds.warnings


def test_a_year_typed_into_a_workbook_date_cell_is_a_year_not_a_day_in_1905(
        tmp_path: Path) -> None:
    """Excel makes ``2019`` typed under ``Sinds`` a number cell; it was read as Excel's
    serial day 2019, 11 July 1905, without a word (a birth year ``1985`` as 7 June 1905).
    A start is now the year's first day (counted, as ``jan 2023`` is); a birth year is
    reported on its row.  A real serial (``45352``) stays a date."""
    from openpyxl import Workbook

    from ingest import read_dataset

    data = tmp_path / "data"
    data.mkdir()
    wb = Workbook()
    ws = wb.active
    ws.append(["Personeelsnummer", "Naam", "Geboortedatum", "Datum in dienst"])
    ws.append(["E1", "Jan Jansen", 1985, 45352])
    ws.append(["E2", "Piet Bakker", 30000, 2015])
    wb.save(data / "employees.xlsx")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(data)
    emp = ds.tables["employees"].frame.set_index("employee_id")
    assert pd.isna(emp.loc["E1", "birth_date"])
    assert str(emp.loc["E2", "birth_date"].date()) == "1982-02-18"
    assert str(emp.loc["E1", "employed_from"].date()) == "2024-03-01"
    assert str(emp.loc["E2", "employed_from"].date()) == "2015-01-01"
    [row] = [p for p in ds.warnings if p.column == "birth_date" and p.line is not None]
    assert (row.file, row.line) == ("employees.xlsx", 2) and "'1985'" in row.message


def test_a_kvk_extract_in_capitals_keeps_the_call_name_in_brackets() -> None:
    """``DE HEER J. (JAN) VAN DEN BERG``: in capitals 'JAN' was taken for three initials and
    dropped, so the officer was 'J. van den Berg' (``(ANNA)`` was kept: four letters)."""
    from coi_graph.normalise.names import parse_name

    for raw in ("DE HEER J. (JAN) VAN DEN BERG", "J.P. (JAN) BAKKER",
                "J. (Jan) van den Berg"):
        assert parse_name(raw).given_names == ("jan",), raw
    assert parse_name("DE HEER J. (JAN) VAN DEN BERG").display == "J. (Jan) van den Berg"
    assert parse_name("BAKKER, J.P. (JP)").given_names == ()   # two capitals: initials


def test_the_officer_in_capitals_is_the_employee(acc: dict) -> None:
    rows = findings(acc["tmp"] / "out_en")
    assert any(r["rule"] == "undeclared_interest" and r["subject_id"] == "1001"
               and "Installatiebedrijf Betuwe" in r["path"] for r in rows)
    assert not any(r["subject_id"] == "1001" and "Dakdekkers Elst" in r["path"] for r in rows)


@pytest.mark.parametrize("cell", ["00000000", "0000-00-00"])
def test_sap_zero_date_is_no_value(tmp_path: Path, cell: str) -> None:
    """SAP writes an empty date field as ``00000000``: it was 'a partial date (unknown day
    or month, as the population register writes it)' on every row that had none."""
    from ingest import read_dataset

    data = tmp_path / "data"
    data.mkdir()
    (data / "employees.csv").write_text(
        "employee_id;name;employed_until\nE1;Jan Jansen;" + cell + "\nE2;Piet Bakker;"
        + cell + "\n", encoding="utf-8")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(data)
    said = [p.message for p in ds.warnings if p.column == "employed_until"]
    assert said == [f"2 cell(s) hold a word for no value ('{cell}') and are read as empty"], said
    assert ds.tables["employees"].frame["employed_until"].isna().all()


def test_a_word_for_no_value_in_a_table_of_several_files_says_where_the_first_is(
        tmp_path: Path) -> None:
    """A staff list in two files ('actief' and 'uit dienst'): the one warning per column
    names both files; it says which holds the first 'nvt'."""
    from ingest import read_dataset

    data = tmp_path / "data"
    data.mkdir()
    (data / "employees_actief.csv").write_text(
        "employee_id;name;employed_until\nE1;Jan Jansen;\n", encoding="utf-8")
    (data / "employees_uit_dienst.csv").write_text(
        "employee_id;name;employed_until\nE2;Piet Bakker;31-12-2023\nE3;Wim Kok;nvt\n",
        encoding="utf-8")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by;approved_by\n"
        "C1;O1;01-03-2024;E1;nvt\n", encoding="utf-8")
    ds = read_dataset(data)
    said = {p.column: p.message for p in ds.warnings if "no value" in p.message}
    assert said["employed_until"].endswith(
        "; the first is on employees_uit_dienst.csv line 3"), said
    assert said["approved_by"].endswith("are read as empty"), said   # one file: as before


def test_rows_that_cannot_be_used_stop_the_scan_unless_skipped(acc: dict,
                                                               tmp_path: Path) -> None:
    """An SAP order dated 31 February (``20240231``) and an Exact invoice whose supplier no
    vendor master knows: the scan stops on each with its file, line and column, in both
    languages; with --skip-bad-rows they are counted as skipped and the rest is scanned."""
    data = tmp_path / "data"
    shutil.copytree(acc["data"], data)
    sap = data / SAP24
    lines = sap.read_bytes().decode("cp1252").split("\r\n")
    bad = lines[1].split("\t")
    bad[0], bad[2] = "4500099901", "20240231"
    lines.insert(2, "\t".join(bad))
    sap.write_bytes("\r\n".join(lines).encode("cp1252"))
    ex = data / EXACT24
    lines = ex.read_bytes().decode("cp1252").split("\r\n")
    bad = lines[1].split(";")
    bad[0], bad[1] = "F2024-7777", "209999"
    lines.insert(3, ";".join(bad))
    ex.write_bytes("\r\n".join(lines).encode("cp1252"))
    ws = str(tmp_path / "ws.sqlite")
    for lang, word in (("nl", "schrijf datums als"), ("en", "write dates as")):
        stop = coi("--lang", lang, "scan", str(data), "--out", str(tmp_path / "o1"), "-q",
                   "--workspace", ws, tmp=tmp_path)
        said = stop.stdout + stop.stderr
        assert stop.returncode == 2, said
        assert "Traceback" not in said
        assert f"{SAP24}:3: decision_date (Belegdatum): '20240231'" in said, said
        assert word in said
        assert f"{EXACT24}:4: org_id (Crediteurnummer): " in said and "'209999'" in said, said
    go = coi("scan", str(data), "--out", str(tmp_path / "o2"), "-q", "--workspace", ws,
             "--skip-bad-rows", tmp=tmp_path)
    assert go.returncode == 0, go.stdout + go.stderr
    run = json.loads((tmp_path / "o2" / "run.json").read_text(encoding="utf-8"))
    files = {f["file"]: f for f in run["inputs"]["contracts"]["files"]}
    for name in (SAP24, EXACT24):
        n = acc["exp"]["rows"][name]
        f = files[name]
        assert (f["rows_read"], f["rows_used"], f["rows_skipped"]) == (n + 1, n, 1), f
    rows = findings(tmp_path / "o2")
    assert all(any(matches(r, w) for r in rows) for w in acc["exp"]["findings"])


def test_the_allocation_list_in_utf16_with_a_sep_line_is_read_whole(acc: dict) -> None:
    """Woonmatch's UTF-16 text with Excel's ``sep=;`` first line: no title line skipped as
    data, every row read, the line numbers those of the file (the header is line 2)."""
    out = acc["runs"]["validate_en"].stdout
    assert not any(ln.startswith(ALLOC) and "title" in ln for ln in out.splitlines())
    at = re.compile(re.escape(ALLOC) + r":(\d+): applicant_birth_date ")
    lines = sorted(int(m.group(1)) for m in map(at.match, out.splitlines()) if m)
    assert lines == sorted(d["line"] for d in acc["exp"]["damaged"] if d["file"] == ALLOC)


def test_a_status_shown_only_by_colour_is_no_status(acc: dict) -> None:
    """A register kept by hand marks an approval by a green cell with no text: only values
    are read (docs/input-format.md says so), so the side function is pending, and flagged;
    the other row of the merged name cell, approved in words, is not."""
    rows = [r for r in findings(acc["tmp"] / "out_en") if r["rule"] == "unapproved_side_function"]
    assert [r["subject_id"] for r in rows] == ["1002"], rows
    assert "Wijkbelang" in rows[0]["path"] and "VV Elst" not in rows[0]["path"]
    doc = (ROOT / "docs" / "input-format.md").read_text(encoding="utf-8")
    assert "colour" in doc


def test_invoices_split_by_year_keep_their_own_headers(acc: dict) -> None:
    """2023 has only the amount incl. VAT (not read: a mandate is excl. VAT) and 2024 has
    both: the 2023 file is said to lack amount_eur, the 2024 file is not."""
    out = acc["runs"]["validate_en"].stdout.splitlines()
    assert any(ln.startswith(EXACT23 + ": column(s) amount_eur are missing") for ln in out)
    assert not any(ln.startswith(EXACT24 + ": column(s)") for ln in out)
