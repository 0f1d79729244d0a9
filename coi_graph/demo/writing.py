"""Every table written as real exports look: encodings, separators, date and amount styles.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from coi_graph.demo.arrays import ADDR_LI_BUSINESS, S, addr_split, concat, make_ids, sa
from coi_graph.demo.base import DemoBase
from coi_graph.demo.formats import (
    LETTER_PAIRS,
    date_of,
    fmt_cents,
    fmt_days,
    iban_compact,
    iban_spaced,
    write_csv,
    write_xlsx,
)
from coi_graph.demo.sizes import (
    ALLOCATION_KINDS,
    CONTRACT_KINDS,
    DIRECTOR_MANDATE_EUR,
    MANAGER_MANDATE_EUR,
)


class Writing(DemoBase):
    # ------------------------------------------------------------------ writing

    def dedupe_emails(self) -> None:
        """One address per person or organization: clashes get a number (jan.jansen2@...)."""
        frames = [self.emp, self.rel, self.alloc, self.org]
        allm = pd.Series(np.concatenate([f.email.to_numpy(dtype=object) for f in frames]))
        for _ in range(20):
            dup = allm.duplicated() & (allm != "")
            if not dup.any():
                break
            nth = allm.groupby(allm).cumcount() + 1
            parts = allm[dup].str.split("@", n=1)
            allm[dup] = [f"{p[0]}{k}@{p[1]}" for p, k in zip(parts, nth[dup])]
        start = 0
        for f in frames:
            f["email"] = allm.iloc[start:start + len(f)].to_numpy(dtype=object)
            start += len(f)

    def finish_ids(self) -> None:
        """Sort the tables as exports are sorted and give every row its identifier."""
        for name, rows in self.pending.items():
            if rows:
                frame = getattr(self, name)
                setattr(self, name, pd.concat([frame, pd.DataFrame(rows)], ignore_index=True))
        self.dedupe_emails()
        self.relink_emails()
        e, o = self.emp, self.org
        self.emp_id = make_ids("E", len(e), 4)
        self.org_id = make_ids("O", len(o), 5)
        r = self.rel
        rank = {"partner": 0, "child": 1, "parent": 2, "sibling": 3, "parent_in_law": 4}
        r["rank"] = r.relation.map(rank).astype(np.int64)
        if "g2" not in r:
            r["g2"] = -1
        r["g2"] = r.g2.fillna(-1).astype(np.int64)
        self.rel = r.sort_values(["emp", "rank", "bd"], kind="stable").reset_index(drop=True)
        self.rel_id = make_ids("R", len(self.rel), 5)
        # relatives were re-ordered: declarations point at them by position
        remap = np.empty(len(r), np.int64)
        remap[r.sort_values(["emp", "rank", "bd"], kind="stable").index.to_numpy()] = np.arange(
            len(r))
        d = self.decl
        d["rel"] = np.where(d.rel.to_numpy() >= 0, remap[np.maximum(d.rel.to_numpy(), 0)], -1)
        self.decl = d.sort_values(["vfrom"], kind="stable").reset_index(drop=True)
        self.decl_id = make_ids("D", len(self.decl), 4)
        self.con = self.con.sort_values(["date"], kind="stable").reset_index(drop=True)
        self.con_id = make_ids("C", len(self.con), 7)
        self.alloc = self.alloc.sort_values(["date"], kind="stable").reset_index(drop=True)
        self.alloc_id = make_ids("A", len(self.alloc), 6)
        self.gift = self.gift.sort_values(["date"], kind="stable").reset_index(drop=True)
        self.gift_id = make_ids("G", len(self.gift), 4)
        role_rank = {"bestuurder": 0, "commissaris": 1, "vennoot": 0, "eigenaar": 0,
                     "aandeelhouder": 2, "ubo": 3}
        off = self.off
        off["rank"] = off.role.map(role_rank).astype(np.int64)
        off["kvk"] = o.kvk.to_numpy()[off.org.to_numpy()]
        self.off = off.sort_values(["kvk", "rank", "vfrom"], kind="stable").reset_index(drop=True)
        self.append_late(remap, role_rank)

    def append_late(self, remap: np.ndarray, role_rank: dict[str, int]) -> None:
        """The rows of ``self.late`` after the sorted rows, numbered on: a later extract.

        Every earlier row keeps its id (and the officers their line), so the findings of the
        earlier cases keep their ids."""
        late = self.late
        self.n_late.update({k: len(rows) for k, rows in late.items() if k != "off"})
        if late["con"]:
            self.con = pd.concat([self.con, pd.DataFrame(late["con"])], ignore_index=True)
            self.con_id = make_ids("C", len(self.con), 7)
        if late["alloc"]:
            self.alloc = pd.concat([self.alloc, pd.DataFrame(late["alloc"])], ignore_index=True)
            self.alloc_id = make_ids("A", len(self.alloc), 6)
        if late["decl"]:
            d = pd.DataFrame(late["decl"])
            d["rel"] = np.where(d.rel.to_numpy() >= 0, remap[np.maximum(d.rel.to_numpy(), 0)],
                                -1)
            self.decl = pd.concat([self.decl, d], ignore_index=True)
            self.decl_id = make_ids("D", len(self.decl), 4)
        off = self.off
        off["officer_kvk"] = off.officer_kvk.fillna(-1).astype(np.int64) \
            if "officer_kvk" in off else -1
        if late["off"]:
            extra = pd.DataFrame(late["off"])
            extra["rank"] = extra.role.map(role_rank).astype(np.int64)
            extra["kvk"] = self.org.kvk.to_numpy()[extra.org.to_numpy()]
            extra = extra.sort_values(["kvk", "rank", "vfrom"], kind="stable")
            self.off = pd.concat([off, extra], ignore_index=True)

    def draw(self, rng, table: str, draw) -> np.ndarray:
        """``draw(rng, k)`` for the rows of ``table``: the earlier rows from the formats
        stream, the late rows (``self.late``, the new organizations) from a stream of their
        own, so the earlier rows are written exactly as before the late ones existed."""
        frame = {"org": self.org, "decl": self.decl, "con": self.con, "alloc": self.alloc}[table]
        n_late = self.n_late.get(table, 0)
        head = draw(rng, len(frame) - n_late)
        if not n_late:
            return head
        if not hasattr(self, "late_rng"):
            self.late_rng = self.rng("formats-late")
        return np.concatenate([head, draw(self.late_rng, n_late)])

    def addr_cols(self, keys: np.ndarray, adds: np.ndarray):
        v = self.v
        keys = np.asarray(keys, np.int64)
        ok = keys >= 0
        pc4, li, hn = addr_split(np.where(ok, keys, 0))
        letters = np.array(LETTER_PAIRS, object)[li]
        biz = li >= ADDR_LI_BUSINESS
        street = np.where(biz, v.bus_streets[(pc4 * 17 + li) % len(v.bus_streets)],
                          v.res_streets[(pc4 * 31 + li) % len(v.res_streets)])
        city = v.cities[np.maximum(v.pc4_city[pc4], 0)]
        blank = np.full(len(keys), "", object)
        return {
            "street": np.where(ok, street, blank),
            "number": np.where(ok, hn.astype(str).astype(object),
                                                                blank),
            "pc4": np.where(ok, pc4.astype(str).astype(object), blank),
            "letters": np.where(ok, letters, blank), "city": np.where(ok, city, blank),
            "add": np.where(ok, np.asarray(adds, object), blank), "ok": ok,
        }

    def phones(self, keys: np.ndarray, style: np.ndarray) -> np.ndarray:
        """Mobile keys -> ``06-12345678`` and variants; landline keys -> ``030-1234567``."""
        keys = np.asarray(keys, np.int64)
        out = np.full(len(keys), "", object)
        mob = (keys >= 0) & ((keys < 10**9) | (keys >= 10**12))
        mk = np.where(keys >= 10**12, keys - 10**12, keys)[mob]
        digits = sa(mk.astype(str))
        st = np.asarray(style)[mob]
        forms = [
            np.strings.add("06-", digits), np.strings.add("06 ", digits),
            np.strings.add("+31 6 ", digits), np.strings.add("06", digits),
        ]
        out[mob] = np.choose(st % 4, [f.astype(object) for f in forms])
        land = (keys >= 10**9) & (keys < 10**12)
        if land.any():
            city = (keys[land] - 10**9) // 10**7
            sub = (keys[land] % 10**7).astype(str).astype(object)
            out[land] = concat(self.v.city_area[city], "-", sub)
        return out

    def write(self, data: Path) -> dict[str, int]:
        v, e, o = self.v, self.emp, self.org
        rng = self.rng("formats")
        counts: dict[str, int] = {}

        # employees.csv: Windows-1252, ';', Dutch dates, spaced IBANs, '1234ab' postcodes
        n = len(e)
        a = self.addr_cols(e.addr.to_numpy(), e["add"].to_numpy())
        pc = np.where(rng.random(n) < 0.2, concat(a["pc4"], np.strings.lower(sa(a["letters"]))),
                      concat(a["pc4"], " ", a["letters"]))
        iban = iban_spaced(iban_compact(e.bank.to_numpy(), e.acc.to_numpy()))
        mgr_id = self.emp_id[e.manager.to_numpy()]
        counts["employees"] = write_csv(
            data / "employees.csv",
            ["employee_id", "name", "role", "department", "functie", "leidinggevende",
             "employed_from", "employed_until", "birth_date", "street", "house_number",
             "house_number_addition", "postcode", "city", "iban", "email", "phone"],
            [self.emp_id, e.name.to_numpy(), e.role.to_numpy(), e.dept.to_numpy(),
             e.title.to_numpy(), np.where(e.role.to_numpy() == "supervisory_board", "", mgr_id),
             fmt_days(e.emp_from.to_numpy(), "nl"), fmt_days(e.emp_until.to_numpy(), "nl"),
             fmt_days(e.bd.to_numpy(), "nl"), a["street"], a["number"], a["add"], pc, a["city"],
             iban, e.email.to_numpy(), self.phones(e.phone.to_numpy(), np.zeros(n, int))],
            sep=";", encoding="cp1252", newline="\r\n")

        # relatives.csv: UTF-8 with BOM, ';', dates 1-3-1975, additions glued to the number
        r = self.rel
        n = len(r)
        a = self.addr_cols(r.addr.to_numpy(), r["add"].to_numpy())
        glue = rng.random(n) < 0.6
        sep_add = np.where(np.char.str_len(a["add"].astype(str)) > 1, " ", "")
        sep_add = np.where(np.char.isdigit(a["add"].astype(str)), "-", sep_add)
        glued = concat(a["number"], sep_add.astype(object), a["add"])
        has_add = a["add"] != ""
        number = np.where(glue & has_add, glued, a["number"])
        addition = np.where(glue & has_add, "", a["add"])
        gname = v.given[r.g.to_numpy()].copy()
        m2 = r.g2.to_numpy() >= 0
        gname[m2] = concat(gname[m2], " ", v.given[r.g2.to_numpy()[m2]])
        name = self.full_names(r.g.to_numpy(), r.s.to_numpy(), r.s2.to_numpy())
        name[m2] = concat(gname[m2], " ", v.sur_full[r.s.to_numpy()[m2]])
        counts["relatives"] = write_csv(
            data / "relatives.csv",
            ["relative_id", "employee_id", "relation", "name", "birth_date", "valid_from",
             "valid_until", "street", "house_number", "house_number_addition", "postcode",
             "city", "phone", "email"],
            [self.rel_id, self.emp_id[r.emp.to_numpy()], r.relation.to_numpy(), name,
             fmt_days(r.bd.to_numpy(), "nl_short"), fmt_days(r.vfrom.to_numpy(), "nl_short"),
             fmt_days(r.vuntil.to_numpy(), "nl_short"), a["street"], number, addition,
             concat(a["pc4"], " ", a["letters"]), a["city"],
             self.phones(r.phone.to_numpy(), np.ones(n, int)), r.email.to_numpy()],
            sep=";", encoding="utf-8-sig")

        # organizations: xlsx (KvK numbers as numbers lose their leading zero) or CSV
        n = len(o)
        a = self.addr_cols(o.addr.to_numpy(), o["add"].to_numpy())
        kvk8 = np.strings.zfill(o.kvk.to_numpy().astype(S), 8).astype(object)
        kstyle = self.draw(rng, "org", lambda r, k: r.choice(3, k, p=[0.55, 0.3, 0.15]))
        # kstyle: text, number, "1234 5678"
        spaced = concat(np.strings.slice(sa(kvk8), 0, 4), " ", np.strings.slice(sa(kvk8), 4, 8))
        ib = iban_compact(o.bank.to_numpy(), o.acc.to_numpy())
        istyle = self.draw(rng, "org", lambda r, k: r.choice(3, k, p=[0.5, 0.3, 0.2]))
        istyle[self.ocast["O5"]] = 2  # the planted IBAN: written unlike the employee's
        ib = np.where(istyle == 1, iban_spaced(ib),
                      np.where(istyle == 2, np.strings.lower(sa(ib)).astype(object), ib))
        crediteur = concat("CR", np.strings.zfill((o.index.to_numpy() * 7 + 10_007).astype(S), 6))
        header = ["org_id", "name", "kvk_number", "org_type", "street", "house_number",
                  "house_number_addition", "postcode", "city", "iban", "email", "phone",
                  "crediteurnummer"]
        phone = self.phones(o.phone.to_numpy(), np.zeros(n, int))
        pcs = concat(a["pc4"], " ", a["letters"])
        if self.size.spreadsheets:
            kv = [int(k) if st == 1 else (s if st == 2 else k8)
                  for k, k8, s, st in zip(o.kvk.tolist(), kvk8.tolist(), spaced.tolist(),
                                          kstyle.tolist())]
            num = [int(x) for x in a["number"].tolist()]
            rows = list(zip(self.org_id.tolist(), o.name.tolist(), kv, o.org_type.tolist(),
                            a["street"].tolist(), num, [x or None for x in a["add"].tolist()],
                            pcs.tolist(), a["city"].tolist(), ib.tolist(),
                            [x or None for x in o.email.tolist()],
                            [x or None for x in phone.tolist()], crediteur.tolist()))
            counts["organizations"] = write_xlsx(data / "organizations.xlsx", header, rows,
                                                 sheet="Crediteuren")
        else:
            kv = np.where(kstyle == 1, o.kvk.to_numpy().astype(str).astype(object),
                          np.where(kstyle == 2, spaced, kvk8))
            counts["organizations"] = write_csv(
                data / "organizations.csv", header,
                [self.org_id, o.name.to_numpy(), kv, o.org_type.to_numpy(), a["street"],
                 a["number"], a["add"], pcs, a["city"], ib, o.email.to_numpy(), phone,
                 crediteur], sep=",", encoding="utf-8")

        # officers.csv: UTF-8, ',', ISO dates; the line number is the evidence
        off = self.off
        counts["officers"] = write_csv(
            data / "officers.csv",
            ["kvk_number", "name", "role", "birth_date", "valid_from", "valid_until",
             "officer_kvk_number"],
            [np.strings.zfill(off.kvk.to_numpy().astype(S), 8).astype(object),
             off.name.to_numpy(), off.role.to_numpy(), fmt_days(off.bd.to_numpy(), "iso"),
             fmt_days(off.vfrom.to_numpy(), "iso"), fmt_days(off.vuntil.to_numpy(), "iso"),
             np.where(off.officer_kvk.to_numpy() >= 0, np.strings.zfill(np.maximum(
                 off.officer_kvk.to_numpy(), 0).astype(S), 8).astype(object), "")],
            sep=",", encoding="utf-8")

        # declarations: xlsx with date cells (or CSV for large), status in mixed case
        d = self.decl
        n = len(d)
        st = d.status.to_numpy().copy()
        roll = self.draw(rng, "decl", lambda r, k: r.random(k))
        st = np.where(roll < 0.25, np.strings.capitalize(sa(st)).astype(object), st)
        st = np.where(roll > 0.95, np.strings.upper(sa(st)).astype(object), st)
        rel_id = np.where(d.rel.to_numpy() >= 0, self.rel_id[np.maximum(d.rel.to_numpy(), 0)],
                          "")
        org_id = np.where(d.org.to_numpy() >= 0, self.org_id[np.maximum(d.org.to_numpy(), 0)],
                          "")
        kvk = np.where(d.kvk.to_numpy() >= 0,
                       np.strings.zfill(np.maximum(d.kvk.to_numpy(), 0).astype(S), 8).astype(
                           object), "")
        dec_by = np.where(d.decided_by.to_numpy() >= 0,
                          self.emp_id[np.maximum(d.decided_by.to_numpy(), 0)], "")
        header = ["declaration_id", "employee_id", "relative_id", "org_id", "org_name",
                  "kvk_number", "kind", "position", "share_pct", "paid", "valid_from",
                  "valid_until", "status", "decided_by", "decided_on", "omschrijving"]
        share = d.share.to_numpy(dtype=float)
        if self.size.spreadsheets:
            def day(x):
                return date_of(int(x))
            rows = [
                (i, em, rl or None, og or None, on or None, kv or None, k, p,
                 None if np.isnan(sh) else float(sh), pd_ or None, day(vf), day(vu), s_,
                 db or None, day(do), ds or None)
                for i, em, rl, og, on, kv, k, p, sh, pd_, vf, vu, s_, db, do, ds in zip(
                    self.decl_id.tolist(), self.emp_id[d.emp.to_numpy()].tolist(),
                    rel_id.tolist(), org_id.tolist(), d.org_name.tolist(), kvk.tolist(),
                    d.kind.tolist(), d.position.tolist(), share.tolist(), d.paid.tolist(),
                    d.vfrom.tolist(), d.vuntil.tolist(), st.tolist(), dec_by.tolist(),
                    d.decided_on.tolist(), d.descr.tolist())
            ]
            counts["declarations"] = write_xlsx(data / "declarations.xlsx", header, rows,
                                                sheet="Integriteitsregister")
        else:
            sh = np.where(np.isnan(share), "", np.char.replace(
                np.round(np.nan_to_num(share), 1).astype(str), ".", ",")).astype(object)
            counts["declarations"] = write_csv(
                data / "declarations.csv", header,
                [self.decl_id, self.emp_id[d.emp.to_numpy()], rel_id, org_id,
                 d.org_name.to_numpy(), kvk, d.kind.to_numpy(), d.position.to_numpy(), sh,
                 d.paid.to_numpy(), fmt_days(d.vfrom.to_numpy(), "nl"),
                 fmt_days(d.vuntil.to_numpy(), "nl"), st, dec_by,
                 fmt_days(d.decided_on.to_numpy(), "nl"), d.descr.to_numpy()],
                sep=";", encoding="utf-8-sig")

        # contracts.csv: Windows-1252, ';', Dutch amounts with and without the euro sign
        c = self.con
        n = len(c)
        # every text a template can give, once: (template, complex number or street)
        texts = []
        for t_ in self.desc_templates:
            if "{n}" in t_:
                texts += [t_.replace("{n}", str(x)) for x in range(1000)]
            elif "{street}" in t_:
                texts += [t_.replace("{street}", x) for x in v.res_streets] + [t_] * (
                    1000 - len(v.res_streets))
            else:
                texts += [t_] * 1000
        has_n = np.array(["{n}" in t_ for t_ in self.desc_templates])
        arg = np.where(has_n[c.tpl.to_numpy()], c.cx.to_numpy(), c.street.to_numpy())
        desc = np.array(texts, object)[c.tpl.to_numpy() * 1000 + arg]

        def emp_or_blank(x: np.ndarray) -> np.ndarray:
            return np.where(x >= 0, self.emp_id[np.maximum(x, 0)], "")

        counts["contracts"] = write_csv(
            data / "contracts.csv",
            ["decision_id", "kind", "org_id", "amount_eur", "decision_date", "handled_by",
             "approved_by", "requested_by", "description"],
            [self.con_id, np.array(CONTRACT_KINDS, object)[c.kind.to_numpy()],
             self.org_id[c.org.to_numpy()],
             fmt_cents(c.cents.to_numpy(), self.draw(rng, "con", lambda r, k: r.random(k)) < 0.3),
             fmt_days(c.date.to_numpy(), "nl"), self.emp_id[c.handler.to_numpy()],
             emp_or_blank(c.approver.to_numpy()), emp_or_blank(c.requester.to_numpy()),
             desc],
            sep=";", encoding="cp1252", newline="\r\n")

        # allocations.csv: UTF-8, ',', ISO dates, applicant details as the system has them
        al = self.alloc
        n = len(al)
        a = self.addr_cols(al.addr.to_numpy(), al["add"].to_numpy())
        add_style = al.add_style.fillna(0).to_numpy(dtype=np.int64) if "add_style" in al \
            else np.zeros(n, np.int64)
        glue = (self.draw(rng, "alloc", lambda r, k: r.random(k)) < 0.7) | (add_style == 1)
        low = np.strings.lower(sa(a["add"])).astype(object)
        number = np.where(glue & (a["add"] != ""),
                          concat(a["number"], np.where(np.char.isdigit(a["add"].astype(str)), "-",
                                                     "").astype(object), low), a["number"])
        addition = np.where(glue, "", a["add"])
        rank = al["rank"].fillna(-1).to_numpy(dtype=np.int64)
        al["basis"] = al.basis.fillna("").astype(object)
        ib = np.where(al.bank.to_numpy() >= 0, iban_compact(np.maximum(al.bank.to_numpy(), 0),
                                                            np.maximum(al.acc.to_numpy(), 0)),
                      "")
        counts["allocations"] = write_csv(
            data / "allocations.csv",
            ["decision_id", "kind", "decision_date", "handled_by", "approved_by", "unit_id",
             "applicant_name", "applicant_birth_date", "applicant_street",
             "applicant_house_number", "applicant_house_number_addition", "applicant_postcode",
             "applicant_city", "applicant_iban", "applicant_email", "applicant_phone",
             "discount_eur", "rank", "basis"],
            [self.alloc_id, np.array(ALLOCATION_KINDS, object)[al.kind.to_numpy()],
             fmt_days(al.date.to_numpy(), "iso"), self.emp_id[al.handler.to_numpy()],
             emp_or_blank(al.approver.to_numpy()),
             concat("VHE", np.strings.zfill(al.unit.to_numpy().astype(S), 6)),
             al.name.to_numpy(), fmt_days(al.bd.to_numpy(), "iso"), a["street"], number,
             addition, concat(a["pc4"], a["letters"]), a["city"], ib, al.email.to_numpy(),
             self.phones(al.phone.to_numpy(), self.draw(rng, "alloc",
                                                        lambda r, k: r.integers(0, 4, k))),
             np.where(al.discount.to_numpy() >= 0,
                      fmt_cents(np.maximum(al.discount.to_numpy(), 0), style="plain"), ""),
             np.where(rank >= 0, rank.astype(str).astype(object), ""), al.basis.to_numpy()],
            sep=",", encoding="utf-8")

        # gifts.csv: UTF-8, ';', values '€ 45,00', booleans ja/nee
        gf = self.gift
        n = len(gf)
        val = np.where(gf.cents.to_numpy() >= 0,
                       fmt_cents(np.maximum(gf.cents.to_numpy(), 0), np.ones(n, bool)), "")
        counts["gifts"] = write_csv(
            data / "gifts.csv",
            ["gift_id", "employee_id", "org_id", "org_name", "date", "kind", "value_eur",
             "handed_in", "reported", "description"],
            [self.gift_id, self.emp_id[gf.emp.to_numpy()], self.org_id[gf.org.to_numpy()],
             o.name.to_numpy()[gf.org.to_numpy()], fmt_days(gf.date.to_numpy(), "slash"),
             gf.kind.to_numpy(), val, gf.handed_in.to_numpy(), gf.reported.to_numpy(),
             gf.descr.to_numpy()],
            sep=";", encoding="utf-8")
        counts["mandates"] = self.write_mandates(data)
        return dict(sorted(counts.items()))

    def write_mandates(self, data: Path) -> int:
        """mandates.csv: UTF-8, ';', Dutch amounts: the director's, every manager's, and the
        staff of the split-order cases (the others have none: the policy decides)."""
        e = self.emp
        rows = [(int(i), DIRECTOR_MANDATE_EUR) for i in np.flatnonzero(
            e.role.to_numpy() == "director")]
        rows += [(int(i), MANAGER_MANDATE_EUR) for i in np.flatnonzero(
            e.role.to_numpy() == "manager")]
        rows += sorted(getattr(self, "mandates", []))
        who = np.array([i for i, _ in rows], np.int64)
        cents = np.array([eur * 100 for _, eur in rows], np.int64)
        since = np.maximum(e.emp_from.to_numpy()[who], self.start - 365)
        return write_csv(
            data / "mandates.csv",
            ["employee_id", "limit_eur", "kind", "valid_from", "valid_until"],
            [self.emp_id[who], fmt_cents(cents), np.full(len(who), "", object),
             fmt_days(since, "nl"), np.full(len(who), "", object)],
            sep=";", encoding="utf-8")
