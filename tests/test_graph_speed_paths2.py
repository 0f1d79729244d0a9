"""The graph build's batched and columnar paths give what their plain forms give.

Each fast path of :mod:`coi_graph.graph.build` (links added in one batch, strings made for a
whole column, officers' nodes made per distinct person) is compared here with the plain
form it replaces, on hand-made rows with the odd cases real exports have (empty values, a
row listed twice, unicode, a holder that is not a node), down to the order of nodes,
adjacency and the logged edges: that order decides the edge table and so the paths found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.graph import build
from coi_graph.graph.build import LinkGraph, build_graph


def graph_state(lg: LinkGraph) -> tuple[Any, ...]:
    """Everything a build step leaves behind, order included."""
    g = lg.g
    return (list(g.nodes(data=True)),
            [(u, list(nbrs)) for u, nbrs in g.adjacency()],
            list(g.edges(keys=True, data=True)),
            lg.edge_log)


def empty_graph(*nodes: tuple[str, dict[str, Any]]) -> LinkGraph:
    g = nx.MultiGraph()
    g.add_nodes_from(nodes)
    return LinkGraph(g, edge_log=([], [], [], []))


HOLDERS = (("employee:E1", {"kind": "employee"}), ("employee:É2", {"kind": "employee"}),
           ("relative:R1", {"kind": "relative"}), ("organization:O1", {"kind": "organization"}))

LINKING = [
    ("address", "1234AB|1|", [("employee:E1", "employees:2", "employees:E1:employee"),
                              ("relative:R1", "relatives:5", "relatives:R1:relative"),
                              ("employee:E1", "employees:2", "employees:E1:employee")]),
    ("iban", "NL91ABNA0417164300", [("organization:O1", "organizations:9", "organizations:O1:organization"),
                                    ("employee:É2", "employees:3", "employees:É2:employee")]),
    ("email", "jós@example.nl", [("relative:R1", "relatives:5", "relatives:R1:relative"),
                                 ("employee:E1", "employees:2", "employees:E1:employee")]),
    ("phone", "", [("employee:É2", "employees:3", "employees:É2:employee"),
                   ("employee:E1", "employees:2", "employees:E1:employee")]),
    ("address", "1234AB|1|A", [("employee:E1", "employees:2", "employees:E1:employee"),
                               ("employee:É2", "employees:3", "employees:É2:employee")]),
]


@pytest.mark.parametrize("missing_holder", [False, True])
def test_identifier_links_in_one_batch_are_those_added_one_by_one(
        missing_holder: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared identifiers' nodes and links added in one batch: the same nodes (in the
    same order), adjacency, keys, links and edge log as adding them one at a time; a
    holder that is not a node (a relative row without an employee) takes the plain form,
    which adds it where the plain form does."""
    holders = HOLDERS[:-1] if missing_holder else HOLDERS
    plain, fast = empty_graph(*holders), empty_graph(*holders)
    build._add_identifier_links_plain(plain, LINKING)
    calls: list[int] = []
    real_plain = build._add_identifier_links_plain
    monkeypatch.setattr(build, "_add_identifier_links_plain",
                        lambda lg, linking: calls.append(1) or real_plain(lg, linking))
    build.add_identifier_links(fast, LINKING)
    assert calls == ([1] if missing_holder else [])  # the batch ran where it can
    assert graph_state(fast) == graph_state(plain)
    assert len(plain.g.edges) == 10  # the row listed twice is one link


def test_officers_with_empty_display_names_and_repeated_matched_rows_are_built_as_row_by_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cases the columnar officer code handles apart, against the row-by-row reference
    of ``test_graph_build``: a name with no display form ('(onbekend)', '—': the node is
    labelled with the name as written) and an employee listed twice as officer of one
    supplier (each row its own probe key, ``#2`` for the second, so both are matched to
    the employee, none left as an officer person of its own)."""
    from test_graph_build import _graph_as_lists, _OfficersByRows

    import ingest
    from coi_graph.demo import generate
    from coi_graph.policy import Policy

    generate(tmp_path, "small", seed=7)
    data = tmp_path / "data"
    ds = ingest.read_dataset(data)
    a, b = ds.frame("organizations")["kvk_number"].dropna().tolist()[:2]
    emp = ds.frame("employees").iloc[5]
    bd = emp["birth_date"].strftime("%Y-%m-%d")
    rows = [f"{a},(onbekend),bestuurder,1980-01-01,,,", f"{b},—,commissaris,,,,",
            f"{b},(onbekend),commissaris,,,,",
            f"{a},\"{emp['name']}\",bestuurder,{bd},2001-01-01,,",
            f"{a},\"{emp['name']}\",bestuurder,{bd},2001-01-01,,"]
    path = data / "officers.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(rows)
                    + "\n", encoding="utf-8")
    columnar = _graph_as_lists(build_graph(ingest.read_dataset(data), Policy.default()))
    monkeypatch.setattr(build, "match_officers", _OfficersByRows)
    by_rows = _graph_as_lists(build_graph(ingest.read_dataset(data), Policy.default()))
    assert columnar == by_rows
    labels = [d.get("label") for _, d in columnar[0] if d.get("kind") == "officer"]
    assert "(onbekend)" in labels and "—" in labels
    emp_key = f"employee:{emp['employee_id']}"
    # both rows matched (one link: the same row twice has one link id)
    assert sum(1 for m in columnar[2] if m["kind"] == "officer"
               and m["reference"] == emp_key and m["band"] != "rejected") >= 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "a b", "ö|x", "a b|1970-01-02", "jan"]),
                          st.sampled_from(["", "1970-01-02", "2001-12-31"]),
                          st.sampled_from(["O1", "", "O|2", "Ü"]),
                          st.sampled_from(["bestuurder", "", "ubo", "Directeur"])),
                max_size=12))
def test_officer_ids_and_keys_made_for_whole_columns_are_those_made_row_by_row(
        rows: list[tuple[str, str, str, str]]) -> None:
    """The officer person ids, record keys and numbered probe keys made for whole columns
    equal :func:`_person_ident`, :func:`_officer_record_key` and numbering in a loop, for
    empty parts, separators inside values and unicode."""
    import numpy as np

    cols = [np.array([r[i] for r in rows], dtype=object) for i in range(4)]
    assert build._person_idents(cols[0], cols[1], cols[2]) == [
        build._person_ident(f, b, o) for f, b, o, _ in rows]
    records = build._officer_record_keys(cols[2], cols[0], cols[1],
                                         np.array([r.lower() for r in cols[3]], dtype=object))
    assert records == [build._officer_record_key(o, f, b, r) for f, b, o, r in rows]
    seen: dict[str, int] = {}
    numbered = []
    for k in records:
        c = seen[k] = seen.get(k, 0) + 1
        numbered.append(k if c == 1 else f"{k}#{c}")
    assert build._numbered(records) == numbered


# -- detection: digests fetched in one pass, gifts windowed for all decisions at once ----------


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The small demo corporation, read and built once for these tests."""
    import ingest
    from coi_graph.demo import generate
    from coi_graph.policy import Policy

    root = tmp_path_factory.mktemp("demo2")
    generate(root, "small", seed=7)
    ds = ingest.read_dataset(root / "data")
    return ds, build_graph(ds, Policy.default())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from([0, 1, 29, 30, 31, 60, 738000])),
                max_size=12),
       st.lists(st.tuples(st.integers(0, 3), st.sampled_from([0, 1, 30, 31, 737990, 738000])),
                max_size=12),
       st.sampled_from([-1, 0, 30, 365]))
def test_gifts_windowed_for_all_decisions_at_once_are_those_checked_one_by_one(
        decisions: list[tuple[int, int]], gifts: list[tuple[int, int]], window: int) -> None:
    """Per decision, whether a gift of its pair lies ``0 <= day - gift_day <= window``
    before it: sorted and searched for all at once as checked gift by gift, at day 0
    (a missing date), at the window's edges and with an empty or negative window."""
    import numpy as np

    from coi_graph.rules.gift_before_decision import in_window

    got = in_window(np.array([k for k, _ in decisions], dtype=np.int64),
                    np.array([d for _, d in decisions], dtype=np.int64),
                    np.array([k for k, _ in gifts], dtype=np.int64),
                    np.array([d for _, d in gifts], dtype=np.int64), window)
    assert got.tolist() == [any(gk == k and 0 <= d - gd <= window for gk, gd in gifts)
                            for k, d in decisions]


def test_the_gift_rule_with_its_window_prefilter_finds_what_it_finds_without(
        small_demo: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The gift rule reads only the decisions with a gift of their pair in the window; with
    every selected decision read (the prefilter switched off) it finds the same, and the
    prefilter did leave some out on the demo."""
    import numpy as np

    from coi_graph.policy import Policy
    from coi_graph.rules import gift_before_decision as rule
    from coi_graph.rules.detect import DetectionContext

    ds, lg = small_demo
    left_out: list[int] = []
    real = rule.in_window

    def counting(*args: Any) -> Any:
        out = real(*args)
        left_out.append(int((~out).sum()))
        return out

    monkeypatch.setattr(rule, "in_window", counting)
    fast = rule.select(DetectionContext(ds, lg, Policy.default()))
    monkeypatch.setattr(rule, "in_window", lambda keys, *a: np.ones(len(keys), dtype=bool))
    plain = rule.select(DetectionContext(ds, lg, Policy.default()))
    assert [f.to_json() for f in fast] == [f.to_json() for f in plain]
    assert len(fast) >= 1 and left_out and left_out[0] > 0


@pytest.mark.parametrize("few", [1, 10**6])
def test_decision_digests_fetched_in_one_pass_are_those_hashed_block_by_block(
        small_demo: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch, few: int) -> None:
    """Prefetching the rows of many decisions gives each decision the digest reading it
    alone gives (the row's own hash), without hashing the whole table; ids not located yet
    are left to be read as before."""
    import numpy as np

    from coi_graph.graph.build import RowDigests, _table_hashes
    from coi_graph.graph.decisions import DecisionTable
    from coi_graph.policy import Policy

    ds, lg = small_demo
    # a demo table is small: FEW 1 hashes the rows asked for only (up to all of them),
    # FEW 10**6 the whole table once
    monkeypatch.setattr(RowDigests, "FEW", few)
    roles = Policy.default().subject_roles
    plain = DecisionTable(ds, lg.g, roles, RowDigests(ds))
    digests = RowDigests(ds)
    fast = DecisionTable(ds, lg.g, roles, digests)
    frame = ds.frame("contracts")
    rows = np.random.default_rng(5).choice(len(frame), 40, replace=False).tolist()
    ids = [fast.decision_id("contracts", r) for r in rows]
    for did, r in zip(ids[:30], rows[:30]):
        fast.remember(did, "contracts", r)
        plain.remember(did, "contracts", r)
    fast.prefetch(ids)  # the last ten are not located: not fetched
    if few == 1:
        assert "contracts" not in digests._cache  # those rows, not the whole table
        assert sorted(digests._rows["contracts"]) == sorted(rows[:30])
    else:
        assert "contracts" in digests._cache
    full = _table_hashes(frame, "contracts")
    for did, r in zip(ids, rows):
        assert fast[did].digest == plain[did].digest == f"{int(full[r]):016x}"
    assert fast[ids[0]] == plain[ids[0]]


def test_the_rows_of_anchored_applicants_are_those_a_dict_of_every_allocation_gives(
        small_demo: tuple[Any, Any]) -> None:
    """The allocation rows of the applicants that attach to the graph, looked up for those
    ids only: the rows a dict over every allocation gives them (the last row of an id
    listed twice), and nothing for the other applicants."""
    import pandas as pd

    from coi_graph.policy import Policy
    from coi_graph.rules.detect import DetectionContext

    ds, lg = small_demo
    ctx = DetectionContext(ds, lg, Policy.default())
    wanted = {a.split(":", 1)[1] for _, a, _ in ctx.anchor_index.values()}
    assert wanted
    frame = ctx.decisions.frames["allocations"]
    again = frame[frame["decision_id"] == sorted(wanted)[0]]  # an anchored id listed twice
    ctx.decisions.frames["allocations"] = pd.concat([frame, again], ignore_index=True)
    ids = ctx.decisions.frames["allocations"]["decision_id"].to_numpy(dtype=object)
    every = {did: r for r, did in enumerate(ids)}
    got = ctx._rows_of_applicants()
    assert got == {did: every[did] for did in wanted if did in every}
    assert got[sorted(wanted)[0]] == len(ids) - 1


def test_the_decision_pairs_picked_with_32_bit_codes_are_the_64_bit_pairs(
        small_demo: tuple[Any, Any]) -> None:
    """The pair arrays, written in place with 32-bit codes, rows and days, hold the values
    the plain form (every column 64-bit, by factorising, parts concatenated) gives."""
    import numpy as np

    from coi_graph.graph.build import RowDigests
    from coi_graph.graph.decisions import SOURCES, DecisionTable, _codes_by_factorize
    from coi_graph.links import day_ordinals
    from coi_graph.policy import Policy

    ds, lg = small_demo
    roles = Policy.default().subject_roles
    d = DecisionTable(ds, lg.g, roles, RowDigests(ds))
    parts = []
    for ti, src in enumerate(SOURCES):
        f = ds.frame(src.table)
        cp = (_codes_by_factorize(f[src.counterparty_column], d.orgs)
              if src.counterparty_kind == "organization" and src.counterparty_column
              else np.full(len(f), -1, dtype=np.int64))
        seen: list[Any] = []
        for role in roles:
            if role not in f.columns:
                continue
            code = _codes_by_factorize(f[role], d.employees)
            keep = code >= 0
            for prev in seen:
                keep &= code != prev
            seen.append(code)
            rows = np.flatnonzero(keep)
            parts.append((np.full(len(rows), ti, dtype=np.int8), rows, code[rows], cp[rows],
                          day_ordinals(f["decision_date"])[rows]))
    expected = [np.concatenate(c) for c in zip(*parts)]
    got = [d.p_table, d.p_row, d.p_emp, d.p_cp, d.p_day]
    assert len(got[0]) > 100
    assert [g_.dtype for g_ in got] == [np.int8] + [np.int32] * 4
    for g_, e in zip(got, expected):
        assert g_.tolist() == e.tolist()
