"""The innocent look-alikes (decoys X01-X10) of the planted cases.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from coi_graph.demo.arrays import addr_key, addr_split, day_class, years
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import day_of
from coi_graph.demo.sizes import END


class Lookalikes(DemoBase):
    def plant_lookalikes(self, rng) -> None:
        """X01-X10: innocent look-alikes of the planted cases, which a scan must not flag."""
        c, oc, e, v = self.cast, self.ocast, self.emp, self.v
        D = dt.date
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
        nbd = int(day_class(int(self.rel.bd[rel8]) - int(rng.integers(3000, 9000)), 2))
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
        pc4, li, hn = addr_split(np.array([int(e.addr[h9])]))
        for step in (2, 4, 6, 1, 3, 8, 10, 12, 14, 16):
            nkey = int(addr_key(pc4, li, hn + step)[0])
            if self.addresses.claim(nkey):
                break
        else:  # pragma: no cover
            raise RuntimeError("no free neighbouring address")
        ng, ns = self.names(rng, np.array([0]), np.array([int(rng.integers(0, 2))]))
        while v.sur_key[int(ns[0])] == v.sur_key[int(e.s[h9])]:
            ng, ns = self.names(rng, np.array([0]), np.array([int(rng.integers(0, 2))]))
        self.add_allocation("X05", D(2024, 8, 13), "rental", h9, -1,
                            f"{v.given[int(ng[0])]} {v.sur_full[int(ns[0])]}",
                            int(day_class(int(rng.integers(END - years(70), END - years(20))), 2)),
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
        self.add_officer("X10", oc["O12"], self.kvk_style(int(self.rel.g[sib]), int(self.rel.s[sib])),
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
