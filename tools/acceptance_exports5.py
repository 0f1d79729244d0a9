"""Write a fifth acceptance data folder (the sixth round): another fictional corporation
(Woonstichting Lingehof) whose exports come from systems no earlier round
(``tools/acceptance_exports.py`` .. ``acceptance_exports4.py``) used, each written the way
that system writes it, with planted conflicts and near-misses whose outcome is known.

- ``Loket werknemers.xlsx``: a Loket.nl payroll export (title and ``Peildatum`` rows above
  the header, ``Werknemernummer``, the name in parts, ``E-mailadres zakelijk``,
  ``Telefoonnummer mobiel``), a damaged optional value on every other filler row;
- ``ADP personeel bestuur en RvC.csv``: ADP Workforce Now's English headers (``Position ID`` with a
  company prefix, ``Legal First Name``, ``Legal Last Name``, ``Work Contact: Work Email``),
  comma, UTF-8;
- ``D365 leveranciers.csv``: Dynamics 365 Finance vendors through its data management
  export (UTF-8 with BOM, comma, ``dataAreaId``, ``VendorAccountNumber``,
  ``VendorOrganizationName``, ``OrganizationNumber``, phone as ``+31 6 ...``);
- ``inkooporders/D365 inkooporders 2024-Q1.csv`` .. ``-Q3.csv``: D365 purchase orders, a
  file per quarter, each export taken a week after its quarter so the next file repeats
  the orders of the last days (the same order in two files), ISO datetimes
  ``2024-03-15T00:00:00Z``, decimal point, personnel numbers zero-padded (``001101``);
  three orders of one buyer under her signing limit that together pass it, and an order in
  two files that must not count twice;
- ``D365 tekenbevoegdheden.csv``: D365 signing limits as mandates, ``1900-01-01T00:00:00Z``
  for no start and ``2154-12-31T23:59:59Z`` (D365's end of time) for no end;
- ``Empire opdrachten 2024.xlsx``: a housing ERP's (Empire/Viewpoint-like) orders, the
  user as ``J. de Vries`` (initials and surname; ``C. Veenstra`` for Loket's ``Kees``
  with Voorletters ``C.J.``), a typo on every other filler row (an amount, the approver);
- ``Entree toewijzingen 2024.txt``: allocations from another lettings system saved by
  Excel as "Unicode text" (UTF-16 LE with BOM, tab-separated), ``Positie`` on the list,
  ``Toewijzingsreden``;
- ``Melding nevenfuncties en belangen(1-9).xlsx``: a Microsoft Forms Excel export (``Id``,
  ``Begintijd``, ``Tijd van voltooien``, ``E-mail``, ``Naam``, whole questions as headers,
  multiple-choice answers joined with ``;``);
- ``Register nevenfuncties (SharePoint).csv``: the approved register as a SharePoint list
  export (``Titel``, person fields as ``Achternaam, Voornaam``, ``Gemaakt door``,
  ``Gewijzigd``);
- ``Familieleden (SharePoint).csv``: relatives as a SharePoint list export (the list's
  title column renamed ``Naam familielid``, as SharePoint exports it under its display
  name);
- ``Geschenkenregister 2024.xlsx``: kept in Excel by the secretary, merged title rows above
  the header, free-text values (``ca. € 40``, ``fles wijn``, ``n.v.t.``);
- ``Company.info bestuurders.xlsx``: officers as a company-data provider exports them.

``expected.json`` lists the planted findings, near-misses, damaged values and the data rows
per file.

    python tools/acceptance_exports5.py /tmp/acc5        # writes /tmp/acc5/data + expected.json
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path
from typing import Any

from acceptance_common import Expected, iban, main, save_expected

__all__ = ["write_exports", "LOKET", "ADP", "ORGS", "Q1", "Q2", "Q3", "MAND", "EMPIRE",
           "ENTREE", "FORMS", "SP_DECL", "SP_REL", "GIFTS", "OFFICERS"]

D = dt.date
LOKET = "Loket werknemers.xlsx"
ADP = "ADP personeel bestuur en RvC.csv"
ORGS = "D365 leveranciers.csv"
Q1 = "inkooporders/D365 inkooporders 2024-Q1.csv"
Q2 = "inkooporders/D365 inkooporders 2024-Q2.csv"
Q3 = "inkooporders/D365 inkooporders 2024-Q3.csv"
MAND = "D365 tekenbevoegdheden.csv"
EMPIRE = "Empire opdrachten 2024.xlsx"
ENTREE = "Entree toewijzingen 2024.txt"
FORMS = "Melding nevenfuncties en belangen(1-9).xlsx"
SP_DECL = "Register nevenfuncties (SharePoint).csv"
SP_REL = "Familieleden (SharePoint).csv"
GIFTS = "Geschenkenregister 2024.xlsx"
OFFICERS = "Company.info bestuurders.xlsx"

# Loket: (number, call name, initials, particle, surname, birth, function, department)
STAFF = [
    ("1101", "Jan", "J.", "de", "Vries", D(1971, 5, 14), "Inkoper", "Vastgoed"),
    ("1102", "Sandra", "S.M.", "", "Jacobs", D(1979, 2, 3), "Projectleider", "Vastgoed"),
    ("1103", "Ahmet", "A.", "", "Yilmaz", D(1982, 10, 21), "Opzichter", "Vastgoed"),
    ("1104", "Lotte", "L.", "van", "Dijk", D(1990, 7, 9), "Inkoper", "Vastgoed"),
    ("1105", "Bas", "B.", "", "Hermans", D(1984, 12, 30), "Opzichter", "Vastgoed"),
    ("1106", "Femke", "F.", "", "Schouten", D(1987, 3, 17), "Planner", "Onderhoud"),
    ("1107", "Kees", "C.J.", "", "Veenstra", D(1965, 8, 1), "Manager", "Onderhoud"),
    ("1108", "Ilse", "I.", "", "Vermeulen", D(1976, 6, 25), "Inkoper", "Onderhoud"),
    ("1109", "Thijs", "T.", "", "Kramer", D(1989, 1, 12), "Inkoper", "Onderhoud"),
    ("1110", "Noor", "N.", "", "Bakker", D(1993, 4, 4), "Woonconsulent", "Wonen"),
    ("1111", "Ruben", "R.", "", "Smits", D(1968, 11, 11), "Woonconsulent", "Wonen"),
    ("1112", "Eva", "E.", "de", "Boer", D(1985, 9, 19), "Beleidsmedewerker", "Wonen"),
    ("1113", "Mark", "M.", "", "Jansen", D(1974, 2, 28), "Controller", "Financien"),
    ("1114", "Sophie", "S.", "", "Willems", D(1991, 5, 5), "Inkoper", "Vastgoed"),
    ("1115", "Daan", "D.", "", "Mulder", D(1983, 8, 8), "Inkoper", "Onderhoud"),
    ("1116", "Tim", "T.", "", "Peeters", D(1986, 10, 2), "Inkoper", "Onderhoud"),
    ("1117", "Anna", "A.", "", "Hoekstra", D(1992, 12, 12), "Inkoper", "Vastgoed"),
    ("1118", "Joost", "J.", "van den", "Berg", D(1970, 3, 3), "Opzichter", "Onderhoud"),
    ("1119", "Laura", "L.", "", "Koning", D(1988, 6, 16), "Inkoper", "Onderhoud"),
    ("1120", "Rik", "R.", "", "Postma", D(1981, 9, 29), "Opzichter", "Vastgoed"),
]
FILLERS = ["1117", "1118", "1119", "1120"]
# ADP: (position id, first, last, birth, job title, e-mail)
BOARD = [
    ("LHF000901", "Hendrik", "Verbeek", D(1962, 4, 20), "Directeur-bestuurder",
     "h.verbeek@lingehof.nl"),
    ("LHF000902", "Marian", "Dekker", D(1958, 7, 7), "Lid Raad van Commissarissen",
     "m.dekker@rvc-lingehof.nl"),
    ("LHF000903", "Willem", "Brouwer", D(1960, 1, 31), "Voorzitter Raad van Commissarissen",
     "w.brouwer@rvc-lingehof.nl"),
]
ORG_NAMES = ["Aannemersbedrijf Linge", "Bouwbedrijf Bemmel", "Installatiebedrijf Huissen",
             "Dakdekkers Gendt", "Schildersbedrijf Elst", "Elektrotechniek Angeren",
             "Loodgietersbedrijf Doornenburg", "Glaszetters Haalderen", "Hoveniers Ressen",
             "Sloopwerken Bemmel", "Kozijnen Lingewaard", "Onderhoudsbedrijf Zetten"]


def _staff(nr: str) -> tuple:
    return next(p for p in STAFF if p[0] == nr)


def _full(nr: str) -> str:
    p = _staff(nr)
    return " ".join(x for x in (p[1], p[3], p[4]) if x)


def _email(nr: str) -> str:
    p = _staff(nr)
    return f"{p[1][0].lower()}.{(p[3] + p[4]).replace(' ', '').lower()}@lingehof.nl"


def _initials_name(nr: str) -> str:
    """The user as the housing ERP shows it: ``J. de Vries``."""
    p = _staff(nr)
    return " ".join(x for x in (p[2].split(".")[0] + ".", p[3], p[4]) if x)


def _sharepoint_person(nr: str) -> str:
    """A SharePoint person field: ``Vries, Jan de``."""
    p = _staff(nr)
    return f"{p[4]}, {p[1]}" + (f" {p[3]}" if p[3] else "")


def _utf8_csv(path: Path, header: list[str], rows: list[list[Any]], *, bom: bool) -> None:
    """A comma-separated UTF-8 file with CRLF line ends (D365, SharePoint, ADP)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows([["" if v is None else v for v in r] for r in rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8-sig" if bom else "utf-8"))


def _iso(day: dt.date) -> str:
    """D365's datetime: ``2024-03-15T00:00:00Z``."""
    return day.isoformat() + "T00:00:00Z"


def write_exports(out: Path, seed: int = 2011) -> dict[str, Any]:
    """Write ``out/data`` and ``out/expected.json``; return the expectations."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    exp = Expected()
    plant, not_plant, damaged = exp.plant, exp.not_plant, exp.damaged

    # ---------------- employees: Loket.nl ---------------------------------------------------
    emp = {p[0]: {"iban": iban(rng, "INGB"), "pc": f"6{851 + i} {'AB' if i % 2 else 'KL'}",
                  "hn": str(3 + i), "phone": f"06-{rng.randint(20000000, 59999999)}"}
           for i, p in enumerate(STAFF)}
    wb = Workbook()
    ws = wb.active
    ws.title = "Werknemers"
    ws.append(["Werknemers - Woonstichting Lingehof (werkgever 40112)"])
    ws.append(["Peildatum: 01-12-2024"])
    ws.append([])
    header = ["Werknemernummer", "Roepnaam", "Voorletters", "Voorvoegsel", "Achternaam",
              "Geboortedatum", "Datum in dienst", "Datum uit dienst", "Functie", "Afdeling",
              "IBAN", "Postcode", "Huisnummer", "E-mailadres zakelijk",
              "Telefoonnummer mobiel"]
    ws.append(header)
    first_line = 5
    k = 0
    for i, p in enumerate(STAFF):
        nr = p[0]
        row: list[Any] = [int(nr), p[1], p[2], p[3] or None, p[4], p[5], D(2012, 1, 1) if
                          nr != "1103" else D(2015, 6, 1), None, p[6], p[7], emp[nr]["iban"],
                          emp[nr]["pc"], int(emp[nr]["hn"]), _email(nr), emp[nr]["phone"]]
        if nr in FILLERS:
            k += 1
            if k % 2 == 0:        # a damaged optional value on every other filler row
                line = first_line + i
                if k == 2:
                    row[5] = "31-11-" + str(p[5].year)
                    damaged(LOKET, line, "birth_date", row[5])
                else:
                    row[10] = row[10][:-1] + ("0" if row[10][-1] != "0" else "1")
                    damaged(LOKET, line, "iban", row[10])
        ws.append(row)
    wb.save(data / LOKET)
    exp["rows"][LOKET] = len(STAFF)

    # ---------------- employees: ADP, the board and the supervisory board -------------------
    adp = [[b[0], b[1], b[2], b[3].isoformat(), "2016-01-01", "", b[4], "Bestuur", b[5]]
           for b in BOARD]
    _utf8_csv(data / ADP, ["Position ID", "Legal First Name", "Legal Last Name", "Birth Date",
                           "Hire Date", "Termination Date", "Job Title Description",
                           "Home Department Description", "Work Contact: Work Email"],
              adp, bom=False)
    exp["rows"][ADP] = len(adp)

    # ---------------- organizations: Dynamics 365 Finance vendors ---------------------------
    orgs = {f"V{i + 1:04d}": {"name": nm + " B.V.", "kvk": f"{rng.randint(10000000, 99999999)}",
                              "iban": iban(rng, "RABO"),
                              "phone": f"+31 26 {rng.randint(1000000, 9999999)}"}
            for i, nm in enumerate(ORG_NAMES)}
    # Lotte van Dijk's own mobile number, as D365 writes a phone (+31 6 ...)
    mobile = emp["1104"]["phone"].replace("06-", "")
    orgs["V0006"]["phone"] = f"+31 6 {mobile[:4]} {mobile[4:]}"
    orgs["V0011"]["iban"] = orgs["V0010"]["iban"]     # two suppliers, one bank account
    _utf8_csv(data / ORGS, ["dataAreaId", "VendorAccountNumber", "VendorOrganizationName",
                            "VendorGroupId", "OrganizationNumber", "IBAN",
                            "PrimaryContactPhone", "AddressCity", "OnHoldStatus"],
              [["lhf", oid, o["name"], "AANN", o["kvk"], o["iban"], o["phone"], "Bemmel",
                "No"] for oid, o in orgs.items()], bom=True)
    exp["rows"][ORGS] = len(orgs)

    # ---------------- officers: a company-data provider's export ----------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "Bestuurders"
    ws.append(["KvK-nummer", "Handelsnaam", "Naam bestuurder", "Functie", "Geboortedatum",
               "Datum in functie", "Datum uit functie"])
    officers = [
        ("V0003", "J. de Vries", "Bestuurder", _staff("1101")[5]),
        ("V0004", "S.M. Jacobs", "Commissaris", _staff("1102")[5]),
        ("V0005", "E. Yilmaz-Kaya", "Bestuurder", D(1984, 2, 14)),
        ("V0002", "B. Hermans", "Bestuurder", D(1949, 6, 1)),      # namesake
        ("V0009", "P. Willems", "Bestuurder", D(1988, 4, 4)),      # Sophie's brother
        ("V0008", "W. Brouwer", "Commissaris", BOARD[2][3]),        # declared, approved
        ("V0001", "G. Arts", "Bestuurder", D(1957, 5, 5)),
        ("V0010", "K. Hendriks", "Bestuurder", D(1966, 6, 6)),
    ]
    for oid, name, role, birth in officers:
        ws.append([orgs[oid]["kvk"], orgs[oid]["name"], name, role, birth, D(2016, 3, 1),
                   None])
    wb.save(data / OFFICERS)
    exp["rows"][OFFICERS] = len(officers)
    plant("undeclared_interest", "1101", None, "KvK director of V0003, nothing declared")
    plant("undeclared_interest", "1103", None, "his wife directs V0005, not declared")
    not_plant("undeclared_interest", "1102", None, "commissaris, declared and approved")
    not_plant("undeclared_interest", "1105", None, "namesake officer, other birth date")
    not_plant("undeclared_interest", "1114", None, "her brother: no family by default")
    not_plant("undeclared_interest", "LHF000903", None, "commissaris, declared, approved")

    # ---------------- relatives: a SharePoint list -------------------------------------------
    def sp_meta(k: int) -> list[str]:
        return [f"{3 + k}-1-2024 09:{10 + k:02d}", "Jacobs, Sandra",
                f"{5 + k}-2-2024 14:{20 + k:02d}", "Jacobs, Sandra", "Item",
                "Lists/Familieleden"]

    rel = [["Elif Yilmaz-Kaya", _sharepoint_person("1103"), "Echtgenote", "14-2-1984"],
           ["Pim Willems", _sharepoint_person("1114"), "Broer", "4-4-1988"],
           ["Mila Smits", _sharepoint_person("1111"), "Dochter", "2-9-1999"]]
    # the list's title column renamed, as SharePoint exports it under its display name
    _utf8_csv(data / SP_REL, ["Naam familielid", "Medewerker", "Relatie", "Geboortedatum", "Gemaakt",
                              "Gemaakt door", "Gewijzigd", "Gewijzigd door", "Itemtype",
                              "Pad"],
              [r + sp_meta(k) for k, r in enumerate(rel)], bom=True)
    exp["rows"][SP_REL] = len(rel)

    # ---------------- declarations: Microsoft Forms ------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam",
               "Om wat voor soort melding gaat het?", "Bij welke organisatie?",
               "KvK-nummer van de organisatie (indien bekend)",
               "Welke functie(s) heeft u daar?", "Hoe groot is uw aandeel (%)?",
               "Wordt u hiervoor betaald?", "Sinds wanneer?"])
    forms = [
        (_email("1112"), _full("1112"), "Nevenfunctie;", "Voetbalvereniging Bemmel", "",
         "Penningmeester;Bestuurslid;", None, "Nee", D(2023, 9, 1)),
        (BOARD[1][5], "Marian Dekker", "Nevenfunctie;", "Zorggroep Over-Betuwe", "",
         "Lid raad van toezicht;", None, "Ja", D(2022, 1, 1)),
        # a financial interest needs no permission: no unapproved side function
        (_email("1113"), _full("1113"), "Financieel belang;", orgs["V0008"]["name"], "",
         "Aandeelhouder;", 10, "Nee", D(2019, 4, 1)),
    ]
    for k, (mail, name, kind, org, kvk, roles, share, paid, since) in enumerate(forms):
        start = dt.datetime(2024, 1, 8 + k, 10, 3 + k, 12)
        ws.append([k + 1, start, start + dt.timedelta(minutes=4, seconds=37), mail, name,
                   kind, org, kvk or None, roles, share, paid, since])
    wb.save(data / FORMS)
    exp["rows"][FORMS] = len(forms)
    plant("unapproved_side_function", "1112", None, "side function sent in with Forms")
    plant("unapproved_side_function", "LHF000902", None, "RvC member's side function")

    # ---------------- declarations: the approved register, a SharePoint list ----------------
    sp = [["NF-2024-001", _sharepoint_person("1102"), orgs["V0004"]["name"],
           orgs["V0004"]["kvk"], "Nevenfunctie", "Commissaris", "Goedgekeurd",
           "Verbeek, Hendrik", "12-2-2024"],
          ["NF-2024-002", _sharepoint_person("1109"), "Muziekvereniging Gendt", "",
           "Nevenfunctie", "Secretaris", "Goedgekeurd", "Veenstra, Kees", "20-2-2024"],
          ["NF-2024-003", "Brouwer, Willem", orgs["V0008"]["name"], orgs["V0008"]["kvk"],
           "Nevenfunctie", "Commissaris", "Goedgekeurd", "Dekker, Marian", "1-3-2024"]]
    _utf8_csv(data / SP_DECL, ["Meldingsnummer", "Medewerker", "Organisatie", "KvK-nummer",
                               "Soort melding", "Functie", "Status", "Besloten door",
                               "Datum besluit", "Gemaakt", "Gemaakt door", "Gewijzigd",
                               "Gewijzigd door", "Itemtype", "Pad"],
              [r + sp_meta(k) for k, r in enumerate(sp)], bom=True)
    exp["rows"][SP_DECL] = len(sp)
    not_plant("unapproved_side_function", "1102", None, "approved in the register")
    not_plant("unapproved_side_function", "1109", None, "approved in the register")
    not_plant("unapproved_side_function", "1113", None, "a financial interest")

    # ---------------- gifts: the secretary's workbook ---------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "2024"
    ws.append(["Register geschenken en uitnodigingen 2024"])
    ws.merge_cells("A1:H1")
    ws.append(["Bijgehouden door het secretariaat, zie Gedragscode art. 7"])
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append(["Nr.", "Datum", "Medewerker", "Aangeboden door", "Omschrijving",
               "Geschatte waarde", "Ingeleverd bij secretariaat", "Gemeld aan leidinggevende"])
    gifts = [
        [1, D(2024, 2, 9), _full("1108"), orgs["V0001"]["name"], "Diner", "ca. € 40",
         "nee", "nee"],
        [2, D(2024, 3, 1), _full("1109"), orgs["V0002"]["name"], "fles wijn", "n.v.t.",
         "ja", "ja"],
        [3, D(2024, 4, 15), _full("1117"), orgs["V0011"]["name"], "Kerstpakket", "€ 20,-",
         "nee", "ja"],
        [4, D(2023, 1, 10), _full("1109"), orgs["V0007"]["name"], "Relatiegeschenk",
         "± 15 euro", "nee", "ja"],
        # a dinner valued per person, reported: no breach
        [5, D(2024, 5, 17), _full("1119"), orgs["V0009"]["name"], "Diner relatiedag",
         "€ 75 p.p.", "n.v.t.", "ja"],
    ]
    for g in gifts:
        ws.append(g)
    wb.save(data / GIFTS)
    exp["rows"][GIFTS] = len(gifts)
    plant("gift_rule_breach", "1108", None, "a dinner of ca. EUR 40, not reported")
    not_plant("gift_rule_breach", "1109", None, "a bottle of wine, handed in")
    not_plant("gift_rule_breach", "1117", None, "EUR 20, below the limit")
    not_plant("gift_rule_breach", "1119", None, "a dinner of EUR 75 p.p., reported")

    # ---------------- mandates: D365 signing limits -----------------------------------------
    mand = [["lhf", "001106", "Purchase order", "5000.00", "EUR", "1900-01-01T00:00:00Z",
             "2154-12-31T23:59:59Z"],
            ["lhf", "001116", "Purchase order", "5000.00", "EUR", "2023-01-01T00:00:00Z",
             "2154-12-31T23:59:59Z"],
            ["lhf", "001107", "Purchase order", "25000.00", "EUR", "1900-01-01T00:00:00Z",
             "2154-12-31T23:59:59Z"]]
    _utf8_csv(data / MAND, ["dataAreaId", "PersonnelNumber", "DocumentType",
                            "ApprovalLimitAmount", "CurrencyCode", "EffectiveDate",
                            "ExpirationDate"], mand, bom=True)
    exp["rows"][MAND] = len(mand)

    # ---------------- contracts: D365 purchase orders, a file per quarter ------------------
    po: list[tuple[str, str, dt.date, float, str, str]] = []
    fill_orgs = ["V0007", "V0012", "V0001"]
    for k in range(15):
        day = D(2024, 1 + (k * 9) // 15, 2 + (k * 5) % 25)
        po.append((f"PO-24-{k + 1:05d}", rng.choice(fill_orgs), day,
                   round(rng.uniform(400, 9000), 2), rng.choice(FILLERS), "Onderhoud"))
    po += [
        ("PO-24-00901", "V0003", D(2024, 4, 18), 7400.0, "1101", "Dakrenovatie complex 12"),
        ("PO-24-00902", "V0004", D(2024, 5, 2), 12800.0, "1102", "Schilderwerk 2024"),
        ("PO-24-00903", "V0006", D(2024, 5, 13), 2300.0, "1104", "Elektra keukens"),
        ("PO-24-00904", "V0002", D(2024, 6, 3), 8800.0, "1105", "Funderingsherstel"),
        ("PO-24-00905", "V0001", D(2024, 4, 9), 6600.0, "1108", "Onderhoud lift"),
        ("PO-24-00906", "V0007", D(2024, 7, 2), 3100.0, "1109", "Glasschade"),
        ("PO-24-00907", "V0009", D(2024, 7, 8), 4400.0, "1114", "Groenonderhoud"),
        ("PO-24-00908", "V0010", D(2024, 5, 21), 3300.0, "1115", "Sloopwerk"),
        # taken in the last week of June: in Q2's export and again in Q3's
        ("PO-24-00909", "V0011", D(2024, 6, 26), 3900.0, "1115", "Kozijnen"),
        # an order of the last days of March: in Q1's export and again in Q2's
        ("PO-24-00910", "V0012", D(2024, 3, 28), 3000.0, "1116", "Noodreparatie"),
        ("PO-24-00911", "V0008", D(2024, 7, 29), 4100.0, "1113", "Advies"),
        # three orders under a EUR 5.000 signing limit, within a month
        ("PO-24-00920", "V0012", D(2024, 8, 5), 2100.0, "1106", "Herstel balkons"),
        ("PO-24-00921", "V0012", D(2024, 8, 14), 2400.0, "1106", "Herstel balkons"),
        ("PO-24-00922", "V0012", D(2024, 8, 23), 1900.0, "1106", "Herstel balkons"),
    ]
    for j in (0, 1, 2):
        plant("split_orders", "1106", f"PO-24-0092{j}", "three orders under a 5.000 limit")
    plant("self_interest", "1113", "PO-24-00911", "a shareholding declared with Forms")
    plant("self_interest", "1101", "PO-24-00901", "KvK director of the supplier")
    plant("self_interest", "1102", "PO-24-00902", "commissaris of the supplier (declared)")
    plant("shared_identifier", "1104", "PO-24-00903", "the supplier's phone is her mobile")
    not_plant("self_interest", "1105", "PO-24-00904", "namesake officer, other birth date")
    plant("gift_before_decision", "1108", "PO-24-00905", "dinner two months before")
    not_plant("gift_before_decision", "1109", "PO-24-00906", "the gift 18 months before")
    not_plant("relative_interest", "1114", "PO-24-00907", "her brother directs supplier")
    plant("linked_suppliers", "1115", "PO-24-00909", "two suppliers share a bank account")
    not_plant("split_orders", "1116", "PO-24-00910", "one order in two exports")

    def quarter_rows(first: dt.date, last: dt.date, name: str) -> None:
        rows = []
        for no, oid, day, amount, nr, what in po:
            if first <= day <= last:
                amount_s = f"{amount:.2f}"
                rows.append(["lhf", no, oid, _iso(day), what, f"00{nr}", "", amount_s,
                             "Confirmed"])
        _utf8_csv(data / name, ["dataAreaId", "PurchaseOrderNumber", "OrderVendorAccountNumber",
                                "AccountingDate", "PurchaseOrderName",
                                "OrdererPersonnelNumber", "RequesterPersonnelNumber",
                                "TotalAmount", "PurchaseOrderStatus"], rows, bom=True)
        exp["rows"][name] = len(rows)

    quarter_rows(D(2024, 1, 1), D(2024, 3, 31), Q1)
    quarter_rows(D(2024, 3, 25), D(2024, 6, 30), Q2)      # each from the week before its quarter
    quarter_rows(D(2024, 6, 24), D(2024, 9, 30), Q3)
    exp["overlap"] = {Q2: sum(1 for p in po if D(2024, 3, 25) <= p[2] <= D(2024, 3, 31)),
                      Q3: sum(1 for p in po if D(2024, 6, 24) <= p[2] <= D(2024, 6, 30))}

    # ---------------- contracts: the housing ERP's orders -----------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "Opdrachten"
    ws.append(["Opdrachtnummer", "Crediteur", "Crediteurnaam", "Opdrachtdatum", "Opdrachtsom",
               "Aangemaakt door", "Geaccordeerd door", "Complex", "VHE"])
    emp_rows: list[list[Any]] = []
    for k in range(10):
        oid = rng.choice(fill_orgs)
        row = [f"OPD-{240100 + k}", oid, orgs[oid]["name"], D(2024, 1 + k, 3 + k),
               round(rng.uniform(800, 4000), 2), _initials_name(FILLERS[k % 4]),
               "H. Verbeek", f"C{100 + k}", f"VHE-{5000 + k}"]
        if k % 2 == 1:                          # a typo on every other filler row
            line = len(emp_rows) + 2
            if k % 4 == 1:
                row[4] = f"{row[4]:.2f}".replace(".", ",").replace("0", "O", 1)
                if "O" not in row[4]:
                    row[4] += "O"
                damaged(EMPIRE, line, "amount_eur", row[4])
            else:
                row[6] = "H. Verbek"
                damaged(EMPIRE, line, "approved_by", row[6])
        emp_rows.append(row)
    emp_rows += [
        ["OPD-240901", "V0005", orgs["V0005"]["name"], D(2024, 3, 11), 8900.0,
         _initials_name("1103"), "H. Verbeek", "C201", "VHE-5901"],
        ["OPD-240920", "V0007", orgs["V0007"]["name"], D(2024, 6, 21), 18500.0,
         _initials_name("1107"), _initials_name("1107"), "C203", "VHE-5920"],
        ["OPD-240921", "V0007", orgs["V0007"]["name"], D(2024, 9, 2), 6000.0,
         _initials_name("1107"), _initials_name("1107"), "C203", "VHE-5921"],
        ["OPD-240930", "V0010", orgs["V0010"]["name"], D(2024, 5, 28), 1200.0,
         _initials_name("1115"), "H. Verbeek", "C204", "VHE-5930"],
    ]
    plant("relative_interest", "1103", "OPD-240901", "his wife directs the supplier")
    plant("self_approval", "1107", "OPD-240920", "created and approved by himself")
    not_plant("self_approval", "1107", "OPD-240921", "below the policy amount")
    for r in emp_rows:
        ws.append(r)
    wb.save(data / EMPIRE)
    exp["rows"][EMPIRE] = len(emp_rows)

    # ---------------- allocations: Entree, saved by Excel as Unicode text ------------------
    header = ["Publicatienummer", "Adres", "Postcode", "Plaats", "Registratienummer",
              "Naam kandidaat", "Geboortedatum", "Positie", "Toewijzingsreden",
              "Datum toewijzing", "Behandelaar"]
    alloc: list[list[str]] = []
    surn = ["Claassen", "Aydin", "Wouters", "Tol", "Brink", "Gerritsen"]
    first = ["Sem", "Lieke", "Yusuf", "Iris", "Ravi", "Noor"]
    for k in range(10):
        birth = D(1975 + k, 1 + k, 2 + k).strftime("%-d-%-m-%Y")
        if k % 2 == 1:
            birth = f"30-2-{1975 + k}" if k % 4 == 1 else f"{2 + k}-{13 + k}-{1975 + k}"
            damaged(ENTREE, len(alloc) + 2, "applicant_birth_date", birth)
        alloc.append([f"2024-{k + 101}", f"Dorpsstraat {k + 1}", "6681 AA", "Bemmel",
                      f"R{880000 + k}", f"{first[k % 6]} {surn[k % 6]}", birth,
                      str(1 + k % 3), "Volgorde", D(2024, 1 + k, 5 + k).strftime("%-d-%-m-%Y"),
                      _full("1110") if k % 2 else _full("1111")])
    alloc.append(["2024-901", "Lingestraat 4", "6681 BB", "Bemmel", "R890001",
                  "Noor Bakker", "4-4-1993", "1", "Directe bemiddeling", "3-6-2024",
                  _full("1110")])
    plant("allocation_to_self", "1110", "2024-901", "the handler allocated herself")
    alloc.append(["2024-902", "Lingestraat 8", "6681 BB", "Bemmel", "R890002", "Mila Smits",
                  "2-9-1999", "4", "Urgentie", "10-7-2024", _full("1111")])
    plant("allocation_to_relative", "1111", "2024-902", "the handler's daughter")
    alloc.append(["2024-903", "Lingestraat 12", "6681 BB", "Bemmel", "R890003", "Mila Smits",
                  "17-3-2001", "1", "Volgorde", "17-7-2024", _full("1111")])
    not_plant("allocation_to_relative", "1111", "2024-903", "namesake, other birth date")
    buf = io.StringIO()
    for r in [header, *alloc]:
        buf.write("\t".join(r) + "\r\n")
    (data / ENTREE).write_bytes(b"\xff\xfe" + buf.getvalue().encode("utf-16-le"))
    exp["rows"][ENTREE] = len(alloc)
    return save_expected(out, exp)


if __name__ == "__main__":
    main(__doc__, write_exports, 2011)
