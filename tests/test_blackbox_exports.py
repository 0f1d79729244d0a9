"""Acceptance from the outside: one corporation's exports written the way real HR, ERP and
allocation systems write them (tools/acceptance_exports.py, written from scratch, not from
the demo or tests/corp.py), read through the CLI as a new user runs it.

Checked: every planted conflict is a finding with its rule, person and decision; no planted
near-miss is; run.json accounts for every row of every file; every damaged value is
reported on its file, line and column; each language's lines hold no words of the other;
exit codes for unusable rows with and without ``--skip-bad-rows``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from acceptance_runs import (RoundChecks, coi, findings, lines_in_other_language,  # noqa: E402
                             matches, run_round)
from acceptance_exports import write_exports  # noqa: E402


@pytest.fixture(scope="module")
def acc(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_round(tmp_path_factory.mktemp("acceptance"), write_exports)


class TestRound(RoundChecks):
    """The checks every round makes (:class:`acceptance_runs.RoundChecks`)."""

    min_planted = 12

    def named_files(self, acc: dict) -> list[str]:
        return super().named_files(acc) + ["contracten/" + p.name for p in
                                           (acc["data"] / "contracten").iterdir()]


def test_run_json_accounts_for_every_row_of_every_file(acc: dict) -> None:
    run = json.loads((acc["tmp"] / "out_nl" / "run.json").read_text(encoding="utf-8"))
    seen: dict[str, dict] = {}
    for table in run["inputs"].values():
        for f in table["files"]:
            assert f["rows_read"] == f["rows_used"] + f["rows_skipped"], f
            seen[f["file"]] = f
    for file, n in acc["exp"]["rows"].items():
        assert file in seen, (file, sorted(seen))
        assert seen[file]["rows_read"] == n, (file, seen[file]["rows_read"], n)
    over = seen[acc["exp"]["overlap"]["file"]]
    assert over["rows_skipped"] == len(acc["exp"]["overlap"]["ids"])
    assert over["skipped_reasons"] == {"identical duplicate (used once)": over["rows_skipped"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_damaged_value_is_reported_on_its_file_line_and_column(acc: dict,
                                                                     lang: str) -> None:
    out = acc["runs"][f"validate_{lang}"].stdout
    tag = "(waarschuwing)" if lang == "nl" else "(warning)"
    missing = []
    for d in acc["exp"]["damaged"]:
        start = f"{d['file']}:{d['line']}: {d['column']} ("
        lines = [ln for ln in out.splitlines() if ln.startswith(start)]
        if not lines or not any(ln.endswith(tag) for ln in lines):
            missing.append(d)
    assert not missing, missing


def test_a_row_that_cannot_be_used_stops_the_scan_unless_skipped(acc: dict,
                                                                 tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(acc["data"], data)
    p = data / "toewijzingen 2024.csv"
    text = p.read_bytes().decode("cp1252")
    head, first, rest = text.split("\r\n", 2)
    # an allocation handled by someone who is not on the staff list, and one without a date
    bad1 = first.replace(first.split(";")[3], "E9999", 1).replace("VH-2024-0001",
                                                                   "VH-2024-7001")
    bad2 = ";".join(v if i != 2 else "" for i, v in
                    enumerate(first.replace("VH-2024-0001", "VH-2024-7002").split(";")))
    p.write_bytes("\r\n".join([head, first, bad1, bad2, rest]).encode("cp1252"))
    ws = str(tmp_path / "ws.sqlite")
    stop = coi("scan", str(data), "--out", str(tmp_path / "o1"), "-q", "--workspace", ws,
                tmp=tmp_path)
    assert stop.returncode == 2, stop.stdout + stop.stderr
    said = stop.stdout + stop.stderr
    assert "Traceback" not in said
    assert "toewijzingen 2024.csv:3: handled_by" in said
    assert "toewijzingen 2024.csv:4: decision_date" in said
    go = coi("scan", str(data), "--out", str(tmp_path / "o2"), "-q", "--workspace", ws,
              "--skip-bad-rows", tmp=tmp_path)
    assert go.returncode == 0, go.stdout + go.stderr
    run = json.loads((tmp_path / "o2" / "run.json").read_text(encoding="utf-8"))
    f = run["inputs"]["allocations"]["files"][0]
    assert (f["rows_read"], f["rows_used"], f["rows_skipped"]) == (
        acc["exp"]["rows"]["toewijzingen 2024.csv"] + 2,
        acc["exp"]["rows"]["toewijzingen 2024.csv"], 2)
    # the planted conflicts still stand
    rows = findings(tmp_path / "o2")
    assert all(any(matches(r, w) for r in rows) for w in acc["exp"]["findings"])


def test_an_applicant_written_surname_first_with_initials_and_el_is_the_relative(
        acc: dict, tmp_path: Path) -> None:
    """'Amrani, F. el' (the particle after the initials, as HR systems that sort on the core
    surname write it) is 'F. El Amrani': the handler's wife 'Fatima el Amrani', born the same
    day. The particle was read as a given name and allocation_to_relative was missed."""
    data = tmp_path / "data"
    shutil.copytree(acc["data"], data)
    p = data / "toewijzingen 2024.csv"
    text = p.read_bytes().decode("cp1252")
    assert ";Fatima el Amrani;" in text
    p.write_bytes(text.replace(";Fatima el Amrani;", ';"Amrani, F. el";').encode("cp1252"))
    run = coi("scan", str(data), "--out", str(tmp_path / "o"), "-q", "--workspace",
               str(tmp_path / "ws.sqlite"), tmp=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    want = next(w for w in acc["exp"]["findings"] if w["rule"] == "allocation_to_relative")
    assert any(matches(r, want) for r in findings(tmp_path / "o"))


def test_mandate_kinds_written_in_the_plural_are_read_without_a_word(acc: dict) -> None:
    """A register lists what a mandate covers in the plural ('Facturen', 'Inkooporders'):
    'Facturen' refused the row (an unknown kind) and 'Inkooporders' was called a typo."""
    out = acc["runs"]["validate_nl"].stdout
    assert not [ln for ln in out.splitlines() if ln.startswith("mandaatregister.csv:")
                and ": kind (" in ln]
    run = json.loads((acc["tmp"] / "out_nl" / "run.json").read_text(encoding="utf-8"))
    f = run["inputs"]["mandates"]["files"][0]
    assert (f["rows_used"], f["rows_skipped"]) == (acc["exp"]["rows"]["mandaatregister.csv"], 0)


def test_relations_kinds_and_statuses_as_registers_write_them_are_known(acc: dict) -> None:
    """'Partner/echtgeno(o)t(e)', 'Man', 'Geregistreerd partnerschap' (relations),
    'Betaalde nevenfunctie', 'Aandelenbezit', 'Lidmaatschap RvC' (kinds), 'Geen bezwaar',
    'Openstaand', 'Verlopen' (statuses) refused their rows as unknown words."""
    out = acc["runs"]["validate_en"].stdout
    unknown = [ln for ln in out.splitlines() if "is not a known" in ln]
    assert not unknown, unknown
    # nor read as a typo of another word (the one typo planted is 'goedgekeurt')
    guessed = [ln for ln in out.splitlines() if "correct the spelling" in ln
               and "'goedgekeurt'" not in ln]
    assert not guessed, guessed


def test_every_header_of_the_registers_is_read(acc: dict) -> None:
    """Headers as registers kept by hand and KvK extracts write them: 'Ontvanger',
    'Aangeboden door', 'Datum ontvangen', 'Soort geschenk', 'Gemeld aan manager' (gifts),
    'Tekenbevoegdheid tot', 'Geldig van', 'Geldig t/m' (mandates, declarations),
    'KvK-nummer onderneming', 'Geboortedatum functionaris' (officers), 'Soort relatie'
    (relatives) were unread: a required column missing (exit 2) or an end date lost."""
    run = json.loads((acc["tmp"] / "out_en" / "run.json").read_text(encoding="utf-8"))
    unread = {t: v["columns_not_used"] for t, v in run["inputs"].items()
              if v["columns_not_used"] and t != "employees"}
    assert not unread, unread
    # the staff list's job title is the one column the contract has no place for
    assert run["inputs"]["employees"]["columns_not_used"] == ["functie"]
    out = acc["runs"]["validate_en"].stdout
    assert not [ln for ln in out.splitlines() if "looks like" in ln]


def test_overlapping_exports_that_name_a_buyer_or_supplier_with_its_name_are_one_row(
        acc: dict) -> None:
    """The overlapping export writes 'E0001 (J. Bakker)' and '20034 - Name B.V.' where the
    workbook has 'E0001' and '20034': the same order, not one id with other values (a row
    error that stopped the scan)."""
    out = acc["runs"]["validate_en"].stdout
    file = acc["exp"]["overlap"]["file"]
    lines = [ln for ln in out.splitlines() if re.match(re.escape(file) + r":\d+: ", ln)]
    # rows identical to the earlier export: one line for the file, with their count
    identical = [int(m[1]) for ln in out.splitlines() if (m := re.match(
        re.escape(file) + r": decision_id[^:]*: (\d+) row\(s\) are identical to ", ln))]
    assert len(identical) <= 1, identical
    assert len(lines) + sum(identical) == len(acc["exp"]["overlap"]["ids"]), (lines, identical)
    assert all("it is used once" in ln and ln.endswith("(warning)") for ln in lines), lines
    assert any("'E0" in ln and " (" in ln for ln in lines)  # a buyer with his name


def _bsn(i: int) -> str:
    """A nine-digit number that passes the eleven test (as a BSN does)."""
    n = 100000000 + i * 7919
    while True:
        s = str(n)
        if (sum(int(s[k]) * (9 - k) for k in range(8)) - int(s[8])) % 11 == 0:
            return s
        n += 1


@pytest.mark.parametrize("header", ["Sofi-nr", "BSN nummer"])
def test_a_bsn_column_stops_the_scan_even_when_skipping_and_says_so_in_dutch(
        acc: dict, tmp_path: Path, header: str) -> None:
    """A BSN column headed 'Sofi-nr' stopped the scan with its line in English in a Dutch
    run: a column label with a hyphen or a space was not taken for the column, so the line
    was not translated."""
    data = tmp_path / "data"
    shutil.copytree(acc["data"], data)
    p = data / "medewerkers.csv"
    lines = p.read_bytes().decode("cp1252").split("\r\n")
    lines = [ln + ";" + (header if i == 0 else _bsn(i)) if ln else ln
             for i, ln in enumerate(lines)]
    p.write_bytes("\r\n".join(lines).encode("cp1252"))
    run = coi("scan", str(data), "--out", str(tmp_path / "o"), "-q", "--skip-bad-rows",
               "--workspace", str(tmp_path / "ws.sqlite"), tmp=tmp_path)
    said = run.stdout + run.stderr
    assert run.returncode == 2, said
    assert "burgerservicenummers" in said, said
    wrong = lines_in_other_language(said, "nl", ["medewerkers.csv"])
    assert not wrong, wrong
