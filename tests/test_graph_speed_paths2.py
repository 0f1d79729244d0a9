"""The graph build's batched and columnar paths give what their plain forms give.

Each fast path of :mod:`coi_graph.graph.build` (links added in one batch, strings made for a
whole column, officers' nodes made per distinct person) is compared here with the plain
form it replaces, on hand-made rows with the odd cases real exports have (empty values, a
row listed twice, unicode, a holder that is not a node), down to the order of nodes,
adjacency and the logged edges: that order decides the edge table and so the paths found.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from coi_graph.graph.build import LinkGraph


def graph_state(lg: LinkGraph) -> tuple[Any, ...]:
    """Everything a build step leaves behind, order included."""
    g = lg.g
    return (list(g.nodes(data=True)),
            [(u, list(nbrs)) for u, nbrs in g.adjacency()],
            list(g.edges(keys=True, data=True)),
            lg.edge_log)


def empty_graph(*nodes: tuple[str, dict[str, Any]]) -> LinkGraph:
    g = nx.MultiGraph()
    g.add_nodes_from(nodes)
    return LinkGraph(g, edge_log=([], [], [], []))


HOLDERS = (("employee:E1", {"kind": "employee"}), ("employee:É2", {"kind": "employee"}),
           ("relative:R1", {"kind": "relative"}), ("organization:O1", {"kind": "organization"}))

LINKING = [
    ("address", "1234AB|1|", [("employee:E1", "employees:2", "employees:E1:employee"),
                              ("relative:R1", "relatives:5", "relatives:R1:relative"),
                              ("employee:E1", "employees:2", "employees:E1:employee")]),
    ("iban", "NL91ABNA0417164300", [("organization:O1", "organizations:9", "organizations:O1:organization"),
                                    ("employee:É2", "employees:3", "employees:É2:employee")]),
    ("email", "jós@example.nl", [("relative:R1", "relatives:5", "relatives:R1:relative"),
                                 ("employee:E1", "employees:2", "employees:E1:employee")]),
    ("phone", "", [("employee:É2", "employees:3", "employees:É2:employee"),
                   ("employee:E1", "employees:2", "employees:E1:employee")]),
    ("address", "1234AB|1|A", [("employee:E1", "employees:2", "employees:E1:employee"),
                               ("employee:É2", "employees:3", "employees:É2:employee")]),
]


@pytest.mark.parametrize("missing_holder", [False, True])
def test_identifier_links_in_one_batch_are_those_added_one_by_one(
        missing_holder: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared identifiers' nodes and links added in one batch: the same nodes (in the
    same order), adjacency, keys, links and edge log as adding them one at a time; a
    holder that is not a node (a relative row without an employee) takes the plain form,
    which adds it where the plain form does."""
    import coi_graph.graph.build as build

    holders = HOLDERS[:-1] if missing_holder else HOLDERS
    plain, fast = empty_graph(*holders), empty_graph(*holders)
    build._add_identifier_links_plain(plain, LINKING)
    calls: list[int] = []
    real_plain = build._add_identifier_links_plain
    monkeypatch.setattr(build, "_add_identifier_links_plain",
                        lambda lg, linking: calls.append(1) or real_plain(lg, linking))
    build.add_identifier_links(fast, LINKING)
    assert calls == ([1] if missing_holder else [])  # the batch ran where it can
    assert graph_state(fast) == graph_state(plain)
    assert len(plain.g.edges) == 10  # the row listed twice is one link
