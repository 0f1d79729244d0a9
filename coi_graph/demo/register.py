"""The integrity register: random declarations and gifts, kept away from every decision.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coi_graph.demo import names as V
from coi_graph.demo.arrays import concat, member, sa, sorted_unique, years
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import DAY_NA, day_of
from coi_graph.demo.sizes import END, PERIOD_END


class Register(DemoBase):
    # ------------------------------------------------------------------ registers

    def involved_pairs(self) -> np.ndarray:
        """``employee * n_orgs + org`` for every decision role: who deals with whom."""
        c, no = self.con, len(self.org)
        parts = [c.handler.to_numpy() * no + c.org.to_numpy()]
        for col in ("approver", "requester"):
            x = c[col].to_numpy()
            m = x >= 0
            parts.append(x[m] * no + c.org.to_numpy()[m])
        return sorted_unique(np.concatenate(parts))

    def sample_free_pairs(self, rng, emp: np.ndarray, orgs: np.ndarray, busy: np.ndarray):
        """For each employee an organization they never deal with (-1 if none found)."""
        no = len(self.org)
        out = np.full(len(emp), -1, np.int64)
        todo = np.arange(len(emp))
        for _ in range(60):
            if not len(todo):
                break
            cand = orgs[rng.integers(0, len(orgs), len(todo))]
            ok = ~member(busy, emp[todo] * no + cand)
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
        oname = concat(np.strings.replace(sa(np.array([t for t, _ in V.SIDE_FUNCTION_ORGS],
                                                     object)[tpl]), "{C}", sa(city)))
        pos = np.array([p for _, p in V.SIDE_FUNCTION_ORGS], object)[tpl]
        pos[board[sf] & (rng.random(len(sf)) < 0.6)] = "lid raad van toezicht"
        rows.append(pd.DataFrame({"emp": sf, "kind": "side_function", "org_name": oname,
                                  "position": pos, "paid": np.where(
                                      rng.random(len(sf)) < 0.3, "ja", "nee")}))
        # own businesses
        ob = free[(rng.random(len(free)) < 0.03) & ~board[free]]
        btype = np.array(["Fotografie", "Klusbedrijf", "Administratiekantoor", "Webdesign",
                          "Coaching", "Hondenuitlaatservice"], object)
        bname = concat(btype[rng.integers(0, len(btype), len(ob))], " ",
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
        vf = rng.integers(np.maximum(emp_from, END - years(14)),
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
        self.say(f"declarations: {nd:,}")

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
        self.say(f"gifts: {n:,}")
