"""The graph build's shortcuts of the eleventh session give what their plain forms give.

Each is compared with the plain form it replaces, on generated values with the odd cases
real exports have (missing values, repeated rows, unicode)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest
from coi_graph.graph.build import _column_codes
from coi_graph.links import NEG, POS, Link, MatchInfo, make_links, text_of
from tests.corp import make_corp
from tests.test_graph_build import built

_text = st.text(max_size=6)
_day = st.one_of(st.just(NEG), st.just(POS), st.integers(700_000, 750_000))
_row = st.fixed_dictionaries({
    "label": _text, "lo": _day, "hi": _day, "declared": st.booleans(),
    "evidence": st.lists(_text, max_size=2).map(tuple),
    "records": st.lists(st.tuples(_text, _text), max_size=2).map(tuple),
    "match": st.one_of(st.none(), st.builds(MatchInfo, _text, _text, st.floats(0, 1))),
    "status": st.one_of(st.none(), _text),
    "params": st.lists(st.tuples(_text, st.one_of(st.none(), _text)), max_size=2).map(tuple),
})
_FIELDS = ["label", "lo", "hi", "declared", "evidence", "records", "match", "status", "params"]


@settings(max_examples=200, deadline=None)
@given(st.lists(_row, max_size=12), st.sets(st.sampled_from(_FIELDS)),
       st.sampled_from(["officer", "identifier", "family"]), st.sampled_from(["", "officer"]))
def test_links_made_a_field_at_a_time_are_the_links_made_one_by_one(
        rows: list[dict], given_fields: set[str], kind: str, code: str) -> None:
    """Equal, hashing alike, the same repr, attributes, ``replace``, ``asdict``, copies and
    pickles as ``Link(...)`` per row; fields not given take their defaults, the ``same``
    ones are shared by all."""
    columns = {f: [r[f] for r in rows] for f in given_fields}
    same = {"kind": kind, "code": code, **({} if "label" in given_fields else {"label": "x"})}
    plain = [Link(**same, **{f: r[f] for f in given_fields}) for r in rows]
    got = make_links(len(rows), columns, **same)
    assert got == plain
    assert [type(x) for x in got] == [Link] * len(plain)
    assert [hash(x) for x in got] == [hash(x) for x in plain]
    assert [repr(x) for x in got] == [repr(x) for x in plain]
    for x, y in zip(got, plain):
        for f in dataclasses.fields(Link):
            assert getattr(x, f.name) is getattr(y, f.name) or getattr(x, f.name) == getattr(
                y, f.name)
        assert dataclasses.asdict(x) == dataclasses.asdict(y)
        assert dataclasses.replace(x, label="z") == dataclasses.replace(y, label="z")
        assert pickle.loads(pickle.dumps(x)) == y and copy.copy(x) == y
        with pytest.raises(dataclasses.FrozenInstanceError):
            x.label = "changed"  # type: ignore[misc]


def test_links_made_a_field_at_a_time_refuse_what_the_dataclass_refuses() -> None:
    with pytest.raises(TypeError, match="no value for label"):
        make_links(1, {}, kind="officer")
    with pytest.raises(TypeError, match="no field colour"):
        make_links(1, {"colour": ["red"]}, kind="officer", label="x")
    with pytest.raises(ValueError, match="2 values of lo for 3 links"):
        make_links(3, {"lo": [1, 2]}, kind="officer", label="x")
    assert make_links(0, {"label": []}, kind="officer") == []


def _codes_by_objects(column: pd.Series) -> tuple[list[int], list[str | None]]:
    """What ``_column_codes`` gave a text column before: every cell as a Python object,
    factorised by pandas, each distinct one read by ``text_of``."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    texts = [text_of(u) for u in uniques]
    return np.where(codes < 0, len(texts), codes).tolist(), texts + [None]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["", " ", "a", " a", "a ", "B", "é"]),
                          st.text(max_size=4)), max_size=40),
       st.sampled_from(["pyarrow", "python", "str"]), st.integers(1, 4))
def test_text_columns_factorised_as_held_are_those_factorised_as_objects(
        cells: list[str | None], storage: str, chunks: int) -> None:
    """The same codes (numbered in the order the cells first appear) and the same texts,
    whether the column is Arrow text in one chunk or several, or Python strings."""
    dtype = {"pyarrow": pd.StringDtype("pyarrow"), "python": pd.StringDtype("python"),
             "str": pd.StringDtype("pyarrow", na_value=np.nan)}[storage]  # ingest's "str"
    size = -(-len(cells) // chunks) or 1
    column = pd.concat([pd.Series(cells[i:i + size], dtype=dtype)
                        for i in range(0, len(cells), size)] or [pd.Series([], dtype=dtype)],
                       ignore_index=True)  # Arrow text in as many chunks
    if storage != "python" and len(cells) > size:
        assert column.array._pa_array.num_chunks > 1
    frame = pd.DataFrame({"x": column})
    codes, texts = _column_codes(frame, "x")
    assert (codes.tolist(), texts) == _codes_by_objects(column)


def test_an_identifier_held_twice_by_one_record_counts_that_holder_once(tmp_path: Path) -> None:
    """How common an identifier is counts distinct holders (the columnar pairs of
    identifier and holder): an employee listed twice with one IBAN, and one other holder,
    make two holders, a link under a cut-off of 2 and no hub; a third holder makes a hub."""
    from coi_graph.graph.build import _identifier_holders

    iban = "NL20INGB0001234567"
    twice = [{"employee_id": "E7", "name": "Piet Hein", "birth_date": "1960-01-01",
              "iban": iban, "postcode": "1234 AB", "house_number": str(n)} for n in (1, 2)]
    for extra, linked in (([], True), ([{"org_id": "O9", "name": "Hein B.V.", "iban": iban}],
                                        False)):
        data = make_corp(tmp_path / f"d{len(extra)}", extra_employees=twice + [
            {"employee_id": "E8", "name": "Els Hein", "birth_date": "1961-01-01",
             "iban": iban}], extra_organizations=extra)
        ds = ingest.read_dataset(data)
        assert len(ds.also("employees")) == 1  # E7's second row, a holder again
        linking, hubs = _identifier_holders(ds, 2)
        held = {(k, v): {h for h, _, _ in hs} for k, v, hs in linking}
        if linked:
            assert held[("iban", iban)] == {"employee:E7", "employee:E8"}
            assert f"iban:{iban}" not in hubs
        else:
            assert ("iban", iban) not in held and hubs[f"iban:{iban}"] == 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 3)),
                max_size=30), st.sampled_from([5, 2**21, 2**31]))
def test_rows_sorted_as_one_number_are_rows_sorted_by_lexsort(
        rows: list[tuple[int, int, int]], n: int) -> None:
    """The same order as ``np.lexsort`` (ties in their order), also where the columns do
    not fit one 64-bit number and lexsort runs itself."""
    from coi_graph.graph.reach_table import _sort_by

    a, b, c = (np.array([r[i] for r in rows], dtype=np.int32) for i in range(3))
    a, b = a * (n // 5), b * (n // 5)  # codes spread up to n
    assert _sort_by(a, b, n).tolist() == np.lexsort((b, a)).tolist()
    assert _sort_by(a, b, n, c, 3).tolist() == np.lexsort((c, b, a)).tolist()


def plain_edge_rows(g: nx.MultiGraph) -> list[tuple[Any, Any, Any, Link]]:
    """The edge table's rows by their definition: one per edge of the multigraph, from its
    end added first, sorted by the two ends' names and then the key as text."""
    added = {x: i for i, x in enumerate(g)}
    want = []
    for x, y, key, link in g.edges(keys=True, data="link"):
        x, y = (x, y) if added[x] <= added[y] else (y, x)
        want.append((x, y, key, link))
    want.sort(key=lambda e: (e[0], e[1], str(e[2])))
    return want


@settings(max_examples=300, deadline=None)
@given(built())
def test_the_edge_table_is_in_the_order_its_definition_gives(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]]) -> None:
    """Written out plainly: one row per edge of the multigraph, from its end added first,
    rows sorted by the two ends' names and then the key as text; per node (by name) its
    links sorted by the other end's name, then the row."""
    from coi_graph.graph.reach_table import EdgeTable

    g, log = case
    et = EdgeTable.from_edges(g, *log)
    want = plain_edge_rows(g)
    assert list(et.edges) == want
    names = sorted(g)
    assert et.nodes == names
    csr = []
    for i, node in enumerate(names):
        for j in range(et.off[i], et.off[i + 1]):
            csr.append((node, names[et.dst[j]], int(et.ref[j])))
    both = [(x, y, r) for r, (x, y, _, _) in enumerate(want)] + [
        (y, x, r) for r, (x, y, _, _) in enumerate(want)]
    assert csr == sorted(both)


@given(st.lists(st.integers(-2**40, 2**40), max_size=40))
def test_distinct_integers_by_sorting_are_np_unique(values: list[int]) -> None:
    from coi_graph.graph.build import _distinct

    arr = np.array(values, dtype=np.int64)
    got = _distinct(arr)
    assert got.dtype == np.unique(arr).dtype and got.tolist() == np.unique(arr).tolist()
