"""Find the table files in a data folder and read each into columns of raw cell values.

Nothing here interprets values: a CSV cell stays the text the file holds, an Excel cell
the Python value openpyxl gives (``datetime`` for a date cell, ``int``/``float`` for a
number).  What is read, and where each row came from, is kept exactly:

- ``lines`` holds every data row's physical line in the file (the line a record *starts*
  on, also when a quoted value holds a line break), or its sheet row number for xlsx;
- the encoding (UTF-8 with or without BOM, Windows-1252, or UTF-16 from Excel's
  "Unicode text") and the delimiter (``,``, ``;`` or tab, counted outside quotes on the
  header line) are detected per file.

A CSV file whose quotes are well formed is parsed by Arrow's CSV reader (in C, on every
core; a Windows-1252 file is read as bytes and each column turned into UTF-8 afterwards, in
numpy), other files by pandas' C reader; line numbers come from the line breaks (a line
break is a record break when an even number of quotes precedes it).  When those counts and
the reader disagree, or a row has more values than the header, the file is read again
with the ``csv`` module, which is slower but tracks lines itself and tolerates ragged rows.

A file that cannot be read at all raises :class:`UnreadableFile` with a message for the
user; the caller turns it into a ``refuse_file`` problem.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import hashlib
import io
import math
import os
import re
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ingest.detect_bsn import BSN_MASK, mask_bsn
from ingest.model import showable_name
from ingest.no_value import excel_error_text

__all__ = [
    "TABLE_FILE_SUFFIXES",
    "RawTable",
    "UnreadableFile",
    "cell_text",
    "detect_delimiter",
    "drop_footer_rows",
    "drop_repeated_headers",
    "locate_table_files",
    "read_table_file",
    "read_table_parts",
    "holds_table",
    "shown_name",
    "table_of_columns",
    "tables_of_columns",
]

#: ``.tsv`` and ``.txt`` are read as CSV (tab-separated text, or Excel's "Unicode text")
TABLE_FILE_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".tsv",
                                        ".txt")
_DELIMITERS: tuple[str, ...] = (";", ",", "\t", "|")  # | : SAP's and mainframes' lists
#: Excel's delimiter hint, a first line of its own (``sep=;``)
_SEP_LINE = re.compile(r"\s*sep=(.)\s*", re.IGNORECASE)


class UnreadableFile(Exception):
    """The file cannot be read as a table; ``str(exc)`` tells the user what to do."""


@dataclass
class RawTable:
    """A table file as read: header cells and one column of raw values per header cell.

    ``columns[i]`` belongs to ``header[i]``; the lists are positional because a header may
    repeat a name (which the caller refuses).  ``row_problems`` are rows the reader itself
    found broken: ``(row position, message)``; ``warnings`` are remarks on the whole file.
    """

    path: Path
    sha256: str
    header: list[str]
    columns: list[pd.Series]
    lines: np.ndarray
    encoding: str | None = None
    delimiter: str | None = None
    row_problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sheet: str | None = None
    #: the sheet's name when a workbook holds the table on several sheets (one per year or
    #: administration): each sheet is a part of the table, shown as ``contracts.xlsx[2024]``
    part: str | None = None
    #: (line, header cell or None, message, "value" | "line"): problems on one line that
    #: do not make the row unusable by themselves (bad bytes, a formula without a value)
    line_problems: list[tuple[int, str | None, str, str]] = field(default_factory=list)
    #: set when several files are merged into one table (see ``ingest.read_folder``)
    display_name: str = ""
    header_names: list[str] | None = None
    sources: list = field(default_factory=list)
    row_source: np.ndarray | None = None
    #: per file of a split table (its index in ``sources``), the required columns it lacks:
    #: the file is refused with one error, so its rows are not each said to miss the value
    lacks_required: dict[int, set[str]] = field(default_factory=dict)
    sourced_warnings: list[tuple[str, str]] = field(default_factory=list)
    #: (row position, contract column, message, reason): rows found unusable before the
    #: table is checked (an allocation without a status in a list of candidates)
    row_refusals: list[tuple[int, str, str, str]] = field(default_factory=list)
    #: rows left out before the table is checked that are no rows of it (candidates who
    #: were not allocated, in an allocation system's list): counted in ``SourceFile``
    set_aside: int = 0
    #: a CSV file's group headings on the line right above its header (see
    #: :func:`name_under_headings`); a workbook's are used as its sheet is read
    headings: list[str] = field(default_factory=list)
    #: contract column -> the headers it was built from, for columns this file does not hold
    #: as such but ingest built from others (``name`` from ``Voornaam + Achternaam``, an
    #: address split from one column): what ``run.json`` cites per file
    built_from: dict[str, str] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(self.lines)

    def file_warnings(self) -> list[str]:
        return list(self.warnings)


def shown_name(text: str) -> str:
    """A file's path as messages and ``run.json`` show it: a name whose bytes are not
    UTF-8 (a Windows-1252 ``é`` from a zip or share made on Windows, which Python keeps as
    a lone surrogate) is shown as Windows-1252, so that writing it never fails; a control
    or direction character in it as U+FFFD (:func:`ingest.model.showable_name`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = os.fsencode(text).decode("cp1252", errors="replace")
    return showable_name(text)  # no escape sequence or line break reaches a terminal


def _files_below(folder: Path) -> list[Path]:
    """Every entry below a table's folder that is not a folder itself (a broken link or a
    FIFO too, to be reported), through its subfolders (one per year or administration),
    sorted; hidden entries and Excel's lock files (``~$``) left out, and folders reached
    through a link not entered (no loop)."""
    out: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "~$")))
        out += [Path(root) / f for f in files if not f.startswith((".", "~$"))]
        out += [Path(root) / d for d in dirs if (Path(root) / d).is_symlink()]
    return sorted(out)


def locate_table_files(data_dir: Path, names: list[str], mapping=None
                       ) -> tuple[dict[str, list[Path]], list]:
    """The files in ``data_dir`` that hold each table, and the problems found on the way.

    A table may be split over several files (``contracts_2023.csv`` +
    ``contracts_2024.xlsx``) or a folder named after it as a file would be (``contracts/``,
    ``Contracten/``, ``inkooporders 2024/``); Dutch file names (``medewerkers.csv``) and the
    mapping file's patterns count too.  An entry named like a table file that is not a
    readable regular file (a broken link, a FIFO, a folder named ``employees.csv``) is never
    opened: it is reported, so no table disappears unnoticed; so is a folder named after no
    table that holds table files, and a zip archive.
    """
    from ingest.header_mapping import Mapping, file_matches
    from ingest.model import Problem

    mapping = mapping or Mapping()
    found: dict[str, list[Path]] = {name: [] for name in names}
    problems: list[Problem] = []
    entries: list[tuple[Path, str | None]] = []  # (path, the table its folder is named after)
    for path in sorted(data_dir.iterdir()):
        folder_tables = _folder_tables(path, names, mapping)
        if folder_tables is None:
            entries.append((path, None))
            continue
        inside = sorted(p for p in path.iterdir() if not p.name.startswith((".", "~$")))
        if len(folder_tables) == 1:  # with its subfolders: contracten/2023/, contracten/2024/
            entries.extend((p, folder_tables[0]) for p in _files_below(path))
        elif len(folder_tables) > 1:
            problems.append(Problem(path.name + "/", None, None,
                                    f"the folder name fits tables {' and '.join(folder_tables)}; "
                                    "rename it after one table, or list its files under files: "
                                    "in mapping.yaml", "error", "refuse_file", folder_tables[0]))
        else:
            patterned = [p for p in inside if p.is_file() and _patterned_tables(
                p.relative_to(data_dir).as_posix(), names, mapping)]
            entries.extend((p, None) for p in patterned)
            left = [p.name for p in inside if p not in patterned and p.is_file()
                    and p.suffix.lower() in TABLE_FILE_SUFFIXES + tuple(_OTHER_DATA_SUFFIXES)]
            if left:
                listed = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3
                                                else "")
                problems.append(Problem(
                    path.name + "/", None, None,
                    f"this folder is not read ({listed}): its name fits no table; rename it "
                    "after its table (contracten/, medewerkers/), move the files into the data "
                    "folder, or list them under files: in mapping.yaml", "warning", "none", ""))
    unplaced: list[tuple[Path, str, str]] = []  # files whose name fits no table, with the note
    root = data_dir.resolve()
    for path, folder_table in entries:
        shown = shown_name(path.relative_to(data_dir).as_posix())
        refusal = _refused_entry(path, shown, root)
        if refusal is not None:
            if refusal:
                guess = [n for n in names if file_matches(path.name, n, mapping.table(n))]
                problems.append(Problem(mask_bsn(shown), None, None, refusal, "error",
                                        "refuse_file", folder_table or (guess or [""])[0]))
            continue
        if folder_table is not None:
            tables = [folder_table] if (not mapping.table(folder_table).files
                                        and path.suffix.lower() in TABLE_FILE_SUFFIXES) else []
            tables += [n for n in _patterned_tables(shown, names, mapping) if n not in tables]
        elif path.parent != data_dir:
            tables = _patterned_tables(shown, names, mapping)
        else:
            tables = [n for n in names if file_matches(path.name, n, mapping.table(n))]
            if not tables:
                tables, note = _tables_named_inside(path, names, mapping)
                if note:
                    problems.append(Problem(shown, None, None, note, "warning", "none",
                                            tables[0] if tables else ""))
        if not tables:
            note = _not_read_note(path, names, mapping, folder_table)
            if note and folder_table is None and path.parent == data_dir and note.startswith(
                    "not read: its name fits no table"):
                unplaced.append((path, shown, note))
            elif note:
                problems.append(Problem(shown, None, None, note, "warning", "none", ""))
            continue
        if len(tables) > 1:
            problems.append(Problem(shown, None, None,
                                    f"the file name fits tables {' and '.join(tables)}; rename it, "
                                    "or name its table in mapping.yaml", "error", "refuse_file",
                                    tables[0]))
            continue
        kind = _not_a_regular_file(path)
        if kind:
            problems.append(Problem(shown, None, None,
                                    f"is named like a file of table {tables[0]} but is {kind}; "
                                    "it is not read: put the real file there, or remove or "
                                    "rename it", "error", "refuse_file", tables[0]))
            continue
        if path.suffix.lower() == ".txt" and not _text_file_holds_a_table(path, tables[0]):
            problems.append(Problem(shown, None, None,
                                    f"not read: named like a file of table {tables[0]}, but no "
                                    "header of that table is in its first lines (notes?); "
                                    "rename it if it holds no table, or give it the table's "
                                    "header", "warning", "none", ""))
            continue
        found[tables[0]].append(path)
    # after the named files, so that it is known which tables no file holds; several such
    # files of one table are its parts
    missing = {n for n in names if not found[n] and not mapping.table(n).files}
    for path, shown, note in unplaced:
        table = _table_of_header(path, names)
        if table in missing:
            found[table].append(path)
            note = (f"read as table {table}: its name fits no table, but its header names "
                    f"the table's columns and no file named after it holds that table; to read it "
                    f"without this warning, name it after its table ({table}.csv) or list it "
                    "under files: in mapping.yaml")
        elif table:
            held = ", ".join(p.name for p in found[table][:2]) or "files: in mapping.yaml"
            note = (f"not read: its name fits no table; its header is that of table {table}, "
                    f"which is read from {held}; to read it as a part of that table, name it "
                    f"after the table ({table}_2.csv), or remove it")
        problems.append(Problem(shown, None, None, note, "warning", "none", table or ""))
    return found, problems


#: required columns a file may lack because they are made from others (derived_ids)
_MADE_WHEN_ABSENT = {"relatives": {"relative_id"}}


def holds_table(name: str, columns: set[str]) -> bool:
    """Whether a header that names ``columns`` of table ``name`` can be that table's
    header: at least three of its columns, every required one (but those the table makes
    when absent, a relative's id) and one of each group of which one is needed
    (``org_id``/``org_name``/``kvk_number``)."""
    from ingest.tables import TABLES

    spec = TABLES[name]
    required = {c.name for c in spec.columns if c.required} - _MADE_WHEN_ABSENT.get(name, set())
    return (len(columns) >= 3 and required <= columns
            and all(columns & set(group) for group in spec.one_of))


def tables_of_columns(named: dict[str, set[str]]) -> list[str]:
    """The tables a header may be, given the columns of each table it names (``named``):
    those that :func:`holds_table` and whose columns it names most of (several when they
    tie; ``[]`` when none holds)."""
    counts = {n: len(cols) for n, cols in named.items() if holds_table(n, cols)}
    most = max(counts.values(), default=0)
    return [n for n, count in counts.items() if count == most]


def table_of_columns(named: dict[str, set[str]]) -> str | None:
    """The table a header is, given the columns of each table it names (``named``): the
    one table that :func:`holds_table` and whose columns it names more of than of any
    other such table; ``None`` when no table does or two tie, so the user is asked
    instead of a guess.  The one rule for "which table is this header?" wherever a file
    is placed by its header: an export named by its system (:func:`_table_of_header`)
    and a file of another table among a table's files or named after a table
    (``ingest.read_folder``)."""
    best = tables_of_columns(named)
    return best[0] if len(best) == 1 else None


def _table_of_header(path: Path, names: list[str]) -> str | None:
    """The table whose columns the header of a file names (:func:`table_of_columns`): what
    an export named by its system (``export_20241231.csv``) holds. ``None`` when no table
    stands out, so that a stray list (expense claims: ``Medewerker; Datum; Omschrijving``,
    no gift number) is reported as not read instead of refused as a table without its
    required columns."""
    sheets = _head_sheets(path)  # read once for all tables
    named = {n: cols for n in names if (cols := _header_columns(path, n, sheets)) is not None}
    return table_of_columns(named)


def _folder_tables(path: Path, names: list[str], mapping) -> list[str] | None:
    """The tables a sub-folder of the data folder is named after (``contracts/``,
    ``Contracten 2024/``, ``inkooporders/``); ``None`` when ``path`` is no folder to look
    into (a file, a symbolic link, a hidden folder, or a folder named like a table *file*,
    ``employees.csv/``, which is reported as such)."""
    from ingest.header_mapping import TableMapping, file_matches

    if (not path.is_dir() or path.is_symlink() or path.name.startswith((".", "__"))
            or path.suffix.lower() in TABLE_FILE_SUFFIXES + tuple(_OTHER_DATA_SUFFIXES)):
        return None
    return [n for n in names if file_matches(path.name + ".csv", n, TableMapping())]


def _patterned_tables(shown: str, names: list[str], mapping) -> list[str]:
    """The tables whose mapping file patterns name ``shown`` (a path inside the data folder)."""
    from ingest.header_mapping import file_matches

    return [n for n in names if mapping.table(n).files
            and file_matches(shown, n, mapping.table(n))]


def _text_file_holds_a_table(path: Path, table: str) -> bool:
    """Whether a ``.txt`` file named after a table starts like one (a header row of the
    table among its first lines), so that a note such as ``contracten toelichting.txt``
    is passed over with a warning instead of refusing the scan for missing columns."""
    named = _header_columns(path, table)
    return named is None or len(named) >= 2


def _header_columns(path: Path, table: str, sheets: list[list] | None = None
                    ) -> set[str] | None:
    """The columns of ``table`` that the header of a file names, read from its first lines
    (every sheet's, for a workbook); ``None`` when that cannot be told without reading the
    whole file (it cannot be opened or decoded: reading it says what is wrong).
    ``sheets``: the file's :func:`_head_sheets`, when the caller has read them."""
    from ingest.tables import TABLES

    spec = TABLES.get(table)
    sheets = _head_sheets(path) if sheets is None else sheets
    if spec is None or sheets is None:
        return None
    return max((_header_column_set(rows, spec) for rows in sheets), key=len, default=set())


def _head_sheets(path: Path) -> list[list] | None:
    """The first rows of a file, per sheet for a workbook (one "sheet" for text), as
    :func:`_header_columns` looks at them; ``None`` when the file cannot be opened or
    decoded."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"):
        import python_calamine

        try:
            if path.stat().st_size > MAX_WORKBOOK_FILE:  # no workbook: not read to find out
                return None
            raw = path.read_bytes()  # read once: for the check and for the reader
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
            try:
                if raw.startswith(b"PK"):  # checked before calamine reads a cell
                    check_workbook_extent(_check_zip(raw), list(workbook.sheet_names))
                return [workbook.get_sheet_by_index(i).to_python(
                    skip_empty_area=False, nrows=_HEADER_SEARCH + 5)
                    for i in range(len(workbook.sheet_names))]
            finally:
                workbook.close()
        except Exception:  # noqa: BLE001 - a damaged workbook: reading it reports it
            return _markup_sheets(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return None
    try:
        data, encoding = _decode_guard(head, path)
    except UnreadableFile:
        return None
    text = data.decode("utf-8" if encoding in ("utf-16", "utf-8-mixed") else encoding,
                       errors="replace")
    lines = [line for line in text.splitlines()[:_HEADER_SEARCH + 1] if line.strip()]
    if not lines:
        return None
    delimiter = _delimiter_of(lines)
    return [[_cells(line, delimiter) for line in lines]]


def _markup_sheets(path: Path) -> list[list] | None:
    """The first rows of each table of a markup export under a workbook's name (see
    :func:`_read_markup`); ``None`` when it is not one or cannot be read."""
    import xml.etree.ElementTree as ET

    from ingest.read_markup import markup_tables

    try:
        raw = path.read_bytes()
        if not _is_markup(raw[:1024]):
            return None
        tables, _ = markup_tables(raw)
    except (OSError, ValueError, LookupError, ET.ParseError):
        return None
    return [t.rows[:_HEADER_SEARCH + 5] for t in tables]


def _name_words(name: str) -> list[str]:
    """The words of a file name, lower case, without digits and separators:
    ``'AFAS_Medewerkers export 2024-11.csv'`` -> ``['afas', 'medewerkers', 'export']``."""
    return re.findall(r"[a-z]+", name.rpartition(".")[0].lower())


def _word_fits(words: list[str], base: str) -> bool:
    """Whether a table's file name (``medewerkers``, ``kvk_functionarissen``) is among a
    file name's words: as a word or words of its own, or as the start of a compound of
    at least six letters (``medewerkersbestand``, ``crediteurenlijst``), also in the
    singular (``crediteur``, ``toewijzing``)."""
    parts = base.split("_")
    if len(parts) > 1:
        return any(words[i:i + len(parts)] == parts for i in range(len(words)))
    stems = {base}
    for plural in ("en", "s"):
        if base.endswith(plural) and len(base) - len(plural) >= 6:
            stems.add(base[:-len(plural)])
    return any(w in stems or any(len(s) >= 6 and w.startswith(s) for s in stems)
               for w in words)


def _tables_named_inside(path: Path, names: list[str], mapping) -> tuple[list[str], str]:
    """The table a file in the data folder holds when its name only contains the table's
    name (``AFAS_medewerkers_export.csv``, ``Export inkooporders 2024.xlsx``,
    ``Woonmatch toewijzingen.xlsx``), as exports are named by the system that writes them,
    and the warning that says so.  The header must name at least two of the table's
    columns, so that a note or another export that happens to carry such a word
    (``toelichting medewerkers.xlsx``) is not read as the table; when the words fit
    several tables, the header decides.  ``([], '')`` when no table fits."""
    from ingest.header_mapping import TABLE_FILE_NAMES

    if (path.suffix.lower() not in TABLE_FILE_SUFFIXES or path.name.startswith((".", "~$"))
            or not path.is_file()):
        return [], ""
    words = _name_words(path.name)
    fits = [(n, base) for n in names if not mapping.table(n).files
            for base in (n, *TABLE_FILE_NAMES.get(n, ())) if _word_fits(words, base)]
    candidates = list(dict.fromkeys(n for n, _ in fits))
    if not candidates:
        return [], ""
    sheets = _head_sheets(path)
    named = {n: _header_columns(path, n, sheets) for n in candidates}
    held = {n: len(cols) for n, cols in named.items() if cols is not None and len(cols) >= 2}
    if not held:
        return [], ""
    most = max(held.values())
    best = [n for n, count in held.items() if count == most]
    if len(best) > 1:
        return [], ""
    table = best[0]
    word = next(base for n, base in fits if n == table).replace("_", " ")
    return [table], (f"read as table {table}: its name holds {word!r} and its header names "
                     f"{most} of the table's columns; to read it without this warning, name it "
                     f"after its table ({table}.csv) or list it under files: in mapping.yaml")


#: Spreadsheet and text files that are not read, so a file left out is said, not skipped
_OTHER_DATA_SUFFIXES = {".dat": "a .dat file", ".zip": "a .zip archive"}


def _not_read_note(path: Path, names: list[str], mapping, folder_table: str | None) -> str:
    """Why a file in the data folder that holds no table is not read ('' for files that are
    not data: ``mapping.yaml``, notes, Excel's ``~$`` lock files, hidden files)."""
    from ingest.header_mapping import TableMapping, file_matches

    name = path.name
    suffix = path.suffix.lower()
    if name.startswith((".", "~$")) or not path.is_file():
        return ""
    if suffix == ".zip":
        return ("not read: a .zip archive; unpack its files into the data folder (each named "
                "after its table) and remove the archive")
    if suffix in _OTHER_DATA_SUFFIXES:
        as_csv = path.with_suffix(".csv").name
        fits = ([folder_table] if folder_table else
                [n for n in names if file_matches(as_csv, n, TableMapping())])
        if fits:
            return (f"is named like a file of table {fits[0]} but is "
                    f"{_OTHER_DATA_SUFFIXES[suffix]}; it is not read: save it as .xlsx or CSV")
        return (f"not read: {_OTHER_DATA_SUFFIXES[suffix]} is no table file; save it as .xlsx "
                "or CSV and name it after its table, or remove it")
    if suffix in TABLE_FILE_SUFFIXES and suffix != ".txt":
        return ("not read: its name fits no table; rename it after its table "
                "(contracts_2024.csv, medewerkers.xlsx) or list it under files: in mapping.yaml")
    named = _named_exactly(name, names)
    if named and folder_table is None:
        # contracts, contracts.csv.crdownload, medewerkers.numbers: an export in no table
        # file's format, or one whose copy or download did not finish
        return (f"is named as the file of table {named} but is no table file "
                f"({''.join(Path(name).suffixes) or 'no extension'}); it is not read: save it "
                "as CSV or .xlsx, or let its copy or download finish")
    return ""


def _named_exactly(name: str, names: list[str]) -> str | None:
    """The table whose own name (English or Dutch: ``contracts``, ``medewerkers``) is a
    file's name up to its first dot, whatever follows (``contracts.csv.crdownload``,
    ``Medewerkers.numbers``, ``contracts`` without extension); ``None`` otherwise."""
    from ingest.header_mapping import TABLE_FILE_NAMES

    base = name.split(".")[0].strip().lower()
    return next((n for n in names if base in {n, *TABLE_FILE_NAMES.get(n, ())}), None)


#: why a file is not read whose name holds a possible BSN (the name is shown masked)
BSN_FILE_NAME_MESSAGE = (
    "the file name holds a nine-digit number that passes the eleven test (a possible BSN), "
    f"shown here as {BSN_MASK}; the file is not read: rename it without the number and run "
    "again")
#: why a link that leads out of the data folder is not followed
OUTSIDE_LINK_MESSAGE = ("is a link to a file outside the data folder; it is not read: copy the "
                        "file itself into the data folder and run again")


def _refused_entry(path: Path, shown: str, root: Path) -> str | None:
    """Why an entry of the data folder is refused before it is opened, or ``None``.

    A file name holding a possible BSN would put it in every message, page and report
    that names the file; a symbolic link that leads out of the data folder would have
    the tool read (and quote in its messages) a file nobody delivered (``/etc/passwd``,
    a key in a home folder).  Both are errors for an entry that would be read as a table
    (its suffix is a table file's, or it is in a table's folder); any other entry is
    passed over as files that are no table are (``''``)."""
    bsn = mask_bsn(shown) != shown
    outside = False
    if not bsn:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a link loop: reported as not accessible later
            return None
        outside = not real.is_relative_to(root) and real.exists()
    if not bsn and not outside:
        return None
    if path.suffix.lower() not in TABLE_FILE_SUFFIXES + tuple(_OTHER_DATA_SUFFIXES):
        return ""
    return BSN_FILE_NAME_MESSAGE if bsn else OUTSIDE_LINK_MESSAGE


def _not_a_regular_file(path: Path) -> str:
    """Why a path cannot be read as a table file ('' when it can)."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to a file that does not exist (a broken symbolic link)"
    except OSError as exc:
        return f"not accessible ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if not stat.S_ISREG(mode):
        return "not a regular file (a device or socket)"
    return ""


def read_table_parts(path: Path, sheet: str | tuple[str, ...] | None = None, header_row: int | None = None,
                     spec=None) -> list[RawTable]:
    """Read one ``.csv`` or workbook file as the parts of a table it holds: one, or one per
    sheet when a workbook holds the table on several sheets (``2023``, ``2024``) and no
    sheet is chosen.  Raise :class:`UnreadableFile` when impossible.

    ``sheet`` chooses the workbook's sheet (name or 1-based number; default: the sheets
    whose header names the table's columns, else the first that holds data);
    ``header_row`` the line of the header (default: found, see :func:`find_header_row`),
    ``spec`` the table, to recognise its header below title rows and its sheets.
    """
    suffix = path.suffix.lower()
    if _is_empty(path):  # before a reader calls it a damaged workbook or reads nothing
        return [RawTable(path, hashlib.sha256(b"").hexdigest(), [], [],
                         np.zeros(0, dtype=np.int64), warnings=[EMPTY_FILE])]
    if suffix == ".ods":  # LibreOffice's and OpenOffice's own workbook: calamine reads it
        return _read_xlsx(path, sheet, header_row, spec)
    if suffix == ".xlsb":  # Excel's binary workbook: calamine reads it, checked as .xlsx is
        return _read_xlsx(path, sheet, header_row, spec)
    if suffix in (".xlsx", ".xlsm"):
        if _holds_text(path):  # a CSV export renamed, or saved under the workbook's name
            raw = _read_csv(path, header_row, spec)
            raw.warnings.insert(0, f"the file holds text, not an {suffix} workbook: it is read "
                                   "as CSV; give it the .csv name")
            return [raw]
        if _starts_as_markup(path):  # a web page or XML spreadsheet under the new name
            return _read_markup(path, sheet, header_row, spec)
        return _read_xlsx(path, sheet, header_row, spec)
    if suffix == ".xls":
        return _read_xls(path, sheet, header_row, spec)
    workbook = _workbook_under_text_name(path)
    if workbook is not None:  # an .xlsx or .xls saved or renamed as .csv
        parts = _read_xlsx(path, sheet, header_row, spec, biff=workbook == "xls")
        parts[0].warnings.insert(0, WORKBOOK_AS_TEXT.format(kind=workbook, suffix=suffix))
        return parts
    return [_read_csv(path, header_row, spec)]


#: a workbook under a text file's name, read as the workbook it is
WORKBOOK_AS_TEXT = ("the file is an Excel .{kind} workbook, not {suffix} text: it is read as "
                    "the workbook; give it the .{kind} name")


def _workbook_under_text_name(path: Path) -> str | None:
    """``'xlsx'`` or ``'xls'`` when a file named as text (``.csv``, ``.txt``) is an Excel
    workbook (one saved as "Excel workbook" under the old name, or renamed), so that it is
    read as the workbook it is, as a CSV export named ``.xlsx`` is read as CSV; ``None``
    otherwise (another zip or binary file is refused by the CSV reader with what to do)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(_OLE2):
            return "xls"
        if head.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(path) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "xlsx"
    except (OSError, zipfile.BadZipFile):
        return None
    return None


#: a file of a table that holds nothing (0 bytes, or blank lines only): an export that
#: failed, or one copied while it was still being written; said, never read as an empty table
EMPTY_FILE = ("the file is empty (0 bytes, or blank lines only): nothing is read from it; it "
              "was perhaps copied while it was being written, or the export failed: "
              "export it again")


def _is_empty(path: Path) -> bool:
    """Whether a file holds nothing: no bytes, or (a small text file) only byte-order
    marks, blanks and line ends."""
    try:
        size = path.stat().st_size
        if size == 0:
            return True
        if size > 4096:
            return False
        with path.open("rb") as fh:
            data = fh.read()
    except OSError:
        return False  # reading it says why
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        data = data.removeprefix(bom)
    return not data.replace(b"\0", b"").strip()


def read_table_file(path: Path, sheet: str | None = None, header_row: int | None = None,
                    spec=None) -> RawTable:
    """One table file read as :func:`read_table_parts` does, where one part is expected:
    a workbook holding the table on several sheets gives its first such sheet."""
    return read_table_parts(path, sheet, header_row, spec)[0]


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _holds_text(path: Path) -> bool:
    """Whether a file named as a workbook starts as a text table does: no zip or OLE2
    signature, no web page, no NUL byte (UTF-16 text has them: a workbook name on Excel's
    "Unicode text" is read by its name's reader, and refused there with what to do), and a
    delimiter on its first line."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if (not head or head.startswith((b"PK", _OLE2)) or b"\x00" in head
            or _is_markup(head)):
        return False
    first = head.split(b"\n", 1)[0]
    return any(d.encode() in first for d in _DELIMITERS)


#: a web page or XML, also a fragment (``<h1>Medewerkers</h1><table>``) or one opening with a
#: comment or style sheet: a tag's ``<`` and a letter, ``!`` or ``?``, which no table's
#: header starts with
_HTML_START = re.compile(rb"\s*<[a-zA-Z!?]")


def _is_markup(head: bytes) -> bool:
    """Whether a file's first bytes are those of a web page or XML (see :func:`_read_markup`)."""
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def _starts_as_markup(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return _is_markup(fh.read(1024))
    except OSError:
        return False


def _read_xls(path: Path, sheet: str | tuple[str, ...] | None, header_row: int | None, spec) -> list[RawTable]:
    """A file named ``.xls`` as systems write it, told by its content: an Excel 97-2003
    workbook (read with calamine; its error cells found with xlrd), an .xlsx under the old
    name, or text: SAP's "spreadsheet" export is tab-separated text named ``.xls``, read
    as CSV.  A web page named ``.xls`` (what some systems call an Excel export) is refused
    with what to do."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror}); check permissions") from None
    if head.startswith(b"PK"):
        return _read_xlsx(path, sheet, header_row, spec)
    if head.startswith(_OLE2):
        return _read_xlsx(path, sheet, header_row, spec, biff=True)
    if _is_markup(head):
        return _read_markup(path, sheet, header_row, spec)
    return [_read_csv(path, header_row, spec)]


class _MarkupWorkbook:
    """The tables of a markup export (:mod:`ingest.read_markup`) seen as calamine's
    workbook, so that the sheet choice (:func:`_table_sheets`) is the workbook's."""

    def __init__(self, tables: list) -> None:
        self.tables = tables
        self.sheet_names = [t.name for t in tables]

    def get_sheet_by_index(self, index: int):
        return self.tables[index]


def _read_markup(path: Path, sheet: str | tuple[str, ...] | None, header_row: int | None,
                 spec) -> list[RawTable]:
    """A web page or an Excel 2003 XML spreadsheet under a workbook's name, read as the
    workbook it pretends to be: each ``<table>`` or worksheet a sheet."""
    import xml.etree.ElementTree as ET

    from ingest.read_markup import is_spreadsheet_xml, markup_tables

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror}); check permissions") from None
    xml = is_spreadsheet_xml(raw)
    what = "an Excel 2003 XML spreadsheet" if xml else "a web page (HTML)"
    redo = "open it in Excel and save it as .xlsx, or export the table as CSV"
    try:
        tables, _ = markup_tables(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise UnreadableFile(f"the file is an Excel 2003 XML spreadsheet, damaged at line "
                             f"{line}, column {column + 1}; {redo}") from None
    except LookupError:  # the XML declaration names an encoding that does not exist
        raise UnreadableFile(f"the file is {what} in an unknown encoding; {redo}") from None
    except ValueError:
        raise UnreadableFile(f"the file is {what} whose table is too large or damaged; "
                             f"{redo}") from None
    if not any(any(_filled(v) for v in row) for t in tables for row in t.rows):
        raise UnreadableFile(f"the file is {what} without a table, not a workbook; {redo}")
    workbook = _MarkupWorkbook(tables)
    warnings: list[str] = []
    if sheet is not None:
        chosen = [(i, tables[i].rows, tables[i].merged) for i in
                  (_sheet_index(workbook.sheet_names, one)
                   for one in ((sheet,) if isinstance(sheet, str) else sheet))]
    else:
        chosen = _table_sheets(workbook, workbook.sheet_names, spec, warnings)
    sha = hashlib.sha256(raw).hexdigest()
    parts = [_sheet_table(path, sha, raw, None, index, workbook.sheet_names[index], rows,
                          merged, header_row, spec, formulas=[])
             for index, rows, merged in chosen]
    parts[0].warnings[:0] = [
        f"the file is {what}, not an Excel workbook, though named {path.suffix}; its "
        f"{'worksheets' if xml else 'tables'} are read as sheets", *warnings]
    if len(parts) > 1:
        for part in parts:
            part.part = part.sheet
    return parts


#: header rows are looked for among this many first non-blank rows
_HEADER_SEARCH = 20


def find_header_row(rows: list[list[str]], spec) -> int:
    """Index of the header among the first rows: the row whose cells name the most columns
    of the table, at least two (the first of equals), so that title rows such as
    ``Contracten 2024`` and a row of group headings above the header (``Medewerker`` over
    two columns, ``Adres`` over three, as an Excel report merges them) are passed over;
    0 when no row names two."""
    from ingest.header_mapping import resolve_header

    if spec is None:
        return 0
    best, at, first = 1, 0, None
    for i, row in enumerate(rows[:_HEADER_SEARCH]):
        if first is not None and i > first + _GROUP_ROWS:
            break  # the header is at most a row or two below the first row that names two
        named = {resolve_header(spec, str(cell)) for cell in row if str(cell).strip()}
        named -= {None, ""}
        if len(named) > best:
            best, at = len(named), i
            first = i if first is None else first
    return at


#: rows looked at below the first row that names two columns, for the header under a row of
#: group headings (data rows are not looked at: resolving every cell of them costs)
_GROUP_ROWS = 2


def _header_column_set(rows: list[list], spec) -> set[str]:
    """The table's columns the header row of a sheet names (none: no header of this
    table), to choose among a workbook's sheets."""
    from ingest.header_mapping import is_forms_export, resolve_header, resolve_headers
    from ingest.name_parts import name_targets_in_parts

    filled = [[cell_text(v) for v in row] for row in rows[:_HEADER_SEARCH]
              if any(_filled(v) for v in row)]
    if not filled:
        return set()
    header = filled[find_header_row(filled, spec)]
    named = {resolve_header(spec, c) for c in header if c.strip()} - {None, ""}
    if is_forms_export(header):  # a form's questions name their columns only as a whole
        named |= set(resolve_headers(spec, header)[0]) - {None, ""}
    # a person's name exported in parts (HR systems: Voornamen, Voorvoegsels, Achternaam)
    # is the name column, as reading the file builds it: without this an HR export named
    # by its system was not recognised by its header (its required name seemed missing)
    named |= {t for t in name_targets_in_parts(spec.name, header) if t not in named}
    return named


def _under_group_headings(header: list[str], group: list, spec) -> tuple[list[str], list[str]]:
    """The header with a cell read together with the group heading above it, as an Excel
    report heads its columns over two rows (``Aanvrager`` merged over ``Naam`` and
    ``Geboortedatum``, ``Medeaanvrager`` over another ``Naam`` and ``Geboortedatum``;
    ``Dienstverband`` over ``Begin`` and ``Einde``): a cell that names no column, or the
    same column as another cell, is read as ``cell heading`` (or ``heading cell``) when
    that names a column.  Without it the co-applicant's name was kept as an extra column
    and an employment's start was not read.  Returns the header and what was read so."""
    if spec is None:
        return header, []
    from ingest.header_cache import resolve_headers
    from ingest.header_mapping import squeeze

    plain, _notes = resolve_headers(spec, list(header), None)
    counts = Counter(c for c in plain if c)
    out, said = list(header), []
    for i, cell in enumerate(header):
        heading = cell_text(group[i]).strip() if i < len(group) else ""
        cell = cell.strip()
        if (not heading or not cell or squeeze(heading) == squeeze(cell)
                or (plain[i] is not None and counts[plain[i]] < 2)):
            continue
        for text in (f"{cell} {heading}", f"{heading} {cell}"):
            if resolve_headers(spec, [text], None)[0][0] is not None:
                out[i] = text
                said.append(f"{cell!r} -> {text!r}")  # no words: the same in both languages
                break
    return out, said


def name_under_headings(raw: RawTable, spec) -> None:
    """:func:`_under_group_headings` for a CSV file's header, with the group headings of
    the line right above it (read as its file is)."""
    if not raw.headings or not raw.header:
        return
    raw.header, said = _under_group_headings([str(c) for c in raw.header], raw.headings, spec)
    if said:
        raw.warnings.append("header cell(s) read with the heading above them: " + ", ".join(said))


def _title_warning(header_line: int, titles: list[str]) -> str:
    shown = " | ".join(t for t in titles if t)[:120]
    return (f"the header is on line {header_line}; the line(s) above it are read as a title, "
            f"not as data ({shown!r})")


#: How a totals or footer line below the data starts: "Totaal", "Aantal regels: 5433",
#: "Einde rapport", "Gegenereerd op 1-3-2024", "Pagina 3 van 3" (case ignored)
_FOOTER_START = re.compile(
    r"\s*(?:sub|eind|grand\s)?tota(?:a)?l(?:en|s)?\b|\s*(?:aantal|count|number of|som|sum"
    r"|einde|end of|gegenereerd|generated|aangemaakt|created|afgedrukt|printed|pagina|page"
    r"|rapport|report|records|regels|rijen|rows)\b"
    # SAP's list output marks its totals line with ``*`` (``**`` a subtotal) in a cell
    r"|\s*\*{1,3}\s*$", re.IGNORECASE)
#: a cell of a sums line: an amount or a count
_TOTALS_CELL = re.compile(r"(?:EUR|€)?\s*[-+]?[\d.,' ]*\d[\d.,' ]*\s*(?:EUR|€)?")
#: at most this many lines at the end of a file are taken for a footer
_FOOTER_LINES = 5


def drop_footer_rows(raw: RawTable, spec, table_map=None) -> None:
    """Leave out the totals and footer lines an export writes below its data
    (``;;;Totaal;12.345.678,90``, ``Aantal regels: 5433``), with a warning naming them.

    ERP and report exports end this way; read as data, each would be a row without its
    id and refuse the scan.  A line at the end of the file is a footer when a cell starts
    with such a word and fewer than half of the table's required columns hold anything
    else; at most :data:`_FOOTER_LINES` lines, from the last one up, so a broken data row
    in the middle is still a row problem.  Like title lines above the header, footer
    lines are no data rows: they are not counted as read.
    """
    if raw.n_rows == 0 or spec is None:
        return
    from ingest.header_cache import resolve_headers

    resolved, _notes = resolve_headers(spec, [str(c) for c in raw.header], table_map)
    required = [i for i, name in enumerate(resolved)
                if name and spec.has(name) and spec.column(name).required]
    if not required:
        return
    cut, worded = raw.n_rows, False
    while cut > 0 and raw.n_rows - cut < _FOOTER_LINES:
        cells = [cell_text(col.iat[cut - 1]).strip() for col in raw.columns]
        footer = [bool(c) and _FOOTER_START.match(c) is not None for c in cells]
        holding = sum(1 for i in required if i < len(cells) and cells[i] and not footer[i])
        if any(footer) and 2 * holding < len(required):
            worded = True
        elif holding or not all(_TOTALS_CELL.fullmatch(c) for c in cells if c):
            break  # a sum without a word counts only beside a worded footer line
        cut -= 1
    summed = None
    if not worded:
        summed = _sum_line(raw, spec, resolved, required)
        if summed is None:
            return
        cut = raw.n_rows - 1
    first, last = int(raw.lines[cut]), int(raw.lines[-1])
    shown = " / ".join(" | ".join(c for c in (cell_text(col.iat[pos]).strip()
                                              for col in raw.columns) if c)
                       for pos in range(cut, raw.n_rows))[:120]
    where = f"line {first} is" if first == last else f"lines {first}-{last} are"
    if summed is not None:
        raw.warnings.append(
            f"line {first} is below the data and holds none of {', '.join(summed[1])} but "
            f"the sum of the {summed[0]} values above ({shown!r}): read as a totals line, not "
            "as data")
    else:
        raw.warnings.append(f"{where} below the data, read as a footer (totals), not as data "
                            f"({shown!r})")
    raw.columns = [col.iloc[:cut] for col in raw.columns]
    raw.lines = raw.lines[:cut]
    raw.row_problems = [(pos, msg) for pos, msg in raw.row_problems if pos < cut]
    raw.line_problems = [p for p in raw.line_problems if p[0] < first]


def _sum_line(raw: RawTable, spec, resolved: list[str | None], required: list[int]
              ) -> tuple[str, list[str]] | None:
    """Whether the last line is a totals line without a word (``;;3.500,50;;;``): none of
    the required columns filled, nothing but numbers in its cells, and each amount it
    holds the sum (to the cent) of that column over the lines above.  Read as a row it
    is a row error without an id; a sum is told from a row whose id was forgotten by
    the amount, which a real row repeats by chance only when the rows above add up to
    it.  Returns (the amount column, the required columns it leaves empty), else None."""
    if raw.n_rows < 2:
        return None
    last = raw.n_rows - 1
    cells = [cell_text(col.iat[last]).strip() for col in raw.columns]
    if any(cells[i] for i in required if i < len(cells)):
        return None
    if not all(_TOTALS_CELL.fullmatch(c) for c in cells if c):
        return None
    amounts = [i for i, name in enumerate(resolved) if name and spec.has(name)
               and spec.column(name).type == "amount" and i < len(cells) and cells[i]]
    if not amounts:
        return None
    from ingest.parse_values import as_text, parse_amount

    for i in amounts:
        column = raw.columns[i]
        parsed = parse_amount(as_text(column), column)
        values = parsed.values.to_numpy(dtype=float)
        total, above = values[last], values[:last]
        if np.isnan(total) or not np.isfinite(above).any() or (
                abs(np.nansum(above) - total) > 0.005):
            return None
    return (str(resolved[amounts[0]]),
            [str(resolved[i]) for i in required if resolved[i]])


def drop_repeated_headers(raw: RawTable) -> None:
    """Leave out the lines that repeat the header, as a report exported page by page
    writes it at the top of every page, with a warning naming them.

    Read as data, each was a row with ``Datum`` for a date and ``Besteller`` for an
    employee: errors that refused the scan.  A line repeats the header when every named
    header cell is its cell in that column (case and spaces aside) and at least two are
    named.  Only the lines whose first column holds the first header cell are compared
    (one vectorised comparison on a big table).  Like title lines, they are not counted
    as read."""
    from ingest.column_ops import arrow_array
    from ingest.header_mapping import squeeze

    named = [(i, squeeze(str(h))) for i, h in enumerate(raw.header) if squeeze(str(h))]
    if raw.n_rows == 0 or len(named) < 2 or not raw.columns:
        return
    first, key = named[0]
    if first >= len(raw.columns):
        return
    col = raw.columns[first]
    head = str(raw.header[first]).strip()
    arr = arrow_array(col) if col.dtype != object else None
    if arr is not None:  # Arrow kernels, on the values long enough to be the header
        maybe = _header_like(arr, head.lower())
    else:
        text = col.astype("str")
        maybe = np.flatnonzero(text.str.strip().str.lower().eq(head.lower())
                               .fillna(False).to_numpy(dtype=bool))
    repeats = [int(p) for p in maybe
               if all(i < len(raw.columns) and squeeze(cell_text(raw.columns[i].iat[p])) == k
                      for i, k in named)]
    if not repeats:
        return
    keep = np.ones(raw.n_rows, dtype=bool)
    keep[repeats] = False
    gone = {int(raw.lines[p]) for p in repeats}
    shown = ", ".join(str(line) for line in sorted(gone)[:5]) + (", ..." if len(gone) > 5 else "")
    raw.warnings.append(f"{len(gone)} line(s) repeat the header ({shown}), as a report "
                        "exported page by page writes it; they are left out, not read as data")
    new_pos = np.cumsum(keep) - 1
    raw.columns = [c[keep].reset_index(drop=True) for c in raw.columns]
    raw.lines = raw.lines[keep]
    raw.row_problems = [(int(new_pos[p]), m) for p, m in raw.row_problems if keep[p]]
    raw.line_problems = [lp for lp in raw.line_problems if int(lp[0]) not in gone]


def _header_like(arr, lowered: str) -> np.ndarray:  # (pyarrow.Array, str) -> positions
    """Positions of the values that are ``lowered`` once trimmed and in lower case:
    ``utf8_lower(utf8_trim_whitespace(value)) == lowered``, worked out only for the values
    of at least ``len(lowered)`` bytes.

    Why: trimming and lowering a million ids cost 0.03-0.07 s on the critical path of
    large's ingest, for values (``C0000001``) too short to be ``decision_id``.  A shorter
    value cannot match: Arrow lowers each code point to one code point, trimming only
    takes some away, and a code point takes at least one byte, so a match has at least
    ``len(lowered)`` code points and bytes.  (A value lowered by Python to a longer
    header, ``İ`` to ``i̇``, is no match either way.)
    """
    import pyarrow.compute as pc

    long_enough = pc.greater_equal(pc.binary_length(arr), len(lowered))
    at = np.flatnonzero(pc.fill_null(long_enough, False).to_numpy(zero_copy_only=False))
    if not len(at):
        return at
    candidates = arr if len(at) == len(arr) else arr.take(at)
    same = pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(candidates)), lowered)
    return at[pc.fill_null(same, False).to_numpy(zero_copy_only=False)]


# ----------------------------------------------------------------------------- CSV


def _decode_guard(data: bytes, path: Path, high_seen: list | None = None
                  ) -> tuple[bytes, str]:
    """Bytes pandas can read as UTF-8 or cp1252, plus the encoding found.

    Refuses binary files with a message saying what the file probably is.  ``high_seen``
    gets the positions (in the bytes returned) and values of the bytes above 0x7F when the
    guess had to find them all (see :func:`_undefined_cp1252_bytes`).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(
                "the file starts like UTF-16 text but cannot be decoded; save it from Excel "
                "as 'CSV UTF-8 (comma delimited)'"
            ) from None
        return text.encode("utf-8"), "utf-16"
    head = data[:65536]
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            f"the file is an Excel workbook (or another zip file) with a {path.suffix} name; "
            "rename it to .xlsx or save it as CSV"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            "the file is an old Excel .xls workbook (or another binary file); open it in "
            "Excel and save it as .xlsx or CSV"
        )
    nuls = head.count(b"\x00")
    if nuls > _STRAY_NUL_MAX or (nuls and _CONTROL_BYTE.search(head)):
        raise UnreadableFile(
            "the file is not a text (CSV) file: it holds binary data; export the table "
            "again as CSV or .xlsx"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        bom = True
    else:
        bom = False
    if data.isascii() or _is_utf8(data):
        return data, "utf-8-sig" if bom else "utf-8"
    if _mostly_utf8(data, high_seen):
        return data, "utf-8-mixed"
    return data, "cp1252"


#: a text file's first 64 KiB may hold this many NUL bytes (a value damaged on its way,
#: a field padded with NUL by a mainframe); more is a binary file
_STRAY_NUL_MAX = 64
#: control bytes no text export holds (tab, line ends, form feed and escape aside): beside
#: a NUL, the mark of a binary file
_CONTROL_BYTE = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")


def _drop_nul_bytes(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` without its NUL bytes, and a warning naming their lines.

    A NUL is no character of any text: kept, it went into ids and names (an id that
    matches nothing, for a reason nobody can see) and into the reports; a file refused
    for one NUL in a value said no line to look at.  A binary file (many NUL bytes at its
    start) is refused before this (:func:`_decode_guard`)."""
    lines: list[int] = []
    at = data.find(b"\x00")
    line, counted = 1, 0
    while at >= 0:
        line += data.count(b"\n", counted, at)
        counted = at
        if not lines or lines[-1] != line:
            lines.append(line)
        at = data.find(b"\x00", at + 1)
    count = data.count(b"\x00")
    shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
    return data.replace(b"\x00", b""), [
        f"{count} NUL byte(s) (no character of any text) taken out of the values on line(s) "
        f"{shown}; check those values in the export"]


#: a carriage return that ends no line (no line feed after it)
_LONE_CR = re.compile(rb"\r(?!\n)")


def _lone_carriage_returns(data: bytes, first_line: int) -> tuple[bytes, list[str]]:
    """``data`` with each carriage return that ends no line made a space, and a warning
    naming its lines (``first_line``: the file's line of ``data``'s first), for a file whose
    lines end in a line feed (``\\r\\n`` or ``\\n``).

    A line break typed inside a value by a program that writes a bare CR (an old Mac
    program, some web forms) and exported unquoted ends the line for every CSV reader:
    the row came in as two, the second a row of shifted values (a made-up employee whose id
    is the end of a job title).  A file with no line feed at all (old Mac line ends) is
    handled before this.

    >>> _lone_carriage_returns(b"id;functie\\r\\nE1;Project\\rleider\\r\\n", 1)
    (b'id;functie\\r\\nE1;Project leider\\r\\n', ['a carriage return (a line break of an old Mac program) inside a value on line(s) 2 is read as a space, not as the end of the line'])
    """
    if data.count(b"\r") == data.count(b"\r\n"):
        return data, []
    lines: list[int] = []
    line, counted = first_line, 0
    for m in _LONE_CR.finditer(data):
        if m.start() == len(data) - 1:
            break  # a CR ending the file ends a line
        line += data.count(b"\n", counted, m.start())
        counted = m.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    if not lines:
        return data, []
    shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
    out = _LONE_CR.sub(b" ", data)
    if data.endswith(b"\r"):
        out = out[:-1] + b"\r"
    return out, [
        f"a carriage return (a line break of an old Mac program) inside a value on line(s) "
        f"{shown} is read as a space, not as the end of the line"]


#: UTF-8 is checked in pieces of this many bytes (see :func:`_is_utf8`)
_UTF8_PIECE = 1 << 20


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8, checked piece by piece.

    ``data.decode("utf-8")`` would do, but the error it raises on a Windows-1252 file
    holds a copy of the whole file (tens of megabytes copied for a yes/no); an incremental
    decoder copies at most one piece, and handles a character split over two pieces.
    """
    if _arrow_says_utf8(data):
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _UTF8_PIECE):
            decoder.decode(view[start:start + _UTF8_PIECE])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        view.release()
    return True


def _mostly_utf8(data: bytes, high_seen: list | None = None) -> bool:
    """Whether a file that is not valid UTF-8 is still UTF-8 with a few stray bytes: it
    holds more valid multi-byte UTF-8 letters than invalid bytes.  (A Windows-1252 file
    practically never holds valid UTF-8 sequences: ``é`` is one byte followed by ASCII.)

    Bounds from the non-ASCII bytes alone decide most files without decoding them (for a
    Windows-1252 export, nearly every such byte is certainly invalid); only when they
    cannot is the file decoded and the letters counted.
    """
    if _at_most_as_many_valid_as_invalid(data, high_seen):
        return False
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    ascii_bytes = int((np.frombuffer(data, dtype=np.uint8) < 128).sum())
    good = len(text) - ascii_bytes - bad  # valid non-ASCII characters
    return good > bad


def _arrow_says_utf8(data: bytes) -> bool:
    """Whether Arrow's UTF-8 check (SIMD, on the bytes as they are: no copy) passes the
    whole of ``data``: 1 ms against Python's 16 ms for large's 8.6 MB of organizations.
    Only its yes is taken; on its no, Python's decoder decides (a file that is not UTF-8
    is read another way, and is rare), so a difference between the two checks could only
    make a file be read as UTF-8 that Python would refuse: a test compares them."""
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return False
    try:
        whole = pa.Array.from_buffers(pa.large_binary(), 1, [
            None, pa.py_buffer(np.array([0, len(data)], dtype=np.int64)), pa.py_buffer(data)])
        whole.cast(pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False
    return True


#: bytes above 0x7F are looked for in pieces of this many bytes
_HIGH_PIECE = 1 << 22


def _high_bytes(arr: np.ndarray) -> np.ndarray:
    """Positions of the bytes above 0x7F in ``arr`` (``np.flatnonzero(arr >= 0x80)``),
    found piece by piece in one reused mask: the mask of a whole 84 MB file would be
    84 MB of fresh memory for a few thousand positions."""
    if len(arr) <= _HIGH_PIECE:
        return np.flatnonzero(arr >= 0x80)
    mask = np.empty(_HIGH_PIECE, dtype=bool)
    found = []
    for start in range(0, len(arr), _HIGH_PIECE):
        part = arr[start : start + _HIGH_PIECE]
        np.greater_equal(part, 0x80, out=mask[: len(part)])
        at = np.flatnonzero(mask[: len(part)])
        if len(at):
            found.append(at + start)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _count_line_feeds(data: bytes) -> int:
    """``data.count(b"\\n")``, counted in numpy piece by piece in one reused mask: the
    bytes method goes byte by byte (0.05 s for large's 81 MB contracts file, 0.013 s so)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    if len(arr) <= _HIGH_PIECE:
        return int(np.count_nonzero(arr == 0x0A))
    mask = np.empty(_HIGH_PIECE, dtype=bool)
    total = 0
    for start in range(0, len(arr), _HIGH_PIECE):
        part = arr[start : start + _HIGH_PIECE]
        np.equal(part, 0x0A, out=mask[: len(part)])
        total += int(np.count_nonzero(mask[: len(part)]))
    return total


def _at_most_as_many_valid_as_invalid(data: bytes, high_seen: list | None = None) -> bool:
    """Whether, surely, ``data`` holds no more valid multi-byte UTF-8 characters than
    invalid bytes, told from its non-ASCII bytes and their neighbours (vectorised).

    Every valid multi-byte character starts with a lead byte (0xC2-0xF4) followed by a
    continuation byte (0x80-0xBF), so such pairs bound the valid characters from above.
    A lead byte not followed by a continuation byte, a continuation byte after an ASCII
    byte, and the bytes 0xC0, 0xC1 and 0xF5-0xFF are each decoded as a replacement
    character of their own, so they bound the invalid ones from below.  ``False`` means
    "cannot tell", not "mostly UTF-8".  ``high_seen`` gets the positions and values of
    the bytes above 0x7F, for the caller to look through instead of the whole file.
    """
    arr = np.frombuffer(data, dtype=np.uint8)
    high = _high_bytes(arr)
    if not len(high):
        return True
    byte = arr[high]
    if high_seen is not None:
        high_seen.append((high, byte))
    nxt = arr[np.minimum(high + 1, len(arr) - 1)]
    next_continues = (nxt >= 0x80) & (nxt < 0xC0) & (high + 1 < len(arr))
    prev = np.where(high > 0, arr[np.maximum(high - 1, 0)], 0)
    lead = (byte >= 0xC2) & (byte <= 0xF4)
    continuation = (byte >= 0x80) & (byte < 0xC0)
    possibly_valid = int(np.count_nonzero(lead & next_continues))
    surely_invalid = int(np.count_nonzero(lead & ~next_continues)
                         + np.count_nonzero(continuation & (prev < 0x80))
                         + np.count_nonzero((byte == 0xC0) | (byte == 0xC1) | (byte >= 0xF5)))
    return possibly_valid <= surely_invalid


#: per byte: its character in Windows-1252 as UTF-8 (U+FFFD for the five undefined bytes,
#: as ``errors="replace"`` decodes them), and that sequence's length
_CP1252_UTF8 = [bytes([b]).decode("cp1252", errors="replace").encode("utf-8")
                for b in range(256)]
_CP1252_LENGTHS = np.array([len(e) for e in _CP1252_UTF8], dtype=np.int64)


#: a column chunk with at most one byte above 0x7F in this many has them replaced one by
#: one (the ASCII between them copied as it is); one with more is decoded by the codec
_CP1252_SPARSE = 256


def _cp1252_chunk_to_utf8(chunk):  # (pyarrow.[Large]BinaryArray) -> pyarrow.[Large]StringArray
    """One column chunk of Windows-1252 bytes as UTF-8 text, vectorised.

    A chunk without bytes above 0x7F is ASCII, which is UTF-8 as it is (a zero-copy view).
    Otherwise every such byte becomes its UTF-8 sequence (two or three bytes): a few are
    replaced one by one between runs of ASCII copied as they are, many are left to the
    codec (both in C; a pass of numpy masks over the whole chunk cost several times
    more); each value's offset moves by the bytes added before it (found in numpy).  The result is
    what decoding the whole file with ``cp1252`` (``errors="replace"``) and reading the
    UTF-8 would give: a CSV file's structure (delimiters, quotes, line breaks) is ASCII,
    which Windows-1252 leaves as it is.
    """
    import pyarrow as pa

    wide = pa.types.is_large_binary(chunk.type)
    text_type = pa.large_string() if wide else pa.string()
    if chunk.null_count:  # never from the CSV reader (no value is null there)
        return pa.array([None if v is None else v.decode("cp1252", errors="replace")
                         for v in chunk.to_pylist()], type=text_type)
    _, offsets_buf, data_buf = chunk.buffers()
    offset_type = np.int64 if wide else np.int32
    offsets = np.frombuffer(offsets_buf, dtype=offset_type)[chunk.offset:
                                                            chunk.offset + len(chunk) + 1]
    if data_buf is None or not len(offsets) or offsets[-1] == offsets[0]:
        return chunk.view(text_type)
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0]:offsets[-1]]
    high = _high_bytes(data)
    if not len(high):
        return chunk.view(text_type)
    values = data[high]
    if len(high) * _CP1252_SPARSE <= len(data):
        # a few such bytes (accents in a description): the ASCII runs between them are
        # copied as they are, each such byte replaced by its sequence
        view = memoryview(data)
        pieces: list = []
        previous = 0
        for at, byte in zip(high.tolist(), values.tolist()):
            pieces.append(view[previous:at])
            pieces.append(_CP1252_UTF8[byte])
            previous = at + 1
        pieces.append(view[previous:])
        out = np.frombuffer(b"".join(pieces), dtype=np.uint8)
    elif (values == values[0]).all():  # many, all one byte (a euro sign on every amount)
        # each becomes the same sequence: one replacement in Arrow, in place of the codec
        # on the whole column (large's amounts: 59 -> 37 ms, on the critical path)
        import pyarrow.compute as pc

        return pc.replace_substring(chunk, bytes([int(values[0])]),
                                    _CP1252_UTF8[int(values[0])]).view(text_type)
    else:  # many of several kinds: the codec, in C
        out = np.frombuffer(data.tobytes().decode("cp1252", errors="replace").encode("utf-8"),
                            dtype=np.uint8)
    rel = offsets - offsets[0]
    # each value's start moves by the bytes added before it: per such byte, the first
    # offset after it gets its extra bytes, summed up along the offsets
    after = np.searchsorted(rel, high, side="right")
    extra = np.bincount(after, weights=_CP1252_LENGTHS[values] - 1, minlength=len(rel))
    new_offsets = (rel + np.cumsum(extra.astype(np.int64))).astype(offset_type)
    return pa.Array.from_buffers(text_type, len(chunk),
                                 [None, pa.py_buffer(new_offsets), pa.py_buffer(out)],
                                 null_count=0)


#: per thread, the list the error handler of :func:`_decode_mixed` records bytes in (files
#: are read in several threads, and an error handler is registered for the process)
_MIXED_FOUND = threading.local()


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    byte = exc.object[exc.start : exc.start + 1]
    char = byte.decode("cp1252", errors="replace")
    line = exc.object.count(b"\n", 0, exc.start) + 1
    _MIXED_FOUND.found.append((line, f"byte 0x{byte.hex().upper()} is not valid UTF-8; read "
                                     f"as Windows-1252 {char!r}: check the value and save the "
                                     "file as UTF-8"))
    return char, exc.start + 1


codecs.register_error("coi_cp1252_fallback", _cp1252_fallback)


def _decode_mixed(data: bytes) -> tuple[bytes, list[tuple[int, str]]]:
    """UTF-8 bytes with each invalid byte read as Windows-1252 (the usual cause: one value
    pasted from an old system), and per bad byte its 1-based line and what it became."""
    found: list[tuple[int, str]] = []
    _MIXED_FOUND.found = found
    try:
        text = data.decode("utf-8", errors="coi_cp1252_fallback")
    finally:
        _MIXED_FOUND.found = None
    return text.encode("utf-8"), found


def detect_delimiter(header_line: str) -> str:
    """The delimiter used on a header line: ``;``, ``,`` or tab, counted outside quotes.

    >>> detect_delimiter('employee_id;name;"role, or function"')
    ';'
    >>> detect_delimiter("employee_id")
    ','
    """
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


#: characters that show as nothing (zero-width space, joiners, word joiner, a byte-order
#: mark inside the text), in UTF-8: pasted from web pages and Word into ids and names
_INVISIBLE = {b"\xe2\x80\x8b": "U+200B", b"\xe2\x80\x8c": "U+200C", b"\xe2\x80\x8d": "U+200D",
              b"\xe2\x81\xa0": "U+2060", b"\xef\xbb\xbf": "U+FEFF"}


def _drop_invisible(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` without the invisible characters of :data:`_INVISIBLE`, and a warning that
    counts them.  ``E0038`` with a zero-width space in front is ``E0038`` to a reader, and
    an id that fails to match for a character nobody can see cannot be fixed by looking;
    so they are taken out of every value (a whole-file search: nothing is copied unless
    one is found).
    """
    # one search for a lead byte (memchr) decides the characters that start with it: most
    # files hold no U+F000-U+FFFF at all, and counting the byte-order mark took 6 ms for
    # large's organizations
    leads = {lead: bytes([lead]) in data for lead in {seq[0] for seq in _INVISIBLE}}
    counts = {what: data.count(seq) for seq, what in _INVISIBLE.items() if leads[seq[0]]}
    said = _invisible_warning(counts)
    if said:
        for seq in _INVISIBLE:
            data = data.replace(seq, b"")
    return data, said


def _invisible_warning(counts: dict[str, int]) -> list[str]:
    """The warning for the invisible characters taken out (none when none was)."""
    said = ", ".join(f"{what}: {n}" for what, n in counts.items() if n)
    if not said:
        return []
    return [f"invisible characters taken out of the values ({said}); they were pasted in and "
            "would keep equal ids and names apart"]


#: the same characters written as XML character references (``&#8203;``)
_INVISIBLE_REF = re.compile(rb"&#(?:820[345]|8288|65279|[xX](?:200[bcdBCD]|2060|[fF][eE][fF][fF]));")


def _parts_hold_invisible(archive: zipfile.ZipFile, prefixes: tuple[str | None, ...]) -> bool:
    """Whether the workbook parts named by ``prefixes`` (its shared strings, the sheet read)
    hold a character of :data:`_INVISIBLE`: searched in the unpacked XML, piece by piece,
    so the cells are looked at one by one only in a workbook that has one."""
    wanted = tuple(p for p in prefixes if p)
    for info in archive.infolist():
        if not info.filename.startswith(wanted):
            continue
        with archive.open(info) as fh:
            tail = b""
            while piece := fh.read(1 << 22):
                piece = tail + piece
                if any(seq in piece for seq in _INVISIBLE) or _INVISIBLE_REF.search(piece):
                    return True
                tail = piece[-9:]
    return False


def _cells_without_invisible(rows: list[list]) -> tuple[list[list], list[str]]:
    """The sheet's text cells without :data:`_INVISIBLE`'s characters, and the warning
    that counts them (as :func:`_drop_invisible` does for a CSV file)."""
    chars = {seq.decode("utf-8"): what for seq, what in _INVISIBLE.items()}
    counts = dict.fromkeys(chars.values(), 0)
    table = str.maketrans(dict.fromkeys(chars, None))
    out = []
    for row in rows:
        new = []
        for value in row:
            if isinstance(value, str) and not value.isascii():
                for ch, what in chars.items():
                    counts[what] += value.count(ch)
                value = value.translate(table)
            new.append(value)
        out.append(new)
    return out, _invisible_warning(counts)


#: a line of a list framed by ``|`` that holds no row: a ruler of dashes (``-----``,
#: ``|----+----|``) or any line whose first character is not the frame's ``|`` (a page
#: heading ``30.11.2026  Dynamische lijstweergave  2`` between the pages)
_LIST_OUTSIDE = re.compile(
    rb"(?m)^[ \t]*(?:[^|\s][^\n]*|\|[-=_+| \t]*[-=]{2}[-=_+| \t]*\r?)$")


def _blank_list_lines(data: bytes, skipped_lines: int) -> tuple[bytes, list[int]]:
    """``data`` (from the header line on) with the lines that are no rows of a list framed
    by ``|`` made blank, and their line numbers.

    SAP's list output (a report or SE16 saved as "unconverted" text) frames every row in
    ``|`` and writes rulers of dashes above and below the header and, on every page, a
    page heading and the header again.  Read as rows, each ruler and heading was a row
    without an id that refused the scan.  Only a file whose header line starts and ends
    with ``|`` is such a list; the lines are blanked, not cut, so every row keeps its own
    line number (blank lines are no rows), and the caller's warning names them.
    """
    end = data.find(b"\n")
    header = (data if end < 0 else data[:end]).strip()
    if not (header.startswith(b"|") and header.endswith(b"|")) or end < 0:
        return data, []
    found = [(m.start(), m.end()) for m in _LIST_OUTSIDE.finditer(data, end + 1)
             if data[m.start():m.end()].strip()]
    if not found:
        return data, []
    parts, lines, at, line, counted = [], [], 0, 1, 0
    for start, stop in found:
        line += data.count(b"\n", counted, start)
        counted = start
        lines.append(line + skipped_lines)
        parts.append(data[at:start])
        at = stop
    parts.append(data[at:])
    return b"".join(parts), lines


def _list_lines_warning(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
    return (f"{len(lines)} line(s) of the list framed by '|' hold no row (rulers of dashes, "
            f"page headings: {shown}); they are left out, not read as data")


def _first_content_line(data: bytes) -> tuple[int, int]:
    """Byte offset and 0-based line index of the first line that is not blank."""
    offset = 0
    index = 0
    while offset < len(data):
        end = data.find(b"\n", offset)
        line = data[offset:] if end < 0 else data[offset:end]
        if line.strip():
            return offset, index
        if end < 0:
            return len(data), index
        offset = end + 1
        index += 1
    return offset, index


def _header_text(data: bytes, encoding: str) -> str:
    end = data.find(b"\n")
    line = data if end < 0 else data[:end]
    return line.decode("cp1252" if encoding == "cp1252" else "utf-8", errors="replace")


def _first_lines(data: bytes, count: int) -> list[bytes]:
    lines = data[: 1 << 20].split(b"\n", count)[:count]
    return [ln.rstrip(b"\r") for ln in lines]


def _locate_header(data: bytes, encoding: str, header_row: int | None, spec
                   ) -> tuple[int, int, str, list[str]]:
    """Where the header line starts (byte offset, 0-based line index), the delimiter, and
    the title lines above it.  The delimiter is the one most used on any of the first
    lines, so a title line (``Contracten 2024``) does not hide it."""
    codec = "cp1252" if encoding == "cp1252" else "utf-8"
    lines = [ln.decode(codec, errors="replace") for ln in _first_lines(data, _HEADER_SEARCH)]
    hint = _SEP_LINE.fullmatch(lines[0]) if lines else None
    start = 1 if hint else 0  # Excel's `sep=;` line names the delimiter; it is no title
    delimiter = hint.group(1) if hint else _delimiter_of(lines)
    if header_row is not None:
        index = max(header_row - 1, start)
    else:
        index = start + find_header_row([_cells(ln, delimiter) for ln in lines[start:]], spec)
    offset = 0
    for _ in range(index):
        offset = data.index(b"\n", offset) + 1
    return offset, index, delimiter, [ln.strip(" ;,\t|") for ln in lines[start:index]]


#: a header of more columns is no export of a table (the widest ERP exports have a few
#: hundred): the file is refused before its columns are read one by one
MAX_COLUMNS = 1_000


def _check_width(columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise UnreadableFile(
            f"the header has {columns:,} columns, more than the {MAX_COLUMNS:,} an export of "
            "a table can have; check that this is the export (and its delimiter), or leave "
            "out the columns the analyzer does not need")


def _delimiter_of(lines: list[str]) -> str:
    """The delimiter most used (outside quotes) on any of a file's first lines, so that a
    title line (``Contracten 2024``) does not hide it; ``,`` when none is used."""
    counts = {d: max((_outside_quotes_count(ln, d) for ln in lines), default=0)
              for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _cells(line: str, delimiter: str) -> list[str]:
    """The cells of one of the first lines, to look for the header among them; a line
    with a value over the csv module's field limit (a 30 MB line) is no header: no cells
    (reading the file says what is wrong with it)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _outside_quotes_count(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _record_starts(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """0-based line index and byte offset where each CSV record starts (quote parity over
    line breaks)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(arr == 10)
    if b'"' in data:
        quotes = np.flatnonzero(arr == 34)
        before = np.searchsorted(quotes, newlines)
        separating = np.flatnonzero(before % 2 == 0)
    else:
        separating = np.arange(len(newlines))
    starts = np.concatenate([[0], separating + 1]).astype(np.int64)
    starts_bytes = np.concatenate([[0], newlines[separating] + 1]).astype(np.int64)
    if len(data) == 0 or (len(newlines) and newlines[-1] == len(data) - 1 and (
        len(separating) and separating[-1] == len(newlines) - 1
    )):
        starts = starts[:-1]  # the file ends with a record break: no record after it
        starts_bytes = starts_bytes[:-1]
    return starts, starts_bytes


def _unclosed_quote_line(data: bytes, delimiter: str) -> int | None:
    """1-based line of a quote that opens a value and is never closed, if any.

    Both CSV readers would silently read everything after such a quote as one value; the
    caller refuses the file instead, so no rows disappear unnoticed.  A quote inside a
    value (``5" pipes``) does not open a value and is left alone.
    """
    if b'"' not in data:
        return None
    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == 34)
    if len(quotes) % 2 == 0:
        # an even count may still leave a value open: a quote inside a value (``24"
        # breed``) pairs with the stray one by count, but opens nothing
        if _quotes_well_formed(data, delimiter):
            return None
        opening = _quote_walk(data, quotes, delimiter)[1]
        if opening is None:
            return None
    else:
        newlines = np.flatnonzero(arr == 10)
        separating = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
        record_start = int(separating[-1]) + 1 if len(separating) else 0
        opening = data.find(b'"', record_start)
        if opening < 0:
            return None
    before = data[opening - 1 : opening] if opening > 0 else b"\n"
    if before.strip(b" ") not in (delimiter.encode(), b"\n", b"\r", b""):
        return None  # a quote inside a value: read as it is
    rest = data[opening:].rstrip(b"\r\n")
    if b"\n" not in rest and b"\r" not in rest:
        return None  # the unclosed value ends with the file's last line: nothing swallowed
    return data.count(b"\n", 0, opening) + 1


#: a cell longer than this is refused by the CSV reader (no export holds such a value;
#: a runaway quote or a binary blob does)
MAX_CELL_CHARS = 1_000_000


def _swallowing_quotes(data: bytes, delimiter: str) -> list[tuple[int, int, str]]:
    """Quoted values that run over line breaks and are closed by a quote followed by more
    text (``"abc`` ... ``12" buis``): every line in between would be read as part of one
    value, and those rows would vanish.  Returns (opening line, closing line, text after
    the quote) for each.

    A fast vectorised test first (:func:`_quotes_well_formed`); only a file it doubts is
    walked quote by quote.
    """
    if _quotes_well_formed(data, delimiter):
        return []
    arr = np.frombuffer(data, dtype=np.uint8)
    return _swallowing_quotes_slow(data, np.flatnonzero(arr == 34), delimiter)


def _quotes_well_formed(data: bytes, delimiter: str) -> bool:
    """Whether every quote that opens a value stands at the start of a field and every
    closing quote is followed by a delimiter, a line end or an escaped quote (or the file
    has no quotes): then no value swallows lines, and every CSV reader splits the file
    alike."""
    if b'"' not in data:
        return True
    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == 34)
    n = len(arr)
    delim = ord(delimiter)
    prev = np.where(quotes > 0, arr[np.maximum(quotes - 1, 0)], 10)
    nxt = np.where(quotes < n - 1, arr[np.minimum(quotes + 1, n - 1)], 10)
    opens, closes = quotes[0::2], quotes[1::2]
    prev_open, next_close = prev[0::2], nxt[1::2]
    k = len(closes)
    m = min(k, len(opens) - 1)
    escaped = np.zeros(k, dtype=bool)  # a closing quote directly followed by an opening
    escaped[:m] = closes[:m] + 1 == opens[1 : m + 1]
    escaped_open = np.zeros(len(opens), dtype=bool)
    escaped_open[1 : m + 1] = escaped[:m]
    open_ok = np.isin(prev_open, (delim, 10, 13)) | escaped_open
    close_ok = np.isin(next_close, (delim, 10, 13)) | (closes == n - 1) | escaped
    return bool(open_ok.all() and close_ok.all())


def _swallowing_quotes_slow(data: bytes, quotes: np.ndarray, delimiter: str
                            ) -> list[tuple[int, int, str]]:
    """The CSV quote rules walked quote by quote (only files the fast test doubts)."""
    return _quote_walk(data, quotes, delimiter)[0]


def _quote_walk(data: bytes, quotes: np.ndarray, delimiter: str
                ) -> tuple[list[tuple[int, int, str]], int | None]:
    """The CSV quote rules walked quote by quote: the values that swallow lines (as
    :func:`_swallowing_quotes` gives them) and the byte offset of a quote that opens a
    value never closed (None when every value is closed)."""
    d = ord(delimiter)
    found: list[tuple[int, int, str]] = []
    inside = False
    opened = 0
    i = 0
    qs = quotes.tolist()
    n = len(data)
    while i < len(qs):
        q = qs[i]
        if not inside:
            before = data[q - 1] if q > 0 else 10
            if before in (d, 10, 13):
                inside, opened = True, q
            i += 1
            continue
        after = data[q + 1] if q + 1 < n else 10
        if after == 34:  # an escaped quote ("") inside the value
            i += 2
            continue
        inside = False
        if after not in (d, 10, 13) and b"\n" in data[opened:q]:
            end = data.find(b"\n", q)
            rest = data[q + 1 : end if end >= 0 else n].split(delimiter.encode())[0]
            found.append((data.count(b"\n", 0, opened) + 1, data.count(b"\n", 0, q) + 1,
                          rest.decode("utf-8", errors="replace").strip()[:40]))
        i += 1
    return found, opened if inside else None


def _short_records(data: bytes, starts_bytes: np.ndarray, delimiter: str, width: int
                   ) -> np.ndarray:
    """Values per record (delimiters outside quotes + 1), vectorised; ``starts_bytes`` are
    the records' byte offsets.  Valid for files the quote check passed."""
    arr = np.frombuffer(data, dtype=np.uint8)
    delims = np.flatnonzero(arr == ord(delimiter))
    if b'"' in data:
        quotes = np.flatnonzero(arr == 34)
        delims = delims[np.searchsorted(quotes, delims) % 2 == 0]
    record = np.searchsorted(starts_bytes, delims, side="right") - 1
    counts = np.bincount(record[record >= 0], minlength=len(starts_bytes))
    return counts + 1


#: a file at least this big is hashed in a thread of its own while it is read
_HASH_APART_BYTES = 1 << 22


#: a text file at least this big is first streamed through for a runaway value
#: (:func:`_refuse_runaway_value`) before it is read whole; large's 84 MB contracts are not
_STREAM_CHECK_BYTES = 1 << 28
_STREAM_CHUNK = 1 << 24
#: bytes that end a value in any text export (line end, and every delimiter read)
_VALUE_ENDS = np.zeros(256, dtype=bool)
_VALUE_ENDS[list(b"\n\r,;\t|")] = True


def _refuse_runaway_value(path: Path) -> None:
    """Refuse a big text file holding a stretch of more than 4 x :data:`MAX_CELL_CHARS`
    bytes without a line end or a delimiter, found in chunks of 16 MiB before the file is
    read whole.

    Such a stretch is one value longer than the field-size limit (a character takes at
    most four bytes), which the reader refuses anyway, but only after it has the file in
    memory three times over (bytes, text, values): a 300 MB line took 1 GB, a 2 GB line
    (a binary blob, a hostile export) would take some 7 GB before the clear message."""
    limit = 4 * MAX_CELL_CHARS
    run, line = 0, 1  # bytes since the last value end; line of the stretch's start
    with path.open("rb") as fh:
        while chunk := fh.read(_STREAM_CHUNK):
            arr = np.frombuffer(chunk, dtype=np.uint8)
            ends = np.flatnonzero(_VALUE_ENDS[arr])  # a byte table: np.isin made int64s
            gaps = np.diff(ends, prepend=-1 - run) - 1 if len(ends) else np.array([], np.int64)
            longest = int(gaps.max()) if len(gaps) else 0
            tail = len(arr) - 1 - int(ends[-1]) if len(ends) else run + len(arr)
            if longest > limit or tail > limit:
                at = int(ends[int(np.argmax(gaps))]) if longest > limit else len(arr)
                near = line + chunk.count(b"\n", 0, at)
                raise UnreadableFile(
                    f"near line {near} a value is longer than {MAX_CELL_CHARS:,} characters "
                    "(the field-size limit); no export holds such a value: a quote probably "
                    "runs on, or binary data was pasted in; check the file")
            run = tail
            line += chunk.count(b"\n")


def _read_csv(path: Path, header_row: int | None = None, spec=None) -> RawTable:
    try:
        if path.stat().st_size >= _STREAM_CHECK_BYTES:
            _refuse_runaway_value(path)
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror}); check permissions") from None
    # SHA-256 releases the GIL: a big file's hash is taken beside the reading (the same
    # bytes, the same digest), and waited for whatever the reading ends in
    digest = hashlib.sha256()
    hashing = None
    if len(raw) >= _HASH_APART_BYTES:
        hashing = threading.Thread(target=digest.update, args=(raw,), name="coi-sha256")
        hashing.start()
    else:
        digest.update(raw)
    # a file without a double quote (the usual big export) has none after decoding
    # either: one search here spares the four searches of the checks for quotes
    quote_free = b'"' not in raw
    wrapped = not quote_free and _may_hold_wrapped_text(raw)
    held = [raw]  # handed over, so the bytes can go once they are decoded
    del raw
    try:
        table = _read_csv_bytes(path, held, header_row, spec, quote_free)
    finally:
        if hashing is not None:
            hashing.join()
    table.sha256 = digest.hexdigest()
    if wrapped:
        _unwrap_excel_text(table)
    return table


#: the five bytes Windows-1252 leaves undefined (decoded as U+FFFD)
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def _undefined_cp1252_bytes(data: bytes, high: tuple[np.ndarray, np.ndarray] | None,
                            cut: int) -> list[tuple[bytes, int]]:
    """Each byte of :data:`_CP1252_UNDEFINED` that ``data`` holds, with its first position
    (``data.find(byte)``), in that order.

    ``high``: the positions and values of every byte above 0x7F that the encoding guess
    found (:func:`_at_most_as_many_valid_as_invalid`), in the bytes of which ``data`` is
    what is left after cutting ``cut`` bytes from the front.  Looking through those
    (300,020 in large's 84 MB contracts file) replaces five searches of the whole file
    (27 ms on the critical path of ingest).  ``None``: the five searches.
    """
    if high is None:
        found = [(byte, data.find(byte)) for byte in _CP1252_UNDEFINED]
        return [(byte, at) for byte, at in found if at >= 0]
    positions, values = high
    start = int(np.searchsorted(positions, cut))
    positions, values = positions[start:], values[start:]
    out = []
    for byte in _CP1252_UNDEFINED:
        at = np.flatnonzero(values == byte[0])
        if len(at):
            out.append((byte, int(positions[at[0]]) - cut))
    return out


def _may_hold_wrapped_text(raw: bytes) -> bool:
    """Whether the file's bytes hold ``="`` (in UTF-8 or one-byte text, or UTF-16 LE:
    ``=\\x00"\\x00``), the start of a cell :func:`_unwrap_excel_text` unwraps.

    Each pattern holds a double quote, so a file without one (the usual big export) is
    told by one search for a single byte (``memchr``, 4 ms on large's 84 MB contracts
    file) instead of two searches for a pattern, which go byte by byte (0.13 s there, on
    the critical path of ingest).  Likewise each pattern starts with ``=``.
    """
    if b'"' not in raw:
        return False
    # each pattern starts with ``=``, which most exports hold rarely or never: found by
    # ``memchr`` and each one looked at (allocations of large: 13 ms -> a fraction); a
    # file with many is searched for the two patterns after all
    at = raw.find(b"=")
    for _ in range(_EQUALS_LOOKED_AT):
        if at < 0:
            return False
        if raw.startswith(b'"', at + 1) or raw.startswith(b'\x00"\x00', at + 1):
            return True
        at = raw.find(b"=", at + 1)
    return at >= 0 and (raw.find(b'="', at) >= 0 or raw.find(b'=\x00"\x00', at) >= 0)


#: this many ``=`` are looked at one by one (:func:`_may_hold_wrapped_text`); after them,
#: the rest of the file is searched for the two patterns
_EQUALS_LOOKED_AT = 64


def _unwrap_excel_text(table: RawTable) -> None:
    """Cells written ``="01234567"``, the way exports keep Excel from dropping leading
    zeros, are the text inside (``01234567``): as the literal ``="E1"`` an id matched no
    other and a KvK number was unreadable.  Told once per file, with the count."""
    count = 0
    for i, col in enumerate(table.columns):
        text = col.astype("str") if col.dtype == object else col
        wrapped = (text.str.startswith('="') & text.str.endswith('"')
                   & (text.str.len() >= 3)).fillna(False).to_numpy(dtype=bool)
        if wrapped.any():
            count += int(wrapped.sum())
            inner = text.str.slice(2, -1)
            table.columns[i] = text.where(~wrapped, inner)
    table.header = [h[2:-1] if h.startswith('="') and h.endswith('"') and len(h) >= 3 else h
                    for h in table.header]
    if count:
        table.warnings.append(f"{count} value(s) written as =\"...\" (a way to keep Excel from "
                              "dropping leading zeros) are read as the text inside")


def _wrapped_lines(delimiters: str) -> re.Pattern[bytes]:
    """A whole line that is one double-quoted value holding one of ``delimiters`` (every
    quote inside doubled, so it is one value and nothing else).

    Linear in the line: the delimiter is looked for ahead, and the value's characters are
    taken possessively (``*+``).  Written as "characters, a delimiter, characters", a line
    that starts with a quoted cell of n delimiters and goes on after it was tried at every
    split, n * n steps: a cell of a million ``;`` hung the reader for hours."""
    d = re.escape(delimiters.encode())
    return re.compile(rb'^"(?=[^\n]*[' + d + rb'])((?:[^"\n]|"")*+)"(\r?)$', re.M)


_WRAPPED_ANY = _wrapped_lines("".join(_DELIMITERS))


def _unwrap_quoted_lines(data: bytes, delimiter: str | None = None) -> tuple[bytes, int]:
    """The lines that are each one quoted value holding a delimiter, as the lines inside: a
    table pasted into one column and saved as CSV comes out so (``"E1;Jan de Vries;1970"``),
    whole, or only where a line holds the separator of the Excel that saved it (a ``,`` in
    ``1.234,56``), which quotes only such cells.  ``delimiter``: the header's, when the
    header itself is not wrapped (a line of one value where the header has several is
    such a line); ``None``: any, for a file whose first line is wrapped.  A normally
    quoted file (``"E1";"Jan"``) is left alone.  Returns the data and the number of lines
    unwrapped (0: ``data`` unchanged).

    >>> _unwrap_quoted_lines(b'"id;naam"\\n"E1;Jan ""JJ"" de Vries"\\nE2;Piet\\n')
    (b'id;naam\\nE1;Jan "JJ" de Vries\\nE2;Piet\\n', 2)
    >>> _unwrap_quoted_lines(b'"id";"naam"\\n"E1";"Jan"\\n')[1]
    0
    >>> _unwrap_quoted_lines(b'id;bedrag\\n"E1;1.234,56"\\nE2;7\\n', ";")
    (b'id;bedrag\\nE1;1.234,56\\nE2;7\\n', 1)
    """
    if delimiter is None:
        end = data.find(b"\n")
        if not _WRAPPED_ANY.fullmatch(data if end < 0 else data[:end].rstrip(b"\r")):
            return data, 0
        pattern = _WRAPPED_ANY
    else:
        pattern = _wrapped_lines(delimiter)
    return pattern.subn(lambda m: m.group(1).replace(b'""', b'"') + m.group(2), data)


def _read_csv_bytes(path: Path, held: list[bytes], header_row: int | None, spec,
                    quote_free: bool = False) -> RawTable:
    """:func:`_read_csv` once the file's bytes are in (``held``, taken out here); the
    caller fills in ``sha256``.  ``quote_free``: the bytes hold no double quote (each
    check for quotes is then known to find none; ``False`` means "look")."""
    sha = ""
    raw = held.pop()
    high_seen: list = []  # the encoding guess's bytes above 0x7F (see _undefined_cp1252_bytes)
    data, encoding = _decode_guard(raw, path, high_seen)
    del raw
    cut = 0  # bytes cut from the front of data since the guess
    line_problems: list[tuple[int, str | None, str, str]] = []
    if encoding == "utf-8-mixed":
        data, bad = _decode_mixed(data)
        encoding = "utf-8"
        line_problems.extend((line, None, msg, "line") for line, msg in bad)
    invisible: list[str] = []
    if b"\x00" in data:
        data, invisible = _drop_nul_bytes(data)
        high_seen.clear()  # its byte positions were in the bytes with the NULs
    if encoding != "cp1252":
        data, more = _drop_invisible(data)
        invisible += more
    if b"\n" not in data and b"\r" in data:  # old Mac line ends
        data = data.replace(b"\r", b"\n")
    offset, skipped_lines = _first_content_line(data)
    data = data[offset:]
    cut += offset
    if not data or data.isspace():  # (``data.strip()`` would copy the whole file)
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), encoding, None)
    warnings: list[str] = invisible
    unwrapped = 0
    if data.startswith(b'"'):  # the header wrapped too: the file's lines were one column
        data, unwrapped = _unwrap_quoted_lines(data)
    head_offset, title_lines, delimiter, titles = _locate_header(data, encoding, header_row, spec)
    end = data.find(b"\n", head_offset)  # the header line alone (slicing data copies it)
    header_line = data[head_offset:] if end < 0 else data[head_offset:end]
    width = _outside_quotes_count(_header_text(header_line, encoding), delimiter) + 1
    _check_width(width)
    del header_line
    if not unwrapped and width > 1 and not quote_free and b'\n"' in data:
        data, unwrapped = _unwrap_quoted_lines(data, delimiter)
    if unwrapped:
        warnings.append(f"{unwrapped} line(s) are wrapped in double quotes as one value (a "
                        "table saved from a single column): the text inside is read as the "
                        "line")
    headings: list[str] = []
    if title_lines:
        # the line right above the header: group headings, as Excel saves merged cells (the
        # heading in the first cell of its group, the others empty)
        above = data[:head_offset].rstrip(b"\r\n").rsplit(b"\n", 1)[-1]
        for cell in _cells(above.decode("cp1252" if encoding == "cp1252" else "utf-8",
                                        errors="replace"), delimiter):
            headings.append(cell.strip() or (headings[-1] if headings else ""))
        data = data[head_offset:]
        cut += head_offset
        if titles:
            warnings.append(_title_warning(skipped_lines + title_lines + 1, titles))
        skipped_lines += title_lines
    if delimiter == "|":
        data, outside = _blank_list_lines(data, skipped_lines)
        if outside:
            warnings.append(_list_lines_warning(outside))
    unclosed = None if quote_free else _unclosed_quote_line(data, delimiter)
    if unclosed is not None:
        raise UnreadableFile(
            f"a value starting with a double quote on line {unclosed + skipped_lines} is never "
            "closed, so the rest of the file would be read as one value; add the closing "
            "quote (or remove the stray one) and run again"
        )
    well_formed = quote_free or _quotes_well_formed(data, delimiter)
    swallowed = [] if well_formed else _swallowing_quotes(data, delimiter)
    if swallowed:
        first, last, rest = swallowed[0]
        more = f" (and {len(swallowed) - 1} more such place(s))" if len(swallowed) > 1 else ""
        raise UnreadableFile(
            f"a value starting with a double quote on line {first + skipped_lines} is only "
            f"closed on line {last + skipped_lines} by a quote followed by {rest!r} (an inch "
            f"mark?), so lines {first + skipped_lines}-{last + skipped_lines} would be read as "
            f"one value and their rows lost{more}; remove the stray quote at the start of "
            "the value, or write a quote inside a quoted value as \"\""
        )
    pandas_encoding = "cp1252" if encoding == "cp1252" else "utf-8"
    if encoding == "cp1252":
        for byte, at in _undefined_cp1252_bytes(data, high_seen[0] if high_seen else None,
                                                cut):
            line_problems.append((data.count(b"\n", 0, at) + 1 + skipped_lines, None,
                                  f"byte 0x{byte.hex().upper()} has no meaning in "
                                  "Windows-1252; read as '\ufffd': check the value", "line"))
    frame: pd.DataFrame | None = None
    if well_formed:  # every reader splits such a file alike: Arrow's reader, in C, threaded
        frame = _arrow_csv_frame(data, delimiter, pandas_encoding,
                                 False if quote_free else None)
    if frame is None and b"\r" in data and b"\n" in data:  # not a grid: a bare CR in a value?
        data, lone = _lone_carriage_returns(data, skipped_lines + 1)
        if lone:
            warnings += lone
            if well_formed:
                frame = _arrow_csv_frame(data, delimiter, pandas_encoding,
                                         False if quote_free else None)
    grid = frame is not None  # Arrow read it: every line has the header's number of values
    try:
        frame = frame if frame is not None else pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            encoding=pandas_encoding,
            encoding_errors="replace",
            quotechar='"',
            doublequote=True,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), encoding, delimiter)
    except (pd.errors.ParserError, ValueError):
        frame = None  # ragged rows or odd quoting: the csv module below copes

    starts_bytes = None
    if frame is not None:
        if grid and (quote_free or b'"' not in data):
            # no quotes: every line break ends a record (Arrow has read them all)
            records = _count_line_feeds(data) + (not data.endswith(b"\n"))
            starts = np.arange(records, dtype=np.int64)
        else:
            starts, starts_bytes = _record_starts(data)
        if len(starts) != len(frame):
            frame = None
    if frame is None:
        raw_table = _read_csv_with_csv_module(path, sha, data, pandas_encoding, encoding,
                                              delimiter, skipped_lines)
        raw_table.warnings[:0] = warnings
        raw_table.line_problems[:0] = line_problems
        raw_table.headings = headings
        return raw_table

    lines = starts + 1 + skipped_lines
    header = [str(v) for v in frame.iloc[0].tolist()]
    body = frame.iloc[1:]
    lines = lines[1:]
    keep = _nonblank_rows([body[c] for c in body.columns])
    if keep.all():  # no blank line: the columns as they are, without copying them
        columns = [body[c].reset_index(drop=True) for c in body.columns]
        columns = [c.fillna("") if c.hasnans else c for c in columns]
    else:
        columns = [body[c][keep].reset_index(drop=True).fillna("") for c in body.columns]
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    kept_lines = lines[keep]
    values = (np.full(len(kept_lines), width) if grid
              else _short_records(data, starts_bytes, delimiter, width)[1:][keep])
    for line, count in zip(kept_lines[values < width], values[values < width]):
        line_problems.append((int(line), None,
                              f"the line has {int(count)} value(s) but the header has {width} "
                              "columns: the line may be cut off; the missing values are read "
                              "as empty", "line"))
    _check_cell_sizes(columns, header, kept_lines)
    return RawTable(path, sha, header, columns, kept_lines, encoding, delimiter,
                    warnings=warnings, line_problems=line_problems, headings=headings)


#: Arrow reads at most this many columns as text (more columns: pandas' reader)
_ARROW_MAX_COLUMNS = 1024
#: Arrow's CSV reader takes a file of up to this many bytes as one block (its block size
#: is a 32-bit number); a bigger file is read in blocks of this size
_ARROW_BLOCK_MAX = 1 << 30


def _arrow_block_size(size: int) -> int:
    """The block size that has Arrow read ``size`` bytes as one block (at least 1 MiB,
    at most :data:`_ARROW_BLOCK_MAX`)."""
    return min(max(size + 1, 1 << 20), _ARROW_BLOCK_MAX)


def _arrow_csv_frame(data: bytes, delimiter: str, encoding: str,
                     quoted: bool | None = None) -> pd.DataFrame | None:
    """The file's cells as pandas' C reader gives them (every line a row, the header
    included, text as is, empty cells ``''``), read by Arrow's CSV reader: several times
    faster, and it keeps the text in Arrow memory, where ingest's column operations run.

    Only for files whose quotes are well formed (see :func:`_quotes_well_formed`); ``None``
    when pyarrow is not installed or the file is not a plain grid (rows of different
    lengths, blank lines in a file of several columns): then pandas reads it as before.
    ``quoted``: whether ``data`` holds a double quote (``None``: look).
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    # Windows-1252 is read as bytes and each column turned into UTF-8 afterwards (most
    # columns are ASCII and need nothing); UTF-8 was checked when the encoding was found
    cp1252 = encoding == "cp1252"
    if not cp1252 and encoding != "utf-8":
        data = data.decode(encoding, errors="replace").encode("utf-8")
    names = [f"f{i}" for i in range(_ARROW_MAX_COLUMNS)]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            # the file as one block (up to _ARROW_BLOCK_MAX), so each column comes out as
            # one chunk: blocks of 1 MiB were parsed on both cores, but every column's
            # blocks then had to be joined (_one_text_chunk), a second copy of the file in
            # fresh memory whose page faults cost more than the parallel parse saved
            # (contracts of large: 1.11 -> 0.80 s CPU, 1.03 -> 0.70 s wall, median of 6)
            read_options=pacsv.ReadOptions(autogenerate_column_names=True,
                                           block_size=_arrow_block_size(len(data))),
            # a file without a quote cannot hold a line break inside a value, and then
            # Arrow may cut blocks at any line break instead of following the quotes
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"',
                                             double_quote=True, escape_char=False,
                                             newlines_in_values=(b'"' in data if quoted
                                                                 is None else quoted),
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                # large types: what pandas' ``str`` holds, so no column is cast again
                column_types=dict.fromkeys(names, pa.large_binary() if cp1252
                                           else pa.large_string()),
                strings_can_be_null=False, quoted_strings_can_be_null=False,
                check_utf8=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # rows of other lengths, ...: pandas' reader copes
    if table.num_columns >= _ARROW_MAX_COLUMNS:
        return None
    from ingest.column_ops import submit_for

    # each column as one chunk of text, a big file's columns in parallel (numpy and
    # Arrow's copy release the GIL)
    submit = submit_for(table.num_rows)
    jobs = [submit(_one_text_chunk, table.column(i), cp1252) for i in range(table.num_columns)]
    del table  # each column's blocks are freed once it is joined
    return pd.DataFrame({i: pd.Series(pd.array(job.result(), dtype="str"))
                         for i, job in enumerate(jobs)})


def _one_text_chunk(col, cp1252: bool):  # (pyarrow.ChunkedArray, bool) -> pyarrow.ChunkedArray
    """A column as Arrow read it, as one chunk of UTF-8 text: the column operations
    downstream (``arrow_array``) would otherwise join the blocks again on every call.
    ``cp1252``: the blocks hold Windows-1252 bytes, turned into UTF-8 first."""
    import pyarrow as pa

    if cp1252:  # joined first, so a column that needs converting is copied once
        joined = col.combine_chunks() if col.num_chunks > 1 else col.chunks
        return pa.chunked_array([_cp1252_chunk_to_utf8(joined)] if col.num_chunks > 1
                                else [_cp1252_chunk_to_utf8(c) for c in joined],
                                type=pa.large_string())
    return pa.chunked_array([col.combine_chunks()]) if col.num_chunks > 1 else col


def _check_cell_sizes(columns: list[pd.Series], header: list[str] | None = None,
                      lines: np.ndarray | None = None) -> None:
    """Refuse the file when a value is longer than :data:`MAX_CELL_CHARS`; with the
    ``header`` and the rows' ``lines``, the message names the line and column to look at
    (a 3 MB description is found in a second, not by scrolling through the export)."""
    for i, col in enumerate(columns):
        if len(col) and getattr(col.dtype, "storage", None) == "pyarrow":
            # a value has at most as many characters as UTF-8 bytes
            import pyarrow as pa
            import pyarrow.compute as pc

            longest = pc.max(pc.binary_length(pa.array(col.array))).as_py()
            if longest is None or longest <= MAX_CELL_CHARS:
                continue
        if len(col) and int(col.str.len().max()) > MAX_CELL_CHARS:
            at = int(np.argmax(col.str.len().fillna(0).to_numpy()))
            if header is not None and lines is not None and i < len(header) and at < len(lines):
                raise UnreadableFile(
                    f"on line {int(lines[at])} the value of column {header[i].strip()!r} is "
                    f"longer than {MAX_CELL_CHARS:,} characters (the field-size limit); no "
                    "export holds such a value: a quote probably runs on, or binary data was "
                    "pasted in; check the file")
            raise UnreadableFile(
                f"a value is longer than {MAX_CELL_CHARS:,} characters (the field-size limit); "
                "no export holds such a value: a quote probably runs on, or binary data was "
                "pasted in; check the file"
            )


def _filled_values(column: pd.Series) -> np.ndarray:
    """``(column.fillna("").str.strip() != "")`` of an Arrow-backed text column: a value
    that starts with a printable ASCII character is filled, so only the others (empty,
    missing, or starting with a space, a control or a non-ASCII byte) are stripped."""
    from ingest.column_ops import arrow_array

    arr = arrow_array(column)
    if arr is None or not len(arr):
        return (column.fillna("").str.strip() != "").to_numpy(dtype=bool, copy=True)
    import pyarrow as pa
    import pyarrow.compute as pc

    wide = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    _, offsets_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64 if wide else np.int32)[
        arr.offset : arr.offset + len(arr) + 1]
    starts = offsets[:-1]
    if data_buf is None or not len(data_buf):
        doubtful = np.ones(len(arr), dtype=bool)
    else:
        first = np.take(np.frombuffer(data_buf, dtype=np.uint8), starts, mode="clip")
        first -= 0x21  # (byte - 0x21) mod 256 >= 0x5E: up to the space, or from 0x7F
        doubtful = (first >= 0x5E) | (offsets[1:] == starts)
        if arr.null_count:
            doubtful |= arr.is_null().to_numpy(zero_copy_only=False)
    keep = ~doubtful
    look = np.flatnonzero(doubtful)
    if len(look):
        stripped = pc.utf8_trim_whitespace(pc.fill_null(arr.take(look), ""))
        keep[look] = pc.not_equal(stripped, "").to_numpy(zero_copy_only=False)
    return keep


def _nonblank_rows(columns: list[pd.Series]) -> np.ndarray:
    """Mask of rows with at least one non-blank value (blank lines and ``;;;`` are dropped).

    Checks the first column for all rows, the rest only where the first is empty.
    """
    if not columns:
        return np.zeros(0, dtype=bool)
    if all(getattr(c.dtype, "storage", None) == "pyarrow" for c in columns):
        # vectorised on Arrow strings; the other columns only where the first is blank
        keep = _filled_values(columns[0])
        candidates = np.flatnonzero(~keep)
        for col in columns[1:]:
            if not len(candidates):
                break
            filled = (col.iloc[candidates].fillna("").str.strip() != "").to_numpy(dtype=bool)
            keep[candidates[filled]] = True
            candidates = candidates[~filled]
        return keep
    first = columns[0].to_numpy(dtype=object)
    keep = np.ones(len(first), dtype=bool)
    blank_first = np.fromiter(
        (not (isinstance(v, str) and v.strip()) for v in first), dtype=bool, count=len(first)
    )
    candidates = np.flatnonzero(blank_first)
    if len(candidates):
        filled = np.zeros(len(candidates), dtype=bool)
        for col in columns[1:]:
            values = col.to_numpy(dtype=object)[candidates]
            filled |= np.fromiter(
                (isinstance(v, str) and bool(v.strip()) for v in values), dtype=bool,
                count=len(values),
            )
        keep[candidates] = filled
    return keep


def _read_csv_with_csv_module(
    path: Path,
    sha: str,
    data: bytes,
    pandas_encoding: str,
    encoding: str,
    delimiter: str,
    skipped_lines: int,
) -> RawTable:
    """The slow, tolerant path: rows of any length, lines tracked by the csv module."""
    # line ends as they are: StringIO(newline="") ends a line at CR LF, LF and CR alike, and
    # a quoted value keeps its own CR LF, as the Arrow and pandas readers keep it
    text = data.decode(pandas_encoding, errors="replace")
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    rows: list[list[str]] = []
    starts: list[int] = []
    previous = 0
    try:
        for record in reader:
            if record and any(v.strip() for v in record):
                rows.append(record)
                starts.append(previous + 1 + skipped_lines)
            previous = reader.line_num
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(
                f"near line {reader.line_num + skipped_lines} a value is longer than "
                f"{MAX_CELL_CHARS:,} characters (the field-size limit); no export holds such "
                "a value: a quote probably runs on; check the quotes on that line"
            ) from None
        raise UnreadableFile(
            f"the file cannot be read as CSV near line {reader.line_num + skipped_lines} "
            f"({exc}); check the quotes on that line"
        ) from None
    if not rows:
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), encoding, delimiter)
    header = rows[0]
    width = len(header)
    problems: list[tuple[int, str]] = []
    line_problems: list[tuple[int, str | None, str, str]] = []
    body = rows[1:]
    while width and not header[width - 1].strip():
        width -= 1
    header = header[:width]
    for pos, row in enumerate(body):
        if len(row) > width:
            extra = row[width:]
            if any(v.strip() for v in extra):
                message = (
                    f"the line has {len(row)} values but the header has {width} columns; a "
                    f"value probably holds an unquoted '{_show_delim(delimiter)}': put such "
                    "values in double quotes"
                )
                problems.append((pos, message))
            body[pos] = row[:width]
        elif len(row) < width:
            line_problems.append((starts[pos + 1], None,
                                  f"the line has {len(row)} value(s) but the header has {width} "
                                  "columns: the line may be cut off; the missing values are "
                                  "read as empty", "line"))
            body[pos] = row + [""] * (width - len(row))
    columns = [
        pd.Series(list(col) if body else [], dtype="str")
        for col in (zip(*body) if body else [[] for _ in range(width)])
    ]
    return RawTable(
        path,
        sha,
        header,
        columns,
        np.asarray(starts[1:], dtype=np.int64),
        encoding,
        delimiter,
        problems,
        line_problems=line_problems,
    )


def _show_delim(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


# ---------------------------------------------------------------------------- xlsx


def cell_text(value: object) -> str:
    """The text of an Excel cell value as an export would have written it.

    Whole numbers lose the ``.0`` Excel gives them (an id typed as 7 stays ``7``); a
    date cell becomes an ISO date.

    >>> cell_text(7.0), cell_text(dt.datetime(2024, 3, 1)), cell_text(None), cell_text(2.5)
    ('7', '2024-03-01', '', '2.5')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: an .xlsx whose parts unpack to more than this is refused (a "zip bomb", or a sheet no
#: export needs); about ten million filled cells
MAX_XLSX_UNPACKED = 2 * 2**30
#: a file under a workbook's name larger than this is refused (or, named after no table,
#: passed over) by its size, before it is read: a workbook's parts never take less room
#: unpacked than packed, so no workbook within :data:`MAX_XLSX_UNPACKED` is larger
MAX_WORKBOOK_FILE = MAX_XLSX_UNPACKED
#: and so is a part that unpacks to more than this many times its packed size while
#: being large (real sheets compress about 5 to 20 times)
MAX_XLSX_RATIO = 200


#: a sheet whose cells reach further than this many cells from A1 (last row times last
#: column) is refused before it is read: the reader makes a cell for every position up to
#: the last, so one value in XFD1048576 of a 5 KB workbook asked for 17 billion cells (512
#: GiB) and ended the process; an export within :data:`MAX_XLSX_UNPACKED` fills about ten
#: million at most
MAX_SHEET_CELLS = 2**24
#: a cell's column and a cell's or row's number as Excel and every library write them
#: (``<c r="XFD1048576"``, ``<row r="9"``), for the quick first look of
#: :func:`check_sheet_extent`: a pattern that starts with a literal is searched for at the
#: speed of a byte search (a 2 MB sheet in some 10 ms, a quarter of calamine's reading)
_CELL_COLUMN = re.compile(rb' r="([A-Z]+)')
_ROW_OF_CELL = re.compile(rb' r="[A-Z]*([0-9]+)"')
#: a row and its cells, a cell and its body, whether a body holds a value
_ROW_BLOCK = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL_BLOCK = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")
_REF_PARTS = re.compile(rb'\br="([A-Z]*)([0-9]*)"')


def _column_number(letters: bytes) -> int:
    """``b"A"`` -> 1, ``b"XFD"`` -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _sheet_blocks(archive: zipfile.ZipFile, part: str, end: bytes) -> Iterator[bytes]:
    """The XML of a sheet in pieces of about :data:`_XML_CHUNK` that each end with
    ``end`` (a whole row, a whole tag), so none is held in memory at once."""
    leftover = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(_XML_CHUNK)
            buffer = leftover + chunk
            cut = len(buffer) if not chunk else buffer.rfind(end) + len(end)
            if cut < len(end):
                cut = 0
            block, leftover = buffer[:cut], buffer[cut:]
            yield block
            if not chunk:
                return


def _valued_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """The last row and column (1-based) that hold a value, as the reader places the
    cells: by their ``r``, or after the cell (row) before.  A cell with no value (only a
    style: a border drawn down a whole column) takes no place."""
    last_row = last_col = row = 0
    for block in _sheet_blocks(archive, part, b"</row>"):
        for rm in _ROW_BLOCK.finditer(block):
            ref = _REF_PARTS.search(rm.group(1))
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            col = 0
            for cm in _CELL_BLOCK.finditer(rm.group(2) or b""):
                ref = _REF_PARTS.search(cm.group(1))
                col = _column_number(ref.group(1)) if ref and ref.group(1) else col + 1
                if _HAS_VALUE.search(cm.group(2) or b""):
                    cell_row = int(ref.group(2)) if ref and ref.group(2) else row
                    last_row, last_col = max(last_row, cell_row), max(last_col, col)
    return last_row, last_col


def check_sheet_extent(archive: zipfile.ZipFile, part: str | None, name: str) -> None:
    """Refuse the sheet at ``part`` when its values reach beyond :data:`MAX_SHEET_CELLS`
    (see there), naming the furthest row and column so the stray value can be found and
    deleted.  A quick look at every position in the XML first (the last row and column
    named anywhere: far within the limit for every export); only a sheet that names a
    position beyond it is looked at cell by cell, where a cell without a value does not
    count, as the reader passes it over."""
    if part is None or part not in archive.namelist():
        return
    last_row = last_col = 0
    for block in _sheet_blocks(archive, part, b">"):
        cols = _CELL_COLUMN.findall(block)
        if (len(cols) != block.count(b"<c ") + block.count(b"<c>")
                or b'\nr="' in block or b'\tr="' in block or b'\rr="' in block):
            # a cell without its position (placed after the one before), one written
            # otherwise (``<x:c``, a line break before ``r``): looked at cell by cell
            last_row = last_col = MAX_SHEET_CELLS
            break
        if cols:  # a column's letters repeat on every row: the distinct ones are few
            last_col = max(last_col, max(map(_column_number, set(cols))))
        rows = set(_ROW_OF_CELL.findall(block))
        if rows:
            last_row = max(last_row, max(map(int, rows)))
    if last_row * last_col <= MAX_SHEET_CELLS:
        return
    last_row, last_col = _valued_extent(archive, part)
    if last_row * last_col > MAX_SHEET_CELLS:
        raise UnreadableFile(
            f"sheet {name!r} has values up to row {last_row:,} and column {last_col:,}: "
            f"{last_row * last_col:,} cells to read, more than the {MAX_SHEET_CELLS:,} of a "
            "workbook this tool reads (a value typed far below or to the right of the "
            "table); delete the rows and columns beyond the table, or save the sheet as CSV")


def _biff12_records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """The records of an .xlsb part (MS-XLSB 2.1.4): (type, start of its data, its size).
    A record's type takes one or two bytes and its size one to four, seven bits each, the
    high bit saying another byte follows.  A record cut short ends the iteration."""
    pos, end = 0, len(data)
    while pos < end:
        kind = data[pos]
        pos += 1
        if kind & 0x80:
            if pos >= end:
                return
            kind = (kind & 0x7F) | ((data[pos] & 0x7F) << 7)
            pos += 1
        size, shift = 0, 0
        for _ in range(4):
            if pos >= end:
                return
            byte = data[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if pos + size > end:
            return
        yield kind, pos, size
        pos += size


#: .xlsb records: a row's header (its row number first), the cells that hold a value (the
#: column first; a blank cell, 0x01, is passed over by the reader), and the sheet data's
#: end
_BRT_ROW_HDR = 0x0000
_BRT_VALUE_CELLS = frozenset(range(0x0002, 0x000C))
_BRT_END_SHEET_DATA = 0x0092
#: the workbook's sheet list entry (BrtBundleSh): state, tab id, relation id, name
_BRT_BUNDLE_SH = 0x009C


def _wide_string(data: bytes, pos: int) -> tuple[str, int]:
    """An XLWideString at ``pos``: a 32-bit count of UTF-16 characters, then them."""
    count = int.from_bytes(data[pos:pos + 4], "little")
    text = data[pos + 4:pos + 4 + 2 * count].decode("utf-16-le", errors="replace")
    return text, pos + 4 + 2 * count


def _xlsb_sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(name, zip part) of each sheet of an .xlsb workbook, in the workbook's order, from
    its sheet list (``xl/workbook.bin``) and relations (``xl/_rels/workbook.bin.rels``)."""
    try:
        book = archive.read("xl/workbook.bin")
        rels = archive.read("xl/_rels/workbook.bin.rels").decode("utf-8", errors="replace")
    except KeyError:
        return []
    targets = dict(re.findall(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update((i, t) for t, i in re.findall(
        r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels))
    out = []
    for kind, start, size in _biff12_records(book):
        if kind != _BRT_BUNDLE_SH or size < 12:
            continue
        rel, after = _wide_string(book, start + 8)
        name, _ = _wide_string(book, after)
        target = targets.get(rel)
        part = None if target is None else (target.lstrip("/") if target.startswith("/")
                                            else "xl/" + target)
        out.append((name, part))
    return out


def _xlsb_valued_extent(data: bytes) -> tuple[int, int]:
    """The last row (its row header's number) and the furthest column of the cells that
    hold a value in an .xlsb sheet part, 1-based; (0, 0) for none.  :func:`_biff12_records`
    written out in one loop with a fast path for the one-byte type and size nearly every
    record has: a sheet of 600,000 cells in some 0.3 s instead of 0.8 s."""
    pos, end = 0, len(data)
    row = last_row = last_col = 0
    little = int.from_bytes
    try:
        while pos < end:
            kind = data[pos]
            if kind & 0x80:
                kind = (kind & 0x7F) | ((data[pos + 1] & 0x7F) << 7)
                pos += 2
            else:
                pos += 1
            size = data[pos]
            pos += 1
            if size & 0x80:
                size &= 0x7F
                for shift in (7, 14, 21):
                    byte = data[pos]
                    pos += 1
                    size |= (byte & 0x7F) << shift
                    if not byte & 0x80:
                        break
            if kind == _BRT_ROW_HDR:
                row = little(data[pos:pos + 4], "little")
            elif 0x0002 <= kind <= 0x000B:  # :data:`_BRT_VALUE_CELLS`
                col = little(data[pos:pos + 4], "little")
                if col >= last_col:
                    last_col = col + 1
                if row >= last_row:
                    last_row = row + 1
            elif kind == _BRT_END_SHEET_DATA:
                break
            pos += size
    except IndexError:  # a record cut short: what came before counts
        pass
    return last_row, last_col


def check_workbook_extent(archive: zipfile.ZipFile, names: list[str]) -> None:
    """Refuse a workbook (.xlsx, .xlsm or .xlsb) one of whose sheets reaches beyond
    :data:`MAX_SHEET_CELLS`, before calamine reads any of its cells: the reader makes a
    cell for every position up to the last valued one, even to look at a sheet's first
    rows (a value in XFD1048576 aborts the process).  ``names``: the workbook's sheets."""
    listed = archive.namelist()
    if "xl/workbook.xml" in listed:
        for index, one in enumerate(names):
            check_sheet_extent(archive, _sheet_part(archive, index), one)
    elif "xl/workbook.bin" in listed:
        check_xlsb_extent(archive)


def check_xlsb_extent(archive: zipfile.ZipFile) -> None:
    """:func:`check_sheet_extent` for an .xlsb workbook: the reader makes a cell for every
    position up to the last valued one as it does for .xlsx, so a sheet whose values
    reach beyond :data:`MAX_SHEET_CELLS` is refused before it is read.  Its rows and
    cells are binary records: the last row header's number and the furthest column of a
    cell that holds a value are read from them (a sheet part that is no sheet of the
    workbook's list is looked at too, under its part's name)."""
    listed = _xlsb_sheet_parts(archive)
    named = {part for _, part in listed if part}
    parts = listed + [(p.rsplit("/", 1)[-1], p) for p in archive.namelist()
                      if p.startswith("xl/worksheets/") and p.endswith(".bin")
                      and p not in named]
    for name, part in parts:
        if part is None or part not in archive.namelist():
            continue
        last_row, last_col = _xlsb_valued_extent(archive.read(part))
        if last_row * last_col > MAX_SHEET_CELLS:
            raise UnreadableFile(
                f"sheet {name!r} has values up to row {last_row:,} and column {last_col:,}: "
                f"{last_row * last_col:,} cells to read, more than the {MAX_SHEET_CELLS:,} "
                "of a workbook this tool reads (a value typed far below or to the right of "
                "the table); delete the rows and columns beyond the table, or save the sheet "
                "as CSV")


def _check_zip(raw: bytes) -> zipfile.ZipFile:
    """Open the workbook as a zip and refuse it before anything is unpacked when its
    parts would unpack to more than the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        # the kind of error only, as below: zipfile's own text ('File is not a zip file')
        # is English in a Dutch run
        raise UnreadableFile(
            f"the workbook cannot be opened ({type(exc).__name__}); open it in Excel "
            "and save it again as .xlsx, or export the sheet as CSV"
        ) from None
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    if total > MAX_XLSX_UNPACKED or (
        worst is not None and worst.file_size > 64 * 2**20
        and worst.file_size / max(worst.compress_size, 1) > MAX_XLSX_RATIO
    ):
        raise UnreadableFile(
            f"the workbook would unpack to {total / 2**30:.1f} GiB from {len(raw) / 2**20:.1f} "
            f"MiB (limit {MAX_XLSX_UNPACKED / 2**30:.0f} GiB, and at most {MAX_XLSX_RATIO} "
            "times its packed size): it is damaged or not an export; export the table again, "
            "or as CSV"
        )
    return archive


def _sheet_part(archive: zipfile.ZipFile, index: int) -> str | None:
    """The zip part (``xl/worksheets/sheet1.xml``) of the sheet at ``index``."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    except KeyError:
        return None
    ids = re.findall(r'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"', book)
    if index >= len(ids):
        return None
    m = re.search(r'<Relationship\b[^>]*?Id="' + re.escape(ids[index]) + r'"[^>]*?Target="([^"]+)"',
                  rels) or re.search(r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="'
                                     + re.escape(ids[index]) + '"', rels)
    if not m:
        return None
    target = m.group(1).lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
#: how much sheet XML the formula check holds at once
_XML_CHUNK = 1 << 23
_STORED_VALUE = re.compile(rb"<v>[^<]|<is>")
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_HIDDEN_ATTR = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


def _hidden_rows(xml: bytes) -> list[int]:
    """The numbers of the rows a sheet's XML marks hidden (``<row r="5" hidden="1">``: a
    filter, or rows hidden by hand)."""
    out = []
    for m in _ROW_TAG.finditer(xml):
        if _HIDDEN_ATTR.search(m.group(1)) and (r := _ROW_NUMBER.search(m.group(1))):
            out.append(int(r.group(1)))
    return out


def _formulas_without_value(archive: zipfile.ZipFile, part: str | None,
                            hidden: list[int] | None = None
                            ) -> list[tuple[int, int, str, str | None]]:
    """(row, column index, cell reference, error) of every formula cell that has no stored
    result (error None): Excel shows a value, but the file holds only the formula (written
    by a tool that does not calculate), so a reader sees an empty cell; and of every cell
    that holds an Excel error value (``#N/B``, ``#DEEL/0!``), which a reader also sees as
    empty.  ``hidden`` gets the numbers of the rows the sheet hides, found in the same
    pass over its XML."""
    if part is None:
        return []
    out: list[tuple[int, int, str]] = []
    try:
        stream = archive.open(part)
    except KeyError:
        return []
    leftover = b""
    with stream:  # in chunks of whole rows: a large sheet is never held in memory at once
        while True:
            chunk = stream.read(_XML_CHUNK)
            buffer = leftover + chunk
            cut = len(buffer) if not chunk else buffer.rfind(b"</row>") + len(b"</row>")
            if cut < len(b"</row>"):
                cut = 0
            block, leftover = buffer[:cut], buffer[cut:]
            if b"<f" in block or b't="e"' in block:
                out.extend(_formula_cells(block))
            if hidden is not None and b"hidden=" in block:
                hidden.extend(_hidden_rows(block))
            if not chunk:
                break
    return out


def _formula_cells(xml: bytes) -> list[tuple[int, int, str, str | None]]:
    """(row, column index, cell reference, Excel error or None) of the cells that hold no
    usable value: a formula without a stored result, or an error value (``#N/B``, which
    calamine reads as an empty cell)."""
    out = []
    for m in _CELL.finditer(xml):
        body = m.group(2) or b""
        error = None
        if _ERROR_TYPE.search(m.group(1)):
            v = _VALUE.search(body)
            error = v.group(1).decode("utf-8", "replace") if v else "#?"
        elif not (b"<f" in body and not _STORED_VALUE.search(body)):
            continue
        ref = _REF.search(m.group(1))
        if ref:
            letters = ref.group(1).decode()
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64
            out.append((int(ref.group(2)), col - 1, f"{letters}{ref.group(2).decode()}", error))
    return out


def _damaged_part_refused(read: Callable[..., list[RawTable]]) -> Callable[..., list[RawTable]]:
    """``read`` with a workbook part that does not unpack refused as a damaged workbook:
    the checks before calamine (a sheet's extent, hidden rows, formulas without a value)
    unpack parts with Python's zipfile, which raised BadZipFile ("Bad CRC-32", a byte
    changed in a download, or a zip that lies about a part's size), zlib.error or
    EOFError out of `coi validate` and `coi scan` as a traceback with exit 1."""

    @functools.wraps(read)
    def guarded(*args: Any, **kwargs: Any) -> list[RawTable]:
        try:
            return read(*args, **kwargs)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise UnreadableFile(
                f"the workbook cannot be opened ({type(exc).__name__}); open it in Excel and "
                "save it again as .xlsx, or export the sheet as CSV") from None

    return guarded


@_damaged_part_refused
def _read_xlsx(path: Path, sheet: str | tuple[str, ...] | None = None, header_row: int | None = None,
               spec=None, biff: bool = False) -> RawTable:
    """Read one sheet with calamine (Rust; an order of magnitude faster than openpyxl) and
    check the parts calamine does not report: formula cells without a stored result, and
    merged cells (their value is repeated over the merged range).  ``biff``: an Excel
    97-2003 ``.xls`` workbook (no zip parts to check; its error cells are found with
    :func:`_biff_error_cells`)."""
    import python_calamine

    try:
        with path.open("rb") as fh:
            # a file larger than any workbook unpacks to is refused before it is read: a
            # 3 GB file named .xlsx (a disk image, a sparse file) took 3.3 GB of memory
            # and 40 s only to be told it is no workbook
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_WORKBOOK_FILE:
                raise UnreadableFile(
                    f"the file is {size / 2**30:.1f} GiB, more than a workbook this tool "
                    f"reads unpacks to ({MAX_WORKBOOK_FILE / 2**30:.0f} GiB): it is damaged or "
                    "not an export; export the table again, or as CSV")
            raw = fh.read()
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror}); check permissions") from None
    sha = hashlib.sha256(raw).hexdigest()
    if path.suffix.lower() == ".ods" and not raw.startswith(b"PK"):
        raise UnreadableFile("the file is not an OpenDocument spreadsheet; open it in "
                             "LibreOffice or Excel and save it as .ods, .xlsx or CSV")
    if not biff and not raw.startswith(b"PK"):
        hint = (
            " (it looks like an old .xls workbook or a password-protected file)"
            if raw.startswith(b"\xd0\xcf\x11\xe0")
            else ""
        )
        kind = ".xlsb" if path.suffix.lower() == ".xlsb" else ".xlsx"
        raise UnreadableFile(
            f"the file is not an {kind} workbook{hint}; open it in Excel and save it as "
            ".xlsx (without a password) or as CSV"
        )
    archive = None if biff else _check_zip(raw)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds on damaged files
        raise UnreadableFile(
            f"the workbook cannot be opened ({type(exc).__name__}); open it in Excel and "
            "save it again as .xlsx, or export the sheet as CSV"
        ) from None
    names = list(workbook.sheet_names)
    if not names:
        raise UnreadableFile("the workbook has no sheets; put the table on the first sheet")
    if archive is not None:
        try:
            check_workbook_extent(archive, names)
        except UnreadableFile:
            workbook.close()
            raise
    warnings: list[str] = []
    try:
        if sheet is not None:  # one sheet, or several chosen in mapping.yaml
            chosen = []
            for one in ((sheet,) if isinstance(sheet, str) else sheet):
                index = _sheet_index(names, one)
                ws = workbook.get_sheet_by_index(index)
                chosen.append((index, ws.to_python(skip_empty_area=False),
                               ws.merged_cell_ranges))
        else:
            chosen = _table_sheets(workbook, names, spec, warnings)
        hidden_sheets = _hidden_sheets(workbook)
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet part; never a traceback
        raise UnreadableFile(
            f"sheet {names[0]!r} cannot be read ({type(exc).__name__}); open the workbook in "
            "Excel and save it again, or export the sheet as CSV"
        ) from None
    finally:
        workbook.close()
    parts = [_sheet_table(path, sha, raw, archive, index, names[index], rows, merged,
                          header_row, spec) for index, rows, merged in chosen]
    parts[0].warnings[:0] = warnings
    for part, (index, _, _) in zip(parts, chosen):
        if index in hidden_sheets and part.n_rows:
            part.warnings.append(HIDDEN_SHEET.format(sheet=names[index]))
    if len(parts) > 1:
        for part in parts:
            part.part = part.sheet
    return parts


#: a sheet the workbook hides whose rows are read: said, as hidden rows are
HIDDEN_SHEET = ("sheet {sheet!r} is hidden in the workbook; its rows are read as data like "
                "the others: delete the sheet from the export if it is not meant to be read")


def _hidden_sheets(workbook) -> set[int]:
    """The indexes of the sheets a workbook hides (hidden or "very hidden")."""
    import python_calamine

    try:
        return {i for i, meta in enumerate(workbook.sheets_metadata)
                if meta.visible != python_calamine.SheetVisibleEnum.Visible}
    except Exception:  # noqa: BLE001 - no metadata (an older calamine): nothing said
        return set()


def _table_sheets(workbook, names: list[str], spec, warnings: list[str]
                  ) -> list[tuple[int, list, list | None]]:
    """The sheets to read when none is chosen, as (index, rows, merged ranges): every
    sheet whose header names the table's columns as well as the best one does (a table
    kept on one sheet per year or administration), else the one whose header names most
    of them, else the first that holds data.  Says in ``warnings`` which were read."""
    first, best, found = None, -1, []
    for i in range(len(names)):
        ws = workbook.get_sheet_by_index(i)
        sheet_rows = ws.to_python(skip_empty_area=False)
        if not any(any(_filled(v) for v in row) for row in sheet_rows):
            continue
        first = i if first is None else first
        named = _header_column_set(sheet_rows, spec) if spec is not None else set()
        found.append((i, sheet_rows, ws.merged_cell_ranges, named))
        best = max(best, len(named))
        if spec is None or len(names) == 1:
            break
    if not found:
        return [(0, [], None)]
    best_set = next(named for *_, named in found if len(named) == best)
    required = {c.name for c in spec.columns if c.required} if spec is not None else set()
    together = [(i, r, m) for i, r, m, named in found
                if best >= 2 and len(named) >= best - 1
                and (required <= named or named == best_set)]
    if len(together) > 1:
        others = [repr(names[i]) for i, *_ in found if i not in {j for j, _, _ in together}]
        warnings.append(f"the table is on {len(together)} sheets, read as one table: "
                        + ", ".join(repr(names[i]) for i, _, _ in together)
                        + ("; the other sheets with data are not read: " + ", ".join(others)
                           if others else "")
                        + "; problems name the sheet after the file "
                        "(file[sheet]:line); to read one sheet only, choose it with --sheet "
                        "or in mapping.yaml")
        return together
    index, rows, merged, _ = next(f for f in found if len(f[3]) == best)
    if first is not None and index != first:
        warnings.append(f"sheet {names[index]!r} is read: its header names the "
                        f"table's columns, the first sheet with data "
                        f"({names[first]!r}) does not (choose another with --sheet "
                        "or in mapping.yaml)")
    elif index > 0:
        warnings.append(f"the first sheet ({names[0]!r}) is empty; sheet "
                        f"{names[index]!r} is read "
                        "(choose another with --sheet or in mapping.yaml)")
    elif len(found) > 1:  # sheets without data (Excel's empty Blad2, Blad3) go unsaid
        others = ", ".join(repr(names[i]) for i, *_ in found if i != index)
        warnings.append(f"sheet {names[index]!r} is read; the other sheets with data are not "
                        f"read: {others} (choose another with --sheet or in mapping.yaml)")
    return [(index, rows, merged)]


def _sheet_table(path: Path, sha: str, raw: bytes, archive: zipfile.ZipFile | None,
                 index: int, name: str, rows: list, merged: list | None,
                 header_row: int | None, spec, formulas: list | None = None) -> RawTable:
    """One sheet as a table: header found below title rows, formula cells without a
    stored result and error cells reported, merged cells filled.  ``formulas``: the
    (row, column, reference, error) cells to report, when the caller knows them (a
    markup export has none); else found in the workbook's parts."""
    warnings: list[str] = []
    rows = [list(r) for r in rows]
    if archive is None or _parts_hold_invisible(  # content.xml: an OpenDocument workbook's
            archive, ("xl/sharedStrings", "content.xml", _sheet_part(archive, index))):
        rows, said = _cells_without_invisible(rows)
        warnings.extend(said)
    line_problems: list[tuple[int, str | None, str, str]] = []
    hidden: list[int] = []
    if formulas is None:
        if archive is None:  # an Excel 97-2003 workbook
            formulas = _biff_error_cells(raw, index)
            hidden = _biff_hidden_rows(raw, index)
        else:
            part = _sheet_part(archive, index)
            formulas = _formulas_without_value(archive, part, hidden)
            if part is None and "content.xml" in archive.namelist():  # an OpenDocument one
                hidden = _ods_hidden_rows(archive, index)
    # each merged range is filled cell by cell below: one that reaches far beyond the table
    # (P10:XFD1048576, 17 billion cells) ended the process in a MemoryError
    spread = sum((r1 - r0 + 1) * (c1 - c0 + 1) for (r0, c0), (r1, c1) in (merged or []))
    if spread > MAX_SHEET_CELLS:
        raise UnreadableFile(
            f"sheet {name!r} merges {spread:,} cells, more than the {MAX_SHEET_CELLS:,} of a "
            "workbook this tool reads (a merged range that reaches far below or to the right "
            "of the table); unmerge the cells beyond the table, or save the sheet as CSV")
    formula_rows = {r for r, _, _, _ in formulas}
    last = max([len(rows), *formula_rows, *((r1 + 1) for (_, _), (r1, _) in (merged or []))])
    rows.extend([] for _ in range(last - len(rows)))  # rows calamine saw as empty
    if merged:
        for (r0, c0), (r1, c1) in merged:
            value = rows[r0][c0] if c0 < len(rows[r0]) else None
            for r in range(r0, r1 + 1):
                if len(rows[r]) <= c1:
                    rows[r].extend([None] * (c1 + 1 - len(rows[r])))
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        rows[r][c] = value
        warnings.append(f"{len(merged)} merged cell range(s): each value is repeated over "
                        "its merged cells")
    numbers = [n for n, row in enumerate(rows, start=1)
               if n in formula_rows or any(_filled(v) for v in row)]
    if not numbers:
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), warnings=warnings,
                        sheet=name)
    if header_row is not None:
        start = next((k for k, n in enumerate(numbers) if n >= header_row), 0)
    else:
        start = find_header_row([[cell_text(v) for v in rows[n - 1]] for n in numbers], spec)
        if (merged and start + 1 < len(numbers) and numbers[start + 1] == numbers[start] + 1
                and any(r0 == numbers[start] - 1 and r1 >= numbers[start]
                        for (r0, _), (r1, _) in merged)):
            # cells merged down over two rows: a header of two rows, whose second row
            # holds the columns under the first row's headings (see _under_group_headings)
            start += 1
    if start:
        titles = [" ".join(cell_text(v) for v in rows[n - 1] if _filled(v))
                  for n in numbers[:start]]
        warnings.append(_title_warning(numbers[start], titles))
    header_number = numbers[start]
    header = [cell_text(v) for v in rows[header_number - 1]]
    while header and not header[-1].strip():
        header.pop()
    if start and numbers[start - 1] == header_number - 1:  # a row of headings right above
        header, said = _under_group_headings(header, rows[header_number - 2], spec)
        if said:
            warnings.append("header cell(s) read with the heading above them: "
                            + ", ".join(said))
    width = len(header)
    _check_width(width)
    body_numbers = numbers[start + 1 :]
    problems: list[tuple[int, str]] = []
    body: list[list] = []
    for pos, number in enumerate(body_numbers):
        values = rows[number - 1]
        if len(values) > width:
            extra = values[width:]
            if any(_filled(v) for v in extra):
                problems.append((pos, f"the row has values in {sum(map(_filled, extra))} "
                                      "column(s) right of the last named column; give those "
                                      "columns a name in the header row or clear them"))
            values = values[:width]
        elif len(values) < width:
            values = values + [None] * (width - len(values))
        body.append(values)
    hidden_data = sorted({n for n in hidden if n > header_number} & set(body_numbers))
    if hidden_data:
        shown = ", ".join(map(str, hidden_data[:10])) + (", ..." if len(hidden_data) > 10 else "")
        warnings.append(f"{len(hidden_data)} row(s) are hidden in the workbook (line(s) {shown}: "
                        "a filter, or rows hidden by hand); they are read as data like the "
                        "others: delete them from the export if they are not meant to be read")
    for row_number, col, ref, error in formulas:
        if row_number > header_number and col < width:
            line_problems.append((row_number, header[col], excel_error_text(error, ref)
                                  if error else
                                  f"cell {ref} holds a formula whose result was never stored "
                                  "in the file (it was written by a program that does not "
                                  "calculate); open and save the workbook in Excel, or paste "
                                  "the values", "value"))
    columns = [pd.Series([r[i] if _filled(r[i]) else None for r in body], dtype=object)
               for i in range(width)]
    return RawTable(path, sha, header, columns, np.asarray(body_numbers, dtype=np.int64),
                    row_problems=problems, warnings=warnings, sheet=name,
                    line_problems=line_problems)


def _biff_error_cells(raw: bytes, index: int) -> list[tuple[int, int, str, str | None]]:
    """(row, column index, cell reference, error) of the error cells (``#N/A``) of sheet
    ``index`` of an Excel 97-2003 workbook: calamine reads them as empty cells; xlrd, the
    reader of that format, tells their type."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
        ws = book.sheet_by_index(index)
    except Exception:  # noqa: BLE001 - calamine read it; xlrd's view is only a check
        return []
    out = []
    for r in range(ws.nrows):
        for c, kind in enumerate(ws.row_types(r)):
            if kind == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(ws.cell_value(r, c), "#?")
                out.append((r + 1, c, f"{xlrd.formula.colname(c)}{r + 1}", text))
    return out


def _biff_hidden_rows(raw: bytes, index: int) -> list[int]:
    """The numbers of the rows sheet ``index`` of an Excel 97-2003 workbook hides (a
    filter, or rows hidden by hand), as xlrd reads its row records; calamine does not
    tell them."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True, formatting_info=True)
        ws = book.sheet_by_index(index)
    except Exception:  # noqa: BLE001 - calamine read it; xlrd's view is only a check
        return []
    return sorted(r + 1 for r, info in ws.rowinfo_map.items() if info.hidden)


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
#: the most rows a sheet of LibreOffice (and Excel) has
_ODS_MAX_ROWS = 1_048_576


def _ods_hidden_rows(archive: zipfile.ZipFile, index: int) -> list[int]:
    """The numbers of the rows sheet ``index`` of an OpenDocument workbook hides
    (``table:visibility="collapse"`` or ``"filter"`` on its rows: hidden by hand, or by a
    filter), counting rows a row element repeats (``table:number-rows-repeated``)."""
    import xml.etree.ElementTree as ET

    table, row, hidden = -1, 0, []
    try:
        with archive.open("content.xml") as stream:
            for event, element in ET.iterparse(stream, events=("start", "end")):
                if element.tag == _ODS_TABLE + "table" and event == "start":
                    table, row = table + 1, 0
                elif element.tag == _ODS_TABLE + "table-row" and event == "end":
                    if table == index:
                        repeated = int(element.get(_ODS_TABLE + "number-rows-repeated", "1"))
                        # a sheet has at most _ODS_MAX_ROWS rows: a hostile file whose rows
                        # each repeat a million times lists no more than that in all
                        repeated = max(0, min(repeated, _ODS_MAX_ROWS - row))
                        if element.get(_ODS_TABLE + "visibility", "visible") != "visible":
                            hidden.extend(range(row + 1, row + 1 + repeated))
                        row += repeated
                    element.clear()
                elif element.tag == _ODS_TABLE + "table" and event == "end" and table == index:
                    break
    except (KeyError, ET.ParseError, ValueError, OSError):
        return []
    return hidden


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _sheet_index(names: list[str], sheet: str) -> int:
    if sheet in names:
        return names.index(sheet)
    lowered = [n.lower().strip() for n in names]
    if sheet.lower().strip() in lowered:
        return lowered.index(sheet.lower().strip())
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return int(sheet) - 1
    raise UnreadableFile(f"the workbook has no sheet {sheet!r}; its sheets are "
                         + ", ".join(repr(n) for n in names))
