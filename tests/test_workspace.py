"""The workspace: recording scans, case triage, reopening on changed evidence, acceptances,
append-only history and schema migration."""

from __future__ import annotations

import dataclasses

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from corp import make_corp

from coi_graph.cli import main
from coi_graph.errors import InputError, WorkspaceError
from coi_graph.findings import EvidencePath, Finding, Step
from coi_graph.policy import Policy
from coi_graph.scan import ScanResult, scan
from coi_graph.outputs.workspace import (
    SCHEMA_VERSION,
    SYSTEM_USER,
    open_workspace,
    record_run_folder,
    record_scan,
)
from ingest.model import Dataset

DECL = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
        "kind": "financial_interest", "position": "aandeelhouder", "share_pct": "30",
        "valid_from": "01-01-2020", "status": "pending"}


# -- hand-made findings (fast; no scan needed) -------------------------------------------------


def make_finding(subject: str = "E1", org: str = "O1", decision: str = "D1",
                 rule: str = "self_interest", evidence: tuple[str, ...] = ("declarations:2",),
                 ehash: str = "h1", declared: bool = True) -> Finding:
    from coi_graph.findings import finding_id

    nodes = [{"key": f"employee:{subject}", "label": f"Person {subject}"},
             {"key": f"organization:{org}", "label": f"Org {org}"},
             {"key": f"decision:{decision}", "label": decision}]
    steps = [Step(nodes[0]["key"], nodes[1]["key"], "declaration", "aandeelhouder",
                  declared=declared, evidence=list(evidence)),
             Step(nodes[1]["key"], nodes[2]["key"], "decision", "contract", declared=True,
                  evidence=["contracts:2"])]
    return Finding(finding_id(rule, decision, "", subject, f"organization:{org}"), rule, "high",
                   80, decision, "", subject, f"organization:{org}", EvidencePath(nodes, steps),
                   subject_name=f"Person {subject}", subject_department="Inkoop",
                   evidence_hash=ehash)


def fake_result(run_dir: Path, findings: list[Finding], as_of: str = "2024-06-30",
                tag: str = "") -> ScanResult:
    """A ScanResult as the scan would hand it over, with run.json written."""
    run = {"version": "0.1.0", "as_of": as_of, "inputs": {"employees": {"sha256": "x" + tag}},
           "policy": Policy.default().to_dict(), "policy_fingerprint": "fp", "tag": tag,
           "counts": {"findings": len(findings)}}
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "run.json").write_text(json.dumps(run), encoding="utf-8")
    (run_dir / "findings.json").write_text(json.dumps([f.to_json() for f in findings]),
                                           encoding="utf-8")
    return ScanResult(run_dir, findings, Dataset(run_dir, {}), None, Policy.default(), run)


# -- recording and reopening -------------------------------------------------------------------


def test_reopen_on_changed_evidence_says_what_changed(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    r1 = scan(make_corp(tmp_path / "d1", declarations=[DECL]), tmp_path / "r1")
    s1 = record_scan(r1, tmp_path / "r1", ws_path)
    assert (s1["new"], s1["reopened"]) == (1, 0)
    with open_workspace(ws_path) as ws:
        (case,) = ws.cases()
        fid = case["finding_id"]
        assert case["status"] == "open" and case["events"] == 0
        ws.triage(fid, "dismissed", "A. Auditor", "declared, handled by a colleague")

    # the same data again: the case stays closed
    r2 = scan(make_corp(tmp_path / "d2", declarations=[DECL]), tmp_path / "r2")
    s2 = record_scan(r2, tmp_path / "r2", ws_path)
    assert (s2["new"], s2["reopened"], s2["still_closed"]) == (0, 0, 1)
    with open_workspace(ws_path) as ws:
        assert ws.cases()[0]["status"] == "dismissed"

    # the declaration is approved: same finding id, other evidence -> reopened automatically
    approved = dict(DECL, status="approved", decided_by="E2", decided_on="2024-01-02")
    r3 = scan(make_corp(tmp_path / "d3", declarations=[approved]), tmp_path / "r3")
    assert r3.findings[0].finding_id == fid
    s3 = record_scan(r3, tmp_path / "r3", ws_path)
    assert (s3["reopened"], s3["still_closed"]) == (1, 0)
    with open_workspace(ws_path) as ws:
        (case,) = ws.cases()
        assert case["status"] == "open"
        assert "status pending -> approved" in case["reopened_because"]
        assert case["reopened_because"].startswith("evidence changed since dismissed on ")
        events = ws.events(fid)
        assert [(e["status"], e["by"]) for e in events] == [("dismissed", "A. Auditor"),
                                                           ("open", SYSTEM_USER)]
        # the decision is still there, never overwritten
        assert events[0]["note"] == "declared, handled by a colleague"
        assert ws.integrity_problems() == []


def test_recording_the_same_run_twice_is_a_no_op(tmp_path: Path) -> None:
    res = fake_result(tmp_path / "r1", [make_finding()])
    a = record_scan(res, tmp_path / "r1", tmp_path / "ws.sqlite")
    b = record_scan(res, tmp_path / "r1", tmp_path / "ws.sqlite")
    assert b["already_recorded"] and b["run_id"] == a["run_id"]
    with open_workspace(tmp_path / "ws.sqlite") as ws:
        assert len(ws.runs()) == 1


def test_confirmed_case_is_not_reopened_but_flagged(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding(ehash="h1")], tag="1"),
                tmp_path / "r1", ws_path)
    fid = make_finding().finding_id
    with open_workspace(ws_path) as ws:
        ws.triage(fid, "confirmed", "auditor", "conflict confirmed, reported to the director")
    record_scan(fake_result(tmp_path / "r2", [make_finding(ehash="h2")], tag="2"),
                tmp_path / "r2", ws_path)
    with open_workspace(ws_path) as ws:
        (case,) = ws.cases()
        assert case["status"] == "confirmed"
        assert case["evidence_changed_since_decision"] is True


def test_triage_errors_and_closing_needs_a_note(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    ws_path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding()]), tmp_path / "r1", ws_path)
    with open_workspace(ws_path) as ws:
        with pytest.raises(InputError, match="not in any recorded run"):
            ws.triage("F-0000000000000000", "explained", "me", "x")
        with pytest.raises(InputError, match="--note"):
            ws.triage(make_finding().finding_id, "dismissed", "me", "")
        # all or nothing: one unknown id and nothing is written
        with pytest.raises(InputError):
            ws.triage([make_finding().finding_id, "F-unknown"], "in_review", "me")
        assert ws.events() == []
    runner = CliRunner()
    res = runner.invoke(main, ["triage", "F-nope", "--status", "open", "--by", "me",
                               "--workspace", str(ws_path)])
    assert res.exit_code == 2 and "not in any recorded run" in res.output
    res = runner.invoke(main, ["triage", "F-nope", "--status", "open", "--by", "me",
                               "--workspace", str(tmp_path / "missing.sqlite")])
    assert res.exit_code == 2 and "no workspace there" in res.output
    assert not (tmp_path / "missing.sqlite").exists()


def test_case_events_are_append_only(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding()]), tmp_path / "r1", ws_path)
    with open_workspace(ws_path) as ws:
        ws.triage(make_finding().finding_id, "in_review", "me")
        ws.accept(rule="self_interest", justification="x", owner="y", valid_until="2099-01-01")
        for sql in ("UPDATE case_events SET status = 'dismissed'", "DELETE FROM case_events",
                    "DELETE FROM acceptances", "UPDATE acceptances SET owner = 'x'"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                ws.conn.execute(sql)
        assert len(ws.events()) == 1


# -- acceptances --------------------------------------------------------------------------------


def test_acceptance_shows_accepted_and_expires_with_the_data_date(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    f1, f2 = make_finding("E1", "O1", "D1"), make_finding("E2", "O1", "D2")
    record_scan(fake_result(tmp_path / "r1", [f1, f2], as_of="2024-06-30", tag="1"),
                tmp_path / "r1", ws_path)
    with open_workspace(ws_path) as ws:
        ws.triage(f1.finding_id, "in_review", "auditor")
        with pytest.raises(InputError, match="scope"):
            ws.accept(justification="x", owner="y", valid_until="2024-12-31",
                      today=dt.date(2024, 7, 1))
        with pytest.raises(InputError, match="in the past"):
            ws.accept(employee_id="E1", justification="x", owner="y",
                      valid_until="2024-06-30", today=dt.date(2024, 7, 1))
        a = ws.accept(employee_id="E1", org_id="O1", rule="self_interest",
                      justification="Board seat approved; E1 takes no O1 decisions",
                      owner="Director", valid_until="2024-12-31", today=dt.date(2024, 7, 1))
        states = {c["subject_id"]: c for c in ws.cases()}
        assert states["E1"]["status"] == "accepted"
        assert states["E1"]["case_status"] == "in_review"        # history kept
        assert states["E1"]["acceptance_id"] == a.acceptance_id
        assert states["E2"]["status"] == "open"                  # out of scope
        assert [c["subject_id"] for c in ws.cases(statuses=["accepted"])] == ["E1"]

    # a scan of data up to 2024-12-31 is still covered; one past it is not
    s = record_scan(fake_result(tmp_path / "r2", [f1, f2], as_of="2024-12-31", tag="2"),
                    tmp_path / "r2", ws_path)
    assert s["accepted"] == 1
    s = record_scan(fake_result(tmp_path / "r3", [f1, f2], as_of="2025-01-01", tag="3"),
                    tmp_path / "r3", ws_path)
    assert s["accepted"] == 0
    with open_workspace(ws_path) as ws:
        states = {c["subject_id"]: c for c in ws.cases()}
        assert states["E1"]["status"] == "in_review"             # back with its own status
        assert ws.case_states(2)[f1.finding_id]["status"] == "accepted"  # run 2 unchanged


def test_revoked_acceptance_no_longer_counts(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding()]), tmp_path / "r1", ws_path)
    with open_workspace(ws_path) as ws:
        a = ws.accept(org_id="O1", justification="framework contract, four-eyes approval",
                      owner="CFO", valid_until="2099-12-31")
        assert ws.cases()[0]["status"] == "accepted"
        ws.revoke(a.acceptance_id, "CFO", "contract ended")
        assert ws.cases()[0]["status"] == "open"
        with pytest.raises(InputError, match="already revoked"):
            ws.revoke(a.acceptance_id, "CFO")
        (acc,) = ws.acceptances()
        assert acc.revoked_by == "CFO" and acc.justification.startswith("framework")


def test_accept_and_cases_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    ws_path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding("E1"), make_finding("E2")]),
                tmp_path / "r1", ws_path)
    runner = CliRunner()
    ws = ["--workspace", str(ws_path)]
    res = runner.invoke(main, ["accept", "--employee", "E1", "--justification", "ok", "--owner",
                               "CFO", "--until", "2099-01-01", *ws])
    assert res.exit_code == 0, res.output
    assert "covers 1 finding" in res.output
    res = runner.invoke(main, ["accept", "--list", "--employee", "E1", *ws])
    assert res.exit_code == 2                                   # conflicting options
    res = runner.invoke(main, ["accept", "--list", "--json", *ws])
    assert json.loads(res.output)[0]["state"] == "in force"
    res = runner.invoke(main, ["cases", "--json", *ws])
    rows = json.loads(res.output)
    assert {r["subject_id"]: r["status"] for r in rows} == {"E1": "accepted", "E2": "open"}
    res = runner.invoke(main, ["cases", "--csv", "--status", "open", *ws])
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("finding_id,") and len(lines) == 2
    res = runner.invoke(main, ["cases", "--csv", "--json", *ws])
    assert res.exit_code == 2
    res = runner.invoke(main, ["triage", make_finding("E2").finding_id, "--status", "explained",
                               "--note", "known", "--by", "me", *ws])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["cases", make_finding("E2").finding_id, *ws])
    assert "explained" in res.output and "known" in res.output


def test_the_cases_table_names_the_counterparty_the_exports_keep_its_key(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    named = dataclasses.replace(make_finding("E1"), counterparty_name="Bouwbedrijf X B.V.")
    record_scan(fake_result(tmp_path / "r1", [named, make_finding("E2", org="O2")]),
                tmp_path / "r1", ws_path)
    runner = CliRunner()
    table = runner.invoke(main, ["cases", "--workspace", str(ws_path), "--lang", "en"]).output
    assert "Bouwbedrijf X B.V." in table and "organization:O1" not in table, table
    assert "organization:O2" in table  # no name known: the key
    rows = json.loads(runner.invoke(main, ["cases", "--json", "--workspace", str(ws_path)]).output)
    assert {r["counterparty"] for r in rows} == {"organization:O1", "organization:O2"}


# -- schema ---------------------------------------------------------------------------------

#: Schema version 1 exactly as the first release wrote it (kept here by hand, not imported,
#: so that a later edit of the migrations cannot make this test pass by accident).
V1_SCHEMA = """
CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, run_dir TEXT NOT NULL,
    run_json_sha256 TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,
    tool_version TEXT NOT NULL, as_of TEXT, policy_fingerprint TEXT NOT NULL,
    policy_json TEXT NOT NULL, inputs_json TEXT NOT NULL, counts_json TEXT NOT NULL,
    n_findings INTEGER NOT NULL);
CREATE TABLE run_findings (
    run_id INTEGER NOT NULL REFERENCES runs(run_id), finding_id TEXT NOT NULL,
    rule TEXT NOT NULL, severity TEXT NOT NULL, score INTEGER NOT NULL,
    evidence_hash TEXT NOT NULL, subject_id TEXT NOT NULL,
    subject_department TEXT NOT NULL DEFAULT '', decision_id TEXT NOT NULL DEFAULT '',
    counterparty TEXT NOT NULL DEFAULT '', declared INTEGER NOT NULL,
    PRIMARY KEY (run_id, finding_id));
CREATE TABLE case_events (
    event_id INTEGER PRIMARY KEY AUTOINCREMENT, finding_id TEXT NOT NULL, at TEXT NOT NULL,
    by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open','in_review','explained','confirmed','dismissed')),
    note TEXT NOT NULL DEFAULT '', evidence_hash TEXT);
CREATE INDEX case_events_finding ON case_events(finding_id, event_id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case events are append-only: add a new event instead'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case events are append-only: add a new event instead'); END;
PRAGMA user_version = 1;
"""

def v1_workspace(path: Path, finding_id: str) -> None:
    """A workspace as version 1 wrote it: one run with one finding, closed as explained."""
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA)
    con.execute("INSERT INTO runs VALUES (1, '/old/run', 'sha-old', '2024-01-10T09:00:00+01:00', "
                "'auditor', '0.0.9', '2023-12-31', 'fp', '{}', '{}', '{}', 1)")
    con.execute("INSERT INTO run_findings VALUES (1, ?, 'self_interest', 'high', 80, 'h1', 'E1', "
                "'Inkoop', 'D1', 'organization:O1', 1)", (finding_id,))
    con.execute("INSERT INTO case_events (finding_id, at, by, status, note, evidence_hash) "
                "VALUES (?, '2024-01-20T10:00:00+01:00', 'auditor', 'explained', 'known', 'h1')",
                (finding_id,))
    con.commit()
    con.close()



def test_old_schema_is_migrated_in_place(tmp_path: Path) -> None:
    ws_path = tmp_path / "old.sqlite"
    f = make_finding(ehash="h1")
    v1_workspace(ws_path, f.finding_id)

    with open_workspace(ws_path) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        assert ws.integrity_problems() == []
        (run,) = ws.runs()
        assert run["tool_version"] == "0.0.9" and run["data_dir"] == ""
        (case,) = ws.cases()
        assert case["status"] == "explained" and case["path"] == ""
        with pytest.raises(sqlite3.DatabaseError):
            ws.conn.execute("DELETE FROM case_events")
    # the migrated workspace works as a new one: a changed finding reopens the old decision
    s = record_scan(fake_result(tmp_path / "r2", [make_finding(ehash="h2")]), tmp_path / "r2",
                    ws_path)
    assert s["reopened"] == 1
    with open_workspace(ws_path) as ws:
        assert ws.cases()[0]["status"] == "open"
        assert ws.acceptances() == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    ws_path = tmp_path / "new.sqlite"
    con = sqlite3.connect(ws_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(WorkspaceError, match="newer coi-graph"):
        open_workspace(ws_path)


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "notes.sqlite"
    p.write_text("just some text, not a database " * 100)
    with pytest.raises(WorkspaceError, match="cannot open the workspace"):
        open_workspace(p)


def test_declaration_figures_are_recorded(tmp_path: Path) -> None:
    decls = [DECL,
             dict(DECL, declaration_id="DC2", employee_id="E3", kind="side_function",
                  org_id="O2", status="rejected"),
             dict(DECL, declaration_id="DC3", employee_id="E2", kind="own_business",
                  org_id="O2", status="approved", valid_until="2020-06-30"),
             # a second request of one employee counts as a request of its own
             dict(DECL, declaration_id="DC4", org_id="O2", kind="side_function")]
    res = scan(make_corp(tmp_path / "d", declarations=decls), tmp_path / "r")
    record_scan(res, tmp_path / "r", tmp_path / "ws.sqlite")
    with open_workspace(tmp_path / "ws.sqlite") as ws:
        stats = ws.declaration_stats(ws.latest_run()["run_id"])
    assert stats["all"] == {"staff": 3, "staff_with_declaration": 2, "pending_requests": 2,
                            "side_functions_active": 2, "side_functions_unapproved": 2}
    assert stats["departments"]["Inkoop"] == {
        "staff": 2, "staff_with_declaration": 1, "pending_requests": 2,
        "side_functions_active": 1, "side_functions_unapproved": 1}
    assert stats["departments"]["Verhuur"] == {
        "staff": 1, "staff_with_declaration": 1, "pending_requests": 0,
        "side_functions_active": 1, "side_functions_unapproved": 1}


def test_findings_no_longer_found_are_listed_with_all(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    ws_path = tmp_path / "ws.sqlite"
    f1, f2 = make_finding("E1", decision="D1"), make_finding("E2", decision="D2")
    record_scan(fake_result(tmp_path / "r1", [f1, f2], tag="1"), tmp_path / "r1", ws_path)
    s = record_scan(fake_result(tmp_path / "r2", [f1], tag="2"), tmp_path / "r2", ws_path)
    assert (s["new"], s["resolved"]) == (0, 1)
    with open_workspace(ws_path) as ws:
        assert [c["subject_id"] for c in ws.cases()] == ["E1"]
        gone = {c["subject_id"]: c for c in ws.cases(include_gone=True)}
        assert gone["E2"]["in_latest_run"] is False and gone["E2"]["last_seen_run"] == 1
    res = CliRunner().invoke(main, ["cases", "--all", "--workspace", str(ws_path)])
    assert "no longer found (last seen in run 1)" in res.output


def test_record_run_folder_without_dataset(tmp_path: Path) -> None:
    fake_result(tmp_path / "r1", [make_finding()])
    s = record_run_folder(tmp_path / "r1", tmp_path / "ws.sqlite")
    assert s["findings"] == 1
    with open_workspace(tmp_path / "ws.sqlite") as ws:
        assert ws.find_run(tmp_path / "r1")["run_id"] == s["run_id"]


def test_cases_as_an_excel_workbook_in_either_language(tmp_path: Path) -> None:
    """`coi cases --xlsx` writes the case list as a workbook Dutch Excel opens as it is:
    headings, status, severity and the rule's title in the chosen language, the score a
    number (a text that starts with `=` staying text: see coi_graph.outputs.spreadsheet)."""
    import openpyxl
    from test_rules import DECL

    data = make_corp(tmp_path / "data", declarations=[DECL])
    ws = ["--workspace", str(tmp_path / "ws.sqlite")]
    runner = CliRunner()
    res = runner.invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q", *ws])
    assert res.exit_code == 0, res.output
    heading_of = {"subject_name": {"nl": "naam", "en": "name"},
                  "severity": {"nl": "ernst", "en": "sev"}}
    for lang, heading, title in (("nl", "bevinding", "Eigen belang bij de wederpartij"),
                                 ("en", "finding", "Own interest in the counterparty")):
        book = tmp_path / f"cases-{lang}.xlsx"
        res = runner.invoke(main, ["cases", "--xlsx", str(book), "--lang", lang, *ws])
        assert res.exit_code == 0, res.output
        sheet = openpyxl.load_workbook(book).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == heading and sheet.freeze_panes == "A2"
        at = [i for i, r in enumerate(rows) if title in r]
        assert len(at) == 1, rows
        row = dict(zip(rows[0], rows[at[0]]))
        assert isinstance(row["score"], int), row
        assert row[heading_of["subject_name"][lang]] == "Jan de Vries"
        assert row[heading_of["severity"][lang]] == {"nl": "hoog", "en": "high"}[lang]


def test_case_exports_say_the_path_in_the_language_asked(tmp_path: Path) -> None:
    """`coi cases --csv/--json` and one case as JSON: the path, a sentence for people, in
    --lang like the rest (it was the English the workspace keeps, in a Dutch export); codes
    stay codes."""
    f = make_finding()
    nodes = [{"key": "employee:E1", "label": "Jan"}, {"key": "relative:R1", "label": "Tom"},
             {"key": "organization:O1", "label": "Bouw BV"}, {"key": "decision:D1", "label": "D1"}]
    steps = [Step("employee:E1", "relative:R1", "family", "child"),
             Step("relative:R1", "organization:O1", "declaration", "aandeelhouder"),
             Step("organization:O1", "decision:D1", "decision", "purchase_order 2024-03-01")]
    f = dataclasses.replace(f, path=EvidencePath(nodes, steps))
    ws = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r", [f]), tmp_path / "r", ws)
    base = ["cases", "--workspace", str(ws)]
    for lang, path in (("nl", "Jan -[kind]- Tom -[aandeelhouder]- Bouw BV -[inkooporder "
                               "2024-03-01]- D1"),
                       ("en", "Jan -[child]- Tom -[aandeelhouder]- Bouw BV -[purchase order "
                              "2024-03-01]- D1")):
        rows = json.loads(CliRunner().invoke(main, [*base, "--json", "--lang", lang]).output)
        assert [r["path"] for r in rows] == [path] and rows[0]["status"] == "open"
        csv_out = CliRunner().invoke(main, [*base, "--csv", "--lang", lang]).output
        assert f'"{path}"' in csv_out
        one = json.loads(CliRunner().invoke(main, [*base, f.finding_id, "--json",
                                                   "--lang", lang]).output)
        assert one["case"]["path"] == path
