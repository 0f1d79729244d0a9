"""The link-path rules as one family: a path from a handler or approver to the counterparty.

``self_interest``, ``relative_interest``, ``allocation_to_self``, ``allocation_to_relative``
and ``shared_identifier`` are the same search: every valid path of at most ``max_links``
links from a person who handled or approved a decision to its counterparty.  They are
selected together (embedded: one reach per person joined with the decision table, see
:meth:`coi_graph.detect.DetectionContext.networkx_link_candidates`; Neo4j: each rule's query
proposes candidate paths) and assembled together
(:meth:`~coi_graph.detect.DetectionContext.assemble_link_findings`): each path falls under
the rule whose :class:`~coi_graph.rules.base.LinkPattern` it matches, and per decision,
subject and counterparty the rule with the lowest ``precedence`` wins, the other paths
becoming its supporting evidence.  So which rule *wins* never depends on which rules are
reported; a disabled rule's findings are dropped only at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..links import Link
    from ..detect import DetectionContext, LinkCandidate
    from ..findings import Finding
    from .base import RuleSpec

__all__ = ["COMMON_SECTIONS", "FAMILY_SECTIONS", "link_rules", "classify", "select",
           "candidates_from_rows"]

#: Policy settings that can change whether a link-path finding exists (``coi diff``).
COMMON_SECTIONS = ("paths.", "subject_roles", "matching.", "declarations.inactive_statuses")
FAMILY_SECTIONS = (*COMMON_SECTIONS, "family.")


def link_rules() -> list[RuleSpec]:
    """The link-path rules, most specific first."""
    from . import RULES

    return sorted((r for r in RULES.values() if r.link is not None), key=lambda r: r.precedence)


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


def precedence(code: str) -> int:
    from . import RULES

    return RULES[code].precedence


def select(ctx: DetectionContext) -> list[Finding]:
    """The embedded engine: every handler's and approver's reach, joined with the decisions."""
    return ctx.assemble_link_findings(ctx.networkx_link_candidates(ctx.say))


def candidates_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[LinkCandidate]:
    """The rows of a link-path rule's Cypher query as candidate paths."""
    from ..detect import LinkCandidate

    return [LinkCandidate(r["decision_id"], r["subject_id"], tuple(r["link_ids"])) for r in rows]
