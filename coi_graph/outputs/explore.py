"""The explore bundle: a run's findings as pages a compliance officer opens in a browser.

``build_bundle(run_dir)`` writes ``RUN_DIR/explore/``::

    index.html               every finding, sortable and filterable, counts on top
    findings/<id>.html       one finding: its network, links with source rows, score, articles
    overview.html            all flagged sub-graphs together (precomputed layout)
    assets/vis-network.min.js  the network library, copied from the installed pyvis package

The bundle is self-contained and offline, so it can be zipped and mailed: no CDN, no web
font, no request of any kind (each page also carries a Content-Security-Policy that forbids
them), and it works opened from ``file://``.  Input data is hostile until proven otherwise:
HTML is escaped by Jinja2's autoescape, data for scripts is embedded as JSON with ``<``,
``>`` and ``&`` escaped (:func:`~coi_graph.outputs.explore_graph.script_json`), and the page script
only ever writes text nodes.  Inline scripts run under a per-build nonce, so even a payload
that slipped into the markup would not execute.

>>> from coi_graph.outputs.explore import build_bundle           # doctest: +SKIP
>>> build_bundle("runs/2024-q4")                         # doctest: +SKIP
PosixPath('runs/2024-q4/explore/index.html')
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
import importlib.util
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import InputError
from .explore_graph import (
    ContextGraph,
    finding_graph,
    no_bidi,
    overview_graph,
    page_name,
    script_json,
)
from .explore_text import (
    LANGS,
    decision_kind_label,
    detail_entry,
    edge_kind_label,
    match_detail_text,
    match_score_text,
    match_reason_text,
    node_kind_label,
    node_ref,
    path_text,
    role_label,
    rule_title,
    score_reason_text,
    step_text,
    ui,
    validity_text,
)
from ..findings import (EvidencePath, Finding, format_eur, json_loads, load_findings,
                        step_key)
from ..labels import eur_in, format_count
from ..schema import EDGE_KINDS, NODE_KINDS
from ..rules import RULES

__all__ = ["RunData", "load_run", "build_bundle", "VIS_VERSION", "ASSETS"]

#: The vis-network build that pyvis ships and that the pages load.
VIS_VERSION = "vis-9.1.2"
ASSETS = ("vis-network.min.js",)
#: vis-network.css is left out on purpose: the pages use no navigation buttons or
#: manipulation UI, and the few tooltip rules it holds are in the page's own style.
_SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}


@dataclass
class RunData:
    """What a run folder holds for the pages: findings, run metadata, the context graph."""

    run_dir: Path
    findings: list[Finding]
    run: dict[str, Any] = field(default_factory=dict)
    graph: dict[str, Any] = field(default_factory=dict)


def _read_json(path: Path, required: bool) -> Any:
    if not path.exists():
        if required:
            raise InputError(f"{path}: not found; give a run folder written by `coi scan "
                             "DATA_DIR --out RUN_DIR`.")
        return None
    try:
        return json_loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not readable as JSON ({e}); run `coi scan` again.") from None


def load_run(run_dir: str | Path) -> RunData:
    """Read ``findings.json`` (required; any version), ``run.json`` and ``graph.json``
    (optional)."""
    rd = Path(run_dir)
    if not rd.is_dir():
        raise InputError(f"{rd}: no such folder; give the folder `coi scan --out` wrote.")
    findings = load_findings(rd / "findings.json")
    run = _read_json(rd / "run.json", required=False) or {}
    graph = _read_json(rd / "graph.json", required=False) or {}
    return RunData(rd, findings, run if isinstance(run, dict) else {},
                   graph if isinstance(graph, dict) else {})


#: Names a dict answers as attributes (``items``, ``get``): Jinja's meaning of ``d.items``.
_DICT_ATTRS = frozenset(dir(dict))


class _PageEnvironment(jinja2.Environment):
    """Jinja2 with ``view.key`` on a dict looked up as a key first.

    The pages' values are dicts, and Jinja tries ``getattr`` before ``[]``: every one of
    the ~150 ``{{ t.label }}`` of a page raised and caught an AttributeError, a tenth of
    a 10,000-page bundle's time.  A dict has no attribute by any name outside
    ``dir(dict)``, so trying the key first gives exactly Jinja's result."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def _environment() -> jinja2.Environment:
    """Jinja2 with autoescape on for every template: all our templates are HTML."""
    env = _PageEnvironment(
        loader=jinja2.PackageLoader("coi_graph", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=no_bidi,  # no data can turn the text around (U+202E)
        auto_reload=False,  # the templates ship with the package: no stat() per page
    )
    env.filters["json"] = script_json
    env.filters["eur"] = lambda v: format_eur(v) if isinstance(v, (int, float)) else (v or "")
    return env


def _legend(lang: str) -> dict[str, list[dict[str, str]]]:
    """Legend entries straight from the schema (the one place that names kinds)."""
    return {
        "nodes": [{"code": k.code, "label": node_kind_label(k.code, lang), "color": k.color,
                   "shape": k.shape, "border": k.border} for k in NODE_KINDS.values()],
        "edges": [{"code": k.code, "label": edge_kind_label(k.code, lang), "color": k.color}
                  for k in EDGE_KINDS.values()],
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


#: The most nodes the overview draws; beyond it large networks become cluster nodes (a
#: browser drawing 20,000 nodes takes half a minute to open the page, and shows a blur).
OVERVIEW_MAX_NODES = 4000
#: Index rows per page: a run of 10,000 findings is 100 pages, not one 12 MB table.
PAGE_SIZE = 100
#: The columns of the index's row data (sent as arrays, each name once).
_ROW_COLS = ("finding_id", "page", "rule", "severity", "severity_rank", "score", "subject_id",
             "subject_name", "subject_role", "department", "counterparty",
             "counterparty_name", "decision", "decision_kind", "date", "amount", "amount_text",
             "declared", "path", "status")


def _row(f: Finding, lang: str, status: str = "") -> dict[str, Any]:
    """One finding as the index table shows it (all values plain text; the template escapes).

    ``status`` is the finding's case status in the workspace when the pages were made
    (empty when the workspace does not know this run)."""
    t = ui(lang)
    fid, rule, severity = f.finding_id, f.rule, f.severity
    declared = f.declared
    amount = f.amount_eur
    cols = {
        "finding_id": fid,
        "page": "findings/" + page_name(fid),
        "rule": rule,
        "rule_title": rule_title(rule, lang),
        "severity": severity,
        "severity_label": t["severity"].get(severity, severity),
        "severity_rank": _SEVERITY_RANK.get(severity, 0),
        "score": f.score,
        "subject_id": f.subject_id,
        "subject_name": f.subject_name or f.subject_id,
        "subject_role": role_label(f.subject_role, lang),
        "department": f.subject_department,
        "counterparty": f.counterparty,
        "counterparty_ref": node_ref(f.counterparty, lang),
        "counterparty_name": f.counterparty_name or f.counterparty,
        "decision": f.decision_id or f.record,
        "decision_kind": decision_kind_label(f.decision_kind, lang),
        "date": f.decision_date,
        "amount": amount,
        "amount_text": format_eur(amount, lang) if amount is not None else "",
        "declared": declared,
        "declared_label": t["declared"][declared],
        "path": path_text(f.path, lang),
        "subject_role_code": f.subject_role,
        "decision_kind_code": f.decision_kind,
        "status": status,
        "status_label": t["statuses"].get(status, status),
    }
    cols["search"] = " ".join(_text(cols[k]) for k in (
        "finding_id", "rule_title", "rule", "subject_id", "subject_name", "department",
        "counterparty", "counterparty_name", "decision", "decision_kind", "date", "path",
        "severity_label", "declared_label", "status_label")).lower()
    return cols


def _steps_view(path: EvidencePath, lang: str) -> list[dict[str, Any]]:
    """A path's links for the side panel, with node labels resolved and validity in words."""
    labels = {str(n.get("key")): _text(n.get("label")) for n in path.nodes}
    out = []
    for s in path.steps:
        src, tgt = s.source, s.target
        match = s.match if isinstance(s.match, dict) else None
        out.append({
            "edge_id": step_key(s),
            "source": labels.get(src, src), "target": labels.get(tgt, tgt),
            "kind": s.kind, "kind_label": edge_kind_label(s.kind, lang),
            "color": EDGE_KINDS[s.kind].color if s.kind in EDGE_KINDS else "#7f7f7f",
            "label": step_text(s, lang),
            "validity": validity_text(s.valid_from, s.valid_until, lang),
            "declared": s.declared,
            "evidence": list(s.evidence),
            "match": None if match is None else {
                "reason": match_reason_text(_text(match.get("reason")), lang), "detail": match_detail_text(_text(match.get("detail")), lang, match.get("features"), match.get("band"), match.get("judgement")),
                "score": _number(match.get("score")), "fuzzy": bool(match.get("fuzzy")),
                **dict(zip(("score_label", "score_text"), match_score_text(match, lang)))},
        })
    return out


def _finding_view(f: Finding, lang: str, status: str = "",
                  row: dict[str, Any] | None = None) -> dict[str, Any]:
    """A finding as its page shows it; ``row`` is its index row when already made."""
    others = []
    for p in f.other_paths:
        steps = _steps_view(p, lang)
        others.append({"text": path_text(p, lang), "steps": steps,
                       "declared": all(s["declared"] for s in steps)})
    explanation = eur_in(f.explanation, lang)
    if lang == "nl":
        rule = RULES.get(f.rule)
        explanation = f.explanation_nl or (
            rule.description_nl if rule is not None and explanation == rule.description_en
            else explanation)
    return {
        "row": row if row is not None else _row(f, lang, status),
        "explanation": explanation,
        "steps": _steps_view(f.path, lang),
        "other_paths": others,
        "score_parts": [{"reason": score_reason_text(p, lang), "points": p.get("points")}
                        for p in f.score_parts],
        "articles": list(f.articles),
        "evidence": f.evidence,
        # decision_roles is drawn as the decision's edges to its handler and approver
        "details": dict(detail_entry(str(k), v, lang) for k, v in f.details.items()
                        if k != "decision_roles"),
        "evidence_hash": f.evidence_hash,
        "record": f.record,
        "decision_id": f.decision_id,
    }


def _counts(rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    by_rule = Counter(r["rule"] for r in rows)
    by_sev = Counter(r["severity"] for r in rows)
    t = ui(lang)
    return {
        "total": len(rows),
        "severity": [{"code": s, "label": t["severity"][s], "count": by_sev.get(s, 0)}
                     for s in ("high", "medium", "low")],
        "rules": [{"code": c, "title": rule_title(c, lang), "count": by_rule[c]}
                  for c in [*RULES, *sorted(set(by_rule) - set(RULES))] if by_rule.get(c)],
        "undeclared": sum(1 for r in rows if not r["declared"]),
    }


def _run_info(run: dict[str, Any], lang: str) -> dict[str, Any]:
    inputs = run.get("inputs") if isinstance(run.get("inputs"), dict) else {}
    return {
        "finished_at": _text(run.get("finished_at")),
        "as_of": _text(run.get("as_of")),
        "version": _text(run.get("version")),
        # each file with the rows used, in the page's notation (a table split over files
        # was one "a.csv + b.xlsx (5427 rows)")
        "inputs": [{"file": _text(f.get("file") or k),
                    "rows": format_count(f.get("rows_used", f.get("rows", f.get("rows_read",
                                                                               ""))), lang)}
                   for k, v in sorted(inputs.items()) if isinstance(v, dict)
                   for f in ([p for p in v.get("files") or [] if isinstance(p, dict)] or [v])],
        **_left_out_info(run),
        **_skipped_info(run, lang),
        "not_supplied": _not_supplied_text(run, lang),
    }


def _not_supplied_text(run: dict[str, Any], lang: str) -> str:
    """The tables no file was found for and the rules that could therefore not look, in the
    page's words: an officer reading "no split orders" should know no mandates were given
    (the reports and the scan's summary say so too)."""
    from ..labels import table_label
    from ..rules import RULES

    missing = [str(n) for n in run.get("tables_not_supplied") or []]
    if not missing:
        return ""
    policy_rules = (run.get("policy") or {}).get("rules") or {}
    blind = [r.title(lang) for code, r in RULES.items()
             if r.tables_lacking(missing, policy_rules.get(code))]
    words = ui(lang)
    text = words["not_supplied"].format(tables=", ".join(table_label(n, lang)
                                                         for n in missing))
    return text + (" " + words["not_checked_rules"].format(rules="; ".join(blind))
                   if blind else "")


def _skipped_info(run: dict[str, Any], lang: str) -> dict[str, Any]:
    """Rows the scan left out (``--skip-bad-rows``, identical duplicates), per file and
    reason: the page said which values were left out but not that whole rows were."""
    from ..cli_text import translate  # the reasons' Dutch (run.json keeps English)

    inputs = run.get("inputs") if isinstance(run.get("inputs"), dict) else {}
    rows = []
    for k, v in sorted(inputs.items()):
        if not isinstance(v, dict):
            continue
        for f in [p for p in v.get("files") or [] if isinstance(p, dict)] or [v]:
            reasons = f.get("skipped_reasons") if isinstance(f.get("skipped_reasons"),
                                                             dict) else {}
            for reason, n in sorted(reasons.items()):
                rows.append({"file": _text(f.get("file") or k),
                             "reason": _text(translate(str(reason), lang)),
                             "count": format_count(n, lang)})
    return {"skipped": rows, "skipped_label": ui(lang)["rows_skipped"]}


# -- ingest (issue 9): values left out of matching, per table file and column --
_LEFT_OUT_LABEL = {"nl": "Weggelaten waarden (onbruikbaar; de rij is wel gebruikt)",
                   "en": "Values left out (unusable; the row was used)"}


def _left_out_info(run: dict[str, Any]) -> dict[str, Any]:
    from .left_out import values_left_out_rows

    return {"left_out": {lang: [{k: _text(v) if isinstance(v, str) else v
                                 for k, v in r.items()}
                                for r in values_left_out_rows(run, lang)]
                         for lang in _LEFT_OUT_LABEL},
            "left_out_label": _LEFT_OUT_LABEL}


_JS_KEYS = ("source_rows", "kind", "key", "department", "context_node", "step_from_to",
            "validity", "validity_open", "declared_q", "yes", "no", "derived_edge", "match",
            "in_findings", "not_found", "score",
            "more_findings", "cluster_of", "possible_mark", "line_possible")


def _js_text(lang: str) -> dict[str, str]:
    """The few UI strings the page script needs (it builds the detail panel itself)."""
    t = ui(lang)
    out = {k: t[k] for k in _JS_KEYS}
    out["declared_yes"], out["declared_no"] = t["declared"][True], t["declared"][False]
    return out


def _rows_json(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The index's rows as compact arrays; codes stay codes (the page has their words)."""
    code = {"subject_role": "subject_role_code", "decision_kind": "decision_kind_code"}
    return {"cols": list(_ROW_COLS),
            "rows": [[r[code.get(c, c)] for c in _ROW_COLS] for r in rows]}


def _js_index(lang: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The words the index script needs to render any page of rows."""
    from ..labels import DECISION_KINDS_EN as _DECISION_KINDS_EN
    from ..labels import DECISION_KINDS_NL as _DECISION_KINDS_NL

    t = ui(lang)
    rules = {r["rule"]: r["rule_title"] for r in rows}
    rules.update({c: rule_title(c, lang) for c in RULES})
    # one person in several roles (``handled_by+second_approved_by``: a decision signed
    # twice) has a code of its own: its words too, or the page shows the code
    roles = dict(t["roles"])
    roles.update({r["subject_role_code"]: r["subject_role"] for r in rows
                  if r.get("subject_role_code") and r["subject_role_code"] not in roles})
    return {"shown": t["shown"], "page_of": t["page_of"], "page_size": PAGE_SIZE,
            "rules": rules, "severity": t["severity"], "statuses": t["statuses"],
            "roles": roles, "declared_yes": t["declared"][True],
            "declared_no": t["declared"][False],
            "kinds": _DECISION_KINDS_NL if lang == "nl" else _DECISION_KINDS_EN}


def case_statuses(run_dir: Path, workspace: str | Path | None
                  ) -> tuple[dict[str, str], str, int]:
    """Each finding's case status in the workspace, for the run in ``run_dir``, when it
    was read, and how many problems ``coi verify`` finds in the workspace's audit trail (the
    pages, which are mailed around, say so beside the statuses).  Empty when there is no
    workspace or it does not know this run: the pages then show no status rather than a
    wrong one."""
    import datetime as dt

    from .workspace import default_workspace_path, open_workspace

    path = Path(workspace) if workspace is not None else default_workspace_path()
    if not path.is_file():
        if workspace is not None:
            raise InputError(f"{path}: no workspace there; give the file `coi scan` recorded "
                             "the run in, or leave out --workspace.")
        return {}, "", 0
    ws = open_workspace(path, create=False)
    try:
        run = ws.find_run(run_dir)
        if run is None:
            return {}, "", 0
        states = ws.case_states(run["run_id"])
        tampered = len(ws.verify().problems)
    finally:
        close = getattr(ws, "close", None)
        if close is not None:
            close()
    at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return {fid: str(s.get("status") or "") for fid, s in states.items()}, at, tampered


def _vis_assets_dir() -> Path:
    """pyvis's copy of vis-network, found without importing pyvis (which imports IPython:
    seconds of a bundle's start-up for a folder name)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("pyvis is not installed; install coi-graph's dependencies (pip install -e .).")
    path = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / VIS_VERSION
    if not (path / ASSETS[0]).is_file():
        raise InputError(f"pyvis does not ship {VIS_VERSION} at {path}; reinstall pyvis>=0.3.2.")
    return path


def _prepare_out(out_dir: Path) -> Path:
    """A fresh staging folder beside ``out_dir``; refuses to overwrite a folder that is not
    an explore bundle (a typo in ``--out`` must not wipe someone's documents)."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise InputError(f"{out_dir}: exists and is not a folder; choose another --out.")
        entries = list(out_dir.iterdir())
        if entries and not ((out_dir / "index.html").is_file() and (out_dir / "assets").is_dir()):
            raise InputError(f"{out_dir}: folder is not empty and is not an explore bundle; "
                             "choose an empty or new folder for --out.")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    # mkdtemp makes it private; the bundle is meant to be shared (served by a web server,
    # zipped and mailed): 0755 on purpose, unlike the run folder (coi_graph.private_files)
    stage.chmod(0o755)
    return stage


def build_bundle(run_dir: str | Path, out_dir: str | Path | None = None, lang: str = "nl",
                 workspace: str | Path | None = None) -> Path:
    """Write the explore bundle of a run folder; return the path of its ``index.html``.

    The bundle is built in a staging folder and then swapped in, so a failed build leaves
    the previous bundle intact and a rebuilt one has no stale finding pages.
    """
    if lang not in LANGS:
        raise InputError(f"--lang: '{lang}' is not supported; choose one of {', '.join(LANGS)}.")
    data = load_run(run_dir)
    out = Path(out_dir) if out_dir is not None else data.run_dir / "explore"
    statuses = case_statuses(data.run_dir, workspace)
    stage = _prepare_out(out)
    try:
        _write_bundle(data, stage, lang, statuses)
        if out.exists():
            old = out.with_name(f".{out.name}-old-{secrets.token_hex(4)}")
            out.rename(old)
            stage.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            stage.rename(out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return out / "index.html"


#: How the last bundle's work was shared (for bench/bench_explore.py): CPU seconds of
#: the main process before the pages, and per process of the pages, index and overview.
BUILD_STATS: dict[str, Any] = {}


def _write_bundle(data: RunData, out: Path, lang: str,
                  statuses: tuple[dict[str, str], str, int] = ({}, "", 0)) -> None:
    start_cpu = time.process_time()
    env = _environment()
    t = ui(lang)
    nonce = secrets.token_urlsafe(18)
    legend = _legend(lang)
    (out / "assets").mkdir()
    (out / "findings").mkdir()
    src = _vis_assets_dir()
    for name in ASSETS:
        shutil.copyfile(src / name, out / "assets" / name)
    # the drawing code every page shares: one file instead of 10 KB in each of 10,000 pages
    _write(out / "assets" / "explore-graph.js", env.get_template("explore_graph_js.html").render())

    findings = sorted(data.findings, key=lambda f: (-f.score,
                                                    -_SEVERITY_RANK.get(f.severity, 0),
                                                    f.finding_id))
    status_of, status_at, tampered = statuses
    rows = [_row(f, lang, status_of.get(f.finding_id, "")) for f in findings]
    counts = _counts(rows, lang)
    common = {"t": t, "lang": lang, "nonce": nonce, "legend": legend,
              "run": _run_info(data.run, lang), "counts": counts,
              "js_text": script_json(_js_text(lang)),  # encoded once, not once per page
              "status_at": status_at,
              "status_tampered": t["status_tampered"].format(n=tampered) if tampered else ""}
    ctx = ContextGraph.from_json(data.graph)
    global _PAGES_JOB
    _PAGES_JOB = _PagesJob(env, out, lang, common, status_of, findings, ctx, rows)
    try:
        jobs = _jobs(len(findings))
        for name in ("explore_finding.html", "explore_legend.html", "explore_index.html",
                     "explore_overview.html"):
            env.get_template(name)  # compiled once, before the workers are forked
        # the overview and the index are units of work beside the slices of finding pages,
        # the overview first (the largest): two processes share all of it, not only the pages
        work: list[str | range] = ["overview", "index"] + [
            range(i, min(i + _CHUNK, len(findings))) for i in range(0, len(findings), _CHUNK)]
        if jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork: the workers inherit the loaded run instead of receiving it pickled
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as ex:
                done = list(ex.map(_do_work, work))
        else:
            done = [_do_work(unit) for unit in work]
    finally:
        _PAGES_JOB = None
    per_process: dict[int, float] = {}
    for pid, cpu in done:
        per_process[pid] = per_process.get(pid, 0.0) + cpu
    BUILD_STATS.clear()
    BUILD_STATS.update({"processes": len(per_process), "work_cpu_s": per_process,
                        "before_work_cpu_s": time.process_time() - start_cpu
                        - (per_process.get(os.getpid(), 0.0))})


def _do_work(unit: str | range) -> tuple[int, float]:
    """One unit of the bundle: ``"index"``, ``"overview"`` or a slice of finding pages.
    Returns the process that did it and the CPU seconds it took (for BUILD_STATS)."""
    cpu = time.process_time()
    if unit == "index":
        _write_index()
    elif unit == "overview":
        _write_overview()
    else:
        assert isinstance(unit, range)
        _write_pages(unit)
    return os.getpid(), time.process_time() - cpu


def _write_index() -> int:
    job = _PAGES_JOB
    assert job is not None
    rows, t, counts = job.rows, job.common["t"], job.common["counts"]
    departments = sorted({r["department"] for r in rows if r["department"]}, key=str.casefold)
    present = {r["status"] for r in rows if r["status"]}
    status_options = [{"code": c, "label": t["statuses"][c]} for c in t["statuses"]
                      if c in present]
    _write(job.out / "index.html", job.env.get_template("explore_index.html").render(
        **job.common, root="", rows=rows, rules=counts["rules"], departments=departments,
        statuses=status_options, page_size=PAGE_SIZE,
        pages=max(1, -(-len(rows) // PAGE_SIZE)), rows_json=_rows_json(rows),
        js_index=_js_index(job.lang, rows)))
    return 1


def _write_overview() -> int:
    job = _PAGES_JOB
    assert job is not None
    ov = slim_graph(overview_graph(job.findings, job.ctx, job.lang,
                                   max_nodes=OVERVIEW_MAX_NODES), job.lang)
    links = [{"page": r["page"], "title": r["rule_title"], "score": r["score"],
              "subject": r["subject_name"], "id": r["finding_id"]} for r in job.rows]
    _write(job.out / "overview.html", job.env.get_template("explore_overview.html").render(
        **job.common, root="", graph=ov, links=links, has_possible=has_possible(ov)))
    return 1


@dataclass
class _PagesJob:
    """What writing a slice of the finding pages needs (shared with forked workers)."""

    env: jinja2.Environment
    out: Path
    lang: str
    common: dict[str, Any]
    status_of: dict[str, str]
    findings: list[Finding]
    ctx: ContextGraph
    rows: list[dict[str, Any]]


_PAGES_JOB: _PagesJob | None = None
#: Findings per unit of work, and from how many findings on the pages are written by two
#: processes: a page costs about a millisecond, and a run of 10,000 findings must build in
#: seconds.  ``COI_EXPLORE_JOBS=1`` keeps everything in one process.
_CHUNK = 500
_PARALLEL_FROM = 2000


def _jobs(n_findings: int) -> int:
    env = os.environ.get("COI_EXPLORE_JOBS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return int(env)
    if n_findings < _PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1  # the workers are forked: only where fork is safe
    return max(1, min(2, os.cpu_count() or 1))


def _write_pages(indices: range) -> int:
    """Write the finding pages of ``indices`` (one slice of the run's findings)."""
    job = _PAGES_JOB
    assert job is not None
    t = job.common["t"]
    page = job.env.get_template("explore_finding.html")
    legend_tpl = job.env.get_template("explore_legend.html")
    legends: dict[tuple[tuple[str, ...], tuple[str, ...], bool], Markup] = {}
    for i in indices:
        f = job.findings[i]
        view = _finding_view(f, job.lang, row=job.rows[i])  # rows[i] is findings[i]
        graph = finding_graph(f, job.ctx, job.lang)
        kinds = (tuple(sorted({n["kind"] for n in graph["nodes"]})),
                 tuple(sorted({e["kind"] for e in graph["edges"]})), has_possible(graph))
        if kinds not in legends:  # a handful of combinations over thousands of pages
            legends[kinds] = Markup(legend_tpl.render(t=t, legend=job.common["legend"],
                                                      node_codes=kinds[0], edge_codes=kinds[1],
                                                      has_possible=kinds[2]))
        _write(job.out / view["row"]["page"], page.render(
            **job.common, root="../", f=view, graph=slim_graph(graph, job.lang),
            legend_html=legends[kinds], nav=_finding_nav(job.rows, i)))
    return len(indices)


def has_possible(graph: dict[str, Any]) -> bool:
    """Whether a page's graph holds a "possible same person" match (its legend then says
    what the dotted line means)."""
    return any(isinstance(e.get("match"), dict) and e["match"].get("band") == "possible"
               for e in graph["edges"])


def _finding_nav(rows: list[dict[str, Any]], i: int) -> dict[str, Any]:
    """Links to the findings before and after ``rows[i]`` in the index's order (score):
    an officer goes through a run page by page, by keyboard too, without the index."""
    def href(j: int) -> str:
        return rows[j]["page"].rsplit("/", 1)[-1] if 0 <= j < len(rows) else ""

    return {"prev": href(i - 1), "next": href(i + 1), "i": i + 1, "n": len(rows)}


def slim_graph(graph: dict[str, Any], lang: str) -> dict[str, Any]:
    """A page's graph without what the page script derives (``COI.expand``): colours,
    shapes and kind names by kind (sent once per page), empty fields left out, a short
    label only where it differs from the full one.  At 10,000 findings this is what keeps
    the overview a few MB instead of 18, and the finding pages a third of their size."""
    node_keep = ("id", "label", "kind", "role", "x", "y", "findings", "department", "cluster")
    nodes = []
    for n in graph["nodes"]:
        m = {k: n[k] for k in node_keep if n.get(k) not in (None, "", [])}
        if n["full"] != n["label"]:
            m["full"] = n["full"]
        nodes.append(m)
    edge_keep = ("id", "from", "to", "kind", "role", "label", "validity", "validity_short",
                 "declared", "evidence", "match", "smooth", "inner")
    edges = []
    for e in graph["edges"]:
        m = {k: e[k] for k in edge_keep if e.get(k) not in (None, "", [], False)}
        if e["short"] != e["label"]:
            m["short"] = e["short"]
        if e["kind_label"] != edge_kind_label(e["kind"], lang):  # the role link says its role
            m["kind_label"] = e["kind_label"]
        edges.append(m)
    node_kinds = {n["kind"] for n in nodes}
    edge_kinds = {e["kind"] for e in edges}
    kinds = {k.code: {"color": k.color, "shape": k.shape, "label": node_kind_label(k.code, lang),
                      **({"border": k.border} if k.border != "solid" else {})}
             for k in NODE_KINDS.values() if k.code in node_kinds}
    links = {k.code: {"color": k.color, "label": edge_kind_label(k.code, lang)}
             for k in EDGE_KINDS.values() if k.code in edge_kinds}
    return {**{k: v for k, v in graph.items() if k not in ("nodes", "edges")},
            "nodes": nodes, "edges": edges, "node_kinds": kinds, "edge_kinds": links}


def _write(path: Path, html: str) -> None:
    """Write a page: its UTF-8 bytes in one system call, without a text-mode file object
    (half the cost of ``write_text`` over 10,000 pages); permissions as ``open()`` gives."""
    data = html.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
