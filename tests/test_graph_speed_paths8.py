"""The fourteenth session's shortcuts in the graph build give what their plain forms give.

Match records (:class:`PersonRecord`) of the employees, relatives and housing applicants
are made from their columns without the frozen dataclass's ``__init__``
(``build._person_records``), and the names of the commonest shape are parsed into a
:class:`PersonName` without its ``__init__`` (``names._plain_name``).  Each is checked here
against the class called as before: equal, hashing alike, the same ``repr``, the very
same field values in the same order, on odd cells (None, NaN, numbers, dates, empty and
non-ASCII text); and the class is called when it could not be made that way.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest
from coi_graph.demo import generate
from coi_graph.graph import build as B
from coi_graph.match.records import PersonRecord
from coi_graph.normalise import names as N

#: cells a record's field may hold as the build reads them (and some it never gives)
CELLS = st.one_of(st.none(), st.text(max_size=4), st.sampled_from(
    ["", " ", "é", "\udc80", "1234AB|1|", "NL91ABNA0417164300"]),
    st.integers(-3, 3), st.just(math.nan), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))


def _same_records(got: list[Any], want: list[Any], same_objects: bool = True) -> None:
    """Equal, alike in every way a reader sees; with ``same_objects`` each field the very
    object the class was given (both made from the same columns)."""
    assert got == want
    assert [repr(r) for r in got] == [repr(r) for r in want]
    assert [hash(r) for r in got] == [hash(r) for r in want]
    for a, b in zip(got, want):
        assert type(a) is type(b)
        assert list(vars(a)) == list(vars(b))  # the fields, in field order
        assert [type(x) for x in vars(a).values()] == [type(y) for y in vars(b).values()]
        if same_objects:
            assert all(x is y for x, y in zip(vars(a).values(), vars(b).values()))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(*[CELLS] * 8), max_size=12))
def test_records_made_from_columns_are_the_records_the_class_makes(rows: list[tuple]) -> None:
    columns = [list(c) for c in zip(*rows)] if rows else [[] for _ in range(8)]
    _same_records(B._person_records(columns), list(map(PersonRecord, *columns)))


def test_records_from_columns_of_other_lengths_stop_at_the_shortest() -> None:
    """As ``map`` does: the records of the rows every column has."""
    columns = [["k1", "k2", "k3"], ["A", "B"], [None] * 3, ["x"] * 3, [None] * 3,
               ["i1", "i2", "i3"], [None] * 3, ["06", "07", "08"]]
    got = B._person_records(columns)
    _same_records(got, list(map(PersonRecord, *columns)))
    assert [r.key for r in got] == ["k1", "k2"]


def test_records_of_another_class_shape_are_made_by_the_class(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When the class could not be filled field by field (``_PROBE_TAIL`` None: slots, a
    ``__post_init__``, another field order), each record is the class's own call."""
    calls: list[tuple] = []

    class Spy(PersonRecord):  # type: ignore[misc]
        def __init__(self, *args: Any) -> None:
            calls.append(args)
            super().__init__(*args)

    monkeypatch.setattr(B, "_PROBE_TAIL", None)
    monkeypatch.setattr(B, "PersonRecord", Spy)
    columns = [["k"], ["A"], [None], [None], [None], [None], [None], ["06"]]
    got = B._person_records(columns)
    assert calls == [("k", "A", None, None, None, None, None, "06")]
    assert type(got[0]) is Spy


@pytest.fixture(scope="module")
def demo_ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("demo14")
    generate(root, "small", seed=11)
    return ingest.read_dataset(root / "data")


def test_people_read_from_columns_are_those_the_class_makes(
        demo_ds: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``person_records`` of the demo (employees and relatives, with addresses, streets,
    identifiers and birth dates) is the same list with the records made by the class."""
    got = B.person_records(demo_ds)
    monkeypatch.setattr(B, "_person_records", lambda columns: list(map(PersonRecord, *columns)))
    want = B.person_records(demo_ds)
    _same_records(got, want, same_objects=False)
    assert len(got) > 100
    assert any(r.address_key for r in got) and any(r.birth_date for r in got)
    assert any(r.iban or r.email or r.phone for r in got)


#: names of the shapes ``_parse_plain`` reads (and some it leaves to the full parser)
PLAIN_NAMES = ["Jan de Vries", "Petra Jansen", "A.B. van den Berg", "Vries, Jan de",
               "Jansen, A.B.", "Jan Pieter Jansen", "Mohamed El Amrani", "Anna van 't Hof",
               "J. Bakker", "Bakker, Jan", "Zoë de Jong", "Jan-Willem Bakker", "JAN DE VRIES",
               "Huub Zijlstra jr.", "dhr. A.M. van 't Hof", "Nguyen Van An"]


@pytest.mark.parametrize("raw", PLAIN_NAMES)
def test_a_plain_name_is_the_name_the_class_makes(raw: str) -> None:
    got = N._parse_plain(raw)
    if got is None:  # not of the plain shape: the full parser's, made by the class
        return
    fields = vars(got)
    want = N.PersonName(**fields)
    _same_records([got], [want])
    assert got == N._parse_common(raw) == N._parse_full(raw)
    assert got.generation == "" and got.sex == ""


def test_the_plain_shapes_are_read() -> None:
    """The test above reads names of the plain shape, not only others."""
    plain = [raw for raw in PLAIN_NAMES if N._parse_plain(raw) is not None]
    assert {"Jan de Vries", "Vries, Jan de", "A.B. van den Berg", "Jansen, A.B."} <= set(plain)


def test_a_plain_name_of_another_class_shape_is_made_by_the_class(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``_PLAIN_NAME_OK`` False (the class changed): the class's own ``__init__``."""
    calls: list[tuple] = []

    class Spy(N.PersonName):  # type: ignore[misc]
        def __init__(self, *args: Any) -> None:
            calls.append(args)
            super().__init__(*args)

    monkeypatch.setattr(N, "_PLAIN_NAME_OK", False)
    monkeypatch.setattr(N, "PersonName", Spy)
    got = N._plain_name("Jan de Vries", ("jan",), "j", "de", ("vries",), "Jan de Vries")
    assert type(got) is Spy and calls == [("Jan de Vries", ("jan",), "j", "de", ("vries",),
                                           "Jan de Vries")]


def test_the_class_shape_the_shortcut_needs_is_the_class_shape() -> None:
    """Today's ``PersonName`` is one ``_plain_name`` may fill (else the shortcut would be
    dead code that the tests above no longer see)."""
    assert N._PLAIN_NAME_OK
    assert B._PROBE_TAIL is not None and B._PROBE_FIELDS == B._RECORD_FIELDS
