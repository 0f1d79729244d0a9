"""Time matching alone: record the ``match_people`` / ``match_within`` /
``match_organizations`` calls of one ``build_graph``, then replay them several times and
print the lowest CPU and wall time.

Why: on a shared machine a whole scan of ``large`` moves by 20-40% from run to run (the
other developers' jobs), far more than a matching change saves; replaying only the matching
calls, on the same inputs, a few times in a row, and taking the lowest figure, compares two
versions of the matcher (run one after the other, twice each).  Each run starts with the
caches cleared (``coi_graph.match.clear_caches``) and the names the graph build parses before
it matches (employees, relatives, KvK officers) parsed, so ``parse_name`` counts where the
build counts it::

    PYTHONPATH=$PWD python3 bench/bench_match_replay.py record DATA /tmp/calls.pkl
    PYTHONPATH=$PWD python3 bench/bench_match_replay.py replay /tmp/calls.pkl --runs 3

``--phases`` also prints the lowest CPU time of each step of ``match_people`` (the
reference index, its columnar keys, the probes' name tokens, the name counts, the columnar
candidates; the rest is the per-probe loop), to see where a change saves.
(``bench_match_equivalence.py`` checks that the matches do not change.)

``--against CHECKOUT`` times another checkout's matcher (e.g. ``/work/main``) in the same
process, the two taking turns run by run, and prints both.  Why: with four developers on
two cores the CPU time of one process moves by 20-30% with the others' load (shared
cores, caches); two processes run one after the other meet different loads, two matchers
alternating in one process meet the same.  The other checkout's ``coi_graph`` is copied
into a temporary folder as the package ``coi_other`` (its imports are relative), so both
are loaded at once::

    PYTHONPATH=$PWD python3 bench/bench_match_replay.py replay /tmp/calls.pkl --runs 5 \
        --against /work/main

The columns the build gives matching for its officers and applicants
(``records.probe_columns``, 2026-11-30) are recorded with the call that matches those
records and given again before it, outside its time, to a matcher that takes them (a
matcher from before reads the records, as it did in the build).
"""

from __future__ import annotations

import argparse
import operator
import gc
import pickle
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def record(data: Path, out: Path) -> int:
    import ingest
    from coi_graph.graph import build as graph
    from coi_graph.policy import Policy

    calls: list[tuple[str, list[Any], list[Any], Any, Any, dict[str, Any]]] = []
    real_people, real_orgs = graph.match_people, graph.match_organizations
    real_within = graph.match_within

    def people(probes: Any, refs: Any, policy: Any, judgements: Any = None, **kw: Any) -> Any:
        probes, refs = list(probes), list(refs)
        calls.append(("people", probes, refs, policy, judgements, kw))
        return real_people(probes, refs, policy, judgements, **kw)

    def orgs(probes: Any, refs: Any, policy: Any) -> Any:
        probes, refs = list(probes), list(refs)
        calls.append(("orgs", probes, refs, policy, None, {}))
        return real_orgs(probes, refs, policy)

    def within(records: Any, policy: Any, judgements: Any = None, **kw: Any) -> Any:
        records = list(records)
        calls.append(("within", records, records, policy, judgements, kw))
        return real_within(records, policy, judgements, **kw)

    # the columns the build gives for a list of probes (``records.probe_columns``), kept
    # with the call that matches that very list and given again before it is replayed
    given: list[tuple[list[Any], dict[str, Any]]] = []
    real_given = getattr(graph, "probe_columns", None)
    if real_given is not None:
        def give(probes: Any, **fields: Any) -> None:
            given.append((probes, fields))
            real_given(probes, **fields)

        graph.probe_columns = give

    graph.match_people, graph.match_organizations = people, orgs
    graph.match_within = within
    graph.build_graph(ingest.read_dataset(data), Policy.default())
    for j, call in enumerate(calls):
        for probes, fields in given:
            if len(probes) == len(call[1]) and all(map(operator.is_, probes, call[1])):
                calls[j] = (*call[:5], {**call[5], _GIVEN: fields})
    with out.open("wb") as f:  # one pickle: records shared between calls stay shared
        pickle.dump(calls, f, protocol=5)
    print(f"{len(calls)} calls written to {out}")
    return 0


#: The steps of ``match_people`` timed with ``--phases``: (module, function, label).
PHASES = (("records", "_reference_index", "reference index"),
          ("bulk", "ref_side", "columnar reference keys"),
          ("bulk", "ref_side_of_rows", "columnar reference keys"),
          ("records", "_ref_rows", "columnar reference keys"),
          ("records", "_probe_tokens", "probe name tokens"),
          ("records", "_frequencies", "name counts"),
          ("bulk", "candidate_probes", "columnar candidates"))


def _timed_phases() -> dict[str, float]:
    """Wrap the steps of :data:`PHASES` so each adds its CPU time to the returned dict."""
    from coi_graph.match import bulk, records

    spent: dict[str, float] = {}
    for mod_name, fn_name, label in PHASES:
        mod = {"records": records, "bulk": bulk}[mod_name]
        fn = getattr(mod, fn_name, None)
        if fn is None:  # an older matcher (replayed to compare with)
            continue

        def timed(*a: Any, _fn: Any = fn, _label: str = label, **k: Any) -> Any:
            c = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - c

        setattr(mod, fn_name, timed)
    return spent


def _other_matcher(checkout: Path, tmp: Path) -> tuple[Any, Any, Any, Any, Any]:
    """``checkout``'s ``clear_caches``, ``parse_name``, ``match_people``,
    ``match_organizations``, ``match_within`` and ``probe_columns`` (None before they
    existed), loaded as the package ``coi_other`` from a copy in ``tmp``."""
    import importlib
    import shutil

    shutil.copytree(checkout / "coi_graph", tmp / "coi_other",
                    ignore=shutil.ignore_patterns("__pycache__"))
    init = tmp / "coi_other" / "match" / "__init__.py"
    # clear_caches finds the modules by name
    init.write_text(init.read_text().replace('"coi_graph.', '"coi_other.'))
    sys.path.insert(0, str(tmp))
    m = importlib.import_module("coi_other.match")
    r = importlib.import_module("coi_other.match.records")
    n = importlib.import_module("coi_other.normalise.names")
    return m.clear_caches, n.parse_name, r.match_people, r.match_organizations, \
        getattr(r, "match_within", None), getattr(r, "probe_columns", None)


def _give(kw: dict[str, Any], probes: list[Any], give: Any) -> None:
    """Give the columns the build gave for ``probes`` (kept with the call, see
    :func:`record`) as the build did, before the call and outside its time; not to a
    matcher without ``probe_columns`` (one from before it), which reads the records."""
    fields = kw.get(_GIVEN)
    if fields is not None and give is not None:
        give(probes, **fields)


#: Where a recorded call keeps the columns the build gave for its probes.
_GIVEN = "_given_columns"


def _call(kind: str, probes: list[Any], refs: list[Any], policy: Any, judgements: Any,
          kw: dict[str, Any], people: Any, orgs: Any, within: Any) -> Any:
    """One recorded call: ``within`` (the relatives' self-match) is replayed as the two-way
    ``match_people`` it replaced when the matcher has no ``match_within``."""
    kw = {k: v for k, v in kw.items() if k != _GIVEN}
    if kind == "people":
        return people(probes, refs, policy, judgements, **kw)
    if kind == "within":
        if within is None:
            return people(probes, refs, policy, judgements, **kw)
        return within(probes, policy, judgements, **kw)
    return orgs(probes, refs, policy)


def against(path: Path, runs: int, checkout: Path) -> int:
    """Time this checkout's matcher and ``checkout``'s on the recorded calls, alternating
    (this one first in odd runs, the other first in even ones); print each one's lowest,
    median and every run's CPU time, and each call's lowest and median."""
    import tempfile

    from coi_graph.match import clear_caches
    from coi_graph.match.records import (match_organizations, match_people, match_within,
                                         probe_columns)
    from coi_graph.normalise.names import parse_name

    with path.open("rb") as f:
        calls = pickle.load(f)
    parsed = [r.name for c in calls if c[0] == "people" for r in c[2]]
    parsed += [r.name for c in calls if c[0] == "people" for r in c[1]
               if str(r.key).startswith("officers:")]
    with tempfile.TemporaryDirectory() as tmp:
        versions = {"this checkout": (clear_caches, parse_name, match_people,
                                      match_organizations, match_within, probe_columns),
                    str(checkout): _other_matcher(checkout, Path(tmp))}
        cpu: dict[str, list[float]] = {k: [] for k in versions}
        per: dict[str, list[list[float]]] = {k: [[] for _ in calls] for k in versions}
        for run in range(runs):
            order = list(versions.items())
            for name, (clear, parse, people, orgs, within, give) in (
                    order if run % 2 == 0 else order[::-1]):
                for other in versions.values():  # neither holds its caches during the run
                    other[0]()
                gc.collect()
                for n in parsed:
                    parse(n)
                total = 0.0
                for j, (kind, probes, refs, policy, judgements, kw) in enumerate(calls):
                    _give(kw, probes, give)
                    one = time.process_time()
                    _call(kind, probes, refs, policy, judgements, kw, people, orgs, within)
                    per[name][j].append(time.process_time() - one)
                    total += per[name][j][-1]
                cpu[name].append(total)
    for name, xs in cpu.items():
        print(f"{name}: lowest CPU {min(xs):.2f} s, median {statistics.median(xs):.2f} s; "
              "runs " + " ".join(f"{x:.2f}" for x in xs))
        # each call's lowest / median CPU, to see which call a change moves
        print("  per call, lowest / median: " + "; ".join(
            f"{c[0]} {len(c[1])}x{len(c[2])} {min(x):.3f} / {statistics.median(x):.3f} s"
            for c, x in zip(calls, per[name])))
    return 0


def replay_runs(path: Path, runs: int, spent: dict[str, float] | None = None,
                on_run: Any = None) -> list[list[tuple[str, float, float]]]:
    """Replay the recorded calls ``runs`` times; per run, each call's ``(kind, CPU s, wall
    s)``.  ``spent`` (from :func:`_timed_phases`) is cleared before each run, and
    ``on_run(run, per)`` is called after it (to read ``spent`` then)."""
    from coi_graph.match import clear_caches
    from coi_graph.match.records import match_organizations, match_people, match_within
    from coi_graph.match.records import probe_columns
    from coi_graph.normalise.names import parse_name

    with path.open("rb") as f:
        calls = pickle.load(f)
    parsed = [r.name for c in calls if c[0] == "people" for r in c[2]]
    parsed += [r.name for c in calls if c[0] == "people" for r in c[1]
               if str(r.key).startswith("officers:")]
    out = []
    for run in range(runs):
        if spent is not None:
            spent.clear()
        clear_caches()
        gc.collect()
        for name in parsed:
            parse_name(name)
        per = []
        for kind, probes, refs, policy, judgements, kw in calls:
            _give(kw, probes, probe_columns)
            t, c = time.perf_counter(), time.process_time()
            _call(kind, probes, refs, policy, judgements, kw, match_people,
                  match_organizations, match_within)
            per.append((kind, time.process_time() - c, time.perf_counter() - t))
        out.append(per)
        if on_run is not None:
            on_run(run, per)
    return out


def replay(path: Path, runs: int, phases: bool = False) -> int:
    spent = _timed_phases() if phases else {}
    best: tuple[float, float] | None = None
    lowest: dict[str, float] = {}

    def report(run: int, per: list[tuple[str, float, float]]) -> None:
        nonlocal best
        cpu, wall = sum(x[1] for x in per), sum(x[2] for x in per)
        print(f"run {run + 1}: CPU {cpu:.2f} s, wall {wall:.2f} s; per call CPU "
              + " ".join(f"{x[1]:.2f}" for x in per))
        if best is None or cpu < best[0]:
            best = (cpu, wall)
        if phases:
            people = sum(x[1] for x in per if x[0] != "orgs")
            spent["rest of match_people (per-probe loop)"] = people - sum(spent.values())
            spent["match_organizations"] = cpu - people
            for k, v in spent.items():
                lowest[k] = min(lowest.get(k, v), v)

    replay_runs(path, runs, spent, report)
    if best is not None:
        print(f"lowest: CPU {best[0]:.2f} s, wall {best[1]:.2f} s (of {runs} runs)")
    for k, v in lowest.items():
        print(f"  lowest CPU {k}: {v:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record", help="run build_graph on DATA and write its matching calls")
    r.add_argument("data", type=Path)
    r.add_argument("out", type=Path)
    p = sub.add_parser("replay", help="time the recorded calls")
    p.add_argument("calls", type=Path)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--phases", action="store_true",
                   help="also the lowest CPU time of each step of match_people")
    p.add_argument("--against", type=Path, metavar="CHECKOUT",
                   help="also time CHECKOUT's matcher, alternating in this process")
    a = ap.parse_args(argv)
    if a.cmd == "record":
        return record(a.data, a.out)
    if a.against is not None:
        return against(a.calls, a.runs, a.against)
    return replay(a.calls, a.runs, a.phases)


if __name__ == "__main__":
    sys.exit(main())
