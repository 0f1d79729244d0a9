"""Whole-column operations on text columns that pandas does slowly on Arrow strings.

Ingest keeps text in pandas' ``str`` dtype, which is backed by Arrow when pyarrow is
installed.  Some pandas methods on that dtype fall back to a Python loop over the values:
``Series.isin`` turns every value it looks for into an Arrow scalar one at a time (a
second per million ids), though Arrow's own ``is_in`` does the whole check in C.  The
helpers here call Arrow directly and fall back to pandas for other dtypes; results are
the same as pandas' (a missing value is never found).

>>> s = pd.Series(["E1", None, "E3"], dtype="str")
>>> isin(s, pd.Index(["E3", "E1"])).tolist()
[True, False, True]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["arrow_array", "isin", "map_text"]


def arrow_array(values: pd.Series):  # -> pyarrow.Array | None
    """The column as one contiguous Arrow array (``None`` when it is not Arrow-backed)."""
    if getattr(values.dtype, "storage", None) != "pyarrow":
        return None
    import pyarrow as pa

    arr = pa.array(values.array)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def isin(values: pd.Series, targets: Iterable[object]) -> np.ndarray:
    """Mask of the values found among ``targets`` (text; a missing value is never found).

    What ``values.isin(targets).to_numpy()`` gives for targets without missing values,
    in C for an Arrow-backed column.
    """
    arr = arrow_array(values) if len(values) else None
    if arr is None:
        return values.isin(list(targets) if not isinstance(targets, pd.Index) else targets
                           ).to_numpy(dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(targets, (pd.Index, pd.Series)) and getattr(
            targets.dtype, "storage", None) == "pyarrow":
        value_set = pc.drop_null(pa.array(targets.array)).cast(arr.type)
    else:
        wanted = [t for t in np.asarray(list(targets), dtype=object) if isinstance(t, str)]
        value_set = pa.array(wanted, type=arr.type)
    if not len(value_set):
        return np.zeros(len(values), dtype=bool)
    mask = pc.is_in(arr, value_set=value_set)
    return mask.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def map_text(values: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """``values.map(mapping)`` as a ``str`` column (a value not in ``mapping`` is missing),
    by Arrow's ``index_in`` and ``take`` for an Arrow-backed column.

    >>> map_text(pd.Series(["ja", "", "nee"], dtype="str"), {"ja": "yes", "nee": "no"}).tolist()
    ['yes', nan, 'no']
    """
    arr = arrow_array(values) if len(values) and mapping else None
    if arr is None or any(not isinstance(v, str) for v in mapping.values()):
        return pd.Series(values.map(mapping), index=values.index, dtype="str")
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = pa.array(list(mapping), type=arr.type)
    codes = pc.index_in(arr, value_set=keys)
    mapped = pa.array(list(mapping.values()), type=arr.type).take(codes)
    return pd.Series(pd.array(mapped, dtype="str"), index=values.index)
