"""The seventeenth session's shortcut in the graph build gives what its plain form gives.

KvK officer names are parsed in bulk (``names.plain_name_parts``): the names of the plain
shapes (``Jan de Vries``, ``A.B. van den Berg``, ``Groot, Pieter de``, ``Jansen, A.B.``)
are decided a word at a time and their three strings joined by Arrow, every other name
goes through ``parse_name`` as before (``build._officer_shapes``).  Checked here against
``build._officer_shape`` (``parse_name`` per name) on every distinct officer name of a
generated demo, on a hand-written list of the shapes near the plain ones (titles, jr./sr.,
noble titles, name particles, hyphens, diacritics, capitals, spaces, Vietnamese names,
names not in NFC, weak particles in every place) and on many seeded random names made of
such words.  The bulk path must give exactly ``_officer_shape``'s triple for every name it
takes, take every name of a few plain shapes (so the comparison compares something), and
refuse the doubtful ones.
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from coi_graph.graph.build import _officer_shape, _officer_shapes
from coi_graph.normalise import names as N
from coi_graph.normalise.names import plain_name_parts

#: Names near the plain shapes, each a way the bulk path could go wrong.
TRICKY = [
    # plain: given names or initials, particles, surname; surname first
    "Jan de Vries", "Jan Pieter de Vries", "A.B. van den Berg", "H.S. Chaouch", "Lemmens, Harm",
    "Groot, Pieter de", "Berg, A.B. van den", "Hof, Jaap van 't", "Jansen, A.B.", "Petra Jansen",
    "Heuvel, Lucas van den", "Veer, Wim van 't", "Brink, Femke ten", "Jan van der Berg",
    "Chloë van Vliet", "Müller, Kees", "Hasan Erdoğan", "A.S. Wójcik", "K. Yıldız", "Zoë Dekker",
    "Barış Yıldız", "Ö. Güneş", "Çelik, Ayşe", "Straße, Jan", "Jan Øster", "Ĳsbrand Jansen",
    "Łukasz Kowalski", "Ł. Mazur", "N.İ. Chaouch", "İlker Ünal",
    # titles, generation, salutations: the full rules
    "Mr. dr. A. de Vries", "Dr. Jan de Vries", "Jan de Vries jr.", "J. Jansen sr.",
    "Zijlstra, H., sr.", "Huub Zijlstra jr.", "Dhr. J. de Vries", "Mevr. A. Bakker",
    "Jan de Vries MSc", "Prof. ir. P. Bakker", "Jan de Vries Jr", "Jr Jansen",
    # noble titles among given names, letters that spell one
    "Jan baron van Voorst", "Baron Jan van Voorst", "Graaf, Jan", "Jan Graaf", "Prins, Willem",
    "Willem Prins", "Jan Ridder", "Ridder, Jan de",
    # name particles, glued words, Vietnamese readings
    "Mohamed El Amrani", "El Amrani, Samir", "Ben Jansen", "Samir Ben Haddou", "Ait Taleb, Karim",
    "Tjon A Fong, Asha", "H.E. El Yassini", "Ben Haddou, Y.", "Anne-Marie El Amrani",
    "Mohamed el Amrani", "Jan El de Vries", "Amrani, Samir El", "Jan El", "El Amrani",
    "Jan Ben El Amrani", "Jan El Graaf", "Baron El Amrani", "El Graaf, Jan", "Y. Ben Haddou",
    "A. B. El Amrani", "El Amrani, A. B.", "El Amrani, Jan de", "EL AMRANI, SAMIR",
    "Samir Al Haddou", "Samir Abu Haddou", "Samir Ibn Haddou", "Samir Ould Haddou",
    "Samir Abou Haddou", "Samir Bin Haddou", "Al Haddou, Samir", "Al Haddou", "Jan Ait-Taleb",
    "Jan-Willem van 't Hof", "Jong, Thijs de", "Thijs Jansen", "Jan-Graaf Jansen",
    "Anne-marie Jansen", "Anne-Marie-Louise Jansen", "Anne- Marie Jansen", "Anne-Marie",
    "Jansen, Anne-Marie", "A.-M. Jansen", "Jansen, Prins-Willem", "El Amrani, Graaf-Jan",
    "Jan-Graaf Jansen", "Baron-Jan de Vries", "Jansen, Graaf-Jan de", "Nguyen Van An", "Tran Thi Hoa", "Van An Nguyen", "Jan Van Dam",
    "Vanessa de Vries", "Thijs Jansen", "Jansen, Thijs", "Jan van Dam", "Nguyễn Văn An",
    # hyphens and double surnames: the common path
    "Anne-Marie Jansen", "Jansen-de Vries, Petra", "Maria de Graaf-van de Ven",
    "Jan-Willem Meijer", "Meijer, Jan-Willem", "Jessica Tjin-A-Tsoi", "A. Jansen-Bakker",
    # initials in several words, mixed with given names
    "A. B. Jansen", "A.B. C. Jansen", "Jansen, A. B.", "A. Jan Jansen", "Jan A. Jansen",
    "Th. Jansen", "IJ. Jansen", "AB Jansen", "AM de Vries", "A.M. de Vries", "a.b. Jansen",
    # particles in odd places, weak particles
    "Jan de", "de Vries", "de Vries, J.", "Vries de, Jan", "Jan op Vries", "Jan in 't Veld",
    "Veld, Jan in 't", "Veld, Jan in", "Veld, Jan 't in", "Jan op de Berg", "Berg, Jan op de",
    "Berg, Jan de op", "Berg, Jan op", "Jan de Vries de", "Jan vd Berg", "J. vd Berg",
    "Jan v.d. Berg", "Jan van't Hof", "Jan d'Ancona", "Uijt den Bogaard, Jan",
    "Jan uijt den Bogaard", "Jan Van der Berg", "Jan van De Berg",
    # capitals, case, spaces, punctuation, digits
    "JAN DE VRIES", "VRIES, JAN DE", "jan de vries", "Jan DE Vries", "JAN de Vries",
    "McDonald, Jan", "Jan McDonald", "O'Brien, Sean", "Jan  de Vries", " Jan de Vries",
    "Jan de Vries ", "Jan\tde Vries", "Vries,Jan", "Vries , Jan", "Vries, Jan, de",
    "Vries,  Jan", "Vries, ", ", Jan", ",", "", " ", "Jan", "Vries,", "Jan (Johannes) Jansen",
    "Jansen, J.P. (Jan)", "Jan Jansen 2", "Jan_Jansen", "Jan.Jansen", "Jansen Holding B.V.",
    "Bosman Holding B.V.", "Jan Brrr", "Brrr Jansen", "Jan Xu", "Bo Jansen", "Yp Jansen",
    "Ng Jansen", "Jan Ng",
    # not in NFC, odd letters
    "Zoe\u0308 Dekker", "Dekker, Zoe\u0308", "ǅemal Jansen", "Ÿves Jansen", "Aª Jansen",
    "Aª, B.", "B. Aª", "Bºa, A.B.", "Jan Ŀa", "Jan ŉa", "IJsbrand Jansen", "Ĳ Jansen",
    "Jan Æbelø", "Σοφία Jansen",
    "Jan Jansen\u00a0de Vries", "Jan de\u2009Vries",
]

#: words of each kind: the plain ones (most names are made of them), then the odd ones
_GIVEN = (["Jan", "Petra", "Pieter", "Anne", "Marie", "Harm", "Chloë", "Zoë", "Barış", "Ayşe",
           "Łukasz", "İlker", "Kees", "Bo", "Xu", "Yp", "Thijs", "Straße", "Æbelø", "Hoa",
           "Anne-Marie", "Jan-Willem", "Gert-Jan", "Zoë-Ann"],
          ["Ed", "Ng", "Brrr", "Ben", "Vanessa", "Graaf", "Baron", "Mr", "Dr", "Ing", "Heer",
           "Jr", "Sr", "Msc", "El", "Al", "JAN", "jan", "McDonald", "O'Brien", "Anne-Marie",
           "Zoe\u0308", "Ĳsbrand", "Van", "Thi", "An", "Văn", "Thị"])
_INITIALS = (["A.", "A.B.", "H.S.", "G.J.S.", "M."],
             ["Th.", "IJ.", "Ł.", "Ö.", "a.", "AB", "A", "A. B.", "J.H.R."])
_SURNAMES = (["Vries", "Berg", "Groot", "Jansen", "Chaouch", "Lemmens", "Müller", "Yıldız",
              "Erdoğan", "Øster", "Prins", "Graaf", "Ridder", "Mazur", "Dam", "Zijlstra", "Hof",
              "Veld", "Xu", "El Amrani", "Ait Taleb", "Ben Haddou", "Al Haddou", "Abu Bakr"],
             ["Amrani", "Haddou", "Nguyen", "Tran", "Jansen-Bakker", "Tjin-A-Tsoi", "VRIES",
              "vries", "McDonald", "Ng", "Brrr", "Van", "Holding", "B.V."])
_PARTICLES = (["van", "de", "der", "den", "van der", "van den", "van de", "'t", "van 't",
               "ten", "ter", "te", "in 't", "op de", "uit den", "aan de", "de la", "von"],
              ["in", "op", "vd", "v.d.", "van't", "d'", "De", "Van", "el", "El", "ben", "al",
               "tot", "over", "de op", "'t in", "El", "Ben"])
_TITLES = ["Mr.", "dr.", "Dr.", "Dhr.", "Mevr.", "ir.", "Prof.", "jhr.", "baron", "graaf"]
_AFTER = ["jr.", "sr.", "Jr", "MSc", "MBA", "(Jan)", "2"]


def _random_name(rng: random.Random) -> str:
    """One name: given names or initials, particles, one or two surnames, written given name
    first or surname first, now and then a title, a generation, capitals, an extra space, a
    stray comma, a name not in NFC."""
    def pick(pools: tuple[list[str], list[str]]) -> str:
        return rng.choice(pools[rng.random() < 0.15])

    given = (pick(_INITIALS) if rng.random() < 0.4
             else " ".join(pick(_GIVEN) for _ in range(rng.choice([1, 1, 1, 2, 3]))))
    if rng.random() < 0.05:  # initials in more than one word, or with a given name
        given = given + " " + rng.choice(_INITIALS[0] + _GIVEN[0])
    particles = pick(_PARTICLES) if rng.random() < 0.4 else ""
    surname = pick(_SURNAMES)
    if rng.random() < 0.1:
        surname += rng.choice(["-", " "]) + pick(_SURNAMES)
    if rng.random() < 0.5:
        name = " ".join(x for x in (given, particles, surname) if x)
    else:
        name = f"{surname}, {given}" + (f" {particles}" if particles else "")
    if rng.random() < 0.08:
        name = f"{rng.choice(_TITLES)} {name}"
    if rng.random() < 0.06:
        name = f"{name} {rng.choice(_AFTER)}"
    if rng.random() < 0.04:
        name = name.upper()
    if rng.random() < 0.03:
        k = rng.randrange(len(name) + 1)
        name = name[:k] + rng.choice(["  ", ",", ", ", " ,", "\t", "."]) + name[k:]
    if rng.random() < 0.03:
        name = unicodedata.normalize("NFD", name)
    return name


def _may_be_vietnamese(name: str) -> bool:
    """A word ``_parse_vietnamese`` reads as a middle name (``Van``, ``Thi``, ``Văn``)."""
    return any(w[:1].isupper() and N.fold_text(w.rstrip(",")) in ("van", "thi")
               for w in name.split(" "))


def _check(names: list[str]) -> int:
    """Assert that the bulk path gives ``_officer_shape``'s triple for every name it takes,
    takes every name the plain reading (``_parse_plain``) takes but for what may be read as
    Vietnamese first and initials written as more than one word (and more: given names
    with a hyphen, a surname after ``El``/``Ait``/``Ben``), and that
    ``_officer_shapes`` gives ``_officer_shape``'s triple for every name; the number taken."""
    got = plain_name_parts(names)
    assert len(got) == len(names)
    taken = 0
    for name, parts in zip(names, got):
        if parts is not None:
            taken += 1
            assert parts == _officer_shape(name), name
        else:  # refused: not of the plain reading, or what may read otherwise first
            assert (N._parse_plain(name) is None or _may_be_vietnamese(name)
                    or re.search(r"\. \S+\.", name)), name
    assert _officer_shapes(names) == [_officer_shape(n) for n in names]
    return taken


def test_tricky_names_as_parse_name_reads_them() -> None:
    taken = _check(TRICKY)
    got = dict(zip(TRICKY, plain_name_parts(TRICKY)))
    for name in ("Jan de Vries", "A.B. van den Berg", "H.S. Chaouch", "Lemmens, Harm",
                 "Groot, Pieter de", "Berg, A.B. van den", "Hof, Jaap van 't", "Jansen, A.B.",
                 "Chloë van Vliet", "Hasan Erdoğan", "K. Yıldız", "Veld, Jan in 't",
                 "Jan in 't Veld", "Berg, Jan op de", "Straße, Jan", "Jong, Thijs de",
                 "Thijs Jansen", "Mohamed El Amrani", "El Amrani, Samir", "Samir Ben Haddou",
                 "Ait Taleb, Karim", "H.E. El Yassini", "Anne-Marie Jansen", "Meijer, Jan-Willem",
                 "Jan-Willem van 't Hof", "Anne-Marie El Amrani", "Ben Haddou, Y."):
        assert got[name] is not None, name
    for name in ("Mr. dr. A. de Vries", "Jan de Vries jr.", "Zijlstra, H., sr.", "Baron Jan van Voorst",
                 "Nguyen Van An", "Tran Thi Hoa", "Van An Nguyen", "Jan Van Dam",
                 "A. B. Jansen", "JAN DE VRIES", "Jan  de Vries", "Zoe\u0308 Dekker",
                 "Jansen-de Vries, Petra", "A. Jansen-Bakker", "Ben Jansen", "Mohamed el Amrani",
                 "Jan El de Vries", "Amrani, Samir El", "Jan El", "El Amrani", "Jan Ben El Amrani",
                 "Veld, Jan in", "Berg, Jan de op", "Jan op Vries", "",
                 "Vries, Jan, de", "Jan Jansen 2", "Jan de", "Vries de, Jan"):
        assert got[name] is None, name
    assert taken >= 30


def test_the_names_of_a_generated_demo(tmp_path) -> None:
    """Every distinct officer name (and, as more of the same shapes, employee, relative and
    applicant name) of the medium demo, as a scan reads them."""
    import ingest
    from coi_graph.demo import generate

    generate(tmp_path, "medium", seed=7)
    ds = ingest.read_dataset(tmp_path / "data")
    names: set[str] = set()
    for table, column in (("officers", "name"), ("employees", "name"), ("relatives", "name"),
                          ("allocations", "applicant_name")):
        names.update(x for x in ds.frame(table)[column].astype("string").dropna())
    ordered = sorted(names)
    taken = _check(ordered)
    assert taken > 0.85 * len(ordered)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_seeded_random_names(seed: int) -> None:
    rng = random.Random(seed)
    names = list(dict.fromkeys(_random_name(rng) for _ in range(6000)))
    assert _check(names) > 0.25 * len(names)


def test_one_call_on_names_of_every_kind_and_order() -> None:
    """The decisions per name do not leak into a neighbour's: the same names in another
    order and mixed with refused ones give the same answers."""
    rng = random.Random(11)
    names = list(dict.fromkeys([_random_name(rng) for _ in range(3000)] + TRICKY))
    first = dict(zip(names, plain_name_parts(names)))
    rng.shuffle(names)
    assert dict(zip(names, plain_name_parts(names))) == first
    assert plain_name_parts([]) == []
    assert plain_name_parts(["Jan de Vries"]) == [("jan vries", "jan de vries", "Jan de Vries")]


# -- the vendor master as nodes, from whole columns -------------------------------------------

_ORG_IDS = ["O1", "O2", " O1 ", "O3", "", " ", None, "o1", "O10"]
_KVKS = ["12345678", "87654321", " 12345678", "", None, "11111111"]
_ORG_NAMES = ["Bouw B.V.", "", None, "  Schoon  ", "Bouw B.V."]


def _vendor_frame(rng: random.Random, n: int, *, with_type: bool = True):
    import pandas as pd

    data = {"org_id": [rng.choice(_ORG_IDS) for _ in range(n)],
            "name": [rng.choice(_ORG_NAMES) for _ in range(n)],
            "kvk_number": [rng.choice(_KVKS) for _ in range(n)]}
    if with_type:
        data["org_type"] = [rng.choice(["supplier", None, "", "holding"]) for _ in range(n)]
    return pd.DataFrame({k: pd.array(v, dtype="string") for k, v in data.items()})


@pytest.mark.parametrize("seed", range(40))
def test_organization_nodes_as_row_by_row(seed: int) -> None:
    """The same node keys, attribute dicts and KvK look-up, in the same order, as the loop
    over the rows: an org_id listed again (its first row counts), rows without an org_id
    (empty, spaces, missing: skipped, their KvK number too), a KvK number of two vendors
    (the first), names missing (the id is the label), padded cells, no org_type column."""
    from coi_graph.graph.build import _organization_nodes, _organization_nodes_plain

    rng = random.Random(seed)
    frame = _vendor_frame(rng, rng.choice([0, 1, 2, 5, 12, 30]), with_type=seed % 5 != 0)
    keys, attrs, by_kvk = _organization_nodes(frame)
    want_keys, want_attrs, want_by_kvk = _organization_nodes_plain(frame)
    assert keys == want_keys
    assert [list(a.items()) for a in attrs] == [list(a.items()) for a in want_attrs]
    assert list(by_kvk.items()) == list(want_by_kvk.items())


def test_a_name_arrow_cannot_hold_goes_to_parse_name() -> None:
    """A lone surrogate (a byte that was no UTF-8, kept by ``surrogateescape``) cannot go
    into an Arrow string: that name is left to parse_name, the others still taken."""
    names = ["Jan \udcff Jansen", "Jan de Vries", "Vries, \udcffJan", "El Amrani, Samir"]
    got = plain_name_parts(names)
    assert got[0] is None and got[2] is None
    assert got[1] == _officer_shape("Jan de Vries")
    assert got[3] == _officer_shape("El Amrani, Samir")
    assert _officer_shapes(names) == [_officer_shape(n) for n in names]
