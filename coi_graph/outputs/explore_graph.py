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
    match_score_text,
    edge_kind_label,
    step_text,
    match_detail_text,
    match_reason_text,
    node_kind_label,
    role_label,
    ui,
    validity_text,
)
from ..findings import Finding, as_finding, step_key
from ..schema import EDGE_KINDS, IDENTIFIER_KINDS, NODE_KINDS

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
IDENTIFIER_LABEL_MAX = 20
EDGE_LABEL_MAX = 36

_FALLBACK_COLOR = "#7f7f7f"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,80}")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}


#: Unicode direction controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends): in a name from
#: the data they reverse what follows on screen ("Jan" + U+202E + "gpj.exe" shows as
#: "Janexe.jpg"), so the pages show U+FFFD (a visible replacement mark) instead.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


#: What script_json rewrites in one pass: HTML-significant characters, line separators and
#: direction controls (the last become U+FFFD).
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def no_bidi(value: Any) -> Any:
    """``value`` with direction controls made visible; Markup stays Markup, non-text as is."""
    if isinstance(value, str):
        if value.isascii():  # the common case, and cheap: every {{ }} of every page
            return value
        out = BIDI_CONTROLS.sub("\ufffd", str(value))
        return out if type(value) is str else type(value)(out)  # Markup stays Markup
    return value


def script_json(data: Any) -> Markup:
    """JSON that can sit inside ``<script>`` untouched by the HTML parser.

    ``<``, ``>`` and ``&`` become ``\\u003c`` ... so no value can close the element or open
    a comment, and U+2028/2029 are escaped for older JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    if "<" not in text and ">" not in text and "&" not in text and _no_wide_char(text):
        return Markup(text)  # nothing to rewrite: skip the scan (a page's graph, 10,000 times)
    return Markup(_SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES.get(m.group(0), "\ufffd"), text))


def _no_wide_char(text: str) -> bool:
    """Whether ``text`` has no character above U+00FF (every unsafe one but ``<>&`` is):
    O(1) for ASCII text, one C-speed copy for Latin-1 (Dutch names), else False."""
    if text.isascii():
        return True
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


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


def _wrap(text: str, width: int = 20) -> str:
    """A link label on at most two lines of about ``width`` characters, so a long label
    does not push the path's nodes apart until the page must zoom out to unreadable."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width + 1)
    if cut <= 0:
        cut = text.find(" ", width)
    if cut <= 0:
        return text
    rest = text[cut + 1:]
    return text[:cut] + "\n" + (rest if len(rest) <= width + 4 else rest[: width + 2] + "…")


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
    #: vis-ready nodes and links by (key, role, lang): a busy person or organization is on
    #: hundreds of finding pages, and its words and colours are the same on each
    cache: dict[tuple[str, str, str, str], dict[str, Any]] = field(default_factory=dict)

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


def _vis_node(key: str, kind: str, label: str, role: str, lang: str,
              department: str | None = None) -> dict[str, Any]:
    color, shape = _node_style(kind)
    # an address, IBAN, phone or e-mail is recognised by its start; the full value is one
    # click away, and a long one would cover the links beside it
    limit = IDENTIFIER_LABEL_MAX if kind in IDENTIFIER_KINDS else LABEL_MAX
    return {"id": key, "label": _short(label, limit), "full": label, "kind": kind,
            "kind_label": node_kind_label(kind, lang), "role": role, "color": color,
            "shape": shape, "department": department or "",
            "border": NODE_KINDS[kind].border if kind in NODE_KINDS else "solid"}


def _cached_node(ctx: ContextGraph, key: str, kind: str, label: str, role: str, lang: str,
                 department: str | None = None) -> dict[str, Any]:
    ck = ("n", key, role, lang)
    hit = ctx.cache.get(ck)
    if hit is None or hit["full"] != label or hit["kind"] != kind:
        hit = ctx.cache[ck] = _vis_node(key, kind, label, role, lang, department)
    return dict(hit)


def _cached_edge(ctx: ContextGraph, eid: str, e: dict[str, Any], role: str, lang: str
                 ) -> dict[str, Any]:
    ck = ("e", eid, role, lang)
    hit = ctx.cache.get(ck)
    if hit is None or hit["from"] != str(e["source"]) or hit["to"] != str(e["target"]):
        hit = ctx.cache[ck] = _vis_edge(eid, e, role, lang)
    return dict(hit)


def _match(m: Any, lang: str) -> dict[str, Any] | None:
    if not isinstance(m, dict):
        return None
    score = m.get("score")
    label, value = match_score_text(m, lang)
    return {"reason": match_reason_text(str(m.get("reason") or ""), lang),
            "detail": match_detail_text(str(m.get("detail") or ""), lang, m.get("features"),
                                        m.get("band"), m.get("judgement")),
            "score": float(score) if isinstance(score, (int, float)) else None,
            "fuzzy": bool(m.get("fuzzy")), "score_label": label, "score_text": value,
            # a "possible same person" is drawn dotted and labelled, not by colour alone
            "band": str(m.get("band") or "")}


def _vis_edge(eid: str, e: dict[str, Any], role: str, lang: str) -> dict[str, Any]:
    kind = str(e.get("kind", ""))
    label = step_text(e, lang)  # from the label code; older runs: from the Dutch label
    validity = validity_text(e.get("valid_from"), e.get("valid_until"), lang)
    return {
        "id": eid, "from": str(e["source"]), "to": str(e["target"]), "kind": kind,
        "kind_label": edge_kind_label(kind, lang), "label": label,
        "short": _wrap(_short(label, EDGE_LABEL_MAX)),
        # a gift or decision carries its date in the label already: say it once
        "validity_short": "" if validity and validity in label else validity,
        "validity": validity,
        "declared": bool(e.get("declared")), "evidence": _as_list(e.get("evidence")),
        "match": _match(e.get("match"), lang), "role": role, "color": _edge_color(kind),
    }


def finding_graph(finding: Finding | dict[str, Any], ctx: ContextGraph, lang: str = "nl",
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
    finding = as_finding(finding)
    main, others = finding.path, finding.other_paths

    for role, path in [("path", main), *(("other", p) for p in others)]:
        for n in path.nodes:
            key = str(n["key"])
            if key not in nodes:
                known = ctx.nodes.get(key, {})
                nodes[key] = _cached_node(ctx, key, str(n.get("kind", "")),
                                          str(n.get("label", key)), role, lang,
                                          known.get("department"))
        for s in path.steps:
            eid = step_key(s)
            if eid not in edges:
                edges[eid] = _vis_edge(eid, s.to_json(), role, lang)

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
            if other in nodes:  # a link between two nodes already on the page: labelled
                edges[eid] = _cached_edge(ctx, eid, e, "context", lang)
                edges[eid]["inner"] = True
                continue
            if shown >= max_context:
                hidden += 1
                continue
            n = ctx.nodes.get(other, {"kind": other.split(":", 1)[0], "label": other})
            nodes[other] = _cached_node(ctx, other, str(n.get("kind", "")),
                                        str(n.get("label", other)), "context", lang,
                                        n.get("department"))
            edges[eid] = _cached_edge(ctx, eid, e, "context", lang)
            shown += 1
        if hidden:
            truncated[key] = hidden

    _add_role_edge(finding, nodes, edges, lang)
    main_keys = main.node_keys
    other_keys = [p.node_keys for p in others]
    # room for the longest link label on the path, so labels do not run into the nodes
    longest = max((len(line) for e in edges.values() if e["role"] == "path"
                   for line in e["short"].split("\n")), default=0)
    _layout_finding(nodes, edges, main_keys, other_keys,
                    spacing=max(280.0, 8.5 * longest + 90.0))
    return {"nodes": list(nodes.values()), "edges": list(edges.values()),
            "truncated": truncated, "physics": False}


def _add_role_edge(finding: Finding, nodes: dict[str, dict[str, Any]],
                   edges: dict[str, dict[str, Any]], lang: str) -> None:
    decision = f"decision:{finding.decision_id}" if finding.decision_id else ""
    subject = f"employee:{finding.subject_id}" if finding.subject_id else ""
    role = finding.subject_role
    if not (decision in nodes and subject in nodes and role):
        return
    if any(e["from"] == subject and e["to"] == decision
           or e["from"] == decision and e["to"] == subject for e in edges.values()):
        return  # (subject and decision differ: "employee:..." and "decision:...")
    last = [e for e in edges.values() if decision in (e["from"], e["to"]) and e["role"] == "path"]
    eid = f"role:{subject}:{decision}"
    edges[eid] = {
        "id": eid, "from": subject, "to": decision, "kind": "decision",
        "kind_label": edge_kind_label("decision", lang), "label": role_label(role, lang),
        "short": role_label(role, lang), "validity_short": "",
        "validity": "", "declared": True,
        "evidence": last[0]["evidence"] if last else [], "match": None, "role": "derived",
        "color": _edge_color("decision"),
    }


def _fan_offsets(down: bool, rings: int = 12) -> list[tuple[float, float]]:
    """Places around an anchor, nearest first: rings of growing radius, each an arc below
    (or above) it, the slots of each ring offset from the previous one so links do not run
    through nodes."""
    out = []
    sign = 1.0 if down else -1.0
    for ring in range(rings):
        r = 0.5 + 0.36 * ring
        count = max(3, int(r * 2.1 / 0.3))
        for j in range(count):
            # centre first, then alternately right and left
            k = (j + 1) // 2 * (1 if j % 2 else -1)
            frac = 0.5 + k / count + (0.5 / count if ring % 2 else 0.0)
            if 0.0 <= frac <= 1.0:
                angle = math.radians(25 + 130 * frac)
                out.append((r * math.cos(angle), sign * r * math.sin(angle)))
    return out


_FAN = {True: _fan_offsets(True), False: _fan_offsets(False)}
_CELL = 0.26
_AROUND = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


class _Occupancy:
    """A coarse grid of taken places: O(1) per check, so the layout stays linear.

    A place is free when no taken place lies in its cell or the eight around it; taking a
    place therefore blocks those nine cells at once, and a check is one set lookup (the
    layout checks about three places for every one it takes)."""

    def __init__(self) -> None:
        self.blocked: set[tuple[int, int]] = set()

    def free(self, x: float, y: float) -> bool:
        return (math.floor(x / _CELL), math.floor(y / _CELL)) not in self.blocked

    def take(self, x: float, y: float) -> None:
        cx, cy = math.floor(x / _CELL), math.floor(y / _CELL)
        left, right, up, down = cx - 1, cx + 1, cy - 1, cy + 1
        self.blocked.update(((left, up), (left, cy), (left, down), (cx, up), (cx, cy),
                             (cx, down), (right, up), (right, cy), (right, down)))


#: Nodes of an evidence path on one line of a finding page's graph (see _layout_finding).
PATH_ROW = 5
LINE_GAP = 1.4


def _layout_finding(nodes: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]],
                    main_keys: list[str], other_keys: list[list[str]] | None = None,
                    spacing: float = 300.0) -> None:
    """A deterministic layout in linear time (no force simulation: 10,000 finding pages
    must build in seconds, and a page must look the same on every build).

    The evidence path lies on a horizontal line, left to right as ``path`` reads; each other
    path runs on its own row below it between the path nodes it joins; context nodes take
    the free places on arcs below their neighbour (above for the row's first node when the
    space below is taken), never on a place already used.
    """
    adj: dict[str, list[str]] = defaultdict(list)
    for e in edges.values():
        if e["from"] in nodes and e["to"] in nodes and e["role"] != "derived":
            adj[e["from"]].append(e["to"])
            adj[e["to"]].append(e["from"])
    occ = _Occupancy()
    pos: dict[str, tuple[float, float]] = {}

    def put(k: str, x: float, y: float) -> None:
        pos[k] = (x, y)
        occ.take(x, y)

    fixed = [k for k in dict.fromkeys(main_keys) if k in nodes]
    # a long path (a supplier network, a holding chain) turns back on a second line, as a
    # snake, so the page still opens at a readable zoom; up to PATH_ROW nodes keep one line
    width = min(len(fixed), PATH_ROW)
    mid = (width - 1) / 2
    for i, k in enumerate(fixed):
        line, col = divmod(i, PATH_ROW)
        if line % 2:
            col = PATH_ROW - 1 - col
        put(k, col - mid, LINE_GAP * line)
    below = LINE_GAP * ((len(fixed) - 1) // PATH_ROW if fixed else 0)
    for row, keys in enumerate(other_keys or []):
        keys = [k for k in keys if k in nodes]
        y = below + 0.75 + 0.5 * row
        placed = [i for i, k in enumerate(keys) if k in pos]
        for i, k in enumerate(keys):
            if k in pos:
                continue
            before = max((j for j in placed if j < i), default=None)
            after = min((j for j in placed if j > i), default=None)
            if before is not None and after is not None:
                x0, x1 = pos[keys[before]][0], pos[keys[after]][0]
                x = x0 + (x1 - x0) * (i - before) / (after - before)
            elif before is not None:
                x = pos[keys[before]][0] + 0.6 * (i - before)
            elif after is not None:
                x = pos[keys[after]][0] - 0.6 * (after - i)
            else:
                x = 0.6 * i
            while not occ.free(x, y):
                y += 0.3
            put(k, x, y)
    # context (and anything else) breadth first from the placed nodes
    queue = list(pos) or list(nodes)[:1]
    if queue and queue[0] not in pos:
        put(queue[0], 0.0, 0.0)
    seen = set(queue)
    i = 0
    while i < len(queue):
        anchor = queue[i]
        i += 1
        ax, ay = pos[anchor]
        fan = _FAN[ay >= 0]
        at = 0
        for nb in adj.get(anchor, []):
            if nb in seen:
                continue
            seen.add(nb)
            queue.append(nb)
            # a context node between two nodes of the path line (a second identifier two
            # suppliers share) goes below the middle of them, deep enough that its links'
            # labels stay clear of the labels on the line
            on_line = [pos[o][0] for o in adj.get(nb, []) if o in pos and pos[o][1] == 0.0]
            if len(on_line) >= 2 and occ.free(sum(on_line) / len(on_line), 0.9):
                put(nb, sum(on_line) / len(on_line), 0.9)
                continue
            # bounded: on a crowded page a node may end up on a taken place
            while at < len(fan) - 1 and not occ.free(ax + fan[at][0], ay + fan[at][1]):
                at += 1
            put(nb, ax + fan[at][0], ay + fan[at][1])
            at = min(at + 1, len(fan) - 1)
    rest = [k for k in nodes if k not in pos]
    for j, k in enumerate(rest):  # not connected to the path at all: a row at the bottom
        put(k, (j % 8) * 0.6, 2.5 + 0.4 * (j // 8))
    for k, (x, y) in pos.items():
        nodes[k]["x"] = round(float(x) * spacing, 1)
        nodes[k]["y"] = round(float(y) * spacing, 1)
    _curve_overlapping_edges(nodes, edges, fixed)


def _curve_overlapping_edges(nodes: dict[str, dict[str, Any]],
                             edges: dict[str, dict[str, Any]], line: list[str]) -> None:
    """Give an edge a curve when a straight line would lie on another one: two links between
    the same pair of nodes, or a link between two nodes of the path's line that passes
    through the nodes in between.  Their labels would otherwise be drawn on top of each
    other.  ``smooth`` is what vis-network takes; ``None`` keeps a straight line."""
    at = {k: i for i, k in enumerate(line)}
    seen: dict[tuple[str, str], int] = {}
    for e in edges.values():
        a, b = e["from"], e["to"]
        if e["role"] == "derived" or a not in nodes or b not in nodes:
            continue
        pair = (a, b) if a < b else (b, a)
        n = seen.get(pair, 0)
        seen[pair] = n + 1
        if a in at and b in at and abs(at[a] - at[b]) > 1:
            n += 1  # over the nodes in between
        if n == 0:
            e["smooth"] = None
            continue
        # vis-network bends curvedCW above the line for a link drawn left to right (and
        # curvedCCW for right to left).  A link over the path's line bows above it (other
        # paths and context are below); further links between one pair alternate sides.
        rightward = nodes[a]["x"] <= nodes[b]["x"]
        above = a in at and b in at or n % 2 == 1
        e["smooth"] = {"type": "curvedCW" if above == rightward else "curvedCCW",
                       "roundness": round(0.22 * ((n + 1) // 2) + 0.1, 2)}


def overview_graph(findings: list[Finding] | list[dict[str, Any]], ctx: ContextGraph,
                   lang: str = "nl",
                   max_nodes: int | None = None) -> dict[str, Any]:
    """Every node and link of ``graph.json`` with precomputed positions.

    Each connected component gets its own radial layout (linear time), scaled with its
    size; components are then packed in rows, largest first, so separate cases never
    overlap.  ``physics`` is only switched on for small maps.  Each node lists the findings
    it appears in (their index in ``findings``), so a click can lead to their pages.

    ``max_nodes`` keeps the map drawable: when the graph has more nodes, the largest
    components, until the rest fits, each become one *cluster* node (named after its most linked member, with its size) that lists its findings; its
    members stay searchable (``members``: label, key, cluster id, findings).
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
    for i, f in enumerate(map(as_finding, findings)):
        keys: dict[str, None] = {}
        for p in [f.path, *f.other_paths]:
            for k in p.node_keys:
                keys.setdefault(k, None)
        for k in keys:
            if k in nodes:
                in_findings[k].append(i)
    for k, idx in in_findings.items():
        nodes[k]["findings"] = idx
    members: list[list[Any]] = []
    if max_nodes is not None and len(nodes) > max_nodes:
        # first the decisions, which are most of a dense run's nodes (one per contract):
        # folded per counterparty, the people and organizations stay on the map
        nodes, edges, members = _fold_decisions(nodes, edges, lang)
    if max_nodes is not None and len(nodes) > max_nodes:
        nodes, edges, collapsed = _collapse(nodes, edges, max_nodes, lang)
        into = {m[1]: m[2] for m in collapsed}
        members = [[m[0], m[1], into.get(m[2], m[2]), m[3]] for m in members] + collapsed
    components = _layout_overview(nodes, edges.values())
    return {"nodes": list(nodes.values()), "edges": list(edges.values()),
            "components": components,
            "physics": len(nodes) <= PHYSICS_MAX_NODES, "members": members,
            "clusters": sum(1 for n in nodes.values() if n.get("kind") == "cluster"),
            "decision_groups": sum(1 for n in nodes.values()
                                   if n.get("cluster") and n.get("kind") == "decision")}


def _fold_decisions(nodes: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]],
                    lang: str
                    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], list[list[Any]]]:
    """The decisions with one counterparty (the organization or applicant they link to;
    else their first neighbour) as one node with their number, when there are two or more.

    A dense run is thousands of contracts with a few suppliers: collapsing its one big
    component into a single node left an overview of one dot.  Folded, the map shows who
    is linked to whom and which employees decided on each supplier's contracts; each
    decision stays searchable (``members``) and its findings one click away.  Links to the
    folded decisions become one link per (end, kind), named by the kind."""
    nbrs: dict[str, set[str]] = defaultdict(set)
    for e in edges.values():
        nbrs[e["from"]].add(e["to"])
        nbrs[e["to"]].add(e["from"])
    groups: dict[str, list[str]] = defaultdict(list)
    for k, n in nodes.items():
        if n["kind"] != "decision" or not nbrs[k]:
            continue
        parties = sorted(x for x in nbrs[k] if nodes[x]["kind"] not in ("employee", "decision"))
        groups[parties[0] if parties else min(nbrs[k])].append(k)
    t = ui(lang)
    kept = dict(nodes)
    where: dict[str, str] = {}
    members: list[list[Any]] = []
    for anchor in sorted(groups):
        ds = sorted(groups[anchor])
        if len(ds) < 2:
            continue
        cid = f"decisions:{anchor}"
        label = t["decisions_of"].format(n=len(ds), name=nodes[anchor]["full"])
        node = _vis_node(cid, "decision", label, "path", lang)
        node.update(cluster=len(ds), label=_short(label, 48),
                    findings=sorted({i for d in ds for i in nodes[d].get("findings", [])}))
        kept[cid] = node
        for d in ds:
            del kept[d]
            where[d] = cid
            members.append([nodes[d]["full"], d, cid, nodes[d].get("findings", [])])
    folded: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str, str]] = set()
    for eid, e in edges.items():
        a, b = where.get(e["from"], e["from"]), where.get(e["to"], e["to"])
        if (a, b) == (e["from"], e["to"]):
            folded[eid] = e
        elif a != b and (a, b, e["kind"]) not in seen:
            seen.add((a, b, e["kind"]))
            name = edge_kind_label(e["kind"], lang)
            folded[eid] = {**e, "from": a, "to": b, "label": name, "short": name,
                           "validity": "", "validity_short": "", "evidence": [], "match": None}
    return kept, folded, members


_CLUSTER_TEXT = {"nl": "{name} en {n} andere", "en": "{name} and {n} others"}


def _collapse(nodes: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]],
              max_nodes: int, lang: str
              ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], list[list[Any]]]:
    """Components drawn whole (smallest first) while they fit in ``max_nodes``; each other
    component as one cluster node.  Returns the nodes, links and searchable members."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges.values())
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    kept: dict[str, dict[str, Any]] = {}
    members: list[list[Any]] = []
    left = len(nodes)
    for comp in comps:
        if left <= max_nodes:  # the rest fits: draw it whole
            for k in comp:
                kept[k] = nodes[k]
            continue
        left -= len(comp) - 1
        hub = min(comp, key=lambda k: (-g.degree(k), k))
        cid = f"cluster:{hub}"
        found = sorted({i for k in comp for i in nodes[k].get("findings", [])})
        label = _CLUSTER_TEXT[lang if lang in _CLUSTER_TEXT else "en"].format(
            name=nodes[hub]["full"], n=len(comp) - 1)
        kept[cid] = {"id": cid, "label": _short(label, 48), "full": label, "kind": "cluster",
                     "kind_label": "", "role": "path", "color": _FALLBACK_COLOR,
                     "shape": "dot", "department": "", "cluster": len(comp),
                     "findings": found}
        members.extend([nodes[k]["full"], k, cid, nodes[k].get("findings", [])] for k in comp)
    return kept, {i: e for i, e in edges.items() if e["from"] in kept and e["to"] in kept}, \
        members


def _radial_layout(g: nx.Graph, comp: list[str], sep: float = 1.6
                   ) -> dict[str, tuple[float, float]]:
    """A radial tree layout of one component, in linear time and without scipy: the node
    with most links in the middle, every other node on the ring of its distance from it,
    each subtree in its own wedge (sized by its number of leaves), so no two nodes share a
    place and links of one subtree do not cross another's.  Rings are far enough apart
    that neighbouring leaves on the outer ring are ``sep`` units apart.

    A force layout (networkx's spring layout) is quadratic per iteration and, from 500
    nodes on, needs scipy: a component of 15,000 nodes took minutes.
    """
    members = set(comp)
    root = min(comp, key=lambda k: (-g.degree(k), k))
    parent: dict[str, str | None] = {root: None}
    children: dict[str, list[str]] = defaultdict(list)
    order = [root]
    depth = {root: 0}
    i = 0
    while i < len(order):
        k = order[i]
        i += 1
        for nb in sorted(g.adj[k]):
            if nb in members and nb not in parent:
                parent[nb] = k
                depth[nb] = depth[k] + 1
                children[k].append(nb)
                order.append(nb)
    leaves: dict[str, int] = {}
    for k in reversed(order):
        leaves[k] = sum(leaves[c] for c in children[k]) or 1
    total = leaves[root]
    max_depth = max(depth.values())
    # the outer ring must give each leaf sep units of arc; inner rings follow linearly
    ring = max(2.0, sep * total / (2 * math.pi) / max_depth)
    wedge: dict[str, tuple[float, float]] = {root: (0.0, 2 * math.pi)}
    pos: dict[str, tuple[float, float]] = {root: (0.0, 0.0)}
    for k in order:
        lo, hi = wedge[k]
        start = lo
        for c in children[k]:
            span = (hi - lo) * leaves[c] / leaves[k]
            wedge[c] = (start, start + span)
            angle = start + span / 2
            r = ring * depth[c]
            pos[c] = (r * math.cos(angle), r * math.sin(angle))
            start += span
    return pos


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
            # room for the label (about 10 px a character at the overview's font), so the
            # names of neighbouring single nodes and clusters never run into each other
            radius = max(unit * 0.6, 5.5 * len(str(nodes[comp[0]].get("label", ""))))
        elif n == 2:
            local = {comp[0]: (-1.0, 0.0), comp[1]: (1.0, 0.0)}
            radius = unit * 1.6
        else:
            local = _radial_layout(g, comp)
            radius = unit * max(1.0, max(math.hypot(x, y) for x, y in local.values()))
        local = {k: (x * unit, y * unit) for k, (x, y) in local.items()}
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
