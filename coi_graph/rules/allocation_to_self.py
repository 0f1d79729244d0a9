"""``allocation_to_self``: a housing decision handled or approved by the applicant themself.

A link-path rule: selected and assembled with the other link-path rules
(:mod:`coi_graph.rules.link_paths`); for one decision, subject and counterparty the most
specific of them wins. Cypher twin: ``queries/allocation_to_self.cypher``.
"""

from __future__ import annotations

from .base import LinkPattern, RuleDefaults, RuleSpec
from .link_paths import OUT_OF_TURN, COMMON_SECTIONS

RULE = RuleSpec(
    code="allocation_to_self",
    inputs=(("allocations",),),
    title_nl='Woning toegewezen aan zichzelf',
    title_en='Home allocated to oneself',
    description_en=('A housing decision handled or approved by the applicant themself.'),
    description_nl=('Een woonruimtebesluit dat de woningzoekende zelf heeft behandeld of goedgekeurd.'),
    report_nl=('Een woning is toegewezen door of met goedkeuring van de woningzoekende zelf.'),
    decision_based=True,
    defaults=RuleDefaults(base_score=90, articles=('Leystromen 4, Woningtoewijzing', 'Woonpartners Bijlage I, Verdeling van woonruimte')),
    policy_sections=COMMON_SECTIONS,
    link=LinkPattern('applicant', needs=(), excludes=('family', 'identifier')),
    parts=OUT_OF_TURN,
    precedence=0,
    summary='a housing decision handled or approved by the applicant (or the co-applicant) themself',
)
