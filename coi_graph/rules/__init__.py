"""The rules: one module per rule, and the registry every part of coi-graph iterates.

Each module holds a :class:`~coi_graph.rules.base.RuleSpec` named ``RULE``: what the rule is
(code, Dutch and English texts, articles of the integrity codes, policy defaults, score parts),
how the embedded engine selects it, where its Cypher twin lives (``queries/<code>.cypher``)
and how the Neo4j engine's rows become findings.  Adding a rule is adding a module here, its
line in :data:`RULE_MODULES`, its Cypher twin and its tests; detection, the Neo4j engine,
the policy, the reports, ``coi diff``, the explore pages and the README's rule table follow.

Importing this package is cheap (no pandas, numpy or networkx): the CLI's help and the case
commands list the rules.

>>> list(RULES)[:2]
['self_interest', 'relative_interest']
>>> RULES["gift_rule_breach"].decision_based
False
>>> LINK_RULE_PRECEDENCE[0]
'allocation_to_self'
"""

from __future__ import annotations

from importlib import import_module

from .base import LinkPattern, RuleDefaults, RuleSpec, ScorePart, make_finding

__all__ = ["RULES", "RULE_MODULES", "LINK_RULE_PRECEDENCE", "RuleSpec", "RuleDefaults",
           "ScorePart", "LinkPattern", "make_finding", "rule_title", "readme_table"]

#: The rule modules, in the order findings are reported and listed.
RULE_MODULES: tuple[str, ...] = (
    "self_interest",
    "relative_interest",
    "allocation_to_self",
    "allocation_to_relative",
    "shared_identifier",
    "gift_before_decision",
    "linked_suppliers",
    "undeclared_interest",
    "unapproved_side_function",
    "gift_rule_breach",
    "split_orders",
    "self_approval",
)

RULES: dict[str, RuleSpec] = {}
for _name in RULE_MODULES:
    _spec: RuleSpec = import_module(f"{__name__}.{_name}").RULE
    if _spec.code != _name:
        raise ImportError(f"coi_graph/rules/{_name}.py defines rule {_spec.code!r}")
    RULES[_spec.code] = _spec

#: For one decision, subject and counterparty only the most specific link-path rule becomes
#: a finding; the other paths are kept as supporting evidence on it.
LINK_RULE_PRECEDENCE: tuple[str, ...] = tuple(
    r.code for r in sorted((r for r in RULES.values() if r.link is not None),
                           key=lambda r: r.precedence))


def rule_title(code: str, lang: str) -> str:
    """The rule's title in ``lang``; an unknown code (a run of a newer version) as itself."""
    r = RULES.get(code)
    return r.title(lang) if r else code


def readme_table() -> str:
    """The README's rule table, generated from the registry (a test keeps them equal)."""
    lines = ["| rule | what it flags |", "|---|---|"]
    lines += [f"| `{r.code}` | {r.summary} |" for r in RULES.values()]
    return "\n".join(lines)
