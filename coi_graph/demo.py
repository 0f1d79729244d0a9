"""A synthetic woningcorporatie with planted conflicts of interest and innocent look-alikes.

``generate(out_dir, size, seed)`` writes the data contract's tables to ``OUT/data`` the way
real exports look (Windows-1252 with ``;``, UTF-8 with BOM, Excel sheets with date cells,
Dutch dates and amounts, KvK numbers that lost their leading zero, spaced IBANs) and lists in
``OUT/planted.json`` every conflict that a scan must find (``cases``) and every look-alike
that it must not flag (``decoys``).

All other rows are conflict-free by construction:

- every address, IBAN, phone number and e-mail address belongs to one household or
  organization only (one pool per identifier kind hands out each value once);
- birth dates are split into three classes by day number modulo 3: staff and their relatives
  (0), KvK officers (1) and housing applicants (2), so a random officer or applicant can never
  match an employee or relative on name + birth date; within staff and relatives no two people
  share a birth date and a surname;
- random declarations and gifts only concern organizations the person never handles,
  approves or requests a decision with; the organizations of planted cases and decoys get no
  random declarations, gifts or decisions (except P12's, which trades with colleagues who
  have no link to it), and every case and decoy has its own people and organizations.

The same planted set (same rules, dates and amounts) is in every size; only the people and
organizations it is placed at differ, and the stories in ``planted.json`` name them.  The same
size and seed give byte-identical files.

>>> import tempfile
>>> res = generate(tempfile.mkdtemp(), "small", seed=7)
>>> sorted(res.counts)[:3]
['allocations', 'contracts', 'declarations']
>>> {c["rule"] for c in res.cases} >= {"self_interest", "gift_rule_breach"}
True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from coi_graph import demo_names as V
from coi_graph.demo_formats import (
    BANKS,
    DAY_NA,
    LETTER_PAIRS,
    date_of,
    day_of,
    elfproef_accounts,
    fmt_cents,
    fmt_days,
    fold_ascii,
    iban_compact,
    iban_spaced,
    slug,
    write_csv,
    write_xlsx,
)

__all__ = ["SIZES", "DemoResult", "DemoSize", "generate"]

S = StringDType()

#: The demo's reporting period always ends here; nothing depends on the clock.
PERIOD_END = dt.date(2024, 12, 31)
END = day_of(PERIOD_END)

#: Staff per department as a share of regular staff.
DEPARTMENT_SHARES: dict[str, float] = {
    "Verhuur": 0.16, "Wonen": 0.14, "Vastgoed": 0.14, "Onderhoud": 0.19, "Inkoop": 0.08,
    "Financiën": 0.11, "ICT": 0.06, "HR": 0.06, "Bestuur": 0.06,
}
CONTRACT_DEPTS = ("Inkoop", "Onderhoud", "Vastgoed")
ALLOCATION_DEPTS = ("Verhuur", "Wonen")
#: Contracts from this amount need a manager's approval, from the second the director's.
APPROVAL_MANAGER_EUR = 10_000
APPROVAL_DIRECTOR_EUR = 250_000

CONTRACT_KINDS = ("invoice", "purchase_order", "contract", "tender_award")
CONTRACT_KIND_P = (0.58, 0.27, 0.12, 0.03)
#: (median EUR, sigma of the log) per contract kind.
CONTRACT_AMOUNTS = ((1_400, 1.0), (4_800, 0.9), (42_000, 1.1), (480_000, 0.8))
ALLOCATION_KINDS = ("rental", "urgency", "priority", "sale", "other")
ALLOCATION_KIND_P = (0.84, 0.07, 0.03, 0.05, 0.01)


@dataclass(frozen=True)
class DemoSize:
    """How big the demo corporation is.

    Sector ratios per 1,000 homes a year: about 12 staff, 70 lettings, 100 suppliers and
    1,800 invoices, purchase orders and contracts; about four declared relatives per employee.
    """

    name: str
    homes: int
    years: int
    staff: int  # regular staff incl. managers, externals and volunteers
    board: int  # Raad van Commissarissen; plus one director-bestuurder
    organizations: int
    contracts: int
    allocations: int
    spreadsheets: bool  # organizations and declarations as .xlsx (else .csv)

    @property
    def employees(self) -> int:
        return self.staff + self.board + 1


SIZES: dict[str, DemoSize] = {
    "small": DemoSize("small", homes=3_000, years=1, staff=36, board=5, organizations=300,
                      contracts=5_400, allocations=210, spreadsheets=True),
    "medium": DemoSize("medium", homes=30_000, years=2, staff=360, board=7,
                       organizations=3_000, contracts=108_000, allocations=4_200,
                       spreadsheets=True),
    # A merged group with shared services: a million decisions in two years.
    "large": DemoSize("large", homes=270_000, years=2, staff=4_992, board=7,
                      organizations=50_000, contracts=960_000, allocations=40_000,
                      spreadsheets=False),
}


@dataclass
class DemoResult:
    """What :func:`generate` wrote."""

    data_dir: Path
    manifest_path: Path
    counts: dict[str, int]
    cases: list[dict] = field(default_factory=list)
    decoys: list[dict] = field(default_factory=list)


# =========================================================================== vocabularies


def _surname_key(core: str) -> str:
    """A loose key: spelling variants (Jansen/Janssen, Smit/Smits, Bruijn/Bruin) and prefixed
    forms (El Amrani/Amrani, Tjon A Fong/Fong) coincide."""
    words = [w for w in re.split(r"[\s\-]+", fold_ascii(core).lower()) if w]
    k = "".join(c for c in words[-1] if c.isalpha())
    k = k.replace("ij", "i").replace("y", "i")
    out = []
    for c in k:
        if not out or out[-1] != c:
            out.append(c)
    k = "".join(out)
    return k[:-1] if k.endswith("s") and len(k) > 3 else k


def _cp1252_ok(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class _Vocab:
    bgs: tuple[str, ...]
    bg_p: np.ndarray
    given: np.ndarray  # object arrays, indexed by given idx
    given_init: np.ndarray
    given_slug: np.ndarray
    given_groups: dict  # (bg, sex, cp_only) -> idx array
    sur_tv: np.ndarray
    sur_core: np.ndarray
    sur_full: np.ndarray  # "van der Meer"
    sur_cap: np.ndarray  # "Van der Meer"
    sur_tv_suffix: np.ndarray  # " van der" or ""
    sur_slug: np.ndarray
    sur_key: np.ndarray  # int id of the loose key
    sur_groups: dict  # (bg, cp_only) -> (idx array, p array)
    nl_sur: np.ndarray
    cities: np.ndarray
    city_lo: np.ndarray
    city_hi: np.ndarray
    city_area: np.ndarray
    pc4_city: np.ndarray
    region: np.ndarray
    res_streets: np.ndarray
    bus_streets: np.ndarray


@functools.cache
def _vocab() -> _Vocab:
    bgs = tuple(V.BACKGROUNDS)
    bg_p = np.array([V.BACKGROUNDS[b] for b in bgs])
    bg_p = bg_p / bg_p.sum()
    given, groups = [], {}
    for (bg, sex), names in V.GIVEN_NAMES.items():
        start = len(given)
        given.extend(names)
        idx = np.arange(start, len(given))
        groups[(bgs.index(bg), "mv".index(sex), False)] = idx
        groups[(bgs.index(bg), "mv".index(sex), True)] = np.array(
            [i for i in idx if _cp1252_ok(given[i])]
        )
    def initials(g: str) -> str:
        return "".join(p[0] + "." for p in g.replace(" ", "-").split("-") if p)
    tv, core, sgroups = [], [], {}
    for bg, names in V.SURNAMES.items():
        start = len(core)
        for t, c in names:
            tv.append(t)
            core.append(c)
        idx = np.arange(start, len(core))
        p = 1.0 / (np.arange(len(idx)) + 8.0) ** 0.9
        sgroups[(bgs.index(bg), False)] = (idx, p / p.sum())
        ok = np.array([_cp1252_ok(core[i]) for i in idx])
        sgroups[(bgs.index(bg), True)] = (idx[ok], p[ok] / p[ok].sum())
    full = [f"{t} {c}" if t else c for t, c in zip(tv, core)]
    cap = [f"{t[0].upper()}{t[1:]} {c}" if t else c for t, c in zip(tv, core)]
    keys = [_surname_key(c) for c in core]
    key_ids = {k: i for i, k in enumerate(sorted(set(keys)))}
    cities = [c[0] for c in V.CITIES]
    pc4_city = np.full(10_000, -1, np.int64)
    for i, (_, lo, hi, _) in enumerate(V.CITIES):
        pc4_city[lo:hi + 1] = i
    obj = functools.partial(np.array, dtype=object)
    return _Vocab(
        bgs=bgs, bg_p=bg_p, given=obj(given), given_init=obj([initials(g) for g in given]),
        given_slug=obj([slug(g) for g in given]), given_groups=groups,
        sur_tv=obj(tv), sur_core=obj(core), sur_full=obj(full), sur_cap=obj(cap),
        sur_tv_suffix=obj([" " + t if t else "" for t in tv]),
        sur_slug=obj([slug(f) for f in full]),
        sur_key=np.array([key_ids[k] for k in keys], np.int64), sur_groups=sgroups,
        nl_sur=sgroups[(0, True)][0],
        cities=obj(cities), city_lo=np.array([c[1] for c in V.CITIES]),
        city_hi=np.array([c[2] for c in V.CITIES]), city_area=obj([c[3] for c in V.CITIES]),
        pc4_city=pc4_city,
        region=np.array([cities.index(c) for c in V.REGION_CITIES]),
        res_streets=obj(V.RESIDENTIAL_STREETS), bus_streets=obj(V.BUSINESS_STREETS),
    )


# =========================================================================== helpers


def _years(n: float) -> int:
    return round(n * 365.25)


def _cls(days: np.ndarray | int, c: int):
    """Move day numbers into birth-date class ``c`` (day number modulo 3)."""
    return days - days % 3 + c


def _sa(x) -> np.ndarray:
    """To a numpy StringDType array."""
    return np.asarray(x, dtype=object).astype(S)


def _cat(*parts) -> np.ndarray:
    out = parts[0] if isinstance(parts[0], str) else _sa(parts[0])
    for p in parts[1:]:
        out = np.strings.add(out, p if isinstance(p, str) else _sa(p))
    return np.asarray(out).astype(object)


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    w = max(width, len(str(n)))
    return _cat(prefix, np.strings.zfill(np.arange(1, n + 1).astype(S), w))


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy's hash-based unique is slow on millions of ints)."""
    a = np.sort(np.asarray(x, np.int64))
    return a[np.concatenate([[True], a[1:] != a[:-1]])] if len(a) else a


def _member(sorted_keys: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``np.isin(x, sorted_keys)`` for a sorted unique array, by binary search."""
    x = np.asarray(x, np.int64)
    if not len(sorted_keys):
        return np.zeros(len(x), bool)
    pos = np.minimum(np.searchsorted(sorted_keys, x), len(sorted_keys) - 1)
    return sorted_keys[pos] == x


class _UniquePool:
    """Hands out each int64 key once (addresses, IBANs, phone numbers, KvK numbers)."""

    def __init__(self) -> None:
        self.used = np.empty(0, np.int64)

    def take(self, rng: np.random.Generator, n: int,
             sampler: Callable[[np.random.Generator, np.ndarray], np.ndarray]) -> np.ndarray:
        """``sampler(rng, rows)`` proposes a key for each of ``rows``; clashes are redrawn."""
        out = np.full(n, -1, np.int64)
        todo = np.arange(n)
        while len(todo):
            key = np.asarray(sampler(rng, todo), np.int64)
            _, first = np.unique(key, return_index=True)
            ok = np.zeros(len(key), bool)
            ok[first] = True
            ok &= ~_member(self.used, key)
            out[todo[ok]] = key[ok]
            self.used = np.sort(np.concatenate([self.used, key[ok]]))
            todo = todo[~ok]
        return out

    def claim(self, key: int) -> bool:
        if _member(self.used, np.array([key]))[0]:
            return False
        self.used = np.sort(np.concatenate([self.used, [key]]))
        return True


ADDR_LI_BUSINESS = 300  # letter pairs from here on are business postcodes
ADDITIONS = np.array(["A", "B", "C", "1", "2", "3", "bis", "hs", "I", "II"], dtype=object)
ADDITION_P = np.array([0.22, 0.16, 0.06, 0.16, 0.14, 0.06, 0.03, 0.07, 0.06, 0.04])


def _addr_key(pc4, li, hn):
    return (np.asarray(pc4, np.int64) * 397 + li) * 10_000 + hn


def _addr_split(key: np.ndarray):
    key = np.asarray(key, np.int64)
    return key // (397 * 10_000), (key // 10_000) % 397, key % 10_000


# =========================================================================== the generator


class _Demo:
    def __init__(self, size: DemoSize, seed: int, progress: Callable[[str], None] | None):
        self.size = size
        self.seed = seed
        self.say = progress or (lambda msg: None)
        self.v = _vocab()
        self.start = day_of(dt.date(PERIOD_END.year - size.years + 1, 1, 1))
        days = np.arange(self.start, END + 1)
        holidays = [day_of(dt.date(y, m, d)) for y in range(PERIOD_END.year - size.years + 1,
                                                            PERIOD_END.year + 1)
                    for m, d in ((1, 1), (4, 27), (12, 25), (12, 26))]
        # 1970-01-01 was a Thursday
        self.workdays = days[(((days + 3) % 7) < 5) & ~np.isin(days, holidays)]
        self.addresses = _UniquePool()
        self.ibans = _UniquePool()
        self.mobiles = _UniquePool()
        self.landlines = _UniquePool()
        self.kvks = _UniquePool()
        self.person_keys: set[tuple[int, int]] = set()
        self.pending: dict[str, list[dict]] = {"con": [], "alloc": [], "decl": [], "off": [],
                                               "gift": []}

    def rng(self, component: str) -> np.random.Generator:
        code = sum((i + 1) * ord(c) for i, c in enumerate(component))
        return np.random.default_rng([self.seed, list(SIZES).index(self.size.name), code])

    # ------------------------------------------------------------------ identifiers

    def cities(self, rng, n: int, p_region: float) -> np.ndarray:
        v = self.v
        region = rng.random(n) < p_region
        return np.where(region, v.region[rng.integers(0, len(v.region), n)],
                        rng.integers(0, len(v.cities), n))

    def new_addresses(self, rng, cities: np.ndarray, business: np.ndarray | bool = False):
        v = self.v
        cities = np.asarray(cities)
        biz = np.broadcast_to(np.asarray(business), cities.shape)

        def sampler(r, rows):
            c = cities[rows]
            pc4 = r.integers(v.city_lo[c], v.city_hi[c] + 1)
            b = biz[rows]
            li = np.where(b, r.integers(ADDR_LI_BUSINESS, 397, len(rows)),
                          r.integers(0, ADDR_LI_BUSINESS, len(rows)))
            hn = np.where(b, r.integers(1, 160, len(rows)),
                          np.minimum(r.geometric(1 / 45, len(rows)), 400))
            return _addr_key(pc4, li, hn)

        keys = self.addresses.take(rng, len(cities), sampler)
        add = np.where(rng.random(len(cities)) < np.where(biz, 0.04, 0.11),
                       ADDITIONS[rng.choice(len(ADDITIONS), len(cities), p=ADDITION_P)], "")
        return keys, add.astype(object)

    def new_ibans(self, rng, n: int):
        bank_p = np.array([p for _, p in BANKS])
        ing = [b for b, _ in BANKS].index("INGB")

        def sampler(r, rows):
            bank = r.choice(len(BANKS), len(rows), p=bank_p / bank_p.sum())
            acc = np.where(bank == ing, r.integers(1_000_000, 9_999_999, len(rows)),
                           elfproef_accounts(r, len(rows)))
            return bank * 10**10 + acc

        keys = self.ibans.take(rng, n, sampler)
        return keys // 10**10, keys % 10**10

    def new_mobiles(self, rng, n: int) -> np.ndarray:
        return self.mobiles.take(rng, n, lambda r, rows: r.integers(10_000_000, 69_999_999,
                                                                     len(rows)))

    def new_landlines(self, rng, cities: np.ndarray) -> np.ndarray:
        """Keys ``10**9 + city * 10**7 + subscriber`` (mobile keys stay below ``10**8``)."""
        short = np.array([len(a) == 4 for a in self.v.city_area])[cities]  # 4-digit area code

        def sampler(r, rows):
            sub = np.where(short[rows], r.integers(200_000, 999_999, len(rows)),
                           r.integers(2_000_000, 9_999_999, len(rows)))
            return 10**9 + cities[rows] * 10**7 + sub

        return self.landlines.take(rng, len(cities), sampler)

    def new_kvks(self, rng, n: int) -> np.ndarray:
        def sampler(r, rows):
            low = r.random(len(rows)) < 0.08  # old registrations: a leading zero
            return np.where(low, r.integers(1_000_000, 9_999_999, len(rows)),
                            r.integers(10_000_000, 99_999_999, len(rows)))

        return self.kvks.take(rng, n, sampler)

    def names(self, rng, bg: np.ndarray, sex: np.ndarray, cp_only: bool = False):
        """Given-name and surname indices for people of these backgrounds and sexes."""
        v = self.v
        n = len(bg)
        g = np.empty(n, np.int64)
        s = np.empty(n, np.int64)
        for b in range(len(v.bgs)):
            mb = bg == b
            if not mb.any():
                continue
            idx, p = v.sur_groups[(b, cp_only)]
            s[mb] = idx[rng.choice(len(idx), mb.sum(), p=p)]
            for x in (0, 1):
                m = mb & (sex == x)
                if m.any():
                    pool = v.given_groups[(b, x, cp_only)]
                    g[m] = pool[rng.integers(0, len(pool), m.sum())]
        return g, s

    def full_names(self, g, s, s2=None) -> np.ndarray:
        """``Jan van der Meer``; with a partner's name in front: ``Petra Jansen-de Vries``."""
        v = self.v
        sur = v.sur_full[s]
        if s2 is not None:
            s2 = np.asarray(s2)
            m = s2 >= 0
            if m.any():
                sur = sur.copy()
                sur[m] = _cat(v.sur_full[s2[m]], "-", sur[m])
        return _cat(v.given[g], " ", sur)

    def emails(self, rng, g, s, p: float) -> np.ndarray:
        v = self.v
        n = len(g)
        style = rng.integers(0, 4, n)
        num = rng.integers(1, 99, n).astype(S)
        gs, ss = _sa(v.given_slug[g]), _sa(v.sur_slug[s])
        local = np.where(style == 0, np.strings.add(np.strings.add(gs, "."), ss),
                         np.where(style == 1, np.strings.add(gs, ss),
                                  np.where(style == 2, np.strings.add(
                                      np.strings.add(np.strings.slice(gs, 0, 1), "."), ss),
                                      np.strings.add(np.strings.add(gs, ss), num))))
        dom = _sa(np.array(V.MAIL_DOMAINS, object)[rng.integers(0, len(V.MAIL_DOMAINS), n)])
        out = np.strings.add(np.strings.add(local, "@"), dom).astype(object)
        out[rng.random(n) >= p] = ""
        return out

    def hr_birth_dates(self, rng, lo_age: np.ndarray, hi_age: np.ndarray) -> np.ndarray:
        lo = END - (np.asarray(hi_age) * 365.25).astype(np.int64)
        hi = END - (np.asarray(lo_age) * 365.25).astype(np.int64)
        return _cls(rng.integers(lo, np.maximum(hi, lo + 3)), 0)

    # ------------------------------------------------------------------ employees

    def make_employees(self) -> None:
        size, v = self.size, self.v
        rng = self.rng("employees")
        shares = np.array(list(DEPARTMENT_SHARES.values()))
        raw = shares * size.staff
        counts = np.floor(raw).astype(int)
        for i in np.argsort(-(raw - counts), kind="stable")[: size.staff - counts.sum()]:
            counts[i] += 1
        dept, role, is_mgr = [], [], []
        for d, n in zip(DEPARTMENT_SHARES, counts):
            n_mgr = 0 if d == "Bestuur" or n < 3 else max(1, round(n / 10))
            n_ext = (max(1, round(n * 0.05)) if d in ("Vastgoed",) else
                     round(n * 0.04) if d in ("Onderhoud", "ICT") else 0)
            n_vol = max(1, round(n * 0.03)) if d == "Wonen" else 0
            roles = (["manager"] * n_mgr + ["external"] * n_ext + ["volunteer"] * n_vol
                     + ["employee"] * (n - n_mgr - n_ext - n_vol))
            dept += [d] * n
            role += roles
            is_mgr += [r == "manager" for r in roles]
        dept += ["Bestuur"] + ["RvC"] * size.board
        role += ["director"] + ["supervisory_board"] * size.board
        n = len(dept)
        dept_a, role_a = np.array(dept, object), np.array(role, object)
        sex = rng.integers(0, 2, n)
        bg = rng.choice(len(v.bgs), n, p=np.array([0.8, 0.05, 0.06, 0.05, 0.02, 0.02]))
        bg[role_a == "supervisory_board"] = 0
        g, s = self.names(rng, bg, sex, cp_only=True)
        lo_age = np.select([role_a == "manager", role_a == "director",
                            role_a == "supervisory_board"], [34, 50, 46], 21)
        hi_age = np.select([role_a == "manager", role_a == "director",
                            role_a == "supervisory_board"], [62, 61, 72], 66)
        age = rng.triangular(lo_age, (lo_age + hi_age) / 2, hi_age)
        bd = self.hr_birth_dates(rng, age, age + 0.9)
        # married women sometimes carry their partner's name in front: Jansen-de Vries
        s2 = np.full(n, -1, np.int64)
        dbl = (sex == 1) & (bg == 0) & (age > 30) & (rng.random(n) < 0.15)
        pool, p = v.sur_groups[(0, True)]
        s2[dbl] = pool[rng.choice(len(pool), dbl.sum(), p=p)]
        s2[(s2 >= 0) & (v.sur_key[np.maximum(s2, 0)] == v.sur_key[s])] = -1
        # employment
        earliest = np.maximum(bd + _years(19), day_of(dt.date(1985, 1, 1)))
        emp_from = rng.integers(earliest, np.maximum(self.start - 30, earliest + 1))
        emp_until = np.full(n, DAY_NA, np.int64)
        regular = role_a == "employee"
        joiner = regular & (rng.random(n) < 0.05)
        leaver = regular & ~joiner & (rng.random(n) < 0.04)
        emp_from[joiner] = rng.integers(self.start, END - 30, joiner.sum())
        emp_until[leaver] = rng.integers(self.start + 30, END, leaver.sum())
        ext = role_a == "external"
        emp_from[ext] = rng.integers(self.start - 700, self.start - 20, ext.sum())
        emp_until[ext] = END + rng.integers(60, 400, ext.sum())
        board = role_a == "supervisory_board"
        emp_from[board] = rng.integers(END - _years(8), self.start - 20, board.sum())
        emp_from = np.maximum(emp_from, bd + _years(18))
        throughout = (emp_from < self.start) & ((emp_until == DAY_NA) | (emp_until > END))
        # order by hire date: personnel numbers follow it
        order = np.lexsort((rng.random(n), emp_from))
        cols = {"dept": dept_a, "role": role_a, "sex": sex, "bg": bg, "g": g, "s": s, "s2": s2,
                "bd": bd, "emp_from": emp_from, "emp_until": emp_until, "throughout": throughout,
                "age": (END - bd) / 365.25}
        e = pd.DataFrame({k: np.asarray(x)[order] for k, x in cols.items()})
        n = len(e)
        # managers: each regular member of a department reports to one of its managers
        director = int(np.flatnonzero(e.role.to_numpy() == "director")[0])
        board_idx = np.flatnonzero(e.role.to_numpy() == "supervisory_board")
        manager = np.full(n, director, np.int64)
        for d in DEPARTMENT_SHARES:
            members = np.flatnonzero((e.dept.to_numpy() == d)
                                     & (e.role.to_numpy() != "manager"))
            mgrs = np.flatnonzero((e.dept.to_numpy() == d) & (e.role.to_numpy() == "manager"))
            if len(mgrs) and len(members):
                manager[members] = mgrs[rng.integers(0, len(mgrs), len(members))]
        manager[director] = board_idx[0]
        manager[board_idx] = board_idx[0]
        manager[board_idx[0]] = board_idx[1] if len(board_idx) > 1 else director
        e["manager"] = manager
        titles = []
        tr = self.rng("titles")
        for d, r in zip(e.dept, e.role):
            if r == "manager":
                titles.append(f"Manager {d}")
            elif r == "director":
                titles.append("Directeur-bestuurder")
            elif r == "supervisory_board":
                titles.append("Lid Raad van Commissarissen")
            elif r == "external":
                titles.append("Projectleider (inhuur)" if d != "ICT" else "ICT-consultant (inhuur)")
            elif r == "volunteer":
                titles.append("Vrijwilliger buurtbemiddeling")
            else:
                opts = V.JOB_TITLES[d]
                titles.append(opts[int(tr.integers(0, len(opts)))])
        titles[int(board_idx[0])] = "Voorzitter Raad van Commissarissen"
        e["title"] = np.array(titles, object)
        e["name"] = self.full_names(e.g.to_numpy(), e.s.to_numpy(), e.s2.to_numpy())
        cities = self.cities(rng, n, 0.85)
        e["addr"], e["add"] = self.new_addresses(rng, cities)
        e["bank"], e["acc"] = self.new_ibans(rng, n)
        ph = self.new_mobiles(rng, n)
        ph[rng.random(n) < 0.04] = -1
        e["phone"] = ph
        e["email"] = self.emails(rng, e.g.to_numpy(), e.s.to_numpy(), 0.92)
        e["tag"] = ""
        self.emp = e
        self.director = director
        self.say(f"employees: {n}")

    # ------------------------------------------------------------------ relatives

    def make_relatives(self) -> None:
        v, e = self.v, self.emp
        rng = self.rng("relatives")
        n = len(e)
        sex, bg, bd, age = (e[c].to_numpy() for c in ("sex", "bg", "bd", "age"))
        s_birth = e.s.to_numpy()
        blocks = []

        def block(emp, relation, sex_, bg_, g_, s_, bd_, home, **extra):
            d = {"emp": emp, "relation": np.full(len(emp), relation, object), "sex": sex_,
                 "bg": bg_, "g": g_, "s": s_, "bd": bd_, "home": home}
            d.update(extra)
            blocks.append(pd.DataFrame(d))

        # partner: opposite sex mostly, mostly the same background, shares the address
        dbl = e.s2.to_numpy() >= 0
        has_p = dbl | (rng.random(n) < np.where(age > 26, 0.68, 0.3))
        pe = np.flatnonzero(has_p)
        psex = np.where(rng.random(len(pe)) < 0.95, 1 - sex[pe], sex[pe])
        pbg = np.where(rng.random(len(pe)) < 0.85, bg[pe],
                       rng.choice(len(v.bgs), len(pe), p=v.bg_p))
        pg, ps = self.names(rng, pbg, psex)
        ps = np.where(dbl[pe], e.s2.to_numpy()[pe], ps)
        pbd = self.hr_birth_dates(rng, age[pe] - 6, age[pe] + 6)
        pvf = np.where(rng.random(len(pe)) < 0.3,
                       rng.integers(np.maximum(bd[pe], pbd) + _years(20),
                                    np.maximum(np.maximum(bd[pe], pbd) + _years(21), END - 400)),
                       DAY_NA)
        block(pe, "partner", psex, pbg, pg, ps, pbd, np.ones(len(pe), bool), vfrom=pvf)
        partner_sur = np.full(n, -1, np.int64)
        partner_sex = np.full(n, -1, np.int64)
        partner_sur[pe] = ps
        partner_sex[pe] = psex
        # former partners (split up before the period), with their own address
        fe = np.flatnonzero((age > 30) & (rng.random(n) < 0.05))
        fsex = 1 - sex[fe]
        fg, fs = self.names(rng, bg[fe], fsex)
        fbd = self.hr_birth_dates(rng, age[fe] - 5, age[fe] + 5)
        fvf = rng.integers(bd[fe] + _years(21), np.maximum(bd[fe] + _years(22),
                                                            self.start - _years(4)))
        fvu = rng.integers(fvf + _years(1), np.maximum(fvf + _years(2), self.start - 60))
        block(fe, "partner", fsex, bg[fe], fg, fs, fbd, np.zeros(len(fe), bool),
              vfrom=fvf, vuntil=fvu)
        # children
        k = np.where(age < 25, 0, np.minimum(rng.poisson(1.35, n), 4))
        ce = np.repeat(np.arange(n), k)
        cbd = _cls(bd[ce] + rng.integers(_years(23), _years(42), len(ce)), 0)
        keep = cbd < END - 40
        ce, cbd = ce[keep], cbd[keep]
        csex = rng.integers(0, 2, len(ce))
        cg, _ = self.names(rng, bg[ce], csex)
        father_sur = np.where((sex[ce] == 1) & (partner_sex[ce] == 0), partner_sur[ce],
                              s_birth[ce])
        cage = (END - cbd) / 365.25
        block(ce, "child", csex, bg[ce], cg, father_sur, cbd, cage < 21)
        # parents: living together at their own address
        mother_age = age + rng.uniform(22, 38, n)
        father_age = mother_age + rng.uniform(-2, 6, n)
        for who, pa, psx in (("father", father_age, 0), ("mother", mother_age, 1)):
            alive = rng.random(n) < np.clip((96 - pa) / 30, 0, 0.97)
            idx = np.flatnonzero(alive)
            if who == "father":
                g_, _ = self.names(rng, bg[idx], np.zeros(len(idx), np.int64))
                s_ = s_birth[idx]
            else:
                g_, s_ = self.names(rng, bg[idx], np.ones(len(idx), np.int64))
            pbd_ = self.hr_birth_dates(rng, pa[idx], pa[idx] + 0.9)
            block(idx, "parent", np.full(len(idx), psx), bg[idx], g_, s_, pbd_,
                  np.zeros(len(idx), bool), group=np.full(len(idx), 1))
        # siblings, own addresses
        k = np.minimum(rng.poisson(0.45, n), 3)
        se = np.repeat(np.arange(n), k)
        ssex = rng.integers(0, 2, len(se))
        sg, _ = self.names(rng, bg[se], ssex)
        off = rng.uniform(1.2, 9, len(se)) * np.where(rng.random(len(se)) < 0.5, -1, 1)
        sbd = self.hr_birth_dates(rng, age[se] + off, age[se] + off + 0.5)
        block(se, "sibling", ssex, bg[se], sg, s_birth[se], sbd, np.zeros(len(se), bool))
        # parents-in-law of some partnered staff; a third of them without a birth date
        ie = pe[rng.random(len(pe)) < 0.22]
        ie = np.repeat(ie, 1 + (rng.random(len(ie)) < 0.6))
        isex = np.zeros(len(ie), np.int64)
        isex[1:][ie[1:] == ie[:-1]] = 1
        ig, is_ = self.names(rng, bg[ie], isex)
        is_ = np.where(isex == 0, partner_sur[ie], is_)
        ibd = self.hr_birth_dates(rng, age[ie] + 24, age[ie] + 34)
        ibd[rng.random(len(ie)) < 0.33] = DAY_NA
        block(ie, "parent_in_law", isex, bg[ie], ig, is_, ibd, np.zeros(len(ie), bool),
              group=np.full(len(ie), 2))
        r = pd.concat(blocks, ignore_index=True)
        for c, default in (("vfrom", DAY_NA), ("vuntil", DAY_NA), ("group", 0)):
            r[c] = r[c].fillna(default).astype(np.int64) if c in r else default
        r["s2"] = -1
        # older women sometimes carry their husband's name in front
        dbl = ((r.relation.to_numpy() == "parent") & (r.sex.to_numpy() == 1)
               & (r.bg.to_numpy() == 0) & (rng.random(len(r)) < 0.2))
        r.loc[dbl, "s2"] = s_birth[r.emp.to_numpy()[dbl]]
        # addresses: at home, or one per household (parents, in-laws), or their own
        home = r.home.to_numpy()
        r["addr"] = e.addr.to_numpy()[r.emp.to_numpy()]
        r["add"] = e["add"].to_numpy()[r.emp.to_numpy()]
        own = np.flatnonzero(~home)
        grp = r.group.to_numpy()[own]
        hh = np.where(grp > 0, r.emp.to_numpy()[own] * 10 + grp, -1 - own)
        uniq, inv = np.unique(hh, return_inverse=True)
        keys, adds = self.new_addresses(rng, self.cities(rng, len(uniq), 0.55))
        r.loc[own, "addr"] = keys[inv]
        r.loc[own, "add"] = adds[inv]
        nr = len(r)
        ph = np.full(nr, -1, np.int64)
        want = np.flatnonzero(rng.random(nr) < np.where(r.relation.to_numpy() == "partner",
                                                        0.55, 0.12))
        ph[want] = self.new_mobiles(rng, len(want))
        r["phone"] = ph
        r["email"] = self.emails(rng, r.g.to_numpy(), r.s.to_numpy(), 0.08)
        r["tag"] = ""
        self.rel = r
        self.fix_person_keys()
        self.say(f"relatives: {len(r)}")

    def fix_person_keys(self) -> None:
        """No two staff members or relatives share a birth date and a (loose) surname."""
        v, e, r = self.v, self.emp, self.rel
        rng = self.rng("unique-people")
        n_e = len(e)
        for _ in range(200):
            bd = np.concatenate([e.bd.to_numpy(), r.bd.to_numpy()])
            s = np.concatenate([e.s.to_numpy(), r.s.to_numpy()])
            s2 = np.concatenate([e.s2.to_numpy(), r.s2.to_numpy()])
            who = np.arange(len(bd))
            m2 = s2 >= 0
            rows = np.concatenate([who, who[m2]])
            keys = np.concatenate([v.sur_key[s], v.sur_key[s2[m2]]]) * 100_000 + np.concatenate(
                [bd, bd[m2]])
            valid = np.concatenate([bd, bd[m2]]) != DAY_NA
            frame = pd.DataFrame({"row": rows[valid], "key": keys[valid]}).drop_duplicates()
            dup = frame.row[frame.key.duplicated()].unique()
            if len(dup) == 0:
                break
            shift = 3 * rng.integers(1, 60, len(dup)) * np.where(rng.random(len(dup)) < .5, -1, 1)
            de, dr = dup[dup < n_e], dup[dup >= n_e] - n_e
            if len(de):
                e.loc[de, "bd"] = e.bd.to_numpy()[de] + shift[: len(de)]
            if len(dr):
                r.loc[dr, "bd"] = r.bd.to_numpy()[dr] + shift[len(de):]
        else:  # pragma: no cover - the loop converges in a few rounds
            raise RuntimeError("could not make birth dates unique")
        e["age"] = (END - e.bd.to_numpy()) / 365.25
        for frame in (e, r):
            for s_col in ("s", "s2"):
                sv, bdv = frame[s_col].to_numpy(), frame.bd.to_numpy()
                ok = (sv >= 0) & (bdv != DAY_NA)
                self.person_keys.update(zip(v.sur_key[sv[ok]].tolist(), bdv[ok].tolist()))

    def unique_hr_birth(self, rng, s: int, lo_age: float, hi_age: float) -> int:
        """A staff-class birth date that no one with a similar surname has."""
        key = int(self.v.sur_key[s])
        for _ in range(1000):
            bd = int(self.hr_birth_dates(rng, np.array([lo_age]), np.array([hi_age]))[0])
            if (key, bd) not in self.person_keys:
                self.person_keys.add((key, bd))
                return bd
        raise RuntimeError("no free birth date")

    # ------------------------------------------------------------------ organizations

    def make_organizations(self) -> None:
        v, size = self.v, self.size
        rng = self.rng("organizations")
        cats = V.ORG_CATEGORIES
        n_inst = min(len(V.INSTITUTIONS), max(4, size.organizations // 60))
        n = size.organizations - n_inst
        share = np.array([c["share"] for c in cats])
        cat = rng.choice(len(cats), n, p=share / share.sum())
        words = np.array(V.ORG_WORDS, object)
        base = np.empty(n, object)
        dom = np.empty(n, object)  # the e-mail domain: the name in lower-case ASCII
        form = np.empty(n, object)
        sur_slug = np.array([slug(x) for x in v.sur_cap], object)
        word_slug = np.array([slug(x) for x in words], object)
        city_slug = np.array([slug(x) for x in v.cities], object)
        city = self.cities(rng, n, 0.55)
        # name patterns and legal forms of all categories in flat arrays
        pats = [p for c in cats for p in c["names"]]
        pat_off = np.cumsum([0] + [len(c["names"]) for c in cats])
        n_pat = np.maximum(np.diff(pat_off), 1)
        pats_a = np.array(pats, object)
        pats_slug = np.array([slug(p.replace("{S2}", "qqtq").replace("{S}", "qqsq")
                                   .replace("{W}", "qqwq")) for p in pats], object)
        forms_a = np.array([f for c in cats for f in c["forms"]], object)
        form_off = np.cumsum([0] + [len(c["forms"]) for c in cats])
        n_form = np.diff(form_off)
        todo = np.arange(n)
        for attempt in range(12):
            if not len(todo):
                break
            m = len(todo)
            ct = cat[todo]
            pi = pat_off[ct] + rng.integers(0, 1 << 30, m) % n_pat[ct]
            si = np.where(rng.random(m) < 0.85, v.nl_sur[rng.integers(0, len(v.nl_sur), m)],
                          rng.integers(0, len(v.sur_core), m))
            s2i = v.nl_sur[rng.integers(0, len(v.nl_sur), m)]
            wi = rng.integers(0, len(words), m)
            t = _sa(pats_a[pi])
            d_ = _sa(pats_slug[pi])
            for ph, dph, fill, fslug in (("{S2}", "qqtq", v.sur_cap[s2i], sur_slug[s2i]),
                                         ("{S}", "qqsq", v.sur_cap[si], sur_slug[si]),
                                         ("{W}", "qqwq", words[wi], word_slug[wi])):
                t = np.strings.replace(t, ph, _sa(fill))
                d_ = np.strings.replace(d_, dph, _sa(fslug))
            if attempt >= 2:  # crowded: qualify with the place of business
                t = np.strings.add(np.strings.add(t, " "), _sa(v.cities[city[todo]]))
                d_ = np.strings.add(d_, _sa(city_slug[city[todo]]))
            if attempt >= 5:
                num = rng.integers(2, 99, m).astype(S)
                t = np.strings.add(np.strings.add(t, " "), num)
                d_ = np.strings.add(d_, num)
            base[todo] = t.astype(object)
            dom[todo] = d_.astype(object)
            form[todo] = forms_a[form_off[ct] + rng.integers(0, 1 << 30, m) % n_form[ct]]
            low = pd.Series(base).str.lower()
            todo = np.flatnonzero(low.duplicated(keep="first").to_numpy())
        if len(todo):  # pragma: no cover
            raise RuntimeError("could not make organization names unique")
        inst = np.array(V.INSTITUTIONS[:n_inst], object)
        inst_cat = len(cats) - 1
        o = pd.DataFrame({
            "cat": np.concatenate([cat, np.full(n_inst, inst_cat)]),
            "base": np.concatenate([base, inst]),
            "dom": np.concatenate([dom, np.array([slug(x) for x in inst], object)]),
            "form": np.concatenate([form, np.full(n_inst, "", object)]),
            "city": np.concatenate([city, v.region[rng.integers(0, len(v.region), n_inst)]]),
        })
        perm = rng.permutation(len(o))  # vendor numbers follow no pattern
        o = o.iloc[perm].reset_index(drop=True)
        no = len(o)
        o["name"] = _cat(o.base.to_numpy(), o.form.to_numpy())
        o["org_type"] = np.array([c["org_type"] for c in cats], object)[o.cat.to_numpy()]
        o["dept"] = np.array([c["department"] for c in cats], object)[o.cat.to_numpy()]
        is_inst = o.org_type.to_numpy() == "institution"
        form_a = o.form.to_numpy()
        o["struct"] = np.select(
            [is_inst, np.char.find(form_a.astype(str), "B.V.") >= 0,
             np.char.find(form_a.astype(str), "N.V.") >= 0,
             np.char.find(form_a.astype(str), "V.O.F.") >= 0],
            ["none", "bv", "nv", "vof"], "eenmanszaak")
        o["kvk"] = self.new_kvks(rng, no)
        one_man = o.struct.to_numpy() == "eenmanszaak"
        o["addr"], o["add"] = self.new_addresses(rng, o.city.to_numpy(),
                                                 ~(one_man & (rng.random(no) < 0.5)))
        o["bank"], o["acc"] = self.new_ibans(rng, no)
        mobile = one_man & (rng.random(no) < 0.5)
        ph = self.new_landlines(rng, o.city.to_numpy())
        ph[mobile] = self.new_mobiles(rng, int(mobile.sum())) + 10**12  # mark as mobile
        ph[rng.random(no) < 0.05] = -1
        o["phone"] = ph
        dom = o.dom.to_numpy()
        box = np.array(["info", "administratie", "facturen", "offerte", "post"], object)
        o["email"] = _cat(box[rng.integers(0, len(box), no)], "@", dom, ".nl")
        o.loc[rng.random(no) < 0.04, "email"] = ""
        # how much business an organization gets: a long tail, and a fifth is dormant
        w = 1.0 / (rng.permutation(no) + 5.0) ** 0.85
        w[rng.random(no) < 0.2] = 0.0
        w[is_inst] = np.maximum(w[is_inst], np.median(w[w > 0]))
        o["weight"] = w
        o["tag"] = ""
        o["noise_decisions"] = True
        self.org = o
        self.say(f"organizations: {no}")

    def make_officers(self) -> None:
        """KvK extract: 1-3 officers per business, the same person often in two roles."""
        v, o = self.v, self.org
        rng = self.rng("officers")
        # structures: list of (role, person slot); slot "H" is a holding company
        structures = {
            "eenmanszaak": [([("eigenaar", 0)], 1.0)],
            "vof": [([("vennoot", 0), ("vennoot", 1)], 1.0)],
            "bv": [([("bestuurder", 0), ("ubo", 0)], 0.35),
                   ([("bestuurder", 0), ("aandeelhouder", "H")], 0.25),
                   ([("bestuurder", 0), ("bestuurder", 1), ("ubo", 0)], 0.25),
                   ([("bestuurder", 0), ("aandeelhouder", "H"), ("ubo", 0)], 0.15)],
            "nv": [([("bestuurder", 0), ("commissaris", 1), ("commissaris", 2)], 1.0)],
        }
        struct = o.struct.to_numpy()
        founded = rng.integers(day_of(dt.date(1978, 1, 1)), END - 200, len(o))
        frames = []
        for code, variants in structures.items():
            orgs = np.flatnonzero(struct == code)
            if not len(orgs):
                continue
            pick = rng.choice(len(variants), len(orgs), p=[p for _, p in variants])
            for vi, (roles, _) in enumerate(variants):
                rows = orgs[pick == vi]
                if not len(rows):
                    continue
                n = len(rows)
                slots = sorted({sl for _, sl in roles if sl != "H"})
                people = {}
                for sl in slots:
                    sex = rng.integers(0, 2, n)
                    sex[rng.random(n) < 0.4] = 0
                    bg = rng.choice(len(v.bgs), n, p=v.bg_p)
                    g, s = self.names(rng, bg, sex)
                    age = rng.uniform(26, 74, n)
                    bd = _cls(END - (age * 365.25).astype(np.int64), 1)
                    style = rng.choice(3, n, p=[0.5, 0.3, 0.2])
                    g2 = np.where(rng.random(n) < 0.4, rng.integers(0, len(v.given), n), -1)
                    people[sl] = (g, s, bd, style, g2)
                for role, sl in roles:
                    if sl == "H":
                        s = v.nl_sur[rng.integers(0, len(v.nl_sur), n)]
                        name = _cat(v.sur_cap[s], " Holding B.V.")
                        bd = np.full(n, DAY_NA, np.int64)
                    else:
                        g, s, bd, style, g2 = people[sl]
                        name = self.officer_names(g, s, style, g2)
                    vf = np.maximum(founded[rows], bd + _years(21)) if sl != "H" else \
                        founded[rows]
                    frames.append(pd.DataFrame({
                        "org": rows, "role": role, "name": name, "bd": bd, "vfrom": vf,
                        "slot": str(sl)}))
        off = pd.concat(frames, ignore_index=True)
        no = len(off)
        vu = np.full(no, DAY_NA, np.int64)
        gone = (rng.random(no) < 0.07) & (off.vfrom.to_numpy() < END - 800)
        vu[gone] = rng.integers(off.vfrom.to_numpy()[gone] + 300, END - 100)
        off["vuntil"] = vu
        off["tag"] = ""
        self.off = off
        self.say(f"officers: {no}")

    def officer_names(self, g, s, style, g2) -> np.ndarray:
        """KvK style ``Vries, Jan de``, initials ``J.P. de Vries`` or plain ``Jan de Vries``."""
        v = self.v
        kvk = _cat(v.sur_core[s], ", ", v.given[g], v.sur_tv_suffix[s])
        init = v.given_init[g].copy()
        m = g2 >= 0
        init[m] = _cat(init[m], v.given_init[g2[m]])
        ini = _cat(init, " ", v.sur_full[s])
        plain = _cat(v.given[g], " ", v.sur_full[s])
        return np.where(style == 0, kvk, np.where(style == 1, ini, plain))

    # ------------------------------------------------------------------ the cast

    def pick_cast(self) -> None:
        """Choose the employees and organizations of the planted cases and decoys."""
        e, o = self.emp, self.org
        rng = self.rng("cast")
        role, dept = e.role.to_numpy(), e.dept.to_numpy()
        ok = e.throughout.to_numpy().copy()
        plain = e.s2.to_numpy() < 0  # the stories that rewrite a name need a single surname
        used: set[int] = set()
        mgr = e.manager.to_numpy()

        def repair(i: int, need_plain: bool) -> None:
            """Make a joiner or leaver employed all period; drop a partner's name in front."""
            if not ok[i]:
                e.loc[i, "emp_from"] = min(int(e.emp_from[i]), self.start - _years(
                    1 + int(rng.integers(0, 8))))
                e.loc[i, "emp_from"] = max(int(e.emp_from[i]), int(e.bd[i]) + _years(18))
                e.loc[i, "emp_until"] = DAY_NA
                e.loc[i, "throughout"] = True
                ok[i] = True
            if need_plain and not plain[i]:
                e.loc[i, "s2"] = -1
                e.loc[i, "name"] = self.full_names(np.array([int(e.g[i])]),
                                                   np.array([int(e.s[i])]))[0]
                plain[i] = True

        def pick(mask, what, prefer=None, reuse=False, need_plain=False):
            """An unused employee in ``mask`` (preferring ``prefer``), if need be one whose
            employment or name is adjusted to the story; with ``reuse`` fall back to a cast
            member, whose own links all point at other organizations."""
            tiers = [mask & ok & (plain | (not need_plain)), mask & (plain | (not need_plain)),
                     mask]
            for tier, pool in enumerate(tiers + ([mask & ok] if reuse else [])):
                cand = [int(i) for i in np.flatnonzero(pool) if tier == 3 or int(i) not in used]
                if prefer is not None:
                    cand = [i for i in cand if prefer(i)] or cand
                if cand:
                    i = cand[int(rng.integers(0, len(cand)))]
                    used.add(i)
                    repair(i, need_plain)
                    return i
            raise RuntimeError(f"demo size {self.size.name!r} has no employee for {what}")

        handler = np.isin(dept, CONTRACT_DEPTS) & np.isin(role, ("employee", "external"))
        alloc_handler = np.isin(dept, ALLOCATION_DEPTS) & (role == "employee")
        c_mgr = np.isin(dept, CONTRACT_DEPTS) & (role == "manager")
        a_mgr = np.isin(dept, ALLOCATION_DEPTS) & (role == "manager")
        age = e.age.to_numpy()
        c = {}
        used.add(self.director)
        c["A4"] = self.director

        def has_reports(i, pool):
            return bool(((mgr == i) & pool & ok).sum() >= 2)

        c["A1"] = pick(c_mgr, "an approving manager", lambda i: has_reports(i, handler),
                       need_plain=True)
        c["A2"] = pick(c_mgr, "an approving manager", lambda i: has_reports(i, handler))
        c["A3"] = pick(a_mgr, "an allocation manager",
                       lambda i: has_reports(i, alloc_handler) and age[i] >= 45)
        for k in ("H1", "H2", "H4", "H6", "H7", "H10", "H11", "H12"):
            pref = {"H2": lambda i: age[i] >= 52, "H7": lambda i: age[i] >= 35}.get(k)
            c[k] = pick(handler, f"contract handler {k}", pref)
        for k in ("H3", "H5", "H8", "H9"):
            c[k] = pick(alloc_handler, f"allocation handler {k}",
                        (lambda i: age[i] >= 42) if k == "H8" else None,
                        need_plain=k in ("H3", "H5"))
        # the other people on the planted decisions: clean if the staff allows it
        c["hP1b"] = pick(handler & (mgr == c["A1"]), "a handler under A1", reuse=True)
        c["hP2b"] = pick(handler & (mgr == c["A2"]), "a handler under A2", reuse=True)
        c["hP4"] = pick(alloc_handler & (mgr == c["A3"]), "an allocation handler under A3",
                        reuse=True)
        c["hP6"] = pick(handler, "a tender handler", lambda i: dept[i] == "Vastgoed",
                        reuse=True)
        not_subject = ~(handler | alloc_handler | c_mgr | a_mgr) & (role != "director")
        for k in ("E7", "E8", "E9", "E10", "E11", "E12", "Y", "E14", "E15"):
            pref = (lambda i: age[i] <= 52 and role[i] != "supervisory_board") if k == "E7" \
                else (lambda i: role[i] != "supervisory_board")
            c[k] = pick(not_subject | (role == "manager") if k not in ("E7",) else not_subject,
                        f"employee {k}", pref)
        # the cast's relatives are written for their stories; drop conflicting random ones
        r = self.rel
        remp, rrel = r.emp.to_numpy(), r.relation.to_numpy()
        drop = (np.isin(remp, [c["H5"], c["H7"], c["A2"]]) & (rrel == "partner")) | (
            (remp == c["E7"]) & (rrel == "parent") & (r.sex.to_numpy() == 1)) | (
            (remp == c["H8"]) & (rrel == "parent") & (r.sex.to_numpy() == 0) & (age[c["H8"]] < 40))
        # ages the stories need; a new age takes the random family with it
        for k, lo, hi in (("H2", 52, 61), ("A3", 46, 60), ("E7", 28, 52), ("H7", 36, 58)):
            i = c[k]
            if not lo <= age[i] <= hi:
                e.loc[i, "bd"] = self.unique_hr_birth(rng, int(e.s[i]), lo + 1, hi - 1)
                e.loc[i, "age"] = (END - e.bd[i]) / 365.25
                drop |= (remp == i) & (rrel != "partner")
        self.rel = r.loc[~drop].reset_index(drop=True)
        self.cast = c
        for k, i in c.items():
            e.loc[i, "tag"] = k
        # organizations: business relations of a matching trade, kept out of random data
        odept, struct = o.dept.to_numpy(), o.struct.to_numpy()
        active = o.weight.to_numpy() > 0
        taken: set[int] = set()

        def pick_org(d, structs=("bv",), need_active=True):
            base = np.isin(struct, structs) & (~active if not need_active else active)
            for mask in (base & (odept == d), base, np.isin(struct, structs)):
                cand = [int(i) for i in np.flatnonzero(mask) if int(i) not in taken]
                if cand:
                    i = cand[int(rng.integers(0, len(cand)))]
                    taken.add(i)
                    return i
            raise RuntimeError("no organization left for the cast")

        oc = {}
        oc["O1"] = pick_org(dept[c["H1"]])
        oc["O2"] = pick_org(dept[c["hP1b"]])
        oc["O3"] = pick_org(dept[c["H2"]])
        oc["O4"] = pick_org(dept[c["hP2b"]])
        oc["O5"] = pick_org(dept[c["H4"]], ("eenmanszaak",))
        oc["O6"] = pick_org("Vastgoed")
        oc["O7"] = pick_org("Vastgoed", ("bv", "nv"))
        oc["O8"] = pick_org(dept[c["H6"]])
        oc["O9"] = pick_org(dept[c["H7"]])
        oc["O10"] = pick_org(dept[c["H12"]])
        oc["O11"] = pick_org(dept[c["H10"]])
        oc["O12"] = pick_org(dept[c["H11"]])
        for k in ("Og9a", "Og9b", "Og9c", "Og15"):
            oc[k] = pick_org("Inkoop", ("bv", "eenmanszaak", "vof"), need_active=False)
        self.ocast = oc
        for k, i in oc.items():
            o.loc[i, "tag"] = k
            o.loc[i, "noise_decisions"] = k == "O7"  # O7 trades with others, not with E7

    # ------------------------------------------------------------------ decisions

    def make_contracts(self) -> None:
        size, e, o = self.size, self.emp, self.org
        rng = self.rng("contracts")
        n = size.contracts
        w = o.weight.to_numpy() * o.noise_decisions.to_numpy()
        org = rng.choice(len(o), n, p=w / w.sum())
        inst = (o.org_type.to_numpy() == "institution")[org]
        kind = rng.choice(len(CONTRACT_KINDS), n, p=CONTRACT_KIND_P)
        kind[inst] = 0
        med = np.array([m for m, _ in CONTRACT_AMOUNTS], float)[kind]
        sig = np.array([s for _, s in CONTRACT_AMOUNTS], float)[kind]
        eur = np.clip(med * np.exp(sig * rng.standard_normal(n)), 25, 12_000_000)
        cents = np.where(kind <= 1, np.round(eur * 100),
                         np.round(eur / 10) * 1000).astype(np.int64)
        date = self.workdays[rng.integers(0, len(self.workdays), n)]
        # the handler: staff of the department that buys this trade
        role, dept, thr = e.role.to_numpy(), e.dept.to_numpy(), e.throughout.to_numpy()
        handler = np.empty(n, np.int64)
        odept = o.dept.to_numpy()[org]
        all_h = np.flatnonzero(np.isin(dept, CONTRACT_DEPTS)
                               & np.isin(role, ("employee", "external")) & thr)
        for d in CONTRACT_DEPTS:
            pool = np.flatnonzero((dept == d) & np.isin(role, ("employee", "external")) & thr)
            pool = pool if len(pool) else all_h
            m = odept == d
            handler[m] = pool[rng.integers(0, len(pool), m.sum())]
        mgr = e.manager.to_numpy()
        approver = np.where(cents >= APPROVAL_MANAGER_EUR * 100, mgr[handler], -1)
        approver[cents >= APPROVAL_DIRECTOR_EUR * 100] = self.director
        req_pool = np.flatnonzero(np.isin(dept, ("Wonen", "Vastgoed", "Onderhoud"))
                                  & (role == "employee") & thr)
        requester = np.where((kind >= 1) & (rng.random(n) < 0.4),
                             req_pool[rng.integers(0, len(req_pool), n)], -1)
        requester[requester == handler] = -1
        # description: a text of the trade with a complex number or a street
        cats = V.ORG_CATEGORIES
        tpl_off = np.cumsum([0] + [len(c["descriptions"]) for c in cats])
        n_tpl = np.diff(tpl_off)
        ocat = o.cat.to_numpy()[org]
        tpl = tpl_off[ocat] + (rng.integers(0, 1 << 30, n) % n_tpl[ocat])
        self.desc_templates = [d for c in cats for d in c["descriptions"]]
        self.con = pd.DataFrame({
            "date": date, "org": org, "kind": kind, "cents": cents, "handler": handler,
            "approver": approver, "requester": requester, "tpl": tpl,
            "cx": rng.integers(100, 990, n), "street": rng.integers(0, len(self.v.res_streets), n),
            "tag": np.full(n, -1, np.int64),
        })
        self.con_tags: list[str] = []
        self.say(f"contracts: {n}")

    def make_allocations(self) -> None:
        size, e = self.size, self.emp
        rng = self.rng("allocations")
        n = size.allocations
        kind = rng.choice(len(ALLOCATION_KINDS), n, p=ALLOCATION_KIND_P)
        date = self.workdays[rng.integers(0, len(self.workdays), n)]
        role, dept, thr = e.role.to_numpy(), e.dept.to_numpy(), e.throughout.to_numpy()
        ver = np.flatnonzero((dept == "Verhuur") & (role == "employee") & thr)
        won = np.flatnonzero((dept == "Wonen") & (role == "employee") & thr)
        won = won if len(won) else ver
        by_wonen = np.isin(kind, (1, 4))
        handler = np.where(by_wonen, won[rng.integers(0, len(won), n)],
                           ver[rng.integers(0, len(ver), n)])
        needs = np.isin(kind, (1, 2, 3)) | (rng.random(n) < 0.25)
        approver = np.where(needs, e.manager.to_numpy()[handler], -1)
        a = self.applicants(rng, n)
        a["date"], a["kind"], a["handler"], a["approver"] = date, kind, handler, approver
        a["unit"] = rng.integers(1, size.homes + 1, n)
        sale = kind == 3
        value = rng.integers(165_000, 340_000, n)
        a["discount"] = np.where(sale, (value * rng.uniform(0.1, 0.25, n) / 100).astype(
            np.int64) * 10_000, -1)
        a["tag"] = ""
        self.alloc = a
        self.say(f"allocations: {n}")

    def applicants(self, rng, n: int) -> pd.DataFrame:
        v = self.v
        sex = rng.integers(0, 2, n)
        bg = rng.choice(len(v.bgs), n, p=np.array([0.6, 0.1, 0.12, 0.1, 0.03, 0.05]))
        g, s = self.names(rng, bg, sex)
        age = 18 + rng.gamma(2.0, 12.0, n).clip(0, 72)
        bd = _cls(END - (age * 365.25).astype(np.int64), 2)
        addr, add = self.new_addresses(rng, self.cities(rng, n, 0.9))
        bank, acc = self.new_ibans(rng, n)
        no_iban = rng.random(n) >= 0.6
        bank[no_iban], acc[no_iban] = -1, -1
        ph = self.new_mobiles(rng, n)
        ph[rng.random(n) >= 0.85] = -1
        return pd.DataFrame({
            "name": self.full_names(g, s), "bd": bd, "addr": addr, "add": add,
            "bank": bank, "acc": acc, "phone": ph, "email": self.emails(rng, g, s, 0.8),
        })

    # ------------------------------------------------------------------ registers

    def involved_pairs(self) -> np.ndarray:
        """``employee * n_orgs + org`` for every decision role: who deals with whom."""
        c, no = self.con, len(self.org)
        parts = [c.handler.to_numpy() * no + c.org.to_numpy()]
        for col in ("approver", "requester"):
            x = c[col].to_numpy()
            m = x >= 0
            parts.append(x[m] * no + c.org.to_numpy()[m])
        return _sorted_unique(np.concatenate(parts))

    def sample_free_pairs(self, rng, emp: np.ndarray, orgs: np.ndarray, busy: np.ndarray):
        """For each employee an organization they never deal with (-1 if none found)."""
        no = len(self.org)
        out = np.full(len(emp), -1, np.int64)
        todo = np.arange(len(emp))
        for _ in range(60):
            if not len(todo):
                break
            cand = orgs[rng.integers(0, len(orgs), len(todo))]
            ok = ~_member(busy, emp[todo] * no + cand)
            out[todo[ok]] = cand[ok]
            todo = todo[~ok]
        return out

    def make_declarations(self, busy: np.ndarray) -> None:
        e, o, r, v = self.emp, self.org, self.rel, self.v
        rng = self.rng("declarations")
        n = len(e)
        free = np.flatnonzero((e.tag.to_numpy() == "") & (e.role.to_numpy() != "volunteer"))
        board = e.role.to_numpy() == "supervisory_board"
        masters = np.flatnonzero((o.tag.to_numpy() == "")
                                 & (o.org_type.to_numpy() != "institution"))
        rows = []
        kvk_of: dict[str, int] = {}

        def outside_kvk(names: np.ndarray) -> np.ndarray:
            new = sorted({x for x in names.tolist() if x not in kvk_of})
            if new:
                for name, k in zip(new, self.new_kvks(rng, len(new)).tolist()):
                    kvk_of[name] = k
            return np.array([kvk_of[x] for x in names.tolist()], np.int64)

        # side functions outside the vendor master; the board holds several each
        k = np.where(board, rng.integers(2, 4, n),
                     (rng.random(n) < 0.22).astype(int) + (rng.random(n) < 0.04))
        k = k[free]
        sf = np.repeat(free, k)
        tpl = rng.integers(0, len(V.SIDE_FUNCTION_ORGS), len(sf))
        city = v.cities[self.cities(rng, len(sf), 0.8)]
        oname = _cat(np.strings.replace(_sa(np.array([t for t, _ in V.SIDE_FUNCTION_ORGS],
                                                     object)[tpl]), "{C}", _sa(city)))
        pos = np.array([p for _, p in V.SIDE_FUNCTION_ORGS], object)[tpl]
        pos[board[sf] & (rng.random(len(sf)) < 0.6)] = "lid raad van toezicht"
        rows.append(pd.DataFrame({"emp": sf, "kind": "side_function", "org_name": oname,
                                  "position": pos, "paid": np.where(
                                      rng.random(len(sf)) < 0.3, "ja", "nee")}))
        # own businesses
        ob = free[(rng.random(len(free)) < 0.03) & ~board[free]]
        btype = np.array(["Fotografie", "Klusbedrijf", "Administratiekantoor", "Webdesign",
                          "Coaching", "Hondenuitlaatservice"], object)
        bname = _cat(btype[rng.integers(0, len(btype), len(ob))], " ",
                     v.sur_cap[e.s.to_numpy()[ob]])
        rows.append(pd.DataFrame({"emp": ob, "kind": "own_business", "org_name": bname,
                                  "position": "eigenaar", "paid": "ja"}))
        # financial interests in business relations the person never deals with
        fi = free[rng.random(len(free)) < 0.04]
        forg = self.sample_free_pairs(rng, fi, masters, busy)
        fi, forg = fi[forg >= 0], forg[forg >= 0]
        rows.append(pd.DataFrame({"emp": fi, "kind": "financial_interest", "org": forg,
                                  "position": "aandeelhouder",
                                  "share": np.round(rng.uniform(0.5, 12, len(fi)), 1)}))
        # positions of relatives at business relations
        rel_ok = (r.tag.to_numpy() == "") & (r.vuntil.to_numpy() == DAY_NA)
        cand_rel = np.flatnonzero(rel_ok & np.isin(r.emp.to_numpy(), free)
                                  & (r.relation.to_numpy() != "parent_in_law"))
        pr = cand_rel[rng.random(len(cand_rel)) < 0.015]
        pemp = r.emp.to_numpy()[pr]
        porg = self.sample_free_pairs(rng, pemp, masters, busy)
        keep = porg >= 0
        pr, pemp, porg = pr[keep], pemp[keep], porg[keep]
        ppos = np.array(["medewerker", "directeur", "eigenaar"], object)[
            rng.choice(3, len(pr), p=[0.7, 0.15, 0.15])]
        rows.append(pd.DataFrame({"emp": pemp, "rel": pr, "kind": "position", "org": porg,
                                  "position": ppos}))
        d = pd.concat(rows, ignore_index=True)
        nd = len(d)
        for c, default in (("rel", -1), ("org", -1), ("share", np.nan)):
            d[c] = d[c].fillna(default) if c in d else default
        d["rel"] = d.rel.astype(np.int64)
        d["org"] = d.org.astype(np.int64)
        d["org_name"] = d.org_name.fillna("").astype(object) if "org_name" in d else ""
        d["paid"] = d.paid.fillna("").astype(object)
        d["kvk"] = np.where(d.org.to_numpy() < 0, outside_kvk(d.org_name.to_numpy()), -1)
        emp_from = e.emp_from.to_numpy()[d.emp.to_numpy()]
        vf = rng.integers(np.maximum(emp_from, END - _years(14)),
                          np.maximum(emp_from + 30, END - 60))
        d["vfrom"] = vf
        ended = (rng.random(nd) < 0.15) & (vf < END - 500)
        vu = np.full(nd, DAY_NA, np.int64)
        vu[ended] = rng.integers(vf[ended] + 200, END - 30)
        d["vuntil"] = vu
        kind = d.kind.to_numpy()
        status = np.full(nd, "approved", object)
        loose = np.isin(kind, ("financial_interest", "position"))
        roll = rng.random(nd)
        status[loose & (roll < 0.08)] = "pending"
        status[loose & (roll >= 0.08) & (roll < 0.12)] = "withdrawn"
        d["status"] = status
        d["decided_by"] = np.where(status == "pending", -1, e.manager.to_numpy()[d.emp])
        d["decided_on"] = np.where(status == "pending", DAY_NA,
                                   np.minimum(vf + rng.integers(5, 45, nd), END))
        d["descr"] = ""
        d["tag"] = ""
        self.decl = d
        self.say(f"declarations: {nd}")

    def make_gifts(self, busy: np.ndarray) -> None:
        e, o = self.emp, self.org
        rng = self.rng("gifts")
        free = np.flatnonzero(e.tag.to_numpy() == "")
        rate = np.select([e.role.to_numpy()[free] == "manager",
                          e.role.to_numpy()[free] == "supervisory_board"], [1.4, 0.3], 0.6)
        k = rng.poisson(rate * self.size.years)
        emp = np.repeat(free, k)
        givers = np.flatnonzero((o.tag.to_numpy() == "") & (o.weight.to_numpy() > 0)
                                & (o.org_type.to_numpy() != "institution"))
        org = self.sample_free_pairs(rng, emp, givers, busy)
        emp, org = emp[org >= 0], org[org >= 0]
        n = len(emp)
        kind = rng.choice(4, n, p=[0.45, 0.2, 0.2, 0.15])  # gift, meal, invitation, event
        year = PERIOD_END.year - rng.integers(0, self.size.years, n)
        dec = np.array([day_of(dt.date(int(y), 12, 10)) for y in range(
            PERIOD_END.year - self.size.years + 1, PERIOD_END.year + 1)])
        date = np.where(kind == 0,
                        dec[year - (PERIOD_END.year - self.size.years + 1)]
                        + rng.integers(0, 12, n),
                        self.workdays[rng.integers(0, len(self.workdays), n)])
        big = (kind == 0) & (rng.random(n) < 0.3)
        eur = np.select([kind == 0, kind == 1, kind == 2],
                        [np.where(big, rng.uniform(30, 80, n), rng.uniform(12.5, 25, n)),
                         rng.uniform(12, 25, n), np.zeros(n)], rng.uniform(0, 25, n))
        cents = (np.round(eur * 2) * 50).astype(np.int64)
        cents[(kind == 2) & (rng.random(n) < 0.6)] = -1
        texts = [
            ["Kerstpakket", "Fles wijn", "Bos bloemen", "Doos bonbons", "Relatiegeschenk"],
            ["Lunch na oplevering", "Lunch bij bouwvergadering", "Koffie en gebak"],
            ["Uitnodiging nieuwjaarsreceptie", "Uitnodiging opening nieuw pand",
             "Uitnodiging jubileumborrel"],
            ["Kennissessie verduurzaming", "Seminar aanbesteden", "Bouwbeurs dagkaart"],
        ]
        descr = np.empty(n, object)
        for kx, opts in enumerate(texts):
            m = kind == kx
            descr[m] = np.array(opts, object)[rng.integers(0, len(opts), m.sum())]
        descr[big] = "Wijnpakket (ingeleverd bij secretariaat)"
        self.gift = pd.DataFrame({
            "emp": emp, "org": org, "date": date,
            "kind": np.array(["gift", "meal", "invitation", "event"], object)[kind],
            "cents": cents,
            "handed_in": np.where(big, "ja", "nee"),
            "reported": np.where(kind == 0, np.where(rng.random(n) < 0.5, "ja", ""), "ja"),
            "descr": descr, "tag": "",
        })
        self.say(f"gifts: {n}")

    # ------------------------------------------------------------------ planted rows

    def add_relative(self, rng, emp: int, relation: str, sex: int, *, s: int | None = None,
                     age: tuple[float, float], home: bool, given2: bool = False,
                     vfrom: int = DAY_NA, vuntil: int = DAY_NA, tag: str) -> int:
        e, v = self.emp, self.v
        bg = int(e.bg[emp])
        g, s_new = self.names(rng, np.array([bg]), np.array([sex]))
        s = int(s_new[0]) if s is None else s
        if relation == "partner":
            while v.sur_key[s] == v.sur_key[int(e.s[emp])]:
                s = int(self.names(rng, np.array([bg]), np.array([sex]))[1][0])
        bd = self.unique_hr_birth(rng, s, *age)
        if home:
            addr, add = int(e.addr[emp]), str(e["add"][emp])
        else:
            k, a = self.new_addresses(rng, self.cities(rng, 1, 0.7))
            addr, add = int(k[0]), str(a[0])
        row = {"emp": emp, "relation": relation, "sex": sex, "bg": bg, "g": int(g[0]), "s": s,
               "s2": -1, "bd": bd, "home": home, "vfrom": vfrom, "vuntil": vuntil, "group": 0,
               "addr": addr, "add": add,
               "phone": int(self.new_mobiles(rng, 1)[0]) if relation == "partner" else -1,
               "email": "", "tag": tag}
        if given2:  # a second given name, as registers of older people have it
            row["g2"] = int(self.names(rng, np.array([bg]), np.array([sex]))[0][0])
        self.rel = pd.concat([self.rel, pd.DataFrame([row])], ignore_index=True)
        return len(self.rel) - 1

    def rel_name(self, i: int) -> str:
        r, v = self.rel, self.v
        g = v.given[int(r.g[i])]
        if "g2" in r and not pd.isna(r.g2[i]) and int(r.g2[i]) >= 0:
            g = f"{g} {v.given[int(r.g2[i])]}"
        return f"{g} {v.sur_full[int(r.s[i])]}"

    def add_contract(self, tag: str, date: dt.date, org: int, kind: str, eur: float,
                     handler: int, approver: int = -1, description: str = "") -> None:
        self.desc_templates.append(description)
        self.con_tags.append(tag)
        row = {"date": day_of(date), "org": org, "kind": CONTRACT_KINDS.index(kind),
               "cents": round(eur * 100), "handler": handler, "approver": approver, "requester": -1,
               "tpl": len(self.desc_templates) - 1, "cx": 0, "street": 0,
               "tag": len(self.con_tags) - 1}
        self.pending["con"].append(row)

    def add_allocation(self, tag: str, date: dt.date, kind: str, handler: int, approver: int,
                       name: str, bd: int, addr: int, add: str, rng, add_style: int = 0,
                       phone: int | None = None) -> None:
        if phone is None or phone < 0:
            phone = int(self.new_mobiles(rng, 1)[0])
        row = {"name": name, "bd": bd, "addr": addr, "add": add, "bank": -1, "acc": -1,
               "phone": phone, "email": "", "date": day_of(date),
               "kind": ALLOCATION_KINDS.index(kind), "handler": handler, "approver": approver,
               "unit": int(rng.integers(1, self.size.homes + 1)), "discount": -1, "tag": tag,
               "add_style": add_style}
        self.pending["alloc"].append(row)

    def add_declaration(self, tag: str, emp: int, kind: str, position: str, vfrom: dt.date, *,
                        org: int = -1, org_name: str = "", rel: int = -1, share=np.nan,
                        paid: str = "", vuntil: dt.date | None = None, status: str = "approved",
                        decided_on: dt.date | None = None, descr: str = "", rng=None) -> None:
        kvk = -1
        if org < 0:
            kvk = int(self.new_kvks(rng, 1)[0])
        decided_by = -1 if status == "pending" else int(self.emp.manager[emp])
        row = {"emp": emp, "rel": rel, "kind": kind, "org": org, "org_name": org_name,
               "position": position, "share": share, "paid": paid, "kvk": kvk,
               "vfrom": day_of(vfrom), "vuntil": day_of(vuntil) if vuntil else DAY_NA,
               "status": status, "decided_by": decided_by,
               "decided_on": day_of(decided_on) if decided_on else DAY_NA, "descr": descr,
               "tag": tag}
        self.pending["decl"].append(row)

    def add_officer(self, tag: str, org: int, name: str, role: str, bd: int,
                    vfrom: dt.date) -> None:
        row = {"org": org, "role": role, "name": name, "bd": bd, "vfrom": day_of(vfrom),
               "slot": "P", "vuntil": DAY_NA, "tag": tag}
        self.pending["off"].append(row)

    def add_gift(self, tag: str, emp: int, org: int, date: dt.date, kind: str, eur: float,
                 handed_in: str, reported: str, descr: str) -> None:
        row = {"emp": emp, "org": org, "date": day_of(date), "kind": kind,
               "cents": round(eur * 100), "handed_in": handed_in, "reported": reported,
               "descr": descr, "tag": tag}
        self.pending["gift"].append(row)

    def plant(self) -> None:
        """The planted conflicts and the look-alikes, the same in every size."""
        c, oc, e, o, v = self.cast, self.ocast, self.emp, self.org, self.v
        rng = self.rng("planted")
        D = dt.date
        lambda i: str(e.name[i])
        lambda i: str(o.name[i])

        def kvk_style(g, s, initials=False):
            first = v.given_init[g] if initials else v.given[g]
            return f"{v.sur_core[s]}, {first}{v.sur_tv_suffix[s]}"

        # P01 self_interest, declared: the handler holds shares in the supplier
        self.add_declaration("P01", c["H1"], "financial_interest", "aandeelhouder",
                             D(2019, 5, 1), org=oc["O1"], share=30.0, paid="nee",
                             decided_on=D(2019, 5, 20), descr="Aandelen familiebedrijf")
        self.add_contract("P01", D(2024, 3, 12), oc["O1"], "purchase_order", 8_450.00,
                          c["H1"], description="Vervangen mechanische ventilatie complex 214")
        # P02/P03 self_interest, undeclared: the approving manager is bestuurder in the KvK
        a1 = c["A1"]
        self.add_officer("P03", oc["O2"], kvk_style(int(e.g[a1]), int(e.s[a1]), True),
                         "bestuurder", int(e.bd[a1]), D(2016, 9, 1))
        self.add_contract("P02", D(2024, 5, 21), oc["O2"], "contract", 38_500.00, c["hP1b"],
                          a1, description="Raamovereenkomst klein onderhoud 2024")
        # P04 relative_interest, declared: the handler's son or daughter runs the supplier
        child = self.add_relative(rng, c["H2"], "child", int(rng.integers(0, 2)),
                                  s=int(e.s[c["H2"]]), age=(26, 31), home=False, tag="P04")
        self.add_declaration("P04", c["H2"], "position", "directeur", D(2021, 1, 1),
                             org=oc["O3"], rel=child, decided_on=D(2021, 1, 18),
                             descr="Kind is directeur")
        self.add_contract("P04", D(2024, 6, 4), oc["O3"], "purchase_order", 9_840.50,
                          c["H2"], description="Herstel voegwerk Lijsterlaan")
        # P05/P06 relative_interest, undeclared: the approving manager's partner in the KvK
        a2 = c["A2"]
        partner = self.add_relative(rng, a2, "partner", 1 - int(e.sex[a2]),
                                    age=(e.age[a2] - 4, e.age[a2] + 3), home=True, tag="P05")
        self.add_officer("P06", oc["O4"], kvk_style(int(self.rel.g[partner]),
                                                    int(self.rel.s[partner])),
                         "bestuurder", int(self.rel.bd[partner]), D(2018, 2, 1))
        self.add_contract("P05", D(2024, 9, 17), oc["O4"], "contract", 64_250.00, c["hP2b"],
                          a2, description="Vervangen dakgoten complex 318")
        # P07 allocation_to_self: a rental clerk allocates a home to themself
        h3 = c["H3"]
        self.add_allocation("P07", D(2024, 4, 9), "rental", h3, -1,
                            kvk_style(int(e.g[h3]), int(e.s[h3])), int(e.bd[h3]),
                            int(e.addr[h3]), str(e["add"][h3]), rng, phone=int(e.phone[h3]))
        # P08 allocation_to_relative: an urgency decision for the approver's own child
        a3 = c["A3"]
        kid = self.add_relative(rng, a3, "child", int(rng.integers(0, 2)), s=int(e.s[a3]),
                                age=(21, 25), home=False, tag="P08")
        self.add_allocation("P08", D(2024, 7, 2), "urgency", c["hP4"], a3, self.rel_name(kid),
                            int(self.rel.bd[kid]), int(self.rel.addr[kid]),
                            str(self.rel["add"][kid]), rng)
        # P09 shared_identifier: the supplier's bank account is the handler's own
        o.loc[oc["O5"], "bank"] = e.bank[c["H4"]]
        o.loc[oc["O5"], "acc"] = e.acc[c["H4"]]
        self.add_contract("P09", D(2024, 10, 8), oc["O5"], "invoice", 7_260.00, c["H4"],
                          description="Meerwerk herstel na lekkage Kastanjelaan")
        # P10 shared_identifier: the applicant lives at the handler's address (undeclared)
        h5 = c["H5"]
        if str(e["add"][h5]) == "":
            e.loc[h5, "add"] = "B"
            self.rel.loc[(self.rel.emp.to_numpy() == h5) & self.rel.home.to_numpy().astype(
                bool), "add"] = "B"
        psex = 1 - int(e.sex[h5])
        pg, ps = self.names(rng, np.array([int(e.bg[h5])]), np.array([psex]))
        while v.sur_key[int(ps[0])] == v.sur_key[int(e.s[h5])]:
            pg, ps = self.names(rng, np.array([int(e.bg[h5])]), np.array([psex]))
        pbd = int(_cls(int(e.bd[h5]) + int(rng.integers(-900, 900)), 2))
        self.add_allocation("P10", D(2024, 11, 5), "rental", h5, -1,
                            f"{v.given[int(pg[0])]} {v.sur_full[int(ps[0])]}", pbd,
                            int(e.addr[h5]), str(e["add"][h5]), rng, add_style=1)
        # P11 gift_before_decision: a trip 60 days before the director approves the award
        self.add_gift("P11", c["A4"], oc["O6"], D(2024, 6, 28), "trip", 450.00, "nee", "ja",
                      "Studiereis Barcelona (2 dagen)")
        self.add_contract("P11", D(2024, 8, 27), oc["O6"], "tender_award", 1_240_000.00,
                          c["hP6"], c["A4"], description="Gunning renovatie 96 woningen "
                          "Händelstraat")
        # P12 undeclared_interest: a parent is commissaris; no decision involved
        parent = self.add_relative(rng, c["E7"], "parent", 1, age=(e.age[c["E7"]] + 26,
                                                                   e.age[c["E7"]] + 32),
                                   home=False, given2=True, tag="P12")
        r = self.rel
        g2 = int(r.g2[parent])
        init = v.given_init[int(r.g[parent])] + v.given_init[g2]
        self.add_officer("P12", oc["O7"], f"{init} {v.sur_full[int(r.s[parent])]}",
                         "commissaris", int(r.bd[parent]), D(2020, 3, 1))
        # P13/P14 unapproved_side_function
        self.add_declaration("P13", c["E8"], "side_function", "bestuurslid", D(2024, 2, 1),
                             org_name="Stichting Wijkcentrum De Linde", paid="ja",
                             status="pending", rng=rng, descr="Bestuurslid, 4 uur per maand")
        self.add_declaration("P14", c["E9"], "own_business", "eigenaar", D(2023, 9, 1),
                             org_name=f"Klusbedrijf {v.sur_cap[int(e.s[c['E9']])]}",
                             paid="ja", status="rejected", decided_on=D(2023, 10, 2), rng=rng,
                             descr="Klussen in de regio; afgewezen, loopt door")
        # P15-P17 gift_rule_breach
        self.add_gift("P15", c["E10"], oc["Og9a"], D(2024, 9, 12), "money", 100.00, "nee",
                      "nee", "Envelop met contant geld")
        self.add_gift("P16", c["E11"], oc["Og9b"], D(2024, 12, 18), "gift", 150.00, "nee",
                      "ja", "Wijnpakket")
        self.add_gift("P17", c["E12"], oc["Og9c"], D(2024, 5, 11), "event", 95.00, "nee", "nee",
                      "VIP-arrangement voetbalwedstrijd")
        # ---------------------------------------------------------------- decoys
        # X01 expired interest
        self.add_declaration("X01", c["H6"], "financial_interest", "aandeelhouder",
                             D(2015, 3, 1), org=oc["O8"], share=20.0, paid="nee",
                             vuntil=D(2023, 6, 30), decided_on=D(2015, 3, 20),
                             descr="Aandelen verkocht per 30-06-2023")
        self.add_contract("X01", D(2024, 2, 15), oc["O8"], "invoice", 4_312.75, c["H6"],
                          description="Onderhoud installaties gemeenschappelijke ruimten")
        # X02 former partner, bestuurder for years, the officer role declared
        h7 = c["H7"]
        ex = self.add_relative(rng, h7, "partner", 1 - int(e.sex[h7]),
                               age=(e.age[h7] - 4, e.age[h7] + 3), home=False,
                               vfrom=day_of(D(2006, 5, 1)), vuntil=day_of(D(2021, 8, 31)),
                               tag="X02")
        self.add_declaration("X02", h7, "position", "bestuurder", D(2019, 1, 15), org=oc["O9"],
                             rel=ex, decided_on=D(2019, 2, 4), descr="Partner is bestuurder")
        self.add_officer("X02", oc["O9"], self.rel_name(ex), "bestuurder",
                         int(self.rel.bd[ex]), D(2014, 6, 1))
        self.add_contract("X02", D(2024, 3, 26), oc["O9"], "purchase_order", 6_980.00, h7,
                          description="Vervangen hang- en sluitwerk Merelstraat")
        # X03 namesake: an applicant with a relative's name, other birth date and address
        h8 = c["H8"]
        if e.age[h8] >= 40:  # a grown-up child who might look for a home
            rel8 = self.add_relative(rng, h8, "child", int(rng.integers(0, 2)), s=int(e.s[h8]),
                                     age=(19, min(24, e.age[h8] - 21)), home=False, tag="X03")
        else:
            rel8 = self.add_relative(rng, h8, "parent", 0, s=int(e.s[h8]),
                                     age=(e.age[h8] + 25, e.age[h8] + 32), home=False,
                                     tag="X03")
        nk, na = self.new_addresses(rng, self.cities(rng, 1, 0.9))
        nbd = int(_cls(int(self.rel.bd[rel8]) - int(rng.integers(3000, 9000)), 2))
        self.add_allocation("X03", D(2024, 5, 14), "rental", h8, -1, self.rel_name(rel8), nbd,
                            int(nk[0]), str(na[0]), rng)
        # X04 gift after the decision
        h12 = c["H12"]
        self.add_contract("X04a", D(2024, 1, 23), oc["O10"], "invoice", 2_150.00, h12,
                          description="Ontstoppen riolering Rozenstraat")
        self.add_contract("X04", D(2024, 4, 16), oc["O10"], "invoice", 3_475.20, h12,
                          description="Rioolinspectie complex 402")
        self.add_gift("X04", h12, oc["O10"], D(2024, 12, 13), "gift", 20.00, "nee", "ja",
                      "Kerstpakket")
        # X05 neighbour: same postcode, another house number
        h9 = c["H9"]
        pc4, li, hn = _addr_split(np.array([int(e.addr[h9])]))
        for step in (2, 4, 6, 1, 3, 8, 10, 12, 14, 16):
            nkey = int(_addr_key(pc4, li, hn + step)[0])
            if self.addresses.claim(nkey):
                break
        else:  # pragma: no cover
            raise RuntimeError("no free neighbouring address")
        ng, ns = self.names(rng, np.array([0]), np.array([int(rng.integers(0, 2))]))
        while v.sur_key[int(ns[0])] == v.sur_key[int(e.s[h9])]:
            ng, ns = self.names(rng, np.array([0]), np.array([int(rng.integers(0, 2))]))
        self.add_allocation("X05", D(2024, 8, 13), "rental", h9, -1,
                            f"{v.given[int(ng[0])]} {v.sur_full[int(ns[0])]}",
                            int(_cls(int(rng.integers(END - _years(70), END - _years(20))), 2)),
                            nkey, "", rng)
        # X06 colleague without a link
        self.add_declaration("X06", c["Y"], "financial_interest", "aandeelhouder",
                             D(2020, 4, 1), org=oc["O11"], share=5.0, paid="nee",
                             decided_on=D(2020, 4, 22), descr="Belang via familie")
        self.add_contract("X06", D(2024, 10, 22), oc["O11"], "invoice", 5_600.00, c["H10"],
                          description="Periodiek onderhoud installaties complex 127")
        # X07 sibling in the KvK (declared); siblings are not family by default
        h11 = c["H11"]
        sib = self.add_relative(rng, h11, "sibling", int(rng.integers(0, 2)), s=int(e.s[h11]),
                                age=(e.age[h11] + 2, e.age[h11] + 7), home=False, tag="X07")
        self.add_declaration("X07", h11, "position", "directeur", D(2018, 9, 1), org=oc["O12"],
                             rel=sib, decided_on=D(2018, 9, 14), descr="Broer/zus is directeur")
        self.add_officer("X10", oc["O12"], kvk_style(int(self.rel.g[sib]), int(self.rel.s[sib])),
                         "bestuurder", int(self.rel.bd[sib]), D(2017, 5, 1))
        self.add_contract("X07", D(2024, 6, 18), oc["O12"], "purchase_order", 8_900.00, h11,
                          description="Schilderwerk trappenhuizen Vondelstraat")
        # X08 approved side function
        self.add_declaration("X08", c["E14"], "side_function", "penningmeester",
                             D(2022, 9, 1), org_name="Voetbalvereniging Lunetten", paid="nee",
                             decided_on=D(2022, 9, 19), rng=rng,
                             descr="Penningmeester, onbetaald")
        # X09 small gift not handed in
        self.add_gift("X09", c["E15"], oc["Og15"], D(2024, 12, 16), "gift", 20.00, "nee", "",
                      "Kerstpakket")
        self.say("planted: 17 cases, 10 decoys")

    # ------------------------------------------------------------------ writing

    def dedupe_emails(self) -> None:
        """One address per person or organization: clashes get a number (jan.jansen2@...)."""
        frames = [self.emp, self.rel, self.alloc, self.org]
        allm = pd.Series(np.concatenate([f.email.to_numpy(dtype=object) for f in frames]))
        for _ in range(20):
            dup = allm.duplicated() & (allm != "")
            if not dup.any():
                break
            nth = allm.groupby(allm).cumcount() + 1
            parts = allm[dup].str.split("@", n=1)
            allm[dup] = [f"{p[0]}{k}@{p[1]}" for p, k in zip(parts, nth[dup])]
        start = 0
        for f in frames:
            f["email"] = allm.iloc[start:start + len(f)].to_numpy(dtype=object)
            start += len(f)

    def finish_ids(self) -> None:
        """Sort the tables as exports are sorted and give every row its identifier."""
        for name, rows in self.pending.items():
            if rows:
                frame = getattr(self, name)
                setattr(self, name, pd.concat([frame, pd.DataFrame(rows)], ignore_index=True))
        self.dedupe_emails()
        e, o = self.emp, self.org
        self.emp_id = _ids("E", len(e), 4)
        self.org_id = _ids("O", len(o), 5)
        r = self.rel
        rank = {"partner": 0, "child": 1, "parent": 2, "sibling": 3, "parent_in_law": 4}
        r["rank"] = r.relation.map(rank).astype(np.int64)
        if "g2" not in r:
            r["g2"] = -1
        r["g2"] = r.g2.fillna(-1).astype(np.int64)
        self.rel = r.sort_values(["emp", "rank", "bd"], kind="stable").reset_index(drop=True)
        self.rel_id = _ids("R", len(self.rel), 5)
        # relatives were re-ordered: declarations point at them by position
        remap = np.empty(len(r), np.int64)
        remap[r.sort_values(["emp", "rank", "bd"], kind="stable").index.to_numpy()] = np.arange(
            len(r))
        d = self.decl
        d["rel"] = np.where(d.rel.to_numpy() >= 0, remap[np.maximum(d.rel.to_numpy(), 0)], -1)
        self.decl = d.sort_values(["vfrom"], kind="stable").reset_index(drop=True)
        self.decl_id = _ids("D", len(self.decl), 4)
        self.con = self.con.sort_values(["date"], kind="stable").reset_index(drop=True)
        self.con_id = _ids("C", len(self.con), 7)
        self.alloc = self.alloc.sort_values(["date"], kind="stable").reset_index(drop=True)
        self.alloc_id = _ids("A", len(self.alloc), 6)
        self.gift = self.gift.sort_values(["date"], kind="stable").reset_index(drop=True)
        self.gift_id = _ids("G", len(self.gift), 4)
        role_rank = {"bestuurder": 0, "commissaris": 1, "vennoot": 0, "eigenaar": 0,
                     "aandeelhouder": 2, "ubo": 3}
        off = self.off
        off["rank"] = off.role.map(role_rank).astype(np.int64)
        off["kvk"] = o.kvk.to_numpy()[off.org.to_numpy()]
        self.off = off.sort_values(["kvk", "rank", "vfrom"], kind="stable").reset_index(drop=True)

    def addr_cols(self, keys: np.ndarray, adds: np.ndarray):
        v = self.v
        keys = np.asarray(keys, np.int64)
        ok = keys >= 0
        pc4, li, hn = _addr_split(np.where(ok, keys, 0))
        letters = np.array(LETTER_PAIRS, object)[li]
        biz = li >= ADDR_LI_BUSINESS
        street = np.where(biz, v.bus_streets[(pc4 * 17 + li) % len(v.bus_streets)],
                          v.res_streets[(pc4 * 31 + li) % len(v.res_streets)])
        city = v.cities[np.maximum(v.pc4_city[pc4], 0)]
        blank = np.full(len(keys), "", object)
        return {
            "street": np.where(ok, street, blank),
            "number": np.where(ok, hn.astype(str).astype(object),
                                                                blank),
            "pc4": np.where(ok, pc4.astype(str).astype(object), blank),
            "letters": np.where(ok, letters, blank), "city": np.where(ok, city, blank),
            "add": np.where(ok, np.asarray(adds, object), blank), "ok": ok,
        }

    def phones(self, keys: np.ndarray, style: np.ndarray) -> np.ndarray:
        """Mobile keys -> ``06-12345678`` and variants; landline keys -> ``030-1234567``."""
        keys = np.asarray(keys, np.int64)
        out = np.full(len(keys), "", object)
        mob = (keys >= 0) & ((keys < 10**9) | (keys >= 10**12))
        mk = np.where(keys >= 10**12, keys - 10**12, keys)[mob]
        digits = _sa(mk.astype(str))
        st = np.asarray(style)[mob]
        forms = [
            np.strings.add("06-", digits), np.strings.add("06 ", digits),
            np.strings.add("+31 6 ", digits), np.strings.add("06", digits),
        ]
        out[mob] = np.choose(st % 4, [f.astype(object) for f in forms])
        land = (keys >= 10**9) & (keys < 10**12)
        if land.any():
            city = (keys[land] - 10**9) // 10**7
            sub = (keys[land] % 10**7).astype(str).astype(object)
            out[land] = _cat(self.v.city_area[city], "-", sub)
        return out

    def write(self, data: Path) -> dict[str, int]:
        v, e, o = self.v, self.emp, self.org
        rng = self.rng("formats")
        counts: dict[str, int] = {}

        # employees.csv: Windows-1252, ';', Dutch dates, spaced IBANs, '1234ab' postcodes
        n = len(e)
        a = self.addr_cols(e.addr.to_numpy(), e["add"].to_numpy())
        pc = np.where(rng.random(n) < 0.2, _cat(a["pc4"], np.strings.lower(_sa(a["letters"]))),
                      _cat(a["pc4"], " ", a["letters"]))
        iban = iban_spaced(iban_compact(e.bank.to_numpy(), e.acc.to_numpy()))
        mgr_id = self.emp_id[e.manager.to_numpy()]
        counts["employees"] = write_csv(
            data / "employees.csv",
            ["employee_id", "name", "role", "department", "functie", "leidinggevende",
             "employed_from", "employed_until", "birth_date", "street", "house_number",
             "house_number_addition", "postcode", "city", "iban", "email", "phone"],
            [self.emp_id, e.name.to_numpy(), e.role.to_numpy(), e.dept.to_numpy(),
             e.title.to_numpy(), np.where(e.role.to_numpy() == "supervisory_board", "", mgr_id),
             fmt_days(e.emp_from.to_numpy(), "nl"), fmt_days(e.emp_until.to_numpy(), "nl"),
             fmt_days(e.bd.to_numpy(), "nl"), a["street"], a["number"], a["add"], pc, a["city"],
             iban, e.email.to_numpy(), self.phones(e.phone.to_numpy(), np.zeros(n, int))],
            sep=";", encoding="cp1252", newline="\r\n")

        # relatives.csv: UTF-8 with BOM, ';', dates 1-3-1975, additions glued to the number
        r = self.rel
        n = len(r)
        a = self.addr_cols(r.addr.to_numpy(), r["add"].to_numpy())
        glue = rng.random(n) < 0.6
        sep_add = np.where(np.char.str_len(a["add"].astype(str)) > 1, " ", "")
        sep_add = np.where(np.char.isdigit(a["add"].astype(str)), "-", sep_add)
        glued = _cat(a["number"], sep_add.astype(object), a["add"])
        has_add = a["add"] != ""
        number = np.where(glue & has_add, glued, a["number"])
        addition = np.where(glue & has_add, "", a["add"])
        gname = v.given[r.g.to_numpy()].copy()
        m2 = r.g2.to_numpy() >= 0
        gname[m2] = _cat(gname[m2], " ", v.given[r.g2.to_numpy()[m2]])
        name = self.full_names(r.g.to_numpy(), r.s.to_numpy(), r.s2.to_numpy())
        name[m2] = _cat(gname[m2], " ", v.sur_full[r.s.to_numpy()[m2]])
        counts["relatives"] = write_csv(
            data / "relatives.csv",
            ["relative_id", "employee_id", "relation", "name", "birth_date", "valid_from",
             "valid_until", "street", "house_number", "house_number_addition", "postcode",
             "city", "phone", "email"],
            [self.rel_id, self.emp_id[r.emp.to_numpy()], r.relation.to_numpy(), name,
             fmt_days(r.bd.to_numpy(), "nl_short"), fmt_days(r.vfrom.to_numpy(), "nl_short"),
             fmt_days(r.vuntil.to_numpy(), "nl_short"), a["street"], number, addition,
             _cat(a["pc4"], " ", a["letters"]), a["city"],
             self.phones(r.phone.to_numpy(), np.ones(n, int)), r.email.to_numpy()],
            sep=";", encoding="utf-8-sig")

        # organizations: xlsx (KvK numbers as numbers lose their leading zero) or CSV
        n = len(o)
        a = self.addr_cols(o.addr.to_numpy(), o["add"].to_numpy())
        kvk8 = np.strings.zfill(o.kvk.to_numpy().astype(S), 8).astype(object)
        kstyle = rng.choice(3, n, p=[0.55, 0.3, 0.15])  # text, number, "1234 5678"
        spaced = _cat(np.strings.slice(_sa(kvk8), 0, 4), " ", np.strings.slice(_sa(kvk8), 4, 8))
        ib = iban_compact(o.bank.to_numpy(), o.acc.to_numpy())
        istyle = rng.choice(3, n, p=[0.5, 0.3, 0.2])
        istyle[self.ocast["O5"]] = 2  # the planted IBAN: written unlike the employee's
        ib = np.where(istyle == 1, iban_spaced(ib),
                      np.where(istyle == 2, np.strings.lower(_sa(ib)).astype(object), ib))
        crediteur = _cat("CR", np.strings.zfill((o.index.to_numpy() * 7 + 10_007).astype(S), 6))
        header = ["org_id", "name", "kvk_number", "org_type", "street", "house_number",
                  "house_number_addition", "postcode", "city", "iban", "email", "phone",
                  "crediteurnummer"]
        phone = self.phones(o.phone.to_numpy(), np.zeros(n, int))
        pcs = _cat(a["pc4"], " ", a["letters"])
        if self.size.spreadsheets:
            kv = [int(k) if st == 1 else (s if st == 2 else k8)
                  for k, k8, s, st in zip(o.kvk.tolist(), kvk8.tolist(), spaced.tolist(),
                                          kstyle.tolist())]
            num = [int(x) for x in a["number"].tolist()]
            rows = list(zip(self.org_id.tolist(), o.name.tolist(), kv, o.org_type.tolist(),
                            a["street"].tolist(), num, [x or None for x in a["add"].tolist()],
                            pcs.tolist(), a["city"].tolist(), ib.tolist(),
                            [x or None for x in o.email.tolist()],
                            [x or None for x in phone.tolist()], crediteur.tolist()))
            counts["organizations"] = write_xlsx(data / "organizations.xlsx", header, rows,
                                                 sheet="Crediteuren")
        else:
            kv = np.where(kstyle == 1, o.kvk.to_numpy().astype(str).astype(object),
                          np.where(kstyle == 2, spaced, kvk8))
            counts["organizations"] = write_csv(
                data / "organizations.csv", header,
                [self.org_id, o.name.to_numpy(), kv, o.org_type.to_numpy(), a["street"],
                 a["number"], a["add"], pcs, a["city"], ib, o.email.to_numpy(), phone,
                 crediteur], sep=",", encoding="utf-8")

        # officers.csv: UTF-8, ',', ISO dates; the line number is the evidence
        off = self.off
        counts["officers"] = write_csv(
            data / "officers.csv",
            ["kvk_number", "name", "role", "birth_date", "valid_from", "valid_until"],
            [np.strings.zfill(off.kvk.to_numpy().astype(S), 8).astype(object),
             off.name.to_numpy(), off.role.to_numpy(), fmt_days(off.bd.to_numpy(), "iso"),
             fmt_days(off.vfrom.to_numpy(), "iso"), fmt_days(off.vuntil.to_numpy(), "iso")],
            sep=",", encoding="utf-8")

        # declarations: xlsx with date cells (or CSV for large), status in mixed case
        d = self.decl
        n = len(d)
        st = d.status.to_numpy().copy()
        roll = rng.random(n)
        st = np.where(roll < 0.25, np.strings.capitalize(_sa(st)).astype(object), st)
        st = np.where(roll > 0.95, np.strings.upper(_sa(st)).astype(object), st)
        rel_id = np.where(d.rel.to_numpy() >= 0, self.rel_id[np.maximum(d.rel.to_numpy(), 0)],
                          "")
        org_id = np.where(d.org.to_numpy() >= 0, self.org_id[np.maximum(d.org.to_numpy(), 0)],
                          "")
        kvk = np.where(d.kvk.to_numpy() >= 0,
                       np.strings.zfill(np.maximum(d.kvk.to_numpy(), 0).astype(S), 8).astype(
                           object), "")
        dec_by = np.where(d.decided_by.to_numpy() >= 0,
                          self.emp_id[np.maximum(d.decided_by.to_numpy(), 0)], "")
        header = ["declaration_id", "employee_id", "relative_id", "org_id", "org_name",
                  "kvk_number", "kind", "position", "share_pct", "paid", "valid_from",
                  "valid_until", "status", "decided_by", "decided_on", "omschrijving"]
        share = d.share.to_numpy(dtype=float)
        if self.size.spreadsheets:
            def day(x):
                return date_of(int(x))
            rows = [
                (i, em, rl or None, og or None, on or None, kv or None, k, p,
                 None if np.isnan(sh) else float(sh), pd_ or None, day(vf), day(vu), s_,
                 db or None, day(do), ds or None)
                for i, em, rl, og, on, kv, k, p, sh, pd_, vf, vu, s_, db, do, ds in zip(
                    self.decl_id.tolist(), self.emp_id[d.emp.to_numpy()].tolist(),
                    rel_id.tolist(), org_id.tolist(), d.org_name.tolist(), kvk.tolist(),
                    d.kind.tolist(), d.position.tolist(), share.tolist(), d.paid.tolist(),
                    d.vfrom.tolist(), d.vuntil.tolist(), st.tolist(), dec_by.tolist(),
                    d.decided_on.tolist(), d.descr.tolist())
            ]
            counts["declarations"] = write_xlsx(data / "declarations.xlsx", header, rows,
                                                sheet="Integriteitsregister")
        else:
            sh = np.where(np.isnan(share), "", np.char.replace(
                np.round(np.nan_to_num(share), 1).astype(str), ".", ",")).astype(object)
            counts["declarations"] = write_csv(
                data / "declarations.csv", header,
                [self.decl_id, self.emp_id[d.emp.to_numpy()], rel_id, org_id,
                 d.org_name.to_numpy(), kvk, d.kind.to_numpy(), d.position.to_numpy(), sh,
                 d.paid.to_numpy(), fmt_days(d.vfrom.to_numpy(), "nl"),
                 fmt_days(d.vuntil.to_numpy(), "nl"), st, dec_by,
                 fmt_days(d.decided_on.to_numpy(), "nl"), d.descr.to_numpy()],
                sep=";", encoding="utf-8-sig")

        # contracts.csv: Windows-1252, ';', Dutch amounts with and without the euro sign
        c = self.con
        n = len(c)
        # every text a template can give, once: (template, complex number or street)
        texts = []
        for t_ in self.desc_templates:
            if "{n}" in t_:
                texts += [t_.replace("{n}", str(x)) for x in range(1000)]
            elif "{street}" in t_:
                texts += [t_.replace("{street}", x) for x in v.res_streets] + [t_] * (
                    1000 - len(v.res_streets))
            else:
                texts += [t_] * 1000
        has_n = np.array(["{n}" in t_ for t_ in self.desc_templates])
        arg = np.where(has_n[c.tpl.to_numpy()], c.cx.to_numpy(), c.street.to_numpy())
        desc = np.array(texts, object)[c.tpl.to_numpy() * 1000 + arg]

        def emp_or_blank(x: np.ndarray) -> np.ndarray:
            return np.where(x >= 0, self.emp_id[np.maximum(x, 0)], "")

        counts["contracts"] = write_csv(
            data / "contracts.csv",
            ["decision_id", "kind", "org_id", "amount_eur", "decision_date", "handled_by",
             "approved_by", "requested_by", "description"],
            [self.con_id, np.array(CONTRACT_KINDS, object)[c.kind.to_numpy()],
             self.org_id[c.org.to_numpy()],
             fmt_cents(c.cents.to_numpy(), rng.random(n) < 0.3),
             fmt_days(c.date.to_numpy(), "nl"), self.emp_id[c.handler.to_numpy()],
             emp_or_blank(c.approver.to_numpy()), emp_or_blank(c.requester.to_numpy()),
             desc],
            sep=";", encoding="cp1252", newline="\r\n")

        # allocations.csv: UTF-8, ',', ISO dates, applicant details as the system has them
        al = self.alloc
        n = len(al)
        a = self.addr_cols(al.addr.to_numpy(), al["add"].to_numpy())
        add_style = al.add_style.fillna(0).to_numpy(dtype=np.int64) if "add_style" in al \
            else np.zeros(n, np.int64)
        glue = (rng.random(n) < 0.7) | (add_style == 1)
        low = np.strings.lower(_sa(a["add"])).astype(object)
        number = np.where(glue & (a["add"] != ""),
                          _cat(a["number"], np.where(np.char.isdigit(a["add"].astype(str)), "-",
                                                     "").astype(object), low), a["number"])
        addition = np.where(glue, "", a["add"])
        ib = np.where(al.bank.to_numpy() >= 0, iban_compact(np.maximum(al.bank.to_numpy(), 0),
                                                            np.maximum(al.acc.to_numpy(), 0)),
                      "")
        counts["allocations"] = write_csv(
            data / "allocations.csv",
            ["decision_id", "kind", "decision_date", "handled_by", "approved_by", "unit_id",
             "applicant_name", "applicant_birth_date", "applicant_street",
             "applicant_house_number", "applicant_house_number_addition", "applicant_postcode",
             "applicant_city", "applicant_iban", "applicant_email", "applicant_phone",
             "discount_eur"],
            [self.alloc_id, np.array(ALLOCATION_KINDS, object)[al.kind.to_numpy()],
             fmt_days(al.date.to_numpy(), "iso"), self.emp_id[al.handler.to_numpy()],
             emp_or_blank(al.approver.to_numpy()),
             _cat("VHE", np.strings.zfill(al.unit.to_numpy().astype(S), 6)),
             al.name.to_numpy(), fmt_days(al.bd.to_numpy(), "iso"), a["street"], number,
             addition, _cat(a["pc4"], a["letters"]), a["city"], ib, al.email.to_numpy(),
             self.phones(al.phone.to_numpy(), rng.integers(0, 4, n)),
             np.where(al.discount.to_numpy() >= 0,
                      fmt_cents(np.maximum(al.discount.to_numpy(), 0), style="plain"), "")],
            sep=",", encoding="utf-8")

        # gifts.csv: UTF-8, ';', values '€ 45,00', booleans ja/nee
        gf = self.gift
        n = len(gf)
        val = np.where(gf.cents.to_numpy() >= 0,
                       fmt_cents(np.maximum(gf.cents.to_numpy(), 0), np.ones(n, bool)), "")
        counts["gifts"] = write_csv(
            data / "gifts.csv",
            ["gift_id", "employee_id", "org_id", "org_name", "date", "kind", "value_eur",
             "handed_in", "reported", "description"],
            [self.gift_id, self.emp_id[gf.emp.to_numpy()], self.org_id[gf.org.to_numpy()],
             o.name.to_numpy()[gf.org.to_numpy()], fmt_days(gf.date.to_numpy(), "slash"),
             gf.kind.to_numpy(), val, gf.handed_in.to_numpy(), gf.reported.to_numpy(),
             gf.descr.to_numpy()],
            sep=";", encoding="utf-8")
        return dict(sorted(counts.items()))

    # ------------------------------------------------------------------ manifest

    def manifest_rows(self) -> tuple[list[dict], list[dict]]:
        e, o, c, oc = self.emp, self.org, self.cast, self.ocast
        con_tag = np.array(self.con_tags + [""], object)[self.con.tag.to_numpy()]
        con_at = {t: str(self.con_id[i]) for i, t in enumerate(con_tag.tolist()) if t}
        alloc_at = {t: str(self.alloc_id[i]) for i, t in enumerate(self.alloc.tag.tolist())
                    if t}
        decl_at = {t: str(self.decl_id[i]) for i, t in enumerate(self.decl.tag.tolist()) if t}
        gift_at = {t: str(self.gift_id[i]) for i, t in enumerate(self.gift.tag.tolist()) if t}
        off_at = {t: i + 2 for i, t in enumerate(self.off.tag.tolist()) if t}
        E = lambda k: str(self.emp_id[c[k]])
        O = lambda k: f"organization:{self.org_id[oc[k]]}"
        en = lambda k: f"{e.name[c[k]]} ({E(k)})"
        on = lambda k: f"{o.name[oc[k]]} ({self.org_id[oc[k]]})"
        rel = self.rel
        rname = {t: self.rel_name(i) for i, t in enumerate(rel.tag.tolist()) if t}
        rrel = {t: r_.replace("_", "-") for t, r_ in zip(rel.tag.tolist(), rel.relation.tolist())
                if t}

        def case(i, rule, subj, cp, story, decision="", record=""):
            return {"id": i, "rule": rule, "decision_id": decision, "record": record,
                    "subject_id": E(subj), "counterparty": cp, "story": story}

        def app(t):
            return f"applicant:{alloc_at[t]}"

        cases = [
            case("P01", "self_interest", "H1", O("O1"),
                 f"{en('H1')} holds a declared and approved 30% share in {on('O1')} and "
                 f"handled a purchase order with it.", con_at["P01"]),
            case("P02", "self_interest", "A1", O("O2"),
                 f"{en('A1')} approved a EUR 38,500 contract with {on('O2')}, where the KvK "
                 f"lists them as bestuurder (written with initials); nothing was declared.",
                 con_at["P02"]),
            case("P03", "undeclared_interest", "A1", O("O2"),
                 f"The KvK lists {en('A1')} as bestuurder of {on('O2')} without a declaration.",
                 record=f"officers:{off_at['P03']}"),
            case("P04", "relative_interest", "H2", O("O3"),
                 f"{en('H2')} handled a purchase order with {on('O3')}, whose director is their "
                 f"child {rname['P04']} (declared and approved).", con_at["P04"]),
            case("P05", "relative_interest", "A2", O("O4"),
                 f"{en('A2')} approved a EUR 64,250 contract with {on('O4')}, where their "
                 f"partner {rname['P05']} is KvK bestuurder; not declared.", con_at["P05"]),
            case("P06", "undeclared_interest", "A2", O("O4"),
                 f"The partner of {en('A2')}, {rname['P05']}, is KvK bestuurder of {on('O4')} "
                 f"without a declaration.", record=f"officers:{off_at['P06']}"),
            case("P07", "allocation_to_self", "H3", app("P07"),
                 f"{en('H3')} handled the allocation of a home to themself, the applicant "
                 f"written as '{self.alloc.name[self.alloc.tag == 'P07'].iloc[0]}' with the same "
                 f"birth date.", alloc_at["P07"]),
            case("P08", "allocation_to_relative", "A3", app("P08"),
                 f"{en('A3')} approved an urgency allocation to their declared child "
                 f"{rname['P08']} (same name and birth date).", alloc_at["P08"]),
            case("P09", "shared_identifier", "H4", O("O5"),
                 f"{en('H4')} handled an invoice of {on('O5')}, whose IBAN is the handler's "
                 f"own account (written differently); no declaration.", con_at["P09"]),
            case("P10", "shared_identifier", "H5", app("P10"),
                 f"{en('H5')} allocated a home to an applicant who lives at the handler's own "
                 f"address, has another surname and is not a declared relative (an undeclared "
                 f"partner).", alloc_at["P10"]),
            case("P11", "gift_before_decision", "A4", O("O6"),
                 f"Director {en('A4')} accepted a EUR 450 study trip from {on('O6')} "
                 f"({gift_at['P11']}) 60 days before approving its EUR 1.24 million tender "
                 f"award.", con_at["P11"]),
            case("P12", "undeclared_interest", "E7", O("O7"),
                 f"The parent of {en('E7')}, {rname['P12']}, is KvK commissaris of {on('O7')} "
                 f"(written with initials); not declared, and {E('E7')} takes no decisions "
                 f"with it.", record=f"officers:{off_at['P12']}"),
            case("P13", "unapproved_side_function", "E8", "",
                 f"{en('E8')} declared a paid side function as bestuurslid that is still "
                 f"pending.", record=f"declarations:{decl_at['P13']}"),
            case("P14", "unapproved_side_function", "E9", "",
                 f"{en('E9')} runs an own business whose permission was rejected; it has not "
                 f"ended.", record=f"declarations:{decl_at['P14']}"),
            case("P15", "gift_rule_breach", "E10", O("Og9a"),
                 f"{en('E10')} accepted EUR 100 in cash from {on('Og9a')}.",
                 record=f"gifts:{gift_at['P15']}"),
            case("P16", "gift_rule_breach", "E11", O("Og9b"),
                 f"{en('E11')} kept a EUR 150 wine package from {on('Og9b')} without handing "
                 f"it in.", record=f"gifts:{gift_at['P16']}"),
            case("P17", "gift_rule_breach", "E12", O("Og9c"),
                 f"{en('E12')} went to a football match as guest of {on('Og9c')} without "
                 f"reporting the invitation.", record=f"gifts:{gift_at['P17']}"),
        ]
        decoys = [
            case("X01", "self_interest", "H6", O("O8"),
                 f"{en('H6')} sold their declared shares in {on('O8')} on 2023-06-30, before "
                 f"handling its invoice on 2024-02-15.", con_at["X01"]),
            case("X02", "relative_interest", "H7", O("O9"),
                 f"{en('H7')} handled a purchase order with {on('O9')}, whose bestuurder is "
                 f"their former partner {rname['X02']} (relation ended 2021-08-31; role "
                 f"declared).", con_at["X02"]),
            case("X03", "allocation_to_relative", "H8", app("X03"),
                 f"{en('H8')} handled an allocation to a namesake of their declared "
                 f"{rrel['X03']} {rname['X03']}: same name, another birth date and address.",
                 alloc_at["X03"]),
            case("X04", "gift_before_decision", "H12", O("O10"),
                 f"{en('H12')} received a EUR 20 Christmas package from {on('O10')} "
                 f"({gift_at['X04']}) in December, after their last decision with it in April.",
                 con_at["X04"]),
            case("X05", "shared_identifier", "H9", app("X05"),
                 f"{en('H9')} allocated a home to a neighbour: same postcode, another house "
                 f"number.", alloc_at["X05"]),
            case("X06", "self_interest", "H10", O("O11"),
                 f"{en('H10')} handled an invoice of {on('O11')}; the declared interest in it "
                 f"is their colleague {en('Y')}'s, who took no part.", con_at["X06"]),
            case("X07", "relative_interest", "H11", O("O12"),
                 f"{en('H11')} handled a purchase order with {on('O12')}, run by their sibling "
                 f"{rname['X07']} (declared); siblings are not family by default.",
                 con_at["X07"]),
            case("X08", "unapproved_side_function", "E14", "",
                 f"{en('E14')} has an approved side function as penningmeester.",
                 record=f"declarations:{decl_at['X08']}"),
            case("X09", "gift_rule_breach", "E15", O("Og15"),
                 f"{en('E15')} kept a EUR 20 Christmas package from {on('Og15')}: below the "
                 f"limit, so it need not be handed in.", record=f"gifts:{gift_at['X09']}"),
            case("X10", "undeclared_interest", "H11", O("O12"),
                 f"The KvK lists {en('H11')}'s sibling {rname['X07']} as bestuurder of "
                 f"{on('O12')}; the position is declared and approved.",
                 record=f"officers:{off_at['X10']}"),
        ]
        return cases, decoys


def generate(out_dir: str | Path, size: str = "small", seed: int = 7,
             progress: Callable[[str], None] | None = None) -> DemoResult:
    """Write a demo corporation to ``out_dir/data`` and its answer key to
    ``out_dir/planted.json``.

    ``size`` is one of :data:`SIZES` (``small``, ``medium``, ``large``).  The same size and
    seed give byte-identical files.  ``progress`` receives one line per step.

    >>> import tempfile
    >>> generate(tempfile.mkdtemp(), "small").counts["employees"]
    42
    """
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    t0 = time.perf_counter()
    out = Path(out_dir)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for old in data.iterdir():  # a smaller size must not leave a stale xlsx/csv twin
        if old.suffix in (".csv", ".xlsx") and old.stem in (
                "employees", "relatives", "organizations", "officers", "declarations",
                "contracts", "allocations", "gifts"):
            old.unlink()
    d = _Demo(SIZES[size], seed, progress)
    d.make_employees()
    d.make_relatives()
    d.make_organizations()
    d.make_officers()
    d.pick_cast()
    d.make_contracts()
    d.make_allocations()
    busy = d.involved_pairs()
    d.make_declarations(busy)
    d.make_gifts(busy)
    d.plant()
    d.finish_ids()
    counts = d.write(data)
    cases, decoys = d.manifest_rows()
    manifest = {
        "generator": "coi_graph.demo",
        "size": size,
        "seed": seed,
        "homes": SIZES[size].homes,
        "period": {"from": date_of(d.start).isoformat(), "to": PERIOD_END.isoformat()},
        "policy": "default",
        "counts": counts,
        "files": sorted(p.name for p in data.iterdir()),
        "cases": cases,
        "decoys": decoys,
    }
    path = out / "planted.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    d.say(f"done in {time.perf_counter() - t0:.1f} s")
    return DemoResult(data_dir=data, manifest_path=path, counts=counts, cases=cases,
                      decoys=decoys)
