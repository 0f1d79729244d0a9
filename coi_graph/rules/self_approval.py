"""``self_approval``: a decision handled and approved by the same person (the four-eyes
principle), from the policy amount (``rules.self_approval.min_amount_eur``).

No link is needed: the approval that should have been someone else's check is missing.
With a two-step approval (``second_approved_by``, the tweede fiatteur) that is also so when
the second approver is the handler, or is the first approver (one person signing twice):
the subject is then the handler, respectively the approver.
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
from .mandates import mandate_limit, mandate_record

if TYPE_CHECKING:
    from .detect import DetectionContext


#: The explanation of a finding whose second approver signed again (English, Dutch), by the
#: role of the person who did: the handler, or the first approver.  A handler who approved
#: their own decision keeps the rule's own description (and its findings their text).
SIGNED_TWICE: dict[str, tuple[str, str]] = {
    "handled_by": (
        "The handler of a decision also signed it as its second approver: the four-eyes "
        "check is missing.",
        "De behandelaar van een besluit heeft het ook zelf als tweede goedkeurder "
        "goedgekeurd: het vier-ogenprincipe ontbreekt."),
    "approved_by": (
        "The approver of a decision also signed it as its second approver: one person "
        "signed twice, so the second check is missing.",
        "De goedkeurder van een besluit heeft het ook als tweede goedkeurder goedgekeurd: "
        "één persoon tekende twee keer, de tweede controle ontbreekt."),
}


def _same(f: Any, a: str, b: str) -> Any:
    """Per row, whether columns ``a`` and ``b`` name the same person (False where either is
    empty, or the table lacks one)."""
    import numpy as np

    if a not in f.columns or b not in f.columns:
        return np.zeros(len(f), dtype=bool)
    return (f[a].astype("string") == f[b].astype("string")).fillna(False).to_numpy(dtype=bool)


def selected(ctx: DetectionContext) -> list[tuple[str, int, str]]:
    """``(table, row, subject role)`` of every decision this rule flags, in table order:
    ``handled_by`` when the handler approved it (as approver or as second approver),
    ``approved_by`` when the approver, not the handler, also signed as second approver."""
    import numpy as np

    s = ctx.policy.rule(RULE.code).settings
    out: list[tuple[str, int, str]] = []
    for source in ctx.decisions.sources:
        if source.amount_column is None or (source.counterparty_kind == "applicant"
                                            and not s["include_allocations"]):
            continue
        f = ctx.decisions.frames[source.table]
        if not len(f) or "approved_by" not in f.columns:
            continue
        handler = _same(f, "handled_by", "approved_by") | _same(f, "handled_by",
                                                                 "second_approved_by")
        approver = _same(f, "approved_by", "second_approved_by") & ~handler
        wanted = np.ones(len(f), dtype=bool)
        if source.counterparty_kind == "organization":
            amount = f[source.amount_column].astype("float64").to_numpy()
            wanted &= np.nan_to_num(amount, nan=-1.0) >= float(s["min_amount_eur"])
            wanted &= ctx.decisions.kind_in(source.table, s["kinds"])
        for r in np.flatnonzero((handler | approver) & wanted):
            out.append((source.table, int(r), "handled_by" if handler[r] else "approved_by"))
    return out


def select(ctx: DetectionContext, only: set[str] | None = None) -> list[Finding]:
    """``only``: the decision ids another engine selected."""
    out = []
    chosen = selected(ctx)
    for table in dict.fromkeys(t for t, _, _ in chosen):  # their rows read in one pass each
        ctx.decisions.prefetch_rows(table, [r for t, r, _ in chosen if t == table])
    for table, row, role in chosen:
        d = ctx.decisions.at(table, row)
        if only is not None and d.decision_id not in only:
            continue
        f = ctx.decisions.frames[table]
        signed = {r: _text(f[r].iat[row]) for r in _SIGNERS if r in f.columns}
        eid = signed.get(role, "")
        sk = node_key("employee", eid)
        if not eid or sk not in ctx.g:
            continue
        ctx.decisions.remember(d.decision_id, table, row)
        path = EvidencePath([ctx._node(sk), ctx._node(f"decision:{d.decision_id}")],
                            [ctx._decision_step(d, sk)])
        extra = []
        records: list[tuple[str, str]] = []
        limit = mandate_limit(ctx, eid, d.kind, d.day) if role == "handled_by" else None
        if limit is not None and d.amount is not None and d.amount > limit[0]:
            extra = part_reasons(RULE, ["above_mandate"], limit=format_eur(limit[0]))
            # the score relies on the mandate row: cited next to the decision's row
            path.steps[-1].evidence.append(limit[1])
            records.append(mandate_record(ctx, limit[1]))
        # the handler approved it as approver: the rule's own text (and the findings of
        # before the second approver); else the second approver signed again
        first = role == "handled_by" and signed.get("approved_by") == eid
        out.append(make_finding(
            ctx, RULE.code, subject=eid, counterparty=d.counterparty, path=path, records=records,
            decisions=[d], roles=_roles_of(ctx, d, eid, signed), extra=extra,
            explanation=None if first else SIGNED_TWICE[role],
            details={"min_amount_eur": ctx.policy.rule(RULE.code).settings["min_amount_eur"]}))
    return out


def _text(v: Any) -> str:
    from ..links import text_of

    return text_of(v) or ""


#: the columns of the people who sign a decision, in the contract's order
_SIGNERS = ("handled_by", "approved_by", "second_approved_by")


def _roles_of(ctx: DetectionContext, d: Any, eid: str, signed: Mapping[str, str]) -> str:
    """The roles ``eid`` holds in the decision (``handled_by+second_approved_by``): those of
    the policy's ``subject_roles`` in its order, as every rule names them, then any signing
    role it leaves out (the four-eyes check does not depend on whose links are followed)."""
    held = ctx.decisions.roles_of(d.decision_id, eid).split("+")
    held += [r for r in _SIGNERS if signed.get(r) == eid and r not in d.roles]
    return "+".join(r for r in held if r)


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
    summary="a decision handled and approved by the same person (four-eyes principle), or "
            "signed twice by one person in a two-step approval, from EUR 10.000",
)
