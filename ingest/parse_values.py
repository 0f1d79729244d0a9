"""Turn columns of raw cell text into typed values, whole columns at a time.

Each parser takes a column as stripped text (``''`` for an empty cell) and returns a
:class:`Parsed`: the typed values (a bad or empty cell is missing), the positions of the
cells that could not be read, and one message per such cell saying what is wrong and
which forms are accepted.

Speed matters (a contracts file may have a million rows), so every parser works on the
whole column with pandas' vectorised string methods, tries the common form first, and
only looks at what is left with slower means; per-value Python runs only on the few values
that are wrong (to word their messages) or on the distinct values of a column (enums,
identifiers), which are few.

Decisions on ambiguous forms (documented for users in the messages):

- dates are always day first (``01-03-2024`` is 1 March); a time part is dropped;
- in an amount with both ``.`` and ``,`` the last one is the decimal separator; a lone
  ``,`` is a decimal comma (``1234,5``); dots alone are thousands separators only when
  every group after the first has three digits and the first group does not start with 0
  (``1.234`` and ``48.000`` are Dutch thousands, ``1.5`` and ``0.125`` are decimals),
  because euro amounts never have three decimals;
- a boolean column that uses ``x`` for yes reads an empty cell as no.

>>> parse_amount(pd.Series(["1.234,56", "€ 48.000,-", "1234.5", "1,234.56", "1.234"])).values.tolist()
[1234.56, 48000.0, 1234.5, 1234.56, 1234.0]
>>> parse_date(pd.Series(["2024-03-01", "1-3-2024", "01/03/2024"])).values.dt.day.tolist()
[1, 1, 1]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ingest.identifiers import shown, split_house_number
from ingest.column_ops import (
    arrow_array,
    delete_ascii,
    fixed_width_bytes,
    isin,
    map_text,
    trim_changes_some,
)
from ingest.enum_synonyms import EnumVocabulary
from ingest.iso_timestamps import read_zoned, zoned_note
from ingest.read_files import cell_text

__all__ = [
    "AMOUNT_FORMS",
    "BOOL_FORMS",
    "DATE_FORMS",
    "HISTORICAL_MIN_YEAR",
    "MAX_YEAR",
    "MIN_YEAR",
    "Parsed",
    "as_text",
    "parse_amount",
    "parse_bool",
    "parse_date",
    "parse_distinct",
    "parse_enum",
    "parse_house_numbers",
    "parse_house_numbers_distinct",
    "parse_identifier",
    "parse_rank",
    "parse_text",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
#: the earliest year a birth date of someone who need not be alive is read from (a
#: relative, an applicant or an officer as a genealogical or historical register writes
#: them, ``1630-08-01``); a three-digit year stays a typing error.  See ``ColumnSpec.historical``.
HISTORICAL_MIN_YEAR = 1000
#: the first day numpy's nanoseconds hold (1677-09-21): a column with an earlier date is
#: kept in microseconds
_NS_FIRST_DAY = np.datetime64("1677-09-22")
DATE_FORMS = ("2024-03-01, 01-03-2024, 1-3-2024, 01/03/2024, 01.03.2024 (day first), "
              "1 maart 2024 or 20240301")
AMOUNT_FORMS = "1234.56, 1234,56, 1.234,56 or € 1.234,56"
BOOL_FORMS = "ja/nee, yes/no, true/false, 1/0, j/n, y/n, or x for yes and empty for no"

_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S.%f",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d",  # SAP's YYYY.MM.DD user setting
)
_DATE_SHAPE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?")
_SHORT_YEAR = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2}")
#: a date with an unknown day or month written 00, as the BRP (the population register)
#: keeps the birth date of someone born abroad with no papers: ``00-00-1965``,
#: ``00-03-1965``, ``1965-00-00``, ``19650000``
_PARTIAL_DATE = re.compile(r"(?:0{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]0{1,2})[-/.]\d{4}"
                           r"|\d{4}[-/.](?:0{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]0{1,2})"
                           r"|\d{4}(?:00\d{2}|\d{2}00)")
#: a day-first date whose year lost or gained a digit (``10-01-202``, ``1-3-19800``)
_ODD_YEAR = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](\d|\d{3}|\d{5,6})")
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")

#: ``1.0``/``0.0``: a yes/no column written by a program that keeps it as numbers (pandas
#: writes a 0/1 column with an empty cell so); ``neen``: the older (and Flemish) no; a tick
#: (``✓``, as a form or a register kept in Word marks yes) is yes as ``x`` is, while a cross
#: (``✗``) stays unread: in a box it marks yes, beside a tick it marks no
_TRUE = {"ja", "j", "yes", "y", "true", "t", "waar", "1", "x", "wel", "1.0",
         "\u2713", "\u2714", "\u2611", "\u221a"}
_FALSE = {"nee", "n", "no", "false", "f", "onwaar", "0", "niet", "neen", "0.0"}
#: yes or no with a remark after it, as a register kept by hand writes it (``Ja, zie
#: toelichting``, ``Nee (zelf gehouden)``, ``ja.``): the word decides.  Only the words
#: themselves (not ``x``, ``1`` or ``n``: ``n.v.t.`` is no value; not ``niet``: ``niet van
#: toepassing`` is none either)
_YES_NO_REMARK = re.compile(r"(?i)(ja|nee|neen|yes|no)(?:[\s.,;:\-\u2013]+|(?=\())(.*)",
                            re.DOTALL)


@dataclass
class Parsed:
    """A parsed column: typed values, plus where and why cells could not be read."""

    values: pd.Series
    bad: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    messages: list[str] = field(default_factory=list)
    #: cells read, but not as written (a close spelling of a known word): where and how
    noted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    notes: list[str] = field(default_factory=list)


def _str_series(values: object, index: pd.Index) -> pd.Series:
    """A ``str`` column where missing is NaN (the pandas 3 default text dtype)."""
    return pd.Series(values, index=index, dtype="str")


def as_text(raw: pd.Series) -> pd.Series:
    """Stripped text of every cell, ``''`` when empty; Excel values become their text."""
    if getattr(raw.dtype, "storage", None) == "pyarrow":
        # CSV text in Arrow memory: one vectorised trim (about 15x the list below), and
        # none when no value starts or ends with whitespace (told from the values that
        # may: those with a space, control or non-ASCII byte at either end)
        if not _has_missing(raw) and not trim_changes_some(raw):
            return raw
        return raw.fillna("").str.strip()
    cells = raw.to_numpy(dtype=object)
    if raw.dtype == object:  # Excel values
        stripped = [cell_text(v).strip() for v in cells]
    else:  # CSV text; NaN only where a reader padded a short row
        stripped = [v.strip() if isinstance(v, str) else "" for v in cells]
    # a plain list comprehension: pandas' own .str.strip is several times slower here
    return pd.Series(np.array(stripped, dtype=object), index=raw.index, dtype="str")


def _has_missing(raw: pd.Series) -> bool:
    """``raw.hasnans``, read from Arrow's null count for an Arrow-backed column (pandas
    builds a mask of the whole column to tell)."""
    if getattr(raw.dtype, "storage", None) != "pyarrow":
        return raw.hasnans
    import pyarrow as pa

    return pa.array(raw.array).null_count > 0  # (a chunked array's: no copy)


def parse_text(text: pd.Series) -> Parsed:
    """Identifiers and free text: the stripped text; empty is missing.

    An id is never a number: ``007`` stays ``007``.
    """
    arr = arrow_array(text) if len(text) else None
    if arr is not None:  # in Arrow: one comparison, and a copy only when some are empty
        import pyarrow as pa
        import pyarrow.compute as pc

        empty = pc.equal(arr, "")
        if not arr.null_count and not pc.any(empty).as_py():
            return Parsed(_str_series(text, text.index))
        blanked = pc.if_else(empty, pa.scalar(None, type=arr.type), arr)
        return Parsed(_str_series(pd.array(blanked, dtype="str"), text.index))
    empty = (text == "").to_numpy(dtype=bool)
    if not empty.any() and not text.hasnans:
        return Parsed(_str_series(text, text.index))  # nothing to blank: no masked copy
    return Parsed(_str_series(text.where(~empty), text.index))


#: a column is parsed on its distinct values (:func:`parse_distinct`) when it has at least
#: this many rows and its distinct values are at most this share of them
DISTINCT_MIN_ROWS = 4096
DISTINCT_MAX_SHARE = 0.25
#: the first this many values decide whether counting the distinct values is worth it
_DISTINCT_SAMPLE = 4096


def parse_distinct(parse: Callable[..., Parsed], text: pd.Series, *args: object) -> Parsed:
    """``parse(text, *args)``, worked out once per distinct value of ``text`` and mapped
    back to the rows, when the column repeats few values (a decision date, a kind, a KvK
    number an officer shares with his colleagues): 516 dates in a million contracts are
    parsed 516 times instead of a million, and the rows only take their value by code.

    Only for parsers whose result on a value depends on that value alone (and on which
    values the column holds, which the distinct values are too: a boolean column that
    uses ``x`` reads empty as no): every parser of a single column here.  The values,
    the positions of the bad cells (ascending) and their messages are what ``parse``
    gives on the whole column; ``tests/test_ingest_speed_paths.py`` compares the two.
    A column that is not Arrow-backed, holds missing values or has many distinct values
    is parsed as it is.
    """
    arr = arrow_array(text) if len(text) >= DISTINCT_MIN_ROWS else None
    if arr is None or arr.null_count:
        return parse(text, *args)
    import pyarrow.compute as pc

    sample = arr.slice(0, _DISTINCT_SAMPLE)
    if pc.count_distinct(sample).as_py() > len(sample) * DISTINCT_MAX_SHARE:
        return parse(text, *args)
    encoded = pc.dictionary_encode(arr)
    if len(encoded.dictionary) > len(arr) * DISTINCT_MAX_SHARE:
        return parse(text, *args)
    distinct = pd.Series(pd.array(encoded.dictionary, dtype="str"))
    once = parse(distinct, *args)
    if _reads_as_written(once, distinct):
        # every value reads as itself (a kind written as the contract names it, a KvK
        # number of eight digits): the column is its own result, and a million rows need
        # not take their values by code
        return Parsed(_str_series(text, text.index))
    return _to_rows(once, encoded.indices.to_numpy(zero_copy_only=False), text.index)


def _reads_as_written(once: Parsed, distinct: pd.Series) -> bool:
    """Whether the distinct values parsed to themselves: text of the same dtype, nothing
    missing, bad or noted, every value equal to the one it was parsed from."""
    values = once.values
    return (not len(once.bad) and not len(once.noted) and values.dtype == distinct.dtype
            and len(values) == len(distinct) and not values.hasnans
            and bool((values.to_numpy(dtype=object) == distinct.to_numpy(dtype=object)).all()))


def _to_rows(once: Parsed, codes: np.ndarray, index: pd.Index) -> Parsed:
    """A column parsed per distinct value, mapped to the rows that hold each (``codes``:
    per row, the position of its value among the distinct ones)."""
    values = once.values.take(codes)
    values.index = index
    if not len(once.bad) and not len(once.noted):
        return Parsed(values)
    bad, messages = _per_row(once.bad, once.messages, codes, len(once.values))
    noted, notes = _per_row(once.noted, once.notes, codes, len(once.values))
    return Parsed(values, bad, messages, noted, notes)


def _per_row(positions: np.ndarray, messages: list[str], codes: np.ndarray, n: int
             ) -> tuple[np.ndarray, list[str]]:
    """Positions among the distinct values (and their messages) as rows of the column."""
    if not len(positions):
        return np.zeros(0, dtype=np.int64), []
    which = np.full(n, -1, dtype=np.int64)
    which[positions] = np.arange(len(positions))
    per_row = which[codes]
    rows = np.flatnonzero(per_row >= 0)
    return rows, [messages[i] for i in per_row[rows].tolist()]


def parse_house_numbers_distinct(number: pd.Series, addition: pd.Series
                                 ) -> tuple[Parsed, Parsed]:
    """:func:`parse_house_numbers` worked out once per distinct (number, addition) pair
    when the pairs repeat (:func:`parse_distinct`'s rule: many people live at number 12),
    with the same values, bad rows and messages."""
    arrays = [arrow_array(c) if len(c) >= DISTINCT_MIN_ROWS else None for c in (number, addition)]
    if any(a is None or a.null_count for a in arrays):
        return parse_house_numbers(number, addition)
    import pyarrow.compute as pc

    encoded = [pc.dictionary_encode(a) for a in arrays]
    pair = encoded[0].indices.to_numpy(zero_copy_only=False).astype(np.int64)
    pair *= max(len(encoded[1].dictionary), 1)
    pair += encoded[1].indices.to_numpy(zero_copy_only=False)
    _, first, codes = np.unique(pair, return_index=True, return_inverse=True)
    if len(first) > len(pair) * DISTINCT_MAX_SHARE:
        return parse_house_numbers(number, addition)
    once = parse_house_numbers(
        pd.Series(pd.array(arrays[0].take(first), dtype="str")),
        pd.Series(pd.array(arrays[1].take(first), dtype="str")))
    codes = codes.reshape(-1)
    return _to_rows(once[0], codes, number.index), _to_rows(once[1], codes, addition.index)


# --------------------------------------------------------------------------- dates


def _date_message(value: str) -> str:
    worded = _WORDED_SHORT_YEAR.fullmatch(value)
    if _SHORT_YEAR.fullmatch(value) or (worded and worded.group(2).lower() in _MONTHS):
        return f"{shown(value)} has a two-digit year; write the year in four digits: 01-03-2024"
    if _ODD_YEAR.fullmatch(value):
        return (f"{shown(value)} has a year of {len(_ODD_YEAR.fullmatch(value).group(1))} "
                f"digit(s); write the year in four digits: 01-03-2024")
    if _PARTIAL_DATE.fullmatch(value):
        return (f"{shown(value)} is a partial date: its day or month is 00 (unknown, as the "
                "population register writes it); write the whole date, or leave the cell "
                "empty if it is not known")
    worded = _WORDED_DATE.fullmatch(value)
    if _DATE_SHAPE.fullmatch(value) or _COMPACT_DATE.fullmatch(value) or (
            worded and worded.group(2).lower() in _MONTHS):
        return (
            f"{shown(value)} is not an existing date: check the day and the month (the day "
            f"comes first); write dates as {DATE_FORMS}"
        )
    if _EXCEL_SERIAL.fullmatch(value):
        return (
            f"{shown(value)} looks like an Excel date number; format the column as a date "
            f"in Excel, or write dates as {DATE_FORMS}"
        )
    return f"{shown(value)} is not a date; write dates as {DATE_FORMS}"


def _format_shape(fmt: str) -> re.Pattern[str]:
    parts = {"%Y": r"\d{4}", "%m": r"\d{1,2}", "%d": r"\d{1,2}", "%H": r"\d{1,2}",
             "%M": r"\d{1,2}", "%S": r"\d{1,2}", "%f": r"\d{1,9}"}
    return re.compile(re.sub(r"%[YmdHMSf]|[^%]+",
                             lambda m: parts.get(m.group(0), re.escape(m.group(0))), fmt))


_FORMAT_SHAPES = {fmt: _format_shape(fmt) for fmt in _DATE_FORMATS}


def _formats_by_sample(text: pd.Series, present: np.ndarray) -> list[str]:
    """The date formats, those that fit the column's first values first.

    A format that fails on a value is slow (pandas raises internally), so trying ISO on a
    million Dutch dates would cost a second; a sample decides the order instead.
    """
    sample = text.iloc[np.flatnonzero(present)[:200]].tolist()
    if not sample:
        return list(_DATE_FORMATS)
    # the order only: a regex of each format's shape on the sample (calling to_datetime
    # per format costs milliseconds each); every format is still tried on what is left
    hits = {fmt: sum(1 for v in sample if _FORMAT_SHAPES[fmt].fullmatch(v))
            for fmt in _DATE_FORMATS}
    return sorted(_DATE_FORMATS, key=lambda fmt: -hits[fmt])  # stable: ties keep their order


def _all_digits(digit: np.ndarray, cols: list[int]) -> np.ndarray:
    """Rows whose bytes in ``cols`` are all digits (``digit``: a byte matrix's mask)."""
    ok = digit[:, cols[0]].copy()
    for c in cols[1:]:
        ok &= digit[:, c]
    return ok


def _fixed_width_dates(text: pd.Series, earliest: int = MIN_YEAR
                       ) -> tuple[np.ndarray, np.ndarray] | None:
    """Positions and days of the values written exactly as ``2024-03-01``, or as
    ``01-03-2024`` with ``-``, ``/`` or ``.``, that are real dates from ``MIN_YEAR`` to
    ``MAX_YEAR`` (from ``earliest``, when given): read from their bytes in whole columns.  Each such value fits one format
    only, and ``pd.to_datetime`` with that format gives the same day; everything else
    (other forms, impossible dates, years out of range) is left to the formats.
    """
    found = fixed_width_bytes(text, 10)
    if found is None or not len(found[0]):
        return None
    positions, rows = found
    # small integers throughout (a million dates: every temporary is 4 bytes a value,
    # not 8, and there are few of them)
    digit = (rows - 48) < 10  # uint8: anything below '0' wraps round

    iso = (rows[:, 4] == 45) & (rows[:, 7] == 45)
    iso &= _all_digits(digit, [0, 1, 2, 3, 5, 6, 8, 9]) if iso.any() else iso
    day_first = (rows[:, 2] == rows[:, 5]) & np.isin(rows[:, 2], (45, 47, 46))
    day_first &= _all_digits(digit, [0, 1, 3, 4, 6, 7, 8, 9]) if day_first.any() else day_first
    del digit
    ok = iso | day_first
    if not ok.any():
        return None
    if not ok.all():
        positions, rows, iso = positions[ok], rows[ok], iso[ok]

    def number(first: int, width: int) -> np.ndarray:
        value = rows[:, first].astype(np.int32)
        value -= 48
        for c in range(first + 1, first + width):
            value *= 10
            value += rows[:, c]
            value -= 48
        return value

    def field(iso_first: int, day_first_first: int, width: int) -> np.ndarray:
        if iso.all():
            return number(iso_first, width)
        if not iso.any():
            return number(day_first_first, width)
        return np.where(iso, number(iso_first, width), number(day_first_first, width))

    year, month, day = field(0, 6, 4), field(5, 3, 2), field(8, 0, 2)
    return _valid_days(positions, year, month, day, earliest)


def _valid_days(positions: np.ndarray, year: np.ndarray, month: np.ndarray,
                day: np.ndarray, earliest: int = MIN_YEAR) -> tuple[np.ndarray, np.ndarray]:
    """The positions whose (year, month, day) is a real date from ``MIN_YEAR`` to
    ``MAX_YEAR``, and those dates (``datetime64[us]``); the arrays are reused."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = _MONTH_DAYS[np.clip(month, 0, 12)]
    month_days += (month == 2) & leap
    del leap
    valid = ((year >= earliest) & (year <= MAX_YEAR) & (month >= 1) & (month <= 12)
             & (day >= 1) & (day <= month_days))
    del month_days
    # days since 1970-01-01 of the proleptic Gregorian date (H. Hinnant's days_from_civil)
    later = month > 2
    year -= ~later  # y: the year starts in March
    era = year // 400
    yoe = year - era * 400
    month += np.where(later, -3, 9)
    doy = (153 * month + 2) // 5 + day - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    return positions[valid], (days[valid].astype(np.int64) * 86_400_000_000).view(
        "datetime64[us]")


#: days per month (index 0 unused), for :func:`_valid_days`
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)

#: day-first dates without a leading zero, by length: (first separator, second separator)
#: ``1-3-2024`` (8), ``1-03-2024`` and ``01-3-2024`` (9); day, month and year lie around them
_SHORT_DAY_FIRST = {8: ((1, 3),), 9: ((1, 4), (2, 4))}


def _short_day_first_dates(text: pd.Series, earliest: int = MIN_YEAR
                           ) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`_fixed_width_dates` for day-first dates written without a leading zero in
    the day or month (``1-3-2024``, ``16-6-1965``, also with ``/`` or ``.``), which
    ``pd.to_datetime`` reads with the same formats (``%d`` and ``%m`` take one digit)."""
    found_all = []
    for width, layouts in _SHORT_DAY_FIRST.items():
        found = fixed_width_bytes(text, width)
        if found is None or not len(found[0]):
            continue
        positions, rows = found
        digit = (rows - 48) < 10
        for first, second in layouts:
            ok = (rows[:, first] == rows[:, second]) & np.isin(rows[:, first], (45, 47, 46))
            ok &= _all_digits(digit, [c for c in range(width) if c not in (first, second)])
            if not ok.any():
                continue
            part = rows[ok]

            def number(start: int, stop: int) -> np.ndarray:
                value = np.zeros(len(part), dtype=np.int32)
                for c in range(start, stop):
                    value *= 10
                    value += part[:, c]
                    value -= 48
                return value

            found_all.append(_valid_days(positions[ok], number(second + 1, width),
                                         number(first + 1, second), number(0, first),
                                         earliest))
    return found_all


#: Month names and abbreviations, Dutch and English (``mrt``, ``maart``, ``March``, ``mei``)
_MONTHS = {name: i for i, names in enumerate((
    ("jan", "januari", "january"), ("feb", "februari", "february"),
    ("mrt", "maa", "maart", "mar", "march"), ("apr", "april"), ("mei", "may"),
    ("jun", "juni", "june"), ("jul", "juli", "july"), ("aug", "augustus", "august"),
    ("sep", "sept", "september"), ("okt", "oktober", "oct", "october"),
    ("nov", "november"), ("dec", "december")), start=1) for name in names}
_WORDED_DATE = re.compile(r"(?i)(\d{1,2})[ .\-/]*([a-z]{3,9})\.?[ .\-/,]*(\d{4})")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
#: a day-first date typed with spaces for hyphens (``01 03 2024``, ``1 3 2024``)
_SPACED_DATE = re.compile(r"(\d{1,2}) (\d{1,2}) (\d{4})")
#: a date as Excel's long date format and reports write it: a weekday in front (``maandag
#: 1 maart 2024``, ``ma 01-03-2024``), a time after (``1 mrt. 2024 14:35``,
#: ``01.03.2024 00:00:00``, ``15/03/2024 9:00 PM``); a month name first (``March 1, 2024``) is not read: a
#: Dutch export never writes it, and an American one is better told than guessed
_WEEKDAYS = frozenset((
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "ma", "di", "wo", "do", "vr", "za", "zo", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"))
_LOOSE_DATE = re.compile(
    r"(?i)(?:([a-z]{2,9})\.?,?\s+)?"  # weekday
    r"(?:(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"  # 01-03-2024
    r"|(\d{1,2})[ .\-/]*([a-z]{3,9})\.?[ .\-/,]*(\d{4})"  # 1 maart 2024
    r"|(\d{4})-(\d{2})-(\d{2}))"  # 2024-03-01
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*uur|\s*[ap]\.?m\.?)?)?")  # a time
_WORDED_SHORT_YEAR = re.compile(r"(?i)(\d{1,2})[ .\-/]*([a-z]{3,9})\.?[ .\-/,]*(\d{2})")


def _loose_date(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date with a weekday in front or a time after, as a long
    date format writes it; ``None`` when the value is no such date.

    >>> [_loose_date(v) for v in ("maandag 1 maart 2024", "ma 01-03-2024",
    ...                           "1 mrt. 2024 14:35", "01.03.2024 00:00:00",
    ...                           "2024-03-01T14:35:00.000", "vroeg 1 maart 2024")]
    [(2024, 3, 1), (2024, 3, 1), (2024, 3, 1), (2024, 3, 1), (2024, 3, 1), None]
    """
    m = _LOOSE_DATE.fullmatch(value.strip())
    if not m or (m.group(1) and m.group(1).lower() not in _WEEKDAYS):
        return None
    g = m.groups()
    if g[1]:
        return int(g[3]), int(g[2]), int(g[1])
    if g[4]:
        month = _MONTHS.get(g[5].lower())
        return (int(g[6]), month, int(g[4])) if month else None
    return int(g[7]), int(g[8]), int(g[9])


def _worded_dates(text: pd.Series, todo: np.ndarray, out: np.ndarray,
                  earliest: int = MIN_YEAR) -> None:
    """Read, in place, the values left that are a date with the month's name (``1 maart
    2024``, ``01-mrt-2024``, ``1 Mar 2024``: Excel writes a date cell as it is shown) or
    written together as ``20240301`` (ERP exports); a value that fits neither, or is no
    real date, stays to be reported."""
    for pos in np.flatnonzero(todo):
        value = text.iat[pos]
        m = _WORDED_DATE.fullmatch(value)
        if m and m.group(2).lower() in _MONTHS:
            day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
        elif m := _COMPACT_DATE.fullmatch(value):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m := _SPACED_DATE.fullmatch(value):
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif not (ymd := _loose_date(value)):
            continue
        else:
            year, month, day = ymd
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if earliest <= date.year <= MAX_YEAR:
            out[pos] = np.datetime64(date, "us")
            todo[pos] = False


#: dashes a word processor puts for a hyphen (en dash, em dash, the hyphen and non-breaking
#: hyphen of Unicode, the minus sign): a date typed in Word or Outlook and pasted into the
#: register has them (``01–03–2024``)
_DASHES = "[\u2010\u2011\u2012\u2013\u2014\u2212]"


#: what a date typed by hand can have after it: a full stop ending the sentence, the
#: separator of a list (``01-03-2024.``, ``01-03-2024;``)
_TRAILING_MARKS = r"[.,;:]+$"


def _dates_as_typed(text: pd.Series, todo: np.ndarray) -> pd.Series:
    """``text`` with what typing by hand put into the values not yet read (``todo``) taken
    out: dashes made hyphens, so ``01–03–2024`` is read as ``01-03-2024`` is, and a full
    stop or separator after the value left out (``01-03-2024.``); ``text`` itself when no
    value has either."""
    positions = np.flatnonzero(todo)
    part = text.iloc[positions]
    typed = part.str.contains(f"{_DASHES}|{_TRAILING_MARKS}", regex=True).fillna(
        False).to_numpy(dtype=bool)
    if not typed.any():
        return text
    out = text.copy()
    out.iloc[positions[typed]] = (part[typed].str.replace(_DASHES, "-", regex=True)
                                  .str.replace(_TRAILING_MARKS, "", regex=True))
    return out


def parse_date(text: pd.Series, earliest: int = MIN_YEAR) -> Parsed:
    """Dates in any of the accepted forms to ``datetime64[ns]`` at midnight.

    ISO is tried on the whole column first, the day-first forms only on what is left.
    Impossible dates (31-02-2024) and years outside 1900-2100 are reported; ``earliest``
    moves the first year back for a column that may hold historical dates (a relative's
    birth date: :data:`HISTORICAL_MIN_YEAR`).  A column with a date before 1677, which
    nanoseconds cannot hold, is ``datetime64[us]``.

    >>> parse_date(pd.Series(["1630-08-01"])).bad.tolist()
    [0]
    >>> got = parse_date(pd.Series(["1630-08-01", "1-8-1630", "2024-03-01"]), earliest=1000)
    >>> got.bad.tolist(), got.values.dt.strftime("%Y-%m-%d").tolist(), str(got.values.dtype)
    ([], ['1630-08-01', '1630-08-01', '2024-03-01'], 'datetime64[us]')
    """
    original = text
    month_first = _month_first(text)
    if month_first is not None:
        text = month_first[0]
    n = len(text)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    todo = (text != "").to_numpy(dtype=bool, copy=True)
    present = todo.copy()
    fast = _fixed_width_dates(text, earliest)
    if fast is not None:  # the usual 2024-03-01 or 01-03-2024, in numpy
        positions, days = fast
        out[positions] = days
        todo[positions] = False
    if todo.any():  # 01–03–2024 (Word's and Outlook's dash for a hyphen), 01-03-2024.
        text = _dates_as_typed(text, todo)
    if todo.any():  # and 1-3-2024 (values of other lengths: none is read twice)
        for positions, days in _short_day_first_dates(text, earliest):
            out[positions] = days
            todo[positions] = False
    # the formats in the order the column's first values suggest (as if no value had been
    # read above: each value fits one format only, so the order decides no value)
    for fmt in _formats_by_sample(text, present) if todo.any() else ():
        positions = np.flatnonzero(todo)
        if len(positions) == 0:
            break
        part = text.iloc[positions] if len(positions) < n else text
        parsed = pd.to_datetime(part, format=fmt, errors="coerce")
        ok = parsed.notna().to_numpy()
        if ok.any():
            out[positions[ok]] = parsed.to_numpy()[ok].astype("datetime64[us]")
            todo[positions[ok]] = False
    if todo.any():  # what Excel writes from a date cell shown with the month's name
        _worded_dates(text, todo, out, earliest)
    zoned = read_zoned(text, todo, out) if todo.any() else None  # 2024-02-29T23:00:00Z
    days = out.astype("datetime64[D]")
    valid = ~np.isnat(days)
    # the year lies outside MIN_YEAR..MAX_YEAR: compared as days (working out every
    # date's year would cost more than the rest of the column)
    out_of_range = valid & ((days < np.datetime64(f"{earliest:04d}-01-01"))
                            | (days > np.datetime64(f"{MAX_YEAR:04d}-12-31")))
    bad = np.flatnonzero(todo | out_of_range)
    messages: list[str] = []
    for pos in bad:
        value = original.iat[pos]
        if out_of_range[pos]:
            year = int(days[pos].astype("datetime64[Y]").astype(np.int64)) + 1970
            hint = " in four digits" if year < 100 else ""
            messages.append(
                f"{shown(value)} has year {year}; dates must lie between {earliest} and "
                f"{MAX_YEAR}: correct the year{hint}, and write dates as {DATE_FORMS}"
            )
        else:
            messages.append(_date_message(value))
    days[bad] = np.datetime64("NaT")
    unit = ("datetime64[us]" if earliest < MIN_YEAR and (days < _NS_FIRST_DAY).any()
            else "datetime64[ns]")
    values = pd.Series(days.astype(unit), index=text.index)
    noted: list[int] = []
    notes: list[str] = []
    if month_first is not None and not np.isnat(days[month_first[1]]):
        at = month_first[1]
        noted.append(at)
        notes.append(
            f"the column writes the month first, as an American export does "
            f"({shown(original.iat[at])} is {days[at].item():%d-%m-%Y}): its dates with a / "
            "are read month first; write them day first (or ISO, 2024-03-15) if that is not "
            "meant")
    if zoned is not None:
        # told with a value that was read: an out-of-range one is refused above (NaT)
        read = zoned[~np.isnat(days[zoned])]
        if len(read):
            noted.append(int(read[0]))
            notes.append(zoned_note(original.iat[read[0]], days[read[0]], len(read)))
    if not noted:
        return Parsed(values, bad, messages)
    return Parsed(values, bad, messages, np.array(noted, dtype=np.int64), notes)


_SLASH_DATE = r"^(\d{1,2})/(\d{1,2})/(\d{4})(.*)$"


def _month_first(text: pd.Series) -> tuple[pd.Series, int] | None:
    """A column of ``03/15/2024`` dates (an American export) with every ``m/d/yyyy`` value
    rewritten day first, and the position of a value that shows it; None for any other
    column.

    A column is month first when most of its values are ``/`` dates, two of them (or more)
    have a second number above 12, and no date (``/``, ``-`` or ``.``) has a first number
    above 12: read day first,
    ``03/01/2024`` would silently be 3 January while ``03/15/2024`` was reported.  A column
    where both occur is left as it is (each impossible value is reported).

    >>> fixed, at = _month_first(pd.Series(["03/15/2024", "03/01/2024", "1/13/2024"],
    ...                                    dtype="str"))
    >>> fixed.tolist(), at
    (['15/03/2024', '01/03/2024', '13/1/2024'], 0)
    >>> _month_first(pd.Series(["03/15/2024", "16-03-2024"], dtype="str")) is None
    True
    """
    slash = text.str.contains("/", regex=False).fillna(False).to_numpy(dtype=bool)
    if not slash.any():
        return None
    at = np.flatnonzero(slash)
    parts = text.iloc[at].str.extract(_SLASH_DATE)
    ok = parts[0].notna().to_numpy(dtype=bool)
    if not ok.any():
        return None
    first = parts[0][ok].astype(int).to_numpy()
    second = parts[1][ok].astype(int).to_numpy()
    # two values to show it, and the column written with / mostly: one odd value in a
    # Dutch column is a mistake to report, not a reason to read the column another way
    filled = int((text != "").sum())
    if (first > 12).any() or len(set(parts[ok][(second > 12)].itertuples(index=False))) < 2 \
            or 2 * int(ok.sum()) < filled:
        return None
    # a date written with - or . that can only be day first (15-03-2024) says the column
    # is Dutch after all: its odd / values are reported, not read another way
    other = text.str.extract(r"^(\d{1,2})[-.]\d{1,2}[-.]\d{4}")[0].dropna()
    if len(other) and (other.astype(int) > 12).any():
        return None
    out = text.copy()
    swapped = parts[1] + "/" + parts[0] + "/" + parts[2] + parts[3]
    out.iloc[at[ok]] = swapped[ok].to_numpy()
    return out, int(at[ok][np.argmax(second > 12)])


# ------------------------------------------------------------------------- amounts

_FAST_AMOUNT = r"-?\d{1,15}(?:\.\d{1,2})?"
#: the currency, also with the full stop typed after it before a space (``€. 1.234,56``,
#: ``EUR. 50``, ``50 EUR.``; not ``€.50``, fifty cents)
_CURRENCY = r"(?i)(?:eur(?:o|os)?|€)(?:\.(?=\s|$))?|\s|\u00a0|\u202f"
_PLAIN = r"\d+|\d*\.\d+"
_DOT_GROUPS = r"[1-9]\d{0,2}(?:\.\d{3})+"
_DUTCH_DECIMAL = r"(?:[1-9]\d{0,2}(?:\.\d{3})+|\d*),\d+"
_COMMA_GROUPS = r"[1-9]\d{0,2}(?:,\d{3}){2,}"
_ENGLISH_DECIMAL = r"[1-9]\d{0,2}(?:,\d{3})+\.\d+"


def _is_native_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _parse_amount_forms(part: pd.Series, percent: bool) -> np.ndarray:
    """Float value of each of the less common amount forms; NaN where none fits."""
    cleaned = part.str.replace(_CURRENCY, "", regex=True)
    # a dash as Word types it: whole euros written `€ 50,–` (the Dutch typographic form),
    # a minus sign `−12,50`: hyphens, as the forms below read them
    cleaned = cleaned.str.replace(_DASHES, "-", regex=True)
    # the minus sign of Dutch accounting (min-teken), as ERP reports print a credit note:
    # -/- 450,00, -/- € 450,00, € -/- 450,00 (the currency and spaces are gone by now)
    cleaned = cleaned.str.replace(r"^-/-(?=[\d.,])", "-", regex=True)
    if percent:
        cleaned = cleaned.str.replace("%", "", regex=False)
    # whether VAT is in it, as a mandate register or a hand-kept list says after the amount
    # (€ 50.000 excl. btw): the amount as written
    cleaned = cleaned.str.replace(_VAT_REMARK, "", regex=True)
    # per person, as a gift register values a dinner or an event (diner € 75 p.p.): what
    # the employee was offered (the spaces are gone: 75p.p., 75perpersoon)
    cleaned = cleaned.str.replace(_PER_PERSON, "", regex=True)
    # credit or debit written after the amount, as ledgers and bank statements print it
    # (1.250,00 CR, € 1.250,00 (credit), 75,00 Cr., 75,00 DR, 75,00 debet): a credit is
    # negative (the minus sign of the other credit forms), a debit as written
    credit_mark = cleaned.str.contains(_CREDIT_MARK, regex=True).to_numpy(dtype=bool)
    cleaned = cleaned.str.replace(_CREDIT_MARK, "", regex=True).str.replace(
        _DEBIT_MARK, "", regex=True)
    cleaned = cleaned.str.replace(r"[,.](?:-+|=)$", "", regex=True)  # 1.234,- 1.234,= (whole euros)
    # an estimate as a gift register writes it: ca. 20 euro, ± 20, plm. 20 (the amount)
    cleaned = cleaned.str.replace(_ABOUT, "", regex=True)
    # a remark in brackets after the amount: € 30 (2 kaarten); (1.234,56) stays a credit
    cleaned = cleaned.str.replace(_REMARK, "", regex=True)
    # a lower bound as a gift register writes it: > 50, meer dan 50 (read as a cent more,
    # for "more than"), vanaf 50, 50+ (the bound itself)
    above = cleaned.str.contains(_MORE_THAN, regex=True).to_numpy(dtype=bool)
    cleaned = cleaned.str.replace(_MORE_THAN, "", regex=True).str.replace(_AT_LEAST, "",
                                                                          regex=True)
    # a credit as accounting software writes it: 1.234,56- (SAP, Exact: always with its
    # cents; a bare 12- may be a sloppy 12,-) or (1.234,56)
    credit = cleaned.str.fullmatch(r"\(\d[^()\-]*\)|\d[^\-]*[.,]\d+-").to_numpy(dtype=bool)
    if credit.any():
        cleaned = cleaned.copy()
        cleaned[credit] = "-" + cleaned[credit].str.strip("()-")
    negative = cleaned.str.startswith("-").to_numpy(dtype=bool, copy=True) | credit_mark
    body = cleaned.str.replace(r"^[+-]", "", regex=True)
    out = np.full(len(part), np.nan)
    remaining = np.ones(len(part), dtype=bool)

    def take(pattern: str, convert: Callable[[pd.Series], pd.Series], exclude: str = "") -> None:
        mask = body.str.fullmatch(pattern).to_numpy(dtype=bool) & remaining
        if exclude:
            mask &= ~body.str.fullmatch(exclude).to_numpy(dtype=bool)
        if mask.any():
            out[mask] = convert(body[mask]).astype(float).to_numpy()
            remaining[mask] = False

    # Excel's Accounting format writes a zero as a dash beside the currency: € -
    zero = (cleaned.str.fullmatch(r"-+").to_numpy(dtype=bool)
            & part.str.contains(r"€|(?i:eur)", regex=True).to_numpy(dtype=bool))
    out[zero] = 0.0
    remaining[zero] = False
    negative[zero] = False
    take(_PLAIN, lambda s: s, exclude=r"[1-9]\d{0,2}\.\d{3}")
    take(_DOT_GROUPS, lambda s: s.str.replace(".", "", regex=False))
    take(
        _DUTCH_DECIMAL,
        lambda s: s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False),
    )
    take(_COMMA_GROUPS, lambda s: s.str.replace(",", "", regex=False))
    take(_ENGLISH_DECIMAL, lambda s: s.str.replace(",", "", regex=False))
    out[negative] = -out[negative]
    out[above & ~negative] += 0.01
    return out


#: "about", in front of an estimated amount (spaces are gone by then: ``ca.20``)
_ABOUT = r"(?i)^(?:ca\.?|circa|ongeveer|plm\.?|pl\.m\.|approx\.?|about|±|~|\+/-)(?=[\d€.,])"
_REMARK = r"\((?![\d.,\-]+\))[^()]*\)$"
#: a credit or debit mark after an amount (spaces are gone): ``CR``, ``Cr.``, ``(credit)``
_CREDIT_MARK = r"(?i)(?<=[\d\-=])\(?(?:cr|credit|creditnota|creditfactuur)\.?\)?$"
_DEBIT_MARK = r"(?i)(?<=[\d\-=])\(?(?:dr|debet|debit)\.?\)?$"
#: ``excl. btw``, ``incl.BTW``, ``ex btw``, ``excl. VAT`` after an amount (spaces are gone)
_VAT_REMARK = (r"(?i)(?<=[\d\-=])(?:excl|incl|ex|exclusief|inclusief|excluding|including)"
               r"\.?(?:btw|b\.t\.w\.?|vat)?\.?$")
#: ``p.p.``, ``pp``, ``per persoon`` after an amount (spaces are gone)
_PER_PERSON = r"(?i)(?<=[\d\-=])(?:p\.?p\.?|perpersoon|perperson|perp\.?)$"
#: Excel's scientific form, which a CSV keeps as the cell showed it (``1,23E+08``): rounded
_SCIENTIFIC = re.compile(r"-?\d+(?:[.,]\d+)?[eE][+-]?\d{1,3}")
_MORE_THAN = r"(?i)^(?:>|meerdan|boven|ruim|morethan|over)(?=[\d.,])"
_AT_LEAST = r"(?i)^(?:>=|≥|vanaf|minimaal|minstens|tenminste|atleast)(?=[\d.,])|(?<=\d)\+$"
_NOT_PLAIN_CHAR = re.compile(r"[^0-9.\-\x00]")
_THREE_DECIMALS = re.compile(r"\.\d\d\d(?:\x00|\Z)")


_JOINED_CURRENCY = re.compile(r"€|(?i:eur(?:o|os)?)|[ \t\u00a0\u202f]")
_DUTCH_COLUMN = re.compile(
    r"(?>-?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?(?:\x00|\Z))+"
)


def _dutch_numbers(part: pd.Series) -> np.ndarray | None:
    """Values of a column written in Dutch notation throughout (``€ 1.234,56``), else ``None``.

    Like :func:`_plain_numbers`, one pass over the joined text: currency signs and spaces
    go, the whole column must match the Dutch form, then dots go and commas become points.
    """
    joined = _JOINED_CURRENCY.sub("", "\x00".join(part.to_numpy(dtype=object)))
    if not _DUTCH_COLUMN.fullmatch(joined):
        return None
    try:
        return np.array(joined.replace(".", "").replace(",", ".").split("\x00"), dtype=float)
    except ValueError:  # pragma: no cover - the pattern admits only numbers
        return None


#: a column Arrow may convert: ASCII, plus the euro sign and the spaces Excel writes
_ARROW_AMOUNT_CHARS = "^[\x20-\x7e\t\u00a0\u202f€]*$"
_ARROW_PLAIN = r"^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$"
#: ``_JOINED_CURRENCY`` for Arrow (RE2 has no ``\\u`` escapes)
_ARROW_CURRENCY = "€|(?i:eur(?:o|os)?)|[ \t\u00a0\u202f]"
_ARROW_DUTCH = r"^-?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?$"
#: the usual Dutch export: ``_ARROW_DUTCH`` with at most a euro sign and one space before
#: it; such a column fits the steps below (euro signs and spaces removed, then Dutch), so
#: one pattern and two plain replacements stand in for three patterns and a regex one
_ARROW_EURO_DUTCH = "^(?:€ ?)?" + _ARROW_DUTCH[1:]


def _arrow_numbers(part: pd.Series) -> np.ndarray | None:
    """:func:`_plain_numbers` and :func:`_dutch_numbers` in Arrow kernels, for a column in
    which every value has the plain or (after removing euro signs and spaces) the Dutch
    form in ASCII digits; ``None`` otherwise, and those two decide as before.

    Both forms are decimal strings that Python's ``float`` and Arrow's cast both round
    correctly, so the values are the same.
    """
    arr = arrow_array(part) if len(part) else None
    if arr is None:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    def fits(values, pattern: str) -> bool:
        """Every value fits (a sample first: one misfit there spares the whole column)."""
        return (pc.all(pc.match_substring_regex(values.slice(0, 256), pattern)).as_py()
                and pc.all(pc.match_substring_regex(values, pattern)).as_py())

    if fits(arr, _ARROW_PLAIN):
        if pc.any(pc.match_substring_regex(arr, r"\.[0-9]{3}$")).as_py():
            return None  # maybe Dutch thousands (1.234): the full parser decides
        return pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    cleaned = arr
    if not fits(arr, _ARROW_EURO_DUTCH):
        if not fits(arr, _ARROW_AMOUNT_CHARS):
            return None
        cleaned = pc.replace_substring_regex(arr, _ARROW_CURRENCY, "")
        if not fits(cleaned, _ARROW_DUTCH):
            return None
    number = _dutch_as_decimal_point(cleaned)
    if number is None:  # (only for an array with missing values, which text has not)
        cleaned = pc.replace_substring(pc.replace_substring(cleaned, "€ ", ""), "€", "")
        number = pc.replace_substring(pc.replace_substring(cleaned, ".", ""), ",", ".")
    return pc.cast(number, pa.float64()).to_numpy(zero_copy_only=False)


def _dutch_as_decimal_point(arr):  # (pyarrow string array) -> pyarrow string array | None
    """Values that fit ``_ARROW_EURO_DUTCH`` (``€ 1.234,56``) as ``1234.56``, in numpy:
    the euro sign, the space after it and the thousands dots are dropped and the decimal
    comma becomes a point, in one pass over the bytes (Arrow's replacements took four).

    Only for such values: there, a space or a byte above 0x7F can only be part of the
    ``€ `` before the number, a dot only a thousands separator and a comma only the decimal
    one; and no value is empty.  ``None`` for an array with missing values.
    """
    import pyarrow as pa

    if arr.null_count or not len(arr):
        return None
    wide = pa.types.is_large_string(arr.type)
    _, offsets_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64 if wide else np.int32)[
        arr.offset : arr.offset + len(arr) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0] : offsets[-1]]
    drop = data == 0x2E
    drop |= data == 0x20
    drop |= data >= 0x80
    kept = data[~drop]
    kept[kept == 0x2C] = 0x2E
    # each value starts after the kept bytes before it: its old start less the bytes
    # dropped before that (a running count; every value holds a digit, so none is empty)
    dropped_by = np.cumsum(drop, dtype=np.int32 if len(data) < 2**31 else np.int64)
    del drop
    ends = (offsets[1:] - offsets[0]).astype(np.int64)
    new_offsets = np.zeros(len(offsets), dtype=np.int64)
    new_offsets[1:] = ends - dropped_by[ends - 1]
    return pa.Array.from_buffers(pa.large_string(), len(arr),
                                 [None, pa.py_buffer(new_offsets), pa.py_buffer(kept)])


def _plain_numbers(part: pd.Series) -> np.ndarray | None:
    """Values of a column holding only plain numbers (``-1234.56``), else ``None``.

    One scan of the joined text decides, so a million plain amounts cost a fraction of a
    second; a value with three decimals (maybe Dutch thousands: ``1.234``) sends the
    column to the full parser.
    """
    cells = part.to_numpy(dtype=object)
    joined = "\x00".join(cells)
    if _NOT_PLAIN_CHAR.search(joined) or _THREE_DECIMALS.search(joined):
        return None
    try:
        return np.array(cells, dtype=float)
    except ValueError:  # e.g. '1.2.3' or '-'
        return None


#: the euro sign in UTF-8, and the most digits an amount read by its layout may have (an
#: integer below 2**53 is exact in a float, and so is its quotient by 100 rounded once)
_EURO_BYTES = np.frombuffer("€".encode(), dtype=np.uint8)
_LAYOUT_DIGITS = 15


def _amounts_by_layout(part: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """The Dutch amounts of the usual exports read from their bytes, in numpy: an
    optional euro sign (and one space), then digits with or without thousands dots
    (``1.234``, ``1234``) and optionally a comma with two decimals, at most
    :data:`_LAYOUT_DIGITS` digits: ``€ 1.234,56``, ``48.000,00``, ``923,82``, ``1234``.

    Returns the mask of the values read so and their floats (NaN elsewhere); the others
    are left to the general steps.  A value of length ``L`` has few possible layouts (where
    the comma and dots stand), so the values are grouped by length and each group is a
    byte matrix checked column by column.  Each value read here is one the general steps
    read as the same number (a thousands dot is dropped, the decimal comma is a point):
    the digits as an integer ``N`` and ``N / 100`` are the correctly rounded float of the
    decimal, as Arrow's cast and Python's ``float`` give.  ``None``: not Arrow-backed.
    """
    arr = arrow_array(part) if len(part) else None
    if arr is None or arr.null_count:
        return None
    import pyarrow as pa

    n = len(arr)
    wide = pa.types.is_large_string(arr.type)
    _, offsets_buf, data_buf = arr.buffers()
    ok = np.zeros(n, dtype=bool)
    values = np.full(n, np.nan)
    if data_buf is None:
        return ok, values
    offsets = np.frombuffer(offsets_buf, dtype=np.int64 if wide else np.int32)[
        arr.offset : arr.offset + n + 1].astype(np.int64)
    data = np.frombuffer(data_buf, dtype=np.uint8)
    if not len(data):
        return ok, values
    starts, ends = offsets[:-1], offsets[1:]
    length_of = ends - starts
    euro = length_of >= 3
    for k in range(3):
        euro &= np.take(data, starts + k, mode="clip") == _EURO_BYTES[k]
    space = euro & (length_of >= 4) & (np.take(data, starts + 3, mode="clip") == 0x20)
    skip = 3 * euro.astype(np.int64)
    skip += space
    body = starts + skip
    body_len = length_of - skip
    longest = _LAYOUT_DIGITS + _LAYOUT_DIGITS // 3 + 1  # digits, their dots, the comma
    counts = np.bincount(np.clip(body_len, 0, longest + 1), minlength=longest + 2)
    for length in np.flatnonzero(counts[1 : longest + 1]) + 1:
        rows = np.flatnonzero(body_len == length)
        first = body[rows]
        # the rows' bytes column by column (contiguous arrays: each check is one pass)
        column = [np.take(data, first + c) for c in range(length)]
        digit = [(b - 48) < 10 for b in column]  # uint8: a byte below '0' wraps round
        for decimals in (2, 0):
            whole = length - 3 if decimals else length
            if whole < 1:
                continue
            fits = np.ones(len(rows), dtype=bool)
            if decimals:
                fits &= (column[whole] == 44) & digit[whole + 1] & digit[whole + 2]
            dots = (whole - 1) // 4
            layouts = [[]]  # plain digits; with thousands dots when the length allows them
            if dots and whole - 4 * dots <= 3:
                layouts.append([whole - 4 * dots + 4 * j for j in range(dots)])
            for dot_columns in layouts:
                digit_columns = [c for c in range(whole) if c not in dot_columns]
                if len(digit_columns) + decimals > _LAYOUT_DIGITS:
                    continue
                match = fits.copy()
                for c in digit_columns:
                    match &= digit[c]
                for c in dot_columns:
                    match &= column[c] == 46
                if dot_columns:
                    match &= column[0] != 48  # a group of thousands never starts with 0
                if not match.any():
                    continue
                at = np.flatnonzero(match)
                every = len(at) == len(rows)
                number = np.zeros(len(at), dtype=np.int64)
                for c in digit_columns + ([whole + 1, whole + 2] if decimals else []):
                    number *= 10
                    number += column[c] if every else column[c][at]
                    number -= 48
                where = rows if every else rows[at]
                ok[where] = True
                values[where] = number / 100.0 if decimals else number.astype(np.float64)
    return ok, values


#: a comma with three digits after it and no other separator (``25,000``, ``€ 1,234``):
#: Dutch reads a decimal comma (1,234), English a thousands group (1234)
_LONE_COMMA_GROUP = re.compile(r"[^\d,.]*-?[1-9]\d{0,2},\d{3}[^\d,.]*")
#: an amount written the English way, with a comma between thousands and a decimal point
_ENGLISH_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+\.\d{1,2}(?!\d)")
#: a Dutch decimal comma (``12,50``, ``1.234,5``)
_DUTCH_CENTS = re.compile(r"\d,\d{1,2}(?![\d,.])")


def _english_lone_groups(text: pd.Series, rest: np.ndarray) -> np.ndarray:
    """The positions among ``rest`` (values read one by one) of amounts such as ``25,000``
    in a column that writes amounts the English way (``1,234.56``) and never with a Dutch
    decimal comma: there the comma is a thousands group, as in the column's other values,
    and ``25,000`` is 25000, not 25 (a mandate limit a thousand times too low).  Elsewhere
    a lone comma stays a decimal comma, as the Dutch write it."""
    part = text.iloc[rest]
    lone = part.str.fullmatch(_LONE_COMMA_GROUP.pattern).fillna(False).to_numpy(dtype=bool)
    if not lone.any() or not part.str.contains(_ENGLISH_AMOUNT.pattern).any():
        return rest[:0]
    if text.str.contains(_DUTCH_CENTS.pattern).any():
        return rest[:0]
    return rest[lone]


def parse_amount(text: pd.Series, raw: pd.Series | None = None, percent: bool = False) -> Parsed:
    """Amounts (and other numbers) in Dutch or international notation to ``float64``.

    ``raw`` is the column before it became text: an Excel number cell is taken as the
    number it is, without reading its text.  ``percent`` also accepts a ``%`` sign.
    """
    n = len(text)
    out = np.full(n, np.nan)
    todo = (text != "").to_numpy(dtype=bool, copy=True)
    if raw is not None and raw.dtype == object:
        native = raw.map(_is_native_number).to_numpy(dtype=bool)
        if native.any():
            out[native] = raw[native].astype(float).to_numpy()
            todo &= ~native
    positions = np.flatnonzero(todo)
    if len(positions):
        part = text.iloc[positions] if len(positions) < n else text
        by_layout = _amounts_by_layout(part)
        if by_layout is not None and by_layout[0].any():  # the usual € 1.234,56
            read, numbers = by_layout
            out[positions[read]] = numbers[read]
            todo[positions[read]] = False
            positions = positions[~read]
            part = text.iloc[positions]
    if len(positions):  # the other values: each is read as it would be among the rest
        plain = _arrow_numbers(part)
        if plain is None:
            plain = _plain_numbers(part)
        if plain is None:
            plain = _dutch_numbers(part)
        if plain is not None:  # the common cases: all like 1234.56, or all like 1.234,56
            out[positions] = plain
            positions = positions[:0]
            todo[:] = False
    if len(positions):
        fast = part.str.fullmatch(_FAST_AMOUNT).to_numpy(dtype=bool)
        if fast.any():
            out[positions[fast]] = part[fast].astype(float).to_numpy()
            todo[positions[fast]] = False
        rest = positions[~fast]
        if len(rest):
            out[rest] = _parse_amount_forms(text.iloc[rest], percent)
            todo[rest] = np.isnan(out[rest])
            grouped = _english_lone_groups(text, rest)
            if len(grouped):
                out[grouped] *= 1000
    bad = np.flatnonzero(todo)
    forms = "25, 25% or 12,5" if percent else AMOUNT_FORMS
    kind = "a number" if percent else "an amount"
    messages = [f"{shown(text.iat[p])} is not {kind}; write it as {forms}"
                if not _SCIENTIFIC.fullmatch(text.iat[p].strip()) else
                f"{shown(text.iat[p])} is a number in Excel's scientific form, rounded as the "
                "cell showed it; format the column as a number in Excel before saving it as CSV"
                for p in bad]
    return Parsed(pd.Series(out, index=text.index, dtype="float64"), bad, messages)


# ----------------------------------------------------------------------------- ranks

#: at most this many digits: a position on a candidate list, not an id pasted by mistake
_RANK = r"0*[1-9]\d{0,8}"
#: a position as people and programs write it besides the bare number: ``3.0`` (a CSV
#: written from a number column that has empty cells; not ``1.000``, which may be 1000), a Dutch ordinal (``1e``, ``1ste``,
#: ``2de``, ``3.``) and a number sign (``#2``, ``nr. 2``); the number is group 1
_RANK_WRITTEN = r"(?i)^(?:#|nr\.?|no\.?)?\s*(0*[1-9]\d{0,8})(?:\.0|e|ste|de|\.)?$"


def parse_rank(text: pd.Series) -> Parsed:
    """Positions on a list (``1`` = first) to nullable ``Int64``.

    Only whole numbers from 1 are positions: ``0``, ``-2``, ``1.5`` or ``eerste`` are
    reported.  An Excel number cell ``3.0`` arrives here as its text ``3`` (see
    :func:`~ingest.read_files.cell_text`); so does ``3.0`` in a CSV, and a Dutch ordinal
    (``3e``, ``3de``, ``3.``) or ``#3`` is 3 too: each is read one way only.

    >>> parse_rank(pd.Series(["1", "012", "", "0", "2.5", "3.0", "2e", "1ste", "#4"])
    ...            ).values.tolist()
    [1, 12, <NA>, <NA>, <NA>, 3, 2, 1, 4]
    """
    ok = text.str.fullmatch(_RANK).fillna(False).to_numpy(dtype=bool, copy=True)
    values = pd.Series(pd.NA, index=text.index, dtype="Int64")
    if ok.any():
        values[ok] = text[ok].astype(np.int64).to_numpy()
    written = np.flatnonzero(~ok & (text != "").to_numpy(dtype=bool))
    if len(written):
        number = text.iloc[written].str.strip().str.extract(_RANK_WRITTEN, expand=False)
        read = number.notna().to_numpy(dtype=bool)
        values.iloc[written[read]] = number[read].astype(np.int64).to_numpy()
        ok[written[read]] = True
    bad = np.flatnonzero(~ok & (text != "").to_numpy(dtype=bool))
    messages = [f"{shown(text.iat[p])} is not a position on the list; write a whole number "
                "from 1 (1 = first on the candidate list)" for p in bad]
    return Parsed(values, bad, messages)


# ------------------------------------------------------------------------ booleans


def parse_bool(text: pd.Series) -> Parsed:
    """Yes/no in Dutch and English to pandas ``boolean``.

    When the column marks yes with ``x`` anywhere, an empty cell means no; otherwise an
    empty cell is unknown (missing).
    """
    keys = text.str.lower()
    distinct = [k for k in keys.unique() if k != ""]
    mapping: dict[str, bool] = {}
    for key in distinct:
        if key in _TRUE:
            mapping[key] = True
        elif key in _FALSE:
            mapping[key] = False
    remarked: dict[str, str] = {}
    for key in distinct:
        if key not in mapping and (said := _yes_no_with_remark(key)) is not None:
            mapping[key] = said[0]
            if said[1]:
                remarked[key] = said[1]
    values = keys.map(mapping).astype("boolean")
    if "x" in mapping:
        values = values.mask(keys == "", False)
    unknown = [k for k in distinct if k not in mapping]
    bad = np.flatnonzero(isin(keys, unknown)) if unknown else np.zeros(0, np.int64)
    messages = [f"{shown(text.iat[p])} is not yes or no; write {BOOL_FORMS}" for p in bad]
    if not remarked:
        return Parsed(values, bad, messages)
    noted = np.flatnonzero(isin(keys, list(remarked)))
    notes = [f"{shown(text.iat[p])} is read as {'yes' if mapping[keys.iat[p]] else 'no'} "
             f"({remarked[keys.iat[p]]}): the remark after it is not read" for p in noted]
    return Parsed(values, bad, messages, noted, notes)


def _yes_no_with_remark(key: str) -> tuple[bool, str] | None:
    """(the answer, the word) of yes or no followed by a remark (``ja, zie toelichting``)
    or a full stop (``nee.``: the word is empty then, nothing needs saying); None for any
    other value, and for a remark that starts with yes or no itself (``nee, ja``: which?).

    >>> _yes_no_with_remark("nee (niet nodig)"), _yes_no_with_remark("ja.")
    ((False, 'nee'), (True, ''))
    >>> _yes_no_with_remark("ja/nee"), _yes_no_with_remark("nee, ja")
    (None, None)
    """
    m = _YES_NO_REMARK.fullmatch(key)
    if m is None:
        return None
    word, remark = m[1].lower(), m[2].strip()
    first = remark.split(maxsplit=1)[0].strip(".,;:()").lower() if remark else ""
    if first in ("ja", "nee", "neen", "yes", "no"):
        return None
    return word in _TRUE, word if remark.strip(".") else ''


# --------------------------------------------------------------------- enumerations


#: at most this many distinct unknown words of a column are looked at for a close
#: spelling (a column of garbage would otherwise cost a comparison with every word each)
_CLOSE_LOOKS = 500


def _one_code_apart(vocabulary: EnumVocabulary, value: str) -> str | None:
    """The code of a value that names one thing in two words with ``/`` between them, as
    a form or an HR system writes the choice (``Zoon/dochter``, ``Broer/zus``,
    ``Echtgenoot/echtgenote``: a child, a sibling, a partner), when every word is that
    code; else None (``Zoon/neef`` names two)."""
    parts = [p.strip() for p in value.split("/")]
    if len(parts) < 2 or not all(parts):
        return None
    codes = {vocabulary.lookup(p) for p in parts}
    return codes.pop() if len(codes) == 1 and None not in codes else None


def _closed_by_punctuation(vocabulary: EnumVocabulary, value: str) -> str | None:
    """The code of a known word with punctuation typed after or before it
    (``Bestuurder.``, ``*commissaris``), for an open vocabulary, which keeps an unknown
    value as written: ``bestuurder.`` would be a role of its own.  None otherwise."""
    bare = value.strip(" .,;:*?!")
    return vocabulary.lookup(bare) if bare and bare != value.strip() else None


def parse_enum(
    text: pd.Series,
    vocabulary: EnumVocabulary,
    column: str,
    default: str | None = None,
    open_vocabulary: bool = False,
) -> Parsed:
    """Codes of an enumeration from the contract's codes or their Dutch synonyms.

    An empty cell gets ``default``; a close spelling of a known word (``dochtr``,
    ``neven functie``) is read as that word, with a warning on the row; an unknown word is
    reported with the allowed codes, unless the vocabulary is open (then it is kept in
    lower case).
    """
    distinct = [v for v in text.unique() if v != ""]
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    spelled: dict[str, str] = {}
    for value in distinct:
        code = vocabulary.lookup(value)
        if code is not None:
            mapping[value] = code
        elif vocabulary.means_empty(value):
            continue  # read as an empty cell (``alle``: every kind)
        elif open_vocabulary and (close := _closed_by_punctuation(vocabulary, value)):
            mapping[value] = close  # 'Bestuurder.': a known word with a full stop after it
        elif open_vocabulary and len(spelled) < _CLOSE_LOOKS and (
                typo := vocabulary.typo(value)) is not None:
            mapping[value] = typo[0]  # 'Commsisaris': a typo, not a role of its own
            spelled[value] = (f"{shown(value)} is read as {typo[0]} ({typo[1]!r}); "
                              "correct the spelling if that is not meant")
        elif open_vocabulary:
            mapping[value] = " ".join(value.lower().split())
        elif (same := _one_code_apart(vocabulary, value)) is not None:
            mapping[value] = same  # 'Zoon/dochter', 'Echtgenoot/echtgenote': a form's choice
        elif len(spelled) + len(unknown) < _CLOSE_LOOKS and (
                close := vocabulary.close(value)) is not None:
            mapping[value] = close[0]
            spelled[value] = (f"{shown(value)} is read as {close[0]} ({close[1]!r}); "
                              "correct the spelling if that is not meant")
        else:
            unknown.append(value)
    if default is not None:
        mapping[""] = default
    values = _str_series(map_text(text, mapping), text.index)
    bad = np.flatnonzero(isin(text, unknown)) if unknown else np.zeros(0, np.int64)
    messages = [
        f"{shown(text.iat[p])} is not a known {column}; use one of: {vocabulary.describe()}"
        for p in bad
    ]
    noted = np.flatnonzero(isin(text, list(spelled))) if spelled else np.zeros(0, np.int64)
    return Parsed(values, bad, messages, noted, [spelled[text.iat[p]] for p in noted])


# ------------------------------------------------------------------- identifiers


def parse_identifier(text: pd.Series, normalize: Callable[[str], str]) -> Parsed:
    """Apply an identifier normaliser (IBAN, KvK, postcode, phone, e-mail) per distinct value.

    The normaliser raises ``ValueError`` with the user's message for a bad value.
    """
    fast = _FAST_PATHS.get(getattr(normalize, "__name__", ""))
    if fast is not None and len(text):
        compact, ok = fast(text)
        if ok.all() or not (~ok & (text != "").to_numpy(dtype=bool)).any():
            return Parsed(_str_series(compact.where(ok & (text != "").to_numpy(dtype=bool)),
                                      text.index))
        rest = _parse_each(text.where(~ok, ""), normalize)  # only the values it left
        values = compact.where(ok, rest.values)
        return Parsed(_str_series(values.where(text != ""), text.index), rest.bad,
                      rest.messages)
    return _parse_each(text, normalize)


def _parse_each(text: pd.Series, normalize: Callable[[str], str]) -> Parsed:
    """The normaliser on each distinct value (its ``ValueError`` is the message)."""
    distinct = [v for v in text.unique() if v != ""]
    good: dict[str, str] = {}
    errors: dict[str, str] = {}
    for value in distinct:
        try:
            good[value] = normalize(value)
        except ValueError as exc:
            errors[value] = str(exc)
    values = _str_series(map_text(text, good), text.index)
    if not errors:
        return Parsed(values)
    bad = np.flatnonzero(isin(text, list(errors)))
    return Parsed(values, bad, [errors[text.iat[p]] for p in bad])


#: how a Dutch number may start (``_DUTCH_PHONE`` of ``ingest.identifiers``), in the order
#: its pattern tries them
_DUTCH_PREFIXES = ("+31", "0031", "0")


def _deleted(text: pd.Series, chars: str, pattern: str) -> pd.Series:
    """``text`` without the ASCII characters ``chars``, which ``pattern`` (a character
    class, maybe repeated) matches: in numpy when the column is Arrow-backed
    (:func:`~ingest.column_ops.delete_ascii`), by the regex otherwise."""
    deleted = delete_ascii(text, chars)
    return deleted if deleted is not None else text.str.replace(pattern, "", regex=True)


def _fast_postcodes(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The usual postcodes (``1234 AB``, ``1234ab``) as one vectorised pass; anything else
    goes to :func:`normalize_postcode` one by one (for its message)."""
    compact = _deleted(text, " \t", r"[ \t]+").str.upper()
    ok = compact.str.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}") & ~compact.str[4:].isin(["SA", "SD", "SS"])
    return compact, ok.fillna(False).to_numpy(dtype=bool)


def _fast_emails(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Plain ASCII addresses vectorised; the rest (``mailto:``, odd characters) one by one."""
    compact = text.str.lower()
    ok = (compact.str.fullmatch(r"[a-z0-9._%+\-']+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
          & ~compact.str.contains("..", regex=False))
    return compact, ok.fillna(False).to_numpy(dtype=bool)


def _fast_kvk(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """KvK numbers written as 1 to 8 digits, in groups separated by spaces or hyphens
    (``1234 5678``), a lost leading zero put back; anything else (dots, which may be a
    number cell's ``.0``; prefixes; other lengths) goes to :func:`normalize_kvk`."""
    digits = _deleted(text, " -", r"[ \-]")
    compact = digits.str.zfill(8)
    ok = (text.str.fullmatch(r"[0-9]+(?:[ \-]+[0-9]+)*").fillna(False).to_numpy(dtype=bool)
          & (digits.str.len() <= 8).fillna(False).to_numpy(dtype=bool)
          & (compact != "00000000").fillna(False).to_numpy(dtype=bool))
    return compact, ok


#: the length of a Dutch IBAN (``_fast_ibans`` reads only those, from their bytes)
_NL_IBAN_LENGTH = 18


def _mod97_is_one(compact: pd.Series) -> np.ndarray:
    """The IBAN check (the number formed by moving the first four characters to the end,
    letters read as 10..35, modulo 97 is 1) for equally long upper-case ASCII IBANs,
    one column of characters at a time."""
    if not len(compact):
        return np.zeros(0, dtype=bool)
    chars = np.frombuffer("".join(compact.tolist()).encode("ascii"), dtype=np.uint8)
    chars = chars.reshape(len(compact), -1).astype(np.int64)
    width = chars.shape[1]
    remainder = np.zeros(len(compact), dtype=np.int64)
    for col in [*range(4, width), *range(4)]:
        value = chars[:, col]
        letter = value >= 65
        remainder = np.where(letter, (remainder * 100 + value - 55) % 97,
                             (remainder * 10 + value - 48) % 97)
    return remainder == 1


def _mod97_dutch(chars: np.ndarray) -> np.ndarray:
    """:func:`_mod97_is_one` for Dutch IBANs (``NL``, two digits, four letters, ten digits;
    ``chars``: their bytes as int64 rows), in a few whole-column steps: moved to the end
    and read as digits, an IBAN is its bank code's four letters (two digits each), its
    ten account digits, ``2321`` (N and L) and its check digits; the modulo is taken on
    the 18-digit head and then on the rest (each step stays below 2**63)."""
    bank = np.zeros(len(chars), dtype=np.int64)
    for col in range(4, 8):
        bank *= 100
        bank += chars[:, col] - 55
    account = np.zeros(len(chars), dtype=np.int64)
    for col in range(8, 18):
        account *= 10
        account += chars[:, col] - 48
    head = (bank * 10**10 + account) % 97
    check = (chars[:, 2] - 48) * 10 + (chars[:, 3] - 48)
    return (head * 10**6 + 232100 + check) % 97 == 1


def _fast_ibans(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Dutch IBANs written plainly (``NL91 ABNA 0417 1643 00``, any case, spaces, dots or
    hyphens) checked on shape and mod-97 in whole columns; other countries, prefixes
    (``IBAN:``) and every value that fails go to :func:`normalize_iban` for the message."""
    plain = text.str.fullmatch(r"[A-Za-z0-9 .\-]+").fillna(False).to_numpy(dtype=bool)
    compact = _deleted(text, " .-", r"[ .\-]+").str.upper()
    ok = plain & compact.str.fullmatch(r"NL[0-9]{2}[A-Z]{4}[0-9]{10}").fillna(
        False).to_numpy(dtype=bool)
    positions = np.flatnonzero(ok)
    found = fixed_width_bytes(compact, _NL_IBAN_LENGTH)
    if found is not None:  # the Dutch IBANs' bytes straight from Arrow (all are 18 long)
        rows = found[1][np.searchsorted(found[0], positions)]
        ok[positions] = _mod97_dutch(rows.astype(np.int64))
    else:
        ok[positions] = _mod97_is_one(compact.iloc[positions])
    return compact, ok


def _fast_phones(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Dutch numbers written plainly (``06-12345678``, ``+31 (0)20 123 4567``), checked
    against the same number plan as ``normalize_phone``'s own fast path, in whole
    columns; anything else (letters, foreign numbers, invalid ones) goes to
    :func:`normalize_phone`."""
    from ingest.identifiers import _dutch_number_pattern_names, _dutch_number_patterns

    plain = text.str.fullmatch(r"[0-9+ \-./()]+").fillna(False).to_numpy(dtype=bool)
    compact = _deleted(text.str.replace("(0)", "", regex=False), " -./()", r"[ \-./()]+")
    national = delete_ascii(compact, "", _DUTCH_PREFIXES)
    if national is None:
        national = compact.str.replace(r"^(?:\+31|0031|0)", "", regex=True)
    # a prefix was taken off exactly where the number starts with one
    prefixed = (national.str.len() < compact.str.len()).fillna(False).to_numpy(dtype=bool)
    ok = plain & prefixed & national.str.fullmatch(r"[1-9][0-9]{4,10}").fillna(
        False).to_numpy(dtype=bool)
    length = national.str.len().fillna(0).to_numpy(dtype=np.int64)

    def fits(pattern: re.Pattern[str], lengths: tuple[int, ...], rows: np.ndarray
             ) -> np.ndarray:
        """Which of ``rows`` fit the pattern (and one of its lengths)."""
        part = national.iloc[rows] if len(rows) < len(national) else national
        fit = part.str.fullmatch(pattern.pattern).fillna(False).to_numpy(dtype=bool)
        return fit & np.isin(length[rows], lengths) if lengths else fit

    general, *kinds = _dutch_number_patterns()
    kind_names = _dutch_number_pattern_names()[1:]
    candidates = np.flatnonzero(ok)
    if len(candidates):
        candidates = candidates[fits(*general, candidates)]
    # some number type must fit too: the commonest types first, and each type only on
    # the numbers no type before it fitted (an "or", so the order changes nothing)
    common = ("fixed_line", "mobile")
    order = sorted(range(len(kinds)), key=lambda k: kind_names[k] not in common)
    fitted = np.zeros(len(text), dtype=bool)
    left = candidates
    for k in order:
        if not len(left):
            break
        hit = fits(*kinds[k], left)
        fitted[left[hit]] = True
        left = left[~hit]
    ok[:] = False
    ok[candidates] = fitted[candidates]
    return "+31" + national, ok


#: vectorised fast paths per normaliser: (normalised values, mask of values they cover);
#: a value they do not cover is normalised (and reported) by the normaliser itself
_FAST_PATHS: dict[str, Callable[[pd.Series], tuple[pd.Series, np.ndarray]]] = {
    "normalize_postcode": _fast_postcodes,
    "normalize_email": _fast_emails,
    "normalize_kvk": _fast_kvk,
    "normalize_iban": _fast_ibans,
    "normalize_phone": _fast_phones,
}


def parse_house_numbers(number: pd.Series, addition: pd.Series) -> tuple[Parsed, Parsed]:
    """House numbers and additions, with an addition written in the number moved out.

    A bad number is reported on the number column and both values are dropped; a bad
    addition written alone is reported on the addition column.
    """
    n = len(number)
    numbers = np.full(n, None, dtype=object)
    additions = np.full(n, None, dtype=object)
    bad_number: list[int] = []
    number_messages: list[str] = []
    bad_addition: list[int] = []
    addition_messages: list[str] = []
    numbers_in = number.to_numpy(dtype=object)
    additions_in = addition.to_numpy(dtype=object)
    present = (numbers_in != "") | (additions_in != "")
    # the common forms in whole columns: a plain number, alone or with a plain addition
    plain = number.str.fullmatch(r"[1-9][0-9]{0,4}").fillna(False).to_numpy(dtype=bool)
    no_addition = (addition == "").to_numpy(dtype=bool)
    plain_addition = addition.str.fullmatch(r"[A-Za-z0-9]{1,10}").fillna(False).to_numpy(
        dtype=bool)
    easy = plain & (no_addition | plain_addition)
    numbers[easy] = numbers_in[easy]
    with_addition = easy & plain_addition
    additions[with_addition] = addition[with_addition].str.upper().to_numpy(dtype=object)
    present = np.flatnonzero(present & ~easy)
    cache: dict[tuple[str, str], tuple[str | None, str | None] | str] = {}
    for pos in present:
        key = (numbers_in[pos], additions_in[pos])
        result = cache.get(key)
        if result is None:
            try:
                result = split_house_number(key[0] or None, key[1] or None)
            except ValueError as exc:
                result = str(exc)
            cache[key] = result
        if isinstance(result, str):
            if key[0]:
                bad_number.append(pos)
                number_messages.append(result)
            else:
                bad_addition.append(pos)
                addition_messages.append(result)
            continue
        numbers[pos], additions[pos] = result
    return (
        Parsed(_str_series(numbers, number.index), np.asarray(bad_number, np.int64),
               number_messages),
        Parsed(_str_series(additions, addition.index), np.asarray(bad_addition, np.int64),
               addition_messages),
    )
