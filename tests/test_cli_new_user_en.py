"""What an English-speaking auditor and the board secretary run into following the README
from a fresh clone (`--lang en` / COI_LANG=en): amounts written the Dutch way on English
pages, a board report without the open high-risk cases, a trend that called the second scan
"the first", and `coi cases | head` ending in "Error: Broken pipe".  Through click's
CliRunner on the small demo (and a real process for the closed pipe)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from coi_graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
#: An amount in Dutch notation with a thousands dot (``EUR 8.450``, ``EUR 9.840,50``).
DUTCH_EUR = re.compile(r"EUR \d{1,3}(?:\.\d{3})+(?:,\d\d)?\b")
#: The same in English notation (``EUR 8,450``, ``EUR 9,840.50``).
ENGLISH_EUR = re.compile(r"EUR \d{1,3}(?:,\d{3})+(?:\.\d\d)?\b")


def coi(*args: Any, lang: str = "en") -> Result:
    """``coi ARGS --lang LANG`` with $COI_LANG unset; stdout and stderr together."""
    return CliRunner().invoke(main, [str(a) for a in args] + ["--lang", lang],
                              catch_exceptions=False, env={"COI_LANG": ""})


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
