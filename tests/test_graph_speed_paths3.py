"""Detection's columnar shortcuts for ten million decisions give what their plain forms give.

Each shortcut (Arrow's ``is_in`` on a column as it is held, an index array read from its
buffers, only the pairs that can meet a gift keyed, a node's code read from the edge table's
own dict) is compared with the form it replaced, on hand-made columns with the odd cases
(missing cells, several Arrow chunks, a sliced array, a column that is not Arrow text) and
on the demo corporation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.graph.decisions import _filled, text_in
from coi_graph.rules.gift_before_decision import contract_pairs_in

CELLS = st.lists(st.one_of(st.none(), st.sampled_from(["contract", "invoice", "", "Invoice",
                                                       "purchase_order", "ö"])), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(-1, 2**31 - 1)), max_size=20),
                max_size=4),
       st.integers(0, 5), st.integers(0, 5))
def test_an_arrow_index_array_read_from_its_buffers_is_arrows_fill_null(
        chunks: list[list[int | None]], start: int, cut: int) -> None:
    """Nulls as -1, read from the validity bits and the values, for chunks with and
    without nulls, empty ones, and arrays sliced (an offset into their buffers)."""
    arr = pa.chunked_array([pa.array(c, type=pa.int32()) for c in chunks], type=pa.int32())
    arr = arr.slice(min(start, len(arr)), max(len(arr) - start - cut, 0))
    got = [_filled(c).tolist() for c in arr.chunks]
    want = [pc.fill_null(c, -1).to_numpy(zero_copy_only=False).tolist() for c in arr.chunks]
    assert got == want


@settings(max_examples=200, deadline=None)
@given(CELLS, st.lists(st.sampled_from(["contract", "invoice", "", "Invoice", "x"]),
                       max_size=4),
       st.sampled_from(["contract", "invoice"]), st.booleans(),
       st.sampled_from(["str", "string[pyarrow]", "string[python]", "object"]))
def test_kinds_in_a_set_read_by_arrow_are_the_filled_column_isin(
        cells: list[str | None], wanted: list[str], default: str, chunked: bool,
        dtype: str) -> None:
    """``text_in`` (a missing kind counts as the default) against the column with its
    default filled in and ``isin``; None (the general way) for a column that is not Arrow
    text; a column split over Arrow chunks reads the same."""
    col = pd.Series(cells, dtype=dtype)
    if chunked and dtype in ("str", "string[pyarrow]") and len(cells) > 1:
        arrow = col.array.__arrow_array__()
        half = len(cells) // 2
        col = pd.Series(type(col.array)(pa.chunked_array([arrow.slice(0, half).combine_chunks(),
                                                          arrow.slice(half).combine_chunks()])))
    frame = pd.DataFrame({"kind": col})
    plain = col.astype("string").fillna(default).isin(wanted).to_numpy(dtype=bool)
    got = text_in(frame, "kind", tuple(sorted(set(wanted))), default)
    if dtype in ("string[python]", "object"):
        assert got is None
    else:
        assert got is not None and got.tolist() == plain.tolist()
    # a missing cell is never in the set without a default (the handlers split_orders checks)
    handlers = text_in(frame, "kind", tuple(sorted(set(wanted))), None)
    if handlers is not None:
        assert handlers.tolist() == col.astype("string").isin(wanted).fillna(False).to_numpy(
            dtype=bool).tolist()
    absent = text_in(frame, "other", tuple(wanted), default)
    assert absent is not None and absent.tolist() == [default in wanted] * len(cells)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 6), st.integers(-1, 4)),
                max_size=40),
       st.lists(st.tuples(st.integers(0, 8), st.integers(0, 4)), max_size=6))
def test_the_gift_pairs_keyed_after_a_prefilter_are_every_pair_keyed(
        pairs: list[tuple[int, int, int]], gift_pairs: list[tuple[int, int]]) -> None:
    """The contract pairs whose (person, organization) has a gift: found by keying only the
    pairs whose person and organization take part in a gift pair, as by keying all pairs
    (organization -1 on allocations, people without a pair, an empty set)."""
    from coi_graph.graph.decisions import member

    n_org = 5
    p_table = np.array([t for t, _, _ in pairs], dtype=np.int8)
    p_emp = np.array([e for _, e, _ in pairs], dtype=np.int64)
    p_cp = np.array([o for _, _, o in pairs], dtype=np.int64)
    wanted = {e * n_org + o for e, o in gift_pairs}
    keys = np.where((p_table == 0) & (p_cp >= 0), p_emp * n_org + p_cp, -1)
    js = np.flatnonzero(member(keys, list(wanted)))
    got_js, got_keys = contract_pairs_in(p_table, p_emp, p_cp, wanted, n_org)
    assert got_js.tolist() == js.tolist()
    assert got_keys.tolist() == keys[js].tolist()


def test_decision_kinds_and_org_codes_on_the_demo_are_their_plain_forms(
        small_demo: tuple[Any, Any]) -> None:
    """On the demo: ``kind_in`` is ``kinds(table).isin``, ``kinds_at`` is ``kinds`` at those
    rows, and each organization's node code is its position among the edge table's nodes."""
    from coi_graph.policy import Policy
    from coi_graph.rules.detect import DetectionContext

    ds, lg = small_demo
    ctx = DetectionContext(ds, lg, Policy.default())
    d = ctx.decisions
    for table in ("contracts", "allocations"):
        for wanted in (["contract", "invoice"], ["rental"], []):
            assert (d.kind_in(table, wanted).tolist()
                    == d.kinds(table).isin(wanted).to_numpy(dtype=bool).tolist())
        rows = np.arange(0, len(d.frames[table]), 7)
        assert d.kinds_at(table, rows) == d.kinds(table).iloc[rows].tolist()
    et = ctx.edge_table
    plain = pd.Index(et.nodes, dtype=object).get_indexer(
        pd.Index("organization:" + pd.Index(d.orgs, dtype=object))).astype(np.int64)
    assert (ctx.org_node_codes >= 0).sum() > 10
    assert ctx.org_node_codes.tolist() == plain.tolist()


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    import ingest
    from coi_graph.demo import generate
    from coi_graph.graph.build import build_graph
    from coi_graph.policy import Policy

    root = tmp_path_factory.mktemp("demo3")
    generate(root, "small", seed=7)
    ds = ingest.read_dataset(root / "data")
    return ds, build_graph(ds, Policy.default())


def test_decisions_read_ahead_in_one_take_are_those_read_row_by_row(
        small_demo: tuple[Any, Any]) -> None:
    """``prefetch_rows`` takes the cells of many rows at once; the decisions made from them
    (ids, amounts, kinds, roles, rank and basis, digests) are those made from each row read
    alone, for contracts and allocations, rows listed twice or out of order included."""
    from coi_graph.graph.build import RowDigests
    from coi_graph.graph.decisions import TABLES, DecisionTable
    from coi_graph.policy import Policy

    ds, lg = small_demo
    roles = Policy.default().subject_roles
    plain = DecisionTable(ds, lg.g, roles, RowDigests(ds))
    ahead = DecisionTable(ds, lg.g, roles, RowDigests(ds))
    for table in TABLES:
        n = len(ahead.frames[table])
        rows = [n - 1, 0, *range(3, n, 5), 3]
        ahead.prefetch_rows(table, rows)
        assert len(ahead._rows) > 10
        for r in rows:
            assert ahead.at(table, r) == plain.at(table, r)
    assert not ahead._rows  # each row read ahead was used once and let go
