"""What ingest hands to the analyzer: typed tables with provenance, and every problem found.

Every table is a pandas DataFrame whose columns are the data contract's column names
(lower case), typed and normalised, plus:

- ``_line``: the 1-based line (CSV) or row (xlsx) in the source file, header = line 1;
  for a table split over several files, each file's lines are shifted past the previous
  file's (``SourceFile.line_offset``), so ``_line`` is unique over the table.  Evidence
  cites a row with :meth:`Dataset.cite`: ``contracts:12`` for a table read from one file,
  ``contracts:contracts_2024.xlsx:12`` (the file and its own line) for a split table.
- extra columns of the export, kept under their lower-cased, stripped names.

Value types after ingest (a missing value is ``None``/``NaT``/``NaN``/``<NA>``):

- identifiers and free text: ``str`` (``007`` stays ``007``), stripped;
- dates: ``datetime64[ns]`` (midnight);
- amounts and numbers: ``float64``;
- booleans: pandas ``boolean``;
- enumerations (role, relation, kind, status, org_type): the contract's lower-case code;
- ``iban``: compact upper case (``NL91ABNA0417164300``); ``kvk_number``: 8 digits;
  ``postcode``: ``1234AB``; ``house_number``: digits only, with any addition moved into
  ``house_number_addition`` (upper case, no separators: ``12-2`` -> ``12`` + ``2``);
  ``email``: lower case; ``phone``: E.164 (``+31612345678``).
  The same holds for the ``applicant_`` columns of allocations.
"""

from __future__ import annotations

import re

import bisect
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from ingest.detect_bsn import mask_bsn

__all__ = ["Dataset", "Problem", "SourceFile", "Table", "locate_line"]

#: three digits in a row, which every form of a BSN that ``mask_bsn`` finds holds
#: (``111222333``, ``111.222.333``, ``1112.22.333``, also in full-width digits): the cheap
#: test before a message is looked at for a possible BSN (:meth:`Problem.__post_init__`)
_THREE_DIGITS = re.compile("[0-9\uff10-\uff19]{3}")

#: characters a message must not print as they are: control characters (an escape sequence
#: in a file name or header redraws the terminal ``coi validate`` prints on or sets its
#: title; a line break in a file name starts a line that reads as a problem of its own)
#: and the direction controls that turn a name around on screen (``archief`` + U+202E +
#: ``fdp.zip`` shows as ``archiefpiz.pdf``); the same set as ``coi_graph.export_cells``
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                         "\u2028\u2029]")
#: the same, for a message: its tab and line breaks are its own
_UNSHOWABLE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f"
                                 "\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def showable_name(text: str) -> str:
    r"""A file name, sheet or header from the export as a message shows it: every control
    and direction character replaced by U+FFFD, visible where it was.

    >>> showable_name("notes\x1b]0;pwned\x07.pdf"), showable_name("x\nemployees.csv")
    ('notes�]0;pwned�.pdf', 'x�employees.csv')
    """
    return text if text.isascii() and text.isprintable() else _UNSHOWABLE.sub("\ufffd", text)


def _showable_text(text: str) -> str:
    return text if text.isascii() and text.isprintable() else _UNSHOWABLE_IN_TEXT.sub(
        "\ufffd", text)


@lru_cache(maxsize=4096)
def _masked_clause(clause: str) -> str:
    """``mask_bsn`` of one clause of a message: a message's advice (``write dates as
    2024-03-01, 01-03-2024, ...``) is the same for every row it is about, so it is looked
    at once (a BSN holds no ``;``, so none is cut in two)."""
    return mask_bsn(clause)


Level = Literal["error", "warning"]
Action = Literal["skip_row", "drop_value", "refuse_file", "none"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as possible.

    ``action`` says what ``--skip-bad-rows`` does about it: skip the row, drop the value
    (an unusable optional value, e.g. a malformed IBAN), or nothing can be done
    (``refuse_file``: a BSN column, a missing required column or file).
    """

    file: str
    line: int | None
    column: str | None
    message: str
    level: Level = "error"
    action: Action = "skip_row"
    table: str = ""
    #: the export's own header of ``column`` when it differs (``Geboortedatum``)
    header: str | None = None

    def __post_init__(self) -> None:
        # The file, column and header are the export's own (a file name is chosen by who
        # hands the exports over): shown, never obeyed by the terminal (``showable_name``).
        # Tested inline: a scan of a messy export makes hundreds of thousands of problems.
        for name, value in (("file", self.file), ("column", self.column),
                            ("header", self.header)):
            if value and not (value.isascii() and value.isprintable()):
                object.__setattr__(self, name, showable_name(value))
        message = self.message
        if not (message.isascii() and message.isprintable()):
            message = _showable_text(message)
        # A message quotes the value it is about, and a value that is no BSN as a whole
        # can hold one (a birth date ``bsn 111222333``, an e-mail, a relation typed with
        # it): every message ends up on screen, in logs and in run.json, where a BSN must
        # never appear, so any possible BSN in it is masked as in text values.
        if _THREE_DIGITS.search(message):
            message = "; ".join(map(_masked_clause, message.split("; ")))
        if message is not self.message:
            object.__setattr__(self, "message", message)

    def format(self) -> str:
        """``employees.csv:12: birth_date: '31-02-1980' is not a date; write it as ...``
        (``birth_date (Geboortedatum):`` when the export names the column otherwise)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        label = f"{self.column} ({self.header})" if self.column and self.header else self.column
        col = f" {label}:" if self.column else ""
        tag = "" if self.level == "error" else " (warning)"
        return f"{where}:{col} {self.message}{tag}"


@dataclass(frozen=True)
class FileNotRead:
    """A file in the data folder that is not read as a table, and why (English; the CLI
    renders it in Dutch).  ``system``: a file the system or Excel leaves there (a lock file
    ``~$...``, ``.DS_Store``, ``Thumbs.db``, a hidden file), counted but not warned of."""

    file: str
    why: str
    system: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "why": self.why, "system": self.system}

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", showable_name(self.file))  # see Problem


@dataclass
class SourceFile:
    """One file a table was read from, and the account of its rows: read = used + skipped.

    ``line_offset`` is added to the file's own line numbers to give the table's ``_line``
    when a table is read from several files (0 for the first, so a single-file table keeps
    its file's line numbers as provenance).
    """

    file: str
    sha256: str | None
    rows_read: int
    rows_used: int = 0
    rows_skipped: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    line_offset: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    #: rows of the file that are no rows of the table, left out before it was checked
    #: (candidates who were not allocated); not in ``rows_read`` (None: there were none)
    rows_set_aside: int | None = None
    #: column -> reason -> values left out on this file's used rows
    values_left_out: dict[str, dict[str, int]] = field(default_factory=dict)
    #: contract column -> this file's own header for it, where the two differ (several files
    #: of one table may name a column differently: a problem cites its own file's header)
    headers: dict[str, str] = field(default_factory=dict)

    def info(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def locate_line(sources: list[SourceFile], line: int) -> tuple[int, int]:
    """Which of ``sources`` a table ``_line`` comes from (its index) and the line in that
    file.  A file's lines are ``line_offset + 2 ...`` (its header is line 1, never data), so
    a line belongs to the last file whose offset lies below it.

    >>> files = [SourceFile("a.csv", None, 9), SourceFile("b.xlsx", None, 3, line_offset=10)]
    >>> locate_line(files, 10), locate_line(files, 12)
    ((0, 10), (1, 2))
    """
    line = int(line)
    index = max(bisect.bisect_left([s.line_offset for s in sources], line) - 1, 0)
    return index, line - sources[index].line_offset


@dataclass
class Table:
    """One contract table as read from one file."""

    name: str
    frame: pd.DataFrame
    path: Path | None
    sha256: str | None
    rows_read: int
    rows_skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    values_dropped: int = 0
    #: column -> reason -> values left out of matching (row kept); see ``values_left_out``
    dropped_by_column: dict[str, dict[str, int]] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    #: every file the table was read from (one, unless the table is split over files)
    sources: list[SourceFile] = field(default_factory=list)
    #: contract column -> the export's own header it was read from (when it differs)
    original_header: dict[str, str] = field(default_factory=dict)
    #: the export's columns the mapping file sets to ``ignore`` (the user's choice: not
    #: listed in ``columns_not_used``)
    ignored_columns: list[str] = field(default_factory=list)
    #: the headers a column was built from in each file (``original_header`` cites one
    #: file's): in a table of several files, each file's name parts (Loket's ``Roepnaam +
    #: Achternaam``, ADP's ``Legal First Name + Legal Last Name``) are used, not "not used"
    built_from: list[str] = field(default_factory=list)
    #: rows merged into another row of the same id (a supplier's second bank account, an
    #: employee's position row) that hold other identifiers (address, IBAN, phone,
    #: e-mail): the merged row's identifiers link through these as well
    also: pd.DataFrame | None = None

    @property
    def file(self) -> str:
        if len(self.sources) > 1:
            return " + ".join(s.file for s in self.sources)
        if self.path is None:
            return f"{self.name}.csv"
        from ingest.read_files import shown_name

        return shown_name(self.path.name)  # a Windows-1252 name, as the sources show it

    @property
    def columns_not_used(self) -> list[str]:
        """The export's columns that are no column of the contract (kept in the frame under
        their lower-cased names, read by nothing): a user whose approver column is headed in
        a way the analyzer does not know (``Fiat``) sees it here instead of nowhere.  The
        columns a contract column was built from (``first_name + surname``: a name exported
        in parts, kept as extra columns) are used, and not listed; nor are the extra
        columns the graph reads (:data:`ingest.tables.EXTRA_COLUMNS_READ`: organizations'
        ``trade_names``), which a user was otherwise told to map or drop, nor those the mapping
        file sets to ``ignore``."""
        from ingest.tables import EXTRA_COLUMNS_READ, TABLES
        from ingest.validate_rows import column_key

        spec = TABLES.get(self.name)
        known = {c.name for c in spec.columns} if spec is not None else set()
        known |= set(EXTRA_COLUMNS_READ.get(self.name, ()))
        known |= set(self.ignored_columns)
        known |= {column_key(part) for label in (*self.original_header.values(),
                                                 *self.built_from)
                  for part in re.split(r" \+ | / ", label)}
        return [str(c) for c in self.frame.columns
                if not str(c).startswith("_") and c not in known]

    def files_info(self) -> list[dict[str, object]]:
        """Per file: name, checksum and rows read / used / skipped (for run.json)."""
        return [s.info() for s in self.sources]

    def cite(self, line: int) -> str:
        """How evidence names the row at table line ``line`` (see :meth:`Dataset.cite`)."""
        if len(self.sources) <= 1:
            return f"{self.name}:{int(line)}"
        index, own = locate_line(self.sources, line)
        return f"{self.name}:{self.sources[index].file}:{own}"


@dataclass
class Dataset:
    """All tables of one data folder, plus the problems found while reading them."""

    root: Path
    tables: dict[str, Table]
    problems: list[Problem] = field(default_factory=list)
    #: the mapping file that was used, if any
    mapping: Path | None = None
    #: every file in the data folder (and its sub-folders) that was not read as a table,
    #: with why (see :func:`ingest.read_folder.files_not_read`): nothing is left out
    #: unnoticed, also a ``.pdf`` or ``.docx`` beside the exports
    files_not_read: list[FileNotRead] = field(default_factory=list)
    #: how many more files were not read than ``files_not_read`` lists (it stops at 1,000:
    #: a program's whole tree copied into the data folder); counted, so none goes unsaid
    files_not_read_unlisted: int = 0

    @property
    def tables_not_supplied(self) -> list[str]:
        """The contract's tables no file was found for, in contract order: a scan without
        ``relatives`` finds no relative's interest, which is not a clean result."""
        from ingest.tables import TABLES

        return [name for name in TABLES if name not in self.tables]

    def cite(self, table: str, line: int) -> str:
        """How evidence cites one row, as its source wants it: ``table:line`` for a table
        read from one file (the file's own line, as always); ``table:file:line`` for a
        table split over several files, with the file as problems name it and the line
        in that file (``contracts:contracts_2024.xlsx:12``), so a reader can open the
        export and find the row without working out offsets.  ``line`` is the row's
        ``_line``.

        >>> import pandas as pd
        >>> one = Table("gifts", pd.DataFrame(), None, None, 2,
        ...             sources=[SourceFile("gifts.csv", None, 2)])
        >>> two = Table("contracts", pd.DataFrame(), None, None, 5, sources=[
        ...     SourceFile("contracts_2023.csv", None, 3),
        ...     SourceFile("contracts_2024.xlsx", None, 2, line_offset=4)])
        >>> ds = Dataset(Path("."), {"gifts": one, "contracts": two})
        >>> ds.cite("gifts", 3), ds.cite("contracts", 4), ds.cite("contracts", 7)
        ('gifts:3', 'contracts:contracts_2023.csv:4', 'contracts:contracts_2024.xlsx:3')
        >>> ds.cited_line("contracts:contracts_2024.xlsx:3"), ds.cited_line("gifts:3")
        (('contracts', 7), ('gifts', 3))
        """
        t = self.tables.get(table)
        return t.cite(line) if t is not None else f"{table}:{int(line)}"

    def cited_line(self, citation: str) -> tuple[str, int] | None:
        """The table and ``_line`` a citation of :meth:`cite` names (``None`` when it names
        no row of this dataset's tables): the way back from evidence to the row."""
        table, _, rest = str(citation).partition(":")
        file, _, own = rest.rpartition(":")
        if not own.isdigit():
            return None
        t = self.tables.get(table)
        if not file:
            return (table, int(own)) if t is None or len(t.sources) <= 1 else None
        if t is None:
            return None
        for src in t.sources:
            if src.file == file and len(t.sources) > 1:
                return table, src.line_offset + int(own)
        return None

    def frame(self, name: str) -> pd.DataFrame:
        """The table's frame, or an empty frame when the optional table is absent."""
        t = self.tables.get(name)
        if t is None:
            from ingest.tables import empty_frame

            return empty_frame(name)
        return t.frame

    def also(self, name: str) -> pd.DataFrame:
        """The rows of table ``name`` merged into another row of their id that hold other
        identifiers (see :attr:`Table.also`); an empty frame when there are none."""
        t = self.tables.get(name)
        if t is None or t.also is None:
            from ingest.tables import empty_frame

            return empty_frame(name)
        return t.also

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]
