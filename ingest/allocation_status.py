"""An allocation system's list of candidates: only the allocated rows are decisions.

WoningNet, Woonnet Rijnmond, Woonmatch, Itris/Viewpoint and Cegeka/Centric export the
candidates of an advertisement a row each, with a status (``Toegewezen``,
``Geaccepteerd``, ``Geweigerd``, ``Niet gereageerd``, ``Afgewezen``).  Read as
allocations, every candidate would be a decision, or (one advertisement number on every
row) the household of the one allocated: a candidate read as the co-applicant.  So the
rows whose status says the candidate was not allocated are set aside before the table is
checked, with one warning per file that counts them per status and names their lines:
nothing is lost unseen.  A row whose status is unknown stays and is refused by the
status column (``unreadable_skips_row``); a row without a status in a file that lists
candidates is refused here, since it may be a candidate as well.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ingest.enum_synonyms import ALLOCATION_STATUSES

__all__ = ["set_aside_candidates"]

#: at most this many lines are named in the warning (the count says the rest)
_SHOWN_LINES = 10


def _status_code(value: str) -> str | None:
    """The status code ``value`` is written for (a typo of one known word too), or
    ``None`` when it is none."""
    code = ALLOCATION_STATUSES.lookup(value)
    if code is None:
        close = ALLOCATION_STATUSES.close(value)
        code = close[0] if close else None
    return code


def _lines(lines: np.ndarray) -> str:
    shown = ", ".join(str(int(x)) for x in lines[:_SHOWN_LINES])
    return shown + (", ..." if len(lines) > _SHOWN_LINES else "")


def set_aside_candidates(raw, spec, table_map=None) -> None:
    """Leave out of an allocations file (a :class:`ingest.read_files.RawTable`) the rows
    of candidates who were not allocated, by its status column, with a warning that
    counts them per status as written and names their lines; a row without a status
    beside such rows is refused as a row (it may be a candidate too)."""
    if spec is None or spec.name != "allocations" or raw.n_rows == 0:
        return
    from ingest.read_files import cell_text
    from ingest.header_cache import resolve_headers

    resolved, _notes = resolve_headers(spec, [str(c) for c in raw.header], table_map)
    if "status" not in resolved:
        return
    at = resolved.index("status")
    if at >= len(raw.columns):
        return
    header = str(raw.header[at]).strip()
    values = [cell_text(v).strip() for v in raw.columns[at]]
    codes = {v: _status_code(v) for v in set(values) if v}
    aside = np.fromiter((bool(v) and codes[v] not in (None, "allocated") for v in values),
                        dtype=bool, count=len(values))
    if not aside.any():
        return
    lines = raw.lines[aside]
    counts = Counter(v for v, a in zip(values, aside) if a)
    said = ", ".join(f"{v!r}: {n}" for v, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    raw.warnings.append(
        f"{len(lines)} row(s) are candidates who were not allocated, as column {header!r} "
        f"says ({said}), on line(s) {_lines(lines)}: they are no allocation decisions and "
        "are left out, not read as data; only rows whose status is an allocation "
        "(Toegewezen, Geaccepteerd) are read")
    keep = ~aside
    raw.set_aside += int(aside.sum())
    new_pos = np.cumsum(keep) - 1
    empty = [int(new_pos[p]) for p in np.flatnonzero(keep) if not values[p]]
    raw.columns = [c[keep].reset_index(drop=True) for c in raw.columns]
    raw.lines = raw.lines[keep]
    raw.row_problems = [(int(new_pos[p]), m) for p, m in raw.row_problems if keep[p]]
    gone = {int(x) for x in lines}
    raw.line_problems = [lp for lp in raw.line_problems if int(lp[0]) not in gone]
    raw.row_refusals.extend(
        (p, "status", f"the status ({header!r}) is empty in a list that also holds "
         "candidates who were not allocated: fill in whether this row is an allocation "
         "(Toegewezen, Geaccepteerd) or not, or remove the row", "missing status")
        for p in empty)
