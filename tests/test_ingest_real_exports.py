"""Exports as they really come: the three levels of problem, rows that must never vanish,
memory limits, Dutch headers, the mapping file, several files per table, Excel as people
make it, and BSN recognised by its values."""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from coi_graph.cli import main
from coi_graph.cli_text import problem_line
from coi_graph.errors import InputError
from coi_graph.scan import refuse_on_problems
from ingest import read_dataset
from ingest.tables import TABLES

EMPLOYEES = "employee_id,name,phone\nE1,Jan de Vries,0612345678\nE2,Petra Bakker,\n"
ORGANIZATIONS = "org_id,name\nO1,Bouwbedrijf X\n"
CONTRACTS = ("decision_id,org_id,decision_date,handled_by,description\n"
             "D1,O1,2024-03-01,E1,verf\nD2,O1,2024-03-02,E2,hout\n"
             "D3,O1,2024-03-03,E1,glas\nD4,O1,2024-03-04,E2,buis\n")


def folder(tmp_path: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    content: dict[str, str | bytes | None] = {"employees.csv": EMPLOYEES,
                                              "organizations.csv": ORGANIZATIONS,
                                              "contracts.csv": CONTRACTS}
    content.update(files or {})
    for name, text in content.items():
        if text is None:
            continue
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return tmp_path


def errors(ds):
    return [p for p in ds.problems if p.level == "error"]


# ------------------------------------------------------------ three levels of problem


def test_bad_optional_values_are_warnings_and_counted_per_column(tmp_path: Path) -> None:
    employees = ("employee_id,name,phone,postcode\n"
                 "E1,Jan,+31869-805693,1234 SA\nE2,Petra,(0442)-804877,1234AB\nE3,Kees,,\n")
    ds = read_dataset(folder(tmp_path, {"employees.csv": employees}))
    assert errors(ds) == []
    table = ds.tables["employees"]
    assert len(table.frame) == 3  # every row kept
    assert table.dropped_by_column == {"phone": {"unreadable value": 2},
                                       "postcode": {"unreadable value": 1}}
    assert table.values_dropped == 3
    refuse_on_problems(ds, skip_bad_rows=False)  # the scan runs
    with pytest.raises(InputError, match="--strict stops on warnings"):
        refuse_on_problems(ds, skip_bad_rows=False, strict=True)


def test_scan_runs_on_typos_and_says_what_was_left_out(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    employees = "employee_id,name,phone\nE1,Jan,+31869-805693\nE2,Petra,0612345678\n"
    data = folder(tmp_path / "data", {"employees.csv": employees})
    out = tmp_path / "run"
    runner = CliRunner()
    env = {"COI_WORKSPACE": str(tmp_path / "ws.sqlite")}
    result = runner.invoke(main, ["scan", str(data), "--out", str(out), "-q", "--lang", "en"],
                           env=env)
    assert result.exit_code == 0, result.output
    assert "Values left out (unusable; the row was used): 1" in result.output
    assert "employees.csv: phone: 1 x unreadable value" in result.output
    run = json.loads((out / "run.json").read_text())
    assert run["inputs"]["employees"]["values_left_out"] == {"phone": {"unreadable value": 1}}
    assert run["problems"]["values_left_out"] == 1
    [info] = run["inputs"]["employees"]["files"]
    assert (info["rows_read"], info["rows_used"], info["rows_skipped"]) == (2, 2, 0)
    strict = runner.invoke(main, ["scan", str(data), "--out", str(out), "-q", "--strict"],
                           env=env)
    assert strict.exit_code == 2
    validate = runner.invoke(main, ["validate", str(data)])
    assert validate.exit_code == 0
    assert "employees.csv:2: phone:" in validate.output
    assert "employees.csv: 2 row(s) read = 2 used + 0 skipped" in validate.output


def test_row_error_still_refuses_and_file_error_refuses_even_when_skipping(tmp_path: Path) -> None:
    ds = read_dataset(folder(tmp_path, {"employees.csv": "employee_id,name\nE1,\nE2,Petra\n"}))
    with pytest.raises(InputError, match="--skip-bad-rows to leave these rows out"):
        refuse_on_problems(ds, skip_bad_rows=False)
    refuse_on_problems(ds, skip_bad_rows=True)
    ds = read_dataset(folder(tmp_path, {"employees.csv": "employee_id,bsn,name\nE1,1,Jan\n"}))
    with pytest.raises(InputError):
        refuse_on_problems(ds, skip_bad_rows=True)


# ------------------------------------------------------------ nothing vanishes


def test_quote_that_swallows_lines_refuses_the_file_naming_the_lines(tmp_path: Path) -> None:
    contracts = ("decision_id,org_id,decision_date,handled_by,description\n"
                 'D1,O1,2024-03-01,E1,"abc\nD2,O1,2024-03-02,E2,hout\n'
                 'D3,O1,2024-03-03,E1,12" buis\nD4,O1,2024-03-04,E2,glas\n')
    ds = read_dataset(folder(tmp_path, {"contracts.csv": contracts}))
    [problem] = errors(ds)
    assert problem.file == "contracts.csv" and problem.action == "refuse_file"
    assert "line 2 is only closed on line 4" in problem.message
    assert "buis" in problem.message


def test_inch_mark_inside_an_unquoted_value_is_fine(tmp_path: Path) -> None:
    contracts = ("decision_id,org_id,decision_date,handled_by,description\n"
                 'D1,O1,2024-03-01,E1,12" buis\nD2,O1,2024-03-02,E2,"a, b"\n')
    ds = read_dataset(folder(tmp_path, {"contracts.csv": contracts}))
    assert errors(ds) == []
    assert ds.frame("contracts")["description"].tolist() == ['12" buis', "a, b"]


def test_short_row_is_reported(tmp_path: Path) -> None:
    contracts = ("decision_id,org_id,decision_date,handled_by,description\n"
                 "D1,O1,2024-03-01,E1,verf\nD2,O1,2024-03-02,E2\n")
    ds = read_dataset(folder(tmp_path, {"contracts.csv": contracts}))
    [warning] = [p for p in ds.warnings if p.file == "contracts.csv"]
    assert warning.line == 3 and "4 value(s) but the header has 5" in warning.message
    assert len(ds.frame("contracts")) == 2


def test_mostly_utf8_file_with_a_stray_cp1252_byte(tmp_path: Path) -> None:
    text = ("employee_id,name\nE1,José Çelik\nE2,Ünal Öztürk\n").encode("utf-8")
    text += "E3,Andr\xe9 Bakker\n".encode("cp1252")
    ds = read_dataset(folder(tmp_path, {"employees.csv": text}))
    assert ds.frame("employees")["name"].tolist() == ["José Çelik", "Ünal Öztürk",
                                                      "André Bakker"]
    [warning] = [p for p in ds.warnings if p.file == "employees.csv"]
    assert warning.line == 4 and "0xE9" in warning.message
    assert ds.tables["employees"].encoding == "utf-8"


def test_broken_symlink_fifo_and_folder_named_like_a_table_are_reported(tmp_path: Path) -> None:
    data = folder(tmp_path)
    os.symlink(tmp_path / "nowhere.csv", data / "gifts.csv")
    os.mkfifo(data / "relatives.csv")
    (data / "officers.xlsx").mkdir()
    ds = read_dataset(data)
    found = {p.file: p.message for p in errors(ds)}
    assert "broken symbolic link" in found["gifts.csv"]
    assert "named pipe" in found["relatives.csv"]
    assert "a folder" in found["officers.xlsx"]


def test_very_long_name_is_refused_before_matching(tmp_path: Path) -> None:
    long_name = " ".join(["jan"] * 1500)
    ds = read_dataset(folder(tmp_path, {"employees.csv": f"employee_id,name\nE1,{long_name}\n"
                                                         "E2,Petra\n"}))
    [problem] = [p for p in errors(ds) if p.column == "name"]
    assert "1500 words" in problem.message and problem.action == "skip_row"


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    data = folder(tmp_path)
    with zipfile.ZipFile(data / "gifts.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = b"0" * 2**24
            for _ in range(140):  # 2.2 GiB of zeros, a few MB packed
                f.write(chunk)
    ds = read_dataset(data)
    [problem] = errors(ds)
    assert problem.file == "gifts.xlsx" and "would unpack to" in problem.message


def test_a_huge_value_on_the_first_lines_and_a_column_bomb_are_refused_clearly(
        tmp_path: Path) -> None:
    """A 2 MB value among the first lines crashed the header search with the csv module's
    own error (a traceback, exit 1); a header of 20,000 columns took over a minute.  Both
    now refuse the file with a message (exit 2), also said in Dutch."""
    huge = "decision_id,org_id,decision_date,handled_by\nD1,O1,2024-03-01," + "E" * 2_000_000
    wide = ",".join(["decision_id", "org_id", "decision_date", "handled_by"]
                    + [f"x{i}" for i in range(1_000)]) + "\nD1,O1,2024-03-01,E1\n"
    for name, text, said in (("huge", huge, "longer than 1,000,000 characters"),
                             ("wide", wide, "the header has 1,004 columns")):
        data = folder(tmp_path / name, {"contracts.csv": text})
        [problem] = errors(read_dataset(data))
        assert problem.file == "contracts.csv" and said in problem.message, problem.message
        result = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "o")])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "kan niet worden gelezen" in result.output and "cannot" not in result.output
    ok = folder(tmp_path / "ok", {"contracts.csv": ",".join(
        ["decision_id", "org_id", "decision_date", "handled_by"] + [f"x{i}" for i in range(996)])
        + "\nD1,O1,2024-03-01,E1\n"})
    assert errors(read_dataset(ok)) == []


def test_invisible_characters_pasted_into_ids_are_taken_out_and_counted(tmp_path: Path) -> None:
    """``\u200bE1`` (a zero-width space in front, pasted from a web page) is the id ``E1``:
    the rows were refused for an unknown employee nobody could see; now the characters
    are taken out, with a warning that counts them."""
    contracts = ("decision_id,org_id,decision_date,handled_by,description\n"
                 "D1,O1,2024-03-01,\u200bE1,verf\nD2,O1,2024-03-02,E2\u2060,hout\n"
                 "D3,O1,2024-03-03,E1,gla\u200bs\n")
    ds = read_dataset(folder(tmp_path, {"contracts.csv": contracts}))
    assert errors(ds) == [], [p.format() for p in ds.problems]
    frame = ds.frame("contracts")
    assert frame["handled_by"].tolist() == ["E1", "E2", "E1"]
    assert frame["description"].tolist()[2] == "glas"
    [note] = [p for p in ds.problems if "invisible" in p.message]
    assert "U+200B: 2" in note.message and "U+2060: 1" in note.message
    assert "onzichtbare tekens" in problem_line(note, "nl")

    wb = openpyxl.Workbook()  # the same in a workbook
    wb.active.append(["decision_id", "org_id", "decision_date", "handled_by"])
    wb.active.append(["D1", "O1", "2024-03-01", "\u200bE1"])
    wb.active.append(["D2", "O1", "2024-03-02", "E2"])
    book = folder(tmp_path / "xlsx", {"contracts.csv": None})
    wb.save(book / "contracts.xlsx")
    ds = read_dataset(book)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert ds.frame("contracts")["handled_by"].tolist() == ["E1", "E2"]
    assert any("U+200B: 1" in p.message for p in ds.problems)


@pytest.mark.parametrize("chunk", [1 << 23, 97])  # 97 bytes: rows cut across chunks
def test_formula_without_stored_result_is_reported_per_cell(tmp_path: Path, chunk: int,
                                                            monkeypatch) -> None:
    import ingest.read_files

    monkeypatch.setattr(ingest.read_files, "_XML_CHUNK", chunk)
    data = folder(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["gift_id", "employee_id", "org_name", "date", "value_eur"])
    ws.append(["G1", "E1", "Bakker", "2024-01-01", 10])
    ws.append(["G2", "E1", "Bakker", "2024-01-02", "=E2*2"])  # openpyxl stores no result
    wb.save(data / "gifts.xlsx")
    ds = read_dataset(data)
    [warning] = [p for p in ds.warnings if p.file == "gifts.xlsx" and p.line == 3]
    assert warning.column == "value_eur" and "cell E3 holds a formula" in warning.message
    assert ds.tables["gifts"].dropped_by_column == {
        "value_eur": {"formula without a stored result": 1}}


# ------------------------------------------------------------ headers and mapping


def test_dutch_headers_are_recognised(tmp_path: Path) -> None:
    employees = ("Personeelsnummer;Naam;Geboortedatum;Huisnummer;Toevoeging;Woonplaats;"
                 "Rekeningnummer\nE1;Jan de Vries;01-02-1970;12;a;Utrecht;NL91ABNA0417164300\n")
    organizations = "Crediteurnummer;Naam;KvK-nummer\nO1;Bouwbedrijf X;12345678\n"
    contracts = "Contractnummer;Crediteurnummer;Besluitdatum;Behandelaar;Bedrag (EUR)\n" \
                "D1;O1;01-03-2024;E1;1.234,50\n"
    ds = read_dataset(folder(tmp_path, {"employees.csv": employees,
                                        "organizations.csv": organizations,
                                        "contracts.csv": contracts}))
    assert ds.problems == []
    assert ds.tables["employees"].original_header["birth_date"] == "Geboortedatum"
    bad = employees.replace("01-02-1970", "31-02-1970")
    ds_bad = read_dataset(folder(tmp_path / "b", {"employees.csv": bad,
                                                  "organizations.csv": organizations,
                                                  "contracts.csv": contracts}))
    [problem] = ds_bad.problems  # cites the file, the line and the export's own header
    assert problem.format().startswith("employees.csv:2: birth_date (Geboortedatum): ")
    e = ds.frame("employees").iloc[0]
    assert (e["employee_id"], e["birth_date"], e["house_number_addition"], e["iban"]) == (
        "E1", dt.datetime(1970, 2, 1), "A", "NL91ABNA0417164300")
    assert ds.frame("contracts")["amount_eur"].tolist() == [1234.5]


def test_mapping_file_maps_headers_and_file_names(tmp_path: Path) -> None:
    data = folder(tmp_path, {"contracts.csv": None,
                             "inkoop-export.csv": "Nr,Lev,Dat,Wie\nD1,O1,2024-03-01,E1\n"})
    (data / "mapping.yaml").write_text(
        "tables:\n  contracts:\n    files: [inkoop-*.csv]\n    columns:\n"
        "      Nr: decision_id\n      Lev: org_id\n      Dat: decision_date\n"
        "      Wie: handled_by\n")
    ds = read_dataset(data)
    assert ds.problems == [] and ds.mapping == data / "mapping.yaml"
    assert ds.frame("contracts")["handled_by"].tolist() == ["E1"]
    (data / "mapping.yaml").write_text("tables:\n  contracts:\n    columns:\n      Nr: decision?\n")
    [problem] = read_dataset(data).problems
    assert "guess" in problem.message and problem.action == "refuse_file"


def _mapping_refused(data: Path, text: str, said: str) -> None:
    """With ``text`` as the mapping file, the read stops on one problem that says ``said``."""
    (data / "mapping.yaml").write_text(text)
    [problem] = read_dataset(data).problems
    assert problem.action == "refuse_file" and said in problem.message, problem.message


def test_a_mapping_file_set_out_wrongly_or_naming_no_file_is_told(tmp_path: Path) -> None:
    """`files:` at the top instead of under `tables: contracts:`, or a table name at the
    top, used to be left unread without a word (the tables then 'missing'); a pattern
    that fits no file in the folder (a typo, `../hr/emp.csv`) is said as such: an error for
    a required table, a warning for another.  In Dutch too, though the problem's file is
    the mapping file itself."""
    from click.testing import CliRunner

    from coi_graph.cli import main

    data = folder(tmp_path, {})
    for text, said in [("files:\n  contracts: x.csv\n", "put files, sheet, header_row and "
                        "columns under 'tables:' and the table's name"),
                       ("contracts:\n  files: x.csv\n", "'contracts' is a table: put it under "
                        "'tables:'")]:
        _mapping_refused(data, text, said)
    nl = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert nl.exit_code == 2 and "'contracts' is een tabel: zet haar onder 'tables:'" in nl.output
    (data / "mapping.yaml").write_text("tables:\n  employees:\n    files: ../hr/emp.csv\n"
                                       "  gifts:\n    files: [geschenken.xlsx]\n")
    ds = read_dataset(data)
    told = {p.table: p for p in ds.problems if "no file in" in p.message}
    assert set(told) == {"employees", "gifts"}
    assert told["employees"].level == "error" and told["gifts"].level == "warning"
    assert told["employees"].file == "mapping.yaml"  # no employees.csv is meant
    assert told["employees"].message.startswith(
        "'../hr/emp.csv', named as the file(s) of employees: no file in ")
    assert not any("required file missing" in p.message for p in ds.problems)


def test_a_mapping_file_with_a_list_where_a_mapping_belongs_is_told(tmp_path: Path) -> None:
    """``columns:`` written as a list stopped validate with an AttributeError; a list where
    a name belongs, repeated by YAML anchors (9^8 items from a few lines), would have been
    turned into text. Each is now a message that says how the setting is written. (The
    anchors here go five deep, 9^5 items, so that a regression fails instead of hanging.)"""
    from click.testing import CliRunner

    from coi_graph.cli import main

    bomb = ("[&a0 [x,x,x,x,x,x,x,x,x], &a1 [*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0], "
            + ", ".join(f"&a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(2, 6))
            + "]")
    data = folder(tmp_path, {})
    for text, said in [
            ("tables:\n  employees:\n    columns: [Naam, Personeelsnummer]\n",
             "table employees: columns must be one line per header of the file"),
            (f"tables:\n  employees:\n    columns:\n      Naam: {bomb}\n",
             "table employees: columns must be one line per header of the file"),
            (f"tables:\n  contracts:\n    files: {bomb}\n",
             "table contracts: files must be a file name or pattern, or a list of them")]:
        _mapping_refused(data, text, said)
    nl = CliRunner().invoke(main, ["validate", str(data), "--lang", "nl"])
    assert nl.exit_code == 2 and "files moet een bestandsnaam of patroon zijn" in nl.output


def test_missing_required_column_gets_a_suggestion_and_coi_mapping_drafts(tmp_path: Path
                                                                          ) -> None:
    data = folder(tmp_path, {"employees.csv": "Personeelnumer,Naam\nE1,Jan\nE2,Petra\n"})
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(data)])
    assert result.exit_code == 2
    assert "`Personeelnumer` -> employee_id?" in result.output
    drafted = runner.invoke(main, ["mapping", str(data)])
    assert drafted.exit_code == 0, drafted.output
    text = (data / "mapping.yaml").read_text()
    assert '"Personeelnumer": employee_id?' in text and '"Naam": name' in text
    assert runner.invoke(main, ["validate", str(data)]).exit_code == 2  # not confirmed yet
    (data / "mapping.yaml").write_text(text.replace("employee_id?", "employee_id"))
    assert runner.invoke(main, ["validate", str(data)]).exit_code == 0


def test_purchase_order_headers_of_an_erp_export(tmp_path: Path) -> None:
    """An ERP's purchase orders name the handler ``Besteller`` and the approver
    ``Goedkeurder``; the scan was refused for a missing handled_by."""
    orders = ("Ordernummer;Crediteurnummer;Orderdatum;Besteller;Goedkeurder;Bedrag excl. BTW\n"
              "PO-1;O1;01-03-2024;E1;E2;€ 12.500,00\n")
    ds = read_dataset(folder(tmp_path, {"contracts.csv": None, "inkooporders_2024.csv": orders}))
    assert errors(ds) == [], [p.format() for p in ds.problems]
    frame = ds.frame("contracts")
    assert (frame["handled_by"].tolist(), frame["approved_by"].tolist()) == (["E1"], ["E2"])


def test_an_allocation_systems_kind_and_model_are_read(tmp_path: Path) -> None:
    """``Soort toewijzing`` and ``Toewijzingsmodel`` were passed over as extra columns: an
    urgency allocation by direct offer read as a regular rental by the list, which leaves
    out the score for an allocation out of turn."""
    allocations = ("Toewijzingsnummer;Datum toewijzing;Woonconsulent;Naam huurder;"
                   "Soort toewijzing;Toewijzingsmodel;Volgnummer\n"
                   "T1;05-03-2024;E1;Kees Bos;Regulier;Lotingmodel;1\n"
                   "T2;06-03-2024;E2;Ans Bos;Urgentie;Direct aanbod;3\n"
                   "T3;07-03-2024;E2;Wim Bos;Doorstroming;Optiemodel;2\n")
    ds = read_dataset(folder(tmp_path, {"allocations.csv": allocations}))
    assert [p for p in ds.problems if p.table == "allocations"] == []
    frame = ds.frame("allocations")
    assert frame["kind"].tolist() == ["rental", "urgency", "rental"]
    assert frame["basis"].tolist() == ["other", "direct", "list"]
    assert frame["handled_by"].tolist() == ["E1", "E2", "E2"]


def test_a_header_one_typo_from_a_synonym_is_read_with_a_warning(tmp_path: Path) -> None:
    """``Personeelsnumer`` and ``Geboortedatun`` are read as employee_id and birth_date,
    each with a warning saying so (the scan was refused for a missing column); a header
    one typo from a column the file already has (``Naamm`` beside ``Naam``, a second
    close spelling of birth_date), or two typos away, stays an extra column."""
    data = folder(tmp_path, {"employees.csv": "Personeelsnumer;Naam;Naamm;Geboortedatun;"
                                              "Afdelinggg;Geboortedatm\n"
                                              "E1;Jan;x;01-02-1970;HR;\nE2;Petra;y;;;\n"})
    ds = read_dataset(data)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    frame = ds.frame("employees")
    assert frame["employee_id"].tolist() == ["E1", "E2"] and frame["name"].tolist() == ["Jan", "Petra"]
    assert frame["birth_date"].tolist()[0] == dt.datetime(1970, 2, 1)
    notes = [p.message for p in ds.problems if "close spelling" in p.message]
    assert len(notes) == 2 and any("'Personeelsnumer' is read as employee_id" in n for n in notes)
    assert "department" not in frame.columns or frame["department"].isna().all()
    assert "naamm" in frame.columns


def test_a_guess_goes_to_the_column_that_explains_the_whole_header(tmp_path: Path) -> None:
    """``Geb.datum woningzoek.`` holds a word of applicant_name (the applicant) and of
    applicant_birth_date (the birth date): the draft and the hint pick the birth date."""
    allocations = ("Toewijzingsnummer;Datum toewijzing;Consulent;Naam woningz.;"
                   "Geb.datum woningzoek.;Postcode woningzoekende\n"
                   "A1;01-03-2024;E1;Jan de Vries;01-02-1970;1234 AB\n")
    data = folder(tmp_path, {"allocations.csv": allocations})
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(data), "--lang", "en"])
    assert result.exit_code == 2
    line = next(ln for ln in result.output.splitlines() if "'applicant_name' is missing" in ln)
    hint = line.split("Likely: ", 1)[1].split(";", 1)[0]
    assert hint == "`Naam woningz.` -> applicant_name?"  # not Geb.datum: it fits the birth date
    drafted = runner.invoke(main, ["mapping", str(data), "--lang", "en"])
    assert drafted.exit_code == 0, drafted.output
    text = (data / "mapping.yaml").read_text()
    assert '"Naam woningz.": applicant_name?' in text
    assert '"Geb.datum woningzoek.": applicant_birth_date?' in text
    assert '"Postcode woningzoekende": applicant_postcode' in text  # a synonym: no guess


def test_a_title_that_holds_a_word_of_a_synonym_is_no_guess() -> None:
    """'Export medewerkers uit AFAS' (a title read as the header) holds the start of
    'medewerkernummer', but no word of it is an abbreviation of a synonym: no column is
    guessed for it."""
    from ingest.header_mapping import best_column

    employees = TABLES["employees"]
    assert best_column(employees, "Export medewerkers uit AFAS")[0] is None
    # 'Medewerker' is employee_id in the staff list only as the whole cell
    from ingest.header_mapping import resolve_header
    assert resolve_header(employees, "Medewerker") == "employee_id"
    assert best_column(employees, "Personeelsnr.")[0] == "employee_id"
    assert best_column(employees, "Huisnr. toev.")[0] == "house_number_addition"


def test_the_draft_keeps_a_second_header_of_one_column_out(tmp_path: Path) -> None:
    """A vendor master with both ``org_id`` and ``Crediteurnummer`` (a synonym): the draft
    maps only the first, so confirming it does not make org_id appear twice."""
    data = folder(tmp_path, {
        "organizations.csv": "org_id;Naam;Crediteurnummer\nO1;Bouwbedrijf X;40001\n",
        "employees.csv": "employee_id;name\nE1;Jan de Vries\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nD1;O1;2024-03-01;E1\n"})
    runner = CliRunner()
    drafted = runner.invoke(main, ["mapping", str(data), "--lang", "en"])
    assert drafted.exit_code == 0, drafted.output
    text = (data / "mapping.yaml").read_text()
    assert '"org_id": org_id' in text
    assert '"Crediteurnummer": ignore  # looks like org_id' in text
    result = runner.invoke(main, ["validate", str(data), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_files_named_in_dutch_are_read_and_every_other_file_is_reported(tmp_path: Path
                                                                         ) -> None:
    """``Inkooporders_2024.csv`` and ``KvK functionarissen.csv`` are tables; a .csv named
    after no table and a .dat file next to them are reported, not passed over in silence;
    Excel's lock file is no export."""
    data = folder(tmp_path, {
        "employees.csv": None, "contracts.csv": None, "officers.csv": None,
        "Medewerkers export.csv": "employee_id;name\nE1;Jan de Vries\n",
        "Inkooporders_2024.csv": "decision_id;org_id;decision_date;handled_by\n"
                                 "D1;O1;2024-03-01;E1\n",
        "KvK functionarissen.csv": "kvk_number;name;role\n12345678;Piet Bos;bestuurder\n",
        "notities.csv": "wat;waarom\nx;y\n",
        "contracts_2022.dat": "(a binary file)",
        "~$Medewerkers export.xlsx": "(Excel's lock file)",
    })
    ds = read_dataset(data)
    assert ds.tables["contracts"].rows_read == 1 and ds.tables["officers"].rows_read == 1
    assert ds.tables["employees"].rows_read == 1
    notes = {p.file: p for p in ds.problems if p.file in (
        "notities.csv", "contracts_2022.dat", "~$Medewerkers export.xlsx")}
    assert set(notes) == {"notities.csv", "contracts_2022.dat"}
    assert all(p.level == "warning" for p in notes.values())
    assert "fits no table" in notes["notities.csv"].message
    assert "a file of table contracts" in notes["contracts_2022.dat"].message
    assert "save it as .xlsx or CSV" in notes["contracts_2022.dat"].message


def test_files_named_by_the_system_that_wrote_them_are_read_by_their_header(
        tmp_path: Path) -> None:
    """Exports carry the name of the system that wrote them: ``AFAS_medewerkers_export.csv``,
    ``Exact crediteurenlijst.xlsx``, ``Export toewijzing 2024.csv``.  A file whose name
    holds a table's name (as a word, a compound or in the singular) and whose header names
    the table's columns is that table, with a warning that says so; where its words fit two
    tables the header decides; a note that only carries such a word is not read, and never
    refuses the scan."""
    wb = openpyxl.Workbook()
    wb.active.append(["Crediteurnummer", "Naam", "KvK-nummer"])
    wb.active.append(["O1", "Bouwbedrijf X", "12345678"])
    wb.save(tmp_path / "Exact crediteurenlijst.xlsx")
    data = folder(tmp_path, {
        "employees.csv": None, "organizations.csv": None, "contracts.csv": None,
        "AFAS_medewerkers_export.csv": "Personeelsnummer;Naam\nE1;Jan de Vries\n",
        "Export toewijzing 2024.csv": "Toewijzingsnummer;Datum toewijzing;Behandelaar;VHE;"
                                      "Naam kandidaat\nA1;01-03-2024;E1;V1;Kees Bos\n",
        "Export medewerkers nevenfuncties.csv": "declaration_id;employee_id;kind;org_name\n"
                                                "M1;E1;side_function;Stichting Y\n",
        "toelichting medewerkers.csv": "Wat;Waarom\nx;y\n",
    })
    ds = read_dataset(data)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert ds.frame("employees")["employee_id"].tolist() == ["E1"]
    assert ds.frame("organizations")["kvk_number"].tolist() == ["12345678"]
    assert ds.frame("allocations")["decision_id"].tolist() == ["A1"]
    assert ds.frame("declarations")["declaration_id"].tolist() == ["M1"]
    notes = {p.file: p for p in ds.problems if p.level == "warning"}
    said = notes["AFAS_medewerkers_export.csv"]
    assert said.table == "employees" and "'medewerkers'" in said.message
    assert "read as table organizations" in notes["Exact crediteurenlijst.xlsx"].message
    assert "read as table allocations" in notes["Export toewijzing 2024.csv"].message
    assert "read as table declarations" in notes["Export medewerkers nevenfuncties.csv"].message
    assert "fits no table" in notes["toelichting medewerkers.csv"].message
    for name in ("AFAS_medewerkers_export.csv", "toelichting medewerkers.csv"):
        line = problem_line(notes[name], "nl")
        assert "read as" not in line and "fits no" not in line, line
    assert "gelezen als tabel employees" in problem_line(notes["AFAS_medewerkers_export.csv"], "nl")
    result = CliRunner().invoke(main, ["validate", str(data)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["validate", str(data), "--strict"]).exit_code == 2


def test_dutch_table_folders_text_exports_and_what_is_not_read(tmp_path: Path) -> None:
    """A ``Contracten/`` folder is the contracts table as ``contracts/`` is; a tab-separated
    ``.tsv`` and Excel's UTF-16 "Unicode text" ``.txt`` named after a table are read; a
    folder named after no table, a .zip archive and a ``.txt`` note named like a table
    are each reported as not read (a warning), never passed over or refusing the scan."""
    relatives = "relative_id\temployee_id\trelation\tname\nR1\tE1\tchild\tKees de Vries\n"
    gifts = "gift_id\temployee_id\torg_id\tdate\tkind\tvalue_eur\nG1\tE1\tO1\t2024-02-01\tgift\t40\n"
    data = folder(tmp_path, {
        "contracts.csv": None,
        "Contracten/inkoop 2023.csv": "decision_id;org_id;decision_date;handled_by\n"
                                      "D1;O1;2023-03-01;E1\n",
        "Contracten/2024.csv": "decision_id;org_id;decision_date;handled_by\n"
                               "D2;O1;2024-03-01;E2\n",
        "familieleden.tsv": relatives,
        "geschenken.txt": gifts.encode("utf-16"),
        "contracten toelichting.txt": "Toelichting bij de export\nGemaakt op 1 maart\n",
        "archief/contracts_2019.csv": "decision_id;org_id;decision_date;handled_by\n"
                                      "D0;O1;2019-03-01;E1\n",
        "archief/leesmij.md": "oude exports",
        "oud.zip": b"PK\x03\x04 (an archive)",
    })
    ds = read_dataset(data)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D1", "D2"]
    assert ds.frame("relatives")["name"].tolist() == ["Kees de Vries"]
    assert ds.frame("gifts")["gift_id"].tolist() == ["G1"]
    notes = {p.file: p.message for p in ds.problems if p.level == "warning"}
    assert "contracts_2019.csv" in notes["archief/"] and "fits no table" in notes["archief/"]
    assert "leesmij.md" not in notes["archief/"]
    assert ".zip archive" in notes["oud.zip"]
    assert "no header of that table" in notes["contracten toelichting.txt"]
    for p in ds.problems:  # said in Dutch too
        assert problem_line(p, "nl").endswith("(waarschuwing)") and "not read" not in \
            problem_line(p, "nl") and "fits no" not in problem_line(p, "nl"), problem_line(p, "nl")


def test_a_table_folder_with_a_subfolder_per_year_reads_them_all(tmp_path: Path) -> None:
    """``contracten/2023/export.csv`` and ``contracten/2024/export.xlsx``: exports kept per
    year below the table's folder are the table's files (they were passed over without a
    word); each is cited by its path."""
    data = folder(tmp_path, {
        "contracts.csv": None,
        "contracten/2023/export.csv": "decision_id;org_id;decision_date;handled_by\n"
                                      "D1;O1;2023-03-01;E1\n",
        "contracten/2024/q1/export.csv": "decision_id;org_id;decision_date;handled_by\n"
                                         "D2;O1;2024-03-01;E2\nD1;O1;2024-03-02;E2\n",
        "contracten/2024/~$export.xlsx": b"an Excel lock file",
    })
    ds = read_dataset(data)
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D1", "D2"]
    assert [s.file for s in ds.tables["contracts"].sources] == [
        "contracten/2023/export.csv", "contracten/2024/q1/export.csv"]
    [error] = errors(ds)  # D1 twice, with other values: the later file's row names the first
    assert error.file == "contracten/2024/q1/export.csv" and error.line == 3
    assert "contracten/2023/export.csv line 2" in error.message
    # what differs, to choose the right row: the date and the handler, not org_id
    assert "with other values in decision_date, handled_by;" in error.message, error.message


def test_totals_and_footer_lines_below_the_data_are_not_rows(tmp_path: Path) -> None:
    """An ERP export that ends in a totals line and a count line scans: both are named in
    a warning and are no rows; the same words on a data row, a footer-like line in the
    middle, or a last row without its id and without such a word stay row problems."""
    head = "decision_id;org_id;amount_eur;decision_date;handled_by;description\n"
    rows = ("D1;O1;1.000,00;01-03-2024;E1;hout\n"
            "D2;O1;2.500,50;02-03-2024;E2;Totaal renovatie\n")
    contracts = head + rows + ";;3.500,50;;;\n;Totaal;3.500,50;;;\nAantal regels: 2;;;;;\n"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["decision_id", "org_id", "amount_eur", "decision_date", "handled_by"])
    ws.append(["D3", "O1", 100, "2024-03-03", "E1"])
    ws.append(["Totaal", None, "=SUM(C2:C2)", None, None])
    ws.append([None, None, None, None, None])
    ws.append(["Gegenereerd op 4 maart 2024 door Exact Globe", None, None, None, None])
    data = folder(tmp_path / "a", {"contracts.csv": None, "contracts_2024.csv": contracts})
    wb.save(data / "contracts_2023.xlsx")
    ds = read_dataset(data)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D1", "D2", "D3"]
    notes = {p.file: p.message for p in ds.problems if "footer" in p.message}
    assert notes["contracts_2024.csv"].startswith("lines 4-6 are below the data")
    assert "Aantal regels: 2" in notes["contracts_2024.csv"]
    assert notes["contracts_2023.xlsx"].startswith("lines 3-5 are below the data")
    assert ds.tables["contracts"].rows_read == 3
    result = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q"])
    assert result.exit_code == 0, result.output

    middle = head + ";Totaal;3.500,50;;;\n" + rows
    last_without_id = head + rows + ";O1;10,00;03-03-2024;E1;glas\n"
    six = head + rows + ";Totaal;1;;;\n" * 6
    for name, text, line in (("middle", middle, 2), ("last", last_without_id, 4),
                             ("six", six, 4)):
        bad = read_dataset(folder(tmp_path / name, {"contracts.csv": text}))
        assert any(p.line == line and p.column == "decision_id" for p in errors(bad)), name


@pytest.mark.parametrize("word", ["Total", "Eindtotaal", "Som", "TOTAAL:"])
def test_a_totals_line_with_another_word_is_a_footer(tmp_path: Path, word: str) -> None:
    """``Total`` (an English ERP), ``Eindtotaal``, ``Som``: a totals line's word, as
    ``Totaal`` is."""
    head = "decision_id;org_id;amount_eur;decision_date;handled_by\n"
    contracts = head + "D1;O1;1.000,00;01-03-2024;E1\nD2;O1;2.500,50;02-03-2024;E2\n"
    ds = read_dataset(folder(tmp_path, {"contracts.csv": contracts + f"{word};;3.500,50;;\n"}))
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D1", "D2"]
    [note] = [p for p in ds.problems if "footer" in p.message]
    assert note.message.startswith("line 4 is below the data")


def test_a_totals_line_without_a_word_is_told_by_its_sum(tmp_path: Path) -> None:
    """An export's last line with no id and only the sum of the amounts above
    (``;;3.500,50;;``, also after a blank line, also an .xlsx number) is a totals line: a
    warning names it, it is no row and no decision.  A last line without an id whose
    amount is not that sum, that holds other text or a required value (a handler's number),
    stays the row error it was: its id may have been forgotten."""
    head = "decision_id;org_id;amount_eur;decision_date;handled_by;description\n"
    rows = "D1;O1;1.000,00;01-03-2024;E1;hout\nD2;O1;2.500,50;02-03-2024;E2;glas\n"
    ds = read_dataset(folder(tmp_path / "a", {"contracts.csv": head + rows
                                              + ";;;;;\n;;3.500,50;;;\n"}))
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D1", "D2"]
    assert ds.tables["contracts"].rows_read == 2
    [note] = [p for p in ds.problems if "totals line" in p.message]
    assert (note.file, note.level, note.action) == ("contracts.csv", "warning", "none")
    assert note.message == (
        "line 5 is below the data and holds none of decision_id, org_id, decision_date, "
        "handled_by but the sum of the amount_eur values above ('3.500,50'): read as a "
        "totals line, not as data")
    assert problem_line(note, "nl") == (
        "contracts.csv: regel 5 staat onder de gegevens en bevat geen van decision_id, "
        "org_id, decision_date, handled_by, wel de som van de waarden van amount_eur erboven "
        "('3.500,50'): gelezen als totaalregel, niet als gegevens (waarschuwing)")
    result = CliRunner().invoke(main, ["scan", str(tmp_path / "a"), "--out",
                                       str(tmp_path / "run"), "-q"])
    assert result.exit_code == 0, result.output

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ordernummer", "Leverancier", "Bedrag", "Datum", "Behandelaar"])
    ws.append(["D3", "O1", 100.25, "2024-03-03", "E1"])
    ws.append(["D4", "O1", 200, "2024-03-04", "E1"])
    ws.append([None, None, None, None, None])
    ws.append([None, None, 300.25, None, None])
    data = folder(tmp_path / "x", {"contracts.csv": None})
    wb.save(data / "contracts.xlsx")
    ds = read_dataset(data)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    assert sorted(ds.frame("contracts")["decision_id"]) == ["D3", "D4"]

    for name, last in (("other sum", ";;3.500,00;;;\n"), ("text", ";;3.500,50;;;hout\n"),
                       ("a handler", ";;3.500,50;;1234;\n")):
        bad = read_dataset(folder(tmp_path / name, {"contracts.csv": head + rows + last}))
        assert any(p.line == 4 and p.column == "decision_id" for p in errors(bad)), name


def test_tables_without_a_file_are_named_in_the_summary_and_run_json(tmp_path: Path) -> None:
    """A folder with only employees, organizations and contracts scans, and says which
    tables were not supplied: no relatives file is not the same as no relatives' interests."""
    data = folder(tmp_path / "data")
    runner = CliRunner()
    res = runner.invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "--lang", "en"])
    assert res.exit_code == 0, res.output
    line = next(ln for ln in res.output.splitlines() if ln.startswith("Not supplied"))
    missing = ["relatives", "declarations", "officers", "allocations", "mandates", "gifts"]
    assert line.endswith(": " + ", ".join(missing))
    run = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert run["tables_not_supplied"] == missing
    checked = runner.invoke(main, ["validate", str(data), "--lang", "en"])
    assert "Not supplied" in checked.output
    rep = runner.invoke(main, ["report", str(tmp_path / "run"), "--audience", "audit",
                               "--lang", "en", "--out", str(tmp_path / "rep")])
    assert rep.exit_code == 0, rep.output
    for page in (tmp_path / "rep").glob("*audit*"):
        assert "Not supplied" in page.read_text(encoding="utf-8"), page
        assert ", ".join(missing) in page.read_text(encoding="utf-8"), page
    for name in missing:  # every table there: no such line
        (data / f"{name}.csv").write_text(",".join(TABLES[name].column_names) + "\n")
    assert "Not supplied" not in runner.invoke(main, ["validate", str(data)]).output


def test_an_id_written_differently_is_read_as_the_one_it_equals(tmp_path: Path) -> None:
    """ERP writes the handler as 'e0024', Excel dropped the zeros of '00731', someone typed
    'E 0024': each is read as the one employee id it equals, with a warning; an id that
    equals two ids (E24 and E0024 both exist) stays an error, so no decision is tied to the
    wrong person."""
    data = folder(tmp_path, {
        "employees.csv": "employee_id;name\nE0024;Jan de Vries\n00731;Petra Bakker\n"
                         "E25;Kees Smit\nE0025;Anna Smit\n",
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\n"
                         "D1;O1;2024-03-01;e0024\nD2;o1;2024-03-01;731\n"
                         "D3;O1;2024-03-01;E 0024\nD4;O1;2024-03-01;e025\n"})
    ds = read_dataset(data)
    frame = ds.frame("contracts")
    assert frame["decision_id"].tolist() == ["D1", "D2", "D3"]
    assert frame["handled_by"].tolist() == ["E0024", "00731", "E0024"]
    assert frame["org_id"].tolist() == ["O1", "O1", "O1"]
    # one warning per column that counts the values read so (not one per row)
    warned = sorted((p.line, p.column, p.message.split(" value(s)")[0]) for p in ds.warnings
                    if "written differently" in p.message)
    assert warned == [(None, "handled_by", "3"), (None, "org_id", "1")]
    [error] = ds.errors
    assert (error.line, error.column) == (5, "handled_by") and "not found" in error.message
    assert ds.tables["contracts"].rows_read == 4 and ds.tables["contracts"].rows_skipped == 1


def test_an_optional_column_that_is_there_under_another_header_is_not_passed_over(
        tmp_path: Path) -> None:
    """ERP writes the amount as 'Bedrag excl. BTW' (a synonym: read) or only as 'Bedrag incl.
    BTW' (not read as the amount: a mandate is excluding VAT); the second is a warning that
    names the column, not an amount silently missing; 'ignore' in mapping.yaml quiets it,
    and the draft guesses one of two such headers, not both."""
    base = "Ordernummer;Crediteur;Orderdatum;Inkoper;"
    data = folder(tmp_path / "a", {"contracts.csv": base + "Bedrag excl. BTW\n"
                                                      "D1;O1;01-03-2024;E1;1.000,00\n"})
    ds = read_dataset(data)
    # (the order list's rows are purchase orders, told on the kind column: not this test's)
    other = [p for p in ds.problems if p.column != "kind"]
    assert other == [] and ds.frame("contracts")["amount_eur"].tolist() == [1000.0]
    data = folder(tmp_path / "b", {"contracts.csv": base + "Bedrag incl. BTW;Orderbedrag incl. BTW\n"
                                                      "D1;O1;01-03-2024;E1;1.210,00;1.210,00\n"})
    [warning] = [p for p in read_dataset(data).problems if p.column != "kind"]
    assert (warning.level, warning.column) == ("warning", "amount_eur")
    assert "'Bedrag incl. BTW', 'Orderbedrag incl. BTW' looks like amount_eur" in warning.message
    drafted = CliRunner().invoke(main, ["mapping", str(data), "--lang", "en"])
    assert drafted.exit_code == 0, drafted.output
    text = (data / "mapping.yaml").read_text()
    assert text.count("amount_eur?") == 1 and "looks like amount_eur, but" in text
    (data / "mapping.yaml").write_text(
        "tables:\n  contracts:\n    columns:\n      Bedrag incl. BTW: ignore\n"
        "      Orderbedrag incl. BTW: ignore\n")
    assert [p for p in read_dataset(data).problems if p.column != "kind"] == []


# ------------------------------------------------------------ several files per table


def test_contracts_split_over_csv_and_xlsx_with_title_row(tmp_path: Path) -> None:
    data = folder(tmp_path, {"contracts.csv": None,
                             "contracts_2023.csv": "decision_id,org_id,decision_date,handled_by\n"
                                                   "D1,O1,2023-03-01,E1\nD2,O1,2023-04-01,E2\n"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Contracten 2024"])
    ws.append([])
    ws.append(["Besluitnummer", "Crediteurnummer", "Besluitdatum", "Behandelaar"])
    ws.append(["D3", "O1", dt.datetime(2024, 3, 1), "E1"])
    ws.append(["D1", "O1", 45352, "E2"])  # conflicts with contracts_2023.csv line 2
    wb.save(data / "contracts_2024.xlsx")
    ds = read_dataset(data)
    [error] = errors(ds)
    assert (error.file, error.line) == ("contracts_2024.xlsx", 5)
    assert "contracts_2023.csv line 2" in error.message
    [title] = [p for p in ds.warnings if p.file == "contracts_2024.xlsx"]
    assert "header is on line 3" in title.message
    table = ds.tables["contracts"]
    assert [s.file for s in table.sources] == ["contracts_2023.csv", "contracts_2024.xlsx"]
    # a single-file table keeps its own lines; the second file's lines follow the first's
    assert table.frame["_line"].tolist()[:2] == [2, 3]
    frame = ds.frame("contracts")
    assert frame.loc[frame["decision_id"] == "D3", "decision_date"].iloc[0] == dt.datetime(2024, 3, 1)
    # each problem cites its own file's header: the .xlsx names decision_id Besluitnummer,
    # the .csv under the contract's own name (nothing to add)
    assert error.header == "Besluitnummer" and "(Besluitnummer)" in error.format()
    assert [s.headers for s in table.sources] == [{}, {
        "decision_id": "Besluitnummer", "org_id": "Crediteurnummer",
        "decision_date": "Besluitdatum", "handled_by": "Behandelaar"}]
    (data / "contracts_2023.csv").write_text("decision_id,org_id,decision_date,handled_by\n"
                                             "D1,O1,2023-03-01,E1\nD1,O1,2023-04-01,E2\n")
    [error, *_] = errors(read_dataset(data))
    assert (error.file, error.column, error.header) == ("contracts_2023.csv", "decision_id", None)
    assert "(Besluitnummer)" not in error.format(), error.format()


def test_table_folder_and_excel_serial_dates(tmp_path: Path) -> None:
    data = folder(tmp_path, {"contracts.csv": None,
                             "contracts/a.csv": "decision_id,org_id,decision_date,handled_by\n"
                                                "D1,O1,2023-03-01,E1\n"})
    wb = openpyxl.Workbook()
    wb.active.title = "Info"
    wb.active.append(["export van 1 maart"])
    ws = wb.create_sheet("Data")
    ws.append(["decision_id", "org_id", "decision_date", "handled_by"])
    ws.append(["D2", "O1", 45352, "E1"])
    ws.merge_cells("D2:D3")
    ws.append(["D3", "O1", 45353])  # handled_by in the merged cell above
    wb.save(data / "contracts" / "b.xlsx")
    ds = read_dataset(data, sheet="Data")
    assert errors(ds) == [], [p.format() for p in ds.problems]
    frame = ds.frame("contracts")
    assert frame["decision_date"].tolist()[1:] == [dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 2)]
    assert frame["handled_by"].tolist() == ["E1", "E1", "E1"]
    bad_sheet = read_dataset(data, sheet="Nope")
    assert any("no sheet 'Nope'" in p.message for p in errors(bad_sheet))


# ------------------------------------------------------------ BSN by values


@pytest.mark.parametrize("cells", [
    ["123456782", "111222333", "999999990"],
    ["BSN 123456782", "BSN 111222333", "bsn: 999999990"],
    [12345672, 111222333, 999999990],  # numeric cells, the leading zero lost
])
def test_bsn_column_refused_whatever_its_header(tmp_path: Path, cells: list) -> None:
    data = folder(tmp_path, {"employees.csv": None})
    wb = openpyxl.Workbook()
    wb.active.append(["employee_id", "name", "persoonsgegevens"])
    for i, cell in enumerate(cells):
        wb.active.append([f"E{i + 1}", f"Naam {i}", cell])
    wb.save(data / "employees.xlsx")
    ds = read_dataset(data)
    [problem] = errors(ds)
    assert problem.column == "persoonsgegevens" and "BSN" in problem.message
    assert "persoonsgegevens" not in ds.frame("employees").columns


def test_audit_report_and_explore_index_show_values_left_out(tmp_path: Path) -> None:
    employees = "employee_id,name,phone\nE1,Jan,+31869-805693\nE2,Petra,0612345678\n"
    data = folder(tmp_path / "data", {"employees.csv": employees})
    runner = CliRunner()
    env = {"COI_WORKSPACE": str(tmp_path / "ws.sqlite")}
    run = tmp_path / "run"
    assert runner.invoke(main, ["scan", str(data), "--out", str(run), "-q"], env=env).exit_code == 0
    rep = runner.invoke(main, ["report", str(run), "--audience", "audit", "--out",
                               str(tmp_path / "rep")], env=env)
    assert rep.exit_code == 0, rep.output
    md = next((tmp_path / "rep").glob("*.md")).read_text()
    assert "| employees.csv | phone | onleesbare waarde | 1 |" in md
    ex = runner.invoke(main, ["explore", str(run), "--out", str(tmp_path / "ex"), "--lang", "en"],
                       env=env)
    assert ex.exit_code == 0, ex.output
    index = (tmp_path / "ex" / "index.html").read_text()
    assert "Values left out (unusable; the row was used):" in index
    assert "employees.csv phone: 1 &times; unreadable value" in index


def test_input_format_doc_lists_every_column_and_synonym_and_readme_links_it() -> None:
    from ingest.header_mapping import (SYNONYMS, TABLE_FILE_NAMES, TABLE_SYNONYMS,
                                       WHOLE_HEADER_SYNONYMS)
    from ingest.tables import TABLES

    root = Path(__file__).resolve().parents[1]
    doc = (root / "docs" / "input-format.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "docs/input-format.md" in readme and "../shared" not in readme
    columns = {c.name for t in TABLES.values() for c in t.columns}
    for name, spec in TABLES.items():
        assert f"### {name} (" in doc
        for col in spec.columns:
            assert f"| `{col.name}` |" in doc, col.name
    for col, synonyms in SYNONYMS.items():
        if col in columns:
            for syn in synonyms:
                assert f"`{syn}`" in doc, (col, syn)
    for table, by_column in [*TABLE_SYNONYMS.items(), *WHOLE_HEADER_SYNONYMS.items()]:
        for col, synonyms in by_column.items():
            assert TABLES[table].has(col), (table, col)
            for syn in synonyms:
                assert f"`{syn}`" in doc, (table, col, syn)
    for names in TABLE_FILE_NAMES.values():
        for n in names:
            assert f"`{n}`" in doc


def test_values_left_out_are_counted_per_file_of_a_split_table(tmp_path: Path) -> None:
    data = folder(tmp_path, {
        "employees.csv": None,
        "employees_a.csv": "employee_id,name,phone\nE1,Jan,+31869-805693\n",
        "employees_b.csv": "Personeelsnummer,Naam,Telefoon\nE2,Petra,0590 559532\n"
                           "E3,Kees,0612345678\n"})
    ds = read_dataset(data)
    t = ds.tables["employees"]
    assert {s.file: s.values_left_out for s in t.sources} == {
        "employees_a.csv": {"phone": {"unreadable value": 1}},
        "employees_b.csv": {"phone": {"unreadable value": 1}}}
    assert t.dropped_by_column == {"phone": {"unreadable value": 2}}
    [warning] = [p for p in ds.warnings if p.file == "employees_b.csv"]
    assert warning.line == 2 and warning.column == "phone"


@pytest.mark.parametrize("normalizer", ["normalize_postcode", "normalize_email"])
def test_vectorised_identifier_paths_agree_with_the_normalisers(normalizer: str) -> None:
    """The columnar fast paths for postcodes and e-mail give exactly what the per-value
    normaliser gives (values, rows reported and messages), on awkward values too."""
    import random

    import pandas as pd

    import ingest.identifiers as ni
    from ingest.parse_values import _parse_each, as_text, parse_identifier

    rng = random.Random(11)
    alphabet = "aAzZ09 @._-ßé\u00a0:+'\t"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
              for _ in range(3000)]
    values += [f"{rng.randint(0, 9999):0{rng.choice([1, 4])}d}"
               f"{rng.choice(['', ' '])}{rng.choice(['ab', 'SA', 'Zz', 'ẞx', 'sd'])}"
               for _ in range(1000)]
    values += [f"{rng.choice(['a', 'A.b', 'x..y', 'mailto:q', 'é'])}@"
               f"{rng.choice(['x.nl', 'Y.COM', 'z', 'a.b.c', '-.nl', 'x.n1'])}"
               for _ in range(1000)]
    text = as_text(pd.Series(values, dtype="str"))
    normalize = getattr(ni, normalizer)
    fast, slow = parse_identifier(text, normalize), _parse_each(text, normalize)
    assert fast.values.fillna("<none>").tolist() == slow.values.fillna("<none>").tolist()
    assert list(fast.bad) == list(slow.bad) and fast.messages == slow.messages


def test_csv_title_lines_above_the_header_and_header_row_in_mapping(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    contracts = ("Contractenregister 2024\n\nExport van 01-03-2024;;\n"
                 "Contractnummer;Crediteurnummer;Besluitdatum;Behandelaar\n"
                 "D1;O1;01-03-2024;E1\nD2;O1;02-03-2024;E2\n").encode("cp1252")
    data = folder(tmp_path, {"contracts.csv": contracts})
    ds = read_dataset(data)
    assert errors(ds) == [], [p.format() for p in ds.problems]
    [title] = [p for p in ds.warnings if p.file == "contracts.csv"]
    assert "header is on line 4" in title.message and "Contractenregister" in title.message
    assert ds.frame("contracts")["_line"].tolist() == [5, 6]
    # a header the synonyms cannot find: the mapping names its row and columns
    odd = "Overzicht\nNr;Lev;Dat;Wie\nD1;O1;2024-03-01;E1\n"
    data = folder(tmp_path / "b", {"contracts.csv": odd})
    mapping = tmp_path / "my-mapping.yaml"
    mapping.write_text("tables:\n  contracts:\n    header_row: 2\n    columns:\n"
                       "      Nr: decision_id\n      Lev: org_id\n      Dat: decision_date\n"
                       "      Wie: handled_by\n")
    result = CliRunner().invoke(main, ["validate", str(data), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    assert "contracts.csv: 1 row(s) read = 1 used + 0 skipped" in result.output
