"""``shared_identifier``: an undeclared link: a shared address, IBAN, phone or e-mail with the counterparty.

A link-path rule: selected and assembled with the other link-path rules
(:mod:`coi_graph.rules.link_paths`); for one decision, subject and counterparty the most
specific of them wins. Cypher twin: ``queries/shared_identifier.cypher``.
"""

from __future__ import annotations

from .base import LinkPattern, RuleDefaults, RuleSpec
from .link_paths import FAMILY_SECTIONS

RULE = RuleSpec(
    code="shared_identifier",
    title_nl='Niet-gemelde verbinding via gedeeld adres, IBAN, telefoon of e-mail',
    title_en='Undeclared link through a shared address, IBAN, phone or e-mail',
    description_en=('The handler or approver, or a declared relative, shares an address, IBAN, phone or e-mail with the counterparty.'),
    description_nl=('De behandelaar of goedkeurder, of een gemeld familielid, deelt een adres, IBAN, telefoonnummer of e-mailadres met de wederpartij.'),
    report_nl=('De behandelaar of een familielid deelt een adres, IBAN, telefoonnummer of '
                 'e-mailadres met de wederpartij, zonder dat die band gemeld is.'),
    decision_based=True,
    defaults=RuleDefaults(base_score=55, articles=('Leystromen 2.3', 'Leystromen 4', 'Woonpartners Bijlage I, (Privé)transacties')),
    policy_sections=FAMILY_SECTIONS,
    link=LinkPattern('any', needs=('identifier',), excludes=()),
    precedence=4,
    summary='an undeclared link: a shared address, IBAN, phone or e-mail with the counterparty',
)
