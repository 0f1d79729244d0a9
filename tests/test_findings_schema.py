"""findings.json as a typed, versioned format.

- ``Finding.from_json(f.to_json()) == f`` and ``load_findings(write_findings(fs)) == fs`` for
  any findings (property-tested), so findings travel as :class:`Finding` objects after a scan;
- version 2 cites every node and step once, and is smaller than version 1 when findings share
  their links;
- a run folder written by the version before schema versions (``tests/fixtures/run_v1``, a bare
  JSON array) still loads in every reader: workspace, diff, reports, explore and serve;
- step labels are codes rendered in the reader's language, and render as the Dutch labels the
  pages used to parse.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coi_graph.errors import InputError
from coi_graph.findings import (
    EvidencePath,
    Finding,
    Step,
    findings_document,
    load_findings,
    read_findings,
    write_findings,
)

FIXTURE = Path(__file__).parent / "fixtures" / "run_v1"

# -- strategies --------------------------------------------------------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
keys = st.sampled_from(["employee:E1", "employee:E2", "relative:R1", "organization:O1",
                        "address:1234AB|5|", "decision:D1", "applicant:A1"])
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), text,
                        st.floats(allow_nan=False, allow_infinity=False))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)), max_leaves=6)
nodes = st.builds(lambda k, label: {"key": k, "kind": k.split(":")[0], "label": label},
                  keys, text)
steps = st.builds(
    Step, source=keys, target=keys, kind=st.sampled_from(
        ["family", "declaration", "officer", "identifier", "same_person", "decision", "gift"]),
    label=text, valid_from=st.none() | st.just("2024-01-01"), valid_until=st.none() | text,
    declared=st.booleans(), evidence=st.lists(text, max_size=3),
    match=st.none() | st.dictionaries(text, json_value, max_size=3),
    link_id=st.none() | text, label_code=text,
    label_params=st.dictionaries(text, json_value, max_size=3))


@st.composite
def paths(draw: Any) -> EvidencePath:
    ss = draw(st.lists(steps, max_size=4))
    ns = draw(st.lists(nodes, min_size=len(ss) + 1, max_size=len(ss) + 1))
    return EvidencePath(ns, ss)


findings = st.builds(
    Finding, finding_id=text, rule=text, severity=text, score=st.integers(-100, 200),
    decision_id=text, record=text, subject_id=text, counterparty=text, path=paths(),
    subject_role=text, subject_name=text, subject_department=text, counterparty_name=text,
    decision_kind=text, decision_date=text,
    amount_eur=st.none() | st.floats(-1e9, 1e9, allow_nan=False),
    articles=st.lists(text, max_size=3), evidence_hash=text,
    score_parts=st.lists(st.dictionaries(text, json_value, max_size=3), max_size=3),
    other_paths=st.lists(paths(), max_size=2), explanation=text, explanation_nl=text,
    details=st.dictionaries(text, json_value, max_size=3),
    decision_ids=st.lists(text, max_size=3))


# -- round trip --------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(findings)
def test_a_finding_round_trips_through_its_json(f: Finding) -> None:
    assert Finding.from_json(json.loads(json.dumps(f.to_json()))) == f


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(findings, max_size=6))
def test_a_findings_file_round_trips_exactly(fs: list[Finding]) -> None:
    # shared steps and nodes, as a dense run has them: the same objects in several findings
    if len(fs) > 1:
        fs[1].other_paths.append(fs[0].path)
    from coi_graph.findings import findings_from_document

    back = findings_from_document(json.loads(findings_document(fs)))
    assert back == fs
    assert [b.to_json() for b in back] == [f.to_json() for f in fs]


def test_a_scan_round_trips_and_keeps_its_ids(tmp_path: Path) -> None:
    """The findings of a real scan, written and read back, are the scan's findings."""
    from corp import run
    from test_rules import DECL

    res = run(tmp_path / "corp", declarations=[dict(DECL, status="pending")])
    assert res.findings
    assert load_findings(tmp_path / "corp" / "run") == res.findings
    doc = json.loads((tmp_path / "corp" / "run" / "findings.json").read_text("utf-8"))
    assert doc["schema_version"] == 2
    assert [f["finding_id"] for f in doc["findings"]] == [f.finding_id for f in res.findings]


def test_every_field_is_written() -> None:
    """A field added to Step or Finding must reach findings.json (both versions)."""
    import dataclasses

    step = Step("a", "b", "family", "partner")
    assert set(step.to_json()) == {f.name for f in dataclasses.fields(Step)}
    f = Finding("F-1", "r", "high", 1, "D1", "", "E1", "organization:O1",
                EvidencePath([{"key": "a", "kind": "employee", "label": "A"}], [step]))
    names = {x.name for x in dataclasses.fields(Finding)} - {"path", "other_paths"}
    assert names <= set(f.to_json())
    v2 = json.loads(findings_document([f]))["findings"][0]
    assert names <= set(v2)


def test_decision_ids_default_to_the_decision() -> None:
    f = Finding("F-1", "self_interest", "high", 80, "D1", "", "E1", "organization:O1",
                EvidencePath([{"key": "employee:E1", "kind": "employee", "label": "E"}], []))
    assert f.decision_ids == ["D1"]
    assert f.csv_row()["decision_ids"] == "D1"
    g = Finding("F-2", "gift_rule_breach", "low", 30, "", "gifts:G1", "E1", "organization:O1",
                f.path)
    assert g.decision_ids == [] and g.csv_row()["decision_ids"] == ""
    several = Finding("F-3", "split_orders", "high", 80, "D3", "", "E1", "organization:O1",
                      f.path, decision_ids=["D1", "D2", "D3"])
    assert Finding.from_json(several.to_json()).decision_ids == ["D1", "D2", "D3"]


# -- version 2: compact ----------------------------------------------------------------------


def _shared_findings(n: int) -> list[Finding]:
    """``n`` findings behind one person match and one officer link (a dense run's shape)."""
    match = {"reason": "same name + birth date", "detail": "x" * 200, "score": 26.0,
             "features": [{"code": "surname.exact", "params": {"a": "Bruijn", "b": "Bruijn"},
                           "weight": 8.0}] * 4}
    link = Step("employee:E1", "organization:O1", "officer", "bestuurder, KvK",
                evidence=["officers:3"], match=match, link_id="L-1", label_code="officer",
                label_params={"role": "bestuurder"})
    out = []
    for i in range(n):
        nodes = [{"key": "employee:E1", "kind": "employee", "label": "Evelien Bruijn"},
                 {"key": "organization:O1", "kind": "organization", "label": "Bouw B.V."},
                 {"key": f"decision:D{i}", "kind": "decision", "label": f"D{i}"}]
        dstep = Step("organization:O1", f"decision:D{i}", "decision", f"contract 2024-01-0{i % 9}",
                     declared=True, evidence=[f"contracts:{i + 2}"], label_code="decision",
                     label_params={"decision_kind": "contract", "date": "2024-01-01",
                                   "amount_eur": None})
        out.append(Finding(f"F-{i:016x}", "self_interest", "high", 80, f"D{i}", "", "E1",
                           "organization:O1", EvidencePath(nodes, [link, dstep])))
    return out


def test_version_2_writes_a_shared_step_once(tmp_path: Path) -> None:
    fs = _shared_findings(50)
    write_findings(fs, tmp_path)
    text = (tmp_path / "findings.json").read_text("utf-8")
    doc = json.loads(text)
    assert len(doc["evidence"]["steps"]) == 51  # the officer link once, 50 decision steps
    assert len(doc["evidence"]["nodes"]) == 52
    assert text.count("surname.exact") == 4
    v1 = json.dumps([f.to_json() for f in fs], ensure_ascii=False)
    assert len(text) < len(v1) / 2
    assert load_findings(tmp_path) == fs


def test_a_broken_or_newer_file_says_what_to_do(tmp_path: Path) -> None:
    fs = _shared_findings(2)
    write_findings(fs, tmp_path)
    fj = tmp_path / "findings.json"
    doc = json.loads(fj.read_text("utf-8"))
    doc["findings"][1]["path"]["steps"] = [99]
    fj.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(InputError, match=r"finding 2 F-0+1: path: cites a node or step"):
        load_findings(tmp_path)
    doc["schema_version"] = 3
    fj.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(InputError, match="schema_version 3 .* newer coi-graph"):
        load_findings(tmp_path)
    fj.write_text(json.dumps([{"finding_id": "F-1", "path_detail": {"steps": "x"}}]), "utf-8")
    with pytest.raises(InputError, match="findings.json: finding 1 F-1: path_detail"):
        load_findings(tmp_path)
    fj.write_text(json.dumps([{"finding_id": "F-1", "articles": [1, 2]}]), "utf-8")
    with pytest.raises(InputError, match="'articles' must be a list of texts"):
        load_findings(tmp_path)


# -- version 1 in every reader ---------------------------------------------------------------


@pytest.fixture()
def v1_run(tmp_path: Path) -> Path:
    run = tmp_path / "run_v1"
    shutil.copytree(FIXTURE, run)
    return run


def test_the_fixture_is_version_1() -> None:
    doc = json.loads((FIXTURE / "findings.json").read_text("utf-8"))
    assert isinstance(doc, list) and len(doc) == 17
    assert "label_code" not in doc[0]["path_detail"]["steps"][0]


def test_version_1_loads_as_it_was_written(v1_run: Path) -> None:
    doc = json.loads((v1_run / "findings.json").read_text("utf-8"))
    fs = load_findings(v1_run)
    assert [f.finding_id for f in fs] == [d["finding_id"] for d in doc]
    for f, d in zip(fs, doc):
        j = f.to_json()
        for k, v in d.items():  # every field as written, the steps without label codes
            if k in ("path_detail", "other_paths"):
                strip = [{kk: vv for kk, vv in s.items() if kk not in ("label_code",
                                                                       "label_params")}
                         for p in ([j[k]] if k == "path_detail" else j[k]) for s in p["steps"]]
                want = [s for p in ([v] if k == "path_detail" else v) for s in p["steps"]]
                assert strip == want
            else:
                assert j[k] == v, k
    assert read_findings(v1_run)[0]["finding_id"] == doc[0]["finding_id"]


def test_version_1_is_recorded_in_the_workspace(v1_run: Path, tmp_path: Path) -> None:
    from coi_graph.outputs.workspace import open_workspace, record_run_folder

    ws_path = tmp_path / "ws.sqlite"
    summary = record_run_folder(v1_run, ws_path)
    assert summary["new"] == 17
    doc = json.loads((v1_run / "findings.json").read_text("utf-8"))
    with open_workspace(ws_path) as ws:
        stored = {r["finding_id"]: r for r in ws.run_findings(summary["run_id"])}
    for d in doc:
        r = stored[d["finding_id"]]
        assert (r["path"], r["path_nodes"], r["evidence"], r["declared"], r["evidence_hash"]) \
            == (d["path"], d["path_nodes"], d["evidence"], d["declared"], d["evidence_hash"])


def test_version_1_against_version_2_in_diff(v1_run: Path, tmp_path: Path) -> None:
    """The same findings written by today's writer: diff sees no change between the versions."""
    from coi_graph.outputs.diff import diff_runs

    v2 = tmp_path / "run_v2"
    shutil.copytree(v1_run, v2)
    write_findings(load_findings(v1_run), v2)
    assert isinstance(json.loads((v2 / "findings.json").read_text("utf-8")), dict)
    d = diff_runs(v1_run, v2, cross_scan=False)
    assert len(d.entries) == 17
    assert {e.change for e in d.entries} == {"unchanged"}


@pytest.mark.parametrize("audience", ["rvc", "audit"])
def test_version_1_makes_the_reports(v1_run: Path, tmp_path: Path, audience: str) -> None:
    from coi_graph.outputs.report import render_report

    files = render_report(v1_run, audience, "en", tmp_path / "out",
                          workspace=None)
    html = files.html.read_text("utf-8")
    assert "17" in html
    if audience == "audit":  # every finding, its path worded in English from the Dutch labels
        doc = json.loads((v1_run / "findings.json").read_text("utf-8"))
        assert all(d["finding_id"] in html for d in doc)
        assert "(side function, pending)" in html and "nevenfunctie" not in html


def test_version_1_makes_the_explore_bundle(v1_run: Path) -> None:
    from coi_graph.outputs.explore import build_bundle

    index = build_bundle(v1_run, lang="en")
    doc = json.loads((v1_run / "findings.json").read_text("utf-8"))
    pages = {p.stem for p in (index.parent / "findings").glob("*.html")}
    assert pages == {d["finding_id"] for d in doc}
    page = (index.parent / "findings" / f"{doc[0]['finding_id']}.html").read_text("utf-8")
    assert "board member, KvK" in page or "bestuurder, KvK" in page


def test_version_1_is_served(v1_run: Path, tmp_path: Path) -> None:
    from test_serve import session_jar, start, stop_server

    from coi_graph.outputs.workspace import record_run_folder

    ws = tmp_path / "ws.sqlite"
    record_run_folder(v1_run, ws)
    doc = json.loads((v1_run / "findings.json").read_text("utf-8"))
    s = start(ws, user="Tester", lang="en")
    try:
        jar = session_jar(s)
        status, index = s.get("/", jar=jar)
        assert status == 200 and all(d["finding_id"] in index for d in doc)
        # a finding page draws its path from findings.json version 1 (not "folder missing")
        side = next(d for d in doc if d["rule"] == "unapproved_side_function")
        status, page = s.get(f"/finding/{side['finding_id']}", jar=jar)
        assert status == 200 and "(side function, pending)" in page
    finally:
        stop_server(s.server)


# -- labels as codes ---------------------------------------------------------------------------


def test_label_codes_render_as_the_labels_the_pages_parsed(tmp_path: Path) -> None:
    """Every step of a real scan: its Dutch label is the code rendered in Dutch as the CSV
    writes it, and in both languages the code renders as the old parse of the Dutch label."""
    from corp import run
    from test_rules import DECL

    from coi_graph.outputs.explore_text import link_label_text, step_text

    res = run(tmp_path / "corp", declarations=[dict(DECL, status="pending")],
              gifts=[{"gift_id": "G1", "employee_id": "E1", "org_id": "O1",
                      "date": "2023-01-01", "kind": "money", "value_eur": "100",
                      "handed_in": "nee"}])
    seen = set()
    for f in res.findings:
        for p in [f.path, *f.other_paths]:
            for s in p.steps:
                assert s.label_code, s
                seen.add(s.label_code)
                for lang in ("nl", "en"):
                    assert step_text(s, lang) == link_label_text(s.kind, s.label, lang), (s, lang)
    assert {"declaration", "decision", "gift"} <= seen


def test_link_ids_hash_what_a_link_is_not_its_wording() -> None:
    from coi_graph.graph.build import link_id
    from coi_graph.links import Link

    a = Link("declaration", "aandeelhouder (financieel belang, goedgekeurd)", code="declaration",
             params=(("kind", "financial_interest"), ("status", "approved"),
                     ("position", "aandeelhouder")), records=(("declarations:D1", "x"),))
    reworded = Link("declaration", "aandeelhouder (financial interest, approved)",
                    code="declaration", params=a.params, records=a.records)
    other = Link("declaration", a.label, code="declaration", params=a.params,
                 records=(("declarations:D2", "x"),))
    assert link_id("employee:E1", "organization:O1", a) == \
        link_id("organization:O1", "employee:E1", reworded)
    assert link_id("employee:E1", "organization:O1", a) != \
        link_id("employee:E1", "organization:O1", other)
