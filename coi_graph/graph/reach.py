"""Reach: for one person, every valid simple path of at most k links, found once.

Detection asks "is the handler of this decision linked to its counterparty?" for up to
millions of decisions.  Asking networkx for the paths between each decision's two ends costs
milliseconds per decision; asking once per *person* which nodes they reach, and joining that
with the decisions as a table, costs time in proportion to people and links.

A path is kept only while its links overlap in time: the running interval is the intersection
of the validity of every link on it, so a former partner (relation ended) or an expired
interest drops out as soon as it cannot be valid together with the rest.

Where a path may go on (:func:`step`): over any link until it reaches an organization; from
the first organization on only over KvK officer links (to an organization that is its officer
or whose officer it is, to a KvK officer, and from there to the next organization they are an
officer of).  So a conflict runs *through* a holding ("via Holding X") or a shared director,
following the KvK register, but never from a supplier on to whoever declared an interest in
it or shares its address.  An organization or KvK officer person with more officer links than the
hub cut-off (``paths.max_identifier_degree``, marked ``hub`` on the node when the graph is
built: a trust office that directs hundreds of companies) ends a path.  Decisions are not
nodes, so no path runs over a decision.

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

__all__ = ["PathHit", "reach", "TERMINAL_KINDS", "PASS_KINDS", "FREE", "OFFICER_ONLY", "STOP",
           "gate", "step"]

#: node kinds after which a path goes on only over links of :data:`PASS_KINDS`
TERMINAL_KINDS = frozenset({"organization"})
#: the link kinds a path may take once it has passed an organization
PASS_KINDS = frozenset({"officer"})
#: node kinds that are ended by the hub cut-off (``hub`` on the node)
HUB_KINDS = frozenset({"organization", "officer"})

FREE, OFFICER_ONLY, STOP = 0, 1, 2


def gate(attrs: dict) -> int:
    """How a path may go on from a node with these attributes: :data:`FREE` (any link),
    :data:`OFFICER_ONLY` (an organization: only over a KvK officer link) or :data:`STOP`
    (a hub organization or officer: the path ends here)."""
    kind = attrs.get("kind")
    if kind in HUB_KINDS and attrs.get("hub"):
        return STOP
    return OFFICER_ONLY if kind in TERMINAL_KINDS else FREE


def step(attrs: dict, link: Link, passed: bool) -> tuple[bool, bool]:
    """Whether a path at an inner node with these attributes may go on over ``link``, given
    whether it ``passed`` an organization before; and whether it has passed one after.

    >>> org, person = {"kind": "organization"}, {"kind": "relative"}
    >>> step(org, Link("officer", "aandeelhouder"), False)
    (True, True)
    >>> step(person, Link("declaration", "aandeelhouder"), True)
    (False, True)
    >>> step(person, Link("declaration", "aandeelhouder"), False)
    (True, False)
    """
    how = gate(attrs)
    if how == STOP:
        return False, passed
    passed = passed or how == OFFICER_ONLY
    return (not passed or link.kind in PASS_KINDS), passed


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
    nodes_attrs = g.nodes
    # explicit stack, neighbours in sorted order: same input -> same paths in the same order
    stack: list[tuple[tuple[str, ...], tuple[tuple[str, str, object], ...], tuple[Link, ...],
                      int, int, bool]] = [((source,), (), (), lo, hi, False)]
    while stack:
        nodes, edges, links, plo, phi, passed = stack.pop()
        here = nodes[-1]
        how = gate(nodes_attrs[here]) if len(nodes) > 1 else FREE
        if how == STOP:
            continue
        passed = passed or how == OFFICER_ONLY  # from the first organization on: officer links
        children = []
        for nbr in sorted(g.adj[here]):
            if nbr in nodes:
                continue
            for key, data in sorted(g.adj[here][nbr].items(), key=lambda kv: str(kv[0])):
                link: Link = data["link"]
                if passed and link.kind not in PASS_KINDS:
                    continue
                nlo = plo if plo > link.lo else link.lo
                nhi = phi if phi < link.hi else link.hi
                if nlo > nhi:
                    continue
                hit = PathHit(source, nbr, nodes + (nbr,), edges + ((here, nbr, key),),
                              links + (link,), nlo, nhi)
                yield hit
                if len(hit.links) < max_links:
                    children.append((hit.nodes, hit.edges, hit.links, nlo, nhi, passed))
        stack.extend(reversed(children))
