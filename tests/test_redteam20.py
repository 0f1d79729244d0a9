"""Red-team pass of session 20: new angles against the privacy rules, the outputs and the
workspace.  What test_redteam19, test_compliance_redteam, test_hostile_input(18), test_xss,
test_fuzz_regressions, test_ingest_bsn, test_folder_robustness, test_audit_key and
test_verify already cover is not repeated; each test names the attack it stands for and was
seen failing with its fix taken out (see the session report).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from corp import BASE, write_csv

from coi_graph.cli import main
from coi_graph.errors import InputError
from coi_graph.outputs.workspace import Workspace
from ingest.detect_bsn import mask_bsn

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"
#: 111222333 and 123456782 pass the eleven test; every digit run of either, however
#: separated or in full-width digits, must not reach any output
_ANY_DIGIT = "[0-9\uff10-\uff19]"
LEAK = re.compile("(?:1|\uff11)\\D?(?:1|\uff11)\\D?(?:1|\uff11)\\D?(?:2|\uff12)\\D?(?:2|\uff12)"
                  "\\D?(?:2|\uff12)\\D?(?:3|\uff13)\\D?(?:3|\uff13)\\D?(?:3|\uff13)"
                  "|123\\D?456\\D?782")


def _cli(args: list[str], lang: str = "nl", **env: str) -> Any:
    return CliRunner().invoke(main, args, env={"COI_LANG": lang, **env},
                              catch_exceptions=False)


def _full_width(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in digits)


# -- a BSN with the spaces a word processor puts in a number ------------------------------


def test_a_bsn_with_no_break_spaces_or_full_width_digits_is_masked() -> None:
    """Word, Excel and web pages put a no-break space (U+00A0) or a narrow one (U+202F) in a
    number where a space was typed; an East Asian keyboard types full-width digits.  Either
    way the number is shown as the same BSN, and mask_bsn let it through."""
    for form in (f"111{NBSP}222{NBSP}333", f"111{NNBSP}222{NNBSP}333",
                 f"1112{NBSP}22{NBSP}333", f"111{THIN}222{THIN}333", _full_width("111222333"),
                 f"{_full_width('111')}{NBSP}{_full_width('222')}{NBSP}{_full_width('333')}"):
        assert mask_bsn(f"bsn {form}.") == "bsn *********.", repr(form)
    # still not a BSN: the separators must be the same, a longer number is left whole
    for other in (f"111{NBSP}222 333", f"0111{NBSP}222{NBSP}333", _full_width("111222334"),
                  f"123{NBSP}456{NBSP}789,00"):
        assert mask_bsn(other) == other, repr(other)


def test_a_bsn_pasted_with_no_break_spaces_reaches_no_output(tmp_path: Path) -> None:
    """A department, an organization's name and a relative's name with a BSN pasted from a
    letter (no-break spaces, full-width digits) reached findings.json, findings.csv,
    graph.json, the pages and the case list whole; a note with one was kept for ever."""
    d = copy.deepcopy(BASE)
    d["employees"][0]["department"] = f"Inkoop (bsn 111{NBSP}222{NBSP}333)"
    d["employees"][1]["name"] = f"Anna Bakker {_full_width('123456782')}"
    d["employees"][2]["birth_date"] = f"bsn {_full_width('111222333')}"  # quoted by its problem
    d["organizations"][0]["name"] = f"Bouw 111{NNBSP}222{NNBSP}333 B.V."
    d["relatives"][0]["name"] = f"Petra de Vries 1112{NBSP}22{NBSP}333"
    d["declarations"] = [dict(declaration_id="DC1", employee_id="E1", kind="financial_interest",
                              org_id="O1", status="approved", valid_from="01-01-2020",
                              position=f"aandeelhouder, BSN {_full_width('111222333')}")]
    data = tmp_path / "data"
    data.mkdir()
    for name, rows in d.items():
        write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    run, ws = tmp_path / "run", tmp_path / "ws.sqlite"
    r = _cli(["scan", str(data), "--out", str(run), "-q", "--workspace", str(ws)])
    assert r.exit_code == 0, r.output
    assert _cli(["explore", str(run)]).exit_code == 0
    assert _cli(["report", str(run), "--workspace", str(ws), "--audience", "audit"]
                ).exit_code == 0
    cases = _cli(["cases", "--workspace", str(ws), "--csv"])
    outputs = [p for p in run.rglob("*") if p.is_file() and p.suffix != ".js"]
    assert any(p.suffix == ".html" for p in outputs)
    for path in outputs:
        assert not LEAK.search(path.read_text(encoding="utf-8", errors="replace")), path
    checked = _cli(["validate", str(data)])
    assert "(bsn *********)" in checked.output or "bsn *********" in checked.output
    assert not LEAK.search(cases.output + r.output + checked.output)
    assert "Inkoop (bsn *********)" in (run / "findings.json").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="possible BSN"):
        Workspace._refuse_bsn(note=f"zie brief, bsn 111{NBSP}222{NBSP}333")


def test_a_bsn_in_a_header_is_masked_in_the_list_of_columns_not_used(tmp_path: Path) -> None:
    """A header holding a BSN (``klant 111 222 333``: a column added by hand for one
    client) is no contract column; its name was listed whole by `coi validate` and `coi
    scan` ("columns not used") and kept in run.json's ``columns_not_used``."""
    data = tmp_path / "data"
    data.mkdir()
    for name, rows in BASE.items():
        if name == "contracts":
            rows = [{**r, "klant 111 222 333": "x"} for r in rows]
        write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    checked = _cli(["validate", str(data)])
    assert "klant *********" in checked.output and not LEAK.search(checked.output)
    run = tmp_path / "run"
    r = _cli(["scan", str(data), "--out", str(run), "-q", "--workspace",
              str(tmp_path / "ws.sqlite")])
    assert r.exit_code == 0 and not LEAK.search(r.output)
    text = (run / "run.json").read_text(encoding="utf-8")
    assert "klant *********" in text and not LEAK.search(text)
