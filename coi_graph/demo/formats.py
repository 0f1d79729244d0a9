"""Identifiers, value formats and byte-deterministic writers for :mod:`coi_graph.demo`.

Everything works on whole numpy columns, so the large demo (a million decisions) is written
without a Python loop per row.  Dates are ``int64`` day numbers since 1970-01-01 with
:data:`DAY_NA` for a missing date; amounts are ``int64`` cents.

>>> iban_compact(np.array([0]), np.array([417164300]))[0]
'NL91ABNA0417164300'
>>> iban_is_valid("NL91 ABNA 0417 1643 00")
True
>>> fmt_days(np.array([19783]), "nl")[0]
'01-03-2024'
>>> fmt_cents(np.array([4800000, 123456]), np.array([False, True])).tolist()
['48.000,00', '€ 1.234,56']
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.dtypes import StringDType

__all__ = [
    "BANKS",
    "DAY_NA",
    "EPOCH",
    "LETTER_PAIRS",
    "date_of",
    "day_of",
    "elfproef_accounts",
    "fmt_cents",
    "fmt_days",
    "fold_ascii",
    "iban_compact",
    "iban_is_valid",
    "iban_spaced",
    "slug",
    "write_csv",
    "write_xlsx",
]

S = StringDType()
EPOCH = dt.date(1970, 1, 1)
#: A missing date in an ``int64`` day column.
DAY_NA = np.iinfo(np.int64).min

#: The letter pairs of Dutch postcodes: F, I, O, Q, U and Y are not used, nor SA, SD and SS.
_PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
LETTER_PAIRS: list[str] = [
    a + b for a in _PC_LETTERS for b in _PC_LETTERS if a + b not in ("SA", "SD", "SS")
]

#: Dutch bank codes used in the demo, with their share of accounts.
BANKS: list[tuple[str, float]] = [
    ("ABNA", 0.22), ("RABO", 0.30), ("INGB", 0.33), ("TRIO", 0.04), ("SNSB", 0.08),
    ("ASNB", 0.03),
]


def day_of(d: dt.date) -> int:
    """The day number of a date (days since 1970-01-01)."""
    return (d - EPOCH).days


def date_of(day: int) -> dt.date | None:
    """The date of a day number, ``None`` for :data:`DAY_NA`."""
    return None if day == DAY_NA else EPOCH + dt.timedelta(days=int(day))


# --------------------------------------------------------------------------- IBAN


def _letters_to_number(code: str) -> int:
    return int("".join(str(ord(c) - 55) for c in code))


def iban_compact(bank_idx: np.ndarray, account: np.ndarray) -> np.ndarray:
    """Dutch IBANs (``NLkkBBBB0123456789``) with correct mod-97 check digits.

    ``bank_idx`` indexes :data:`BANKS`; ``account`` is the 10-digit account number.
    Returns an object array of str.
    """
    bank_idx = np.asarray(bank_idx, np.int64)
    account = np.asarray(account, np.int64)
    bank_mod = np.array([_letters_to_number(b) % 97 for b, _ in BANKS], np.int64)
    # NLkk BBBB AAAAAAAAAA -> BBBB AAAAAAAAAA N L 0 0 as digits:
    # bank (8 digits) * 10^16 + account * 10^6 + 232100
    rem = (bank_mod[bank_idx] * pow(10, 16, 97) + (account % 97) * pow(10, 6, 97)
           + 232100 % 97) % 97
    check = 98 - rem
    codes = np.array([b for b, _ in BANKS], dtype=S)[bank_idx]
    out = np.strings.add(
        np.strings.add(np.strings.add("NL", np.strings.zfill(check.astype(S), 2)), codes),
        np.strings.zfill(account.astype(S), 10),
    )
    return out.astype(object)


def iban_spaced(compact: np.ndarray) -> np.ndarray:
    """``NL91ABNA0417164300`` -> ``NL91 ABNA 0417 1643 00`` (object array)."""
    c = np.asarray(compact, dtype=S)
    parts = [np.strings.slice(c, i, i + 4) for i in range(0, 18, 4)]
    out = parts[0]
    for p in parts[1:]:
        out = np.strings.add(np.strings.add(out, " "), p)
    return out.astype(object)


def iban_is_valid(iban: str) -> bool:
    """The mod-97 check of ISO 13616 (spaces and case ignored)."""
    s = re.sub(r"\s+", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s):
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def elfproef_accounts(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` 10-digit account numbers that pass the Dutch 11-test (as pre-IBAN accounts did)."""
    out = np.empty(0, np.int64)
    weights = np.arange(10, 1, -1, dtype=np.int64)  # digits 1..9
    while len(out) < n:
        m = max(16, int((n - len(out)) * 1.15))
        x = rng.integers(10_000_000, 999_999_999, size=m, dtype=np.int64)
        digits = (x[:, None] // (10 ** np.arange(8, -1, -1, dtype=np.int64))) % 10
        s = digits @ weights
        last = (11 - s % 11) % 11
        ok = last < 10
        out = np.concatenate([out, (x * 10 + last)[ok]])
    return out[:n]


# --------------------------------------------------------------------------- formats


_DATE_STYLES = {
    "iso": lambda d: d.isoformat(),
    "nl": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "nl_short": lambda d: f"{d.day}-{d.month}-{d.year}",
    "slash": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
}


def fmt_days(days: np.ndarray, style: str) -> np.ndarray:
    """Day numbers -> date strings in an export style (``iso``, ``nl``, ``nl_short``,
    ``slash``); :data:`DAY_NA` -> ``""``.  Formats each distinct day once."""
    days = np.asarray(days, np.int64)
    if len(days) == 0:
        return np.empty(0, object)
    uniq, inv = np.unique(days, return_inverse=True)
    f = _DATE_STYLES[style]
    texts = np.array(
        ["" if u == DAY_NA else f(EPOCH + dt.timedelta(days=int(u))) for u in uniq], object
    )
    return texts[inv]


def fmt_cents(cents: np.ndarray, euro_sign: np.ndarray | None = None,
              style: str = "nl") -> np.ndarray:
    """Cents -> ``48.000,00`` (style ``nl``; ``€ `` prefixed where ``euro_sign``) or
    ``48000.00`` (style ``plain``).  Negative amounts are not produced by the demo."""
    cents = np.asarray(cents, np.int64)
    euros, ct = cents // 100, cents % 100
    ct_s = np.strings.zfill(ct.astype(S), 2)
    if style == "plain":
        out = np.strings.add(np.strings.add(euros.astype(S), "."), ct_s)
        return out.astype(object)
    out = np.empty(len(cents), dtype=S)
    g0, g1, g2, g3 = euros % 1000, (euros // 1000) % 1000, (euros // 10**6) % 1000, euros // 10**9
    k = 1 + (euros >= 1000) + (euros >= 10**6) + (euros >= 10**9)
    for n_groups, top, rest in ((1, g0, []), (2, g1, [g0]), (3, g2, [g1, g0]),
                                (4, g3, [g2, g1, g0])):
        m = k == n_groups
        if not m.any():
            continue
        s = top[m].astype(S)
        for g in rest:
            s = np.strings.add(np.strings.add(s, "."), np.strings.zfill(g[m].astype(S), 3))
        out[m] = s
    out = np.strings.add(np.strings.add(out, ","), ct_s)
    if euro_sign is not None:
        out = np.where(np.asarray(euro_sign, bool), np.strings.add("€ ", out), out)
    return out.astype(object)


_FOLD_EXTRA = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ß": "ss", "ø": "o",
                             "Ø": "O", "æ": "ae", "œ": "oe"})


def fold_ascii(text: str) -> str:
    """Strip diacritics: ``Çelik`` -> ``Celik``, ``Yıldız`` -> ``Yildiz``."""
    text = text.translate(_FOLD_EXTRA)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII letters and digits for e-mail addresses and domains."""
    t = fold_ascii(text).lower().replace("'", "")
    t = re.sub(r"[^a-z0-9]+", sep, t)
    return t.strip(sep)


# --------------------------------------------------------------------------- writers


def _as_str_list(col: Sequence | np.ndarray) -> list[str]:
    if isinstance(col, np.ndarray):
        return col.tolist() if col.dtype == object else col.astype(object).tolist()
    return list(col)


def _quote_column(values: list[str], sep: str) -> list[str]:
    joined = "\x00".join(values)
    if sep not in joined and '"' not in joined and "\n" not in joined:
        return values
    return [
        '"' + v.replace('"', '""') + '"' if (sep in v or '"' in v or "\n" in v) else v
        for v in values
    ]


def write_csv(path: Path, header: Sequence[str], columns: Sequence[Sequence[str] | np.ndarray],
              *, sep: str = ",", encoding: str = "utf-8", newline: str = "\n",
              chunk_rows: int = 250_000) -> int:
    """Write string columns as CSV; returns the number of data rows.

    Values are quoted only when they hold the delimiter, a quote or a newline, as Excel does.
    ``encoding='utf-8-sig'`` writes a BOM, ``'cp1252'`` what Dutch Excel writes.  The output
    depends only on the values, so the same input gives the same bytes.
    """
    cols = [_quote_column(_as_str_list(c), sep) for c in columns]
    n = len(cols[0]) if cols else 0
    if any(len(c) != n for c in cols):
        raise ValueError(f"{path.name}: columns of unequal length")
    with open(path, "wb") as fh:
        fh.write((sep.join(header) + newline).encode(encoding))
        body_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        for start in range(0, n, chunk_rows):
            part = [c[start:start + chunk_rows] for c in cols]
            text = newline.join(map(sep.join, zip(*part))) + newline
            fh.write(text.encode(body_encoding))
    return n


#: Fixed document times for xlsx files, so that the bytes do not depend on the clock.
_XLSX_TIME = "2025-01-06T09:00:00Z"
_ZIP_TIME = (2025, 1, 6, 9, 0, 0)


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]],
               *, sheet: str = "Blad1", date_format: str = "dd-mm-yyyy") -> int:
    """Write rows to the first sheet of an xlsx workbook; ``datetime.date`` values become real
    Excel date cells.  Document properties and zip entry times are fixed, so the bytes are
    reproducible.  Returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    fixed = dt.datetime(2025, 1, 6, 9, 0, 0)
    wb.properties.creator = "coi-graph demo"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    ws = wb.create_sheet(sheet)
    ws.append(list(header))
    for row in rows:
        out = []
        for v in row:
            if isinstance(v, dt.date):
                c = WriteOnlyCell(ws, value=v)
                c.number_format = date_format
                out.append(c)
            else:
                out.append(v)
        ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    _rewrite_zip_deterministic(buf.getvalue(), path)
    return len(rows)


def _rewrite_zip_deterministic(data: bytes, path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + _XLSX_TIME + m.group(3), text)
                content = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, content)
