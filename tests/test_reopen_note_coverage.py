"""Every sentence part :func:`describe_change` can write is translated when it is shown.

The workspace keeps a scan's reopen note in English (append-only), and
``explore_text.reopen_note_text`` translates it part by part with a pattern list; a part no
pattern matches is shown as written, i.e. in English inside a Dutch page.  A new branch of
``describe_change`` without a pattern would slip through the workflow test (which follows
one reopened case), so each branch is produced here and its Dutch rendering checked for
English words.
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from coi_graph.outputs.explore_text import reopen_note_text
from coi_graph.outputs.workspace import CLEAR_COLUMNS, describe_change

#: English words of describe_change's sentences; none may survive into Dutch.
_ENGLISH = re.compile(r"\b(evidence|added|gone|changed|severity|path now|declared|empty|"
                      r"no longer|content|differs|closed|since|rows|line)\b")


def _finding(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"declared": 0, "evidence": ["contracts:C1"], "path": "a -[x]- b",
                            "severity": "high", "evidence_rows": {}}
    base.update(over)
    return base


def _row(key: str, digest: str, **values: Any) -> dict[str, Any]:
    return {"key": key, "digest": digest, "values": values}


_CLEAR = sorted(CLEAR_COLUMNS)[0]

#: (name, old, new): one per branch of describe_change
_CASES: list[tuple[str, dict[str, Any] | None, dict[str, Any]]] = [
    ("old run gone", None, _finding()),
    ("now declared", _finding(), _finding(declared=1)),
    ("no longer declared", _finding(declared=1), _finding()),
    ("row added", _finding(evidence_rows={"1": _row("contracts C1", "d1")}),
     _finding(evidence_rows={"1": _row("contracts C1", "d1"),
                             "2": _row("gifts line 13", "d2")})),
    ("row gone", _finding(evidence_rows={"1": _row("contracts C1", "d1"),
                                         "2": _row("gifts line 13", "d2")}),
     _finding(evidence_rows={"1": _row("contracts C1", "d1")})),
    ("clear column changed to empty",
     _finding(evidence_rows={"1": _row("contracts C1", "d1", **{_CLEAR: "E2"})}),
     _finding(evidence_rows={"1": _row("contracts C1", "d9", **{_CLEAR: None})})),
    ("hidden column changed",
     _finding(evidence_rows={"1": _row("gifts line 13", "d1", amount_eur="30")}),
     _finding(evidence_rows={"1": _row("gifts line 13", "d9", amount_eur="40")})),
    ("evidence list added and gone", _finding(evidence=["contracts:C1", "gifts:3"]),
     _finding(evidence=["contracts:C1", "invoices:I9"])),
    ("path and severity", _finding(),
     _finding(path="a -[y; z]- c", severity="medium")),
    ("nothing visible", _finding(), _finding()),
]


@pytest.mark.parametrize("name,old,new", _CASES, ids=[c[0] for c in _CASES])
def test_each_part_of_a_reopen_note_reads_in_dutch(name: str, old: dict[str, Any] | None,
                                                   new: dict[str, Any]) -> None:
    what = describe_change(old, new)
    note = f"evidence changed since dismissed on 2026-12-01: {what}"
    dutch = reopen_note_text(note, "nl")
    assert dutch.startswith("bewijs veranderd sinds geseponeerd op 1 december 2026: "), dutch
    # codes, keys and values stay as written; only the sentence words must be Dutch
    shown = dutch.split(": ", 1)[1]
    for kept in ("contracts", "gifts", "invoices", _CLEAR, "amount_eur"):
        shown = shown.replace(kept, "")
    assert not _ENGLISH.search(shown), (what, dutch)
    # English keeps the sentence; its date and amounts are written the English way
    assert reopen_note_text(note, "en") == note.replace(
        "on 2026-12-01", "on 1 December 2026").replace("amount_eur 30 -> 40",
                                                       "amount_eur EUR 30 -> EUR 40")
