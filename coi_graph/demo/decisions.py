"""The random decisions: contracts, orders and invoices, and housing allocations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coi_graph.demo import names as V
from coi_graph.demo.arrays import day_class
from coi_graph.demo.base import DemoBase
from coi_graph.demo.sizes import (
    ALLOCATION_KIND_P,
    ALLOCATION_KINDS,
    APPROVAL_DIRECTOR_EUR,
    APPROVAL_MANAGER_EUR,
    CONTRACT_AMOUNTS,
    CONTRACT_DEPTS,
    CONTRACT_KIND_P,
    CONTRACT_KINDS,
    END,
)


class Decisions(DemoBase):
    # ------------------------------------------------------------------ decisions

    def make_contracts(self) -> None:
        size, e, o = self.size, self.emp, self.org
        rng = self.rng("contracts")
        n = size.contracts
        w = o.weight.to_numpy() * o.noise_decisions.to_numpy()
        org = rng.choice(len(o), n, p=w / w.sum())
        inst = (o.org_type.to_numpy() == "institution")[org]
        kind = rng.choice(len(CONTRACT_KINDS), n, p=CONTRACT_KIND_P)
        kind[inst] = 0
        med = np.array([m for m, _ in CONTRACT_AMOUNTS], float)[kind]
        sig = np.array([s for _, s in CONTRACT_AMOUNTS], float)[kind]
        eur = np.clip(med * np.exp(sig * rng.standard_normal(n)), 25, 12_000_000)
        cents = np.where(kind <= 1, np.round(eur * 100),
                         np.round(eur / 10) * 1000).astype(np.int64)
        date = self.workdays[rng.integers(0, len(self.workdays), n)]
        # the handler: staff of the department that buys this trade
        role, dept, thr = e.role.to_numpy(), e.dept.to_numpy(), e.throughout.to_numpy()
        handler = np.empty(n, np.int64)
        odept = o.dept.to_numpy()[org]
        all_h = np.flatnonzero(np.isin(dept, CONTRACT_DEPTS)
                               & np.isin(role, ("employee", "external")) & thr)
        for d in CONTRACT_DEPTS:
            pool = np.flatnonzero((dept == d) & np.isin(role, ("employee", "external")) & thr)
            pool = pool if len(pool) else all_h
            m = odept == d
            handler[m] = pool[rng.integers(0, len(pool), m.sum())]
        mgr = e.manager.to_numpy()
        approver = np.where(cents >= APPROVAL_MANAGER_EUR * 100, mgr[handler], -1)
        approver[cents >= APPROVAL_DIRECTOR_EUR * 100] = self.director
        req_pool = np.flatnonzero(np.isin(dept, ("Wonen", "Vastgoed", "Onderhoud"))
                                  & (role == "employee") & thr)
        requester = np.where((kind >= 1) & (rng.random(n) < 0.4),
                             req_pool[rng.integers(0, len(req_pool), n)], -1)
        requester[requester == handler] = -1
        # description: a text of the trade with a complex number or a street
        cats = V.ORG_CATEGORIES
        tpl_off = np.cumsum([0] + [len(c["descriptions"]) for c in cats])
        n_tpl = np.diff(tpl_off)
        ocat = o.cat.to_numpy()[org]
        tpl = tpl_off[ocat] + (rng.integers(0, 1 << 30, n) % n_tpl[ocat])
        self.desc_templates = [d for c in cats for d in c["descriptions"]]
        self.con = pd.DataFrame({
            "date": date, "org": org, "kind": kind, "cents": cents, "handler": handler,
            "approver": approver, "requester": requester, "tpl": tpl,
            "cx": rng.integers(100, 990, n), "street": rng.integers(0, len(self.v.res_streets), n),
            "tag": np.full(n, -1, np.int64),
        })
        self.con_tags: list[str] = []
        self.say(f"contracts: {n:,}")

    def make_allocations(self) -> None:
        size, e = self.size, self.emp
        rng = self.rng("allocations")
        n = size.allocations
        kind = rng.choice(len(ALLOCATION_KINDS), n, p=ALLOCATION_KIND_P)
        date = self.workdays[rng.integers(0, len(self.workdays), n)]
        role, dept, thr = e.role.to_numpy(), e.dept.to_numpy(), e.throughout.to_numpy()
        ver = np.flatnonzero((dept == "Verhuur") & (role == "employee") & thr)
        won = np.flatnonzero((dept == "Wonen") & (role == "employee") & thr)
        won = won if len(won) else ver
        by_wonen = np.isin(kind, (1, 4))
        handler = np.where(by_wonen, won[rng.integers(0, len(won), n)],
                           ver[rng.integers(0, len(ver), n)])
        needs = np.isin(kind, (1, 2, 3)) | (rng.random(n) < 0.25)
        approver = np.where(needs, e.manager.to_numpy()[handler], -1)
        a = self.applicants(rng, n)
        a["date"], a["kind"], a["handler"], a["approver"] = date, kind, handler, approver
        a["unit"] = rng.integers(1, size.homes + 1, n)
        sale = kind == 3
        value = rng.integers(165_000, 340_000, n)
        a["discount"] = np.where(sale, (value * rng.uniform(0.1, 0.25, n) / 100).astype(
            np.int64) * 10_000, -1)
        a["tag"] = ""
        self.alloc = a
        self.say(f"allocations: {n:,}")

    def allocation_turns(self) -> None:
        """The applicant's place on the candidate list (``rank``) and the ``basis`` of each
        random allocation: mostly the first candidate by the list; urgency decisions by
        urgency; a few direct mediations (no list, so no rank); some exports leave both empty.

        A random stream of its own, so the other columns are what they were before these two
        existed."""
        a = self.alloc
        rng = self.rng("allocation-turns")
        n = len(a)
        urgency = a.kind.to_numpy() == ALLOCATION_KINDS.index("urgency")
        roll = rng.random(n)
        basis = np.where(urgency, "urgency", np.where(roll < 0.04, "direct", np.where(
            roll < 0.10, "", "list"))).astype(object)
        rank = np.where(rng.random(n) < 0.72, 1, 2 + rng.geometric(0.45, n) - 1)
        rank = np.where(urgency, 1, rank)
        rank[(basis == "direct") | (basis == "")] = -1
        a["rank"], a["basis"] = rank.astype(np.int64), basis

    def applicants(self, rng, n: int) -> pd.DataFrame:
        v = self.v
        sex = rng.integers(0, 2, n)
        bg = rng.choice(len(v.bgs), n, p=np.array([0.6, 0.1, 0.12, 0.1, 0.03, 0.05]))
        g, s = self.names(rng, bg, sex)
        age = 18 + rng.gamma(2.0, 12.0, n).clip(0, 72)
        bd = day_class(END - (age * 365.25).astype(np.int64), 2)
        addr, add = self.new_addresses(rng, self.cities(rng, n, 0.9))
        bank, acc = self.new_ibans(rng, n)
        no_iban = rng.random(n) >= 0.6
        bank[no_iban], acc[no_iban] = -1, -1
        ph = self.new_mobiles(rng, n)
        ph[rng.random(n) >= 0.85] = -1
        return pd.DataFrame({
            "name": self.full_names(g, s), "bd": bd, "addr": addr, "add": add,
            "bank": bank, "acc": acc, "phone": ph, "email": self.emails(rng, g, s, 0.8),
        })
