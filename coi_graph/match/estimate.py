"""Estimating the matching weights from the data, as Splink does (opt-in: ``coi match weights``).

Why: every level of :mod:`coi_graph.match.compare` carries a weight, ``log2(m / u)``, where
``m`` is how often the level occurs between two records of one person and ``u`` how often
between two people.  The policy's weights are documented defaults, reasoned from Dutch
registers in general; a corporation's own data may type birth dates more carefully, or
share addresses more often, than the defaults assume.  This module estimates ``m`` and
``u`` from the records a scan matches, the way Splink does, and keeps an estimate only
where it is sound; the scan never uses it unless a policy written from it is passed
(``coi scan --policy``).

- ``u`` (:func:`estimate_u`, Splink's ``estimate_u_using_random_sampling``): the share of
  each level among random pairs of records (a deterministic sample: seed fixed, all pairs
  when there are fewer than the sample size).  Two random records are almost always two
  people, so that is the share among two people.
- ``m`` (:func:`estimate_m`, Splink's ``estimate_parameters_using_expectation_maximisation``):
  expectation maximisation on pairs that share a blocking key, with ``u`` held fixed.  A
  comparison used for blocking cannot be estimated from that blocking (its agreement is
  forced), so, as Splink's documentation teaches, there are two training sessions:
  blocked on the *birth date* (estimates the name levels, the address and the
  identifiers) and blocked on the *surname* (estimates the given name, the birth date, the
  address and the identifiers).  A level estimated in both takes the mean of the two
  ``m`` (Splink averages its sessions likewise).

Comparisons (a pair lands on one level of each, or on none when a side lacks the field:
Splink's null level, no evidence either way): ``surname``, ``given``, ``name`` (the
``name.*`` levels replace both name levels: the given-name comparison is then null, so
``log2(m/u)`` is that of the whole name), ``birth``, ``address``, ``iban``, ``email``,
``phone``.  An identifier that differs (both known) is a level of the model with no weight
in the policy (0): it is used to fit, never written.  Not estimated: ``frequency.*``
(counted per name in every scan), ``limit.*`` and ``family.*`` (rules, not evidence: no
estimate can tell a family from one person), the ``*.missing`` levels (null) and the
thresholds.

"Where that is sound": an estimate replaces a default only when the level was met in at
least ``min_pairs`` sampled pairs and in at least ``min_pairs`` pairs' worth of blocked
pairs taken as one person, both ``m`` and ``u`` are above zero, and the EM session that
gave ``m`` converged.  Otherwise the default stays and :attr:`LevelEstimate.why` says why.
Weights are clipped to ``[-MAX_WEIGHT, MAX_WEIGHT]`` and rounded to 0.1.  Deterministic:
the same records in the same order give the same estimates.

>>> import datetime as dt
>>> from coi_graph.policy import MatchingPolicy
>>> names = ["Anna Bakker", "Bram de Wit", "Cor Smit", "Dirk Mulder", "Eva Bos", "Fleur Vos"]
>>> recs = [PersonRecord(f"{n}:{k}", n, dt.date(1960 + i, 1 + i, 1), None)
...         for i, n in enumerate(names) for k in "ab"]  # six people, each written twice
>>> row = estimate_weights(recs, MatchingPolicy(), min_pairs=5).level("birth.exact")
>>> row.sample_pairs, round(row.u, 3), round(row.m, 2), row.weight
(6, 0.091, 1.0, 3.5)

(All 66 pairs are compared; the six that agree on the birth date are the six people's own,
so ``u`` is high and the weight low: a set this small says little.  With the default
``min_pairs`` of 20 the estimate is not used.)

>>> estimate_weights(recs, MatchingPolicy()).level("birth.exact").why
'few_pairs'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..normalise.names import fold_text
from ..policy import MatchingPolicy
from .compare import (
    _GIVEN_TF,
    _SAME_SURNAME,
    DEFAULT_WEIGHTS,
    NameFrequencies,
    PersonRecord,
    Prepared,
    _birth_level,
    _birth_level_of,
    _email_typo,
    _given_level,
    _phone_typo,
    _one_word,
    _spacing,
    _street_parts,
    _street_typo,
    _surname_level,
    _swapped,
    _two_names,
    _word_letters,
    _written,
    compare,
    name_frequencies,
    prepare,
)

__all__ = ["COMPARISONS", "LevelEstimate", "Estimate", "estimate_weights", "estimate_u",
           "estimate_m", "Session", "SESSIONS", "comparison_of", 
           "policy_text_with", "policy_file_text", "header_lines", "MAX_WEIGHT", "MIN_PAIRS",
           "SAMPLE_PAIRS", "MAX_ITERATIONS"]

#: A weight estimated beyond this (either sign) is clipped: a level never seen among two
#: people in a million pairs says "very likely one person", not "certainly".
MAX_WEIGHT = 16.0
#: The fewest pairs a level must be seen in (sampled, and blocked pairs taken as one
#: person) for its estimate to be used: a count of 20 is known to about a quarter
#: (1/sqrt(20)), about 0.3 in the log2 weight.
MIN_PAIRS = 20
#: Random pairs for ``u`` (Splink's tutorials use 1e6-1e7; each pair here costs one
#: :func:`compare`, some 75 us).
SAMPLE_PAIRS = 1_000_000
#: Blocked pairs per EM session at most (a deterministic sample beyond it).
MAX_BLOCKED_PAIRS = 500_000
#: EM stops when no probability moves more than this (Splink's ``em_convergence``) ...
EM_CONVERGENCE = 1e-4
#: ... or after this many iterations without converging: the session's estimates are then
#: not used.  (Splink's default is 25 and it then warns and keeps the values; here not
#: converging means unsound, so EM gets more room: the surname session on the medium
#: demo converges in some 60.)
MAX_ITERATIONS = 100
#: The seed of every sample (fixed: the same data gives the same estimates).
SEED = 10

#: The comparisons, in the order of the table; each policy weight code belongs to the one
#: its prefix names.
COMPARISONS = ("surname", "given", "name", "birth", "address", "iban", "email", "phone")
#: The model's slots: ``name.*`` levels sit in the surname slot (they replace both name
#: levels, the given-name slot is then null).
_SLOTS = ("surname", "given", "birth", "address", "iban", "email", "phone")
_IDS = ("iban", "email", "phone")
#: the identifiers :func:`compare` also compares for a typing error, with its test
_ID_TYPOS: dict[str, Callable[[str, str], bool]] = {"email": _email_typo, "phone": _phone_typo}
_NOT_DIGIT = re.compile(r"\D+")
_NULL = frozenset({"surname.missing", "given.missing", "birth.missing", "address.missing"})


def comparison_of(code: str) -> str:
    """The comparison a level code belongs to (``name.swapped`` -> ``name``)."""
    return code.split(".", 1)[0]


def _slot_of(code: str) -> str:
    kind = comparison_of(code)
    return "surname" if kind == "name" else kind


def _slot_levels(weights: Mapping[str, float]) -> dict[str, list[str]]:
    """Each slot's levels: the policy's codes of its comparisons (null levels left out)
    and, for an identifier, ``<kind>.other`` (both known, different: no policy weight)."""
    out: dict[str, list[str]] = {s: [] for s in _SLOTS}
    for code in list(DEFAULT_WEIGHTS) + [c for c in weights if c not in DEFAULT_WEIGHTS]:
        if comparison_of(code) in COMPARISONS and code not in _NULL:
            out[_slot_of(code)].append(code)
    for kind in _IDS:
        out[kind].append(f"{kind}.other")
    return out


@dataclass(frozen=True)
class Session:
    """One EM training session: its blocking and the slots it cannot estimate (those the
    blocking forces to agree).  ``key`` gives a record's blocking key (None: not blocked)."""

    name: str
    key: Callable[[Prepared], object]
    fixed: frozenset[str]


def _birth_key(p: Prepared) -> object:
    return p.birth


def _surname_key(p: Prepared) -> object:
    return p.surnames[0] if p.surnames else None


#: The two sessions (Splink: "a comparison used in a blocking rule cannot be estimated in
#: that session"): blocked on the birth date, and on the (first core) surname.  Not on
#: surname *and* given name: where records carry no address or identifier, the birth date
#: would be the only comparison left, and EM with one comparison and ``u`` fixed has no
#: single answer (it does not converge); the given name keeps it identifiable.
SESSIONS = (Session("birth", _birth_key, frozenset({"birth"})),
            Session("surname", _surname_key, frozenset({"surname"})))


@dataclass
class LevelEstimate:
    """One level's estimate.  ``weight`` is None when it is not sound; ``why`` says why
    (``null``, ``address_off``, ``never_seen``, ``u_zero``, ``m_zero``, ``few_pairs``,
    ``not_converged``), or is ``clipped`` / ``""`` for a weight that is used."""

    code: str
    default: float
    m: float | None = None
    u: float | None = None
    weight: float | None = None
    why: str = ""
    sample_pairs: int = 0       # sampled pairs at this level (for u)
    blocked_pairs: int = 0      # blocked pairs at this level (for m), all sessions
    matches: float = 0.0        # ... of them taken as one person (EM's expected count)
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def comparison(self) -> str:
        return comparison_of(self.code)

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.code, "comparison": self.comparison, "default": self.default,
                "estimate": self.weight, "why": self.why, "params": self.params,
                "m": self.m, "u": self.u, "sample_pairs": self.sample_pairs,
                "blocked_pairs": self.blocked_pairs, "matches": round(self.matches, 2)}


@dataclass
class Estimate:
    """The outcome: one :class:`LevelEstimate` per level, and what it was made from."""

    levels: list[LevelEstimate]
    records: int
    sample_pairs: int
    sessions: dict[str, dict[str, Any]]
    min_pairs: int

    def level(self, code: str) -> LevelEstimate:
        return next(x for x in self.levels if x.code == code)

    def weights(self) -> dict[str, float]:
        """The sound estimates only (level code -> weight)."""
        return {x.code: x.weight for x in self.levels if x.weight is not None}

    def as_dict(self) -> dict[str, Any]:
        return {"records": self.records, "sample_pairs": self.sample_pairs,
                "min_pairs": self.min_pairs, "sessions": self.sessions,
                "levels": [x.as_dict() for x in self.levels]}


# -- a pair's levels ----------------------------------------------------------------------

class _Coder:
    """Turns a compared pair into one level index per slot (-1: null), as :func:`compare`
    decides the levels (with the name frequencies, as in a scan)."""

    def __init__(self, policy: MatchingPolicy, frequencies: NameFrequencies | None):
        self.policy = policy
        self.freq = frequencies
        self.levels = _slot_levels(policy.weights)
        self.index = {c: (si, li) for si, s in enumerate(_SLOTS)
                      for li, c in enumerate(self.levels[s])}

    def code(self, a: Prepared, b: Prepared) -> list[int]:
        m = self.policy
        c = compare(a, b, m.weights, m.match_threshold, m.review_threshold, self.freq)
        row = [-1] * len(_SLOTS)
        for f in c.features:
            at = self.index.get(f.code)
            if at is not None:
                row[at[0]] = at[1]
        if any(f.code.startswith("name.") for f in c.features):
            row[1] = -1  # the given-name slot is replaced (compare gives no given level)
        for kind in _IDS:
            si = _SLOTS.index(kind)
            if row[si] < 0 and getattr(a, kind) and getattr(b, kind):
                row[si] = self.index[f"{kind}.other"][1]
        if not m.use_address:
            row[_SLOTS.index("address")] = -1
        return row

    def pairs(self, prepared: Sequence[Prepared], i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The rows of the pairs ``(prepared[i], prepared[j])``: what :meth:`code` gives
        each, computed on columns.

        Why: :meth:`code` builds the whole comparison (every feature, its display text, the
        band) to read off a level per slot, some 80 us a pair; ``coi match weights`` on
        the large demo compared two million pairs that way (165 s).  Here the birth date,
        address and identifiers are compared as integer codes on whole columns, and only
        the names in Python (:func:`_name_codes`, the name branch of :func:`compare`),
        once per pair of distinct names.  ``tests/test_cli_audit19.py`` checks that the
        rows equal :meth:`code`'s, pair by pair, on the demo's records."""
        n = len(i)
        out = np.full((n, len(_SLOTS)), -1, dtype=np.int16)
        if not n:
            return out
        cols = self._columns(prepared)
        i = np.asarray(i, np.int64)
        j = np.asarray(j, np.int64)
        self._name_slots(prepared, cols, i, j, out)
        out[:, _SLOTS.index("birth")] = self._birth_slot(prepared, cols, i, j)
        if self.policy.use_address:
            out[:, _SLOTS.index("address")] = self._address_slot(prepared, cols, i, j)
        for kind in _IDS:
            code = cols[kind]
            a, b = code[i], code[j]
            both = (a > 0) & (b > 0)
            si = _SLOTS.index(kind)
            out[both & (a == b), si] = self._level(f"{kind}.same")
            out[both & (a != b), si] = self._level(f"{kind}.other")
            typo = _ID_TYPOS.get(kind)
            if typo is not None and self._level(f"{kind}.typo") >= 0:
                self._id_typos(prepared, kind, typo, both & (a != b), a, b, i, j, out[:, si])
        return out

    def _id_typos(self, prepared: Sequence[Prepared], kind: str,
                  typo: Callable[[str, str], bool], differ: np.ndarray, a: np.ndarray,
                  b: np.ndarray, i: np.ndarray, j: np.ndarray, slot: np.ndarray) -> None:
        """Set ``<kind>.typo`` where :func:`compare` gives it (``email.typo``,
        ``phone.typo``): its own test, once per pair of distinct values, on the pairs whose
        values are of lengths one typo apart (a random pair of e-mail addresses or phone
        numbers is mostly not: their lengths and domains differ)."""
        size = self._columns(prepared)[f"{kind}_len"]
        cand = np.flatnonzero(differ & (np.abs(size[i] - size[j]) <= 2))
        if not len(cand):
            return
        level = self._level(f"{kind}.typo")
        seen: dict[tuple[int, int], bool] = {}
        for n, x, y in zip(cand.tolist(), a[cand].tolist(), b[cand].tolist()):
            hit = seen.get((x, y))
            if hit is None:
                hit = seen[(x, y)] = typo(getattr(prepared[int(i[n])], kind),
                                          getattr(prepared[int(j[n])], kind))
            if hit:
                slot[n] = level

    def _level(self, code: str | None) -> int:
        """A level code's index in its slot (-1: a null level, or none)."""
        at = self.index.get(code) if code is not None else None
        return -1 if at is None else at[1]

    def _columns(self, prepared: Sequence[Prepared]) -> dict[str, np.ndarray]:
        """Per record, integer codes of what the slots compare (0: empty), made once per
        list of records."""
        if getattr(self, "_cols_of", None) is prepared:
            return self._cols
        def codes(values: Iterable[object]) -> np.ndarray:
            seen: dict[object, int] = {}
            return np.fromiter((0 if v is None else seen.setdefault(v, len(seen) + 1)
                                for v in values), np.int64, len(prepared))

        names: dict[int, int] = {}  # one PersonName per distinct name (_prepare_name)
        cols = {
            "name": np.fromiter((names.setdefault(id(p.name), len(names)) for p in prepared),
                                np.int64, len(prepared)),
            "ymd": np.fromiter((p.birth.year * 10000 + p.birth.month * 100 + p.birth.day
                                if p.birth is not None else 0 for p in prepared),
                               np.int64, len(prepared)),
            "year": np.fromiter((p.birth_year if p.birth_year is not None else -1
                                 for p in prepared), np.int64, len(prepared)),
            # the address: known (truthy), its postcode and number, its postcode (None
            # is a value of its own: two None postcodes are equal, as in _address_level)
            "addr": codes(tuple(p.address.split("|")[:2]) if p.address else None
                          for p in prepared),
            "pc": codes(("pc", p.postcode) for p in prepared),
            "sc": codes(p.street_city or None for p in prepared),
            "number": codes((_street_number(p.street_city) or None) if p.street_city
                            else None for p in prepared),
        }
        for kind in _IDS:
            cols[kind] = codes(getattr(p, kind) or None for p in prepared)
        # the lengths a typo changes by at most two: a whole e-mail address (its local part
        # or its domain is compared whole), a phone number's digits
        cols["email_len"] = np.fromiter((len(p.email or "") for p in prepared), np.int64,
                                        len(prepared))
        cols["phone_len"] = np.fromiter((len(_NOT_DIGIT.sub("", p.phone)) if p.phone else 0
                                         for p in prepared), np.int64, len(prepared))
        self._cols_of, self._cols = prepared, cols
        return cols

    def _name_slots(self, prepared: Sequence[Prepared], cols: dict[str, np.ndarray],
                    i: np.ndarray, j: np.ndarray, out: np.ndarray) -> None:
        """The surname and given-name slots: :func:`_name_codes` on columns.

        The surname level depends on the surnames only and the given-name level on the
        given names only: each is computed once per pair of distinct surnames (given
        names).  The whole-name levels (``name.spacing``, ``name.swapped``, ...) are tried,
        in :func:`compare`'s order, only on the pairs a necessary condition lets through
        (:class:`_NameColumns`); the rest cannot have them."""
        nc = self._names(prepared, cols)
        na, nb = cols["name"][i], cols["name"][j]
        vocab: dict[str | None, int] = {None: 0}

        def v(code: str | None) -> int:
            return vocab.setdefault(code, len(vocab))

        def once(ka: np.ndarray, kb: np.ndarray, fn: Callable[[int, int], str | None],
                 symmetric: bool = False) -> np.ndarray:
            """``fn`` per distinct (ka, kb), spread over every pair; with ``symmetric``
            (``fn(x, y) == fn(y, x)``) once per distinct unordered pair."""
            if not len(ka):
                return np.zeros(0, np.int64)
            if symmetric:
                ka, kb = np.minimum(ka, kb), np.maximum(ka, kb)
            width = int(max(ka.max(), kb.max())) + 1
            uniq, back = np.unique(ka * width + kb, return_inverse=True)
            got = np.array([v(fn(int(u) // width, int(u) % width)) for u in uniq.tolist()],
                           np.int64)
            return got[back.reshape(-1)]

        freq = self.freq

        def given(x: int, y: int) -> str:
            a, b = prepared[nc.given_rep[x]], prepared[nc.given_rep[y]]
            g = _given_level(a, b)
            if g == "given.typo" and freq is not None and _two_names(a, b, freq):
                g = "given.different"
            return g

        # (both levels are symmetric in the two records: every test in them is a set or
        # sorted comparison, OSA or Jaro-Winkler, or a call-name pair either way round)
        sur = once(nc.sur_key[na], nc.sur_key[nb], lambda x, y: _surname_level(
            prepared[nc.sur_rep[x]], prepared[nc.sur_rep[y]])[0], symmetric=True)
        giv = once(nc.given_key[na], nc.given_key[nb], given, symmetric=True)
        settled = np.zeros(len(i), bool)

        def whole(mask: np.ndarray, fn: Callable[[Prepared, Prepared], str | None]) -> None:
            """Where ``mask``: ``fn``'s whole-name level, once per pair of distinct names;
            a pair that has one is settled (the given-name slot left empty)."""
            at = np.flatnonzero(mask)
            got = once(na[at], nb[at], lambda x, y: fn(prepared[nc.rep[x]],
                                                      prepared[nc.rep[y]]))
            hit = at[got != 0]
            sur[hit] = got[got != 0]
            giv[hit] = 0
            settled[hit] = True

        def among(codes: np.ndarray, names: Iterable[str]) -> np.ndarray:
            return np.isin(codes, [v(c) for c in names])

        whole(~(among(sur, _SAME_SURNAME) & among(giv, _GIVEN_TF)) & nc.may_space(na, nb),
              lambda a, b: _spacing(a, b, freq))
        whole(~settled & among(sur, ("surname.different", "surname.similar", "surname.typo"))
              & nc.may_swap(na, nb), lambda a, b: _swapped(a, b, freq))
        whole(~settled & (sur == v("surname.different")) & (giv == v("given.missing")),
              lambda a, b: _one_word(a, b, freq))
        changed = ~settled & (sur == v("surname.different")) & among(
            giv, ("given.exact", "given.typo", "given.joined"))
        sur[changed] = v("name.surname_changed")
        giv[changed] = 0
        level = np.array([-1] * len(vocab), np.int16)
        for code, k in vocab.items():
            level[k] = self._level(code)
        out[:, 0] = level[sur]
        out[:, 1] = level[giv]

    def _names(self, prepared: Sequence[Prepared], cols: dict[str, np.ndarray]
               ) -> _NameColumns:
        if getattr(self, "_names_of", None) is not prepared:
            self._names_of, self._name_cols = prepared, _NameColumns(prepared, cols["name"])
        return self._name_cols

    def _birth_slot(self, prepared: Sequence[Prepared], cols: dict[str, np.ndarray],
                    i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """:func:`compare`'s birth level, column-wise (YYYYMMDD integers)."""
        x, y = cols["ymd"][i], cols["ymd"][j]
        ya, yb = cols["year"][i], cols["year"][j]
        lv = self._level
        res = np.full(len(i), -1, np.int16)
        dated = (x > 0) & (y > 0)
        years = ~dated & (ya >= 0) & (yb >= 0)
        res[years & (ya == yb)] = lv("birth.year_only")
        res[years & (ya != yb)] = lv("birth.different")
        eq = x == y
        sw = (x // 10000 == y // 10000) & ((x // 100) % 100 == y % 100) \
            & (x % 100 == (y // 100) % 100)
        dx = np.stack([(x // 10 ** (7 - k)) % 10 for k in range(8)])
        dy = np.stack([(y // 10 ** (7 - k)) % 10 for k in range(8)])
        diff = dx != dy
        nd = diff.sum(axis=0)
        one = nd == 1
        for k in range(7):
            one |= (nd == 2) & diff[k] & diff[k + 1] & (dx[k] == dy[k + 1]) \
                & (dx[k + 1] == dy[k])
        same_year = x // 10000 == y // 10000
        level = np.select([eq, sw, one, same_year],
                          [lv("birth.exact"), lv("birth.swapped"), lv("birth.one_digit"),
                           lv("birth.year")], lv("birth.different"))
        res[dated] = level[dated]
        # a year one off, or two digits off within a year: compare's own test decides
        # (``birth.year_off``, ``birth.two_digits``), on the few pairs it can give them
        near = np.flatnonzero(dated & ~eq & ~sw & ~one
                              & (np.abs(x // 10000 - y // 10000) <= 1))
        for n in near.tolist():
            res[n] = lv(_birth_level(prepared[int(i[n])].birth, prepared[int(j[n])].birth))
        # a year before 1000 is no eight-digit string: as compare reads it
        odd = np.flatnonzero(dated & ((x < 10_000_000) | (y < 10_000_000)))
        for n in odd.tolist():
            a, b = prepared[int(i[n])], prepared[int(j[n])]
            res[n] = lv(_birth_level_of(a, b))
        return res

    def _address_slot(self, prepared: Sequence[Prepared], cols: dict[str, np.ndarray],
                      i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """:func:`compare`'s address level, column-wise; the street-typo test in Python
        for the pairs with the same house number only."""
        lv = self._level
        ad_a, ad_b = cols["addr"][i], cols["addr"][j]
        sc_a, sc_b = cols["sc"][i], cols["sc"][j]
        both_addr = (ad_a > 0) & (ad_b > 0)
        both_sc = (sc_a > 0) & (sc_b > 0)
        same_sc = both_sc & (sc_a == sc_b)
        same_pc = cols["pc"][i] == cols["pc"][j]
        nr_a, nr_b = cols["number"][i], cols["number"][j]
        maybe_typo = both_sc & ~same_sc & (nr_a > 0) & (nr_a == nr_b)
        typo = np.zeros(len(i), bool)
        for n in np.flatnonzero(maybe_typo).tolist():
            typo[n] = _street_typo(prepared[int(i[n])].street_city,
                                   prepared[int(j[n])].street_city)
        with_addr = np.select([ad_a == ad_b, same_sc, same_pc, typo],
                              [lv("address.exact"), lv("address.street_city"),
                               lv("address.postcode"), lv("address.typo")],
                              lv("address.different"))
        on_street = np.select([same_sc, typo], [lv("address.street_city"), lv("address.typo")],
                              lv("address.different"))
        return np.where(both_addr, with_addr,
                        np.where(both_sc, on_street, lv("address.missing"))).astype(np.int16)


#: Buckets of the letter counts :class:`_NameColumns` compares (a letter's code point
#: modulo this: a-z each their own).  Merging letters into buckets only lowers a distance
#: between two counts, so a bound on it stays a necessary condition.
_BUCKETS = 32


def _letter_counts(words: Sequence[str]) -> np.ndarray:
    """Per word, how often each bucket of letters occurs in it."""
    out = np.zeros((len(words), _BUCKETS), np.int16)
    for n, w in enumerate(words):
        for ch in w:
            out[n, ord(ch) % _BUCKETS] += 1
    return out


class _NameColumns:
    """Per distinct name (the index ``cols["name"]`` gives a record), what the whole-name
    levels compare, so that a pair that cannot have one is told on columns.

    The conditions are necessary ones read from :func:`_spacing` and :func:`_swapped`: an
    edit changes a word's letter counts by at most 2 (a substitution), so two words one
    edit apart (``_close``: two for long words) are at most 2 (4) apart in counts, and the
    same letters in another order (``_rotated``) are 0 apart.  A pair let through is
    decided by the function itself; one kept out would get None from it."""

    def __init__(self, prepared: Sequence[Prepared], name_of: np.ndarray) -> None:
        reps: dict[int, int] = {}
        for n, k in enumerate(name_of.tolist()):
            reps.setdefault(k, n)
        self.rep = np.array([reps[k] for k in range(len(reps))], np.int64)
        people = [prepared[n] for n in self.rep.tolist()]
        sur_keys: dict[object, int] = {}
        given_keys: dict[object, int] = {}
        self.sur_key = np.array([sur_keys.setdefault(
            (p.name.surnames, p.surnames, p.bare_surnames, p.name.tussenvoegsel),
            len(sur_keys)) for p in people], np.int64)
        self.given_key = np.array([given_keys.setdefault(
            (p.given, p.initials, p.name.given_names), len(given_keys)) for p in people],
            np.int64)
        self.sur_rep = self.rep[_first_of(self.sur_key, len(sur_keys))]
        self.given_rep = self.rep[_first_of(self.given_key, len(given_keys))]
        self.has_given = np.array([bool(p.given) for p in people])
        self.has_sur = np.array([bool(p.surnames) for p in people])
        # _spacing: the letters of the whole name, without spaces and hyphens
        joined = [fold_text("".join([*(w for g in p.name.given_names for w in g.split()),
                                     *p.name.surnames])).replace(" ", "").replace("-", "")
                  for p in people]
        seen: dict[str, int] = {}
        self.joined = np.array([seen.setdefault(x, len(seen)) for x in joined], np.int64)
        self.joined_len = np.array([len(x) for x in joined], np.int64)
        self.joined_counts = _letter_counts(joined)
        # _swapped: the first given name and surname, canonical and as written
        both = self.has_given & self.has_sur
        firsts = [(p.given[0], p.surnames[0], *_written(p)) if ok else ("", "", "", "")
                  for p, ok in zip(people, both.tolist())]
        self.swap_counts = [_letter_counts([f[k] for f in firsts]) for k in range(4)]
        self.swap_lens = [np.array([len(f[k]) for f in firsts], np.int64) for k in range(4)]
        letters = [_word_letters(p)[0] for p in people]
        self.word_len = np.array([len(x) for x in letters], np.int64)
        self.word_counts = _letter_counts(letters)

    def may_space(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether :func:`_spacing` can give the pairs of names ``(a, b)`` a level."""
        ok = (self.has_given[a] | self.has_given[b]) & self.has_sur[a] & self.has_sur[b]
        la, lb = self.joined_len[a], self.joined_len[b]
        near = ok & (la >= 8) & (lb >= 8) & (np.abs(la - lb) <= 1)
        near[near] = _apart(self.joined_counts, a[near], b[near]) <= 2
        return ok & ((self.joined[a] == self.joined[b]) | near)

    def may_swap(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether :func:`_swapped` can give the pairs of names ``(a, b)`` a level."""
        ok = self.has_given[a] & self.has_sur[a] & self.has_given[b] & self.has_sur[b]
        g, s, rg, rs = self.swap_counts
        lg, ls, lrg, lrs = self.swap_lens
        at = np.flatnonzero(ok)
        x, y = a[at], b[at]

        def close(cx: np.ndarray, lx: np.ndarray, cy: np.ndarray, ly: np.ndarray
                  ) -> np.ndarray:
            """Where ``_close`` can hold: one edit (2 apart in counts), two for words of
            six letters or more (4 apart)."""
            bound = np.where(np.minimum(lx[x], ly[y]) >= 6, 4, 2)
            return _apart(cx, x, y, cy) <= bound

        first = close(g, lg, s, ls) | close(rg, lrg, rs, lrs)
        second = close(s, ls, g, lg) | close(rs, lrs, rg, lrg)
        rotated = (self.word_len[x] == self.word_len[y]) & (self.word_len[x] >= 6) & (
            _apart(self.word_counts, x, y) == 0)
        out = np.zeros(len(a), bool)
        out[at] = (first & second) | rotated
        return out


def _apart(counts: np.ndarray, x: np.ndarray, y: np.ndarray,
           other: np.ndarray | None = None) -> np.ndarray:
    """The distance between the letter counts of ``counts[x]`` and ``other[y]`` (``other``:
    the same table), in chunks (a million pairs at once would take 64 MB a table)."""
    other = counts if other is None else other
    out = np.empty(len(x), np.int64)
    for k in range(0, len(x), 200_000):
        out[k:k + 200_000] = np.abs(counts[x[k:k + 200_000]].astype(np.int32)
                                    - other[y[k:k + 200_000]]).sum(axis=1)
    return out


def _first_of(keys: np.ndarray, n: int) -> np.ndarray:
    """For each key 0..n-1, the first position that holds it."""
    first = np.full(n, -1, np.int64)
    for pos, k in enumerate(keys.tolist()):
        if first[k] < 0:
            first[k] = pos
    return first


def _street_number(sc: str) -> str:
    """The house number of ``street number|city`` (:func:`_street_typo` needs it equal)."""
    return _street_parts(sc)[1]


def _name_codes(a: Prepared, b: Prepared, freq: NameFrequencies | None
                ) -> tuple[str | None, str | None]:
    """The codes :func:`compare` gives the surname and given-name slots of a pair: the name
    branch of :func:`compare`, without building the features (a ``name.*`` level fills the
    surname slot and leaves the given-name slot empty)."""
    sur = _surname_level(a, b)[0]
    giv = _given_level(a, b)
    if giv == "given.typo" and freq is not None and _two_names(a, b, freq):
        giv = "given.different"
    if not (sur in _SAME_SURNAME and giv in _GIVEN_TF) and (spaced := _spacing(a, b, freq)):
        return spaced, None
    if sur in ("surname.different", "surname.similar", "surname.typo") and (
            swap := _swapped(a, b, freq)):
        return swap, None
    if sur == "surname.different" and giv == "given.missing" and (
            one := _one_word(a, b, freq)):
        return one, None
    if sur == "surname.different" and giv in ("given.exact", "given.typo", "given.joined"):
        return "name.surname_changed", None
    return sur, giv


# -- u: random pairs ----------------------------------------------------------------------

def _random_pairs(n: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``size`` random pairs of distinct records out of ``n`` (seeded); every pair once
    when there are no more than ``size`` of them."""
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if n * (n - 1) // 2 <= size:
        i, j = np.triu_indices(n, 1)
        return i.astype(np.int64), j.astype(np.int64)
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, size)
    j = rng.integers(0, n - 1, size)
    j = j + (j >= i)
    return i, j


def estimate_u(coder: _Coder, prepared: Sequence[Prepared], size: int, seed: int = SEED
               ) -> tuple[list[np.ndarray], list[np.ndarray], int]:
    """Per slot, ``u`` of each level and the sampled pairs at it (Splink's
    ``estimate_u_using_random_sampling``), and the number of pairs sampled."""
    i, j = _random_pairs(len(prepared), size, seed)
    rows = coder.pairs(prepared, i, j)
    u, counts = [], []
    for si, s in enumerate(_SLOTS):
        col = rows[:, si]
        n = np.bincount(col[col >= 0], minlength=len(coder.levels[s])).astype(float)
        counts.append(n)
        u.append(n / n.sum() if n.sum() else n)
    return u, counts, len(i)


# -- m: expectation maximisation on blocked pairs ------------------------------------------

def _blocked_pairs(prepared: Sequence[Prepared], key: Callable[[Prepared], object],
                   limit: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of records that share a blocking key, blocks in order of first record;
    a deterministic sample of ``limit`` of them when there are more."""
    blocks: dict[object, list[int]] = {}
    for n, p in enumerate(prepared):
        k = key(p)
        if k is not None:
            blocks.setdefault(k, []).append(n)
    members = [np.asarray(v, np.int64) for v in blocks.values() if len(v) > 1]
    sizes = np.array([len(v) for v in members], np.int64)
    per = sizes * (sizes - 1) // 2
    total = int(per.sum())
    if total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if total <= limit:
        ii, jj = [], []
        for v in members:
            a, b = np.triu_indices(len(v), 1)
            ii.append(v[a])
            jj.append(v[b])
        return np.concatenate(ii), np.concatenate(jj)
    flat = np.sort(np.random.default_rng(seed).choice(total, limit, replace=False))
    starts = np.concatenate([[0], np.cumsum(per)])
    block = np.searchsorted(starts, flat, "right") - 1
    t = flat - starts[block]
    k = sizes[block]
    # the t-th pair (i < j) of a block of k, in np.triu_indices order
    i = (k - 2 - np.floor(np.sqrt(-8 * t + 4 * k * (k - 1) - 7) / 2 - 0.5)).astype(np.int64)
    j = t + i + 1 - k * (k - 1) // 2 + (k - i) * (k - i - 1) // 2
    offs = np.concatenate([[0], np.cumsum(sizes)])
    allm = np.concatenate(members)
    return allm[offs[block] + i], allm[offs[block] + j]


def _m_start(u: np.ndarray, levels: list[str], weights: Mapping[str, float]) -> np.ndarray:
    """EM's starting ``m`` of a slot: the policy's weights read back (``m ~ u * 2^w``),
    as Splink starts from the comparison's default ``m`` values."""
    floor = np.maximum(u, 1e-6)
    m = floor * np.exp2([weights.get(c, 0.0) for c in levels])
    return m / m.sum()


def _patterns(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(rows, axis=0, return_counts=True)``: the same patterns in the same
    (lexicographic) order, found as one integer per row (its levels as the digits of a
    mixed-radix number); ``axis=0`` sorts rows as records, some 40 times slower on the
    half a million blocked pairs of a session."""
    if not rows.size:
        return np.unique(rows, axis=0, return_counts=True)  # type: ignore[return-value]
    digits = rows.astype(np.int64) + 1  # -1 (null) .. levels-1 -> 0 .. levels
    radix = digits.max(axis=0) + 1
    key = np.zeros(len(rows), np.int64)
    for k in range(rows.shape[1]):
        key = key * radix[k] + digits[:, k]
    uniq, count = np.unique(key, return_counts=True)
    pat = np.empty((len(uniq), rows.shape[1]), rows.dtype)
    for k in reversed(range(rows.shape[1])):
        pat[:, k] = uniq % radix[k] - 1
        uniq = uniq // radix[k]
    return pat, count


def estimate_m(rows: np.ndarray, active: Sequence[int], u: Sequence[np.ndarray],
               m0: Sequence[np.ndarray], max_iterations: int = MAX_ITERATIONS,
               prior: float = 0.1) -> dict[str, Any]:
    """EM on blocked pairs (``rows``: one level index per slot, -1 null) over the slots
    ``active`` (the others are left out of this session), ``u`` fixed.  Returns ``m`` and
    the expected number of pairs of one person per level (per active slot), the share of
    pairs taken as one person (``lambda``), the iterations and whether it converged.

    Pairs with the same levels are counted once (``np.unique``), so an iteration costs
    the number of distinct patterns, not of pairs."""
    pat, count = _patterns(rows[:, list(active)])
    count = count.astype(float)
    lu = [np.log(np.maximum(u[s], 1e-12)) for s in active]
    m = [np.array(m0[s], dtype=float) for s in active]
    lam = prior
    converged = False
    it = 0
    expected: list[np.ndarray] = [np.zeros_like(x) for x in m]
    for it in range(1, max_iterations + 1):
        logit = np.full(len(pat), math.log(lam / (1 - lam)))
        for k in range(len(active)):
            lv = pat[:, k]
            ok = lv >= 0
            lr = np.log(np.maximum(m[k], 1e-300)) - lu[k]
            logit[ok] += lr[lv[ok]]
        p = 1 / (1 + np.exp(-np.clip(logit, -700, 700)))
        w = p * count
        delta = 0.0
        new_m = []
        for k in range(len(active)):
            lv = pat[:, k]
            ok = lv >= 0
            e = np.bincount(lv[ok], weights=w[ok], minlength=len(m[k]))
            expected[k] = e
            nm = e / e.sum() if e.sum() else m[k]
            delta = max(delta, float(np.abs(nm - m[k]).max()))
            new_m.append(nm)
        new_lam = float(min(max(w.sum() / count.sum(), 1e-9), 1 - 1e-9))
        delta = max(delta, abs(new_lam - lam))
        m, lam = new_m, new_lam
        if delta < EM_CONVERGENCE:
            converged = True
            break
    raw = []
    for k in range(len(active)):
        lv = pat[:, k]
        ok = lv >= 0
        raw.append(np.bincount(lv[ok], weights=count[ok], minlength=len(m[k])))
    return {"m": m, "expected": expected, "raw": raw, "lambda": lam, "iterations": it,
            "converged": converged, "pairs": int(count.sum())}


# -- the whole estimate --------------------------------------------------------------------

def _frequencies(prepared: Sequence[Prepared], policy: MatchingPolicy
                 ) -> NameFrequencies | None:
    """The name frequencies of the records, as a scan counts them on what it matches."""
    nf = policy.name_frequency
    if not nf["enabled"]:
        return None
    return name_frequencies([p.record.name if p.record else None for p in prepared], prepared,
                            min_records=nf["min_records"], max_bonus=nf["max_bonus"],
                            max_penalty=nf["max_penalty"], rare_max_names=nf["rare_max_names"])


def estimate_weights(records: Iterable[PersonRecord], policy: MatchingPolicy, *,
                     sample_pairs: int = SAMPLE_PAIRS, min_pairs: int = MIN_PAIRS,
                     max_iterations: int = MAX_ITERATIONS,
                     max_blocked_pairs: int = MAX_BLOCKED_PAIRS, seed: int = SEED,
                     sessions: Sequence[Session] = SESSIONS) -> Estimate:
    """Estimate ``m``, ``u`` and the weight of every level on ``records`` (one record per
    key: a later record with a key seen before is left out), and say per level whether
    the estimate is sound (module docstring)."""
    seen: dict[str, PersonRecord] = {}
    for r in records:
        seen.setdefault(r.key, r)
    prepared = [prepare(r) for r in seen.values()]
    coder = _Coder(policy, _frequencies(prepared, policy))
    u, u_counts, n_sample = estimate_u(coder, prepared, sample_pairs, seed)
    weights = policy.weights
    m0 = [_m_start(u[s], coder.levels[name], weights) for s, name in enumerate(_SLOTS)]
    # per slot: the sessions' m (converged ones), expected matches and raw counts
    runs: dict[str, dict[str, Any]] = {}
    m_of: list[list[np.ndarray]] = [[] for _ in _SLOTS]
    exp_of = [np.zeros(len(coder.levels[s])) for s in _SLOTS]
    raw_of = [np.zeros(len(coder.levels[s])) for s in _SLOTS]
    tried = [False] * len(_SLOTS)
    for n, sess in enumerate(sessions):
        i, j = _blocked_pairs(prepared, sess.key, max_blocked_pairs, seed + 1 + n)
        active = [s for s, name in enumerate(_SLOTS) if name not in sess.fixed
                  and not (name == "address" and not policy.use_address)]
        info: dict[str, Any] = {"pairs": len(i), "converged": False, "iterations": 0,
                                "estimates": [_SLOTS[s] for s in active]}
        runs[sess.name] = info
        if not len(i):
            continue
        res = estimate_m(coder.pairs(prepared, i, j), active, u, m0, max_iterations)
        info.update(converged=res["converged"], iterations=res["iterations"],
                    share_one_person=round(res["lambda"], 4))
        for k, s in enumerate(active):
            tried[s] = True
            raw_of[s] += res["raw"][k]
            if res["converged"]:
                m_of[s].append(res["m"][k])
                exp_of[s] += res["expected"][k]
    out = []
    for s, name in enumerate(_SLOTS):
        m_mean = np.mean(m_of[s], axis=0) if m_of[s] else None
        for li, code in enumerate(coder.levels[name]):
            if code not in weights:
                continue  # an identifier that differs: fitted, no policy weight
            row = LevelEstimate(code, float(weights[code]),
                                sample_pairs=int(u_counts[s][li]),
                                blocked_pairs=int(raw_of[s][li]), matches=float(exp_of[s][li]))
            row.u = float(u[s][li])
            row.m = float(m_mean[li]) if m_mean is not None else None
            _judge(row, name, policy, tried[s], min_pairs, max_iterations)
            out.append(row)
    for code in sorted(_NULL, key=lambda c: _SLOTS.index(_slot_of(c))):
        if code in weights:
            out.append(LevelEstimate(code, float(weights[code]), why="null"))
    order: dict[str, int] = {}  # the policy file's order (the defaults', then any others)
    for c in [*DEFAULT_WEIGHTS, *weights]:
        order.setdefault(c, len(order))
    out.sort(key=lambda x: (COMPARISONS.index(x.comparison), order.get(x.code, 1e9)))
    return Estimate(out, len(prepared), n_sample, runs, min_pairs)


def _judge(row: LevelEstimate, slot: str, policy: MatchingPolicy, tried: bool,
           min_pairs: int, max_iterations: int) -> None:
    """Decide whether ``row``'s estimate is sound, and its weight when it is."""
    if slot == "address" and not policy.use_address:
        row.why = "address_off"
    elif row.sample_pairs == 0 and row.blocked_pairs == 0:
        row.why = "never_seen"
    elif row.sample_pairs == 0:
        row.why = "u_zero"
    elif row.sample_pairs < min_pairs:
        row.why, row.params = "few_pairs", {"n": row.sample_pairs, "min": min_pairs,
                                            "where": "sample"}
    elif tried and row.m is None:
        row.why, row.params = "not_converged", {"iterations": max_iterations}
    elif row.m is None or row.m <= 1e-9:
        row.why = "m_zero"
    elif row.matches < min_pairs:
        row.why, row.params = "few_pairs", {"n": round(row.matches, 1), "min": min_pairs,
                                            "where": "matches"}
    else:
        assert row.u is not None
        w = math.log2(row.m / row.u)
        clipped = max(-MAX_WEIGHT, min(MAX_WEIGHT, w))
        row.weight = round(clipped, 1) + 0.0  # (no -0.0)
        row.why = "clipped" if clipped != w else ""


# -- the records of a scan, and the policy written with the estimates ----------------------

_WEIGHT_LINE = re.compile(r"^(\s+)([a-z]+\.[a-z_]+)(:[ \t]*)(-?[0-9.]+)(.*)$")


def policy_text_with(text: str, weights: Mapping[str, float], header: str) -> str | None:
    """``text`` (a policy file) with the weights of ``weights`` put in place in its
    ``matching.weights`` section, every comment kept, ``header`` (comment lines) on top;
    None when a weight is not written there (a policy that leaves it at its default: the
    caller then writes the whole policy).

    >>> policy_text_with("matching:\\n  weights:\\n    birth.exact: 14   # same day\\n",
    ...                  {"birth.exact": 12.5}, "# estimated")
    '# estimated\\nmatching:\\n  weights:\\n    birth.exact: 12.5   # same day\\n'
    """
    lines = text.splitlines(keepends=True)
    section: list[str] = []  # the keys leading to the current line (by indentation)
    indents: list[int] = []
    done: set[str] = set()
    for n, line in enumerate(lines):
        bare = line.split("#", 1)[0].rstrip()
        if not bare.strip():
            continue
        ind = len(bare) - len(bare.lstrip())
        while indents and indents[-1] >= ind:
            indents.pop()
            section.pop()
        hit = _WEIGHT_LINE.match(line.rstrip("\n"))
        if hit and section == ["matching", "weights"] and hit.group(2) in weights:
            end = "\n" if line.endswith("\n") else ""
            lines[n] = (f"{hit.group(1)}{hit.group(2)}{hit.group(3)}"
                        f"{_num(weights[hit.group(2)])}{hit.group(5)}{end}")
            done.add(hit.group(2))
        key = bare.strip().split(":", 1)[0]
        if bare.rstrip().endswith(":"):
            section.append(key)
            indents.append(ind)
    if set(weights) - done:
        return None
    return header.rstrip("\n") + "\n" + "".join(lines)


def policy_file_text(base: str, policy: Any, weights: Mapping[str, float], header: str) -> str:
    """The policy file to write: ``base`` (the policy file's text, or the defaults') with
    ``weights`` in place (:func:`policy_text_with`); when ``base`` leaves a weight out
    (a short policy of a few settings), the whole of ``policy`` (a
    :class:`~coi_graph.policy.Policy`) with ``weights`` in, as YAML (comments lost, every
    setting as it is)."""
    text = policy_text_with(base, weights, header)
    if text is not None:
        return text
    import yaml

    whole = policy.to_dict()
    whole["matching"]["weights"].update(weights)
    return header + yaml.safe_dump(whole, allow_unicode=True, sort_keys=False)


def _num(w: float) -> str:
    return f"{w:g}"


def header_lines(data: str, estimate: Estimate, when: dt.date) -> str:
    """The comment a written policy starts with: which data, which date, what was used."""
    used = ", ".join(f"{c} {w:g}" for c, w in estimate.weights().items()) or "-"
    return (f"# Matching weights estimated by `coi match weights` from {data} on "
            f"{when.isoformat()}\n"
            f"# ({estimate.records} records, {estimate.sample_pairs} random pairs; sound "
            f"estimates put in place: {used}).\n"
            f"# The other weights, the thresholds and the family rules are as they were.\n")
