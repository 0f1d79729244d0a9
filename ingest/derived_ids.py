"""Ids made from a row when its file has none: a family register lists each relative under
the employee, by name, without an id of its own.

Why: ``relatives.relative_id`` names the relative in declarations and in evidence, but HR
systems and hand-kept registers (``Medewerker; Naam familielid; Relatie``) have no such
column, and every such file was refused.  The id made here is opaque (a hash, so a
relative's name does not travel into reports as an id) and stable: the same employee id
and the same name (case and spacing ignored) give the same id in every run, so findings
and case decisions keep their ids; two rows of one relative get one id, and the
duplicate-id check then says whether they agree.

>>> derived_relative_id("E1", "Kees  de Vries") == derived_relative_id("E1", "kees de vries")
True
>>> derived_relative_id("E1", "Kees de Vries")
'R-e811335dcef4'
"""

from __future__ import annotations

import hashlib

import pandas as pd

from ingest.header_cache import resolve_headers
from ingest.name_parts import texts_of
from ingest.read_files import RawTable

__all__ = ["derived_relative_id", "derive_relative_ids"]


def derived_relative_id(employee_id: str, name: str) -> str:
    """The id of the relative ``name`` of employee ``employee_id`` (see the module)."""
    key = f"{employee_id.strip()}|{' '.join(name.split()).casefold()}"
    return "R-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def derive_relative_ids(raw: RawTable, spec, table_map=None) -> str | None:
    """Add a ``relative_id`` column to a relatives file that has none but names the employee
    and the relative, in place; return the header to cite for it (None when the file has
    its own ids, or lacks what to make them from: then the missing column is reported)."""
    if spec.name != "relatives":
        return None
    resolved, _ = resolve_headers(spec, [str(c) for c in raw.header], table_map)
    if "relative_id" in resolved or "employee_id" not in resolved or "name" not in resolved:
        return None
    emp_at, name_at = resolved.index("employee_id"), resolved.index("name")
    employees, names = texts_of(raw.columns[emp_at]), texts_of(raw.columns[name_at])
    # a row without an employee or a name is refused for that column; its id is then one
    # of its own (never used, never equal to another's, also in another part of the table)
    # so the row is not refused a second time for an empty relative_id, a column the file
    # does not have
    own = f"R-{raw.sha256[:12]}:{raw.part or raw.sheet or ''}:"
    ids = [derived_relative_id(e, n) if e.strip() and n.strip() else f"{own}{k}"
           for k, (e, n) in enumerate(zip(employees.tolist(), names.tolist()))]
    label = f"{str(raw.header[emp_at]).strip()} + {str(raw.header[name_at]).strip()}"
    raw.header.append("relative_id")
    raw.columns.append(pd.Series(ids, index=employees.index, dtype=object))
    raw.warnings.append(
        f"relative_id is not in the file: each relative's id is made from the employee and "
        f"the name ({label}), the same in every run; add a relative_id column to keep a "
        "relative's id when the name is corrected")
    return label
