"""An address written in one column (Adres: Kerkstraat 12a, 1234 AB Utrecht) is read as
the contract's street, house number, addition, postcode and city."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from coi_graph.cli import main
from ingest import read_dataset

ORGANIZATIONS = "org_id;name\nO1;Bouwbedrijf X B.V.\n"
CONTRACTS = "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"organizations.csv": ORGANIZATIONS, "contracts.csv": CONTRACTS,
                       **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


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
