"""The twentieth session's speed paths give what the plain ways gave.

* ``EdgeTable.from_edges`` reads each link's validity and kind in the order the links were
  made and puts them in table order by the row array: every table row must still carry its
  own link's ``lo``, ``hi`` and kind (also when an edge was added twice, so the table holds
  the last link and leaves the first out).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_graph_build import built

from coi_graph.graph.reach import PASS_KINDS
from coi_graph.graph.reach_table import EdgeTable
from coi_graph.links import Link


def _rows_carry_their_links(et: EdgeTable) -> None:
    """Each undirected row's kind, and each directed entry's validity and passability,
    are those of the link the row holds."""
    links = [link for _, _, _, link in et.edges]
    assert et.kind.tolist() == [link.kind for link in links]
    assert et.lo.tolist() == [links[r].lo for r in et.ref.tolist()]
    assert et.hi.tolist() == [links[r].hi for r in et.ref.tolist()]
    assert et.passable.tolist() == [links[r].kind in PASS_KINDS for r in et.ref.tolist()]


@settings(max_examples=300, deadline=None)
@given(built())
def test_each_row_carries_its_own_links_validity_and_kind(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]]) -> None:
    g, log = case
    _rows_carry_their_links(EdgeTable.from_edges(g, *log))


def test_rows_sorted_away_from_the_order_the_links_were_made() -> None:
    """Links made in the reverse of the table's order, one of them overwritten by a later
    add with another validity and kind: each row keeps its own link's."""
    g = nx.MultiGraph()
    names = [f"n{i:02d}" for i in range(12)]
    for n in names:
        g.add_node(n, kind="organization" if n.endswith(("0", "5")) else "employee")
    log: tuple[list, list, list, list] = ([], [], [], [])
    for i in reversed(range(11)):  # the table sorts them the other way round
        link = Link("officer" if i % 2 else "identifier", "x", lo=i, hi=100 + i)
        a, b, key = names[i], names[i + 1], f"K{i}"
        g.add_edge(a, b, key=key, link=link)
        for part, value in zip(log, (a, b, key, link)):
            part.append(value)
    again = Link("family", "y", lo=50, hi=60)  # the edge K3 added again: this link stays
    g.add_edge(names[3], names[4], key="K3", link=again)
    for part, value in zip(log, (names[3], names[4], "K3", again)):
        part.append(value)
    et = EdgeTable.from_edges(g, *log)
    _rows_carry_their_links(et)
    row = [k for _, _, k, _ in et.edges].index("K3")
    assert et.kind[row] == "family"
    assert sorted(et.lo[et.ref == row].tolist()) == [50, 50]
    assert np.array_equal(et.lo, EdgeTable.from_graph(g).lo)


@settings(max_examples=300, deadline=None)
@given(built(), st.lists(st.sampled_from(["K1", "K2", "k10", "K9", "3", "nowhere"]),
                         max_size=4), st.booleans())
def test_rows_read_before_they_are_copied_are_the_rows_in_order(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]], asked: list[str],
        as_text: bool) -> None:
    """Each row by position and its key, and the rows holding some keys (overwritten adds
    left out; ``3`` an int key, found only as text), read from the table as made (the
    builder's lists and the row array) equal what the rows in row order give."""
    g, log = case
    rows = list(EdgeTable.from_edges(g, *log).edges)  # copied into row order to iterate
    wanted = set(asked)
    want = [i for i, (_, _, k, _) in enumerate(rows)
            if (str(k) if as_text else k) in wanted]
    fresh = EdgeTable.from_edges(g, *log).edges  # not copied yet
    assert len(fresh) == len(rows)
    assert fresh.rows_with(wanted, as_text=as_text) == want
    assert [fresh[i] for i in range(len(rows))] == rows
    assert [fresh.key(i) for i in range(len(rows))] == [k for _, _, k, _ in rows]
    if rows:
        assert fresh[-1] == rows[-1]
    assert fresh.keys() == [k for _, _, k, _ in rows] and list(fresh) == rows
    assert fresh.rows_with(wanted, as_text=as_text) == want  # after the copy, the same


def test_a_key_overwritten_is_in_no_row() -> None:
    """An edge added twice with one key: the first add's entry stays in the lists the
    table holds but is in no row; the key is found once, at the row of the last add."""
    g = nx.MultiGraph()
    for n in ("a", "b", "c"):
        g.add_node(n, kind="employee")
    first, last, other = Link("family", "1"), Link("family", "2"), Link("family", "3")
    log = (["c", "a", "a"], ["a", "b", "c"], ["K", "L", "K"], [first, other, last])
    for a, b, key, link in zip(*log):
        g.add_edge(a, b, key=key, link=link)
    edges = EdgeTable.from_edges(g, *log).edges
    assert len(edges) == 2 and edges.rows_with({"K"}) == [1]  # rows: (a, b), (a, c)
    assert edges[1] == ("a", "c", "K", last) and edges.key(0) == "L"
    assert edges.all_text()
