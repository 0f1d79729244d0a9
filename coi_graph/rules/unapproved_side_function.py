"""``unapproved_side_function``: a side function or own business (per
``declarations.permission_kinds``) active during the scanned period without permission.
Cypher twin: ``queries/unapproved_side_function.cypher``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, Step
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding, part_reasons

if TYPE_CHECKING:
    from ..detect import DetectionContext


def select(ctx: DetectionContext, only: set[str] | None = None) -> list[Finding]:
    """``only``: the declaration ids another engine selected."""
    from ..graph import declaration_label, frame_rows
    from ..links import NEG, POS, ordinal, ordinal_to_iso, text_of
    kinds = set(ctx.policy.declarations.permission_kinds)
    inactive = set(ctx.policy.declarations.inactive_statuses)
    out = []
    for r in frame_rows(ctx.ds.frame("declarations")):
        did, eid = text_of(r["declaration_id"]), text_of(r.get("employee_id"))
        status = text_of(r.get("status")) or "pending"
        if not did or not eid or text_of(r.get("relative_id")):
            continue
        if only is not None and did not in only:
            continue
        if (text_of(r.get("kind")) or "") not in kinds or status == "approved" or status in inactive:
            continue
        lo, hi = ordinal(r.get("valid_from"), NEG), ordinal(r.get("valid_until"), POS)
        if lo > ctx.as_of or hi < ctx.period_start:
            continue  # not active during the period scanned
        oid = text_of(r.get("org_id"))
        om = ctx.lg.org_matches.get(f"declarations:{did}")
        if not oid and om:
            oid = om[0]
        sk = node_key("employee", eid)
        target, cp = ctx.org_or_named(
            oid, text_of(r.get("org_name")) or text_of(r.get("kvk_number")),
            f"declared_organization:{did}")
        kind = text_of(r.get("kind")) or ""
        step = Step(sk, target["key"], "declaration",
                    declaration_label(kind, text_of(r.get("position")), status),
                    ordinal_to_iso(lo), ordinal_to_iso(hi), True,
                    [f"declarations:{int(r['_line'])}"])
        path = EvidencePath([ctx._node(sk), target], [step])
        record = f"declarations:{did}"
        out.append(make_finding(
            ctx, RULE.code, subject=eid, counterparty=cp, path=path, record=record,
            records=[(record, ctx.lg.digests("declarations", r))],
            counterparty_name=target["label"],
            extra=part_reasons(RULE, ["refused"]) if status == "rejected" else (),
            details={"status": status}))
    return out


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={r["declaration_id"] for r in rows})


RULE = RuleSpec(
    code="unapproved_side_function",
    title_nl="Nevenfunctie zonder toestemming",
    title_en="Side function without permission",
    description_en="A side function or own business that is active but not approved.",
    description_nl="Een nevenfunctie of eigen bedrijf dat loopt zonder toestemming.",
    report_nl=('Een nevenfunctie of eigen bedrijf is actief zonder toestemming.'),
    decision_based=False,
    defaults=RuleDefaults(base_score=45, articles=(
        "Leystromen 2.2", "Woonpartners Bijlage I, Nevenfuncties")),
    policy_sections=("declarations.", "as_of"),
    parts=(ScorePart("refused", 20, "permission was refused but the activity continues",
                     "toestemming geweigerd, maar de activiteit loopt door"),),
    select=select,
    from_rows=from_rows,
    summary="an active side function or own business without permission",
)
