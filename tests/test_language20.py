"""Language slips of the twentieth session: every output is entirely in one language.

Dutch by default, English on request; these were half-and-half before (the operating
system's English reasons inside Dutch messages, ...)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from corp import BASE, write_csv

from coi_graph.cli import main
from coi_graph.cli_text import OS_REASONS, os_reason, translate


def _cli(args: list[str], lang: str = "nl", input: str | None = None, **env: str) -> Any:
    return CliRunner().invoke(main, ["--lang", lang, *args], input=input,
                              env={"COI_LANG": None, **env})


# -- 1. the operating system's reasons ----------------------------------------------------

COMMON = ("ENOENT", "EACCES", "EPERM", "ELOOP", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS",
          "EMFILE", "ENAMETOOLONG", "EIO", "EBUSY")


@pytest.mark.parametrize("name", COMMON)
def test_a_common_reason_is_said_in_either_language(name: str) -> None:
    code = getattr(errno, name)
    nl, en = OS_REASONS[code]
    exc = OSError(code, os.strerror(code))
    assert os_reason(exc, "nl") == nl and os_reason(exc, "en") == en
    assert nl != en
    # as a library message quotes it (English, the platform's text), shown in Dutch
    assert translate(f"x.csv: not accessible ({os.strerror(code)})", "nl") \
        == f"x.csv: niet toegankelijk ({nl})"


def test_an_uncommon_reason_keeps_its_errno_name_not_the_english_sentence() -> None:
    exc = OSError(errno.EXDEV, os.strerror(errno.EXDEV))
    assert os_reason(exc, "nl") == os_reason(exc, "en") == "EXDEV"
    assert translate(f"the file cannot be opened ({os.strerror(errno.EXDEV)}); check "
                     "permissions", "nl") \
        == "het bestand kan niet worden geopend (EXDEV); controleer de rechten"
    assert translate(f"m.yaml: {os.strerror(errno.EACCES)}", "nl") == "m.yaml: geen toegang"


def test_a_link_loop_is_reported_wholly_in_dutch(tmp_path: Path) -> None:
    """"niet toegankelijk (Too many levels of symbolic links)" in a Dutch run."""
    data = tmp_path / "data"
    data.mkdir()
    for name, rows in BASE.items():
        write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    (data / "loopa.csv").symlink_to(data / "loopb.csv")
    (data / "loopb.csv").symlink_to(data / "loopa.csv")
    r = _cli(["validate", str(data)])
    assert f"loopb.csv: niet toegankelijk ({OS_REASONS[errno.ELOOP][0]})" in r.output, r.output
    assert os.strerror(errno.ELOOP) not in r.output
    r = _cli(["validate", str(data)], lang="en")
    assert f"loopb.csv: not accessible ({os.strerror(errno.ELOOP)})" in r.output, r.output



def test_an_os_error_that_ends_a_command_is_said_in_the_run_s_language() -> None:
    """The last resort (cli.os_error_line) quoted the platform's reason for an errno it has
    no advice for: "Fout: /x: Too many levels of symbolic links" in a Dutch run."""
    from coi_graph.cli import os_error_line

    for code, path in ((errno.ELOOP, "/x"), (errno.EMFILE, None), (errno.EBUSY, "/x")):
        exc = OSError(code, os.strerror(code), path) if path else OSError(code, os.strerror(code))
        _, line = os_error_line(exc)
        nl, en = OS_REASONS[code]
        assert translate(line, "nl") == (f"{path}: {nl}" if path else nl)
        assert os.strerror(code) in translate(line, "en")
    _, line = os_error_line(OSError(errno.EXDEV, os.strerror(errno.EXDEV), "/x"))
    assert translate(line, "nl") == "/x: EXDEV"

# -- 2. one word for a case ---------------------------------------------------------------

def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _texts(lang: str) -> list[str]:
    """Every page, report and CLI line of ``lang``: the serve pages' words (the explore
    pages' merged in), the reports' and the CLI's own lines."""
    from coi_graph.cli_text import TEXT as CLI
    from coi_graph.outputs import report
    from coi_graph.outputs.serve_text import text

    i = 0 if lang == "nl" else 1
    return (_strings(text(lang)) + _strings(report.TEXT[lang])
            + [pair[i] for pair in CLI.values()])


def test_the_dutch_pages_reports_and_cli_say_zaak_and_nothing_else() -> None:
    """``coi serve`` said "Casussen" and its RvC report "Dossier" where the CLI and the
    docs say "zaken"."""
    import re

    from coi_graph.outputs.serve_text import text

    other = re.compile(r"\b(casus|casussen|dossier|dossiers|kwestie|kwesties)\b", re.I)
    assert [s for s in _texts("nl") if other.search(s)] == []
    nl = text("nl")
    assert nl["serve_title"] == "Zaken" and nl["rows_found"] == "{n} zaken"
    assert "zaak" in nl["history"] and "zaak" in nl["no_history"]


def test_the_english_pages_reports_and_cli_say_case_and_nothing_else() -> None:
    import re

    other = re.compile(r"\b(matters?|dossiers?|issues)\b", re.I)
    assert [s for s in _texts("en") if other.search(s)] == []


# -- 3. dates in the reports --------------------------------------------------------------

ISO_DAY = r"\b\d{4}-\d\d-\d\d\b"


@pytest.mark.parametrize("audience", ["rvc", "audit"])
def test_the_reports_write_dates_as_the_language_does(tmp_path: Path, audience: str) -> None:
    """The RvC and audit reports showed 2024-06-30 in Dutch; the CSV and JSON keep ISO."""
    import datetime as dt
    import re

    from test_workspace import fake_result, make_finding

    from coi_graph.outputs.report import render_report
    from coi_graph.outputs.workspace import open_workspace, record_scan

    ws = tmp_path / "ws.sqlite"
    finding = make_finding()
    decision = finding.path.steps[1]  # a decision step as the scan writes it: dated
    decision.label_code = "decision"
    decision.label_params = {"decision_kind": "contract", "date": "2024-03-01",
                             "amount_eur": 1000.0}
    record_scan(fake_result(tmp_path / "run", [finding]), tmp_path / "run", ws)
    with open_workspace(ws) as w:
        w.triage(finding.finding_id, "in_review", "A. Jansen", "bekijken")  # a dated event
        w.accept(employee_id="E1", justification="ok", owner="Compliance",
                 valid_until="2099-12-31", by="A. Jansen")
    said = {"nl": ("Gegevens tot en met 30 juni 2024", "31 december 2099"),
            "en": ("Data up to 30 June 2024", "31 December 2099")}
    for lang, (until, accepted) in said.items():
        files = render_report(tmp_path / "run", audience, lang, tmp_path / f"out-{lang}", ws,
                              today=dt.date(2026, 12, 1))
        for text in (files.html.read_text("utf-8"), files.markdown.read_text("utf-8")):
            assert until in text, text[:600]
            if audience == "audit":
                assert accepted in text
                assert ("1 maart 2024" if lang == "nl" else "1 March 2024") in text
            assert re.findall(ISO_DAY, text) == [], re.findall(ISO_DAY, text)
    assert "2024-06-30" in (tmp_path / "run" / "run.json").read_text("utf-8")


# -- 4. amounts in reopen notes -----------------------------------------------------------

def test_a_reopen_note_writes_amounts_and_dates_as_the_language_does() -> None:
    """A reopened case said ``amount_eur 2450 -> 2950`` on a Dutch page."""
    from coi_graph.outputs.explore_text import reopen_note_text
    from coi_graph.outputs.workspace import describe_change

    def row(digest: str, amount: Any, day: str) -> dict[str, Any]:
        return {"key": "contracts C1", "digest": digest,
                "values": {"amount_eur": amount, "decision_date": day}}

    old = {"declared": 0, "evidence": ["contracts:C1"], "path": "a", "severity": "high",
           "evidence_rows": {"1": row("d1", 2450, "2024-03-01")}}
    new = dict(old, evidence_rows={"1": row("d2", 2950.5, "2024-04-02")})
    what = describe_change(old, new)
    assert "amount_eur 2450 -> 2950.5" in what  # the workspace keeps plain values
    note = f"evidence changed since dismissed on 2026-12-01: {what}"
    assert reopen_note_text(note, "nl") == (
        "bewijs veranderd sinds geseponeerd op 1 december 2026: contracts C1: "
        "amount_eur EUR 2.450 -> EUR 2.950,50, decision_date 1 maart 2024 -> 2 april 2024")
    assert reopen_note_text(note, "en") == (
        "evidence changed since dismissed on 1 December 2026: contracts C1: "
        "amount_eur EUR 2,450 -> EUR 2,950.50, decision_date 1 March 2024 -> 2 April 2024")


# -- 5. a piped password ------------------------------------------------------------------

@pytest.mark.parametrize("lang,prompt,repeat,added", [
    ("nl", "Wachtwoord:", "Herhaal ter bevestiging:", "gebruiker A. Jansen toegevoegd"),
    ("en", "Password:", "Repeat for confirmation:", "user A. Jansen added")])
def test_a_piped_password_draws_no_english_getpass_warning(tmp_path: Path, lang: str,
                                                           prompt: str, repeat: str,
                                                           added: str) -> None:
    """``printf 'pw\\npw\\n' | coi user add`` without a terminal: getpass printed "Warning:
    Password input may be echoed." (and a GetPassWarning) in English in a Dutch run."""
    import subprocess
    import sys

    from test_workspace import fake_result, make_finding

    from coi_graph.outputs.workspace import open_workspace, record_scan

    ws = tmp_path / "ws.sqlite"
    record_scan(fake_result(tmp_path / "run", [make_finding()]), tmp_path / "run", ws)
    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-m", "coi_graph.cli", "user", "add", "A. Jansen",
                          "--workspace", str(ws)], input="a long password 123\n" * 2,
                         capture_output=True, text=True, timeout=120, start_new_session=True,
                         env={**os.environ, "PYTHONPATH": str(root), "COI_LANG": lang})
    assert res.returncode == 0, res.stderr
    assert "Warning" not in res.stderr and "echoed" not in res.stderr, res.stderr
    assert res.stderr.split("\n")[:2] == [f"{prompt} ", f"{repeat} "], res.stderr
    assert "a long password" not in res.stdout + res.stderr
    assert added in res.stdout
    from coi_graph.outputs.serve_auth import users

    with open_workspace(ws, create=False) as w:
        assert [u["name"] for u in users(w)] == ["A. Jansen"]
