"""``gift_rule_breach``: money accepted, a gift above the policy value
(``gifts.value_limit_eur``, default EUR 25) not handed in, or an invitation not reported.
Cypher twin: ``queries/gift_rule_breach.cypher``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, format_eur
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding

if TYPE_CHECKING:
    from .detect import DetectionContext


def select(ctx: DetectionContext, only: set[str] | None = None) -> list[Finding]:
    """``only``: the gift ids another engine selected."""
    from ..links import flag_of, number_of, text_of
    gp = ctx.policy.gifts
    out = []
    for r in ctx.gift_rows():
        gid, eid = text_of(r["gift_id"]), text_of(r.get("employee_id"))
        if not gid or not eid or (only is not None and gid not in only):
            continue
        kind = text_of(r.get("kind")) or "gift"
        value = number_of(r.get("value_eur"))
        handed_in, reported = flag_of(r.get("handed_in")), flag_of(r.get("reported"))
        breached: list[str] = []
        if kind == "money" and handed_in is not True:
            breached.append("money")
        if (kind != "money" and value is not None and value > gp.value_limit_eur
                and handed_in is not True and kind not in gp.invitation_kinds):
            breached.append("not_handed_in")
        if kind in gp.invitation_kinds and reported is False:
            breached.append("not_reported")
        if not breached:
            continue
        limit = format_eur(gp.value_limit_eur)
        reasons = [(p.reason("en", limit=limit), p.reason("nl", limit=limit), p.points)
                   for p in (RULE.part(c) for c in breached)]
        sk = node_key("employee", eid)
        giver, cp = ctx.org_or_named(r["_org"], text_of(r.get("org_name")), f"giver:{gid}")
        path = EvidencePath([giver, ctx._node(sk)], [ctx._gift_step(r, giver["key"], sk)])
        record = f"gifts:{gid}"
        out.append(make_finding(
            ctx, RULE.code, subject=eid, counterparty=cp, path=path, record=record,
            records=[(record, ctx.lg.digests("gifts", r))], counterparty_name=giver["label"],
            extra=reasons,
            explanation=("; ".join(en for en, _, _ in reasons),
                         "; ".join(nl for _, nl, _ in reasons)),
            details={"value_eur": value}))
    return out


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={r["gift_id"] for r in rows})


RULE = RuleSpec(
    code="gift_rule_breach",
    inputs=(("gifts",),),
    title_nl="Overtreding van de geschenkenregeling",
    title_en="Breach of the gift rules",
    description_en="Money accepted, a gift above the policy value not handed in, or an "
                   "invitation not reported.",
    description_nl="Geld aangenomen, een geschenk boven de grens niet ingeleverd, of een "
                   "uitnodiging niet gemeld.",
    report_nl=('Geld aangenomen, een geschenk boven de waardegrens niet ingeleverd of een '
                 'uitnodiging niet gemeld.'),
    decision_based=False,
    defaults=RuleDefaults(base_score=40, articles=(
        "Leystromen 3, Geschenken 2-3", "Leystromen 3, Uitnodigingen 1",
        "Woonpartners Bijlage I, Geschenken")),
    policy_sections=("gifts.", "matching.", "as_of"),
    parts=(
        ScorePart("money", 30, "money was accepted", "geld aangenomen"),
        ScorePart("not_handed_in", 10, "gift above {limit} not handed in",
                  "geschenk boven {limit} niet ingeleverd"),
        ScorePart("not_reported", 0, "invitation not reported to the manager",
                  "uitnodiging niet gemeld bij de leidinggevende"),
    ),
    select=select,
    from_rows=from_rows,
    summary="money accepted, a gift above EUR 25 not handed in, an invitation not reported",
)
