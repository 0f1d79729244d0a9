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
