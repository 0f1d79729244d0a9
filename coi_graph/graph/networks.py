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
:func:`coi_graph.graph.build.mark_path_hubs`) tie nothing, as hub identifiers tie nothing.
A network is a connected component of two or more organizations over the ties; its id is a
hash of its sorted members (the same members give the same id in every scan).

Complexity: O(sum over identifiers and officers of (holders choose 2)), bounded by the hub
cut-off, plus a union-find over the ties.

>>> import networkx as nx
>>> from coi_graph.graph.build import LinkGraph
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

from .build import LinkGraph
from ..links import NEG, POS, Link, ordinal_to_iso

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
                # what each link is, as a code (rendered in the reader's language), not text
                "links": [{"link_id": lid, "kind": lk.kind, "label_code": lk.code,
                           "label_params": dict(lk.params), "evidence": list(lk.evidence)}
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
    """Every tie, sorted.  The links are grouped by the identifier or officer they share
    with array operations over the edge table; only groups that reach two or more
    organizations (a handful: the hub cut-off bounds them) are paired in Python."""
    import numpy as np

    g = lg.g
    et = lg.table()
    edges = et.edges
    if not edges:
        return []
    node_kind, hub = et.node_kind, et.hub
    a, b, ek = et.end_a.astype(np.int64), et.end_b.astype(np.int64), et.kind
    org = node_kind == "organization"
    ident = np.isin(node_kind, IDENTIFIER_KINDS)
    # (shared node, organization, edge) per link that can tie: an organization's identifier,
    # or a person officer of an organization (organizations as officers: below)
    is_id = ek == "identifier"
    id_ab = is_id & org[a] & ident[b]
    id_ba = is_id & ~id_ab & org[b] & ident[a]
    is_off = ek == "officer"
    holding = is_off & org[a] & org[b]
    off_ab = is_off & ~holding & org[b]          # a is the person
    off_ba = is_off & ~holding & ~org[b] & org[a]
    via = np.concatenate([b[id_ab], a[id_ba], a[off_ab], b[off_ba]])
    member = np.concatenate([a[id_ab], b[id_ba], b[off_ab], a[off_ba]])
    ref = np.concatenate([np.flatnonzero(m) for m in (id_ab, id_ba, off_ab, off_ba)])
    tag = np.concatenate([np.zeros(int(id_ab.sum() + id_ba.sum()), dtype=np.int8),
                          np.ones(int(off_ab.sum() + off_ba.sum()), dtype=np.int8)])
    keep = ~((tag == 1) & hub[via])
    via, member, ref, tag = via[keep], member[keep], ref[keep], tag[keep]
    groups: dict[tuple[str, str], list[tuple[str, str, Link]]] = defaultdict(list)
    out: list[Tie] = []
    for r in np.flatnonzero(holding):  # an organization as officer of another: from the holder
        x, y, key, link = edges[int(r)]
        holder = g.edges[x, y, key].get("officer", x)
        other = y if holder == x else x
        if g.nodes[holder].get("hub") or x == y:
            continue  # a trust office ties nothing
        lo_, hi_ = sorted((x, y))
        out.append(Tie(lo_, hi_, "holding", "", "", ((str(key), link),), link.lo, link.hi))
        groups[("officer", holder)].append((other, str(key), link))
    # the groups with two or more distinct organizations, found without a loop over links
    if len(via):
        group = via * 2 + tag
        pairs = np.unique(group * len(et.nodes) + member) // len(et.nodes)
        gkey, counts = np.unique(pairs, return_counts=True)
        sel = np.isin(group, gkey[counts >= 2])
        for t, v, m, r in zip(tag[sel], via[sel], member[sel], ref[sel]):
            _, _, key, link = edges[int(r)]
            groups[("officer" if t else "identifier", et.nodes[int(v)])].append(
                (et.nodes[int(m)], str(key), link))
    for (wanted, node), held in groups.items():
        if len({o for o, _, _ in held}) < 2:
            continue
        held.sort(key=lambda h: (h[0], h[1]))
        for (oa, ka, la), (ob, kb, lb) in combinations(held, 2):
            if oa == ob:
                continue  # two roles at one organization
            lo, hi = max(la.lo, lb.lo), min(la.hi, lb.hi)
            if lo > hi:
                continue  # the two roles were never held at the same time
            if ob < oa:
                oa, ka, la, ob, kb, lb = ob, kb, lb, oa, ka, la
            out.append(Tie(oa, ob, wanted, node, g.nodes[node].get("label") or node,
                           ((ka, la), (kb, lb)), lo, hi))
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


# -- the rule linked_suppliers: decisions of one person to two members of one network -------


def network_index(networks: list[SupplierNetwork]) -> dict[str, str]:
    """Organization node key -> network id (what the Neo4j loader writes as ``network``)."""
    return {m: n.network_id for n in networks for m in n.members}


def linked_decision_rows(ctx: Any, networks: list[SupplierNetwork], window_days: int
                         ) -> set[tuple[str, str, str]]:
    """``(subject_id, network_id, decision_id)`` for every contract, order or invoice that a
    handler or approver (``policy.subject_roles``) decided while deciding another one, at
    most ``window_days`` before or after it, for *another* member of the same network.

    The selection of the embedded engine; ``queries/linked_suppliers.cypher`` selects the
    same rows in Neo4j.  Linear after a sort: per (person, network) the decisions in date
    order, and for each the nearest earlier and later one for another organization."""
    import numpy as np
    import pandas as pd

    d = ctx.decisions
    index = network_index(networks)
    if not index or not len(d.p_emp):
        return set()
    ids = sorted(set(index.values()))
    code_of = {n: i for i, n in enumerate(ids)}
    # per organization of the decision table its network (-1: none), through node codes;
    # one slot more, so an organization without a node (code -1) reads that slot's -1
    node_net = np.full(len(ctx.edge_table.nodes) + 1, -1, dtype=np.int64)
    for key, nid in index.items():
        at = ctx.edge_table.code.get(key)
        if at is not None:
            node_net[at] = code_of[nid]
    org_net = np.append(node_net[ctx.org_node_codes], -1)  # p_cp -1 (none) reads the -1
    net = org_net[d.p_cp]  # one gather over the pairs, not an index array of them first
    j = np.flatnonzero((d.p_table == 0) & (net >= 0))
    net = net[j]
    if not len(j):
        return set()
    f = pd.DataFrame({"emp": d.p_emp[j].astype(np.int64), "net": net,
                      "org": d.p_cp[j].astype(np.int64), "day": d.p_day[j].astype(np.int64),
                      "row": d.p_row[j].astype(np.int64)}).drop_duplicates()
    f = f.sort_values(["emp", "net", "day", "row"], kind="stable").reset_index(drop=True)
    emp, nets, org, day = (f[c].to_numpy() for c in ("emp", "net", "org", "day"))
    n = len(f)
    group_start = np.r_[True, (emp[1:] != emp[:-1]) | (nets[1:] != nets[:-1])]
    prev = np.full(n, -1, dtype=np.int64)  # the latest earlier row of the group, other org
    for i in range(1, n):
        if group_start[i]:
            continue
        prev[i] = i - 1 if org[i - 1] != org[i] else prev[i - 1]
    nxt = np.full(n, -1, dtype=np.int64)  # the earliest later row of the group, other org
    for i in range(n - 2, -1, -1):
        if group_start[i + 1]:
            continue
        nxt[i] = i + 1 if org[i + 1] != org[i] else nxt[i + 1]
    near = (((prev >= 0) & (day - day[np.maximum(prev, 0)] <= window_days))
            | ((nxt >= 0) & (day[np.maximum(nxt, 0)] - day <= window_days)))
    out: set[tuple[str, str, str]] = set()
    rows = f["row"].to_numpy()
    for i in np.flatnonzero(near):
        did = d.decision_id("contracts", int(rows[i]))
        d.remember(did, "contracts", int(rows[i]))
        out.add((str(d.employees[int(emp[i])]), ids[int(nets[i])], did))
    return out


@dataclass(frozen=True)
class LinkedGroup:
    """One finding of ``linked_suppliers``: a person's decisions to members of one network,
    each within the window of one to another member (an *episode*: a gap longer than the
    window starts a new one)."""

    subject_id: str
    network: SupplierNetwork
    decision_ids: tuple[str, ...]  # by date, then id


def linked_groups(ctx: Any, networks: list[SupplierNetwork],
                  rows: set[tuple[str, str, str]], window_days: int) -> list[LinkedGroup]:
    """The selected rows (of either engine) as findings-to-be, deterministic in order."""
    by_id = {n.network_id: n for n in networks}
    per: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for eid, nid, did in rows:
        dec = ctx.decisions.get(did)
        if dec is None or nid not in by_id or dec.counterparty not in by_id[nid].members:
            continue  # a row another engine made up is not trusted
        if eid not in dec.roles.values():
            continue
        per[(eid, nid)].append((dec.day, did))
    out: list[LinkedGroup] = []
    for (eid, nid), decs in sorted(per.items()):
        decs.sort()
        episode: list[tuple[int, str]] = []
        for day, did in decs + [(None, "")]:  # type: ignore[list-item]
            if episode and (day is None or day - episode[-1][0] > window_days):
                orgs = {ctx.decisions[x].counterparty for _, x in episode}
                if len(orgs) >= 2:
                    out.append(LinkedGroup(eid, by_id[nid], tuple(x for _, x in episode)))
                episode = []
            if day is not None:
                episode.append((day, did))
    return out


def tie_path(network: SupplierNetwork, a: str, b: str) -> list[Tie]:
    """The fewest ties from organization ``a`` to ``b`` within a network (breadth first,
    ties in their sorted order: deterministic)."""
    adj: dict[str, list[Tie]] = defaultdict(list)
    for t in network.ties:
        adj[t.a].append(t)
        adj[t.b].append(t)
    came: dict[str, Tie | None] = {a: None}
    queue = [a]
    for here in queue:
        if here == b:
            break
        for t in adj[here]:
            other = t.b if t.a == here else t.a
            if other not in came:
                came[other] = t
                queue.append(other)
    path: list[Tie] = []
    node = b
    while came.get(node) is not None:
        t = came[node]
        assert t is not None
        path.append(t)
        node = t.a if t.b == node else t.b
    return list(reversed(path))


__all__ += ["network_index", "linked_decision_rows", "LinkedGroup", "linked_groups", "tie_path"]
