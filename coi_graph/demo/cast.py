"""The employees and organizations the planted cases and look-alikes are placed at.
"""

from __future__ import annotations

import numpy as np

from coi_graph.demo.arrays import years
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import DAY_NA
from coi_graph.demo.sizes import ALLOCATION_DEPTS, CONTRACT_DEPTS, END


class Cast(DemoBase):
    # ------------------------------------------------------------------ the cast

    def pick_cast(self) -> None:
        """Choose the employees and organizations of the planted cases and decoys."""
        e, o = self.emp, self.org
        rng = self.rng("cast")
        role, dept = e.role.to_numpy(), e.dept.to_numpy()
        ok = e.throughout.to_numpy().copy()
        plain = e.s2.to_numpy() < 0  # the stories that rewrite a name need a single surname
        used: set[int] = set()
        mgr = e.manager.to_numpy()

        def repair(i: int, need_plain: bool) -> None:
            """Make a joiner or leaver employed all period; drop a partner's name in front."""
            if not ok[i]:
                e.loc[i, "emp_from"] = min(int(e.emp_from[i]), self.start - years(
                    1 + int(rng.integers(0, 8))))
                e.loc[i, "emp_from"] = max(int(e.emp_from[i]), int(e.bd[i]) + years(18))
                e.loc[i, "emp_until"] = DAY_NA
                e.loc[i, "throughout"] = True
                ok[i] = True
            if need_plain and not plain[i]:
                e.loc[i, "s2"] = -1
                e.loc[i, "name"] = self.full_names(np.array([int(e.g[i])]),
                                                   np.array([int(e.s[i])]))[0]
                plain[i] = True

        def pick(mask, what, prefer=None, reuse=False, need_plain=False):
            """An unused employee in ``mask`` (preferring ``prefer``), if need be one whose
            employment or name is adjusted to the story; with ``reuse`` fall back to a cast
            member, whose own links all point at other organizations."""
            tiers = [mask & ok & (plain | (not need_plain)), mask & (plain | (not need_plain)),
                     mask]
            for tier, pool in enumerate(tiers + ([mask & ok] if reuse else [])):
                cand = [int(i) for i in np.flatnonzero(pool) if tier == 3 or int(i) not in used]
                if prefer is not None:
                    cand = [i for i in cand if prefer(i)] or cand
                if cand:
                    i = cand[int(rng.integers(0, len(cand)))]
                    used.add(i)
                    repair(i, need_plain)
                    return i
            raise RuntimeError(f"demo size {self.size.name!r} has no employee for {what}")

        handler = np.isin(dept, CONTRACT_DEPTS) & np.isin(role, ("employee", "external"))
        alloc_handler = np.isin(dept, ALLOCATION_DEPTS) & (role == "employee")
        c_mgr = np.isin(dept, CONTRACT_DEPTS) & (role == "manager")
        a_mgr = np.isin(dept, ALLOCATION_DEPTS) & (role == "manager")
        age = e.age.to_numpy()
        c = {}
        used.add(self.director)
        c["A4"] = self.director

        def has_reports(i, pool):
            return bool(((mgr == i) & pool & ok).sum() >= 2)

        c["A1"] = pick(c_mgr, "an approving manager", lambda i: has_reports(i, handler),
                       need_plain=True)
        c["A2"] = pick(c_mgr, "an approving manager", lambda i: has_reports(i, handler))
        c["A3"] = pick(a_mgr, "an allocation manager",
                       lambda i: has_reports(i, alloc_handler) and age[i] >= 45)
        for k in ("H1", "H2", "H4", "H6", "H7", "H10", "H11", "H12"):
            pref = {"H2": lambda i: age[i] >= 52, "H7": lambda i: age[i] >= 35}.get(k)
            c[k] = pick(handler, f"contract handler {k}", pref)
        for k in ("H3", "H5", "H8", "H9"):
            c[k] = pick(alloc_handler, f"allocation handler {k}",
                        (lambda i: age[i] >= 42) if k == "H8" else None,
                        need_plain=k in ("H3", "H5"))
        # the other people on the planted decisions: clean if the staff allows it
        c["hP1b"] = pick(handler & (mgr == c["A1"]), "a handler under A1", reuse=True)
        c["hP2b"] = pick(handler & (mgr == c["A2"]), "a handler under A2", reuse=True)
        c["hP4"] = pick(alloc_handler & (mgr == c["A3"]), "an allocation handler under A3",
                        reuse=True)
        c["hP6"] = pick(handler, "a tender handler", lambda i: dept[i] == "Vastgoed",
                        reuse=True)
        not_subject = ~(handler | alloc_handler | c_mgr | a_mgr) & (role != "director")
        for k in ("E7", "E8", "E9", "E10", "E11", "E12", "Y", "E14", "E15"):
            pref = (lambda i: age[i] <= 52 and role[i] != "supervisory_board") if k == "E7" \
                else (lambda i: role[i] != "supervisory_board")
            c[k] = pick(not_subject | (role == "manager") if k not in ("E7",) else not_subject,
                        f"employee {k}", pref)
        # the cast's relatives are written for their stories; drop conflicting random ones
        r = self.rel
        remp, rrel = r.emp.to_numpy(), r.relation.to_numpy()
        drop = (np.isin(remp, [c["H5"], c["H7"], c["A2"]]) & (rrel == "partner")) | (
            (remp == c["E7"]) & (rrel == "parent") & (r.sex.to_numpy() == 1)) | (
            (remp == c["H8"]) & (rrel == "parent") & (r.sex.to_numpy() == 0) & (age[c["H8"]] < 40))
        # ages the stories need; a new age takes the random family with it
        for k, lo, hi in (("H2", 52, 61), ("A3", 46, 60), ("E7", 28, 52), ("H7", 36, 58)):
            i = c[k]
            if not lo <= age[i] <= hi:
                e.loc[i, "bd"] = self.unique_hr_birth(rng, int(e.s[i]), lo + 1, hi - 1)
                e.loc[i, "age"] = (END - e.bd[i]) / 365.25
                drop |= (remp == i) & (rrel != "partner")
        self.rel = r.loc[~drop].reset_index(drop=True)
        self.cast = c
        for k, i in c.items():
            e.loc[i, "tag"] = k
        # organizations: business relations of a matching trade, kept out of random data
        odept, struct = o.dept.to_numpy(), o.struct.to_numpy()
        active = o.weight.to_numpy() > 0
        taken: set[int] = set()

        def pick_org(d, structs=("bv",), need_active=True):
            base = np.isin(struct, structs) & (~active if not need_active else active)
            for mask in (base & (odept == d), base, np.isin(struct, structs)):
                cand = [int(i) for i in np.flatnonzero(mask) if int(i) not in taken]
                if cand:
                    i = cand[int(rng.integers(0, len(cand)))]
                    taken.add(i)
                    return i
            raise RuntimeError("no organization left for the cast")

        oc = {}
        oc["O1"] = pick_org(dept[c["H1"]])
        oc["O2"] = pick_org(dept[c["hP1b"]])
        oc["O3"] = pick_org(dept[c["H2"]])
        oc["O4"] = pick_org(dept[c["hP2b"]])
        oc["O5"] = pick_org(dept[c["H4"]], ("eenmanszaak",))
        oc["O6"] = pick_org("Vastgoed")
        oc["O7"] = pick_org("Vastgoed", ("bv", "nv"))
        oc["O8"] = pick_org(dept[c["H6"]])
        oc["O9"] = pick_org(dept[c["H7"]])
        oc["O10"] = pick_org(dept[c["H12"]])
        oc["O11"] = pick_org(dept[c["H10"]])
        oc["O12"] = pick_org(dept[c["H11"]])
        for k in ("Og9a", "Og9b", "Og9c", "Og15"):
            oc[k] = pick_org("Inkoop", ("bv", "eenmanszaak", "vof"), need_active=False)
        self.ocast = oc
        for k, i in oc.items():
            o.loc[i, "tag"] = k
            o.loc[i, "noise_decisions"] = k == "O7"  # O7 trades with others, not with E7
