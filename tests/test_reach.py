"""The per-person path search against a brute-force search over all simple paths."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.links import NEG, POS, Link
from coi_graph.graph.reach import reach

KINDS = ["employee", "relative", "organization", "address"]


@st.composite
def dated_graphs(draw: st.DrawFn) -> tuple[nx.MultiGraph, str, int]:
    n = draw(st.integers(2, 8))
    g = nx.MultiGraph()
    for i in range(n):
        kind = "employee" if i == 0 else draw(st.sampled_from(KINDS))
        g.add_node(f"n{i}", kind=kind)
    n_edges = draw(st.integers(0, 14))
    for _ in range(n_edges):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if a == b:
            continue
        lo = draw(st.one_of(st.just(NEG), st.integers(0, 20)))
        hi = draw(st.one_of(st.just(POS), st.integers(0, 20)))
        g.add_edge(f"n{a}", f"n{b}", link=Link("family", "x", lo=lo, hi=hi))
    k = draw(st.integers(1, 4))
    return g, "n0", k


def _passes(g: nx.MultiGraph, inner: list[str], link: Link) -> bool:
    """The walk rule, written out on its own: a path goes on from its inner nodes so far
    (``inner``, the last one where it stands) over ``link`` when none of them is a hub
    organization or KvK officer and, once one of them is an organization, ``link`` is a KvK
    officer link."""
    kinds = [g.nodes[n]["kind"] for n in inner]
    if g.nodes[inner[-1]].get("hub") and kinds[-1] in ("organization", "officer"):
        return False
    return "organization" not in kinds or link.kind == "officer"


def brute_force(g: nx.MultiGraph, source: str, k: int) -> set[tuple]:
    """All simple edge paths of <= k links whose links overlap in time and that leave every
    inner node as the walk rule allows (:func:`_passes`)."""
    found = set()
    for target in g.nodes:
        if target == source:
            continue
        for path in nx.all_simple_edge_paths(g, source, target, cutoff=k):
            links = [g.edges[e]["link"] for e in path]
            here, ok, inner = source, True, []
            for i, (a, b, _key) in enumerate(path):
                if i > 0 and not _passes(g, inner, links[i]):
                    ok = False
                here = b if here == a else a
                inner.append(here)
            lo = max([NEG] + [lk.lo for lk in links])
            hi = min([POS] + [lk.hi for lk in links])
            if ok and lo <= hi:
                found.add((target, tuple((a, b, key) for a, b, key in path), lo, hi))
    return found


@settings(max_examples=300, deadline=None)
@given(dated_graphs())
def test_reach_finds_exactly_the_brute_force_paths(case: tuple[nx.MultiGraph, str, int]) -> None:
    g, source, k = case
    ours = {(h.target, h.edges, h.lo, h.hi) for h in reach(g, source, k)}
    hits = reach(g, source, k)
    assert len(hits) == len(ours), "a path was reported twice"
    assert ours == brute_force(g, source, k)


def test_validity_interval_is_the_overlap_of_all_links() -> None:
    g = nx.MultiGraph()
    for n, kind in [("e", "employee"), ("r", "relative"), ("o", "organization")]:
        g.add_node(n, kind=kind)
    g.add_edge("e", "r", link=Link("family", "partner", lo=10, hi=20))  # a former partner
    g.add_edge("r", "o", link=Link("officer", "bestuurder", lo=15))
    [to_r, to_o] = reach(g, "e", 3)
    assert (to_o.target, to_o.lo, to_o.hi) == ("o", 15, 20)
    # a role that starts after the relationship ended never links the two
    g.add_edge("r", "o", link=Link("officer", "commissaris", lo=25))
    assert [(h.target, h.lo) for h in reach(g, "e", 3)] == [("r", 10), ("o", 15)]


def test_organizations_end_a_path_and_k_bounds_it() -> None:
    g = nx.MultiGraph()
    for n, kind in [("e", "employee"), ("o1", "organization"), ("a", "address"),
                    ("o2", "organization")]:
        g.add_node(n, kind=kind)
    g.add_edge("e", "o1", link=Link("declaration", "aandeelhouder"))
    g.add_edge("o1", "a", link=Link("identifier", "adres"))
    g.add_edge("a", "o2", link=Link("identifier", "adres"))
    assert [h.target for h in reach(g, "e", 3)] == ["o1"]
    g.add_edge("e", "a", link=Link("identifier", "adres"))
    assert sorted(h.target for h in reach(g, "e", 2)) == ["a", "o1", "o1", "o2"]
    assert sorted(h.target for h in reach(g, "e", 1)) == ["a", "o1"]


def test_same_graph_same_order() -> None:
    g = nx.MultiGraph()
    g.add_node("e", kind="employee")
    for i in range(5):
        g.add_node(f"r{i}", kind="relative")
        g.add_edge("e", f"r{i}", link=Link("family", "child"))
    assert [h.target for h in reach(g, "e", 2)] == [f"r{i}" for i in range(5)]


# -- the columnar reach gives exactly the same paths -------------------------------------

import numpy as np  # noqa: E402

from coi_graph.graph.reach_table import EdgeTable, reach_all  # noqa: E402


def columnar_paths(g: nx.MultiGraph, source: str, k: int) -> set[tuple]:
    et = EdgeTable.from_graph(g)
    pt = reach_all(et, np.array([et.code[source]]), np.array([NEG]), np.array([POS]), k)
    out = set()
    for i in range(len(pt)):
        h = et.hit(pt.nodes[i], pt.refs[i], int(pt.lo[i]), int(pt.hi[i]))
        out.add((h.target, h.edges, h.lo, h.hi))
    assert len(out) == len(pt), "a path was reported twice"
    return out


@settings(max_examples=300, deadline=None)
@given(dated_graphs())
def test_columnar_reach_equals_brute_force(case: tuple[nx.MultiGraph, str, int]) -> None:
    g, source, k = case
    # the brute force orients edges as networkx stores them; compare as sets of edge keys
    canon = lambda paths: {(t, tuple((frozenset(e[:2]), e[2]) for e in es), lo, hi)  # noqa: E731
                           for t, es, lo, hi in paths}
    assert canon(columnar_paths(g, source, k)) == canon(brute_force(g, source, k))


# -- employment dates and mixed link kinds ---------------------------------------------------
# Detection starts every handler's walk with their employment as the running interval and
# walks links of every kind (family, declarations, KvK roles, shared identifiers, person
# matches).  Both searches must equal the brute force under those conditions too, and the
# columnar one must keep each source's own employment when many sources are walked at once.

LINK_KINDS = [("family", "partner"), ("family", "child"), ("declaration", "aandeelhouder"),
              ("officer", "bestuurder"), ("identifier", "adres"), ("identifier", "IBAN"),
              ("same_person", "same name + birth date"), ("officer", "aandeelhouder")]
# organizations and KvK officer persons come twice: paths through holdings need several
NODE_KINDS = ["employee", "relative", "organization", "organization", "address", "iban",
              "phone", "officer", "officer"]


def _bound(draw: st.DrawFn, open_end: int) -> int:
    return draw(st.one_of(st.just(open_end), st.integers(0, 20)))


@st.composite
def employed_graphs(draw: st.DrawFn) -> tuple[nx.MultiGraph, dict[str, tuple[int, int]], int]:
    """A graph with mixed node and link kinds; each employee has an employment interval
    (open-ended, bounded, or empty when it ends before it starts)."""
    n = draw(st.integers(2, 8))
    g = nx.MultiGraph()
    for i in range(n):
        kind = "employee" if i == 0 else draw(st.sampled_from(NODE_KINDS))
        # the hub cut-off marks organizations and officers with too many officer links
        hub = draw(st.integers(0, 3)) == 0 if kind in ("organization", "officer") else False
        g.add_node(f"n{i}", kind=kind, **({"hub": 30} if hub else {}))
    for _ in range(draw(st.integers(0, 16))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if a != b:
            kind, label = draw(st.sampled_from(LINK_KINDS))
            g.add_edge(f"n{a}", f"n{b}", link=Link(kind, label, lo=_bound(draw, NEG),
                                                   hi=_bound(draw, POS)))
    employment = {v: (_bound(draw, NEG), _bound(draw, POS))
                  for v in g.nodes if g.nodes[v]["kind"] == "employee"}
    return g, employment, draw(st.integers(1, 4))


def brute_force_employed(g: nx.MultiGraph, source: str, k: int, lo: int, hi: int) -> set[tuple]:
    """The brute force above, with the walk's interval starting as the employment."""
    if lo > hi:
        return set()
    out = set()
    for target, path, plo, phi in brute_force(g, source, k):
        nlo, nhi = max(lo, plo), min(hi, phi)
        if nlo <= nhi:
            out.add((target, path, nlo, nhi))
    return out


def _canon(paths: set[tuple]) -> set[tuple]:
    return {(t, tuple((frozenset(e[:2]), e[2]) for e in es), lo, hi) for t, es, lo, hi in paths}


@settings(max_examples=150, deadline=None)
@given(employed_graphs())
def test_reach_within_the_employment_equals_brute_force(
        case: tuple[nx.MultiGraph, dict[str, tuple[int, int]], int]) -> None:
    g, employment, k = case
    lo, hi = employment["n0"]
    hits = reach(g, "n0", k, lo, hi)
    ours = {(h.target, h.edges, h.lo, h.hi) for h in hits}
    assert len(hits) == len(ours), "a path was reported twice"
    assert ours == brute_force_employed(g, "n0", k, lo, hi)
    assert all(lo <= h.lo <= h.hi <= hi for h in hits)


@settings(max_examples=150, deadline=None)
@given(employed_graphs())
def test_columnar_reach_of_all_employees_at_once_equals_brute_force(
        case: tuple[nx.MultiGraph, dict[str, tuple[int, int]], int]) -> None:
    g, employment, k = case
    et = EdgeTable.from_graph(g)
    people = sorted(employment)
    pt = reach_all(et, np.array([et.code[p] for p in people]),
                   np.array([employment[p][0] for p in people]),
                   np.array([employment[p][1] for p in people]), k)
    found: dict[str, set[tuple]] = {p: set() for p in people}
    for i in range(len(pt)):
        h = et.hit(pt.nodes[i], pt.refs[i], int(pt.lo[i]), int(pt.hi[i]))
        found[h.source].add((h.target, h.edges, h.lo, h.hi))
    assert sum(map(len, found.values())) == len(pt), "a path was reported twice"
    for p in people:
        assert _canon(found[p]) == _canon(brute_force_employed(g, p, k, *employment[p])), p


# -- paths through holdings: organization-to-organization links --------------------------
# A KvK officer that is itself an organization links two organizations; a path may go on from
# an organization over such officer links (and over an officer person's roles), not over
# anything else, and not from a hub.  These graphs are mostly organizations and officers, so
# most examples hold paths through one or two of them.

ORG_LINKS = [("officer", "aandeelhouder"), ("officer", "bestuurder"), ("officer", "ubo"),
             ("identifier", "IBAN"), ("declaration", "eigen bedrijf")]


@st.composite
def holding_graphs(draw: st.DrawFn) -> tuple[nx.MultiGraph, dict[str, tuple[int, int]], int]:
    n = draw(st.integers(3, 9))
    g = nx.MultiGraph()
    g.add_node("n0", kind="employee")
    g.add_node("n1", kind=draw(st.sampled_from(["relative", "employee"])))
    for i in range(2, n):
        kind = draw(st.sampled_from(["organization", "organization", "officer", "address"]))
        hub = kind != "address" and draw(st.integers(0, 4)) == 0
        g.add_node(f"n{i}", kind=kind, **({"hub": 40} if hub else {}))
    g.add_edge("n0", "n1", link=Link("family", "partner", lo=_bound(draw, NEG),
                                     hi=_bound(draw, POS)))
    for _ in range(draw(st.integers(1, 14))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(2, n - 1))
        if a != b:
            kind, label = draw(st.sampled_from(ORG_LINKS))
            g.add_edge(f"n{a}", f"n{b}", link=Link(kind, label, lo=_bound(draw, NEG),
                                                   hi=_bound(draw, POS)))
    employment = {v: (_bound(draw, NEG), _bound(draw, POS))
                  for v in g.nodes if g.nodes[v]["kind"] == "employee"}
    return g, employment, draw(st.integers(1, 5))


@settings(max_examples=200, deadline=None)
@given(holding_graphs())
def test_paths_through_holdings_equal_brute_force_in_both_searches(
        case: tuple[nx.MultiGraph, dict[str, tuple[int, int]], int]) -> None:
    g, employment, k = case
    lo, hi = employment["n0"]
    hits = reach(g, "n0", k, lo, hi)
    expected = brute_force_employed(g, "n0", k, lo, hi)
    assert {(h.target, h.edges, h.lo, h.hi) for h in hits} == expected
    assert len(hits) == len(expected), "a path was reported twice"
    et = EdgeTable.from_graph(g)
    people = sorted(employment)
    pt = reach_all(et, np.array([et.code[p] for p in people]),
                   np.array([employment[p][0] for p in people]),
                   np.array([employment[p][1] for p in people]), k)
    found = {(h.target, h.edges, h.lo, h.hi)
             for h in (et.hit(pt.nodes[i], pt.refs[i], int(pt.lo[i]), int(pt.hi[i]))
                       for i in range(len(pt))) if h.source == "n0"}
    assert _canon(found) == _canon(expected)


def _holding_chain() -> nx.MultiGraph:
    """employee -partner- relative -bestuurder- Holding -aandeelhouder- Supplier, plus the
    Holding's identifier (a shared IBAN with another organization)."""
    g = nx.MultiGraph()
    for n, kind in [("e", "employee"), ("r", "relative"), ("h", "organization"),
                    ("s", "organization"), ("iban", "iban"), ("o", "organization")]:
        g.add_node(n, kind=kind)
    g.add_edge("e", "r", key="fam", link=Link("family", "partner", lo=10, hi=50))
    g.add_edge("r", "h", key="dir", link=Link("officer", "bestuurder, KvK", lo=20))
    g.add_edge("h", "s", key="own", link=Link("officer", "aandeelhouder, KvK", lo=0, hi=40))
    g.add_edge("h", "iban", key="i1", link=Link("identifier", "IBAN"))
    g.add_edge("o", "iban", key="i2", link=Link("identifier", "IBAN"))
    return g


def test_a_path_runs_through_a_holding_with_every_date_intersected() -> None:
    g = _holding_chain()
    by_target = {h.target: h for h in reach(g, "e", 3)}
    assert set(by_target) == {"r", "h", "s"}  # not the IBAN nor what shares it with the holding
    s = by_target["s"]
    assert s.nodes == ("e", "r", "h", "s")
    assert (s.lo, s.hi) == (20, 40)  # partner 10-50, director from 20, shareholder until 40
    assert [h.target for h in reach(g, "e", 2)] == ["r", "h"]  # max_links bounds it
    # the holding's shareholding ended before the director took office: no path
    g.remove_edge("h", "s", key="own")
    g.add_edge("h", "s", key="own", link=Link("officer", "aandeelhouder, KvK", lo=0, hi=15))
    assert "s" not in {h.target for h in reach(g, "e", 3)}


def test_a_hub_holding_ends_the_path() -> None:
    g = _holding_chain()
    g.nodes["h"]["hub"] = 120  # a trust office, director of 120 companies
    assert {h.target for h in reach(g, "e", 3)} == {"r", "h"}
    et = EdgeTable.from_graph(g)
    pt = reach_all(et, np.array([et.code["e"]]), np.array([NEG]), np.array([POS]), 3)
    assert sorted(et.nodes[int(n)] for n in pt.end) == ["h", "r"]
