"""The twelfth session's shortcuts in the graph build give what their plain forms give.

The edge table sorts node names and finds the edges' ends by Arrow when every name is text
(``_arrow_texts``, ``_end_codes``, ``_text_order``) and keeps node and link kinds as they
are when every distinct one is text (``_texts_shared``); applicants are read only at the
rows they need (``_named``, ``_cells_at``), their identifiers looked up by one Arrow
``is_in`` (``_held_in``) among the identifier nodes the build made (``shared``).  Each is
checked here on hand-made values with odd cells (empty, None, duplicates, one row,
non-ASCII, lone surrogates, numbers) against the form it replaces.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest
from coi_graph.demo import generate
from coi_graph.graph import build as B
from coi_graph.graph.reach_table import (
    EdgeTable,
    _arrow_texts,
    _end_codes,
    _text_order,
    _texts_shared,
)
from coi_graph.links import Link, date_of
from coi_graph.match.records import PersonRecord
from coi_graph.policy import Policy

#: names that sort differently by UTF-16, by bytes or by length, or that UTF-8 cannot hold
ODD = ["", "a", "A", "ab", "a\x00", "é", "e\u0301", "\U0001d518", "\uffff", "z", "\udc80",
       "\x1c", " a", "a "]


@st.composite
def odd_graph(draw: st.DrawFn) -> tuple[nx.MultiGraph, tuple[list, list, list, list]]:
    """A multigraph over odd node names (text, some UTF-8 cannot hold, or all numbers),
    with repeated edges between the same ends under keys that sort differently as text."""
    if draw(st.booleans()):
        names = draw(st.lists(st.sampled_from(ODD) | st.text(max_size=3), min_size=1,
                              max_size=8, unique=True))
    else:
        names = draw(st.lists(st.integers(-5, 20), min_size=1, max_size=8, unique=True))
    g = nx.MultiGraph()
    for n in names:
        g.add_node(n, kind=draw(st.sampled_from(["employee", "organization", "officer",
                                                 "address", "", "é"])))
    log: tuple[list, list, list, list] = ([], [], [], [])
    for _ in range(draw(st.integers(0, 20))):
        a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        key = draw(st.sampled_from(["K", "k", "", "é", "\U0001d518", "\udc80", 3, 10]))
        link = Link(draw(st.sampled_from(["family", "officer", "identifier", "é"])), "x")
        g.add_edge(a, b, key=key, link=link)
        for part, value in zip(log, (a, b, key, link)):
            part.append(value)
    return g, log


@settings(max_examples=300, deadline=None)
@given(odd_graph())
def test_the_edge_table_of_odd_names_is_in_the_order_its_definition_gives(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]]) -> None:
    """Names sorted (and ends found) by Arrow where it can hold them, by Python where it
    cannot: the table is what its plain definition gives either way (rows by the ends'
    names, then the key as text; nodes by name; each kind as ``g.nodes`` holds it)."""
    g, log = case
    et = EdgeTable.from_edges(g, *log)
    assert et.nodes == sorted(g)
    assert et.code == {x: i for i, x in enumerate(sorted(g))}
    added = {x: i for i, x in enumerate(g)}
    want = []
    for x, y, key, link in g.edges(keys=True, data="link"):
        x, y = (x, y) if added[x] <= added[y] else (y, x)
        want.append((x, y, key, link))
    want.sort(key=lambda e: (e[0], e[1], str(e[2])))
    assert list(et.edges) == want
    assert et.node_kind.tolist() == [g.nodes[n]["kind"] for n in et.nodes]
    assert et.kind.tolist() == [link.kind for _, _, _, link in want]
    assert [et.nodes[i] for i in et.end_a.tolist()] == [e[0] for e in want]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ODD) | st.text(max_size=4), max_size=12))
def test_texts_in_arrow_order_are_texts_in_python_order(texts: list[str]) -> None:
    assert _text_order(texts).tolist() == sorted(range(len(texts)), key=texts.__getitem__)
    arrow = _arrow_texts(texts)
    if arrow is not None:  # held as they are, or not at all
        assert arrow.to_pylist() == texts
    else:
        assert any("\udc80" <= c <= "\udfff" or "\ud800" <= c <= "\udbff"
                   for t in texts for c in t)


def test_arrow_holds_only_lists_of_str() -> None:
    assert _arrow_texts([]) is not None and _arrow_texts(["a", 1]) is None
    assert _arrow_texts(["a", b"a"]) is None and _arrow_texts(["a", None]) is None


def _texts_factorized(values: list[Any]) -> list[Any]:
    """The form ``_texts_shared`` replaces: each value as text, factorised, taken back."""
    codes, uniques = pd.factorize(np.fromiter(
        (v if type(v) is str else str(v) for v in values), dtype=object, count=len(values)))
    return np.asarray(uniques, dtype=object)[codes].tolist()


class Word(str):
    """A str subclass (not a plain ``str``: kept apart as factorize would make it one)."""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "", "é", "a", None, 3, 3.0, Word("a"), ("x",)])
                | st.text(max_size=2), max_size=12))
def test_kinds_kept_as_they_are_equal_kinds_factorised(values: list[Any]) -> None:
    got = _texts_shared(values)
    assert got.dtype == object and got.tolist() == _texts_factorized(values)
    assert all(type(v) is str for v in got.tolist())


def test_kinds_of_one_text_share_one_object() -> None:
    a1, a2 = "".join(["ki", "nd"]), "".join(["kin", "d"])
    assert a1 is not a2
    got = _texts_shared([a1, a2, "x"]).tolist()
    assert got == ["kind", "kind", "x"] and got[0] is got[1] is a1
    assert _texts_shared([]).tolist() == [] and _texts_shared([["x"]]).tolist() == ["['x']"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ODD), min_size=1, max_size=8, unique=True), st.data())
def test_ends_found_by_arrow_are_ends_found_by_dict(names: list[str], data: Any) -> None:
    nodes = sorted(names)
    code = {x: i for i, x in enumerate(nodes)}
    added_codes = np.array([code[x] for x in names], dtype=np.int64)
    a = data.draw(st.lists(st.sampled_from(names), max_size=10))
    b = data.draw(st.lists(st.sampled_from(names), min_size=len(a), max_size=len(a)))
    plain = _end_codes(a, b, None, added_codes, code)
    fast = _end_codes(a, b, _arrow_texts(names), added_codes, code)
    assert [x.tolist() for x in fast] == [x.tolist() for x in plain]
    with pytest.raises(KeyError):  # an end that is no node, either way
        _end_codes(["nowhere"], ["a"], _arrow_texts(names), added_codes, code)


# -- applicants ------------------------------------------------------------------------

CELLS = [None, "", " ", "\x1c", "\xa0", "Jan", " Jan ", "Ⅸ", "Jan"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CELLS), min_size=1, max_size=12),
       st.sampled_from(["str", "string", "object"]))
def test_names_found_on_distinct_cells_are_names_found_row_by_row(
        cells: list[str | None], dtype: str) -> None:
    frame = pd.DataFrame({"n": pd.Series(cells, dtype=dtype)})
    by_row = frame["n"].astype("string").to_numpy(dtype=object, na_value=None)
    assert B._named(frame, "n").tolist() == [bool(c and c.strip()) for c in by_row]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CELLS + ["1234AB|1|", "É"]), min_size=1, max_size=12),
       st.sets(st.sampled_from(CELLS[1:] + ["1234AB|1|", "É", "zz"]), max_size=5),
       st.sampled_from(["str", "string", "object"]))
def test_identifiers_held_by_arrow_are_those_isin_finds(
        cells: list[str | None], values: set[str], dtype: str) -> None:
    column = pd.Series(cells, dtype=dtype)
    plain = [c is not None and c in values for c in
             column.to_numpy(dtype=object, na_value=None).tolist()]
    assert B._held_in(column, values).tolist() == plain
    at = np.arange(len(cells))[::-1]
    assert B._cells_at(column, at) == column.to_numpy(dtype=object,
                                                       na_value=None)[at].tolist()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    root = tmp_path_factory.mktemp("demo6")
    generate(root, "small", seed=7)
    ds = ingest.read_dataset(root / "data")
    return ds, B.build_graph(ds, Policy.default())


class _Swapped:
    """The demo's dataset with another allocations table."""

    def __init__(self, ds: Any, f: pd.DataFrame) -> None:
        self._ds, self._f = ds, f

    def frame(self, name: str) -> pd.DataFrame:
        return self._f if name == "allocations" else self._ds.frame(name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ds, name)


def test_co_applicants_are_the_probes_a_loop_over_the_rows_makes(
        demo: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Co-applicants read at their rows only: each decision id's first row naming one (a
    blank, whitespace or missing name is none; a row listing an id again is not another
    applicant), with the applicant's address, as the row-by-row loop made them."""
    ds, lg = demo
    f = ds.frame("allocations").copy()
    names = ["Anna de Vries", None, "", "  ", "\x1c", "Piet Hein", "Anna de Vries"]
    births = ["1970-01-02", None, "1970-01-02", None, None, "1969-12-31", None]
    co_n = [names[i % len(names)] for i in range(len(f))]
    co_b = [births[i % len(births)] for i in range(len(f))]
    f["co_applicant_name"] = pd.Series(co_n, index=f.index, dtype="str")
    f["co_applicant_birth_date"] = pd.to_datetime(pd.Series(co_b, index=f.index))
    f.loc[f.index[7], "decision_id"] = f["decision_id"].iloc[0]  # listed again, later
    f.loc[f.index[8], "decision_id"] = None
    f["decision_id"] = f["decision_id"].astype("str")
    seen: list[Any] = []
    monkeypatch.setattr(B, "match_people", lambda probes, *a, **k: seen.extend(probes) or [])
    B.attach_applicants(_Swapped(ds, f), lg, Policy.default())  # type: ignore[arg-type]
    ids = f["decision_id"].astype("string").to_numpy(dtype=object, na_value=None)
    first: dict[str, int] = {}
    for i, did in enumerate(ids):
        if did and did not in first:
            first[did] = i
    idents = B.identifier_values(f, "applicant_")
    street_city = B._street_city(f, "applicant_")
    co_names = f["co_applicant_name"].astype("string").to_numpy(dtype=object, na_value=None)
    co_births = f["co_applicant_birth_date"].to_numpy(dtype=object)
    plain = [PersonRecord(f"co_applicant:{d}", co_names[i], date_of(co_births[i]),
                          idents["address"][i], street_city[i])
             for d, i in first.items() if co_names[i] and co_names[i].strip()]
    co = [p for p in seen if p.key.startswith("co_applicant:")]
    assert co == plain and seen[-len(plain):] == plain
    assert any(p.birth_date for p in plain) and any(p.birth_date is None for p in plain)
    assert len(plain) < len(first)


def test_applicants_linked_through_the_shared_identifiers_given_or_found(
        demo: tuple[Any, Any]) -> None:
    """The identifier nodes handed over by the build (``shared``) give the same anchors as
    those found among the graph's nodes, also with odd cells in the allocations (missing,
    empty, a value held twice, a value no node has)."""
    ds, lg = demo
    linking, _ = B._identifier_holders(ds, Policy.default().paths.max_identifier_degree)
    assert linking  # the demo shares identifiers
    f = ds.frame("allocations").copy()
    ikind, value, _ = linking[0]
    col = {"address": None, "iban": "applicant_iban", "phone": "applicant_phone",
           "email": "applicant_email"}[ikind]
    anchors = {}
    for shared in (None, linking):
        g = lg.g.copy()
        one = B.LinkGraph(g, digests=B.RowDigests(ds))
        if col is not None:
            f[col] = pd.Series([value, None, "", value, "nobody"] * (len(f) // 5 + 1),
                               dtype="str").iloc[:len(f)].to_numpy()
        B.attach_applicants(_Swapped(ds, f), one, Policy.default(),  # type: ignore[arg-type]
                            shared=shared)
        anchors[shared is None] = sorted(one.anchor_index.items())
    assert anchors[True] == anchors[False]
    assert any(lk.kind == "identifier" for _, (_, _, lk) in anchors[True])
