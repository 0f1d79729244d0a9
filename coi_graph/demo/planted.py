"""The planted conflicts (P01-P17) and the row builders every planted row goes through.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coi_graph.demo.arrays import day_class
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import DAY_NA, day_of
from coi_graph.demo.sizes import ALLOCATION_KINDS, CONTRACT_KINDS


class Planted(DemoBase):
    """The planted cases and the builders of planted rows (``add_contract`` and the like)."""


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
        self.queue["con"].append(row)

    def add_allocation(self, tag: str, date: dt.date, kind: str, handler: int, approver: int,
                       name: str, bd: int, addr: int, add: str, rng, add_style: int = 0,
                       phone: int | None = None, rank: int = -1, basis: str = "") -> None:
        if phone is None or phone < 0:
            phone = int(self.new_mobiles(rng, 1)[0])
        row = {"name": name, "bd": bd, "addr": addr, "add": add, "bank": -1, "acc": -1,
               "phone": phone, "email": "", "date": day_of(date),
               "kind": ALLOCATION_KINDS.index(kind), "handler": handler, "approver": approver,
               "unit": int(rng.integers(1, self.size.homes + 1)), "discount": -1, "tag": tag,
               "add_style": add_style, "rank": rank, "basis": basis}
        self.queue["alloc"].append(row)

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
        self.queue["decl"].append(row)

    def add_officer(self, tag: str, org: int, name: str, role: str, bd: int,
                    vfrom: dt.date, officer_kvk: int = -1) -> None:
        """A KvK officer row; ``officer_kvk`` when the officer is itself an organization."""
        row = {"org": org, "role": role, "name": name, "bd": bd, "vfrom": day_of(vfrom),
               "slot": "P", "vuntil": DAY_NA, "tag": tag, "officer_kvk": officer_kvk}
        self.queue["off"].append(row)

    def add_gift(self, tag: str, emp: int, org: int, date: dt.date, kind: str, eur: float,
                 handed_in: str, reported: str, descr: str) -> None:
        row = {"emp": emp, "org": org, "date": day_of(date), "kind": kind,
               "cents": round(eur * 100), "handed_in": handed_in, "reported": reported,
               "descr": descr, "tag": tag}
        self.queue["gift"].append(row)

    def plant(self) -> None:
        """The planted conflicts and the look-alikes, the same in every size."""
        rng = self.rng("planted")
        self.plant_cases(rng)
        self.plant_lookalikes(rng)

    def kvk_style(self, g, s, initials=False) -> str:
        """A name as the KvK writes it: ``Vries, Jan de`` (or ``Vries, J. de``)."""
        v = self.v
        first = v.given_init[g] if initials else v.given[g]
        return f"{v.sur_core[s]}, {first}{v.sur_tv_suffix[s]}"

    def plant_cases(self, rng) -> None:
        """P01-P17: one conflict for each rule, in every size."""
        c, oc, e, o, v = self.cast, self.ocast, self.emp, self.org, self.v
        D = dt.date
        # P01 self_interest, declared: the handler holds shares in the supplier
        self.add_declaration("P01", c["H1"], "financial_interest", "aandeelhouder",
                             D(2019, 5, 1), org=oc["O1"], share=30.0, paid="nee",
                             decided_on=D(2019, 5, 20), descr="Aandelen familiebedrijf")
        self.add_contract("P01", D(2024, 3, 12), oc["O1"], "purchase_order", 8_450.00,
                          c["H1"], description="Vervangen mechanische ventilatie complex 214")
        # P02/P03 self_interest, undeclared: the approving manager is bestuurder in the KvK
        a1 = c["A1"]
        self.add_officer("P03", oc["O2"], self.kvk_style(int(e.g[a1]), int(e.s[a1]), True),
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
        self.add_officer("P06", oc["O4"], self.kvk_style(int(self.rel.g[partner]),
                                                    int(self.rel.s[partner])),
                         "bestuurder", int(self.rel.bd[partner]), D(2018, 2, 1))
        self.add_contract("P05", D(2024, 9, 17), oc["O4"], "contract", 64_250.00, c["hP2b"],
                          a2, description="Vervangen dakgoten complex 318")
        # P07 allocation_to_self: a rental clerk allocates a home to themself
        h3 = c["H3"]
        self.add_allocation("P07", D(2024, 4, 9), "rental", h3, -1,
                            self.kvk_style(int(e.g[h3]), int(e.s[h3])), int(e.bd[h3]),
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
        pbd = int(day_class(int(e.bd[h5]) + int(rng.integers(-900, 900)), 2))
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
