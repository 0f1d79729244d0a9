"""The flagged sub-graph of a run, with one step of context, written as ``graph.json``.

The context includes the people each flagged decision names (handler, approver), as edges
from the decision, so a finding shows who else signed it.

Explore pages and reports need more than a finding's own path (who else is around the
handler, which other links the organization has), but must not need the source exports: a
run folder can be zipped and handed to compliance.  So the scan writes every node on a
flagged path, every link between them, and the direct neighbours of each (capped per node, so
one busy organization cannot swamp the picture).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..findings import Finding, step_key
from ..graph.build import LinkGraph
from ..links import Link, ordinal_to_iso
from ..schema import ROLE_LABELS

__all__ = ["context_graph", "write_context_graph", "MAX_NEIGHBOURS"]

MAX_NEIGHBOURS = 40


def context_graph(findings: list[Finding], lg: LinkGraph,
                  max_neighbours: int = MAX_NEIGHBOURS) -> dict[str, Any]:
    """Nodes and links of all flagged paths plus one step of context, as plain data."""
    g = lg.g
    extra_nodes: dict[str, dict[str, Any]] = {}
    #: the key graph.json's links are sorted by (see _layout_order)
    order: dict[str, str] = {}
    extra_edges: dict[str, dict[str, Any]] = {}
    core: set[str] = set()
    for f in findings:
        for p in [f.path, *f.other_paths]:
            for n in p.nodes:
                if n["key"] in g:
                    core.add(n["key"])
                else:  # decisions, applicants, organizations named only on a declaration
                    extra_nodes.setdefault(n["key"], {"key": n["key"], "kind": n["kind"],
                                                      "label": n["label"], "context": False})
            for s in p.steps:
                if s.link_id is None:
                    eid = step_key(s)
                    order.setdefault(eid, f"{s.kind}:{s.source}:{s.target}:{s.label}")
                    extra_edges.setdefault(eid, {
                            "id": eid, "source": s.source, "target": s.target, "kind": s.kind,
                            "label": s.label, "label_code": s.label_code,
                            "label_params": s.label_params, "valid_from": s.valid_from,
                            "valid_until": s.valid_until, "declared": s.declared,
                            "evidence": s.evidence, "match": s.match, "context": False})
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    truncated: dict[str, int] = {}

    def add_node(key: str, context: bool) -> None:
        if key in nodes:
            if not context:
                nodes[key]["context"] = False
            return
        data = g.nodes[key]
        nodes[key] = {"key": key, "kind": data["kind"], "label": data.get("label", key),
                      "department": data.get("department"), "context": context}

    def add_edges(a: str, b: str, context: bool) -> None:
        for key, d in g.get_edge_data(a, b, default={}).items():
            lk = d["link"]
            if key in edges:
                continue
            order[key] = _layout_order(a, b, lk)
            edges[key] = {
                "id": key, "source": a, "target": b, "kind": lk.kind, "label": lk.label,
                "label_code": lk.code, "label_params": lk.label_params,
                "valid_from": ordinal_to_iso(lk.lo), "valid_until": ordinal_to_iso(lk.hi),
                "declared": lk.declared, "evidence": list(lk.evidence),
                "match": None if lk.match is None else {
                    "reason": lk.match.reason, "detail": lk.match.detail,
                    "score": round(lk.match.score, 3), "fuzzy": lk.match.fuzzy,
                    # two records of one person: the score is a weight, not a similarity
                    **({"band": lk.match.band} if lk.match.features else {})},
                "context": context}

    for key in sorted(core):
        add_node(key, False)
    for key in sorted(core):
        # KvK officers who are no employee or relative (a supplier's other directors) are
        # shown only on a path: as context they bury it
        nbrs = [n for n in sorted(g.adj[key]) if n in core or g.nodes[n]["kind"] != "officer"]
        if len(nbrs) > max_neighbours:
            truncated[key] = len(nbrs) - max_neighbours
            nbrs = [n for n in nbrs if n in core] + [n for n in nbrs if n not in core]
            nbrs = nbrs[:max_neighbours]
        for nb in nbrs:
            add_node(nb, nb not in core)
            add_edges(key, nb, nb not in core)
    # the people a flagged decision names (handler, approver): the decision's own context
    for f in findings:
        roles = f.details.get("decision_roles") or {}
        dk = f"decision:{f.decision_id}"
        # one edge per person: who handled and approved the decision themself gets one
        # edge with both roles (two edges between the same nodes would hide each other)
        held: dict[str, list[str]] = {}
        for role, eid in sorted(roles.items()):
            held.setdefault(eid, []).append(role)
        for eid, rs in sorted(held.items()):
            ek = f"employee:{eid}"
            if not f.decision_id or ek not in g:
                continue
            add_node(ek, ek not in core)
            role = "+".join(rs)
            rid = f"role:{f.decision_id}:{role}:{eid}"
            edges.setdefault(rid, {
                "id": rid, "source": dk, "target": ek, "kind": "decision",
                "label": " + ".join(ROLE_LABELS.get(r, (r,))[0] for r in rs),
                "label_code": "role", "label_params": {"role": role},
                "valid_from": f.decision_date or None,
                "valid_until": f.decision_date or None, "declared": True,
                "evidence": [e for e in f.path.evidence if e.split(":")[0] in ("contracts", "allocations")],
                "match": None, "context": eid != f.subject_id})
    for k, v in extra_nodes.items():
        nodes.setdefault(k, v)
    for k, v in extra_edges.items():
        edges.setdefault(k, v)
    return {
        "nodes": [nodes[k] for k in sorted(nodes)],
        "edges": [edges[k] for k in sorted(edges, key=lambda k: order.get(k, k))],
        "truncated": truncated,
    }


def _layout_order(a: str, b: str, link: Link) -> str:
    """Where a link sorts in ``graph.json``.  A finding page lays its context out in this
    order, and the layout is sensitive to it (labels of links between context nodes can
    meet), so the links keep the order they had before link ids were hashed from label
    codes: a hash of the kind, the Dutch label, the ends and the record keys.  An order,
    never an id."""
    blob = "\x1f".join([link.kind, link.label, *sorted((a, b)), *(k for k, _ in link.records)])
    return "L-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def write_context_graph(findings: list[Finding], lg: LinkGraph, run_dir: Path) -> Path:
    path = Path(run_dir) / "graph.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(context_graph(findings, lg), ensure_ascii=False),  # C encoder
                   encoding="utf-8")
    from ..private_files import private_file

    private_file(tmp)  # personal data: the owner's only (see private_files)
    tmp.replace(path)
    return path
