"""The words of ``coi serve``, in Dutch (default) and English.

Every page is in one language: these strings are merged over the explore pages' words
(:func:`coi_graph.outputs.explore_text.ui`), so shared labels (severity, subject, counterparty, the
graph legend) are translated in one place and the pages here add only their own.

>>> text("nl")["status"]["dismissed"], text("en")["status"]["dismissed"]
('geseponeerd', 'dismissed')
"""

from __future__ import annotations

from typing import Any

from ..labels import lang_code
from .explore_text import LANGS, ui

__all__ = ["LANGS", "resolve_lang", "text"]

_TEXT: dict[str, dict[str, Any]] = {
    "nl": {
        "serve_title": "Zaken",
        "status_col": "Status",
        "status": {"open": "open", "in_review": "in behandeling",
                   "explained": "verklaard", "confirmed": "bevestigd",
                   "dismissed": "geseponeerd", "accepted": "geaccepteerde situatie"},
        "status_all": "alle statussen",
        "rule_all": "alle regels",
        "severity_all": "alle ernst",
        "filter": "Filteren",
        "page_of": "pagina {page} van {pages}",
        "previous": "vorige",
        "next": "volgende",
        "rows_found": "{n} zaken",
        "latest_run": "Laatste scan: nummer {run}, gegevens tot {as_of}",
        "no_run": "De werkruimte bevat nog geen scan. Voer eerst een scan uit.",
        "last_decision": "Laatste besluit",
        "reopened": "heropend: het bewijs is veranderd",
        "evidence_changed": "bewijs veranderd sinds het besluit",
        "history": "Verloop van de zaak",
        "no_history": "Nog geen besluiten: de zaak is open.",
        "at": "Wanneer",
        "by": "Door",
        "note": "Toelichting",
        "decide": "Besluit vastleggen",
        "decide_help": ("Elk besluit wordt toegevoegd aan het verloop; niets wordt "
                        "overschreven. Verklaard, bevestigd en geseponeerd vragen om een "
                        "toelichting."),
        "new_status": "Nieuwe status",
        "save": "Vastleggen",
        "accept_title": "Situatie accepteren",
        "accept_help": ("Een geaccepteerde situatie blijft zichtbaar als geaccepteerd tot de "
                        "einddatum; daarna telt de eigen status van de zaak weer."),
        "scope": "Reikwijdte",
        "scope_employee": "deze medewerker",
        "scope_org": "deze organisatie",
        "scope_rule": "deze regel",
        "justification": "Onderbouwing",
        "owner": "Eigenaar (wie staat ervoor in)",
        "until": "Geldig tot en met",
        "accept_button": "Accepteren",
        "revoke": "Intrekken",
        "revoked_on": "ingetrokken op {d} door {by}",
        "acceptances": "Acceptaties die deze bevinding dekken",
        "accepted_until": "geaccepteerd tot {d}",
        "matches_title": "Persoonskoppelingen beoordelen",
        "matches_help": ("Deze bevinding steunt op vermeldingen die als dezelfde persoon zijn "
                         "gezien. Bevestig of verwerp elk paar; de volgende scan volgt uw "
                         "oordeel. Een oordeel wordt bewaard en kan ongedaan worden gemaakt, "
                         "niet overschreven."),
        "match_officer_of": "de KvK-functionaris van {org} ({rows})",
        "match_features": "Wat is vergeleken",
        "match_in_force": "Oordeel",
        "match_none": "nog niet beoordeeld",
        "match_at_scan": "bij de scan",
        "match_why": "Reden",
        "match_confirm": "Zelfde persoon",
        "match_reject": "Niet dezelfde persoon",
        "match_undo": "Oordeel ongedaan maken",
        "need_why": "Geef een reden voor uw oordeel over dit paar.",
        "compare": "Scans vergelijken",
        "compare_help": ("Kies twee scans. De vergelijking toont nieuwe, verdwenen en "
                         "gewijzigde bevindingen en of de gegevens of het beleid de oorzaak is."),
        "scan_a": "Eerdere scan",
        "scan_b": "Latere scan",
        "compare_button": "Vergelijken",
        "change": "Wijziging",
        "cause": "Oorzaak",
        "reason": "Reden",
        "changes": {"new": "nieuw", "resolved": "verdwenen", "changed": "gewijzigd",
                    "unchanged": "ongewijzigd"},
        "causes": {"data": "gegevens", "policy": "beleid",
                   "data and policy": "gegevens en beleid", "": ""},
        "need_note": "Deze status sluit de zaak: geef een toelichting.",
        "no_bsn": ("De tekst bevat een getal van negen cijfers dat de elfproef doorstaat "
                   "(mogelijk een BSN); coi-graph mag geen BSN bewaren: laat het getal weg."),
        "too_long": ("De tekst is {n} tekens lang; een besluit bewaart er ten hoogste {max}. "
                     "Maak hem korter."),
        "control_char": ("De tekst bevat een stuurteken ({code}) dat zou veranderen hoe een "
                         "opdrachtvenster of pagina hem toont. Laat het weg."),
        "need_scope": "Kies ten minste één onderdeel van de reikwijdte.",
        "need_justification": "Geef een onderbouwing.",
        "need_owner": "Geef een eigenaar.",
        "bad_date": "Vul een geldige datum in (jjjj-mm-dd).",
        "until_past": "De einddatum ligt vóór de peildatum van de laatste scan ({d}).",
        "bad_name": "Vul een naam in van 1 tot 80 tekens, zonder stuurtekens.",
        "diff_counts": "nieuw {new}, verdwenen {resolved}, gewijzigd {changed}, "
                       "ongewijzigd {unchanged}",
        "diff_missing": "De map van een van deze scans is niet (meer) te vinden: {path}",
        "need_two": "Voor een vergelijking zijn twee scans nodig.",
        "login": "Inloggen",
        "username": "Gebruikersnaam",
        "password": "Wachtwoord",
        "login_failed": "Gebruikersnaam of wachtwoord onjuist.",
        "login_locked": ("Te veel mislukte aanmeldpogingen. Probeer het over {minutes} minuten "
                         "opnieuw, of vraag de beheerder om hulp."),
        "logout": "Uitloggen",
        "session_expired": ("U bent afgemeld na {minutes} minuten zonder activiteit. Log opnieuw "
                            "in."),
        "your_name": "Uw naam",
        "name_help": ("Elk besluit wordt vastgelegd met wie het nam. Vul uw naam in; die "
                      "wordt voor deze sessie onthouden."),
        "continue": "Doorgaan",
        "signed_in_as": "Ingelogd als {name}",
        "saved": "Vastgelegd.",
        "run_folder_missing": ("De map van deze scan ({path}) is niet beschikbaar: het "
                               "netwerk en de details van het bewijs kunnen niet worden getoond."),
        "run_file_changed": ("Het bestand {file} in de map van deze scan ({path}) zegt "
                             "over deze bevinding iets anders dan de werkruimte vastlegde: het "
                             "is na de scan veranderd. Het netwerk en de details van het bewijs "
                             "worden daarom niet getoond; wat hier wel staat, is wat de "
                             "werkruimte vastlegde."),
        "tampered": ("Waarschuwing: het controlespoor van deze werkruimte is aangetast. "
                     "Controleer met coi verify."),
        "cannot_record": ("Besluiten kunnen nu niet worden vastgelegd: het controlespoor van "
                          "deze werkruimte is met een sleutel verzegeld en de webtoepassing is "
                          "zonder die sleutel (of met een andere) gestart. Herstart haar met "
                          "{env} naar het huidige sleutelbestand."),
        "not_recorded": "Niet vastgelegd: {why}",
        "language": "Taal",
        "not_found_page": "Niet gevonden.",
        "forbidden": "Geen toegang.",
        "bad_request": "Het formulier is verlopen of onvolledig; laad de pagina opnieuw.",
        "method_not_allowed": "Deze pagina kan zo niet worden opgevraagd; gebruik de knoppen "
                              "en verwijzingen op de pagina.",
        "too_large": "Wat is verstuurd, is te groot; verkort de tekst en probeer het opnieuw.",
        "server_error": "Er ging iets mis bij het verwerken. Laad de pagina opnieuw om te "
                        "zien wat is vastgelegd, of meld het aan de beheerder (de melding "
                        "staat in het logboek).",
        "error": "Fout",
        "back": "Terug naar de zaken",
    },
    "en": {
        "serve_title": "Cases",
        "status_col": "Status",
        "status": {"open": "open", "in_review": "in review",
                   "explained": "explained", "confirmed": "confirmed",
                   "dismissed": "dismissed", "accepted": "accepted situation"},
        "status_all": "all statuses",
        "rule_all": "all rules",
        "severity_all": "any severity",
        "filter": "Filter",
        "page_of": "page {page} of {pages}",
        "previous": "previous",
        "next": "next",
        "rows_found": "{n} cases",
        "latest_run": "Latest scan: number {run}, data up to {as_of}",
        "no_run": "The workspace holds no scan yet. Run a scan first.",
        "last_decision": "Last decision",
        "reopened": "reopened: the evidence changed",
        "evidence_changed": "evidence changed since the decision",
        "history": "Case history",
        "no_history": "No decisions yet: the case is open.",
        "at": "When",
        "by": "By",
        "note": "Note",
        "decide": "Record a decision",
        "decide_help": ("Every decision is added to the history; nothing is overwritten. "
                        "Explained, confirmed and dismissed need a note."),
        "new_status": "New status",
        "save": "Record",
        "accept_title": "Accept the situation",
        "accept_help": ("An accepted situation is shown as accepted until its end date; after "
                        "that the case's own status counts again."),
        "scope": "Scope",
        "scope_employee": "this employee",
        "scope_org": "this organization",
        "scope_rule": "this rule",
        "justification": "Justification",
        "owner": "Owner (who answers for it)",
        "until": "Valid until",
        "accept_button": "Accept",
        "revoke": "Revoke",
        "revoked_on": "revoked on {d} by {by}",
        "acceptances": "Acceptances covering this finding",
        "accepted_until": "accepted until {d}",
        "matches_title": "Review person matches",
        "matches_help": ("This finding rests on records taken to be the same person. Confirm "
                         "or reject each pair; the next scan follows your judgement. A "
                         "judgement is kept and can be undone, never overwritten."),
        "match_officer_of": "the KvK officer of {org} ({rows})",
        "match_features": "What was compared",
        "match_in_force": "Judgement",
        "match_none": "not judged yet",
        "match_at_scan": "at the scan",
        "match_why": "Reason",
        "match_confirm": "Same person",
        "match_reject": "Not the same person",
        "match_undo": "Undo judgement",
        "need_why": "Give a reason for your judgement of this pair.",
        "compare": "Compare scans",
        "compare_help": ("Choose two scans. The comparison shows new, resolved and changed "
                         "findings and whether the data or the policy caused each."),
        "scan_a": "Earlier scan",
        "scan_b": "Later scan",
        "compare_button": "Compare",
        "change": "Change",
        "cause": "Cause",
        "reason": "Reason",
        "changes": {"new": "new", "resolved": "resolved", "changed": "changed",
                    "unchanged": "unchanged"},
        "causes": {"data": "data", "policy": "policy",
                   "data and policy": "data and policy", "": ""},
        "need_note": "This status closes the case: give a note.",
        "no_bsn": ("The text holds a nine-digit number that passes the eleven test (a possible "
                   "BSN); coi-graph must not keep a BSN: leave the number out."),
        "too_long": ("The text is {n} characters long; a decision keeps at most {max}. "
                     "Shorten it."),
        "control_char": ("The text holds a control character ({code}) that would change how a "
                         "terminal or page shows it. Leave it out."),
        "need_scope": "Choose at least one part of the scope.",
        "need_justification": "Give a justification.",
        "need_owner": "Give an owner.",
        "bad_date": "Enter a valid date (yyyy-mm-dd).",
        "until_past": "The end date is before the data date of the latest scan ({d}).",
        "bad_name": "Enter a name of 1 to 80 characters, without control characters.",
        "diff_counts": "new {new}, resolved {resolved}, changed {changed}, "
                       "unchanged {unchanged}",
        "diff_missing": "The folder of one of these scans cannot be found: {path}",
        "need_two": "A comparison needs two scans.",
        "login": "Sign in",
        "username": "User name",
        "password": "Password",
        "login_failed": "Wrong user name or password.",
        "login_locked": ("Too many failed sign-ins. Try again in {minutes} minutes, or ask "
                         "the administrator for help."),
        "logout": "Sign out",
        "session_expired": ("You were signed out after {minutes} minutes without activity. "
                            "Sign in again."),
        "your_name": "Your name",
        "name_help": ("Every decision is recorded with who took it. Enter your name; it is "
                      "remembered for this session."),
        "continue": "Continue",
        "signed_in_as": "Signed in as {name}",
        "saved": "Recorded.",
        "run_folder_missing": ("The folder of this scan ({path}) is not available: the network "
                               "and the evidence details cannot be shown."),
        "run_file_changed": ("The file {file} in the folder of this scan ({path}) says "
                             "something else about this finding than the workspace recorded: it "
                             "was changed after the scan. The network and the evidence details "
                             "are therefore not shown; what is shown is what the workspace "
                             "recorded."),
        "tampered": ("Warning: the audit trail of this workspace has been tampered with. "
                     "Check with coi verify."),
        "cannot_record": ("Decisions cannot be recorded now: the audit trail of this workspace "
                          "is sealed with a key and the web application was started without "
                          "it (or with another one). Restart it with {env} naming the current "
                          "key file."),
        "not_recorded": "Not recorded: {why}",
        "language": "Language",
        "not_found_page": "Not found.",
        "forbidden": "Access denied.",
        "bad_request": "The form expired or is incomplete; reload the page.",
        "method_not_allowed": "This page cannot be requested that way; use the links and "
                              "buttons on the page.",
        "too_large": "What was sent is too large; shorten the text and try again.",
        "server_error": "Something went wrong on the server. Reload the page to see what was "
                        "recorded, or tell the administrator (the message is in the log of "
                        "the server).",
        "error": "Error",
        "back": "Back to the cases",
    },
}


def text(lang: str) -> dict[str, Any]:
    """The explore pages' words with those of ``coi serve`` on top."""
    return {**ui(lang), **_TEXT[lang]}


def resolve_lang(lang: str | None, env: str | None) -> str:
    """``--lang``, else ``$COI_LANG`` when it names a supported language, else Dutch."""
    return lang_code(lang) or lang_code(env) or "nl"
