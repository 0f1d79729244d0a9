"""Find the table files in a data folder and read each into columns of raw cell values.

Nothing here interprets values: a CSV cell stays the text the file holds, an Excel cell
the Python value openpyxl gives (``datetime`` for a date cell, ``int``/``float`` for a
number).  What is read, and where each row came from, is kept exactly:

- ``lines`` holds every data row's physical line in the file (the line a record *starts*
  on, also when a quoted value holds a line break), or its sheet row number for xlsx;
- the encoding (UTF-8 with or without BOM, Windows-1252, or UTF-16 from Excel's
  "Unicode text") and the delimiter (``,``, ``;`` or tab, counted outside quotes on the
  header line) are detected per file.

CSV files are parsed by pandas' C reader, which takes about two seconds for a million
rows; line numbers then come from a vectorised scan of the bytes (a line break is a record
break when an even number of quotes precedes it).  When that scan and pandas disagree, or
a row has more values than the header, the file is read again with the ``csv`` module,
which is slower but tracks lines itself and tolerates ragged rows.

A file that cannot be read at all raises :class:`UnreadableFile` with a message for the
user; the caller turns it into a ``refuse_file`` problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "TABLE_FILE_SUFFIXES",
    "RawTable",
    "UnreadableFile",
    "cell_text",
    "detect_delimiter",
    "locate_table_files",
    "read_table_file",
]

TABLE_FILE_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")
_DELIMITERS: tuple[str, ...] = (";", ",", "\t")


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

    @property
    def n_rows(self) -> int:
        return len(self.lines)


def locate_table_files(data_dir: Path, names: list[str]) -> dict[str, list[Path]]:
    """The files in ``data_dir`` that hold each table: ``NAME.csv`` or ``NAME.xlsx``, any case.

    A table maps to every matching file, so the caller can refuse a folder with both
    ``employees.csv`` and ``employees.xlsx`` instead of guessing which one is current.
    """
    wanted = {f"{name}{suffix}": name for name in names for suffix in TABLE_FILE_SUFFIXES}
    found: dict[str, list[Path]] = {name: [] for name in names}
    for path in sorted(data_dir.iterdir()):
        name = wanted.get(path.name.lower())
        if name is not None and path.is_file():
            found[name].append(path)
    return found


def read_table_file(path: Path) -> RawTable:
    """Read one ``.csv`` or ``.xlsx`` file; raise :class:`UnreadableFile` when impossible."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    return _read_csv(path)


# ----------------------------------------------------------------------------- CSV


def _decode_guard(data: bytes, path: Path) -> tuple[bytes, str]:
    """Bytes pandas can read as UTF-8 or cp1252, plus the encoding found.

    Refuses binary files with a message saying what the file probably is.
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
    if b"\x00" in head:
        raise UnreadableFile(
            "the file is not a text (CSV) file: it holds binary data; export the table "
            "again as CSV or .xlsx"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        bom = True
    else:
        bom = False
    if data.isascii():
        return data, "utf-8-sig" if bom else "utf-8"
    try:
        data.decode("utf-8")
        return data, "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        return data, "cp1252"


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


def _record_starts(data: bytes) -> np.ndarray:
    """0-based line index where each CSV record starts (quote parity over line breaks)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(arr == 10)
    if b'"' in data:
        quotes = np.flatnonzero(arr == 34)
        before = np.searchsorted(quotes, newlines)
        separating = np.flatnonzero(before % 2 == 0)
    else:
        separating = np.arange(len(newlines))
    starts = np.concatenate([[0], separating + 1]).astype(np.int64)
    if len(data) == 0 or (len(newlines) and newlines[-1] == len(data) - 1 and (
        len(separating) and separating[-1] == len(newlines) - 1
    )):
        starts = starts[:-1]  # the file ends with a record break: no record after it
    return starts


def _unclosed_quote_line(data: bytes, delimiter: str) -> int | None:
    """1-based line of a quote that opens a value and is never closed, if any.

    Both CSV readers would silently read everything after such a quote as one value; the
    caller refuses the file instead, so no rows disappear unnoticed.  A quote inside a
    value (``5" pipes``) does not open a value and is left alone.
    """
    if data.count(b'"') % 2 == 0:
        return None
    arr = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(arr == 10)
    quotes = np.flatnonzero(arr == 34)
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


def _read_csv(path: Path) -> RawTable:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror}); check permissions") from None
    sha = hashlib.sha256(raw).hexdigest()
    data, encoding = _decode_guard(raw, path)
    del raw
    if b"\n" not in data and b"\r" in data:  # old Mac line ends
        data = data.replace(b"\r", b"\n")
    offset, skipped_lines = _first_content_line(data)
    data = data[offset:]
    if not data.strip():
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), encoding, None)
    delimiter = detect_delimiter(_header_text(data, encoding))
    unclosed = _unclosed_quote_line(data, delimiter)
    if unclosed is not None:
        raise UnreadableFile(
            f"a value starting with a double quote on line {unclosed + skipped_lines} is never "
            "closed, so the rest of the file would be read as one value; add the closing "
            "quote (or remove the stray one) and run again"
        )
    pandas_encoding = "cp1252" if encoding == "cp1252" else "utf-8"
    frame: pd.DataFrame | None
    try:
        frame = pd.read_csv(
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

    if frame is not None:
        starts = _record_starts(data)
        if len(starts) != len(frame):
            frame = None
    if frame is None:
        return _read_csv_with_csv_module(path, sha, data, pandas_encoding, encoding,
                                         delimiter, skipped_lines)

    lines = starts + 1 + skipped_lines
    header = [str(v) for v in frame.iloc[0].tolist()]
    body = frame.iloc[1:]
    lines = lines[1:]
    keep = _nonblank_rows([body[c] for c in body.columns])
    columns = [body[c][keep].reset_index(drop=True) for c in body.columns]
    return RawTable(path, sha, header, columns, lines[keep], encoding, delimiter)


def _nonblank_rows(columns: list[pd.Series]) -> np.ndarray:
    """Mask of rows with at least one non-blank value (blank lines and ``;;;`` are dropped).

    Checks the first column for all rows, the rest only where the first is empty.
    """
    if not columns:
        return np.zeros(0, dtype=bool)
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
    text = data.decode(pandas_encoding, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        raise UnreadableFile(
            f"the file cannot be read as CSV near line {reader.line_num + skipped_lines} "
            f"({exc}); check the quotes on that line"
        ) from None
    if not rows:
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), encoding, delimiter)
    header = rows[0]
    width = len(header)
    problems: list[tuple[int, str]] = []
    body = rows[1:]
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


def _read_xlsx(path: Path) -> RawTable:
    import openpyxl  # imported here: CSV-only runs need not load it

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"the file cannot be opened ({exc.strerror}); check permissions") from None
    sha = hashlib.sha256(raw).hexdigest()
    if not raw.startswith(b"PK"):
        hint = (
            " (it looks like an old .xls workbook or a password-protected file)"
            if raw.startswith(b"\xd0\xcf\x11\xe0")
            else ""
        )
        raise UnreadableFile(
            f"the file is not an .xlsx workbook{hint}; open it in Excel and save it as "
            ".xlsx (without a password) or as CSV"
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableFile(
            f"the workbook cannot be opened ({type(exc).__name__}: {exc}); open it in Excel "
            "and save it again as .xlsx, or export the sheet as CSV"
        ) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on damaged files
        raise UnreadableFile(
            f"the workbook cannot be opened ({type(exc).__name__}); open it in Excel and "
            "save it again as .xlsx, or export the sheet as CSV"
        ) from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile("the workbook has no sheets; put the table on the first sheet")
        sheet = workbook.worksheets[0]
        sheet_names = [ws.title for ws in workbook.worksheets]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # some writers store a wrong sheet size
        header: list[str] | None = None
        header_width = 0
        rows: list[tuple] = []
        lines: list[int] = []
        problems: list[tuple[int, str]] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not row or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            if header is None:
                cells = [cell_text(v) for v in row]
                while cells and not cells[-1].strip():
                    cells.pop()
                header = cells
                header_width = len(cells)
                continue
            values = tuple(row)
            if len(values) > header_width:
                extra = values[header_width:]
                if any(v is not None and cell_text(v).strip() for v in extra):
                    message = (
                        f"the row has values in {len(values) - header_width} column(s) right "
                        "of the last named column; give those columns a name in the header "
                        "row or clear them"
                    )
                    problems.append((len(rows), message))
                values = values[:header_width]
            elif len(values) < header_width:
                values = values + (None,) * (header_width - len(values))
            rows.append(values)
            lines.append(number)
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet part; never a traceback
        raise UnreadableFile(
            f"the first sheet cannot be read ({type(exc).__name__}); open the workbook in "
            "Excel and save it again, or export the sheet as CSV"
        ) from None
    finally:
        workbook.close()
    if header is None:
        warnings = []
        if len(sheet_names) > 1:
            warnings.append(
                f"the first sheet ({sheet_names[0]!r}) is empty; only the first sheet is read: "
                "move the table to the first sheet if it is on another one"
            )
        return RawTable(path, sha, [], [], np.zeros(0, np.int64), warnings=warnings)
    columns = [
        pd.Series([r[i] for r in rows], dtype=object) for i in range(header_width)
    ]
    return RawTable(path, sha, header, columns, np.asarray(lines, dtype=np.int64),
                    row_problems=problems)
