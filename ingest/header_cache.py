"""A table's header row resolved once while that table is read and checked.

Reading one table resolves its header row (:func:`ingest.header_mapping.resolve_headers`)
in every step that looks for a column of its own: name parts, an address in one cell,
relatives' ids, joint applicants, totals lines, the check itself.  Each time with the
same cells and mapping, and each time a header no synonym names is compared with every
synonym by edit distance (about 4 ms a call for large's employees, 40 ms per ingest in
all).  Within :func:`headers_resolved_once` (one table's job in ``read_folder``), the
result for the same table, cells and mapping is worked out once and handed out as a
copy; outside it, every call resolves afresh.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ingest import header_mapping

__all__ = ["headers_resolved_once", "resolve_headers"]

_LOCAL = threading.local()  # tables are read in several threads: a cache per thread


@contextmanager
def headers_resolved_once() -> Iterator[None]:
    """Within this (in this thread), :func:`resolve_headers` remembers its results."""
    before = getattr(_LOCAL, "cache", None)
    _LOCAL.cache = {}
    try:
        yield
    finally:
        _LOCAL.cache = before


def resolve_headers(spec, cells: list[str], mapping=None) -> tuple[list[str | None], list[str]]:
    """:func:`ingest.header_mapping.resolve_headers`, remembered within
    :func:`headers_resolved_once` per table spec, cells and mapping (the objects of one
    table's job, alive and unchanged while it runs)."""
    cache = getattr(_LOCAL, "cache", None)
    if cache is None:
        return header_mapping.resolve_headers(spec, cells, mapping)
    key = (id(spec), tuple(cells), id(mapping))
    found = cache.get(key)
    if found is None:
        found = cache[key] = (spec, mapping,
                              header_mapping.resolve_headers(spec, list(cells), mapping))
    names, notes = found[2]
    return list(names), list(notes)
