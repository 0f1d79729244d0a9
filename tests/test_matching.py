"""Record matching on small hand-made cases with known answers, plus properties."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.match.records import (
    Match,
    OrgMatch,
    PersonRecord,
    compare_names,
    match_organizations,
    match_people,
)
from coi_graph.normalise.names import parse_name
from coi_graph.policy import MatchingPolicy, Policy

POL = Policy.default().matching
D1 = dt.date(1980, 5, 1)
D2 = dt.date(1955, 2, 3)
ADDR = "1234AB|12|A"


def pol(**kw) -> MatchingPolicy:
    base = {"use_address": True, "min_org_name_score": 0.92}
    base.update(kw)
    return MatchingPolicy(**base)


def cmp(a: str, b: str):
    return compare_names(parse_name(a), parse_name(b))


def one(a: str, b: str, da=D1, db=D1, aa=None, ab=None, policy=POL) -> list[Match]:
    return match_people([PersonRecord("applicant:A", a, da, aa)],
                        [PersonRecord("relative:R", b, db, ab)], policy)


# -- compare_names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a,b,score,fuzzy",
    [
        ("Jan de Vries", "Vries, Jan de", 1.0, False),
        ("Jan de Vries", "JAN DE VRIES", 1.0, False),
        ("Jan de Vries", "Jan Vries", 1.0, False),               # tussenvoegsel difference tolerated
        ("Jan de Vries", "Jan van Vries", 1.0, False),
        ("A.M. de Vries", "Anna de Vries", 0.85, True),
        ("A.M. de Vries", "Anna Maria de Vries", 0.85, True),
        ("AM de Vries", "Vries, Anna Maria de", 0.85, True),
        ("J. de Vries", "Jan de Vries", 0.85, True),
        ("J.P. de Vries", "Jan de Vries", 0.85, True),            # the shorter fits the longer
        ("A.J. de Vries", "Anna Maria Johanna de Vries", 0.85, True),
        ("A.M. de Vries", "A. de Vries", 0.85, True),             # initials on both sides
        ("Petra Jansen-de Vries", "Petra de Vries", 1.0, False),
        ("Petra Jansen-de Vries", "Petra Jansen", 1.0, False),
        ("Petra de Vries-Jansen", "Jansen - de Vries, Petra", 1.0, False),
        ("Mohamed El Amrani", "Mohammed el Amrani", 0.975, True),  # spelling variant
        ("Mohamed El Amrani", "El-Amrani, Mohamed", 1.0, False),
        ("Ayşe Yılmaz", "AYSE YILMAZ", 1.0, False),
        ("Zoë Çelik", "Zoe Celik", 1.0, False),
        ("Anne-Marie Jansen", "Anne Marie Jansen", 1.0, False),
        ("Anne Jansen", "Anne-Marie Jansen", 0.9, True),
        ("de Vries", "Jan de Vries", 0.7, True),                   # given names missing
        ("Jan de Vries", "Piet de Vries", 0.0, False),             # different first initial
        ("J. de Vries", "P. de Vries", 0.0, False),
        ("Jan de Vries", "Johan de Vries", 0.0, False),            # same initial, another name
        ("Jan Pieter de Vries", "Jan Willem de Vries", 0.0, False),  # initials do not fit
        ("Jan de Vries", "Jan de Jong", 0.0, False),               # no shared surname
        ("Fatima el Idrissi", "Fatima Idrissi", 0.0, False),       # 'el' is part of the surname
        ("Jan de Vries", "", 0.0, False),
    ],
)
def test_compare_names(a, b, score, fuzzy):
    c = cmp(a, b)
    assert (c.score, c.fuzzy) == (pytest.approx(score), fuzzy), c.detail
    d = cmp(b, a)
    assert d.score == c.score and d.fuzzy == c.fuzzy


def test_compare_names_detail_says_why():
    assert cmp("Jan de Vries", "Jan de Vries").detail == (
        "surname 'vries' = 'vries'; given name 'jan' = 'jan'"
    )
    assert cmp("J. de Vries", "Jan de Vries").detail == (
        "surname 'vries' = 'vries'; initial 'j' fits 'jan'"
    )
    assert "tussenvoegsel 'de' vs none" in cmp("Jan de Vries", "Jan Vries").detail
    assert "spelling variant" in cmp("Mohamed El Amrani", "Mohammed el Amrani").detail
    assert "do not fit" in cmp("Jan Pieter de Vries", "Jan Willem de Vries").detail


# -- match_people ---------------------------------------------------------------------------


def codes(m: Match) -> list[str]:
    return [f.code for f in m.features]


def test_same_name_same_birth_date_matches():
    [m] = one("Jan de Vries", "Vries, Jan de")
    assert (m.probe, m.reference, m.score, m.reason, m.fuzzy, m.band) == (
        "applicant:A", "relative:R", 28.0, "same name + birth date", False, "match"
    )
    assert codes(m) == ["surname.exact", "given.exact", "birth.exact", "address.missing"]
    assert "birth date 1980-05-01 = 1980-05-01 (+14)" in m.detail


def test_namesake_with_another_birth_date_is_another_person():
    assert one("Jan de Vries", "Jan de Vries", da=D1, db=D2) == []


def test_father_and_son_at_one_address_are_two_people():
    assert one("Jan de Vries", "Jan de Vries", da=D1, db=D2, aa=ADDR, ab=ADDR) == []


def test_initials_match_is_fuzzy():
    [m] = one("A.M. de Vries", "Anna de Vries")
    assert m.fuzzy and m.reason == "same name + birth date"
    assert "given.initials_partial" in codes(m)  # the M. stands for no name on the other side
    [m] = one("A.M. de Vries", "Anna Maria de Vries")
    assert m.fuzzy and "given.initials" in codes(m)


def test_married_name_matches_birth_name():
    [m] = one("Petra Jansen-de Vries", "Petra de Vries")
    assert m.band == "match" and "surname.part" in codes(m)


def test_tussenvoegsel_difference_is_tolerated():
    [m] = one("Jan de Vries", "Jan Vries")
    assert m.band == "match" and not m.fuzzy and "surname.exact" in codes(m)


def test_spelling_variant_matches_fuzzy():
    [m] = one("Mohamed El Amrani", "Mohammed el Amrani")
    assert m.fuzzy and "given.translit" in codes(m)


def test_different_first_initial_never_matches():
    assert one("Jan de Vries", "Piet de Vries") == []  # same birth date: twins
    assert one("J. de Vries", "P. de Vries") == []


@pytest.mark.parametrize("da,db", [(None, D1), (D1, None), (None, None)])
def test_address_match_only_when_a_birth_date_is_missing(da, db):
    [m] = one("Jan de Vries", "Jan de Vries", da=da, db=db, aa=ADDR, ab=ADDR)
    assert m.reason == "same name + address"
    assert codes(m)[-2:] == ["birth.missing", "address.exact"]


def test_address_rule_needs_both_addresses_and_the_policy():
    assert one("Jan de Vries", "Jan de Vries", da=None, aa=ADDR, ab=None) == []
    assert one("Jan de Vries", "Jan de Vries", da=None, aa=ADDR, ab="9999ZZ|1|") == []
    assert one("Jan de Vries", "Jan de Vries", da=None, aa=ADDR, ab=ADDR,
               policy=pol(use_address=False)) == []


def test_birth_date_wins_over_address_as_reason():
    [m] = one("Jan de Vries", "Jan de Vries", aa=ADDR, ab=ADDR)
    assert m.reason == "same name + birth date"


def test_threshold_comes_from_the_policy():
    [m] = one("A. de Vries", "Anna de Vries")
    assert m.band == "match" and m.score == 26.0
    [m] = one("A. de Vries", "Anna de Vries", policy=pol(match_threshold=27))
    assert m.band == "possible"
    assert one("A. de Vries", "Anna de Vries", policy=pol(match_threshold=30,
                                                          review_threshold=27)) == []
    [m] = one("de Vries", "Anna de Vries")  # given names missing: surname + birth date
    assert m.score == 22.0 and "given.missing" in codes(m)
    [m] = one("de Vries", "Anna de Vries", policy=pol(match_threshold=23))
    assert m.band == "possible"


def test_a_probe_matches_every_reference_it_is():
    probes = [PersonRecord("applicant:D1", "P. de Vries", D1, None)]
    refs = [PersonRecord("relative:R2", "Petra de Vries", D1, None),
            PersonRecord("relative:R1", "Vries, Petra de", D1, None),
            PersonRecord("relative:R3", "Petra de Vries", D2, None)]
    assert [m.reference for m in match_people(probes, refs, POL)] == ["relative:R1", "relative:R2"]


def test_a_record_does_not_match_itself():
    recs = [PersonRecord("relative:R1", "Petra de Vries", D1, None),
            PersonRecord("relative:R2", "Petra de Vries", D1, None)]
    got = [(m.probe, m.reference) for m in match_people(recs, recs, POL)]
    assert got == [("relative:R1", "relative:R2"), ("relative:R2", "relative:R1")]


def test_pandas_missing_values_and_timestamps():
    pd = pytest.importorskip("pandas")
    probes = [PersonRecord("applicant:A", "Jan de Vries", pd.Timestamp("1980-05-01"), float("nan")),
              PersonRecord("applicant:B", "Jan de Vries", pd.NaT, ADDR)]
    refs = [PersonRecord("employee:E", "Jan de Vries", D1, ADDR)]
    got = [(m.probe, m.reason) for m in match_people(probes, refs, POL)]
    assert got == [("applicant:A", "same name + birth date"), ("applicant:B", "same name + address")]


def _population(seed: int) -> tuple[list[PersonRecord], list[PersonRecord]]:
    rnd = random.Random(seed)
    names = ["Jan de Vries", "J. de Vries", "Vries, Jan de", "Petra Jansen-de Vries", "P. Jansen",
             "Mohamed El Amrani", "Mohammed el Amrani", "A.M. de Vries", "Anna de Vries",
             "Jan Vries", "Piet de Vries", "Ayşe Yılmaz", "Ayse Yilmaz"]
    dates = [D1, D2, None]
    addrs = [ADDR, "9999ZZ|1|", None]

    def rec(kind: str, i: int) -> PersonRecord:
        return PersonRecord(f"{kind}:{i:03d}", rnd.choice(names), rnd.choice(dates), rnd.choice(addrs))

    return [rec("applicant", i) for i in range(80)], [rec("relative", i) for i in range(60)]


def test_result_is_deterministic_and_sorted():
    probes, refs = _population(1)
    first = match_people(probes, refs, POL)
    assert first, "the population should hold matches"
    assert [(m.probe, m.reference) for m in first] == sorted((m.probe, m.reference) for m in first)
    rnd = random.Random(7)
    for _ in range(3):
        p2, r2 = probes[:], refs[:]
        rnd.shuffle(p2)
        rnd.shuffle(r2)
        assert match_people(p2, r2, POL) == first


def test_matching_is_symmetric():
    probes, refs = _population(2)
    forward = {(m.probe, m.reference): (m.score, m.reason, m.fuzzy) for m in match_people(probes, refs, POL)}
    backward = {(m.reference, m.probe): (m.score, m.reason, m.fuzzy) for m in match_people(refs, probes, POL)}
    assert forward == backward


# -- properties -------------------------------------------------------------------------------

GIVEN = ["Jan", "J.", "Anna", "A.M.", "AM", "Anne-Marie", "Mohamed", "Mohammed", "Ayşe", "Zoë",
         "Jan Pieter", "J.P.", "Piet", "Johan", ""]
TUSSEN = ["", "de", "van der", "van 't", "in 't", "d'"]
SURNAME = ["Vries", "Jansen", "El Amrani", "Yılmaz", "Çelik", "Hof", "Jansen-de Vries", "Berg"]


@st.composite
def dutch_names(draw) -> str:
    g, t, s = draw(st.sampled_from(GIVEN)), draw(st.sampled_from(TUSSEN)), draw(st.sampled_from(SURNAME))
    form = draw(st.integers(0, 3))
    if form == 0:
        text = " ".join(x for x in (g, t, s) if x)
    elif form == 1:
        text = f"{s}, {g} {t}".strip()
    elif form == 2:
        text = f"{s} {t}, {g}".strip()
    else:
        text = " ".join(x for x in (g, t, s) if x).upper()
    return draw(st.sampled_from(["", "dhr. ", "mevr. "])) + text


@settings(max_examples=300, deadline=None)
@given(st.one_of(dutch_names(), st.text(max_size=40)))
def test_a_name_with_given_names_equals_itself(raw):
    n = parse_name(raw)
    if n.given_names and n.surnames:
        c = compare_names(n, n)
        assert c.score == 1.0 and not c.fuzzy


@settings(max_examples=500, deadline=None)
@given(dutch_names(), dutch_names())
def test_compare_names_is_symmetric(a, b):
    x, y = parse_name(a), parse_name(b)
    c, d = compare_names(x, y), compare_names(y, x)
    assert c.score == d.score and c.fuzzy == d.fuzzy
    assert 0.0 <= c.score <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(dutch_names(), st.sampled_from([D1, D2, None]),
                          st.sampled_from([ADDR, None])), max_size=12),
       st.lists(st.tuples(dutch_names(), st.sampled_from([D1, D2, None]),
                          st.sampled_from([ADDR, None])), max_size=12))
def test_match_people_is_symmetric(left, right):
    p = [PersonRecord(f"p:{i}", *t) for i, t in enumerate(left)]
    r = [PersonRecord(f"r:{i}", *t) for i, t in enumerate(right)]
    fwd = {(m.probe, m.reference): (m.score, m.reason) for m in match_people(p, r, POL)}
    bwd = {(m.reference, m.probe): (m.score, m.reason) for m in match_people(r, p, POL)}
    assert fwd == bwd


# -- match_organizations --------------------------------------------------------------------

ORGS = [
    ("O3", "Bouwbedrijf Jansen B.V.", "12345678"),
    ("O1", "Installatiebedrijf De Graaf B.V.", None),
    ("O2", "Installatiebedrijf de Graf", None),
    ("O4", "Schoonmaakbedrijf Smits", None),
    ("O5", "Hoveniers Groen", "00123456"),
    ("O6", "Hoveniers Groen", None),
    ("O7", "Stichting Woonzorg Çelik", None),
]


def org(name, kvk=None, orgs=ORGS, policy=POL) -> OrgMatch:
    [m] = match_organizations([("declarations:1", name, kvk)], orgs, policy)
    return m


def test_org_by_kvk_number_wins():
    m = org("Heel Andere Naam", "12345678")
    assert (m.org_id, m.score, m.reason) == ("O3", 1.0, "same KvK number")


def test_org_kvk_without_leading_zero_or_with_spaces():
    assert org(None, "123456").org_id == "O5"
    assert org(None, "0012 3456").org_id == "O5"


def test_org_by_name_ignores_legal_form_case_and_diacritics():
    for name in ("bouwbedrijf jansen bv", "BOUWBEDRIJF JANSEN", "Bouwbedrijf Jansen B.V."):
        m = org(name)
        assert (m.org_id, m.score, m.reason) == ("O3", 1.0, "same name")
    assert org("Woonzorg Celik").org_id == "O7"


def test_org_names_with_abbreviations_as_registers_and_invoices_write_them():
    """``v.d.`` for ``van der`` / ``van den``, ``Kon.`` for ``Koninklijke``, ``Stg.`` for
    ``Stichting``: the same name, not a similar one; with both a ``Van der`` and a ``Van
    den`` firm of that name in the master the name is ambiguous and matches neither."""
    orgs = [("O1", "Van der Berg Dakwerken B.V.", None), ("O2", "Koninklijke BAM Groep N.V.", None),
            ("O3", "Stichting Woonzorg Utrecht", None)]
    for name, want in [("v.d. Berg Dakwerken", "O1"), ("Van den Berg Dakwerken", "O1"),
                       ("Kon. BAM Groep", "O2"), ("Stg. Woonzorg Utrecht", "O3")]:
        m = org(name, orgs=orgs)
        assert (m.org_id, m.reason) == (want, "same name"), (name, m)
    both = [*orgs, ("O4", "Van den Berg Dakwerken", None)]
    assert org("v.d. Berg Dakwerken", orgs=both).org_id is None


def test_org_by_similar_name():
    m = org("Schoonmaakbedrijf Smit")
    assert m.org_id == "O4" and m.reason.startswith("similar name (") and 0.92 <= m.score < 1.0
    assert m.reason == f"similar name ({m.score:.2f})"


def test_org_similar_but_ambiguous_is_no_match():
    m = org("Installatiebedrijf de Graaff")
    assert (m.org_id, m.reason) == (None, "no match")
    assert "ambiguous" in m.detail and "O1" in m.detail and "O2" in m.detail


def test_org_same_name_twice_is_ambiguous():
    m = org("Hoveniers Groen B.V.")
    assert (m.org_id, m.reason) == (None, "no match") and "O5, O6" in m.detail


def test_org_with_another_kvk_number_is_not_matched_on_name():
    # The declaration names a company with KvK 99999999; the vendor master's 'Bouwbedrijf
    # Jansen' has 12345678: a namesake company, not the same legal entity.
    m = org("Bouwbedrijf Jansen", "99999999")
    assert m.org_id is None and m.reason == "no match"
    # ... but a vendor record without a KvK number can still match on name.
    assert org("Schoonmaakbedrijf Smits", "99999999").org_id == "O4"


def test_org_below_threshold_is_no_match():
    assert org("Glazenwasserij Peters").org_id is None
    assert org("Schoonmaakbedrijf Smit", policy=pol(min_org_name_score=0.99)).org_id is None
    assert org(None, None).reason == "no match"


def test_org_duplicate_kvk_prefers_same_name_then_lowest_id():
    orgs = [("B", "Jansen Bouw", "11111111"), ("A", "Jansen Bouw Noord", "11111111")]
    assert org("x", "11111111", orgs=orgs).org_id == "A"
    assert org("Jansen Bouw B.V.", "11111111", orgs=orgs).org_id == "B"


def test_org_results_keep_probe_order_and_are_deterministic():
    probes = [("gifts:3", "Schoonmaakbedrijf Smit", None), ("gifts:1", "x", "12345678"),
              ("gifts:2", "Onbekend", None)]
    first = match_organizations(probes, ORGS, POL)
    assert [m.probe for m in first] == ["gifts:3", "gifts:1", "gifts:2"]
    assert match_organizations(probes, list(reversed(ORGS)), POL) == first


def test_org_tie_broken_by_org_id():
    orgs = [("Z", "Bouw Jansen", None), ("A", "Jansen Bouw", None)]  # both 1.0 token_sort
    m = org("Jansen Bouwx", orgs=orgs, policy=pol(min_org_name_score=0.5))
    assert m.org_id is None and m.detail.index("A (") < m.detail.index("Z (")


# -- the cheap prefilter never rules out a real candidate ------------------------------

from hypothesis import given as _given  # noqa: E402
from hypothesis import settings as _settings  # noqa: E402
from hypothesis import strategies as _st  # noqa: E402

from coi_graph.match.records import possible_surname_keys  # noqa: E402
from coi_graph.normalise.names import parse_name as _parse  # noqa: E402
from coi_graph.normalise.names import surname_keys as _keys

TRICKY = ["Vries, Jan de", "Jansen-de Vries", "Petra de Vries-Jansen", "A.M. van 't Hof",
          "Mohamed El-Amrani", "D'Souza, R.", "Ayşe Yılmaz", "dhr. ir. J. van der Berg",
          "Vries de, Jan", "Fatima el Idrissi", "Jansen - de Vries", "ÇELIK, MEHMET",
          "Anne-Marie van den Broek-Ter Horst", "O'Neill, Seán", "Jan  de   Vries"]


def test_prefilter_keys_cover_the_parsed_surname_keys() -> None:
    for name in TRICKY:
        assert set(_keys(_parse(name))) <= possible_surname_keys(name), name


@_settings(max_examples=300, deadline=None)
@_given(_st.text(alphabet=_st.sampled_from(list("abcdeijklmnorstuvyzçéëüı '-.,ABDEVJ")),
                 max_size=30))
def test_prefilter_keys_cover_any_parse(name: str) -> None:
    assert set(_keys(_parse(name))) <= possible_surname_keys(name)


def test_org_legal_form_written_out_word_order_and_trade_name():
    orgs = [("O1", "Bouwbedrijf Jansen B.V.", None, ["Jansen Renovatie"]),
            ("O2", "Schilders De Vries", None), ("O3", "Dakwerken Noord", "87654321")]
    got = match_organizations([
        ("d:1", "Bouwbedrijf Jansen Besloten Vennootschap", None),
        ("d:2", "Jansen Bouwbedrijf BV", None),
        ("d:3", "Jansen Renovatie", None),
        ("d:4", "Jansen Bouwbedrijf", "87654321"),  # the KvK number wins over the name
    ], orgs, POL)
    assert [(m.org_id, m.reason) for m in got] == [
        ("O1", "same name"), ("O1", "similar name (1.00)"), ("O1", "same name"),
        ("O3", "same KvK number")]


def test_org_fuzzy_matching_is_blocked_on_name_words():
    """A name that shares no word (or word start) with any organization is not compared with
    all of them; one with a typo still finds its organization."""
    from coi_graph.match.records import _Blocks
    names = [f"bouwbedrijf naam{i:05d}" for i in range(2000)] + ["installatietechniek de graaf"]
    blocks = _Blocks(names)
    assert blocks.candidates("installatietechniek de graf") == [2000]
    assert blocks.candidates("installatietechnick de graf") == [2000]  # via the word start
    assert len(blocks.candidates("bouwbedrijf naam00007")) <= 20
    got = match_organizations([("d:1", "Installatietechniek De Graf", None)],
                              [(f"O{i}", n, None) for i, n in enumerate(names)], POL)
    assert got[0].org_id == "O2000"
