"""The tamper-evident audit trail: ``coi verify`` names every edit made behind the tool's back.

Each test tampers as an insider with the sqlite3 command line would: raw SQL on the workspace
file, after dropping the append-only triggers where they stand in the way, or with ``INSERT OR
REPLACE`` (which the delete trigger does not see).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_workspace import fake_result, make_finding, v1_workspace

from coi_graph.cli import main
from coi_graph.errors import InputError
from coi_graph.outputs.workspace import open_workspace, record_scan


def decided_workspace(tmp_path: Path) -> Path:
    """A workspace with one run of two findings (``make_finding("E1")`` and
    ``make_finding("E2", decision="D2")``), three case events and an acceptance, recorded
    with whatever audit key ``$COI_AUDIT_KEY_FILE`` names."""
    path = tmp_path / "ws.sqlite"
    f1, f2 = make_finding("E1"), make_finding("E2", decision="D2")
    record_scan(fake_result(tmp_path / "r1", [f1, f2]), tmp_path / "r1", path)
    with open_workspace(path) as ws:
        ws.triage(f1.finding_id, "in_review", "A. Jansen")
        ws.triage(f1.finding_id, "confirmed", "A. Jansen", "Bought from his own company")
        ws.triage(f2.finding_id, "dismissed", "B. de Vries", "Different person")
        ws.accept(employee_id="E2", justification="board seat, no decisions", owner="CFO",
                  valid_until="2024-12-31")
    return path


@pytest.fixture()
def ws_path(tmp_path: Path) -> Path:
    path = decided_workspace(tmp_path)
    with open_workspace(path) as ws:
        assert ws.verify().ok
    return path


def tamper(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def problems(path: Path) -> list[str]:
    with open_workspace(path) as ws:
        return ws.verify().problems


def test_intact_workspace_verifies_and_cli_exits_0(ws_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    res = CliRunner().invoke(main, ["verify", "--workspace", str(ws_path)])
    assert res.exit_code == 0, res.output
    assert "intact" in res.output
    with open_workspace(ws_path) as ws:
        v = ws.verify()
    assert v.entries == 5 and len(v.head) == 64           # 1 run, 3 events, 1 acceptance
    res = CliRunner().invoke(main, ["verify", "--workspace", str(ws_path), "--expect", v.head])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["verify", "--workspace", str(ws_path), "--expect", "ab" * 32])
    assert res.exit_code == 1 and "not in the chain" in res.output


def test_update_after_dropping_the_trigger(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    tamper(ws_path, "DROP TRIGGER case_events_no_update",
           "UPDATE case_events SET status = 'dismissed', note = 'nothing' WHERE event_id = 2")
    found = problems(ws_path)
    assert "case event 2 was changed, replaced or moved after it was recorded (audit entry 3 " \
           "does not match)" in found
    assert "the append-only trigger case_events_no_update was dropped" in found
    res = CliRunner().invoke(main, ["verify", "--workspace", str(ws_path)])
    assert res.exit_code == 1 and "case event 2 was changed" in res.output


def test_insert_or_replace_rewrites_are_found(ws_path: Path) -> None:
    # the delete trigger does not fire on REPLACE: the triggers alone let this through
    tamper(ws_path,
           "INSERT OR REPLACE INTO case_events (event_id, finding_id, at, by, status, note) "
           "SELECT event_id, finding_id, at, by, 'dismissed', 'ok' FROM case_events "
           "WHERE event_id = 2",
           "INSERT OR REPLACE INTO acceptances (acceptance_id, employee_id, justification, "
           "owner, valid_until, created_at, created_by) SELECT acceptance_id, employee_id, "
           "justification, owner, '2099-12-31', created_at, created_by FROM acceptances")
    found = problems(ws_path)
    assert any(p.startswith("case event 2 was changed") for p in found)
    assert any(p.startswith("acceptance 1 was changed") for p in found)
    assert len(found) == 2                                   # triggers intact, nothing else


def test_insert_or_replace_moving_an_event_to_another_finding(ws_path: Path) -> None:
    other = make_finding("E2", decision="D2").finding_id
    tamper(ws_path, "INSERT OR REPLACE INTO case_events (event_id, finding_id, at, by, status, "
                    f"note, evidence_hash, run_id) SELECT event_id, '{other}', at, by, status, "
                    "note, evidence_hash, run_id FROM case_events WHERE event_id = 2")
    assert [p for p in problems(ws_path) if p.startswith("case event 2 was changed")]


def test_delete_in_the_middle_and_at_the_end(ws_path: Path) -> None:
    tamper(ws_path, "DROP TRIGGER case_events_no_delete",
           "DELETE FROM case_events WHERE event_id = 1")
    assert "case event 1 was removed (audit entry 2)" in problems(ws_path)
    tamper(ws_path, "DROP TRIGGER audit_chain_no_delete",
           "DELETE FROM case_events WHERE event_id = 3",
           "DELETE FROM audit_chain WHERE seq = (SELECT MAX(seq) FROM audit_chain WHERE "
           "tbl = 'case_events')")
    found = problems(ws_path)
    assert "case event 3 was removed (the table once held it)" in found


def test_reorder_by_swapping_two_events(ws_path: Path) -> None:
    tamper(ws_path, "DROP TRIGGER case_events_no_delete",
           "CREATE TEMP TABLE t AS SELECT * FROM case_events WHERE event_id IN (2, 3)",
           "DELETE FROM case_events WHERE event_id IN (2, 3)",
           "INSERT INTO case_events SELECT 5 - event_id, finding_id, at, by, status, note, "
           "evidence_hash, run_id FROM t")
    found = problems(ws_path)
    assert any(p.startswith("case event 2 was changed") for p in found)
    assert any(p.startswith("case event 3 was changed") for p in found)


def test_inserted_event_is_found_and_never_sealed_later(ws_path: Path) -> None:
    fid = make_finding("E1").finding_id
    tamper(ws_path, "INSERT INTO case_events (finding_id, at, by, status, note) VALUES "
                    f"('{fid}', '2024-01-01T00:00:00+00:00', 'X', 'dismissed', 'backdated')")
    forged = "case event 4 was inserted outside coi-graph (it is not in the audit chain)"
    assert problems(ws_path) == [forged]
    # a later honest decision is sealed; the forged one stays reported
    with open_workspace(ws_path) as ws:
        ws.triage(fid, "in_review", "A. Jansen")
        assert ws.verify().problems == [forged]


def test_run_history_is_append_only_and_chained(ws_path: Path) -> None:
    with open_workspace(ws_path) as ws:
        for sql in ("UPDATE runs SET as_of = '2030-01-01'", "DELETE FROM run_findings",
                    "UPDATE run_findings SET severity = 'low'"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                ws.conn.execute(sql)
    tamper(ws_path, "DROP TRIGGER run_findings_no_update",
           "UPDATE run_findings SET severity = 'low' WHERE subject_id = 'E1'")
    assert any(p.startswith("run 1 was changed") for p in problems(ws_path))


def test_revocation_is_chained(ws_path: Path) -> None:
    with open_workspace(ws_path) as ws:
        ws.revoke(1, "CFO", "ended")
        assert ws.verify().ok
    tamper(ws_path, "INSERT OR REPLACE INTO acceptance_revocations VALUES (1, "
                    "'2024-01-01T00:00:00', 'someone else', '')")
    assert any(p.startswith("revocation of acceptance 1 was changed")
               for p in problems(ws_path))


def test_existing_workspace_gets_its_chain_once(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.sqlite"
    f = make_finding()
    v1_workspace(path, f.finding_id)
    with open_workspace(path) as ws:
        v = ws.verify()
        assert v.ok and v.entries == 2
    assert "audit chain computed once for the 2 existing" in capsys.readouterr().err
    with open_workspace(path):
        pass
    assert capsys.readouterr().err == ""                     # once, not on every open


def test_accept_until_is_judged_against_the_scan_date(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding()], as_of="2024-12-31"),
                tmp_path / "r1", path)
    res = CliRunner().invoke(main, ["accept", "--employee", "E1", "--justification", "ok",
                                    "--owner", "CFO", "--until", "2025-12-31",
                                    "--workspace", str(path)])
    assert res.exit_code == 0, res.output                    # whatever today's date is
    res = CliRunner().invoke(main, ["accept", "--list", "--json", "--workspace", str(path)])
    assert json.loads(res.output)[0]["state"] == "in force"  # for the data of 2024
    with open_workspace(path) as ws, pytest.raises(InputError, match="before 2024-12-31, the data"):
        ws.accept(employee_id="E1", justification="x", owner="y", valid_until="2024-06-30")


def test_match_judgements_are_chained(ws_path: Path) -> None:
    """A reviewer's person-match judgement is sealed like a case event: rewriting it (a reject
    turned into a confirm, with its row_hash recomputed) or slipping one in is reported."""
    from coi_graph.outputs.match_judgements import load_judgements, record_judgement

    record_judgement(ws_path, "P-1", ("applicant:D1", "employee:E1"), "reject", "A. Jansen",
                     "namesake, other birth date")
    assert problems(ws_path) == []
    assert load_judgements(ws_path)["P-1"].decision == "reject"
    tamper(ws_path, "DROP TRIGGER match_judgements_no_update",
           "UPDATE match_judgements SET decision = 'confirm' WHERE pair_id = 'P-1'",
           "INSERT INTO match_judgements (pair_id, record_a, record_b, decision, judged_by, "
           "judged_at, why, row_hash) VALUES ('P-2', 'a', 'b', 'confirm', 'x', "
           "'2024-01-01T00:00:00+00:00', 'x', 'x')")
    found = problems(ws_path)
    assert any(p.startswith("match judgement 1 was changed") for p in found), found
    assert "match judgement 2 was inserted outside coi-graph (it is not in the audit chain)" \
        in found
    assert "the append-only trigger match_judgements_no_update was dropped" in found


def test_json_result_is_in_one_language(ws_path: Path) -> None:
    """`coi verify --json` says its problems in the language of the run (Dutch by default),
    like the text output; before, the workspace's problems were English beside a Dutch
    --expect problem in one document."""
    tamper(ws_path, "DROP TRIGGER case_events_no_update",
           "UPDATE case_events SET note = 'niets' WHERE event_id = 2")
    args = ["verify", "--workspace", str(ws_path), "--json", "--expect", "ab" * 32]
    nl = CliRunner().invoke(main, [*args, "--lang", "nl"])
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert nl.exit_code == en.exit_code == 1
    said_nl, said_en = json.loads(nl.output)["problems"], json.loads(en.output)["problems"]
    assert len(said_nl) == len(said_en) == 3
    assert "case event 2 was changed, replaced or moved after it was recorded (audit entry 3 " \
           "does not match)" in said_en
    assert any(p.startswith("zaakgebeurtenis 2 ") for p in said_nl), said_nl
    assert not any("was changed" in p or "trigger" in p and "dropped" in p for p in said_nl)
