"""The graph build's shortcuts of the tenth session give what their plain forms give.

Each is compared with the plain form it replaces, on hand-made and generated values with the
odd cases real exports have (missing names and dates, repeated rows, unicode)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.graph import build
from coi_graph.match.records import PersonRecord


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4), st.booleans()), max_size=30),
       st.lists(st.one_of(st.none(), st.text(max_size=8)), min_size=6, max_size=6),
       st.lists(st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1))),
                min_size=5, max_size=5))
def test_officer_probes_made_from_columns_are_the_records_made_row_by_row(rows, name_t, dates):
    """``_officer_probes`` (columns taken as arrays, records made by one map) gives the
    records the row-by-row comprehension made, in order, for the rows that are people."""
    keys = [f"officers:{i:03x}" + ("#2" if i % 3 == 2 else "") for i in range(len(rows))]
    name_c = np.array([r[0] for r in rows], dtype=np.intp)
    day_of = np.array([r[1] for r in rows], dtype=np.intp)
    people = np.flatnonzero(np.array([r[2] for r in rows], dtype=bool))
    plain = [PersonRecord(key=keys[j], name=name_t[c], birth_date=dates[d], address_key=None)
             for j, c, d in zip(people.tolist(), name_c[people].tolist(),
                                day_of[people].tolist())]
    got = build._officer_probes(people, keys, name_t, name_c, dates, day_of)
    assert got == plain
    assert [type(x) for x in got] == [PersonRecord] * len(plain)
    assert [r.birth_date for r in got] == [r.birth_date for r in plain]  # dates stay dates
