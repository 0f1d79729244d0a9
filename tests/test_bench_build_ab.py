"""``bench/bench_build_ab.py``: the other commit's package is importable beside this one's, and
the graph fingerprint that must agree between the two sees a difference."""

from __future__ import annotations

import importlib
import re
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_build_ab.py"


@pytest.fixture(scope="module")
def ab():
    spec = importlib.util.spec_from_file_location("bench_build_ab", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_base_commit_imports_as_its_own_package(ab, tmp_path):
    try:
        ab.export_base("HEAD", tmp_path)
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("not a git checkout")
    sys.path.insert(0, str(tmp_path))
    try:
        names = importlib.import_module("coi_graph_base.normalise.names")
        build = importlib.import_module("coi_graph_base.graph.build")
        assert names.__file__.startswith(str(tmp_path))
        assert build.parse_name is names.parse_name  # its own imports, not this checkout's
        assert names.parse_name("Vries, Jan de").display == "Jan de Vries"
        # no name of this checkout's package left in it (clear_caches names its modules)
        left = [p for p in (tmp_path / "coi_graph_base").rglob("*.py")
                if re.search(r"\bcoi_graph\.", p.read_text(encoding="utf-8"))]
        assert not left
        assert "coi_graph_base.normalise.names" in (
            tmp_path / "coi_graph_base" / "match" / "__init__.py").read_text(encoding="utf-8")
    finally:
        sys.path.remove(str(tmp_path))
        for m in [m for m in sys.modules if m.startswith("coi_graph_base")]:
            del sys.modules[m]


def test_the_fingerprint_sees_a_changed_attribute_and_order(ab):
    import networkx as nx

    from coi_graph.graph.build import LinkGraph
    from coi_graph.links import Link

    def graph(label: str, order: list[str]) -> LinkGraph:
        g = nx.MultiGraph()
        for n in order:
            g.add_node(n, kind="employee", label=label if n == "a" else n)
        g.add_edge("a", "b", key="L1", link=Link("family", "partner"))
        return LinkGraph(g)

    same = ab.fingerprint(graph("A", ["a", "b"]))
    assert ab.fingerprint(graph("A", ["a", "b"])) == same
    assert ab.fingerprint(graph("A.", ["a", "b"])) != same
    assert ab.fingerprint(graph("A", ["b", "a"])) != same
