"""The link-path rules as one family: a path from a handler or approver to the counterparty.

``self_interest``, ``relative_interest``, ``allocation_to_self``, ``allocation_to_relative``
and ``shared_identifier`` are the same search: every valid path of at most ``max_links``
links from a person who handled or approved a decision to its counterparty.  They are
selected together (embedded: one reach per person joined with the decision table, see
:meth:`coi_graph.rules.detect.DetectionContext.networkx_link_candidates`; Neo4j: each rule's query
proposes candidate paths) and assembled together
(:meth:`~coi_graph.rules.detect.DetectionContext.assemble_link_findings`): each path falls under
the rule whose :class:`~coi_graph.rules.base.LinkPattern` it matches, and per decision,
subject and counterparty the rule with the lowest ``precedence`` wins, the other paths
becoming its supporting evidence.  So which rule *wins* never depends on which rules are
reported; a disabled rule's findings are dropped only at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .base import ScorePart

if TYPE_CHECKING:
    from ..graph.decisions import Decision
    from ..links import Link
    from .detect import DetectionContext, LinkCandidate
    from ..findings import Finding
    from .base import RuleSpec

__all__ = ["OUT_OF_TURN", "turn_parts", "COMMON_SECTIONS", "FAMILY_SECTIONS", "link_rules", "classify", "select",
           "candidates_from_rows"]

#: Policy settings that can change whether a link-path finding exists (``coi diff``).
COMMON_SECTIONS = ("paths.", "subject_roles", "matching.", "declarations.inactive_statuses")
FAMILY_SECTIONS = (*COMMON_SECTIONS, "family.")


#: An allocation to a linked applicant out of turn weighs more (Leystromen 4; Woonpartners
#: Bijlage I, Verdeling van woonruimte): the applicant was not first on the candidate list,
#: or the home was allocated directly instead of by the list.
OUT_OF_TURN: tuple[ScorePart, ...] = (
    ScorePart("not_first", 10, "the applicant was not first on the candidate list (rank {rank})",
              "de woningzoekende stond niet bovenaan de kandidatenlijst (plaats {rank})"),
    ScorePart("direct", 10, "allocated directly, not by the candidate list",
              "direct toegewezen (bemiddeling), niet via de kandidatenlijst"),
)
_PARTS = {p.code: p for p in OUT_OF_TURN}


def turn_parts(d: Decision) -> tuple[list[tuple[str, str, int]], dict[str, Any]]:
    """Score parts and details for an allocation out of turn (none for a contract, or an
    allocation without rank or basis).

    >>> from coi_graph.graph.decisions import Decision
    >>> d = Decision("A1", "allocations", 2, "rental", 1, "applicant:A1", "X", None, "", {},
    ...              extra={"rank": 4, "basis": "list"})
    >>> [points for _, _, points in turn_parts(d)[0]], turn_parts(d)[1]
    ([10], {'rank': 4})
    """
    rank, basis = d.extra.get("rank"), d.extra.get("basis")
    parts: list[tuple[str, str, int]] = []
    if isinstance(rank, int) and rank > 1:
        p = _PARTS["not_first"]
        parts.append((p.reason("en", rank=rank), p.reason("nl", rank=rank), p.points))
    if basis == "direct":
        p = _PARTS["direct"]
        parts.append((p.reason("en"), p.reason("nl"), p.points))
    # the list is the default way (ingest fills it in): only a rank or another basis is news
    details = {k: v for k, v in (("rank", rank), ("basis", basis))
               if v is not None and not (k == "basis" and v == "list")}
    return parts, details


def link_rules() -> list[RuleSpec]:
    """The link-path rules, most specific first (the registry's ``LINK_RULE_PRECEDENCE``)."""
    from . import LINK_RULE_PRECEDENCE, RULES

    return [RULES[code] for code in LINK_RULE_PRECEDENCE]


def classify(links: Iterable[Link], counterparty_kind: str) -> str:
    """The rule a valid path from a subject to a counterparty falls under: the first
    link-path rule, in precedence order, whose pattern the path matches.

    >>> from coi_graph.links import Link
    >>> classify([Link("declaration", "aandeelhouder")], "organization")
    'self_interest'
    >>> classify([Link("family", "child"), Link("officer", "bestuurder")], "organization")
    'relative_interest'
    >>> classify([Link("identifier", "IBAN"), Link("identifier", "IBAN")], "organization")
    'shared_identifier'
    >>> classify([Link("family", "child"), Link("same_person", "same name + birth date")], "applicant")
    'allocation_to_relative'
    """
    kinds = {lk.kind for lk in links}
    for rule in link_rules():
        assert rule.link is not None
        if rule.link.matches(kinds, counterparty_kind):
            return rule.code
    raise ValueError(f"no link-path rule matches a path of {sorted(kinds)} to a {counterparty_kind}")


def select(ctx: DetectionContext) -> list[Finding]:
    """The embedded engine: every handler's and approver's reach, joined with the decisions."""
    return ctx.assemble_link_findings(ctx.networkx_link_candidates(ctx.say))


def candidates_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[LinkCandidate]:
    """The rows of a link-path rule's Cypher query as candidate paths."""
    from .detect import LinkCandidate

    return [LinkCandidate(r["decision_id"], r["subject_id"], tuple(r["link_ids"])) for r in rows]
