"""Check one table file on its own: its columns, every value, and every row.

:func:`check_table` turns a :class:`~ingest.read_files.RawTable` into a
:class:`TableState`: the typed frame of *all* rows (bad values already missing), which rows
must be skipped and why, and every problem found, each located by file, line and column
with a message that says how to fix it.  Checks that need other tables (references,
decision ids over contracts and allocations) are in :mod:`ingest.references`; they work on
the same state, so a skipped row can make rows that refer to it skip too.

What a problem does (``action``):

- ``refuse_file``: the run can never proceed (a BSN column, a required column missing,
  the same column twice);
- ``skip_row``: the row is unusable (a required value missing or unreadable, a duplicate
  id, a period that ends before it starts);
- ``drop_value``: an optional value is unusable and set to missing; the row stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ingest.column_ops import isin, strictly_increasing, submit_for
from ingest.detect_bsn import BSN_MASK, holds_bsn_values, is_bsn_column_name, \
    is_national_id_column_name, mask_bsn, text_with_bsn
from ingest.declaration_text import read_free_text_kinds
from ingest.officer_roles import read_role_remarks
from ingest.header_mapping import (
    TableMapping,
    best_column,
    holds_synonym,
    resolve_header,
    squeeze,
    suggest_headers,
)
from ingest.header_cache import resolve_headers
from ingest.identifiers import (
    normalize_email,
    normalize_iban,
    normalize_kvk,
    normalize_phone,
    normalize_postcode,
    shown,
)
from ingest.model import Action, Level, Problem, SourceFile, locate_line, showable_name
from ingest.no_value import (
    excel_error,
    excel_error_text,
    is_no_value,
    open_period_end,
    read_as_empty,
)
from ingest.parse_values import (
    _MONTHS,
    _PARTIAL_DATE,
    HISTORICAL_MIN_YEAR,
    MIN_YEAR,
    Parsed,
    as_text,
    parse_amount,
    parse_bool,
    parse_date,
    parse_distinct,
    parse_enum,
    parse_house_numbers_distinct,
    parse_identifier,
    parse_rank,
    parse_text,
)
from ingest.read_files import RawTable
from ingest.tables import EXTRA_COLUMN_HEADERS, ColumnSpec, TableSpec

__all__ = ["BSN_MESSAGE", "TableState", "check_table", "column_key"]

BSN_MESSAGE = (
    "column {name!r} holds citizen service numbers (BSN); coi-graph must not process them: "
    "remove the column from the export and run again"
)
NATIONAL_ID_MESSAGE = (
    "column {name!r} holds a national identification number (a social security or tax "
    "number); coi-graph does not process such numbers: its {n} value(s) are left out, not "
    "read and not kept; remove the column from the export"
)
#: the reason its values are counted under in ``values_left_out``
NATIONAL_ID_REASON = "national identification number"
_IDENTIFIER_NORMALIZERS = {
    "iban": normalize_iban,
    "kvk": normalize_kvk,
    "postcode": normalize_postcode,
    "email": normalize_email,
    "phone": normalize_phone,
}
_KEY_SEPARATORS = re.compile(r"[\s\-]+")
_BSN_CHECKED_TYPES = {"id", "text"}


#: three digits in a row, which every BSN ``mask_bsn`` finds holds: the cheap test before a
#: header is looked at for one (see :func:`column_key`)
_THREE_DIGITS = re.compile("[0-9\uff10-\uff19]{3}")


def column_key(header_cell: str) -> str:
    """The name a header cell is matched by: BOM, quotes and surrounding spaces removed,
    lower case.  Extra columns keep this name.

    >>> column_key('\\ufeff Employee_ID ')
    'employee_id'
    """
    # a control or direction character (``Opm`` + U+202E + ``gpj.exe``) as U+FFFD: the
    # name is shown in messages and lists of columns (:func:`ingest.model.showable_name`);
    # so a BSN typed into a header (``klant 111 222 333``) is masked as in a value: the
    # extra column's name went whole into `coi validate`'s list and run.json
    key = header_cell.replace("\ufeff", "").strip().strip('"').strip().lower()
    return showable_name(mask_bsn(key) if _THREE_DIGITS.search(key) else key)


def _contract_key(key: str) -> str:
    """``'employee id'`` and ``'employee-id'`` find the contract column ``employee_id``."""
    return _KEY_SEPARATORS.sub("_", key)


@dataclass
class TableState:
    """One table while it is being checked: all rows, their fate, and the problems."""

    spec: TableSpec
    path: Path | None
    frame: pd.DataFrame
    skip_reason: np.ndarray
    sha256: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0
    readable: bool = True
    #: contract columns that are absent, or were refused (BSN): no per-row checks on them
    blank_columns: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    #: (row positions, column, reason) of every value left out (see ``dropped_counts``)
    drops: list[tuple[np.ndarray, str, str]] = field(default_factory=list)
    #: the files the rows come from (several when a table is split over files) and, per
    #: row, the index of its file in ``sources``
    sources: list[SourceFile] = field(default_factory=list)
    row_source: np.ndarray | None = None
    #: per file (index in ``sources``), the required columns it lacks (its own error)
    lacks_required: dict[int, set[str]] = field(default_factory=dict)
    #: the header cell each contract column was read from, when it differs from the name
    original_header: dict[str, str] = field(default_factory=dict)
    #: extra columns the mapping file sets to ``ignore``: kept, but not "not used"
    ignored_columns: set[str] = field(default_factory=set)
    #: every file's headers a column was built from (see ``Table.built_from``)
    built_from: list[str] = field(default_factory=list)
    #: positions of rows merged into another row of their id whose identifiers link too
    also: set[int] = field(default_factory=set)
    #: (row position, column, value) of the further identifiers of a cell that holds
    #: several (``a@x.nl; b@y.nl``): the first is the row's value, these link beside it
    further_identifiers: list[tuple[int, str, str]] = field(default_factory=list)
    #: files of the table that are byte for byte another of its files (the same export
    #: saved twice under two names): not read again, their rows counted as skipped
    copies: list[SourceFile] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.spec.name

    display_name: str = ""

    @property
    def file(self) -> str:
        if len(self.sources) > 1:
            return " + ".join(src.file for src in self.sources)
        if self.display_name:
            return self.display_name
        if self.path is None:
            return f"{self.spec.name}.csv"
        from ingest.read_files import shown_name

        return shown_name(self.path.name)

    def file_and_line(self, line: int) -> tuple[str, int]:
        """The source file and its own line number for a table ``_line``."""
        if len(self.sources) <= 1:
            return self.file, int(line)
        index, own = locate_line(self.sources, line)
        return self.sources[index].file, own

    def place(self, line: int) -> str:
        """``line 12`` for a single-file table, ``contracts_2023.csv line 12`` otherwise."""
        file, own = self.file_and_line(line)
        return f"line {own}" if len(self.sources) <= 1 else f"{file} line {own}"

    def located(self, line: int) -> str:
        """``relatives.csv line 12``: the file and its own line for a table ``_line``."""
        file, own = self.file_and_line(line)
        return f"{file} line {own}"

    #: ``kept`` as last worked out, for the ``skip_reason`` array it was worked out from
    #: (``report`` keeps it up to date; a new array is looked at afresh)
    _kept: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False,
                                                         compare=False)

    @property
    def kept(self) -> np.ndarray:
        """Mask of rows that are not (yet) skipped (a copy the caller may change).

        Kept beside ``skip_reason`` instead of compared with ``None`` on every call: that
        comparison of an object array costs about 9 ms for a million rows, and a big
        table's accounts ask for the mask a dozen times."""
        if self._kept is None or self._kept[0] is not self.skip_reason:
            self._kept = (self.skip_reason, np.equal(self.skip_reason, None))
        return self._kept[1].copy()

    def file_problem(self, message: str, column: str | None = None,
                     action: Action = "refuse_file", level: Level = "error") -> None:
        """A problem with the file as a whole (no line)."""
        self.problems.append(Problem(self.file, None, column, message, level, action, self.name))

    def report(
        self,
        positions: np.ndarray | list[int],
        column: str | None,
        messages: list[str] | str,
        action: Action,
        reason: str = "",
        level: Level = "error",
    ) -> None:
        """Record a problem on each row position and carry out its action.

        ``skip_row`` marks the row skipped under ``reason`` (the first reason counts);
        ``drop_value`` sets the cell to missing and counts it per column and reason.  A
        dropped value is always a *warning*: the row stays usable, so the scan runs on it
        (``--strict`` refuses on warnings).
        """
        positions = np.asarray(positions, dtype=np.int64)
        if len(positions) == 0:
            return
        if action == "drop_value":
            level = "warning"
        if isinstance(messages, str):
            messages = [messages] * len(positions)
        lines = self.frame["_line"].to_numpy()[positions]
        table = self.name
        if len(self.sources) > 1:  # each file names its columns its own way
            located = [locate_line(self.sources, line) for line in lines]
            places = [(self.sources[i].file, own) for i, own in located]
            headers = [self.sources[i].headers.get(column) if column else None
                       for i, _ in located]
        else:
            places = [(self.file, int(line)) for line in lines]
            headers = [self.original_header.get(column) if column else None] * len(places)
        self.problems.extend(
            Problem(file, line, column, msg, level, action, table, header)
            for (file, line), msg, header in zip(places, messages, headers)
        )
        if action == "skip_row":
            self.skip_rows(positions, reason)
        elif action == "drop_value" and column is not None:
            self.frame.loc[self.frame.index[positions], column] = None
            self.drops.append((positions, column, _drop_reason(reason)))

    def skip_rows(self, positions: np.ndarray, reason: str = "") -> None:
        """Mark rows skipped under ``reason`` (a row already skipped keeps its first
        reason), without a problem of their own: the caller says why once for all of them
        (:meth:`report` says it per row)."""
        positions = np.asarray(positions, dtype=np.int64)
        fresh = positions[np.equal(self.skip_reason[positions], None)]
        self.skip_reason[fresh] = reason or "unusable row"
        if self._kept is not None and self._kept[0] is self.skip_reason:
            self._kept[1][fresh] = False

    def dropped_counts(self, rows: np.ndarray | None = None) -> dict[str, dict[str, int]]:
        """Values left out per column and reason, on rows that are used (a value on a row
        that is skipped anyway is accounted for by the skip, not counted twice); only on
        ``rows`` (a mask, e.g. one file's rows) when given."""
        kept = self.kept if rows is None else self.kept & rows
        out: dict[str, dict[str, int]] = {}
        for positions, column, reason in self.drops:
            n = int(kept[positions].sum())
            if n:
                why = out.setdefault(column, {})
                why[reason] = why.get(reason, 0) + n
        return {c: dict(sorted(r.items())) for c, r in sorted(out.items())}


def _drop_reason(reason: str) -> str:
    """The reason a value was left out, without the column (reports show it beside)."""
    if not reason or reason.startswith("unreadable "):
        return "unreadable value"
    if reason.startswith("unknown "):
        return "unknown id"
    return reason


def _empty_state(spec: TableSpec, path: Path | None, sha256: str | None = None) -> TableState:
    from ingest.tables import empty_frame

    return TableState(spec, path, empty_frame(spec.name), np.full(0, None, dtype=object),
                      sha256=sha256)


def unreadable_state(spec: TableSpec, path: Path, message: str) -> TableState:
    """The state of a file that could not be read at all: no rows, one refusing problem."""
    state = _empty_state(spec, path)
    state.readable = False
    state.file_problem(f"cannot be read: {message}")
    return state


def _match_columns(
    raw: RawTable, state: TableState, mapping: TableMapping | None = None
) -> tuple[dict[str, pd.Series], dict[str, pd.Series], dict[str, pd.Series]]:
    """Map header cells to contract and extra columns; refuse BSN and repeated columns.

    A header cell finds its contract column through the mapping file, the contract's own
    name or a built-in synonym (:mod:`ingest.header_mapping`).  Returns (contract columns
    as text, their raw cells, extra columns as text).
    """
    spec = state.spec
    seen: dict[str, int] = {}
    contract_text: dict[str, pd.Series] = {}
    contract_raw: dict[str, pd.Series] = {}
    extra_text: dict[str, pd.Series] = {}
    names = raw.header_names
    if names is None:
        names, notes = resolve_headers(spec, [str(c) for c in raw.header], mapping)
        for note in notes:
            state.file_problem(note, action="none", level="warning")
    aliases = _extra_column_aliases(spec, [str(c) for c in raw.header], names)
    # each named column's text and BSN test, worked out beforehand (a big table's in
    # parallel); the loop below uses them in header order, as it always did
    run = submit_for(raw.n_rows)
    prepared = {}
    for index, (cell, column) in enumerate(zip(raw.header, raw.columns), start=1):
        key = column_key(str(cell))
        if key and not is_bsn_column_name(key) and not is_national_id_column_name(key):
            name = aliases.get(index) or _column_name(spec, key, names[index - 1])
            col_spec = spec.column(name) if spec.has(name) else None
            prepared[index] = run(_text_and_bsn, column,
                                  col_spec is None or col_spec.type in _BSN_CHECKED_TYPES)
    for index, (cell, column) in enumerate(zip(raw.header, raw.columns), start=1):
        key = column_key(str(cell))
        resolved: str | None = names[index - 1] if key else None
        if not key:
            if (as_text(column) != "").any():
                state.file_problem(
                    f"column {index} has values but no name in the header row; its values "
                    "are ignored: give the column a name, or remove it",
                    action="none",
                    level="warning",
                )
            continue
        if is_bsn_column_name(key):
            state.file_problem(BSN_MESSAGE.format(name=key), column=key)
            raw.columns[index - 1] = column.iloc[:0]  # the values are never looked at
            continue
        if is_national_id_column_name(key):
            # only whether a cell holds something is looked at, to count what is left out
            held = np.flatnonzero((as_text(column) != "").to_numpy())
            state.file_problem(NATIONAL_ID_MESSAGE.format(name=key, n=len(held)),
                               column=key, action="none", level="warning")
            state.drops.append((held, key, NATIONAL_ID_REASON))
            raw.columns[index - 1] = column.iloc[:0]  # dropped: no value is kept or shown
            continue
        name = aliases.get(index) or _column_name(spec, key, resolved)
        if name != key and not spec.has(name):  # 'Handelsnamen': read as trade_names
            state.original_header[name] = str(cell).strip()
        if resolved == "":
            state.ignored_columns.add(name)
        if spec.has(name) and str(cell).strip() != name:
            state.original_header[name] = str(cell).strip()
        if name in seen:
            state.file_problem(
                f"column {name!r} appears more than once in the header (columns "
                f"{seen[name]} and {index}); keep one of them and run again",
                column=name,
            )
            continue
        seen[name] = index
        text, holds_bsn = prepared[index].result()
        col_spec = spec.column(name) if spec.has(name) else None
        if holds_bsn:
            if col_spec is None:
                message = BSN_MESSAGE.format(name=name)
            else:
                message = (
                    f"column {name!r} holds citizen service numbers (BSN); coi-graph must "
                    f"not process them: export {col_spec.meaning or 'another value'} without "
                    "using the BSN, and run again"
                )
                state.blank_columns.add(name)
            state.file_problem(message, column=name)
            raw.columns[index - 1] = column.iloc[:0]  # dropped: no value is kept or shown
            continue
        if col_spec is None:
            extra_text[name] = text
        else:
            contract_text[name] = text
            contract_raw[name] = column
    return contract_text, contract_raw, extra_text


def _extra_column_aliases(spec: TableSpec, cells: list[str], names: list[str | None]
                          ) -> dict[int, str]:
    """Header cells (1-based) read as an extra column the graph reads under another header
    (:data:`ingest.tables.EXTRA_COLUMN_HEADERS`: ``Handelsnamen`` is ``trade_names``): the
    first such cell that is no contract column, when no cell has the column's own name."""
    out: dict[int, str] = {}
    keys = {column_key(c) for c in cells}
    for column, headers in EXTRA_COLUMN_HEADERS.get(spec.name, {}).items():
        if column in keys:
            continue
        wanted = {squeeze(h) for h in headers}
        for index, (cell, name) in enumerate(zip(cells, names), start=1):
            if name is None and squeeze(cell) in wanted:
                out[index] = column
                break
    return out


def _column_name(spec: TableSpec, key: str, resolved: str | None) -> str:
    """The name a header cell's column goes by: its contract column, or (an extra column,
    or one mapped to "ignore") its own ``key``."""
    if resolved == "" or (resolved is not None and not spec.has(resolved)):
        return key  # mapped to "ignore": kept as an extra column
    contract = resolved or _contract_key(key)
    return contract if spec.has(contract) else key


def _text_and_bsn(column: pd.Series, check_bsn: bool) -> tuple[pd.Series, bool]:
    """A column's stripped text, and whether it holds BSNs (when it is to be checked)."""
    text = as_text(column)
    return text, check_bsn and holds_bsn_values(text)


def _check_columns_present(state: TableState, found: set[str], header: list[str],
                           mapping: TableMapping | None = None) -> None:
    spec = state.spec
    cells = [str(h).strip() for h in header if column_key(str(h))]
    shown_header = ", ".join(cells)
    used = set(state.original_header.values()) | found
    unmapped = [c for c in cells if c not in used and column_key(c) not in used]
    _warn_unread_lookalikes(state, found, unmapped, mapping)
    for col in spec.columns:
        if col.required and col.name not in found and col.name not in state.blank_columns:
            likely = suggest_headers(spec, col.name, unmapped)
            hint = (" Likely: " + ", ".join(f"`{h}` -> {col.name}?" for h in likely) + ";"
                    if likely else "")
            state.file_problem(
                f"required column {col.name!r} is missing ({col.meaning}).{hint} "
                f"{'add' if likely else 'Add'} it to "
                f"the export, or map the column that holds it in mapping.yaml (`coi mapping "
                f"DATA_DIR` writes a draft; the header has: {shown_header})",
                column=col.name,
            )
            state.blank_columns.add(col.name)
    for group in spec.one_of:
        if not any(c in found or c in state.blank_columns for c in group):
            state.file_problem(
                f"needs a column {' or '.join(repr(c) for c in group)}; add one to the "
                f"export (the header has: {shown_header})",
                column=group[0],
            )
            state.blank_columns.update(group)


def _warn_unread_lookalikes(state: TableState, found: set[str], unmapped: list[str],
                            mapping: TableMapping | None) -> None:
    """An optional column the file does not have, while a header looks like it (``Bedrag
    excl. BTW`` for ``amount_eur``): a warning, so a value the rules need is not left unread
    without a word.  Headers the mapping file sets to ``ignore`` are the user's choice."""
    ignored = {k for k, v in (mapping.columns if mapping is not None else {}).items() if v == ""}
    missing = [c.name for c in state.spec.columns
               if not c.required and c.name not in found and c.name not in state.blank_columns]
    if not missing:
        return
    refused = {p.column for p in state.problems if p.level == "error"}  # BSN by its values
    alike: dict[str, list[str]] = {}
    for cell in unmapped:
        if squeeze(cell) in ignored or column_key(cell) in refused:
            continue
        column, _ = best_column(state.spec, cell)
        if column in missing and holds_synonym(state.spec, column, cell) \
                and not is_bsn_column_name(column_key(cell)):
            alike.setdefault(column, []).append(cell)
    for column, heads in alike.items():
        meaning = state.spec.column(column).meaning
        shown = ", ".join(repr(h) for h in heads)
        said = f"{column} ({meaning})" if meaning else column  # not 'handed_in ()'
        state.file_problem(
            f"header {shown} looks like {said} but is not read as it; name the "
            f"column to use in mapping.yaml (`coi mapping DATA_DIR` writes a draft), or write "
            "ignore for it there",
            column=column, action="none", level="warning")


#: whole numbers in a date cell that are a year, not Excel's serial day number (which
#: would be a day from March to September 1905)
_YEAR_NUMBERS = (1900, 2099)


def _excel_serial_dates(text: pd.Series, raw: pd.Series) -> pd.Series:
    """An .xlsx date typed into a cell formatted as a number holds Excel's serial day
    number (45352 = 2024-03-01); read it as that date.  A whole number from
    :data:`_YEAR_NUMBERS` is a year typed into the cell (``2019`` under ``Sinds``, ``1985``
    under ``Geboortedatum``), not the serial of a day in 1905: it stays the text it is, read
    as a year where a year means something (a period's bound) and reported elsewhere."""
    values = raw.to_numpy(dtype=object)
    serial = np.fromiter((isinstance(v, (int, float)) and not isinstance(v, bool)
                          and 1 <= v < 2958466
                          and not (v == int(v) and _YEAR_NUMBERS[0] <= v <= _YEAR_NUMBERS[1])
                          for v in values), dtype=bool, count=len(values))
    if not serial.any():
        return text
    days = np.asarray([float(v) for v in values[serial]])
    dates = pd.to_datetime("1899-12-30") + pd.to_timedelta(np.floor(days), unit="D")
    out = text.copy()
    out.iloc[np.flatnonzero(serial)] = dates.strftime("%Y-%m-%d").to_numpy()
    return out


def _parse_column(col: ColumnSpec, text: pd.Series, raw: pd.Series | None) -> Parsed:
    """One column's values; a column that repeats few values is parsed per distinct value
    (:func:`~ingest.parse_values.parse_distinct`), with the same result."""
    kind = col.type
    if kind in ("id", "text"):
        return parse_text(text)
    if kind == "date":
        if raw is not None and raw.dtype == object:
            text = _excel_serial_dates(text, raw)
        if col.historical:
            return parse_distinct(parse_date, text, HISTORICAL_MIN_YEAR)
        return parse_distinct(parse_date, text)
    if kind in ("amount", "number"):
        return parse_amount(text, raw, percent=kind == "number")
    if kind == "bool":
        return parse_distinct(parse_bool, text)
    if kind == "rank":
        return parse_distinct(parse_rank, text)
    if kind == "enum":
        assert col.vocabulary is not None
        return parse_distinct(parse_enum, text, col.vocabulary, col.name, col.default,
                              col.open_vocabulary)
    if kind in _IDENTIFIER_NORMALIZERS:
        return parse_distinct(parse_identifier, text, _IDENTIFIER_NORMALIZERS[kind])
    raise AssertionError(f"column type {kind!r} is parsed elsewhere")


#: the gift kinds a description may name (see :func:`gift_kinds_from_description`)
GIFT_KIND_NAMES = ("gift", "invitation", "meal", "event", "trip", "money")


def kind_note(kind: str, word: str) -> str:
    """The warning on a purchasing export whose kind was read from its header or name."""
    return (f"the file has no kind column; its rows are read as {kind}, as its number column, "
            f"its name or its folder's name says ({word!r}); add a kind column if that is not "
            "meant")


#: what a purchasing export's number column or file name says its rows are, when it has
#: no kind column (squeezed words, tried in order: the number column first)
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("invoice", ("factuur", "facturen", "invoice", "creditnota")),
    ("purchase_order", ("inkooporder", "ordernummer", "bestelnummer", "bestelling", "werkorder",
                        "purchaseorder", "ponummer", "ponumber", "orders", "order")),
    ("tender_award", ("gunning", "aanbesteding", "tender")),
    ("contract", ("contract",)),
)


def gift_kinds_from_description(description: pd.Series) -> pd.Series:
    """Per row the gift kind its description names (``Diner relatiedag`` -> meal,
    ``Kaarten concert`` -> event), ``""`` where it names none or several kinds.

    Why: a register kept by the secretary in Excel has no kind column, only a description;
    every row was a ``gift``, so a dinner that was reported but not handed in (nothing to
    hand in) was a breach of the gift rule, and an invitation never "not reported".  Only
    a word or words of the kind vocabulary (:data:`ingest.enum_synonyms.GIFT_KINDS`) count,
    and only when they name one kind.

    >>> gift_kinds_from_description(pd.Series(["Diner relatiedag", "Fles wijn", "Boek en "
    ...     "lunch", "Kerstpakket", ""])).tolist()
    ['meal', 'gift', '', 'gift', '']
    """
    from ingest.enum_synonyms import GIFT_KINDS, enum_key

    phrases = sorted(((tuple(k.split()), code) for k, code in GIFT_KINDS.words().items()
                      if k), key=lambda p: -len(p[0]))
    out: list[str] = []
    for text in description.fillna("").astype(str).tolist():
        words = enum_key(re.sub(r"[^\w\s-]", " ", text)).split()
        found = {code for phrase, code in phrases
                 if any(tuple(words[i:i + len(phrase)]) == phrase
                        for i in range(len(words) - len(phrase) + 1))}
        out.append(found.pop() if len(found) == 1 else "")
    return pd.Series(out, index=description.index, dtype="str")


def kind_of_export(file_name: str, id_header: str | None) -> tuple[str, str] | None:
    """The ``kind`` of every row of a purchasing export without a kind column, as its
    number column (``Factuurnummer``) or else its file name (``Inkoopfacturen 2024.csv``),
    or else the name of the folder it is in (``inkooporders/SAP ME2N 2024.txt``, the
    nearest folder first), says it, and the word that says so; ``None`` when none does or
    they say contract (the rows are then the default, ``contract``).

    Why: an ERP exports invoices, orders and contracts as separate lists without a column
    for what they are; read as contracts, invoices took contract mandates and were left out
    of the checks that look at orders and invoices.  A system's own file name (``SAP ME2N
    2024.txt``) says nothing, the folder the user put it in (``inkooporders/``) does.

    >>> kind_of_export("export.csv", "Factuurnummer"), kind_of_export("Bestellingen.xlsx", None)
    (('invoice', 'factuur'), ('purchase_order', 'bestelling'))
    >>> kind_of_export("orders.csv", "Contractnummer"), kind_of_export("export.csv", "Nummer")
    (None, None)
    >>> kind_of_export("inkooporders/SAP ME2N 2024.txt", "Einkaufsbeleg")
    ('purchase_order', 'inkooporder')
    >>> kind_of_export("facturen/export 2024.csv", None)
    ('invoice', 'facturen')
    """
    path = Path(file_name)
    for text in (squeeze(id_header or ""), squeeze(path.stem),
                 *(squeeze(folder) for folder in reversed(path.parent.parts))):
        for kind, words in _KIND_WORDS:
            for word in words:
                if word in text:  # a contract is the default: nothing to say
                    return None if kind == "contract" else (kind, word)
    return None


def check_table(spec: TableSpec, raw: RawTable, today: dt.date | None = None,
                mapping: TableMapping | None = None) -> TableState:
    """Parse and check one table (one file, or several merged) on its own (see the
    module docstring)."""
    today = today or dt.date.today()
    n = raw.n_rows
    state = TableState(
        spec,
        raw.path,
        pd.DataFrame({"_line": raw.lines.astype(np.int64)}),
        np.full(n, None, dtype=object),
        sha256=raw.sha256,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        rows_read=n,
        display_name=raw.display_name,
    )
    if raw.sources:
        state.sources = list(raw.sources)
        state.row_source = raw.row_source
        state.lacks_required = raw.lacks_required
    else:
        state.sources = [SourceFile(state.file, raw.sha256, n, encoding=raw.encoding,
                                    delimiter=raw.delimiter, sheet=raw.sheet,
                                    rows_set_aside=raw.set_aside or None)]
    contract_text, contract_raw, extra_text = _match_columns(raw, state, mapping)
    if raw.header:
        _check_columns_present(state, set(contract_text), raw.header, mapping)
    if spec.name == "contracts" and "kind" not in contract_text and not raw.sources:
        said = kind_of_export(state.file, state.original_header.get("decision_id"))
        if said is not None:
            contract_text["kind"] = pd.Series([said[0]] * n, index=pd.RangeIndex(n), dtype="str")
            state.file_problem(kind_note(*said), column="kind", action="none", level="warning")
    if spec.name == "gifts" and "kind" not in contract_text and "description" in contract_text:
        kinds = gift_kinds_from_description(contract_text["description"])
        named = kinds.isin([k for k in GIFT_KIND_NAMES if k != "gift"]).to_numpy()
        if named.any():  # a register with a description only: what it says the gift is
            contract_text["kind"] = kinds.reset_index(drop=True).set_axis(pd.RangeIndex(n))
            first = int(np.flatnonzero(named)[0])
            state.file_problem(
                f"the file has no kind column; {int(named.sum())} row(s) are read as the kind "
                f"their description names, e.g. {shown(str(contract_text['description'].iat[first]))} "
                f"({state.place(int(state.frame['_line'].iat[first]))}) as "
                f"{kinds.iat[first]}; add a kind column if that is not meant",
                column="kind", action="none", level="warning")
    index = pd.RangeIndex(n)
    empty: list[pd.Series] = []

    def text_of(name: str) -> pd.Series:
        if name in contract_text:
            return contract_text[name]
        if not empty:  # built once, only for a table that lacks a column
            empty.append(pd.Series("", index=index, dtype="str"))
        return empty[0]

    columns: dict[str, pd.Series] = {}
    parsed_by_column: dict[str, Parsed] = {}
    # each column is parsed on its own: a big table's columns in parallel (see
    # ``column_pool``); results are taken in column order either way
    jobs: list[tuple[tuple[str, ...], tuple]] = []
    for col in spec.columns:
        if col.type == "house_number_addition":
            continue  # parsed together with its house number
        if col.type == "house_number":
            addition = col.name + "_addition"
            jobs.append(((col.name, addition),
                         (parse_house_numbers_distinct, text_of(col.name),
                          text_of(addition))))
            continue
        if col.name not in contract_text and not (col.type == "enum" and col.default):
            # a column the file lacks: empty of the column's type, made without a Python
            # list of n Nones (0.25 s for a text column of a million contracts)
            parsed_by_column[col.name] = Parsed(pd.Series(index=index, dtype=col.dtype))
            continue
        jobs.append(((col.name,), (_parse_column, col, text_of(col.name),
                                   contract_raw.get(col.name))))
    submit = submit_for(n)
    # the costliest columns first, so that none is left to run alone at the end
    pending = {names: submit(*job) for names, job in sorted(
        jobs, key=lambda j: -_PARSE_COST.get(spec.column(j[0][0]).type, 0))}
    for names, _ in jobs:
        result = pending.pop(names).result()
        for name, parsed in zip(names, result if len(names) > 1 else (result,)):
            parsed_by_column[name] = parsed
    for col in spec.columns:
        if len(parsed_by_column[col.name].bad) and col.type not in _MARKS_KEPT:
            parsed_by_column[col.name] = _without_text_marks(
                state, col, parsed_by_column[col.name], text_of(col.name))
        if len(parsed_by_column[col.name].bad) and col.type == "postcode":
            parsed_by_column[col.name] = _postcodes_with_place(
                state, col, parsed_by_column[col.name], text_of(col.name))
        if len(parsed_by_column[col.name].bad) and col.type == "postcode":
            street = col.name.removesuffix("postcode") + "street"
            parsed_by_column[col.name] = _postcodes_with_street(
                state, col, parsed_by_column[col.name], text_of(col.name),
                text_of(street) if spec.has(street) else None)
        if len(parsed_by_column[col.name].bad) and col.name in spec.birth_dates:
            parsed_by_column[col.name] = _two_digit_birth_years(
                state, col, parsed_by_column[col.name], text_of(col.name), today)
        elif len(parsed_by_column[col.name].bad) and col.type == "date":
            parsed_by_column[col.name] = _two_digit_years_by_column(
                state, col, parsed_by_column[col.name], text_of(col.name), today)
        if len(parsed_by_column[col.name].bad) and col.name in _PERIOD_BOUNDS:
            parsed_by_column[col.name] = _month_or_year_of_period(
                state, col, parsed_by_column[col.name], text_of(col.name))
        if len(parsed_by_column[col.name].bad) and col.type in _SEVERAL_KINDS:
            parsed_by_column[col.name] = _several_identifiers(
                state, col, parsed_by_column[col.name], text_of(col.name))
        values = parsed_by_column[col.name].values
        # a historical birth date before 1677 is kept in microseconds (parse_date)
        columns[col.name] = (values if col.historical and values.dtype == "datetime64[us]"
                             else values.astype(col.dtype))
    for name, text in extra_text.items():
        if name == "_line":
            continue
        columns[name] = pd.Series(text.where(text != ""), index=index, dtype="str")
    columns["_line"] = state.frame["_line"]
    # the parsed columns as they are (pandas copies a dict's columns by default: large's
    # contracts spent 5-18 ms copying amounts, dates and lines; copy-on-write keeps
    # the frame and the parsed columns apart)
    state.frame = pd.DataFrame(columns, index=index, copy=False)

    for message in raw.warnings:
        state.file_problem(message, action="none", level="warning")
    for file, message in raw.sourced_warnings:
        state.problems.append(Problem(file, None, None, message, "warning", "none", spec.name))
    for pos, message in raw.row_problems:
        state.report([pos], None, message, "skip_row", reason="line does not fit the header")
    for pos, column, message, reason in raw.row_refusals:
        state.report([pos], column, message, "skip_row", reason=reason)
    _report_line_problems(state, raw)

    if spec.name == "declarations" and (len(parsed_by_column["kind"].bad)
                                        or len(parsed_by_column["kind"].noted)):
        # a register kept by hand writes the kind as free text ('Bestuurslid VV Elst')
        parsed_by_column["kind"] = read_free_text_kinds(state, parsed_by_column["kind"],
                                                        text_of("kind"))
    if spec.name == "officers" and "role" in contract_text:
        # a known role with a remark ('Bestuurder (gevolmachtigde)'): the role, the remark
        # kept beside it
        read_role_remarks(state, text_of("role"))

    # values that could not be read
    for col in spec.columns:
        parsed = parsed_by_column[col.name]
        if len(parsed.bad):
            parsed = _without_no_value(state, col, parsed, text_of(col.name))
        if len(parsed.bad):
            skips = col.required or col.unreadable_skips_row
            action: Action = "skip_row" if skips else "drop_value"
            messages = parsed.messages
            if col.unreadable_skips_row and not col.required:
                messages = [f"{m} (the row is skipped, not used without the value: "
                            f"{col.unreadable_skips_row})" for m in messages]
            state.report(parsed.bad, col.name, messages, action,
                         reason=f"unreadable {col.name}")
            if col.name in spec.birth_dates and action == "drop_value":
                _keep_partial_birth_years(state, col.name, parsed.bad, text_of(col.name),
                                          today)
            if col.type == "house_number":  # the addition goes with its number
                addition = col.name + "_addition"
                state.frame.loc[state.frame.index[parsed.bad], addition] = None
        if len(parsed.noted):
            _report_notes(state, col.name, parsed.noted, parsed.notes)

    _mask_bsn_in_text(state)
    _check_required_values(state, contract_text)
    if spec.name == "allocations":
        _forget_unsure_decisions(state)
    _check_name_sizes(state)
    _check_one_of(state)
    _check_periods(state)
    _check_non_negative(state)
    _check_birth_dates(state, today)
    _check_unique_ids(state)
    if spec.name == "organizations":
        _warn_shared_kvk(state)
    return state


#: column types whose values keep a leading apostrophe: text ('s-Hertogenbosch, 't Hart)
#: and ids (read through :func:`ingest.references.id_key`, which sets the mark aside), and
#: a house number, parsed with its addition
_MARKS_KEPT = ("id", "text", "house_number", "house_number_addition")
_TEXT_MARK = re.compile(r"""^\s*(?:['\u2018\u2019`]\s*(.*?)|"\s*(.*?)\s*")\s*$""", re.S)


def _without_text_marks(state: TableState, col: ColumnSpec, parsed: Parsed, text: pd.Series
                        ) -> Parsed:
    """The cells that failed to parse, read again without the mark that made them text:
    Excel's apostrophe (``'01-03-2024``, ``'0612345678``, which exports that keep Excel
    from turning a value into a number write) or quotes around the value (``"1.234,56"``,
    a value quoted twice on its way through two systems).  Only cells that failed are
    looked at, and a cell that still fails keeps its own message; one warning per column
    counts the cells read so.

    >>> import pandas as pd
    >>> from ingest.parse_values import parse_date
    >>> text = pd.Series(["'01-03-2024", "'x"], dtype="str")
    >>> [m.group(1) for m in map(_TEXT_MARK.match, text)]
    ['01-03-2024', 'x']
    """
    bad = parsed.bad
    cells = text.iloc[bad].tolist()
    stripped: list[str] = []
    marked: list[int] = []  # positions in ``bad``
    for k, cell in enumerate(cells):
        m = _TEXT_MARK.match(cell) if isinstance(cell, str) else None
        inner = (m.group(1) if m.group(1) is not None else m.group(2)) if m else None
        if inner:
            marked.append(k)
            stripped.append(inner)
    if not marked:
        return parsed
    again = _parse_column(col, pd.Series(stripped, dtype="str"), None)
    failed = set(again.bad.tolist())
    read = [i for i in range(len(marked)) if i not in failed]
    if not read:
        return parsed
    positions = bad[[marked[i] for i in read]]
    values = parsed.values.copy()
    values.iloc[positions] = again.values.iloc[read].to_numpy()
    keep = np.ones(len(bad), dtype=bool)
    keep[[marked[i] for i in read]] = False
    noted, notes = list(parsed.noted.tolist()), list(parsed.notes)
    local = {i: p for i, p in zip(read, positions.tolist())}
    for j, note in zip(again.noted.tolist(), again.notes):
        if j in local:
            noted.append(local[j])
            notes.append(note)
    order = np.argsort(np.asarray(noted, dtype=np.int64), kind="stable")
    examples = sorted({cells[marked[i]] for i in read})[:2]
    state.file_problem(
        f"{len(read)} value(s) marked as text ({', '.join(shown(e) for e in examples)}: "
        "Excel's apostrophe or quotes around the value) are read without the mark",
        column=col.name, action="none", level="warning")
    return dataclasses.replace(
        parsed, values=values, bad=bad[keep],
        messages=[m for m, k in zip(parsed.messages, keep) if k],
        noted=np.asarray(noted, dtype=np.int64)[order], notes=[notes[i] for i in order])


#: a day-first date with a two-digit year, in figures or with the month's name (01-03-85,
#: 1-mrt-85): the year's last two digits are the last group
_TWO_DIGIT_YEAR = re.compile(r"(?i)(\d{1,2}[-/.]\d{1,2}[-/.]|\d{1,2}[ .\-/]*[a-z]{3,9}\.?[ .\-/,]*)"
                             r"(\d{2})")


def _in_century(cells: list, century: str) -> tuple[list[int], Parsed | None]:
    """The cells written with a two-digit year (their positions in ``cells``) and those
    cells parsed again with ``century`` put in front of the year (``1-3-24``, ``"20"`` ->
    ``1-3-2024``); None when no cell has a two-digit year."""
    hits: list[int] = []
    full: list[str] = []
    for k, cell in enumerate(cells):
        m = _TWO_DIGIT_YEAR.fullmatch(cell.strip()) if isinstance(cell, str) else None
        if m:
            hits.append(k)
            full.append(m.group(1) + century + m.group(2))
    return hits, (parse_date(pd.Series(full, dtype="str")) if hits else None)


#: the columns that start or end a period (a declaration's, a relation's, an officer role's,
#: an employment's): a month or a year is a period bound there, not a date
_PERIOD_BOUNDS = ("valid_from", "valid_until", "employed_from", "employed_until")
#: a month and year (``jan 2023``, ``maart 2021``, ``sep. 2020``, ``01-2023``, ``1/2023``)
#: or a year alone (``2019``), as a register kept by hand writes since when or until when
_MONTH_YEAR = re.compile(r"(?i)(?:([a-z]{3,9})\.?[ \-/]*|(\d{1,2})[-/.])?((?:19|20)\d{2})")


def _month_or_year_of_period(state: TableState, col: ColumnSpec, parsed: Parsed,
                             text: pd.Series) -> Parsed:
    """The cells of a period's start or end that give a month or a year only (``jan
    2023``, ``mrt 2021``, ``01-2023``, ``2019``), as an integrity register kept by hand
    writes since when a side function runs: read as the first day of that month or year
    for a start and the last day for an end, so that the period covers all the value
    says; one warning per column counts them.  Why: left out, the declaration's start was
    unknown and the register's own word on it lost; any other reading would narrow the
    period the register gives."""
    start = col.name.endswith("_from")
    read: list[int] = []
    dates: list[pd.Timestamp] = []
    for k, cell in enumerate(text.iloc[parsed.bad].tolist()):
        m = _MONTH_YEAR.fullmatch(cell.strip()) if isinstance(cell, str) else None
        if m is None:
            continue
        word, number, year = m.group(1), m.group(2), int(m.group(3))
        if word is not None:
            month = _MONTHS.get(word.lower())
            if month is None:
                continue
        elif number is not None:
            month = int(number)
            if not 1 <= month <= 12:
                continue
        else:
            month = None
        if start:
            day = dt.date(year, month or 1, 1)
        else:
            last = month or 12
            day = (dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1))
        read.append(k)
        dates.append(pd.Timestamp(day))
    if not read:
        return parsed
    cells = text.iloc[parsed.bad[read]].tolist()
    what = "first" if start else "last"
    state.file_problem(
        f"{len(read)} value(s) give a month or a year only (such as {shown(cells[0])}, read "
        f"as {dates[0]:%Y-%m-%d}): each is read as its {what} day; write the whole date if "
        "it is known", column=col.name, action="none", level="warning")
    return _read_after_all(parsed, read, dates)


def _read_after_all(parsed: Parsed, read: list[int], values: list) -> Parsed:
    """``parsed`` with its bad values at positions ``read`` (positions in ``parsed.bad``)
    read after all as ``values``: no longer bad, their messages gone."""
    bad = parsed.bad
    out = parsed.values.copy()
    out.iloc[bad[read]] = values
    keep = np.ones(len(bad), dtype=bool)
    keep[read] = False
    return dataclasses.replace(parsed, values=out, bad=bad[keep],
                               messages=[m for m, k in zip(parsed.messages, keep) if k])


def _two_digit_birth_years(state: TableState, col: ColumnSpec, parsed: Parsed, text: pd.Series,
                           today: dt.date) -> Parsed:
    """Birth dates written with a two-digit year (``01-03-85``, ``1-mrt-85``), as older
    allocation and HR systems export them, read in the one century that gives a birth date
    in the past at an age under 100: ``85`` is 1985, ``05`` is 2005 (``25-12-26`` on 1 December
    2026 is 1926).  Other dates are read so only where their column's own dates, written in
    full, fix the century (:func:`_two_digit_years_by_column`); a birth date's is fixed by its
    being past.  One warning per column counts the values read so.

    An employee is at least :data:`_EMPLOYEE_MIN_AGE` years old: ``1-3-05`` in the
    employees' file is 2005 (21 in 2026), but ``1-3-12`` is neither 2012 (a child) nor 1912
    (over 100), so it stays reported.  A relative may be a child or a parent (any age under
    100), as may an officer or an applicant: the century that puts the date in the past."""
    cells = text.iloc[parsed.bad].tolist()
    hits, again = _in_century(cells, "20")  # hits: positions in ``parsed.bad``
    if again is None:
        return parsed
    employee = state.name == "employees"
    min_age = _EMPLOYEE_MIN_AGE if employee else 0
    limit = pd.Timestamp(today) - pd.DateOffset(years=min_age)
    oldest = pd.Timestamp(today) - pd.DateOffset(years=100)
    read: list[int] = []
    dates: list[pd.Timestamp] = []
    failed = set(again.bad.tolist())
    for i, k in enumerate(hits):
        if i in failed:
            continue
        date = again.values.iat[i]
        if date > limit:
            date = date.replace(year=date.year - 100)  # 29 February: both are leap years
        if date <= oldest:
            continue  # too young in this century, 100 or older in the last: not a guess
        read.append(k)
        dates.append(date)
    if not read:
        return parsed
    example = cells[read[0]]
    age = f"from {min_age} to under 100" if employee else "under 100"
    state.file_problem(
        f"{len(read)} birth date(s) with a two-digit year (such as {shown(example)}, read as "
        f"{dates[0]:%Y-%m-%d}) are read in the century that puts them in the past at an age "
        f"{age}; write the year in four digits to be sure", column=col.name,
        action="none", level="warning")
    return _read_after_all(parsed, read, dates)


#: the youngest age at which someone is in the employees' file (a holiday job at 15): a
#: two-digit birth year that makes an employee younger is read in the century before
_EMPLOYEE_MIN_AGE = 15


_DIGITS_ONLY_POSTCODE = re.compile(r"[0-9]{4,5}")
#: a postcode as another country writes it: four or five digits, or the British form
#: (outward code ``TQ13``, ``SW1A``, ``M1``; inward code ``8DF``), any case
_FOREIGN_POSTCODE = re.compile(r"[0-9]{4,5}|[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}")
#: fewer values than this never make a column one of postcodes without letters
_POSTCODES_WITH_STREET_MIN = 3


#: a Dutch postcode with a place name after it, as an export writes the two in one cell
#: (``1234 AB Utrecht``, ``1234AB  'S-GRAVENHAGE``, ``1234 AB, Den Haag``)
_POSTCODE_AND_PLACE = re.compile(r"([1-9][0-9]{3}\s*-?\s*[A-Za-z]{2}),?\s+"
                                 r"((?:[^\W\d_]|')[^\d,;()]*)", re.DOTALL)


def _postcodes_with_place(state: TableState, col: ColumnSpec, parsed: Parsed,
                          text: pd.Series) -> Parsed:
    """Postcodes written with the place after them (``1234 AB Utrecht``: one column of
    the export holds both): the postcode is read, with one warning per column that says
    the place is not read as the city.  Why: the whole value was left out as no postcode,
    so the address was lost to matching, while the postcode in it is plain to read.  Only
    letters may follow (a second number, ``1234 AB 12``, may be a house number or a
    typing error: it stays reported)."""
    cells = text.iloc[parsed.bad].tolist()
    read: list[int] = []
    values: list[str] = []
    for k, cell in enumerate(cells):
        m = _POSTCODE_AND_PLACE.fullmatch(cell.strip()) if isinstance(cell, str) else None
        if m is None:
            continue
        try:
            values.append(normalize_postcode(m[1]))
        except ValueError:
            continue
        read.append(k)
    if not read:
        return parsed
    state.file_problem(
        f"{len(read)} postcode(s) have a place after them (such as {shown(cells[read[0]])}): "
        "the postcode is read; the place is not read as the city: give it a column of its "
        "own", column=col.name, action="none", level="warning")
    return _read_after_all(parsed, read, values)


def _postcodes_with_street(state: TableState, col: ColumnSpec, parsed: Parsed,
                           text: pd.Series, street: pd.Series | None) -> Parsed:
    """A postcode column that holds no Dutch postcode at all, only four or five digits
    (``4223``: another country's postcode, as a record-linkage benchmark such as FEBRL or
    an applicant from Belgium or Germany writes it, or a Dutch postcode exported without
    its letters), read together with the row's street: ``4223 STANLEY STREET``.

    Why: left out, every address of such a file was lost to matching (FEBRL4 end to end
    lost 4 points of recall, ``bench/bench_linkage_scan.py``).  Read alone it would be
    wrong: a Dutch postcode with its letters is one side of one street, so postcode +
    house number is one address, while four digits are a whole suburb or district, where
    many houses have number 8.  With the street it is again one street in one place, so
    postcode + house number is one address, as the address key (``postcode|number``)
    assumes.  A row without a street keeps its postcode reported and left out.  Only a
    column without any Dutch postcode is read so: in a Dutch export, a postcode without its
    letters is a typing error, reported on its row.  One warning per column says so.

    A British postcode (``TQ13 8DF``, as the historical_50k benchmark writes them) is read
    the same way.  When no row has a street (the file has no street column), the column's
    values are left out with one warning and counted (``postcode of another country
    without a street``), instead of one warning per row: 9,000 lines that each say "not a
    Dutch postcode" hide what the scan has to say."""
    bad = parsed.bad
    present = int((text != "").sum())
    if present != len(bad) or len(bad) < _POSTCODES_WITH_STREET_MIN:
        return parsed  # a Dutch postcode in the column, or too few values to tell
    cells = text.iloc[bad].tolist()
    digits = all(_DIGITS_ONLY_POSTCODE.fullmatch(c) for c in cells)
    if not digits and not all(_FOREIGN_POSTCODE.fullmatch(c) for c in cells):
        return parsed
    streets = street.iloc[bad].tolist() if street is not None else [""] * len(bad)
    read = [k for k, st in enumerate(streets) if st]
    if not read:
        # no row has a street (historical_50k's UK postcodes, alone): one warning, not one
        # per row, and the values counted as left out
        state.file_problem(
            f"column {col.name!r} holds no Dutch postcode (four digits and two letters), but "
            f"{len(bad)} of another country (such as {shown(cells[0])}) and no street to "
            "read them with: such a postcode alone is no address, so they are left out",
            column=col.name, action="none", level="warning")
        values = parsed.values.copy()
        values.iloc[bad] = None
        state.drops.append((bad, col.name, "postcode of another country without a street"))
        return dataclasses.replace(parsed, values=values, bad=bad[:0], messages=[])
    made = [f"{cells[k]} {' '.join(streets[k].replace('|', ' ').split()).upper()}"
            for k in read]
    shape = (f"of four or five digits (such as {shown(cells[read[0]])}): another country's "
             "postcodes, or Dutch ones without their letters" if digits
             else f"in another country's form (such as {shown(cells[read[0]])})")
    state.file_problem(
        f"column {col.name!r} holds no Dutch postcode (four digits and two letters), but "
        f"{len(bad)} {shape}; the "
        f"{len(read)} with a street are read together with it (such as {shown(made[0])}), "
        "as digits and a house number alone are no address; "
        f"{len(bad) - len(read)} without a street are left out",
        column=col.name, action="none", level="warning")
    return _read_after_all(parsed, read, made)


#: how far (days) outside the span of a column's own dates a date with a two-digit year may
#: fall and still be read in their century
_TWO_DIGIT_MARGIN = pd.Timedelta(days=366)


#: a column without a date written in full: how many years before the scan's reference
#: date a two-digit year may put a date of the corporation (a decision, a contract, the
#: start of an employment or of a relationship) and still be read
_TWO_DIGIT_ALONE_PAST_YEARS = 80
#: ... and how far after it: a decision or a start is past, give or take a date typed
#: ahead (a year); the end of a validity or an employment may be planned (ten years)
_TWO_DIGIT_ALONE_AHEAD = pd.DateOffset(years=1)
_TWO_DIGIT_ALONE_AHEAD_END = pd.DateOffset(years=10)
#: 31 December '99 in an end column: the open end (31-12-9999) with a two-digit year, as
#: often as the end of 1999
_OPEN_END = re.compile(r"(?i)31[-/.]12[-/.]99|31[ .\-/]*dec(?:ember)?\.?[ .\-/,]*99")


def _end_column(name: str) -> bool:
    """A column that holds the end of a period (``valid_until``, ``employed_until``)."""
    return name.endswith("_until")


def _two_digit_years_alone(state: TableState, col: ColumnSpec, parsed: Parsed,
                           text: pd.Series, today: dt.date) -> Parsed:
    """A date column written entirely with two-digit years (``31-12-24``, ``1-3-98``), as
    Dutch Excel's short date format exports it: no date written in full tells the century,
    so each date is read in the one century that puts it between
    :data:`_TWO_DIGIT_ALONE_PAST_YEARS` years before the scan's reference date and a year
    after it (ten years for the end of a period, which may be planned).  Why: these are
    dates of the corporation's own events and periods, which lie in living memory; refused,
    the whole export was lost (a decision date is required).

    ``1-3-98`` is 1998, ``31-12-24`` 2024, an end ``31-12-30`` 2030.  A date that fits
    neither century (a decision ``1-1-35`` in 2026: 1935 or 2035) stays reported, as does
    ``31-12-99`` in an end column: the open end (31-12-9999) as likely as the end of 1999,
    so it is left out and the period read as open, with a message that says so.  One
    warning per column counts the dates read so, with an example."""
    cells = text.iloc[parsed.bad].tolist()
    hits, in20 = _in_century(cells, "20")  # hits: positions in ``parsed.bad``
    if in20 is None:
        return parsed
    _, in19 = _in_century(cells, "19")
    end = _end_column(col.name)
    reference = pd.Timestamp(today)
    earliest = reference - pd.DateOffset(years=_TWO_DIGIT_ALONE_PAST_YEARS)
    latest = reference + (_TWO_DIGIT_ALONE_AHEAD_END if end else _TWO_DIGIT_ALONE_AHEAD)
    read: list[int] = []
    dates: list[pd.Timestamp] = []
    open_ends: list[int] = []
    for i, k in enumerate(hits):
        if end and _OPEN_END.fullmatch(cells[k].strip()):
            open_ends.append(k)
            continue
        fits = [d for d in (in20.values.iat[i], in19.values.iat[i])
                if not pd.isna(d) and earliest <= d <= latest]
        if len(fits) == 1:  # (a 29 February is a date in one of the two centuries only)
            read.append(k)
            dates.append(fits[0])
    if open_ends:
        messages = list(parsed.messages)
        for k in open_ends:
            messages[k] = (
                f"{shown(cells[k])} may be the open end 31-12-9999 or 31-12-1999 (the year "
                "has two digits): left out, so the period is read as open; write the year in "
                "four digits (31-12-9999 for no end)")
        parsed = dataclasses.replace(parsed, messages=messages)
    if not read:
        return parsed
    state.file_problem(
        f"{len(read)} date(s) with a two-digit year (such as {shown(cells[read[0]])}, read as "
        f"{dates[0]:%Y-%m-%d}) are read in the century that puts them between "
        f"{earliest:%Y-%m-%d} and {latest:%Y-%m-%d}, as no date in the column has its year "
        "in four digits; write the year in four digits to be sure", column=col.name,
        action="none", level="warning")
    return _read_after_all(parsed, read, dates)


def _two_digit_years_by_column(state: TableState, col: ColumnSpec, parsed: Parsed,
                               text: pd.Series, today: dt.date) -> Parsed:
    """Dates other than birth dates written with a two-digit year (``1-3-24``), as people
    type them between rows written in full, read in the century of the column's own dates
    when those tell it: all of them in one century, and the date so read within a year of
    the first and last of them (``1-3-24`` in a column of 2023 and 2024 dates is 1 March
    2024).  The century is the column's, not a guess; a date that falls outside its span,
    keeps its two-digit year reported.  A column without dates written in full is read
    by :func:`_two_digit_years_alone`.  One warning per column counts the values read so."""
    known = parsed.values.dropna()
    if known.empty:
        return _two_digit_years_alone(state, col, parsed, text, today)
    first, last = known.min(), known.max()
    if first.year // 100 != last.year // 100:
        return parsed
    cells = text.iloc[parsed.bad].tolist()
    hits, again = _in_century(cells, str(first.year // 100))  # hits: positions in parsed.bad
    if again is None:
        return parsed
    failed = set(again.bad.tolist())
    read: list[int] = []
    dates: list[pd.Timestamp] = []
    for i, k in enumerate(hits):
        date = again.values.iat[i]
        if i in failed or not (first - _TWO_DIGIT_MARGIN <= date <= last + _TWO_DIGIT_MARGIN):
            continue
        read.append(k)
        dates.append(date)
    if not read:
        return parsed
    state.file_problem(
        f"{len(read)} date(s) with a two-digit year (such as {shown(cells[read[0]])}, read as "
        f"{dates[0]:%Y-%m-%d}) are read in the century of the column's other dates, which "
        f"lie from {first:%Y-%m-%d} to {last:%Y-%m-%d}; write the year in four digits to be "
        "sure", column=col.name, action="none", level="warning")
    return _read_after_all(parsed, read, dates)


#: identifier kinds a cell may hold several of, as people fill in a contact field
_SEVERAL_KINDS = {"email": "e-mail addresses", "phone": "phone numbers", "iban": "IBANs"}
#: what separates them: ``;``, ``,``, ``/``, ``|``, ``&``, or a word (``en``, ``of``, ``or``)
_SEVERAL_SPLIT = re.compile(r"\s*(?:[;,/|&\n]|\s(?:en|of|and|or|en/of)\s)\s*", re.I)
#: tables whose rows' further identifiers link (the holders of identifiers in the graph)
LINKING_TABLES = ("employees", "relatives", "organizations")


def _several_identifiers(state: TableState, col: ColumnSpec, parsed: Parsed, text: pd.Series
                         ) -> Parsed:
    """The cells that failed to parse because they hold several e-mail addresses, phone
    numbers or IBANs (``a@x.nl; b@y.nl``, ``06-12345678 / 020-1234567``), as a supplier
    master or a hand-kept register writes a contact field: the first is read as the value
    and the others are kept in ``state.further_identifiers``, so that each links as the
    first does.  A cell is read so only when every part is such an identifier (a phone
    number written ``020/1234567`` is one value, and stays unreadable); one warning per
    column counts the cells."""
    normalize = _IDENTIFIER_NORMALIZERS[col.type]
    bad = parsed.bad
    values = parsed.values.copy()
    keep = np.ones(len(bad), dtype=bool)
    examples: list[str] = []
    for k, (p, cell) in enumerate(zip(bad.tolist(), text.iloc[bad].tolist())):
        parts = [x for x in _SEVERAL_SPLIT.split(cell) if x] if isinstance(cell, str) else []
        if len(parts) < 2:
            continue
        try:
            read = list(dict.fromkeys(normalize(x) for x in parts))
        except ValueError:
            continue
        values.iat[p] = read[0]
        state.further_identifiers += [(p, col.name, v) for v in read[1:]]
        keep[k] = False
        if len(examples) < 2:
            examples.append(cell)
    if keep.all():
        return parsed
    used = ("each of the others links too" if state.name in LINKING_TABLES
            else "the others are not used")
    state.file_problem(
        f"{int((~keep).sum())} cell(s) hold more than one of the {_SEVERAL_KINDS[col.type]} "
        f"({', '.join(shown(e) for e in examples)}): the first is read as the value; {used}",
        column=col.name, action="none", level="warning")
    return dataclasses.replace(parsed, values=values, bad=bad[keep],
                               messages=[m for m, k in zip(parsed.messages, keep) if k])


def first_place(state: TableState, position: int) -> str | None:
    """Where the row at ``position`` is (``inkoop_2024.csv line 7``) when the table is read
    from several files, whose one warning per column names them all; None for one file."""
    if len(state.sources) <= 1:
        return None
    return state.place(int(state.frame["_line"].iat[position]))


def _without_no_value(state: TableState, col: ColumnSpec, parsed: Parsed, text: pd.Series
                      ) -> Parsed:
    """The cells that failed to parse, less those that say there is no value
    (:mod:`ingest.no_value`): a word such as ``NULL`` or ``n.v.t.`` is an empty cell (a
    required value is missing: the row is not used; an optional one is read as empty, told
    once per column), and so is an open period's ``31-12-9999``; an Excel error value
    stays unusable, with a message that says what it is."""
    if col.unreadable_skips_row:
        return parsed  # an empty value would widen what the row says (a mandate's kind)
    cells = text.iloc[parsed.bad].tolist()
    empty, open_ends, keep, messages = [], [], [], list(parsed.messages)
    for k, (p, cell) in enumerate(zip(parsed.bad.tolist(), cells)):
        if is_no_value(cell):
            empty.append((p, cell))
        elif col.type == "date" and open_period_end(cell, col.name):
            open_ends.append(cell)
        else:
            if excel_error(cell):
                messages[k] = excel_error_text(cell)
            keep.append(k)
    if empty and col.required:
        state.report([p for p, _ in empty], col.name,
                     [f"{shown(cell)} stands for no value, but {col.name} is required: fill in "
                      f"{col.meaning or col.name}, or remove the row" for _, cell in empty],
                     "skip_row", reason=f"missing {col.name}")
    elif empty:
        state.file_problem(read_as_empty([cell for _, cell in empty],
                                         first_place(state, empty[0][0])),
                           column=col.name, action="none", level="warning")
    if open_ends:
        dates = sorted(set(open_ends))
        what = "end" if col.name.endswith("_until") else "start"
        state.file_problem(
            f"{len(open_ends)} date(s) such as {shown(dates[0])} are read as an open {what} "
            f"(no {what} date), as the system that wrote them means", column=col.name,
            action="none", level="warning")
    if len(keep) == len(parsed.bad):
        return dataclasses.replace(parsed, messages=messages)
    return dataclasses.replace(parsed, bad=parsed.bad[keep], messages=[messages[k] for k in keep])


def _report_line_problems(state: TableState, raw: RawTable) -> None:
    """What the reader found on single lines: bytes that are not valid in the file's
    encoding (a warning on the line) and cells without a usable value, such as a formula
    whose result Excel never stored (the value is left out, or the row skipped when the
    column is required)."""
    if not raw.line_problems:
        return
    position_of = {int(line): pos for pos, line in enumerate(state.frame["_line"].to_numpy())}
    names = raw.header_names
    for line, header_cell, message, kind in raw.line_problems:
        pos = position_of.get(int(line))
        column = None
        if header_cell is not None:
            column = resolve_header(state.spec, header_cell) or column_key(header_cell)
            if names is not None and header_cell in raw.header:
                column = names[raw.header.index(header_cell)]
        if pos is None or kind == "line" or column is None or column not in state.frame:
            file, own = state.file_and_line(line)
            state.problems.append(Problem(file, own, column, message, "warning", "none",
                                          state.name))
            continue
        col_spec = state.spec.column(column) if state.spec.has(column) else None
        required = col_spec is not None and col_spec.required
        state.report([pos], column, message, "skip_row" if required else "drop_value",
                     reason=f"{column}: formula without a stored result" if required else
                     "formula without a stored result")


#: how long a column type takes to parse, roughly (order of the parallel jobs only)
_PARSE_COST = {"amount": 4, "number": 4, "date": 3, "phone": 3, "iban": 2, "kvk": 2,
               "email": 2, "postcode": 2, "enum": 1, "house_number": 1, "bool": 1}


#: a name longer than this is not a name (matching splits names into word runs, so a
#: 1,500-word "name" would cost gigabytes): refused before it reaches matching
MAX_NAME_CHARS = 200
MAX_NAME_WORDS = 20
_NAME_COLUMNS = ("name", "applicant_name", "co_applicant_name", "org_name")


BSN_IN_TEXT_MESSAGE = (
    "holds a nine-digit number that passes the eleven test (a possible BSN); it is replaced "
    f"by {BSN_MASK} and never shown: remove it from the export")


#: text columns that hold identifiers, not free text (see :func:`_mask_bsn_in_text`)
_LINKING_TEXT = frozenset({"accounts"})


def _mask_bsn_in_text(state: TableState) -> None:
    """A BSN typed into a text value (a name, a department, a position): the number is
    replaced by ``*********`` and each such value is a warning (the rest of the value is
    used).  A column holding only BSNs is refused as a whole (:func:`_match_columns`); this
    catches the one pasted into a remark, which no column test can.  Id columns are left
    alone: an invoice or order number of nine digits passes the eleven test one time in
    eleven, and an id is needed whole to link the rows; so are the ``accounts`` (logins
    an ERP names its handlers by), which link and are not shown."""
    for col in state.spec.columns:
        if col.type != "text" or col.name in state.blank_columns or col.name in _LINKING_TEXT:
            continue
        values = state.frame[col.name]
        hits = text_with_bsn(values)
        if not len(hits):
            continue
        masked = [mask_bsn(v) for v in values.iloc[hits].tolist()]
        state.frame.loc[state.frame.index[hits], col.name] = masked
        state.report(hits, col.name, BSN_IN_TEXT_MESSAGE, "none", level="warning")


def _check_name_sizes(state: TableState) -> None:
    for column in _NAME_COLUMNS:
        if not state.spec.has(column) or column in state.blank_columns:
            continue
        values = state.frame[column]
        present = values.notna().to_numpy()
        if not present.any():
            continue
        text = values.fillna("").astype(str)
        chars = text.str.len().to_numpy()
        # words only where there can be too many: 21 words take at least 41 characters
        words = np.zeros(len(text), dtype=np.int64)
        long = np.flatnonzero(chars > 2 * MAX_NAME_WORDS)
        if len(long):
            # the runs of non-space characters (``str.count(r"\S+")``): ``split()`` splits
            # on exactly the characters Python's ``\s`` matches, without a regex per value
            # (pandas counts an Arrow column's matches in a Python loop of ``re.findall``)
            words[long] = np.fromiter((len(v.split()) for v in text.iloc[long].tolist()),
                                      dtype=np.int64, count=len(long))
        big = np.flatnonzero(present & ((chars > MAX_NAME_CHARS) | (words > MAX_NAME_WORDS)))
        if not len(big):
            continue
        required = state.spec.column(column).required
        messages = [f"{column} has {int(chars[p])} characters in {int(words[p])} words; a name "
                    f"has at most {MAX_NAME_CHARS} characters and {MAX_NAME_WORDS} words: "
                    "check the cell (a note or a whole text pasted in?)" for p in big]
        state.report(big, column, messages, "skip_row" if required else "drop_value",
                     reason=f"{column} too long" if required else "name too long")


def _check_required_values(state: TableState, contract_text: dict[str, pd.Series]) -> None:
    for col in state.spec.columns:
        if not col.required or col.name in state.blank_columns:
            continue
        text = contract_text.get(col.name)
        if text is None:
            continue
        empty = (text == "").to_numpy(dtype=bool, copy=True)
        lacking = [i for i, cols in state.lacks_required.items() if col.name in cols]
        if lacking and state.row_source is not None:
            # rows of a file without the column: that file's one error says so, and
            # "fill in the value, or remove the row" would point at a column it lacks
            empty &= ~np.isin(state.row_source, lacking)
        missing = np.flatnonzero(empty)
        state.report(
            missing,
            col.name,
            f"{col.name} is empty but required: fill in {col.meaning or col.name}, or remove "
            "the row",
            "skip_row",
            reason=f"missing {col.name}",
        )


def _forget_unsure_decisions(state: TableState) -> None:
    """An allocation refused for its status (unknown, or empty in a list of candidates)
    may be a candidate who was not allocated: its ``decision_id`` is not compared with the
    other rows', so that the allocated row of the same advertisement is neither merged
    into it as a household nor refused as its duplicate (with ``--skip-bad-rows`` it would
    be lost with the refused row)."""
    unsure = np.flatnonzero(np.isin(state.skip_reason.astype(str),
                                    ["unreadable status", "missing status"]))
    if len(unsure):
        state.frame.loc[state.frame.index[unsure], "decision_id"] = None


def _check_one_of(state: TableState) -> None:
    frame = state.frame
    for group in state.spec.one_of:
        if all(c in state.blank_columns for c in group):
            continue
        none = np.ones(len(frame), dtype=bool)
        for c in group:
            none &= frame[c].isna().to_numpy()
        meanings = " or ".join(
            f"{c} ({state.spec.column(c).meaning})" for c in group
        )
        state.report(
            np.flatnonzero(none),
            group[0],
            f"no organization given: fill in {meanings}",
            "skip_row",
            reason=f"no {' / '.join(group)}",
        )


def _check_periods(state: TableState) -> None:
    frame = state.frame
    for start, end in state.spec.periods:
        a, b = frame[start], frame[end]
        wrong = np.flatnonzero((a.notna() & b.notna() & (a > b)).to_numpy())
        messages = [
            f"{start} {a.iat[p]:%Y-%m-%d} is after {end} {b.iat[p]:%Y-%m-%d}; correct or "
            "swap the dates"
            for p in wrong
        ]
        state.report(wrong, start, messages, "skip_row", reason=f"{start} after {end}")


def _check_non_negative(state: TableState) -> None:
    frame = state.frame
    for name in state.spec.non_negative:
        col = frame[name]
        negative = np.flatnonzero((col < 0).fillna(False).to_numpy(dtype=bool))
        messages = [f"{name} {col.iat[p]:.2f} is negative; write the amount without a minus "
                    "sign" for p in negative]
        state.report(negative, name, messages, "skip_row", reason=f"negative {name}")


_UNKNOWN_BIRTH = pd.Timestamp(1900, 1, 1)


def _check_birth_dates(state: TableState, today: dt.date) -> None:
    frame = state.frame
    limit = pd.Timestamp(today)
    for name in state.spec.birth_dates:
        col = frame[name]
        future = np.flatnonzero((col.notna() & (col > limit)).to_numpy())
        messages = [
            f"birth date {col.iat[p]:%Y-%m-%d} lies in the future; correct the date "
            "(day first: 01-03-1980)"
            for p in future
        ]
        state.report(future, name, messages, "drop_value", reason="birth date in the future")
        # SQL Server and Excel write 1900-01-01 for an unknown date: taken as a birth date it
        # would make every such record "born on the same day" (strong evidence in matching)
        unknown = (col == _UNKNOWN_BIRTH).fillna(False).to_numpy(dtype=bool)
        if unknown.any():
            state.frame.loc[unknown, name] = pd.NaT
            state.file_problem(
                f"{int(unknown.sum())} birth date(s) 1900-01-01, the date a database writes for "
                "an unknown one, are read as empty", column=name, action="none",
                level="warning")
        # the 1 January of many years (year-only dates) first, then one date on many rows
        # (01-01-1970 for "unknown"): a year-only column's common years are no placeholder
        _drop_year_only_birth_dates(state, name)
        _drop_placeholder_birth_dates(state, name)
        if state.spec.column(name).historical:
            _note_historical_birth_dates(state, name)


def _note_historical_birth_dates(state: TableState, name: str) -> None:
    """One warning per column that counts the birth dates before 1900 it read (a relative's
    or an applicant's may be historical, ``ColumnSpec.historical``): read as written, since
    a historical date is a valid date and matching needs it, but said, since nobody alive
    today was born then and a living person's such date is a typo in the year."""
    col = state.frame[name]
    early = (col.notna() & (col < pd.Timestamp(MIN_YEAR, 1, 1))).fillna(False).to_numpy(
        dtype=bool)
    if early.any():
        first = col[early].min()
        state.file_problem(
            f"{int(early.sum())} birth date(s) before {MIN_YEAR} (such as "
            f"{first:%d-%m-%Y}) are read as written: nobody alive today was born then, so "
            "check the year where these are living people", column=name, action="none",
            level="warning")


#: a column whose birth dates fall on 1 January at least this often (and on at least
#: ``PLACEHOLDER_MIN_ROWS`` rows) writes a birth date known by its year only as 1 January:
#: 73 times the share of one day in 365.  Not lower: the BRP itself holds 1 January as the
#: registered birth date of many people born where births were not registered (refugees
#: among them, whom social housing houses with priority), so an allocation list can hold
#: 1 January on one applicant in ten, and those are their real, registered dates
YEAR_ONLY_MIN_SHARE = 0.20
#: ... and on 1 January of at least this many years (one date on many rows, ``01-01-1970``,
#: is a placeholder: :func:`_drop_placeholder_birth_dates`)
YEAR_ONLY_MIN_YEARS = 5


def _drop_year_only_birth_dates(state: TableState, name: str) -> None:
    """A register that knows only the year of a birth writes it as 1 January (the BRP's
    ``00-00-1965`` converted by another system, a genealogical or historical register's
    year-precision date): two people "born on 1 January 1862" are then two people born in
    1862, yet as a day it is strong evidence in matching (``albert`` and ``albert baldwin
    bantock``, both 1862-01-01, would be one person).  In a column where 1 January holds
    far more dates than a day's share, on many years, those dates are read as empty, as a
    partial date ``00-00-1965`` is, with one warning per column that counts them."""
    col = state.frame[name]
    present = int(col.notna().sum())
    if present < PLACEHOLDER_MIN_ROWS:
        return
    jan1 = (col.notna() & (col.dt.month == 1) & (col.dt.day == 1)).to_numpy(dtype=bool)
    n = int(jan1.sum())
    if (n < PLACEHOLDER_MIN_ROWS or n < present * YEAR_ONLY_MIN_SHARE
            or col[jan1].dt.year.nunique() < YEAR_ONLY_MIN_YEARS):
        return
    keep_birth_years(state, name, np.flatnonzero(jan1), col[jan1].dt.year.to_numpy())
    state.frame.loc[jan1, name] = pd.NaT
    state.drops.append((np.flatnonzero(jan1), name, "birth date known by its year only"))
    state.file_problem(
        f"{n} of {present} birth date(s) fall on 1 January, far more than on any other day: "
        "a register writes a birth date known only by its year so (as 00-00-1965), so they "
        "are read as a year only: the date is left out, its year is kept for matching",
        column=name, action="none", level="warning")


def birth_year_column(name: str) -> str:
    """The internal column that keeps the birth year of a birth date known by its year
    only (``_birth_date_year`` for ``birth_date``): a leading ``_`` keeps it out of the
    columns a file is checked against, as ``_line`` is.  Made only when a year is kept, so
    a table without such dates has the columns it always had."""
    return f"_{name}_year"


def keep_birth_years(state: TableState, name: str, positions: np.ndarray,
                     years: np.ndarray) -> None:
    """Keep the year of birth dates left out as known by their year only (rows
    ``positions`` of the frame), in :func:`birth_year_column`: the date is read as empty,
    but matching can still tell a person born in 1965 from one born in 1990."""
    if not len(positions):
        return
    column = birth_year_column(name)
    if column not in state.frame.columns:
        state.frame[column] = pd.array([pd.NA] * len(state.frame), dtype="Int64")
    state.frame.loc[state.frame.index[positions], column] = np.asarray(years, dtype=np.int64)


_PARTIAL_YEAR = re.compile(r"\d{4}")


def _keep_partial_birth_years(state: TableState, name: str, bad: np.ndarray, text: pd.Series,
                              today: dt.date) -> None:
    """The year of each partial birth date (``00-00-1965``, ``1965-00-00``: day or month
    unknown, as the BRP writes it) among the values ``bad`` left out, kept by
    :func:`keep_birth_years`; a year of 0000 or in the future is no year."""
    at: list[int] = []
    years: list[int] = []
    for pos, value in zip(bad.tolist(), text.iloc[bad].tolist()):
        value = str(value).strip()
        if not _PARTIAL_DATE.fullmatch(value):
            continue
        year = int(_PARTIAL_YEAR.search(value).group())  # type: ignore[union-attr]
        if 1000 <= year <= today.year:
            at.append(pos)
            years.append(year)
    keep_birth_years(state, name, np.asarray(at, dtype=np.intp), np.asarray(years))


#: a birth date held by at least this many rows of a table, and by at least this share of
#: its rows with a birth date, is a placeholder (people spread over some 30,000 days)
PLACEHOLDER_MIN_ROWS = 25
PLACEHOLDER_MIN_SHARE = 0.01


def _drop_placeholder_birth_dates(state: TableState, name: str) -> None:
    """A birth date shared by more rows than ever share a birthday (``01-01-1970`` on 300
    of 2,000 applicants, as a system writes for an unknown date) is a placeholder: taken
    as a birth date it makes every such record "born on the same day", strong evidence in
    matching, and one block of them all (a scan of minutes).  Such dates are read as
    empty, with one warning per column that names them and counts the rows."""
    col = state.frame[name]
    present = int(col.notna().sum())
    if present < PLACEHOLDER_MIN_ROWS:
        return
    counts = col.value_counts()
    common = counts[(counts >= PLACEHOLDER_MIN_ROWS) & (counts >= present * PLACEHOLDER_MIN_SHARE)]
    if common.empty:
        return
    placeholder = col.isin(common.index).to_numpy(dtype=bool)
    state.frame.loc[placeholder, name] = pd.NaT
    state.drops.append((np.flatnonzero(placeholder), name, "placeholder birth date"))
    dates = ", ".join(f"{d:%d-%m-%Y} ({int(n)}x)" for d, n in sorted(common.items()))
    state.file_problem(
        f"{int(placeholder.sum())} birth date(s) are one date shared by more records than "
        f"people share a birthday ({dates}): a placeholder for an unknown date, read as empty",
        column=name, action="none", level="warning")


def _check_unique_ids(state: TableState) -> None:
    name = state.spec.id_column
    if name is None or name in state.blank_columns:
        return
    ids = state.frame[name]
    if strictly_increasing(ids):
        return  # sorted by id (the usual export): every id once, without hashing them
    missing = int(ids.isna().sum())
    if len(ids.unique()) - (missing > 0) == len(ids) - missing:
        return  # every id once (the usual case): a hash of the distinct ids tells
    duplicated = ids.notna() & ids.duplicated(keep="first")
    positions = np.flatnonzero(duplicated.to_numpy())
    if len(positions) == 0:
        return
    identical = _identical_to_first(state, name, positions)
    if identical.any():
        _skip_identical(state, name, positions[identical])
        positions = positions[~identical]
        if len(positions) == 0:
            return
    alike = _alike_but_for_ids(state, name, positions)
    if alike:
        same = np.asarray(sorted(alike), dtype=np.int64)
        first_of = _first_line_of(state, name, ids.iloc[same])
        state.report(
            same, name,
            [f"this row is the same as {state.located(line)} ({name} "
             f"{shown(str(ids.iat[p]))}) but for how it writes {alike[p]}; overlapping "
             "exports: it is used once, as that row has it" for p, line in zip(same, first_of)],
            "skip_row", reason="identical duplicate (used once)", level="warning")
        positions = positions[~isin(pd.Series(positions), pd.Index(same))]
        if len(positions) == 0:
            return
    if state.spec.name == "employees":
        positions = _merge_positions(state, name, positions)
    elif state.spec.name == "contracts":
        positions = _merge_order_lines(state, name, positions)
    elif state.spec.name == "allocations":
        positions = _merge_household_rows(state, name, positions)
    elif state.spec.name == "organizations":
        positions = _merge_organization_rows(state, name, positions)
    if len(positions) == 0:
        return
    repeated = ids.iloc[positions]
    involved = isin(ids, pd.Index(repeated.unique()))
    first_line = (
        state.frame.loc[involved, [name, "_line"]].drop_duplicates(name).set_index(name)["_line"]
    )
    lines = repeated.map(first_line).to_numpy()
    differ = _differing_columns(state, name, positions)
    messages = [
        f"{name} {shown(str(ids.iat[p]))} also appears on {state.place(line)} with other "
        f"values{f' in {cols}' if cols else ''}; ids must be unique: give one of the rows "
        "another id, or remove the wrong one (this row is skipped)"
        for p, line, cols in zip(positions, lines, differ)
    ]
    state.report(positions, name, messages, "skip_row", reason=f"duplicate {name}")


def _differing_columns(state: TableState, name: str, positions: np.ndarray) -> list[str]:
    """Per duplicate-id row, the contract columns whose value differs from the first row
    with that id (``handled_by, amount_eur``): what the user must compare to choose.  Only
    the rows of the repeated ids are looked at (a few of a large table)."""
    frame = state.frame
    cols = [c for c in state.spec.column_names if c in frame.columns and c != name]
    ids = frame[name]
    first: dict[object, int] = {}
    for p in np.flatnonzero(isin(ids, pd.Index(ids.iloc[positions].unique()))).tolist():
        first.setdefault(ids.iat[p], p)
    out = []
    for p in positions.tolist():
        f = first.get(ids.iat[p])
        out.append("" if f is None else ", ".join(
            c for c in cols if not _same_value(frame[c].iat[p], frame[c].iat[f])))
    return out


def _same_value(a: object, b: object) -> bool:
    """Two cells hold the same value, two missing ones included."""
    missing_a, missing_b = bool(pd.isna(a)), bool(pd.isna(b))  # None, NaN, NaT, NA
    if missing_a or missing_b:
        return missing_a and missing_b
    return bool(a == b)


def _first_positions(state: TableState, ids: pd.Series, positions: np.ndarray
                     ) -> dict[str, int]:
    """The first row position of each id repeated at ``positions`` (a few ids of a
    large table: only their rows are looked at), for the ids whose first row is used:
    a row is merged only into a row that is itself used, never lost with a skipped one."""
    repeated = ids.iloc[positions]
    first_at: dict[str, int] = {}
    for p in np.flatnonzero(isin(ids, pd.Index(repeated.unique()))).tolist():
        first_at.setdefault(ids.iat[p], p)
    return {v: p for v, p in first_at.items() if state.skip_reason[p] is None}


def _pair_with_first(state: TableState, name: str, positions: np.ndarray,
                     alike: Callable[[int, int], bool]
                     ) -> tuple[list[tuple[int, int]], list[int]]:
    """The repeated rows at ``positions`` that are used and ``alike`` their id's first
    row (which is used), as (row, first row); and the other positions."""
    ids = state.frame[name]
    first_at = _first_positions(state, ids, positions)
    merged: list[tuple[int, int]] = []
    rest: list[int] = []
    for p in positions.tolist():
        f = first_at.get(ids.iat[p])
        if f is not None and state.skip_reason[p] is None and alike(p, f):
            merged.append((p, f))
        else:
            rest.append(p)
    return merged, rest


#: the columns whose values link records (an address is postcode + number + addition)
_IDENTIFIER_FIELDS = ("postcode", "house_number", "house_number_addition", "iban", "email",
                      "phone")


def _keep_other_identifiers(state: TableState, merged: list[tuple[int, int]]) -> list[str]:
    """Keep the merged rows that hold an identifier their first row does not (a second
    IBAN, another address) in ``state.also``, so that it links as the first row's do;
    returns, per merged row, the note that says so ('' when none)."""
    frame = state.frame
    notes = []
    for p, f in merged:
        other = [c for c in _IDENTIFIER_FIELDS if c in frame.columns
                 and not pd.isna(frame[c].iat[p]) and frame[c].iat[p] != frame[c].iat[f]]
        if other:
            state.also.add(p)
            kept = ", ".join(dict.fromkeys(
                "address" if c in ("postcode", "house_number", "house_number_addition")
                else c for c in other))
            notes.append(f"; its other {kept} is kept: it links as the first row's does")
        else:
            notes.append("")
    return notes


def _merge_organization_rows(state: TableState, name: str, positions: np.ndarray
                             ) -> np.ndarray:
    """An ERP's vendor master exported a row per bank account or address: one supplier
    code on several rows with the same name.  A repeated ``org_id`` whose row has the
    id's first name (ignoring case and spacing) and no other KvK number is the same
    organization: what the first row leaves empty is taken from it, and its other IBAN,
    address, phone or e-mail is kept (``state.also``), so an employee who shares it is
    found.  A repeated id with another name or KvK number stays an error.  Returns the
    positions still to report as duplicates."""
    frame = state.frame
    ids = frame[name]
    names = frame["name"].tolist()
    merged, rest = _pair_with_first(state, name, positions,
                                    _same_name_and(frame, "kvk_number"))
    if not merged:
        return positions
    for p, f in merged:
        _fill_empty(frame, f, p, [c for c in frame.columns if c not in ("_line", name)])
    notes = _keep_other_identifiers(state, merged)
    lines = frame["_line"].to_numpy()
    state.report(
        np.asarray([p for p, _ in merged], dtype=np.int64), name,
        [f"{name} {shown(str(ids.iat[p]))} ({names[p]}) also appears on "
         f"{state.place(lines[f])}: the same organization; the rows are read as one" + note
         for (p, f), note in zip(merged, notes)],
        "skip_row", reason="another row of an organization (merged)", level="warning")
    return np.asarray(rest, dtype=np.int64)


def _fill_empty(frame: pd.DataFrame, first: int, other: int, columns: list[str]) -> None:
    """Give row ``first`` the values of row ``other`` in ``columns`` where it has none."""
    for c in columns:
        if pd.isna(frame[c].iat[first]) and not pd.isna(frame[c].iat[other]):
            frame.iloc[first, frame.columns.get_loc(c)] = frame[c].iat[other]


def _same_name_and(frame: pd.DataFrame, column: str) -> Callable[[int, int], bool]:
    """Whether two rows name one holder: the same name (ignoring case and spacing) and
    no two different values in ``column`` (a birth date, a KvK number)."""
    names, other = frame["name"].tolist(), frame[column]

    def alike(p: int, f: int) -> bool:
        a, b = other.iat[p], other.iat[f]
        return (bool(_folded(names[p])) and _folded(names[p]) == _folded(names[f])
                and (pd.isna(a) or pd.isna(b) or a == b))

    return alike


def _folded(text: object) -> str:
    """A name compared ignoring case and spacing (``''`` when there is none)."""
    return " ".join(str(text).casefold().split()) if isinstance(text, str) else ""


#: an employee's own fields, the same on every position row of one person (filled from a
#: later row where the first has none)
_PERSON_FIELDS = ("birth_date", "street", "house_number", "house_number_addition", "postcode",
                  "city", "iban", "email", "phone")


def _merge_positions(state: TableState, name: str, positions: np.ndarray) -> np.ndarray:
    """HR systems export a row per employment or position (dienstverband): one person
    with two positions, or who left and came back, is two rows with one personnel
    number.  A repeated id whose row names the same person as the id's first row (the
    same name, ignoring case and spacing, and no other birth date) is read as that
    employee: employed from the earliest start to the latest end (open when one position
    is), role, department and extra columns (a job title) of the position that started
    last, logins of every row, and what the first row leaves empty taken from the other
    (another identifier is kept, ``state.also``).  The other row is told and counted as
    merged; a repeated id with another name or birth date stays an error.
    Returns the positions still to report as duplicates."""
    frame = state.frame
    ids = frame[name]
    names = frame["name"].tolist()
    merged, rest = _pair_with_first(state, name, positions,
                                    _same_name_and(frame, "birth_date"))
    if not merged:
        return positions
    columns = frame.columns
    for p, f in merged:
        _fill_empty(frame, f, p, [c for c in _PERSON_FIELDS if c in columns])
        starts = frame["employed_from"]
        if not pd.isna(starts.iat[p]) and (pd.isna(starts.iat[f]) or starts.iat[p] > starts.iat[f]):
            position_fields = ["role", "department", *(c for c in columns if c != "_line"
                                                        and not state.spec.has(c))]
            for field_name in position_fields:  # of the position that started last
                if not pd.isna(frame[field_name].iat[p]):
                    frame.iloc[f, columns.get_loc(field_name)] = frame[field_name].iat[p]
        if not pd.isna(starts.iat[p]) and not pd.isna(starts.iat[f]):
            frame.iloc[f, columns.get_loc("employed_from")] = min(starts.iat[p], starts.iat[f])
        ends = frame["employed_until"]
        if not (pd.isna(ends.iat[p]) or pd.isna(ends.iat[f])):
            frame.iloc[f, columns.get_loc("employed_until")] = max(ends.iat[p], ends.iat[f])
        elif not pd.isna(ends.iat[f]):  # the other position is open: so is the employee
            frame.iloc[f, columns.get_loc("employed_until")] = ends.iat[p]
        logins = [a for a in (frame["accounts"].iat[f], frame["accounts"].iat[p])
                  if isinstance(a, str) and a]
        if len(logins) == 2 and logins[0] != logins[1]:
            frame.iloc[f, columns.get_loc("accounts")] = ", ".join(logins)
    notes = _keep_other_identifiers(state, merged)
    at = np.asarray([p for p, _ in merged], dtype=np.int64)
    lines = frame["_line"].to_numpy()
    state.report(
        at, name,
        [f"{name} {shown(str(ids.iat[p]))} ({names[p]}) also appears on "
         f"{state.place(lines[f])}: another position of the same employee; the rows are "
         "read as one employee (employed from the first start to the last end, role and "
         "department of the latest position)" + note for (p, f), note in zip(merged, notes)],
        "skip_row", reason="another position of an employee (merged)", level="warning")
    return np.asarray(rest, dtype=np.int64)


def _same_file(state: TableState) -> Callable[[int, int], bool]:
    """Whether two rows come from one file (or sheet) of the table.  The lines of one
    order and the people of one household are exported together, in one file; the same
    number in two files of a table (January's and February's export, a full export beside
    an incremental one) with another amount or person is the same decision exported
    twice and changed in between: an error that names both places, not lines to add up."""
    source = state.row_source
    if source is None:
        return lambda p, f: True
    return lambda p, f: bool(source[p] == source[f])


#: what makes two lines one order: every contract column but the amount and the text
_ORDER_FIELDS = ("kind", "org_id", "decision_date", "handled_by", "approved_by",
                 "second_approved_by", "requested_by")


def _merge_order_lines(state: TableState, name: str, positions: np.ndarray) -> np.ndarray:
    """ERP systems export an order or invoice a row per line (orderregel, factuurregel):
    one number, one supplier, date and handlers, an amount per line.  A repeated
    ``decision_id`` whose row agrees with the id's first row on every field of the
    decision (:data:`_ORDER_FIELDS`) is another line of that decision: its amount is
    added to the first row's (the decision's total, which the mandate limits and the
    split-order rule weigh), and the row is told and counted as merged.  A repeated id
    with another supplier, date or handler stays an error.  Returns the positions still
    to report as duplicates."""
    frame = state.frame
    ids = frame[name]
    fields = [frame[c] for c in _ORDER_FIELDS]

    same_file = _same_file(state)
    merged, rest = _pair_with_first(
        state, name, positions,
        lambda p, f: same_file(p, f)
        and all(_same_value(column.iat[p], column.iat[f]) for column in fields))
    if not merged:
        return positions
    at = frame.columns.get_loc("amount_eur")
    for p, f in merged:
        amounts = frame["amount_eur"]  # as the last line left it
        if not pd.isna(amounts.iat[p]):
            total = amounts.iat[p] if pd.isna(amounts.iat[f]) else amounts.iat[f] + amounts.iat[p]
            frame.iloc[f, at] = total
    lines = frame["_line"].to_numpy()
    state.report(
        np.asarray([p for p, _ in merged], dtype=np.int64), name,
        [f"{name} {shown(str(ids.iat[p]))} also appears on {state.place(lines[f])}: another "
         "line of the same order (the same supplier, date and handlers); the lines are read "
         "as one decision, its amount the sum of the lines" for p, f in merged],
        "skip_row", reason="another line of a decision (merged)", level="warning")
    return np.asarray(rest, dtype=np.int64)


#: what makes an allocation one decision: the home, the day, its kind and the staff on it
_ALLOCATION_FIELDS = ("kind", "decision_date", "handled_by", "approved_by",
                      "second_approved_by", "unit_id")


def _merge_household_rows(state: TableState, name: str, positions: np.ndarray) -> np.ndarray:
    """Allocation systems export a letting a row per person of the household: one number,
    home, date and handlers, another name.  A repeated ``decision_id`` whose row agrees
    with the id's first row on :data:`_ALLOCATION_FIELDS` and names another applicant is
    that person: read as the allocation's co-applicant (name and birth date) when it has
    none, so the rules check both people; a further person (a third member, a child) is
    told and counted, for the contract holds two.  A repeated id with another home, date
    or handler, or the same applicant again, stays an error.  Returns the positions still
    to report as duplicates.

    Why not an error: refusing the rows stopped the scan (or, skipped, left the partner
    unchecked), while the household is exactly what the allocation rules look at."""
    frame = state.frame
    if "applicant_name" not in frame.columns:
        return positions
    ids = frame[name]
    fields = [frame[c] for c in _ALLOCATION_FIELDS if c in frame.columns]
    applicant = frame["applicant_name"]

    same_file = _same_file(state)

    def other_person(p: int, f: int) -> bool:
        return (same_file(p, f) and all(_same_value(c.iat[p], c.iat[f]) for c in fields)
                and not pd.isna(applicant.iat[p])
                and " ".join(str(applicant.iat[p]).casefold().split())
                != " ".join(str(applicant.iat[f]).casefold().split()))

    merged, rest = _pair_with_first(state, name, positions, other_person)
    if not merged:
        return positions
    has_co = "co_applicant_name" in frame.columns
    born = "applicant_birth_date" in frame.columns and "co_applicant_birth_date" in frame.columns
    lines = frame["_line"].to_numpy()
    co_at = frame.columns.get_loc("co_applicant_name") if has_co else None
    messages, reasons = [], []
    for p, f in merged:
        where = state.place(lines[f])
        person = shown(str(applicant.iat[p]))
        if has_co and pd.isna(frame["co_applicant_name"].iat[f]):
            frame.iloc[f, co_at] = applicant.iat[p]
            if born:
                frame.iloc[f, frame.columns.get_loc("co_applicant_birth_date")] = \
                    frame["applicant_birth_date"].iat[p]
            messages.append(f"{name} {shown(str(ids.iat[p]))} also appears on {where} with "
                            f"another person of the household ({person}): read as that "
                            "allocation's co-applicant")
            reasons.append("another person of the household (co-applicant)")
        else:
            messages.append(f"{name} {shown(str(ids.iat[p]))} also appears on {where}, which "
                            f"has an applicant and a co-applicant already: {person}, a further "
                            "person of the household, is not checked by the rules")
            reasons.append("a third person of the household (not checked)")
    for reason in dict.fromkeys(reasons):
        at = np.asarray([p for (p, _), r in zip(merged, reasons) if r == reason], dtype=np.int64)
        state.report(at, name, [m for m, r in zip(messages, reasons) if r == reason],
                     "skip_row", reason=reason, level="warning")
    return np.asarray(rest, dtype=np.int64)


def _skip_identical(state: TableState, name: str, same: np.ndarray) -> None:
    """Rows that are, value for value, an earlier row with their id (the same record in
    two overlapping exports: a monthly file beside a quarterly one) are used once, and said
    once per file with their count and the first of them: one line per row buried the rest
    of ``coi validate`` under a line for each of an overlap's thousands of rows."""
    ids = state.frame[name]
    first_of = _first_line_of(state, name, ids.iloc[same])
    state.skip_rows(same, "identical duplicate (used once)")
    lines = state.frame["_line"].to_numpy()[same]
    by_file: dict[int, list[int]] = {}
    for k, line in enumerate(lines.tolist()):
        index = locate_line(state.sources, line)[0] if len(state.sources) > 1 else 0
        by_file.setdefault(index, []).append(k)
    for index, ks in sorted(by_file.items()):
        k = ks[0]
        file = state.sources[index].file if len(state.sources) > 1 else state.file
        own = (locate_line(state.sources, int(lines[k]))[1] if len(state.sources) > 1
               else int(lines[k]))
        header = (state.sources[index].headers.get(name) if len(state.sources) > 1
                  else state.original_header.get(name))
        state.problems.append(Problem(
            file, None, name,
            f"{len(ks)} row(s) are identical to a row before them with the same {name}, "
            f"the first on line {own} ({name} {shown(str(ids.iat[int(same[k])]))}, identical "
            f"to {state.located(int(first_of[k]))}); overlapping exports: each is used once",
            "warning", "none", state.name, header))


def _first_line_of(state: TableState, name: str, values: pd.Series) -> np.ndarray:
    frame = state.frame
    first = frame.loc[frame[name].notna(), [name, "_line"]].drop_duplicates(name)
    return values.map(first.set_index(name)["_line"]).to_numpy()


def _identical_to_first(state: TableState, name: str, positions: np.ndarray) -> np.ndarray:
    """Which duplicate-id rows hold exactly the same contract values as the first row with
    that id (the same record in two overlapping exports)."""
    frame = state.frame
    cols = [c for c in state.spec.column_names if c in frame.columns]
    digest = pd.util.hash_pandas_object(frame[cols].astype(object), index=False).to_numpy()
    ids = frame[name]
    first_pos = (
        pd.Series(np.arange(len(frame)), index=frame.index)[ids.notna().to_numpy()]
        .groupby(ids[ids.notna()].to_numpy()).first()
    )
    firsts = ids.iloc[positions].map(first_pos).to_numpy().astype(np.int64)
    return digest[positions] == digest[firsts]


def _alike_but_for_ids(state: TableState, name: str, positions: np.ndarray) -> dict[int, str]:
    """The duplicate-id rows that hold the first row's values but write an id it refers
    by otherwise (``o00076`` or ``76`` for ``O00076``, ``e0024`` for ``E0024``), with the
    columns where: position -> ``'org_id ('o00076' / 'O00076')'``.

    Overlapping exports of one table made at other times or through Excel (which drops
    the leading zeros of a vendor number) hold the same record so; compared as written,
    the second was a duplicate id with other values, an error.  The ids are compared as
    references are resolved (:func:`ingest.references.id_key`: case, spaces, separators
    and leading zeros aside), also when one export writes the id with its name as an ERP's
    grid shows it (``E0012 (J. de Vries)``, ``20034 - Bouw B.V.``) and the other the id
    alone; every other value must be the same."""
    from ingest.references import id_and_name_key, id_key

    def same_id(a: object, b: object) -> bool:
        """Whether two references name one id: written otherwise, or with a name beside
        it in one of them (two names beside it must agree)."""
        ka, kb = id_and_name_key(str(a)), id_and_name_key(str(b))
        if ka and kb:
            return ka == kb
        if ka or kb:
            return (ka or kb).split("|", 1)[0] == id_key(str(b if ka else a))
        return id_key(str(a)) == id_key(str(b))

    frame = state.frame
    spec = state.spec
    refs = [c for c in spec.column_names
            if c in frame.columns and c != name and spec.column(c).type == "id"]
    if not refs:
        return {}
    others = [c for c in spec.column_names if c in frame.columns and c not in refs]
    ids = frame[name]
    first: dict[object, int] = {}
    for p in np.flatnonzero(isin(ids, pd.Index(ids.iloc[positions].unique()))).tolist():
        first.setdefault(ids.iat[p], p)
    out: dict[int, str] = {}
    for p in positions.tolist():
        f = first.get(ids.iat[p])
        if f is None or not all(_same_value(frame[c].iat[p], frame[c].iat[f]) for c in others):
            continue
        written: list[str] = []
        for c in refs:
            a, b = frame[c].iat[p], frame[c].iat[f]
            if _same_value(a, b):
                continue
            if pd.isna(a) or pd.isna(b) or not same_id(a, b):
                break
            written.append(f"{c} ({shown(str(a))} / {shown(str(b))})")
        else:
            if written:
                out[p] = ", ".join(written)
    return out


def _report_notes(state: TableState, column: str, noted: np.ndarray, notes: list[str]) -> None:
    """The warnings on values read with a note (a spelling read as a known word, a yes/no
    with a remark after it): a note on one row stays on its row; a note that several rows
    share (the same value written so on every row of the column, as an export does) is told
    once for the column, with the count and the first row.  Why: one line per row repeated
    the same sentence dozens of times and buried the real problems."""
    by_note: dict[str, list[int]] = {}
    for pos, note in zip(np.asarray(noted).tolist(), notes):
        by_note.setdefault(note, []).append(int(pos))
    single = sorted((ps[0], n) for n, ps in by_note.items() if len(ps) == 1)
    if single:
        state.report([p for p, _ in single], column, [n for _, n in single], "none",
                     level="warning")
    lines = state.frame["_line"].to_numpy()
    for note, ps in by_note.items():
        if len(ps) > 1:
            state.file_problem(f"{len(ps)} rows, the first {state.place(int(lines[min(ps)]))}: "
                               f"{note}", column=column, action="none", level="warning")


def _warn_shared_kvk(state: TableState) -> None:
    frame = state.frame
    kvk = frame["kvk_number"]
    shared = kvk.notna() & kvk.duplicated(keep="first")
    if not shared.any():
        return
    # a row of the same organization (merged: a second bank account) shares it of course
    shared &= ~frame.duplicated(["kvk_number", "org_id"], keep="first")
    positions = np.flatnonzero(shared.to_numpy())
    if len(positions) == 0:
        return
    first = frame.loc[kvk.notna()].drop_duplicates("kvk_number").set_index("kvk_number")
    messages = []
    for p in positions:
        other = first.loc[kvk.iat[p]]
        messages.append(
            f"kvk_number {kvk.iat[p]} is also the KvK number of org_id "
            f"{shown(str(other['org_id']))} ({state.place(other['_line'])}); if they are the "
            "same organization, merge the rows so links to it are found"
        )
    state.report(positions, "kvk_number", messages, "none", level="warning")
