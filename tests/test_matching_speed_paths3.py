"""The twelfth session's matching shortcuts held to the plain definitions they replace
(issue 10, point 6; issue 14): relatives matched against employees after their own
matching, reusing that set's prepared records, key rows and name counts (every relative's
rows joined, no columnar filter); the usual-name sums looked up in C
(``compare._usual_sum``); ``prepare`` reading the fields without calling ``_text`` /
``_date`` for the common values; the letter pairs put in order without sorting.  Hand-made records with odd names
(one word, particles, diacritics, initials, other scripts, empty), no birth date, shared
identifiers and places."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

from coi_graph.match import bulk, clear_caches, compare, records
from coi_graph.match.compare import (
    NameFrequencies,
    PersonRecord,
    Prepared,
    _date,
    _prepare_name,
    _text,
    prepare,
    usual_keys,
    usual_tally,
)
from coi_graph.match.records import match_people, match_within
from coi_graph.policy import MatchingPolicy

D = dt.date

NAMES = ["Jan de Vries", "Vries, J. de", "J. de Vries", "Mohamed El-Amrani", "Mohamed Amrani",
         "Siham Al Ahmadi", "Müge Ünal", "Muege Uenal", "Иван Петров", "A.M. van 't Hof",
         "", "  ", "Jansen", "de", "Ölçer\u00a0Ahmet", "Petra Jansen-de Vries", "Yan Yansen",
         "O'Brien", "IJ. IJzerman", "Daniëlle Haverkamp", "Martijn van der Wal", "李 小龙"]


def _people(prefix: str, n: int, seed: int) -> list[PersonRecord]:
    """``n`` records: the odd names above with birth dates that meet (equal, a digit off,
    day and month swapped, none), households at one address, street-only places, and
    identifiers now and then (a shared mailbox among them)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        name = rnd.choice(NAMES)
        bd = None if rnd.random() < 0.15 else rnd.choice(
            [D(1960, 1, 2), D(1960, 2, 1), D(1961, 1, 2), D(1990, 7, 7), D(1990, 7, 17)])
        addr = None if rnd.random() < 0.25 else (
            f"{rnd.choice(['1234AB', '1243AB', '9999ZZ'])}|{rnd.randint(1, 3)}|"
            f"{rnd.choice(['', 'a'])}")
        out.append(PersonRecord(
            f"{prefix}{i:04d}", name, bd, addr,
            rnd.choice([None, None, "kerkstraat 5|ede", "kerkstraat 5|edde"]),
            iban=rnd.choice([None, None, None, "NL91ABNA0417164300"]),
            email="info@example.org" if rnd.random() < 0.3 else None,
            phone=rnd.choice([None, None, None, "0612345678"])))
    return out


@pytest.mark.parametrize("use_address", [True, False])
def test_relatives_against_employees_after_their_own_matching_match_as_before(monkeypatch,
                                                                              use_address):
    """The graph build matches its relatives with themselves first, then against the
    employees: the second call takes the relatives' prepared records, key rows and name
    counts from the first, and joins every relative's rows (no columnar filter).  Its
    matches (scores, features, order) must be those of the same call made alone, and the
    shortcut must be taken."""
    pol = MatchingPolicy(use_address=use_address)
    rel = _people("relative:R", 260, 3)
    emp = _people("employee:E", 240, 4)
    clear_caches()
    alone = match_people(rel, emp, pol)
    clear_caches()
    found: list[object] = []
    real = records._indexed_as

    def seen(*a, **k):
        got = real(*a, **k)
        found.append(got)
        return got

    monkeypatch.setattr(records, "_indexed_as", seen)
    match_within(rel, pol)
    after = match_people(rel, emp, pol)
    assert found and found[-1] is not None and alone  # taken, and something to compare
    assert [dataclasses.astuple(m) for m in after] == [dataclasses.astuple(m) for m in alone]
    # and with a confirmed pair that nothing else would bring together
    pid = compare.pair_id(compare.record_fingerprint(rel[0]),
                         compare.record_fingerprint(emp[-1]))
    j = {pid: records.Judgement("confirm", "me", "2026-11-30", "checked",
                                 keys=(rel[0].key, emp[-1].key))}
    clear_caches()
    alone = match_people(rel, emp, pol, j)
    clear_caches()
    match_within(rel, pol, j)
    after = match_people(rel, emp, pol, j)
    assert found[-1] is not None
    assert any((m.probe, m.reference) == (rel[0].key, emp[-1].key) for m in alone)
    assert [dataclasses.astuple(m) for m in after] == [dataclasses.astuple(m) for m in alone]
    clear_caches()


def test_records_equal_but_not_the_same_objects_are_not_taken_for_an_indexed_set():
    """A list of records equal to an indexed set's by ``==`` but not the very same objects
    (a birth date written otherwise, ``1`` and ``1.0`` for a name) does not take that
    set's prepared records and rows; nor does a set under the other ``use_address``."""
    rel = _people("relative:R", 240, 5)
    clear_caches()
    match_within(rel, MatchingPolicy())
    assert records._indexed_as(list(rel), True) is not None
    assert records._indexed_as(list(rel), False) is None
    assert records._indexed_as([dataclasses.replace(r) for r in rel], True) is None
    assert records._indexed_as(list(rel)[:-1], True) is None
    assert records._indexed_as(list(rel[:150]), True) is None  # a few: made, not taken
    clear_caches()


def test_name_counts_are_kept_per_counted_probes():
    """The name counts kept on a list's columns are those counted anew, for each set of
    counted probes apart (the relatives are counted whole, then without themselves)."""
    rel = _people("relative:R", 60, 6) + [PersonRecord("relative:X1", 1, None, None),
                                          PersonRecord("relative:X2", None, None, None)]
    clear_caches()
    cols = records._probe_columns(rel)
    tokens = cols.tokens
    every = np.ones(len(rel), bool)
    some = every.copy()
    some[::2] = False
    first = records._name_counts(rel, cols, tokens, every)
    assert first == records._count_names(rel, cols, tokens, every) and first[2] > 0
    assert records._name_counts(rel, cols, tokens, every) is first  # kept
    other = records._name_counts(rel, cols, tokens, some)
    assert other == records._count_names(rel, cols, tokens, some) and other != first
    none = records._name_counts(rel, cols, tokens, ~every)
    assert none == ({}, {}, 0)
    # tokens that are not the columns' own are counted, not kept
    nt = bulk.name_tokens(list(pd.unique(pd.Series(cols.names, dtype=object))))
    codes = pd.Series(cols.names, dtype=object).map(
        {n: i for i, n in enumerate(nt.names)}).to_numpy()
    assert records._name_counts(rel, cols, (nt, codes), every) == first
    clear_caches()


def _plain_usual(f: NameFrequencies, tally) -> tuple[float, float, float]:
    """``with_usual_tally`` as it was: key by key through ``counts.get`` and ``pair_count``."""
    s = sum(max(f.counts.get(k, 0), 1) * m for k, m in tally.surnames)
    g = sum(max(f.counts.get(k, 0), 1) * m for k, m in tally.given)
    n = sum(max(f.pair_count(x, y), 1) * m for (x, y), m in tally.names)
    ls, lg, ln = tally.lengths
    return (s / ls if ls else 1.0, g / lg if lg else 1.0, n / ln if ln else 1.0)


def test_usual_sums_looked_up_in_c_are_the_key_by_key_sums():
    """The usual surname, given-name and name counts summed from ``get_many`` (two counts
    read as one) or ``dict.get`` are the sums key by key: keys in one count, in both, in
    neither, counts of zero, pairs written in either order."""
    prepared = [prepare(r) for r in _people("employee:E", 80, 7)]
    tally = usual_tally(usual_keys(prepared))
    assert tally.surnames and tally.given and tally.names
    words = {k for k, _ in tally.surnames} | {k for k, _ in tally.given}
    rnd = random.Random(8)
    a = {w: rnd.randint(0, 4) for w in words if rnd.random() < 0.6}
    b = {w: rnd.randint(0, 3) for w in words if rnd.random() < 0.5}
    pa_ = {((x, y) if x <= y else (y, x)): rnd.randint(0, 5)
           for (x, y), _ in tally.names if rnd.random() < 0.7}
    pb = {k: 2 for k in list(pa_)[::3]} | {("zz", "zzz"): 9}
    summed = records._SummedCounts(a, b)
    assert summed.get_many(list(words) + ["nobody"]) == [
        summed.get(k, 0) for k in list(words) + ["nobody"]]
    both = records._add_counts((a, pa_, 1), (b, pb, 1))
    for counts, pairs in ((summed, records._SummedCounts(pa_, pb)), (both[0], both[1]),
                          ({}, {})):
        f = NameFrequencies(counts, pairs, 100)
        got = f.with_usual_tally(tally)
        assert (got.usual_surname, got.usual_given, got.usual_name) == _plain_usual(f, tally)
    empty = NameFrequencies({}, {}, 1).with_usual_tally(usual_tally(usual_keys([])))
    assert (empty.usual_surname, empty.usual_given, empty.usual_name) == (1.0, 1.0, 1.0)


def _plain_prepare(r: PersonRecord) -> Prepared:
    """``prepare`` by its definition: every field through ``_text`` / ``_date``."""
    pn, given, surnames, bare, tokens = _prepare_name(_text(r.name) or "")
    addr = _text(r.address_key)
    pc = addr.split("|")[0] if addr else None
    bd = _date(r.birth_date)
    # the birth year: the date's, or the record's when only the year is known
    year = bd.year if bd is not None else (None if r.birth_year is None else int(r.birth_year))
    return Prepared(r.key, pn, given, pn.initials, surnames, bare, tokens, bd,
                    addr, pc or None, _text(r.street_city), _text(r.iban), _text(r.email),
                    _text(r.phone), r, year)


def test_prepare_reads_every_field_as_text_and_date_read_it():
    """``prepare`` reads None, strings and dates without calling ``_text`` / ``_date``;
    every other value still goes through them: the fields must be what they give
    (blank strings, padded strings, a number for a name, pandas' missing values, a
    ``datetime`` and an ISO string for a birth date, a string subclass)."""
    odd = [PersonRecord("x:1", "  Jan  de Vries ", dt.datetime(1970, 1, 2, 3, 4), " 1234AB|5| ",
                        "  ", " NL91 ", "", "\t"),
           PersonRecord("x:2", 12, "1970-01-02", pd.NA, np.nan, None, float("nan"), 612345678),
           PersonRecord("x:3", None, pd.NaT, "", None, pd.NA, None, None),
           PersonRecord("x:4", np.str_(" Müge Ünal "), pd.Timestamp("1980-02-03"),
                        np.str_("9999ZZ|1|a"), np.str_(" kerkstraat 5|ede "), None,
                        np.str_(" a@b.nl "), None),
           PersonRecord("x:5", "   ", "not a date", "|||", None, None, None, None)]
    for r in odd + _people("relative:R", 30, 9):
        p, q = prepare(r), _plain_prepare(r)
        assert vars(p) == vars(q) and list(vars(p)) == list(vars(q)), r
        for f in dataclasses.fields(Prepared):
            assert type(getattr(p, f.name)) is type(getattr(q, f.name)), (r, f.name)
        assert p.record is r



def _plain_letter_pairs(p: Prepared) -> set[str]:
    """``records._letter_pairs`` as it was written (sorting each pair of letters)."""
    if p.name is None:
        firsts = sorted({t[0] for t in p.tokens})
        return {a + b for i, a in enumerate(firsts) for b in firsts[i:]}
    given = {p.given[0][0]} if p.given else set()
    given |= {p.initials[:1]} - {""}
    sur = {s[0] for s in p.surnames if s} | {s[0] for s in p.name.surnames if s}
    if not given:
        return {s + s for s in sur}
    return {"".join(sorted(g + s)) for g in given for s in sur}


def test_letter_pairs_are_the_sorted_pairs_in_the_same_order():
    """The letter pairs are the same set as sorting each pair gives, iterated in the same
    order (the key rows follow it): given names before and after the surname's letter,
    initials only, an initial that is not the given name's, one word, several surnames,
    particles, diacritics, other scripts, no name."""
    extra = ["Zeger de Aa", "A. Zwart", "J.P. (Jan) Bakker", "Bakker, Anna", "Anna", "Zwart",
             "Ümit Özdemir", "Uemit Oezdemir", "Jan van der Berg-Aalders", "J. Jansen",
             "Kees (Cornelis) Anker", "Ahmed ben Ali", "Yvonne el Idrissi"]
    seen = 0
    for name in NAMES + extra:
        p = prepare(PersonRecord("x:" + name, name, D(1970, 1, 1), None))
        assert list(records._letter_pairs(p)) == list(_plain_letter_pairs(p)), name
        seen += len(records._letter_pairs(p)) > 1
    assert seen  # some names give more than one pair
    rough = dataclasses.replace(prepare(PersonRecord("x:r", "Jan Zwart", None, None)), name=None)
    assert records._letter_pairs(rough) == _plain_letter_pairs(rough) == {"jj", "jz", "zz"}


def test_joined_tally_is_the_tally_of_both_samples():
    """The usual-key tally of two reference sets joined is counted from the two tallies:
    the same keys with the same counts in the same order (first met) as counting the keys
    of both together, also with keys in both sets, in one only, and an empty set."""
    a = [prepare(r) for r in _people("employee:E", 90, 10)]
    b = [prepare(r) for r in _people("relative:R", 70, 11) + [
        PersonRecord("relative:N1", "Zeger de Aa", None, None),
        PersonRecord("relative:N2", "Anna Zwart", D(1950, 1, 1), None)]]
    ta, tb = usual_tally(usual_keys(a)), usual_tally(usual_keys(b))
    assert {k for k, _ in ta.surnames} & {k for k, _ in tb.surnames}  # shared keys
    assert {k for k, _ in tb.names} - {k for k, _ in ta.names}  # and new ones
    assert records._joined_tally(ta, tb) == usual_tally(usual_keys(a + b))
    assert records._joined_tally(tb, ta) == usual_tally(usual_keys(b + a))
    empty = usual_tally(usual_keys([]))
    assert records._joined_tally(ta, empty) == ta == records._joined_tally(empty, ta)
    # the joined reference set takes it from its parts once both have theirs
    clear_caches()
    ra = records._reference_index(tuple(r.record for r in a), True)
    rb = records._reference_index(tuple(r.record for r in b), True)
    ra[2].usual_tally(), rb[2].usual_tally()
    joined = records._reference_index(tuple(r.record for r in a + b), True)
    assert joined[2]._tally is not None
    assert joined[2]._tally == usual_tally(usual_keys(a + b))
    clear_caches()
