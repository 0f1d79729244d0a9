"""The explore pages for real compliance officers: accessible, offline, and usable at scale.

- markers that use colour also use a shape or text: kinds of people differ by shape or
  border, a "possible same person" match is a dotted line with a word on it, the active link
  card has a marker besides its colour;
- the keyboard reaches everything a mouse does: sorting the index, selecting a link of a
  finding, going from one finding to the next;
- each page's ``lang`` is the bundle's language, landmarks have distinct names;
- no page names anything outside the bundle (no http(s), no protocol-relative URL).

The browser tests drive Debian's Chromium as tests/test_browser.py does (marker ``browser``).
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from coi_graph.outputs.explore import build_bundle
from coi_graph.outputs.explore_text import ui
from coi_graph.schema import NODE_KINDS

from test_explore import make_run


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    p = _Tags()
    p.feed(path.read_text(encoding="utf-8"))
    return p.tags


def possible_run(root: Path) -> Path:
    """make_run's run with its officer match (relative R1 = the KvK officer) scored as a
    *possible* same person, as the scored matcher writes one below the match threshold."""
    run = make_run(root, hostile=False)
    for name in ("findings.json", "graph.json"):
        text = (run / name).read_text(encoding="utf-8")
        assert text.count('"score": 0.85') >= 1
        text = text.replace('"score": 0.85', '"score": 18.0, "band": "possible"')
        (run / name).write_text(text, encoding="utf-8")
    # and a same-person link in the context whose own label says it is only possible
    graph = json.loads((run / "graph.json").read_text(encoding="utf-8"))
    graph["edges"].append({
        "id": "L-same", "source": "relative:R1", "target": "relative:R2", "kind": "same_person",
        "label": "possible same person", "valid_from": None, "valid_until": None,
        "declared": False, "evidence": ["relatives:3"], "context": True,
        "match": {"reason": "possible same person", "score": 18.0, "band": "possible"}})
    (run / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    return run


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    run = possible_run(tmp_path_factory.mktemp("run"))
    return {lang: build_bundle(run, run.parent / f"explore-{lang}", lang=lang).parent
            for lang in ("nl", "en")}


def _graph(page: Path) -> dict[str, Any]:
    m = re.search(r'id="graph-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert m
    return json.loads(m.group(1))


def _first_page(bundle: Path) -> Path:
    return bundle / "findings" / "F-0000000000000001.html"


# -- without a browser --------------------------------------------------------------------


def test_every_page_says_its_language(bundles: dict[str, Path]) -> None:
    for lang, bundle in bundles.items():
        pages = sorted(bundle.rglob("*.html"))
        assert len(pages) >= 4
        for page in pages:
            html = [a for t, a in tags(page) if t == "html"]
            assert html == [{"lang": lang}], (page, html)


def test_no_page_names_anything_outside_the_bundle(bundles: dict[str, Path]) -> None:
    """Offline: every src/href/action is a file of the bundle (relative), and no style or
    script text holds a URL with a scheme or a protocol-relative one."""
    remote = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)
    for bundle in bundles.values():
        for page in sorted(bundle.rglob("*.html")):
            for tag, attrs in tags(page):
                for name in ("src", "href", "action", "data", "poster", "srcset"):
                    if name in attrs:
                        assert not remote.match(attrs[name]), (page, tag, attrs)
            text = page.read_text(encoding="utf-8")
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), page
            assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=[\"']?"
                                 r"(?:https?:)?//", text, re.I), page
        js = (bundle / "assets" / "explore-graph.js").read_text(encoding="utf-8")
        assert "http" not in js and "fetch(" not in js and "XMLHttpRequest" not in js


def test_index_landmarks_are_named_apart_and_sorting_is_by_button(bundles: dict[str, Path]
                                                                  ) -> None:
    for lang, bundle in bundles.items():
        t = ui(lang)
        found = tags(bundle / "index.html")
        navs = [a.get("aria-label") for tag, a in found if tag == "nav"]
        assert navs == [t["pages_top"], t["pages_bottom"]] and len(set(navs)) == 2
        html = (bundle / "index.html").read_text(encoding="utf-8")
        heads = re.findall(r'<th data-sort="(\w+)"[^>]*>(.*?)</th>', html)
        assert len(heads) == 11
        for key, inner in heads:  # a real button: Tab reaches it, Enter and Space press it
            assert inner.startswith('<button type="button" class="sort">'), (key, inner)


def test_finding_pages_link_to_the_next_and_previous_in_score_order(
        bundles: dict[str, Path]) -> None:
    for lang, bundle in bundles.items():
        t = ui(lang)
        order = re.findall(r'<a href="findings/([^"]+)">',
                           (bundle / "index.html").read_text(encoding="utf-8"))
        assert len(order) == 3
        for i, name in enumerate(order):
            page = bundle / "findings" / name
            links = {a.get("id"): a.get("href") for tag, a in tags(page) if tag == "a"}
            assert links.get("prev-finding") == (order[i - 1] if i else None), (i, links)
            assert links.get("next-finding") == (order[i + 1] if i + 1 < len(order) else None)
            for k in ("prev-finding", "next-finding"):
                if links.get(k):
                    assert (bundle / "findings" / links[k]).is_file()
            text = page.read_text(encoding="utf-8")
            assert t["finding_pos"].format(i=i + 1, n=3) in text


def test_people_kinds_differ_by_more_than_colour(bundles: dict[str, Path]) -> None:
    """Employee, relative and KvK officer are all people on a path: each has its own shape
    or border, in the schema, in the legend's swatches and in the page's graph."""
    people = ("employee", "relative", "officer", "applicant")
    looks = {(NODE_KINDS[k].shape, NODE_KINDS[k].border) for k in people}
    assert len(looks) == len(people)
    page = _first_page(bundles["nl"])
    html = page.read_text(encoding="utf-8")
    swatches = dict(re.findall(r'data-kind="(\w+)"><svg[^>]*>(.*?)</svg>', html))
    assert swatches["employee"] != swatches["relative"]
    kinds = _graph(page)["node_kinds"]
    assert kinds["relative"]["shape"] != kinds["employee"]["shape"]


def _contrast(a: str, b: str = "#ffffff") -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""
    def lum(h: str) -> float:
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_lines_and_swatches_stand_out_from_the_white_canvas(bundles: dict[str, Path]) -> None:
    """WCAG 1.4.11: a graphical object needs 3:1 against its background.  Every kind of
    line does; a node's light fill (IBAN, phone) has a dark outline, on the canvas and in
    the legend's swatches."""
    from coi_graph.schema import EDGE_KINDS

    low = {k.code: round(_contrast(k.color), 2) for k in EDGE_KINDS.values()
           if _contrast(k.color) < 3.0}
    assert low == {}
    html = _first_page(bundles["nl"]).read_text(encoding="utf-8")
    shapes = re.findall(r'<svg class="sw"[^>]*>(<[^>]*>)</svg>', html)
    assert len(shapes) >= 4
    for shape in shapes:
        stroke = re.search(r'stroke="(#[0-9a-f]{3,6})"', shape)
        assert stroke, shape
        color = stroke.group(1)
        color = "#" + "".join(ch * 2 for ch in color[1:]) if len(color) == 4 else color
        assert _contrast(color) >= 3.0, shape


def test_a_possible_match_is_marked_by_line_and_word(bundles: dict[str, Path]) -> None:
    for lang, bundle in bundles.items():
        t = ui(lang)
        page = _first_page(bundle)
        edges = {e["id"]: e for e in _graph(page)["edges"]}
        assert edges["L-off"]["match"]["band"] == "possible"
        assert "band" not in (edges["L-fam"].get("match") or {})
        legend = [a for tag, a in tags(page) if a.get("data-line") == "possible"]
        assert len(legend) == 1
        assert f"{t['possible_mark']}: {t['line_possible']}" in page.read_text(encoding="utf-8")
        # the legend line is there exactly where the page's network holds such a match
        for other in sorted((bundle / "findings").glob("*.html")):
            has = any((e.get("match") or {}).get("band") == "possible"
                      for e in _graph(other)["edges"])
            assert has == bool([a for tag, a in tags(other)
                                if a.get("data-line") == "possible"]), other


# -- in Chromium --------------------------------------------------------------------------

import test_browser as tb  # noqa: E402
from test_browser import CHROMIUM, IN_CI, assert_clean, open_page  # noqa: E402
from test_browser import sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def playwright() -> Any:
    """One Playwright driver for the file: its sync API cannot be started again while one
    runs (in the full suite the axe test ran beside the ``chromium`` fixture's and failed
    "using Playwright Sync API inside the asyncio loop")."""
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def chromium(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Chromium as tests/test_browser.py starts it: offline, every request that is not a
    file of the bundle refused (and recorded by open_page's log), dialogs recorded."""
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM,
        args=tb.CHROMIUM_ARGS, headless=True, viewport={"width": 1440, "height": 1000},
        offline=True)
    ctx.add_init_script(tb.HOOKS)
    ctx.route("**/*", lambda route: route.continue_()
              if route.request.url.startswith(("file://", "data:")) else route.abort())
    try:
        yield ctx
    finally:
        ctx.close()


def browser_only(fn: Any) -> Any:
    """The marks of tests/test_browser.py: a missing browser skips, except in CI."""
    fn = pytest.mark.browser(fn)
    fn = pytest.mark.skipif(sync_playwright is None and not IN_CI,
                            reason="the Python package 'playwright' is not installed")(fn)
    return pytest.mark.skipif(not Path(CHROMIUM).exists() and not IN_CI,
                              reason="Debian's chromium is not installed")(fn)


@browser_only
def test_keyboard_sorts_the_index(chromium: Any, bundles: dict[str, Path]) -> None:
    page, log = open_page(chromium, bundles["nl"] / "index.html")
    scores = "Array.from(document.querySelectorAll('#findings tbody tr')).map(r => parseFloat(r.dataset.sScore))"
    assert page.evaluate(scores) == sorted(page.evaluate(scores), reverse=True)
    page.focus("#f-reset")
    # Tab from the last filter reaches the sort buttons of the table's header
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('th') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('th').dataset.sort") == "score"
    page.keyboard.press("Enter")
    assert page.evaluate(scores) == sorted(page.evaluate(scores))
    assert page.evaluate("document.querySelector('th[data-sort=score]')"
                         ".getAttribute('aria-sort')") == "ascending"
    page.keyboard.press("Space")
    assert page.evaluate(scores) == sorted(page.evaluate(scores), reverse=True)
    assert_clean(page, log)
    page.close()


@browser_only
def test_keyboard_selects_a_link_and_goes_to_the_next_finding(chromium: Any,
                                                              bundles: dict[str, Path]) -> None:
    bundle = bundles["en"]
    page, log = open_page(chromium, _first_page(bundle), "coiSettled")
    page.focus("#steps .step button")
    page.keyboard.press("Enter")
    card = page.evaluate("(() => { const c = document.querySelector('#steps .step');"
                         " return {active: c.classList.contains('active'),"
                         " pressed: c.querySelector('button').getAttribute('aria-pressed')}; })()")
    assert card == {"active": True, "pressed": "true"}
    assert "partner" in page.inner_text("#selected")
    assert page.evaluate("window.coiNetwork.getSelectedEdges()") == ["L-fam"]
    # the possible match on the canvas: dotted, with the word on its label
    edge = page.evaluate("(() => { const e = window.coiNetwork.body.edges['L-off'];"
                         " return {dashes: e.options.dashes, label: e.options.label}; })()")
    assert edge["dashes"] == [1, 4] and edge["label"].startswith("possible · "), edge
    # a same-person link whose label says "possible" already is not marked twice
    same = page.evaluate("(() => { const e = window.coiNetwork.body.edges['L-same'];"
                         " return {dashes: e.options.dashes, label: e.options.label}; })()")
    assert same["dashes"] == [1, 4] and same["label"].lower().count("possible") == 1, same
    # on to the next finding by keyboard
    page.focus("#next-finding")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("F-0000000000000002.html")
    page.wait_for_function("() => window.coiReady !== undefined")
    assert_clean(page, log)
    page.close()


def test_serve_finding_page_marks_a_possible_match_too(tmp_path: Path) -> None:
    """coi serve draws the finding's network with the same code: its legend says what the
    dotted line is, and the page script gets the words for the label."""
    from coi_graph.outputs.workspace import record_run_folder
    from test_serve import _request, session_jar, start, stop_server

    run = possible_run(tmp_path)
    ws = tmp_path / "ws.sqlite"
    record_run_folder(run, ws)
    s = start(ws, user="A. Jansen")
    try:
        jar = session_jar(s)
        code, html = _request(f"{s.base}finding/F-0000000000000001", jar=jar)
        assert code == 200
        assert html.count('data-line="possible"') == 1
        assert ui("nl")["line_possible"] in html and '"possible_mark"' in html
        code, html = _request(f"{s.base}finding/F-0000000000000002", jar=jar)
        assert code == 200 and 'data-line="possible"' in html  # L-off is its context
    finally:
        stop_server(s.server)


# -- scale: a real dense run ----------------------------------------------------------------


@pytest.fixture(scope="module")
def dense_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench_findings' dense corporation, scanned for real: 20 linked handlers and 300
    contracts with their suppliers, so one network holds every finding, and most of its
    nodes are decisions."""
    import importlib.util

    from coi_graph.scan import scan

    spec = importlib.util.spec_from_file_location(
        "bench_findings", Path(__file__).resolve().parents[1] / "bench" / "bench_findings.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    root = tmp_path_factory.mktemp("dense")
    scan(mod.dense_corporation(root / "data", 300), root / "run")
    return root / "run"


def test_overview_of_a_dense_run_shows_its_people_not_one_dot(dense_scan: Path) -> None:
    """Over the node budget, a dense run's decisions are folded per counterparty before any
    network is collapsed: the map keeps its people and organizations (it was one cluster
    node), every decision is searchable and every finding one click away."""
    from coi_graph.findings import load_findings
    from coi_graph.outputs.explore import load_run
    from coi_graph.outputs.explore_graph import ContextGraph, overview_graph

    data = load_run(dense_scan)
    n_findings = len(load_findings(dense_scan / "findings.json"))
    graph = json.loads((dense_scan / "graph.json").read_text(encoding="utf-8"))
    decisions = {n["key"] for n in graph["nodes"] if n["kind"] == "decision"}
    people = {n["key"] for n in graph["nodes"] if n["kind"] in ("employee", "relative")}
    assert len(decisions) == 300 and len(graph["nodes"]) > 300 > len(people) > 0
    ov = overview_graph(data.findings, ContextGraph.from_json(data.graph), "nl", max_nodes=200)
    drawn = {n["id"]: n for n in ov["nodes"]}
    assert len(drawn) <= 200 and people <= set(drawn)  # each person on the map
    assert ov["clusters"] == 0 and ov["decision_groups"] >= 2
    groups = [n for n in drawn.values() if n.get("cluster")]
    assert all(n["kind"] == "decision" and n["full"].endswith(" B.V.") for n in groups)
    assert sum(n["cluster"] for n in groups) == len(decisions - set(drawn))
    # each folded decision is a searchable member of a node on the map
    folded = {m[1]: m[2] for m in ov["members"]}
    assert set(folded) == decisions - set(drawn) and set(folded.values()) <= set(drawn)
    # every link ends on the map; every finding is listed by some node
    assert all(e["from"] in drawn and e["to"] in drawn for e in ov["edges"])
    assert set().union(*(n.get("findings", []) for n in drawn.values())) == set(range(n_findings))
    # the employees who decided on a supplier's contracts are linked to its decisions' node
    assert any(e["from"] in {g["id"] for g in groups} and e["to"].startswith("employee:")
               for e in ov["edges"])
    # a budget below even the folded network: it becomes one cluster, and each folded
    # decision then points to that cluster (not to its group, which is not drawn)
    tiny = overview_graph(data.findings, ContextGraph.from_json(data.graph), "nl", max_nodes=10)
    ids = {n["id"] for n in tiny["nodes"]}
    assert tiny["clusters"] == 1 and all(m[2] in ids for m in tiny["members"])
    assert decisions <= {m[1] for m in tiny["members"]}


# axe-core as the test command installs it (tools/a11y, `npm ci`), or another copy's
AXE = os.environ.get("COI_AXE_JS") or str(
    Path(__file__).resolve().parents[1] / "tools" / "a11y" / "node_modules" / "axe-core"
    / "axe.min.js")


@browser_only
def test_axe_core_finds_no_violation(playwright: Any, bundles: dict[str, Path],
                                     tmp_path: Path) -> None:
    """axe-core's own rules (WCAG 2.x A/AA and best practices) on the index, the overview
    and a finding page of each language, as tools/a11y_check.py runs them.  Skipped on a
    machine without axe-core; in CI (CI=true), where the test command installs it, it must
    run."""
    import importlib.util

    if not Path(AXE).is_file():
        why = (f"axe-core is missing ({AXE}): `bash scripts/test.sh` installs it "
               "(tools/a11y, npm ci), or set COI_AXE_JS to an axe.min.js")
        if IN_CI:
            pytest.fail(why)
        pytest.skip(why)

    spec = importlib.util.spec_from_file_location(
        "a11y_check", Path(__file__).resolve().parents[1] / "tools" / "a11y_check.py")
    assert spec and spec.loader
    a11y = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(a11y)
    axe_js = Path(AXE).read_text(encoding="utf-8")
    found = {}
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=tb.CHROMIUM_ARGS,
        headless=True, bypass_csp=True, offline=True,
        viewport={"width": 1440, "height": 1000})
    try:
        for lang, bundle in bundles.items():
            for path in (bundle / "index.html", bundle / "overview.html", _first_page(bundle)):
                page = ctx.new_page()
                page.goto(path.as_uri())
                page.wait_for_function("() => window.coiReady !== undefined")
                found[f"{lang}/{path.name}"] = [
                    (v["id"], [n["target"] for n in v["nodes"]])
                    for v in a11y.run_axe(page, axe_js)]
                page.close()
    finally:
        ctx.close()
    assert found and all(v == [] for v in found.values()), found


@browser_only
def test_dense_finding_pages_keep_their_labels_apart(chromium: Any, dense_scan: Path) -> None:
    """On a real dense run a finding's nodes have dozens of context links between them
    (every officer match of every relative): their labels ran into each other and over the
    path's.  Now those context links carry their words in the tooltip only, and at the zoom
    a page opens with, the path's own labels are there and no other label lies on them."""
    bundle = build_bundle(dense_scan).parent
    pages = sorted((bundle / "findings").glob("*.html"))[:4]
    for path in pages:
        inner = sum(1 for e in _graph(path)["edges"]
                    if e.get("role") == "context" and e.get("inner"))
        assert inner > 4, (path.name, inner)  # the case this is about
        page, log = open_page(chromium, path, "coiFitted")
        r = page.evaluate(tb.LABELS_JS)
        labels = r["labels"]
        roles = {e["id"]: e.get("role") for e in _graph(path)["edges"]}
        shown = {lab["id"] for lab in labels if lab["kind"] == "edge"}
        assert {k for k, v in roles.items() if v == "path"} <= shown
        assert not {k for k in shown if roles[k] == "context"}, path.name
        # the one overlap left to another day: the labels of two other (supporting) paths
        def other(lab: dict[str, Any]) -> bool:
            return lab["kind"] == "edge" and roles[lab["id"]] == "other"

        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                if tb._overlap(a["box"], b["box"]):
                    assert other(a) and other(b), (path.name, a["text"], b["text"])
        assert_clean(page, log)
        page.close()
