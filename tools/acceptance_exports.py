"""Write a data folder for a fictional corporation the way real HR, ERP and allocation
systems write their exports, with planted conflicts and planted near-misses whose outcome
is known.

Written from scratch for acceptance testing (not from ``coi_graph/demo`` or
``tests/corp.py``): the point is to look at the tool as a new user's exports would, with
headers, file kinds and damage that the team's own generators do not produce.

    python tools/acceptance_exports.py /tmp/acc          # writes /tmp/acc/data + expected.json
    python -m coi_graph.cli scan /tmp/acc/data --out /tmp/acc/out

The folder holds (per table a different system's shape):

- ``medewerkers.csv``: AFAS-like staff list, Dutch Excel CSV (``;``, Windows-1252),
  surname-first names (``Vries, Jan de``), the address in one column, ``31-12-9999`` as
  an open end, a typo in an optional column on every other filler row;
- ``familieleden.xlsx``: openpyxl workbook, a title row above the header, an empty
  column, date cells, a totals row below the data;
- ``meldingen nevenfuncties en belangen.csv``: integrity register, UTF-8 with BOM;
- ``Crediteuren Exact.xlsx``: Exact-like vendor master (``Code``/``Naam``), named by its
  system;
- ``KvK functionarissen.csv``: KvK extract;
- ``contracten/``: purchase orders 2023 as SAP CSV (logins as buyers, ``2023-03-01
  00:00:00`` dates), purchase orders 2024 as .xlsx, invoices 2024 as Exact CSV
  (``20012 - Naam B.V.`` suppliers, ``E0012 (J. de Vries)`` handlers, two-digit years
  among full dates), and an overlapping export that repeats rows of the 2024 workbook;
- ``toewijzingen 2024.csv``: allocation system export;
- ``mandaatregister.csv``: comma-separated, amounts quoted the Dutch way;
- ``geschenkenregister.xlsx``: a register kept by hand, employees by name.

``expected.json`` lists the planted findings (rule, decision, person), the planted
non-findings, the damaged optional values (file, line, column) and the data rows per file.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from acceptance_common import Expected, iban, main, nl_amount, save_expected, write_table

__all__ = ["write_exports"]

D = dt.date

# ---------------------------------------------------------------------------------------
# people and suppliers


def _fmt_iban(iban: str) -> str:
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


GIVEN = ["Jan", "Pieter", "Anna", "Sanne", "Kees", "Fatima", "Mehmet", "Lotte", "Bram",
         "Eva", "Daan", "Iris", "Ruben", "Noor", "Thijs", "Femke", "Joost", "Marloes",
         "Wouter", "Ilse", "Hanna", "Sem", "Lieke", "Gijs", "Yara", "Stijn", "Merel",
         "Koen", "Roos", "Teun"]
SURNAMES = [("", "Bakker"), ("de", "Vries"), ("van", "Dijk"), ("", "Smit"),
            ("", "Jansen"), ("", "Mulder"), ("de", "Boer"), ("", "Bos"), ("van den", "Berg"),
            ("", "Meijer"), ("de", "Groot"), ("", "Visser"), ("van", "Leeuwen"),
            ("", "Dekker"), ("", "Brouwer"), ("", "Hendriks"), ("van der", "Linden"),
            ("", "Kuipers"), ("", "Peters"), ("", "Willems"), ("", "Vermeulen"),
            ("", "Koster"), ("", "Prins"), ("", "Post"), ("van", "Wijk"), ("", "Kramer"),
            ("", "Hoekstra"), ("", "Scholten"), ("van", "Vliet"), ("", "Huisman")]
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Lingedijk", "Stationsweg",
           "Beukenlaan", "Rijksstraatweg", "Nieuwstraat", "Markt", "Prinses Irenestraat"]
CITIES = [("4191", "Geldermalsen"), ("4101", "Culemborg"), ("4001", "Tiel"),
          ("4141", "Leerdam"), ("4021", "Maurik")]
TRADES = ["Bouwbedrijf", "Installatiebedrijf", "Schildersbedrijf", "Hoveniersbedrijf",
          "Dakdekkersbedrijf", "Loodgietersbedrijf", "Schoonmaakbedrijf", "Adviesbureau",
          "Elektrotechniek", "Glaszetterij"]


def _full(given: str, tv: str, sur: str) -> str:
    return " ".join(p for p in (given, tv, sur) if p)


def _surname_first(given: str, tv: str, sur: str) -> str:
    return f"{sur}, {given}" + (f" {tv}" if tv else "")


def _nl_date(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


# ---------------------------------------------------------------------------------------
# writers


def _write_xlsx(path: Path, header: list[str], rows: list[list[Any]], *, title: str | None,
                gap_after: int | None = None, totals: list[Any] | None = None,
                sheet: str = "Blad1") -> int:
    """Write a workbook as an export screen does; returns the sheet row of the header."""
    from openpyxl import Workbook

    def gap(values: list[Any]) -> list[Any]:
        if gap_after is None:
            return list(values)
        return list(values[:gap_after]) + [None] + list(values[gap_after:])

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    header_row = 1
    if title:
        ws.append([title])
        ws.append([])
        header_row = 3
    ws.append(gap(header))
    for r in rows:
        ws.append(gap(r))
    if totals is not None:
        ws.append(gap(totals))
    for cells in ws.iter_rows(min_row=header_row + 1):
        for c in cells:
            if isinstance(c.value, dt.date):
                c.number_format = "DD-MM-YYYY"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return header_row


# ---------------------------------------------------------------------------------------


def write_exports(out: Path, seed: int = 17) -> dict[str, Any]:
    """Write ``out/data`` and ``out/expected.json``; return the expectations."""
    rng = random.Random(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    exp = Expected()
    plant, not_plant, damaged = exp.plant, exp.not_plant, exp.damaged

    # ---------------- employees --------------------------------------------------------
    depts = {**{i: "Inkoop" for i in range(1, 8)}, **{i: "Verhuur" for i in range(8, 12)}}
    emp: dict[str, dict[str, Any]] = {}
    used_addr: set[tuple[str, str]] = set()
    for i in range(1, 31):
        eid = f"E{i:04d}"
        given = GIVEN[i - 1]
        tv, sur = SURNAMES[i - 1]
        pc4, city = CITIES[i % len(CITIES)]
        while True:
            street = rng.choice(STREETS)
            hn = str(rng.randint(1, 180))
            if (street, hn) not in used_addr:
                used_addr.add((street, hn))
                break
        emp[eid] = {
            "id": eid, "given": given, "tv": tv, "sur": sur,
            "birth": D(1960 + rng.randint(0, 35), rng.randint(1, 12), rng.randint(1, 28)),
            "street": street, "hn": hn,
            "postcode": f"{pc4} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}",
            "city": city, "iban": iban(rng), "phone": f"06-{rng.randint(1, 5)}{rng.randint(1000000, 9999999)}",
            "email": f"{given.lower()}.{sur.lower()}{i}@hotmail.example",
            "login": (given[0] + tv.replace(" ", "") + sur).lower(),
            "dept": depts.get(i, rng.choice(["Financien", "Wonen", "Vastgoed", "Directie"])),
            "from": D(2005 + i % 15, 1 + i % 12, 1),
        }
    # the namesake's own facts are fixed (see the officers)
    emp["E0022"].update(given="Kees", tv="", sur="Jansen", birth=D(1970, 5, 14))
    emp["E0005"]["given"], emp["E0005"]["tv"], emp["E0005"]["sur"] = "Pieter", "", "Bakker"
    emp["E0010"].update(given="Mehmet", tv="", sur="Yilmaz", birth=D(1979, 11, 23))

    def ename(eid: str) -> str:
        e = emp[eid]
        return _full(e["given"], e["tv"], e["sur"])

    def einit(eid: str) -> str:
        e = emp[eid]
        return (f"{e['given'][0]}. " + (e["tv"] + " " if e["tv"] else "") + e["sur"])

    # ---------------- organizations ----------------------------------------------------
    orgs: dict[str, dict[str, Any]] = {}
    used_names: set[str] = set()
    for i in range(1, 41):
        oid = f"{20000 + i}"
        while True:
            nm = f"{rng.choice(TRADES)} {rng.choice(SURNAMES)[1]}"
            if nm not in used_names:
                used_names.add(nm)
                break
        pc4, city = CITIES[rng.randrange(len(CITIES))]
        while True:
            street = rng.choice(STREETS)
            hn = str(rng.randint(200, 400))
            if (street, hn) not in used_addr:
                used_addr.add((street, hn))
                break
        orgs[oid] = {"id": oid, "name": nm + rng.choice([" B.V.", " B.V.", " V.O.F.", ""]),
                     "kvk": f"{rng.randint(10000000, 99999999)}",
                     "street": street, "hn": hn, "postcode": f"{pc4} K{rng.choice('ABDEGHJ')}",
                     "city": city, "iban": iban(rng, "RABO"),
                     "phone": f"0345-{rng.randint(100000, 999999)}",
                     "email": f"info@{nm.split()[1].lower()}{i}.example"}

    # planted identifier overlaps
    orgs["20012"]["iban"] = emp["E0012"]["iban"]                        # shared IBAN
    orgs["20013"].update(street=emp["E0013"]["street"], hn=emp["E0013"]["hn"],
                         postcode=emp["E0013"]["postcode"], city=emp["E0013"]["city"])
    filler_orgs = [o for o in orgs if int(o) >= 20034]

    # ---------------- relatives --------------------------------------------------------
    relatives = [
        # (rel id, employee, relation as written, given, tv, sur, birth)
        ("R001", "E0007", "Dochter", "Sanne", "", "Smit", D(1995, 4, 12)),
        ("R002", "E0011", "Partner/echtgeno(o)t(e)", "Fatima", "el", "Amrani", D(1988, 7, 3)),
        ("R003", "E0023", "Zoon", "Tom", "", "Visser", D(2000, 2, 2)),
        ("R004", "E0002", "Geregistreerd partnerschap", "Lisa", "", "Koning", D(1983, 9, 17)),
        ("R005", "E0008", "Vader", "Henk", "", "Vermaat", D(1950, 1, 30)),
        ("R006", "E0026", "Moeder", "Greet", "", "Sluis", D(1949, 6, 8)),
        ("R007", "E0027", "Zoon/dochter", "Milan", "", "Roest", D(2001, 3, 21)),
        ("R008", "E0028", "Man", "Jeroen", "", "Zwart", D(1977, 12, 2)),
    ]
    # ---------------- officers (KvK) ---------------------------------------------------
    officers = [
        # kvk of org, name, role, birth, from
        (orgs["20007"]["kvk"], "Sanne Smit", "Bestuurder", D(1995, 4, 12), D(2019, 5, 1)),
        (orgs["20018"]["kvk"], _full(emp["E0018"]["given"], emp["E0018"]["tv"],
                                     emp["E0018"]["sur"]), "Bestuurder", emp["E0018"]["birth"],
         D(2015, 1, 1)),
        (orgs["20021"]["kvk"], "Hendrik Wagenaar", "Bestuurder", D(1966, 8, 8), D(2012, 1, 1)),
        (orgs["20022"]["kvk"], "Hendrik Wagenaar", "Commissaris", D(1966, 8, 8), D(2016, 1, 1)),
        (orgs["20031"]["kvk"], "Kees Jansen", "Bestuurder", D(1982, 9, 30), D(2014, 1, 1)),
        (orgs["20023"]["kvk"], "Tom Visser", "Bestuurder", D(2000, 2, 2), D(2021, 1, 1)),
        (orgs["20032"]["kvk"], "Jeroen Zwart", "Enig aandeelhouder", D(1977, 12, 2),
         D(2018, 6, 1)),
    ]
    for oid in sorted(orgs):
        if oid in {"20007", "20018", "20021", "20022", "20031", "20023", "20032"}:
            continue
        officers.append((orgs[oid]["kvk"], f"{rng.choice(['A.', 'B.', 'C.', 'M.'])} "
                         f"{rng.choice(['Oosterhout', 'Rietveld', 'Zandbergen', 'Bleeker', 'Terpstra', 'Veenstra'])}",
                         rng.choice(["Bestuurder", "Enig aandeelhouder", "Gevolmachtigde"]),
                         D(1955 + rng.randint(0, 30), rng.randint(1, 12), rng.randint(1, 28)),
                         D(2010, 1, 1)))
    # relatives who are no KvK officer still link by name and birth date only when they are

    # ---------------- declarations -----------------------------------------------------
    # (id, emp, relative, org id, org name, kvk, kind as written, position, status, decided_by,
    #  decided_on, from, until)
    decls = [
        ("M-101", "E0005", "", "20005", orgs["20005"]["name"], orgs["20005"]["kvk"],
         "Aandelenbezit", "aandeelhouder 30%", "Goedgekeurd", "E0029", "15-03-2021",
         "01-03-2021", ""),
        ("M-102", "E0017", "", "", "Stichting Sportpark De Linge", "",
         "Betaalde nevenfunctie", "Penningmeester", "Openstaand", "", "", "01-01-2023", ""),
        ("M-103", "E0025", "", "", "Muziekvereniging Excelsior", "",
         "Onbezoldigde nevenfunctie", "Secretaris", "Geen bezwaar", "E0029", "10-02-2022",
         "01-02-2022", ""),
        ("M-104", "E0023", "R003", "20023", orgs["20023"]["name"], orgs["20023"]["kvk"],
         "Zakelijk belang", "bestuurder (zoon)", "Akkoord", "E0029", "05-01-2021",
         "01-01-2021", ""),
        # a side function that has ended: no permission needed any more
        ("M-107", "E0026", "", "", "Stichting Woonzorg Betuwe", "", "Lidmaatschap RvC",
         "lid", "Verlopen", "", "", "01-01-2015", ""),
        # a side function that ended before the scan's period, never decided on
        ("M-108", "E0027", "", "", "Huurdersvereniging Oost", "", "Nevenfunctie",
         "voorzitter", "In behandeling", "", "", "01-01-2019", "31-12-2022"),
        # the register names the relative by name, surname first
        ("M-106", "E0028", "Zwart, Jeroen", "20032", orgs["20032"]["name"],
         orgs["20032"]["kvk"], "Financieel belang", "partner is enig aandeelhouder",
         "Goedgekeurd", "E0029", "01-07-2018", "01-06-2018", ""),
        ("M-105", "E0030", "", "", "Eigen adviespraktijk", "",
         "Eigen bedrijf", "eigenaar", "goedgekeurt", "E0029", "31-02-2022", "01-01-2022",
         ""),
    ]

    # ---------------- decisions --------------------------------------------------------
    po23: list[dict[str, Any]] = []
    po24: list[dict[str, Any]] = []
    inv24: list[dict[str, Any]] = []
    buyers = ["E0001", "E0002", "E0003", "E0004"]
    texts = ["Onderhoud cv-ketels", "Schilderwerk complex 12", "Dakrenovatie", "Groenonderhoud",
             "Glasbewassing", "Advies duurzaamheid", "Vervangen kozijnen", "Elektra keuring"]

    def dec(lst: list, did: str, org: str, day: dt.date, amount: float, handler: str,
            approver: str | None, text: str | None = None) -> dict[str, Any]:
        d = {"id": did, "org": org, "date": day, "amount": amount, "handler": handler,
             "approver": approver, "text": text or rng.choice(texts)}
        lst.append(d)
        return d

    n = 0
    for _ in range(110):
        n += 1
        dec(po23, f"4500{n:06d}", rng.choice(filler_orgs), D(2023, 1, 2) +
            dt.timedelta(days=rng.randint(0, 360)), round(rng.uniform(200, 9000), 2),
            rng.choice(buyers), "E0006")
    for _ in range(110):
        n += 1
        dec(po24, f"4500{n:06d}", rng.choice(filler_orgs), D(2024, 1, 2) +
            dt.timedelta(days=rng.randint(0, 330)), round(rng.uniform(200, 9000), 2),
            rng.choice(buyers), "E0006")
    for k in range(90):
        dec(inv24, f"F24-{k + 1:05d}", rng.choice(filler_orgs), D(2024, 1, 3) +
            dt.timedelta(days=rng.randint(0, 330)), round(rng.uniform(50, 6000), 2),
            rng.choice(buyers), "E0006")

    # planted decisions
    d = dec(po24, "4500900001", "20005", D(2024, 3, 12), 7800.0, "E0005", "E0006",
            "Levering sanitair")
    plant("self_interest", "E0005", d["id"], "declared shareholder handles the order")
    d = dec(po23, "4500900002", "20007", D(2023, 9, 18), 6450.0, "E0007", "E0006",
            "Stucwerk")
    plant("relative_interest", "E0007", d["id"], "daughter is director per KvK")
    d = dec(inv24, "F24-90003", "20012", D(2024, 5, 21), 3120.5, "E0012", "E0006",
            "Storing cv")
    plant("shared_identifier", "E0012", d["id"], "same IBAN as the supplier")
    d = dec(po24, "4500900004", "20013", D(2024, 2, 6), 2210.0, "E0013", "E0006",
            "Hekwerk")
    plant("shared_identifier", "E0013", d["id"], "lives at the supplier's address")
    d = dec(po24, "4500900005", "20014", D(2024, 4, 15), 5400.0, "E0014", "E0006",
            "Kozijnen")
    plant("gift_before_decision", "E0014", d["id"], "dinner two months before")
    d = dec(po24, "4500900006", "20019", D(2024, 7, 1), 24500.0, "E0019", "E0019",
            "Renovatie trappenhuis")
    plant("self_approval", "E0019", d["id"], "handled and approved by one person")
    split = [dec(po24, f"45009001{k}", "20020", D(2024, 6, 3) + dt.timedelta(days=7 * k),
                 3500.0, "E0020", "E0006", "Reparatie goten") for k in range(3)]
    for s in split:
        plant("split_orders", "E0020", s["id"], "three orders of 3.500 within 3 weeks, "
              "mandate 5.000")
    for k, day in enumerate([D(2024, 1, 10), D(2024, 3, 15), D(2024, 6, 1)]):
        d = dec(po24, f"45009002{k}", "20033", day, 3000.0, "E0020", "E0006", "Inspectie")
        not_plant("split_orders", "E0020", d["id"], "orders more than 30 days apart")
    d1 = dec(po24, "4500900301", "20021", D(2024, 2, 20), 1800.0, "E0021", "E0006",
             "Advies")
    d2 = dec(inv24, "F24-90302", "20022", D(2024, 8, 2), 2300.0, "E0021", "E0006", "Advies")
    plant("linked_suppliers", "E0021", None, f"{d1['id']} and {d2['id']}: one director")
    plant("linked_suppliers", "E0006", None, "approved both decisions")
    d = dec(po24, "4500900401", "20031", D(2024, 5, 5), 4100.0, "E0022", "E0006", "Bestrating")
    not_plant("self_interest", "E0022", d["id"], "namesake officer with another birth date")
    not_plant("undeclared_interest", "E0022", None, "namesake officer")
    d = dec(po24, "4500900501", "20023", D(2024, 9, 9), 6100.0, "E0024", "E0006", "Sloopwerk")
    not_plant("relative_interest", "E0023", d["id"], "declared son, decision by E0024")
    not_plant("relative_interest", "E0024", d["id"], "not E0024's relative")
    not_plant("undeclared_interest", "E0023", None, "declared and approved")
    not_plant("undeclared_interest", "E0028", None, "partner's shares declared, relative "
              "named by name")
    d = dec(po24, "4500900601", "20034", D(2024, 10, 1), 9800.0, "E0003", "E0003",
            "Kleine aanschaf")
    not_plant("self_approval", "E0003", d["id"], "below EUR 10.000")
    # filler buyers handle decisions with 20018 (the undeclared director is no handler)
    dec(po24, "4500900701", "20018", D(2024, 3, 3), 1500.0, "E0001", "E0006", "Schoonmaak")
    plant("undeclared_interest", "E0018", None, "director of a supplier, no declaration")
    plant("undeclared_interest", "E0007", None, "daughter is director, not declared")
    plant("unapproved_side_function", "E0017", None, "side function pending")
    not_plant("unapproved_side_function", "E0025", None, "approved side function")
    not_plant("unapproved_side_function", "E0026", None, "side function ended (Verlopen)")
    not_plant("unapproved_side_function", "E0027", None, "side function ended 31-12-2022 "
              "(Geldig t/m)")

    # ---------------- allocations ------------------------------------------------------
    alloc: list[dict[str, Any]] = []
    first = ["Ahmed", "Bart", "Claudia", "Dewi", "Emre", "Floor", "Gerrit", "Hatice", "Ivo",
             "Jolanda", "Karim", "Laura", "Mark", "Nadia", "Olaf", "Priya"]
    last = ["Aydin", "Broekhuis", "Claassen", "Dijkman", "Evers", "Franken", "Goossens",
            "Haverkamp", "IJzerman", "Jacobs", "Kok", "Lammers", "Martens", "Nijhuis"]
    for k in range(40):
        alloc.append({"id": f"VH-2024-{k + 1:04d}", "date": D(2024, 1, 8) +
                      dt.timedelta(days=rng.randint(0, 320)),
                      "handler": rng.choice(["E0008", "E0009"]),
                      "unit": f"VHE{rng.randint(10000, 99999)}",
                      "name": f"{rng.choice(first)} {rng.choice(last)}",
                      "birth": D(1950 + rng.randint(0, 50), rng.randint(1, 12),
                                 rng.randint(1, 28)),
                      "street": rng.choice(["Lingeweg", "Parkstraat", "Zuidsingel"]),
                      "hn": str(rng.randint(1, 99)), "postcode": "4190 ZZ",
                      "city": "Geldermalsen", "rank": str(rng.randint(1, 4)),
                      "basis": "Inschrijfduur"})
    a = {"id": "VH-2024-0901", "date": D(2024, 4, 2), "handler": "E0010", "unit": "VHE55501",
         "name": "Mehmet Yilmaz", "birth": D(1979, 11, 23), "street": emp["E0010"]["street"],
         "hn": emp["E0010"]["hn"], "postcode": emp["E0010"]["postcode"],
         "city": emp["E0010"]["city"], "rank": "3", "basis": "Directe bemiddeling"}
    alloc.append(a)
    plant("allocation_to_self", "E0010", a["id"], "handler is the applicant")
    a = {"id": "VH-2024-0902", "date": D(2024, 6, 20), "handler": "E0011", "unit": "VHE55502",
         "name": "Fatima el Amrani", "birth": D(1988, 7, 3), "street": "Zuidsingel",
         "hn": "3", "postcode": "4191 CD", "city": "Geldermalsen", "rank": "1",
         "basis": "Inschrijfduur"}
    alloc.append(a)
    plant("allocation_to_relative", "E0011", a["id"], "applicant is the handler's wife")
    a = {"id": "VH-2024-0903", "date": D(2024, 8, 12), "handler": "E0009", "unit": "VHE55503",
         "name": "Kees Jansen", "birth": D(1991, 1, 19), "street": "Parkstraat",
         "hn": "77", "postcode": "4191 EF", "city": "Geldermalsen", "rank": "1",
         "basis": "Inschrijfduur"}
    alloc.append(a)
    not_plant("allocation_to_self", "E0022", a["id"], "namesake applicant, other birth date")
    not_plant("allocation_to_self", "E0009", a["id"], "handler is not the applicant")

    # ---------------- gifts ------------------------------------------------------------
    gifts = [
        # nr, employee (as written), giver, date, description, value, handed in, reported
        ("1", ename("E0014"), orgs["20014"]["name"], D(2024, 2, 10), "Diner voor 2",
         "€ 85,00", "nee", "ja", "Diner"),
        ("2", ename("E0015"), orgs["20015"]["name"], D(2024, 3, 5), "VVV-bon", "50",
         "Nee", "ja", "Cadeaubon"),
        ("3", ename("E0016"), orgs["20016"]["name"], D(2024, 12, 1), "Fles wijn", "€ 20,-",
         "nee", "ja", "Geschenk"),
        ("4", ename("E0026"), orgs["20035"]["name"], D(2024, 12, 18), "Kerstpakket",
         "ca. 40 euro", "ja, ingeleverd bij secretariaat", "ja", "Relatiegeschenk"),
        ("5", ename("E0027"), orgs["20036"]["name"], D(2024, 11, 2), "Boek", "15", "nee",
         "nee", "Geschenk"),
    ]
    plant("gift_rule_breach", "E0015", None, "voucher kept")
    # a dinner of EUR 85, reported: an invitation is reported, not handed in
    not_plant("gift_rule_breach", "E0014", None, "dinner reported")
    not_plant("gift_rule_breach", "E0016", None, "EUR 20 gift")
    not_plant("gift_rule_breach", "E0026", None, "handed in")

    # ---------------- mandates ---------------------------------------------------------
    # kinds as a register writes them: plural (the register lists the decisions a mandate
    # covers) or a word for all
    mandates = [("E0020", "5.000,00", "Inkooporders", "01-01-2024", "31-12-2024"),
                ("E0019", "10.000,00", "", "01-01-2023", ""),
                ("E0001", "50.000,00", "alle", "01-01-2020", ""),
                ("E0002", "50.000,00", "Facturen", "01-01-2020", ""),
                ("E0002", "50.000,00", "Contracten", "01-01-2020", ""),
                ("E0006", "250.000,00", "", "01-01-2020", "")]

    # =====================================================================================
    # write the files
    # ---- employees: AFAS-like Dutch Excel CSV
    header = ["Persnr", "Naam", "Functie", "Afdeling", "Gebruikersnaam", "Geboortedatum",
              "Adres", "Postcode", "Woonplaats", "IBAN", "Mobiel privé", "E-mail privé",
              "Datum in dienst", "Datum uit dienst"]
    rows = []
    planted_people = {"E0005", "E0007", "E0010", "E0011", "E0012", "E0013", "E0014",
                      "E0015", "E0016", "E0017", "E0018", "E0019", "E0020", "E0021", "E0022",
                      "E0023", "E0024", "E0025"}
    fname = "medewerkers.csv"
    k_damage = 0
    for i, eid in enumerate(sorted(emp)):
        e = emp[eid]
        line = i + 2
        row = [eid, _surname_first(e["given"], e["tv"], e["sur"]),
               "Manager" if eid == "E0006" else "Medewerker", e["dept"], e["login"],
               _nl_date(e["birth"]) if i % 3 else e["birth"].strftime("%d-%m-%y"),
               f"{e['street']} {e['hn']}", e["postcode"] if i % 2 else e["postcode"].lower(),
               e["city"], _fmt_iban(e["iban"]), e["phone"], e["email"], _nl_date(e["from"]),
               "31-12-9999"]
        if eid not in planted_people and i % 2 == 0:
            # a damaged optional value on every other filler row, a different one each time
            k_damage += 1
            kind = k_damage % 4
            if kind == 0:
                row[5] = "31-02-1980"
                damaged(fname, line, "birth_date", row[5])
            elif kind == 1:
                row[10] = "06-1234"
                damaged(fname, line, "phone", row[10])
            elif kind == 2:
                row[9] = row[9][:-1] + ("1" if row[9][-1] != "1" else "2")
                damaged(fname, line, "iban", row[9])
            else:
                row[11] = row[11].replace("@", " at ")
                damaged(fname, line, "email", row[11])
        rows.append(row)
    write_table(data / fname, header, rows)
    exp["rows"][fname] = len(rows)

    # ---- relatives: workbook with a title row, an empty column, date cells, totals
    fname = "familieleden.xlsx"
    header = ["Personeelsnummer", "Familielidnummer", "Naam familielid", "Soort relatie",
              "Geboortedatum familielid"]
    rows = [[r[1], r[0], _full(r[3], r[4], r[5]), r[2], r[6]] for r in relatives]
    hrow = _write_xlsx(data / fname, header, rows, title="Familieleden per medewerker",
                       gap_after=2, totals=["Totaal", len(rows)])
    exp["rows"][fname] = len(rows)
    exp["header_rows"] = {fname: hrow}

    # ---- declarations: UTF-8 with BOM
    fname = "meldingen nevenfuncties en belangen.csv"
    header = ["Meldingnummer", "Medewerker", "Familielid", "Crediteurnummer", "Organisatie",
              "KvK-nummer", "Soort melding", "Functie", "Status", "Beoordeeld door",
              "Datum besluit", "Ingangsdatum", "Geldig t/m"]
    rows = [list(r) for r in decls]
    typo = 2 + [r[0] for r in decls].index("M-105")
    damaged(fname, typo, "status", "goedgekeurt")  # one typo: read as goedgekeurd, a warning
    damaged(fname, typo, "decided_on", "31-02-2022")
    write_table(data / fname, header, rows, encoding="utf-8-sig")
    exp["rows"][fname] = len(rows)

    # ---- organizations: Exact-like workbook named by its system
    fname = "Crediteuren Exact.xlsx"
    header = ["Code", "Naam", "KvK-nummer", "Adres", "Postcode", "Plaats", "IBAN",
              "Telefoon", "E-mail"]
    rows = []
    for i, oid in enumerate(sorted(orgs)):
        o = orgs[oid]
        row = [int(oid), o["name"], o["kvk"] if i % 5 else o["kvk"][:4] + " " + o["kvk"][4:],
               f"{o['street']} {o['hn']}", o["postcode"], o["city"], _fmt_iban(o["iban"]),
               o["phone"], o["email"]]
        if int(oid) >= 20034 and i % 2:
            row[4] = o["postcode"].replace(" ", " ") + "X"   # 1234 KAX: no postcode
            damaged(fname, i + 2, "postcode", row[4])
        rows.append(row)
    _write_xlsx(data / fname, header, rows, title=None, sheet="Crediteuren")
    exp["rows"][fname] = len(rows)

    # ---- officers: KvK extract
    fname = "KvK functionarissen.csv"
    header = ["KvK-nummer onderneming", "Naam functionaris", "Functie",
              "Geboortedatum functionaris", "Datum in functie", "Datum uit functie"]
    rows = [[o[0], o[1], o[2], _nl_date(o[3]), _nl_date(o[4]), ""] for o in officers]
    write_table(data / fname, header, rows)
    exp["rows"][fname] = len(rows)

    # ---- contracts: a table folder with three systems' files and an overlap
    cdir = data / "contracten"
    by_login = {e["id"]: e["login"] for e in emp.values()}
    fname = "contracten/inkooporders_2023.csv"
    header = ["Inkoopdocument", "Leverancier", "Documentdatum", "Nettowaarde", "Besteller",
              "Vrijgegeven door", "Korte tekst"]
    rows = [[d["id"], d["org"], d["date"].strftime("%Y-%m-%d 00:00:00"),
             nl_amount(d["amount"]), by_login[d["handler"]].upper(), d["approver"],
             d["text"]] for d in po23]
    write_table(cdir / "inkooporders_2023.csv", header, rows, encoding="utf-8-sig")
    exp["rows"][fname] = len(rows)

    fname = "contracten/inkooporders_2024.xlsx"
    header = ["Ordernr.", "Crediteur", "Orderdatum", "Bedrag excl. btw", "Inkoper",
              "Fiatteur", "Omschrijving"]
    rows = []
    for d in po24:
        approver = d["approver"]
        if d["id"] == "4500900006":
            approver = einit("E0019")        # the approver by initials and surname
        rows.append([d["id"], d["org"], d["date"], d["amount"], d["handler"], approver,
                     d["text"]])
    _write_xlsx(cdir / "inkooporders_2024.xlsx", header, rows,
                title="Inkooporders 2024", gap_after=4,
                totals=["Totaal", None, None, round(sum(d["amount"] for d in po24), 2)])
    exp["rows"][fname] = len(rows)
    exp["header_rows"][fname] = 3

    # the overlapping export: the first 12 orders of 2024 again, as CSV
    fname = "contracten/inkooporders_2024_aanvulling.csv"
    header = ["Ordernummer", "Crediteurnummer", "Orderdatum", "Bedrag excl btw", "Inkoper",
              "Fiatteur", "Omschrijving"]
    over = po24[:12]
    # written as the ERP's grid shows them, on every third row: the buyer with his name,
    # the supplier with its name (the workbook has the codes alone)
    rows = [[d["id"],
             f"{d['org']} - {orgs[d['org']]['name']}" if k % 3 == 1 else d["org"],
             _nl_date(d["date"]), nl_amount(d["amount"]),
             f"{d['handler']} ({einit(d['handler'])})" if k % 3 == 0 else d["handler"],
             d["approver"], d["text"]] for k, d in enumerate(over)]
    write_table(cdir / "inkooporders_2024_aanvulling.csv", header, rows)
    exp["rows"][fname] = len(rows)
    exp["overlap"] = {"file": fname, "ids": [d["id"] for d in over]}

    fname = "contracten/facturen_2024.csv"
    header = ["Factuurnummer", "Crediteur", "Factuurdatum", "Bedrag", "Behandelaar",
              "Goedgekeurd door", "Omschrijving"]
    rows = []
    for i, d in enumerate(inv24):
        o = orgs[d["org"]]
        day = _nl_date(d["date"]) if i % 7 else d["date"].strftime("%d-%m-%y")
        amount = nl_amount(d["amount"])
        row = [d["id"], f"{d['org']} - {o['name']}", day, amount,
               f"{d['handler']} ({einit(d['handler'])})", d["approver"], d["text"]]
        if i % 2 and d["id"] not in {"F24-90003", "F24-90302"}:
            row[3] = amount[:-1] + "x"
            damaged(fname, i + 2, "amount_eur", row[3])
        rows.append(row)
    write_table(cdir / "facturen_2024.csv", header, rows)
    exp["rows"][fname] = len(rows)

    # ---- allocations
    fname = "toewijzingen 2024.csv"
    header = ["Toewijzingsnummer", "Soort toewijzing", "Datum toewijzing", "Toegewezen door",
              "VHE-nummer", "Naam huurder", "Geboortedatum huurder", "Huidig adres",
              "Postcode", "Woonplaats", "Rang", "Grondslag"]
    rows = []
    for i, a in enumerate(alloc):
        row = [a["id"], "Verhuur", _nl_date(a["date"]), a["handler"], a["unit"], a["name"],
               _nl_date(a["birth"]), f"{a['street']} {a['hn']}", a["postcode"], a["city"],
               a["rank"], a["basis"]]
        if i % 2 and i < 40:
            if i % 4 == 1:
                row[10] = "eerste"
                damaged(fname, i + 2, "rank", row[10])
            else:
                row[6] = "30-02-1975"
                damaged(fname, i + 2, "applicant_birth_date", row[6])
        rows.append(row)
    write_table(data / fname, header, rows)
    exp["rows"][fname] = len(rows)

    # ---- mandates: comma-separated, amounts quoted
    fname = "mandaatregister.csv"
    header = ["Budgethouder", "Tekenbevoegdheid tot", "Soort besluit", "Geldig van",
              "Geldig t/m"]
    write_table(data / fname, header, [list(m) for m in mandates], delimiter=",",
               encoding="utf-8")
    exp["rows"][fname] = len(mandates)

    # ---- gifts: a register kept by hand
    fname = "geschenkenregister.xlsx"
    header = ["Nr.", "Ontvanger", "Aangeboden door", "Datum ontvangen", "Soort geschenk",
              "Omschrijving", "Waarde", "Ingeleverd j/n", "Gemeld aan manager"]
    _write_xlsx(data / fname, header, [list(g[:4]) + [g[8]] + list(g[4:8]) for g in gifts],
                title="Geschenkenregister 2024")
    exp["rows"][fname] = len(gifts)
    exp["header_rows"][fname] = 3

    return save_expected(out, exp)


if __name__ == "__main__":
    main(__doc__, write_exports, 17)
