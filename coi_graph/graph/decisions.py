"""Decisions as a table: contracts and allocations in columns, a ``Decision`` only when flagged.

A sector-wide scan holds a million decisions or more; a Python object, a dict and a content
hash for each would cost more than the whole detection.  So decisions stay in pandas columns
(id, day, counterparty, the people who handled and approved them), the join with each
person's reach works on those columns, and a :class:`Decision` with its provenance and row
digest is built only for the few that a path reaches.

"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ingest.model import Dataset

from ..links import day_ordinals, is_missing, number_of, text_of
from ..normalise.names import parse_name

__all__ = ["Decision", "DecisionSource", "DecisionTable", "day_ordinals", "member", "text_in",
           "SOURCES", "TABLES"]


@dataclass(frozen=True)
class DecisionSource:
    """A table of decisions, described as data: which column names the counterparty, which
    holds an amount, the kind when none is given, and extra columns a rule reads.  A third
    kind of decision (say, a sale of a home to a buyer) is one more entry in
    :data:`SOURCES` and its table in ``ingest.tables``, not new code."""

    table: str
    #: the node kind of the counterparty: ``organization`` (a graph node named by
    #: ``counterparty_column``) or ``applicant`` (the decision's own applicant)
    counterparty_kind: str
    counterparty_column: str | None
    #: the counterparty's name when it is not a graph node (an applicant)
    name_column: str | None
    amount_column: str | None
    default_kind: str
    extra_columns: tuple[str, ...] = ()


#: The decision tables, in the order of the pair arrays' ``p_table`` codes.
SOURCES: tuple[DecisionSource, ...] = (
    DecisionSource("contracts", "organization", "org_id", None, "amount_eur", "contract"),
    DecisionSource("allocations", "applicant", None, "applicant_name", "discount_eur", "rental",
                   extra_columns=("rank", "basis")),
)
TABLES = tuple(s.table for s in SOURCES)
SOURCE = {s.table: s for s in SOURCES}


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
    #: the source's extra columns that hold a value (an allocation's rank and basis)
    extra: dict[str, Any] = field(default_factory=dict)


class DecisionTable:
    """Contracts and allocations of one dataset, in columns.

    The join works on the *pair* arrays: one entry per (decision, person who handled,
    approved or requested it), as integer codes: ``p_table`` (0 contracts, 1 allocations),
    ``p_row`` (row in that table's frame), ``p_emp`` (position in ``employees``), ``p_cp``
    (position in ``orgs`` for contracts, -1 for allocations) and ``p_day`` (day ordinal).
    A person who both handled and approved a decision gives one pair.  ``p_table`` is 8-bit,
    the others 32-bit (64-bit only for a table or a register too large for that): widen
    before multiplying codes into a key.
    """

    def __init__(self, ds: Dataset, g: nx.MultiGraph, roles: tuple[str, ...],
                 digests: Callable[[str, int], str]) -> None:
        self.ds, self.g, self.roles, self.digests = ds, g, roles, digests
        self.frames = {t: ds.frame(t) for t in TABLES}
        emp, org = [], []
        for _, data in g.nodes(data=True):
            if data["kind"] == "employee":
                emp.append(data["ident"])
            elif data["kind"] == "organization":
                org.append(data["ident"])
        self.employees, self.orgs = pd.Index(sorted(emp)), pd.Index(sorted(org))
        self.day_of: dict[str, np.ndarray] = {}
        picked: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.sources = SOURCES
        # people and organizations as 32-bit codes (half the memory to write and read on
        # ten million decisions)
        small = (np.int32 if max(len(self.employees), len(self.orgs)) < np.iinfo(np.int32).max
                 else np.int64)
        for ti, src in enumerate(SOURCES):
            t = src.table
            f = self.frames[t]
            self.day_of[t] = day_ordinals(f["decision_date"]) if len(f) else np.zeros(0, np.int64)
            if not len(f):
                continue
            cp = (_codes(f[src.counterparty_column], self.orgs, small)
                  if src.counterparty_kind == "organization" and src.counterparty_column
                  else None)  # none: -1 in every pair
            seen: list[np.ndarray] = []
            for role in roles:
                if role not in f.columns:
                    continue
                code = _codes(f[role], self.employees, small)
                keep = code >= 0
                for prev in seen:
                    keep &= code != prev
                seen.append(code)
                picked.append((ti, np.flatnonzero(keep), code, cp, self.day_of[t]))
        # the pair arrays written in place, part after part: taking each part's columns
        # first and concatenating them wrote ten million pairs twice (a second of CPU on
        # ten million decisions).  32-bit where the values fit (codes, rows, day ordinals
        # below 2**22): the arrays are written once and gathered over by every rule, and
        # half the bytes is half the memory traffic; a caller that multiplies codes into a
        # key widens them to 64 bits first (see ``member`` keys in detect and the rules)
        n = sum(len(rows) for _, rows, _, _, _ in picked)
        rows_t = (np.int32 if max((len(f) for f in self.frames.values()), default=0)
                  < np.iinfo(np.int32).max else np.int64)
        self.p_table = np.empty(n, dtype=np.int8)
        self.p_row = np.empty(n, dtype=rows_t)
        self.p_emp = np.empty(n, dtype=small)
        self.p_cp = np.empty(n, dtype=small)
        self.p_day = np.empty(n, dtype=np.int32)
        at = 0
        for ti, rows, code, cp, day in picked:
            end = at + len(rows)
            self.p_table[at:end] = ti
            self.p_row[at:end] = rows
            np.take(code, rows, out=self.p_emp[at:end])
            if cp is None:
                self.p_cp[at:end] = -1
            else:
                np.take(cp, rows, out=self.p_cp[at:end])
            self.p_day[at:end] = day[rows]
            at = end
        del picked
        self._cache: dict[tuple[str, int], Decision] = {}
        #: cells of rows read ahead by :meth:`prefetch_rows`, until :meth:`at` reads them
        self._rows: dict[tuple[str, int], dict[str, Any]] = {}
        self._where: dict[str, tuple[str, int]] | None = None
        self._known: dict[str, tuple[str, int]] = {}
        self._kinds: dict[str, pd.Series] = {}
        self._kind_in: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}

    def __len__(self) -> int:
        return sum(len(f) for f in self.frames.values())

    def kinds(self, table: str) -> pd.Series:
        """The ``kind`` column of a decision table as strings, the source's default kind
        where none is given (as :class:`Decision` reads it, for the whole column at once)."""
        got = self._kinds.get(table)
        if got is None:
            f, default = self.frames[table], SOURCE[table].default_kind
            got = (f["kind"].astype("string").fillna(default) if "kind" in f.columns
                   else pd.Series(default, index=f.index, dtype="string"))
            self._kinds[table] = got
        return got

    def kind_in(self, table: str, kinds: Iterable[str]) -> np.ndarray:
        """Per row of a decision table, whether its kind (:meth:`kinds`) is one of
        ``kinds``, as a bool array: what ``kinds(table).isin(kinds)`` gives, read from the
        column as Arrow holds it (a missing kind is the source's default) without making
        the column with the default filled in first (ten million strings).  Kept per set of
        kinds: two rules ask the same."""
        key = (table, tuple(sorted(set(kinds))))
        got = self._kind_in.get(key)
        if got is None:
            got = text_in(self.frames[table], "kind", key[1], SOURCE[table].default_kind)
            if got is None:
                got = self.kinds(table).isin(list(key[1])).to_numpy(dtype=bool)
            self._kind_in[key] = got
        return got

    def kinds_at(self, table: str, rows: np.ndarray) -> list[str]:
        """:meth:`kinds` of these rows only, as Python strings."""
        f, default = self.frames[table], SOURCE[table].default_kind
        if "kind" not in f.columns:
            return [default] * len(rows)
        return (f["kind"].iloc[rows].astype("string").fillna(default)
                .to_numpy(dtype=object).tolist())

    def __contains__(self, did: object) -> bool:
        return did in self.where

    @property
    def days(self) -> np.ndarray:
        return np.concatenate([self.day_of[t] for t in TABLES])

    @property
    def where(self) -> dict[str, tuple[str, int]]:
        """decision_id -> (table, row); built on first use (only by-id look-ups need it)."""
        if self._where is None:
            self._where = {}
            for t in reversed(TABLES):  # contracts win: ingest keeps ids unique over both
                for row, did in enumerate(self.frames[t]["decision_id"].to_numpy(dtype=object)):
                    if isinstance(did, str):
                        self._where[did] = (t, row)
        return self._where

    def decision_id(self, table: str, row: int) -> str:
        return str(self.frames[table]["decision_id"].iat[row])

    @cached_property
    def df(self) -> pd.DataFrame:
        """All decisions as one frame (decision_id, table, pos, day, counterparty and the
        role columns), for exports and other engines; detection does not need it."""
        parts = []
        for src in SOURCES:
            t = src.table
            f = self.frames[t]
            if not len(f):
                continue
            ids = f["decision_id"].to_numpy(dtype=object)
            cp = (("organization:" + f[src.counterparty_column].astype("string"))
                  .to_numpy(dtype=object, na_value=None)
                  if src.counterparty_kind == "organization" and src.counterparty_column
                  else np.array([f"applicant:{i}" for i in ids], dtype=object))
            part = pd.DataFrame({"decision_id": ids, "table": t, "pos": np.arange(len(f)),
                                 "day": self.day_of[t], "counterparty": cp})
            for role in self.roles:
                col = f[role] if role in f.columns else pd.Series(pd.NA, index=f.index)
                part[role] = col.astype("string").to_numpy(dtype=object, na_value=None)
            parts.append(part)
        if not parts:
            return pd.DataFrame(columns=["decision_id", "table", "pos", "day", "counterparty",
                                         *self.roles])
        return pd.concat(parts, ignore_index=True)

    def pairs(self) -> pd.DataFrame:
        """The pair arrays as a frame with ids (decision_id, table, day, counterparty,
        employee_id), for other engines and the benchmark."""
        ids = {t: self.frames[t]["decision_id"].to_numpy(dtype=object) for t in TABLES}
        table = np.array(TABLES, dtype=object)[self.p_table.astype(np.int64)]
        did = np.array([ids[t][r] for t, r in zip(table, self.p_row)], dtype=object)
        cp = np.where(self.p_cp >= 0,
                      np.array(["organization:" + o for o in self.orgs] + [""], dtype=object)[self.p_cp],
                      np.array(["applicant:" + d for d in did], dtype=object))
        return pd.DataFrame({"decision_id": did, "table": table,
                             "day": self.p_day.astype(np.int64),
                             "counterparty": cp,
                             "employee_id": np.asarray(self.employees, dtype=object)[self.p_emp]})

    def at(self, table: str, row: int) -> Decision:
        """The decision in ``row`` of ``table``, with its provenance and row digest."""
        key = (table, row)
        if key in self._cache:
            return self._cache[key]
        source = SOURCE[table]
        src = self._rows.pop(key, None)
        if src is None:
            src = self.frames[table].iloc[row].to_dict()
        did = text_of(src.get("decision_id")) or ""
        if source.counterparty_kind == "organization" and source.counterparty_column:
            oid = text_of(src.get(source.counterparty_column)) or ""
            ok = f"organization:{oid}"
            name = self.g.nodes[ok]["label"] if ok in self.g else oid
        else:
            ok = f"applicant:{did}"
            name = parse_name(text_of(src.get(source.name_column or "")) or did).shown or did
        amount = src.get(source.amount_column) if source.amount_column else None
        kind = text_of(src.get("kind")) or source.default_kind
        extra = {c: src[c] for c in source.extra_columns
                 if c in src and not is_missing(src[c])}
        roles = {r: text_of(src.get(r)) for r in self.roles}
        d = Decision(
            decision_id=did, table=table, line=int(src["_line"]), kind=kind,
            day=int(self.day_of[table][row]), counterparty=ok, counterparty_name=name,
            amount=number_of(amount), digest=self.digests(table, row),
            roles={r: e for r, e in roles.items() if e},
            extra={k: (int(v) if k == "rank" else text_of(v)) for k, v in extra.items()},
        )
        self._cache[key] = d
        return d

    def prefetch(self, dids: Iterable[str]) -> None:
        """Read the rows of these decisions in one pass per table before they are read one
        by one (:meth:`at`): their row digests hashed together and their cells taken
        together (:meth:`prefetch_rows`).  Only ids already located (:meth:`remember`, or
        the index of all ids once built) are fetched; the decisions are the same either
        way."""
        where = self._where or {}
        rows: dict[str, list[int]] = {}
        for did in dids:
            loc = self._known.get(did) or where.get(did)
            if loc is not None and loc not in self._cache:
                rows.setdefault(loc[0], []).append(loc[1])
        for table, positions in rows.items():
            self.prefetch_rows(table, positions)

    def prefetch_rows(self, table: str, positions: Iterable[int]) -> None:
        """:meth:`prefetch` of rows given by position: the digests of a rule's candidates
        then cost one pass over their rows, not a block of rows per decision, and their
        cells one take per column: a row read alone from a table of ten million decisions
        (``iloc[row]``) cost a millisecond, 0.7 s for a few hundred candidates.  The row
        of a smaller frame with the same columns holds the same values."""
        wanted = sorted({int(p) for p in positions if (table, int(p)) not in self._cache
                         and (table, int(p)) not in self._rows})
        if not wanted:
            return
        prefetch = getattr(self.digests, "prefetch", None)
        if prefetch is not None:
            prefetch(table, wanted)
        if len(wanted) < 2:
            return  # one row: read it when it is asked for
        part = self.frames[table].iloc[wanted]
        for i, pos in enumerate(wanted):
            self._rows[(table, pos)] = part.iloc[i].to_dict()

    def remember(self, did: str, table: str, row: int) -> None:
        """Note where a decision is, so looking it up by id needs no index of all ids."""
        self._known[did] = (table, row)

    def get(self, did: str) -> Decision | None:
        where = self._known.get(did) or self.where.get(did)
        return None if where is None else self.at(*where)

    def __getitem__(self, did: str) -> Decision:
        d = self.get(did)
        if d is None:
            raise KeyError(did)
        return d

    def roles_of(self, did: str, eid: str) -> str:
        """'handled_by', 'approved_by' or 'handled_by+approved_by'."""
        return "+".join(r for r, e in self[did].roles.items() if e == eid)


def member(values: np.ndarray, of: Any) -> np.ndarray:
    """``np.isin`` through a hash table (pandas), linear instead of sorting both sides.

    >>> member(np.array([3, 1, 2]), [2, 3]).tolist()
    [True, False, True]
    """
    return pd.Series(values, copy=False).isin(of).to_numpy()


def _codes(column: pd.Series, index: pd.Index, dtype: Any = np.int64) -> np.ndarray:
    """Each value's position in ``index`` (-1: missing or unknown), as ``dtype`` (an
    integer type that holds ``len(index)``).

    A text column held by Arrow is looked up in one Arrow pass (``index_in``: its hash
    table holds only the index, a few thousand people or organizations); on ten million
    decisions that is about half the time of factorising the column first.  Any other
    column goes :func:`_codes_by_factorize`, which gives the same codes."""
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        values = column.array.__arrow_array__()
        keys = index.to_numpy(dtype=object)  # not iterated: an Arrow-held index boxes each
        if (isinstance(values, pa.ChunkedArray)
                and (pa.types.is_string(values.type) or pa.types.is_large_string(values.type))
                and pd.api.types.infer_dtype(keys, skipna=False) in ("string", "empty")):
            found = pc.index_in(values, value_set=pa.array(keys, type=values.type))
            parts = [_filled(c) for c in found.chunks]
            return (np.concatenate(parts).astype(dtype, copy=False) if parts
                    else np.zeros(0, dtype=dtype))
    return _codes_by_factorize(column, index).astype(dtype, copy=False)


def text_in(frame: pd.DataFrame, column: str, wanted: tuple[str, ...], default: str | None
             ) -> np.ndarray | None:
    """Whether each cell of a text column held by Arrow is in ``wanted`` (a missing cell,
    or an absent column: whether ``default`` is; never when it is None), as one Arrow
    ``is_in``; None when the column is not Arrow text (the caller goes the general way).

    >>> f = pd.DataFrame({"kind": pd.Series(["a", None, "b"], dtype="string[pyarrow]")})
    >>> text_in(f, "kind", ("a",), "b").tolist(), text_in(f, "kind", ("b",), "b").tolist()
    ([True, False, False], [False, True, True])
    """
    n = len(frame)
    if column not in frame.columns:
        return np.full(n, default in wanted, dtype=bool)
    col = frame[column]
    if not (isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow"):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    values = col.array.__arrow_array__()
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return None
    hit = pc.is_in(values, value_set=pa.array(list(wanted), type=values.type))
    if default is not None and default in wanted:
        hit = pc.or_(hit, pc.is_null(values))
    parts = [c.to_numpy(zero_copy_only=False) for c in hit.chunks]
    return np.concatenate(parts).astype(bool, copy=False) if parts else np.zeros(0, dtype=bool)


def _filled(chunk: Any) -> np.ndarray:
    """An Arrow integer array as numpy, -1 where it is null: read from its buffers (the
    values, and the validity bits unpacked) instead of Arrow's ``fill_null`` and a copy out
    of it, which took six times as long on ten million decisions.

    >>> import pyarrow as pa
    >>> _filled(pa.array([3, None, 5], type=pa.int32())[1:]).tolist()
    [-1, 5]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if chunk.type != pa.int32():  # index_in gives int32; anything else the general way
        return pc.fill_null(chunk, -1).to_numpy(zero_copy_only=False)
    n, off = len(chunk), chunk.offset
    validity, data = chunk.buffers()[:2]
    values = np.frombuffer(data, dtype=np.int32, count=n + off)[off:] if n else np.zeros(
        0, dtype=np.int32)
    if not chunk.null_count:
        return values
    valid = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), count=n + off,
                          bitorder="little")[off:].view(bool)
    return np.where(valid, values, np.int32(-1))


def _codes_by_factorize(column: pd.Series, index: pd.Index) -> np.ndarray:
    """:func:`_codes` for any column: factorised first, so the hashing is done by pandas in
    C and the look-up in ``index`` only for distinct values."""
    codes, uniques = pd.factorize(column)
    if not len(uniques):
        return np.full(len(column), -1, dtype=np.int64)
    pos = index.get_indexer(np.asarray(uniques, dtype=object))
    return np.where(codes >= 0, pos[codes], -1).astype(np.int64)
