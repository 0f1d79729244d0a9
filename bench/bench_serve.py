"""How fast ``coi serve`` answers at 10,000 findings: a real server (waitress on a loopback
port) over a workspace holding the small demo's run tiled to ~10,000 findings (keys renamed,
so every copy is its own finding with its own graph), 2,000 of them with a decision.

Timed over HTTP, as the browser asks: the index (first page, a deep page, a search, a status
filter) and a finding page with its graph (first request reads the run's findings.json, later
ones are served from memory).  Target: every page under 1 s.  Not a test: it prints figures.

    python bench/bench_serve.py                 # ~10,200 findings
    python bench/bench_serve.py --copies 100    # ~1,700
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_explore import demo_run, tiled_run

from coi_graph.outputs.serve import ServeConfig, make_server
from coi_graph.outputs.workspace import open_workspace, record_run_folder

TARGET_S = 1.0


def build_workspace(root: Path, copies: int) -> tuple[Path, str]:
    run = demo_run(root / "demo", "small")
    big = tiled_run(run, root / f"tiled-{copies}", copies)
    ws = root / "ws.sqlite"
    t = time.perf_counter()
    record_run_folder(big, ws)
    with open_workspace(ws) as w:
        ids = [c["finding_id"] for c in w.cases()]
        w.triage(ids[:2000], "explained", "bench", "known and approved")
    print(f"workspace: {len(ids)} findings recorded, 2,000 decided, in "
          f"{time.perf_counter() - t:.1f}s")
    return ws, ids[len(ids) // 2]


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[float, int]:
    t = time.perf_counter()
    with opener.open(url, timeout=120) as r:
        size = len(r.read())
    return time.perf_counter() - t, size


def post_form(opener: urllib.request.OpenerDirector, base: str, fid: str, action: str,
              form: dict[str, str]) -> None:
    """Submit a finding page's form as the browser does (with the page's CSRF token)."""
    with opener.open(f"{base}finding/{fid}", timeout=120) as r:
        token = re.search(r'name="csrf_token" value="([^"]+)"', r.read().decode()).group(1)
    body = urllib.parse.urlencode({**form, "csrf_token": token}).encode()
    opener.open(f"{base}finding/{fid}/{action}", data=body, timeout=120).read()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=600, help="tiles of the small demo's "
                    "17 findings (600: 10,200 findings)")
    ap.add_argument("--repeat", type=int, default=5, help="requests per page (median shown)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        ws, fid = build_workspace(Path(tmp), a.copies)
        cfg = ServeConfig(ws, port=0, user="bench")
        t = time.perf_counter()
        server, url = make_server(cfg, say=print)
        print(f"server start (with the audit chain verified): {time.perf_counter() - t:.2f}s")
        threading.Thread(target=server.run, daemon=True).start()
        try:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            opener.open(url, timeout=60).read()
            base = url.split("?")[0]
            cold, size = fetch(opener, f"{base}finding/{fid}")
            pages = [("index, page 1", ""), ("index, page 50", "?page=50"),
                     ("index, search", "?q=aksoy"), ("index, status explained",
                                                     "?status=explained"),
                     ("finding page (graph), from memory", f"finding/{fid}")]
            print(f"\n| page ({a.copies * 17:,} findings) | median s | max s | KB | "
                  f"target {TARGET_S:.0f} s |")
            print("|---|---|---|---|---|")
            print(f"| finding page (graph), first request | {cold:.3f} | {cold:.3f} | "
                  f"{size // 1024} | {'ok' if cold < TARGET_S else 'FAIL'} |")
            for label, path in pages:
                times, size = [], 0
                for _ in range(a.repeat):
                    s, size = fetch(opener, base + path)
                    times.append(s)
                med = statistics.median(times)
                print(f"| {label} | {med:.3f} | {max(times):.3f} | {size // 1024} | "
                      f"{'ok' if max(times) < TARGET_S else 'FAIL'} |")
            # the index right after a decision (that finding is recomputed) and after an
            # acceptance (the whole list is recomputed: acceptances can cover any finding)
            for label, action, form in (
                    ("index after a decision", "decide",
                     {"status": "confirmed", "note": "bench"}),
                    ("index after an acceptance", "accept",
                     {"scope_rule": "1", "justification": "bench", "owner": "bench",
                      "until": "2099-12-31"})):
                post_form(opener, base, fid, action, form)
                s, size = fetch(opener, base)
                print(f"| {label} | {s:.3f} | {s:.3f} | {size // 1024} | "
                      f"{'ok' if s < TARGET_S else 'FAIL'} |")
        finally:
            server.close()  # the process ends here; its threads with it


if __name__ == "__main__":
    main()
