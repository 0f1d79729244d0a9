"""Small numpy helpers of the generator: day arithmetic, string columns, ids, and the pools
that hand out each address, IBAN, phone number and KvK number once.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.dtypes import StringDType

S = StringDType()


def years(n: float) -> int:
    return round(n * 365.25)


def day_class(days: np.ndarray | int, c: int):
    """Move day numbers into birth-date class ``c`` (day number modulo 3)."""
    return days - days % 3 + c


def sa(x) -> np.ndarray:
    """To a numpy StringDType array."""
    return np.asarray(x, dtype=object).astype(S)


def concat(*parts) -> np.ndarray:
    out = parts[0] if isinstance(parts[0], str) else sa(parts[0])
    for p in parts[1:]:
        out = np.strings.add(out, p if isinstance(p, str) else sa(p))
    return np.asarray(out).astype(object)


def make_ids(prefix: str, n: int, width: int) -> np.ndarray:
    w = max(width, len(str(n)))
    return concat(prefix, np.strings.zfill(np.arange(1, n + 1).astype(S), w))


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy's hash-based unique is slow on millions of ints)."""
    a = np.sort(np.asarray(x, np.int64))
    return a[np.concatenate([[True], a[1:] != a[:-1]])] if len(a) else a


def member(sorted_keys: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``np.isin(x, sorted_keys)`` for a sorted unique array, by binary search."""
    x = np.asarray(x, np.int64)
    if not len(sorted_keys):
        return np.zeros(len(x), bool)
    pos = np.minimum(np.searchsorted(sorted_keys, x), len(sorted_keys) - 1)
    return sorted_keys[pos] == x


class UniquePool:
    """Hands out each int64 key once (addresses, IBANs, phone numbers, KvK numbers)."""

    def __init__(self) -> None:
        self.used = np.empty(0, np.int64)

    def take(self, rng: np.random.Generator, n: int,
             sampler: Callable[[np.random.Generator, np.ndarray], np.ndarray]) -> np.ndarray:
        """``sampler(rng, rows)`` proposes a key for each of ``rows``; clashes are redrawn."""
        out = np.full(n, -1, np.int64)
        todo = np.arange(n)
        while len(todo):
            key = np.asarray(sampler(rng, todo), np.int64)
            _, first = np.unique(key, return_index=True)
            ok = np.zeros(len(key), bool)
            ok[first] = True
            ok &= ~member(self.used, key)
            out[todo[ok]] = key[ok]
            self.used = np.sort(np.concatenate([self.used, key[ok]]))
            todo = todo[~ok]
        return out

    def claim(self, key: int) -> bool:
        if member(self.used, np.array([key]))[0]:
            return False
        self.used = np.sort(np.concatenate([self.used, [key]]))
        return True


ADDR_LI_BUSINESS = 300  # letter pairs from here on are business postcodes
ADDITIONS = np.array(["A", "B", "C", "1", "2", "3", "bis", "hs", "I", "II"], dtype=object)
ADDITION_P = np.array([0.22, 0.16, 0.06, 0.16, 0.14, 0.06, 0.03, 0.07, 0.06, 0.04])


def addr_key(pc4, li, hn):
    return (np.asarray(pc4, np.int64) * 397 + li) * 10_000 + hn


def addr_split(key: np.ndarray):
    key = np.asarray(key, np.int64)
    return key // (397 * 10_000), (key // 10_000) % 397, key % 10_000
