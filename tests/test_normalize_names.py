"""Dutch name conventions, each written the ways the source systems write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_graph.normalise.names import (
    PersonName,
    fold_text,
    normalize_org_name,
    parse_name,
    surname_keys,
)


def parts(raw: str) -> tuple[tuple[str, ...], str, str, tuple[str, ...]]:
    n = parse_name(raw)
    return n.given_names, n.initials, n.tussenvoegsel, n.surnames


# -- one person, many spellings: every variant parses to the same parts ------------------

SAME = [
    # (expected (given_names, initials, tussenvoegsel, surnames), spellings)
    ((("jan",), "j", "de", ("vries",)),
     ["Jan de Vries", "JAN DE VRIES", "jan de vries", "  Jan   de  Vries ", "Vries, Jan de",
      "Vries de, Jan", "de Vries, Jan", "Dhr. Jan de Vries", "de heer Jan de Vries",
      "Jan De Vries", "VRIES, JAN DE", "Vries, de, Jan", "Jan de Vries (roepnaam)"]),
    (((), "am", "de", ("vries",)),
     ["A.M. de Vries", "AM de Vries", "A. M. de Vries", "A.M.de Vries", "de Vries, A.M.",
      "Vries, A.M. de", "Vries de, A. M.", "mevr. A.M. de Vries", "Mw. A.M. de Vries",
      "drs. A.M. de Vries", "de Vries A.M.", "AM DE VRIES"]),
    ((("petra",), "p", "de", ("jansen", "vries")),
     ["Petra Jansen-de Vries", "Petra Jansen - de Vries", "Petra Jansen -de Vries",
      "Jansen-de Vries, Petra", "PETRA JANSEN-DE VRIES", "Petra Jansen\u2013de Vries"]),
    ((("jan",), "j", "van 't", ("hof",)),
     ["Jan van 't Hof", "Jan van't Hof", "Jan van \u2019t Hof", "Hof, Jan van 't",
      "Hof van 't, Jan", "Hof, van 't, Jan"]),
    (((), "tjm", "van den", ("heuvel",)),
     ["Th.J.M. van den Heuvel", "ir. Th. J. M. van den Heuvel", "Heuvel, Th.J.M. van den"]),
    ((("mohamed",), "m", "", ("el amrani",)),
     ["Mohamed El Amrani", "Mohamed el Amrani", "MOHAMED EL AMRANI", "El Amrani, Mohamed",
      "Mohamed El-Amrani"]),
    ((("fatima",), "f", "", ("el idrissi",)),
     ["Fatima el Idrissi", "mw. Fatima El Idrissi", "el Idrissi, Fatima"]),
    ((("ayse",), "a", "", ("yilmaz",)), ["Ayşe Yılmaz", "AYŞE YILMAZ", "Ayse Yilmaz", "Yılmaz, Ayşe"]),
    ((("zoe",), "z", "", ("celik",)), ["Zoë Çelik", "Zoe Celik", "ZOË ÇELIK", "Çelik, Zoë"]),
    ((("helene",), "h", "", ("unal",)), ["Hélène Ünal", "Helene Unal"]),
    ((("maria",), "m", "d'", ("souza",)), ["Maria D'Souza", "D'Souza, Maria", "Maria D\u2019Souza"]),
    ((("gerrit",), "g", "in 't", ("veld",)), ["Gerrit in 't Veld", "Veld, Gerrit in 't"]),
    ((("kees",), "k", "op de", ("beek",)), ["Kees op de Beek", "Beek, Kees op de"]),
    (((), "j", "v.d.", ("berg",)),
     ["J. v.d. Berg", "J. v/d Berg", "J. vd Berg", "v/d Berg, J.", "Berg, J. v.d.", "Berg v.d., J."]),
    ((("jan", "pieter"), "jp", "van den", ("berg",)),
     ["Jan Pieter van den Berg", "Berg van den, Jan Pieter", "Berg, Jan Pieter van den",
      "prof. dr. ir. Jan Pieter van den Berg MSc"]),
    ((("anne-marie",), "am", "", ("jansen", "smit")),
     ["Anne-Marie Jansen-Smit", "Anne - Marie Jansen - Smit", "Jansen-Smit, Anne-Marie"]),
]


@pytest.mark.parametrize(
    "expected,raw", [(exp, raw) for exp, raws in SAME for raw in raws], ids=lambda x: str(x)
)
def test_spellings_of_one_name_parse_alike(expected, raw):
    assert parts(raw) == expected


@pytest.mark.parametrize(
    "raw,display",
    [
        ("Vries, Jan de", "Jan de Vries"),
        ("JAN DE VRIES", "Jan de Vries"),
        ("AM de Vries", "A.M. de Vries"),
        ("Vries de, A. M.", "A.M. de Vries"),
        ("Petra Jansen - de Vries", "Petra Jansen-de Vries"),
        ("Hof van 't, Jan", "Jan van 't Hof"),
        ("van 't Hof", "Van 't Hof"),
        ("ÇELIK, AYŞE", "Ayşe Çelik"),
        ("D'Souza, Maria", "Maria D'Souza"),
        ("Jan 's-Gravesande", "Jan 's-Gravesande"),
        ("J. v.d. Berg", "J. v.d. Berg"),
        ("Sean O'Brien", "Sean O'Brien"),
    ],
)
def test_display_is_readable(raw, display):
    assert parse_name(raw).display == display


@pytest.mark.parametrize(
    "raw,surnames,tv",
    [
        ("Petra de Vries-Jansen", ("vries", "jansen"), "de"),
        ("Jansen-de Vries", ("jansen", "vries"), "de"),
        ("de Vries", ("vries",), "de"),
        ("Jan 's-Gravesande", ("gravesande",), "'s"),
        ("J. v.d. Berg", ("berg",), "v.d."),
        ("J. v/d Berg", ("berg",), "v.d."),
        ("Maria da Silva", ("silva",), "da"),
        ("Mohamed Ben Ali", ("ben ali",), ""),
        ("Anh Do", ("do",), ""),          # a particle word at the end is the surname
        ("Jan Over", ("over",), ""),      # 'over' is only a tussenvoegsel before another one
        ("Jan ter Horst", ("horst",), "ter"),
        ("Sean O'Brien", ("o'brien",), ""),
        ("Çelik", ("celik",), ""),
        ("Ирина Петрова", ("петрова",), ""),  # other scripts are kept, not dropped
    ],
)
def test_surnames_and_tussenvoegsel(raw, surnames, tv):
    n = parse_name(raw)
    assert n.surnames == surnames
    assert n.tussenvoegsel == tv


def test_el_is_part_of_the_surname_not_a_tussenvoegsel():
    for raw in ("Mohamed El Amrani", "Mohammed el-Amrani", "El Amrani, M."):
        assert surname_keys(parse_name(raw)) == ("elamrani",)
    assert surname_keys(parse_name("Fatima Idrissi")) != surname_keys(parse_name("Fatima el Idrissi"))


def test_ben_is_a_given_name_when_first():
    n = parse_name("Ben Jansen")
    assert n.given_names == ("ben",) and n.surnames == ("jansen",)


@pytest.mark.parametrize(
    "raw,given,initials",
    [
        ("Jan P. de Vries", ("jan",), "jp"),
        ("J.P. de Vries", (), "jp"),
        ("JP de Vries", (), "jp"),
        ("JP DE VRIES", (), "jp"),            # no vowels: initials, also in capitals
        ("Jo de Vries", ("jo",), "j"),        # mixed case: a name
        ("IJ. de Vries", (), "i"),            # the IJ digraph as one initial
        ("Anne-Marie de Vries", ("anne-marie",), "am"),
        ("de Vries", (), ""),
        ("J.", (), "j"),
    ],
)
def test_given_names_and_initials(raw, given, initials):
    n = parse_name(raw)
    assert (n.given_names, n.initials) == (given, initials)


@pytest.mark.parametrize(
    "raw", ["dhr. J. de Vries", "Mevr. J. de Vries", "mw. J. de Vries", "ir. J. de Vries",
            "drs. J. de Vries", "dr. J. de Vries", "mr. J. de Vries", "ing. J. de Vries",
            "Mr J. de Vries", "J. de Vries Jr.", "J. de Vries, MSc", "Dhr. ir. J. de Vries"],
)
def test_titles_are_ignored(raw):
    assert parts(raw) == ((), "j", "de", ("vries",))


def test_upper_case_two_letters_in_a_mixed_case_name_are_initials_not_a_title():
    assert parts("MW de Vries") == ((), "mw", "de", ("vries",))


def test_fold_text():
    assert fold_text("Çelik Ünal Zoë Hélène Yılmaz Ayşe Øster Straße") == (
        "celik unal zoe helene yilmaz ayse oster strasse"
    )


@pytest.mark.parametrize("raw", ["", "   ", ",", "-", "'", ".", "()", "dhr.", "12345"])
def test_empty_names(raw):
    n = parse_name(raw)
    assert n.surnames == () and n.given_names == () and surname_keys(n) == ()


def test_non_text_input():
    pd = pytest.importorskip("pandas")
    for missing in (None, float("nan"), pd.NA, pd.NaT):
        assert parse_name(missing).surnames == ()
        assert normalize_org_name(missing) == ""


def test_upper_case_v_d_are_initials():
    assert parts("J. V.D. Berg") == ((), "jvd", "", ("berg",))


# -- organizations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ["Bouwbedrijf Jansen B.V.", "bouwbedrijf jansen bv", "BOUWBEDRIJF JANSEN",
         "Bouwbedrijf Jansen B. V.", "Bouwbedrijf Jansen BV i.o.", "Bouwbedrijf  Jansen,  B.V"],
        ["Jansen & Zn. V.O.F.", "Jansen en Zonen", "JANSEN & ZONEN VOF", "Fa. Jansen & Zn."],
        ["Stichting Woonzorg Çelik", "Woonzorg Celik", "WOONZORG ÇELIK STICHTING"],
        ["Coöperatieve Rabobank U.A.", "Rabobank"],
        ["Schilders N.V.", "Schilders NV", "schilders n. v."],
    ],
)
def test_org_names_equal_after_normalisation(variants):
    assert len({normalize_org_name(v) for v in variants}) == 1


@pytest.mark.parametrize(
    "a,b",
    [
        ("Jansen Holding B.V.", "Jansen B.V."),          # a holding is another legal entity
        ("CV Service Noord", "Service Noord"),            # CV = central heating, kept at the start
        ("Bouwbedrijf Jansen", "Bouwbedrijf Janssen"),
    ],
)
def test_org_names_that_stay_different(a, b):
    assert normalize_org_name(a) != normalize_org_name(b)


def test_org_name_that_is_only_a_legal_form_is_kept():
    assert normalize_org_name("B.V.") == "bv"
    assert normalize_org_name(None) == ""


# -- properties -----------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_parse_name_never_raises(raw):
    n = parse_name(raw)
    assert isinstance(n, PersonName)
    assert all(k for k in surname_keys(n))
    normalize_org_name(raw)


NAME_CHARS = st.sampled_from(
    list("abcdeijnorstvzAEJMPVÇçëéıŞş") + [" ", " ", "-", ".", ",", "'", "de ", "van ", "'t ",
                                            "el ", "dhr. ", "A.", "J.P. "]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(NAME_CHARS, max_size=25).map("".join))
def test_parse_name_never_raises_on_name_like_text(raw):
    n = parse_name(raw)
    assert n.raw == raw
    assert all(" " not in k for k in surname_keys(n))


# -- the fast path for two plain words ------------------------------------------------------

_SPECIAL_WORDS = ["Van", "De", "Den", "Der", "Ten", "Ter", "Op", "In", "Mr", "Dr", "Ir", "Ing",
                  "Heer", "Mevr", "Jr", "Sr", "Msc", "El", "Al", "Ben", "Bin", "Abu", "Ait",
                  "Ng", "Th", "Sch", "Prt", "Vd", "Ij", "Yp", "Anna", "Kowalski", "Jan", "Ed",
                  "Ra", "Mba", "Prof", "Drs", "Dhr", "Mw", "Hr", "Mej", "Fam", "Wijlen", "Ds",
                  "Bc", "Familie", "Mevrouw", "Uit", "Tot", "Thoe", "Ould", "Ibn", "Abou"]
_WORD = st.one_of(st.sampled_from(_SPECIAL_WORDS),
                  st.text("bcdfghjklmnpqrstvwxzaeiouy", min_size=1, max_size=7).map(
                      lambda w: w.capitalize()))


@settings(max_examples=400, deadline=None)
@given(_WORD, st.sampled_from([" ", ", ", ",  ", "  ", " ,", "-", "\n"]), _WORD)
def test_two_plain_words_parse_as_the_full_rules_do(a, sep, b):
    """``Anna Kowalski`` / ``Kowalski, Anna`` skip the full rules: the result must be the
    same, also for particles, titles, name particles and initials-like words (which the
    fast path must leave to the full rules)."""
    from coi_graph.normalise.names import _parse_full, _parse_simple

    raw = a + sep + b
    assert parse_name(raw) == _parse_full(raw)
    fast = _parse_simple(raw)
    assert fast is None or fast == _parse_full(raw)


def test_the_fast_path_takes_plain_names_and_leaves_the_others():
    from coi_graph.normalise.names import _parse_simple

    fast = _parse_simple("Kowalski, Anna")
    assert fast is not None and fast.display == "Anna Kowalski"
    assert parts("Kowalski, Anna") == (("anna",), "a", "", ("kowalski",))
    for raw in ("Ben Naji", "Jan de Vries", "Ng Wei", "Th Bakker", "ANNA KOWALSKI",
                "Anna Kowalski\n", "Dr Jansen", "Vries, Jan de", "Jansen Jr", "Ed Ng"):
        assert _parse_simple(raw) is None, raw
