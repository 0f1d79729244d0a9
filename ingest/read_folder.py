"""Read a data folder into a :class:`~ingest.model.Dataset`: every table, every problem.

:func:`read_dataset` never stops at the first problem and never raises for bad content:
it reads every file, checks every row and every reference, and returns the usable rows
plus the full list of problems.  Whether to run on is the caller's decision (``coi scan``
refuses on errors unless ``--skip-bad-rows``; any ``refuse_file`` problem always stops it).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "employees.csv").write_text("employee_id;name\\nE1;Jan de Vries\\n")
>>> _ = (folder / "organizations.csv").write_text("org_id,name\\nO1,Bouwbedrijf X\\n")
>>> _ = (folder / "contracts.csv").write_text(
...     "decision_id,org_id,decision_date,handled_by,amount_eur\\nD1,O1,01-03-2024,E1,\\"48.000,00\\"\\n")
>>> ds = read_dataset(folder)
>>> ds.problems, ds.frame("contracts")["amount_eur"].tolist()
([], [48000.0])
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import gc
import os
import re
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from ingest.column_ops import columns_in_parallel
from ingest.header_cache import headers_resolved_once, resolve_headers
from ingest.header_mapping import Mapping, MappingError, load_mapping
from ingest.model import Dataset, FileNotRead, Problem, SourceFile, Table
from ingest.allocation_status import set_aside_candidates
from ingest.address_parts import split_address
from ingest.derived_ids import derive_relative_ids
from ingest.joint_names import split_joint_applicants
from ingest.name_parts import compose_name
from ingest.read_files import (RawTable, UnreadableFile, cell_text, drop_footer_rows,
                               drop_repeated_headers,
                               name_under_headings,
                               locate_table_files, read_table_parts, shown_name,
                               tables_of_columns)
from ingest.references import check_table_references
from ingest.tables import DECISION_TABLES, REFERENCES, REQUIRED_TABLES, TABLE_ORDER, TABLES
from ingest.validate_rows import (
    _IDENTIFIER_FIELDS,
    TableState,
    check_table,
    column_key,
    kind_note,
    kind_of_export,
    unreadable_state,
)

__all__ = ["files_not_read", "problem_sort_key", "read_dataset", "validate"]


def problem_sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Order problems by file, line (file-wide ones first) and column."""
    return (problem.file, problem.line or 0, problem.column or "", problem.message)


def _file_names(name: str) -> str:
    return f"{name}.csv or {name}.xlsx"


def _unfound_patterns(data_dir: Path, found: dict[str, list[Path]], maps: Mapping
                      ) -> tuple[list[Problem], set[str]]:
    """A table whose files the mapping names by a pattern that no file in the folder fits
    (a typo, a file kept elsewhere: ``../hr/emp.csv``): said as such, an error for a
    required table, a warning for another, instead of "missing" or "not supplied"."""
    problems: list[Problem] = []
    told: set[str] = set()
    where = maps.path.name if maps.path else "mapping.yaml"
    present: list[str] | None = None  # the folder's files, walked once when needed
    for name in TABLES:
        patterns = maps.table(name).files
        if found.get(name) and len(patterns) > 1:
            # one pattern that fits nothing beside another that fits (a typo in
            # "contracten/*.xlsx" beside "inkoop-*.csv") would drop that year's files
            # without a word: each such pattern is a warning
            if present is None:
                present = _folder_file_names(data_dir)
            for pattern in patterns:
                if not any(fnmatch.fnmatch(f, pattern.lower()) for f in present):
                    problems.append(Problem(  # said of the mapping file, whose line it is
                        where, None, None,
                        f"the pattern {pattern!r} of {name}: no file in {data_dir} fits it "
                        f"(the table is read from the files its other patterns fit); correct "
                        f"the pattern in {where} or remove it",
                        "warning", "none", name))
        if found.get(name) or not patterns:
            continue
        told.add(name)
        required = name in REQUIRED_TABLES
        problems.append(Problem(  # of the mapping file: no `employees.csv` is meant
            where, None, None,
            f"{', '.join(repr(p) for p in patterns)}, named as the file(s) of {name}: no "
            f"file in {data_dir} fits; correct the name in {where} (files "
            "are looked for in the data folder and its subfolders only)",
            "error" if required else "warning", "refuse_file" if required else "none", name))
    return problems, told


def _folder_file_names(data_dir: Path) -> list[str]:
    """Every file of the data folder and its subfolders, as a ``files:`` pattern is matched:
    its name and its path from the folder (``contracten/2024.xlsx``), lower case; hidden
    entries and Excel's lock files left out."""
    out: list[str] = []
    for root, dirs, files in os.walk(data_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith((".", "~$"))]
        for f in files:
            if not f.startswith((".", "~$")):
                rel = (Path(root) / f).relative_to(data_dir).as_posix().lower()
                out += [rel, f.lower()]
    return out


def _folder_problems(data_dir: Path, found: dict[str, list[Path]], maps: Mapping | None = None,
                     refused: set[str] = frozenset()) -> list[Problem]:
    """Required tables without a file; not for the ``refused`` tables, whose file is there
    and already refused with its reason (a link out of the folder, a FIFO): "missing"
    beside it would contradict it."""
    problems, told = _unfound_patterns(data_dir, found, maps) if maps else ([], set())
    told = told | refused
    for name in REQUIRED_TABLES:
        if not found[name] and name not in told:
            problems.append(
                Problem(
                    f"{name}.csv",
                    None,
                    None,
                    f"required file missing: put {_file_names(name)} ({TABLES[name].description}) "
                    f"in {data_dir} (or name its file in mapping.yaml; see docs/input-format.md)",
                    "error",
                    "refuse_file",
                    name,
                )
            )
    if not any(found[name] for name in DECISION_TABLES):
        problems.append(
            Problem(
                "contracts.csv",
                None,
                None,
                "no decisions to check: put contracts.csv or contracts.xlsx (procurement "
                f"decisions), allocations.csv or allocations.xlsx (housing decisions), or both "
                f"in {data_dir}",
                "error",
                "refuse_file",
                "contracts",
            )
        )
    return problems


def _to_table(state: TableState) -> Table:
    kept = state.kept
    dropped = state.dropped_counts()
    reasons = Counter(state.skip_reason[~kept].tolist())
    copied = sum(src.rows_read for src in state.copies)
    if copied:
        reasons[_COPY_REASON] += copied
    frame = state.frame.loc[kept].reset_index(drop=True) if not kept.all() else state.frame
    return Table(
        name=state.name,
        frame=frame,
        path=state.path,
        sha256=state.sha256,
        rows_read=state.rows_read + copied,
        rows_skipped=int((~kept).sum()) + copied,
        skipped_reasons=dict(sorted(reasons.items())),
        values_dropped=sum(sum(r.values()) for r in dropped.values()),
        dropped_by_column=dropped,
        encoding=state.encoding,
        delimiter=state.delimiter,
        sources=_source_accounts(state),
        original_header=dict(sorted(state.original_header.items())),
        ignored_columns=sorted(state.ignored_columns),
        built_from=list(state.built_from),
        also=_also_rows(state),
    )


def _also_rows(state: TableState) -> pd.DataFrame | None:
    """The rows whose identifiers link beside the table's own (``Table.also``): rows
    merged into another row of their id, and a row per further identifier of a cell that
    held several, as a copy of its row with only that identifier."""
    parts = [state.frame.iloc[sorted(state.also)]] if state.also else []
    kept = state.kept
    further = [(p, c, v) for p, c, v in state.further_identifiers if kept[p] or p in state.also]
    if further:
        rows = state.frame.iloc[[p for p, _, _ in further]].copy()
        for c in _IDENTIFIER_FIELDS:
            if c in rows.columns:
                rows[c] = None
        for c in {c for _, c, _ in further}:
            rows[c] = pd.Series([v if col == c else None for _, col, v in further],
                                index=rows.index, dtype=state.frame[c].dtype)
        parts.append(rows)
    return pd.concat(parts, ignore_index=True) if parts else None


def _source_accounts(state: TableState) -> list[SourceFile]:
    """Per file: rows read, used and skipped (read = used + skipped for every file)."""
    sources = state.sources or [SourceFile(state.file, state.sha256, state.rows_read,
                                           encoding=state.encoding, delimiter=state.delimiter)]
    which = state.row_source if state.row_source is not None else np.zeros(
        state.rows_read, dtype=np.int64)
    kept = state.kept
    out = []
    for i, src in enumerate(sources):
        mine = which == i
        used = int((mine & kept).sum())
        skipped = int((mine & ~kept).sum())
        reasons = Counter(state.skip_reason[mine & ~kept].tolist())
        # rows_read stays what the reader counted in the file: used + skipped must equal it
        assert used + skipped == src.rows_read, (src.file, src.rows_read, used, skipped)
        out.append(dataclasses.replace(src, rows_used=used,
                                       rows_skipped=skipped,
                                       skipped_reasons=dict(sorted(reasons.items())),
                                       values_left_out=state.dropped_counts(mine)))
    # a file that repeats another: after the files whose rows are read, its lines past
    # every row's (so that no row is located in it)
    past = int(state.frame["_line"].max()) + 1 if len(state.frame) else 1
    out.extend(dataclasses.replace(copy, line_offset=past) for copy in state.copies)
    return out


def read_dataset(
    data_dir: str | Path,
    progress: Callable[[str], None] | None = None,
    today: dt.date | None = None,
    mapping: str | Path | None = None,
    sheet: str | None = None,
) -> Dataset:
    """Read and check every contract table in ``data_dir``.

    ``progress`` receives a short line per step (for a CLI spinner or log).  ``today``
    fixes the date birth dates are compared with (for tests); default: the real today.
    ``mapping`` is a mapping file (default ``DATA_DIR/mapping.yaml`` when present);
    ``sheet`` the .xlsx sheet to read where the mapping names none (default: the first).
    """
    root = Path(data_dir)
    say = progress or (lambda _msg: None)
    if not root.is_dir():
        problem = Problem(
            str(root),
            None,
            None,
            "the data folder does not exist or is not a folder; pass the folder that holds "
            "employees.csv, organizations.csv and contracts.csv (or .xlsx)",
            "error",
            "refuse_file",
            "",
        )
        return Dataset(root, {}, [problem])
    try:
        maps = load_mapping(root, mapping)
    except MappingError as exc:
        where = str(Path(mapping)) if mapping else str(root / "mapping.yaml")
        message = str(exc).removeprefix(f"{where}: ")
        return Dataset(root, {}, [Problem(where, None, None, message, "error", "refuse_file", "")])
    try:
        found, odd = locate_table_files(root, list(TABLES), maps)
    except OSError as exc:
        problem = Problem(str(root), None, None,
                          f"the data folder cannot be listed ({exc.strerror}); check permissions",
                          "error", "refuse_file", "")
        return Dataset(root, {}, [problem])
    problems = _folder_problems(root, found, maps,
                                {p.table for p in odd if p.action == "refuse_file"})
    problems.extend(odd)
    states: dict[str, TableState] = {}
    with _no_cyclic_gc(), _arrow_memory_for_ingest(), columns_in_parallel(), \
            _TablePipeline(root, found, maps, sheet, today) as pipeline, \
            _ReferencesBeside(pipeline.WORKERS > 1) as beside:
        for name in TABLE_ORDER:
            if found[name]:
                states[name] = pipeline.result(name, say)
            # while the pool works on later tables: the tables this one refers to come
            # before it and are through this step already (see check_table_references)
            beside.check(name, states)
    say("checking references between tables")
    tables: dict[str, Table] = {}
    for name, state in states.items():
        problems.extend(state.problems)
        tables[name] = _to_table(state)
    problems.sort(key=problem_sort_key)
    listed, unlisted = files_not_read(root, found, problems, maps.path)
    return Dataset(root, tables, problems, mapping=maps.path, files_not_read=listed,
                   files_not_read_unlisted=unlisted)


#: files systems and Excel leave in a folder: counted, not warned of
_SYSTEM_FILES = {".ds_store": "a macOS folder file (.DS_Store)",
                 "thumbs.db": "a Windows thumbnail cache (Thumbs.db)",
                 "desktop.ini": "a Windows folder file (desktop.ini)"}
#: at most this many files are listed (a data folder with a program's tree in it)
_NOT_READ_LISTED = 1000


def files_not_read(root: Path, found: dict[str, list[Path]], problems: list[Problem],
                   mapping: Path | None) -> tuple[list[FileNotRead], int]:
    """Every file in the data folder and its sub-folders that is not read as a table,
    with why, so that nothing is lost silently: a file a warning or error is about has that
    message as its why (a ``.zip``, a name that fits no table, a folder named after no
    table); any other (a ``.pdf``, ``.docx``, notes in ``.txt``) says it is no table file.
    Excel's lock files (``~$...``), ``.DS_Store``, ``Thumbs.db``, ``desktop.ini`` and hidden
    files are marked ``system``: counted, not warned of.  Hidden folders are not entered.
    At most :data:`_NOT_READ_LISTED` are listed; the second value counts the rest."""
    from ingest.detect_bsn import mask_bsn

    read = {p.resolve() for paths in found.values() for p in paths if p.exists()}
    if mapping is not None and mapping.exists():
        read.add(mapping.resolve())
    said = {p.file: p.message for p in problems if p.line is None}
    out: list[FileNotRead] = []
    unlisted = 0
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # a link to a folder is never entered (no loop, nothing read from outside): it was
        # passed over in silence, also when named after a table (contracten -> elsewhere),
        # so the scan said "required file missing" without the reason beside it
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                if len(out) >= _NOT_READ_LISTED:
                    unlisted += 1
                    continue
                out.append(FileNotRead(mask_bsn(_shown_path(root, Path(folder) / name)) + "/",
                                       LINKED_FOLDER_WHY))
        for name in sorted(files):
            path = Path(folder) / name
            shown = _shown_path(root, path)
            try:
                if path.resolve() in read:
                    continue
            except (OSError, RuntimeError):
                pass  # a link loop: not read, said below
            if len(out) >= _NOT_READ_LISTED:
                unlisted += 1
                continue
            out.append(_why_not_read(shown, name, said, path))
    return out, unlisted


#: why a link to a folder in the data folder is not read (see :func:`files_not_read`)
LINKED_FOLDER_WHY = ("a link to a folder: links to folders are not followed; copy the folder "
                     "itself into the data folder")
#: why a file that cannot be opened (a link loop, a broken link) is not read
NOT_OPENED_WHY = "it is not opened: put the file itself there, or remove the link"


def _why_not_read(shown: str, name: str, said: dict[str, str],
                  path: Path | None = None) -> FileNotRead:
    """Why the file ``shown`` (its path in the data folder; ``path`` itself) is not read."""
    from ingest.detect_bsn import mask_bsn
    from ingest.read_files import TABLE_FILE_SUFFIXES, _not_a_regular_file

    lower = name.lower()
    if lower.startswith("~$"):
        return FileNotRead(mask_bsn(shown), "Excel's lock file (~$), there while the workbook "
                           "is open", system=True)
    if lower in _SYSTEM_FILES:
        return FileNotRead(shown, _SYSTEM_FILES[lower], system=True)
    if name.startswith("."):
        return FileNotRead(mask_bsn(shown), "a hidden file", system=True)
    masked = mask_bsn(shown)
    top = shown.split("/")[0] + "/"
    why = said.get(masked) or said.get(top if "/" in shown else "")
    if why:
        return FileNotRead(masked, why)
    suffix = Path(lower).suffix
    unopened = _not_a_regular_file(path) if path is not None else ""
    if unopened:  # a link loop or a broken link: no header was looked at
        return FileNotRead(masked, f"{unopened}; {NOT_OPENED_WHY}")
    if suffix in TABLE_FILE_SUFFIXES:
        return FileNotRead(masked, "its name fits no table and its header is no table's; "
                           "rename it after its table or list it under files: in mapping.yaml "
                           "if it holds one")
    return FileNotRead(masked, f"no table file ({suffix or 'no extension'}): only .csv, .tsv, "
                       ".txt, .xlsx, .xlsm, .xlsb, .xls and .ods files are read")


class _ReferencesBeside:
    """:func:`check_table_references` of each table in :data:`TABLE_ORDER`, the contracts'
    in a thread of their own (when ``beside``), beside the tables after them.

    The checks after the contracts (allocations, mandates, gifts) neither change the
    contracts nor refer to them, but for the decision ids the allocations share with them,
    which read the contracts' ``decision_id`` and ``_line`` only: those are taken
    beforehand (a frame of their own, which the contracts' checks cannot change), so
    nothing is read while it is changed.  Each check changes only its own table, so the
    states and problems are those of one check after another (``problem_sort_key`` orders
    the problems).  Why: the contracts' checks (a million references looked up) and the
    allocations' (their decision ids among the contracts') were the last steps of
    ingest, one after the other, with one core idle.
    """

    def __init__(self, beside: bool) -> None:
        self._beside = beside
        self._pool: ThreadPoolExecutor | None = None
        self._contracts: Future | None = None  # the contracts' checks, while they run
        self._taken: dict[str, TableState] = {}  # the states the checks beside them read

    def check(self, name: str, states: dict[str, TableState]) -> None:
        if name == "contracts" and self._beside and name in states:
            contracts = states[name]
            # what the allocations' check of decision ids reads, as it is now
            taken = dataclasses.replace(contracts, frame=contracts.frame[
                ["decision_id", "_line"]]) if contracts.readable else contracts
            self._taken = {**states, name: taken}
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coi-refs")
            self._contracts = self._pool.submit(check_table_references, name, states)
            return
        if self._contracts is not None:
            if name in _REFERS_TO_CONTRACTS:
                self.wait()
            else:
                self._taken.update({k: v for k, v in states.items() if k != "contracts"})
                check_table_references(name, self._taken)
                return
        check_table_references(name, states)

    def wait(self) -> None:
        """Until the contracts' checks are through (their error, if any, raised here)."""
        if self._contracts is not None:
            contracts, self._contracts = self._contracts, None
            contracts.result()

    def __enter__(self) -> "_ReferencesBeside":
        return self

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self.wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)


#: tables with a reference to the contracts (checked only after the contracts' references)
_REFERS_TO_CONTRACTS = frozenset(r.table for r in REFERENCES if r.target == "contracts")


@contextmanager
def _no_cyclic_gc():
    """Python's cycle collector paused while the tables are read and checked (as it was
    before, after).  Ingest makes few objects but big containers (per-row object arrays,
    lists of a column's values), and each collection of the young generation walks every
    one of them: about 30 collections, 0.12 s CPU, in large's ingest, for no cycle to
    find.  Reference counting still frees everything; cycles wait for the next
    collection after ingest."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: how many readings use the ingest memory pool now, and the pool to put back after them
_POOL_STATE: dict[str, object] = {"users": 0, "before": None}
_POOL_LOCK = threading.Lock()


@contextmanager
def _arrow_memory_for_ingest():
    """Arrow allocates from its jemalloc pool while the tables are read and checked (as the
    default pool; the one before is put back afterwards, when the last overlapping
    reading ends).

    Arrow's default pool on Linux, mimalloc, takes its memory in transparent huge pages
    here, and ingest's big short-lived buffers (a file's text, its columns, their
    conversions) had every 2 MiB page zeroed by the kernel as it was touched: perf showed
    ``clear_page_erms`` under huge-page faults in a quarter of large's ingest samples.
    With jemalloc, large's ingest system time went from 1.35 to 0.59 s CPU (median of 4
    alternating runs; glibc's pool: 0.85).  Kept as it is when jemalloc is not built in,
    or when the user chose a pool (``ARROW_DEFAULT_MEMORY_POOL``)."""
    pool = _ingest_pool()
    if pool is None:
        yield
        return
    import pyarrow as pa

    with _POOL_LOCK:
        if not _POOL_STATE["users"]:
            _POOL_STATE["before"] = pa.default_memory_pool()
            pa.set_memory_pool(pool)
        _POOL_STATE["users"] += 1
    try:
        yield
    finally:
        with _POOL_LOCK:
            _POOL_STATE["users"] -= 1
            if not _POOL_STATE["users"]:
                pa.set_memory_pool(_POOL_STATE["before"])
                _POOL_STATE["before"] = None


def _ingest_pool():  # -> pyarrow.MemoryPool | None
    """The pool ingest allocates from: jemalloc, unless it is not there or the user set
    ``ARROW_DEFAULT_MEMORY_POOL``."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return None
    try:
        import pyarrow as pa

        return pa.jemalloc_memory_pool()
    except (ImportError, NotImplementedError):
        return None


def _read_and_check_table(root: Path, name: str, paths: list[Path], table_map,
                          sheet: str | None, today: dt.date | None,
                          was_read: Future) -> TableState:
    """Read one table's files and check the table on its own (a pipeline job).

    ``was_read`` gets the name it is shown by and its rows once the files are read, for
    the progress lines; the result is the table's state, before its references.  The
    steps of the job resolve the table's header row once (``ingest.header_cache``).
    """
    with headers_resolved_once():
        return _read_and_check(root, name, paths, table_map, sheet, today, was_read)


def _read_and_check(root: Path, name: str, paths: list[Path], table_map,
                    sheet: str | None, today: dt.date | None, was_read: Future) -> TableState:
    """:func:`_read_and_check_table`, within its header cache."""
    raws: list[RawTable] = []
    unreadable: list[tuple[Path, str]] = []
    composed: dict[str, str] = {}  # name column -> the headers it was built from
    split_from: dict[str, str] = {}  # address columns taken from a whole-address column
    built_from: list[str] = []  # every file's headers a name was built from
    for path in paths:
        try:
            parts = read_table_parts(path, sheet=table_map.sheet or sheet,
                                     header_row=table_map.header_row, spec=TABLES[name])
            for part in parts:
                if part.header and part.n_rows == 0 and name in REQUIRED_TABLES:
                    part.warnings.append(_NO_ROWS)  # (an empty register may be right)
                name_under_headings(part, TABLES[name])
                drop_repeated_headers(part)
                drop_footer_rows(part, TABLES[name], table_map)
                set_aside_candidates(part, TABLES[name], table_map)
                built = compose_name(part, TABLES[name], table_map)
                part.built_from.update(built)
                built_from.extend(built.values())
                split_joint_applicants(part, TABLES[name], table_map)
                derived = derive_relative_ids(part, TABLES[name], table_map)
                if derived:
                    part.built_from["relative_id"] = derived
                composed.update(part.built_from)
                split = split_address(part, TABLES[name], table_map)
                if split:
                    split_from.update(dict.fromkeys(split[0], split[1]))
                    part.built_from.update(dict.fromkeys(split[0], split[1]))
            raws.extend(parts)
        except UnreadableFile as exc:
            unreadable.append((path, str(exc)))
    if unreadable:
        del raws
        was_read.set_result(None)
        first = unreadable_state(TABLES[name], unreadable[0][0], unreadable[0][1])
        for path, message in unreadable[1:]:
            first.problems.append(Problem(_shown_path(root, path), None, None,
                                          f"cannot be read: {message}", "error",
                                          "refuse_file", name))
        return first
    strays = _parts_of_other_tables(TABLES[name], raws, table_map, root)
    if strays and len(strays) == len(raws):  # no file of the table is left: none read
        del raws
        was_read.set_result(None)
        state = unreadable_state(TABLES[name], strays[0][0].path, "")
        state.problems = [note for _, note in strays]
        return state
    if strays:
        raws = [r for r in raws if all(r is not stray for stray, _ in strays)]
    copies = _identical_copies(raws)
    if copies:
        raws = [r for r in raws if all(r is not copy for copy, _ in copies)]
    if len(raws) == 1:
        raw = raws[0]
        raw.display_name = _shown_raw(root, raw)
        merge_notes: list[Problem] = []
    else:
        raw, merge_notes = _merge_raws(TABLES[name], raws, table_map, root)
    merge_notes.extend(note for _, note in strays)
    del raws  # a merged table's files are freed once merged
    was_read.set_result((raw.display_name, raw.n_rows))
    state = check_table(TABLES[name], raw, today=today, mapping=table_map)
    for copy, first in copies:
        shown, of = _shown_raw(root, copy), _shown_raw(root, first)
        state.copies.append(SourceFile(
            shown, copy.sha256, copy.n_rows, rows_skipped=copy.n_rows,
            encoding=copy.encoding, delimiter=copy.delimiter, sheet=copy.sheet,
            skipped_reasons={_COPY_REASON: copy.n_rows}))
        state.problems.append(Problem(
            shown, None, None,
            f"this file is identical to {of} (the same content, byte for byte): it is not "
            f"read again; its {copy.n_rows} row(s) are used once, from {of}; remove one of "
            "the two", "warning", "none", name))
    state.original_header.update(composed)
    state.original_header.update(split_from)
    state.built_from = list(dict.fromkeys(built_from))
    state.problems.extend(merge_notes)
    return state


class _TablePipeline:
    """Every table read and checked on its own in a pool of two threads, the largest
    table first and the others in :data:`TABLE_ORDER`, which :func:`read_dataset` takes
    the states in.

    Reading and checking are mostly Arrow's CSV reader and compute kernels, numpy and
    hashing, which release the GIL, so two tables are worked on at once (two cores do
    both).  The largest first: the contracts file, which takes longest, starts at once
    instead of after the small tables, which fill the second thread meanwhile (and, in
    table order, are ready for their reference checks in the calling thread).  A table's
    check touches only that table, so the states, their problems and the progress lines
    (written here, in table order) are those of checking one table after another.
    """

    WORKERS = 2

    def __init__(self, root: Path, found: dict[str, list[Path]], maps, sheet: str | None,
                 today: dt.date | None) -> None:
        self._root = root
        self._found = found
        self._read: dict[str, Future] = {}
        self._checked: dict[str, Future] = {}
        names = [name for name in TABLE_ORDER if found[name]]
        size = {name: sum(_file_size(path) for path in found[name]) for name in names}
        self._pool = ThreadPoolExecutor(max_workers=self.WORKERS,
                                        thread_name_prefix="coi-ingest")
        largest = max(names, key=lambda n: size[n], default=None)
        for name in sorted(names, key=lambda n: n != largest):  # the rest in table order
            self._read[name] = Future()
            self._checked[name] = self._pool.submit(
                _read_and_check_table, root, name, found[name], maps.table(name), sheet,
                today, self._read[name])

    def result(self, name: str, say: Callable[[str], None]) -> TableState:
        """The checked state of table ``name``, with its progress lines."""
        for path in self._found[name]:
            say(f"reading {_shown_path(self._root, path)}")
        read = self._read[name]
        checked = self._checked[name]
        while not read.done() and not checked.done():  # a job that failed never says
            wait([read, checked], return_when=FIRST_COMPLETED)
        if read.done() and read.result() is not None:
            shown, rows = read.result()
            say(f"checking {shown} (1 row)" if rows == 1 else f"checking {shown} ({rows:,} rows)")
        return checked.result()

    def __enter__(self) -> "_TablePipeline":
        return self

    def __exit__(self, *exc) -> None:
        for future in self._checked.values():
            future.cancel()
        self._pool.shutdown(wait=True)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say why


def _shown_path(root: Path, path: Path) -> str:
    """A file as problems name it: its name, or ``contracts/2023.csv`` inside a folder."""
    try:
        return shown_name(path.relative_to(root).as_posix())
    except ValueError:
        return shown_name(path.name)


def _shown_raw(root: Path, raw: RawTable) -> str:
    """A table part as problems name it: its file, with the sheet when the file's
    workbook holds the table on several sheets (``contracts.xlsx[2024]``)."""
    shown = _shown_path(root, raw.path)
    return f"{shown}[{raw.part}]" if raw.part is not None else shown


#: a file that holds its header and nothing else (an export of an empty selection, or
#: saved before the rows were pasted): said, so that what follows from it (every decision's
#: handler unknown, for an empty staff list) is traced to it
_NO_ROWS = ("the file holds a header but no rows: nothing is read from it; export it again "
            "if rows were meant to be in it")


def _named_columns(spec, header: list, table_map=None) -> set[str]:
    """The columns of ``spec`` a header names (through ``table_map``, the mapping file's
    part for ``spec``, when given)."""
    resolved, _notes = resolve_headers(spec, [str(c) for c in header], table_map)
    return {n for n in resolved if n}


def _parts_of_other_tables(spec, raws: list[RawTable], table_map, root: Path
                           ) -> list[tuple[RawTable, Problem]]:
    """The files of a table whose header is another table's: each is refused with one
    error that names the table its header is and what to do, instead of an error per
    required column and two per row, or (when the header happens to hold this table's
    required columns too: a relatives export saved as ``employees.csv`` has
    ``employee_id`` and ``name``) its rows read silently as this table's.

    Which table a header is, is :func:`~ingest.read_files.tables_of_columns` over every
    table, this one too (through the mapping file's part for it): another table must
    stand out, with more columns named than of this one; a tie with this table reads
    the file as named.  Two other tables that tie, for a file that lacks a required
    column of this one, are both named (``org_id; name; kvk_number`` is organizations'
    or officers'): the user says which.  A file the mapping file lists under this table's ``files:`` and
    whose header holds this table's required columns is the user's choice and is read.
    The message says whether the file is among the table's parts (an officers export
    saved as ``mandaten_2023.csv`` beside ``mandaten.csv``) or the table's only file."""
    found: list[tuple[RawTable, Problem]] = []
    for raw in raws:
        own = _named_columns(spec, raw.header, table_map)
        complete = all(c.name in own for c in spec.columns if c.required)
        if complete and table_map is not None and table_map.files:
            continue
        if sum(1 for cell in raw.header if str(cell).strip()) <= len(own):
            continue  # every cell names a column of this table: no other can name more
            # (and asking the other tables costs ~15 ms CPU a file, their typo matching)
        named = {other.name: (own if other.name == spec.name
                              else _named_columns(other, raw.header))
                 for other in TABLES.values()}
        best = tables_of_columns(named)
        if not best or spec.name in best or len(named[best[0]]) <= len(own):
            continue
        if len(best) > 1 and complete:
            continue  # no other table stands out: read as the file is named
        # (a tie of other tables, for a file that is not this table's: it is one of them)
        table = " / ".join(best)
        cols = ", ".join(c.name for c in TABLES[best[0]].columns if c.name in named[best[0]])
        shown = _shown_raw(root, raw)
        if len(raws) > 1:
            message = (f"this file's header is that of {table} ({cols}), not of {spec.name}: a "
                       f"file of another table among the files of {spec.name}; move it out of "
                       f"the data folder, or name it after {table} to read it as that table "
                       "(its rows are not read)")
        else:
            files = " / ".join(f"{b}.csv" for b in best)
            message = (f"this file's header is that of {table} ({cols}), not of {spec.name}, "
                       f"after which the file is named; rename it after its table ({files}) "
                       "to read it as that table, or list it under files: of that table in "
                       "mapping.yaml (its rows are not read)")
        found.append((raw, Problem(shown, None, None, message, "error", "refuse_file",
                                   spec.name)))
    return found


#: why the rows of a file that is another file of its table again are not used
_COPY_REASON = "identical file (read once)"


#: how a file manager or a browser names a second copy of a file: ``contracten (1)``,
#: ``contracten - kopie``, ``contracten - Copy (2)``, ``Kopie van contracten``
_COPY_MARK = re.compile(r"(?i)\s\(\d+\)$|\s-\s(?:kopie|copy)(?:\s\(\d+\))?$|^(?:kopie van|copy of)\s")


def _identical_copies(raws: list[RawTable]) -> list[tuple[RawTable, RawTable]]:
    """The parts of a table that are byte for byte an earlier part (the same file saved
    twice, ``contracten.csv`` and ``contracten (1).csv``; the same sheet of the same
    workbook), each with the part it repeats: read once, told with one warning instead
    of a warning per row (a million, for a large export), and its rows counted as
    skipped.  Parts without rows are left alone (nothing to repeat)."""
    first: dict[tuple, RawTable] = {}
    copies: list[tuple[RawTable, RawTable]] = []
    # the original is the one read: ``contracten.csv``, not ``contracten (1).csv`` that
    # sorts before it, so findings cite the file the export was saved as
    for raw in sorted(raws, key=lambda r: _COPY_MARK.search(r.path.stem) is not None):
        if not raw.sha256 or raw.n_rows == 0:
            continue
        key = (raw.sha256, raw.sheet, raw.part)
        if key in first:
            copies.append((raw, first[key]))
        else:
            first[key] = raw
    return copies if len(copies) < len(raws) else []


#: the columns an allocation list that writes the household a row per person fills from
#: the second person's row
_HOUSEHOLD_COLUMNS = ("co_applicant_name", "co_applicant_birth_date")


def _merge_raws(spec, raws: list[RawTable], table_map, root: Path
                ) -> tuple[RawTable, list[Problem]]:
    """One table read from several files: columns joined by the contract column they hold
    (each file may name and order them differently), lines made unique over the files
    (each file's lines shifted past the previous file's), and per row its file."""
    notes: list[Problem] = []
    order: list[str] = []
    original: dict[str, str] = {}
    per_file: list[dict[str, pd.Series]] = []
    headers: list[dict[str, str]] = []  # per file: contract column -> its own header
    for raw in raws:
        shown = _shown_raw(root, raw)
        cols: dict[str, pd.Series] = {}
        headers.append({})
        resolved_all, resolve_notes = resolve_headers(spec, [str(c) for c in raw.header],
                                                      table_map)
        notes.extend(Problem(shown, None, None, n, "warning", "none", spec.name)
                     for n in resolve_notes)
        for cell, column, resolved in zip(raw.header, raw.columns, resolved_all):
            key = column_key(str(cell))
            if not key:
                continue
            name = resolved or key
            if name in cols:
                notes.append(Problem(shown, None, name,
                                     f"column {name!r} appears more than once in the header; "
                                     "keep one of them and run again", "error", "refuse_file",
                                     spec.name))
                continue
            cols[name] = column
            if spec.has(name) and str(cell).strip() != name:
                headers[-1][name] = str(cell).strip()
            if name not in original:
                original[name] = str(cell).strip()
                order.append(name)
        # a column built from others (a name from its parts, an address split from one
        # column) cites the headers it was built from, in this file's own words
        headers[-1].update((k, v) for k, v in raw.built_from.items() if k in cols)
        per_file.append(cols)
    # a purchasing export without a kind column: what its number column or name says it is
    # (the path as shown: its folder, 'inkooporders/', may say what a system's name does not)
    kinds = [kind_of_export(_shown_path(root, raw.path) if raw.path else "",
                            own.get("decision_id"))
             if spec.name == "contracts" and "kind" not in cols else None
             for raw, cols, own in zip(raws, per_file, headers)]
    if any(kinds) and "kind" not in order:
        order.append("kind")
        original["kind"] = "kind"
    lacks_required: dict[int, set[str]] = {}
    for index, (raw, cols, said) in enumerate(zip(raws, per_file, kinds)):
        if said is not None:
            notes.append(Problem(_shown_raw(root, raw), None, "kind", kind_note(*said),
                                 "warning", "none", spec.name))
        if raw.n_rows == 0:
            continue  # no rows: none lacks a column (the file is said to hold no rows)
        for col in spec.columns:
            if col.required and col.name not in cols and any(col.name in c for c in per_file):
                lacks_required.setdefault(index, set()).add(col.name)
                notes.append(Problem(
                    _shown_raw(root, raw), None, col.name,
                    f"required column {col.name!r} is missing in this file but present in the "
                    f"table's other files; add it, or name the column that holds it in "
                    "mapping.yaml", "error", "refuse_file", spec.name))
        # an allocation list with the household a row per person gives the co-applicant
        # from the second row of a decision (ingest.validate_rows): its rows are not read
        # without one, and each such row is said on its own
        household = spec.name == "allocations" and "decision_id" in cols and bool(
            cols["decision_id"].map(cell_text).replace("", None).dropna().duplicated().any())
        lacking = [col.name for col in spec.columns if not col.required
                   and col.name not in cols and any(col.name in c for c in per_file)
                   and not (col.name == "kind" and said is not None)
                   and not (household and col.name in _HOUSEHOLD_COLUMNS)]
        if lacking:  # an approver or amount the other years have: its rows go without
            notes.append(Problem(
                _shown_raw(root, raw), None, None,
                f"column(s) {', '.join(lacking)} are missing in this file but present in "
                "the table's other files: its rows are read without them; add them, or name "
                "the columns that hold them in mapping.yaml", "warning", "none", spec.name))
    offsets: list[int] = []
    offset = 0
    for raw in raws:
        offsets.append(offset)
        last = int(raw.lines.max()) if raw.n_rows else 1
        offset += max(last, 1)
    columns = []
    for name in order:
        parts = []
        for raw, cols, said in zip(raws, per_file, kinds):
            if name in cols:
                parts.append(cols[name].reset_index(drop=True).astype(object))
            else:
                fill = said[0] if name == "kind" and said is not None else ""
                parts.append(pd.Series([fill] * raw.n_rows, dtype=object))
        columns.append(pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype=object))
    lines = np.concatenate([raw.lines + off for raw, off in zip(raws, offsets)])
    row_source = np.concatenate([np.full(raw.n_rows, i, dtype=np.int64)
                                 for i, raw in enumerate(raws)])
    row_problems: list[tuple[int, str]] = []
    refusals: list[tuple[int, str, str, str]] = []
    start = 0
    warnings: list[tuple[str, str]] = []
    for raw in raws:
        row_problems.extend((start + pos, msg) for pos, msg in raw.row_problems)
        refusals.extend((start + pos, *rest) for pos, *rest in raw.row_refusals)
        warnings.extend((_shown_raw(root, raw), w) for w in raw.file_warnings())
        start += raw.n_rows
    sources = [SourceFile(_shown_raw(root, raw), raw.sha256, raw.n_rows,
                          encoding=raw.encoding, delimiter=raw.delimiter, sheet=raw.sheet,
                          line_offset=off, headers=own,
                          rows_set_aside=raw.set_aside or None)
               for raw, off, own in zip(raws, offsets, headers)]
    merged = RawTable(raws[0].path, "", [original.get(n, n) for n in order], columns, lines,
                      row_problems=row_problems, row_refusals=refusals)
    merged.header_names = order
    merged.sources = sources
    merged.row_source = row_source
    merged.lacks_required = lacks_required
    merged.display_name = " + ".join(src.file for src in sources)
    merged.sourced_warnings = warnings
    merged.line_problems = [p for raw, off in zip(raws, offsets) for p in
                            ((ln + off, col, msg, lvl) for ln, col, msg, lvl in raw.line_problems)]
    return merged, notes


def validate(data_dir: str | Path, mapping: str | Path | None = None,
             sheet: str | None = None) -> list[Problem]:
    """Every problem in ``data_dir``, sorted by file, line and column (``coi validate``)."""
    return sorted(read_dataset(data_dir, mapping=mapping, sheet=sheet).problems,
                  key=problem_sort_key)

