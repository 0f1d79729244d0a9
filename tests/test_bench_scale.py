"""``bench_scan.py --against-floor``: the x10 data it makes is read by ingest like the
original, with ten times the decisions and ids of their own, and its read floor reads every
input file (the timings themselves are figures, never asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

import ingest
from tests.corp import make_corp

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_scan.py"


@pytest.fixture(scope="module")
def bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_scan_scale", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_scan_scale"] = mod
    spec.loader.exec_module(mod)
    return mod


ALLOCATIONS = [{"decision_id": f"A{i:03d}", "kind": "rental", "decision_date": "2024-05-01",
                "handled_by": "E3", "unit_id": f"U{i}", "applicant_name": f"Ria Kok {i}"}
               for i in range(1, 4)]


def test_tiled_decisions_read_as_the_original(bench: Any, tmp_path: Path) -> None:
    src = make_corp(tmp_path / "src", allocations=ALLOCATIONS)
    rows = bench.tile_decisions(src, tmp_path / "x3", 3)
    assert rows == {"contracts.csv": 6, "allocations.csv": 9}
    before, after = ingest.read_dataset(src), ingest.read_dataset(tmp_path / "x3")
    assert not after.errors, [p.format() for p in after.errors]
    for table, n in (("contracts", 3), ("allocations", 3), ("employees", 1), ("relatives", 1)):
        assert len(after.frame(table)) == n * len(before.frame(table)), table
    ids = list(after.frame("contracts")["decision_id"]) + list(after.frame("allocations")
                                                               ["decision_id"])
    assert len(set(ids)) == len(ids) == 15
    assert {"D1", "D11", "D21", "A001", "A1001", "A2003"} <= set(ids)
    # apart from the id, a copy is the same decision
    c = after.frame("contracts").set_index("decision_id")
    assert c.loc["D21", "org_id"] == c.loc["D1", "org_id"]
    assert c.loc["D22", "amount_eur"] == c.loc["D2", "amount_eur"]
    # the other tables are copied as they are (encoding, delimiter, line ends)
    assert (tmp_path / "x3" / "employees.csv").read_bytes() == (src / "employees.csv").read_bytes()


def test_ids_that_cannot_be_tiled_are_refused(bench: Any, tmp_path: Path) -> None:
    src = make_corp(tmp_path / "src", contracts=[
        {"decision_id": "2024-1", "kind": "contract", "org_id": "O1", "amount_eur": "1",
         "decision_date": "2024-01-01", "handled_by": "E1"}])
    with pytest.raises(SystemExit, match="cannot tile"):
        bench.tile_decisions(src, tmp_path / "x2", 2)


def test_fast_floor_reads_every_file(bench: Any, tmp_path: Path) -> None:
    src = make_corp(tmp_path / "src", allocations=ALLOCATIONS)
    floor = bench.worker_fast_floor(src)
    read = {name: f["rows"] for name, f in floor["files"].items()}
    ds = ingest.read_dataset(src)
    assert read == {f"{t}.csv": len(ds.frame(t)) for t in ds.tables}
    assert floor["readers"]["csv"] in ("pyarrow.csv", "polars", "pandas C")


def test_the_cpu_meter_notes_every_step_of_a_scan(bench: Any, tmp_path: Path) -> None:
    """The benchmark reads each step's CPU time from the scan's progress messages: if the
    scan announced its steps otherwise, the table would show '-' instead of figures."""
    from coi_graph.scan import scan

    progress, cpu = bench._step_cpu_meter()
    scan(make_corp(tmp_path / "src", allocations=ALLOCATIONS), tmp_path / "run",
         progress=progress)
    assert set(cpu) == set(bench.SCAN_STEPS)
    assert all(v >= 0 for v in cpu.values())
