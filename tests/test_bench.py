"""The scan benchmark's engines agree with ours (never its timings: those are figures to read).

``bench/bench_scan.py`` compares our detection with a naive networkx search and with the
same rules as DuckDB SQL.  A ratio is only meaningful when all three find the same thing, so
this checks that, first on a hand-built graph with known answers, then on the ``small`` demo
through the benchmark's own driver (workers run in-process here, to keep it to seconds).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import networkx as nx
import pandas as pd
import pytest

pytest.importorskip("duckdb")

from coi_graph.graph.build import LinkGraph
from coi_graph.links import POS, Link, ordinal
from coi_graph.policy import Policy

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_scan.py"


@pytest.fixture(scope="module")
def bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_scan", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_scan"] = mod
    spec.loader.exec_module(mod)
    return mod


def day(iso: str) -> int:
    return ordinal(iso, 0)


def tiny() -> tuple[LinkGraph, SimpleNamespace, dict[tuple[str, str, str], str]]:
    """E1's partner R1 is director of O1 since 2024; E1 shares an address with O2; O3 is
    reachable only through O1 (an organization ends a path); E1 applied for a home
    themself (A9, matched to E1) and R1 shares a phone with applicant A8."""
    g = nx.MultiGraph()
    g.add_node("employee:E1", kind="employee", ident="E1", lo=day("2020-01-01"), hi=POS)
    g.add_node("relative:R1", kind="relative", ident="R1")
    for o in ("O1", "O2", "O3"):
        g.add_node(f"organization:{o}", kind="organization", ident=o)
    g.add_node("address:1234AB|1", kind="address", ident="1234AB|1")
    g.add_node("phone:+31612345678", kind="phone", ident="+31612345678")
    g.add_edge("employee:E1", "relative:R1", key="L1", link=Link("family", "partner"))
    g.add_edge("relative:R1", "organization:O1", key="L2",
               link=Link("officer", "bestuurder, KvK", lo=day("2024-01-01")))
    g.add_edge("employee:E1", "address:1234AB|1", key="L3", link=Link("identifier", "adres"))
    g.add_edge("organization:O2", "address:1234AB|1", key="L4", link=Link("identifier", "adres"))
    g.add_edge("organization:O1", "organization:O3", key="L5", link=Link("officer", "x"))
    g.add_edge("relative:R1", "phone:+31612345678", key="L6", link=Link("identifier", "telefoon"))
    rows = [  # decision, person, day, counterparty, table
        ("D1", "E1", "2024-06-01", "organization:O1", "contracts"),  # relative_interest
        ("D2", "E1", "2023-06-01", "organization:O1", "contracts"),  # officer role not yet valid
        ("D3", "E1", "2024-06-01", "organization:O2", "contracts"),  # shared_identifier
        ("D4", "E1", "2024-06-01", "organization:O3", "contracts"),  # only through O1: none
        ("D5", "E1", "2019-06-01", "organization:O1", "contracts"),  # officer role not valid
        ("D6", "E1", "2019-06-01", "organization:O2", "contracts"),  # before employment
        ("D9", "E1", "2024-06-01", "applicant:D9", "allocations"),  # allocation_to_self
        ("D8", "E1", "2024-06-01", "applicant:D8", "allocations"),  # shared_identifier
    ]
    pairs = pd.DataFrame(rows, columns=["decision_id", "employee_id", "day", "counterparty",
                                        "table"])
    pairs["day"] = pairs["day"].map(day)
    anchors = {
        "A9": ("employee:E1", "applicant:D9", Link("same_person", "same name + birth date")),
        "A8": ("phone:+31612345678", "applicant:D8", Link("identifier", "telefoon")),
    }
    expected = {
        ("D1", "E1", "organization:O1"): "relative_interest",
        ("D3", "E1", "organization:O2"): "shared_identifier",
        ("D9", "E1", "applicant:D9"): "allocation_to_self",
        ("D8", "E1", "applicant:D8"): "shared_identifier",
    }
    decisions = pairs.rename(columns={"employee_id": "handled_by"}).assign(
        approved_by=None, second_approved_by=None)  # as DecisionTable.df: every subject role
    ctx = SimpleNamespace(pairs=pairs, anchor_index=anchors, policy=Policy.default(),
                          decisions=SimpleNamespace(df=decisions))
    return LinkGraph(g), ctx, expected


def test_engines_on_a_hand_built_graph(bench: Any) -> None:
    lg, ctx, expected = tiny()
    policy = Policy.default()
    duck = bench.run_duckdb(lg, ctx, policy, {3: expected, 4: expected})
    assert duck["k3"]["identical"], duck["k3"]
    assert duck["k4"]["identical"], duck["k4"]
    naive = bench.run_naive(lg, ctx, policy, expected, sample=100)
    for variant in ("links", "decisions"):
        assert naive[variant]["identical"], naive[variant]
        assert naive[variant]["flagged_in_sample"] == len(expected)


def test_naive_respects_path_length(bench: Any) -> None:
    """At one link the partner's directorship is out of reach; the own address is not."""
    lg, ctx, _ = tiny()
    on = day("2024-06-01")
    assert bench.naive_rule(lg.g, "employee:E1", "organization:O1", on, 1) is None
    assert bench.naive_rule(lg.g, "employee:E1", "organization:O1", on, 2) == "relative_interest"
    assert bench.naive_rule(lg.g, "employee:E1", "organization:O3", on, 4) is None
    # the same with decisions as nodes: the decision's own link does not count toward the limit
    g = bench.naive_graph(lg, ctx)
    assert bench.add_decision_nodes(g, ctx) == 8
    assert bench.naive_rule(g, "employee:E1", "decision:D1", on, 1, via_decision=True) is None
    assert bench.naive_rule(g, "employee:E1", "decision:D1", on, 2, via_decision=True) == \
        "relative_interest"
    assert bench.naive_rule(g, "employee:E1", "decision:D9", on, 1, via_decision=True) == \
        "allocation_to_self"


def test_small_demo_engines_identical(bench: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """The whole benchmark on ``small``: DuckDB (3 and 4 links) and the naive search flag
    exactly the decisions, people, counterparties and rules that ``detect`` flags."""

    def in_process(worker: str, args: list[str], result: Path) -> dict[str, Any]:
        assert bench.main(["--worker", worker, "--result", str(result), *args]) == 0
        return json.loads(result.read_text(encoding="utf-8"))

    monkeypatch.setattr(bench, "spawn", in_process)
    res = bench.bench_size("small", tmp_path / "cache", sample=200, profile=True, top=5)
    ours = res["ours"]
    assert ours["link_findings"] > 0  # the demo plants link conflicts: something to compare
    assert ours["duckdb"]["k3"]["identical"], ours["duckdb"]["k3"]
    assert ours["duckdb"]["k4"]["identical"], ours["duckdb"]["k4"]
    assert ours["duckdb"]["k3"]["flagged_theirs"] == ours["link_findings"]
    for variant in ("links", "decisions"):
        naive = ours["naive"][variant]
        assert naive["identical"], naive
        assert naive["positives_checked"] + naive["flagged_in_sample"] >= ours["link_findings"]
    assert res["verdicts"]["engines_identical"]["pass"]
    table = bench.render(res)
    assert "| same findings in every engine | yes | identical | **PASS** |" in table
    assert "#### profile `small` detection" in bench.render_profile(res)
    # the cache is reused while the generator is unchanged
    assert bench.ensure_data("small", tmp_path / "cache") == tmp_path / "cache" / "small" / "data"


def test_the_bench_never_deletes_a_cache_folder_it_did_not_make(bench: Any, tmp_path: Path
                                                                 ) -> None:
    """`--cache` pointed at a folder that holds something else (another checkout's data)
    is refused, not emptied: only a folder with the script's own stamp is regenerated."""
    mine = tmp_path / "cache" / "small"
    mine.mkdir(parents=True)
    (mine / "keep.txt").write_text("not the bench's")
    with pytest.raises(SystemExit, match="was not made by this script"):
        bench.ensure_data("small", tmp_path / "cache")
    assert (mine / "keep.txt").read_text() == "not the bench's"


def test_workers_import_the_checkout_the_script_is_in(bench, tmp_path: Path, monkeypatch) -> None:
    """A worker is a fresh interpreter: without its checkout first on ``PYTHONPATH`` it
    imports whatever ``coi_graph`` is installed, and a baseline run from another checkout
    silently measures that one. A worker process really starts here (with a probe instead
    of a scan) and reports the path it was given and where it found ``coi_graph``."""
    import subprocess

    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # a user's own path stays, after ours
    probe = tmp_path / "probe.py"
    probe.write_text("import json, os, sys, coi_graph\n"
                     "json.dump({'file': coi_graph.__file__, 'env': os.environ['PYTHONPATH']},"
                     " open(sys.argv[sys.argv.index('--result') + 1], 'w'))\n")
    real_run = subprocess.run

    def run(cmd, **kw):
        return real_run([cmd[0], str(probe), *cmd[2:]], **kw)

    monkeypatch.setattr(bench.subprocess, "run", run)
    out = bench.spawn("none", [], tmp_path / "r.json")
    assert out["env"].split(os.pathsep) == [str(bench.REPO), str(tmp_path)]
    assert Path(out["file"]).resolve().is_relative_to(bench.REPO.resolve()), out["file"]
