"""``relative_interest``: a relative (per policy: partner, household, direct line up to the 2nd degree) is so linked.

A link-path rule: selected and assembled with the other link-path rules
(:mod:`coi_graph.rules.link_paths`); for one decision, subject and counterparty the most
specific of them wins. Cypher twin: ``queries/relative_interest.cypher``.
"""

from __future__ import annotations

from .base import LinkPattern, RuleDefaults, RuleSpec
from .link_paths import FAMILY_SECTIONS

RULE = RuleSpec(
    code="relative_interest",
    inputs=(("relatives",), ("declarations", "officers")),
    title_nl='Belang van een familielid bij de wederpartij',
    title_en="A relative's interest in the counterparty",
    description_en=('A relative of the handler or approver is linked to the counterparty organization.'),
    description_nl=('Een familielid van de behandelaar of goedkeurder is verbonden met de wederpartij.'),
    report_nl=('Een familielid van de behandelaar of goedkeurder heeft een band met de '
                 'leverancier.'),
    decision_based=True,
    defaults=RuleDefaults(base_score=70, articles=('Leystromen 2.3', 'Woonpartners Bijlage I, (Privé)transacties')),
    policy_sections=FAMILY_SECTIONS,
    link=LinkPattern('organization', needs=('family',), excludes=('identifier',)),
    precedence=3,
    summary='a relative (per policy: partner, household, direct line up to the 2nd degree) is so linked',
)
