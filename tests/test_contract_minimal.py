"""The data contract, read as a user reads it: an export folder written by hand from the
contract's text alone (``tests/fixtures/contract_minimal``), scanned by the real CLI.

The folder holds only the contract's required columns plus the optional columns a rule
needs to see its case (an amount for a mandate, a birth date for a match, an IBAN to
share). It uses every value format the contract lists at least once: the date forms
(``2024-03-01``, ``01-03-2024``, ``1-3-2024``, ``01/03/2024``; an Excel date cell in the
workbook variant), the amount forms (``1234.56``, ``1.234,56``, ``€ 1.234,56``,
``1234,56``), the boolean forms (``ja/nee``, ``yes/no``, ``true/false``, ``1/0``, ``j/n``,
``x``/empty), postcodes (``1234 AB``, ``1234ab``), a house number with its addition in
either column, an IBAN with spaces and in lower case, KvK numbers without the leading zero
and with a space, the name forms (``van 't``, initials, ``Jansen-de Vries``,
``Vries, Bram de``, ``Çelik``, ``Ünal``), UTF-8 with and without BOM and Windows-1252,
``,`` and ``;``. Each rule of the contract has one case, and a few look-alikes that the
contract says are no finding (a sibling by default, a gift of exactly EUR 25, an invitation
reported, a gift handed in).

The expected findings below are what the contract's rule table implies for those rows:
rule, decision, register record, subject, counterparty, whether declared, the path's
nodes and the export rows cited (``table:line``, header = line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from acceptance_runs import coi

from coi_graph.findings import read_findings
from ingest.tables import TABLES

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "contract_minimal"

#: each file's encoding and delimiter, as written (so the variants keep them)
FORMATS: dict[str, tuple[str, str]] = {
    "employees.csv": ("utf-8-sig", ";"),
    "organizations.csv": ("cp1252", ";"),
    "relatives.csv": ("utf-8", ","),
    "declarations.csv": ("utf-8", ","),
    "officers.csv": ("cp1252", ","),
    "contracts.csv": ("cp1252", ";"),
    "allocations.csv": ("utf-8", ";"),
    "mandates.csv": ("utf-8", ","),
    "gifts.csv": ("utf-8-sig", ","),
}

#: (rule, decision_id, record, subject_id, counterparty, declared, path_nodes, evidence,
#: decision_ids): one per finding the contract implies for the folder
EXPECTED: set[tuple[str, ...]] = {
    # D1: E01's own declared financial interest in O1, whose contract C1 E01 handled
    ("self_interest", "C1", "", "E01", "organization:O1", "true",
     "employee:E01;organization:O1;decision:C1", "declarations:2;contracts:2", "C1"),
    # D2: E02's parent R1 holds a position at O2 (named by KvK `8765 4321`); C2 by E02
    ("relative_interest", "C2", "", "E02", "organization:O2", "true",
     "employee:E02;relative:R1;organization:O2;decision:C2",
     "relatives:2;declarations:3;contracts:3", "C2"),
    # E05's IBAN (with spaces) is O3's (lower case), not declared; C3 by E05
    ("shared_identifier", "C3", "", "E05", "organization:O3", "false",
     "employee:E05;iban:NL91ABNA0417164300;organization:O3;decision:C3",
     "employees:6;organizations:4;contracts:4", "C3"),
    # G1 from O4 to E06 on 15-01-2024, C4 with O4 by E06 on 01/06/2024 (within 365 days)
    ("gift_before_decision", "C4", "", "E06", "organization:O4", "true",
     "employee:E06;organization:O4;decision:C4", "gifts:2;contracts:5", "C4"),
    # E10's C5 (O7) and C6 (O8): O7 and O8 share a phone number written two ways
    ("linked_suppliers", "C6", "", "E10", "organization:O8", "false",
     "employee:E10;decision:C5;organization:O7;phone:+31201234567;organization:O8",
     "contracts:6;organizations:8;organizations:9;contracts:7", "C5;C6"),
    # E11's mandate is 5000: C7 (€ 3.000,00) and C8 (2.500,50) to O9 within 30 days
    ("split_orders", "C8", "", "E11", "organization:O9", "true",
     "employee:E11;decision:C8", "contracts:9;mandates:2;contracts:8", "C7;C8"),
    # C9: handled and approved by E12, 12.000,00 (from the policy's EUR 10.000)
    ("self_approval", "C9", "", "E12", "organization:O10", "true",
     "employee:E12;decision:C9", "contracts:10", "C9"),
    # A1: applicant `P. Jansen-de Vries`, born 17-05-1980, is the handler E03
    ("allocation_to_self", "A1", "", "E03", "applicant:A1", "false",
     "employee:E03;applicant:A1;decision:A1", "allocations:2;employees:4", "A1"),
    # A2: applicant Emre Çelik at 1234ab 12 a is E04's child R2 (1234 AB 12a)
    ("allocation_to_relative", "A2", "", "E04", "applicant:A2", "false",
     "employee:E04;relative:R2;applicant:A2;decision:A2", "relatives:3;allocations:3", "A2"),
    # KvK 1234567 (O5's 01234567) lists `Vries, Bram de` born 03/04/1975: E07, no declaration
    ("undeclared_interest", "", "officers:2", "E07", "organization:O5", "false",
     "employee:E07;organization:O5", "officers:2;employees:8", ""),
    # D3: a side function at an organization not in `organizations` (no counterparty id)
    ("unapproved_side_function", "", "declarations:D3", "E08", "", "true",
     "employee:E08;declared_organization:D3", "declarations:4", ""),
    # D4: an own business at O6, status empty (= pending)
    ("unapproved_side_function", "", "declarations:D4", "E06", "organization:O6", "true",
     "employee:E06;organization:O6", "declarations:5", ""),
    # G2: money (not handed in), from a giver named only by org_name
    ("gift_rule_breach", "", "gifts:G2", "E09", "", "true",
     "giver:G2;employee:E09", "gifts:3", ""),
    # G3: EUR 40, handed_in `no`
    ("gift_rule_breach", "", "gifts:G3", "E09", "organization:O1", "true",
     "organization:O1;employee:E09", "gifts:4", ""),
    # G5: an invitation, `reported` empty in a column of `x` marks: not reported
    ("gift_rule_breach", "", "gifts:G5", "E09", "organization:O1", "true",
     "organization:O1;employee:E09", "gifts:6", ""),
    # G9: `25,01`, just above the limit, handed_in `n`
    ("gift_rule_breach", "", "gifts:G9", "E09", "organization:O1", "true",
     "organization:O1;employee:E09", "gifts:10", ""),
}
# not findings: C10 (E02's sibling R3 has a position at O11; siblings count only when the
# policy adds them), A3 (an applicant nobody is), G4/G7/G10 (handed in: yes, j, 1), G6 (a
# meal reported), G8 (EUR 10), G11 (exactly EUR 25 is not above the limit), D1 and D2
# (a financial interest and a relative's position need no permission)

#: the findings.csv columns the contract lists, in its order
CONTRACT_COLUMNS = ["finding_id", "rule", "severity", "score", "decision_id", "record",
                    "subject_id", "counterparty", "declared", "path", "path_nodes",
                    "evidence"]
RULE_CODES = {"self_interest", "relative_interest", "allocation_to_self",
              "allocation_to_relative", "shared_identifier", "gift_before_decision",
              "undeclared_interest", "unapproved_side_function", "gift_rule_breach",
              "linked_suppliers", "split_orders", "self_approval"}

#: every optional column of the contract's tables, with the value the copy "with all
#: optional columns" writes in it: the contract's default where it names one (so the
#: findings must not change), else empty (a value left out); columns the minimal folder
#: already has keep their values
OPTIONAL: dict[str, dict[str, str]] = {
    "employees": {"role": "employee", "department": "Wonen", "employed_from": "",
                  "employed_until": "", "birth_date": "", "street": "", "house_number": "",
                  "house_number_addition": "", "postcode": "", "city": "", "iban": "",
                  "email": "", "phone": ""},
    "relatives": {"valid_from": "", "valid_until": "", "birth_date": "", "street": "",
                  "house_number": "", "house_number_addition": "", "postcode": "",
                  "city": "", "iban": "", "email": "", "phone": ""},
    "organizations": {"kvk_number": "", "org_type": "supplier", "street": "",
                      "house_number": "", "house_number_addition": "", "postcode": "",
                      "city": "", "iban": "", "email": "", "phone": ""},
    "declarations": {"relative_id": "", "position": "", "share_pct": "", "paid": "",
                     "valid_from": "", "valid_until": "", "status": "pending",
                     "decided_by": "", "decided_on": ""},
    "officers": {"role": "", "birth_date": "", "valid_from": "", "valid_until": "",
                 "officer_kvk_number": ""},
    "contracts": {"kind": "contract", "amount_eur": "", "approved_by": "",
                  "requested_by": "", "description": "werk volgens offerte"},
    "allocations": {"kind": "rental", "approved_by": "", "unit_id": "", "applicant_birth_date": "",
                    "applicant_street": "", "applicant_house_number": "",
                    "applicant_house_number_addition": "", "applicant_postcode": "",
                    "applicant_city": "", "applicant_iban": "", "applicant_email": "",
                    "applicant_phone": "", "discount_eur": "", "rank": "",
                    "basis": "list"},
    "mandates": {"kind": "", "valid_from": "", "valid_until": ""},
    "gifts": {"kind": "gift", "value_eur": "", "handed_in": "", "reported": "",
              "description": ""},
}


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    enc, delim = FORMATS[path.name]
    with path.open(encoding=enc, newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delim))
    return rows[0], rows[1:]


def write_table(path: Path, header: list[str], rows: list[list[str]]) -> None:
    enc, delim = FORMATS[path.name]
    with path.open("w", encoding=enc, newline="") as fh:
        csv.writer(fh, delimiter=delim, lineterminator="\r\n").writerows([header, *rows])


def with_every_optional_column(src: Path, dst: Path) -> None:
    """The folder again with every optional contract column (and an extra column, which the
    contract says is ignored), headers in capitals with spaces around them (matched
    case-insensitively, spaces ignored)."""
    shutil.copytree(src, dst)
    for path in sorted(dst.glob("*.csv")):
        header, rows = read_table(path)
        for column, value in OPTIONAL[path.stem].items():
            if column not in header:
                header.append(column)
                for r in rows:
                    r.append(value)
        header.append("Opmerking")
        for r in rows:
            r.append("zie dossier")
        write_table(path, [f" {h.upper()} " for h in header], rows)


def as_workbook(src: Path, dst: Path) -> None:
    """The folder with `allocations` as an .xlsx (first sheet) whose dates are date cells."""
    import openpyxl

    shutil.copytree(src, dst)
    header, rows = read_table(dst / "allocations.csv")
    (dst / "allocations.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    dates = {header.index("decision_date"), header.index("applicant_birth_date")}
    for r in rows:
        ws.append([_date_cell(v) if i in dates and v else v for i, v in enumerate(r)])
    wb.save(dst / "allocations.xlsx")


def _date_cell(text: str) -> dt.datetime:
    for form in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            pass
    raise AssertionError(text)


def scan_folder(data: Path, tmp: Path) -> tuple[Path, list[dict[str, str]]]:
    tmp.mkdir(parents=True, exist_ok=True)
    out = tmp / "run"
    proc = coi("scan", str(data), "--out", str(out), "-q", "--workspace",
               str(tmp / "ws.sqlite"), tmp=tmp)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        return out, list(csv.DictReader(fh))


def as_expected(rows: list[dict[str, str]]) -> set[tuple[str, ...]]:
    return {(r["rule"], r["decision_id"], r["record"], r["subject_id"], r["counterparty"],
             r["declared"], r["path_nodes"], r["evidence"], r["decision_ids"]) for r in rows}


def test_the_folder_holds_only_what_the_contract_asks_and_the_rules_need() -> None:
    """Every required contract column is in the folder's files; every other column is one
    of the contract's optional ones (no extension of this tool's is needed)."""
    for path in sorted(FIXTURE.glob("*.csv")):
        header, rows = read_table(path)
        spec = TABLES[path.stem]
        required = {c.name for c in spec.columns if c.required}
        one_of = {c for group in spec.one_of for c in group}
        assert required <= set(header), (path.name, required - set(header))
        assert all(set(group) & set(header) for group in spec.one_of), path.name
        assert set(header) - required - one_of <= set(OPTIONAL[path.stem]), path.name
        assert rows and all(len(r) == len(header) for r in rows), path.name
    assert (FIXTURE / "employees.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\x80" in (FIXTURE / "contracts.csv").read_bytes()  # € in Windows-1252


def test_the_optional_columns_are_the_contracts() -> None:
    """The copy's optional columns are each a column the code reads (none left unread)."""
    for table, columns in OPTIONAL.items():
        spec = TABLES[table]
        for column in columns:
            assert spec.has(column) and not spec.column(column).required, (table, column)
        for column in ("role", "kind", "basis", "status"):
            if column in columns and columns[column]:
                assert spec.column(column).default in (None, columns[column]), (table, column)


def test_a_hand_written_folder_gives_exactly_the_findings_the_contract_implies(
        tmp_path: Path) -> None:
    out, rows = scan_folder(FIXTURE, tmp_path)
    assert as_expected(rows) == EXPECTED
    assert len(rows) == len(EXPECTED)
    by_rule = {r["rule"] for r in rows}
    assert by_rule == RULE_CODES  # one case per rule of the contract
    # the path reads from the subject (or the giver) to the decision
    names = {"E01": "Jan de Vries", "E12": "A.M. de Wit", "E03": "Petra Jansen-de Vries"}
    for r in rows:
        if r["subject_id"] in names:
            assert r["path"].startswith(names[r["subject_id"]]), r["path"]
        # every decision it cites is among the rows of its evidence (C7 is contracts:8)
        for did in filter(None, r["decision_ids"].split(";")):
            table = "contracts" if did[0] == "C" else "allocations"
            assert f"{table}:{int(did[1:]) + 1}" in r["evidence"].split(";"), r
    # run.json: counts per rule; per table every row read is used (none skipped), each
    # file's encoding and delimiter detected as written
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["counts"]["by_rule"] == dict(Counter(e[0] for e in EXPECTED))
    for name, (enc, delim) in FORMATS.items():
        table = run["inputs"][name.removesuffix(".csv")]
        ascii_only = (FIXTURE / name).read_bytes().isascii()
        assert (table["encoding"] if not ascii_only else enc, table["delimiter"]) == (
            enc, delim), name
        assert table["rows_read"] == table["rows_used"] > 0 and table["rows_skipped"] == 0


def test_every_optional_column_present_gives_the_same_findings(tmp_path: Path) -> None:
    full = tmp_path / "full"
    with_every_optional_column(FIXTURE, full)
    _, minimal = scan_folder(FIXTURE, tmp_path / "a")
    _, rows = scan_folder(full, tmp_path / "b")
    assert as_expected(rows) == EXPECTED
    # the same situations: the same finding ids
    assert sorted(r["finding_id"] for r in rows) == sorted(r["finding_id"] for r in minimal)


def test_an_excel_workbook_with_date_cells_gives_the_same_findings(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    book = tmp_path / "book"
    as_workbook(FIXTURE, book)
    _, rows = scan_folder(book, tmp_path / "b")
    assert as_expected(rows) == EXPECTED


def test_the_findings_files_carry_the_contracts_fields(tmp_path: Path) -> None:
    """findings.csv: UTF-8, comma, the contract's columns first and in its order, each value
    of the documented form; findings.json: the same findings and values (its version 2
    keeps path, path_nodes, evidence and declared in its shared evidence index, which
    ``read_findings`` reads back)."""
    out, rows = scan_folder(FIXTURE, tmp_path)
    text = (out / "findings.csv").read_bytes().decode("utf-8")
    header = next(csv.reader([text.splitlines()[0]]))
    assert header[:len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    for r in rows:
        assert r["rule"] in RULE_CODES
        assert r["severity"] in ("high", "medium", "low")
        assert r["score"].isdigit() and 0 <= int(r["score"]) <= 100
        assert r["finding_id"].startswith("F-")
        assert r["declared"] in ("true", "false")
        assert (r["decision_id"] == "") != (r["record"] == ""), r
        assert r["record"].split(":")[0] in ("", "declarations", "gifts", "officers")
        assert r["counterparty"].split(":")[0] in ("", "organization", "applicant", "person")
        assert all(":" in n for n in r["path_nodes"].split(";"))
        assert all(e.split(":")[0] in TABLES and e.rsplit(":", 1)[1].isdigit()
                   for e in r["evidence"].split(";"))
    doc = json.loads((out / "findings.json").read_text("utf-8"))
    assert [f["finding_id"] for f in doc["findings"]] == [r["finding_id"] for r in rows]
    for f, r in zip(doc["findings"], rows):
        assert isinstance(f["score"], int) and str(f["score"]) == r["score"]
        for column in CONTRACT_COLUMNS[:8]:
            assert str(f[column]) == r[column], column
    back = read_findings(out)
    for f, r in zip(back, rows):
        for column in CONTRACT_COLUMNS:
            if column == "path":  # stored with the graph's codes; the CSV's is worded
                assert f[column].split(" -[")[0] == r[column].split(" -[")[0]
                continue
            got = f[column]
            got = {True: "true", False: "false"}.get(got, got) if isinstance(got, bool) else got
            got = ";".join(got) if isinstance(got, list) else str(got)
            assert got == r[column], (column, got, r[column])
