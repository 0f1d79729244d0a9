"""The explore bundle: every page written, legend from the schema, nothing fetched from
outside, hostile input escaped everywhere.  Run folders are built here by hand (so these tests
do not depend on the scan) and, for the hostile case, also by a real scan of small exports."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from markupsafe import escape

from coi_graph.findings import read_findings
from coi_graph.cli import main
from coi_graph.errors import InputError
from coi_graph.outputs.explore import build_bundle
from coi_graph.outputs.explore_graph import (
    PHYSICS_MAX_NODES,
    ContextGraph,
    finding_graph,
    overview_graph,
    page_name,
    script_json,
)
from coi_graph.rules import RULES
from coi_graph.schema import EDGE_KINDS, NODE_KINDS

IMG = "<img src=x onerror=alert(1)>"
BREAK = '"><script>alert(1)</script>'
HREF = 'Zie <a href="https://evil.example/x">hier</a> &amp; href'
CLOSE = "</script><script>alert(2)</script>\u2028\u2029"
PAYLOADS = (IMG, BREAK, HREF, CLOSE)


# -- run folders -------------------------------------------------------------------------


def _node(key: str, label: str) -> dict[str, str]:
    return {"key": key, "kind": key.split(":", 1)[0], "label": label}


def _step(src: str, tgt: str, kind: str, label: str, evidence: list[str], declared: bool,
          link_id: str | None, valid_from: str | None = None, valid_until: str | None = None,
          match: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"source": src, "target": tgt, "kind": kind, "label": label,
            "valid_from": valid_from, "valid_until": valid_until, "declared": declared,
            "evidence": evidence, "match": match, "link_id": link_id}


def _finding(fid: str, rule: str, severity: str, score: int, nodes: list[dict[str, str]],
             steps: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    evidence = list(dict.fromkeys(e for s in steps for e in s["evidence"]))
    f = {
        "finding_id": fid, "rule": rule, "severity": severity, "score": score,
        "decision_id": "", "record": "", "subject_id": nodes[0]["key"].split(":", 1)[1],
        "counterparty": nodes[-1]["key"], "declared": all(s["declared"] for s in steps),
        "path": " -[x]- ".join(n["label"] for n in nodes),
        "path_nodes": [n["key"] for n in nodes], "evidence": evidence,
        "subject_role": "", "subject_name": nodes[0]["label"], "subject_department": "Inkoop",
        "counterparty_name": nodes[-1]["label"], "decision_kind": "", "decision_date": "",
        "amount_eur": None, "articles": ["Integriteitscode 2.3"], "evidence_hash": "abc123",
        "score_parts": [{"reason": f"base score of {rule}", "points": score}],
        "explanation": RULES[rule].description_en if rule in RULES else "",
        "details": {}, "path_detail": {"nodes": nodes, "steps": steps}, "other_paths": [],
    }
    f.update(extra)
    return f


def make_run(root: Path, hostile: bool = True) -> Path:
    """A run folder as `coi scan` writes it, with payloads in every text field."""
    h = (lambda s, p: f"{s} {p}") if hostile else (lambda s, p: s)
    emp = _node("employee:E1", h("Jan de Vries", IMG))
    rel = _node("relative:R1", h("Petra de Vries", BREAK))
    org = _node("organization:O1", h("Bouwbedrijf Noord B.V.", BREAK))
    dec = _node("decision:D1", h("D1", CLOSE))
    addr = _node("address:1234AB|10|", "1234 AB 10")
    emp2 = _node("employee:E2", "Anna Bakker")
    s_partner = _step(emp["key"], rel["key"], "family", "partner", ["relatives:2"], True, "L-fam")
    s_officer = _step(rel["key"], org["key"], "officer", h("bestuurder, KvK", HREF),
                      ["officers:2"], False, "L-off", valid_from="2015-01-01",
                      match={"reason": "same name + birth date", "detail": h("surname", IMG),
                             "score": 0.85, "fuzzy": True})
    s_dec = _step(org["key"], dec["key"], "decision", "contract 2024-03-01, EUR 48.000",
                  ["contracts:2"], True, None, "2024-03-01", "2024-03-01")
    s_addr1 = _step(emp["key"], addr["key"], "identifier", "adres", ["employees:2"], False, "L-a1")
    s_addr2 = _step(addr["key"], rel["key"], "identifier", "adres", ["relatives:2"], False, "L-a2")
    f1 = _finding("F-0000000000000001", "relative_interest", "high", 75,
                  [emp, rel, org, dec], [s_partner, s_officer, s_dec],
                  decision_id="D1", subject_role="handled_by", decision_kind="contract",
                  decision_date="2024-03-01", amount_eur=48000.0,
                  subject_department=h("Inkoop", CLOSE),
                  articles=[h("Integriteitscode 2.3", IMG)],
                  score_parts=[{"reason": h("base score", BREAK), "points": 70},
                               {"reason": "a link was not declared", "points": 5}],
                  details={h("note", IMG): h("value", BREAK)},
                  other_paths=[{"nodes": [emp, addr, rel, org, dec],
                                "steps": [s_addr1, s_addr2, s_officer, s_dec],
                                "text": h("via address", IMG)}])
    s_off2 = _step(emp2["key"], org["key"], "officer", "bestuurder, KvK", ["officers:3"], False,
                   "L-off2", valid_from="2019-01-01", valid_until="2023-12-31")
    f2 = _finding("F-0000000000000002", "undeclared_interest", "medium", 55, [emp2, org],
                  [s_off2], record="officers:3", subject_department="Verhuur")
    f3 = _finding("../../escape<b>", "gift_rule_breach", "low", 30, [emp2, org],
                  [_step(emp2["key"], org["key"], "gift", "geschenk", ["gifts:2"], True, "L-g")],
                  record="gifts:G1", subject_department="Verhuur",
                  explanation=h("money accepted", HREF))
    run = root / "run"
    run.mkdir(parents=True)
    (run / "findings.json").write_text(json.dumps([f1, f2, f3], ensure_ascii=False),
                                       encoding="utf-8")
    (run / "run.json").write_text(json.dumps({
        "version": "0.1.0", "as_of": "2024-04-01", "finished_at": "2024-04-02T10:00:00",
        "inputs": {"employees": {"file": h("employees.csv", IMG), "sha256": "x",
                                 "rows_read": 3, "rows_used": 3}},
        "counts": {"findings": 3}}), encoding="utf-8")
    ctx_nodes = []
    for n in [emp, rel, org, dec, addr, emp2]:
        ctx_nodes.append({"key": n["key"], "kind": n["kind"], "label": n["label"],
                          "department": None, "context": False})
    child = {"key": "relative:R2", "kind": "relative", "label": h("Tom de Vries", IMG),
             "department": None, "context": True}
    ctx_nodes.append(child)
    ctx_edges = []
    for s in [s_partner, s_officer, s_addr1, s_addr2, s_off2]:
        e = {k: s[k] for k in ("source", "target", "kind", "label", "valid_from", "valid_until",
                               "declared", "evidence", "match")}
        ctx_edges.append(dict(e, id=s["link_id"], context=False))
    ctx_edges.append({"id": "L-child", "source": emp["key"], "target": child["key"],
                      "kind": "family", "label": "child", "valid_from": None,
                      "valid_until": None, "declared": True, "evidence": ["relatives:3"],
                      "match": None, "context": True})
    s = s_dec
    ctx_edges.append({"id": f"{s['kind']}:{s['source']}:{s['target']}:{s['label']}",
                      **{k: s[k] for k in ("source", "target", "kind", "label", "valid_from",
                                           "valid_until", "declared", "evidence", "match")},
                      "context": False})
    (run / "graph.json").write_text(json.dumps(
        {"nodes": ctx_nodes, "edges": ctx_edges, "truncated": {org["key"]: 3}},
        ensure_ascii=False), encoding="utf-8")
    return run


def scan_hostile(root: Path) -> Path:
    """A real scan of small exports whose names, ids and descriptions carry payloads."""
    from corp import BASE, write_csv

    from coi_graph.scan import scan

    data = copy.deepcopy(BASE)
    data["employees"][0]["department"] = CLOSE
    data["organizations"][0]["name"] = BREAK + " B.V."
    data["contracts"][0]["description"] = HREF
    data["contracts"][0]["decision_id"] = "D1<b>x</b>"
    data["relatives"][0]["name"] = "Petra " + IMG
    data["declarations"] = [{"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
                             "kind": "financial_interest", "position": HREF,
                             "valid_from": "01-01-2020", "status": "approved"}]
    data["officers"] = [{"org_id": "O1", "name": "Petra " + IMG, "role": "bestuurder",
                         "birth_date": "03-04-1972"}]
    folder = root / "data"
    folder.mkdir(parents=True)
    for name, rows in data.items():
        write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    result = scan(folder, root / "run")
    assert result.findings, "the hostile exports should still give findings"
    return root / "run"


# -- reading the HTML back ---------------------------------------------------------------


class _Page(HTMLParser):
    """Collects what a browser would act on: elements, URL-bearing attributes, scripts and
    styles (their text), and inline event handlers."""

    URL_ATTRS: ClassVar[set[str]] = {"src", "href", "srcset", "poster", "data", "action", "formaction",
                 "background", "xlink:href", "ping", "manifest", "cite", "longdesc"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.urls: list[tuple[str, str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        for k, v in a.items():
            if k in self.URL_ATTRS and v is not None:
                self.urls.append((tag, k, v))
            if k.startswith("on"):
                self.handlers.append((tag, k))
            if k == "style" and v:
                self.styles.append(v)
        if tag in ("script", "style"):
            self._in, self._attrs, self._buf = tag, a, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == tag:
            text = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            else:
                self.styles.append(text)
            self._in = None


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def pages(bundle: Path) -> list[Path]:
    return sorted(bundle.rglob("*.html"))


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def assert_offline(page: Path) -> None:
    """No URL the browser would fetch leaves the bundle: attributes are relative (or data:,
    or an in-page #anchor), styles have no external url() or @import, a CSP forbids the rest."""
    p = parse(page)
    for tag, attr, url in p.urls:
        if url.startswith(("data:", "#")):
            continue
        assert not EXTERNAL.match(url), f"{page.name}: <{tag} {attr}={url!r}>"
        target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
        assert target.exists(), f"{page.name}: {url} points to nothing in the bundle"
    for css in p.styles:
        assert "@import" not in css, page.name
        for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            assert u.startswith("data:"), f"{page.name}: url({u})"
    csp = [a.get("content") or "" for t, a in p.tags
           if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert csp and "default-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
    assert not any(t in ("iframe", "object", "embed", "base", "link") for t, _ in p.tags)
    refresh = [a for t, a in p.tags if t == "meta" and (a.get("http-equiv") or "") == "refresh"]
    assert not refresh


def assert_escaped(page: Path) -> None:
    """No payload became markup: no handler attributes, no foreign elements, every script is
    ours (nonce'd code or JSON data with no raw '<')."""
    html = page.read_text(encoding="utf-8")
    for raw in ("<img src=x", "<script>alert", '<a href="https://evil', "<b>x</b>"):
        assert raw not in html, f"{page.name}: {raw!r} left unescaped"
    p = parse(page)
    assert p.handlers == [], p.handlers
    assert not [t for t, _ in p.tags if t in ("img", "b")]
    nonces = {a.get("nonce") for a, _ in p.scripts if a.get("type") != "application/json"}
    assert len(nonces) == 1 and None not in nonces, "every executable script carries the nonce"
    for attrs, text in p.scripts:
        if attrs.get("type") == "application/json":
            assert not set("<>&\u2028\u2029") & set(text)
            json.loads(text)  # still valid JSON
        else:
            assert "alert(" not in text


# -- tests -------------------------------------------------------------------------------


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return build_bundle(make_run(tmp_path)).parent


def test_every_page_is_written(bundle: Path) -> None:
    assert (bundle / "index.html").is_file()
    assert (bundle / "overview.html").is_file()
    assert (bundle / "assets" / "vis-network.min.js").stat().st_size > 100_000
    findings = read_findings(bundle.parent)
    for f in findings:
        page = bundle / "findings" / page_name(f["finding_id"])
        assert page.is_file(), f["finding_id"]
        assert f'href="findings/{page.name}"' in (bundle / "index.html").read_text("utf-8")
    assert len(list((bundle / "findings").iterdir())) == len(findings)


def test_unsafe_finding_id_stays_inside_the_bundle(tmp_path: Path) -> None:
    bundle = build_bundle(make_run(tmp_path)).parent
    assert page_name("../../escape<b>").startswith("x-")
    assert (bundle / "findings" / page_name("../../escape<b>")).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_index_rows_and_counts(bundle: Path) -> None:
    html = (bundle / "index.html").read_text("utf-8")
    assert html.count('<tr data-rule="') == 3
    assert RULES["relative_interest"].title_nl in html
    assert 'data-count-severity="high">1<' in html
    # highest score first, so the table opens with the most serious case
    assert html.index('data-rule="relative_interest"') < html.index('data-rule="gift_rule_breach"')
    for label in ("Zoeken", "Regel", "Ernst", "Afdeling", "Gemeld"):
        assert label in html


def test_english_pages(tmp_path: Path) -> None:
    bundle = build_bundle(make_run(tmp_path), lang="en").parent
    html = (bundle / "index.html").read_text("utf-8")
    assert '<html lang="en">' in html
    assert str(escape(RULES["relative_interest"].title_en)) in html
    page = (bundle / "findings" / "F-0000000000000001.html").read_text("utf-8")
    assert NODE_KINDS["relative"].label_en in page and "Source rows" in page


def test_legend_comes_from_the_schema(bundle: Path) -> None:
    page = bundle / "findings" / "F-0000000000000001.html"
    html = page.read_text("utf-8")
    legend = html[html.index('id="legend"'):]
    legend = legend[: legend.index("</div>\n</div>") + 1]
    for code in ("employee", "relative", "organization", "decision", "address"):
        k = NODE_KINDS[code]
        assert f'data-kind="{code}"' in legend and k.label_nl in legend and k.color in legend
    for code in ("family", "officer", "identifier", "decision"):
        assert EDGE_KINDS[code].label_nl in legend and EDGE_KINDS[code].color in legend
    assert 'data-kind="gift"' not in legend  # only kinds on the page
    ov = (bundle / "overview.html").read_text("utf-8")
    assert NODE_KINDS["organization"].label_nl in ov


def test_finding_page_shows_links_with_their_evidence(bundle: Path) -> None:
    html = (bundle / "findings" / "F-0000000000000001.html").read_text("utf-8")
    for text in ("relatives:2", "officers:2", "contracts:2", "sinds 2015-01-01", "niet gemeld",
                 "zelfde naam + geboortedatum", "85%", "Integriteitscode 2.3", "+70 punten",
                 "Andere (ondersteunende) verbanden", "behandelaar", "EUR 48.000"):
        assert text in html, text
    data = _graph_data(bundle / "findings" / "F-0000000000000001.html")
    ids = {n["id"] for n in data["nodes"]}
    assert {"employee:E1", "relative:R1", "organization:O1", "decision:D1",
            "address:1234AB|10|", "relative:R2"} <= ids
    assert data["truncated"] == {"organization:O1": 3}


def _graph_data(page: Path) -> dict[str, Any]:
    p = parse(page)
    [text] = [t for a, t in p.scripts if a.get("id") == "graph-data"]
    return json.loads(text)


def test_no_request_leaves_the_bundle(bundle: Path) -> None:
    for page in pages(bundle):
        assert_offline(page)
    js = (bundle / "assets" / "vis-network.min.js").read_text("utf-8")
    assert "fetch(" not in js and "XMLHttpRequest" not in js.replace("XMLHttpRequest=", "")


def test_hand_made_payloads_are_escaped(bundle: Path) -> None:
    for page in pages(bundle):
        assert_escaped(page)
    # the payload is shown as text, not lost
    html = (bundle / "findings" / "F-0000000000000001.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_payloads_from_a_real_scan_are_escaped(tmp_path: Path) -> None:
    bundle = build_bundle(scan_hostile(tmp_path)).parent
    for page in pages(bundle):
        assert_escaped(page)
        assert_offline(page)


def test_script_json_is_inert_and_round_trips() -> None:
    value = {"a": CLOSE, "b": BREAK, "c": "x & y", "d": "<!--"}
    text = str(script_json(value))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_rebuild_drops_stale_pages_and_refuses_foreign_folders(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    bundle = build_bundle(run).parent
    stale = bundle / "findings" / "F-stale.html"
    stale.write_text("old", encoding="utf-8")
    build_bundle(run)
    assert not stale.exists() and (bundle / "index.html").is_file()
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="not an explore bundle"):
        build_bundle(run, foreign)
    assert (foreign / "thesis.docx").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents", "run"]


def test_run_without_findings(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "findings.json").write_text("[]", encoding="utf-8")
    bundle = build_bundle(run).parent
    assert "geen bevindingen" in (bundle / "index.html").read_text("utf-8")
    assert (bundle / "overview.html").is_file()


def test_missing_or_broken_run(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        build_bundle(tmp_path / "nope")
    (tmp_path / "run").mkdir()
    with pytest.raises(InputError, match="findings.json: not found"):
        build_bundle(tmp_path / "run")
    (tmp_path / "run" / "findings.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError, match="not readable as JSON"):
        build_bundle(tmp_path / "run")


def test_cli_writes_prints_and_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = make_run(tmp_path)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    res = CliRunner().invoke(main, ["explore", str(run), "--out", str(tmp_path / "b"),
                                    "--lang", "en", "--open"])
    assert res.exit_code == 0, res.output
    assert res.output.strip() == str(tmp_path / "b" / "index.html")
    assert opened == [(tmp_path / "b" / "index.html").resolve().as_uri()]
    res = CliRunner().invoke(main, ["explore", str(tmp_path / "missing"), "--lang", "en"])
    assert res.exit_code == 2 and "no such folder" in res.output


# -- graph data ---------------------------------------------------------------------------


def _ctx(run: Path) -> tuple[list[dict[str, Any]], ContextGraph]:
    findings = read_findings(run)
    graph = json.loads((run / "graph.json").read_text(encoding="utf-8"))
    return findings, ContextGraph.from_json(graph)


def test_finding_graph_lays_the_path_out_as_a_line(tmp_path: Path) -> None:
    findings, ctx = _ctx(make_run(tmp_path, hostile=False))
    g = finding_graph(findings[0], ctx)
    nodes = {n["id"]: n for n in g["nodes"]}
    path = findings[0]["path_nodes"]
    assert [nodes[k]["y"] for k in path] == [0.0] * len(path)
    xs = [nodes[k]["x"] for k in path]
    assert xs == sorted(xs)
    assert nodes["relative:R2"]["role"] == "context"
    assert nodes["address:1234AB|10|"]["role"] == "other"
    assert nodes["employee:E1"]["color"] == NODE_KINDS["employee"].color
    assert nodes["organization:O1"]["shape"] == NODE_KINDS["organization"].shape
    role = [e for e in g["edges"] if e["role"] == "derived"]
    assert [(e["from"], e["to"], e["label"]) for e in role] == [
        ("employee:E1", "decision:D1", "behandelaar")]
    officer = next(e for e in g["edges"] if e["id"] == "L-off")
    assert officer["validity"] == "sinds 2015-01-01" and officer["declared"] is False
    assert officer["match"]["reason"] == "zelfde naam + geboortedatum"
    assert len({e["id"] for e in g["edges"]}) == len(g["edges"])


def test_context_is_capped_per_node(tmp_path: Path) -> None:
    findings, ctx = _ctx(make_run(tmp_path, hostile=False))
    for i in range(30):
        key = f"organization:X{i}"
        ctx.nodes[key] = {"key": key, "kind": "organization", "label": f"Org {i}"}
        eid = f"L-x{i}"
        ctx.edges[eid] = {"id": eid, "source": "employee:E1", "target": key, "kind": "officer",
                          "label": "bestuurder", "declared": False, "evidence": []}
        ctx.adjacency["employee:E1"].append(eid)
    g = finding_graph(findings[0], ctx, max_context=5)
    assert sum(1 for n in g["nodes"] if n["id"].startswith("organization:X")) <= 5
    assert g["truncated"]["employee:E1"] >= 25


def test_unknown_kinds_fall_back_to_grey() -> None:
    f = {"finding_id": "F-1", "path_detail": {
        "nodes": [{"key": "alien:1", "kind": "alien", "label": "?"},
                  {"key": "employee:E1", "kind": "employee", "label": "Jan"}],
        "steps": [{"source": "alien:1", "target": "employee:E1", "kind": "telepathy",
                   "label": "?", "declared": False, "evidence": []}]}}
    g = finding_graph(f, ContextGraph.from_json(None), "en")
    alien = next(n for n in g["nodes"] if n["id"] == "alien:1")
    assert alien["kind_label"] == "alien" and alien["shape"] == "dot"


def test_overview_components_do_not_overlap() -> None:
    nodes, edges = [], []
    sizes = [1, 2, 3, 8, 40]
    for c, n in enumerate(sizes):
        for i in range(n):
            nodes.append({"key": f"employee:C{c}N{i}", "kind": "employee",
                          "label": f"P{c}.{i}", "context": i > 0})
            if i:
                edges.append({"id": f"E{c}.{i}", "source": f"employee:C{c}N0",
                              "target": f"employee:C{c}N{i}", "kind": "family",
                              "label": "partner", "declared": True, "evidence": []})
    ctx = ContextGraph.from_json({"nodes": nodes, "edges": edges})
    findings = [{"path_detail": {"nodes": [{"key": "employee:C4N0"}, {"key": "employee:C4N1"}]},
                 "other_paths": []}]
    g = overview_graph(findings, ctx)
    assert g["components"] == len(sizes) and g["physics"] is True
    boxes = []
    for c in range(len(sizes)):
        pts = [(n["x"], n["y"]) for n in g["nodes"] if n["id"].startswith(f"employee:C{c}N")]
        boxes.append((min(x for x, _ in pts), min(y for _, y in pts),
                      max(x for x, _ in pts), max(y for _, y in pts)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    by_id = {n["id"]: n for n in g["nodes"]}
    assert by_id["employee:C4N0"]["findings"] == [0]
    assert "findings" not in by_id["employee:C0N0"]


def test_overview_turns_physics_off_when_large() -> None:
    n = PHYSICS_MAX_NODES + 1
    nodes = [{"key": f"employee:E{i}", "kind": "employee", "label": str(i)} for i in range(n)]
    g = overview_graph([], ContextGraph.from_json({"nodes": nodes, "edges": []}))
    assert g["physics"] is False and g["components"] == n
    assert all("x" in v and "y" in v for v in g["nodes"])


def test_sparse_findings_without_graph_json(tmp_path: Path) -> None:
    """An older or hand-edited run: minimal findings, no graph.json, no run.json."""
    run = tmp_path / "run"
    run.mkdir()
    (run / "findings.json").write_text(json.dumps([
        {"finding_id": "F-1", "rule": "self_interest", "severity": "high", "score": 80},
        {"finding_id": "F-2", "rule": "new_rule_from_a_later_version", "severity": "odd",
         "score": "n/a", "path_detail": {"nodes": [
             {"key": "employee:E1", "kind": "employee", "label": "Jan"},
             {"key": "organization:O1", "kind": "organization", "label": "Org"}],
             "steps": [{"source": "employee:E1", "target": "organization:O1",
                        "kind": "officer", "label": "bestuurder"}]}},
    ]), encoding="utf-8")
    bundle = build_bundle(run).parent
    assert (bundle / "findings" / "F-1.html").is_file()
    page = (bundle / "findings" / "F-2.html").read_text("utf-8")
    assert "new_rule_from_a_later_version" in page and "bestuurder" in page
    for p in pages(bundle):
        assert_offline(p)


def test_score_reasons_and_explanations_follow_the_page_language(tmp_path: Path) -> None:
    """A real scan's finding page says why it scored as it did in the reader's language."""
    from corp import run
    from test_rules import DECL

    from coi_graph.outputs.explore import build_bundle

    res = run(tmp_path / "corp", declarations=[dict(DECL, status="pending")],
              gifts=[{"gift_id": "G1", "employee_id": "E1", "org_id": "O1", "date": "2023-01-01",
                      "kind": "money", "value_eur": "100", "handed_in": "nee"}])
    by_rule = {f.rule: f for f in res.findings}
    assert set(by_rule) == {"self_interest", "gift_rule_breach"}
    run_dir = tmp_path / "corp" / "run"
    nl = build_bundle(run_dir, tmp_path / "nl", lang="nl").parent
    en = build_bundle(run_dir, tmp_path / "en", lang="en").parent
    gift_nl = (nl / "findings" / f"{by_rule['gift_rule_breach'].finding_id}.html").read_text("utf-8")
    gift_en = (en / "findings" / f"{by_rule['gift_rule_breach'].finding_id}.html").read_text("utf-8")
    assert "geld aangenomen" in gift_nl and "money was accepted" not in gift_nl
    assert "money was accepted" in gift_en
    own_nl = (nl / "findings" / f"{by_rule['self_interest'].finding_id}.html").read_text("utf-8")
    assert "basisscore: Eigen belang bij de wederpartij" in own_nl
    assert "zelf verbonden met de wederpartij" in own_nl


def test_match_details_follow_the_page_language(tmp_path: Path) -> None:
    """Why two records were taken to be one person reads in Dutch on Dutch pages."""
    from corp import run

    from coi_graph.outputs.explore import build_bundle

    officers = [{"org_id": "O1", "name": "Bakker, A.", "role": "bestuurder",
                 "birth_date": "05-05-1975"}]
    res = run(tmp_path / "corp", officers=officers)
    own = next(f for f in res.findings if f.rule == "self_interest")
    nl = build_bundle(tmp_path / "corp" / "run", tmp_path / "nl", lang="nl").parent
    page = (nl / "findings" / f"{own.finding_id}.html").read_text("utf-8")
    assert "voornamen A / Anna: de initialen passen (+4)" in page
    assert "geboortedatum 1975-05-05 = 1975-05-05 (+14)" in page
    assert "birth date" not in page and "the initials fit" not in page


def test_a_person_match_shows_its_weight_not_a_percentage(tmp_path: Path) -> None:
    """Two records of one person carry the sum of their comparison's weights (26 here); the
    pages showed it as a similarity, ``overeenkomst 2600%``.  An organization's name keeps
    its similarity in per cent.  Both on the page and in the network's data."""
    from corp import run

    from coi_graph.outputs.explore import build_bundle

    officers = [{"org_id": "O1", "name": "Bakker, A.", "role": "bestuurder",
                 "birth_date": "05-05-1975"}]
    res = run(tmp_path / "corp", officers=officers)
    own = next(f for f in res.findings if f.rule == "self_interest")
    weights = [s.match["score"] for s in own.path.steps if s.match]
    assert weights and all(w > 1 for w in weights)
    for lang, label in (("nl", "matchgewicht"), ("en", "match weight")):
        out = build_bundle(tmp_path / "corp" / "run", tmp_path / lang, lang=lang).parent
        page = out / "findings" / f"{own.finding_id}.html"
        html = page.read_text("utf-8")
        assert f"{label} {weights[0]:g} · " in html
        assert f"{round(weights[0] * 100)}%" not in html
        for graph_page in (page, out / "overview.html"):  # the overview: from graph.json
            shown = [e["match"] for e in _graph_data(graph_page)["edges"] if e.get("match")]
            assert shown and all(m["score_label"] == label and "%" not in m["score_text"]
                                 for m in shown), (graph_page.name, shown)


def test_case_status_at_export(tmp_path: Path) -> None:
    """The bundle shows each finding's case status in the workspace when it was made, so a
    reopened finding does not look like a new one; without a workspace, no status at all."""
    from coi_graph.outputs.workspace import open_workspace, record_run_folder

    run = make_run(tmp_path, hostile=False)
    plain = build_bundle(run, tmp_path / "plain").parent
    assert 'data-status=""' in (plain / "index.html").read_text(encoding="utf-8")
    ws = tmp_path / "ws.sqlite"
    record_run_folder(run, ws)
    findings = read_findings(run)
    fid = findings[0]["finding_id"]
    with open_workspace(ws) as w:
        w.triage(fid, "explained", "A. Jansen", "approved side function")
    out = build_bundle(run, tmp_path / "with", workspace=ws).parent
    index = (out / "index.html").read_text(encoding="utf-8")
    rows = json.loads(re.search(r'id="rows-data">(.*?)</script>', index, re.DOTALL).group(1))
    status = {r[rows["cols"].index("finding_id")]: r[rows["cols"].index("status")]
              for r in rows["rows"]}
    assert status[fid] == "explained"
    assert set(status.values()) == {"explained", "open"}
    page = (out / "findings" / page_name(fid)).read_text(encoding="utf-8")
    assert "Status: verklaard" in page and "Status van de zaak bij het maken" in page
    en = build_bundle(run, tmp_path / "en", lang="en", workspace=ws).parent
    assert "Status: explained" in (en / "findings" / page_name(fid)).read_text(encoding="utf-8")
    with pytest.raises(InputError, match="no workspace there"):
        build_bundle(run, tmp_path / "x", workspace=tmp_path / "missing.sqlite")


def test_direction_overrides_cannot_spoof_names(tmp_path: Path) -> None:
    """U+202E in a name would show "Jan<RLO>gpj.exe" as "Janexe.jpg": every page and
    report shows a visible replacement mark instead."""
    from coi_graph.outputs.report import render_report

    run = make_run(tmp_path, hostile=False)
    findings = read_findings(run)
    spoof = "Jan\u202egpj.exe\u2066x"
    for f in findings:
        f["subject_name"] = spoof
        for n in f["path_detail"]["nodes"]:
            n["label"] = spoof
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    out = build_bundle(run).parent
    files = list(out.rglob("*.html"))
    for aud in ("rvc", "audit"):
        rep = render_report(run, aud, "nl", tmp_path / f"rep-{aud}")
        files += [rep.html, rep.markdown]
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    assert any("Jan\ufffdgpj.exe" in t for t in texts.values())
    assert [f for f, t in texts.items() if "\u202e" in t or "\u2066" in t] == []


def test_a_large_network_needs_no_scipy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """networkx's spring layout imports scipy from 500 nodes on; scipy is no dependency.
    A run whose network has ~1,500 nodes builds with scipy unimportable, every finding gets
    its page, and the layout puts no two nodes of the big network on one spot."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "bench_explore", Path(__file__).resolve().parents[1] / "bench" / "bench_explore.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    run = bench.dense_run(tmp_path / "run", 800)
    monkeypatch.setitem(sys.modules, "scipy", None)  # `import scipy` now fails
    monkeypatch.setenv("COI_EXPLORE_JOBS", "1")
    out = build_bundle(run).parent
    assert len(list((out / "findings").iterdir())) == 800
    findings, ctx = _ctx(run)
    g = overview_graph(findings, ctx)
    spots = {(n["x"], n["y"]) for n in g["nodes"]}
    assert len(spots) == len(g["nodes"]) > 1000
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr data-rule=") == 100  # the first page, not 800 rows


def test_script_json_skips_its_scan_only_when_nothing_needs_rewriting() -> None:
    """script_json skips its rewriting scan for text without ``<>&`` and without characters
    above U+00FF; that is only safe while every other character it rewrites lies above
    U+00FF.  And the fast and slow paths give the same text."""
    from coi_graph.outputs import explore_graph as eg

    low = [chr(c) for c in range(0x100) if eg._SCRIPT_UNSAFE.match(chr(c))]
    assert low == ["&", "<", ">"]
    for value in ["plain", "Bourgondië", "a<b>&c", "a&b", "x\u202ey", "line\u2028sep", "…", "é<"]:
        slow = eg._SCRIPT_UNSAFE.sub(lambda m: eg._SCRIPT_ESCAPES.get(m.group(0), "\ufffd"),
                                     json.dumps({"v": value}, ensure_ascii=False,
                                                separators=(",", ":")))
        assert str(eg.script_json({"v": value})) == slow, value
