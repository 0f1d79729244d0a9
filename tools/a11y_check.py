"""Accessibility check of the browser pages with axe-core, run in Debian's real Chromium.

axe-core is Deque's rule engine (the one browser extensions and CI services run); it is not
a dependency of coi-graph and is not vendored: the test command installs the release pinned
in ``tools/a11y/package.json`` from the npm registry; give its ``axe.min.js``::

    (cd tools/a11y && npm ci)   # as `bash scripts/test.sh` does
    python tools/a11y_check.py --axe tools/a11y/node_modules/axe-core/axe.min.js [RUN_DIR]

Without RUN_DIR the small demo is generated and scanned.  The script builds the explore
bundle in Dutch and in English, records the run in a fresh workspace and starts ``coi
serve`` on a loopback port, then opens the index, the overview and a few finding pages of
each bundle, and serve's index, finding page and comparison page in both languages, runs
axe (WCAG 2.0/2.1/2.2 A and AA rules plus best practices) on each and prints every
violation with the elements it names.  Exit status 1 when there is a violation.

The pages' Content-Security-Policy forbids scripts without the page's nonce, so axe is
injected into a browser context that bypasses CSP: only for this check, never for a test of
the CSP itself (tests/test_browser.py does that).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def demo_run(root: Path) -> Path:
    from coi_graph.demo import generate
    from coi_graph.scan import scan

    res = generate(root, size="small", seed=7)
    scan(res.data_dir, root / "run")
    return root / "run"


def bundle_pages(run: Path, out: Path, lang: str, n_findings: int) -> list[Path]:
    """The bundle's index, overview and the first ``n_findings`` finding pages."""
    from coi_graph.outputs.explore import build_bundle

    index = build_bundle(run, out, lang=lang)
    pages = sorted((out / "findings").glob("*.html"))[:n_findings]
    return [index, out / "overview.html", *pages]


def run_axe(page: Any, axe_js: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=axe_js)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", TAGS)
    return result["violations"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run", nargs="?", type=Path, help="a run folder (default: the small demo)")
    ap.add_argument("--axe", type=Path, required=True, help="axe-core's axe.min.js")
    ap.add_argument("--findings", type=int, default=3, help="finding pages per bundle")
    ap.add_argument("--no-serve", action="store_true", help="leave out coi serve's pages")
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    axe_js = a.axe.read_text(encoding="utf-8")
    tmp = Path(tempfile.mkdtemp(prefix="coi-a11y-"))
    total = 0
    try:
        run = a.run if a.run is not None else demo_run(tmp / "demo")
        targets: list[tuple[str, str]] = []
        for lang in ("nl", "en"):
            targets += [(lang, p.resolve().as_uri())
                        for p in bundle_pages(run, tmp / f"explore-{lang}", lang, a.findings)]
        servers = []
        if not a.no_serve:
            from coi_graph.outputs.serve import ServeConfig, make_server
            from coi_graph.outputs.workspace import open_workspace, record_run_folder

            ws = tmp / "ws.sqlite"
            record_run_folder(run, ws)
            with open_workspace(ws) as w:
                ids = [c["finding_id"] for c in w.cases()]
                w.triage(ids[:1], "explained", "a11y", "known")
            for lang in ("nl", "en"):  # one server per language: the language is a setting
                server, url = make_server(ServeConfig(ws, lang=lang, port=0, user="a11y"),
                                          say=lambda *_: None)
                threading.Thread(target=server.run, daemon=True).start()
                servers.append(server)
                base = url.split("?")[0]
                targets += [(lang, url), (lang, f"{base}?status=explained"),
                            (lang, f"{base}finding/{ids[0]}"),
                            (lang, f"{base}finding/{ids[-1]}"), (lang, f"{base}diff")]
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                str(tmp / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True,
                bypass_csp=True, viewport={"width": 1440, "height": 1000})
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                ("file://", "data:", "http://127.0.0.1", "http://localhost")) else route.abort())
            for lang, target in targets:
                total += check(ctx, lang, target, axe_js)
            ctx.close()
        for server in servers:
            server.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{total} violation(s)")
    return 1 if total else 0


def check(ctx: Any, lang: str, target: str, axe_js: str) -> int:
    page = ctx.new_page()
    page.goto(target)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    got = page.evaluate("document.documentElement.lang")
    violations = run_axe(page, axe_js)
    name = target.rsplit("/", 2)[-2:] if target.startswith("file:") else target
    print(f"{lang} (html lang={got}) {'/'.join(name) if isinstance(name, list) else name} "
          f"({page.title()[:50]}): {len(violations)} violation(s)")
    if got != lang:
        print(f"  lang attribute is {got!r}, expected {lang!r}")
    for v in violations:
        print(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s))")
        for n in v["nodes"][:4]:
            print(f"      {n['target']}: {n['failureSummary'].splitlines()[-1].strip()[:160]}")
    page.close()
    return len(violations) + (got != lang)


if __name__ == "__main__":
    sys.exit(main())
