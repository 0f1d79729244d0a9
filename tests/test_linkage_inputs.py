"""A record-linkage benchmark's files as an outsider writes them (FEBRL through pandas'
``to_csv``: its own English column names, lower-case names, empty cells, ids like
``rec-1070-org``, Australian 4-digit postcodes, dates as ``yyyymmdd``), read by ingest and
matched through the whole scan path.  Each test is a small hand-made version of what
``bench/bench_linkage_scan.py`` found losing matches on FEBRL4 (bench/README.md,
"Matching", 2026-11-30 fourteenth session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from coi_graph.cli_text import problem_line
from coi_graph.graph.build import build_graph
from coi_graph.policy import Policy
from coi_graph.rules.detect import detect
from ingest import read_dataset
from ingest.model import Dataset

TODAY = dt.date(2025, 1, 1)
HEAD = ("rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,"
        "date_of_birth,soc_sec_id")
MAPPING = 'tables:\n  employees:\n    columns:\n      "rec_id": employee_id\n'
ORGS = "org_id,name\nO1,Acme Pty Ltd\n"


def write(tmp_path: Path, employees: list[str], allocations: list[str]) -> Path:
    """FEBRL rows as ``to_csv`` writes them; each allocation row is followed by its
    decision columns, as a benchmark script adds them."""
    (tmp_path / "employees.csv").write_text("\n".join([HEAD, *employees]) + "\n",
                                            encoding="utf-8")
    (tmp_path / "allocations.csv").write_text(
        "\n".join([HEAD + ",decision_id,decision_date,handled_by", *allocations]) + "\n",
        encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(ORGS, encoding="utf-8")
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    return tmp_path


def read(folder: Path) -> Dataset:
    return read_dataset(folder, today=TODAY)


def staff_folder(tmp_path: Path, employees: str) -> Path:
    """A data folder of the staff list ``employees`` (a CSV text), one organization and one
    contract handled by ``E1``: what a test of how staff rows are read needs around them."""
    (tmp_path / "employees.csv").write_text(employees, encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(ORGS, encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E1\n",
        encoding="utf-8")
    return tmp_path


def messages(ds: Dataset, level: str | None = None) -> list[str]:
    return [p.format() for p in ds.problems if level is None or p.level == level]


def findings(ds: Dataset) -> list[tuple[str, str, str]]:
    policy = Policy.default()
    lg = build_graph(ds, policy)
    return sorted((f.rule, f.decision_id, f.subject_id)
                  for f in detect(ds, lg, policy).findings)


# the original and a duplicate as FEBRL corrupts it: the given name missing on one side, the
# birth date differing in a digit: only the address says it is one person
ORIGINAL = ("rec-7-org,michaela,neumann,8,stanley street,miami,winston hills,4223,nsw,"
            "19151111,5304218")
DUPLICATE = ("rec-7-dup-0,,neumann,8,stanley street,miami,winston hills,4223,nsw,"
             "19151112,5304218,D1,2024-01-15,rec-7-org")


def test_febrl_columns_are_read_as_the_contracts_person_columns(tmp_path: Path) -> None:
    """``street_number`` is the house number, ``suburb`` the city, ``address_1`` (beside a
    house-number column of the file's own) the street, ``date_of_birth`` ``19151111`` a
    date; ``state`` and ``address_2`` stay extra columns."""
    ds = read(write(tmp_path, [ORIGINAL], [DUPLICATE]))
    assert [p for p in ds.problems if p.level == "error"] == [], messages(ds)
    emp = ds.frame("employees").iloc[0]
    assert (emp["employee_id"], emp["name"]) == ("rec-7-org", "michaela neumann")
    assert (emp["street"], emp["house_number"], emp["city"]) == \
        ("stanley street", "8", "winston hills")
    assert emp["birth_date"] == pd.Timestamp("1915-11-11")
    assert (emp["state"], emp["address_2"]) == ("nsw", "miami")
    app = ds.frame("allocations").iloc[0]
    assert (app["applicant_street"], app["applicant_house_number"], app["applicant_city"]) == \
        ("stanley street", "8", "winston hills")
    headers = ds.tables["employees"].original_header
    assert headers["street"] == "address_1" and headers["house_number"] == "street_number"
    assert headers["city"] == "suburb"


def test_a_street_and_number_column_beside_a_house_number_column_gives_the_street(
        tmp_path: Path) -> None:
    """``Address`` holding ``Kerkstraat 12`` beside the file's own ``Huisnummer``: the street
    is taken from it, the number from the file's column (it was left an extra column)."""
    ds = read(staff_folder(
        tmp_path,
        "employee_id,name,address,huisnummer,postcode,woonplaats\n"
        "E1,Jan de Vries,Kerkstraat 12,14,1234 AB,Utrecht\n"))
    emp = ds.frame("employees").iloc[0]
    assert (emp["street"], emp["house_number"]) == ("Kerkstraat", "14")
    assert ds.tables["employees"].original_header["street"] == "address"


def test_a_national_identification_number_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """FEBRL's ``soc_sec_id`` (an Australian social security id, seven digits: no BSN by its
    values) is a citizen's national number as the BSN is: not read, not kept as an extra
    column, counted as left out, with a warning that says so; the scan is not refused."""
    ds = read(write(tmp_path, [ORIGINAL], [DUPLICATE]))
    for table in ("employees", "allocations"):
        assert "soc_sec_id" not in ds.frame(table).columns
        assert ds.tables[table].dropped_by_column["soc_sec_id"] == \
            {"national identification number": 1}
    said = sorted((p for p in ds.problems if p.column == "soc_sec_id"), key=lambda p: p.file)
    assert [(p.file, p.level, p.action) for p in said] == \
        [("allocations.csv", "warning", "none"), ("employees.csv", "warning", "none")]
    assert "holds a national identification number" in said[0].message
    assert "remove the column from the export" in said[0].message
    assert problem_line(said[0], "nl") == (
        "allocations.csv: soc_sec_id: kolom 'soc_sec_id' bevat een nationaal "
        "identificatienummer (een sociaal-zekerheids- of belastingnummer); coi-graph "
        "verwerkt zulke nummers niet: de 1 waarde(n) worden weggelaten, niet gelezen en niet "
        "bewaard; haal de kolom uit de export (waarschuwing)")
    assert not any("5304218" in str(v) for t in ("employees", "allocations")
                   for v in ds.frame(t).astype(str).to_numpy().ravel())


def test_other_national_id_headers_and_the_bsn_stays_refused(tmp_path: Path) -> None:
    ds = read(staff_folder(
        tmp_path,
        "employee_id,name,SSN,National insurance number,Rijksregisternummer\n"
        "E1,Jan de Vries,078-05-1120,QQ123456C,85.07.30-033.28\n"))
    assert sorted(p.column for p in ds.problems if p.level == "warning"
                  and "national identification number" in p.message) == \
        ["national insurance number", "rijksregisternummer", "ssn"]
    assert not {"ssn", "national insurance number", "rijksregisternummer"} & \
        set(ds.frame("employees").columns)
    (tmp_path / "employees.csv").write_text(
        "employee_id,name,BSN\nE1,Jan de Vries,123456782\n", encoding="utf-8")
    ds = read(tmp_path)
    assert [(p.column, p.level) for p in ds.problems] == [("bsn", "error")]


def test_postcodes_of_another_country_are_read_with_the_street(tmp_path: Path) -> None:
    """A column of 4-digit postcodes and no Dutch one: each read with its row's street
    (four digits and a house number are a suburb's number 8, no address), one warning;
    a row without a street keeps its postcode reported and left out."""
    rows = [ORIGINAL,
            "rec-8-org,jack,brock,3,light street,,windermere,3212,vic,19651013,1551941",
            "rec-9-org,emma,white,72,,,kelgoola,3159,vic,19620216,9731855"]
    ds = read(write(tmp_path, rows, [DUPLICATE]))
    emp = ds.frame("employees")
    assert emp["postcode"].tolist()[:2] == ["4223 STANLEY STREET", "3212 LIGHT STREET"]
    assert pd.isna(emp["postcode"].iat[2])
    assert ds.tables["employees"].dropped_by_column["postcode"] == {"unreadable value": 1}
    said = [p for p in ds.problems if p.column == "postcode" and p.line is None]
    assert len(said) == 1 and said[0].level == "warning", messages(ds)
    assert "holds no Dutch postcode" in said[0].message and "'4223 STANLEY STREET'" in \
        said[0].message and "1 without a street are left out" in said[0].message
    assert [p.line for p in ds.problems if p.column == "postcode" and p.line] == [4]
    assert problem_line(said[0], "nl") == (
        "employees.csv: postcode: kolom 'postcode' bevat geen Nederlandse postcode (vier "
        "cijfers en twee letters), maar 3 van vier of vijf cijfers (zoals '4223'): postcodes "
        "van een ander land, of Nederlandse zonder hun letters; de 2 met een straat worden "
        "samen met die straat gelezen (zoals '4223 STANLEY STREET'), want cijfers en een "
        "huisnummer alleen zijn geen adres; 1 zonder straat worden weggelaten (waarschuwing)")


def test_a_dutch_column_with_one_postcode_without_letters_reports_that_row(
        tmp_path: Path) -> None:
    """In a Dutch export a postcode without its letters is a typing error: reported on its
    row, never read (``1234`` and number 12 are a whole district's number 12)."""
    ds = read(staff_folder(
        tmp_path,
        "employee_id,name,straat,huisnummer,postcode,woonplaats\n"
        "E1,Jan de Vries,Kerkstraat,12,1234 AB,Utrecht\n"
        "E2,Piet Jansen,Dorpsweg,3,5678,Ede\n"
        "E3,Anna Smit,Laan,4,9999 ZZ,Ede\n"
        "E4,Els Bos,Markt,5,4321,Ede\n"
        "E5,Kees Bos,Markt,7,4321,Ede\n"))
    emp = ds.frame("employees")
    assert emp["postcode"].tolist()[0] == "1234AB" and emp["postcode"].isna().tolist() == \
        [False, True, False, True, True]
    assert [p.line for p in ds.problems if p.column == "postcode"] == [3, 5, 6]


def test_the_duplicate_is_found_as_the_handler_through_the_scan_path(tmp_path: Path) -> None:
    """End to end: the applicant without a birth date is the handler by name and address
    (street, number, suburb and postcode as FEBRL writes them).  Before, the street and the
    postcode were left out and no finding made (a name alone is a namesake)."""
    self_ = ("rec-7-dup-0,michaela,neumann,8,stanley street,miami,winston hills,4223,nsw,,"
             "5304218,D1,2024-01-15,rec-7-org")
    ds = read(write(tmp_path, [ORIGINAL], [self_]))
    assert findings(ds) == [("allocation_to_self", "D1", "rec-7-org")]


def test_a_namesake_at_the_same_number_in_another_street_of_the_postcode_stays_apart(
        tmp_path: Path) -> None:
    """Four digits and a house number are no address: the namesake at number 8 of another
    street in postcode 4223 is not the applicant (read without the street, the postcode
    made them one address, the strongest evidence there is)."""
    namesake = ("rec-9-org,michaela,neumann,8,arthur street,,winston hills,4223,nsw,,"
                "1111111")
    other = ("rec-7-dup-1,michaela,neumann,8,stanley street,miami,winston hills,4223,nsw,,"
             "5304218,D2,2024-01-15,rec-9-org")
    third = "rec-8-org,jack,brock,3,light street,,windermere,3212,vic,19651013,1551941"
    more = [f"rec-{i}-dup-0,anna,{name},{i},main road,,dapto,2530,nsw,19800101,1,D{i},"
            "2024-01-15,rec-8-org" for i, name in ((20, "smith"), (21, "jones"))]
    ds = read(write(tmp_path, [namesake, ORIGINAL.replace("4223", "4224"), third],
                    [other, *more]))
    assert ds.frame("employees")["postcode"].tolist()[0] == "4223 ARTHUR STREET"
    assert findings(ds) == []


def test_the_mapping_draft_for_febrl_headers(tmp_path: Path) -> None:
    """``coi mapping`` on FEBRL's headers: the columns it reads, ``soc_sec_id`` marked as
    left out, and no guess from shared letters (``state`` was offered as
    ``employed_from?``, ``address_2`` as ``email?``: confirmed, a wrong column is read)."""
    from coi_graph.cli_mapping import draft_mapping

    folder = write(tmp_path, [ORIGINAL], [DUPLICATE])
    (folder / "mapping.yaml").unlink()
    lines = draft_mapping(folder, lang="en").splitlines()
    employees = lines[lines.index("  employees:"):lines.index("  organizations:")]
    assert [ln.strip() for ln in employees if ln.strip().startswith('"')] == ['"street_number": house_number', '"suburb": city', '"postcode": postcode',
            '"date_of_birth": birth_date',
            '"rec_id": ignore  # extra column; map it to a column if it holds one',
            '"address_2": ignore  # extra column; map it to a column if it holds one',
            '"state": ignore  # extra column; map it to a column if it holds one',
            '"soc_sec_id": ignore  # a national identification number: left out, not read '
            'and not kept; remove it from the export']
    assert "      # street: taken from address_1 (that column stays an extra column)" in employees
    assert not any("?" in ln for ln in lines if not ln.lstrip().startswith("#"))


def test_an_address_with_a_postcode_read_with_its_street_is_labelled_once_spaced() -> None:
    """The graph's address label: a Dutch postcode gets its space back, one read with its
    street keeps its own (``0810  MACLACHLAN STREET 24`` had two)."""
    from coi_graph.graph.build import identifier_label

    assert identifier_label("address", "0810 MACLACHLAN STREET|24|") == \
        "0810 MACLACHLAN STREET 24"
    assert identifier_label("address", "1234AB|12|A") == "1234 AB 12-A"


def test_match_list_on_data_the_scan_ran_on_with_skip_bad_rows(tmp_path: Path) -> None:
    """FEBRL duplicates within one table (relatives, one person declared twice) are seen
    only in ``coi match list``; it refused data with a row without a name, which ``coi
    scan --skip-bad-rows`` runs on, and had no such option.  Now it has, as confirm and
    reject do."""
    import json

    from click.testing import CliRunner

    from coi_graph.cli import main

    head = "relative_id,employee_id,relation," + HEAD.split(",", 1)[1]
    rows = ["rec-7-org,E1,sibling," + ORIGINAL.split(",", 1)[1],
            "rec-7-dup-0,E2,sibling," + DUPLICATE.split(",", 1)[1].rsplit(",", 3)[0],
            "rec-8-org,E3,sibling,,,3,light street,,windermere,3212,vic,19651013,1551941"]
    (tmp_path / "relatives.csv").write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    (tmp_path / "employees.csv").write_text(
        "employee_id,name\nE1,Staff One\nE2,Staff Two\nE3,Staff Three\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(ORGS, encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id,org_id,decision_date,handled_by\nC1,O1,2024-01-15,E1\n", encoding="utf-8")
    ws = str(tmp_path / "ws.sqlite")
    args = ["match", "list", str(tmp_path), "--json", "--workspace", ws, "--lang", "en"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2 and "relatives.csv:4" in refused.output
    listed = CliRunner().invoke(main, [*args, "--skip-bad-rows"])
    assert listed.exit_code == 0, listed.output
    pairs = json.loads(listed.output)
    assert [(p["probe"], p["reference"]) for p in pairs] == \
        [("relative:rec-7-dup-0", "relative:rec-7-org")]
    judged = CliRunner().invoke(main, ["match", "reject", str(tmp_path), pairs[0]["pair_id"],
                                       "--by", "AJ", "--why", "test", "--workspace", ws,
                                       "--skip-bad-rows", "--lang", "en"])
    assert judged.exit_code == 0, judged.output
