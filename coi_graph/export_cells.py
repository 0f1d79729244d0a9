"""CSV files that are safe to open in a spreadsheet (formula injection, CWE-1236).

Every CSV this tool writes for people (``findings.csv``, ``coi cases --csv``, case history,
acceptances) carries text from the exports: names, notes, departments, ids.  A spreadsheet
runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces, and a
cell that starts with a tab or carriage return) as a formula, e.g. ``=HYPERLINK(...)`` that
leaks data or ``=cmd|...`` that runs a program.  As OWASP advises
(https://owasp.org/www-community/attacks/CSV_Injection), such a cell gets a leading ``'``
(shown as text, not as part of the value) and every cell is quoted.

Dutch Excel splits a CSV at its list separator ``;``, so a comma CSV opened there is cut at
every ``;`` inside a value (and a semicolon CSV elsewhere at every ``,``): a cell
``Jansen;=HYPERLINK(...)`` becomes two cells, the second a formula.  So each part after a
``,`` or ``;`` is neutralised the same way, and so is each line of a value with line
breaks (a reader that does not keep a quoted value's lines together starts a row there).
"Leading spaces" are every Unicode space and the invisible U+200B, U+2060 and U+FEFF.

Numbers are left alone in the columns that hold numbers (``score``, ``amount_eur``): a
spreadsheet reads ``-5`` or ``48000.00`` as a number, never as a formula, and a quote
would turn an amount into text nobody can add up.  A value in such a column that is not a
plain number is neutralised like any other text.

>>> safe_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> safe_cell("  -2+3")
"'  -2+3"
>>> safe_cell("Jansen;=1+1")
"Jansen;'=1+1"
>>> safe_cell("-5", numeric=True), safe_cell("-5")
('-5', "'-5")
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = ["safe_cell", "safe_row", "write_csv", "csv_text", "NUMERIC_COLUMNS",
           "FORMULA_START", "showable", "terminal_text", "terminal_json"]

#: The characters a spreadsheet takes as the start of a formula (OWASP), and the control
#: characters that some take as a cell start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Columns whose values are numbers: a plain number there stays a number.
NUMERIC_COLUMNS = frozenset({"score", "amount_eur", "points", "event_id", "events",
                             "run_id", "acceptance_id", "count", "share_pct"})
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# a part of the value that starts at the beginning or after a , or ; (where Dutch or English
# Excel may cut it into its own cell), up to its first visible character: after every
# Unicode space and the invisible ones (a narrow no-break space U+202F or a BOM before
# ``=`` is as invisible as a space)
_SPACES = "[ \u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]*"
_PART = re.compile(f"(^|[,;])({_SPACES})(?=[=+\\-@\t\r\n])")
# the same after a line break inside the value, where a reader that does not keep a quoted
# value's lines together starts a row of its own
_LINE_PART = re.compile(f"(\r\n?|\n)({_SPACES})(?=[=+\\-@\t])")


#: characters a spreadsheet cell must not show as they are: control characters (a workbook
#: cannot hold them at all: openpyxl refuses them, and one in a decision id stopped
#: ``coi cases --xlsx`` with a traceback; an escape sequence in a CSV redraws the terminal
#: it is printed on) and the direction controls that turn a name around on screen (U+202E:
#: ``Jan`` + U+202E + ``gpj.exe``), which the pages and reports take out the same way
#: (and the C1 controls U+0080-U+009F: U+009B is the one-character CSI that terminals
#: take as ESC [, so ``Inkoop`` + U+009B + ``2J`` in a department cleared the screen of
#: whoever printed ``coi cases --csv``; a workbook shows them as boxes at best)
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                         "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: what a line of a terminal table must not hold: every control character (a carriage
#: return, which puts the cursor back to overwrite the start of the line; ESC, which starts
#: a sequence that moves the cursor, recolours or sets the window title), the C1 controls,
#: the direction controls and the Unicode line and paragraph separators
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                            "\u2066-\u2069\u2028\u2029]")
_LINE_BREAKS = re.compile("\r\n?|\n|\t")
#: what JSON leaves as it is but a terminal acts on: the C1 controls and the direction
#: controls (JSON itself writes every C0 control, ESC included, as an escape)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                          "\u2028\u2029]")


def showable(text: str) -> str:
    """``text`` with every control and direction character replaced by U+FFFD, visible
    where it was (nothing is dropped without a trace); tab and line ends stay.

    >>> showable("D1\x0b"), showable("Jan\u202egpj.exe")
    ('D1\ufffd', 'Jan\ufffdgpj.exe')
    """
    return text if text.isascii() and text.isprintable() else _UNSHOWABLE.sub("\ufffd", text)


def safe_cell(value: Any, numeric: bool = False) -> str:
    """One value as a cell that a spreadsheet shows as text, never runs."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = showable(str(value))
    if numeric and _NUMBER.fullmatch(text.strip()):
        return text.strip()
    text = _PART.sub(lambda m: f"{m.group(1)}'{m.group(2)}", text)
    if "\n" in text or "\r" in text:
        text = _LINE_PART.sub(lambda m: f"{m.group(1)}'{m.group(2)}", text)
    return text


def safe_row(row: Mapping[str, Any], numeric: Iterable[str] = NUMERIC_COLUMNS
             ) -> dict[str, str]:
    """Every cell of a row made safe; ``numeric`` names the columns of numbers."""
    nums = set(numeric)
    return {k: safe_cell(v, k in nums) for k, v in row.items()}


def _writer(fh: IO[str], columns: list[str]) -> csv.DictWriter[str]:
    # every cell quoted: a value with the other list separator stays one cell
    return csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore",
                          quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def csv_text(rows: Iterable[Mapping[str, Any]], columns: list[str],
             numeric: Iterable[str] = NUMERIC_COLUMNS) -> str:
    """Rows as safe CSV text (UTF-8 for the caller to write, comma, all cells quoted)."""
    buf = io.StringIO()
    w = _writer(buf, columns)
    if all(re.fullmatch(r"[A-Za-z0-9_]+", c) for c in columns):
        buf.write(",".join(columns) + "\r\n")  # our own column names: nothing to quote
    else:
        w.writeheader()
    for r in rows:
        w.writerow(safe_row({c: r.get(c) for c in columns}, numeric))
    return buf.getvalue()


def write_csv(path: Path, rows: Iterable[Mapping[str, Any]], columns: list[str],
              numeric: Iterable[str] = NUMERIC_COLUMNS, *, private: bool = False) -> Path:
    """Write safe CSV to ``path`` atomically (a temporary file, then renamed); UTF-8, as
    the data contract says.  ``private``: without group and other permissions (a run
    folder's files, see :mod:`coi_graph.private_files`)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(csv_text(rows, columns, numeric))
        if private:
            from .private_files import private_file

            private_file(tmp)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def terminal_text(text: str) -> str:
    r"""``text`` as one cell of a table printed on a terminal: line breaks and tabs as a
    space, every other control or direction character as U+FFFD (visible where it was).

    An organization's name, a department or a decision id comes from the exports as it was
    typed: ``coi cases`` printed ``Bouw`` + ESC ``[31m`` in colour, a decision id with
    ESC ``[1A`` moved the cursor up to overwrite the line before, and a carriage return
    let the rest of a name overwrite the start of its row.  (click drops ESC sequences when
    the output is no terminal, so only a real terminal showed it.)

    >>> terminal_text("Bouw\x1b[31m Noord\r\nB.V."), terminal_text("Inkoop\u202egpj\x9b2J")
    ('Bouw\ufffd[31m Noord B.V.', 'Inkoop\ufffdgpj\ufffd2J')
    """
    if text.isascii() and text.isprintable():
        return text
    return _NOT_IN_A_LINE.sub("\ufffd", _LINE_BREAKS.sub(" ", text))


def terminal_json(value: Any, **options: Any) -> str:
    r"""``json.dumps(value, ensure_ascii=False, **options)`` with the characters JSON keeps
    as they are but a terminal acts on (C1 controls such as U+009B, the one-character CSI;
    direction controls such as U+202E) written as ``\uXXXX`` escapes: the same JSON for a
    tool that reads it, inert on the terminal it is printed on.

    >>> terminal_json({"d": "Inkoop\u202egpj\x9b2J"})
    '{"d": "Inkoop\\u202egpj\\u009b2J"}'
    """
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
