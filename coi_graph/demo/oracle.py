"""The answer key (``planted.json``): every planted case a scan must find and every
look-alike it must not flag, with the story that a reader can check in the data.
"""

from __future__ import annotations

import numpy as np

from coi_graph.demo.base import DemoBase


class Oracle(DemoBase):
    """The planted cases and look-alikes as ``planted.json`` lists them."""

    def manifest_rows(self) -> tuple[list[dict], list[dict]]:
        e, o, c, oc = self.emp, self.org, self.cast, self.ocast
        con_tag = np.array(self.con_tags + [""], object)[self.con.tag.to_numpy()]
        con_at = {t: str(self.con_id[i]) for i, t in enumerate(con_tag.tolist()) if t}
        alloc_at = {t: str(self.alloc_id[i]) for i, t in enumerate(self.alloc.tag.tolist())
                    if t}
        decl_at = {t: str(self.decl_id[i]) for i, t in enumerate(self.decl.tag.tolist()) if t}
        gift_at = {t: str(self.gift_id[i]) for i, t in enumerate(self.gift.tag.tolist()) if t}
        off_at = {t: i + 2 for i, t in enumerate(self.off.tag.tolist()) if t}
        E = lambda k: str(self.emp_id[c[k]])
        O = lambda k: f"organization:{self.org_id[oc[k]]}"
        en = lambda k: f"{e.name[c[k]]} ({E(k)})"
        on = lambda k: f"{o.name[oc[k]]} ({self.org_id[oc[k]]})"
        rel = self.rel
        rname = {t: self.rel_name(i) for i, t in enumerate(rel.tag.tolist()) if t}
        rrel = {t: r_.replace("_", "-") for t, r_ in zip(rel.tag.tolist(), rel.relation.tolist())
                if t}

        def case(i, rule, subj, cp, story, decision="", record=""):
            return {"id": i, "rule": rule, "decision_id": decision, "record": record,
                    "subject_id": E(subj), "counterparty": cp, "story": story,
                    "decision_ids": [decision] if decision else [], "needs": []}

        def app(t):
            return f"applicant:{alloc_at[t]}"

        cases = [
            case("P01", "self_interest", "H1", O("O1"),
                 f"{en('H1')} holds a declared and approved 30% share in {on('O1')} and "
                 f"handled a purchase order with it.", con_at["P01"]),
            case("P02", "self_interest", "A1", O("O2"),
                 f"{en('A1')} approved a EUR 38,500 contract with {on('O2')}, where the KvK "
                 f"lists them as bestuurder (written with initials); nothing was declared.",
                 con_at["P02"]),
            case("P03", "undeclared_interest", "A1", O("O2"),
                 f"The KvK lists {en('A1')} as bestuurder of {on('O2')} without a declaration.",
                 record=f"officers:{off_at['P03']}"),
            case("P04", "relative_interest", "H2", O("O3"),
                 f"{en('H2')} handled a purchase order with {on('O3')}, whose director is their "
                 f"child {rname['P04']} (declared and approved).", con_at["P04"]),
            case("P05", "relative_interest", "A2", O("O4"),
                 f"{en('A2')} approved a EUR 64,250 contract with {on('O4')}, where their "
                 f"partner {rname['P05']} is KvK bestuurder; not declared.", con_at["P05"]),
            case("P06", "undeclared_interest", "A2", O("O4"),
                 f"The partner of {en('A2')}, {rname['P05']}, is KvK bestuurder of {on('O4')} "
                 f"without a declaration.", record=f"officers:{off_at['P06']}"),
            case("P07", "allocation_to_self", "H3", app("P07"),
                 f"{en('H3')} handled the allocation of a home to themself, the applicant "
                 f"written as '{self.alloc.name[self.alloc.tag == 'P07'].iloc[0]}' with the same "
                 f"birth date.", alloc_at["P07"]),
            case("P08", "allocation_to_relative", "A3", app("P08"),
                 f"{en('A3')} approved an urgency allocation to their declared child "
                 f"{rname['P08']} (same name and birth date).", alloc_at["P08"]),
            case("P09", "shared_identifier", "H4", O("O5"),
                 f"{en('H4')} handled an invoice of {on('O5')}, whose IBAN is the handler's "
                 f"own account (written differently); no declaration.", con_at["P09"]),
            case("P10", "shared_identifier", "H5", app("P10"),
                 f"{en('H5')} allocated a home to an applicant who lives at the handler's own "
                 f"address, has another surname and is not a declared relative (an undeclared "
                 f"partner).", alloc_at["P10"]),
            case("P11", "gift_before_decision", "A4", O("O6"),
                 f"Director {en('A4')} accepted a EUR 450 study trip from {on('O6')} "
                 f"({gift_at['P11']}) 60 days before approving its EUR 1.24 million tender "
                 f"award.", con_at["P11"]),
            case("P12", "undeclared_interest", "E7", O("O7"),
                 f"The parent of {en('E7')}, {rname['P12']}, is KvK commissaris of {on('O7')} "
                 f"(written with initials); not declared, and {E('E7')} takes no decisions "
                 f"with it.", record=f"officers:{off_at['P12']}"),
            case("P13", "unapproved_side_function", "E8", "",
                 f"{en('E8')} declared a paid side function as bestuurslid that is still "
                 f"pending.", record=f"declarations:{decl_at['P13']}"),
            case("P14", "unapproved_side_function", "E9", "",
                 f"{en('E9')} runs an own business whose permission was rejected; it has not "
                 f"ended.", record=f"declarations:{decl_at['P14']}"),
            case("P15", "gift_rule_breach", "E10", O("Og9a"),
                 f"{en('E10')} accepted EUR 100 in cash from {on('Og9a')}.",
                 record=f"gifts:{gift_at['P15']}"),
            case("P16", "gift_rule_breach", "E11", O("Og9b"),
                 f"{en('E11')} kept a EUR 150 wine package from {on('Og9b')} without handing "
                 f"it in.", record=f"gifts:{gift_at['P16']}"),
            case("P17", "gift_rule_breach", "E12", O("Og9c"),
                 f"{en('E12')} went to a football match as guest of {on('Og9c')} without "
                 f"reporting the invitation.", record=f"gifts:{gift_at['P17']}"),
        ]
        decoys = [
            case("X01", "self_interest", "H6", O("O8"),
                 f"{en('H6')} sold their declared shares in {on('O8')} on 2023-06-30, before "
                 f"handling its invoice on 2024-02-15.", con_at["X01"]),
            case("X02", "relative_interest", "H7", O("O9"),
                 f"{en('H7')} handled a purchase order with {on('O9')}, whose bestuurder is "
                 f"their former partner {rname['X02']} (relation ended 2021-08-31; role "
                 f"declared).", con_at["X02"]),
            case("X03", "allocation_to_relative", "H8", app("X03"),
                 f"{en('H8')} handled an allocation to a namesake of their declared "
                 f"{rrel['X03']} {rname['X03']}: same name, another birth date and address.",
                 alloc_at["X03"]),
            case("X04", "gift_before_decision", "H12", O("O10"),
                 f"{en('H12')} received a EUR 20 Christmas package from {on('O10')} "
                 f"({gift_at['X04']}) in December, after their last decision with it in April.",
                 con_at["X04"]),
            case("X05", "shared_identifier", "H9", app("X05"),
                 f"{en('H9')} allocated a home to a neighbour: same postcode, another house "
                 f"number.", alloc_at["X05"]),
            case("X06", "self_interest", "H10", O("O11"),
                 f"{en('H10')} handled an invoice of {on('O11')}; the declared interest in it "
                 f"is their colleague {en('Y')}'s, who took no part.", con_at["X06"]),
            case("X07", "relative_interest", "H11", O("O12"),
                 f"{en('H11')} handled a purchase order with {on('O12')}, run by their sibling "
                 f"{rname['X07']} (declared); siblings are not family by default.",
                 con_at["X07"]),
            case("X08", "unapproved_side_function", "E14", "",
                 f"{en('E14')} has an approved side function as penningmeester.",
                 record=f"declarations:{decl_at['X08']}"),
            case("X09", "gift_rule_breach", "E15", O("Og15"),
                 f"{en('E15')} kept a EUR 20 Christmas package from {on('Og15')}: below the "
                 f"limit, so it need not be handed in.", record=f"gifts:{gift_at['X09']}"),
            case("X10", "undeclared_interest", "H11", O("O12"),
                 f"The KvK lists {en('H11')}'s sibling {rname['X07']} as bestuurder of "
                 f"{on('O12')}; the position is declared and approved.",
                 record=f"officers:{off_at['X10']}"),
        ]
        if "N1" not in c:
            return cases, decoys

        def net(i, rule, subj, cp, story, tags, needs):
            """An entry of coi_graph.demo.networks: it may cite several decisions (the
            latest is ``decision_id``) and needs rules or inputs that may be new."""
            ids = [con_at.get(t) or alloc_at[t] for t in tags]
            row = case(i, rule, subj, cp, story, ids[-1])
            row["decision_ids"] = ids
            row["needs"] = list(needs)
            return row

        holding, linked = ("relative_interest", "officers.officer_kvk_number"), (
            "linked_suppliers",)
        split, four_eyes = ("split_orders", "mandates.limit_eur"), ("self_approval",)
        hx, hy = on("HX"), on("HY")
        cases += [
            net("P18", "relative_interest", "N1", O("S1"),
                f"{en('N1')} handled a purchase order with {on('S1')}, whose shareholder is "
                f"{hx}; the bestuurder of {hx} is their partner {rname['P18']} (declared, but "
                f"not that the holding owns the supplier: see the KvK extract of {on('S1')}).",
                ["P18"], holding),
            net("P19", "linked_suppliers", "N2", O("L2"),
                f"{en('N2')} placed orders with {on('L1')} and {on('L2')} within three weeks; "
                f"the two share a phone number and an e-mail address.", ["P19a", "P19"], linked),
            net("P20", "split_orders", "N6", O("SP1"),
                f"{en('N6')} (mandate EUR 10,000) placed three purchase orders with "
                f"{on('SP1')} within 23 days: EUR 3,950, 4,275 and 3,480, together EUR 11,705.",
                ["P20a", "P20b", "P20"], split),
            net("P21", "self_approval", "N10", O("SA1"),
                f"{en('N10')} handled and approved a EUR 28,600 contract with {on('SA1')} "
                f"themself.", ["P21"], four_eyes),
            net("P22", "allocation_to_relative", "N12", app("P22"),
                f"{en('N12')} allocated a home by direct mediation to their declared "
                f"{rrel['P22']} {rname['P22']}, fourth on the candidate list (rank 4, basis "
                f"direct): out of turn, so the finding scores higher and says why.", ["P22"],
                ()),
        ]
        decoys += [
            net("X11", "relative_interest", "N1", O("S2"),
                f"{en('N1')} handled an invoice of {on('S2')}, whose shareholder {hy} has a "
                f"director who is no relative of anyone on the staff.", ["X11"], holding),
            net("X12", "linked_suppliers", "N3", O("L6"),
                f"{en('N3')} placed orders with {on('L5')} and {on('L6')} within two weeks; "
                f"they share only the address of a business centre where "
                f"{len(self.centre_tenants) + 2} organizations are registered (above the hub "
                f"cut-off).", ["X12a", "X12"], linked),
            net("X13", "linked_suppliers", "N4", O("L3"),
                f"{en('N4')} placed an order with {on('L3')}, which shares its bestuurder with "
                f"{on('L4')}; {en('N5')} deals with the other one.", ["X13"], linked),
            net("X14", "linked_suppliers", "N5", O("L4"),
                f"{en('N5')} handled an invoice of {on('L4')}, which shares its bestuurder with "
                f"{on('L3')}; {en('N4')} deals with the other one.", ["X14"], linked),
            net("X15", "split_orders", "N7", O("SP2"),
                f"{en('N7')} placed two orders with {on('SP2')} (EUR 3,850 and 3,120), "
                f"{en('N8')} one (EUR 4,460) within three weeks: together above EUR 10,000, "
                f"but no handler above their own mandate.", ["X15a", "X15"], split),
            net("X16", "split_orders", "N8", O("SP2"),
                f"{en('N8')} placed one order of EUR 4,460 with {on('SP2')}; the others there "
                f"are {en('N7')}'s.", ["X16"], split),
            net("X17", "split_orders", "N9", O("SP3"),
                f"{en('N9')} placed three orders with {on('SP3')} in February, May and October "
                f"2024: together above the mandate, but months apart.", ["X17a", "X17b", "X17"],
                split),
            net("X18", "self_approval", "N11", O("SA2"),
                f"{en('N11')} handled and approved an invoice of EUR 640 from {on('SA2')} "
                f"themself: below the amount that needs a second person.", ["X18"], four_eyes),
            net("X19", "allocation_to_relative", "N12", app("X19"),
                f"{en('N12')} allocated a home by direct mediation to an applicant who is no "
                f"relative of theirs.", ["X19"], ()),
        ]
        return cases, decoys


def rule_codes() -> set[str]:
    """The rule codes of this version of the analyzer (its rules registry)."""
    from coi_graph.rules import RULES

    return set(RULES)


def analyzer_lacks(needs: list[str]) -> list[str]:
    """What of ``needs`` this version of the analyzer does not have: a rule code missing from
    the registry, or an input ``table.column`` its reader does not know.

    >>> analyzer_lacks(["self_interest", "officers.name"])
    []
    >>> analyzer_lacks(["no_such_rule", "officers.no_such_column"])
    ['no_such_rule', 'officers.no_such_column']
    """
    from ingest.tables import TABLES

    codes = rule_codes()
    missing = []
    for need in needs:
        table, _, column = need.partition(".")
        known = (table in TABLES and TABLES[table].has(column)) if column else need in codes
        if not known:
            missing.append(need)
    return missing
