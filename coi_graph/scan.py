"""The scan: from a folder of exports to findings and run metadata, as one library call.

>>> from coi_graph.scan import scan                               # doctest: +SKIP
>>> result = scan("exports/2024", "runs/2024-q4")                 # doctest: +SKIP
>>> result.counts_by_rule                                         # doctest: +SKIP
{'self_interest': 3, 'gift_rule_breach': 2}
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import platform
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import ingest
from ingest.identifiers import shown
from ingest.model import Dataset, Problem, locate_line

from . import __version__
from .outputs.context import write_context_graph
from .rules.detect import detect
from .errors import InputError
from .findings import Finding, write_findings
from .graph.build import LinkGraph, build_graph
from .policy import Policy

__all__ = ["ScanResult", "scan", "fewer_collections", "load", "refuse_on_problems", "blocking_problems", "Progress", "data_folder", "write_json"]

Progress = Callable[[str], None]


@dataclass
class ScanResult:
    run_dir: Path | None
    findings: list[Finding]
    dataset: Dataset
    graph: LinkGraph
    policy: Policy
    run: dict[str, Any] = field(default_factory=dict)

    @property
    def counts_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    @property
    def counts_by_severity(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in ("high", "medium", "low")}


T = TypeVar("T")

#: CPython's collector thresholds during a scan (generation 0, 1, 2); see :func:`fewer_collections`
SCAN_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run a scan with fewer cyclic garbage collections, then restore the thresholds.

    A scan builds millions of long-lived objects (rows, links, graph nodes) and makes
    almost no reference cycles; at CPython's default thresholds (700, 10, 10) the collector
    walks all of them again and again: on the ``large`` demo 17 full collections took about
    13 s of a 45 s scan, one of them 2.8 s in the middle of detection.  Reference counting
    still frees everything that is not a cycle at once, so memory stays where it was (peak
    within 1% on ``large``, see bench/README.md).

    >>> before = gc.get_threshold()
    >>> with fewer_collections():
    ...     gc.get_threshold() == SCAN_GC_THRESHOLDS
    True
    >>> gc.get_threshold() == before
    True
    """
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.set_threshold(*SCAN_GC_THRESHOLDS)
    try:
        yield
    finally:
        if gc.get_freeze_count() > frozen:
            gc.unfreeze()  # what build_frozen froze is the collector's again
        gc.set_threshold(*before)


def build_frozen(build: Callable[[], T]) -> T:
    """Run the graph build with the collector paused, then freeze what is alive (``gc.freeze``)
    until :func:`fewer_collections` ends: the graph, the tables and the matches live until
    the scan ends, so walking them again finds nothing to free.

    The build makes about a million container objects (links, node and edge dicts, tuples)
    and almost no cycles (677 unreachable objects on ``large``); collecting while building
    cost 0.8-1.3 s of CPU on ``large`` (about 3 s on ten million decisions), and only
    pausing moves the cost to the first collection after it (one walk over all of them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        out = build()
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return out


def give_back_memory() -> None:
    """Return memory freed by a finished step to the operating system.

    Reading a million rows leaves freed blocks in Arrow's memory pool and in the C heap
    (about 100 MiB on the ``large`` demo) that the process keeps without using; the graph
    built next would grow on top of them.  Arrow's pool releases them on request, glibc's
    heap through ``malloc_trim`` (elsewhere this does nothing)."""
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except Exception:  # noqa: BLE001  # pyarrow without a releasable pool: nothing to give back
        pass
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


class _Timer:
    """Wall time and peak Python memory per step (memory via tracemalloc when asked)."""

    def __init__(self, progress: Progress | None, trace_memory: bool) -> None:
        self.progress = progress or (lambda m: None)
        self.steps: dict[str, dict[str, float]] = {}
        self.trace = trace_memory
        self.t0 = time.perf_counter()

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        self.progress(f"{name} ...")
        if self.trace:
            tracemalloc.start()
            tracemalloc.reset_peak()
        t = time.perf_counter()
        out = fn()
        entry = {"seconds": round(time.perf_counter() - t, 3)}
        if self.trace:
            entry["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        self.steps[name] = entry
        self.progress(f"{name} done in {entry['seconds']:.1f}s")
        return out


def blocking_problems(ds: Dataset, skip_bad_rows: bool) -> list[Problem]:
    """The errors that stop a run: every error, or with ``skip_bad_rows`` only those of a
    file that cannot be used (a bad row is then left out, counted and listed).  One place,
    so that ``coi validate --skip-bad-rows`` passes exactly what the scan would run on."""
    fatal = [p for p in ds.errors if p.action == "refuse_file"]
    return fatal if skip_bad_rows else list(ds.errors)


def refuse_on_problems(ds: Dataset, skip_bad_rows: bool, strict: bool = False) -> None:
    """Stop before analysis on the problems the user has not agreed to go on with.

    Three levels: a file that cannot be used (BSN column, missing required file or column,
    unreadable file) always stops the run; a row that cannot be used stops it unless
    ``skip_bad_rows``; an unusable optional value is a warning (the value is left out of
    matching, the row is used) and stops the run only when ``strict``.
    """
    blocking = blocking_problems(ds, skip_bad_rows)
    if blocking:
        raise InputError(_problem_text(blocking) + _not_read_beside(ds, blocking))
    if strict and ds.warnings:
        raise InputError(_problem_text(ds.warnings, strict=True))


#: Problem groups shown when a scan refuses its input (``coi validate`` lists every one)
_SHOWN_GROUPS = 20
#: Further lines of one group named in its line
_SHOWN_LINES = 8


def _grouped(problems: list[Problem]) -> list[tuple[Problem, list[Problem]]]:
    """Problems with the same message in the same file and column, together, in the order
    of their first: one employee id missing from the staff list is one cause, however many
    decisions name it, and the ones after it should not push other causes out of view."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.file, p.column, p.header, p.message, p.level), []).append(p)
    return [(same[0], same) for same in groups.values()]


def _group_line(first: Problem, same: list[Problem]) -> str:
    """``contracts.csv:7: handled_by: ... not found ...; the same on 380 more row(s): lines 9,
    13, ...`` for a group, the problem's own line for one alone."""
    if len(same) == 1:
        return first.format()
    lines = [str(p.line) for p in same[1:1 + _SHOWN_LINES] if p.line is not None]
    more = ", ..." if len(same) - 1 > _SHOWN_LINES else ""
    told = f"; the same on {len(same) - 1} more row(s): line(s) {', '.join(lines)}{more}"
    return dataclasses.replace(first, message=first.message + told).format()


#: the start of the errors that say a table's file is not there
_NO_FILE = ("required file missing", "no decisions to check")


def _not_read_beside(ds: Dataset, blocking: list[Problem]) -> str:
    """When a required table's file is missing, the files in the folder that were not read
    (a ``.zip`` that holds the exports, a file whose name fits no table, a folder named
    after none): the refusal showed errors only, so "put employees.csv in the folder" was
    all a user saw of a folder whose exports were in a zip.  '' when none."""
    if not any(p.line is None and p.message.startswith(_NO_FILE) for p in blocking):
        return ""
    unread = [p for p in ds.warnings if p.line is None
              and p.message.startswith(("not read", "this folder is not read", "is named"))]
    if not unread:
        return ""
    lines = [p.format() for p in unread[:_SHOWN_GROUPS]]
    return ("\nFiles in the folder that were not read; one of them may hold what is "
            "missing:\n" + "\n".join(lines))


def _problem_text(problems: list[Problem], strict: bool = False) -> str:
    groups = _grouped(problems)
    head = groups[:_SHOWN_GROUPS]
    lines = [_group_line(first, same) for first, same in head]
    shown = sum(len(same) for _, same in head)
    if len(problems) > shown:
        lines.append(f"... and {len(problems) - shown} more (run `coi validate` to list all).")
    fatal = any(p.action == "refuse_file" for p in problems)
    if strict:
        tail = ("--strict stops on warnings: fix the values above, or run without --strict "
                "to leave them out of matching (each is counted per column in run.json).")
    elif fatal:
        tail = "Fix the files above and run again."
    else:
        tail = ("Fix these rows, or run again with --skip-bad-rows to leave these rows out "
                "(each skipped row is counted and listed in run.json).")
    label = "warning(s)" if strict else "problem(s)"
    return f"{len(problems)} {label} in the input:\n" + "\n".join(lines) + "\n" + tail


def data_folder(data_dir: str | Path) -> Path:
    p = Path(data_dir)
    if not p.is_dir():
        raise InputError(f"{p}: no such folder; give the folder that holds employees.csv, "
                         "organizations.csv, contracts.csv, ...")
    return p


def load(data_dir: str | Path, policy: Policy, *, skip_bad_rows: bool = False,
         progress: Progress | None = None, strict: bool = False,
         mapping: str | Path | None = None, sheet: str | None = None,
         judgements: Any = None) -> tuple[Dataset, LinkGraph]:
    """Read, validate and build the graph (what the explore and Neo4j commands also need);
    ``judgements``: the reviewers' match judgements, as for :func:`scan`."""
    ds = ingest.read_dataset(data_folder(data_dir), progress=progress, mapping=mapping,
                             sheet=sheet)
    refuse_on_problems(ds, skip_bad_rows, strict)
    return ds, build_graph(ds, policy, progress, judgements)


def scan(data_dir: str | Path, run_dir: str | Path | None, policy: Policy | None = None, *,
         skip_bad_rows: bool = False, progress: Progress | None = None,
         trace_memory: bool = False, strict: bool = False,
         mapping: str | Path | None = None, sheet: str | None = None,
         judgements: Any = None, lang: str = "nl") -> ScanResult:
    """Scan one data folder and (when ``run_dir`` is given) write findings and run.json.

    ``strict`` refuses on warnings (values left out) too; ``mapping`` is a mapping file
    (default: ``mapping.yaml`` in the data folder, if any); ``sheet`` the .xlsx sheet to
    read when the mapping does not name one; ``judgements`` the reviewers' match
    judgements from the workspace (``match_judgements.load_judgements``); ``lang`` the
    language of ``findings.csv``'s readable ``path`` (``nl`` or ``en``; ids, codes and
    ``findings.json`` do not depend on it).
    """
    with fewer_collections():
        return _scan(data_dir, run_dir, policy, skip_bad_rows=skip_bad_rows,
                     progress=progress, trace_memory=trace_memory, strict=strict,
                     mapping=mapping, sheet=sheet, judgements=judgements, lang=lang)


def _scan(data_dir: str | Path, run_dir: str | Path | None, policy: Policy | None, *,
          skip_bad_rows: bool, progress: Progress | None, trace_memory: bool, strict: bool,
          mapping: str | Path | None, sheet: str | None, judgements: Any,
          lang: str) -> ScanResult:
    policy = policy or Policy.default()
    data_dir = data_folder(data_dir)
    timer = _Timer(progress, trace_memory)
    ds = timer.run("ingest", lambda: ingest.read_dataset(data_dir, progress=progress,
                                                         mapping=mapping, sheet=sheet))
    refuse_on_problems(ds, skip_bad_rows, strict)
    give_back_memory()
    lg = timer.run("matching and graph",
                   lambda: build_frozen(lambda: build_graph(ds, policy, progress, judgements)))
    give_back_memory()
    det = timer.run("detection", lambda: detect(ds, lg, policy, progress))
    report_organizations_not_found(ds, det.stats, strict)
    result = ScanResult(Path(run_dir) if run_dir else None, det.findings, ds, lg, policy)
    if run_dir is not None:
        out = Path(run_dir)
        timer.run("writing", lambda: (write_findings(det.findings, out, lang),
                                      write_context_graph(det.findings, lg, out)))
    result.run = run_metadata(result, det.stats, timer, data_dir)
    result.run["lang"] = lang
    if run_dir is not None:
        write_json(Path(run_dir) / "run.json", result.run)
    return result


#: the reason a gift's giver, named in free text, is counted under in ``values_left_out``
#: when no organization fits it
ORG_NOT_FOUND = "fits no organization"

#: what the rows are read as, and what to do.  (Gifts only: a declaration that names no
#: supplier is usually right, a side function at a club or a foundation, and keeps its
#: named organization; counted as left out, a large register's 1,500 of them buried the
#: summary's real losses.)
_NOT_FOUND_SAYS = {
    "gifts": "these gifts have no giver, so they are not checked against decisions; give "
             "the rows an org_id, or add the organizations to {file}",
}


def report_organizations_not_found(ds: Dataset, stats: dict[str, Any], strict: bool) -> None:
    """The warnings only the detection can find (gift givers named in free text that fit no
    organization: ``stats["organizations_not_found"]``, taken out of the stats) added to the
    dataset's problems, so run.json and the summary count them; with ``strict`` they stop
    the scan as the reading's warnings do.  One function for both engines: the Neo4j
    engine's run.json left them out and its --strict ran on."""
    told = len(ds.problems)
    note_organizations_not_found(ds, stats.pop("organizations_not_found", {}))
    if strict and len(ds.problems) > told:
        raise InputError(_problem_text(ds.problems[told:], strict=True))


def note_organizations_not_found(ds: Dataset,
                                 found: dict[str, list[tuple[int, str, str]]]) -> None:
    """Count and report the gift givers, named in free text, that no organization of the
    vendor master fits (found by the detection, see
    ``DetectionContext._organizations_not_found``) as values left out: per file and column
    in run.json's ``values_left_out`` and the scan's summary, with one warning per file and
    column that counts them and names the first (a register of side functions names many
    clubs and foundations that are no supplier: one line each would bury the rest).  The
    rows stay as they are (the matcher found nothing; this only says so)."""
    orgs = ds.tables.get("organizations")
    org_file = orgs.file if orgs is not None else "organizations.csv"
    for name, rows in sorted(found.items()):
        table = ds.tables.get(name)
        if table is None or not rows:
            continue
        per_file: dict[tuple[int, str], list[tuple[int, str]]] = {}
        for line, column, value in rows:
            index, own = locate_line(table.sources, line) if table.sources else (0, line)
            per_file.setdefault((index, column), []).append((own, value))
        for (index, column), hits in sorted(per_file.items()):
            counts = [table.dropped_by_column]
            if table.sources:
                counts.append(table.sources[index].values_left_out)
            for count in counts:
                why = count.setdefault(column, {})
                why[ORG_NOT_FOUND] = why.get(ORG_NOT_FOUND, 0) + len(hits)
            table.values_dropped += len(hits)
            file = table.sources[index].file if table.sources else table.file
            line, value = min(hits)
            ds.problems.append(Problem(
                file, None, column,
                f"{len(hits)} {column} value(s) fit no organization in {org_file} (by name, "
                f"trade name or KvK number), such as {shown(value)} (line {line}); "
                f"{_NOT_FOUND_SAYS[name].format(file=org_file)}",
                "warning", "none", name, table.original_header.get(column)))


def run_metadata(result: ScanResult, stats: dict[str, Any], timer: _Timer, data_dir: Path
                 ) -> dict[str, Any]:
    ds = result.dataset
    tables = {}
    for name, t in sorted(ds.tables.items()):
        tables[name] = {
            "file": t.file,
            "sha256": t.sha256,
            "encoding": t.encoding,
            "delimiter": t.delimiter,
            "rows_read": t.rows_read,
            "rows_used": int(len(t.frame)),
            "rows_skipped": t.rows_skipped,
            "skipped_reasons": dict(sorted(t.skipped_reasons.items())),
            "values_dropped": t.values_dropped,
            "values_left_out": t.dropped_by_column,
            "files": t.files_info(),
            "headers": t.original_header,
            "columns_not_used": t.columns_not_used,
        }
    return {
        "tool": "coi-graph",
        "version": __version__,
        "python": platform.python_version(),
        "engine": "networkx",
        "data_dir": str(Path(data_dir).resolve()),  # coi diff may run from another folder
        "inputs": tables,
        **_mapping_info(ds.mapping, Path(data_dir)),
        "policy": result.policy.to_dict(),
        "policy_fingerprint": result.policy.fingerprint(),
        "policy_source": result.policy.source,
        "as_of": stats.get("as_of"),
        "period_start": stats.get("period_start"),
        "problems": {
            "errors": len(ds.errors),
            "warnings": len(ds.warnings),
            "values_left_out": sum(t.values_dropped for t in ds.tables.values()),
            "list": [p.format() for p in ds.problems[:1000]],
        },
        "tables_not_supplied": ds.tables_not_supplied,
        "files_not_read": [f.to_dict() for f in ds.files_not_read],
        "files_not_read_unlisted": ds.files_not_read_unlisted,
        "graph": result.graph.counts,
        "identifier_hubs_left_out": dict(sorted(result.graph.hubs.items())),
        "decisions_outside_employment": stats.get("decisions_outside_employment", 0),
        "counts": {
            "findings": len(result.findings),
            "by_rule": result.counts_by_rule,
            "by_severity": result.counts_by_severity,
        },
        "timings": timer.steps,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "user": os.environ.get("USER", ""),
    }


def _mapping_info(mapping: Path | None, data_dir: Path) -> dict[str, Any]:
    """The mapping file the scan read, with its SHA-256 (nothing when there was none): it
    decides which column is read as what, so the run's record of its inputs, the audit
    report and ``coi diff`` need it as much as the exports' checksums.  Named relative to
    the data folder when it is in it (as ``inputs`` name their files)."""
    if mapping is None:
        return {}
    import hashlib

    try:
        file = str(Path(mapping).resolve().relative_to(Path(data_dir).resolve()))
    except ValueError:
        file = str(Path(mapping).resolve())
    try:
        sha = hashlib.sha256(Path(mapping).read_bytes()).hexdigest()
    except OSError:
        sha = ""
    return {"mapping": {"file": file, "sha256": sha}}


def write_json(path: Path, data: Any) -> None:
    """A run folder's JSON file, atomically and readable by its owner only."""
    from .private_files import private_file

    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    private_file(tmp)
    tmp.replace(path)
