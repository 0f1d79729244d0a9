"""Validation messages: every check names file, line and column and says how to fix it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from ingest import TABLES, empty_frame, read_dataset, validate
from ingest.model import Dataset, Problem

EMPLOYEES = "employee_id,name\nE1,Jan de Vries\nE2,Petra de Vries\n"
ORGANIZATIONS = "org_id,name,kvk_number\nO1,Bouwbedrijf X,12345678\nO2,Schilder Y,1234567\n"
CONTRACTS = "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E1\n"
TODAY = dt.date(2025, 1, 1)


def read(tmp_path: Path, **files: str | None) -> Dataset:
    """Read a minimal valid dataset with ``files`` (table name -> CSV text) replaced/added."""
    content: dict[str, str | None] = {
        "employees": EMPLOYEES,
        "organizations": ORGANIZATIONS,
        "contracts": CONTRACTS,
    }
    content.update(files)
    for name, text in content.items():
        if text is not None:
            (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    return read_dataset(tmp_path, today=TODAY)


def only(ds: Dataset, level: str | None = None) -> Problem:
    """The one problem found (of ``level`` when given).  A problem that drops a value is
    a warning and any other an error: the three levels of problem (file, row, value)."""
    found = [p for p in ds.problems if level is None or p.level == level]
    assert len(found) == 1, [p.format() for p in ds.problems]
    p = found[0]
    assert p.level == ("warning" if p.action in ("drop_value", "none") else "error"), p
    return p


def where(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.action)


# ------------------------------------------------------------------ clean data


def test_clean_dataset_types_and_defaults(tmp_path: Path) -> None:
    ds = read(
        tmp_path,
        employees="employee_id,name,role,employed_from\nE1,Jan,,1-3-2020\nE2,Petra,RvC,\n",
        allocations="decision_id,decision_date,handled_by,applicant_name\nA1,01-03-2024,E1,Kees\n",
        gifts="gift_id,employee_id,org_name,date\nG1,E1,Bakker,2024-01-01\n",
        declarations="declaration_id,employee_id,org_id,kind\nX1,E1,O1,Nevenfunctie\n",
    )
    assert ds.problems == []
    employees = ds.frame("employees")
    assert employees["role"].tolist() == ["employee", "supervisory_board"]
    assert employees["employed_from"].iloc[0] == pd.Timestamp("2020-03-01")
    assert ds.frame("contracts")["kind"].tolist() == ["contract"]
    assert ds.frame("allocations")["kind"].tolist() == ["rental"]
    assert ds.frame("gifts")["kind"].tolist() == ["gift"]
    declarations = ds.frame("declarations")
    assert declarations["status"].tolist() == ["pending"]
    assert declarations["kind"].tolist() == ["side_function"]
    # every contract column is there with its type, also when the file lacks it
    for name in ("employees", "contracts", "allocations", "gifts", "declarations"):
        frame = ds.frame(name)
        expected = empty_frame(name)
        for column in expected.columns:
            assert str(frame[column].dtype) == str(expected[column].dtype), (name, column)
    organizations = ds.frame("organizations")
    assert organizations["kvk_number"].tolist() == ["12345678", "01234567"]


def test_table_bookkeeping(tmp_path: Path) -> None:
    ds = read(tmp_path)
    table = ds.tables["contracts"]
    assert (table.rows_read, table.rows_skipped, table.values_dropped) == (1, 0, 0)
    assert table.sha256 and len(table.sha256) == 64
    assert table.file == "contracts.csv"


# ------------------------------------------------------- missing and bad values


def test_missing_required_value(tmp_path: Path) -> None:
    ds = read(tmp_path, employees="employee_id,name\nE1,Jan\nE2,  \n")
    p = only(ds)
    assert where(p) == ("employees.csv", 3, "name", "skip_row")
    assert "required" in p.message and "fill in" in p.message
    assert ds.tables["employees"].skipped_reasons == {"missing name": 1}
    assert ds.frame("employees")["employee_id"].tolist() == ["E1"]


def test_bad_required_date_skips_row(tmp_path: Path) -> None:
    ds = read(tmp_path, contracts=CONTRACTS + "D2,O1,31-02-2024,E1\n")
    p = only(ds)
    assert where(p) == ("contracts.csv", 3, "decision_date", "skip_row")
    assert "'31-02-2024'" in p.message and "not an existing date" in p.message
    assert ds.tables["contracts"].skipped_reasons == {"unreadable decision_date": 1}


def test_bad_optional_date_drops_value(tmp_path: Path) -> None:
    ds = read(tmp_path, employees="employee_id,name,employed_from\nE1,Jan,2024-13-01\nE2,P,\n")
    p = only(ds)
    assert where(p) == ("employees.csv", 2, "employed_from", "drop_value")
    assert "2024-03-01" in p.message  # says which forms work
    assert ds.tables["employees"].values_dropped == 1
    assert pd.isna(ds.frame("employees")["employed_from"].iloc[0])


def test_date_out_of_range(tmp_path: Path) -> None:
    ds = read(tmp_path, contracts=CONTRACTS + "D2,O1,01-03-1850,E1\n")
    p = only(ds)
    assert "1850" in p.message and "between 1900 and 2100" in p.message


def test_bad_amount_drops_value_and_keeps_row(tmp_path: Path) -> None:
    text = "decision_id,org_id,decision_date,handled_by,amount_eur\nD1,O1,2024-03-01,E1,twaalf\n"
    ds = read(tmp_path, contracts=text)
    p = only(ds)
    assert where(p) == ("contracts.csv", 2, "amount_eur", "drop_value")
    assert "'twaalf' is not an amount" in p.message and "1.234,56" in p.message
    assert len(ds.frame("contracts")) == 1
    assert ds.tables["contracts"].values_dropped == 1


def test_bad_boolean(tmp_path: Path) -> None:
    gifts = "gift_id,employee_id,org_id,date,handed_in\nG1,E1,O1,2024-01-01,misschien\n"
    p = only(read(tmp_path, gifts=gifts))
    assert where(p) == ("gifts.csv", 2, "handed_in", "drop_value")
    assert "ja/nee" in p.message


def test_bad_enum_names_allowed_codes(tmp_path: Path) -> None:
    relatives = "relative_id,employee_id,relation,name\nR1,E1,buurman,Kees\nR2,E1,Echtgenote,Petra\n"
    ds = read(tmp_path, relatives=relatives)
    p = only(ds)
    assert where(p) == ("relatives.csv", 2, "relation", "skip_row")
    assert "'buurman' is not a known relation" in p.message
    assert "partner" in p.message and "household_member" in p.message
    assert ds.frame("relatives")["relation"].tolist() == ["partner"]


def test_close_spelling_of_a_relation_keeps_the_row_with_a_warning(tmp_path: Path) -> None:
    relatives = "relative_id,employee_id,relation,name\nR1,E1,dochtr,Kees\n"
    ds = read(tmp_path, relatives=relatives)
    p = only(ds)
    assert (p.file, p.line, p.column, p.level, p.action) == (
        "relatives.csv", 2, "relation", "warning", "none")
    assert ds.frame("relatives")["relation"].tolist() == ["child"]


def test_bad_optional_enum_drops_value(tmp_path: Path) -> None:
    p = only(read(tmp_path, employees="employee_id,name,role\nE1,Jan,koning\nE2,P,\n"))
    assert where(p) == ("employees.csv", 2, "role", "drop_value")
    assert "supervisory_board" in p.message


@pytest.mark.parametrize(
    ("table", "column", "word", "code"),
    [
        ("employees", "role", "Directeur-bestuurder", "director"),
        ("employees", "role", "inhuur", "external"),
        ("employees", "role", "Vrijwilliger", "volunteer"),
        ("employees", "role", "leidinggevende", "manager"),
        ("relatives", "relation", "schoonmoeder", "parent_in_law"),
        ("relatives", "relation", "Zwager", "sibling_in_law"),
        ("relatives", "relation", "huisgenoot", "household_member"),
        ("relatives", "relation", "geregistreerd partner", "partner"),
        ("declarations", "kind", "financieel belang", "financial_interest"),
        ("declarations", "kind", "Eigen bedrijf", "own_business"),
        ("declarations", "kind", "functie", "position"),
        ("declarations", "status", "Akkoord", "approved"),
        ("declarations", "status", "in behandeling", "pending"),
        ("declarations", "status", "afgewezen", "rejected"),
        ("declarations", "status", "Ingetrokken", "withdrawn"),
        ("gifts", "kind", "Diner", "meal"),
        ("gifts", "kind", "lunch", "meal"),
        ("gifts", "kind", "uitnodiging", "invitation"),
        ("gifts", "kind", "geld", "money"),
        ("contracts", "kind", "Factuur", "invoice"),
        ("allocations", "kind", "urgentie", "urgency"),
        ("organizations", "org_type", "Aannemer", "contractor"),
    ],
)
def test_enum_synonyms(table: str, column: str, word: str, code: str) -> None:
    vocabulary = TABLES[table].column(column).vocabulary
    assert vocabulary is not None
    assert vocabulary.lookup(word) == code


def test_officer_role_is_open(tmp_path: Path) -> None:
    officers = "org_id,name,role\nO1,Kees,Bestuurder\nO1,Piet,Enig Aandeelhouder\nO1,Mies,Procuratiehouder B\n"
    ds = read(tmp_path, officers=officers)
    assert ds.problems == []
    assert ds.frame("officers")["role"].tolist() == ["bestuurder", "aandeelhouder",
                                                     "procuratiehouder b"]


# ---------------------------------------------------------------- duplicates


def test_duplicate_id(tmp_path: Path) -> None:
    ds = read(tmp_path, employees=EMPLOYEES + "E1,Jan Jansen\n")
    p = only(ds)
    assert where(p) == ("employees.csv", 4, "employee_id", "skip_row")
    assert "also appears on line 2" in p.message and "unique" in p.message
    assert ds.tables["employees"].skipped_reasons == {"duplicate employee_id": 1}


@pytest.mark.parametrize(
    ("table", "text", "column"),
    [
        ("relatives", "relative_id,employee_id,relation,name\nR1,E1,kind,A\nR1,E1,kind,B\n",
         "relative_id"),
        ("organizations", "org_id,name\nO1,A\nO1,B\n", "org_id"),
        ("declarations", "declaration_id,employee_id,org_name,kind\nX,E1,A,other\nX,E1,B,other\n",
         "declaration_id"),
        ("gifts", "gift_id,employee_id,org_name,date\nG,E1,A,2024-01-01\nG,E1,B,2024-01-02\n",
         "gift_id"),
        ("contracts", CONTRACTS + "D1,O1,2024-03-02,E2\n", "decision_id"),
    ],
)
def test_duplicate_ids_per_table(tmp_path: Path, table: str, text: str, column: str) -> None:
    if table == "organizations":
        p = only(read(tmp_path, organizations=text, contracts=CONTRACTS))
    else:
        p = only(read(tmp_path, **{table: text}))
    assert (p.file, p.line, p.column) == (f"{table}.csv", 3, column)
    assert "also appears on line 2" in p.message


def test_decision_id_unique_over_contracts_and_allocations(tmp_path: Path) -> None:
    allocations = "decision_id,decision_date,handled_by,applicant_name\nA1,2024-01-01,E1,K\nD1,2024-01-01,E1,L\n"
    ds = read(tmp_path, allocations=allocations)
    p = only(ds)
    assert where(p) == ("allocations.csv", 3, "decision_id", "skip_row")
    assert "contracts.csv line 2" in p.message
    assert ds.frame("allocations")["decision_id"].tolist() == ["A1"]


def test_duplicate_kvk_is_a_warning(tmp_path: Path) -> None:
    organizations = "org_id,name,kvk_number\nO1,A,12345678\nO2,B,1234 5678\n"
    ds = read(tmp_path, organizations=organizations)
    assert ds.errors == []
    p = only(ds, "warning")
    assert (p.file, p.line, p.column, p.action) == ("organizations.csv", 3, "kvk_number", "none")
    assert "'O1'" in p.message and "line 2" in p.message and "merge" in p.message
    assert len(ds.frame("organizations")) == 2


# ---------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("table", "text", "column", "action"),
    [
        ("relatives", "relative_id,employee_id,relation,name\nR1,E9,kind,A\n", "employee_id", "skip_row"),
        ("declarations", "declaration_id,employee_id,org_id,kind\nX1,E9,O1,other\n", "employee_id", "skip_row"),
        ("declarations", "declaration_id,employee_id,org_id,kind\nX1,E1,O9,other\n", "org_id", "skip_row"),
        ("declarations", "declaration_id,employee_id,org_id,org_name,kind\nX1,E1,O9,Bakker,other\n",
         "org_id", "drop_value"),
        ("declarations", "declaration_id,employee_id,org_id,kind,decided_by\nX1,E1,O1,other,E9\n",
         "decided_by", "drop_value"),
        ("officers", "org_id,name\nO9,Kees\n", "org_id", "skip_row"),
        ("contracts", "decision_id,org_id,decision_date,handled_by\nD1,O9,2024-03-01,E1\n", "org_id", "skip_row"),
        ("contracts", "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E9\n", "handled_by", "skip_row"),
        ("contracts", "decision_id,org_id,decision_date,handled_by,approved_by\nD1,O1,2024-03-01,E1,E9\n",
         "approved_by", "drop_value"),
        ("contracts", "decision_id,org_id,decision_date,handled_by,requested_by\nD1,O1,2024-03-01,E1,E9\n",
         "requested_by", "drop_value"),
        ("allocations", "decision_id,decision_date,handled_by,applicant_name\nA1,2024-01-01,E9,K\n",
         "handled_by", "skip_row"),
        ("allocations", "decision_id,decision_date,handled_by,approved_by,applicant_name\nA1,2024-01-01,E1,E9,K\n",
         "approved_by", "drop_value"),
        ("gifts", "gift_id,employee_id,org_id,date\nG1,E9,O1,2024-01-01\n", "employee_id", "skip_row"),
        ("gifts", "gift_id,employee_id,org_id,date\nG1,E1,O9,2024-01-01\n", "org_id", "skip_row"),
        ("gifts", "gift_id,employee_id,org_id,org_name,date\nG1,E1,O9,Bakker,2024-01-01\n", "org_id", "drop_value"),
    ],
)
def test_unknown_reference(tmp_path: Path, table: str, text: str, column: str, action: str) -> None:
    ds = read(tmp_path, **{table: text})
    p = only(ds)
    assert where(p) == (f"{table}.csv", 2, column, action)
    assert "is not found in" in p.message and "correct the id" in p.message
    if action == "drop_value":
        assert pd.isna(ds.frame(table)[column].iloc[0])
    else:
        assert len(ds.frame(table)) == 0
        assert ds.tables[table].skipped_reasons == {f"unknown {column}": 1}


def test_unknown_relative_and_missing_relatives_file(tmp_path: Path) -> None:
    declarations = "declaration_id,employee_id,relative_id,org_id,kind\nX1,E1,R9,O1,other\n"
    ds = read(tmp_path, declarations=declarations)
    p = only(ds)
    # an optional reference: the value is left out, the declaration kept as the
    # employee's own (session 17; it used to skip the row)
    assert where(p) == ("declarations.csv", 2, "relative_id", "drop_value")
    assert "there is no relatives.csv" in p.message
    assert p.message.endswith("; the declaration is read as the employee's own")
    assert len(ds.frame("declarations")) == 1


def test_relative_must_belong_to_the_employee(tmp_path: Path) -> None:
    relatives = "relative_id,employee_id,relation,name\nR1,E2,partner,Kees\n"
    declarations = "declaration_id,employee_id,relative_id,org_id,kind\nX1,E1,R1,O1,position\n"
    p = only(read(tmp_path, relatives=relatives, declarations=declarations))
    assert where(p) == ("declarations.csv", 2, "relative_id", "skip_row")
    assert "belongs to employee 'E2' (relatives.csv line 2)" in p.message


def test_reference_to_id_on_a_bad_row_is_known(tmp_path: Path) -> None:
    """An id on a row with its own error is still 'known': one mistake, one error."""
    employees = "employee_id,name,birth_date\nE1,Jan,\nE2,Petra,32-01-1980\n"
    ds = read(tmp_path, employees=employees,
              contracts="decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01,E2\n")
    p = only(ds)
    assert (p.file, p.column) == ("employees.csv", "birth_date")
    assert len(ds.frame("contracts")) == 1  # the employee row was kept (value dropped)


def test_officers_by_kvk(tmp_path: Path) -> None:
    officers = "kvk_number,name,role\n1234 5678,Kees,bestuurder\n01234567,Piet,ubo\n99999999,Mies,ubo\n"
    ds = read(tmp_path, officers=officers)
    p = only(ds)
    assert where(p) == ("officers.csv", 4, "kvk_number", "skip_row")
    assert "99999999" in p.message and "organizations.csv" in p.message
    frame = ds.frame("officers")
    assert frame["org_id"].tolist() == ["O1", "O2"]
    assert frame["kvk_number"].tolist() == ["12345678", "01234567"]


# -------------------------------------------------------------- one of, periods


@pytest.mark.parametrize(
    ("table", "text", "column"),
    [
        ("declarations", "declaration_id,employee_id,org_id,org_name,kvk_number,kind\nX1,E1,,,,other\n", "org_id"),
        ("officers", "org_id,kvk_number,name\n,,Kees\n", "org_id"),
        ("gifts", "gift_id,employee_id,org_id,org_name,date\nG1,E1,,,2024-01-01\n", "org_id"),
    ],
)
def test_one_of_columns(tmp_path: Path, table: str, text: str, column: str) -> None:
    p = only(read(tmp_path, **{table: text}))
    assert where(p) == (f"{table}.csv", 2, column, "skip_row")
    assert "fill in org_id" in p.message


def test_declaration_with_kvk_only_is_fine(tmp_path: Path) -> None:
    declarations = "declaration_id,employee_id,kvk_number,kind,share_pct,paid\nX1,E1,KvK 8765 4321,financieel belang,25%,ja\n"
    ds = read(tmp_path, declarations=declarations)
    assert ds.problems == []
    row = ds.frame("declarations").iloc[0]
    assert (row["kvk_number"], row["share_pct"], bool(row["paid"])) == ("87654321", 25.0, True)


@pytest.mark.parametrize(
    ("table", "text", "column"),
    [
        ("relatives", "relative_id,employee_id,relation,name,valid_from,valid_until\nR1,E1,partner,K,2024-05-01,2024-01-01\n",
         "valid_from"),
        ("employees", "employee_id,name,employed_from,employed_until\nE1,Jan,01-01-2020,31-12-2019\nE2,P,,\n",
         "employed_from"),
        ("declarations", "declaration_id,employee_id,org_id,kind,valid_from,valid_until\nX1,E1,O1,other,2024-05-01,2024-01-01\n",
         "valid_from"),
        ("officers", "org_id,name,valid_from,valid_until\nO1,K,2024-05-01,2024-01-01\n", "valid_from"),
    ],
)
def test_period_that_ends_before_it_starts(tmp_path: Path, table: str, text: str, column: str) -> None:
    ds = read(tmp_path, **{table: text})
    problems = [p for p in ds.errors if p.file == f"{table}.csv"]
    [p] = problems
    assert where(p) == (f"{table}.csv", 2, column, "skip_row")
    assert "is after" in p.message and "swap" in p.message


def test_birth_date_in_the_future(tmp_path: Path) -> None:
    ds = read(tmp_path, employees="employee_id,name,birth_date\nE1,Jan,01-01-2030\nE2,P,01-01-1980\n")
    p = only(ds)
    assert where(p) == ("employees.csv", 2, "birth_date", "drop_value")
    assert "future" in p.message
    assert pd.isna(ds.frame("employees")["birth_date"].iloc[0])


# --------------------------------------------------------------- person fields


def test_person_fields_are_normalised(tmp_path: Path) -> None:
    employees = (
        "employee_id,name,street,house_number,house_number_addition,postcode,city,iban,email,phone\n"
        "E1,Jan,Dorpsstraat,12a,,1234 ab,Utrecht,nl91 abna 0417 1643 00,Jan@Example.NL,06-12345678\n"
        "E2,Petra,Dorpsstraat,12,bis,1234AB,Utrecht,,,+31 (0)20 123 4567\n"
    )
    allocations = (
        "decision_id,decision_date,handled_by,applicant_name,applicant_house_number,"
        "applicant_postcode,applicant_iban,applicant_phone,applicant_email\n"
        "A1,2024-01-01,E1,Kees,7-2,1234 ab,NL91ABNA0417164300,0031612345678,K@X.NL\n"
    )
    ds = read(tmp_path, employees=employees, allocations=allocations)
    assert ds.problems == []
    e = ds.frame("employees")
    assert e["house_number"].tolist() == ["12", "12"]
    assert e["house_number_addition"].tolist() == ["A", "BIS"]
    assert e["postcode"].tolist() == ["1234AB", "1234AB"]
    assert e["iban"].iloc[0] == "NL91ABNA0417164300"
    assert e["email"].iloc[0] == "jan@example.nl"
    assert e["phone"].tolist() == ["+31612345678", "+31201234567"]
    a = ds.frame("allocations").iloc[0]
    assert (a["applicant_house_number"], a["applicant_house_number_addition"]) == ("7", "2")
    assert (a["applicant_postcode"], a["applicant_phone"], a["applicant_email"]) == (
        "1234AB", "+31612345678", "k@x.nl")


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("iban", "NL91ABNA0417164301", ["mod-97", "typing error"]),
        ("postcode", "123 AB", ["Dutch postcode", "1234 AB"]),
        ("phone", "12345", ["06-12345678"]),
        ("email", "jan.example.nl", ["name@example.nl"]),
        ("house_number", "huis", ["does not start with a number"]),
    ],
)
def test_bad_person_field_drops_value(tmp_path: Path, column: str, value: str, words: list[str]) -> None:
    ds = read(tmp_path, employees=f"employee_id,name,{column}\nE1,Jan,{value}\nE2,P,\n")
    p = only(ds)
    assert where(p) == ("employees.csv", 2, column, "drop_value")
    for word in words:
        assert word in p.message
    assert len(ds.frame("employees")) == 2
    assert pd.isna(ds.frame("employees")[column].iloc[0])
    assert ds.tables["employees"].values_dropped == 1


def test_bad_kvk_in_organizations(tmp_path: Path) -> None:
    ds = read(tmp_path, organizations="org_id,name,kvk_number\nO1,A,12AB\n")
    p = only(ds)
    assert where(p) == ("organizations.csv", 2, "kvk_number", "drop_value")


# ------------------------------------------------------------------- cascade


def test_skipped_rows_cascade_and_are_counted(tmp_path: Path) -> None:
    employees = "employee_id,name\nE1,Jan\nE2,\nE3,Kees\n"  # E2 skipped: no name
    relatives = "relative_id,employee_id,relation,name\nR1,E2,partner,Petra\nR2,E1,zoon,Piet\n"
    declarations = (
        "declaration_id,employee_id,relative_id,org_id,kind\n"
        "X1,E2,,O1,nevenfunctie\n"       # employee skipped
        "X2,E1,R2,O1,position\n"         # fine
        "X3,E2,R1,O1,position\n"         # employee and relative skipped
    )
    contracts = (
        "decision_id,org_id,decision_date,handled_by,approved_by\n"
        "D1,O1,2024-03-01,E2,\n"         # handler skipped -> row skipped
        "D2,O1,2024-03-01,E1,E2\n"       # approver skipped -> value dropped, row kept
        "D3,O1,2024-03-01,E3,E1\n"
    )
    ds = read(tmp_path, employees=employees, relatives=relatives,
              declarations=declarations, contracts=contracts)
    assert [where(p) for p in ds.errors] == [("employees.csv", 3, "name", "skip_row")]
    warnings = {(p.file, p.line, p.column): p for p in ds.warnings}
    assert set(warnings) == {
        ("relatives.csv", 2, "employee_id"),
        ("declarations.csv", 2, "employee_id"),
        ("declarations.csv", 4, "employee_id"),  # one warning per row: the first link
        ("contracts.csv", 2, "handled_by"),
        ("contracts.csv", 3, "approved_by"),
    }
    assert "employees.csv (line 3)" in warnings[("contracts.csv", 2, "handled_by")].message
    assert warnings[("contracts.csv", 3, "approved_by")].action == "drop_value"
    for name, reasons in [
        ("employees", {"missing name": 1}),
        ("relatives", {"refers to a skipped row": 1}),
        ("declarations", {"refers to a skipped row": 2}),
        ("contracts", {"refers to a skipped row": 1}),
    ]:
        table = ds.tables[name]
        assert table.skipped_reasons == reasons, name
        assert sum(table.skipped_reasons.values()) == table.rows_skipped
        assert table.rows_read - table.rows_skipped == len(table.frame)
    contracts_frame = ds.frame("contracts")
    assert contracts_frame["decision_id"].tolist() == ["D2", "D3"]
    assert pd.isna(contracts_frame["approved_by"].iloc[0])
    assert ds.tables["contracts"].values_dropped == 1


def test_skipped_organization_cascades_to_officers_by_kvk(tmp_path: Path) -> None:
    organizations = "org_id,name,kvk_number\nO1,,12345678\nO2,B,\n"
    officers = "kvk_number,name\n12345678,Kees\n"
    ds = read(tmp_path, organizations=organizations, officers=officers,
              contracts="decision_id,org_id,decision_date,handled_by\nD1,O2,2024-03-01,E1\n")
    assert [where(p) for p in ds.errors] == [("organizations.csv", 2, "name", "skip_row")]
    assert ds.tables["officers"].skipped_reasons == {"refers to a skipped row": 1}


def test_nothing_disappears_uncounted(tmp_path: Path) -> None:
    contracts = (
        "decision_id,org_id,decision_date,handled_by,amount_eur\n"
        "D1,O1,2024-03-01,E1,1\n"
        "D1,O1,2024-03-02,E1,2\n"  # another date: not a line of D1's order
        ",O1,2024-03-01,E1,3\n"
        "D4,O9,2024-03-01,E1,4\n"
        "D5,O1,gisteren,E1,5\n"
        "D6,O1,2024-03-01,E9,zes\n"
    )
    ds = read(tmp_path, contracts=contracts)
    table = ds.tables["contracts"]
    assert table.rows_read == 6
    assert table.rows_skipped == 5
    assert table.skipped_reasons == {
        "duplicate decision_id": 1,
        "missing decision_id": 1,
        "unknown org_id": 1,
        "unreadable decision_date": 1,
        "unknown handled_by": 1,
    }
    assert len(table.frame) == 1
    assert len([p for p in ds.errors if p.file == "contracts.csv"]) == 5
    # the amount 'zes' is on a row skipped for its handler: accounted for by the skip
    [dropped] = [p for p in ds.warnings if p.file == "contracts.csv"]
    assert (dropped.line, dropped.column, dropped.action) == (7, "amount_eur", "drop_value")
    assert table.values_dropped == 0 and table.dropped_by_column == {}


# ---------------------------------------------------------------- reporting


def test_validate_lists_everything_sorted(tmp_path: Path) -> None:
    read(tmp_path, employees="employee_id,name,birth_date\nE1,,x\nE2,P,\n",
         contracts=CONTRACTS + "D2,O9,bad,E9\n")
    problems = validate(tmp_path)
    keys = [(p.file, p.line or 0, p.column or "") for p in problems]
    assert keys == sorted(keys)
    assert {p.file for p in problems} == {"employees.csv", "contracts.csv"}
    errors = [p for p in problems if p.level == "error"]
    assert len(errors) == 4  # name, org_id, decision_date, handled_by
    warnings = [(p.file, p.line, p.column) for p in problems if p.level == "warning"]
    # the optional birth date 'x' is left out (a warning); D1 is handled by skipped E1
    assert warnings == [("contracts.csv", 2, "handled_by"), ("employees.csv", 2, "birth_date")]


def test_problem_format(tmp_path: Path) -> None:
    ds = read(tmp_path, contracts=CONTRACTS + "D2,O1,31-02-2024,E1\n")
    text = only(ds).format()
    assert text.startswith("contracts.csv:3: decision_date: '31-02-2024'")


def test_progress_callback(tmp_path: Path) -> None:
    seen: list[str] = []
    read(tmp_path)
    read_dataset(tmp_path, progress=seen.append)
    assert any("employees.csv" in s for s in seen)
    assert any("references" in s for s in seen)
