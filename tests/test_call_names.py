"""The call-name dictionary (``coi_graph/data/call_names.csv``, issue 10): a call name in HR
(``Roepnaam``) against the registered name on an application is one given name, while
twins with two registered names stay two people, also when one name is listed as the
other's call name (``Johanna`` / ``Hanna``) or both are call names of one registered name
(``Hans`` / ``Joop``, brothers both registered Johannes)."""

from __future__ import annotations

import datetime as dt

import pytest

from coi_graph.match.compare import (CallNamesError, PersonRecord, call_name_pair, call_names,
                                     canon, read_call_names)
from coi_graph.match.explain import explain
from coi_graph.match.records import match_people
from coi_graph.policy import MatchingPolicy

D = dt.date
POL = MatchingPolicy()
HOME = "3511AB|12|"


def pair(a: str, b: str, bd: dt.date, addr_b: str | None = HOME):
    """``a`` (an HR record at HOME) against ``b``, born the same day."""
    got = match_people([PersonRecord("probe:1", a, bd, HOME)],
                       [PersonRecord("ref:1", b, bd, addr_b)], POL)
    assert len(got) <= 1
    return got[0] if got else None


GIVEN = ["Johanna", "Hanna", "Anna", "Joke", "Jan", "Petra", "Kees", "Fatima", "Sanne",
         "Daan", "Johannes", "Hans"]
SURNAMES = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos",
            "Vos", "Peters", "Dekker", "Kok", "Yilmaz", "Kaya", "Demir", "Ramdin", "Nguyen",
            "Kramer", "Prins", "Koster"]


def among_people(a: str, b: str, bd: dt.date):
    """``a`` against ``b`` and 1,200 others who carry the given names above (so the
    matcher has name frequencies: a one-letter difference between two names people carry
    is then no typo)."""
    others = [PersonRecord(f"ref:p{i}", f"{GIVEN[i % len(GIVEN)]} "
                           f"{SURNAMES[(i // len(GIVEN)) % len(SURNAMES)]}",
                           D(1940 + i % 60, 1 + i % 12, 1 + i % 28), f"{1000 + i}AA|{i}|")
              for i in range(1200)]
    got = [m for m in match_people([PersonRecord("probe:1", a, bd, HOME)],
                                   [PersonRecord("ref:1", b, bd, HOME), *others], POL)
           if m.reference == "ref:1"]
    return got[0] if got else None


def codes(m) -> list[str]:
    return [f.code for f in m.features]


@pytest.mark.parametrize("call, registered", [
    ("Truus", "Geertruida"),  # missing before the 2026-12-01 review
    ("Annie", "Anna"),        # was listed under Johanna
    ("Hans", "Johannes"), ("Wim", "Wilhelmus"), ("Wim", "Willem"), ("Willem", "Wilhelmus"),
    ("Kees", "Cornelis"), ("Joke", "Johanna"),
])
def test_a_call_name_and_its_registered_name_are_one_person(call: str, registered: str) -> None:
    """HR's call name against the application's registered name, born the same day at
    another address: one person (a match, not a twin)."""
    m = pair(f"{call} de Vries", f"{registered} de Vries", D(1958, 4, 9), None)
    assert m is not None and m.band == "match" and "given.call_name" in codes(m), m


def test_annie_is_no_call_name_of_johanna_and_truus_fits_the_initial_g() -> None:
    assert pair("Annie Bakker", "Johanna Bakker", D(1950, 2, 3)) is None
    m = pair("Truus Bakker", "G. Bakker", D(1950, 2, 3))
    assert m is not None and m.band == "match" and "given.initial_call" in codes(m), m
    assert pair("Annie Bakker", "J. Bakker", D(1950, 2, 3)) is None


def test_a_call_name_fits_the_written_initial_of_its_registered_name() -> None:
    """'Tina' is Christina: the initial C. fits, although the canonical form of Christina
    ('gristina', ch read as one sound) starts with another letter."""
    m = pair("Tina Bakker", "C. Bakker", D(1950, 2, 3))
    assert m is not None and m.band == "match" and "given.initial_call" in codes(m), m


@pytest.mark.parametrize("a, b", [
    ("Johanna", "Hanna"),  # Hanna: listed under Johanna, but a registered name of its own
    ("Hanna", "Joke"),     # a registered name and another registered name's call name
])
def test_twins_with_two_registered_names_stay_apart(a: str, b: str) -> None:
    """Twins (same surname, birth date and address) whose given names the dictionary
    ties only through a name that is a registered name itself: two people."""
    assert among_people(f"{a} de Vries", f"{b} de Vries", D(1990, 1, 1)) is None
    assert not call_name_pair(canon(a), canon(b))


@pytest.mark.parametrize("a, b", [("Hans", "Joop"), ("Joke", "Jo"), ("Kees", "Cor")])
def test_two_call_names_of_one_registered_name_stay_apart(a: str, b: str) -> None:
    """Brothers both registered Johannes, one called Hans, one Joop: two call names are
    not one name (Catholic families named several children after one saint)."""
    assert pair(f"{a} Smit", f"{b} Smit", D(1952, 6, 6)) is None
    assert not call_name_pair(canon(a), canon(b))


def test_the_call_name_feature_is_explained_in_dutch_and_english() -> None:
    m = pair("Truus de Vries", "Geertruida de Vries", D(1958, 4, 9), None)
    assert m is not None
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "voornaam Truus / Geertruida: roepnaam van dezelfde officiële naam (+5)" in nl, nl
    assert "given name Truus / Geertruida: call name of the same registered name (+5)" in en, en


def test_a_name_given_a_line_of_its_own_stops_linking_as_a_call_name() -> None:
    """The dictionary's rule, on a small dictionary: a call name links; once the same name
    is a registered name on a line of its own, it no longer does."""
    text = "registered;call_names;origin\njohanna;hanna joke;nl\n"
    d = read_call_names(text)
    assert call_name_pair(canon("Hanna"), canon("Johanna"), d)
    d = read_call_names(text + "hanna;;nl\n")
    assert not call_name_pair(canon("Hanna"), canon("Johanna"), d)
    assert call_name_pair(canon("Joke"), canon("Johanna"), d)


def test_a_bad_dictionary_line_is_named() -> None:
    with pytest.raises(CallNamesError, match=r"call_names.csv, line 3: expected "
                                             r"'registered forms;call names;origin'"):
        read_call_names("# comment\nregistered;call_names;origin\njohanna,hanna,joke\n")


def test_the_packaged_dictionary_reads_and_each_call_name_is_listed_once_a_line() -> None:
    from importlib import resources
    text = resources.files("coi_graph").joinpath("data/call_names.csv").read_text("utf-8")
    d = call_names()
    assert len(d.registered) > 100 and len(d.member) > 250
    for no, line in enumerate(text.splitlines(), 1):
        if line.startswith("#") or line.startswith("registered;") or not line.strip():
            continue
        reg, calls, origin = line.split(";")
        names = [canon(n) for n in (reg + " " + calls).split()]
        assert len(names) == len(set(names)), f"line {no}: a name twice"
        assert origin in {"nl", "ar", "tr"}, f"line {no}: origin {origin!r}"
