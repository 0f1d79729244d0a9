"""The thirteenth session's matching shortcuts held to the plain definitions they replace
(issue 10, point 6; issue 14): the vendor master read without deduping and sorting it when
its org_ids already ascend, and its KvK numbers indexed at once when none occurs twice
(``match_organizations``); a set matched with itself taking the references' prepared
records as the probes' only when they were prepared from those very records
(``records._prepared_from``); the self-match's key ranks sorted on a column
(``records._key_ranks``); the probes' columns taken as they are when a column holds one
type throughout (``bulk.ProbeColumns``: every name a ``str``, every birth date a ``date``
or None, no address, street or identifier at all)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

from coi_graph.match import bulk, clear_caches, records
from coi_graph.match.compare import PersonRecord, _date, _text, prepare
from coi_graph.match.records import match_organizations, match_within
from coi_graph.policy import MatchingPolicy

D = dt.date


# -- organizations ----------------------------------------------------------------------


def _orgs(probes, vendors):
    got = match_organizations(probes, vendors, MatchingPolicy())
    return [(m.probe, m.org_id, m.reason, m.detail) for m in got]


def test_a_vendor_master_out_of_order_is_sorted_before_it_is_read():
    """Two organizations with one KvK number: the lowest org_id is taken and the other
    named, whatever order the vendor master lists them in (only a master whose org_ids
    ascend strictly is read as it stands)."""
    probes = [("d:1", "iets", "11111111"), ("d:2", "Gamma", None)]
    want = [("d:1", "O1", "same KvK number", "KvK 11111111 = O1 (also O2)"),
            ("d:2", "O3", "same name", "name 'gamma' = O3")]
    for vendors in ([("O3", "Gamma B.V.", "33333333", []), ("O2", "Beta", "11111111", []),
                     ("O1", "Alpha", "11111111", [])],
                    [("O2", "Beta", "11111111", []), ("O1", "Alpha", "11111111", []),
                     ("O3", "Gamma B.V.", None, [])],
                    # an org_id listed twice (a second row of one organization)
                    [("O1", "Alpha", "11111111", []), ("O2", "Beta", "11111111", []),
                     ("O1", "Alpha", "11111111", []), ("O3", "Gamma", "33333333", [])]):
        assert _orgs(probes, vendors) == want, vendors


def test_a_kvk_number_shared_by_organizations_in_order_keeps_all_of_them():
    """A vendor master in org_id order whose KvK numbers repeat (two organizations, one
    number; an organization under a trade name) is indexed number by number: every
    organization of a number is kept, each once."""
    vendors = [("O1", "Alpha", "11111111", ["Alfa Bouw"]), ("O2", "Beta", "11111111", []),
               ("O3", "Gamma", "22222222", []), ("O4", "Delta", "11111111", [])]
    probes = [("d:1", "x", "11111111"), ("d:2", "Beta", "11111111"),
              ("d:3", "y", "22222222"), ("d:4", "Alfa Bouw", None)]
    assert _orgs(probes, vendors) == [
        ("d:1", "O1", "same KvK number", "KvK 11111111 = O1 (also O2, O4)"),
        ("d:2", "O2", "same KvK number", "KvK 11111111 = O2 (also O1, O4)"),
        ("d:3", "O3", "same KvK number", "KvK 22222222 = O3"),
        ("d:4", "O1", "same name", "name 'alfa bouw' = O1")]


def test_vendor_cells_are_read_as_text_and_kvk_read_them():
    """Names and KvK numbers that are not plain strings of eight digits are read as
    ``_as_text`` and ``_kvk`` read them: a number that lost its leading zero, spaces, a
    number through a float, padding, no name at all."""
    vendors = [("O1", "  Alpha  ", 1234567, []), ("O2", None, "2345 6789", []),
               ("O3", float("nan"), "34567890.0", []), ("O4", "Delta", " 45678901 ", []),
               ("O5", "Epsilon", "", []), ("O6", 7, None, [])]
    probes = [("d:1", None, "01234567"), ("d:2", None, "23456789"),
              ("d:3", None, "34567890"), ("d:4", None, "45678901"), ("d:5", "Alpha", None),
              ("d:6", "Epsilon", "99999999"), ("d:7", "7", None)]
    assert _orgs(probes, vendors) == [
        ("d:1", "O1", "same KvK number", "KvK 01234567 = O1"),
        ("d:2", "O2", "same KvK number", "KvK 23456789 = O2"),
        ("d:3", "O3", "same KvK number", "KvK 34567890 = O3"),
        ("d:4", "O4", "same KvK number", "KvK 45678901 = O4"),
        ("d:5", "O1", "same name", "name 'alpha' = O1"),
        ("d:6", "O5", "same name", "name 'epsilon' = O5"),
        ("d:7", "O6", "same name", "name '7' = O6")]


# -- a set matched with itself ------------------------------------------------------------


def _household(name: object, prefix: str = "relative:R") -> list[PersonRecord]:
    """Three records that share a birth date and an address (so every pair meets on the
    birth-date-and-address key whatever their names say), named ``name``."""
    return [PersonRecord(f"{prefix}{i}", name, D(1970, 5, 6), "1234AB|5|") for i in range(3)]


def test_a_self_match_reads_its_own_records_not_an_equal_indexed_set(monkeypatch):
    """A set matched with itself takes the references' prepared records as its probes'
    only when they were prepared from the very same records: a cached reference set of
    records equal to these by ``==`` (a name ``1`` for ``1.0``) reads them otherwise."""
    seen: list[str] = []
    real = records.has_support

    def support(p, r):
        seen.append(p.name.raw)
        return real(p, r)

    monkeypatch.setattr(records, "has_support", support)
    pol = MatchingPolicy()
    clear_caches()
    first = _household(1)
    match_within(first, pol)
    assert seen and set(seen) == {"1"}
    # the reference set stays (its records read ``1``)
    seen.clear()
    again = _household(1.0)
    assert again == first  # equal, not the same objects
    match_within(again, pol)
    assert seen and set(seen) == {"1.0"}
    # a set indexed from its very records: the references' prepared records are the
    # probes' (each record prepared once, as a reference, not again as a probe)
    clear_caches()
    seen.clear()
    calls: list[object] = []
    monkeypatch.setattr(records, "prepare", lambda r: calls.append(r) or prepare(r))
    match_within(again, pol)
    assert seen and set(seen) == {"1.0"}
    assert len(calls) == len(again) and all(map(lambda x, y: x is y, calls, again))
    clear_caches()


def test_prepared_from_wants_the_very_records_position_by_position():
    recs = _household("Jan de Vries") + _household("Piet Jansen", "relative:S")
    clear_caches()
    refs = [prepare(r) for r in recs]
    assert records._prepared_from(refs, recs)
    assert not records._prepared_from(refs, [dataclasses.replace(r) for r in recs])
    assert not records._prepared_from(refs, recs[::-1])
    assert not records._prepared_from(refs, recs[:-1])
    assert not records._prepared_from(refs[:-1], recs)
    clear_caches()


def test_key_ranks_are_the_places_in_sorted_order():
    """Each key's place among the distinct keys as ``sorted`` orders them (case, accents,
    digits, composed and decomposed letters, the empty key)."""
    rnd = random.Random(13)
    alphabet = ["a", "B", "b", "é", "e\u0301", "Z", "1", "10", "9", "ß", " ", "relative:"]
    for n in (0, 1, 5, 300):
        keys = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 3)))
                for _ in range(n)]
        at = {k: i for i, k in enumerate(sorted(set(keys)))}
        got = records._key_ranks(keys)
        assert got.dtype == np.int64 and got.shape == (n,)
        assert got.tolist() == [at[k] for k in keys]


# -- the probes' columns ----------------------------------------------------------------


def _plain_columns(probes):
    """What ``ProbeColumns`` reads of each probe, record by record."""
    names = [r.name if type(r.name) is str and r.name else str(r.name or "") for r in probes]
    births = [_date(r.birth_date) for r in probes]
    plain = [type(r.name) is str for r in probes]
    other = [bool(_text(r.address_key) or _text(r.street_city) or _text(r.iban)
                  or _text(r.email) or _text(r.phone)) for r in probes]
    return names, births, plain, other


@pytest.mark.parametrize("case", ["plain", "odd names", "odd dates", "one identifier",
                                  "one street", "empty"])
def test_probe_columns_of_one_type_are_read_as_the_records_read_them(case):
    rnd = random.Random(len(case))
    probes = []
    for i in range(40):
        probes.append(PersonRecord(
            f"officers:{i}", rnd.choice(["Jan de Vries", "", "A. Jansen", "  "]),
            rnd.choice([None, D(1960, 1, 2), D(1990, 7, 7)]), None))
    if case == "odd names":
        probes[3] = dataclasses.replace(probes[3], name=None)
        probes[7] = dataclasses.replace(probes[7], name=12.0)
        probes[9] = dataclasses.replace(probes[9], name=float("nan"))
    if case == "odd dates":
        probes[2] = dataclasses.replace(probes[2], birth_date="1971-02-03")
        probes[5] = dataclasses.replace(probes[5], birth_date=dt.datetime(1980, 1, 2, 3, 4))
        probes[6] = dataclasses.replace(probes[6], birth_date=pd.NaT)
        probes[8] = dataclasses.replace(probes[8], birth_date=pd.Timestamp("1999-12-31"))
    if case == "one identifier":
        probes[11] = dataclasses.replace(probes[11], iban=" NL91ABNA0417164300 ")
    if case == "one street":
        probes[12] = dataclasses.replace(probes[12], street_city="kerkstraat 5|ede")
    if case == "empty":
        probes = []
    cols = bulk.ProbeColumns(probes, _text, _date)
    names, births, plain, other = _plain_columns(probes)
    assert cols.names == names
    assert cols.births == births
    assert [type(b) for b in cols.births] == [type(b) for b in births]
    assert cols.plain.tolist() == plain
    assert cols.other.tolist() == other
    assert cols.day.tolist() == [b.toordinal() if b else 0 for b in births]


# -- columns the caller gives -------------------------------------------------------------


def _same_columns(a: bulk.ProbeColumns, b: bulk.ProbeColumns) -> None:
    assert a.keys == b.keys and a.names == b.names and a.births == b.births
    assert [type(x) for x in a.births] == [type(x) for x in b.births]
    assert a.day.tolist() == b.day.tolist()
    assert a.addr == b.addr and a.sc == b.sc and a.ids == b.ids
    assert a.plain.tolist() == b.plain.tolist() and a.other.tolist() == b.other.tolist()
    assert a.tokens[1].tolist() == b.tokens[1].tolist()
    assert a.tokens[0].names == b.tokens[0].names


def test_given_columns_are_read_only_for_the_very_same_records():
    """Columns given for a list of records are read when those very records are matched
    (each field from the columns, the others from the records), never for another list of
    records, even one equal to it."""
    recs = [PersonRecord(f"officers:{i}", f"Jan de Vries {i % 3}", D(1960, 1, 1 + i % 5),
                         None, iban="NL91ABNA0417164300" if i == 4 else None)
            for i in range(30)]
    others = [dataclasses.replace(r) for r in recs]
    clear_caches()
    records.probe_columns(recs, name=["Piet"] * 30, email=None)
    got = records._probe_columns(others)  # equal records, not these: their own fields
    _same_columns(got, bulk.ProbeColumns(others, _text, _date))
    got = records._probe_columns(recs)  # these: the names given, the rest their own
    assert got.names == ["Piet"] * 30 and got.keys == [r.key for r in recs]
    assert got.ids["iban"][4] == "NL91ABNA0417164300" and got.other.tolist().count(True) == 1
    assert records._probe_columns(recs) is got  # kept from here on, as before
    with pytest.raises(ValueError, match="not a field"):
        records.probe_columns(recs, nickname=["x"] * 30)
    with pytest.raises(ValueError, match="another length"):
        records.probe_columns(recs, name=["x"] * 29)
    clear_caches()
    assert records._probe_columns.cache_info()[2] == 0 and not records._probe_columns._given


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    import ingest
    from coi_graph.demo import generate

    root = tmp_path_factory.mktemp("demo13")
    generate(root, "small", seed=7)
    return ingest.read_dataset(root / "data")


def test_the_graph_build_gives_its_officers_and_applicants_own_fields(demo, monkeypatch):
    """The KvK officers' and the applicants' (co-applicants too) records are made from the
    columns the graph build gives matching: each given column is the records' own field,
    value for value and type for type, and the probe columns read from them are those read
    from the records; the matches are those of a build that gives none."""
    from coi_graph.graph import build as B
    from coi_graph.policy import Policy

    f = demo.frame("allocations")
    co_n = ["Anna de Vries", None, "", "Piet Hein"]
    co_b = ["1970-01-02", None, "1970-01-02", "1969-12-31"]
    f["co_applicant_name"] = pd.Series([co_n[i % 4] for i in range(len(f))], index=f.index,
                                       dtype="str")
    f["co_applicant_birth_date"] = pd.to_datetime(
        pd.Series([co_b[i % 4] for i in range(len(f))], index=f.index))
    given: list[tuple[list[PersonRecord], dict[str, object]]] = []
    real = B.probe_columns

    def seen(probes, **fields):
        given.append((probes, fields))
        return real(probes, **fields)

    monkeypatch.setattr(B, "probe_columns", seen)
    clear_caches()
    lg = B.build_graph(demo, Policy.default())
    kinds = {p[0].key.split(":")[0] for p, _ in given if p}
    assert {"officers", "applicant"} <= kinds
    assert any(r.key.startswith("co_applicant:") for p, _ in given for r in p)
    for probes, fields in given:
        for name, col in fields.items():
            own = [getattr(r, name) for r in probes]
            if col is None:
                assert all(v is None for v in own), name
            else:
                assert col == own and list(map(type, col)) == list(map(type, own)), name
        clear_caches()
        real(probes, **fields)
        _same_columns(records._probe_columns(probes), bulk.ProbeColumns(probes, _text, _date))
    clear_caches()
    monkeypatch.setattr(B, "probe_columns", lambda probes, **fields: None)
    plain = B.build_graph(demo, Policy.default())
    assert lg.matches == plain.matches and sorted(lg.anchor_index) == sorted(plain.anchor_index)
    clear_caches()
