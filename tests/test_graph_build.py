"""Building the link graph from whole columns gives what building it row by row gave.

The edge table is made from the edges as the build adds them (``EdgeTable.from_edges``)
instead of from a walk over the networkx graph (``from_graph``): both must give the same
table, also when an edge is added twice (the multigraph keeps one, holding the last link)
or nodes are added in another order than their names sort.  Officer link ids are hashed in
one pass (``link_ids``) and row digests for many rows at once (``RowDigests.many``): both
must equal their one-at-a-time forms.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_proportional import FakeDataset, contracts

from coi_graph.graph.build import (
    RowDigests,
    _table_hashes,
    build_graph,
    link_id,
    link_ids,
)
from coi_graph.graph.reach_table import EdgeTable
from coi_graph.links import Link

KINDS = ("employee", "relative", "organization", "officer", "address")
LINK_KINDS = ("family", "officer", "identifier", "declaration", "same_person")


def same_table(x: EdgeTable, y: EdgeTable) -> None:
    assert x.nodes == y.nodes and x.code == y.code
    assert list(x.edges) == list(y.edges)
    for name in ("gate", "off", "dst", "lo", "hi", "ref", "end_a", "end_b", "hub", "passable"):
        assert np.array_equal(getattr(x, name), getattr(y, name)), name
    for name in ("kind", "node_kind"):
        assert getattr(x, name).tolist() == getattr(y, name).tolist(), name


@st.composite
def built(draw: st.DrawFn) -> tuple[nx.MultiGraph, tuple[list, list, list, list]]:
    """A multigraph made by a sequence of adds (nodes in a drawn order, some marked hubs;
    edges with keys that repeat, so some adds overwrite), and the log of those adds."""
    names = draw(st.lists(st.text("abcxyz", min_size=1, max_size=3), min_size=2, max_size=9,
                          unique=True))
    g = nx.MultiGraph()
    for n in names:  # not sorted: the order they were added decides each edge's direction
        g.add_node(n, kind=draw(st.sampled_from(KINDS)), **({"hub": 3} if draw(st.booleans())
                                                             and draw(st.booleans()) else {}))
    log: tuple[list, list, list, list] = ([], [], [], [])
    for _ in range(draw(st.integers(0, 25))):
        a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        key = draw(st.sampled_from(["K1", "K2", "k10", "K9", 3]))
        lo = draw(st.integers(0, 5))
        link = Link(draw(st.sampled_from(LINK_KINDS)), "x", lo=lo, hi=lo + draw(st.integers(0, 5)))
        g.add_edge(a, b, key=key, link=link)
        for part, value in zip(log, (a, b, key, link)):
            part.append(value)
    return g, log


@settings(max_examples=300, deadline=None)
@given(built())
def test_the_table_from_the_added_edges_is_the_table_of_the_graph(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]]) -> None:
    g, log = case
    same_table(EdgeTable.from_edges(g, *log), EdgeTable.from_graph(g))


def test_an_edge_added_twice_is_one_row_with_the_last_link() -> None:
    g = nx.MultiGraph()
    g.add_node("z", kind="employee")
    g.add_node("a", kind="organization")
    first, last = Link("officer", "first"), Link("officer", "last")
    log: tuple[list, list, list, list] = (["z", "a"], ["a", "z"], ["L", "L"], [first, last])
    g.add_edge("z", "a", key="L", link=first)
    g.add_edge("a", "z", key="L", link=last)
    et = EdgeTable.from_edges(g, *log)
    assert list(et.edges) == [("z", "a", "L", last)]  # from the node added first
    assert et.end_a.tolist() == [et.code["z"]] and et.gate.tolist() == [1, 0]


@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6)),
                max_size=20), st.sampled_from(["officer", "officer_of", "identifier"]))
def test_link_ids_in_one_pass_equal_link_id(rows: list[tuple[str, str, str]], code: str) -> None:
    a, b, records = ([r[i] for r in rows] for i in range(3))
    one = [link_id(x, y, Link("officer", "label", code=code, records=((r, "digest"),)))
           for x, y, r in rows]
    assert link_ids("officer", code, a, b, records) == one


@pytest.mark.parametrize("max_blocks", [100, 2])
def test_many_row_digests_equal_the_digests_one_by_one(monkeypatch: pytest.MonkeyPatch,
                                                       max_blocks: int) -> None:
    """Fewer rows than MAX_BLOCKS are digested one by one (their blocks); more hash the
    whole table once: the same digests either way, in the order asked."""
    monkeypatch.setattr(RowDigests, "BLOCK", 16)
    monkeypatch.setattr(RowDigests, "MAX_BLOCKS", max_blocks)
    frame = contracts(16 * 50)
    full = _table_hashes(frame, "contracts")
    asked = np.array([5, 0, 799, 5, 300])
    d = RowDigests(FakeDataset({"contracts": frame}))  # type: ignore[arg-type]
    assert d.many("contracts", asked) == [f"{int(full[p]):016x}" for p in asked]
    assert ("contracts" in d._cache) == (len(asked) >= max_blocks)
    assert d.many("contracts", np.array([], dtype=np.int64)) == []


def test_the_demo_graph_logs_every_edge_it_adds(tmp_path: Path) -> None:
    """The scan's edge table is made from the log of added edges: a link added to the graph
    without being logged would be missing from every path search."""
    import ingest
    from coi_graph.demo import generate
    from coi_graph.policy import Policy

    generate(tmp_path, "small", seed=7)
    lg = build_graph(ingest.read_dataset(tmp_path / "data"), Policy.default())
    assert lg.edge_log is None  # made into the table, then dropped
    same_table(lg.edge_table, EdgeTable.from_graph(lg.g))
    kinds = {link.kind for _, _, _, link in lg.edge_table.edges}
    assert {"officer", "family", "identifier"} <= kinds
    assert lg.counts["edges"] == lg.g.number_of_edges()
    assert lg.counts["nodes"] == lg.g.number_of_nodes()
    assert lg.counts["officer_people"] == sum(1 for _, k in lg.g.nodes(data="kind")
                                              if k == "officer") > 0
