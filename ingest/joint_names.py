"""Two applicants in one name cell, as allocation systems write a household that applies
together: ``J. Jansen en P. Bakker``, ``Dhr. J. Jansen en/of Mevr. P. Bakker``, ``Jan
Jansen & Petra Bakker``, ``J. en P. Jansen``.

Why: read as one name, such a cell is a person nobody is (given names ``jansen en``,
surname ``bakker``), so an applicant who is an employee, or an employee's partner, is
not found.  The first person is the applicant, the second the co-applicant (the
contract's ``co_applicant_name``), when the row names no co-applicant of its own; one
warning per file counts the cells.  The applicant's birth date and contact details stay
the applicant's.

>>> split_joint_name("J. Jansen en P. Bakker")
('J. Jansen', 'P. Bakker')
>>> split_joint_name("J. en P. Jansen")
('J. Jansen', 'P. Jansen')
>>> split_joint_name("Jan Jansen"), split_joint_name("Jansen, J. en/of Bakker, P.")
(None, ('Jansen, J.', 'Bakker, P.'))
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ingest.column_ops import arrow_array
from ingest.header_cache import resolve_headers
from ingest.name_parts import texts_of
from ingest.read_files import RawTable

__all__ = ["split_joint_name", "split_joint_applicants"]

#: the words that join two people: en, en/of, e/o, &, +
_JOINT = re.compile(r"\s+(?:en\s*/\s*of|e\s*/\s*o|en|&|\+)\s+", re.IGNORECASE)
#: a first person who is initials or given names only, sharing the second's surname
#: ('J. en P. Jansen': J. Jansen and P. Jansen)
_ONLY_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.\s*)+")
_SECOND_INITIALS = re.compile(r"^((?:[^\W\d_]{1,2}\.\s*)+)(.+)$")
#: what every cell :data:`_JOINT` finds holds, for Arrow's RE2: ``&`` or ``+``, or ``e``
#: (``en``) between two characters that are not ASCII letters, digits or ``_`` (RE2's
#: ``\W``: every whitespace character of Python's ``\s`` is one, and so is ``/``)
_MAY_BE_JOINT = r"[&+]|\W[eE][nN]?\W"


def split_joint_name(cell: str) -> tuple[str, str] | None:
    """The two people a name cell holds, or None when it holds one (see the module)."""
    parts = _JOINT.split(cell.strip())
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None
    first, second = (p.strip(" ,;") for p in parts)
    if _ONLY_INITIALS.fullmatch(first):  # 'J. en P. Jansen'
        m = _SECOND_INITIALS.match(second)
        if m is None:
            return None
        return f"{first.strip()} {m.group(2).strip()}", second
    if any(len(p.split()) < 2 and "," not in p for p in (first, second)):
        return None  # 'Jan en Petra Jansen', 'Jansen en Zn': not split on a guess
    return first, second


def split_joint_applicants(raw: RawTable, spec, table_map=None) -> int:
    """Split the applicant names of an allocations file that hold two people, in place: the
    first stays the applicant, the second becomes the co-applicant where the row has none
    (a column ``co_applicant_name`` is added when the file has none).  Returns how many
    cells were split (each counted in one warning on the file)."""
    if spec.name != "allocations":
        return 0
    resolved, _ = resolve_headers(spec, [str(c) for c in raw.header], table_map)
    if "applicant_name" not in resolved:
        return 0
    at = resolved.index("applicant_name")
    names = texts_of(raw.columns[at])
    joint = _joint_cells(names)
    if not joint.any():
        return 0
    co_at = resolved.index("co_applicant_name") if "co_applicant_name" in resolved else None
    co = texts_of(raw.columns[co_at]) if co_at is not None else pd.Series(
        "", index=names.index, dtype=object)
    applicant = raw.columns[at].astype(object).copy()
    co_applicant = raw.columns[co_at].astype(object).copy() if co_at is not None else \
        pd.Series([None] * len(names), index=names.index, dtype=object)
    split = 0
    example = ""
    for pos in np.flatnonzero(joint).tolist():
        if co.iat[pos]:
            continue  # the row names its co-applicant: the cell is left as written
        two = split_joint_name(names.iat[pos])
        if two is None:
            continue
        example = example or names.iat[pos]
        applicant.iat[pos], co_applicant.iat[pos] = two
        split += 1
    if not split:
        return 0
    raw.columns[at] = applicant
    if co_at is not None:
        raw.columns[co_at] = co_applicant
    else:
        raw.header.append("co_applicant_name")
        raw.columns.append(co_applicant)
    raw.warnings.append(
        f"{split} applicant name(s) hold two people ({example!r}): the first is read as the "
        "applicant, the second as the co-applicant; export them in two columns to be sure")
    return split


def _joint_cells(names: pd.Series) -> np.ndarray:
    """Mask of the cells :data:`_JOINT` finds something in (``names.str.contains``, for
    text without missing values), searched by Python only where Arrow's RE2 finds
    :data:`_MAY_BE_JOINT`: with a compiled pattern, pandas searches every cell in a Python
    loop (40 ms for large's 40,007 applicants, 8 ms so; holding the GIL the other tables
    are read with), and few names hold a joining word."""
    arr = arrow_array(names) if len(names) else None
    if arr is None or arr.null_count:
        return names.str.contains(_JOINT, regex=True).to_numpy(dtype=bool)
    import pyarrow.compute as pc

    maybe = np.flatnonzero(pc.match_substring_regex(arr, _MAY_BE_JOINT).to_numpy(
        zero_copy_only=False))
    joint = np.zeros(len(names), dtype=bool)
    if len(maybe):
        joint[maybe] = names.iloc[maybe].str.contains(_JOINT, regex=True).to_numpy(dtype=bool)
    return joint
