"""`coi scan`, `coi validate` and `coi demo` as a user runs them: exit codes 0/1/2, the files
written, the refusals and their messages, the counts of ``--skip-bad-rows``.  Through click's
CliRunner (fast, in-process) and through a real ``python -m coi_graph.cli`` process."""

from __future__ import annotations

import copy
import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from corp import BASE, make_corp
from test_rules import DECL

from coi_graph.findings import read_findings
from coi_graph.cli import main

ROOT = Path(__file__).resolve().parents[1]


def coi(*args: Any) -> Result:
    """A run in the default language (Dutch): $COI_LANG unset."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                              env={"COI_LANG": ""})


def coi_en(*args: Any) -> Result:
    """A run in English, for the tests that read its messages word for word."""
    return coi(*args, "--lang", "en")


def clean(root: Path) -> Path:
    """BASE plus a declared interest: one self_interest finding, no problem in the input."""
    return make_corp(root, declarations=[DECL])


def bad_rows(root: Path) -> Path:
    """Three row errors, each in a required column: an impossible date, an unknown handler,
    a duplicate id with another date (the row with the declared interest, D1, is fine)."""
    contracts = copy.deepcopy(BASE["contracts"])
    contracts[1]["decision_date"] = "31-02-2024"
    contracts.append(dict(contracts[0], decision_id="D3", handled_by="E99"))
    contracts.append(dict(contracts[0], amount_eur="1,00", decision_date="2024-02-01"))
    return make_corp(root, declarations=[DECL], contracts=contracts)


def with_bsn(root: Path) -> Path:
    emps = copy.deepcopy(BASE["employees"])
    for i, e in enumerate(emps):
        e["bsn"] = ["111222333", "123456782", "999999990"][i]
    return make_corp(root, declarations=[DECL], employees=emps)


def without_name(root: Path) -> Path:
    emps = copy.deepcopy(BASE["employees"])
    for e in emps:
        del e["name"]
    return make_corp(root, declarations=[DECL], employees=emps)


def scan_args(data: Path, tmp: Path, *extra: Any) -> list[Any]:
    return ["scan", data, "--out", tmp / "run", "--workspace", tmp / "ws.sqlite", "-q", *extra]


def no_traceback(r: Result) -> None:
    assert "Traceback" not in r.output, r.output


# -- coi scan ------------------------------------------------------------------------------------


def test_scan_writes_the_run_and_exits_0(tmp_path: Path) -> None:
    r = coi(*scan_args(clean(tmp_path / "data"), tmp_path))
    assert r.exit_code == 0, r.output
    run = tmp_path / "run"
    assert sorted(p.name for p in run.iterdir()) == ["findings.csv", "findings.json",
                                                     "graph.json", "run.json"]
    with (run / "findings.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(x["rule"], x["decision_id"], x["subject_id"]) for x in rows] == [
        ("self_interest", "D1", "E1")]
    assert read_findings(run)[0]["finding_id"] == \
        rows[0]["finding_id"]
    meta = json.loads((run / "run.json").read_text("utf-8"))
    assert meta["counts"]["findings"] == 1 and meta["problems"]["errors"] == 0
    assert (tmp_path / "ws.sqlite").is_file()  # the scan was recorded
    assert "Bevindingen: 1" in r.output and "self_interest" in r.output
    en = coi(*scan_args(tmp_path / "data", tmp_path, "--lang", "en"))
    assert en.exit_code == 0 and "Findings: 1" in en.output and "Bevindingen" not in en.output


def test_scan_without_findings_also_exits_0(tmp_path: Path) -> None:
    r = coi(*scan_args(make_corp(tmp_path / "data"), tmp_path))
    assert r.exit_code == 0, r.output
    assert "Bevindingen: 0" in r.output
    assert read_findings(tmp_path / "run") == []


def test_scan_refuses_row_errors_with_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    r = coi_en(*scan_args(bad_rows(tmp_path / "data"), tmp_path))
    assert r.exit_code == 2, r.output
    no_traceback(r)
    assert "Error: 3 problem(s) in the input:" in r.output
    for line in ("contracts.csv:3: decision_date: '31-02-2024' is not an existing date",
                 "contracts.csv:4: handled_by: handled_by 'E99' is not found in employees.csv",
                 "contracts.csv:5: decision_id: decision_id 'D1' also appears on line 2"):
        assert line in r.output
    assert "--skip-bad-rows" in r.output
    assert not (tmp_path / "run").exists()
    assert not (tmp_path / "ws.sqlite").exists()


def test_a_refused_scan_shows_one_line_per_cause_in_either_language(tmp_path: Path) -> None:
    """One employee id missing from the staff list is one cause however many decisions name
    it: the refusal shows it once with the count and the first further lines, so that the
    other causes (here 24 different unknown handlers) stay in view; the count of problems
    stays exact."""
    contracts = copy.deepcopy(BASE["contracts"])
    contracts += [dict(contracts[0], decision_id=f"M{i}", handled_by="E77") for i in range(30)]
    contracts += [dict(contracts[0], decision_id=f"U{i}", handled_by=f"X{i}") for i in range(24)]
    data = make_corp(tmp_path / "data", declarations=[DECL], contracts=contracts)
    r = coi_en(*scan_args(data, tmp_path))
    assert r.exit_code == 2, r.output
    assert "Error: 54 problem(s) in the input:" in r.output
    lines = [line for line in r.output.splitlines() if "is not found in employees.csv" in line]
    e77 = [line for line in lines if "'E77'" in line]
    assert len(e77) == 1 and "; the same on 29 more row(s): line(s) " in e77[0], e77
    assert e77[0].endswith(", ...")
    assert "'X18'" in r.output and "'X19'" not in r.output  # 1 + 19 groups are shown
    assert f"... and 5 more (run `coi validate {data}` to list all)." in r.output
    nl = coi(*scan_args(data, tmp_path))
    assert "hetzelfde op nog 29 rij(en): regel(s) " in nl.output
    assert "the same" not in nl.output and "more row" not in nl.output


def test_skip_bad_rows_leaves_them_out_and_counts_them(tmp_path: Path) -> None:
    r = coi(*scan_args(bad_rows(tmp_path / "data"), tmp_path, "--skip-bad-rows"))
    assert r.exit_code == 0, r.output
    assert "Overgeslagen rijen: 3" in r.output  # the default: Dutch, reasons too
    for reason in ("dubbel decision_id", "onbekend handled_by", "onleesbaar decision_date"):
        assert f"contracts.csv: 1 x {reason}" in r.output
    meta = json.loads((tmp_path / "run" / "run.json").read_text("utf-8"))
    c = meta["inputs"]["contracts"]
    assert (c["rows_read"], c["rows_used"], c["rows_skipped"]) == (4, 1, 3)
    assert meta["problems"]["errors"] == 3
    findings = read_findings(tmp_path / "run")
    assert [(f["rule"], f["decision_id"]) for f in findings] == [("self_interest", "D1")]


@pytest.mark.parametrize("skip", [[], ["--skip-bad-rows"]])
def test_a_bsn_column_is_refused_even_with_skip_bad_rows(tmp_path: Path, skip: list[str]) -> None:
    r = coi_en(*scan_args(with_bsn(tmp_path / "data"), tmp_path, *skip))
    assert r.exit_code == 2, r.output
    no_traceback(r)
    assert ("employees.csv: bsn: column 'bsn' holds citizen service numbers (BSN); coi-graph "
            "must not process them: remove the column from the export") in r.output
    for value in ("111222333", "123456782", "999999990"):
        assert value not in r.output  # a BSN is never echoed
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("skip", [[], ["--skip-bad-rows"]])
def test_a_missing_required_column_is_refused(tmp_path: Path, skip: list[str]) -> None:
    r = coi_en(*scan_args(without_name(tmp_path / "data"), tmp_path, *skip))
    assert r.exit_code == 2, r.output
    assert "employees.csv: name: required column 'name' is missing" in r.output
    assert "Fix the files above and run again." in r.output
    assert not (tmp_path / "run").exists()


def test_scan_of_a_missing_folder_or_bad_policy_exits_2(tmp_path: Path) -> None:
    r = coi_en(*scan_args(tmp_path / "nowhere", tmp_path))
    assert r.exit_code == 2 and "no such folder" in r.output
    data = clean(tmp_path / "data")
    pol = tmp_path / "policy.yaml"
    pol.write_text("gifts:\n  windw_days: 30\n", encoding="utf-8")
    r = coi_en(*scan_args(data, tmp_path, "--policy", pol))
    assert r.exit_code == 2, r.output
    assert "unknown setting 'gifts.windw_days'; did you mean 'window_days'?" in r.output
    r = coi_en(*scan_args(data, tmp_path, "--as-of", "31-12-2024"))
    assert r.exit_code == 2 and "--as-of: '31-12-2024' is not a date" in r.output
    assert not (tmp_path / "run").exists()


def test_a_runtime_failure_exits_1_with_one_line(tmp_path: Path) -> None:
    """The workspace cannot be created (its folder is a file): the run failed, exit 1."""
    (tmp_path / "afile").write_text("x")
    r = coi_en("scan", clean(tmp_path / "data"), "--out", tmp_path / "run", "-q",
            "--workspace", tmp_path / "afile" / "ws.sqlite")
    assert r.exit_code == 1, r.output
    no_traceback(r)
    assert "Error: " in r.output and "ws.sqlite" in r.output


# -- coi validate ------------------------------------------------------------------------------------


def test_validate_clean_data_exits_0(tmp_path: Path) -> None:
    r = coi_en("validate", clean(tmp_path / "data"))
    assert r.exit_code == 0, r.output
    assert "0 error(s), 0 warning(s)." in r.output
    assert "contracts.csv: 2" in r.output


def test_validate_lists_every_row_error_and_exits_2(tmp_path: Path) -> None:
    r = coi_en("validate", bad_rows(tmp_path / "data"))
    assert r.exit_code == 2, r.output
    problems = [ln for ln in r.output.splitlines()
                if ln.startswith("contracts.csv:") and ln.split(":")[1].isdigit()]
    assert [p.split(":")[1:3] for p in problems] == [
        ["3", " decision_date"], ["4", " handled_by"], ["5", " decision_id"]]
    assert "3 error(s)" in r.output


@pytest.mark.parametrize("make", [with_bsn, without_name])
def test_validate_refused_files_exit_2(tmp_path: Path, make: Any) -> None:
    r = coi_en("validate", make(tmp_path / "data"))
    assert r.exit_code == 2, r.output
    assert "employees.csv: " in r.output and "1 error(s)" in r.output


def test_validate_and_run_json_name_the_columns_nothing_reads(tmp_path: Path) -> None:
    """An approver column headed `Fiat` is no column the analyzer knows: the scan runs
    without approvers.  validate names it per table (in the run's language), and run.json
    keeps the list, so the user sees the column was not read and can map it."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "employees.csv").write_text("employee_id;name\nE1;Jan de Vries\nE2;Piet Bos\n")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw BV\n")
    (data / "contracts.csv").write_text("decision_id;org_id;decision_date;handled_by;Fiat;"
                                        "Kostenplaats\nD1;O1;01-03-2024;E1;E2;4100\n")
    r = coi_en("validate", data)
    assert r.exit_code == 0, r.output
    said = [ln for ln in r.output.splitlines() if "columns not used" in ln]
    assert said == ["contracts.csv: columns not used (no column of the data contract; map one "
                    "in mapping.yaml if it holds one): fiat, kostenplaats"], r.output
    r = coi("validate", data, "--lang", "nl")
    assert ("contracts.csv: kolommen die niet worden gebruikt (geen kolom van het "
            "gegevenscontract; wijs er een toe in mapping.yaml als die er een bevat): fiat, "
            "kostenplaats") in r.output, r.output
    r = coi_en("scan", data, "--out", tmp_path / "run", "-q", "--workspace", tmp_path / "ws.sqlite")
    assert r.exit_code == 0, r.output
    inputs = json.loads((tmp_path / "run" / "run.json").read_text("utf-8"))["inputs"]
    assert inputs["contracts"]["columns_not_used"] == ["fiat", "kostenplaats"]
    assert inputs["employees"]["columns_not_used"] == []


def test_progress_lines_write_seconds_as_the_language_does(tmp_path: Path) -> None:
    """`[   4,2s] inlezen klaar in 0,4s` in Dutch, `[   4.2s] ingest done in 0.4s` in
    English: a Dutch line wrote its seconds the English way."""
    import re

    data = clean(tmp_path / "data")
    for lang, sep, done in (("nl", ",", "inlezen klaar in"), ("en", ".", "ingest done in")):
        r = coi("scan", data, "--out", tmp_path / f"run-{lang}", "--lang", lang,
                "--workspace", tmp_path / f"ws-{lang}.sqlite")
        assert r.exit_code == 0, r.output
        lines = [ln for ln in r.output.splitlines() if ln.startswith("[")]
        assert lines and all(re.match(rf"\[ *\d+{re.escape(sep)}\ds\] ", ln) for ln in lines), lines
        (ln,) = [ln for ln in lines if done in ln]
        assert re.search(rf"{done} \d+{re.escape(sep)}\ds$", ln), ln


def test_validate_of_a_missing_folder_exits_2(tmp_path: Path) -> None:
    r = coi_en("validate", tmp_path / "nowhere")
    assert r.exit_code == 2 and "no such folder" in r.output


# -- coi demo ------------------------------------------------------------------------------------


def test_demo_generates_scans_and_finds_every_planted_case(tmp_path: Path) -> None:
    r = coi("demo", "--out", tmp_path / "demo", "-q", "--lang", "en")
    assert r.exit_code == 0, r.output
    planted = json.loads((tmp_path / "demo" / "planted.json").read_text("utf-8"))
    n = len(planted["cases"])
    assert f"Planted cases found: {n} of {n}; innocent look-alikes flagged: 0 of" in r.output
    run = tmp_path / "demo" / "run"
    assert {p.name for p in run.iterdir()} >= {"findings.csv", "findings.json", "run.json"}
    assert (tmp_path / "demo" / "coi-workspace.sqlite").is_file()
    assert (tmp_path / "demo" / "data" / "employees.csv").is_file() or \
        (tmp_path / "demo" / "data" / "employees.xlsx").is_file()
    assert f"coi explore {run} --open" in r.output
    assert f"coi serve --workspace {tmp_path / 'demo' / 'coi-workspace.sqlite'}" in r.output


# -- a real process --------------------------------------------------------------------------------


def run_coi(*args: Any, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COI_WORKSPACE=str(cwd / "ws.sqlite"),
               COI_LANG="")
    return subprocess.run([sys.executable, "-m", "coi_graph.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_the_command_as_a_process(tmp_path: Path) -> None:
    """Exit statuses as a shell sees them: 2 for refused input, 0 after skipping; messages on
    stderr, the summary on stdout.  (Two processes only: each pays the interpreter's
    start-up; the other cases run in-process above.)"""
    data = bad_rows(tmp_path / "data")
    p = run_coi("scan", data, "--out", tmp_path / "run", "-q", cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "contracts.csv:4: handled_by: handled_by 'E99'" in p.stderr and p.stdout == ""
    assert "Traceback" not in p.stderr
    p = run_coi("scan", data, "--out", tmp_path / "run", "-q", "--skip-bad-rows", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "Overgeslagen rijen: 3" in p.stdout
    assert (tmp_path / "run" / "findings.csv").is_file() and (tmp_path / "ws.sqlite").is_file()
