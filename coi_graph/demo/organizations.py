"""The vendor master and its KvK extract (officers).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coi_graph.demo import names as V
from coi_graph.demo.arrays import S, concat, day_class, sa, years
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import DAY_NA, day_of, fold_ascii, slug
from coi_graph.demo.sizes import END


class Organizations(DemoBase):
    # ------------------------------------------------------------------ organizations

    def make_organizations(self) -> None:
        v, size = self.v, self.size
        rng = self.rng("organizations")
        cats = V.ORG_CATEGORIES
        n_inst = min(len(V.INSTITUTIONS), max(4, size.organizations // 60))
        n = size.organizations - n_inst
        share = np.array([c["share"] for c in cats])
        cat = rng.choice(len(cats), n, p=share / share.sum())
        words = np.array(V.ORG_WORDS, object)
        base = np.empty(n, object)
        dom = np.empty(n, object)  # the e-mail domain: the name in lower-case ASCII
        form = np.empty(n, object)
        sur_slug = np.array([slug(x) for x in v.sur_cap], object)
        word_slug = np.array([slug(x) for x in words], object)
        city_slug = np.array([slug(x) for x in v.cities], object)
        city = self.cities(rng, n, 0.55)
        # name patterns and legal forms of all categories in flat arrays
        pats = [p for c in cats for p in c["names"]]
        pat_off = np.cumsum([0] + [len(c["names"]) for c in cats])
        n_pat = np.maximum(np.diff(pat_off), 1)
        pats_a = np.array(pats, object)
        pats_slug = np.array([slug(p.replace("{S2}", "qqtq").replace("{S}", "qqsq")
                                   .replace("{W}", "qqwq")) for p in pats], object)
        forms_a = np.array([f for c in cats for f in c["forms"]], object)
        form_off = np.cumsum([0] + [len(c["forms"]) for c in cats])
        n_form = np.diff(form_off)
        todo = np.arange(n)
        for attempt in range(12):
            if not len(todo):
                break
            m = len(todo)
            ct = cat[todo]
            pi = pat_off[ct] + rng.integers(0, 1 << 30, m) % n_pat[ct]
            si = np.where(rng.random(m) < 0.85, v.nl_sur[rng.integers(0, len(v.nl_sur), m)],
                          rng.integers(0, len(v.sur_core), m))
            s2i = v.nl_sur[rng.integers(0, len(v.nl_sur), m)]
            wi = rng.integers(0, len(words), m)
            t = sa(pats_a[pi])
            d_ = sa(pats_slug[pi])
            for ph, dph, fill, fslug in (("{S2}", "qqtq", v.sur_cap[s2i], sur_slug[s2i]),
                                         ("{S}", "qqsq", v.sur_cap[si], sur_slug[si]),
                                         ("{W}", "qqwq", words[wi], word_slug[wi])):
                t = np.strings.replace(t, ph, sa(fill))
                d_ = np.strings.replace(d_, dph, sa(fslug))
            if attempt >= 2:  # crowded: qualify with the place of business
                t = np.strings.add(np.strings.add(t, " "), sa(v.cities[city[todo]]))
                d_ = np.strings.add(d_, sa(city_slug[city[todo]]))
            if attempt >= 5:
                num = rng.integers(2, 99, m).astype(S)
                t = np.strings.add(np.strings.add(t, " "), num)
                d_ = np.strings.add(d_, num)
            base[todo] = t.astype(object)
            dom[todo] = d_.astype(object)
            form[todo] = forms_a[form_off[ct] + rng.integers(0, 1 << 30, m) % n_form[ct]]
            low = pd.Series(base).str.lower()
            todo = np.flatnonzero(low.duplicated(keep="first").to_numpy())
        if len(todo):  # pragma: no cover
            raise RuntimeError("could not make organization names unique")
        inst = np.array(V.INSTITUTIONS[:n_inst], object)
        inst_cat = len(cats) - 1
        o = pd.DataFrame({
            "cat": np.concatenate([cat, np.full(n_inst, inst_cat)]),
            "base": np.concatenate([base, inst]),
            "dom": np.concatenate([dom, np.array([slug(x) for x in inst], object)]),
            "form": np.concatenate([form, np.full(n_inst, "", object)]),
            "city": np.concatenate([city, v.region[rng.integers(0, len(v.region), n_inst)]]),
        })
        perm = rng.permutation(len(o))  # vendor numbers follow no pattern
        o = o.iloc[perm].reset_index(drop=True)
        no = len(o)
        o["name"] = concat(o.base.to_numpy(), o.form.to_numpy())
        o["org_type"] = np.array([c["org_type"] for c in cats], object)[o.cat.to_numpy()]
        o["dept"] = np.array([c["department"] for c in cats], object)[o.cat.to_numpy()]
        is_inst = o.org_type.to_numpy() == "institution"
        form_a = o.form.to_numpy()
        o["struct"] = np.select(
            [is_inst, np.char.find(form_a.astype(str), "B.V.") >= 0,
             np.char.find(form_a.astype(str), "N.V.") >= 0,
             np.char.find(form_a.astype(str), "V.O.F.") >= 0],
            ["none", "bv", "nv", "vof"], "eenmanszaak")
        o["kvk"] = self.new_kvks(rng, no)
        one_man = o.struct.to_numpy() == "eenmanszaak"
        o["addr"], o["add"] = self.new_addresses(rng, o.city.to_numpy(),
                                                 ~(one_man & (rng.random(no) < 0.5)))
        o["bank"], o["acc"] = self.new_ibans(rng, no)
        mobile = one_man & (rng.random(no) < 0.5)
        ph = self.new_landlines(rng, o.city.to_numpy())
        ph[mobile] = self.new_mobiles(rng, int(mobile.sum())) + 10**12  # mark as mobile
        ph[rng.random(no) < 0.05] = -1
        o["phone"] = ph
        dom = o.dom.to_numpy()
        box = np.array(["info", "administratie", "facturen", "offerte", "post"], object)
        o["email"] = concat(box[rng.integers(0, len(box), no)], "@", dom, ".nl")
        o.loc[rng.random(no) < 0.04, "email"] = ""
        # how much business an organization gets: a long tail, and a fifth is dormant
        w = 1.0 / (rng.permutation(no) + 5.0) ** 0.85
        w[rng.random(no) < 0.2] = 0.0
        w[is_inst] = np.maximum(w[is_inst], np.median(w[w > 0]))
        o["weight"] = w
        o["tag"] = ""
        o["noise_decisions"] = True
        self.org = o
        self.say(f"organizations: {no:,}")

    def make_officers(self) -> None:
        """KvK extract: 1-3 officers per business, the same person often in two roles."""
        v, o = self.v, self.org
        rng = self.rng("officers")
        # structures: list of (role, person slot); slot "H" is a holding company
        structures = {
            "eenmanszaak": [([("eigenaar", 0)], 1.0)],
            "vof": [([("vennoot", 0), ("vennoot", 1)], 1.0)],
            "bv": [([("bestuurder", 0), ("ubo", 0)], 0.35),
                   ([("bestuurder", 0), ("aandeelhouder", "H")], 0.25),
                   ([("bestuurder", 0), ("bestuurder", 1), ("ubo", 0)], 0.25),
                   ([("bestuurder", 0), ("aandeelhouder", "H"), ("ubo", 0)], 0.15)],
            "nv": [([("bestuurder", 0), ("commissaris", 1), ("commissaris", 2)], 1.0)],
        }
        struct = o.struct.to_numpy()
        founded = rng.integers(day_of(dt.date(1978, 1, 1)), END - 200, len(o))
        frames = []
        for code, variants in structures.items():
            orgs = np.flatnonzero(struct == code)
            if not len(orgs):
                continue
            pick = rng.choice(len(variants), len(orgs), p=[p for _, p in variants])
            for vi, (roles, _) in enumerate(variants):
                rows = orgs[pick == vi]
                if not len(rows):
                    continue
                n = len(rows)
                slots = sorted({sl for _, sl in roles if sl != "H"})
                people = {}
                for sl in slots:
                    sex = rng.integers(0, 2, n)
                    sex[rng.random(n) < 0.4] = 0
                    bg = rng.choice(len(v.bgs), n, p=v.bg_p)
                    g, s = self.names(rng, bg, sex)
                    age = rng.uniform(26, 74, n)
                    bd = day_class(END - (age * 365.25).astype(np.int64), 1)
                    style = rng.choice(3, n, p=[0.5, 0.3, 0.2])
                    g2 = np.where(rng.random(n) < 0.4, rng.integers(0, len(v.given), n), -1)
                    people[sl] = (g, s, bd, style, g2)
                for role, sl in roles:
                    if sl == "H":
                        s = v.nl_sur[rng.integers(0, len(v.nl_sur), n)]
                        name = concat(v.sur_cap[s], " Holding B.V.")
                        bd = np.full(n, DAY_NA, np.int64)
                    else:
                        g, s, bd, style, g2 = people[sl]
                        name = self.officer_names(g, s, style, g2)
                    vf = np.maximum(founded[rows], bd + years(21)) if sl != "H" else \
                        founded[rows]
                    frames.append(pd.DataFrame({
                        "org": rows, "role": role, "name": name, "bd": bd, "vfrom": vf,
                        "slot": str(sl)}))
        off = pd.concat(frames, ignore_index=True)
        no = len(off)
        vu = np.full(no, DAY_NA, np.int64)
        gone = (rng.random(no) < 0.07) & (off.vfrom.to_numpy() < END - 800)
        vu[gone] = rng.integers(off.vfrom.to_numpy()[gone] + 300, END - 100)
        off["vuntil"] = vu
        off["tag"] = ""
        self.off = off
        self.say(f"officers: {no:,}")

    def unique_officers(self) -> None:
        """One officer per person: two officers at different organizations with the same
        surname, initial and birth date would be one person linking the two (a supplier
        network), so the later one is born three days earlier (still an officer's date).

        Runs after the officers were drawn and draws nothing, so every other value stays."""
        off = self.off
        self.officer_keys: set[tuple[str, int]] = set()
        for _ in range(50):
            keys = [officer_key(n, int(b)) for n, b in zip(off.name.tolist(), off.bd.tolist())]
            frame = pd.DataFrame({"key": keys, "org": off.org.to_numpy(),
                                  "valid": off.bd.to_numpy() != DAY_NA})
            first_org = frame[frame.valid].groupby("key").org.transform("first")
            clash = frame.index[frame.valid][(frame.org[frame.valid] != first_org).to_numpy()]
            if not len(clash):
                break
            off.loc[clash, "bd"] = off.bd.to_numpy()[clash] - 3
        else:  # pragma: no cover - one or two rounds do it
            raise RuntimeError("could not make officers unique")
        self.officer_keys = set(keys)

    def officer_names(self, g, s, style, g2) -> np.ndarray:
        """KvK style ``Vries, Jan de``, initials ``J.P. de Vries`` or plain ``Jan de Vries``."""
        v = self.v
        kvk = concat(v.sur_core[s], ", ", v.given[g], v.sur_tv_suffix[s])
        init = v.given_init[g].copy()
        m = g2 >= 0
        init[m] = concat(init[m], v.given_init[g2[m]])
        ini = concat(init, " ", v.sur_full[s])
        plain = concat(v.given[g], " ", v.sur_full[s])
        return np.where(style == 0, kvk, np.where(style == 1, ini, plain))


def officer_key(name: str, bd: int) -> tuple[str, int]:
    """``(surname|initial, birth day)`` of an officer name in any of the KvK styles.

    >>> officer_key("Vries, Jan de", 1) == officer_key("J.P. de Vries", 1)
    True
    """
    text = fold_ascii(name).lower()
    if "," in text:
        surname, given = text.split(",", 1)
        initial = given.strip()[:1]
    else:
        surname, initial = text, text[:1]
    return f"{surname.split()[-1]}|{initial}", bd
