"""Words of link labels that the scan writes and the pages render: one vocabulary for both.

The graph labels a declaration in Dutch for ``findings.csv`` (``aandeelhouder (financieel
belang, goedgekeurd)``) and stores what it is as codes (:data:`coi_graph.links.LABEL_CODES`);
pages and reports render the codes in Dutch or English
(:func:`coi_graph.outputs.explore_text.step_label_text`).  Both take their words from here,
so the Dutch on a page is the Dutch in the CSV.  No imports: the scan and the light commands
both load it.

>>> declaration_text("financial_interest", "aandeelhouder", "approved", "nl")
'aandeelhouder (financieel belang, goedgekeurd)'
>>> declaration_text("side_function", None, "pending", "en")
'side function (pending)'
"""

from __future__ import annotations

__all__ = ["DECLARATION_KINDS", "DECLARATION_STATUSES", "declaration_text"]

#: Declaration kinds and statuses of the data contract, (Dutch, English).
DECLARATION_KINDS: dict[str, tuple[str, str]] = {
    "financial_interest": ("financieel belang", "financial interest"),
    "side_function": ("nevenfunctie", "side function"),
    "own_business": ("eigen bedrijf", "own business"),
    "position": ("functie", "position"),
    "private_transaction": ("privétransactie", "private transaction"),
    "other": ("belang", "interest"),
}
DECLARATION_STATUSES: dict[str, tuple[str, str]] = {
    "approved": ("goedgekeurd", "approved"), "pending": ("in behandeling", "pending"),
    "rejected": ("afgewezen", "rejected"), "withdrawn": ("ingetrokken", "withdrawn"),
}


def declaration_text(kind: str, position: str | None, status: str, lang: str) -> str:
    """A declaration link in one language; codes this version does not know are shown as
    written."""
    i = 0 if lang == "nl" else 1
    what = DECLARATION_KINDS[kind][i] if kind in DECLARATION_KINDS else kind
    state = DECLARATION_STATUSES[status][i] if status in DECLARATION_STATUSES else status
    return f"{position} ({what}, {state})" if position else f"{what} ({state})"
