"""The eighteenth session's shortcuts in the graph build give what their plain forms give.

``build._texts`` reads a text column held by Arrow with Arrow's kernels (``_arrow_texts``:
trim, empty cells made missing) instead of pandas' ``astype("string").str.strip()`` and
``mask``.  Checked here against the pandas way on hand-written cells (every kind of
whitespace, empty and missing cells, non-ASCII, a lone surrogate where Arrow cannot hold
it) and on many seeded random columns split over several chunks, value by value, missing
place by missing place, with the same dtype, index and name.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from coi_graph.graph.build import _arrow_texts, _texts


def _plain(frame: pd.DataFrame, name: str) -> pd.Series:
    """What ``_texts`` did before the Arrow path: pandas' own passes."""
    s = frame[name].astype("string").str.strip()
    return s.mask(s == "")


def _same(a: pd.Series, b: pd.Series) -> None:
    assert a.dtype == b.dtype
    assert a.index.equals(b.index)
    assert a.name == b.name
    assert a.isna().tolist() == b.isna().tolist()
    assert a.to_numpy(dtype=object, na_value=None).tolist() == \
        b.to_numpy(dtype=object, na_value=None).tolist()


#: every whitespace pandas' strip and Arrow's trim might read differently
SPACES = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\u00a0", "\u2007", "\u202f", "\u3000",
          "\u2003", "\u200b", "\ufeff", "\x1c", "\x85", "\u1680", "\u2028"]
WORDS = ["1234AB", "12", "a", "NL91ABNA0417164300", "jan@example.nl", "+31 6 1234 5678",
         "Ĳsselstein", "Straße", "İ", "  x  y  ", "", "0"]

HAND = ["", " ", "  ", "\t", "a", " a", "a ", " a ", "\u00a0a\u00a0", "\u3000b", "a b",
        "\u200bz", "x\ufeff", None, "1234 AB", "éé ", " ÿ", "\u2028", "\x85q"]


def _frame(cells: list, chunks: int, rng: random.Random) -> pd.DataFrame:
    """A frame whose column ``c`` is Arrow text in ``chunks`` chunks, as ingest holds it."""
    cuts = sorted(rng.randrange(len(cells) + 1) for _ in range(chunks - 1))
    parts, at = [], 0
    for cut in [*cuts, len(cells)]:
        parts.append(pa.array(cells[at:cut], type=pa.string()))
        at = cut
    col = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(parts, type=pa.string())),
                    dtype="str" if rng.random() < 0.5 else "string")
    col.index = pd.RangeIndex(7, 7 + len(cells))
    return pd.DataFrame({"c": col}, index=col.index)


def test_hand_written_cells_read_as_pandas_reads_them() -> None:
    f = _frame(HAND, 3, random.Random(1))
    got = _arrow_texts(f["c"])
    assert got is not None  # the Arrow path is taken (so the comparison compares it)
    _same(got, _plain(f, "c"))
    _same(_texts(f, "c"), _plain(f, "c"))
    assert got.tolist()[:6] == [pd.NA, pd.NA, pd.NA, pd.NA, "a", "a"]


@pytest.mark.parametrize("seed", range(12))
def test_random_columns_read_as_pandas_reads_them(seed: int) -> None:
    rng = random.Random(seed)
    cells: list = []
    for _ in range(rng.randrange(0, 3000)):
        r = rng.random()
        if r < 0.1:
            cells.append(None)
        else:
            word = rng.choice(WORDS)
            cells.append("".join(rng.choice(SPACES) for _ in range(rng.randrange(3))) + word
                         + "".join(rng.choice(SPACES) for _ in range(rng.randrange(3))))
    f = _frame(cells, rng.randrange(1, 6), rng)
    got = _arrow_texts(f["c"])
    assert got is not None
    _same(got, _plain(f, "c"))


def test_columns_arrow_does_not_hold_go_pandas_way() -> None:
    # objects (a lone surrogate, numbers), and text held by Python: the pandas way
    odd = pd.DataFrame({"c": pd.Series(["\udc80 ", " 1", None], dtype=object),
                        "n": pd.Series([1.0, np.nan, 3.0])})
    assert _arrow_texts(odd["c"]) is None and _arrow_texts(odd["n"]) is None
    _same(_texts(odd, "n"), _plain(odd, "n"))
    py = pd.DataFrame({"c": pd.Series([" a", "", None], dtype=pd.StringDtype("python"))})
    assert _arrow_texts(py["c"]) is None
    _same(_texts(py, "c"), _plain(py, "c"))
    absent = _texts(py, "missing")
    assert absent.isna().all() and len(absent) == 3
