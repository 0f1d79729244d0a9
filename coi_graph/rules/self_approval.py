"""``self_approval``: a decision handled and approved by the same person (the four-eyes
principle), from the policy amount (``rules.self_approval.min_amount_eur``).

No link is needed: the approval that should have been someone else's check is missing.
Contracts, purchase orders, invoices and tender awards of the kinds in
``rules.self_approval.kinds``; housing decisions too when ``include_allocations`` is on
(they have no amount).  Cypher twin: ``queries/self_approval.cypher``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, format_eur
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding, part_reasons
from .mandates import mandate_limit

if TYPE_CHECKING:
    from .detect import DetectionContext


def selected(ctx: DetectionContext) -> list[tuple[str, int]]:
    """``(table, row)`` of every decision this rule flags, in table order."""
    import numpy as np

    s = ctx.policy.rule(RULE.code).settings
    out: list[tuple[str, int]] = []
    for source in ctx.decisions.sources:
        if source.amount_column is None or (source.counterparty_kind == "applicant"
                                            and not s["include_allocations"]):
            continue
        f = ctx.decisions.frames[source.table]
        if not len(f) or "approved_by" not in f.columns:
            continue
        h = f["handled_by"].astype("string")
        same = (h == f["approved_by"].astype("string")).fillna(False).to_numpy(dtype=bool)
        if source.counterparty_kind == "organization":
            amount = f[source.amount_column].astype("float64").to_numpy()
            same &= np.nan_to_num(amount, nan=-1.0) >= float(s["min_amount_eur"])
            same &= ctx.decisions.kind_in(source.table, s["kinds"])
        out += [(source.table, int(r)) for r in np.flatnonzero(same)]
    return out


def select(ctx: DetectionContext, only: set[str] | None = None) -> list[Finding]:
    """``only``: the decision ids another engine selected."""
    out = []
    chosen = selected(ctx)
    for table in dict.fromkeys(t for t, _ in chosen):  # their rows read in one pass each
        ctx.decisions.prefetch_rows(table, [r for t, r in chosen if t == table])
    for table, row in chosen:
        d = ctx.decisions.at(table, row)
        if only is not None and d.decision_id not in only:
            continue
        eid = d.roles.get("handled_by", "")
        sk = node_key("employee", eid)
        if sk not in ctx.g:
            continue
        ctx.decisions.remember(d.decision_id, table, row)
        path = EvidencePath([ctx._node(sk), ctx._node(f"decision:{d.decision_id}")],
                            [ctx._decision_step(d, sk)])
        extra = []
        limit = mandate_limit(ctx, eid, d.kind, d.day)
        if limit is not None and d.amount is not None and d.amount > limit[0]:
            extra = part_reasons(RULE, ["above_mandate"], limit=format_eur(limit[0]))
        out.append(make_finding(
            ctx, RULE.code, subject=eid, counterparty=d.counterparty, path=path, records=[],
            decisions=[d], roles=ctx.decisions.roles_of(d.decision_id, eid), extra=extra,
            details={"min_amount_eur": ctx.policy.rule(RULE.code).settings["min_amount_eur"]}))
    return out


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={r["decision_id"] for r in rows})


RULE = RuleSpec(
    code="self_approval",
    title_nl="Besluit door dezelfde persoon behandeld en goedgekeurd",
    title_en="Decision handled and approved by the same person",
    description_en="The handler of a decision also approved it: the four-eyes check is "
                   "missing.",
    description_nl="De behandelaar van een besluit heeft het ook zelf goedgekeurd: het "
                   "vier-ogenprincipe ontbreekt.",
    report_nl="Een medewerker keurde een besluit goed dat hij of zij zelf behandelde.",
    decision_based=True,
    defaults=RuleDefaults(base_score=45, articles=(
        "Woonpartners Bijlage I, Inkoop & aanbesteding", "Leystromen 2.3"),
        settings={"min_amount_eur": 10000.0,
                  "kinds": ["contract", "purchase_order", "invoice", "tender_award"],
                  "include_allocations": False}),
    policy_sections=(),
    parts=(ScorePart("above_mandate", 15, "the amount is above the handler's mandate ({limit})",
                     "het bedrag ligt boven het mandaat van de behandelaar ({limit})"),),
    select=select,
    from_rows=from_rows,
    summary="a decision handled and approved by the same person (four-eyes principle), "
            "from EUR 10.000",
)
