"""Decisions as a table: contracts and allocations in columns, a ``Decision`` only when flagged.

A sector-wide scan holds a million decisions or more; a Python object, a dict and a content
hash for each would cost more than the whole detection.  So decisions stay in pandas columns
(id, day, counterparty, the people who handled and approved them), the join with each
person's reach works on those columns, and a :class:`Decision` with its provenance and row
digest is built only for the few that a path reaches.

"""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ingest.model import Dataset

from .links import day_ordinals, text_of
from .normalize_names import parse_name

__all__ = ["Decision", "DecisionTable", "day_ordinals", "pair_mask"]

def pair_mask(left: pd.Series, right: pd.Series, wanted: set[tuple[str, str]]) -> np.ndarray:
    """Which rows' (left, right) pair is in ``wanted``: a vectorised semi-join of a large
    table against a small set of pairs, through integer codes (C hash lookups) instead of
    Python tuples.

    >>> pair_mask(pd.Series(["a", "a", "b"]), pd.Series(["x", "y", "x"]), {("a", "y")}).tolist()
    [False, True, False]
    """
    if not wanted or len(left) == 0:
        return np.zeros(len(left), dtype=bool)
    lkeys = pd.Index(sorted({a for a, _ in wanted}))
    rkeys = pd.Index(sorted({b for _, b in wanted}))
    li = lkeys.get_indexer(left.to_numpy(dtype=object))
    ri = rkeys.get_indexer(right.to_numpy(dtype=object))
    ok = (li >= 0) & (ri >= 0)
    keys = li.astype("int64") * len(rkeys) + ri
    want = lkeys.get_indexer([a for a, _ in wanted]) * len(rkeys) + rkeys.get_indexer(
        [b for _, b in wanted])
    return ok & np.isin(keys, want)


@dataclass(frozen=True)
class Decision:
    """One decision: a contract (counterparty an organization) or an allocation (applicant)."""

    decision_id: str
    table: str
    line: int
    kind: str
    day: int
    counterparty: str  # node key: organization:ID or applicant:DECISION_ID
    counterparty_name: str
    amount: float | None
    digest: str
    roles: dict[str, str]  # role -> employee id


class DecisionTable:
    """Contracts and allocations of one dataset, in columns."""

    def __init__(self, ds: Dataset, g: nx.MultiGraph, roles: tuple[str, ...],
                 digests: Callable[[str, int], str]) -> None:
        self.ds, self.g, self.roles, self.digests = ds, g, roles, digests
        parts = []
        for table, prefix in (("contracts", "organization:"), ("allocations", "applicant:")):
            f = ds.frame(table)
            if not len(f):
                continue
            ids = f["decision_id"].astype("string")
            cp = f["org_id"].astype("string") if table == "contracts" else ids
            part = pd.DataFrame({
                "decision_id": ids.to_numpy(dtype=object, na_value=None),
                "table": table,
                "pos": np.arange(len(f)),
                "day": day_ordinals(f["decision_date"]),
                "counterparty": (prefix + cp).to_numpy(dtype=object, na_value=None),
            })
            for role in roles:
                col = f[role].astype("string") if role in f else pd.Series(pd.NA, index=f.index, dtype="string")
                part[role] = col.to_numpy(dtype=object, na_value=None)
            parts.append(part)
        df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
            columns=["decision_id", "table", "pos", "day", "counterparty", *roles])
        df = df[df["decision_id"].notna() & df["counterparty"].notna()]
        self.df = df.drop_duplicates("decision_id").reset_index(drop=True)
        self._index = pd.Index(self.df["decision_id"])
        self._cache: dict[str, Decision] = {}

    def __len__(self) -> int:
        return len(self.df)

    def __contains__(self, did: object) -> bool:
        return did in self._index

    @property
    def days(self) -> np.ndarray:
        return self.df["day"].to_numpy()

    def pairs(self) -> pd.DataFrame:
        """One row per (decision, person who handled or approved it): the table that is
        joined with each person's reach."""
        frames = []
        for role in self.roles:
            sub = self.df[["decision_id", "table", "day", "counterparty", role]]
            sub = sub[sub[role].notna()].rename(columns={role: "employee_id"})
            frames.append(sub)
        if not frames:
            return pd.DataFrame(columns=["decision_id", "table", "day", "counterparty", "employee_id"])
        out = pd.concat(frames, ignore_index=True)
        return out.drop_duplicates(["decision_id", "employee_id"]).reset_index(drop=True)

    def get(self, did: str) -> Decision | None:
        if did in self._cache:
            return self._cache[did]
        if did not in self._index:
            return None
        row = self.df.iloc[self._index.get_loc(did)]
        src = self.ds.frame(row["table"]).iloc[int(row["pos"])].to_dict()
        if row["table"] == "contracts":
            ok = row["counterparty"]
            name = self.g.nodes[ok]["label"] if ok in self.g else ok.split(":", 1)[1]
            amount, kind = src.get("amount_eur"), text_of(src.get("kind")) or "contract"
        else:
            name = parse_name(text_of(src.get("applicant_name")) or did).display or did
            amount, kind = src.get("discount_eur"), text_of(src.get("kind")) or "rental"
        d = Decision(
            decision_id=did, table=row["table"], line=int(src["_line"]), kind=kind,
            day=int(row["day"]), counterparty=row["counterparty"], counterparty_name=name,
            amount=_amount(amount), digest=self.digests(row["table"], int(row["pos"])),
            roles={r: row[r] for r in self.roles if row[r] is not None and not pd.isna(row[r])},
        )
        self._cache[did] = d
        return d

    def __getitem__(self, did: str) -> Decision:
        d = self.get(did)
        if d is None:
            raise KeyError(did)
        return d

    def roles_of(self, did: str, eid: str) -> str:
        """'handled_by', 'approved_by' or 'handled_by+approved_by'."""
        return "+".join(r for r, e in self[did].roles.items() if e == eid)

    def applicant_rows(self) -> dict[str, dict[str, Any]]:
        """Allocation rows by decision id (allocations are few: a few percent of decisions)."""
        f = self.ds.frame("allocations")
        out: dict[str, dict[str, Any]] = {}
        from .graph import frame_rows

        for r in frame_rows(f):
            did = text_of(r.get("decision_id"))
            if did and did not in out:
                out[did] = r
        return out


def _amount(v: Any) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return float(v)
