"""Dutch-aware parsing of person names, and normalisation of organization names.

Why this exists: the same person is written differently in every source.  HR writes
``Vries, Jan de``, the allocation system ``J. de Vries``, the KvK register
``Jan Pieter de Vries`` and a married relative appears as ``Petra Jansen-de Vries``.
To decide whether two records are one person, :mod:`coi_graph.match.records` compares the
*core* surnames (without tussenvoegsels) and the given names/initials that this module
extracts.

Decisions (documented so both sides of a comparison are treated alike):

- **Tussenvoegsels** (``de``, ``van der``, ``van 't``, ``d'``, ``v.d.`` ...) are split off
  the surname and kept in :attr:`PersonName.tussenvoegsel`; only the core surname is used for
  matching, so ``Jan Vries`` matches ``Jan de Vries`` (a dropped or added tussenvoegsel is a
  common typo; the birth date guards against false matches).  Words like ``in``, ``op``,
  ``uit``, ``aan``, ``bij``, ``voor``, ``onder``, ``over``, ``tot`` only count as a
  tussenvoegsel before another one (``in 't Veld``, ``op de Beek``).
- **Arabic and Berber name particles** (``el``, ``al``, ``ben``, ``bin``, ``ibn``, ``abu``,
  ``ait``, ``ould``) are *not* tussenvoegsels: they stay part of the surname
  (``Mohamed El Amrani`` -> surname ``el amrani``; ``El-Amrani`` gives the same key).
- **Double surnames** (``Jansen-de Vries``, ``Jansen - de Vries``, ``de Vries-Jansen``)
  give several core surnames; two records share a surname when any core surname is equal.
- **Initials** are written ``A.M.``, ``A. M.``, ``AM`` (two or three capitals in a mixed-case
  name; any word of up to four letters without a vowel), ``Th.`` (an abbreviated name:
  initial ``t``), ``IJ.`` (initial ``i``).  In an all-caps name (``AM DE VRIES``) a
  two-letter word or a word without vowels is read as initials; a longer word with vowels
  as a name (``JAN``).  Erring towards initials is the safe side: an initial still fits the
  full name it stands for.  But the last word of a name written given names first, when it
  is written as a word (``Jan Smts``: a surname with its vowels mistyped), is the surname.
- **Comma forms** ``Vries, Jan de``, ``Vries de, Jan``, ``de Vries, J.`` and surname-first
  with trailing initials ``Jansen J.P.`` (in a mixed-case name also ``Jansen JP``) are
  recognised.
- **Titles** (``dhr.``, ``mevr.``, ``mw.``, ``de heer``, ``ir.``, ``drs.``, ``dr.``,
  ``mr.``, ``ing.``, ``prof.``, ``jhr.``, ``jkvr.``; trailing ``MSc``, ``Bc.``, ``Jr.``, ...)
  and text in parentheses are ignored, except a call name in brackets after the initials
  (``Jansen, J.P. (Jan)``), which is the given name.  What a title says about the person
  is kept: ``jr.``/``sr.`` in :attr:`PersonName.generation`, the sex a salutation states
  (``Dhr.``/``Mevr.``) in :attr:`PersonName.sex` (the matcher keeps a son and his father,
  a husband and his wife apart by them).
- **Noble titles** (``baron``, ``graaf``, ``gravin``, ...) are dropped where the BRP writes
  them, between the given names and the surname (``Jan baron van Voorst tot Voorst``) or in
  front (``graaf J. van Limburg Stirum``), but stay a surname where one is (``de Graaf``,
  ``Prins``, ``Graaf J.P.``).
- **Married names** joined by words (``A. Jansen e.v. de Vries``, ``e/v``, ``echtgenote
  van``, ``wed.``, ``gehuwd met``) are two surnames, as ``Jansen-de Vries``.
- ``van t Hof`` (no apostrophe) reads as ``van 't Hof``; ``V.d.`` as ``v.d.``.
- **After initials, a hyphenated surname goes with what follows** (``J. Jansen-Smit van
  Dam``: surnames ``jansen``, ``smit``, ``dam``, as ``Jansen-Smit van Dam, J.`` reads);
  without initials a hyphenated given name stays one (``Anne-Marie van Dam``).
- **Vietnamese middle names** ``Van`` and ``Thi`` after a common Vietnamese family name
  (``Nguyen Van An``, ``Tran Thi Hoa``) or starting a name it ends (``Van An Nguyen``) are
  neither the particle ``van`` nor a given name: the family name is the surname, the words
  after the middle name the given names, and the middle name says the sex (``Van`` a man,
  ``Thi`` a woman).  ``Jan Van Dam`` and ``Nguyen van An`` (lower case) stay Dutch.
- A tussenvoegsel written together with the surname (``Vanderheuvel``) is not split here
  (``Vandenberg`` and ``Devries`` are also surnames as one word): the comparison reads it
  (``surname.particle_joined`` in :mod:`coi_graph.match.compare`).
- **Folding**: lower case, diacritics removed, ``ı`` -> ``i``, ``ß`` -> ``ss``, ``ø`` ->
  ``o``; other scripts are kept as they are (consistently on both sides).

>>> n = parse_name("Vries, Jan de")
>>> n.given_names, n.initials, n.tussenvoegsel, n.surnames, n.display
(('jan',), 'j', 'de', ('vries',), 'Jan de Vries')
>>> parse_name("Petra Jansen-de Vries").surnames
('jansen', 'vries')
>>> normalize_org_name("Bouwbedrijf Jansen B.V.") == normalize_org_name("BOUWBEDRIJF JANSEN")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import NamedTuple

from ..links import is_missing

__all__ = [
    "PersonName",
    "parse_name",
    "surname_keys",
    "normalize_org_name",
    "org_cut_words",
    "org_place_names",
    "split_trade_name",
    "fold_text",
    "TUSSENVOEGSELS",
]

#: Words that are a tussenvoegsel on their own (before a core surname).
_STRONG = frozenset(
    """van von vom vd v.d. vander vanden vande de den der des het 't 's te ten ter
    la le les lo los las l' d' du da dal dalla das di del della dei degli do dos zu zum zur
    thoe toe""".split()
)
#: Words that are a tussenvoegsel only before another one (``in 't``, ``op de``, ``uit den``).
_WEAK = frozenset("in op aan bij uit uijt voor onder over tot".split())
#: Arabic and Berber particles (``El Amrani``, ``Ben Haddou``, ``Ait Taleb``): part of the
#: surname in the BRP, not a tussenvoegsel, but often left out (``Al Ahmadi`` / ``Ahmadi``,
#: see :mod:`coi_graph.match.compare`) or, by HR systems that sort on the core surname,
#: written after the given names as a tussenvoegsel is (``Amrani, F. el``).
NAME_ARTICLES = frozenset("el al ben bin ibn abu abou ait ould".split())
#: Every word that can be (part of) a tussenvoegsel.
TUSSENVOEGSELS: frozenset[str] = _STRONG | _WEAK

#: Name particles that belong to the surname (not a tussenvoegsel).  ``al``, ``ben``, ``bin``
#: only count after a given name (``Ben`` is also a Dutch given name).
_GLUE_ANYWHERE = frozenset("el ibn abu abou ait ould".split())
_GLUE_AFTER_GIVEN = frozenset("al ben bin".split())

#: Titles before a name; the ambiguous short ones need a dot or lower/title case (``MW`` in
#: ``MW de Vries`` is read as the initials M.W.).
_PREFIX_TITLES = frozenset(
    """dhr heer hr mevr mevrouw mw mej mejuffrouw mr dr drs ir ing prof ds bc fam familie
    wijlen jhr jkvr jonkheer jonkvrouw""".split()
)
_SUFFIX_TITLES = frozenset("msc bsc mba phd llm jr sr ra bc".split())
#: ``jr.`` / ``sr.`` after a name: the son or the father of the same name (kept in
#: :attr:`PersonName.generation`, so a father and son at one address are never merged).
_GENERATION = frozenset({"jr", "sr"})
#: The sex a salutation or title before a name states (``Dhr.``, ``De heer``, ``Mevr.``,
#: ``Mw.``, ``jhr.``, ``jkvr.``): kept in :attr:`PersonName.sex`, so the husband and wife
#: ``Dhr. J. de Vries`` and ``Mevr. J. de Vries`` at one address are never merged.
_SALUTATION_SEX = {"dhr": "m", "heer": "m", "hr": "m", "jhr": "m", "jonkheer": "m",
                   "mevr": "f", "mevrouw": "f", "mw": "f", "mej": "f", "mejuffrouw": "f",
                   "jkvr": "f", "jonkvrouw": "f", "baron": "m", "barones": "f", "graaf": "m",
                   "gravin": "f", "ridder": "m", "burggraaf": "m", "burggravin": "f",
                   "markies": "m", "markiezin": "f", "hertog": "m", "hertogin": "f",
                   "prins": "m", "prinses": "f"}
#: Noble titles (adellijke titels) that the BRP writes between the given names and the
#: surname (``Jan baron van Voorst tot Voorst``) and letters put in front (``graaf J. van
#: Limburg Stirum``): not a given name.  Several are also surnames (``de Graaf``, ``de
#: Ridder``, ``Prins``), so one only counts as a title when no particle stands before it
#: and a name word (not only initials or particles) follows it (:func:`_drop_predicates`).
_NOBLE = frozenset(
    """baron barones graaf gravin ridder burggraaf burggravin markies markiezin hertog
    hertogin prins prinses""".split()
)
#: How the BRP, KvK and HR systems join a married woman's (or a widow's) own surname and
#: her partner's: ``A. Jansen e.v. de Vries`` (echtgenote van), ``A. Jansen wed. de Vries``
#: (weduwe), ``gehuwd met``, ``gescheiden van``.  Read as a hyphen: two surnames of one
#: person, as ``Jansen-de Vries``.  Only between two words (``E.V. Jansen`` has initials).
_MARRIED = re.compile(
    r"(?<=[^\W\d_])\s+(?:e\.\s?v\.?|[eE]\s?/\s?[vV]\.?|(?i:echtgeno(?:te|ot)\s+van|"
    r"(?:weduwe|weduwnaar)(?:\s+van)?|wed\.?|gehuwd\s+met|gescheiden\s+van|gesch\.\s+van))"
    r"\s+(?=[^\W\d_]|')"
)
#: The words of :data:`_MARRIED`: a name with one is left to the full rules.
_MARRIED_WORDS = frozenset("echtgenote echtgenoot weduwe weduwnaar wed gehuwd gescheiden".split())

_VOWELS = frozenset("aeiouy")

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u201b`\u00b4\u02bc\u02b9\u2032"})
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"})
_SPECIAL = str.maketrans(
    {"ı": "i", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
     "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
     "Þ": "TH", "ĳ": "ij", "Ĳ": "IJ"}
)
_PARENS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_VD_SLASH = re.compile(r"(?i)(?<![^\s.,])v\s*/\s*d(?![^\s.,])")
_JUNK = re.compile(r"[^\w\s'\-.,]|[\d_]")
_TOKEN = re.compile(r"-|[^\s.\-]+\.?")


@lru_cache(maxsize=65536)
def fold_text(text: str) -> str:
    """Lower case with diacritics removed, so ``Çelik``, ``ÇELIK`` and ``Celik`` compare equal.

    Letters of other scripts are kept (folded consistently on both sides of a comparison),
    except the Cyrillic and Greek look-alikes of Latin letters in a word that also has
    Latin letters (:data:`_LATIN_LOOKALIKES`, as organization names read them): ``Jоhan
    Bаkker`` typed with a Cyrillic ``о`` and ``а`` looks like ``Johan Bakker`` on screen and
    is that name.  Decided per word (a run of letters), so a name folds to the same words
    whole or word by word (the parser folds its words one at a time, the blocking and the
    name frequencies the whole name); a word wholly in another script (``Петров``) stays.

    >>> fold_text("Çelik Ünal Zoë Hélène Yılmaz Ayşe")
    'celik unal zoe helene yilmaz ayse'
    >>> fold_text("J\u043ehan B\u0430kker"), fold_text("\u041fетров")
    ('johan bakker', 'петров')
    """
    if text.isascii():  # most names: nothing to fold
        return text.lower()
    s = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    if s.isascii() or not _LATIN_LETTER.search(s):
        return s
    return _LETTER_RUN.sub(_latin_word, s)


#: A run of letters (no digits, underscores, spaces or punctuation): a word as
#: :func:`fold_text` decides look-alikes for it.
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _latin_word(m: re.Match[str]) -> str:
    """A folded word with its look-alike letters read as Latin ones when it has Latin
    letters too (``jоhan`` -> ``johan``)."""
    w = m.group()
    if w.isascii() or not _LATIN_LETTER.search(w):
        return w
    return w.translate(_LATIN_LOOKALIKES)


@dataclass(frozen=True)
class PersonName:
    """A person's name taken apart the Dutch way.

    ``given_names`` holds full given names only (initials are in ``initials``);
    ``surnames`` the core surnames (no tussenvoegsels), folded, in written order.
    """

    raw: str
    given_names: tuple[str, ...]
    initials: str
    tussenvoegsel: str
    surnames: tuple[str, ...]
    display: str
    #: ``jr`` or ``sr`` when the name was written with it (``J. Jansen jr.``), else empty
    generation: str = ""
    #: ``m`` or ``f`` when a salutation or title says so (``Dhr.``, ``Mevr.``, ``jkvr.``),
    #: else empty
    sex: str = ""

    @property
    def shown(self) -> str:
        """The name as a reader is shown it (a node's label, a finding's name): the
        :attr:`display` form with the ``jr.``/``sr.`` it was written with (``Huub Zijlstra
        jr.``), which tells the son from the father.  ``display`` itself stays without it:
        it is also what an officer's identity is made of, and ``J. Jansen jr.`` and ``J.
        Jansen`` in one company's extracts stay one officer node as before.

        >>> parse_name("Huub Zijlstra jr.").shown, parse_name("Zijlstra, H., sr.").shown
        ('Huub Zijlstra jr.', 'H. Zijlstra sr.')
        """
        if self.generation and self.display:
            return f"{self.display} {self.generation}."
        return self.display


class _Tok(NamedTuple):
    raw: str      # as written (NFC), without a trailing dot
    fold: str     # folded: lower case letters and apostrophes only
    dotted: bool  # written with a trailing dot (an initial or abbreviation)


_HYPHEN = _Tok("-", "-", False)


def parse_name(raw: object) -> PersonName:
    """Parse a person's name as written in a Dutch source system; never raises.

    >>> n = parse_name("dhr. A.M. van 't Hof")
    >>> n.given_names, n.initials, n.tussenvoegsel, n.surnames, n.display
    ((), 'am', "van 't", ('hof',), "A.M. van 't Hof")
    >>> parse_name("Mohamed El Amrani").surnames
    ('el amrani',)
    >>> parse_name("JAN DE VRIES").display
    'Jan de Vries'
    """
    if not isinstance(raw, str):
        raw = "" if is_missing(raw) else str(raw)
    return _parse(raw)


def surname_keys(name: PersonName) -> tuple[str, ...]:
    """Blocking keys: each core surname without spaces, apostrophes or hyphens.

    Two names can only be one person when they share a key, so a matcher need only compare
    records within a key's block.

    >>> surname_keys(parse_name("Petra Jansen-de Vries"))
    ('jansen', 'vries')
    >>> surname_keys(parse_name("Fatima El-Idrissi")) == surname_keys(parse_name("Fatima el Idrissi"))
    True
    """
    out: list[str] = []
    for s in name.surnames:
        k = _compact(s)
        if k and k not in out:
            out.append(k)
    return tuple(out)


# -- organizations ----------------------------------------------------------------------

#: Legal forms dropped at the end of an organization name.  ``holding`` is kept: a holding
#: is a different legal entity from the operating company of the same name.
_ORG_TRAILING = frozenset(
    """bv nv vof cv ua wa ba io ev eenmanszaak maatschap stichting vereniging bvba cvba vzw
    gmbh ltd limited inc llc plc sa sarl ag srl spa""".split()
)
#: Legal forms dropped at the start (``Stichting X``, ``Fa. X``).  Not ``cv``: ``CV Service``
#: is an installer of central heating, not a limited partnership.
_ORG_LEADING = frozenset("stichting vereniging cooperatie cooperatieve firma fa vof bv".split())
_ORG_ABBREV = {"zn": "zonen", "gebr": "gebroeders", "gebrs": "gebroeders",
               "kon": "koninklijke", "stg": "stichting"}
#: ``van der``, ``van den``, ``van de`` and ``v.d.``: one particle in a company's name
#: (``v.d. Berg Dakwerken``), as registers and invoices write it either way
_ORG_VAN_DER = re.compile(r" (?:van d(?:e[nr]?)?|v d|vd) ")
#: Legal forms written out, read as their abbreviation (then dropped like it).
_ORG_SPELLED_OUT = (
    ("besloten vennootschap met beperkte aansprakelijkheid", "bv"),
    ("besloten vennootschap", "bv"), ("naamloze vennootschap", "nv"),
    ("vennootschap onder firma", "vof"), ("commanditaire vennootschap", "cv"),
    ("uitgesloten aansprakelijkheid", "ua"), ("in oprichting", "io"),
)
_DOTTED_LETTERS = re.compile(r"\b(?:[^\W\d_]\.)+[^\W\d_]\b\.?")
_SPACED_BV_NV = re.compile(r"\b([bn])\s*\.\s*v\b\.?")


#: Cyrillic and Greek letters that look like Latin ones, as :func:`fold_text` leaves them
#: (lower case: ``В`` is ``в``, read as ``b``): a supplier's name typed with one
#: (``Bоuwbedrijf`` with a Cyrillic ``о``) looks the same on screen but fitted no
#: organization, so a gift from it was checked against no decision
_LATIN_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x"})
_LATIN_LETTER = re.compile(r"[a-z]")


def latin_lookalikes(folded: str) -> str:
    """``folded`` (:func:`fold_text`) with Cyrillic and Greek look-alikes of Latin letters
    read as those letters, in a name that also has Latin letters (a name written wholly in
    another script is left as it is).

    >>> latin_lookalikes("b\u043euwbedrijf n\u043eord"), latin_lookalikes("\u0441\u0442\u0440\u043e\u0439")
    ('bouwbedrijf noord', 'строй')
    """
    if folded.isascii() or not _LATIN_LETTER.search(folded):
        return folded
    return folded.translate(_LATIN_LOOKALIKES)


def normalize_org_name(raw: object) -> str:
    """An organization name for comparison: folded, punctuation and legal forms removed.

    ``B.V.``, ``BV``, ``N.V.``, ``V.O.F.``, ``C.V.``, ``U.A.``, ``i.o.`` (in oprichting) and
    foreign forms are dropped at the end; ``Stichting``, ``Vereniging``, ``Coöperatie``,
    ``Fa.``, ``Stg.`` at the start; ``&`` reads as ``en``, ``Zn.`` as ``zonen``, ``Kon.`` as
    ``koninklijke``, and ``van der``, ``van den``, ``van de``, ``v.d.`` as one particle.  A
    name that is only a legal form keeps it.

    >>> normalize_org_name("Bouwbedrijf Jansen B.V.")
    'bouwbedrijf jansen'
    >>> normalize_org_name("Stichting Woonzorg Çelik & Zn.")
    'woonzorg celik en zonen'
    >>> normalize_org_name("CV Service Noord v.o.f.")
    'cv service noord'
    >>> normalize_org_name("v.d. Berg Dakwerken"), normalize_org_name("Van der Berg Dakwerken")
    ('vd berg dakwerken', 'vd berg dakwerken')
    >>> normalize_org_name("Kon. BAM Groep N.V."), normalize_org_name("Stg. Woonzorg Utrecht")
    ('koninklijke bam groep', 'woonzorg utrecht')
    """
    if not isinstance(raw, str):
        raw = "" if is_missing(raw) else str(raw)
    s = latin_lookalikes(fold_text(unicodedata.normalize("NFC", raw).translate(_APOSTROPHES)))
    s = s.replace("&", " en ").replace("+", " en ").replace("'", "")
    s = _SPACED_BV_NV.sub(r" \1v ", s)
    s = _DOTTED_LETTERS.sub(lambda m: " " + re.sub(r"[\s.]", "", m.group(0)) + " ", s)
    s = " " + re.sub(r"[\W_]+", " ", s) + " "
    for long_form, short in _ORG_SPELLED_OUT:  # 'Besloten Vennootschap' -> 'bv'
        s = s.replace(f" {long_form} ", f" {short} ")
    s = _ORG_VAN_DER.sub(" vd ", s)
    tokens = [_ORG_ABBREV.get(t, t) for t in s.split()]
    while len(tokens) > 1 and tokens[-1] in _ORG_TRAILING:
        tokens.pop()
    while len(tokens) > 1 and tokens[0] in _ORG_LEADING:
        tokens.pop(0)
    return " ".join(tokens)


#: ``X h.o.d.n. Y`` (handelend onder de naam): a statutory name, then a trade name.
_ORG_HODN = re.compile(
    r"(?i)\s*,?\s*(?<![^\W_])(?:t\s*\.?\s*)?h\s*[./]?\s*o\s*[./]?\s*d\s*[./]?\s*n\b\.?\s*:?\s*"
    r"|\s*,?\s*\bhandelend(?:e)?\s+onder\s+de\s+na(?:am|men)\b\s*:?\s*")
#: A word cut short with a dot (``Bouwbedr.``, ``Install.``, ``Ing.bureau``): at least three
#: letters, then a dot, maybe the end of the word right after it.
_ORG_CUT_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,})\.([^\W\d_]+)?")


#: The Dutch municipalities (2024, by province; ``Den Haag``, ``Den Bosch`` and ``Zaandam``
#: as well), for a place name added to or left out of an organization's name (``Jansen Bouw
#: Utrecht``).  Only these: a word that is not a place (``Holding``, a family name) is
#: another organization.
_ORG_PLACES_TEXT = """
    Appingedam|Eemsdelta|Groningen|Het Hogeland|Midden-Groningen|Oldambt|Pekela|Stadskanaal|Veendam|Westerkwartier|Westerwolde
    Achtkarspelen|Ameland|Dantumadiel|De Fryske Marren|Harlingen|Heerenveen|Leeuwarden|Noardeast-Fryslân|Ooststellingwerf|Opsterland|Schiermonnikoog|Smallingerland|Súdwest-Fryslân|Terschelling|Tytsjerksteradiel|Vlieland|Waadhoeke|Weststellingwerf
    Aa en Hunze|Assen|Borger-Odoorn|Coevorden|De Wolden|Emmen|Hoogeveen|Meppel|Midden-Drenthe|Noordenveld|Tynaarlo|Westerveld
    Almelo|Borne|Dalfsen|Deventer|Dinkelland|Enschede|Haaksbergen|Hardenberg|Hellendoorn|Hengelo|Hof van Twente|Kampen|Losser|Oldenzaal|Olst-Wijhe|Ommen|Raalte|Rijssen-Holten|Staphorst|Steenwijkerland|Tubbergen|Twenterand|Wierden|Zwartewaterland|Zwolle
    Almere|Dronten|Lelystad|Noordoostpolder|Urk|Zeewolde
    Aalten|Apeldoorn|Arnhem|Barneveld|Berg en Dal|Berkelland|Bronckhorst|Brummen|Buren|Culemborg|Doesburg|Doetinchem|Duiven|Ede|Elburg|Epe|Ermelo|Harderwijk|Hattem|Heerde|Heumen|Lingewaard|Lochem|Maasdriel|Montferland|Neder-Betuwe|Nijkerk|Nijmegen|Nunspeet|Oldebroek|Oost Gelre|Oude IJsselstreek|Overbetuwe|Putten|Renkum|Rheden|Rozendaal|Scherpenzeel|Tiel|Voorst|Wageningen|West Betuwe|West Maas en Waal|Westervoort|Wijchen|Winterswijk|Zaltbommel|Zevenaar|Zutphen
    Amersfoort|Baarn|Bunnik|Bunschoten|De Bilt|De Ronde Venen|Eemnes|Houten|IJsselstein|Leusden|Lopik|Montfoort|Nieuwegein|Oudewater|Renswoude|Rhenen|Soest|Stichtse Vecht|Utrecht|Utrechtse Heuvelrug|Veenendaal|Vijfheerenlanden|Wijk bij Duurstede|Woerden|Woudenberg|Zeist
    Aalsmeer|Alkmaar|Amstelveen|Amsterdam|Bergen|Beverwijk|Blaricum|Bloemendaal|Castricum|Diemen|Dijk en Waard|Drechterland|Edam-Volendam|Enkhuizen|Gooise Meren|Haarlem|Haarlemmermeer|Heemskerk|Heemstede|Heiloo|Den Helder|Hilversum|Hollands Kroon|Hoorn|Huizen|Koggenland|Landsmeer|Laren|Medemblik|Oostzaan|Opmeer|Ouder-Amstel|Purmerend|Schagen|Stede Broec|Texel|Uitgeest|Uithoorn|Velsen|Waterland|Wijdemeren|Wormerland|Zaanstad|Zandvoort|Zaandam
    Alblasserdam|Alphen aan den Rijn|Barendrecht|Bodegraven-Reeuwijk|Capelle aan den IJssel|Delft|Den Haag|'s-Gravenhage|Dordrecht|Goeree-Overflakkee|Gorinchem|Gouda|Hardinxveld-Giessendam|Hendrik-Ido-Ambacht|Hillegom|Hoeksche Waard|Kaag en Braassem|Katwijk|Krimpen aan den IJssel|Krimpenerwaard|Lansingerland|Leiden|Leiderdorp|Leidschendam-Voorburg|Lisse|Maassluis|Midden-Delfland|Molenlanden|Nieuwkoop|Noordwijk|Oegstgeest|Papendrecht|Pijnacker-Nootdorp|Ridderkerk|Rijswijk|Rotterdam|Schiedam|Sliedrecht|Teylingen|Vlaardingen|Voorne aan Zee|Voorschoten|Waddinxveen|Wassenaar|Westland|Zoetermeer|Zoeterwoude|Zuidplas|Zwijndrecht|Albrandswaard|Nissewaard
    Borsele|Goes|Hulst|Kapelle|Middelburg|Noord-Beveland|Reimerswaal|Schouwen-Duiveland|Sluis|Terneuzen|Tholen|Veere|Vlissingen
    Altena|Asten|Baarle-Nassau|Bergeijk|Bergen op Zoom|Bernheze|Best|Bladel|Boekel|Boxtel|Breda|Cranendonck|Deurne|Dongen|Drimmelen|Eersel|Eindhoven|Etten-Leur|Geertruidenberg|Geldrop-Mierlo|Gemert-Bakel|Gilze en Rijen|Goirle|Halderberge|Heeze-Leende|Helmond|'s-Hertogenbosch|Den Bosch|Heusden|Hilvarenbeek|Land van Cuijk|Laarbeek|Loon op Zand|Maashorst|Meierijstad|Moerdijk|Nuenen|Oirschot|Oisterwijk|Oosterhout|Oss|Reusel-De Mierden|Roosendaal|Rucphen|Sint-Michielsgestel|Someren|Son en Breugel|Steenbergen|Tilburg|Valkenswaard|Veldhoven|Vught|Waalre|Waalwijk|Woensdrecht|Zundert
    Beek|Beekdaelen|Beesel|Bergen|Brunssum|Echt-Susteren|Eijsden-Margraten|Gennep|Gulpen-Wittem|Heerlen|Horst aan de Maas|Kerkrade|Landgraaf|Leudal|Maasgouw|Maastricht|Meerssen|Mook en Middelaar|Nederweert|Peel en Maas|Roerdalen|Roermond|Simpelveld|Sittard-Geleen|Stein|Vaals|Valkenburg aan de Geul|Venlo|Venray|Voerendaal|Weert
"""


@lru_cache(maxsize=1)
def org_place_names() -> frozenset[str]:
    """The place names of :data:`_ORG_PLACES_TEXT` as :func:`normalize_org_name` writes
    them (``'s-Hertogenbosch`` -> ``s hertogenbosch``).

    >>> {"utrecht", "wijk bij duurstede", "s hertogenbosch"} <= org_place_names()
    True
    """
    return frozenset(normalize_org_name(p) for line in _ORG_PLACES_TEXT.split("\n")
                     for p in line.split("|") if p.strip())


def split_trade_name(raw: object) -> tuple[str, str | None]:
    """``Jansen Bouw B.V. h.o.d.n. Jansen Renovatie`` -> the statutory name and the trade
    name (``h.o.d.n.``, ``t.h.o.d.n.``, ``h/o/d/n``, ``handelend onder de naam``); a name
    without one -> (name, None).  Each half names the same organization, so the matcher
    tries both.

    >>> split_trade_name("Jansen Bouw B.V. h.o.d.n. Jansen Renovatie")
    ('Jansen Bouw B.V.', 'Jansen Renovatie')
    >>> split_trade_name("Smit Schilders, handelend onder de naam: Kleurrijk")
    ('Smit Schilders', 'Kleurrijk')
    >>> split_trade_name("Hodn Bouw B.V.")
    ('Hodn Bouw B.V.', None)
    """
    text = raw if isinstance(raw, str) else ("" if is_missing(raw) else str(raw))
    parts = _ORG_HODN.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return text.strip(), None


def org_cut_words(raw: object) -> tuple[tuple[str, str], ...]:
    """The words of an organization name cut short with a dot, as (start, end) in the
    folded form :func:`normalize_org_name` gives its words: ``Bouwbedr.`` -> ('bouwbedr',
    ''), ``Ing.bureau`` -> ('ing', 'bureau').  Abbreviations the normalisation already
    reads (``Gebr.``, ``Zn.``, ``Kon.``, ``Stg.``) and legal forms are not included.  Only
    a word written with a dot is taken as cut short: ``Smit`` is not ``Smits`` cut short.

    >>> org_cut_words("Install. Jansen B.V."), org_cut_words("Ing.bureau De Wit")
    ((('install', ''),), (('ing', 'bureau'),))
    >>> org_cut_words("Gebr. Jansen & Zn.")
    ()
    """
    if not isinstance(raw, str) or "." not in raw:
        return ()
    s = fold_text(unicodedata.normalize("NFC", raw))
    out = []
    for m in _ORG_CUT_WORD.finditer(s):
        start, end = m.group(1), m.group(2) or ""
        if start in _ORG_ABBREV or start in _ORG_TRAILING or start in _ORG_LEADING:
            continue
        out.append((start, end))
    return tuple(out)


# -- internals --------------------------------------------------------------------------


def _compact(s: str) -> str:
    return s.replace(" ", "").replace("'", "").replace("-", "").replace(".", "")


@lru_cache(maxsize=65536)
def _fold_token(raw: str) -> str:
    f = fold_text(raw)
    if f.isalpha():
        return f
    return "".join(c for c in f if c.isalpha() or c == "'")


def _recase(raw: str) -> str:
    """``JANSEN``/``jansen`` -> ``Jansen``; a deliberately mixed-case word (``McDonald``) stays."""
    if raw.isupper() or raw.islower():
        return raw[:1].upper() + raw[1:].lower()
    return raw


def _split_apostrophe(raw: str) -> list[str]:
    """``van't`` -> ``van``, ``'t``; ``D'Souza`` -> ``D'``, ``Souza``; ``O'Brien`` stays."""
    if "'" not in raw:
        return [raw]
    low = raw.lower()
    if low in ("'t", "'s", "d'", "l'"):
        return [raw]
    stripped = raw.strip("'")
    if "'" not in stripped:
        return [stripped] if stripped else []
    lead = raw[: len(raw) - len(raw.lstrip("'"))]
    if lead:  # "'Jan" -> "Jan"
        return _split_apostrophe(raw.lstrip("'"))
    raw = raw.rstrip("'") if not low.endswith(("d'", "l'")) else raw
    low = raw.lower()
    head, _, tail = low.partition("'")
    if head in ("d", "l") and tail:
        return [raw[:2], raw[2:]]
    if tail in ("t", "s") and fold_text(head) in TUSSENVOEGSELS:
        return [raw[: len(head)], raw[len(head):]]
    return [raw]


def _tokens(part: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(part):
        text = m.group(0)
        if text == "-":
            if out and out[-1] is not _HYPHEN:
                out.append(_HYPHEN)
            continue
        dotted = text.endswith(".")
        pieces = _split_apostrophe(text.rstrip("."))
        for i, piece in enumerate(pieces):
            fold = _fold_token(piece)
            if not any(c.isalpha() for c in fold):
                continue
            out.append(_Tok(piece, fold, dotted and i == len(pieces) - 1))
    while out and out[-1] is _HYPHEN:
        out.pop()
    while out and out[0] is _HYPHEN:
        out.pop(0)
    return _merge_vd(out)


def _merge_vd(toks: list[_Tok]) -> list[_Tok]:
    """Lower-case ``v.d.``/``vd`` (also ``v/d``, and ``V.d.`` as a form capitalises it)
    before a surname abbreviates ``van der/den``; upper-case ``V.D.`` stays initials.  A
    ``t`` written without its apostrophe after a particle (``van t Hof``, ``IN T VELD``)
    is the article ``'t``."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (t.fold == "t" and not t.dotted and out and out[-1] is not _HYPHEN
                and out[-1].fold in TUSSENVOEGSELS and i + 1 < len(toks)
                and toks[i + 1] is not _HYPHEN):
            out.append(_Tok("'" + t.raw, "'t", False))
            i += 1
            continue
        if (t.raw in ("v", "V") and t.dotted and i + 1 < len(toks) and toks[i + 1].raw == "d"
                and (i + 2 == len(toks) or toks[i + 2] is not _HYPHEN)):
            out.append(_Tok("v.d.", "v.d.", False))
            i += 2
            continue
        if t.raw == "vd" and (i + 1 == len(toks) or toks[i + 1] is not _HYPHEN):
            out.append(_Tok("v.d.", "v.d.", False))
            i += 1
            continue
        out.append(t)
        i += 1
    return out


def _is_title(toks: list[_Tok], i: int, all_upper: bool, prefix: bool) -> bool:
    t = toks[i]
    if t is _HYPHEN:
        return False
    word = t.fold.replace("'", "")
    if prefix:
        if word not in _PREFIX_TITLES:
            return word == "de" and i + 1 < len(toks) and toks[i + 1].fold == "heer"
        if t.dotted or len(word) > 2 and word != "ing":
            return True
        if word == "ing":
            return False
        if not t.raw.isupper():
            return True
        return all_upper and len(toks) - i > 2
    return word in _SUFFIX_TITLES


def _strip_titles(toks: list[_Tok], all_upper: bool, keep: int,
                  generation: list[str] | None = None,
                  sex: list[str] | None = None, given: bool = False) -> list[_Tok]:
    """The tokens without titles before and after the name; a ``jr.``/``sr.`` taken off
    the end is added to ``generation`` (not ``JR`` in a mixed-case name: the initials of
    ``Jansen JR``), the sex a salutation or noble title states to ``sex``.  ``given``:
    the part after the comma of a comma form (only given names and particles)."""
    i = 0
    while i < len(toks) - 1 and _is_title(toks, i, all_upper, prefix=True):
        if sex is not None and toks[i].fold in _SALUTATION_SEX:
            sex.append(_SALUTATION_SEX[toks[i].fold])
        i += 1
    toks = toks[i:]
    while len(toks) > keep and _is_title(toks, len(toks) - 1, all_upper, prefix=False):
        t = toks[-1]
        if generation is not None and t.fold in _GENERATION and (
                t.dotted or all_upper or not t.raw.isupper()):
            generation.append(t.fold)
        toks = toks[:-1]
    return _drop_predicates(toks, all_upper, sex, given)


def _drop_predicates(toks: list[_Tok], all_upper: bool, sex: list[str] | None = None,
                     given: bool = False) -> list[_Tok]:
    """Without the noble titles (:data:`_NOBLE`) of a name: ``Jan baron van Voorst tot
    Voorst``, ``graaf J. van Limburg Stirum``, ``Limburg Stirum, Anna gravin van``.  A title
    word counts as one when no particle or hyphen stands before it and a name word follows
    (``Jan de Graaf``, ``Graaf J.P.``, ``Graaf de, Jan`` keep their surname); in the given
    names after a comma (``given``) one counts as a title beside any other word."""
    if _NOBLE.isdisjoint(t.fold for t in toks):
        return toks
    out: list[_Tok] = []
    for i, t in enumerate(toks):
        if _is_predicate(toks, i, all_upper, given):
            if sex is not None:
                sex.append(_SALUTATION_SEX[t.fold])
            continue
        out.append(t)
    return out


def _is_predicate(toks: list[_Tok], i: int, all_upper: bool, given: bool) -> bool:
    """Whether ``toks[i]`` is a noble title (see :func:`_drop_predicates`)."""
    t = toks[i]
    if t is _HYPHEN or t.fold not in _NOBLE or t.dotted:
        return False
    if given:  # after a comma: never the surname
        return any(u is not _HYPHEN and u.fold not in _NOBLE and u.fold not in TUSSENVOEGSELS
                   for u in toks)
    if i + 1 == len(toks) or toks[i + 1] is _HYPHEN:
        return False
    if i and (toks[i - 1] is _HYPHEN or toks[i - 1].fold in TUSSENVOEGSELS):
        return False  # 'de Graaf', 'Jansen-Prins'
    rest = toks[i + 1:]
    if not any(u is not _HYPHEN and u.fold not in TUSSENVOEGSELS
               and not _is_initial(u, all_upper) for u in rest):
        return False  # 'Graaf J.P.': the surname before initials
    # written in lower case as a title is (in a name that has capitals), or before a
    # particle ('Baron J. van Voorst'); not 'Prins Jan' (the surname written first)
    return (t.raw.islower() and any(not u.raw.islower() for u in toks if u is not _HYPHEN)
            or any(_is_particle(rest, k) for k in range(len(rest) - 1)))


def _only_titles(toks: list[_Tok]) -> bool:
    return all(
        t is not _HYPHEN and t.fold.replace("'", "") in (_PREFIX_TITLES | _SUFFIX_TITLES)
        for t in toks
    )


def _is_initial(t: _Tok, all_upper: bool) -> bool:
    if t is _HYPHEN:
        return False
    f = t.fold
    if "'" in f:  # 't, 's, d' are tussenvoegsels, O'Brien a name
        return False
    if t.dotted:
        return len(f) <= 3
    if len(f) == 1:
        return True
    if len(f) <= 4 and not (_VOWELS & set(f)):
        return True
    if all_upper:
        return len(f) == 2
    return 2 <= len(f) <= 3 and t.raw.isupper()  # 'AM de Vries'; 'ANNA de Vries' is a name


def _typed_as_a_word(t: _Tok, all_upper: bool) -> bool:
    """A word without vowels written as a word (``Smts``, ``Bkkr``: a surname with its vowels
    mistyped), which as the last word of a name written given names first is the surname,
    not three or four initials; ``JP``, ``Jp`` and ``J.P.`` stay initials."""
    return (not all_upper and t is not _HYPHEN and not t.dotted and len(t.fold) >= 3
            and t.raw[:1].isupper() and t.raw[1:].islower())


def _initial_letters(t: _Tok) -> str:
    """``A.`` -> ``a``; ``Th.`` -> ``t``; ``IJ.`` -> ``i``; ``AM`` -> ``am``; ``JPM.`` -> ``jpm``."""
    f = t.fold.replace("'", "")
    if t.dotted and (not t.raw.isupper() or f == "ij"):  # 'IJ.' is the initial of IJsbrand
        return f[:1]
    return f


def _is_particle(toks: list[_Tok], i: int) -> bool:
    """Whether ``toks[i]`` starts or continues a tussenvoegsel at this position."""
    t = toks[i]
    if t is _HYPHEN or (t.dotted and t.fold != "v.d."):
        return False
    if t.fold in _STRONG:
        return True
    if t.fold in _WEAK:
        return i + 1 < len(toks) and toks[i + 1] is not _HYPHEN and (
            toks[i + 1].fold in TUSSENVOEGSELS
        )
    return False


def _particle_run_end(toks: list[_Tok], i: int) -> int:
    j = i
    while j < len(toks) and _is_particle(toks, j):
        j += 1
    return j


def _is_glue(toks: list[_Tok], i: int) -> bool:
    t = toks[i]
    if t is _HYPHEN or t.dotted:
        return False
    if t.fold in _GLUE_ANYWHERE:
        return True
    return i > 0 and t.fold in _GLUE_AFTER_GIVEN


def _surname_start(toks: list[_Tok], all_upper: bool) -> int:
    """Index where the surname begins in a name written given names first."""
    n = len(toks)
    start = -1
    for i in range(n):
        if _is_particle(toks, i):
            j = _particle_run_end(toks, i)
            if j < n and toks[j] is not _HYPHEN:
                start = i
                break
    if start < 0:
        last = n - 1
        if last < 0 or (_is_initial(toks[last], all_upper) and (n > 1 or toks[last].dotted)
                        and not _typed_as_a_word(toks[last], all_upper)):
            return n  # only given names / initials
        start = last
    while True:  # extend left over name particles (El Amrani) and hyphens (Jansen-de Vries)
        if start >= 1 and toks[start - 1] is not _HYPHEN and _is_glue(toks, start - 1) and (
            start >= 2 or toks[start - 1].fold in _GLUE_ANYWHERE
        ):
            start -= 1
        elif (start >= 2 and toks[start - 1] is _HYPHEN and toks[start - 2] is not _HYPHEN
              and not _is_initial(toks[start - 2], all_upper)):
            start -= 2
        elif _double_surname_after_initials(toks, start, all_upper):
            start -= 1  # 'J. Jansen-Smit van Dam': Smit, then the hyphen (above)
        else:
            return start


def _double_surname_after_initials(toks: list[_Tok], start: int, all_upper: bool) -> bool:
    """Whether the word before the surname at ``start`` ends a hyphenated group that
    follows initials only (``J. Jansen-Smit van Dam``, ``A.M. de Boer-Bakker van Leeuwen``):
    a register writes initials and then the whole surname, here a married name of
    ``Jansen`` and ``Smit van Dam``, never a double given name between the two (``Anne-Marie
    van Dam``, without initials, keeps its given name)."""
    if start < 3 or toks[start - 1] is _HYPHEN or toks[start - 2] is not _HYPHEN \
            or _is_initial(toks[start - 1], all_upper):
        return False
    k = start - 1
    while k >= 2 and toks[k - 1] is _HYPHEN and toks[k - 2] is not _HYPHEN \
            and not _is_initial(toks[k - 2], all_upper):
        k -= 2  # the first word of the hyphenated group
    return k >= 1 and all(t is not _HYPHEN and _is_initial(t, all_upper) for t in toks[:k])


class _Surname(NamedTuple):
    particles: list[str]   # tussenvoegsel words (folded) of the first segment that has any
    cores: list[str]       # core surnames (folded, space-separated words)
    display: str


def _parse_surname(toks: list[_Tok]) -> _Surname:
    """Split a surname part into hyphen segments, tussenvoegsels and core surnames.

    A segment of particles only (``'s-Gravesande``, ``El-Amrani``) joins the next one.
    """
    segments: list[list[_Tok]] = [[]]
    for t in toks:
        if t is _HYPHEN:
            segments.append([])
        else:
            segments[-1].append(t)
    segments = [seg for seg in segments if seg]
    particles: list[str] = []
    cores: list[str] = []
    shown: list[str] = []
    carry: list[_Tok] = []
    carry_shown = ""
    for si, own in enumerate(segments):
        seg = carry + own
        flags = [_is_particle(seg, i) for i in range(len(seg))]
        last = si == len(segments) - 1
        if not last and all(f or _glue_word(t) for t, f in zip(seg, flags)):
            carry = seg
            carry_shown = carry_shown + _show_segment(own, flags[len(seg) - len(own):]) + "-"
            continue
        if all(flags):  # a surname of particle words only ('Over', 'Ter'): keep the last
            flags[-1] = False
        seg_particles = [t.fold for t, f in zip(seg, flags) if f]
        if seg_particles and not particles:
            particles = seg_particles
        i = 0
        while i < len(seg):
            if flags[i]:
                i += 1
                continue
            word = [seg[i].fold]
            while _glue_word(seg[i]) and i + 1 < len(seg) and not flags[i + 1]:
                i += 1
                word.append(seg[i].fold)
            w = " ".join(word)
            if w not in cores:
                cores.append(w)
            i += 1
        own_flags = flags[len(seg) - len(own):]
        if carry:
            shown.append(carry_shown + _show_segment(own, own_flags))
        else:
            shown.append(_show_segment(own, own_flags))
        carry, carry_shown = [], ""
    return _Surname(particles, cores, "-".join(shown))


def _glue_word(t: _Tok) -> bool:
    return t is not _HYPHEN and not t.dotted and t.fold in (_GLUE_ANYWHERE | _GLUE_AFTER_GIVEN)


def _show_segment(seg: list[_Tok], flags: list[bool]) -> str:
    """Display text: particles lower case, core words recased; a trailing tussenvoegsel
    (``Vries de`` from a comma form) moves to the front."""
    k = len(seg)
    while k > 0 and flags[k - 1]:
        k -= 1
    order = list(range(k, len(seg))) + list(range(k)) if 0 < k < len(seg) else range(len(seg))
    out = ""
    for i in order:
        t = seg[i]
        word = (t.raw if t.raw.endswith("'") else t.raw.lower()) if flags[i] else _recase(t.raw)
        out += word if not out or out.endswith("'") and flags[i - 1 if i else 0] else " " + word
    return out.strip()


def _parse_given(toks: list[_Tok], all_upper: bool) -> tuple[list[str], str, str]:
    """Given names, initials and their display text."""
    units: list[list[_Tok]] = []
    joined = False
    for t in toks:
        if t is _HYPHEN:
            joined = True
            continue
        if joined and units:
            units[-1].append(t)
        else:
            units.append([t])
        joined = False
    names: list[str] = []
    initials = ""
    shown: list[str] = []
    for unit in units:
        if all(_is_initial(t, all_upper) for t in unit):
            letters = "".join(_initial_letters(t) for t in unit)
            initials += letters
            text = "".join(c.upper() + "." for c in letters)
            if shown and shown[-1].endswith("."):
                shown[-1] += text
            else:
                shown.append(text)
        else:
            words = [t.fold.replace("'", "") for t in unit]
            words = [w for w in words if w]
            if not words:
                continue
            names.append("-".join(words))
            initials += "".join(w[0] for w in words)
            shown.append("-".join(_recase(t.raw) for t in unit))
    return names, initials, " ".join(shown)


def _trailing_initials(toks: list[_Tok], all_upper: bool = False) -> int:
    """Start of trailing initials in a surname-first name (``Jansen J.P.``, and in a
    mixed-case name ``Jansen JP``), else len."""
    k = len(toks)
    while k > 0 and toks[k - 1] is not _HYPHEN and (
        (toks[k - 1].dotted and len(toks[k - 1].fold) <= 3)
        or (len(toks[k - 1].fold) == 1 and toks[k - 1].raw.isupper())
        or (not all_upper and 2 <= len(toks[k - 1].fold) <= 3 and toks[k - 1].raw.isalpha()
            and toks[k - 1].raw.isupper() and k == len(toks))
    ):
        k -= 1
    if 0 < k < len(toks) and any(
        t is not _HYPHEN and not _is_particle(toks, i) and not t.dotted
        for i, t in enumerate(toks[:k])
    ):
        return k
    return len(toks)


# -- the common shapes, without the full rules ---------------------------------------------
#
# Most names in an HR export, a KvK extract or an allocation system have one of a few
# shapes: ``Petra de Vries``, ``Jan Pieter Jansen-de Groot``, ``A.B. van den Berg``,
# ``Vries, Jan de``, ``Jansen-Smit, A.M.``.  :func:`_parse_common` takes those apart in a
# few microseconds (the full rules take some 100); it returns exactly what
# :func:`_parse_full` returns, and None for any name it is not sure of, which then goes
# through the full rules.  ``tests/test_normalize_names.py`` compares the two on every name
# of the demo, on a hostile list and on generated names.

#: Words the full rules treat specially as a name word: particles, titles, name particles.
_NOT_PLAIN = (TUSSENVOEGSELS | _GLUE_ANYWHERE | _GLUE_AFTER_GIVEN | _PREFIX_TITLES
              | _SUFFIX_TITLES | _MARRIED_WORDS | frozenset({"heer"}))
#: Particles as the common path takes them: lower case, written as a word of their own (not
#: ``vd``, which the full rules read as ``v.d.``; no dotted or glued ``d'``/``l'``).
_COMMON_PARTICLES = frozenset(w for w in TUSSENVOEGSELS if w.isalpha() and w != "vd") | {
    "'t", "'s"}
#: A word of initials as the common path takes them: ``A.``, ``A.B.``, ``G.J.S.``.
_INITIALS_WORD = re.compile(r"(?:[A-Z]\.)+")
_NAME, _PARTICLE, _INITIAL, _JOIN = 0, 1, 2, 3  # token kinds; _JOIN is a hyphen


def _plain_word(w: str) -> bool:
    """A folded word the full rules read as a name word: no particle, title or name
    particle, and not what they read as initials (up to four letters without a vowel)."""
    return w not in _NOT_PLAIN and (len(w) > 4 or not _VOWELS.isdisjoint(w))


@lru_cache(maxsize=65536)
def _common_piece(piece: str) -> tuple[int, str] | None:
    """(kind, fold) of a word between spaces and hyphens: a particle as written, or a name
    word written ``Capitalised`` in Latin letters whose fold is plain ASCII letters and a
    plain word (:func:`_plain_word`); None for anything else."""
    if piece in _COMMON_PARTICLES:
        return _PARTICLE, piece
    if (len(piece) < 2 or not piece.isalpha() or not piece[0].isupper()
            or not piece[1:].islower() or max(piece) >= "\u0250"):
        return None
    fold = _fold_token(piece)
    if not (fold.isascii() and fold.isalpha() and _plain_word(fold)) or _recase(piece) != piece:
        return None
    return _NAME, fold


def _common_tokens(text: str) -> list[tuple[int, str, str]] | None:
    """(kind, as written, fold) per token of a text of single-space-separated words, as
    :func:`_tokens` would cut it; None when a word is not of the common shapes."""
    out: list[tuple[int, str, str]] = []
    for word in text.split(" "):
        if not word:
            return None
        if word[-1] == ".":
            if _INITIALS_WORD.fullmatch(word) is None:
                return None
            out.extend((_INITIAL, c, c.lower()) for c in word[::2])
            continue
        for k, piece in enumerate(word.split("-")):
            got = _common_piece(piece)
            if got is None:
                return None
            if k:
                out.append((_JOIN, "-", "-"))
            out.append((got[0], piece, got[1]))
    return out


def _particles_lead(toks: list[tuple[int, str, str]]) -> bool:
    """Every particle is followed by a particle or a name word, a weak one (``op``, ``in``)
    by a particle: then the full rules read each as a tussenvoegsel (:func:`_is_particle`)
    and each run of them as leading a core surname."""
    last = len(toks) - 1
    for i, (kind, _, fold) in enumerate(toks):
        if kind == _PARTICLE:
            if i == last:
                return False
            nxt = toks[i + 1][0]
            if nxt != _PARTICLE and (nxt != _NAME or fold in _WEAK):
                return False
    return True


def _common_surname(toks: list[tuple[int, str, str]]
                    ) -> tuple[list[str], list[str], str] | None:
    """What :func:`_parse_surname` gives a surname of hyphen segments of particles and name
    words, each ending in a name word (particles, cores, display)."""
    particles: list[str] = []
    cores: list[str] = []
    shown: list[str] = []
    seg_particles: list[str] = []
    words: list[str] = []
    for kind, raw, fold in toks + [(_JOIN, "-", "-")]:
        if kind == _JOIN:
            if seg_particles and not particles:
                particles = seg_particles
            shown.append(" ".join(words))
            seg_particles, words = [], []
            continue
        if kind == _INITIAL:
            return None
        words.append(raw)
        if kind == _PARTICLE:
            seg_particles.append(fold)
        elif fold not in cores:
            cores.append(fold)
    return particles, cores, "-".join(shown)


def _common_given(toks: list[tuple[int, str, str]]) -> tuple[tuple[str, ...], str, str] | None:
    """What :func:`_parse_given` gives given names (``Jan Pieter``, ``Anne-Marie``) or
    initials (``A.B.``); None for a mix of the two or for a particle among them."""
    kinds = {t[0] for t in toks}
    if kinds == {_INITIAL}:
        letters = "".join(t[2] for t in toks)
        return (), letters, "".join(c.upper() + "." for c in letters)
    if _INITIAL in kinds or _PARTICLE in kinds or toks[-1][0] == _JOIN or any(
            t[2] in _NOBLE for t in toks):
        return None  # (a noble title among given names: the full rules drop it)
    names: list[str] = []
    shown: list[str] = []
    folds: list[str] = []
    raws: list[str] = []
    joined = False
    for kind, raw, fold in toks:
        if kind == _JOIN:
            joined = True
            continue
        if not joined and folds:  # a new unit: 'Jan Pieter' is two, 'Anne-Marie' one
            names.append("-".join(folds))
            shown.append("-".join(raws))
            folds, raws = [], []
        folds.append(fold)
        raws.append(raw)
        joined = False
    names.append("-".join(folds))
    shown.append("-".join(raws))
    initials = "".join(t[2][0] for t in toks if t[0] == _NAME)
    return tuple(names), initials, " ".join(shown)


def _parse_common(raw: str) -> PersonName | None:
    """A name of the common shapes (see above) parsed as :func:`_parse_full` parses it;
    None for any other name."""
    if not raw.isascii() and not unicodedata.is_normalized("NFC", raw) or raw == raw.upper():
        return None  # not NFC, or no lower case letter (the full rules read capitals apart)
    head, comma, tail = raw.partition(", ")
    if comma:  # 'Vries, Jan de', 'Jansen-de Vries, Petra', 'Berg, A.B. van den'
        if "," in head or "," in tail:
            return None
        sur_toks, given_toks = _common_tokens(head), _common_tokens(tail)
        if sur_toks is None or given_toks is None or not _particles_lead(sur_toks):
            return None
        r = len(given_toks)
        while r and given_toks[r - 1][0] == _PARTICLE:
            r -= 1
        extra = [t[2] for t in given_toks[r:]]
        given_toks = given_toks[:r]
        weak = 0  # the trailing particles: weak ones first, then at least one strong one
        while weak < len(extra) and extra[weak] in _WEAK:
            weak += 1
        if extra and (weak == len(extra) or any(w in _WEAK for w in extra[weak:])):
            return None
    elif "," in raw:
        return None
    else:  # 'Petra de Vries', 'Jan Pieter Jansen-de Groot', 'A.B. van den Berg'
        toks = _common_tokens(raw)
        if toks is None or toks[-1][0] != _NAME or not _particles_lead(toks):
            return None
        start = next((i for i, t in enumerate(toks) if t[0] == _PARTICLE), len(toks) - 1)
        while start >= 2 and toks[start - 1][0] == _JOIN:  # 'Jansen-de Vries' is one surname
            start -= 2
        given_toks, sur_toks, extra = toks[:start], toks[start:], []
    if not given_toks:
        return None
    sur = _common_surname(sur_toks)
    given = _common_given(given_toks)
    if sur is None or given is None:
        return None
    sur_particles, cores, sur_shown = sur
    names, initials, given_shown = given
    particles = sur_particles or extra
    tv = " ".join(particles)
    if not sur_particles and extra:
        sur_shown = tv + " " + sur_shown
    return PersonName(raw=raw, given_names=names, initials=initials, tussenvoegsel=tv,
                      surnames=tuple(cores), display=given_shown + " " + sur_shown)


@lru_cache(maxsize=65536)
def _plain_word_kind(word: str) -> tuple[int, str] | None:
    """(kind, fold) of a word between single spaces as :func:`_common_tokens` reads it,
    for the words :func:`_parse_plain` takes: a name word (``_NAME``, its fold), a particle
    as written (``_PARTICLE``), a word of initials (``_INITIAL``, its letters in lower
    case: ``A.B.`` -> ``ab``); None for anything else (a hyphen among them)."""
    if word[-1] == ".":
        return None if _INITIALS_WORD.fullmatch(word) is None else (_INITIAL, word[::2].lower())
    if "-" in word:
        return None
    return _common_piece(word)


def _plain_name(raw: str, given_names: tuple[str, ...], initials: str, tussenvoegsel: str,
                surnames: tuple[str, ...], display: str) -> PersonName:
    """``PersonName(raw, given_names, initials, tussenvoegsel, surnames, display)`` (no
    generation, no sex) without the frozen dataclass's ``__init__``: its instance dict
    filled by one ``update`` with the same fields in the same order, instead of an
    ``object.__setattr__`` per field (1.35 -> 0.65 us; :func:`_parse_plain` makes one per
    distinct name, some 40,000 in a large corporation's scan).  The same object to every
    reader: equal, hashing alike, the same ``repr``.  ``PersonName`` is checked once, at
    import, to be a plain frozen dataclass with these fields in this order
    (:data:`_PLAIN_NAME_OK`); otherwise its ``__init__`` is called."""
    if not _PLAIN_NAME_OK:
        return PersonName(raw, given_names, initials, tussenvoegsel, surnames, display)
    p = _new_name(PersonName)
    p.__dict__.update(raw=raw, given_names=given_names, initials=initials,
                      tussenvoegsel=tussenvoegsel, surnames=surnames, display=display,
                      generation="", sex="")
    return p


_new_name = object.__new__
#: Whether :func:`_plain_name` may fill a ``PersonName``'s dict itself: its fields are
#: these, in this order, the last two defaulting to ``""``, with no ``__post_init__`` or
#: slots and the ``__init__`` dataclasses wrote (compiled from text: file ``<string>``).
_PLAIN_NAME_OK = (
    [f.name for f in fields(PersonName)] == ["raw", "given_names", "initials",
                                              "tussenvoegsel", "surnames", "display",
                                              "generation", "sex"]
    and [f.default for f in fields(PersonName)[6:]] == ["", ""]
    and not hasattr(PersonName, "__post_init__") and not hasattr(PersonName, "__slots__")
    and getattr(getattr(PersonName.__init__, "__code__", None), "co_filename", "") == "<string>")


def _parse_plain(raw: str) -> PersonName | None:
    """The commonest shapes of :func:`_parse_common`, in a few steps: ``Given [Given ...]
    [particles] Surname``, ``A.B. [particles] Surname`` and ``Surname, Given [Given ...]
    [particles]`` (or ``Surname, A.B. [particles]``), words of one kind each
    (:func:`_plain_word_kind`), one surname word, no hyphen.  It gives exactly what
    :func:`_parse_common` (and so :func:`_parse_full`) gives, and None for every other
    name.  On the large demo 88-95% of the distinct names of each table take it, in less
    than half the time :func:`_parse_common` takes for them (0.24 s against 0.54 s CPU for
    45,000 names).  ``tests/test_normalize_names.py`` compares it with both."""
    if not raw.isascii() and not unicodedata.is_normalized("NFC", raw) or raw == raw.upper():
        return None  # as _parse_common: not NFC, or no lower case letter
    head, comma, tail = raw.partition(", ")
    if comma:  # 'Vries, Jan de', 'Jansen, A.B.'
        if "," in tail or "," in head or " " in head:
            return None
        sur = _plain_word_kind(head) if head else None
        if sur is None or sur[0] != _NAME:
            return None
        words = tail.split(" ")
        r = len(words)
        while r and words[r - 1] in _COMMON_PARTICLES:
            r -= 1
        if not r:
            return None
        extra = words[r:]
        weak = 0  # the trailing particles: weak ones first, then at least one strong one
        while weak < len(extra) and extra[weak] in _WEAK:
            weak += 1
        if extra and (weak == len(extra) or any(w in _WEAK for w in extra[weak:])):
            return None
        surname, given = head, words[:r]
        tv = " ".join(extra)
        sur_shown = f"{tv} {head}" if extra else head
    elif "," in raw:
        return None
    else:  # 'Petra de Vries', 'Jan Pieter Jansen', 'A.B. van den Berg'
        words = raw.split(" ")
        surname = words[-1]
        sur = _plain_word_kind(surname) if surname else None
        if sur is None or sur[0] != _NAME:
            return None
        r = len(words) - 1
        while r and words[r - 1] in _COMMON_PARTICLES:
            r -= 1
        if not r or words[-2] in _WEAK:  # a weak particle before the surname: not one
            return None
        given = words[:r]
        if r == len(words) - 1:  # no particles
            tv, sur_shown = "", surname
        else:
            tv = " ".join(words[r:-1])
            sur_shown = " ".join(words[r:])
    first = -1
    folds: list[str] = []
    for w in given:  # one kind throughout: given names, or initials
        kind = _plain_word_kind(w) if w else None
        if kind is None or kind[0] != first and first != -1 or kind[1] in _NOBLE:
            return None  # not a plain word, a mix of given names and initials, or a title
        first = kind[0]
        folds.append(kind[1])
    if first == _NAME:
        names = tuple(folds)
        initials = "".join([n[0] for n in folds])
        given_shown = " ".join(given)
    elif first == _INITIAL:
        names = ()
        initials = "".join(folds)
        given_shown = "".join(given)  # 'A. B.' shows as 'A.B.'
    else:
        return None  # a particle among the given names
    return _plain_name(raw, names, initials, tv, (sur[1],), given_shown + " " + sur_shown)


_BRACKETED_WORD = re.compile(r"\(\s*([^\W\d_](?:[^\W\d_]|['\- ])*[^\W\d_])\s*\)")


def _call_name_in_brackets(raw: str, initials: str) -> tuple[str, str] | None:
    """The call name (roepnaam) that Dutch HR systems write in brackets after the initials
    (``Jansen, J.P. (Jan)``, ``J.P. (Jan) Jansen``, and in capitals as a KvK extract writes
    it, ``DE HEER J. (JAN) VAN DEN BERG``, ``J. (JO) BAKKER``): folded and as shown, when it
    is one word (or two joined by a hyphen) that starts with the first initial
    (:func:`_initials_in_brackets`: not initials); None otherwise (other bracketed text, such as
    ``(overleden)`` or ``(2)``, stays ignored)."""
    found = _BRACKETED_WORD.findall(unicodedata.normalize("NFC", raw))
    if len(found) != 1:
        return None
    toks = [t for t in _tokens(found[0]) if t is not _HYPHEN]  # 'Anne-Marie': one name
    if not 1 <= len(toks) <= 2 or any(map(_initials_in_brackets, toks)):
        return None
    fold = "-".join(t.fold.replace("'", "") for t in toks)
    if len(fold) < 2 or fold[0] != initials[0] or fold == initials:
        return None  # ('J.O. (JO)': the initials written again, not a call name)
    return fold, "-".join(_recase(t.raw) for t in toks)


def _initials_in_brackets(t: _Tok) -> bool:
    """Whether a word in brackets after the initials is initials, not the call name: written
    with a dot, one letter, or no vowels (``(JP)``).  Not a short word in capitals, as
    elsewhere in a name (:func:`_is_initial`): in brackets after the initials stands the call
    name, and HR systems and KvK extracts write it in capitals (``J. (JO) BAKKER``, ``A.
    (AD) DE BOER``), where read as initials it would fit any name of that letter (``Jan``, a
    twin brother of ``Jo``)."""
    f = t.fold
    return t.dotted or len(f) == 1 or (len(f) <= 4 and not (_VOWELS & set(f)))


@lru_cache(maxsize=200_000)
def _parse(raw: str) -> PersonName:
    # (the Vietnamese reading first: 'Tran Thi Hoa' is of the plain shape, read wrong there)
    return (_parse_vietnamese(raw) or _parse_plain(raw) or _parse_common(raw)
            or _parse_full(raw))


#: Vietnamese family names that most Vietnamese carry (some four in ten are Nguyen); the
#: only ones :func:`_parse_vietnamese` reads a name around.
_VIET_FAMILY = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly".split())
#: The Vietnamese middle names that say a man (``Văn``) or a woman (``Thị``): not a given
#: name of the person's own (half the people carry one of them), and ``Van`` not the Dutch
#: particle ``van``.
_VIET_MIDDLE = {"van": "m", "thi": "f"}


def _parse_vietnamese(raw: str) -> PersonName | None:
    """A Vietnamese name with its middle name ``Van`` or ``Thi``, in its own order (``Nguyen
    Van An``, ``Tran Thi Hoa``) or in the Dutch one (``Van An Nguyen``, ``Thi Hoa Tran``):
    the family name is the surname, the words after the middle name the given names, the
    middle name says the sex (:attr:`PersonName.sex`) and is not a given name (``Nguyen
    Van An`` and ``Nguyen Van Binh`` are brothers, ``Nguyen Van An`` and ``Tran Van An``
    two men).  None for anything else: only a capitalised (or all-caps) ``Van``/``Thi``
    right after a family name of :data:`_VIET_FAMILY` that starts the name, or starting a
    name that such a family name ends, with one or two plain name words (no particle,
    title or initial) for given names.  ``Jan Van Dam`` stays Dutch."""
    if "Van" not in raw and "Thi" not in raw and "VAN" not in raw and "THI" not in raw \
            and "Th\u1ecb" not in raw and "V\u0103n" not in raw and "TH\u1eca" not in raw \
            and "V\u0102N" not in raw:
        return None
    words = unicodedata.normalize("NFC", raw).split()
    if not 3 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return None
    all_upper = raw == raw.upper()
    folds = [fold_text(w) for w in words]

    def cased(w: str) -> bool:  # 'An', 'AN' (in an all-caps name): a capitalised word
        return w[0].isupper() and (all_upper or w[1:].islower())

    if not all(cased(w) for w in words):
        return None
    if folds[0] in _VIET_FAMILY and folds[1] in _VIET_MIDDLE:  # 'Nguyen Van An'
        family, middle, given = 0, 1, list(range(2, len(words)))
    elif folds[0] in _VIET_MIDDLE and folds[-1] in _VIET_FAMILY:  # 'Van An Nguyen'
        family, middle, given = len(words) - 1, 0, list(range(1, len(words) - 1))
    else:
        return None
    if any(folds[i] in _NOT_PLAIN or folds[i] in _VIET_MIDDLE or len(folds[i]) < 2
           or _VOWELS.isdisjoint(folds[i]) for i in given):
        return None
    names = tuple(folds[i] for i in given)
    return PersonName(raw=raw, given_names=names, initials="".join(n[0] for n in names),
                      tussenvoegsel="", surnames=(folds[family],),
                      display=" ".join(_recase(w) for w in words),
                      sex=_VIET_MIDDLE[folds[middle]])


def _parse_full(raw: str) -> PersonName:
    s = unicodedata.normalize("NFC", raw).translate(_APOSTROPHES).translate(_DASHES)
    s = _PARENS.sub(" ", s)
    s = _MARRIED.sub(" - ", s)  # 'A. Jansen e.v. de Vries': 'A. Jansen - de Vries'
    s = _VD_SLASH.sub(" v.d. ", s)
    s = _JUNK.sub(" ", s)
    all_upper = s == s.upper() and s != s.lower()  # has cased letters, none lower case
    parts = [_tokens(p) for p in s.split(",")]
    generation: list[str] = []
    sex: list[str] = []
    for p in parts:  # 'Vries, J. de, Mevr.', 'Jansen, J., jr.': a part of titles only
        if p and _only_titles(p):
            sex += [_SALUTATION_SEX[t.fold] for t in p if t.fold in _SALUTATION_SEX]
            generation += [t.fold for t in p if t.fold in _GENERATION
                           and (t.dotted or all_upper or not t.raw.isupper())]
    parts = [p for p in parts if p and not _only_titles(p)]
    extra_particles: list[str] = []
    if len(parts) >= 2:  # 'Vries, Jan de', 'de Vries, J.', 'Vries de, Jan'
        sur_toks = _strip_titles(parts[0], all_upper, keep=1, generation=generation,
                                 sex=sex)
        given_toks: list[_Tok] = []
        for p in parts[1:]:
            p = _strip_titles(p, all_upper, keep=1, generation=generation, sex=sex,
                              given=True)
            if all(_is_particle(p, i) or p[i].fold in _STRONG for i in range(len(p))):
                extra_particles.extend(t.fold for t in p if t is not _HYPHEN)
                continue
            k = len(p)
            while k > 1 and p[k - 1] is not _HYPHEN and p[k - 1].fold in _STRONG and not p[k - 1].dotted:
                k -= 1
            while k > 1 and p[k - 1].fold in _WEAK:  # 'in' of 'Veld, Jan in 't'
                k -= 1
            extra_particles.extend(t.fold for t in p[k:])
            # 'Amrani, F. el', 'Haddou, Mohamed ben': the Arabic particle, written where and
            # as a tussenvoegsel goes (after the given names, in lower case), is the front
            # of the surname ('El Amrani, F.'); capitalised it may be a given name ('Jansen,
            # Jan Ben'), and one word alone after the comma is one ('Pacino, Al')
            a = k
            while a > 1 and p[a - 1] is not _HYPHEN and not p[a - 1].dotted \
                    and p[a - 1].fold in NAME_ARTICLES \
                    and (all_upper or p[a - 1].raw.islower()):
                a -= 1
            if a < k and not extra_particles:
                sur_toks = [*p[a:k], *sur_toks]
                k = a
            given_toks.extend(p[:k])
        if not given_toks and extra_particles and len(sur_toks) >= 2:
            # 'Mehmet Bourgondië, van': given name and surname before the comma, only the
            # tussenvoegsel after it (HR systems that sort on the core surname write this)
            start = _surname_start(sur_toks, all_upper)
            if 0 < start < len(sur_toks):
                given_toks, sur_toks = sur_toks[:start], sur_toks[start:]
    else:
        toks = (_strip_titles(parts[0], all_upper, keep=2, generation=generation, sex=sex)
                if parts else [])
        k = _trailing_initials(toks, all_upper)
        if k < len(toks):  # 'Jansen J.P.', 'de Vries A.M.'
            sur_toks, given_toks = toks[:k], toks[k:]
        else:
            start = _surname_start(toks, all_upper)
            given_toks, sur_toks = toks[:start], toks[start:]
    sur = _parse_surname(sur_toks) if sur_toks else _Surname([], [], "")
    names, initials, given_shown = _parse_given(given_toks, all_upper)
    if not names and initials:  # 'Jansen, J.P. (Jan)': the call name in brackets
        call = _call_name_in_brackets(raw, initials)
        if call is not None:
            names = [call[0]]
            given_shown = f"{given_shown} ({call[1]})"
    particles = sur.particles or extra_particles
    tv = " ".join(particles)
    sur_shown = sur.display
    if not sur.particles and extra_particles and sur_shown:
        sur_shown = tv + " " + sur_shown
    display = " ".join(x for x in (given_shown, sur_shown) if x)
    if display and not given_shown:
        display = display[0].upper() + display[1:]
    return PersonName(
        raw=raw,
        given_names=tuple(names),
        initials=initials,
        tussenvoegsel=tv,
        surnames=tuple(sur.cores),
        display=display,
        generation=generation[0] if len(set(generation)) == 1 else "",
        sex=sex[0] if len(set(sex)) == 1 else "",
    )


# --- Many names of the plain shapes at once (a KvK extract's officers) ----------------------
# A large corporation's suppliers list some 33,000 distinct officer names, nine in ten of
# the shapes :func:`_parse_plain` takes.  The graph build needs three strings of each
# (:func:`plain_name_parts`), and parsing them one at a time (the rules' dispatch, a
# ``PersonName`` per name, the folds) was its largest single cost of per-name Python.  Here
# the per-word decisions are made once per distinct *word* (:func:`_plain_word_kind`, the
# same function :func:`_parse_plain` asks) and the per-name rules of :func:`_parse_plain`
# are applied to all names at once as array operations; the three strings are joined by
# Arrow.  A name it is not sure of gets None (the caller parses it with
# :func:`parse_name`).  ``tests/test_graph_speed_paths10.py`` compares it with
# :func:`parse_name` on every distinct officer name of the demo and on generated names.

#: Word kinds of :func:`plain_name_parts`: anything else, a name word, a particle, a word of
#: initials, the surname before the comma of ``Surname, Given`` (written with its comma), a
#: name particle written capitalised (``El``, ``Ait``, ``Ben``), given names joined by a
#: hyphen (``Anne-Marie``: a given name, never taken as a surname).
_W_OTHER, _W_NAME, _W_PARTICLE, _W_INITIAL, _W_HEAD, _W_GLUE, _W_JOINED = range(7)
#: The name particles as :func:`plain_name_parts` takes them: capitalised, which the full
#: rules show as written (``_recase``), and glue to the surname that follows.
_GLUE_SHOWN = frozenset(w.capitalize() for w in _GLUE_ANYWHERE | _GLUE_AFTER_GIVEN)
#: The folds of the words without which :func:`_parse_vietnamese` reads no name (its
#: middle names, capitalised): a name with such a word is left to :func:`parse_name`,
#: which tries that reading first.
_VIET_WORDS = frozenset(_VIET_MIDDLE)


def _plain_word_facts(word: str) -> tuple[int, str, str, str, bool, bool, bool, bool]:
    """What :func:`plain_name_parts` needs of one distinct word as split from a name at its
    spaces: (kind, fold as :func:`_parse_plain` reads it, the word as shown, its
    :func:`fold_text`, a particle, a weak particle, a noble title, unchanged by
    ``str.upper``); NFC is part of the kind (a word not in NFC is of no kind), and so is a
    word that may make the name Vietnamese (``Van``, ``Thi``: of no kind)."""
    head = word[-1:] == ","
    shown = word[:-1] if head else word
    up = word == word.upper()
    if (not shown or not unicodedata.is_normalized("NFC", word)
            or shown[0].isupper() and fold_text(shown) in _VIET_WORDS):
        return _W_OTHER, "", shown, "", False, False, False, up
    if word in _GLUE_SHOWN:  # (never with a comma: the surname after it has that)
        return _W_GLUE, word.lower(), word, word.lower(), False, False, False, up
    if not head and "-" in word and word[-1] != ".":  # 'Anne-Marie', as _parse_common
        pieces = [_common_piece(p) for p in word.split("-")]
        if all(p is not None and p[0] == _NAME for p in pieces):
            folds = [p[1] for p in pieces]  # type: ignore[index]
            return (_W_JOINED, "-".join(folds), word, fold_text(word), False, False,
                    not _NOBLE.isdisjoint(folds), up)
        return _W_OTHER, "", shown, "", False, False, False, up
    got = _plain_word_kind(shown)
    if got is None or head and got[0] != _NAME:
        return _W_OTHER, "", shown, "", False, False, False, up
    kind = (_W_HEAD if head else {_NAME: _W_NAME, _PARTICLE: _W_PARTICLE,
                                  _INITIAL: _W_INITIAL}[got[0]])
    particle = not head and word in _COMMON_PARTICLES
    return (kind, got[1], shown, fold_text(shown), particle, particle and word in _WEAK,
            got[1] in _NOBLE, up)


def _utf8(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def plain_name_parts(names: list[str]) -> list[tuple[str, str, str] | None]:
    """For each name, when :func:`_parse_plain` would take it and :func:`parse_name`
    therefore gives its result: ``(" ".join(given_names + surnames), fold_text(display),
    shown)`` of ``parse_name(name)``; None for every other name (the caller asks
    :func:`parse_name`).

    Taken: ``Given [Given ...] [particles] Surname``, ``A.B. [particles] Surname``,
    ``Surname, Given [Given ...] [particles]`` and ``Surname, A.B. [particles]`` with the
    words :func:`_parse_plain` takes, and given names joined by a hyphen as
    :func:`_parse_common` takes them (``Anne-Marie``); never a name
    :func:`_parse_vietnamese` may read (it comes first in :func:`parse_name`) nor initials
    written as more than one word (``A. B. Jansen``, shown joined).  Also, as the full rules read them, a surname after a
    capitalised name particle (``Given [Given ...] El Surname``, ``A.B. Ait Surname``,
    ``El Surname, Given [Given ...]``, ``Ben Surname, A.B.``: one core surname ``el
    surname``), without tussenvoegsels.  For those the result needs no ``PersonName``: the
    name as shown is the name's words in order (the surname before a comma moved to the
    end), the key its given names and surname folded.

    >>> plain_name_parts(["Groot, Pieter de", "H.S. Chaouch", "Mr. A. de Vries"])
    [('pieter groot', 'pieter de groot', 'Pieter de Groot'), ('chaouch', 'h.s. chaouch', 'H.S. Chaouch'), None]
    >>> plain_name_parts(["El Amrani, Samir"])
    [('samir el amrani', 'samir el amrani', 'Samir El Amrani')]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    m = len(names)
    if not m:
        return []
    try:
        arr = pa.array(names, type=pa.string())
    except UnicodeEncodeError:  # a lone surrogate (no UTF-8, not for Arrow): parse_name's
        good = [i for i, n in enumerate(names) if _utf8(n)]
        out: list[tuple[str, str, str] | None] = [None] * m
        for i, got in zip(good, plain_name_parts([names[i] for i in good])):
            out[i] = got
        return out
    # the shapes of the whole name: no comma, or one after the first word (or two) and a
    # space
    comma = pc.match_substring_regex(arr, r"^[^ ,]+, [^,]*$").to_numpy(zero_copy_only=False)
    comma2 = pc.match_substring_regex(arr, r"^[^ ,]+ [^ ,]+, [^,]*$").to_numpy(
        zero_copy_only=False)  # 'El Amrani, Samir'
    no_comma = ~pc.match_substring(arr, ",").to_numpy(zero_copy_only=False)
    words = pc.split_pattern(arr, " ")
    offsets = words.offsets.to_numpy()
    lengths = np.diff(offsets)
    flat = pc.dictionary_encode(pc.list_flatten(words))
    idx = flat.indices.to_numpy()
    facts = [_plain_word_facts(w) for w in flat.dictionary.to_pylist()]
    code = np.array([f[0] for f in facts], dtype=np.int8)[idx]
    part = np.array([f[4] for f in facts], dtype=bool)[idx]
    weak = np.array([f[5] for f in facts], dtype=bool)[idx]
    noble = np.array([f[6] for f in facts], dtype=bool)[idx]
    up = np.array([f[7] for f in facts], dtype=bool)[idx]
    n_pos = len(idx)
    parent = np.repeat(np.arange(m), lengths)
    pos = np.arange(n_pos) - offsets[:-1][parent]
    is_comma = comma[parent]
    first, last = offsets[:-1], offsets[1:] - 1  # every name has a word ('' has '')
    # r: one past the last word that is not a particle, the surname (last word, or the one
    # before the comma) aside: the given names are the words before it
    r = np.zeros(m, dtype=np.int64)
    cand = ~part & np.where(is_comma, pos >= 1, pos < lengths[parent] - 1)
    np.maximum.at(r, parent[cand], pos[cand] + 1)

    def given_names(given: np.ndarray) -> np.ndarray:
        """Per name, whether its words at ``given`` are given names or one word of
        initials, none a noble title."""
        gmin = np.full(m, np.iinfo(np.int8).max, dtype=np.int8)
        gmax = np.zeros(m, dtype=np.int8)
        np.minimum.at(gmin, parent[given], gcode[given])
        np.maximum.at(gmax, parent[given], gcode[given])
        n_given = np.bincount(parent[given], minlength=m)
        titled = np.bincount(parent[given & noble], minlength=m) > 0
        return (gmin == gmax) & ((gmax == _W_NAME) | (gmax == _W_INITIAL) & (n_given == 1)) \
            & ~titled

    gcode = np.where(code == _W_JOINED, _W_NAME, code)  # 'Anne-Marie' is a given name
    lower = np.bincount(parent[~up], minlength=m) > 0  # some word changed by upper()
    fine = lower & (lengths >= 2)
    ok = fine & given_names(np.where(is_comma, (pos >= 1) & (pos < r[parent]),
                                     pos < r[parent]))
    plain = no_comma & (code[last] == _W_NAME) & (r >= 1)
    plain &= ~weak[np.maximum(last - 1, 0)]
    # after the comma: trailing particles weak ones first, then at least one strong one
    extra = is_comma & (pos >= r[parent])
    wmax = np.full(m, -1, dtype=np.int64)
    smin = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
    np.maximum.at(wmax, parent[extra & weak], pos[extra & weak])
    np.minimum.at(smin, parent[extra & ~weak], pos[extra & ~weak])
    has_extra = r < lengths
    after = comma & (code[first] == _W_HEAD) & (r >= 2) & (
        ~has_extra | (smin < np.iinfo(np.int64).max) & (wmax < smin))
    # a name particle and the surname: given names before them, or after the comma
    is_comma2 = comma2[parent]
    glued = (no_comma & (code[last] == _W_NAME) & (code[np.maximum(last - 1, 0)] == _W_GLUE)
             | comma2 & (code[first] == _W_GLUE) & (code[np.minimum(first + 1, n_pos - 1)]
                                                    == _W_HEAD))
    glued &= fine & (lengths >= 3) & given_names(
        np.where(is_comma2, pos >= 2, pos < lengths[parent] - 2))
    take = ok & (plain | after) | glued
    if not take.any():
        return [None] * m
    # the words in the order shown (the surname before a comma last), of the names taken
    keep = take[parent]
    # each word's place in that order (no sort: a comma name's words move up by one, its
    # surname to its last place)
    place = np.arange(n_pos)
    place = np.where(is_comma, np.where(pos == 0, place + lengths[parent] - 1, place - 1), place)
    place = np.where(is_comma2, np.where(pos <= 1, place + lengths[parent] - 2, place - 2),
                     place)  # 'El Amrani, Samir': 'El Amrani' last
    order = np.empty(n_pos, dtype=np.int64)
    order[place] = np.arange(n_pos)
    order = order[keep[order]]
    o_parent, o_idx = parent[order], idx[order]
    counts = np.bincount(o_parent, minlength=m)[take]
    offs = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)

    def joined(values: list[str], at: np.ndarray, offsets_: np.ndarray) -> list[str]:
        items = pa.array(values, type=pa.string()).take(pa.array(at))
        return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets_), items),
                              " ").to_pylist()

    shown = joined([f[2] for f in facts], o_idx, offs)
    folded = joined([f[3] for f in facts], o_idx, offs)
    # the key: the given names (not initials) and the surname, folded ('el amrani' is
    # 'el' and 'amrani' joined by the space that joins the key)
    o_code = code[order]
    in_key = (o_code == _W_NAME) | (o_code == _W_HEAD) | (o_code == _W_GLUE) | (
        o_code == _W_JOINED)
    k_counts = np.bincount(o_parent[in_key], minlength=m)[take]
    k_offs = np.concatenate([[0], np.cumsum(k_counts)]).astype(np.int32)
    keys = joined([f[1] for f in facts], o_idx[in_key], k_offs)
    got = zip(keys, folded, shown)
    return [next(got) if t else None for t in take.tolist()]
