"""Compliance's outputs attacked as a hostile or careless insider would (session 17).

The real web application (waitress on a loopback port, plain HTTP) and the real CLI over
the small demo's workspace; what test_serve, test_xss, test_verify and test_report already
cover is not repeated.  Each test names the attack it stands for.
"""

from __future__ import annotations

import http.cookiejar
import urllib.parse
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_serve import (
    _request,
    copy_workspace,
    csrf_of,
    demo,  # noqa: F401 - the module-scoped fixture, shared with test_serve
    first_finding,
    session_jar,
    start,
)

from coi_graph.cli import main
from coi_graph.outputs.serve import LOGIN_TRIES_PER_NAME, stop_server
from coi_graph.outputs.serve_auth import users
from coi_graph.outputs.serve_text import text
from coi_graph.outputs.workspace import MAX_TEXT, open_workspace

#: what a hostile insider types to rewrite `coi cases` on a colleague's terminal: erase the
#: line, move up, a carriage return over the real note, a bell, a right-to-left override
TERMINAL_TRICKS = ["ok\x1b[2K\x1b[1A", "real reason\rlooks fine", "ding\x07",
                   "txt\u202eexe.pdf", "nul\x00byte", "c1\x9bcsi"]


def _events(ws: Path) -> int:
    with sqlite3.connect(ws) as c:
        return int(c.execute("SELECT COUNT(*) FROM case_events").fetchone()[0])


def test_a_note_with_terminal_control_characters_or_a_flood_is_refused_by_every_command(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """A note is kept for ever in the audit chain and printed by `coi cases`: an escape
    sequence or carriage return would rewrite what a colleague reads on a terminal, and a
    100,000-character paste would be in every case list.  Refused, with the option named,
    in Dutch and English; nothing is recorded.  A tab and line feeds stay allowed."""
    ws = copy_workspace(demo, tmp_path)
    fid = first_finding(ws)
    before = _events(ws)
    run = CliRunner()
    for note in [*TERMINAL_TRICKS, "A" * 100_000]:
        res = run.invoke(main, ["triage", fid, "--status", "dismissed", "--note", note,
                                "--by", "mallory", "--workspace", str(ws)])
        assert res.exit_code == 2, (note[:20], res.output)
        assert "--note" in res.output
    res = run.invoke(main, ["triage", fid, "--status", "dismissed", "--note", "A" * 100_000,
                            "--by", "mallory", "--workspace", str(ws)])
    assert f"meer dan de {MAX_TEXT}" in res.output and "100000 tekens" in res.output
    res = run.invoke(main, ["--lang", "en", "triage", fid, "--status", "dismissed", "--note",
                            "ok\x1b[2K", "--by", "mallory", "--workspace", str(ws)])
    assert "control character (U+001B)" in res.output, res.output
    res = run.invoke(main, ["triage", fid, "--status", "in_review", "--note", "x",
                            "--by", "mal\x1b[8mlory", "--workspace", str(ws)])
    assert res.exit_code == 2 and "--by" in res.output
    res = run.invoke(main, ["accept", "--rule", "self_approval", "--justification",
                            "fine\x1b]0;owned\x07", "--owner", "CFO", "--until", "2099-12-31",
                            "--workspace", str(ws)])
    assert res.exit_code == 2 and "--justification" in res.output, res.output
    assert _events(ws) == before
    res = run.invoke(main, ["triage", fid, "--status", "dismissed", "--note",
                            "line one\n\tline two", "--by", "A. Jansen", "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    assert _events(ws) == before + 1
    with open_workspace(ws) as w:
        assert w.verify().ok


def test_the_web_app_refuses_a_flood_or_control_characters_in_every_typed_text(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The same through the forms: a 100,000-character note (under the 256 KB request
    limit), an escape sequence in a note, in an acceptance's justification or owner, in a
    match judgement's reason, and in a revocation's note.  Each gives 400 with the page's
    own words (not a 'not found' or a 500), nothing is recorded; a textarea's CR LF line
    breaks are kept as line feeds."""
    ws = copy_workspace(demo, tmp_path)
    s = start(ws)
    try:
        fid = first_finding(ws)
        jar = session_jar(s)
        assert s.post("/name", {"csrf_token": csrf_of(s.get("/", jar)[1]), "name": "A. Jansen"},
                      jar)[0] == 200
        page = s.get(f"/finding/{fid}", jar)[1]
        csrf = csrf_of(page)
        t = text("nl")
        before = _events(ws)
        status, body = s.post(f"/finding/{fid}/decide",
                              {"csrf_token": csrf, "status": "dismissed", "note": "A" * 100_000},
                              jar)
        assert status == 400
        assert t["too_long"].format(n=100_000, max=MAX_TEXT) in body
        status, body = s.post(f"/finding/{fid}/decide",
                              {"csrf_token": csrf, "status": "dismissed",
                               "note": "ok\x1b[2Kfine"}, jar)
        assert status == 400 and t["control_char"].format(code="U+001B") in body
        for field in ("justification", "owner"):
            form = {"csrf_token": csrf, "scope_rule": "1", "justification": "agreed by the board",
                    "owner": "CFO", "until": "2099-12-31", field: "x\rhidden"}
            status, body = s.post(f"/finding/{fid}/accept", form, jar)
            assert status == 400 and t["control_char"].format(code="U+000D") in body, field
        status, body = s.post(f"/finding/{fid}/match",
                              {"csrf_token": csrf, "decision": "reject", "pair_id": "p1",
                               "why": "W" * (MAX_TEXT + 1)}, jar)
        assert status == 400 and t["too_long"].format(n=MAX_TEXT + 1, max=MAX_TEXT) in body
        assert _events(ws) == before
        with open_workspace(ws) as w:
            assert w.acceptances() == []
            assert w.conn.execute("SELECT COUNT(*) FROM match_judgements").fetchone()[0] == 0
        status, _ = s.post(f"/finding/{fid}/accept",
                           {"csrf_token": csrf, "scope_rule": "1", "owner": "CFO",
                            "justification": "agreed by the board", "until": "2099-12-31"}, jar)
        with open_workspace(ws) as w:
            aid = w.acceptances()[0].acceptance_id
        status, _ = s.post(f"/acceptance/{aid}/revoke",
                           {"csrf_token": csrf, "note": "gone\x1b[2K"}, jar)
        assert status == 400
        with open_workspace(ws) as w:
            assert w.acceptances()[0].revoked_at is None
        status, _ = s.post(f"/finding/{fid}/decide",
                           {"csrf_token": csrf, "status": "dismissed",
                            "note": "first line\r\nsecond line"}, jar)
        assert status == 200
        with open_workspace(ws) as w:
            assert w.events(fid)[-1]["note"] == "first line\nsecond line"
            assert w.verify().ok
    finally:
        stop_server(s.server)


def test_password_guessing_is_limited_per_user_name(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """On a network address anyone who can reach the port may try a password list against
    a colleague's name.  After LOGIN_TRIES_PER_NAME failures the name is refused (429, the
    page says why and for how long) without checking the password, even the right one; a
    guess against another name is still checked, and a right password before the limit
    clears the count."""
    ws = copy_workspace(demo, tmp_path)
    for name in ("A. Jansen", "B. de Vries"):
        res = CliRunner().invoke(main, ["user", "add", name, "--workspace", str(ws)],
                                 input="correct horse battery\ncorrect horse battery\n")
        assert res.exit_code == 0, res.output
    s = start(ws, host="0.0.0.0")
    try:
        base = f"http://127.0.0.1:{s.cfg.port}"
        jar = http.cookiejar.CookieJar()
        csrf = csrf_of(_request(base + "/login", jar=jar)[1])

        def login(name: str, password: str) -> tuple[int, str]:
            return _request(base + "/login", {"csrf_token": csrf, "username": name,
                                              "password": password}, jar=jar, follow=False)

        for _ in range(LOGIN_TRIES_PER_NAME - 1):
            assert login("B. de Vries", "wrong guess")[0] == 401
        assert login("B. de Vries", "correct horse battery")[0] == 302   # count cleared
        jar.clear()
        csrf = csrf_of(_request(base + "/login", jar=jar)[1])
        for _ in range(LOGIN_TRIES_PER_NAME):
            assert login("A. Jansen", "wrong guess")[0] == 401
        status, body = login("A. Jansen", "correct horse battery")
        assert status == 429
        assert text("nl")["login_locked"].format(minutes=15) in body
        assert login(" a. jansen ", "correct horse battery")[0] == 429  # same name, respelled
        assert login("B. de Vries", "correct horse battery")[0] == 302
    finally:
        stop_server(s.server)


def test_a_removed_account_or_a_reset_password_ends_the_sessions_signed_in_with_it(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """A colleague who left (`coi user remove`), or whose password was set anew after a leak
    (remove + add), kept a working session until the server restarted: the guard only asked
    whether the signed cookie named a user.  Now the next request goes to the login page,
    a POST is refused, and nothing is recorded under that name."""
    ws = copy_workspace(demo, tmp_path)
    run = CliRunner()

    def add(name: str, password: str) -> None:
        res = run.invoke(main, ["user", "add", name, "--workspace", str(ws)],
                         input=f"{password}\n{password}\n")
        assert res.exit_code == 0, res.output

    add("A. Jansen", "correct horse battery")
    add("B. de Vries", "correct horse battery")
    s = start(ws, host="0.0.0.0")
    try:
        base = f"http://127.0.0.1:{s.cfg.port}"
        fid = first_finding(ws)
        jars = {}
        for name in ("A. Jansen", "B. de Vries"):
            jar = http.cookiejar.CookieJar()
            csrf = csrf_of(_request(base + "/login", jar=jar)[1])
            assert _request(base + "/login", {"csrf_token": csrf, "username": name,
                                              "password": "correct horse battery"},
                            jar=jar, follow=False)[0] == 302
            jars[name] = jar
        page = _request(base + f"/finding/{fid}", jar=jars["A. Jansen"])[1]
        csrf_a = csrf_of(page)
        assert run.invoke(main, ["user", "remove", "A. Jansen", "--workspace", str(ws)]
                          ).exit_code == 0
        before = _events(ws)
        assert _request(base + f"/finding/{fid}/decide",
                        {"csrf_token": csrf_a, "status": "in_review", "note": "still here"},
                        jar=jars["A. Jansen"], follow=False)[0] == 403
        status, _ = _request(base + "/", jar=jars["A. Jansen"], follow=False)
        assert status == 302                                   # to the login page
        assert _events(ws) == before
        # a new password for B: the session of the old one ends; the new one signs in
        assert _request(base + "/", jar=jars["B. de Vries"], follow=False)[0] == 200
        assert run.invoke(main, ["user", "remove", "B. de Vries", "--workspace", str(ws)]
                          ).exit_code == 0
        add("B. de Vries", "another long passphrase")
        assert _request(base + "/", jar=jars["B. de Vries"], follow=False)[0] == 302
        jar = http.cookiejar.CookieJar()
        csrf = csrf_of(_request(base + "/login", jar=jar)[1])
        assert _request(base + "/login", {"csrf_token": csrf, "username": "B. de Vries",
                                          "password": "another long passphrase"},
                        jar=jar, follow=False)[0] == 302
        assert _request(base + "/", jar=jar, follow=False)[0] == 200
    finally:
        stop_server(s.server)


def _forge(ws: Path, sql: str, *args: str) -> None:
    """What someone with write access to the workspace file does with sqlite3 alone."""
    with sqlite3.connect(ws) as c:
        c.execute(sql, args)


def test_an_account_put_into_the_workspace_file_by_hand_is_refused_and_reported(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The users table was outside the audit chain: anyone who could write the workspace
    file (a shared drive) could add a row with a password hash of their own under a
    colleague's name, or give an existing account their own hash, sign in to `coi serve`,
    and have the server seal decisions (with the audit key, when there is one) under that
    name; `coi verify` said the trail was intact.  Now account changes are chained events:
    the forged accounts cannot sign in, and verify names them."""
    ws = copy_workspace(demo, tmp_path)
    run = CliRunner()
    for name in ("A. Jansen", "B. de Vries"):
        res = run.invoke(main, ["user", "add", name, "--workspace", str(ws)],
                         input="correct horse battery\ncorrect horse battery\n")
        assert res.exit_code == 0, res.output
    assert run.invoke(main, ["user", "remove", "B. de Vries", "--workspace", str(ws)]
                      ).exit_code == 0
    res = run.invoke(main, ["--lang", "en", "verify", "--workspace", str(ws)])
    assert res.exit_code == 0, res.output                    # coi user add/remove: intact
    from coi_graph.outputs.serve_auth import hasher

    mine = hasher().hash("mallory's passphrase")
    _forge(ws, "INSERT INTO users VALUES ('CFO', ?, '2026-01-01', 'x')", mine)
    _forge(ws, "UPDATE users SET password_hash = ? WHERE name = 'A. Jansen'", mine)
    res = run.invoke(main, ["--lang", "en", "verify", "--workspace", str(ws)])
    assert res.exit_code == 1, res.output
    assert "account 'CFO' was added or its password changed outside coi-graph" in res.output
    assert "account 'A. Jansen' was added or its password changed" in res.output
    res = run.invoke(main, ["verify", "--workspace", str(ws)])
    assert "account 'CFO' is buiten coi-graph toegevoegd" in res.output, res.output
    s = start(ws, host="0.0.0.0")
    try:
        base = f"http://127.0.0.1:{s.cfg.port}"
        for name in ("CFO", "A. Jansen"):
            jar = http.cookiejar.CookieJar()
            csrf = csrf_of(_request(base + "/login", jar=jar)[1])
            assert _request(base + "/login", {"csrf_token": csrf, "username": name,
                                              "password": "mallory's passphrase"},
                            jar=jar, follow=False)[0] == 401, name
    finally:
        stop_server(s.server)


def test_a_redirect_target_with_a_tab_or_line_break_cannot_leave_the_server(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """`next=/<TAB>/evil.example` passed the "a path on this server" test (it starts with
    one slash) and went out as `Location: /\\t/evil.example`, which a browser reads as
    `//evil.example` (the URL parser drops tabs and line breaks): a link to the real login
    or name page that sends the officer on to a look-alike site.  A line break in `next`
    gave a 500.  Both now go to the index."""
    import http.client

    ws = copy_workspace(demo, tmp_path)
    s = start(ws)
    try:
        jar = session_jar(s)
        csrf = csrf_of(s.get("/", jar)[1])
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        for target in ("/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
                       "/ /evil.example", "/\x0b/evil.example"):
            conn = http.client.HTTPConnection("127.0.0.1", s.cfg.port, timeout=30)
            body = urllib.parse.urlencode({"csrf_token": csrf, "name": "A. Jansen"})
            conn.request("POST", "/name?" + urllib.parse.urlencode({"next": target}), body,
                         {"Cookie": cookie,
                          "Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            r.read()
            assert r.status == 302, (repr(target), r.status)
            assert r.getheader("Location") == "/", (repr(target), r.getheader("Location"))
            conn.close()
    finally:
        stop_server(s.server)


def test_a_new_workspace_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """The workspace holds notes about named employees and relatives and the accounts'
    password hashes; under the usual umask 022 it was created world-readable (0644), so
    every local user of a shared server could copy it.  A new one is 0600, and so are the
    WAL files SQLite makes next to it."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        ws = tmp_path / "new" / "coi-workspace.sqlite"
        res = CliRunner().invoke(main, ["user", "list", "--workspace", str(ws)])
        with open_workspace(ws) as w:
            w.conn.execute("CREATE TEMP TABLE t (x)")  # a write opens the WAL
            w.accept(rule="self_approval", justification="test", owner="CFO",
                     valid_until="2099-12-31", by="A")
            files = [f for f in ws.parent.iterdir() if f.name.startswith(ws.name)]
            assert {f.name for f in files} >= {ws.name, ws.name + "-wal"}, res.output
            for f in files:
                assert stat.S_IMODE(f.stat().st_mode) == 0o600, (f.name, oct(f.stat().st_mode))
    finally:
        os.umask(old)


def test_an_unknown_user_name_costs_the_same_argon2_work_as_a_known_one(
        demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """check_password verifies an unknown name against a dummy hash so that timing does not
    tell which names exist; but `_DUMMY.setdefault("h", h.hash(...))` computed a new argon2
    hash on every call (setdefault's argument is evaluated first), so an unknown name cost
    two argon2 runs and a known one one: a stopwatch listed the accounts.  Counted, not
    timed: after the first call, every attempt runs argon2 exactly once."""
    import argon2

    from coi_graph.outputs.serve_auth import add_user, check_password

    ws = copy_workspace(demo, tmp_path)
    runs = {"n": 0}
    for method in ("hash", "verify"):
        real = getattr(argon2.PasswordHasher, method)

        def counted(self: object, *a: object, _real: object = real, **k: object) -> object:
            runs["n"] += 1
            return _real(self, *a, **k)  # type: ignore[operator]

        monkeypatch.setattr(argon2.PasswordHasher, method, counted)
    with open_workspace(ws) as w:
        add_user(w, "A. Jansen", "correct horse battery", "test")
        check_password(w, "nobody", "x")                  # the dummy hash may be made here
        for name in ("A. Jansen", "nobody", "someone else", "A. Jansen"):
            runs["n"] = 0
            assert check_password(w, name, "wrong guess") is False
            assert runs["n"] == 1, (name, runs["n"])


def test_a_dutch_explore_page_gives_every_match_reason_in_dutch(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The context edges of graph.json keep a scored match's reason as English text without
    its feature codes ("surname Bruijn = Bruijn (+8); given names E / Evelien: the initials
    fit (+4)"); the Dutch overview showed four of the demo's seven such reasons in English
    next to three in Dutch.  Read backwards through the match catalogue, all are Dutch."""
    out = tmp_path / "explore"
    res = CliRunner().invoke(main, ["explore", str(demo / "run"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    pages = [out / "overview.html", out / "index.html", *(out / "findings").glob("*.html")]
    html = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert "achternaam" in html
    for english in ("surname ", "given name", "birth date ", "the initials fit",
                    "missing on a side"):
        assert english not in html, english


def test_a_session_left_idle_ends_and_the_login_page_says_why(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """A laptop left open in a meeting room, or a session cookie copied from it, stayed
    good for as long as the browser ran.  With accounts a session now ends after
    `--idle-minutes` without a request: the next page is the login page saying so (in the
    run's language), a POST with the old cookie records nothing, and signing in again
    opens the page asked for.  Requests keep it alive: idle time, not time since login."""
    ws = copy_workspace(demo, tmp_path)
    assert CliRunner().invoke(main, ["user", "add", "A. Jansen", "--workspace", str(ws)],
                              input="correct horse battery\n" * 2).exit_code == 0
    now = [1_000_000.0]
    s = start(ws, host="0.0.0.0", idle_seconds=600, clock=lambda: now[0])
    try:
        base = f"http://127.0.0.1:{s.cfg.port}"
        fid = first_finding(ws)
        jar = http.cookiejar.CookieJar()
        csrf = csrf_of(_request(base + "/login", jar=jar)[1])
        assert _request(base + "/login", {"csrf_token": csrf, "username": "A. Jansen",
                                          "password": "correct horse battery"},
                        jar=jar, follow=False)[0] == 302
        for _ in range(3):                        # 1,500 s signed in, never 600 idle
            now[0] += 500
            assert _request(base + "/", jar=jar, follow=False)[0] == 200
        page = _request(base + f"/finding/{fid}", jar=jar)[1]
        csrf_a = csrf_of(page)
        now[0] += 601
        before = _events(ws)
        assert _request(base + f"/finding/{fid}/decide",
                        {"csrf_token": csrf_a, "status": "in_review", "note": "idle"},
                        jar=jar, follow=False)[0] == 403
        assert _events(ws) == before
        status, body = _request(base + f"/finding/{fid}", jar=jar)
        assert status == 200 and text("nl")["session_expired"].format(minutes=10) in body
        csrf = csrf_of(body)
        url = _request(base + f"/finding/{fid}", jar=jar, follow=False)
        assert url[0] == 302                       # still signed out: no session made anew
        status, body = _request(
            base + "/login?" + urllib.parse.urlencode({"next": f"/finding/{fid}"}),
            {"csrf_token": csrf, "username": "A. Jansen", "password": "correct horse battery"},
            jar=jar)
        assert status == 200 and fid in body
        # the language the person chose outlives the sign-out for being idle
        page = _request(base + "/", jar=jar)[1]
        assert _request(base + "/lang", {"csrf_token": csrf_of(page), "lang": "en"},
                        jar=jar, follow=False)[0] == 302
        now[0] += 601
        status, body = _request(base + "/", jar=jar)
        assert status == 200 and text("en")["session_expired"].format(minutes=10) in body
    finally:
        stop_server(s.server)


def test_a_password_given_on_the_command_line_is_taken_with_a_warning(
        demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """`coi user add NAME --password ...` leaves the password in the shell history and in
    the process list for every other user of the machine.  It still works (scripts), but
    says so in the run's language; asked for (the default), nothing is said."""
    ws = copy_workspace(demo, tmp_path)
    run = CliRunner()
    res = run.invoke(main, ["--lang", "en", "user", "add", "A. Jansen", "--workspace", str(ws),
                            "--password", "correct horse battery"])
    assert res.exit_code == 0, res.output
    assert "shell history" in res.stderr and "--password" in res.stderr
    res = run.invoke(main, ["user", "add", "B. de Vries", "--workspace", str(ws),
                            "--password", "correct horse battery"])
    assert res.exit_code == 0 and "shellgeschiedenis" in res.stderr, res.output
    res = run.invoke(main, ["user", "add", "C. Bakker", "--workspace", str(ws)],
                     input="correct horse battery\n" * 2)
    assert res.exit_code == 0 and "geschiedenis" not in res.output, res.output
    with open_workspace(ws) as w:
        assert [u["name"] for u in users(w)] == ["A. Jansen", "B. de Vries", "C. Bakker"]
