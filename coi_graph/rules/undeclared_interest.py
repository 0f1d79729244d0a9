"""``undeclared_interest``: an employee or relative is a KvK officer of a business relation
without an approved declaration that covers it (same person, same organization, overlapping
validity).  No decision is needed: the register itself is incomplete.
Cypher twin: ``queries/undeclared_interest.cypher``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, Step
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, make_finding

if TYPE_CHECKING:
    from .detect import DetectionContext

PEOPLE = ("employee", "relative")


def select(ctx: DetectionContext, only: set[str] | None = None) -> list[Finding]:
    """``only``: the officer link ids another engine selected."""
    from ..graph.build import frame_rows
    from ..links import NEG, POS, ordinal, text_of
    g = ctx.g
    approved: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for r in frame_rows(ctx.ds.frame("declarations")):
        if (text_of(r.get("status")) or "pending") != "approved":
            continue
        oid = text_of(r.get("org_id"))
        did = text_of(r.get("declaration_id"))
        if not oid and did and f"declarations:{did}" in ctx.lg.org_matches:
            oid = ctx.lg.org_matches[f"declarations:{did}"][0]
        if not oid:
            continue
        rel = text_of(r.get("relative_id"))
        holder = (node_key("relative", rel) if rel
                  else node_key("employee", text_of(r.get("employee_id")) or ""))
        approved[(holder, node_key("organization", oid))].append(
            (ordinal(r.get("valid_from"), NEG), ordinal(r.get("valid_until"), POS)))
    et = ctx.edge_table
    # the same person may be on several records (an employee who is also a relative)
    aliases: dict[str, set[str]] = defaultdict(set)
    for a, b, _key, link in et.select(kinds=("same_person",)):
        aliases[a].add(b)
        aliases[b].add(a)
    out = []
    # an employee or relative as KvK officer of an organization (not an unmatched officer,
    # not a holding), in the table's order: sorted by (a, b, key)
    for a, b, key, link in et.select(kinds=("officer",), ends=("organization", PEOPLE)):
        if only is not None and key not in only:
            continue
        person, org = (a, b) if g.nodes[b]["kind"] == "organization" else (b, a)
        covered = False
        for who in {person} | aliases[person]:
            for lo, hi in approved.get((who, org), ()):
                if lo <= link.hi and link.lo <= hi:
                    covered = True
        if covered:
            continue
        for eid, path_prefix, lo, hi in _owners(ctx, person):
            if max(lo, link.lo) > min(hi, link.hi):
                continue  # relation and role never held at the same time
            nodes = [ctx._node(n) for n in path_prefix[0]] + [ctx._node(org)]
            steps = path_prefix[1] + [ctx._step(person, org, link, key)]
            path = EvidencePath(nodes, steps)
            line = link.evidence[0].split(":", 1)[1]  # LINE, or FILE:LINE (split table)
            records = list(link.records) + [r for s in path_prefix[2] for r in s]
            out.append(make_finding(
                ctx, RULE.code, subject=eid, counterparty=org, path=path, records=records,
                record=f"officers:{line}", record_key=link.records[0][0],
                counterparty_name=g.nodes[org]["label"],
                fuzzy=bool(link.match and link.match.fuzzy)))
    return out


def _owners(ctx: DetectionContext, person: str
            ) -> list[tuple[str, tuple[list[str], list[Step], list[Any]], int, int]]:
    """The employees whose position a person's interest touches: the employee themself,
    or the employees who declared this person as family (per policy), each with the days
    the interest could touch the position: while employed (a KvK role that ended before the
    employee was hired, or began after they left, was never theirs to declare) and, for a
    relative, while the relation held."""
    from ..links import NEG, POS, Link

    g = ctx.g
    kind = g.nodes[person]["kind"]
    out: list[tuple[str, tuple[list[str], list[Step], list[Any]], int, int]] = []
    if kind == "employee":
        node = g.nodes[person]
        out.append((node["ident"], ([person], [], []), node.get("lo", NEG),
                    node.get("hi", POS)))
    for nbr in sorted(g.adj[person]):
        for key, data in sorted(g.adj[person][nbr].items(), key=lambda kv: str(kv[0])):
            lk: Link = data["link"]
            if g.nodes[nbr]["kind"] != "employee":
                continue
            if lk.kind == "family" or (lk.kind == "same_person" and kind != "employee"):
                owner = g.nodes[nbr]
                out.append((owner["ident"],
                            ([nbr, person], [ctx._step(nbr, person, lk, key)], [lk.records]),
                            max(lk.lo, owner.get("lo", NEG)),
                            min(lk.hi, owner.get("hi", POS))))
    seen, uniq = set(), []
    for o in out:
        if o[0] not in seen:
            seen.add(o[0])
            uniq.append(o)
    return uniq


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={r["link_id"] for r in rows})


RULE = RuleSpec(
    code="undeclared_interest",
    inputs=(("officers",),),
    title_nl="Niet-gemelde KvK-functie bij een zakelijke relatie",
    title_en="Undeclared KvK role at a business relation",
    description_en="An employee or relative is a KvK officer of a business relation without "
                   "a matching approved declaration.",
    description_nl="Een medewerker of familielid staat in het KvK-register bij een zakelijke "
                   "relatie, zonder goedgekeurde melding.",
    report_nl=('Een medewerker of familielid heeft een KvK-functie bij een zakelijke relatie '
                 'zonder goedgekeurde melding.'),
    decision_based=False,
    defaults=RuleDefaults(base_score=55, articles=("Leystromen 2.3",)),
    policy_sections=("family.", "matching.", "declarations.", "as_of", "paths."),
    select=select,
    from_rows=from_rows,
    summary="an employee or relative is a KvK officer of a business relation, without an "
            "approved declaration",
)
