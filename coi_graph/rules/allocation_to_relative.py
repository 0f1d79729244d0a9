"""``allocation_to_relative``: the applicant is a declared relative of the handler or approver.

A link-path rule: selected and assembled with the other link-path rules
(:mod:`coi_graph.rules.link_paths`); for one decision, subject and counterparty the most
specific of them wins. Cypher twin: ``queries/allocation_to_relative.cypher``.
"""

from __future__ import annotations

from .base import LinkPattern, RuleDefaults, RuleSpec
from .link_paths import OUT_OF_TURN, FAMILY_SECTIONS

RULE = RuleSpec(
    code="allocation_to_relative",
    inputs=(("allocations",), ("relatives",)),
    title_nl='Woning toegewezen aan een familielid',
    title_en='Home allocated to a relative',
    description_en=('A housing decision whose applicant is a declared relative of the handler or approver.'),
    description_nl=('Een woonruimtebesluit voor een gemeld familielid van de behandelaar of goedkeurder.'),
    report_nl=('Een woning is toegewezen aan een gemeld familielid van de behandelaar of '
                 'goedkeurder.'),
    decision_based=True,
    defaults=RuleDefaults(base_score=80, articles=('Leystromen 4, Woningtoewijzing', 'Woonpartners Bijlage I, Verdeling van woonruimte')),
    policy_sections=FAMILY_SECTIONS,
    link=LinkPattern('applicant', needs=('family',), excludes=('identifier',)),
    parts=OUT_OF_TURN,
    precedence=2,
    summary='the applicant (or the co-applicant) is a declared relative of the handler or approver',
)
