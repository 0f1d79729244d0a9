"""Graph data for the explore pages: one finding's neighbourhood and the overview map.

The browser only draws; everything it needs is decided here, in Python, where it can be
tested: which nodes and links belong on a finding's page (its evidence path, its other paths,
and one step of context from ``graph.json``), their colours and shapes (from
:mod:`coi_graph.schema`), their labels in the reader's language, and the node positions.
Positions are precomputed (networkx spring layout, components packed in rows) so that even
an overview of thousands of nodes opens without the browser simulating physics.

Nothing here produces HTML: values stay plain text and are embedded with
:func:`script_json`, which makes them safe inside a ``<script>`` element.

>>> str(script_json({"name": "</script><b>"}))
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from markupsafe import Markup

from .explore_text import (
    edge_kind_label,
    link_label_text,
    match_detail_text,
    match_reason_text,
    node_kind_label,
    role_label,
    validity_text,
)
from .schema import EDGE_KINDS, NODE_KINDS

__all__ = [
    "script_json",
    "page_name",
    "ContextGraph",
    "finding_graph",
    "overview_graph",
    "PHYSICS_MAX_NODES",
    "MAX_CONTEXT_PER_NODE",
]

#: Above this many nodes the overview is drawn static (physics off): a browser simulating
#: thousands of bodies freezes for seconds and the picture never settles.
PHYSICS_MAX_NODES = 300
#: Context neighbours shown per path node on a finding page; more would bury the path.
MAX_CONTEXT_PER_NODE = 12
#: Node labels longer than this are cut on the canvas (the panel shows them whole).
LABEL_MAX = 32
EDGE_LABEL_MAX = 36

_FALLBACK_COLOR = "#7f7f7f"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,80}")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> Markup:
    """JSON that can sit inside ``<script>`` untouched by the HTML parser.

    ``<``, ``>`` and ``&`` become ``\\u003c`` ... so no value can close the element or open
    a comment, and U+2028/2029 are escaped for older JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group(0)], text))


def page_name(finding_id: str) -> str:
    """The file name of a finding's page.

    A scan's ids are ``F-`` plus hex, but ``findings.json`` is input too: an id that is not
    a plain token (``../x``, ``<b>``) gets a hashed name instead of becoming a path.

    >>> page_name("F-a8747bdcf6c9436c")
    'F-a8747bdcf6c9436c.html'
    >>> page_name("../../etc/passwd")
    'x-3754d6cb3a38e118.html'
    """
    if _SAFE_ID.fullmatch(finding_id):
        return f"{finding_id}.html"
    return "x-" + hashlib.sha256(finding_id.encode("utf-8")).hexdigest()[:16] + ".html"


def _short(label: str, limit: int = LABEL_MAX) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _node_style(kind: str) -> tuple[str, str]:
    k = NODE_KINDS.get(kind)
    return (k.color, k.shape) if k else (_FALLBACK_COLOR, "dot")


def _edge_color(kind: str) -> str:
    k = EDGE_KINDS.get(kind)
    return k.color if k else _FALLBACK_COLOR


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.split(";") if v]
    return [str(v) for v in value]


@dataclass
class ContextGraph:
    """``graph.json`` indexed for lookups: nodes by key, links by id, links per node."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, dict[str, Any]] = field(default_factory=dict)
    adjacency: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    truncated: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ContextGraph:
        cg = cls()
        data = data or {}
        for n in data.get("nodes", []):
            cg.nodes[str(n["key"])] = n
        for e in data.get("edges", []):
            eid = str(e.get("id") or f"{e['kind']}:{e['source']}:{e['target']}:{e.get('label')}")
            cg.edges[eid] = e
            cg.adjacency[str(e["source"])].append(eid)
            cg.adjacency[str(e["target"])].append(eid)
        cg.truncated = {str(k): int(v) for k, v in (data.get("truncated") or {}).items()}
        return cg


def _step_id(step: dict[str, Any]) -> str:
    """The same id ``graph.json`` gives a link: its link id, or kind:source:target:label."""
    return str(step.get("link_id") or
               f"{step['kind']}:{step['source']}:{step['target']}:{step.get('label')}")


def _vis_node(key: str, kind: str, label: str, role: str, lang: str,
              department: str | None = None) -> dict[str, Any]:
    color, shape = _node_style(kind)
    return {"id": key, "label": _short(label), "full": label, "kind": kind,
            "kind_label": node_kind_label(kind, lang), "role": role, "color": color,
            "shape": shape, "department": department or ""}


def _match(m: Any, lang: str) -> dict[str, Any] | None:
    if not isinstance(m, dict):
        return None
    score = m.get("score")
    return {"reason": match_reason_text(str(m.get("reason") or ""), lang),
            "detail": match_detail_text(str(m.get("detail") or ""), lang, m.get("features"),
                                        m.get("band"), m.get("judgement")),
            "score": float(score) if isinstance(score, (int, float)) else None,
            "fuzzy": bool(m.get("fuzzy"))}


def _vis_edge(eid: str, e: dict[str, Any], role: str, lang: str) -> dict[str, Any]:
    kind = str(e.get("kind", ""))
    k = EDGE_KINDS.get(kind)
    label = link_label_text(kind, str(e.get("label") or ""), lang)
    validity = validity_text(e.get("valid_from"), e.get("valid_until"), lang)
    return {
        "id": eid, "from": str(e["source"]), "to": str(e["target"]), "kind": kind,
        "kind_label": edge_kind_label(kind, lang), "label": label,
        "short": _short(label, EDGE_LABEL_MAX),
        # a gift or decision carries its date in the label already: say it once
        "validity_short": "" if validity and validity in label else validity,
        "validity": validity,
        "valid_from": e.get("valid_from"), "valid_until": e.get("valid_until"),
        "declared": bool(e.get("declared")), "evidence": _as_list(e.get("evidence")),
        "match": _match(e.get("match"), lang), "role": role, "color": _edge_color(kind),
        "schema_declared": bool(k.declared) if k else False,
    }


def finding_graph(finding: dict[str, Any], ctx: ContextGraph, lang: str = "nl",
                  max_context: int = MAX_CONTEXT_PER_NODE) -> dict[str, Any]:
    """Nodes and links of one finding's page, with positions.

    The evidence path is laid out as a straight chain from the subject (left) to the
    decision or counterparty (right), so it reads like the sentence in ``path``; other paths
    and context find their place around it.  When the subject decided on the decision but is
    not linked to it directly, a curved link names their role (handler, approver): that is
    the other half of the conflict.
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    main = finding.get("path_detail") or {"nodes": [], "steps": []}
    others = finding.get("other_paths") or []

    for role, path in [("path", main), *(("other", p) for p in others)]:
        for n in path.get("nodes", []):
            key = str(n["key"])
            if key not in nodes:
                known = ctx.nodes.get(key, {})
                nodes[key] = _vis_node(key, str(n.get("kind", "")), str(n.get("label", key)),
                                       role, lang, known.get("department"))
        for s in path.get("steps", []):
            eid = _step_id(s)
            if eid not in edges:
                edges[eid] = _vis_edge(eid, s, role, lang)

    core = list(nodes)
    truncated: dict[str, int] = {}
    for key in core:
        shown = 0
        hidden = ctx.truncated.get(key, 0)
        for eid in ctx.adjacency.get(key, []):
            if eid in edges:
                continue
            e = ctx.edges[eid]
            other = str(e["target"]) if str(e["source"]) == key else str(e["source"])
            if other in nodes:  # a link between two nodes already on the page
                edges[eid] = _vis_edge(eid, e, "context", lang)
                continue
            if shown >= max_context:
                hidden += 1
                continue
            n = ctx.nodes.get(other, {"kind": other.split(":", 1)[0], "label": other})
            nodes[other] = _vis_node(other, str(n.get("kind", "")), str(n.get("label", other)),
                                     "context", lang, n.get("department"))
            edges[eid] = _vis_edge(eid, e, "context", lang)
            shown += 1
        if hidden:
            truncated[key] = hidden

    _add_role_edge(finding, nodes, edges, lang)
    main_keys = [str(n["key"]) for n in main.get("nodes", [])]
    # room for the longest link label on the path, so labels do not run into the nodes
    longest = max((len(e["short"]) for e in edges.values() if e["role"] == "path"), default=0)
    _layout_finding(nodes, edges, main_keys, spacing=max(280.0, 9.0 * longest + 90.0))
    return {"nodes": list(nodes.values()), "edges": list(edges.values()),
            "truncated": truncated, "physics": False}


def _add_role_edge(finding: dict[str, Any], nodes: dict[str, dict[str, Any]],
                   edges: dict[str, dict[str, Any]], lang: str) -> None:
    decision = f"decision:{finding.get('decision_id')}" if finding.get("decision_id") else ""
    subject = f"employee:{finding.get('subject_id')}" if finding.get("subject_id") else ""
    role = str(finding.get("subject_role") or "")
    if not (decision in nodes and subject in nodes and role):
        return
    if any({e["from"], e["to"]} == {subject, decision} for e in edges.values()):
        return
    last = [e for e in edges.values() if decision in (e["from"], e["to"]) and e["role"] == "path"]
    eid = f"role:{subject}:{decision}"
    edges[eid] = {
        "id": eid, "from": subject, "to": decision, "kind": "decision",
        "kind_label": edge_kind_label("decision", lang), "label": role_label(role, lang),
        "short": role_label(role, lang), "validity_short": "",
        "validity": "", "valid_from": None, "valid_until": None, "declared": True,
        "evidence": last[0]["evidence"] if last else [], "match": None, "role": "derived",
        "color": _edge_color("decision"), "schema_declared": True,
    }


def _layout_finding(nodes: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]],
                    main_keys: list[str], spacing: float = 300.0) -> None:
    """Fix the evidence path on a horizontal line; let the rest settle around it."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges.values()
                     if e["from"] in nodes and e["to"] in nodes and e["role"] != "derived")
    fixed = [k for k in dict.fromkeys(main_keys) if k in nodes]
    pos: dict[str, tuple[float, float]] = {}
    mid = (len(fixed) - 1) / 2
    for i, k in enumerate(fixed):
        pos[k] = (i - mid, 0.0)
    # start each other node below or above a neighbour already placed, so the spring
    # layout only has to tidy up (and is the same on every run)
    placed_count: dict[str, int] = defaultdict(int)
    order = list(nx.bfs_tree(g, fixed[0]).nodes) if fixed else list(nodes)
    for k in order + [k for k in nodes if k not in order]:
        if k in pos:
            continue
        anchor = next((nb for nb in g.adj[k] if nb in pos), None)
        ax, ay = pos[anchor] if anchor else (0.0, 1.5)
        i = placed_count[anchor or ""]
        placed_count[anchor or ""] += 1
        angle = math.pi / 2 + (i + 1) // 2 * 0.55 * (1 if i % 2 else -1)
        # below the path (positive y is down): the curved role link arcs above it
        pos[k] = (ax + 0.6 * math.cos(angle), ay + 0.6 * abs(math.sin(angle)) + 0.1)
    if not fixed and len(nodes) > 1:  # no path to anchor on (a finding without path_detail)
        pos = nx.spring_layout(g, seed=7)
    elif len(nodes) > len(fixed):
        pos = nx.spring_layout(g, pos=pos, fixed=fixed, k=0.45, iterations=60, seed=7)
        # keep every other node clearly off the path's line, so the chain stays readable
        on_line = set(fixed)
        pos = {k: (x, y) if k in on_line or abs(y) >= 0.45 else (x, 0.45 if y >= 0 else -0.45)
               for k, (x, y) in pos.items()}
    for k, (x, y) in pos.items():
        nodes[k]["x"] = round(float(x) * spacing, 1)
        nodes[k]["y"] = round(float(y) * spacing, 1)


def overview_graph(findings: list[dict[str, Any]], ctx: ContextGraph, lang: str = "nl"
                   ) -> dict[str, Any]:
    """Every node and link of ``graph.json`` with precomputed positions.

    Each connected component gets its own spring layout, scaled with its size; components
    are then packed in rows, largest first, so separate cases never overlap.  ``physics`` is
    only switched on for small maps.  Each node lists the findings it appears in (their
    index in ``findings``), so a click can lead to their pages.
    """
    nodes: dict[str, dict[str, Any]] = {}
    for key, n in ctx.nodes.items():
        nodes[key] = _vis_node(key, str(n.get("kind", "")), str(n.get("label", key)),
                               "context" if n.get("context") else "path", lang,
                               n.get("department"))
    edges: dict[str, dict[str, Any]] = {}
    for eid, e in ctx.edges.items():
        for end in (str(e["source"]), str(e["target"])):
            if end not in nodes:  # a link to a node graph.json left out: show it anyway
                nodes[end] = _vis_node(end, end.split(":", 1)[0], end, "context", lang)
        edges[eid] = _vis_edge(eid, e, "context" if e.get("context") else "path", lang)
    in_findings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        keys: dict[str, None] = {}
        for p in [f.get("path_detail") or {}, *(f.get("other_paths") or [])]:
            for n in p.get("nodes", []):
                keys.setdefault(str(n["key"]), None)
        for k in _as_list(f.get("path_nodes")):
            keys.setdefault(k, None)
        for k in keys:
            if k in nodes:
                in_findings[k].append(i)
    for k, idx in in_findings.items():
        nodes[k]["findings"] = idx
    components = _layout_overview(nodes, edges.values())
    return {"nodes": list(nodes.values()), "edges": list(edges.values()),
            "components": components, "physics": len(nodes) <= PHYSICS_MAX_NODES}


def _layout_overview(nodes: dict[str, dict[str, Any]], edges: Iterable[dict[str, Any]],
                     unit: float = 40.0) -> int:
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    boxes: list[tuple[list[str], dict[str, tuple[float, float]], float]] = []
    for comp in comps:
        n = len(comp)
        if n == 1:
            local = {comp[0]: (0.0, 0.0)}
        elif n == 2:
            local = {comp[0]: (-0.5, 0.0), comp[1]: (0.5, 0.0)}
        else:
            sub = g.subgraph(comp)
            raw = nx.spring_layout(sub, seed=7, iterations=50 if n < 500 else 30)
            local = {k: (float(v[0]), float(v[1])) for k, v in raw.items()}
        radius = unit * (0.6 + math.sqrt(n))
        local = {k: (x * radius, y * radius) for k, (x, y) in local.items()}
        boxes.append((comp, local, radius))
    # shelf packing: rows about as wide as the whole map is tall
    area = sum((2 * r + unit) ** 2 for _, _, r in boxes)
    row_width = max(math.sqrt(area) * 1.3, 4 * unit)
    x = y = 0.0
    row_height = 0.0
    for _comp, local, r in boxes:
        size = 2 * r + unit
        if x > 0 and x + size > row_width:
            x, y = 0.0, y + row_height
            row_height = 0.0
        cx, cy = x + size / 2, y + size / 2
        for k, (lx, ly) in local.items():
            nodes[k]["x"] = round(cx + lx, 1)
            nodes[k]["y"] = round(cy + ly, 1)
        x += size
        row_height = max(row_height, size)
    return len(comps)
