"""The words of the explore pages, in Dutch (default) and English.

Compliance officers read these pages, not programmers, so every code that reaches the
screen (severity, subject role, declared or not, validity) is turned into words here.
Rule titles and node/edge kind labels are *not* repeated: they come from
:mod:`coi_graph.schema`, the one place that names them.

>>> ui("nl")["severity"]["high"], ui("en")["severity"]["high"]
('hoog', 'high')
>>> validity_text("2020-01-01", None, "nl")
'sinds 2020-01-01'
"""

from __future__ import annotations

import re
from typing import Any

from ..labels import (
    eur_in,
    format_date,
    format_eur,
    DECLARATION_STATUSES,
    declaration_text,
    decision_kind_label,
    link_label_text,
    match_reason_text,
    path_text,
    role_label,
    stored_path_text,
    step_label_text,
    step_text,
)
from ..rules import rule_title
from ..schema import EDGE_KINDS, NODE_KINDS

__all__ = ["LANGS", "ui", "validity_text", "rule_title", "node_kind_label", "edge_kind_label",
           "role_label", "decision_kind_label", "match_reason_text", "link_label_text",
           "step_label_text", "step_text", "declaration_text",
           "match_detail_text", "path_text", "score_reason_text", "detail_text", "detail_entry",
           "node_ref", "reopen_note_text"]

LANGS = ("nl", "en")

_TEXT: dict[str, dict[str, Any]] = {
    "nl": {
        "lang": "nl",
        "app": "coi-graph",
        "index_title": "Bevindingen belangenverstrengeling",
        "overview_title": "Overzichtskaart van alle gemarkeerde verbanden",
        "findings": "Bevindingen",
        "finding": "Bevinding",
        "overview_link": "Overzichtskaart van alle verbanden",
        "index_link": "Terug naar alle bevindingen",
        "total": "Totaal",
        "undeclared_count": "met een niet-gemelde verbinding",
        "scan_of": "Scan van",
        "as_of": "peildatum",
        "version": "versie",
        "inputs": "Gelezen bestanden",
        "rows": "rijen",
        "row": "rij",
        "not_supplied": "Niet aangeleverd: {tables}.",
        "not_checked_rules": "Daardoor niet bekeken: {rules}.",
        "search": "Zoeken",
        "search_placeholder": "naam, besluit, organisatie, afdeling ...",
        "rule": "Regel",
        "severity_col": "Ernst",
        "score": "Score",
        "department": "Afdeling",
        "declared_col": "Gemeld",
        "all": "alle",
        "reset": "Filters wissen",
        "shown": "{shown} van {total} bevindingen getoond",
        "subject": "Medewerker",
        "subject_role": "Rol bij het besluit",
        "counterparty": "Wederpartij",
        "decision": "Besluit",
        "record": "Registerregel",
        "decision_kind": "Soort besluit",
        "date": "Datum",
        "amount": "Bedrag",
        "open": "openen",
        "no_findings": "Deze scan heeft geen bevindingen opgeleverd.",
        "no_match": "Geen bevindingen voldoen aan deze filters.",
        "sort_hint": "Klik op een kolomkop om te sorteren.",
        "severity": {"high": "hoog", "medium": "middel", "low": "laag"},
        "declared": {True: "gemeld", False: "niet gemeld"},
        "declared_long": {
            True: "Alle verbindingen op dit pad staan in het integriteitsregister.",
            False: "Minstens één verbinding op dit pad is niet gemeld: de analyse vond haar zelf.",
        },
        "roles": {"handled_by": "behandelaar", "approved_by": "goedkeurder",
                  "second_approved_by": "tweede goedkeurder", "requested_by": "aanvrager"},
        "roles_verb": {"handled_by": "behandelde het besluit",
                       "approved_by": "keurde het besluit goed",
                       "second_approved_by": "keurde het besluit als tweede goed",
                       "requested_by": "vroeg het besluit aan"},
        "explanation": "Toelichting",
        "path": "Het verband",
        "graph": "Netwerk rond deze bevinding",
        "graph_help": ("Dikke lijnen vormen het verband van de bevinding; gestippelde lijnen zijn "
                       "niet gemeld; lichte knopen zijn omgeving (één stap verder). Klik op een "
                       "lijn of knoop voor de bronregels. Sleep om te verschuiven, scroll om in "
                       "te zoomen."),
        "legend": "Legenda",
        "legend_nodes": "Soorten knopen",
        "legend_edges": "Soorten verbindingen",
        "legend_lines": "Lijnen",
        "line_path": "op het verband van de bevinding",
        "line_declared": "gemeld in het register",
        "line_undeclared": "niet gemeld (door de analyse gevonden)",
        "line_context": "omgeving",
        "steps": "Verbindingen en bronregels",
        "step_from_to": "van {a} naar {b}",
        "source_rows": "Bronregels",
        "validity": "Geldigheid",
        "validity_open": "onbeperkt",
        "since": "sinds {d}",
        "until": "tot {d}",
        "between": "{a} t/m {b}",
        "declared_q": "Gemeld",
        "yes": "ja",
        "no": "nee",
        "match": "Waarom gekoppeld",
        "match_score": "overeenkomst",
        "match_weight": "matchgewicht",
        "match_fuzzy": "bij benadering (initialen of spellingsvariant)",
        "match_exact": "exact",
        "no_match_info": "geen koppeling nodig: de verbinding staat zo in de bron",
        "other_paths": "Andere (ondersteunende) verbanden",
        "no_other_paths": "Geen andere verbanden gevonden.",
        "score_parts": "Opbouw van de score",
        "points": "punten",
        "articles": "Artikelen uit de integriteitscode",
        "no_articles": "Geen artikelen vastgelegd in het beleid.",
        "evidence": "Alle bronregels",
        "details": "Overige gegevens",
        "evidence_hash": "Vingerafdruk van het bewijs",
        "click_hint": "Klik op een lijn of knoop in het netwerk om de details hier te zien.",
        "selected": "Geselecteerd",
        "key": "Sleutel",
        "kind": "Soort",
        "in_findings": "Komt voor in deze bevindingen",
        "context_node": "omgeving (niet op een verband)",
        "truncated": "nog {n} verbindingen niet getoond",
        "derived_edge": "afgeleid uit het besluit",
        "overview_help": ("Alle gemarkeerde verbanden met één stap omgeving. Zoek een naam of "
                          "klik op een knoop om te zien in welke bevindingen die voorkomt."),
        "overview_search": "Zoek een naam of sleutel",
        "overview_stats": "{nodes} knopen, {edges} verbindingen, {components} losse netwerken",
        "overview_stats_one": "{nodes} knopen, {edges} verbindingen, één netwerk",
        "overview_clusters": ("{n} grote netwerken zijn samengevat als één knoop met hun "
                              "grootte, zodat de kaart leesbaar en snel blijft. Klik op zo'n "
                              "knoop voor de bevindingen erin, of zoek een naam."),
        "more_findings": "en nog {n}; filter in de lijst van bevindingen voor de rest",
        "cluster_of": "samengevat netwerk van {n} knopen",
        "overview_static": ("Groot netwerk: de opmaak is vooraf berekend en ligt stil, zodat de "
                            "pagina vlot blijft. Zoom in (scrollen) om namen te lezen."),
        "not_found": "niet gevonden",
        "case_status_col": "Status",
        "statuses": {"open": "open", "in_review": "in behandeling", "explained": "verklaard",
                     "confirmed": "bevestigd", "dismissed": "geseponeerd",
                     "accepted": "geaccepteerd"},
        "status_at_export": "Status van de zaak bij het maken van deze pagina's ({d})",
        "status_tampered": ("Let op: het auditspoor van de werkruimte is buiten coi-graph om "
                            "veranderd ({n} probleem/problemen); deze statussen zijn mogelijk "
                            "niet de vastgelegde. `coi verify` noemt elke veranderde rij."),
        "reopened": "heropend: het bewijs is veranderd sinds het besluit",
        "rows_skipped": "Overgeslagen rijen (niet gebruikt)",
        "pages": "Pagina's",
        "page_prev": "Vorige",
        "page_next": "Volgende",
        "page_of": "pagina {page} van {pages}",
        "fit": "Alles tonen",
        "noscript": "Voor het netwerk is JavaScript nodig; de tabellen hieronder werken zonder.",
        "pages_top": "Pagina's (boven de tabel)",
        "pages_bottom": "Pagina's (onder de tabel)",
        "finding_nav": "Door de bevindingen bladeren",
        "prev_finding": "Vorige bevinding",
        "next_finding": "Volgende bevinding",
        "finding_pos": "bevinding {i} van {n} (op score)",
        "show_step": "Toon deze verbinding in het netwerk",
        "possible_mark": "mogelijk",
        "line_possible": "mogelijk dezelfde persoon (te beoordelen)",
        "steps_region": "Verbindingen van deze bevinding",
        "decisions_of": "{n} besluiten bij {name}",
        "overview_decisions": ("De besluiten bij eenzelfde organisatie of woningzoekende zijn "
                               "samengevat als één knoop met hun aantal ({n} keer), zodat het "
                               "netwerk van mensen eromheen zichtbaar blijft. Klik op "
                               "zo'n knoop voor de bevindingen erin, of zoek een besluit."),
    },
    "en": {
        "lang": "en",
        "app": "coi-graph",
        "index_title": "Conflict-of-interest findings",
        "overview_title": "Overview map of all flagged links",
        "findings": "Findings",
        "finding": "Finding",
        "overview_link": "Overview map of all links",
        "index_link": "Back to all findings",
        "total": "Total",
        "undeclared_count": "with an undeclared link",
        "scan_of": "Scan of",
        "as_of": "reference date",
        "version": "version",
        "inputs": "Files read",
        "rows": "rows",
        "row": "row",
        "not_supplied": "Not supplied: {tables}.",
        "not_checked_rules": "So not checked: {rules}.",
        "search": "Search",
        "search_placeholder": "name, decision, organization, department ...",
        "rule": "Rule",
        "severity_col": "Severity",
        "score": "Score",
        "department": "Department",
        "declared_col": "Declared",
        "all": "all",
        "reset": "Clear filters",
        "shown": "{shown} of {total} findings shown",
        "subject": "Employee",
        "subject_role": "Role in the decision",
        "counterparty": "Counterparty",
        "decision": "Decision",
        "record": "Register row",
        "decision_kind": "Kind of decision",
        "date": "Date",
        "amount": "Amount",
        "open": "open",
        "no_findings": "This scan produced no findings.",
        "no_match": "No findings match these filters.",
        "sort_hint": "Click a column heading to sort.",
        "severity": {"high": "high", "medium": "medium", "low": "low"},
        "declared": {True: "declared", False: "undeclared"},
        "declared_long": {
            True: "Every link on this path is in the integrity register.",
            False: "At least one link on this path was not declared: the analysis found it.",
        },
        "roles": {"handled_by": "handler", "approved_by": "approver",
                  "second_approved_by": "second approver", "requested_by": "requester"},
        "roles_verb": {"handled_by": "handled the decision",
                       "approved_by": "approved the decision",
                       "second_approved_by": "approved the decision as second approver",
                       "requested_by": "requested the decision"},
        "explanation": "Explanation",
        "path": "The link",
        "graph": "Network around this finding",
        "graph_help": ("Thick lines form the finding's link; dashed lines were not declared; "
                       "faded nodes are context (one step further). Click a line or node for "
                       "its source rows. Drag to pan, scroll to zoom."),
        "legend": "Legend",
        "legend_nodes": "Kinds of node",
        "legend_edges": "Kinds of link",
        "legend_lines": "Lines",
        "line_path": "on the finding's link",
        "line_declared": "declared in the register",
        "line_undeclared": "undeclared (found by the analysis)",
        "line_context": "context",
        "steps": "Links and source rows",
        "step_from_to": "from {a} to {b}",
        "source_rows": "Source rows",
        "validity": "Validity",
        "validity_open": "no limit",
        "since": "since {d}",
        "until": "until {d}",
        "between": "{a} to {b}",
        "declared_q": "Declared",
        "yes": "yes",
        "no": "no",
        "match": "Why matched",
        "match_score": "similarity",
        "match_weight": "match weight",
        "match_fuzzy": "approximate (initials or a spelling variant)",
        "match_exact": "exact",
        "no_match_info": "no matching needed: the link is in the source as such",
        "other_paths": "Other (supporting) links",
        "no_other_paths": "No other links found.",
        "score_parts": "How the score is made up",
        "points": "points",
        "articles": "Articles of the integrity code",
        "no_articles": "No articles recorded in the policy.",
        "evidence": "All source rows",
        "details": "Other details",
        "evidence_hash": "Fingerprint of the evidence",
        "click_hint": "Click a line or node in the network to see its details here.",
        "selected": "Selected",
        "key": "Key",
        "kind": "Kind",
        "in_findings": "Appears in these findings",
        "context_node": "context (not on a link)",
        "truncated": "{n} more links not shown",
        "derived_edge": "derived from the decision",
        "overview_help": ("All flagged links with one step of context. Search a name or click a "
                          "node to see the findings it appears in."),
        "overview_search": "Search a name or key",
        "overview_stats": "{nodes} nodes, {edges} links, {components} separate networks",
        "overview_stats_one": "{nodes} nodes, {edges} links, one network",
        "overview_clusters": ("{n} large networks are summarised as one node with their "
                              "size, so the map stays readable and fast. Click such a node for "
                              "the findings in it, or search a name."),
        "more_findings": "and {n} more; filter the list of findings for the rest",
        "cluster_of": "summarised network of {n} nodes",
        "overview_static": ("Large network: the layout is precomputed and static, so the page "
                            "stays responsive. Zoom in (scroll) to read names."),
        "not_found": "not found",
        "case_status_col": "Status",
        "statuses": {"open": "open", "in_review": "in review", "explained": "explained",
                     "confirmed": "confirmed", "dismissed": "dismissed",
                     "accepted": "accepted"},
        "status_at_export": "Case status when these pages were made ({d})",
        "status_tampered": ("Warning: the audit trail of the workspace was changed outside "
                            "coi-graph ({n} problem(s)); these statuses may not be the ones "
                            "recorded. `coi verify` names each changed row."),
        "reopened": "reopened: the evidence changed since the decision",
        "rows_skipped": "Rows skipped (not used)",
        "pages": "Pages",
        "page_prev": "Previous",
        "page_next": "Next",
        "page_of": "page {page} of {pages}",
        "fit": "Show all",
        "noscript": "The network needs JavaScript; the tables below work without it.",
        "pages_top": "Pages (above the table)",
        "pages_bottom": "Pages (below the table)",
        "finding_nav": "Page through the findings",
        "prev_finding": "Previous finding",
        "next_finding": "Next finding",
        "finding_pos": "finding {i} of {n} (by score)",
        "show_step": "Show this link in the network",
        "possible_mark": "possible",
        "line_possible": "possibly the same person (to be reviewed)",
        "steps_region": "Links of this finding",
        "decisions_of": "{n} decisions with {name}",
        "overview_decisions": ("The decisions with one organization or applicant are "
                               "summarised as one node with their number ({n} times), so the "
                               "network of people around them stays visible. Click such "
                               "a node for the findings in it, or search a decision."),
    },
}


def ui(lang: str) -> dict[str, Any]:
    """The UI strings of one language (``nl`` or ``en``)."""
    if lang not in _TEXT:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return _TEXT[lang]


def node_kind_label(code: str, lang: str) -> str:
    k = NODE_KINDS.get(code)
    if k is None:
        return code
    return k.label_nl if lang == "nl" else k.label_en


def edge_kind_label(code: str, lang: str) -> str:
    k = EDGE_KINDS.get(code)
    if k is None:
        return code
    return k.label_nl if lang == "nl" else k.label_en


def score_reason_text(part: dict[str, Any], lang: str) -> str:
    """One line of a score's make-up in the reader's language: the scan gives the Dutch
    (``reason_nl``) and English (``reason``); a rule code in the English becomes its title."""
    if lang == "nl" and part.get("reason_nl"):
        return str(part["reason_nl"])
    reason = str(part.get("reason") or "")
    m = re.match(r"^base score of ([a-z_]+)$", reason)
    if m:
        return ("basisscore: " if lang == "nl" else "base score: ") + rule_title(m.group(1), lang)
    return eur_in(reason, lang)


#: The keys of a finding's ``details`` (coi_graph.rules.detect) as a reader names them.
_DETAIL_LABELS = {
    "gifts_in_window": ("geschenken binnen de termijn", "gifts within the window"),
    "gift_value_eur": ("waarde van die geschenken (EUR)", "value of those gifts (EUR)"),
    "window_days": ("termijn (dagen)", "window (days)"),
    "status": ("status van de melding", "status of the declaration"),
    "value_eur": ("waarde (EUR)", "value (EUR)"),
    "min_amount_eur": ("vanaf bedrag (EUR)", "from amount (EUR)"),
    "rank": ("plaats op de kandidatenlijst", "rank on the candidate list"),
    "basis": ("grondslag van de toewijzing", "basis of the allocation"),
    "total_eur": ("samen (EUR)", "together (EUR)"),
    "limit_eur": ("mandaat (EUR)", "mandate (EUR)"),
    "limit_source": ("mandaat volgens", "mandate from"),
    "via": ("via", "via"),
    "network_id": ("leveranciersnetwerk", "supplier network"),
    "members": ("leden van het netwerk", "members of the network"),
    "ties": ("verbindingen in het netwerk", "ties in the network"),
    "decisions": ("besluiten", "decisions"),
}
_BASES = {"list": ("via de kandidatenlijst", "by the candidate list"),
          "urgency": ("urgentie", "urgency"), "direct": ("directe bemiddeling", "direct"),
          "other": ("overig", "other")}
_TIE_KINDS = {"officer": ("gedeelde KvK-functionaris", "shared KvK officer"),
              "holding": ("holding", "holding")}


def detail_entry(key: str, value: Any, lang: str) -> tuple[str, str]:
    """A ``details`` entry as (label, text) in the reader's language, structured values
    (a network's members and ties, the decisions a finding cites) written out as a reader
    would, never as raw data with English keys.

    >>> detail_entry("ties", [{"a_label": "A B.V.", "b_label": "B B.V.", "kind": "identifier",
    ...     "via": "phone:+31201234567", "via_label": "+31201234567"}], "nl")
    ('verbindingen in het netwerk', 'A B.V. – B B.V.: telefoon +31201234567')
    """
    import json

    nl = lang == "nl"
    if key == "members" and isinstance(value, list):
        text = "; ".join(str(m.get("name") or m.get("key")) if isinstance(m, dict) else str(m)
                         for m in value)
    elif key == "ties" and isinstance(value, list):
        parts = []
        for t in value:
            if not isinstance(t, dict):
                continue
            kind = str(t.get("kind") or "")
            if kind == "identifier":
                word = node_kind_label(str(t.get("via") or "").partition(":")[0], lang).lower()
            else:
                word = _TIE_KINDS.get(kind, (kind, kind))[0 if nl else 1]
            via = str(t.get("via_label") or "")
            parts.append(f"{t.get('a_label')} – {t.get('b_label')}: {word}"
                         + (f" {via}" if via else ""))
        text = "; ".join(parts)
    elif key == "decisions" and isinstance(value, list):
        text = "; ".join(f"{d.get('decision_id')} ({d.get('date')})" if isinstance(d, dict)
                         else str(d) for d in value)
    elif key == "basis":
        text = _BASES.get(str(value), (str(value), str(value)))[0 if nl else 1]
    elif key == "limit_source" and value == "policy":
        text = "beleid (standaardgrens)" if nl else "policy (default limit)"
    elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = "" if value is None else str(value)
    return detail_text(key, text, lang)


def detail_text(key: str, value: str, lang: str) -> tuple[str, str]:
    """A ``details`` entry as (label, value) in the reader's language; a key this version
    does not know is shown as written."""
    nl = lang == "nl"
    label = _DETAIL_LABELS.get(key, (key, key))[0 if nl else 1]
    if key == "status" and nl:  # a declaration status code (the English word) in Dutch
        value = DECLARATION_STATUSES[value][0] if value in DECLARATION_STATUSES else value
    return label, value


def node_ref(key: str, lang: str) -> str:
    """A node key as a reader reads it: ``organization:O1`` -> ``organisatie O1``."""
    kind, _, ident = key.partition(":")
    return f"{node_kind_label(kind, lang)} {ident}" if ident and kind in NODE_KINDS else key


#: The parts of the note a scan records when it reopens a closed case
#: (:func:`coi_graph.outputs.workspace.describe_change`, kept in English in the append-only
#: workspace), in each language: (English pattern, Dutch, English).  ``{key}`` is a source
#: row (``contracts C0002116``, ``gifts line 13``), ``{x}`` any text.
_REOPEN_PARTS: list[tuple[re.Pattern[str], str, str]] = [(re.compile(p), nl, en) for p, nl, en in [
    (r"the finding's evidence differs from the evidence it was closed on",
     "het bewijs van de bevinding verschilt van het bewijs waarop ze werd gesloten",
     "the finding's evidence differs from the evidence it was closed on"),
    (r"now declared in the register", "nu gemeld in het register",
     "now declared in the register"),
    (r"a link on the path is no longer declared",
     "een verbinding op het pad is niet meer gemeld", "a link on the path is no longer declared"),
    (r"(?P<key>.+) added to the evidence", "{key} toegevoegd aan het bewijs",
     "{key} added to the evidence"),
    (r"(?P<key>.+) no longer in the evidence", "{key} niet meer in het bewijs",
     "{key} no longer in the evidence"),
    (r"evidence rows added: (?P<x>.+)", "bewijsrijen toegevoegd: {x}", "evidence rows added: {x}"),
    (r"evidence rows gone: (?P<x>.+)", "bewijsrijen verdwenen: {x}", "evidence rows gone: {x}"),
    (r"severity (?P<a>\w+) -> (?P<b>\w+)", "ernst {a} -> {b}", "severity {a} -> {b}"),
    (r"the content of the evidence rows changed \((?P<x>.*)\)",
     "de inhoud van de bewijsrijen is veranderd ({x})",
     "the content of the evidence rows changed ({x})"),
    (r"(?P<key>\w+ (?:line \d+|\S+)): (?P<changes>.+)", "{key}: {changes}", "{key}: {changes}"),
]]
_REOPEN_NOTE = re.compile(r"evidence changed since (?P<status>\w+) on (?P<date>\d{4}-\d\d-\d\d): "
                          r"(?P<what>.*)", re.DOTALL)
_REOPEN_WORDS = {"nl": {"note": "bewijs veranderd sinds {status} op {date}: {what}",
                        "path": "pad nu: {path}", "line": "regel", "changed": "veranderd",
                        "empty": "(leeg)", "severity": {"high": "hoog", "medium": "middel",
                                                        "low": "laag"}},
                 "en": {"note": "evidence changed since {status} on {date}: {what}",
                        "path": "path now: {path}", "line": "line", "changed": "changed",
                        "empty": "(empty)", "severity": {}}}


def reopen_note_text(note: str, lang: str) -> str:
    """The note a scan recorded when it reopened a closed case, in the reader's language.

    The workspace keeps the note as the scan wrote it (English, append-only), so the reader's
    language is made here, where the note is shown (``coi cases``, the audit report, ``coi
    serve``); the path in it is rendered as :func:`stored_path_text` renders stored paths.
    A note of another form (typed by a person) is shown as written.

    Dates and amounts are written as the language writes them (the note keeps ISO dates and
    plain numbers): ``amount_eur 2450 -> 2950`` reads ``amount_eur EUR 2.450 -> EUR 2.950``.

    >>> reopen_note_text("evidence changed since explained on 2026-12-01: contracts C1: "
    ...                  "amount_eur 38500 -> (empty), org_id changed; severity high -> medium", "nl")
    'bewijs veranderd sinds verklaard op 1 december 2026: contracts C1: amount_eur EUR 38.500 -> (leeg), org_id veranderd; ernst hoog -> middel'
    >>> reopen_note_text("evidence changed since explained on 2026-12-01: contracts C1: "
    ...                  "amount_eur 2450 -> 2950.5, decision_date 2024-03-01 -> 2024-04-02", "en")
    'evidence changed since explained on 1 December 2026: contracts C1: amount_eur EUR 2,450 -> EUR 2,950.50, decision_date 1 March 2024 -> 2 April 2024'
    """
    m = _REOPEN_NOTE.fullmatch(note or "")
    if m is None or lang not in _REOPEN_WORDS:
        return note
    words = _REOPEN_WORDS[lang]
    # describe_change's order: rows and declarations, then "path now: ..." (a name in the
    # path may hold "; "), then the severity; so the path runs to "; severity " or the end
    what = m["what"]
    before, sep, after = what.partition("path now: ")
    if sep and (not before or before.endswith("; ")):
        path, _, sev = after.partition("; severity ")
        parts = [_reopen_part(p, words, lang) for p in before[:-2].split("; ") if p]
        parts.append(words["path"].format(path=stored_path_text(path, lang)))
        if sev:
            parts.append(_reopen_part("severity " + sev, words, lang))
    else:
        parts = [_reopen_part(p, words, lang) for p in what.split("; ") if p]
    status = ui(lang)["statuses"].get(m["status"], m["status"])
    return words["note"].format(status=status, date=format_date(m["date"], lang),
                                what="; ".join(parts))


def _reopen_part(part: str, words: dict[str, Any], lang: str) -> str:
    for pattern, nl, en in _REOPEN_PARTS:
        m = pattern.fullmatch(part)
        if m is None:
            continue
        values = m.groupdict()
        if "key" in values:
            values["key"] = re.sub(r"^(\w+) line (\d+)$", rf"\1 {words['line']} \2",
                                   values["key"])
        if "changes" in values:
            values["changes"] = _column_changes(values["changes"], words, lang)
        for k in ("a", "b"):
            if k in values:
                values[k] = words["severity"].get(values[k], values[k])
        return (nl if lang == "nl" else en).format(**values)
    return part


#: ``column old -> new`` in a reopen note's row changes, a value being a number, an ISO date
#: or ``(empty)`` (the ones :func:`_column_changes` writes in the reader's notation)
_VALUE_CHANGE = re.compile(r"(?:(?<=^)|(?<=, ))(?P<col>\w+) (?P<a>\S+) -> (?P<b>\S+)(?=, |$)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _column_changes(text: str, words: dict[str, Any], lang: str) -> str:
    """``amount_eur 38500 -> (empty), org_id changed`` with its words in the reader's
    language; column names stay as written (they are the contract's), an amount or a date
    is written as the language writes it (``EUR 38.500``, ``1 december 2026``)."""
    def value(col: str, v: str) -> str:
        if col.endswith("_eur") and _NUMBER.fullmatch(v):
            return format_eur(float(v), lang)
        return format_date(v, lang) if _ISO_DAY.fullmatch(v) else v

    text = _VALUE_CHANGE.sub(lambda m: f"{m['col']} {value(m['col'], m['a'])} -> "
                                       f"{value(m['col'], m['b'])}", text)
    text = re.sub(r"(?:(?<=^)|(?<=, ))(\w+) changed(?=, |$)", rf"\1 {words['changed']}", text)
    return text.replace("(empty)", words["empty"])


#: The comparison details of ``coi_graph.match.records`` (stable English phrases around quoted
#: values) in Dutch, applied in order; the quoted names, dates and scores are kept.
_MATCH_DETAIL_NL: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"surname (.+?) differs from (.+?)(?=;|$)", r"achternaam \1 verschilt van \2"),
    (r"surname '([^']*)' = '([^']*)'", r"achternaam '\1' = '\2'"),
    (r"\(tussenvoegsel (.+?) vs (.+?)\)", r"(tussenvoegsel \1 tegenover \2)"),
    (r"given names missing on both sides", "voornamen ontbreken aan beide kanten"),
    (r"given names missing on one side", "voornamen ontbreken aan één kant"),
    (r"first initial '([^']*)' differs from '([^']*)'", r"eerste voorletter '\1' verschilt van '\2'"),
    (r"initials '([^']*)' and '([^']*)' do not fit", r"voorletters '\1' en '\2' passen niet"),
    (r"initials '([^']*)' fit '([^']*)'", r"voorletters '\1' passen bij '\2'"),
    (r"initial '([^']*)' fits '([^']*)'", r"voorletter '\1' past bij '\2'"),
    (r"given name '([^']*)' is part of '([^']*)'", r"voornaam '\1' is deel van '\2'"),
    (r"given name '([^']*)' ~ '([^']*)' \(spelling variant, ([\d.]+)\)",
     r"voornaam '\1' ~ '\2' (spellingsvariant, \3)"),
    (r"given name '([^']*)' differs from '([^']*)'", r"voornaam '\1' verschilt van '\2'"),
    (r"given name '([^']*)' = '([^']*)'", r"voornaam '\1' = '\2'"),
    (r"birth date missing on both sides", "geboortedatum ontbreekt aan beide kanten"),
    (r"birth date missing on the probe side", "geboortedatum ontbreekt bij de gezochte persoon"),
    (r"birth date missing on the reference side", "geboortedatum ontbreekt bij de bekende persoon"),
    (r"birth date (\S+) on both", r"geboortedatum \1 bij beide"),
    (r"address (\S+) on both", r"adres \1 bij beide"),
    (r"KvK (\S+) not in the vendor master", r"KvK \1 staat niet in het leveranciersbestand"),
    (r"no name or KvK number", "geen naam of KvK-nummer"),
    (r"name '([^']*)' is ambiguous", r"naam '\1' is niet eenduidig"),
    (r"name '([^']*)' not found", r"naam '\1' niet gevonden"),
    (r"name '([^']*)' ~ '([^']*)'", r"naam '\1' ~ '\2'"),
    (r"name '([^']*)' = ", r"naam '\1' = "),
]]


def match_detail_text(detail: str, lang: str, features: Any = None, band: Any = None,
                      judgement: Any = None) -> str:
    """How two records were compared, in the reader's language.

    A scored match carries ``features`` (codes and values): those are worded here by
    :mod:`coi_graph.match.explain`, with the band and a reviewer's judgement; the English
    ``detail`` is only the fallback for older findings.

    >>> match_detail_text("surname 'vries' = 'vries'; initial 'j' fits 'jan'; "
    ...                   "birth date 1970-02-01 on both", "nl")
    "achternaam 'vries' = 'vries'; voorletter 'j' past bij 'jan'; geboortedatum 1970-02-01 bij beide"
    """
    if isinstance(features, list) and features:
        from ..match.explain import band_text, explain, judgement_text

        parts = [explain(features, lang)]
        if band == "possible":
            parts.insert(0, band_text("possible", lang))
        if isinstance(judgement, dict) and judgement:
            parts.append(judgement_text(judgement, lang))
        return "; ".join(parts)
    if lang != "nl" or not detail:
        return detail
    parts = [_feature_nl(p) for p in detail.split("; ")]
    if all(p is not None for p in parts):
        return "; ".join(p for p in parts if p is not None)
    for pattern, repl in _MATCH_DETAIL_NL:
        detail = pattern.sub(repl, detail)
    return detail


_FEATURE_PATTERNS: list[tuple[re.Pattern[str], str]] = []


def _feature_nl(part: str) -> str | None:
    """One phrase of a scored match's English ``detail`` (as graph.json's context edges
    keep it, without the features: ``surname X = Y (+8)``) in Dutch, from the catalogue of
    :mod:`coi_graph.match.explain` read backwards; None when no phrase of it fits.  Without
    this a Dutch overview showed some matches' reasons in English.

    >>> _feature_nl("given names E / Evelien: the initials fit (+4)")
    'voornamen E / Evelien: de initialen passen (+4)'
    """
    if not _FEATURE_PATTERNS:
        from ..match.explain import TEXTS

        for en, nl in TEXTS.values():
            rx = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(en))
            _FEATURE_PATTERNS.append((re.compile(rx + r" \((?P<_w>[+-][\d.e+-]+)\)"), nl))
    for rx, nl in _FEATURE_PATTERNS:
        m = rx.fullmatch(part)
        if m:
            values = {k: v for k, v in m.groupdict().items() if k != "_w"}
            try:
                return nl.format(**values) + f" ({m['_w']})"
            except (KeyError, IndexError, ValueError):
                return None
    return None


def match_score_text(match: Any, lang: str) -> tuple[str, str]:
    """(label, value) of a match's score for the side panels, ``("", "")`` without one.

    Two records of one person carry the total of their comparison's weights (``26``, the
    match threshold 20 by default: ``features`` or ``band`` say so); an organization's name
    a similarity from 0 to 1, shown in per cent.

    >>> match_score_text({"score": 26.0, "band": "match", "fuzzy": False}, "nl")
    ('matchgewicht', '26 · exact')
    >>> match_score_text({"score": 18.5, "features": [{}], "fuzzy": True}, "en")
    ('match weight', '18.5 · approximate (initials or a spelling variant)')
    >>> match_score_text({"score": 0.95, "fuzzy": True}, "nl")[1][:3]
    '95%'
    """
    score = match.get("score") if isinstance(match, dict) else None
    if not isinstance(score, (int, float)) or isinstance(score, bool) or score != score:
        return "", ""
    t = ui(lang)
    how = t["match_fuzzy"] if match.get("fuzzy") else t["match_exact"]
    if match.get("band") or match.get("features"):
        value = f"{round(float(score), 1):g}"
        return t["match_weight"], f"{value.replace('.', ',') if lang == 'nl' else value} · {how}"
    return t["match_score"], f"{round(float(score) * 100)}% · {how}"


def validity_text(valid_from: str | None, valid_until: str | None, lang: str) -> str:
    """A link's validity as words: empty when it has no limits (the common case for family)."""
    t = ui(lang)
    if valid_from and valid_from == valid_until:
        return str(valid_from)
    if valid_from and valid_until:
        return t["between"].format(a=valid_from, b=valid_until)
    if valid_from:
        return t["since"].format(d=valid_from)
    if valid_until:
        return t["until"].format(d=valid_until)
    return ""
