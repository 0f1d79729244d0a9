"""Record matching with reasons: is this applicant, KvK officer or relative one of our people?

Every match says *why* two records were taken to be one person, feature by feature: each
field is compared on levels with a weight (:mod:`coi_graph.match.compare`), the total puts
the pair in a band (``match``, ``possible``, none), family patterns (twins, household,
a generation apart) keep relatives apart, and a reviewer's judgement
(:mod:`coi_graph.outputs.match_judgements`) overrules the score for one pair of records.
:mod:`coi_graph.match.explain` renders the features in Dutch or English.

Records are compared only within blocks (a name word with the birth date or address, a
surname with part of the birth date, the birth date with the address, its postcode or its
house number, an identifier), so matching stays about linear; the
probes that share no block with any reference are found on whole columns
(:mod:`coi_graph.match.bulk`) and never looked at one by one.

>>> from coi_graph.policy import MatchingPolicy
>>> import datetime as dt
>>> pol = MatchingPolicy()
>>> a = PersonRecord("applicant:D1", "A.M. de Vries", dt.date(1980, 5, 1), None)
>>> e = PersonRecord("employee:E1", "Vries, Anna Maria de", dt.date(1980, 5, 1), None)
>>> [(m.reference, m.score, m.reason, m.band, m.fuzzy) for m in match_people([a], [e], pol)]
[('employee:E1', 26.0, 'same name + birth date', 'match', True)]
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, TypeVar

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, JaroWinkler

from ..collector import collector_paused
from ..normalise.names import (
    PersonName,
    fold_text,
    normalize_org_name,
    org_cut_words,
    org_place_names,
    split_trade_name,
    parse_name,  # noqa: F401  (compare_names' doctest)
    surname_keys,
)
from .compare import (
    Comparison,
    _date,
    _text,
    _year,
    _ymd,
    Feature,
    NameFrequencies,
    PersonRecord,
    Prepared,
    UsualKeys,
    UsualTally,
    compare,
    decide,
    family_apart,
    has_support,
    name_words,
    pair_id,
    prepare,
    usual_keys,
    usual_tally,
)
from .explain import explain
from . import bulk
from ..policy import MatchingPolicy

__all__ = [
    "PersonRecord",
    "NameComparison",
    "Match",
    "OrgMatch",
    "compare_names",
    "match_people",
    "match_within",
    "match_columns",
    "match_organizations",
    "INITIALS_SCORE",
    "MISSING_GIVEN_SCORE",
    "HYPHEN_PART_SCORE",
    "MIN_SPELLING_SCORE",
    "ORG_AMBIGUITY_MARGIN",
    "REASON_ORG_PLACE",
]

#: Score when the given names match only on initials (``A.M.`` ~ ``Anna``).
INITIALS_SCORE = 0.85
#: Score when one side (or both) has no given names or initials at all.
MISSING_GIVEN_SCORE = 0.7
#: Score when one first given name is the first part of the other's (``Anne`` ~ ``Anne-Marie``).
HYPHEN_PART_SCORE = 0.9
#: Lowest Jaro-Winkler similarity of first given names that counts as a spelling variant.
MIN_SPELLING_SCORE = 0.9
#: A similar organization name is only taken when it beats the runner-up by this much.
ORG_AMBIGUITY_MARGIN = 0.03

REASON_BIRTH_DATE = "same name + birth date"
REASON_ADDRESS = "same name + address"
REASON_IDENTIFIER = "same name + identifier"
REASON_CONFIRMED = "confirmed by a reviewer"
REASON_POSSIBLE = "possible same person"
REASON_REJECTED = "rejected by a reviewer"


@dataclass(frozen=True)
class NameComparison:
    """How alike two names are (0-1), why, and whether only initials/spelling matched."""

    score: float
    detail: str
    fuzzy: bool


@dataclass(frozen=True)
class Match:
    """A probe record taken to be the same person as a reference record, with the reason."""

    probe: str
    reference: str
    score: float
    reason: str
    detail: str
    fuzzy: bool
    band: str = "match"
    features: tuple[Feature, ...] = ()
    pair_id: str = ""
    judgement: Judgement | None = None


@dataclass(frozen=True)
class Judgement:
    """A reviewer's decision on a pair of records (``confirm`` or ``reject``), as the scan
    follows it; ``coi_graph.outputs.match_judgements`` stores them."""

    decision: str
    by: str
    at: str
    why: str
    keys: tuple[str, str] | None = None


@dataclass(frozen=True)
class OrgMatch:
    """The vendor-master organization a free-text organization was matched to (or None).

    ``detail`` (an addition to the brief) says what was compared, also for ``no match``
    (e.g. which organizations made a name ambiguous).
    """

    probe: str
    org_id: str | None
    score: float
    reason: str
    detail: str = ""


# -- names ------------------------------------------------------------------------------


def compare_names(a: PersonName, b: PersonName) -> NameComparison:
    """Compare two parsed names; symmetric in score.

    1. They must share a core surname (tussenvoegsels are ignored, a difference is noted in
       the detail), else 0.
    2. Given names: identical given names -> 1.0; no given names or initials on a side ->
       0.7 (fuzzy); different first initials -> 0; initials that do not fit each other
       (``J.P.`` vs ``Jan Willem``: the shorter must be a subsequence of the longer) -> 0;
       full first given names equal -> 1.0; initials only on a side -> 0.85 (fuzzy);
       ``Anne`` vs ``Anne-Marie`` -> 0.9 (fuzzy); Jaro-Winkler similarity of the first given
       names >= 0.9 -> that similarity (fuzzy); else 0.

    >>> from coi_graph.normalise.names import parse_name
    >>> compare_names(parse_name("Jan de Vries"), parse_name("Vries, Jan de"))
    NameComparison(score=1.0, detail="surname 'vries' = 'vries'; given name 'jan' = 'jan'", fuzzy=False)
    >>> c = compare_names(parse_name("J. de Vries"), parse_name("Jan Vries"))
    >>> c.score, c.fuzzy, c.detail
    (0.85, True, "surname 'vries' = 'vries' (tussenvoegsel 'de' vs none); initial 'j' fits 'jan'")
    >>> compare_names(parse_name("Jan de Vries"), parse_name("Piet de Vries")).score
    0.0
    """
    kb = set(surname_keys(b))
    shared = [k for k in surname_keys(a) if k in kb]
    if not shared:
        return NameComparison(
            0.0,
            f"surname {_quote_list(a.surnames)} differs from {_quote_list(b.surnames)}",
            False,
        )
    sa = next(s for s in a.surnames if _compact(s) == shared[0])
    sb = next(s for s in b.surnames if _compact(s) == shared[0])
    parts = [f"surname '{sa}' = '{sb}'"]
    if a.tussenvoegsel != b.tussenvoegsel:
        parts[0] += (f" (tussenvoegsel {_quote(a.tussenvoegsel)} vs {_quote(b.tussenvoegsel)})")
    score, detail, fuzzy = _compare_given(a, b)
    parts.append(detail)
    return NameComparison(score, "; ".join(parts), fuzzy)


def _compare_given(a: PersonName, b: PersonName) -> tuple[float, str, bool]:
    ia, ib = a.initials, b.initials
    if a.given_names and _parts(a.given_names) == _parts(b.given_names) and ia == ib:
        ga, gb = " ".join(a.given_names), " ".join(b.given_names)
        return 1.0, f"given name '{ga}' = '{gb}'", False
    if not ia or not ib:
        side = "both sides" if not ia and not ib else "one side"
        return MISSING_GIVEN_SCORE, f"given names missing on {side}", True
    if ia[0] != ib[0]:
        return 0.0, f"first initial '{ia[0]}' differs from '{ib[0]}'", False
    if not _initials_fit(ia, ib):
        return 0.0, f"initials '{ia}' and '{ib}' do not fit", False
    fa, fb = _first_full(a), _first_full(b)
    if fa is None or fb is None:
        short_a = fa is None
        if short_a and fb is None:
            return INITIALS_SCORE, f"initials '{ia}' fit '{ib}'", True
        ini, full = (ia, fb) if short_a else (ib, fa)
        word = "initial" if len(ini) == 1 else "initials"
        verb = "fits" if len(ini) == 1 else "fit"
        shown = full if len(ini) == 1 else " ".join((b if short_a else a).given_names)
        return INITIALS_SCORE, f"{word} '{ini}' {verb} '{shown}'", True
    if fa == fb:
        return 1.0, f"given name '{fa}' = '{fb}'", False
    if fb.split("-")[0] == fa or fa.split("-")[0] == fb:
        part, whole = (fa, fb) if fb.split("-")[0] == fa else (fb, fa)
        return HYPHEN_PART_SCORE, f"given name '{part}' is part of '{whole}'", True
    x, y = sorted((fa, fb))
    sim = round(JaroWinkler.similarity(x, y), 4)
    if sim >= MIN_SPELLING_SCORE:
        return sim, f"given name '{fa}' ~ '{fb}' (spelling variant, {sim:.2f})", True
    return 0.0, f"given name '{fa}' differs from '{fb}' ({sim:.2f})", False


def _parts(given: tuple[str, ...]) -> list[str]:
    """Given names with hyphenated ones split: ``Anne-Marie`` = ``Anne Marie``."""
    return [p for g in given for p in g.split("-") if p]


def _first_full(n: PersonName) -> str | None:
    """The first given name when it is written in full (not ``J. Pieter``), else None."""
    if n.given_names and n.initials and n.given_names[0][:1] == n.initials[0]:
        return n.given_names[0]
    return None


def _initials_fit(x: str, y: str) -> bool:
    """Every initial of the shorter string occurs, in order, in the longer one."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) == len(long_):
        return short == long_
    it = iter(long_)
    return all(c in it for c in short)


def _compact(s: str) -> str:  # as surname_keys does
    return s.replace(" ", "").replace("'", "").replace("-", "").replace(".", "")


def _quote(s: str) -> str:
    return f"'{s}'" if s else "none"


def _quote_list(xs: tuple[str, ...]) -> str:
    return " / ".join(f"'{x}'" for x in xs) if xs else "(none)"


# -- people -----------------------------------------------------------------------------


def _as_text(v: object) -> str | None:
    return _text(v)  # the same, without pandas' isna on plain strings


_WORDS = re.compile(r"[^\w]+")


def possible_surname_keys(name: str) -> set[str]:
    """Every key ``surname_keys(parse_name(name))`` could give, and more: each folded word
    and each run of adjacent words written together.  A cheap superset, so
    a record that shares none of these with any reference need not be parsed.

    >>> sorted(possible_surname_keys("Mohamed El-Amrani"))
    ['amrani', 'el', 'elamrani', 'mohamed', 'mohamedel', 'mohamedelamrani']
    """
    words = [w for w in _WORDS.split(fold_text(name).replace("_", " ")) if w]
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def _rough_keys(r: PersonRecord) -> list[tuple[object, ...]]:
    """A cheap superset of :func:`_blocking_keys` from the raw record, without parsing the
    name: every name word and run of adjacent words (canonical).  A probe that shares none
    of these with any reference cannot share a blocking key, so it is never parsed.
    (:class:`_CoarseIndex` answers the same question without building the keys.)"""
    toks, _ = _rough_tokens(str(r.name or ""))
    p = Prepared(key=r.key, name=None, given=(), initials="", surnames=tuple(toks),  # type: ignore[arg-type]
                 bare_surnames=(), tokens=toks, birth=_date(r.birth_date),
                 address=_as_text(r.address_key), postcode=None,
                 street_city=_as_text(r.street_city), iban=_as_text(r.iban),
                 email=_as_text(r.email), phone=_as_text(r.phone),
                 birth_year=None if r.birth_date is None and r.birth_year is None else (
                     None if _date(r.birth_date) is not None else _year(r.birth_year)))
    return _blocking_keys(p, coarse=True)


@lru_cache(maxsize=400_000)
def _rough_tokens(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The rough tokens of a raw name (every word and run of up to four adjacent words,
    canonical, plus each word's first letter) and their letter pairs (as
    :func:`_letter_pairs` gives them for a rough record); once per distinct name."""
    words = [w for w in _WORDS.split(fold_text(name).replace("_", " ")) if w]
    toks = set(name_words(name))
    toks |= {w[0] for w in words}  # an initial is a folded letter ('Ch.' -> c, not canon g)
    firsts = sorted({t[0] for t in toks})
    pairs = frozenset(a + b for i, a in enumerate(firsts) for b in firsts[i:])
    return frozenset(toks), pairs


_NONE: frozenset[object] = frozenset()


class _Facts(NamedTuple):
    """What :func:`~coi_graph.match.compare.has_support` reads of a record, taken from the
    raw record as :func:`~coi_graph.match.compare.prepare` takes it (no name parsing)."""

    birth: dt.date | None
    address: str | None
    street_city: str | None
    iban: str | None
    email: str | None
    phone: str | None
    birth_year: int | None = None  # (the birth date's: only a dated probe is checked)


class _CoarseIndex:
    """The references' blocking keys taken apart by kind, so a probe's rough keys
    (:func:`_rough_keys`) can be checked with a few set intersections instead of being
    built one by one: ``might_match(r)`` == ``any(k in coarse for k in _rough_keys(r))``
    where ``coarse`` is ``{_coarse(k) for k in keys}``.

    ``might_match(r, support=True)`` is stricter and still loses nothing when no reviewer
    judgement is in play: a probe whose only shared keys are the date-typo ones (surname +
    birth year, or + day and month) passes only when one of those references has evidence
    beyond the name with it (``has_support``); without it every comparison would end in
    band ``none``.  The other key kinds (same birth date, address, identifier) are such
    evidence by themselves.

    The tables (``b``, ``b2``, ``y``, ``md``, ``a``, ``s``, ``ids``) are built on first use:
    the matcher decides on whole columns (:meth:`candidates`, built from ``index``) and
    never reads them."""

    _TABLES = frozenset({"b", "b2", "y", "md", "a", "s", "ids"})

    def __init__(self, index: Mapping[tuple[object, ...], list[int]],
                 refs: list[Prepared] | None = None) -> None:
        self.refs = refs or []
        self.index = index  # the full keys (the columnar step reads the date-typo keys' letter)
        self._blocks: dict[int, tuple[tuple[dt.date, ...], bool, bool]] = {}
        self._bulk: bulk._RefSide | None = None
        #: the references' name-word counts, once (see :func:`_frequencies`)
        self.ref_words: tuple[dict[str, int], dict[tuple[str, str], int], int] | None = None
        self._ref_keys: frozenset[str] | None = None
        self._usual: UsualKeys | None = None
        self._tally: UsualTally | None = None
        self._ref_at: dict[str, int] | None = None
        #: set when ``index`` holds the blocking keys of ``refs`` (``_build_reference_index``):
        #: the columnar keys are then made from the records, not taken apart from the index
        self.use_address: bool | None = None
        #: the references' blocking keys as rows (``_ref_rows``), once (see :meth:`rows`)
        self._rows: bulk.RefRows | None = None
        self._keys: bulk.KeyIndex | None = None

    def __getattr__(self, name: str) -> object:
        """A table, built from ``index`` the first time one is asked for."""
        if name not in _CoarseIndex._TABLES:
            raise AttributeError(name)
        self._build_tables()
        return self.__dict__[name]

    def _build_tables(self) -> None:
        index = self.index
        self.b: dict[object, set[object]] = defaultdict(set)    # birth date -> name words
        self.b2: dict[object, set[object]] = defaultdict(set)   # birth date -> letter pairs
        # birth year, (month, day) -> surname -> references with that key
        self.y: dict[object, dict[object, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.md: dict[object, dict[object, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.a: dict[object, set[object]] = defaultdict(set)    # (postcode, number) -> words
        self.s: dict[object, set[object]] = defaultdict(set)    # street|city -> words
        self.ids: set[tuple[object, ...]] = set()
        for k, at in index.items():
            kind = k[0]
            if kind == "b":
                self.b[k[2]].add(k[1])
            elif kind == "b2":
                self.b2[k[2]].add(k[1])
            elif kind == "y":
                self.y[k[3]][k[1]].extend(at)
            elif kind == "md":
                self.md[(k[3], k[4])][k[1]].extend(at)
            elif kind == "a":
                self.a[k[2]].add(k[1])
            elif kind == "s":
                self.s[k[2]].add(k[1])
            else:
                self.ids.add(k)

    @property
    def ref_keys(self) -> frozenset[str]:
        """The references' keys (a probe that is also a reference is counted once)."""
        if self._ref_keys is None:
            self._ref_keys = frozenset(r.key for r in self.refs)
        return self._ref_keys

    def usual(self) -> UsualKeys:
        """What the usual name counts are estimated on (the references), once."""
        if self._usual is None:
            self._usual = usual_keys(self.refs)
        return self._usual

    def ref_at(self) -> dict[str, int]:
        """Each reference's key -> its position (the last, when a key occurs twice), once."""
        if self._ref_at is None:
            self._ref_at = {r.key: i for i, r in enumerate(self.refs)}
        return self._ref_at

    def usual_tally(self) -> UsualTally:
        """:meth:`usual` counted (:func:`~coi_graph.match.compare.usual_tally`), once."""
        if self._tally is None:
            self._tally = usual_tally(self.usual())
        return self._tally

    def joined(self, other: _CoarseIndex, index: Mapping[tuple[object, ...], list[int]],
               refs: list[Prepared]) -> _CoarseIndex:
        """The coarse index of this reference set followed by ``other`` (``index`` and
        ``refs`` are theirs joined), with what is already computed of both (columnar keys,
        name counts, the usual-count keys) joined too instead of computed anew."""
        out = _CoarseIndex(index, refs)
        if self.use_address is not None and self.use_address == other.use_address:
            # ``index`` holds the blocking keys of ``refs``: the columnar keys can be made
            # from the records' rows when the parts' are not there to join
            out.use_address = self.use_address
        if self._bulk is not None and other._bulk is not None:
            out._bulk = bulk.join_ref_sides(self._bulk, other._bulk, refs)
        if self._rows is not None and other._rows is not None:
            out._rows = bulk.join_ref_rows(self._rows, other._rows, len(self.refs))
        if self._keys is not None and other._keys is not None:
            # (both made with the same use_address: sets are only joined when it is equal)
            out._keys = bulk.KeyIndex.joined(self._keys, other._keys, len(self.refs))
        keys_a, keys_b = self.ref_keys, other.ref_keys
        if keys_a.isdisjoint(keys_b):  # each record counted once: the counts add up
            out._ref_keys = keys_a | keys_b
            if self.ref_words is not None and other.ref_words is not None:
                out.ref_words = _add_counts(self.ref_words, other.ref_words)
        if self._usual is not None and other._usual is not None:
            a, b = self._usual, other._usual
            out._usual = UsualKeys(a.surnames + b.surnames, a.given + b.given,
                                   a.names + b.names)
        if self._tally is not None and other._tally is not None:
            out._tally = _joined_tally(self._tally, other._tally)
        return out

    def candidates(self, probes: list[PersonRecord], support: bool = False,
                   tokens: tuple[bulk.NameTokens, np.ndarray] | None = None,
                   refine: bool = True, columns: bulk.ProbeColumns | None = None
                   ) -> np.ndarray:
        """Per probe, whether it can meet a reference, decided on whole columns
        (:func:`coi_graph.match.bulk.candidate_probes`): every probe that could give a
        match is among them (``refine=False``: every probe :meth:`might_match` accepts),
        so a probe outside them need not be checked one by one.  ``columns``: the
        probes' columns (else those kept for ``probes``)."""
        if self._bulk is None:
            # keys from elsewhere, or a few references (the columns' fixed cost is more than
            # taking a few keys apart): from the index; the two give the same rows
            if self.use_address is None or len(self.refs) < REF_ROWS_MIN:
                self._bulk = bulk.ref_side(self)
            else:
                self._bulk = bulk.ref_side_of_rows(self.rows(self.use_address), self.refs)
        return bulk.candidate_probes(probes, self._bulk, support, _text, _date, tokens,
                                     refine, _probe_columns(probes) if columns is None
                                     else columns)

    def rows(self, use_address: bool) -> bulk.RefRows:
        """The references' blocking keys as rows (:func:`_ref_rows`), made once per
        reference set (a joined set's from its two parts' when both have them).
        ``use_address`` must be the one the set was indexed with."""
        if self._rows is None:
            self._rows = _ref_rows(self.refs, use_address)
        return self._rows

    def key_index(self, use_address: bool) -> bulk.KeyIndex:
        """The references' blocking keys coded for joining with the probes' (a shared
        mailbox left out: :data:`MAX_IDENTIFIER_BLOCK`), once per reference set."""
        if self._keys is None:
            self._keys = bulk.KeyIndex(self.rows(use_address), MAX_IDENTIFIER_BLOCK)
        return self._keys

    def might_match(self, r: PersonRecord, support: bool = False) -> bool:
        toks, pairs = _rough_tokens(str(r.name or ""))
        bd = _date(r.birth_date)
        addr = _text(r.address_key)
        sc = None if addr else _text(r.street_city)
        if bd is not None and toks and not toks.isdisjoint(self.b.get(bd, _NONE)):
            return True
        if bd is not None and pairs and not pairs.isdisjoint(self.b2.get(bd, _NONE)):
            return True
        if toks:
            if addr:
                if not toks.isdisjoint(self.a.get(tuple(addr.split("|")[:2]), _NONE)):
                    return True
            elif sc and not toks.isdisjoint(self.s.get(sc, _NONE)):
                return True
        if self.ids:
            for kind in ("iban", "email", "phone"):
                v = _text(getattr(r, kind))
                if v and (kind, v) in self.ids:
                    return True
            email = _text(r.email)
            if email and any(k in self.ids for k in email_typo_keys(email)):
                return True
            if bd is not None and addr and (("ba", birth_address(bd, addr)) in self.ids or any(
                    k in self.ids for k in birth_place_keys(bd, addr)) or any(
                    k in self.ids for k in near_birth_keys(bd, addr))):
                return True
        if bd is None:
            # a birth year alone: the year's date-typo block (every reference there is of
            # that year, so has_support finds birth.year_only with each)
            year = _year(r.birth_year)
            if year is None or not toks:
                return False
            by_surname = self.y.get(year)
            return bool(by_surname) and not toks.isdisjoint(by_surname.keys())
        if not toks:
            return False
        facts = None
        for table, at in ((self.y, bd.year), (self.md, (bd.month, bd.day))):
            by_surname = table.get(at)
            if not by_surname:
                continue
            shared = toks & by_surname.keys()
            if not shared:
                continue
            if not support:
                return True
            if facts is None:
                facts = _Facts(bd, addr, _text(r.street_city), _text(r.iban),
                               _text(r.email), _text(r.phone), bd.year)
            plain = not (addr or facts.street_city or facts.iban or facts.email or facts.phone)
            refs = self.refs
            for t in shared:
                at_t = by_surname[t]
                dates, others, undated = self._block(at_t)
                if any(_near_date(bd, d) for d in dates):
                    return True  # has_support's birth-date part, once per distinct date
                if undated and table is self.y:
                    return True  # a reference of this year known by its year only
                if not plain and others and any(
                        has_support(facts, refs[i]) for i in at_t):  # type: ignore[arg-type]
                    return True
        return False

    def _block(self, at: list[int]) -> tuple[tuple[dt.date, ...], bool, bool]:
        """The distinct birth dates of the references in a block, whether any of them
        has an address, street, IBAN, e-mail or phone (other evidence ``has_support``
        could find), and whether any has no birth date (in a year block: a reference known
        by its year only, ``birth.year_only`` with a probe of that year); once per block."""
        got = self._blocks.get(id(at))
        if got is None:
            rs = [self.refs[i] for i in at]
            dates = tuple(dict.fromkeys(r.birth for r in rs if r.birth is not None))
            others = any(r.address or r.street_city or r.iban or r.email or r.phone
                         for r in rs)
            undated = any(r.birth is None for r in rs)
            got = self._blocks[id(at)] = (dates, others, undated)
        return got


def _joined_tally(x: UsualTally, y: UsualTally) -> UsualTally:
    """The tally of two samples' usual keys one after the other: what ``usual_tally`` gives
    for their keys joined (each key's count the sum of both, in the order first met: the
    first sample's keys, then the second's new ones in its order), from the two tallies
    instead of counting some 70,000 keys again (a scan's employees and relatives)."""
    def both(a: list[tuple[_K, int]], b: list[tuple[_K, int]]) -> list[tuple[_K, int]]:
        got = dict(a)
        for k, m in b:
            got[k] = got.get(k, 0) + m
        return list(got.items())

    return UsualTally(both(x.surnames, y.surnames), both(x.given, y.given),
                      both(x.names, y.names),
                      tuple(i + j for i, j in zip(x.lengths, y.lengths)))  # type: ignore[arg-type]


def _add_counts(x: tuple[dict[str, int], dict[tuple[str, str], int], int],
                y: tuple[dict[str, int], dict[tuple[str, str], int], int]
                ) -> tuple[dict[str, int], dict[tuple[str, str], int], int]:
    """Name-word counts of two sets of records with no key in common, added up."""
    counts, pairs = dict(x[0]), dict(x[1])
    for k, v in y[0].items():
        counts[k] = counts.get(k, 0) + v
    for k2, v in y[1].items():
        pairs[k2] = pairs.get(k2, 0) + v
    return counts, pairs, x[2] + y[2]


_K = TypeVar("_K")


_V = TypeVar("_V")


class _TwoMappings(Mapping[_K, _V]):
    """Two mappings read as one, without copying either (read only, like the dicts they
    join): the keys of the first, then the second's new ones; ``get`` (what a key holds
    in the two together) is the subclass's."""

    __slots__ = ("a", "b")

    def __init__(self, a: Mapping[_K, _V], b: Mapping[_K, _V]) -> None:
        self.a, self.b = a, b

    def __getitem__(self, k: _K) -> _V:
        got = self.get(k)
        if got is None:
            raise KeyError(k)
        return got

    def __contains__(self, k: object) -> bool:
        return k in self.a or k in self.b

    def __iter__(self) -> Iterator[_K]:
        a = self.a
        yield from a
        yield from (k for k in self.b if k not in a)

    def __len__(self) -> int:
        a = self.a
        return len(a) + sum(1 for k in self.b if k not in a)


class _SummedCounts(_TwoMappings[_K, int]):
    """Two counts of records with no key in common, added up as they are read: what
    :func:`_add_counts` makes of them (``get`` gives the sum of the two, the default when
    neither has the key), without copying either."""

    __slots__ = ()

    def get(self, k: _K, default: int | None = None) -> int | None:  # type: ignore[override]
        x, y = self.a.get(k), self.b.get(k)
        if x is None:
            return default if y is None else y
        return x if y is None else x + y

    def get_many(self, keys: list[_K]) -> list[int]:
        """``[self.get(k, 0) for k in keys]``, looked up in C (two passes, one per count):
        what :func:`coi_graph.match.compare.NameFrequencies.with_usual_tally` sums."""
        z = itertools.repeat(0)
        return list(map(operator.add, map(self.a.get, keys, z), map(self.b.get, keys, z)))


def _near_date(x: dt.date, y: dt.date) -> bool:
    """The birth-date part of :func:`~coi_graph.match.compare.has_support`: equal, day and
    month swapped, or one digit apart."""
    return x == y or (x.year == y.year and x.day == y.month and x.month == y.day) or (
        OSA.distance(_ymd(x), _ymd(y)) <= 1)


def _letter_pairs(p: Prepared) -> set[str]:
    """First letter of the given name (or first initial) with the first letter of each
    core surname, sorted: ``Jan de Vries`` -> ``{'jv'}``; a name without a given name or
    initial, its surname's letter twice (``Morrison`` -> ``{'mm'}``).  A rough record (no parsed name:
    ``p.name`` is None) gives every pair of its words' first letters, a superset."""
    if p.name is None:
        firsts = sorted({t[0] for t in p.tokens})
        return {a + b for i, a in enumerate(firsts) for b in firsts[i:]}
    # the letters as canonical and as written: a typo can break what the canonical form
    # reads as one sound ('Chelsea' is canonical 'gelsea', 'Cehlea' stays 'cehlea')
    given = {p.given[0][0]} if p.given else set()
    first = p.initials[:1]
    if first:
        given.add(first)
    sur = {s[0] for s in p.surnames if s} | {s[0] for s in p.name.surnames if s}
    if not given:
        # one word (a surname alone, or a given name the source wrote without a surname):
        # its first letter twice, so two one-word names with a typo each still meet
        # ('Morrison' / 'Morrion'); a rough record gives every letter twice too
        return {s + s for s in sur}
    # two single letters in order (``"".join(sorted(g + s))``, without sorting), put in
    # the set in the same order, so the set is the same, down to its iteration order
    return {g + s if g <= s else s + g for g in given for s in sur}


def _coarse(k: tuple[object, ...]) -> tuple[object, ...]:
    """A blocking key without the given-name letter of the date-typo keys (the cheap probe
    check works on these: a rough record cannot know which letter is the given name's)."""
    if k[0] in ("y", "md"):
        return (k[0], k[1]) + k[3:]
    return k


@lru_cache(maxsize=400_000)
def _record_keys(r: PersonRecord) -> tuple[tuple[object, ...], ...]:
    """The blocking keys of a record, cached (references are indexed for every kind of probe)."""
    return tuple(_blocking_keys(prepare(r)))


def _blocking_keys(p: Prepared, coarse: bool = False) -> list[tuple[object, ...]]:
    """Blocking keys of a record: two records are compared only when they share one.

    Each key pairs a name word with a selective value (birth date, address, identifier), or
    a surname with part of the birth date (so a typo in the date still meets its record), so
    every block stays small and the work stays about linear in the number of records.  A
    birth known by its year only (``birth_year`` without a birth date) gives the surname
    with the year, the key a dated record of that year has."""
    out: list[tuple[object, ...]] = []
    bd = p.birth
    if bd is not None:
        out += [("b", t, bd) for t in p.tokens]
        # typos in every name word: the birth date with the first letters of the given name
        # (or initial) and the surname, in either order
        for pair in _letter_pairs(p):
            out.append(("b2", pair, bd))
        # a typo in the date: surname + first letter of the given name + year, or + day
        # and month (a rough record gives every letter of its words: a superset)
        g = p.given[0][0] if p.given else p.initials[:1]
        for s in set(p.surnames) | set(p.bare_surnames):
            if coarse:
                out += [("y", s, bd.year), ("md", s, bd.month, bd.day)]
            else:
                out += [("y", s, g, bd.year), ("md", s, g, bd.month, bd.day)]
    elif p.birth_year is not None:
        # a birth known by its year only: the date-typo key of the year (surname + given-name
        # letter + year), the one a dated record of that year carries, so the two meet (a
        # name and a year alone are at most a possible match, compare.LIMIT_YEAR_ONLY)
        g = p.given[0][0] if p.given else p.initials[:1]
        for s in set(p.surnames) | set(p.bare_surnames):
            out.append(("y", s, p.birth_year) if coarse else ("y", s, g, p.birth_year))
    if p.address:
        pc_nr = tuple(p.address.split("|")[:2])
        out += [("a", t, pc_nr) for t in p.tokens]
    elif p.street_city:
        out += [("s", t, p.street_city) for t in p.tokens]
    for kind in ("iban", "email", "phone"):
        v = getattr(p, kind)
        if v:
            out.append((kind, v))
    if p.email:
        # an e-mail typed with an error (a letter added, left out, replaced; a typo in the
        # domain): names with a typo in every word and a near birth date still meet
        out += email_typo_keys(p.email)
    if bd is not None and p.address:
        # one birth date at one address, whatever the name says: a name typed with typos in
        # every word, or under a partner's surname, still meets its record (the comparison
        # decides; twins and households are kept apart there)
        out.append(("ba", birth_address(bd, p.address)))
        # and with a typo in the postcode or the house number as well: the birth date with
        # the postcode alone, and with the house number alone
        out += birth_place_keys(bd, p.address)
        # and with a typo in every name word and in the birth date: one address with the
        # birth year, and with day and month
        out += near_birth_keys(bd, p.address)
    return out


def birth_address(birth: dt.date, address: str) -> str:
    """The key of one birth date at one address (``postcode|number`` of ``address``)."""
    return f"{birth.isoformat()}|{'|'.join(address.split('|')[:2])}"


def birth_place_keys(birth: dt.date, address: str) -> list[tuple[str, str]]:
    """The keys of one birth date with the postcode (``bp``) and with the house number
    (``bh``) of ``address`` (``POSTCODE|NUMBER|ADDITION``), each when that part is not
    empty.

    Why: a record typed with a typo in every name word *and* in the postcode or the house
    number shares no name key and no :func:`birth_address` key with its original; FEBRL
    1-3 has about 70 such pairs that score a match or a possible match.  A birth date with
    a postcode or with a house number is about as selective as a name word with a birth
    date, so the blocks stay small; the comparison decides (neighbours have other birth
    dates, twins and households are kept apart there).

    >>> birth_place_keys(dt.date(1970, 5, 6), "1234AB|5|a")
    [('bp', '1970-05-06|1234AB'), ('bh', '1970-05-06|5')]
    """
    pc, _, rest = address.partition("|")
    nr = rest.partition("|")[0]
    iso = birth.isoformat()
    out = []
    if pc:
        out.append(("bp", f"{iso}|{pc}"))
    if nr:
        out.append(("bh", f"{iso}|{nr}"))
    return out


def near_birth_keys(birth: dt.date, address: str) -> list[tuple[str, str]]:
    """The keys of one ``postcode|number`` of ``address`` with the birth year (``ay``) and
    with month and day (``am``).

    Why: a record typed with a typo in every name word *and* in the birth date (one or
    two digits off, or the year one off) shares no name key and no birth-date key with
    its original, yet at the same address the comparison scores it a match (the Dutch
    bench's kind "e-mail typo + typos everywhere": 95 of 100 compared directly, 11
    through the blocking).  A typo in the date leaves the year or the day and month as
    they were, so one of the two keys still meets.  One address with one year (or one
    day of the year) holds a household's members born that year at most, so the blocks
    stay small; the comparison keeps twins and siblings apart.

    >>> near_birth_keys(dt.date(1970, 5, 6), "1234AB|5|a")
    [('ay', '1970|1234AB|5'), ('am', '05-06|1234AB|5')]
    """
    (ay,), (am,) = bulk.near_birth_texts((birth,), ("|".join(address.split("|")[:2]),))
    return [("ay", ay), ("am", am)]


def email_typo_keys(email: str) -> list[tuple[str, str]]:
    """The ``et`` keys of an e-mail address (:func:`coi_graph.match.bulk.email_typo_values`):
    the address, and the address with a character of its local part (not an initial
    standing alone) or of its domain left out.

    Why: Splink's fake_1000 has records with a typo in the name, a birth date one digit off
    or a one-word name, and an e-mail a letter apart (``Robert Alan``
    ``robert255@smith.net`` / ``Robert Allen`` ``roberta25@smith.net``): compared, a
    possible match or a match (``email.typo``), but they shared no key; two addresses one
    typo apart share one of these.

    >>> email_typo_keys("piet@x.nl")[:6]
    [('et', 'piet@x.nl'), ('et', 'iet@x.nl'), ('et', 'pet@x.nl'), ('et', 'pit@x.nl'), ('et', 'pie@x.nl'), ('et', 'piet@.nl')]
    """
    return [("et", v) for v in bulk.email_typo_values(email)]


_F = TypeVar("_F", bound=Callable[..., object])


def _gc_paused(fn: _F) -> _F:
    """Run ``fn`` with Python's cyclic garbage collector paused (:mod:`coi_graph.collector`):
    on ``large`` the collections during matching were about a fifth of its CPU time."""

    @functools.wraps(fn)
    def run(*args: object, **kwargs: object) -> object:
        with collector_paused():
            return fn(*args, **kwargs)

    return run  # type: ignore[return-value]


#: From this many references on, their columnar keys are made from the records
#: (``_ref_rows``), below it taken apart from the index (faster for a few: about 0.3 ms
#: against 0.6 ms for one reference, 5.8 ms against 3.3 ms for 300).
REF_ROWS_MIN = 200

#: Identifier blocks larger than this (a shared-service mailbox) are not compared on.
MAX_IDENTIFIER_BLOCK = 50
#: The key kinds so capped: the identifiers and the e-mail typo keys (a shared mailbox's
#: neighbourhood); ``bulk.KeyIndex`` cuts the same blocks
_CAPPED = frozenset(bulk._IDENTIFIERS)


@_gc_paused
def match_people(
    probes: Iterable[PersonRecord],
    references: Iterable[PersonRecord],
    policy: MatchingPolicy,
    judgements: Mapping[str, Judgement] | None = None,
    *,
    with_rejected: bool = False,
    frequencies: NameFrequencies | None = None,
) -> list[Match]:
    """Every (probe, reference) pair in the ``match`` or ``possible`` band, sorted by
    (probe, reference), each with its features (:mod:`coi_graph.match.compare`).

    A probe may match several references (one person declared as relative by two
    employees); a record never matches a record with the same key.  ``judgements`` (pair
    id -> :class:`Judgement`) overrule the score: a confirmed pair is a ``match``, a
    rejected pair is left out (``with_rejected=True`` returns it with band ``rejected``, for
    listings).  ``Match.score`` is the total weight.

    How common a name is (``frequency.*`` features) is counted on the probes and references
    together (each record once, by key), as Splink counts term frequencies on the data it
    links; ``frequencies`` gives another table (a benchmark counting on all its pairs).
    ``policy.name_frequency['enabled'] = False`` leaves names at their default weights.

    Complexity: records are compared only within blocks (:func:`_blocking_keys`); each
    distinct name is parsed once.  Which probes can meet a reference at all is decided on
    whole columns first (:mod:`coi_graph.match.bulk`: names split and joined with the
    references' keys as arrays); only those are parsed, and the references each shares a
    blocking key with are found by joining their keys with the references' as integer
    columns (:class:`coi_graph.match.bulk.KeyIndex`, the references' side coded once per
    reference set); each such pair is then checked and compared one by one, with the same
    result as looking every probe's keys up in a dict of the references' keys.

    >>> from coi_graph.policy import MatchingPolicy
    >>> pol = MatchingPolicy()
    >>> father = PersonRecord("employee:E1", "Jan de Vries", dt.date(1950, 1, 1), "1234AB|1|")
    >>> son = PersonRecord("applicant:D1", "Jan de Vries", dt.date(1980, 1, 1), "1234AB|1|")
    >>> match_people([son], [father], pol)
    []
    >>> son_no_date = PersonRecord("applicant:D1", "Jan de Vries", None, "1234AB|1|")
    >>> [(m.reason, m.band) for m in match_people([son_no_date], [father], pol)]
    [('same name + address', 'match')]
    """
    return _match_people(list(probes), tuple(references), policy, judgements,
                         with_rejected, frequencies, within=False)


@_gc_paused
def match_within(
    records: Iterable[PersonRecord],
    policy: MatchingPolicy,
    judgements: Mapping[str, Judgement] | None = None,
    *,
    with_rejected: bool = False,
    frequencies: NameFrequencies | None = None,
) -> list[Match]:
    """``records`` matched with themselves once per unordered pair: exactly the matches of
    ``match_people(records, records, ...)`` whose probe key sorts below its reference key,
    in the same order, with the same scores and explanations.

    Why: a set compared with itself in both directions does every comparison twice and
    the caller kept one half (the graph build's relatives declared twice).  Here each pair
    is only probed from its lower key (the direction that filter kept), so the other half
    of the candidate pairs is never made and never compared; and the probes' blocking keys
    are the references' own rows (made once per set), not made again.  Sound because nothing else
    changes: the same probes, references and name counts, the same blocking, and the
    pairs a probe keeps are met in the order they were; a pair from the higher key never
    decided anything about a pair from the lower one (``found`` is keyed by the ordered
    pair).  Records with equal keys never match (as in :func:`match_people`).

    >>> from coi_graph.policy import MatchingPolicy
    >>> a = PersonRecord("relative:R2", "Jan de Vries", dt.date(1950, 1, 1), "1234AB|1|")
    >>> b = PersonRecord("relative:R1", "Jan de Vries", dt.date(1950, 1, 1), "1234AB|1|")
    >>> [(m.probe, m.reference) for m in match_within([a, b], MatchingPolicy())]
    [('relative:R1', 'relative:R2')]
    """
    records = tuple(records)
    return _match_people(list(records), records, policy, judgements, with_rejected,
                         frequencies, within=True)


#: What :func:`match_columns` shows the column readers (``bulk.ProbeColumns``) for each
#: row: every field is given as a column but the birth year, which this has as None.
_NO_YEAR = PersonRecord("", "", None, None)


@_gc_paused
def match_columns(keys: list[str], names: list[str], births: list[dt.date | None],
                  records_at: Callable[[np.ndarray], list[PersonRecord]],
                  references: Iterable[PersonRecord], policy: MatchingPolicy,
                  judgements: Mapping[str, Judgement] | None = None, *,
                  with_rejected: bool = False) -> list[Match]:
    """:func:`match_people` of the probes ``PersonRecord(keys[i], names[i], births[i],
    None)`` (a name and a birth date, nothing else: a KvK officer), given as columns, with
    a record made (``records_at(rows)``: those probes' records, in order) only for the
    rows that may meet a reference and those a reviewer judged.

    Why: the graph build matches a KvK extract's 96,000 officers, of whom some 4,000 share
    a blocking key with an employee or relative; the candidates are decided on columns
    (:mod:`coi_graph.match.bulk`) anyway, so the other 92,000 records were made only to be
    read back as columns.  The same matches: whether a probe is a candidate depends on
    that probe alone (its name, its date, the references), the name frequencies are counted
    here on every row as :func:`match_people` counts them on every probe, and the rows
    left out are those it leaves out (it takes the candidates, and the probes of confirmed
    pairs, in the same order).  Names that are not all strings go the records' way."""
    n = len(keys)
    if not n:
        return []
    if not all(type(x) is str for x in names):  # counted by their records (_count_names)
        return match_people(records_at(np.arange(n)), references, policy, judgements,
                            with_rejected=with_rejected)
    references = tuple(references)
    refs, _, coarse = _reference_index(references, policy.use_address)
    # the rows' columns, read as the probes' would be (``_NO_YEAR`` only for the birth year)
    stand_in = [_NO_YEAR] * n
    cols = bulk.ProbeColumns(stand_in, _text, _date, {
        "key": keys, "name": names, "birth_date": births,
        **dict.fromkeys(bulk.ProbeColumns.FIELDS[3:])})
    tokens = cols.tokens
    freq = _frequencies(stand_in, references, refs, policy, coarse, tokens, cols)
    keep = coarse.candidates(stand_in, not judgements, tokens, columns=cols)
    judged = {k for j in (judgements or {}).values() if j.decision == "confirm" and j.keys
              for k in j.keys}
    if judged:
        keep |= np.fromiter(map(judged.__contains__, keys), dtype=bool, count=n)
    probes = records_at(np.flatnonzero(keep))
    return _match_people(probes, references, policy, judgements, with_rejected, freq,
                         within=False, counted=True)


def _match_people(probes: list[PersonRecord], references: tuple[PersonRecord, ...],
                  policy: MatchingPolicy, judgements: Mapping[str, Judgement] | None,
                  with_rejected: bool, frequencies: NameFrequencies | None, *,
                  within: bool, counted: bool = False) -> list[Match]:
    """:func:`match_people` (``within=False``) or :func:`match_within` (``within=True``:
    ``probes`` and ``references`` are the same records, and only the pairs whose
    reference key sorts above the probe key are made and compared).  ``counted``: the
    name frequencies were counted by the caller (on more probes than these, see
    :func:`match_columns`), ``frequencies`` None meaning none, not "count them here"."""
    weights = policy.weights
    hi, lo = policy.match_threshold, policy.review_threshold
    judgements = judgements or {}
    use_address = policy.use_address
    refs, index, coarse = _reference_index(references, use_address)
    tokens = _probe_tokens(probes)
    if frequencies is None and not counted:
        frequencies = _frequencies(probes, references, refs, policy, coarse, tokens)
    forced: dict[str, set[int]] = defaultdict(set)  # confirmed pairs are always compared
    for j in judgements.values():
        if j.decision == "confirm" and j.keys:
            # (the references' positions by key only when a reviewer confirmed a pair: a
            # dict of 24,000 keys per call for nothing in a scan without judgements)
            ref_at = coarse.ref_at()
            x, y = j.keys
            if y in ref_at:
                forced[x].add(ref_at[y])
            if x in ref_at:
                forced[y].add(ref_at[x])
    found: dict[tuple[str, str], Match] = {}
    support = not judgements
    # most probes share no key with any reference: decided on whole columns; such probes are
    # never parsed.  The per-record check (might_match) is not run on the rest: it is only
    # a filter (a probe it turns down meets no reference with evidence beyond the name, so
    # every pair of it fails has_support below) and on `large` it turned down 127 of the
    # 15,867 probes the columns let through, at more cost than comparing them
    columnar = _keys_once(coarse, refs)
    # the probes may be a reference set indexed already (the graph build matches its
    # relatives with themselves first, then against the employees): prepared, with their
    # key rows made, in that set
    own = None if within or not columnar else _indexed_as(probes, use_address)
    if (within or own is not None) and columnar:
        # every probe prepared and with its key rows made already, and the pairs below are
        # joined from those rows for every record whatever the filter says.  The filter
        # only narrows which probes take their pairs, and a probe it drops has none that
        # gets past has_support and the family rule, or gives no match either way (its
        # contract, ``tests/test_matching_bulk.py``); on `large` it cost more (a columnar
        # side of the references and a join per key kind) than looking at the pairs of the
        # probes it drops: for a set matched with itself, ~13,000 probes; for the relatives
        # against the employees, 15,000 probes with some 800 pairs among them
        todo = list(range(len(probes)))
    else:
        maybe = coarse.candidates(probes, support, tokens)
        if forced:
            todo = [i for i, ok in enumerate(maybe.tolist()) if ok or probes[i].key in forced]
        else:
            todo = np.flatnonzero(maybe).tolist()
    # (an indexed set's prepared records are what ``prepare`` gives its records: made from
    # the very same records; see _indexed_as)
    if own is not None:
        prepared = own[0]
    elif within and columnar and _prepared_from(refs, probes):
        # a set matched with itself: every record is a probe (``todo`` is all of them) and
        # each reference was prepared from the very probe at its position, so the probes'
        # prepared records are the references' (not 19,000 records prepared again)
        prepared = refs
    else:
        prepared = [prepare(probes[i]) for i in todo]
    if columnar:
        # the references sharing a blocking key with each probe, joined on whole columns
        # (bulk.KeyIndex) rather than looked up key by key in a dict of the references'
        # keys, which then need not be built.  The pairs come in another order than the
        # dict's look-ups give them, which changes nothing when every reference key occurs
        # once: each (probe, reference) pair is then met once, whatever the order.
        if within:
            # the probes are the references, position for position: their key rows are
            # the set's own (made once per set), joined with themselves from the lower key
            # only; ``li`` is then a position, and each probe in ``todo`` takes its run
            rank = _key_ranks([r.key for r in refs])
            li, ri = coarse.key_index(use_address).pairs_within(len(refs), (rank, rank))
            at = np.asarray(todo, dtype=np.int64)
            starts = np.searchsorted(li, at, "left").tolist()
            ends = np.searchsorted(li, at, "right").tolist()
        else:
            # (an indexed set's key rows are what _ref_rows makes of its prepared records)
            rows = own[2].rows(use_address) if own is not None else _ref_rows(prepared,
                                                                              use_address)
            li, ri = coarse.key_index(use_address).pairs(rows, len(refs))
            cut = np.searchsorted(li, np.arange(len(todo) + 1)).tolist()
            starts, ends = cut, cut[1:]
        ri_l = ri.tolist()
        blocks: Iterator[Iterable[int]] = (
            ri_l[a:b] if not forced else set(forced.get(p.key, ())).union(ri_l[a:b])
            for p, a, b in zip(prepared, starts, ends))
    else:  # a key twice: which of its records wins a tie is the order a set gives
        blocks = (_index_hits(probes[i], p, index, use_address, forced)
                  for i, p in zip(todo, prepared))
    for p, cands in zip(prepared, blocks):
        for idx in cands:
            r = refs[idx]
            if r.key == p.key or (within and r.key < p.key):
                continue  # the same record; in match_within, a pair probed from its other end
            if not judgements:
                if not has_support(p, r):
                    continue  # band none whatever the names say: not worth comparing
                j = None
            else:
                j = judgements.get(pair_id(p.fingerprint, r.fingerprint))
                if j is None and not has_support(p, r):
                    continue
            if j is None and family_apart(p, r, use_address):
                continue  # relatives (a household, a generation, twins): band none
            c = compare(p, r, weights, hi, lo, frequencies)
            if not use_address:
                c = _without_address(c, hi, lo, frequencies)
            band = c.band
            if j is not None:
                band = "match" if j.decision == "confirm" else "rejected"
            if band == "none" or (band == "rejected" and not with_rejected):
                continue
            m = Match(p.key, r.key, c.weight, _reason(c, band), explain(c.features, "en"),
                      _is_fuzzy(c, band), band, c.features,
                      pair_id(p.fingerprint, r.fingerprint), j)
            old = found.get((p.key, r.key))
            if old is None or m.score > old.score:
                found[(p.key, r.key)] = m
    return [found[k] for k in sorted(found)]


_record_of = operator.attrgetter("record")


def _prepared_from(refs: list[Prepared], records: list[PersonRecord]) -> bool:
    """Whether ``refs`` were prepared from ``records`` themselves, position by position
    (the very same objects: a cached reference set of records only equal to these, ``1``
    for ``1.0``, may read differently)."""
    return len(refs) == len(records) and all(map(operator.is_, map(_record_of, refs),
                                                 records))


def _key_ranks(keys: list[str]) -> np.ndarray:
    """Each key's place among the distinct keys in ``str`` order (equal keys, equal
    places): one record ranks above another exactly when its key sorts above the other's.

    >>> _key_ranks(["b", "a", "c", "b"]).tolist()
    [1, 0, 2, 1]
    """
    if not keys:
        return np.zeros(0, dtype=np.int64)
    # (sorted on the column: numpy orders strings in an object array with ``<``, as
    # ``sorted`` does; a dict of the distinct keys cost twice as much for 19,000 keys)
    inv = np.unique(np.array(keys, dtype=object), return_inverse=True)[1]
    return inv.astype(np.int64).reshape(-1)


def _keys_once(coarse: _CoarseIndex, refs: list[Prepared]) -> bool:
    """Whether every reference key occurs once (the columnar pairs may then be met in any
    order); tests set it to False to take the look-up path instead."""
    return len(coarse.ref_keys) == len(refs)


def _index_hits(probe: PersonRecord, p: Prepared, index: Mapping[tuple[object, ...], list[int]],
                use_address: bool, forced: Mapping[str, set[int]]) -> set[int]:
    """The positions of the references sharing a blocking key with ``probe`` (and those a
    reviewer confirmed), looked up key by key in the references' index: the set the
    matcher iterates when a reference key occurs more than once (then the order in which
    the set gives them decides which of two equal scores is kept, as it always did)."""
    cands: set[int] = set(forced.get(p.key, ()))
    for k in _record_keys(probe):
        if not use_address and k[0] in ("a", "s"):
            continue
        hits = index.get(k)
        if hits and not (k[0] in _CAPPED and len(hits) > MAX_IDENTIFIER_BLOCK):
            cands.update(hits)
    return cands


_key_of = operator.attrgetter("key")


class _RefSetKey:
    """A set of references (and ``use_address``) as a cache key, hashed once: a tuple's hash
    is not kept, and hashing 24,000 records on every look-up costs more than the look-up."""

    __slots__ = ("_hash", "records", "use_address")

    def __init__(self, records: tuple[PersonRecord, ...], use_address: bool) -> None:
        self.records, self.use_address = records, use_address
        # hashed on the records' keys: equal records have equal keys, and a key's hash is
        # kept by the string (a record's dataclass hash builds a tuple of its eight fields,
        # for 24,000 records on every look-up)
        self._hash = hash((tuple(map(_key_of, records)), use_address))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, _RefSetKey) and self._hash == other._hash
                and self.use_address == other.use_address and self.records == other.records)


#: Reference sets kept (a scan uses three: employees, relatives, and the two together).
_REF_SETS_KEPT = 3
_ref_sets: OrderedDict[_RefSetKey,
                       tuple[list[Prepared], Mapping[tuple[object, ...], list[int]],
                             _CoarseIndex]] = OrderedDict()
_ref_sets_lock = threading.Lock()


def index_references(references: Iterable[PersonRecord], use_address: bool) -> None:
    """Make and keep the index of this reference set now, as the first :func:`match_people`
    against it would (:func:`_reference_index`: a set that is two kept sets one after the
    other is joined from theirs).

    Why: the graph build forks a worker that matches the KvK officers against the
    employees and relatives together while the build matches the relatives itself
    (:func:`coi_graph.graph.build.build_graph`); made before the fork, the indexes serve
    both processes instead of each making its own.  Nothing else changes: the same index
    the first match would have made."""
    _reference_index(tuple(references), use_address)


def _reference_index(references: tuple[PersonRecord, ...], use_address: bool
                     ) -> tuple[list[Prepared], Mapping[tuple[object, ...], list[int]],
                                _CoarseIndex]:
    """The references prepared, their blocking keys -> positions, and the coarse index;
    kept for the last few reference sets (read only: callers must not change what they get).

    Why kept: one scan matches relatives against the employees, then against the
    relatives, then KvK officers and applicants against both together.  The last set is
    the first two one after the other, so its index, coarse index, columnar keys and name
    counts are joined from theirs (:func:`_joined`) instead of being built again: the same
    content, positions shifted by the first set's length."""
    key = _RefSetKey(references, use_address)
    parts = None
    with _ref_sets_lock:  # the bookkeeping only: two threads may build one set at once
        got = _ref_sets.get(key)
        if got is not None:
            _ref_sets.move_to_end(key)
            return got
        n = len(references)
        for k, at in list(_ref_sets.items()):
            a = k.records
            if k.use_address != use_address or not a or len(a) >= n \
                    or references[:len(a)] != a:
                continue
            rest = _ref_sets.get(_RefSetKey(references[len(a):], use_address))
            if rest is not None:
                parts = (at, rest)
                break
    got = _joined(*parts) if parts else _build_reference_index(references, use_address)
    with _ref_sets_lock:
        _ref_sets[key] = got
        while len(_ref_sets) > _REF_SETS_KEPT:
            _ref_sets.popitem(last=False)
    return got


def _indexed_as(probes: list[PersonRecord], use_address: bool) -> _Index | None:
    """The reference index kept (:func:`_reference_index`) whose records are ``probes``,
    the very same objects in the same order (None: none is).

    Why the very same: its prepared records are then what ``prepare`` gives for each probe
    (made from that very record), and its key rows what :func:`_ref_rows` makes of them; a list
    of records equal by ``==`` may read differently (``1`` and ``1.0``)."""
    if len(probes) < REF_ROWS_MIN:  # a few probes: making their rows costs next to nothing
        return None
    n = len(probes)
    with _ref_sets_lock:
        for k, got in _ref_sets.items():
            a = k.records
            # (only with its key rows made: else making them for the whole set would cost
            # more than for the probes that need them)
            if k.use_address == use_address and len(a) == n and got[2]._rows is not None \
                    and all(map(operator.is_, a, probes)):
                return got
    return None


def _build_reference_index(references: tuple[PersonRecord, ...], use_address: bool
                           ) -> tuple[list[Prepared], Mapping[tuple[object, ...], list[int]],
                                      _CoarseIndex]:
    refs = [prepare(r) for r in references]
    index = _LazyIndex(references, use_address)
    coarse = _CoarseIndex(index, refs)
    coarse.use_address = use_address
    return refs, index, coarse


def _index_of(references: tuple[PersonRecord, ...], use_address: bool
              ) -> dict[tuple[object, ...], list[int]]:
    """The references' blocking keys -> their positions (ascending), in the order the keys
    first occur; ``a`` and ``s`` keys only with ``use_address``."""
    index: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, r in enumerate(references):
        if use_address:  # (the test once per record, not once per key)
            for k in _record_keys(r):
                index[k].append(i)
            continue
        for k in _record_keys(r):
            if k[0] not in ("a", "s"):
                index[k].append(i)
    return dict(index)


class _LazyIndex(Mapping[tuple[object, ...], list[int]]):
    """The references' blocking keys -> positions (:func:`_index_of`), built on first use.

    Why: the matcher joins the probes' keys with the references' as columns
    (:func:`coi_graph.match.bulk.key_pairs`) and no longer looks keys up one by one; a
    dict of every key (some 160,000 tuples for a scan's relatives, a fifth of a second)
    is built only when something still asks for it: a reference set with a key twice,
    the columnar keys of a few references (``bulk.ref_side``), the per-record check
    (``might_match``).  Read only, like the dict it stands for."""

    __slots__ = ("_records", "_use_address", "_dict")

    def __init__(self, records: tuple[PersonRecord, ...], use_address: bool) -> None:
        self._records, self._use_address = records, use_address
        self._dict: dict[tuple[object, ...], list[int]] | None = None

    def built(self) -> dict[tuple[object, ...], list[int]]:
        """The dict (built now when it was not yet)."""
        d = self._dict
        if d is None:  # two threads may both build it: the same dict, one kept
            d = self._dict = _index_of(self._records, self._use_address)
        return d

    def get(self, k: tuple[object, ...], default: list[int] | None = None  # type: ignore[override]
            ) -> list[int] | None:
        return self.built().get(k, default)

    def __getitem__(self, k: tuple[object, ...]) -> list[int]:
        return self.built()[k]

    def __contains__(self, k: object) -> bool:
        return k in self.built()

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        return iter(self.built())

    def __len__(self) -> int:
        return len(self.built())

    def items(self):  # type: ignore[no-untyped-def, override]
        return self.built().items()


def _ref_rows(refs: list[Prepared], use_address: bool) -> bulk.RefRows:
    """The references' blocking keys (:func:`_blocking_keys` of each; ``a`` and ``s`` only
    with ``use_address``) one row per key and reference, by kind: what
    :func:`coi_graph.match.bulk.ref_side` takes apart from the index, made from the
    prepared records without building, grouping and taking apart some 200,000 key tuples.
    ``tests/test_matching_speed_paths.py`` compares the two."""
    rows = bulk.RefRows(*([] for _ in range(18)),  # type: ignore[arg-type]
                        ids={"iban": ([], []), "email": ([], []), "phone": ([], []),
                             "ba": ([], []), "bp": ([], []), "bh": ([], []),
                             "ay": ([], []), "am": ([], []), "et": ([], [])})
    b_tok, b_day, b_ref, b2_pair, b2_day, b2_ref = rows[:6]
    y_sur, y_g, y_year, y_month, y_day, y_ref = rows[6:12]
    a_tok, a_place, a_ref, s_tok, s_place, s_ref = rows[12:18]
    ids = rows.ids
    (ba_v, ba_r), (bp_v, bp_r), (bh_v, bh_r) = ids["ba"], ids["bp"], ids["bh"]
    (ay_v, ay_r), (am_v, am_r) = ids["ay"], ids["am"]
    near_born: list[dt.date] = []  # the births and addresses of the ay and am keys
    near_at: list[str] = []
    et_v, et_r = ids["et"]
    # what the name gives (its tokens, letter pairs, given-name letter, surnames), once per
    # parsed name: the same name on several records (a household, officers of many
    # companies) is read once.  Keyed by the identity of the parts read: ``prepare`` gives
    # the same objects for the same name text, and every record here holds on to its own
    by_name: dict[tuple[int, ...], tuple[list[str], int, list[str], int, str, list[str], int]
                  ] = {}
    b_tok_x, b_day_x, b_ref_x = b_tok.extend, b_day.extend, b_ref.extend
    b2_pair_x, b2_day_x, b2_ref_x = b2_pair.extend, b2_day.extend, b2_ref.extend
    y_sur_x, y_g_x, y_year_x, y_month_x, y_day_x, y_ref_x = (
        y_sur.extend, y_g.extend, y_year.extend, y_month.extend, y_day.extend, y_ref.extend)
    id_rows = [(kind, ids[kind]) for kind in ("iban", "email", "phone")]
    for i, p in enumerate(refs):
        bd = p.birth
        addr = p.address
        pcnr = "|".join(addr.split("|")[:2]) if addr else None
        pn = p.name
        named = (id(pn), id(p.tokens), id(p.given), id(p.surnames), id(p.bare_surnames))
        got = by_name.get(named) if pn is not None else None
        if got is None:
            toks = list(p.tokens)
            pairs = list(_letter_pairs(p))
            surs = list(set(p.surnames) | set(p.bare_surnames))
            got = (toks, len(toks), pairs, len(pairs),
                   p.given[0][0] if p.given else p.initials[:1], surs, len(surs))
            if pn is not None:
                by_name[named] = got
        toks, n, pairs, k2, g, surs, k = got
        if bd is not None:
            b_tok_x(toks)
            b_day_x([bd] * n)
            b_ref_x([i] * n)
            b2_pair_x(pairs)
            b2_day_x([bd] * k2)
            b2_ref_x([i] * k2)
            y_sur_x(surs)
            y_g_x([g] * k)
            y_year_x([bd.year] * k)
            y_month_x([bd.month] * k)
            y_day_x([bd.day] * k)
            y_ref_x([i] * k)
            if pcnr is not None:  # birth_address(bd, addr), birth_place_keys(bd, addr)
                iso = bd.isoformat()
                ba_v.append(f"{iso}|{pcnr}")
                ba_r.append(i)
                pc, _, nr = pcnr.partition("|")
                if pc:
                    bp_v.append(f"{iso}|{pc}")
                    bp_r.append(i)
                if nr:
                    bh_v.append(f"{iso}|{nr}")
                    bh_r.append(i)
                # near_birth_keys(bd, addr): their texts made after the loop
                near_born.append(bd)
                near_at.append(pcnr)
                ay_r.append(i)
                am_r.append(i)
        elif p.birth_year is not None:  # a birth year alone: its y key, no md key (month 0)
            y_sur_x(surs)
            y_g_x([g] * k)
            y_year_x([p.birth_year] * k)
            y_month_x([0] * k)
            y_day_x([0] * k)
            y_ref_x([i] * k)
        if use_address:
            if pcnr is not None:
                a_tok += toks
                a_place += [pcnr] * n
                a_ref += [i] * n
            elif p.street_city:
                s_tok += toks
                s_place += [p.street_city] * n
                s_ref += [i] * n
        if p.iban or p.email or p.phone:
            for kind, (vals, at) in id_rows:
                v = getattr(p, kind)
                if v:
                    vals.append(v)
                    at.append(i)
            if p.email:  # email_typo_keys(p.email)
                typo = bulk.email_typo_values(p.email)
                et_v += typo
                et_r += [i] * len(typo)
    ay_v[:], am_v[:] = bulk.near_birth_texts(near_born, near_at)
    return rows


_Index = tuple[list[Prepared], Mapping[tuple[object, ...], list[int]], _CoarseIndex]


def _joined(first: _Index, second: _Index) -> _Index:
    """The reference index of two reference sets one after the other: what
    :func:`_build_reference_index` gives for them (the same keys with the same positions
    in the same order), from the two indexes already built."""
    refs_a, index_a, coarse_a = first
    refs_b, index_b, coarse_b = second
    index = _JoinedIndex(index_a, index_b, len(refs_a))
    refs = refs_a + refs_b
    return refs, index, coarse_a.joined(coarse_b, index, refs)


class _JoinedIndex(_TwoMappings[tuple[object, ...], list[int]]):
    """The blocking keys -> positions of two reference sets one after the other, read
    through: ``get(k)`` is the first set's positions followed by the second's shifted by
    ``off`` (what one dict built from both holds, in the same order: the first set's keys,
    then the second's new ones), made only for the keys asked for.

    Why: a scan looks up the keys of a few thousand probes in the joined index of the
    employees and relatives (some 300,000 keys); joining every key up front cost about
    0.2 s of CPU on ``large``, looking up twice costs nearly nothing.  Read only, like the
    dicts it joins."""

    __slots__ = ("off",)

    def __init__(self, a: Mapping[tuple[object, ...], list[int]],
                 b: Mapping[tuple[object, ...], list[int]], off: int) -> None:
        super().__init__(a, b)
        self.off = off

    def get(self, k: tuple[object, ...], default: list[int] | None = None  # type: ignore[override]
            ) -> list[int] | None:
        x, y = self.a.get(k), self.b.get(k)
        if y is None:
            return default if x is None else x
        off = self.off
        shifted = [i + off for i in y]
        return shifted if x is None else x + shifted


def _without_address(c: Comparison, hi: float, lo: float,
                     frequencies: NameFrequencies | None) -> Comparison:
    """``use_address: false``: the address neither adds nor takes away."""
    feats = [f for f in c.features
             if not f.code.startswith("address.") and f.code != "family.household"]
    return decide(feats, hi, lo,
                  frequencies.rare_max_names if frequencies is not None else None)


class _ProbeSets:
    """The columns (:class:`coi_graph.match.bulk.ProbeColumns`) of the last few lists of
    probes, found again when a list holds the very same records (by identity, in order).

    Why: one scan matches the relatives against the employees and then against the
    relatives; their fields, name tokens and derived columns are read once for both.  A
    list with other records, even equal ones, gets columns of its own (a record equal by
    ``==`` may still read differently: ``1`` and ``1.0``).  Cleared with the other caches
    (``coi_graph.match.clear_caches`` clears what has ``cache_clear`` and ``cache_info``)."""

    #: One list: the relatives are matched twice in a row; keeping more would hold the
    #: officers' 100,000 records (which the graph build lets go after matching them) while
    #: the applicants are matched
    KEPT = 1

    def __init__(self) -> None:
        self._sets: list[tuple[list[PersonRecord], bulk.ProbeColumns]] = []
        #: the fields a caller gave as columns for a list (see :func:`probe_columns`)
        self._given: list[tuple[list[PersonRecord], Mapping[str, list[object] | None]]] = []
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        # on the instance, not the class: clear_caches calls what has them in the module
        self.cache_info, self.cache_clear = self._info, self._clear

    def __call__(self, probes: list[PersonRecord]) -> bulk.ProbeColumns:
        given = None
        with self._lock:
            for seen, cols in self._sets:
                if len(seen) == len(probes) and all(map(operator.is_, seen, probes)):
                    self.hits += 1
                    return cols
            for at, (seen, fields) in enumerate(self._given):
                if len(seen) == len(probes) and all(map(operator.is_, seen, probes)):
                    given = fields
                    del self._given[at]  # read once: the columns are kept from here on
                    break
        cols = bulk.ProbeColumns(probes, _text, _date, given)
        with self._lock:
            self.misses += 1
            self._sets.append((list(probes), cols))  # a copy: the caller's list may change
            del self._sets[:-self.KEPT]
        return cols

    def _info(self) -> tuple[int, int, int]:
        """(hits, misses, lists kept), as an ``lru_cache`` tells."""
        return self.hits, self.misses, len(self._sets)

    def give(self, probes: list[PersonRecord],
             fields: Mapping[str, list[object] | None]) -> None:
        """Remember ``fields`` (field -> each probe's value; None: None in every probe) as
        the columns of ``probes``, for when these very records are matched (the last list
        given only; a list equal to it but of other records reads its own)."""
        with self._lock:
            self._given[:] = [(list(probes), fields)]

    def _clear(self) -> None:
        with self._lock:
            self._sets.clear()
            self._given.clear()
            self.hits = self.misses = 0


_probe_columns = _ProbeSets()


def probe_columns(probes: list[PersonRecord], **fields: list[object] | None) -> None:
    """Say what ``probes`` hold as columns (a field's value for each probe, in order, as the
    record holds it; None: the field is None in every probe), so matching these very
    records reads those fields from the columns instead of from 100,000 records one field
    at a time (``bulk.ProbeColumns``).

    Why: the graph build makes its KvK officers' and applicants' records from columns it
    already holds; reading eight fields back from each record cost some 40 ms per list.
    The columns must be the records' own fields (the caller makes both from the same
    lists): the values are taken as they are.  Kept for the last list given, until it is
    matched or the caches are cleared."""
    unknown = set(fields) - set(bulk.ProbeColumns.FIELDS)
    if unknown:
        raise ValueError(f"not a field of a probe: {sorted(unknown)}")
    bad = [f for f, col in fields.items() if col is not None and len(col) != len(probes)]
    if bad:
        raise ValueError(f"columns of another length than the probes: {bad}")
    _probe_columns.give(probes, fields)


def _probe_tokens(probes: list[PersonRecord]) -> tuple[bulk.NameTokens, np.ndarray]:
    """The probes' names split into rough tokens once per distinct name, and each probe's
    name as a position in them (for the candidates and the name frequencies)."""
    return _probe_columns(probes).tokens


def _frequencies(probes: list[PersonRecord], references: tuple[PersonRecord, ...],
                 refs: list[Prepared], policy: MatchingPolicy, coarse: _CoarseIndex,
                 tokens: tuple[bulk.NameTokens, np.ndarray],
                 cols: bulk.ProbeColumns | None = None) -> NameFrequencies | None:
    """Name frequencies of the probes and references together, each record (key) once; the
    usual counts estimated on the (already parsed) references; ``cols``: the probes'
    columns, when not those kept for ``probes`` (``probes`` is then read only for a name
    that is not a string).

    Counted in columns (:func:`coi_graph.match.bulk.count_words`): the references' words
    once per reference set (one scan matches officers and applicants against the same
    employees and relatives), the probes' from their already split names; the same counts
    as :func:`~coi_graph.match.compare.name_frequencies` of every record's name."""
    nf = policy.name_frequency
    if not nf.get("enabled", True):
        return None
    if cols is None:
        cols = _probe_columns(probes)
    keys = pd.Series(cols.keys, dtype=object)
    counted = ~keys.duplicated().to_numpy()
    if coarse.ref_words is None:
        if (len(references) == len(probes) and all(map(operator.is_, references, probes))
                and counted.all()):
            # relatives against relatives: the references are the probes, their names
            # already split (every key once: the last record of a key is its first)
            coarse.ref_words = _name_counts(probes, cols, tokens, counted)
        else:
            texts = [t for t in (_text(n) for n in {r.key: r.name for r in references}.values())
                     if t]
            coarse.ref_words = (*bulk.word_counts(texts), len(texts))
    ref_keys = coarse.ref_keys
    # each probe key once (its first record), none that is a reference's: on columns
    if not ref_keys.isdisjoint(cols.keys):  # relatives against relatives
        counted &= ~keys.isin(ref_keys).to_numpy()
    # read through, not added up: a comparison looks up a few words, and copying the
    # references' counts and adding the officers' 60,000 words and pairs into them cost
    # more than all the look-ups of a scan
    (rc, rp, rn), (pc_, pp, pn) = coarse.ref_words, _name_counts(probes, cols, tokens, counted)
    counts, pairs, records = _SummedCounts(rc, pc_), _SummedCounts(rp, pp), rn + pn
    if records < max(int(nf["min_records"]), 1):
        return None
    return NameFrequencies(counts, pairs, records, float(nf["max_bonus"]),
                           float(nf["max_penalty"]), int(nf["rare_max_names"])
                           ).with_usual_tally(coarse.usual_tally())


def _name_counts(probes: list[PersonRecord], cols: bulk.ProbeColumns,
                 tokens: tuple[bulk.NameTokens, np.ndarray], counted: np.ndarray
                 ) -> tuple[dict[str, int], dict[tuple[str, str], int], int]:
    """The name-word counts (:func:`coi_graph.match.bulk.word_counts`) of the ``counted``
    probes' names, from their names already split (``tokens``), and how many names that is:
    each name that is a string and not blank counts with its tokens (they are those of the
    stripped name), any other as its text (``_text``), when it has one.

    Kept on ``cols`` per ``counted`` when ``tokens`` are its own (read only, like every
    count here): the graph build counts its relatives' names once as the references of
    their own matching and again as the probes matched against the employees."""
    if tokens is not cols._tokens:  # (the columns' own tokens, made already)
        return _count_names(probes, cols, tokens, counted)
    memo: dict[bytes, tuple[dict[str, int], dict[tuple[str, str], int], int]] = cols._once(
        "name_counts", dict)
    which = counted.tobytes()
    got = memo.get(which)
    if got is None:
        got = memo[which] = _count_names(probes, cols, tokens, counted)
    return got


def _count_names(probes: list[PersonRecord], cols: bulk.ProbeColumns,
                 tokens: tuple[bulk.NameTokens, np.ndarray], counted: np.ndarray
                 ) -> tuple[dict[str, int], dict[tuple[str, str], int], int]:
    """:func:`_name_counts`, counted."""
    nt, codes = tokens
    plain = cols.plain
    # a string name counts when it is not blank (nt.names holds it as it is)
    blank = np.fromiter((not n.strip() for n in nt.names), dtype=bool, count=len(nt.names))
    named = counted & plain & ~blank[codes] if len(probes) else counted
    mult = np.bincount(codes[named], minlength=len(nt.names)).astype(np.int64)
    odd: list[str] = []  # a name that is not a string: counted as its text
    for i in np.flatnonzero(counted & ~plain).tolist():
        t = _text(probes[i].name)
        if t:
            odd.append(t)
    got = (*bulk.count_words(nt, mult), int(named.sum()))
    return _add_counts(got, (*bulk.word_counts(odd), len(odd))) if odd else got


def _reason(c: Comparison, band: str) -> str:
    if band == "possible":
        return REASON_POSSIBLE
    if band == "rejected":
        return REASON_REJECTED
    birth = c.level("birth")
    if birth in ("birth.exact", "birth.swapped", "birth.one_digit"):
        return REASON_BIRTH_DATE
    if c.level("address") in ("address.exact", "address.street_city"):
        return REASON_ADDRESS
    if any(f.code.endswith(".same") for f in c.features):
        return REASON_IDENTIFIER
    return REASON_CONFIRMED


def _is_fuzzy(c: Comparison, band: str) -> bool:
    """Approximate: anything but an exact surname, exact given names and (when both have
    one) an exact birth date; a possible match always is."""
    if band != "match":
        return True
    codes = {f.code for f in c.features}
    if not {"surname.exact", "given.exact"} <= codes:
        return True
    return "birth.exact" not in codes and "birth.missing" not in codes


# -- organizations ----------------------------------------------------------------------


#: ``KvK 12345678``, ``KvK-nummer: 1234 5678``, ``kvk nr. 12345678``: the label before a
#: KvK number written into its cell (the number itself is read as :func:`_kvk` reads it).
_KVK_LABEL = re.compile(r"(?i)^\s*(?:kvk|k\.v\.k\.?)\s*[-.]?\s*(?:nummer|nr\.?|no\.?)?\s*[:.]?\s*")


def _kvk(v: object) -> str | None:
    """8-digit KvK number, tolerating a lost leading zero, spaces and a ``KvK`` label
    (``KvK-nummer: 1234 5678``); else None.  A 12-digit vestigingsnummer (a branch) is not a
    KvK number and is not cut to one: the name decides then."""
    if type(v) is str and len(v) == 8 and v.isdigit():  # as written in nearly every export
        return v
    s = _as_text(v)
    if s is None:
        return None
    if s[:1] in "kK":
        s = _KVK_LABEL.sub("", s, count=1)
    s = s.removesuffix(".0")  # a number that went through a float
    digits = s if s.isdigit() else "".join(c for c in s if c.isdigit())
    if not digits or len(digits) > 8 or len(digits) != len(s.replace(" ", "").replace(".", "")):
        return None
    return digits.zfill(8)


def _kvk_positions(entries: list[tuple[str, str, str | None]]) -> dict[str, list[int]]:
    """Each KvK number of ``entries`` (org_id, name, KvK; sorted) -> the positions of its
    entries, one per organization (its first), in the order the numbers first occur."""
    by_kvk: dict[str, list[int]] = {}
    # the org_ids in by_kvk[kvk]: the first alone (nearly every KvK number has one
    # organization; a set for each of 50,000 cost more than the rest of this loop)
    kvk_orgs: dict[str, str | set[str]] = {}
    for i, (oid, _, kvk) in enumerate(entries):
        if not kvk:
            continue
        at = by_kvk.get(kvk)
        if at is None:
            by_kvk[kvk] = [i]
            kvk_orgs[kvk] = oid
            continue
        seen = kvk_orgs[kvk]
        if type(seen) is str:
            seen = kvk_orgs[kvk] = {seen}
        if oid not in seen:
            at.append(i)
            seen.add(oid)  # type: ignore[union-attr]
    return by_kvk


@_gc_paused
def match_organizations(
    probes: Iterable[tuple[str, str | None, str | None]],
    orgs: Iterable[tuple[str, str, str | None]],
    policy: MatchingPolicy,
) -> list[OrgMatch]:
    """Match organizations written on declarations or gifts to the vendor master.

    One result per probe, in probe order:

    1. the same KvK number (also ``KvK-nummer: 1234 5678``; not a 12-digit
       vestigingsnummer) -> ``same KvK number`` (score 1.0; among several vendor records
       with that number, the one with the same name, else the lowest org_id);
    2. else the same normalised name (:func:`normalize_org_name`: legal forms, case,
       diacritics and punctuation ignored), when exactly one organization has it ->
       ``same name`` (1.0);
    3. else the best similarity (``token_sort_ratio`` or, when higher, the name as written;
       a word cut short with a dot read as the candidate's word it starts:
       :func:`_expand_cut`) / 100 when it is >= ``policy.min_org_name_score``, the words
       that differ are typos of each other (:func:`_words_differ`), and it beats the
       runner-up by at least :data:`ORG_AMBIGUITY_MARGIN` (for the very words of one
       organization in another order, only another with those words counts) ->
       ``similar name (0.95)``;
    4. else one organization whose name is the probe's but for a Dutch municipality's
       name (:func:`_but_for_a_place`) and no other with the probe's words and more ->
       :data:`REASON_ORG_PLACE` (:data:`ORG_PLACE_SCORE`);
    5. else ``no match`` (``org_id`` None, score 0; ``detail`` says why).

    ``X h.o.d.n. Y`` (:func:`split_trade_name`) is matched by each half: the organization
    one names and the other does not contradict (:func:`_one_of`).

    An organization whose KvK number differs from the probe's is never matched on name:
    two companies with one name and different KvK numbers are different legal entities;
    and a probe that has exactly such an organization's name matches none.

    >>> from coi_graph.policy import MatchingPolicy
    >>> pol = MatchingPolicy()
    >>> orgs = [("O1", "Bouwbedrijf Jansen B.V.", "12345678"), ("O2", "Schilders De Vries", None)]
    >>> [(m.org_id, m.reason) for m in match_organizations(
    ...     [("d:1", "BOUWBEDRIJF JANSEN", None), ("d:2", "Schildersbedrijf de Vries", None),
    ...      ("d:3", "x", "1234 5678")], orgs, pol)]
    [('O1', 'same name'), (None, 'no match'), ('O1', 'same KvK number')]
    """
    entries: list[tuple[str, str, str | None]] = []  # (org_id, raw name, KvK)
    add = entries.append
    for o in orgs:
        # the name as _as_text and the KvK number as _kvk read them, the commonest cells (a
        # string; eight digits) without calling them: a vendor master has some 50,000 rows
        oid, name, kvk = str(o[0]), o[1], o[2]
        name = ((name.strip() or None) if type(name) is str else _as_text(name)) or ""
        if not (type(kvk) is str and len(kvk) == 8 and kvk.isdigit()):
            kvk = _kvk(kvk)
        add((oid, name, kvk))
        for trade in (o[3] if len(o) > 3 and o[3] else ()):  # trade names (handelsnamen)
            if _as_text(trade):
                add((oid, str(trade).strip(), kvk))
    # each entry once, in vendor-master order before sorting (nearly sorted already; and
    # two rows of one org_id and name with different KvK numbers keep that order, not the
    # order a set of strings happens to have under PYTHONHASHSEED)
    ids = list(map(operator.itemgetter(0), entries))
    if not all(map(operator.lt, ids, itertools.islice(ids, 1, None))):
        entries = sorted(dict.fromkeys(entries), key=operator.itemgetter(0, 1))
    # (else the org_ids ascend strictly, as in the usual vendor master: one row per
    # organization, sorted, no trade names; the entries all differ and are sorted as they
    # stand, so deduping and sorting them, 50,000 tuples, would change nothing)
    kvks = [e[2] for e in entries]
    # each KvK number with its entries' positions; when no number occurs twice (the usual
    # vendor master), each with its one position at once
    by_kvk: dict[str, list[int]] = {k: [i] for i, k in enumerate(kvks) if k is not None}
    if len(by_kvk) != len(kvks) - kvks.count(None):
        by_kvk = _kvk_positions(entries)
    built: list[_Blocks] = []
    # a probe with a KvK number the vendor master does not have can only be an organization
    # without one; when every organization has one (the usual vendor master), no name index
    # is needed for such probes (on ``large``: 1,500 declarations against 50,000 suppliers)
    any_without_kvk = any(e[2] is None for e in entries)

    def blocks() -> _Blocks:  # the name index, only when a probe needs a name match
        if not built:
            built.append(_Blocks([e[1] for e in entries], keep=[e[2] is None for e in entries]))
        return built[0]

    norms: dict[int, str] = {}

    def norm_of(i: int) -> str:  # only the candidates are normalised (most never are)
        n = norms.get(i)
        if n is None:
            n = norms[i] = normalize_org_name(entries[i][1])
        return n

    min_score = policy.min_org_name_score

    def by_name(raw: str, norm: str, kvk: str | None) -> _NameResult:
        """The organization one written name (no KvK number of the master) is."""
        # a probe with a KvK number unknown to the vendor master: only organizations without
        # a KvK number can be it (one with another number is another legal entity)
        cand = ([] if kvk is not None and not any_without_kvk
                else blocks().candidates(f"{norm} {raw}", kept_only=kvk is not None))
        exact_orgs = sorted({entries[i][0] for i in cand if norm_of(i) == norm})
        if len(exact_orgs) == 1:  # one organization (maybe by a trade name)
            oid = exact_orgs[0]
            return _NameResult(oid, 1.0, "same name", f"name '{norm}' = {oid}")
        if len(exact_orgs) > 1:
            return _NameResult(None, 0.0, "no match",
                               f"name '{norm}' is ambiguous: {', '.join(exact_orgs)}",
                               tuple(exact_orgs))
        if kvk is not None and cand:
            # the very name of an organization whose KvK number is another: that legal
            # entity is ruled out, and a look-alike without a number is not taken instead
            named = sorted({entries[i][0] for i in blocks().candidates(f"{norm} {raw}")
                            if norm_of(i) == norm})
            if named:
                return _NameResult(None, 0.0, "no match", f"name '{norm}' is that of "
                                   f"{', '.join(named)}, whose KvK number is not {kvk}")
        cut = org_cut_words(raw)
        names = [norm_of(i) for i in cand]
        if cut:  # 'Install.' read as the word of each candidate it starts
            scores = [_org_ratio(_expand_cut(norm, cut, n), n) for n in names]
            ranked_raw = sorted(((n, sc, j) for j, (n, sc) in enumerate(zip(names, scores))),
                                key=lambda t: (-t[1], t[2]))[:ORG_RANKED]
        else:
            # the words sorted (another word order), or as written: a typo that moves a
            # word in the sorted order ('scoonmaak' after 'schouten', 'schoonmaak' before
            # it) costs the sorted comparison a whole word
            ranked_raw = process.extract(norm, names, scorer=fuzz.token_sort_ratio,
                                         processor=None, limit=ORG_RANKED)
            as_written = process.extract(norm, names, scorer=fuzz.ratio, processor=None,
                                         limit=ORG_RANKED)
            if as_written and (not ranked_raw or as_written[0][1] > ranked_raw[0][1]):
                top = {j: sc for _, sc, j in ranked_raw}
                for n, sc, j in as_written:
                    top[j] = max(sc, top.get(j, 0.0))
                ranked_raw = sorted(((names[j], sc, j) for j, sc in top.items()),
                                    key=lambda t: (-t[1], t[2]))[:ORG_RANKED]
        def known(w: str) -> bool:  # a word some name of the vendor master has
            return w in blocks().words

        best_of: dict[str, tuple[float, str, str]] = {}
        fits: dict[str, tuple[float, str, str]] = {}  # those whose words may be typos of the probe's
        unfit: list[tuple[float, str, str, str]] = []
        for _, sc, j in ranked_raw:  # one line per organization (a trade name is the same org)
            e = entries[cand[j]]
            t = (round(sc / 100, 4), e[0], norm_of(cand[j]))
            if e[0] not in best_of or t[0] > best_of[e[0]][0]:
                best_of[e[0]] = t
            if t[0] < min_score or (e[0] in fits and fits[e[0]][0] >= t[0]):
                continue
            why = _words_differ(_expand_cut(norm, cut, t[2]) if cut else norm, t[2], known)
            if why:  # another word, not a typo of it: not this organization
                unfit.append((*t, why))
            else:
                fits[e[0]] = t
        ranked = sorted(best_of.values(), key=lambda t: (-t[0], t[1]))
        good = sorted(fits.values(), key=lambda t: (-t[0], t[1]))
        if not good:
            # a place name added or left out; not when the policy takes only the same
            # name (min_org_name_score 1.0)
            placed = (sorted({entries[i][0] for i in cand
                              if _but_for_a_place(norm, norm_of(i))})
                      if min_score < 1.0 else [])
            if len(placed) == 1:  # unless others have the probe's words and more (a place
                # this list lacks: 'Maas Dakwerken' for '... Amersfoort' and '... Bilthoven')
                mine = set(norm.split())
                placed = sorted({entries[i][0] for i in cand if mine < set(norm_of(i).split())}
                                | set(placed))
            if len(placed) == 1:
                oid = placed[0]
                return _NameResult(oid, ORG_PLACE_SCORE, REASON_ORG_PLACE,
                                   f"name '{norm}' = {oid} but for a place name")
            if placed:
                return _NameResult(None, 0.0, "no match", f"name '{norm}' but for a place name "
                                   f"is ambiguous: {', '.join(placed)}", tuple(placed))
            best = f"; best '{ranked[0][2]}' {ranked[0][1]} ({ranked[0][0]:.2f})" if ranked else ""
            if unfit:
                u = unfit[0]
                best = f"; '{u[2]}' {u[1]} ({u[0]:.2f}) has another word: {u[3]}{best}"
            return _NameResult(None, 0.0, "no match", f"name '{norm}' not found{best}")
        score, oid, oname = good[0]
        # the runner-up: any other organization (one with another word too: the probe may be
        # a typo of either), but for a probe with the very words of one organization in
        # another order (1.00) only another with those words
        others = [t for t in (good if score >= 1.0 else ranked) if t[1] != oid]
        if others and round(score - others[0][0], 4) < ORG_AMBIGUITY_MARGIN:
            return _NameResult(
                None, 0.0, "no match",
                f"name '{norm}' is ambiguous: {oid} ({score:.2f}), {others[0][1]} ({others[0][0]:.2f})",
                (oid, others[0][1]))
        return _NameResult(oid, score, f"similar name ({score:.2f})",
                           f"name '{norm}' ~ '{oname}' = {oid}")

    out: list[OrgMatch] = []
    for key, name, kvk_raw in probes:
        kvk = _kvk(kvk_raw)
        raw = _as_text(name) or ""
        statutory, trade = split_trade_name(raw) if raw else (raw, None)
        halves = [statutory] if trade is None else [statutory, trade]
        hnorms = [normalize_org_name(h) for h in halves] if raw else [""]
        norm = hnorms[0]
        if kvk and kvk in by_kvk:
            hits = by_kvk[kvk]
            same = [i for i in hits if norm_of(i) in hnorms and norm_of(i)]
            i = (same or hits)[0]
            more = f" (also {', '.join(entries[j][0] for j in hits if j != i)})" if len(hits) > 1 else ""
            out.append(OrgMatch(key, entries[i][0], 1.0, "same KvK number",
                                f"KvK {kvk} = {entries[i][0]}{more}"))
            continue
        if not norm:
            why = f"KvK {kvk} not in the vendor master" if kvk else "no name or KvK number"
            out.append(OrgMatch(key, None, 0.0, "no match", why))
            continue
        if trade is None:
            out.append(OrgMatch(key, *by_name(raw, norm, kvk)[:4]))
            continue
        out.append(OrgMatch(key, *_one_of([by_name(h, n, kvk) for h, n in zip(halves, hnorms) if n])))
    return out


#: How many of the most similar names :func:`match_organizations` looks at (per probe).
ORG_RANKED = 8


def _org_ratio(a: str, b: str) -> float:
    """The similarity of two normalised organization names: their words sorted
    (``token_sort_ratio``: another word order) or as written, whichever is higher."""
    return max(fuzz.token_sort_ratio(a, b, processor=None), fuzz.ratio(a, b, processor=None))


class _NameResult(NamedTuple):
    """What one written name matched: the fields of :class:`OrgMatch` after the probe, and
    the organizations that made it ambiguous (for a name with a trade name)."""

    org_id: str | None
    score: float
    reason: str
    detail: str
    among: tuple[str, ...] = ()


def _one_of(results: list[_NameResult]) -> tuple[str | None, float, str, str]:
    """A statutory name and a trade name (``X h.o.d.n. Y``) each matched: the organization
    both point at, or that one points at and the other does not contradict (no match, or
    ambiguous among organizations that include it); two different organizations, or none,
    -> no match."""
    found = sorted({r.org_id for r in results if r.org_id})
    if len(found) == 1:
        oid = found[0]
        if all(r.org_id == oid or not r.among or oid in r.among for r in results):
            best = max((r for r in results if r.org_id == oid), key=lambda r: r.score)
            detail = "; ".join(r.detail for r in results)
            return oid, best.score, best.reason, detail
    detail = "; ".join(r.detail for r in results)
    if len(found) > 1:
        detail = f"statutory and trade name differ: {detail}"
    return None, 0.0, "no match", detail


def _expand_cut(norm: str, cut: tuple[tuple[str, str], ...], other: str) -> str:
    """``norm`` with each word cut short (:func:`org_cut_words`: ``install``, ``ing`` +
    ``bureau``) replaced by the word of ``other`` it starts (and ends), when ``other`` has
    one; else as written."""
    words = norm.split()
    theirs = other.split()
    for start, end in cut:
        if start not in words:
            continue
        i = words.index(start)
        if end and i + 1 < len(words) and words[i + 1] == end:
            full = next((w for w in theirs if len(w) > len(start) + len(end)
                         and w.startswith(start) and w.endswith(end)), None)
            if full:
                words[i:i + 2] = [full]
                continue
        full = next((w for w in theirs if len(w) > len(start) and w.startswith(start)), None)
        if full:
            words[i] = full
    return " ".join(words)


#: The reason (and score) of an organization whose name is the probe's with a place name
#: added or left out (``Jansen Bouw Utrecht`` ~ ``Jansen Bouw``); in the catalogue
#: (``coi_graph.labels``) as users read it.
REASON_ORG_PLACE = "same name but for a place name"
ORG_PLACE_SCORE = 0.9


def _but_for_a_place(probe: str, cand: str) -> bool:
    """Whether one normalised name is the other with a Dutch place name
    (:func:`org_place_names`) added, at the end or anywhere: every word of the shorter in the
    longer, which has only the place's words besides; the shorter keeps two words at least
    (``Bouwbedrijf`` alone names no organization).

    >>> _but_for_a_place("jansen bouw utrecht", "jansen bouw"), _but_for_a_place("jansen bouw", "jansen bouw wijk bij duurstede")
    (True, True)
    >>> _but_for_a_place("jansen bouw holding", "jansen bouw"), _but_for_a_place("bouwbedrijf utrecht", "bouwbedrijf utrechtse heuvelrug")
    (False, False)
    """
    a, b = probe.split(), cand.split()
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < 2 or len(short) == len(long_) or not set(short) <= set(long_):
        return False
    extra = [w for w in long_ if w not in short]
    return " ".join(extra) in org_place_names()


def _typo_of(a: str, b: str) -> bool:
    """Whether one word may be a typo of the other.  Up to 4 letters (by the shorter) only a
    letter added or dropped (``Smit`` ~ ``Smits``, ``Graf`` ~ ``Graaf``, ``Ploeg`` ~
    ``Poeg``): one replaced or two swapped make another short name (``Post`` ~ ``Oost``,
    ``Vos`` ~ ``Bos``); one edit (OSA: two letters swapped count one) up to 7 letters, two
    from 8 (``Loodgietersbedrijf``)."""
    n = min(len(a), len(b))
    if n <= 4:
        return Indel.distance(a, b, score_cutoff=1) == 1
    k = 1 if n <= 7 else 2
    return OSA.distance(a, b, score_cutoff=k) <= k


def _words_differ(probe: str, cand: str, known: Callable[[str], bool]) -> str:
    """Why two organization names that look alike (a high ``token_sort_ratio``) are not one
    name with typos; '' when they may be.  The ratio of the whole name lets a long trade
    word (``Loodgietersbedrijf``) hide a different family or place name (``Vos`` ~
    ``Roos``), so each word that one name has and the other lacks must be a typo
    (:func:`_typo_of`) of a word the other has in its place, and a word of the probe that
    the vendor master spells so elsewhere (``known``: ``Smits`` beside ``Smit``) is a real
    other name, not a typo.  Names that are the same but for spaces (``bouw bedrijf``) are
    not compared word by word."""
    if probe.replace(" ", "") == cand.replace(" ", ""):
        return ""
    mine, theirs = probe.split(), cand.split()
    only_mine = [w for w in mine if w not in theirs]
    only_theirs = [w for w in theirs if w not in mine]
    if not only_mine and not only_theirs:
        return ""  # the same words in another order, or one twice
    if len(only_mine) != len(only_theirs):
        return f"'{' '.join(only_mine)}' ~ '{' '.join(only_theirs)}'"
    left = list(only_theirs)
    for w in only_mine:
        if known(w):
            return f"'{w}' is another name in the vendor master"
        fit = next((x for x in left if _typo_of(w, x)), None)
        if fit is None:
            return f"'{w}' ~ '{' '.join(left)}'"
        left.remove(fit)
    return ""


#: A name word shared by more organizations than this is too common to block on alone.
ORG_BLOCK_LIMIT = 500
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> set[str]:
    """Folded words of a name (cheap: no legal-form rules)."""
    return set(_WORD.findall(fold_text(text)))


def _word_positions(names: list[str]) -> defaultdict[str, list[int]]:
    """Each folded word (:func:`_words`) of ``names`` -> the positions of the names that
    have it, ascending.  On the column at once (:func:`coi_graph.match.bulk.word_rows`:
    a vendor master holds some 50,000 names); a name whose folded form is not ASCII word
    by word with the regular expression."""
    words: defaultdict[str, list[int]] = defaultdict(list)
    vocab, code, at, other = bulk.word_rows(names)
    if len(code):
        order = np.argsort(code, kind="stable")  # by word, then name (``at`` ascends)
        wc, at = code[order], at[order]
        once = np.ones(len(wc), dtype=bool)  # each word once per name
        once[1:] = (wc[1:] != wc[:-1]) | (at[1:] != at[:-1])
        wc, pos = wc[once], at[once].tolist()
        cut = [0, *(np.flatnonzero(np.diff(wc)) + 1).tolist(), len(pos)]
        for j, c in enumerate(wc[cut[:-1]].tolist()):
            words[vocab[c]] = pos[cut[j]:cut[j + 1]]
    if other:
        grown: set[str] = set()
        for i in other:
            for w in set(_WORD.findall(fold_text(names[i]))):
                words[w].append(i)
                grown.add(w)
        for w in grown:
            words[w].sort()
    return words


class _Blocks:
    """Word -> positions of the names that have it; word start (4 letters) -> positions,
    built only when a name shares no word with any organization (a typo in every word).
    A name similar enough to match shares most words with its organization, so comparing
    within blocks loses nothing real and keeps fuzzy matching linear."""

    def __init__(self, names: list[str], keep: list[bool] | None = None) -> None:
        self.names = names
        self.keep = keep  # the positions ``candidates(..., kept_only=True)`` returns
        self._kept: dict[int, list[int]] = {}  # id of a block -> its kept positions
        self.words: dict[str, list[int]] = _word_positions(names)
        self._starts: dict[str, list[int]] | None = None

    def starts(self) -> dict[str, list[int]]:
        if self._starts is None:
            self._starts = defaultdict(list)
            for w, xs in self.words.items():
                if len(w) > 4:
                    self._starts[w[:4]].extend(xs)
        return self._starts

    def candidates(self, text: str, kept_only: bool = False) -> list[int]:
        """Positions sharing a (not too common) word with ``text``, else a word start;
        when all are common, those of the rarest one.  ``kept_only``: only the positions
        ``keep`` marks (each block filtered once, not every result)."""
        ws = sorted(_words(text))  # sorted: on a tie the same block every run (not hash order)
        lists = [self.words[w] for w in ws if w in self.words]
        if not any(len(xs) <= ORG_BLOCK_LIMIT for xs in lists):
            st = self.starts()
            lists += [st[w[:4]] for w in ws if len(w) > 4 and w[:4] in st]
        if not lists:
            return []
        small = [xs for xs in lists if len(xs) <= ORG_BLOCK_LIMIT] or [min(lists, key=len)]
        if kept_only and self.keep is not None:
            keep, kept = self.keep, self._kept
            small = [kept[id(xs)] if id(xs) in kept
                     else kept.setdefault(id(xs), [i for i in xs if keep[i]]) for xs in small]
        return sorted({i for xs in small for i in xs})
