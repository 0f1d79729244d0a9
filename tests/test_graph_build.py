"""Building the link graph from whole columns gives what building it row by row gave.

The edge table is made from the edges as the build adds them (``EdgeTable.from_edges``)
instead of from a walk over the networkx graph (``from_graph``): both must give the same
table, also when an edge is added twice (the multigraph keeps one, holding the last link)
or nodes are added in another order than their names sort.  Officer link ids are hashed in
one pass (``link_ids``) and row digests for many rows at once (``RowDigests.many``): both
must equal their one-at-a-time forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_proportional import FakeDataset, contracts

from coi_graph.graph.build import (
    RowDigests,
    _table_hashes,
    build_graph,
    link_id,
    link_ids,
)
from coi_graph.graph.reach_table import EdgeTable
from coi_graph.links import Link

KINDS = ("employee", "relative", "organization", "officer", "address")
LINK_KINDS = ("family", "officer", "identifier", "declaration", "same_person")


def same_table(x: EdgeTable, y: EdgeTable) -> None:
    assert x.nodes == y.nodes and x.code == y.code
    assert list(x.edges) == list(y.edges)
    for name in ("gate", "off", "dst", "lo", "hi", "ref", "end_a", "end_b", "hub", "passable"):
        assert np.array_equal(getattr(x, name), getattr(y, name)), name
    for name in ("kind", "node_kind"):
        assert getattr(x, name).tolist() == getattr(y, name).tolist(), name


@st.composite
def built(draw: st.DrawFn) -> tuple[nx.MultiGraph, tuple[list, list, list, list]]:
    """A multigraph made by a sequence of adds (nodes in a drawn order, some marked hubs;
    edges with keys that repeat, so some adds overwrite), and the log of those adds."""
    names = draw(st.lists(st.text("abcxyz", min_size=1, max_size=3), min_size=2, max_size=9,
                          unique=True))
    g = nx.MultiGraph()
    for n in names:  # not sorted: the order they were added decides each edge's direction
        g.add_node(n, kind=draw(st.sampled_from(KINDS)), **({"hub": 3} if draw(st.booleans())
                                                             and draw(st.booleans()) else {}))
    log: tuple[list, list, list, list] = ([], [], [], [])
    for _ in range(draw(st.integers(0, 25))):
        a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        key = draw(st.sampled_from(["K1", "K2", "k10", "K9", 3]))
        lo = draw(st.integers(0, 5))
        link = Link(draw(st.sampled_from(LINK_KINDS)), "x", lo=lo, hi=lo + draw(st.integers(0, 5)))
        g.add_edge(a, b, key=key, link=link)
        for part, value in zip(log, (a, b, key, link)):
            part.append(value)
    return g, log


@settings(max_examples=300, deadline=None)
@given(built())
def test_the_table_from_the_added_edges_is_the_table_of_the_graph(
        case: tuple[nx.MultiGraph, tuple[list, list, list, list]]) -> None:
    g, log = case
    same_table(EdgeTable.from_edges(g, *log), EdgeTable.from_graph(g))


def test_an_edge_added_twice_is_one_row_with_the_last_link() -> None:
    g = nx.MultiGraph()
    g.add_node("z", kind="employee")
    g.add_node("a", kind="organization")
    first, last = Link("officer", "first"), Link("officer", "last")
    log: tuple[list, list, list, list] = (["z", "a"], ["a", "z"], ["L", "L"], [first, last])
    g.add_edge("z", "a", key="L", link=first)
    g.add_edge("a", "z", key="L", link=last)
    et = EdgeTable.from_edges(g, *log)
    assert list(et.edges) == [("z", "a", "L", last)]  # from the node added first
    assert et.end_a.tolist() == [et.code["z"]] and et.gate.tolist() == [1, 0]


@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6)),
                max_size=20), st.sampled_from(["officer", "officer_of", "identifier"]))
def test_link_ids_in_one_pass_equal_link_id(rows: list[tuple[str, str, str]], code: str) -> None:
    a, b, records = ([r[i] for r in rows] for i in range(3))
    one = [link_id(x, y, Link("officer", "label", code=code, records=((r, "digest"),)))
           for x, y, r in rows]
    assert link_ids("officer", code, a, b, records) == one


@pytest.mark.parametrize("max_blocks, few", [(100, 4), (2, 4), (2, 1000)])
def test_many_row_digests_equal_the_digests_one_by_one(monkeypatch: pytest.MonkeyPatch,
                                                       max_blocks: int, few: int) -> None:
    """Fewer rows than MAX_BLOCKS are digested one by one (their blocks); more, while fewer
    than 1/FEW of the table, are hashed as those rows only; more hash the whole table once:
    the same digests every way, in the order asked."""
    monkeypatch.setattr(RowDigests, "BLOCK", 16)
    monkeypatch.setattr(RowDigests, "MAX_BLOCKS", max_blocks)
    monkeypatch.setattr(RowDigests, "FEW", few)
    frame = contracts(16 * 50)
    frame.loc[frame.index[300], "kind"] = None  # a row unlike its neighbours
    full = _table_hashes(frame, "contracts")
    asked = np.array([5, 0, 799, 5, 300])
    d = RowDigests(FakeDataset({"contracts": frame}))  # type: ignore[arg-type]
    assert d.many("contracts", asked) == [f"{int(full[p]):016x}" for p in asked]
    whole = len(asked) >= max_blocks and 4 * few >= len(frame)
    assert ("contracts" in d._cache) == whole
    assert d.many("contracts", np.array([], dtype=np.int64)) == []


def test_the_demo_graph_logs_every_edge_it_adds(tmp_path: Path) -> None:
    """The scan's edge table is made from the log of added edges: a link added to the graph
    without being logged would be missing from every path search."""
    import ingest
    from coi_graph.demo import generate
    from coi_graph.policy import Policy

    generate(tmp_path, "small", seed=7)
    lg = build_graph(ingest.read_dataset(tmp_path / "data"), Policy.default())
    assert lg.edge_log is None  # made into the table, then dropped
    same_table(lg.edge_table, EdgeTable.from_graph(lg.g))
    kinds = {link.kind for _, _, _, link in lg.edge_table.edges}
    assert {"officer", "family", "identifier"} <= kinds
    assert lg.counts["edges"] == lg.g.number_of_edges()
    assert lg.counts["nodes"] == lg.g.number_of_nodes()
    assert lg.counts["officer_people"] == sum(1 for _, k in lg.g.nodes(data="kind")
                                              if k == "officer") > 0


# -- the KvK officers: columnar as row by row -------------------------------------------------


class _OfficersByRows:
    """:func:`~coi_graph.graph.build.match_officers` and ``add`` as they were written row by
    row (a dict per row, a dict lookup per name), kept here as the reference the columnar
    code must equal."""

    def __init__(self, ds, lg, policy, kvk_to_org, judgements=None, *, with_rejected=False,
                 matches=None):
        from coi_graph.graph import build as B
        from coi_graph.links import date_of, text_of
        from coi_graph.match.records import PersonRecord, match_people
        from coi_graph.schema import node_key

        self.ds, self.kvk_to_org, self.rows = ds, kvk_to_org, []
        out = lg.matches if matches is None else matches  # (the build hands a list of its own)
        g = lg.g
        for r in B.frame_rows(ds.frame("officers")):
            oid = text_of(r.get("org_id")) or kvk_to_org.get(text_of(r.get("kvk_number")) or "")
            name = text_of(r.get("name"))
            if oid and name and node_key("organization", oid) in g:
                bd = date_of(r.get("birth_date"))
                pn = B.parse_name(name)
                shape = (" ".join(pn.given_names + pn.surnames), B.fold_text(pn.display),
                         pn.display)
                self.rows.append({"r": r, "oid": oid, "name": name, "bd": bd, "shape": shape,
                                  "iso": bd.isoformat() if bd else "",
                                  "role": text_of(r.get("role")),
                                  "holder": text_of(r.get("officer_kvk_number"))})
        seen: dict[str, int] = {}
        for row in self.rows:
            row["record"] = B._officer_record_key(row["oid"], row["shape"][0], row["iso"],
                                                  row["role"])
            c = seen[row["record"]] = seen.get(row["record"], 0) + 1
            row["key"] = row["record"] if c == 1 else f"{row['record']}#{c}"
        # a link's record: one role of one person at one organization listed for several
        # periods is told apart by period, the earliest keeping the bare key
        first: dict[str, tuple[int, int]] = {}
        for row in self.rows:
            r = row["r"]
            row["period"] = (r["valid_from"] or 0, r["valid_until"] or 0)
            first[row["record"]] = min(first.get(row["record"], row["period"]), row["period"])
        for row in self.rows:
            lo, hi = row["period"]
            row["link_record"] = (row["record"] if row["period"] == first[row["record"]]
                                  else f"{row['record']}@{lo}-{hi}")
        probes = [PersonRecord(row["key"], row["name"], row["bd"], None)
                  for row in self.rows if row["holder"] is None]
        self.linked = []
        by_key = {row["key"]: row for row in self.rows}
        for m in match_people(probes, lg.people, policy.matching, judgements,
                              with_rejected=with_rejected):
            if m.reference not in g:
                continue
            row = by_key[m.probe]
            if m.band == "rejected":
                out.append(B._match_row("officer", row["record"], m))
                continue
            row["matched"] = True
            self.linked.append((row, m))
            out.append(B._match_row("officer", ds.cite("officers", row["r"]["_line"]), m))

    def add(self, lg):
        from dataclasses import replace

        from coi_graph.graph import build as B
        from coi_graph.schema import node_key

        g = lg.g

        def link(row, match=None):
            r, role = row["r"], row["role"]
            return Link("officer", f"{role or 'functie'}, KvK", r["valid_from"] or B.NEG,
                        r["valid_until"] or B.POS, False, (self.ds.cite("officers", r["_line"]),),
                        ((row["link_record"], lg.digests("officers", r["_pos"])),), match, None,
                        "officer", (("role", role),))

        for row, m in self.linked:
            org = node_key("organization", row["oid"])
            lk = link(row, B.match_info(m))
            # the match cites the employee's or relative's row beside the officer's
            ref = g.nodes[m.reference]
            table = {"employee": "employees", "relative": "relatives"}[ref["kind"]]
            lk = replace(lk, evidence=(*lk.evidence, self.ds.cite(table, ref["line"])))
            lg.add_edge(m.reference, org, B.link_id(m.reference, org, lk), lk)
        people: dict[tuple[str, str, str], str] = {}
        for row in self.rows:
            if row["holder"] is not None or row.get("matched"):
                continue
            pid = (row["shape"][1], row["iso"], "" if row["iso"] else row["oid"])
            if pid not in people:
                ident = B._person_ident(row["shape"][1], row["iso"], row["oid"])
                people[pid] = node_key("officer", ident)
                if people[pid] not in g:
                    g.add_node(people[pid], kind="officer", ident=ident,
                               label=row["shape"][2] or row["name"],
                               birth_date=row["iso"] or None)
            org = node_key("organization", row["oid"])
            lk = link(row)
            lg.add_edge(people[pid], org, B.link_id(people[pid], org, lk), lk)
        for row in self.rows:
            if row["holder"] is None:
                continue
            holder_id = self.kvk_to_org.get(row["holder"]) or f"kvk:{row['holder']}"
            holder, org = node_key("organization", holder_id), node_key("organization", row["oid"])
            if holder == org:
                continue
            if holder not in g:
                g.add_node(holder, kind="organization", ident=holder_id, label=row["name"],
                           kvk=row["holder"], org_type=None, extract_only=True)
            base = link(row)
            label = g.nodes[org]["label"]
            lk = replace(base, label=f"{base.label.split(',')[0]} van {label}, KvK",
                         code="officer_of", params=(*base.params, ("organization", label)))
            lg.add_edge(holder, org, B.link_id(holder, org, lk), lk, officer=holder)


def _hostile_officers(data: Path) -> None:
    """Rows a KvK extract of others may hold, appended to the demo's officers.csv: one person
    at two suppliers (with and without a birth date, written two ways), a row listed twice,
    padding, an organization officer of itself and one not in the vendor master, an employee
    as officer, roles in other cases or missing."""
    import ingest

    ds = ingest.read_dataset(data)
    orgs = ds.frame("organizations")["kvk_number"].dropna().tolist()
    emp = ds.frame("employees").iloc[3]
    a, b, c = orgs[0], orgs[1], orgs[2]
    bd = emp["birth_date"].strftime("%Y-%m-%d")
    rows = [
        f"{a},Jan de Vries,bestuurder,1970-01-02,2010-01-01,,",
        f"{b},\"Vries, Jan de\",Bestuurder,1970-01-02,2011-01-01,2020-05-05,",
        f"{a},Jan de Vries,bestuurder,1970-01-02,2010-01-01,,",
        f"{a},Jan de Vries,BESTUURDER,,,,",
        f"{b},J. de Vries,,,2012-01-01,,",
        f"{c},\"  Mehmet Bourgondië, van  \",commissaris,1965-03-04,,,",
        f"{c},\"Mehmet  Bourgondië\",commissaris,1965-03-04,,,",
        f"{a},Holding Een B.V.,aandeelhouder,,2015-01-01,,{a}",
        f"{a},Holding Twee B.V.,aandeelhouder,,2015-01-01,,12345678",
        f"{b},Holding Twee B.V.,aandeelhouder,,,,12345678",
        f"{c},{b} Holding,aandeelhouder,,,,{b}",
        f"{c},\"{emp['name']}\",bestuurder,{bd},2001-01-01,,",
        f"{b},Mohamed El Amrani,ubo,,,,",
        f"{b},(onbekend),Procuratiehouder,,,,",
        f"{c},Karel Gevolmachtigde,Gevolmachtigde Directeur,1950-05-05,,,",
        f"{a},Mohamed El Amrani,ubo,,,,",
    ]
    path = data / "officers.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _graph_as_lists(lg) -> tuple:
    return (list(lg.g.nodes(data=True)), list(lg.g.edges(keys=True, data=True)), lg.matches,
            lg.counts)


def test_the_officers_built_from_columns_are_the_officers_built_row_by_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same nodes, links, ids and matches, in the same order, as the row-by-row code
    gave, on the demo's extract with hostile rows added."""
    import ingest
    from coi_graph.demo import generate
    from coi_graph.graph import build as B
    from coi_graph.policy import Policy

    generate(tmp_path, "small", seed=7)
    _hostile_officers(tmp_path / "data")

    def read() -> ingest.Dataset:
        ds = ingest.read_dataset(tmp_path / "data")
        assert not ds.errors
        f = ds.frame("officers")  # as a reader that normalises less would leave them
        f.loc[f.index[-2], "role"] = "Procuratiehouder"
        f.loc[f.index[-3], "name"] = "  Jan de Vries "
        # rows ingest would have refused: a company not in the vendor master, no name
        f.loc[f.index[0], ["org_id", "kvk_number"]] = [None, "99999999"]
        f.loc[f.index[1], "name"] = None
        return ds

    columnar = _graph_as_lists(build_graph(read(), Policy.default()))
    monkeypatch.setattr(B, "match_officers", _OfficersByRows)
    by_rows = _graph_as_lists(build_graph(read(), Policy.default()))
    assert columnar[0] == by_rows[0]
    assert columnar[1] == by_rows[1]
    assert columnar[2:] == by_rows[2:]
    officer_links = [e for e in columnar[1] if e[3]["link"].kind == "officer"]
    assert any(e[3]["link"].match is not None for e in officer_links)  # an employee matched
    assert any(e[3]["link"].code == "officer_of" for e in officer_links)  # a holding
    labels = {d.get("label") for _, d in columnar[0]}
    assert "Jan de Vries" in labels and "Holding Twee B.V." in labels


def _adjacency(g: nx.MultiGraph) -> list:
    """Everything of a multigraph in its own order: nodes with their attributes, and per node
    its neighbours, keys and data in the order the dicts hold them, and which key dicts the
    two ends share."""
    adj = [(u, [(v, list(kd.items()), kd is g._adj[v][u]) for v, kd in nbrs.items()])
           for u, nbrs in g._adj.items()]
    return [list(g._node.items()), adj]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abc", min_size=1, max_size=2), max_size=4, unique=True),
       st.lists(st.tuples(st.text("abcd", min_size=1, max_size=2),
                          st.text("abcd", min_size=1, max_size=2),
                          st.sampled_from(["K1", "K2", "K3", 7]), st.integers(0, 9)),
                max_size=30))
def test_adding_many_edges_at_once_is_adding_them_one_by_one(
        before: list[str], edges: list[tuple[str, str, Any, int]]) -> None:
    """The same nodes (ends not yet in the graph added bare), the same key dicts shared by
    both ends, the last link of a repeated key (other attributes of the edge kept),
    self-loops: dict by dict, in order."""
    from coi_graph.graph.build import add_multi_edges

    one, many = nx.MultiGraph(), nx.MultiGraph()
    for g in (one, many):
        g.add_nodes_from((n, {"kind": "employee"}) for n in before)
        for x, y in zip(before, before[1:] + before[:1]):  # links added with more attributes
            g.add_edge(x, y, key="K1", link=-1, officer=x)
    for x, y, key, link in edges:
        one.add_edge(x, y, key=key, link=link)
    add_multi_edges(many, *([e[i] for e in edges] for i in range(4)))
    assert _adjacency(many) == _adjacency(one)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("abc", min_size=1, max_size=2), max_size=4, unique=True),
       st.lists(st.tuples(st.text("abcd", min_size=1, max_size=2),
                          st.dictionaries(st.sampled_from(["kind", "label", "hub"]),
                                          st.integers(0, 3), max_size=3)), max_size=20))
def test_adding_many_nodes_at_once_is_adding_them_with_networkx(
        before: list[str], items: list[tuple[str, dict[str, int]]]) -> None:
    """New nodes get their attributes, a node met again has them updated, in order."""
    from coi_graph.graph.build import add_nodes

    one, many, given = nx.MultiGraph(), nx.MultiGraph(), nx.MultiGraph()
    for g in (one, many, given):
        g.add_nodes_from((n, {"kind": "employee", "label": n}) for n in before)
    one.add_nodes_from(items)
    add_nodes(many, items)
    assert _adjacency(many) == _adjacency(one)
    # handed over (owned): a new node keeps the very dict, and the graph is the same
    fresh = [(n, dict(attrs)) for n, attrs in items]
    add_nodes(given, fresh, owned=True)
    assert _adjacency(given) == _adjacency(one)
    assert list(given.nodes(data=True)) == list(one.nodes(data=True))
    for n, attrs in fresh:
        if n not in before and next(a for m, a in fresh if m == n) is attrs:
            assert given.nodes[n] is attrs  # the first dict given for a new node


def test_person_records_from_columns_are_the_records_row_by_row(tmp_path: Path) -> None:
    """Employees and relatives as match records: from columns as from a dict per row, with
    blanks, padding and missing values a reader may leave in the cells."""
    import ingest
    from coi_graph.demo import generate
    from coi_graph.graph.build import _street_city, frame_rows, identifier_values, person_records
    from coi_graph.links import date_of, text_of
    from coi_graph.match.records import PersonRecord
    from coi_graph.schema import node_key
    from ingest.identifiers import address_key

    generate(tmp_path, "small", seed=7)
    ds = ingest.read_dataset(tmp_path / "data")
    emp, rel = ds.frame("employees"), ds.frame("relatives")
    emp.loc[emp.index[0], "name"] = "   "
    emp.loc[emp.index[1], "employee_id"] = None
    emp.loc[emp.index[2], "name"] = "  Vries, Jan de "
    emp.loc[emp.index[3], ["postcode", "birth_date"]] = None
    rel.loc[rel.index[0], "relative_id"] = " R9 "
    rel.loc[rel.index[1], "house_number"] = None
    expected = []
    for table, idcol, kind in (("employees", "employee_id", "employee"),
                               ("relatives", "relative_id", "relative")):
        frame = ds.frame(table)
        idents, street_city = identifier_values(frame), _street_city(frame)
        for i, r in enumerate(frame_rows(frame)):
            ident, name = text_of(r.get(idcol)), text_of(r.get("name"))
            if ident and name:
                expected.append(PersonRecord(
                    node_key(kind, ident), name, date_of(r.get("birth_date")),
                    address_key(text_of(r.get("postcode")), text_of(r.get("house_number")),
                                text_of(r.get("house_number_addition"))),
                    street_city[i], idents["iban"][i], idents["email"][i], idents["phone"][i]))
    got = person_records(ds)
    assert got == expected
    assert len(got) == len(emp) + len(rel) - 2
    assert any(p.key == "relative:R9" for p in got) and any(p.birth_date is None for p in got)
