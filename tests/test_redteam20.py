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


# -- terminal escape injection through values from the exports ---------------------------

#: what a terminal acts on: ESC sequences (colour, cursor up, window title), the one-byte
#: CSI U+009B, a carriage return (overwrites the start of the line), U+202E (turns text)
_STEERS = ("\x1b[31m", "\x1b[1A", "\x1b]0;", "\x9b", "\r", "\u202e")


@pytest.fixture(scope="module")
def steering(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A workspace whose one finding carries values typed to steer a terminal."""
    root = tmp_path_factory.mktemp("steer")
    d = copy.deepcopy(BASE)
    d["employees"][0]["department"] = "Inkoop\u202egpj.exe\x9b2J"
    d["organizations"][0]["name"] = "Bouw\x1b[31m Noord\r\nB.V."
    d["contracts"][0]["decision_id"] = "D1\x1b[1A"
    d["declarations"] = [dict(declaration_id="DC1", employee_id="E1", kind="financial_interest",
                              org_id="O1", status="approved", valid_from="01-01-2020",
                              position="aandeelhouder\x1b]0;pwned\x07")]
    data = root / "data"
    data.mkdir()
    for name, rows in d.items():
        write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    ws = root / "ws.sqlite"
    r = _cli(["scan", str(data), "--out", str(root / "run"), "-q", "--workspace", str(ws)])
    assert r.exit_code == 0, r.output
    return ws, "Bouw\x1b[31m Noord\r\nB.V."


def _on_a_terminal(args: list[str]) -> str:
    """The output as a terminal gets it: click strips ESC sequences only when the output
    is no terminal, which hid the attack from every earlier test."""
    return CliRunner().invoke(main, args, env={"COI_LANG": "nl"}, color=True,
                              catch_exceptions=False).output


def test_values_from_the_exports_cannot_steer_the_terminal_coi_cases_prints_on(
        steering: tuple[Path, str]) -> None:
    """An organization named ``Bouw`` + ESC ``[31m`` printed `coi cases` in red, a decision
    id with ESC ``[1A`` moved the cursor up over the line before, a carriage return in a
    name let its end overwrite the start of the row, and U+009B (the one-character CSI)
    and U+202E went out as they were, in the table, the case view and --json alike."""
    ws, org_name = steering
    table = _on_a_terminal(["cases", "--workspace", str(ws)])
    assert "Bouw\ufffd[31m Noord B.V." in table and "D1\ufffd[1A" in table
    finding = re.search(r"F-[0-9a-f]{16}", table)
    assert finding is not None
    one = _on_a_terminal(["cases", finding.group(), "--workspace", str(ws)])
    assert "aandeelhouder\ufffd]0;pwned\ufffd" in one
    as_json = _on_a_terminal(["cases", "--workspace", str(ws), "--json"])
    as_csv = _on_a_terminal(["cases", "--workspace", str(ws), "--csv"])
    for shown in (table, one, as_json, as_csv.replace("\r\n", "\n")):
        for steer in _STEERS:
            assert steer not in shown, (steer, shown)
    # the JSON is the same data for a tool: the characters are escapes, not dropped
    import json

    row = json.loads(as_json)[0]
    assert row["counterparty_name"] == org_name
    assert row["subject_department"] == "Inkoop\u202egpj.exe\x9b2J"
    # findings.csv, read with cat or opened in Excel: C1 controls shown, as C0 were
    written = (ws.parent / "run" / "findings.csv").read_text(encoding="utf-8")
    assert "Inkoop\ufffdgpj.exe\ufffd2J" in written and "\x9b" not in written


def test_the_audit_report_s_markdown_cannot_steer_the_terminal_it_is_read_on(
        steering: tuple[Path, str], tmp_path: Path) -> None:
    """The audit report's .md is read with cat or less as often as in a viewer: its values
    had line breaks taken out, but ESC sequences, U+009B and a lone carriage return of a
    name from the exports went into it as they were."""
    ws, _ = steering
    out = tmp_path / "reports"
    r = _cli(["report", str(ws.parent / "run"), "--workspace", str(ws), "--audience", "audit",
              "--out", str(out)])
    assert r.exit_code == 0, r.output
    text = next(out.glob("audit-report-*.md")).read_text(encoding="utf-8")
    assert "Bouw\ufffd\\[31m Noord B.V." in text
    for steer in _STEERS:
        assert steer not in text, steer


def test_a_header_cannot_steer_the_terminal_the_mapping_draft_is_printed_on(
        tmp_path: Path) -> None:
    """`coi mapping` quotes each header of the export as it is (the draft must name it
    exactly): a header with U+202E or U+009B went out as it was.  Now they are escapes in
    the YAML string, which reads back as the same header."""
    import yaml

    header = "klant\x1b[31m\u202egpj\x9b2J"
    data = tmp_path / "data"
    data.mkdir()
    for name, rows in BASE.items():
        if name == "contracts":
            rows = [{**r, header: "x"} for r in rows]
        write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    draft = tmp_path / "mapping.yaml"
    r = _cli(["mapping", str(data), "--out", str(draft)])
    assert r.exit_code == 0, r.output
    text = draft.read_text(encoding="utf-8")
    for steer in _STEERS:
        assert steer not in text and steer not in r.output, steer
    columns = yaml.safe_load(text)["tables"]["contracts"]["columns"]
    assert columns[header] == "ignore"


# -- a workbook damaged inside its zip ---------------------------------------------------


def _with_wrong_crc(path: Path, part: str) -> None:
    """``path`` (a zip) with the CRC-32 of ``part`` changed in its local header and in the
    central directory: what one changed byte in a download does to a part's check."""
    import struct
    import zipfile

    raw = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo(part)
    crc = struct.pack("<I", info.CRC)
    wrong = struct.pack("<I", info.CRC ^ 0x5A5A5A5A)
    local = info.header_offset + 14  # the local header's CRC-32
    assert raw[local:local + 4] == crc
    raw[local:local + 4] = wrong
    entry = raw.index(b"PK\x01\x02")
    while raw[entry + 46:entry + 46 + len(part)] != part.encode():  # its central entry
        entry = raw.index(b"PK\x01\x02", entry + 4)
    assert raw[entry + 16:entry + 20] == crc
    raw[entry + 16:entry + 20] = wrong
    path.write_bytes(bytes(raw))


def test_a_workbook_whose_sheet_fails_its_zip_check_is_refused_not_a_traceback(
        tmp_path: Path) -> None:
    """A sheet part whose CRC-32 does not fit (a byte changed on its way, or a zip that
    lies about a part's size: a 2.7 MB file that unpacks to 680 MB while saying 40 KB)
    passed the zip-bomb check and calamine's opening, then stopped `coi validate` and `coi
    scan` with zipfile's "BadZipFile: Bad CRC-32" traceback (exit 1) in the sheet-extent
    check.  Now it is an unreadable file: exit 2, in the run's language."""
    import openpyxl

    data = tmp_path / "data"
    data.mkdir()
    for name, rows in BASE.items():
        if name != "contracts":
            write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    columns = list(BASE["contracts"][0])
    ws.append(columns)
    for row in BASE["contracts"]:
        ws.append([row.get(c) for c in columns])
    wb.save(data / "contracts.xlsx")
    _with_wrong_crc(data / "contracts.xlsx", "xl/worksheets/sheet1.xml")
    checked = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": "en"})
    assert checked.exit_code == 2 and isinstance(checked.exception, SystemExit), \
        checked.output
    assert "contracts.xlsx: cannot be read: the workbook cannot be opened (BadZipFile); " \
        "open it in Excel" in checked.output
    r = CliRunner().invoke(main, ["scan", str(data), "--out", str(tmp_path / "run"), "-q",
                                  "--workspace", str(tmp_path / "ws.sqlite")],
                           env={"COI_LANG": "nl"})
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit), r.output
    assert "contracts.xlsx: kan niet worden gelezen: de werkmap kan niet worden geopend " \
        "(BadZipFile); open haar in Excel" in r.output


def test_a_file_under_a_workbook_s_name_larger_than_any_workbook_is_not_read_whole(
        tmp_path: Path) -> None:
    """A 3 GB file named gifts.xlsx (a disk image, a sparse file, a video renamed) was read
    into memory whole (3.3 GB, 40 s) only to be told it is no workbook; one named after no
    table (backup.xlsx) was read whole to look for its header.  A file larger than any
    workbook unpacks to (2 GiB) is refused, or passed over, by its size.  Here in a process
    that may use 3 GiB, with a sparse file of 2.2 GiB: read whole, it does not fit."""
    import os
    import resource
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    for name, rows in BASE.items():
        write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    for name in ("gifts.xlsx", "backup.xlsx"):
        with (data / name).open("wb") as fh:
            fh.truncate(int(2.2 * 2**30))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))

    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-m", "coi_graph.cli", "validate", str(data)],
                         capture_output=True, text=True, timeout=300, preexec_fn=limit,
                         env={**os.environ, "PYTHONPATH": str(root), "COI_LANG": "nl"})
    out = res.stdout + res.stderr
    assert res.returncode == 2, out[-2000:]
    assert ("gifts.xlsx: kan niet worden gelezen: het bestand is 2,2 GiB, meer dan een werkmap "
            "die dit programma leest uitgepakt is (2 GiB)") in out, out[-2000:]
    assert "backup.xlsx: niet gelezen: de naam past bij geen tabel" in out, out[-2000:]
    assert "Traceback" not in out and "MemoryError" not in out


def test_a_link_to_a_folder_or_a_link_loop_is_listed_with_what_it_is(tmp_path: Path) -> None:
    """A link to a folder is never followed: it was passed over in silence, also when named
    after a table (``contracten`` -> the export share), so the scan said only "no decisions
    to check" with the folder plainly there.  A link loop named ``x.csv`` was listed as
    "its name fits no table and its header is no table's", a header nobody read."""
    outside = tmp_path / "share"
    outside.mkdir()
    write_csv(outside / "contracts.csv", BASE["contracts"], encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    for name, rows in BASE.items():
        if name != "contracts":
            write_csv(data / f"{name}.csv", rows, encoding="utf-8")
    (data / "contracten").symlink_to(outside, target_is_directory=True)
    (data / "loopa.csv").symlink_to(data / "loopb.csv")
    (data / "loopb.csv").symlink_to(data / "loopa.csv")
    r = _cli(["validate", str(data)], lang="en")
    assert r.exit_code == 2
    assert ("contracten/: a link to a folder: links to folders are not followed; copy the "
            "folder itself into the data folder") in r.output, r.output
    assert "loopa.csv: not accessible (" in r.output
    assert "its header is no table's" not in r.output
    r = _cli(["validate", str(data)])
    assert ("contracten/: een koppeling naar een map: koppelingen naar mappen worden niet "
            "gevolgd; kopieer de map zelf naar de gegevensmap") in r.output, r.output
    assert ("loopb.csv: niet toegankelijk (") in r.output
    assert "het wordt niet geopend: zet het bestand zelf daar, of verwijder de koppeling" \
        in r.output


# -- credentials --------------------------------------------------------------------------


def test_a_password_in_the_neo4j_address_s_query_is_not_shown() -> None:
    """The JDBC habit ``?user=neo4j&password=...`` in NEO4J_URI: the driver takes the query
    as a ``neo4j://`` routing context, so the address was used, and "cannot reach Neo4j at
    neo4j://...?password=s3cretpw" printed the password; the user:password@ check only
    looked at the address's user part."""
    from coi_graph.engines.neo4j import Neo4jSettings

    for uri, shown in (("neo4j://h:7687/db?password=s3cretpw", "neo4j://h:7687/db?password=***"),
                       ("neo4j://h:7687?region=eu&password=s3cretpw#x",
                        "neo4j://h:7687?region=***&password=***"),
                       ("bolt://[::1:7687?password=s3cretpw", "bolt://[::1:7687?password=***"),
                       ("neo4j://localhost:7687", "neo4j://localhost:7687")):
        assert Neo4jSettings(uri=uri, user="neo4j").safe_uri == shown
    r = _cli(["neo4j", "status"], NEO4J_URI="neo4j://127.0.0.1:1?user=neo4j&password=s3cretpw",
             NEO4J_PASSWORD="other")
    assert r.exit_code == 1, r.output
    assert "neo4j://127.0.0.1:1?user=***&password=***" in r.output
    assert "s3cretpw" not in r.output
