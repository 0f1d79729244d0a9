"""``match_within`` (a set of records matched with itself once per unordered pair) held to
what it replaces in the graph build: ``match_people(recs, recs)`` in both directions, then
only the matches whose probe key sorts below the reference key.  The records are the hard
ones for that shortcut: twins, a household at one address, namesakes elsewhere, one person
declared twice with every field equal, two records with one key, keys whose text order is
not their number order, reviewer judgements (confirmed and rejected), with and without
addresses, on both of the matcher's pair paths (columns joined, keys looked up)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from coi_graph.match import clear_caches, records
from coi_graph.match.compare import PersonRecord, prepare
from coi_graph.match.records import Judgement, match_people, match_within
from coi_graph.policy import MatchingPolicy

D = dt.date
HOME = "1234AB|5|"


def _tricky() -> list[PersonRecord]:
    """Relatives as a relatives table may hold them (keys as the build makes them)."""
    r = PersonRecord
    base = [
        # one person declared by two employees: every field but the key equal
        r("relative:R1", "Jan de Vries", D(1970, 3, 4), HOME, iban="NL91ABNA0417164300"),
        r("relative:R10", "Jan de Vries", D(1970, 3, 4), HOME, iban="NL91ABNA0417164300"),
        # the same person written differently (initials, order, a typo in the date)
        r("relative:R2", "J. de Vries", D(1970, 3, 4), HOME),
        r("relative:R9", "Vries, Jan de", D(1970, 4, 3), HOME),
        # his son with the same name at the same address, a generation apart
        r("relative:R3", "Jan de Vries", D(1998, 3, 4), HOME),
        # twins: same birth date and address, other given names
        r("relative:R4", "Anna de Vries", D(2001, 7, 7), HOME),
        r("relative:R5", "Bram de Vries", D(2001, 7, 7), HOME),
        # his partner at the same address
        r("relative:R6", "Petra de Vries-Jansen", D(1972, 1, 9), HOME),
        r("relative:R7", "Petra Jansen", D(1972, 1, 9), HOME, email="petra@example.nl"),
        # namesakes elsewhere (same name and birth date, another address)
        r("relative:R8", "Jan de Vries", D(1970, 3, 4), "9999ZZ|1|"),
        r("relative:R11", "Jan de Vries", None, "9999ZZ|1|"),
        # a shared e-mail and phone with another name
        r("relative:R12", "P. Jansen", D(1972, 1, 9), None, email="petra@example.nl"),
        r("relative:R13", "Mohamed El-Amrani", D(1980, 5, 6), "1111AA|2|", phone="0612345678"),
        r("relative:R14", "Mohamed Amrani", D(1980, 5, 6), None, phone="0612345678"),
        r("relative:R14#2", "Mohamed Amrani", D(1980, 5, 6), None, phone="0612345678"),
        r("relative:Ä1", "Müge Ünal", D(1990, 2, 2), "2222BB|3|"),
        r("relative:a1", "Muege Uenal", D(1990, 2, 2), "2222BB|3|"),
        r("relative:R15", "", None, None),
        r("relative:R16", "de", D(1970, 3, 4), HOME),
    ]
    return base


def _old(recs: list[PersonRecord], pol: MatchingPolicy, **kw: object) -> list[records.Match]:
    """The build's former way: both directions, then the half with the lower probe key."""
    return [m for m in match_people(recs, recs, pol, **kw)  # type: ignore[arg-type]
            if m.probe < m.reference]


def _both(recs: list[PersonRecord], pol: MatchingPolicy, **kw: object
          ) -> tuple[list[records.Match], list[records.Match]]:
    clear_caches()
    old = _old(recs, pol, **kw)
    clear_caches()
    new = match_within(recs, pol, **kw)  # type: ignore[arg-type]
    # and with the index the first call left behind (the scan's caches)
    assert match_within(recs, pol, **kw) == new  # type: ignore[arg-type]
    return old, new


def _orders(recs: list[PersonRecord]) -> list[list[PersonRecord]]:
    """The records as given, reversed and shuffled: the key order is not the list order."""
    shuffled = list(recs)
    random.Random(14).shuffle(shuffled)
    return [list(recs), recs[::-1], shuffled]


@pytest.mark.parametrize("use_address", [True, False])
@pytest.mark.parametrize("path", ["columns", "look-ups"])
@pytest.mark.parametrize("small_sets", [False, True])
def test_one_direction_is_the_filtered_two_directions(monkeypatch, use_address, path,
                                                      small_sets):
    """The same matches, scores, reasons, explanations, features and order."""
    if path == "look-ups":
        monkeypatch.setattr(records, "_keys_once", lambda coarse, refs: False)
    if small_sets:  # the references' columns made for a few records too
        monkeypatch.setattr(records, "REF_ROWS_MIN", 0)
    pol = MatchingPolicy(use_address=use_address)
    for recs in _orders(_tricky()):
        old, new = _both(recs, pol)
        assert new == old
        assert [m.detail for m in new] == [m.detail for m in old]
        # not a vacuous check: matches are there, and the filter dropped the other
        # direction's (which match_within never makes)
        assert len(old) >= 4 and {m.band for m in old} >= {"match"}
        assert len(match_people(recs, recs, pol)) > len(old)
        # the family is kept apart either way
        pairs = {(m.probe, m.reference) for m in new}
        assert ("relative:R4", "relative:R5") not in pairs  # twins
        assert ("relative:R1", "relative:R3") not in pairs  # father and son
        if use_address:
            assert ("relative:R1", "relative:R10") in pairs  # declared twice


def test_a_key_twice():
    """Two records with one key (a table listing a relative twice with one id): the
    look-up path, no pair of the key with itself, the same result as the filter."""
    recs = _tricky()
    twice = dataclasses.replace(recs[2], address_key="9999ZZ|1|")  # key relative:R2 again
    recs = recs + [twice]
    pol = MatchingPolicy()
    for order in _orders(recs):
        clear_caches()
        _, _, coarse = records._reference_index(tuple(order), True)
        assert not records._keys_once(coarse, coarse.refs)
        old, new = _both(order, pol)
        assert new == old and new
        assert all(m.probe != m.reference for m in new)


@pytest.mark.parametrize("decision", ["confirm", "reject"])
def test_judgements(decision):
    """A reviewer's confirmed pair is compared whatever the blocking says, a rejected one
    listed with ``with_rejected``: judged from either end, the same as the filter."""
    recs = _tricky()
    pol = MatchingPolicy()
    by_key = {r.key: r for r in recs}
    judged = {}
    # R11 ~ R13 share nothing (confirmed: forced); R1 ~ R10 match (rejected: listed)
    for x, y in (("relative:R13", "relative:R11"), ("relative:R10", "relative:R1"),
                 ("relative:R6", "relative:R7")):
        pid = records.pair_id(prepare(by_key[x]).fingerprint, prepare(by_key[y]).fingerprint)
        judged[pid] = Judgement(decision, "t", "2026-01-01", "t", (x, y))
    for order in _orders(recs):
        for rej in (False, True):
            old, new = _both(order, pol, judgements=judged, with_rejected=rej)
            assert new == old
            assert any(m.judgement for m in new) == (decision == "confirm" or rej)
