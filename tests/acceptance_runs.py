"""What the acceptance tests (``test_blackbox_exports*.py``) share: the CLI run as a new
user runs it, the four runs of one generated data folder, and the checks every round makes
(planted conflicts found, near-misses not, no command stopped).  Each round's generator
(``tools/acceptance_exports*.py``) writes its own exports and ``expected.json``."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def coi(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    """``coi ARGS`` in a fresh process from ``tmp``, this checkout's code, no COI_LANG."""
    env = {k: v for k, v in os.environ.items() if k != "COI_LANG"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "coi_graph.cli", *args], cwd=tmp,
                          env=env, capture_output=True, text=True, timeout=300)


def run_round(tmp: Path, write_exports: Callable[[Path], dict],
              lang_before_command: bool = False) -> dict:
    """The exports written into ``tmp/data``, then ``validate`` and ``scan`` in Dutch and
    English (``--lang en`` after the command's name, or before it)."""
    exp = write_exports(tmp)
    data = tmp / "data"
    ws = str(tmp / "ws.sqlite")
    scan_en = ["scan", str(data), "--out", str(tmp / "out_en"), "-q", "--workspace", ws]
    runs = {
        "validate_nl": coi("validate", str(data), tmp=tmp),
        "validate_en": coi("validate", str(data), "--lang", "en", tmp=tmp),
        "scan_nl": coi("scan", str(data), "--out", str(tmp / "out_nl"), "-q",
                       "--workspace", ws, tmp=tmp),
        "scan_en": coi(*(["--lang", "en", *scan_en] if lang_before_command
                         else [*scan_en, "--lang", "en"]), tmp=tmp),
    }
    return {"tmp": tmp, "data": data, "exp": exp, "runs": runs}


def findings(out: Path) -> list[dict]:
    with open(out / "findings.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def matches(row: dict, want: dict) -> bool:
    """A finding row is the planted case: its rule, person and (when given) decision."""
    if row["rule"] != want["rule"] or row["subject_id"] != want["person"]:
        return False
    return want["decision"] is None or want["decision"] in {
        row["decision_id"], *row["decision_ids"].split(";")}


def check_no_run_stopped(acc: dict) -> None:
    for name, run in acc["runs"].items():
        assert run.returncode == 0, (name, run.stdout[-2000:], run.stderr[-2000:])
        assert "Traceback" not in run.stderr + run.stdout, name


def check_planted_found(acc: dict, lang: str) -> None:
    rows = findings(acc["tmp"] / f"out_{lang}")
    missing = [w for w in acc["exp"]["findings"] if not any(matches(r, w) for r in rows)]
    assert not missing, missing


def check_no_near_miss(acc: dict, lang: str) -> None:
    rows = findings(acc["tmp"] / f"out_{lang}")
    wrong = [(w, [r["path"] for r in rows if matches(r, w)])
             for w in acc["exp"]["not_findings"] if any(matches(r, w) for r in rows)]
    assert not wrong, wrong


#: words of one language that the other's messages never hold (file names, headers and
#: values in quotes are taken out before looking)
ENGLISH = re.compile(r"\b(the|are|value\(s\)|read as|and|with|which|write|row|column|"
                     r"warning|file)\b")
DUTCH = re.compile(r"\b(de|het|wordt|worden|gelezen|regel|waarschuwing|niet|schrijf|"
                   r"bestand|kolom|waarde\(n\))\b")


def prose(line: str, files: list[str]) -> str:
    """The line without what is quoted or named: values, headers, file names."""
    for f in sorted(files, key=len, reverse=True):
        line = line.replace(f, " ")
    line = re.sub(r"'[^']*'", " ", line)
    return re.sub(r"\([A-Z][^()]*\)", " ", line)   # a header in brackets: (Geboortedatum)


def lines_in_other_language(text: str, lang: str, files: list[str]) -> list[str]:
    """The lines of ``text`` (a run in ``lang``) that hold a word of the other language."""
    other = ENGLISH if lang == "nl" else DUTCH
    return [ln for ln in text.splitlines() if other.search(prose(ln, files))]


def check_runs_language(acc: dict, lang: str, files: list[str]) -> None:
    """Every line `coi validate` and `coi scan` printed in ``lang`` is in ``lang``."""
    out = acc["runs"][f"validate_{lang}"].stdout + acc["runs"][f"scan_{lang}"].stdout
    wrong = lines_in_other_language(out, lang, files)
    assert not wrong, wrong[:5]


class RoundChecks:
    """The checks every round makes of its four runs, as test methods: a round's file
    inherits them in one class and says only what differs::

        class TestRound(RoundChecks):
            min_planted = 8

    The file's module fixture ``acc`` (:func:`run_round`) is what they check.
    """

    #: the fewest rules the round plants conflicts of, and the fewest near misses
    min_planted = 0

    def named_files(self, acc: dict) -> list[str]:
        """The file names the runs' lines may quote (taken out before the language check)."""
        return sorted(acc["exp"]["rows"])

    def test_the_commands_run_without_a_problem_that_stops_them(self, acc: dict) -> None:
        check_no_run_stopped(acc)

    @pytest.mark.parametrize("lang", ["nl", "en"])
    def test_every_planted_conflict_is_found(self, acc: dict, lang: str) -> None:
        check_planted_found(acc, lang)

    @pytest.mark.parametrize("lang", ["nl", "en"])
    def test_no_planted_near_miss_is_a_finding(self, acc: dict, lang: str) -> None:
        check_no_near_miss(acc, lang)

    def test_the_round_plants_enough(self, acc: dict) -> None:
        rules = {w["rule"] for w in acc["exp"]["findings"]}
        assert len(rules) >= self.min_planted, rules
        assert len(acc["exp"]["not_findings"]) >= self.min_planted

    def test_findings_do_not_depend_on_the_language(self, acc: dict) -> None:
        """The same findings, with the same ids and scores, whichever language ran."""
        key = ("finding_id", "rule", "subject_id", "decision_id", "decision_ids", "score")
        nl, en = ([tuple(r[k] for k in key) for r in findings(acc["tmp"] / f"out_{lang}")]
                  for lang in ("nl", "en"))
        assert nl and sorted(nl) == sorted(en)

    @pytest.mark.parametrize("lang", ["nl", "en"])
    def test_every_line_is_in_the_runs_language(self, acc: dict, lang: str) -> None:
        check_runs_language(acc, lang, self.named_files(acc))
