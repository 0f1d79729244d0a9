"""The scan's fast paths give what their general forms give.

Each shortcut taken for speed on a large corporation (a look-up that reads only the rows a
finding needs, a column converted once instead of per row) is checked here against the
plain form it replaces, on the demo corporation, so a shortcut that drifts fails a test
instead of changing a finding quietly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_graph_build import built

import ingest
from coi_graph.demo import generate
from coi_graph.graph.build import build_graph
from coi_graph.policy import Policy


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The small demo corporation, read and built once for this module."""
    root = tmp_path_factory.mktemp("demo")
    generate(root, "small", seed=7)
    ds = ingest.read_dataset(root / "data")
    return ds, build_graph(ds, Policy.default())


def test_a_link_read_by_its_id_is_the_row_of_the_link_index(demo: tuple[Any, Any]) -> None:
    """Checking a candidate path reads each link by its id from the edge table's rows
    (``_link``), not from an index of every link made first: the same row for every id,
    nothing for an unknown id."""
    from coi_graph.rules.detect import DetectionContext

    ds, lg = demo
    ctx = DetectionContext(ds, lg, Policy.default())
    index = ctx.link_index
    assert len(index) > 100
    for lid, row in index.items():
        assert ctx._link(lid) == row
    assert ctx._link("L-0000000000000000") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["E1", "E2", "e1", " E1", "E10", "", "Ö"])),
                max_size=40),
       st.lists(st.sampled_from(["E1", "E2", "E10", "Ö", "X"]), unique=True, max_size=5),
       st.sampled_from(["str", "string[pyarrow]", "string[python]", "object"]),
       st.sampled_from(["str", "object"]))
def test_decision_codes_looked_up_by_arrow_are_the_codes_by_factorising(
        cells: list[str | None], index: list[str], dtype: str, index_dtype: str) -> None:
    """A handler or counterparty column read as positions in the sorted ids: Arrow's
    ``index_in`` (text held by Arrow) gives what factorising and looking up gives, for
    missing cells, unknown ids and ids that differ only in case or a space."""
    import numpy as np
    import pandas as pd

    from coi_graph.graph.decisions import _codes, _codes_by_factorize

    column = pd.Series(cells, dtype=dtype)
    idx = pd.Index(sorted(index), dtype=index_dtype)
    fast = _codes(column, idx)
    assert fast.dtype == np.int64
    assert fast.tolist() == _codes_by_factorize(column, idx).tolist()


def test_the_contract_join_proposes_what_joining_every_pair_proposes(demo: tuple[Any, Any]
                                                                      ) -> None:
    """The embedded engine hashes only the decision pairs whose person starts a path and
    whose organization ends one; joining every contract pair with every path (the plain
    form) must propose the same candidates, in the same order."""
    import numpy as np

    from coi_graph.graph.reach_table import reach_all
    from coi_graph.rules.detect import DetectionContext
    from coi_graph.schema import node_key

    ds, lg = demo
    ctx = DetectionContext(ds, lg, Policy.default())
    got = [c for c in ctx.networkx_link_candidates(lambda msg: None)
           if ctx.decisions.get(c.decision_id).table == "contracts"]
    d, et, k = ctx.decisions, ctx.edge_table, Policy.default().paths.max_links
    subjects = np.unique(d.p_emp)
    codes = np.array([et.code.get(node_key("employee", e), -1) for e in d.employees[subjects]])
    subjects, codes = subjects[codes >= 0], codes[codes >= 0]
    paths = reach_all(et, codes, ctx.emp_lo[subjects], ctx.emp_hi[subjects], k)
    start_emp = {int(c): int(s) for c, s in zip(codes, subjects)}
    org_at = {int(c): o for o, c in enumerate(ctx.org_node_codes) if c >= 0}
    by_pair: dict[tuple[int, int], list[int]] = {}
    for i, (s, e) in enumerate(zip(paths.start.tolist(), paths.end.tolist())):
        if e in org_at:
            by_pair.setdefault((start_emp[s], org_at[e]), []).append(i)
    expected = []
    for j in range(len(d.p_table)):
        if d.p_table[j] != 0 or d.p_cp[j] < 0:
            continue
        for i in by_pair.get((int(d.p_emp[j]), int(d.p_cp[j])), []):
            if paths.lo[i] <= d.p_day[j] <= paths.hi[i]:
                expected.append(ctx._candidate(0, j, paths, i))
    assert len(expected) > 5
    assert got == expected


@pytest.mark.parametrize("table", ["allocations", "officers", "contracts"])
def test_digests_of_some_rows_are_those_of_the_whole_table(
        demo: tuple[Any, Any], table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digests of the matched applicants (some rows of a large table) are hashed as
    those rows only: the same digests as hashing the whole table, also for the columns the
    data contract gained later (an allocation's rank and basis)."""
    import numpy as np

    from coi_graph.graph.build import RowDigests, _table_hashes

    ds, _ = demo
    frame = ds.frame(table)
    assert len(frame) > 100
    monkeypatch.setattr(RowDigests, "FEW", 1)  # a demo table is small: rows only up to all
    asked = np.random.default_rng(3).integers(0, len(frame), 60)
    full = _table_hashes(frame, table)
    digests = RowDigests(ds)
    got = digests.many(table, asked)
    assert table not in digests._cache  # the rows only, not the whole table
    assert got == [f"{int(full[p]):016x}" for p in asked]


def test_a_scan_freezes_what_the_build_made_and_lets_it_go_after() -> None:
    """The graph build runs with the collector paused and what it made is frozen (not
    walked again) until the scan ends; then the collector has all of it back, so a server
    that scans again and again does not keep a frozen heap of old scans."""
    import gc

    from coi_graph.scan import build_frozen, fewer_collections

    before = gc.get_freeze_count()
    enabled = gc.isenabled()
    with fewer_collections():
        seen: list[bool] = []
        made = build_frozen(lambda: seen.append(gc.isenabled()) or [[i] for i in range(1000)])
        assert seen == [False]  # paused while building
        assert gc.isenabled() == enabled
        assert gc.get_freeze_count() >= before + 1000  # what it made is frozen
    assert gc.get_freeze_count() == 0
    assert len(made) == 1000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-200 * 365 * 86_400, 250 * 365 * 86_400)),
                max_size=30),
       st.sampled_from(["ns", "us", "ms", "s"]))
def test_day_numbers_of_datetime_columns_are_those_pandas_converts(
        seconds: list[int | None], unit: str) -> None:
    """Dates held as datetime64 are turned into day numbers by integer division: the same
    numbers as pandas' conversion gives, before 1970 (floor, not toward zero), at any time
    of day, for missing dates (0) and in every unit numpy keeps."""
    import numpy as np
    import pandas as pd

    from coi_graph.links import _day_ordinals_converted, _days_of_datetime64, day_ordinals

    column = pd.Series(pd.to_datetime([None if s is None else s * 10**9 + 123 for s in seconds],
                                      unit="ns")).astype(f"datetime64[{unit}]")
    fast = _days_of_datetime64(column)
    assert fast is not None and fast.dtype == np.int64
    assert fast.tolist() == _day_ordinals_converted(column).tolist()
    assert day_ordinals(column).tolist() == fast.tolist()


def _street_city_by_rows(frame: Any, prefix: str = "") -> list[str | None]:
    """The reference: ``street|city`` row by row, as it was written first."""
    from coi_graph.normalise.names import fold_text

    n = len(frame)
    if prefix + "street" not in frame.columns or prefix + "city" not in frame.columns:
        return [None] * n
    st_ = frame[prefix + "street"].astype("string").to_numpy(dtype=object, na_value=None)
    ci = frame[prefix + "city"].astype("string").to_numpy(dtype=object, na_value=None)
    num = (frame[prefix + "house_number"].astype("string").to_numpy(dtype=object, na_value=None)
           if prefix + "house_number" in frame.columns else [None] * n)
    out: list[str | None] = []
    for s, c, h in zip(st_, ci, num):
        s, c = (s or "").strip(), (c or "").strip()
        out.append(f"{fold_text(s)} {(h or '').strip()}|{fold_text(c)}" if s and c else None)
    return out


CELLS = st.one_of(st.none(), st.sampled_from(["", " ", "Kerkstraat", " Kerkstraat ", "KERKSTRAAT",
                                              "Ölweg", "12", " 12a ", "\u00a0Utrecht", "Utrecht",
                                              "x\u2003", "'s-Hertogenbosch"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), max_size=25), st.booleans())
def test_street_city_from_distinct_cells_is_street_city_row_by_row(
        rows: list[tuple[Any, Any, Any]], with_number: bool) -> None:
    """Streets, cities and house numbers folded once per distinct cell give, per row, what
    folding each row's cells gave: blanks, padding, other whitespace, missing cells."""
    import pandas as pd

    from coi_graph.graph.build import _street_city

    frame = pd.DataFrame({"applicant_street": [r[0] for r in rows],
                          "applicant_city": [r[1] for r in rows]}, dtype="str")
    if with_number:
        frame["applicant_house_number"] = pd.Series([r[2] for r in rows], dtype="str")
    assert _street_city(frame, "applicant_") == _street_city_by_rows(frame, "applicant_")
    assert _street_city(frame) == [None] * len(rows)  # no such columns without the prefix


def test_each_applicant_is_probed_once_from_the_first_row_of_its_id(
        demo: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Applicants are matched from the first row of each decision id (an id listed again,
    a blank id and a blank name are no applicant): the probes are those a loop over the
    rows makes, in the same order."""
    import pandas as pd

    from coi_graph.graph import build as B

    ds, lg = demo
    f = ds.frame("allocations").copy()
    f.loc[f.index[6], "decision_id"] = f["decision_id"].iloc[0]  # listed again, later
    f.loc[f.index[6], "applicant_name"] = "Someone Else"
    f.loc[f.index[2], "decision_id"] = None
    f.loc[f.index[3], "decision_id"] = ""
    f.loc[f.index[4], "applicant_name"] = "   "
    f["decision_id"] = f["decision_id"].astype("str")

    class One:
        def frame(self, name: str) -> pd.DataFrame:
            return f if name == "allocations" else ds.frame(name)

        def __getattr__(self, name: str) -> Any:
            return getattr(ds, name)

    seen: list[Any] = []
    monkeypatch.setattr(B, "match_people", lambda probes, *a, **k: seen.extend(probes) or [])
    B.attach_applicants(One(), lg, Policy.default())  # type: ignore[arg-type]
    ids = f["decision_id"].astype("string").to_numpy(dtype=object, na_value=None)
    names = f["applicant_name"].astype("string").to_numpy(dtype=object, na_value=None)
    first: dict[str, int] = {}
    for i, did in enumerate(ids):
        if did and did not in first:
            first[did] = i
    want = [(f"applicant:{d}", names[i]) for d, i in first.items()
            if names[i] and names[i].strip()]
    assert [(p.key, p.name) for p in seen] == want
    assert len(want) == len(f) - 4
    # every field as the row-by-row loop read it (the records are made from columns)
    from coi_graph.links import date_of
    from coi_graph.match.records import PersonRecord

    idents = B.identifier_values(f, "applicant_")
    street_city = B._street_city(f, "applicant_")
    births = f["applicant_birth_date"].to_numpy(dtype=object)
    plain = [PersonRecord(f"applicant:{d}", names[i], date_of(births[i]), idents["address"][i],
                          street_city[i], idents["iban"][i], idents["email"][i],
                          idents["phone"][i])
             for d, i in first.items() if names[i] and names[i].strip()]
    assert seen[:len(plain)] == plain
    assert any(p.birth_date for p in plain) and any(p.address_key for p in plain)
    assert any(p.iban for p in plain) and any(p.street_city for p in plain)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c\\x1fd", "", "É"])), max_size=20),
       st.lists(st.sampled_from(["a", "b", "c\\x1fd", "", "É", "z"]), unique=True, max_size=6),
       st.sampled_from(["str", "object"]))
def test_positions_among_distinct_values_by_arrow_are_those_of_get_indexer(
        keys: list[str | None], uniques: list[str], dtype: str) -> None:
    """How often an identifier occurs among the applicants is counted through each key's
    position among the distinct identifiers: Arrow's ``index_in`` where both are Arrow
    text, pandas' ``get_indexer`` otherwise; the same positions, -1 for a key not there."""
    import pandas as pd

    from coi_graph.graph.build import _positions_in

    k = pd.Series(keys, dtype=dtype).dropna()
    u = pd.Index(uniques, dtype=dtype)
    assert _positions_in(k, u).tolist() == pd.Index(uniques, dtype=object).get_indexer(
        k.astype(object)).tolist()


@settings(max_examples=200, deadline=None)
@given(built())
def test_the_edge_table_reads_each_nodes_kind_and_hub_mark_as_networkx_gives_them(
        case: tuple[Any, Any]) -> None:
    """The edge table reads the nodes' kinds and hub marks from their attribute dicts in one
    pass: per node (in the table's sorted order) what ``g.nodes[n]`` says."""
    from coi_graph.graph.reach_table import EdgeTable

    g, log = case
    et = EdgeTable.from_edges(g, *log)
    assert et.node_kind.tolist() == [g.nodes[n].get("kind", "") for n in et.nodes]
    assert et.hub.tolist() == [bool(g.nodes[n].get("hub")) for n in et.nodes]


def test_rows_cited_at_once_are_cited_as_one_by_one() -> None:
    """The evidence of 100,000 officer links is cited from the line column at once: the
    same ``table:line`` (or ``table:file:line`` for a table split over files) as
    ``Dataset.cite`` gives each row, for a table not read at all too."""
    import numpy as np
    import pandas as pd

    from coi_graph.graph.build import cite_rows
    from ingest.model import Dataset, SourceFile, Table

    one = Table("gifts", pd.DataFrame(), None, None, 2, sources=[SourceFile("gifts.csv", None, 2)])
    two = Table("contracts", pd.DataFrame(), None, None, 5, sources=[
        SourceFile("contracts_2023.csv", None, 3),
        SourceFile("contracts_2024.xlsx", None, 2, line_offset=4)])
    ds = Dataset(Path("."), {"gifts": one, "contracts": two})
    lines = np.array([2, 3, 4, 7, 12, 1_000_001], dtype=np.int64)
    for table in ("gifts", "contracts", "officers"):
        want = [ds.cite(table, int(n)) for n in lines]
        assert cite_rows(ds, table, lines) == want, table
    assert cite_rows(ds, "gifts", np.array([], dtype=np.int64)) == []


def test_a_declaration_naming_a_trade_name_finds_its_organization() -> None:
    """Trade names (handelsnamen, ';' or '|' between them) are split only where a vendor has
    some: a declaration naming one finds that organization; blanks name nothing."""
    import pandas as pd

    from coi_graph.graph.build import _resolve_free_orgs

    orgs = pd.DataFrame({"org_id": ["O1", "O2", "O3"],
                         "name": ["Bouwbedrijf Jansen B.V.", "Schilders Noord", "Hoveniers Oost"],
                         "kvk_number": [None, None, None],
                         "trade_names": [None, "Verfhandel De Kwast; Glaszetters West|  ", "  "]},
                        dtype="str")
    rows = [{"declaration_id": "D1", "org_name": "Verfhandel de Kwast"},
            {"declaration_id": "D2", "org_name": "Glaszetters West B.V."},
            {"declaration_id": "D3", "org_name": "Bouwbedrijf Jansen"},
            {"declaration_id": "D4", "org_id": "O3", "org_name": "Hoveniers Oost"}]
    got = _resolve_free_orgs(rows, "declaration_id", "declarations", orgs, Policy.default())
    assert {k: v[0] for k, v in got.items()} == {
        "declarations:D1": "O2", "declarations:D2": "O2", "declarations:D3": "O1"}
