"""The explore bundle in a real headless Chromium (Debian's package, never a downloaded one).

Pages are opened from ``file://`` as a compliance officer would open a mailed zip: they must
load without console errors, without any request leaving the machine, with working filters,
and without running any payload hidden in the input.  A screenshot of each page is kept in
``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from coi_graph.findings import read_findings
from coi_graph.outputs.explore import build_bundle
from coi_graph.outputs.explore_graph import page_name

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

try:
    from playwright.sync_api import BrowserContext, Page, sync_playwright
except ImportError:  # pragma: no cover - the skip below says why
    sync_playwright = None

# In CI (CI=true) a missing browser or driver is a failure, not a skip: the checks must run.
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None and not IN_CI,
                       reason="the Python package 'playwright' is not installed "
                              "(pip install playwright; never run `playwright install`)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not IN_CI,
                       reason="Debian's chromium is not installed (apt-get install chromium; "
                              "scripts/test.sh does this)"),
]

#: Runs in every page before its own scripts: any alert/confirm/prompt a payload might call
#: is recorded instead of shown.
HOOKS = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function (m) { window.__alerts.push(name + ":" + String(m)); };
}
"""


@dataclass
class Log:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:"))]


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    profile = tempfile.mkdtemp(prefix="coi-chromium-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1440, "height": 1000}, offline=True)
        ctx.add_init_script(HOOKS)
        # anything that is not a file of the bundle is refused (and recorded by the page log)
        ctx.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("file://", "data:")) else route.abort())
        try:
            yield ctx
        finally:
            ctx.close()
            shutil.rmtree(profile, ignore_errors=True)


def open_page(ctx: BrowserContext, path: Path, wait_for: str = "coiReady"
              ) -> tuple[Page, Log]:
    log = Log()
    page = ctx.new_page()
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("console", lambda m: log.errors.append(f"console.{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(f"() => window.{wait_for} !== undefined", timeout=20_000)
    return page, log


def assert_clean(page: Page, log: Log) -> None:
    assert log.errors == []
    assert log.outside() == [], "requests left the machine"
    assert log.dialogs == [] and page.evaluate("window.__alerts") == []


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def visible_rows(page: Page) -> int:
    return page.evaluate(
        "Array.from(document.querySelectorAll('#findings tbody tr')).filter(r => !r.hidden).length")


# -- bundles ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`coi demo` (small): generate, scan, explore, as the README tells a user to."""
    from coi_graph.demo import generate
    from coi_graph.scan import scan

    root = tmp_path_factory.mktemp("demo")
    res = generate(root, size="small", seed=7)
    scan(res.data_dir, root / "run")
    return build_bundle(root / "run").parent


@pytest.fixture(scope="module")
def hostile_bundles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from test_explore import make_run, scan_hostile

    made = build_bundle(make_run(tmp_path_factory.mktemp("made"))).parent
    scanned = build_bundle(scan_hostile(tmp_path_factory.mktemp("scanned"))).parent
    return [made, scanned]


# -- the demo -----------------------------------------------------------------------------


def test_index_loads_offline_and_filters_work(browser: BrowserContext, demo_bundle: Path
                                              ) -> None:
    page, log = open_page(browser, demo_bundle / "index.html")
    shot(page, "explore-index")
    rows: list[dict[str, Any]] = page.evaluate(
        "Array.from(document.querySelectorAll('#findings tbody tr')).map(r => ({...r.dataset}))")
    total = len(rows)
    assert total > 5 and visible_rows(page) == total

    rule = rows[0]["rule"]
    page.select_option("#f-rule", rule)
    assert visible_rows(page) == sum(r["rule"] == rule for r in rows)
    page.click("#f-reset")
    # a function, not an expression string: Playwright evals strings, which the CSP forbids
    page.wait_for_function("(n) => document.querySelectorAll('#findings tbody tr:not([hidden])')"
                           ".length === n", arg=total)

    name = page.evaluate("document.querySelector('#findings tbody tr td:nth-child(4)')"
                         ".firstChild.textContent.trim()")
    page.fill("#f-search", name)
    expected = sum(all(w in r["search"] for w in name.lower().split()) for r in rows)
    assert 0 < visible_rows(page) == expected < total or expected == total
    assert page.inner_text("#shown").startswith(f"{expected} van {total}")
    page.fill("#f-search", "zzz-nothing-matches-this")
    assert visible_rows(page) == 0 and page.is_visible("#no-match")
    page.fill("#f-search", "")

    page.select_option("#f-declared", "no")
    assert visible_rows(page) == sum(r["declared"] == "no" for r in rows)
    page.select_option("#f-declared", "")
    page.select_option("#f-severity", "high")
    assert visible_rows(page) == sum(r["severity"] == "high" for r in rows)
    page.select_option("#f-severity", "")

    page.click("th[data-sort=score]")  # was descending: now ascending
    scores = page.evaluate("Array.from(document.querySelectorAll('#findings tbody tr'))"
                           ".map(r => parseFloat(r.dataset.sScore))")
    assert scores == sorted(scores)
    assert_clean(page, log)
    page.close()


def test_finding_page_draws_its_network(browser: BrowserContext, demo_bundle: Path) -> None:
    first = page_name(_first_finding_id(demo_bundle))
    page, log = open_page(browser, demo_bundle / "findings" / first, "coiSettled")
    n_nodes = page.evaluate("window.coiNetwork.body.data.nodes.length")
    assert n_nodes >= 2
    assert page.is_visible("#legend")
    page.click("#steps .step")
    assert page.inner_text("#selected") != ""
    shot(page, "explore-finding")
    # a click on a node on the canvas shows it in the side panel
    node_id = page.evaluate("window.coiNetwork.body.data.nodes.getIds()[0]")
    _click_node(page, node_id)
    label = page.evaluate(f"window.coiNetwork.body.data.nodes.get({_js(node_id)}).title"
                          ".firstChild.textContent")
    assert label in page.inner_text("#selected")
    assert_clean(page, log)
    page.close()


def test_overview_opens_and_settles(browser: BrowserContext, demo_bundle: Path) -> None:
    page, log = open_page(browser, demo_bundle / "overview.html", "coiSettled")
    assert page.evaluate("window.coiNetwork.body.data.nodes.length") > 10
    # search a person on a flagged path: the side panel lists their findings, with links
    flagged = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent)"
                            ".nodes.filter(n => n.findings && n.kind === 'employee')[0]")
    page.fill("#node-search", flagged["id"])
    page.press("#node-search", "Enter")
    assert page.inner_text("#found").startswith("1 / ")
    hrefs = page.evaluate("Array.from(document.querySelectorAll('#node-findings a'))"
                          ".map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(flagged["findings"]) >= 1
    assert all((demo_bundle / h).is_file() for h in hrefs)
    assert (flagged.get("full") or flagged["label"]) in page.inner_text("#selected")
    shot(page, "explore-overview")
    assert_clean(page, log)
    page.close()


def _first_finding_id(bundle: Path) -> str:
    findings = read_findings(bundle.parent)
    return max(findings, key=lambda f: f["score"])["finding_id"]


def _js(value: str) -> str:
    import json

    return json.dumps(value)


def _click_node(page: Page, node_id: str) -> None:
    pos = page.evaluate(
        "(id) => { const n = window.coiNetwork; const p = n.canvasToDOM(n.getPositions([id])[id]);"
        " const r = document.getElementById('graph').getBoundingClientRect();"
        " return {x: r.left + p.x, y: r.top + p.y}; }", node_id)
    page.mouse.click(pos["x"], pos["y"])


# -- hostile input ------------------------------------------------------------------------


def test_payloads_do_not_run(browser: BrowserContext, hostile_bundles: list[Path]) -> None:
    for b, bundle in enumerate(hostile_bundles):
        for path in sorted(bundle.rglob("*.html")):
            wait = "coiReady" if path.name == "index.html" else "coiSettled"
            page, log = open_page(browser, path, wait)
            if path.parent.name == "findings" or path.name == "overview.html":
                # hover and click every node: tooltips and the side panel render data too
                for node_id in page.evaluate("window.coiNetwork.body.data.nodes.getIds()"):
                    _click_node(page, node_id)
                if path.name == page_name("F-0000000000000001"):
                    _hover_tooltip_shows_text(page, "employee:E1", "<img src=x onerror=alert(1)>")
                page.mouse.move(5, 5)
                for step in page.query_selector_all("#steps .step"):
                    step.click()
            if path.name == "index.html":  # the payload is searchable text like any other
                page.fill("#f-search", "<script>")
                assert visible_rows(page) >= 1
            foreign = page.evaluate(
                "({img: document.querySelectorAll('img, iframe, object, embed').length,"
                "  scripts: Array.from(document.scripts).filter(s => s.type !== 'application/json'"
                "    && !s.nonce && !s.getAttribute('nonce')).length,"
                "  bold: document.querySelectorAll('main b').length,"
                "  links: Array.from(document.links).filter(a => !a.href.startsWith('file:')).length})")
            assert foreign == {"img": 0, "scripts": 0, "bold": 0, "links": 0}, (path, foreign)
            assert_clean(page, log)
            if path.name in ("index.html", "overview.html") or path == _first_page(bundle):
                shot(page, f"explore-hostile-{b}-{path.stem}")
            page.close()


def _hover_tooltip_shows_text(page: Page, node_id: str, payload: str) -> None:
    """vis-network's tooltip is where pyvis-made pages run HTML from data: here it is text."""
    _click_node(page, node_id)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    # the tooltip of the node clicked before may still be up: wait for this node's own
    # (its last line is the node's key, which is not the payload)
    page.wait_for_function("(id) => document.querySelector('div.vis-tooltip').textContent"
                           ".endsWith(id)", arg=node_id, timeout=5000)
    tip = page.evaluate("(() => { const t = document.querySelector('div.vis-tooltip');"
                        " return {text: t.textContent, elements: t.querySelectorAll('*').length,"
                        " img: t.querySelectorAll('img').length}; })()")
    assert payload in tip["text"] and tip["img"] == 0, tip


def _first_page(bundle: Path) -> Path:
    return min((bundle / "findings").iterdir())


# -- scale and readability ----------------------------------------------------------------


def _bench() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_explore", Path(__file__).resolve().parents[1] / "bench" / "bench_explore.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def dense_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 findings, most in one network of ~2,800 nodes; the overview's node budget is
    lowered so that network becomes a cluster, as the 18,000-node one does at 10,000."""
    import coi_graph.outputs.explore as ex

    run = _bench().dense_run(tmp_path_factory.mktemp("dense") / "run", 1500)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ex, "OVERVIEW_MAX_NODES", 1000)
        return build_bundle(run).parent


def test_index_pages_through_all_findings(browser: BrowserContext, dense_bundle: Path) -> None:
    page, log = open_page(browser, dense_bundle / "index.html")
    findings = read_findings(dense_bundle.parent)
    assert visible_rows(page) == 100  # a page of rows, not 1,500
    assert page.inner_text("#shown").startswith(f"{len(findings)} van {len(findings)}")
    assert "pagina 1 van 15" in page.inner_text("#pager-top")
    first = page.evaluate("Array.from(document.querySelectorAll('#findings tbody tr'))"
                          ".map(r => r.querySelector('.mono').textContent)")
    page.click("#pager-top [data-page=next]")
    second = page.evaluate("Array.from(document.querySelectorAll('#findings tbody tr'))"
                           ".map(r => r.querySelector('.mono').textContent)")
    assert len(second) == 100 and not set(first) & set(second)
    assert "pagina 2 van 15" in page.inner_text("#pager-bottom")
    # a filter works over every page, not only the one shown
    page.select_option("#f-rule", "relative_interest")
    expected = sum(f["rule"] == "relative_interest" for f in findings)
    assert page.inner_text("#shown").startswith(f"{expected} van {len(findings)}")
    assert "pagina 1 van " + str(-(-expected // 100)) in page.inner_text("#pager-top")
    rules = page.evaluate("Array.from(document.querySelectorAll('#findings tbody tr'))"
                          ".map(r => r.dataset.rule)")
    assert set(rules) == {"relative_interest"} and len(rules) == 100
    # the last finding (lowest score) is reachable: sort ascending, it is on page 1
    page.select_option("#f-rule", "")
    page.click("th[data-sort=score]")
    low = min(findings, key=lambda f: (f["score"]))["score"]
    assert page.evaluate("parseFloat(document.querySelector('#findings tbody tr').dataset.sScore)"
                         ) == low
    shot(page, "explore-dense-index")
    assert_clean(page, log)
    page.close()


def test_overview_of_a_dense_run_clusters_and_finds(browser: BrowserContext,
                                                     dense_bundle: Path) -> None:
    page, log = open_page(browser, dense_bundle / "overview.html", "coiSettled")
    drawn = page.evaluate("window.coiNetwork.body.data.nodes.length")
    assert drawn <= 1000
    graph = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent)")
    clusters = [n for n in graph["nodes"] if n.get("cluster")]
    assert len(clusters) == 1 and clusters[0]["cluster"] > 1000
    # a person inside the cluster is found by name, with their findings
    member = next(m for m in graph["members"] if m[1].startswith("employee:") and m[3])
    page.fill("#node-search", member[0])
    page.press("#node-search", "Enter")
    assert page.inner_text("#found").startswith("1 / ")
    assert member[0] in page.inner_text("#selected")
    hrefs = page.evaluate("Array.from(document.querySelectorAll('#node-findings a'))"
                          ".map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(member[3]) and all((dense_bundle / h).is_file() for h in hrefs)
    shot(page, "explore-dense-overview")
    assert_clean(page, log)
    page.close()


LABELS_JS = """() => {
  const n = window.coiNetwork, out = [];
  const add = (kind, id, item) => {
    const l = item.labelModule;
    if (!l || !l.elementOptions.label) return;
    out.push({kind, id, text: l.elementOptions.label, font: l.fontOptions.size, box: l.size});
  };
  for (const [id, e] of Object.entries(n.body.edges)) add("edge", id, e);
  for (const [id, nd] of Object.entries(n.body.nodes)) add("node", id, nd);
  return {scale: n.getScale(), labels: out};
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["left"] < b["left"] + b["width"] and b["left"] < a["left"] + a["width"]
            and a["top"] < b["top"] + b["height"] and b["top"] < a["top"] + a["height"])


def test_labels_readable_and_apart_on_every_finding_page(browser: BrowserContext,
                                                         demo_bundle: Path) -> None:
    """At the zoom a page opens with, every label on the canvas is at least 10.5 px and no
    label lies on another (collinear links are curved, context names are in tooltips)."""
    pages = sorted((demo_bundle / "findings").glob("*.html"))
    assert len(pages) >= 10
    checked = 0
    for path in pages:
        page, log = open_page(browser, path, "coiFitted")
        r = page.evaluate(LABELS_JS)
        for lab in r["labels"]:
            assert lab["font"] * r["scale"] >= 10.5, (path.name, lab["text"], r["scale"])
        labels = r["labels"]
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                assert not _overlap(a["box"], b["box"]), (path.name, a["text"], b["text"])
        checked += len(labels)
        assert_clean(page, log)
        page.close()
    assert checked > 3 * len(pages)
