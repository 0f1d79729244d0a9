"""How fast the explore overview opens: build the bundle of a demo run and load its
``overview.html`` in headless Chromium, timing first draw and settling.

The demo plants the same 17 conflicts at every size, so its overview stays around a hundred
nodes; ``--copies N`` also tiles that run's findings and context graph N times (keys renamed)
to see how the page behaves with thousands of nodes, where physics is off and the layout
precomputed.  Not a test: it prints figures.

    python bench/bench_explore.py                    # medium demo, plus x30 tiled
    python bench/bench_explore.py --size small --copies 60
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from coi_graph.explore import build_bundle

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
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
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


def report(label: str, run: Path) -> None:
    t = time.perf_counter()
    index = build_bundle(run)
    build = time.perf_counter() - t
    ov = index.parent / "overview.html"
    graph = json.loads((run / "graph.json").read_text(encoding="utf-8"))
    m = measure(ov)
    print(f"{label}: {len(graph['nodes'])} nodes, {len(graph['edges'])} links; bundle built in "
          f"{build:.1f}s ({ov.stat().st_size / 1e6:.1f} MB overview.html); in Chromium: first "
          f"draw {m['first_draw_ms']:.0f} ms, settled {m['settled_ms']:.0f} ms after navigation "
          f"start; zoom+redraw {m['redraw_ms']:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="medium", choices=["small", "medium", "large"])
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
    finally:
        if a.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
