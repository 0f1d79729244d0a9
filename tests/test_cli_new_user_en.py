"""What an English-speaking auditor and the board secretary run into following the README
from a fresh clone (`--lang en` / COI_LANG=en): amounts written the Dutch way on English
pages, a board report without the open high-risk cases, a trend that called the second scan
"the first", and `coi cases | head` ending in "Error: Broken pipe".  Through click's
CliRunner on the small demo (and a real process for the closed pipe)."""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_cli_new_user import coi as coi_nl

from coi_graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
#: An amount in Dutch notation with a thousands dot (``EUR 8.450``, ``EUR 9.840,50``).
DUTCH_EUR = re.compile(r"EUR \d{1,3}(?:\.\d{3})+(?:,\d\d)?\b")
#: The same in English notation (``EUR 8,450``, ``EUR 9,840.50``).
ENGLISH_EUR = re.compile(r"EUR \d{1,3}(?:,\d{3})+(?:\.\d\d)?\b")


def coi(*args: Any, lang: str = "en") -> Result:
    """:func:`test_cli_new_user.coi`, English unless told."""
    return coi_nl(*args, lang=lang)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`coi demo --lang en` once: data/, run/ (an English run) and the workspace."""
    out = tmp_path_factory.mktemp("newuser_en") / "coi-demo"
    r = coi("demo", "--out", out, "-q")
    assert r.exit_code == 0, r.output
    return out


def _pages(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))
                     if "assets" not in p.parts)


def test_amounts_are_written_in_the_notation_of_the_runs_language(demo: Path,
                                                                   tmp_path: Path) -> None:
    """An English run writes EUR 8,450 and EUR 9,840.50 (its findings.csv path, the explore
    pages with a rule's explanation and score reasons, the audit report, `coi cases`); a
    Dutch run keeps EUR 8.450.  They were Dutch everywhere: "purchase order 2024-03-12,
    EUR 8.450" on an English page."""
    ws = demo / "coi-workspace.sqlite"
    with (demo / "run" / "findings.csv").open(encoding="utf-8", newline="") as fh:
        paths = [row["path"] for row in csv.DictReader(fh)]
    assert any("purchase order 2024-03-12, EUR 8,450" in p for p in paths), paths
    assert any("EUR 9,840.50" in p for p in paths), paths
    assert not [p for p in paths if DUTCH_EUR.search(p)]

    r = coi("explore", demo / "run", "--workspace", ws)
    assert r.exit_code == 0, r.output
    en = _pages(demo / "run" / "explore")
    assert "EUR 1,240,000" in en and "EUR 9,840.50" in en
    assert "each below the mandate of EUR 10,000, together EUR 11,705." in en  # explanation
    assert "amount of at least EUR 50,000" in en                                # score reason
    assert DUTCH_EUR.findall(en) == []

    r = coi("report", demo / "run", "--audience", "audit", "--workspace", ws)
    assert r.exit_code == 0, r.output
    audit = (demo / "run" / "reports" / "audit-report-en.md").read_text(encoding="utf-8")
    assert "EUR 8,450" in audit and DUTCH_EUR.findall(audit) == []

    shown = coi("cases", "F-1b595cab2c2c88d3", "--workspace", ws)  # the stored path
    assert shown.exit_code == 0, shown.output
    assert "purchase order 2024-03-12, EUR 8,450" in shown.output, shown.output

    # Dutch stays Dutch, in a run of its own
    nl_run = tmp_path / "run-nl"
    r = coi("scan", demo / "data", "--out", nl_run, "-q", "--workspace", tmp_path / "ws.sqlite",
            lang="nl")
    assert r.exit_code == 0, r.output
    nl_csv = (nl_run / "findings.csv").read_text(encoding="utf-8")
    assert "inkooporder 2024-03-12, EUR 8.450" in nl_csv and "EUR 9.840,50" in nl_csv
    assert ENGLISH_EUR.findall(nl_csv) == []
    r = coi("explore", nl_run, "--workspace", tmp_path / "ws.sqlite", lang="nl")
    assert r.exit_code == 0, r.output
    nl = _pages(nl_run / "explore")
    assert "het mandaat van EUR 10.000, samen EUR 11.705." in nl
    assert ENGLISH_EUR.findall(nl) == []


def _kpis(md: Path) -> dict[str, str]:
    """The key figures of an RvC report's Markdown: label -> shown value."""
    text = md.read_text(encoding="utf-8")
    block = text.split("\n## ")[1]
    return {m.group(1): m.group(2).replace("\\", "")
            for m in re.finditer(r"^- (.+?): \*\*(.+?)\*\*$", block, re.M)}


def test_the_board_report_gives_the_open_high_risk_cases_in_both_languages(
        demo: Path, tmp_path: Path) -> None:
    """The RvC report's key figures include the high-risk findings still open or in review
    (what the board asks first), in both languages with the same figures; one decided
    high-risk case of nine is not given away by subtraction ("≥ 5", not 8)."""
    ws = tmp_path / "ws.sqlite"
    run = tmp_path / "run"
    assert coi("scan", demo / "data", "--out", run, "-q", "--workspace", ws).exit_code == 0

    def report() -> dict[str, dict[str, str]]:
        out = {}
        for lang in ("nl", "en"):
            r = coi("report", run, "--audience", "rvc", "--workspace", ws, lang=lang)
            assert r.exit_code == 0, r.output
            out[lang] = _kpis(run / "reports" / f"rvc-report-{lang}.md")
        # the whole report gives the same figures, in the same order, in both languages
        figures = {lang: re.findall(r"[<\u2265\u2013%]|\d+", (
            run / "reports" / f"rvc-report-{lang}.md").read_text(encoding="utf-8"))
            for lang in ("nl", "en")}
        assert figures["nl"] == figures["en"]
        return out

    before = report()
    assert before["en"]["High risk"] == "9"
    assert before["en"]["High risk, still open or in review"] == "9"
    assert before["nl"]["Hoog risico, nog open of in behandeling"] == "9"
    assert list(before["nl"].values()) == list(before["en"].values())

    high = re.search(r"(F-[0-9a-f]{16})\s+open\s+\S+\s+high",
                     coi("cases", "--workspace", ws).output).group(1)
    r = coi("triage", high, "--status", "explained", "--note", "known", "--by", "A. Jansen",
            "--workspace", ws)
    assert r.exit_code == 0, r.output
    after = report()
    assert after["en"]["High risk, still open or in review"] == "\u2265 5"
    assert after["nl"]["Hoog risico, nog open of in behandeling"] == "\u2265 5"
    assert list(after["nl"].values()) == list(after["en"].values())


def test_a_second_scan_of_one_reference_date_is_not_called_the_first(demo: Path,
                                                                     tmp_path: Path) -> None:
    """Scan 2 of 2 with the same reference date: the trend section says both scans have one
    reference date and when a trend appears (it said "This is the first recorded scan."
    under a heading "Scan 2 of 2"); the first scan's report still says it is the first."""
    ws = tmp_path / "ws.sqlite"
    for name in ("q4", "q4-again"):
        assert coi("scan", demo / "data", "--out", tmp_path / name, "-q",
                   "--workspace", ws).exit_code == 0
    said = {}
    for lang in ("nl", "en"):
        for name in ("q4", "q4-again"):
            r = coi("report", tmp_path / name, "--audience", "rvc", "--workspace", ws,
                    lang=lang)
            assert r.exit_code == 0, r.output
            said[lang, name] = (tmp_path / name / "reports" /
                                f"rvc-report-{lang}.html").read_text(encoding="utf-8")
    assert "Scan 2 of 2" in said["en", "q4-again"]
    assert "first recorded scan" not in said["en", "q4-again"]
    assert ("The 2 recorded scans all have the same reference date (31 December 2024); the trend "
            "appears once a scan of another reference date is recorded.") in said["en", "q4-again"]
    assert "eerste vastgelegde scan" not in said["nl", "q4-again"]
    assert "De 2 vastgelegde scans hebben alle dezelfde peildatum (31 december 2024)" in \
        said["nl", "q4-again"]
    assert "This is the first recorded scan." in said["en", "q4"]
    assert "Dit is de eerste vastgelegde scan." in said["nl", "q4"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cases_into_a_closed_pipe_ends_quietly(demo: Path, lang: str) -> None:
    """`coi cases | head`: the reader closed the pipe.  The command ends with exit 0 and
    nothing on stderr (it printed "Error: Broken pipe", in English also in a Dutch run)."""
    read, write = os.pipe()
    os.close(read)                       # every write to stdout now fails with EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "coi_graph.cli", "cases", "--workspace",
             str(demo / "coi-workspace.sqlite"), "--lang", lang],
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "COI_LANG": ""})
    finally:
        os.close(write)
    assert "Broken pipe" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(("lang", "asked", "again"), [
    ("nl", "Wachtwoord: ", "Herhaal ter bevestiging: "),
    ("en", "Password: ", "Repeat for confirmation: ")])
def test_user_add_asks_the_password_in_the_run_language(demo: Path, lang: str, asked: str,
                                                         again: str) -> None:
    """`coi user add NAME` asks the password twice: both prompts in one language (Dutch
    asked "Password:" and then "Herhaal ter bevestiging:")."""
    r = CliRunner().invoke(main, ["user", "add", f"Tester {lang}", "--workspace",
                                  str(demo / "coi-workspace.sqlite"), "--lang", lang],
                           input="a-long-secret\na-long-secret\n", env={"COI_LANG": ""},
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert r.output.startswith(asked + "\n" + again + "\n"), r.output
    assert ("Password" in r.output) == (lang == "en"), r.output


def test_progress_counts_are_written_with_the_languages_thousands_separator(
        demo: Path, tmp_path: Path) -> None:
    """The progress lines of `coi demo` and `coi scan` count with thousands separators like
    the line after them ("decisions: 5,648"); they said "contracts: 5400" and "checking
    contracts.csv (5431 rows)"."""
    r = coi("demo", "--out", tmp_path / "demo")
    assert r.exit_code == 0, r.output
    assert "contracts: 5,400\n" in r.output and "(5,431 rows)" in r.output, r.output
    assert re.search(r"\d{4} rows\)|: \d{4}\n", r.output) is None, r.output
    r = coi("scan", demo / "data", "--out", tmp_path / "run-nl", "--workspace",
            tmp_path / "ws.sqlite", lang="nl")
    assert r.exit_code == 0, r.output
    assert "nagaan: contracts.csv (5.431 rijen)" in r.output, r.output


def test_a_finding_rescored_by_a_rules_setting_is_put_down_to_the_policy(
        demo: Path, tmp_path: Path) -> None:
    """Same input files, a higher gift value limit: the gift finding keeps its evidence and
    loses 10 points.  `coi diff` puts that down to the policy and names the setting; it
    said "data" beside "data: identical input files"."""
    policy = tmp_path / "policy.yaml"
    policy.write_text("gifts:\n  value_limit_eur: 500\n", encoding="utf-8")
    r = coi("scan", demo / "data", "--out", tmp_path / "run", "-q", "--policy", policy,
            "--workspace", tmp_path / "ws.sqlite")
    assert r.exit_code == 0, r.output
    r = coi("diff", demo / "run", tmp_path / "run", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["tables_changed"] == [] and doc["settings_changed"] == ["gifts.value_limit_eur"]
    rescored = [e for e in doc["findings"] if e["rescored"]]
    assert rescored, doc["findings"]
    for e in rescored:
        assert e["cause"] == "policy", e
        assert e["reason"].endswith("(gifts.value_limit_eur changed)"), e
    for lang, cause in (("en", "policy"), ("nl", "beleid")):
        shown = coi("diff", demo / "run", tmp_path / "run", lang=lang).output
        line = next(x for x in shown.splitlines() if rescored[0]["finding_id"] in x)
        assert f" {cause} " in line, line


def test_the_neo4j_import_instructions_are_in_the_run_language(demo: Path,
                                                               tmp_path: Path) -> None:
    """`coi export neo4j-import` in a Dutch run: IMPORT.txt in Dutch and the counts with a
    Dutch thousands dot (it was English, and the printed line said "6,924 knopen"); the
    command block, which a test runs through neo4j-admin, is the same in both languages."""
    said, text = {}, {}
    for lang in ("nl", "en"):
        out = tmp_path / f"import-{lang}"
        r = coi("export", "neo4j-import", demo / "data", out, "-q", lang=lang)
        assert r.exit_code == 0, r.output
        said[lang] = r.output
        text[lang] = (out / "IMPORT.txt").read_text(encoding="utf-8")
    assert re.search(r"\(\d{1,3}\.\d{3} knopen, \d{1,3}\.\d{3} relaties\)", said["nl"]), said
    assert re.search(r"\(\d{1,3},\d{3} nodes, \d{1,3},\d{3} relationships\)", said["en"]), said
    assert text["nl"].startswith("Deze bestanden importeren in Neo4j 5\n")
    assert "Stop de database" in text["nl"] and re.search(r"Bestanden: \d\.\d{3} knopen",
                                                            text["nl"])
    for english in ("How to import", "Stop the database", "Files:", "nodes in", "run:"):
        assert english not in text["nl"], english
    assert text["en"].startswith("How to import these files into Neo4j 5\n")

    def block(doc: str, folder: str) -> str:
        return doc.split("&& \\\n", 1)[1].split("\n\n", 1)[0].replace(folder, "X")
    assert block(text["nl"], "import-nl") == block(text["en"], "import-en")


def test_the_operating_systems_reason_is_given_in_the_run_language(demo: Path,
                                                                    tmp_path: Path) -> None:
    """A policy file that is not there and a port that is taken: the system's reason in
    brackets was English in a Dutch line ("het beleidsbestand kan niet worden gelezen (No
    such file or directory)"); English keeps it as the system says it."""
    missing = tmp_path / "nope.yaml"
    nl = coi("scan", demo / "data", "--out", tmp_path / "r", "--policy", missing, lang="nl")
    en = coi("scan", demo / "data", "--out", tmp_path / "r", "--policy", missing)
    assert nl.exit_code == en.exit_code == 2
    assert "het beleidsbestand kan niet worden gelezen (bestand of map bestaat niet)." in \
        nl.output, nl.output
    assert "cannot read the policy file (No such file or directory)." in en.output, en.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        nl = coi("serve", "--workspace", demo / "coi-workspace.sqlite", "--port", port,
                 "--user", "x", lang="nl")
    assert nl.exit_code == 2, nl.output
    assert f"kan niet luisteren op 127.0.0.1:{port} (adres al in gebruik)" in nl.output, \
        nl.output


def test_the_hints_to_make_old_pages_again_name_the_scans_workspace(tmp_path: Path) -> None:
    """`coi demo` run twice: the hints to make the old pages and reports again name the
    demo's workspace, as its next steps do (without it the pages show no case status and
    the report no statuses or trend); a scan into the default workspace ($COI_WORKSPACE)
    needs no flag."""
    out = tmp_path / "coi-demo"
    assert coi("demo", "--out", out, "-q").exit_code == 0
    ws = out / "coi-workspace.sqlite"
    assert coi("explore", out / "run", "--workspace", ws).exit_code == 0
    assert coi("report", out / "run", "--audience", "rvc", "--workspace", ws).exit_code == 0
    again = coi("demo", "--out", out, "-q")
    assert again.exit_code == 0, again.output
    assert f"make the pages again: coi explore {out / 'run'} --workspace {ws}\n" in again.output
    assert (f"make them again: coi report {out / 'run'} --audience rvc --workspace {ws} "
            "(or audit)") in again.output
    r = CliRunner().invoke(main, ["scan", str(out / "data"), "--out", str(out / "run"), "-q",
                                  "--workspace", str(ws), "--lang", "en"],
                           env={"COI_LANG": "", "COI_WORKSPACE": str(ws)},
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert f"make the pages again: coi explore {out / 'run'}\n" in r.output, r.output
