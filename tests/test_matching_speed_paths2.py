"""More of the matcher's fast paths held to the plain definitions they replace (issue 10,
point 6): the (probe, reference) pairs joined on columns (``bulk.key_pairs``) against the
dict of the references' blocking keys looked up key by key, and the matches found either
way, on hand-made records with odd names (empty, particles, diacritics, other scripts,
initials only), no birth date, one person twice, shared identifiers and a shared mailbox."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from coi_graph.match import bulk, compare, records
from coi_graph.match.compare import PersonRecord, prepare
from coi_graph.normalise.names import parse_name
from coi_graph.match.records import Judgement, match_people
from coi_graph.policy import MatchingPolicy

D = dt.date

NAMES = ["Jan de Vries", "Vries, J. de", "J. de Vries", "Mohamed El-Amrani", "Mohamed Amrani",
         "Siham Al Ahmadi", "Siham Ahmadi", "Müge Ünal", "Muege Uenal", "Иван Петров",
         "A.M. van 't Hof", "Jan2 de 3Vries", "", "   ", "Ch. Bakker", "Ölçer\u00a0Ahmet",
         "O'Brien", "IJ. IJzerman", "Petra Jansen-de Vries", "李 小龙", "Mehmet Bourgondië, van",
         "Jansen", "de", "Yan Yansen"]


def _records(prefix: str, shift: int = 0) -> list[PersonRecord]:
    """Records with the odd names above, birth dates that meet (equal, a day off, swapped,
    missing), addresses and street-only places that meet, and identifiers."""
    out = []
    for i, n in enumerate(NAMES):
        j = i + shift
        bd = None if j % 7 == 6 else D(1960 + j % 3, 1 + j % 2, 2 + (j + shift) % 3)
        out.append(PersonRecord(
            f"{prefix}{i}", n, bd,
            # a typo in the postcode now and then: the birth date with the house number
            # ("bh") meets the others, with the postcode ("bp") those at another number
            None if j % 4 == 3 else
            f"{'1243AB' if j % 8 == 5 else '1234AB'}|{j % 3}|{'a' if j % 2 else ''}",
            "kerkstraat 5|ede" if j % 5 in (1, 3) else None,
            iban="NL91ABNA0417164300" if j % 6 == 1 else None,
            email="info@example.org" if j % 4 == 0 else None,
            phone="0612345678" if j % 9 == 2 else None))
    return out


def _looked_up(probes: list[PersonRecord], refs: tuple[PersonRecord, ...],
               use_address: bool) -> set[tuple[int, int]]:
    """The straightforward way: each probe's blocking keys looked up in a dict of the
    references' keys, shared mailboxes left out."""
    index = records._index_of(refs, use_address)
    got = set()
    for i, r in enumerate(probes):
        for k in records._record_keys(r):
            if not use_address and k[0] in ("a", "s"):
                continue
            hits = index.get(k, [])
            if k[0] in records._CAPPED and len(hits) > records.MAX_IDENTIFIER_BLOCK:
                continue
            got.update((i, j) for j in hits)
    return got


@pytest.mark.parametrize("use_address", [True, False])
@pytest.mark.parametrize("mailbox", [5, records.MAX_IDENTIFIER_BLOCK + 1])
def test_columnar_pairs_are_the_dict_look_ups(use_address, mailbox):
    """Every pair the dict finds and no other, for probes against other references and
    against themselves; an e-mail held by more than ``MAX_IDENTIFIER_BLOCK`` references
    meets nobody, one held by a few does."""
    # a typo in every name word: only the first letters and the birth date meet ("b2")
    typo = (PersonRecord("employee:T", "Jan Jansen", D(1970, 5, 6), None),
            PersonRecord("applicant:T", "Jon Jonsen", D(1970, 5, 6), None))
    refs = _records("employee:E") + [typo[0]] + [
        PersonRecord(f"employee:M{i}", f"Kees Mail{i}", None, None, email="hr@example.org")
        for i in range(mailbox)]
    probes = _records("applicant:A", shift=1) + [typo[1]] + [
        PersonRecord("applicant:M", "Someone Else", None, None, email="hr@example.org")]
    for ps, rs in ((probes, tuple(refs)), (refs, tuple(refs)), ([], tuple(refs)),
                   (probes, ())):
        prepared_p = [prepare(r) for r in ps]
        prepared_r = [prepare(r) for r in rs]
        li, ri = bulk.key_pairs(records._ref_rows(prepared_p, use_address),
                                records._ref_rows(prepared_r, use_address), len(rs),
                                records.MAX_IDENTIFIER_BLOCK)
        pairs = list(zip(li.tolist(), ri.tolist()))
        assert pairs == sorted(set(pairs))  # sorted and distinct
        assert set(pairs) == _looked_up(ps, rs, use_address)
        if ps and rs:
            assert pairs
        if ps is probes and rs:
            assert (len(probes) - 2, refs.index(typo[0])) in pairs
    mail = len(refs) - 1
    li, ri = bulk.key_pairs(records._ref_rows([prepare(probes[-1])], use_address),
                            records._ref_rows([prepare(r) for r in refs], use_address),
                            len(refs), records.MAX_IDENTIFIER_BLOCK)
    assert ((mail in ri.tolist()) is (mailbox <= records.MAX_IDENTIFIER_BLOCK))


def test_joined_rows_are_the_rows_of_both_sets():
    """A joined reference set's key rows, joined from its two parts', are the rows made of
    the two sets at once."""
    a, b = _records("employee:E"), _records("relative:R", shift=2)
    pa_, pb = [prepare(r) for r in a], [prepare(r) for r in b]
    for use_address in (True, False):
        joined = bulk.join_ref_rows(records._ref_rows(pa_, use_address),
                                    records._ref_rows(pb, use_address), len(pa_))
        assert joined == records._ref_rows(pa_ + pb, use_address)


def _prepared_name_plain(name: str) -> tuple[object, ...]:
    """The name half of ``prepare`` as it was first written: one generator per part."""
    pn = parse_name(name)
    canon, particles = compare.canon, compare._NAME_PARTICLES
    given = tuple(canon(p) for p in compare._given_parts(pn))
    surnames = tuple(dict.fromkeys(canon(s) for s in pn.surnames if canon(s)))
    bare = tuple(dict.fromkeys(
        canon(" ".join(w for w in s.split() if w not in particles) or s) for s in pn.surnames))
    bare = tuple(b for b in bare if b)
    tokens = frozenset(given) | frozenset(canon(w) for s in pn.surnames for w in s.split()) \
        | frozenset(surnames) | frozenset(bare)
    # (since session 13) the tussenvoegsel glued to the one surname, when the raw name
    # writes it right before the surname: 'van der Heuvel' -> 'vanderheuvel'
    if pn.tussenvoegsel and len(pn.surnames) == 1:
        joined = canon(pn.tussenvoegsel + pn.surnames[0])
        if joined in compare.name_words(name):
            tokens = tokens | {joined}
    return pn, given, surnames, bare, frozenset(t for t in tokens if t)


def test_prepared_name_is_the_plain_definition():
    """``_prepare_name`` (one split per surname for its bare form and its words) gives what
    the plain definition gives, the tokens in the same iteration order too, on odd names,
    Arabic/Berber particles in and around the surname, several surnames, tabs and double
    spaces."""
    names = NAMES + [
        "Siham Al Ahmadi", "Mohamed El  Amrani", "Abu Bakr Ben Ali", "Youssef Ait Ben Haddou",
        "Al", "El Ben", "Fatima el-Amrani", "Petra van der Berg-de Vries",
        "Jansen-Al Ahmadi, Anna", "Jan\tde Vries", "  Anna  Maria   de  Wit ", "Ould Abdallah",
        "Ahmed Ibn Battuta", "Khadija Bin Laden-Al Saud", "Thijs Schoch", "X Æ A-12",
        "A.M. van 't Hof", "Ölçer\u00a0Ahmet", "M. Abou Zaid", "de Vries", "van",
        "Jan van der Heuvel", "Heuvel, Jan van der", "Jan ter Horst", "T. Dewit"]
    for n in names:
        got, plain = compare._prepare_name.__wrapped__(n), _prepared_name_plain(n)
        assert got == plain, n
        assert list(got[4]) == list(plain[4]), n
    # particles are taken out of the bare surname, and each surname word is a token
    pn, _, surnames, bare, tokens = compare._prepare_name.__wrapped__("Siham Al Ahmadi")
    assert "ahmadi" in bare and "al" in tokens and "ahmadi" in tokens


@pytest.mark.parametrize("use_address", [True, False])
def test_pairs_within_are_the_pairs_of_the_own_rows(use_address):
    """A set matched with itself: ``KeyIndex.pairs_within`` (the index's own coded keys) is
    ``pairs`` of the rows the index was made of, with and without the upper half only; on
    odd names, identifiers, a mailbox held by more than ``MAX_IDENTIFIER_BLOCK`` and one
    person twice."""
    recs = _records("relative:R") + _records("relative:S", shift=3) + [
        PersonRecord(f"relative:M{i}", f"Kees Mail{i}", None, None, email="hr@example.org")
        for i in range(records.MAX_IDENTIFIER_BLOCK + 1)] + [
        PersonRecord("relative:T1", "Jan Jansen", D(1970, 5, 6), "1234AB|1|", phone="0611"),
        PersonRecord("relative:T2", "Jon Jonsen", D(1970, 5, 6), None, phone="0611"),
        # met only by the surname with day and month (``md``), or with the year (``y``)
        PersonRecord("relative:Y1", "Piet Bakker", D(1970, 5, 6), None),
        PersonRecord("relative:Y2", "Piet Bakker", D(1971, 5, 6), None),
        PersonRecord("relative:Y3", "Piet Bakker", D(1970, 6, 7), None)]
    prepared = [prepare(r) for r in recs]
    rows = records._ref_rows(prepared, use_address)
    index = bulk.KeyIndex(rows, records.MAX_IDENTIFIER_BLOCK)
    rank = records._key_ranks([r.key for r in recs])
    got = index.pairs_within(len(recs), (rank, rank))
    want = index.pairs(rows, len(recs), (rank, rank))
    assert len(want[0]) and all(x.tolist() == y.tolist() for x, y in zip(got, want))
    y1, y2, y3 = (recs.index(r) for r in recs[-3:])
    assert {(y1, y2), (y1, y3)} <= set(zip(*(x.tolist() for x in got)))
    flat = np.zeros(len(recs), dtype=np.int64)  # every pair, both ways (no upper half)
    assert all(x.tolist() == y.tolist() for x, y in zip(
        index.pairs_within(len(recs), (flat - 1, flat)), index.pairs(rows, len(recs))))


def test_summed_counts_are_the_counts_added_up():
    """The name counts of the references and the probes read through (``_SummedCounts``,
    what the name frequencies look words up in) are the two added up (``_add_counts``):
    each key's sum, the default for a key neither has, every key once."""
    a = ({"jan": 3, "vries": 2, "de": 5}, {("jan", "vries"): 2}, 7)
    b = ({"jan": 1, "piet": 4}, {("jan", "vries"): 1, ("piet", "vries"): 4}, 5)
    added = records._add_counts(a, b)
    for x, y, want in ((a[0], b[0], added[0]), (a[1], b[1], added[1])):
        got = records._SummedCounts(x, y)
        assert dict(got.items()) == want and len(got) == len(want) and list(got) == list(want)
        for k in [*want, "nobody", ("a", "b")]:
            assert got.get(k, 0) == want.get(k, 0) and (k in got) is (k in want)
    got = records._SummedCounts(a[0], b[0])
    assert got["jan"] == 4 and got.get("nobody") is None
    with pytest.raises(KeyError):
        got["nobody"]


def _key_index_parts(k: bulk.KeyIndex) -> dict[str, object]:
    """Everything a :class:`bulk.KeyIndex` answers from, as plain values."""
    def vocab(v: bulk._Vocab) -> tuple[object, ...]:
        return v.codes.tolist(), v.size, list(v._index.items())

    def srt(x: bulk._Sorted) -> tuple[object, ...]:
        return x.keys.tolist(), x.refs.tolist()

    out: dict[str, object] = {n: vocab(getattr(k, n))
                              for n in ("b_tok", "b2_pair", "y_sur", "y_g")}
    out.update({n: srt(getattr(k, n)) for n in ("b", "b2", "y", "md")})
    out["places"] = [(vocab(t), vocab(p), srt(x)) for t, p, x in k.places]
    out["ids"] = {kind: (vocab(v), srt(x)) for kind, (v, x) in k.ids.items()}
    return out


def test_joined_vocabulary_codes_as_the_whole():
    """A vocabulary joined from two (its dict not made) codes every value as the vocabulary
    of both lists at once: values of the first, of the second only, of both, of neither,
    and None; also joined again with a third."""
    xs, ys, zs = ["a", "b", "a", "c"], ["d", "b", "e", "d"], ["f", "a", "e"]
    x, y, z = bulk._Vocab(xs), bulk._Vocab(ys), bulk._Vocab(zs)
    xy, _ = bulk._Vocab.joined(x, y)
    xyz, _ = bulk._Vocab.joined(xy, z)
    probe = ["e", "a", "zz", None, "d", "b", "f", "c"]
    for got, whole in ((xy, bulk._Vocab(xs + ys)), (xyz, bulk._Vocab(xs + ys + zs))):
        assert got.codes.tolist() == whole.codes.tolist() and got.size == whole.size
        assert got.of(probe).tolist() == whole.of(probe).tolist()
        assert list(got._index.items()) == list(whole._index.items())
    assert xy.of(probe).tolist() == [4, 0, -1, -1, 3, 1, -1, 2]
    # a part with no values (the relatives have no IBAN), first or second
    for a, b in ((xs, []), ([], ys), ([], [])):
        got, _ = bulk._Vocab.joined(bulk._Vocab(a), bulk._Vocab(b))
        assert got.of(probe).tolist() == bulk._Vocab(a + b).of(probe).tolist()
        assert got.codes.tolist() == bulk._Vocab(a + b).codes.tolist()


@pytest.mark.parametrize("use_address", [True, False])
def test_joined_key_index_is_the_index_of_both_sets(use_address):
    """A joined reference set's key index, joined from its two parts' indexes, is the
    index made of the two sets' rows at once: the same codes and the same sorted keys,
    and the same pairs with probes; an e-mail that is a shared mailbox only in the two
    sets together (half its holders in each) meets nobody there, as in the whole."""
    n_mail = records.MAX_IDENTIFIER_BLOCK // 2 + 1
    a = _records("employee:E") + [
        PersonRecord(f"employee:M{i}", f"Kees Mail{i}", None, None, email="hr@example.org")
        for i in range(n_mail)]
    b = _records("relative:R", shift=2) + [
        PersonRecord(f"relative:M{i}", f"Anna Mail{i}", None, None, email="hr@example.org")
        for i in range(n_mail)]
    pa_, pb = [prepare(r) for r in a], [prepare(r) for r in b]
    ra, rb = records._ref_rows(pa_, use_address), records._ref_rows(pb, use_address)
    limit = records.MAX_IDENTIFIER_BLOCK
    ka, kb = bulk.KeyIndex(ra, limit), bulk.KeyIndex(rb, limit)
    assert len(ka.ids["email"][1].keys) > n_mail  # each part alone keeps the mailbox
    joined = bulk.KeyIndex.joined(ka, kb, len(pa_))
    whole = bulk.KeyIndex(bulk.join_ref_rows(ra, rb, len(pa_)), limit)
    assert _key_index_parts(joined) == _key_index_parts(whole)
    probes = _records("applicant:A", shift=1) + [
        PersonRecord("applicant:M", "Someone Else", None, None, email="hr@example.org")]
    rows = records._ref_rows([prepare(r) for r in probes], use_address)
    li, ri = joined.pairs(rows, len(a) + len(b))
    assert li.tolist() and (li.tolist(), ri.tolist()) == tuple(
        x.tolist() for x in whole.pairs(rows, len(a) + len(b)))
    assert len(probes) - 1 not in li.tolist()  # the mailbox meets nobody
    # and the other way round (the relatives first): a set joined in either order
    assert _key_index_parts(bulk.KeyIndex.joined(kb, ka, len(pb))) == _key_index_parts(
        bulk.KeyIndex(bulk.join_ref_rows(rb, ra, len(pb)), limit))


def _match_both_ways(monkeypatch: pytest.MonkeyPatch, probes: list[PersonRecord],
                     refs: list[PersonRecord], policy: MatchingPolicy,
                     **kw: object) -> tuple[list[records.Match], list[records.Match]]:
    records._ref_sets.clear()
    fast = match_people(probes, refs, policy, **kw)  # type: ignore[arg-type]
    records._ref_sets.clear()
    with monkeypatch.context() as m:
        m.setattr(records, "_keys_once", lambda coarse, refs: False)
        slow = match_people(probes, refs, policy, **kw)  # type: ignore[arg-type]
    records._ref_sets.clear()
    return fast, slow


@pytest.mark.parametrize("use_address", [True, False])
def test_matches_are_those_of_the_look_ups(monkeypatch, use_address):
    """``match_people`` finds the same matches with the pairs joined on columns as with the
    keys looked up one by one: officers and applicants against employees and relatives
    joined (the scan's order of calls), relatives against themselves, and with reviewer
    judgements (which take every probe through the per-record path)."""
    pol = MatchingPolicy(use_address=use_address)
    employees = _records("employee:E")
    relatives = _records("relative:R", shift=3) + [
        dataclasses.replace(r, key=f"relative:X{i}") for i, r in enumerate(employees[:6])]
    applicants = _records("applicant:A", shift=1) + [
        dataclasses.replace(r, key=f"applicant:Y{i}") for i, r in enumerate(employees)]
    everyone = employees + relatives
    fast, slow = _match_both_ways(monkeypatch, applicants, everyone, pol)
    assert fast == slow and len(fast) >= 10
    fast, slow = _match_both_ways(monkeypatch, relatives, relatives, pol)
    assert fast == slow and fast
    # the scan's order: the joined index of employees + relatives, from both parts
    records._ref_sets.clear()
    match_people(relatives, employees, pol)
    match_people(relatives, relatives, pol)
    joined = match_people(applicants, everyone, pol)
    assert joined == slow_joined(monkeypatch, applicants, everyone, pol)
    a, e = applicants[0], employees[5]
    pid = records.pair_id(prepare(a).fingerprint, prepare(e).fingerprint)
    judged = {pid: Judgement("confirm", "t", "2026-01-01", "t", (a.key, e.key))}
    fast, slow = _match_both_ways(monkeypatch, applicants, everyone, pol,
                                  judgements=judged, with_rejected=True)
    assert fast == slow and any(m.judgement for m in fast)


def slow_joined(monkeypatch: pytest.MonkeyPatch, probes: list[PersonRecord],
                refs: list[PersonRecord], pol: MatchingPolicy) -> list[records.Match]:
    return _match_both_ways(monkeypatch, probes, refs, pol)[1]


def test_a_reference_key_twice_takes_the_look_up_path():
    """Two references with one key: the matcher looks the keys up (the order of a set
    decides a tie between them, as it always did) and still finds the pair."""
    e = PersonRecord("employee:E1", "Jan de Vries", D(1970, 1, 2), "1234AB|5|")
    twice = [e, dataclasses.replace(e, address_key="9999ZZ|1|")]
    probe = PersonRecord("applicant:A1", "J. de Vries", D(1970, 1, 2), "1234AB|5|")
    records._ref_sets.clear()
    _, _, coarse = records._reference_index(tuple(twice), True)
    assert not records._keys_once(coarse, coarse.refs)
    got = match_people([probe], twice, MatchingPolicy())
    assert [(m.probe, m.reference) for m in got] == [("applicant:A1", "employee:E1")]


def test_the_index_is_built_only_when_asked_for(monkeypatch):
    """The references' key dict is not built for matching on columns (their columnar keys
    made from the records, as for a scan's thousands); asked for, it is the dict of every
    record's keys."""
    monkeypatch.setattr(records, "REF_ROWS_MIN", 0)
    refs = tuple(_records("employee:E"))
    records._ref_sets.clear()
    _, index, _ = records._reference_index(refs, True)
    match_people(_records("applicant:A", shift=1), refs, MatchingPolicy())
    assert isinstance(index, records._LazyIndex) and index._dict is None
    assert dict(index.items()) == records._index_of(refs, True)
    assert index._dict is not None and len(index) == len(records._index_of(refs, True))
