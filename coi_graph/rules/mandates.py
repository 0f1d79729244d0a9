"""Purchasing mandates: the largest single commitment each employee may make.

From the optional ``mandates`` table (employee, limit, the decision kind it covers or all,
validity); a rule that needs a limit and finds no mandate row uses its policy default.
Shared by ``split_orders`` and ``self_approval``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .detect import DetectionContext

__all__ = ["mandate_limit", "mandate_holders", "mandate_floor", "mandate_record"]

#: (limit in euros, where it comes from: ``mandates:LINE``)
Limit = tuple[float, str]


def _index(ctx: DetectionContext) -> dict[str, list[tuple[str, int, int, float, str]]]:
    """employee id -> [(kind or "", valid from, valid until, limit, evidence)], built once;
    with it ``ctx.memo["mandates.records"]``: evidence -> (record key, row digest), what
    :func:`mandate_record` gives a finding that relies on the row."""
    cached = ctx.memo.get("mandates")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from ..graph.build import frame_rows
    from ..links import NEG, POS, number_of, ordinal, text_of

    out: dict[str, list[tuple[str, int, int, float, str]]] = {}
    records: dict[str, tuple[str, int]] = {}
    frame = ctx.ds.frame("mandates")
    if len(frame):
        for r in frame_rows(frame):
            eid, limit = text_of(r.get("employee_id")), number_of(r.get("limit_eur"))
            if not eid or limit is None:
                continue
            kind, lo = text_of(r.get("kind")) or "", ordinal(r.get("valid_from"), NEG)
            cite = ctx.ds.cite("mandates", int(r["_line"]))
            out.setdefault(eid, []).append((
                kind, lo, ordinal(r.get("valid_until"), POS), float(limit), cite))
            # the row's key (what the mandate is: no line number, mandates have no id)
            # and its digest, hashed lazily: only a finding that relies on it asks
            records[cite] = (f"mandates:{eid}|{kind}|{lo}", int(r["_pos"]))
    ctx.memo["mandates"] = out
    ctx.memo["mandates.records"] = records
    return out


def mandate_record(ctx: DetectionContext, cite: str) -> tuple[str, str]:
    """``(record key, row digest)`` of the mandate row cited as ``cite`` (``mandates:LINE``,
    as :func:`mandate_limit` names it): a finding that relies on a mandate's limit hashes the
    row into its evidence hash, so a changed limit or validity shows as changed evidence."""
    _index(ctx)
    key, pos = ctx.memo["mandates.records"][cite]
    return key, ctx.lg.digests("mandates", pos)


def mandate_limit(ctx: DetectionContext, employee_id: str, kind: str, day: int) -> Limit | None:
    """The employee's limit for a decision of ``kind`` on ``day``: a mandate row for that kind
    wins over one for all kinds; of several valid rows the lowest limit counts (the strictest
    reading of overlapping mandates).  ``None`` when the employee has no valid mandate row.

    Why the lowest: two valid rows for one person are an inconsistency in the source; the
    auditor sees the lower limit named in the finding and can check it.
    """
    rows = [r for r in _index(ctx).get(employee_id, ()) if r[1] <= day <= r[2]]
    specific = [r for r in rows if r[0] == kind]
    use = specific or [r for r in rows if not r[0]]
    if not use:
        return None
    best = min(use, key=lambda r: (r[3], r[4]))
    return best[3], best[4]


def mandate_holders(ctx: DetectionContext) -> set[str]:
    """The employees with at least one mandate row."""
    return set(_index(ctx))


def mandate_floor(ctx: DetectionContext) -> list[float]:
    """Every mandate limit in the table (for a rule's necessary-condition filter)."""
    return [row[3] for rows in _index(ctx).values() for row in rows]
