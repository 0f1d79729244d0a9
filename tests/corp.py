"""Small hand-made corporations for tests: a few rows per table, written as real export files."""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

from coi_graph.policy import Policy
from coi_graph.scan import ScanResult, scan

BASE: dict[str, list[dict[str, Any]]] = {
    "employees": [
        {"employee_id": "E1", "name": "Jan de Vries", "role": "employee", "department": "Inkoop",
         "birth_date": "01-02-1970", "postcode": "1234 AB", "house_number": "10",
         "iban": "NL91 ABNA 0417 1643 00", "phone": "06-12345678",
         "email": "jan@example.nl", "employed_from": "01-01-2010"},
        {"employee_id": "E2", "name": "Anna Bakker", "role": "manager", "department": "Inkoop",
         "birth_date": "1975-05-05", "postcode": "2345CD", "house_number": "5"},
        {"employee_id": "E3", "name": "Kees Smit", "role": "employee", "department": "Verhuur",
         "birth_date": "1980-08-08", "postcode": "3456EF", "house_number": "7"},
    ],
    "relatives": [
        {"relative_id": "R1", "employee_id": "E1", "relation": "partner", "name": "Petra de Vries",
         "birth_date": "03-04-1972", "postcode": "1234AB", "house_number": "10"},
        {"relative_id": "R2", "employee_id": "E1", "relation": "child", "name": "Tom de Vries",
         "birth_date": "2000-06-01", "postcode": "9999ZZ", "house_number": "1"},
    ],
    "organizations": [
        {"org_id": "O1", "name": "Bouwbedrijf Noord B.V.", "kvk_number": "12345678",
         "postcode": "5555AA", "house_number": "1", "iban": "NL02ABNA0123456789"},
        {"org_id": "O2", "name": "Schildersbedrijf Zuid", "kvk_number": "2345678",
         "postcode": "6666BB", "house_number": "2"},
    ],
    "contracts": [
        {"decision_id": "D1", "kind": "contract", "org_id": "O1", "amount_eur": "48.000,00",
         "decision_date": "01-03-2024", "handled_by": "E1", "approved_by": "E2"},
        {"decision_id": "D2", "kind": "invoice", "org_id": "O2", "amount_eur": "1.234,56",
         "decision_date": "2024-04-01", "handled_by": "E3", "approved_by": "E2"},
    ],
}


def write_csv(path: Path, rows: list[dict[str, Any]], *, delimiter: str = ";",
              encoding: str = "cp1252", columns: list[str] | None = None) -> None:
    cols = columns or list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, delimiter=delimiter)
        w.writeheader()
        for r in rows:
            w.writerow(r)


def make_corp(root: Path, **tables: list[dict[str, Any]]) -> Path:
    """Write BASE with the given tables added to (``extra_<table>``) or replaced (``<table>``)."""
    data = copy.deepcopy(BASE)
    for name, rows in tables.items():
        if name.startswith("extra_"):
            data.setdefault(name[6:], []).extend(rows)
        else:
            data[name] = rows
    root.mkdir(parents=True, exist_ok=True)
    for name, rows in data.items():
        if rows is not None:
            write_csv(root / f"{name}.csv", rows)
    return root


def run(root: Path, policy: Policy | None = None, **tables: list[dict[str, Any]]) -> ScanResult:
    data = make_corp(root / "data", **tables)
    return scan(data, root / "run", policy)


def rules_for(result: ScanResult, decision_id: str = "", subject: str | None = None) -> set[str]:
    return {f.rule for f in result.findings
            if (f.decision_id == decision_id or not decision_id)
            and (subject is None or f.subject_id == subject)}
