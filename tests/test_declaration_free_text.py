"""A declaration's kind written as free text, as a register kept by hand in Excel does.

An acceptance tester's register wrote `Bestuurslid VV Elst`, `10% aandelen in Bouwbedrijf
X`, `Mijn broer is directeur van ...` in the kind column: each stopped the scan as an
unknown kind.  They are read by the word that names a kind (ingest.declaration_text), the
organization after it fills an empty org_name, one warning per column says so; a text
naming two kinds or none stays a row error that says why and what to do.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from coi_graph.cli import main
from coi_graph.cli_text import problem_line
from ingest import read_dataset
from ingest.declaration_text import read_kind_in_text

ORGANIZATIONS = ("org_id;name;kvk_number\nO1;Bouwbedrijf X B.V.;12345678\n"
                 "O2;Klusbedrijf Z;87654321\n")
EMPLOYEES = ("employee_id;name;employed_from;employed_until\n"
             "E1;Jan de Vries;01-01-2010;\nE2;Petra Bakker;01-01-2012;\n")
CONTRACTS = ("decision_id;org_id;decision_date;handled_by;amount_eur\n"
             "D1;O1;01-03-2024;E1;50000\n")
HEADER = "declaration_id;employee_id;org_id;org_name;kind;position;status\n"


def write(folder: Path, declarations: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"organizations.csv": ORGANIZATIONS, "employees.csv": EMPLOYEES,
                       "contracts.csv": CONTRACTS, "declarations.csv": declarations}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "kind", "org"), [
    ("Bestuurslid VV Elst", "side_function", "VV Elst"),
    ("Penningmeester Stichting Buurthuis", "side_function", "Stichting Buurthuis"),
    ("10% aandelen in Bouwbedrijf X", "financial_interest", "Bouwbedrijf X"),
    ("ja, 10% aandelen in Bouwbedrijf X", "financial_interest", "Bouwbedrijf X"),
    ("Voorzitter RvT Zorggroep Y", "side_function", "Zorggroep Y"),
    ("Eigenaar van Klusbedrijf Z", "own_business", "Klusbedrijf Z"),
    ("Mede-eigenaar van Bakkerij Jansen", "financial_interest", "Bakkerij Jansen"),
    ("Mijn broer is directeur van ...", "position", ""),
    ("Mijn broer is directeur van Bouwbedrijf X", "position", "Bouwbedrijf X"),
    ("Lid van de Raad van Toezicht van Woonzorg Noord", "side_function", "Woonzorg Noord"),
    ("Bestuurslid, geen financieel belang", "side_function", ""),
    ("Bestuurslid VV Elst en Stichting Z", "side_function", ""),  # two organizations
    # the organization named before the role, set off by a dash, a colon or a bracket
    ("VV Elst - bestuurslid", "side_function", "VV Elst"),
    ("Bouwbedrijf X: aandeelhouder", "financial_interest", "Bouwbedrijf X"),
    ("Stichting Y (penningmeester)", "side_function", "Stichting Y"),
    ("VV Elst \u2013 bestuurslid (onbezoldigd)", "side_function", "VV Elst"),
    ("ja, bestuurslid", "side_function", ""),  # a comma: a word such as ja, not a name
    ("Sinds 2019, penningmeester", "side_function", ""),  # a comma: a remark before it
    ("Functie: bestuurslid", "side_function", ""),  # a label, not an organization
    ("Mijn broer - directeur", "position", ""),  # a relative, not an organization
    ("VV Elst en Stichting Z - bestuurslid", "side_function", ""),  # two organizations
])
def test_each_phrase_is_read_as_its_kind_and_organization(text: str, kind: str,
                                                           org: str) -> None:
    got = read_kind_in_text(text)
    assert (got.code, got.org) == (kind, org), got


@pytest.mark.parametrize(("text", "pct"), [
    ("10% aandelen in Bouwbedrijf X", 10.0),
    ("Bouwbedrijf X: aandeelhouder 12,5 %", 12.5),
    ("mede-eigenaar (25 procent) van Bakkerij Jansen", 25.0),
    ("Aandelen 10% en lening 5% bij X", None),  # two: which is the share?
    ("150% aandelen in X", None),  # no share
    ("Aandelen in Bouwbedrijf X", None),
    ("aandelen 1.000% X", None),  # part of a longer number
])
def test_the_one_percentage_a_text_names_is_its_share(text: str, pct: float | None) -> None:
    assert read_kind_in_text(text).share_pct == pct


def test_a_share_percentage_in_the_text_fills_an_empty_share_pct(tmp_path: Path) -> None:
    """``10% aandelen in Bouwbedrijf X`` is a 10% share: copied to share_pct where that is
    empty (a row's own share_pct stays; a side function's percentage is no share), one
    warning that counts them and names the first."""
    header = "declaration_id;employee_id;org_id;org_name;kind;position;share_pct;status\n"
    data = write(tmp_path / "data", header
                 + "M1;E2;;;10% aandelen in Bouwbedrijf X;;;ja\n"
                 + "M2;E2;;;Klusbedrijf Z: aandeelhouder 12,5%;;;ja\n"
                 + "M3;E2;;;30% aandelen in Klusbedrijf Z;;40;ja\n"  # its own share stays
                 + "M4;E2;;;Trainer 20% bij VV Elst;;;ja\n"  # a side function: no share
                 + "M5;E2;;;Aandelen 10% in Bouwbedrijf X;;;ja\n")  # a kind with a remark
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("declarations").set_index("declaration_id")
    assert frame["share_pct"].fillna(-1).to_dict() == {
        "M1": 10.0, "M2": 12.5, "M3": 40.0, "M4": -1, "M5": 10.0}
    assert frame["org_name"].fillna("").to_dict()["M2"] == "Klusbedrijf Z"
    [warning] = _warnings(ds, "share_pct")
    assert warning.format() == (
        "declarations.csv: share_pct: 3 share percentage(s) taken from the kind's text on "
        "rows whose share_pct is empty (the first, line 2: 10 from '10% aandelen in "
        "Bouwbedrijf X'); fill in share_pct if that is not meant (warning)")
    assert problem_line(warning, "nl") == (
        "declarations.csv: share_pct: 3 aandelenpercentage(s) uit de tekst van de soort "
        "genomen op rijen waarvan share_pct leeg is (de eerste, regel 2: 10 uit '10% "
        "aandelen in Bouwbedrijf X'); vul share_pct in als dat niet bedoeld is "
        "(waarschuwing)")


def test_a_relative_named_in_the_text_is_noticed() -> None:
    assert read_kind_in_text("Mijn broer is directeur van ...").relative == "broer"
    assert read_kind_in_text("Bestuurslid VV Elst").relative == ""


def test_a_text_naming_two_kinds_is_not_read() -> None:
    got = read_kind_in_text("bestuurslid en aandeelhouder van X")
    assert got.code is None
    assert got.other == ("financial_interest", "aandeelhouder")


PHRASES = ["Bestuurslid VV Elst", "Penningmeester Stichting Buurthuis",
           "10% aandelen in Bouwbedrijf X", "ja, 10% aandelen in Bouwbedrijf X",
           "Voorzitter RvT Zorggroep Y", "Eigenaar van Klusbedrijf Z"]


def test_a_register_of_free_texts_reads_kind_org_and_position(tmp_path: Path) -> None:
    rows = "".join(f"M{i};E2;;;{t};;ja\n" for i, t in enumerate(PHRASES, 1))
    data = write(tmp_path / "data", HEADER + rows + "M9;E2;O2;;Penningmeester VV Elst;"
                 "penningmeester;ja\n"
                 # a known kind with a remark (read by the vocabulary already) names its
                 # organization the same way
                 "M7;E2;;;Aandelen in Bouwbedrijf X;;ja\n")
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    frame = ds.frame("declarations").set_index("declaration_id")
    assert frame["kind"].to_dict() == {
        "M1": "side_function", "M2": "side_function", "M3": "financial_interest",
        "M4": "financial_interest", "M5": "side_function", "M6": "own_business",
        "M7": "financial_interest", "M9": "side_function"}
    assert frame["org_name"].fillna("").to_dict() == {
        "M1": "VV Elst", "M2": "Stichting Buurthuis", "M3": "Bouwbedrijf X",
        "M4": "Bouwbedrijf X", "M5": "Zorggroep Y", "M6": "Klusbedrijf Z",
        "M7": "Bouwbedrijf X", "M9": ""}  # a row with its own organization keeps it
    # the full text is the declaration's position where that is empty; a row's own stays
    assert frame["position"].fillna("").to_dict() == {
        **{f"M{i}": t for i, t in enumerate(PHRASES, 1)}, "M9": "penningmeester", "M7": ""}


def _warnings(ds, column: str) -> list:
    return [p for p in ds.problems if p.table == "declarations" and p.column == column
            and p.level == "warning"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_warning_per_column_with_the_count_and_the_first_row(tmp_path: Path,
                                                                 lang: str) -> None:
    rows = "".join(f"M{i};E2;;;{t};;ja\n" for i, t in enumerate(PHRASES * 5, 1))
    ds = read_dataset(write(tmp_path / "data", HEADER + rows))
    assert not ds.errors, [p.format() for p in ds.errors]
    [kind] = _warnings(ds, "kind")
    [org] = _warnings(ds, "org_name")
    assert (kind.line, org.line) == (None, None)  # one for the column, not one per row
    if lang == "en":
        assert kind.format() == (
            "declarations.csv: kind: 30 kind value(s) written as free text are read by the "
            "word in them that names a kind (the first, line 2: 'Bestuurslid VV Elst' is read "
            "as side_function ('Bestuurslid')); the text is kept as the position where that "
            "is empty; write the kind in the kind column if that is not meant (warning)")
        assert org.format() == (
            "declarations.csv: org_name: 30 organization(s) taken from the kind's text on "
            "rows that name none (the first, line 2: 'VV Elst' from 'Bestuurslid VV Elst'); "
            "it is looked up in organizations by name as any org_name; fill in org_id or "
            "org_name if that is not meant (warning)")
    else:
        assert problem_line(kind, "nl") == (
            "declarations.csv: kind: 30 soort(en) als vrije tekst geschreven worden gelezen "
            "aan het woord erin dat een soort noemt (de eerste, regel 2: 'Bestuurslid VV "
            "Elst' wordt gelezen als side_function ('Bestuurslid')); de tekst wordt bewaard "
            "als de functie (position) waar die leeg is; vul de soort in de kolom kind in als "
            "dat niet bedoeld is (waarschuwing)")
        assert problem_line(org, "nl") == (
            "declarations.csv: org_name: 30 organisatie(s) uit de tekst van de soort genomen "
            "op rijen die er geen noemen (de eerste, regel 2: 'VV Elst' uit 'Bestuurslid VV "
            "Elst'); die wordt in organizations op naam opgezocht zoals elke org_name; vul "
            "org_id of org_name in als dat niet bedoeld is (waarschuwing)")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_relative_and_an_unclear_organization_are_said(tmp_path: Path, lang: str) -> None:
    ds = read_dataset(write(tmp_path / "data", HEADER
                            + "M1;E2;;;Mijn broer is directeur van ...;;\n"))
    [rel] = _warnings(ds, "relative_id")
    [org] = _warnings(ds, "org_name")
    text = {p.column: problem_line(p, lang) for p in (rel, org)}
    if lang == "en":
        assert "names 'broer'); they are read as the employee's own: fill in relative_id" \
            in text["relative_id"], text
        assert ("'Mijn broer is directeur van ...': it names none after the word of its "
                "kind); no organization is taken from it: fill in org_id or org_name") \
            in text["org_name"], text
    else:
        assert "noemt 'broer'); ze worden gelezen als die van de medewerker zelf" \
            in text["relative_id"], text
        assert "die noemt er geen na het woord van de soort); er wordt geen organisatie" \
            in text["org_name"], text
    # no organization at all: the row's own error says so, nothing is taken silently
    [error] = ds.errors
    assert (error.line, error.column) == (2, "org_id")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_text_naming_no_kind_or_two_is_a_row_error_that_says_what_to_do(
        tmp_path: Path, lang: str) -> None:
    ds = read_dataset(write(tmp_path / "data", HEADER
                            + "M1;E2;O1;;Hobby modeltreinen;;\n"
                            + "M2;E2;O1;;bestuurslid en aandeelhouder van X;;\n"))
    errors = {p.line: problem_line(p, lang) for p in ds.errors if p.column == "kind"}
    assert set(errors) == {2, 3}, errors
    if lang == "en":
        assert errors[2].startswith(
            "declarations.csv:2: kind: 'Hobby modeltreinen' is not a known kind and no word "
            "in it names one; use one of: financial_interest, side_function"), errors[2]
        assert ("; a text is read by a word in it that names a kind: bestuurslid, "
                "penningmeester") in errors[2], errors[2]
        assert errors[3] == (
            "declarations.csv:3: kind: 'bestuurslid en aandeelhouder van X' names two kinds, "
            "side_function ('bestuurslid') and financial_interest ('aandeelhouder'); write "
            "one kind in the kind column, a row for each kind")
    else:
        assert errors[2].startswith(
            "declarations.csv:2: kind: 'Hobby modeltreinen' is geen bekende soort en geen "
            "woord erin noemt er een; gebruik een van: financial_interest"), errors[2]
        assert "; een tekst wordt gelezen aan een woord erin dat een soort noemt: " \
            "bestuurslid" in errors[2], errors[2]
        assert errors[3] == (
            "declarations.csv:3: kind: 'bestuurslid en aandeelhouder van X' noemt twee "
            "soorten, side_function ('bestuurslid') en financial_interest ('aandeelhouder'); "
            "vul één soort in de kolom kind in, een rij per soort")


def _findings(out: Path) -> list[tuple[str, ...]]:
    with (out / "findings.csv").open(encoding="utf-8") as f:
        return sorted((r["rule"], r["subject_id"], r["counterparty"], r["declared"],
                       r["decision_id"]) for r in csv.DictReader(f))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_free_text_declaration_gives_the_finding_the_structured_row_gives(
        tmp_path: Path, lang: str) -> None:
    """`10% aandelen in Bouwbedrijf X` with no organization: the handler's interest in the
    supplier is declared, as the row `financial_interest; O1` declares it."""
    structured = write(tmp_path / "structured", HEADER
                       + "M1;E1;O1;;financial_interest;;in behandeling\n")
    free = write(tmp_path / "free", HEADER
                 + "M1;E1;;;10% aandelen in Bouwbedrijf X;;in behandeling\n")
    found = {}
    for name, data in (("structured", structured), ("free", free)):
        result = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / f"o{name}"),
                                           "-q", "--lang", lang])
        assert result.exit_code == 0, result.output
        found[name] = _findings(tmp_path / f"o{name}")
    assert found["free"] == found["structured"]
    assert ("self_interest", "E1", "organization:O1", "true", "D1") in found["free"], found
