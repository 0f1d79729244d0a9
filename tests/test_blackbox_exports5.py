"""Sixth acceptance round from the outside: another corporation's exports written by systems
no earlier round used (tools/acceptance_exports5.py: a Loket.nl payroll workbook with title
rows and official initials beside the call name; ADP Workforce Now's English headers with
prefixed position ids; Dynamics 365 Finance vendors, quarterly purchase orders that overlap
and signing limits with D365's end of time; a housing ERP whose users are ``J. de Vries``;
allocations saved by Excel as "Unicode text"; declarations sent in with Microsoft Forms
beside the approved register as a SharePoint list; a gift register kept by the secretary),
read through the CLI as a new user runs it.

Checked: every planted conflict is found with its rule, person and decision; no planted
near-miss is; run.json accounts for every row of every file (the order in two quarterly
exports is used once); every damaged value is reported on its file, line and column, in the
run's language, and counted; every line of a run is in one language.  Then, per bug the
round found, a focused test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from acceptance_runs import (RoundChecks, findings, run_round)  # noqa: E402
from acceptance_exports5 import (ADP, EMPIRE, FORMS, LOKET, MAND, ORGS, Q1, Q2, Q3,  # noqa: E402
                                 SP_DECL, write_exports)


@pytest.fixture(scope="module")
def acc(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_round(tmp_path_factory.mktemp("acceptance5"), write_exports)


class TestRound(RoundChecks):
    """The checks every round makes (:class:`acceptance_runs.RoundChecks`)."""

    min_planted = 12


def _run(acc: dict, lang: str = "en") -> dict:
    return json.loads((acc["tmp"] / f"out_{lang}" / "run.json").read_text(encoding="utf-8"))


def _files(run: dict) -> dict[str, dict]:
    return {f["file"]: f for table in run["inputs"].values() for f in table["files"]}


def _folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A data folder with a staff list, a supplier and a contract, plus ``files``."""
    data = tmp_path / "data"
    data.mkdir(parents=True, exist_ok=True)
    base = {"employees.csv": "employee_id;name;birth_date;email\n"
                             "E1;Jan Jansen;01-02-1970;j.jansen@corp.nl\n"
                             "E2;Piet Smit;03-04-1980;p.smit@corp.nl\n",
            "organizations.csv": "org_id;name;kvk_number\nO1;Bouw B.V.;12345678\n",
            "contracts.csv": "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E2\n"}
    for name, text in {**base, **files}.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return data


# ---------------------------------------------------------------- the round, end to end


def test_nothing_but_the_planted_is_found(acc: dict) -> None:
    """The round's filler rows are clean: every finding is a planted one."""
    from acceptance_runs import matches

    rows = findings(acc["tmp"] / "out_en")
    extra = [(r["rule"], r["subject_id"], r["decision_id"]) for r in rows
             if not any(matches(r, w) for w in acc["exp"]["findings"])]
    assert not extra, extra


def test_run_json_accounts_for_every_row_of_every_file(acc: dict) -> None:
    """Each file read, its rows read = used + skipped; the only rows skipped are the orders
    a quarterly export repeats from the one before (the same order in two files)."""
    seen = _files(_run(acc))
    assert set(acc["exp"]["rows"]) == set(seen), (sorted(acc["exp"]["rows"]), sorted(seen))
    for file, n in acc["exp"]["rows"].items():
        f = seen[file]
        assert f["rows_read"] == n == f["rows_used"] + f["rows_skipped"], (file, f)
    for file in (Q2, Q3):
        n = acc["exp"]["overlap"][file]
        assert n >= 1 and seen[file]["skipped_reasons"] == {
            "identical duplicate (used once)": n}, seen[file]
    assert all(f["rows_skipped"] == 0 for name, f in seen.items() if name not in (Q2, Q3))


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
    left = {name: f["values_left_out"] for name, f in _files(_run(acc, lang)).items()}
    for d in acc["exp"]["damaged"]:
        assert sum(left[d["file"]][d["column"]].values()) == sum(
            1 for e in acc["exp"]["damaged"]
            if (e["file"], e["column"]) == (d["file"], d["column"])), d
    damaged = {(d["file"], d["column"]) for d in acc["exp"]["damaged"]}
    assert {(f, c) for f, cols in left.items() for c in cols} == damaged, left


def test_the_systems_headers_are_read(acc: dict) -> None:
    """Each file's own headers, as run.json cites them: Dynamics 365's field names, ADP's,
    the Forms questions, the secretary's 'Ingeleverd bij secretariaat'."""
    run = _run(acc)
    files = _files(run)
    for table in run["inputs"].values():  # a table of one file: the table's headers
        if len(table["files"]) == 1:
            table["files"][0]["headers"] = table["headers"]
    assert files[ORGS]["headers"] == {
        "org_id": "VendorAccountNumber", "name": "VendorOrganizationName",
        "kvk_number": "OrganizationNumber", "phone": "PrimaryContactPhone",
        "city": "AddressCity", "iban": "IBAN"}
    assert files[Q1]["headers"] == {
        "decision_id": "PurchaseOrderNumber", "org_id": "OrderVendorAccountNumber",
        "decision_date": "AccountingDate", "handled_by": "OrdererPersonnelNumber",
        "requested_by": "RequesterPersonnelNumber", "amount_eur": "TotalAmount"}
    assert files[MAND]["headers"] == {
        "employee_id": "PersonnelNumber", "kind": "DocumentType",
        "limit_eur": "ApprovalLimitAmount", "valid_from": "EffectiveDate",
        "valid_until": "ExpirationDate"}
    assert files[ADP]["headers"]["employee_id"] == "Position ID"
    assert files[ADP]["headers"]["email"] == "Work Contact: Work Email"
    assert files[FORMS]["headers"] == {
        "declaration_id": "Id", "employee_id": "E-mail",
        "kind": "Om wat voor soort melding gaat het?", "org_name": "Bij welke organisatie?",
        "kvk_number": "KvK-nummer van de organisatie (indien bekend)",
        "position": "Welke functie(s) heeft u daar?", "share_pct": "Hoe groot is uw aandeel (%)?",
        "paid": "Wordt u hiervoor betaald?", "valid_from": "Sinds wanneer?"}
    assert run["inputs"]["gifts"]["headers"]["handed_in"] == "Ingeleverd bij secretariaat"
    # Entree's reason for the allocation is its basis (it was a column not used)
    assert run["inputs"]["allocations"]["headers"]["basis"] == "Toewijzingsreden"
    assert "toewijzingsreden" not in run["inputs"]["allocations"]["columns_not_used"]
    assert run["inputs"]["employees"]["headers"]["phone"] == "Telefoonnummer mobiel"
    assert "not read" not in acc["runs"]["validate_en"].stdout


def test_the_board_from_adp_and_officials_initials_are_who_the_erp_names(acc: dict) -> None:
    """The housing ERP names its users ``H. Verbeek`` (the director, from ADP) and ``C.
    Veenstra`` (Loket's Voorletters ``C.J.``, call name Kees): both were 'not found', so the
    self-approved order of EUR 18,500 was no finding."""
    out = acc["runs"]["validate_en"].stdout
    assert "'C. Veenstra' is not found" not in out and "'H. Verbeek' is not found" not in out
    [sa] = [r for r in findings(acc["tmp"] / "out_en") if r["rule"] == "self_approval"]
    assert sa["path"].startswith("Kees Veenstra -[") and "EUR 18,500" in sa["path"]


def test_forms_answers_are_read_as_written(acc: dict) -> None:
    """A Forms choice ends in ``;`` (``Nevenfunctie;``): it was read 'as side_function,
    correct the spelling'; the respondent's e-mail is the employee."""
    out = acc["runs"]["validate_en"].stdout
    assert "Nevenfunctie;" not in out and "Financieel belang;" not in out
    rows = {r["subject_id"]: r for r in findings(acc["tmp"] / "out_en")
            if r["rule"] == "unapproved_side_function"}
    assert rows["1112"]["path"] == ("Eva de Boer -[Penningmeester;Bestuurslid; (side "
                                    "function, pending)]- Voetbalvereniging Bemmel")
    assert set(rows) == {"1112", "LHF000902"}
    assert FORMS in rows["1112"]["evidence"]


def test_the_end_of_time_of_dynamics_is_an_open_end(acc: dict) -> None:
    out = acc["runs"]["validate_en"].stdout.splitlines()
    said = [ln for ln in out if ln.startswith(f"{MAND}: valid_until")]
    assert len(said) == 1 and "'2154-12-31T23:59:59Z' are read as an open end" in said[0]


# ---------------------------------------------------------------- per bug, focused


def test_a_zoned_timestamp_out_of_range_does_not_crash_the_column() -> None:
    """D365 writes its end of time as ``2154-12-31T23:59:59Z`` (2155 in Dutch time): in a
    column with a moment that moves a day, the warning quoted the first moved value, which
    was refused as out of range (NaT): ``NaTType does not support strftime``, a traceback
    for ``coi validate``."""
    import pandas as pd

    from ingest.parse_values import parse_date

    text = pd.Series(["2154-12-31T23:59:59Z", "2024-02-29T23:00:00Z", "2024-03-05"])
    parsed = parse_date(text)
    assert [str(v)[:10] for v in parsed.values] == ["NaT", "2024-03-01", "2024-03-05"]
    assert list(parsed.bad) == [0] and "year 2155" in parsed.messages[0]
    assert len(parsed.notes) == 1 and "'2024-02-29T23:00:00Z' as 01-03-2024" in parsed.notes[0]
    assert "1 value(s)" in parsed.notes[0]
    only = parse_date(pd.Series(["2154-12-31T23:59:59Z"]))   # nothing read: nothing to tell
    assert list(only.bad) == [0] and not only.notes


def test_dynamics_365_exports_are_read(tmp_path: Path) -> None:
    """D365 Finance's entities as its data management exports them: every file was 'required
    column ... is missing' (vendors' name, orders' number, supplier and orderer) and its
    signing limits were not read at all (``tekenbevoegdheden`` named no table)."""
    from ingest import read_dataset

    bom = "\ufeff"
    data = _folder(tmp_path, {
        "organizations.csv": bom + "dataAreaId,VendorAccountNumber,VendorOrganizationName,"
                             "OrganizationNumber,PrimaryContactPhone,PrimaryContactEmail,"
                             "AddressStreet,AddressZipCode,AddressCity\r\n"
                             "lhf,V1,Bouw B.V.,12345678,+31 26 1234567,info@bouw.nl,"
                             "Dorpsstraat,6681 AA,Bemmel\r\n",
        "contracts.csv": bom + "dataAreaId,PurchaseOrderNumber,OrderVendorAccountNumber,"
                         "AccountingDate,OrdererPersonnelNumber,RequesterPersonnelNumber,"
                         "TotalAmount\r\nlhf,PO-1,V1,2024-03-15T00:00:00Z,E2,E1,7400.00\r\n",
        "D365 tekenbevoegdheden.csv": bom + "dataAreaId,PersonnelNumber,DocumentType,"
                                      "ApprovalLimitAmount,EffectiveDate,ExpirationDate\r\n"
                                      "lhf,E2,Purchase order,5000.00,1900-01-01T00:00:00Z,"
                                      "2154-12-31T23:59:59Z\r\n"})
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    assert any("its name holds 'tekenbevoegdheden'" in p.message for p in ds.warnings)
    org = ds.tables["organizations"].frame.iloc[0]
    assert (org["org_id"], org["name"], org["kvk_number"], org["postcode"], org["city"],
            org["street"]) == ("V1", "Bouw B.V.", "12345678", "6681AA", "Bemmel", "Dorpsstraat")
    po = ds.tables["contracts"].frame.iloc[0]
    assert (po["decision_id"], po["org_id"], str(po["decision_date"].date()), po["handled_by"],
            po["requested_by"], po["amount_eur"]) == ("PO-1", "V1", "2024-03-15", "E2", "E1",
                                                      7400.0)
    mandate = ds.tables["mandates"].frame.iloc[0]
    assert (mandate["employee_id"], mandate["kind"], mandate["limit_eur"]) == (
        "E2", "purchase_order", 5000.0)
    assert pd_isna(mandate["valid_until"])


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_adp_workforce_now_headers_are_read(tmp_path: Path) -> None:
    """ADP's ``Position ID``, ``Legal First Name``, ``Legal Last Name``, ``Work Contact:
    Work Email``: the file named no table by its header ('its name fits no table'), and
    in a table with another payroll export its name parts were 'columns not used'."""
    from ingest import read_dataset

    data = _folder(tmp_path, {
        "employees.csv": "Werknemernummer;Roepnaam;Voorletters;Achternaam;Geboortedatum\n"
                         "1101;Kees;C.J.;Veenstra;01-08-1965\n",
        "employees_adp.csv": "Position ID,Legal First Name,Legal Last Name,Birth Date,"
                             "Hire Date,Home Department Description,Work Contact: Work Email\n"
                             "LHF000901,Hendrik,Verbeek,1962-04-20,2016-01-01,Bestuur,"
                             "h.verbeek@corp.nl\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;1101\n"})
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    table = ds.tables["employees"]
    frame = table.frame.set_index("employee_id")
    assert frame.loc["LHF000901", "name"] == "Hendrik Verbeek"
    assert frame.loc["LHF000901", "email"] == "h.verbeek@corp.nl"
    assert frame.loc["LHF000901", "department"] == "Bestuur"
    assert table.columns_not_used == [], table.columns_not_used


def test_an_erp_user_with_the_official_initials_is_the_employee(tmp_path: Path) -> None:
    """Loket builds the name from the call name (``Kees Veenstra``) while its Voorletters
    are ``C.J.``: the ERP's ``C. Veenstra`` and ``C.J. Veenstra`` were 'not found'.  Two
    employees the initials fit are no guess."""
    from ingest import read_dataset

    data = _folder(tmp_path, {
        "employees.csv": "Werknemernummer;Roepnaam;Voorletters;Voorvoegsel;Achternaam\n"
                         "1101;Kees;C.J.;;Veenstra\n1102;Jan;J.;de;Vries\n"
                         "1103;Carla;C.;;Bos\n1104;Cor;C.M.;;Bos\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by;approved_by\n"
                         "C1;O1;01-03-2024;C. Veenstra;C.J. Veenstra\n"
                         "C2;O1;02-03-2024;J. de Vries;C. Bos\n"})
    ds = read_dataset(data)
    frame = ds.tables["contracts"].frame.set_index("decision_id")
    assert (frame.loc["C1", "handled_by"], frame.loc["C1", "approved_by"]) == ("1101", "1101")
    assert frame.loc["C2", "handled_by"] == "1102"
    assert pd_isna(frame.loc["C2", "approved_by"])     # Carla and Cor Bos: both C. Bos
    assert any(p.column == "approved_by" and "'C. Bos'" in p.message for p in ds.warnings)


def test_a_microsoft_forms_export_is_read_as_the_register(tmp_path: Path) -> None:
    """Forms heads its columns ``Id``, ``Begintijd``, ``Tijd van voltooien``, ``E-mail``,
    ``Naam`` and the questions written out: the file was 'not read: its name fits no
    table'.  Outside a Forms export a question is not guessed."""
    from openpyxl import Workbook

    from ingest import read_dataset
    from ingest.header_mapping import resolve_headers
    from ingest.tables import TABLES

    wb = Workbook()
    ws = wb.active
    ws.append(["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam",
               "Om wat voor soort melding gaat het?", "Bij welke organisatie?",
               "Wordt u hiervoor betaald?", "Sinds wanneer?"])
    ws.append([1, "1/8/24 10:03:12", "1/8/24 10:07:49", "P.Smit@corp.nl", "Piet Smit",
               "Eigen onderneming;", "Smit Advies", "Ja", "1-9-2023"])
    data = _folder(tmp_path, {})
    wb.save(data / "Melding nevenfuncties(1-1).xlsx")
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    row = ds.tables["declarations"].frame.iloc[0]
    assert (row["declaration_id"], row["employee_id"], row["kind"], row["org_name"],
            bool(row["paid"]), str(row["valid_from"].date())) == (
        "1", "E2", "own_business", "Smit Advies", True, "2023-09-01")
    assert not [p for p in ds.warnings if "Eigen onderneming" in p.message], ds.warnings
    # Forms in English: Start time, Completion time, Email, the questions in English
    cols, _ = resolve_headers(TABLES["declarations"], [
        "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
        "What kind of interest is it?", "Which organisation?",
        "Chamber of Commerce number (if known)", "What is your position there?",
        "Are you paid for it?", "Since when?"])
    assert cols == ["declaration_id", None, None, "employee_id", None, None, "kind",
                    "org_name", "kvk_number", "position", "paid", "valid_from"], cols
    # two questions that ask for one column: the first is read
    cols, _ = resolve_headers(TABLES["declarations"],
                              ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam",
                               "Bij welke organisatie?", "Welke organisatie nog meer?"])
    assert cols == ["declaration_id", None, None, "employee_id", None, "org_name", None]
    # the same questions in a register that is no Forms export: extra columns
    cols, _ = resolve_headers(TABLES["declarations"],
                              ["Id", "Medewerker", "Bij welke organisatie?", "Sinds wanneer?"])
    assert cols == ["declaration_id", "employee_id", None, None]


def test_a_sharepoint_title_column_is_no_phone_number(tmp_path: Path) -> None:
    """SharePoint exports every list's title column as ``Titel``: 'header 'Titel' looks
    like phone (phone number) but is not read as it' (``tel`` inside the word)."""
    from ingest import read_dataset

    data = _folder(tmp_path, {
        "relatives.csv": "Titel;Medewerker;Relatie;Naam familielid;Tel. overdag\n"
                         "Melding 1;E1;partner;Els Jansen;0612345678\n"})
    ds = read_dataset(data)
    said = [p.message for p in ds.warnings if "looks like" in p.message]
    assert not any("'Titel'" in m for m in said), said
    # a short synonym as a word of its own still is one
    assert any("'Tel. overdag'" in m and "phone" in m for m in said), said


def test_a_gift_handed_in_at_the_secretariat_is_handed_in(tmp_path: Path) -> None:
    from ingest import read_dataset

    data = _folder(tmp_path, {
        "geschenken.csv": "Nr.;Datum;Medewerker;Aangeboden door;Geschatte waarde;"
                          "Ingeleverd bij secretariaat\n1;12-02-2024;E1;Bouw B.V.;ca. € 40;ja\n"})
    ds = read_dataset(data)
    row = ds.tables["gifts"].frame.iloc[0]
    assert (bool(row["handed_in"]), row["value_eur"]) == (True, 40.0)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_gift_register_without_kinds_reads_them_from_the_description(
        acc: dict, lang: str, tmp_path: Path) -> None:
    """The secretary's register has a description only (``Diner``, ``Diner relatiedag``):
    every row was a gift, so a dinner of EUR 75 p.p. that was reported (there is nothing
    to hand in) was a breach of the gift rule ('not handed in').  Words that name no kind,
    or two, leave the row a gift."""
    from ingest import read_dataset

    said = {"nl": "Geschenkenregister 2024.xlsx: kind: het bestand heeft geen kolom kind; 2 "
                  "rij(en) worden gelezen als de soort die hun kolom description noemt, bijv. "
                  "'Diner' (regel 5) als meal; voeg een kolom kind toe als dat niet bedoeld "
                  "is (waarschuwing)",
            "en": "Geschenkenregister 2024.xlsx: kind: the file has no kind column; 2 row(s) "
                  "are read as the kind their description names, e.g. 'Diner' (line 5) as "
                  "meal; add a kind column if that is not meant (warning)"}[lang]
    assert said in acc["runs"][f"validate_{lang}"].stdout.splitlines()
    data = _folder(tmp_path, {
        "gifts.csv": "gift_id;employee_id;org_name;date;description;value_eur;handed_in;"
                     "reported\nG1;E1;Bouw B.V.;01-02-2024;Kaarten concert;€ 60;nee;ja\n"
                     "G2;E1;Bouw B.V.;02-02-2024;Boek en lunch;€ 40;nee;ja\n"
                     "G3;E1;Bouw B.V.;03-02-2024;Cadeaubon;€ 50;nee;ja\n"
                     "G4;E1;Bouw B.V.;04-02-2024;Pen;€ 5;nee;ja\n"})
    kinds = read_dataset(data).tables["gifts"].frame.set_index("gift_id")["kind"].to_dict()
    assert kinds == {"G1": "event", "G2": "gift", "G3": "money", "G4": "gift"}, kinds


def test_an_amount_per_person_is_the_amount(acc: dict) -> None:
    """A gift register values a dinner per person (``€ 75 p.p.``): 'is not an amount', the
    value left out."""
    import pandas as pd

    from ingest.parse_values import parse_amount

    vals = ["EUR 35 p.p.", "€ 25,00 p.p.", "€ 75 pp", "75 per persoon", "1.250,00 p.p.",
            "35 ppx"]
    parsed = parse_amount(pd.Series(vals))
    assert parsed.values.tolist()[:5] == [35.0, 25.0, 75.0, 75.0, 1250.0]
    assert list(parsed.bad) == [5]
    assert "'€ 75 p.p.'" not in acc["runs"]["validate_en"].stdout
    [path] = [r["path"] for r in findings(acc["tmp"] / "out_en")
              if r["rule"] == "gift_before_decision" and r["subject_id"] == "1108"]
    assert "meal 2024-02-09, EUR 40" in path     # 'ca. € 40' as the register writes it


def test_the_round_reads_the_approved_register_beside_the_forms(acc: dict) -> None:
    """Sandra Jacobs' commissariaat, approved in the SharePoint register: a self-interest on
    her order that is declared, and no undeclared interest."""
    rows = [r for r in findings(acc["tmp"] / "out_en") if r["subject_id"] == "1102"]
    assert [(r["rule"], r["declared"]) for r in rows] == [("self_interest", "true")], rows
    assert SP_DECL in rows[0]["evidence"]


def test_the_erp_and_payroll_files_are_named_in_the_evidence(acc: dict) -> None:
    rows = {(r["rule"], r["subject_id"]): r for r in findings(acc["tmp"] / "out_en")}
    assert rows[("self_approval", "1107")]["evidence"] == f"contracts:{EMPIRE}:13"
    # the officer matched to the employee cites both rows it compared
    assert rows[("self_interest", "1101")]["evidence"] == (
        f"officers:2;employees:{LOKET}:5;contracts:{Q2}:7")


def test_an_order_whose_supplier_is_unknown_stops_the_scan_unless_skipped(
        acc: dict, tmp_path: Path) -> None:
    """An order in the UTF-8-with-BOM quarterly export whose vendor the vendor list does not
    know: the scan stops (exit 2) naming the file, line and column; with --skip-bad-rows it
    runs (exit 0), counts the row as skipped, and every planted finding is still found."""
    import shutil

    from acceptance_runs import coi, matches

    data = tmp_path / "data"
    shutil.copytree(acc["data"], data)
    q3 = data / Q3
    lines = q3.read_bytes().decode("utf-8-sig").split("\r\n")
    bad = lines[1].split(",")
    bad[1], bad[2] = "PO-24-09999", "V9999"
    lines.insert(3, ",".join(bad))
    q3.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    ws = str(tmp_path / "ws.sqlite")
    stop = coi("scan", str(data), "--out", str(tmp_path / "o1"), "-q", "--workspace", ws,
               tmp=tmp_path)
    said = stop.stdout + stop.stderr
    assert stop.returncode == 2 and "Traceback" not in said, said
    assert f"{Q3}:4: org_id (OrderVendorAccountNumber): " in said and "'V9999'" in said, said
    go = coi("scan", str(data), "--out", str(tmp_path / "o2"), "-q", "--workspace", ws,
             "--skip-bad-rows", "--lang", "en", tmp=tmp_path)
    assert go.returncode == 0, go.stdout + go.stderr
    f = _files(json.loads((tmp_path / "o2" / "run.json").read_text(encoding="utf-8")))[Q3]
    n = acc["exp"]["rows"][Q3]
    assert (f["rows_read"], f["rows_used"], f["rows_skipped"]) == (
        n + 1, n - acc["exp"]["overlap"][Q3], 1 + acc["exp"]["overlap"][Q3]), f
    rows = findings(tmp_path / "o2")
    assert all(any(matches(r, w) for r in rows) for w in acc["exp"]["findings"])
