"""Record matching with reasons: is this applicant, KvK officer or relative one of our people?

Every match says *why* two records were taken to be one person (``same name + birth date``
or ``same name + address``) and *how* the names compared, so a finding's evidence can show
it and a reviewer can overrule it.  Names are compared with :func:`compare_names` on the
parts :func:`coi_graph.normalize_names.parse_name` extracts.

Rules (see :func:`match_people`):

- the names must share a core surname and their given names must score at least
  ``policy.min_given_name_score``;
- both birth dates present: they must be equal.  A namesake with another birth date is
  another person, even at the same address (father and son);
- a birth date missing on either side: with ``policy.use_address`` the normalised address
  keys must be present and equal.

>>> from coi_graph.policy import MatchingPolicy
>>> import datetime as dt
>>> pol = MatchingPolicy(min_given_name_score=0.85, use_address=True, min_org_name_score=0.92)
>>> a = PersonRecord("applicant:D1", "A.M. de Vries", dt.date(1980, 5, 1), None)
>>> e = PersonRecord("employee:E1", "Vries, Anna Maria de", dt.date(1980, 5, 1), None)
>>> [(m.reference, m.score, m.reason, m.fuzzy) for m in match_people([a], [e], pol)]
[('employee:E1', 0.85, 'same name + birth date', True)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from .links import is_missing
from .normalize_names import (
    PersonName,
    fold_text,
    normalize_org_name,
    parse_name,
    surname_keys,
)
from .policy import MatchingPolicy

__all__ = [
    "PersonRecord",
    "NameComparison",
    "Match",
    "OrgMatch",
    "compare_names",
    "match_people",
    "match_organizations",
    "INITIALS_SCORE",
    "MISSING_GIVEN_SCORE",
    "HYPHEN_PART_SCORE",
    "MIN_SPELLING_SCORE",
    "ORG_AMBIGUITY_MARGIN",
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


@dataclass(frozen=True)
class PersonRecord:
    """A record of a person to match.  ``key`` is opaque here (``employee:E1``,
    ``applicant:D17``); ``address_key`` is ``POSTCODE|NUMBER|ADDITION``, already normalised.
    Pandas missing values (``NaT``, ``NaN``) and ``datetime``/ISO strings are accepted."""

    key: str
    name: str
    birth_date: dt.date | None
    address_key: str | None


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


def _as_date(v: object) -> dt.date | None:
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


def _as_text(v: object) -> str | None:
    if is_missing(v):
        return None
    s = str(v).strip()
    return s or None


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


def match_people(
    probes: Iterable[PersonRecord],
    references: Iterable[PersonRecord],
    policy: MatchingPolicy,
) -> list[Match]:
    """Every (probe, reference) pair that is one person, sorted by (probe, reference).

    A probe may match several references (one person declared as relative by two
    employees); a record never matches a record with the same key.  The name score must
    also be above 0 (so ``min_given_name_score: 0`` still needs compatible given names).
    ``Match.score`` is the name comparison score (the date or address is a yes/no check).

    Complexity: records are blocked on (core surname, birth date) and (core surname,
    address), so the work is about linear in the number of records plus the pairs that
    share a surname *and* a birth date or address; each distinct name is parsed once.

    >>> from coi_graph.policy import MatchingPolicy
    >>> pol = MatchingPolicy(0.85, True, 0.92)
    >>> father = PersonRecord("employee:E1", "Jan de Vries", dt.date(1950, 1, 1), "1234AB|1|")
    >>> son = PersonRecord("applicant:D1", "Jan de Vries", dt.date(1980, 1, 1), "1234AB|1|")
    >>> match_people([son], [father], pol)
    []
    >>> son_no_date = PersonRecord("applicant:D1", "Jan de Vries", None, "1234AB|1|")
    >>> [m.reason for m in match_people([son_no_date], [father], pol)]
    ['same name + address']
    """
    min_score = policy.min_given_name_score
    use_address = policy.use_address
    names: dict[str, PersonName] = {}
    keys_of: dict[str, tuple[str, ...]] = {}

    def keys(name: str) -> tuple[str, ...]:
        ks = keys_of.get(name)
        if ks is None:
            pn = parse_name(name)
            names[name] = pn
            ks = keys_of[name] = surname_keys(pn)
        return ks

    refs: list[tuple[str, str, dt.date | None, str | None]] = []
    by_date: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    by_addr: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_addr_nodate: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in references:
        name = _as_text(r.name) or ""
        bd, addr = _as_date(r.birth_date), _as_text(r.address_key)
        idx = len(refs)
        refs.append((r.key, name, bd, addr))
        for k in keys(name):
            if bd is not None:
                by_date[(k, bd)].append(idx)
            if addr is not None:
                by_addr[(k, addr)].append(idx)
                if bd is None:
                    by_addr_nodate[(k, addr)].append(idx)

    compared: dict[tuple[str, str], NameComparison] = {}
    found: dict[tuple[str, str], Match] = {}
    for p in probes:
        name = _as_text(p.name) or ""
        bd, addr = _as_date(p.birth_date), _as_text(p.address_key)
        # most probes share no surname-and-date with any reference: rule them out on cheap
        # word keys before parsing the name (parsing is most of the cost)
        rough = possible_surname_keys(name)
        if not any((bd is not None and (k, bd) in by_date)
                   or (use_address and addr is not None
                       and (k, addr) in (by_addr if bd is None else by_addr_nodate))
                   for k in rough):
            continue
        cands: set[int] = set()
        for k in keys(name):
            if bd is not None:
                cands.update(by_date.get((k, bd), ()))
                if use_address and addr is not None:
                    cands.update(by_addr_nodate.get((k, addr), ()))
            elif use_address and addr is not None:
                cands.update(by_addr.get((k, addr), ()))
        for idx in cands:
            rkey, rname, rbd, _ = refs[idx]
            if rkey == p.key:
                continue
            cmp_ = compared.get((name, rname))
            if cmp_ is None:
                cmp_ = compared[(name, rname)] = compare_names(names[name], names[rname])
            if cmp_.score <= 0 or cmp_.score < min_score:
                continue
            if bd is not None and rbd is not None:
                reason = REASON_BIRTH_DATE
                detail = f"{cmp_.detail}; birth date {bd.isoformat()} on both"
            else:
                reason = REASON_ADDRESS
                missing = "both sides" if bd is None and rbd is None else (
                    "the probe side" if bd is None else "the reference side")
                detail = f"{cmp_.detail}; address {addr} on both; birth date missing on {missing}"
            m = Match(p.key, rkey, cmp_.score, reason, detail, cmp_.fuzzy)
            old = found.get((p.key, rkey))
            if old is None or (m.score, m.reason == REASON_BIRTH_DATE) > (
                old.score, old.reason == REASON_BIRTH_DATE
            ):
                found[(p.key, rkey)] = m
    return [found[k] for k in sorted(found)]


# -- organizations ----------------------------------------------------------------------


def _kvk(v: object) -> str | None:
    """8-digit KvK number, tolerating a lost leading zero and spaces; else None."""
    s = _as_text(v)
    if s is None:
        return None
    s = s.removesuffix(".0")  # a number that went through a float
    digits = "".join(c for c in s if c.isdigit())
    if not digits or len(digits) > 8 or len(digits) != len(s.replace(" ", "").replace(".", "")):
        return None
    return digits.zfill(8)


def match_organizations(
    probes: Iterable[tuple[str, str | None, str | None]],
    orgs: Iterable[tuple[str, str, str | None]],
    policy: MatchingPolicy,
) -> list[OrgMatch]:
    """Match organizations written on declarations or gifts to the vendor master.

    One result per probe, in probe order:

    1. the same KvK number -> ``same KvK number`` (score 1.0; among several vendor records
       with that number, the one with the same name, else the lowest org_id);
    2. else the same normalised name (:func:`normalize_org_name`: legal forms, case,
       diacritics and punctuation ignored), when exactly one organization has it ->
       ``same name`` (1.0);
    3. else the best ``token_sort_ratio`` / 100 when it is >= ``policy.min_org_name_score``
       and beats the runner-up by at least :data:`ORG_AMBIGUITY_MARGIN` ->
       ``similar name (0.95)``;
    4. else ``no match`` (``org_id`` None, score 0; ``detail`` says why).

    An organization whose KvK number differs from the probe's is never matched on name:
    two companies with one name and different KvK numbers are different legal entities.

    >>> from coi_graph.policy import MatchingPolicy
    >>> pol = MatchingPolicy(0.85, True, 0.92)
    >>> orgs = [("O1", "Bouwbedrijf Jansen B.V.", "12345678"), ("O2", "Schilders De Vries", None)]
    >>> [(m.org_id, m.reason) for m in match_organizations(
    ...     [("d:1", "BOUWBEDRIJF JANSEN", None), ("d:2", "Schildersbedrijf de Vries", None),
    ...      ("d:3", "x", "1234 5678")], orgs, pol)]
    [('O1', 'same name'), (None, 'no match'), ('O1', 'same KvK number')]
    """
    entries = sorted(
        ((str(oid), normalize_org_name(name), _kvk(kvk)) for oid, name, kvk in orgs),
        key=lambda e: e[0],
    )
    by_kvk: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, kvk) in enumerate(entries):
        if kvk:
            by_kvk[kvk].append(i)
    # Choices for name matching: all organizations, or (probe has a KvK number that is not
    # in the vendor master) only those without a KvK number.
    pools = {
        False: list(range(len(entries))),
        True: [i for i, e in enumerate(entries) if e[2] is None],
    }
    by_name = {flag: _index_names(entries, idx) for flag, idx in pools.items()}
    choices = {flag: [entries[i][1] for i in idx] for flag, idx in pools.items()}

    min_score = policy.min_org_name_score
    out: list[OrgMatch] = []
    for key, name, kvk_raw in probes:
        kvk = _kvk(kvk_raw)
        norm = normalize_org_name(name) if _as_text(name) else ""
        if kvk and kvk in by_kvk:
            hits = by_kvk[kvk]
            same = [i for i in hits if norm and entries[i][1] == norm]
            i = (same or hits)[0]
            more = f" (also {', '.join(entries[j][0] for j in hits if j != i)})" if len(hits) > 1 else ""
            out.append(OrgMatch(key, entries[i][0], 1.0, "same KvK number",
                                f"KvK {kvk} = {entries[i][0]}{more}"))
            continue
        if not norm:
            why = f"KvK {kvk} not in the vendor master" if kvk else "no name or KvK number"
            out.append(OrgMatch(key, None, 0.0, "no match", why))
            continue
        flag = kvk is not None
        pool = pools[flag]
        exact = by_name[flag].get(norm, [])
        if len(exact) == 1:
            oid = entries[exact[0]][0]
            out.append(OrgMatch(key, oid, 1.0, "same name", f"name '{norm}' = {oid}"))
            continue
        if len(exact) > 1:
            ids = ", ".join(entries[i][0] for i in exact)
            out.append(OrgMatch(key, None, 0.0, "no match", f"name '{norm}' is ambiguous: {ids}"))
            continue
        ranked = process.extract(norm, choices[flag], scorer=fuzz.token_sort_ratio,
                                 processor=None, limit=3)
        ranked = sorted(
            ((round(s / 100, 4), entries[pool[j]][0], entries[pool[j]][1]) for _, s, j in ranked),
            key=lambda t: (-t[0], t[1]),
        )
        if not ranked or ranked[0][0] < min_score:
            best = f"; best '{ranked[0][2]}' {ranked[0][1]} ({ranked[0][0]:.2f})" if ranked else ""
            out.append(OrgMatch(key, None, 0.0, "no match", f"name '{norm}' not found{best}"))
            continue
        score, oid, oname = ranked[0]
        if len(ranked) > 1 and round(score - ranked[1][0], 4) < ORG_AMBIGUITY_MARGIN:
            out.append(OrgMatch(
                key, None, 0.0, "no match",
                f"name '{norm}' is ambiguous: {oid} ({score:.2f}), {ranked[1][1]} ({ranked[1][0]:.2f})",
            ))
            continue
        out.append(OrgMatch(key, oid, score, f"similar name ({score:.2f})",
                            f"name '{norm}' ~ '{oname}' = {oid}"))
    return out


def _index_names(entries: list[tuple[str, str, str | None]], idx: list[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        if entries[i][1]:
            out[entries[i][1]].append(i)
    return dict(out)
