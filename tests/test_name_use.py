"""A married person's name as Dutch HR systems and BRP-based exports write it: the own
surname and the partner's in columns of their own, with the naamgebruik code (E, P, V, N)
saying which the person uses (ingest/name_parts.py).  The name is read as the full double
name, so that a KvK extract or a housing application registering the own surname still
matches an HR file that shows the partner's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coi_graph.cli_text import problem_line
from ingest import read_dataset
from ingest.model import Dataset
from tests.corp import BASE, run

TODAY = dt.date(2025, 1, 1)
HEAD = "Personeelsnummer;Voornaam;Voorvoegsels;Geslachtsnaam;Voorv. partner;" \
       "Geslachtsnaam partner;Naamgebruik;Geboortedatum"


def read(tmp_path: Path, files: dict[str, list[str]]) -> Dataset:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "organizations.csv").write_text("org_id,name\nO1,Acme\n", encoding="utf-8")
    for name, lines in files.items():
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_dataset(tmp_path, today=TODAY)


def employee_names(tmp_path: Path, *rows: str, head: str = HEAD) -> list[str]:
    ds = read(tmp_path, {"employees.csv": [head, *rows]})
    return ds.tables["employees"].frame["name"].tolist()


@pytest.mark.parametrize(("code", "name"), [
    ("V", "Maria de Vries-Jansen"), ("P", "Maria de Vries-Jansen"),
    ("N", "Maria Jansen-de Vries"), ("E", "Maria Jansen-de Vries"),
    ("", "Maria Jansen-de Vries"), ("p", "Maria de Vries-Jansen"),
    ("Partnernaam gevolgd door eigen naam", "Maria de Vries-Jansen"),
    ("Naam partner", "Maria de Vries-Jansen"),
    ("Eigen naam gevolgd door partnernaam", "Maria Jansen-de Vries"),
    ("Eigen naam", "Maria Jansen-de Vries"),
])
def test_each_naamgebruik_code_gives_the_double_name(tmp_path: Path, code: str,
                                                     name: str) -> None:
    assert employee_names(tmp_path, f"E1;Maria;;Jansen;de;Vries;{code};01-02-1980") == [name]


def test_particles_on_both_sides_and_rows_without_a_partner(tmp_path: Path) -> None:
    names = employee_names(
        tmp_path,
        "E1;Anna;van;Dijk;van der;Berg;V;01-02-1980",
        "E2;Eva;ter;Horst;;Jong, de;N;01-02-1980",
        "E3;Piet;van;Dijk;;;P;01-02-1980",       # no partner surname: the name as today
        "E4;Kees;;Smit;van;;V;01-02-1980",       # a partner particle alone: as today
        "E5;Lot;;Bakker-de Vries;de;Vries;N;01-02-1980")  # already the double name
    assert names == ["Anna van der Berg-van Dijk", "Eva ter Horst-de Jong", "Piet van Dijk",
                     "Kees Smit", "Lot Bakker-de Vries"]


def test_partner_columns_without_a_code_and_the_evidence_header(tmp_path: Path) -> None:
    head = "Personeelsnummer;Roepnaam;Achternaam;Voorvoegsel partner;Achternaam partner"
    ds = read(tmp_path, {"employees.csv": [head, "E1;Maria;Jansen;de;Vries",
                                           "E2;Jan;Bos;;"]})
    table = ds.tables["employees"]
    assert table.frame["name"].tolist() == ["Maria Jansen-de Vries", "Jan Bos"]
    assert table.original_header["name"] == \
        "Roepnaam + Achternaam + Voorvoegsel partner + Achternaam partner"
    assert table.columns_not_used == []  # the partner's columns were used
    assert not [p for p in ds.problems if "naamgebruik" in p.message]


def test_relatives_and_officers_read_the_partner_name_too(tmp_path: Path) -> None:
    ds = read(tmp_path, {
        "employees.csv": ["employee_id,name", "E1,Jan Bos"],
        "relatives.csv": ["relative_id,employee_id,relation,Voornamen,Geboortenaam,"
                          "Geb.naam partner,Voorvoegsels partner,Aanduiding naamgebruik",
                          "R1,E1,partner,Maria,Jansen,Vries,de,V"],
        "organizations.csv": ["org_id,name,kvk_number", "O1,Acme,12345678"],
        "officers.csv": ["kvk_number,Voornamen,Geslachtsnaam,Geslachtsnaam partner,"
                         "Code naamgebruik,role",
                         "12345678,Maria,Jansen,de Vries,P,bestuurder"]})
    assert ds.tables["relatives"].frame["name"].tolist() == ["Maria de Vries-Jansen"]
    assert ds.tables["officers"].frame["name"].tolist() == ["Maria de Vries-Jansen"]


@pytest.mark.parametrize(("written", "name"), [
    ("Naam partner, eigen naam", "Maria de Vries-Jansen"),        # Loket, Nmbrs
    ("Eigen naam, naam partner", "Maria Jansen-de Vries"),
    ("Partnernaam - eigen naam", "Maria de Vries-Jansen"),
    ("Geb. naam partner + Geboortenaam", "Maria de Vries-Jansen"),  # AFAS
    ("Geboortenaam + Geb. naam partner", "Maria Jansen-de Vries"),
    ("Geboortenaam partner", "Maria de Vries-Jansen"),
    ("V - Partnernaam gevolgd door eigen naam", "Maria de Vries-Jansen"),
    ("P: Naam partner", "Maria de Vries-Jansen"),
])
def test_a_naamgebruik_written_out_by_a_payroll_system_is_read_without_a_warning(
        tmp_path: Path, written: str, name: str) -> None:
    """A round-5 acceptance export (a payroll system's staff list) wrote the choice as its
    screen shows it, ``Naam partner, eigen naam``: every such row was 'naamgebruik code ...
    is not one of E, P, V, N' and the name was written own surname first."""
    ds = read(tmp_path, {"employees.csv": [HEAD, f"E1;Maria;;Jansen;de;Vries;{written};"
                                                 "01-02-1980"]})
    assert ds.tables["employees"].frame["name"].tolist() == [name]
    assert not [p for p in ds.problems if "naamgebruik code" in p.message], ds.problems


@pytest.mark.parametrize("written", ["E - Naam partner", "Eigen naam, eigen naam",
                                     "Naam partner, onbekend"])
def test_a_written_out_naamgebruik_that_contradicts_itself_stays_reported(
        tmp_path: Path, written: str) -> None:
    ds = read(tmp_path, {"employees.csv": [HEAD, f"E1;Maria;;Jansen;de;Vries;{written};"
                                                 "01-02-1980"]})
    assert [(p.line, p.column) for p in ds.problems
            if "naamgebruik code" in p.message and p.line is not None] == [(2, "naamgebruik")]


def test_an_unreadable_code_is_a_warning_on_its_row_and_the_row_is_kept(
        tmp_path: Path) -> None:
    ds = read(tmp_path, {"employees.csv": [HEAD, "E1;Maria;;Jansen;de;Vries;X;01-02-1980",
                                           "E2;Anna;;Bos;;Berg;Q;01-02-1980",
                                           "E3;Kim;;Smit;;Visser;V;01-02-1980"]})
    assert ds.tables["employees"].frame["name"].tolist() == [
        "Maria Jansen-de Vries", "Anna Bos-Berg", "Kim Visser-Smit"]
    problems = [p for p in ds.problems if "naamgebruik" in p.message]
    assert all(p.level == "warning" for p in problems)
    rows = sorted((p.line, p.column) for p in problems if p.line is not None)
    assert rows == [(2, "naamgebruik"), (3, "naamgebruik")]
    counted = [p for p in problems if p.line is None]
    assert len(counted) == 1 and counted[0].message.startswith("2 naamgebruik code(s)")
    dutch = [problem_line(p, "nl") for p in problems]
    assert all("onleesba" in line or "geen E, P, V of N" in line for line in dutch), dutch
    assert not any("cannot be read" in line or "is not one of" in line for line in dutch)


def test_an_allocations_partner_surname_stays_the_co_applicants(tmp_path: Path) -> None:
    ds = read(tmp_path, {
        "employees.csv": ["employee_id,name", "E1,Jan Bos"],
        "allocations.csv": [
            "decision_id,decision_date,handled_by,Voornaam,Achternaam,Voornaam partner,"
            "Achternaam partner,Naamgebruik",
            "D1,2024-01-15,E1,Maria,Jansen,Piet,de Vries,V"]})
    frame = ds.tables["allocations"].frame
    assert frame["applicant_name"].tolist() == ["Maria Jansen"]
    assert frame["co_applicant_name"].tolist() == ["Piet de Vries"]


@pytest.mark.parametrize("registered", ["Maria Jansen", "Maria de Vries"])
def test_an_employee_using_her_partners_name_is_found_as_a_suppliers_officer(
        tmp_path: Path, registered: str) -> None:
    """HR exports Maria Jansen with her partner's surname de Vries and naamgebruik P; the
    supplier whose contract she handled has her as director, born the same day, in a KvK
    extract that writes her own name (``Maria Jansen``) or, as extracts and application
    forms also do, the name she uses (``Maria de Vries``).  Read from the own-name parts
    only, the second pair scored 16 (surname changed + birth date), under review (17), and
    was missed; the double name ``Maria de Vries-Jansen`` meets both."""
    employees = [{"employee_id": "E1", "Voornaam": "Maria", "Geslachtsnaam": "Jansen",
                  "Voorvoegsel partner": "de", "Geslachtsnaam partner": "Vries",
                  "Naamgebruik": "P", "role": "employee", "department": "Inkoop",
                  "birth_date": "12-03-1981"},
                 *[{"employee_id": e["employee_id"], "Voornaam": e["name"].split()[0],
                    "Geslachtsnaam": e["name"].split()[1], "role": e["role"],
                    "department": e["department"], "birth_date": e["birth_date"]}
                   for e in BASE["employees"][1:]]]
    officers = [{"kvk_number": "12345678", "name": registered, "role": "bestuurder",
                 "birth_date": "1981-03-12"}]
    result = run(tmp_path, employees=employees, officers=officers, relatives=None)
    about = [f for f in result.findings if f.decision_id == "D1"
             and f.rule in ("undeclared_interest", "self_interest")]
    assert about, sorted((f.rule, f.decision_id) for f in result.findings)
    assert {(f.subject_id, f.subject_name) for f in about} == {("E1", "Maria de Vries-Jansen")}


def test_a_surname_at_birth_beside_the_surname_is_added_to_it(tmp_path: Path) -> None:
    """`Geboortenaam` beside `Achternaam`: which of the two an export calls the surname
    differs per system, so both are kept (the used one first); alone it is the surname.
    Before, the first of the two in the header was read and the other left out."""
    head = "Personeelsnummer;Voornaam;Geboortenaam;Tussenvoegsel;Achternaam"
    names = employee_names(tmp_path / "a", "E1;Maria;Jansen;de;Vries",
                           "E2;Jan;Bos;;Bos",            # the same: once
                           "E3;Eva;;;Smit",              # no birth name: as today
                           "E4;Lot;Dijk, van;;Bakker",   # particle written after it
                           "E5;Ans;Bakker;;de Vries-Bakker", head=head)
    assert names == ["Maria de Vries-Jansen", "Jan Bos", "Eva Smit", "Lot Bakker-van Dijk",
                     "Ans de Vries-Bakker"]
    ds = read(tmp_path / "b", {"employees.csv": [head, "E1;Maria;Jansen;de;Vries"]})
    assert ds.tables["employees"].original_header["name"] == \
        "Voornaam + Tussenvoegsel + Achternaam + Geboortenaam"
    assert ds.tables["employees"].columns_not_used == []
    alone = "Personeelsnummer;Voornaam;Geboortenaam"
    assert employee_names(tmp_path / "c", "E1;Maria;Jansen", head=alone) == ["Maria Jansen"]
