"""Write a second acceptance data folder: another fictional corporation (Woonstichting
Polderhaven) whose exports come from other systems than those of
``tools/acceptance_exports.py``, with planted conflicts and near-misses whose outcome is
known.

Written from scratch for a second acceptance round; no shape of the first round is
repeated:

- ``HR Youforce dienstverbanden.csv``: a row per employment (one person twice: a manager
  change mid-year), employee numbers with leading zeros (``000123``), names in parts
  (``Voornamen``, ``Roepnaam``, ``Voorvoegsels``, ``Achternaam``) with diacritics and
  Turkish, Moroccan, Surinamese-Hindustani, Indonesian and Chinese names;
- ``crediteuren.csv``: a vendor master, tab-separated UTF-8;
- ``KvK uittreksel functionarissen.csv``: roles as KvK writes them, a holding as officer;
- ``meldingen.csv``: a register naming employees by number without the leading zeros;
- ``familieleden.csv``: relatives by name under ``Persnr`` (no relative id);
- ``inkoop/``: purchase orders and invoices in one CSV with a kind column (amounts as
  ``€ 1.234,-``, credit notes as ``-€ 450,-`` and ``-/- € 75,50``, ``1.234.567,89``, a VAT
  split) plus a second file of the
  table in .xlsx, another sheet name and the header on row 4, without the kind column;
- ``WoningNet toewijzingen.csv``: co-applicants, ``12 mrt 2024`` dates, a rental contract
  number, handlers as logins;
- ``geschenken.xlsx``: merged header cells, a totals row, ``ca. € 50``, ``onbekend``.

``expected.json`` lists the planted findings, near-misses, damaged values and rows.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import partial
from pathlib import Path
from typing import Any

from acceptance_common import Expected, iban, main, save_expected, write_table

__all__ = ["write_exports"]

D = dt.date
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _eur(x: float) -> str:
    """``€ 1.234,56``; whole amounts as ``€ 1.234,-`` as an ERP prints them."""
    sign = "-" if x < 0 else ""
    s = f"{abs(x):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if s.endswith(",00"):
        s = s[:-3] + ",-"
    return f"{sign}€ {s}"


#: this round's text exports: UTF-8 unless a file says otherwise
_csv = partial(write_table, encoding="utf-8")


def _mrt(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# people: (number, given names, call name, particle, surname, birth)
PEOPLE = [
    ("000101", "Johannes Petrus", "Hans", "de", "Vries", D(1968, 3, 2)),
    ("000102", "Ayşe", "Ayşe", "", "Yıldız", D(1985, 6, 11)),
    ("000103", "Mohammed", "Mo", "", "El Idrissi", D(1979, 1, 23)),
    ("000104", "Radjeshwarie", "Radj", "", "Ramsaran-Mahabier", D(1990, 9, 9)),
    ("000105", "Budi", "Budi", "", "Wijaya", D(1972, 12, 1)),
    ("000106", "Wei", "Wei", "", "Chen", D(1988, 4, 17)),
    ("000107", "Anne-Marie", "Anne-Marie", "van 't", "Hof", D(1966, 7, 30)),
    ("000108", "Søren", "Søren", "", "Ångström", D(1981, 2, 14)),
    ("000109", "Cornelis", "Kees", "van der", "Meer", D(1975, 5, 5)),
    ("000110", "Fatma", "Fatma", "", "Öztürk", D(1983, 8, 8)),
    ("000111", "Hendrika", "Rika", "", "Smit", D(1962, 10, 10)),
    ("000112", "Jeroen", "Jeroen", "", "Bakker", D(1970, 11, 11)),
    ("000113", "Noor", "Noor", "", "Hamdan", D(1994, 3, 3)),
    ("000114", "Pieter", "Piet", "", "Kramer", D(1959, 1, 1)),
]
LOGIN = {"000101": "jdevries", "000103": "melidrissi", "000104": "rramsaran",
         "000106": "wchen", "000109": "cvdmeer", "000113": "nhamdan"}


def write_exports(out: Path, seed: int = 1702) -> dict[str, Any]:
    """Write ``out/data`` and ``out/expected.json``; return the expectations."""
    rng = random.Random(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    exp = Expected(used={})
    plant, not_plant, damaged = exp.plant, exp.not_plant, exp.damaged

    # ---------------- employees: one row per employment --------------------------------
    emp = {p[0]: {"nr": p[0], "given": p[1], "call": p[2], "tv": p[3], "sur": p[4],
                  "birth": p[5], "iban": iban(rng, "ABNA"),
                  "street": rng.choice(["Havenstraat", "Zeedijk", "Polderweg", "Sluiskade"]),
                  "hn": str(10 + i), "postcode": f"17{10 + i} AB", "city": "Enkhuizen"}
           for i, p in enumerate(PEOPLE)}
    fname = "HR Youforce dienstverbanden.csv"
    header = ["Persnr", "Volgnr dienstverband", "Voornamen", "Roepnaam", "Voorvoegsels",
              "Achternaam", "Geboortedatum", "Afdeling", "Leidinggevende", "Loginnaam",
              "Straat", "Huisnr", "Postcode", "Woonplaats", "IBAN", "Telefoon prive",
              "Begindatum", "Einddatum"]
    rows = []
    for i, (nr, e) in enumerate(emp.items()):
        rows.append([nr, "1", e["given"], e["call"], e["tv"], e["sur"],
                     e["birth"].strftime("%d-%m-%Y"), "Inkoop" if i < 7 else "Verhuur",
                     "000114", LOGIN.get(nr, ""), e["street"], e["hn"], e["postcode"],
                     e["city"], e["iban"], f"06{rng.randint(10000000, 59999999)}",
                     "01-01-2015", ""])
    # a manager change mid-year: a second employment row for 000103
    e = emp["000103"]
    rows[2][-1] = "30-06-2024"
    rows.insert(3, ["000103", "2", e["given"], e["call"], e["tv"], e["sur"],
                    e["birth"].strftime("%d-%m-%Y"), "Verhuur", "000111", "melidrissi",
                    e["street"], e["hn"], e["postcode"], e["city"], e["iban"],
                    rows[2][15], "01-07-2024", ""])
    # typos in every other row of the optional columns (not in the planted people's)
    for k, row in enumerate(rows):
        line = k + 2
        if row[0] in {"000107", "000108", "000110", "000112"}:
            if row[0] in {"000107", "000112"}:
                row[15] = "06-12"
                damaged(fname, line, "phone", row[15])
            else:
                row[12] = "17XX AB"
                damaged(fname, line, "postcode", row[12])
    _csv(data / fname, header, rows, encoding="utf-8-sig")
    exp["rows"][fname] = len(rows)

    # ---------------- organizations -----------------------------------------------------
    orgs = {}
    names = ["Installatietechniek Noord", "Dakwerken Westfriesland", "Schilders De Kaag",
             "Bouwbedrijf Hoorn", "Groenvoorziening Dijk", "Elektro Zeeland",
             "Loodgieter Markermeer", "Kozijnen Holland", "Adviesbureau Polder",
             "Sloopwerken Oost"]
    for i, nm in enumerate(names):
        oid = f"{3000 + i}"
        orgs[oid] = {"id": oid, "name": nm + " B.V.", "kvk": f"{rng.randint(10000000, 99999999)}",
                     "iban": iban(rng, "RABO")}
    orgs["3002"]["iban"] = emp["000105"]["iban"]           # shared IBAN (Wijaya)
    fname = "crediteuren.csv"
    _csv(data / fname, ["Crediteurnr", "Naam crediteur", "KvK", "IBAN", "Plaats"],
         [[o["id"], o["name"], o["kvk"], o["iban"], "Hoorn"] for o in orgs.values()],
         delimiter="\t")
    exp["rows"][fname] = len(orgs)

    # ---------------- officers ------------------------------------------------------------
    holding_kvk = "69998877"
    off = [
        (orgs["3000"]["kvk"], "Radjeshwarie Ramsaran-Mahabier", "Bestuurder",
         emp["000104"]["birth"], ""),
        (orgs["3001"]["kvk"], "Ramsaran Holding B.V.", "Enig aandeelhouder", None,
         holding_kvk),
        (orgs["3003"]["kvk"], "Wei Chen", "Gevolmachtigde", emp["000106"]["birth"], ""),
        (orgs["3004"]["kvk"], "Ayşe Yıldız", "Commissaris", D(1951, 1, 1), ""),  # namesake
        (orgs["3005"]["kvk"], "Li Chen", "Bestuurder", D(1960, 2, 2), ""),         # relative
    ]
    for oid in ("3006", "3007", "3008", "3009"):
        off.append((orgs[oid]["kvk"], rng.choice(["A. Visser", "B. Dekker", "C. Post"]),
                    "Bestuurder", D(1960, 6, 6), ""))
    fname = "KvK uittreksel functionarissen.csv"
    _csv(data / fname, ["KvK-nummer", "Naam functionaris", "Functie", "Geboortedatum",
                        "KvK-nummer functionaris"],
         [[o[0], o[1], o[2], o[3].strftime("%d-%m-%Y") if o[3] else "", o[4]] for o in off])
    exp["rows"][fname] = len(off)

    # ---------------- relatives -------------------------------------------------------
    fname = "familieleden.csv"
    _csv(data / fname, ["Persnr", "Naam familielid", "Relatie", "Geboortedatum"],
         [["000106", "Li Chen", "Vader", "02-02-1960"]])
    exp["rows"][fname] = 1
    plant("relative_interest", "000106", "IO-24-0005", "father directs the supplier")

    # ---------------- declarations: numbers without the leading zeros ------------------
    fname = "meldingen.csv"
    _csv(data / fname, ["Meldingnr", "Persnr", "Organisatie", "Soort melding", "Status"],
         [["N1", "109", "Voetbalclub Enkhuizen", "Nevenfunctie", "Ingediend"],
          ["N2", "113", "Stichting Buurthuis", "Nevenfunctie", "Goedgekeurd"]])
    exp["rows"][fname] = 2
    plant("unapproved_side_function", "000109", None, "pending, register writes 109")
    not_plant("unapproved_side_function", "000113", None, "approved")

    # ---------------- contracts: orders and invoices in one file -------------------------
    buyers = ["000101", "000102", "000107", "000108"]
    dec: list[dict[str, Any]] = []
    for k in range(40):
        dec.append({"id": f"IO-24-{k + 100:04d}", "kind": "Inkooporder" if k % 2 else "Factuur",
                    "org": rng.choice(["3006", "3007", "3008", "3009"]),
                    "date": D(2024, 1, 5) + dt.timedelta(days=rng.randint(0, 300)),
                    "amount": round(rng.uniform(100, 8000), 2) if k % 3 else float(rng.randint(1, 9) * 100),
                    "handler": rng.choice(buyers), "approver": "000114"})
    dec[5]["kind"], dec[5]["amount"] = "Creditnota", -450.0
    dec[6]["amount"] = 1234567.89
    # a credit note as Dutch accounting writes a minus: -/- (min-teken)
    dec[9]["kind"], dec[9]["amount"] = "Creditnota", -75.5

    def add(did: str, kind: str, org: str, day: dt.date, amount: float, handler: str,
            approver: str) -> None:
        dec.append({"id": did, "kind": kind, "org": org, "date": day, "amount": amount,
                    "handler": handler, "approver": approver})

    add("IO-24-0001", "Inkooporder", "3000", D(2024, 3, 4), 4200.0, "000104", "000114")
    plant("self_interest", "000104", "IO-24-0001", "director per KvK, name with hyphen")
    add("IO-24-0003", "Inkooporder", "3003", D(2024, 4, 4), 3100.0, "000106", "000114")
    plant("self_interest", "000106", "IO-24-0003", "proxy holder (Gevolmachtigde)")
    add("IO-24-0004", "Factuur", "3004", D(2024, 5, 4), 900.0, "000102", "000114")
    not_plant("self_interest", "000102", "IO-24-0004", "namesake commissaris, other birth")
    add("IO-24-0005", "Factuur", "3005", D(2024, 6, 4), 1800.0, "000106", "000114")
    add("IO-24-0006", "Factuur", "3002", D(2024, 7, 4), 2500.0, "000105", "000114")
    plant("shared_identifier", "000105", "IO-24-0006", "same IBAN as the supplier")
    add("IO-24-0007", "Inkooporder", "3008", D(2024, 8, 4), 15000.0, "000103", "000103")
    plant("self_approval", "000103", "IO-24-0007", "handled and approved (ERP: 103)")

    fname = "inkoop/inkoop_2024.csv"
    header = ["Documentnr", "Soort document", "Crediteurnr", "Documentdatum",
              "Bedrag excl. BTW", "Bedrag incl. BTW", "Aangemaakt door", "Geaccordeerd door"]
    rows = []
    main, extra = dec[:30] + dec[40:], dec[30:40]
    for k, d in enumerate(main):
        nr = d["handler"].lstrip("0")                   # the ERP has no leading zeros
        excl, incl = _eur(d["amount"]), _eur(round(d["amount"] * 1.21, 2))
        if d is dec[9]:
            excl, incl = "-/- " + excl.lstrip("-"), "-/- " + incl.lstrip("-")
        rows.append([d["id"], d["kind"], d["org"], d["date"].strftime("%d-%m-%Y"),
                     excl, incl, nr, d["approver"].lstrip("0")])
    _csv(data / fname, header, rows)
    exp["rows"][fname] = len(rows)

    # the second file: a workbook, sheet 'Export', header on row 4, no kind column
    fname = "inkoop/inkoop_aanvulling_2024.xlsx"
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["Woonstichting Polderhaven"])
    ws.append(["Inkooporders aanvulling"])
    ws.append([])
    ws.append(["Ordernummer", "Leverancier", "Orderdatum", "Nettobedrag", "Inkoper",
               "Fiatteur"])
    for d in extra:
        ws.append([d["id"], int(d["org"]), d["date"], d["amount"], d["handler"],
                   d["approver"]])
    wb.save(data / fname)
    exp["rows"][fname] = len(extra)

    # ---------------- allocations: WoningNet-like ---------------------------------------
    fname = "WoningNet toewijzingen.csv"
    header = ["Advertentienr", "Huurcontractnr", "Toewijzingsdatum", "Behandelaar",
              "Aanvrager", "Geboortedatum aanvrager", "Medeaanvrager",
              "Geboortedatum medeaanvrager", "Aantal gezinsleden", "Status"]
    rows = []
    for k in range(20):
        rows.append([f"ADV-{k + 1:04d}", f"HC{rng.randint(100000, 999999)}",
                     _mrt(D(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 330))),
                     rng.choice(["jdevries", "nhamdan"]),
                     f"{rng.choice(['Karel', 'Sevda', 'Ilse'])} {rng.choice(['Brink', 'Kaya'])}",
                     "12-12-1980", "", "", str(rng.randint(1, 5)), "Toegewezen"])
    rows.append(["ADV-0901", "HC900001", "12 mrt 2024", "melidrissi", "Samira Bouzid",
                 "04-04-1987", "Mohammed El Idrissi", "23-01-1979", "3", "Toegewezen"])
    plant("allocation_to_self", "000103", "ADV-0901", "handler is the co-applicant")
    rows.append(["ADV-0902", "HC900002", "3 sep 2024", "nhamdan", "Mohamed El Idrissi",
                 "05-05-1999", "", "", "1", "Toegewezen"])
    not_plant("allocation_to_self", "000103", "ADV-0902", "namesake, other birth date")
    for k in (3, 7, 11):
        rows[k][5] = "31-13-1980"
        damaged(fname, k + 2, "applicant_birth_date", rows[k][5])
    _csv(data / fname, header, rows, encoding="cp1252")
    exp["rows"][fname] = len(rows)

    # ---------------- gifts: merged header cells, totals, ca. € 50, onbekend -----------
    fname = "geschenken.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Register 2024"
    ws.append(["Geschenk", None, "Ontvanger", None, "Gever", "Waarde", "Afhandeling", None])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:D1")
    ws.merge_cells("G1:H1")
    ws.append(["Nr", "Datum", "Persnr", "Naam", "Gever", "Waarde", "Ingeleverd",
               "Gemeld"])
    gifts = [["G1", D(2024, 2, 1), "000101", "Hans de Vries", orgs["3006"]["name"],
              "ca. € 50", "nee", "ja"],
             ["G2", D(2024, 3, 1), "000102", "Ayşe Yıldız", orgs["3007"]["name"],
              "onbekend", "ja", "ja"],
             ["G3", D(2024, 4, 1), "000108", "Søren Ångström", orgs["3008"]["name"],
              "€ 250,-", "nee", "nee"],
             ["G4", D(2024, 5, 1), "000112", "Jeroen Bakker", orgs["3009"]["name"],
              "€ 20,-", "nee", "ja"]]
    plant("gift_rule_breach", "000108", None, "EUR 250 kept and not reported")
    plant("gift_rule_breach", "000101", None, "'ca. € 50' kept: over the EUR 25 limit")
    not_plant("gift_rule_breach", "000112", None, "EUR 20 kept: under the limit")
    not_plant("gift_rule_breach", "000102", None, "value unknown, handed in")
    for g in gifts:
        ws.append(g)
    ws.append(["Totaal", None, None, None, None, "€ 320,-", None, None])
    wb.save(data / fname)
    exp["rows"][fname] = len(gifts)

    return save_expected(out, exp)


if __name__ == "__main__":
    main(__doc__, write_exports, 1702)
