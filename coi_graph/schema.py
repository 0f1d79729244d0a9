"""Node kinds and edge kinds: the one place that says what the graph holds.

The embedded engine, the Cypher queries, the browser legend and the reports all read
these tables, so adding a kind starts here.  The rules are in :mod:`coi_graph.rules`, one
module per rule, with their registry.

>>> EDGE_KINDS["family"].declared
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NodeKind",
    "EdgeKind",
    "NODE_KINDS",
    "EDGE_KINDS",
    "IDENTIFIER_KINDS",
    "ROLE_LABELS",
    "node_key",
]


@dataclass(frozen=True)
class NodeKind:
    """A kind of node in the link graph or on an evidence path."""

    code: str
    label_nl: str
    label_en: str
    color: str
    shape: str
    #: "dashed" draws the border dashed: with the shape it tells kinds apart that share a
    #: shape, for a reader who cannot tell the colours apart (the officer from the employee)
    border: str = "solid"


@dataclass(frozen=True)
class EdgeKind:
    """A kind of link.  ``declared`` says whether the link comes from the integrity register
    (or HR's declared relatives) rather than being found by the analyzer."""

    code: str
    label_nl: str
    label_en: str
    declared: bool
    color: str


NODE_KINDS: dict[str, NodeKind] = {
    k.code: k
    for k in [
        NodeKind("employee", "Medewerker", "Employee", "#1f77b4", "dot"),
        NodeKind("relative", "Familielid", "Relative", "#9467bd", "triangleDown"),
        NodeKind("organization", "Organisatie", "Organization", "#ff7f0e", "square"),
        NodeKind("officer", "KvK-functionaris", "KvK officer", "#e6550d", "dot", "dashed"),
        NodeKind("applicant", "Woningzoekende", "Applicant", "#2ca02c", "triangle"),
        NodeKind("decision", "Besluit", "Decision", "#7f7f7f", "diamond"),
        NodeKind("gift", "Geschenk", "Gift", "#e377c2", "star"),
        NodeKind("address", "Adres", "Address", "#8c564b", "hexagon"),
        NodeKind("iban", "IBAN", "IBAN", "#bcbd22", "hexagon"),
        NodeKind("phone", "Telefoon", "Phone", "#17becf", "hexagon"),
        NodeKind("email", "E-mail", "E-mail", "#d62728", "hexagon"),
    ]
}

IDENTIFIER_KINDS: tuple[str, ...] = ("address", "iban", "phone", "email")

EDGE_KINDS: dict[str, EdgeKind] = {
    k.code: k
    for k in [
        EdgeKind("family", "familie", "family", True, "#9467bd"),
        EdgeKind("declaration", "verklaring", "declaration", True, "#1f77b4"),
        # a line must stand out 3:1 from the white canvas (WCAG 1.4.11): the officer and
        # gift lines are darker than their nodes' fill (which have a dark border)
        EdgeKind("officer", "KvK-functie", "KvK officer", False, "#e07000"),
        EdgeKind("same_person", "zelfde persoon", "same person", False, "#2ca02c"),
        EdgeKind("identifier", "gedeeld kenmerk", "shared identifier", False, "#8c564b"),
        EdgeKind("gift", "geschenk", "gift", True, "#c8489e"),
        EdgeKind("decision", "besluit", "decision", True, "#7f7f7f"),
    ]
}

#: Who a decision names, as a graph edge from the decision to the person (Dutch, English).
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "handled_by": ("behandelaar", "handler"),
    "approved_by": ("goedkeurder", "approver"),
    "second_approved_by": ("tweede goedkeurder", "second approver"),
    "requested_by": ("aanvrager", "requester"),
}

def node_key(kind: str, ident: str) -> str:
    """The graph key of a node: ``kind:id``, the form used in ``path_nodes``.

    >>> node_key("employee", "E007")
    'employee:E007'
    """
    return f"{kind}:{ident}"
