"""An officer's role with a remark after it, as a KvK extract or a hand-kept list writes it.

The officer's ``role`` is an open list (:data:`ingest.enum_synonyms.OFFICER_ROLES`): a
role it does not know is kept as written, in lower case.  A known role followed by a
remark (``Bestuurder (gevolmachtigde)``, ``Directeur - vanaf 2020``, ``Commissaris,
voorzitter``) was kept so too, as a role of its own, though it names a known role: here
it is read as that role, and the remark is kept beside it in the extra column
``role_remark`` (as written), which the graph shows with the role in the path
(``bestuurder (gevolmachtigde), KvK``).  One warning per column counts the rows read so
and names the first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ingest.enum_synonyms import OFFICER_ROLES
from ingest.identifiers import shown

if TYPE_CHECKING:  # the state is validate_rows', which imports this module
    from ingest.validate_rows import TableState

__all__ = ["ROLE_REMARK", "role_and_remark", "read_role_remarks"]

#: the extra column the remark is kept in (see :data:`ingest.tables.EXTRA_COLUMNS_READ`)
ROLE_REMARK = "role_remark"

#: a role and a remark after it: in brackets, after a spaced dash, or after a comma,
#: semicolon or colon (``Bestuurder-eigenaar``, without spaces, is no remark)
_WITH_REMARK = re.compile(r"(?P<role>[^(,;:]*?)\s*(?:\((?P<bracket>[^()]*)\)"
                          r"|\s[-\u2013\u2014]\s(?P<dash>.*)|[,;:](?P<mark>.*))\s*", re.S)


def role_and_remark(value: str) -> tuple[str, str] | None:
    """The role code and the remark of a known role written with a remark after it; None
    when ``value`` is no such thing.

    >>> role_and_remark("Bestuurder (gevolmachtigde)")
    ('bestuurder', 'gevolmachtigde')
    >>> role_and_remark("Directeur - vanaf 2020")
    ('bestuurder', 'vanaf 2020')
    >>> role_and_remark("Procuratiehouder B") is None, role_and_remark("Bestuurder") is None
    (True, True)
    """
    m = _WITH_REMARK.fullmatch(value.strip())
    if m is None:
        return None
    remark = next(p for p in (m["bracket"], m["dash"], m["mark"]) if p is not None)
    remark = " ".join(remark.split()).strip(" .,;:")
    head = m["role"].strip(" .,;:*")
    if not head or not remark:
        return None  # 'Bestuurder.' or 'Bestuurder ()' is read by the vocabulary itself
    code = OFFICER_ROLES.lookup(head)
    if code is None and (typo := OFFICER_ROLES.typo(head)) is not None:
        code = typo[0]
    return (code, remark) if code is not None else None


def read_role_remarks(state: TableState, text: pd.Series) -> None:
    """The officers' roles kept as written that are a known role with a remark: the role
    column gets the code, ``role_remark`` the remark, and one warning says so."""
    frame = state.frame
    roles = frame["role"]
    known = set(OFFICER_ROLES.codes)
    kept = np.flatnonzero((roles.notna() & ~roles.isin(known)).to_numpy(dtype=bool))
    if not len(kept):
        return
    readings = {v: role_and_remark(v) for v in dict.fromkeys(text.iloc[kept].tolist())}
    rows = np.asarray([p for p in kept.tolist() if readings[text.iat[p]] is not None],
                      dtype=np.int64)
    if not len(rows):
        return
    got = [readings[text.iat[p]] for p in rows.tolist()]
    # an export's own column of that name keeps its remarks, the role's put after them
    remarks = (frame[ROLE_REMARK].astype("str") if ROLE_REMARK in frame.columns
               else pd.Series(pd.NA, index=frame.index, dtype="str"))
    own = remarks.iloc[rows].tolist()
    remarks.iloc[rows] = [r if o is None or o is pd.NA or o != o else f"{o}; {r}"
                          for o, (_, r) in zip(own, got)]
    frame.loc[frame.index[rows], "role"] = [c for c, _ in got]
    frame[ROLE_REMARK] = remarks
    first = int(rows[0])
    code, remark = got[0]
    state.file_problem(
        f"{len(rows)} role(s) written with a remark are read as the role, the remark kept "
        f"beside it (the first, {state.place(int(frame['_line'].iat[first]))}: "
        f"{shown(text.iat[first])} is read as {code} with remark {remark!r}); write the role "
        "alone in the role column if that is not meant",
        column="role", action="none", level="warning")
