"""Variations of one person's records that the matcher missed or read wrong (issue #10,
nineteenth session), each beside the relatives and namesakes it must still keep apart:

- an e-mail address or phone number typed with an error (``robert255@smith.net`` /
  ``roberta25@smith.net``, Splink's fake_1000): only ``email.same`` / ``phone.same`` existed;
- a birth date two digits off, or its year one off where that is more than one digit
  (``1978-08-19`` / ``1978-09-18``, ``1979-03-12`` / ``1980-03-12``): ``birth.year`` (-3)
  or ``birth.different`` (-10);
- a name typed with Cyrillic or Greek look-alike letters (``Jоhan Bаkker``): read as other
  letters, a typo in each word, so a twin of ``Jorien Bakker`` was not one;
- a call name in capitals in brackets (``J. (JO) BAKKER``): read as two initials, which fit
  any name with a J, so a twin brother ``Jeroen`` was the same person.
"""

from __future__ import annotations

import datetime as dt

from coi_graph.match.compare import (PersonRecord, _email_typo, _phone_typo, canon, compare,
                                     name_words, prepare)
from coi_graph.match.explain import explain
from coi_graph.match.records import match_people
from coi_graph.normalise.names import parse_name
from coi_graph.policy import MatchingPolicy

from test_matching_variants import population

D = dt.date
POL = MatchingPolicy()
HOME = "3511AB|12|"


def pair(a: str, b: str, bd_a: dt.date | None, bd_b: dt.date | None,
         addr_a: str | None = HOME, addr_b: str | None = HOME, *,
         email_a: str | None = None, email_b: str | None = None,
         phone_a: str | None = None, phone_b: str | None = None, crowd: bool = False):
    """The match of two records (None: none), alone or among 1,200 other people (names
    counted, so that two given names people carry are two names, not a typo)."""
    refs = [PersonRecord("ref:1", b, bd_b, addr_b, email=email_b, phone=phone_b)]
    got = [m for m in match_people(
        [PersonRecord("probe:1", a, bd_a, addr_a, email=email_a, phone=phone_a)],
        refs + (population() if crowd else []), POL) if m.reference == "ref:1"]
    return got[0] if got else None


def codes(m) -> list[str]:
    return [f.code for f in m.features]


# -- e-mail and phone typed with an error --------------------------------------------------

def test_which_email_addresses_are_one_typed_with_an_error() -> None:
    assert _email_typo("robert255@smith.net", "roberta25@smith.net")  # two edits in 9
    assert _email_typo("p.devries@ziggo.nl", "p.devreis@ziggo.nl")  # two letters swapped
    assert _email_typo("jan.bakker@gmail.com", "jan.bakker@gmial.com")  # the domain
    assert _email_typo("Jan.Bakker@Gmail.com", "jan.baker@gmail.com")  # case is no error
    # numbered addresses of two people of one name at one provider
    assert not _email_typo("jan.jansen1@gmail.com", "jan.jansen2@gmail.com")
    assert not _email_typo("jan.jansen@gmail.com", "jan.jansen1@gmail.com")
    # short local parts: one letter is another address ('jo@' / 'ja@')
    assert not _email_typo("jo@home.nl", "ja@home.nl")
    # two edits in a short local part, or in the domain, or both parts off
    assert not _email_typo("piet@ziggo.nl", "pete@ziggo.nl")
    assert not _email_typo("jan.bakker@kpn.nl", "jan.bakker@home.nl")
    assert not _email_typo("jan.bakker@gmail.com", "jan.baker@gmial.com")
    assert not _email_typo("jan.bakker@gmail.com", "jan.bakker@gmail.com")  # same: email.same
    assert not _email_typo("jan.bakker", "jan.baker")  # no address


def test_which_phone_numbers_are_one_typed_with_an_error() -> None:
    assert _phone_typo("0612345678", "0612345679")
    assert _phone_typo("06-12345678", "0612345687")  # two swapped, written otherwise
    assert not _phone_typo("0612345678", "0612345600")  # two digits
    assert not _phone_typo("0612345678", "061234567")  # a digit missing: another length
    assert not _phone_typo("12345", "12346")  # too short to tell a typo from a number


def test_an_email_with_a_typo_adds_to_a_near_birth_date() -> None:
    """Splink's fake_1000: ``Robert Alan`` / ``Robert Allen``, a birth date one digit off,
    the e-mail two letters apart: 14.5 (nothing), now a possible match (three typos: for a
    reviewer, not a link).  Compared directly: a surname typo with a birth date that is
    not the same meets in no block (the matcher never compares the two; bench/README.md)."""
    def direct(email_b: str | None):
        a = prepare(PersonRecord("a", "Robert Alan", D(1971, 6, 24), None,
                                 email="robert255@smith.net"))
        b = prepare(PersonRecord("b", "Robert Allen", D(1971, 5, 24), None, email=email_b))
        return compare(a, b, POL.weights, POL.match_threshold, POL.review_threshold)
    c = direct("roberta25@smith.net")
    assert c.band == "possible" and c.weight == 18.5 and "email.typo" in codes(c), c
    assert direct(None).band == "none" and direct("r.allen@smith.net").band == "none"
    # through the matcher: a given-name typo, the surname the same (they meet on it)
    kw = dict(email_a="robert255@smith.net", email_b="roberta25@smith.net")
    m = pair("Robert Allen", "Robrt Allen", D(1971, 6, 24), D(1971, 5, 24), None, None, **kw)
    assert m is not None and m.band == "possible" and m.score == 19.5, m
    assert "email.typo" in codes(m)
    assert pair("Robert Allen", "Robrt Allen", D(1971, 6, 24), D(1971, 5, 24), None, None) is None
    # with the birth date equal it is a link
    m = pair("Robert Alan", "Robert Allen", D(1971, 6, 24), D(1971, 6, 24), None, None, **kw)
    assert m is not None and m.band == "match" and "email.typo" in codes(m)


def test_a_phone_with_a_typo_adds_a_little() -> None:
    kw = dict(phone_a="0612345678", phone_b="0612345687")
    m = pair("Robert Alan", "Robert Allen", D(1971, 6, 24), D(1971, 5, 24), None, None, **kw)
    assert m is not None and m.band == "none" or m is None  # 16.5: below a possible match
    m = pair("Robert Allen", "Robert Allen", D(1971, 6, 24), D(1971, 5, 24), None, None, **kw)
    assert m is not None and m.band == "possible" and "phone.typo" in codes(m)
    assert m.score == 20.0  # 8 + 6 + 4 + 2, a near birth date: at most possible


def test_a_near_email_alone_is_no_evidence() -> None:
    """Namesakes at one provider (``jan.jansen@`` / ``jan.janssen@``), no birth date, no
    address: an e-mail one letter off is not a shared address; nothing."""
    assert pair("Jan Jansen", "Jan Jansen", None, None, None, None,
                email_a="jan.jansen@gmail.com", email_b="jan.janssen@gmail.com") is None
    a = prepare(PersonRecord("a", "Jan Jansen", None, None, email="jan.jansen@gmail.com"))
    b = prepare(PersonRecord("b", "Jan Jansen", None, None, email="jan.janssen@gmail.com"))
    c = compare(a, b, POL.weights, POL.match_threshold, POL.review_threshold)
    assert c.band == "none" and c.weight == 18.0 and "email.typo" in codes(c), c


def test_a_household_with_near_email_addresses_stays_apart() -> None:
    """Twins at one address with mailboxes one letter apart (``anna.jansen@`` /
    ``hanna.jansen@``): the family rules still win; and a father and son at one address
    with numbered ones (a generation apart)."""
    m = pair("Anna Jansen", "Hanna Jansen", D(1990, 4, 4), D(1990, 4, 4), crowd=True,
             email_a="anna.jansen@ziggo.nl", email_b="hanna.jansen@ziggo.nl")
    assert m is None, m
    m = pair("Jan Jansen", "Jan Jansen", D(1950, 4, 4), D(1980, 4, 4),
             email_a="jan.jansen@ziggo.nl", email_b="jan.jansen1@ziggo.nl")
    assert m is None, m
    # siblings a few years apart, mailboxes one letter apart, no address
    m = pair("Petra Bakker", "Peter Bakker", D(1975, 1, 9), D(1978, 6, 2), None, None,
             email_a="petra.bakker@home.nl", email_b="peter.bakker@home.nl")
    assert m is None, m


def test_near_identifiers_are_explained_in_dutch_and_english() -> None:
    a = prepare(PersonRecord("a", "Robert Alan", D(1971, 6, 24), None,
                             email="robert255@smith.net", phone="0612345678"))
    b = prepare(PersonRecord("b", "Robert Allen", D(1971, 6, 24), None,
                             email="roberta25@smith.net", phone="0612345687"))
    c = compare(a, b, POL.weights, POL.match_threshold, POL.review_threshold)
    nl, en = explain(c.features, "nl"), explain(c.features, "en")
    assert ("e-mailadres robert255@smith.net / roberta25@smith.net: een tikfout verschil "
            "(+4)") in nl, nl
    assert ("e-mail address robert255@smith.net / roberta25@smith.net: a typing error apart "
            "(+4)") in en, en
    assert "telefoonnummer 0612345678 / 0612345687: één cijfer verschil of twee verwisseld (+2)" in nl
    assert "phone number 0612345678 / 0612345687: one digit differs or two are swapped (+2)" in en


# -- a birth date two digits off, or a year off -------------------------------------------

def test_a_birth_date_two_digits_off_at_one_address() -> None:
    """``Theodore Morris`` 1978-08-19 / 1978-09-18 (fake_1000) was ``birth.year`` (-3): at
    one address a possible match (17); now a link (21).  Without an address or an
    identifier it is nothing, as before: namesakes are born near each other too."""
    m = pair("Theodore Morris", "Theodore Morris", D(1978, 8, 19), D(1978, 9, 18))
    assert m is not None and m.band == "match" and "birth.two_digits" in codes(m), m
    assert pair("Theodore Morris", "Theodore Morris", D(1978, 8, 19), D(1978, 9, 18),
                None, None) is None
    m = pair("Theodore Morris", "Theodore Morris", D(1978, 8, 19), D(1978, 9, 18), None, None,
             email_a="t.morris@example.nl", email_b="t.morris@example.nl")
    assert m is not None and m.band == "match" and "birth.two_digits" in codes(m), m


def test_a_birth_year_one_off_with_the_same_day_and_month() -> None:
    """1979-03-12 / 1980-03-12 is two digits (1978 / 1979 is one: ``birth.one_digit``)."""
    m = pair("Sanne Visser", "Sanne Visser", D(1979, 3, 12), D(1980, 3, 12))
    assert m is not None and m.band == "match" and "birth.year_off" in codes(m), m
    m = pair("Sanne Visser", "Sanne Visser", D(1978, 3, 12), D(1979, 3, 12))
    assert m is not None and "birth.one_digit" in codes(m)
    # a near birth date needs the address or an identifier for a link
    m = pair("Sanne Visser", "Sanne Visser", D(1979, 3, 12), D(1980, 3, 12), None, None)
    assert m is None, m


def test_near_birth_dates_keep_relatives_apart() -> None:
    """Siblings at one address born a month apart (impossible for one mother, but a
    household of step-children): another given name, the household rule; a father and son
    of one name at one address born 1950 and 1980 stay a generation apart; two people born
    two digits apart, three years apart, are not this level."""
    m = pair("Tim Wyllie", "Tom Wyllie", D(1990, 1, 1), D(1990, 2, 11), crowd=True)
    assert m is None, m
    assert pair("Jan Jansen", "Jan Jansen", D(1950, 8, 19), D(1980, 8, 18)) is None
    # two digits, but ten years apart: brothers, not a typo of one person's date
    a = prepare(PersonRecord("a", "Jan Jansen", D(1978, 8, 19), HOME))
    b = prepare(PersonRecord("b", "Jan Jansen", D(1988, 8, 18), HOME))
    c = compare(a, b, POL.weights, POL.match_threshold, POL.review_threshold)
    assert "birth.different" in codes(c) and c.band == "none", c


def test_near_birth_levels_are_explained_in_dutch_and_english() -> None:
    m = pair("Theodore Morris", "Theodore Morris", D(1978, 8, 19), D(1978, 9, 18))
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "geboortedatum 1978-08-19 / 1978-09-18: twee cijfers verschil (+1)" in nl, nl
    assert "birth date 1978-08-19 / 1978-09-18: two digits differ (+1)" in en, en
    m = pair("Sanne Visser", "Sanne Visser", D(1979, 3, 12), D(1980, 3, 12))
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "geboortedatum 1979-03-12 / 1980-03-12: zelfde dag en maand, het jaar één verschil (+4)" in nl
    assert "birth date 1979-03-12 / 1980-03-12: the same day and month, the year one off (+4)" in en


# -- look-alike letters --------------------------------------------------------------------

CYR = "J\u043ehan B\u0430kker"  # 'Jоhan Bаkker': a Cyrillic o and a


def test_a_name_with_cyrillic_look_alike_letters_is_the_latin_name() -> None:
    """Read as other letters, ``Jоhan Bаkker`` was a typo in each word: with a birth date
    one digit off at one address a possible match (18); now the same name, a link."""
    m = pair(CYR, "Johan Bakker", D(1980, 1, 1), D(1980, 10, 1))
    assert m is not None and m.band == "match", m
    assert {"surname.exact", "given.exact"} <= set(codes(m))
    # Greek omicron and alpha, and capitals
    m = pair("J\u03bfhan B\u03b1kker", "JOHAN BAKKER", D(1980, 1, 1), D(1980, 10, 1))
    assert m is not None and {"surname.exact", "given.exact"} <= set(codes(m)), m
    # among 1,200 other people (the columnar blocking and name counts take the same words)
    m = pair(CYR, "Johan Bakker", D(1980, 1, 1), D(1980, 10, 1), crowd=True)
    assert m is not None and m.band == "match" and "surname.exact" in codes(m), m
    # the name is shown as it was written
    assert parse_name(CYR).display == CYR


def test_look_alike_letters_keep_twins_apart() -> None:
    """``Jоrien Bаkker`` / ``Johan Bakker`` born the same day at one address were a
    possible match (a surname typo is no same surname for the twin rule); now twins."""
    assert pair("J\u043erien B\u0430kker", "Johan Bakker", D(1980, 1, 1), D(1980, 1, 1)) is None
    assert pair(CYR, "Jorien Bakker", D(1980, 1, 1), D(1980, 1, 1), crowd=True) is None
    # a name wholly in another script is left alone: no Latin name to read it as
    assert parse_name("\u041f\u0435\u0442\u0440\u043e\u0432").surnames == ("петров",)
    # decided word by word: the parser (word by word) and the blocking and name counts
    # (the whole name) take the same words, also beside a word of another script
    for name in (CYR, "Jan \u041f\u0435\u0442\u0440\u043e\u0432",
                 "\u041f\u0435\u0442\u0440\u043e\u0432, J\u043ehan"):
        pn = parse_name(name)
        assert {canon(w) for w in pn.surnames + pn.given_names} <= name_words(name), name


# -- a call name in capitals in brackets ---------------------------------------------------

def test_a_two_letter_call_name_in_capitals_is_the_given_name() -> None:
    pn = parse_name("J. (JO) BAKKER")
    assert pn.given_names == ("jo",) and pn.initials == "j" and pn.display == "J. (Jo) Bakker"
    assert parse_name("A. (AD) DE BOER").given_names == ("ad",)
    assert parse_name("BAKKER, J.P. (JO)").given_names == ("jo",)
    # initials in brackets stay initials: dotted, without vowels, or the initials again
    assert parse_name("J.P. (JP) Bakker").given_names == ()
    assert parse_name("J.O. (JO) BAKKER").given_names == ()
    m = pair("J. (JO) BAKKER", "Jo Bakker", D(1980, 1, 1), D(1980, 10, 1))
    assert m is not None and m.band == "match" and "given.exact" in codes(m), m


def test_a_two_letter_call_name_keeps_a_twin_apart() -> None:
    """``J. (JO) BAKKER`` read as initials fitted ``Jeroen Bakker``, his twin brother
    (26, a match); ``A. (AD) DE BOER`` his twin sister ``Anna de Boer`` at one address."""
    assert pair("J. (JO) BAKKER", "Jeroen Bakker", D(1980, 1, 1), D(1980, 1, 1), None, None) is None
    assert pair("A. (AD) DE BOER", "Anna de Boer", D(1980, 1, 1), D(1980, 1, 1)) is None


def test_the_columnar_blocking_reads_these_names_as_the_per_record_code() -> None:
    """The columnar tokens (``bulk.name_tokens``) are those of the per-record code, and its
    candidates a superset of the per-record check, on names with look-alike letters and
    call names in capitals (a mixed name now folds to ASCII and goes the columnar way)."""
    from coi_graph.match import bulk
    from test_matching_bulk import REFS, _assert_tokens, _check_superset

    names = [CYR, "J\u03bfhan B\u03b1kker", "Jan \u041f\u0435\u0442\u0440\u043e\u0432",
             "\u041f\u0435\u0442\u0440\u043e\u0432, J\u043ehan", "J. (JO) BAKKER",
             "A. (AD) DE BOER", "BAKKER, J.P. (JO)", "Johan Bakker", "Jo Bakker"]
    _assert_tokens(names)
    assert bulk.name_tokens([CYR]).exact[0]
    accepted, kept = _check_superset([r.name for r in REFS] + names, True)
    assert 0 < accepted <= kept


def test_a_finding_on_near_values_says_why_in_dutch_and_english(tmp_path) -> None:
    """End to end: employee ``Theodore Morris`` (1978-08-19, ``t.morris@ziggo.nl``) handles
    an allocation to ``Theodore Morris`` born 1978-09-18 at the same address, e-mail
    ``t.moris@ziggo.nl``: on main a possible match (17: ``birth.year``), now an allocation
    to self (25), and the finding's match step words both near values in either language
    (from the features, and from the English detail alone as older findings have it)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from corp import run

    from coi_graph.findings import read_findings
    from coi_graph.outputs.explore_text import match_detail_text

    run(tmp_path, extra_employees=[
        {"employee_id": "E4", "name": "Theodore Morris", "role": "employee",
         "department": "Verhuur", "birth_date": "1978-08-19", "postcode": "4567GH",
         "house_number": "9", "email": "t.morris@ziggo.nl"}], allocations=[
        {"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01",
         "approved_by": "E2", "unit_id": "U1", "handled_by": "E4",
         "applicant_name": "Theodore Morris", "applicant_birth_date": "18-09-1978",
         "applicant_postcode": "4567GH", "applicant_house_number": "9",
         "applicant_email": "t.moris@ziggo.nl"}])
    data = read_findings(tmp_path / "run")
    rows = data["findings"] if isinstance(data, dict) else data
    f = next(x for x in rows if x["decision_id"] == "A1" and x["rule"] == "allocation_to_self")
    match = next(s for s in f["path_detail"]["steps"] if s.get("match"))["match"]
    assert match["band"] == "match", match
    assert {"birth.two_digits", "email.typo"} <= {x["code"] for x in match["features"]}
    nl = match_detail_text(match["detail"], "nl", match["features"], match["band"])
    en = match_detail_text(match["detail"], "en", match["features"], match["band"])
    # (the applicant's value first)
    assert "geboortedatum 1978-09-18 / 1978-08-19: twee cijfers verschil (+1)" in nl, nl
    assert "e-mailadres t.moris@ziggo.nl / t.morris@ziggo.nl: een tikfout verschil (+4)" in nl, nl
    assert "birth date 1978-09-18 / 1978-08-19: two digits differ (+1)" in en, en
    assert "e-mail address t.moris@ziggo.nl / t.morris@ziggo.nl: a typing error apart (+4)" in en
    assert "twee cijfers verschil" in match_detail_text(match["detail"], "nl")


# -- a typo in every name word and in the birth date, one address ---------------------------

def test_typos_in_every_name_word_and_the_birth_date_meet_at_one_address() -> None:
    """No name word, no pair of first letters and no birth date in common: only the
    address with the birth year (``ay``) or with day and month (``am``) brings the two
    together (records.near_birth_keys); compared, they are one person.  The same two at
    other addresses stay apart (nothing to meet on), and a sibling born two years later
    at the address is not matched."""
    a, b = "Sanne Visser", "Zanne Vissen"  # (Groot / Grooth: one canonical word, 'grot')
    email_a, email_b = "s.visser@ziggo.nl", "s.vsser@ziggo.nl"
    direct = compare(prepare(PersonRecord("probe:1", a, D(1984, 3, 12), HOME, email=email_a)),
                     prepare(PersonRecord("ref:1", b, D(1984, 3, 17), HOME, email=email_b)),
                     POL.weights, POL.match_threshold, POL.review_threshold)
    assert direct.band == "match"
    for bd_b in (D(1984, 3, 17), D(1985, 3, 12)):  # the year kept; day and month kept
        m = pair(a, b, D(1984, 3, 12), bd_b, email_a=email_a, email_b=email_b)
        assert m is not None and m.band == "match", bd_b
        assert {"address.exact", "email.typo"} <= set(codes(m)), codes(m)
    assert pair(a, b, D(1984, 3, 12), D(1984, 3, 17), "3511AB|12|", "2500ZZ|3|",
                email_a=email_a, email_b=email_b) is None
    assert pair(a, b, D(1984, 3, 12), D(1986, 8, 2)) is None
