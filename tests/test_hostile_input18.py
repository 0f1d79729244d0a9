"""Red-team pass of session 18 against hostile input and the privacy rules: what it found.

* a BSN typed into a value that is no text column (a birth date ``bsn 111222333``, an
  e-mail, a KvK number, a relation) was quoted whole in the problem about that value: on
  screen, in ``coi validate``'s list and in ``run.json`` (masked only when the value was
  nothing but the number); every problem message is now masked as text values are;
* a value masked as a possible BSN was announced in English in a Dutch run ("'*********'
  (a nine-digit number, not shown) is geen datum");
* a file name or header with an escape sequence (window title, clear screen), a line
  break (a forged problem line) or U+202E (``archief`` + U+202E + ``fdp.zip`` shown as
  ``archiefpiz.pdf``) reached the terminal as it was; a file name holding ``: `` kept its
  line in English;
* a 5 KB workbook with one value in XFD1048576 made the reader ask for 512 GiB and abort
  the process; a merged range to the sheet's end ended it in a MemoryError; both are
  refused before they are read, a style alone so far out still reads;
* a workbook refused as a zip bomb was refused in English in a Dutch run;
* the data folder's mapping.yaml linked to a file outside the folder was read;
* the board's report printed the findings of the merged small departments also when
  they were fewer than the group size together (the director's one-person Directie);
* a gift's giver typed with a Cyrillic look-alike letter (``Bоuwbedrijf``) fitted no
  organization, so the gift was checked against no decision;
* a CSV cell's formula after a line break in the value, or after U+202F or a BOM, was
  left as it was.

Other attacks of the pass and where they are covered: see the session report."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from corp import BASE, write_csv

from coi_graph.cli import main

#: one BSN (it passes the eleven test) in the ways people write it
ANY_FORM = re.compile(r"111[ .-]?222[ .-]?333")


def _cli(args: list[str], lang: str = "nl") -> Any:
    return CliRunner().invoke(main, args, env={"COI_LANG": lang}, catch_exceptions=False)


def _bsn_in_typed_values(folder: Path) -> Path:
    """A BSN typed into values of every kind of column that is no free text."""
    d = copy.deepcopy(BASE)
    d["employees"][2]["birth_date"] = "bsn 111222333"          # a date
    d["employees"][1]["email"] = "bsn 111222333"               # an e-mail
    d["employees"][1]["house_number"] = "111222333"            # a number, whole
    d["organizations"][1]["kvk_number"] = "kvk 111.222.333"    # a KvK number
    d["relatives"][0]["relation"] = "zus 111 222 333"          # a word of a vocabulary
    folder.mkdir(parents=True)
    for name, rows in d.items():
        write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    return folder


def test_a_bsn_inside_a_typed_value_is_masked_in_every_problem_and_run_json(
        tmp_path: Path) -> None:
    data = _bsn_in_typed_values(tmp_path / "data")
    for lang in ("nl", "en"):
        result = _cli(["validate", str(data)], lang)
        lines = [ln for ln in result.output.splitlines() if "*********" in ln]
        # each of the five values is named (the problem is still there) but never shown
        assert len(lines) == 5, result.output
        assert not ANY_FORM.search(result.output), result.output
    out = tmp_path / "run"
    result = _cli(["scan", str(data), "--out", str(out), "--workspace",
                   str(tmp_path / "ws.sqlite"), "--skip-bad-rows"])
    assert result.exit_code == 0, result.output
    assert not ANY_FORM.search(result.output)
    problems = json.loads((out / "run.json").read_text(encoding="utf-8"))["problems"]["list"]
    assert sum("*********" in p for p in problems) == 5, problems
    for path in out.rglob("*"):
        if path.is_file():
            assert not ANY_FORM.search(path.read_text(encoding="utf-8", errors="replace")), path


def test_a_value_masked_as_a_possible_bsn_is_announced_in_the_run_s_language(
        tmp_path: Path) -> None:
    data = _bsn_in_typed_values(tmp_path / "data")
    nl = _cli(["validate", str(data)], "nl").output
    en = _cli(["validate", str(data)], "en").output
    assert "huisnummer '*********' (een getal van negen cijfers, niet getoond) is geen " \
           "huisnummer" in nl, nl
    assert "nine-digit" not in nl and "not shown" not in nl, nl
    assert "house number '*********' (a nine-digit number, not shown) is not a house " \
           "number" in en, en


#: characters a terminal obeys or that turn text around on screen
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_names(folder: Path) -> Path:
    """File names and headers chosen to work on the terminal of whoever runs the tool: an
    escape sequence that sets the window title and clears the screen, a line break that
    starts a line of its own looking like a problem, and U+202E that shows ``fdp.zip`` as
    ``piz.pdf``."""
    d = copy.deepcopy(BASE)
    d["employees"][0]["Kolom\x1b[2K\x1b[1Arood"] = "x"
    d["employees"][0]["Opm\u202egpj.exe"] = "x"
    folder.mkdir(parents=True)
    for name, rows in d.items():
        write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    (folder / "notes\x1b]0;pwned\x07\x1b[2J.pdf").write_bytes(b"%PDF-1.4")
    (folder / "x\nemployees.csv:1: naam: is geen naam.pdf").write_bytes(b"%PDF-1.4")
    (folder / "archief\u202efdp.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    (folder / "oud\x1b]0;pwned\x07").mkdir()  # a folder named after no table, with a table
    write_csv(folder / "oud\x1b]0;pwned\x07" / "employees.csv", d["employees"],
              encoding="utf-8")
    return folder


def test_file_names_and_headers_cannot_steer_the_terminal_or_forge_a_line(
        tmp_path: Path) -> None:
    data = _hostile_names(tmp_path / "data")
    for lang in ("nl", "en"):
        out = _cli(["validate", str(data)], lang).output
        assert not OBEYED.search(out), repr(out)
        # the forged file name stays on its own line, after the two spaces of the list
        assert not any(ln.startswith("employees.csv:1") for ln in out.splitlines()), out
        assert "  x\ufffdemployees.csv:1: naam: is geen naam.pdf: " in out, out
        assert "archief\ufffdfdp.zip" in out and "opm\ufffdgpj.exe" in out, out
        assert "oud\ufffd]0;pwned\ufffd/" in out, out
        # the archive is told as the archive it is, once (not also as "no table file")
        assert "(.zip)" not in out, out
        if lang == "nl":  # a name holding ': ' no longer keeps its line in English
            assert "no table file" not in out and "geen tabelbestand (.pdf)" in out, out
    run = tmp_path / "run"
    result = _cli(["scan", str(data), "--out", str(run), "--workspace",
                   str(tmp_path / "ws.sqlite")])
    assert result.exit_code == 0, result.output
    assert not OBEYED.search(result.output), repr(result.output)
    text = (run / "run.json").read_text(encoding="utf-8")
    # run.json escapes them (\u001b), so what it holds is looked at, not how it is written
    held = json.dumps(json.loads(text), ensure_ascii=False)
    assert not OBEYED.search(held), held
    assert "archief\ufffdfdp.zip" in held and "x\ufffdemployees.csv:1" in held


# -- a workbook that asks for billions of cells ---------------------------------------------

#: what is put into the sheet's XML after the staff list, per case
FAR = {
    # one value in the last cell Excel has: the reader made 17 billion cells (abort)
    "far_value": (b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                  b"</row>", b""),
    # an empty text is a value too
    "far_empty_text": (b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is>'
                       b"</c></row>", b""),
    # cells written without their position sit in their row: the last one
    "no_positions": (b'<row r="1048576">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * 20
                     + b"</row>", b""),
    # the position written after a line break, past a quick look for ' r="'
    "line_break_before_r": (b'<row r="1048576"><c\nr="XFD1048576" t="inlineStr"><is><t>x</t>'
                            b"</is></c></row>", b""),
    # a merged range to the sheet's end is filled cell by cell (MemoryError)
    "far_merge": (b"", b'<mergeCells count="1"><mergeCell ref="P10:XFD1048576"/></mergeCells>'),
}


def _staff_workbook(folder: Path, cells: bytes, after: bytes) -> Path:
    """BASE with its staff list as a workbook whose sheet XML gets ``cells`` after its rows
    and ``after`` after its sheet data (openpyxl itself cannot make the far cells: it
    makes every merged one)."""
    import io
    import zipfile

    import openpyxl

    folder.mkdir(parents=True)
    for name, rows in BASE.items():
        if name != "employees":
            write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    wb = openpyxl.Workbook()
    cols = list(BASE["employees"][0])
    wb.active.append(cols)
    for r in BASE["employees"]:
        wb.active.append([r.get(c, "") for c in cols])
    plain = io.BytesIO()
    wb.save(plain)
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, \
            zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", cells + b"</sheetData>" + after)
            out.writestr(info, data)
    (folder / "employees.xlsx").write_bytes(packed.getvalue())
    return folder


def _validate_within_memory(data: Path, lang: str) -> Any:
    """``coi validate`` in a process of its own that may use 3 GiB: without the checks the
    reader aborts (or the machine runs out of memory) instead of failing a test."""
    import os
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))

    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "coi_graph.cli", "validate", str(data)],
                          capture_output=True, text=True, timeout=300, preexec_fn=limit,
                          env={**os.environ, "PYTHONPATH": str(root), "COI_LANG": lang})


def test_a_sheet_reaching_to_its_last_cell_is_refused_before_it_is_read(tmp_path: Path
                                                                        ) -> None:
    for case, (cells, after) in FAR.items():
        data = _staff_workbook(tmp_path / case, cells, after)
        for lang, said in (("nl", "kan niet worden gelezen: blad 'Sheet' "),
                           ("en", "cannot be read: sheet 'Sheet' ")):
            res = _validate_within_memory(data, lang)
            out = res.stdout + res.stderr
            assert res.returncode == 2, (case, lang, out[-2000:])
            assert f"employees.xlsx: {said}" in out, (case, lang, out[-2000:])
            assert "Traceback" not in out and "MemoryError" not in out, (case, out[-2000:])
            if lang == "nl":
                assert ("voegt 17.163.993.223 cellen samen" if case == "far_merge"
                        else "heeft waarden tot rij 1.048.576 en kolom") in out, out[-2000:]


def test_a_style_in_the_last_cell_is_no_value_and_the_workbook_is_read(tmp_path: Path
                                                                       ) -> None:
    """A border drawn down whole columns writes cells without a value far below the
    table: the reader passes them over, and so does the check."""
    data = _staff_workbook(tmp_path / "styled",
                           b'<row r="1048576"><c r="XFD1048576" s="0"/></row>', b"")
    res = _validate_within_memory(data, "en")
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "employees.xlsx: 3 row(s) read = 3 used + 0 skipped" in out, out


def test_a_workbook_refused_as_a_zip_bomb_is_said_in_the_run_s_language(
        tmp_path: Path, monkeypatch: Any) -> None:
    """The refusal of a workbook that would unpack to more than 2 GiB was English in a
    Dutch run (no catalogue entry); the limit is lowered here to make one cheaply."""
    import ingest.read_files as rf
    from ingest import read_dataset

    from coi_graph.cli_text import problem_line

    data = _staff_workbook(tmp_path / "data", b"", b"")
    monkeypatch.setattr(rf, "MAX_XLSX_UNPACKED", 1000)
    [problem] = [p for p in read_dataset(data).problems if p.file == "employees.xlsx"]
    assert "would unpack to" in problem.message
    nl = problem_line(problem, "nl")
    assert nl.startswith("employees.xlsx: kan niet worden gelezen: de werkmap zou uitpakken "
                         "tot "), nl
    assert "exporteer de tabel opnieuw, of als CSV" in nl, nl
    assert "tot 0,0 GiB uit 0,0 MiB (grens 0 GiB" in nl, nl  # a Dutch decimal comma
    assert not re.search(r"\b(the|would|unpack|limit|times|again)\b", nl), nl


def test_a_mapping_file_linked_out_of_the_data_folder_is_refused_before_it_is_read(
        tmp_path: Path) -> None:
    """The exports' own mapping.yaml came with them, as their files did: a link to
    /etc/passwd was read (and parsed as the mapping), where a table file's link is refused
    before it is opened.  A link to a file inside the folder is still read."""
    data = _bsn_in_typed_values(tmp_path / "data")
    secret = tmp_path / "elsewhere" / "notes.yaml"
    secret.parent.mkdir()
    secret.write_text("tables:\n  employees:\n    columns:\n      geheim: name\n",
                      encoding="utf-8")
    (data / "mapping.yaml").symlink_to(secret)
    for lang, said in (("nl", "mapping.yaml: is een koppeling naar een bestand buiten de "
                              "gegevensmap; het wordt niet gelezen"),
                       ("en", "mapping.yaml: is a link to a file outside the data folder; it "
                              "is not read")):
        result = _cli(["validate", str(data)], lang)
        assert result.exit_code == 2 and said in result.output, result.output
        assert "geheim" not in result.output and "Mapping:" not in result.output
    (data / "mapping.yaml").unlink()
    inside = data / "kopie-mapping.yaml"
    inside.write_text("tables:\n  employees:\n    columns:\n      geheim: name\n",
                      encoding="utf-8")
    (data / "mapping.yaml").symlink_to(inside.name)
    result = _cli(["validate", str(data)], "en")
    assert f"Mapping: {data / 'mapping.yaml'}" in result.output, result.output
    assert "outside the data folder" not in result.output, result.output


# -- the board's report ---------------------------------------------------------------------


def test_the_board_cannot_read_the_findings_of_a_department_of_one(tmp_path: Path) -> None:
    """Departments smaller than the group size are merged into one row; when they are few
    (the director's one-person Directie and one other), that row's count of findings was
    printed ("< 5", or the exact count from 5 on) and told the board, who knows who sits
    there, that the director has findings.  It is withheld now, and the bigger department
    hides its count as well, so it cannot be subtracted from the total."""
    from corp import make_corp
    from test_rules import DECL

    from coi_graph.outputs.report import build_context, render_report
    from coi_graph.outputs.workspace import record_scan
    from coi_graph.scan import scan

    staff = copy.deepcopy(BASE["employees"])
    staff[0]["department"] = "Directie"  # E1, the director: handled D1 for his own O1
    for i in range(4, 9):
        staff.append({"employee_id": f"E{i}", "name": f"Medewerker {i}",
                      "department": "Inkoop", "birth_date": f"0{i}-01-1980"})
    run = tmp_path / "run"
    result = scan(make_corp(tmp_path / "data", employees=staff, declarations=[DECL]), run)
    subjects = {f.subject_department for f in result.findings}
    assert "Directie" in subjects, subjects
    record_scan(result, run, tmp_path / "ws.sqlite")
    ctx = build_context(run, "rvc", "en", tmp_path / "ws.sqlite")
    rows = {r["name"]: r for r in ctx["departments"]}
    other = rows["Other departments (fewer than 5 staff, or unknown)"]
    assert other["staff"].text == "< 5"
    assert other["findings"].text == "\u2013", other
    # one hidden cell beside a shown total: the other one is hidden too
    assert rows["Inkoop"]["findings"].text in ("\u2265 5", "< 5", "0"), rows["Inkoop"]
    assert not rows["Inkoop"]["findings"].shown or rows["Inkoop"]["findings"].value == 0
    for lang, said in (("nl", "De overige afdelingen tellen samen minder dan 5 medewerkers"),
                       ("en", "The other departments have fewer than 5 staff together")):
        files = render_report(run, "rvc", lang, tmp_path / "out", tmp_path / "ws.sqlite")
        for path in (files.html, files.markdown):
            assert said in path.read_text(encoding="utf-8"), (lang, path)


# -- look-alike letters ---------------------------------------------------------------------


def test_a_giver_named_with_cyrillic_look_alike_letters_is_the_supplier(tmp_path: Path
                                                                       ) -> None:
    """A gift register names its giver in free text; ``Bоuwbedrijf Nоord B.V.`` with a
    Cyrillic ``о`` (U+043E) looks like the supplier on every screen, but fitted no
    organization, so the gift was checked against no decision (gift_before_decision
    missed).  It is the supplier now; a name wholly in another script stays its own."""
    from test_rules import gift

    from coi_graph.normalise.names import normalize_org_name
    from coi_graph.scan import scan

    rules = {}
    for tag, name in (("latin", "Bouwbedrijf Noord B.V."),
                      ("cyrillic", "B\u043euwbedrijf N\u043eord B.V.")):
        d = copy.deepcopy(BASE)
        d["gifts"] = [gift(gift_id="G1", employee_id="E1", org_id="", org_name=name,
                           date="2024-02-01", value_eur="100", kind="gift")]
        (tmp_path / tag).mkdir()
        for table, rows in d.items():
            write_csv(tmp_path / tag / f"{table}.csv", rows, encoding="utf-8")
        result = scan(tmp_path / tag, tmp_path / f"{tag}-run")
        rules[tag] = sorted(f.rule for f in result.findings)
        assert not [p for p in result.dataset.problems if p.file == "gifts.csv"], tag
    assert "gift_before_decision" in rules["latin"] and rules["cyrillic"] == rules["latin"]
    # a name in Cyrillic alone keeps its letters (no Latin one to be read as)
    assert not re.search("[a-z]", normalize_org_name("\u0421\u0442\u0440\u043e\u0439 "
                                                     "\u041c\u0430\u0448"))


def test_a_formula_after_a_line_break_in_a_value_is_neutralised_and_the_break_kept() -> None:
    """CSV cells keep a value's line breaks, but not every reader keeps a quoted value's
    lines together: a line that starts with = is neutralised as a cell would be, and a
    Windows line break stays whole (the ' goes after it, not between CR and LF)."""
    from coi_graph.export_cells import safe_cell

    assert safe_cell("Jansen\r\n=HYPERLINK(1)") == "Jansen\r\n'=HYPERLINK(1)"
    assert safe_cell("a\n\n -1") == "a\n\n' -1"
    assert safe_cell("regel 1\nregel 2") == "regel 1\nregel 2"
    assert safe_cell("\ufeff=1+1") == "'\ufeff=1+1" and safe_cell("\u202f@A1") == "'\u202f@A1"


def test_a_folder_device_pipe_or_huge_file_as_a_settings_file_is_refused(tmp_path: Path
                                                                          ) -> None:
    """A `mapping.yaml` that is a folder, a device or a pipe was passed over in silence (the
    scan then guessed every header), `--mapping` naming a pipe waited for ever and
    `--policy /dev/zero` read without end.  Each is refused at once (exit 2) with the
    file named and what to do, in the run's language; a file over 1 MB is no settings
    file either."""
    import os
    import subprocess
    import sys

    from corp import make_corp

    root = Path(__file__).resolve().parents[1]
    data = make_corp(tmp_path / "data")

    def coi(*args: str, lang: str = "nl") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "coi_graph.cli", *args], cwd=root,
                              text=True, capture_output=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": str(root), "COI_LANG": lang})

    (data / "mapping.yaml").mkdir()
    res = coi("validate", str(data), "-q")
    assert res.returncode == 2 and "mapping.yaml: is geen bestand" in res.stdout + res.stderr
    assert "haal het uit de gegevensmap" in res.stdout + res.stderr
    (data / "mapping.yaml").rmdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    res = coi("scan", str(data), "--out", str(tmp_path / "run"), "--mapping",
              str(tmp_path / "pipe.yaml"), "--workspace", str(tmp_path / "ws.sqlite"),
              lang="en")
    assert res.returncode == 2, res.stderr
    assert "pipe.yaml: is not a file (a folder, a device or a pipe); give the mapping file " \
           "itself" in res.stderr
    res = coi("scan", str(data), "--out", str(tmp_path / "run"), "--policy", "/dev/zero",
              "--workspace", str(tmp_path / "ws.sqlite"))
    assert res.returncode == 2 and "geef het beleidsbestand zelf" in res.stderr, res.stderr
    big = tmp_path / "policy.yaml"
    big.write_text("# " + "x" * (1 << 20) + "\n", encoding="utf-8")
    res = coi("validate", str(data), "--policy", str(big), lang="en")
    assert res.returncode == 2 and "too large for a settings file" in res.stderr, res.stderr
    assert not (tmp_path / "run" / "findings.csv").exists()


def test_a_far_reaching_workbook_named_after_no_table_is_not_opened_to_find_its_header(
        tmp_path: Path) -> None:
    """A workbook whose name fits no table is looked at (its first rows) to find the table
    its header names; calamine made every cell up to XFD1048576 for that look too, and the
    process aborted (signal 6, a Rust panic) before any message.  The extent is checked
    before that look as before a read: the file is passed over with the usual warning."""
    for case in ("far_value", "no_positions"):
        data = _staff_workbook(tmp_path / case, *FAR[case])
        (data / "employees.xlsx").rename(data / "export 2024.xlsx")
        res = _validate_within_memory(data, "en")
        out = res.stdout + res.stderr
        assert res.returncode == 2, (case, res.returncode, out[-2000:])
        assert "export 2024.xlsx: not read" in out, (case, out[-2000:])
        assert "panicked" not in out and "Traceback" not in out, (case, out[-2000:])
