"""The graph build (``build_graph``: matching and graph) of this checkout against another
commit's, alternated in one process on the same data, in CPU time.

Why: the machine is shared (2 cores, several people running tests and benchmarks), so two
runs minutes apart see different loads and their wall times say little.  Here both builds
run in one process on one :class:`~ingest.model.Dataset` read once, taking turns (``A B B A
A B ...``), each timed in CPU (this process's and that of the children it forked and reaped
meanwhile: the build's officer worker) and wall time; the
median and the lowest of each are printed with the load average before and after.  The
other commit's ``coi_graph`` is exported with ``git archive`` into a temporary folder and
imported as ``coi_graph_base`` (its ``coi_graph.`` imports rewritten); ``ingest`` is this
checkout's for both, so only the build differs.  Both graphs are fingerprinted (nodes with
their attributes, edges with their keys and links, applicant anchors, matches, hubs,
counts, in order) and must be identical.

    python bench/bench_build_ab.py --base main --sizes medium --reps 4
    python bench/bench_build_ab.py --base 6987ac5 --sizes large --reps 5 \\
        --data-root /elsewhere/bench/.cache        # demo data cached elsewhere, read only

Figures to read, never asserted by tests.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import hashlib
import importlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))


def export_base(ref: str, into: Path) -> None:
    """``coi_graph`` at ``ref`` as the package ``coi_graph_base`` in ``into``."""
    blob = subprocess.run(["git", "-C", str(REPO), "archive", ref, "coi_graph"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    (into / "coi_graph").rename(into / "coi_graph_base")
    for path in (into / "coi_graph_base").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        new = re.sub(r"\bcoi_graph\.", "coi_graph_base.", text)
        new = re.sub(r"\bfrom coi_graph import\b", "from coi_graph_base import", new)
        # its own data files (the default policy), not this checkout's
        new = new.replace('resources.files("coi_graph")', 'resources.files("coi_graph_base")')
        if new != text:
            path.write_text(new, encoding="utf-8")


def fingerprint(lg: Any) -> str:
    """Everything the build leaves behind, order included, as one hash (the Link and
    MatchInfo classes differ between the two packages, their reprs do not)."""
    h = hashlib.sha256()
    for n, d in lg.g.nodes(data=True):
        h.update(repr((n, sorted(d.items()))).encode())
    for a, b, k, link in lg.g.edges(keys=True, data="link"):
        h.update(repr((a, b, k, link)).encode())
    h.update(repr(sorted(lg.anchor_index.items())).encode())
    h.update(repr(lg.matches).encode())
    h.update(repr((lg.hubs, lg.counts, lg.path_hubs, sorted(lg.org_matches.items()))).encode())
    return h.hexdigest()[:16]


def cpu_with_children() -> float:
    """CPU seconds of this process and of its children that have ended (user + system):
    a build that forks a worker (``coi_graph.graph.beside``) is charged the worker's CPU too,
    so the comparison is of work done, not of what one process did."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def data_of(size: str, root: Path) -> Path:
    """The demo of ``size``: ``root/size/data`` when it is there (read only), else generated
    and cached in ``bench/.cache`` as :mod:`bench_scan` does it."""
    given = root / size / "data"
    if given.is_dir():
        return given
    from bench_scan import DEFAULT_CACHE, ensure_data

    return ensure_data(size, DEFAULT_CACHE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="main", help="the commit to compare with (default main)")
    ap.add_argument("--sizes", default="medium", help="comma-separated demo sizes")
    ap.add_argument("--reps", type=int, default=4, help="builds per side and size")
    ap.add_argument("--data-root", type=Path, default=HERE / ".cache",
                    help="a folder holding SIZE/data (read only; default bench/.cache)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-build-ab-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # the exported copy goes
    export_base(args.base, tmp)
    sys.path.insert(0, str(tmp))
    import ingest

    sides = {}
    for name, pkg in (("base", "coi_graph_base"), ("this", "coi_graph")):
        sides[name] = tuple(importlib.import_module(f"{pkg}.{m}")
                            for m in ("scan", "graph.build", "policy", "match"))
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    print(f"base {args.base}, this {head} (+ uncommitted changes, if any); "
          f"{os.cpu_count()} cores")
    for size in args.sizes.split(","):
        scan = sides["this"][0]
        load_before = os.getloadavg()
        with scan.fewer_collections():
            ds = ingest.read_dataset(data_of(size, args.data_root))
            times: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
            prints: dict[str, str] = {}
            for rep in range(args.reps):
                order = list(sides.items()) if rep % 2 == 0 else list(sides.items())[::-1]
                for name, (s, build, policy, match) in order:
                    match.clear_caches()
                    gc.collect()
                    cpu, wall = cpu_with_children(), time.perf_counter()
                    lg = s.build_frozen(lambda: build.build_graph(ds, policy.Policy.default()))
                    times[name].append((cpu_with_children() - cpu, time.perf_counter() - wall))
                    gc.unfreeze()  # build_frozen froze it; the next build starts afresh
                    if name not in prints:
                        prints[name] = fingerprint(lg)
                    del lg
                    gc.collect()
        load_after = os.getloadavg()
        print(f"\n{size}: {args.reps} builds per side, alternated; load average "
              f"{load_before[0]:.1f} before, {load_after[0]:.1f} after")
        print("| side | CPU median | CPU lowest | wall median | wall lowest | graph |")
        print("|---|---:|---:|---:|---:|---|")
        for name, ts in times.items():
            cpu_s, wall_s = [t[0] for t in ts], [t[1] for t in ts]
            print(f"| {name} | {statistics.median(cpu_s):.2f} s | {min(cpu_s):.2f} s | "
                  f"{statistics.median(wall_s):.2f} s | {min(wall_s):.2f} s | {prints[name]} |")
        same = len(set(prints.values())) == 1
        print("same graph on both sides" if same else "THE GRAPHS DIFFER")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
