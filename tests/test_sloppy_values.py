"""Values typed sloppily, as in every other row of a real export: each is read as a person
reads it, or reported on its row (tools/sloppy_export.py damages a whole export so)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from coi_graph.cli_text import problem_line
from ingest import read_dataset
from ingest.parse_values import parse_amount
from tests.corp import make_corp, write_csv

TODAY = dt.date(2026, 11, 30)
ROOT = Path(__file__).resolve().parents[1]


def _read(tmp_path: Path, **tables):
    data = make_corp(tmp_path / "data", **tables)
    ds = read_dataset(data, today=TODAY)
    return ds


def _column(ds, table: str, column: str) -> list:
    frame = ds.tables[table].frame.sort_values("_line")
    return [None if pd.isna(v) else v for v in frame[column].tolist()]


def _problems(ds, table: str, column: str) -> list:
    return [p for p in ds.problems if p.table == table and p.column == column]


def test_a_date_with_word_s_dashes_is_the_date(tmp_path: Path) -> None:
    """Word and Outlook make the hyphens of a typed date dashes (01–03–2024); pasted into a
    register it was reported as no date, and a required date skipped the row."""
    ds = _read(tmp_path, extra_employees=[
        {"employee_id": "E4", "name": "Piet Dash", "birth_date": "01\u201302\u20131970"},
        {"employee_id": "E5", "name": "Els Dash", "birth_date": "1975\u201305\u201305"},
    ], extra_contracts=[
        {"decision_id": "D3", "kind": "contract", "org_id": "O1", "amount_eur": "10",
         "decision_date": "1\u20143\u20132024", "handled_by": "E1"},
    ])
    births = dict(zip(ds.tables["employees"].frame["employee_id"],
                      ds.tables["employees"].frame["birth_date"]))
    assert births["E4"] == pd.Timestamp("1970-02-01")
    assert births["E5"] == pd.Timestamp("1975-05-05")
    dates = dict(zip(ds.tables["contracts"].frame["decision_id"],
                     ds.tables["contracts"].frame["decision_date"]))
    assert dates["D3"] == pd.Timestamp("2024-03-01")
    assert not _problems(ds, "employees", "birth_date")
    assert not _problems(ds, "contracts", "decision_date")


@pytest.mark.parametrize(("typed", "read"), [
    ("jan @example.nl", "jan@example.nl"),       # a space before the @
    ("jan@ example .nl", "jan@example.nl"),      # spaces after the @ and before a dot
    ("jan@example.nl;", "jan@example.nl"),       # copied from a list of recipients
    ("jan@example.nl.", "jan@example.nl"),       # the full stop of a sentence
    ("'jan@example.nl'", "jan@example.nl"),      # quoted
    ('"Jan@Example.nl"', "jan@example.nl"),
    ("Jan de Vries <jan@example.nl>;", "jan@example.nl"),
    ("o'brien@example.nl", "o'brien@example.nl"),  # an apostrophe may be in the name
])
def test_an_e_mail_address_typed_by_hand_is_the_address(tmp_path: Path, typed: str,
                                                         read: str) -> None:
    ds = _read(tmp_path, extra_employees=[{"employee_id": "E4", "name": "Jan Mail",
                                           "email": typed}])
    assert _column(ds, "employees", "email")[-1] == read
    assert not _problems(ds, "employees", "email")


@pytest.mark.parametrize("typed", ["jan@example.nl'", "jan de vries@example.nl",
                                   "jan@example,nl"])
def test_an_address_that_is_no_address_is_reported(tmp_path: Path, typed: str) -> None:
    """``jan@example.nl'`` (a quote left at the end) was accepted as an address with the
    quote in its domain, so it linked to nothing: silently lost."""
    ds = _read(tmp_path, extra_employees=[{"employee_id": "E4", "name": "Jan Mail",
                                           "email": typed}])
    assert _column(ds, "employees", "email")[-1] is None
    [problem] = _problems(ds, "employees", "email")
    assert problem.level == "warning" and problem.action == "drop_value"
    assert problem.line == 5 and "name@example.nl" in problem.message


GIFT = {"gift_id": "G1", "employee_id": "E1", "org_id": "O1", "date": "01-03-2024",
        "kind": "gift", "value_eur": "20"}


def test_yes_or_no_with_a_remark_is_the_answer_with_a_warning(tmp_path: Path) -> None:
    """A gift register kept by hand writes ``Ja, ingeleverd bij secretariaat`` or ``Nee
    (zelf gehouden)``: the answer was left out as unreadable, so a gift kept was not known
    to be kept."""
    typed = ["Ja, ingeleverd bij secretariaat", "Nee (zelf gehouden)", "ja.", "NEE.", "neen",
             "1.0", "0.0", "Ja/Nee", "nee, ja", "niet van toepassing"]
    gifts = [dict(GIFT, gift_id=f"G{i}", handed_in=v) for i, v in enumerate(typed)]
    ds = _read(tmp_path, gifts=gifts)
    assert _column(ds, "gifts", "handed_in") == [True, False, True, False, False, True, False,
                                                 None, None, None]
    by_line = {p.line: p for p in _problems(ds, "gifts", "handed_in") if p.line}
    assert by_line[2].level == "warning" and by_line[2].action == "none"
    assert by_line[2].message == ("'Ja, ingeleverd bij secretariaat' is read as yes (ja): "
                                  "the remark after it is not read")
    assert "is read as no (nee)" in by_line[3].message
    assert set(by_line) == {2, 3, 9, 10}  # no word for ja., NEE., neen, 1.0, 0.0
    assert "is not yes or no" in by_line[9].message  # Ja/Nee: which?
    assert "is not yes or no" in by_line[10].message  # nee, ja
    nl = problem_line(by_line[3], "nl")
    assert "wordt gelezen als nee (nee): de opmerking erna wordt niet gelezen" in nl
    assert " is read " not in nl


def test_an_id_quoted_twice_is_the_id(tmp_path: Path) -> None:
    """``"E2"``: a value quoted on its way through two systems.  The handler was not
    found and the row skipped."""
    ds = _read(tmp_path, extra_contracts=[
        {"decision_id": "D3", "kind": "contract", "org_id": '"O1"', "amount_eur": "10",
         "decision_date": "01-03-2024", "handled_by": '"E3"', "approved_by": '"E2"'},
    ])
    frame = ds.tables["contracts"].frame.set_index("decision_id")
    assert frame.loc["D3", ["org_id", "handled_by", "approved_by"]].tolist() == ["O1", "E3",
                                                                                 "E2"]
    # one warning per column, counting its values read so, with D3's (line 4) as example
    said = [p for p in ds.problems if p.table == "contracts" and "written differently" in p.message]
    assert {p.column for p in said} == {"org_id", "handled_by", "approved_by"}
    assert all(p.level == "warning" and p.line is None and "(line 4)" in p.message
               and p.message.startswith("1 value(s)") for p in said)


def test_an_officer_role_typed_loosely_is_the_role(tmp_path: Path) -> None:
    """The KvK's roles are kept as written when unknown (an open list), so ``Bestuurder.``
    was a role of its own, ``bestuurder.``."""
    officers = [{"org_id": "O1", "name": n, "role": r} for n, r in (
        ("Jan Jansen", "Bestuurder."), ("Piet Pieters", "Commissaris;"),
        ("Kees Kees", "Lid RvC"), ("Els Els", "Commsisaris"), ("Ad Ad", "aandelehouder"),
        ("Bo Bo", "Bestuurder (zelfstandig bevoegd)"))]
    ds = _read(tmp_path, officers=officers)
    # a typo (two letters swapped, one left out) is the role, with a warning; a role the
    # list does not know is kept as the KvK writes it; a known one with a remark is the
    # role, its remark kept beside it (one warning on the column)
    assert _column(ds, "officers", "role") == ["bestuurder", "commissaris", "lid rvc",
                                               "commissaris", "aandeelhouder", "bestuurder"]
    assert _column(ds, "officers", "role_remark") == [None] * 5 + ["zelfstandig bevoegd"]
    said = {p.line: p for p in _problems(ds, "officers", "role")}
    assert set(said) == {5, 6, None}
    assert said[5].message.startswith("'Commsisaris' is read as commissaris")
    assert "is read as bestuurder with remark 'zelfstandig bevoegd'" in said[None].message


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_officer_role_with_a_remark_is_the_role_and_the_remark_is_kept(
        tmp_path: Path, lang: str) -> None:
    """``Bestuurder (gevolmachtigde)`` and ``Directeur - vanaf 2020`` name a known role with
    a remark: the role column holds the role, ``role_remark`` the remark as written, the
    path shows both; a role the list does not know (``Procuratiehouder B``) and one with
    nothing after its separator stay as they were."""
    officers = [{"org_id": "O1", "name": n, "role": r, "birth_date": b} for n, r, b in (
        ("Anna Bakker", "Bestuurder (gevolmachtigde)", "05-05-1975"),
        ("Kees Smit", "Directeur - vanaf 2020", "1980-08-08"),
        ("Piet Pieters", "Procuratiehouder B", ""),
        ("Els Els", "Commissaris, voorzitter RvC", ""),
        ("Ad Ad", "Bestuurder.", ""))]
    ds = _read(tmp_path, officers=officers)
    assert _column(ds, "officers", "role") == ["bestuurder", "bestuurder",
                                               "procuratiehouder b", "commissaris",
                                               "bestuurder"]
    assert _column(ds, "officers", "role_remark") == ["gevolmachtigde", "vanaf 2020", None,
                                                      "voorzitter RvC", None]
    assert "role_remark" not in ds.tables["officers"].columns_not_used
    [said] = [p for p in _problems(ds, "officers", "role") if p.line is None]
    assert said.level == "warning" and said.action == "none"
    if lang == "en":
        assert said.message == (
            "3 role(s) written with a remark are read as the role, the remark kept beside it "
            "(the first, line 2: 'Bestuurder (gevolmachtigde)' is read as bestuurder with "
            "remark 'gevolmachtigde'); write the role alone in the role column if that is "
            "not meant")
    else:
        assert problem_line(said, "nl").endswith(
            "role: 3 functie(s) met een opmerking erachter worden gelezen als de functie, met "
            "de opmerking ernaast bewaard (de eerste, regel 2: 'Bestuurder (gevolmachtigde)' "
            "wordt gelezen als bestuurder met opmerking 'gevolmachtigde'); schrijf alleen de "
            "functie in de kolom role als dat niet bedoeld is (waarschuwing)")
    # the finding's path shows the role with its remark, as the extract wrote it
    from coi_graph.scan import scan
    result = scan(tmp_path / "data", tmp_path / "run")
    paths = {f.subject_id: f.path.text for f in result.findings if f.rule == "self_interest"}
    assert "-[bestuurder (gevolmachtigde), KvK]-" in paths["E2"]


def _tool():
    spec = importlib.util.spec_from_file_location("sloppy_export",
                                                  ROOT / "tools" / "sloppy_export.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sloppy_export"] = module
    spec.loader.exec_module(module)
    return module


def test_the_damage_tool_finds_every_damaged_value_read_or_reported(tmp_path: Path) -> None:
    """tools/sloppy_export.py on a small export: every other row damaged, each value read
    as the clean one or reported, and every file's rows add up."""
    tool = _tool()
    clean = make_corp(tmp_path / "clean", extra_employees=[
        {"employee_id": f"E{i}", "name": f"Mede Werker{i}", "birth_date": "03-04-1980",
         "postcode": "1234 AB", "iban": "NL91 ABNA 0417 1643 00", "email": f"m{i}@corp.nl",
         "phone": "06-12345678", "employed_from": "2010-01-01"} for i in range(4, 16)],
        extra_contracts=[
        {"decision_id": f"D{i}", "kind": "invoice", "org_id": "O1", "amount_eur": "1.234,56",
         "decision_date": "01-03-2024", "handled_by": "E1", "approved_by": "E2"}
        for i in range(3, 15)])
    damages = tool.damage_folder(clean, tmp_path / "sloppy")
    kinds = {d.kind for d in damages}
    assert {"date", "amount", "id", "enum", "postcode", "iban", "email", "phone"} <= kinds
    assert {"same", "dropped"} <= {d.expect for d in damages}
    assert tool.check(clean, tmp_path / "sloppy", damages) == []


def test_an_iban_with_a_remark_in_brackets_is_the_iban(tmp_path: Path) -> None:
    """``NL91 ABNA 0417 1643 00 (privé)``, as a phone number with a remark is read: the
    IBAN was left out as no IBAN."""
    ds = _read(tmp_path, extra_employees=[
        {"employee_id": "E4", "name": "Jan Bank", "iban": "NL91 ABNA 0417 1643 00 (privé)"},
        {"employee_id": "E5", "name": "Els Bank", "iban": "NL91ABNA0417164300 (2)"}])
    assert _column(ds, "employees", "iban")[-2:] == ["NL91ABNA0417164300", None]
    [problem] = _problems(ds, "employees", "iban")
    assert problem.line == 6  # a digit in the brackets: not a remark to leave out


def test_a_postcode_with_the_place_after_it_is_the_postcode(tmp_path: Path) -> None:
    """One column of the export holds postcode and place (``1234 AB Utrecht``): the whole
    value was left out as no postcode, and with it the address for matching."""
    typed = ["1234 AB Utrecht", "2345cd  's-Hertogenbosch", "3456 EF, Den Haag",
             "4567 GH 12", "5678 SA Utrecht", "Utrecht 6789 IJ"]
    ds = _read(tmp_path, extra_employees=[
        {"employee_id": f"E{i}", "name": f"Jan Post{i}", "postcode": v}
        for i, v in enumerate(typed, start=4)])
    assert _column(ds, "employees", "postcode")[3:] == ["1234AB", "2345CD", "3456EF", None,
                                                        None, None]
    said = _problems(ds, "employees", "postcode")
    [once] = [p for p in said if p.line is None]
    assert once.level == "warning" and once.message.startswith(
        "3 postcode(s) have a place after them (such as '1234 AB Utrecht')")
    assert "not read as the city" in once.message
    assert sorted(p.line for p in said if p.line) == [8, 9, 10]
    nl = problem_line(once, "nl")
    assert "hebben een plaatsnaam erachter" in nl and "postcode is read" not in nl


def test_a_stray_quote_that_refuses_a_file_is_said_in_dutch() -> None:
    """The message of a quote that would swallow lines had no Dutch: a Dutch run showed it
    in English."""
    from coi_graph.cli_text import translate

    msg = ("employees.csv: cannot be read: a value starting with a double quote on line 6 is "
           "only closed on line 8 by a quote followed by 'derhoud' (an inch mark?), so lines "
           "6-8 would be read as one value and their rows lost{more}; remove the stray quote "
           "at the start of the value, or write a quote inside a quoted value as \"\"")
    for more in ("", " (and 2 more such place(s))"):
        nl = translate(msg.format(more=more), "nl")
        assert "pas op regel 8 gesloten" in nl and "verwijder het losse aanhalingsteken" in nl
        assert "closed" not in nl and "remove" not in nl
        assert ("nog 2 zulke plaats(en)" in nl) == bool(more)


def test_a_thousands_comma_in_a_column_written_the_english_way(tmp_path: Path) -> None:
    """A mandate register kept in an English-language Excel writes ``1,500,000.00`` and,
    typed without cents, ``25,000``: that was read as 25 euros (a lone comma is a decimal
    comma, as the Dutch write it), so every purchase above EUR 25 exceeded the mandate.
    In a column of Dutch amounts ``25,000`` stays 25 (the documented decision)."""
    mandates = [{"employee_id": "E1", "limit_eur": "1,500,000.00"},
                {"employee_id": "E2", "limit_eur": "25,000", "kind": "invoice"},
                {"employee_id": "E3", "limit_eur": "€ 2,500"}]
    ds = _read(tmp_path, mandates=mandates)
    assert _column(ds, "mandates", "limit_eur") == [1500000.0, 25000.0, 2500.0]
    dutch = [dict(m, limit_eur=v) for m, v in zip(mandates, ("1.500.000,00", "25,000",
                                                              "2.500,50"))]
    ds = _read(tmp_path / "nl", mandates=dutch)
    assert _column(ds, "mandates", "limit_eur") == [1500000.0, 25.0, 2500.5]
    # both ways in one column: which is meant cannot be told; the lone comma stays Dutch
    mixed = [dict(m, limit_eur=v) for m, v in zip(mandates, ("1,500,000.00", "25,000",
                                                              "12,50"))]
    ds = _read(tmp_path / "mixed", mandates=mixed)
    assert _column(ds, "mandates", "limit_eur") == [1500000.0, 25.0, 12.5]


def test_a_stray_quote_left_open_after_an_inch_mark_refuses_the_file(tmp_path: Path) -> None:
    """An inch mark inside a value (``24" breed``) and a stray quote opening a later value
    (``"Onderhoud dak``) make an even number of quotes: the check for a value never closed
    counted them and passed, and the reader took every line after the stray quote as that
    value: two decisions lost, and the file's rows still added up (4 read = 4 used)."""
    data = make_corp(tmp_path / "data")
    lines = ["decision_id;kind;org_id;amount_eur;decision_date;handled_by;approved_by;"
             "description",
             "D1;contract;O1;1.000,00;01-03-2024;E1;E2;Gewoon",
             'D3;contract;O1;1.000,00;01-03-2024;E1;E2;"Schilderwerk" fase 2',
             'D4;contract;O1;1.000,00;01-03-2024;E1;E2;Monitor 24" breed',
             'D5;contract;O1;1.000,00;01-03-2024;E1;E2;"Onderhoud dak',
             "D6;contract;O1;1.000,00;01-03-2024;E1;E2;Gewoon",
             "D7;contract;O1;1.000,00;01-03-2024;E1;E2;Gewoon"]
    (data / "contracts.csv").write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    ds = read_dataset(data, today=TODAY)
    [problem] = [p for p in ds.problems if p.table == "contracts"]
    assert problem.action == "refuse_file" and problem.line is None
    assert "double quote on line 5 is never closed" in problem.message
    assert "rest of the file would be read as one value" in problem.message
    # the same lines without the stray quote are read whole
    lines[4] = lines[4].replace('"Onderhoud', "Onderhoud")
    (data / "contracts.csv").write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    ds = read_dataset(data, today=TODAY)
    assert _column(ds, "contracts", "decision_id") == ["D1", "D3", "D4", "D5", "D6", "D7"]
    assert _column(ds, "contracts", "description")[1:3] == ["Schilderwerk fase 2",
                                                           'Monitor 24" breed']


def test_a_position_on_the_list_written_as_people_and_programs_do(tmp_path: Path) -> None:
    """``3.0`` (a number column with empty cells written to CSV), ``1e``/``2de``/``3.``
    (Dutch ordinals) and ``#4`` were left out as no position."""
    typed = ["3.0", "1e", "2de", "1ste", "3.", "#4", "nr. 5", "1.000", "eerste", "0e", "2.5"]
    allocations = [{"decision_id": f"A{i}", "kind": "rental", "decision_date": "01-03-2024",
                    "handled_by": "E1", "applicant_name": f"Piet Huurder{i}", "rank": v}
                   for i, v in enumerate(typed)]
    ds = _read(tmp_path, allocations=allocations)
    assert _column(ds, "allocations", "rank") == [3, 1, 2, 1, 3, 4, 5, None, None, None, None]
    assert sorted(p.line for p in _problems(ds, "allocations", "rank")) == [9, 10, 11, 12]
    nl = problem_line(min(_problems(ds, "allocations", "rank"), key=lambda p: p.line), "nl")
    assert nl.endswith("rank: '1.000' is geen plaats op de lijst; schrijf een geheel getal "
                       "vanaf 1 (1 = eerste op de kandidatenlijst) (waarschuwing)")


def test_a_row_without_its_organization_is_said_in_dutch(tmp_path: Path) -> None:
    """An officer's KvK number typed as the VAT number leaves the row without an
    organization: the error that says so stood in English in a Dutch run (its columns'
    meanings had no Dutch in that form), for officers, declarations and gifts alike."""
    ds = _read(tmp_path, officers=[{"org_id": "", "kvk_number": "NL123456789B01",
                                    "name": "Jan Jansen", "role": "bestuurder"}],
               declarations=[{"declaration_id": "DE1", "employee_id": "E1", "org_id": "",
                              "kind": "nevenfunctie"}],
               gifts=[dict(GIFT, org_id="")])
    said = {p.table: p for p in ds.problems if p.message.startswith("no organization given")}
    assert set(said) == {"officers", "declarations", "gifts"}
    assert all(p.level == "error" and p.action == "skip_row" for p in said.values())
    assert problem_line(said["officers"], "nl").endswith(
        "org_id: geen organisatie opgegeven: vul org_id (het id van de organisatie) of "
        "kvk_number (het KvK-nummer) in")
    assert problem_line(said["declarations"], "nl").endswith(
        "vul org_id (het id van de organisatie), org_name (de naam van de organisatie) of "
        "kvk_number (het KvK-nummer) in")
    assert "(de naam van de gever) in" in problem_line(said["gifts"], "nl")


def test_a_relation_of_several_words_with_a_full_stop_is_that_relation(tmp_path: Path
                                                                       ) -> None:
    """``Parent_in_law.`` was read as ``parent`` (a known word, then a remark starting
    with ``in``): a parent-in-law counted as a parent."""
    relatives = [{"relative_id": f"R{i}", "employee_id": "E1", "relation": v,
                  "name": f"Familie Lid{i}"}
                 for i, v in enumerate(["Parent_in_law.", "Sibling in law;", "Schoonmoeder.",
                                        "child_in_law"])]
    ds = _read(tmp_path, relatives=relatives)
    assert _column(ds, "relatives", "relation") == ["parent_in_law", "sibling_in_law",
                                                    "parent_in_law", "child_in_law"]


def test_an_employee_id_with_the_employee_s_name_is_that_employee(tmp_path: Path) -> None:
    """An ERP's grid shows its user as id and name (``E2 - Anna Bakker``, ``E3 (K.
    Smit)``); exported so, the handler was unknown and the decision skipped, though the
    supplier written so (``O1 - Bouwbedrijf Noord``) was read."""
    ds = _read(tmp_path, extra_contracts=[
        {"decision_id": f"D{i}", "kind": "contract", "org_id": "O1", "amount_eur": "10",
         "decision_date": "01-03-2024", "handled_by": h, "approved_by": a}
        for i, (h, a) in enumerate([("E3 - Kees Smit", "E2: A. Bakker"),
                                    ("E3 (K. Smit)", "e2 | Bakker, Anna"),
                                    ("E3 - Anna Bakker", "")], start=3)])
    frame = ds.tables["contracts"].frame.set_index("decision_id")
    assert frame.loc["D3", ["handled_by", "approved_by"]].tolist() == ["E3", "E2"]
    assert frame.loc["D4", ["handled_by", "approved_by"]].tolist() == ["E3", "E2"]
    assert "D5" not in frame.index  # another employee's name beside the id: which is meant?
    [error] = [p for p in ds.problems if p.table == "contracts" and p.line == 6]
    assert error.level == "error" and "'E3 - Anna Bakker' is not found" in error.message
    told = [p for p in ds.problems if p.table == "contracts" and p.line is None
            and "id and name" in p.message]
    assert sorted(p.column for p in told) == ["approved_by", "handled_by"]
    assert told[0].message.startswith("2 value(s) are the id and name of one employee")
    assert "zijn het id en de naam van één medewerker" in problem_line(told[0], "nl")


def test_an_amount_typed_in_word_with_its_dashes(tmp_path: Path) -> None:
    """Word makes `€ 50,-` the Dutch typographic `€ 50,–` (an en dash) and a minus a minus
    sign: a gift register or mandate list kept in Word had every such amount left out (a
    mandate's limit is required: the mandate was lost)."""
    mandates = [{"employee_id": "E1", "limit_eur": "€ 50.000,–"},
                {"employee_id": "E2", "limit_eur": "€ 25.000,\u2014", "kind": "invoice"}]
    gifts = [dict(GIFT, gift_id=f"G{i}", value_eur=v)
             for i, v in enumerate(["€ 50,–", "\u201312,50", "€ \u2013"])]
    ds = _read(tmp_path, mandates=mandates, gifts=gifts)
    assert _column(ds, "mandates", "limit_eur") == [50000.0, 25000.0]
    assert _column(ds, "gifts", "value_eur") == [50.0, -12.5, 0.0]
    assert not _problems(ds, "mandates", "limit_eur")
    assert not _problems(ds, "gifts", "value_eur")
    # the minus sign (U+2212), which Windows-1252 lacks: in a UTF-8 file or a workbook
    assert parse_amount(pd.Series(["\u221212,50", "1.234,56\u2212"], dtype="str")
                        ).values.tolist() == [-12.5, -1234.56]


def test_a_separator_typed_after_an_id_or_a_postcode(tmp_path: Path) -> None:
    """``E3,`` and ``1234 AB.``: a comma or full stop typed after the value (the rest of a
    list, the end of an address line). The handler was unknown (the row skipped) and the
    postcode left out."""
    ds = _read(tmp_path, extra_contracts=[
        {"decision_id": "D3", "kind": "contract", "org_id": "O1;", "amount_eur": "10",
         "decision_date": "01-03-2024", "handled_by": "E3,", "approved_by": "E2"}],
        extra_employees=[{"employee_id": "E4", "name": "Jan Punt", "postcode": "1234 AB."},
                         {"employee_id": "E5", "name": "Els Punt", "postcode": "1234.AB"}])
    frame = ds.tables["contracts"].frame.set_index("decision_id")
    assert frame.loc["D3", ["org_id", "handled_by"]].tolist() == ["O1", "E3"]
    assert _column(ds, "employees", "postcode")[-2:] == ["1234AB", None]
    assert [p.line for p in _problems(ds, "employees", "postcode")] == [6]


def test_a_tick_is_yes_and_a_cross_is_reported(tmp_path: Path) -> None:
    """A gift register kept in Word marks "handed in" with a tick; a cross is yes in a box
    and no beside a tick, so it is reported, not guessed."""
    typed = ["\u2713", "\u2714", "\u2611", "\u221a", "\u2717"]
    gifts = [dict(GIFT, gift_id=f"G{i}", handed_in=v) for i, v in enumerate(typed)]
    data = make_corp(tmp_path / "data", gifts=None)
    write_csv(data / "gifts.csv", gifts, encoding="utf-8")  # Windows-1252 has no tick
    ds = read_dataset(data, today=TODAY)
    assert _column(ds, "gifts", "handed_in") == [True, True, True, True, None]
    assert [p.line for p in _problems(ds, "gifts", "handed_in") if p.line] == [6]


def test_a_little_niece_or_nephew_is_further_family(tmp_path: Path) -> None:
    """``nichtje`` and ``neefje`` (the diminutives HR registers write) were unknown
    relations, and the relative's row was refused."""
    relatives = [{"relative_id": f"R{i}", "employee_id": "E1", "relation": v,
                  "name": f"Familie Lid{i}"} for i, v in enumerate(["Nichtje", "neefje"])]
    ds = _read(tmp_path, relatives=relatives)
    assert _column(ds, "relatives", "relation") == ["other", "other"]
    assert not _problems(ds, "relatives", "relation")


def test_a_house_number_with_the_word_number_before_it_is_the_number(tmp_path: Path) -> None:
    """``nr. 12`` was "does not start with a number": the relative's address was left out
    of matching."""
    relatives = [{"relative_id": f"R{i}", "employee_id": "E1", "relation": "child",
                  "name": f"Familie Lid{i}", "house_number": v}
                 for i, v in enumerate(["nr. 12", "Huisnr 7b", "no.3", "nr", "Nr. twaalf"])]
    ds = _read(tmp_path, relatives=relatives)
    assert _column(ds, "relatives", "house_number") == ["12", "7", "3", None, None]
    assert _column(ds, "relatives", "house_number_addition")[:3] == [None, "B", None]
    assert [p.line for p in _problems(ds, "relatives", "house_number") if p.line] == [5, 6]


def test_a_date_typed_with_spaces_is_the_date_day_first(tmp_path: Path) -> None:
    """``01 03 2024`` and ``01-03-2024.`` were "not a date": a gift's required date lost
    the gift."""
    gifts = [dict(GIFT, gift_id=f"G{i}", date=v)
             for i, v in enumerate(["01 03 2024", "1 3 2024", "31 02 2024", "01-03-2024.",
                                    "1.3.2024;", "1 mrt."])]
    ds = _read(tmp_path, gifts=gifts)
    assert _column(ds, "gifts", "date") == [pd.Timestamp("2024-03-01")] * 4
    assert [p.line for p in _problems(ds, "gifts", "date") if p.line] == [4, 7]


def test_an_e_mail_address_with_a_label_before_it_is_the_address(tmp_path: Path) -> None:
    """``E-mail: jan@corp.nl`` (a contact field copied from a signature) was "not an
    e-mail address": the shared address it is did not link."""
    relatives = [{"relative_id": f"R{i}", "employee_id": "E1", "relation": "child",
                  "name": f"Familie Lid{i}", "email": v}
                 for i, v in enumerate(["E-mail: Jan@Corp.nl", "privé: k@x.nl", "Info: a@b.nl"])]
    ds = _read(tmp_path, relatives=relatives)
    assert _column(ds, "relatives", "email") == ["jan@corp.nl", "k@x.nl", None]
    assert [p.line for p in _problems(ds, "relatives", "email") if p.line] == [4]


def test_a_kvk_number_with_a_remark_in_brackets_is_the_number(tmp_path: Path) -> None:
    """``12345678 (Utrecht)`` was "holds characters other than digits": the organization's
    KvK number, which wins over its name in matching, was left out."""
    orgs = [{"org_id": f"O{i}", "name": f"Bedrijf {i}", "kvk_number": v}
            for i, v in enumerate(["12345678 (Utrecht)", "2345678(hoofdvestiging)",
                                   "34567890 (0000)"], start=1)]
    ds = _read(tmp_path, organizations=orgs)
    assert _column(ds, "organizations", "kvk_number") == ["12345678", "02345678", None]
    assert [p.line for p in _problems(ds, "organizations", "kvk_number") if p.line] == [4]


def test_a_full_stop_typed_after_the_currency_is_left_out() -> None:
    """``€. 1.234,56`` was no amount (a mandate's required limit lost the mandate); the
    full stop goes only before a space or at the end: ``€.50`` stays fifty cents."""
    got = parse_amount(pd.Series(["€. 1.234,56", "EUR. 50", "1.234,56 EUR.", "€.50"]))
    assert got.values.tolist() == [1234.56, 50.0, 1234.56, 0.5] and not len(got.bad)
