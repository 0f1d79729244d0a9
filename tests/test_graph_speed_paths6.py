"""The KvK officer shortcuts of the twelfth session give what their plain forms give.

Each is compared with the plain form it replaces, on generated values with the odd cases a
build meets (nodes already in the graph, a node listed twice, missing names and dates,
repeated record keys)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.graph import build
from coi_graph.match.records import PersonRecord


def _dump(g: nx.MultiGraph) -> list:
    """A graph's node and adjacency dicts, in their order, with which attribute dict each
    node holds (by identity: a handed-over dict is kept, not copied)."""
    return [list(g._node.items()), [id(d) for d in g._node.values()],
            [(u, list(nbrs.items())) for u, nbrs in g._adj.items()]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abc", min_size=1, max_size=2), max_size=5, unique=True),
       st.lists(st.text("abcd", min_size=1, max_size=2), max_size=12))
def test_new_nodes_added_at_once_are_the_absent_nodes_added_one_by_one(
        before: list[str], nodes: list[str]) -> None:
    """``add_new_nodes`` equals ``add_nodes`` of the nodes not yet in the graph (looked up
    before any is added): nodes already there keep their attributes, a node listed twice
    takes both dicts in turn, each new node holds the dict handed over, in order; with
    nodes already there or listed twice as well as when every one is new."""
    plain, fast = nx.MultiGraph(), nx.MultiGraph()
    for g in (plain, fast):
        g.add_nodes_from((n, {"kind": "employee", "label": n}) for n in before)
        for x, y in zip(before, before[1:]):
            g.add_edge(x, y, key="K", link=1)
    attrs = [{"kind": "officer", "ident": f"{n}{i}", "birth_date": None}
             for i, n in enumerate(nodes)]
    absent = [n not in plain for n in nodes]
    build.add_nodes(plain, [(n, a) for n, a, new in zip(nodes, attrs, absent) if new],
                    owned=True)
    fast_attrs = [dict(a) for a in attrs]
    build.add_new_nodes(fast, nodes, fast_attrs)
    assert list(plain.nodes(data=True)) == list(fast.nodes(data=True))
    assert [list(nbrs.items()) for nbrs in plain._adj.values()] == [
        list(nbrs.items()) for nbrs in fast._adj.values()]
    assert list(plain._adj) == list(fast._adj)
    # which handed-over dict each node holds as its own (add_nodes(owned=True) keeps the
    # first dict of a node listed twice and updates it with the second)
    def held(g: nx.MultiGraph, given: list[dict]) -> list[int | None]:
        at = {id(a): i for i, a in enumerate(given)}
        return [at.get(id(d)) for d in g._node.values()]

    assert held(plain, attrs) == held(fast, fast_attrs)


def test_new_nodes_at_once_refuse_none_and_leave_subclasses_to_networkx() -> None:
    """None is no node (as networkx says), and a graph of another class goes through
    networkx's own ``add_nodes_from``."""
    with pytest.raises(ValueError):
        build.add_new_nodes(nx.MultiGraph(), ["a", None], [{}, {}])

    class Counting(nx.MultiGraph):
        calls = 0

        def add_nodes_from(self, nodes_for_adding, **attr):  # type: ignore[override]
            Counting.calls += 1
            super().add_nodes_from(nodes_for_adding, **attr)

    g = Counting()
    build.add_new_nodes(g, ["a", "b"], [{"kind": "officer"}, {"kind": "officer"}])
    assert Counting.calls == 1 and list(g.nodes(data="kind")) == [("a", "officer"),
                                                                   ("b", "officer")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4), st.booleans()), max_size=30),
       st.lists(st.one_of(st.none(), st.text(max_size=8)), min_size=6, max_size=6),
       st.lists(st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1))),
                min_size=5, max_size=5))
def test_probes_made_by_filling_their_dicts_are_the_records_the_class_makes(
        rows, name_t, dates) -> None:
    """The records ``_officer_probes`` makes without ``__init__`` are the dataclass's own:
    equal, hashing alike, the same attributes in the same order (pickled, copied and
    compared as such), frozen; and the fallback (a record class that cannot be filled that
    way) gives them too."""
    keys = [f"officers:{i:03x}" for i in range(len(rows))]
    name_c = np.array([r[0] for r in rows], dtype=np.intp)
    day_of = np.array([r[1] for r in rows], dtype=np.intp)
    people = np.flatnonzero(np.array([r[2] for r in rows], dtype=bool))
    plain = [PersonRecord(keys[j], name_t[c], dates[d], None)
             for j, c, d in zip(people.tolist(), name_c[people].tolist(),
                                day_of[people].tolist())]
    got = build._officer_probes(people, keys, name_t, name_c, dates, day_of)
    assert got == plain
    assert [type(r) for r in got] == [PersonRecord] * len(plain)
    assert [list(vars(r).items()) for r in got] == [list(vars(r).items()) for r in plain]
    assert [hash(r) for r in got] == [hash(r) for r in plain]
    for r in got:
        with pytest.raises(dataclasses.FrozenInstanceError):
            r.name = "x"  # type: ignore[misc]


def test_probes_fall_back_to_the_class_when_it_cannot_be_filled(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A record class with a ``__post_init__`` or slots is called, not filled; the current
    one is filled with every field after the birth date set to None."""
    assert build._PROBE_TAIL == dict.fromkeys(
        [f.name for f in dataclasses.fields(PersonRecord)][3:])

    @dataclasses.dataclass(frozen=True)
    class Later:  # a field matching might add, with a default other than None
        key: str
        name: str
        birth_date: object
        address_key: object
        source: str = "kvk"

    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        key: str
        name: str
        birth_date: object
        address_key: object

    @dataclasses.dataclass(frozen=True)
    class OwnInit:  # an __init__ written by hand, which filling the dict would skip
        key: str
        name: str
        birth_date: object
        address_key: object

        def __init__(self, key, name, birth_date, address_key):  # noqa: D107
            object.__setattr__(self, "key", key.strip())
            object.__setattr__(self, "name", name)
            object.__setattr__(self, "birth_date", birth_date)
            object.__setattr__(self, "address_key", address_key)

    for cls in (Later, Slotted, OwnInit):
        monkeypatch.setattr(build, "PersonRecord", cls)
        assert build._probe_tail() is None, cls
    monkeypatch.setattr(build, "PersonRecord", PersonRecord)
    monkeypatch.setattr(PersonRecord, "__post_init__", lambda self: None, raising=False)
    assert build._probe_tail() is None
    monkeypatch.setattr(build, "_PROBE_TAIL", None)
    got = build._officer_probes(np.array([0]), ["k"], ["A"], np.array([0]), [None],
                                np.array([0]))
    assert got == [PersonRecord("k", "A", None, None)]


def _numbered_plainly(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        c = seen[k] = seen.get(k, 0) + 1
        out.append(k if c == 1 else f"{k}#{c}")
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("ab", min_size=1, max_size=3), max_size=20))
def test_keys_numbered_with_a_shortcut_for_distinct_keys_are_numbered_plainly(
        keys: list[str]) -> None:
    """``_numbered`` (a set tells when every key is listed once) numbers as the plain loop
    does, and hands back a new list."""
    got = build._numbered(keys)
    assert got == _numbered_plainly(keys)
    assert got is not keys

