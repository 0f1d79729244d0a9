"""Twentieth new-user pass: what an auditor, a compliance officer and a board member met
following only the README and docs/, each fixed and kept fixed here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from click.testing import CliRunner, Result

from coi_graph.cli import main
from coi_graph.outputs.report import render_report
from coi_graph.policy import Policy
from tests.corp import BASE, make_corp, run


def coi(*args: object, lang: str = "nl") -> Result:
    """``coi ARGS --lang LANG`` with $COI_LANG unset; stdout and stderr together."""
    return CliRunner().invoke(main, [str(a) for a in args] + ["--lang", lang],
                              catch_exceptions=False, env={"COI_LANG": ""})


@pytest.fixture(autouse=True)
def _no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports of runs recorded nowhere: no workspace of the machine is read."""
    monkeypatch.setenv("COI_WORKSPACE", str(tmp_path / "none.sqlite"))


def _scan_without(tmp_path: Path, *absent: str, policy: Policy | None = None) -> Path:
    """The small corporation of tests/corp.py scanned with the tables ``absent`` not there
    (it has no gifts, mandates, declarations, officers or allocations to begin with)."""
    run(tmp_path, policy, **{name: None for name in absent})
    return tmp_path / "run"


def test_the_board_report_says_which_rules_could_not_look(tmp_path: Path) -> None:
    """A board member reads "Opgeknipte opdrachten: 0" as "none found"; without the mandates
    register the rule cannot look.  The report says so beside the 0 and names the missing
    registers in the reader's words, in either language (no contract code such as
    ``mandates`` in the Dutch report)."""
    run_dir = _scan_without(tmp_path, "relatives")
    ws = None
    nl = render_report(run_dir, "rvc", "nl", tmp_path / "out", ws)
    md = nl.markdown.read_text(encoding="utf-8")
    html = nl.html.read_text(encoding="utf-8")
    for text in (md, html):
        assert "Opgeknipte opdrachten onder het mandaat (niet bekeken: geen inkoopmandaten " \
               "aangeleverd)" in text.replace('<span class="small">', "").replace("</span>", "")
        assert "Belang van een familielid bij de wederpartij (niet bekeken: geen familieleden" \
               in text.replace('<span class="small">', "").replace("</span>", "")
        assert "Niet aangeleverd voor deze scan: familieleden, " in text
        assert "mandates" not in text and "relatives" not in text
    # a rule whose input was there is not marked
    assert "Niet-gemelde verbinding via gedeeld adres, IBAN, telefoon of e-mail |" in md
    en = render_report(run_dir, "rvc", "en", tmp_path / "out", ws).markdown.read_text("utf-8")
    assert "Orders split to stay under the mandate (not checked: no purchasing mandates " \
           "supplied)" in en
    assert "inkoopmandaten" not in en and "niet bekeken" not in en
    audit = render_report(run_dir, "audit", "nl", tmp_path / "out", ws).markdown
    assert ("(niet bekeken: geen familieleden en integriteitsregister \\(meldingen van belangen "
            "en nevenfuncties\\) aangeleverd)") in audit.read_text("utf-8")


def test_a_default_mandate_in_the_policy_stands_in_for_the_register(tmp_path: Path) -> None:
    """With ``rules.split_orders.default_limit_eur`` set the rule looks without mandates."""
    policy = Policy.from_dict({"rules": {"split_orders": {"default_limit_eur": 5000}}})
    run_dir = _scan_without(tmp_path, policy=policy)
    md = render_report(run_dir, "rvc", "nl", tmp_path / "out").markdown.read_text("utf-8")
    assert "Opgeknipte opdrachten onder het mandaat |" in md
    assert "niet bekeken: geen inkoopmandaten" not in md


def test_a_kvk_officer_match_is_shown_as_the_officer_not_the_organization(
        tmp_path: Path) -> None:
    """coi serve's match review of "Maria de Vries-Bos is the KvK officer Maria Bos" read
    "Maria de Vries-Bos ~ Bouwbedrijf Bos B.V. (dezelfde persoon)": the pair's other record
    is the officer row of the organization, which the page now names with its source row."""
    from coi_graph.findings import load_findings
    from coi_graph.outputs.serve_match import match_panel
    from coi_graph.outputs.workspace import open_workspace

    officers = [{"org_id": "O1", "name": "Petra Jansen", "role": "bestuurder",
                 "birth_date": "03-04-1972"}]
    relatives = [{"relative_id": "R1", "employee_id": "E1", "relation": "partner",
                  "name": "Petra de Vries-Jansen", "birth_date": "03-04-1972"}]
    run(tmp_path, officers=officers, relatives=relatives)
    finding = next(f for f in load_findings(tmp_path / "run")
                   if f.rule == "relative_interest" and f.decision_id == "D1")
    with open_workspace(tmp_path / "ws.sqlite") as ws:
        nl = match_panel(ws, finding, "nl")
        en = match_panel(ws, finding, "en")
    assert nl is not None and en is not None
    assert nl["pairs"][0]["labels"] == (
        "Petra de Vries-Jansen", "de KvK-functionaris van Bouwbedrijf Noord B.V. (officers:2)")
    assert en["pairs"][0]["labels"][1] == "the KvK officer of Bouwbedrijf Noord B.V. (officers:2)"
    # what a judgement records stays the step's keys (the pair id is what the scan follows)
    assert nl["pairs"][0]["records"] == ("relative:R1", "organization:O1")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_mapping_hint_names_the_folder_given(tmp_path: Path, lang: str) -> None:
    """A staff list headed ``Pers. nummer`` told the auditor to run `coi mapping DATA_MAP`
    (Dutch) or `coi mapping DATA_DIR`: neither runs when copied, and the Dutch help calls
    the folder DATA_DIR.  validate and scan now name the folder the user gave."""
    staff = [{("Pers. nummer" if k == "employee_id" else k): v for k, v in r.items()}
             for r in BASE["employees"]]
    data = make_corp(tmp_path / "Mijn exports", employees=staff)
    for args in (["validate", data], ["scan", data, "--out", tmp_path / "run", "-q",
                                      "--workspace", tmp_path / "ws.sqlite"]):
        r = coi(*args, lang=lang)
        assert r.exit_code == 2, r.output
        assert f"`coi mapping '{data}'`" in r.output, r.output
        assert "DATA_MAP" not in r.output and "coi mapping DATA_DIR" not in r.output


def test_a_part_without_a_required_column_is_one_error_not_one_per_row(tmp_path: Path) -> None:
    """The 2024 orders export lacked the handler column the 2023 one had.  Besides the file's
    error ("add it, or name it in mapping.yaml"), every row of it was an error of its own
    saying "handled_by is empty: fill in the id ... or remove the row": advice about a column
    the file does not have, and three errors counted for one cause."""
    from tests.corp import write_csv

    data = make_corp(tmp_path / "data", contracts=None)
    write_csv(data / "contracts_2023.csv", BASE["contracts"][:1])
    write_csv(data / "contracts_2024.csv",
              [{k: v for k, v in r.items() if k != "handled_by"} | {"decision_id": f"N{i}"}
               for i, r in enumerate(BASE["contracts"] * 2)])
    r = coi("validate", data, lang="en")
    assert r.exit_code == 2
    handled = [line for line in r.output.splitlines() if "handled_by" in line]
    assert handled == ["contracts_2024.csv: handled_by: required column 'handled_by' is missing "
                       "in this file but present in the table's other files; add it, or name "
                       "the column that holds it in mapping.yaml"], r.output
    assert "1 error(s)" in r.output
    # a row of a file that has the column and leaves it empty is still its own error
    rows = [dict(BASE["contracts"][0], handled_by="")]
    write_csv(data / "contracts_2023.csv", rows)
    r = coi("validate", data, lang="en")
    assert "contracts_2023.csv:2: handled_by: handled_by is empty but required" in r.output


@pytest.mark.parametrize("lang, one, many", [("nl", "1 rij", "rijen"), ("en", "1 row", "rows")])
def test_one_row_is_said_in_the_singular(tmp_path: Path, lang: str, one: str, many: str) -> None:
    """A small corporation's register of one row read "(1 rijen)" in the scan's progress and
    on the explore index, and its overview "1 losse netwerken"."""
    officers = [{"org_id": "O1", "name": "Petra de Vries", "role": "bestuurder",
                 "birth_date": "03-04-1972"}]  # the partner directs the supplier: one network
    data = make_corp(tmp_path / "data", relatives=BASE["relatives"][:1], officers=officers)
    r = coi("scan", data, "--out", tmp_path / "run", "--workspace", tmp_path / "ws.sqlite",
            lang=lang)
    assert r.exit_code == 0, r.output
    assert f"relatives.csv ({one})" in r.output and f"employees.csv (3 {many})" in r.output
    assert f"(1 {many})" not in r.output
    r = coi("explore", tmp_path / "run", "--workspace", tmp_path / "ws.sqlite", lang=lang)
    assert r.exit_code == 0, r.output
    index = (tmp_path / "run" / "explore" / "index.html").read_text("utf-8")
    assert f"relatives.csv ({one})" in index and f"(1 {many})" not in index
    overview = (tmp_path / "run" / "explore" / "overview.html").read_text("utf-8")
    stats = re.search(r"\d+ (knopen|nodes), \d+ (verbindingen|links), [^.<]+", overview)
    assert stats is not None
    assert stats.group(0).endswith("één netwerk" if lang == "nl" else "one network"), stats


def test_english_tables_head_their_columns_in_words(tmp_path: Path) -> None:
    """`coi accept --list --lang en` was headed `valid_until`, `created_at`, `created_by`
    and a case's history `event_id`, where the Dutch tables read "geldig tot", "gemaakt op",
    "gebeurtenis": codes only where a tool reads them (--csv, --json)."""
    data = make_corp(tmp_path / "data", relatives=BASE["relatives"][:1], officers=[
        {"org_id": "O1", "name": "Petra de Vries", "role": "bestuurder",
         "birth_date": "03-04-1972"}])
    ws = tmp_path / "ws.sqlite"
    assert coi("scan", data, "--out", tmp_path / "run", "-q", "--workspace", ws).exit_code == 0
    r = coi("accept", "--employee", "E1", "--org", "O1", "--rule", "relative_interest",
            "--justification", "declared", "--owner", "Compliance", "--until", "2030-12-31",
            "--by", "A. Jansen", "--workspace", ws, lang="en")
    assert r.exit_code == 0, r.output
    head = coi("accept", "--list", "--workspace", ws, lang="en").output.splitlines()[0]
    assert head.split() == ["id", "state", "scope", "valid", "until", "owner", "justification",
                            "created", "at", "created", "by"], head
    cases = coi("cases", "--workspace", ws, "--json", lang="en")
    fid = json.loads(cases.output)[0]["finding_id"]
    coi("triage", fid, "--status", "in_review", "--by", "A. Jansen", "--workspace", ws)
    history = coi("cases", fid, "--workspace", ws, lang="en").output
    assert "event  " in history and "event_id" not in history, history
    csv_head = coi("accept", "--list", "--csv", "--workspace", ws, lang="en").output
    assert "valid_until" in csv_head.splitlines()[0]  # what a tool reads stays the code


@pytest.mark.parametrize("lang, words", [("nl", "geen hele kophash"),
                                         ("en", "not a whole head hash")])
def test_a_shortened_head_hash_is_refused_not_called_tampering(tmp_path: Path, lang: str,
                                                               words: str) -> None:
    """The README showed `coi verify --expect 3f2a...`; a compliance officer who noted the
    head's first 12 characters got "audit trail TAMPERED" and exit 1 on an intact trail.
    A value that is no whole hash is a usage error that says what to give; the whole hash
    still verifies, and a whole hash not in the chain is still tampering."""
    data = make_corp(tmp_path / "data")
    ws = tmp_path / "ws.sqlite"
    assert coi("scan", data, "--out", tmp_path / "run", "-q", "--workspace", ws).exit_code == 0
    head = coi("verify", "--workspace", ws, "--json").output
    head = json.loads(head)["head"]
    r = coi("verify", "--workspace", ws, "--expect", head[:12], lang=lang)
    assert r.exit_code == 2, r.output
    assert words in r.output and "TAMPERED" not in r.output and "GEMANIPULEERD" not in r.output
    assert coi("verify", "--workspace", ws, "--expect", head.upper()).exit_code == 0
    other = "0" * 64
    assert coi("verify", "--workspace", ws, "--expect", other).exit_code == 1


@pytest.mark.parametrize("lang, words", [
    ("nl", "Elk met bestand, regel, kolom en wat te doen: `coi validate "),
    ("en", "Each with its file, line, column and what to do: `coi validate ")])
def test_the_scan_summary_says_where_each_skipped_row_is_listed(tmp_path: Path, lang: str,
                                                                words: str) -> None:
    """The scan's summary counted "medewerkers.csv: 1 x dubbel employee_id" without the line
    or what to do, and said nowhere where to find them; it now names the command that lists
    each (with --skip-bad-rows when rows were skipped), and says nothing on clean data."""
    staff = BASE["employees"] + [dict(BASE["employees"][0], name="Piet Jansen")]
    data = make_corp(tmp_path / "data", employees=staff)
    r = coi("scan", data, "--out", tmp_path / "run", "-q", "--skip-bad-rows",
            "--workspace", tmp_path / "ws.sqlite", lang=lang)
    assert r.exit_code == 0, r.output
    assert f"{words}{data} --skip-bad-rows`" in r.output, r.output
    listed = coi("validate", data, "--skip-bad-rows", lang=lang).output
    assert "employees.csv:5: employee_id" in listed  # what the hint promises
    clean = coi("scan", make_corp(tmp_path / "clean"), "--out", tmp_path / "run2", "-q",
                "--workspace", tmp_path / "ws.sqlite", lang=lang)
    assert words.split(":")[0] not in clean.output, clean.output


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_files_pattern_that_fits_nothing_is_said_of_the_mapping_file(tmp_path: Path,
                                                                       lang: str) -> None:
    """The docs' mapping example copied as it stands (`files: ["inkoop-*.csv",
    "contracten/*.xlsx"]`, no `contracten/` folder) warned "contracts.csv: mapping.yaml
    noemt ...": a file the auditor never had.  The line is the mapping file's, in either
    language, and so is the error for a required table whose patterns fit nothing."""
    from tests.corp import write_csv

    data = make_corp(tmp_path / "data", contracts=None)
    write_csv(data / "inkoop-2024.csv", BASE["contracts"])
    (data / "mapping.yaml").write_text(
        'tables:\n  contracts:\n    files: ["inkoop-*.csv", "contracten/*.xlsx"]\n',
        encoding="utf-8")
    out = coi("validate", data, lang=lang).output
    said = [line for line in out.splitlines() if "contracten/*.xlsx" in line]
    assert len(said) == 1 and said[0].startswith("mapping.yaml: "), out
    assert "contracts.csv" not in said[0]
    assert ("het patroon 'contracten/*.xlsx' van contracts: geen bestand" if lang == "nl" else
            "the pattern 'contracten/*.xlsx' of contracts: no file") in said[0]
    (data / "mapping.yaml").write_text('tables:\n  employees:\n    files: ["../hr/*.csv"]\n',
                                       encoding="utf-8")
    r = coi("validate", data, lang=lang)
    assert r.exit_code == 2
    said = [line for line in r.output.splitlines() if "../hr/*.csv" in line]
    assert len(said) == 1 and said[0].startswith("mapping.yaml: '../hr/*.csv', "), r.output
    assert ("genoemd als bestand(en) van employees" if lang == "nl"
            else "named as the file(s) of employees") in said[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_validate_hints_name_the_folder(tmp_path: Path, lang: str) -> None:
    """`coi validate` ended on "`coi validate --skip-bad-rows` shows what is then left out",
    and a refused scan on "... and 5 more (run `coi validate` to list all)": neither runs
    when copied (no folder).  Both name the folder given."""
    rows = [dict(BASE["contracts"][0], decision_id=f"X{i}", decision_date=f"fout{i}")
            for i in range(25)]
    data = make_corp(tmp_path / "data", contracts=rows)
    r = coi("validate", data, lang=lang)
    assert r.exit_code == 2
    assert f"`coi validate {data} --skip-bad-rows`" in r.output, r.output
    assert "`coi validate --skip-bad-rows`" not in r.output
    r = coi("scan", data, "--out", tmp_path / "run", "-q", "--workspace",
            tmp_path / "ws.sqlite", lang=lang)
    assert r.exit_code == 2
    assert f"`coi validate {data}`" in r.output and "`coi validate`" not in r.output, r.output


@pytest.mark.parametrize("lang, said", [
    ("nl", "Niet aangeleverd: familieleden, "),
    ("en", "Not supplied: relatives, ")])
def test_the_explore_index_says_what_was_not_supplied_and_not_checked(
        tmp_path: Path, lang: str, said: str) -> None:
    """A compliance officer browsing the findings saw no relative's interest and could not
    tell that no relatives were supplied: the index names the missing registers and the
    rules that therefore did not look, in the page's language."""
    run_dir = _scan_without(tmp_path, "relatives")
    r = coi("explore", run_dir, lang=lang)
    assert r.exit_code == 0, r.output
    index = (run_dir / "explore" / "index.html").read_text("utf-8")
    line = re.search(r'class="muted not-supplied">([^<]*)<', index)
    assert line is not None and line.group(1).startswith(said), index[-2000:]
    rule = ("Belang van een familielid bij de wederpartij" if lang == "nl"
            else "A relative's interest in the counterparty")
    assert rule.replace("'", "&#39;") in line.group(1) or rule in line.group(1)
    assert ("mandates" in line.group(1)) == (lang == "en")  # "inkoopmandaten" in Dutch
