"""Write a third acceptance data folder (the fourth round): another fictional corporation
(Woonbedrijf Lingewaard) whose exports come from systems the earlier rounds
(``tools/acceptance_exports.py``, ``tools/acceptance_exports2.py``) did not try, with
planted conflicts and near-misses whose outcome is known.

Written from scratch; no shape of the earlier rounds is repeated:

- ``AFAS Profit medewerkers.xlsx``: an AFAS Profit-like staff list (``Medewerker``,
  ``Naam medewerker`` as ``Achternaam, Voorletters (Roepnaam) tussenvoegsel``, ``Datum in
  dienst`` / ``Datum uit dienst``), a row per function (two people twice), ``nvt``,
  ``n.v.t.``, ``-`` and ``31-02-2024`` in the end date on every other filler row;
- ``Crediteuren Twinfield.csv``: a vendor master (``Code``, ``Naam``), comma-separated;
- ``KvK functionarissen.csv``: officers as a KvK extract writes them in capitals with the
  salutation and the call name in brackets (``DE HEER J. (JAN) VAN DEN BERG``);
- ``Integriteitsregister 2024.xlsx``: a declarations register kept by hand: a title row,
  employees by name (``Kees de Wit``: the call name, not the initial's), the employee's
  cell merged over their two rows, free text (``ja, 10% aandelen in ...``), ``jan 2023``
  as a start, cell comments, a status shown only by the cell's colour;
- ``inkooporders/``: SAP purchase orders as tab-separated text with German headers, a
  different header each year (2023: ``Belegnr.``, ``Kreditor``, ``Betrag``; 2024:
  ``Einkaufsbeleg``, ``Lieferant``, ``Nettowert``, ``Freigegeben von``), vendor numbers
  padded to ten digits (``0000200001``), buyers as SAP users, ``20240315`` dates and
  credit amounts with the minus behind (``15.000,00-``);
- ``Facturen/``: Exact/Twinfield-like invoices, one CSV per year with other headers each
  year (``Crediteur``, ``Factuurbedrag incl. BTW``, ``Fiatteur``), ``1.234.56`` and
  ``n.v.t.`` on every other row, a supplier code typed with a space;
- ``Woonmatch verhuringen 2024.csv``: an allocation list in UTF-16 with Excel's ``sep=;``
  first line, handlers as logins.

``expected.json`` lists the planted findings, near-misses, damaged values, values read as
no value, and the data rows per file.

    python tools/acceptance_exports3.py /tmp/acc3        # writes /tmp/acc3/data + expected.json
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from acceptance_common import Expected, iban, main, nl_amount, save_expected, write_table

__all__ = ["write_exports", "AFAS", "ORGS", "DECL", "ALLOC", "SAP23", "SAP24", "EXACT23",
           "EXACT24", "KVK"]

D = dt.date
AFAS = "AFAS Profit medewerkers.xlsx"
ORGS = "Crediteuren Twinfield.csv"
KVK = "KvK functionarissen.csv"
DECL = "Integriteitsregister 2024.xlsx"
SAP23 = "inkooporders/SAP ME2N 2023.txt"
SAP24 = "inkooporders/SAP ME2N 2024.txt"
EXACT23 = "Facturen/Exact facturen 2023.csv"
EXACT24 = "Facturen/Exact facturen 2024.csv"
ALLOC = "Woonmatch verhuringen 2024.csv"


def _sap(x: float) -> str:
    """SAP's amount: ``1.234,56``, a negative one with the minus behind (``450,00-``)."""
    return nl_amount(abs(x)) + ("-" if x < 0 else "")


# people: (number, initials, call name, particle, surname, birth, SAP user)
PEOPLE = [
    ("1001", "J.", "Jan", "van den", "Berg", D(1971, 4, 12), "JBERG"),
    ("1002", "C.", "Kees", "de", "Wit", D(1966, 9, 30), "CWIT"),
    ("1003", "M.", "Mehmet", "", "Yılmaz", D(1980, 2, 2), "MYILMAZ"),
    ("1004", "A.B.", "Anna", "de", "Jong-Smit", D(1975, 7, 7), "AJONG"),
    ("1005", "P.J.M.", "Pieter", "den", "Boer", D(1969, 1, 15), "PBOER"),
    ("1006", "S.", "Samira", "", "El Amrani", D(1988, 11, 11), "SELAMRANI"),
    ("1007", "H.", "Henk", "", "Jansen", D(1960, 5, 5), "HJANSEN"),
    ("1008", "R.", "Ria", "", "Mulder", D(1983, 3, 3), "RMULDER"),
    ("1009", "T.", "Tom", "", "Bakker", D(1990, 8, 8), "TBAKKER"),
    ("1010", "L.", "Lotte", "", "Visser", D(1992, 12, 1), "LVISSER"),
    ("1011", "D.", "Daan", "", "Smit", D(1985, 6, 6), "DSMIT"),
    ("1012", "E.", "Eva", "", "Meijer", D(1979, 10, 10), "EMEIJER"),
    ("1013", "W.", "Wim", "", "Kok", D(1958, 2, 20), "WKOK"),
    ("1014", "G.", "Gert", "", "Hendriks", D(1974, 9, 9), "GHENDRIKS"),
]
ORG_NAMES = ["Bouwbedrijf Lingehof", "Installatiebedrijf Betuwe", "Dakdekkers Elst",
             "Schildersbedrijf Gendt", "Hoveniers Huissen", "Elektro Bemmel",
             "Glaszetterij Angeren", "Loodgieters Doornenburg", "Adviesbureau Haalderen",
             "Sloopwerken Ressen"]


def afas_name(nr: str) -> str:
    """AFAS Profit's 'Naam medewerker': ``Berg, J. (Jan) van den``."""
    p = next(p for p in PEOPLE if p[0] == nr)
    return f"{p[4]}, {p[1]} ({p[2]})" + (f" {p[3]}" if p[3] else "")


def call_name(nr: str) -> str:
    """How colleagues write the name: call name, particle, surname (``Kees de Wit``)."""
    p = next(p for p in PEOPLE if p[0] == nr)
    return " ".join(x for x in (p[2], p[3], p[4]) if x)


def write_exports(out: Path, seed: int = 1804) -> dict[str, Any]:
    """Write ``out/data`` and ``out/expected.json``; return the expectations."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    rng = random.Random(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    exp = Expected(no_value=[])
    plant, not_plant, damaged = exp.plant, exp.not_plant, exp.damaged

    def no_value(file: str, column: str, value: str) -> None:
        exp["no_value"].append({"file": file, "column": column, "value": value})

    # ---------------- employees: AFAS Profit, a row per function ------------------------
    emp = {p[0]: {"iban": iban(rng, "RABO"), "pc": f"66{60 + i} AB", "hn": str(3 + i)}
           for i, p in enumerate(PEOPLE)}
    wb = Workbook()
    ws = wb.active
    ws.title = "Medewerkers"
    ws.append(["Medewerker", "Naam medewerker", "Geboortedatum", "Functie", "Afdeling",
               "Datum in dienst", "Datum uit dienst", "Gebruikersnaam", "IBAN", "Postcode",
               "Huisnummer"])
    rows: list[list[Any]] = []
    for p in PEOPLE:
        nr = p[0]
        base = [nr, afas_name(nr), p[5], "Inkoper", "Inkoop", D(2012, 3, 1), None, p[6],
                emp[nr]["iban"], emp[nr]["pc"], emp[nr]["hn"]]
        if nr == "1006":
            base[3], base[4] = "Woonconsultent", "Verhuur"
        if nr == "1007":
            base[3], base[4] = "Directeur", "Directie"
        if nr in ("1001", "1007"):   # a row per function: the first ended, the second runs
            first = [*base]
            first[3] = "Medewerker inkoop" if nr == "1001" else "Manager vastgoed"
            first[6] = D(2019, 12, 31)
            second = [*base]
            second[5] = D(2020, 1, 1)
            rows += [first, second]
        else:
            rows.append(base)
    # every other filler row: an end date no system should write, or none written as a word
    fillers = ["1008", "1009", "1010", "1011", "1012", "1013", "1014"]
    k = 0
    for i, row in enumerate(rows):
        if row[0] not in fillers or fillers.index(row[0]) % 2:
            continue
        line = i + 2
        k += 1
        if k == 1:
            row[6] = "31-02-2024"
            damaged(AFAS, line, "employed_until", row[6])
        elif k == 2:
            row[6] = "nvt"
            no_value(AFAS, "employed_until", "nvt")
        elif k == 3:
            row[9] = "66XX AB"
            damaged(AFAS, line, "postcode", row[9])
        else:
            row[6] = "-"
            no_value(AFAS, "employed_until", "-")
    # an end date kept as 'n.v.t.' on a running employment
    rows[-2][6] = "n.v.t."
    no_value(AFAS, "employed_until", "n.v.t.")
    for row in rows:
        ws.append(row)
    for r in range(2, ws.max_row + 1):
        for c in (3, 6, 7):
            ws.cell(r, c).number_format = "dd-mm-yyyy"
    wb.save(data / AFAS)
    exp["rows"][AFAS] = len(rows)
    exp["afas_merged"] = 2           # two people with a row per function

    # ---------------- organizations: Twinfield vendor master ----------------------------
    orgs = {f"2000{i + 1:02d}": {"name": nm + " B.V.", "kvk": f"{rng.randint(10000000, 99999999)}",
                                 "iban": iban(rng, "INGB")}
            for i, nm in enumerate(ORG_NAMES)}
    orgs["200010"]["iban"] = emp["1011"]["iban"]       # shared IBAN: Daan Smit
    write_table(data / ORGS, ["Code", "Naam", "KvK-nummer", "IBAN", "Plaats"],
          [[oid, o["name"], o["kvk"], o["iban"], "Elst"] for oid, o in orgs.items()],
          delimiter=",", encoding="utf-8")
    exp["rows"][ORGS] = len(orgs)

    # ---------------- officers: KvK extract in capitals ---------------------------------
    officers = [
        (orgs["200002"]["kvk"], "DE HEER J. (JAN) VAN DEN BERG", "Bestuurder", "12-04-1971"),
        (orgs["200003"]["kvk"], "DE HEER J. (JOOST) VAN DEN BERG", "Bestuurder", "03-03-1990"),
        # a name alone (no birth date) is no person: not the employee
        (orgs["200007"]["kvk"], "DE HEER J. (JAN) VAN DEN BERG", "Commissaris", ""),
        (orgs["200004"]["kvk"], "MEVROUW E. (EVA) MEIJER", "Commissaris", "01-01-1950"),
        (orgs["200005"]["kvk"], "DE HEER A. (ARIE) DE GROOT", "Bestuurder", "04-04-1955"),
        (orgs["200006"]["kvk"], "MEVROUW I. (INGE) KOK", "Enig aandeelhouder", "05-05-1961"),
    ]
    write_table(data / KVK, ["KvK-nummer", "Naam", "Functie", "Geboortedatum", "Datum in functie"],
          [[o[0], o[1], o[2], o[3], "01-01-2010"] for o in officers],
          delimiter=";", encoding="cp1252")
    exp["rows"][KVK] = len(officers)

    # ---------------- declarations: a register kept by hand in Excel --------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Integriteitsregister Woonbedrijf Lingewaard 2024"])
    ws.append(["Nr.", "Naam medewerker", "Soort melding", "Organisatie", "Toelichting",
               "Sinds", "Status", "Opmerking"])
    decl = [
        ["M-01", call_name("1004"), "Financieel belang", "Bouwbedrijf Lingehof B.V.",
         "ja, 10% aandelen in Bouwbedrijf Lingehof", "jan 2023", "Goedgekeurd", None],
        ["M-02", call_name("1002"), "Nevenfunctie", "Stichting Wijkbelang Elst",
         "voorzitter", "mrt 2021", None, None],
        ["M-03", None, "Nevenfunctie", "VV Elst", "penningmeester", 2019,  # a number cell
         "Goedgekeurd", None],
        ["M-04", call_name("1012"), "Nevenfunctie - bestuurslid", "Zangkoor Bemmel", None,
         "01-09-2020", "Goedgekeurd", "zie mail HR"],
    ]
    for r in decl:
        ws.append(r)
    ws.merge_cells("B4:B5")                                # Kees de Wit's two rows
    ws["E3"].comment = Comment("aandelen via beleggingsfonds?", "HR")
    ws["G4"].fill = PatternFill("solid", fgColor="FF00B050")  # green: approved, no text
    wb.save(data / DECL)
    exp["rows"][DECL] = len(decl)
    plant("self_interest", "1004", "4500000101", "declared 10% shares, handles the order")
    plant("unapproved_side_function", "1002", None, "status only a green fill: not read")
    not_plant("unapproved_side_function", "1002", "VV Elst", "approved (merged name cell)")
    not_plant("unapproved_side_function", "1012", None, "approved")
    # 'jan 2023', 'mrt 2021', '2019': a month or a year, read as its first day (one warning)
    exp["month_or_year"] = {"file": DECL, "column": "valid_from", "count": 3,
                            "first": "jan 2023", "read_as": "2023-01-01"}

    # ---------------- contracts: SAP purchase orders, German headers, by year ----------
    user = {p[0]: p[6] for p in PEOPLE}
    sap: list[dict[str, Any]] = []
    for k in range(24):
        sap.append({"id": f"45000{k + 200:05d}", "org": rng.choice(["200007", "200008",
                                                                      "200009"]),
                    "date": D(2023 + k % 2, 1 + k % 12, 1 + k % 27),
                    "amount": round(rng.uniform(200, 9000), 2),
                    "handler": rng.choice(["1008", "1009", "1010"]), "approver": "1007"})

    def order(did: str, org: str, day: dt.date, amount: float, handler: str,
              approver: str) -> None:
        sap.append({"id": did, "org": org, "date": day, "amount": amount,
                    "handler": handler, "approver": approver})

    order("4500000101", "200001", D(2024, 3, 15), 8200.0, "1004", "1007")
    order("4500000102", "200002", D(2024, 4, 2), 6400.0, "1001", "1007")
    plant("self_interest", "1001", "4500000102", "KvK: DE HEER J. (JAN) VAN DEN BERG")
    order("4500000103", "200003", D(2024, 4, 9), 5100.0, "1001", "1007")
    not_plant("self_interest", "1001", "4500000103", "KvK: J. (JOOST) van den Berg")
    order("4500000107", "200007", D(2024, 7, 1), 3300.0, "1001", "1007")
    not_plant("self_interest", "1001", "4500000107", "KvK: the name, no birth date")
    order("4500000104", "200009", D(2024, 5, 6), -15000.0, "1005", "1005")
    not_plant("self_approval", "1005", "4500000104", "a credit of 15.000,00- (minus behind)")
    order("4500000105", "200004", D(2024, 6, 3), 2200.0, "1012", "1007")
    not_plant("self_interest", "1012", "4500000105", "commissaris Eva Meijer, other birth")
    order("4500000106", "200009", D(2024, 6, 10), 18500.0, "1009", "1009")
    plant("self_approval", "1009", "4500000106", "SAP user releases own order")
    for d in sap:
        d["year"] = d["date"].year
    for fname, year in ((SAP23, 2023), (SAP24, 2024)):
        part = [d for d in sap if d["year"] == year]
        if year == 2023:
            header = ["Belegnr.", "Kreditor", "Belegdatum", "Betrag", "Erfasst von"]
            rows = [[d["id"], d["org"].zfill(10), d["date"].strftime("%Y%m%d"),
                     _sap(d["amount"]), user[d["handler"]]] for d in part]
        else:
            header = ["Einkaufsbeleg", "Lieferant", "Belegdatum", "Nettowert", "Erfasst von",
                      "Freigegeben von"]
            rows = [[d["id"], d["org"].zfill(10), d["date"].strftime("%Y%m%d"),
                     _sap(d["amount"]), user[d["handler"]], user[d["approver"]]]
                    for d in part]
        write_table(data / fname, header, rows, delimiter="\t", encoding="cp1252")
        exp["rows"][fname] = len(rows)

    # ---------------- contracts: Exact invoices, other headers each year ---------------
    inv: list[dict[str, Any]] = []
    for k in range(20):
        inv.append({"id": f"F{2023 + k % 2}-{k + 1:04d}",
                    "org": rng.choice(["200005", "200006", "200007"]),
                    "date": D(2023 + k % 2, 1 + (k * 5) % 12, 1 + k),
                    "amount": round(rng.uniform(100, 4000), 2),
                    "handler": rng.choice(["1008", "1010", "1013", "1014"]),
                    "approver": "1007"})
    inv.append({"id": "F2024-0901", "org": "200008", "date": D(2024, 9, 12),
                "amount": 12500.0, "handler": "1003", "approver": "1003"})
    plant("self_approval", "1003", "F2024-0901", "entered and approved by 1003")
    inv.append({"id": "F2024-0902", "org": "200010", "date": D(2024, 10, 1),
                "amount": 950.0, "handler": "1011", "approver": "1007"})
    plant("shared_identifier", "1011", "F2024-0902", "the supplier's IBAN is his own")
    # 2023: the amount only incl. VAT; who entered it by name as the accounting package
    # shows its users (call name and surname: 'Ria Mulder'), the approver by initials
    # ('H. Jansen'), both to be found through AFAS's 'Mulder, R. (Ria)'
    part = [d for d in inv if d["date"].year == 2023]

    def initials(nr: str) -> str:
        p = next(p for p in PEOPLE if p[0] == nr)
        return " ".join(x for x in (p[1], p[3], p[4]) if x)

    rows = [[d["id"], d["org"], d["date"].strftime("%d-%m-%Y"), nl_amount(d["amount"] * 1.21),
             call_name(d["handler"]), initials(d["approver"])] for d in part]
    write_table(data / EXACT23, ["Factuurnummer", "Crediteur", "Factuurdatum",
                           "Factuurbedrag incl. BTW", "Ingevoerd door", "Fiatteur"],
          rows, delimiter=";", encoding="cp1252")
    exp["rows"][EXACT23] = len(rows)
    # 2024: excl. and incl., other header names, typos on every other row
    part = [d for d in inv if d["date"].year == 2024]
    rows = []
    for i, d in enumerate(part):
        row = [d["id"], d["org"], d["date"].strftime("%d-%m-%Y"), nl_amount(d["amount"]),
               nl_amount(d["amount"] * 1.21), d["handler"], d["approver"]]
        if i % 2 == 0 and d["id"] < "F2024-09":
            kind = (i // 2) % 3
            if kind == 0:
                row[3] = row[3].replace(",", ".")             # 1.234.56
                damaged(EXACT24, i + 2, "amount_eur", row[3])
            elif kind == 1:
                row[6] = "n.v.t."
                no_value(EXACT24, "approved_by", "n.v.t.")
            else:
                row[1] = row[1][:3] + " " + row[1][3:]         # '200 006'
        rows.append(row)
    write_table(data / EXACT24, ["Factuurnr.", "Crediteurnummer", "Datum factuur",
                           "Factuurbedrag excl. BTW", "Factuurbedrag incl. BTW",
                           "Ingevoerd door", "Fiatteur"],
          rows, delimiter=";", encoding="cp1252")
    exp["rows"][EXACT24] = len(rows)

    # ---------------- allocations: Woonmatch, UTF-16 with sep=; ----------------------------
    rows = []
    first = ["Fenna", "Bas", "Yusuf", "Marije", "Sven", "Ilona", "Kevin", "Nadia"]
    for k in range(16):
        rows.append([f"VH-24-{k + 1:03d}", D(2024, 1 + k % 12, 2 + k).strftime("%d-%m-%Y"),
                     rng.choice(["selamrani", "rmulder"]),
                     f"{rng.choice(first)} {rng.choice(['Hoek', 'Brink', 'Aydin', 'Tol'])}",
                     D(1970 + k, 1 + k % 12, 1 + k).strftime("%d-%m-%Y"),
                     f"Dorpsstraat {k + 1}", f"68{10 + k} CD", "Verhuurd"])
    for k in range(0, 16, 2):
        if k % 4 == 0:
            rows[k][4] = "31-02-1990"
            damaged(ALLOC, k + 3, "applicant_birth_date", rows[k][4])
        else:
            rows[k][4] = "n.v.t."
            no_value(ALLOC, "applicant_birth_date", "n.v.t.")
    rows.append(["VH-24-901", "14-05-2024", "selamrani", "S. El Amrani", "11-11-1988",
                 "Lingestraat 2", "6661 AB", "Verhuurd"])
    plant("allocation_to_self", "1006", "VH-24-901", "the handler is the tenant")
    rows.append(["VH-24-902", "21-06-2024", "selamrani", "S. El Amrani", "12-12-1999",
                 "Rijnstraat 9", "6662 CD", "Verhuurd"])
    not_plant("allocation_to_self", "1006", "VH-24-902", "namesake, other birth date")
    # the tenant by call name: Kees is the Cornelis behind AFAS's 'Wit, C. (Kees) de'
    rows.append(["VH-24-903", "02-09-2024", "cwit", "Kees de Wit", "30-09-1966",
                 "Veldstraat 4", "6663 EF", "Verhuurd"])
    plant("allocation_to_self", "1002", "VH-24-903", "Kees de Wit is C. (Kees) de Wit")
    write_table(data / ALLOC, ["Verhuringnummer", "Datum verhuring", "Verhuurd door",
                         "Naam huurder", "Geboortedatum huurder", "Huidig adres",
                         "Huidige postcode", "Status"],
          rows, delimiter=";", encoding="utf-16", before=("sep=;",))
    exp["rows"][ALLOC] = len(rows)

    return save_expected(out, exp)


if __name__ == "__main__":
    main(__doc__, write_exports, 1804)
