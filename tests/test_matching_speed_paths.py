"""The matcher's fast paths give what the plain definitions give.

Each test here compares one shortcut taken for speed (issue 10, point 6) with the general
path it replaces: the birth-date-and-address block compared as integer codes instead of the
key's text, ``prepare`` filling a ``Prepared`` without its ``__init__``, the joined reference
index read through instead of copied, and the usual-name tallies counted once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from statistics import fmean

import numpy as np
import pytest

from coi_graph.match import records
from coi_graph.match.compare import (
    NameFrequencies,
    PersonRecord,
    Prepared,
    prepare,
    usual_keys,
)
from coi_graph.match.records import _reference_index, match_people
from coi_graph.policy import MatchingPolicy

D = dt.date

#: Two records of one person typed with a typo in every name word (no name word and no pair
#: of first letters in common): only the key of one birth date at one address brings them
#: together.  Around them: a neighbour, a namesake elsewhere, someone without an address.
PAIR = [PersonRecord("relative:R1", "Jan Jansen", D(1970, 5, 6), "1234AB|5|"),
        PersonRecord("relative:R2", "Yan Yansen", D(1970, 5, 6), "1234AB|5|a")]
OTHERS = [PersonRecord("relative:R3", "Piet Bakker", D(1970, 5, 6), "1234AB|7|"),
          PersonRecord("relative:R4", "Jan Jansen", D(1981, 2, 3), "9999ZZ|1|"),
          PersonRecord("relative:R5", "Kees Smit", D(1970, 5, 6), None)]


def _every_probe_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records._CoarseIndex, "candidates",
                        lambda self, probes, support=False, tokens=None, refine=True:
                        np.ones(len(probes), bool))


@pytest.mark.parametrize("support", [True, False])
def test_birth_address_block_finds_a_pair_with_nothing_else_in_common(support):
    """Against other references and against themselves (relatives against relatives, where
    a record's own key does not count), the pair is found on the birth-date-and-address
    key alone; the namesake elsewhere is not, the neighbour (same birth date and postcode)
    only through the birth-date-and-postcode key."""
    everyone = tuple(PAIR + OTHERS)
    records._ref_sets.clear()
    _, index, coarse = _reference_index(everyone, True)
    assert [k for k in index if k[0] == "ba" and len(index[k]) > 1] == [
        ("ba", "1970-05-06|1234AB|5")]
    own = coarse.candidates(list(everyone), support).tolist()
    assert own[:2] == [True, True] and own[2:4] == [True, False]
    assert [k for k in index if k[0] == "bp" and len(index[k]) > 1] == [
        ("bp", "1970-05-06|1234AB")]
    # an applicant with a typo in every name word again, at the pair's address; then with
    # a typo in the house number too (the birth date with the postcode finds it), or in
    # the postcode (with the house number), or in both (nothing left to meet on); a typo
    # in the birth date at the pair's address meets on the address with the birth year
    # (records.near_birth_keys)
    probes = [PersonRecord("applicant:A1", "Xan Xansen", D(1970, 5, 6), "1234AB|5|"),
              PersonRecord("applicant:A2", "Xan Xansen", D(1970, 5, 7), "1234AB|5|"),
              PersonRecord("applicant:A3", "Xan Xansen", D(1970, 5, 6), "1234AB|6|"),
              PersonRecord("applicant:A4", "Xan Xansen", D(1970, 5, 6), "1243AB|5|"),
              PersonRecord("applicant:A5", "Xan Xansen", D(1970, 5, 6), "1243AB|6|"),
              PersonRecord("applicant:A6", "Xan Xansen", D(1970, 5, 6), "|6|")]
    assert coarse.candidates(probes, support).tolist() == [
        True, True, True, True, False, False]
    assert [coarse.might_match(p, support) for p in probes] == [
        True, True, True, True, False, False]


def test_birth_address_pair_matches_as_with_every_probe_checked(monkeypatch):
    everyone = PAIR + OTHERS
    records._ref_sets.clear()
    fast = match_people(everyone, everyone, MatchingPolicy())
    assert {(m.probe, m.reference) for m in fast} >= {("relative:R1", "relative:R2"),
                                                      ("relative:R2", "relative:R1")}
    _every_probe_checked(monkeypatch)
    records._ref_sets.clear()
    assert match_people(everyone, everyone, MatchingPolicy()) == fast


def test_prepare_makes_what_the_constructor_makes():
    """``prepare`` sets the fields of a ``Prepared`` at once; the object must be the one
    ``Prepared(...)`` makes: equal, same hash, same repr, same fields in the same order."""
    for r in PAIR + OTHERS + [PersonRecord("x:1", "  ", None, None, " a|b ", " NL01 ", "", "")]:
        p = prepare(r)
        q = Prepared(**{f.name: getattr(p, f.name) for f in dataclasses.fields(Prepared)})
        assert p == q and hash(p) == hash(q) and repr(p) == repr(q)
        assert vars(p) == vars(q) and list(vars(p)) == list(vars(q))
        assert p.record is r and p.fingerprint == q.fingerprint


def test_joined_index_reads_as_one_dict():
    """The index of two reference sets joined is read through both; it must answer as the
    dict built from both at once: every key, its positions and the order of the keys."""
    # the second set shares keys with the first (the same person in both)
    first = tuple(PAIR + OTHERS[:1])
    second = tuple(OTHERS[1:]) + (dataclasses.replace(PAIR[0], key="relative:R6"),)
    records._ref_sets.clear()
    _reference_index(first, True)
    _reference_index(second, True)
    _, joined, _ = _reference_index(first + second, True)
    assert isinstance(joined, records._JoinedIndex)
    _, built, _ = records._build_reference_index(first + second, True)
    assert list(joined) == list(built) and len(joined) == len(built)
    assert {k: joined[k] for k in joined} == built
    assert joined[("b", "jansen", D(1970, 5, 6))] == [0, 5]
    assert joined.get(("b", "nosuchword", D(2000, 1, 1))) is None
    assert all(k in joined for k in built)


def test_usual_counts_are_the_means_over_the_sample():
    """The usual counts (tallied once per reference set) are the means, key by key, of
    how many names carry each record's surname, given name and the two together."""
    sample = [prepare(r) for r in PAIR + OTHERS]
    counts = {"jansen": 5, "bakker": 2, "jan": 7}
    pairs = {("jan", "jansen"): 4}
    f = NameFrequencies(counts, pairs, 100).with_usual(sample)
    keys = usual_keys(sample)
    assert f.usual_surname == fmean(max(counts.get(k, 0), 1) for k in keys.surnames)
    assert f.usual_given == fmean(max(counts.get(k, 0), 1) for k in keys.given)
    assert f.usual_name == fmean(max(pairs.get(tuple(sorted(k)), 0), 1) for k in keys.names)


def test_references_that_are_the_probes_are_counted_from_their_split_names():
    """Relatives against relatives: the references' name counts are taken from the probes'
    names already split; they must be the counts of the references' texts, name by name,
    also for padded, blank, non-ASCII and non-string names."""
    names = ["Jan de Vries", "  Jan  de Vries ", "", "   ", "Müge Ünal", "Иван Петров",
             "Siham Al Ahmadi", "Jan2 de 3Vries", float("nan"), 12345, None, "O'Brien",
             "Oeztuerk, Gül", "Ölçer\u00a0Ahmet", "\u00a0Jan Jansen\u00a0"]
    probes = [PersonRecord(f"relative:R{i}", n, D(1970, 1, 1 + i), None)  # type: ignore[arg-type]
              for i, n in enumerate(names)]
    equal = tuple(dataclasses.replace(r) for r in probes)  # the same records, other objects
    pol = MatchingPolicy(name_frequency={"enabled": True, "min_records": 1, "max_bonus": 5.0,
                                         "max_penalty": 10.0, "rare_max_names": 2})
    tokens = records._probe_tokens(probes)
    got = []
    for refs in (tuple(probes), equal):
        prepared, _, coarse = records._build_reference_index(refs, True)
        f = records._frequencies(probes, refs, prepared, pol, coarse, tokens)
        got.append((coarse.ref_words, f))
    assert got[0] == got[1]
    words, pairs, n = got[0][0]
    assert n == 11 and words["jansen"] == 1 and words["vries"] == 2


def test_unknown_kvk_against_a_master_where_every_org_has_one():
    """A declaration with a KvK number the vendor master lacks can only be an organization
    without one; with none such, the name index is not built.  The answer must be what the
    name index gives: the same as with one unrelated organization without a KvK number
    added (which makes the matcher build and search the index)."""
    from coi_graph.match.records import match_organizations
    orgs = [("O1", "Bouwbedrijf Jansen B.V.", "12345678"), ("O2", "Schilders De Vries", "2345678"),
            ("O3", "Bouwbedrijf Jansen", "34567890", ["Jansen Bouw"]),
            ("O4", "Schilders De Vries", "45678901")]
    probes = [("d:1", "Bouwbedrijf Jansen", "99999999"), ("d:2", "Jansen Bouw", "99999998"),
              ("d:3", "Schilders de Vries", "02345678"), ("d:4", "", "88888888"),
              ("d:5", "Bouwbedrijf Jansen", None), ("d:6", "Jansen Bouw", None),
              ("d:7", "Schildersbedrijf Jansen", "77777777")]
    pol = MatchingPolicy()
    fast = match_organizations(probes, orgs, pol)
    built = []
    orig = records._Blocks.__init__

    def init(self, *a, **k):  # type: ignore[no-untyped-def]
        built.append(1)
        orig(self, *a, **k)

    try:
        records._Blocks.__init__ = init  # type: ignore[method-assign]
        slow = match_organizations(probes, orgs + [("O9", "Qwxyz", None)], pol)
        assert built  # the unrelated organization made the matcher use the index
        built.clear()
        assert match_organizations(probes[:4] + probes[6:], orgs, pol) == [
            m for m in fast if m.probe not in ("d:5", "d:6")]
        assert not built  # only probes with an unknown KvK number: no index
    finally:
        records._Blocks.__init__ = orig  # type: ignore[method-assign]
    assert fast == slow
    assert [m.reason for m in fast] == ["no match", "no match", "same KvK number", "no match",
                                        "no match", "same name", "no match"]


def _decoded(rs) -> dict:  # type: ignore[no-untyped-def]
    """A columnar reference side as sorted decoded rows (the row order is no answer)."""
    v = rs.vocab.to_pylist()
    out = {
        "vocab": v,
        "b": sorted((v[k >> 22], k & (1 << 22) - 1, r)
                    for k, r in zip(rs.b_keys.tolist(), rs.b_ref.tolist())),
        "b_set": sorted(rs.b.tolist()) == sorted(rs.b_keys.tolist()),
        "b2": sorted(zip(rs.b2_day.tolist(), rs.b2_mask.tolist(), rs.b2_ref.tolist())),
        "a": sorted((v[t], rs.a_addr[c], r)
                    for (t, c), r in zip(rs.a_tok.tolist(), rs.a_ref.tolist())),
        "s": sorted((v[t], rs.s_sc[c], r)
                    for (t, c), r in zip(rs.s_tok.tolist(), rs.s_ref.tolist())),
        "ids": {k: sorted(zip(vals, refs.tolist())) for k, (vals, refs) in rs.id_rows.items()},
        "sets": rs.ids,
        "refs": (rs.r_key.tolist(), rs.key_code, rs.r_day.tolist(), rs.r_addr, rs.r_sc,
                 rs.r_ids)}
    for name in ("y", "md"):
        key, ref, bit = (getattr(rs, f"{name}_{x}") for x in ("key", "ref", "bit"))
        out[name] = sorted((v[k // 10000], k % 10000, r, b)
                           for k, r, b in zip(key.tolist(), ref.tolist(), bit.tolist()))
    return out


@pytest.mark.parametrize("use_address", [True, False])
def test_reference_columns_made_from_the_records_are_those_of_the_index(use_address):
    """The references' columnar keys are made from the prepared records (``_ref_rows``);
    they must be the rows :func:`bulk.ref_side` takes apart from the index of their
    blocking keys: hostile names, initials only, no birth date, a birth date before 1970
    and before 1900, street and city without a postcode, identifiers, one person twice."""
    from coi_graph.match import bulk

    names = ["Jan de Vries", "Vries, J. de", "Mohamed El-Amrani", "Siham Al Ahmadi",
             "Müge Ünal", "Иван Петров", "A.M. van 't Hof", "Jan2 de 3Vries", "", "Ch. Bakker",
             "Ölçer\u00a0Ahmet", "O'Brien", "IJ. IJzerman", "Petra Jansen-de Vries", "李 小龙"]
    recs = []
    for i, n in enumerate(names):
        recs.append(PersonRecord(
            f"employee:E{i}", n, None if i % 5 == 4 else D(1890 + 9 * i, 1 + i % 12, 1 + i),
            # a postcode typo beside its record, and no postcode at all (no "bp" key)
            None if i % 3 == 2 else
            f"{('1234AB', '1243AB', '')[i % 7 % 3]}|{i % 4}|{'a' if i % 2 else ''}",
            "kerkstraat 5|ede" if i % 3 else None,
            iban="NL91ABNA0417164300" if i % 4 == 1 else None,
            email=f"x{i % 2}@example.org" if i % 6 == 0 else None,
            phone="0612345678" if i == 7 else None))
    recs.append(dataclasses.replace(recs[0], key="employee:E99"))  # one person twice
    prepared, _, coarse = records._build_reference_index(tuple(recs), use_address)
    assert coarse.use_address is use_address
    direct = bulk.ref_side_of_rows(records._ref_rows(prepared, use_address), prepared)
    assert _decoded(direct) == _decoded(bulk.ref_side(coarse))
    assert len(direct.b) and len(direct.b2_day) and len(direct.y_key) and direct.id_rows
    assert {"ba", "bp", "bh"} <= set(direct.id_rows)
    assert bool(len(direct.a_tok)) is use_address and bool(len(direct.s_tok)) is use_address
    empty = bulk.ref_side_of_rows(records._ref_rows([], use_address), [])
    assert _decoded(empty) == _decoded(bulk.ref_side(records._build_reference_index(
        (), use_address)[2]))


def test_matches_are_the_same_whichever_way_the_reference_columns_are_made(monkeypatch):
    """``match_people`` on the columns made from the records (as for a scan's thousands of
    references) and on those taken from the index (as for a few) finds the same."""
    everyone = PAIR + OTHERS + [
        PersonRecord("relative:R6", "J. Jansen", D(1970, 6, 5), "1234AB|5|"),
        PersonRecord("relative:R7", "Petra Jansen", D(1972, 1, 1), None,
                     street_city="kerkstraat 5|ede"),
        PersonRecord("relative:R8", "Jansen, Petra", D(1972, 1, 1), None,
                     street_city="kerkstraat 5|ede", phone="0612345678")]
    probes = everyone + [dataclasses.replace(r, key=f"applicant:{r.key}") for r in everyone] + [
        dataclasses.replace(r, key=f"officer:{r.key}", address_key=None, street_city=None)
        for r in everyone] + [  # a name word and the birth date, nothing else
        PersonRecord("officer:X1", "Kees Bakker", D(1970, 5, 6), None)]
    got = []
    for at_least in (0, 10**9):
        monkeypatch.setattr(records, "REF_ROWS_MIN", at_least)
        records._ref_sets.clear()
        _, _, coarse = _reference_index(tuple(everyone), True)
        got.append((coarse.candidates(probes, True).tolist(), match_people(probes, everyone,
                                                                           MatchingPolicy())))
    assert got[0] == got[1] and len(got[0][1]) >= 6 and got[0][0][-1]
