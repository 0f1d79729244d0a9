"""Deterministic mutation fuzzer for the input side of ``coi scan`` and ``coi validate``.

Hand-written hostile cases (tests/test_hostile_input.py, tests/test_folder_robustness.py,
tests/test_sloppy_values.py, tools/sloppy_export.py) cover what someone thought of; this
tool damages a small clean data folder at random, the way a broken disk, a wrong "save as"
or a careless edit would, and checks the input contract of docs/input-format.md on each:

- no Python traceback (an exception other than the CLI's own ``SystemExit``);
- the exit code is one the docs name (``validate``: 0 or 2; ``scan``: 0 or 2; 1 is a
  failed run, not an answer to bad input);
- the case finishes within ``--timeout`` seconds (each case runs in its own forked process,
  killed when late: a hang in a regular expression holds the GIL and ignores signals);
- ``scan`` without ``--skip-bad-rows`` stops (2) exactly when ``validate`` lists an error;
- when the scan ran (exit 0, ``--skip-bad-rows``), every file's rows add up in run.json
  (read = used + skipped) and, for mutations that keep the rows (a value made text, a
  date out of range, a long cell), no row went missing;
- every problem line and error line has its Dutch (the run is in Dutch: a line the
  catalogue does not cover comes out in English, and a part it passed on as it was leaves
  English words in a Dutch line; both are reported as ``untranslated``).

Run from the checkout root::

    python tools/fuzz_inputs.py                       # 400 cases, seed 16, 2 processes
    python tools/fuzz_inputs.py --cases 2000 --seed 3 --jobs 2 --out /tmp/fuzz-failures
    python tools/fuzz_inputs.py --kind xlsx_shared_string --cases 20   # one mutation only

It prints a table of failures by kind (mutation x check) and writes each failing case's
data folder, with ``case.json`` (mutation, seed, what failed, the output), to ``--out``;
re-run one with ``python -m coi_graph.cli validate OUT/NNNN-kind/data``, or the same case
again with ``--seed S --start NNNN --cases 1``.  A case takes about 1 s of CPU (validate
and two scans of a nine-table folder, with and without ``--skip-bad-rows``); 400 cases take
4 minutes with ``--jobs 2`` on two idle cores, 15 on busy ones.  The same seed gives the
same cases.  Exit status 0 when no case failed, 1 otherwise.

The unreadable-file case (mode 000) runs as user ``nobody`` when the fuzzer runs as root
(root reads such a file all the same).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# -- the clean seed folder -------------------------------------------------------------------

#: A corporation of every table, small enough that a case takes a second: every required column,
#: some optional ones of each type (date, number, amount, postcode, IBAN, phone, e-mail, bool).
SEED: dict[str, list[dict[str, str]]] = {
    "employees": [
        {"employee_id": "E1", "name": "Jan de Vries", "role": "employee", "department": "Inkoop",
         "birth_date": "01-02-1970", "postcode": "1234 AB", "house_number": "10",
         "iban": "NL91 ABNA 0417 1643 00", "phone": "06-12345678",
         "email": "jan@example.nl", "employed_from": "01-01-2010"},
        {"employee_id": "E2", "name": "Anna Bakker", "role": "manager", "department": "Inkoop",
         "birth_date": "1975-05-05", "postcode": "2345CD", "house_number": "5", "iban": "",
         "phone": "", "email": "", "employed_from": "2012-03-01"},
        {"employee_id": "E3", "name": "Kees Smit", "role": "employee", "department": "Verhuur",
         "birth_date": "1980-08-08", "postcode": "3456EF", "house_number": "7", "iban": "",
         "phone": "020-1234567", "email": "", "employed_from": ""},
        {"employee_id": "E4", "name": "Fatima el Amrani", "role": "employee",
         "department": "Verhuur", "birth_date": "12-12-1988", "postcode": "4567GH",
         "house_number": "12a", "iban": "", "phone": "", "email": "f.elamrani@example.nl",
         "employed_from": "01-09-2019"},
    ],
    "relatives": [
        {"relative_id": "R1", "employee_id": "E1", "relation": "partner",
         "name": "Petra de Vries", "birth_date": "03-04-1972", "postcode": "1234AB",
         "house_number": "10"},
        {"relative_id": "R2", "employee_id": "E1", "relation": "child", "name": "Tom de Vries",
         "birth_date": "2000-06-01", "postcode": "9999ZZ", "house_number": "1"},
    ],
    "organizations": [
        {"org_id": "O1", "name": "Bouwbedrijf Noord B.V.", "kvk_number": "12345678",
         "postcode": "5555AA", "house_number": "1", "iban": "NL02ABNA0123456789"},
        {"org_id": "O2", "name": "Schildersbedrijf Zuid", "kvk_number": "2345678",
         "postcode": "6666BB", "house_number": "2", "iban": ""},
        {"org_id": "O3", "name": "Installatie De Vries", "kvk_number": "87654321",
         "postcode": "1234AB", "house_number": "10", "iban": ""},
    ],
    "contracts": [
        {"decision_id": "D1", "kind": "contract", "org_id": "O1", "amount_eur": "48.000,00",
         "decision_date": "01-03-2024", "handled_by": "E1", "approved_by": "E2"},
        {"decision_id": "D2", "kind": "invoice", "org_id": "O2", "amount_eur": "1.234,56",
         "decision_date": "2024-04-01", "handled_by": "E3", "approved_by": "E2"},
        {"decision_id": "D3", "kind": "order", "org_id": "O3", "amount_eur": "950",
         "decision_date": "15-05-2024", "handled_by": "E1", "approved_by": "E4"},
    ],
    "declarations": [
        {"declaration_id": "DC1", "employee_id": "E1", "kind": "financial_interest",
         "org_id": "O1", "status": "approved", "valid_from": "01-01-2020",
         "share_pct": "10", "paid": "nee"},
    ],
    "officers": [
        {"kvk_number": "12345678", "name": "Petra de Vries", "role": "bestuurder",
         "birth_date": "03-04-1972", "valid_from": "01-01-2015", "officer_kvk_number": ""},
        {"kvk_number": "87654321", "name": "Holding Noord B.V.", "role": "aandeelhouder",
         "birth_date": "", "valid_from": "", "officer_kvk_number": "11223344"},
        {"kvk_number": "2345678", "name": "Kees Smit", "role": "Commissaris",
         "birth_date": "1980-08-08", "valid_from": "2020-06-01", "officer_kvk_number": ""},
    ],
    "allocations": [
        {"decision_id": "A1", "kind": "verhuur", "decision_date": "01-06-2024",
         "handled_by": "E3", "approved_by": "E4", "unit_id": "W100",
         "applicant_name": "Tom de Vries", "applicant_birth_date": "01-06-2000",
         "applicant_postcode": "9999 ZZ", "applicant_house_number": "1",
         "applicant_iban": "", "applicant_email": "tom@example.nl", "rank": "1",
         "basis": "regulier", "status": "toegewezen", "discount_eur": ""},
        {"decision_id": "A2", "kind": "urgentie", "decision_date": "2024-07-15",
         "handled_by": "E4", "approved_by": "E3", "unit_id": "W101",
         "applicant_name": "Sanne Jansen", "applicant_birth_date": "1990-11-30",
         "applicant_postcode": "8888YY", "applicant_house_number": "22-2",
         "applicant_iban": "NL91ABNA0417164300", "applicant_email": "", "rank": "2",
         "basis": "urgentie", "status": "Toegewezen", "discount_eur": "1.500,00"},
    ],
    "gifts": [
        {"gift_id": "G1", "employee_id": "E1", "org_id": "O1", "org_name": "",
         "date": "15-02-2024", "kind": "meal", "value_eur": "75,00", "handed_in": "nee",
         "reported": "ja", "description": "diner"},
        {"gift_id": "G2", "employee_id": "E3", "org_id": "", "org_name": "Schildersbedrijf Zuid",
         "date": "2024-03-20", "kind": "cadeaubon", "value_eur": "25", "handed_in": "ja",
         "reported": "ja", "description": ""},
    ],
    "mandates": [
        {"employee_id": "E1", "limit_eur": "50.000", "kind": "", "valid_from": "01-01-2020"},
        {"employee_id": "E3", "limit_eur": "1000", "kind": "factuur", "valid_from": ""},
    ],
}

#: (delimiter, encoding) per seed file: Dutch Excel's and a system's way
WRITTEN_AS = {"employees": (";", "cp1252"), "relatives": (",", "utf-8"),
              "organizations": (";", "utf-8"), "contracts": (";", "cp1252"),
              "declarations": (",", "utf-8"), "officers": (";", "cp1252"),
              "allocations": (";", "cp1252"), "gifts": (",", "utf-8"),
              "mandates": (";", "utf-8")}


def csv_bytes(table: str, rows: list[dict[str, str]] | None = None) -> bytes:
    """A seed table as the bytes of its CSV file."""
    delim, enc = WRITTEN_AS[table]
    rows = SEED[table] if rows is None else rows
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=delim, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode(enc)


def write_seed(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table in SEED:
        (folder / f"{table}.csv").write_bytes(csv_bytes(table))


def write_xlsx(path: Path, rows: list[list[Any]], merge: str | None = None) -> None:
    """``rows`` (header first) as a workbook of one sheet, as Excel saves it."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)


def table_rows(table: str) -> list[list[Any]]:
    cols = list(SEED[table][0])
    return [cols] + [[r.get(c, "") for c in cols] for r in SEED[table]]


# -- mutations ------------------------------------------------------------------------------


@dataclass
class Case:
    """One damaged folder: which mutation, on which file, and how many rows the damaged
    table should still have when the mutation keeps rows (None: it may change them)."""

    number: int
    kind: str
    target: str
    detail: str = ""
    rows_expected: dict[str, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


Mutation = Callable[[random.Random, Path, str], tuple[str, dict[str, int] | None]]
MUTATIONS: dict[str, Mutation] = {}


def mutation(fn: Mutation) -> Mutation:
    MUTATIONS[fn.__name__] = fn
    return fn


def _data_span(data: bytes) -> tuple[int, int]:
    """Byte offsets of the data rows (after the header line)."""
    first = data.find(b"\n")
    return (first + 1 if first >= 0 else 0), len(data)


@mutation
def byte_flip(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    p = folder / f"{table}.csv"
    data = bytearray(p.read_bytes())
    n = rng.randint(1, 4)
    where = []
    for _ in range(n):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
        where.append(i)
    p.write_bytes(bytes(data))
    return f"flipped bytes at {where}", None


INSERTS = [b"\x00", b"\x1a", b"\xed\xa0\x80", b"\xff\xfe", b"\xc3", b"\xef\xbb\xbf",
           b"\x80\x81", b"\xe2\x80\xae", b"\x0b", b"\x0c", b"\x85", b"\xc2\x85"]


@mutation
def insert_bytes(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    """NUL, Ctrl-Z, a lone surrogate written as UTF-8, invalid UTF-8, a BOM in the middle,
    a right-to-left override, a vertical tab, NEL: inside a data value (rows are kept)."""
    p = folder / f"{table}.csv"
    data = p.read_bytes()
    delim = WRITTEN_AS[table][0].encode()
    start, end = _data_span(data)
    # a position inside a value: after a letter or digit
    spots = [i for i in range(start + 1, end) if chr(data[i - 1]).isalnum()
             and data[i:i + 1] not in (delim, b"\r", b"\n")]
    i = rng.choice(spots)
    ins = rng.choice(INSERTS)
    p.write_bytes(data[:i] + ins + data[i:])
    keeps = ins not in (b"\x85", b"\xc2\x85", b"\x0b", b"\x0c")  # line breaks to some readers
    return f"inserted {ins!r} at {i}", ({table: len(SEED[table])} if keeps else None)


@mutation
def utf16(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    p = folder / f"{table}.csv"
    text = csv_bytes(table).decode(WRITTEN_AS[table][1])
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    data = text.encode(enc)
    if rng.random() < 0.3:  # truncated to an odd length
        p.write_bytes(data[:len(data) - 1])
        return f"{enc}, odd length", None
    p.write_bytes(data)
    return enc, {table: len(SEED[table])}


@mutation
def truncate(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    p = folder / f"{table}.csv"
    data = p.read_bytes()
    n = rng.randrange(len(data))
    p.write_bytes(data[:n])
    return f"truncated at {n} of {len(data)}", None


@mutation
def lines(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    """Delete, duplicate or swap lines (the header included)."""
    p = folder / f"{table}.csv"
    ls = p.read_bytes().split(b"\r\n")
    op = rng.choice(["delete", "duplicate", "swap", "duplicate_header_after"])
    i = rng.randrange(len(ls) - 1)
    j = rng.randrange(len(ls) - 1)
    if op == "delete":
        del ls[i]
    elif op == "duplicate":
        ls.insert(i, ls[i])
    elif op == "swap":
        ls[i], ls[j] = ls[j], ls[i]
    else:
        ls.insert(max(i, 1), ls[0])
    p.write_bytes(b"\r\n".join(ls))
    return f"{op} {i} {j}", None


@mutation
def quotes(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    p = folder / f"{table}.csv"
    data = p.read_bytes()
    delim = WRITTEN_AS[table][0].encode()
    start, end = _data_span(data)
    cuts = [i for i in range(start, end) if data[i - 1:i] in (delim, b"\n") or
            data[i:i + 1] in (delim, b"\r")]
    i = rng.choice(cuts)
    q = rng.choice([b'"', b'""', b'"""', b"'", b'"x'])
    p.write_bytes(data[:i] + q + data[i:])
    return f"{q!r} at {i}", None


@mutation
def separators(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    """Another separator for the whole file, or for some lines only."""
    delim = WRITTEN_AS[table][0]
    other = rng.choice([s for s in [",", ";", "\t", "|"] if s != delim])
    p = folder / f"{table}.csv"
    text = p.read_bytes().decode(WRITTEN_AS[table][1])
    ls = text.split("\r\n")
    if rng.random() < 0.5:
        ls = [line.replace(delim, other) for line in ls]
        how = "whole file"
        keeps: Any = {table: len(SEED[table])}
    else:
        k = rng.randrange(len(ls) - 1)
        ls[k] = ls[k].replace(delim, other)
        how = f"line {k + 1}"
        keeps = None
    p.write_bytes("\r\n".join(ls).encode(WRITTEN_AS[table][1]))
    return f"{delim!r}->{other!r} {how}", keeps


def _set_cell(rng: random.Random, folder: Path, table: str, column: str | None,
              value: Callable[[str], str]) -> tuple[str, str]:
    rows = [dict(r) for r in SEED[table]]
    row = rng.randrange(len(rows))
    col = column or rng.choice(list(rows[row]))
    rows[row][col] = value(rows[row][col])
    data = csv_bytes(table, rows) if WRITTEN_AS[table][1] == "utf-8" else None
    if data is None:
        try:
            data = csv_bytes(table, rows)
        except UnicodeEncodeError:
            delim, _ = WRITTEN_AS[table]
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=delim,
                               lineterminator="\r\n")
            w.writeheader()
            w.writerows(rows)
            data = buf.getvalue().encode("utf-8")
    (folder / f"{table}.csv").write_bytes(data)
    return col, f"line {row + 2}"


@mutation
def long_cell(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    n = rng.choice([201, 5_000, 100_000, 999_999, 1_000_001, 2_000_000])
    # runs of one character or pair: what a pattern over names, ids, amounts, dates or
    # e-mail addresses may try at every position (a run of ';' and one of '(' hung once)
    ch = rng.choice(["x", "é", "a b ", "1", ";", "\n", "(", ")", ".", "-", "@", ",", "'",
                     "/", ":", " ", "0,", "de ", "A.", "€", "\"", "a-"])
    col, where = _set_cell(rng, folder, table, None, lambda v: (ch * n)[:n])
    keeps = {table: len(SEED[table])} if n <= 1_000_000 else None
    return f"{col} {where}: {n} x {ch!r}", keeps


@mutation
def long_line(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    """A line of many empty or short fields (more fields than the header)."""
    p = folder / f"{table}.csv"
    delim = WRITTEN_AS[table][0].encode()
    n = rng.choice([50, 1_001, 20_000, 200_000])
    data = p.read_bytes().rstrip(b"\r\n") + b"\r\n" + b"E99" + delim * n + b"\r\n"
    p.write_bytes(data)
    return f"{n} fields", None


NUMBERLIKE = ["amount_eur", "share_pct", "house_number", "kvk_number", "birth_date",
              "postcode", "iban", "phone"]
TEXTS = ["n.v.t.", "#N/A", "-", "twaalf", "1e308", "NaN", "inf", "-0", "1,2,3", "0x1F",
         "١٢٣", "１２", "12\u00a0345", "€ -", "=1+1", "@SUM(A1)", "+31", "99999999999999999999"]


@mutation
def number_as_text(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    cols = [c for c in SEED[table][0] if c in NUMBERLIKE] or list(SEED[table][0])
    text = rng.choice(TEXTS)
    col, where = _set_cell(rng, folder, table, rng.choice(cols), lambda v: text)
    return f"{col} {where}: {text!r}", {table: len(SEED[table])}


DATES = ["31-02-2024", "00-00-0000", "01-01-0001", "31-12-9999", "1-1-1", "2024-13-01",
         "99-99-9999", "1899-12-30", "01-01-1600", "29-02-2023", "2024-02-30T25:61",
         "0", "-1", "999999", "45000", "1e5", "01-01-10000", "32/13/2024", "2024"]


@mutation
def date_out_of_range(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    cols = [c for c in SEED[table][0] if "date" in c or c.endswith(("_from", "_on"))]
    if not cols:
        table = "employees"
        cols = ["birth_date", "employed_from"]
    text = rng.choice(DATES)
    col, where = _set_cell(rng, folder, table, rng.choice(cols), lambda v: text)
    return f"{table}.{col} {where}: {text!r}", {table: len(SEED[table])}


@mutation
def header(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    p = folder / f"{table}.csv"
    delim, enc = WRITTEN_AS[table]
    text = p.read_bytes().decode(enc)
    head, _, body = text.partition("\r\n")
    cols = head.split(delim)
    op = rng.choice(["duplicate", "empty", "only_header", "title_rows", "other_table",
                     "blank", "spaces", "numbers"])
    if op == "duplicate":
        i = rng.randrange(len(cols))
        cols[rng.randrange(len(cols))] = cols[i]
    elif op == "empty":
        cols[rng.randrange(len(cols))] = ""
    elif op == "only_header":
        body = ""
    elif op == "title_rows":
        head = f"Export {table} 2024{delim * 2}\r\n{delim * 3}\r\n" + head
        p.write_bytes((head + "\r\n" + body).encode(enc))
        return op, None
    elif op == "other_table":
        other = rng.choice([t for t in SEED if t != table])
        cols = list(SEED[other][0])[:len(cols)] + cols[len(SEED[other][0]):]
    elif op == "blank":
        cols = [""] * len(cols)
    elif op == "spaces":
        cols = [f"  {c.upper()}  " for c in cols]
    else:
        cols = [str(i) for i in range(len(cols))]
    p.write_bytes((delim.join(cols) + "\r\n" + body).encode(enc))
    return op, None


@mutation
def line_ends(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    p = folder / f"{table}.csv"
    data = p.read_bytes()
    end = rng.choice([b"\r", b"\n", b"\r\r\n", b"\n\r", b"\u2028".decode("unicode_escape").encode()])
    if rng.random() < 0.5:
        data = data.replace(b"\r\n", end)
        return f"all {end!r}", {table: len(SEED[table])} if end != b"\n\r" else None
    ls = data.split(b"\r\n")
    k = rng.randrange(len(ls) - 1)
    data = b"\r\n".join(ls[:k]) + (b"\r\n" if k else b"") + end.join(ls[k:k + 2]) \
        + b"\r\n" + b"\r\n".join(ls[k + 2:])
    p.write_bytes(data)
    return f"one {end!r} at line {k + 1}", None


# -- workbooks ------------------------------------------------------------------------------


def _to_xlsx(folder: Path, table: str, rows: list[list[Any]] | None = None,
             merge: str | None = None) -> Path:
    (folder / f"{table}.csv").unlink()
    path = folder / f"{table}.xlsx"
    write_xlsx(path, rows or table_rows(table), merge)
    return path


def _rewrite_member(path: Path, name_part: str, change: Callable[[bytes], bytes]) -> str:
    """Rewrite the first zip member whose name holds ``name_part``."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    hit = ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if not hit and name_part in info.filename:
                data, hit = change(data), info.filename
            z.writestr(info.filename, data)
    return hit


@mutation
def xlsx_corrupt_member(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    path = _to_xlsx(folder, table)
    _shared_strings(path)
    part = rng.choice(["sheet1.xml", "sharedStrings", "workbook.xml", "styles", "[Content_Types]",
                       "workbook.xml.rels"])

    def damage(data: bytes) -> bytes:
        b = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        if rng.random() < 0.3:
            return bytes(b[:rng.randrange(len(b))])
        return bytes(b)

    hit = _rewrite_member(path, part, damage)
    return f"{hit} damaged", None


@mutation
def xlsx_truncated(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    path = _to_xlsx(folder, table)
    data = path.read_bytes()
    n = rng.randrange(len(data))
    path.write_bytes(data[:n])
    return f"truncated at {n} of {len(data)}", None


@mutation
def xlsx_not_a_workbook(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    """Another format under the .xlsx name: an OLE file (an old .xls, a password-protected
    workbook), a zip without a workbook, a PDF, nothing."""
    path = _to_xlsx(folder, table)
    head = rng.choice([b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256)
                                                               for _ in range(600)),
                       b"%PDF-1.4\n", b"", b"PK\x05\x06" + bytes(18)])
    if rng.random() < 0.3:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("readme.txt", "no workbook")
        head = buf.getvalue()
    path.write_bytes(head)
    return f"{head[:8]!r}", None


@mutation
def xlsx_dimension(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    path = _to_xlsx(folder, table)
    ref = rng.choice(["A1", "A1:XFD1048576", "A1:B2", "ZZ9", "A1:A1", "B3:A1", "garbage", ""])
    _rewrite_member(path, "sheet1.xml",
                    lambda d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="'
                                     + ref.encode() + b'"', d))
    return f"dimension {ref!r}", {table: len(SEED[table])}


def _shared_strings(path: Path) -> None:
    """Store the sheet's text in a shared-string table, as Excel does (openpyxl writes
    inline strings)."""
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    strings: list[str] = []

    def to_index(m: re.Match[bytes]) -> bytes:
        strings.append(m[2].decode("utf-8"))
        return m[1] + b't="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(rb'(<c r="[A-Z]+[0-9]+"[^>]*?)t="inlineStr"><is><t[^>]*>(.*?)</t>'
                            rb"</is></c>", to_index, members[sheet], flags=re.S)
    members["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>").encode("utf-8")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


@mutation
def xlsx_shared_string(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    path = _to_xlsx(folder, table)
    _shared_strings(path)
    bad = rng.choice([b"9999", b"-1", b"x", b"", b"1.5", b"99999999999999999999"])

    def change(d: bytes) -> bytes:
        cells = list(re.finditer(rb'(<c r="[A-Z]+([0-9]+)"[^>]*t="s"[^>]*><v>)([^<]*)(</v>)', d))
        cells = [m for m in cells if int(m[2]) > 1] or cells
        m = rng.choice(cells)
        return d[:m.start(3)] + bad + d[m.end(3):]

    _rewrite_member(path, "sheet1.xml", change)
    return f"shared string index {bad!r}", None


ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NULL!", "#NUM!"]


@mutation
def xlsx_cells(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    """Formulas, error cells, dates as numbers and as text, numbers where text is due."""
    import datetime as dt

    rows = table_rows(table)
    r = rng.randrange(1, len(rows))
    c = rng.randrange(len(rows[0]))
    op = rng.choice(["formula", "error", "date_number", "date_text", "datetime", "float",
                     "bool", "huge"])
    value: Any = {"formula": rng.choice(["=1/0", "=A2&B2", "=NA()", "=SUM(A:A)", "=INDIRECT(\"Z\")"]),
                  "error": rng.choice(ERRORS),
                  "date_number": rng.choice([25000, 0, -1, 2958466, 60, 45000.5]),
                  "date_text": rng.choice(["1-2-1970", "1970", "feb 1970", "31-02-1970"]),
                  "datetime": rng.choice([dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31),
                                          dt.date(1970, 2, 1), dt.time(12, 0)]),
                  "float": rng.choice([1e308, float("nan"), 7.0, 0.1 + 0.2, -0.0]),
                  "bool": rng.choice([True, False]),
                  "huge": 10 ** rng.choice([15, 20, 30])}[op]
    rows[r][c] = value
    path = _to_xlsx(folder, table, rows)
    if op == "error":  # openpyxl writes '#N/A' as a string; make it an error cell
        col = chr(ord("A") + c)
        _rewrite_member(path, "sheet1.xml", lambda d: re.sub(
            rb'<c r="' + f"{col}{r + 1}".encode() + rb'"[^>]*>.*?</c>',
            b'<c r="' + f"{col}{r + 1}".encode() + b'" t="e"><v>' + value.encode()
            + b"</v></c>", d, count=1, flags=re.S))
    keeps = {table: len(SEED[table])}
    return f"{op} {rows[0][c]} row {r + 1}: {value!r}", keeps


@mutation
def xlsx_merged(rng: random.Random, folder: Path, table: str) -> tuple[str, Any]:
    rows = table_rows(table)
    width, height = len(rows[0]), len(rows)
    c1 = rng.randrange(width)
    r1 = rng.randrange(1, height + 1)
    c2 = min(width - 1, c1 + rng.randrange(3))
    r2 = min(height, r1 + rng.randrange(3))
    ref = f"{chr(65 + c1)}{r1}:{chr(65 + c2)}{r2}"
    if ref.split(":")[0] == ref.split(":")[1]:
        ref = f"{chr(65 + c1)}{r1}:{chr(65 + c1)}{r1 + 1}"
    _to_xlsx(folder, table, rows, merge=ref)
    return f"merged {ref}", None


# -- the folder ----------------------------------------------------------------------------


@mutation
def folder(rng: random.Random, root: Path, table: str) -> tuple[str, Any]:
    op = rng.choice(["nested", "symlink_loop", "symlink_dangling", "symlink_to_dir", "fifo",
                     "dir_named_table", "unreadable", "deep", "empty_subfolder_table",
                     "symlink_self_file"])
    if op == "nested":
        sub = root / "archief" / "2023"
        sub.mkdir(parents=True)
        shutil.copy(root / f"{table}.csv", sub / f"{table}.csv")
    elif op == "symlink_loop":
        (root / "loop").symlink_to(root, target_is_directory=True)
        (root / f"{table}_x").mkdir()
        (root / f"{table}_x" / "up").symlink_to("..", target_is_directory=True)
    elif op == "symlink_dangling":
        (root / f"{table}_2024.csv").symlink_to(root / "nowhere.csv")
    elif op == "symlink_to_dir":
        (root / "relatives.xlsx").symlink_to(root, target_is_directory=True)
    elif op == "fifo":
        os.mkfifo(root / f"{table}_2024.csv")
    elif op == "dir_named_table":
        (root / f"{table}.csv").rename(root / "tmp.bin")
        (root / f"{table}.csv").mkdir()
        (root / "tmp.bin").rename(root / f"{table}.csv" / f"{table}.csv")
    elif op == "unreadable":
        (root / f"{table}.csv").chmod(0)
    elif op == "deep":
        d = root
        for i in range(60):
            d = d / f"{table}{i}"
        d.mkdir(parents=True)
        shutil.copy(root / f"{table}.csv", d / f"{table}.csv")
    elif op == "empty_subfolder_table":
        (root / table).mkdir()
    else:
        (root / f"{table}_self.csv").symlink_to(f"{table}_self.csv")
    return op, None


# -- running a case -------------------------------------------------------------------------

CSV_ONLY = {"byte_flip", "insert_bytes", "utf16", "truncate", "lines", "quotes", "separators",
            "long_cell", "long_line", "number_as_text", "date_out_of_range", "header",
            "line_ends"}
WORDS = re.compile(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}")
#: English in a Dutch line (a part the catalogue passed on as it was, such as a hint)
ENGLISH = re.compile(r"\b(?:the|it|is|are|and|or|of|to|cannot|must|looks) (?:the|a|an|is|not|"
                     r"be|it|file|value|column|row|like|read|lie|found)\b")
QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")


def _check_translations(records: list[str]) -> Callable[..., Any]:
    """Wrap the CLI's renderers so a line that stays English in a Dutch run is recorded."""
    import coi_graph.cli as cli
    from coi_graph import cli_text

    orig_translate, orig_problem = cli_text.translate, cli_text.problem_line

    def translate(text: str, lang: str) -> str:
        out = orig_translate(text, lang)
        if lang == "nl":
            for a, b in zip(text.split("\n"), out.split("\n")):
                if a == b and WORDS.search(a):
                    records.append(a)
        return out

    def problem_line(problem: Any, lang: str) -> str:
        out = orig_problem(problem, lang)
        if lang == "nl" and out.replace(cli_text.t("warning_tag", "nl"), "") == \
                str(problem.format()).replace(" (warning)", "") and WORDS.search(problem.message):
            records.append(str(problem.format()))
        return out

    cli.translate = translate
    cli.problem_line = problem_line

    def restore() -> None:
        cli.translate, cli.problem_line = orig_translate, orig_problem

    return restore


def run_case(case: Case, data: Path, work: Path) -> dict[str, Any]:
    """Validate and scan ``data``; return what was wrong (an empty ``failures`` when all held)."""
    untranslated: list[str] = []
    restore = _check_translations(untranslated)
    try:
        return _run_case(case, data, work, untranslated)
    finally:
        restore()


def _run_case(case: Case, data: Path, work: Path, untranslated: list[str]) -> dict[str, Any]:
    from click.testing import CliRunner

    from coi_graph.cli import main

    failures: list[str] = []
    outputs: dict[str, str] = {}
    full: dict[str, str] = {}
    runner = CliRunner()
    env = {"COI_LANG": "nl", "COI_WORKSPACE": str(work / "ws.sqlite")}
    codes: dict[str, int] = {}
    for name, args, allowed in (
            ("validate", ["validate", str(data)], {0, 2}),
            ("scan", ["scan", str(data), "--out", str(work / "out"), "-q", "--skip-bad-rows",
                      "--workspace", str(work / "ws.sqlite")], {0, 2}),
            ("scan_no_skip", ["scan", str(data), "--out", str(work / "out2"), "-q",
                              "--workspace", str(work / "ws.sqlite")], {0, 2})):
        res = runner.invoke(main, args, env=env, catch_exceptions=True)
        text = res.output
        outputs[name] = text[-4000:]
        full[name] = text
        if res.exception is not None and not isinstance(res.exception, SystemExit):
            tb = "".join(traceback.format_exception(res.exception))
            outputs[name + "_traceback"] = tb[-4000:]
            last = tb.strip().splitlines()[-1][:120]
            failures.append(f"traceback in {name}: {last}")
            continue
        if "Traceback (most recent call last)" in text:
            failures.append(f"traceback text in {name}")
        codes[name] = res.exit_code
        if res.exit_code not in allowed:
            failures.append(f"{name} exit {res.exit_code}")
        if name == "scan_no_skip" and res.exit_code != codes.get("validate"):
            # validate lists every error; the scan stops on the same ones (files and rows)
            failures.append(f"validate exit {codes.get('validate')} but scan exit "
                            f"{res.exit_code}")
        if name == "scan" and res.exit_code == 0:
            run = json.loads((work / "out" / "run.json").read_text(encoding="utf-8"))
            for table, info in run.get("inputs", {}).items():
                for f in info.get("files", []):
                    if f["rows_read"] != f["rows_used"] + f["rows_skipped"]:
                        failures.append(f"rows do not add up in {f['file']}")
                want = (case.rows_expected or {}).get(table)
                got = sum(f["rows_read"] for f in info.get("files", []))
                if want is not None and got != want:
                    failures.append(f"rows lost in {table}: {got} of {want} read")
    for name in ("validate", "scan", "scan_no_skip"):
        for line in full.get(name, "").splitlines():
            if ENGLISH.search(QUOTED.sub("", line)):
                untranslated.append(line)
    for line in dict.fromkeys(untranslated):
        failures.append("untranslated: " + re.sub(r"\d+", "N", line)[:160])
    return {"failures": failures, "outputs": outputs}


def _as_nobody(case_dir: Path) -> None:
    """Run the rest of this (forked) process as user ``nobody``: root reads a file of mode
    000 all the same, so the unreadable-file case needs a user the mode applies to."""
    for p in [case_dir, *case_dir.rglob("*")]:
        if not p.is_symlink() and p.stat().st_mode & 0o777:
            p.chmod(0o777 if p.is_dir() else 0o666)
    os.setgid(65534)
    os.setuid(65534)


def _child(case: Case, data: Path, work: Path, conn: Any) -> None:
    try:
        if case.detail == "unreadable" and os.geteuid() == 0:
            _as_nobody(data.parent)
        result = run_case(case, data, work)
    except BaseException as e:  # noqa: BLE001 - the harness itself must report, not die
        result = {"failures": [f"harness: {type(e).__name__}: {e}"[:200]],
                  "outputs": {"harness": traceback.format_exc()[-4000:]}}
    conn.send(result)
    conn.close()


def make_case(number: int, seed: int, kinds: list[str], base: Path) -> tuple[Case, Path]:
    rng = random.Random(f"{seed}:{number}")
    kind = rng.choice(kinds)
    table = rng.choice(list(SEED))
    case_dir = base / f"{number:04d}-{kind}"
    data = case_dir / "data"
    write_seed(data)
    detail, keeps = MUTATIONS[kind](rng, data, table)
    return Case(number, kind, table, detail, keeps), case_dir


def run_all(args: argparse.Namespace) -> int:
    kinds = args.kind or sorted(MUTATIONS)
    base = Path(tempfile.mkdtemp(prefix="coi-fuzz-"))
    base.chmod(0o755)  # the unreadable-file case runs as nobody, who must reach its folder
    out = Path(args.out)
    ctx = mp.get_context("fork")
    pending = list(range(args.start, args.start + args.cases))
    running: dict[int, tuple[Any, Any, Case, Path, float]] = {}
    tally: Counter[tuple[str, str]] = Counter()
    cases_by_kind: Counter[str] = Counter()
    failed = 0
    started = time.time()
    # one clean case first: every module a scan imports is then loaded before the forks
    # (faster cases, and the case run as nobody needs none from root's site-packages)
    warm = base / "warm-up"
    write_seed(warm / "data")
    (warm / "work").mkdir()
    clean = run_case(Case(-1, "none", ""), warm / "data", warm / "work")
    if clean["failures"]:
        print(f"the clean seed folder fails: {clean['failures']}", file=sys.stderr)
        return 2
    shutil.rmtree(warm)

    def finish(n: int, result: dict[str, Any]) -> None:
        nonlocal failed
        proc, conn, case, case_dir, _ = running.pop(n)
        cases_by_kind[case.kind] += 1
        if result["failures"]:
            failed += 1
            for f in dict.fromkeys(_failure_kind(f) for f in result["failures"]):
                tally[(case.kind, f)] += 1
            dest = out / case_dir.name
            shutil.rmtree(dest, ignore_errors=True)
            _restore_permissions(case_dir)
            shutil.copytree(case_dir / "data", dest / "data", symlinks=True,
                            ignore_dangling_symlinks=True)
            (dest / "case.json").write_text(json.dumps(
                {"case": case.__dict__, "seed": args.seed, **result}, indent=1, default=str),
                encoding="utf-8")
            if args.verbose:
                print(f"{case.number:4d} {case.kind} {case.target} {case.detail[:60]}: "
                      f"{result['failures']}", flush=True)
        _restore_permissions(case_dir)
        shutil.rmtree(case_dir, ignore_errors=True)

    while pending or running:
        while pending and len(running) < args.jobs:
            n = pending.pop(0)
            case, case_dir = make_case(n, args.seed, kinds, base)
            (case_dir / "work").mkdir()
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(case, case_dir / "data", case_dir / "work",
                                                    child))
            proc.start()
            child.close()
            running[n] = (proc, parent, case, case_dir, time.time())
        time.sleep(0.02)
        for n, (proc, conn, case, case_dir, t0) in list(running.items()):
            if conn.poll():
                try:
                    result = conn.recv()
                except EOFError:
                    result = {"failures": ["child died"], "outputs": {}}
                proc.join()
                finish(n, result)
            elif not proc.is_alive():
                proc.join()
                finish(n, {"failures": [f"child died (exit {proc.exitcode})"], "outputs": {}})
            elif time.time() - t0 > args.timeout:
                proc.kill()
                proc.join()
                finish(n, {"failures": [f"hang: over {args.timeout}s"], "outputs": {}})
    shutil.rmtree(base, ignore_errors=True)
    total = sum(cases_by_kind.values())
    print(f"\n{total} cases (seed {args.seed}), {failed} failed, "
          f"{time.time() - started:.0f}s wall")
    print(f"cases per mutation: {dict(sorted(cases_by_kind.items()))}")
    if tally:
        print(f"\n{'mutation':<22} {'cases':>5}  failure")
        for (kind, what), n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"{kind:<22} {n:>5}  {what}")
        print(f"\nfailing inputs: {out}/")
    return 1 if failed else 0


def _failure_kind(failure: str) -> str:
    """A failure without its particulars (file, line, column, values), to count alike ones."""
    failure = re.sub(r"^untranslated: \S+?\.(?:csv|xlsx)(?::N)?: (?:[a-z_]+: )?", "untranslated: ",
                     failure)
    return re.sub(r"'[^']*'|\d+", "N", failure)[:90]


def _restore_permissions(folder: Path) -> None:
    for p in folder.rglob("*"):
        if not p.is_symlink():
            try:
                p.chmod(0o755 if p.is_dir() else 0o644)
            except OSError:
                pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--cases", type=int, default=400)
    ap.add_argument("--start", type=int, default=0, help="first case number (re-run one)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    ap.add_argument("--kind", action="append", choices=sorted(MUTATIONS),
                    help="only this mutation (repeatable)")
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "coi-fuzz-failures"),
                    help="folder for failing inputs [default: TMP/coi-fuzz-failures]")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per failing case")
    return run_all(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
