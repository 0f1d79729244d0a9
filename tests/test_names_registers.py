"""Names as Dutch registers and systems write them (BRP, KvK, HR forms), probed by hand
and found parsed or matched wrong; each fix beside the relatives it must keep apart.

- ``J. de Vries Bc.``: a bachelor's title after the name was read as an initial and a
  surname ``J``;
- noble titles and predicates (``jhr.``, ``jkvr.``, ``baron``, ``graaf``, ``gravin``) were
  read as given names or initials (``jkvr. A. van Voorst tot Voorst`` did not match ``Anna
  van Voorst tot Voorst``), while ``de Graaf``, ``Prins`` and ``de Ridder`` stay surnames;
- a married or widowed woman's names joined by ``e.v.``, ``e/v``, ``echtgenote van``,
  ``wed.``, ``gehuwd met`` were read as given names (``A. Jansen e.v. de Vries`` matched
  neither ``Anna Jansen`` nor ``Anna de Vries``);
- ``jr.`` / ``sr.`` were thrown away, so a father and son of one name at one address, with
  no birth dates, were one person (``family.junior_senior``);
- ``Dhr.`` / ``Mevr.`` were thrown away, so husband and wife ``J. de Vries`` at one
  address were a possible match, and brother and sister ``E. de Vries`` born the same day
  a match (``family.other_sex``);
- given names in another order (``Jan-Willem`` / ``Willem-Jan``, ``J.W.`` / ``W.J.``)
  counted as a given name missing on a side: twins were merged;
- a name in Chinese or Vietnamese order (``Tran Thi Hoa`` / ``Thi Hoa Tran``) found
  nothing in common;
- ``van t Hof`` (no apostrophe) and ``V.d. Meer`` (capitalised by a form) lost their
  particle.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coi_graph.match.compare import (
    DEFAULT_WEIGHTS, Feature, PersonRecord, compare, family_apart, prepare,
)
from coi_graph.match.explain import feature_text
from coi_graph.match.records import match_people
from coi_graph.normalise.names import parse_name
from coi_graph.policy import MatchingPolicy

D = dt.date
POL = MatchingPolicy()
HOME = "3511AB|12|"
BD = D(1975, 3, 14)


def pair(a: str, b: str, bd_a: dt.date | None = BD, bd_b: dt.date | None = BD,
         addr: str | None = None):
    got = match_people([PersonRecord("probe:1", a, bd_a, addr)],
                       [PersonRecord("ref:1", b, bd_b, addr)], POL)
    assert len(got) <= 1
    return got[0] if got else None


def band(a: str, b: str, bd_a: dt.date | None = BD, bd_b: dt.date | None = BD,
         addr: str | None = None) -> str:
    m = pair(a, b, bd_a, bd_b, addr)
    return "none" if m is None else m.band


def full(a: str, b: str, bd_a: dt.date | None = BD, bd_b: dt.date | None = BD,
         addr: str | None = None):
    """compare() itself (every feature, also for band none) and family_apart's answer."""
    pa = prepare(PersonRecord("probe:1", a, bd_a, addr))
    pb = prepare(PersonRecord("ref:1", b, bd_b, addr))
    c = compare(pa, pb, POL.weights, POL.match_threshold, POL.review_threshold)
    return c, family_apart(pa, pb)


def shape(raw: str) -> tuple:
    n = parse_name(raw)
    return n.given_names, n.initials, n.surnames


# -- titles after the name ------------------------------------------------------------------


def test_a_bachelor_title_after_the_name_is_not_an_initial() -> None:
    assert shape("J. de Vries Bc.") == ((), "j", ("vries",))
    assert band("J. de Vries Bc.", "Jan de Vries") == "match"


# -- noble titles and predicates ------------------------------------------------------------


@pytest.mark.parametrize("raw, want", [
    ("jhr. J. van Voorst tot Voorst", ((), "j")),
    ("Jhr. mr. J.P. van Voorst tot Voorst", ((), "jp")),
    ("jkvr. A. van Voorst tot Voorst", ((), "a")),
    ("baron J. van Voorst tot Voorst", ((), "j")),
    ("graaf J. van Limburg Stirum", ((), "j")),
    ("Jan baron van Voorst tot Voorst", (("jan",), "j")),
    ("Anna gravin van Limburg Stirum", (("anna",), "a")),
    ("Limburg Stirum, Anna gravin van", (("anna",), "a")),
])
def test_a_noble_title_is_neither_a_given_name_nor_an_initial(raw: str, want: tuple) -> None:
    assert shape(raw)[:2] == want


def test_a_noble_title_matches_the_name_without_it() -> None:
    assert band("jkvr. A. van Voorst tot Voorst", "Anna van Voorst tot Voorst") == "match"
    assert band("baron J. van Voorst tot Voorst", "Jan van Voorst tot Voorst") == "match"
    m = pair("Jan baron van Voorst tot Voorst", "Jan van Voorst tot Voorst")
    assert m is not None and "given.exact" in [f.code for f in m.features]


@pytest.mark.parametrize("raw, want", [
    ("Jan de Graaf", (("jan",), "j", ("graaf",))),
    ("Graaf, Jan de", (("jan",), "j", ("graaf",))),
    ("Graaf de, Jan", (("jan",), "j", ("graaf",))),
    ("Graaf J.P.", ((), "jp", ("graaf",))),
    ("graaf J.P.", ((), "jp", ("graaf",))),  # typed in lower case: still the surname
    ("Jan Prins", (("jan",), "j", ("prins",))),
    ("Prins, J.", ((), "j", ("prins",))),
    ("J. de Ridder", ((), "j", ("ridder",))),
    ("Jan den Hertog", (("jan",), "j", ("hertog",))),
    ("Jan de Graaf van Vliet", (("jan",), "j", ("graaf", "vliet"))),
    ("JAN DE GRAAF VAN VLIET", (("jan",), "j", ("graaf", "vliet"))),  # (the full rules)
    # surname first without a comma (read given name first; name.swapped relates them)
    ("Prins Jan", (("prins",), "p", ("jan",))),
    ("PRINS JAN PIETER", (("prins", "jan"), "pj", ("pieter",))),
])
def test_a_surname_that_is_also_a_noble_title_stays_the_surname(raw: str, want: tuple) -> None:
    assert shape(raw) == want


def test_a_surname_that_is_a_noble_title_written_first_still_matches() -> None:
    assert band("Prins Jan", "Jan Prins") == "match"


# -- a married or widowed woman's names ------------------------------------------------------


@pytest.mark.parametrize("raw", [
    "A. Jansen e.v. de Vries", "A. Jansen e/v de Vries", "A. Jansen echtgenote van de Vries",
    "A. Jansen wed. de Vries", "A. Jansen weduwe de Vries", "A. Jansen gehuwd met de Vries",
    "Jansen e.v. de Vries, A.", "Mevr. A. Jansen E/V de Vries",
])
def test_a_married_name_joined_by_words_is_two_surnames(raw: str) -> None:
    assert shape(raw) == ((), "a", ("jansen", "vries"))
    assert band(raw, "Anna Jansen") == "match"
    assert band(raw, "Anna de Vries") == "match"


def test_initials_that_look_like_ev_stay_initials() -> None:
    assert shape("E.V. Jansen") == ((), "ev", ("jansen",))
    assert shape("Jansen, E.V.") == ((), "ev", ("jansen",))
    assert shape("Anna E.V. de Vries") == (("anna",), "aev", ("vries",))


def test_her_husband_at_the_same_address_stays_apart() -> None:
    c, apart = full("A. Jansen e.v. de Vries", "J. de Vries", None, None, HOME)
    assert c.band == "none" and "family.household" in [f.code for f in c.features] and apart


# -- jr. / sr. ------------------------------------------------------------------------------


@pytest.mark.parametrize("son, father", [
    ("Jan Jansen jr.", "Jan Jansen sr."),
    ("J. Jansen jr.", "Jan Jansen sr."),
    ("Jansen, J., jr.", "J. Jansen sr."),
    ("JANSEN JR, JAN", "Jan Jansen Sr"),
])
def test_father_and_son_of_one_name_at_one_address_stay_apart(son: str, father: str) -> None:
    # no birth dates (a sloppy system): the name and the address alone made a match
    assert band(son, father, None, None, HOME) == "none"
    c, apart = full(son, father, None, None, HOME)
    assert "family.junior_senior" in [f.code for f in c.features] and apart
    # and with birth dates that happen to be near (a typo would otherwise hide them)
    assert band(son, father, D(1975, 3, 14), D(1975, 3, 15), HOME) == "none"


def test_the_same_generation_written_alike_still_matches() -> None:
    assert band("Jan Jansen jr.", "Jansen jr., Jan", None, None, HOME) == "match"
    assert band("Jan Jansen Jr", "Jan Jansen") == "match"
    assert parse_name("Jansen JR").initials == "jr"  # initials, not junior
    assert parse_name("Jansen JR").generation == ""


# -- Dhr. / Mevr. ---------------------------------------------------------------------------


def test_husband_and_wife_with_one_initial_at_one_address_stay_apart() -> None:
    assert band("Mevr. J. de Vries", "Dhr. J. de Vries", None, None, HOME) == "none"
    c, apart = full("Mevr. J. de Vries", "Dhr. J. de Vries", None, None, HOME)
    assert "family.other_sex" in [f.code for f in c.features] and apart


def test_brother_and_sister_born_the_same_day_stay_apart() -> None:
    assert band("De heer E. de Vries", "Mw. E. de Vries") == "none"
    assert band("jhr. J. van Voorst", "jkvr. J. van Voorst") == "none"
    assert band("Vries, E. de, Mevr.", "DHR. E. DE VRIES") == "none"


def test_a_salutation_on_one_side_or_the_same_on_both_still_matches() -> None:
    assert band("Mevr. E. de Vries", "Eva de Vries") == "match"
    assert band("Vries, E. de, Mevr.", "Mevr. E. de Vries") == "match"
    assert band("Mr. E. de Vries", "Mevr. E. de Vries") == "match"  # mr.: a law degree


# -- given names in another order -----------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("Jan-Willem de Vries", "Willem-Jan de Vries"),
    ("Jan Willem de Vries", "Willem Jan de Vries"),
    ("Jan-Willem de Vries", "Willem Jan de Vries"),
    ("J.W. de Vries", "W.J. de Vries"),
    ("W.J. de Vries", "Jan Willem de Vries"),
])
def test_twins_with_the_same_given_names_in_another_order_stay_apart(a: str, b: str) -> None:
    assert band(a, b) == "none"                             # born the same day
    assert band(a, b, None, None, HOME) == "none"           # one household


def test_one_double_given_name_written_otherwise_still_matches() -> None:
    for other in ("Jan Willem de Vries", "Janwillem de Vries", "J.W. de Vries",
                  "Vries, Jan-Willem de"):
        assert band("Jan-Willem de Vries", other) == "match", other
    assert band("Jan Willem de Vries", "Willem de Vries") == "match"  # a name left out


# -- family name first ----------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    # ('Tran Thi Hoa' / 'Thi Hoa Tran' is read with its family name since session 13:
    # surname.exact and given.exact, tests/test_names_registers2.py)
    ("Tran Minh Hoa", "Minh Hoa Tran"),
    ("Wang Xiao Ming", "Xiaoming Wang"),
    ("Wang Xiaoming", "Xiao Ming Wang"),
])
def test_a_name_in_its_own_order_matches_it_in_the_dutch_order(a: str, b: str) -> None:
    m = pair(a, b)
    assert m is not None and m.band == "match", m
    assert "name.swapped" in [f.code for f in m.features]


def test_sisters_in_their_own_order_stay_apart() -> None:
    assert band("Tran Thi Hoa", "Thi Mai Tran") == "none"
    assert band("Tran Thi Hoa", "Tran Thi Mai", None, None, HOME) == "none"
    assert band("Nguyen Van An", "Nguyen Van Binh") == "none"


# -- particles written short ----------------------------------------------------------------


def test_t_without_its_apostrophe_and_a_capitalised_vd_are_particles() -> None:
    assert parse_name("Jan van t Hof").tussenvoegsel == "van 't"
    assert parse_name("JAN IN T VELD").surnames == ("veld",)
    assert parse_name("Jan V.d. Meer").tussenvoegsel == "v.d."
    assert parse_name("J. V.D. Meer").initials == "jvd"  # capitals: initials, as before
    m = pair("Jan van t Hof", "Jan van 't Hof")
    assert m is not None and "surname.exact" in [f.code for f in m.features]
    m = pair("Jan V.d. Meer", "Jan van der Meer")
    assert m is not None and "given.exact" in [f.code for f in m.features]


# -- the explanation ------------------------------------------------------------------------


def test_the_new_family_features_read_in_both_languages() -> None:
    js = Feature("family.junior_senior", (("a", "jr."), ("b", "sr.")), -20.0)
    assert feature_text(js, "en").startswith("family: one name written jr., the other sr.")
    assert feature_text(js, "nl").startswith("familie: de ene naam met jr., de andere met sr.")
    sx = Feature("family.other_sex", (), -20.0)
    assert "a man" in feature_text(sx, "en") and "een man" in feature_text(sx, "nl")
    assert DEFAULT_WEIGHTS["family.junior_senior"] == DEFAULT_WEIGHTS["family.other_sex"] == -20
