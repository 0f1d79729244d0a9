"""The link graph: people, organizations and shared identifiers, joined by dated, sourced links.

Decisions are deliberately *not* nodes (see ``detect``): they sit at the end of a conflict
path, never inside one, and there can be millions of them.  What is here is the small side:
employees, relatives, organizations and the addresses, IBANs, phones and e-mails they share.

Every edge carries a :class:`Link` with its validity interval (date ordinals, open ends as
``NEG``/``POS``), whether the register declared it, the ``table:line`` rows behind it, stable
record keys (for finding ids that survive row reordering) and, for a match between records,
why the records were taken to be one person.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from itertools import repeat
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ingest.model import Dataset
from ingest.validate_rows import birth_year_column

from ..links import (
    NEG,
    POS,
    Link,
    MatchInfo,
    date_of,
    day_ordinals,
    make_links,
    ordinal,
    ordinal_to_iso,
    text_of,
)
from ..match import clear_caches
from ..match.records import probe_columns
from ..match.records import (  # noqa: F401
    Judgement,
    Match,
    PersonRecord,
    index_references,
    match_columns,
    match_organizations,
    match_people,
    match_within,
)
from ..normalise.names import fold_text, parse_name, plain_name_parts
from ..policy import Policy
from .beside import Beside, fork_auto, fork_forced, fork_wanted
from .reach_table import EdgeTable
from ..schema import node_key

__all__ = [
    "NEG",
    "POS",
    "MatchInfo",
    "Link",
    "LinkGraph",
    "build_graph",
    "matched_records",
    "ordinal",
    "ordinal_to_iso",
    "RowDigests",
    "person_records",
]


@dataclass
class LinkGraph:
    """The networkx multigraph plus what detection needs to know about it."""

    g: nx.MultiGraph
    #: identifiers left out because too many people and organizations share them
    hubs: dict[str, int] = field(default_factory=dict)
    #: matches made while building, for the matching notebook and run.json
    matches: list[dict[str, Any]] = field(default_factory=list)
    #: declarations that name an organization in free text: 'declarations:ID' -> (org_id, how)
    org_matches: dict[str, tuple[str, MatchInfo]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: employees and relatives as match records (applicants are matched against them later)
    people: list[PersonRecord] = field(default_factory=list)
    #: content hashes of source rows (for evidence hashes)
    digests: Any = None
    #: what each housing applicant attaches to: anchor link id -> (graph node,
    #: 'applicant:DECISION_ID', link); applicants are not nodes (one per decision)
    anchor_index: dict[str, tuple[str, str, Link]] = field(default_factory=dict)
    #: the same graph as arrays, for the columnar reach (built with the graph; read it
    #: through :meth:`table`, which builds it for a graph assembled by hand)
    edge_table: EdgeTable | None = None
    #: organizations and KvK officer persons with more officer links than the hub cut-off:
    #: paths end there instead of passing through (node key -> number of officer links)
    path_hubs: dict[str, int] = field(default_factory=dict)

    #: the edges as :meth:`add_edge` added them while :func:`build_graph` runs (ends, keys,
    #: links), from which it makes the edge table; ``None`` once that is made
    edge_log: tuple[list[str], list[str], list[str], list[Link]] | None = field(
        default=None, repr=False)
    #: every person record the build hands the matcher, appended as it is made (employees,
    #: relatives, KvK officers, applicants), when :func:`build_graph` is asked to collect
    #: them (``coi match weights`` estimates its weights on them); ``None``: not collected
    collected: list[PersonRecord] | None = field(default=None, repr=False)

    def table(self) -> EdgeTable:
        """The graph as arrays (:class:`~coi_graph.graph.reach_table.EdgeTable`)."""
        if self.edge_table is None:
            self.edge_table = EdgeTable.from_graph(self.g)
        return self.edge_table

    def add_edge(self, a: str, b: str, key: str, link: Link, **attrs: Any) -> None:
        """Add a link to the graph (and to the log the edge table is made from)."""
        self.g.add_edge(a, b, key=key, link=link, **attrs)
        self._log([a], [b], [key], [link])

    def add_edges(self, a: list[str], b: list[str], keys: list[str], links: list[Link]) -> None:
        """:meth:`add_edge` for many links at once (a KvK extract's 100,000)."""
        add_multi_edges(self.g, a, b, keys, links)
        self._log(a, b, keys, links)

    def _log(self, a: list[str], b: list[str], keys: list[str], links: list[Link]) -> None:
        log = self.edge_log
        if log is not None:
            log[0].extend(a)
            log[1].extend(b)
            log[2].extend(keys)
            log[3].extend(links)

    def make_table(self) -> EdgeTable:
        """The edge table from the logged edges (no pass over the networkx graph), or from
        the graph when nothing was logged; the log is dropped."""
        log, self.edge_log = self.edge_log, None
        self.edge_table = (EdgeTable.from_graph(self.g) if log is None
                           else EdgeTable.from_edges(self.g, *log))
        return self.edge_table

    def kind(self, node: str) -> str:
        return self.g.nodes[node]["kind"]

    def label(self, node: str) -> str:
        return self.g.nodes[node].get("label", node)

    def links(self, a: str, b: str) -> Iterator[tuple[Any, Link]]:
        for key, data in self.g.get_edge_data(a, b, default={}).items():
            yield key, data["link"]


def add_multi_edges(g: nx.MultiGraph, a: list[Any], b: list[Any], keys: list[Any],
                    links: list[Link]) -> None:
    """``g.add_edge(a[i], b[i], key=keys[i], link=links[i])`` for every ``i`` in order, with
    the same result (the same adjacency dicts, filled in the same order; a missing end added
    as a node without attributes; a repeated key overwriting its link) without a method call
    and its checks per edge: networkx's own steps, once per batch where they can be.  A
    subclass of MultiGraph, or a key of None (networkx numbers those), goes edge by edge.

    >>> g, h = nx.MultiGraph(), nx.MultiGraph()
    >>> ends = (["a", "b", "a", "c"], ["b", "a", "c", "c"], ["K1", "K1", "K2", "K3"])
    >>> for x, y, k, l in zip(*ends, [1, 2, 3, 4]):
    ...     _ = g.add_edge(x, y, key=k, link=l)
    >>> add_multi_edges(h, *ends, [1, 2, 3, 4])
    >>> list(h.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    True
    """
    # ``None in keys`` compares in C (``k == None`` holds for None alone among keys, which
    # are str or int; anything odd that equals None merely takes the slow, exact path)
    if type(g) is not nx.MultiGraph or None in keys:
        for x, y, key, link in zip(a, b, keys, links):
            g.add_edge(x, y, key, link=link)
        return
    adj, node = g._adj, g._node
    new_inner, new_attrs = g.adjlist_inner_dict_factory, g.node_attr_dict_factory
    new_keydict, new_data = g.edge_key_dict_factory, g.edge_attr_dict_factory
    for u, v, key, link in zip(a, b, keys, links):
        if u not in adj:
            if u is None:
                raise ValueError("None cannot be a node")
            adj[u] = new_inner()
            node[u] = new_attrs()
        if v not in adj:
            if v is None:
                raise ValueError("None cannot be a node")
            adj[v] = new_inner()
            node[v] = new_attrs()
        keydict = adj[u].get(v)
        if keydict is not None:
            data = keydict.get(key)
            if data is None:
                data = new_data()
            data["link"] = link
            keydict[key] = data
        else:  # a self-loop is one dict, as networkx makes it
            data = new_data()
            data["link"] = link
            keydict = new_keydict()
            keydict[key] = data
            adj[u][v] = keydict
            adj[v][u] = keydict
    clear = getattr(nx, "_clear_cache", None)  # networkx >= 3.3 caches converted graphs
    if clear is not None:
        clear(g)


def add_nodes(g: nx.MultiGraph, items: Iterable[tuple[Any, dict[str, Any]]], *,
              owned: bool = False) -> None:
    """``g.add_nodes_from(items)`` for (node, attributes) pairs: a new node gets them, a node
    already in ``g`` has them updated, in order; networkx unpacks each pair by catching a
    TypeError, which costs more than adding the node.  A subclass goes through networkx.
    ``owned``: each attribute dict was made for this call and is handed over, so a new node
    keeps it as its own dict instead of a copy (the same contents in the same order; 77,000
    KvK officer persons and 50,000 organizations on a large corporation).

    >>> g, h = nx.MultiGraph(), nx.MultiGraph()
    >>> items = [("a", {"kind": "x"}), ("b", {}), ("a", {"label": "A"})]
    >>> g.add_nodes_from(items); add_nodes(h, items)
    >>> list(h.nodes(data=True)) == list(g.nodes(data=True))
    True
    """
    if type(g) is not nx.MultiGraph:
        g.add_nodes_from(items)
        return
    adj, node = g._adj, g._node
    new_inner, new_attrs = g.adjlist_inner_dict_factory, g.node_attr_dict_factory
    keep = owned and new_attrs is dict
    for n, attrs in items:
        d = node.get(n)
        if d is None:
            if n is None:
                raise ValueError("None cannot be a node")
            adj[n] = new_inner()
            if keep and type(attrs) is dict:
                node[n] = attrs
                continue
            d = node[n] = new_attrs()
        d.update(attrs)
    clear = getattr(nx, "_clear_cache", None)
    if clear is not None:
        clear(g)


def add_new_nodes(g: nx.MultiGraph, nodes: list[Any], attrs: list[dict[str, Any]]) -> None:
    """``add_nodes(g, [(n, a) for n, a in zip(nodes, attrs) if n not in g], owned=True)``:
    the nodes not in ``g`` yet (looked up before any is added), each with its own attribute
    dict (made for this call, handed over); a node already in ``g`` keeps its attributes.
    When every one is new and listed once (the KvK officer persons: one id per person,
    77,000 of them on a large corporation) the adjacency and attribute dicts go in by one
    ``dict.update`` each: the same dicts in the same order as node by node, without a pass
    of bytecode per node.

    >>> g, h = nx.MultiGraph(), nx.MultiGraph()
    >>> for x in (g, h):
    ...     x.add_node("a", kind="old")
    >>> add_nodes(g, [("b", {"kind": "new"})], owned=True)
    >>> add_new_nodes(h, ["a", "b"], [{"kind": "new"}, {"kind": "new"}])
    >>> list(h.nodes(data=True)) == list(g.nodes(data=True))
    True
    """
    node = g._node
    if (type(g) is nx.MultiGraph and g.node_attr_dict_factory is dict
            and g.adjlist_inner_dict_factory is dict and len(nodes) == len(attrs)
            and set(map(type, attrs)) <= {dict}):
        distinct = set(nodes)
        if (len(distinct) == len(nodes) and None not in distinct
                and node.keys().isdisjoint(distinct)):
            g._adj.update(zip(nodes, [{} for _ in nodes]))
            node.update(zip(nodes, attrs))
            clear = getattr(nx, "_clear_cache", None)
            if clear is not None:
                clear(g)
            return
    absent = [not x for x in map(g.__contains__, nodes)]  # before any is added
    add_nodes(g, [(n, a) for n, a, new in zip(nodes, attrs, absent) if new], owned=True)


# -- small helpers --------------------------------------------------------------------


class RowDigests:
    """Content hashes of source rows, over the data contract's columns of their table.

    A finding's evidence hash is built from these, so it changes when a row behind the
    finding changes (a declaration approved, a date moved) but not when the export is
    re-sorted or gains an unrelated extra column.  Hashed with pandas' hash_pandas_object (a
    fixed key, so the same values give the same digest in every run; a row's hash depends on
    that row alone), only for the rows asked for: a block of :data:`BLOCK` rows around each
    one, so eight findings among a million contracts hash eight blocks, not the million.  A
    table asked for in many places (every employee gets a digest) is hashed whole, once.
    """

    #: rows per block: hashing a block costs ~2.5 ms whatever its size up to a few hundred
    #: rows (pandas' overhead per column), 6.5 ms for 4,096 contracts, 41 ms for 4,096
    #: allocations (their later columns hash twice)
    BLOCK = 512
    #: blocks of one table hashed one by one before the rest of it is hashed in one pass (at
    #: least; for a large table a sixteenth of its blocks, which cost about as much as it)
    MAX_BLOCKS = 32
    #: :meth:`many` hashes just the rows asked for while they are fewer than 1/FEW of the
    #: table, else the whole table once (kept for later calls)
    FEW = 4

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self._cache: dict[str, np.ndarray] = {}  # table -> hashes of every row
        self._blocks: dict[str, dict[int, np.ndarray]] = {}  # table -> block -> hashes
        self._rows: dict[str, dict[int, str]] = {}  # table -> row -> digest (prefetched)

    def __call__(self, table: str, row: dict[str, Any] | int) -> str:
        pos = row if isinstance(row, int) else int(row["_pos"])
        known = self._rows.get(table)
        if known is not None:
            got = known.get(pos)
            if got is not None:
                return got
        arr = self._cache.get(table)
        if arr is not None:
            return f"{int(arr[pos]):016x}"
        blocks = self._blocks.setdefault(table, {})
        b = pos // self.BLOCK
        part = blocks.get(b)
        if part is None:
            frame = self.ds.frame(table)
            # the whole table once many of its blocks are asked for (a sixteenth of a large
            # table: a rule citing 40 scattered contracts of a million hashes 40 blocks)
            limit = max(self.MAX_BLOCKS, len(frame) // self.BLOCK // 16)
            if len(frame) <= 2 * self.BLOCK or len(blocks) >= limit:
                arr = self._cache[table] = _table_hashes(frame, table)
                self._blocks.pop(table, None)
                return f"{int(arr[pos]):016x}"
            start = b * self.BLOCK
            part = blocks[b] = _table_hashes(frame.iloc[start:start + self.BLOCK], table)
        return f"{int(part[pos % self.BLOCK]):016x}"

    def prefetch(self, table: str, positions: Iterable[int]) -> None:
        """Hash these rows now, in one pass, and keep their digests for the
        calls that ask for them one by one later: detection asks for each candidate
        decision's digest in turn, and a block of :data:`BLOCK` rows per call (about 2.5 ms
        each) added up to hashing every contract once a few hundred were asked for (0.55 s
        on ``large``, about 6 s on ten million decisions) where their rows alone take a few
        milliseconds."""
        if table in self._cache:
            return  # the whole table is hashed already
        rows = _distinct(np.fromiter(positions, dtype=np.int64))
        known = self._rows.setdefault(table, {})
        rows = rows[[int(r) not in known for r in rows.tolist()]] if known else rows
        if len(rows) < 2:
            return  # one row: its block, as before
        frame = self.ds.frame(table)
        if len(rows) * self.FEW >= len(frame):  # many of them: the whole table, once
            self._cache[table] = _table_hashes(frame, table)
            self._blocks.pop(table, None)
            return
        # those rows alone, in one pass (also when they are few: a block of 512 rows per
        # row would cost more than all of them together)
        text = _table_hashes(frame.iloc[rows], table).astype(">u8").tobytes().hex()
        known.update(zip(rows.tolist(), [text[i:i + 16] for i in range(0, len(text), 16)]))

    def whole(self, table: str) -> np.ndarray | None:
        """The hashes of every row of ``table`` when they were made (None if not): what a
        forked build worker hands back to the parent's digests (:meth:`keep`)."""
        return self._cache.get(table)

    def keep(self, table: str, hashes: np.ndarray) -> None:
        """Take the hashes of every row of ``table`` made elsewhere (by :meth:`whole` of
        the same dataset's digests in a forked worker): the state the work would have left
        had it run in this process."""
        self._cache[table] = hashes
        self._blocks.pop(table, None)
        self._rows.pop(table, None)

    def many(self, table: str, positions: np.ndarray) -> list[str]:
        """The digests of many rows of one table (what :meth:`__call__` gives each), as one
        array operation: a link per KvK officer row asks for ~100,000 of them.

        >>> from pathlib import Path
        >>> ds = Dataset(Path("."), {})
        >>> d = RowDigests(ds)
        >>> d._cache["gifts"] = np.array([1, 2**64 - 1], dtype="uint64")
        >>> d.many("gifts", np.array([1, 0])), d("gifts", 1)
        (['ffffffffffffffff', '0000000000000001'], 'ffffffffffffffff')
        """
        positions = np.asarray(positions, dtype=np.int64)
        if not len(positions):
            return []
        arr = self._cache.get(table)
        if arr is None:
            if len(positions) < self.MAX_BLOCKS:  # a few rows: their blocks only
                return [self(table, int(p)) for p in positions]
            frame = self.ds.frame(table)
            rows = _distinct(positions)
            if len(rows) * self.FEW < len(frame):
                # rows of a large table (the matched applicants among 500,000 allocations):
                # those rows only, in one pass (a row's hash is that row's alone)
                part = _table_hashes(frame.iloc[rows], table)
                values = part[np.searchsorted(rows, positions)]
                text = values.astype(">u8").tobytes().hex()
                return [text[i:i + 16] for i in range(0, len(text), 16)]
            arr = self._cache[table] = _table_hashes(frame, table)
            self._blocks.pop(table, None)
        text = arr[positions].astype(">u8").tobytes().hex()  # 16 hex digits per row
        return [text[i:i + 16] for i in range(0, len(text), 16)]


def _distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of integers (sorted, each once) by sorting and dropping
    repeats: numpy 2's ``np.unique`` without options hashes first and took 15 ms for a KvK
    extract's 96,598 row positions (90 ms for 300,000), sorting takes 1 (4.5).

    >>> _distinct(np.array([3, 1, 3, 2])).tolist(), _distinct(np.array([], dtype=np.int64)).tolist()
    ([1, 2, 3], [])
    """
    s = np.sort(values)
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


#: Columns the data contract gained later, with the value a row has without them: a row
#: that holds only that value hashes as before, so upgrading does not reopen every closed
#: case whose evidence cites such a row ("evidence changed" must mean the data changed).
LATER_COLUMNS: dict[str, dict[str, Any]] = {
    "allocations": {"rank": None, "basis": "list"},
    "officers": {"officer_kvk_number": None},
}
#: Columns added after those (each dict a generation, in the order they came): a row's hash
#: takes a generation's columns only when one of them holds something other than its
#: default, so rows without them keep the digest they had (and their case decisions).
LATEST_COLUMNS: dict[str, tuple[dict[str, Any], ...]] = {
    "allocations": ({"co_applicant_name": None, "co_applicant_birth_date": None},
                    {"second_approved_by": None},
                    # a candidate list's status: every row read is an allocation
                    {"status": "allocated"}),
    "contracts": ({"second_approved_by": None},),
    "employees": ({"accounts": None},),
}


def _table_hashes(frame: pd.DataFrame, table: str) -> np.ndarray:
    """Per row, a hash of the contract's columns; a column of :data:`LATER_COLUMNS` counts
    only in the rows where it holds something other than its default.

    >>> f = pd.DataFrame({"officer_kvk_number": [None, "12345678"]})
    >>> g = pd.DataFrame({"officer_kvk_number": [None, None]})
    >>> a, b = _table_hashes(f, "officers"), _table_hashes(g, "officers")
    >>> bool(a[0] == b[0]), bool(a[1] == b[1])
    (True, False)
    """
    from ingest.tables import TABLES

    all_cols = [c for c in TABLES[table].column_names if c in frame.columns]
    if not len(frame) or not all_cols:
        return np.zeros(len(frame), dtype="uint64")
    generations = [{c: v for c, v in g.items() if c in all_cols}
                   for g in LATEST_COLUMNS.get(table, ())]
    latest = {c for g in generations for c in g}
    cols = [c for c in all_cols if c not in latest]
    hashes = _hashes_before(frame, table, cols)
    for n, generation in enumerate(generations):
        if not generation:
            continue
        changed = ~_at_default(frame, generation)
        if changed.any():  # these rows hash over the columns up to this generation
            upto = {c for g in generations[:n + 1] for c in g}
            other = np.flatnonzero(changed)
            hashes = hashes.copy()
            hashes[other] = pd.util.hash_pandas_object(
                frame[[c for c in all_cols if c not in latest or c in upto]].iloc[other],
                index=False).to_numpy()
    return hashes


def _at_default(frame: pd.DataFrame, defaults: Mapping[str, Any]) -> np.ndarray:
    """Rows where every column of ``defaults`` holds its default (missing, or the value)."""
    at_default = np.ones(len(frame), dtype=bool)
    for c, default in defaults.items():
        col = frame[c]
        same = col.isna() if default is None else (col.isna() | (col.astype("string") == default))
        at_default &= same.fillna(True).to_numpy(dtype=bool)
    return at_default


def _hashes_before(frame: pd.DataFrame, table: str, cols: list[str]) -> np.ndarray:
    """:func:`_table_hashes` over ``cols`` (the columns before :data:`LATEST_COLUMNS`)."""
    later = {c: v for c, v in LATER_COLUMNS.get(table, {}).items() if c in cols}
    old = [c for c in cols if c not in later]
    hashes = (pd.util.hash_pandas_object(frame[old], index=False).to_numpy() if old
              else np.zeros(len(frame), dtype="uint64"))
    if later:
        at_default = _at_default(frame, later)
        if not at_default.all():  # a row's hash is that row's alone: hash only those rows
            other = np.flatnonzero(~at_default)
            hashes = hashes.copy()
            hashes[other] = pd.util.hash_pandas_object(frame[cols].iloc[other],
                                                       index=False).to_numpy()
    return hashes


def cite_rows(ds: Dataset, table: str, lines: np.ndarray) -> list[str]:
    """:meth:`Dataset.cite` of many rows of one table (their ``_line``), in order: for a
    table read from one file the ``table:line`` strings are made from the whole column at
    once (100,000 KvK officer rows), for a table split over files row by row as it says."""
    t = ds.tables.get(table)
    if t is not None and len(t.sources) > 1:
        return [ds.cite(table, line) for line in np.asarray(lines).tolist()]
    import pyarrow as pa
    import pyarrow.compute as pc

    head = f"{t.name if t is not None else table}:"
    # the numbers as text and the head joined to each by Arrow's kernels, one Python string
    # per row made at the end: 11 ms for 96,000 officer rows, where numpy's astype(str) and
    # a concatenation per row took 30-40
    numbers = pa.array(np.asarray(lines, dtype=np.int64)).cast(pa.string())
    return pc.binary_join_element_wise(head, numbers, "").to_pylist()


def frame_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, with ``_pos`` (the row's position) added and dates as day ordinals
    (``None`` when missing).  Built from whole columns, because iterating pandas' string and
    datetime arrays goes element by element."""
    if not len(frame):
        return []
    cols = list(frame.columns)
    arrays: list[Any] = []
    for c in cols:
        col = frame[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            arrays.append([int(d) or None for d in day_ordinals(col)])
        else:
            arrays.append(col.to_numpy(dtype=object))
    cols.append("_pos")
    arrays.append(range(len(frame)))
    return [dict(zip(cols, row)) for row in zip(*arrays)]


def _street_city(frame: pd.DataFrame, prefix: str = "") -> list[str | None]:
    """``street|city`` (folded) per row, for comparing addresses without a postcode: each
    distinct street, city and house number stripped and folded once (half a million
    applicants live in a few thousand streets), the rows joined from those."""
    n = len(frame)
    if prefix + "street" not in frame.columns or prefix + "city" not in frame.columns:
        return [None] * n
    st_c, st_t = _stripped_codes(frame[prefix + "street"])
    ci_c, ci_t = _stripped_codes(frame[prefix + "city"])
    if prefix + "house_number" in frame.columns:
        nu_c, nu_t = _stripped_codes(frame[prefix + "house_number"])
    else:
        nu_c, nu_t = np.zeros(n, dtype=np.intp), [""]
    present = np.array([bool(t) for t in st_t], dtype=bool)[st_c]
    present &= np.array([bool(t) for t in ci_t], dtype=bool)[ci_c]
    rows = np.flatnonzero(present)
    streets = np.array([fold_text(t) + " " for t in st_t], dtype=object)[st_c[rows]]
    cities = np.array(["|" + fold_text(t) for t in ci_t], dtype=object)[ci_c[rows]]
    numbers = np.array(nu_t, dtype=object)[nu_c[rows]]
    out = np.full(n, None, dtype=object)
    out[rows] = streets + numbers + cities
    return out.tolist()


def _stripped_codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """A column as codes into its distinct cells, each stripped as text (``(cell or
    "").strip()``, a missing cell ``""``); the last text is that of a missing cell."""
    codes, uniques = pd.factorize(column.astype("string").to_numpy(dtype=object, na_value=None),
                                  use_na_sentinel=True)
    texts = [(u or "").strip() for u in uniques]
    codes = np.where(codes < 0, len(texts), codes)
    texts.append("")
    return codes, texts


def person_records(ds: Dataset) -> list[PersonRecord]:
    """Employees and relatives as records to match against (applicants, KvK officers), in
    row order; read from whole columns (each distinct cell and birth date read once)."""
    out: list[PersonRecord] = []
    for table, idcol, kind in (("employees", "employee_id", "employee"),
                               ("relatives", "relative_id", "relative")):
        frame = ds.frame(table)
        at = _rows_with(frame, idcol, "name")
        if not len(at):
            continue
        idents = {k: np.asarray(v, dtype=object)[at].tolist()
                  for k, v in identifier_values(frame).items()}
        street_city = np.asarray(_street_city(frame), dtype=object)[at].tolist()
        day_u, day_of = np.unique(_column_days(frame, "birth_date")[at], return_inverse=True)
        dates = np.array([date_of(d) for d in day_u.tolist()], dtype=object)[day_of].tolist()
        head = kind + ":"  # node_key(kind, ident)
        # the records made from their columns (_person_records), the columns made first
        # (address_key of parts that are text or None, joined in a comprehension)
        out += _person_records([
            [head + i for i in _column_list(frame, idcol, at)],
            _column_list(frame, "name", at), dates,
            [f"{pc}|{num}|{add or ''}" if pc is not None and num is not None else None
             for pc, num, add in zip(_column_list(frame, "postcode", at),
                                     _column_list(frame, "house_number", at),
                                     _column_list(frame, "house_number_addition", at))],
            street_city, idents["iban"], idents["email"], idents["phone"],
            *_birth_years(frame, "birth_date", at)])
    return out


def _birth_years(frame: pd.DataFrame, name: str, at: np.ndarray) -> list[list[int | None]]:
    """The birth years kept for rows ``at`` whose birth date ``name`` was known by its year
    only (``ingest.validate_rows.keep_birth_years``), as a one-column list for
    :func:`_person_records`; no column (the usual case: no such dates) when none is kept,
    so the records are made as they always were."""
    column = birth_year_column(name)
    if column not in frame.columns:
        return []
    return [_cells_at(frame[column], at)]


def _texts(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as stripped strings, missing where empty (all rows missing when the column
    is absent): :func:`~coi_graph.links.text_of` for a whole column in one vectorised pass."""
    if name not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    col = frame[name]
    fast = _arrow_texts(col)
    if fast is not None:
        return fast
    s = col.astype("string").str.strip()
    return s.mask(s == "")


def _arrow_texts(col: pd.Series) -> pd.Series | None:
    """:func:`_texts` of a text column held by Arrow, by Arrow's kernels on its chunks:
    the same trim (``str.strip`` of such a column is ``utf8_trim_whitespace``), empty cells
    made missing, the same ``string`` dtype; None for any other column (the caller goes
    pandas' way).  Why: pandas' ``astype``, ``str.strip``, ``==`` and ``mask`` are four
    passes with their own overhead, and a build reads 47 such columns (vendor master,
    people, applicants): about 1 ms of some 1.5 per column.
    ``tests/test_graph_speed_paths18.py`` compares the two ways."""
    dtype = col.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    values = col.array.__arrow_array__()
    if not (isinstance(values, pa.ChunkedArray)
            and (pa.types.is_string(values.type) or pa.types.is_large_string(values.type))):
        return None
    trimmed = pc.utf8_trim_whitespace(values)
    kept = pc.if_else(pc.equal(trimmed, pa.scalar("", trimmed.type)),
                      pa.scalar(None, trimmed.type), trimmed)
    out = pd.Series(pd.arrays.ArrowStringArray(kept), index=col.index, name=col.name,
                    copy=False)
    return out if out.dtype == _STRING else None


#: the dtype ``astype("string")`` gives (what :func:`_texts` returns)
_STRING = pd.StringDtype()


def identifier_values(frame: pd.DataFrame, prefix: str = "") -> dict[str, list[str | None]]:
    """Per identifier kind, each row's normalised value (``None`` where missing), read from
    whole columns.  The address is ``POSTCODE|NUMBER|ADDITION``
    (:func:`~ingest.identifiers.address_key`), present only with both postcode
    and house number."""
    return _listed(identifier_columns(frame, prefix))


def _listed(columns: Mapping[str, pd.Series]) -> dict[str, list[str | None]]:
    """:func:`identifier_columns` as :func:`identifier_values` gives them (lists, None for
    a missing value)."""
    return {k: s.to_numpy(dtype=object, na_value=None).tolist() for k, s in columns.items()}


def identifier_columns(frame: pd.DataFrame, prefix: str = "") -> dict[str, pd.Series]:
    """:func:`identifier_values` as text columns (missing: NA, index: the frame's), for
    grouping and counting without turning a million cells into Python strings and back."""
    pc, num = _texts(frame, prefix + "postcode"), _texts(frame, prefix + "house_number")
    add = _texts(frame, prefix + "house_number_addition").fillna("")
    address = (pc + "|" + num + "|" + add).where(pc.notna() & num.notna())
    out: dict[str, pd.Series] = {"address": address}
    for kind in ("iban", "phone", "email"):
        out[kind] = _texts(frame, prefix + kind)
    return out


def _identifier_holders(ds: Dataset, limit: int,
                        applicants: Mapping[str, pd.Series] | None = None
                        ) -> tuple[list[tuple[str, str, list[tuple[str, str, str]]]],
                                   dict[str, int]]:
    """The identifiers that link: each (kind, value) held by at least two records (people,
    organizations, housing applicants) and at most ``limit``, with its holders as (node,
    ``table:line``, record key), in order of first appearance (employees, relatives,
    organizations; per table address, IBAN, phone, e-mail); and the hubs, held by more than
    ``limit``, with their count.

    Columnar: grouping and counting run on whole columns; strings are built only for the
    rows of identifiers that link (most identifiers belong to one record).  ``applicants``:
    the allocations' :func:`identifier_columns` (``applicant_`` prefix) when the caller has
    them already."""
    kinds, values, holders, tables, lines = [], [], [], [], []
    kind_names: list[str] = []  # the identifier kinds, by code
    heads: list[str] = []  # per table code: its node kind and ':' (a holder is head + id)
    id_texts: list[Any] = []  # per table: its distinct ids (Arrow), holder codes in order
    table_names: list[str] = []
    base = 0  # the holder code of the table's first distinct id
    for table, idcol, kind in (("employees", "employee_id", "employee"),
                               ("relatives", "relative_id", "relative"),
                               ("organizations", "org_id", "organization")):
        # a row merged into another of its id links through its own identifiers too
        frames = [f for f in (ds.frame(table), ds.also(table)) if len(f)]
        if not frames:
            continue
        # a holder is a (table, id): numbered from the ids' codes, both frames together
        # (no 'kind:id' string per row, no second factorising of those strings)
        id_cols = [_texts(f, idcol) for f in frames]
        id_codes, id_u = pd.factorize(pd.concat(id_cols, ignore_index=True)
                                      if len(id_cols) > 1 else id_cols[0])
        id_codes = np.asarray(id_codes, dtype=np.int64)
        t = len(table_names)
        table_names.append(table)
        heads.append(kind + ":")
        id_texts.append(id_u)
        start = 0
        for frame in frames:
            holder = id_codes[start:start + len(frame)]
            start += len(frame)
            has_id = holder >= 0
            line = frame["_line"].to_numpy()
            for ikind, v in identifier_columns(frame).items():
                keep = v.notna().to_numpy(dtype=bool) & has_id
                k = int(np.count_nonzero(keep))
                if not k:
                    continue
                if ikind not in kind_names:
                    kind_names.append(ikind)
                kinds.append(np.full(k, kind_names.index(ikind), dtype=np.int64))
                values.append(v[keep])
                holders.append(holder[keep] + base)
                tables.append(np.full(k, t, dtype=np.int64))
                lines.append(line[keep])
        base += len(id_u)
    if not kinds:
        return [], {}
    kind_c = np.concatenate(kinds)
    kind_t = np.array(kind_names, dtype=object)
    value_s = pd.concat(values, ignore_index=True)
    # each (kind, value) numbered in the order it first appears, from the codes of the
    # values (Arrow's dictionary encoding) and the kinds: no 'kind<US>value' string per row
    codes = _first_codes(kind_c, pd.factorize(value_s)[0])
    n = int(codes.max()) + 1
    # the distinct holders of each: (identifier, holder) pairs as one number each
    holder_c = np.concatenate(holders)
    width = max(base, 1)
    degree = np.bincount(pd.unique(codes * width + holder_c) // width, minlength=n)
    # applicants count toward how common an identifier is, though they are not nodes
    app = (identifier_columns(ds.frame("allocations"), "applicant_") if applicants is None
           else applicants)
    # looked up kind by kind among that kind's values: no 'kind\x1fvalue' string per
    # applicant (four per applicant, 20 million on ten million decisions)
    # each identifier's first row: numbered as they first appear, a row is the first of
    # its code where that code is above every code before it
    first = np.flatnonzero(codes > np.maximum.accumulate(np.r_[-1, codes[:-1]]))
    kind_first = kind_c[first]
    kind_u = kind_t[kind_first]
    value_u = value_s.take(first).reset_index(drop=True)
    for ikind, v in app.items():
        if ikind not in kind_names:
            continue
        of_kind = np.flatnonzero(kind_first == kind_names.index(ikind))  # in code order
        at = _positions_in(v.dropna().reset_index(drop=True), value_u.take(of_kind))
        degree = degree + np.bincount(of_kind[at[at >= 0]], minlength=n)
    hub_codes = np.flatnonzero(degree > limit)
    hubs = {f"{k}:{v}": int(degree[c]) for c, k, v in zip(
        hub_codes.tolist(), kind_u[hub_codes].tolist(), _texts_at(value_u, hub_codes))}
    linking = (degree >= 2) & (degree <= limit)
    rows = np.flatnonzero(linking[codes])
    rows = rows[np.argsort(codes[rows], kind="stable")]
    # Python strings only for the rows of identifiers that link (most rows hold one that
    # no other record holds)
    row_codes = codes[rows]
    table_c = np.concatenate(tables)[rows]
    table_r = [table_names[t] for t in table_c.tolist()]
    line_r = np.concatenate(lines)[rows].tolist()
    # each linking row's id: its holder's distinct id, read for those rows only
    holder_r = holder_c[rows]
    offsets = np.cumsum([0] + [len(u) for u in id_texts])
    ident_r = [None] * len(rows)
    for t, u in enumerate(id_texts):
        mine = np.flatnonzero(table_c == t)
        for j, ident in zip(mine.tolist(), _texts_at(u, holder_r[mine] - offsets[t])):
            ident_r[j] = ident
    holder_r = [heads[t] + ident for t, ident in zip(table_c.tolist(), ident_r)]
    kind_r = kind_t[kind_c[rows]].tolist()
    firsts = np.flatnonzero(np.r_[True, row_codes[1:] != row_codes[:-1]]) if len(rows) else rows
    key_of = dict(zip(row_codes[firsts].tolist(), zip(
        kind_u[row_codes[firsts]].tolist(), _texts_at(value_u, row_codes[firsts]))))
    out: list[tuple[str, str, list[tuple[str, str, str]]]] = []
    last = -1
    for c, t, line, holder, ident, kind in zip(row_codes.tolist(), table_r, line_r, holder_r,
                                               ident_r, kind_r):
        if c != last:
            ikind, value = key_of[c]
            out.append((ikind, value, []))
            last = c
        out[-1][2].append((holder, ds.cite(t, line), f"{t}:{ident}:{kind}"))
    return out, hubs


def _texts_at(values: Any, at: np.ndarray) -> list[Any]:
    """The cells of a column (Series, Index or array) at these positions, as Python
    objects: only those cells are converted."""
    taken = values.take(at) if hasattr(values, "take") else np.asarray(values)[at]
    return np.asarray(taken, dtype=object).tolist()


def _positions_in(keys: pd.Series, uniques: Any) -> np.ndarray:
    """Each key's position among ``uniques`` (distinct values; -1: not among them): one
    Arrow ``index_in`` when both are Arrow text, else pandas' ``get_indexer``."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        k, u = keys.array.__arrow_array__(), pd.Index(uniques).array.__arrow_array__()
        if k.type == u.type and (pa.types.is_string(k.type) or pa.types.is_large_string(k.type)):
            found = pc.fill_null(pc.index_in(k, value_set=u.combine_chunks()), -1)
            parts = [c.to_numpy(zero_copy_only=False) for c in found.chunks]
            return (np.concatenate(parts).astype(np.int64) if parts
                    else np.zeros(0, dtype=np.int64))
    except (AttributeError, ImportError, TypeError):
        pass
    return pd.Index(uniques).get_indexer(keys)


def identifier_label(kind: str, value: str) -> str:
    if kind == "address":
        pc, num, add = (value.split("|") + ["", "", ""])[:3]
        # a Dutch postcode's space put back (1234AB -> 1234 AB); a postcode read with its
        # street (``4223 STANLEY STREET``, ingest) has its own
        shown = pc if pc[4:5] == " " else f"{pc[:4]} {pc[4:]}"
        return f"{shown} {num}{('-' + add) if add else ''}".strip()
    return value


#: what :func:`_identifier_holders` gives per linking identifier: (kind, value, holders)
_Holders = list[tuple[str, str, list[tuple[str, str, str]]]]


def add_identifier_links(lg: LinkGraph, linking: _Holders) -> None:
    """The shared identifiers as nodes, each linked to its holders (``linking`` as
    :func:`_identifier_holders` gives it), in the order :func:`_add_identifier_links_plain`
    adds them one by one, with the same nodes, keys and links.

    Batched (one :func:`add_nodes`, one :meth:`LinkGraph.add_edges`, the link ids in one
    :func:`link_ids` pass, label and params shared per kind): adding 18,000 links of a
    large corporation one ``add_edge`` at a time cost 0.4 s.  Batching keeps the graph's
    node order only when every holder is a node already (adding an edge to a missing
    holder adds it, between two identifier nodes); otherwise the plain form runs."""
    g = lg.g
    ends = [holder for _, _, hs in linking for holder, _, _ in hs]
    if not all(map(g.__contains__, ends)):  # a holder without a node of its own (rare)
        _add_identifier_links_plain(lg, linking)
        return
    nodes: list[tuple[str, dict[str, Any]]] = []
    a: list[str] = []
    b: list[str] = []
    records: list[str] = []
    labels: list[str] = []
    params: list[tuple[tuple[str, Any], ...]] = []
    evidence: list[tuple[str]] = []
    digests: list[tuple[tuple[str, str]]] = []
    shared = {k: (w, (("identifier", k),)) for k, w in IDENTIFIER_WORDS.items()}
    sha = hashlib.sha256
    for ikind, value, hs in linking:
        node = node_key(ikind, value)
        if node not in g:
            nodes.append((node, {"kind": ikind, "ident": value,
                                 "label": identifier_label(ikind, value)}))
        digest = sha(value.encode()).hexdigest()[:16]
        label, param = shared[ikind]
        for holder, ev, record in sorted(set(hs)):
            a.append(holder)
            b.append(node)
            records.append(record)
            labels.append(label)
            params.append(param)
            evidence.append((ev,))
            digests.append(((record, digest),))
    links = make_links(len(a), {"label": labels, "params": params, "evidence": evidence,
                                "records": digests}, kind="identifier", code="identifier")
    if len({n for n, _ in nodes}) < len(nodes):  # a node listed twice: first one counts
        seen: set[str] = set()
        nodes = [x for x in nodes if not (x[0] in seen or seen.add(x[0]))]
    add_nodes(g, nodes)
    lg.add_edges(a, b, link_ids("identifier", "identifier", a, b, records), links)


def _add_identifier_links_plain(lg: LinkGraph, linking: _Holders) -> None:
    """:func:`add_identifier_links` one node and one link at a time (the reference form,
    and the form for holders that are not nodes)."""
    g = lg.g
    for ikind, value, hs in linking:
        node = node_key(ikind, value)
        if node not in g:
            g.add_node(node, kind=ikind, ident=value, label=identifier_label(ikind, value))
        digest = hashlib.sha256(value.encode()).hexdigest()[:16]
        for holder, ev, record in sorted(set(hs)):
            link = Link(kind="identifier", label=IDENTIFIER_WORDS[ikind], evidence=(ev,),
                        records=((record, digest),), code="identifier",
                        params=(("identifier", ikind),))
            lg.add_edge(holder, node, link_id(holder, node, link), link)


# -- building -------------------------------------------------------------------------


def match_info(m: Match) -> MatchInfo:
    """A match as it travels on a link (and into a finding's evidence)."""
    j = m.judgement
    return MatchInfo(m.reason, m.detail, m.score, m.fuzzy, m.band,
                     tuple(f.as_dict() for f in m.features), m.pair_id,
                     None if j is None else {"decision": j.decision, "by": j.by, "at": j.at,
                                             "why": j.why})


def _match_row(kind: str, probe: str, m: Match) -> dict[str, Any]:
    return {"kind": kind, "probe": probe, "reference": m.reference, "reason": m.reason,
            "detail": m.detail, "score": m.score, "fuzzy": m.fuzzy, "band": m.band,
            "pair_id": m.pair_id, "features": [f.as_dict() for f in m.features],
            "judgement": match_info(m).judgement, "record": m.probe}


def build_graph(ds: Dataset, policy: Policy, progress: Any = None,
                judgements: Mapping[str, Judgement] | None = None, *,
                with_rejected: bool = False,
                collect: list[PersonRecord] | None = None,
                fork: bool | None = None) -> LinkGraph:
    """Build the link graph of one dataset under one policy.

    The policy decides which relatives count as family (others stay in the graph, reachable
    only through shared identifiers) and which identifiers are too common to be a link.
    ``collect``: a list to which every person record the matcher is given is appended
    (relatives, employees, KvK officers who are people, applicants; :attr:`LinkGraph.collected`).
    ``fork``: whether the KvK officers' matching and link columns are worked out in a forked
    process beside the rest of the matching (:mod:`.beside`; the same graph either way):
    ``None``: not by default (the worker's pages cost more memory than its 0.5 s are
    worth on ``large``: :data:`.beside.ENV`); with ``COI_BUILD_FORK=auto`` when the extract
    has at least :data:`FORK_MIN_OFFICERS` rows and a second CPU is likely free
    (:func:`_spare_core`); ``True`` (or ``COI_BUILD_FORK=1``) whenever possible, ``False``
    never; ``COI_BUILD_FORK=0`` and ``collect`` (records made in the worker would not reach
    the list) keep it in process.
    """
    g = nx.MultiGraph()
    lg = LinkGraph(g, digests=RowDigests(ds), edge_log=([], [], [], []), collected=collect)
    digests = lg.digests
    family = set(policy.family.relations)

    def add_link(a: str, b: str, link: Link) -> None:
        lg.add_edge(a, b, link_id(a, b, link), link)

    # organizations ---------------------------------------------------------------------
    orgs = ds.frame("organizations")
    org_keys, org_attrs, kvk_to_org = _organization_nodes(orgs)
    add_new_nodes(g, org_keys, org_attrs)  # the graph is empty here: every one is new
    del org_keys, org_attrs

    # employees and relatives (from whole columns; a node per id, from its first row) --------
    emp = ds.frame("employees")
    at = _rows_with(emp, "employee_id")
    eids = _column_list(emp, "employee_id", at)
    nodes: dict[str, dict[str, Any]] = {}
    for eid, name, role, department, lo, hi, line, digest in zip(
            eids, _column_list(emp, "name", at), _column_list(emp, "role", at),
            _column_list(emp, "department", at), _column_days(emp, "employed_from")[at].tolist(),
            _column_days(emp, "employed_until")[at].tolist(), emp["_line"].to_numpy()[at].tolist(),
            digests.many("employees", at)):
        key = node_key("employee", eid)
        if key not in nodes and key not in g:
            nodes[key] = {"kind": "employee", "ident": eid,
                          "label": parse_name(name or eid).shown or eid,
                          "role": role or "employee", "department": department,
                          "lo": lo or NEG, "hi": hi or POS, "record": f"employees:{eid}",
                          "digest": digest, "line": int(line)}
    add_nodes(g, nodes.items(), owned=True)
    rel = ds.frame("relatives")
    at = _rows_with(rel, "relative_id", "employee_id")
    rids, reids = _column_list(rel, "relative_id", at), _column_list(rel, "employee_id", at)
    relations = [r or "other" for r in _column_list(rel, "relation", at)]
    lines = rel["_line"].to_numpy()[at].tolist()
    nodes = {}
    family_rows: list[int] = []  # the rows that link a relative to an employee as family
    for j, (rid, eid, name, relation, line) in enumerate(zip(
            rids, reids, _column_list(rel, "name", at), relations, lines)):
        rk = node_key("relative", rid)
        if rk not in nodes and rk not in g:
            nodes[rk] = {"kind": "relative", "ident": rid,
                         "label": parse_name(name or rid).shown or rid, "relation": relation,
                         "employee_id": eid, "record": f"relatives:{rid}", "line": int(line)}
        if relation in family and node_key("employee", eid) in g:
            family_rows.append(j)
    add_nodes(g, nodes.items(), owned=True)  # before their links: only people are linked
    del nodes
    if family_rows:
        fam = at[family_rows]
        a = [node_key("employee", reids[j]) for j in family_rows]
        b = [node_key("relative", rids[j]) for j in family_rows]
        keys = [f"relatives:{rids[j]}" for j in family_rows]
        labels = [relations[j] for j in family_rows]
        links = make_links(len(family_rows), {
            "label": labels, "params": [(("relation", r),) for r in labels],
            "lo": [d or NEG for d in _column_days(rel, "valid_from")[fam].tolist()],
            "hi": [d or POS for d in _column_days(rel, "valid_until")[fam].tolist()],
            "evidence": [(ds.cite("relatives", lines[j]),) for j in family_rows],
            "records": list(zip(zip(keys, digests.many("relatives", fam))))},
            kind="family", code="relation", declared=True)
        lg.add_edges(a, b, link_ids("family", "relation", a, b, keys), links)
        del a, b, keys, links

    # the people as match records (read by the officers' matching, forked below, and by
    # the person matches) ---------------------------------------------------------------
    people = lg.people = person_records(ds)
    emp_recs = [p for p in people if p.key.startswith("employee:")]
    rel_recs = [p for p in people if p.key.startswith("relative:")]
    rj = {"with_rejected": with_rejected}
    if lg.collected is not None:
        lg.collected += rel_recs + emp_recs
    # KvK officers ---------------------------------------------------------------------
    # An officer matched to an employee or relative is that person's node (the officer link
    # carries the match, as before); every other officer becomes a person node of its own
    # (kind "officer"), and an officer that is itself an organization links two
    # organizations.  See add_officers.  Their matching and link columns need nothing
    # below (only the people's records and the organization and people nodes), so on a
    # large extract they are worked out in a forked worker (:mod:`.beside`) while this
    # process links the shared identifiers and matches the relatives, employees and
    # applicants; taken back at a fixed point, they are added as
    # before: once all matching is done and its caches are freed (some 200 MiB on a large
    # corporation at that point), so the graph's largest part is not allocated beside them.
    forked = (fork is not False and lg.collected is None and fork_wanted()
              and (fork or fork_forced() or (fork_auto() and _spare_core() and len(
                  ds.frame("officers")) >= FORK_MIN_OFFICERS)))
    if forked:
        # the reference indexes of the employees and of the relatives, made before the fork
        # (this process makes them for its own matching anyway): the worker joins its index
        # of both from them instead of making one anew (0.3 s), and this process joins its
        # own later, from the parts its matching completes, as in one process (making the
        # joined one here, from bare parts, left its lazy parts to be made in both: 0.4 s)
        for part in (emp_recs, rel_recs):
            index_references(part, policy.matching.use_address)
    with Beside(lambda: _officers_apart(ds, lg, policy, kvk_to_org, judgements,
                                        with_rejected=with_rejected, prepare=forked),
                fork=forked) as officer_job:
        # shared identifiers -----------------------------------------------------------------
        # the applicants' identifiers, read once: they count toward how common an identifier
        # is, and applicants attach to the shared ones (attach_applicants)
        applicant_ids = identifier_columns(ds.frame("allocations"), "applicant_")
        linking, lg.hubs = _identifier_holders(ds, policy.paths.max_identifier_degree,
                                               applicant_ids)
        add_identifier_links(lg, linking)

        # person matches: a relative who is also an employee, one person declared twice ---
        # one person declared twice: each pair of relatives compared once, from its lower key.
        # Matched first (listed after the employees' matches, as always): the relatives are
        # then an indexed reference set, whose prepared records, key rows and name counts
        # matching them against the employees takes instead of making them again
        twice = match_within(rel_recs, policy.matching, judgements, **rj)
        same: list[Match] = match_people(rel_recs, emp_recs, policy.matching, judgements, **rj)
        same += twice
        del twice
        for m in same:
            if m.probe == m.reference or m.probe not in g or m.reference not in g:
                continue
            if m.band == "rejected":  # listed (coi match list), never linked
                lg.matches.append(_match_row("person", m.probe, m))
                continue
            add_link(m.probe, m.reference, Link(
                kind="same_person", label=m.reason, declared=False, match=match_info(m),
                code="match", params=(("reason", m.reason),),
                evidence=person_cite(ds, g, m.probe) + person_cite(ds, g, m.reference),
            ))
            lg.matches.append(_match_row("person", m.probe, m))

        # declarations -----------------------------------------------------------------------
        decl = ds.frame("declarations")
        inactive = set(policy.declarations.inactive_statuses)
        drows = frame_rows(decl)
        lg.org_matches.update(_resolve_free_orgs(drows, "declaration_id", "declarations",
                                                 orgs, policy))
        for r in drows:
            did = text_of(r["declaration_id"])
            if not did:
                continue
            status = text_of(r.get("status")) or "pending"
            if status in inactive:
                continue
            om = lg.org_matches.get(f"declarations:{did}")
            oid = text_of(r.get("org_id")) or (om[0] if om else None)
            if not oid or node_key("organization", oid) not in g:
                continue
            rel = text_of(r.get("relative_id"))
            holder = node_key("relative", rel) if rel else node_key("employee", text_of(r["employee_id"]) or "")
            if holder not in g:
                continue
            kind = text_of(r.get("kind")) or "other"
            position = text_of(r.get("position"))
            label = declaration_label(kind, position, status)
            add_link(holder, node_key("organization", oid), Link(
                kind="declaration", label=label, code="declaration",
                params=(("kind", kind), ("status", status), ("position", position)),
                lo=ordinal(r.get("valid_from"), NEG), hi=ordinal(r.get("valid_until"), POS),
                declared=True, evidence=(ds.cite("declarations", r["_line"]),),
                records=((f"declarations:{did}", digests("declarations", r)),),
                match=om[1] if om and not text_of(r.get("org_id")) else None, status=status,
            ))

        # in process, the officers are matched here, where they always were: before the
        # applicants, whose matching then finds the reference index it made
        done = None if officer_job.forked else officer_job.result()

        # applicants --------------------------------------------------------------------------
        # Applicants are not graph nodes and see none of it; their match rows come after the
        # officers' (put in their place below)
        mark = len(lg.matches)
        attach_applicants(ds, lg, policy, judgements, with_rejected=with_rejected,
                          identifiers=applicant_ids, shared=linking)
        del linking
        del applicant_ids
        clear_caches()  # matching is done: its memoised parses and indexes only hold memory now
        officers, officer_matches, officer_hashes = done or officer_job.result()
    lg.matches[mark:mark] = officer_matches  # where match_officers put them in process
    officers.ds, officers.kvk_to_org = ds, kvk_to_org  # (not pickled by the worker)
    if officer_hashes is not None and lg.digests.whole("officers") is None:
        lg.digests.keep("officers", officer_hashes)
    officers.add(lg)
    del officers
    mark_path_hubs(lg, policy.paths.max_identifier_degree)
    et = lg.make_table()
    # counted on the edge table: networkx counts edges by summing every node's degree
    lg.counts = {"nodes": len(et.nodes), "edges": len(et.edges),
                 "applicant_anchors": len(lg.anchor_index),
                 "identifier_hubs": len(lg.hubs), "person_matches": len(lg.matches),
                 "officer_people": int(np.count_nonzero(et.node_kind == "officer")),
                 "path_hubs": len(lg.path_hubs)}
    return lg


def matched_records(ds: Dataset, policy: Policy) -> list[PersonRecord]:
    """The person records a scan matches (employees, relatives, KvK officers, applicants),
    each key once, in the order the graph build makes them (``coi match weights``
    estimates its weights on them).

    Why collected from the build rather than rebuilt: :func:`build_graph` makes the
    officers' and applicants' records inside its steps; the graph is built once with
    ``collect``, so these are exactly the records a scan compares and can never drift
    from them."""
    collected: list[PersonRecord] = []
    build_graph(ds, policy, collect=collected)
    seen: dict[str, PersonRecord] = {}
    for r in collected:
        seen.setdefault(r.key, r)
    return list(seen.values())


def _column_codes(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, list[str | None]]:
    """A column as codes into its distinct cells, each read once as
    :func:`~coi_graph.links.text_of` reads it (a KvK extract repeats names, roles and
    organizations); a missing cell, and every cell of an absent column, has the last code,
    whose text is None.

    >>> codes, texts = _column_codes(pd.DataFrame({"x": [" a", None, "b", "a "]},
    ...                                           dtype="string"), "x")
    >>> [texts[c] for c in codes]
    ['a', None, 'b', 'a']
    """
    if name not in frame.columns:
        return np.zeros(len(frame), dtype=np.intp), [None]
    col = frame[name]
    if isinstance(col.dtype, pd.StringDtype):
        # factorised as the column is held (Arrow's dictionary encoding for Arrow text):
        # only the distinct cells become Python strings, not every row's
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        codes = np.asarray(codes)
        # each distinct cell is a str here (missing cells have no code): text_of's
        # ``strip() or None`` without its type tests
        texts = [u.strip() or None for u in np.asarray(uniques, dtype=object).tolist()]
    else:  # mixed cells (1 == 1.0 to a hash, but not as text): read cell by cell
        cells = np.asarray([text_of(v) for v in col.to_numpy(dtype=object)], dtype=object)
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        texts = list(uniques)
    codes = np.where(codes < 0, len(texts), codes)
    texts.append(None)
    return codes, texts


def _column_days(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A date column as day ordinals, 0 where missing: what :func:`frame_rows` gives a row
    (``ordinal(value, 0)`` of it), for the whole column."""
    if name not in frame.columns:
        return np.zeros(len(frame), dtype=np.int64)
    col = frame[name]
    if pd.api.types.is_datetime64_any_dtype(col):
        return day_ordinals(col)
    return np.fromiter((ordinal(v, 0) for v in col.to_numpy(dtype=object)), dtype=np.int64,
                       count=len(col))


def _rows_with(frame: pd.DataFrame, *names: str) -> np.ndarray:
    """The positions of the rows that hold a value (as text) in each of these columns."""
    keep = np.ones(len(frame), dtype=bool)
    for name in names:
        codes, texts = _column_codes(frame, name)
        keep &= np.array([t is not None for t in texts], dtype=bool)[codes]
    return np.flatnonzero(keep)


def _organization_nodes(orgs: pd.DataFrame
                        ) -> tuple[list[str], list[dict[str, Any]], dict[str, str]]:
    """The vendor master as nodes: each org_id's node key and attributes from its first row
    (rows without an org_id skipped), in order; and each KvK number's org_id, from the
    first row with both.  What a loop over the rows gave (:func:`_organization_nodes_plain`),
    decided on whole columns: which rows are first by ``duplicated``, a Python object only
    per node (50,000 vendors on a large corporation; the loop asked two dicts per row)."""
    oid, name, kvk, org_type = (_texts(orgs, c).to_numpy(dtype=object, na_value=None)
                                for c in ("org_id", "name", "kvk_number", "org_type"))
    has = np.fromiter(map(bool, oid), dtype=bool, count=len(oid))  # (None or '': skipped)
    firsts = np.flatnonzero(has & ~pd.Series(oid, dtype=object).duplicated().to_numpy())
    ids = oid[firsts].tolist()
    keys = ["organization:" + o for o in ids]  # node_key("organization", o)
    attrs = [{"kind": "organization", "ident": o, "label": n or o, "kvk": k, "org_type": t}
             for o, n, k, t in zip(ids, name[firsts].tolist(), kvk[firsts].tolist(),
                                   org_type[firsts].tolist())]
    rows = np.flatnonzero(has & np.fromiter(map(bool, kvk), dtype=bool, count=len(kvk)))
    kvks = pd.Series(kvk[rows], dtype=object)
    at = rows[~kvks.duplicated().to_numpy()]
    return keys, attrs, dict(zip(kvk[at].tolist(), oid[at].tolist()))


def _organization_nodes_plain(orgs: pd.DataFrame
                              ) -> tuple[list[str], list[dict[str, Any]], dict[str, str]]:
    """:func:`_organization_nodes` row by row (the reference form the tests compare with)."""
    kvk_to_org: dict[str, str] = {}
    columns = [_texts(orgs, c).to_numpy(dtype=object, na_value=None)
               for c in ("org_id", "name", "kvk_number", "org_type")]
    org_nodes: dict[str, dict[str, Any]] = {}  # the first row of each org_id counts
    for oid, name, kvk, org_type in zip(*columns):
        if not oid:
            continue
        key = node_key("organization", oid)
        if key not in org_nodes:
            org_nodes[key] = {"kind": "organization", "ident": oid, "label": name or oid,
                              "kvk": kvk, "org_type": org_type}
        if kvk and kvk not in kvk_to_org:
            kvk_to_org[kvk] = oid
    return list(org_nodes), list(org_nodes.values()), kvk_to_org


def _column_list(frame: pd.DataFrame, name: str, at: np.ndarray) -> list[str | None]:
    """The cells of one column at these rows as :func:`~coi_graph.links.text_of` reads
    them, each distinct cell read once."""
    codes, texts = _column_codes(frame, name)
    return np.asarray(texts, dtype=object)[codes[at]].tolist()


def _officer_shape(name: str) -> tuple[str, str, str]:
    """What the officer keys and nodes need of a name: the given names and surnames
    (:func:`_officer_record_key`), the folded display form (:func:`officer_person_ident`)
    and the form shown (the node's label, with a ``jr.``/``sr.``: ``PersonName.shown``)."""
    pn = parse_name(name)
    return " ".join(pn.given_names + pn.surnames), fold_text(pn.display), pn.shown


def _officer_shapes(names: list[str]) -> list[tuple[str, str, str]]:
    """:func:`_officer_shape` of each of many distinct names: the plain shapes (nine in ten
    officer names) from :func:`~coi_graph.normalise.names.plain_name_parts`, which decides
    them a word at a time and joins the strings by Arrow (33,005 distinct names on the
    ``large`` demo: about 0.07 s CPU instead of some 0.5 s through the parser one at a time),
    every other name through :func:`parse_name` as before."""
    return [got if got is not None else _officer_shape(name)
            for name, got in zip(names, plain_name_parts(names))]


def _first_codes(*columns: np.ndarray) -> np.ndarray:
    """Codes of the distinct combinations of equally long integer columns, numbered in the
    order they first appear (as a dict keyed by the tuples would number them).

    >>> _first_codes(np.array([5, 1, 5, 1]), np.array([0, 2, 0, 3])).tolist()
    [0, 1, 0, 2]
    """
    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for col in columns:  # one column at a time: the combined number stays below n * n
        col = np.asarray(col, dtype=np.int64)
        col = col - col.min() if len(col) else col
        codes = pd.factorize(codes * (int(col.max(initial=0)) + 1) + col)[0]
    return codes


def _officer_record_key(org_id: str, names: str, birth_iso: str, role: str | None) -> str:
    """Officers have no id: their stable key is organization + name (given names and
    surnames as parsed) + birth date (ISO, or empty) + role, so a judgement on an officer
    survives reordered rows.

    >>> _officer_record_key("O1", "Anna Bakker", "1970-01-02", "Bestuurder")
    'officers:865bfca0a5ed'
    """
    ident = "|".join([org_id, names, birth_iso, (role or "").lower()])
    return "officers:" + hashlib.sha256(ident.encode()).hexdigest()[:12]


def _officer_record_keys(org_ids: np.ndarray, names: np.ndarray, birth_iso: np.ndarray,
                         roles: np.ndarray) -> list[str]:
    """:func:`_officer_record_key` of many rows (object arrays of equal length; roles in
    lower case already): the strings hashed are joined for whole columns, only the hash is
    per row (100,000 rows in a large KvK extract).

    >>> _officer_record_keys(*(np.array([x], dtype=object) for x in
    ...                        ("O1", "Anna Bakker", "1970-01-02", "bestuurder")))
    ['officers:865bfca0a5ed']
    """
    if not len(org_ids):
        return []
    sha = hashlib.sha256
    # joined per row as Python strings: numpy's ``+`` on object arrays, a pass and an array
    # per ``+``, took four times as long
    return ["officers:" + sha((o + "|" + n + "|" + b + "|" + r).encode()).hexdigest()[:12]
            for o, n, b, r in zip(org_ids.tolist(), names.tolist(), birth_iso.tolist(),
                                  roles.tolist())]


def _numbered(keys: list[str]) -> list[str]:
    """Each key, with ``#2``, ``#3``, ... added where it is listed again (its first
    listing as it is): the same key for the same row in every scan, whatever comes after.

    >>> _numbered(["a", "b", "a", "a", "c"])
    ['a', 'b', 'a#2', 'a#3', 'c']
    """
    out = list(keys)
    if len(set(keys)) == len(keys):  # each listed once (the usual extract): a set says so
        return out
    repeated = pd.Series(np.array(keys, dtype=object)).duplicated(keep=False).to_numpy()
    seen: dict[str, int] = {}
    for j in np.flatnonzero(repeated).tolist():  # only the keys listed more than once
        k = keys[j]
        c = seen[k] = seen.get(k, 0) + 1
        if c > 1:
            out[j] = f"{k}#{c}"
    return out


#: the table of an employee's or relative's node (its ``line`` is the row it was made from)
_PERSON_TABLES = {"employee": "employees", "relative": "relatives"}


def person_cite(ds: Dataset, g: nx.MultiGraph, key: str) -> tuple[str, ...]:
    """The row behind an employee or relative node as evidence cites it (``employees:LINE``),
    for a match link: a match relies on both records it compared, so both rows are cited
    (the officer's or applicant's row and this one); empty for another node.

    >>> from pathlib import Path
    >>> ds, g = Dataset(Path("."), {}), nx.MultiGraph()
    >>> g.add_node("employee:E1", kind="employee", line=3)
    >>> person_cite(ds, g, "employee:E1"), person_cite(ds, g, "organization:O1")
    (('employees:3',), ())
    """
    node = g.nodes.get(key) or {}
    table = _PERSON_TABLES.get(node.get("kind", ""))
    line = node.get("line")
    return (ds.cite(table, int(line)),) if table and line is not None else ()


def _period_keys(keys: list[str], lows: np.ndarray, highs: np.ndarray) -> list[str]:
    """The record keys of officer rows as their links hold them: each key as it is, except
    where one person's role at one organization is listed for more than one period (a
    director who left and came back, one row per period; or rows that differ only in a
    remark): those rows are told apart by their period (``KEY@FROM-UNTIL``, day numbers, 0
    for an open end), the earliest period keeping the bare key.  Without this the rows
    shared one link id, and the row read last replaced the other's link: its period, and
    the findings in it, were lost.  By period, not by place in the file: a reordered extract
    gives each row the same key.  Rows alike in their period too are one fact listed twice:
    they keep sharing a key (one link, as before; not a finding per copy).

    >>> _period_keys(["a", "b", "a", "a"], np.array([9, 1, 5, 5]), np.array([0, 0, 7, 7]))
    ['a@9-0', 'b', 'a', 'a']
    """
    if len(set(keys)) == len(keys):  # each listed once (the usual extract)
        return list(keys)
    out = list(keys)
    repeated = pd.Series(np.array(keys, dtype=object)).duplicated(keep=False).to_numpy()
    periods: dict[str, tuple[int, int]] = {}  # each repeated key's earliest period
    for j in np.flatnonzero(repeated).tolist():
        period = (int(lows[j]), int(highs[j]))
        periods[keys[j]] = min(periods.get(keys[j], period), period)
    for j in np.flatnonzero(repeated).tolist():
        period = (int(lows[j]), int(highs[j]))
        if period != periods[keys[j]]:
            out[j] = f"{keys[j]}@{period[0]}-{period[1]}"
    return out


def officer_person_ident(r: dict[str, Any]) -> str:
    """The id of the person node of an officer who matches no employee or relative.

    One node per person across organizations: the same normalised name and the same birth
    date are one person, whatever organization lists them.  Without a birth date the name
    alone is not a person (two "J. de Vries" at two suppliers are most likely two people,
    and joining them would tie the two suppliers together), so such an officer gets a node
    per organization.

    >>> a = officer_person_ident({"name": "Bakker, A.", "birth_date": None, "org_id": "O1"})
    >>> a == officer_person_ident({"name": "A. Bakker", "birth_date": None, "org_id": "O1"})
    True
    >>> a == officer_person_ident({"name": "A. Bakker", "birth_date": None, "org_id": "O2"})
    False
    """
    name = fold_text(parse_name(text_of(r.get("name")) or "").display)
    bd = date_of(r.get("birth_date"))
    return _person_ident(name, bd.isoformat() if bd else "", text_of(r.get("org_id")) or "")


def _person_idents(folded: np.ndarray, birth_iso: np.ndarray, org_ids: np.ndarray
                   ) -> list[str]:
    """:func:`_person_ident` of many officers at once (object arrays of equal length): the
    strings hashed are joined for the whole column, only the hash is per person (77,000
    officer persons on a large corporation's suppliers).

    >>> _person_idents(np.array(["a b", "a b"], dtype=object), np.array(["1970-01-02", ""],
    ...                dtype=object), np.array(["O1", "O2"], dtype=object)) == [
    ...     _person_ident("a b", "1970-01-02", "O1"), _person_ident("a b", "", "O2")]
    True
    """
    if not len(folded):
        return []
    sha = hashlib.sha256
    # joined per row as Python strings (numpy's ``+`` and ``where`` on object arrays made
    # both forms for every row, at four times the cost)
    return ["K" + sha((f + "|" + b if b else f + "||" + o).encode()).hexdigest()[:12]
            for f, b, o in zip(folded.tolist(), birth_iso.tolist(), org_ids.tolist())]


def _person_ident(folded_display: str, birth_iso: str, org_id: str) -> str:
    """:func:`officer_person_ident` from its parts (the folded display name, the birth
    date in ISO form or empty, the organization)."""
    basis = (f"{folded_display}|{birth_iso}" if birth_iso
             else f"{folded_display}||{org_id}")
    return "K" + hashlib.sha256(basis.encode()).hexdigest()[:12]


def add_officers(ds: Dataset, lg: LinkGraph, policy: Policy, kvk_to_org: Mapping[str, str],
                 judgements: Mapping[str, Judgement] | None = None, *,
                 with_rejected: bool = False) -> None:
    """The KvK extract as nodes and links.

    * An officer matched to an employee or relative (name + birth date, ...) is an officer
      link from that person to the organization, carrying the match: one node per person,
      so the match costs no extra link of ``paths.max_links``.
    * Every other officer is a person node (kind ``officer``, see
      :func:`officer_person_ident`) with an officer link to the organization: two suppliers
      with one director share that node.
    * An officer that is itself an organization (``officer_kvk_number``: a holding as
      shareholder or director) is an officer link between the two organizations; a holding
      not in the vendor master becomes an organization node ``organization:kvk:NUMBER``
      named as the extract names it.

    Every link is dated by the row's ``valid_from``/``valid_until`` and sourced
    (``officers:LINE``).

    Read from whole columns (each distinct name parsed once, each distinct cell read once):
    the extract has a row per officer role, about 100,000 on a large corporation's
    suppliers; the person ids are those :func:`officer_person_ident` gives row by row.

    In two halves: :func:`match_officers` (which rows, their keys, matching) and
    :meth:`_OfficerRows.add` (nodes and links); :func:`build_graph` runs the second once
    all matching is done and its caches are freed, so the graph's 100,000 links are not
    allocated beside them.
    """
    match_officers(ds, lg, policy, kvk_to_org, judgements, with_rejected=with_rejected).add(lg)


def match_officers(ds: Dataset, lg: LinkGraph, policy: Policy, kvk_to_org: Mapping[str, str],
                   judgements: Mapping[str, Judgement] | None = None, *,
                   with_rejected: bool = False,
                   matches: list[dict[str, Any]] | None = None) -> _OfficerRows:
    """The first half of :func:`add_officers`: the officer rows that make a link, their
    record keys, and which of them are employees or relatives (matched, with the match
    rows added to ``matches``, default ``lg.matches``); nothing is added to the graph yet.

    Columnar: each column is read as codes into its distinct cells, each distinct name is
    parsed once, each distinct organization looked up once; per row only what differs per
    row is built (the record key), and a match record only for an officer who may be an
    employee or relative (:func:`~coi_graph.match.records.match_columns`)."""
    out = lg.matches if matches is None else matches  # where the match rows go

    g = lg.g
    rj = {"with_rejected": with_rejected}
    f = ds.frame("officers")
    org_c, org_t = _column_codes(f, "org_id")
    kvk_c, kvk_t = _column_codes(f, "kvk_number")
    name_c, name_t = _column_codes(f, "name")
    shown_roles = _roles_with_remarks(f)
    role_c, role_t = _column_codes(shown_roles, "role")
    # the role as the record key holds it: the role alone, never its remark (a note such as
    # 'vanaf 2020' or 'gevolmachtigde' is no part of which role it is; with the remark in
    # the key, rewording it changed the officer's findings' ids); read again only when
    # some row has a remark
    code_c, code_t = (role_c, role_t) if shown_roles is f else _column_codes(f, "role")
    hold_c, hold_t = _column_codes(f, "officer_kvk_number")
    # each row's organization: its org_id, else the vendor master's for its KvK number
    has_org = np.array([t is not None for t in org_t], dtype=bool)[org_c]
    by_kvk = np.array([kvk_to_org.get(k) if k else None for k in kvk_t], dtype=object)
    oid = np.where(has_org, np.array(org_t, dtype=object)[org_c], by_kvk[kvk_c])
    named = np.array([t is not None for t in name_t], dtype=bool)
    holdings = _holding_officers(oid, kvk_c, kvk_t, hold_c, hold_t, named[name_c])
    if holdings:
        oid = oid.copy()
        for k, rows in holdings.items():
            oid[rows] = f"kvk:{k}"
    oid_c, org_ids = pd.factorize(oid, use_na_sentinel=True)  # no organization: -1
    org_ids = org_ids.tolist()
    org_key = [node_key("organization", o) for o in org_ids]  # one per organization
    # the rows that make a link: a name, and an organization that is a node (looked up by
    # the node dict's own ``in``, no Graph.__contains__ call per organization), or a
    # holding whose extract-only node :meth:`_OfficerRows.add` makes
    made = {node_key("organization", f"kvk:{k}") for k in holdings}
    is_node = np.array([*(k in g._node or k in made for k in org_key), False], dtype=bool)
    at = np.flatnonzero(is_node[oid_c] & named[name_c])
    if not len(at):
        none, no = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        return _OfficerRows(ds, kvk_to_org, none, none, [], [], none, [], none, [], none, [],
                            none, [], none, [], none, none, none, [], no, no, [])
    oid_c, name_c, role_c, hold_c = oid_c[at], name_c[at], role_c[at], hold_c[at]
    code_c = code_c[at]
    births = _column_days(f, "birth_date")[at]
    lines = f["_line"].to_numpy()[at]
    # per distinct name, birth date and role, once
    name_u, name_of = np.unique(name_c, return_inverse=True)
    shapes = _officer_shapes([name_t[c] for c in name_u.tolist()])  # type: ignore[misc]
    day_u, day_of = np.unique(births, return_inverse=True)
    dates = [date_of(d) for d in day_u.tolist()]
    iso = [d.isoformat() if d else "" for d in dates]
    role_low = [(r or "").lower() for r in code_t]
    records = _officer_record_keys(np.array(org_ids, dtype=object)[oid_c],
                                   np.array([s[0] for s in shapes], dtype=object)[name_of],
                                   np.array(iso, dtype=object)[day_of],
                                   np.array(role_low, dtype=object)[code_c])
    keys = _numbered(records)  # the probe keys: '#2', '#3' for a row listed again
    valid_lo, valid_hi = _column_days(f, "valid_from")[at], _column_days(f, "valid_until")[at]
    link_records = _period_keys(records, valid_lo, valid_hi)
    is_org = np.array([t is not None for t in hold_t], dtype=bool)[hold_c]  # organizations
    # the officers who are people matched as columns: a record only for those who may
    # meet an employee or relative (some 4,000 of 96,000 on a large corporation's suppliers)
    people = np.flatnonzero(~is_org)
    if lg.collected is not None:  # every officer who is a person, not only the candidates
        lg.collected += _officer_probes(people, keys, name_t, name_c, dates, day_of)
    matches = match_columns(
        np.array(keys, dtype=object)[people].tolist(),
        np.array(name_t, dtype=object)[name_c[people]].tolist(),
        np.array(dates, dtype=object)[day_of[people]].tolist(),
        lambda rows: _officer_probes(people[rows], keys, name_t, name_c, dates, day_of),
        lg.people, policy.matching, judgements, **rj)

    matched = np.zeros(len(at), dtype=bool)  # the rows linked as an employee or relative
    linked: list[tuple[int, Match]] = []  # (kept row, match) per officer found to be a person
    if matches:
        row_of = dict(zip(keys, range(len(keys))))
        for m in matches:
            if m.reference not in g:
                continue
            j = row_of[m.probe]
            if m.band == "rejected":
                out.append(_match_row("officer", records[j], m))
                continue
            matched[j] = True
            linked.append((j, m))
            out.append(_match_row("officer", ds.cite("officers", lines[j]), m))
        del row_of

    return _OfficerRows(ds, kvk_to_org, at, lines, org_ids, org_key, oid_c, name_t, name_c,
                        shapes, name_of, role_t, role_c, hold_t, hold_c, iso, day_of,
                        valid_lo, valid_hi, link_records, is_org, matched, linked)


def _roles_with_remarks(f: pd.DataFrame) -> pd.DataFrame:
    """``f``, or (when ingest read a remark after a known role: ``Bestuurder
    (gevolmachtigde)``, see :mod:`ingest.officer_roles`) a frame whose ``role`` is the
    role with its remark in brackets, ``bestuurder (gevolmachtigde)``: the link shows the
    remark as the extract wrote it.  Only the link's label: the officer's record key is made
    from the role alone (a remark is no part of which role it is)."""
    if "role_remark" not in f.columns or not f["role_remark"].notna().any():
        return f
    remark = f["role_remark"]
    both = f["role"].astype("str") + " (" + remark.astype("str") + ")"
    return pd.DataFrame({"role": both.where(remark.notna(), f["role"]).astype("str")},
                        index=f.index)


def _holding_officers(oid: np.ndarray, kvk_c: np.ndarray, kvk_t: list[str | None],
                      hold_c: np.ndarray, hold_t: list[str | None], named: np.ndarray
                      ) -> dict[str, np.ndarray]:
    """The officer rows of holdings the extract itself introduces, by the holding's KvK
    number: rows with no organization (``oid`` None: no org_id, and a ``kvk_number`` not
    in the vendor master) whose ``kvk_number`` is the ``officer_kvk_number`` of a named
    row.  Their organization is the holding's extract-only node ``organization:kvk:NNN``,
    the one :meth:`_OfficerRows.add` makes for the holding, so "director of the holding
    that owns the supplier" is a path.  Which of these rows stand is ingest's decision
    (``ingest.references._holding_rows`` follows the chain of holdings up to a supplier and
    refuses the rest), so one look-up suffices here.  Empty (and no work past a mask) when
    every row has an organization, as in an extract of suppliers only."""
    free = np.equal(oid, None).astype(bool)  # (2.9 ms on 96,000 rows; a list 10 ms)
    if not free.any():
        return {}
    free_kvk = np.array([k is not None for k in kvk_t], dtype=bool)[kvk_c] & free
    if not free_kvk.any():
        return {}
    holds = {hold_t[c] for c in hold_c[named].tolist()} - {None}
    rows = free_kvk & np.array([k in holds for k in kvk_t], dtype=bool)[kvk_c]
    texts = np.array(kvk_t, dtype=object)[kvk_c]
    return {k: np.flatnonzero(rows & (texts == k)) for k in sorted(set(texts[rows].tolist()))}


def _pack(texts: list[str]) -> tuple[int, str | list[str]]:
    """A list of strings as one string, when none holds a line break (one pickled object
    instead of 100,000; :func:`_unpack` splits it again); else the list as it is.

    >>> _pack(["a", "b"]), _pack([]), _pack(["a\\nb"])
    ((2, 'a\\nb'), (0, ''), (1, ['a\\nb']))
    >>> [_unpack(_pack(x)) for x in (["a", "b"], [], [""], ["a\\nb"])]
    [['a', 'b'], [], [''], ['a\\nb']]
    """
    if not all(type(t) is str for t in texts):
        return len(texts), texts
    joined = "\n".join(texts)
    if joined.count("\n") != max(len(texts) - 1, 0):
        return len(texts), texts
    return len(texts), joined


def _unpack(packed: tuple[int, str | list[str]]) -> list[str]:
    """The list :func:`_pack` was given."""
    n, value = packed
    if isinstance(value, list):
        return value
    return value.split("\n") if n else []


#: KvK extract rows from which :func:`build_graph` works out the officers in a forked worker
#: (:mod:`.beside`): below it the fork, the pickled columns and the reference index the
#: worker makes for itself cost about what the second core gains (``medium``: 5,700 rows)
FORK_MIN_OFFICERS = 20_000


def _cores() -> int:
    """The CPUs this process may run on (its affinity where the platform says, else the
    machine's): with one, a worker beside the build only adds its overhead."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _spare_core() -> bool:
    """Whether a second CPU is likely free for the worker: two or more to run on, and a
    1-minute load average below their number less a half (this process counts one).
    Why: on a busy machine (a shared server, a CI run) the worker gets no core of its own,
    and its overhead (the fork's copied pages, the pickled columns, parts of the reference
    index made in both processes: about 1.5 s CPU on ``large``) is paid with nothing
    gained; measured at load 11-14 on two cores the build took 20.8 s in wall time forked,
    16.9 s in one process.  Only speed depends on it: the graph is the same either way."""
    cores = _cores()
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not known here: assume the cores are there
        return True
    return load < cores - 0.5


def _officers_apart(ds: Dataset, lg: LinkGraph, policy: Policy, kvk_to_org: Mapping[str, str],
                    judgements: Mapping[str, Judgement] | None, *, with_rejected: bool,
                    prepare: bool) -> tuple[_OfficerRows, list[dict[str, Any]], np.ndarray | None]:
    """The officers' part of :func:`build_graph` that needs only the people's records and
    the nodes made so far, as the forked worker runs it: :func:`match_officers` (its match
    rows returned, not added to ``lg.matches``), with ``prepare`` the graph-free columns of
    :meth:`_OfficerRows.prepare` too, and the officers' row hashes if they were made (the
    parent keeps them, as if the work had been done in process).  Nothing of ``lg`` is
    changed but its digests' cache; with ``prepare`` (in the worker) matching's caches are
    cleared once it is done."""
    rows: list[dict[str, Any]] = []
    officers = match_officers(ds, lg, policy, kvk_to_org, judgements,
                              with_rejected=with_rejected, matches=rows)
    if prepare:
        # in the worker: its matching is done, and what the caches hold (parsed names,
        # blocking keys: some 50 MiB of its own on a large extract) is given back to its
        # allocator for the columns and the pickling below, beside the parent's memory
        clear_caches()
        officers.prepare(lg.digests)
    return officers, rows, lg.digests.whole("officers")


def _probe_tail() -> dict[str, None] | None:
    """What :func:`_officer_probes` puts in a record's ``__dict__`` after its key, name and
    birth date (every other field of :class:`PersonRecord`, None for an officer, in field
    order), or None when a record cannot be made that way: fields in another order, a
    ``__post_init__`` (it would be skipped), an ``__init__`` of its own (the one dataclasses
    writes is compiled from text: its code's file is ``<string>``), slots (no ``__dict__``),
    a field past the birth date that ``__init__`` does not take or whose default is not
    None.  (Matching owns the class; this keeps a change there from being skipped silently
    here.)"""
    fs = fields(PersonRecord)
    names = [f.name for f in fs]
    if (names[:3] != ["key", "name", "birth_date"] or hasattr(PersonRecord, "__post_init__")
            or getattr(PersonRecord.__init__, "__code__", None) is None
            or PersonRecord.__init__.__code__.co_filename != "<string>"
            or hasattr(PersonRecord, "__slots__")
            or not all(f.init and f.default in (None, MISSING) and f.default_factory is MISSING
                       for f in fs)):
        return None
    return dict.fromkeys(names[3:])


_PROBE_TAIL = _probe_tail()
#: The fields matching reads as columns (``records.probe_columns``): not ``birth_year``,
#: which it reads from the records (few have one)
_PROBE_COLUMN_FIELDS = frozenset(("key", "name", "birth_date", "address_key", "street_city",
                                  "iban", "email", "phone"))
#: The fields of a match record, in order (as ``PersonRecord`` takes them positionally).
_PROBE_FIELDS = tuple(f.name for f in fields(PersonRecord))


#: :class:`PersonRecord`'s fields as :func:`_person_records` fills them.
_RECORD_FIELDS = ("key", "name", "birth_date", "address_key", "street_city", "iban", "email",
                  "phone", "birth_year")


def _person_records(columns: Sequence[list[Any]]) -> list[PersonRecord]:
    """``list(map(PersonRecord, *columns))`` for a column per field of
    :class:`PersonRecord`, in field order (the applicants' 40,000 match records, the
    employees' and relatives'): each record made without the frozen dataclass's
    ``__init__`` (an ``object.__setattr__`` per field, eight of them), its ``__dict__``
    filled with the same fields in the same order, a dict display per record, as
    :func:`_officer_probes` makes the officers' (1.5 -> 0.9 us a record).  Equal to the
    records the class makes, hashing alike; the class is called as before when it could
    not be made that way (see :func:`_probe_tail`) or has other fields.  The last field,
    ``birth_year``, may be left out (eight columns): it is then None, as the class sets it.

    >>> _person_records([["k"], ["A"], [None], [None], [None], [None], [None], ["06"]])
    [PersonRecord(key='k', name='A', birth_date=None, address_key=None, street_city=None, iban=None, email=None, phone='06', birth_year=None)]
    """
    if _PROBE_TAIL is None or _PROBE_FIELDS != _RECORD_FIELDS or len(columns) not in (8, 9):
        return list(map(PersonRecord, *columns))
    n = len(columns[0])
    if any(len(c) != n for c in columns):  # as map would: stop at the shortest
        n = min(map(len, columns))
        columns = [c[:n] for c in columns]
    records = list(map(object.__new__, repeat(PersonRecord, n)))
    if len(columns) == 9:  # a birth year where only the year is known
        fill = [{"key": k, "name": nm, "birth_date": b, "address_key": a, "street_city": sc,
                 "iban": i, "email": e, "phone": ph, "birth_year": y}
                for k, nm, b, a, sc, i, e, ph, y in zip(*columns)]
    else:
        fill = [{"key": k, "name": nm, "birth_date": b, "address_key": a, "street_city": sc,
                 "iban": i, "email": e, "phone": ph, "birth_year": None}
                for k, nm, b, a, sc, i, e, ph in zip(*columns)]
    deque(map(object.__setattr__, records, repeat("__dict__"), fill), maxlen=0)
    return records


def _officer_probes(people: np.ndarray, keys: list[str], name_t: list[str | None],
                    name_c: np.ndarray, dates: list[Any], day_of: np.ndarray
                    ) -> list[PersonRecord]:
    """The match records of the officer rows ``people`` (positions among the kept rows):
    ``PersonRecord(keys[j], name_t[name_c[j]], dates[day_of[j]], None)`` for each, in
    order.  The columns are taken for those rows as arrays; each record is made without the
    frozen dataclass's ``__init__`` (an ``object.__setattr__`` per field, eight of them):
    its ``__dict__`` is filled with the same fields in the same order, a dict display per
    record (0.13 -> 0.08 s for a KvK extract's 96,000 rows).  A :class:`PersonRecord` that
    could not be made that way (see :func:`_probe_tail`) is called as before.

    >>> _officer_probes(np.array([1]), ["k0", "k1"], ["A", "B"], np.array([0, 1]),
    ...                 [None, "d"], np.array([0, 1]))
    [PersonRecord(key='k1', name='B', birth_date='d', address_key=None, street_city=None, iban=None, email=None, phone=None, birth_year=None)]
    """
    people = np.asarray(people, dtype=np.intp)
    columns = (np.array(keys, dtype=object)[people].tolist(),
               np.array(name_t, dtype=object)[name_c[people]].tolist(),
               np.array(dates, dtype=object)[day_of[people]].tolist())
    tail = _PROBE_TAIL
    if tail is None:
        records = list(map(PersonRecord, *columns, repeat(None, len(people))))
    else:
        records = list(map(object.__new__, repeat(PersonRecord, len(people))))
        fill = [{"key": k, "name": n, "birth_date": b, **tail} for k, n, b in zip(*columns)]
        deque(map(object.__setattr__, records, repeat("__dict__"), fill), maxlen=0)
    # matching reads the records' fields from these columns (every field past the birth
    # date None, when the records were made with ``tail``), not back from 96,000 records
    # one field at a time
    probe_columns(records, key=columns[0], name=columns[1], birth_date=columns[2],
                  **({} if tail is None else dict.fromkeys(
                      k for k in tail if k in _PROBE_COLUMN_FIELDS)))
    return records


@dataclass
class _OfficerRows:
    """The officer rows kept by :func:`match_officers` (``j`` indexes them; ``at[j]`` is
    the row's position in the extract) and what matching said, until :meth:`add` makes the
    nodes and links.  Columns as codes into their distinct values (``*_c``, ``*_of``)."""

    ds: Dataset
    kvk_to_org: Mapping[str, str]
    at: np.ndarray
    lines: np.ndarray
    org_ids: list[str]        # distinct organizations, by oid_c
    org_key: list[str]        # their node keys, by oid_c
    oid_c: np.ndarray
    name_t: list[str | None]  # distinct names as written, by name_c
    name_c: np.ndarray
    shapes: list[tuple[str, str, str]]  # per distinct name (_officer_shape), by name_of
    name_of: np.ndarray
    role_t: list[str | None]
    role_c: np.ndarray
    hold_t: list[str | None]  # officer_kvk_number
    hold_c: np.ndarray
    iso: list[str]            # distinct birth dates (ISO, or empty), by day_of
    day_of: np.ndarray
    lows: np.ndarray
    highs: np.ndarray
    records: list[str]
    is_org: np.ndarray        # officers that are organizations
    matched: np.ndarray       # the rows linked as an employee or relative
    linked: list[tuple[int, Match]]

    #: what :meth:`prepare` worked out for :meth:`add` (None until then)
    ready: dict[str, Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (by the forked build worker, :func:`_officers_apart`) without the dataset
        and the KvK look-up (the parent has both and puts them back) and, once
        :meth:`prepare` ran, compact: what only it reads is left out, the columns of
        100,000 strings go as one string each (:func:`_pack`), and what the parent makes
        again in a few milliseconds from what it gets (node keys, link ends, the rows'
        record keys) is not sent.  Pickling a string per row cost the worker 0.3 s."""
        state = self.__dict__.copy()
        state["ds"] = state["kvk_to_org"] = None
        ready = state["ready"]
        if ready is None:
            return state
        for name in ("at", "shapes", "iso", "name_of", "day_of"):
            state[name] = None  # read by prepare only
        state["records"] = _pack(state["records"])
        state["ready"] = {"cites": _pack(ready["cites"]), "digests": _pack(ready["digests"]),
                          "rest": ready["rest"], "person_of": ready["person_of"],
                          "idents": _pack(ready["idents"]), "labels": _pack(ready["labels"]),
                          "births": ready["births"], "keys": _pack(ready["keys"])}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """What :meth:`__getstate__` left out made again (the dataset and the KvK look-up
        excepted: the caller puts them back)."""
        self.__dict__.update(state)
        self.records = _unpack(self.records)
        ready = self.ready
        if ready is None:
            return
        for name in ("cites", "digests", "idents", "labels", "keys"):
            ready[name] = _unpack(ready[name])
        nodes = ready["nodes"] = ["officer:" + i for i in ready["idents"]]
        rest = ready["rest"]
        ready["ends"] = np.array(nodes, dtype=object)[ready["person_of"]].tolist()
        ready["orgs"] = np.array(self.org_key, dtype=object)[self.oid_c[rest]].tolist()
        ready["records"] = np.array(self.records, dtype=object)[rest].tolist()

    def prepare(self, row_digests: RowDigests) -> dict[str, Any]:
        """What :meth:`add` needs that does not depend on the graph: per row the citation
        and digest; the person nodes of the officers who match no one (ids, labels, birth
        dates, in row order) and per such row its person, organization, record key and
        link id.  The SHA-256 of 77,000 person ids and 96,000 link ids are here, so a
        forked worker can do them beside the parent's matching and hand back columns.
        Kept as :attr:`ready` (and returned)."""
        ds, records, shapes, iso = self.ds, self.records, self.shapes, self.iso
        # per row from whole columns: the citation and the row's digest
        cites = cite_rows(ds, "officers", self.lines)
        digests = row_digests.many("officers", self.at)
        # every other officer a person node (in row order, as officer_person_ident names it)
        # and a link to the organization: one person per (folded name, birth date) and, without
        # a birth date, per organization; the ids hashed per distinct person, the link ids in
        # one pass
        rest = np.flatnonzero(~self.is_org & ~self.matched)
        fold_c = pd.factorize(np.array([s[1] for s in shapes], dtype=object))[0]
        day_of = self.day_of[rest]
        dated = np.array([bool(b) for b in iso], dtype=bool)[day_of]
        person_of = _first_codes(fold_c[self.name_of[rest]], day_of,
                                 np.where(dated, -1, self.oid_c[rest]))
        firsts = rest[np.unique(person_of, return_index=True)[1]]  # each person's first row
        idents = _person_idents(
            np.array([s[1] for s in shapes], dtype=object)[self.name_of[firsts]],
            np.array(iso, dtype=object)[self.day_of[firsts]],
            np.array(self.org_ids, dtype=object)[self.oid_c[firsts]])
        nodes = ["officer:" + i for i in idents]  # node_key("officer", ident)
        labels = np.array([s[2] for s in shapes], dtype=object)[self.name_of[firsts]]
        if not all(labels):  # a name whose display form is empty: the name as written
            written = np.array(self.name_t, dtype=object)[self.name_c[firsts]]
            labels = np.where(labels.astype(bool), labels, written)
        births = np.array([b or None for b in iso], dtype=object)[self.day_of[firsts]]
        ends = np.array(nodes, dtype=object)[person_of].tolist()
        orgs = np.array(self.org_key, dtype=object)[self.oid_c[rest]].tolist()
        rest_records = np.array(records, dtype=object)[rest].tolist()
        self.ready = {"cites": cites, "digests": digests, "rest": rest, "nodes": nodes,
                      "person_of": person_of, "idents": idents, "labels": labels.tolist(), "births": births.tolist(),
                      "ends": ends, "orgs": orgs, "records": rest_records,
                      "keys": link_ids("officer", "officer", ends, orgs, rest_records)}
        return self.ready

    def add(self, lg: LinkGraph) -> None:
        """The second half of :func:`add_officers`: the nodes and links, in row order."""
        ready = self.ready if self.ready is not None else self.prepare(lg.digests)
        self.ready = None
        records, cites, digests = self.records, ready["cites"], ready["digests"]
        g = lg.g
        org_key = self.org_key
        oid_c = self.oid_c.tolist()
        # what every officer link carries: the citation, the row's digest, the validity;
        # label and params once per role (a few dozen), not once per row
        shown = [(f"{role or 'functie'}, KvK", (("role", role),)) for role in self.role_t]
        role_c = self.role_c.tolist()
        # a missing date (day 0) is an open end
        lo_a = np.where(self.lows != 0, self.lows, NEG)
        hi_a = np.where(self.highs != 0, self.highs, POS)
        lows, highs = lo_a.tolist(), hi_a.tolist()

        def officer_link(j: int, match: MatchInfo | None = None) -> Link:
            text = shown[role_c[j]]
            return Link("officer", text[0], lows[j], highs[j], False, (cites[j],),
                        ((records[j], digests[j]),), match, None, "officer", text[1])

        self._add_holdings(g)
        add = lg.add_edge
        for j, m in self.linked:
            org = org_key[oid_c[j]]
            link = officer_link(j, match_info(m))
            # the match relied on the employee's or relative's row as much as the officer's
            link = replace(link, evidence=link.evidence + person_cite(self.ds, g, m.reference))
            add(m.reference, org, link_id(m.reference, org, link), link)
        # the person nodes, in row order; added before their links: the same graph as
        # adding each in turn
        add_new_nodes(g, ready["nodes"], [
            {"kind": "officer", "ident": i, "label": label, "birth_date": b}
            for i, label, b in zip(ready["idents"], ready["labels"], ready["births"])])
        rest = ready["rest"]
        texts = np.array([t for t, _ in shown], dtype=object)
        params = np.empty(len(shown), dtype=object)  # a tuple per role, not a 2-d array
        for i, (_, p) in enumerate(shown):
            params[i] = p
        role_r = self.role_c[rest]
        # made a field at a time (make_links), the one-tuples by zip: a frozen dataclass's
        # __init__ per row cost more than twice as much
        links = make_links(len(rest), {
            "label": texts[role_r].tolist(), "params": params[role_r].tolist(),
            "lo": lo_a[rest].tolist(), "hi": hi_a[rest].tolist(),
            "evidence": list(zip(np.array(cites, dtype=object)[rest].tolist())),
            "records": list(zip(zip(ready["records"],
                                    np.array(digests, dtype=object)[rest].tolist())))},
            kind="officer", code="officer")
        lg.add_edges(ready["ends"], ready["orgs"], ready["keys"], links)
        del ready, rest, links
        hold_t, hold_c, name_c = self.hold_t, self.hold_c.tolist(), self.name_c.tolist()
        for j in np.flatnonzero(self.is_org).tolist():
            okvk = hold_t[hold_c[j]] or ""
            holder_id = self.kvk_to_org.get(okvk) or f"kvk:{okvk}"
            holder = node_key("organization", holder_id)
            org = org_key[oid_c[j]]
            if holder == org:
                continue  # an organization listed as its own officer says nothing
            if holder not in g:
                g.add_node(holder, kind="organization", ident=holder_id,
                           label=self.name_t[name_c[j]] or okvk, kvk=okvk, org_type=None,
                           extract_only=True)
            # whose officer is whom, in the label: a path may run either way along the link
            base = officer_link(j)
            link = replace(base, label=f"{base.label.split(',')[0]} van {g.nodes[org]['label']}, KvK",
                           code="officer_of",
                           params=(*base.params, ("organization", g.nodes[org]["label"])))
            add(holder, org, link_id(holder, org, link), link, officer=holder)

    def _add_holdings(self, g: nx.MultiGraph) -> None:
        """The extract-only nodes of the holdings that have officer rows of their own (see
        :func:`_holding_officers`), made before any link to them, with the attributes the
        holding links at the end of :meth:`add` would give them (the first row, in row
        order, that names the holding as officer of another organization); nothing when
        the extract lists no holding's officers."""
        org_key = self.org_key
        wanted = {k for k, o in zip(org_key, self.org_ids)
                  if o.startswith("kvk:") and k not in g}
        if not wanted:
            return
        hold_t, hold_c, name_c, oid_c = self.hold_t, self.hold_c, self.name_c, self.oid_c
        for j in np.flatnonzero(self.is_org).tolist():
            okvk = hold_t[hold_c[j]] or ""
            holder_id = self.kvk_to_org.get(okvk) or f"kvk:{okvk}"
            holder = node_key("organization", holder_id)
            if holder in wanted and holder != org_key[oid_c[j]] and holder not in g:
                g.add_node(holder, kind="organization", ident=holder_id,
                           label=self.name_t[name_c[j]] or okvk, kvk=okvk, org_type=None,
                           extract_only=True)


def mark_path_hubs(lg: LinkGraph, limit: int) -> None:
    """Mark organizations and KvK officer persons with more than ``limit`` officer links
    (distinct other ends) as hubs: a path ends there instead of passing through (a trust
    office directing hundreds of companies ties nothing together).  The same cut-off as for
    shared identifiers; run.json counts them (``path_hubs``).

    Only the neighbours of organizations and officer persons are looked at (not every
    link of the graph), and only while they could still pass the cut-off."""
    g = lg.g
    nodes = g.nodes
    for node, nbrs in g.adjacency():
        if len(nbrs) <= limit or nodes[node].get("kind") not in ("organization", "officer"):
            continue  # fewer neighbours than the cut-off: fewer officer ends too
        ends = sum(1 for keyed in nbrs.values()
                   if any(d["link"].kind == "officer" for d in keyed.values()))
        if ends > limit:
            nodes[node]["hub"] = ends
            lg.path_hubs[node] = ends


def declaration_label(kind: str, position: str | None, status: str) -> str:
    """How a declaration reads on an evidence path (Dutch, as the register speaks).

    >>> declaration_label("financial_interest", "aandeelhouder", "approved")
    'aandeelhouder (financieel belang, goedgekeurd)'
    >>> declaration_label("side_function", None, "pending")
    'nevenfunctie (in behandeling)'
    """
    from ..labels import declaration_text  # the one vocabulary, Dutch and English

    return declaration_text(kind, position, status, "nl")


#: The probe kind of an allocation's co-applicant (``co_applicant:DECISION_ID``); a match
#: of it is anchored to the decision's applicant node, its link marked ``as`` co-applicant.
CO_APPLICANT = "co_applicant"


def attach_applicants(ds: Dataset, lg: LinkGraph, policy: Policy,
                      judgements: Mapping[str, Judgement] | None = None, *,
                      with_rejected: bool = False,
                      identifiers: Mapping[str, pd.Series] | None = None,
                      shared: _Holders | None = None) -> None:
    """Match housing applicants to employees and relatives (name + birth date, or name +
    address) and to the shared identifiers they hold; each attachment is an anchor link
    from a graph node to ``applicant:DECISION_ID`` with a stable id.  A co-applicant (a
    partner applying along) is matched too: the home goes to both, so a co-applicant who
    is an employee or relative is anchored to the same applicant node.  ``identifiers``:
    the allocations' :func:`identifier_columns` when the caller has them already;
    ``shared``: the identifiers that are nodes of ``lg.g``, as :func:`_identifier_holders`
    gave them to :func:`add_identifier_links` (else found among the graph's nodes).

    Columnar up to the applicants that match or hold a shared identifier: the columns are
    read as Python values only for the probes' rows (each decision id's first row with a
    name; a co-applicant's row only when it names one), the identifiers looked up on the
    Arrow columns."""
    g = lg.g
    f = ds.frame("allocations")
    if not len(f):
        return
    ids = f["decision_id"].astype("string").to_numpy(dtype=object, na_value=None)
    lines = f["_line"].to_numpy()
    births = (day_ordinals(f["applicant_birth_date"]) if "applicant_birth_date" in f.columns
              else np.zeros(len(f), dtype=np.int64))
    columns = identifier_columns(f, "applicant_") if identifiers is None else identifiers
    street_city = _street_city(f, "applicant_")
    day_u, day_of = np.unique(births, return_inverse=True)  # each birth date once
    dates = np.array([date_of(d) for d in day_u.tolist()], dtype=object)
    # each decision id's first row (a row listing an id again is not another applicant),
    # found on the column; a record per row only for those
    id_s = pd.Series(ids, dtype=object)
    firsts = np.flatnonzero((id_s.astype(bool) & ~id_s.duplicated()).to_numpy(dtype=bool))
    row_of: dict[str, int] = dict(zip(ids[firsts].tolist(), firsts.tolist()))
    # a record per first row with a name, made from the columns taken for those rows by
    # one map (the keys node_key("applicant", id) made for the column): a comprehension
    # calling the dataclass per row cost a third more (400,000 applicants on ten million
    # decisions)
    at = firsts[_named(f, "applicant_name")[firsts]]
    # (the columns kept: matching reads the records' fields from them, see probe_columns)
    cols: list[list[Any]] = [("applicant:" + ids[at]).tolist(),
                             _cells_at(f["applicant_name"].astype("string"), at),
                             dates[day_of[at]].tolist(),
                             _cells_at(columns["address"], at),
                             np.asarray(street_city, dtype=object)[at].tolist(),
                             *(_cells_at(columns[k], at) for k in ("iban", "email", "phone"))]
    probes = _person_records(cols + _birth_years(f, "applicant_birth_date", at))
    if "co_applicant_name" in f.columns:
        # a partner applying along: usually of the same household, so matched with the
        # applicant's address; the identifiers are the applicant's, never the partner's
        co_at = firsts[_named(f, "co_applicant_name")[firsts]]
        co = [[node_key(CO_APPLICANT, i) for i in ids[co_at].tolist()],
              _cells_at(f["co_applicant_name"].astype("string"), co_at),
              list(map(date_of,
                       f["co_applicant_birth_date"].take(co_at).to_numpy(dtype=object))),
              _cells_at(columns["address"], co_at),
              np.asarray(street_city, dtype=object)[co_at].tolist()]
        probes += _person_records(co + [[None] * len(co_at)] * 3
                                  + _birth_years(f, "co_applicant_birth_date", co_at))
        for col, more in zip(cols, co + [[None] * len(co_at)] * 3):
            col += more
    probe_columns(probes, **dict(zip(_PROBE_FIELDS, cols)))
    del id_s, firsts, cols
    if lg.collected is not None:
        lg.collected += probes
    index = lg.anchor_index

    def add(anchor: str, applicant: str, link: Link) -> None:
        index[link_id(anchor, applicant, link)] = (anchor, applicant, link)

    matches = [m for m in match_people(probes, lg.people, policy.matching, judgements,
                                       with_rejected=with_rejected) if m.reference in g]
    # the digests of the matched rows in one call: the whole table hashed once rather than
    # block by block when many applicants match
    linked = sorted({row_of[m.probe.split(":", 1)[1]] for m in matches if m.band != "rejected"})
    digest_of = dict(zip(linked, lg.digests.many("allocations", np.asarray(linked,
                                                                            dtype=np.int64))))
    for m in matches:
        if m.band == "rejected":
            lg.matches.append(_match_row("applicant", m.probe, m))
            continue
        did = m.probe.split(":", 1)[1]
        i = row_of[did]
        co = m.probe.startswith(CO_APPLICANT + ":")  # anchored to the decision's applicant
        add(m.reference, node_key("applicant", did), Link(
            "same_person", m.reason, declared=False,
            evidence=(ds.cite("allocations", lines[i]), *person_cite(ds, g, m.reference)),
            records=((f"allocations:{did}", digest_of[i]),),
            match=match_info(m), code="match",
            params=(("reason", m.reason), ("as", CO_APPLICANT)) if co else (("reason", m.reason),)))
        lg.matches.append(_match_row("applicant", m.probe, m))
    # an applicant holding an identifier that is a node (shared by people or organizations);
    # looked up for whole columns, links made only for the applicants that hold one
    dids = list(row_of)
    at = np.fromiter(row_of.values(), dtype=np.int64, count=len(row_of))
    node_values = _identifier_node_values(g, columns, shared)
    for ikind, column in columns.items():
        values = node_values[ikind]
        if not values:
            continue
        col = column.take(at)
        # the values of this kind's nodes, looked up as they are (no 'kind:' string per
        # row), on the column as held (Arrow's is_in); a missing cell holds none
        held = np.flatnonzero(_held_in(col, values))
        for j, v in zip(held.tolist(), _cells_at(col, held)):
            did, i = dids[j], int(at[j])
            add(f"{ikind}:{v}", node_key("applicant", did), Link(
                "identifier", IDENTIFIER_WORDS[ikind],
                evidence=(ds.cite("allocations", lines[i]),),
                records=((f"allocations:{did}:{ikind}", ""),),
                code="identifier", params=(("identifier", ikind),)))


def _named(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Per row, whether the column holds a name (``cell and cell.strip()`` of the cell as
    text): each distinct cell stripped once (Arrow's dictionary encoding finds them), not
    a Python test per row of a million allocations.

    >>> _named(pd.DataFrame({"n": ["a", " ", None, "", "a"]}, dtype="str"), "n").tolist()
    [True, False, False, False, True]
    """
    codes, uniques = pd.factorize(frame[name].astype("string"), use_na_sentinel=True)
    full = np.array([bool(u) and bool(u.strip())
                     for u in np.asarray(uniques, dtype=object).tolist()] + [False], dtype=bool)
    return full[np.asarray(codes)]  # a missing cell's code (-1) reads the last: False


def _cells_at(column: pd.Series, at: np.ndarray) -> list[Any]:
    """The cells of a column at these positions as Python values, ``None`` where missing:
    what ``column.to_numpy(dtype=object, na_value=None)[at]`` gives, with only those cells
    converted."""
    return column.take(at).to_numpy(dtype=object, na_value=None).tolist()


def _held_in(column: pd.Series, values: set[str]) -> np.ndarray:
    """Per cell of a text column, whether it is one of ``values`` (a missing cell is not):
    ``column.isin(values) & column.notna()``, by one Arrow ``is_in`` on the column as held
    when it is Arrow text (pandas' own ``isin`` makes an Arrow scalar per value first: 36 ms
    for the 7,000 shared addresses of a large corporation).

    >>> _held_in(pd.Series(["a", None, "b", "c"], dtype="str"), {"a", "c"}).tolist()
    [True, False, False, True]
    """
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = column.array.__arrow_array__()
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            found = pc.is_in(arr, value_set=pa.array(sorted(values), type=arr.type))
            return np.asarray(pc.fill_null(found, False), dtype=bool)
    except (AttributeError, ImportError, TypeError, ValueError):
        pass
    return (column.isin(values).to_numpy(dtype=bool, na_value=False)
            & column.notna().to_numpy(dtype=bool))


def _identifier_node_values(g: nx.MultiGraph, kinds: Iterable[str],
                            shared: _Holders | None) -> dict[str, set[str]]:
    """Per identifier kind, the values of its nodes in ``g`` (node ``kind:value``): from
    ``shared`` (what :func:`add_identifier_links` added: the only identifier nodes of a
    graph :func:`build_graph` makes) when given, else from one pass over the graph's nodes
    (160,000 on a large corporation)."""
    out: dict[str, set[str]] = {ikind: set() for ikind in kinds}
    if shared is not None:
        for ikind, value, _ in shared:
            if ikind in out:
                out[ikind].add(value)
        return out
    for x in g:
        if isinstance(x, str):
            head, colon, value = x.partition(":")
            if colon and head in out:
                out[head].add(value)
    return out


def link_id(a: str, b: str, link: Link) -> str:
    """A stable id for an edge from what the link is: its kind, its label code, its ends and
    the keys of the records behind it, never line numbers or display text: the same link in
    another scan, or in Neo4j, has the same id, whatever language or wording shows it.  (A
    link without a code, built by code that gives none, falls back to its label.)

    >>> link_id("employee:E1", "relative:R1", Link("family", "partner", code="relation",
    ...         params=(("relation", "partner"),), records=(("relatives:R1", "x"),)))
    'L-5eb435d73d51a50e'
    """
    lo, hi = (a, b) if a <= b else (b, a)
    parts = [link.kind, link.code or "label:" + link.label, lo, hi]
    for k, _ in link.records:
        parts.append(k)
    blob = "\x1f".join(parts)
    return "L-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def link_ids(kind: str, code: str, a: list[str], b: list[str], records: list[str]
             ) -> list[str]:
    """:func:`link_id` of many links of one kind and label code with one record key each
    (ends ``a[i]``, ``b[i]``, record key ``records[i]``), in one pass without building the
    links first: a large KvK extract has 100,000 officer links.

    >>> l = Link("officer", "x", code="officer", records=(("officers:1", "d"),))
    >>> link_ids("officer", "officer", ["o:1"], ["a:2"], ["officers:1"]) == [link_id("o:1", "a:2", l)]
    True
    """
    sha = hashlib.sha256
    head = f"{kind}\x1f{code}\x1f"
    return ["L-" + sha((f"{head}{x}\x1f{y}\x1f{r}" if x <= y else f"{head}{y}\x1f{x}\x1f{r}")
                       .encode("utf-8")).hexdigest()[:16]
            for x, y, r in zip(a, b, records)]


IDENTIFIER_WORDS = {"address": "adres", "iban": "IBAN", "phone": "telefoon", "email": "e-mail"}


def _resolve_free_orgs(rows: Iterable[dict[str, Any]], idcol: str, table: str,
                       orgs: pd.DataFrame, policy: Policy
                       ) -> dict[str, tuple[str, MatchInfo]]:
    """Declarations and gifts may name an organization in free text (name, KvK number)
    instead of an org_id: find it in the vendor master, and say how.  The vendor master is
    read only when some row does."""
    probes = []
    for r in rows:
        ident = text_of(r.get(idcol))
        if not ident or text_of(r.get("org_id")):
            continue
        name, kvk = text_of(r.get("org_name")), text_of(r.get("kvk_number"))
        if name or kvk:
            probes.append((f"{table}:{ident}", name, kvk))
    if not probes:
        return {}
    # an optional trade_names column (handelsnamen, separated by ';' or '|') is matched too
    columns = [_texts(orgs, c).to_numpy(dtype=object, na_value=None)
               for c in ("org_id", "name", "kvk_number", "trade_names")]
    split = re.compile(r"[;|]").split  # most vendors have no trade name: nothing to split
    vendors = [(oid, name or "", kvk, [t for t in split(trade) if t.strip()] if trade else [])
               for oid, name, kvk, trade in zip(*columns) if oid]
    out: dict[str, tuple[str, MatchInfo]] = {}
    for m in match_organizations(probes, vendors, policy.matching):
        if m.org_id:
            out[m.probe] = (m.org_id, MatchInfo(m.reason, m.reason, m.score, m.score < 1.0))
    return out


def resolve_gift_orgs(ds: Dataset, policy: Policy) -> dict[str, tuple[str, MatchInfo]]:
    """Gift rows that name the giver by name only, resolved to the vendor master."""
    return _resolve_free_orgs(frame_rows(ds.frame("gifts")), "gift_id", "gifts",
                              ds.frame("organizations"), policy)


__all__ += ["add_multi_edges", "add_nodes", "cite_rows", "frame_rows", "declaration_label", "resolve_gift_orgs", "attach_applicants",
            "identifier_values", "identifier_columns", "link_id", "link_ids", "add_officers", "match_officers",
            "officer_person_ident", "mark_path_hubs",
            "IDENTIFIER_WORDS"]
