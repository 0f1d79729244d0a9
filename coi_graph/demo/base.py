"""The generator's state and the factories of identifiers and names shared by its parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from coi_graph.demo import names as V
from coi_graph.demo.arrays import (
    ADDITION_P,
    ADDITIONS,
    ADDR_LI_BUSINESS,
    S,
    UniquePool,
    addr_key,
    concat,
    day_class,
    sa,
)
from coi_graph.demo.formats import BANKS, day_of, elfproef_accounts
from coi_graph.demo.sizes import END, PERIOD_END, SIZES, DemoSize
from coi_graph.demo.vocab import vocab


class DemoBase:
    """The generator's state (the tables as they grow, the identifier pools) and the
    identifier and name factories every part uses.  The parts (people, organizations, cast,
    decisions, register, planted cases, look-alikes, writing, oracle) are mixins of this
    class, combined in :class:`coi_graph.demo.Demo`."""

    def __init__(self, size: DemoSize, seed: int, progress: Callable[[str], None] | None):
        self.size = size
        self.seed = seed
        self.say = progress or (lambda msg: None)
        self.v = vocab()
        self.start = day_of(dt.date(PERIOD_END.year - size.years + 1, 1, 1))
        days = np.arange(self.start, END + 1)
        holidays = [day_of(dt.date(y, m, d)) for y in range(PERIOD_END.year - size.years + 1,
                                                            PERIOD_END.year + 1)
                    for m, d in ((1, 1), (4, 27), (12, 25), (12, 26))]
        # 1970-01-01 was a Thursday
        self.workdays = days[(((days + 3) % 7) < 5) & ~np.isin(days, holidays)]
        self.addresses = UniquePool()
        self.ibans = UniquePool()
        self.mobiles = UniquePool()
        self.landlines = UniquePool()
        self.kvks = UniquePool()
        self.person_keys: set[tuple[int, int]] = set()
        self.pending: dict[str, list[dict]] = {"con": [], "alloc": [], "decl": [], "off": [],
                                               "gift": []}
        #: rows added after the random tables, numbered after them (see ``finish_ids``): the
        #: cases of :mod:`coi_graph.demo.networks` go here, so every earlier row keeps its id
        self.late: dict[str, list[dict]] = {"con": [], "alloc": [], "decl": [], "off": []}
        #: how many rows at the end of a table are late rows or new organizations
        self.n_late: dict[str, int] = {}
        #: where the row builders of :mod:`coi_graph.demo.planted` put their rows
        self.queue = self.pending

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
            return addr_key(pc4, li, hn)

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
                sur[m] = concat(v.sur_full[s2[m]], "-", sur[m])
        return concat(v.given[g], " ", sur)

    def emails(self, rng, g, s, p: float) -> np.ndarray:
        v = self.v
        n = len(g)
        style = rng.integers(0, 4, n)
        num = rng.integers(1, 99, n).astype(S)
        gs, ss = sa(v.given_slug[g]), sa(v.sur_slug[s])
        local = np.where(style == 0, np.strings.add(np.strings.add(gs, "."), ss),
                         np.where(style == 1, np.strings.add(gs, ss),
                                  np.where(style == 2, np.strings.add(
                                      np.strings.add(np.strings.slice(gs, 0, 1), "."), ss),
                                      np.strings.add(np.strings.add(gs, ss), num))))
        dom = sa(np.array(V.MAIL_DOMAINS, object)[rng.integers(0, len(V.MAIL_DOMAINS), n)])
        out = np.strings.add(np.strings.add(local, "@"), dom).astype(object)
        out[rng.random(n) >= p] = ""
        return out

    def hr_birth_dates(self, rng, lo_age: np.ndarray, hi_age: np.ndarray) -> np.ndarray:
        lo = END - (np.asarray(hi_age) * 365.25).astype(np.int64)
        hi = END - (np.asarray(lo_age) * 365.25).astype(np.int64)
        return day_class(rng.integers(lo, np.maximum(hi, lo + 3)), 0)
