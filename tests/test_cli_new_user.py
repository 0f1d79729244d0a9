"""What a new user runs into following the README from a fresh clone: the lines that were
found in the wrong language or wording, and a second scan into a run folder that still holds
the explore pages and reports of the first (they stay, and were read as the new findings).
Through click's CliRunner, on the small demo."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from coi_graph.cli import main


def coi(*args: Any, lang: str = "nl") -> Result:
    """``coi ARGS --lang LANG`` with $COI_LANG unset; stdout and stderr together."""
    return CliRunner().invoke(main, [str(a) for a in args] + ["--lang", lang],
                              catch_exceptions=False, env={"COI_LANG": ""})


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`coi demo` once: data/, run/ and the workspace."""
    out = tmp_path_factory.mktemp("newuser") / "coi-demo"
    r = coi("demo", "--out", out, "-q")
    assert r.exit_code == 0, r.output
    return out


def test_explore_of_a_folder_without_a_run_says_so_in_the_run_language(tmp_path: Path) -> None:
    """`coi explore` on a folder no scan wrote: exit 2, the message in Dutch by default
    (it was English: the catalogue lacked it)."""
    r = coi("explore", tmp_path)
    assert r.exit_code == 2
    assert "findings.json: niet gevonden; voer eerst `coi scan" in r.output, r.output
    assert "not found" not in r.output and "first" not in r.output
    r = coi("explore", tmp_path, lang="en")
    assert r.exit_code == 2
    assert "findings.json: not found; run `coi scan" in r.output, r.output


def test_a_match_judgement_is_confirmed_in_words_of_the_run_language(demo: Path) -> None:
    """`coi match confirm/reject/undo` say what was recorded: 'confirmed', 'rejected',
    'withdrawn' in English (they printed the command's code: 'confirm', 'reject', 'undo')."""
    ws = demo / "coi-workspace.sqlite"
    listed = coi("match", "list", demo / "data", "--workspace", ws, "--json")
    assert listed.exit_code == 0, listed.output
    pair = json.loads(listed.stdout)[0]["pair_id"]
    said = {}
    for lang in ("nl", "en"):
        for verb in ("confirm", "reject"):
            r = coi("match", verb, demo / "data", pair, "--by", "A. Jansen", "--why", "test",
                    "--workspace", ws, lang=lang)
            assert r.exit_code == 0, r.output
            said[lang, verb] = r.output
        r = coi("match", "undo", pair, "--by", "A. Jansen", "--why", "test", "--workspace", ws,
                lang=lang)
        assert r.exit_code == 0, r.output
        said[lang, "undo"] = r.output
    assert said["en", "confirm"].startswith(f"{pair}: confirmed (")
    assert said["en", "reject"].startswith(f"{pair}: rejected (")
    assert said["en", "undo"].startswith(f"{pair}: withdrawn (")
    assert said["nl", "confirm"].startswith(f"{pair}: bevestigd (")
    assert said["nl", "reject"].startswith(f"{pair}: afgewezen (")
    assert said["nl", "undo"].startswith(f"{pair}: teruggedraaid (")


def test_a_second_scan_into_a_folder_with_pages_and_reports_says_they_are_old(
        demo: Path, tmp_path: Path) -> None:
    """The scan replaces the findings but keeps explore/ and reports/: it says they are from
    the earlier scan and how to make them again, in the run's language; a folder without
    them gets no such line.  The summary names every file the scan wrote (graph.json too)."""
    ws = tmp_path / "ws.sqlite"
    run = tmp_path / "run"
    first = coi("scan", demo / "data", "--out", run, "-q", "--workspace", ws)
    assert first.exit_code == 0, first.output
    assert f"{run}/findings.csv, findings.json, run.json, graph.json" in first.output
    assert (run / "graph.json").is_file()
    assert "Let op" not in first.output
    assert coi("explore", run, "--workspace", ws).exit_code == 0
    assert coi("report", run, "--audience", "rvc", "--workspace", ws).exit_code == 0
    again = coi("scan", demo / "data", "--out", run, "-q", "--workspace", ws)
    assert again.exit_code == 0, again.output
    assert (f"Let op: {run / 'explore'} is nog van een eerdere scan in deze map; maak de "
            f"pagina's opnieuw: coi explore {run}") in again.output
    assert f"Let op: de rapporten in {run / 'reports'} zijn nog van een eerdere scan" in again.output
    en = coi("scan", demo / "data", "--out", run, "-q", "--workspace", ws, lang="en")
    assert en.exit_code == 0, en.output
    assert f"Note: {run / 'explore'} is still from an earlier scan into this folder" in en.output
    assert f"coi report {run} --audience rvc --workspace {ws} (or audit)" in en.output
    assert "Let op" not in en.output


def test_the_demos_explore_hint_shows_the_case_status_recorded_by_its_triage_hint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`coi demo` suggests `coi triage ... --workspace DEMO_WS` and `coi explore RUN --open`;
    run as printed from a folder without ./coi-workspace.sqlite, the pages showed no case
    status at all (explore looked in the current folder).  The hint now names the demo's
    workspace, so the decision just recorded is on the pages."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COI_WORKSPACE", raising=False)
    r = coi("demo", "--out", "coi-demo", "-q")
    assert r.exit_code == 0, r.output
    hints = {line.split()[1]: line.split("      ")[0].split()[1:]
             for line in r.output.splitlines() if line.startswith("  coi ")}
    triage = [a.replace("FINDING_ID", "F-1b595cab2c2c88d3").strip("'") for a in hints["triage"]]
    triage[triage.index("--note") + 1] = "Gemeld en goedgekeurd"
    triage[triage.index("--by") + 1] = "A. Jansen"
    assert coi(*triage).exit_code == 0
    explore = [a for a in hints["explore"] if a != "--open"]
    assert coi(*explore).exit_code == 0
    page = (tmp_path / "coi-demo" / "run" / "explore" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'\["F-1b595cab2c2c88d3",(?:(?!\["F-).)*?,"explained"\]', page), \
        "the triaged finding's row has no status"


def test_the_readmes_triage_and_accept_examples_fit_the_demo(demo: Path) -> None:
    """The README's `coi triage F-...` and `coi accept --employee E --org O --rule R` are one
    situation of the small demo, so a reader who tries them on `coi demo` sees the acceptance
    cover that finding (the accept example named O00042, which covers none of them)."""
    from coi_graph.findings import read_findings

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    fid = re.search(r"coi triage (F-[0-9a-f]{16})", readme)
    acc = re.search(r"coi accept --employee (\S+) --org (\S+) --rule (\S+)", readme)
    assert fid and acc
    found = {f["finding_id"]: f for f in read_findings(demo / "run")}
    assert fid[1] in found, "the README's triage example is no finding of the demo"
    f = found[fid[1]]
    assert (f["subject_id"], f["counterparty"], f["rule"]) == (
        acc[1], f"organization:{acc[2]}", acc[3])


@pytest.mark.parametrize("lang,advice", [
    ("nl", "'employees.csv' is een bestand, geen map: geef de map waarin het staat."),
    ("en", "'employees.csv' is a file, not a folder: give the folder it is in.")])
def test_a_file_for_the_data_folder_says_to_give_its_folder(
        demo: Path, lang: str, advice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`coi scan exports/employees.csv` (a file where the folder goes): exit 2, and the line
    says what to give instead; so does a folder where a file goes (--workspace)."""
    monkeypatch.chdir(demo / "data")
    for command in (["scan", "employees.csv", "--out", demo / "r"], ["validate", "employees.csv"]):
        r = coi(*command, lang=lang)
        assert r.exit_code == 2
        assert advice in r.output, r.output
        assert not (demo / "r").exists()
    r = coi("cases", "--workspace", demo, lang=lang)
    assert r.exit_code == 2
    assert ("geef een bestand (in die map)" if lang == "nl" else
            "give a file (in that folder)") in r.output, r.output


def test_a_triage_that_follows_a_colleagues_decision_says_which_and_keeps_both(
        demo: Path, tmp_path: Path) -> None:
    """A second `coi triage` of a finding is appended, never written over the first; the
    command now says which decision it follows (it printed only its own), in the run's
    language, and `coi cases FINDING` lists both."""
    import shutil

    ws = tmp_path / "ws.sqlite"
    shutil.copy(demo / "coi-workspace.sqlite", ws)
    fid = "F-1b595cab2c2c88d3"
    first = coi("triage", fid, "--status", "explained", "--note", "Gemeld", "--by", "A. Jansen",
                "--workspace", ws)
    assert first.exit_code == 0, first.output
    assert "in plaats van" not in first.output
    second = coi("triage", fid, "--status", "dismissed", "--note", "Geen belang", "--by",
                 "B. de Vries", "--workspace", ws)
    assert second.exit_code == 0, second.output
    assert re.search(r"in plaats van: verklaard \(gebeurtenis \d+, [^)]*door A\. Jansen\); dat "
                     r"besluit blijft in de geschiedenis", second.output), second.output
    third = coi("triage", fid, "--status", "open", "--by", "C. Bakker", "--workspace", ws,
                lang="en")
    assert re.search(r"instead of: dismissed \(event \d+, [^)]*by B\. de Vries\)", third.output)
    history = coi("cases", fid, "--workspace", ws)
    assert history.exit_code == 0
    for who, note in (("A. Jansen", "Gemeld"), ("B. de Vries", "Geen belang")):
        assert who in history.output and note in history.output


@pytest.mark.parametrize("lang,note", [
    ("nl", "is niet vastgelegd in de werkruimte"), ("en", "is not recorded in the workspace")])
def test_a_report_with_a_workspace_that_does_not_hold_the_scan_says_so(
        demo: Path, tmp_path: Path, lang: str, note: str) -> None:
    """`coi report RUN --workspace OTHER` (the demo's workspace for a scan recorded in
    another): the report is written without statuses, trend or declaration figures, and
    the command now says why and what to pass (it said nothing: exit 0, no line)."""
    ws = tmp_path / "ws.sqlite"
    run = tmp_path / "run"
    assert coi("scan", demo / "data", "--out", run, "-q", "--workspace", ws).exit_code == 0
    wrong = coi("report", run, "--audience", "rvc", "--workspace", demo / "coi-workspace.sqlite",
                lang=lang)
    assert wrong.exit_code == 0, wrong.output
    assert f"{run} {note} {demo / 'coi-workspace.sqlite'}" in wrong.stderr, wrong.output
    right = coi("report", run, "--audience", "rvc", "--workspace", ws, lang=lang)
    assert right.exit_code == 0 and note not in right.output, right.output


def test_match_list_json_speaks_the_run_language_beside_its_codes(demo: Path) -> None:
    """`coi match list --json`: the feature codes and weights as they are, the reason and
    the explanation (sentences for people) in the run's language; they were English in a
    Dutch run."""
    ws = demo / "coi-workspace.sqlite"
    got = {}
    for lang in ("nl", "en"):
        r = coi("match", "list", demo / "data", "--workspace", ws, "--json", lang=lang)
        assert r.exit_code == 0, r.output
        got[lang] = json.loads(r.stdout)
    nl, en = got["nl"], got["en"]
    assert [m["features"] for m in nl] == [m["features"] for m in en] and nl
    assert any("geboortedatum" in m["detail"] for m in nl)
    assert not any(re.search(r"\b(surname|birth date|given names?)\b", m["detail"] + m["reason"])
                   for m in nl)
    assert any("birth date" in m["detail"] for m in en)
    assert not any("geboortedatum" in m["detail"] + m["reason"] for m in en)


def _damaged(doc: Any, how: str) -> Any:
    """The run's findings.json damaged as a hand edit or a cut-off copy leaves it."""
    f = doc["findings"]
    if how == "id missing":
        del f[0]["finding_id"]
    elif how == "rule an object":
        f[1]["rule"] = {"code": "self_interest"}
    elif how == "path cites nothing":
        f[0]["path"] = {"nodes": [10 ** 6], "steps": []}
    elif how == "a step not an object":
        doc["evidence"]["steps"][0] = 7
    elif how == "newer schema":
        doc["schema_version"] = 99
    return doc


@pytest.mark.parametrize("how", ["id missing", "rule an object", "path cites nothing",
                                 "a step not an object", "newer schema"])
def test_a_damaged_findings_file_is_explained_in_the_run_language(demo: Path, tmp_path: Path,
                                                                  how: str) -> None:
    """A findings.json that cannot be read: which finding and field, and what to do, in
    the run's language (the message was English in a Dutch run: "finding 1: 'finding_id'
    is missing; run `coi scan` again to write it anew")."""
    import shutil

    run = tmp_path / "run"
    shutil.copytree(demo / "run", run)
    doc = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    (run / "findings.json").write_text(json.dumps(_damaged(doc, how)), encoding="utf-8")
    nl = coi("explore", run, "--out", tmp_path / "pages")
    assert nl.exit_code == 2, nl.output
    assert "voer `coi scan` opnieuw uit" in nl.output, nl.output
    assert not re.search(r"\b(finding|missing|must|got|expected|step|again|newer)\b",
                         nl.output), nl.output
    en = coi("explore", run, "--out", tmp_path / "pages-en", lang="en")
    assert en.exit_code == 2 and "run `coi scan` again to write it anew" in en.output, en.output
