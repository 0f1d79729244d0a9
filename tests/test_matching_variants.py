"""Variations of one person's name found in the public FEBRL benchmark that the matcher
missed (bench/bench_matching.py), each beside the relatives it must still keep apart:

- the same letters with a space elsewhere (``Benj Amin Wyllie`` / ``Benjamin Wyllie``) was
  read as another given name, so a twin;
- given name and surname swapped *and* a typo that only the written spelling shows
  (``Jacl Nicoll`` / ``Nicoll Jack``: canonical ``jacl`` / ``jak`` are two edits apart);
- a partner's surname taken with a typo in the given name (``Charlntte Warde`` /
  ``Charlotte McCracken``);
- a double given name written together on one side (``Janwillem Bakker-de Boer`` /
  ``Jan-Willem Bakker``: a twin, as compared part by part);
- and, kept apart: twins whose given names are one letter apart but both names people
  carry (``Tim`` / ``Tom``), which were merged as a typo.
"""

from __future__ import annotations

import datetime as dt

from coi_graph.match.compare import PersonRecord
from coi_graph.match.records import match_people
from coi_graph.policy import MatchingPolicy

D = dt.date
POL = MatchingPolicy()
HOME = "3511AB|12|"


def pair(a: str, b: str, bd_a: dt.date | None, bd_b: dt.date | None, addr: str | None = HOME,
         email: str | None = None):
    got = match_people([PersonRecord("probe:1", a, bd_a, addr, email=email)],
                       [PersonRecord("ref:1", b, bd_b, addr, email=email)], POL)
    assert len(got) <= 1
    return got[0] if got else None


def codes(m) -> list[str]:
    return [f.code for f in m.features]


def test_a_space_elsewhere_is_one_name_not_a_twin() -> None:
    m = pair("Benj Amin Wyllie", "Benjamin Wyllie", D(1919, 11, 5), D(1919, 11, 5))
    assert m is not None and m.band == "match", m
    assert "name.spacing" in codes(m) and not any(c.startswith("family.") for c in codes(m))
    m = pair("Braid En Caruana", "Braiden Caruana", D(1950, 11, 19), D(1950, 11, 19), None)
    assert m is not None and m.band == "match" and "name.spacing" in codes(m)


GIVEN = ["Tim", "Tom", "Anna", "Hanna", "Jan", "Petra", "Kees", "Fatima", "Sanne", "Daan"]
SURNAMES = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos",
            "Vos", "Peters", "Dekker", "Kok", "Yilmaz", "Kaya", "Demir", "Ramdin", "Nguyen",
            "Kramer", "Prins", "Koster"]


def population() -> list[PersonRecord]:
    """1,200 other people (enough names for frequencies), no two alike."""
    out = []
    for i in range(1200):
        name = f"{GIVEN[i % len(GIVEN)]} {SURNAMES[(i // len(GIVEN)) % len(SURNAMES)]}"
        out.append(PersonRecord(f"ref:p{i}", name, D(1940 + i % 60, 1 + i % 12, 1 + i % 28),
                                f"{1000 + i}AA|{i}|"))
    return out


def among_people(a: str, b: str, bd: dt.date):
    """``a`` matched against ``b`` and a population that carries both given names."""
    ref = PersonRecord("ref:1", b, bd, HOME)
    got = [m for m in match_people([PersonRecord("probe:1", a, bd, HOME)],
                                   [ref, *population()], POL) if m.reference == "ref:1"]
    return got[0] if got else None


def test_twins_with_given_names_one_letter_apart_stay_apart() -> None:
    """``Tim`` / ``Tom`` is one letter, but both are names people carry: twins, not a typo.
    Without names to count (two records alone) the letter is read as a typo."""
    for a, b in (("Tim Wyllie", "Tom Wyllie"), ("Anna Wyllie", "Hanna Wyllie")):
        assert among_people(a, b, D(1990, 1, 1)) is None, (a, b)
        assert pair(a, b, D(1990, 1, 1), D(1990, 1, 1)) is not None  # no frequencies
    m = among_people("Jacl Wyllie", "Jack Wyllie", D(1990, 1, 1))  # 'Jacl' nobody carries
    assert m is not None and m.band == "match" and "given.typo" in codes(m)


def test_a_space_elsewhere_but_a_generation_apart_is_a_parent() -> None:
    assert pair("Jan Willem Bos", "Janwillem Bos", D(1950, 1, 1), D(1980, 1, 1)) is None


def test_swapped_names_with_a_typo_in_the_written_spelling() -> None:
    m = pair("Jacl Nicoll", "Nicoll Jack", D(1944, 1, 14), D(1944, 1, 14))
    assert m is not None and m.band == "match" and "name.swapped" in codes(m)
    # both words different is another name, not a swap
    m = pair("Jacl Nicoll", "Nicolas Jack", D(1944, 1, 14), D(1944, 1, 14), None)
    assert m is None or "name.swapped" not in codes(m)


def test_typos_in_every_name_word_meet_at_one_birth_date_and_address() -> None:
    """No name word in common, so no name block: the birth date at one address brings the
    records together, and the comparison decides (FEBRL: 'Campbtevl' / 'Campbell')."""
    m = pair("Campbtevl", "Campbell", D(1960, 7, 27), D(1960, 7, 27))
    assert m is not None and m.band == "match" and "surname.typo" in codes(m)
    m = pair("Charlntte Warde", "Charlotte McCracken", D(1957, 5, 29), D(1957, 5, 29))
    assert m is not None and m.band == "match" and "name.surname_changed" in codes(m)
    # two people at one address born on one day with nothing of a name in common: apart
    assert pair("Kyle Brain", "Rosie Reid", D(1950, 1, 1), D(1950, 1, 1)) is None


def test_partner_surname_taken_with_a_typo_in_the_given_name() -> None:
    # (blocked by the shared e-mail: no name word, and no birth date at one address)
    mail = "c.warde@example.nl"
    m = pair("Charlntte Warde", "Charlotte McCracken", D(1957, 5, 29), D(1957, 5, 29), None,
             email=mail)
    assert m is not None and m.band == "match" and "name.surname_changed" in codes(m)
    # partners sharing a mailbox: other birth dates, so two people
    assert pair("Anna Bakker", "Anne de Vries", D(1980, 3, 1), D(1982, 7, 9), email=mail) is None
    # another given name altogether under another surname: not this level
    m = pair("Charlotte Warde", "Rosie McCracken", D(1957, 5, 29), D(1957, 5, 29), email=mail)
    assert m is None or "name.surname_changed" not in codes(m)


def test_one_word_with_a_typo_in_the_given_name() -> None:
    """FEBRL: only a given name on one side, typed with one error (``Jessj`` / ``Jesse
    Tenant``): the source had no surname field, not another surname.  Weaker than the
    exact word, so the birth date and the address must agree for a match."""
    m = pair("Jessj", "Jesse Tenant", D(1976, 6, 7), D(1976, 6, 7))
    assert m is not None and m.band == "match" and "name.one_word_typo" in codes(m), m
    assert not any(c.startswith("surname.") for c in codes(m))
    m = pair("Jessj", "Jesse Tenant", D(1976, 6, 7), D(1976, 6, 7), None)
    assert m is None or m.band != "match"  # a birth date alone does not make it one person
    # the exact word keeps its own, stronger level
    m = pair("Jesse", "Jesse Tenant", D(1976, 6, 7), D(1976, 6, 7))
    assert m is not None and "name.one_word" in codes(m) and "name.one_word_typo" not in codes(m)
    # a short word one letter from the given name is no evidence ('Jan' / 'Jas Bakker')
    m = pair("Jan", "Jas Bakker", D(1976, 6, 7), D(1976, 6, 7))
    assert m is None or "name.one_word_typo" not in codes(m)


def test_one_word_twin_with_a_name_one_letter_apart_stays_apart() -> None:
    """``Fatma`` alone beside ``Fatima Wyllie`` (same birth date, same address): both are
    names people carry, so twins, not a typo, once names can be counted."""
    others = [PersonRecord(f"ref:q{i}", f"{('Fatma', 'Fatima', 'Petra', 'Kees')[i % 4]} "
                           f"{SURNAMES[i % len(SURNAMES)]}{i}", D(1940 + i % 60, 1, 1 + i % 28),
                           f"{2000 + i}AA|{i}|") for i in range(1200)]

    def among(a: str, b: str):
        got = [m for m in match_people([PersonRecord("probe:1", a, D(1990, 1, 1), HOME)],
                                       [PersonRecord("ref:1", b, D(1990, 1, 1), HOME), *others],
                                       POL) if m.reference == "ref:1"]
        return got[0] if got else None

    assert among("Fatma", "Fatima Wyllie") is None
    m = among("Fatjma", "Fatima Wyllie")  # 'Fatjma' nobody carries
    assert m is not None and m.band == "match" and "name.one_word_typo" in codes(m), m


def test_one_word_that_is_the_whole_name_without_its_space() -> None:
    """FEBRL: ``Stanfield`` / ``Stan Field``: the same letters, one side in one word."""
    m = pair("Stanfield", "Stan Field", D(1960, 3, 4), D(1960, 3, 4))
    assert m is not None and m.band == "match" and "name.spacing" in codes(m), m
    # still a parent a generation apart
    assert pair("Stanfield", "Stan Field", D(1940, 3, 4), D(1975, 3, 4)) is None


def test_call_name_in_brackets_tells_twins_apart() -> None:
    """'Jansen, J. (Jan)' (HR: initials and call name) is Jan Jansen, not his twin Jeroen,
    whom the initial alone would fit."""
    m = pair("Jansen, J. (Jan)", "Jan Jansen", D(1980, 2, 3), D(1980, 2, 3))
    assert m is not None and m.band == "match" and "given.exact" in codes(m)
    assert pair("Jansen, J. (Jan)", "Jeroen Jansen", D(1980, 2, 3), D(1980, 2, 3)) is None
    m = pair("Jansen, J.P. (Jan)", "Johannes Petrus Jansen", D(1980, 2, 3), D(1980, 2, 3))
    assert m is not None and m.band == "match" and "given.call_name" in codes(m)


def test_typos_that_break_a_sound_still_meet_on_the_written_letters() -> None:
    """FEBRL: 'Chelsea Meadows' / 'Cehlea Meaows', born the same day, one address missing.
    The canonical form reads 'ch' as one sound ('gelsea'); the typo breaks it ('cehlea'),
    so the first letters the blocking paired (g+m / c+m) differed and the records never
    met.  The written letters are paired too."""
    m = pair("Chelsea Meadows", "Cehlea Meaows", D(1965, 11, 3), D(1965, 11, 3), None)
    assert m is not None and m.band == "match", m


def test_typos_in_every_name_word_and_in_the_postcode_or_house_number() -> None:
    """FEBRL: a typo in every name word (no name word and no pair of first letters in
    common) *and* in the postcode or the house number, so no birth date at one address
    either: the birth date with the house number (postcode typo) or with the postcode
    (number typo) brings them together; the comparison decides."""
    ref = PersonRecord("ref:1", "Janneke Visser", D(1971, 3, 14), "3511AB|12|",
                       "oudegracht 12|utrecht")

    def against(name: str, addr: str, sc: str | None, bd: dt.date = D(1971, 3, 14)):
        got = match_people([PersonRecord("probe:1", name, bd, addr, sc)], [ref], POL)
        return got[0] if got else None

    m = against("Yanneke Fisser", "3511BA|12|", "oudegracht 12|utrecht")  # postcode typo
    assert m is not None and m.band == "match" and "address.street_city" in codes(m), m
    m = against("Yanneke Fisser", "3511AB|21|", None)  # house number typo
    assert m is not None and m.band == "match" and "address.postcode" in codes(m), m
    # a typo in both the postcode and the number: nothing left to meet on
    assert against("Yanneke Fisser", "3511BA|21|", None) is None
    # a neighbour born the same day with another name: met, compared, kept apart
    assert against("Piet Bakker", "3511AB|14|", None) is None
    # the same house number elsewhere, another birth date: never met
    assert against("Yanneke Fisser", "3511BA|12|", None, D(1971, 3, 15)) is None


def test_one_word_names_with_a_typo_each_meet_on_the_birth_date() -> None:
    """FEBRL: 'Morrison' / 'Morrion' (a surname alone on both sides, one typo, born the
    same day, at other addresses): no name word in common and no given name to pair the
    first letters with; the surname's letter twice with the birth date brings them
    together.  The comparison makes it a possible match (a birth date alone is no link)."""
    m = pair("Morrison", "Morrion", D(1962, 9, 15), D(1962, 9, 15), None)
    assert m is not None and m.band == "possible" and "surname.typo" in codes(m), m
    # born another day: never met
    assert pair("Morrison", "Morrion", D(1962, 9, 15), D(1962, 9, 16), None) is None


def test_swapped_names_with_a_typo_in_each_word() -> None:
    """FEBRL: 'Imogen Filipov' / 'Fikipov Imoegn' (read the other way round, a typo in each
    word): ``name.swapped_typo``, weaker than a swap with one word the same, so the birth
    date and the address make a link and the birth date alone a possible match."""
    m = pair("Imogen Filipov", "Fikipov Imoegn", D(1978, 5, 27), D(1978, 5, 27))
    assert m is not None and m.band == "match" and "name.swapped_typo" in codes(m), m
    assert "name.swapped" not in codes(m)
    m = pair("Imogen Filipov", "Fikipov Imoegn", D(1978, 5, 27), D(1978, 5, 27), None)
    assert m is not None and m.band == "possible" and "name.swapped_typo" in codes(m), m
    # a typo in only one of the words keeps the stronger level
    m = pair("Imogen Filipov", "Filipov Imoegn", D(1978, 5, 27), D(1978, 5, 27))
    assert m is not None and "name.swapped" in codes(m) and "name.swapped_typo" not in codes(m)
    # born another day (not a typo of it): three name errors and nothing else, apart
    assert pair("Imogen Filipov", "Fikipov Imoegn", D(1978, 5, 27), D(1983, 2, 11)) is None


def test_twins_written_surname_first_stay_apart() -> None:
    """'Tim Wyllie' / 'Wyllie Tom' at one address, born the same day: read the other way
    round it is twins whose given names are one letter apart, both names people carry; the
    swap allowed one typo in a word and merged them (also with a typo in the surname)."""
    for a, b in (("Tim Wyllie", "Wyllie Tom"), ("Anna Wyllie", "Wylie Hanna"),
                 ("Tim Wyllie", "Wyllei Tom")):
        assert among_people(a, b, D(1990, 1, 1)) is None, (a, b)
    # a typo nobody carries is still one person written the other way round
    m = among_people("Jacl Wyllie", "Wyllie Jack", D(1990, 1, 1))
    assert m is not None and m.band == "match" and "name.swapped" in codes(m), m
    m = among_people("Jacl Wyllie", "Wyllei Jack", D(1990, 1, 1))
    assert m is not None and m.band == "match" and "name.swapped_typo" in codes(m), m


def test_people_born_the_same_day_at_one_address_with_no_name_in_common_stay_apart() -> None:
    """Partners (or housemates) born on one day at one address share no name: FEBRL's
    duplicates with every name value replaced ('Kyle Brain' / 'Rosie Reid') look exactly
    the same, so neither is taken as one person, not even a possible one."""
    for a, b in (("Kyle Brain", "Rosie Reid"), ("Fleur Dijkstra", "Hendrik Bouzid"),
                 ("Stephenson", "Julius")):
        assert among_people(a, b, D(1977, 7, 14)) is None, (a, b)


def test_the_swap_with_typos_is_explained_in_dutch_and_english() -> None:
    from coi_graph.match.explain import explain
    m = pair("Imogen Filipov", "Fikipov Imoegn", D(1978, 5, 27), D(1978, 5, 27))
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "voornaam en achternaam verwisseld, in elk één tikfout (+4)" in nl, nl
    assert "given name and surname swapped, a typing error in each (+4)" in en, en


def test_a_space_elsewhere_and_one_typo_is_one_name() -> None:
    """FEBRL: 'Yam In Quilliam' / 'Yasmin Quilliam' (a space put in *and* a letter lost):
    compared part by part, 'Yam In' is another given name, so a twin at one address;
    'Paul Cole Man' / 'Palu Coleman': no name in common.  The letters of the whole name
    are one typing error apart with a space elsewhere: ``name.spacing_typo``."""
    m = pair("Yam In Quilliam", "Yasmin Quilliam", D(1933, 4, 2), D(1933, 4, 2))
    assert m is not None and m.band == "match" and "name.spacing_typo" in codes(m), m
    assert not any(c.startswith("family.") for c in codes(m))
    m = pair("Paul Cole Man", "Palu Coleman", D(1994, 8, 21), D(1994, 8, 21))
    assert m is not None and m.band == "match" and "name.spacing_typo" in codes(m), m
    # two errors in the name and no birth date: the address alone is not enough
    assert pair("Yam In Quilliam", "Yasmin Quilliam", None, D(1933, 4, 2)) is None
    # the same split of the words is compared part by part (a typo in a word, not this)
    m = pair("Yasmin Quiliam", "Yasmin Quilliam", D(1933, 4, 2), D(1933, 4, 2))
    assert m is not None and "name.spacing_typo" not in codes(m)
    # a parent a generation apart stays apart
    assert pair("Yam In Quilliam", "Yasmin Quilliam", D(1933, 4, 2), D(1963, 4, 2)) is None


def test_twins_whose_names_differ_by_a_space_and_a_letter_stay_apart() -> None:
    """'Jo Anne Wyllie' / 'Joanna Wyllie', born the same day at one address: where both
    given names are names people carry, they are twins, not one name with a typo."""
    firsts = ("Jo Anne", "Joanna", "Petra", "Kees")
    others = [PersonRecord(f"ref:q{i}", f"{firsts[i % 4]} {SURNAMES[i % len(SURNAMES)]}{i}",
                           D(1940 + i % 60, 1, 1 + i % 28), f"{2000 + i}AA|{i}|")
              for i in range(1200)]

    def among(a: str, b: str):
        got = [m for m in match_people([PersonRecord("probe:1", a, D(1990, 1, 1), HOME)],
                                       [PersonRecord("ref:1", b, D(1990, 1, 1), HOME), *others],
                                       POL) if m.reference == "ref:1"]
        return got[0] if got else None

    assert among("Jo Anne Wyllie", "Joanna Wyllie") is None
    m = among("Jo Anme Wyllie", "Joanne Wyllie")  # 'Jo Anme' nobody carries
    assert m is not None and m.band == "match" and "name.spacing_typo" in codes(m), m


def test_the_spacing_typo_is_explained_in_dutch_and_english() -> None:
    from coi_graph.match.explain import explain
    m = pair("Yam In Quilliam", "Yasmin Quilliam", D(1933, 4, 2), D(1933, 4, 2))
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "dezelfde letters op één tikfout na, een spatie ergens anders (+9)" in nl, nl
    assert "the same letters but one typing error, a space elsewhere (+9)" in en, en


def test_twins_who_share_a_second_given_name_stay_apart() -> None:
    """``Jan Pieter Bakker`` / ``Kees Pieter Bakker``, born the same day at one address:
    twins named after one grandfather, each with a given name the other lacks.  The shared
    ``Pieter`` made it ``given.part`` (as ``Pieter`` / ``Jan Pieter`` is), so a match of
    27 (found through historical_50k's ``thomas henry hunn`` / ``charles henry hunt``,
    bench/bench_linkage_pubdata.py); now other given names, so the twin rule keeps them
    apart.  One side's names among the other's stay a part, with or without an address."""
    for addr in (HOME, None):
        m = pair("Jan Pieter Bakker", "Kees Pieter Bakker", D(1957, 3, 4), D(1957, 3, 4), addr)
        assert m is None or m.band == "none", m
        m = pair("Pieter Bakker", "Jan Pieter Bakker", D(1957, 3, 4), D(1957, 3, 4), addr)
        assert m is not None and m.band == "match" and "given.part" in codes(m), m
    m = pair("Thomas Henry Hunn", "Charles Henry Hunt", D(1857, 1, 1), D(1857, 1, 1), None)
    assert m is None or m.band == "none", m
    # a typo in the first of two given names is still one person
    m = pair("Johanes Pieter Bakker", "Johannes Pieter Bakker", D(1957, 3, 4), D(1957, 3, 4))
    assert m is not None and m.band == "match", m


def test_a_double_given_name_written_together_is_the_same_given_name() -> None:
    """``Annemarie`` / ``Anne-Marie``, ``Janwillem`` / ``Jan Willem``: one double given name
    written together on one side and apart or hyphenated on the other.  With the surname
    the same, ``name.spacing`` saw the whole name; with any other surname level the parts
    were compared one by one, ``given.different``: a double surname taken at marriage made
    a twin of ``Janwillem Bakker-de Boer`` and ``Jan-Willem Bakker`` (born the same day at
    one address), and a partner's surname made ``Annemarie de Vries`` and ``Anne-Marie
    Jansen`` nobody.  Now ``given.joined``; twins named in the other order stay apart."""
    bd = D(1976, 1, 5)
    m = pair("Janwillem Bakker-de Boer", "Jan-Willem Bakker", bd, bd)
    assert m is not None and m.band == "match", m
    assert "given.joined" in codes(m) and not any(c.startswith("family.") for c in codes(m))
    m = pair("Janwillem Bakker-de Boer", "Jan-Willem Bakker", bd, bd, None)  # elsewhere
    assert m is not None and m.band == "match" and "given.joined" in codes(m), m
    m = pair("Fatimazahra Idrissi", "Fatima Zahra El Idrissi", bd, bd)
    assert m is not None and m.band == "match" and "given.joined" in codes(m), m
    m = pair("Annemarie de Vries", "Anne-Marie Jansen", bd, bd)
    assert m is not None and m.band == "match" and "name.surname_changed" in codes(m), m
    # a partner's surname and another address: the given names and the birth date alone
    # stay below a possible match, as for 'Petra Bakker' / 'Petra de Vries'
    assert pair("Annemarie de Vries", "Anne-Marie Jansen", bd, bd, None) is None
    # kept apart: twins named in the other order, one written together
    m = pair("Willemjan Bakker", "Jan-Willem Bakker", bd, bd)
    assert m is None or m.band == "none", m
    # a parent with the same double given name, a generation apart
    m = pair("Janwillem Bakker-de Boer", "Jan-Willem Bakker", bd, D(1946, 1, 5))
    assert m is None or m.band == "none", m


def test_the_joined_given_name_is_explained_in_dutch_and_english() -> None:
    from coi_graph.match.explain import explain
    m = pair("Janwillem Bakker-de Boer", "Jan-Willem Bakker", D(1976, 1, 5), D(1976, 1, 5))
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "voornamen Janwillem / Jan-Willem: dezelfde voornamen, aan een kant aaneen " \
           "geschreven (+5.5)" in nl, nl
    assert "given names Janwillem / Jan-Willem: the same given names, written together on " \
           "one side (+5.5)" in en, en


def test_a_joined_given_name_is_no_twin_where_both_names_are_carried() -> None:
    """``Pieterjan`` is within a typo's reach of ``Pieter`` (Jaro-Winkler 0.93), and where
    both are names people carry a one-typo difference in the first given name is another
    given name (twins): the joined name is looked at before the typo, so ``Pieterjan
    Kaya-de Groot`` is still ``Pieter-Jan de Groot`` in a population of Pieters and
    Pieterjans."""
    firsts = ("Pieter", "Pieterjan", "Jan", "Kees")
    others = [PersonRecord(f"ref:q{i}", f"{firsts[i % 4]} {SURNAMES[i % len(SURNAMES)]}",
                           D(1940 + i % 60, 1, 1 + i % 28), f"{2000 + i}AA|{i}|")
              for i in range(1200)]
    bd = D(1985, 12, 11)
    got = [m for m in match_people([PersonRecord("probe:1", "Pieterjan Kaya-de Groot", bd, HOME)],
                                   [PersonRecord("ref:1", "Pieter-Jan de Groot", bd, HOME),
                                    *others], POL) if m.reference == "ref:1"]
    assert got and got[0].band == "match" and "given.joined" in codes(got[0]), got


def test_a_finding_on_a_joined_given_name_says_why_in_dutch_and_english(tmp_path) -> None:
    """End to end: an applicant ``Janwillem Smit-de Boer`` handled by employee ``Jan-Willem
    Smit`` (same birth date, another address) is an allocation to self, and the finding's
    match step words each feature, the joined given names among them, in either language
    (from the features, and from the English detail alone as older findings have it)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from corp import run

    from coi_graph.findings import read_findings
    from coi_graph.outputs.explore_text import match_detail_text

    run(tmp_path, extra_employees=[
        {"employee_id": "E4", "name": "Jan-Willem Smit", "role": "employee",
         "department": "Verhuur", "birth_date": "1984-02-03", "postcode": "4567GH",
         "house_number": "9"}], allocations=[
        {"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01",
         "approved_by": "E2", "unit_id": "U1", "handled_by": "E4",
         "applicant_name": "Janwillem Smit-de Boer", "applicant_birth_date": "03-02-1984",
         "applicant_postcode": "1111AA", "applicant_house_number": "3"}])
    data = read_findings(tmp_path / "run")
    rows = data["findings"] if isinstance(data, dict) else data
    f = next(x for x in rows if x["decision_id"] == "A1" and x["rule"] == "allocation_to_self")
    match = next(s for s in f["path_detail"]["steps"] if s.get("match"))["match"]
    assert match["band"] == "match"
    assert "given.joined" in [x["code"] for x in match["features"]]
    nl = match_detail_text(match["detail"], "nl", match["features"], match["band"])
    en = match_detail_text(match["detail"], "en", match["features"], match["band"])
    assert "voornamen Janwillem / Jan-Willem: dezelfde voornamen, aan een kant aaneen " \
           "geschreven (+5.5)" in nl, nl
    assert "given names Janwillem / Jan-Willem: the same given names, written together " \
           "on one side (+5.5)" in en, en
    assert "dezelfde voornamen, aan een kant aaneen geschreven" in match_detail_text(
        match["detail"], "nl")
