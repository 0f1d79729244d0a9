"""The web surfaces, the case trail, the board's report and the credentials attacked again
(session 19).  What test_hostile_input(18), test_xss, test_serve, test_compliance_redteam
and test_audit_key already cover is not repeated; each test names the attack it stands for
and was seen failing with the fix taken out.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import http.cookiejar
from pathlib import Path

from click.testing import CliRunner
from test_serve import (
    _request,
    copy_workspace,
    csrf_of,
    demo,  # noqa: F401 - the module-scoped fixture, shared with test_serve
    start,
)

from coi_graph.cli import main
from coi_graph.outputs.serve import LOGIN_TRIES_PER_NAME, stop_server
from coi_graph.outputs.workspace import open_workspace


# -- coi serve ------------------------------------------------------------------------------


def test_parallel_password_guesses_get_no_more_tries_than_one_after_another(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The limit of LOGIN_TRIES_PER_NAME failed sign-ins was checked before the password
    and counted after it: the server's eight threads each passed the check while argon2
    ran, so sixteen guesses sent at once had twelve passwords checked instead of five.
    Each attempt is counted when it starts now: exactly five are checked (401), the rest
    refused unchecked (429)."""
    ws = copy_workspace(demo, tmp_path)
    res = CliRunner().invoke(main, ["user", "add", "A. Jansen", "--workspace", str(ws)],
                             input="correct horse battery\ncorrect horse battery\n")
    assert res.exit_code == 0, res.output
    s = start(ws, host="0.0.0.0")
    base = f"http://127.0.0.1:{s.cfg.port}"

    def guess(i: int) -> int:
        jar = http.cookiejar.CookieJar()
        csrf = csrf_of(_request(base + "/login", jar=jar)[1])
        return _request(base + "/login", {"csrf_token": csrf, "username": "A. Jansen",
                                          "password": f"guess {i}"}, jar=jar, follow=False)[0]

    try:
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            codes = sorted(pool.map(guess, range(16)))
        assert codes.count(401) == LOGIN_TRIES_PER_NAME, codes
        assert codes.count(429) == 16 - LOGIN_TRIES_PER_NAME, codes
    finally:
        stop_server(s.server)


def _copy_findings(c: object, run_id: int, where: str, args: tuple[object, ...]) -> None:
    """Copy run_findings rows under another run id with SQLite itself (foreign keys off, as
    the sqlite3 tool has them by default)."""
    from coi_graph.outputs.workspace import RUN_FINDING_COLUMNS

    cols = ", ".join(RUN_FINDING_COLUMNS[1:])
    c.execute("PRAGMA foreign_keys = OFF")  # type: ignore[attr-defined]
    c.execute(f"INSERT INTO run_findings (run_id, {cols}) SELECT {run_id}, {cols} "  # type: ignore[attr-defined]
              f"FROM run_findings WHERE {where}", args)


def _raw(s: object, method: str, path: str, jar: http.cookiejar.CookieJar,
         headers: dict[str, str] | None = None, body: bytes | None = None
         ) -> tuple[int, dict[str, str], str]:
    """One request as a script sends it (any method, any body size), with the session."""
    conn = http.client.HTTPConnection(f"127.0.0.1:{s.cfg.port}", timeout=30)  # type: ignore[attr-defined]
    sent = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in jar), **(headers or {})}
    conn.request(method, path, body=body, headers=sent)
    r = conn.getresponse()
    return r.status, dict(r.getheaders()), r.read().decode("utf-8", "replace")


def test_a_wrong_method_a_flood_or_a_server_error_is_a_page_in_the_session_s_language(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """Werkzeug's own pages for 405 (a PUT, a GET of the sign-out button's address), 413
    (a form over 256 KiB) and 500 (the workspace moved away) were English HTML on a Dutch
    server ("Method Not Allowed"), unlike every other page; a finding with rows under a run
    id no run has (put in with SQLite) was a 500.  They are the server's message page now, in the session's language,
    with the same security headers."""
    import sqlite3

    from coi_graph.outputs.serve_text import text

    ws = copy_workspace(demo, tmp_path)
    with sqlite3.connect(ws) as c:  # a finding whose run is gone: the page used to crash
        fid = c.execute("SELECT finding_id FROM run_findings LIMIT 1").fetchone()[0]
        _copy_findings(c, 999, "finding_id = ?", (fid,))
    s = start(ws, user="tester")
    try:
        jar = http.cookiejar.CookieJar()
        assert _request(s.url, jar=jar)[0] == 200
        for lang in ("nl", "en"):
            if lang == "en":
                csrf = csrf_of(_request(s.base, jar=jar)[1])
                assert _request(s.base + "lang", {"csrf_token": csrf, "lang": "en"},
                                jar=jar)[0] == 200
            t = text(lang)
            for method, path, body, said in (
                    ("PUT", "/", None, t["method_not_allowed"]),
                    ("GET", "/logout", None, t["method_not_allowed"]),
                    ("POST", "/lang", b"x" * 300_000, t["too_large"])):
                code, headers, html = _raw(s, method, path, jar, {
                    "Content-Type": "application/x-www-form-urlencoded"}, body)
                assert code in (405, 413), (method, path, code)
                assert said in html and f'<html lang="{lang}"' in html, (lang, path, html[:200])
                assert "Method Not Allowed" not in html and "Too Large" not in html
                assert headers["Cache-Control"] == "no-store"
                assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            # the finding's page: the rows of the run that does not exist are passed over
            code, _, html = _raw(s, "GET", f"/finding/{fid}", jar)
            assert code == 200, html[:300]
            assert "Internal Server Error" not in html
        ws.rename(ws.with_name("moved.sqlite"))  # a server error: the workspace moved away
        code, headers, html = _raw(s, "GET", "/", jar)
        assert code == 500 and text("en")["server_error"] in html, html[:300]
        assert "Internal Server Error" not in html and headers["Cache-Control"] == "no-store"
    finally:
        stop_server(s.server)


# -- the case trail -------------------------------------------------------------------------


def test_findings_put_in_under_a_run_id_no_run_has_are_named_by_verify(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """A run's seal covers its own findings and declaration figures only.  Rows copied in
    with SQLite under run id 0 (before every run) passed `coi verify`, yet they count:
    the board's "new since the previous scan" looks in every earlier run's findings, so
    every finding looked old.  Verify names them now, and every command that shows the
    trail says it is broken."""
    import sqlite3

    ws = copy_workspace(demo, tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["verify", "--workspace", str(ws)]).exit_code == 0
    with sqlite3.connect(ws) as c:
        _copy_findings(c, 0, "1", ())
        n = c.execute("SELECT COUNT(*) FROM run_findings WHERE run_id = 0").fetchone()[0]
        c.execute("INSERT INTO run_declaration_stats (run_id, department, staff, "
                  "staff_with_declaration, pending_requests, side_functions_active, "
                  "side_functions_unapproved) VALUES (7, 'Inkoop', 9, 9, 0, 0, 0)")
    assert n > 0
    for lang, said in (
            ("en", [f"{n} row(s) of findings of run 0, which is not in the run history, "
                    "were inserted outside coi-graph",
                    "1 row(s) of declaration figures of run 7, which is not in the run "
                    "history, were inserted outside coi-graph"]),
            ("nl", [f"{n} rij(en) met bevindingen van scan 0, die niet in de "
                    "scangeschiedenis staat, zijn buiten coi-graph toegevoegd",
                    "1 rij(en) met meldingscijfers van scan 7"])):
        res = runner.invoke(main, ["verify", "--workspace", str(ws), "--lang", lang])
        assert res.exit_code == 1, res.output
        for line in said:
            assert line in res.output, (lang, res.output)
    res = runner.invoke(main, ["cases", "--workspace", str(ws), "--lang", "en"])
    assert "was changed outside coi-graph (2 problem(s))" in res.output, res.output


# -- the board's report ---------------------------------------------------------------------


def test_the_director_s_findings_cannot_be_subtracted_when_nobody_else_has_any(
        tmp_path: Path) -> None:
    """The merged row of the small departments (here the one-person Directie) is withheld
    ("–"), and one more department is hidden beside it so that it cannot be worked out from
    the total.  But that other cell was only ever a non-zero one: when every finding is the
    director's, every big department showed "0" next to a shown total of 7, and the board
    read the director's 7 findings by subtraction.  A zero is hidden beside it now."""
    import copy

    from corp import BASE, make_corp
    from test_rules import DECL

    from coi_graph.outputs.report import build_context, render_report
    from coi_graph.outputs.workspace import record_scan
    from coi_graph.scan import scan

    staff = copy.deepcopy(BASE["employees"])
    staff[0]["department"] = "Directie"   # E1, the director: handles O1's contracts, his own
    staff[2]["department"] = "Inkoop"
    for i in range(4, 9):
        staff.append({"employee_id": f"E{i}", "name": f"Medewerker {i}",
                      "department": "Inkoop", "birth_date": f"0{i}-01-1980"})
    contracts = copy.deepcopy(BASE["contracts"])
    for i in range(10, 16):
        contracts.append({**contracts[0], "decision_id": f"D{i}",
                          "decision_date": f"{i}-03-2024"})
    run = tmp_path / "run"
    result = scan(make_corp(tmp_path / "data", employees=staff, contracts=contracts,
                            declarations=[DECL]), run)
    by_dept = {f.subject_department for f in result.findings}
    assert by_dept == {"Directie"} and len(result.findings) >= 5, by_dept
    record_scan(result, run, tmp_path / "ws.sqlite")
    ctx = build_context(run, "rvc", "en", tmp_path / "ws.sqlite")
    total = ctx["severity_total"]
    assert total.shown and total.value == len(result.findings)
    rows = {r["name"]: r["findings"] for r in ctx["departments"]}
    other = rows.pop("Other departments (fewer than 5 staff, or unknown)")
    assert other.text == "\u2013"
    shown = [c.value for c in rows.values() if c.shown]
    assert len(shown) < len(rows), rows   # not every other department's count is given
    for lang, said in (("nl", "Omdat de andere afdelingen geen bevindingen hebben, staat "
                              "ook een van hen als \u2013"),
                       ("en", "Since the other departments have no findings, one of them is "
                              "shown as \u2013 as well")):
        files = render_report(run, "rvc", lang, tmp_path / "out", tmp_path / "ws.sqlite")
        for path in (files.html, files.markdown):
            page = path.read_text(encoding="utf-8")
            assert said in page, (lang, path)
            row = page.split("Inkoop", 1)[1].split("</tr>" if path.suffix == ".html"
                                                   else "\n", 1)[0]
            assert "\u2013" in row and ">0<" not in row and "| 0 |" not in row, (lang, row)


# -- the audit key ----------------------------------------------------------------------------


def test_an_audit_key_file_others_can_read_is_refused_like_ssh_refuses_a_private_key(
        tmp_path: Path, monkeypatch: object) -> None:
    """`coi key new` writes the key readable by its owner only, but a copy made with cp to
    a shared folder (umask 022: mode 644) was read without a word: anyone on the machine
    could then rewrite a decision, recompute the chain and seal it with the key, and
    `coi verify --key-file` would call the forgery intact.  Every command that reads the
    key refuses such a file (exit 2), says why and how to fix it, in the run's language."""
    import os
    import shutil

    from test_verify import decided_workspace

    from coi_graph.outputs.workspace import KEY_ENV, new_key_file

    key = tmp_path / "audit.key"
    new_key_file(key)
    monkeypatch.setenv(KEY_ENV, str(key))  # type: ignore[attr-defined]
    ws = decided_workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["verify", "--workspace", str(ws)]).exit_code == 0
    shared = tmp_path / "shared.key"
    shutil.copy(key, shared)
    os.chmod(shared, 0o644)
    for lang, said in (("en", f"{shared}: the audit key file can be read or changed by "
                              f"others (mode 644); whoever can read it can rewrite the audit "
                              f"trail undetected. Make it readable by its owner only (chmod "
                              f"600 {shared})"),
                       ("nl", f"{shared}: het auditsleutelbestand kan door anderen worden "
                              "gelezen of veranderd (modus 644)")):
        res = runner.invoke(main, ["verify", "--workspace", str(ws), "--key-file",
                                   str(shared), "--lang", lang])
        assert res.exit_code == 2 and said in " ".join(res.output.split()), res.output
    monkeypatch.setenv(KEY_ENV, str(shared))  # type: ignore[attr-defined]
    with open_workspace(ws) as w:
        fid = w.cases()[0]["finding_id"]
    before = _events(ws)
    res = runner.invoke(main, ["triage", fid, "--status", "in_review", "--by", "x",
                               "--workspace", str(ws), "--lang", "en"])
    assert res.exit_code == 2 and "can be read or changed by others" in res.output, res.output
    assert _events(ws) == before
    os.chmod(shared, 0o660)  # writable by the group: as bad
    res = runner.invoke(main, ["verify", "--workspace", str(ws), "--lang", "en"])
    assert res.exit_code == 2 and "(mode 660)" in res.output, res.output
    os.chmod(shared, 0o400)  # read-only for its owner: fine
    res = runner.invoke(main, ["verify", "--workspace", str(ws), "--lang", "en"])
    assert res.exit_code == 0, res.output


def _events(ws: Path) -> int:
    import sqlite3

    with sqlite3.connect(ws) as c:
        return int(c.execute("SELECT COUNT(*) FROM case_events").fetchone()[0])


def test_a_decision_rewritten_while_the_server_runs_is_shown_on_the_next_pages(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """`coi serve` checked the trail on start only and runs for days: a decision rewritten
    with the sqlite3 tool (triggers dropped, the note and status changed, triggers put back)
    after the start left every page without the warning, and officers went on deciding on
    a trail `coi verify` calls broken.  The server checks again whenever the file changed;
    the warning is on the pages that follow, and a decision the server itself records does
    not raise it."""
    import re
    import sqlite3
    import time

    ws = copy_workspace(demo, tmp_path)
    with open_workspace(ws) as w:
        fid = w.cases()[0]["finding_id"]
        w.triage(fid, "confirmed", "A. Jansen", "bought from his brother's firm")
    s = start(ws, user="tester")
    try:
        jar = http.cookiejar.CookieJar()
        status, page = _request(s.url, jar=jar)
        assert status == 200 and 'id="tampered"' not in page

        def pages_say_tampered(wait: float) -> bool:
            end = time.monotonic() + wait
            while True:
                page = _request(s.base, jar=jar)[1]
                if 'id="tampered"' in page:
                    return True
                if time.monotonic() > end:
                    return False
                time.sleep(0.2)

        # the server's own decision changes the file too, and is no tampering
        csrf = csrf_of(_request(s.base + f"finding/{fid}", jar=jar)[1])
        assert _request(s.base + f"finding/{fid}/decide", {
            "csrf_token": csrf, "status": "in_review", "note": ""}, jar=jar)[0] == 200
        assert not pages_say_tampered(3)
        con = sqlite3.connect(ws)
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = "
                          "'case_events_no_update'").fetchone()[0]
        con.execute("DROP TRIGGER case_events_no_update")
        con.execute("UPDATE case_events SET status = 'dismissed', note = 'nothing' "
                    "WHERE finding_id = ? AND status = 'confirmed'", (fid,))
        con.execute(sql)
        con.commit()
        con.close()
        assert pages_say_tampered(20), "no warning after the trail was rewritten"
        status, page = _request(s.base + f"finding/{fid}", jar=jar)
        assert status == 200 and 'id="tampered"' in page
        assert re.search(r'id="tampered"[^>]*>[^<]+', page)
    finally:
        stop_server(s.server)


def test_a_name_the_trail_would_refuse_is_refused_where_it_is_typed(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """Without accounts the browser gives the name recorded on each decision.  A name with
    a possible BSN, or a C1 control character (U+009B, a terminal's CSI in `coi cases`),
    passed the name page, and then every decision was refused by the workspace and the
    page said "Niet gevonden" (404): the officer could not record anything and was not
    told why.  The name page refuses them, in the page's language, and keeps nothing."""
    from coi_graph.outputs.serve_text import text

    ws = copy_workspace(demo, tmp_path)
    with open_workspace(ws) as w:
        fid = w.cases()[0]["finding_id"]
    s = start(ws)
    try:
        jar = http.cookiejar.CookieJar()
        assert _request(s.url, jar=jar)[0] == 200  # the name page (no --user)
        csrf = csrf_of(_request(s.base + "name", jar=jar)[1])
        for name, said in (("A. Jansen 111222333", text("nl")["no_bsn"]),
                           ("A. Jansen\x9b2J", text("nl")["bad_name"])):
            status, page = _request(s.base + "name", {"csrf_token": csrf, "name": name},
                                    jar=jar)
            assert status == 400 and said in page, (name, status, page[:300])
            assert "111222333" not in page
        status, _ = _request(s.base + "name", {"csrf_token": csrf, "name": "A. Jansen"},
                             jar=jar)
        assert status == 200
        status, page = _request(s.base + f"finding/{fid}/decide", {
            "csrf_token": csrf, "status": "in_review", "note": ""}, jar=jar)
        assert status == 200, page[:300]
        with open_workspace(ws) as w:
            assert [e["by"] for e in w.events(fid)] == ["A. Jansen"]
    finally:
        stop_server(s.server)


def test_an_account_name_the_trail_would_refuse_is_refused_by_coi_user_add(
        tmp_path: Path) -> None:
    """`coi user add` let through a name with a C1 control character (U+009B), a
    left-to-right mark (U+200E) or a possible BSN; that account signed in, and every
    decision it made was refused by the workspace (the page said "not found").  Refused
    when the account is made, in the run's language, and no account is added."""
    from coi_graph.outputs.serve_auth import users

    ws = tmp_path / "ws.sqlite"
    open_workspace(ws).close()
    runner = CliRunner()
    for name, lang, said in (
            ("A. Jansen 111222333", "nl", "een gebruikersnaam mag geen getal van negen cijfers "
                                          "bevatten dat de elfproef doorstaat"),
            ("A. Jansen 111222333", "en", "a user name must not hold a nine-digit number"),
            ("A. Jansen\x9b2J", "en", "a user name is 1-80 characters, without control"),
            ("A.\u200e Jansen", "nl", "een gebruikersnaam heeft 1-80 tekens")):
        res = runner.invoke(main, ["user", "add", name, "--workspace", str(ws), "--lang",
                                   lang], input="correct horse battery\n" * 2)
        assert res.exit_code == 2 and said in " ".join(res.output.split()), res.output
        assert "111222333" not in res.output
    with open_workspace(ws) as w:
        assert users(w) == []


# -- a run folder edited by hand --------------------------------------------------------------


def test_an_escaped_lone_surrogate_in_a_run_folder_is_refused_with_its_place(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """JSON lets ``"\\ud800"`` through as a string that no UTF-8 file or page can hold:
    `coi explore` of a run folder with one in a name ended in a UnicodeEncodeError
    traceback while writing the overview page.  It is refused as unreadable JSON now,
    naming the file, line and column, in the run's language; an escaped pair (an emoji as
    ``ensure_ascii`` writes it) is still read."""
    import json
    import shutil

    from coi_graph.errors import InputError
    from coi_graph.outputs.workspace import record_run_folder

    runner = CliRunner()
    for name, edit in (("findings.json", lambda d: d["findings"][0].update(
                            subject_name="Jan \ud800 de Vries")),
                       ("graph.json", lambda d: d["nodes"][3].update(label="X \udc00 Y"))):
        run = tmp_path / f"run-{name}"
        shutil.copytree(demo / "run", run)
        doc = json.loads((run / name).read_text(encoding="utf-8"))
        edit(doc)
        (run / name).write_text(json.dumps(doc, indent=1), encoding="utf-8")
        line = next(i for i, text in enumerate((run / name).read_text(encoding="utf-8")
                                               .splitlines(), 1) if "\\ud800" in text
                    or "\\udc00" in text)
        for lang, said in (("en", f"{run / name}: not readable as JSON (line {line} column "),
                           ("nl", f"{run / name}: niet leesbaar als JSON (regel {line} kolom ")):
            res = runner.invoke(main, ["explore", str(run), "--out", str(tmp_path / "x"),
                                       "--lang", lang])
            assert res.exit_code == 2 and said in res.output, res.output
            assert ("lone surrogate" if lang == "en" else "losse surrogaat") in res.output
            assert res.exception is None or isinstance(res.exception, SystemExit)
        if name == "findings.json":
            try:
                record_run_folder(run, tmp_path / "ws.sqlite")
                raise AssertionError("recorded")
            except InputError as e:
                assert "lone surrogate" in str(e)
    run = tmp_path / "run-pair"
    shutil.copytree(demo / "run", run)
    doc = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    doc["findings"][0]["subject_name"] = "Jan \U0001F600 de Vries"
    (run / "findings.json").write_text(json.dumps(doc), encoding="utf-8")  # as \ud83d\ude00
    res = runner.invoke(main, ["explore", str(run), "--out", str(tmp_path / "y")])
    assert res.exit_code == 0, res.output
    assert "Jan \U0001F600 de Vries" in (tmp_path / "y" / "index.html").read_text(
        encoding="utf-8")


def test_a_finding_edited_in_the_run_folder_is_not_shown_as_the_evidence(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The finding page draws its network and evidence from the run folder's findings.json,
    a plain file outside the workspace's audit chain.  Someone who can write the run folder
    made a finding look harmless there (another counterparty name, a lower score) and the
    officer deciding on it saw the edited version, without any warning.  The page compares
    the file's finding with what the workspace recorded; when they differ it shows what was
    recorded and says why the details are missing.  An untouched finding shows its network."""
    import json
    import shutil

    from coi_graph.outputs.serve_text import text
    from coi_graph.outputs.workspace import record_run_folder

    run = tmp_path / "run"
    shutil.copytree(demo / "run", run)
    ws = tmp_path / "ws.sqlite"
    record_run_folder(run, ws)  # as a run made before the workspace is recorded
    doc = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    edited, untouched = doc["findings"][0], doc["findings"][1]
    fid, real_name = edited["finding_id"], edited["counterparty_name"]
    edited["counterparty_name"] = "Gemeente Voorbeeld"
    edited["score"] = 5
    (run / "findings.json").write_text(json.dumps(doc), encoding="utf-8")
    s = start(ws, user="tester")
    try:
        jar = http.cookiejar.CookieJar()
        assert _request(s.url, jar=jar)[0] == 200
        for lang in ("nl", "en"):
            if lang == "en":
                csrf = csrf_of(_request(s.base, jar=jar)[1])
                _request(s.base + "lang", {"csrf_token": csrf, "lang": "en"}, jar=jar)
            status, page = _request(s.base + f"finding/{fid}", jar=jar)
            assert status == 200
            said = text(lang)["run_file_changed"].format(
                file="findings.json", path=run.resolve()).split(":")[0]
            assert 'id="folder-missing"' in page and said in page, page
            assert "Gemeente Voorbeeld" not in page and real_name in page
            status, page = _request(s.base + f"finding/{untouched['finding_id']}", jar=jar)
            assert status == 200 and 'id="folder-missing"' not in page
            assert 'id="score-parts"' in page
    finally:
        stop_server(s.server)


def test_the_reports_say_when_the_run_folder_s_findings_were_edited_after_recording(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """`coi report` reads findings.json from the run folder and the statuses from the
    workspace; a finding edited in the file (a lower severity, another name) went into the
    audit report and the board's counts as if it were what the scan found.  Both reports
    now say how many findings differ from what the workspace recorded; a report of an
    untouched run folder says nothing of the kind."""
    import json
    import shutil

    from coi_graph.outputs.report import render_report
    from coi_graph.outputs.workspace import record_run_folder

    run = tmp_path / "run"
    shutil.copytree(demo / "run", run)
    ws = tmp_path / "ws.sqlite"
    record_run_folder(run, ws)
    for lang, audience in (("nl", "audit"), ("en", "rvc")):
        files = render_report(run, audience, lang, tmp_path / "clean", ws)
        for path in (files.html, files.markdown):
            page = path.read_text(encoding="utf-8")
            assert "run-changed" not in page and "findings.json" not in page, path
    doc = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    doc["findings"][0]["severity"] = "low"
    doc["findings"][1]["subject_name"] = "Iemand Anders"
    del doc["findings"][2]
    (run / "findings.json").write_text(json.dumps(doc), encoding="utf-8")
    for lang, audience, said in (
            ("nl", "audit", "Let op: 3 bevinding(en) in het bestand findings.json van deze "
                            "scanmap wijken af van wat de werkruimte voor deze scan vastlegde"),
            ("en", "audit", "Warning: 3 finding(s) in the file findings.json of this run "
                            "folder differ from what the workspace recorded for this scan"),
            ("nl", "rvc", "Let op: 3 bevinding(en)"),
            ("en", "rvc", "Warning: 3 finding(s)")):
        files = render_report(run, audience, lang, tmp_path / "out", ws)
        for path in (files.html, files.markdown):  # Markdown escapes the brackets
            page = path.read_text(encoding="utf-8").replace("\\", "")
            assert said in page, (lang, audience, path)


def test_the_sign_in_throttle_forgets_names_tried_long_ago(monkeypatch: object) -> None:
    """Each failed sign-in under a new user name added an entry that was only ever pruned
    when that same name was tried again: a script trying names from many addresses grew the
    server's memory for as long as it ran.  Past 10,000 entries the expired ones go."""
    from coi_graph.outputs import serve

    now = [1000.0]
    monkeypatch.setattr(serve.time, "monotonic", lambda: now[0])  # type: ignore[attr-defined]
    throttle = serve._LoginThrottle()
    for i in range(10_001):
        assert throttle.take((("name", f"naam {i}"), ("address", f"10.0.{i // 250}.{i % 250}")))
    assert len(throttle.fails) == 20_002
    now[0] += serve.LOGIN_WINDOW + 1
    assert throttle.take((("name", "a. jansen"), ("address", "10.9.9.9")))
    assert len(throttle.fails) == 2
