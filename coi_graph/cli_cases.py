"""The case commands: ``coi triage``, ``coi cases``, ``coi accept``, ``coi diff``, ``coi report``.

Thin wrappers: the work is in :mod:`coi_graph.outputs.workspace`, :mod:`coi_graph.outputs.diff` and
:mod:`coi_graph.outputs.report`.  Commands that print rows share one set of output options
(``--csv``, ``--json``; default a readable table).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from .cli_text import headings, lang_option, t, translate
from .errors import InputError
from .outputs.explore_text import reopen_note_text, rule_title, ui
from .export_cells import csv_text, terminal_json, terminal_text
from .labels import stored_path_text
from .rules import RULES
from .outputs.workspace import (
    STATUSES,
    SYSTEM_USER,
    default_workspace_path,
    open_workspace,
    read_without_key,
    trail_read_without_key,
)

__all__ = ["accept", "cases", "diff", "report", "triage"]

_WS_HELP = ("Workspace file (default: $COI_WORKSPACE, else coi-workspace.sqlite in the "
            "current folder).")


def workspace_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--workspace", "workspace", type=click.Path(dir_okay=False,
                        path_type=Path), default=None, help=_WS_HELP)(fn)


def output_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--csv`` / ``--json`` for every command that prints rows (one is refused with the
    other before any work starts)."""

    @click.option("--csv", "as_csv", is_flag=True, help="Write CSV (UTF-8, comma) to stdout.")
    @click.option("--json", "as_json", is_flag=True, help="Write JSON to stdout.")
    @functools.wraps(fn)
    def wrapper(*args: Any, as_csv: bool, as_json: bool, **kwargs: Any) -> Any:
        if as_csv and as_json:
            raise click.UsageError(t("csv_json", kwargs.get("lang", "en")))
        return fn(*args, fmt="csv" if as_csv else "json" if as_json else "table", **kwargs)

    return wrapper


def emit(rows: Sequence[dict[str, Any]], columns: list[str], fmt: str,
         headers: dict[str, str] | None = None, widths: dict[str, int | None] | None = None,
         lang: str = "en") -> None:
    """Print rows as a table (headings and yes/no in ``lang``), CSV (all columns) or JSON
    (whole rows; both keep the codes, for tools)."""
    if fmt == "json":
        click.echo(terminal_json(list(rows), indent=1, default=str))
        return
    if fmt == "csv":
        cols = list(dict.fromkeys([*columns, *(k for r in rows for k in r)]))
        click.echo(csv_text(({k: _csv_cell(r.get(k)) for k in cols} for r in rows), cols),
                   nl=False)
        return
    headers = headers or headings(columns, lang)
    widths = widths or {}
    cells = [[_cut(_text(r.get(c), lang), widths.get(c, 40)) for c in columns] for r in rows]
    heads = [headers.get(c, c) for c in columns]
    size = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(heads)]
    click.echo("  ".join(h.ljust(size[i]) for i, h in enumerate(heads)).rstrip())
    click.echo("  ".join("-" * s for s in size))
    for row in cells:
        click.echo("  ".join(v.ljust(size[i]) for i, v in enumerate(row)).rstrip())


def _text(v: Any, lang: str = "en") -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return t("yes" if v else "no", lang)
    if isinstance(v, (list, tuple)):
        return terminal_text(", ".join(map(str, v)))
    # a name or id from the exports with ESC or a carriage return redrew the terminal
    return terminal_text(str(v))


def _csv_cell(v: Any) -> str:
    """A value as CSV text; ``csv_text`` then neutralises formulas (as in findings.csv)."""
    return _text(v) if not isinstance(v, bool) else ("true" if v else "false")


def _cut(s: str, n: int | None) -> str:
    """``s`` cut to ``n`` characters with an ellipsis; ``None``: whole."""
    return s if n is None or len(s) <= n else s[: n - 1] + "\u2026"


class StatusChoice(click.Choice):
    """A case status by its code (``dismissed``) or by the word the outputs show for it in
    either language (``geseponeerd``, ``"in behandeling"``): ``coi cases`` lists the Dutch
    words, so a user types what they read.  The value passed on is always the code.

    >>> StatusChoice(["open", "dismissed"]).convert("Geseponeerd", None, None)
    'dismissed'
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        if isinstance(value, str):
            wanted = " ".join(value.split()).casefold()
            for lang in ("nl", "en"):
                for code, word in ui(lang)["statuses"].items():
                    if code in self.choices and word.casefold() == wanted:
                        return code
        return super().convert(value, param, ctx)


# -- triage ----------------------------------------------------------------------------------


@click.command()
@click.argument("finding_ids", nargs=-1, required=True)
@click.option("--status", required=True, type=StatusChoice(STATUSES),
              help="The case's new status.")
@click.option("--note", default="", help="Why (required for explained, confirmed, dismissed).")
@click.option("--by", "by", required=True, help="Who decides (name or initials).")
@workspace_option
@lang_option
def triage(finding_ids: tuple[str, ...], status: str, note: str, by: str,
           workspace: Path | None, lang: str) -> None:
    """Record a case decision for one or more findings (appended; never overwritten).

    A finding closed as explained or dismissed stays closed in later scans while its
    evidence is unchanged; when the evidence changes, the scan reopens it and says what
    changed.

    \b
    Example:
      coi triage F-a8747bdcf6c9436c --status explained --by "A. Jansen" \\
          --note "Declared and approved in 2023; purchasing was done by a colleague"
    """
    with open_workspace(workspace, create=False) as ws:
        # the decision it follows (below) may itself be one rewritten by hand
        _warn_if_tampered(ws, workspace, lang)
        # the decision each new one follows: said below, so that no one replaces a
        # colleague's decision without seeing it (it stays in the append-only history)
        before = {fid: (ws.events(fid) or [None])[-1] for fid in finding_ids}
        events = ws.triage(finding_ids, status, by, note)
    for e in events:
        click.echo(t("triaged", lang, finding=e["finding_id"], status=_status(e["status"], lang),
                     event=e["event_id"], at=e["at"], by=e["by"]))
        prev = before.get(e["finding_id"])
        if prev is not None:
            click.echo(t("triaged_after", lang, finding=e["finding_id"],
                         status=_status(prev["status"], lang), event=prev["event_id"],
                         at=prev["at"], by=prev["by"]))


def _warn_if_tampered(ws: Any, workspace: Path | None, lang: str) -> None:
    """A red line on stderr when ``coi verify`` would find the workspace's audit trail
    changed outside coi-graph (the statuses and decisions read from it may be forged)."""
    tampered = len(ws.verify().problems)
    if tampered:
        click.secho(t("trail_tampered", lang, n=tampered,
                      path=workspace or default_workspace_path()), fg="red", bold=True,
                    err=True)


def warn_if_read_without_key(key_id: str | None, workspace: Path | None, lang: str) -> None:
    """A yellow line on stderr, once per command, when a reading command read a keyed audit
    trail without its key (:func:`~coi_graph.outputs.workspace.read_without_key`): what it
    shows is read all the same, but only the unkeyed chain vouches for it."""
    if key_id:
        from .outputs.workspace import KEY_ENV

        click.secho(t("trail_unkeyed", lang, kid=key_id, env=KEY_ENV,
                      path=workspace or default_workspace_path()), fg="yellow", err=True)


def _write_xlsx(path: Path, rows: list[dict[str, Any]], lang: str) -> None:
    """The case list as a workbook: status, severity and the rule's title in ``lang``,
    the date of the last decision as a date."""
    import datetime as dt

    from .outputs.spreadsheet import write_cases

    columns = [*_CASE_COLUMNS[:3], "rule_title", *_CASE_COLUMNS[3:]]
    shown = []
    for r in rows:
        day = r["last_event_at"]
        shown.append(r | {"status": _status(r["status"], lang),
                          "severity": _severity(r["severity"], lang),
                          "rule_title": rule_title(r["rule"], lang),
                          "last_event_at": dt.date.fromisoformat(day) if day else None})
    n = write_cases(path, shown, columns, headings(columns, lang), sheet=t("cases_sheet", lang))
    click.echo(t("cases_written", lang, n=n, path=path), err=True)


def _status(code: str, lang: str) -> str:
    """A case status code as the word the pages use (``explained`` -> ``verklaard``)."""
    return str(ui(lang)["statuses"].get(code, code))


def _severity(code: str, lang: str) -> str:
    return str(ui(lang)["severity"].get(code, code))


# -- cases -----------------------------------------------------------------------------------

_CASE_COLUMNS = ["finding_id", "status", "rule", "severity", "score", "subject_id",
                 "subject_name", "counterparty", "decision_id", "declared", "last_event_at",
                 "info"]


@click.command()
@click.argument("finding_id", required=False)
@click.option("--status", "statuses", multiple=True,
              type=StatusChoice([*STATUSES, "accepted"]),
              help="Only cases with this status (repeatable).")
@click.option("--rule", "rules", multiple=True, type=click.Choice(sorted(RULES)),
              help="Only findings of this rule (repeatable).")
@click.option("--all", "include_gone", is_flag=True,
              help="Also findings no longer found by the latest scan.")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the list to this Excel workbook (headings in --lang), for "
                   "filtering and sorting in Excel.")
@output_options
@workspace_option
@lang_option
def cases(finding_id: str | None, statuses: tuple[str, ...], rules: tuple[str, ...],
          include_gone: bool, xlsx: Path | None, fmt: str, workspace: Path | None,
          lang: str) -> None:
    """List the cases: every finding of the latest scan with its current status.

    The status is the latest decision (``coi triage``), ``open`` when there is none, or
    ``accepted`` when an accepted situation covers the finding (``coi accept``).  With a
    FINDING_ID: that case's whole history.

    \b
    Examples:
      coi cases --status open --rule self_interest
      coi cases --csv > cases.csv
      coi cases --xlsx cases.xlsx
      coi cases F-a8747bdcf6c9436c
    """
    with open_workspace(workspace, create=False) as ws:
        # the case list is what a meeting reads: a trail edited by hand is said before it
        # (as coi serve does on every page), not only by coi verify
        _warn_if_tampered(ws, workspace, lang)
        warn_if_read_without_key(read_without_key(ws), workspace, lang)
        if finding_id:
            _one_case(ws, finding_id, fmt, lang)
            return
        rows = ws.cases(statuses=statuses, rules=rules, include_gone=include_gone)
        latest = ws.latest_run()
        # a case closed before its finding went away left the list without a word: say how
        # many are not shown (on screen; the exports are what was asked for)
        hidden = (len(ws.cases(statuses=statuses, rules=rules, include_gone=True)) - len(rows)
                  if fmt == "table" and xlsx is None and not include_gone else 0)
    for r in rows:
        _sentences_in(r, lang)
        r["decision_id"] = r["decision_id"] or r["record"]
        r["last_event_at"] = (r["last_event_at"] or "")[:10]
        info = []
        if r["status"] == "accepted":
            info.append(t("case_accepted_until", lang, until=r["accepted_until"],
                          id=r["acceptance_id"]))
        if r["reopened_because"]:
            info.append(t("case_reopened", lang, why=r["reopened_because"]))
        elif r["evidence_changed_since_decision"]:
            info.append(t("case_evidence_changed", lang))
        if not r["in_latest_run"]:
            info.append(t("case_gone", lang, run=r["last_seen_run"]))
        r["info"] = "; ".join(info)
    if xlsx is not None:
        _write_xlsx(xlsx, rows, lang)
        return
    if fmt != "table":
        emit(rows, _CASE_COLUMNS, fmt)
        return
    if latest is None:
        click.echo(t("no_scan_yet", lang))
        return
    # on screen the counterparty by name (the exports keep its node key, for joining)
    shown = [r | {"status": _status(r["status"], lang),
                  "severity": _severity(r["severity"], lang),
                  "counterparty": r.get("counterparty_name") or r["counterparty"]}
             for r in rows]
    emit(shown, _CASE_COLUMNS, fmt, None,
         {"subject_name": 22, "counterparty": 22, "info": 60, "decision_id": 18}, lang)
    click.echo(t("cases_total", lang, n=len(rows), run=latest["run_id"], as_of=latest["as_of"]),
               err=True)
    if hidden:
        click.echo(t("cases_gone_hidden", lang, n=hidden), err=True)


def _sentences_in(case: dict[str, Any], lang: str) -> None:
    """A case's texts for people (its path, why it was reopened) in ``lang``, as the rest
    of the output says them: the workspace keeps them as the scan wrote them.  Codes
    (rule, status, severity) stay codes in every format."""
    if case.get("path"):
        case["path"] = stored_path_text(case["path"], lang)
    if case.get("reopened_because"):
        case["reopened_because"] = reopen_note_text(case["reopened_because"], lang)


def _event_note(event: dict[str, Any], lang: str) -> str:
    """A case event's note as the history shows it: a note the scan recorded on reopening
    a case in ``lang`` (it is kept in English); a person's note as typed."""
    note = str(event.get("note") or "")
    return reopen_note_text(note, lang) if event.get("by") == SYSTEM_USER else note


def _one_case(ws: Any, finding_id: str, fmt: str, lang: str) -> None:
    rows = ws.conn.execute("SELECT run_id FROM run_findings WHERE finding_id = ? ORDER BY run_id",
                           (finding_id,)).fetchall()
    if not rows:
        raise InputError(t("case_not_found", lang, finding=finding_id))
    state = ws.case_states(rows[-1][0])[finding_id]
    events = ws.events(finding_id)
    if fmt == "json":
        _sentences_in(state, lang)
        click.echo(terminal_json({"case": state, "events": events}, indent=1, default=str))
        return
    if fmt == "csv":
        emit(events, ["event_id", "at", "by", "status", "note"], "csv")
        return
    click.secho(f"{finding_id}  {rule_title(state['rule'], lang)}  "
                f"{_severity(state['severity'], lang)} {state['score']}", bold=True)
    click.echo(t("case_status", lang, status=_status(state["status"], lang)) + (
        t("case_status_case", lang, status=_status(state["case_status"], lang))
        if state["status"] != state["case_status"] else ""))
    # what the case list says beside the status, said here too (the history alone did not
    # tell that a closed case's finding is gone, or that its evidence changed since)
    latest = ws.latest_run()
    if state["evidence_changed_since_decision"] and not state["reopened_because"]:
        click.echo(t("case_evidence_changed", lang))
    if latest is not None and rows[-1][0] != latest["run_id"]:
        click.echo(t("case_gone", lang, run=rows[-1][0]))
    click.echo(t("case_subject", lang, name=_text(state["subject_name"]),
                 id=_text(state["subject_id"])))
    click.echo(t("case_path", lang, path=_text(stored_path_text(state["path"], lang))))
    click.echo(t("case_evidence", lang, evidence=_text(state["evidence"])))
    click.echo(t("case_runs", lang, runs=", ".join(str(r[0]) for r in rows)))
    if events:
        emit([e | {"status": _status(e["status"], lang), "note": _event_note(e, lang)}
              for e in events],
             ["event_id", "at", "by", "status", "note"], "table",
             # the last column, whole: the history is where a case's notes are read (a
             # note cut at 90 characters hid the rest of a colleague's reasoning)
             widths={"note": None}, lang=lang)
    else:
        click.echo(t("case_no_events", lang))


# -- accept ----------------------------------------------------------------------------------


@click.command()
@click.option("--employee", help="Scope: the employee id (subject of the findings).")
@click.option("--org", help="Scope: the organization id (counterparty).")
@click.option("--rule", type=click.Choice(sorted(RULES)), help="Scope: the rule.")
@click.option("--justification", help="Why the situation is accepted (safeguards, decision).")
@click.option("--owner", help="Who answers for the acceptance.")
@click.option("--until", "until", help="Last day the acceptance is in force (YYYY-MM-DD).")
@click.option("--list", "do_list", is_flag=True, help="List all acceptances.")
@click.option("--revoke", type=int, metavar="ID", help="Revoke acceptance ID from now on.")
@click.option("--by", "by", help="Who records (default: login name) or revokes.")
@click.option("--note", default="", help="With --revoke: why.")
@output_options
@workspace_option
@lang_option
def accept(employee: str | None, org: str | None, rule: str | None, justification: str | None,
           owner: str | None, until: str | None, do_list: bool, revoke: int | None,
           by: str | None, note: str, fmt: str, workspace: Path | None, lang: str) -> None:
    """Record an accepted situation, list them, or revoke one.

    Findings in scope (employee, organization and/or rule; all given parts must match) are
    shown as ``accepted`` in ``coi cases`` and in reports, never hidden.  An acceptance
    counts for a scan whose data date (as_of) is on or before --until; from the first scan
    past that date the findings show their own case status again.

    \b
    Examples:
      coi accept --employee E12 --org O7 --rule self_interest --owner "Director" \\
          --until 2025-12-31 --justification "Approved board seat; E12 takes no O7 decisions"
      coi accept --list
      coi accept --revoke 3 --by "A. Jansen" --note "Board seat ended"
    """
    scope = any([employee, org, rule, justification, owner, until])
    if sum([bool(do_list), revoke is not None, scope]) > 1:
        raise click.UsageError(t("accept_one_of", lang))
    if do_list or (revoke is None and not scope):
        with open_workspace(workspace, create=False) as ws:
            latest = ws.latest_run()
            on = latest["as_of"] if latest else None
            rows = [a.to_dict() | {"state": _state(a, on)} for a in ws.acceptances()]
        if not rows and fmt == "table":
            click.echo(t("no_acceptances", lang))
            return
        if fmt == "table":
            rows = [r | {"state": t("state_" + r["state"].replace(" ", "_"), lang),
                         "scope": _scope(r["scope"], lang)} for r in rows]
        emit(rows, ["acceptance_id", "state", "scope", "valid_until", "owner", "justification",
                    "created_at", "created_by"], fmt, None, {"justification": 50}, lang)
        return
    if revoke is not None:
        with open_workspace(workspace, create=False) as ws:
            a = ws.revoke(revoke, by or "", note)
        click.echo(t("acceptance_revoked", lang, id=a.acceptance_id, at=a.revoked_at,
                     by=a.revoked_by))
        return
    missing = [o for o, v in (("--justification", justification), ("--owner", owner),
                              ("--until", until)) if not v]
    if missing:
        raise click.UsageError(t("acceptance_needs", lang, missing=", ".join(missing)))
    with open_workspace(workspace, create=False) as ws:
        a = ws.accept(employee_id=employee, org_id=org, rule=rule,
                      justification=justification or "", owner=owner or "",
                      valid_until=until or "", by=by)
        covered = sum(1 for s in ws.case_states().values() if s["acceptance_id"] == a.acceptance_id)
    click.echo(t("acceptance_made", lang, id=a.acceptance_id, scope=_scope(a.scope, lang),
                 until=a.valid_until, n=covered))


def _scope(scope: str, lang: str) -> str:
    """``employee E1, rule self_interest`` in ``lang`` (ids and rule codes stay)."""
    if lang != "nl":
        return scope
    words = {"employee": "medewerker", "organization": "organisatie", "rule": "regel"}
    return ", ".join(words.get(p.split(" ", 1)[0], p.split(" ", 1)[0]) + " " + p.split(" ", 1)[1]
                     if " " in p else p for p in scope.split(", "))


def _state(a: Any, as_of: str | None) -> str:
    """In force or expired for the latest scan's data date (as acceptances are judged),
    today when no scan has a date."""
    import datetime as dt

    if a.revoked_at:
        return "revoked"
    try:
        on = dt.date.fromisoformat(str(as_of)[:10]) if as_of else dt.date.today()
    except ValueError:
        on = dt.date.today()
    return "in force" if a.in_force(on) else "expired"


# -- diff ------------------------------------------------------------------------------------


@click.command()
@click.argument("run_a", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("run_b", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged findings.")
@click.option("--no-cross-scan", is_flag=True,
              help="Do not re-scan to attribute causes when both data and policy changed.")
@click.option("--json", "as_json", is_flag=True, help="Write JSON to stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@lang_option
def diff(run_a: Path, run_b: Path, show_all: bool, no_cross_scan: bool, as_json: bool,
         quiet: bool, lang: str) -> None:
    """Compare two run folders: new, resolved, changed and unchanged findings, and for each
    difference whether the DATA or the POLICY (settings or tool version) caused it.

    \b
    Example:
      coi diff runs/2024-q3 runs/2024-q4
    """
    from .cli import Progress
    from .outputs.diff import diff_runs

    say = Progress(quiet or as_json, lang)
    d = diff_runs(run_a, run_b, cross_scan=False if no_cross_scan else None, progress=say)
    if as_json:  # codes as they are; the sentences for people in --lang, as on screen
        doc = d.to_json()
        doc["notes"] = [translate(n, lang) for n in doc["notes"]]
        for f in doc["findings"]:
            f["reason"] = translate(f["reason"], lang)
        click.echo(terminal_json(doc, indent=1))
        return
    for side, run, as_of, version in (("A", d.run_a, d.as_of_a, d.version_a),
                                      ("B", d.run_b, d.as_of_b, d.version_b)):
        click.secho(t("diff_run", lang, side=side, run=run, as_of=as_of, version=version),
                    bold=True)
    click.echo(t("diff_data_changed", lang, tables=", ".join(d.tables_changed))
               if d.data_changed else t("diff_data_same", lang))
    pol = []
    if d.finding_settings_changed:
        pol.append(t("diff_settings", lang, names=", ".join(d.finding_settings_changed)))
    if d.version_a != d.version_b:
        pol.append(t("diff_version", lang, a=d.version_a, b=d.version_b))
    click.echo(t("diff_policy", lang, what="; ".join(pol)) if pol
               else t("diff_policy_same", lang))
    for n in d.notes:
        click.echo(t("diff_note", lang, note=translate(n, lang)))
    click.echo(t("diff_counts", lang, **d.counts, method=translate(d.method, lang)))
    rows = [e for e in d.entries if e.change != "unchanged" or show_all or e.rescored]
    if rows:
        click.echo("")
        emit([{"change": translate(e.change, lang) + (t("diff_rescored", lang) if e.rescored
                                                       else ""),
               "cause": translate(e.cause, lang), "rule": e.rule,
               "severity": (f"{_severity(e.severity_a, lang) if e.severity_a else '-'} -> "
                            f"{_severity(e.severity_b, lang) if e.severity_b else '-'}"),
               "subject": f"{e.subject_name} ({e.subject_id})" if e.subject_name else e.subject_id,
               "about": e.decision_id or e.record, "finding": e.finding_id,
               "reason": translate(e.reason, lang)} for e in rows],
             ["change", "cause", "rule", "severity", "subject", "about", "finding", "reason"],
             "table", widths={"subject": 28, "reason": 70}, lang=lang)


# -- report ----------------------------------------------------------------------------------


@click.command()
@click.argument("run_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--audience", type=click.Choice(["rvc", "audit"]), default="rvc",
              show_default=True,
              help="rvc: counts only, no persons, small groups hidden; audit: the full list.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the report and of what is printed [default: $COI_LANG, "
                   "else the policy's reports.language, else nl].")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the report files (default: RUN_DIR/reports).")
@workspace_option
def report(run_dir: Path, audience: str, lang: str | None, out: Path | None,
           workspace: Path | None) -> None:
    """Write a printable HTML report (A4) and a Markdown version of a run.

    Case statuses, the trend over earlier scans and the declaration figures come from the
    workspace the run was recorded in.

    \b
    Examples:
      coi report runs/2024-q4 --audience rvc
      coi report runs/2024-q4 --audience audit --lang en --out reports/
    """
    from .outputs.report import render_report

    said = _report_lang(run_dir, lang)
    files = render_report(run_dir, audience, lang, out, workspace)
    click.echo(f"{files.html}\n{files.markdown}")
    if files.tampered:
        click.secho(t("trail_tampered", said, n=files.tampered,
                      path=workspace or default_workspace_path()), fg="red", bold=True, err=True)
    warn_if_read_without_key(trail_read_without_key(workspace or default_workspace_path()),
                             workspace, said)
    if workspace is None and not default_workspace_path().is_file():
        click.echo(t("report_no_workspace", said, path=default_workspace_path()), err=True)
    elif not files.recorded:  # a workspace, but another one than the scan was recorded in
        click.echo(t("report_not_in_workspace", said, run=run_dir,
                     path=workspace or default_workspace_path()), err=True)


def _report_lang(run_dir: Path, lang: str | None) -> str:
    """The report's language, as ``render_report`` chooses it (--lang, $COI_LANG, the
    policy's reports.language, Dutch); the command's own lines and errors follow it."""
    from .cli_text import set_run_lang
    from .labels import env_lang

    chosen = lang or env_lang()
    if chosen not in ("nl", "en"):
        try:
            run = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
            chosen = ((run.get("policy") or {}).get("reports") or {}).get("language") or "nl"
        except (OSError, ValueError, AttributeError):
            chosen = "nl"
    return set_run_lang(chosen if chosen in ("nl", "en") else "nl")

