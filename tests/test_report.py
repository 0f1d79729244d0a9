"""Reports: small-group suppression, no person in the board's report, escaping, languages."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from test_workspace import fake_result, make_finding

import ingest
from coi_graph.cli import main
from coi_graph.errors import InputError
from coi_graph.policy import Policy
from coi_graph.outputs.report import build_context, render_report, suppress
from coi_graph.scan import scan
from coi_graph.outputs.workspace import open_workspace, record_scan

# -- suppression ---------------------------------------------------------------------------------


def texts(counts: dict[str, int], k: int = 5) -> tuple[dict[str, str], str]:
    cells, total = suppress(counts, k)
    return {key: c.text for key, c in cells.items()}, total.text


def test_small_counts_are_hidden_and_zero_is_shown() -> None:
    assert texts({"a": 0, "b": 4, "c": 5, "d": 1}) == (
        {"a": "0", "b": "< 5", "c": "5", "d": "< 5"}, "10")


def test_one_hidden_cell_is_not_left_derivable_from_the_total() -> None:
    cells, total = texts({"a": 3, "b": 40, "c": 12, "d": 0})
    assert cells == {"a": "< 5", "b": "40", "c": "\u2265 5", "d": "0"} and total == "55"
    # a small total is hidden too
    assert texts({"a": 3, "b": 0}) == ({"a": "< 5", "b": "0"}, "< 5")


def test_min_group_size_comes_from_the_policy(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    findings = [make_finding(f"E{i}", decision=f"D{i}") for i in range(3)]
    res = fake_result(tmp_path / "r", findings)
    res.run["policy"]["reports"]["min_group_size"] = 2
    (tmp_path / "r" / "run.json").write_text(json.dumps(res.run))
    with pytest.raises(InputError, match="no workspace there"):
        build_context(tmp_path / "r", "rvc", workspace=tmp_path / "none.sqlite")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COI_WORKSPACE", raising=False)
    ctx = build_context(tmp_path / "r", "rvc")
    assert ctx["rule_total"].text == "3"
    assert ctx["meta"]["recorded"] is False


# -- the demo: no person in the RvC report ---------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from coi_graph.demo import generate

    root = tmp_path_factory.mktemp("demo")
    res = generate(root, size="small", seed=7)
    ws_path = root / "ws.sqlite"
    result = scan(res.data_dir, root / "run", Policy.default())
    record_scan(result, root / "run", ws_path)
    with open_workspace(ws_path) as ws:
        cases = ws.cases()
        # decisions whose notes name people: those must stay out of the board's report
        first = cases[0]
        ws.triage(first["finding_id"], "explained",
                  "Jan Auditor", f"{first['subject_name']} declared this in 2022")
        ws.triage(cases[1]["finding_id"], "dismissed", "Jan Auditor", "not the same person")
        ws.accept(employee_id=cases[2]["subject_id"], justification="approved side function",
                  owner="Director", valid_until="2099-12-31")
    files = {lang: render_report(root / "run", "rvc", lang, root / "out", ws_path)
             for lang in ("nl", "en")}
    audit = render_report(root / "run", "audit", "nl", root / "out", ws_path)
    return {"root": root, "data": res.data_dir, "ws": ws_path, "rvc": files, "audit": audit,
            "findings": result.findings}


def person_values(data_dir: Path) -> set[str]:
    """Every name, id, IBAN, address, e-mail and phone of a person in the input tables."""
    ds = ingest.read_dataset(data_dir)
    out: set[str] = set()

    def add(v: Any) -> None:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return
        s = str(v).strip()
        if len(s) >= 3:
            out.add(s)

    def person(frame: pd.DataFrame, prefix: str = "") -> None:
        for r in frame.to_dict("records"):
            # (a city alone is no address: "Leiden" is also a Dutch verb in the report's text)
            for col in ("name", "iban", "email", "phone", "street", "postcode"):
                add(r.get(prefix + col))
            street, number = r.get(prefix + "street"), r.get(prefix + "house_number")
            if isinstance(street, str) and isinstance(number, str):
                add(f"{street} {number}")
            iban = r.get(prefix + "iban")
            if isinstance(iban, str):
                add(" ".join(iban[i:i + 4] for i in range(0, len(iban), 4)))
            pc = r.get(prefix + "postcode")
            if isinstance(pc, str) and len(pc) == 6:
                add(f"{pc[:4]} {pc[4:]}")
            phone = r.get(prefix + "phone")
            if isinstance(phone, str) and phone.startswith("+31"):
                add("0" + phone[3:])

    emp, rel = ds.frame("employees"), ds.frame("relatives")
    person(emp)
    person(rel)
    person(ds.frame("allocations"), "applicant_")
    for col, frame in (("employee_id", emp), ("relative_id", rel)):
        for v in frame[col]:
            add(v)
    for v in ds.frame("officers")["name"]:
        add(v)
    return out


def visible_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = re.sub(r"\\(.)", r"\1", text)   # Markdown escapes
    return html.unescape(text).lower()


def test_rvc_report_of_the_demo_names_no_person(demo: dict[str, Any]) -> None:
    values = person_values(demo["data"])
    assert len(values) > 200          # the check is against every value, not a sample
    ids = {f.finding_id for f in demo["findings"]}
    for files in demo["rvc"].values():
        for path in (files.html, files.markdown):
            text = visible_text(path)
            leaked = sorted(v for v in values if v.lower() in text and re.search(
                r"(?<![0-9a-z])" + re.escape(v.lower()) + r"(?![0-9a-z])", text))
            assert leaked == [], f"{path.name} shows {leaked[:10]}"
            assert not [i for i in ids if i.lower() in text], path.name
            assert "jan auditor" not in text and "declared this in 2022" not in text
    # the audit report does name them (the check above is not vacuous)
    audit = visible_text(demo["audit"].html)
    assert any(v.lower() in audit for v in values)
    assert all(i.lower() in audit for i in ids)


def test_rvc_report_content(demo: dict[str, Any]) -> None:
    text = visible_text(demo["rvc"]["nl"].html)
    assert "een bevinding is een signaal, geen bewijs" in text
    assert "< 5" in text
    en = visible_text(demo["rvc"]["en"].html)
    assert "a finding is a signal, not proof of wrongdoing" in en
    raw = demo["rvc"]["nl"].html.read_text(encoding="utf-8")
    assert "<script" not in raw and "http" not in raw.replace(
        "http://www.w3.org/2000/svg", "").replace('http-equiv="Content-Security-Policy"', "")
    assert "@page" in raw and "A4" in raw
    ctx = build_context(demo["root"] / "run", "rvc", "nl", demo["ws"])
    status = {s["code"]: s["cell"].text for s in ctx["by_status"]}
    assert status["accepted"] in ("< 5", "\u2265 5") and 0 < ctx["declarations"]["staff"].value <= 42
    # departments smaller than the group size are merged, never shown by name
    stats = None
    with open_workspace(demo["ws"]) as ws:
        stats = ws.declaration_stats(ws.latest_run()["run_id"])
    small = [d for d, s in stats["departments"].items() if s["staff"] < 5 and d]
    shown = {d["name"] for d in ctx["departments"]}
    assert not set(small) & shown


def test_report_command_writes_html_and_markdown(demo: dict[str, Any], tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["report", str(demo["root"] / "run"), "--audience", "audit",
                                    "--lang", "en", "--out", str(tmp_path),
                                    "--workspace", str(demo["ws"])])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "audit-report-en.html").is_file()
    md = (tmp_path / "audit-report-en.md").read_text(encoding="utf-8")
    assert "Explained" in md and "Accepted situation" in md


def test_audit_report_writes_row_counts_as_its_language_does(demo: dict[str, Any],
                                                             tmp_path: Path) -> None:
    """The Inputs table: `5.431` rows in Dutch, `5,431` in English (it wrote `5431` in both,
    beside amounts and counts that are written the language's way)."""
    run = json.loads((demo["root"] / "run" / "run.json").read_text(encoding="utf-8"))
    n = max(info["rows_read"] for info in run["inputs"].values())
    assert n >= 1000, n
    for lang, shown in (("nl", f"{n:,}".replace(",", ".")), ("en", f"{n:,}")):
        res = CliRunner().invoke(main, ["report", str(demo["root"] / "run"), "--audience",
                                        "audit", "--lang", lang, "--out", str(tmp_path / lang),
                                        "--workspace", str(demo["ws"])])
        assert res.exit_code == 0, res.output
        for suffix in ("md", "html"):
            text = (tmp_path / lang / f"audit-report-{lang}.{suffix}").read_text("utf-8")
            assert re.search(rf"[|>] ?{re.escape(shown)} ?[|<]", text), (lang, suffix, shown)
            assert not re.search(rf"[|>] ?{n} ?[|<]", text), (lang, suffix)


# -- escaping ---------------------------------------------------------------------------------


def test_data_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    f = make_finding()
    f.subject_name = "<script>alert(1)</script> | **bold** [x](javascript:alert(1))"
    f.path.nodes[0]["label"] = f.subject_name
    f.subject_department = "<img src=x onerror=alert(1)>"
    fake_result(tmp_path / "r", [f])
    record_scan(fake_result(tmp_path / "r", [f]), tmp_path / "r", tmp_path / "ws.sqlite")
    with open_workspace(tmp_path / "ws.sqlite") as ws:
        ws.triage(f.finding_id, "explained", "<b>me</b>", "note with <iframe> and | pipes")
    files = render_report(tmp_path / "r", "audit", "en", tmp_path / "out", tmp_path / "ws.sqlite")
    page = files.html.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<iframe>" not in page
    assert "&lt;script&gt;" in page
    md = files.markdown.read_text(encoding="utf-8")
    assert "<script>" not in md and "<iframe>" not in md and "](javascript" not in md
    assert "\\| \\*\\*bold\\*\\*" in md
    rvc = render_report(tmp_path / "r", "rvc", "en", tmp_path / "out", tmp_path / "ws.sqlite")
    assert "<img src=x" not in rvc.html.read_text(encoding="utf-8")


# -- a real browser --------------------------------------------------------------------------------


@pytest.mark.browser
def test_rvc_report_prints_to_pdf(demo: dict[str, Any], tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("no chromium")
    pdf = tmp_path / "rvc.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    demo["rvc"]["nl"].html.resolve().as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert pdf.is_file() and pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "signaal" in text
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) <= 3


def test_key_figures_follow_the_tables_suppression(tmp_path: Path) -> None:
    """16 open and 1 explained of 17: the status table hides both ("≥ 5", "< 5"), so the key
    figure "open or in review" must not print 16 either."""
    findings = [make_finding(f"E{i}", decision=f"D{i}") for i in range(17)]
    record_scan(fake_result(tmp_path / "r", findings), tmp_path / "r", tmp_path / "ws.sqlite")
    with open_workspace(tmp_path / "ws.sqlite") as ws:
        ws.triage(findings[0].finding_id, "explained", "me", "known")
    ctx = build_context(tmp_path / "r", "rvc", "en", tmp_path / "ws.sqlite")
    status = {s["code"]: s["cell"].text for s in ctx["by_status"]}
    assert (status["open"], status["explained"]) == ("\u2265 5", "< 5")
    kpis = {label: cell.text for label, cell in ctx["kpis"]}
    assert kpis["Still open or in review"] == "\u2265 5"
    assert "16" not in [c.text for _, c in ctx["kpis"]]


def test_trend_shows_one_bar_per_period_the_latest_scan(tmp_path: Path) -> None:
    """Two scans of one period (a rescan after a correction) are one bar, the later one,
    and the report says a scan was left out; another period is a bar of its own."""
    ws = tmp_path / "ws.sqlite"
    first = [make_finding(f"E{i}", decision=f"D{i}") for i in range(6)]
    record_scan(fake_result(tmp_path / "q2", first, "2024-06-30"), tmp_path / "q2", ws)
    again = [make_finding(f"E{i}", decision=f"D{i}") for i in range(9)]
    record_scan(fake_result(tmp_path / "q2b", again, "2024-06-30", tag="b"), tmp_path / "q2b",
                ws)
    later = [make_finding(f"E{i}", decision=f"D{i}") for i in range(7)]
    record_scan(fake_result(tmp_path / "q3", later, "2024-09-30", tag="c"), tmp_path / "q3", ws)
    ctx = build_context(tmp_path / "q3", "rvc", "en", ws)
    bars = [(b["label"], b["value"]) for b in ctx["trend"]["bars"]]
    assert bars == [("2024-06-30", "9"), ("2024-09-30", "7")]
    assert "1 earlier scan(s) of the same reference date" in ctx["trend_note"]
    files = render_report(tmp_path / "q3", "rvc", "nl", tmp_path / "out", ws)
    text = files.html.read_text(encoding="utf-8")
    assert text.count(">30 jun 2024<") == 1 and "dezelfde peildatum" in text  # the bar, in Dutch
    assert "dezelfde peildatum" in files.markdown.read_text(encoding="utf-8")


def test_percentages_only_for_groups_that_hide_a_person() -> None:
    from coi_graph.outputs.report import _departments, band_pct

    # one person in a team of 6 is 17 points: no percentage; from 10 on, in tens
    assert band_pct(5, 6, 5) is None and band_pct(6, 6, 5) is None
    assert band_pct(9, 12, 5) == 80 and band_pct(10, 12, 5) == 80 and band_pct(3, 40, 5) == 10
    stats = {"departments": {
        "Wonen": {"staff": 6, "staff_with_declaration": 5},
        "Vastgoed": {"staff": 12, "staff_with_declaration": 9},
        "Klein": {"staff": 2, "staff_with_declaration": 1}}}
    from coi_graph.outputs.report import TEXT

    rows = {r["name"]: r for r in _departments([], stats, 5, TEXT["en"])}
    assert rows["Wonen"]["coverage_pct"] is None
    assert rows["Vastgoed"]["coverage_pct"] == 80
    assert all(r["coverage_pct"] is None or r["coverage_pct"] % 10 == 0 for r in rows.values())


def test_every_html_report_has_a_strict_csp(demo: dict[str, Any]) -> None:
    for files in (demo["rvc"]["nl"], demo["rvc"]["en"], demo["audit"]):
        head = files.html.read_text(encoding="utf-8").split("</head>")[0]
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
        assert csp, files.html
        policy = csp.group(1)
        assert "default-src 'none'" in policy and "script-src 'none'" in policy
        assert "http" not in policy


def test_a_board_group_of_one_cannot_be_configured(tmp_path: Path) -> None:
    """``reports.min_group_size: 1`` turned off every protection of the board report (a
    department of one person showed its count); the policy refuses it, naming the line."""
    from coi_graph.policy import PolicyError, default_policy_text, load_policy

    text = default_policy_text().replace("  min_group_size: 5", "  min_group_size: 1")
    assert "min_group_size: 1" in text
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match="min_group_size' must be between 2 and 1000"):
        load_policy(path)
    path.write_text(text.replace("min_group_size: 1", "min_group_size: 2"), encoding="utf-8")
    assert load_policy(path).reports.min_group_size == 2
