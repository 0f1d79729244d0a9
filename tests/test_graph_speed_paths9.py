"""The sixteenth session's shortcuts in the graph build give what their plain forms give.

The KvK officers who are people are matched as columns (``records.match_columns``): a
match record is made only for the officers who may meet an employee or relative, and the
name frequencies are counted on every officer.  Checked here against
:func:`match_people` of every officer's record (what the build did before), on hand-made
officers of the odd kinds a KvK extract has: one person listed at several companies, names
written surname first, with initials, in capitals, with a double surname, a name that is
a company's, officers without a birth date or with a mistyped one, and a surname shared by
many officers (which changes the name-frequency weights of its matches).

Whether a name writes its tussenvoegsel and surname together (``compare._written_together``)
is looked for run by run, stopping at the first: checked against ``name_words``' set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.match import records
from coi_graph.match import compare
from coi_graph.match.compare import prepare
from coi_graph.match.records import Judgement, PersonRecord, match_columns, match_people
from coi_graph.policy import MatchingPolicy

D = dt.date

#: the employees and relatives the officers are matched with
PEOPLE = [
    PersonRecord("employee:E1", "Jan de Vries", D(1970, 1, 2), "1234AB|5|"),
    PersonRecord("employee:E2", "Anna Maria Jansen-Bakker", D(1981, 3, 14), None),
    PersonRecord("employee:E3", "Mohamed el Amrani", D(1965, 7, 30), "5678CD|12|A"),
    PersonRecord("employee:E4", "Pieter Jansen", D(1975, 5, 6), None),
    PersonRecord("relative:R1", "Sanne Jansen", D(1990, 11, 1), None),
    PersonRecord("relative:R2", "Jürgen Müller", None, None),
    PersonRecord("relative:R3", "Petra de Groot", D(1958, 12, 24), None),
]

#: (name, birth date) of each officer row, in extract order
OFFICERS = [
    ("Vries, Jan de", D(1970, 1, 2)),            # E1, surname first, at three companies
    ("J. de Vries", D(1970, 1, 2)),
    ("JAN DE VRIES", D(1970, 1, 2)),
    ("Jan de Vries", None),                      # no birth date: the name alone
    ("Jan de Vries", D(1970, 2, 1)),             # day and month swapped
    ("A.M. Jansen-Bakker", D(1981, 3, 14)),      # E2 by initials
    ("Bakker, Anna", D(1981, 3, 14)),            # one part of the double surname
    ("M. El-Amrani", D(1965, 7, 30)),            # E3, hyphenated particle
    ("Pieter Jansen", D(1975, 5, 6)),            # E4 among many Jansens below
    ("P. Jansen", D(1975, 6, 5)),
    ("Sanne Jansen", D(1990, 11, 1)),            # a relative
    ("Jürgen Mueller", D(1950, 1, 1)),           # R2 has no birth date
    ("de Groot, P.", D(1958, 12, 24)),           # R3
    ("Jansen Holding B.V.", None),               # a company's name as an officer name
    ("(onbekend)", None),
    ("Ö", D(2000, 1, 1)),
] + [(f"{g} Jansen", D(1940 + i % 50, 1 + i % 12, 1 + i % 28))  # a common surname
     for i, g in enumerate(["Kees", "Bram", "Lotte", "Eva", "Daan", "Sem", "Noor", "Tim"] * 12)
     ] + [(f"Willem {s}", D(1960, 6, 1)) for s in ("Visser", "Smit", "Meijer", "Bos")] * 6


def _policy(min_records: int = 20, **kw: object) -> MatchingPolicy:
    """The matching policy, name frequencies counted from ``min_records`` names on (the
    default 1000 is more than these hand-made officers)."""
    pol = MatchingPolicy(**kw)  # type: ignore[arg-type]
    return dataclasses.replace(pol, name_frequency={**pol.name_frequency,
                                                    "min_records": min_records})


def _columns(officers: list[tuple[str, dt.date | None]]
             ) -> tuple[list[str], list[str], list[dt.date | None]]:
    keys = [f"officers:{i:04d}" for i in range(len(officers))]
    return keys, [n for n, _ in officers], [b for _, b in officers]


def _both_ways(officers: list[tuple[str, dt.date | None]], pol: MatchingPolicy,
               judgements: dict[str, Judgement] | None = None, with_rejected: bool = False
               ) -> tuple[list[records.Match], list[records.Match], list[int]]:
    """The matches of the columns, of every officer's record, and the rows the columns
    made a record of."""
    keys, names, births = _columns(officers)
    made: list[int] = []

    def records_at(rows: np.ndarray) -> list[PersonRecord]:
        made.extend(rows.tolist())
        return [PersonRecord(keys[j], names[j], births[j], None) for j in rows.tolist()]

    records._ref_sets.clear()
    fast = match_columns(keys, names, births, records_at, PEOPLE, pol, judgements,
                         with_rejected=with_rejected)
    records._ref_sets.clear()
    slow = match_people([PersonRecord(k, n, b, None) for k, n, b in zip(keys, names, births)],
                        PEOPLE, pol, judgements, with_rejected=with_rejected)
    return fast, slow, made


@pytest.mark.parametrize("use_address", [True, False])
@pytest.mark.parametrize("min_records", [20, 100, 1000])
def test_officers_matched_as_columns_are_matched_as_records(use_address: bool,
                                                            min_records: int) -> None:
    """The same matches (pairs, scores, features, order) as every officer's record gives,
    with a record made only for a few officers; name frequencies counted (from 20 names
    on), not counted (from 1000), and counted though the officers with a record are too
    few to count them on (from 100)."""
    fast, slow, made = _both_ways(OFFICERS, _policy(min_records, use_address=use_address))
    assert fast == slow
    assert {m.reference for m in fast} >= {"employee:E1", "employee:E2", "employee:E3",
                                           "employee:E4", "relative:R1", "relative:R3"}
    # the person listed at three companies is matched at each, as three probes
    assert sum(m.reference == "employee:E1" for m in fast) >= 3
    assert len(made) < len(OFFICERS) / 2  # most officers had no record made
    assert made == sorted(made)  # in extract order


def test_the_name_frequencies_are_counted_on_every_officer() -> None:
    """A surname many officers share weighs less: the common name's matches score as
    they score with every officer counted, not only those with a record made."""
    pol = _policy()
    fast, slow, _ = _both_ways(OFFICERS, pol)
    few, _, _ = _both_ways(OFFICERS[:16], pol)  # without the 96 other Jansens
    jansen = {m.probe: m.score for m in fast if m.reference == "employee:E4"}
    assert jansen and jansen != {m.probe: m.score for m in few if m.reference == "employee:E4"}
    assert fast == slow


@pytest.mark.parametrize("with_rejected", [False, True])
def test_judged_officers_are_matched_as_records(with_rejected: bool) -> None:
    """A pair a reviewer confirmed is compared though no blocking key joins it (the
    officer's record is made for it), a rejected pair is left out or listed as rejected,
    as with every officer's record."""
    keys, names, births = _columns(OFFICERS)
    far = names.index("Willem Visser")  # shares no key with E1
    near = names.index("J. de Vries")
    judged = {}
    for j, ref, decision in ((far, PEOPLE[0], "confirm"), (near, PEOPLE[0], "reject")):
        probe = PersonRecord(keys[j], names[j], births[j], None)
        pid = records.pair_id(prepare(probe).fingerprint, prepare(ref).fingerprint)
        judged[pid] = Judgement(decision, "t", "2026-11-30", "t", (probe.key, ref.key))
    fast, slow, made = _both_ways(OFFICERS, _policy(), judged, with_rejected)
    assert fast == slow
    assert far in made
    assert any(m.probe == keys[far] and m.band == "match" for m in fast)
    assert any(m.probe == keys[near] and m.band == "rejected" for m in fast) == with_rejected


def test_names_that_are_not_all_text_and_no_officers_take_the_records_way() -> None:
    """A name that is not a string is counted by its record (as match_people counts it):
    every row's record is made; no officers, no matches."""
    officers = OFFICERS[:12] + [(1234, D(1970, 1, 2))]  # type: ignore[list-item]
    fast, slow, made = _both_ways(officers, MatchingPolicy())  # type: ignore[arg-type]
    assert fast == slow and made == list(range(len(officers)))
    assert match_columns([], [], [], lambda rows: [], PEOPLE, MatchingPolicy()) == []


#: names of Dutch and other shapes, with the separators, diacritics and doubled letters
#: that canonical words fold away
WORDS = st.sampled_from(["van", "den", "der", "de", "'t", "Berg", "berg", "Vandenberg",
                         "Jan", "A.B.", "El", "Amrani", "Müller", "Mueller", "Hoek", "hoeck",
                         "ter", "Horst", "Ter-Horst", "jr.", "_", "-", ",", "Ö", "ß", "ij"])
SEPARATORS = st.sampled_from([" ", "  ", ", ", "-", "_", "'"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=7),
       st.sampled_from(["vandenberg", "vanderhoek", "terhorst", "elamrani", "muler", "x"]))
def test_written_together_is_membership_in_the_name_words(parts: list[tuple[str, str]],
                                                           other: str) -> None:
    """Every canonical run of up to four words (of any length, anywhere in the name) is
    found, and no other word is."""
    name = "".join(w + sep for w, sep in parts).strip()
    words = compare.name_words(name)
    for w in sorted(words) + [other, "vandenberghoek", "a"]:
        assert compare._written_together(name, w) == (w in words), (name, w)


def test_written_together_in_prepared_names() -> None:
    """The glued surname token of a prepared name: there when the name writes the
    tussenvoegsel right before the surname, not when it writes the surname first."""
    assert "vandenberg" in prepare(PersonRecord("k", "Jan van den Berg", None, None)).tokens
    assert "vandenberg" not in prepare(PersonRecord("k", "Berg, Jan van den", None,
                                                    None)).tokens
    assert compare._written_together("Anna van de la Vega Lopez", "vandelavega")
