"""Hidden networks and procurement patterns (P18-P22) beside their innocent look-alikes
(X11-X19): what the register does not show.

- P18 a holding: an employee's declared partner is bestuurder of a holding, the holding is
  shareholder of a supplier (an officer row with ``officer_kvk_number``), and the employee
  handles an order with that supplier.  X11: another holding, with an unrelated director, owns
  another supplier the same employee deals with.
- P19 linked suppliers: two suppliers sharing a phone number and an e-mail address, both
  served by one handler within weeks.  X12: two suppliers at a business centre that 30
  organizations share (above the hub cut-off ``paths.max_identifier_degree``); X13/X14: two
  suppliers sharing a bestuurder, each served by another handler.
- P20 split orders: three purchase orders from one handler to one supplier within 30 days,
  each below the handler's mandate (``mandates.csv``), together above it.  X15/X16: orders to
  one supplier by two handlers; X17: orders spread over months.
- P21 self approval: an order handled and approved by the same person, EUR 28,600.  X18 the
  same at EUR 640.
- P22 an allocation out of turn to the handler's relative (rank 4, direct mediation).  X19:
  a direct mediation to an unrelated applicant.

The organizations of these cases are new rows at the end of the vendor master; their
officers, decisions and declarations come after the random rows of their tables (a later
extract), so every row that existed before keeps its id and its line.  The staff are chosen
from people without a story where the staff allows it; split orders need people who handle
no random orders (else their own random orders would be split orders too).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coi_graph.demo.arrays import day_class
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import DAY_NA, slug
from coi_graph.demo.organizations import officer_key
from coi_graph.demo.sizes import ALLOCATION_DEPTS, CONTRACT_DEPTS, END

#: Organizations that share the business centre's address with the two planted suppliers.
BUSINESS_CENTRE_TENANTS = 28
#: The mandate of the staff of the split-order cases.
MANDATE_EUR = 10_000

#: (key, name pattern, org_type) of the new organizations; {S} is a surname.
NEW_ORGS = (
    ("HX", "{S} Holding B.V.", "other"),
    ("S1", "Installatietechniek {S} B.V.", "supplier"),
    ("HY", "{S} Beheer B.V.", "other"),
    ("S2", "Dakwerken {S} B.V.", "contractor"),
    ("L1", "Schoonmaakdienst {S} B.V.", "supplier"),
    ("L2", "Glazenwasserij {S}", "supplier"),
    ("L3", "Groenvoorziening {S} B.V.", "contractor"),
    ("L4", "Hoveniersbedrijf {S} B.V.", "contractor"),
    ("L5", "Adviesbureau {S} B.V.", "supplier"),
    ("L6", "Projectbureau {S} B.V.", "supplier"),
    ("SP1", "Kantoorinrichting {S} B.V.", "supplier"),
    ("SP2", "ICT-Diensten {S} B.V.", "supplier"),
    ("SP3", "Drukkerij {S} B.V.", "supplier"),
    ("SA1", "Bouwbedrijf {S} B.V.", "contractor"),
    ("SA2", "Slotenservice {S}", "supplier"),
)


class Networks(DemoBase):
    """Issue 12's cases and look-alikes; see the module docstring."""

    def plant_networks(self) -> None:
        rng = self.rng("networks")
        self.queue = self.late  # numbered after the random rows: earlier ids stay
        self.mandates: list[tuple[int, int]] = []  # (employee, limit in EUR)
        self.pick_network_cast(rng)
        self.add_network_orgs(rng)
        self.plant_holding(rng)
        self.plant_linked_suppliers(rng)
        self.plant_split_orders()
        self.plant_self_approval()
        self.plant_out_of_turn(rng)
        self.queue = self.pending
        self.say("planted: 22 cases, 19 decoys")

    # ------------------------------------------------------------------ who and what

    def pick_network_cast(self, rng) -> None:
        """N1-N12: staff employed all period; people without a story first, else a cast
        member whose story cannot touch the new organizations."""
        e, r, c = self.emp, self.rel, self.cast
        role, dept = e.role.to_numpy(), e.dept.to_numpy()
        thr = e.throughout.to_numpy().astype(bool)
        free = e.tag.to_numpy() == ""
        used: set[int] = set()

        # a case's person is never a look-alike's (and the reverse), except where a
        # look-alike stands beside its case on purpose (X11 beside P18, X19 beside P22)
        case_people = {c[k] for k in ("H1", "A1", "H2", "A2", "H3", "A3", "H4", "H5", "A4", "E7",
                                      "E8", "E9", "E10", "E11", "E12")}
        decoy_people = {c[k] for k in ("H6", "H7", "H8", "H9", "H10", "H11", "H12", "E14",
                                       "E15")}

        def pick(mask, what, avoid=(), prefer=None, decoy=False):
            banned = used | {c[k] for k in avoid} | (case_people if decoy else decoy_people)
            tiers = [mask & thr & free, mask & thr]
            if prefer is not None:
                tiers.insert(0, mask & prefer & thr & free)
            for pool in tiers:
                cand = [int(i) for i in np.flatnonzero(pool) if int(i) not in banned]
                if cand:
                    i = cand[int(rng.integers(0, len(cand)))]
                    used.add(i)
                    return i
            raise RuntimeError(f"demo size {self.size.name!r} has no employee for {what}")

        handler = np.isin(dept, CONTRACT_DEPTS) & np.isin(role, ("employee", "external"))
        # N1: a handler with a current partner at home, as the register has them
        rv = r.vuntil.to_numpy() == DAY_NA
        plain = (r.s2.to_numpy() < 0) & (r.bd.to_numpy() != DAY_NA) & (r.tag.to_numpy() == "")
        if "g2" in r:
            plain &= r.g2.fillna(-1).to_numpy() < 0
        partner_ok = (r.relation.to_numpy() == "partner") & rv & plain & r.home.to_numpy().astype(
            bool) & ((r.vfrom.to_numpy() == DAY_NA) | (r.vfrom.to_numpy() < self.start - 400))
        with_partner = np.zeros(len(e), bool)
        with_partner[r.emp.to_numpy()[partner_ok]] = True
        c["N1"] = pick(handler & with_partner, "a handler with a partner",
                       avoid=("A2", "H5", "H7"))
        self.n1_partner = int(np.flatnonzero(partner_ok & (r.emp.to_numpy() == c["N1"]))[0])
        r.loc[self.n1_partner, "tag"] = "P18"
        for k in ("N2", "N3", "N4", "N5", "N10", "N11"):
            c[k] = pick(handler, f"contract handler {k}", decoy=k not in ("N2", "N10"))
        # split orders: people who handle no random orders
        office = (role == "employee") & ~np.isin(dept, CONTRACT_DEPTS) & (dept != "RvC")
        for k in ("N6", "N7", "N8", "N9"):
            c[k] = pick(office, f"an office employee {k}",
                        prefer=np.isin(dept, ("ICT", "Financiën", "HR", "Bestuur")),
                        decoy=k != "N6")
        # N12: an allocation handler with a grown-up relative of their own household elsewhere
        age_r = (END - r.bd.to_numpy()) / 365.25
        rel_ok = plain & rv & ~r.home.to_numpy().astype(bool) & (age_r >= 21) & np.isin(
            r.relation.to_numpy(), ("child", "parent"))
        with_rel = np.zeros(len(e), bool)
        with_rel[r.emp.to_numpy()[rel_ok]] = True
        alloc_handler = np.isin(dept, ALLOCATION_DEPTS) & (role == "employee")
        c["N12"] = pick(alloc_handler & with_rel, "an allocation handler with a relative",
                        avoid=("H3", "H5", "H8", "H9", "hP4", "A3"))
        self.n12_relative = int(np.flatnonzero(rel_ok & (r.emp.to_numpy() == c["N12"]))[0])
        r.loc[self.n12_relative, "tag"] = "P22"
        for k in ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N10", "N11", "N12"):
            if e.tag[c[k]] == "":
                e.loc[c[k], "tag"] = k

    def add_network_orgs(self, rng) -> None:
        """The new organizations (end of the vendor master) and the business centre."""
        v, o = self.v, self.org
        names = set(pd.Series(o.name).str.lower())
        if hasattr(self, "decl"):
            names |= set(pd.Series(self.decl.org_name).astype(str).str.lower())
        rows = []
        n = len(NEW_ORGS)
        city = self.cities(rng, n, 0.8)
        addr, _ = self.new_addresses(rng, city, True)
        bank, acc = self.new_ibans(rng, n)
        phone = self.new_landlines(rng, city)
        kvk = self.new_kvks(rng, n)
        for i, (key, pattern, org_type) in enumerate(NEW_ORGS):
            while True:
                s = int(v.nl_sur[rng.integers(0, len(v.nl_sur))])
                name = pattern.replace("{S}", str(v.sur_cap[s]))
                if name.lower() not in names:
                    names.add(name.lower())
                    break
            base = name.replace(" B.V.", "")
            rows.append({
                "cat": -1, "base": base, "dom": slug(base),
                "form": " B.V." if name.endswith(" B.V.") else "", "city": int(city[i]),
                "name": name, "org_type": org_type, "dept": "Inkoop",
                "struct": "bv" if name.endswith(" B.V.") else "eenmanszaak",
                "kvk": int(kvk[i]), "addr": int(addr[i]), "add": "", "bank": int(bank[i]),
                "acc": int(acc[i]), "phone": int(phone[i]),
                "email": f"{('info', 'planning', 'administratie')[i % 3]}@{slug(base)}.nl",
                "weight": 0.0, "tag": key, "noise_decisions": False,
            })
        start = len(o)
        self.n_late["org"] = len(rows)
        self.org = pd.concat([o, pd.DataFrame(rows)], ignore_index=True)
        self.ocast.update({key: start + i for i, (key, _, _) in enumerate(NEW_ORGS)})
        o, oc = self.org, self.ocast
        # P19: L2 shares L1's phone number and e-mail address (see relink_emails)
        o.loc[oc["L2"], "phone"] = o.phone[oc["L1"]]
        # X12: a business centre; L5, L6 and tenants of the vendor master that trade with
        # nobody (else any that trade) registered at one address
        centre = int(o.addr[oc["L5"]])
        o.loc[oc["L6"], "addr"] = centre
        untagged = (o.tag.to_numpy() == "") & (o.org_type.to_numpy() != "institution")
        dormant = np.flatnonzero(untagged & (o.weight.to_numpy() == 0))
        active = np.flatnonzero(untagged & (o.weight.to_numpy() > 0))
        pool = np.concatenate([rng.permutation(dormant), rng.permutation(active)])
        tenants = np.sort(pool[:BUSINESS_CENTRE_TENANTS])
        o.loc[tenants, "addr"] = centre
        o.loc[tenants, "add"] = ""
        o.loc[tenants, "tag"] = "centre"
        self.centre_tenants = tenants

    def relink_emails(self) -> None:
        """After e-mail addresses were made unique: L2 keeps L1's (in other capitals)."""
        if "L2" in self.ocast:
            o = self.org
            o.loc[self.ocast["L2"], "email"] = str(o.email[self.ocast["L1"]]).capitalize()

    def officer_person(self, rng) -> tuple[str, int]:
        """A KvK officer who is nobody's relative: a name and an officer-class birth date."""
        v = self.v
        while True:
            bg = rng.choice(len(v.bgs), 1, p=v.bg_p)
            g, s = self.names(rng, bg, rng.integers(0, 2, 1))
            age = float(rng.uniform(34, 68))
            bd = int(day_class(END - int(age * 365.25), 1))
            name = self.kvk_style(int(g[0]), int(s[0]))
            if officer_key(name, bd) not in self.officer_keys:
                self.officer_keys.add(officer_key(name, bd))
                return name, bd

    # ------------------------------------------------------------------ the cases

    def plant_holding(self, rng) -> None:
        """P18 (a partner directs the holding that owns the supplier) and X11 (a holding
        with an unrelated director)."""
        c, oc, o = self.cast, self.ocast, self.org
        D = dt.date
        n1, partner = c["N1"], self.n1_partner
        r = self.rel
        self.add_officer("P18h", oc["HX"], self.kvk_style(int(r.g[partner]), int(r.s[partner])),
                         "bestuurder", int(r.bd[partner]), D(2017, 3, 1))
        self.add_declaration("P18", n1, "position", "bestuurder", D(2017, 3, 1), org=oc["HX"],
                             rel=partner, decided_on=D(2017, 3, 20),
                             descr="Partner is bestuurder van een holding")
        for key, holding, since in (("S1", "HX", D(2019, 6, 1)), ("S2", "HY", D(2020, 1, 15))):
            name, bd = self.officer_person(rng)
            self.add_officer("", oc[key], name, "bestuurder", bd, since)
            self.add_officer(f"{key}a", oc[key], str(o.name[oc[holding]]), "aandeelhouder",
                             DAY_NA, since, officer_kvk=int(o.kvk[oc[holding]]))
        name, bd = self.officer_person(rng)
        self.add_officer("X11h", oc["HY"], name, "bestuurder", bd, D(2012, 9, 1))
        self.add_contract("P18", D(2024, 4, 23), oc["S1"], "purchase_order", 7_850.00, n1,
                          description="Vervangen cv-ketels complex 512")
        self.add_contract("X11", D(2024, 9, 10), oc["S2"], "invoice", 3_640.00, n1,
                          description="Herstel dakbedekking complex 233")

    def plant_linked_suppliers(self, rng) -> None:
        """P19 (two suppliers sharing a phone and e-mail, one handler), X12 (a business
        centre above the hub cut-off), X13/X14 (a shared bestuurder, two handlers)."""
        c, oc = self.cast, self.ocast
        D = dt.date
        for key in ("L1", "L2", "L5", "L6"):
            name, bd = self.officer_person(rng)
            self.add_officer("", oc[key], name, "eigenaar" if key == "L2" else "bestuurder",
                             bd, D(2015, 4, 1))
        shared, bd = self.officer_person(rng)
        for key in ("L3", "L4"):
            self.add_officer(f"{key}o", oc[key], shared, "bestuurder", bd, D(2016, 2, 1))
        self.add_contract("P19a", D(2024, 5, 7), oc["L1"], "invoice", 4_120.00, c["N2"],
                          description="Glasbewassing en schoonmaak algemene ruimten")
        self.add_contract("P19", D(2024, 5, 28), oc["L2"], "purchase_order", 6_380.00, c["N2"],
                          description="Glasbewassing complex 118")
        self.add_contract("X12a", D(2024, 7, 9), oc["L5"], "invoice", 2_960.00, c["N3"],
                          description="Advies brandveiligheid complex 301")
        self.add_contract("X12", D(2024, 7, 23), oc["L6"], "purchase_order", 5_210.00, c["N3"],
                          description="Projectbegeleiding renovatie complex 301")
        self.add_contract("X13", D(2024, 10, 1), oc["L3"], "purchase_order", 6_730.00, c["N4"],
                          description="Snoeiwerk binnentuinen complex 207")
        self.add_contract("X14", D(2024, 10, 15), oc["L4"], "invoice", 3_980.00, c["N5"],
                          description="Onderhoud groen complex 219")

    def plant_split_orders(self) -> None:
        """P20 (three orders under the mandate within 30 days), X15/X16 (two handlers),
        X17 (spread over months)."""
        c, oc = self.cast, self.ocast
        D = dt.date
        for k in ("N6", "N7", "N8", "N9"):
            self.mandates.append((c[k], MANDATE_EUR))
        for tag, day, eur in (("P20a", D(2024, 3, 5), 3_950.00), ("P20b", D(2024, 3, 19),
                              4_275.00), ("P20", D(2024, 3, 28), 3_480.00)):
            self.add_contract(tag, day, oc["SP1"], "purchase_order", eur, c["N6"],
                              description="Bureaustoelen en zit-sta-bureaus kantoor")
        for tag, day, eur, who in (("X15a", D(2024, 9, 3), 3_850.00, "N7"),
                                   ("X15", D(2024, 9, 17), 3_120.00, "N7"),
                                   ("X16", D(2024, 9, 24), 4_460.00, "N8")):
            self.add_contract(tag, day, oc["SP2"], "purchase_order", eur, c[who],
                              description="Laptops en dockingstations")
        for tag, day, eur in (("X17a", D(2024, 2, 13), 4_180.00), ("X17b", D(2024, 5, 21),
                              3_760.00), ("X17", D(2024, 10, 8), 4_390.00)):
            self.add_contract(tag, day, oc["SP3"], "purchase_order", eur, c["N9"],
                              description="Drukwerk bewonersblad")

    def plant_self_approval(self) -> None:
        """P21 (handled and approved by one person) and X18 (the same, a small amount)."""
        c, oc = self.cast, self.ocast
        D = dt.date
        self.add_contract("P21", D(2024, 6, 11), oc["SA1"], "contract", 28_600.00, c["N10"],
                          c["N10"], description="Herstel funderingen garageboxen complex 144")
        self.add_contract("X18", D(2024, 8, 6), oc["SA2"], "invoice", 640.00, c["N11"],
                          c["N11"], description="Vervangen cilindersloten algemene ruimte")

    def plant_out_of_turn(self, rng) -> None:
        """P22 (a direct mediation for the handler's relative, fourth on the list) and X19 (a
        direct mediation for an unrelated applicant)."""
        c, r = self.cast, self.rel
        D = dt.date
        rel = self.n12_relative
        self.add_allocation("P22", D(2024, 10, 15), "rental", c["N12"], -1, self.rel_name(rel),
                            int(r.bd[rel]), int(r.addr[rel]), str(r["add"][rel]), rng, rank=4,
                            basis="direct")
        a = self.applicants(rng, 1)
        self.add_allocation("X19", D(2024, 11, 19), "rental", c["N12"], -1, str(a.name[0]),
                            int(a.bd[0]), int(a.addr[0]), str(a["add"][0]), rng, rank=-1,
                            basis="direct")
