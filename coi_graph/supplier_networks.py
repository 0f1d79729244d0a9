"""Supplier networks: organizations tied to each other by a shared identifier or a shared
KvK officer.

Investigators look for exactly this: several suppliers at one IBAN, phone number or e-mail
address, or with one director, all receiving orders from one member of staff.  The link
graph already holds what is needed: shared identifiers as nodes (the hub cut-off has left out
business-centre addresses and shared-service mailboxes), KvK officers as person nodes (one
per person across organizations) and organizations that are officers of organizations.

A *tie* between two organizations is one of

* ``identifier``: both hold the same address, IBAN, phone or e-mail (the identifier node);
* ``officer``: one person, or one organization (a holding), is a KvK officer of both, and
  the two roles overlap in time;
* ``holding``: one organization is a KvK officer of the other (shareholder, director).

Officers and organizations marked as hubs (more officer links than the cut-off, see
:func:`coi_graph.graph.mark_path_hubs`) tie nothing, as hub identifiers tie nothing.
A network is a connected component of two or more organizations over the ties; its id is a
hash of its sorted members (the same members give the same id in every scan).

Complexity: O(sum over identifiers and officers of (holders choose 2)), bounded by the hub
cut-off, plus a union-find over the ties.

>>> import networkx as nx
>>> from coi_graph.graph import LinkGraph
>>> from coi_graph.links import Link
>>> g = nx.MultiGraph()
>>> for n, k in [("organization:A", "organization"), ("organization:B", "organization"),
...              ("organization:C", "organization"), ("iban:NL1", "iban")]:
...     g.add_node(n, kind=k, label=n[-1])
>>> g.add_edge("organization:A", "iban:NL1", key="L1", link=Link("identifier", "IBAN"))
'L1'
>>> g.add_edge("organization:B", "iban:NL1", key="L2", link=Link("identifier", "IBAN"))
'L2'
>>> [(n.members, [t.kind for t in n.ties]) for n in supplier_networks(LinkGraph(g))]
[(('organization:A', 'organization:B'), ['identifier'])]
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .graph import LinkGraph
from .links import NEG, POS, Link, ordinal_to_iso

__all__ = ["Tie", "SupplierNetwork", "supplier_networks", "network_of"]

IDENTIFIER_KINDS = ("address", "iban", "phone", "email")


@dataclass(frozen=True)
class Tie:
    """Why two organizations belong to one network, with the links behind it."""

    a: str                      # organization node key (a < b)
    b: str
    kind: str                   # identifier, officer or holding
    via: str                    # the shared identifier / officer node ("" for holding)
    via_label: str
    links: tuple[tuple[str, Link], ...]  # (link id, link) from a, then from b
    lo: int = NEG
    hi: int = POS

    def as_dict(self, labels: dict[str, str] | None = None) -> dict[str, Any]:
        """As a finding's evidence lists it."""
        labels = labels or {}
        return {"a": self.a, "b": self.b, "a_label": labels.get(self.a, self.a),
                "b_label": labels.get(self.b, self.b), "kind": self.kind, "via": self.via,
                "via_label": self.via_label,
                "links": [{"link_id": lid, "label": lk.label, "evidence": list(lk.evidence)}
                          for lid, lk in self.links],
                "valid_from": ordinal_to_iso(self.lo), "valid_until": ordinal_to_iso(self.hi)}

    @property
    def evidence(self) -> list[str]:
        return [e for _, lk in self.links for e in lk.evidence]

    @property
    def records(self) -> list[tuple[str, str]]:
        return [r for _, lk in self.links for r in lk.records]


@dataclass(frozen=True)
class SupplierNetwork:
    network_id: str
    members: tuple[str, ...]    # organization node keys, sorted
    ties: tuple[Tie, ...]       # sorted by (a, b, kind, via)


def network_id(members: tuple[str, ...]) -> str:
    """``N-`` and a hash of the sorted members: deterministic, independent of row order."""
    return "N-" + hashlib.sha256("\x1f".join(sorted(members)).encode()).hexdigest()[:12]


def _ties(lg: LinkGraph) -> list[Tie]:
    g = lg.g
    out: list[Tie] = []
    for node in sorted(g.nodes):
        attrs = g.nodes[node]
        kind = attrs["kind"]
        if kind in IDENTIFIER_KINDS:
            wanted = "identifier"
        elif kind in ("officer", "employee", "relative", "organization"):
            wanted = "officer"
            if attrs.get("hub"):
                continue  # a trust office or professional director ties nothing
        else:
            continue
        # the organizations this node holds (identifier) or is an officer of (officer)
        held: list[tuple[str, str, Link]] = []
        for other in sorted(g.adj[node]):
            if g.nodes[other]["kind"] != "organization":
                continue
            for key, data in sorted(g.adj[node][other].items(), key=lambda kv: str(kv[0])):
                link: Link = data["link"]
                if link.kind != wanted:
                    continue
                if kind == "organization" and data.get("officer") != node:
                    continue  # an organization ties only the organizations it is officer of
                held.append((other, str(key), link))
        for (oa, ka, la), (ob, kb, lb) in combinations(held, 2):
            if oa == ob:
                continue  # two roles at one organization
            lo, hi = max(la.lo, lb.lo), min(la.hi, lb.hi)
            if lo > hi:
                continue  # the two roles were never held at the same time
            if ob < oa:
                oa, ka, la, ob, kb, lb = ob, kb, lb, oa, ka, la
            out.append(Tie(oa, ob, wanted, node, attrs.get("label", node),
                           ((ka, la), (kb, lb)), lo, hi))
    # one organization as officer of another: a holding and its subsidiary
    for a, b, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2])):
        link: Link = data["link"]
        if (link.kind == "officer" and g.nodes[a]["kind"] == "organization"
                and g.nodes[b]["kind"] == "organization" and a != b
                and not g.nodes[data.get("officer", a)].get("hub")):
            x, y = sorted((a, b))
            out.append(Tie(x, y, "holding", "", "", ((str(key), link),), link.lo, link.hi))
    # the same pair tied twice over one node (two roles each): keep each distinct tie once
    unique = {(t.a, t.b, t.kind, t.via, tuple(k for k, _ in t.links)): t for t in out}
    return [unique[k] for k in sorted(unique)]


def supplier_networks(lg: LinkGraph) -> list[SupplierNetwork]:
    """Every network of two or more tied organizations, sorted by id."""
    ties = _ties(lg)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in ties:
        ra, rb = find(t.a), find(t.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for x in sorted(parent):
        members[find(x)].append(x)
    by_root: dict[str, list[Tie]] = defaultdict(list)
    for t in ties:
        by_root[find(t.a)].append(t)
    nets = [SupplierNetwork(network_id(tuple(m)), tuple(m), tuple(by_root[root]))
            for root, m in members.items() if len(m) >= 2]
    return sorted(nets, key=lambda n: n.network_id)


def network_of(networks: list[SupplierNetwork]) -> dict[str, SupplierNetwork]:
    """Organization node key -> its network."""
    return {m: n for n in networks for m in n.members}
