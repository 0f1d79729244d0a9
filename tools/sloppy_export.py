"""Damage every other row of an export the way people and systems do, and check the reading.

Real exports are typed by hand and written by systems we never see: a status misspelt, an id
in lower case, a date in another form, an amount with a euro sign, an e-mail address with a
space after the ``@``.  This tool takes a clean export (``coi demo`` writes one;
``bench/.cache/small/data`` is one), writes a copy in which every other data row of every
table has each of its values written as such an export writes it, and then reads both with
``ingest.read_dataset`` and checks, for every damaged value, that:

- a value a person reads one way only (``same``) is read as the clean one is;
- a value that cannot be read (``dropped``: an impossible date, ``1.234,5O``) is reported on
  its row and column, and left out (optional) or the row skipped (required);
- every file's rows add up (read = used + skipped);

and prints what did not hold.  CSV files are written as Dutch Excel writes them (``;``,
Windows-1252); .xlsx workbooks stay workbooks, their damaged cells written as text, as a
hand-edited sheet holds them.

    python tools/sloppy_export.py bench/.cache/small/data /tmp/sloppy
    python -m coi_graph.cli validate /tmp/sloppy/data --lang en

Exit status 0 when every check held, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from ingest import TABLES, read_dataset  # noqa: E402
from ingest.tables import REFERENCES  # noqa: E402

#: the columns that name a row of another table (a typo there names no row)
REFERS = {(r.table, r.column) for r in REFERENCES}

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")


@dataclass(frozen=True)
class Damage:
    """One damaged cell: where, what it was and became, and what reading it should give."""

    table: str
    file: str
    line: int
    column: str
    clean: str
    damaged: str
    #: ``same`` (read as the clean value), ``dropped`` (reported; left out or row skipped)
    expect: str
    kind: str = ""


def _as_date(text: str) -> dt.date | None:
    """The clean export's date (ISO, day-first with ``-`` or ``/``), or None."""
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _as_amount(text: str) -> float | None:
    """The clean export's amount (``1234.56``, ``1.234,56``, ``€ 1.234,56``), or None."""
    t = text.replace("€", "").replace("\xa0", "").strip()
    if not t:
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _dutch(amount: float) -> str:
    """``1.234,56``."""
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


#: values no one can read, per column type (each must be reported, in both languages)
UNREADABLE = {
    "date": ["maart 2024", "01-03-24x", "#N/B", "45352"],
    "amount": ["< 25", "1e5", "#WAARDE!", "twintig"],
    "bool": ["misschien", "Ja/Nee"],
    "enum": ["Qwerty", "zie bijlage"],
    "postcode": ["1234", "1234 SA"],
    "iban": ["NL91ABNA041716430", "0417164300"],
    "email": ["jan de vries@corp.nl", "jan@corp"],
    "phone": ["06-1234", "tel. onbekend nr"],
    "kvk": ["NL123456789B01", "123456789", "000012345678"],
    "house_number": ["nr. 12", "0"],
    "rank": ["eerste", "2,5"],
    "number": ["vijftig"],
}


def damage_value(kind: str, column: str, value: str, table: str = ""
                 ) -> list[tuple[str, str]]:
    """The damages for a value of this column type: (damaged text, expectation) each;
    none when the type has none for this value.  ``table``: an id that refers to another
    table (``handled_by``, not ``unit_id``) gets a letter O for a zero, which names no row."""
    v = value.strip()
    if not v:
        return []
    forms = _readable(kind, column, v, table)
    spec = TABLES[table].column(column) if table and TABLES[table].has(column) else None
    if spec is not None and spec.open_vocabulary:
        return forms  # an unknown officer role is kept as written, by design
    if (table, column) == ("organizations", "kvk_number"):
        return forms  # officers name organizations by it: one lost loses their rows too
    if forms and kind in UNREADABLE:
        forms += [(u, "dropped") for u in UNREADABLE[kind]]
    return forms


def _readable(kind: str, column: str, v: str, table: str) -> list[tuple[str, str]]:
    """:func:`damage_value`'s forms a person reads one way only (and a few more)."""
    if kind == "date":
        d = _as_date(v)
        if d is None:
            return []
        forms = [
            (f"{d.day}-{d.month}-{d.year}", "same"),
            (f"{d:%d.%m.%Y}", "same"),
            (f"{d:%Y-%m-%d} 00:00:00", "same"),
            (f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}", "same"),
            (f"{d:%Y%m%d}", "same"),
            (f" {d:%d-%m-%Y} ", "same"),
            (f"{d:%d}\u2013{d:%m}\u2013{d:%Y}", "same"),  # Word's en dash
            (f"31-02-{d.year}", "dropped"),
            (f"{d.year}-13-01", "dropped"),
        ]
        return forms
    if kind == "amount":
        a = _as_amount(v)
        if a is None or a < 0:
            return []
        forms = [
            (f"€ {_dutch(a)}", "same"),
            (f"{a:.2f}", "same"),
            (f"{a:,.2f}" if a >= 1000 else f"{a:.2f}", "same"),
            (f"{_dutch(a)} EUR", "same"),
            # whole euros as Word types them, with an en dash (the Dutch typographic form)
            (f"€ {_dutch(a)[:-3]},\u2013" if a == int(a) else f"€ {_dutch(a)}", "same"),
            ("n.v.t.", "dropped"),
            (_dutch(a)[:-1] + "O", "dropped"),  # the letter O for a zero
        ]
        return forms
    if kind == "bool":
        yes = v.lower() in ("ja", "j", "yes", "true", "1", "x", "y", "waar")
        forms = [("JA" if yes else "NEE", "same"), (" Ja " if yes else " Nee ", "same"),
                 ("1.0" if yes else "0.0", "same"),
                 ("Ja, zie toelichting" if yes else "Nee (niet nodig)", "same")]
        return forms
    if kind == "enum":
        forms = [(v.upper(), "same"), (f"{v} ", "same"), (v.capitalize() + ".", "same")]
        if len(v) >= 6 and v.isalpha():  # two letters swapped: one typo
            i = len(v) // 2
            forms.append((v[:i - 1] + v[i] + v[i - 1] + v[i + 1:], "same"))
        return forms
    if kind == "id":
        forms = [(v.lower(), "same"), (f" {v} ", "same"), (f"{v}\xa0", "same"),
                 (f'"{v}"', "same")]
        if "0" in v and (table, column) in REFERS:
            forms.append((v.replace("0", "O", 1), "dropped"))  # the letter O for a zero
        return forms
    if kind == "rank":
        if not v.isdigit():
            return []
        return [(f"{v}.0", "same"), (f"{v}e", "same"), (f"#{v}", "same"), ("0", "dropped")]
    if kind == "number":
        a = _as_amount(v)
        if a is None:
            return []
        return [(f"{_dutch(a)}%", "same"), (f"ca. {_dutch(a)}", "same")]
    if kind == "postcode":
        c = v.replace(" ", "").upper()
        if len(c) != 6:
            return []
        forms = [(c.lower(), "same"), (f"{c[:4]} {c[4]} {c[5]}", "same"),
                 (f"{c[:4]}-{c[4:]}", "same"), (f"{c[:4]}  {c[4:].lower()}", "same"),
                 (f"{c[:4]} {c[4:]} Utrecht", "same"), (f"{c[:4]}{c[4]}", "dropped")]
        return forms
    if kind == "iban":
        c = v.replace(" ", "").upper()
        wrong = c[:2] + ("00" if c[2:4] != "00" else "01") + c[4:]
        forms = [(c.lower(), "same"), (" ".join(c[i:i + 4] for i in range(0, len(c), 4)),
                                       "same"), (f"{c} (privé)", "same"), (wrong, "dropped")]
        return forms
    if kind == "email":
        local, _, domain = v.partition("@")
        forms = [(v.upper(), "same"), (f"mailto:{v}", "same"), (f"{local} @{domain}", "same"),
                 (f"{v};", "same"), (f"'{v}'", "same"), (f"{local}@ {domain}", "same")]
        return forms
    if kind == "phone":
        digits = "".join(ch for ch in v if ch.isdigit())
        if len(digits) != 10 or not digits.startswith("0"):
            return []
        forms = [(digits, "same"), (f"+31 {digits[1:]}", "same"),
                 (f"+31 (0){digits[1:3]} {digits[3:]}", "same"),
                 (f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:8]} {digits[8:]}",
                  "same"), (f"{digits[:2]}-{digits[2:]} (privé)", "same")]
        return forms
    if kind == "kvk":
        c = v.replace(" ", "")
        if len(c) != 8 or not c.isdigit():
            return []
        forms = [(f"{c[:4]} {c[4:]}", "same"), (c.lstrip("0") or c, "same")]
        return forms
    if kind == "text" and column in ("name", "applicant_name", "org_name", "co_applicant_name"):
        forms = [(v.upper(), "any"), (v.replace(" ", "  ", 1), "any"),
                 (v.replace(" ", "\xa0", 1), "any"), (f"{v} ", "same")]
        return forms
    return []


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0]
    delim = max((";", ",", "\t", "|"), key=first.count)
    rows = list(csv.reader(text.splitlines(), delimiter=delim))
    return rows[0], rows[1:]


def _table_of(path: Path) -> str | None:
    stem = path.stem.lower()
    return stem if stem in TABLES else None


def _kind(table: str, column: str) -> str | None:
    spec = TABLES[table]
    return spec.column(column).type if spec.has(column) else None


def _damage_row(table: str, cols: list[str], cells: list[str], line: int,
                counter: dict[str, int]) -> list[tuple[int, tuple[str, str]]]:
    """The damage of one row (line 2 is the first data row): every other row is damaged.

    Lines 3, 7, 11, ... have every value written otherwise in a way a person reads one way
    only (so such a row must be used, each value as the clean one); lines 5, 9, ... have
    one value damaged beyond reading (so only that value is reported), its column taken
    in turn, so that no damage hides another on the same row.
    """
    if line % 2 == 0:
        return []
    readable = line % 4 == 3
    out: list[tuple[int, tuple[str, str]]] = []
    for c, column in enumerate(cols):
        kind = _kind(table, column)
        if kind is None:
            continue
        forms = damage_value(kind, column, cells[c], table)
        forms = [f for f in forms if (f[1] != "dropped") == readable]
        if forms:
            out.append((c, forms))
    if not out:
        return []
    if readable:
        picked = []
        for c, forms in out:
            key = f"{table}.{cols[c]}"
            n = counter.get(key, 0)
            counter[key] = n + 1
            picked.append((c, forms[n % len(forms)]))
        return picked
    key = f"{table}:bad"
    n = counter.get(key, 0)
    counter[key] = n + 1
    c, forms = out[n % len(out)]
    return [(c, forms[(n // len(out)) % len(forms)])]


def damage_folder(src: Path, dst: Path) -> list[Damage]:
    """Write ``src``'s tables damaged into ``dst``; the list of what was damaged."""
    dst.mkdir(parents=True, exist_ok=True)
    done: list[Damage] = []
    counter: dict[str, int] = {}
    for path in sorted(src.iterdir()):
        table = _table_of(path)
        if table is None:
            continue
        if path.suffix == ".csv":
            header, rows = _read_csv(path)
            cols = [h.strip().lower() for h in header]
            for r, row in enumerate(rows):
                cells = [row[c] if c < len(row) else "" for c in range(len(cols))]
                for c, hit in _damage_row(table, cols, cells, r + 2, counter):
                    done.append(Damage(table, path.name, r + 2, cols[c], row[c], *hit,
                                       _kind(table, cols[c]) or ""))
                    row[c] = hit[0]
            with (dst / path.name).open("w", encoding="cp1252", errors="replace",
                                        newline="") as fh:
                w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
                w.writerow(header)
                w.writerows(rows)
        elif path.suffix == ".xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(path)
            ws = wb.worksheets[0]
            cols = [str(c.value or "").strip().lower() for c in ws[1]]
            for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
                texts = ["" if cell.value is None else
                         cell.value.strftime("%Y-%m-%d") if isinstance(cell.value, dt.datetime)
                         else str(cell.value) for cell in row][:len(cols)]
                for c, hit in _damage_row(table, cols, texts, r, counter):
                    done.append(Damage(table, path.name, r, cols[c], texts[c], *hit,
                                       _kind(table, cols[c]) or ""))
                    row[c].value = hit[0]
            wb.save(dst / path.name)
    return done


def _missing(a: object) -> bool:
    return a is None or a is pd.NA or a is pd.NaT or (isinstance(a, float) and math.isnan(a))


def _same(a: object, b: object) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 0.005
    return bool(a == b)


def check(src: Path, dst: Path, damages: list[Damage]) -> list[str]:
    """What did not hold: one line per failed check."""
    today = dt.date(2026, 11, 30)
    clean = read_dataset(src, today=today)
    sloppy = read_dataset(dst, today=today)
    failures: list[str] = []
    problems: dict[tuple[str, int | None], list] = {}
    for p in sloppy.problems:
        problems.setdefault((p.file, p.line), []).append(p)
    for table, t in sloppy.tables.items():
        for s in t.sources:
            if s.rows_read != s.rows_used + s.rows_skipped:
                failures.append(f"{s.file}: read {s.rows_read} != used {s.rows_used} "
                                f"+ skipped {s.rows_skipped}")

    def value(ds, table: str, line: int, column: str) -> tuple[bool, object]:
        t = ds.tables.get(table)
        if t is None or column not in t.frame:
            return False, None
        rows = t.frame.loc[t.frame["_line"] == line, column]
        return (True, rows.iloc[0]) if len(rows) else (False, None)

    for d in damages:
        here = problems.get((d.file, d.line), [])
        said = [p for p in here if p.column == d.column]
        ok_clean, want = value(clean, d.table, d.line, d.column)
        found, got = value(sloppy, d.table, d.line, d.column)
        where = f"{d.file}:{d.line}: {d.column}: {d.damaged!r}"
        if d.expect == "same":
            if not ok_clean:
                continue  # the clean row was not used either
            if d.file.endswith(".csv") and d.clean.encode("cp1252", "replace").decode(
                    "cp1252") != d.clean:
                continue  # 'Yıldız': Windows-1252 has no ı, as Dutch Excel's CSV has not
            if not found:
                reasons = "; ".join(p.message[:120] for p in here) or "no message"
                failures.append(f"{where}: row not used ({reasons})")
            elif d.kind == "id" and isinstance(got, str):
                # an own id is kept as written, a reference is the id as its table writes it
                if got.strip().strip('"').lower() != str(want).strip().lower():
                    failures.append(f"{where}: read as {got!r}, clean {want!r}")
            elif not _same(want, got):
                msg = "; ".join(p.message[:120] for p in said) or "no message"
                failures.append(f"{where}: read as {got!r}, clean {want!r} ({msg})")
        elif d.expect == "dropped":
            if found and not _missing(got):
                failures.append(f"{where}: read as {got!r}, should be reported")
            elif not said and found and not any(
                    p.column == d.column for p in problems.get((d.file, None), [])):
                failures.append(f"{where}: left out without a message")
    return failures


def untranslated(dst: Path) -> list[str]:
    """The problems of the damaged export that a Dutch run would show in English (the
    catalogue, ``coi_graph.cli_text``, has no Dutch for them): one line per message."""
    from coi_graph.cli_text import _translate

    seen: dict[str, str] = {}
    for p in read_dataset(dst, today=dt.date(2026, 11, 30)).problems:
        if p.message not in seen and _translate(p.message) is None:
            seen[p.message] = p.format()
    return [f"no Dutch: {line}" for line in seen.values()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="a clean export folder")
    ap.add_argument("out", type=Path, help="where to write the damaged copy (OUT/data)")
    ap.add_argument("--no-check", action="store_true", help="only write the damaged copy")
    args = ap.parse_args(argv)
    damages = damage_folder(args.source, args.out / "data")
    with (args.out / "damaged.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["table", "file", "line", "column", "clean", "damaged", "expect"])
        w.writerows([d.table, d.file, d.line, d.column, d.clean, d.damaged, d.expect]
                    for d in damages)
    print(f"{len(damages)} values damaged in {args.out / 'data'} (list: damaged.csv)")
    if args.no_check:
        return 0
    failures = check(args.source, args.out / "data", damages) + untranslated(args.out / "data")
    for line in failures:
        print(line)
    print(f"{len(failures)} of {len(damages)} damaged values not read as they should be")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
