"""``unapproved_side_function``: a side function or own business (per
``declarations.permission_kinds``) active during the scanned period without permission;
an approval whose ``decided_by`` is the declaring employee is no permission, nor is one for
the director or a member of the RvC (``employees.role``) decided by an employee who is not
a member of the RvC (Leystromen 2.2: permission is asked of the manager; the director and
the Raad's members ask the Raad). An empty or unknown ``decided_by`` is not judged.
Cypher twin: ``queries/unapproved_side_function.cypher``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, Step
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding, part_reasons

if TYPE_CHECKING:
    from .detect import DetectionContext


def select(ctx: DetectionContext, only: set[str] | None = None) -> list[Finding]:
    """``only``: the declaration ids another engine selected."""
    from ..graph.build import declaration_label, frame_rows
    from ..links import NEG, POS, ordinal, ordinal_to_iso, text_of
    kinds = set(ctx.policy.declarations.permission_kinds)
    inactive = set(ctx.policy.declarations.inactive_statuses)
    out = []
    emp = ctx.ds.frame("employees")
    roles = {text_of(e): text_of(ro) or "employee"
             for e, ro in zip(emp["employee_id"].tolist(), emp["role"].tolist())}
    for r in frame_rows(ctx.ds.frame("declarations")):
        did, eid = text_of(r["declaration_id"]), text_of(r.get("employee_id"))
        status = text_of(r.get("status")) or "pending"
        if not did or not eid or text_of(r.get("relative_id")):
            continue
        if only is not None and did not in only:
            continue
        # a permission the employee granted themself is none, and neither is one for the
        # director or a member of the RvC that no member of the RvC decided (Leystromen 2.2:
        # permission is asked of the manager; the director and the Raad's members ask the Raad)
        decider = text_of(r.get("decided_by"))
        self_decided = status == "approved" and decider == eid
        not_by_board = (status == "approved" and bool(decider) and not self_decided
                        and roles.get(eid) in ASK_THE_BOARD
                        and decider in roles and roles[decider] != "supervisory_board")
        if ((text_of(r.get("kind")) or "") not in kinds or status in inactive
                or (status == "approved" and not (self_decided or not_by_board))):
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
        position = text_of(r.get("position"))
        step = Step(sk, target["key"], "declaration", declaration_label(kind, position, status),
                    ordinal_to_iso(lo), ordinal_to_iso(hi), True,
                    [ctx.ds.cite("declarations", r["_line"])], label_code="declaration",
                    label_params={"kind": kind, "status": status, "position": position})
        path = EvidencePath([ctx._node(sk), target], [step])
        record = f"declarations:{did}"
        out.append(make_finding(
            ctx, RULE.code, subject=eid, counterparty=cp, path=path, record=record,
            records=[(record, ctx.lg.digests("declarations", r))],
            counterparty_name=target["label"],
            extra=part_reasons(RULE, ["refused"] if status == "rejected" else
                               ["self_decided"] if self_decided else
                               ["not_by_board"] if not_by_board else []),
            explanation=SELF_DECIDED if self_decided else NOT_BY_BOARD if not_by_board else None,
            details={"status": status, **({"decided_by": decider}
                                          if self_decided or not_by_board else {})}))
    return out


#: (English, Dutch) explanation of a finding whose permission the employee granted themself
SELF_DECIDED = (
    "A side function or own business whose permission was granted by the employee themself "
    "(decided_by is the declaring employee): that is no permission.",
    "Een nevenfunctie of eigen bedrijf waarvoor de medewerker zelf toestemming gaf "
    "(decided_by is de melder zelf): dat is geen toestemming.")


#: the roles whose permission for a side function the Raad (RvC) gives (Leystromen 2.2)
ASK_THE_BOARD = ("director", "supervisory_board")
#: (English, Dutch) explanation of a director's or RvC member's permission not from the RvC
NOT_BY_BOARD = (
    "A side function or own business of the director or a member of the supervisory board "
    "approved by someone who is not a member of the supervisory board: permission is asked "
    "of the Raad.",
    "Een nevenfunctie of eigen bedrijf van de bestuurder of een lid van de RvC, goedgekeurd "
    "door iemand die geen lid van de RvC is: de toestemming komt van de Raad.")


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={r["declaration_id"] for r in rows})


RULE = RuleSpec(
    code="unapproved_side_function",
    inputs=(("declarations",),),
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
                     "toestemming geweigerd, maar de activiteit loopt door"),
           ScorePart("self_decided", 10, "the permission was granted by the employee themself",
                     "de toestemming is door de medewerker zelf gegeven"),
           ScorePart("not_by_board", 0, "the permission was not given by the supervisory board",
                     "de toestemming is niet door de RvC gegeven")),
    select=select,
    from_rows=from_rows,
    summary="an active side function or own business without permission (an approval the "
            "employee decided themself, or a director's or RvC member's not decided by the "
            "RvC, is none)",
)
