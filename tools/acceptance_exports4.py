"""Write a fourth acceptance data folder (the fifth round): another fictional corporation
(Woonstichting Maasoever) whose exports come from systems the earlier rounds
(``tools/acceptance_exports.py``, ``acceptance_exports2.py``, ``acceptance_exports3.py``:
AFAS, Youforce, SAP with German headers, Exact, Twinfield, WoningNet, Woonmatch, a register
kept by hand) did not try, with planted conflicts and near-misses whose outcome is known.

Written from scratch, from the project's docs only (README.md, docs/input-format.md):

- ``Nmbrs personeel.csv``: a payroll staff list (Nmbrs/HR2day-like), a row per
  dienstverband (``Dienstverband`` 1, 2), personeelsnummer with leading zeros (``00401``),
  the name in parts (``Voorletters``, ``Roepnaam``, ``Tussenvoegsel``, ``Achternaam``) with
  the partner's name (``Tussenvoegsel partner``, ``Achternaam partner``) and the naamgebruik
  as a code (``E``) or written out as a payroll screen shows it (``Naam partner, eigen
  naam``), birth dates as ``yyyymmdd``, a damaged optional value on every other filler row;
- ``medewerkers inhuur.xlsx``: hired staff from another system (another header set: full
  name, ``Rol`` ``Extern``, ``Startdatum``);
- ``Leveranciers BC.xlsx``: a Microsoft Dynamics 365 Business Central vendor list
  (``Leveranciersnr.``, ``Naam``, ``KvK-nummer``, ``IBAN``, ``Telefoonnr.``);
- ``KvK functionarissen API.csv``: officers from the KvK API's JSON flattened to CSV
  (comma, UTF-8, ``kvkNummer``, the company's ``naam``, ``functionarissen.naam``,
  ``functionarissen.geboortedatum`` as ``yyyymmdd``, ``functionarissen.datumUitFunctie``);
- ``inkoop/BC inkoopfacturen 2024.csv``: Business Central posted invoices, mixed English
  and Dutch headers, amounts as ``€ 1.234,56``; ``inkoop/BC creditnota's 2024.csv``: credit
  notes, the amount in parentheses (``(12.500,00)``);
- ``inkoop/Unit4 inkooporders.xlsx``: Unit4-like orders, a sheet per year (``2023``,
  ``2024``), a hidden sheet (``2022 archief``) and a notes sheet (``Toelichting``), amounts
  as ``1.234,56 EUR`` and ``1,234.56 EUR`` in one column, dates as date cells,
  ``01-03-2024``, ``2024-03-01`` and ``20240301`` in one column, a totals row;
- ``inkoop/Tobias werkorders 2024.csv``: a housing ERP's (Tobias AX-like) work orders
  (``Werkordernummer``, ``Opdrachtbedrag``), thousands written three ways in one column,
  a typo on every other filler row (an amount, an approver's login);
- ``Klik voor Wonen toewijzingen 2024.csv``: allocations, the household on two rows
  (``Hoofdaanvrager`` and ``Medeaanvrager``) under one ``Advertentienummer``, with
  ``Inschrijfnummer``, candidates who were not allocated (``Afgewezen``), a damaged birth
  date on every other household;
- ``Woonnet Rijnmond toewijzingen 2023.csv``: allocations from another system, the
  household on one row (``Naam hoofdaanvrager``, ``Naam medeaanvrager``);
- ``familieleden.csv``, ``Integriteitsregister.csv``, ``mandaten.csv``,
  ``geschenkenregister.csv``: registers, personeelsnummers without the leading zeros.

``expected.json`` lists the planted findings, near-misses, damaged values and the data rows
per file.

    python tools/acceptance_exports4.py /tmp/acc4        # writes /tmp/acc4/data + expected.json
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from acceptance_common import Expected, iban, main, nl_amount, save_expected, write_table

__all__ = ["write_exports", "HR", "INHUUR", "ORGS", "KVK", "BC_INV", "BC_CRED", "UNIT4",
           "TOBIAS", "ALLOC", "ALLOC23", "REL", "DECL", "MAND", "GIFTS"]

D = dt.date
HR = "Nmbrs personeel.csv"
INHUUR = "medewerkers inhuur.xlsx"
ORGS = "Leveranciers BC.xlsx"
KVK = "KvK functionarissen API.csv"
BC_INV = "inkoop/BC inkoopfacturen 2024.csv"
BC_CRED = "inkoop/BC creditnota's 2024.csv"
UNIT4 = "inkoop/Unit4 inkooporders.xlsx"
TOBIAS = "inkoop/Tobias werkorders 2024.csv"
ALLOC = "Klik voor Wonen toewijzingen 2024.csv"
ALLOC23 = "Woonnet Rijnmond toewijzingen 2023.csv"
REL = "familieleden.csv"
DECL = "Integriteitsregister.csv"
MAND = "mandaten.csv"
GIFTS = "geschenkenregister.csv"

# people: (number, initials, call name, particle, surname, partner particle, partner
# surname, naamgebruik, birth, login)
PEOPLE = [
    ("00401", "P.J.", "Pieter", "", "Jansen", "", "", "E", D(1970, 4, 12), "pjansen"),
    ("00402", "P.", "Petra", "", "Kok", "de", "Vries", "Naam partner, eigen naam",
     D(1977, 8, 3), "pdevries"),
    ("00403", "M.", "Mohamed", "el", "Idrissi", "", "", "E", D(1981, 1, 23), "midrissi"),
    ("00404", "S.", "Sanne", "", "Visser", "", "", "E", D(1988, 6, 6), "svisser"),
    ("00405", "B.", "Bram", "de", "Groot", "", "", "", D(1975, 2, 2), "bdegroot"),
    ("00406", "I.", "Ingrid", "", "Mulder", "", "Brouwer", "Naam partner", D(1969, 9, 9),
     "ibrouwer"),
    ("00407", "K.", "Kevin", "", "Smit", "", "", "E", D(1990, 3, 14), "ksmit"),
    ("00408", "A.", "Anouk", "", "Bos", "van", "Dam", "Eigen naam, naam partner",
     D(1972, 12, 1), "abos"),
    ("00409", "E.", "Erik", "van", "Leeuwen", "", "", "E", D(1966, 5, 5), "evleeuwen"),
    ("00410", "L.", "Lisa", "", "Hendriks", "", "", "E", D(1985, 10, 10), "lhendriks"),
    ("00411", "J.", "Jeroen", "", "Bakker", "", "", "E", D(1979, 7, 7), "jbakker"),
    ("00412", "T.", "Tom", "", "Peters", "", "", "E", D(1983, 11, 11), "tpeters"),
    ("00413", "M.", "Marieke", "", "Dekker", "", "", "E", D(1974, 4, 4), "mdekker"),
    ("00414", "H.", "Hans", "", "Verbeek", "", "", "E", D(1961, 1, 15), "hverbeek"),
    ("00415", "R.", "Ruud", "", "Koster", "", "", "E", D(1968, 8, 18), "rkoster"),
    ("00416", "Y.", "Yvonne", "", "Maas", "", "", "E", D(1987, 2, 27), "ymaas"),
    ("00417", "D.", "Dirk", "van der", "Linden", "", "", "E", D(1980, 6, 30), "dvdlinden"),
    ("00418", "N.", "Nina", "", "Willems", "", "", "E", D(1992, 9, 1), "nwillems"),
    ("00419", "G.", "Gerrit", "", "Vos", "", "", "E", D(1963, 3, 3), "gvos"),
    ("00420", "C.", "Carla", "", "Prins", "", "", "E", D(1986, 12, 12), "cprins"),
]
ORG_NAMES = ["Aannemersbedrijf Maasoever", "Bouwbedrijf Heusden", "Installatietechniek Waalwijk",
             "Dakwerken Drunen", "Schilders Vlijmen", "Elektro Nieuwkuijk",
             "Loodgieters Sprang", "Glas Kaatsheuvel", "Groen Haarsteeg",
             "Sloop Elshout", "Kozijnen Oudheusden", "Advies Herpt"]


def _person(nr: str) -> tuple:
    return next(p for p in PEOPLE if p[0] == nr)


def write_exports(out: Path, seed: int = 1905) -> dict[str, Any]:
    """Write ``out/data`` and ``out/expected.json``; return the expectations."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    exp = Expected()
    plant, not_plant, damaged = exp.plant, exp.not_plant, exp.damaged

    # ---------------- employees: a payroll export, a row per dienstverband --------------
    emp = {p[0]: {"iban": iban(rng, "ABNA"), "pc": f"52{50 + i} KL", "hn": str(7 + i),
                  "phone": f"06{rng.randint(20000000, 59999999)}"}
           for i, p in enumerate(PEOPLE)}
    header = ["Personeelsnummer", "Dienstverband", "Voorletters", "Roepnaam", "Tussenvoegsel",
              "Achternaam", "Tussenvoegsel partner", "Achternaam partner", "Naamgebruik",
              "Geboortedatum", "Datum in dienst", "Datum uit dienst", "Afdeling", "Functie",
              "Gebruikersnaam", "IBAN", "Postcode", "Huisnummer", "Mobiel"]
    rows: list[list[Any]] = []
    for p in PEOPLE:
        nr = p[0]
        base = [nr, "1", p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8].strftime("%Y%m%d"),
                "01-02-2014", "", "Vastgoed" if nr < "00407" else "Wonen", "Medewerker",
                p[9], emp[nr]["iban"], emp[nr]["pc"], emp[nr]["hn"], emp[nr]["phone"]]
        if nr == "00415":                 # came in after leaving a supplier's board
            base[10] = "01-09-2019"
        if nr in ("00401", "00414"):      # left and came back: a second dienstverband
            first = [*base]
            first[11] = "31-05-2018"
            first[13] = "Projectleider"
            second = [*base]
            second[1], second[10] = "2", "01-09-2019"
            second[13] = "Inkoper" if nr == "00401" else "Directeur"
            rows += [first, second]
        else:
            rows.append(base)
    fillers = [p[0] for p in PEOPLE[16:]] + ["00410", "00412", "00413"]
    k = 0
    for i, row in enumerate(rows):
        if row[0] not in fillers:
            continue
        k += 1
        if k % 2:
            continue
        line = i + 2
        kind = (k // 2) % 3
        if kind == 0:
            row[9] = row[9][:4] + "1332"                   # month 13
            damaged(HR, line, "birth_date", row[9])
        elif kind == 1:
            row[16] = row[16][:4] + " K"                    # a postcode without its letters
            damaged(HR, line, "postcode", row[16])
        else:
            row[15] = row[15][:-1] + ("0" if row[15][-1] != "0" else "1")   # mod-97 fails
            damaged(HR, line, "iban", row[15])
    write_table(data / HR, header, rows)
    exp["rows"][HR] = len(rows)
    exp["hr_merged"] = 2

    # hired staff: another system, another header set (a full name, a role, start/end)
    wb = Workbook()
    ws = wb.active
    ws.title = "Inhuur"
    ws.append(["Medewerkernummer", "Naam", "Rol", "Afdeling", "Startdatum", "Einddatum",
               "Gebruikersnaam"])
    inhuur = [["INH-01", "Wouter Brink", "Extern", "Vastgoed", D(2023, 1, 9), D(2025, 1, 8),
               "wbrink"],
              ["INH-02", "Femke Claes", "Extern", "Wonen", D(2024, 2, 1), None, "fclaes"]]
    for r in inhuur:
        ws.append(r)
    wb.save(data / INHUUR)
    exp["rows"][INHUUR] = len(inhuur)

    # ---------------- organizations: Business Central vendor list -----------------------
    orgs = {f"V{1001 + i}": {"name": nm + " B.V.", "kvk": f"{rng.randint(10000000, 99999999)}",
                             "iban": iban(rng, "RABO"),
                             "phone": f"073-{rng.randint(1000000, 9999999)}"}
            for i, nm in enumerate(ORG_NAMES)}
    orgs["V1006"]["iban"] = emp["00404"]["iban"]                 # Sanne Visser's own IBAN
    wb = Workbook()
    ws = wb.active
    ws.title = "Leveranciers"
    ws.append(["Leveranciersnr.", "Naam", "KvK-nummer", "IBAN", "Telefoonnr.", "Plaats",
               "Geblokkeerd"])
    for oid, o in orgs.items():
        ws.append([oid, o["name"], o["kvk"], o["iban"], o["phone"], "Heusden", None])
    wb.save(data / ORGS)
    exp["rows"][ORGS] = len(orgs)

    # ---------------- officers: the KvK API's JSON flattened -----------------------------
    def kvk_row(oid: str, name: str, role: str, birth: dt.date | None,
                until: str = "") -> list[str]:
        return [orgs[oid]["kvk"], orgs[oid]["name"], name, role,
                birth.strftime("%Y%m%d") if birth else "", "20150101", until]

    officers = [
        kvk_row("V1003", "Pieter Jansen", "Bestuurder", _person("00401")[8]),
        # the own surname, as the KvK registers it: HR shows 'Petra de Vries-Kok'
        kvk_row("V1004", "Petra Kok", "Commissaris", _person("00402")[8]),
        # Mohamed el Idrissi's wife
        kvk_row("V1005", "Fatima el Idrissi-Amrani", "Bestuurder", D(1983, 3, 21)),
        # a namesake of Jeroen Bakker, another birth date
        kvk_row("V1002", "Jeroen Bakker", "Bestuurder", D(1951, 5, 17)),
        # Tom Peters' sister: a sibling is no family by default
        kvk_row("V1009", "Eline Peters", "Bestuurder", D(1980, 1, 1)),
        # Marieke Dekker's former husband
        kvk_row("V1010", "Arjan Dekker", "Bestuurder", D(1972, 2, 2)),
        # Ruud Koster left the board in June 2019, before he was hired in September
        kvk_row("V1011", "Ruud Koster", "Bestuurder", _person("00415")[8], "20190630"),
        kvk_row("V1001", "Karel Maas", "Bestuurder", D(1955, 5, 5)),
    ]
    write_table(data / KVK, ["kvkNummer", "naam", "functionarissen.naam",
                             "functionarissen.functie", "functionarissen.geboortedatum",
                             "functionarissen.datumInFunctie",
                             "functionarissen.datumUitFunctie"],
                officers, delimiter=",", encoding="utf-8")
    exp["rows"][KVK] = len(officers)
    plant("undeclared_interest", "00401", None, "KvK director of V1003, no declaration")
    not_plant("undeclared_interest", "00402", None, "commissaris, declared and approved")
    not_plant("undeclared_interest", "00411", None, "namesake officer, other birth date")
    not_plant("undeclared_interest", "00415", None, "left the board before he was hired")
    plant("undeclared_interest", "00403", None, "his wife directs a supplier, not declared")

    # ---------------- relatives ----------------------------------------------------------
    rel = [["403", "Echtgenote", "Fatima el Idrissi-Amrani", "21-03-1983"],
           ["412", "Zus", "Eline Peters", "01-01-1980"],
           ["413", "Echtgenoot (gescheiden)", "Arjan Dekker", "02-02-1972"],
           ["408", "Zoon", "Daan Bos", "15-06-2001"]]
    write_table(data / REL, ["Personeelsnr", "Relatie", "Naam", "Geboortedatum"], rel)
    exp["rows"][REL] = len(rel)

    # ---------------- declarations ---------------------------------------------------------
    decl = [["IR-001", "402", "V1004", "", "Commissariaat", "Commissaris", "Goedgekeurd",
             "01-01-2016"],
            ["IR-002", "409", "", "Tennisclub Heusden", "Nevenfunctie", "Penningmeester",
             "In behandeling", "01-03-2022"],
            ["IR-003", "410", "", "Harmonie Drunen", "Nevenfunctie", "Secretaris",
             "Goedgekeurd", "01-09-2020"]]
    write_table(data / DECL, ["Meldingsnummer", "Personeelsnummer", "Leveranciersnr.",
                              "Organisatie", "Soort melding", "Functie", "Status",
                              "Datum aanvang"], decl)
    exp["rows"][DECL] = len(decl)
    plant("unapproved_side_function", "00409", None, "side function pending")
    not_plant("unapproved_side_function", "00410", None, "approved side function")

    # ---------------- mandates -------------------------------------------------------------
    mand = [["406", "€ 5.000,00", "Werkorders"], ["414", "€ 250.000,00", "Alle"],
            ["405", "€ 50.000,00", ""]]
    write_table(data / MAND, ["Personeelsnummer", "Mandaat", "Soort besluit"], mand)
    exp["rows"][MAND] = len(mand)

    # ---------------- gifts ----------------------------------------------------------------
    gifts = [["G-24-01", "416", "Aannemersbedrijf Maasoever", "12-02-2024", "Diner", "€ 85,00",
              "nee", "nee"],
             ["G-24-02", "417", "Bouwbedrijf Heusden", "05-12-2023", "Kerstpakket", "€ 20,00",
              "nee", "ja"]]
    write_table(data / GIFTS, ["Registratienummer", "Personeelsnummer", "Gever", "Datum",
                               "Soort", "Waarde", "Ingeleverd", "Gemeld"], gifts)
    exp["rows"][GIFTS] = len(gifts)
    plant("gift_rule_breach", "00416", None, "a dinner of EUR 85 not reported")
    not_plant("gift_rule_breach", "00417", None, "EUR 20, reported")

    # ---------------- contracts: Business Central posted invoices --------------------------
    def eur(x: float) -> str:
        return "€ " + nl_amount(x)

    inv: list[list[Any]] = []
    fill_orgs = ["V1007", "V1008", "V1012"]
    for k in range(14):
        inv.append([f"PI-24-{k + 1:04d}", rng.choice(fill_orgs),
                    D(2024, 1 + k % 12, 3 + k).strftime("%d-%m-%Y"),
                    eur(round(rng.uniform(300, 9000), 2)),
                    rng.choice(["nwillems", "gvos", "cprins"]), "hverbeek"])
    inv.append(["PI-24-0901", "V1003", "18-04-2024", eur(7400.0), "pjansen", "hverbeek"])
    plant("self_interest", "00401", "PI-24-0901", "KvK director of the supplier")
    inv.append(["PI-24-0902", "V1006", "02-05-2024", eur(1250.0), "svisser", "hverbeek"])
    plant("shared_identifier", "00404", "PI-24-0902", "the supplier's IBAN is her own")
    inv.append(["PI-24-0903", "V1002", "13-05-2024", eur(3100.0), "jbakker", "hverbeek"])
    not_plant("self_interest", "00411", "PI-24-0903", "namesake officer, other birth date")
    inv.append(["PI-24-0904", "V1011", "20-05-2024", eur(2600.0), "rkoster", "hverbeek"])
    not_plant("self_interest", "00415", "PI-24-0904", "left the supplier's board in 2019")
    inv.append(["PI-24-0905", "V1001", "10-04-2024", eur(6600.0), "ymaas", "hverbeek"])
    plant("gift_before_decision", "00416", "PI-24-0905", "dinner two months before")
    write_table(data / BC_INV, ["Document No.", "Leveranciersnr.", "Posting Date",
                                "Bedrag excl. btw", "Inkopercode", "Goedgekeurd door"],
                inv)
    exp["rows"][BC_INV] = len(inv)

    cred = [["PCM-24-0001", "V1007", "15-03-2024", "(450,00)", "gvos", "hverbeek"],
            ["PCM-24-0002", "V1008", "19-06-2024", "(12.500,00)", "bdegroot", "bdegroot"]]
    not_plant("self_approval", "00405", "PCM-24-0002", "a credit note of (12.500,00)")
    write_table(data / BC_CRED, ["Document No.", "Leveranciersnr.", "Posting Date",
                                 "Bedrag excl. btw", "Inkopercode", "Goedgekeurd door"],
                cred)
    exp["rows"][BC_CRED] = len(cred)

    # ---------------- contracts: Unit4 orders, a sheet per year ----------------------------
    def u4_amount(x: float, english: bool) -> str:
        s = nl_amount(x)
        if english:
            s = f"{x:,.2f}"
        return s + " EUR"

    wb = Workbook()
    notes = wb.active
    notes.title = "Toelichting"
    notes.append(["Export inkooporders Unit4 ERPx, Woonstichting Maasoever"])
    notes.append(["Bedragen exclusief btw. Tabblad 2022 is gearchiveerd."])
    u4_rows: dict[str, int] = {}
    header = ["Order No", "Leverancier", "Orderdatum", "Amount", "Buyer", "Approver"]
    for year in (2022, 2023, 2024):
        ws = wb.create_sheet("2022 archief" if year == 2022 else str(year))
        if year == 2022:
            ws.sheet_state = "hidden"
        ws.append(header)
        n = 0
        for k in range(8 if year != 2022 else 3):
            day = D(year, 1 + k, 4 + k)
            amount = round(rng.uniform(500, 20000), 2)
            fmt = k % 3
            date_cell: Any = (day if fmt == 0 else day.strftime("%d-%m-%Y") if fmt == 1
                              else day.isoformat() if k % 2 else day.strftime("%Y%m%d"))
            ws.append([f"U4-{year}-{k + 1:03d}", rng.choice(fill_orgs), date_cell,
                       u4_amount(amount, english=k % 2 == 1),
                       rng.choice(["NWILLEMS", "GVOS"]), "HVERBEEK"])
            n += 1
        if year == 2024:
            ws.append(["U4-2024-901", "V1008", "2024-06-21", "18,500.00 EUR", "BDEGROOT",
                       "BDEGROOT"])
            plant("self_approval", "00405", "U4-2024-901", "ordered and approved by himself")
            ws.append(["U4-2024-902", "V1004", D(2024, 7, 2), "9.800,00 EUR", "NWILLEMS",
                       "PDEVRIES"])
            plant("self_interest", "00402", "U4-2024-902",
                  "approver Petra de Vries-Kok is commissaris Petra Kok")
            ws.append(["U4-2024-903", "V1009", "20240708", "4.400,00 EUR", "TPETERS",
                       "HVERBEEK"])
            not_plant("relative_interest", "00412", "U4-2024-903", "sister directs supplier")
            ws.append(["U4-2024-904", "V1010", "09-07-2024", "3,900.00 EUR", "MDEKKER",
                       "HVERBEEK"])
            not_plant("relative_interest", "00413", "U4-2024-904", "ex-husband directs it")
            n += 4
            ws.append(["Totaal", None, None, "123.456,78 EUR", None, None])
        u4_rows[ws.title] = n
    wb.save(data / UNIT4)
    exp["rows"].update({f"{UNIT4}[{s}]": n for s, n in u4_rows.items()})

    # ---------------- contracts: housing ERP work orders -----------------------------------
    wo: list[list[Any]] = []
    for k in range(10):
        amount = round(rng.uniform(1000, 4000), 2)
        # thousands written three ways in one column, as rows typed by hand and rows from an
        # import mix them: 1.234,56 / 1234,56 / 1234.56
        written = (nl_amount(amount), f"{amount:.2f}".replace(".", ","),
                   f"{amount:.2f}")[k % 3]
        row = [f"WO-{24000 + k}", rng.choice(fill_orgs), D(2024, 1 + k, 10).strftime("%d-%m-%Y"),
               written, "dvdlinden", "hverbeek", f"VHE-{3000 + k}"]
        if k % 2 == 0:                          # a typo on every other row
            if k % 4 == 0:
                row[3] = row[3].replace("0", "O", 1) if "0" in row[3] else row[3] + "O"
                damaged(TOBIAS, k + 2, "amount_eur", row[3])
            else:
                row[5] = "hverbek"
                damaged(TOBIAS, k + 2, "approved_by", row[5])
        wo.append(row)
    wo.append(["WO-24901", "V1005", "11-03-2024", nl_amount(8900.0), "midrissi", "hverbeek",
               "VHE-3101"])
    plant("relative_interest", "00403", "WO-24901", "his wife directs the supplier")
    for j, (day, amount) in enumerate([(D(2024, 8, 5), 2100.0), (D(2024, 8, 14), 2400.0),
                                       (D(2024, 8, 23), 1900.0)]):
        wo.append([f"WO-2495{j}", "V1012", day.strftime("%d-%m-%Y"), nl_amount(amount),
                   "ibrouwer", "hverbeek", f"VHE-320{j}"])
        plant("split_orders", "00406", f"WO-2495{j}", "three orders under a EUR 5.000 mandate")
    for j, day in enumerate([D(2024, 2, 1), D(2024, 4, 1)]):
        wo.append([f"WO-2496{j}", "V1007", day.strftime("%d-%m-%Y"), nl_amount(3000.0),
                   "ibrouwer", "hverbeek", f"VHE-330{j}"])
        not_plant("split_orders", "00406", f"WO-2496{j}", "two months apart")
    write_table(data / TOBIAS, ["Werkordernummer", "Leverancier", "Opdrachtdatum",
                                "Opdrachtbedrag", "Gemaakt door", "Goedgekeurd door",
                                "VHE-nummer"], wo)
    exp["rows"][TOBIAS] = len(wo)

    # ---------------- allocations: Klik voor Wonen, a row per person ------------------------
    alloc: list[list[Any]] = []
    surn = ["Hoek", "Aydin", "Tol", "Brink", "Wouters", "Claassen"]
    first = ["Sem", "Lotte", "Yusuf", "Iris", "Ravi", "Noor"]
    for k in range(10):
        adv = f"KvW-24-{k + 1:03d}"
        day = D(2024, 1 + k, 5 + k).strftime("%d-%m-%Y")
        birth = D(1975 + k, 1 + k, 2).strftime("%d-%m-%Y")
        if k % 2 == 0:                          # a typo on every other household
            birth = f"31-02-{1975 + k}" if k % 4 == 0 else f"{1975 + k}-{1 + k:02d}"
            damaged(ALLOC, len(alloc) + 2, "applicant_birth_date", birth)
        alloc.append([adv, f"{710000 + k}", "Hoofdaanvrager", first[k % 6][0] + ".", "",
                      surn[k % 6], birth, day, "abos" if k % 2 else "ksmit", "Geaccepteerd"])
        if k % 3 == 0:
            alloc.append([adv, f"{710000 + k}", "Medeaanvrager", "M.", "", surn[(k + 1) % 6],
                          D(1976 + k, 2, 3).strftime("%d-%m-%Y"), day,
                          "abos" if k % 2 else "ksmit", "Geaccepteerd"])
    # the handler is the co-applicant, on the second row of the household
    alloc.append(["KvW-24-901", "720001", "Hoofdaanvrager", "L.", "", "Meijer", "09-09-1991",
                  "03-06-2024", "ksmit", "Geaccepteerd"])
    alloc.append(["KvW-24-901", "720001", "Medeaanvrager", "K.", "", "Smit", "14-03-1990",
                  "03-06-2024", "ksmit", "Geaccepteerd"])
    plant("allocation_to_self", "00407", "KvW-24-901", "the handler is the co-applicant")
    alloc.append(["KvW-24-902", "720002", "Hoofdaanvrager", "D.", "", "Bos", "15-06-2001",
                  "10-07-2024", "abos", "Geaccepteerd"])
    plant("allocation_to_relative", "00408", "KvW-24-902", "the handler's son")
    alloc.append(["KvW-24-903", "720003", "Hoofdaanvrager", "D.", "", "Bos", "30-10-1958",
                  "17-07-2024", "abos", "Geaccepteerd"])
    not_plant("allocation_to_relative", "00408", "KvW-24-903", "namesake, other birth date")
    # candidates of the same advertisements who were not allocated
    refused = [["KvW-24-902", "720010", "Hoofdaanvrager", "P.", "", "Tol", "01-01-1990",
                "10-07-2024", "abos", "Afgewezen"],
               ["KvW-24-903", "720011", "Hoofdaanvrager", "K.", "", "Smit", "14-03-1990",
                "17-07-2024", "abos", "Geweigerd"]]
    not_plant("allocation_to_self", "00407", "KvW-24-903", "refused candidate, not allocated")
    alloc += refused
    write_table(data / ALLOC, ["Advertentienummer", "Inschrijfnummer", "Rol", "Voorletters",
                               "Tussenvoegsel", "Achternaam", "Geboortedatum",
                               "Toewijzingsdatum", "Toegewezen door", "Status"], alloc)
    exp["rows"][ALLOC] = len(alloc) - len(refused)
    exp["alloc_merged"] = sum(1 for r in alloc if r[2] == "Medeaanvrager")

    # ---------------- allocations 2023: another system, the household on one row -------
    rows = []
    for k in range(6):
        rows.append([f"P-23-{k + 1:04d}", D(2023, 2 + k, 1 + k).strftime("%d-%m-%Y"),
                     f"{first[k]} {surn[(k + 2) % 6]}", D(1980 + k, 3, 3).strftime("%d-%m-%Y"),
                     f"{first[(k + 3) % 6]} {surn[(k + 2) % 6]}" if k % 2 else "",
                     D(1981 + k, 4, 4).strftime("%d-%m-%Y") if k % 2 else "",
                     "ksmit", f"{650000 + k}"])
    # the handler's son as co-applicant, his partner the main applicant
    rows.append(["P-23-0901", "14-09-2023", "Sophie Bakker", "02-02-2000", "Daan Bos",
                 "15-06-2001", "abos", "650901"])
    plant("allocation_to_relative", "00408", "P-23-0901", "the handler's son as co-applicant")
    # a namesake of the handler as main applicant, another birth date
    rows.append(["P-23-0902", "21-09-2023", "Kevin Smit", "22-11-1985", "", "", "ksmit",
                 "650902"])
    not_plant("allocation_to_self", "00407", "P-23-0902", "namesake, other birth date")
    write_table(data / ALLOC23, ["Publicatienummer", "Datum toewijzing", "Naam hoofdaanvrager",
                                 "Geboortedatum hoofdaanvrager", "Naam medeaanvrager",
                                 "Geboortedatum medeaanvrager", "Verhuurmedewerker",
                                 "Inschrijfnummer"], rows)
    exp["rows"][ALLOC23] = len(rows)
    return save_expected(out, exp)


if __name__ == "__main__":
    main(__doc__, write_exports, 1905)
