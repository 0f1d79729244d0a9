"""Staff and their declared relatives: names, birth dates, employment, households.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coi_graph.demo import names as V
from coi_graph.demo.arrays import day_class, years
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import DAY_NA, day_of
from coi_graph.demo.sizes import DEPARTMENT_SHARES, END


class People(DemoBase):
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
        earliest = np.maximum(bd + years(19), day_of(dt.date(1985, 1, 1)))
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
        emp_from[board] = rng.integers(END - years(8), self.start - 20, board.sum())
        emp_from = np.maximum(emp_from, bd + years(18))
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
        self.say(f"employees: {n:,}")

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
                       rng.integers(np.maximum(bd[pe], pbd) + years(20),
                                    np.maximum(np.maximum(bd[pe], pbd) + years(21), END - 400)),
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
        fvf = rng.integers(bd[fe] + years(21), np.maximum(bd[fe] + years(22),
                                                            self.start - years(4)))
        fvu = rng.integers(fvf + years(1), np.maximum(fvf + years(2), self.start - 60))
        block(fe, "partner", fsex, bg[fe], fg, fs, fbd, np.zeros(len(fe), bool),
              vfrom=fvf, vuntil=fvu)
        # children
        k = np.where(age < 25, 0, np.minimum(rng.poisson(1.35, n), 4))
        ce = np.repeat(np.arange(n), k)
        cbd = day_class(bd[ce] + rng.integers(years(23), years(42), len(ce)), 0)
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
        self.say(f"relatives: {len(r):,}")

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
