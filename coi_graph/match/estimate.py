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

from ..policy import MatchingPolicy
from .compare import (
    DEFAULT_WEIGHTS,
    NameFrequencies,
    PersonRecord,
    Prepared,
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
        out = np.full((len(i), len(_SLOTS)), -1, dtype=np.int16)
        for n, (x, y) in enumerate(zip(i.tolist(), j.tolist())):
            out[n] = self.code(prepared[x], prepared[y])
        return out


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


def estimate_m(rows: np.ndarray, active: Sequence[int], u: Sequence[np.ndarray],
               m0: Sequence[np.ndarray], max_iterations: int = MAX_ITERATIONS,
               prior: float = 0.1) -> dict[str, Any]:
    """EM on blocked pairs (``rows``: one level index per slot, -1 null) over the slots
    ``active`` (the others are left out of this session), ``u`` fixed.  Returns ``m`` and
    the expected number of pairs of one person per level (per active slot), the share of
    pairs taken as one person (``lambda``), the iterations and whether it converged.

    Pairs with the same levels are counted once (``np.unique``), so an iteration costs
    the number of distinct patterns, not of pairs."""
    pat, count = np.unique(rows[:, list(active)], axis=0, return_counts=True)
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
