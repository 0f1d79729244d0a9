"""ISO 8601 timestamps with a time zone, as cloud HR, ERP and allocation systems export a
date through their APIs (``2024-02-29T23:00:00Z``, ``2024-03-01T00:00:00+01:00``).

Why a step of its own: such a system keeps a date as midnight in Dutch time and writes it as
the same moment in UTC, so 1 March comes out as ``2024-02-29T23:00:00Z``. Cutting the time
off gives the day before; the date meant is the moment's date in Europe/Amsterdam. A value
with an offset (``+01:00``) is converted the same way, which leaves a Dutch offset's date as
written.

>>> import numpy as np, pandas as pd
>>> text = pd.Series(["2024-02-29T23:00:00Z", "2024-07-01T00:00:00+02:00", "x"])
>>> todo = np.array([True, True, True]); out = np.full(3, np.datetime64("NaT"), "datetime64[us]")
>>> shifted = read_zoned(text, todo, out)
>>> [str(d)[:10] for d in out], todo.tolist(), shifted.tolist()
(['2024-03-01', '2024-07-01', 'NaT'], [False, False, True], [0])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingest.identifiers import shown

__all__ = ["DUTCH_TIME", "ZONED_PATTERN", "read_zoned", "zoned_note"]

#: The time zone whose calendar a corporation's dates are in.
DUTCH_TIME = "Europe/Amsterdam"

#: A date, a time and a zone: ``Z``, ``+01:00`` or ``+0100`` (seconds and fractions optional).
ZONED_PATTERN = (r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
                 r"(?:Z|[+-]\d{2}:?\d{2})$")


def read_zoned(text: pd.Series, todo: np.ndarray, out: np.ndarray) -> np.ndarray | None:
    """Read the values at ``todo`` that are zoned timestamps into ``out`` (their date in
    Dutch time, at midnight) and clear them from ``todo``.  Returns the positions of the
    values whose Dutch date differs from the date written in them (None when none does):
    worth a warning, since the file shows another day.  All of them, not the first: the
    caller may still refuse some (a year out of range, such as Dynamics 365's end of time
    ``2154-12-31T23:59:59Z``, which is 2155 in Dutch time), and the warning must quote one
    that was read."""
    positions = np.flatnonzero(todo)
    part = text.iloc[positions]
    fits = part.str.fullmatch(ZONED_PATTERN).fillna(False).to_numpy(dtype=bool)
    if not fits.any():
        return None
    at = positions[fits]
    values = text.iloc[at]
    moments = pd.to_datetime(values, utc=True, format="ISO8601", errors="coerce")
    ok = moments.notna().to_numpy()
    at, values, moments = at[ok], values[ok], moments[ok]
    local = moments.dt.tz_convert(DUTCH_TIME).dt.tz_localize(None).dt.normalize()
    out[at] = local.to_numpy().astype("datetime64[us]")
    todo[at] = False
    written = pd.to_datetime(values.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    moved = np.flatnonzero((written.to_numpy() != local.to_numpy()))
    if len(moved) == 0:
        return None
    return at[moved]


def zoned_note(value: str, date: np.datetime64, moved: int) -> str:
    """The warning for a column of UTC timestamps that fall on another day in Dutch time."""
    day = pd.Timestamp(date).strftime("%d-%m-%Y")
    return (f"the column holds moments with a time zone ({shown(value)}): each is read as its "
            f"date in Dutch time, {shown(value)} as {day}; {moved} value(s) of the column fall "
            "on another day than the date written in them; check that the export means these "
            "moments, or export plain dates (2024-03-01)")
