"""``gift_before_decision``: a gift or invitation from the counterparty within the policy
window (``gifts.window_days``, default 365) before a decision the recipient handled or
approved.  Cypher twin: ``queries/gift_before_decision.cypher``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any


from ..findings import EvidencePath, Finding
from ..schema import node_key
from .base import RuleDefaults, RuleSpec, ScorePart, make_finding, part_reasons

if TYPE_CHECKING:
    from .detect import DetectionContext


def select(ctx: DetectionContext, only: set[tuple[str, str]] | None = None) -> list[Finding]:
    """``only``: the (decision_id, employee_id) pairs another engine selected."""
    import numpy as np
    import pandas as pd
    from ..links import ordinal, text_of
    window = ctx.policy.gifts.window_days
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in ctx.gift_rows():
        eid, oid = text_of(r.get("employee_id")), r["_org"]
        if eid and oid:
            by_pair[(eid, node_key("organization", oid))].append(r)
    if not by_pair:
        return []
    out = []
    dt_ = ctx.decisions
    n_org = max(len(dt_.orgs), 1)
    # the (employee, organization) positions of the gift pairs: a look-up of the few pairs,
    # not a dict over every employee and organization
    e_at = dt_.employees.get_indexer([e for e, _ in by_pair])
    o_at = dt_.orgs.get_indexer([o.split(":", 1)[1] for _, o in by_pair])
    wanted = {int(e) * n_org + int(o) for e, o in zip(e_at, o_at) if e >= 0 and o >= 0}
    js, js_keys = contract_pairs_in(dt_.p_table, dt_.p_emp, dt_.p_cp, wanted, n_org)
    selected = []
    for j in js.tolist():
        row = int(dt_.p_row[j])
        did = dt_.decision_id("contracts", row)
        dt_.remember(did, "contracts", row)
        selected.append((did, str(dt_.employees[int(dt_.p_emp[j])])))
    # the decisions with a gift of their pair within the window, for all at once: only
    # those are read one by one below (a busy supplier's contracts with an employee it
    # once gave a gift are mostly years away from it)
    gift_keys, gift_days = [], []
    for e, o, gifts in zip(e_at.tolist(), o_at.tolist(), by_pair.values()):
        if e >= 0 and o >= 0:
            gift_keys += [e * n_org + o] * len(gifts)
            gift_days += [ordinal(r.get("date"), 0) for r in gifts]
    near = in_window(js_keys, dt_.p_day[js], np.asarray(gift_keys, dtype=np.int64),
                     np.asarray(gift_days, dtype=np.int64), window)
    candidates = {pair for pair, hit in zip(selected, near.tolist()) if hit}
    dt_.prefetch(dict.fromkeys(did for did, _ in sorted(candidates)))
    for did, eid in sorted(selected):
        if (did, eid) not in candidates:
            continue  # no gift of its pair within the window: no finding (see in_window)
        if only is not None and (did, eid) not in only:
            continue
        d = ctx.decisions[did]
        gifts = by_pair.get((eid, d.counterparty))
        if not gifts:
            continue
        hits = [r for r in gifts if 0 <= d.day - ordinal(r.get("date"), 0) <= window]
        if not hits:
            continue
        hits.sort(key=lambda r: (ordinal(r.get("date"), 0), text_of(r["gift_id"]) or ""))
        sk, ok = node_key("employee", eid), d.counterparty
        paths = []
        for r in reversed(hits):  # the gift closest to the decision first
            nodes = [ctx._node(sk), ctx._node(ok), ctx._node(f"decision:{did}")]
            steps = [ctx._gift_step(r, sk, ok), ctx._decision_step(d, ok)]
            paths.append(EvidencePath(nodes, steps))
        records = [(f"gifts:{text_of(r['gift_id'])}", ctx.lg.digests("gifts", r)) for r in hits]
        total = sum(float(r["value_eur"]) for r in hits
                    if r.get("value_eur") is not None and not pd.isna(r.get("value_eur")))
        extra = (part_reasons(RULE, ["value_above_limit"])
                 if total > ctx.policy.gifts.value_limit_eur else [])
        out.append(make_finding(
            ctx, RULE.code, subject=eid, counterparty=ok, path=paths[0], other_paths=paths[1:],
            records=records, decisions=[d], roles=ctx.decisions.roles_of(did, eid), extra=extra,
            details={"gifts_in_window": len(hits), "gift_value_eur": total,
                     "window_days": window}))
    return out


def contract_pairs_in(p_table: Any, p_emp: Any, p_cp: Any, wanted: set[int], n_org: int
                      ) -> tuple[Any, Any]:
    """The contract pairs (``p_table`` 0) whose key ``person * n_org + organization`` is in
    ``wanted``, in pair order, with their keys: the keys of every pair,
    ``np.where((p_table == 0) & (p_cp >= 0), p_emp * n_org + p_cp, -1)``, matched with
    ``wanted``, for only the pairs whose person and organization each take part in some
    wanted key (two look-ups in small tables): keying ten million pairs took half a second.

    >>> import numpy as np
    >>> js, keys = contract_pairs_in(np.array([0, 0, 1, 0]), np.array([0, 1, 1, 1]),
    ...                              np.array([1, 1, -1, -1]), {1 * 2 + 1}, 2)
    >>> js.tolist(), keys.tolist()
    ([1], [3])
    """
    import numpy as np

    from ..graph.decisions import member

    e_in = np.zeros(int(np.max(p_emp, initial=-1)) + 1, dtype=bool)
    o_in = np.zeros(n_org + 1, dtype=bool)  # the last entry: no organization (-1)
    for k in wanted:
        e, o = divmod(k, n_org)
        if e < len(e_in):
            e_in[e] = True
            o_in[o] = True
    js = np.flatnonzero((p_table == 0) & e_in[p_emp] & o_in[p_cp])
    keys = np.asarray(p_emp[js], dtype=np.int64) * n_org + p_cp[js]
    met = member(keys, list(wanted))
    return js[met], keys[met]


def in_window(keys: Any, days: Any, gift_keys: Any, gift_days: Any, window: int) -> Any:
    """Per decision (its pair key and day ordinal), whether a gift of the same pair key
    falls within ``window`` days before it (``0 <= day - gift_day <= window``, what the
    rule asks of each gift), for all decisions at once: one sort of the gifts and two
    binary searches, instead of reading every decision of a pair that ever had a gift.
    Day ordinals are below 2**22 (a ``date`` ends at 9999-12-31), so key and day fit one
    integer, and a window reaching before day 0 is cut at 0.

    >>> import numpy as np
    >>> in_window(np.array([1, 1, 2, 3]), np.array([100, 500, 100, 10]),
    ...           np.array([1, 2, 3]), np.array([90, 101, 0]), 30).tolist()
    [True, False, False, True]
    """
    import numpy as np

    keys = np.asarray(keys, dtype=np.int64)
    days = np.asarray(days, dtype=np.int64)
    if not len(keys) or not len(gift_keys):
        return np.zeros(len(keys), dtype=bool)
    shift = np.int64(1 << 22)
    gifts = np.sort(np.asarray(gift_keys, dtype=np.int64) * shift
                    + np.asarray(gift_days, dtype=np.int64))
    lo = keys * shift + np.maximum(days - window, 0)
    hi = keys * shift + days
    return (np.searchsorted(gifts, hi, side="right")
            - np.searchsorted(gifts, lo, side="left")) > 0


def from_rows(ctx: DetectionContext, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    return select(ctx, only={(r["decision_id"], r["subject_id"]) for r in rows})


RULE = RuleSpec(
    code="gift_before_decision",
    inputs=(("gifts",),),
    title_nl="Geschenk van de wederpartij vóór het besluit",
    title_en="Gift from the counterparty before the decision",
    description_en="The handler or approver received a gift or invitation from the "
                   "counterparty within the policy window before the decision.",
    description_nl="De behandelaar of goedkeurder kreeg binnen de beleidstermijn vóór het "
                   "besluit een geschenk of uitnodiging van de wederpartij.",
    report_nl=('De behandelaar ontving een geschenk of uitnodiging van de wederpartij in de '
                 'periode vóór het besluit.'),
    decision_based=True,
    defaults=RuleDefaults(base_score=60, articles=(
        "Leystromen 3, Uitnodigingen 2", "Woonpartners Bijlage I, Geschenken")),
    policy_sections=("gifts.", "subject_roles", "matching.", "paths."),
    parts=(ScorePart("value_above_limit", 10, "gift value above the policy limit",
                     "waarde van de geschenken boven de grens"),),
    select=select,
    from_rows=from_rows,
    summary="a gift or invitation from the counterparty within 365 days before the decision",
)
