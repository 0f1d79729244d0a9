"""``split_orders``: orders split to stay under a mandate.

Two or more contracts, purchase orders or invoices from one handler to one supplier (or to
two or more organizations of one supplier network, see
:func:`coi_graph.rules.linked_suppliers.networks`) within the
policy window (``rules.split_orders.window_days``, default 30), each below the handler's
mandate limit and together above it.  Each decision falls under the handler's mandate for
its kind on its date (the optional ``mandates`` table; decisions under different mandates are
grouped apart, as they are different budgets), else
``rules.split_orders.default_limit_eur``.  That default is 0, which checks only handlers with
a mandate: a limit the corporation never set cannot be split around, and one invented
limit for everyone flags every busy supplier (on the demo's background data, a default of
EUR 50.000 flags 300 handler/supplier pairs in 30,000 contracts).  Set it to check everyone
without a mandate row against one limit.  The finding cites every decision involved:
``decision_id`` is the latest, ``decision_ids`` all of them; and the mandate row whose limit
it relies on (``mandates:LINE``, on each decision's step next to the decision's row, and in
``details.limit_source``).

Grouping, per (handler, supplier), decisions by date: starting from the earliest decision
not yet in a group, the decisions below the limit within ``window_days`` of it form a
candidate; when there are two or more and their sum is above the limit, they are one finding
and the next candidate starts after them; otherwise the next one starts at the following
decision.  So the same data always gives the same groups.

>>> groups([(1, "D1", 40.0), (5, "D2", 30.0), (40, "D3", 45.0)], limit=50.0, window=30)
[['D1', 'D2']]

Cypher twin: ``queries/split_orders.cypher`` proposes the (handler, supplier) pairs with two
or more decisions within the window; the grouping here decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, format_eur
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding, part_reasons
from .mandates import mandate_floor, mandate_holders, mandate_limit, mandate_record

if TYPE_CHECKING:
    from .detect import DetectionContext


def groups(decisions: list[tuple[int, str, float]], limit: float, window: int) -> list[list[str]]:
    """Ids of the split groups among ``(day, decision_id, amount)`` of one handler and supplier
    (see the module's docstring)."""
    ds = sorted(decisions)
    out: list[list[str]] = []
    i = 0
    while i < len(ds):
        first = ds[i][0]
        j = i
        members = []
        while j < len(ds) and ds[j][0] - first <= window:
            if ds[j][2] < limit:
                members.append(ds[j])
            j += 1
        if len(members) >= 2 and sum(m[2] for m in members) > limit:
            out.append([m[1] for m in members])
            i = j
        else:
            i += 1
    return out


def _pairs(ctx: DetectionContext, checked: set[str] | None, lowest_limit: float
           ) -> dict[tuple[str, str], list[tuple[int, str, float, int, str]]]:
    """(handler, organization key) -> [(day, decision id, amount, row, kind)] for the
    decisions of this rule's kinds with an amount, for pairs with two or more of them;
    ``checked``: the handlers that have a limit (``None``: everyone, a default applies);
    ``lowest_limit``: no limit of anyone is lower.
    Columnar: a million contracts give a few thousand pairs in well under a second."""
    import numpy as np
    import pandas as pd

    from ..graph.decisions import text_in  # not at the top: `coi --help` imports the rules

    s = ctx.policy.rule(RULE.code).settings
    f = ctx.decisions.frames["contracts"]
    out: dict[tuple[str, str], list[tuple[int, str, float, int, str]]] = {}
    if not len(f):
        return out
    amount = f["amount_eur"].astype("float64").to_numpy()
    handled = f["handled_by"]
    keep = (~np.isnan(amount) & handled.notna().to_numpy() & f["org_id"].notna().to_numpy()
            & ctx.decisions.kind_in("contracts", s["kinds"]))
    if checked is not None:
        among = text_in(f, "handled_by", tuple(sorted(checked)), None)
        if among is None:
            among = handled.astype("string").isin(sorted(checked)).fillna(False).to_numpy(
                dtype=bool)
        keep &= among
    rows = np.flatnonzero(keep)
    ctx.memo["split_orders.rows"] = rows  # the network pass starts from these rows
    if not len(rows):
        return out
    # only the rows kept are read as text: the whole column's copy was ten million strings
    handlers = handled.iloc[rows].astype("string")
    h_codes, _ = pd.factorize(handlers)
    o_codes, o_uniques = pd.factorize(f["org_id"].iloc[rows])
    key = h_codes.astype(np.int64) * (len(o_uniques) + 1) + o_codes
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=amount[rows])
    # a pair can hold a split group only with two or more decisions whose amounts add up to
    # more than the lowest limit its handler could have (a necessary condition, columnar)
    pick = (counts[inverse] >= 2) & (sums[inverse] > lowest_limit)
    rows, handlers = rows[pick], handlers[pick]
    days = ctx.decisions.day_of["contracts"][rows].tolist()
    # taken first, converted after: only the candidate rows become Python strings
    ids, orgs = (c.iloc[rows].to_numpy(dtype=object).tolist()
                 for c in (f["decision_id"], f["org_id"]))
    hs = handlers.to_numpy(dtype=object).tolist()
    ks = ctx.decisions.kinds_at("contracts", rows)
    for h, o, day, did, amt, r, k in zip(hs, orgs, days, ids, amount[rows].tolist(),
                                         rows.tolist(), ks):
        out.setdefault((str(h), node_key("organization", str(o))), []).append(
            (day, str(did), amt, r, str(k)))
    return out


def _network_decisions(ctx: DetectionContext, checked: set[str] | None
                       ) -> dict[tuple[str, str], list[tuple[int, str, float, int, str, str]]]:
    """(handler, network id) -> [(day, decision id, amount, row, kind, organization key)] for
    the decisions of this rule's kinds with an amount to a member of a supplier network
    (:func:`coi_graph.rules.linked_suppliers.networks`: organizations tied by a shared
    identifier or KvK officer); ``checked`` as in :func:`_pairs`.  Networks are few and
    small, so only their members' rows are read."""
    import numpy as np

    from ..graph.networks import network_index
    from .linked_suppliers import networks

    index = network_index(networks(ctx))
    f = ctx.decisions.frames["contracts"]
    out: dict[tuple[str, str], list[tuple[int, str, float, int, str, str]]] = {}
    if not index or not len(f):
        return out
    s = ctx.policy.rule(RULE.code).settings
    members = sorted(k.split(":", 1)[1] for k in index)
    # the rows :func:`_pairs` kept (this rule's kinds, an amount, a handler who is checked,
    # before its pairing), when it ran on this context; of those the networks' members'
    rows = ctx.memo.get("split_orders.rows")
    if rows is None:
        amount = f["amount_eur"].astype("float64").to_numpy()
        handled = f["handled_by"]
        keep = (~np.isnan(amount) & handled.notna().to_numpy()
                & f["org_id"].notna().to_numpy()
                & ctx.decisions.kind_in("contracts", s["kinds"]))
        if checked is not None:
            keep &= handled.astype("string").isin(sorted(checked)).fillna(False).to_numpy(
                dtype=bool)
        rows = np.flatnonzero(keep)
    rows = rows[f["org_id"].iloc[rows].astype("string").isin(members).fillna(False)
                .to_numpy(dtype=bool)]
    amount = f["amount_eur"].astype("float64").to_numpy()[rows]
    if not len(rows):
        return out
    days = ctx.decisions.day_of["contracts"][rows].tolist()
    ks = ctx.decisions.kinds_at("contracts", rows)
    for h, o, did, day, amt, r, k in zip(
            f["handled_by"].iloc[rows].tolist(), f["org_id"].iloc[rows].tolist(),
            f["decision_id"].iloc[rows].tolist(), days, amount.tolist(),
            rows.tolist(), ks):
        org = node_key("organization", str(o))
        out.setdefault((str(h), index[org]), []).append((day, str(did), amt, r, str(k), org))
    return out


def _budget_groups(ctx: DetectionContext, eid: str, decs: Iterable[tuple[Any, ...]],
                   default: float, window: int
                   ) -> list[tuple[float, str, list[str]]]:
    """The split groups of one handler's decisions ``(day, id, amount, ...)``: each decision
    under the mandate that covers it (its kind, its date): orders are split around one
    budget, so each budget's decisions are grouped apart."""
    budgets: dict[tuple[float, str], list[tuple[int, str, float]]] = {}
    for day, did, amount, _row, kind, *_ in sorted(decs):
        found = mandate_limit(ctx, eid, kind, day)
        limit, source = found if found is not None else (default, "policy")
        if limit > 0:
            budgets.setdefault((limit, source), []).append((day, did, amount))
    return [(limit, source, g) for (limit, source), ds_ in sorted(budgets.items())
            for g in groups(ds_, limit, window)]


def _finding(ctx: DetectionContext, eid: str, org: str, ds: list[Any], limit: float,
             source: str, window: int, network: tuple[str, list[str]] | None = None
             ) -> Finding:
    """One split group as a finding; ``network``: (network id, the organization keys) when
    the decisions went to several organizations of one supplier network."""
    sk = node_key("employee", eid)
    total = sum(d.amount or 0.0 for d in ds)
    # the latest decision first: the one that took the total over the limit
    paths = [EvidencePath([ctx._node(sk), ctx._node(f"decision:{d.decision_id}")],
                          [ctx._decision_step(d, sk)])
             for d in sorted(ds, key=lambda d: (d.day, d.decision_id), reverse=True)]
    records: list[tuple[str, str]] = []
    if source != "policy":
        # each decision was judged below the limit of this mandate row: its step cites the
        # row next to the decision's, and the row's digest is in the evidence hash
        for p in paths:
            p.steps[-1].evidence.append(source)
        records.append(mandate_record(ctx, source))
    extra = part_reasons(RULE, ["twice_the_limit"]) if total >= 2 * limit else []
    to_en, to_nl = ("one supplier", "één leverancier") if network is None else (
        f"{len(network[1])} linked suppliers", f"{len(network[1])} verbonden leveranciers")
    details: dict[str, Any] = {"total_eur": total, "limit_eur": limit, "limit_source": source,
                               "window_days": window}
    if network is not None:
        details.update(network_id=network[0], organizations=network[1])
    return make_finding(
        ctx, RULE.code, subject=eid, counterparty=org, path=paths[0],
        other_paths=paths[1:], records=records, decisions=ds, amount=total,
        roles="handled_by", extra=extra,
        explanation=(
            f"{len(ds)} decisions to {to_en} within {window} days, each below the "
            f"mandate of {format_eur(limit)}, together {format_eur(total)}.",
            f"{len(ds)} besluiten aan {to_nl} binnen {window} dagen, elk onder "
            f"het mandaat van {format_eur(limit)}, samen {format_eur(total)}."),
        details=details)


def select(ctx: DetectionContext, only: set[tuple[str, str]] | None = None) -> list[Finding]:
    """``only``: the (handler, organization id) pairs another engine selected.  The groups
    over a supplier network (decisions to two or more of its organizations) are found
    here for every engine, after the groups per supplier and from the decisions those left
    over, so a group per supplier stays as it is."""
    s = ctx.policy.rule(RULE.code).settings
    window, default = int(s["window_days"]), float(s["default_limit_eur"])
    with_mandate = mandate_holders(ctx)
    if default <= 0 and not with_mandate:
        return []
    out = []
    limits = ([default] if default > 0 else []) + mandate_floor(ctx)
    lowest = min(limits) if limits else 0.0
    checked = None if default > 0 else with_mandate
    pairs = _pairs(ctx, checked, lowest)
    grouped: set[str] = set()  # decision ids in a group per supplier
    for (eid, org), decs in sorted(pairs.items()):
        if only is not None and (eid, org.split(":", 1)[1]) not in only:
            continue
        sk = node_key("employee", eid)
        if sk not in ctx.g or org not in ctx.g:
            continue
        rows = {did: row for _day, did, _amount, row, _kind in decs}
        for limit, source, group in _budget_groups(ctx, eid, decs, default, window):
            ds = [ctx.decisions.at("contracts", rows[did]) for did in group]
            for d in ds:
                ctx.decisions.remember(d.decision_id, "contracts", rows[d.decision_id])
            grouped.update(group)
            out.append(_finding(ctx, eid, org, ds, limit, source, window))
    for (eid, nid), decs in sorted(_network_decisions(ctx, checked).items()):
        sk = node_key("employee", eid)
        left = [d for d in decs if d[1] not in grouped and d[5] in ctx.g]
        if sk not in ctx.g or len({d[5] for d in left}) < 2:
            continue
        at = {did: (row, org) for _day, did, _amount, row, _kind, org in left}
        for limit, source, group in _budget_groups(ctx, eid, left, default, window):
            orgs = sorted({at[did][1] for did in group})
            if len(orgs) < 2:  # one supplier's: the pass above found it or it is none
                continue
            ds = [ctx.decisions.at("contracts", at[did][0]) for did in group]
            for d in ds:
                ctx.decisions.remember(d.decision_id, "contracts", at[d.decision_id][0])
            latest = max(ds, key=lambda d: (d.day, d.decision_id))
            out.append(_finding(ctx, eid, at[latest.decision_id][1], ds, limit, source,
                                window, network=(nid, orgs)))
    return out


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={(r["subject_id"], r["org_id"]) for r in rows})


RULE = RuleSpec(
    code="split_orders",
    inputs=(("contracts",), ("mandates",)),
    inputs_from_policy={"mandates": "default_limit_eur"},
    title_nl="Opgeknipte opdrachten onder het mandaat",
    title_en="Orders split to stay under the mandate",
    description_en="Several decisions from one handler to one supplier (or one supplier "
                   "network) within the policy window, each below the handler's mandate "
                   "limit, together above it.",
    description_nl="Meerdere besluiten van één behandelaar aan één leverancier (of één "
                   "netwerk van verbonden leveranciers) binnen de beleidstermijn, elk onder "
                   "het mandaat van de behandelaar, samen erboven.",
    report_nl="Een medewerker gaf binnen korte tijd meerdere opdrachten aan één leverancier, "
              "elk onder het eigen mandaat maar samen erboven.",
    decision_based=True,
    defaults=RuleDefaults(base_score=55, articles=(
        "Woonpartners Bijlage I, Inkoop & aanbesteding", "Leystromen 2.3"),
        settings={"window_days": 30, "default_limit_eur": 0.0,
                  "kinds": ["contract", "purchase_order", "invoice"]}),
    policy_sections=(),
    parts=(ScorePart("twice_the_limit", 10, "together at least twice the mandate",
                     "samen ten minste het dubbele van het mandaat"),),
    select=select,
    from_rows=from_rows,
    summary="two or more contracts, orders or invoices from one handler to one supplier "
            "(or one supplier network) within 30 days, each below the handler's mandate, "
            "together above it",
)
