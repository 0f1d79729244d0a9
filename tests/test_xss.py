"""Hostile text in every field that reaches a page or a report stays text.

One real scan of exports whose names, departments, organization names, descriptions, ids and
notes carry markup; then the explore bundle, the audit report and the RvC report are parsed
as a browser would (no element, attribute or script may come from the data, and the payload
must still be readable as text), and the explore finding pages are opened in a real headless
Chromium."""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from corp import BASE, write_csv
from test_browser import CHROMIUM, assert_clean, browser, open_page  # noqa: F401
from test_rules import DECL, alloc, gift

from coi_graph.outputs.explore import build_bundle, load_run
from coi_graph.outputs.explore_graph import page_name
from coi_graph.outputs.report import render_report
from coi_graph.scan import ScanResult, scan
from coi_graph.outputs.workspace import open_workspace, record_scan

try:
    import playwright.sync_api  # noqa: F401
    HAVE_PLAYWRIGHT = True
except ImportError:  # pragma: no cover
    HAVE_PLAYWRIGHT = False


def P(tag: str) -> str:
    """A payload that breaks out of an attribute and out of text, with no spaces (so it also
    fits an id), marked with the field it was put in."""
    return f'xq{tag}"><iframe/onload=alert(1)><img/src=x/onerror=alert(1)>'


#: Elements a payload would create; none of them is in any page or report of ours.
FOREIGN = {"img", "iframe", "object", "embed", "b", "base", "link", "math"}


class Parsed(HTMLParser):
    """Elements, handler attributes and the text a reader sees (outside scripts and styles)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text_parts: list[str] = []
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [(tag, k) for k, _ in attrs if k.startswith("on")]
        if tag in ("script", "style"):
            self._in, self._attrs = tag, dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._in == tag:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append((self._attrs, data))
        elif self._in is None:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)


def assert_inert(path: Path) -> Parsed:
    page = Parsed(path.read_text(encoding="utf-8"))
    assert page.handlers == [], (path.name, page.handlers)
    assert not FOREIGN & set(page.tags), (path.name, FOREIGN & set(page.tags))
    for attrs, code in page.scripts:
        if attrs.get("type") == "application/json":
            assert "<" not in code, path.name  # JSON data cannot close its script element
        else:
            assert "alert(" not in code and "onload" not in code, path.name
    return page


# -- the hostile corporation -------------------------------------------------------------------


def hostile_tables() -> dict[str, list[dict[str, Any]]]:
    d = copy.deepcopy(BASE)
    d["employees"][0].update(name="Jan " + P("empname"), department=P("dept"))
    d["employees"][2].update(department=P("dept3"))
    d["organizations"][0].update(name=P("orgname") + " B.V.")
    d["organizations"][1].update(name=P("org2name"))
    d["contracts"][0].update(description=P("descr"), decision_id=P("D1"))
    d["relatives"][0].update(name="Petra " + P("relname"))
    d["declarations"] = [
        dict(DECL, declaration_id=P("decl"), position=P("position"), notes=P("declnote")),
        dict(DECL, declaration_id=P("side"), kind="side_function", position=P("sidepos"),
             org_id="", org_name=P("sideorg"), status="pending"),
    ]
    d["gifts"] = [gift(gift_id=P("gift"), kind="money", value_eur="100", date="2023-01-01",
                       description=P("giftdescr")),
                  gift(gift_id="G2", employee_id="E3", org_id="O2", date="2024-03-01",
                       value_eur="10", kind="gift")]
    d["allocations"] = [
        alloc(decision_id=P("A1"), applicant_name="Smit, Kees",
              applicant_birth_date="08-08-1980", unit_id=P("unit")),
        alloc(decision_id="A2", handled_by="E1", applicant_name=P("applicant"),
              applicant_postcode="1234AB", applicant_house_number="10"),
    ]
    # ids of an employee and an organization, wherever they are referenced
    e3, o2 = P("emp3id"), P("org2id")
    for table in d.values():
        for row in table:
            for col in ("employee_id", "handled_by", "approved_by"):
                if row.get(col) == "E3":
                    row[col] = e3
            if row.get("org_id") == "O2":
                row["org_id"] = o2
    return d


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("xss")
    folder = root / "data"
    folder.mkdir()
    for name, rows in hostile_tables().items():
        write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    result = scan(folder, root / "run")
    ws = root / "ws.sqlite"
    record_scan(result, root / "run", ws)
    by_rule = {f.rule: f for f in result.findings}
    with open_workspace(ws) as w:
        w.triage(by_rule["self_interest"].finding_id, "explained", P("triager"), P("note"))
        w.accept(employee_id=P("emp3id"), org_id=P("org2id"), rule="gift_before_decision",
                 justification=P("justification"), owner=P("owner"), valid_until="2099-12-31")
    record_scan(result, root / "run", ws)
    return {"root": root, "run": root / "run", "ws": ws, "result": result, "by_rule": by_rule}


def test_the_payloads_reach_the_findings(hostile: dict[str, Any]) -> None:
    """Guards the other tests: the hostile values really are in the findings."""
    res: ScanResult = hostile["result"]
    assert set(hostile["by_rule"]) >= {"self_interest", "unapproved_side_function",
                                       "gift_rule_breach", "gift_before_decision",
                                       "allocation_to_self", "shared_identifier"}
    by = hostile["by_rule"]
    assert by["gift_rule_breach"].record == "gifts:" + P("gift")
    assert by["unapproved_side_function"].record == "declarations:" + P("side")
    assert by["self_interest"].counterparty_name == P("orgname") + " B.V."
    assert by["self_interest"].decision_id == P("D1")
    assert by["self_interest"].subject_department == P("dept")
    assert by["gift_before_decision"].subject_id == P("emp3id")
    assert by["gift_before_decision"].counterparty == "organization:" + P("org2id")
    assert res.run["problems"]["errors"] == 0


# -- explore ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(hostile: dict[str, Any]) -> Path:
    return build_bundle(hostile["run"]).parent


def test_every_explore_page_is_inert(bundle: Path) -> None:
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        assert_inert(page)


@pytest.mark.parametrize("rule, shown", [
    ("gift_rule_breach", ["gifts:" + P("gift"), P("orgname") + " B.V.", P("dept")]),
    ("unapproved_side_function", ["declarations:" + P("side"), P("sideorg")]),
    ("self_interest", [P("D1"), P("orgname") + " B.V.", P("dept")]),
    ("gift_before_decision", [P("org2name"), P("dept3"), P("emp3id"), P("org2id")]),
    ("allocation_to_self", [P("A1"), P("emp3id")]),
])
def test_explore_finding_pages_show_the_payload_as_text(bundle: Path, hostile: dict[str, Any],
                                                        rule: str, shown: list[str]) -> None:
    f = hostile["by_rule"][rule]
    page = assert_inert(bundle / "findings" / page_name(f.finding_id))
    for text in shown:
        assert text in page.text, (rule, text)


def test_explore_index_lists_the_payload_as_text(bundle: Path) -> None:
    page = assert_inert(bundle / "index.html")
    for text in (P("orgname") + " B.V.", P("D1"), P("sideorg"), P("dept")):
        assert text in page.text, text


# -- reports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_audit_report_escapes_every_field(hostile: dict[str, Any], tmp_path: Path,
                                          lang: str) -> None:
    files = render_report(hostile["run"], "audit", lang, tmp_path, hostile["ws"])
    page = assert_inert(files.html)
    for text in (P("orgname") + " B.V.", P("org2name"), P("sideorg"), P("dept"), P("dept3"),
                 P("D1"), P("A1"), "gifts:" + P("gift"), "declarations:" + P("side"),
                 P("triager"), P("note"), P("justification"), P("emp3id"), P("org2id")):
        assert text in page.text, text
    md = files.markdown.read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(iframe|img)", md), "unescaped markup in the Markdown"
    assert "xqnote" in md and "xqorgname" in md


def test_rvc_report_holds_no_payload_at_all(hostile: dict[str, Any], tmp_path: Path) -> None:
    """Counts only: not even the escaped text of a name, id or note."""
    for lang in ("nl", "en"):
        files = render_report(hostile["run"], "rvc", lang, tmp_path, hostile["ws"])
        raw = files.html.read_text(encoding="utf-8")
        assert_inert(files.html)
        for text in (raw, html.unescape(raw), files.markdown.read_text(encoding="utf-8")):
            assert "xq" not in text and "onerror" not in text


# -- a real browser ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not HAVE_PLAYWRIGHT or not Path(CHROMIUM).exists(),
                    reason="needs playwright and Debian's chromium (scripts/test.sh installs both)")
@pytest.mark.parametrize("rule", ["gift_rule_breach", "self_interest"])
def test_finding_page_in_chromium_shows_the_payload_as_text(
        browser: Any, bundle: Path, hostile: dict[str, Any], rule: str) -> None:  # noqa: F811
    f = hostile["by_rule"][rule]
    page, log = open_page(browser, bundle / "findings" / page_name(f.finding_id), "coiSettled")
    try:
        seen = page.evaluate(
            "({foreign: document.querySelectorAll('img, iframe, b').length,"
            "  handlers: Array.from(document.querySelectorAll('*')).filter(e =>"
            "    Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,"
            "  text: document.body.innerText})")
        wanted = {"gift_rule_breach": ["gifts:" + P("gift"), P("orgname") + " B.V."],
                  "self_interest": [P("D1"), P("orgname") + " B.V.", P("dept")]}[rule]
        for text in wanted:
            assert text in seen["text"], text
        assert (seen["foreign"], seen["handlers"]) == (0, 0), seen
        assert_clean(page, log)
    finally:
        page.close()


def test_the_run_loads_for_explore(hostile: dict[str, Any]) -> None:
    assert len(load_run(hostile["run"]).findings) == len(hostile["result"].findings)
