"""A person's name exported in parts (Voornaam / Tussenvoegsel / Achternaam) is read as one
name, and an address written in one column (Adres: Kerkstraat 12a, 1234 AB Utrecht) as the
contract's street, house number, addition, postcode and city."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from coi_graph.cli import main
from ingest import read_dataset

ORGANIZATIONS = "org_id;name;kvk_number\nO1;Bouwbedrijf X B.V.;12345678\n"
CONTRACTS = "decision_id;org_id;decision_date;handled_by;amount_eur\nD1;O1;2024-03-01;E1;1.000,00\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"organizations.csv": ORGANIZATIONS, "contracts.csv": CONTRACTS,
                       **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def names(ds, table: str, column: str = "name") -> list[str]:
    return ds.frame(table)[column].tolist()


def test_hr_and_kvk_exports_in_parts_scan_and_find_the_officer(tmp_path: Path) -> None:
    """An HR export with registered names, call names, particles and a surname written
    ``Vries, de``, and a KvK export with Voornamen / Voorvoegsel / Geslachtsnaam, scan as
    they are (the name column was missing before) and find the employee who is the
    supplier's director; run.json cites the headers the name was built from."""
    data = write(tmp_path / "data", {
        "medewerkers.csv": "Personeelsnummer;Voornamen;Roepnaam;Tussenvoegsel;Achternaam;"
                           "Geboortedatum\nE1;Johannes Petrus;Hans;;Vries, de;02-01-1970\n"
                           "E2;;Petra;van der;Berg;03-04-1980\nE3;;;;Bakker;04-05-1981\n",
        "officers.csv": "KvK-nummer;Voornamen;Voorvoegsel;Geslachtsnaam;Functie;Geboortedatum\n"
                        "12345678;Johannes Petrus;de;Vries;bestuurder;1970-01-02\n",
    })
    ds = read_dataset(data)
    assert names(ds, "employees") == ["Johannes Petrus de Vries", "Petra van der Berg", "Bakker"]
    assert names(ds, "officers") == ["Johannes Petrus de Vries"]
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    found = json.loads((out / "findings.json").read_text())["findings"]
    assert {(f["rule"], f["subject_id"]) for f in found} >= {("undeclared_interest", "E1")}
    run = json.loads((out / "run.json").read_text())
    headers = {t["file"]: t["headers"] for t in run["inputs"].values()}
    assert headers["medewerkers.csv"]["name"] == "Voornamen / Roepnaam + Tussenvoegsel + Achternaam"
    assert headers["officers.csv"]["name"] == "Voornamen + Voorvoegsel + Geslachtsnaam"


def test_a_naam_column_beside_voornaam_is_the_surname_only_when_its_values_say_so(
        tmp_path: Path) -> None:
    surname_only = read_dataset(write(tmp_path / "a", {
        "employees.csv": "employee_id;Voornaam;Naam\nE1;Jan;Vries, de\nE2;Petra;Bakker\n"}))
    assert names(surname_only, "employees") == ["Jan de Vries", "Petra Bakker"]
    full = read_dataset(write(tmp_path / "b", {
        "employees.csv": "employee_id;Voornaam;Naam\nE1;Jan;Jan de Vries\nE2;Petra;P. Bakker\n"}))
    assert names(full, "employees") == ["Jan de Vries", "P. Bakker"]


def test_applicant_parts_initials_and_a_table_split_over_parts_and_full_names(
        tmp_path: Path) -> None:
    """An allocation export with ``Voorletters aanvrager`` etc., in .xlsx, beside one
    with a full applicant name: both files give applicant_name."""
    head = "decision_id;kind;decision_date;handled_by;unit_id;"
    data = write(tmp_path, {
        "employees.csv": "employee_id;name\nE1;Jan de Vries\n",
        "allocations_2023.csv": head + "applicant_name\nA1;rental;2023-03-01;E1;U1;Kees Bos\n",
    })
    wb = openpyxl.Workbook()
    wb.active.append(["decision_id", "kind", "decision_date", "handled_by", "unit_id",
                      "Voorletters aanvrager", "Tussenvoegsel aanvrager", "Achternaam aanvrager"])
    wb.active.append(["A2", "rental", "2024-03-01", "E1", "U2", "J.P.", "van", "Dam"])
    wb.active.append(["A3", "rental", "2024-03-02", "E1", "U3", "M.", None, "den Uyl"])
    wb.save(data / "allocations_2024.xlsx")
    ds = read_dataset(data)
    assert [p for p in ds.problems if p.level == "error"] == []
    assert names(ds, "allocations", "applicant_name") == ["Kees Bos", "J.P. van Dam", "M. den Uyl"]


def test_a_file_without_a_surname_part_is_not_given_a_name(tmp_path: Path) -> None:
    """Only a given name: nothing is built, so the missing name column is still said."""
    ds = read_dataset(write(tmp_path, {"employees.csv": "employee_id;Voornaam\nE1;Jan\n"}))
    assert any(p.column == "name" and "missing" in p.message for p in ds.problems)


def test_the_mapping_draft_says_the_name_is_built_and_guesses_no_part_as_the_name(
        tmp_path: Path) -> None:
    """Before, the draft guessed ``Roepnaam`` as the name and left the parts out: confirming
    it would have lost the surnames."""
    data = write(tmp_path, {
        "medewerkers.csv": "Personeelsnummer;Voornamen;Roepnaam;Tussenvoegsel;Achternaam\n"
                           "E1;Johannes;Hans;de;Vries\n"})
    result = CliRunner().invoke(main, ["mapping", str(data), "--lang", "en"])
    assert result.exit_code == 0, result.output
    draft = (data / "mapping.yaml").read_text()
    assert "# name: built from Voornamen / Roepnaam + Tussenvoegsel + Achternaam" in draft
    assert '"Roepnaam"' not in draft and '"Achternaam"' not in draft
    checked = CliRunner().invoke(main, ["validate", str(data), "--lang", "en"])
    assert checked.exit_code == 0, checked.output
    assert names(read_dataset(data), "employees") == ["Johannes de Vries"]


# ------------------------------------------------------------ an address in one column


def test_whole_addresses_are_split_and_a_shared_address_is_found(tmp_path: Path) -> None:
    """Employees with ``Adres`` (street and number), relatives with the whole address in
    ``Woonadres`` and no postcode column: the address columns are filled from them, so
    the applicant who lives at the address of the employee who handled her allocation is
    found (before, every address of these files was left out without a word)."""
    data = write(tmp_path / "data", {
        "employees.csv": "employee_id;name;Adres;Postcode;Woonplaats\n"
                         "E1;Jan de Vries;Kerkstraat 12 a;1234 AB;Utrecht\n"
                         "E2;Petra Bakker;Plein 1940-1945 3-II;3500 AA;Utrecht\n",
        "relatives.csv": "relative_id;employee_id;relation;name;Woonadres\n"
                         "R1;E2;child;Kees Bakker;Dorpsweg 7, 3511 AB Utrecht\n"
                         "R2;E2;sibling;Anna Bakker;Dorpsweg\n",
        "allocations.csv": "decision_id;kind;decision_date;handled_by;unit_id;applicant_name;"
                           "Adres aanvrager;Postcode aanvrager\n"
                           "A1;rental;2024-03-01;E2;U1;Karin Smit;Plein 1940-1945 3 II;3500AA\n",
    })
    ds = read_dataset(data)
    assert [p for p in ds.problems if p.level == "error"] == []
    emp = ds.frame("employees")
    assert emp["street"].tolist() == ["Kerkstraat", "Plein 1940-1945"]
    assert emp["house_number"].astype(str).tolist() == ["12", "3"]
    assert emp["house_number_addition"].tolist() == ["A", "II"]
    rel = ds.frame("relatives")
    assert rel["postcode"].tolist()[0] == "3511AB" and rel["city"].tolist()[0] == "Utrecht"
    assert rel["street"].tolist() == ["Dorpsweg", "Dorpsweg"]
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["scan", str(data), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    found = json.loads((out / "findings.json").read_text())["findings"]
    assert [(f["decision_id"], f["subject_id"]) for f in found] == [("A1", "E2")], found
    run = json.loads((out / "run.json").read_text())
    headers = {t["file"]: t["headers"] for t in run["inputs"].values()}
    assert headers["relatives.csv"]["postcode"] == "Woonadres"
    assert headers["employees.csv"]["street"] == "Adres"
    assert "postcode" not in headers["employees.csv"] or headers["employees.csv"]["postcode"] == "Postcode"


def test_a_file_with_its_own_street_column_is_left_as_it_is(tmp_path: Path) -> None:
    ds = read_dataset(write(tmp_path, {
        "employees.csv": "employee_id;name;straat;huisnummer;Adres\n"
                         "E1;Jan de Vries;Kerkstraat;12;Elders 5\n"}))
    assert ds.frame("employees")["street"].tolist() == ["Kerkstraat"]


def test_the_mapping_draft_says_where_the_address_comes_from(tmp_path: Path) -> None:
    data = write(tmp_path, {"employees.csv": "Personeelsnummer;Naam;Adres\nE1;Jan;Kerkstraat 1\n"})
    result = CliRunner().invoke(main, ["mapping", str(data), "--lang", "en"])
    assert result.exit_code == 0, result.output
    draft = (data / "mapping.yaml").read_text()
    assert "# street, house_number, postcode, city: taken from Adres" in draft
    assert '"Adres"' not in draft
    checked = CliRunner().invoke(main, ["validate", str(data), "--lang", "en"])
    assert checked.exit_code == 0, checked.output
