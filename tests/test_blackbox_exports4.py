"""Fifth acceptance round from the outside: another corporation's exports written by systems
the earlier rounds did not try (tools/acceptance_exports4.py: a payroll staff list with a row
per dienstverband, the name in parts with the partner's name and naamgebruik written out; a
Business Central vendor list and posted invoices with English and Dutch headers, ``€``
amounts and a credit note in parentheses; Unit4 orders in a workbook with a sheet per year,
a hidden sheet, a notes sheet, a totals row, three date formats and two thousands styles in
one column; a housing ERP's work orders; the KvK API's JSON flattened to CSV; allocations
with the household on two rows, and from another system on one row with
``hoofdaanvrager``), read through the CLI as a new user runs it.

Checked: every planted conflict is found with its rule, person and decision; no planted
near-miss is; run.json accounts for every row of every file; every damaged value is
reported on its file, line and column, in the run's language; every line of a run is in
one language; rows that cannot be used stop the scan with their place, or are skipped and
counted with ``--skip-bad-rows``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from acceptance_runs import (RoundChecks, coi, findings, matches, run_round)  # noqa: E402
from acceptance_exports4 import (ALLOC, ALLOC23, HR, KVK, TOBIAS, UNIT4,  # noqa: E402
                                 write_exports)


@pytest.fixture(scope="module")
def acc(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_round(tmp_path_factory.mktemp("acceptance4"), write_exports)


class TestRound(RoundChecks):
    """The checks every round makes (:class:`acceptance_runs.RoundChecks`)."""

    min_planted = 8

    def named_files(self, acc: dict) -> list[str]:
        return sorted({f.split("[")[0] for f in acc["exp"]["rows"]})


def _run(acc: dict, lang: str = "nl") -> dict:
    return json.loads((acc["tmp"] / f"out_{lang}" / "run.json").read_text(encoding="utf-8"))


def _small(tmp_path: Path, files: dict[str, str]) -> Path:
    """A data folder with one employee list, one supplier and one contract, plus ``files``."""
    data = tmp_path / "data"
    data.mkdir(parents=True, exist_ok=True)
    base = {"employees.csv": "employee_id;name;birth_date;accounts\n"
                             "E1;Jan Jansen;01-02-1970;jjansen\nE2;Piet Smit;03-04-1980;psmit\n",
            "organizations.csv": "org_id;name;kvk_number\nO1;Bouw B.V.;12345678\n",
            "contracts.csv": "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E2\n"}
    for name, text in {**base, **files}.items():
        (data / name).write_text(text, encoding="utf-8")
    return data


def test_run_json_accounts_for_every_row_of_every_file(acc: dict) -> None:
    """Each file and each sheet read (the hidden one too), its rows read = used + skipped;
    the totals row under the 2024 sheet is no row, nor are the refused candidates (set
    aside, counted on their own); a second dienstverband and a household's second person
    are the only rows skipped."""
    seen = {f["file"]: f for table in _run(acc)["inputs"].values() for f in table["files"]}
    for f in seen.values():
        assert f["rows_read"] == f["rows_used"] + f["rows_skipped"], f
    assert set(acc["exp"]["rows"]) == set(seen), (sorted(acc["exp"]["rows"]), sorted(seen))
    for file, n in acc["exp"]["rows"].items():
        assert seen[file]["rows_read"] == n, (file, seen[file]["rows_read"], n)
    assert seen[HR]["rows_skipped"] == acc["exp"]["hr_merged"]
    assert seen[HR]["skipped_reasons"] == {
        "another position of an employee (merged)": acc["exp"]["hr_merged"]}
    assert seen[ALLOC]["skipped_reasons"] == {
        "another person of the household (co-applicant)": acc["exp"]["alloc_merged"]}
    assert seen[ALLOC]["rows_set_aside"] == 2
    others = set(acc["exp"]["rows"]) - {HR, ALLOC}
    assert all(seen[f]["rows_skipped"] == 0 for f in others)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_damaged_value_is_reported_on_its_file_line_and_column(acc: dict,
                                                                     lang: str) -> None:
    out = acc["runs"][f"validate_{lang}"].stdout
    tag = "(waarschuwing)" if lang == "nl" else "(warning)"
    missing = [d for d in acc["exp"]["damaged"]
               if not any(ln.startswith(f"{d['file']}:{d['line']}: {d['column']} (")
                          and ln.endswith(tag) and f"'{d['value']}'" in ln
                          for ln in out.splitlines())]
    assert not missing, missing
    # and counted: run.json's values left out per file and column
    run = _run(acc, lang)
    left = {f["file"]: f["values_left_out"] for t in run["inputs"].values() for f in t["files"]}
    for d in acc["exp"]["damaged"]:
        assert sum(left[d["file"]][d["column"]].values()) == sum(
            1 for e in acc["exp"]["damaged"]
            if (e["file"], e["column"]) == (d["file"], d["column"])), d


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_household_on_two_rows_is_said_in_the_runs_language(acc: dict, lang: str) -> None:
    """Klik voor Wonen writes the household a row per person: the warning that the second
    person is read as the co-applicant was English in a Dutch run ('... also appears on
    line 2 with another person of the household (...): read as that allocation's
    co-applicant (waarschuwing)'): the catalogue had the two halves, not the whole."""
    said = {"nl": "met een andere persoon van het huishouden ('M. Aydin'): gelezen als de "
                  "medeaanvrager van die toewijzing (waarschuwing)",
            "en": "with another person of the household ('M. Aydin'): read as that "
                  "allocation's co-applicant (warning)"}[lang]
    lines = [ln for ln in acc["runs"][f"validate_{lang}"].stdout.splitlines()
             if ln.startswith(f"{ALLOC}:3: decision_id (Advertentienummer): ")]
    assert len(lines) == 1 and lines[0].endswith(said), lines


@pytest.mark.parametrize("third", [False, True])
def test_household_messages_are_whole_in_dutch(tmp_path: Path, third: bool) -> None:
    """The second person of a household, and a third (not checked), in one file and in a
    table of two files (the place then names the file): every such line is Dutch."""
    from coi_graph.cli_text import problem_line
    from ingest import read_dataset

    head = "decision_id;decision_date;handled_by;applicant_name;status\n"
    rows = "A1;01-03-2024;E1;Els Visser;toegewezen\nA1;01-03-2024;E1;Bas Visser;toegewezen\n"
    if third:
        rows += "A1;01-03-2024;E1;Tim Visser;toegewezen\n"
    for files in ({"allocations.csv": head + rows},
                  {"allocations_2024.csv": head + rows,
                   "allocations_2023.csv": head + "B1;01-03-2023;E1;Kim Bos;toegewezen\n"}):
        folder = tmp_path / str(len(files)) / ("3" if third else "2")
        ds = read_dataset(_small(folder, {**files, "contracts.csv": ""}))
        said = [problem_line(p, "nl") for p in ds.problems if "A1" in p.message]
        assert len(said) == (2 if third else 1), said
        assert all("huishouden" in s and " with " not in s and "already" not in s
                   for s in said), said


def test_a_housing_erps_work_orders_and_business_centrals_buyer_are_read(tmp_path: Path) -> None:
    """A work-order list (``Werkordernummer``, ``Opdrachtbedrag``) and Business Central's
    ``Inkopercode``: 'required column decision_id is missing' on every work order, the
    amount 'not used', and every BC invoice 'handled_by is empty': the file could not be
    read at all (the kind was read from ``Werkordernummer`` all the same)."""
    from ingest import read_dataset

    data = _small(tmp_path, {
        "contracts.csv": "Werkordernummer;Leverancier;Opdrachtdatum;Opdrachtbedrag;"
                         "Gemaakt door\nWO-1;O1;01-03-2024;1.250,00;jjansen\n",
        "contracts_bc.csv": "Document No.;Leveranciersnr.;Posting Date;Bedrag excl. btw;"
                            "Inkopercode\nPI-1;O1;02-03-2024;€ 450,00;psmit\n"})
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    frame = ds.tables["contracts"].frame.set_index("decision_id")
    assert frame.loc["WO-1", "amount_eur"] == 1250.0
    assert frame.loc["WO-1", "kind"] == "purchase_order"
    assert frame.loc["PI-1", "handled_by"] == "E2"


def test_work_orders_and_bc_invoices_of_the_round_are_read(acc: dict) -> None:
    run = _run(acc, "en")
    files = {f["file"]: f for f in run["inputs"]["contracts"]["files"]}
    assert files[TOBIAS]["headers"]["decision_id"] == "Werkordernummer"
    assert files[TOBIAS]["headers"]["amount_eur"] == "Opdrachtbedrag"
    assert all(f["headers"]["handled_by"] == "Inkopercode" for name, f in files.items()
               if name.startswith("inkoop/BC"))
    rows = findings(acc["tmp"] / "out_en")
    [split] = [r for r in rows if r["rule"] == "split_orders"]
    assert split["decision_ids"].split(";") == ["WO-24950", "WO-24951", "WO-24952"], split


@pytest.mark.parametrize(("header", "column"), [
    ("functionarissen.naam", "name"), ("functionarissen.0.geboortedatum", "birth_date"),
    ("functionarissen[0].datumInFunctie", "valid_from"), ("functionaris.functie", "role"),
    ("Lev.nr.", "org_id"), ("a.naam", None), ("functionarissen.foo", None),
    ("Bedr.naam", None), ("bedrijf.naam", None), ("onderneming.naam", None),
    ("functionaris.naam", "name"),
    # in any case, as every other header (an API writing PascalCase, a tool upper-casing)
    ("Functionarissen.0.Naam", "name"), ("FUNCTIONARISSEN.GEBOORTEDATUM", "birth_date"),
    ("Functionarissen[0].DatumInFunctie", "valid_from"), ("Functionaris.Functie", "role"),
    ("Bedrijf.Naam", None), ("BEDRIJF.NAAM", None), ("Functionarissen.Foo", None)])
def test_a_header_written_as_a_json_path_is_read_by_its_last_field(header: str,
                                                                    column: str | None) -> None:
    from ingest.header_mapping import resolve_headers
    from ingest.tables import TABLES

    assert resolve_headers(TABLES["officers"], [header])[0] == [column]


def test_the_kvk_api_flattened_to_csv_is_read(acc: dict) -> None:
    """The KvK API's answer flattened (``kvkNummer``, ``naam`` of the company,
    ``functionarissen.naam``, ``functionarissen.geboortedatum``, ...): 'required column name
    is missing' and a hint to read ``functionarissen.functie`` as the name; and beside it,
    the company's own ``naam`` must not become the officer's."""
    out = acc["runs"]["validate_en"].stdout.splitlines()
    assert not [ln for ln in out if ln.startswith(KVK) and "missing" in ln], out
    run = _run(acc, "en")
    headers = run["inputs"]["officers"]["headers"]
    assert headers["name"] == "functionarissen.naam"
    assert headers["valid_until"] == "functionarissen.datumUitFunctie"
    assert run["inputs"]["officers"]["columns_not_used"] == ["naam"]
    paths = [r["path"] for r in findings(acc["tmp"] / "out_en") if r["subject_id"] == "00401"]
    assert any("Pieter Jansen -[bestuurder, KvK]- Installatietechniek" in p for p in paths)


def test_a_main_applicant_is_the_applicant(tmp_path: Path) -> None:
    """Woonnet Rijnmond's ``Naam hoofdaanvrager`` / ``Geboortedatum hoofdaanvrager``:
    'required column applicant_name is missing' (its own hint named it)."""
    from ingest import read_dataset

    data = _small(tmp_path, {"Woonnet toewijzingen.csv":
                             "Publicatienummer;Datum toewijzing;Naam hoofdaanvrager;"
                             "Geboortedatum hoofdaanvrager;Naam medeaanvrager;"
                             "Verhuurmedewerker\nP1;01-03-2024;Jan Jansen;01-02-1970;"
                             "Els Jansen;E2\n"})
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    row = ds.tables["allocations"].frame.iloc[0]
    assert (row["applicant_name"], str(row["applicant_birth_date"].date()),
            row["co_applicant_name"]) == ("Jan Jansen", "1970-02-01", "Els Jansen")


def test_naamgebruik_written_out_gives_the_double_name_without_a_warning(acc: dict) -> None:
    """The payroll export writes the choice as its screen shows it (``Naam partner, eigen
    naam``): each such row was 'naamgebruik code ... is not one of E, P, V, N'."""
    out = acc["runs"]["validate_en"].stdout
    assert "naamgebruik" not in out, [ln for ln in out.splitlines() if "naamgebruik" in ln]
    paths = {r["subject_id"]: r["path"] for r in findings(acc["tmp"] / "out_en")}
    assert paths["00402"].startswith("Petra de Vries-Kok -[")
    assert paths["00406"].startswith("Ingrid Brouwer-Mulder -[")
    assert paths["00408"].startswith("Anouk Bos-van Dam -[")


def test_a_kvk_role_that_ended_before_the_hire_is_no_undeclared_interest(acc: dict) -> None:
    """Ruud Koster left a supplier's board in June 2019 and was hired in September: he was
    flagged as holding an undeclared KvK role."""
    rows = [r for r in findings(acc["tmp"] / "out_en") if r["subject_id"] == "00415"]
    assert rows == [], [r["path"] for r in rows]


def test_the_workbook_with_a_sheet_per_year_is_read_whole(acc: dict) -> None:
    """The hidden sheet is read and said, the notes sheet said and not read, the totals row
    left out; dates as cells, ``01-03-2024``, ``2024-03-01`` and ``20240301``, and amounts
    as ``1.234,56 EUR`` and ``1,234.56 EUR`` in one column, are all read."""
    out = acc["runs"]["validate_en"].stdout.splitlines()
    assert any(ln.startswith(f"{UNIT4}[2022 archief]: sheet '2022 archief' is hidden")
               for ln in out)
    assert any("the other sheets with data are not read: 'Toelichting'" in ln for ln in out)
    assert any(ln.startswith(f"{UNIT4}[2024]: line 14 is below the data") for ln in out)
    assert not [ln for ln in out if ln.startswith(UNIT4) and ": decision_date" in ln]
    assert not [ln for ln in out if ln.startswith(UNIT4) and ": amount_eur" in ln]
    rows = findings(acc["tmp"] / "out_en")
    [sa] = [r for r in rows if r["rule"] == "self_approval"]
    assert "EUR 18,500" in sa["path"], sa["path"]


def test_rows_that_cannot_be_used_stop_the_scan_unless_skipped(acc: dict,
                                                               tmp_path: Path) -> None:
    """A work order whose supplier the vendor list does not know and a letting without its
    date: the scan stops on each with its file, line and column, in both languages; with
    --skip-bad-rows they are counted as skipped and every planted finding is still found."""
    data = tmp_path / "data"
    shutil.copytree(acc["data"], data)
    wo = data / TOBIAS
    lines = wo.read_bytes().decode("cp1252").split("\r\n")
    bad = lines[1].split(";")
    bad[0], bad[1] = "WO-29999", "V9999"
    lines.insert(3, ";".join(bad))
    wo.write_bytes("\r\n".join(lines).encode("cp1252"))
    al = data / ALLOC23
    lines = al.read_bytes().decode("cp1252").split("\r\n")
    bad = lines[1].split(";")
    bad[0], bad[1] = "P-23-7777", ""
    lines.insert(2, ";".join(bad))
    al.write_bytes("\r\n".join(lines).encode("cp1252"))
    ws = str(tmp_path / "ws.sqlite")
    for lang in ("nl", "en"):
        stop = coi("--lang", lang, "scan", str(data), "--out", str(tmp_path / "o1"), "-q",
                   "--workspace", ws, tmp=tmp_path)
        said = stop.stdout + stop.stderr
        assert stop.returncode == 2, said
        assert "Traceback" not in said
        assert f"{TOBIAS}:4: org_id (Leverancier): " in said and "'V9999'" in said, said
        assert f"{ALLOC23}:3: decision_date (Datum toewijzing): " in said, said
    go = coi("scan", str(data), "--out", str(tmp_path / "o2"), "-q", "--workspace", ws,
             "--skip-bad-rows", tmp=tmp_path)
    assert go.returncode == 0, go.stdout + go.stderr
    run = json.loads((tmp_path / "o2" / "run.json").read_text(encoding="utf-8"))
    files = {f["file"]: f for t in run["inputs"].values() for f in t["files"]}
    for name in (TOBIAS, ALLOC23):
        n = acc["exp"]["rows"][name]
        f = files[name]
        assert (f["rows_read"], f["rows_used"], f["rows_skipped"]) == (n + 1, n, 1), f
    rows = findings(tmp_path / "o2")
    assert all(any(matches(r, w) for r in rows) for w in acc["exp"]["findings"])


def test_a_household_list_is_not_said_to_lack_the_co_applicant(acc: dict,
                                                                tmp_path: Path) -> None:
    """Beside a file with a co-applicant column, the Klik voor Wonen list (the household a
    row per person) was 'missing co_applicant_name, co_applicant_birth_date: its rows are
    read without them', while its second rows were read as the co-applicants.  A list with
    a row per decision and no such column is still told."""
    from ingest import read_dataset

    out = acc["runs"]["validate_en"].stdout.splitlines()
    assert not [ln for ln in out if ln.startswith(ALLOC) and "co_applicant" in ln
                and "missing" in ln], out
    head = "decision_id;decision_date;handled_by;applicant_name;status\n"
    data = _small(tmp_path, {
        "contracts.csv": "",
        "allocations_2024.csv": head + "A1;01-03-2024;E1;Els Visser;toegewezen\n"
                                       "A1;01-03-2024;E1;Bas Visser;toegewezen\n",
        "allocations_2023.csv": head + "B1;01-03-2023;E1;Kim Bos;toegewezen\n",
        "allocations_2022.csv": "decision_id;decision_date;handled_by;applicant_name;"
                                "co_applicant_name\nC1;01-03-2022;E1;Tom Bos;Ria Bos\n"})
    ds = read_dataset(data)
    lacking = {p.file for p in ds.warnings if "co_applicant_name" in p.message
               and "missing in this file" in p.message}
    assert lacking == {"allocations_2023.csv"}, ds.warnings
    frame = ds.tables["allocations"].frame.set_index("decision_id")
    assert frame.loc["A1", "co_applicant_name"] == "Bas Visser"


@pytest.mark.parametrize(("lang", "hint"), [
    ("en", "; Nmbrs personeel.csv line 16 has login 'hverbeek' of '00414', one typed "
           "character apart (warning)"),
    ("nl", "; Nmbrs personeel.csv regel 16 heeft login 'hverbeek' van '00414', één getypt "
           "teken anders (waarschuwing)")])
def test_a_login_one_typo_from_an_employees_says_whose(acc: dict, lang: str,
                                                        hint: str) -> None:
    """The work orders' approver ``hverbek``: 'not found ... correct the id', with no word
    of the login ``hverbeek`` it is one typo from (an id one typo from an employee id is
    named; a login never was)."""
    lines = [ln for ln in acc["runs"][f"validate_{lang}"].stdout.splitlines()
             if ln.startswith(TOBIAS) and "'hverbek'" in ln]
    assert len(lines) == 2 and all(ln.endswith(hint) for ln in lines), lines


def test_a_login_near_two_employees_gets_no_guess(tmp_path: Path) -> None:
    from ingest import read_dataset

    data = _small(tmp_path, {
        "employees.csv": "employee_id;name;accounts\nE1;Jan Jansen;jjansen\n"
                         "E2;Piet Smit;psmit, jjanse\nE3;Kim Bos;kbos\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "C1;O1;01-03-2024;E3;jjansn\nC2;O1;01-03-2024;E3;kbso\n"})
    said = {p.line: p.message for p in read_dataset(data).warnings if p.column == "approved_by"}
    assert "login" not in said[2], said      # jjansen (E1) and jjanse (E2) are both near
    assert said[3].endswith("employees.csv line 4 has login 'kbos' of 'E3', one typed "
                            "character apart"), said


def test_business_centrals_own_number_is_the_id_when_nothing_else_is(tmp_path: Path) -> None:
    """Business Central (and NAV) head every list's own number ``Nr.``: its vendor list
    (``Nr.``, ``Naam``, ...) was 'required column org_id is missing' and its posted invoices
    'decision_id is missing'.  Beside another id header (``Ordernummer``) a ``Nr.`` may be a
    line number: it stays an extra column."""
    from ingest import read_dataset

    data = _small(tmp_path, {
        "organizations.csv": "Nr.;Naam;Postcode;Telefoonnr.\nV1;Bouw B.V.;1234 AB;030-1234567\n",
        "contracts.csv": "Nr.;Leveranciersnr.;Boekingsdatum;Bedrag;Inkopercode\n"
                         "PI1;V1;01-03-2024;100,00;jjansen\n",
        "contracts_orders.csv": "Nr.;Ordernummer;Leveranciersnr.;Orderdatum;Inkoper\n"
                                "1;PO-7;V1;02-03-2024;psmit\n"})
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    assert ds.tables["organizations"].frame["org_id"].tolist() == ["V1"]
    assert sorted(ds.tables["contracts"].frame["decision_id"]) == ["PI1", "PO-7"]
    frame = ds.tables["contracts"].frame.set_index("decision_id")
    assert frame.loc["PO-7", "nr."] == "1"       # kept beside the order number
