"""Start-up: the commands that do not scan import no pandas, numpy or networkx.

``coi --help``, ``coi cases``, ``coi triage`` and ``coi verify`` are what a case handler
types all day; importing the data stack costs about half a second each time.  Each command
runs in a fresh interpreter with ``-X importtime``, which lists every module it imported, so
a top-level ``import pandas`` added anywhere on their import path makes this fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coi_graph.outputs.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "networkx", "pyarrow", "polars", "scipy", "yaml")
FID = "F-0123456789abcdef"


def imported(args: list[str], cwd: Path, python: tuple[str, ...] = ("-m", "coi_graph.cli")
             ) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``coi ARGS`` in a fresh interpreter; return it and the top-level packages it
    imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("COI_WORKSPACE", None)
    proc = subprocess.run([sys.executable, "-X", "importtime", *python, *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    mods = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            mods.add(name.split(".")[0])
    return proc, mods


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding one recorded run with one finding (no scan: the test process
    itself may import anything)."""
    root = tmp_path_factory.mktemp("startup")
    path = root / "ws.sqlite"
    finding = {"finding_id": FID, "rule": "self_interest", "severity": "high", "score": 80,
               "evidence_hash": "abc", "subject_id": "E1", "decision_id": "D1",
               "counterparty": "organization:O1", "declared": False,
               "path": "E1 -[x]- O1", "path_nodes": ["employee:E1", "organization:O1"],
               "evidence": ["contracts:2"]}
    with open_workspace(path) as ws:
        ws.record_run({"as_of": "2024-12-31", "finished_at": "x"}, [finding], root / "run")
    return path


@pytest.mark.parametrize("args", [
    ["--help"],
    ["cases", "--help"],
    ["cases", "--workspace", "{ws}"],
    ["cases", FID, "--workspace", "{ws}"],
    ["triage", FID, "--status", "in_review", "--by", "tester", "--workspace", "{ws}"],
    ["verify", "--workspace", "{ws}"],
])
def test_light_commands_import_no_data_stack(args: list[str], workspace: Path) -> None:
    proc, mods = imported([a.replace("{ws}", str(workspace)) for a in args], workspace.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    assert "coi_graph" in mods, "importtime listed nothing: the check would be empty"
    assert not mods & set(HEAVY), f"coi {' '.join(args)} imported {sorted(mods & set(HEAVY))}"


def test_the_check_sees_a_heavy_import(workspace: Path) -> None:
    """The same measurement on the scan's library (which needs pandas) does list it: the absence above is a finding, not a blind spot."""
    proc, mods = imported([], workspace.parent, ("-c", "import coi_graph.scan"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert {"pandas", "numpy", "coi_graph"} <= mods
