"""Nothing lost: two triage processes at once, and a recording killed with SIGKILL or Ctrl-C."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_workspace import fake_result, make_finding

from coi_graph.outputs.workspace import Workspace, open_workspace, record_scan

TESTS = Path(__file__).parent


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent)]))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


TRIAGE = """
    import sys
    from coi_graph.outputs.workspace import open_workspace
    ws_path, who, fids = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    for i in range(int(sys.argv[4])):
        # one open per decision, as separate `coi triage` commands would do
        with open_workspace(ws_path, create=False) as ws:
            ws.triage(fids[i % len(fids)], "in_review", who, f"{who} note {i}")
    print("done")
"""


def test_concurrent_triage_loses_nothing(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    findings = [make_finding(f"E{i}", decision=f"D{i}") for i in range(5)]
    record_scan(fake_result(tmp_path / "r1", findings), tmp_path / "r1", ws_path)
    fids = ",".join(f.finding_id for f in findings)
    n = 80
    procs = [_python(TRIAGE, str(ws_path), who, fids, str(n)) for who in ("alice", "bob")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_workspace(ws_path) as ws:
        events = ws.events()
        assert ws.integrity_problems() == []
    assert len(events) == 2 * n
    for who in ("alice", "bob"):
        notes = [e["note"] for e in events if e["by"] == who]
        assert notes == [f"{who} note {i}" for i in range(n)]   # all there, in order


def test_concurrent_triage_commands(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    f = make_finding()
    record_scan(fake_result(tmp_path / "r1", [f]), tmp_path / "r1", ws_path)
    coi = [sys.executable, "-m", "coi_graph.cli"]
    procs = [subprocess.Popen([*coi, "triage", f.finding_id, "--status", "explained", "--note",
                               f"reason {i}", "--by", f"user{i}", "--workspace", str(ws_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_workspace(ws_path) as ws:
        assert sorted(e["by"] for e in ws.events()) == [f"user{i}" for i in range(4)]


RECORDER = """
    import sys
    from pathlib import Path
    from test_workspace import fake_result, make_finding
    from coi_graph.outputs.workspace import record_scan
    ws_path, root = sys.argv[1], Path(sys.argv[2])
    findings = [make_finding(f"E{i}", decision=f"D{i}", ehash=f"h{i}") for i in range(1000)]
    i = 0
    while True:
        i += 1
        # evidence of a few findings changes each run, so reopen events are written too
        for f in findings[:10]:
            f.evidence_hash = f"h-{i}"
        res = fake_result(root / f"run{i}", findings, tag=f"{root.name}-{i}")
        record_scan(res, root / f"run{i}", ws_path)
        print(i, flush=True)
"""


def _wait_until_writing(ws_path: Path, timeout: float = 30) -> None:
    """Return as soon as another process holds the write lock, i.e. is in the middle of
    recording (so the kill lands inside a transaction, not between two)."""
    con = sqlite3.connect(ws_path, timeout=0, isolation_level=None)
    try:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                con.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return
            con.execute("ROLLBACK")
            time.sleep(0.002)
        raise AssertionError("the recorder never started writing")
    finally:
        con.close()


def _assert_consistent(ws_path: Path) -> int:
    """integrity_check passes and every run is complete (or absent)."""
    con = sqlite3.connect(ws_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with open_workspace(ws_path) as ws:
        assert ws.integrity_problems() == []
        runs = ws.runs()
        for r in runs:
            assert len(ws.run_findings(r["run_id"])) == r["n_findings"]
            assert r["n_findings"] == (10 if r["run_id"] == 1 else 1000)
        # every automatic reopen event belongs to a recorded run
        run_ids = {r["run_id"] for r in runs}
        assert all(e["run_id"] in run_ids for e in ws.events())
        return len(runs)


@pytest.mark.slow
def test_kill_9_during_recording_leaves_a_usable_workspace(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws.sqlite"
    seed = fake_result(tmp_path / "seed", [make_finding(f"E{i}", decision=f"D{i}", ehash=f"h{i}")
                                           for i in range(10)])
    record_scan(seed, tmp_path / "seed", ws_path)
    with open_workspace(ws_path) as ws:  # closed cases, so recordings append reopen events
        ws.triage([f.finding_id for f in seed.findings], "dismissed", "auditor", "fine")
    before = 1
    for attempt, delay in enumerate((0.0, 0.01)):
        p = _python(RECORDER, str(ws_path), str(tmp_path / f"k{attempt}"))
        assert p.stdout is not None
        try:
            # wait for a recording or two to finish, then kill in the middle of a later one
            for _ in range(2):
                line = p.stdout.readline()
                assert line, p.stderr.read() if p.stderr else ""
            _wait_until_writing(ws_path)
            time.sleep(delay)
        finally:
            os.kill(p.pid, signal.SIGKILL)
            p.wait(timeout=30)
        printed = 2 + len(p.stdout.read().split())
        after = _assert_consistent(ws_path)
        # the run being written when the kill came is absent; finished ones are all there
        # (+1: killed after its commit but before it could print)
        assert after - before in (printed, printed + 1)
        before = after
    # and the workspace still takes new work
    with open_workspace(ws_path) as ws:
        ws.triage(seed.findings[0].finding_id, "in_review", "auditor")


def test_ctrl_c_while_recording_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    ws_path = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "r1", [make_finding()], tag="1"), tmp_path / "r1", ws_path)

    def interrupted(self: Workspace, run_id: int) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Workspace, "_reopen_changed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        record_scan(fake_result(tmp_path / "r2", [make_finding()], tag="2"), tmp_path / "r2",
                    ws_path)
    monkeypatch.undo()
    with open_workspace(ws_path) as ws:
        assert [r["run_id"] for r in ws.runs()] == [1]
        assert ws.integrity_problems() == []
    # recording it again afterwards works
    s = record_scan(fake_result(tmp_path / "r2", [make_finding()], tag="2"), tmp_path / "r2",
                    ws_path)
    assert s["run_id"] == 2 and not s["already_recorded"]
