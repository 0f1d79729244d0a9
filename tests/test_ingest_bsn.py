"""A column of citizen service numbers (BSN) is refused, by name or by content, and no BSN
value ever reaches a message or a frame."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ingest import read_dataset
from ingest.detect_bsn import holds_bsn_values, is_bsn_column_name
from ingest.model import Dataset

BSNS = ["111222333", "123456782", "999999990", "234567892"]  # all pass the eleven test
ORGANIZATIONS = "org_id,name\nO1,Bouwbedrijf X\n"
CONTRACTS = "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E1\n"


def read(tmp_path: Path, employees: str, **more: str) -> Dataset:
    files = {"employees": employees, "organizations": ORGANIZATIONS, "contracts": CONTRACTS, **more}
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return read_dataset(tmp_path)


def assert_no_bsn_anywhere(ds: Dataset) -> None:
    for problem in ds.problems:
        for bsn in BSNS:
            assert bsn not in problem.message and bsn not in problem.format()
    for table in ds.tables.values():
        text = table.frame.astype(str).to_csv()
        for bsn in BSNS:
            assert bsn not in text


def test_bsn_values_pass_the_eleven_test() -> None:
    assert holds_bsn_values(pd.Series(BSNS))


@pytest.mark.parametrize(
    "name", ["bsn", "BSN", " Bsn ", "burgerservicenummer", "Sofinummer", "sofi_nummer", "BSN_nummer",
             "bsnnummer", "BSN-nummer", "b.s.n.", "bsn partner"],
)
def test_bsn_column_names(name: str) -> None:
    assert is_bsn_column_name(name)


@pytest.mark.parametrize("name", ["employee_id", "absnt", "nummer", "bsnl"])
def test_other_column_names(name: str) -> None:
    assert not is_bsn_column_name(name)


@pytest.mark.parametrize("header", ["BSN", "Burgerservicenummer", "sofi_nummer", "bsn_nummer"])
def test_bsn_column_refused_by_name(tmp_path: Path, header: str) -> None:
    employees = f"employee_id,name,{header}\nE1,Jan,{BSNS[0]}\nE2,Petra,{BSNS[1]}\n"
    ds = read(tmp_path, employees)
    [problem] = ds.problems
    key = header.strip().lower()
    assert (problem.file, problem.line, problem.column, problem.action) == (
        "employees.csv", None, key, "refuse_file")
    assert problem.message == (
        f"column '{key}' holds citizen service numbers (BSN); coi-graph must not process them: "
        "remove the column from the export and run again"
    )
    assert key not in ds.frame("employees").columns
    assert_no_bsn_anywhere(ds)
    # the rest of the file is still checked, so `coi validate` shows everything at once
    assert ds.frame("employees")["employee_id"].tolist() == ["E1", "E2"]


def test_bsn_column_refused_by_content(tmp_path: Path) -> None:
    employees = "employee_id,name,nummer\nE1,Jan,111222333\nE2,Petra,1234.56.782\nE3,Kees,\nE4,Mies,999999990\n"
    ds = read(tmp_path, employees)
    [problem] = ds.problems
    assert (problem.column, problem.action) == ("nummer", "refuse_file")
    assert "citizen service numbers (BSN)" in problem.message
    assert "nummer" not in ds.frame("employees").columns
    assert_no_bsn_anywhere(ds)


def test_bsn_in_an_id_column_refused_without_per_row_noise(tmp_path: Path) -> None:
    employees = "employee_id,name\n" + "".join(f"{b},P{i}\n" for i, b in enumerate(BSNS))
    contracts = "decision_id,org_id,decision_date,handled_by\n" + "".join(
        f"D{i},O1,2024-03-01,{b}\n" for i, b in enumerate(BSNS)
    )
    ds = read(tmp_path, employees, contracts=contracts)
    refused = [p for p in ds.problems if p.action == "refuse_file"]
    assert [(p.file, p.column) for p in refused] == [
        ("contracts.csv", "handled_by"), ("employees.csv", "employee_id")]
    assert "BSN" in refused[1].message and "employee's id" in refused[1].message
    assert [p for p in ds.problems if p.line is not None] == []  # no per-row noise
    assert_no_bsn_anywhere(ds)


def test_bsn_in_xlsx_number_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_id", "name", "extra"])
    for i, bsn in enumerate(BSNS):
        ws.append([f"E{i}", "X", int(bsn)])
    wb.save(tmp_path / "employees.xlsx")
    (tmp_path / "organizations.csv").write_text(ORGANIZATIONS)
    (tmp_path / "contracts.csv").write_text(CONTRACTS.replace("E1", "E0"))
    ds = read_dataset(tmp_path)
    [problem] = ds.problems
    assert (problem.file, problem.column, problem.action) == ("employees.xlsx", "extra", "refuse_file")
    assert_no_bsn_anywhere(ds)


@pytest.mark.parametrize(
    "values",
    [
        ["111222333", "123456782"],                 # too few values to tell
        ["111222333", "123456782", "123456789"],    # one fails the eleven test
        ["111222333", "123456782", "12345678"],     # one is not nine digits
        ["E1", "E2", "E3"],
    ],
)
def test_not_a_bsn_column(tmp_path: Path, values: list[str]) -> None:
    rows = "".join(f"E{i},P,{v}\n" for i, v in enumerate(values))
    ds = read(tmp_path, "employee_id,name,nummer\n" + rows, contracts=CONTRACTS.replace("E1", "E0"))
    assert ds.problems == []


def test_bsn_in_a_kvk_column_is_masked_in_the_message(tmp_path: Path) -> None:
    organizations = f"org_id,name,kvk_number\nO1,X,{BSNS[0]}\n"
    ds = read(tmp_path, "employee_id,name\nE1,Jan\n", organizations=organizations)
    [problem] = ds.problems
    assert problem.column == "kvk_number" and problem.action == "drop_value"
    assert_no_bsn_anywhere(ds)


def test_a_bsn_typed_into_a_phone_column_is_left_out_not_read_as_a_phone(tmp_path: Path) -> None:
    """Nine digits without a leading 0 in a phone column is the form of a phone number whose
    0 Excel dropped and of a BSN; one that passes the eleven test is taken for a BSN: left
    out, masked in the warning, counted.  A ten-digit number passing the test on its last
    nine digits is a phone number (``0201234567``), and so is a dropped-0 mobile number that
    fails the test (``612345678``)."""
    employees = ("employee_id;name;phone\nE1;Jan;111222333\nE2;Petra;612345678\n"
                 "E3;Kees;0201234567\nE4;Mies;123 456 782\nE5;Joop;tel: 999999990\n")
    ds = read(tmp_path, employees)
    phones = ds.frame("employees")["phone"].tolist()
    assert phones[1:3] == ["+31612345678", "+31201234567"]
    assert [p is None or p != p for p in (phones[0], phones[3], phones[4])] == [True] * 3
    problems = sorted((p.line, p.column, p.action, p.level) for p in ds.problems)
    assert problems == [(line, "phone", "drop_value", "warning") for line in (2, 5, 6)]
    assert all("could be a citizen service number (BSN)" in p.message for p in ds.problems)
    assert ds.tables["employees"].values_dropped == 3
    assert_no_bsn_anywhere(ds)
