"""The explore pages of a real dense run in Chromium: size, first render, ready, offline.

Where ``bench_explore.py`` builds synthetic findings, this one scans a generated corporation
with the real ``coi_graph.scan.scan``: the dense run of ``bench_findings.py`` (20 linked
handlers, ``--contracts`` contracts with their suppliers: ~1.5 findings per contract, every
path behind a "possible same person" officer match, every person with thousands of
neighbours).  It then builds the bundle as ``coi explore`` does and opens, in Debian's
headless Chromium with every request that is not a file of the bundle refused:

- the index, the overview, the largest finding page and a median one, 3 loads each;
- per page: its size, first contentful paint (the browser's own ``paint`` entry), the time
  until the page's script says it is ready (``coiReady``) and, for a network, until the
  picture is static (``coiSettled``), the nodes drawn, and the requests that tried to leave
  the machine (must be 0) and console errors.

It also reads every page of the bundle for a URL with a scheme in ``src``/``href`` (must be
0) and prints the bundle's size.  Not a test: it prints figures.

    python bench/bench_explore_pages.py                      # 6,500 contracts: ~10,000 findings
    python bench/bench_explore_pages.py --contracts 1000
    python bench/bench_explore_pages.py --run RUN_DIR        # an existing run folder
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REMOTE = re.compile(rb"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"""
                    rb"""(?:src|href|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I)


def dense_run(cache: Path, contracts: int) -> Path:
    """The real scan of bench_findings' dense corporation (cached per size)."""
    from bench_findings import dense_corporation
    from coi_graph.scan import scan

    run = cache / f"dense-explore-{contracts}" / "run"
    if (run / "findings.json").is_file():
        return run
    t = time.perf_counter()
    data = dense_corporation(run.parent / "data", contracts)
    scan(data, run)
    print(f"dense corporation ({contracts} contracts) generated and scanned in "
          f"{time.perf_counter() - t:.0f} s")
    return run


def load_times(ctx: Any, path: Path, wait: str, runs: int) -> dict[str, Any]:
    """Median milliseconds of ``runs`` loads of ``path`` (navigation start = 0)."""
    fcp, ready, settled, outside, errors, nodes = [], [], [], [], [], 0
    for _ in range(runs):
        page = ctx.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.coiReady !== undefined", timeout=300_000)
        ready.append(page.evaluate("performance.now()"))
        if wait == "coiSettled":
            page.wait_for_function("() => window.coiSettled !== undefined", timeout=300_000)
            settled.append(page.evaluate("window.coiSettled"))
            nodes = page.evaluate("window.coiNetwork.body.data.nodes.length")
        fcp.append(page.evaluate(
            "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || -1"))
        outside += [u for u in asked if not u.startswith(("file:", "data:"))]
        page.close()
    return {"fcp": statistics.median(fcp), "ready": statistics.median(ready),
            "settled": statistics.median(settled) if settled else None, "nodes": nodes,
            "outside": len(outside), "errors": len(errors)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--contracts", type=int, default=6500)
    ap.add_argument("--run", type=Path, help="an existing run folder instead of the dense one")
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache")
    ap.add_argument("--runs", type=int, default=3, help="loads per page (median shown)")
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from coi_graph.findings import read_findings
    from coi_graph.outputs.explore import build_bundle

    run = a.run if a.run is not None else dense_run(a.cache, a.contracts)
    n = len(read_findings(run))
    out = Path(tempfile.mkdtemp(prefix="coi-explore-pages-")) / "explore"
    try:
        t, c = time.perf_counter(), time.process_time()
        before = os.times()
        build_bundle(run, out)
        after = os.times()
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        children = (after.children_user + after.children_system
                    - before.children_user - before.children_system)
        pages = sorted((out / "findings").iterdir(), key=lambda p: p.stat().st_size)
        sizes = [p.stat().st_size for p in pages]
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        remote = sum(len(REMOTE.findall(p.read_bytes())) for p in out.rglob("*.html"))
        print(f"\n{n:,} findings; bundle built in {wall:.1f} s wall, {cpu:.1f} s CPU here + "
              f"{children:.1f} s in workers (load average {os.getloadavg()[0]:.1f})")
        print(f"bundle: {total / 1e6:.0f} MB, {len(pages):,} finding pages (median "
              f"{statistics.median(sizes) / 1e3:.0f} KB, largest {sizes[-1] / 1e3:.0f} KB); "
              f"URLs with a scheme in src/href/data of any page: {remote}")
        targets = [("index.html", out / "index.html", "coiReady"),
                   ("overview.html", out / "overview.html", "coiSettled"),
                   ("largest finding page", pages[-1], "coiSettled"),
                   ("median finding page", pages[len(pages) // 2], "coiSettled")]
        profile = tempfile.mkdtemp(prefix="coi-bench-")
        rows = []
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=ARGS, headless=True, offline=True,
                viewport={"width": 1440, "height": 1000})
            ctx.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(("file://", "data:")) else route.abort())
            for label, path, wait in targets:
                rows.append((label, path.stat().st_size, load_times(ctx, path, wait, a.runs)))
            ctx.close()
        shutil.rmtree(profile, ignore_errors=True)
        print(f"\n| page ({n:,} findings) | size | first paint | ready | static | nodes drawn "
              "| requests out | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, size, r in rows:
            static = f"{r['settled']:.0f} ms" if r["settled"] is not None else ""
            print(f"| {label} | {size / 1e3:,.0f} KB | {r['fcp']:.0f} ms | {r['ready']:.0f} ms "
                  f"| {static} | {r['nodes'] or ''} | {r['outside']} | {r['errors']} |")
        bad = remote + sum(r["outside"] + r["errors"] for _, _, r in rows)
        return 1 if bad else 0
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
