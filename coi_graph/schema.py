"""Node kinds, edge kinds and rule codes: the one place that says what the graph holds.

The embedded engine, the Cypher queries, the browser legend and the reports all read
these tables, so adding a kind or a rule starts here (plus its Cypher twin in
``queries/`` and its tests).

>>> RULES["self_interest"].decision_based
True
>>> EDGE_KINDS["family"].declared
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NodeKind",
    "EdgeKind",
    "Rule",
    "NODE_KINDS",
    "EDGE_KINDS",
    "RULES",
    "LINK_RULE_PRECEDENCE",
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


@dataclass(frozen=True)
class EdgeKind:
    """A kind of link.  ``declared`` says whether the link comes from the integrity register
    (or HR's declared relatives) rather than being found by the analyzer."""

    code: str
    label_nl: str
    label_en: str
    declared: bool
    color: str


@dataclass(frozen=True)
class Rule:
    """A rule code of the data contract."""

    code: str
    title_nl: str
    title_en: str
    decision_based: bool
    description: str
    description_nl: str = ""


NODE_KINDS: dict[str, NodeKind] = {
    k.code: k
    for k in [
        NodeKind("employee", "Medewerker", "Employee", "#1f77b4", "dot"),
        NodeKind("relative", "Familielid", "Relative", "#9467bd", "dot"),
        NodeKind("organization", "Organisatie", "Organization", "#ff7f0e", "square"),
        NodeKind("officer", "KvK-functionaris", "KvK officer", "#e6550d", "dot"),
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
        EdgeKind("officer", "KvK-functie", "KvK officer", False, "#ff7f0e"),
        EdgeKind("same_person", "zelfde persoon", "same person", False, "#2ca02c"),
        EdgeKind("identifier", "gedeeld kenmerk", "shared identifier", False, "#8c564b"),
        EdgeKind("gift", "geschenk", "gift", True, "#e377c2"),
        EdgeKind("decision", "besluit", "decision", True, "#7f7f7f"),
    ]
}

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule(
            "self_interest",
            "Eigen belang bij de wederpartij",
            "Own interest in the counterparty",
            True,
            "The handler or approver of a contract is linked to the counterparty themself: "
            "interest, side function, own business, position or KvK officer role.",
            "De behandelaar of goedkeurder van een contract is zelf verbonden met de wederpartij: een belang, nevenfunctie, eigen bedrijf, functie of KvK-inschrijving.",
        ),
        Rule(
            "relative_interest",
            "Belang van een familielid bij de wederpartij",
            "A relative's interest in the counterparty",
            True,
            "A relative of the handler or approver is linked to the counterparty organization.",
            "Een familielid van de behandelaar of goedkeurder is verbonden met de wederpartij.",
        ),
        Rule(
            "allocation_to_self",
            "Woning toegewezen aan zichzelf",
            "Home allocated to oneself",
            True,
            "A housing decision handled or approved by the applicant themself.",
            "Een woonruimtebesluit dat de woningzoekende zelf heeft behandeld of goedgekeurd.",
        ),
        Rule(
            "allocation_to_relative",
            "Woning toegewezen aan een familielid",
            "Home allocated to a relative",
            True,
            "A housing decision whose applicant is a declared relative of the handler or approver.",
            "Een woonruimtebesluit voor een gemeld familielid van de behandelaar of goedkeurder.",
        ),
        Rule(
            "shared_identifier",
            "Niet-gemelde verbinding via gedeeld adres, IBAN, telefoon of e-mail",
            "Undeclared link through a shared address, IBAN, phone or e-mail",
            True,
            "The handler or approver, or a declared relative, shares an address, IBAN, phone or "
            "e-mail with the counterparty.",
            "De behandelaar of goedkeurder, of een gemeld familielid, deelt een adres, IBAN, telefoonnummer of e-mailadres met de wederpartij.",
        ),
        Rule(
            "gift_before_decision",
            "Geschenk van de wederpartij vóór het besluit",
            "Gift from the counterparty before the decision",
            True,
            "The handler or approver received a gift or invitation from the counterparty within "
            "the policy window before the decision.",
            "De behandelaar of goedkeurder kreeg binnen de beleidstermijn vóór het besluit een geschenk of uitnodiging van de wederpartij.",
        ),
        Rule(
            "undeclared_interest",
            "Niet-gemelde KvK-functie bij een zakelijke relatie",
            "Undeclared KvK role at a business relation",
            False,
            "An employee or relative is a KvK officer of a business relation without a matching "
            "approved declaration.",
            "Een medewerker of familielid staat in het KvK-register bij een zakelijke relatie, zonder goedgekeurde melding.",
        ),
        Rule(
            "unapproved_side_function",
            "Nevenfunctie zonder toestemming",
            "Side function without permission",
            False,
            "A side function or own business that is active but not approved.",
            "Een nevenfunctie of eigen bedrijf dat loopt zonder toestemming.",
        ),
        Rule(
            "gift_rule_breach",
            "Overtreding van de geschenkenregeling",
            "Breach of the gift rules",
            False,
            "Money accepted, a gift above the policy value not handed in, or an invitation not "
            "reported.",
            "Geld aangenomen, een geschenk boven de grens niet ingeleverd, of een uitnodiging niet gemeld.",
        ),
    ]
}

#: Who a decision names, as a graph edge from the decision to the person (Dutch, English).
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "handled_by": ("behandelaar", "handler"),
    "approved_by": ("goedkeurder", "approver"),
    "requested_by": ("aanvrager", "requester"),
}

#: For one decision, subject and counterparty only the most specific link rule becomes a
#: finding; the other paths are kept as supporting evidence on it.
LINK_RULE_PRECEDENCE: tuple[str, ...] = (
    "allocation_to_self",
    "self_interest",
    "allocation_to_relative",
    "relative_interest",
    "shared_identifier",
)


def node_key(kind: str, ident: str) -> str:
    """The graph key of a node: ``kind:id``, the form used in ``path_nodes``.

    >>> node_key("employee", "E007")
    'employee:E007'
    """
    return f"{kind}:{ident}"
