"""Audit and Compliance through the commands on their own data (eighteenth session): the
triage workflow over two scans, the audit trail as the outputs show it, and one language
per output.  Each test is a user's path through ``coi`` that tripped on something."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from corp import make_corp

from coi_graph.cli import main

DECL = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
        "kind": "financial_interest", "position": "aandeelhouder", "share_pct": "30",
        "valid_from": "01-01-2020", "status": "pending"}


def coi(*args: str) -> str:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def _reopened_case(tmp_path: Path) -> tuple[Path, Path, str]:
    """Scan, dismiss the one finding, then scan data in which its declaration was approved:
    the scan reopens the case and records what changed (in English, in the workspace)."""
    ws = tmp_path / "ws.sqlite"
    coi("scan", str(make_corp(tmp_path / "d1", declarations=[DECL])), "--out",
        str(tmp_path / "r1"), "--workspace", str(ws), "-q")
    fid = next(line.split()[0] for line in coi("cases", "--workspace", str(ws)).splitlines()
               if line.startswith("F-"))
    coi("triage", fid, "--status", "dismissed", "--note", "handled by a colleague",
        "--by", "A. Auditor", "--workspace", str(ws))
    approved = dict(DECL, status="approved", decided_by="E2", decided_on="2024-01-02")
    coi("scan", str(make_corp(tmp_path / "d2", declarations=[approved])), "--out",
        str(tmp_path / "r2"), "--workspace", str(ws), "-q")
    return ws, tmp_path / "r2", fid


def test_the_scans_reopen_note_reads_in_the_outputs_language(tmp_path: Path) -> None:
    """A case dismissed in scan 1 is reopened by scan 2 because its evidence changed.  The
    note the scan recorded was shown in English in Dutch output (``coi cases``, the case's
    history, the audit report: "heropend: evidence changed since dismissed on ..."): each
    now says it in the output's language, what changed included, codes and values as written."""
    ws, run, fid = _reopened_case(tmp_path)
    english = ("evidence changed", "path now", "since dismissed", "(empty)")
    listing = coi("cases", "--workspace", str(ws))
    history = coi("cases", fid, "--workspace", str(ws))
    coi("report", str(run), "--audience", "audit", "--workspace", str(ws))
    report = (run / "reports" / "audit-report-nl.md").read_text(encoding="utf-8")
    for out in (listing, history, report):
        assert "bewijs veranderd sinds geseponeerd op" in out, out
        assert not [w for w in english if w in out], out
    # what changed: the row (codes and values as the data has them), the path in Dutch
    assert "declarations DC1: decided_by (leeg) -> E2, " in history
    assert "status pending -> approved; pad nu: Jan de Vries -[aandeelhouder (financieel " \
        "belang, goedgekeurd)]- Bouwbedrijf Noord B.V." in history  # whole, not cut at 90
    assert re.search(r"pad nu: Jan de Vries -\\?\[aandeelhouder \\?\(financieel belang, "
                     r"goedgekeurd\\?\)\\?\]-", report), report
    # a person's note stays as typed
    assert "handled by a colleague" in history

    en_history = coi("cases", fid, "--workspace", str(ws), "--lang", "en")
    coi("report", str(run), "--audience", "audit", "--workspace", str(ws), "--lang", "en")
    en_report = (run / "reports" / "audit-report-en.md").read_text(encoding="utf-8")
    for out in (en_history, en_report):
        assert "evidence changed since dismissed on" in out, out
        assert "bewijs" not in out and "geseponeerd" not in out and "financieel" not in out
    assert re.search(r"path now: Jan de Vries -\\?\[aandeelhouder \\?\(financial interest, "
                     r"approved\\?\)\\?\]-", en_report), en_report


def test_one_cases_history_says_what_the_case_list_says_beside_its_status(
        tmp_path: Path) -> None:
    """``coi cases`` says beside a confirmed case "evidence changed since the last decision"
    and beside a case the latest scan no longer found "no longer found (last seen in run
    N)"; ``coi cases FINDING_ID``, where a case is read in full, said neither."""
    ws = tmp_path / "ws.sqlite"

    def scan(name: str, **tables: list[dict[str, str]]) -> None:
        coi("scan", str(make_corp(tmp_path / name, **tables)), "--out", str(tmp_path / f"r{name}"),
            "--workspace", str(ws), "-q")

    scan("1", declarations=[DECL])
    fid = next(line.split()[0] for line in coi("cases", "--workspace", str(ws)).splitlines()
               if line.startswith("F-"))
    coi("triage", fid, "--status", "confirmed", "--note", "a real conflict", "--by", "A",
        "--workspace", str(ws))
    assert "evidence changed" not in coi("cases", fid, "--workspace", str(ws), "--lang", "en")
    scan("2", declarations=[dict(DECL, status="approved", decided_by="E2",
                                 decided_on="2024-01-02")])
    for lang, said in (("nl", "bewijs veranderd sinds het laatste besluit"),
                       ("en", "evidence changed since the last decision")):
        assert said in coi("cases", "--workspace", str(ws), "--lang", lang)
        assert said in coi("cases", fid, "--workspace", str(ws), "--lang", lang)
    scan("3", declarations=[])
    for lang, said in (("nl", "niet meer gevonden (laatst gezien in scan 2)"),
                       ("en", "no longer found (last seen in run 2)")):
        assert said in coi("cases", "--all", "--json", "--workspace", str(ws), "--lang", lang)
        assert said in coi("cases", fid, "--workspace", str(ws), "--lang", lang)
    # the list without --all no longer shows the case: it says so instead of nothing
    for lang, said in (("nl", "1 zaak/zaken die de laatste scan niet meer vond, staan er niet "
                              "bij: `coi cases --all` toont ze."),
                       ("en", "1 case(s) the latest scan no longer found are not listed: "
                              "`coi cases --all` shows them.")):
        for args, shown in ((["--status", "confirmed"], True), ([], True), (["--all"], False)):
            r = CliRunner().invoke(main, ["cases", *args, "--workspace", str(ws), "--lang",
                                          lang])
            assert r.exit_code == 0 and (said in r.stderr) == shown, (args, r.stderr)
            assert fid not in r.stdout or not shown, r.stdout


def _tamper(ws: Path) -> None:
    """What someone with the sqlite3 tool does: drop the trigger, rewrite a decision."""
    con = sqlite3.connect(ws)
    with con:
        con.execute("DROP TRIGGER case_events_no_update")
        con.execute("UPDATE case_events SET status = 'explained', note = 'all fine' "
                    "WHERE event_id = 1")
    con.close()


def test_a_workspace_edited_by_hand_is_said_where_cases_are_read(tmp_path: Path) -> None:
    """A decision rewritten with the sqlite3 tool was found by ``coi verify`` (and ``coi
    serve``), but ``coi cases`` listed the rewritten status and ``coi report`` wrote an audit
    and a board report from it without a word.  Both now say the trail was changed, in the
    output's language; an intact workspace shows no such warning."""
    ws, run, fid = _reopened_case(tmp_path)
    runner = CliRunner()
    for lang, said in (("nl", "WAARSCHUWING: het auditspoor van"),
                       ("en", "WARNING: the audit trail of")):
        r = runner.invoke(main, ["cases", "--workspace", str(ws), "--lang", lang])
        assert r.exit_code == 0 and said not in r.output
    coi("report", str(run), "--audience", "rvc", "--workspace", str(ws))
    assert "auditspoor" not in (run / "reports" / "rvc-report-nl.md").read_text(encoding="utf-8")
    coi("explore", str(run), "--workspace", str(ws))
    assert 'class="tampered"' not in (run / "explore" / "index.html").read_text(encoding="utf-8")

    _tamper(ws)
    for lang, said in (("nl", "WAARSCHUWING: het auditspoor van"),
                       ("en", "WARNING: the audit trail of")):
        for args in (["cases"], ["cases", fid], ["cases", "--json"]):
            r = runner.invoke(main, [*args, "--workspace", str(ws), "--lang", lang])
            assert r.exit_code == 0, r.output
            assert said in r.stderr and "coi verify --workspace" in r.stderr, r.stderr
            assert said not in r.stdout  # --json stays a document
        for audience in ("rvc", "audit"):
            r = runner.invoke(main, ["report", str(run), "--audience", audience,
                                     "--workspace", str(ws), "--lang", lang])
            assert r.exit_code == 0 and said in r.stderr, r.output
            for ext in ("md", "html"):
                text = (run / "reports" / f"{audience}-report-{lang}.{ext}").read_text(
                    encoding="utf-8")
                assert ("buiten coi-graph om veranderd" if lang == "nl"
                        else "changed outside coi-graph") in text, (audience, lang, ext)
        # a decision recorded on top of it says so too (the one it follows may be forged)
        r = runner.invoke(main, ["triage", fid, "--status", "in_review", "--by", "B",
                                 "--workspace", str(ws), "--lang", lang])
        assert r.exit_code == 0 and said in r.stderr, r.output
        # and the explore pages, which are mailed around, carry it beside the statuses
        coi("explore", str(run), "--workspace", str(ws), "--lang", lang)
        for page in (run / "explore" / "index.html", run / "explore" / "findings" /
                     f"{fid}.html"):
            assert ('class="tampered"' in page.read_text(encoding="utf-8")), page


def _orders_in_two_files(root: Path, **tables: list[dict[str, str]]) -> Path:
    """A corporation whose orders are two exports of their own: 2023 in Dutch headers read
    through a mapping file, 2024 in the contract's; bad rows planted in both, and one row
    of 2023 repeated in 2024 (an overlapping export)."""
    from corp import BASE, write_csv

    data = make_corp(root, contracts=None, **tables)
    o23 = [{"Ordernr": f"D23{i}", "Soort": "contract", "Lev.nr": "O2", "Bedrag": "100,00",
            "Datum akkoord": "01-03-2023", "Inkoper": "E3"} for i in range(6)]
    o23[1]["Datum akkoord"] = "31-02-2023"  # no such date: the row is skipped
    o23[2]["Inkoper"] = ""                   # no handler: skipped
    write_csv(data / "orders_2023.csv", o23)
    o24 = [dict(r) for r in BASE["contracts"]] + [
        {"decision_id": "D24x", "kind": "invoice", "org_id": "O9", "amount_eur": "1,00",
         "decision_date": "2024-05-01", "handled_by": "E3"},             # unknown org: skipped
        {"decision_id": "D230", "kind": "contract", "org_id": "O2", "amount_eur": "100,00",
         "decision_date": "01-03-2023", "handled_by": "E3"}]             # = 2023's D230
    write_csv(data / "orders_2024.csv", o24)
    (data / "mapping.yaml").write_text(
        "tables:\n  contracts:\n    files: [\"orders_*\"]\n    columns:\n"
        "      Ordernr: decision_id\n      Soort: kind\n      Lev.nr: org_id\n"
        "      Bedrag: amount_eur\n      Datum akkoord: decision_date\n      Inkoper: handled_by\n",
        encoding="utf-8")
    return data


def test_the_audit_report_accounts_for_every_row_of_every_file(tmp_path: Path) -> None:
    """Orders in two files, with known bad rows: without --skip-bad-rows the scan stops
    (exit 2) naming each; with it, run.json counts read = used + skipped per file.  The
    audit report showed the split table as one line "orders_2023.csv + orders_2024.csv"
    with no checksum and no reasons: it now has each file (read, used, skipped, SHA-256) and
    why rows were skipped, in the report's language."""
    data = _orders_in_two_files(tmp_path / "d")
    ws, run = tmp_path / "ws.sqlite", tmp_path / "run"
    r = CliRunner().invoke(main, ["scan", str(data), "--out", str(run), "--workspace", str(ws),
                                  "-q"])
    assert r.exit_code == 2, r.output
    for where in ("orders_2023.csv:3: decision_date (Datum akkoord)",
                  "orders_2023.csv:4: handled_by (Inkoper)", "orders_2024.csv:4: org_id"):
        assert where in r.output, r.output
    coi("scan", str(data), "--out", str(run), "--workspace", str(ws), "-q", "--skip-bad-rows")
    import json

    files = {f["file"]: f for f in json.loads((run / "run.json").read_text(
        encoding="utf-8"))["inputs"]["contracts"]["files"]}
    expect = {"orders_2023.csv": (6, 4, 2), "orders_2024.csv": (4, 2, 2)}
    assert {k: (f["rows_read"], f["rows_used"], f["rows_skipped"]) for k, f in files.items()} \
        == expect
    for lang, words in (("nl", ("Rijen gelezen", "onleesbaar decision_date",
                                "ontbrekend handled_by", "onbekend org_id",
                                "identiek dubbel (één keer gebruikt)")),
                        ("en", ("Rows read", "unreadable decision_date", "missing handled_by",
                                "unknown org_id", "identical duplicate (used once)"))):
        coi("report", str(run), "--audience", "audit", "--workspace", str(ws), "--lang", lang)
        md = (run / "reports" / f"audit-report-{lang}.md").read_text(encoding="utf-8")
        plain = md.replace("\\", "")
        for name, (read, used, skipped) in expect.items():
            assert f"| {name} | {read} | {used} | {skipped} | {files[name]['sha256']} |" \
                in plain, plain
        assert "orders_2023.csv + orders_2024.csv" not in plain
        for w in words:
            assert w in plain, (w, plain)
        html = (run / "reports" / f"audit-report-{lang}.html").read_text(encoding="utf-8")
        assert all(files[n]["sha256"] in html for n in expect)
        # the explore index said "orders_2023.csv + orders_2024.csv (6 rows)" and nothing
        # of the rows left out: now each file, and the skipped rows with their reasons
        coi("explore", str(run), "--workspace", str(ws), "--lang", lang)
        page = (run / "explore" / "index.html").read_text(encoding="utf-8")
        rows_word = "rijen" if lang == "nl" else "rows"
        assert f"orders_2023.csv (4 {rows_word})" in page and \
            f"orders_2024.csv (2 {rows_word})" in page, page
        assert ("Overgeslagen rijen" if lang == "nl" else "Rows skipped") in page
        assert f"orders_2024.csv: 1 &times; {words[3]}" in page, page


def test_coi_diff_sees_a_change_in_one_file_of_a_table_split_over_files(
        tmp_path: Path) -> None:
    """Two scans of a folder whose orders are two files, the second export corrected in
    between: ``coi diff`` said "data: identical input files" and blamed "data and policy:
    no difference in inputs or settings found", because a split table's own checksum in
    run.json is empty.  It compares the files' checksums now."""
    data = _orders_in_two_files(tmp_path / "d", declarations=[DECL])
    ws = tmp_path / "ws.sqlite"
    coi("scan", str(data), "--out", str(tmp_path / "a"), "--workspace", str(ws), "-q",
        "--skip-bad-rows")
    orders = data / "orders_2024.csv"
    orders.write_bytes(orders.read_bytes().replace(b"D1;contract;O1;48.000,00",
                                                   b"D1;contract;O2;48.000,00"))
    coi("scan", str(data), "--out", str(tmp_path / "b"), "--workspace", str(ws), "-q",
        "--skip-bad-rows")
    out = coi("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--lang", "en")
    assert "identical input files" not in out and "no difference in inputs" not in out, out
    assert re.search(r"data: +changed: contracts", out), out
    assert re.search(r"resolved +data +self_interest .* changed input: contracts", out), out


def test_coi_help_in_english_lists_every_command_in_one_whole_line() -> None:
    """``coi --help`` in English cut twelve of the eighteen command lines mid-sentence
    ("List the cases: every finding of the latest scan with its...") where the Dutch lines
    are whole; each command now has its English line, shown whole."""
    import click

    from coi_graph import cli_text

    ctx = click.Context(main, info_name="coi")
    assert set(main.list_commands(ctx)) == set(cli_text.COMMAND_HELP_EN)
    for columns in ("80", "200"):
        res = CliRunner().invoke(main, ["--help"], env={"COI_LANG": "en", "COLUMNS": columns})
        listed = res.output.split("Commands:")[1]
        assert "..." not in listed, listed
        for name, line in cli_text.COMMAND_HELP_EN.items():
            assert re.search(rf"^  {name} +{re.escape(line.split()[0])}", listed, re.M), name
            assert " ".join(line.split()) in " ".join(listed.split()), (name, listed)
    res = CliRunner().invoke(main, ["--help"], env={"COI_LANG": "nl", "COLUMNS": "200"})
    assert not any(line in res.output for line in cli_text.COMMAND_HELP_EN.values())


def test_lang_on_a_group_of_commands_is_taken_and_holds_for_its_subcommand(
        tmp_path: Path) -> None:
    """``coi match --help --lang en`` (and ``coi key``/``user``/``neo4j``/``export``) stopped
    with "Fout: Optie '--lang' bestaat niet." though README says --lang may come anywhere;
    ``coi match --lang en list ...`` must then be English, unless the subcommand says
    otherwise."""
    runner = CliRunner()
    for group in ("match", "key", "user", "neo4j", "export"):
        for args in ([group, "--help", "--lang", "en"], [group, "--lang", "en", "--help"]):
            res = runner.invoke(main, args, env={"COI_LANG": "nl"})
            assert res.exit_code == 0, (args, res.output)
            assert "Options:" in res.output and "Opties" not in res.output, (args, res.output)
        res = runner.invoke(main, [group, "--help"], env={"COI_LANG": "nl"})
        assert res.exit_code == 0 and "Opties:" in res.output and "--lang" in res.output
        assert "Language of everything" not in res.output, res.output  # its help in Dutch
    # a subcommand's own help after its name, --lang at the end (it was English before the
    # groups took --lang, and must stay so: the group's unset --lang decides nothing)
    for args in (["match", "list", "--help", "--lang", "en"],
                 ["match", "confirm", "--help", "--lang", "en"],
                 ["user", "add", "--help", "--lang", "en"]):
        res = runner.invoke(main, args, env={"COI_LANG": "nl"})
        assert res.exit_code == 0 and "Options:" in res.output and "Opties" not in res.output, \
            (args, res.output)
    res = runner.invoke(main, ["match", "list", "--help"], env={"COI_LANG": "en"})
    assert "Options:" in res.output, res.output
    data = make_corp(tmp_path / "d")
    for args, said, not_said in (
            (["match", "--lang", "en", "list", str(data)], "No pairs.", "Geen paren."),
            (["match", "--lang", "en", "list", str(data), "--lang", "nl"], "Geen paren.",
             "No pairs."),
            (["match", "list", str(data)], "Geen paren.", "No pairs.")):
        res = runner.invoke(main, [*args, "--workspace", str(tmp_path / "ws.sqlite")],
                            env={"COI_LANG": "nl"})
        assert res.exit_code == 0 and said in res.output and not_said not in res.output, \
            (args, res.output)


def test_the_mapping_file_is_an_input_of_the_run(tmp_path: Path) -> None:
    """The mapping file decides which column is read as what, yet run.json did not name
    it: the audit report listed the exports' checksums but not the mapping's, and after the
    mapping was corrected ``coi diff`` said "identical input files".  run.json now records
    it (file and SHA-256), the audit report lists it, and diff sees it change."""
    import hashlib
    import json

    data = _orders_in_two_files(tmp_path / "d", declarations=[DECL])
    ws = tmp_path / "ws.sqlite"
    coi("scan", str(data), "--out", str(tmp_path / "a"), "--workspace", str(ws), "-q",
        "--skip-bad-rows")
    mapping = data / "mapping.yaml"
    recorded = json.loads((tmp_path / "a" / "run.json").read_text(encoding="utf-8"))["mapping"]
    assert recorded == {"file": "mapping.yaml",
                        "sha256": hashlib.sha256(mapping.read_bytes()).hexdigest()}
    coi("report", str(tmp_path / "a"), "--audience", "audit", "--workspace", str(ws),
        "--lang", "en")
    md = (tmp_path / "a" / "reports" / "audit-report-en.md").read_text(encoding="utf-8")
    assert f"| mapping.yaml \\(mapping file\\) | – | – | – | {recorded['sha256']} |" in md, md
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        "Bedrag: amount_eur", "Bedrag: ignore"), encoding="utf-8")
    coi("scan", str(data), "--out", str(tmp_path / "b"), "--workspace", str(ws), "-q",
        "--skip-bad-rows")
    out = coi("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--lang", "en")
    assert "identical input files" not in out and re.search(r"data: +changed: mapping.yaml",
                                                            out), out


def test_coi_policy_takes_lang_as_every_command_does() -> None:
    """``coi policy --lang en`` stopped with "Fout: Optie '--lang' bestaat niet.": README
    says every command that prints takes --lang.  It now sets the language of the help and
    of error lines; the policy file it prints is English either way."""
    runner = CliRunner()
    outs = [runner.invoke(main, ["policy", "--lang", lang], env={"COI_LANG": "nl"})
            for lang in ("nl", "en")]
    assert all(r.exit_code == 0 for r in outs) and outs[0].output == outs[1].output
    assert outs[0].output == runner.invoke(main, ["policy"]).output
    res = runner.invoke(main, ["policy", "--help", "--lang", "en"], env={"COI_LANG": "nl"})
    assert res.exit_code == 0 and "Options:" in res.output and "policy file is in English" \
        in " ".join(res.output.split()), res.output
    res = runner.invoke(main, ["policy", "--help"], env={"COI_LANG": "nl"})
    assert "Opties:" in res.output and "beleidsbestand is Engels" in " ".join(
        res.output.split()), res.output
