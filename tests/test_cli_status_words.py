"""``coi cases`` and ``coi triage`` take a case status as the outputs write it.

``coi cases`` shows the statuses as words of the output's language (``geseponeerd``, ``in
behandeling``), but ``--status`` took only the codes (``dismissed``, ``in_review``): a user
typing what the list showed got "'geseponeerd' is niet een van ...".  The words of both
languages now name their code; the code still works and is what is recorded.
"""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_verify import decided_workspace
from test_workspace import make_finding

from coi_graph.cli import main
from coi_graph.outputs.workspace import open_workspace


def _cases(ws: Path, *args: str) -> str:
    res = CliRunner().invoke(main, ["cases", "--workspace", str(ws), "--json", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_cases_and_triage_take_the_status_words_the_outputs_show(tmp_path: Path) -> None:
    ws = decided_workspace(tmp_path)
    confirmed, dismissed = make_finding("E1").finding_id, make_finding("E2",
                                                                       decision="D2").finding_id
    # E2's case is covered by an accepted situation (decided_workspace)
    for word in ("geaccepteerd", "Geaccepteerd", "accepted"):
        out = _cases(ws, "--status", word)
        assert dismissed in out and confirmed not in out, (word, out)
    out = _cases(ws, "--status", "bevestigd")
    assert confirmed in out and dismissed not in out, out
    res = CliRunner().invoke(main, ["triage", confirmed, "--status", "in  behandeling",
                                    "--by", "A. Jansen", "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    with open_workspace(ws) as w:
        assert {r["finding_id"]: r["status"] for r in w.cases()}[confirmed] == "in_review"
    assert confirmed in _cases(ws, "--status", "in review")
    res = CliRunner().invoke(main, ["triage", confirmed, "--status", "geseponeerd", "--note",
                                    "other person", "--by", "A. Jansen", "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    out = _cases(ws, "--status", "geseponeerd")
    assert confirmed in out and dismissed not in out, out
    bad = CliRunner().invoke(main, ["cases", "--workspace", str(ws), "--status", "weg"])
    assert bad.exit_code == 2 and "weg" in bad.output, bad.output
