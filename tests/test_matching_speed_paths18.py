"""The eighteenth session's shortcut in matching's columnar candidates gives what its plain
form gives.

The birth-date-and-place block keys (``ba``: a birth date with ``postcode|number``, ``bp``:
with the postcode, ``bh``: with the house number) of the probes and references are coded by
Arrow (``bulk._arrow_place_parts``, ``_RefSide.birth_place_codes``,
``bulk._birth_place_probe_codes``) instead of made as Python strings record by record and
coded by a dict (``_RefSide.birth_place_keys``, ``ProbeColumns.place_part``).  Checked here:
the parts are those of the string functions on every odd address key, and the candidates
of many seeded random probes (addresses of every shape, typos in the postcode and house
number, names that share nothing, so only the place keys let them through) are the same
either way, with and without support, refined or not.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from coi_graph.match import bulk, clear_caches
from coi_graph.match.compare import PersonRecord
from coi_graph.match.records import _reference_index

#: address keys of every shape the parts could be read differently on
ODD = ["1234AB|5|a", "1234AB|5|", "1234AB||", "|5|", "||", "|", "1234AB", "1234AB|5",
       "a||b", "x|y|z|w", "|7", "7|", "ĲSSEL|1|ß", "1234 AB|5 a|", "\u00a0|\u00a0|", "é|è|ê"]


def _python_parts(addr: list[str | None]) -> list[list[str | None]]:
    """What the Python code makes of each address: ``postcode|number`` and its two parts."""
    pcnr = [bulk._postcode_number(a) for a in addr]
    pcs, nrs = bulk._place_parts(pcnr)
    return [pcnr, pcs, nrs]


def test_place_parts_are_those_of_the_string_functions() -> None:
    addr = [*ODD, None, *ODD[::-1]]
    got = bulk._arrow_place_parts(addr)
    assert got is not None
    assert [a.to_pylist() for a in got] == _python_parts(addr)
    # a lone surrogate is not for Arrow: the Python way decides
    assert bulk._arrow_place_parts(["\udc80|1|"]) is None


def _people(rng: random.Random, n: int, prefix: str, surnames: list[str]) -> list[PersonRecord]:
    days = [dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(40)) for _ in range(12)]
    places = [f"{1000 + rng.randrange(6)}AB|{rng.randrange(1, 5)}|{rng.choice(['', 'a'])}"
              for _ in range(8)] + ODD
    out = []
    for i in range(n):
        r = rng.random()
        addr = None if r < 0.15 else rng.choice(places)
        if addr and rng.random() < 0.2:  # a typo in the postcode or the house number
            pcode, _, rest = addr.partition("|")
            addr = (pcode[::-1] + "|" + rest) if rng.random() < 0.5 else (pcode + "|9" + rest)
        name = f"{rng.choice('ABCDEFGH')}{i} {rng.choice(surnames)}{i if rng.random() < .7 else ''}"
        bd = None if rng.random() < 0.1 else rng.choice(days)
        out.append(PersonRecord(f"{prefix}{i}", name, bd, addr))
    return out


def _candidates(probes: list[PersonRecord], refs: tuple[PersonRecord, ...],
                support: bool, refine: bool) -> np.ndarray:
    clear_caches()  # a fresh reference side: its codes are made again
    _, _, coarse = _reference_index(refs, True)
    return coarse.candidates(probes, support, refine=refine)


@pytest.mark.parametrize("seed", range(6))
def test_candidates_are_those_of_the_python_place_keys(seed: int, monkeypatch) -> None:
    rng = random.Random(seed)
    refs = tuple(_people(rng, 400, "employee:E", ["Jansen", "Bakker", "Visser"]))
    probes = _people(rng, 1500, "applicant:A", ["Smit", "Mulder", "Bos"])
    taken = 0
    for support in (True, False):
        for refine in (True, False):
            fast = _candidates(probes, refs, support, refine)
            with monkeypatch.context() as m:
                m.setattr(bulk, "_arrow_place_parts", lambda addr: None)
                plain = _candidates(probes, refs, support, refine)
            assert fast.tolist() == plain.tolist()
            taken += int(fast.sum())
    clear_caches()
    # names that share no word with a reference: only the birth-date-and-place keys (and
    # the date-typo keys, which need a shared word) let a probe through
    assert taken > 0


def test_either_side_not_for_arrow_goes_the_python_way(monkeypatch) -> None:
    rng = random.Random(7)
    refs = list(_people(rng, 300, "employee:E", ["Jansen"]))
    probes = _people(rng, 400, "applicant:A", ["Smit"])
    want = [_candidates(probes, tuple(refs), True, True).tolist()]
    # a reference (then a probe) whose address Arrow cannot hold: that side the Python way
    odd_ref = PersonRecord("employee:X", "Q. Odd", refs[0].birth_date, "\udc80|1|")
    odd_probe = PersonRecord("applicant:X", "Q. Odd", refs[0].birth_date, "\udc80|1|")
    for r, p in ((tuple(refs + [odd_ref]), probes), (tuple(refs), probes + [odd_probe])):
        fast = _candidates(p, r, True, True)
        with monkeypatch.context() as m:
            m.setattr(bulk, "_arrow_place_parts", lambda addr: None)
            plain = _candidates(p, r, True, True)
        assert fast.tolist() == plain.tolist()
        want.append(fast.tolist())
    clear_caches()
    assert want[0] == want[1] and want[0] == want[2][:len(probes)]
