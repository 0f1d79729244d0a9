"""One language per CLI run: every command, run in Dutch and in English, prints no word of
the other language (stdout and stderr, progress lines, summaries, input problems, library
errors, `coi serve`'s start-up lines).

The vocabularies are the CLI's text tables (``coi_graph.cli_text``: the command's own lines,
the Dutch twins of the library's English messages, table headings) plus the words the
commands borrow from the pages (case statuses, severities, rule titles, match features).
A word of one language counts only when the other language's tables lack it (``status``,
``score``), the data does not hold it (names, departments, a Dutch KvK role), and it is not
a code of the data contract that the user writes in the files (column names such as
``city``, enumeration codes such as ``employee``): those are shown as codes in both
languages.  Identifiers, paths and options (``self_interest``, ``run.json``, ``--out``)
are left out before words are counted.
"""

from __future__ import annotations

import csv
import inspect
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ingest
from coi_graph import cli_text, labels
from coi_graph.findings import read_findings
from coi_graph.match import explain as match_explain
from coi_graph.outputs import explore_text as xt
from coi_graph.cli import main
from coi_graph.cli_mapping import _DRAFT
from coi_graph.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
#: identifiers, file names, paths, options, placeholders, commands to type and the keys of
#: the mapping file: not words of a language
NOT_WORDS = re.compile(r"\S*[_./\\@#=~\d]\S*|--?[a-z][\w-]*|`[^`\n]*`|\{[a-z_]+\}|"
                       r"\bcoi [^#\n]*|^\s*[a-z_]+:(?=\s|$)", re.MULTILINE)


def words(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(words(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple, set)):
        return set().union(*(words(v) for v in value)) if value else set()
    if isinstance(value, str):
        return {w.lower() for w in WORD.findall(NOT_WORDS.sub(" ", value))}
    return set()


def vocabulary(lang: str) -> set[str]:
    i = 0 if lang == "nl" else 1
    v = words([pair[i] for pair in cli_text.TEXT.values()])
    v |= words([pair[1 - i] for pair in cli_text.CATALOGUE])  # CATALOGUE is (en, nl)
    v |= words([pair[i] for pair in cli_text.HEADINGS.values()])
    v |= words([pair[i] for pair in _DRAFT.values()])
    v |= words(xt.ui(lang)["statuses"]) | words(xt.ui(lang)["severity"])
    v |= words([r.title_nl if lang == "nl" else r.title_en for r in RULES.values()])
    v |= words([pair[1 - i] for pair in match_explain.TEXTS.values()])
    v |= words([pair[1 - i] for pair in match_explain._BANDS.values()])
    click_text = list(cli_text.CLICK_NL.items()) + list(cli_text.CLICK_METAVARS_NL.items())
    v |= words([pair[1 - i] for pair in click_text])  # (en, nl) as CATALOGUE
    v |= words(link_words(lang))
    if lang == "en":  # the English of `coi --help` (its Dutch is checked against it)
        v |= words([main.help or "", *(_command(n).get_short_help_str(200)
                                       for n in cli_text.COMMAND_HELP_NL),
                    *cli_text.COMMAND_HELP_EN.values()])
    return v


def link_words(lang: str) -> list[str]:
    """The words of the links on an evidence path (relations, decision and gift kinds, match
    reasons, identifiers, declarations) in one language (:mod:`coi_graph.labels`)."""
    i = 0 if lang == "nl" else 1
    nl = lang == "nl"
    return [*(pair[i] for pair in labels.DECLARATION_KINDS.values()),
            *(pair[i] for pair in labels.DECLARATION_STATUSES.values()),
            *(labels.DECISION_KINDS_NL if nl else labels.DECISION_KINDS_EN).values(),
            *(labels._RELATIONS_NL.values() if nl else labels._RELATIONS_NL),
            *(labels._MATCH_REASONS_NL.values() if nl else labels._MATCH_REASONS_NL),
            *(pair[i] for pair in labels._GIFT_KINDS.values()),
            *(pair[i] for pair in labels._IDENTIFIERS.values())]


def _command(name: str) -> Any:
    import click

    return main.get_command(click.Context(main, info_name="coi"), name)


def contract_codes() -> set[str]:
    """Column names and enumeration codes of the data contract (shown as codes)."""
    from ingest import enum_synonyms
    from ingest.tables import TABLES

    codes: set[str] = set()
    for spec in TABLES.values():
        codes |= {p for c in spec.columns for p in c.name.split("_")}
        codes.add(spec.name)
    for value in vars(enum_synonyms).values():
        if isinstance(value, enum_synonyms.EnumVocabulary):
            codes |= {p for c in value.codes for p in c.split("_")}
            codes |= {w for ws in value.synonyms.values() for w in ws}
    return {c.lower() for c in codes}


def choice_codes() -> set[str]:
    """The values of every option with fixed choices (``--status explained``): codes the
    user types, shown as codes in both languages (in a usage error's list of choices)."""
    import click

    codes: set[str] = set()

    def walk(cmd: click.Command, ctx: click.Context) -> None:
        for p in cmd.params:
            if isinstance(p.type, click.Choice):
                codes.update(w for c in p.type.choices for w in str(c).split("_"))
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    walk(sub, click.Context(sub, parent=ctx, info_name=name))

    walk(main, click.Context(main, info_name="coi"))
    return {c.lower() for c in codes}


def _read(path: Path) -> tuple[list[str], str]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding).splitlines(), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError(path)


def _hostile(data: Path, to: Path) -> Path:
    """The demo's data with values and rows that each draw another input problem."""
    shutil.copytree(data, to)
    emp = to / "employees.csv"
    lines, enc = _read(emp)
    head = lines[0].split(";")
    col = {name: i for i, name in enumerate(head)}

    def spoil(n: int, **values: str) -> None:
        cells = lines[n].split(";")
        for k, v in values.items():
            cells[col[k]] = v
        lines[n] = ";".join(cells)

    spoil(1, birth_date="31-02-1980", iban="NL00 ABNA 0000 0000 00", postcode="1234 SA")
    spoil(2, phone="12345", email="a@b.nl, c@d.nl", house_number="abc")
    spoil(3, employed_from="01-03-2024", employed_until="01-01-2020", birth_date="12-3-80")
    subject = next(n for n, line in enumerate(lines) if line.startswith("E0018;"))
    spoil(subject, employee_id="", iban="NL91 ABNA 0417 1643")  # E0018's findings go
    spoil(5, birth_date="45123", postcode="0123AB")
    spoil(6, birth_date="03-04-2099", role="buurman")
    lines.append(lines[7])  # an identical row: used once
    lines.append(lines[8].replace(lines[8].split(";")[1], "Iemand Anders"))  # same id, other
    emp.write_text("\n".join(lines) + "\n", encoding=enc)
    con = to / "contracts.csv"
    rows, enc = _read(con)
    first = rows[1].split(";")
    first[3], first[4], first[5] = "veel geld", "2024-13-45", "E9999"
    rows[1] = ";".join(first)
    rows.append("C9999999;purchase_order;O00076;10;02-01-2024;E0024")  # too few values
    con.write_text("\n".join(rows) + "\n", encoding=enc)
    gifts = to / "gifts.csv"
    g, enc = _read(gifts)
    g[1] = g[1].replace(";nee;ja;", ";misschien;ja;")
    gifts.write_text("\n".join(g) + "\n", encoding=enc)
    return to


def _refused(data: Path, to: Path) -> Path:
    """The demo's data with files that cannot be used: a BSN column, a required column
    missing, a required file missing, an old .xls under a table's name."""
    shutil.copytree(data, to)
    rel, enc = _read(to / "relatives.csv")
    rel = [rel[0] + ";bsn"] + [line + ";111222333" for line in rel[1:]]
    (to / "relatives.csv").write_text("\n".join(rel) + "\n", encoding=enc)
    gifts, enc = _read(to / "gifts.csv")
    (to / "gifts.csv").write_text("\n".join(";".join(line.split(";")[1:]) for line in gifts)
                                  + "\n", encoding=enc)  # without gift_id
    (to / "organizations.xlsx").unlink()
    (to / "officers.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    return to


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every command run in both languages: (lang, what) -> the text it printed."""
    root = tmp_path_factory.mktemp("clilang")
    runner = CliRunner()
    out: dict[tuple[str, str], str] = {}

    def coi(lang: str, what: str, *args: Any, code: int | None = 0, via_env: bool = False,
            stdin: str | None = None) -> str:
        argv = [str(a) for a in args] + ([] if via_env else ["--lang", lang])
        res = runner.invoke(main, argv, input=stdin,
                            env={"COI_LANG": lang} if via_env else {"COI_LANG": ""})
        text = res.output + (res.stderr if res.stderr not in res.output else "")
        assert "Traceback" not in text, text
        if code is not None:
            assert res.exit_code == code, (argv, text)
        out[(lang, what)] = out.get((lang, what), "") + text
        return res.stdout

    for lang in ("nl", "en"):
        d = root / lang
        ws = d / "coi-workspace.sqlite"
        coi(lang, "demo", "demo", "--out", d)
        run = d / "run"
        with (run / "findings.csv").open(encoding="utf-8", newline="") as f:
            out[(lang, "findings.csv path")] = "\n".join(r["path"] for r in csv.DictReader(f))
        data = d / "data"
        bad = _hostile(data, d / "hostile")
        coi(lang, "validate", "validate", bad, code=2)
        coi(lang, "validate refused", "validate", _refused(data, d / "refused"), code=2)
        coi(lang, "scan refused", "scan", bad, "--out", d / "bad-run", "--workspace", ws, code=2)
        coi(lang, "scan skipping", "scan", bad, "--out", d / "run2", "--workspace", ws,
            "--skip-bad-rows")
        coi(lang, "explore", "explore", run, "--workspace", ws, via_env=True)
        first = read_findings(run)[0]["finding_id"]
        coi(lang, "triage", "triage", first, "--status", "explained", "--note", "ok",
            "--by", "A. Jansen", "--workspace", ws)
        coi(lang, "triage unknown", "triage", "F-0000000000000000", "--status", "open",
            "--by", "A. Jansen", "--workspace", ws, code=2)
        coi(lang, "cases", "cases", "--workspace", ws, "--all")
        coi(lang, "case", "cases", first, "--workspace", ws)
        matched = min(f["finding_id"] for f in read_findings(run)  # a person match on its path
                      if "same name" in f["path"])
        coi(lang, "case with a match", "cases", matched, "--workspace", ws)
        coi(lang, "accept", "accept", "--employee", "E0001", "--rule", "self_interest",
            "--justification", "ok", "--owner", "Compliance", "--until", "2099-12-31",
            "--workspace", ws)
        coi(lang, "accept bad date", "accept", "--employee", "E0001", "--justification", "ok",
            "--owner", "Compliance", "--until", "morgen", "--workspace", ws, code=2)
        coi(lang, "accept list", "accept", "--list", "--workspace", ws)
        coi(lang, "accept revoke", "accept", "--revoke", "1", "--by", "A. Jansen",
            "--workspace", ws)
        coi(lang, "diff", "diff", run, d / "run2", "--no-cross-scan")
        coi(lang, "report", "report", run, "--workspace", ws, "--out", d / "rep")
        coi(lang, "report no run", "report", d / "hostile", code=2)
        coi(lang, "mapping", "mapping", bad, "--out", d / "mapping-draft.yaml")
        coi(lang, "match list", "match", "list", data, "--workspace", ws)
        coi(lang, "match weights", "match", "weights", data, "--sample-pairs", 5000,
            "--write-policy", d / "estimated.yaml")
        coi(lang, "match weights exists", "match", "weights", data, "--write-policy",
            d / "estimated.yaml", code=2)
        coi(lang, "match undo", "match", "undo", "P-0000000000000000", "--by", "A. Jansen",
            "--why", "test", "--workspace", ws, code=2)
        coi(lang, "user", "user", "add", "A. Jansen", "--password", "a long password 123",
            "--workspace", ws)
        coi(lang, "user", "user", "list", "--workspace", ws)
        coi(lang, "user", "user", "remove", "A. Jansen", "--workspace", ws)
        coi(lang, "verify", "verify", "--workspace", ws)
        con = sqlite3.connect(ws)
        con.execute("DROP TRIGGER case_events_no_update")
        con.execute("UPDATE case_events SET note = 'anders' WHERE event_id = 1")
        con.commit()
        con.close()
        coi(lang, "verify tampered", "verify", "--workspace", ws, code=1)
        out[(lang, "serve")] = _serve(lang, ws)
        # click's own usage errors, with --lang after the mistake (read before parsing)
        coi(lang, "usage: no such option", "scan", data, "--bogus", code=2)
        coi(lang, "usage: missing argument", "scan", code=2)
        coi(lang, "usage: not a choice", "triage", first, "--status", "bogus", code=2)
        coi(lang, "usage: no such command", "nosuch", code=2)
        coi(lang, "usage: option without value", "cases", "--lang", lang, "--workspace", code=2,
            via_env=True)
        coi(lang, "usage: via COI_LANG", "scan", "--bogus", code=2, via_env=True)
        coi(lang, "coi --help", "--help", via_env=True)  # `coi` itself has no --lang
    return {"root": root, "out": out}


def _serve(lang: str, ws: Path) -> str:
    """`coi serve` as a user starts it: its start-up lines, then Ctrl-C."""
    proc = subprocess.Popen([sys.executable, "-m", "coi_graph.cli", "serve", "--workspace",
                             str(ws), "--port", "0"], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "COI_LANG": lang})
    assert proc.stdout is not None
    shown = []
    for _ in range(4):
        shown.append(proc.stdout.readline())
        if "Ctrl-C" in shown[-1]:
            break
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=30)
    text = "".join(shown) + rest + err
    assert "Ctrl-C" in text and "token=" in text, text
    return text


def test_every_command_was_run(outputs: dict[str, Any]) -> None:
    """The runs printed something, and the hostile input drew many kinds of problem."""
    out = outputs["out"]
    for (lang, what), text in out.items():
        assert text.strip(), (lang, what)
    for lang in ("nl", "en"):
        problems = [ln for ln in out[(lang, "validate")].splitlines() if re.match(r"\S+:\d+:", ln)]
        assert len(problems) >= 15, out[(lang, "validate")]
    assert "Stoppen met Ctrl-C." in out[("nl", "serve")]
    assert "Stop with Ctrl-C." in out[("en", "serve")]
    assert "geen bestaande datum" in out[("nl", "validate")]
    assert "GEMANIPULEERD" in out[("nl", "verify tampered")]
    assert "burgerservicenummers" in out[("nl", "validate refused")]


@pytest.mark.parametrize("lang,other", [("nl", "en"), ("en", "nl")])
def test_no_word_of_the_other_language(outputs: dict[str, Any], lang: str, other: str) -> None:
    data = outputs["root"] / lang / "hostile"
    ds = ingest.read_dataset(outputs["root"] / lang / "data")
    data_words: set[str] = set()
    for name in ds.tables:
        frame = ds.frame(name)
        for col in frame.columns:
            data_words |= words([str(v) for v in frame[col].dropna().unique()])
    data_words |= words([re.sub("[;,]", " ", p.read_text(encoding="utf-8", errors="replace"))
                         for p in data.glob("*.csv")])
    foreign = vocabulary(other) - vocabulary(lang) - data_words - contract_codes()
    choices = choice_codes()  # listed as codes only in a usage error about a choice
    assert len(foreign) > 300  # the check has teeth
    leaks = {}
    for (run_lang, what), text in outputs["out"].items():
        if run_lang != lang:
            continue
        found = words(text) & (foreign - choices if what.startswith("usage") else
                               foreign - set(cli_text.COMMAND_HELP_NL) - {"html"}
                               if what == "coi --help" else foreign)  # names are codes
        if found:
            leaks[what] = sorted(found)
    assert leaks == {}, json.dumps(leaks, indent=0)


def test_catalogue_renders_library_messages() -> None:
    """A library message is rendered whole, clause by clause, and with a nested phrase; an
    unknown message is shown as written rather than half translated."""
    tr = cli_text.translate
    from ingest.parse_values import DATE_FORMS, parse_date

    import pandas as pd

    [message] = parse_date(pd.Series(["x"], dtype="str")).messages  # as the library writes it
    assert message == f"'x' is not a date; write dates as {DATE_FORMS}"
    assert tr(message, "nl") == (
        "'x' is geen datum; schrijf datums als 2024-03-01, 01-03-2024, 1-3-2024, 01/03/2024, "
        "01.03.2024 (dag eerst), 1 maart 2024 of 20240301")
    assert tr("a.csv:3: city: phone number '1' is not a phone number; write it as "
              "06-12345678, 020-1234567 or +31 20 1234567 (warning)", "nl").endswith(
        "schrijf het als 06-12345678, 020-1234567 of +31 20 1234567 (waarschuwing)")
    assert tr("name is empty but required: fill in the full name, or remove the row", "nl") == (
        "name is leeg maar verplicht: vul de volledige naam in, of verwijder de rij")
    assert tr("something new; write dates as x", "nl") == "something new; write dates as x"
    assert tr("'x' is not a date", "en") == "'x' is not a date"


def test_every_catalogue_entry_has_the_same_placeholders_in_both_languages() -> None:
    """A Dutch twin that names a placeholder the English template lacks would fail while an
    error is being printed; one that drops a value would lose it (a file, a line)."""
    slots = re.compile(r"\{[~=]?\w+\}")
    for en, nl in cli_text.CATALOGUE:
        assert sorted(slots.findall(en)) == sorted(slots.findall(nl)), (en, nl)
    for key, (nl, en) in cli_text.TEXT.items():
        names = re.compile(r"\{(\w+)[^}]*\}")
        assert sorted(names.findall(nl)) == sorted(names.findall(en)), key


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_usage_errors_and_help_headings_in_the_run_language(lang: str) -> None:
    """click's own lines (usage errors, the usage line, help headings and the help option's
    text) follow --lang, also when --lang comes after the mistake, and $COI_LANG (the
    commands' own descriptions and options: test_command_help_in_one_language)."""
    runner = CliRunner()
    own = {"nl": ["Gebruik:", "Opties:", "Opdrachten:", "Toon deze hulptekst en stop.",
                  "[OPTIES]", "OPDRACHT [ARGUMENTEN]..."],
           "en": ["Usage:", "Options:", "Commands:", "Show this message and exit.",
                  "[OPTIONS]", "COMMAND [ARGS]..."]}
    other = "en" if lang == "nl" else "nl"
    res = runner.invoke(main, ["--help"], env={"COI_LANG": lang})  # `coi` has no --lang
    assert res.exit_code == 0, res.output
    for text in own[lang]:
        assert text in res.output, (text, res.output)
    for text in own[other]:
        assert text not in res.output, (text, res.output)
    res = runner.invoke(main, ["scan", "--help", "--lang", lang], env={"COI_LANG": other})
    assert res.exit_code == 0, res.output
    for text in (own[lang][0], own[lang][1], own[lang][3], own[lang][4]):
        assert text in res.output, (text, res.output)
    for text in (own[other][0], own[other][1], own[other][3], own[other][4]):
        assert text not in res.output, (text, res.output)
    res = runner.invoke(main, ["scan", "--bogus", "--lang", lang], env={"COI_LANG": other})
    assert res.exit_code == 2
    expect = {"nl": "Fout: Optie '--bogus' bestaat niet.",
              "en": "Error: No such option '--bogus'."}[lang]
    assert expect in res.output, res.output


def test_every_command_has_its_dutch_line_in_coi_help() -> None:
    import click

    ctx = click.Context(main, info_name="coi")
    assert set(main.list_commands(ctx)) == set(cli_text.COMMAND_HELP_NL)
    res = CliRunner().invoke(main, ["--help"], env={"COI_LANG": "nl", "COLUMNS": "200"})
    for name, line in cli_text.COMMAND_HELP_NL.items():
        assert f"{name}" in res.output and line in res.output, (name, res.output)
    res = CliRunner().invoke(main, ["--help"], env={"COI_LANG": "en", "COLUMNS": "200"})
    assert not any(line in res.output for line in cli_text.COMMAND_HELP_NL.values())
    assert "find conflicts of interest" in res.output


def test_version_names_no_word() -> None:
    res = CliRunner().invoke(main, ["--version"])
    assert res.exit_code == 0 and re.fullmatch(r"coi-graph \S+\n", res.output), res.output


# -- each command's own --help ---------------------------------------------------------------


def _tree() -> list[tuple[str, Any]]:
    """Every command and group under `coi` (itself included) as (path, command)."""
    import click

    found: list[tuple[str, Any]] = []

    def walk(cmd: click.Command, ctx: click.Context, path: str) -> None:
        found.append((path, cmd))
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None, name
                walk(sub, click.Context(sub, parent=ctx, info_name=name), f"{path} {name}".strip())

    walk(main, click.Context(main, info_name="coi"), "")
    return found


def _click_text(text: str) -> bool:
    """click's own help of --help/--version (in CLICK_NL, either language)."""
    return text in cli_text.CLICK_NL or text in cli_text.CLICK_NL.values()


def test_every_command_and_option_has_a_dutch_help_text() -> None:
    """Each command, group and parameter that has an English help text has a Dutch one in
    cli_help_nl.HELP_NL under its command path and parameter name, and no Dutch text is
    left for a command or parameter that is gone (a renamed option would lose its Dutch)."""
    expected: set[tuple[str, str | None]] = set()
    for path, cmd in _tree():
        if cmd.help:
            expected.add((path, None))
        for p in cmd.params:
            text = getattr(p, "help", None)  # an Argument has none in click 8
            if text and not _click_text(text):
                expected.add((path, p.name))
    assert len(expected) > 140  # the walk reached the lazy commands and their options
    assert sorted(expected - set(cli_text.HELP_NL)) == [], "no Dutch help text"
    assert sorted(set(cli_text.HELP_NL) - expected) == [], "Dutch text for nothing"
    assert all(text.strip() for text in cli_text.HELP_NL.values())


def _examples(text: str) -> list[str]:
    """The command lines of a help text's example block (after ``\\b``), with the free text
    a user types (quoted values) and comments left out."""
    if "\b" not in text:
        return []
    lines = inspect.cleandoc(text.split("\b", 1)[1]).splitlines()[1:]
    return [re.sub(r"\s+#.*", "", re.sub(r'"[^"]*"', '"…"', ln)).rstrip() for ln in lines
            if ln.strip()]


def test_dutch_help_keeps_the_examples_command_lines() -> None:
    for path, cmd in _tree():
        nl = cli_text.HELP_NL.get((path, None))
        if cmd.help and nl is not None:
            assert _examples(nl) == _examples(cmd.help), path
            assert bool(_examples(cmd.help)) == ("\b" in cmd.help), path


def _help(path: str, lang: str) -> str:
    res = CliRunner().invoke(main, [*path.split(), "--help"], prog_name="coi",
                             env={"COI_LANG": lang, "COLUMNS": "100"})
    assert res.exit_code == 0, (path, lang, res.output)
    return res.output


#: words written the same in Dutch and English help (not a leak either way)
SAME_WORDS = {"account", "accounts", "argon", "browser", "bundel", "cypher", "data", "export",
              "exports", "hash", "html", "idempotent", "index", "insert", "internet",
              "intact", "json", "markdown", "offline", "open", "replace", "scan", "server",
              "status", "token", "trigger", "yaml", "neo4j", "networkx", "records", "scans",
              "later", "loopback", "import"}


def _help_leaks(path: str, lang: str, shown: str, other_help: str) -> set[str]:
    """Words of ``other_help`` (the command's help in the other language) that are not words
    of ``lang`` and that ``shown`` (its help in ``lang``) contains."""
    other = "en" if lang == "nl" else "nl"
    names = {n for p, _ in _tree() for n in p.split()}  # command names are codes
    foreign = (words(other_help) - vocabulary(lang) - contract_codes() - choice_codes()
               - names - SAME_WORDS)
    assert words(other_help) - words(shown), (path, other)  # the two texts differ
    return words(shown) & foreign


@pytest.mark.parametrize("path", [p for p, _ in _tree()])
def test_command_help_in_one_language(path: str) -> None:
    """`coi <command> --help` in Dutch shows no word of its English help, and in English no
    word of its Dutch help: description, examples' comments, options, metavars, lists."""
    nl, en = _help(path, "nl"), _help(path, "en")
    assert _help_leaks(path, "nl", nl, en) == set(), nl
    assert _help_leaks(path, "en", en, nl) == set(), en


def test_an_english_sentence_in_the_dutch_help_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above has teeth: one option's Dutch text replaced by its English source,
    or a whole command's description, shows up as a leak."""
    from coi_graph.cli_help_nl import HELP_NL

    en = _help("scan", "en")
    monkeypatch.setitem(HELP_NL, ("scan", "out"),
                        "Folder to write findings.csv, findings.json and run.json to.")
    assert {"folder", "write"} <= _help_leaks("scan", "nl", _help("scan", "nl"), en)
    monkeypatch.delitem(HELP_NL, ("cases", None))
    leaks = _help_leaks("cases", "nl", _help("cases", "nl"), _help("cases", "en"))
    assert {"latest", "whole", "current"} <= leaks, leaks


@pytest.mark.parametrize("lang,shown,hidden", [("nl", "'PAAR'", "PAIR"), ("en", "'PAIR'", "PAAR")])
def test_metavars_in_the_run_language_also_in_usage_errors(lang: str, shown: str,
                                                          hidden: str) -> None:
    """An argument's metavar is one name per language: in the usage line and in the error
    about it being missing."""
    res = CliRunner().invoke(main, ["match", "undo", "--lang", lang], prog_name="coi")
    assert res.exit_code == 2
    assert shown in res.output and hidden not in res.output, res.output


def test_every_table_and_column_text_has_a_dutch_rendering() -> None:
    """The input format's own words (table descriptions, column meanings) reach Dutch output
    through ``coi mapping``, ``coi validate`` and missing-file messages; a table or column
    added without a Dutch text would put English in a Dutch run."""
    from ingest.tables import TABLES

    same_in_both = {"postcode"}
    missing = [(t.name, text)
               for t in TABLES.values()
               for text in [t.description] + [c.meaning for c in t.columns if c.meaning]
               if text not in same_in_both and cli_text.translate(text, "nl") == text]
    assert not missing, missing


@pytest.mark.parametrize("columns_yaml", [
    "  contracts: [files]\n",
    "  contracts:\n    filez: x\n",
    "  contracts:\n    columns:\n      Goedkeurder: approved_by?\n",
    "  contracts:\n    columns:\n      Bedrag: amount\n",
    "  contracts:\n    header_row: zero\n",
])
def test_mapping_file_problems_in_dutch(tmp_path: Path, columns_yaml: str) -> None:
    """Each way ingest refuses a mapping file reads in Dutch in a Dutch run: the message
    comes from ingest itself (a real file, read by ``load_mapping``), not from a copy here."""
    from ingest.header_mapping import MappingError, load_mapping

    (tmp_path / "mapping.yaml").write_text("tables:\n" + columns_yaml, encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(tmp_path)
    nl = cli_text.translate(str(err.value), "nl")
    assert ": tabel contracts: " in nl, nl
    assert not re.search(r"\b(table|expected|unknown|guess|remove|mapped|which|must|use)\b", nl), nl


@pytest.mark.parametrize(("value", "lang"), [
    ("en_US.UTF-8", "en"), ("EN", "en"), ("english", "en"), ("en-GB", "en"),
    ("nl_NL.UTF-8", "nl"), ("Nederlands", "nl"), ("fr_FR.UTF-8", "nl"), ("", "nl")])
def test_coi_lang_as_a_locale_names_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 value: str, lang: str) -> None:
    """``COI_LANG`` is often set from a locale (``en_US.UTF-8``): read as is, it quietly gave
    Dutch.  The CLI's lines and a report both follow the language it names; a language
    coi-graph does not have gives Dutch, the default."""
    from click.testing import CliRunner

    from coi_graph.cli import main
    from coi_graph.outputs.report import render_report
    from corp import make_corp

    data = make_corp(tmp_path / "data")
    got = CliRunner().invoke(main, ["validate", str(data)], env={"COI_LANG": value})
    assert got.exit_code == 0, got.output
    assert ("error(s)" if lang == "en" else "fout(en)") in got.output
    run = tmp_path / "run"
    assert CliRunner().invoke(main, ["scan", str(data), "--out", str(run), "-q", "--workspace",
                                     str(tmp_path / "ws.sqlite")]).exit_code == 0
    monkeypatch.setenv("COI_LANG", value)
    files = render_report(run, "rvc", out_dir=tmp_path / "reports")
    assert (files.html.name, files.markdown.name) == (f"rvc-report-{lang}.html",
                                                      f"rvc-report-{lang}.md")


@pytest.mark.parametrize("lang,point,comma", [("nl", False, True), ("en", True, False)])
def test_seconds_in_the_run_language(outputs: dict[str, Any], lang: str, point: bool,
                                     comma: bool) -> None:
    """A duration is written as the run's language writes a decimal number: ``0,5s`` in a
    Dutch run, ``0.5s`` in an English one (`coi demo` said ``klaar in 0.5 s``)."""
    seconds = re.compile(r"\b\d+([.,])\d+ ?s\b")
    seen = {m[1] for (run_lang, _), text in outputs["out"].items() if run_lang == lang
            for m in seconds.finditer(text)}
    assert seen == ({"."} if point else set()) | ({","} if comma else set()), seen


@pytest.mark.parametrize(("args", "env", "lang"), [
    (["--lang", "en", "validate"], {}, "en"),       # between coi and the command's name
    (["--lang=en", "validate"], {}, "en"),
    (["--lang", "nl", "validate"], {"COI_LANG": "en"}, "nl"),  # over COI_LANG
    (["--lang", "nl", "validate", "--lang", "en"], {}, "en"),  # the command's own wins
    (["validate", "--lang", "en"], {}, "en"),
])
def test_lang_before_the_command_name(tmp_path: Path, args: list[str], env: dict[str, str],
                                      lang: str) -> None:
    """``coi --lang en validate DIR`` was refused ("No such option: --lang"): the README told
    users to put it after the command's name.  It may come anywhere now."""
    from click.testing import CliRunner

    from coi_graph.cli import main
    from corp import make_corp

    data = make_corp(tmp_path / "data")
    got = CliRunner().invoke(main, [*args, str(data)], env={"COI_LANG": "", **env})
    assert got.exit_code == 0, got.output
    assert ("0 error(s)" if lang == "en" else "0 fout(en)") in got.output, got.output

@pytest.mark.parametrize(("args", "heading"), [
    (["--lang", "en", "--help"], "Usage:"), (["--lang=nl", "--help"], "Gebruik:"),
    (["--lang", "en", "scan", "--help"], "Usage:")])
def test_help_with_lang_before_the_command_name(args: list[str], heading: str) -> None:
    from click.testing import CliRunner

    from coi_graph.cli import main

    got = CliRunner().invoke(main, args, env={"COI_LANG": ""})
    assert got.exit_code == 0 and got.output.startswith(heading), got.output
