"""Reach: for one person, every valid simple path of at most k links, found once.

Detection asks "is the handler of this decision linked to its counterparty?" for up to
millions of decisions.  Asking networkx for the paths between each decision's two ends costs
milliseconds per decision; asking once per *person* which nodes they reach, and joining that
with the decisions as a table, costs time in proportion to people and links.

A path is kept only while its links overlap in time: the running interval is the intersection
of the validity of every link on it, so a former partner (relation ended) or an expired
interest drops out as soon as it cannot be valid together with the rest.  Organizations end a
path (a conflict runs *to* an organization, not through one).

Complexity: O(sum over paths of their length), bounded by ``d**k`` for maximum degree ``d``;
hub identifiers are removed when the graph is built, which keeps ``d`` small.

>>> import networkx as nx
>>> from coi_graph.links import Link
>>> g = nx.MultiGraph()
>>> g.add_node("employee:E1", kind="employee"); g.add_node("relative:R1", kind="relative")
>>> g.add_node("organization:O1", kind="organization")
>>> _ = g.add_edge("employee:E1", "relative:R1", link=Link("family", "partner", lo=0, hi=100))
>>> _ = g.add_edge("relative:R1", "organization:O1", link=Link("officer", "bestuurder", lo=50))
>>> [(h.target, h.lo, h.hi) for h in reach(g, "employee:E1", 3)]
[('relative:R1', 0, 100), ('organization:O1', 50, 100)]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from ..links import NEG, POS, Link

__all__ = ["PathHit", "reach", "TERMINAL_KINDS"]

TERMINAL_KINDS = frozenset({"organization"})


@dataclass(frozen=True)
class PathHit:
    """A valid simple path from the source to ``target``."""

    source: str
    target: str
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, object], ...]
    links: tuple[Link, ...]
    lo: int
    hi: int

    @property
    def length(self) -> int:
        return len(self.links)


def reach(g: nx.MultiGraph, source: str, max_links: int,
          lo: int = NEG, hi: int = POS) -> list[PathHit]:
    """Every simple path from ``source`` with 1..``max_links`` links whose links can all be
    valid at one moment within ``[lo, hi]``, in a deterministic order."""
    return list(_walk(g, source, max_links, lo, hi))


def _walk(g: nx.MultiGraph, source: str, max_links: int, lo: int, hi: int
          ) -> Iterator[PathHit]:
    if source not in g or lo > hi:
        return
    kinds = g.nodes
    # explicit stack, neighbours in sorted order: same input -> same paths in the same order
    stack: list[tuple[tuple[str, ...], tuple[tuple[str, str, object], ...], tuple[Link, ...],
                      int, int]] = [((source,), (), (), lo, hi)]
    while stack:
        nodes, edges, links, plo, phi = stack.pop()
        here = nodes[-1]
        children = []
        for nbr in sorted(g.adj[here]):
            if nbr in nodes:
                continue
            for key, data in sorted(g.adj[here][nbr].items(), key=lambda kv: str(kv[0])):
                link: Link = data["link"]
                nlo = plo if plo > link.lo else link.lo
                nhi = phi if phi < link.hi else link.hi
                if nlo > nhi:
                    continue
                hit = PathHit(source, nbr, nodes + (nbr,), edges + ((here, nbr, key),),
                              links + (link,), nlo, nhi)
                yield hit
                if len(hit.links) < max_links and kinds[nbr]["kind"] not in TERMINAL_KINDS:
                    children.append((hit.nodes, hit.edges, hit.links, nlo, nhi))
        stack.extend(reversed(children))
