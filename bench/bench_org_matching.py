"""Organization-matching benchmark (issue 10, points 5 and 6): free-text organization names
and KvK numbers, as declarations and gifts write them, against a vendor master.

This file's own seeded generator makes a Dutch housing corporation's vendor master (some
thousands of suppliers: bouwbedrijven, installateurs, schilders, schoonmaak, adviesbureaus,
holdings, stichtingen, coöperaties; legal forms, family names with ``van der``/``de``,
``Gebr.``, ``& Zn.``, place names; trade names (handelsnamen) on some) and labelled probes,
one block of ``--n`` (default 100) per variation type:

- positives (the probe names one organization of the master, written otherwise): legal
  form written otherwise or missing, word order, a trade name (also ``X h.o.d.n. Y``),
  abbreviations (``Bouwbedr.``, ``Install.``, ``Gebr.``/``Gebroeders``, ``en``/``&``), one
  or two typos, case/diacritics/punctuation/spaces, a place name added or left out,
  ``v.d.``/``van der``, a KvK number with spaces or without its leading zero, a
  ``KvK 12345678`` text or a 12-digit vestigingsnummer, a KvK number that contradicts the
  name (the number wins);
- hard negatives (must not match): a holding against its operating company, a family name
  in another trade, ``& Zonen`` against the firm without it (both in the master: the probe
  names one, the other is a wrong match), the same name with another KvK number, a name
  close to a common word set (``Schoonmaakbedrijf Noord`` against ``Schoonmaakbedrijf
  Noordwest``), names not in the master at all.

It prints a markdown table per block (n, match correct, matched wrong org, no match), the
overall recall (positives) and false-match rate (any probe matched to an organization it
does not name), and the CPU time of matching 1,500 free-text names (no KvK numbers) against
a master scaled to 50,000 suppliers.  ``--json FILE`` writes the figures.  A miss is a
figure, not an error::

    python bench/bench_org_matching.py [--seed 17] [--n 100] [--scale 50000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coi_graph.match.records import match_organizations  # noqa: E402
from coi_graph.policy import MatchingPolicy  # noqa: E402

# -- vocabulary -------------------------------------------------------------------------

FAMILIES = """Jansen Janssen de Vries van den Berg van Dijk Bakker Visser Smit Smits Meijer de Boer
Mulder de Groot Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer de Wit Dijkstra Smeets
de Graaf van der Meer van der Linden Kok Jacobs de Haan Vermeulen van den Heuvel van der Veen
van den Broek de Bruijn de Jong Schouten van Beek Willems van Vliet van de Ven Hoekstra Maas
Verhoeven Koster van Dam van der Wal Prins Blom Huisman Peeters de Jonge Kuipers van Veen Post
Kuiper Veenstra Kramer van den Brink Scholten van Wijk Postma Martens Vink de Ruiter Timmermans
Groen Gerritsen Jonker van Loon Boer van der Velde Willemsen Smeets Wouters Claassen Evers
van der Heijden Koning van Doorn Hermans Mertens Bosman Goossens van der Laan Wijnands Roos
Bouman Kroon Hofman Sanders Verbeek Molenaar Lammers Huijbers van Rijn Zwart Oosterhuis Pols
Staal Teunissen van Gelder Driessen Aalbers Bosch Hoogland Schippers van Essen Baas Stam
Çelik Yılmaz Öztürk El Amrani Bouzid Nguyen Wiersma Kooistra de Lange Hoogendoorn Rutten
van Houten Bijl van Zanten van der Steen Vos Hopman Ploeg Spijker Terpstra van 't Hof""".split("\n")


def _families() -> list[str]:
    out, words = [], " ".join(FAMILIES).split()
    i = 0
    while i < len(words):  # particles stay with the family name
        j = i
        while words[j] in ("de", "van", "den", "der", "'t"):
            j += 1
        out.append(" ".join(words[i:j + 1]))
        i = j + 1
    return sorted(set(out))


#: (long trade word before the family name, short trade word after it, abbreviation)
TRADES = [
    ("Bouwbedrijf", "Bouw", "Bouwbedr."), ("Installatiebedrijf", "Installatietechniek", "Install."),
    ("Schildersbedrijf", "Schilders", "Schildersbedr."), ("Schoonmaakbedrijf", "Schoonmaak", "Schoonmaakbedr."),
    ("Adviesbureau", "Advies", "Adviesbur."), ("Aannemersbedrijf", "Aannemers", "Aannemersbedr."),
    ("Dakdekkersbedrijf", "Dakwerken", "Dakdekkersbedr."), ("Hoveniersbedrijf", "Hoveniers", "Hoveniersbedr."),
    ("Loodgietersbedrijf", "Loodgieters", "Loodgietersbedr."), ("Elektrotechniek", "Elektro", "Elektrotechn."),
    ("Timmerbedrijf", "Timmerwerken", "Timmerbedr."), ("Ingenieursbureau", "Ingenieurs", "Ing.bureau"),
    ("Onderhoudsbedrijf", "Onderhoud", "Onderhoudsbedr."), ("Sloopbedrijf", "Sloopwerken", "Sloopbedr."),
    ("Stukadoorsbedrijf", "Stukadoors", "Stukadoorsbedr."), ("Glaszetterij", "Glas", "Glaszett."),
]
PLACES = ["Utrecht", "Amersfoort", "Zeist", "Nieuwegein", "Houten", "IJsselstein", "Woerden",
          "Veenendaal", "Rhenen", "Maarssen", "Bunnik", "Leusden", "Baarn", "Soest", "Vianen",
          "Culemborg", "Tiel", "Gouda", "Breukelen", "Driebergen", "Doorn", "Wijk bij Duurstede",
          "Montfoort", "Lopik", "Oudewater", "De Bilt", "Bilthoven", "Hilversum", "Almere", "Ede"]
#: (the short region in a probe, the longer one in the master): a name only close to a
#: common word set
REGIONS = [("Utrecht", "Utrechtse Heuvelrug"), ("Noord", "Noordwest"), ("West", "Westland"),
           ("Zuid", "Zuidoost"), ("Oost", "Oosterhout"), ("Midden", "Midden-Nederland"),
           ("Holland", "Hollands Kroon"), ("Amstel", "Amstelland"), ("Rijn", "Rijnmond"),
           ("Vecht", "Vechtstreek"), ("Eem", "Eemland"), ("Gooi", "Gooi en Vecht"),
           ("Lek", "Lekstroom"), ("Kromme Rijn", "Kromme Rijnstreek"), ("Veen", "Veenland")]
STICHTING_WORDS = ["Woonzorg", "Wijkbeheer", "Bewonersondersteuning", "Buurtwerk", "Energieloket",
                   "Schuldhulp", "Huurdersbelang", "Welzijn", "Speeltuinwerk", "Woonbegeleiding"]
COOP_WORDS = ["Zorgkracht", "Energie", "Bouwmaat", "Inkoop", "Duurzaam Wonen", "Wijkkracht"]
TRADE_NAME_WORDS = ["Renovatie", "Totaalonderhoud", "Vastgoedservice", "Klusservice",
                    "Verduurzaming", "Montage", "Projecten", "Service"]
LEGAL_BV = ["B.V.", "BV", "b.v.", "B.V", "Besloten Vennootschap", "bv", ""]


@dataclass
class Org:
    """One supplier, as parts the variations rewrite."""

    org_id: str
    kvk: str | None
    kind: str  # trade_first, family_first, gebr, zonen, place, stichting, coop, duo, holding, region
    family: str = ""
    trade: tuple[str, str, str] = ("", "", "")
    place: str = ""
    word: str = ""
    legal: str = ""
    trade_names: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return render(self)


def render(o: Org, legal: str | None = None, family: str | None = None, trade: str | None = None,
           place: str | None = None, gebr: str = "Gebr.", zonen: str = "& Zn.",
           order: bool = False) -> str:
    """The organization's name, parts replaced as a variation asks (``order``: the words
    in another, fixed order)."""
    legal = o.legal if legal is None else legal
    fam = o.family if family is None else family
    long_, short, _ = o.trade
    place_ = o.place if place is None else place
    if o.kind == "trade_first":
        parts = [trade or long_, fam] if not order else [fam, trade or long_]
    elif o.kind == "family_first":
        parts = [fam, trade or short] if not order else [trade or short, fam]
    elif o.kind == "gebr":
        parts = [gebr, fam, trade or short] if not order else [trade or short, gebr, fam]
    elif o.kind == "zonen":
        parts = [trade or long_, fam, zonen] if not order else [fam, zonen, trade or long_]
    elif o.kind == "place":
        parts = [fam, trade or short, place_] if not order else [place_, fam, trade or short]
    elif o.kind == "holding":
        parts = [fam, "Holding"] if not order else ["Holding", fam]
    elif o.kind == "region":
        parts = [trade or long_, o.word] if not order else [o.word, trade or long_]
    elif o.kind == "duo":
        a, b = fam.split(" & ") if " & " in fam else (fam, "")
        parts = [trade or long_, a, "&", b] if not order else [a, "&", b, trade or long_]
    elif o.kind == "stichting":
        parts = ([o.word, place_] if not order else [place_, o.word])
        return " ".join(p for p in ["Stichting", *parts] if p) if legal == "" else \
            " ".join(p for p in [*parts, legal] if p)
    elif o.kind == "coop":
        parts = [o.word, place_] if not order else [place_, o.word]
        return " ".join(p for p in ["Coöperatie", *parts, legal] if p)
    else:
        raise ValueError(o.kind)
    return " ".join(p for p in [*parts, legal] if p)


# -- the vendor master ------------------------------------------------------------------


def _key(name: str) -> str:
    """The generator's own duplicate check (not the matcher's normalisation)."""
    import unicodedata
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if c.isalnum() or c == " ")
    drop = {"bv", "nv", "vof", "ua", "stichting", "cooperatie", "besloten", "vennootschap"}
    return " ".join(sorted(w for w in s.split() if w not in drop))


class Master:
    """A seeded vendor master with the facts the probes need."""

    def __init__(self, rng: random.Random, size: int, families: list[str]) -> None:
        self.rng, self.orgs, self.by_key = rng, [], {}
        self.kvks: set[str] = set()
        self.families = families
        while len(self.orgs) < size:
            self._add(self._random())

    def new_kvk(self) -> str:
        while True:
            k = f"{self.rng.randrange(1_000_000, 100_000_000):08d}"
            if self.rng.random() < 0.12:
                k = "0" + k[1:]  # old numbers with a leading zero
            if k not in self.kvks:
                self.kvks.add(k)
                return k

    def _random(self, kind: str | None = None, family: str | None = None) -> Org:
        r = self.rng
        kind = kind or r.choices(
            ["trade_first", "family_first", "gebr", "zonen", "place", "stichting", "coop", "duo",
             "holding", "region"], [30, 25, 6, 6, 12, 6, 2, 5, 5, 3])[0]
        fam = family or r.choice(self.families)
        o = Org("", None, kind, family=fam, trade=r.choice(TRADES), place=r.choice(PLACES))
        if kind in ("stichting", "coop"):
            o.family = ""
            o.word = r.choice(STICHTING_WORDS if kind == "stichting" else COOP_WORDS)
            o.legal = "" if kind == "stichting" else "U.A."
        elif kind == "region":
            o.family, o.word = "", r.choice(REGIONS)[1]
            o.legal = "B.V."
        else:
            if kind == "duo":
                o.family = f"{fam} & {r.choice(self.families)}"
            o.legal = r.choices(["B.V.", "N.V.", "V.O.F.", ""], [70, 2, 13, 15])[0]
            if kind == "holding":
                o.legal = "B.V."
        if r.random() < 0.15 and kind not in ("holding", "stichting", "coop"):
            base = fam.split(" & ")[0]
            o.trade_names.append(r.choice([f"{base} {r.choice(TRADE_NAME_WORDS)}",
                                           f"{r.choice(TRADE_NAME_WORDS)} {o.place}"]))
        return o

    def _add(self, o: Org) -> bool:
        k = _key(o.name)
        if k in self.by_key or any(_key(t) in self.by_key for t in o.trade_names):
            return False
        o.org_id = f"V{len(self.orgs) + 1:06d}"
        o.kvk = self.new_kvk() if self.rng.random() < 0.9 or o.kind == "holding" else None
        self.orgs.append(o)
        self.by_key[k] = o
        for t in o.trade_names:
            self.by_key[_key(t)] = o
        return True

    def has(self, name: str) -> bool:
        return _key(name) in self.by_key

    def rows(self) -> list[tuple[str, str, str | None, list[str]]]:
        return [(o.org_id, o.name, o.kvk, list(o.trade_names)) for o in self.orgs]


# -- variations -------------------------------------------------------------------------


@dataclass
class Probe:
    block: str
    name: str | None
    kvk: str | None
    want: str | None  # the org_id it names, None when it names none of the master


def _typo(rng: random.Random, word: str) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 4:
        return word
    i = rng.choice(letters[1:-1])
    op = rng.choice(["sub", "swap", "del", "ins"])
    if op == "sub":
        return word[:i] + rng.choice("aeioulnrst".replace(word[i].lower(), "")) + word[i + 1:]
    if op == "swap" and i + 1 < len(word) and word[i + 1].isalpha() and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "del":
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _vd(fam: str, rng: random.Random) -> str:
    for long_ in ("van der ", "van den ", "van de "):
        if fam.startswith(long_):
            return rng.choice(["v.d. ", "vd ", "v/d ", "V.D. "]) + fam[len(long_):]
    return fam


def _no_diacritics(s: str) -> str:
    import unicodedata
    s = s.replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class Probes:
    def __init__(self, m: Master, rng: random.Random, n: int) -> None:
        self.m, self.rng, self.n = m, rng, n
        self.out: list[Probe] = []

    def pick(self, ok: Callable[[Org], bool]) -> list[Org]:
        pool = [o for o in self.m.orgs if ok(o)]
        self.rng.shuffle(pool)
        return pool

    def block(self, name: str, ok: Callable[[Org], bool],
              make: Callable[[Org], tuple[str | None, str | None, str | None] | None]) -> None:
        got = 0
        for o in self.pick(ok):
            p = make(o)
            if p is None:
                continue
            self.out.append(Probe(name, *p))
            got += 1
            if got == self.n:
                return
        raise SystemExit(f"block {name}: only {got} probes")

    def positives(self) -> None:
        r, m = self.rng, self.m

        def legal(o: Org) -> tuple[str, None, str] | None:
            if o.kind == "stichting":
                return (r.choice([f"{o.word} {o.place} Stichting", f"Stg. {o.word} {o.place}",
                                  f"{o.word} {o.place}", f"stichting {o.word} {o.place}"]),
                        None, o.org_id)
            if o.kind == "coop":
                return (r.choice([f"Coöperatie {o.word} {o.place}", f"Cooperatie {o.word} {o.place} UA",
                                  f"Coöperatieve vereniging {o.word} {o.place} U.A.",
                                  f"{o.word} {o.place} U.A."]), None, o.org_id)
            if o.legal in ("B.V.", ""):
                choices = [x for x in LEGAL_BV if x != o.legal]
            elif o.legal == "V.O.F.":
                choices = ["vof", "VOF", "v.o.f.", "", "Vennootschap onder firma"]
            else:
                choices = ["NV", "n.v.", "", "Naamloze Vennootschap"]
            return render(o, legal=r.choice(choices)), None, o.org_id

        self.block("legal form", lambda o: True, legal)

        def order(o: Org) -> tuple[str, None, str] | None:
            return render(o, order=True), None, o.org_id

        self.block("word order", lambda o: o.kind not in ("coop",), order)

        def trade(o: Org) -> tuple[str, None, str] | None:
            t = o.trade_names[0]
            form = r.random()
            if form < 0.5:
                return t, None, o.org_id
            if form < 0.8:
                return f"{o.name} h.o.d.n. {t}", None, o.org_id
            return f"{o.name} handelend onder de naam {t}", None, o.org_id

        self.block("trade name", lambda o: bool(o.trade_names), trade)

        def abbrev(o: Org) -> tuple[str, None, str] | None:
            if o.kind == "gebr":
                return render(o, gebr=r.choice(["Gebroeders", "Gebrs.", "gebr"])), None, o.org_id
            if o.kind == "zonen":
                return render(o, zonen=r.choice(["en Zonen", "& Zonen", "en Zn.", "& Zn"])), None, o.org_id
            if o.kind == "duo":
                return render(o).replace(" & ", " en "), None, o.org_id
            if o.kind in ("trade_first", "region"):
                return render(o, trade=o.trade[2]), None, o.org_id
            return None

        self.block("abbreviation", lambda o: o.kind in ("gebr", "zonen", "duo", "trade_first", "region"),
                   abbrev)

        def typo(o: Org) -> tuple[str, None, str] | None:
            name = o.name
            words = name.split()
            idx = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 5]
            if not idx:
                return None
            for _ in range(r.choice([1, 1, 2])):
                i = r.choice(idx)
                words[i] = _typo(r, words[i])
            t = " ".join(words)
            return (t, None, o.org_id) if t != name and not m.has(t) else None

        self.block("typo (1-2)", lambda o: True, typo)

        def case(o: Org) -> tuple[str, None, str] | None:
            n = o.name
            f = r.choice([str.upper, str.lower, _no_diacritics,
                          lambda s: "  ".join(s.split()) + " ",
                          lambda s: s.replace(" ", " , ", 1).replace(".", ""),
                          lambda s: _no_diacritics(s).upper().replace("&", "+")])
            t = f(n)
            return (t, None, o.org_id) if t != n else None

        self.block("case/diacritics/punct.", lambda o: True, case)

        def place(o: Org) -> tuple[str, None, str] | None:
            if o.kind == "place":  # left out
                t = render(o, place="")
            elif o.kind in ("trade_first", "family_first"):
                t = f"{render(o, legal='')} {r.choice(PLACES)} {o.legal}".strip()
            else:
                return None
            return (t, None, o.org_id) if not m.has(t) else None

        self.block("place added/left out", lambda o: o.kind in ("place", "trade_first", "family_first"),
                   place)

        def vd(o: Org) -> tuple[str, None, str] | None:
            t = render(o, family=_vd(o.family, r))
            return (t, None, o.org_id) if t != o.name else None

        self.block("v.d./van der", lambda o: o.family.startswith(("van der ", "van den ", "van de ")), vd)

        def kvk_format(o: Org) -> tuple[str | None, str, str] | None:
            k = o.kvk or ""
            if k.startswith("0") and r.random() < 0.6:
                written = k.lstrip("0")
            else:
                written = r.choice([f"{k[:4]} {k[4:]}", f"{k[:2]} {k[2:5]} {k[5:]}", f"{k[:4]}.{k[4:]}"])
            return r.choice([None, "", o.name]), written, o.org_id

        self.block("KvK spaces/leading zero", lambda o: bool(o.kvk), kvk_format)

        def kvk_text(o: Org) -> tuple[str | None, str, str] | None:
            k = o.kvk or ""
            if r.random() < 0.5:  # a 12-digit vestigingsnummer is not a KvK number: the name decides
                return o.name, f"0000{r.randrange(10**7, 10**8)}", o.org_id
            return None, r.choice([f"KvK {k}", f"KvK-nummer: {k}", f"kvk nr. {k}", f"KvK {k[:4]} {k[4:]}"]), o.org_id

        self.block("KvK text/vestigingsnr.", lambda o: bool(o.kvk), kvk_text)

        others = [o for o in m.orgs if o.kvk]

        def kvk_wins(o: Org) -> tuple[str, str, str] | None:
            other = r.choice(others)
            return (other.name, o.kvk, o.org_id) if other is not o else None

        self.block("KvK contradicts name", lambda o: bool(o.kvk), kvk_wins)

    def negatives(self) -> None:
        r, m = self.rng, self.m

        def holding(o: Org) -> tuple[str, None, None] | None:
            t = r.choice([f"{o.family} Holding B.V.", f"{o.family} {o.trade[1]} Holding B.V.",
                          f"Holding {o.family} {o.trade[1]}", f"{o.family} Beheer B.V."])
            if any(m.has(x) for x in (t, f"{o.family} Holding", f"{o.family} Beheer")):
                return None
            return t, None, None

        self.block("holding vs operating company",
                   lambda o: o.kind in ("family_first", "trade_first", "place"), holding)

        def other_trade(o: Org) -> tuple[str, None, None] | None:
            t = r.choice([x for x in TRADES if x != o.trade])
            name = r.choice([f"{o.family} {t[1]}", f"{t[0]} {o.family}"])
            if m.has(name) or any(x.family == o.family and x.trade == t for x in m.orgs):
                return None
            return name, None, None

        self.block("family name, other trade", lambda o: o.kind in ("family_first", "trade_first"),
                   other_trade)

        def zonen(o: Org) -> tuple[str, None, str] | None:
            # both 'Bouwbedrijf Jansen & Zn.' and 'Bouwbedrijf Jansen' are in the master (see
            # _pairs): the probe names one of them; the other is a wrong match
            sib = self.siblings.get(o.org_id)
            if sib is None:
                return None
            if o.kind == "zonen":
                t = render(o, zonen=r.choice(["& Zonen", "en Zonen", "& Zn", "en zn."]), legal=r.choice(["", "BV"]))
            else:
                t = render(o, legal=r.choice(["", "BV", "b.v."]))
            return t, None, o.org_id

        self.block("& Zonen vs without (both)", lambda o: o.org_id in self.siblings, zonen)

        def other_kvk(o: Org) -> tuple[str, str, None] | None:
            k = self.m.new_kvk()
            return render(o, legal=r.choice([o.legal, ""])), k, None

        self.block("same name, other KvK", lambda o: bool(o.kvk), other_kvk)

        def common(o: Org) -> tuple[str, None, None] | None:
            short = next(s for s, long_ in REGIONS if long_ == o.word)
            t = f"{r.choice([o.trade[0], o.trade[0]])} {short}"
            return (t, None, None) if not m.has(t) else None

        self.block("common words (region)", lambda o: o.kind == "region", common)

        held = self.held_out

        def absent(o: Org) -> tuple[str, None, None] | None:
            x = self.m._random(kind=o.kind, family=r.choice(held))
            return (x.name, None, None) if x.family and not m.has(x.name) else None

        self.block("not in the master", lambda o: o.kind not in ("stichting", "coop", "region"), absent)


def _pairs(m: Master, rng: random.Random, count: int) -> dict[str, str]:
    """Add ``& Zn.`` firms next to firms without it (and the other way): org_id -> sibling."""
    out: dict[str, str] = {}
    base = [o for o in m.orgs if o.kind == "trade_first"]
    rng.shuffle(base)
    for o in base:
        if len(out) >= 2 * count:
            break
        z = Org("", None, "zonen", family=o.family, trade=o.trade, place=o.place,
                legal=rng.choice(["B.V.", "V.O.F.", ""]))
        if m._add(z):
            out[o.org_id], out[z.org_id] = z.org_id, o.org_id
    return out


def build(seed: int, n: int, size: int) -> tuple[Master, list[Probe]]:
    rng = random.Random(seed)
    fams = _families()
    rng.shuffle(fams)
    cut = len(fams) * 85 // 100
    m = Master(rng, size, sorted(fams[:cut]))
    # region firms for the common-word negatives, one per region and trade
    for _, long_ in REGIONS:
        for t in rng.sample(TRADES, 4):
            m._add(Org("", None, "region", trade=t, word=long_, legal="B.V."))
    ps = Probes(m, rng, n)
    ps.held_out = sorted(fams[cut:])  # type: ignore[attr-defined]
    ps.siblings = _pairs(m, rng, n)  # type: ignore[attr-defined]
    ps.positives()
    ps.negatives()
    return m, ps.out


# -- measuring --------------------------------------------------------------------------

NEGATIVE_BLOCKS = {"holding vs operating company", "family name, other trade",
                   "& Zonen vs without (both)", "same name, other KvK", "common words (region)",
                   "not in the master"}


def score(master: Master, probes: list[Probe]) -> dict[str, Any]:
    pol = MatchingPolicy()
    got = match_organizations([(f"p:{i}", p.name, p.kvk) for i, p in enumerate(probes)],
                              master.rows(), pol)
    blocks: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "correct": 0, "wrong": 0, "none": 0})
    examples: dict[str, list[str]] = defaultdict(list)
    for p, g in zip(probes, got):
        b = blocks[p.block]
        b["n"] += 1
        if g.org_id is None:
            b["none"] += 1
            what = "missed" if p.want else ""
        elif g.org_id == p.want:
            b["correct"] += 1
            what = ""
        else:
            b["wrong"] += 1
            what = "WRONG"
        if what and len(examples[p.block]) < 4:
            examples[p.block].append(f"{what}: {p.name!r} kvk={p.kvk!r} -> {g.org_id} ({g.reason}; {g.detail})")
    pos = [b for k, b in blocks.items() if k not in NEGATIVE_BLOCKS]
    n_pos = sum(b["n"] for b in pos) + blocks["& Zonen vs without (both)"]["n"]
    hit = sum(b["correct"] for b in pos) + blocks["& Zonen vs without (both)"]["correct"]
    wrong = sum(b["wrong"] for b in blocks.values())
    return {"blocks": dict(blocks), "recall": hit / n_pos, "false_match_rate": wrong / len(probes),
            "probes": len(probes), "false_matches": wrong, "examples": dict(examples)}


def speed(seed: int, size: int, n_probes: int) -> dict[str, Any]:
    """CPU time of matching ``n_probes`` free-text names (no KvK number: the name decides)
    against a master of ``size`` suppliers: the name index is built and searched."""
    rng = random.Random(seed + 1)
    fams = _families()
    m = Master(rng, size, fams)
    picks = rng.sample(m.orgs, n_probes)
    probes = []
    for i, o in enumerate(picks):
        name = o.name
        kind = i % 4
        if kind == 1:
            name = name.upper()
        elif kind == 2:
            words = name.split()
            j = max(range(len(words)), key=lambda k: len(words[k]))
            words[j] = _typo(rng, words[j])
            name = " ".join(words)
        elif kind == 3:
            name = render(o, order=True) if o.kind != "coop" else name
        probes.append((f"d:{i}", name, None))
    rows = m.rows()
    best = None
    for _ in range(3):
        cpu = time.process_time()
        got = match_organizations(probes, rows, MatchingPolicy())
        cpu = time.process_time() - cpu
        best = cpu if best is None else min(best, cpu)
    right = sum(g.org_id == o.org_id for g, o in zip(got, picks))
    return {"suppliers": len(rows), "probes": n_probes, "cpu_s_best_of_3": round(best, 3),
            "matched_right": right, "matched_other": sum(1 for g, o in zip(got, picks)
                                                         if g.org_id and g.org_id != o.org_id)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--n", type=int, default=100, help="probes per block")
    ap.add_argument("--size", type=int, default=3000, help="suppliers in the labelled master")
    ap.add_argument("--scale", type=int, default=50000, help="suppliers for the speed run (0: skip)")
    ap.add_argument("--speed-probes", type=int, default=1500)
    ap.add_argument("--examples", action="store_true", help="print misses and wrong matches")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    master, probes = build(a.seed, a.n, a.size)
    res = score(master, probes)
    print(f"Vendor master: {len(master.orgs)} suppliers "
          f"({sum(bool(o.trade_names) for o in master.orgs)} with a trade name, "
          f"{sum(o.kvk is None for o in master.orgs)} without a KvK number); seed {a.seed}\n")
    for title, neg in (("Positives (the probe names one organization)", False),
                       ("Hard negatives (must not match; '& Zonen': the named one only)", True)):
        print(f"### {title}\n")
        print("| variation | n | match correct | matched wrong org | no match |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for k, b in res["blocks"].items():
            if (k in NEGATIVE_BLOCKS) == neg:
                print(f"| {k} | {b['n']} | {b['correct']} | {b['wrong']} | {b['none']} |")
        print()
    print(f"Recall (positives and '& Zonen'): {res['recall']:.3f}; false matches: "
          f"{res['false_matches']} of {res['probes']} probes ({res['false_match_rate']:.4f})\n")
    if a.examples:
        for k, xs in res["examples"].items():
            for x in xs:
                print(f"- {k}: {x}")
        print()
    if a.scale:
        sp = speed(a.seed, a.scale, a.speed_probes)
        res["speed"] = sp
        print(f"Speed: {sp['probes']} free-text names against {sp['suppliers']} suppliers: "
              f"{sp['cpu_s_best_of_3']:.3f} s CPU (best of 3); {sp['matched_right']} matched right, "
              f"{sp['matched_other']} to another supplier")
    if a.json:
        a.json.write_text(json.dumps(res, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
