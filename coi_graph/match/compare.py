"""Scored, explained comparison of two person records, field by field, with levels.

Why: two records are one person when the *evidence* says so, not when one rule happens to
fit.  Each field (surname, given names, birth date, address, IBAN, e-mail, phone) is compared
and lands on one *level* (``birth.swapped``: day and month swapped); each level carries a
weight, the log2 of how much more often it occurs between records of one person than between
records of two people (the Fellegi-Sunter model that Splink also uses).  The weights add up;
the total decides the band:

- ``match``: total >= ``matching.match_threshold``: the records are one person (a link);
- ``possible``: total >= ``matching.review_threshold``: a *possible* match, reported with a
  lower score and marked "possible same person", with the evidence for and against;
- ``none``: below, or a *family* feature is present.

**Family is evidence against.**  Three patterns are ordinary relatives and never one person,
whatever the rest adds up to (the feature is listed with its weight and the band is ``none``):
``family.twin`` (same surname and birth date, another given name), ``family.household`` (same
surname and address, another given name), ``family.generation`` (birth years 15 or more
apart, not a one-digit typo) and ``family.junior_senior`` (one written ``jr.``, the other
``sr.``: a son and the father whose name he carries, whatever their birth dates say) and
``family.other_sex`` (a salutation or title says man on one side, woman on the other:
``Dhr. J. de Vries`` / ``Mevr. J. de Vries`` are partners, or a brother and sister).

A tussenvoegsel written together with the surname on one side (``Vanderheuvel`` / ``van der
Heuvel``, ``Terhorst`` / ``ter Horst``) is ``surname.particle_joined``: the same surname to
an auditor, a little weaker than ``surname.particle`` (``Vandenberg`` is also a surname of
its own), and a same-surname level for the family rules.

Given names in another order (``Jan-Willem`` / ``Willem-Jan``, ``Jan Willem`` / ``Willem
Jan``) are another given name, not one missing on a side: registers keep the order, and
parents do give twins the same two names the other way round.

A band other than ``none`` also needs evidence beyond the name (a birth date that is equal or
a typo of the other, the same address, or a shared IBAN, e-mail or phone): a namesake alone
is not a person.

**How common a name is counts** (Splink's term-frequency adjustment).  An agreeing surname
or given name says more when the name is rare: ``Jansen`` = ``Jansen`` is weak evidence in a
register where one name in fifty is Jansen.  :class:`NameFrequencies` counts, in the records
being matched, how many names carry each (canonical) name word and each pair of words; an
agreement on a value that ``count`` names carry gets a feature of weight
``log2(usual / count)``, where ``usual`` is how many names carry the value of a typical
record (the mean count of the references' own values): Splink's ``log2(u / tf(value))``
with ``u`` the chance that two random records agree, ``tf`` the value's share, both
estimated from the data being matched.  A name as common as usual keeps its level's
default weight; a name twice as common loses 1, one four times rarer gains 2.  When both the
surname and the given name agree on a value, one ``frequency.name`` feature counts the two
*together*: given names and surnames are not independent (``Marek`` goes with ``Kowalski``,
``Mohamed`` with ``El Amrani``), so two separate frequencies would call a common full name
rare.  Otherwise ``frequency.surname`` or ``frequency.given`` counts the one that agrees.
Weights are clipped to ``[-max_penalty, +max_bonus]`` (policy
``matching.name_frequency``).  With fewer than ``min_records`` names there is no estimate
and no such feature.

**A near birth date alone is not enough for a link.**  A birth date with day and month
swapped or one digit off is a typo *or* another person; without corroboration (the same
address, a shared identifier, or a rare name: one that at most ``rare_max_names`` of the
names being matched carry, i.e. by default only the two records compared) such a pair is
at most a ``possible`` match; the feature ``limit.near_birth`` (weight 0) says so.

**Near values that are no evidence on their own.**  A birth date two digits off
(``birth.two_digits``) or with its year one off and the day and month the same
(``birth.year_off``, where that is more than one digit: 1979 / 1980), an e-mail address or
a phone number typed with an error (``email.typo``, ``phone.typo``): each adds its weight,
but none is in :data:`_SUPPORT` or :data:`_CORROBORATION`: they count only where other
evidence is (for the near birth levels that is the address or a shared identifier; for the
near identifiers also a birth date equal or nearly so), and lift no ``limit.*``.  Namesakes
are born near each other, and a household's mailboxes and mobile numbers are often one
letter or digit apart; twins (one birth date) and generations (15+ years) never get the
near birth levels, and the family rules still decide.

Every feature is a code plus parameters (:class:`Feature`); :mod:`coi_graph.match.explain`
renders it in Dutch or English at display time.  Default weights are in the policy
(``coi policy``); ``bench/bench_matching.py`` measures what they reach.

>>> a = prepare(PersonRecord("employee:E1", "Hans de Vries", dt.date(1980, 5, 1), None))
>>> b = prepare(PersonRecord("applicant:D1", "J. de Vries", dt.date(1980, 1, 5), None))
>>> c = compare(a, b, DEFAULT_WEIGHTS, 20, 17)
>>> c.band, c.weight, [f.code for f in c.features]
('possible', 18.0, ['surname.exact', 'given.initial_call', 'birth.swapped', 'address.missing'])

(A call name against an initial *and* a swapped birth date is two uncertainties at once: a
possible match for a reviewer, not a link.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain, repeat
from operator import mul
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple, TypeVar

from rapidfuzz.distance import OSA, JaroWinkler

from ..links import is_missing
from ..normalise.names import NAME_ARTICLES, PersonName, fold_text, parse_name

__all__ = ["PersonRecord", "Feature", "Comparison", "Prepared", "prepare", "compare",
           "DEFAULT_WEIGHTS", "CallNames", "CallNamesError", "call_name_groups", "call_name_pair",
           "call_names", "read_call_names", "canon", "has_support",
           "record_fingerprint", "pair_id", "FAMILY_GENERATION_YEARS", "NameFrequencies",
           "name_frequencies", "name_words", "decide", "UsualKeys", "usual_keys", "UsualTally",
           "usual_tally", "Levels",
           "levels", "family_apart"]

#: Birth years this far apart (and not a one-digit typo) are a parent and child.
FAMILY_GENERATION_YEARS = 15

#: The documented defaults (also in ``coi_graph/data/policy_default.yaml``, which wins).
DEFAULT_WEIGHTS: dict[str, float] = {
    "surname.exact": 8.0, "surname.translit": 7.0, "surname.particle": 7.0,
    "surname.particle_joined": 6.5,
    "surname.part": 6.0, "surname.typo": 4.5, "surname.similar": 2.0,
    "surname.missing": 0.0, "surname.different": -6.0,
    "name.swapped": 12.0, "name.swapped_typo": 4.0, "name.one_word": 4.0,
    "name.one_word_typo": 2.0,
    "name.surname_changed": 2.0,
    "name.spacing": 13.0, "name.spacing_typo": 9.0,
    "given.exact": 6.0, "given.translit": 5.5, "given.joined": 5.5, "given.call_name": 5.0,
    "given.part": 5.0,
    "given.initials": 4.0, "given.initials_partial": 2.0, "given.typo": 3.5, "given.initial_call": 3.0,
    "given.missing": 0.0, "given.different": -5.0,
    "birth.exact": 14.0, "birth.swapped": 7.0, "birth.one_digit": 4.0,
    "birth.year_off": 4.0, "birth.two_digits": 1.0, "birth.year": -3.0,
    "birth.year_only": 3.0, "birth.missing": 0.0, "birth.different": -10.0,
    "address.exact": 6.0, "address.street_city": 3.0, "address.typo": 3.0, "address.postcode": 1.0,
    "address.missing": 0.0, "address.different": 0.0,
    "iban.same": 8.0, "email.same": 7.0, "phone.same": 5.0,
    "email.typo": 4.0, "phone.typo": 2.0,
    "family.twin": -20.0, "family.household": -20.0, "family.generation": -20.0,
    "family.junior_senior": -20.0, "family.other_sex": -20.0,
}

_SUPPORT = frozenset({"birth.exact", "birth.swapped", "birth.one_digit", "birth.year_only",
                      "address.exact",
                      "address.street_city", "address.typo", "iban.same", "email.same",
                      "phone.same"})
#: Evidence that makes a near birth date (swapped, one digit off) enough for a link.
_CORROBORATION = frozenset({"address.exact", "address.street_city", "address.typo",
                            "iban.same", "email.same", "phone.same"})
_NEAR_BIRTH = frozenset({"birth.swapped", "birth.one_digit", "birth.year_off",
                         "birth.two_digits"})
#: The band limit's feature (weight 0): a near birth date without corroboration.
LIMIT_NEAR_BIRTH = "limit.near_birth"
#: ... and a birth year (the day not known on a side) without corroboration: namesakes
#: born in one year are common, so the name and the year make at most a possible match
LIMIT_YEAR_ONLY = "limit.year_only"
_GIVEN_TF = frozenset({"given.exact", "given.translit", "given.part"})
_SAME_SURNAME = frozenset({"surname.exact", "surname.translit", "surname.particle",
                           "surname.particle_joined", "surname.part"})
#: Arabic/Berber particles that belong to a surname but are often left out (Al Ahmadi).
_NAME_PARTICLES = NAME_ARTICLES


@dataclass(frozen=True)
class PersonRecord:
    """A record of a person to match.  ``key`` is opaque here (``employee:E1``,
    ``applicant:D17``); ``address_key`` is ``POSTCODE|NUMBER|ADDITION``, already normalised;
    ``street_city`` (``street|city``, folded) is used when a postcode is missing; the
    identifiers are normalised values (``ingest.identifiers``).  Pandas missing
    values (``NaT``, ``NaN``) and ``datetime``/ISO strings are accepted."""

    key: str
    name: str
    birth_date: dt.date | None
    address_key: str | None
    street_city: str | None = None
    iban: str | None = None
    email: str | None = None
    phone: str | None = None
    #: the birth year when only the year is known (``birth_date`` is then None): a BRP
    #: date ``00-00-1965`` or a register's year-only 1 January, left out at ingest as a
    #: date but kept as a year (``ingest.validate_rows``); ignored when ``birth_date`` is set
    birth_year: int | None = None


@dataclass(frozen=True)
class Feature:
    """One compared field: a level code, its parameters (what was compared) and its weight."""

    code: str
    params: tuple[tuple[str, str], ...]
    weight: float

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params), "weight": self.weight}


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing two records: total weight, band and every feature."""

    weight: float
    band: str
    features: tuple[Feature, ...]

    def level(self, prefix: str) -> str | None:
        for f in self.features:
            if f.code.startswith(prefix + "."):
                return f.code
        return None


@dataclass(frozen=True)
class Prepared:
    """A record made ready to compare (parsed once, however often it is compared)."""

    key: str
    name: PersonName
    given: tuple[str, ...]          # full given names, canonical
    initials: str
    surnames: tuple[str, ...]       # core surnames, canonical, compact
    bare_surnames: tuple[str, ...]  # without Arabic/Berber particles
    tokens: frozenset[str]          # every canonical name word
    birth: dt.date | None
    address: str | None
    postcode: str | None
    street_city: str | None
    iban: str | None
    email: str | None
    phone: str | None
    record: PersonRecord | None = field(default=None, compare=False)
    #: the birth year: the birth date's, or the record's ``birth_year`` when only the year
    #: is known (then ``birth`` is None)
    birth_year: int | None = None

    @property
    def fingerprint(self) -> str:
        return record_fingerprint(self.record) if self.record is not None else ""


# -- normalisation ----------------------------------------------------------------------

_TRANSLIT = (("ue", "u"), ("oe", "o"), ("ae", "a"), ("ij", "y"), ("ph", "f"), ("th", "t"),
             ("dj", "j"), ("ch", "g"), ("ck", "k"), ("kh", "k"), ("sch", "s"))


@lru_cache(maxsize=200_000)
def canon(word: str) -> str:
    """A folded word with transliteration variants collapsed, so ``Müge``/``Muege``/``Muge``
    and ``Ünal``/``Uenal`` compare equal (and ``Bijl``/``Byl``).  Used on both sides alike.

    >>> canon("müge") == canon("muege") == canon("muge"), canon("Uenal") == canon("Ünal")
    (True, True)
    """
    s = fold_text(word).replace(" ", "").replace("-", "").replace("'", "")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)  # double letters: Hoek/Hoeck/Hok, Mohammed/Mohamed


_WORDS = re.compile(r"[^\w]+")


@lru_cache(maxsize=400_000)
def name_words(name: str) -> frozenset[str]:
    """The canonical words of a raw name and every run of up to four adjacent words written
    together (``Al Ahmadi`` -> ``al``, ``ahmadi``, ``alahmadi``), without parsing it: what
    name frequencies are counted on, and the rough blocking tokens.

    >>> sorted(name_words("Siham Al Ahmadi"))
    ['ahmadi', 'al', 'alahmadi', 'siham', 'sihamal', 'sihamalahmadi']
    """
    words = _folded_words(name)
    toks = {canon("".join(words[i:j])) for i in range(len(words))
            for j in range(i + 1, min(len(words), i + 4) + 1)}
    toks.discard("")
    return frozenset(toks)


def _folded_words(name: str) -> list[str]:
    """The words of a raw name, folded, as :func:`name_words` runs over them."""
    return [w for w in _WORDS.split(fold_text(name).replace("_", " ")) if w]


def _written_together(name: str, word: str) -> bool:
    """``word in name_words(name)`` for a ``word`` that is not empty: whether a run of up
    to four adjacent words of the name is ``word`` once canonical, looked for run by run
    from the name's end (where a tussenvoegsel and its surname stand: ``Jan van den Berg``
    and ``vandenberg``), stopping at the first.

    Why: :func:`prepare` asks this once per distinct name with a tussenvoegsel (4,600 on
    ``large``), and :func:`name_words` made the set of every run for that one look-up (ten
    runs of a four-word name, each made canonical): half the time, the same answer.

    >>> _written_together("Jan van den Berg", "vandenberg"), _written_together("Berg, Jan", "jan")
    (True, True)
    >>> _written_together("Berg, Jan van den", "vandenberg")
    False
    """
    words = _folded_words(name)
    for j in range(len(words), 0, -1):  # the runs name_words makes, those ending last first
        for i in range(j - 1, max(j - 4, 0) - 1, -1):
            if canon("".join(words[i:j])) == word:
                return True
    return False


@lru_cache(maxsize=400_000)
def _word_pairs(name: str) -> frozenset[tuple[str, str]]:
    """Every pair of distinct canonical words of a raw name, sorted within the pair."""
    words = sorted({canon(w) for w in _WORDS.split(fold_text(name).replace("_", " ")) if w}
                   - {""})
    return frozenset((x, y) for i, x in enumerate(words) for y in words[i + 1:])


@dataclass(frozen=True)
class NameFrequencies:
    """How many names, among the ``records`` being matched, carry each canonical name word
    (:func:`name_words`) and each pair of words; how many carry the surname, given name
    and both of a typical record (``usual_*``: the mean over a sample of parsed records,
    :meth:`with_usual`); and the policy's limits for the weights.

    Why counted on words and not on parsed names: counting must cover every record (also
    the applicants and officers that are never parsed because they meet no reference), and
    parsing costs far more than splitting.  A word counts once per name; a surname that is
    also a given name somewhere is counted in both roles, which makes it look a little more
    common: on the safe side."""

    counts: Mapping[str, int]
    pairs: Mapping[tuple[str, str], int]
    records: int
    max_bonus: float = 5.0
    max_penalty: float = 10.0
    rare_max_names: int = 2
    usual_surname: float = 1.0
    usual_given: float = 1.0
    usual_name: float = 1.0

    def feature(self, kind: str, n: int, shown: str) -> Feature:
        """The ``frequency.<kind>`` feature of a value that ``n`` names carry."""
        n = max(n, 1)
        usual = getattr(self, f"usual_{kind}")
        w = math.log2(usual / n)
        w = round(min(max(w, -self.max_penalty), self.max_bonus), 1) + 0.0
        return Feature(f"frequency.{kind}", (("value", shown), ("count", str(n)),
                                             ("records", str(self.records)),
                                             ("usual", f"{usual:.1f}")), w)

    def count(self, keys: Iterable[str]) -> int:
        """Names carrying the rarest of ``keys`` (0 when none is known)."""
        return min((self.counts.get(k, 0) for k in keys), default=0)

    def pair_count(self, x: str, y: str) -> int:
        """Names carrying both words (0 when one is not a single word of a name)."""
        return self.pairs.get((x, y) if x <= y else (y, x), 0)

    def with_usual(self, sample: Iterable[Prepared]) -> NameFrequencies:
        """The usual counts estimated on ``sample`` (parsed records of the same data): the
        mean count of each record's own surname, first given name and the two together."""
        return self.with_usual_of(usual_keys(sample))

    def with_usual_of(self, keys: UsualKeys) -> NameFrequencies:
        """:meth:`with_usual` of a sample's :func:`usual_keys` (a matcher takes them once
        per set of references, not once per call)."""
        return self.with_usual_tally(usual_tally(keys))

    def with_usual_tally(self, tally: UsualTally) -> NameFrequencies:
        """:meth:`with_usual_of` of the keys' :func:`usual_tally` (a matcher tallies them
        once per set of references; a scan matches four times against two sets)."""
        counts = self.counts
        # each distinct key looked up once, times how often it occurs (whole numbers: the
        # same sums as key by key); a scan does this for each of its four matchings
        s = _usual_sum(counts, tally.surnames)
        g = _usual_sum(counts, tally.given)
        n = _usual_sum(self.pairs, [((x, y) if x <= y else (y, x), m)  # as pair_count
                                    for (x, y), m in tally.names])
        ls, lg, ln = tally.lengths
        return dataclasses.replace(
            self, usual_surname=s / ls if ls else 1.0,
            usual_given=g / lg if lg else 1.0, usual_name=n / ln if ln else 1.0)


@lru_cache(maxsize=400_000)
def _word_pairs(name: str) -> frozenset[tuple[str, str]]:
    """Every pair of distinct canonical words of a raw name, sorted within the pair."""
    words = sorted({canon(w) for w in _WORDS.split(fold_text(name).replace("_", " ")) if w}
                   - {""})
    return frozenset((x, y) for i, x in enumerate(words) for y in words[i + 1:])


_T = TypeVar("_T")


def _usual_sum(counts: Mapping[_T, int], tally: list[tuple[_T, int]]) -> int:
    """``sum(max(counts.get(k, 0), 1) * m for k, m in tally)``, the look-ups made in C.

    Why: a scan's four matchings each sum some 30,000 keys of the references' tally, and
    ``counts`` is often two counts read as one (``records._SummedCounts``, whose ``get`` is
    Python): its ``get_many`` gives every key's count with two C-level passes instead."""
    keys = [k for k, _ in tally]
    many = getattr(counts, "get_many", None)
    got = many(keys) if many is not None else list(map(counts.get, keys, repeat(0)))
    return sum(map(mul, map(max, got, repeat(1)), [m for _, m in tally]))


class UsualKeys(NamedTuple):
    """What :meth:`NameFrequencies.with_usual` reads of its sample, in sample order: each
    record's surname key, first given name, and the two together (when it has both)."""

    surnames: list[str]
    given: list[str]
    names: list[tuple[str, str]]


class UsualTally(NamedTuple):
    """:class:`UsualKeys` counted: each distinct key with how often it occurs, in the order
    first met, and the lengths of the three lists."""

    surnames: list[tuple[str, int]]
    given: list[tuple[str, int]]
    names: list[tuple[tuple[str, str], int]]
    lengths: tuple[int, int, int]


def usual_tally(keys: UsualKeys) -> UsualTally:
    """The :class:`UsualTally` of ``keys``."""
    return UsualTally(list(Counter(keys.surnames).items()), list(Counter(keys.given).items()),
                      list(Counter(keys.names).items()),
                      (len(keys.surnames), len(keys.given), len(keys.names)))


def usual_keys(sample: Iterable[Prepared]) -> UsualKeys:
    """The :class:`UsualKeys` of parsed records."""
    out = UsualKeys([], [], [])
    for p in sample:
        sk = (p.bare_surnames or p.surnames)[:1]
        if sk:
            out.surnames.append(sk[0])
        if p.given:
            out.given.append(p.given[0])
        if sk and p.given:
            out.names.append((sk[0], p.given[0]))
    return out


def name_frequencies(names: Iterable[str | None], sample: Iterable[Prepared] | None = None, *,
                     min_records: int = 1000, max_bonus: float = 5.0,
                     max_penalty: float = 10.0, rare_max_names: int = 2
                     ) -> NameFrequencies | None:
    """Count the name words of ``names`` (one per record) and estimate the usual counts on
    ``sample`` (parsed records; default: all of ``names``, parsed); None when there are
    fewer than ``min_records`` names (too few to say how common a name is).

    >>> f = name_frequencies(["Jan Jansen"] * 30 + ["Piet Jansen"] * 10 + ["Eva Kuijpers"],
    ...                      min_records=10)
    >>> f.records, f.counts["jansen"], f.counts["kuypers"], f.pair_count("jansen", "jan")
    (41, 40, 1, 30)
    >>> round(f.usual_name, 1), f.feature("name", 30, "Jan Jansen").weight
    (24.4, -0.3)
    """
    texts = [n for n in (_text(x) for x in names) if n]
    if len(texts) < max(min_records, 1):
        return None
    counts = Counter(chain.from_iterable(map(name_words, texts)))
    pairs = Counter(chain.from_iterable(map(_word_pairs, texts)))
    f = NameFrequencies(dict(counts), dict(pairs), len(texts), max_bonus, max_penalty,
                        rare_max_names)
    if sample is None:
        sample = (prepare(PersonRecord(f"name:{i}", t, None, None)) for i, t in enumerate(texts))
    return f.with_usual(sample)


class CallNames(NamedTuple):
    """The call-name dictionary (package data ``call_names.csv``), read for the rule in its
    header: per canonical name the dictionary lines it is a registered form on
    (``registered``) and the lines it belongs to at all, as a registered form or as a call
    name that is no registered name anywhere (``member``)."""
    registered: dict[str, frozenset[int]]
    member: dict[str, frozenset[int]]
    #: first letters of the registered forms of each name's lines (Hans -> j)
    initials: dict[str, frozenset[str]]


class CallNamesError(ValueError):
    """A line of ``call_names.csv`` that cannot be read (a maintainer's mistake)."""


def read_call_names(text: str, source: str = "call_names.csv") -> CallNames:
    """Parse the call-name dictionary (``registered forms;call names;origin`` a line).

    A call name that is a registered form on some line is left out of every other line,
    so it cannot make two registered names one (twins ``Johanna`` and ``Hanna``); see the
    file's header for the rule and its sources.

    >>> d = read_call_names("registered;call_names;origin\\njohanna;joke hanna;nl\\nhanna;;nl")
    >>> sorted(d.member), d.member["hana"] == d.registered["hana"]  # canonical: no double letters
    (['hana', 'johana', 'joke'], True)
    """
    rows: list[tuple[list[str], list[str], set[str]]] = []
    header_seen = False
    for no, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if line.split(";")[:2] == ["registered", "call_names"]:
                continue
        cells = line.split(";")
        if len(cells) != 3 or not cells[0].split():
            raise CallNamesError(
                f"{source}, line {no}: expected 'registered forms;call names;origin' with "
                f"at least one registered form, got {line!r}")
        # the initials are the written first letters: canon() reads 'Christiaan' as 'gristian'
        firsts = {fold_text(n)[:1] for n in cells[0].split()}
        rows.append(([canon(n) for n in cells[0].split()], [canon(n) for n in cells[1].split()],
                     firsts))
    registered_anywhere = {n for reg, _, _ in rows for n in reg}
    registered: dict[str, set[int]] = {}
    member: dict[str, set[int]] = {}
    initials: dict[str, set[str]] = {}
    for i, (reg, calls, firsts) in enumerate(rows):
        for n in reg:
            registered.setdefault(n, set()).add(i)
        for n in reg + [c for c in calls if c not in registered_anywhere]:
            member.setdefault(n, set()).add(i)
            initials.setdefault(n, set()).update(firsts)
    return CallNames({k: frozenset(v) for k, v in registered.items()},
                     {k: frozenset(v) for k, v in member.items()},
                     {k: frozenset(v) for k, v in initials.items()})


@lru_cache(maxsize=1)
def call_names() -> CallNames:
    """The packaged call-name dictionary (read once)."""
    text = resources.files("coi_graph").joinpath("data/call_names.csv").read_text("utf-8")
    return read_call_names(text)


def call_name_pair(x: str, y: str, names: CallNames | None = None) -> bool:
    """Whether two different canonical given names are one name by the call-name
    dictionary: on one line, at least one of them a registered form there (``Wim`` /
    ``Wilhelmus``, ``Willem`` / ``Wilhelmus``).  Two call names are not (``Hans`` /
    ``Joop``: brothers both registered Johannes), nor a registered name and another's call
    name that is registered in its own right (``Johanna`` / ``Hanna``).

    >>> pair = lambda x, y: call_name_pair(canon(x), canon(y))
    >>> pair("Hans", "Johannes"), pair("Truus", "Geertruida"), pair("Willem", "Wilhelmus")
    (True, True, True)
    >>> pair("Hans", "Joop"), pair("Johanna", "Hanna"), pair("Annie", "Johanna")
    (False, False, False)
    """
    d = names or call_names()
    empty: frozenset[int] = frozenset()
    return x != y and bool(d.registered.get(x, empty) & d.member.get(y, empty)
                           or d.registered.get(y, empty) & d.member.get(x, empty))


def call_name_groups() -> dict[str, frozenset[int]]:
    """Canonical name -> the dictionary lines it belongs to (kept for callers of the
    former one-group-a-line reading; :func:`call_name_pair` applies the rule)."""
    return call_names().member


def _registered_initials() -> dict[str, frozenset[str]]:
    """Canonical name -> first letters of the registered forms of its lines (Hans -> j)."""
    return call_names().initials


def _text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):  # the common case, without pandas' isna
        return v.strip() or None
    if is_missing(v):
        return None
    s = str(v).strip()
    return s or None


def _date(v: object) -> dt.date | None:
    if v is None:
        return None
    if type(v) is dt.date:
        return v
    if is_missing(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and v.strip():
        try:
            return dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            return None
    return None


@lru_cache(maxsize=400_000)
def record_fingerprint(r: PersonRecord) -> str:
    """A hash of what a comparison reads from a record: a judgement on a pair holds while
    both fingerprints are the same (a changed record is judged anew)."""
    bd = _date(r.birth_date)
    year = None if bd else _year(getattr(r, "birth_year", None))
    parts = [r.key, _text(r.name) or "",
             bd.isoformat() if bd else (f"{year:04d}-00-00" if year else ""), _text(r.address_key) or "",
             _text(r.street_city) or "", _text(r.iban) or "", _text(r.email) or "",
             _text(r.phone) or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def pair_id(fp_a: str, fp_b: str) -> str:
    """The id of a pair of records (order-free), from their fingerprints: ``P-`` + 16 hex."""
    x, y = sorted((fp_a, fp_b))
    return "P-" + hashlib.sha256(f"{x}|{y}".encode()).hexdigest()[:16]


def _given_parts(name: PersonName) -> tuple[str, ...]:
    """The given names as written, a double name in its parts (``Jan-Willem`` -> ``Jan``,
    ``Willem``)."""
    return tuple(p for g in name.given_names for p in g.split("-") if p)


@lru_cache(maxsize=400_000)
def _prepare_name(name: str) -> tuple[PersonName, tuple[str, ...], tuple[str, ...],
                                      tuple[str, ...], frozenset[str]]:
    """The name half of :func:`prepare`: parsed and canonical once per distinct name
    (officers and applicants repeat names across rows and scans)."""
    pn = parse_name(name)
    given = tuple(map(canon, _given_parts(pn)))
    surnames = tuple(dict.fromkeys(filter(None, map(canon, pn.surnames))))
    # each surname without its Arabic/Berber particles (``bare``), and its words: one split
    # of each surname for both (a scan prepares some 16,000 distinct names)
    bare_l: list[str] = []
    words: list[str] = []
    for s in pn.surnames:
        ws = s.split()
        words += ws
        bare_l.append(canon((" ".join(ws) if _NAME_PARTICLES.isdisjoint(ws)
                             else " ".join([w for w in ws if w not in _NAME_PARTICLES])) or s))
    bare = tuple(filter(None, dict.fromkeys(bare_l)))
    # (built as it always was: the frozenset's iteration order is its insertion history)
    tokens = frozenset(given) | frozenset(map(canon, words)) | frozenset(surnames) \
        | frozenset(bare)
    # the tussenvoegsel glued to the surname ('van der Heuvel' -> 'vanderheuvel'): a
    # blocking token, so 'Vanderheuvel' meets it (see _particle_joined); only when the
    # name writes the particles right before the surname (not 'Heuvel, Jan van der'), so
    # the token is one of the raw name's adjacent words (name_words) and a probe's cheap
    # keys (records._rough_keys, bulk) still hold every blocking key it can have
    joined = _joined_surname(pn)
    if joined and _written_together(name, joined):
        tokens = tokens | {joined}
    return pn, given, surnames, bare, frozenset(t for t in tokens if t)


def prepare(r: PersonRecord) -> Prepared:
    """Parse and normalise a record (its name once per distinct name, :func:`_prepare_name`).

    Not cached per record: a scan prepares each record once (the reference sets are kept
    prepared by ``records._reference_index``, a set matched with itself takes them as its
    probes, and the officers' and applicants' candidates are records of their own), so a
    cache of some 30,000 records only cost hashing every record (a dataclass hash of eight
    fields) and freeing the entries after the scan, with no hit in it."""
    # each field read as ``_text`` / ``_date`` read it, the commonest values (None, a
    # string, a date) without calling them: a scan prepares some 30,000 records, seven
    # fields each, most of them None
    name, addr, sc, iban, email, phone, bd = _PREPARE_FIELDS(r)
    name = (name.strip() or None) if type(name) is str else _text(name)
    if addr is not None:
        addr = (addr.strip() or None) if type(addr) is str else _text(addr)
    if sc is not None:
        sc = (sc.strip() or None) if type(sc) is str else _text(sc)
    if iban is not None:
        iban = (iban.strip() or None) if type(iban) is str else _text(iban)
    if email is not None:
        email = (email.strip() or None) if type(email) is str else _text(email)
    if phone is not None:
        phone = (phone.strip() or None) if type(phone) is str else _text(phone)
    if bd is not None and type(bd) is not _DATE:
        bd = _date(bd)
    pn, given, surnames, bare, tokens = _prepare_name(name or "")
    pc = addr.split("|")[0] if addr else None
    # what ``Prepared(...)`` makes, its fields set at once: a frozen dataclass's __init__
    # sets them one ``object.__setattr__`` at a time (a scan prepares some 30,000 records)
    # (filled by ``update``, not set to a dict display: that makes each record 0.4 us
    # faster but its own, larger dict instead of the class's shared keys, and reading the
    # records afterwards, 24,000 references and their pairs, cost more than it saved)
    p = _new_prepared(Prepared)
    p.__dict__.update(
        key=r.key, name=pn, given=given, initials=pn.initials, surnames=surnames,
        bare_surnames=bare, tokens=tokens, birth=bd,
        address=addr, postcode=pc or None, street_city=sc,
        iban=iban, email=email, phone=phone,
        record=r, birth_year=bd.year if bd is not None else _year(r.birth_year),
    )
    return p


#: What :func:`prepare` reads of a record (one C call for the seven fields).
_PREPARE_FIELDS = operator.attrgetter("name", "address_key", "street_city", "iban", "email",
                                      "phone", "birth_date")
_DATE = dt.date


_new_prepared = object.__new__


# -- comparison -------------------------------------------------------------------------


def _f(code: str, weights: Mapping[str, float], **params: object) -> Feature:
    return Feature(code, tuple((k, str(v)) for k, v in params.items()), float(weights[code]))


def _close(x: str, y: str) -> bool:
    """A typo: one edit (insert, delete, substitute, swap two neighbours); two for long words."""
    if not x or not y:
        return False
    d = OSA.distance(x, y, score_cutoff=2)
    return d <= 1 or (d <= 2 and min(len(x), len(y)) >= 6)


def _surname(a: Prepared, b: Prepared, w: Mapping[str, float],
             level: tuple[str, float] | None = None) -> Feature:
    sa, sb = a.name.surnames, b.name.surnames
    show = {"a": " / ".join(x.title() for x in sa), "b": " / ".join(x.title() for x in sb)}
    code, best = level or _surname_level(a, b)
    if code == "surname.similar":
        return _f(code, w, similarity=f"{best:.2f}", **show)
    if code == "surname.particle_joined":  # shown with the particles: 'van der Heuvel'
        show = {k: _with_particles(x.name) for k, x in (("a", a), ("b", b))}
    return _f(code, w, **show)


def _surname_level(a: Prepared, b: Prepared) -> tuple[str, float]:
    """The surname level (and, for ``surname.similar``, the similarity) without the
    feature: what :func:`family_apart` needs, at a fraction of the cost."""
    sa, sb = a.name.surnames, b.name.surnames
    if not a.surnames or not b.surnames:
        return "surname.missing", 0.0
    if tuple(sorted(sa)) == tuple(sorted(sb)):
        return "surname.exact", 0.0
    if set(a.surnames) == set(b.surnames):
        return "surname.translit", 0.0
    if set(a.bare_surnames) == set(b.bare_surnames):
        return "surname.particle", 0.0
    if set(a.surnames) & set(b.surnames) or set(a.bare_surnames) & set(b.bare_surnames):
        return "surname.part", 0.0
    if _particle_joined(a, b):
        return "surname.particle_joined", 0.0
    # typos are counted on the folded spelling as well as the transliterated one ('Haan'
    # -> 'Halan' is one typo; their canonical forms 'han'/'halan' are two apart)
    fa = tuple(x.replace(" ", "") for x in sa)
    fb = tuple(x.replace(" ", "") for x in sb)
    xa, xb = "".join(a.surnames), "".join(b.surnames)
    if any(_close(x, y) for x in a.surnames + (xa,) for y in b.surnames + (xb,)) or any(
            _close(x, y) for x in fa + ("".join(fa),) for y in fb + ("".join(fb),)):
        return "surname.typo", 0.0
    best = max(JaroWinkler.similarity(x, y) for x in a.surnames for y in b.surnames)
    if best >= 0.88:
        return "surname.similar", best
    return "surname.different", 0.0


def _particle_joined(a: Prepared, b: Prepared) -> bool:
    """Whether one side writes the other's tussenvoegsel glued to its surname
    (``Vanderheuvel`` / ``van der Heuvel``, ``Terhorst`` / ``ter Horst``, ``Vandam`` /
    ``van Dam``): Belgian, American and sloppy HR systems write it so, and an auditor reads
    one surname.  Both sides have one core surname, only one has a tussenvoegsel, and the
    glued word is the particles and the core written together (canonical, so ``van 't
    Hof`` / ``Vanthof`` too).  A level of its own, a little under ``surname.particle``:
    ``Vandenberg`` and ``Devries`` are also Dutch surnames written as one word, so the
    other fields decide as always (and ``Piet Vandenberg`` at ``Jan van den Berg``'s
    address is his household, as ``Piet van den Berg`` would be)."""
    if len(a.surnames) != 1 or len(b.surnames) != 1:
        return False
    ta, tb = a.name.tussenvoegsel, b.name.tussenvoegsel
    if bool(ta) == bool(tb):
        return False
    glued, split = (a, b) if tb else (b, a)
    return glued.surnames[0] == _joined_surname(split.name)


def _joined_surname(pn: PersonName) -> str:
    """The tussenvoegsel and the (only) core surname written as one word, canonical
    (``van der Heuvel`` -> ``vanderheuvel``); empty without a tussenvoegsel."""
    if not pn.tussenvoegsel or len(pn.surnames) != 1:
        return ""
    return canon(pn.tussenvoegsel + pn.surnames[0])


def _with_particles(pn: PersonName) -> str:
    """The surname with its tussenvoegsel, for display (``van der Heuvel``)."""
    core = " / ".join(x.title() for x in pn.surnames)
    return f"{pn.tussenvoegsel} {core}" if pn.tussenvoegsel else core


def _initials_fit(x: str, y: str) -> bool:
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    it = iter(long_)
    return all(c in it for c in short)


def _given(a: Prepared, b: Prepared, w: Mapping[str, float], level: str | None = None
           ) -> Feature:
    show = {"a": " ".join(a.name.given_names).title() or a.initials.upper(),
            "b": " ".join(b.name.given_names).title() or b.initials.upper()}
    return _f(level or _given_level(a, b), w, **show)


def _given_level(a: Prepared, b: Prepared) -> str:
    """The given-name level, without the feature (see :func:`_surname_level`)."""
    ga, gb = a.given, b.given
    if not a.initials or not b.initials:
        return "given.missing"
    fa_raw = _given_parts(a.name)
    fb_raw = _given_parts(b.name)
    if ga and gb:
        if fa_raw == fb_raw or (fa_raw[0] == fb_raw[0] and a.initials == b.initials):
            return "given.exact"
        if ga[0] == gb[0]:
            return "given.translit" if fa_raw[0] != fb_raw[0] else "given.part"
        if len(ga) > 1 and ga != gb and sorted(ga) == sorted(gb):
            return "given.different"  # 'Jan-Willem' / 'Willem-Jan': another given name
        if set(ga) & set(gb) and (set(ga) <= set(gb) or set(gb) <= set(ga)):
            # one side's given names are among the other's ('Jan' / 'Pieter Jan'); two
            # lists that each have a name the other lacks and share another ('Jan Pieter' /
            # 'Kees Pieter': twins named after one grandfather) are other given names
            return "given.part"
        if any(call_name_pair(x, y) for x in ga for y in gb):  # x != y: a name both
            return "given.call_name"                              # carry is no call name
        if len(ga) != len(gb) and ga[0][:1] == gb[0][:1] and canon(
                "".join(fa_raw)) == canon("".join(fb_raw)):
            # one double given name written together on a side and apart or hyphenated on
            # the other ('Annemarie' / 'Anne-Marie', 'Fatimazahra' / 'Fatima Zahra'): the
            # same given names, not another one (which made a twin of 'Janwillem Bakker-de
            # Boer' and 'Jan-Willem Bakker', and no partner's surname of 'Annemarie de
            # Vries' and 'Anne-Marie Jansen'); with the surname the same, name.spacing
            # already sees the whole name so.  Before the typo test: 'Pieterjan' is within
            # its reach of 'Pieter', and two names people carry would make that a twin
            return "given.joined"
        x, y = fa_raw[0], fb_raw[0]
        if (_close(ga[0], gb[0]) or _close(x, y) or JaroWinkler.similarity(ga[0], gb[0]) >= 0.92
                or (min(len(x), len(y)) >= 5 and OSA.distance(x, y, score_cutoff=2) <= 2)):
            return "given.typo"
        return "given.different"
    # initials on at least one side
    ia, ib = a.initials, b.initials
    if ia[0] == ib[0] and _initials_fit(ia, ib):
        # 'M.S.' against the single name 'Maria': the S stands for nothing on the other side
        ini_side, full_side = (a, b) if not ga else (b, a)
        unexplained = bool(full_side.given) and len(ini_side.initials) > len(full_side.initials)
        return "given.initials_partial" if unexplained else "given.initials"
    full = ga or gb
    ini = ib if ga else ia
    reg = _registered_initials()
    if full and any(ini[0] in reg.get(n, ()) for n in full[:1]):
        return "given.initial_call"
    # (initials in another order, 'J.W.' / 'W.J.', are another person's initials, as 'Jan
    # Willem' / 'Willem Jan' are another given name: registers keep the order)
    return "given.different"


def _swapped(a: Prepared, b: Prepared, freq: NameFrequencies | None = None) -> str | None:
    """Given name and surname swapped: the same name words, read the other way round.

    ``name.swapped`` when one of the two words is the same and the other one typing error
    apart (or both the same); ``name.swapped_typo`` when each of the two is one typing error
    apart (FEBRL: ``Imogen Filipov`` / ``Fikipov Imoegn``), a weaker level: three errors in
    one name.  Not a swap when a word that differs is, on each side, a name that people
    carry (``Tim Jansen`` / ``Jansen Tom``: twins, one written surname first; see
    :func:`_both_carried`; only with name frequencies).  Also ``name.swapped`` for the same
    words with the surname moved from the end to the front (:func:`_rotated`: ``Tran Thi
    Hoa`` / ``Thi Hoa Tran``).  None otherwise."""
    if not a.given or not b.given or not a.surnames or not b.surnames:
        return None
    ga, sa, gb, sb = a.given[0], a.surnames[0], b.given[0], b.surnames[0]
    if ga == sa or gb == sb:
        return None
    # a typo is counted on the written spelling too ('Jacl' / 'Jack': canonical 'jacl' /
    # 'jak' are two apart, the written words one)
    ra, rb = _written(a), _written(b)
    if not ((ga == sb or _close(ga, sb) or _close(ra[0], rb[1])) and (
            sa == gb or _close(sa, gb) or _close(ra[1], rb[0]))):
        return "name.swapped" if _rotated(a, b) else None
    if freq is not None and any(_both_carried(x, y, freq) for x, y in ((ga, sb), (sa, gb))):
        return None
    if ga == sb or sa == gb:
        return "name.swapped"
    # a typo in each of the two words: the given names must not be one letter apart
    # names of their own (checked above) and the words long enough to say something
    if min(len(ga), len(sb), len(sa), len(gb)) < 3:
        return None
    return "name.swapped_typo"


def _word_letters(x: Prepared) -> tuple[str, frozenset[int]]:
    """The letters of the given names and surnames as written (folded, no spaces or
    hyphens), and the positions in them where a word starts."""
    words = [w for g in x.name.given_names for w in _SPLIT_WORDS.split(g)]
    words += [w for s in x.name.surnames for w in s.split()]
    words = [fold_text(w).replace("'", "") for w in words]
    starts, at = set(), 0
    for w in words:
        starts.add(at)
        at += len(w)
    return "".join(words), frozenset(starts)


def _rotated(a: Prepared, b: Prepared) -> bool:
    """The same name words with the surname moved from the end to the front, the order of
    Chinese, Vietnamese and Hungarian names (``Tran Thi Hoa`` / ``Thi Hoa Tran``, ``Wang
    Xiao Ming`` / ``Xiaoming Wang``): one name written in its own order and in the Dutch
    one.  The words moved are whole words on both sides; a space put in or left out inside
    the given names does not matter (``Xiao Ming`` / ``Xiaoming``)."""
    ja, sa = _word_letters(a)
    jb, sb = _word_letters(b)
    if ja == jb or len(ja) != len(jb) or len(ja) < 6:
        return False
    return any(i and jb[i:] + jb[:i] == ja and len(jb) - i in sa for i in sb)


#: A given name is a name in its own right, not a typo, when at least this many of the
#: names being matched carry it, and at least this share of what a typical given name has
TWO_NAMES_MIN = 3
TWO_NAMES_SHARE = 0.25


def _two_names(a: Prepared, b: Prepared, freq: NameFrequencies) -> bool:
    """Whether a one-letter difference in the first given name is two names that people
    carry (``Tim`` / ``Tom``, ``Anna`` / ``Hanna``: twins) rather than a typo (``Jacl`` /
    ``Jack``): each is about as common as a typical given name of the data (a typo of a
    common name recurs now and then, but far less often than the names themselves), or
    each is a registered name of the call-name dictionary (``Johanna`` / ``Hanna``).

    Why the dictionary too: whether a name is common depends on the data it is counted
    on; twins ``Johanna`` and ``Hanna Hendriks`` (one birth date, one address) were two
    people in one set and one person (``given.typo``, 31) when 300 more pairs of other
    names were added to it, which made a typical name more common and ``Hanna`` relatively
    rarer (the bench's Dutch pairs, twentieth session).  The dictionary's header says
    registered names are names people carry and such twins stay two people."""
    x, y = a.given[0], b.given[0]
    return _both_carried(x, y, freq) or _both_registered(x, y)


def _both_registered(x: str, y: str, names: CallNames | None = None) -> bool:
    """Whether two different canonical given names are each a registered form in the
    call-name dictionary (``Johanna`` / ``Hanna``; not ``Hans``, a call name only).

    >>> _both_registered(canon("Johanna"), canon("Hanna")), _both_registered("jan", "jans")
    (True, False)
    """
    reg = (names or call_names()).registered
    return x != y and x in reg and y in reg


def _both_carried(x: str, y: str, freq: NameFrequencies) -> bool:
    """Whether two different given names are each carried by enough of the names being
    matched to be names of their own, not one a typo of the other (see :func:`_two_names`)."""
    least = max(TWO_NAMES_MIN, TWO_NAMES_SHARE * freq.usual_given)
    return x != y and freq.count([x]) >= least and freq.count([y]) >= least


def _written(x: Prepared) -> tuple[str, str]:
    """The first given name and the first surname as written (folded, no spaces)."""
    given = next(iter(_given_parts(x.name)), "")
    return (fold_text(given).replace(" ", ""),
            fold_text(x.name.surnames[0]).replace(" ", "") if x.name.surnames else "")


def _spacing(a: Prepared, b: Prepared, freq: NameFrequencies | None = None) -> str | None:
    """The same letters of the whole name with a space put elsewhere (``Benj Amin Wyllie``
    / ``Benjamin Wyllie``, ``Van Der Berg`` / ``Vander Berg``, ``Stanfield`` / ``Stan
    Field``): one name typed twice, ``name.spacing``.  Both sides need a surname and at
    least one a given name, and another split of the words than the other side (an
    identical split is compared part by part).

    ``name.spacing_typo``: a space put in or left out *and* one typing error in the letters
    of the whole name (FEBRL: ``Yam In Quilliam`` / ``Yasmin Quilliam``, ``Paul Cole Man``
    / ``Palu Coleman``; compared part by part, the stray space makes another given name or
    surname: a twin, or no name in common).  Not when the words only one side has, and
    those only the other has, are each a name that people carry (``Jo Anne`` / ``Joanna``:
    two given names, twins; only with name frequencies).  None otherwise."""
    if not ((a.given or b.given) and a.surnames and b.surnames):
        return None
    wa = [*(p for g in a.name.given_names for p in g.split()), *a.name.surnames]
    wb = [*(p for g in b.name.given_names for p in g.split()), *b.name.surnames]
    ja = fold_text("".join(wa)).replace(" ", "").replace("-", "")
    jb = fold_text("".join(wb)).replace(" ", "").replace("-", "")
    if ja == jb:
        return "name.spacing" if len(ja) >= 6 and [fold_text(w) for w in wa] != [
            fold_text(w) for w in wb] else None
    # (the cheap tests first: this runs for every pair of household members)
    if len(ja) < 8 or len(jb) < 8 or abs(len(ja) - len(jb)) > 1 or OSA.distance(
            ja, jb, score_cutoff=1) > 1:
        return None
    ka = [x for w in wa for x in _SPLIT_WORDS.split(fold_text(w)) if x]
    kb = [x for w in wb for x in _SPLIT_WORDS.split(fold_text(w)) if x]
    if len(ka) == len(kb):
        return None
    if freq is not None:
        only_a = [x for x in ka if x not in kb]
        only_b = [x for x in kb if x not in ka]
        if only_a and only_b and _both_carried(canon("".join(only_a)), canon("".join(only_b)),
                                              freq):
            return None
    return "name.spacing_typo"


_SPLIT_WORDS = re.compile(r"[\s-]+")


def _one_word(a: Prepared, b: Prepared, freq: NameFrequencies | None = None) -> str | None:
    """One side is a single name word (``Ethan``) that is the other side's first given name:
    the source had no surname field filled, not another surname.  ``name.one_word`` when the
    word is that given name, ``name.one_word_typo`` when it is one typing error from it
    (``Jessj`` / ``Jesse Tenant``), unless the name frequencies show two given names people
    carry (``Tim`` / ``Tom Jansen``: twins, see :func:`_two_names`); None otherwise."""
    for x, y in ((a, b), (b, a)):
        if x.initials or len(x.surnames) != 1 or x.name.tussenvoegsel \
                or " " in x.name.surnames[0] or not y.given:
            continue
        word = x.surnames[0]
        if word in y.given:
            return "name.one_word"
        other = y.given[0]
        if len(word) >= 4 and _close(word, other) and word != other and not (
                freq is not None and _both_carried(word, other, freq)):
            return "name.one_word_typo"
    return None


def _birth(a: Prepared, b: Prepared, w: Mapping[str, float], level: str | None = None
           ) -> Feature:
    x, y = a.birth, b.birth
    if x is None or y is None:
        ya, yb = a.birth_year, b.birth_year
        if ya is not None and yb is not None:  # a year known on a side, not its day
            return _f(level or _year_level(ya, yb), w, a=x.isoformat() if x else ya,
                      b=y.isoformat() if y else yb)
        return _f("birth.missing", w, a=x or "", b=y or "")
    return _f(level or _birth_level(x, y), w, a=x.isoformat(), b=y.isoformat())


def _year(v: object) -> int | None:
    """A record's ``birth_year`` as an int (None, NaN, 0 and ``pd.NA``: no year)."""
    if v is None or is_missing(v):
        return None
    return int(v) or None  # type: ignore[call-overload]


def _year_level(ya: int, yb: int) -> str:
    """The birth level when a side knows only its birth year: the same year is
    ``birth.year_only`` (weak evidence: many namesakes are born in one year, so it is no
    support on its own, :data:`_SUPPORT`), another year ``birth.different``."""
    return "birth.year_only" if ya == yb else "birth.different"


def _birth_level_of(a: Prepared, b: Prepared) -> str:
    """The birth level of two prepared records: of their dates, or of their years when a
    side knows only the year."""
    if (a.birth is None or b.birth is None) and a.birth_year is not None \
            and b.birth_year is not None:
        return _year_level(a.birth_year, b.birth_year)
    return _birth_level(a.birth, b.birth)


def _birth_level(x: dt.date | None, y: dt.date | None) -> str:
    """The birth-date level of two dates, without the feature."""
    if x is None or y is None:
        return "birth.missing"
    if x == y:
        return "birth.exact"
    if x.year == y.year and x.day == y.month and x.month == y.day:
        return "birth.swapped"
    dist = OSA.distance(_ymd(x), _ymd(y), score_cutoff=2)
    if dist <= 1:
        return "birth.one_digit"
    # (neither is support, _SUPPORT: only beside an address or identifier do they count)
    if abs(x.year - y.year) == 1 and x.month == y.month and x.day == y.day:
        return "birth.year_off"  # 1979-03-12 / 1980-03-12: the year typed one off
    if dist <= 2 and abs(x.year - y.year) <= 1:
        return "birth.two_digits"  # 1978-08-19 / 1978-09-18
    if x.year == y.year:
        return "birth.year"
    return "birth.different"


def _address(a: Prepared, b: Prepared, w: Mapping[str, float], level: str | None = None
             ) -> Feature:
    code = level or _address_level(a, b)
    if code == "address.missing":
        return _f(code, w)
    if a.address and b.address and code in ("address.exact", "address.postcode",
                                            "address.different"):
        pa, pb = a.address.split("|"), b.address.split("|")
        show = {"a": " ".join(p for p in pa if p), "b": " ".join(p for p in pb if p)}
    else:  # compared on street and city
        show = {"a": a.street_city.replace("|", ", "), "b": b.street_city.replace("|", ", ")}  # type: ignore[union-attr]
    return _f(code, w, **show)


def _address_level(a: Prepared, b: Prepared) -> str:
    """The address level, without the feature."""
    if a.address and b.address:
        if a.address.split("|")[:2] == b.address.split("|")[:2]:
            return "address.exact"
        if a.street_city and a.street_city == b.street_city:  # a typo in one postcode
            return "address.street_city"
        if a.postcode == b.postcode:
            return "address.postcode"
        if _street_typo(a.street_city, b.street_city):
            return "address.typo"
        return "address.different"
    if a.street_city and b.street_city:
        if a.street_city == b.street_city:
            return "address.street_city"
        if _street_typo(a.street_city, b.street_city):
            return "address.typo"
        return "address.different"
    return "address.missing"


@lru_cache(maxsize=100_000)
def _street_parts(sc: str) -> tuple[str, str, str]:
    """``street number|city`` -> (street without spaces, number, city without spaces)."""
    street, _, city = sc.partition("|")
    street, _, number = street.rstrip().rpartition(" ")
    return street.replace(" ", ""), number, city.replace(" ", "")


def _street_typo(x: str | None, y: str | None) -> bool:
    """The same house number and a typo (or a space) in the street or city name: one
    address typed twice (``Kerkstraat 10|Ede`` / ``Kerk straat 10|Ede``, ``Kerkstrat``).  The
    number must be the same: ``Kerkstraat 1`` and ``Kerkstraat 11`` are neighbours."""
    if not x or not y or x == y:
        return False
    sx, nx, cx = _street_parts(x)
    sy, ny, cy = _street_parts(y)
    if not nx or nx != ny or not sx or not sy or not cx or not cy:
        return False
    ds = 0 if sx == sy else OSA.distance(sx, sy, score_cutoff=3)
    dc = 0 if cx == cy else OSA.distance(cx, cy, score_cutoff=3)
    if ds + dc == 0:
        return True
    return ds + dc <= (2 if min(len(sx), len(sy)) >= 8 else 1)


@lru_cache(maxsize=100_000)
def _ymd(d: dt.date) -> str:
    """``d.strftime("%Y%m%d")`` once per distinct date (strftime is slow)."""
    return d.strftime("%Y%m%d")


def _email_typo(x: str, y: str) -> bool:
    """Whether two e-mail addresses are one address typed with an error: the same domain
    and a typo in a local part of four or more characters as :func:`_close` reads one in a
    name (one edit: a letter added, left out, replaced, or two neighbours swapped; two in
    six or more: ``robert255@smith.net`` / ``roberta25@smith.net``), or the same local part
    and one edit in the domain (``jan@gmial.com``).

    Not when the local parts differ only in digits (``jan.jansen1@`` / ``jan.jansen2@``,
    ``jan.jansen@`` / ``jan.jansen1@``): numbered addresses are the way two people of one
    name get one at the same provider.  A household's addresses are often one letter apart
    too (``jan.jansen@`` / ``jana.jansen@``): that is why ``email.typo`` is no evidence on
    its own (not in :data:`_SUPPORT` or :data:`_CORROBORATION`) and the family rules still
    decide."""
    lx, at_x, dx = x.lower().rpartition("@")
    ly, at_y, dy = y.lower().rpartition("@")
    if not (at_x and at_y and lx and ly and dx and dy) or (lx, dx) == (ly, dy):
        return False
    if dx == dy:
        if min(len(lx), len(ly)) < 4 or _no_digits(lx) == _no_digits(ly):
            return False
        return _close(lx, ly)
    return lx == ly and OSA.distance(dx, dy, score_cutoff=1) <= 1


def _no_digits(s: str) -> str:
    return s.translate(_DIGITS_OUT)


_DIGITS_OUT = str.maketrans("", "", "0123456789")
_NOT_DIGIT = re.compile(r"\D+")


def _phone_typo(x: str, y: str) -> bool:
    """Whether two phone numbers are one number typed with one error: as many digits (nine
    or more), one digit replaced or two neighbours swapped (``0612345678`` /
    ``0612345687``).  Weak (``phone.typo``, no evidence on its own): a family's mobile
    numbers are often consecutive, one digit apart."""
    dx, dy = _NOT_DIGIT.sub("", x), _NOT_DIGIT.sub("", y)
    if len(dx) != len(dy) or len(dx) < 9 or dx == dy:
        return False
    return OSA.distance(dx, dy, score_cutoff=1) <= 1


def has_support(a: Prepared, b: Prepared) -> bool:
    """Whether :func:`compare` could find evidence beyond the name (a birth date equal,
    swapped or one digit off, the same address, a shared identifier).  Without it the band
    is ``none`` whatever the names say, so a matcher may skip the comparison; this mirrors
    the levels of :func:`_birth`, :func:`_address` and the identifiers exactly."""
    x, y = a.birth, b.birth
    if x is not None and y is not None and (
            x == y or (x.year == y.year and x.day == y.month and x.month == y.day)
            or OSA.distance(_ymd(x), _ymd(y)) <= 1):
        return True
    if (x is None or y is None) and a.birth_year is not None \
            and a.birth_year == b.birth_year:
        return True  # birth.year_only
    if a.address and b.address and a.address.split("|")[:2] == b.address.split("|")[:2]:
        return True
    if a.street_city and b.street_city and (a.street_city == b.street_city or (
            not (a.address and b.address
                 and a.address.split("|")[0] == b.address.split("|")[0])
            and _street_typo(a.street_city, b.street_city))):
        return True
    return bool((a.iban and a.iban == b.iban) or (a.email and a.email == b.email)
                or (a.phone and a.phone == b.phone))


class Levels(NamedTuple):
    """The level of each field of a pair (:func:`levels`): the codes :func:`compare` gives
    its features, computed without building them."""

    surname: tuple[str, float]  # the code, and the similarity of ``surname.similar``
    given: str
    birth: str
    address: str


def levels(a: Prepared, b: Prepared) -> Levels:
    """The surname, given-name, birth-date and address levels of a pair."""
    return Levels(_surname_level(a, b), _given_level(a, b), _birth_level_of(a, b),
                  _address_level(a, b))


def family_apart(a: Prepared, b: Prepared, use_address: bool = True) -> bool:
    """Whether :func:`compare` gives the pair a ``family.*`` feature (band ``none``, whatever
    else it finds), decided on as few field levels as it takes.

    Why: relatives matched against relatives compare thousands of household members (same
    surname and address, another given name) and parents with children (births 15 or more
    years apart); deciding that before the features are built saves most of the work.
    ``use_address=False``: the household rule does not count (the matcher drops it with
    the address), the twin and generation rules do.  The conditions are the ones in
    :func:`compare`; ``tests/test_matching_bulk.py`` checks the two agree."""
    x, y = a.birth, b.birth
    ya, yb = a.birth_year, b.birth_year
    if ya is not None and yb is not None and abs(ya - yb) >= FAMILY_GENERATION_YEARS:
        return True  # other years: the birth level is one_digit or different
    if _junior_senior(a, b) or _other_sex(a, b):
        return True
    if _surname_level(a, b)[0] not in _SAME_SURNAME:
        return False
    if not (x is not None and x == y) and not (use_address and _address_level(a, b) in (
            "address.exact", "address.street_city", "address.typo")):
        return False
    # (a typo between two common given names becomes another given name only with name
    # frequencies, in compare; here it is not family, so compare decides)
    return _given_level(a, b) == "given.different" and not _spacing(a, b)


def compare(a: Prepared, b: Prepared, weights: Mapping[str, float], match_threshold: float,
            review_threshold: float, frequencies: NameFrequencies | None = None,
            lv: Levels | None = None) -> Comparison:
    """Compare two prepared records: every feature, the total weight and the band.
    ``frequencies`` (of the records being matched) weigh an agreeing name by how common
    it is; without them names weigh their level's default.  ``lv``: the pair's
    :func:`levels`, when the caller has them already."""
    w = weights
    feats: list[Feature] = []
    if lv is None:
        lv = levels(a, b)
    sur = _surname(a, b, w, lv.surname)
    giv = _given(a, b, w, lv.given)
    if giv.code == "given.typo" and frequencies is not None and _two_names(a, b, frequencies):
        giv = _f("given.different", w, **dict(giv.params))
    if not (sur.code in _SAME_SURNAME and giv.code in _GIVEN_TF) and (
            spaced := _spacing(a, b, frequencies)):
        feats.append(_f(spaced, w, a=a.name.display, b=b.name.display))
        if frequencies is not None and spaced == "name.spacing":
            feats += _frequency(a, b, "surname.exact", "given.exact", w, frequencies)
    elif sur.code in ("surname.different", "surname.similar", "surname.typo") and (
            swap := _swapped(a, b, frequencies)):
        feats.append(_f(swap, w, a=a.name.display, b=b.name.display))
        if frequencies is not None and swap == "name.swapped":  # the same two values, read
            # the other way round (a typo in each is no value to count)
            n = frequencies.pair_count(a.given[0], a.surnames[0])
            if n:
                feats.append(frequencies.feature("name", n, a.name.display.title()))
    elif sur.code == "surname.different" and giv.code == "given.missing" and (
            one := _one_word(a, b, frequencies)):
        feats.append(_f(one, w, a=a.name.display, b=b.name.display))
        if frequencies is not None and one == "name.one_word":  # the other's given name
            word = next(x.surnames[0] for x in (a, b) if not x.initials)
            feats.append(frequencies.feature("given", frequencies.count([word]), word.title()))
    elif sur.code == "surname.different" and giv.code in ("given.exact", "given.typo",
                                                          "given.joined"):
        # the same given names (or one typo in them, or written together on a side) under
        # another surname: a surname taken from a partner (or given up again), not another
        # person's name
        feats.append(_f("name.surname_changed", w, a=a.name.display, b=b.name.display))
    else:
        feats += [sur, giv]
        if frequencies is not None:
            feats += _frequency(a, b, sur.code, giv.code, w, frequencies)
    birth = _birth(a, b, w, lv.birth)
    addr = _address(a, b, w, lv.address)
    feats += [birth, addr]
    for kind in ("iban", "email", "phone"):
        x, y = getattr(a, kind), getattr(b, kind)
        if x and y:
            if x == y:
                feats.append(_f(f"{kind}.same", w, value=x))
            elif kind == "email" and _email_typo(x, y):
                feats.append(_f("email.typo", w, a=x, b=y))
            elif kind == "phone" and _phone_typo(x, y):
                feats.append(_f("phone.typo", w, a=x, b=y))
    # family: evidence against that no other evidence outweighs (not for one name typed
    # with a space elsewhere: its parts only look like another given name)
    other_given = giv.code == "given.different" and feats[0].code not in (
        "name.spacing", "name.spacing_typo")
    if sur.code in _SAME_SURNAME and other_given and birth.code == "birth.exact":
        feats.append(_f("family.twin", w))
    if sur.code in _SAME_SURNAME and other_given and addr.code in (
            "address.exact", "address.street_city", "address.typo"):
        feats.append(_f("family.household", w))
    if (birth.code in ("birth.different", "birth.one_digit") and a.birth_year is not None
            and b.birth_year is not None
            and abs(a.birth_year - b.birth_year) >= FAMILY_GENERATION_YEARS):
        # (a year known without its day counts: a parent born 1940, a child in 1965)
        feats.append(_f("family.generation", w, years=abs(a.birth_year - b.birth_year)))
    if _junior_senior(a, b):
        feats.append(_f("family.junior_senior", w, a=a.name.generation + ".",
                        b=b.name.generation + "."))
    if _other_sex(a, b):
        feats.append(_f("family.other_sex", w))
    return decide(feats, match_threshold, review_threshold,
                  frequencies.rare_max_names if frequencies is not None else None)


def _junior_senior(a: Prepared, b: Prepared) -> bool:
    """Whether one name is written ``jr.`` and the other ``sr.`` (``Jan Jansen jr.`` /
    ``Jan Jansen sr.``): the son and his father, two people however alike the rest is
    (they often share the name, the address and, in a sloppy system, no birth date)."""
    x, y = a.name.generation, b.name.generation
    return bool(x and y and x != y)


def _other_sex(a: Prepared, b: Prepared) -> bool:
    """Whether a salutation or title makes one a man and the other a woman (``Dhr.`` /
    ``Mevr.``, ``jhr.`` / ``jkvr.``): two people, such as partners who share a surname
    and an address, or a brother and sister who share an initial and a birth date."""
    x, y = a.name.sex, b.name.sex
    return bool(x and y and x != y)


def _frequency(a: Prepared, b: Prepared, sur: str, giv: str, w: Mapping[str, float],
               freq: NameFrequencies) -> list[Feature]:
    """The frequency features of an agreeing name: the surname and given name together when
    both agree on a value, else the one that does (levels that agree on a value: exact,
    transliterated, without a particle, one part; not typos, initials or call names)."""
    s_keys: set[str] = set()
    g_keys: set[str] = set()
    if sur in _SAME_SURNAME:
        s_keys = set(a.bare_surnames) & set(b.bare_surnames) or set(a.surnames) & set(b.surnames)
    if giv in _GIVEN_TF and a.given and b.given:
        g_keys = {a.given[0]} if a.given[0] == b.given[0] else set(a.given) & set(b.given)
    s_shown = _shown(a.name.surnames, s_keys, bare=True) if s_keys else ""
    g_parts = _given_parts(a.name)
    g_shown = _shown(g_parts, g_keys) if g_keys else ""
    if s_keys and g_keys:
        n = min(freq.pair_count(x, y) for x in s_keys for y in g_keys)
        if n:
            return [freq.feature("name", n, f"{g_shown} {s_shown}")]
    out = []
    if s_keys:
        out.append(freq.feature("surname", freq.count(s_keys), s_shown))
    if g_keys:
        out.append(freq.feature("given", freq.count(g_keys), g_shown))
    return out


def _shown(names: tuple[str, ...], keys: set[str], bare: bool = False) -> str:
    """The written form of the name whose canonical key is among ``keys`` (for display)."""
    for n in names:
        forms = {canon(n)}
        if bare:
            forms.add(canon(" ".join(x for x in n.split() if x not in _NAME_PARTICLES) or n))
        if forms & keys:
            return n.title()
    return " / ".join(sorted(keys))


def decide(features: Iterable[Feature], match_threshold: float, review_threshold: float,
           rare_max_names: int | None = None) -> Comparison:
    """The total weight and band of a list of features (:func:`compare`; also used again
    when a caller leaves some features out, e.g. ``use_address: false``).

    ``rare_max_names``: a name that at most this many names carry (a ``frequency.*``
    feature's ``count``) is rare enough to corroborate a near birth date; None (no name
    frequencies known): a name never is.

    >>> near = [Feature("surname.exact", (), 8.0), Feature("given.exact", (), 6.0),
    ...         Feature("birth.one_digit", (), 6.0)]
    >>> c = decide(near, 20, 17)
    >>> c.band, c.weight, c.features[-1].code
    ('possible', 20.0, 'limit.near_birth')
    >>> decide(near + [Feature("address.exact", (), 6.0)], 20, 17).band
    'match'
    >>> rare = Feature("frequency.surname", (("value", "Kuijpers"), ("count", "2")), 1.5)
    >>> decide(near + [rare], 20, 17, rare_max_names=2).band
    'match'
    """
    feats = [f for f in features if f.code not in (LIMIT_NEAR_BIRTH, LIMIT_YEAR_ONLY)]
    total = round(sum(f.weight for f in feats), 2)
    codes = {f.code for f in feats}
    if any(c.startswith("family.") for c in codes) or not (codes & _SUPPORT):
        band = "none"
    elif total >= match_threshold:
        band = "match"
    elif total >= review_threshold:
        band = "possible"
    else:
        band = "none"
    if band == "match" and codes & _NEAR_BIRTH and not codes & _CORROBORATION:
        counts = [int(dict(f.params).get("count", 0)) for f in feats
                  if f.code.startswith("frequency.")]
        if rare_max_names is None or not counts or min(counts) > rare_max_names:
            band = "possible"
            feats.append(Feature(LIMIT_NEAR_BIRTH, (), 0.0))
    if band == "match" and "birth.year_only" in codes and not codes & _CORROBORATION:
        band = "possible"  # a rare name does not lift it: a year is not a day
        feats.append(Feature(LIMIT_YEAR_ONLY, (), 0.0))
    return Comparison(total, band, tuple(feats))
