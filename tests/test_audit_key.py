"""The audit trail attacked by an insider with write access to the workspace file.

Each test does what such a person can do with the sqlite3 module (the same as the sqlite3
command line): edit a row with the append-only triggers dropped and put back exactly as they
were, recompute every hash of the chain with coi-graph's own code (the chain has no secret),
remove or re-register keys and MACs, cut the chain back, restore an older copy, add a trigger
or a view.  What the keyed chain, the run folders' record of the chain and the schema checks
catch is asserted; what no check inside the file can catch is asserted as not caught, so the
README's list of limits stays true.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_verify import decided_workspace
from test_workspace import V1_SCHEMA, fake_result, make_finding

from coi_graph.cli import main
from coi_graph.cli_text import translate
from coi_graph.errors import InputError, WorkspaceError
from coi_graph.outputs.workspace import (CHAINED_TABLES, KEY_ENV, chain_hash, key_id,
                                         new_key_file, open_workspace, read_key_file,
                                         record_scan)

F1, F2 = make_finding("E1"), make_finding("E2", decision="D2")


@pytest.fixture()
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A key file, named by $COI_AUDIT_KEY_FILE for everything the fixture records."""
    path = tmp_path / "secret" / "audit.key"
    path.parent.mkdir()
    new_key_file(path)
    monkeypatch.setenv(KEY_ENV, str(path))
    return path


@pytest.fixture()
def keyed(tmp_path: Path, key_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace sealed with the key from its first entry: a run, three case events, an
    acceptance.  The key is taken out of the environment afterwards (the attacker has no key;
    each check passes it explicitly)."""
    path = decided_workspace(tmp_path)  # its findings are F1 and F2
    monkeypatch.delenv(KEY_ENV)
    return path


def key_of(path: Path) -> bytes:
    return read_key_file(path)


def check(path: Path, key: bytes | None = None) -> list[str]:
    with open_workspace(path, key=None) as ws:
        return ws.verify(key=key).problems


def stealthily(path: Path, *statements: str) -> None:
    """Run ``statements`` with every append-only trigger dropped, then put each trigger back
    with its own SQL: the schema afterwards is what coi-graph made."""
    con = sqlite3.connect(path)
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        con.execute(f"DROP TRIGGER {name}")
    for sql in statements:
        con.execute(sql)
    for _, sql in triggers:
        con.execute(sql)
    con.commit()
    con.close()


def recompute_chain(path: Path) -> None:
    """What the unkeyed chain cannot stop: every hash recomputed with coi-graph's own code."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_chain_no_update'"
                      ).fetchone()[0]
    con.execute("DROP TRIGGER audit_chain_no_update")
    prev = ""
    for e in con.execute("SELECT seq, tbl, row_key FROM audit_chain ORDER BY seq").fetchall():
        prev = chain_hash(prev, CHAINED_TABLES[e["tbl"]], con, e["row_key"])
        con.execute("UPDATE audit_chain SET hash = ? WHERE seq = ?", (prev, e["seq"]))
    con.execute(sql)
    con.commit()
    con.close()


def dutch(problems: list[str]) -> None:
    """Every problem has its Dutch in the catalogue (else translate gives it back as is)."""
    for p in problems:
        assert translate(p, "nl") != p, p


# -- 1. the keyed chain ---------------------------------------------------------------------------


def test_an_edit_with_the_chain_recomputed_is_caught_only_with_the_key(
        keyed: Path, key_file: Path) -> None:
    key = key_of(key_file)
    assert check(keyed, key) == []
    stealthily(keyed, "UPDATE case_events SET status = 'dismissed', note = 'nothing found' "
                      "WHERE event_id = 2")
    assert any(p.startswith("case event 2 was changed") for p in check(keyed))
    recompute_chain(keyed)
    assert check(keyed) == []                          # the gap the key closes
    found = check(keyed, key)
    assert found == ["audit entries 3-5 do not match their MAC: rewritten without the key"]
    dutch(found)
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--lang", "en"])
    assert res.exit_code == 0 and "no key was given" in res.output
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--key-file",
                                    str(key_file), "--lang", "en"])
    assert res.exit_code == 1 and "do not match their MAC" in res.output


def test_removing_the_keys_and_macs_does_not_make_it_an_unkeyed_workspace(
        keyed: Path, key_file: Path) -> None:
    stealthily(keyed, "UPDATE case_events SET note = 'other reason' WHERE event_id = 2",
               "DELETE FROM audit_macs", "DELETE FROM audit_keys",
               "DELETE FROM sqlite_sequence WHERE name = 'audit_keys'")
    recompute_chain(keyed)
    assert check(keyed) == []
    found = check(keyed, key_of(key_file))
    assert len(found) == 1 and found[0].startswith(
        "the audit chain carries no seal of the given key")
    dutch(found)


def test_an_entry_forged_without_the_key_has_no_mac_and_is_never_given_one(
        keyed: Path, key_file: Path) -> None:
    key = key_of(key_file)
    con = sqlite3.connect(keyed)
    con.execute("INSERT INTO case_events (finding_id, at, by, status, note, evidence_hash, "
                f"run_id) VALUES ('{F1.finding_id}', '2024-01-01T00:00:00+00:00', 'X', "
                "'dismissed', 'backdated', 'h1', 1)")
    prev = con.execute("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1").fetchone()[0]
    con.execute("INSERT INTO audit_chain (tbl, row_key, hash, sealed_at) VALUES "
                "('case_events', 4, ?, '2024-01-01')",
                (chain_hash(prev, CHAINED_TABLES["case_events"], con, 4),))
    con.commit()
    con.close()
    assert check(keyed) == []                          # a valid unkeyed chain
    forged = "audit entries 6 carry no MAC of key id"
    assert [p[:len(forged)] for p in check(keyed, key)] == [forged]
    with open_workspace(keyed, key=key) as ws:         # an honest decision after it
        ws.triage(F2.finding_id, "in_review", "A. Jansen")
    assert [p[:len(forged)] for p in check(keyed, key)] == [forged]


def test_without_its_key_a_keyed_workspace_reads_but_records_nothing(
        keyed: Path, key_file: Path, tmp_path: Path) -> None:
    with open_workspace(keyed, key=None) as ws:
        assert len(ws.cases()) == 2                    # reading needs no key
        with pytest.raises(WorkspaceError, match="is keyed .key id"):
            ws.triage(F1.finding_id, "open", "X")
    other = tmp_path / "other.key"
    with open_workspace(keyed, key=new_key_file(other)) as ws, \
            pytest.raises(WorkspaceError, match="is not this workspace's"):
        ws.triage(F1.finding_id, "open", "X")
    res = CliRunner().invoke(main, ["triage", F1.finding_id, "--status", "open", "--by", "X",
                                    "--workspace", str(keyed)])
    assert res.exit_code != 0 and "met een sleutel verzegeld" in res.output
    with open_workspace(keyed, key=None) as ws:        # nothing half-recorded
        assert len(ws.events()) == 3
    assert check(keyed, key_of(key_file)) == []


def test_coi_scan_refuses_a_keyed_workspace_without_its_key_before_scanning(
        keyed: Path, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    res = CliRunner().invoke(main, ["scan", str(tmp_path / "data"), "--out",
                                    str(tmp_path / "out"), "--workspace", str(keyed),
                                    "--lang", "en"])
    assert res.exit_code != 0 and "is keyed (key id" in res.output, res.output
    assert not (tmp_path / "out").exists()             # refused before anything was read


def test_coi_scan_with_an_unreadable_key_file_refuses_before_making_a_workspace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "no-such.key"))
    ws = tmp_path / "new.sqlite"
    res = CliRunner().invoke(main, ["scan", str(tmp_path / "data"), "--out",
                                    str(tmp_path / "out"), "--workspace", str(ws),
                                    "--lang", "en"])
    assert res.exit_code == 2 and "cannot read the audit key file" in res.output, res.output
    assert not ws.exists() and not (tmp_path / "out").exists()
    # coi demo too: before generating a corporation, not after scanning it
    res = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo"), "--lang", "en"])
    assert res.exit_code == 2 and "cannot read the audit key file" in res.output, res.output
    assert not (tmp_path / "demo" / "data").exists()


def test_a_key_file_that_is_a_device_is_refused_not_read_forever(keyed: Path) -> None:
    """$COI_AUDIT_KEY_FILE naming /dev/zero (a slip of the keyboard, or a hostile
    environment) was read whole: coi verify never ended and memory grew without bound."""
    import os
    import resource
    import subprocess
    import sys

    def bounded() -> None:  # read whole, /dev/zero would take the machine's memory
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    env = {**os.environ, KEY_ENV: "/dev/zero",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-m", "coi_graph.cli", "verify", "--workspace",
                           str(keyed), "--lang", "en"], env=env, capture_output=True,
                          text=True, timeout=60, preexec_fn=bounded)
    assert done.returncode == 2 and "/dev/zero: not an audit key file" in done.stderr, (
        done.stdout, done.stderr)


def test_an_old_workspace_gets_a_key_later_which_covers_what_came_before(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA)
    con.execute("INSERT INTO runs VALUES (1, '/old/run', 'sha-old', '2024-01-10T09:00:00+01:00', "
                "'auditor', '0.0.9', '2023-12-31', 'fp', '{}', '{}', '{}', 1)")
    con.execute("INSERT INTO run_findings VALUES (1, ?, 'self_interest', 'high', 80, 'h1', 'E1', "
                "'Inkoop', 'D1', 'organization:O1', 1)", (F1.finding_id,))
    con.execute("INSERT INTO case_events (finding_id, at, by, status, note, evidence_hash) "
                "VALUES (?, '2024-01-20T10:00:00+01:00', 'auditor', 'explained', 'known', 'h1')",
                (F1.finding_id,))
    con.commit()
    con.close()
    with open_workspace(path, key=None) as ws:         # opens, migrates, verifies unkeyed
        assert ws.verify(key=None).ok and ws.audit_keys() == []
    key = new_key_file(tmp_path / "k")
    with open_workspace(path, key=key) as ws:          # the first keyed decision keys it
        ws.triage(F1.finding_id, "in_review", "A. Jansen")
        assert [k["from_seq"] for k in ws.audit_keys()] == [2]
    assert check(path, key) == []
    # the decision made before the key, rewritten and the chain recomputed
    stealthily(path, "UPDATE case_events SET note = 'unknown' WHERE event_id = 1")
    recompute_chain(path)
    found = check(path, key)
    assert found[0] == ("the audit chain up to entry 2 is not what it was when the key (key id "
                        f"{key_id(key)}) was registered: it was rewritten")
    dutch(found)


def test_rotating_the_key_needs_the_current_one(keyed: Path, key_file: Path,
                                                tmp_path: Path) -> None:
    old = key_of(key_file)
    with open_workspace(keyed, key=None) as ws, pytest.raises(WorkspaceError):
        ws.register_key(new_key_file(tmp_path / "nokey"))
    new_file = tmp_path / "new.key"
    env = {KEY_ENV: str(key_file)}
    res = CliRunner().invoke(main, ["key", "new", str(new_file), "--workspace", str(keyed),
                                    "--lang", "en"], env=env)
    assert res.exit_code == 0, res.output
    new = key_of(new_file)
    assert key_id(new) in res.output and new.hex() not in res.output
    with open_workspace(keyed, key=new) as ws:
        ws.triage(F2.finding_id, "in_review", "A. Jansen")
    assert check(keyed, new) == []
    with open_workspace(keyed, key=None) as ws:
        v = ws.verify(key=old)
    assert v.ok and v.notes[0].startswith("audit entries after 5 are sealed with a later key")
    with open_workspace(keyed, key=old) as ws, pytest.raises(WorkspaceError, match="earlier key"):
        ws.triage(F2.finding_id, "open", "X")
    # an insider registers a key of their own (no endorsement: they lack the current key)
    mine = new_key_file(tmp_path / "mine.key")
    stealthily(keyed, "INSERT INTO audit_keys (key_id, from_seq, registered_at, registered_by, "
                      f"head_mac, endorsement) VALUES ('{key_id(mine)}', 6, 'x', 'x', 'x', "
                      "NULL)")
    found = check(keyed, new)
    assert found == [f"key id {key_id(mine)} was registered from audit entry 6 on without the "
                     f"endorsement of key id {key_id(new)}"]
    dutch(found)


def test_the_key_is_never_written_to_the_workspace_the_run_or_the_output(
        keyed: Path, key_file: Path, tmp_path: Path) -> None:
    key = key_of(key_file)
    res = CliRunner().invoke(main, ["key", "new", str(tmp_path / "k2"), "--lang", "en"])
    assert res.exit_code == 0 and read_key_file(tmp_path / "k2").hex() not in res.output
    assert (tmp_path / "k2").stat().st_mode & 0o077 == 0
    res = CliRunner().invoke(main, ["key", "new", str(tmp_path / "k2")])
    assert res.exit_code == 2 and "nooit overschreven" in res.output
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--key-file",
                                    str(key_file), "--json"])
    assert json.loads(res.output)["key_id"] == key_id(key)
    files = [keyed, *keyed.parent.glob("ws.sqlite-*"), *(tmp_path / "r1").iterdir()]
    for f in files:
        data = f.read_bytes()
        assert key not in data and key.hex().encode() not in data, f
        assert str(key_file).encode() not in data, f
    assert key.hex() not in res.output


def test_a_key_file_that_is_not_one_is_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "k").write_text("hunter2\n")
    res = CliRunner().invoke(main, ["verify", "--workspace", str(tmp_path / "ws"),
                                    "--key-file", str(tmp_path / "k"), "--lang", "en"])
    assert res.exit_code == 2 and "not an audit key file" in res.output
    with pytest.raises(InputError, match="cannot read the audit key file"):
        read_key_file(tmp_path / "missing")


# -- 2. truncation and rollback -------------------------------------------------------------------


def test_a_rolled_back_copy_is_caught_by_a_later_run_folder(keyed: Path, key_file: Path,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    key = key_of(key_file)
    shutil.copy(keyed, tmp_path / "backup.sqlite")    # the state after the decisions of r1
    with open_workspace(keyed, key=key) as ws:
        ws.triage(F2.finding_id, "confirmed", "C. Bakker", "it was him after all")
    monkeypatch.setenv(KEY_ENV, str(key_file))
    record_scan(fake_result(tmp_path / "r2", [F1, F2], tag="2"), tmp_path / "r2", keyed)
    stamp = json.loads((tmp_path / "r2" / "run.json").read_text())["workspace_chain"]
    assert stamp == {"entries": 6, "head": stamp["head"]} and len(stamp["head"]) == 64
    with open_workspace(keyed, key=key) as ws:
        assert ws.run_problems(tmp_path / "r2") == []
        assert ws.run_problems(tmp_path / "r1") == []
    shutil.copy(tmp_path / "backup.sqlite", keyed)     # the rollback
    for f in keyed.parent.glob("ws.sqlite-*"):
        f.unlink()
    assert check(keyed, key) == []                     # a valid, keyed, older chain
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--key-file",
                                    str(key_file), "--run", str(tmp_path / "r2"), "--lang", "en"])
    assert res.exit_code == 1, res.output
    assert "its run is not recorded in this workspace" in res.output
    assert "the audit chain had 6 entries; this workspace has fewer" in res.output
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--run",
                                    str(tmp_path / "r2")])
    assert res.exit_code == 1 and "is teruggezet" in res.output


def test_cutting_back_the_last_decisions(keyed: Path, key_file: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Decisions removed from the end with their entries and MACs, the AUTOINCREMENT
    counters put back: no check inside the file sees it (the README says so); the head noted
    before (--expect) and a run folder made after them do."""
    key = key_of(key_file)
    monkeypatch.setenv(KEY_ENV, str(key_file))
    record_scan(fake_result(tmp_path / "r2", [F1, F2], tag="2"), tmp_path / "r2", keyed)
    with open_workspace(keyed, key=key) as ws:
        ws.triage(F1.finding_id, "dismissed", "A. Jansen", "namesake")
        head = ws.verify(key=key).head
    stealthily(keyed, "DELETE FROM case_events WHERE event_id = 4",
               "DELETE FROM audit_macs WHERE seq = 7", "DELETE FROM audit_chain WHERE seq = 7",
               "UPDATE sqlite_sequence SET seq = 3 WHERE name = 'case_events'",
               "UPDATE sqlite_sequence SET seq = 6 WHERE name = 'audit_chain'")
    assert check(keyed, key) == []
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--expect", head,
                                    "--lang", "en"])
    assert res.exit_code == 1 and "is not in the chain" in res.output
    # cut back past the run: the run folder sees it
    stealthily(keyed, "DELETE FROM audit_macs WHERE seq >= 6",
               "DELETE FROM audit_chain WHERE seq >= 6",
               "DELETE FROM run_findings WHERE run_id = 2", "DELETE FROM runs WHERE run_id = 2",
               "UPDATE sqlite_sequence SET seq = 1 WHERE name = 'runs'",
               "UPDATE sqlite_sequence SET seq = 5 WHERE name = 'audit_chain'")
    assert check(keyed, key) == []
    with open_workspace(keyed, key=None) as ws:
        found = ws.run_problems(tmp_path / "r2")
    assert len(found) == 1 and "its run is not recorded" in found[0]
    dutch(found)


def test_the_audit_report_keeps_the_head_that_shows_a_later_rollback(
        keyed: Path, key_file: Path, tmp_path: Path) -> None:
    import re

    shutil.copy(keyed, tmp_path / "backup.sqlite")
    with open_workspace(keyed, key=key_of(key_file)) as ws:
        ws.triage(F2.finding_id, "confirmed", "C. Bakker", "it was him after all")
        head = ws.verify(key=None).head
    for lang in ("en", "nl"):
        res = CliRunner().invoke(main, ["report", str(tmp_path / "r1"), "--audience", "audit",
                                        "--lang", lang, "--workspace", str(keyed), "--out",
                                        str(tmp_path / "rep")])
        assert res.exit_code == 0, res.output
    md = (tmp_path / "rep" / "audit-report-en.md").read_text(encoding="utf-8")
    assert re.search(r"when this report was made: 6 entries, head ([0-9a-f]{64})", md)[1] == head
    html = (tmp_path / "rep" / "audit-report-nl.html").read_text(encoding="utf-8")
    assert f"bij het maken van dit rapport: 6 regels, kop {head}" in html
    shutil.copy(tmp_path / "backup.sqlite", keyed)     # the decision rolled back
    for f in keyed.parent.glob("ws.sqlite-*"):
        f.unlink()
    res = CliRunner().invoke(main, ["verify", "--workspace", str(keyed), "--expect", head])
    assert res.exit_code == 1 and "is herschreven sinds" in res.output


# -- 3. other insider edits -----------------------------------------------------------------------


@pytest.mark.parametrize("sql, what", [
    ("UPDATE case_events SET at = '2024-01-01T09:00:00+01:00' WHERE event_id = 2",
     "case event 2 was changed"),
    ("UPDATE case_events SET by = 'C. Bakker' WHERE event_id = 3", "case event 3 was changed"),
    ("UPDATE run_findings SET evidence_hash = 'h9' WHERE subject_id = 'E2'", "run 1 was changed"),
    ("UPDATE acceptances SET valid_until = '2099-12-31'", "acceptance 1 was changed"),
])
def test_a_timestamp_user_or_evidence_hash_edited_in_place(keyed: Path, sql: str,
                                                           what: str) -> None:
    stealthily(keyed, sql)
    found = check(keyed)
    assert len(found) == 1 and found[0].startswith(what), found


def test_a_row_deleted_in_the_middle_and_rows_reordered(keyed: Path) -> None:
    stealthily(keyed, "DELETE FROM case_events WHERE event_id = 2")
    assert check(keyed) == ["case event 2 was removed (audit entry 3)"]
    stealthily(keyed, "UPDATE case_events SET event_id = 2 WHERE event_id = 3")
    found = check(keyed)
    assert "case event 3 was removed (audit entry 4)" in found
    assert any(p.startswith("case event 2 was changed") for p in found)


def test_a_trigger_that_rewrites_decisions_as_they_are_made(keyed: Path,
                                                           key_file: Path) -> None:
    """An AFTER INSERT trigger adds a "dismissed" after every "confirmed": the tool seals
    both (they are new in its transaction), so the chain and the MACs fit; the trigger is
    what gives it away."""
    con = sqlite3.connect(keyed)
    con.execute("CREATE TRIGGER case_events_audit AFTER INSERT ON case_events "
                "WHEN NEW.status = 'confirmed' BEGIN INSERT INTO case_events (finding_id, at, by, "
                "status, note, evidence_hash, run_id) VALUES (NEW.finding_id, NEW.at, NEW.by, "
                "'dismissed', 'no conflict', NEW.evidence_hash, NEW.run_id); END")
    con.commit()
    con.close()
    key = key_of(key_file)
    with open_workspace(keyed, key=key) as ws:
        ws.triage(F2.finding_id, "confirmed", "A. Jansen", "it was him")
        status = {c["finding_id"]: c["case_status"] for c in ws.cases()}
        assert status[F2.finding_id] == "dismissed"    # what the trigger did
        found = ws.verify(key=key).problems
    assert found == ["a trigger coi-graph did not make was added: case_events_audit (on "
                     "case_events)"]
    dutch(found)


def test_an_append_only_trigger_replaced_by_a_harmless_one_of_the_same_name(keyed: Path) -> None:
    con = sqlite3.connect(keyed)
    con.execute("DROP TRIGGER case_events_no_update")
    con.execute("CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events WHEN 0 "
                "BEGIN SELECT RAISE(ABORT, 'case events are append-only: add a new event "
                "instead'); END")
    con.execute("DROP TRIGGER acceptances_no_delete")
    con.execute("CREATE TRIGGER acceptances_no_delete BEFORE DELETE ON runs BEGIN SELECT "
                "RAISE(ABORT, 'x'); END")
    con.commit()
    con.close()
    found = check(keyed)
    assert found == [f"the append-only trigger {n} was replaced by one that does not refuse "
                     "every change" for n in ("case_events_no_update", "acceptances_no_delete")]
    dutch(found)


def test_a_view_put_in_place_of_the_case_history(keyed: Path) -> None:
    """The real table renamed and a view of the same name showing other statuses: every
    reader would see the view; verify names it (and does not fail on it)."""
    con = sqlite3.connect(keyed)
    con.execute("ALTER TABLE case_events RENAME TO case_events_real")  # its triggers follow it
    con.execute("CREATE VIEW case_events AS SELECT event_id, finding_id, at, by, 'dismissed' AS "
                "status, note, evidence_hash, run_id FROM case_events_real")
    con.commit()
    con.close()
    found = check(keyed)
    assert found[0] == ("case_events is a view, not the table coi-graph made: the table was "
                        "renamed or dropped and something else put in its place")
    assert all("trigger" in p for p in found[1:]) and found[1:]  # now on case_events_real
    dutch(found)


def test_serve_seals_decisions_with_the_key_it_read_on_start(keyed: Path, key_file: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from test_serve import csrf_of, session_jar, start

    from coi_graph.outputs.serve import stop_server

    key = key_of(key_file)
    monkeypatch.setenv(KEY_ENV, str(key_file))
    s = start(keyed, user="Tester")
    monkeypatch.delenv(KEY_ENV)                        # read once, on start
    try:
        assert s.cfg.audit_key == key and not s.cfg.cannot_record
        jar = session_jar(s)
        _, page = s.get(f"/finding/{F2.finding_id}", jar=jar)
        status, _ = s.post(f"/finding/{F2.finding_id}/decide",
                           {"status": "in_review", "note": "", "csrf_token": csrf_of(page)},
                           jar=jar)
        assert status == 200
    finally:
        stop_server(s.server)
    with open_workspace(keyed, key=None) as ws:
        assert ws.events(F2.finding_id)[-1]["by"] == "Tester"
    assert check(keyed, key) == []
    # started without the key: pages say so, a decision is refused and nothing is recorded
    s = start(keyed, user="Tester")
    try:
        assert "is keyed" in s.cfg.cannot_record
        jar = session_jar(s)
        _, page = s.get(f"/finding/{F2.finding_id}", jar=jar)
        assert 'id="cannot-record"' in page
        status, page = s.post(f"/finding/{F2.finding_id}/decide",
                              {"status": "dismissed", "note": "x", "csrf_token": csrf_of(page)},
                              jar=jar)
        assert status == 503 and "Niet vastgelegd" in page
    finally:
        stop_server(s.server)
    with open_workspace(keyed, key=None) as ws:
        assert ws.events(F2.finding_id)[-1]["status"] == "in_review"
