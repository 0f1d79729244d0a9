"""Splink's public benchmark data sets (``fake_1000``, ``historical_50k`` of
moj-analytical-services/splink_datasets) as an outsider writes them, read by ingest and
matched through the whole scan path.  Each test is a small hand-made version of what
``bench/bench_linkage_pubdata.py`` found the scan losing (bench/README.md, "Matching",
2026-11-30 fifteenth session): birth dates from the 1600s on, and a register that writes a
birth date known only by its year as 1 January."""

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
ORGS = "org_id,name\nO1,Acme Ltd\n"
#: historical_50k's own columns, as pandas' to_csv writes them, with the relative's columns
HIST = ("unique_id,employee_id,relation,cluster,full_name,first_and_surname,first_name,"
        "surname,dob,birth_place,postcode_fake,gender,occupation")


def write(tmp_path: Path, files: dict[str, list[str]]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(ORGS, encoding="utf-8")
    return tmp_path


def read(folder: Path) -> Dataset:
    return read_dataset(folder, today=TODAY)


def findings(ds: Dataset) -> list[tuple[str, str, str]]:
    policy = Policy.default()
    lg = build_graph(ds, policy)
    return sorted((f.rule, f.decision_id, f.subject_id)
                  for f in detect(ds, lg, policy).findings)


def historical(tmp_path: Path, employee_birth: str = "") -> Path:
    """A relative and an applicant born in 1630 (historical_50k's first cluster: the same
    man written two ways), and a namesake born in 1631 handled by another employee."""
    return write(tmp_path, {
        "employees.csv": ["employee_id,name,birth_date", f"E1,Jan Jansen,{employee_birth}",
                          "E2,Piet Bos,"],
        "relatives.csv": [
            HIST,
            "Q2296770-1,E1,partner,Q2296770,thomas chudleigh,thomas chudleigh,thomas,"
            "chudleigh,1630-08-01,devon,tq13 8df,male,politician",
            "Q9-1,E2,partner,Q9,thomas chudleigh,thomas chudleigh,thomas,chudleigh,"
            "1631-03-02,devon,,male,"],
        "allocations.csv": [
            "decision_id,decision_date,handled_by," + HIST.split(",", 3)[3],
            "D1,2024-01-15,E1,Q2296770,thomas chudleigh,thomas chudleigh,thomas,chudleigh,"
            "01-08-1630,devon,tq13 8df,male,politician",
            "D2,2024-01-15,E2,Q2296770,thomas chudleigh,thomas chudleigh,thomas,chudleigh,"
            "1-8-1630,devon,tq13 8df,male,politician"],
    })


def test_a_relatives_and_an_applicants_birth_date_from_the_1600s_is_read(tmp_path: Path
                                                                         ) -> None:
    """``1630-08-01`` (and ``01-08-1630``, ``1-8-1630``) is a valid date: a relative's or an
    applicant's birth date is read back to the year 1000 (kept in microseconds, which
    nanoseconds cannot hold), with one warning per column that counts the dates before
    1900, in Dutch too; on main all of them were "unreadable" and the two records of one
    man met on the name alone."""
    ds = read(historical(tmp_path))
    assert [p.format() for p in ds.problems if p.level == "error"] == []
    rel = ds.frame("relatives")
    assert rel["birth_date"].tolist() == [pd.Timestamp("1630-08-01"), pd.Timestamp("1631-03-02")]
    app = ds.frame("allocations")
    assert app["applicant_birth_date"].tolist() == [pd.Timestamp("1630-08-01")] * 2
    warned = [p for p in ds.problems if "before 1900" in p.message]
    assert sorted((p.file, p.column) for p in warned) == [
        ("allocations.csv", "applicant_birth_date"), ("relatives.csv", "birth_date")]
    assert "such as 01-08-1630" in warned[0].message
    nl = problem_line(warned[0], "nl")
    assert "van vóór 1900 (zoals 01-08-1630)" in nl and "read as written" not in nl
    assert ds.tables["relatives"].dropped_by_column == {}
    # the applicant of D1 is the relative of its handler, born the same day; D2's handler's
    # relative is a namesake born a year later: no finding
    assert findings(ds) == [("allocation_to_relative", "D1", "E1")]


def test_an_employees_birth_date_before_1900_stays_reported(tmp_path: Path) -> None:
    """A member of staff born in 1630 is a typing error, not history: the employee's birth
    date keeps the 1900 floor (left out, reported), while the relatives' are read."""
    ds = read(historical(tmp_path, employee_birth="1630-08-01"))
    bad = [p for p in ds.problems if p.file == "employees.csv" and p.column == "birth_date"]
    assert bad and "has year 1630; dates must lie between 1900 and 2100" in bad[0].message
    assert ds.frame("employees")["birth_date"].isna().all()
    assert ds.frame("relatives")["birth_date"].notna().all()


def test_three_digit_years_stay_reported_in_historical_columns(tmp_path: Path) -> None:
    """Back to the year 1000 only: a year of three digits (or a negative one, as
    historical_50k has ``-085``) is a typing error there too."""
    folder = historical(tmp_path)
    rel = (folder / "relatives.csv").read_text(encoding="utf-8").replace(
        "1631-03-02", "0985-03-02")
    (folder / "relatives.csv").write_text(rel, encoding="utf-8")
    ds = read(folder)
    assert ds.frame("relatives")["birth_date"].isna().tolist() == [False, True]
    assert ds.tables["relatives"].dropped_by_column["birth_date"]


def _year_only_relatives(tmp_path: Path, jan1: int, other: int) -> Path:
    """``jan1`` relatives born on 1 January of a year (a register's year-only date) and
    ``other`` born on other days, each declared by an employee of its own, plus two
    records of different men with one given name and a birth date of 1 January 1862."""
    lines = [HIST]
    for i in range(jan1):
        lines.append(f"J{i},E{i},sibling,J{i},john{i} smith{i},,,,{1800 + i}-01-01,,,,")
    for i in range(other):
        lines.append(f"K{i},E{jan1 + i},sibling,K{i},kees{i} bos{i},,,,"
                     f"{1800 + i % 200}-{1 + i % 12:02d}-{2 + i % 27:02d},,,,")
    n = jan1 + other
    lines += [f"A1,E{n},sibling,A1,albert baldwin bantock,,,,1862-01-01,,,,",
              f"A2,E{n + 1},sibling,A2,albert,,,,1862-01-01,,,,"]
    employees = ["employee_id,name"] + [f"E{i},Staff {i}" for i in range(n + 2)]
    return write(tmp_path, {"employees.csv": employees, "relatives.csv": lines,
                            "contracts.csv": ["decision_id,org_id,decision_date,handled_by",
                                              "C1,O1,2024-01-15,E0"]})


def test_a_column_of_year_only_birth_dates_reads_1_january_as_empty(tmp_path: Path) -> None:
    """historical_50k writes a birth known by its year as 1 January (37% of its dates):
    two men "born on 1 January 1862", ``albert`` and ``albert baldwin bantock``, were one
    person to the matcher (a full birth date and a given name agreeing).  In a column where
    1 January holds far more dates than a day's share, those dates are read as empty (as
    a partial ``00-00-1965`` is), counted as left out, with a warning in both languages;
    the two are no longer matched."""
    ds = read(_year_only_relatives(tmp_path, jan1=30, other=40))
    rel = ds.frame("relatives").set_index("cluster")
    assert rel.loc[["J0", "A1", "A2"], "birth_date"].isna().all()
    assert rel.loc["K3", "birth_date"] == pd.Timestamp("1803-04-05")
    assert ds.tables["relatives"].dropped_by_column["birth_date"] == {
        "birth date known by its year only": 32}
    warned = [p for p in ds.problems if "1 January" in p.message]
    assert [p.message.split(",")[0] for p in warned] == [
        "32 of 72 birth date(s) fall on 1 January"]
    assert "vallen op 1 januari" in problem_line(warned[0], "nl")
    a1, a2 = ds.frame("relatives").set_index("cluster").loc[["A1", "A2"], "relative_id"]
    assert not [m for m in build_graph(ds, Policy.default()).matches
                if {a1, a2} <= {m["probe"].split(":")[-1], m["reference"].split(":")[-1]}]


def test_a_few_birth_dates_on_1_january_stay_dates(tmp_path: Path) -> None:
    """People are born on 1 January too: under 25 rows (4 of 62: 6%), or below a fifth of a
    column's dates (82 of 682: 12%, an allocation list where many applicants have the
    1 January the BRP registers for someone whose birth was not registered), they are read
    as written."""
    for k, (jan1, other) in enumerate(((2, 60), (80, 600))):
        ds = read(_year_only_relatives(tmp_path / str(k), jan1=jan1, other=other))
        rel = ds.frame("relatives").set_index("cluster")
        assert rel.loc[["J0", "J1", "A1", "A2"], "birth_date"].notna().all(), (jan1, other)
        assert not [p for p in ds.problems if "1 January" in p.message]


def test_british_postcodes_without_a_street_are_one_warning_not_one_per_row(
        tmp_path: Path) -> None:
    """historical_50k's postcodes are British (``tq13 8df``) and the file has no street: on
    main every row said "not a Dutch postcode" (9,000 lines for 9,000 rows).  Now one
    warning for the column, in both languages, and the values counted as left out (a
    postcode alone is no address to match on)."""
    folder = write(tmp_path, {
        "employees.csv": ["employee_id,name", "E1,Jan Jansen", "E2,Piet Bos"],
        "relatives.csv": ["relative_id,employee_id,relation,name,postcode",
                          "R1,E1,partner,Thomas Chudleigh,tq13 8df",
                          "R2,E2,partner,Anna Bos,SW1A 1AA", "R3,E2,child,Kees Bos,M1 1AE",
                          "R4,E2,child,Els Bos,"],
        "contracts.csv": ["decision_id,org_id,decision_date,handled_by", "C1,O1,2024-01-15,E1"]})
    ds = read(folder)
    said = [p for p in ds.problems if p.column == "postcode"]
    assert [(p.line, p.level) for p in said] == [(None, "warning")]
    assert "3 of another country (such as 'tq13 8df') and no street" in said[0].message
    assert "maar 3 van een ander land (zoals 'tq13 8df')" in problem_line(said[0], "nl")
    assert ds.frame("relatives")["postcode"].isna().all()
    assert ds.tables["relatives"].dropped_by_column["postcode"] == {
        "postcode of another country without a street": 3}


def test_british_postcodes_with_a_street_are_read_with_it(tmp_path: Path) -> None:
    """With a street, a British postcode is read as FEBRL's four digits are: together with
    the street, so the two records of one address meet; a Dutch postcode in the column
    keeps each foreign one reported on its row."""
    head = "relative_id,employee_id,relation,name,street,house_number,postcode"
    rows = ["R1,E1,partner,Thomas Chudleigh,Ugbrooke Park,1,tq13 8df",
            "R2,E2,partner,Anna Bos,Downing Street,10,SW1A 2AA",
            "R3,E2,child,Kees Bos,,,M1 1AE"]
    files = {"employees.csv": ["employee_id,name", "E1,Jan Jansen", "E2,Piet Bos"],
             "relatives.csv": [head, *rows],
             "contracts.csv": ["decision_id,org_id,decision_date,handled_by",
                               "C1,O1,2024-01-15,E1"]}
    ds = read(write(tmp_path, files))
    assert ds.frame("relatives")["postcode"].tolist()[:2] == [
        "tq13 8df UGBROOKE PARK", "SW1A 2AA DOWNING STREET"]
    said = [p for p in ds.problems if p.column == "postcode" and p.line is None]
    assert len(said) == 1 and "3 in another country's form (such as 'tq13 8df')" in \
        said[0].message and "1 without a street are left out" in said[0].message
    assert "maar 3 in de vorm van een ander land" in problem_line(said[0], "nl")
    files["relatives.csv"] = [head, *rows, "R4,E1,child,Els Bos,Markt,5,1234 AB"]
    ds = read(write(tmp_path, files))
    assert len([p for p in ds.problems if p.column == "postcode" and p.line]) == 3


def test_fake_1000_as_written_first_name_surname_dob_and_the_unused_columns(
        tmp_path: Path) -> None:
    """fake_1000 under its own headers: ``first_name`` + ``surname`` make the name (also an
    applicant's: ``name``/``full_name`` are the applicant's name in allocations too),
    ``dob`` is the birth date, ``city`` may be empty; ``unique_id`` and ``cluster`` are
    listed as not used and are no error, while the name's parts, which the name was built
    from, are no longer listed as unused (main listed ``first_name`` and ``surname``)."""
    head = "unique_id,first_name,surname,dob,city,email,cluster"
    folder = write(tmp_path, {
        "employees.csv": [head, "0,Robert,Alan,1971-06-24,,robert255@smith.net,0",
                          "4,Grace,Kelly,1997-04-26,Hull,grace.kelly52@jones.com,1"],
        "allocations.csv": ["decision_id,decision_date,handled_by,unique_id,full_name,dob",
                            "D1,2024-01-15,0,3,Robert Alen,1971-06-24",
                            "D2,2024-01-15,4,5,Grace Kelly,1991-04-26"],
        "mapping.yaml": ["tables:", "  employees:", "    columns:",
                         '      "unique_id": employee_id']})
    ds = read(folder)
    assert [p.format() for p in ds.problems if p.level == "error"] == []
    emp = ds.tables["employees"]
    assert emp.frame["name"].tolist() == ["Robert Alan", "Grace Kelly"]
    assert emp.frame["birth_date"].tolist() == [pd.Timestamp("1971-06-24"),
                                                pd.Timestamp("1997-04-26")]
    assert emp.columns_not_used == ["cluster"]
    alloc = ds.tables["allocations"]
    assert alloc.frame["applicant_name"].tolist() == ["Robert Alen", "Grace Kelly"]
    assert alloc.columns_not_used == ["unique_id"]
    # Robert Alan / Alen, born the same day, is one man; Grace Kelly's birth year differs in
    # one digit (fake_1000's cluster 1: one woman, a typo)
    assert findings(ds) == [("allocation_to_self", "D1", "0"), ("allocation_to_self", "D2", "4")]


def test_the_benchmark_script_says_where_to_get_absent_data_sets(tmp_path: Path) -> None:
    """``bench/bench_linkage_pubdata.py`` needs no network: without the files in ``--data``
    it stops and says where they are (the splink_datasets repository, the file names), and
    its cluster sampling and true pairs are those of the data set (every pair of records
    of one cluster)."""
    import importlib.util
    import sys

    import pytest

    path = Path(__file__).resolve().parents[1] / "bench" / "bench_linkage_pubdata.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("bench_linkage_pubdata", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    with pytest.raises(SystemExit) as stop:
        bench.main(["--data", str(tmp_path), "--sets", "fake_within"])
    said = str(stop.value)
    assert "moj-analytical-services/splink_datasets" in said and "fake_1000.csv" in said
    assert str(tmp_path / "fake_1000.csv") in said
    df = pd.DataFrame({"unique_id": ["a", "b", "c", "d"], "cluster": ["1", "1", "1", "2"]})
    assert bench.true_pairs(df) == {frozenset(p) for p in (("a", "b"), ("a", "c"), ("b", "c"))}
    assert set(bench.sample_clusters(df, 1, 15)["cluster"]) in ({"1"}, {"2"})
