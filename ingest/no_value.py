"""Cells that say there is *no value*, as other systems write it.

Why: a database export writes ``NULL`` in every empty cell, an HR system ``n.v.t.`` or
``-``, an HR or ERP system ``31-12-9999`` for a period without an end; an Excel sheet
shows ``#N/B`` where a look-up found nothing.  Read as values, each became a misleading
problem (``approved_by 'NULL' is not found in employees.csv``, ``'31-12-9999' has year
9999: correct the year``) on thousands of rows.  They are recognised only where a value
failed to parse or to refer to a known id, so a clean export pays nothing for it.

* A *no-value word* (:data:`NO_VALUE_WORDS`) is read as an empty cell: an optional value
  is left out and counted as such, a required one is missing (the row is not used).
* An *Excel error value* (:data:`EXCEL_ERRORS`, Dutch and English) is a formula that
  failed: it stays unusable, with a message saying so instead of "not a date".
* A date far in the future in a column that ends a period (``employed_until``,
  ``valid_until``) is an open end, and one far in the past in a column that starts one is
  an open start (:func:`open_period_end`).

>>> is_no_value(" NULL "), is_no_value("n.v.t."), is_no_value("E0012")
(True, True, False)
>>> excel_error("#DEEL/0!")
'#DEEL/0! (division by zero)'
>>> open_period_end("31-12-9999", "valid_until"), open_period_end("31-12-2030", "valid_until")
(True, False)
"""

from __future__ import annotations

import re

__all__ = ["NO_VALUE_WORDS", "EXCEL_ERRORS", "is_no_value", "excel_error", "open_period_end",
           "read_as_empty", "excel_error_text"]

#: What systems write for "no value" (compared without case and surrounding spaces).
NO_VALUE_WORDS = frozenset({
    "null", "(null)", "<null>", "[null]", "nil", "none", "(none)", "nan", "n/a", "n.a.",
    "nvt", "n.v.t.", "n.v.t", "nvt.", "-", "--", "---", "\u2013", "\u2014", "?", "onbekend",
    "unknown", "leeg", "empty", "geen", "niet van toepassing", "not applicable",
    # a database's "zero date", and SAP's (a date field's initial value, as a download or
    # table export writes it: all zeros)
    "0000-00-00", "00-00-0000", "00/00/0000", "00.00.0000", "0000-00-00 00:00:00",
    "00000000",
})

#: Excel's error values (what a failed formula shows), Dutch and English, and what each
#: means.  ``#N/B`` / ``#N/A`` is a look-up that found nothing: a broken look-up, not an
#: empty cell, so it is reported rather than read as empty.
EXCEL_ERRORS: dict[str, str] = {
    "#n/b": "a look-up found nothing", "#n/a": "a look-up found nothing",
    "#deel/0!": "division by zero", "#div/0!": "division by zero",
    "#waarde!": "a value of the wrong type", "#value!": "a value of the wrong type",
    "#verw!": "a reference to a deleted cell", "#ref!": "a reference to a deleted cell",
    "#naam?": "an unknown name in the formula", "#name?": "an unknown name in the formula",
    "#getal!": "an impossible number", "#num!": "an impossible number",
    "#leeg!": "ranges that do not meet", "#null!": "ranges that do not meet",
    "#overloop!": "a result that does not fit", "#spill!": "a result that does not fit",
    "#berekenen!": "a calculation error", "#calc!": "a calculation error",
}

#: A period end on or after this year, or a start before the other year, is open: the
#: ``31-12-9999`` (SAP, AFAS) or ``01-01-0001`` (.NET) or ``1753-01-01`` (SQL Server) of a
#: system that needs a date where there is none.
OPEN_END_YEAR = 2100
OPEN_START_YEAR = 1900

_YEAR_LAST = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](\d{4})(?:[ T].*)?")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.]?\d{1,2}[-/.]?\d{1,2}(?:[ T].*)?")


def is_no_value(text: str) -> bool:
    """Whether a cell's text is a word for "no value" (``NULL``, ``n.v.t.``, ``-``)."""
    return text.strip().casefold() in NO_VALUE_WORDS


def excel_error(text: str) -> str | None:
    """``'#N/B (a look-up found nothing)'`` when the cell holds an Excel error value."""
    t = text.strip()
    meaning = EXCEL_ERRORS.get(t.casefold())
    return f"{t} ({meaning})" if meaning else None


def excel_error_text(text: str, ref: str | None = None) -> str:
    """The message for a cell (``ref``: its reference in the sheet) that holds an Excel
    error value.

    >>> excel_error_text("#N/B", "C7").split(":")[0]
    'cell C7 holds the Excel error #N/B (a look-up found nothing)'
    """
    said = excel_error(text) or f"{text.strip()} (a calculation error)"
    cell = f"cell {ref}" if ref else "the cell"
    return (f"{cell} holds the Excel error {said}: the formula behind it failed; correct it "
            "in the workbook, or clear the cell")


def open_period_end(text: str, column: str) -> bool:
    """Whether a date that could not be read is an open end (a ``*_until`` column, year
    2100 or later) or an open start (a ``*_from`` column, a year before 1900)."""
    t = text.strip()
    m = _YEAR_LAST.fullmatch(t) or _YEAR_FIRST.fullmatch(t)
    if m is None:
        return False
    year = int(m.group(1))
    if column.endswith("_until"):
        return year >= OPEN_END_YEAR
    if column.endswith("_from"):
        return year < OPEN_START_YEAR
    return False


def read_as_empty(cells: list[str], where: str | None = None) -> str:
    """The warning for the cells of one column read as empty (told once per column: a
    database export has thousands); ``where``: the place of the first, for a table of
    several files, whose warning names them all.

    >>> read_as_empty(["NULL", "NULL", "n.v.t."])
    "3 cell(s) hold a word for no value ('NULL', 'n.v.t.') and are read as empty"
    >>> read_as_empty(["-"], "inkoop_2024.csv line 7").split("; ")[1]
    'the first is on inkoop_2024.csv line 7'
    """
    words = sorted({c.strip() for c in cells})
    said = ", ".join(repr(w) for w in words[:5]) + (", ..." if len(words) > 5 else "")
    return (f"{len(cells)} cell(s) hold a word for no value ({said}) and are read as empty"
            + (f"; the first is on {where}" if where else ""))
