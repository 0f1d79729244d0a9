"""The name, street and city vocabularies of :mod:`coi_graph.demo.names` as numpy arrays,
built once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from coi_graph.demo import names as V
from coi_graph.demo.formats import fold_ascii, slug


def surname_key(core: str) -> str:
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


def cp1252_ok(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Vocab:
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
def vocab() -> Vocab:
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
            [i for i in idx if cp1252_ok(given[i])]
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
        ok = np.array([cp1252_ok(core[i]) for i in idx])
        sgroups[(bgs.index(bg), True)] = (idx[ok], p[ok] / p[ok].sum())
    full = [f"{t} {c}" if t else c for t, c in zip(tv, core)]
    cap = [f"{t[0].upper()}{t[1:]} {c}" if t else c for t, c in zip(tv, core)]
    keys = [surname_key(c) for c in core]
    key_ids = {k: i for i, k in enumerate(sorted(set(keys)))}
    cities = [c[0] for c in V.CITIES]
    pc4_city = np.full(10_000, -1, np.int64)
    for i, (_, lo, hi, _) in enumerate(V.CITIES):
        pc4_city[lo:hi + 1] = i
    obj = functools.partial(np.array, dtype=object)
    return Vocab(
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
