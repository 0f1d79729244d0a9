"""``linked_suppliers``: a handler or approver whose decisions within the policy window
(``rules.linked_suppliers.window_days``, default 365) go to two or more organizations of one
supplier network: organizations tied to each other by a shared address, IBAN, phone or
e-mail (below the hub cut-off) or by a shared KvK officer (a person, or a holding), see
:mod:`coi_graph.graph.networks`.

Investigators find exactly this in procurement fraud: several suppliers at one phone number
and one e-mail address, all approved by one member of staff.  The finding cites every
decision of the episode (``decision_ids``), names the network and shows each tie with the
rows behind it; its path runs from the person over one decision to one member, along the
ties, to the other member and its decision.  Cypher twin: ``queries/linked_suppliers.cypher``
(the networks are written onto the organizations when the graph is loaded).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, Step
from ..schema import ROLE_LABELS
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding, part_reasons

if TYPE_CHECKING:
    from .detect import DetectionContext
    from ..graph.networks import SupplierNetwork, Tie

CODE = "linked_suppliers"


def networks(ctx: DetectionContext) -> list[SupplierNetwork]:
    """The supplier networks of the scan's graph, computed once per detection run."""
    from ..graph.networks import supplier_networks

    cached = getattr(ctx, "_supplier_networks", None)
    if cached is None:
        cached = supplier_networks(ctx.lg)
        ctx._supplier_networks = cached  # type: ignore[attr-defined]
    return cached


def window(ctx: DetectionContext) -> int:
    return int(ctx.policy.rule(CODE).setting("window_days"))


def select(ctx: DetectionContext) -> list[Finding]:
    from ..graph.networks import linked_decision_rows

    nets = networks(ctx)
    return findings(ctx, nets, linked_decision_rows(ctx, nets, window(ctx)))


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """The Cypher twin's rows ``(subject_id, network_id, decision_id)``; each is checked
    again (:func:`coi_graph.graph.networks.linked_groups`)."""
    return findings(ctx, networks(ctx), {(str(r["subject_id"]), str(r["network_id"]),
                                          str(r["decision_id"])) for r in rows})


def _tie_steps(ctx: DetectionContext, tie: Tie, start: str
               ) -> tuple[list[dict[str, str]], list[Step]]:
    """The nodes after ``start`` and the steps of one tie, walked from ``start``."""
    other = tie.b if tie.a == start else tie.a
    if tie.kind == "holding":
        (lid, link), = tie.links
        return [ctx._node(other)], [ctx._step(start, other, link, lid)]
    (la, lka), (lb, lkb) = tie.links
    first, second = ((la, lka), (lb, lkb)) if tie.a == start else ((lb, lkb), (la, lka))
    return ([ctx._node(tie.via), ctx._node(other)],
            [ctx._step(start, tie.via, first[1], first[0]),
             ctx._step(tie.via, other, second[1], second[0])])


def _role_step(ctx: DetectionContext, eid: str, did: str) -> Step:
    from ..schema import node_key

    from ..links import ordinal_to_iso

    d = ctx.decisions[did]
    roles = ctx.decisions.roles_of(did, eid).split("+")
    label = " + ".join(ROLE_LABELS.get(r, (r, r))[0] for r in roles)
    date = ordinal_to_iso(d.day)
    return Step(source=node_key("employee", eid), target=f"decision:{did}", kind="decision",
                label=label, valid_from=date, valid_until=date, declared=True,
                evidence=[ctx.ds.cite(d.table, d.line)], label_code="role",
                label_params={"role": "+".join(roles)})


def findings(ctx: DetectionContext, nets: list[SupplierNetwork],
             rows: set[tuple[str, str, str]]) -> list[Finding]:
    from ..links import ordinal_to_iso
    from ..schema import node_key
    from ..graph.networks import linked_groups, tie_path

    days = window(ctx)
    out: list[Finding] = []
    for group in linked_groups(ctx, nets, rows, days):
        net, eid = group.network, group.subject_id
        decs = sorted((ctx.decisions[d] for d in group.decision_ids),
                      key=lambda d: (d.day, d.decision_id))
        latest = decs[-1]
        first = next(d for d in reversed(decs) if d.counterparty != latest.counterparty)
        ties = tie_path(net, first.counterparty, latest.counterparty)
        # subject -[role]- decision -[contract]- member ... ties ... member (the counterparty)
        sk = node_key("employee", eid)
        nodes = [ctx._node(sk), ctx._node(f"decision:{first.decision_id}"),
                 ctx._node(first.counterparty)]
        back = ctx._decision_step(first, first.counterparty)
        steps = [_role_step(ctx, eid, first.decision_id),
                 replace(back, source=back.target, target=back.source)]
        here = first.counterparty
        for t in ties:
            more_nodes, more_steps = _tie_steps(ctx, t, here)
            nodes += more_nodes
            steps += more_steps
            here = t.b if t.a == here else t.a
        path = EvidencePath(nodes, steps)
        # the latest decision beside it, from the subject to the member it went to (a path
        # of its own keeps the page readable: the network lies between the two decisions)
        back = ctx._decision_step(latest, latest.counterparty)
        latest_path = EvidencePath(
            [ctx._node(sk), ctx._node(f"decision:{latest.decision_id}"),
             ctx._node(latest.counterparty)],
            [_role_step(ctx, eid, latest.decision_id),
             replace(back, source=back.target, target=back.source)])
        members = {d.counterparty for d in decs}
        labels = {m: ctx._node(m)["label"] for m in net.members}
        extra = part_reasons(RULE, ["three_or_more"]) if len(members) >= 3 else []
        names = ", ".join(labels[m] for m in sorted(members, key=lambda m: labels[m]))
        n = len(decs)
        explanation = (
            f"{RULE.description_en.rstrip('.')}: {n} decisions within {days} days to {names}.",
            f"{RULE.description_nl.rstrip('.')}: {n} besluiten binnen {days} dagen voor "
            f"{names}.")
        records = [r for t in net.ties for r in t.records]
        out.append(make_finding(
            ctx, CODE, subject=eid, counterparty=latest.counterparty, path=path,
            other_paths=[latest_path],
            records=records, decisions=decs,
            roles=ctx.decisions.roles_of(latest.decision_id, eid),
            fuzzy=any(lk.match is not None and lk.match.fuzzy
                      for t in ties for _, lk in t.links),
            extra=extra, explanation=explanation,
            details={"network_id": net.network_id, "window_days": days,
                     "members": [{"key": m, "name": labels[m]} for m in net.members],
                     "ties": [t.as_dict(labels) for t in net.ties],
                     "decisions": [{"decision_id": d.decision_id, "counterparty": d.counterparty,
                                    "date": ordinal_to_iso(d.day),
                                    "roles": ctx.decisions.roles_of(d.decision_id, eid)}
                                   for d in decs]}))
    return out


RULE = RuleSpec(
    code=CODE,
    inputs=(("contracts",),),
    title_nl="Besluiten voor verbonden leveranciers",
    title_en="Decisions for linked suppliers",
    description_en="The handler or approver decided, within the policy window, on two or "
                   "more suppliers that are tied to each other by a shared address, IBAN, "
                   "phone or e-mail, or by a shared KvK officer.",
    description_nl="De behandelaar of goedkeurder besliste binnen de beleidstermijn over twee "
                   "of meer organisaties die met elkaar verbonden zijn door een gedeeld adres, "
                   "IBAN, telefoonnummer of e-mailadres, of door een gedeelde KvK-functionaris.",
    report_nl=("Een medewerker besliste in korte tijd over meerdere leveranciers die met "
               "elkaar verbonden zijn (zelfde adres, rekening, telefoon of bestuurder)."),
    decision_based=True,
    defaults=RuleDefaults(base_score=50, articles=(
        "Leystromen 2.3", "Woonpartners Bijlage I, Inkoop & aanbesteding"),
        settings={"window_days": 365}),
    policy_sections=("rules.linked_suppliers.window_days", "subject_roles", "matching.", "paths."),
    parts=(ScorePart("three_or_more", 10,
                     "the decisions went to three or more organizations of the network",
                     "de besluiten gingen naar drie of meer organisaties van het netwerk"),),
    select=select,
    from_rows=from_rows,
    summary="a handler or approver whose decisions within 365 days go to two or more "
            "organizations tied by a shared identifier or a shared KvK officer",
)
