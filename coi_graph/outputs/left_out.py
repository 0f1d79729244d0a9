"""What a run left out, as the reports, the explore index and the CLI show it.

Read from a finished run's ``run.json`` (no pandas, no ingest): the pages that show it are
built long after the scan, often by someone who only has the run folder.

>>> values_left_out_rows({"inputs": {"employees": {"file": "employees.csv",
...     "values_left_out": {"phone": {"unreadable value": 3}}}}}, "nl")
[{'table': 'employees', 'file': 'employees.csv', 'column': 'phone', 'reason': 'onleesbare waarde', 'count': 3}]
"""

from __future__ import annotations

from typing import Any

__all__ = ["LEFT_OUT_REASONS_NL", "left_out_reason", "values_left_out_rows"]


#: the reasons ingest gives for a value left out, in Dutch
LEFT_OUT_REASONS_NL = {
    "unreadable value": "onleesbare waarde",
    "unknown id": "onbekend id",
    "refers to a skipped row": "verwijst naar een overgeslagen rij",
    "birth date in the future": "geboortedatum in de toekomst",
    "formula without a stored result": "formule zonder opgeslagen uitkomst",
    "name too long": "naam te lang",
    "national identification number": "nationaal identificatienummer",
    "placeholder birth date": "plaatsvervangende geboortedatum (onbekend)",
    "birth date known by its year only": "geboortedatum waarvan alleen het jaar bekend is",
    "postcode of another country without a street": "postcode van een ander land zonder straat",
    "fits no organization": "past bij geen organisatie",
}


def left_out_reason(reason: str, lang: str) -> str:
    return LEFT_OUT_REASONS_NL.get(reason, reason) if lang == "nl" else reason


def values_left_out_rows(run: dict[str, Any], lang: str = "en") -> list[dict[str, Any]]:
    """From a run.json: one row per table file, column and reason with the number of
    optional values left out of matching (the rows were used), for reports and explore."""
    rows = []
    inputs = run.get("inputs") if isinstance(run.get("inputs"), dict) else {}
    for name, info in sorted(inputs.items()):
        if not isinstance(info, dict):
            continue
        files = [f for f in info.get("files") or [] if isinstance(f, dict)]
        per_file = [(f.get("file") or name, f.get("values_left_out") or {}) for f in files]
        if not any(left for _, left in per_file):  # older run.json: per table only
            per_file = [(info.get("file") or name, info.get("values_left_out") or {})]
        for file, left in per_file:
            for column, reasons in sorted(left.items()):
                for reason, count in sorted((reasons or {}).items()):
                    rows.append({"table": name, "file": file, "column": column,
                                 "reason": left_out_reason(reason, lang), "count": count})
    return rows
