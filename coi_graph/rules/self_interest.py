"""``self_interest``: the handler or approver of a contract is linked to the supplier themself (declared interest, side function, own business, position, or a KvK officer role).

A link-path rule: selected and assembled with the other link-path rules
(:mod:`coi_graph.rules.link_paths`); for one decision, subject and counterparty the most
specific of them wins. Cypher twin: ``queries/self_interest.cypher``.
"""

from __future__ import annotations

from .base import LinkPattern, RuleDefaults, RuleSpec
from .link_paths import COMMON_SECTIONS

RULE = RuleSpec(
    code="self_interest",
    inputs=(("declarations", "officers"),),
    title_nl='Eigen belang bij de wederpartij',
    title_en='Own interest in the counterparty',
    description_en=('The handler or approver of a contract is linked to the counterparty themself: interest, side function, own business, position or KvK officer role.'),
    description_nl=('De behandelaar of goedkeurder van een contract is zelf verbonden met de wederpartij: een belang, nevenfunctie, eigen bedrijf, functie of KvK-inschrijving.'),
    report_nl=('Een medewerker die een contract behandelde of goedkeurde, heeft zelf een band '
                 'met de leverancier (belang, nevenfunctie, eigen bedrijf of KvK-functie).'),
    decision_based=True,
    defaults=RuleDefaults(base_score=80, articles=('Leystromen 2.3', 'Woonpartners Bijlage I, (Privé)transacties', 'Woonpartners Bijlage I, Inkoop & aanbesteding')),
    policy_sections=COMMON_SECTIONS,
    link=LinkPattern('organization', needs=(), excludes=('family', 'identifier')),
    precedence=1,
    summary='the handler or approver of a contract is linked to the supplier themself (declared interest, side function, own business, position, or a KvK officer role)',
)
