"""``coi serve``: the workspace as a local web application for compliance officers.

Pages: the cases of the latest scan (status, filters, search, 100 per page), one finding
(its network drawn with the explore pages' code, evidence, score, case history) with the
actions that record a decision or accept the situation, and a comparison of two scans.
Every action appends a row to the workspace (an event with who and when), so two people
working at once lose nothing and see each other's decisions on reload; the audit chain
(:meth:`coi_graph.outputs.workspace.Workspace.verify`) is checked on start.

Framework: Flask (routing, request parsing, signed session cookies; the project already
renders with its Jinja2) served by waitress (a pure-Python, multi-threaded production WSGI
server, no compiler needed, runs the same on Windows laptops).  Safe by default:

* binds 127.0.0.1 with a random token in the URL, printed once and then kept in a session
  cookie (as Jupyter does); the Host header must name the loopback address (no DNS
  rebinding); a request without the token or session gets 403 and nothing else;
* any other address only when accounts exist (``coi user add``; argon2 password hashes),
  and then every page needs a login; a signed-in session ends after ``idle_seconds``
  without a request (a laptop left open in a meeting room), so a stolen or forgotten
  session cookie does not stay good for as long as the browser runs;
* a CSRF token in every form, checked on every POST; a strict Content-Security-Policy
  (scripts only with the response's nonce, no request to any other origin); no external
  resource at all (vis-network is served from the installed pyvis package);
* every value from the data is escaped by Jinja2's autoescape, embedded in scripts as
  escaped JSON, and stripped of bidirectional control characters (U+202E and friends), so
  a name cannot run code or spoof how another reads.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import re
import secrets
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from ..errors import InputError, WorkspaceError
from ..findings import Finding
from .explore_graph import script_json
from .explore_text import reopen_note_text, rule_title
from .match_judgements import DECISIONS as MATCH_DECISIONS
from .match_judgements import record_judgement
from ..rules import RULES
from .serve_match import match_panel
from .serve_text import text
from .workspace import (
    _CONTROL,
    FROM_ENV,
    MAX_TEXT,
    STATUSES,
    SYSTEM_USER,
    Workspace,
    key_from_env,
    open_workspace,
    recorded_matches,
)

__all__ = [
    "PAGE_SIZE",
    "ServeConfig",
    "clean",
    "create_app",
    "is_loopback",
    "make_server",
    "stop_server",
]

#: Cases per page of the index (10,000 findings are 100 pages, each served in milliseconds).
PAGE_SIZE = 100
#: Statuses a person records in the browser (``open`` reopens a case by hand).
ACTIONS = ("in_review", "explained", "confirmed", "dismissed", "open")
CLOSING = ("explained", "confirmed", "dismissed")
#: Failed sign-ins allowed per user name, and per client address, within LOGIN_WINDOW
#: seconds; further attempts are refused (429) without checking the password until the
#: oldest failure is that old.  argon2 alone makes a guess slow, not rare: without a limit
#: anyone on the network could try a password list against a known colleague's name.
LOGIN_TRIES_PER_NAME = 5
LOGIN_TRIES_PER_ADDRESS = 20
LOGIN_WINDOW = 15 * 60


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(value: Any) -> Any:
    """Bidirectional control characters replaced by U+FFFD, recursively: they would let a
    value from the data reverse how the text around it reads (name spoofing)."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return _BIDI.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServeConfig:
    """How one server runs.  ``accounts`` is decided on start: True when users exist."""

    workspace: Path
    lang: str = "nl"
    host: str = "127.0.0.1"
    port: int = 0
    user: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    accounts: bool = False
    tampered: list[str] = field(default_factory=list)
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    #: the audit key decisions are sealed with (read once on start from
    #: ``$COI_AUDIT_KEY_FILE`` by :func:`make_server`; never shown or sent anywhere)
    audit_key: Any = FROM_ENV
    #: why decisions cannot be recorded (a keyed workspace served without its key), or ""
    cannot_record: str = ""
    #: with accounts: a session ends after this many seconds without a request
    idle_seconds: int = 30 * 60
    #: the clock idle time is measured with (seconds; a test moves it instead of sleeping)
    clock: Callable[[], float] = time.time


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("coi_graph", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, finalize=clean)
    env.filters["json"] = lambda v: script_json(clean(v))
    return env


class _RunCache:
    """The run folder's findings.json and graph.json, read once per file version: the
    finding page needs a finding's full path and score, which the workspace does not keep."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[str, float] | None = None
        self.findings: dict[str, Finding] = {}
        self.ctx: Any = None

    def get(self, run_dir: str) -> tuple[dict[str, Finding], Any] | None:
        from .explore import load_run
        from .explore_graph import ContextGraph

        fj = Path(run_dir) / "findings.json"
        try:
            key = (str(fj), fj.stat().st_mtime)
        except OSError:
            return None
        with self.lock:
            if self.key != key:
                try:
                    data = load_run(run_dir)
                except InputError:
                    return None
                self.findings = {f.finding_id: f for f in data.findings}
                self.ctx = ContextGraph.from_json(data.graph)
                self.key = key
            return self.findings, self.ctx


class _CaseCache:
    """The case list of the latest run, kept between requests and brought up to date from
    what was appended since: a decision recomputes the findings it touched, a new or revoked
    acceptance the findings in its scope, so the index stays fast at 10,000 findings while
    every page shows every officer's latest decisions.  A new run recomputes the list."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.run_id: int | None = None
        self.max_event = 0
        self.max_acceptance = 0
        self.revoked: set[int] = set()
        self.rows: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}

    def cases(self, ws: Workspace) -> list[dict[str, Any]]:
        with self.lock:
            c = ws.conn
            run_id = c.execute("SELECT MAX(run_id) FROM runs").fetchone()[0]
            max_event = int(c.execute("SELECT MAX(event_id) FROM case_events").fetchone()[0]
                            or 0)
            max_acc = int(c.execute("SELECT MAX(acceptance_id) FROM acceptances").fetchone()[0]
                          or 0)
            revoked = {r[0] for r in c.execute("SELECT acceptance_id FROM "
                                               "acceptance_revocations")}
            if run_id != self.run_id:
                self.rows = [_with_search(r) for r in ws.cases()]
                self.index = {r["finding_id"]: i for i, r in enumerate(self.rows)}
            else:
                touched = {r[0] for r in c.execute(
                    "SELECT DISTINCT finding_id FROM case_events WHERE event_id > ?",
                    (self.max_event,))} if max_event != self.max_event else set()
                changed = {a for a in range(self.max_acceptance + 1, max_acc + 1)}
                changed |= revoked - self.revoked
                if changed:
                    for a in ws.acceptances():
                        if a.acceptance_id in changed:
                            touched |= {r["finding_id"] for r in self.rows if a.matches(r)}
                touched &= set(self.index)
                if touched:
                    for fid, st in ws.case_states(run_id, touched).items():
                        self.rows[self.index[fid]] = _with_search(
                            {**st, "in_latest_run": True})
            self.run_id, self.max_event = run_id, max_event
            self.max_acceptance, self.revoked = max_acc, revoked
            return self.rows


class _LoginThrottle:
    """Failed sign-ins per user name and per client address in the last LOGIN_WINDOW
    seconds (in memory: a restart forgets them, which only the server's owner can do).

    An attempt is counted when it starts (:meth:`take`), under the lock that checks the
    limit, and taken back when the password was right (:meth:`succeeded`): counting it only
    after the argon2 check let the server's threads each pass the check before any failure
    was counted, so parallel guesses got past the limit (12 instead of 5 with 8 threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.fails: dict[tuple[str, str], list[float]] = {}
        self.pruned_at = float("-inf")

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        kept = [at for at in self.fails.get(key, []) if now - at < LOGIN_WINDOW]
        if kept:
            self.fails[key] = kept
        else:
            self.fails.pop(key, None)
        return kept

    def take(self, keys: tuple[tuple[str, str], ...]) -> float | None:
        """Count an attempt for every key and return its time, or None (nothing counted)
        when one of the keys has reached its limit."""
        now = time.monotonic()
        limit = {"name": LOGIN_TRIES_PER_NAME, "address": LOGIN_TRIES_PER_ADDRESS}
        with self.lock:
            if len(self.fails) > 10_000 and now - self.pruned_at > 60:
                self.pruned_at = now  # names tried once and never again: forget the old ones
                for k in list(self.fails):
                    self._recent(k, now)
            if not all(len(self._recent(k, now)) < limit[k[0]] for k in keys):
                return None
            for k in keys:
                self.fails.setdefault(k, []).append(now)
            return now

    def succeeded(self, keys: tuple[tuple[str, str], ...], at: float) -> None:
        """A right password: the name's failures are forgotten, and the attempt taken at
        ``at`` no longer counts against the address."""
        with self.lock:
            self.fails.pop(keys[0], None)
            for k in keys[1:]:
                kept = self.fails.get(k, [])
                if at in kept:
                    kept.remove(at)


class _TrailWatch:
    """The audit trail's problems as every page shows them, checked again whenever the
    workspace file changed.  ``coi serve`` runs for days: a trail checked only on start said
    nothing of a decision rewritten with the sqlite3 tool while it ran, and officers went on
    deciding on it.  The check (:meth:`Workspace.verify`, with the server's audit key) runs
    in a thread of its own, so no page waits for it; the next page shows what it found."""

    def __init__(self, cfg: ServeConfig) -> None:
        self.cfg = cfg
        self.lock = threading.Lock()
        self.seen = self.fingerprint()  # the state make_server verified (cfg.tampered)
        self.running = False

    def fingerprint(self) -> tuple[Any, ...]:
        """Size and modification time of the workspace and its write-ahead log: any commit,
        by this server or by anything else, changes one of them."""
        out: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = Path(str(self.cfg.workspace) + suffix).stat()
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)

    def problems(self) -> list[str]:
        now = self.fingerprint()
        with self.lock:
            if now != self.seen and not self.running:
                self.running = True
                threading.Thread(target=self._check, args=(now,), daemon=True).start()
            return self.cfg.tampered

    def _check(self, state: tuple[Any, ...]) -> None:
        try:
            with open_workspace(self.cfg.workspace, create=False,
                                key=self.cfg.audit_key) as ws:
                found = list(ws.verify().problems)
        except Exception:  # noqa: BLE001 - moved or busy: the pages say that themselves;
            with self.lock:  # the next page asks again
                self.running = False
            return
        with self.lock:
            self.cfg.tampered, self.seen, self.running = found, state, False


def _with_search(r: dict[str, Any]) -> dict[str, Any]:
    r["_search"] = _search_text(r).casefold()
    return r


def create_app(cfg: ServeConfig) -> Any:
    """The Flask application over ``cfg.workspace`` (see the module docstring)."""
    from flask import Flask, Response, abort, g, redirect, request, session, url_for

    app = Flask("coi_graph.outputs.serve")
    app.config.update(SECRET_KEY=cfg.secret_key, SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Strict", MAX_CONTENT_LENGTH=256 * 1024,
                      SESSION_COOKIE_NAME=f"coi_session_{cfg.port}")
    env = _environment()
    runs = _RunCache()

    def warm_up() -> None:
        """Read the latest run's findings and case list before the first visitor asks."""
        try:
            with open_workspace(cfg.workspace, create=False) as ws:
                latest = ws.latest_run()
                if latest is not None:
                    runs.get(latest["run_dir"])
                    case_cache.cases(ws)
        except Exception:  # noqa: BLE001, S110 - a warm-up only; requests report the errors
            pass

    app.config["COI_WARM_UP"] = warm_up
    case_cache = _CaseCache()
    throttle = _LoginThrottle()
    trail = _TrailWatch(cfg)
    open_paths = {"login", "static_vis"}

    def lang() -> str:
        return session.get("lang") or cfg.lang

    def render(name: str, code: int = 200, **ctx: Any) -> Response:
        t = text(lang())
        html = env.get_template(name).render(
            t=t, lang=lang(), nonce=g.nonce, csrf=session.get("csrf", ""),
            user=who(), accounts=cfg.accounts,
            tampered=trail.problems(), cannot_record=cfg.cannot_record, url=url_for, request_path=request.full_path.rstrip("?"),
            **ctx)
        return Response(html, status=code, mimetype="text/html")

    def not_recorded(e: WorkspaceError) -> str:
        """Why a decision was not recorded, in the page's language (a keyed workspace
        without its key, a busy workspace)."""
        from ..cli_text import translate

        return text(lang())["not_recorded"].format(why=translate(str(e), lang()))

    def workspace() -> Workspace:
        if "ws" not in g:
            g.ws = open_workspace(cfg.workspace, create=False, key=cfg.audit_key)
        return g.ws

    def who() -> str:
        """The name recorded on an action: the signed-in account (never a claim), else
        --user, else the name this browser gave."""
        if cfg.accounts:
            return str(session.get("user") or "")
        return cfg.user or session.get("user") or ""

    @app.teardown_request
    def _close(_exc: BaseException | None) -> None:
        ws = g.pop("ws", None)
        if ws is not None:
            ws.close()

    @app.before_request
    def _guard() -> Any:
        g.nonce = secrets.token_urlsafe(16)
        if not cfg.accounts and not _host_ok(request.host, cfg.port):
            abort(403)  # DNS rebinding: a page of another site naming our port
        if cfg.accounts:
            if "user" in session and not _account_current(workspace(), session):
                session.clear()  # removed, or its password set anew, since this sign-in
            expired = False
            if "user" in session:
                now = int(cfg.clock())
                if now - int(session.get("seen") or 0) > cfg.idle_seconds:
                    _clear_keeping_language(session)
                    expired = True
                elif now - int(session["seen"]) >= 60:  # the cookie is sent anew once a minute
                    session["seen"] = now
            if request.endpoint not in open_paths and "user" not in session:
                if request.method != "GET":
                    if expired:
                        session["expired"] = True  # said by the login page the next GET shows
                    abort(403)
                expired = bool(session.pop("expired", False)) or expired
                args = {"next": request.full_path, **({"expired": "1"} if expired else {})}
                return redirect(url_for("login", **args))
        else:
            token = request.args.get("token")
            if token is not None:
                if not secrets.compare_digest(token.encode(), cfg.token.encode()):
                    abort(403)
                session.clear()
                session["auth"] = True
                args = {k: v for k, v in request.args.items() if k != "token"}
                return redirect(request.path + ("?" + urlencode(args) if args else ""))
            if not session.get("auth"):
                abort(403)
        session.setdefault("csrf", secrets.token_urlsafe(24))
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            if not sent or not secrets.compare_digest(sent.encode(), session["csrf"].encode()):
                abort(400)
        if (not cfg.accounts and not who() and request.endpoint not in ("name", "static_vis")):
            return redirect(url_for("name", next=request.full_path))
        return None

    @app.after_request
    def _headers(resp: Response) -> Response:
        nonce = getattr(g, "nonce", "x")
        resp.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
            "img-src data:; font-src 'none'; connect-src 'none'; object-src 'none'; "
            "frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    # Every error the server answers is a page in the session's language: Werkzeug's own
    # (405 for a wrong method, 413 for a too-large form, 500) were English on a Dutch page.
    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    @app.errorhandler(500)
    def _error(e: Any) -> Response:
        t = text(lang())
        msg = {400: t["bad_request"], 403: t["forbidden"], 404: t["not_found_page"],
               405: t["method_not_allowed"], 413: t["too_large"],
               500: t["server_error"]}[e.code]
        if not hasattr(g, "nonce"):
            g.nonce = secrets.token_urlsafe(16)
        if e.code == 403:  # nothing about the workspace to someone without the token
            return Response(msg, status=403, mimetype="text/plain")
        return render("serve_message.html", code=e.code, title=t["error"], message=msg)

    # -- pages ----------------------------------------------------------------------------

    @app.get("/")
    def index() -> Response:
        t = text(lang())
        ws = workspace()
        latest = ws.latest_run()
        status = request.args.get("status", "")
        rule = request.args.get("rule", "")
        severity = request.args.get("severity", "")
        q = request.args.get("q", "").strip()
        rows = case_cache.cases(ws) if latest else []
        if status:
            rows = [r for r in rows if r["status"] == status]
        if rule:
            rows = [r for r in rows if r["rule"] == rule]
        if severity:
            rows = [r for r in rows if r["severity"] == severity]
        if q:
            needle = q.casefold()
            rows = [r for r in rows if needle in r["_search"]]
        pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
        try:
            page = min(max(1, int(request.args.get("page", "1"))), pages)
        except ValueError:
            page = 1
        shown = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        args = {k: v for k, v in (("status", status), ("rule", rule), ("severity", severity),
                                  ("q", q)) if v}
        return render(
            "serve_index.html", rows=[_case_row(r, lang()) for r in shown], total=len(rows),
            page=page, pages=pages, args=args, status=status, rule=rule, severity=severity,
            q=q, latest=latest, statuses=[*STATUSES, "accepted"],
            rules=[(c, rule_title(c, lang())) for c in RULES],
            title=t["serve_title"])

    @app.get("/finding/<path:fid>")
    def finding(fid: str, error: str = "", code: int = 200) -> Response:
        from .explore import _finding_view, _js_text, _legend, has_possible
        from .explore_graph import finding_graph

        ws = workspace()
        # only rows of a recorded run: rows put in under a run id no run has (coi verify
        # names them) must not turn the page into a server error
        rows = ws.conn.execute("SELECT f.run_id FROM run_findings f JOIN runs r ON "
                               "r.run_id = f.run_id WHERE f.finding_id = ? ORDER BY f.run_id",
                               (fid,)).fetchall()
        if not rows:
            abort(404)
        run = ws.run(rows[-1][0])
        state = ws.case_states(run["run_id"], [fid])[fid]
        events = [_event_view(e, lang()) for e in ws.events(fid)]
        covering = [a for a in ws.acceptances() if a.matches(state)]
        loaded = runs.get(run["run_dir"])
        full = loaded[0].get(fid) if loaded else None
        t = text(lang())
        missing = t["run_folder_missing"].format(path=run["run_dir"])
        if full is not None and not recorded_matches(ws, run, full):
            # findings.json was edited after the scan was recorded (a path, a name, an
            # amount made to look harmless): its network and evidence details are not shown
            full, missing = None, t["run_file_changed"].format(
                file="findings.json", path=run["run_dir"])
        view = graph = None
        path_text = state["path"] if lang() == "nl" else ""  # the scan words it in Dutch
        if full is not None:
            view = clean(_finding_view(full, lang()))
            graph = finding_graph(full, loaded[1], lang())
            path_text = _path_sentence(full, view["steps"]) or path_text
        panel = match_panel(ws, full, lang()) if full is not None else None
        return render(
            "serve_finding.html", code=code, c=_case_row(state, lang()), state=state,
            f=view, graph=graph, events=events, acceptances=covering, run_info=run,
            error=error, saved=request.args.get("saved") == "1", actions=ACTIONS,
            matches=panel, path_text=path_text, js_text=_js_text(lang()), legend=_legend(lang()),
            kinds_present=sorted({n["kind"] for n in graph["nodes"]}) if graph else [],
            edge_kinds_present=sorted({e["kind"] for e in graph["edges"]}) if graph else [],
            has_possible=has_possible(graph) if graph else False,
            form=request.form, title=f"{rule_title(state['rule'], lang())} · {fid}",
            default_until=_default_until(run), folder_missing=missing if full is None else "")

    @app.post("/finding/<path:fid>/decide")
    def decide(fid: str) -> Any:
        t = text(lang())
        new = request.form.get("status", "")
        note = _typed(request.form.get("note", ""))
        if new not in ACTIONS:
            abort(400)
        if new in CLOSING and not note:
            return finding(fid, error=t["need_note"], code=400)
        if _text_error(t, note):
            return finding(fid, error=_text_error(t, note), code=400)
        if _holds_bsn(note):  # not kept, and not a "not found" either
            return finding(fid, error=t["no_bsn"], code=400)
        try:
            workspace().triage(fid, new, who(), note)
        except InputError:
            abort(404)
        except WorkspaceError as e:
            return finding(fid, error=not_recorded(e), code=503)
        return redirect(url_for("finding", fid=fid, saved=1) + "#history")

    @app.post("/finding/<path:fid>/match")
    def judge_match(fid: str) -> Any:
        """Confirm, reject or undo a pair of records the finding rests on (the next scan
        follows it); a judgement needs a reason, like a closing case decision."""
        t = text(lang())
        decision = request.form.get("decision", "")
        pair = request.form.get("pair_id", "")
        why = _typed(request.form.get("why", ""))
        records = (request.form.get("record_a", "")[:300], request.form.get("record_b", "")[:300])
        if decision not in MATCH_DECISIONS or not pair or len(pair) > 100:
            abort(400)
        if not why:
            return finding(fid, error=t["need_why"], code=400)
        if _text_error(t, why):
            return finding(fid, error=_text_error(t, why), code=400)
        if _holds_bsn(why):
            return finding(fid, error=t["no_bsn"], code=400)
        try:
            record_judgement(workspace().path, pair, records, decision, who(), why,
                             key=cfg.audit_key)
        except InputError as e:
            return finding(fid, error=str(e), code=400)
        except WorkspaceError as e:
            return finding(fid, error=not_recorded(e), code=503)
        return redirect(url_for("finding", fid=fid, saved=1) + "#matches")

    @app.post("/finding/<path:fid>/accept")
    def accept(fid: str) -> Any:
        t = text(lang())
        ws = workspace()
        rows = ws.conn.execute("SELECT f.run_id FROM run_findings f JOIN runs r ON "
                               "r.run_id = f.run_id WHERE f.finding_id = ? ORDER BY f.run_id "
                               "DESC LIMIT 1", (fid,)).fetchone()
        if rows is None:
            abort(404)
        state = ws.case_states(rows[0], [fid])[fid]
        f = request.form
        employee = state["subject_id"] if f.get("scope_employee") else None
        org = (state["counterparty"].split(":", 1)[1] if f.get("scope_org") and
               state["counterparty"].startswith("organization:") else None)
        rule = state["rule"] if f.get("scope_rule") else None
        justification, owner = _typed(f.get("justification", "")), _typed(f.get("owner", ""))
        error = ""
        until = _date(f.get("until", ""))
        latest = ws.latest_run()
        as_of = _date(latest["as_of"] or "") if latest else None
        if not (employee or org or rule):
            error = t["need_scope"]
        elif not justification:
            error = t["need_justification"]
        elif not owner:
            error = t["need_owner"]
        elif _text_error(t, justification, owner):
            error = _text_error(t, justification, owner)
        elif _holds_bsn(justification) or _holds_bsn(owner):
            error = t["no_bsn"]
        elif until is None:
            error = t["bad_date"]
        elif as_of is not None and until < as_of:
            error = t["until_past"].format(d=as_of.isoformat())
        if error:
            return finding(fid, error=error, code=400)
        try:
            ws.accept(employee_id=employee, org_id=org, rule=rule, justification=justification,
                      owner=owner, valid_until=until, by=who())
        except InputError:
            return finding(fid, error=t["bad_request"], code=400)
        except WorkspaceError as e:
            return finding(fid, error=not_recorded(e), code=503)
        return redirect(url_for("finding", fid=fid, saved=1) + "#acceptances")

    @app.post("/acceptance/<int:aid>/revoke")
    def revoke(aid: int) -> Any:
        back = _local(request.form.get("next")) or url_for("index")
        note = _typed(request.form.get("note", ""))
        if _holds_bsn(note) or _text_error(text(lang()), note):
            abort(400)  # the form has no place for a message; the acceptance stays in force
        try:
            workspace().revoke(aid, who(), note)
        except InputError:  # unknown or already revoked (by someone else a moment ago)
            pass
        except WorkspaceError as e:
            return render("serve_message.html", code=503, title=text(lang())["error"],
                          message=not_recorded(e))
        return redirect(back)

    @app.get("/diff")
    def diff() -> Response:
        from .diff import diff_runs

        t = text(lang())
        ws = workspace()
        all_runs = ws.runs()
        error, result = "", None
        a, b = request.args.get("a", ""), request.args.get("b", "")
        by_id = {str(r["run_id"]): r for r in all_runs}
        if len(all_runs) < 2:
            error = t["need_two"]
        elif a in by_id and b in by_id:
            for r in (by_id[a], by_id[b]):
                if not (Path(r["run_dir"]) / "run.json").is_file():
                    error = t["diff_missing"].format(path=r["run_dir"])
            if not error:
                try:
                    result = diff_runs(by_id[a]["run_dir"], by_id[b]["run_dir"],
                                       cross_scan=False)
                except InputError:
                    error = t["diff_missing"].format(path=f"{by_id[a]['run_dir']}, "
                                                          f"{by_id[b]['run_dir']}")
        if not a and len(all_runs) >= 2:
            a, b = str(all_runs[-2]["run_id"]), str(all_runs[-1]["run_id"])
        entries = []
        if result is not None:
            for e in result.entries:
                if e.change == "unchanged" and not e.rescored:
                    continue
                entries.append({
                    "change": t["changes"].get(e.change, e.change),
                    "cause": t["causes"].get(e.cause, e.cause),
                    "rule": rule_title(e.rule, lang()),
                    "subject": e.subject_name or e.subject_id,
                    "about": e.decision_id or e.record,
                    "severity": " → ".join(t["severity"].get(s or "", "-")
                                           for s in (e.severity_a, e.severity_b)),
                    "finding_id": e.finding_id,
                    # diff.py words its reasons in English; shown only on English pages
                    "reason": e.reason if lang() == "en" else ""})
        return render("serve_diff.html", runs=all_runs, a=a, b=b, error=error,
                      counts=result.counts if result else None, entries=entries,
                      title=t["compare"])

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        from .serve_auth import check_password

        t = text(lang())
        if not cfg.accounts:
            abort(404)
        error = ""
        if request.method == "POST":
            name = request.form.get("username", "").strip()
            # a user name has at most 80 characters: a longer one (a 256 KiB form) is kept
            # in the throttle's memory by its first 81 only
            keys = (("name", name.casefold()[:81]), ("address", request.remote_addr or ""))
            taken = throttle.take(keys)
            if taken is None:
                return render("serve_login.html", code=429, error=t["login_locked"].format(
                    minutes=LOGIN_WINDOW // 60), notice="", title=t["login"])
            if check_password(workspace(), name, request.form.get("password", "")):
                throttle.succeeded(keys, taken)
                _clear_keeping_language(session)  # a new session id for the signed-in user
                session["user"], session["csrf"] = name, secrets.token_urlsafe(24)
                session["account"] = _account_stamp(workspace(), name)
                session["seen"] = int(cfg.clock())
                return redirect(_local(request.args.get("next")) or url_for("index"))
            error = t["login_failed"]
        notice = ""
        if request.method == "GET" and request.args.get("expired"):
            notice = t["session_expired"].format(minutes=max(1, cfg.idle_seconds // 60))
        return render("serve_login.html", code=401 if error else 200, error=error,
                      notice=notice, title=t["login"])

    @app.post("/logout")
    def logout() -> Any:
        session.clear()
        return redirect(url_for("login") if cfg.accounts else url_for("index"))

    @app.route("/name", methods=["GET", "POST"])
    def name() -> Any:
        t = text(lang())
        if cfg.accounts:  # the account's name is recorded; nobody renames themselves
            abort(404)
        error = ""
        if request.method == "POST":
            value = request.form.get("name", "").strip()
            # refused here as the workspace refuses it on every decision (which then said
            # "not found"): a C1 control character (U+009B), or a possible BSN, since the
            # name is kept in the audit trail for ever
            if not value or len(value) > 80 or _BIDI.search(value) or _CONTROL.search(value):
                error = t["bad_name"]
            elif _holds_bsn(value):
                error = t["no_bsn"]
            else:
                session["user"] = value
                return redirect(_local(request.args.get("next")) or url_for("index"))
        return render("serve_name.html", code=400 if error else 200, error=error,
                      title=t["your_name"])

    @app.post("/lang")
    def set_lang() -> Any:
        value = request.form.get("lang", "")
        if value in ("nl", "en"):
            session["lang"] = value
        return redirect(_local(request.form.get("next")) or url_for("index"))

    @app.get("/assets/vis-network.min.js", endpoint="static_vis")
    def static_vis() -> Response:
        from .explore import ASSETS, _vis_assets_dir

        body = (_vis_assets_dir() / ASSETS[0]).read_bytes()
        resp = Response(body, mimetype="application/javascript")
        resp.headers["Cache-Control"] = "private, max-age=3600"
        return resp

    return app


# -- helpers ---------------------------------------------------------------------------------


def _host_ok(host: str, port: int) -> bool:
    name, _, p = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    name = name or host
    return is_loopback(name) and (not p or not port or p == str(port))


def _account_stamp(ws: Workspace, name: str) -> str:
    """What a session remembers of the account it signed in with: a digest of the stored
    password hash (never the hash), so that the session ends when `coi user remove` removes
    the account or remove+add gives it a new password; "" for no such account."""
    import hashlib

    row = ws.conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    if row is None or ws.sealed_accounts().get(name) != row[0]:
        return ""  # no account, or one put in users outside `coi user add`
    return hashlib.sha256(row[0].encode()).hexdigest()[:32]


def _clear_keeping_language(session: Any) -> None:
    """End what a session knows (its user, CSRF token, idle stamp) but not the language the
    person chose: a sign-in or a sign-out for being idle should not switch the pages'
    language back to the server's."""
    keep = session.get("lang")
    session.clear()
    if keep:
        session["lang"] = keep


def _account_current(ws: Workspace, session: Any) -> bool:
    """Whether the signed-in account still exists with the password it signed in with (a
    signed session cookie cannot be taken back otherwise: a colleague who left, or whose
    password was reset after a leak, kept working until the server restarted)."""
    stamp = _account_stamp(ws, str(session.get("user") or ""))
    return bool(stamp) and secrets.compare_digest(stamp, str(session.get("account") or ""))


def _typed(value: str) -> str:
    """A text typed in a form, as the workspace keeps it: a browser sends a textarea's line
    breaks as CR LF, which are line feeds here (a lone CR stays, and is refused)."""
    return value.replace("\r\n", "\n").strip()


def _text_error(t: dict[str, Any], *texts: str) -> str:
    """Why one of the typed texts cannot be recorded, in the page's language, or "": the
    workspace refuses the same (:func:`coi_graph.outputs.workspace.text_problem`), asked
    first so that the page says it in its own words instead of failing."""
    for value in texts:
        if len(value) > MAX_TEXT:
            return t["too_long"].format(n=len(value), max=MAX_TEXT)
        m = _CONTROL.search(value)
        if m:
            return t["control_char"].format(code=f"U+{ord(m.group()):04X}")
    return ""


def _holds_bsn(text: str | None) -> bool:
    """Whether a typed note, name or reason holds a possible BSN, which the workspace
    refuses to keep (:meth:`Workspace._refuse_bsn`); asked first so that the page can say
    so in its own language."""
    from ingest.detect_bsn import mask_bsn

    return bool(text) and mask_bsn(text) != text


def _local(target: str | None) -> str:
    """A redirect target only when it is a path on this server (no open redirect).  A
    space, tab, line break or other control character is refused too: a browser drops tabs
    and line breaks from a URL, so ``/<TAB>/evil.example`` would be ``//evil.example``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target \
            or any(ord(ch) <= 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in target):
        return ""
    return target.rstrip("?")


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _event_view(e: dict[str, Any], lang: str) -> dict[str, Any]:
    """A case event for the history table.  The tool's own reopen note is written in
    English by the scan; the page says it in its own language, with what changed."""
    note = e["note"]
    if e["by"] == SYSTEM_USER:
        note = reopen_note_text(note, lang)
    return {**e, "note": note}


def _path_sentence(finding: Finding, steps: list[dict[str, Any]]) -> str:
    """The evidence path as one line in the page's language: A -[link]- B -[link]- C (the
    path's nodes in order, each step's label rendered from its code by the explore code)."""
    nodes = finding.path.nodes
    if not steps or len(nodes) != len(steps) + 1:
        return ""
    out = str(nodes[0].get("label") or nodes[0].get("key"))
    for s, n in zip(steps, nodes[1:]):
        out += f" -[{s['label'] or s['kind_label']}]- {n.get('label') or n.get('key')}"
    return clean(out)


def _default_until(run: dict[str, Any]) -> str:
    """A year after the scan's data date: a sensible end for a new acceptance."""
    d = _date(run.get("as_of") or "") or dt.date.today()
    try:
        return d.replace(year=d.year + 1).isoformat()
    except ValueError:  # 29 February
        return (d + dt.timedelta(days=365)).isoformat()


def _search_text(r: dict[str, Any]) -> str:
    """What the search box looks in: ids, names, department, path, the last note, and the
    rule's title in both languages."""
    return " ".join(str(r.get(k) or "") for k in (
        "finding_id", "subject_id", "subject_name", "subject_department", "counterparty",
        "counterparty_name", "decision_id", "record", "path", "last_note", "last_event_by")
    ) + " " + " ".join(rule_title(r["rule"], lang) for lang in ("nl", "en"))


def _case_row(r: dict[str, Any], lang: str) -> dict[str, Any]:
    t = text(lang)
    return {
        "finding_id": r["finding_id"],
        "status": r["status"],
        "status_label": t["status"].get(r["status"], r["status"]),
        "case_status": r["case_status"],
        "rule": r["rule"],
        "rule_title": rule_title(r["rule"], lang),
        "severity": r["severity"],
        "severity_label": t["severity"].get(r["severity"], r["severity"]),
        "score": r["score"],
        "subject": r["subject_name"] or r["subject_id"],
        "subject_id": r["subject_id"],
        "department": r.get("subject_department") or "",
        "counterparty": r.get("counterparty_name") or r["counterparty"],
        "about": r["decision_id"] or r.get("record") or "",
        "declared": bool(r["declared"]),
        "declared_label": t["declared"][bool(r["declared"])],
        "last_event_at": (r["last_event_at"] or "")[:16].replace("T", " "),
        "last_event_by": r["last_event_by"] or "",
        "last_note": r["last_note"] or "",
        "reopened": bool(r["reopened_because"]),
        "evidence_changed": bool(r["evidence_changed_since_decision"]),
        "accepted_until": r["accepted_until"] or "",
        "path": r.get("path") or "",
        "evidence": r.get("evidence") or [],
    }


def stop_server(server: Any) -> None:
    """Stop a server running in another thread (tests, an embedding application)."""
    server.close()
    server._map.clear()  # waitress's loop runs while its socket map is not empty


def make_server(cfg: ServeConfig, *, say: Callable[[str], None] | None = None) -> tuple[Any, str]:
    """Check the workspace, build the app and bind the server; return it and the URL to open.

    Refuses (InputError, exit 2) a non-loopback address without accounts.  A broken audit
    trail is said loudly on stderr and shown on every page; the pages stay available, since
    compliance must be able to look at what is there.
    """
    say = say or (lambda m: print(m, file=sys.stderr))
    if cfg.audit_key is FROM_ENV:  # once: a key file that cannot be read stops the start
        cfg.audit_key = key_from_env()
    ws = open_workspace(cfg.workspace, create=False, key=cfg.audit_key)
    try:
        from .serve_auth import users

        cfg.accounts = bool(users(ws))
        v = ws.verify()
        try:
            ws.writing_key()
        except WorkspaceError as e:
            cfg.cannot_record = str(e)
    finally:
        ws.close()
    if not is_loopback(cfg.host) and not cfg.accounts:
        raise InputError(
            f"--host {cfg.host}: refusing to listen on a network address without accounts. "
            "Add one with `coi user add NAME` (everyone then signs in), or leave --host out "
            "to serve on 127.0.0.1 only.")
    if cfg.accounts and cfg.user:
        say(f"--user {cfg.user} is ignored: accounts exist, so everyone signs in and each "
            "decision carries the account's name.")
        cfg.user = None
    cfg.tampered = list(v.problems)
    if v.problems:
        say("WARNING: the audit trail of this workspace is broken; `coi verify` says:")
        for p in v.problems:
            say(f"  - {p}")
        say("Every page shows this warning. Restore the workspace from a backup you trust.")
    if cfg.cannot_record:
        say(f"WARNING: decisions cannot be recorded: {cfg.cannot_record}")
    for note in v.notes:
        say(note)
    from waitress.server import create_server

    app = create_app(cfg)
    threading.Thread(target=app.config["COI_WARM_UP"], daemon=True).start()
    try:
        server = create_server(app, host=cfg.host, port=cfg.port, threads=8,
                               ident="coi-graph", clear_untrusted_proxy_headers=True)
    except OSError as e:  # port taken, address not on this machine, no permission
        raise InputError(f"cannot listen on {cfg.host}:{cfg.port} ({e.strerror or e}); "
                         "choose another --port (0: any free port) or --host.") from None
    cfg.port = int(server.effective_port)
    app.config["SESSION_COOKIE_NAME"] = f"coi_session_{cfg.port}"
    host = f"[{cfg.host}]" if ":" in cfg.host else cfg.host
    url = f"http://{host}:{cfg.port}/"
    if not cfg.accounts:
        url += f"?token={cfg.token}"
    return server, url

