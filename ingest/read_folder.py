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

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ingest.model import Dataset, Problem, Table
from ingest.read_files import UnreadableFile, locate_table_files, read_table_file
from ingest.references import check_references
from ingest.tables import DECISION_TABLES, REQUIRED_TABLES, TABLE_ORDER, TABLES
from ingest.validate_rows import TableState, check_table, unreadable_state

__all__ = ["problem_sort_key", "read_dataset", "validate"]


def problem_sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Order problems by file, line (file-wide ones first) and column."""
    return (problem.file, problem.line or 0, problem.column or "", problem.message)


def _file_names(name: str) -> str:
    return f"{name}.csv or {name}.xlsx"


def _folder_problems(data_dir: Path, found: dict[str, list[Path]]) -> list[Problem]:
    problems: list[Problem] = []
    for name in REQUIRED_TABLES:
        if not found[name]:
            problems.append(
                Problem(
                    f"{name}.csv",
                    None,
                    None,
                    f"required file missing: put {_file_names(name)} ({TABLES[name].description}) "
                    f"in {data_dir}",
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
    for name, paths in found.items():
        if len(paths) > 1:
            listed = " and ".join(p.name for p in paths)
            problems.append(
                Problem(
                    paths[0].name,
                    None,
                    None,
                    f"the folder holds both {listed} for table {name}; keep only the one that is "
                    "current and remove the other",
                    "error",
                    "refuse_file",
                    name,
                )
            )
    return problems


def _to_table(state: TableState) -> Table:
    kept = state.kept
    reasons = Counter(state.skip_reason[~kept].tolist())
    frame = state.frame.loc[kept].reset_index(drop=True) if not kept.all() else state.frame
    return Table(
        name=state.name,
        frame=frame,
        path=state.path,
        sha256=state.sha256,
        rows_read=state.rows_read,
        rows_skipped=int((~kept).sum()),
        skipped_reasons=dict(sorted(reasons.items())),
        values_dropped=state.values_dropped,
        encoding=state.encoding,
        delimiter=state.delimiter,
    )


def read_dataset(
    data_dir: str | Path,
    progress: Callable[[str], None] | None = None,
    today: dt.date | None = None,
) -> Dataset:
    """Read and check every contract table in ``data_dir``.

    ``progress`` receives a short line per step (for a CLI spinner or log).  ``today``
    fixes the date birth dates are compared with (for tests); default: the real today.
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
        found = locate_table_files(root, list(TABLES))
    except OSError as exc:
        problem = Problem(str(root), None, None,
                          f"the data folder cannot be listed ({exc.strerror}); check permissions",
                          "error", "refuse_file", "")
        return Dataset(root, {}, [problem])
    problems = _folder_problems(root, found)
    states: dict[str, TableState] = {}
    for name in TABLE_ORDER:
        paths = found[name]
        if len(paths) != 1:
            continue
        path = paths[0]
        say(f"reading {path.name}")
        try:
            raw = read_table_file(path)
        except UnreadableFile as exc:
            states[name] = unreadable_state(TABLES[name], path, str(exc))
            continue
        say(f"checking {path.name} ({raw.n_rows} rows)")
        states[name] = check_table(TABLES[name], raw, today=today)
        del raw
    say("checking references between tables")
    check_references(states)
    tables: dict[str, Table] = {}
    for name, state in states.items():
        problems.extend(state.problems)
        tables[name] = _to_table(state)
    problems.sort(key=problem_sort_key)
    return Dataset(root, tables, problems)


def validate(data_dir: str | Path) -> list[Problem]:
    """Every problem in ``data_dir``, sorted by file, line and column (``coi validate``)."""
    return sorted(read_dataset(data_dir).problems, key=problem_sort_key)

