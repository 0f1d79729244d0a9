"""Exports as real systems and people write them, round three: small hand-written files.

An allocation system's list of candidates (WoningNet, Woonnet Rijnmond, Woonmatch,
Itris/Viewpoint, Cegeka/Centric export the candidates of an advertisement a row each,
with a status column: only ``Toegewezen``/``Geaccepteerd`` rows are allocations), ERP
purchase orders (AFAS, Exact, Unit4, Visma: ``Inkoopordernummer``, ``Crediteurnummer``,
``Accordeur``, ``Budgethouder``, amounts as ``€ 1.234,56``, ``1 234,56``, ``(1.234,56)``,
``EUR`` in a column of its own) and the mistakes people make keeping such lists by hand
(two-digit years, a file of another table in the folder, hidden rows in a workbook).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from coi_graph.cli import main
from coi_graph.normalise.names import parse_name
from ingest import read_dataset

EMPLOYEES = ("Personeelsnummer;Naam;Geboortedatum\n"
             "E1;Jan de Vries;01-02-1970\nE2;Petra Bakker;03-04-1980\nE3;Kees Smit;05-06-1975\n")
ORGANIZATIONS = "Crediteurnummer;Naam\nO1;Bouwbedrijf X B.V.\nO2;Schilder Y B.V.\n"
CONTRACTS = ("Inkoopordernummer;Crediteurnummer;Bedrag;Orderdatum;Besteller\n"
             "C1;O1;1.000,00;01-03-2024;E1\n")


def folder(tmp: Path, files: dict[str, str], encoding: str = "cp1252") -> Path:
    """A data folder with the staff list, the vendor master and one order, plus ``files``
    (a value ``None`` leaves a default file out)."""
    data = tmp / "data"
    data.mkdir()
    base = {"medewerkers.csv": EMPLOYEES, "crediteuren.csv": ORGANIZATIONS,
            "inkooporders.csv": CONTRACTS}
    for name, text in {**base, **files}.items():
        if text is not None:
            (data / name).write_text(text, encoding=encoding)
    return data


def messages(ds, level: str = "all") -> str:
    probs = ds.problems if level == "all" else (ds.errors if level == "error" else ds.warnings)
    return "\n".join(p.format() for p in probs)


# --- an allocation system's list of candidates -------------------------------------------

#: WoningNet's reactions to two advertisements: a row per candidate, one advertisement
#: number for all; only the ``Toegewezen`` row of each is the allocation
CANDIDATES = (
    "Advertentienummer;VHE;Inschrijfnummer;Naam woningzoekende;Geboortedatum;Positie;"
    "Status reactie;Datum toewijzing;Medewerker verhuur\n"
    "ADV-101;VHE7;200001;Anna Jansen;01-01-1990;1;Geweigerd;;E1\n"         # line 2
    "ADV-101;VHE7;200002;Bram Pieters;02-02-1985;2;Niet gereageerd;;E1\n"  # line 3
    "ADV-101;VHE7;200003;Jan de Vries;01-02-1970;3;Toegewezen;1-3-2024;E1\n"
    "ADV-102;VHE9;200004;Carla Dijk;03-03-1991;1;Afgewezen;;E2\n"          # line 5
    "ADV-102;VHE9;200005;Petra Bakker;03-04-1980;2;Geaccepteerd;2-3-2024;E3\n"
)


def test_only_allocated_candidates_are_decisions_the_others_are_counted(tmp_path: Path) -> None:
    """Read as allocations, every candidate was a decision or (one advertisement number on
    every row) the allocated applicant's co-applicant; the scan refused the list for the
    candidates' empty allocation dates."""
    ds = read_dataset(folder(tmp_path, {"Toewijzingen.csv": CANDIDATES}))
    assert not ds.errors, messages(ds, "error")
    alloc = ds.frame("allocations")
    assert alloc["decision_id"].tolist() == ["ADV-101", "ADV-102"]
    assert alloc["applicant_name"].tolist() == ["Jan de Vries", "Petra Bakker"]
    assert alloc["co_applicant_name"].isna().all()  # no candidate read as a household member
    assert alloc["handled_by"].tolist() == ["E1", "E3"]
    assert alloc["status"].tolist() == ["allocated", "allocated"]
    said = messages(ds, "warning")
    assert ("3 row(s) are candidates who were not allocated, as column 'Status reactie' says "
            "('Afgewezen': 1, 'Geweigerd': 1, 'Niet gereageerd': 1), on line(s) 2, 3, 5"
            in said), said
    # every row kept its own line
    assert alloc["_line"].tolist() == [4, 6]
    # and the file's account counts the candidates beside the rows read (run.json)
    src = ds.tables["allocations"].sources[0]
    assert (src.rows_read, src.rows_used, src.rows_set_aside) == (2, 2, 3)
    assert src.info()["rows_set_aside"] == 3


def test_a_candidate_list_scans_and_says_so_in_dutch(tmp_path: Path) -> None:
    data = folder(tmp_path, {"Toewijzingen.csv": CANDIDATES})
    r = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "nl"})
    assert r.exit_code == 0, r.output
    assert ("Toewijzingen.csv: 3 rij(en) zijn kandidaten aan wie niet is toegewezen, zoals "
            "kolom 'Status reactie' zegt ('Afgewezen': 1, 'Geweigerd': 1, 'Niet gereageerd': 1),"
            " op regel(s) 2, 3, 5: het zijn geen toewijzingsbesluiten; ze worden weggelaten, "
            "niet als gegevens gelezen; alleen rijen waarvan de status een toewijzing is "
            "(Toegewezen, Geaccepteerd) worden gelezen") in r.output, r.output
    assert ("Toewijzingen.csv: 2 rij(en) gelezen = 2 gebruikt + 0 overgeslagen (en 3 rij(en) "
            "van kandidaten aan wie niet is toegewezen, weggelaten)") in r.output, r.output


def test_an_unknown_or_empty_status_refuses_the_row_and_keeps_the_allocation(
        tmp_path: Path) -> None:
    """A status no one knows may be a candidate's: the row is refused (exit 2 unless
    skipped), and it does not take the advertisement's allocation with it."""
    text = CANDIDATES.replace("Niet gereageerd", "Op wachtlijst gezet").replace(
        "Afgewezen", "")
    data = folder(tmp_path, {"Toewijzingen.csv": text})
    ds = read_dataset(data)
    errors = messages(ds, "error")
    assert "Toewijzingen.csv:3: status (Status reactie): 'Op wachtlijst gezet' is not a known " \
           "status" in errors, errors
    assert ("Toewijzingen.csv:5: status (Status reactie): the status ('Status reactie') is empty "
            "in a list that also holds candidates who were not allocated") in errors, errors
    assert {p.line for p in ds.errors} == {3, 5}, errors  # (and their empty dates)
    r = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q"],
                           env={"COI_LANG": "en"})
    assert r.exit_code == 2, r.output
    # the rows skipped (as --skip-bad-rows does), each advertisement keeps its applicant
    alloc = ds.frame("allocations")
    assert alloc["applicant_name"].tolist() == ["Jan de Vries", "Petra Bakker"]
    assert alloc["co_applicant_name"].isna().all()


def test_a_lettings_list_without_candidates_keeps_every_row(tmp_path: Path) -> None:
    """Cegeka/Centric's list of lettings: a status on every row, all allocations; an empty
    status there says nothing about candidates and the row is read."""
    text = ("Verhuringnummer;Toegewezen aan;Ingangsdatum huurcontract;Behandelaar;Status;"
            "Beoordeling\n"
            "V1;Jan de Vries;01-03-2024;E1;Verhuurd;Goed\n"
            "V2;Petra Bakker;02-03-2024;E2;;Voldoende\n")
    ds = read_dataset(folder(tmp_path, {"verhuringen.csv": text}))
    assert not ds.errors, messages(ds, "error")
    alloc = ds.frame("allocations")
    assert alloc["decision_id"].tolist() == ["V1", "V2"]
    assert alloc["applicant_name"].tolist() == ["Jan de Vries", "Petra Bakker"]
    assert "candidates" not in messages(ds)
    # an integrity register's status header is no allocation's: kept as an extra column
    assert alloc["beoordeling"].tolist() == ["Goed", "Voldoende"]
    from ingest.header_mapping import resolve_headers
    from ingest.tables import TABLES

    assert resolve_headers(TABLES["allocations"], ["Beoordeling", "Status melding"])[0] == [
        None, None]


def test_a_status_column_leaves_the_row_digests_as_they_were() -> None:
    """Every allocation read has the status `allocated` (or none): the column must not
    change the rows' digests, which case decisions keep (evidence changed = data changed)."""
    import pandas as pd

    from coi_graph.graph.build import _table_hashes

    row = {"decision_id": ["A1", "A2"], "applicant_name": ["Jan", "Petra"],
           "rank": pd.array([None, None], dtype="Int64")}
    without = _table_hashes(pd.DataFrame(row), "allocations")
    with_status = _table_hashes(pd.DataFrame({**row, "status": ["allocated", None]}),
                                "allocations")
    assert without.tolist() == with_status.tolist()


def test_an_unknown_status_is_explained_in_dutch(tmp_path: Path) -> None:
    text = CANDIDATES.replace("Niet gereageerd", "Op wachtlijst gezet")
    r = CliRunner().invoke(main, ["validate", str(folder(tmp_path, {"Toewijzingen.csv": text}))],
                           env={"COI_LANG": "nl"})
    assert ("Toewijzingen.csv:3: status (Status reactie): 'Op wachtlijst gezet' is geen bekende "
            "status; gebruik een van: allocated, declined, rejected, withdrawn, pending (ook "
            "Nederlandse termen als toegewezen, geweigerd, afgewezen, ingetrokken worden "
            "begrepen) (de rij wordt overgeslagen, niet gebruikt zonder de waarde: een rij "
            "waarvan niet bekend is dat ze een toewijzing is, kan een kandidaat zijn aan wie niet "
            "is toegewezen)") in r.output, r.output


# --- ERP purchase orders and the years people type short -----------------------------------

#: AFAS / Exact / Unit4 purchase orders: the currency in a column of its own, amounts with
#: a euro sign, a space or a non-breaking space between the thousands, a credit note in
#: brackets or with a minus; dates typed in every form, a two-digit year among them; a
#: handler with a trailing space
ORDERS = ("Inkoopordernummer;Crediteur;Bedrag;Valuta;Orderdatum;Besteller;Accordeur;"
          "Budgethouder\n"
          "C1;O1;€ 1.234,56;EUR;02-01-2024;E1 ;E2;E3\n"
          "C2;O1;1 234,56;EUR;1-3-24;E1;E2;\n"
          "C3;O2;1\u00a0234,56;EUR;1 maart 2024;E1;;\n"
          "C4;O2;(1.234,56);EUR;2024-3-1;E1;E2;\n"
          "C5;O2;-1.234,56;EUR;01/03/2024;E1;E2;\n"
          "C6;O1;500,00;EUR;31-12-2024;E1;E2;\n")


def test_erp_orders_with_amounts_and_dates_as_people_type_them(tmp_path: Path) -> None:
    """`1-3-24` among dates written in full was refused (a two-digit year); now read in the
    century of the column's other dates, with one warning that says so."""
    ds = read_dataset(folder(tmp_path, {"inkooporders.csv": ORDERS}))
    assert not ds.errors, messages(ds, "error")
    c = ds.frame("contracts").set_index("decision_id")
    assert c["amount_eur"].tolist() == [1234.56, 1234.56, 1234.56, -1234.56, -1234.56, 500.0]
    assert [f"{d:%Y-%m-%d}" for d in c["decision_date"]] == [
        "2024-01-02", "2024-03-01", "2024-03-01", "2024-03-01", "2024-03-01", "2024-12-31"]
    assert c["handled_by"].tolist() == ["E1"] * 6
    assert c["approved_by"].tolist()[:2] == ["E2", "E2"] and c.at["C1", "requested_by"] == "E3"
    assert c["org_id"].tolist() == ["O1", "O1", "O2", "O2", "O2", "O1"]
    warned = [p.message for p in ds.warnings if p.column == "decision_date"]
    assert warned == ["1 date(s) with a two-digit year (such as '1-3-24', read as 2024-03-01) "
                      "are read in the century of the column's other dates, which lie from "
                      "2024-01-02 to 2024-12-31; write the year in four digits to be sure"], warned


def test_a_two_digit_year_outside_the_columns_dates_stays_reported(tmp_path: Path) -> None:
    """The column's dates tell the century only for a date among them: `1-3-19`, five years
    before the first, is not read as 2019."""
    text = ORDERS.replace("1-3-24", "1-3-19")
    ds = read_dataset(folder(tmp_path, {"inkooporders.csv": text}))
    errors = messages(ds, "error")
    assert "inkooporders.csv:3: decision_date (Orderdatum): '1-3-19' has a two-digit year" \
        in errors, errors
    assert not [p for p in ds.warnings if p.column == "decision_date"]


def test_a_two_digit_year_is_explained_in_dutch(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["validate", str(folder(tmp_path, {"inkooporders.csv": ORDERS}))],
                           env={"COI_LANG": "nl"})
    assert ("decision_date: 1 datum(s) met een jaartal van twee cijfers (zoals '1-3-24', gelezen "
            "als 2024-03-01) worden gelezen in de eeuw van de andere datums in de kolom, die "
            "liggen van 2024-01-02 tot 2024-12-31; schrijf het jaar in vier cijfers om zeker te "
            "zijn") in r.output, r.output


# --- several files per table, one of them another table's ---------------------------------

def test_a_file_of_another_table_among_a_tables_files_is_named_once(tmp_path: Path) -> None:
    """An officers export saved as `mandaten_2023.csv` beside `mandaten.csv`: it was
    refused with an error per required column and two per row (every row without an
    employee and a limit); now one error says whose header it has."""
    data = folder(tmp_path, {
        "mandaten.csv": "Budgethouder;Mandaat;Geldt voor\nE1;€ 50.000;inkooporder\n",
        "mandaten_2023.csv": "KvK-nummer;Naam;Functie;Geboortedatum\n"
                             "12345678;Jan de Vries;bestuurder;01-02-1970\n"
                             "12345678;Kees Smit;commissaris;05-06-1975\n",
        # a file with only a header: no rows, no error
        "mandaten_leeg.csv": "Budgethouder;Mandaat\n"})
    ds = read_dataset(data)
    errors = [p for p in ds.errors]
    assert [(p.file, p.line) for p in errors] == [("mandaten_2023.csv", None)], messages(ds)
    assert errors[0].message.startswith(
        "this file's header is that of officers (kvk_number, name, role, birth_date), not of "
        "mandates"), errors[0].message
    assert ds.frame("mandates")["employee_id"].tolist() == ["E1"]
    r = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q"],
                           env={"COI_LANG": "nl"})
    assert r.exit_code == 2, r.output
    assert "de kopregel van dit bestand is die van officers" in r.output, r.output


def test_two_files_of_one_table_with_other_orders_an_extra_column_and_a_shared_row(
        tmp_path: Path) -> None:
    """Purchase orders of two administrations: other header orders, one with an extra
    column, the same order in both: read as one table, the shared row once."""
    data = folder(tmp_path, {
        "inkooporders.csv": None,
        "inkooporders_a.csv": "Inkoopordernummer;Crediteur;Bedrag;Orderdatum;Besteller\n"
                              "C1;O1;1.000,00;01-03-2024;E1\nC2;O2;2.000,00;02-03-2024;E2\n",
        "inkooporders_b.csv": "Besteller;Orderdatum;Kostenplaats;Bedrag;Crediteur;"
                              "Inkoopordernummer\n"
                              "E2;02-03-2024;4100;2.000,00;O2;C2\nE3;03-03-2024;4200;"
                              "3.000,00;O1;C3\n"})
    ds = read_dataset(data)
    assert not ds.errors, messages(ds, "error")
    c = ds.frame("contracts")
    assert c["decision_id"].tolist() == ["C1", "C2", "C3"]
    assert "inkooporders_b.csv: decision_id (Inkoopordernummer): 1 row(s) are identical to " \
           "a row before them with the same decision_id, the first on line 2 (decision_id " \
           "'C2', identical to inkooporders_a.csv line 3)" in messages(ds, "warning")


# --- workbooks as people leave them ----------------------------------------------------------

def _staff_workbook(path: Path, hide: int | None) -> None:
    """A staff list with a pivot table's summary on the first sheet and the data on the
    second, under group headings merged over two header rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Draaitabel"
    ws.append(["Afdeling", "Aantal"])
    ws.append(["Wonen", 2])
    ws.append(["Vastgoed", 1])
    data = wb.create_sheet("Gegevens")
    data.append(["Medewerker", None, "Privé", None])
    data.append(["Personeelsnummer", "Naam", "Geboortedatum", "IBAN"])
    data.merge_cells("A1:B1")
    data.merge_cells("C1:D1")
    data.append(["E1", "Jan de Vries", "01-02-1970", "NL91ABNA0417164300"])
    data.append(["E2", "Petra\u00a0Bakker", "03-04-1980", ""])
    data.append([3.0, "Kees Smit ", "05-06-1975", ""])
    if hide:
        data.row_dimensions[hide].hidden = True
    wb.save(path)


def test_a_staff_workbook_with_a_pivot_merged_headings_and_a_hidden_row(tmp_path: Path) -> None:
    """The data sheet is found behind the pivot, the merged headings are a title row, an id
    Excel made a number (`3.0`) is `3`; the hidden row is read, with a warning that names
    it (the user may have meant to leave it out)."""
    data = folder(tmp_path, {"medewerkers.csv": None,
                             "inkooporders.csv": CONTRACTS.replace("E1", "3")})
    _staff_workbook(data / "medewerkers.xlsx", hide=5)
    ds = read_dataset(data)
    assert not ds.errors, messages(ds, "error")
    e = ds.frame("employees")
    assert e["employee_id"].tolist() == ["E1", "E2", "3"]
    assert e["name"].tolist() == ["Jan de Vries", "Petra\u00a0Bakker", "Kees Smit"]
    # the non-breaking space is kept as written; matching reads the name as any other
    assert replace(parse_name(e["name"][1]), raw="") == replace(parse_name("Petra Bakker"),
                                                                raw="")
    said = messages(ds, "warning")
    assert ("medewerkers.xlsx: 1 row(s) are hidden in the workbook (line(s) 5: a filter, or rows "
            "hidden by hand); they are read as data like the others") in said, said
    assert "sheet 'Gegevens' is read" in said and "the header is on line 2" in said, said


def test_a_workbook_without_hidden_rows_says_nothing_of_them(tmp_path: Path) -> None:
    data = folder(tmp_path, {"medewerkers.csv": None})
    _staff_workbook(data / "medewerkers.xlsx", hide=None)
    ds = read_dataset(data)
    assert "hidden" not in messages(ds)
    r = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "nl"})
    assert "verborgen" not in r.output


def test_a_hidden_row_is_said_in_dutch(tmp_path: Path) -> None:
    data = folder(tmp_path, {"medewerkers.csv": None})
    _staff_workbook(data / "medewerkers.xlsx", hide=4)
    r = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "nl"})
    assert ("medewerkers.xlsx: 1 rij(en) zijn verborgen in de werkmap (regel(s) 4: een filter, "
            "of met de hand verborgen rijen); ze worden als gegevens gelezen zoals de andere") \
        in r.output, r.output


# --- yes/no as people fill it in ---------------------------------------------------------------

def test_yes_no_columns_as_people_fill_them_in(tmp_path: Path) -> None:
    gifts = ("Registratienummer;Medewerker;Gever;Datum;Waarde;Ingeleverd;Gemeld\n"
             "G1;E1;Bouwbedrijf X B.V.;01-03-2024;€ 30;J;x\n"
             "G2;E2;Bouwbedrijf X B.V.;02-03-2024;€ 30;waar;WAAR\n"
             "G3;E3;Bouwbedrijf X B.V.;03-03-2024;€ 30;N;\n"
             "G4;E1;Bouwbedrijf X B.V.;04-03-2024;€ 30;onwaar;Nee\n")
    ds = read_dataset(folder(tmp_path, {"geschenken.csv": gifts}))
    assert not ds.errors, messages(ds, "error")
    g = ds.frame("gifts")
    assert g["handed_in"].tolist() == [True, True, False, False]
    assert g["reported"].tolist()[:2] == [True, True] and g["reported"].tolist()[3] is False


def test_a_candidate_who_was_not_allocated_is_no_finding(tmp_path: Path) -> None:
    """The handler on the list of candidates of his own advertisement, not allocated: no
    allocation to himself.  The colleague allocated a home she handled is one."""
    text = (
        "Advertentienummer;Naam woningzoekende;Geboortedatum;Status;Datum toewijzing;"
        "Behandelaar\n"
        "ADV-101;Jan de Vries;01-02-1970;Geweigerd;;E1\n"
        "ADV-101;Anna Jansen;01-01-1990;Toegewezen;01-03-2024;E1\n"
        "ADV-102;Carla Dijk;03-03-1991;Niet gereageerd;;E2\n"
        "ADV-102;Petra Bakker;03-04-1980;Toegewezen;02-03-2024;E2\n")
    data = folder(tmp_path, {"Toewijzingen.csv": text})
    r = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q"],
                           env={"COI_LANG": "en"})
    assert r.exit_code == 0, r.output
    import csv
    with open(tmp_path / "run" / "findings.csv", encoding="utf-8") as fh:
        found = {(f["rule"], f["decision_id"], f["subject_id"]) for f in csv.DictReader(fh)}
    assert ("allocation_to_self", "ADV-102", "E2") in found, found
    assert not {f for f in found if f[1] == "ADV-101"}, found


def test_candidate_lists_in_two_files_are_counted_per_file(tmp_path: Path) -> None:
    """Woonmatch's reactions exported per quarter: each file's candidates are set aside
    and counted on that file; an empty status is refused on its own file and line."""
    head = CANDIDATES.splitlines(keepends=True)[0]
    first = head + "".join(CANDIDATES.splitlines(keepends=True)[1:4])   # ADV-101
    second = (head.replace("Status reactie", "Reactiestatus")
              + "ADV-102;VHE9;200004;Carla Dijk;03-03-1991;1;Vervallen;;E2\n"
              + "ADV-102;VHE9;200005;Petra Bakker;03-04-1980;2;Geaccepteerd;2-3-2024;E3\n"
              + "ADV-103;VHE5;200006;Kees Smit;05-06-1975;1;;3-3-2024;E3\n")
    ds = read_dataset(folder(tmp_path, {"toewijzingen_q1.csv": first,
                                        "toewijzingen_q2.csv": second}))
    assert [(p.file, p.line, p.column) for p in ds.errors] == [
        ("toewijzingen_q2.csv", 4, "status")], messages(ds, "error")
    assert ds.frame("allocations")["decision_id"].tolist() == ["ADV-101", "ADV-102"]
    accounts = {s.file: (s.rows_read, s.rows_used, s.rows_skipped, s.rows_set_aside)
                for s in ds.tables["allocations"].sources}
    assert accounts == {"toewijzingen_q1.csv": (1, 1, 0, 2),
                        "toewijzingen_q2.csv": (2, 1, 1, 1)}, accounts


def test_columns_under_group_headings_over_two_header_rows(tmp_path: Path) -> None:
    """An Excel report's two header rows: `Aanvrager` merged over `Naam` and
    `Geboortedatum`, `Medeaanvrager` over another `Naam` and `Geboortedatum`;
    `Dienstverband` over `Begin` and `Einde`.  The co-applicant was kept as an extra column
    (the allocation checked without the partner) and the employment's dates were not read."""
    data = folder(tmp_path, {"medewerkers.csv": None})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Personeelsnummer", "Naam", "Geboortedatum", "Dienstverband", None])
    ws.append([None, None, None, "Begin", "Einde"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:E1"):
        ws.merge_cells(cells)
    ws.append(["E1", "Jan de Vries", "01-02-1970", "01-01-2020", ""])
    ws.append(["E2", "Petra Bakker", "03-04-1980", "01-01-2021", "31-12-2025"])
    ws.append(["E3", "Kees Smit", "05-06-1975", "01-01-2019", ""])
    wb.save(data / "medewerkers.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Toewijzing", None, None, "Aanvrager", None, "Medeaanvrager", None])
    ws.append(["Toewijzingsnummer", "Datum toewijzing", "Behandelaar", "Naam", "Geboortedatum",
               "Naam", "Geboortedatum"])
    for cells in ("A1:C1", "D1:E1", "F1:G1"):
        ws.merge_cells(cells)
    ws.append(["T1", "01-03-2024", "E2", "Anna Jansen", "01-01-1990", "Petra Bakker",
               "03-04-1980"])
    ws.append(["T2", "02-03-2024", "E1", "Kees Smit", "05-06-1975", None, None])
    wb.save(data / "toewijzingen.xlsx")
    ds = read_dataset(data)
    assert not ds.errors, messages(ds, "error")
    a = ds.frame("allocations")
    assert a["applicant_name"].tolist() == ["Anna Jansen", "Kees Smit"]
    assert a["co_applicant_name"].tolist()[0] == "Petra Bakker"
    assert f"{a['co_applicant_birth_date'][0]:%Y-%m-%d}" == "1980-04-03"
    e = ds.frame("employees").set_index("employee_id")
    assert f"{e.at['E2', 'employed_from']:%Y-%m-%d}" == "2021-01-01"
    assert f"{e.at['E2', 'employed_until']:%Y-%m-%d}" == "2025-12-31"
    said = messages(ds, "warning")
    assert ("toewijzingen.xlsx: header cell(s) read with the heading above them: 'Naam' -> "
            "'Naam Medeaanvrager', 'Geboortedatum' -> 'Geboortedatum Medeaanvrager'") in said, said
    # the applicant's own cells, which name their column alone, are left as they are
    assert "'Naam Aanvrager'" not in said
    r = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "nl"})
    assert ("medewerkers.xlsx: kopregelcel(len) gelezen met het kopje erboven: 'Begin' -> "
            "'Begin Dienstverband', 'Einde' -> 'Einde Dienstverband'") in r.output, r.output
    # the findings see the partner: Petra Bakker (E2) handled the home she applied for
    r = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q"],
                           env={"COI_LANG": "en"})
    assert r.exit_code == 0, r.output
    import csv
    with open(tmp_path / "run" / "findings.csv", encoding="utf-8") as fh:
        found = [(f["rule"], f["decision_id"], f["subject_id"]) for f in csv.DictReader(fh)]
    assert ("allocation_to_self", "T1", "E2") in found, found


def test_group_headings_above_a_csv_header(tmp_path: Path) -> None:
    """The same report saved as CSV: each heading in the first cell of its group, the
    others empty (Excel writes merged cells so)."""
    text = ("Toewijzing;;;Aanvrager;;Medeaanvrager;\n"
            "Toewijzingsnummer;Datum toewijzing;Behandelaar;Naam;Geboortedatum;Naam;"
            "Geboortedatum\n"
            "T1;01-03-2024;E1;Anna Jansen;01-01-1990;Petra Bakker;03-04-1980\n")
    ds = read_dataset(folder(tmp_path, {"toewijzingen.csv": text}))
    assert not ds.errors, messages(ds, "error")
    a = ds.frame("allocations")
    assert (a["applicant_name"][0], a["co_applicant_name"][0]) == ("Anna Jansen", "Petra Bakker")
    assert f"{a['co_applicant_birth_date'][0]:%Y-%m-%d}" == "1980-04-03"
    assert a["_line"].tolist() == [3]
    assert ("toewijzingen.csv: header cell(s) read with the heading above them: 'Naam' -> "
            "'Naam Medeaanvrager', 'Geboortedatum' -> 'Geboortedatum Medeaanvrager'"
            in messages(ds, "warning"))


def test_a_file_with_only_a_header_is_said_to_hold_no_rows(tmp_path: Path) -> None:
    """An empty staff list made every decision's handler unknown, with no word on the
    cause; an empty part of a split table was said to lack the other parts' columns."""
    data = folder(tmp_path, {"medewerkers.csv": "Personeelsnummer;Naam\n",
                             "inkooporders.csv": None,
                             "inkooporders_2024.csv": CONTRACTS,
                             "inkooporders_2025.csv": "Inkoopordernummer;Crediteurnummer\n"})
    ds = read_dataset(data)
    said = messages(ds)
    assert ("medewerkers.csv: the file holds a header but no rows: nothing is read from it; "
            "export it again if rows were meant to be in it (warning)") in said, said
    # an empty part of a split table, or an empty register, may be right: read without a word
    assert "missing in this file" not in said, said
    assert "inkooporders_2025.csv: the file holds a header but no rows" not in said, said
    r = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "nl"})
    assert ("medewerkers.csv: het bestand bevat een kopregel maar geen rijen: er wordt niets uit "
            "gelezen; exporteer het opnieuw als er rijen in hadden moeten staan") in r.output


def test_an_erp_header_with_short_forms(tmp_path: Path) -> None:
    """`Ordernr.`, `Lev.nr.` (the supplier's number), `Netto bedrag`, `Munt`, `Inkoper`,
    `Fiatteur`: `Lev.nr.` was not read and the orders were refused for a missing org_id."""
    text = ("Ordernr.;Lev.nr.;Orderdatum;Netto bedrag;Munt;Inkoper;Fiatteur\n"
            "C1;O1;01-03-2024;1.234,56;EUR;E1;E2\n")
    ds = read_dataset(folder(tmp_path, {"inkooporders.csv": text}))
    assert not ds.errors, messages(ds, "error")
    c = ds.frame("contracts")
    assert c.iloc[0][["decision_id", "org_id", "amount_eur", "handled_by", "approved_by"]
                     ].tolist() == ["C1", "O1", 1234.56, "E1", "E2"]
