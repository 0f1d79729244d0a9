"""Words of link labels that the scan writes and the pages render: one vocabulary for both.

The graph stores what a link is as codes (:data:`coi_graph.links.LABEL_CODES`: a family
relation, a match reason, a decision's kind and date, a declaration's kind and status) and
``findings.csv``, the pages and the reports render them in Dutch or English from here, so the
Dutch on a page is the Dutch in the CSV and no output mixes codes into its sentences.  Imports
only :mod:`coi_graph.schema` (dataclasses): the scan and the light commands both load it.

>>> declaration_text("financial_interest", "aandeelhouder", "approved", "nl")
'aandeelhouder (financieel belang, goedgekeurd)'
>>> declaration_text("side_function", None, "pending", "en")
'side function (pending)'
>>> step_label_text("family", "relation", {"relation": "child"}, "child", "nl")
'kind'
"""

from __future__ import annotations

import os
import re
from typing import Any

from .schema import ROLE_LABELS

__all__ = ["DECLARATION_KINDS", "DECLARATION_STATUSES", "DECISION_KINDS_NL", "DECISION_KINDS_EN",
           "declaration_text", "format_date", "format_eur", "format_count", "in_dutch_notation", "eur_in", "role_label", "decision_kind_label",
           "match_reason_text", "link_label_text", "step_label_text", "step_text", "path_text",
           "stored_path_text", "LANG_VAR", "lang_code", "env_lang", "TABLE_LABELS", "table_label"]

#: The environment variable that sets the language of every output (``--lang`` wins).
LANG_VAR = "COI_LANG"

_LANG_WORDS = {"english": "en", "engels": "en", "dutch": "nl", "nederlands": "nl"}


def lang_code(value: str | None) -> str | None:
    """``'nl'`` or ``'en'`` for a language as people and locales write it, else None.

    Why: ``COI_LANG`` is often set from a locale (``en_US.UTF-8``, ``nl-NL``); read as
    is, such a value quietly gave Dutch.

    >>> [lang_code(v) for v in ("en_US.UTF-8", " NL ", "nl-NL", "English", "fr_FR", None)]
    ['en', 'nl', 'nl', 'en', None, None]
    """
    if not value:
        return None
    head = re.split(r"[._@-]", value.strip().lower(), maxsplit=1)[0]
    head = _LANG_WORDS.get(head, head)
    return head if head in ("nl", "en") else None


def env_lang() -> str | None:
    """The language ``$COI_LANG`` names (see :func:`lang_code`), or None."""
    return lang_code(os.environ.get(LANG_VAR))

#: Declaration kinds and statuses of the data contract, (Dutch, English).
DECLARATION_KINDS: dict[str, tuple[str, str]] = {
    "financial_interest": ("financieel belang", "financial interest"),
    "side_function": ("nevenfunctie", "side function"),
    "own_business": ("eigen bedrijf", "own business"),
    "position": ("functie", "position"),
    "private_transaction": ("privétransactie", "private transaction"),
    "other": ("overig belang", "other interest"),
}
DECLARATION_STATUSES: dict[str, tuple[str, str]] = {
    "approved": ("goedgekeurd", "approved"), "pending": ("in behandeling", "pending"),
    "rejected": ("afgewezen", "rejected"), "withdrawn": ("ingetrokken", "withdrawn"),
}


def declaration_text(kind: str, position: str | None, status: str, lang: str) -> str:
    """A declaration link in one language; codes this version does not know are shown as
    written."""
    i = 0 if lang == "nl" else 1
    what = DECLARATION_KINDS[kind][i] if kind in DECLARATION_KINDS else kind
    state = DECLARATION_STATUSES[status][i] if status in DECLARATION_STATUSES else status
    return f"{position} ({what}, {state})" if position else f"{what} ({state})"


def format_eur(amount: float | None, lang: str = "nl") -> str:
    """Money as the reader writes it: Dutch ``EUR 48.000`` or ``EUR 1.234,56``, English
    ``EUR 48,000`` or ``EUR 1,234.56``.  Dutch is the default because what the scan stores
    (findings.json, the rules' texts, the workspace's labels) is written once, in Dutch
    notation; pages, reports and the CSV's ``path`` pass the run's language.

    >>> format_eur(48000), format_eur(1234.5), format_eur(1234.5, "en")
    ('EUR 48.000', 'EUR 1.234,50', 'EUR 1,234.50')
    """
    if amount is None:
        return ""
    if float(amount).is_integer():
        s = f"{int(amount):,}"
    else:
        s = f"{amount:,.2f}"
    return f"EUR {in_dutch_notation(s) if lang == 'nl' else s}"


_MONTHS = {"nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli",
                   "augustus", "september", "oktober", "november", "december"),
           "en": ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")}


_MONTHS_SHORT = {"nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
                         "nov", "dec"),
                 "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                        "Nov", "Dec")}


def format_date(value: Any, lang: str = "nl", short: bool = False) -> str:
    """A date as the reader writes it, for the pages and reports a person reads: Dutch
    ``1 december 2026``, English ``1 December 2026`` (the month in words, so neither reader
    has to guess whether 01-12 is January or December).  ``value`` is a date or ISO text
    (a timestamp's time is left off); anything else is returned as given.  CSV and JSON
    keep ISO: a program reads them.  ``short`` abbreviates the month (``1 dec 2026``) where
    room is scarce, as under a chart's bars.

    >>> format_date("2026-12-01"), format_date("2026-03-09T10:00:00+00:00", "en")
    ('1 december 2026', '9 March 2026')
    >>> format_date("2026-03-09", "nl", short=True)
    '9 mrt 2026'
    """
    text = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if m is None or not 1 <= int(m[2]) <= 12:
        return text
    months = (_MONTHS_SHORT if short else _MONTHS)["en" if lang == "en" else "nl"]
    return f"{int(m[3])} {months[int(m[2]) - 1]} {m[1]}"


def in_dutch_notation(number: str) -> str:
    """A number Python wrote the English way (``f"{n:,.2f}"``) with Dutch marks: a dot
    between the thousands, a decimal comma.

    >>> in_dutch_notation("1,234,567.5")
    '1.234.567,5'
    """
    return number.replace(",", "_").replace(".", ",").replace("_", ".")


def format_count(n: object, lang: str = "nl") -> str:
    """A count as the reader writes it: Dutch ``960.031``, English ``960,031``; what is no
    whole number (an empty cell) as it is.

    >>> format_count(960031), format_count(960031, "en"), format_count(""), format_count(12)
    ('960.031', '960,031', '', '12')
    """
    if isinstance(n, bool) or not isinstance(n, int):
        return "" if n is None else str(n)
    return in_dutch_notation(f"{n:,}") if lang == "nl" else f"{n:,}"


#: An amount as :func:`format_eur` writes it in Dutch (in a stored label).
_EUR_NL = re.compile(r"EUR (\d{1,3}(?:\.\d{3})*)(?:,(\d{2}))?\b")


def eur_in(text: str, lang: str) -> str:
    """The Dutch amounts in a stored text (a label ``rental 2024-03-01, EUR 1.234,50``, a
    rule's English explanation or score reason, which the scan writes with
    :func:`format_eur`'s Dutch notation) in the reader's notation.

    >>> eur_in("2024-03-01, EUR 1.234,50", "en"), eur_in("2024-03-01, EUR 900", "en")
    ('2024-03-01, EUR 1,234.50', '2024-03-01, EUR 900')
    """
    if lang == "nl" or not text:
        return text

    def one(m: re.Match[str]) -> str:
        whole = int(m.group(1).replace(".", ""))
        return format_eur(whole + int(m.group(2)) / 100 if m.group(2) else whole, lang)
    return _EUR_NL.sub(one, text)


def role_label(role: str, lang: str) -> str:
    """``handled_by`` -> ``behandelaar``; several roles of one person (``handled_by+approved_by``,
    a self-approved decision) each in the reader's language."""
    i = 0 if lang == "nl" else 1
    return " + ".join(ROLE_LABELS[r][i] if r in ROLE_LABELS else r for r in role.split("+"))


#: The data contract's tables as a reader who never saw the contract names them (the board's
#: report says which were not supplied; codes such as ``mandates`` mean nothing there).
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "employees": ("medewerkers", "staff"),
    "relatives": ("familieleden", "relatives"),
    "organizations": ("leveranciers en andere zakelijke relaties",
                      "suppliers and other business relations"),
    "declarations": ("integriteitsregister (meldingen van belangen en nevenfuncties)",
                     "integrity register (declared interests and side functions)"),
    "officers": ("KvK-functionarissen van zakelijke relaties",
                 "KvK officers of business relations"),
    "contracts": ("contracten, inkooporders en facturen", "contracts, purchase orders and invoices"),
    "allocations": ("woningtoewijzingen", "housing allocations"),
    "mandates": ("inkoopmandaten", "purchasing mandates"),
    "gifts": ("geschenkenregister", "gift register"),
}


def table_label(table: str, lang: str) -> str:
    """A contract table in the reader's words (an unknown name as itself).

    >>> table_label("mandates", "nl"), table_label("mandates", "en")
    ('inkoopmandaten', 'purchasing mandates')
    """
    words = TABLE_LABELS.get(table)
    return words[0 if lang == "nl" else 1] if words else table


#: The data contract's decision kinds, as a Dutch officer names them.
DECISION_KINDS_NL = {
    "contract": "contract", "purchase_order": "inkooporder", "invoice": "factuur",
    "tender_award": "gunning", "rental": "verhuring", "urgency": "urgentieverklaring",
    "sale": "verkoop", "priority": "voorrang", "other": "overig besluit",
}
DECISION_KINDS_EN = {
    "contract": "contract", "purchase_order": "purchase order", "invoice": "invoice",
    "tender_award": "tender award", "rental": "rental", "urgency": "urgency decision",
    "sale": "sale", "priority": "priority", "other": "other decision",
}
#: Match reasons of ``coi_graph.match.records`` (stable strings) in Dutch; the numeric detail
#: that follows a reason (``similar name (0.93)``) is kept.
_MATCH_REASONS_NL = {
    "same name + birth date": "zelfde naam + geboortedatum",
    "same name + address": "zelfde naam + adres",
    "same name + identifier": "zelfde naam + IBAN, e-mail of telefoon",
    "possible same person": "mogelijk dezelfde persoon",
    "confirmed by a reviewer": "bevestigd door een beoordelaar",
    "same KvK number": "zelfde KvK-nummer",
    "same name": "zelfde naam",
    "similar name": "vergelijkbare naam",
    "same name but for a place name": "zelfde naam op een plaatsnaam na",
    "no match": "geen koppeling",
}


#: The data contract's family relations in Dutch.
_RELATIONS_NL = {
    "partner": "partner", "parent": "ouder", "child": "kind", "grandparent": "grootouder",
    "grandchild": "kleinkind", "sibling": "broer of zus", "parent_in_law": "schoonouder",
    "child_in_law": "schoonzoon of -dochter", "sibling_in_law": "zwager of schoonzus",
    "household_member": "huisgenoot", "other": "overig familielid",
}


#: Words the scan bakes into link labels in Dutch (coi_graph.graph.build), with their English.
_IDENTIFIER_WORDS = {"adres": "address", "telefoon": "phone", "e-mail": "e-mail",
                     "IBAN": "IBAN"}
_DECLARATION_WHAT = {"financieel belang": "financial interest", "nevenfunctie": "side function",
                     "eigen bedrijf": "own business", "functie": "position",
                     "privétransactie": "private transaction",
                     "overig belang": "other interest"}
_DECLARATION_STATE = {"goedgekeurd": "approved", "in behandeling": "pending",
                      "afgewezen": "rejected", "ingetrokken": "withdrawn"}
#: The data contract's gift kinds.
_GIFT_KINDS = {"gift": ("geschenk", "gift"), "invitation": ("uitnodiging", "invitation"),
               "meal": ("maaltijd", "meal"), "event": ("evenement", "event"),
               "trip": ("reis", "trip"), "money": ("geld", "money"),
               "other": ("overig", "other")}
_DECL_RE = re.compile(r"^(?:(?P<pos>.+?) )?\((?P<what>[^(),]+), (?P<state>[^(),]+)\)$|"
                      r"^(?P<what2>[^(),]+) \((?P<state2>[^(),]+)\)$")
_DATED_RE = re.compile(r"^(?P<kind>[a-z_]+) (?P<rest>\d{4}-\d{2}-\d{2}.*)$")


def link_label_text(kind: str, label: str, lang: str) -> str:
    """A link's label in the reader's language.

    The scan writes some labels as codes (a family relation, a match reason, a decision's
    kind) and some in Dutch words (an identifier, a declaration's kind and status, the
    role in a decision); both are turned into the page's language here, at display time, so
    findings.json and the finding ids stay as they are.  What comes from the data (a
    position, a KvK role, a name) is shown as written.

    >>> link_label_text("family", "parent_in_law", "nl")
    'schoonouder'
    >>> link_label_text("declaration", "aandeelhouder (financieel belang, goedgekeurd)", "en")
    'aandeelhouder (financial interest, approved)'
    >>> link_label_text("decision", "purchase_order 2024-03-01, EUR 48.000", "nl")
    'inkooporder 2024-03-01, EUR 48.000'
    >>> link_label_text("identifier", "adres", "en"), link_label_text("decision", "behandelaar", "en")
    ('address', 'handler')
    >>> link_label_text("decision", "behandelaar + goedkeurder", "en")
    'handler + approver'
    """
    nl = lang == "nl"
    if kind == "family":
        return _RELATIONS_NL.get(label, label) if nl else label.replace("_", " ")
    if kind == "same_person":
        return match_reason_text(label, lang)
    if kind == "identifier":
        return label if nl else _IDENTIFIER_WORDS.get(label, label)
    if kind == "declaration":
        m = _DECL_RE.match(label)
        if m and not nl:
            what = m.group("what") or m.group("what2")
            state = m.group("state") or m.group("state2")
            inner = (f"{_DECLARATION_WHAT.get(what, what)}, "
                     f"{_DECLARATION_STATE.get(state, state)}" if m.group("what") else
                     _DECLARATION_STATE.get(state, state))
            head = m.group("pos") if m.group("what") else _DECLARATION_WHAT.get(what, what)
            return f"{head} ({inner})" if head else f"({inner})"
        return label
    if kind == "officer" and not nl and label.startswith("functie, "):
        return "position" + label[len("functie"):]
    if kind in ("decision", "gift"):
        # the role(s) in a decision (graph.json writes them in Dutch, ' + '-joined when one
        # person holds several: a self-approved decision)
        codes = [next((c for c, words in ROLE_LABELS.items() if part in words), None)
                 for part in label.split(" + ")]
        if all(codes):
            return " + ".join(role_label(str(c), lang) for c in codes)
        m = _DATED_RE.match(label)
        if m:
            code = m.group("kind")
            if code in _GIFT_KINDS:
                word = _GIFT_KINDS[code][0 if nl else 1]
            else:
                word = decision_kind_label(code, lang)
            return f"{word} {eur_in(m.group('rest'), lang)}"
    return label


_IDENTIFIERS = {"address": ("adres", "address"), "iban": ("IBAN", "IBAN"),
                "phone": ("telefoon", "phone"), "email": ("e-mail", "e-mail")}


def step_label_text(kind: str, code: str | None, params: dict[str, Any] | None, label: str,
                    lang: str, readable_dates: bool = False) -> str:
    """A link or evidence step in the reader's language, from its label code and
    parameters (:data:`coi_graph.links.LABEL_CODES`).  A step without a code (written by a
    version before codes, or by code that gives none) is rendered from its Dutch ``label``
    by :func:`link_label_text`.  The Dutch rendering of a code is what ``findings.csv``
    shows, its date ISO; ``readable_dates`` writes the date as the reader does
    (:func:`format_date`), for a report read by people rather than the CSV.

    >>> step_label_text("declaration", "declaration", {"kind": "side_function",
    ...     "status": "pending", "position": None}, "", "en")
    'side function (pending)'
    >>> step_label_text("decision", "decision", {"decision_kind": "purchase_order",
    ...     "date": "2024-03-01", "amount_eur": 48000.0}, "", "nl")
    'inkooporder 2024-03-01, EUR 48.000'
    >>> step_label_text("family", "", None, "parent_in_law", "nl")
    'schoonouder'
    """
    p = params or {}
    nl = lang == "nl"

    def text(key: str) -> str:
        v = p.get(key)
        return "" if v is None else str(v)

    if code == "relation":
        rel = text("relation")
        return _RELATIONS_NL.get(rel, rel) if nl else rel.replace("_", " ")
    if code == "identifier":
        ik = text("identifier")
        return _IDENTIFIERS[ik][0 if nl else 1] if ik in _IDENTIFIERS else ik
    if code == "match":
        said = match_reason_text(text("reason"), lang)
        if text("as") == "co_applicant":  # the allocation's co-applicant is that person
            return f"{'medeaanvrager' if nl else 'co-applicant'}: {said}"
        return said
    if code == "declaration":
        return declaration_text(text("kind"), p.get("position") or None, text("status"), lang)
    if code == "officer":
        return f"{text('role') or ('functie' if nl else 'position')}, KvK"
    if code == "officer_of":  # a holding as officer of another organization
        return (f"{text('role') or ('functie' if nl else 'position')} "
                f"{'van' if nl else 'of'} {text('organization')}, KvK")
    if code in ("decision", "gift"):
        amount = p.get("amount_eur" if code == "decision" else "value_eur")
        money = f", {format_eur(float(amount), lang)}" if isinstance(amount, (int, float)) else ""
        if code == "decision":
            word = decision_kind_label(text("decision_kind"), lang)
        else:
            gk = text("gift_kind")
            word = _GIFT_KINDS[gk][0 if nl else 1] if gk in _GIFT_KINDS else gk
        day = format_date(text("date"), lang) if readable_dates else text("date")
        return f"{word} {day}{money}"
    if code == "role":
        return role_label(text("role"), lang)
    return link_label_text(kind, label, lang)


def step_text(step: Any, lang: str, readable_dates: bool = False) -> str:
    """:func:`step_label_text` of a :class:`~coi_graph.findings.Step` or its JSON dict."""
    if isinstance(step, dict):
        return step_label_text(str(step.get("kind") or ""), step.get("label_code"),
                               step.get("label_params"), str(step.get("label") or ""), lang,
                               readable_dates)
    return step_label_text(step.kind, step.label_code, step.label_params, step.label, lang,
                           readable_dates)


def path_text(path: Any, lang: str, fallback: str = "", readable_dates: bool = False) -> str:
    """A path (an :class:`~coi_graph.findings.EvidencePath` or its JSON) as one line,
    ``A -[link]- B -[link]- C``, with the links in the reader's language (``findings.csv``'s
    ``path`` has them in Dutch)."""
    if path is not None and not isinstance(path, dict):
        path = {"nodes": path.nodes, "steps": path.steps}
    if not path or not path.get("nodes"):
        return fallback
    nodes = path["nodes"]
    out = [str(nodes[0].get("label") or nodes[0].get("key"))]
    for step, node in zip(path.get("steps") or [], nodes[1:]):
        label = step_text(step, lang, readable_dates)
        out.append(f" -[{label}]- {node.get('label') or node.get('key')}")
    return "".join(out)



def decision_kind_label(kind: str, lang: str) -> str:
    """``purchase_order`` -> ``inkooporder``; an unknown kind shows as written."""
    return (DECISION_KINDS_NL if lang == "nl" else DECISION_KINDS_EN).get(kind, kind)


def match_reason_text(reason: str, lang: str) -> str:
    """Why two records were taken to be the same, in the reader's language.

    >>> match_reason_text("similar name (0.93)", "nl")
    'vergelijkbare naam (0.93)'
    """
    if lang != "nl":
        return reason
    for en, nl in _MATCH_REASONS_NL.items():
        if reason == en or reason.startswith(en + " ("):
            return nl + reason[len(en):]
    return reason


#: The link kinds whose stored labels :func:`stored_path_text` tries, most specific first.
_STORED_KINDS = ("family", "same_person", "decision", "declaration", "identifier", "officer")
_STORED_LINK = re.compile(r" -\[(.*?)\]- ")


def stored_path_text(text: str, lang: str) -> str:
    """A path as the workspace keeps it (:attr:`coi_graph.findings.EvidencePath.text`, the
    links' stored labels) in the reader's language, for commands that have only that text.

    Each link label is read as the first link kind it is a label of; a label that is none
    (a KvK role, a position from the data) is shown as written.

    >>> stored_path_text("Jan -[child]- Tom -[purchase_order 2024-03-01, EUR 900]- C1", "nl")
    'Jan -[kind]- Tom -[inkooporder 2024-03-01, EUR 900]- C1'
    >>> stored_path_text("Jan -[adres]- Piet -[behandelaar]- C1", "en")
    'Jan -[address]- Piet -[handler]- C1'
    >>> stored_path_text("Jan -[purchase_order 2024-03-01, EUR 1.234,50]- C1", "en")
    'Jan -[purchase order 2024-03-01, EUR 1,234.50]- C1'
    """
    parts = _STORED_LINK.split(text)
    for i in range(1, len(parts), 2):
        label = parts[i]
        for kind in _STORED_KINDS:
            if kind == "family" and label not in _RELATIONS_NL:
                continue  # in English any label with a '_' would read as a relation
            shown = link_label_text(kind, label, lang)
            if shown != label:
                parts[i] = shown
                break
    return "".join(p if i % 2 == 0 else f" -[{p}]- " for i, p in enumerate(parts))
