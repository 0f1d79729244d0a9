"""How fast the explore bundle builds and its pages open, up to 10,000 findings.

Three runs: the demo (17 planted conflicts, ~100 nodes), the demo tiled ``--copies`` times
(keys renamed: many separate components), and ``--dense N`` (default 10,000) synthetic
findings as a very permissive policy would give them, most hanging together in one
component of ~18,000 nodes (the case that made the old spring layout take minutes and need
scipy).  For each: the time to build the bundle (wall and CPU, since the build machine is
shared), the sizes of index.html and overview.html, and in headless Chromium the time until
the index, the overview and one finding page are ready.  Not a test: it prints figures.

    python bench/bench_explore.py                        # small demo, x30 tiled, 10,000 dense
    python bench/bench_explore.py --size medium --dense 20000
"""

from __future__ import annotations

import argparse
import os
import hashlib
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from coi_graph.findings import read_findings
from coi_graph.outputs.explore import build_bundle

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def demo_run(root: Path, size: str) -> Path:
    from coi_graph.demo import generate
    from coi_graph.scan import scan

    t = time.perf_counter()
    res = generate(root, size=size, seed=7)
    scan(res.data_dir, root / "run")
    print(f"demo {size}: generated and scanned in {time.perf_counter() - t:.1f}s")
    return root / "run"


def tiled_run(run: Path, out: Path, copies: int) -> Path:
    """The run's findings and graph.json repeated ``copies`` times with renamed keys."""
    findings = read_findings(run)
    graph = json.loads((run / "graph.json").read_text(encoding="utf-8"))
    text_f, text_g = json.dumps(findings), json.dumps(graph)
    keys = sorted({n["key"] for n in graph["nodes"]} |
                  {k for f in findings for k in f["path_nodes"]}, key=len, reverse=True)
    all_f: list[Any] = []
    all_g: dict[str, list[Any]] = {"nodes": [], "edges": []}
    for c in range(copies):
        tf, tg = text_f, text_g
        for k in keys:  # rename every node key: copy c is its own component
            tf = tf.replace(json.dumps(k)[1:-1], f"{json.dumps(k)[1:-1]}~{c}")
            tg = tg.replace(json.dumps(k)[1:-1], f"{json.dumps(k)[1:-1]}~{c}")
        fs = json.loads(tf)
        for f in fs:
            f["finding_id"] = f"{f['finding_id'].split('~')[0]}-{c}"
        all_f += fs
        g = json.loads(tg)
        for e in g["edges"]:
            e["id"] = f"{e['id']}~{c}"
        all_g["nodes"] += g["nodes"]
        all_g["edges"] += g["edges"]
    out.mkdir(parents=True, exist_ok=True)
    (out / "findings.json").write_text(json.dumps(all_f), encoding="utf-8")
    (out / "graph.json").write_text(json.dumps(all_g), encoding="utf-8")
    shutil.copy(run / "run.json", out / "run.json")
    return out


def dense_run(out: Path, n_findings: int = 10_000, seed: int = 7) -> Path:
    """A run folder as a scan with a very permissive policy writes it: ``n_findings``
    findings over a few hundred employees and a few thousand organizations, so most of
    them hang together in one component of ~15,000 nodes (the case that made the old spring
    layout quadratic), plus a tail of small separate components.  Every finding has the
    fields a scan writes, with the Dutch labels a scan bakes in."""
    import random
    rnd = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    n_emp, n_org = max(5, n_findings // 25), max(10, n_findings // 4)
    depts = [f"Afdeling {i}" for i in range(12)]
    emp = [(f"employee:E{i:05d}", f"Medewerker {i}", depts[i % len(depts)]) for i in range(n_emp)]
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}

    def node(key, kind, label, dept=None, context=False):
        nodes.setdefault(key, {"key": key, "kind": kind, "label": label, "department": dept,
                               "context": context})
        return {"key": key, "kind": kind, "label": label}

    def step(src, tgt, kind, label, declared, ev, date=None):
        lid = f"L-{len(edges):06d}"
        s = {"source": src, "target": tgt, "kind": kind, "label": label,
             "valid_from": date, "valid_until": date, "declared": declared, "evidence": [ev],
             "match": None, "link_id": lid}
        edges[lid] = {"id": lid, **{k: v for k, v in s.items() if k != "link_id"},
                      "context": False}
        return s

    findings = []
    for i in range(n_findings):
        small = i % 10 == 0  # one in ten: a pair of its own (a separate small component)
        e_key, e_name, dept = (emp[rnd.randrange(n_emp)] if not small else
                               (f"employee:S{i:05d}", f"Losse medewerker {i}", depts[i % 12]))
        o = rnd.randrange(n_org) if not small else i
        o_key, o_name = f"organization:O{o:06d}", f"Leverancier {o} B.V."
        d_key, date = f"decision:D{i:06d}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rule = ("self_interest", "relative_interest", "shared_identifier")[i % 3]
        pn = [node(e_key, "employee", e_name, dept)]
        steps = []
        if rule == "self_interest":
            pn.append(node(o_key, "organization", o_name))
            steps.append(step(e_key, o_key, "interest", "financieel belang, goedgekeurd", True,
                              f"declarations:{i + 2}"))
        elif rule == "relative_interest":
            r_key = f"relative:R{i:06d}"
            pn.append(node(r_key, "relative", f"Familielid {i}"))
            steps.append(step(e_key, r_key, "family", "partner", True, f"relatives:{i + 2}"))
            pn.append(node(o_key, "organization", o_name))
            steps.append(step(r_key, o_key, "officer", "bestuurder, KvK", False,
                              f"officers:{i + 2}"))
        else:
            a_key = f"address:{1000 + i % 8999}AB|{i}|"
            pn.append(node(a_key, "address", f"{1000 + i % 8999} AB {i}"))
            steps.append(step(e_key, a_key, "identifier", "adres", False, f"employees:{i + 2}"))
            pn.append(node(o_key, "organization", o_name))
            steps.append(step(a_key, o_key, "identifier", "adres", False,
                              f"organizations:{o + 2}"))
        pn.append(node(d_key, "decision", f"D{i:06d}"))
        steps.append(step(o_key, d_key, "decision", f"contract {date}", True,
                          f"contracts:{i + 2}", date))
        fid = "F-" + hashlib.sha256(f"dense{i}".encode()).hexdigest()[:16]
        text = pn[0]["label"] + "".join(f" -[{s['label']}]- {n['label']}"
                                        for s, n in zip(steps, pn[1:]))
        ev = sorted({e for s in steps for e in s["evidence"]})
        findings.append({
            "finding_id": fid, "rule": rule, "severity": ("high", "medium", "low")[i % 3],
            "score": 40 + i % 60, "decision_id": f"D{i:06d}", "record": "",
            "subject_id": e_key.split(":", 1)[1], "counterparty": o_key,
            "declared": all(s["declared"] for s in steps), "path": text,
            "path_nodes": [n["key"] for n in pn], "evidence": ev,
            "subject_role": ("handled_by", "approved_by")[i % 2], "subject_name": e_name,
            "subject_department": dept, "counterparty_name": o_name,
            "decision_kind": ("contract", "purchase_order", "invoice")[i % 3],
            "decision_date": date, "amount_eur": float(1000 + (i * 37) % 90000),
            "articles": ["Integriteitscode 2.3"], "evidence_hash": f"{i:016x}",
            "score_parts": [{"reason": f"base score of {rule}", "points": 40}],
            "explanation": "", "explanation_nl": "",
            "path_detail": {"nodes": pn, "steps": steps}, "other_paths": [], "details": {},
        })
    (out / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    (out / "graph.json").write_text(json.dumps({"nodes": list(nodes.values()),
                                                "edges": list(edges.values()),
                                                "truncated": {}}), encoding="utf-8")
    (out / "run.json").write_text(json.dumps({"tool": "coi-graph", "as_of": "2024-12-31",
                                              "synthetic": "dense"}), encoding="utf-8")
    return out


def measure(page_path: Path, runs: int = 3) -> dict[str, float]:
    """Milliseconds from navigation start to first draw and to a static picture (median)."""
    from playwright.sync_api import sync_playwright

    draws, settles = [], []
    profile = tempfile.mkdtemp(prefix="coi-bench-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS,
                                                   headless=True, offline=True,
                                                   viewport={"width": 1440, "height": 1000})
        for _ in range(runs):
            page = ctx.new_page()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("() => window.coiSettled !== undefined", timeout=120_000)
            draws.append(page.evaluate("window.coiFirstDraw"))
            # a small map settles (physics off) before its first frame: static from then on
            settles.append(max(draws[-1], page.evaluate("window.coiSettled")))
            nodes = page.evaluate("window.coiNetwork.body.data.nodes.length")
            t = time.perf_counter()  # responsiveness: a zoom and redraw after settling
            page.evaluate("window.coiNetwork.moveTo({scale: 0.8}); window.coiNetwork.redraw()")
            redraw = (time.perf_counter() - t) * 1000
            page.close()
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)
    return {"nodes": nodes, "first_draw_ms": sorted(draws)[len(draws) // 2],
            "settled_ms": sorted(settles)[len(settles) // 2], "redraw_ms": redraw}


def page_ready_ms(page_path: Path, wait_for: str) -> float:
    """Milliseconds from navigation start until the page says it is ready (median of 3)."""
    from playwright.sync_api import sync_playwright

    times = []
    profile = tempfile.mkdtemp(prefix="coi-bench-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS,
                                                   headless=True, offline=True,
                                                   viewport={"width": 1440, "height": 1000})
        for _ in range(3):
            page = ctx.new_page()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function(f"() => window.{wait_for} !== undefined", timeout=120_000)
            times.append(page.evaluate(f"window.{wait_for} === true ? performance.now() "
                                       f": window.{wait_for}"))
            page.close()
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)
    return sorted(times)[1]


def timed_build(run: Path, jobs: int | None = None) -> tuple[Path, float, float, float]:
    """Build the bundle of ``run``; return (index.html, wall s, parent CPU s, workers' CPU s).
    ``jobs`` sets COI_EXPLORE_JOBS for this build (None: the default, two processes from
    2,000 findings on)."""
    shutil.rmtree(run / "explore", ignore_errors=True)
    before_env = os.environ.get("COI_EXPLORE_JOBS")
    if jobs is not None:
        os.environ["COI_EXPLORE_JOBS"] = str(jobs)
    try:
        t, c = time.perf_counter(), time.process_time()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        index = build_bundle(run)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
    finally:
        if before_env is None:
            os.environ.pop("COI_EXPLORE_JOBS", None)
        else:
            os.environ["COI_EXPLORE_JOBS"] = before_env
    children = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return index, wall, cpu, children


def report(label: str, run: Path) -> None:
    findings = read_findings(run)
    graph = json.loads((run / "graph.json").read_text(encoding="utf-8"))
    print(f"{label}: {len(findings):,} findings, {len(graph['nodes']):,} nodes, "
          f"{len(graph['edges']):,} links")
    if len(findings) >= 2000:  # where the build uses two processes: also one, for its CPU
        _, wall1, cpu1, _ = timed_build(run, jobs=1)
        print(f"  one process: bundle built in {wall1:.1f} s wall, {cpu1:.1f} s CPU (load "
              f"average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    index, build, cpu, children = timed_build(run)
    from coi_graph.outputs.explore import BUILD_STATS

    workers = {pid: c for pid, c in BUILD_STATS.get("work_cpu_s", {}).items()
               if pid != os.getpid()}
    ov = index.parent / "overview.html"
    m = measure(ov)
    first = min((index.parent / "findings").iterdir())
    print(f"  default: bundle built in {build:.1f} s wall, {cpu + children:.1f} s CPU "
          f"({cpu:.1f} s in the main process, {max(children, 0.0):.1f} s in its workers; load average "
          f"now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); index.html "
          f"{index.stat().st_size / 1e6:.1f} MB, overview.html {ov.stat().st_size / 1e6:.1f} MB")
    if workers:  # the wall time two idle cores would take, leaving out waits for the disk
        print(f"  longest path in CPU: {cpu + max(workers.values()):.1f} s (main process "
              f"{cpu:.1f} s + busiest of {len(workers)} workers "
              f"{max(workers.values()):.1f} s; the other {min(workers.values()):.1f} s)")
    print(f"  Chromium: index ready {page_ready_ms(index, 'coiReady'):.0f} ms, finding page "
          f"ready {page_ready_ms(first, 'coiSettled'):.0f} ms, overview first draw "
          f"{m['first_draw_ms']:.0f} ms, settled {m['settled_ms']:.0f} ms, zoom+redraw "
          f"{m['redraw_ms']:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="small", choices=["small", "medium", "large"])
    ap.add_argument("--dense", type=int, default=10_000,
                    help="also a synthetic run of this many findings (0: skip)")
    ap.add_argument("--copies", type=int, default=30,
                    help="also tile the run this many times (0: skip)")
    ap.add_argument("--keep", type=Path, help="keep the runs and bundles in this folder")
    a = ap.parse_args()
    root = a.keep or Path(tempfile.mkdtemp(prefix="coi-bench-explore-"))
    try:
        run = demo_run(root / "demo", a.size)
        report(f"overview of the {a.size} demo", run)
        if a.copies:
            big = tiled_run(run, root / f"tiled-{a.copies}", a.copies)
            report(f"overview of the {a.size} demo tiled x{a.copies}", big)
        if a.dense:
            report("dense synthetic run", dense_run(root / "dense", a.dense))
    finally:
        if a.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
