"""Matching: deciding that two records are one person or one organization, with reasons."""

from __future__ import annotations

__all__ = ["clear_caches"]


def clear_caches() -> None:
    """Forget what matching memoised (parsed names, blocking keys, the reference index).

    Those caches make one scan fast: officers and then applicants are matched against the
    same employees and relatives, and a name met twice is parsed once.  Once the graph is
    built they only hold memory (on the ``large`` demo some 100 MiB of small objects), and
    the rest of the build and detection would allocate beside them;
    :func:`coi_graph.graph.build.build_graph` calls this once its matching is done.
    """
    import sys

    for name in ("coi_graph.normalise.names", "coi_graph.match.compare",
                 "coi_graph.match.records", "coi_graph.match.bulk"):
        module = sys.modules.get(name)
        for value in vars(module).values() if module is not None else ():
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()
    records = sys.modules.get("coi_graph.match.records")
    if records is not None:
        records._ref_sets.clear()  # the reference indexes (not an lru_cache: they are joined)
