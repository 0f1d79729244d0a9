"""coi-graph: conflict-of-interest graph analysis for Dutch social housing corporations.

The library does the work; ``coi_graph.cli`` is a thin layer over it, so a notebook and the
command line call the same functions.
"""

from __future__ import annotations

__version__ = "0.1.0"
