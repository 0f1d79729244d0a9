"""Claims of README.md and docs/input-format.md that the tool once did not keep.

Each test pins one behaviour a new user reads in the docs, on a small hand-made folder."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from coi_graph.cli import main
from ingest import read_dataset


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_trade_names_are_read_and_not_called_unused(tmp_path: Path) -> None:
    """README: organizations are matched "also against trade names (an optional column
    headed `trade_names`)". `coi validate` and `run.json` listed that column under
    "columns not used ... map one in mapping.yaml", telling the user to drop or remap a
    column the graph reads.  A column nothing reads stays listed."""
    data = _write(tmp_path / "data", {
        "employees.csv": "employee_id,name\nE1,Jan de Vries\n",
        "organizations.csv": ("org_id,name,kvk_number,trade_names,kostenplaats\n"
                              "O1,Jansen Holding B.V.,12345678,Bouwbedrijf Zonnestraal,K1\n"),
        "contracts.csv": "decision_id,org_id,decision_date,handled_by\nC1,O1,2024-03-01,E1\n",
    })
    ds = read_dataset(data)
    assert not ds.errors
    orgs = ds.tables["organizations"]
    assert orgs.columns_not_used == ["kostenplaats"]
    assert list(orgs.frame["trade_names"]) == ["Bouwbedrijf Zonnestraal"]


def test_a_declaration_naming_a_trade_name_is_that_organization(tmp_path: Path) -> None:
    """The other half of the claim: the trade name links the declaration to the vendor,
    so a contract the declaring employee handled for it is `self_interest`, declared."""
    from coi_graph.scan import scan

    data = _write(tmp_path / "data", {
        "employees.csv": "employee_id,name\nE1,Jan de Vries\n",
        "organizations.csv": ("org_id,name,kvk_number,trade_names\n"
                              "O1,Jansen Holding B.V.,12345678,Bouwbedrijf Zonnestraal\n"
                              "O2,Pietersen B.V.,23456789,\n"),
        "declarations.csv": ("declaration_id,employee_id,org_name,kind,status\n"
                             "D1,E1,Bouwbedrijf Zonnestraal,financial_interest,approved\n"),
        "contracts.csv": "decision_id,org_id,decision_date,handled_by\nC1,O1,2024-03-01,E1\n",
    })
    result = scan(data, None)
    found = [(f.rule, f.counterparty, f.declared) for f in result.findings]
    assert found == [("self_interest", "organization:O1", True)]


def test_a_trade_names_column_headed_handelsnamen_is_read_as_trade_names(tmp_path: Path
                                                                        ) -> None:
    """A vendor master or KvK export heads the column `Handelsnamen` (or `Trade names`):
    it is read as `trade_names` (not listed as unused; its header kept in the table's
    headers), and a declaration naming one of them is that organization.  A file with a
    `trade_names` column of its own keeps `Handelsnamen` as an extra column beside it."""
    from coi_graph.scan import scan

    for header in ("Handelsnamen", "Trade names", "HANDELSNAAM"):
        data = _write(tmp_path / header / "data", {
            "employees.csv": "employee_id;name\nE1;Jan de Vries\n",
            "organizations.csv": (f"Crediteurnummer;Naam;KvK-nummer;{header};Kostenplaats\n"
                                  "O1;Jansen Holding B.V.;12345678;Bouwbedrijf Zonnestraal | "
                                  "Glaszetters West;K1\nO2;Pietersen B.V.;23456789;;K2\n"),
            "declarations.csv": ("declaration_id;employee_id;org_name;kind;status\n"
                                 "D1;E1;Glaszetters West;financial_interest;approved\n"),
            "contracts.csv": "decision_id;org_id;decision_date;handled_by\nC1;O1;2024-03-01;E1\n",
        })
        ds = read_dataset(data)
        assert not ds.errors, [p.format() for p in ds.errors]
        orgs = ds.tables["organizations"]
        assert orgs.columns_not_used == ["kostenplaats"]
        assert orgs.original_header["trade_names"] == header
        assert orgs.frame["trade_names"].tolist()[0] == "Bouwbedrijf Zonnestraal | Glaszetters West"
        result = scan(data, None)
        found = [(f.rule, f.counterparty, f.declared) for f in result.findings]
        assert found == [("self_interest", "organization:O1", True)], header
    data = _write(tmp_path / "both" / "data", {
        "employees.csv": "employee_id;name\nE1;Jan de Vries\n",
        "organizations.csv": ("org_id;name;Handelsnamen;trade_names\n"
                              "O1;Jansen Holding B.V.;Oud;Bouwbedrijf Zonnestraal\n"),
        "contracts.csv": "decision_id;org_id;decision_date;handled_by\nC1;O1;2024-03-01;E1\n",
    })
    orgs = read_dataset(data).tables["organizations"]
    assert orgs.frame["trade_names"].tolist() == ["Bouwbedrijf Zonnestraal"]
    assert orgs.columns_not_used == ["handelsnamen"]


def _coi(*args: object) -> Result:
    """A `coi` run in process, Dutch by default ($COI_LANG unset)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                              env={"COI_LANG": ""})


def test_coi_mapping_out_elsewhere_names_the_draft_in_the_next_step(tmp_path: Path) -> None:
    """README/docs: `coi validate` and `coi scan` read DATA_DIR/mapping.yaml, or the file
    `--mapping FILE` names.  `coi mapping --out FILE` said "then run `coi validate
    DATA_DIR`", which runs without the draft it just wrote; the next step now names it.
    Written to the default place, the step stays `coi validate DATA_DIR` (both languages)."""
    data = _write(tmp_path / "data", {
        "employees.csv": "employee_id,Medewerkersnaam\nE1,Jan de Vries\n",
        "organizations.csv": "org_id,name\nO1,Bouw B.V.\n",
        "contracts.csv": "decision_id,org_id,decision_date,handled_by\nC1,O1,2024-03-01,E1\n",
    })
    elsewhere = tmp_path / "draft.yaml"
    r = _coi("mapping", data, "--out", elsewhere, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert f"then run `coi validate {data} --mapping {elsewhere}`." in r.stderr
    r = _coi("mapping", data)
    assert r.exit_code == 0, r.output
    assert f"voer daarna `coi validate {data}` uit." in r.stderr
    assert (data / "mapping.yaml").is_file()


def test_a_files_pattern_that_fits_nothing_beside_one_that_fits_is_reported(
        tmp_path: Path) -> None:
    """docs/input-format.md: a `files` pattern that fits no file is said as such.  It was,
    only when all of a table's patterns fit nothing: a typo in `contracten/*.xlsx` beside a
    fitting `inkoop-*.csv` dropped those files without a word.  A pattern that fits (also a
    file in a subfolder, any case) is not reported."""
    data = _write(tmp_path / "data", {
        "employees.csv": "employee_id,name\nE1,Jan de Vries\n",
        "organizations.csv": "org_id,name\nO1,Bouw B.V.\n",
        "inkoop-2024.csv": "Ordernr;Lev.nr;Datum;Inkoper\nC1;O1;2024-03-01;E1\n",
        "mapping.yaml": ('tables:\n  contracts:\n    files: ["inkoop-*.csv", '
                         '"contracten/*.xlsx", "Archief/*.CSV"]\n'),
    })
    (data / "archief").mkdir()
    (data / "archief" / "inkoop-2023.csv").write_text(
        "Ordernr;Lev.nr;Datum;Inkoper\nC0;O1;2023-03-01;E1\n", encoding="utf-8")
    ds = read_dataset(data)
    assert not ds.errors, ds.errors
    told = [p.message for p in ds.warnings if "fits it" in p.message]
    assert len(told) == 1 and "'contracten/*.xlsx'" in told[0], told
    assert sorted(ds.tables["contracts"].frame["decision_id"]) == ["C0", "C1"]


def test_a_column_the_mapping_file_ignores_is_not_called_unused(tmp_path: Path) -> None:
    """docs/input-format.md: a header mapped to ``ignore`` is the user's choice.  It was still
    listed under "columns not used ... assign one in mapping.yaml", telling the user to map
    the very column they had just set aside.  A column nothing reads and nothing ignores
    stays listed."""
    data = _write(tmp_path / "data", {
        "employees.csv": "employee_id,name\nE1,Jan de Vries\n",
        "organizations.csv": ("org_id,name,kvk_number,crediteurnummer,kostenplaats\n"
                              "O1,Jansen B.V.,12345678,20001,K1\n"),
        "contracts.csv": "decision_id,org_id,decision_date,handled_by\nC1,O1,2024-03-01,E1\n",
        "mapping.yaml": "tables:\n  organizations:\n    columns:\n      Crediteurnummer: ignore\n",
    })
    ds = read_dataset(data)
    assert not ds.errors
    assert ds.tables["organizations"].columns_not_used == ["kostenplaats"]
