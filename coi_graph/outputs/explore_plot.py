"""A finding's network as a static matplotlib figure, for notebooks and printed reports.

It draws exactly what the finding's explore page draws (the same nodes, links, colours,
shapes and positions from :func:`coi_graph.outputs.explore_graph.finding_graph`), so an analyst's
notebook and the compliance officer's browser show the same picture.  matplotlib is only
imported when a figure is asked for: the scan itself never needs it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .explore_graph import ContextGraph, finding_graph
from ..findings import read_findings

__all__ = ["plot_finding", "MARKERS"]

#: vis-network shapes (from the schema) as matplotlib markers.
MARKERS = {"dot": "o", "square": "s", "triangle": "^", "triangleDown": "v", "diamond": "D",
           "star": "*", "hexagon": "h"}


def plot_finding(run_dir: str | Path, finding_id: str, ax: Any = None, lang: str = "nl",
                 context: bool = True) -> Any:
    """Draw one finding of a run folder; returns the matplotlib Axes.

    Thick lines are the evidence path, dashed lines were not declared, faded nodes are
    context (``context=False`` leaves them out).
    """
    import matplotlib.pyplot as plt

    run = Path(run_dir)
    finding = next((f for f in read_findings(run) if f["finding_id"] == finding_id), None)
    if finding is None:
        raise KeyError(f"{finding_id}: not in {run / 'findings.json'}")
    graph_path = run / "graph.json"
    ctx = ContextGraph.from_json(
        json.loads(graph_path.read_text(encoding="utf-8")) if graph_path.exists() else None)
    g = finding_graph(finding, ctx, lang)
    nodes = {n["id"]: n for n in g["nodes"] if context or n["role"] != "context"}
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 5.5))
    for e in g["edges"]:
        if e["from"] not in nodes or e["to"] not in nodes:
            continue
        a, b = nodes[e["from"]], nodes[e["to"]]
        width = {"path": 3.5, "other": 2.0}.get(e["role"], 1.0)
        style = ":" if e["role"] == "derived" else "-" if e["declared"] else "--"
        alpha = 0.4 if e["role"] == "context" else 1.0
        (x1, y1), (x2, y2) = (a["x"], -a["y"]), (b["x"], -b["y"])
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        if e["role"] == "derived":  # the subject's role in the decision arcs over the path
            rad = -0.3
            ax.annotate("", (x2, y2), (x1, y1), zorder=1, arrowprops={
                "arrowstyle": "-", "linestyle": ":", "color": e["color"], "lw": width,
                "connectionstyle": f"arc3,rad={rad}", "shrinkA": 0, "shrinkB": 0})
            mx, my = mx + rad / 2 * (y2 - y1), my - rad / 2 * (x2 - x1)
        else:
            ax.plot([x1, x2], [y1, y2], style, color=e["color"], lw=width, alpha=alpha, zorder=1)
        if e["role"] != "context":
            ax.annotate(e["short"], (mx, my), ha="center",
                        va="center", fontsize=8, zorder=3,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    for n in nodes.values():
        on_path = n["role"] == "path"
        ax.scatter([n["x"]], [-n["y"]], s=420 if on_path else 160, c=n["color"],
                   marker=MARKERS.get(n["shape"], "o"), edgecolors="black" if on_path else "grey",
                   linewidths=2 if on_path else 0.5, alpha=0.5 if n["role"] == "context" else 1,
                   zorder=2)
        ax.annotate(n["label"], (n["x"], -n["y"]), xytext=(0, -18), textcoords="offset points",
                    ha="center", va="top", fontsize=9 if on_path else 7, zorder=3)
    ax.set_title(finding.get("path", ""), fontsize=9, wrap=True)
    ax.set_aspect("equal")
    ax.margins(0.12)
    ax.set_axis_off()
    return ax
