"""Reports of a run: a five-minute summary for the supervisory board (RvC) and the full list
for the audit team, each as printable HTML (A4) and as Markdown.

The two audiences get different *contexts*, not different views of one: the RvC context is
built here from counts only (no finding, no name, no id ever enters it), so a template
change cannot leak a person into the board's report.  Every count below the policy's
``reports.min_group_size`` (default 5) is shown as "< 5", departments smaller than that are
merged, and where a table shows a total, one more cell is hidden when otherwise the small
one could be worked out by subtraction.

Everything that comes from the data is escaped: HTML by Jinja2's autoescape, Markdown by a
finalizer that escapes Markdown and HTML syntax in every value.

Sources: ``RUN_DIR/run.json`` and ``findings.json``, and the workspace (case statuses,
acceptances, earlier runs for the trend, declaration figures, triage times).  A run that is
not in a workspace still gets a report, with a note that those parts are missing.

>>> suppress({"a": 3, "b": 12, "c": 0}, 5)[0]["a"].text
'< 5'
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import InputError
from ..export_cells import terminal_text
from .explore_graph import no_bidi
from ..findings import Finding, load_findings
from ..labels import env_lang, format_count, format_date, table_label
from .explore_text import (
    decision_kind_label,
    node_ref,
    path_text,
    reopen_note_text,
    role_label,
    score_reason_text,
)
from ..rules import RULES

__all__ = ["Cell", "suppress", "build_context", "render_report", "ReportFiles", "AUDIENCES"]

AUDIENCES = ("rvc", "audit")
SEVERITIES = ("high", "medium", "low")
DISPLAY_STATUSES = ("open", "in_review", "explained", "confirmed", "dismissed", "accepted")
#: A case open (or in review) longer than this many days is counted as overdue.
OVERDUE_DAYS = 90

TEXT: dict[str, dict[str, Any]] = {
    "nl": {
        "title_rvc": "Integriteitsscan belangenverstrengeling: samenvatting voor de Raad van "
                     "Commissarissen",
        "title_audit": "Integriteitsscan belangenverstrengeling: volledige lijst voor audit",
        "signal": "Een bevinding is een signaal, geen bewijs van een integriteitsschending. "
                  "Elke bevinding wordt door de organisatie onderzocht; veel signalen blijken "
                  "een bekende en gemelde situatie te zijn.",
        "data_until": "Gegevens tot en met", "period": "Besluiten vanaf", "scan_date": "Gescand op",
        "scan_no": "Scan", "of": "van", "version": "versie", "policy": "beleid",
        "key_figures": "Kerncijfers", "findings": "Bevindingen", "high": "Hoog risico",
        "new_since": "Nieuw sinds vorige scan", "gone_since": "Niet meer gevonden",
        "open_cases": "Nog open of in behandeling", "closed_cases": "Afgehandeld",
        "open_high": "Hoog risico, nog open of in behandeling",
        "by_rule": "Bevindingen per soort", "kind": "Soort", "count": "Aantal",
        "disabled": "uitgeschakeld",
        "not_checked": "niet bekeken: geen {tables} aangeleverd", "and": "en",
        "rvc_not_supplied": "Niet aangeleverd voor deze scan: {tables}. Wat de regels daarin "
                            "zoeken, is niet bekeken: een 0 bij zo'n soort betekent niet dat "
                            "er niets is.",
        "by_severity": "Naar ernst", "by_status": "Naar status",
        "severity": "Ernst", "status": "Status", "total": "Totaal",
        "sev": {"high": "Hoog", "medium": "Middel", "low": "Laag"},
        "st": {"open": "Open", "in_review": "In behandeling", "explained": "Verklaard",
               "confirmed": "Bevestigd", "dismissed": "Geseponeerd",
               "accepted": "Geaccepteerde situatie"},
        "trend": "Verloop over de scans", "trend_all": "Alle bevindingen",
        "trend_high": "waarvan hoog risico", "trend_none": "Dit is de eerste vastgelegde scan.",
        "trend_one_date": "De {n} vastgelegde scans hebben alle dezelfde peildatum ({date}); het "
                          "verloop verschijnt zodra een scan met een andere peildatum is "
                          "vastgelegd.",
        "declarations": "Meldingsdiscipline", "staff": "Medewerkers in dienst",
        "coverage": "met een actuele melding in het integriteitsregister",
        "pending": "Verzoeken om toestemming in afwachting van een besluit",
        "unapproved": "Actieve nevenfuncties of eigen bedrijven zonder toestemming",
        "side_active": "Actieve nevenfuncties of eigen bedrijven",
        "no_stats": "Geen meldingscijfers: deze scan is niet vastgelegd in een werkruimte.",
        "triage": "Afhandeling", "decided": "Bevindingen met een besluit",
        "median_days": "Mediane doorlooptijd tot een besluit",
        "days": "dagen", "overdue": f"Langer dan {OVERDUE_DAYS} dagen open",
        "too_few": "te weinig gevallen om te tonen",
        "by_department": "Per afdeling", "department": "Afdeling",
        "other_departments": "Overige afdelingen (kleiner dan {k} medewerkers of onbekend)",
        "with_declaration": "Met melding",
        "departments_withheld": "De overige afdelingen tellen samen minder dan {k} "
                                "medewerkers: hun aantal bevindingen zou over die enkele "
                                "personen gaan en staat daarom als \u2013.",
        "departments_zero_withheld": "Omdat de andere afdelingen geen bevindingen hebben, "
                                     "staat ook een van hen als \u2013; anders volgde het "
                                     "aantal uit het totaal.",
        "suppressed_note": "Aantallen kleiner dan {k} worden getoond als \u201c< {k}\u201d en een "
                           "aantal als \u201c\u2265 {k}\u201d wanneer het kleine aantal anders uit "
                           "het totaal af te leiden is, zodat geen personen herkenbaar zijn.",
        "trend_replaced": "Per peildatum telt de laatste scan; {n} eerdere scan(s) van "
                          "dezelfde peildatum zijn daarom niet apart getoond.",
        "pct_note": "Percentages staan alleen bij groepen van minstens {n} medewerkers en zijn "
                    "afgerond op tientallen, zodat niet af te leiden is of één persoon wel of "
                    "niet gemeld heeft; bij kleinere groepen staat \u2013.",
        "explain": "Wat de soorten betekenen",
        "run_changed": ("Let op: {n} bevinding(en) in het bestand findings.json van deze "
                        "scanmap wijken af van wat de werkruimte voor deze scan vastlegde: het "
                        "bestand is na de scan veranderd. Dit rapport toont het bestand; zet "
                        "de scanmap terug uit een vertrouwde reservekopie of scan opnieuw."),
        "tampered": ("Let op: het auditspoor van de werkruimte is buiten coi-graph om "
                     "veranderd ({n} probleem/problemen). De statussen en besluiten in dit "
                     "rapport zijn mogelijk niet de vastgelegde. `coi verify` noemt elke "
                     "veranderde rij; herstel de werkruimte uit een vertrouwde reservekopie "
                     "en maak het rapport opnieuw."),
        "not_recorded": "Deze scan is niet vastgelegd in een werkruimte: statussen, verloop "
                        "en meldingscijfers ontbreken. Neem de scan op met `coi scan` en de "
                        "werkruimte.",
        "audit_trail": ("Auditspoor van de werkruimte bij het maken van dit rapport: {n} "
                        "regels, kop {head}. Controleer later met `coi verify --expect {head}` "
                        "dat het sindsdien niet is teruggezet of herschreven."),
        "about": "Over deze rapportage",
        "about_text": "Opgesteld door coi-graph {version} uit scan {run} ({date}). Het "
                      "beleid (familierelaties, termijnen, drempels) is vastgelegd met "
                      "vingerafdruk {fp}. Namen en andere persoonsgegevens staan alleen in de "
                      "auditrapportage.",
        "accepted_note": "Geaccepteerde situaties zijn door de organisatie bewust "
                         "toegestaan, met een verantwoordelijke en een einddatum; zij blijven "
                         "zichtbaar.",
        "rules": {code: r.report_text("nl") for code, r in RULES.items()},
        # audit
        "finding": "Bevinding", "score": "Score", "subject": "Betrokkene",
        "counterparty": "Wederpartij", "decision": "Besluit", "record": "Registerregel",
        "declared": "Gemeld", "yes": "ja", "no": "nee", "path": "Pad",
        "other_paths": "Andere paden", "evidence": "Bronregels", "articles": "Artikelen",
        "score_parts": "Opbouw score", "history": "Verloop van de zaak", "no_history": "nog geen besluit",
        "acceptance": "Geaccepteerd tot", "by": "door", "all_findings": "Alle bevindingen",
        "inputs": "Invoer", "file": "Bestand", "rows": "Rijen", "skipped": "Overgeslagen",
        "checksum": "SHA-256", "reopened": "Heropend", "role": "rol", "amount": "bedrag",
        "none": "Geen bevindingen in deze scan.",
    },
    "en": {
        "title_rvc": "Conflict-of-interest scan: summary for the Supervisory Board",
        "title_audit": "Conflict-of-interest scan: full list for audit",
        "signal": "A finding is a signal, not proof of wrongdoing. Every finding is looked into "
                  "by the organization; many signals turn out to be a known and declared "
                  "situation.",
        "data_until": "Data up to", "period": "Decisions from", "scan_date": "Scanned on",
        "scan_no": "Scan", "of": "of", "version": "version", "policy": "policy",
        "key_figures": "Key figures", "findings": "Findings", "high": "High risk",
        "new_since": "New since the previous scan", "gone_since": "No longer found",
        "open_cases": "Still open or in review", "closed_cases": "Decided",
        "open_high": "High risk, still open or in review",
        "by_rule": "Findings by kind", "kind": "Kind", "count": "Count",
        "disabled": "switched off",
        "not_checked": "not checked: no {tables} supplied", "and": "and",
        "rvc_not_supplied": "Not supplied for this scan: {tables}. What the rules look for "
                            "there was not checked: a 0 for such a kind does not mean there "
                            "is nothing.",
        "by_severity": "By severity", "by_status": "By status",
        "severity": "Severity", "status": "Status", "total": "Total",
        "sev": {"high": "High", "medium": "Medium", "low": "Low"},
        "st": {"open": "Open", "in_review": "In review", "explained": "Explained",
               "confirmed": "Confirmed", "dismissed": "Dismissed",
               "accepted": "Accepted situation"},
        "trend": "Trend over the scans", "trend_all": "All findings",
        "trend_high": "of which high risk", "trend_none": "This is the first recorded scan.",
        "trend_one_date": "The {n} recorded scans all have the same reference date ({date}); "
                          "the trend appears once a scan of another reference date is "
                          "recorded.",
        "declarations": "Declaration discipline", "staff": "Staff employed",
        "coverage": "with a current declaration in the integrity register",
        "pending": "Permission requests awaiting a decision",
        "unapproved": "Active side functions or own businesses without permission",
        "side_active": "Active side functions or own businesses",
        "no_stats": "No declaration figures: this scan is not recorded in a workspace.",
        "triage": "Case handling", "decided": "Findings with a decision",
        "median_days": "Median time to a decision", "days": "days",
        "overdue": f"Open for more than {OVERDUE_DAYS} days",
        "too_few": "too few cases to show",
        "by_department": "By department", "department": "Department",
        "other_departments": "Other departments (fewer than {k} staff, or unknown)",
        "with_declaration": "With declaration",
        "departments_withheld": "The other departments have fewer than {k} staff together: "
                                "their number of findings would be about those few people "
                                "and is therefore shown as \u2013.",
        "departments_zero_withheld": "Since the other departments have no findings, one "
                                     "of them is shown as \u2013 as well; otherwise the "
                                     "number would follow from the total.",
        "suppressed_note": "Counts below {k} are shown as \u201c< {k}\u201d, and a count as "
                           "\u201c\u2265 {k}\u201d where the small one could otherwise be worked "
                           "out from the total, so that no person can be recognised.",
        "trend_replaced": "Each reference date shows its latest scan; {n} earlier scan(s) of "
                          "the same reference date are therefore not shown separately.",
        "pct_note": "Percentages are only shown for groups of at least {n} staff and are "
                    "rounded to tens, so that whether one person declared cannot be worked "
                    "out; smaller groups show \u2013.",
        "explain": "What the kinds mean",
        "run_changed": ("Warning: {n} finding(s) in the file findings.json of this run "
                        "folder differ from what the workspace recorded for this scan: the "
                        "file was changed after the scan. This report shows the file; restore "
                        "the run folder from a backup you trust or scan again."),
        "tampered": ("Warning: the audit trail of the workspace was changed outside "
                     "coi-graph ({n} problem(s)). The statuses and decisions in this report may "
                     "not be the ones recorded. `coi verify` names each changed row; restore "
                     "the workspace from a backup you trust and make the report again."),
        "not_recorded": "This scan is not recorded in a workspace: statuses, trend and "
                        "declaration figures are missing. Record it with `coi scan` and the "
                        "workspace.",
        "audit_trail": ("Audit trail of the workspace when this report was made: {n} entries, "
                        "head {head}. Check later with `coi verify --expect {head}` that it was "
                        "not rolled back or rewritten since."),
        "about": "About this report",
        "about_text": "Made by coi-graph {version} from scan {run} ({date}). The policy "
                      "(family relations, periods, thresholds) is recorded with fingerprint "
                      "{fp}. Names and other personal data are only in the audit report.",
        "accepted_note": "Accepted situations were knowingly allowed by the organization, "
                         "with an owner and an end date; they remain visible.",
        "rules": {code: r.report_text("en") for code, r in RULES.items()},
        "finding": "Finding", "score": "Score", "subject": "Subject",
        "counterparty": "Counterparty", "decision": "Decision", "record": "Register row",
        "declared": "Declared", "yes": "yes", "no": "no", "path": "Path",
        "other_paths": "Other paths", "evidence": "Source rows", "articles": "Articles",
        "score_parts": "Score", "history": "Case history", "no_history": "no decision yet",
        "acceptance": "Accepted until", "by": "by", "all_findings": "All findings",
        "inputs": "Inputs", "file": "File", "rows": "Rows", "skipped": "Skipped",
        "checksum": "SHA-256", "reopened": "Reopened", "role": "role", "amount": "amount",
        "none": "No findings in this scan.",
    },
}


@dataclass(frozen=True)
class Cell:
    """A count as shown: ``value`` is None when it is hidden."""

    value: int | None
    text: str

    @property
    def shown(self) -> bool:
        return self.value is not None


def suppress(counts: dict[str, int], k: int, *, with_total: bool = True,
             withheld: frozenset[str] = frozenset()) -> tuple[dict[str, Cell], Cell]:
    """Hide small counts: 1..k-1 become "< k".  When a total is shown and exactly one cell is
    hidden, the smallest other non-zero cell is hidden too (as "≥ k"), or the hidden one could
    be worked out by subtracting.  Zero stays visible: it says nothing about a person.
    The non-zero counts of the ``withheld`` keys are hidden whatever their size (as "–"): a
    count about fewer than k people (see :func:`_departments`).

    >>> cells, total = suppress({"a": 2, "b": 7, "c": 30}, 5)
    >>> {k: c.text for k, c in cells.items()}, total.text
    ({'a': '< 5', 'b': '≥ 5', 'c': '30'}, '39')
    """
    out: dict[str, Cell] = {}
    for key, n in counts.items():
        if key in withheld and n:
            out[key] = Cell(None, "\u2013")
        else:
            out[key] = Cell(None, f"< {k}") if 0 < n < k else Cell(n, str(n))
    total = sum(counts.values())
    total_cell = Cell(None, f"< {k}") if 0 < total < k else Cell(total, str(total))
    hidden = [key for key, c in out.items() if not c.shown]
    if with_total and total_cell.shown and len(hidden) == 1:
        others = sorted((n, key) for key, n in counts.items() if key not in hidden and n > 0)
        if others:
            out[others[0][1]] = Cell(None, f"\u2265 {k}")
        else:
            # only a withheld cell can be the one hidden beside a shown total (a "< k" one
            # would be the total); with every other cell 0, "total minus the zeros" is its
            # exact count (all the findings are the director's), so a zero is hidden too
            zeros = [key for key in counts if key not in hidden]
            if zeros:
                out[zeros[0]] = Cell(None, "\u2013")
    return out, total_cell


def _open_high_cell(findings: list[Finding], status_of: dict[str, str], high: Cell,
                    k: int) -> Cell:
    """The high-risk findings still open or in review: what the board asks after first.

    It is part of the "high risk" key figure, so it takes that figure's suppression: an
    exact count whose difference with a shown "high risk" is a small group (1 to k-1
    decided) is shown as "≥ k", so the small group cannot be worked out by subtraction; when
    "high risk" itself is hidden, so is this one (all of them open would give it away)."""
    n = sum(1 for f in findings
            if f.severity == "high" and status_of.get(f.finding_id) in ("open", "in_review"))
    if not high.shown and n:
        return Cell(None, f"< {k}" if n < k else f"\u2265 {k}")
    cell = _hide(n, k)
    if cell.shown and high.shown and high.value is not None and 0 < high.value - n < k:
        return Cell(None, f"\u2265 {k}")
    return cell


def _hide(n: int | None, k: int) -> Cell:
    if n is None:
        return Cell(None, "")
    return Cell(None, f"< {k}") if 0 < n < k else Cell(n, str(n))


# -- context ---------------------------------------------------------------------------------


def _load(run_dir: Path) -> tuple[dict[str, Any], list[Finding]]:
    """run.json and the findings (any version of findings.json)."""
    rj, fj = run_dir / "run.json", run_dir / "findings.json"
    if not rj.is_file() or not fj.is_file():
        raise InputError(f"{run_dir}: not a run folder; give a folder written by `coi scan` "
                         "(it holds run.json and findings.json).")
    return json.loads(rj.read_text(encoding="utf-8")), load_findings(fj)


def _workspace_view(run_dir: Path, findings: list[Finding],
                    workspace: Path | None) -> dict[str, Any]:
    """What the workspace knows about this run (empty when it is not recorded)."""
    from .workspace import default_workspace_path, open_workspace

    path = workspace or default_workspace_path()
    if not Path(path).is_file():
        if workspace is not None:
            raise InputError(f"{workspace}: no workspace there; pass the workspace the scan was "
                             "recorded in, or leave out --workspace.")
        return {}
    from .workspace import changed_findings

    with open_workspace(path, create=False) as ws:
        run = ws.find_run(run_dir)
        if run is None:
            return {}
        rid = run["run_id"]
        runs = [r for r in ws.runs() if r["run_id"] <= rid]
        states = ws.case_states(rid)
        ids = [f.finding_id for f in findings]
        earlier = {r[0] for r in ws.conn.execute(
            "SELECT DISTINCT finding_id FROM run_findings WHERE run_id < ?", (rid,))}
        prev = max((r["run_id"] for r in runs if r["run_id"] < rid), default=None)
        prev_ids = {f["finding_id"] for f in ws.run_findings(prev)} if prev else set()
        # one bar per period (reference date): a period scanned twice (a rescan after a
        # correction) shows its latest scan, and the report says how many were left out
        latest: dict[str, dict[str, Any]] = {}
        for r in runs:
            period = r["as_of"] or r["recorded_at"][:10]
            if period not in latest or r["run_id"] > latest[period]["run_id"]:
                latest[period] = r
        trend = []
        for period, r in sorted(latest.items())[-12:]:
            by_sev = (r["counts"] or {}).get("by_severity") or {}
            trend.append({"label": period,
                          "total": int(r["n_findings"]), "high": int(by_sev.get("high", 0))})
        return {
            "run": run, "run_no": len(runs), "runs_total": len(ws.runs()),
            "states": states,
            "events": {fid: ws.events(fid) for fid in ids},
            "new": sum(1 for i in ids if i not in earlier),
            "gone": len(prev_ids - set(ids)) if prev else None,
            "trend": trend,
            "trend_replaced": len(runs) - len(latest),
            "stats": ws.declaration_stats(rid),
            "triage_days": ws.triage_days(ids),
            "first_seen": {fid: s["first_seen_at"] for fid, s in states.items()},
            # the audit trail as this report saw it: kept with the report (outside the
            # workspace), it shows a later rollback of the workspace (`coi verify --expect`)
            "chain": ws.chain_state(),
            # a trail edited outside coi-graph: the statuses and decisions below may not be
            # the ones recorded, and a report handed out must say so (coi serve warns too)
            "tampered": list(ws.verify().problems),
            # findings.json edited after the scan was recorded: the report shows the file
            "run_changed": len(changed_findings(ws, run, findings)),
        }


def build_context(run_dir: str | Path, audience: str = "rvc", lang: str | None = None,
                  workspace: Path | None = None, today: dt.date | None = None
                  ) -> dict[str, Any]:
    """The template context for one audience.  For ``rvc`` it holds counts only."""
    if audience not in AUDIENCES:
        raise InputError(f"--audience must be one of {', '.join(AUDIENCES)}.")
    run_dir = Path(run_dir)
    run, findings = _load(run_dir)
    policy = run.get("policy") or {}
    lang = (lang or env_lang()
            or (policy.get("reports") or {}).get("language") or "nl")
    if lang not in TEXT:
        raise InputError("--lang must be nl or en.")
    # at least 2 (as the policy checks): a run.json edited to 1 would show one person's count
    k = max(2, int((policy.get("reports") or {}).get("min_group_size") or 5))
    if audience == "audit":
        k = 1  # the audit team sees every finding anyway; hiding counts would only confuse
    t = TEXT[lang]
    wsv = _workspace_view(run_dir, findings, workspace)
    states = wsv.get("states") or {}
    status_of = {f.finding_id: (states.get(f.finding_id) or {}).get("status", "open")
                 for f in findings}
    sev = Counter(f.severity for f in findings)
    rules = Counter(f.rule for f in findings)
    status = Counter(status_of.values())
    enabled = {code: ((policy.get("rules") or {}).get(code) or {}).get("enabled", True)
               for code in RULES}
    # a rule whose input was not supplied found nothing because it could not look: the
    # report says so beside its 0 (the board cannot tell "no gifts register" from "clean")
    not_supplied = [str(n) for n in run.get("tables_not_supplied") or []]
    not_checked = {
        code: t["not_checked"].format(tables=_and_list(
            [table_label(x, lang) for x in lacking], t["and"]))
        for code, r in RULES.items()
        if (lacking := r.tables_lacking(not_supplied, (policy.get("rules") or {}).get(code)))}
    today = today or dt.date.today()
    meta = {
        "as_of": run.get("as_of") or "", "period_start": run.get("period_start") or "",
        "scan_date": str(run.get("finished_at") or "")[:10], "version": run.get("version", ""),
        "fingerprint": run.get("policy_fingerprint", ""), "k": k, "lang": lang,
        "recorded": bool(wsv), "run_no": wsv.get("run_no"), "runs_total": wsv.get("runs_total"),
        "tampered": len(wsv.get("tampered") or []),
        "generated": today.isoformat(),
    }
    rule_cells, rule_total = suppress({c: rules.get(c, 0) for c in RULES}, k)
    sev_cells, sev_total = suppress({s: sev.get(s, 0) for s in SEVERITIES}, k)
    status_cells, status_total = suppress({s: status.get(s, 0) for s in DISPLAY_STATUSES}, k)
    open_n = sum(1 for s in status_of.values() if s in ("open", "in_review"))
    # The key figures repeat cells of the tables below, so they take the tables' suppression:
    # an exact "open or in review" next to a hidden "open" would give the hidden one away.
    if status_cells["open"].shown and status_cells["in_review"].shown:
        open_cell = _hide(open_n, k)
    else:
        open_cell = Cell(None, f"< {k}" if open_n < k else f"\u2265 {k}")
    high_open_cell = _open_high_cell(findings, status_of, sev_cells["high"], k)
    ctx: dict[str, Any] = {
        "t": t, "meta": meta, "audience": audience,
        "tampered_text": t["tampered"].format(n=meta["tampered"]) if meta["tampered"] else "",
        "run_changed_text": (t["run_changed"].format(n=wsv["run_changed"])
                             if wsv.get("run_changed") else ""),
        "kpis": [
            (t["findings"], sev_total),
            (t["high"], sev_cells["high"]),
            (t["new_since"], _hide(wsv.get("new"), k) if wsv and wsv.get("run_no", 1) > 1
             else Cell(None, "\u2013")),
            (t["open_cases"], open_cell if wsv else Cell(None, "\u2013")),
            (t["open_high"], high_open_cell if wsv else Cell(None, "\u2013")),
        ],
        "by_rule": [{"code": c, "title": r.title_nl if lang == "nl" else r.title_en,
                     "text": t["rules"][c], "cell": rule_cells[c], "enabled": enabled[c],
                     "not_checked": not_checked.get(c, "")}
                    for c, r in RULES.items()],
        "not_supplied_text": (t["rvc_not_supplied"].format(
            tables=", ".join(table_label(x, lang) for x in not_supplied))
            if not_supplied else ""),
        "rule_total": rule_total,
        "rule_max": max([c.value for c in rule_cells.values() if c.value] or [0]),
        "by_severity": [{"label": t["sev"][s], "cell": sev_cells[s], "code": s}
                        for s in SEVERITIES],
        "severity_total": sev_total,
        "by_status": [{"label": t["st"][s], "cell": status_cells[s], "code": s}
                      for s in DISPLAY_STATUSES],
        "status_total": status_total,
        "trend": _trend_chart(wsv.get("trend") or [], k, t),
        "trend_note": (t["trend_replaced"].format(n=wsv["trend_replaced"])
                       if wsv.get("trend_replaced") else ""),
        "trend_empty": _trend_empty(wsv, t, lang),
        "declarations": _declaration_block(wsv.get("stats"), k),
        "departments": (departments := _departments(findings, wsv.get("stats"), k, t)),
        "departments_note": (t["departments_withheld"].format(k=k)
                             if any(d["findings"].text == "\u2013" for d in departments or [])
                             else "") + (
            " " + t["departments_zero_withheld"]
            if any(d["findings"].text == "\u2013" and not d["other"]
                   for d in departments or []) else ""),
        "pct_note": t["pct_note"].format(n=pct_min_group(k)),
        "triage": _triage_block(wsv, findings, status_of, k, today),
        "suppressed_note": t["suppressed_note"].format(k=k),
        "about_text": t["about_text"].format(version=meta["version"],
                                             run=meta["run_no"] or "-",
                                             date=format_date(meta["scan_date"], lang),
                                             fp=meta["fingerprint"]),
    }
    if audience == "audit":
        ctx.update(_audit_part(run, findings, wsv, status_of, lang))
    return ctx


def _and_list(words: list[str], and_word: str) -> str:
    """``a, b en c``: a list in a sentence.

    >>> _and_list(["familieleden"], "en"), _and_list(["a", "b", "c"], "and")
    ('familieleden', 'a, b and c')
    """
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {and_word} {words[-1]}"


def pct_min_group(k: int) -> int:
    """The smallest group a percentage is shown for: twice the minimum group size and at
    least 10.  In a department of 6 one person is 17 points, so a percentage would tell
    who has (not) declared; in a group of 10 or more, rounded to tens, it does not."""
    return max(10, 2 * k)


def band_pct(part: int, whole: int, k: int) -> int | None:
    """``part`` of ``whole`` in percent, rounded to tens; ``None`` for a group too small
    (see :func:`pct_min_group`).

    >>> band_pct(5, 6, 5), band_pct(9, 12, 5), band_pct(1, 40, 5)
    (None, 80, 0)
    """
    if whole < pct_min_group(k) or whole <= 0:
        return None
    return int(10 * round(10 * part / whole))  # round() of .5 goes to even: no bias


def _declaration_block(stats: dict[str, Any] | None, k: int) -> dict[str, Any] | None:
    if not stats or not stats.get("all"):
        return None
    a = stats["all"]
    staff = a["staff"]
    pct = band_pct(a["staff_with_declaration"], staff, k)
    return {
        "staff": _hide(staff, k), "coverage_pct": pct,
        "pending": _hide(a["pending_requests"], k),
        "side_active": _hide(a["side_functions_active"], k),
        "unapproved": _hide(a["side_functions_unapproved"], k),
    }


def _departments(findings: list[Finding], stats: dict[str, Any] | None, k: int,
                 t: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Findings and declaration coverage per department; departments with fewer than k
    staff (or unknown size) are merged into one row, so no small team can be singled out."""
    if not stats or not stats.get("departments"):
        return None
    depts = stats["departments"]
    big = sorted(d for d, s in depts.items() if d and s["staff"] >= k)
    other = t["other_departments"].format(k=k)
    counts: Counter[str] = Counter()
    for f in findings:
        d = f.subject_department
        counts[d if d in big else other] += 1
    staff = {d: depts[d]["staff"] for d in big}
    declared = {d: depts[d]["staff_with_declaration"] for d in big}
    rest = [s for d, s in depts.items() if d not in big]
    if rest or counts.get(other):
        staff[other] = sum(s["staff"] for s in rest)
        declared[other] = sum(s["staff_with_declaration"] for s in rest)
    keys = [*big, other] if other in staff else big
    # The merged row is about fewer than k people when the small departments are few (the
    # one-person Directie alone: "< 5" or "7" findings there are the director's, whom the
    # board knows): then its count is not shown, nor can it be subtracted from the total.
    few = frozenset({other}) if other in staff and staff[other] < k else frozenset()
    cells, _ = suppress({d: counts.get(d, 0) for d in keys}, k, withheld=few)
    rows = []
    for d in keys:
        n = staff.get(d, 0)
        rows.append({"name": d, "staff": _hide(n, k), "findings": cells[d],
                     "coverage_pct": band_pct(declared[d], n, k),
                     "other": d == other})
    return rows


def _triage_block(wsv: dict[str, Any], findings: list[Finding],
                  status_of: dict[str, str], k: int, today: dt.date) -> dict[str, Any] | None:
    if not wsv:
        return None
    days = wsv.get("triage_days") or []
    first = wsv.get("first_seen") or {}
    overdue = 0
    for f in findings:
        fid = f.finding_id
        if status_of.get(fid) in ("open", "in_review") and first.get(fid):
            seen = dt.datetime.fromisoformat(first[fid]).date()
            overdue += (today - seen).days > OVERDUE_DAYS
    median = sorted(days)[len(days) // 2] if len(days) % 2 else (
        (sorted(days)[len(days) // 2 - 1] + sorted(days)[len(days) // 2]) / 2 if days else None)
    return {
        "decided": _hide(len(days), k),
        "median_days": round(median) if median is not None and len(days) >= k else None,
        "overdue": _hide(overdue, k),
    }


def _trend_empty(wsv: dict[str, Any], t: dict[str, Any], lang: str) -> str:
    """What the trend section says when it draws no bars: not recorded, the first scan, or
    several scans of one reference date (one bar per date: "the first scan" would be wrong
    next to "scan 2 of 2" in the heading)."""
    if not wsv:
        return str(t["not_recorded"])
    points = wsv.get("trend") or []
    if int(wsv.get("run_no") or 1) > 1 and len(points) == 1:
        return str(t["trend_one_date"]).format(n=wsv["run_no"],
                                               date=format_date(points[0]["label"], lang))
    return str(t["trend_none"])


def _trend_chart(points: list[dict[str, Any]], k: int, t: dict[str, Any]) -> dict[str, Any]:
    """Bar geometry for an inline SVG (drawn by the template, so labels are escaped).
    A count below k is drawn as an empty dashed bar of height k labelled "< k"."""
    w, h, left, bottom, top = 640, 180, 40, 34, 16
    if not points:
        return {"bars": [], "width": w, "height": h}
    top_value = max([k] + [p["total"] for p in points])
    step = _nice_step(top_value)
    ymax = step * -(-top_value // step)
    plot_h = h - bottom - top
    slot = (w - left - 10) / max(len(points), 1)
    bw = min(46.0, slot * 0.6)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / ymax)

    bars = []
    for i, p in enumerate(points):
        x = left + slot * i + (slot - bw) / 2
        total, high = p["total"], p["high"]
        small = 0 < total < k
        hide_high = 0 < high < k or 0 < total - high < k
        bars.append({
            "x": round(x, 1), "w": round(bw, 1), "label": p["label"],
            "cx": round(x + bw / 2, 1),
            "y": round(y(k if small else total), 1),
            "h": round(plot_h * ((k if small else total) / ymax), 1),
            "small": small,
            "value": f"< {k}" if small else str(total),
            "high_y": None if small or hide_high or not high else round(y(high), 1),
            "high_h": None if small or hide_high or not high else round(plot_h * high / ymax, 1),
            "last": i == len(points) - 1,
        })
    ticks = [{"v": v, "y": round(y(v), 1)} for v in range(0, int(ymax) + 1, step)]
    return {"bars": bars, "ticks": ticks, "width": w, "height": h, "left": left,
            "base": round(y(0), 1), "right": w - 10, "label_y": h - bottom + 16}


def _nice_step(top: int) -> int:
    for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / s <= 5:
            return s
    return 10 ** len(str(top))


# -- ingest (issue 9): labels of the "values left out" block of the audit report --
def _input_files(run: dict[str, Any], lang: str) -> tuple[list[dict[str, Any]],
                                                          list[dict[str, Any]]]:
    """The files the scan read, one row each (read = used + skipped, its SHA-256), and why
    rows were skipped, per file and reason.  A table split over several files was one row
    ("orders_2023.csv + orders_2024.xlsx") without a checksum and without the reasons, so
    the report could not account for a skipped row or tie a file to the scan."""
    from ..cli_text import translate  # the skip reasons' Dutch (run.json keeps English)

    files, skipped = [], []
    for name, info in sorted((run.get("inputs") or {}).items()):
        if not isinstance(info, dict):
            continue
        parts = [f for f in info.get("files") or [] if isinstance(f, dict)] or [info]
        for f in parts:
            file = f.get("file") or info.get("file") or f"{name}.csv"
            read = f.get("rows_read", "")
            skip = f.get("rows_skipped", 0) or 0
            used = f.get("rows_used", read - skip if isinstance(read, int) else "")
            files.append({"table": name, "file": file, "rows_read": format_count(read, lang),
                          "rows_used": format_count(used, lang),
                          "rows_skipped": format_count(skip, lang),
                          "sha256": f.get("sha256", "")})
            for reason, n in sorted((f.get("skipped_reasons") or {}).items()):
                skipped.append({"file": file, "reason": translate(reason, lang),
                                "count": format_count(n, lang)})
    mapping = run.get("mapping")
    if isinstance(mapping, dict) and mapping.get("file"):  # how the columns were read
        files.append({"table": "", "file": TEXT[lang]["mapping_file"].format(
                          file=mapping["file"]),
                      "rows_read": "\u2013", "rows_used": "\u2013", "rows_skipped": "\u2013",
                      "sha256": mapping.get("sha256", "")})
    return files, skipped


TEXT["nl"].update({"mapping_file": "{file} (koppelbestand)",
                   "rows_read": "Rijen gelezen", "rows_used": "Gebruikt",
                   "skipped_rows": "Overgeslagen rijen (niet gebruikt)"})
TEXT["en"].update({"mapping_file": "{file} (mapping file)",
                   "rows_read": "Rows read", "rows_used": "Used",
                   "skipped_rows": "Rows skipped (not used)"})
TEXT["nl"].update({"left_out": "Weggelaten waarden (onbruikbaar; de rij is wel gebruikt)",
                   "left_out_column": "Kolom", "left_out_reason": "Reden",
                   "left_out_count": "Aantal"})
TEXT["en"].update({"left_out": "Values left out (unusable; the row was used)",
                   "left_out_column": "Column", "left_out_reason": "Reason",
                   "left_out_count": "Count"})
TEXT["nl"]["not_supplied"] = ("Niet aangeleverd (geen bestand gevonden; wat de regels daarin "
                              "zoeken, is niet bekeken)")
TEXT["en"]["not_supplied"] = ("Not supplied (no file found; what the rules look for there "
                              "was not checked)")

def _audit_part(run: dict[str, Any], findings: list[Finding], wsv: dict[str, Any],
                status_of: dict[str, str], lang: str) -> dict[str, Any]:
    from .workspace import SYSTEM_USER

    states = wsv.get("states") or {}
    events = wsv.get("events") or {}
    order = {s: i for i, s in enumerate(SEVERITIES)}
    rows = []
    for f in sorted(findings, key=lambda f: (order.get(f.severity, 9), -f.score,
                                             f.rule, f.finding_id)):
        st = states.get(f.finding_id) or {}
        rule = RULES.get(f.rule)
        rows.append({
            **f.to_json(),  # every field, for the template; the words below replace codes
            "rule_title": (rule.title_nl if lang == "nl" else rule.title_en) if rule else f.rule,
            "status": status_of[f.finding_id],
            "case_status": st.get("case_status", "open"),
            "accepted_until": st.get("accepted_until"),
            "acceptance_justification": st.get("acceptance_justification"),
            "reopened_because": reopen_note_text(st.get("reopened_because") or "", lang),
            # the scan's own reopen notes in the report's language (kept in English)
            "events": [e | {"note": reopen_note_text(e.get("note") or "", lang)}
                       if e.get("by") == SYSTEM_USER else e
                       for e in events.get(f.finding_id, [])],
            "other_path_texts": [path_text(p, lang, readable_dates=True) for p in f.other_paths],
            # codes as words in the report's language (the scan writes codes)
            "path": path_text(f.path, lang, readable_dates=True),
            "score_parts": [{**p, "reason": score_reason_text(p, lang)} for p in f.score_parts],
            "subject_role": " + ".join(role_label(r, lang) for r in
                                       f.subject_role.split("+") if r),
            "decision_kind": decision_kind_label(f.decision_kind, lang),
            "counterparty": node_ref(f.counterparty, lang),
        })
    inputs, skipped = _input_files(run, lang)
    # -- ingest (issue 9): values left out of matching, per table file and column --
    from .left_out import values_left_out_rows

    left_out = [{**r, "count": format_count(r["count"], lang)}
                for r in values_left_out_rows(run, lang)]
    chain = wsv.get("chain") or {}
    trail = (TEXT[lang]["audit_trail"].format(n=format_count(chain["entries"], lang),
                                              head=chain["head"]) if chain.get("head") else "")
    return {"findings": rows, "inputs": inputs, "problems": (run.get("problems") or {}),
            "audit_trail": trail,
            "left_out": left_out,
            "skipped_rows": skipped,
            "not_supplied": [str(n) for n in run.get("tables_not_supplied") or []]}


# -- rendering -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


class _Raw(str):
    """A string the Markdown finalizer leaves alone (template-made markup only)."""


def _md_escape(value: Any) -> Any:
    """Escape a value for Markdown: Markdown syntax and HTML (a Markdown viewer renders raw
    HTML, so a name like ``<img onerror=...>`` must not reach it), and no line breaks that
    would end a table row."""
    if value is None:
        return ""
    if isinstance(value, (_Raw, Markup)):
        return value
    if isinstance(value, (int, float)):
        return value
    # a line break would end a table row; ESC, a carriage return or a C1 control from the
    # exports went into the .md as it was, and redrew the terminal it was read on with cat
    s = terminal_text(str(value))
    return _MD_SPECIAL.sub(r"\\\1", s)


def _env(markdown: bool, lang: str = "nl") -> jinja2.Environment:
    """The report's template environment; amounts are written in ``lang``'s notation."""
    loader = jinja2.PackageLoader("coi_graph", "templates")
    if markdown:
        env = jinja2.Environment(loader=loader, autoescape=False,
                                 finalize=lambda v: _md_escape(no_bidi(v)),
                                 trim_blocks=True, lstrip_blocks=True,
                                 undefined=jinja2.StrictUndefined)
        env.filters["raw"] = _Raw
    else:
        env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                                 lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                                 finalize=no_bidi)  # U+202E from the data cannot spoof
    env.filters["eur"] = lambda v: _eur(v, lang)
    env.filters["day"] = lambda v: format_date(v, lang)  # ISO stays in the CSV and JSON
    env.filters["day_short"] = lambda v: format_date(v, lang, short=True)  # under a bar
    return env


def _eur(v: Any, lang: str = "nl") -> str:
    from ..findings import format_eur

    try:
        return format_eur(float(v), lang) if v not in (None, "") else ""
    except (TypeError, ValueError):
        return str(v)


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    markdown: Path
    #: whether the run was found in the workspace: without it the report has no statuses,
    #: trend or declaration figures, and the command says so (the report alone is easy to
    #: pass on unread)
    recorded: bool = True
    #: how many problems ``coi verify`` finds in the workspace's audit trail (the report
    #: says so on top; the command too)
    tampered: int = 0


def render_report(run_dir: str | Path, audience: str = "rvc", lang: str | None = None,
                  out_dir: str | Path | None = None, workspace: Path | None = None,
                  today: dt.date | None = None) -> ReportFiles:
    """Write ``<audience>-report-<lang>.html`` and ``.md`` to ``out_dir`` (default
    ``RUN_DIR/reports``) and return their paths."""
    ctx = build_context(run_dir, audience, lang, workspace, today)
    lang = ctx["meta"]["lang"]
    from ..private_files import private_dir, private_file

    out = Path(out_dir) if out_dir else Path(run_dir) / "reports"
    private_dir(out)  # the audit report names people: the owner's only, as the run folder
    html = _env(False, lang).get_template(f"report_{audience}.html").render(**ctx)
    md = _env(True, lang).get_template(f"report_{audience}.md").render(**ctx)
    files = ReportFiles(out / f"{audience}-report-{lang}.html", out / f"{audience}-report-{lang}.md",
                        recorded=bool(ctx["meta"]["recorded"]),
                        tampered=int(ctx["meta"]["tampered"]))
    for path, text in ((files.html, html), (files.markdown, md)):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        private_file(tmp)
        tmp.replace(path)
    return files
