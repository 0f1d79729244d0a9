"""How fast the Neo4j engine loads and scans, beside the embedded engine, and why.

For one demo size (``medium`` by default) this times, on a real Neo4j 5:

- the embedded scan (``coi scan``), as the reference, and its findings;
- ``coi neo4j load`` into an empty database, then the same load again (which must write
  nothing: the figure is the cost of checking);
- ``coi scan --engine neo4j`` on the loaded database: each rule query apart, and the whole
  scan (reading the input and building the graph included, as a user runs it);
- that both engines give the same findings (the exit status is 1 when they do not);
- the query plan with figures (``PROFILE``) of the slowest rule query.

Which server: ``COI_NEO4J_URI`` / ``COI_NEO4J_USER`` / ``COI_NEO4J_PASSWORD`` (or ``NEO4J_*``)
when set, otherwise a server started for the run from ``tools/neo4j`` (Maven, Java 17) and
stopped after it.  The database's coi-graph data is replaced.  Run from the repository root::

    python bench/bench_neo4j.py                  # medium
    python bench/bench_neo4j.py --size small

Timings are figures to read, never asserted by a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from coi_graph.engines import neo4j as ne  # noqa: E402
from coi_graph.demo import generate  # noqa: E402
from coi_graph.rules.detect import DetectionContext  # noqa: E402
from coi_graph.policy import Policy  # noqa: E402
from coi_graph.scan import load, scan  # noqa: E402


def _server_tools() -> Any:
    spec = importlib.util.spec_from_file_location("coi_neo4j_server",
                                                  REPO / "tools" / "neo4j" / "server.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _settings_from_env() -> ne.Neo4jSettings | None:
    uri = os.environ.get("COI_NEO4J_URI") or os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return ne.Neo4jSettings(
        uri, os.environ.get("COI_NEO4J_USER") or os.environ.get("NEO4J_USER") or "neo4j",
        os.environ.get("COI_NEO4J_PASSWORD") or os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("COI_NEO4J_DATABASE") or os.environ.get("NEO4J_DATABASE") or None)


def _clear(driver: Any, settings: ne.Neo4jSettings) -> None:
    """Empty the database in batches (one transaction for 300,000 nodes would not fit the
    test server's heap)."""
    while True:
        _, summary = ne._run(driver, settings, "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n",
                             write=True)
        if not summary.counters.nodes_deleted:
            return


def _timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _plan_lines(plan: Any, depth: int = 0) -> list[str]:
    """A PROFILE plan as indented lines: operator, rows, db hits, details."""
    args = plan.get("args", {})
    details = str(args.get("Details", ""))[:110]
    line = (f"{'  ' * depth}{plan['operatorType'].split('@')[0]:<{34 - 2 * min(depth, 12)}} "
            f"rows {args.get('Rows', '?'):>9}  db hits {args.get('DbHits', '?'):>10}  {details}")
    out = [line]
    for child in plan.get("children", []):
        out += _plan_lines(child, depth + 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="medium", choices=["small", "medium", "large"])
    ap.add_argument("--cache", type=Path, default=HERE / ".cache",
                    help="where the demo data is generated (default bench/.cache)")
    ap.add_argument("--results", type=Path, default=HERE,
                    help="where results-neo4j-<size>.json goes (default bench/)")
    args = ap.parse_args(argv)

    settings = _settings_from_env()
    server = None
    if settings is None:
        tools = _server_tools()
        password = secrets.token_urlsafe(18)
        home = Path(tempfile.mkdtemp(prefix="coi-bench-neo4j-"))
        t, server = _timed(lambda: tools.start(home, password, watch_pid=os.getpid()))
        print(f"started a Neo4j test server in {t:.1f}s ({server.uri})")
        settings = ne.Neo4jSettings(server.uri, "neo4j", password)
    try:
        return _bench(args, settings)
    finally:
        if server is not None:
            server.stop()


def _bench(args: argparse.Namespace, settings: ne.Neo4jSettings) -> int:
    pol = Policy.default()
    data = args.cache / f"neo4j-{args.size}" / "data"
    if not (data / "employees.csv").is_file():
        generate(data.parent, args.size)
    runs = Path(tempfile.mkdtemp(prefix="coi-bench-runs-"))
    fig: dict[str, Any] = {"size": args.size, "python": platform.python_version(),
                           "cpus": os.cpu_count()}

    t_nx, nx_res = _timed(lambda: scan(data, runs / "networkx", pol))
    fig["embedded_scan_s"] = round(t_nx, 2)
    fig["findings"] = len(nx_res.findings)

    driver = ne.connect(settings)
    try:
        fig["server"] = driver.get_server_info().agent
        _clear(driver, settings)
        t_load, (summary, rows) = _timed(lambda: ne.load(data, pol, settings=settings))
        nodes, rels = rows.counts()
        fig["nodes"], fig["relationships"] = sum(nodes.values()), sum(rels.values())
        fig["load_s"] = round(t_load, 2)
        fig["load_write_s"] = round(summary.seconds, 2)
        t_again, (again, _) = _timed(lambda: ne.load(data, pol, settings=settings))
        fig["reload_s"] = round(t_again, 2)
        fig["reload_changed"] = again.changed

        t_scan, n4_res = _timed(lambda: ne.scan_neo4j(data, runs / "neo4j", pol,
                                                      settings=settings))
        fig["neo4j_scan_s"] = round(t_scan, 2)
        fig["neo4j_rule_s"] = n4_res.run["neo4j"]["seconds_per_query"]
        fig["neo4j_rule_rows"] = n4_res.run["neo4j"]["rows_per_query"]
        key = lambda f: (f.finding_id, f.rule, f.score, f.path.text, f.evidence_hash)  # noqa: E731
        fig["same_findings"] = [key(f) for f in n4_res.findings] == \
            [key(f) for f in nx_res.findings]

        slowest = max(fig["neo4j_rule_s"], key=fig["neo4j_rule_s"].get)
        ds, lg = load(data, pol)
        ctx = DetectionContext(ds, lg, pol)
        q = ne.read_query(slowest)
        t_prof, (_, prof) = _timed(lambda: ne._run(
            driver, settings, "PROFILE " + ne.query_text(q, pol), ne.query_parameters(q, ctx)))
        plan = prof.profile
    finally:
        driver.close()

    print(f"\n## Neo4j engine, `{args.size}` ({fig['nodes']:,} nodes, "
          f"{fig['relationships']:,} relationships; {fig['server']}, {fig['cpus']} cores)\n")
    print("| step | seconds |")
    print("|---|---:|")
    print(f"| embedded scan (`coi scan`), whole | {fig['embedded_scan_s']:.1f} |")
    print(f"| `coi neo4j load` into an empty database | {fig['load_s']:.1f} |")
    print(f"| `coi neo4j load` again (writes nothing: {not fig['reload_changed']}) | "
          f"{fig['reload_s']:.1f} |")
    print(f"| `coi scan --engine neo4j` on the loaded database, whole | {fig['neo4j_scan_s']:.1f} |")
    for code, s in sorted(fig["neo4j_rule_s"].items(), key=lambda kv: -kv[1]):
        print(f"| - rule query `{code}` ({fig['neo4j_rule_rows'][code]:,} rows) | {s:.2f} |")
    print(f"\nSame findings as the embedded engine ({fig['findings']}): "
          f"{'yes' if fig['same_findings'] else 'NO'}\n")
    print(f"PROFILE of the slowest rule query, `{slowest}` ({t_prof:.2f}s with profiling):\n")
    print("```")
    print("\n".join(_plan_lines(plan)))
    print("```")
    fig["profile_rule"] = slowest
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / f"results-neo4j-{args.size}.json").write_text(
        json.dumps(fig, indent=2, sort_keys=True), encoding="utf-8")
    return 0 if fig["same_findings"] and not fig["reload_changed"] else 1


if __name__ == "__main__":
    sys.exit(main())
