"""Columnar reach: every valid simple path of <= k links from many people at once.

The same question as :func:`coi_graph.graph.reach.reach`, answered for all handlers and approvers
together with array operations instead of one depth-first walk per person: the paths of
``h`` links are joined with the edge list (held as CSR arrays: the edges of node ``n`` are
``dst[off[n]:off[n+1]]``) to give the paths of ``h + 1`` links; the validity interval is
intersected and revisits are dropped per hop, for all paths in one step.  Where a path may
go on follows :func:`coi_graph.graph.reach.step`: from the first organization on only over KvK
officer links (``gate`` 1 and ``passable`` per edge; each path carries whether it passed an
organization), from a hub organization or officer not at all.  This is the hop
join a SQL engine would do, kept in numpy so the embedded default needs nothing installed.

Complexity: O(k * P) array work for P paths in total, plus the CSR build O(E log E).

>>> import networkx as nx
>>> from coi_graph.links import Link
>>> g = nx.MultiGraph()
>>> for n, kind in [("e", "employee"), ("r", "relative"), ("o", "organization")]:
...     g.add_node(n, kind=kind)
>>> _ = g.add_edge("e", "r", key="L1", link=Link("family", "partner", lo=0, hi=100))
>>> _ = g.add_edge("r", "o", key="L2", link=Link("officer", "bestuurder", lo=50))
>>> et = EdgeTable.from_graph(g)
>>> paths = reach_all(et, np.array([et.code["e"]]), np.array([0]), np.array([10**9]), 3)
>>> [(et.nodes[n], int(lo), int(hi)) for n, lo, hi in zip(paths.end, paths.lo, paths.hi)]
[('r', 0, 100), ('o', 50, 100)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any

import networkx as nx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..links import Link
from .reach import (
    FREE,
    HUB_KINDS,
    OFFICER_ONLY,
    PASS_KINDS,
    STOP,
    TERMINAL_KINDS,
    PathHit,
)

__all__ = ["EdgeTable", "PathTable", "reach_all"]


class EdgeRows(Sequence):
    """The edges of an :class:`EdgeTable` as ``(one end, other end, key, link)`` rows, made
    when read: the ends are node codes in the table's arrays already, so holding a tuple per
    edge beside them (100,000+ of them on a large graph) would hold the same data twice.

    ``at``: the keys and links are given in another order (the order the build made the
    links, some of them overwritten and in no row), row ``i`` holding entry ``at[i]``;
    they are put in row order only when all of them are read in that order
    (:meth:`keys`, iterating), since copying 130,000 references in row order touches each
    object where it lies (scattered), and :meth:`rows_with` finds keys without it.

    >>> rows = EdgeRows(["a", "b"], np.array([0]), np.array([1]), ["K"], ["link"])
    >>> list(rows), rows[0], rows[-1:], len(rows), bool(EdgeRows([], [], [], [], []))
    ([('a', 'b', 'K', 'link')], ('a', 'b', 'K', 'link'), [('a', 'b', 'K', 'link')], 1, False)
    >>> late = EdgeRows(["a", "b"], np.array([0, 1]), np.array([1, 0]), ["K0", "K1", "K2"],
    ...                 ["l0", "l1", "l2"], at=np.array([2, 0]))
    >>> late.rows_with({"K0", "K1"}), late.key(1), late[1]
    ([1], 'K0', ('b', 'a', 'K0', 'l0'))
    >>> list(late), late.keys()
    ([('a', 'b', 'K2', 'l2'), ('b', 'a', 'K0', 'l0')], ['K2', 'K0'])
    """

    __slots__ = ("_a", "_at", "_b", "_keys", "_links", "_nodes")

    def __init__(self, nodes: list[str], a: Any, b: Any, keys: list[Any],
                 links: list[Link], at: np.ndarray | None = None) -> None:
        self._nodes, self._a, self._b, self._keys, self._links = nodes, a, b, keys, links
        self._at = at

    def _in_row_order(self) -> None:
        """The keys and links put in row order (once)."""
        at = self._at
        if at is not None:
            rows = at.tolist()
            self._keys = list(map(self._keys.__getitem__, rows))
            self._links = list(map(self._links.__getitem__, rows))
            self._at = None

    def __len__(self) -> int:
        return len(self._keys) if self._at is None else len(self._at)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        nodes = self._nodes
        j = i if self._at is None else int(self._at[i])
        return (nodes[self._a[i]], nodes[self._b[i]], self._keys[j], self._links[j])

    def __iter__(self) -> Iterator[tuple[str, str, Any, Link]]:
        self._in_row_order()
        nodes = self._nodes
        return zip(map(nodes.__getitem__, self._a.tolist()),
                   map(nodes.__getitem__, self._b.tolist()), self._keys, self._links)

    def keys(self) -> list[Any]:
        """The edges' keys (link ids), in row order, without making the rows."""
        self._in_row_order()
        return self._keys

    def key(self, i: int) -> Any:
        """Row ``i``'s key."""
        return self._keys[i if self._at is None else int(self._at[i])]

    def all_text(self) -> bool:
        """Whether every key given is a ``str`` (then :meth:`rows_with` may compare them as
        they are)."""
        return not set(map(type, self._keys)) - {str}

    def rows_with(self, wanted: set[Any], as_text: bool = False) -> list[int]:
        """The rows whose key is in ``wanted``, ascending: compared as they are (a set
        look-up in C per key), or ``as_text`` (``str`` of each key).  Each key is read where
        it lies, in the order the keys were given; the hits are put in row order after
        (a key given but in no row, overwritten, is left out).

        >>> EdgeRows(["a"], np.array([0, 0]), np.array([0, 0]), ["K", 3], ["x", "y"]
        ...          ).rows_with({"3"}, as_text=True)
        [1]
        """
        keys = self._keys
        if as_text:
            hit = np.fromiter((k in wanted for k in map(str, keys)), dtype=bool,
                              count=len(keys))
        else:
            hit = np.fromiter(map(wanted.__contains__, keys), dtype=bool, count=len(keys))
        at = self._at
        return np.flatnonzero(hit if at is None else hit[at]).tolist()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EdgeRows({len(self)} edges)"


def _arrow_texts(values: list[Any]) -> Any:
    """``values`` as an Arrow string array when every one is a ``str`` that UTF-8 can hold
    (their UTF-8 bytes then sort and compare as the strings do, and Arrow sorts and
    hashes them without a Python call per value), else None: anything else (numbers,
    bytes, lone surrogates) is left to Python's own order and equality.

    >>> _arrow_texts(["b", "a"]).to_pylist(), _arrow_texts(["a", 1]), _arrow_texts(["\\udc80"])
    (['b', 'a'], None, None)
    """
    if set(map(type, values)) - {str}:
        return None
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowException, UnicodeEncodeError, ValueError):
        return None


def _text_order(texts: list[str]) -> np.ndarray:
    """``sorted(range(len(texts)), key=texts.__getitem__)`` as an array: by Arrow when it
    can hold the texts (:func:`_arrow_texts`), else by Python.

    >>> _text_order(["b", "a", "\\udc80", ""]).tolist()
    [3, 1, 0, 2]
    """
    arrow = _arrow_texts(texts)
    if arrow is None:
        return np.array(sorted(range(len(texts)), key=texts.__getitem__), dtype=np.int64)
    return np.asarray(pc.sort_indices(arrow), dtype=np.int64)


def _texts_shared(values: list[Any]) -> np.ndarray:
    """Per value its text as an object array, one ``str`` object per distinct text (a node
    or link kind, shared by 100,000 of them): what ``pd.factorize`` of the values as text
    (``str(v)`` of a value that is not a ``str``) gives, taken back by its codes.  When
    every distinct value is a ``str``, only the distinct ones are looked at (a few kinds),
    not every value hashed by pandas.

    >>> _texts_shared(["a", "b", "a"]).tolist(), _texts_shared(["a", 3]).tolist()
    (['a', 'b', 'a'], ['a', '3'])
    """
    import pandas as pd

    try:
        distinct = dict.fromkeys(values)
    except TypeError:  # an unhashable value: as text, below
        distinct = None
    if distinct is not None and not set(map(type, distinct)) - {str}:
        first = {k: k for k in distinct}  # each distinct text's first object, as factorize
        out = np.empty(len(values), dtype=object)
        out[:] = list(map(first.__getitem__, values))
        return out
    codes, uniques = pd.factorize(np.fromiter(
        (v if type(v) is str else str(v) for v in values), dtype=object, count=len(values)))
    return np.asarray(uniques, dtype=object)[codes]


def _end_codes(a: list[Any], b: list[Any], names: Any, added_codes: np.ndarray,
               code: dict[Any, int]) -> tuple[np.ndarray, np.ndarray]:
    """The node codes of the edges' two ends: by one Arrow ``index_in`` of both lists among
    the node names in the order they were added (``names``: :func:`_arrow_texts` of them,
    ``added_codes``: the code of each), which hashes in C; by a dict look-up per end when
    the names are not all text.  An end that is no node raises ``KeyError`` either way."""
    if names is not None and len(a):
        # every end is a node, and every node a str here: no type test per end (a number
        # makes Arrow raise, an end that is no node finds nothing and goes the dict way)
        try:
            ends = pa.array(a + b, type=pa.string())
        except (pa.ArrowException, UnicodeEncodeError, ValueError):
            ends = None
        if ends is not None:
            at = pc.index_in(ends, value_set=names)
            if at.null_count == 0:
                pos = added_codes[np.asarray(at, dtype=np.int64)]
                return pos[:len(a)], pos[len(a):]
    ca = np.fromiter(map(code.__getitem__, a), dtype=np.int64, count=len(a))
    cb = np.fromiter(map(code.__getitem__, b), dtype=np.int64, count=len(b))
    return ca, cb


def _sort_by(first: np.ndarray, second: np.ndarray, n: int, third: np.ndarray | None = None,
             k: int = 0) -> np.ndarray:
    """``np.lexsort((third, second, first))`` (the positions in order of ``first``, then
    ``second``, then ``third``, ties kept in their order) for node codes ``first`` and
    ``second`` below ``n`` and ``third`` from 0 to ``k``: the columns as one 64-bit integer
    sorted once, about half the time of lexsort's pass per column.  Lexsort itself where
    that integer would not fit.

    >>> a, b, c = np.array([1, 0, 1, 0]), np.array([0, 2, 0, 2]), np.array([1, 0, 0, 0])
    >>> _sort_by(a, b, 3).tolist(), _sort_by(a, b, 3, c, 1).tolist()
    ([1, 3, 0, 2], [1, 3, 2, 0])
    """
    x, y = first.astype(np.int64), second.astype(np.int64)
    if third is None:
        if n * n < 2**62:
            return np.argsort(x * n + y, kind="stable")
        return np.lexsort((y, x))
    if n * n * (k + 1) < 2**62:
        return np.argsort((x * n + y) * (k + 1) + third.astype(np.int64), kind="stable")
    return np.lexsort((third, y, x))


@dataclass
class EdgeTable:
    """The link graph as arrays: node codes, and both directions of every edge sorted by
    source node (CSR)."""

    nodes: list[str]
    code: dict[str, int]
    gate: np.ndarray              # int8 per node: FREE, OFFICER_ONLY or STOP (reach.gate)
    off: np.ndarray               # CSR offsets, len(nodes) + 1
    dst: np.ndarray               # int32 per directed edge
    lo: np.ndarray                # int64 per directed edge
    hi: np.ndarray
    ref: np.ndarray               # int32 per directed edge: index into ``edges``
    edges: EdgeRows               # (end, end, key, link) per edge
    #: per undirected edge (index into ``edges``): the codes of its two ends and its link kind,
    #: so a pass over every link (supplier networks) is array work, not Python per link
    end_a: np.ndarray
    end_b: np.ndarray
    kind: np.ndarray
    #: per node: its kind and whether the hub cut-off marked it
    node_kind: np.ndarray
    hub: np.ndarray
    passable: np.ndarray | None = None  # bool per directed edge: a path may leave an org over it

    @property
    def terminal(self) -> np.ndarray:
        """Nodes a path does not go on from freely (organizations, hubs)."""
        return self.gate != FREE

    @classmethod
    def from_graph(cls, g: nx.MultiGraph) -> EdgeTable:
        """The table of a graph (one assembled by hand, or read back): every edge of it."""
        edges = list(g.edges(keys=True, data="link"))
        return cls.from_edges(g, [e[0] for e in edges], [e[1] for e in edges],
                              [e[2] for e in edges], [e[3] for e in edges])

    @classmethod
    def from_edges(cls, g: nx.MultiGraph, a: list[str], b: list[str], keys: list[Any],
                   links: list[Link]) -> EdgeTable:
        """The table from the edges as their builder made them (ends, key, link per edge, in
        the order they were added to ``g``), without walking the networkx graph: the same
        table as :meth:`from_graph` gives.

        An edge added twice between the same ends with the same key is one edge of ``g``
        holding the last link, and so one row here.  Each edge runs from its end added to
        ``g`` first (as ``g.edges()`` yields it); the edges are sorted by those two ends and
        then the key (compared only between edges with the same two ends).  The sorting is
        array work: the ends as node codes (a dict look-up each), one lexsort.

        >>> g = nx.MultiGraph()
        >>> g.add_node("z", kind="employee"); g.add_node("a", kind="organization")
        >>> l1, l2 = Link("officer", "x"), Link("officer", "y")
        >>> _ = g.add_edge("a", "z", key="K", link=l1); _ = g.add_edge("a", "z", key="K", link=l2)
        >>> et = EdgeTable.from_edges(g, ["a", "a"], ["z", "z"], ["K", "K"], [l1, l2])
        >>> [(x, y, k, l.label) for x, y, k, l in et.edges]
        [('z', 'a', 'K', 'y')]
        >>> et.edges == EdgeTable.from_graph(g).edges
        True
        """
        import pandas as pd

        ins = list(g)  # the nodes in the order they were added
        n = len(ins)
        # sorted by name, keeping where each was in that order: no look-up per node of its
        # code afterwards (sorting positions by name sorts the names the same way); by
        # Arrow when every name is text (UTF-8 bytes sort as the code points do)
        names = _arrow_texts(ins)
        if names is not None:
            added = np.asarray(pc.sort_indices(names), dtype=np.int64)
            nodes = list(map(ins.__getitem__, added.tolist()))
        else:
            added_l = sorted(range(n), key=ins.__getitem__)
            nodes = list(map(ins.__getitem__, added_l))
            added = np.array(added_l, dtype=np.int64)  # per code: its place in the added order
            del added_l
        del ins
        code = dict(zip(nodes, range(n)))
        added_codes = np.empty(n, dtype=np.int64)  # per place in that order: its code
        added_codes[added] = np.arange(n)
        # the nodes' attribute dicts in the order they were added (as iterating g gives
        # them), read once for kind and hub mark, not through two networkx data views
        attrs = list(g._node.values()) if type(g) is nx.MultiGraph else [
            d for _, d in g.nodes(data=True)]
        if set(map(type, attrs)) <= {dict}:
            # read by dict.get in one map each, no bytecode per node
            kinds_added = list(map(dict.get, attrs, repeat("kind"), repeat("")))
            hub_added = np.fromiter(map(bool, map(dict.get, attrs, repeat("hub"))),
                                    dtype=bool, count=n)
        else:
            kinds_added = [d.get("kind", "") for d in attrs]
            hub_added = np.fromiter((bool(d.get("hub")) for d in attrs), dtype=bool, count=n)
        node_kind = np.empty(n, dtype=object)  # one str per kind, shared
        node_kind[added_codes] = _texts_shared(kinds_added)
        hub = np.zeros(n, dtype=bool)
        hub[added_codes[hub_added]] = True
        del attrs, kinds_added
        terminal = np.isin(node_kind, list(TERMINAL_KINDS))
        stops = np.isin(node_kind, list(HUB_KINDS)) & hub
        gates = np.where(stops, STOP, np.where(terminal, OFFICER_ONLY, FREE)).astype(np.int8)
        ca, cb = _end_codes(a, b, names, added_codes, code)
        del names
        # one row per (ends, key): the last link added, as the multigraph keeps it (keys are
        # compared first, alone: a builder's keys are unique already, which a set of them
        # tells without pandas)
        last = np.ones(len(keys), dtype=bool)
        if len(set(keys)) < len(keys):
            key_obj = np.empty(len(keys), dtype=object)
            key_obj[:] = keys
            # as objects: pandas would read keys that are all text into Arrow, which
            # refuses a lone surrogate
            at = np.flatnonzero(pd.Series(key_obj, dtype=object).duplicated(keep=False)
                                .to_numpy())
            pair = pd.DataFrame({"x": np.minimum(ca, cb)[at], "y": np.maximum(ca, cb)[at],
                                 "k": pd.Series(key_obj[at], dtype=object)})
            last[at] = ~pair.duplicated(keep="last").to_numpy()
        rows = np.flatnonzero(last)
        ca, cb = ca[rows], cb[rows]
        # each edge from the end that was added to the graph first
        swap = added[ca] > added[cb]
        ca, cb = np.where(swap, cb, ca), np.where(swap, ca, cb)
        # node codes sort as the node names do; the key (as text) decides only between edges
        # with the same two ends, found next to each other once sorted by the ends
        order = _sort_by(ca, cb, n)
        pair = (ca * n + cb)[order]
        tie = pair[1:] == pair[:-1]
        if tie.any():
            same = order[np.r_[False, tie] | np.r_[tie, False]]  # rows with a twin
            texts = [str(keys[r]) for r in rows[same].tolist()]
            key_rank = np.zeros(len(rows), dtype=np.int64)
            key_rank[same[_text_order(texts)]] = np.arange(len(same))
            order = _sort_by(ca, cb, n, key_rank, len(same))
        rows, ca, cb = rows[order], ca[order], cb[order]
        m = len(rows)
        ea, eb = ca.astype(np.int32), cb.astype(np.int32)
        # the keys and links as the builder gave them, row i holding entry rows[i]: not
        # copied into row order here (see EdgeRows)
        edges = EdgeRows(nodes, ea, eb, keys, links, at=rows)
        # each link's validity and kind read in the order the links were made (as they lie
        # in memory: sequential reads) and put in table order by the arrays: read in table
        # order, 132,000 links scattered over the heap took about twice as long
        k = len(links)
        lo = np.fromiter(map(attrgetter("lo"), links), dtype=np.int64, count=k)[rows]
        hi = np.fromiter(map(attrgetter("hi"), links), dtype=np.int64, count=k)[rows]
        kinds = _texts_shared(list(map(attrgetter("kind"), links)))[rows]
        ok = np.isin(kinds, list(PASS_KINDS))
        src = np.concatenate([ea, eb])
        dst = np.concatenate([eb, ea])
        ref = np.concatenate([np.arange(m, dtype=np.int32)] * 2)
        lo2, hi2 = np.concatenate([lo, lo]), np.concatenate([hi, hi])
        order = _sort_by(src, dst, n, ref, m)  # by source, then target, then edge
        src, dst, ref, lo2, hi2 = src[order], dst[order], ref[order], lo2[order], hi2[order]
        off = np.zeros(n + 1, dtype=np.int64)
        off[1:] = np.cumsum(np.bincount(src, minlength=n))
        return cls(nodes, code, gates, off, dst, lo2, hi2, ref, edges, ea, eb, kinds, node_kind,
                   hub, passable=ok[ref])

    def select(self, kinds: tuple[str, ...],
               ends: tuple[str | tuple[str, ...], str | tuple[str, ...]] | None = None
               ) -> list[tuple[str, str, Any, Link]]:
        """The edges of these link kinds (and, with ``ends``, between a node of the first
        kind(s) and one of the second, in either direction), in table order; array work
        instead of a Python pass over every link.

        >>> g = nx.MultiGraph()
        >>> for n, kind in [("e", "employee"), ("o", "organization"), ("p", "officer")]:
        ...     g.add_node(n, kind=kind)
        >>> _ = g.add_edge("e", "o", key="L1", link=Link("officer", "bestuurder"))
        >>> _ = g.add_edge("p", "o", key="L2", link=Link("officer", "bestuurder"))
        >>> [k for _, _, k, _ in EdgeTable.from_graph(g).select(("officer",),
        ...                                                    ("organization", "employee"))]
        ['L1']
        """
        if not self.edges:
            return []
        sel = np.isin(self.kind, list(kinds))
        if ends is not None:
            x, y = (np.isin(self.node_kind, [e] if isinstance(e, str) else list(e)) for e in ends)
            a, b = self.end_a, self.end_b
            sel &= (x[a] & y[b]) | (y[a] & x[b])
        return [self.edges[int(r)] for r in np.flatnonzero(sel)]

    def hit(self, path_nodes: np.ndarray, path_refs: np.ndarray, lo: int, hi: int) -> PathHit:
        """One row of a :class:`PathTable` as the :class:`PathHit` the assembly reads."""
        nodes = tuple(self.nodes[int(n)] for n in path_nodes if n >= 0)
        steps, links = [], []
        for i, r in enumerate(int(x) for x in path_refs if x >= 0):
            a, b, key, link = self.edges[r]
            steps.append((nodes[i], nodes[i + 1], key))
            links.append(link)
        return PathHit(nodes[0], nodes[-1], nodes, tuple(steps), tuple(links), lo, hi)


@dataclass
class PathTable:
    """All paths found: row i runs from ``nodes[i, 0]`` over ``length[i]`` links; unused
    columns hold -1."""

    nodes: np.ndarray   # int32, P x (k + 1)
    refs: np.ndarray    # int32, P x k: edge indices into EdgeTable.edges
    length: np.ndarray  # int8
    lo: np.ndarray
    hi: np.ndarray

    @property
    def start(self) -> np.ndarray:
        return self.nodes[:, 0]

    @property
    def end(self) -> np.ndarray:
        return self.nodes[np.arange(len(self.length)), self.length]

    def __len__(self) -> int:
        return len(self.length)


def reach_all(et: EdgeTable, sources: np.ndarray, lo: np.ndarray, hi: np.ndarray,
              max_links: int) -> PathTable:
    """Every simple path of 1..``max_links`` links from each source (node codes), whose links
    can all be valid at one moment within the source's ``[lo, hi]``; a path leaves an
    organization only over a KvK officer link and never leaves a hub.  Rows are ordered by length, then as the hops produced them (deterministic)."""
    k = max_links
    f_nodes = np.asarray(sources, dtype=np.int32).reshape(-1, 1)
    f_refs = np.zeros((len(f_nodes), 0), dtype=np.int32)
    f_lo, f_hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
    keep = f_lo <= f_hi
    f_nodes, f_refs, f_lo, f_hi = f_nodes[keep], f_refs[keep], f_lo[keep], f_hi[keep]
    f_passed = np.zeros(len(f_nodes), dtype=bool)  # the path passed an organization
    out_nodes, out_refs, out_len, out_lo, out_hi = [], [], [], [], []
    for h in range(k):
        if not len(f_nodes):
            break
        last = f_nodes[:, h]
        if h > 0:  # a path goes on only from a node that is not a hub
            gates = et.gate[last]
            go = gates != STOP
            f_nodes, f_refs, f_lo, f_hi, last = f_nodes[go], f_refs[go], f_lo[go], f_hi[go], last[go]
            f_passed = f_passed[go] | (gates[go] == OFFICER_ONLY)
        deg = et.off[last + 1] - et.off[last]
        total = int(deg.sum())
        if total == 0:
            break
        rows = np.repeat(np.arange(len(last)), deg)
        first = np.repeat(et.off[last], deg)
        within = np.arange(total) - np.repeat(np.cumsum(deg) - deg, deg)
        pos = first + within
        nxt = et.dst[pos]
        ok = np.all(f_nodes[rows] != nxt[:, None], axis=1)
        nlo = np.maximum(f_lo[rows], et.lo[pos])
        nhi = np.minimum(f_hi[rows], et.hi[pos])
        ok &= nlo <= nhi
        if et.passable is not None:  # from the first organization on only officer links
            ok &= ~f_passed[rows] | et.passable[pos]
        rows, pos, nxt, nlo, nhi = rows[ok], pos[ok], nxt[ok], nlo[ok], nhi[ok]
        f_nodes = np.column_stack([f_nodes[rows], nxt]).astype(np.int32)
        f_refs = np.column_stack([f_refs[rows], et.ref[pos]]).astype(np.int32)
        f_lo, f_hi = nlo, nhi
        f_passed = f_passed[rows]
        pad = k - (h + 1)
        out_nodes.append(np.pad(f_nodes, ((0, 0), (0, pad)), constant_values=-1))
        out_refs.append(np.pad(f_refs, ((0, 0), (0, pad)), constant_values=-1))
        out_len.append(np.full(len(f_nodes), h + 1, dtype=np.int8))
        out_lo.append(f_lo)
        out_hi.append(f_hi)
    if not out_len:
        return PathTable(np.zeros((0, k + 1), np.int32), np.zeros((0, k), np.int32),
                         np.zeros(0, np.int8), np.zeros(0, np.int64), np.zeros(0, np.int64))
    return PathTable(np.concatenate(out_nodes), np.concatenate(out_refs),
                     np.concatenate(out_len), np.concatenate(out_lo), np.concatenate(out_hi))
