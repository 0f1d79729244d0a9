"""Python's cyclic garbage collector paused for work that makes many objects and no cycles.

Matching and recording a run make hundreds of thousands of small objects (key tuples,
parsed names, rows to insert) while a scan holds millions of others; every few hundred
allocations the collector runs, and its older generations walk the whole heap for garbage
there is none of (nothing in that work makes reference cycles only the collector frees;
any that appear are collected at its next run).

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector (when it runs) and resume it after, also on an exception; a
    caller that had it off keeps it off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
