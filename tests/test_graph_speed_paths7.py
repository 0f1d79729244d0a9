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
from tests.test_graph_speed_paths5 import plain_edge_rows

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
    want = plain_edge_rows(g)
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


# -- shared identifiers ------------------------------------------------------------------


class _Frames:
    """A dataset of hand-made frames (``also``: rows merged into another of their id)."""

    def __init__(self, frames: dict[str, pd.DataFrame], also: dict[str, pd.DataFrame]) -> None:
        self._frames, self._also = frames, also

    def frame(self, name: str) -> pd.DataFrame:
        return self._frames.get(name, pd.DataFrame())

    def also(self, name: str) -> pd.DataFrame:
        return self._also.get(name, pd.DataFrame())

    def cite(self, table: str, line: Any) -> str:
        return f"{table}.csv:{line}"


def _holders_plain(ds: Any, limit: int) -> tuple[list[Any], dict[str, int]]:
    """The reference, row by row in the order the build reads them (per table its rows,
    then its merged rows; per row address, IBAN, phone, e-mail): each identifier's holders
    in that order, the identifiers in the order they first appear; how common each is
    counted on distinct holders plus the applicants holding it."""
    from coi_graph.links import text_of

    holders: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for table, idcol, kind in (("employees", "employee_id", "employee"),
                               ("relatives", "relative_id", "relative"),
                               ("organizations", "org_id", "organization")):
        for frame in (ds.frame(table), ds.also(table)):
            if not len(frame):
                continue
            ids = [text_of(v) for v in frame[idcol].to_numpy(dtype=object)]
            for ikind, values in B.identifier_values(frame).items():
                for ident, line, v in zip(ids, frame["_line"].tolist(), values):
                    if ident and v is not None:
                        holders.setdefault((ikind, v), []).append(
                            (f"{kind}:{ident}", ds.cite(table, line), f"{table}:{ident}:{ikind}"))
    applicants: dict[tuple[str, str], int] = {}
    for ikind, values in B.identifier_values(ds.frame("allocations"), "applicant_").items():
        for v in values:
            if v is not None:
                applicants[(ikind, v)] = applicants.get((ikind, v), 0) + 1
    out, hubs = [], {}
    for (ikind, value), hs in holders.items():
        degree = len({h for h, _, _ in hs}) + applicants.get((ikind, value), 0)
        if degree > limit:
            hubs[f"{ikind}:{value}"] = degree
        elif degree >= 2:
            out.append((ikind, value, hs))
    return out, hubs


def _people(rows: list[dict[str, Any]], idcol: str, dtype: str, line0: int) -> pd.DataFrame:
    cols = [idcol, "postcode", "house_number", "house_number_addition", "iban", "phone", "email"]
    f = pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=dtype) for c in cols})
    f["_line"] = np.arange(line0, line0 + len(rows))
    return f


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_identifier_holders_numbered_from_id_codes_are_those_of_the_rows(dtype: str) -> None:
    """Holders numbered from each table's id codes (the table's rows and its merged rows
    together) instead of 'kind:id' strings: the same identifiers, holders, order and hubs
    as reading the rows one by one, with odd ids (padded, empty, missing, one id in two
    tables, an id listed twice and merged), empty and missing values and a one-row table."""
    iban, mail = "NL02ABNA0123456789", "a@b.nl"
    emp = _people([
        {"employee_id": " E1 ", "iban": iban, "postcode": "1234AB", "house_number": "1"},
        {"employee_id": "E2", "iban": iban, "email": ""},
        {"employee_id": "", "iban": iban, "phone": "0612345678"},
        {"employee_id": None, "email": mail},
        {"employee_id": "E3", "email": mail, "postcode": "1234AB", "house_number": "1",
         "house_number_addition": "a"},
        {"employee_id": "E4", "postcode": None, "house_number": "1", "phone": "0612345678"},
    ], "employee_id", dtype, 2)
    also = _people([{"employee_id": "E1", "iban": iban, "email": mail},
                    {"employee_id": "E9", "phone": "0612345678"}], "employee_id", dtype, 9)
    rel = _people([{"relative_id": "E1", "iban": iban, "email": mail},
                   {"relative_id": "R2", "postcode": "1234AB", "house_number": "1"}],
                  "relative_id", dtype, 2)
    org = _people([{"org_id": "O1", "phone": "0612345678", "email": " "}], "org_id", dtype, 2)
    alloc = pd.DataFrame({"applicant_email": pd.Series([mail, None, "x@y.nl"], dtype=dtype),
                          "applicant_phone": pd.Series(["0612345678"] * 3, dtype=dtype)})
    ds = _Frames({"employees": emp, "relatives": rel, "organizations": org,
                  "allocations": alloc}, {"employees": also})
    for limit in (1, 2, 3, 4, 5, 50):
        assert B._identifier_holders(ds, limit) == _holders_plain(ds, limit), limit
    linking, hubs = B._identifier_holders(ds, 4)
    held = {(k, v): [h for h, _, _ in hs] for k, v, hs in linking}
    # E1 holds the IBAN twice (its own row and its merged row): one holder of three
    assert held[("iban", iban)] == ["employee:E1", "employee:E2", "employee:E1",
                                    "relative:E1"]
    # the e-mail: two employees and a relative (the row without id holds none) and an
    # applicant; the phone: three holders and three applicants
    assert held[("email", mail)] == ["employee:E3", "employee:E1", "relative:E1"]
    assert hubs == {"phone:0612345678": 6}
    one = _Frames({"organizations": org}, {})
    assert B._identifier_holders(one, 5) == ([], {}) == _holders_plain(one, 5)


# -- detection ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(odd_graph(), st.lists(st.sampled_from(["K", "k", "", "3", "10", "é", "\U0001d518",
                                              "\udc80", "nowhere"]), max_size=6),
       st.booleans())
def test_links_found_by_their_ids_are_the_rows_of_the_link_index(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]], asked: list[str],
        batch: bool) -> None:
    """A candidate's links are found by one pass over the keys for the ids asked for
    (set look-ups when every key is a str, the keys read as text otherwise) instead of a
    dict of every key: for every id (keys repeated between other ends, numbers read as
    text, unknown ids) the row :attr:`link_index` gives, asked for one by one or first all
    together."""
    from coi_graph.rules.detect import DetectionContext

    g, log = case
    ctx = object.__new__(DetectionContext)
    ctx.__dict__.update(edge_table=EdgeTable.from_edges(g, *log), _link_row={},
                        _link_keys=None)
    index = ctx.link_index
    ids = asked + list(index)
    if batch:
        ctx._find_links(ids)
    for lid in ids:
        assert ctx._link(lid) == index.get(lid)


def test_links_found_together_are_the_rows_of_the_link_index() -> None:
    """Every key a str (looked up as they are): several ids looked up in one pass, a key
    repeated between other ends (the last row is kept), an id no row has."""
    from coi_graph.rules.detect import DetectionContext

    g = nx.MultiGraph()
    for n in ("a", "b", "c", "é"):
        g.add_node(n, kind="employee")
    log: tuple[list, list, list, list] = ([], [], [], [])
    for a, b, key in (("a", "b", "K1"), ("c", "b", "K1"), ("a", "é", ""), ("b", "é", "K2"),
                      ("a", "c", "\U0001d518")):
        link = Link("family", "x")
        g.add_edge(a, b, key=key, link=link)
        for part, value in zip(log, (a, b, key, link)):
            part.append(value)
    ctx = object.__new__(DetectionContext)
    ctx.__dict__.update(edge_table=EdgeTable.from_edges(g, *log), _link_row={},
                        _link_keys=None)
    index = ctx.link_index
    ids = ["nowhere", *index]
    ctx._find_links(ids)
    assert ctx._link_keys is True  # every key a str
    assert ctx._link_row["nowhere"] is None
    for lid in ids:
        assert ctx._link(lid) == index.get(lid)
    # rows (a, b, K1), (a, c), (a, é), (b, c, K1), (b, é): K1's last row is kept
    assert ctx._link("K1")[:2] == ("b", "c") and ctx._link_row["K1"] == 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["organization:", "organization:O1", "organization:é",
                                 "organization:\U0001d518", "organization;", "organizatio",
                                 "organization:\udc80", "employee:O1", "organization: O1",
                                 "organization:O10", "organization:O1 "])
                | st.text(max_size=3), unique=True, max_size=10),
       st.lists(st.sampled_from(["O1", "", "é", "\U0001d518", "O10", " O1", "O1 ", "x",
                                 "\udc80"]), max_size=8))
def test_organizations_node_codes_found_by_arrow_are_the_look_ups_one_by_one(
        names: list[str], orgs: list[str]) -> None:
    """Each organization's node code from the run of sorted names under the prefix (one
    Arrow ``index_in``) is the code the table's ``code`` dict gives ``organization:`` and
    the id, -1 where no node has it; None (the caller looks up one by one) only where Arrow
    cannot hold the names or ids."""
    from coi_graph.rules.detect import _codes_under

    nodes = sorted(names)
    code = {x: i for i, x in enumerate(nodes)}
    got = _codes_under(nodes, "organization:", pd.Index(orgs, dtype=object))
    plain = [code.get("organization:" + o, -1) for o in orgs]
    if got is None:
        assert not orgs or any("\udc80" in x for x in nodes + orgs)
    else:
        assert got.dtype == np.int64 and got.tolist() == plain
