"""Every line the ``coi`` command prints, in Dutch and in English, in one place.

Two kinds of text reach the terminal:

- the command's own lines (summaries, next steps, confirmations): ``TEXT`` holds each one
  in both languages, looked up with :func:`t`;
- text the library writes in English (progress lines, input problems from ``ingest``, the
  messages of ``CoiError``/``InputError``, reasons from ``coi diff``): English stays the
  source, and :func:`translate` renders it in Dutch at display time with ``CATALOGUE``,
  a list of English templates and their Dutch twins.  A message is tried whole, then
  clause by clause (``A; B``), so the recurring advice ("write dates as ...") is written
  once.  What the catalogue does not know is shown as written (English): the language
  test (tests/test_cli_language.py) runs every command in both languages on hostile input
  and fails on any word of the other language, so a gap shows up there.

The language of a run: ``--lang`` on the command, else ``$COI_LANG``, else Dutch (the
same default as the pages and reports).  click's own text (usage errors such as "No such
option", the help headings "Usage:", "Options", "Commands", the help option's line) comes
from ``CLICK_NL``, keyed by click's gettext ids (:func:`install_click_language`); a usage
error is raised before ``--lang`` is acted on, so the command line is read for it first
(:func:`lang_from_argv`).  ``coi --help`` and each command's ``--help`` (its description,
its options' help, the metavars) are Dutch too: the commands' docstrings and ``help=`` are
the English source, ``cli_help_nl.HELP_NL`` their Dutch twins keyed by command and
parameter, rendered by :func:`install_click_language`'s hooks; the top-level list of
commands uses ``COMMAND_HELP_NL``.
"""

from __future__ import annotations

import copy
import errno
import functools
import os
import re
import string
from collections.abc import Callable
from typing import Any

import click

from .cli_help_nl import HELP_NL, SHORT_HELP_NL
from .labels import LANG_VAR, env_lang, in_dutch_notation

__all__ = ["CATALOGUE", "CLICK_EN_ADVICE", "CLICK_METAVARS_NL", "CLICK_NL", "COMMAND_HELP_EN", "COMMAND_HELP_NL", "HELP_METAVARS_NL",
           "HELP_NL", "LANG_VAR",
           "MAIN_HELP_NL", "TEXT", "cli_lang",
           "click_gettext", "click_ngettext", "command_path", "group_lang_option", "help_nl",
           "install_click_language", "lang_before_command", "lang_from_argv",
           "lang_option", "os_reason", "problem_line", "with_data_dir", "reset_run_lang", "run_lang", "set_run_lang", "t",
           "translate"]

#: The environment variable that sets the language of pages, reports and the CLI's own
#: lines (``--lang`` wins); Dutch without it.  (``LANG_VAR``: :mod:`coi_graph.labels`)
LANGS = ("nl", "en")

_chosen: list[str] = []  # the --lang given to the command being run (for error lines)
_before_command: list[str] = []  # a --lang given before the command's name (coi --lang en scan)


def cli_lang(explicit: str | None = None) -> str:
    """The language of this run: the command's ``--lang``, else one given between ``coi``
    and the command's name, else ``$COI_LANG`` (nl or en), else Dutch."""
    if explicit in LANGS:
        return explicit
    if _before_command:
        return _before_command[-1]
    return env_lang() or "nl"


def lang_before_command(args: list[str]) -> tuple[list[str], str | None]:
    """``coi --lang en scan ...``: the command line without a ``--lang`` that comes before
    the command's name, and that language (None without one).  The group has no option of
    its own for it (every command has ``--lang``); it is taken here so that it may come
    anywhere on the command line.

    >>> lang_before_command(["--lang", "en", "scan", "data", "--lang", "nl"])
    (['scan', 'data', '--lang', 'nl'], 'en')
    >>> lang_before_command(["--lang=en", "--help"]), lang_before_command(["scan", "--lang", "en"])
    ((['--help'], 'en'), (['scan', '--lang', 'en'], None))
    """
    rest: list[str] = []
    lang = None
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        word = args[i]
        if word == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            lang, i = args[i + 1], i + 2
            continue
        if word.startswith("--lang=") and word[7:] in LANGS:
            lang, i = word[7:], i + 1
            continue
        rest.append(word)
        i += 1
    return rest + list(args[i:]), lang


def run_lang() -> str:
    """The language of the command being run, for lines printed outside it (errors)."""
    return cli_lang(_chosen[-1] if _chosen else None)


def reset_run_lang(before_command: str | None = None) -> None:
    """Forget the language of an earlier command (several runs in one process: tests);
    ``before_command``: the ``--lang`` given before this command's name, if any."""
    _chosen.clear()
    _before_command.clear()
    if before_command in LANGS:
        _before_command.append(before_command)


def set_run_lang(lang: str) -> str:
    """Make ``lang`` the language of the lines printed outside the command (errors), for a
    command that decides its language itself (``coi report``: the policy may choose)."""
    _chosen.append(lang)
    return lang


def _remember(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return set_run_lang(cli_lang(value))


def lang_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang nl|en`` on a command: the language of everything it prints.  The value the
    command receives is already resolved (``--lang``, ``$COI_LANG``, Dutch)."""
    return click.option("--lang", type=click.Choice(list(LANGS)), default=None,
                        callback=_remember, is_eager=True,
                        help="Language of everything printed [default: $COI_LANG, else nl].")(fn)


def _remember_for_subcommand(ctx: click.Context, param: click.Parameter,
                             value: str | None) -> str:
    if value not in LANGS:  # none on the group: the subcommand's --lang or the command
        return cli_lang(None)  # line's decides (`coi match list --help --lang en`)
    _before_command.append(value)  # `coi match --lang en list`: as if before the command
    return set_run_lang(value)


def group_lang_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang nl|en`` on a group of commands (``coi match``, ``coi key``, ...): it was no
    option there, so ``coi match --help --lang en`` stopped with "No such option".  Given on
    the group it holds for the subcommand unless the subcommand has its own ``--lang``."""
    return click.option("--lang", type=click.Choice(list(LANGS)), default=None,
                        callback=_remember_for_subcommand, is_eager=True,
                        help="Language of everything printed [default: $COI_LANG, else nl].")(fn)


# -- the command's own lines ---------------------------------------------------------------

#: key -> (Dutch, English); ``{name}`` placeholders are filled by :func:`t`.
TEXT: dict[str, tuple[str, str]] = {
    "error": ("Fout", "Error"),
    "interrupted": ("Onderbroken; er is niets half geschreven achtergebleven.",
                    "Interrupted; nothing half-written was left behind."),
    "retired_setting": ("{path}: '{name}' wordt niet meer gebruikt en is genegeerd: {why}.",
                        "{path}: '{name}' is no longer used and is ignored: {why}."),
    "bad_as_of": ("--as-of: '{value}' is geen datum; schrijf hem als 2024-12-31.",
                  "--as-of: '{value}' is not a date; write it as 2024-12-31."),
    # summary of a scan
    "findings": ("Bevindingen", "Findings"),
    "severities": ("  hoog {high}, middel {medium}, laag {low}",
                   "  high {high}, medium {medium}, low {low}"),
    "rows_skipped": ("Overgeslagen rijen", "Rows skipped"),
    "values_left_out": ("Waarden weggelaten (onbruikbaar; rij wel gebruikt)",
                        "Values left out (unusable; the row was used)"),
    "outside_employment": (
        "Let op: {n} besluit/persoon-combinaties vallen buiten de dienstverbanden in "
        "employees en zijn niet getoetst (zie run.json).",
        "Note: {n} decision/person pairs fall outside the employment dates in employees and "
        "were not checked (see run.json)."),
    "not_supplied": ("Niet aangeleverd (geen bestand gevonden; wat de regels daarin zoeken, "
                     "zien ze niet): {tables}",
                     "Not supplied (no file found; what the rules look for there they do not "
                     "see): {tables}"),
    "files_not_read": ("Bestanden in de map die niet zijn gelezen",
                       "Files in the folder that were not read"),
    "files_not_read_more": ("  ... en nog {n} (run.json noemt ze allemaal)",
                            "  ... and {n} more (run.json lists them all)"),
    "files_not_read_unlisted": ("  ... en nog {n:,} die nergens afzonderlijk worden genoemd: "
                                "meer dan 1.000 bestanden in de map worden niet gelezen; "
                                "zet alleen de exports in de map",
                                "  ... and {n:,} more not listed anywhere one by one: more "
                                "than 1,000 files in the folder are not read; put only the "
                                "exports in the folder"),
    "system_files_passed_over": (
        "Systeembestanden overgeslagen (vergrendelbestanden van Excel ~$, .DS_Store, "
        "Thumbs.db, verborgen bestanden): {n}",
        "System files passed over (Excel's lock files ~$, .DS_Store, Thumbs.db, hidden "
        "files): {n}"),
    "hubs": ("Te algemene kenmerken (niet als verbinding gebruikt)",
             "Identifiers too common to count as a link"),
    "results": ("Resultaten", "Results"),
    "stale_explore": ("Let op: {path} is nog van een eerdere scan in deze map; maak de pagina's "
                      "opnieuw: coi explore {run}{ws}",
                      "Note: {path} is still from an earlier scan into this folder; make the "
                      "pages again: coi explore {run}{ws}"),
    "stale_reports": ("Let op: de rapporten in {path} zijn nog van een eerdere scan in deze map; "
                      "maak ze opnieuw: coi report {run} --audience rvc{ws} (of audit)",
                      "Note: the reports in {path} are still from an earlier scan into this "
                      "folder; make them again: coi report {run} --audience rvc{ws} (or audit)"),
    # validate
    # as the scan says it (scan.data_folder): which folder to give
    "no_folder": ("{path}: deze map bestaat niet; geef de map met employees.csv, "
                  "organizations.csv, contracts.csv, ...",
                  "{path}: no such folder; give the folder that holds employees.csv, "
                  "organizations.csv, contracts.csv, ..."),
    "mapping_used": ("Koppelbestand: {path}", "Mapping: {path}"),
    "no_tables": ("Geen tabellen gevonden.", "No tables found."),
    "rows_read": ("{file}: {read} rij(en) gelezen = {used} gebruikt + {skipped} overgeslagen",
                  "{file}: {read} row(s) read = {used} used + {skipped} skipped"),
    "columns_not_used": (
        "{file}: kolommen die niet worden gebruikt (geen kolom van het gegevenscontract; "
        "wijs er een toe in mapping.yaml als die er een bevat): {columns}",
        "{file}: columns not used (no column of the data contract; map one in mapping.yaml "
        "if it holds one): {columns}"),
    "rows_set_aside": (" (en {n} rij(en) van kandidaten aan wie niet is toegewezen, weggelaten)",
                       " (and {n} row(s) of candidates who were not allocated, left out)"),
    "validate_total": ("{errors} fout(en), {warnings} waarschuwing(en).",
                       "{errors} error(s), {warnings} warning(s)."),
    "validate_skip_hint": (
        "Verbeter deze rijen, of scan met --skip-bad-rows om ze weg te laten (elke "
        "overgeslagen rij wordt geteld en in run.json genoemd); `coi validate --skip-bad-rows` "
        "toont wat dan wordt weggelaten.",
        "Fix these rows, or scan with --skip-bad-rows to leave them out (each skipped row is "
        "counted and listed in run.json); `coi validate --skip-bad-rows` shows what is then "
        "left out."),
    "warning_tag": (" (waarschuwing)", " (warning)"),
    # demo
    "planted": ("Geplante gevallen gevonden: {hit} van {cases}; onschuldige dubbelgangers "
                "gemarkeerd: {decoys} van {all_decoys}.",
                "Planted cases found: {hit} of {cases}; innocent look-alikes flagged: "
                "{decoys} of {all_decoys}."),
    "next_steps": ("Volgende stappen:", "Next steps:"),
    "next_explore": ("# bevindingen in de browser", "# findings in the browser"),
    "next_serve": ("# zaken beoordelen en vastleggen in de browser",
                   "# decide on the cases in the browser"),
    "next_report": ("# rapport voor de RvC", "# report for the supervisory board"),
    "next_triage": ("# een besluit vastleggen", "# record a decision"),
    # explore
    "no_browser": ("Er kon geen browser worden gestart; open het bestand hierboven zelf.",
                   "No browser could be started; open the file above yourself."),
    # serve, verify, user
    "serve_workspace": ("coi serve: {path}", "coi serve: {path}"),
    "serve_open_token": ("Open in uw browser (het token wordt één keer getoond): {url}",
                         "Open in your browser (the token is shown once): {url}"),
    "serve_open_accounts": ("Open in uw browser en meld u aan: {url}",
                            "Open in your browser and sign in: {url}"),
    "serve_name_once": ("De pagina vraagt één keer uw naam; die wordt bij uw besluiten "
                        "vastgelegd.",
                        "The page asks for your name once; it is recorded on your decisions."),
    "where_each_row": ("Elk met bestand, regel, kolom en wat te doen: `{command}` (of in "
                       "run.json onder problems).",
                       "Each with its file, line, column and what to do: `{command}` (or in "
                       "run.json under problems)."),
    "serve_stop": ("Stoppen met Ctrl-C.", "Stop with Ctrl-C."),
    "serve_stopped": ("Gestopt.", "Stopped."),
    "serve_user_empty": ("--user: geef een naam.", "--user: give a name."),
    "verify_expect_missing": (
        "de verwachte kop {head} staat niet in de keten: het spoor is herschreven sinds die "
        "hash werd getoond",
        "the expected head {head} is not in the chain: the trail was rewritten since that "
        "hash was printed"),
    "verify_expect_not_hash": (
        "--expect: '{value}' is geen hele kophash (64 hexadecimale tekens, zoals `coi "
        "verify`, `coi report` en de verkenpagina's hem tonen); geef de hele hash: een "
        "ingekorte kan niet worden gecontroleerd",
        "--expect: '{value}' is not a whole head hash (64 hexadecimal characters, as `coi "
        "verify`, `coi report` and the explore pages print it); give the whole hash: a "
        "shortened one cannot be checked"),
    "verify_tampered": ("auditspoor GEMANIPULEERD: {n} probleem/problemen",
                        "audit trail TAMPERED: {n} problem(s)"),
    "trail_unkeyed": (
        "Let op: het auditspoor van {path} is verzegeld met een auditsleutel (sleutel-id "
        "{kid}) maar is gelezen zonder die sleutel: alleen de keten zonder sleutel is "
        "gecontroleerd, en wie elke hash opnieuw berekent komt daar langs. Laat {env} naar "
        "het sleutelbestand wijzen om ook de zegels te controleren (`coi verify`).",
        "Note: the audit trail of {path} is sealed with an audit key (key id {kid}) but was "
        "read without it: only the unkeyed chain was checked, which someone who recomputes "
        "every hash gets past. Point {env} at the key file to check the seals too "
        "(`coi verify`)."),
    "trail_tampered": (
        "WAARSCHUWING: het auditspoor van {path} is buiten coi-graph om veranderd ({n} "
        "probleem/problemen): statussen en besluiten zijn mogelijk niet de vastgelegde. "
        "`coi verify --workspace {path}` noemt elke veranderde rij.",
        "WARNING: the audit trail of {path} was changed outside coi-graph ({n} problem(s)): "
        "statuses and decisions may not be the ones recorded. `coi verify --workspace {path}` "
        "names each changed row."),
    "verify_intact": ("auditspoor intact: {n} regels; kop {head}",
                      "audit trail intact: {n} entries; head {head}"),
    "verify_keyed": ("  MAC's gecontroleerd met sleutel-id {kid}",
                     "  MACs checked with key id {kid}"),
    "key_made": ("auditsleutel gemaakt: {path} (sleutel-id {kid}); alleen voor u leesbaar, "
                 "bewaar het buiten de map van de werkruimte.",
                 "audit key made: {path} (key id {kid}); readable by you only, keep it outside "
                 "the workspace's folder."),
    "key_registered": ("{path} is vanaf nu verzegeld met sleutel-id {kid}; laat "
                       "COI_AUDIT_KEY_FILE naar het nieuwe bestand wijzen.",
                       "{path} is sealed with key id {kid} from now on; point "
                       "COI_AUDIT_KEY_FILE at the new file."),
    "key_use": ("Laat COI_AUDIT_KEY_FILE={path} gelden voor elke coi-opdracht die vastlegt; een "
                "werkruimte krijgt de sleutel bij het eerste dat zij ermee vastlegt.",
                "Set COI_AUDIT_KEY_FILE={path} for every coi command that records; a "
                "workspace is keyed on the first thing it records with it."),
    "password_on_command_line": (
        "Let op: een wachtwoord op de opdrachtregel blijft in de shellgeschiedenis staan en is "
        "voor andere gebruikers van deze computer te zien in de proceslijst. Laat --password "
        "weg, dan wordt erom gevraagd; verwijder de regel uit de geschiedenis.",
        "Note: a password on the command line stays in the shell history and is visible to "
        "other users of this computer in the process list. Leave out --password to be asked "
        "for it; remove the line from the history."),
    "user_added": ("gebruiker {name} toegevoegd; `coi serve` vraagt nu iedereen zich aan te "
                   "melden.",
                   "user {name} added; `coi serve` now asks everyone to sign in."),
    "user_removed": ("gebruiker {name} verwijderd.", "user {name} removed."),
    "password_prompt": ("Wachtwoord", "Password"),
    "user_row": ("{name}  (toegevoegd {at} door {by})", "{name}  (added {at} by {by})"),
    "no_users": ("Geen accounts: `coi serve` bedient alleen 127.0.0.1, met een token.",
                 "No accounts: `coi serve` only serves 127.0.0.1, with a token."),
    # triage, cases, accept
    "triaged": ("{finding}: {status} (gebeurtenis {event}, {at}, door {by})",
                "{finding}: {status} (event {event}, {at}, by {by})"),
    "triaged_after": ("  in plaats van: {status} (gebeurtenis {event}, {at}, door {by}); dat "
                      "besluit blijft in de geschiedenis (coi cases {finding})",
                      "  instead of: {status} (event {event}, {at}, by {by}); that decision "
                      "stays in the history (coi cases {finding})"),
    "case_accepted_until": ("geaccepteerd tot {until} (#{id})", "accepted until {until} (#{id})"),
    "case_reopened": ("heropend: {why}", "reopened: {why}"),
    "reopened_look": (
        "{n} gesloten zaak/zaken heropend omdat het bewijs veranderde: bekijk ze met "
        "`coi cases --status open --workspace {ws}`.",
        "{n} closed case(s) reopened because their evidence changed: look at them with "
        "`coi cases --status open --workspace {ws}`."),
    "case_evidence_changed": ("bewijs veranderd sinds het laatste besluit",
                              "evidence changed since the last decision"),
    "case_gone": ("niet meer gevonden (laatst gezien in scan {run})",
                  "no longer found (last seen in run {run})"),
    "no_scan_yet": ("De werkruimte bevat nog geen scan; voer eerst `coi scan` uit.",
                    "The workspace holds no scan yet; run `coi scan` first."),
    "cases_total": ("\n{n} zaak/zaken; laatste scan: scan {run} (gegevens tot {as_of}).",
                    "\n{n} case(s); latest scan: run {run} (data up to {as_of})."),
    "cases_gone_hidden": ("{n} zaak/zaken die de laatste scan niet meer vond, staan er niet "
                          "bij: `coi cases --all` toont ze.",
                          "{n} case(s) the latest scan no longer found are not listed: "
                          "`coi cases --all` shows them."),
    "cases_written": ("{n} zaak/zaken geschreven naar {path}.", "{n} case(s) written to {path}."),
    "cases_sheet": ("zaken", "cases"),
    "case_not_found": ("bevinding '{finding}' staat in geen enkele vastgelegde scan; zie "
                       "`coi cases`.",
                       "finding '{finding}' is not in any recorded run; see `coi cases`."),
    "case_status": ("status: {status}", "status: {status}"),
    "case_status_case": (" (zaak: {status})", " (case: {status})"),
    "case_subject": ("betrokkene: {name} ({id})", "subject: {name} ({id})"),
    "case_path": ("pad: {path}", "path: {path}"),
    "case_evidence": ("bewijs: {evidence}", "evidence: {evidence}"),
    "case_runs": ("gezien in scans: {runs}\n", "seen in runs: {runs}\n"),
    "case_no_events": ("Nog geen besluiten (status open).", "No decisions yet (status open)."),
    "accept_one_of": ("gebruik één van: een nieuwe acceptatie (--employee/--org/--rule ...), "
                      "--list, of --revoke ID.",
                      "use one of: a new acceptance (--employee/--org/--rule ...), --list, or "
                      "--revoke ID."),
    "no_acceptances": ("Nog geen acceptaties. Voeg er een toe met `coi accept --employee/--org/"
                       "--rule ... --justification ... --owner ... --until JJJJ-MM-DD`.",
                       "No acceptances yet. Add one with `coi accept --employee/--org/--rule "
                       "... --justification ... --owner ... --until YYYY-MM-DD`."),
    "acceptance_revoked": ("acceptatie {id} ingetrokken ({at}, door {by}).",
                           "acceptance {id} revoked ({at}, by {by})."),
    "acceptance_needs": ("een nieuwe acceptatie heeft {missing} nodig.",
                         "a new acceptance needs {missing}."),
    "acceptance_made": ("acceptatie {id}: {scope}, tot {until}; geldt voor {n} bevinding(en) "
                        "van de laatste scan.",
                        "acceptance {id}: {scope}, until {until}; covers {n} finding(s) of the "
                        "latest scan."),
    "state_revoked": ("ingetrokken", "revoked"),
    "state_in_force": ("van kracht", "in force"),
    "state_expired": ("verlopen", "expired"),
    "csv_json": ("--csv en --json sluiten elkaar uit; kies er één.",
                 "--csv and --json exclude each other; choose one."),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # diff
    "diff_run": ("{side}: {run} (gegevens tot {as_of}, coi-graph {version})",
                 "{side}: {run} (data up to {as_of}, coi-graph {version})"),
    "diff_data_changed": ("gegevens: veranderd: {tables}", "data:    changed: {tables}"),
    "diff_data_same": ("gegevens: identieke invoerbestanden", "data:    identical input files"),
    "diff_settings": ("instellingen veranderd: {names}", "settings changed: {names}"),
    "diff_version": ("versie {a} -> {b}", "tool version {a} -> {b}"),
    "diff_policy": ("beleid:  {what}", "policy:  {what}"),
    "diff_policy_same": ("beleid:  identiek (voor bevindingen)", "policy:  identical (for findings)"),
    "diff_note": ("let op:  {note}", "note:    {note}"),
    "diff_counts": ("\nnieuw {new}, opgelost {resolved}, veranderd {changed}, ongewijzigd "
                    "{unchanged} (waarvan opnieuw gescoord {rescored}); oorzaken via {method}",
                    "\nnew {new}, resolved {resolved}, changed {changed}, unchanged {unchanged} "
                    "(of which re-scored {rescored}); causes by {method}"),
    "diff_rescored": (" (opnieuw gescoord)", " (re-scored)"),
    # report
    "report_no_workspace": (
        "let op: geen werkruimte op {path}; statussen, verloop en meldingscijfers ontbreken "
        "(geef --workspace).",
        "note: no workspace at {path}; statuses, trend and declaration figures are missing "
        "(pass --workspace)."),
    "report_not_in_workspace": (
        "let op: {run} is niet vastgelegd in de werkruimte {path}; statussen, verloop en "
        "meldingscijfers ontbreken (geef met --workspace de werkruimte waarin `coi scan` deze "
        "scan vastlegde).",
        "note: {run} is not recorded in the workspace {path}; statuses, trend and declaration "
        "figures are missing (pass --workspace with the workspace `coi scan` recorded this scan "
        "in)."),
    # mapping
    "mapping_exists": ("{path} bestaat al; geef --force om het te overschrijven, of --out "
                       "BESTAND.",
                       "{path} exists; pass --force to overwrite it, or --out FILE."),
    "mapping_written": ("\nConcept geschreven naar {path}; controleer het en voer daarna "
                        "`{validate}` uit.",
                        "\nDraft written to {path}; check it, then run `{validate}`."),
    # match
    "no_pairs": ("Geen paren. Geen twee records in {data} gelden (mogelijk) als één persoon.",
                 "No pairs. No two records in {data} are taken to be (possibly) one person."),
    "no_pairs_band": (
        "Geen paren. Geen paar in band '{band}'; `coi match list {data} --band all` toont "
        "alle paren.",
        "No pairs. None in band '{band}'; `coi match list {data} --band all` lists every "
        "pair."),
    "judged": ("{pair}: {decision} ({a} ~ {b}) door {by} op {at}; de volgende `coi scan` "
               "volgt dit.",
               "{pair}: {decision} ({a} ~ {b}) by {by} at {at}; the next `coi scan` follows "
               "it."),
    "judge_confirm": ("bevestigd", "confirmed"),
    "judge_reject": ("afgewezen", "rejected"),
    "judge_undo": ("teruggedraaid", "withdrawn"),
    "no_judgement": ("{pair}: geen oordeel om terug te draaien in {path} (zie `coi match "
                     "list`).",
                     "{pair}: no judgement to undo in {path} (see `coi match list`)."),
    "no_such_pair": ("{pair}: zo'n paar staat niet in {data} (de records kunnen veranderd zijn "
                     "sinds de lijst gemaakt werd); `coi match list {data}` geeft de huidige "
                     "paar-id's.",
                     "{pair}: no such pair in {data} (the records may have changed since the "
                     "list was made); run `coi match list {data}` for the current pair ids."),
    # match weights
    "weights_not_read_back": ("{path} las niet terug met de geschatte gewichten en is "
                              "verwijderd; meld dit als fout",
                              "{path} did not read back with the estimated weights and was "
                              "removed; please report this as a bug"),
    "weights_exists": ("{path} bestaat al; een beleidsbestand wordt nooit overschreven (kies "
                       "een nieuwe naam).",
                       "{path} exists; a policy file is never overwritten (choose a new "
                       "name)."),
    "weights_not_written": ("{path}: niet geschreven ({why}).", "{path}: not written ({why})."),
    "weights_written": ("\nBeleid met {n} geschatte gewichten geschreven naar {path}; `coi scan "
                        "{data} --policy {path}` gebruikt het.",
                        "\nPolicy with {n} estimated weights written to {path}; `coi scan "
                        "{data} --policy {path}` uses it."),
    "weights_intro": ("Gewichten geschat uit {records:,} records (u: {pairs:,} willekeurige "
                      "paren; een schatting telt vanaf {min} paren):",
                      "Weights estimated from {records:,} records (u: {pairs:,} random pairs; an "
                      "estimate counts from {min} pairs on):"),
    "weights_converged": ("geconvergeerd na {n} iteraties", "converged after {n} iterations"),
    "weights_not_converged": ("NIET geconvergeerd in {n} iteraties",
                              "NOT converged in {n} iterations"),
    "weights_session_birth": ("m op paren met dezelfde geboortedatum ({pairs:,} paren; {state})",
                              "m on pairs with the same birth date ({pairs:,} pairs; {state})"),
    "weights_session_surname": ("m op paren met dezelfde achternaam ({pairs:,} paren; {state})",
                                "m on pairs with the same surname ({pairs:,} pairs; {state})"),
    "weights_col_level": ("niveau", "level"),
    "weights_col_default": ("beleid", "policy"),
    "weights_col_estimate": ("geschat (of waarom niet)", "estimated (or why not)"),
    "weights_col_pairs": ("paren (steekproef / geblokt)", "pairs (sample / blocked)"),
    "weights_why_clipped": ("afgekapt", "clipped"),
    "weights_why_null": ("-: ontbreekt aan een kant, geen bewijs", "-: missing on a side, no "
                         "evidence"),
    "weights_why_address_off": ("-: adres staat uit in het beleid", "-: address is off in the "
                                "policy"),
    "weights_why_never_seen": ("-: nooit gezien", "-: never seen"),
    "weights_why_u_zero": ("-: u is nul (niet in de steekproef)", "-: u is zero (not in the "
                           "sample)"),
    "weights_why_m_zero": ("-: m is nul (nooit bij één persoon)", "-: m is zero (never "
                           "between records of one person)"),
    "weights_why_few_pairs_sample": ("-: te weinig paren in de steekproef ({n} < {min})",
                                     "-: too few pairs in the sample ({n} < {min})"),
    "weights_why_few_pairs_matches": ("-: te weinig paren van één persoon ({n} < {min})",
                                      "-: too few pairs of one person ({n} < {min})"),
    "weights_why_not_converged": ("-: EM niet geconvergeerd in {iterations} iteraties",
                                  "-: EM not converged in {iterations} iterations"),
    "weights_footer": ("Niet geschat: familieregels, drempels, naamfrequenties en "
                       "ontbrekende velden.  Een schatting kan een familie niet van één "
                       "persoon onderscheiden; de familieregels blijven gelden.",
                       "Not estimated: family rules, thresholds, name frequencies and missing "
                       "fields.  An estimate cannot tell a family from one person; the family "
                       "rules stay."),
    # neo4j
    "neo4j_no_password": ("geen Neo4j-wachtwoord: zet NEO4J_PASSWORD (het wordt nooit uit een "
                          "optie op de opdrachtregel gehaald).",
                          "no Neo4j password: set NEO4J_PASSWORD (it is never taken from a "
                          "command-line option)."),
    "neo4j_password_prompt": ("Neo4j-wachtwoord voor {user}", "Neo4j password for {user}"),
    "neo4j_loaded": ("{data} geladen in {where}:", "Loaded {data} into {where}:"),
    "neo4j_counters": (
        "Knopen gemaakt {nodes_created:,}, verwijderd {nodes_deleted:,}; relaties gemaakt "
        "{relationships_created:,}, verwijderd {relationships_deleted:,}; eigenschappen gezet "
        "{properties_set:,}; constraints toegevoegd {constraints_added}, indexen toegevoegd "
        "{indexes_added}.",
        "Nodes created {nodes_created:,}, deleted {nodes_deleted:,}; relationships created "
        "{relationships_created:,}, deleted {relationships_deleted:,}; properties set "
        "{properties_set:,}; constraints added {constraints_added}, indexes added "
        "{indexes_added}."),
    "neo4j_unchanged": ("Niets veranderd: de database bevatte deze gegevens al.",
                        "Nothing changed: the database already held this data."),
    "neo4j_next": ("Volgende stap: coi scan --engine neo4j {data} --out RUN_MAP",
                   "Next: coi scan --engine neo4j {data} --out RUN_DIR"),
    "neo4j_connected": ("Verbonden met {where} als {user}.", "Connected to {where} as {user}."),
    "neo4j_dataset": ("Geladen gegevensset: {fp}", "Loaded dataset: {fp}"),
    "neo4j_none": ("geen", "none"),
    "export_written": ("{n} bestanden geschreven naar {out} ({nodes:,} knopen, {rels:,} "
                       "relaties).",
                       "Wrote {n} files to {out} ({nodes:,} nodes, {rels:,} relationships)."),
    "export_next": ("Stop de database en voer dan uit (ook in IMPORT.txt):",
                    "Stop the database, then run (also in IMPORT.txt):"),
}


#: Column headings of the tables the commands print (CSV and JSON keep the codes).
HEADINGS: dict[str, tuple[str, str]] = {
    "finding_id": ("bevinding", "finding"), "finding": ("bevinding", "finding"),
    "status": ("status", "status"), "rule": ("regel", "rule"), "severity": ("ernst", "sev"),
    "score": ("score", "score"), "subject_id": ("betrokkene", "subject"),
    "subject": ("betrokkene", "subject"), "subject_name": ("naam", "name"),
    "counterparty": ("tegenpartij", "counterparty"),
    "decision_id": ("besluit/record", "decision/record"), "declared": ("gemeld", "declared"),
    "last_event_at": ("laatste besluit", "last decision"), "info": ("toelichting", "info"),
    "event_id": ("gebeurtenis", "event"), "at": ("wanneer", "at"), "by": ("door", "by"),
    "note": ("notitie", "note"), "acceptance_id": ("id", "id"), "state": ("stand", "state"),
    "scope": ("reikwijdte", "scope"), "valid_until": ("geldig tot", "valid until"),
    "owner": ("eigenaar", "owner"), "justification": ("rechtvaardiging", "justification"),
    "created_at": ("gemaakt op", "created at"), "created_by": ("gemaakt door", "created by"),
    "change": ("verschil", "change"), "cause": ("oorzaak", "cause"),
    "about": ("over", "about"), "reason": ("reden", "reason"),
    "rule_title": ("titel", "title"),
}


def headings(columns: list[str], lang: str) -> dict[str, str]:
    """The table headings of ``columns`` in ``lang``."""
    i = 0 if lang == "nl" else 1
    return {c: HEADINGS[c][i] if c in HEADINGS else c for c in columns}


class _DutchNumbers(string.Formatter):
    """``str.format`` whose ``{n:,}`` writes a Dutch thousands dot (``6.924``, ``1.234,5``):
    the catalogue's Dutch lines share the English lines' format specs."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if "," in format_spec and isinstance(value, (int, float)):
            text = in_dutch_notation(text)
        return text


_DUTCH_NUMBERS = _DutchNumbers()


def t(key: str, lang: str, **values: Any) -> str:
    """The command's own line ``key`` in ``lang``, with ``values`` filled in (numbers with
    a thousands separator in the language's notation).

    >>> t("export_written", "nl", n=3, out="x", nodes=6924, rels=14195)
    '3 bestanden geschreven naar x (6.924 knopen, 14.195 relaties).'
    """
    text = TEXT[key][0 if lang == "nl" else 1]
    if not values:
        return text
    return _DUTCH_NUMBERS.format(text, **values) if lang == "nl" else text.format(**values)


# -- text the library writes in English ----------------------------------------------------

_DATE_FORMS = ("2024-03-01, 01-03-2024, 1-3-2024, 01/03/2024, 01.03.2024 (day first), "
               "1 maart 2024 or 20240301")
_DATE_FORMS_NL = ("2024-03-01, 01-03-2024, 1-3-2024, 01/03/2024, 01.03.2024 (dag eerst), "
                  "1 maart 2024 of 20240301")
_BOOL_FORMS = "ja/nee, yes/no, true/false, 1/0, j/n, y/n, or x for yes and empty for no"
_BOOL_FORMS_NL = "ja/nee, yes/no, true/false, 1/0, j/n, y/n, of x voor ja en leeg voor nee"

#: (English template, Dutch template).  ``{name}`` matches any text and is copied as it is
#: (values, file names, numbers); ``{~name}`` matches a phrase that is itself translated
#: (a column's meaning, a nested message).  Tried in order; whole message first, then each
#: ``; ``-separated clause.
CATALOGUE: list[tuple[str, str]] = [
    # a note several rows share, told once (ingest.validate_rows._report_notes): first, as
    # the note's own template ("{value} is read as ...") would take the count as its value
    ("{=n} rows, the first {~where}: {~note}", "{=n} rijen, de eerste {~where}: {~note}"),
    # progress lines of scan, demo, workspace, ingest
    ("ingest ...", "inlezen ..."),
    ("matching and graph ...", "koppelen en graaf bouwen ..."),
    ("detection ...", "detectie ..."),
    ("writing ...", "wegschrijven ..."),
    ("ingest done in {s}s", "inlezen klaar in {s}s"),
    ("matching and graph done in {s}s", "koppelen en graaf bouwen klaar in {s}s"),
    ("detection done in {s}s", "detectie klaar in {s}s"),
    ("writing done in {s}s", "wegschrijven klaar in {s}s"),
    ("done in {s}s", "klaar in {s}s"),
    ("reading {file}", "lezen: {file}"),
    ("checking references between tables", "verwijzingen tussen tabellen nagaan"),
    ("checking {file} ({n} rows)", "nagaan: {file} ({n} rijen)"),
    ("checking {file} (1 row)", "nagaan: {file} (1 rij)"),
    ("decisions: {n}", "besluiten: {n}"),
    ("candidate paths: {n}", "mogelijke verbanden: {n}"),
    ("reach of {n} handlers and approvers (<= {k} links)",
     "bereik van {n} behandelaars en goedkeurders (<= {k} verbindingen)"),
    ("employees: {n}", "medewerkers: {n}"),
    ("relatives: {n}", "familieleden: {n}"),
    ("organizations: {n}", "organisaties: {n}"),
    ("officers: {n}", "KvK-functionarissen: {n}"),
    ("contracts: {n}", "contracten: {n}"),
    ("allocations: {n}", "toewijzingen: {n}"),
    ("declarations: {n}", "meldingen: {n}"),
    ("gifts: {n}", "geschenken: {n}"),
    ("planted: {n} cases, {m} decoys", "geplant: {n} gevallen, {m} onschuldige dubbelgangers"),
    ("generating a small corporation in {dir}", "een kleine demo-corporatie maken in {dir}"),
    ("generating a medium corporation in {dir}",
     "een middelgrote demo-corporatie maken in {dir}"),
    ("generating a large corporation in {dir}", "een grote demo-corporatie maken in {dir}"),
    ("workspace {ws}: run {run} recorded; {new} new, {reopened} reopened (evidence changed), "
     "{closed} still closed, {accepted} accepted, {gone} no longer found",
     "werkruimte {ws}: scan {run} vastgelegd; {new} nieuw, {reopened} heropend (bewijs "
     "veranderd), {closed} blijven gesloten, {accepted} geaccepteerd, {gone} niet meer "
     "gevonden"),
    # progress lines of the Neo4j commands
    ("connecting to {where}", "verbinden met {where}"),
    ("writing the graph", "de graaf wegschrijven"),
    ("cypher rules ...", "cypher-regels ..."),
    ("cypher rules done in {s}s", "cypher-regels klaar in {s}s"),
    ("  {=what}: {=n} rows", "  {=what}: {=n} rijen"),
    ("  {=what}: {=n} nodes", "  {=what}: {=n} knopen"),
    ("  {=what}: {=n} created", "  {=what}: {=n} gemaakt"),
    ("  {=what}: {=n} relationships", "  {=what}: {=n} relaties"),
    ("  {=what}: {=n} no longer in the input, removed",
     "  {=what}: {=n} niet meer in de invoer, verwijderd"),
    ("  {=what}: {=n} rows in {s}s", "  {=what}: {=n} rijen in {s}s"),
    ("{=n} nodes written", "{=n} knopen geschreven"),
    ("{=n} relationships written", "{=n} relaties geschreven"),
    ("the database already holds this dataset", "de database bevat deze gegevensset al"),
    ("the database already holds this dataset: nothing written",
     "de database bevat deze gegevensset al: niets geschreven"),
    ("{=a} nodes created, {=b} deleted", "{=a} knopen gemaakt, {=b} verwijderd"),
    ("{=a} relationships created, {=b} deleted", "{=a} relaties gemaakt, {=b} verwijderd"),
    ("{=a} properties set", "{=a} eigenschappen gezet"),
    ("{=a} constraints and {=b} indexes added", "{=a} constraints en {=b} indexen toegevoegd"),
    ("{=a} constraints and {=b} indexes added (nothing changed)",
     "{=a} constraints en {=b} indexen toegevoegd (niets veranderd)"),
    ("Neo4j at {uri} refused user '{user}': wrong user name or password ({~why})",
     "Neo4j op {uri} weigerde gebruiker '{user}': verkeerde gebruikersnaam of wachtwoord "
     "({~why})"),
    ("Neo4j at {uri} refused user '{user}': {~why}",
     "Neo4j op {uri} weigerde gebruiker '{user}': {~why}"),
    ("the server locks a user for a few seconds after repeated failed logins: check "
     "NEO4J_PASSWORD, then try again",
     "na herhaald mislukte aanmeldingen blokkeert de server een gebruiker een paar seconden: "
     "controleer NEO4J_PASSWORD en probeer het daarna opnieuw"),
    ("set NEO4J_USER and NEO4J_PASSWORD.", "zet NEO4J_USER en NEO4J_PASSWORD."),
    ("cannot reach Neo4j at {uri}: {~why}. Is the server running and NEO4J_URI right?",
     "Neo4j op {uri} is niet bereikbaar: {~why}. Draait de server en klopt NEO4J_URI?"),
    # the driver's reasons (engines.neo4j.DRIVER_REASONS)
    ("a web server answers at that port, not Neo4j's Bolt protocol (Bolt listens on 7687 "
     "unless configured otherwise, 7474 is Neo4j Browser)",
     "op die poort antwoordt een webserver, niet het Bolt-protocol van Neo4j (Bolt luistert "
     "op 7687, tenzij anders ingesteld, 7474 is Neo4j Browser)"),
    ("nothing accepts connections at that host and port",
     "op die host en poort neemt niets verbindingen aan"),
    ("the host name is not known", "de hostnaam is onbekend"),
    ("the encrypted connection failed: use bolt:// or neo4j:// for a server without TLS, "
     "bolt+s:// or neo4j+s:// for one with TLS",
     "de versleutelde verbinding mislukte: gebruik bolt:// of neo4j:// voor een server zonder "
     "TLS, bolt+s:// of neo4j+s:// voor een server met TLS"),
    ("the server there does not answer as Neo4j does",
     "de server daar antwoordt niet zoals Neo4j"),
    ("no answer in time (a firewall, or the wrong host)",
     "geen antwoord op tijd (een firewall, of de verkeerde host)"),
    ("the network of that host cannot be reached", "het netwerk van die host is onbereikbaar"),
    ("the server closed the connection", "de server verbrak de verbinding"),
    ("no server there gave its routing table: check that it runs at that address (a single "
     "server also answers bolt://)",
     "geen server daar gaf zijn routeringstabel: controleer of hij op dat adres draait (een "
     "losse server antwoordt ook op bolt://)"),
    ("the server did not accept them", "de server accepteerde ze niet"),
    ("too many failed logins in a row", "te veel mislukte aanmeldingen achter elkaar"),
    ("the driver says: '{text}'", "melding van de driver: '{text}'"),
    ("Neo4j settings cannot be used: {why}", "Neo4j-instellingen zijn onbruikbaar: {why}"),
    ("NEO4J_URI {uri} must not hold a user or password: set NEO4J_USER and NEO4J_PASSWORD "
     "instead.",
     "NEO4J_URI {uri} mag geen gebruiker of wachtwoord bevatten: zet in plaats daarvan "
     "NEO4J_USER en NEO4J_PASSWORD."),
    ("NEO4J_URI {uri} is not a Neo4j address",
     "NEO4J_URI {uri} is geen Neo4j-adres"),
    ("NEO4J_URI {uri} has a host or port that cannot be read",
     "NEO4J_URI {uri} heeft een host of poort die niet te lezen is"),
    ("write it as neo4j://host:7687 or bolt://host:7687 (+s for TLS).",
     "schrijf het als neo4j://host:7687 of bolt://host:7687 (+s voor TLS)."),
    ("Neo4j at {uri} has no database '{name}': {why}",
     "Neo4j op {uri} heeft geen database '{name}': {why}"),
    # what scan says when it refuses the input (scan.refuse_on_problems)
    ("--until {date} is in the past: before {ref}, the data date (as_of) of the latest scan. "
     "An acceptance must still be in force for the data it is about.",
     "--until {date} ligt in het verleden: vóór {ref}, de gegevensdatum (as_of) van de "
     "laatste scan. Een acceptatie moet nog gelden voor de gegevens waarover ze gaat."),
    ("{n} problem(s) in the input:", "{n} probleem/problemen in de invoer:"),
    ("{n} warning(s) in the input:", "{n} waarschuwing(en) in de invoer:"),
    ("the same on {n} more row(s): line(s) {lines}", "hetzelfde op nog {n} rij(en): regel(s) {lines}"),
    ("... and {n} more (run `coi validate` to list all).",
     "... en nog {n} (`coi validate` toont ze allemaal)."),
    ("Fix the files above and run again.", "Herstel de bestanden hierboven en probeer opnieuw."),
    ("Files in the folder that were not read; one of them may hold what is missing:",
     "Bestanden in de map die niet zijn gelezen; een ervan bevat misschien wat ontbreekt:"),
    ("Fix these rows, or run again with --skip-bad-rows to leave these rows out (each skipped "
     "row is counted and listed in run.json).",
     "Herstel deze rijen, of probeer opnieuw met --skip-bad-rows om ze weg te laten (elke "
     "overgeslagen rij wordt geteld en vermeld in run.json)."),
    ("--strict stops on warnings: fix the values above, or run without --strict to leave them "
     "out of matching (each is counted per column in run.json).",
     "--strict stopt bij waarschuwingen: herstel de waarden hierboven, of probeer zonder "
     "--strict om ze buiten het koppelen te laten (elke wordt per kolom geteld in run.json)."),
    # reasons a row was skipped or a value left out (counted per file)
    ("unreadable value", "onleesbare waarde"),
    ("unknown id", "onbekend id"),
    ("refers to a skipped row", "verwijst naar een overgeslagen rij"),
    ("fits no organization", "past bij geen organisatie"),
    ("birth date in the future", "geboortedatum in de toekomst"),
    ("placeholder birth date", "plaatsvervangende geboortedatum (onbekend)"),
    ("birth date known by its year only", "geboortedatum waarvan alleen het jaar bekend is"),
    ("postcode of another country without a street", "postcode van een ander land zonder straat"),
    ("national identification number", "nationaal identificatienummer"),
    ("formula without a stored result", "formule zonder opgeslagen uitkomst"),
    ("name too long", "naam te lang"),
    ("line does not fit the header", "regel past niet bij de kopregel"),
    ("identical duplicate (used once)", "identiek dubbel (één keer gebruikt)"),
    ("identical file (read once)", "identiek bestand (één keer gelezen)"),
    ("duplicate decision_id", "dubbel decision_id"),
    ("relative of another employee", "familielid van een andere medewerker"),
    ("unreadable {=column}", "onleesbaar {=column}"),
    ("duplicate {=column}", "dubbel {=column}"),
    ("{=start} after {=end}", "{=start} na {=end}"),
    ("empty {=column}", "leeg {=column}"),
    ("unknown {=column}", "onbekend {=column}"),
    ("missing {=column}", "ontbrekend {=column}"),
    ("no {=a} / {=b}", "geen {=a} / {=b}"),
    # input problems (ingest): values
    ("{value} is not a date", "{value} is geen datum"),
    ("write dates as " + _DATE_FORMS, "schrijf datums als " + _DATE_FORMS_NL),
    ("{value} has a two-digit year", "{value} heeft een jaartal van twee cijfers"),
    ("write the year in four digits: 01-03-2024", "schrijf het jaar in vier cijfers: 01-03-2024"),
    ("{value} is a partial date: its day or month is 00 (unknown, as the population register "
     "writes it)",
     "{value} is een onvolledige datum: de dag of maand is 00 (onbekend, zoals de BRP die "
     "schrijft)"),
    ("write the whole date, or leave the cell empty if it is not known",
     "schrijf de hele datum, of laat de cel leeg als die niet bekend is"),
    ("{value} is not an existing date: check the day and the month (the day comes first)",
     "{value} is geen bestaande datum: controleer dag en maand (de dag komt eerst)"),
    ("{value} looks like an Excel date number", "{value} lijkt een Excel-datumgetal"),
    ("format the column as a date in Excel, or write dates as " + _DATE_FORMS,
     "maak de kolom in Excel op als datum, of schrijf datums als " + _DATE_FORMS_NL),
    ("{value} has year {year}", "{value} heeft jaar {year}"),
    ("{value} has a year of {n} digit(s)", "{value} heeft een jaartal van {n} cijfer(s)"),
    ("{n} birth date(s) with a two-digit year (such as {value}, read as {date}) are read in "
     "the century that puts them in the past at an age under 100",
     "{n} geboortedatum(s) met een jaartal van twee cijfers (zoals {value}, gelezen als "
     "{date}) worden gelezen in de eeuw die ze in het verleden legt, op een leeftijd onder "
     "de 100"),
    ("{n} date(s) with a two-digit year (such as {value}, read as {date}) are read in the "
     "century of the column's other dates, which lie from {a} to {b}",
     "{n} datum(s) met een jaartal van twee cijfers (zoals {value}, gelezen als {date}) "
     "worden gelezen in de eeuw van de andere datums in de kolom, die liggen van {a} tot {b}"),
    ("{n} birth date(s) with a two-digit year (such as {value}, read as {date}) are read in "
     "the century that puts them in the past at an age from {m} to under 100",
     "{n} geboortedatum(s) met een jaartal van twee cijfers (zoals {value}, gelezen als "
     "{date}) worden gelezen in de eeuw die ze in het verleden legt, op een leeftijd van {m} "
     "tot onder de 100"),
    ("{n} date(s) with a two-digit year (such as {value}, read as {date}) are read in the "
     "century that puts them between {a} and {b}, as no date in the column has its year in "
     "four digits",
     "{n} datum(s) met een jaartal van twee cijfers (zoals {value}, gelezen als {date}) "
     "worden gelezen in de eeuw die ze tussen {a} en {b} legt, omdat geen datum in de kolom "
     "een jaartal van vier cijfers heeft"),
    ("{value} may be the open end 31-12-9999 or 31-12-1999 (the year has two digits): left "
     "out, so the period is read as open",
     "{value} kan het open einde 31-12-9999 zijn of 31-12-1999 (het jaartal heeft twee "
     "cijfers): weggelaten, dus de periode wordt als open gelezen"),
    ("write the year in four digits (31-12-9999 for no end)",
     "schrijf het jaar in vier cijfers (31-12-9999 voor geen einde)"),
    ("write the year in four digits to be sure", "schrijf het jaar in vier cijfers om zeker te zijn"),
    # a period's start or end given as a month or a year (ingest.validate_rows)
    ("{n} value(s) give a month or a year only (such as {value}, read as {date}): each is "
     "read as its first day",
     "{n} waarde(n) geven alleen een maand of een jaar (zoals {value}, gelezen als {date}): "
     "elk wordt gelezen als de eerste dag ervan"),
    ("{n} value(s) give a month or a year only (such as {value}, read as {date}): each is "
     "read as its last day",
     "{n} waarde(n) geven alleen een maand of een jaar (zoals {value}, gelezen als {date}): "
     "elk wordt gelezen als de laatste dag ervan"),
    ("write the whole date if it is known", "schrijf de hele datum als die bekend is"),
    # a year of one or two digits (0012): the hint to write four, before the entry below,
    # whose {hint} would take it as it is, in English
    ("dates must lie between {a} and {b}: correct the year in four digits, and write dates as "
     + _DATE_FORMS,
     "datums moeten tussen {a} en {b} liggen: verbeter het jaar in vier cijfers, en schrijf "
     "datums als " + _DATE_FORMS_NL),
    ("dates must lie between {a} and {b}: correct the year{hint}, and write dates as "
     + _DATE_FORMS,
     "datums moeten tussen {a} en {b} liggen: verbeter het jaar{hint}, en schrijf datums als "
     + _DATE_FORMS_NL),
    ("{value} is not an amount", "{value} is geen bedrag"),
    ("{value} is not a number", "{value} is geen getal"),
    ("{value} is a number in Excel's scientific form, rounded as the cell showed it",
     "{value} is een getal in de wetenschappelijke notatie van Excel, afgerond zoals de cel "
     "het toonde"),
    ("format the column as a number in Excel before saving it as CSV",
     "maak de kolom in Excel op als getal voordat u hem als CSV opslaat"),
    ("write it as 1234.56, 1234,56, 1.234,56 or € 1.234,56",
     "schrijf het als 1234.56, 1234,56, 1.234,56 of € 1.234,56"),
    ("write it as 25, 25% or 12,5", "schrijf het als 25, 25% of 12,5"),
    ("{value} is not a position on the list", "{value} is geen plaats op de lijst"),
    ("write a whole number from 1 (1 = first on the candidate list)",
     "schrijf een geheel getal vanaf 1 (1 = eerste op de kandidatenlijst)"),
    ("{value} is not yes or no", "{value} is geen ja of nee"),
    ("write " + _BOOL_FORMS, "schrijf " + _BOOL_FORMS_NL),
    # a declaration's kind written as free text (ingest.declaration_text); before the
    # entry after them, which would take "kind and no word ..." for the column
    ("{value} is not a known kind and no word in it names one",
     "{value} is geen bekende soort en geen woord erin noemt er een"),
    ("a text is read by a word in it that names a kind: {words}",
     "een tekst wordt gelezen aan een woord erin dat een soort noemt: {words}"),
    ("{value} names two kinds, {=a} ({wa}) and {=b} ({wb}); write one kind in the kind "
     "column, a row for each kind",
     "{value} noemt twee soorten, {=a} ({wa}) en {=b} ({wb}); vul één soort in de kolom "
     "kind in, een rij per soort"),
    ("{=n} kind value(s) written as free text are read by the word in them that names a "
     "kind (the first, {~where}: {value} is read as {=code} ({word})); the text is kept as "
     "the position where that is empty; write the kind in the kind column if that is not "
     "meant",
     "{=n} soort(en) als vrije tekst geschreven worden gelezen aan het woord erin dat een "
     "soort noemt (de eerste, {~where}: {value} wordt gelezen als {=code} ({word})); de tekst "
     "wordt bewaard als de functie (position) waar die leeg is; vul de soort in de kolom "
     "kind in als dat niet bedoeld is"),
    ("{=n} organization(s) taken from the kind's text on rows that name none (the first, "
     "{~where}: {org} from {value}); it is looked up in organizations by name as any "
     "org_name; fill in org_id or org_name if that is not meant",
     "{=n} organisatie(s) uit de tekst van de soort genomen op rijen die er geen noemen (de "
     "eerste, {~where}: {org} uit {value}); die wordt in organizations op naam opgezocht "
     "zoals elke org_name; vul org_id of org_name in als dat niet bedoeld is"),
    ("{=n} row(s) with no organization whose kind's text names none that can be told (the "
     "first, {~where}: {value}: {~why}); no organization is taken from it: fill in org_id "
     "or org_name",
     "{=n} rij(en) zonder organisatie waarvan de tekst van de soort er geen noemt die vast "
     "te stellen is (de eerste, {~where}: {value}: {~why}); er wordt geen organisatie uit "
     "genomen: vul org_id of org_name in"),
    ("{=n} share percentage(s) taken from the kind's text on rows whose share_pct is empty "
     "(the first, {~where}: {pct} from {value}); fill in share_pct if that is not meant",
     "{=n} aandelenpercentage(s) uit de tekst van de soort genomen op rijen waarvan share_pct "
     "leeg is (de eerste, {~where}: {pct} uit {value}); vul share_pct in als dat niet bedoeld "
     "is"),
    ("{=n} role(s) written with a remark are read as the role, the remark kept beside it "
     "(the first, {~where}: {value} is read as {code} with remark {remark}); write the role "
     "alone in the role column if that is not meant",
     "{=n} functie(s) met een opmerking erachter worden gelezen als de functie, met de "
     "opmerking ernaast bewaard (de eerste, {~where}: {value} wordt gelezen als {code} met "
     "opmerking {remark}); schrijf alleen de functie in de kolom role als dat niet bedoeld "
     "is"),
    ("it names none after the word of its kind", "die noemt er geen na het woord van de soort"),
    ("it may name more than one (en, of, &)", "die noemt er misschien meer dan een (en, of, &)"),
    ("the words after the kind are a sentence, not a name",
     "de woorden na de soort zijn een zin, geen naam"),
    ("{=n} kind value(s) name a relative on rows without a relative_id (the first, "
     "{~where}: {value} names {word}); they are read as the employee's own: fill in "
     "relative_id to make them the relative's",
     "{=n} soort(en) noemen een familielid op rijen zonder relative_id (de eerste, "
     "{~where}: {value} noemt {word}); ze worden gelezen als die van de medewerker zelf: vul "
     "relative_id in om ze van het familielid te maken"),
    ("{value} is not a known {column}", "{value} is geen bekende {column}"),
    ("the file holds a header but no rows: nothing is read from it",
     "het bestand bevat een kopregel maar geen rijen: er wordt niets uit gelezen"),
    ("export it again if rows were meant to be in it",
     "exporteer het opnieuw als er rijen in hadden moeten staan"),
    ("header cell(s) read with the heading above them: {cells}",
     "kopregelcel(len) gelezen met het kopje erboven: {cells}"),
    ("{n} row(s) are hidden in the workbook (line(s) {lines}: a filter, or rows hidden by "
     "hand)",
     "{n} rij(en) zijn verborgen in de werkmap (regel(s) {lines}: een filter, of met de hand "
     "verborgen rijen)"),
    ("they are read as data like the others: delete them from the export if they are not "
     "meant to be read",
     "ze worden als gegevens gelezen zoals de andere: verwijder ze uit de export als ze niet "
     "gelezen moeten worden"),
    ("this file's header is that of {table} ({columns}), not of {own}: a file of another "
     "table among the files of {own2}",
     "de kopregel van dit bestand is die van {table} ({columns}), niet van {own}: een "
     "bestand van een andere tabel tussen de bestanden van {own2}"),
    ("Excel's lock file (~$), there while the workbook is open",
     "vergrendelbestand van Excel (~$), er zolang de werkmap open is"),
    ("a macOS folder file (.DS_Store)", "een mapbestand van macOS (.DS_Store)"),
    ("a Windows thumbnail cache (Thumbs.db)", "een miniatuurbestand van Windows (Thumbs.db)"),
    ("a Windows folder file (desktop.ini)", "een mapbestand van Windows (desktop.ini)"),
    ("a hidden file", "een verborgen bestand"),
    ("its name fits no table and its header is no table's",
     "de naam past bij geen tabel en de kopregel is van geen tabel"),
    # ingest.read_folder.files_not_read: a link to a folder, a link that cannot be opened
    ("a link to a folder: links to folders are not followed",
     "een koppeling naar een map: koppelingen naar mappen worden niet gevolgd"),
    ("copy the folder itself into the data folder", "kopieer de map zelf naar de gegevensmap"),
    ("it is not opened: put the file itself there, or remove the link",
     "het wordt niet geopend: zet het bestand zelf daar, of verwijder de koppeling"),
    ("rename it after its table or list it under files: in mapping.yaml if it holds one",
     "hernoem het naar zijn tabel of zet het onder files: in mapping.yaml als het er een bevat"),
    ("no table file ({suffix}): only .csv, .tsv, .txt, .xlsx, .xlsm, .xlsb, .xls and .ods "
     "files are read",
     "geen tabelbestand ({suffix}): alleen .csv-, .tsv-, .txt-, .xlsx-, .xlsm-, .xlsb-, .xls- "
     "en .ods-bestanden worden gelezen"),
    ("no table file (no extension): only .csv, .tsv, .txt, .xlsx, .xlsm, .xlsb, .xls and .ods "
     "files are read",
     "geen tabelbestand (geen extensie): alleen .csv-, .tsv-, .txt-, .xlsx-, .xlsm-, .xlsb-, "
     ".xls- en .ods-bestanden worden gelezen"),
    ("the file is an Excel .{kind} workbook, not {suffix} text: it is read as the workbook",
     "het bestand is een Excel-werkmap (.{kind}), geen {suffix}-tekst: het wordt als werkmap "
     "gelezen"),
    ("give it the .{kind} name", "geef het de naam .{kind}"),
    ("this file is identical to {file} (the same content, byte for byte): it is not read "
     "again",
     "dit bestand is gelijk aan {file} (dezelfde inhoud, byte voor byte): het wordt niet "
     "nogmaals gelezen"),
    ("its {n} row(s) are used once, from {file}",
     "de {n} rij(en) ervan worden één keer gebruikt, uit {file}"),
    ("remove one of the two", "verwijder een van de twee"),
    ("sheet {sheet} is read", "blad {sheet} wordt gelezen"),
    ("the other sheets with data are not read: {sheets} (choose another with --sheet or in "
     "mapping.yaml)",
     "de andere bladen met gegevens worden niet gelezen: {sheets} (kies een ander met --sheet "
     "of in mapping.yaml)"),
    ("is named as the file of table {table} but is no table file ({kind})",
     "heeft de naam van het bestand van tabel {table} maar is geen tabelbestand ({kind})"),
    ("it is not read: save it as CSV or .xlsx, or let its copy or download finish",
     "het wordt niet gelezen: sla het op als CSV of .xlsx, of laat het kopiëren of downloaden "
     "eerst afmaken"),
    ("sheet {sheet} is hidden in the workbook", "blad {sheet} is verborgen in de werkmap"),
    ("its rows are read as data like the others: delete the sheet from the export if it is "
     "not meant to be read",
     "de rijen ervan worden als gegevens gelezen zoals de andere: verwijder het blad uit de "
     "export als het niet gelezen moet worden"),
    ("the file is empty (0 bytes, or blank lines only): nothing is read from it",
     "het bestand is leeg (0 bytes, of alleen lege regels): er wordt niets uit gelezen"),
    ("it was perhaps copied while it was being written, or the export failed: export it again",
     "het is misschien gekopieerd terwijl het nog geschreven werd, of de export is mislukt: "
     "exporteer het opnieuw"),
    ("this file's header is that of {table} ({columns}), not of {own}, after which the file "
     "is named",
     "de kopregel van dit bestand is die van {table} ({columns}), niet van {own}, waarnaar het "
     "bestand genoemd is"),
    ("rename it after its table ({files}) to read it as that table, or list it under files: "
     "of that table in mapping.yaml (its rows are not read)",
     "hernoem het naar zijn tabel ({files}) om het als die tabel te lezen, of zet het onder "
     "files: van die tabel in mapping.yaml (de rijen ervan worden niet gelezen)"),
    ("move it out of the data folder, or name it after {table} to read it as that table "
     "(its rows are not read)",
     "haal het uit de gegevensmap, of noem het naar {table} om het als die tabel te lezen "
     "(de rijen ervan worden niet gelezen)"),
    ("{n} row(s) are candidates who were not allocated, as column {header} says ({counts}), "
     "on line(s) {lines}: they are no allocation decisions and are left out, not read as data",
     "{n} rij(en) zijn kandidaten aan wie niet is toegewezen, zoals kolom {header} zegt "
     "({counts}), op regel(s) {lines}: het zijn geen toewijzingsbesluiten; ze worden "
     "weggelaten, niet als gegevens gelezen"),
    ("only rows whose status is an allocation (Toegewezen, Geaccepteerd) are read",
     "alleen rijen waarvan de status een toewijzing is (Toegewezen, Geaccepteerd) worden "
     "gelezen"),
    ("the status ({header}) is empty in a list that also holds candidates who were not "
     "allocated: fill in whether this row is an allocation (Toegewezen, Geaccepteerd) or "
     "not, or remove the row",
     "de status ({header}) is leeg in een lijst die ook kandidaten bevat aan wie niet is "
     "toegewezen: vul in of deze rij een toewijzing is (Toegewezen, Geaccepteerd) of niet, "
     "of verwijder de rij"),
    ("a row that is not known to be an allocation may be a candidate who was not allocated",
     "een rij waarvan niet bekend is dat ze een toewijzing is, kan een kandidaat zijn aan "
     "wie niet is toegewezen"),
    # an optional column whose unreadable value skips the row (``unreadable_skips_row``)
    ("use one of: {codes} (Dutch terms such as {examples} are understood too) (the row is "
     "skipped, not used without the value: {~why})",
     "gebruik een van: {codes} (ook Nederlandse termen als {examples} worden begrepen) (de "
     "rij wordt overgeslagen, niet gebruikt zonder de waarde: {~why})"),
    ("an empty kind means the mandate covers all decisions",
     "een lege soort betekent dat het mandaat alle besluiten dekt"),
    ("use one of: {codes} (Dutch terms such as {examples} are understood too)",
     "gebruik een van: {codes} (ook Nederlandse termen als {examples} worden begrepen)"),
    ("use one of: {codes}", "gebruik een van: {codes}"),
    ("{value} is not an IBAN: an IBAN starts with a two-letter country code and two check "
     "digits, e.g. NL91 ABNA 0417 1643 00",
     "{value} is geen IBAN: een IBAN begint met een landcode van twee letters en twee "
     "controlecijfers, bijv. NL91 ABNA 0417 1643 00"),
    ("IBAN {value} has {n} characters, but {country} IBANs have {m}",
     "IBAN {value} heeft {n} tekens, maar IBAN's uit {country} hebben er {m}"),
    ("check for a missing or extra character", "controleer op een ontbrekend of extra teken"),
    ("IBAN {value} has {n} characters", "IBAN {value} heeft {n} tekens"),
    ("IBANs have 15 to 34", "IBAN's hebben er 15 tot 34"),
    ("IBAN {value} is not a Dutch IBAN: write NL, two check digits, the four-letter bank code "
     "and ten digits, e.g. NL91 ABNA 0417 1643 00",
     "IBAN {value} is geen Nederlandse IBAN: schrijf NL, twee controlecijfers, de bankcode van "
     "vier letters en tien cijfers, bijv. NL91 ABNA 0417 1643 00"),
    ("IBAN {value} fails the mod-97 check digit test",
     "IBAN {value} doorstaat de mod-97-controle niet"),
    ("check for a typing error", "controleer op een tikfout"),
    ("KvK number {value} holds characters other than digits",
     "KvK-nummer {value} bevat andere tekens dan cijfers"),
    ("write the 8-digit number, e.g. 12345678", "schrijf het nummer van 8 cijfers, bijv. 12345678"),
    ("{value} has 12 digits: that is a branch number (vestigingsnummer), not a KvK number",
     "{value} heeft 12 cijfers: dat is een vestigingsnummer, geen KvK-nummer"),
    ("{value} is a VAT number (btw-nummer), not a KvK number",
     "{value} is een btw-nummer, geen KvK-nummer"),
    ("write the organization's 8-digit KvK number",
     "schrijf het KvK-nummer van 8 cijfers van de organisatie"),
    ("KvK number {value} has {n} digits", "KvK-nummer {value} heeft {n} cijfers"),
    ("a KvK number has 8 (an RSIN or BSN has 9: use the KvK number instead)",
     "een KvK-nummer heeft er 8 (een RSIN of BSN heeft er 9: gebruik het KvK-nummer)"),
    ("KvK number {value} is all zeros", "KvK-nummer {value} bestaat alleen uit nullen"),
    ("write the real 8-digit number", "schrijf het echte nummer van 8 cijfers"),
    ("postcode {value} is not a Dutch postcode",
     "postcode {value} is geen Nederlandse postcode"),
    ("write four digits (not starting with 0) and two letters, e.g. 1234 AB",
     "schrijf vier cijfers (niet beginnend met 0) en twee letters, bijv. 1234 AB"),
    ("postcode {value} cannot exist: the letters SA, SD and SS are never used in Dutch "
     "postcodes",
     "postcode {value} kan niet bestaan: de letters SA, SD en SS komen in Nederlandse "
     "postcodes nooit voor"),
    ("house number addition {value} is not usable",
     "huisnummertoevoeging {value} is onbruikbaar"),
    ("write letters or digits only, e.g. A, 2 or BIS",
     "schrijf alleen letters of cijfers, bijv. A, 2 of BIS"),
    ("house number {value} does not start with a number",
     "huisnummer {value} begint niet met een getal"),
    ("write the number in house_number and any addition (a, 2, bis) in house_number_addition",
     "schrijf het nummer in house_number en een toevoeging (a, 2, bis) in "
     "house_number_addition"),
    ("house number {value} is not a house number (1 to 99999)",
     "huisnummer {value} is geen huisnummer (1 tot 99999)"),
    ("correct it", "verbeter het"),
    ("house number {value} already carries addition {a}, but house_number_addition says {b}",
     "huisnummer {value} heeft al toevoeging {a}, maar house_number_addition zegt {b}"),
    ("keep the addition in one column only", "zet de toevoeging in één kolom"),
    ("phone number {value} is not a phone number", "telefoonnummer {value} is geen "
     "telefoonnummer"),
    ("phone number {value} has the wrong number of digits or an unknown area code",
     "telefoonnummer {value} heeft een verkeerd aantal cijfers of een onbekend netnummer"),
    ("write it as 06-12345678, 020-1234567 or +31 20 1234567",
     "schrijf het als 06-12345678, 020-1234567 of +31 20 1234567"),
    ("phone number {value} could be a citizen service number (BSN): nine digits without a "
     "leading 0 that pass the eleven test",
     "telefoonnummer {value} kan een burgerservicenummer (BSN) zijn: negen cijfers zonder "
     "voorloop-0 die de elfproef doorstaan"),
    ("it is left out and not shown", "het wordt weggelaten en niet getoond"),
    ("if it is a phone number, write it with its leading 0, e.g. 06-12345678",
     "is het een telefoonnummer, schrijf het dan met de 0 ervoor, bijv. 06-12345678"),
    ("e-mail {value} holds more than one address", "e-mail {value} bevat meer dan één adres"),
    ("keep one per row", "houd er één per rij"),
    ("e-mail {value} is not an e-mail address", "e-mail {value} is geen e-mailadres"),
    ("write it as name@example.nl", "schrijf het als naam@voorbeeld.nl"),
    # input problems (ingest): rows
    ("{column} is empty but required: fill in {~meaning}, or remove the row",
     "{column} is leeg maar verplicht: vul {~meaning} in, of verwijder de rij"),
    ("no organization given: fill in {~a} or {~b} or {~c}",
     "geen organisatie opgegeven: vul {~a}, {~b} of {~c} in"),
    ("no organization given: fill in {~a} or {~b}",
     "geen organisatie opgegeven: vul {~a} of {~b} in"),
    # a column and what it holds, as the message above names each
    ("{=column} ({~meaning})", "{=column} ({~meaning})"),
    ("{start} {a} is after {end} {b}", "{start} {a} ligt na {end} {b}"),
    ("correct or swap the dates", "verbeter of verwissel de datums"),
    ("birth date {value} lies in the future", "geboortedatum {value} ligt in de toekomst"),
    ("correct the date (day first: 01-03-1980)", "verbeter de datum (dag eerst: 01-03-1980)"),
    ("this row is identical to {~where} ({column} {value})",
     "deze rij is gelijk aan {~where} ({column} {value})"),
    ("{n} row(s) are identical to a row before them with the same {column}, the first on "
     "line {line} ({=column2} {value}, identical to {~where})",
     "{n} rij(en) zijn gelijk aan een eerdere rij met dezelfde {column}, de eerste op regel "
     "{line} ({=column2} {value}, gelijk aan {~where})"),
    ("overlapping exports: it is used once", "overlappende exports: ze wordt één keer gebruikt"),
    ("overlapping exports: each is used once",
     "overlappende exports: elk ervan wordt één keer gebruikt"),
    ("this row is the same as {~where} ({column} {value}) but for how it writes {ids}",
     "deze rij is gelijk aan {~where} ({column} {value}), op de schrijfwijze van {ids} na"),
    ("overlapping exports: it is used once, as that row has it",
     "overlappende exports: ze wordt één keer gebruikt, zoals die rij haar heeft"),
    ("{=column} {value} names 2 ids of {file} (column {=target}): the first, {first}, is read "
     "as {=column2}, the second, {second}, as {=column3}",
     "{=column} {value} noemt 2 id's uit {file} (kolom {=target}): de eerste, {first}, wordt "
     "gelezen als {=column2}, de tweede, {second}, als {=column3}"),
    ("{=column} {value} names {n} ids of {file} (column {=target}): the first, {first}, is "
     "read",
     "{=column} {value} noemt {n} id's uit {file} (kolom {=target}): de eerste, {first}, wordt "
     "gelezen"),
    ("the others are not checked for this row (one id per cell, or a row per id)",
     "de andere worden voor deze rij niet getoetst (één id per cel, of een rij per id)"),
    ("{~where} has {id}, one typed character apart, which no {=column} names",
     "{~where} heeft {id}, één getypt teken anders, dat geen {=column} noemt"),
    ("{~where} has login {login} of {id}, one typed character apart",
     "{~where} heeft login {login} van {id}, één getypt teken anders"),
    ("{~where} has {id}, one typed character apart",
     "{~where} heeft {id}, één getypt teken anders"),
    # the whole of a household's second and third row (the ': ' inside is no clause break
    # the parts below are split on): before the parts, so the later part cannot take the
    # English head as its {person}
    ("{column} {value} also appears on {~where} with another person of the household "
     "({person}): read as that allocation's co-applicant",
     "{column} {value} komt ook voor op {~where} met een andere persoon van het huishouden "
     "({person}): gelezen als de medeaanvrager van die toewijzing"),
    ("{column} {value} also appears on {~where}, which has an applicant and a co-applicant "
     "already: {person}, a further person of the household, is not checked by the rules",
     "{column} {value} komt ook voor op {~where}, die al een aanvrager en een medeaanvrager "
     "heeft: {person}, nog een persoon van het huishouden, wordt niet door de regels getoetst"),
    ("{column} {value} also appears on {~where} with another person of the household "
     "({person})",
     "{column} {value} komt ook voor op {~where} met een andere persoon van het huishouden "
     "({person})"),
    ("read as that allocation's co-applicant", "gelezen als de medeaanvrager van die toewijzing"),
    ("{column} {value} also appears on {~where}, which has an applicant and a co-applicant "
     "already",
     "{column} {value} komt ook voor op {~where}, die al een aanvrager en een medeaanvrager "
     "heeft"),
    ("{person}, a further person of the household, is not checked by the rules",
     "{person}, nog een persoon van het huishouden, wordt niet door de regels getoetst"),
    ("{column} {value} also appears on {~where} with other values in {columns}",
     "{column} {value} komt ook voor op {~where} met andere waarden in {columns}"),
    ("{column} {value} also appears on {~where} with other values",
     "{column} {value} komt ook voor op {~where} met andere waarden"),
    ("ids must be unique: give one of the rows another id, or remove the wrong one (this row "
     "is skipped)",
     "id's moeten uniek zijn: geef een van de rijen een ander id, of verwijder de verkeerde "
     "(deze rij wordt overgeslagen)"),
    ("{column} has {n} characters in {m} words",
     "{column} heeft {n} tekens in {m} woorden"),
    ("a name has at most {n} characters and {m} words: check the cell (a note or a whole text "
     "pasted in?)",
     "een naam heeft hoogstens {n} tekens en {m} woorden: controleer de cel (een notitie of "
     "een hele tekst geplakt?)"),
    ("kvk_number {value} is also the KvK number of org_id {org} ({~where})",
     "kvk_number {value} is ook het KvK-nummer van org_id {org} ({~where})"),
    ("if they are the same organization, merge the rows so links to it are found",
     "als het dezelfde organisatie is, voeg de rijen samen zodat verbanden ermee gevonden "
     "worden"),
    ("{column} {value} is not found in {file} (column {target})",
     "{column} {value} staat niet in {file} (kolom {target})"),
    ("add it there, or correct the id", "voeg het daar toe, of verbeter het id"),
    ("{column} {value} is read as {id} of {file} (column {target}): the same id written "
     "differently (case, spaces, leading zeros or a trailing .0)",
     "{column} {value} wordt gelezen als {id} uit {file} (kolom {target}): hetzelfde id, "
     "anders geschreven (hoofdletters, spaties, voorloopnullen of een .0 erachter)"),
    ("correct it in the export", "verbeter het in de export"),
    ("{n} value(s) are an id of {file} (column {target}) written differently (case, spaces, "
     "leading zeros or a trailing .0) and are read as that id, e.g. {value} ({~where}) as {id}",
     "{n} waarde(n) zijn een id uit {file} (kolom {target}), anders geschreven "
     "(hoofdletters, spaties, voorloopnullen of een .0 erachter), en worden gelezen als dat "
     "id, bijv. {value} ({~where}) als {id}"),
    # where the first of a table of several files is (ingest.validate_rows: no-value words)
    ("the first is on {~where}", "de eerste staat op {~where}"),
    # the first value of a table of several files read through a name (ingest.references)
    ("the first is {value} ({~where}), read as {id}",
     "de eerste is {value} ({~where}), gelezen als {id}"),
    ("correct them in the export (an id column exported as text keeps its leading zeros)",
     "verbeter ze in de export (een kolom met id's die als tekst wordt geëxporteerd houdt "
     "haar voorloopnullen)"),
    ("{column} {value} refers to {target}, but there is no {file}",
     "{column} {value} verwijst naar {target}, maar er is geen {file}"),
    ("add that file, or clear the column", "voeg dat bestand toe, of maak de kolom leeg"),
    ("{column} {value} refers to a row of {file} ({~where}) that is skipped because of an "
     "error there",
     "{column} {value} verwijst naar een rij van {file} ({~where}) die daar door een fout "
     "wordt overgeslagen"),
    ("this row is skipped too", "deze rij wordt ook overgeslagen"),
    ("this row is used without it", "deze rij wordt zonder die verwijzing gebruikt"),
    ("{n} {column} value(s) fit no organization in {file} (by name, trade name or KvK "
     "number), such as {value} (line {line})",
     "{n} waarde(n) in {column} passen bij geen organisatie in {file} (op naam, handelsnaam "
     "of KvK-nummer), zoals {value} (regel {line})"),
    ("these gifts have no giver, so they are not checked against decisions",
     "deze geschenken hebben dus geen gever en worden niet naast besluiten gelegd"),
    ("give the rows an org_id, or add the organizations to {file}",
     "geef de rijen een org_id, of voeg de organisaties toe aan {file}"),
    ("the declaration is read as the employee's own",
     "de melding wordt gelezen als een eigen belang van de medewerker"),
    ("relative_id {r} belongs to employee {e} ({~where}), not to employee_id {other}",
     "relative_id {r} hoort bij medewerker {e} ({~where}), niet bij employee_id {other}"),
    ("correct one of the two ids", "verbeter een van de twee id's"),
    ("kvk_number {value} is not the KvK number of any organization in {file}",
     "kvk_number {value} is van geen enkele organisatie in {file} het KvK-nummer"),
    ("add the organization with this kvk_number, or correct it",
     "voeg de organisatie met dit kvk_number toe, of verbeter het"),
    ("the officer's organization is given by kvk_number only, and {file} has no KvK numbers "
     "(no kvk_number column, or an empty one)",
     "de organisatie van de functionaris staat er alleen als kvk_number, en {file} heeft geen "
     "KvK-nummers (geen kolom kvk_number, of een lege)"),
    ("add them to {file}, or give the officers an org_id column",
     "voeg ze toe aan {file}, of geef de functionarissen een kolom org_id"),
    ("decision_id {value} is also used in {~where}",
     "decision_id {value} wordt ook gebruikt in {~where}"),
    ("line {=n}", "regel {=n}"),
    ("{=file} line {=n}", "{=file} regel {=n}"),
    ("decision ids must be unique over contracts and allocations: give one of them another id",
     "besluit-id's moeten uniek zijn over contracten en toewijzingen heen: geef een van beide "
     "een ander id"),
    ("the line has {n} value(s) but the header has {m} columns: the line may be cut off",
     "de regel heeft {n} waarde(n) maar de kopregel {m} kolommen: de regel is misschien "
     "afgebroken"),
    ("the missing values are read as empty", "de ontbrekende waarden worden als leeg gelezen"),
    ("the line has {n} values but the header has {m} columns",
     "de regel heeft {n} waarden maar de kopregel {m} kolommen"),
    ("a value probably holds an unquoted '{d}': put such values in double quotes",
     "een waarde bevat waarschijnlijk een '{d}' zonder aanhalingstekens: zet zulke waarden "
     "tussen dubbele aanhalingstekens"),
    ("the row has values in {n} column(s) right of the last named column",
     "de rij heeft waarden in {n} kolom(men) rechts van de laatste kolom met een naam"),
    ("give those columns a name in the header row or clear them",
     "geef die kolommen een naam in de kopregel of maak ze leeg"),
    ("cell {ref} holds a formula whose result was never stored in the file (it was written by "
     "a program that does not calculate)",
     "cel {ref} bevat een formule waarvan de uitkomst nooit in het bestand is opgeslagen (het "
     "is geschreven door een programma dat niet rekent)"),
    ("open and save the workbook in Excel, or paste the values",
     "open de werkmap in Excel en sla haar op, of plak de waarden"),
    ("byte 0x{b} is not valid UTF-8", "byte 0x{b} is geen geldige UTF-8"),
    ("read as Windows-1252 {c}: check the value and save the file as UTF-8",
     "gelezen als Windows-1252 {c}: controleer de waarde en sla het bestand op als UTF-8"),
    ("byte 0x{b} has no meaning in Windows-1252", "byte 0x{b} betekent niets in Windows-1252"),
    ("read as '\ufffd': check the value", "gelezen als '\ufffd': controleer de waarde"),
    # input problems (ingest): files and headers
    ("required file missing: put {a} or {b} ({~what}) in {dir} (or name its file in "
     "mapping.yaml",
     "verplicht bestand ontbreekt: zet {a} of {b} ({~what}) in {dir} (of noem het bestand in "
     "mapping.yaml"),
    ("see docs/input-format.md)", "zie docs/input-format.md)"),
    ("no decisions to check: put contracts.csv or contracts.xlsx (procurement decisions), "
     "allocations.csv or allocations.xlsx (housing decisions), or both in {dir}",
     "geen besluiten om te toetsen: zet contracts.csv of contracts.xlsx (inkoopbesluiten), "
     "allocations.csv of allocations.xlsx (woningtoewijzingen), of beide in {dir}"),
    ("the data folder does not exist or is not a folder",
     "de gegevensmap bestaat niet of is geen map"),
    ("pass the folder that holds employees.csv, organizations.csv and contracts.csv (or .xlsx)",
     "geef de map met employees.csv, organizations.csv en contracts.csv (of .xlsx)"),
    ("the data folder cannot be listed ({why})", "de gegevensmap kan niet worden gelezen ({why})"),
    ("check permissions", "controleer de rechten"),
    ("cannot be read: {~why}", "kan niet worden gelezen: {~why}"),
    ("column {name} appears more than once in the header",
     "kolom {name} staat meer dan eens in de kopregel"),
    ("column {name} appears more than once in the header (columns {a} and {b})",
     "kolom {name} staat meer dan eens in de kopregel (kolommen {a} en {b})"),
    ("keep one of them and run again", "houd er één van over en probeer opnieuw"),
    ("required column {name} is missing in this file but present in the table's other files",
     "verplichte kolom {name} ontbreekt in dit bestand maar staat in de andere bestanden van "
     "de tabel"),
    ("add it, or name the column that holds it in mapping.yaml",
     "voeg haar toe, of noem in mapping.yaml de kolom waarin ze staat"),
    ("header {heads} looks like {column} ({~meaning}) but is not read as it",
     "kop {heads} lijkt op {column} ({~meaning}) maar wordt er niet als gelezen"),
    ("header {heads} looks like {=column} but is not read as it",
     "kop {heads} lijkt op {=column} maar wordt er niet als gelezen"),
    ("name the column to use in mapping.yaml (`coi mapping DATA_DIR` writes a draft), or "
     "write ignore for it there",
     "noem de kolom die gebruikt moet worden in mapping.yaml (`coi mapping DATA_DIR` schrijft "
     "een concept), of schrijf daar ignore voor haar"),
    ("required column {name} is missing ({~meaning}). Likely: {likely}",
     "verplichte kolom {name} ontbreekt ({~meaning}). Waarschijnlijk: {likely}"),
    ("required column {name} is missing ({~meaning}). Add it to the export, or map the column "
     "that holds it in mapping.yaml (`coi mapping DATA_DIR` writes a draft",
     "verplichte kolom {name} ontbreekt ({~meaning}). Voeg haar toe aan de export, of koppel "
     "in mapping.yaml de kolom waarin ze staat (`coi mapping DATA_DIR` schrijft een concept"),
    ("add it to the export, or map the column that holds it in mapping.yaml (`coi mapping "
     "DATA_DIR` writes a draft",
     "voeg haar toe aan de export, of koppel in mapping.yaml de kolom waarin ze staat (`coi "
     "mapping DATA_DIR` schrijft een concept"),
    ("the header has: {cells})", "de kopregel heeft: {cells})"),
    ("needs a column {a} or {b} or {c}", "heeft een kolom {a}, {b} of {c} nodig"),
    ("needs a column {a} or {b}", "heeft een kolom {a} of {b} nodig"),
    ("needs a column {names}", "heeft een kolom {names} nodig"),
    ("add one to the export (the header has: {cells})",
     "voeg er een toe aan de export (de kopregel heeft: {cells})"),
    ("column {index} has values but no name in the header row",
     "kolom {index} heeft waarden maar geen naam in de kopregel"),
    ("its values are ignored: give the column a name, or remove it",
     "de waarden worden genegeerd: geef de kolom een naam, of verwijder haar"),
    ("column {name} holds citizen service numbers (BSN)",
     "kolom {name} bevat burgerservicenummers (BSN)"),
    ("column {name} holds a national identification number (a social security or tax "
     "number)",
     "kolom {name} bevat een nationaal identificatienummer (een sociaal-zekerheids- of "
     "belastingnummer)"),
    ("coi-graph does not process such numbers: its {n} value(s) are left out, not read and "
     "not kept",
     "coi-graph verwerkt zulke nummers niet: de {n} waarde(n) worden weggelaten, niet gelezen "
     "en niet bewaard"),
    ("remove the column from the export", "haal de kolom uit de export"),
    ("column {name} holds no Dutch postcode (four digits and two letters), but {n} of four "
     "or five digits (such as {example}): another country's postcodes, or Dutch ones without "
     "their letters",
     "kolom {name} bevat geen Nederlandse postcode (vier cijfers en twee letters), maar {n} "
     "van vier of vijf cijfers (zoals {example}): postcodes van een ander land, of "
     "Nederlandse zonder hun letters"),
    ("column {name} holds no Dutch postcode (four digits and two letters), but {n} in another "
     "country's form (such as {example})",
     "kolom {name} bevat geen Nederlandse postcode (vier cijfers en twee letters), maar {n} "
     "in de vorm van een ander land (zoals {example})"),
    ("column {name} holds no Dutch postcode (four digits and two letters), but {n} of another "
     "country (such as {example}) and no street to read them with: such a postcode alone is "
     "no address, so they are left out",
     "kolom {name} bevat geen Nederlandse postcode (vier cijfers en twee letters), maar {n} "
     "van een ander land (zoals {example}) en geen straat om ze mee te lezen: zo'n postcode "
     "alleen is geen adres, dus ze worden weggelaten"),
    ("the {n} with a street are read together with it (such as {example}), as digits and a "
     "house number alone are no address",
     "de {n} met een straat worden samen met die straat gelezen (zoals {example}), want "
     "cijfers en een huisnummer alleen zijn geen adres"),
    ("{n} without a street are left out", "{n} zonder straat worden weggelaten"),
    ("coi-graph must not process them: remove the column from the export and run again",
     "coi-graph mag die niet verwerken: haal de kolom uit de export en probeer opnieuw"),
    ("coi-graph must not process them: export {~what} without using the BSN, and run again",
     "coi-graph mag die niet verwerken: exporteer {~what} zonder het BSN te gebruiken, en "
     "probeer opnieuw"),
    # a BSN typed into a text value, a file name with one, a link out of the data folder
    # (ingest.validate_rows._mask_bsn_in_text, ingest.read_files.locate_table_files)
    ("holds a nine-digit number that passes the eleven test (a possible BSN)",
     "bevat een getal van negen cijfers dat de elfproef doorstaat (mogelijk een BSN)"),
    ("it is replaced by ********* and never shown: remove it from the export",
     "het wordt vervangen door ********* en nooit getoond: haal het uit de export"),
    ("the file name holds a nine-digit number that passes the eleven test (a possible BSN), "
     "shown here as *********",
     "de bestandsnaam bevat een getal van negen cijfers dat de elfproef doorstaat (mogelijk "
     "een BSN), hier getoond als *********"),
    ("the file is not read: rename it without the number and run again",
     "het bestand wordt niet gelezen: geef het een naam zonder het getal en probeer opnieuw"),
    ("{=option} holds a nine-digit number that passes the eleven test (a possible BSN)",
     "{=option} bevat een getal van negen cijfers dat de elfproef doorstaat (mogelijk een BSN)"),
    # a typed note too long or with a control character (workspace.text_problem)
    ("{=option} is {=n} characters long, more than the {=max} a text may hold",
     "{=option} is {=n} tekens lang, meer dan de {=max} die een tekst mag bevatten"),
    ("shorten it and try again", "maak hem korter en probeer opnieuw"),
    ("{=option} holds a control character ({=code}), which would change how a terminal or a "
     "page shows the text",
     "{=option} bevat een stuurteken ({=code}) dat zou veranderen hoe een terminal of een "
     "pagina de tekst toont"),
    ("leave it out and try again", "laat het weg en probeer opnieuw"),
    ("coi-graph must not keep a BSN: leave the number out and try again",
     "coi-graph mag geen BSN bewaren: laat het getal weg en probeer opnieuw"),
    ("is not a file (a folder, a device or a pipe)",
     "is geen bestand (een map, een apparaat of een pipe)"),
    ("is larger than 1 MB: too large for a settings file",
     "is groter dan 1 MB: te groot voor een instellingenbestand"),
    ("it is not read: remove it from the data folder, or name the mapping file with --mapping",
     "het wordt niet gelezen: haal het uit de gegevensmap, of noem het koppelbestand met "
     "--mapping"),
    ("give the mapping file itself", "geef het koppelbestand zelf"),
    ("give the policy file itself.", "geef het beleidsbestand zelf."),
    ("is a link to a file outside the data folder",
     "is een koppeling naar een bestand buiten de gegevensmap"),
    ("it is not read: copy the file itself into the data folder and run again",
     "het wordt niet gelezen: kopieer het bestand zelf naar de gegevensmap en probeer opnieuw"),
    ("the header is on line {n}", "de kopregel staat op regel {n}"),
    ("the line(s) above it are read as a title, not as data ({lines})",
     "de regel(s) erboven worden gelezen als titel, niet als gegevens ({lines})"),
    ("line {n} is below the data and holds none of {cols} but the sum of the {=col} values "
     "above ({lines}): read as a totals line, not as data",
     "regel {n} staat onder de gegevens en bevat geen van {cols}, wel de som van de waarden van "
     "{=col} erboven ({lines}): gelezen als totaalregel, niet als gegevens"),
    ("line {n} is below the data, read as a footer (totals), not as data ({lines})",
     "regel {n} staat onder de gegevens en wordt gelezen als voettekst (totalen), niet als "
     "gegevens ({lines})"),
    ("lines {a}-{b} are below the data, read as a footer (totals), not as data ({lines})",
     "regels {a}-{b} staan onder de gegevens en worden gelezen als voettekst (totalen), niet "
     "als gegevens ({lines})"),
    ("column {a} looks like {name}, but {b} is read as {name2}",
     "kolom {a} lijkt op {name}, maar {b} wordt gelezen als {name2}"),
    ("{a} is kept as an extra column", "{a} blijft een extra kolom"),
    ("column {a} numbers a third person beside {=name} and {=name2}: only two are read",
     "kolom {a} nummert een derde persoon naast {=name} en {=name2}: alleen twee worden "
     "gelezen"),
    ("the file name fits tables {tables}", "de bestandsnaam past bij tabellen {tables}"),
    ("rename it, or name its table in mapping.yaml",
     "hernoem het, of noem de tabel in mapping.yaml"),
    ("is named like a file of table {table} but is {~kind}",
     "heeft de naam van een bestand van tabel {table} maar is {~kind}"),
    ("it is not read: put the real file there, or remove or rename it",
     "het wordt niet gelezen: zet het echte bestand daar, of verwijder of hernoem het"),
    ("not read: its name fits no table", "niet gelezen: de naam past bij geen tabel"),
    ("read as table {=table}: its name fits no table, but its header names the table's columns "
     "and no file named after it holds that table",
     "gelezen als tabel {=table}: de naam past bij geen tabel, maar de kopregel noemt de "
     "kolommen van de tabel en geen bestand met de naam van die tabel bevat haar"),
    ("its header is that of table {=table}, which is read from {files}",
     "de kopregel is die van tabel {=table}, die gelezen wordt uit {files}"),
    ("to read it as a part of that table, name it after the table ({file}), or remove it",
     "noem het naar de tabel ({file}) om het als deel van die tabel te lezen, of verwijder het"),
    ("rename it after its table (contracts_2024.csv, medewerkers.xlsx) or list it under "
     "files: in mapping.yaml",
     "hernoem het naar zijn tabel (contracts_2024.csv, medewerkers.xlsx) of zet het onder "
     "files: in mapping.yaml"),
    ("it is not read: save it as .xlsx or CSV", "het wordt niet gelezen: sla het op als .xlsx of CSV"),
    ("a value is longer than {n} characters (the field-size limit)",
     "een waarde is langer dan {n} tekens (de grens voor één waarde)"),
    ("on line {line} the value of column {name} is longer than {n} characters (the "
     "field-size limit)",
     "op regel {line} is de waarde van kolom {name} langer dan {n} tekens (de grens voor één "
     "waarde)"),
    ("near line {line} a value is longer than {n} characters (the field-size limit)",
     "rond regel {line} is een waarde langer dan {n} tekens (de grens voor één waarde)"),
    ("no export holds such a value: a quote probably runs on, or binary data was pasted in",
     "geen export bevat zo'n waarde: waarschijnlijk loopt een aanhalingsteken door, of zijn "
     "er binaire gegevens in geplakt"),
    ("no export holds such a value: a quote probably runs on",
     "geen export bevat zo'n waarde: waarschijnlijk loopt een aanhalingsteken door"),
    ("check the file", "controleer het bestand"),
    ("the header has {n} columns, more than the {m} an export of a table can have",
     "de kopregel heeft {n} kolommen, meer dan de {m} die een export van een tabel kan hebben"),
    ("check that this is the export (and its delimiter), or leave out the columns the "
     "analyzer does not need",
     "controleer of dit de export is (en het scheidingsteken), of laat de kolommen weg die de "
     "analyse niet nodig heeft"),
    ("{n} birth date(s) 1900-01-01, the date a database writes for an unknown one, are read "
     "as empty",
     "{n} geboortedatum(s) 1900-01-01, de datum die een database schrijft voor een onbekende, "
     "worden als leeg gelezen"),
    ("{n} of {m} birth date(s) fall on 1 January, far more than on any other day: a register "
     "writes a birth date known only by its year so (as 00-00-1965), so they are read as a "
     "year only: the date is left out, its year is kept for matching",
     "{n} van {m} geboortedatum(s) vallen op 1 januari, veel vaker dan op een andere dag: een "
     "register schrijft een geboortedatum waarvan alleen het jaar bekend is zo (zoals "
     "00-00-1965), dus ze worden gelezen als alleen een jaar: de datum wordt weggelaten, het "
     "jaar wordt bewaard voor het koppelen"),
    ("{n} birth date(s) before {year} (such as {value}) are read as written: nobody alive "
     "today was born then, so check the year where these are living people",
     "{n} geboortedatum(s) van vóór {year} (zoals {value}) worden gelezen zoals ze er staan: "
     "niemand die nu leeft is toen geboren, dus controleer het jaar als het levende mensen "
     "zijn"),
    ("{n} value(s) marked as text ({values}: Excel's apostrophe or quotes around the value) "
     "are read without the mark",
     "{n} waarde(n) gemarkeerd als tekst ({values}: de apostrof van Excel of aanhalingstekens "
     "om de waarde) worden zonder die markering gelezen"),
    ("{column} {value} ({name}) also appears on {~where}: another position of the same "
     "employee",
     "{column} {value} ({name}) staat ook op {~where}: een andere functie van dezelfde "
     "medewerker"),
    ("the rows are read as one employee (employed from the first start to the last end, role "
     "and department of the latest position)",
     "de regels worden gelezen als één medewerker (in dienst van de eerste begindatum tot de "
     "laatste einddatum, met rol en afdeling van de laatste functie)"),
    ("another position of an employee (merged)", "andere functie van een medewerker (samengevoegd)"),
    ("{n} birth date(s) are one date shared by more records than people share a birthday "
     "({dates}): a placeholder for an unknown date, read as empty",
     "{n} geboortedatum(s) zijn één datum die meer records delen dan mensen een verjaardag "
     "delen ({dates}): een plaatsvervanger voor een onbekende datum, gelezen als leeg"),
    ("{column} {value} ({name}) also appears on {~where}: the same organization",
     "{column} {value} ({name}) staat ook op {~where}: dezelfde organisatie"),
    ("the rows are read as one", "de regels worden als één gelezen"),
    ("its other {what} is kept: it links as the first row's does",
     "het andere {what} wordt bewaard: het verbindt zoals dat van de eerste regel"),
    ("another row of an organization (merged)", "andere regel van een organisatie (samengevoegd)"),
    ("{column} {value} also appears on {~where}: another line of the same order (the same "
     "supplier, date and handlers)",
     "{column} {value} staat ook op {~where}: een andere regel van dezelfde order (dezelfde "
     "leverancier, datum en behandelaars)"),
    ("the lines are read as one decision, its amount the sum of the lines",
     "de regels worden gelezen als één besluit, met als bedrag de som van de regels"),
    ("another line of a decision (merged)", "andere regel van een besluit (samengevoegd)"),
    ("the file has no kind column", "het bestand heeft geen kolom kind"),
    ("its rows are read as {=kind}, as its number column, its name or its folder's name "
     "says ({word})",
     "de rijen worden gelezen als {=kind}, zoals de nummerkolom, de bestandsnaam of de "
     "mapnaam zegt ({word})"),
    ("add a kind column if that is not meant",
     "voeg een kolom kind toe als dat niet bedoeld is"),
    # a gift register with a description only (ingest.validate_rows.gift_kinds_from_description)
    ("{n} row(s) are read as the kind their description names, e.g. {value} ({~where}) as "
     "{=kind}",
     "{n} rij(en) worden gelezen als de soort die hun kolom description noemt, bijv. {value} "
     "({~where}) als {=kind}"),
    ("another person of the household (co-applicant)",
     "andere persoon van het huishouden (medeaanvrager)"),
    ("a third person of the household (not checked)",
     "derde persoon van het huishouden (niet getoetst)"),
    ("{n} cell(s) hold a word for no value ({words}) and are read as empty",
     "{n} cel(len) met een woord voor 'geen waarde' ({words}) worden als leeg gelezen"),
    ("{n} date(s) such as {value} are read as an open end (no end date), as the system that "
     "wrote them means",
     "{n} datum(s) zoals {value} worden gelezen als open einde (geen einddatum), zoals het "
     "systeem dat ze schreef ze bedoelt"),
    ("{n} date(s) such as {value} are read as an open start (no start date), as the system "
     "that wrote them means",
     "{n} datum(s) zoals {value} worden gelezen als open begin (geen begindatum), zoals het "
     "systeem dat ze schreef ze bedoelt"),
    ("{value} stands for no value, but {=column} is required: fill in {~meaning}, or remove "
     "the row",
     "{value} staat voor 'geen waarde', maar {=column} is verplicht: vul {~meaning} in, of "
     "verwijder de rij"),
    ("{=column} {value} stands for no value, but the row needs it: fill in the {=target} of "
     "{=table}, or remove the row",
     "{=column} {value} staat voor 'geen waarde', maar de rij heeft het nodig: vul de "
     "{=target} uit {=table} in, of verwijder de rij"),
    ("the cell holds the Excel error {=code} ({~meaning}): the formula behind it failed",
     "de cel bevat de Excel-fout {=code} ({~meaning}): de formule erachter is mislukt"),
    ("cell {=ref} holds the Excel error {=code} ({~meaning}): the formula behind it failed",
     "cel {=ref} bevat de Excel-fout {=code} ({~meaning}): de formule erachter is mislukt"),
    ("correct it in the workbook, or clear the cell", "verbeter het in de werkmap, of maak de "
     "cel leeg"),
    ("a look-up found nothing", "een zoekfunctie vond niets"),
    ("division by zero", "deling door nul"),
    ("a value of the wrong type", "een waarde van de verkeerde soort"),
    ("a reference to a deleted cell", "een verwijzing naar een verwijderde cel"),
    ("an unknown name in the formula", "een onbekende naam in de formule"),
    ("an impossible number", "een onmogelijk getal"),
    ("ranges that do not meet", "bereiken die elkaar niet snijden"),
    ("a result that does not fit", "een resultaat dat niet past"),
    ("a calculation error", "een rekenfout"),
    ("{n} value(s) written as =\"...\" (a way to keep Excel from dropping leading zeros) are "
     "read as the text inside",
     "{n} waarde(n) geschreven als =\"...\" (een manier om Excel voorloopnullen te laten "
     "houden) worden gelezen als de tekst erbinnen"),
    ("the column writes the month first, as an American export does ({value} is {date}): its "
     "dates with a / are read month first",
     "de kolom schrijft de maand eerst, zoals een Amerikaanse export ({value} is {date}): de "
     "datums met een / worden met de maand eerst gelezen"),
    ("write them day first (or ISO, 2024-03-15) if that is not meant",
     "schrijf ze met de dag eerst (of ISO, 2024-03-15) als dat niet bedoeld is"),
    ("the column holds moments with a time zone ({value}): each is read as its date in Dutch "
     "time, {value2} as {date}",
     "de kolom bevat tijdstippen met een tijdzone ({value}): elk wordt gelezen als de datum in "
     "Nederlandse tijd, {value2} als {date}"),
    ("{n} value(s) of the column fall on another day than the date written in them",
     "{n} waarde(n) van de kolom vallen op een andere dag dan de datum die erin staat"),
    ("check that the export means these moments, or export plain dates (2024-03-01)",
     "ga na dat de export deze tijdstippen bedoelt, of exporteer gewone datums (2024-03-01)"),
    ("{n} value(s) are the name of one employee in {file} and are read as that employee's "
     "{=column}",
     "{n} waarde(n) zijn de naam van één medewerker in {file} en worden gelezen als diens "
     "{=column}"),
    ("{n} value(s) are the call name and surname of one employee in {file} and are read as "
     "that employee's {=column}",
     "{n} waarde(n) zijn de roepnaam en achternaam van één medewerker in {file} en worden "
     "gelezen als diens {=column}"),
    ("{n} value(s) are the initials and surname of one employee in {file} and are read as "
     "that employee's {=column}",
     "{n} waarde(n) zijn de voorletters en achternaam van één medewerker in {file} en "
     "worden gelezen als diens {=column}"),
    ("{n} value(s) are the id and name of one employee in {file} and are read as that "
     "employee's {=column}",
     "{n} waarde(n) zijn het id en de naam van één medewerker in {file} en worden gelezen "
     "als diens {=column}"),
    ("{n} value(s) are the e-mail of one employee in {file} and are read as that employee's "
     "{=column}",
     "{n} waarde(n) zijn het e-mailadres van één medewerker in {file} en worden gelezen als "
     "diens {=column}"),
    ("{n} value(s) are the code and name of one organization in {file} and are read as "
     "that organization's {=column}",
     "{n} waarde(n) zijn de code en naam van één organisatie in {file} en worden gelezen als "
     "haar {=column}"),
    ("{n} value(s) are the name of one organization in {file} and are read as that "
     "organization's {=column}",
     "{n} waarde(n) zijn de naam van één organisatie in {file} en worden gelezen als haar "
     "{=column}"),
    ("{n} value(s) are the name of one relative of the row's employee in {file} and are read "
     "as that relative's {=column}",
     "{n} waarde(n) zijn de naam van één familielid van de medewerker van de rij in {file} en "
     "worden gelezen als diens {=column}"),
    ("write the ids to be sure", "schrijf de id's om zeker te zijn"),
    ("{n} applicant name(s) hold two people ({example}): the first is read as the applicant, "
     "the second as the co-applicant",
     "{n} naam/namen van aanvragers bevatten twee personen ({example}): de eerste wordt "
     "gelezen als de aanvrager, de tweede als de medeaanvrager"),
    ("export them in two columns to be sure", "exporteer ze in twee kolommen om zeker te zijn"),
    ("{n} naamgebruik code(s) in {header} cannot be read ({example}): the names are written "
     "with the own surname first",
     "{n} code(s) naamgebruik in {header} zijn onleesbaar ({example}): de namen worden "
     "geschreven met de eigen achternaam eerst"),
    ("use E, P, V or N", "gebruik E, P, V of N"),
    ("naamgebruik code {value} is not one of E, P, V, N: the name is written with the own "
     "surname first, then the partner's",
     "code naamgebruik {value} is geen E, P, V of N: de naam wordt geschreven met de eigen "
     "achternaam eerst, dan die van de partner"),
    ("relative_id is not in the file: each relative's id is made from the employee and the "
     "name ({label}), the same in every run",
     "relative_id staat niet in het bestand: het id van elk familielid wordt gemaakt uit de "
     "medewerker en de naam ({label}), in elke scan hetzelfde"),
    ("add a relative_id column to keep a relative's id when the name is corrected",
     "voeg een kolom relative_id toe om het id van een familielid te houden als de naam "
     "wordt verbeterd"),
    ("write the ids, or give employees an accounts column, to be sure",
     "schrijf de id's, of geef employees een kolom accounts, om zeker te zijn"),
    ("{n} line(s) repeat the header ({lines}), as a report exported page by page writes it",
     "{n} regel(s) herhalen de kopregel ({lines}), zoals een per pagina geëxporteerd rapport "
     "die schrijft"),
    ("they are left out, not read as data", "ze worden weggelaten, niet als gegevens gelezen"),
    ("{n} line(s) of the list framed by '|' hold no row (rulers of dashes, page headings: "
     "{lines})",
     "{n} regel(s) van de lijst tussen '|' bevatten geen rij (lijnen van streepjes, "
     "paginakoppen: {lines})"),
    ("{n} NUL byte(s) (no character of any text) taken out of the values on line(s) {lines}",
     "{n} NUL-byte(s) (geen teken van enige tekst) uit de waarden gehaald op regel(s) {lines}"),
    ("check those values in the export", "controleer die waarden in de export"),
    ("a carriage return (a line break of an old Mac program) inside a value on line(s) {lines} "
     "is read as a space, not as the end of the line",
     "een carriage return (een regeleinde van een oud Mac-programma) in een waarde op "
     "regel(s) {lines} wordt als spatie gelezen, niet als het einde van de regel"),
    ("invisible characters taken out of the values ({counts})",
     "onzichtbare tekens uit de waarden gehaald ({counts})"),
    ("they were pasted in and would keep equal ids and names apart",
     "ze zijn erin geplakt en zouden gelijke id's en namen uit elkaar houden"),
    ("{value} is read as {=code} ({word})", "{value} wordt gelezen als {=code} ({word})"),
    ("{n} postcode(s) have a place after them (such as {value}): the postcode is read; the "
     "place is not read as the city: give it a column of its own",
     "{n} postcode(s) hebben een plaatsnaam erachter (zoals {value}): de postcode wordt "
     "gelezen; de plaats wordt niet als woonplaats gelezen: geef die een eigen kolom"),
    ("{value} is read as yes ({word}): the remark after it is not read",
     "{value} wordt gelezen als ja ({word}): de opmerking erna wordt niet gelezen"),
    ("{value} is read as no ({word}): the remark after it is not read",
     "{value} wordt gelezen als nee ({word}): de opmerking erna wordt niet gelezen"),
    ("correct the spelling if that is not meant",
     "verbeter de spelling als dat niet bedoeld is"),
    ("header {cell} is read as {=column} ({synonym}), a close spelling",
     "kop {cell} wordt gelezen als {=column} ({synonym}), een gelijkende schrijfwijze"),
    ("correct the header, or map it in mapping.yaml",
     "verbeter de kop, of koppel haar in mapping.yaml"),
    ("the folder name fits tables {tables}", "de mapnaam past bij tabellen {tables}"),
    ("rename it after one table, or list its files under files: in mapping.yaml",
     "hernoem haar naar één tabel, of zet haar bestanden onder files: in mapping.yaml"),
    ("this folder is not read ({files}): its name fits no table",
     "deze map wordt niet gelezen ({files}): de naam past bij geen tabel"),
    ("rename it after its table (contracten/, medewerkers/), move the files into the data "
     "folder, or list them under files: in mapping.yaml",
     "hernoem haar naar haar tabel (contracten/, medewerkers/), zet de bestanden in de "
     "gegevensmap, of zet ze onder files: in mapping.yaml"),
    ("not read: named like a file of table {table}, but no header of that table is in its "
     "first lines (notes?)",
     "niet gelezen: heeft de naam van een bestand van tabel {table}, maar de eerste regels "
     "bevatten geen kopregel van die tabel (aantekeningen?)"),
    ("rename it if it holds no table, or give it the table's header",
     "hernoem het als het geen tabel bevat, of geef het de kopregel van de tabel"),
    ("not read: a .zip archive", "niet gelezen: een .zip-archief"),
    ("unpack its files into the data folder (each named after its table) and remove the "
     "archive",
     "pak de bestanden uit in de gegevensmap (elk genoemd naar zijn tabel) en verwijder het "
     "archief"),
    ("a .zip archive", "een .zip-archief"),
    ("the file holds text, not an {=suffix} workbook: it is read as CSV",
     "het bestand bevat tekst, geen {=suffix}-werkmap: het wordt als CSV gelezen"),
    ("give it the .csv name", "geef het de naam .csv"),
    ("{=n} line(s) are wrapped in double quotes as one value (a table saved from a single "
     "column): the text inside is read as the line",
     "{=n} regel(s) staan als één waarde tussen dubbele aanhalingstekens (een tabel opgeslagen "
     "vanuit één kolom): de tekst erbinnen wordt als de regel gelezen"),
    ("the file is a web page (HTML), not an Excel workbook, though named {=suffix}",
     "het bestand is een webpagina (HTML), geen Excel-werkmap, al heet het {=suffix}"),
    ("the file is an Excel 2003 XML spreadsheet, not an Excel workbook, though named {=suffix}",
     "het bestand is een Excel 2003 XML-spreadsheet, geen Excel-werkmap, al heet het {=suffix}"),
    ("its tables are read as sheets", "de tabellen erin worden als bladen gelezen"),
    ("its worksheets are read as sheets", "de werkbladen erin worden als bladen gelezen"),
    ("the file is an Excel 2003 XML spreadsheet, damaged at line {=a}, column {=b}",
     "het bestand is een Excel 2003 XML-spreadsheet, beschadigd op regel {=a}, kolom {=b}"),
    ("the file is a web page (HTML) whose table is too large or damaged",
     "het bestand is een webpagina (HTML) waarvan de tabel te groot of beschadigd is"),
    ("the file is an Excel 2003 XML spreadsheet whose table is too large or damaged",
     "het bestand is een Excel 2003 XML-spreadsheet waarvan de tabel te groot of beschadigd is"),
    ("the file is an Excel 2003 XML spreadsheet in an unknown encoding",
     "het bestand is een Excel 2003 XML-spreadsheet in een onbekende codering"),
    ("the file is a web page (HTML) in an unknown encoding",
     "het bestand is een webpagina (HTML) in een onbekende codering"),
    ("the file is a web page (HTML) without a table, not a workbook",
     "het bestand is een webpagina (HTML) zonder tabel, geen werkmap"),
    ("the file is an Excel 2003 XML spreadsheet without a table, not a workbook",
     "het bestand is een Excel 2003 XML-spreadsheet zonder tabel, geen werkmap"),
    ("open it in Excel and save it as .xlsx, or export the table as CSV",
     "open het in Excel en sla het op als .xlsx, of exporteer de tabel als CSV"),
    ("column(s) {columns} are missing in this file but present in the table's other files: "
     "its rows are read without them",
     "kolom(men) {columns} ontbreken in dit bestand maar staan in de andere bestanden van de "
     "tabel: de rijen ervan worden zonder gelezen"),
    ("add them, or name the columns that hold them in mapping.yaml",
     "voeg ze toe, of noem in mapping.yaml de kolommen die ze bevatten"),
    ("{n} cell(s) hold more than one of the {~kinds} ({examples}): the first is read as the "
     "value",
     "{n} cel(len) bevat(ten) meer dan één van de {~kinds} ({examples}): de eerste wordt als "
     "de waarde gelezen"),
    ("e-mail addresses", "e-mailadressen"),
    ("phone numbers", "telefoonnummers"),
    ("IBANs", "IBAN's"),
    ("each of the others links too", "elk van de andere legt ook verbindingen"),
    ("the others are not used", "de andere worden niet gebruikt"),
    ("not read: {~kind} is no table file", "niet gelezen: {~kind} is geen tabelbestand"),
    ("save it as .xlsx or CSV and name it after its table, or remove it",
     "sla het op als .xlsx of CSV en noem het naar zijn tabel, of verwijder het"),
    ("an old Excel .xls workbook", "een oude Excel-werkmap (.xls)"),
    ("an Excel .xlsm workbook", "een Excel-werkmap met macro's (.xlsm)"),
    ("the file is not an OpenDocument spreadsheet", "het bestand is geen OpenDocument-rekenblad"),
    ("open it in LibreOffice or Excel and save it as .ods, .xlsx or CSV",
     "open het in LibreOffice of Excel en sla het op als .ods, .xlsx of CSV"),
    ("a .dat file", "een .dat-bestand"),
    ("a folder", "een map"),
    ("a named pipe (FIFO)", "een named pipe (FIFO)"),
    ("not a regular file (a device or socket)", "geen gewoon bestand (een apparaat of socket)"),
    ("a link to a file that does not exist (a broken symbolic link)",
     "een verwijzing naar een bestand dat niet bestaat (een kapotte symbolische link)"),
    ("not accessible ({why})", "niet toegankelijk ({why})"),
    ("the file cannot be opened ({why})", "het bestand kan niet worden geopend ({why})"),
    ("the file is not a text (CSV) file: it holds binary data",
     "het bestand is geen tekstbestand (CSV): het bevat binaire gegevens"),
    ("export the table again as CSV or .xlsx", "exporteer de tabel opnieuw als CSV of .xlsx"),
    ("the file is an Excel workbook (or another zip file) with a {ext} name",
     "het bestand is een Excel-werkmap (of een ander zip-bestand) met een {ext}-naam"),
    ("rename it to .xlsx or save it as CSV", "hernoem het naar .xlsx of sla het op als CSV"),
    ("the file is an old Excel .xls workbook (or another binary file)",
     "het bestand is een oude Excel-werkmap (.xls) of een ander binair bestand"),
    ("open it in Excel and save it as .xlsx or CSV",
     "open het in Excel en sla het op als .xlsx of CSV"),
    ("the file starts like UTF-16 text but cannot be decoded",
     "het bestand begint als UTF-16-tekst maar kan niet worden gedecodeerd"),
    ("save it from Excel as 'CSV UTF-8 (comma delimited)'",
     "sla het vanuit Excel op als 'CSV UTF-8 (door komma's gescheiden)'"),
    ("a value starting with a double quote on line {n} is never closed, so the rest of the "
     "file would be read as one value",
     "een waarde die op regel {n} met een dubbel aanhalingsteken begint wordt nooit gesloten, "
     "zodat de rest van het bestand als één waarde gelezen zou worden"),
    ("a value starting with a double quote on line {n} is only closed on line {m} by a quote "
     "followed by {rest} (an inch mark?), so lines {lines} would be read as one value and "
     "their rows lost (and {k} more such place(s))",
     "een waarde die op regel {n} met een dubbel aanhalingsteken begint wordt pas op regel {m} "
     "gesloten, door een aanhalingsteken gevolgd door {rest} (een inch-teken?), zodat regels "
     "{lines} als één waarde gelezen zouden worden en hun rijen verloren zouden gaan (en nog "
     "{k} zulke plaats(en))"),
    ("a value starting with a double quote on line {n} is only closed on line {m} by a quote "
     "followed by {rest} (an inch mark?), so lines {lines} would be read as one value and "
     "their rows lost",
     "een waarde die op regel {n} met een dubbel aanhalingsteken begint wordt pas op regel {m} "
     "gesloten, door een aanhalingsteken gevolgd door {rest} (een inch-teken?), zodat regels "
     "{lines} als één waarde gelezen zouden worden en hun rijen verloren zouden gaan"),
    ("remove the stray quote at the start of the value, or write a quote inside a quoted "
     "value as \"\"",
     "verwijder het losse aanhalingsteken aan het begin van de waarde, of schrijf een "
     "aanhalingsteken binnen een waarde tussen aanhalingstekens als \"\""),
    ("add the closing quote (or remove the stray one) and run again",
     "voeg het sluitende aanhalingsteken toe (of verwijder het losse) en probeer opnieuw"),
    ("the file cannot be read as CSV near line {n} ({why})",
     "het bestand kan rond regel {n} niet als CSV worden gelezen ({why})"),
    ("check the quotes on that line", "controleer de aanhalingstekens op die regel"),
    ("the workbook has no sheets", "de werkmap heeft geen bladen"),
    # ingest.read_files._check_zip and check_sheet_extent: a workbook refused before it
    # is unpacked or a sheet before it is read (a zip bomb, a value in XFD1048576)
    ("the workbook would unpack to {size} GiB from {packed} MiB (limit {limit} GiB, and at "
     "most {ratio} times its packed size): it is damaged or not an export",
     "de werkmap zou uitpakken tot {size} GiB uit {packed} MiB (grens {limit} GiB, en "
     "hoogstens {ratio} keer haar ingepakte grootte): ze is beschadigd of geen export"),
    ("export the table again, or as CSV", "exporteer de tabel opnieuw, of als CSV"),
    # ingest.read_files._read_xlsx: a file under a workbook's name too large to be one
    ("the file is {size} GiB, more than a workbook this tool reads unpacks to ({limit} GiB): "
     "it is damaged or not an export",
     "het bestand is {size} GiB, meer dan een werkmap die dit programma leest uitgepakt is "
     "({limit} GiB): het is beschadigd of geen export"),
    ("sheet {sheet} has values up to row {row} and column {col}: {cells} cells to read, "
     "more than the {limit} of a workbook this tool reads (a value typed far below or to "
     "the right of the table)",
     "blad {sheet} heeft waarden tot rij {row} en kolom {col}: {cells} cellen om te lezen, "
     "meer dan de {limit} die dit programma van een werkmap leest (een waarde ver onder of "
     "rechts van de tabel getypt)"),
    ("delete the rows and columns beyond the table, or save the sheet as CSV",
     "verwijder de rijen en kolommen voorbij de tabel, of sla het blad op als CSV"),
    ("sheet {sheet} merges {cells} cells, more than the {limit} of a workbook this tool "
     "reads (a merged range that reaches far below or to the right of the table)",
     "blad {sheet} voegt {cells} cellen samen, meer dan de {limit} die dit programma van een "
     "werkmap leest (een samengevoegd bereik dat ver onder of rechts van de tabel reikt)"),
    ("unmerge the cells beyond the table, or save the sheet as CSV",
     "maak het samenvoegen van de cellen voorbij de tabel ongedaan, of sla het blad op als CSV"),
    ("put the table on the first sheet", "zet de tabel op het eerste blad"),
    ("the workbook has {n} sheets", "de werkmap heeft {n} bladen"),
    ("the first, {name}, is read (choose another with --sheet or in mapping.yaml)",
     "het eerste, {name}, wordt gelezen (kies een ander met --sheet of in mapping.yaml)"),
    ("the first sheet ({a}) is empty", "het eerste blad ({a}) is leeg"),
    ("read as table {=table}: its name holds {word} and its header names {n} of the table's "
     "columns",
     "gelezen als tabel {=table}: de naam bevat {word} en de kopregel noemt {n} kolommen van "
     "de tabel"),
    ("to read it without this warning, name it after its table ({file}) or list it under "
     "files: in mapping.yaml",
     "noem het naar zijn tabel ({file}) of zet het onder files: in mapping.yaml om het zonder "
     "deze waarschuwing te lezen"),
    ("sheet {a} is read: its header names the table's columns, the first sheet with data "
     "({b}) does not (choose another with --sheet or in mapping.yaml)",
     "blad {a} wordt gelezen: de kopregel noemt de kolommen van de tabel, het eerste blad "
     "met gegevens ({b}) niet (kies een ander met --sheet of in mapping.yaml)"),
    ("the table is on {n} sheets, read as one table: {a}",
     "de tabel staat op {n} bladen, samen gelezen als één tabel: {a}"),
    ("the other sheets with data are not read: {a}",
     "de andere bladen met gegevens worden niet gelezen: {a}"),
    ("problems name the sheet after the file (file[sheet]:line)",
     "meldingen noemen het blad na het bestand (bestand[blad]:regel)"),
    ("to read one sheet only, choose it with --sheet or in mapping.yaml",
     "om één blad te lezen, kies het met --sheet of in mapping.yaml"),
    ("sheet {b} is read (choose another with --sheet or in mapping.yaml)",
     "blad {b} wordt gelezen (kies een ander met --sheet of in mapping.yaml)"),
    ("{n} merged cell range(s): each value is repeated over its merged cells",
     "{n} samengevoegd(e) celbereik(en): elke waarde wordt over de samengevoegde cellen "
     "herhaald"),
    ("the workbook has no sheet {name}", "de werkmap heeft geen blad {name}"),
    ("its sheets are {names}", "de bladen zijn {names}"),
    ("the file is not an .xlsx workbook (it looks like an old .xls workbook or a "
     "password-protected file)",
     "het bestand is geen .xlsx-werkmap (het lijkt een oude .xls-werkmap of een bestand met "
     "een wachtwoord)"),
    ("the file is not an .xlsx workbook{hint}", "het bestand is geen .xlsx-werkmap{hint}"),
    ("the file is not an .xlsb workbook (it looks like an old .xls workbook or a "
     "password-protected file)",
     "het bestand is geen .xlsb-werkmap (het lijkt een oude .xls-werkmap of een bestand met "
     "een wachtwoord)"),
    ("the file is not an .xlsb workbook{hint}", "het bestand is geen .xlsb-werkmap{hint}"),
    ("open it in Excel and save it as .xlsx (without a password) or as CSV",
     "open het in Excel en sla het op als .xlsx (zonder wachtwoord) of als CSV"),
    ("the workbook cannot be opened ({why})", "de werkmap kan niet worden geopend ({why})"),
    ("open it in Excel and save it again as .xlsx, or export the sheet as CSV",
     "open haar in Excel en sla haar opnieuw op als .xlsx, of exporteer het blad als CSV"),
    # a sheet part that cannot be parsed (damaged, or a DOCTYPE with entities: XXE, billion
    # laughs), ingest.read_files._read_xlsx
    ("sheet {name} cannot be read ({why})", "blad {name} kan niet worden gelezen ({why})"),
    ("open the workbook in Excel and save it again, or export the sheet as CSV",
     "open de werkmap in Excel en sla haar opnieuw op, of exporteer het blad als CSV"),
    # mapping file
    ("{path}: cannot be read ({why})", "{path}: kan niet worden gelezen ({why})"),
    ("{path}: expected a 'tables:' section with one entry per table",
     "{path}: verwacht een sectie 'tables:' met één item per tabel"),
    ("{path}: unknown table {name}", "{path}: onbekende tabel {name}"),
    ("{path}: table {name}: expected files/sheet/header_row/columns",
     "{path}: tabel {name}: verwacht files/sheet/header_row/columns"),
    ("{path}: table {name}: unknown setting(s) {what}; use files, sheet, header_row or columns",
     "{path}: tabel {name}: onbekende instelling(en) {what}; gebruik files, sheet, header_row "
     "of columns"),
    ("{path}: table {name}: {source}: {target} is a guess from `coi mapping`; remove the '?' "
     "to confirm it, or write ignore",
     "{path}: tabel {name}: {source}: {target} is een gok van `coi mapping`; haal het '?' weg "
     "om hem te bevestigen, of schrijf ignore"),
    ("{path}: table {name}: {source} is mapped to {target}, which is not a column of {table}; "
     "its columns are {columns}",
     "{path}: tabel {name}: {source} is gekoppeld aan {target}, maar dat is geen kolom van "
     "{table}; de kolommen zijn {columns}"),
    ("{path}: table {name}: header_row must be a line number (1, 2, ...)",
     "{path}: tabel {name}: header_row moet een regelnummer zijn (1, 2, ...)"),
    ("{path}: table {name}: files must be a file name or pattern, or a list of them "
     "(['inkoop_*.csv', 'orders 2024.xlsx'])",
     "{path}: tabel {name}: files moet een bestandsnaam of patroon zijn, of een lijst daarvan "
     "(['inkoop_*.csv', 'orders 2024.xlsx'])"),
    ("{path}: table {name}: columns must be one line per header of the file, 'Header in the "
     "file: column' (Crediteur: org_id), each with one column name or ignore",
     "{path}: tabel {name}: columns moet één regel per kop van het bestand zijn, 'Kop in het "
     "bestand: kolom' (Crediteur: org_id), elk met één kolomnaam of ignore"),
    ("tables are {names}", "de tabellen zijn {names}"),
    ("{path}: unknown section(s) {what}", "{path}: onbekende sectie(s) {what}"),
    ("a mapping file has one section, 'tables:'",
     "een koppelbestand heeft één sectie, 'tables:'"),
    ("put files, sheet, header_row and columns under 'tables:' and the table's name",
     "zet files, sheet, header_row en columns onder 'tables:' en de naam van de tabel"),
    ("{name} is a table: put it under 'tables:'", "{name} is een tabel: zet haar onder 'tables:'"),
    ("see docs/input-format.md, or the draft `coi mapping DATA_DIR` writes",
     "zie docs/input-format.md, of het concept dat `coi mapping DATA_DIR` schrijft"),
    ("{patterns}, named as the file(s) of {=table}: no file in {dir} fits",
     "{patterns}, genoemd als bestand(en) van {=table}: geen bestand in {dir} past erbij"),
    ("the pattern {pattern} of {=table}: no file in {dir} fits it (the table is read from the "
     "files its other patterns fit)",
     "het patroon {pattern} van {=table}: geen bestand in {dir} past erbij (de tabel wordt "
     "gelezen uit de bestanden waar haar andere patronen bij passen)"),
    ("correct the pattern in {file} or remove it", "verbeter het patroon in {file} of verwijder het"),
    ("correct the name in {file} (files are looked for in the data folder and its subfolders "
     "only)",
     "verbeter de naam in {file} (bestanden worden alleen in de gegevensmap en haar submappen "
     "gezocht)"),
    # table descriptions and column meanings (placed into the messages above)
    ("everyone who acts for the corporation", "iedereen die voor de corporatie handelt"),
    ("declared family and household members of employees",
     "gemelde familie- en gezinsleden van medewerkers"),
    ("suppliers, contractors and other business relations",
     "leveranciers, aannemers en andere zakelijke relaties"),
    ("the integrity register", "het integriteitsregister"),
    ("KvK Handelsregister / UBO extract", "uittreksel KvK-Handelsregister / UBO-register"),
    ("procurement decisions", "inkoopbesluiten"),
    ("housing decisions", "woningtoewijzingen"),
    ("register of gifts and invitations", "register van geschenken en uitnodigingen"),
    ("purchasing mandates (budget authority) of employees",
     "inkoopmandaten (budgetbevoegdheid) van medewerkers"),
    ("the id of the employee who holds the mandate",
     "het id van de medewerker die het mandaat heeft"),
    ("the largest single commitment in euros the employee may make",
     "de grootste enkele verplichting in euro's die de medewerker mag aangaan"),
    ("the decisions it covers (empty: all)", "de besluiten waarvoor het geldt (leeg: alle)"),
    ("the officer's own KvK number, when the officer is an organization (a holding)",
     "het eigen KvK-nummer van de functionaris, als die een organisatie is (een holding)"),
    ("the applicant's position on the candidate list (1 = first)",
     "de plaats van de woningzoekende op de kandidatenlijst (1 = eerste)"),
    ("how the applicant was chosen", "hoe de woningzoekende is gekozen"),
    ("whether the row is an allocation (toegewezen, geaccepteerd) or a candidate who was not "
     "allocated",
     "of de rij een toewijzing is (toegewezen, geaccepteerd) of een kandidaat aan wie niet is "
     "toegewezen"),
    ("the employee's id", "het id van de medewerker"),
    ("the full name", "de volledige naam"),
    ("start of employment", "begin van het dienstverband"),
    ("the co-applicant's full name (a partner who applies along)",
     "de volledige naam van de medeaanvrager (een partner die meeaanvraagt)"),
    ("the co-applicant's date of birth", "de geboortedatum van de medeaanvrager"),
    ("the employee's user names in other systems (an ERP or allocation system's login), "
     "several separated by commas",
     "de gebruikersnamen van de medewerker in andere systemen (de login in een ERP- of "
     "toewijzingssysteem), meerdere gescheiden door komma's"),
    ("end of employment", "einde van het dienstverband"),
    ("date of birth", "de geboortedatum"),
    ("street", "straat"),
    ("house number", "huisnummer"),
    ("addition", "toevoeging"),
    ("postcode", "postcode"),
    ("city", "plaats"),
    ("bank account (IBAN)", "bankrekening (IBAN)"),
    ("e-mail address", "e-mailadres"),
    ("phone number", "telefoonnummer"),
    ("the relative's id", "het id van het familielid"),
    ("the id of the employee the relative belongs to",
     "het id van de medewerker bij wie het familielid hoort"),
    ("the relation to the employee", "de relatie tot de medewerker"),
    ("the relative's full name", "de volledige naam van het familielid"),
    ("the organization's id", "het id van de organisatie"),
    ("the organization's name", "de naam van de organisatie"),
    ("KvK number", "het KvK-nummer"),
    ("the declaration's id", "het id van de melding"),
    ("the id of the employee who declared", "het id van de medewerker die meldde"),
    ("the kind of interest", "de soort belang"),
    ("percentage of shares", "het aandelenpercentage"),
    ("the id of the employee who decided", "het id van de medewerker die besloot"),
    ("date of the decision", "de datum van het besluit"),
    ("the officer's name", "de naam van de functionaris"),
    ("the decision's id", "het id van het besluit"),
    ("the id of the counterparty organization", "het id van de tegenpartij"),
    ("amount in euros", "het bedrag in euro"),
    ("the decision date", "de besluitdatum"),
    ("the id of the employee who handled it", "het id van de behandelaar"),
    ("the approver's employee id", "het medewerker-id van de goedkeurder"),
    ("the second approver's employee id", "het medewerker-id van de tweede goedkeurder"),
    ("the requester's employee id", "het medewerker-id van de aanvrager"),
    ("the home's id", "het id van de woning"),
    ("the applicant's full name", "de volledige naam van de aanvrager"),
    ("discount in euros", "de korting in euro"),
    ("the gift's id", "het id van het geschenk"),
    ("the id of the employee who received it", "het id van de ontvanger"),
    ("the giver's organization id", "het organisatie-id van de gever"),
    ("the giver's name", "de naam van de gever"),
    ("the date of the gift", "de datum van het geschenk"),
    ("value in euros", "de waarde in euro"),
    ("another value", "een andere waarde"),
    # library errors (CoiError / InputError) the commands print
    ("{path}: no such folder; give the folder that holds employees.csv, organizations.csv, "
     "contracts.csv, ...",
     "{path}: deze map bestaat niet; geef de map met employees.csv, organizations.csv, "
     "contracts.csv, ..."),
    ("{path}: no such folder; give the folder `coi scan --out` wrote.",
     "{path}: deze map bestaat niet; geef de map die `coi scan --out` schreef."),
    ("{path}: not a run folder; give a folder written by `coi scan` (it holds run.json and "
     "findings.json).",
     "{path}: geen scanmap; geef een map die `coi scan` schreef (met run.json en "
     "findings.json)."),
    ("{path}: not a run folder (needs run.json and findings.json from `coi scan`).",
     "{path}: geen scanmap (run.json en findings.json van `coi scan` ontbreken)."),
    ("{path}: not found; give a run folder written by `coi scan DATA_DIR --out RUN_DIR`.",
     "{path}: niet gevonden; geef een scanmap die `coi scan DATA_DIR --out RUN_DIR` schreef."),
    ("{path}: not found; run `coi scan DATA --out RUN_DIR` first.",
     "{path}: niet gevonden; voer eerst `coi scan DATA_DIR --out RUN_DIR` uit."),
    ("{path}: not readable as JSON (line {=line} column {=col}: {=code} is half of a "
     "character pair (a lone surrogate), not a character); run `coi scan` again.",
     "{path}: niet leesbaar als JSON (regel {=line} kolom {=col}: {=code} is de helft van "
     "een tekenpaar (een losse surrogaat), geen teken); voer `coi scan` opnieuw uit."),
    ("{path}: not readable as JSON ({why}); run `coi scan` again.",
     "{path}: niet leesbaar als JSON ({why}); voer `coi scan` opnieuw uit."),
    ("{path}: expected a list of findings.", "{path}: verwacht een lijst van bevindingen."),
    # a findings.json that cannot be read (coi_graph.findings): where in the file ...
    ("finding {=n}", "bevinding {=n}"),
    ("finding {=n} {=id}", "bevinding {=n} {=id}"),
    ("evidence", "bewijs"),
    ("{~where}: path", "{~where}: pad"),
    ("{~where}: path_detail", "{~where}: path_detail"),
    ("{~where}: other path", "{~where}: ander pad"),
    ("{~where}: other path {=n}", "{~where}: ander pad {=n}"),
    ("{~where}: step {=n}", "{~where}: stap {=n}"),
    # ... and what is wrong there
    ("{~where}: '{key}' is missing", "{~where}: '{key}' ontbreekt"),
    ("{~where}: '{key}' must be text, got {=type}",
     "{~where}: '{key}' moet tekst zijn, niet {=type}"),
    ("{~where}: '{key}' must be a list of texts",
     "{~where}: '{key}' moet een lijst van teksten zijn"),
    ("{~where}: '{key}' must be a list of objects",
     "{~where}: '{key}' moet een lijst van objecten zijn"),
    ("{~where}: '{key}' must be a list", "{~where}: '{key}' moet een lijst zijn"),
    ("{~where}: '{key}' must be an object or null",
     "{~where}: '{key}' moet een object of null zijn"),
    ("{~where}: '{key}' must be an object", "{~where}: '{key}' moet een object zijn"),
    ("{~where}: 'nodes' and 'steps' must be lists",
     "{~where}: 'nodes' en 'steps' moeten lijsten zijn"),
    ("{~where}: node {=n} must be an object with a 'key'",
     "{~where}: knoop {=n} moet een object met een 'key' zijn"),
    ("{~where}: expected an object, got {=type}", "{~where}: verwacht een object, niet {=type}"),
    ("{~where}: cites a node or step that is not under 'evidence'",
     "{~where}: verwijst naar een knoop of stap die niet onder 'evidence' staat"),
    ("expected a list of findings or an object with 'schema_version'",
     "verwacht een lijst van bevindingen of een object met 'schema_version'"),
    ("schema_version {v} is not one this version of coi-graph reads ({a} or {b})",
     "schema_version {v} is niet een die deze versie van coi-graph leest ({a} of {b})"),
    ("a newer coi-graph wrote it: upgrade, or scan again with this version",
     "een nieuwere coi-graph schreef het: werk bij, of scan opnieuw met deze versie"),
    ("run `coi scan` again to write it anew.",
     "voer `coi scan` opnieuw uit om het bestand opnieuw te schrijven."),
    ("{path}: exists and is not a folder; choose another --out.",
     "{path}: bestaat en is geen map; kies een andere --out."),
    ("{path}: folder is not empty and is not an explore bundle; choose an empty or new folder "
     "for --out.",
     "{path}: de map is niet leeg en is geen explore-bundel; kies een lege of nieuwe map voor "
     "--out."),
    ("{path}: no workspace there. Run `coi scan` first (it records every scan in the "
     "workspace), or pass --workspace / set COI_WORKSPACE to the workspace file.",
     "{path}: daar is geen werkruimte. Voer eerst `coi scan` uit (die legt elke scan vast in "
     "de werkruimte), of geef --workspace / zet COI_WORKSPACE op het werkruimtebestand."),
    ("{path}: no workspace there; pass the workspace the scan was recorded in, or leave out "
     "--workspace.",
     "{path}: daar is geen werkruimte; geef de werkruimte waarin de scan is vastgelegd, of "
     "laat --workspace weg."),
    ("{path}: no workspace there; give the file `coi scan` recorded the run in, or leave out "
     "--workspace.",
     "{path}: daar is geen werkruimte; geef het bestand waarin `coi scan` de scan vastlegde, "
     "of laat --workspace weg."),
    ("{path} is a folder; --workspace takes the workspace file (e.g. {example}).",
     "{path} is een map; --workspace verwacht het werkruimtebestand (bijv. {example})."),
    ("{path}: cannot create the workspace's folder ({why}); pass another file with "
     "--workspace.",
     "{path}: de map van de werkruimte kan niet worden gemaakt ({why}); geef een ander "
     "bestand met --workspace."),
    ("{path}: cannot open the workspace ({why}). If it is not a coi-graph workspace, pass "
     "another file with --workspace; if it is damaged, restore the last backup.",
     "{path}: de werkruimte kan niet worden geopend ({why}). Is het geen werkruimte van "
     "coi-graph, geef dan een ander bestand met --workspace; is ze beschadigd, zet dan de "
     "laatste back-up terug."),
    ("{path}: the workspace is busy ({why}); another coi command is writing to it. Try again "
     "in a moment.",
     "{path}: de werkruimte is bezet ({why}); een andere coi-opdracht schrijft erin. Probeer "
     "het zo opnieuw."),
    ("run {run} is not in the workspace {path}.", "scan {run} staat niet in werkruimte {path}."),
    ("give at least one finding id (see `coi cases`).",
     "geef minstens één bevinding-id (zie `coi cases`)."),
    ("say who decides: --by NAME.", "zeg wie besluit: --by NAAM."),
    ("status '{status}' closes the case: give the reason with --note.",
     "status '{status}' sluit de zaak: geef de reden met --note."),
    ("finding '{id}' is not in any recorded run of {path}. Check the id with `coi cases`, or "
     "pass the workspace the scan was recorded in.",
     "bevinding '{id}' staat in geen enkele vastgelegde scan van {path}. Controleer het id "
     "met `coi cases`, of geef de werkruimte waarin de scan is vastgelegd."),
    ("an acceptance needs a scope: give --employee, --org and/or --rule.",
     "een acceptatie heeft een reikwijdte nodig: geef --employee, --org en/of --rule."),
    ("give the reason the situation is accepted with --justification.",
     "geef met --justification de reden waarom de situatie wordt geaccepteerd."),
    ("say who owns the acceptance with --owner NAME.",
     "zeg met --owner NAAM wie verantwoordelijk is voor de acceptatie."),
    ("--until: '{value}' is not a date; write it as 2025-12-31.",
     "--until: '{value}' is geen datum; schrijf hem als 2025-12-31."),
    ("--until {date} is in the past: before {ref}, the data date of the latest scan. An "
     "acceptance must still be in force for the data it is about.",
     "--until {date} ligt in het verleden: vóór {ref}, de gegevensdatum van de laatste scan. "
     "Een acceptatie moet nog gelden voor de gegevens waarover ze gaat."),
    ("--until {date} is in the past: before {ref}, today. An acceptance must still be in "
     "force for the data it is about.",
     "--until {date} ligt in het verleden: vóór {ref}, vandaag. Een acceptatie moet nog "
     "gelden voor de gegevens waarover ze gaat."),
    ("say who revokes the acceptance with --by NAME.",
     "zeg met --by NAAM wie de acceptatie intrekt."),
    ("acceptance {id} does not exist; see `coi accept --list`.",
     "acceptatie {id} bestaat niet; zie `coi accept --list`."),
    ("acceptance {id} was already revoked.", "acceptatie {id} was al ingetrokken."),
    ("say who judges (--by NAME).", "zeg wie oordeelt (--by NAAM)."),
    ("say why (--why TEXT): a judgement without a reason cannot be reviewed.",
     "zeg waarom (--why TEKST): een oordeel zonder reden kan niet worden nagekeken."),
    ("{pair}: no judgement to undo (see `coi match list`).",
     "{pair}: geen oordeel om terug te draaien (zie `coi match list`)."),
    ("--host {host}: refusing to listen on a network address without accounts. Add one with "
     "`coi user add NAME` (everyone then signs in), or leave --host out to serve on 127.0.0.1 "
     "only.",
     "--host {host}: luisteren op een netwerkadres zonder accounts wordt geweigerd. Voeg er "
     "een toe met `coi user add NAAM` (iedereen meldt zich dan aan), of laat --host weg om "
     "alleen op 127.0.0.1 te serveren."),
    ("cannot listen on {where} ({why}); choose another --port (0: any free port) or --host.",
     "kan niet luisteren op {where} ({why}); kies een andere --port (0: een vrije poort) of "
     "--host."),
    ("a user name must not hold a nine-digit number that passes the eleven test (a possible "
     "BSN): it is recorded on every decision; choose another name.",
     "een gebruikersnaam mag geen getal van negen cijfers bevatten dat de elfproef doorstaat "
     "(mogelijk een BSN): de naam staat bij elk besluit; kies een andere naam."),
    ("a user name is 1-80 characters, without control or direction characters.",
     "een gebruikersnaam heeft 1-80 tekens, zonder stuur- of richtingstekens."),
    ("the password must be at least {n} characters.",
     "het wachtwoord moet minstens {n} tekens hebben."),
    ("user '{name}' already exists; `coi user remove {name2}` first to set a new password.",
     "gebruiker '{name}' bestaat al; eerst `coi user remove {name2}` om een nieuw wachtwoord "
     "te zetten."),
    ("user '{name}' does not exist; see `coi user list`.",
     "gebruiker '{name}' bestaat niet; zie `coi user list`."),
    ("cannot cross-scan: {~why}.", "kan niet kruislings scannen: {~why}."),
    # coi verify and coi serve: the audit trail
    ("the workspace has no audit chain (schema older than 4)",
     "de werkruimte heeft geen auditketen (schema ouder dan 4)"),
    ("open it with this version to migrate it", "open haar met deze versie om haar om te zetten"),
    ("audit chain: entries {a}-{b} were removed from the chain",
     "auditketen: regels {a}-{b} zijn uit de keten verwijderd"),
    ("audit chain entry {n}: unknown table '{name}'",
     "regel {n} van de auditketen: onbekende tabel '{name}'"),
    ("{~what} {=key} was removed (audit entry {n})", "{~what} {=key} is verwijderd (auditregel {n})"),
    ("{~what} {=key} was changed, replaced or moved after it was recorded (audit entry {n} does "
     "not match)",
     "{~what} {=key} is na het vastleggen veranderd, vervangen of verplaatst (auditregel {n} "
     "klopt niet)"),
    ("{~what} {=key} was inserted outside coi-graph (it is not in the audit chain)",
     "{~what} {=key} is buiten coi-graph toegevoegd (het staat niet in de auditketen)"),
    ("{~what} {=span} was removed (the table once held it)",
     "{~what} {=span} is verwijderd (de tabel bevatte het ooit)"),
    ("the append-only trigger {name} was dropped",
     "de trigger {name} die wijzigen verbiedt is verwijderd"),
    ("the append-only trigger {name} was replaced by one that does not refuse every change",
     "de trigger {name} die wijzigen verbiedt is vervangen door een die niet elke wijziging "
     "weigert"),
    ("a trigger coi-graph did not make was added: {name} (on {table})",
     "er is een trigger toegevoegd die coi-graph niet heeft gemaakt: {name} (op {table})"),
    ("{name} is a {kind}, not the table coi-graph made: the table was renamed or dropped and "
     "something else put in its place",
     "{name} is een {kind}, niet de tabel die coi-graph maakte: de tabel is hernoemd of "
     "verwijderd en er is iets anders voor in de plaats gezet"),
    ("the audit chain is keyed (key id {key}) but no key was given: only the unkeyed chain "
     "was checked, which someone who recomputes every hash gets past; set {env} or pass "
     "--key-file",
     "de auditketen is met een sleutel verzegeld (sleutel-id {key}) maar er is geen sleutel "
     "opgegeven: alleen de keten zonder sleutel is gecontroleerd, en wie elke hash opnieuw "
     "berekent komt daar langs; zet {env} of geef --key-file"),
    ("the audit chain carries no seal of the given key (key id {key}): it is sealed with key "
     "id {ids}; a chain recomputed without the key looks like this",
     "de auditketen draagt geen zegel van de opgegeven sleutel (sleutel-id {key}): zij is "
     "verzegeld met sleutel-id {ids}; een keten die zonder de sleutel opnieuw is berekend ziet "
     "er zo uit"),
    ("the audit chain carries no seal of the given key (key id {key}): it was never keyed, or "
     "its keys and MACs were removed; a chain recomputed without the key looks like this",
     "de auditketen draagt geen zegel van de opgegeven sleutel (sleutel-id {key}): zij is nooit "
     "met een sleutel verzegeld, of haar sleutels en MAC's zijn verwijderd; een keten die "
     "zonder de sleutel opnieuw is berekend ziet er zo uit"),
    ("the audit chain up to entry {n} is not what it was when the key (key id {key}) was "
     "registered: it was rewritten",
     "de auditketen tot en met regel {n} is niet meer wat zij was toen de sleutel (sleutel-id "
     "{key}) werd vastgelegd: zij is herschreven"),
    ("key id {key} was registered from audit entry {n} on without the endorsement of key id "
     "{old}",
     "sleutel-id {key} is vanaf auditregel {n} vastgelegd zonder de instemming van sleutel-id "
     "{old}"),
    ("audit entries after {n} are sealed with a later key (key id {key}, endorsed by this "
     "key); check them with that key",
     "auditregels na {n} zijn verzegeld met een latere sleutel (sleutel-id {key}, met "
     "instemming van deze sleutel); controleer ze met die sleutel"),
    ("audit entries {=span} carry no MAC of key id {key}: sealed without the key, or the MACs "
     "were removed",
     "auditregels {=span} dragen geen MAC van sleutel-id {key}: zonder de sleutel verzegeld, "
     "of de MAC's zijn verwijderd"),
    ("audit entries {=span} do not match their MAC: rewritten without the key",
     "auditregels {=span} kloppen niet met hun MAC: zonder de sleutel herschreven"),
    ("run folder {path}: its run is not recorded in this workspace (the workspace was rolled "
     "back to before it, or it was recorded in another workspace)",
     "scanmap {path}: de scan staat niet in deze werkruimte (de werkruimte is teruggezet naar "
     "een stand van ervoor, of de scan is in een andere werkruimte vastgelegd)"),
    ("run folder {path}: when it was recorded the audit chain had {n} entries; this workspace "
     "has fewer: it was rolled back or cut back since",
     "scanmap {path}: toen de scan werd vastgelegd had de auditketen {n} regels; deze "
     "werkruimte heeft er minder: zij is sindsdien teruggezet of ingekort"),
    ("run folder {path}: audit entry {n} is not the one the chain had when this run was "
     "recorded: the trail was rewritten since",
     "scanmap {path}: auditregel {n} is niet de regel die de keten had toen deze scan werd "
     "vastgelegd: het spoor is sindsdien herschreven"),
    ("{path}: the audit chain of this workspace is keyed (key id {key}); set {env} to its key "
     "file to record anything (reading needs no key).",
     "{path}: de auditketen van deze werkruimte is met een sleutel verzegeld (sleutel-id "
     "{key}); zet {env} op het sleutelbestand om iets vast te leggen (lezen kan zonder "
     "sleutel)."),
    ("{path}: the audit key given (key id {key}) is an earlier key of this workspace; it was "
     "replaced by key id {current}. Set {env} to that key's file.",
     "{path}: de opgegeven auditsleutel (sleutel-id {key}) is een eerdere sleutel van deze "
     "werkruimte; die is vervangen door sleutel-id {current}. Zet {env} op het bestand van "
     "die sleutel."),
    ("{path}: the audit key given (key id {key}) is not this workspace's; its audit chain is "
     "sealed with key id {current}. Set {env} to that key's file.",
     "{path}: de opgegeven auditsleutel (sleutel-id {key}) hoort niet bij deze werkruimte; haar "
     "auditketen is verzegeld met sleutel-id {current}. Zet {env} op het bestand van die "
     "sleutel."),
    ("{path}: the file exists; an audit key file is never overwritten (choose another name).",
     "{path}: het bestand bestaat al; een auditsleutelbestand wordt nooit overschreven (kies "
     "een andere naam)."),
    ("{path}: cannot write the audit key file ({why}).",
     "{path}: het auditsleutelbestand kan niet worden geschreven ({why})."),
    ("{path}: cannot read the audit key file ({why}); check {env} or --key-file.",
     "{path}: het auditsleutelbestand kan niet worden gelezen ({why}); controleer {env} of "
     "--key-file."),
    ("{path}: the audit key file can be read or changed by others (mode {mode}); whoever "
     "can read it can rewrite the audit trail undetected. Make it readable by its owner only "
     "(chmod 600 {path2}), and make a new key (`coi key new`) if others may have read it.",
     "{path}: het auditsleutelbestand kan door anderen worden gelezen of veranderd (modus "
     "{mode}); wie het kan lezen, kan het auditspoor onopgemerkt herschrijven. Maak het "
     "alleen leesbaar voor de eigenaar (chmod 600 {path2}), en maak een nieuwe sleutel (`coi "
     "key new`) als anderen het gelezen kunnen hebben."),
    ("{path}: not an audit key file (make one with `coi key new FILE`).",
     "{path}: geen auditsleutelbestand (maak er een met `coi key new BESTAND`)."),
    ("key id {key} is already registered in {path}.",
     "sleutel-id {key} is al vastgelegd in {path}."),
    ("{path}: not a run folder (needs the run.json `coi scan` writes).",
     "{path}: geen scanmap (die heeft de run.json nodig die `coi scan` schrijft)."),
    ("WARNING: decisions cannot be recorded: {~why}",
     "WAARSCHUWING: besluiten kunnen niet worden vastgelegd: {~why}"),
    ("run", "scan"),
    ("{=n} row(s) of {~what} of run {=run}, which is not in the run history, were inserted "
     "outside coi-graph",
     "{=n} rij(en) met {~what} van scan {=run}, die niet in de scangeschiedenis staat, zijn "
     "buiten coi-graph toegevoegd"),
    ("findings", "bevindingen"),
    ("declaration figures", "meldingscijfers"),
    ("case event", "zaakgebeurtenis"),
    ("acceptance", "acceptatie"),
    ("revocation of acceptance", "intrekking van acceptatie"),
    ("match judgement", "oordeel over een koppeling"),
    ("account change", "accountwijziging"),
    ("account '{name}' was added or its password changed outside coi-graph (not in the audit "
     "chain)",
     "account '{name}' is buiten coi-graph toegevoegd of kreeg daar een ander wachtwoord "
     "(niet in de auditketen)"),
    ("account '{name}' was removed outside coi-graph",
     "account '{name}' is buiten coi-graph verwijderd"),
    ("audit chain entry", "auditregel"),
    ("WARNING: the audit trail of this workspace is broken; `coi verify` says:",
     "WAARSCHUWING: het auditspoor van deze werkruimte is gebroken; `coi verify` meldt:"),
    ("  - {~problem}", "  - {~problem}"),
    ("Every page shows this warning. Restore the workspace from a backup you trust.",
     "Elke pagina toont deze waarschuwing. Zet de werkruimte terug uit een back-up die u "
     "vertrouwt."),
    ("--user {name} is ignored: accounts exist, so everyone signs in and each decision carries "
     "the account's name.",
     "--user {name} wordt genegeerd: er zijn accounts, dus iedereen meldt zich aan en elk "
     "besluit draagt de naam van het account."),
    # policy file
    ("{path}: a policy file is a mapping of settings (see `coi policy`).",
     "{path}: een beleidsbestand is een lijst van instellingen (zie `coi policy`)."),
    ("{path}: cannot read the policy file ({why}).",
     "{path}: het beleidsbestand kan niet worden gelezen ({why})."),
    ("{path}: not valid YAML ({~why}).", "{path}: geen geldige YAML ({~why})."),
    ("is not valid YAML on line {=n} ({~why})", "is geen geldige YAML op regel {=n} ({~why})"),
    ("is not valid YAML ({~why})", "is geen geldige YAML ({~why})"),
    ("compare it with the draft that `coi mapping DATA_DIR` writes",
     "vergelijk het met het concept dat `coi mapping DATA_DIR` schrijft"),
    # what is wrong in a YAML file (ingest.header_mapping.yaml_problem)
    ("the tag {tag} is not allowed: a setting file holds plain values",
     "de tag {tag} is niet toegestaan: een instellingenbestand bevat gewone waarden"),
    ("a tab: indent with spaces", "een tab: spring in met spaties"),
    ("column {=n}: check the indentation, colons and quotes",
     "kolom {=n}: controleer het inspringen, de dubbele punten en de aanhalingstekens"),
    ("check the indentation, colons and quotes",
     "controleer het inspringen, de dubbele punten en de aanhalingstekens"),
    ("{where}: setting '{name}' must be a number, not {v}.",
     "{where}: instelling '{name}' moet een getal zijn, niet {v}."),
    ("{where}: setting '{name}' must be a whole number, not {v}.",
     "{where}: instelling '{name}' moet een geheel getal zijn, niet {v}."),
    ("{where}: setting '{name}' must be between {lo} and {hi}, not {v}.",
     "{where}: instelling '{name}' moet tussen {lo} en {hi} liggen, niet {v}."),
    ("{where}: setting '{name}' must be a list of words.",
     "{where}: instelling '{name}' moet een lijst van woorden zijn."),
    ("{where}: setting '{name}' must be true or false, not {v}.",
     "{where}: instelling '{name}' moet true of false zijn, niet {v}."),
    ("{where}: setting '{name}' must be a mapping.",
     "{where}: instelling '{name}' moet een lijst van instellingen zijn."),
    ("{where}: setting '{name}': unknown value(s) {values}",
     "{where}: instelling '{name}': onbekende waarde(n) {values}"),
    ("allowed: {values}.", "toegestaan: {values}."),
    ("{where}: setting 'matching.review_threshold' must not be above "
     "'matching.match_threshold'.",
     "{where}: instelling 'matching.review_threshold' mag niet boven "
     "'matching.match_threshold' liggen."),
    ("{where}: setting 'scoring.medium_from' must not be above 'scoring.high_from'.",
     "{where}: instelling 'scoring.medium_from' mag niet boven 'scoring.high_from' liggen."),
    ("{where}: unknown setting '{name}'", "{where}: onbekende instelling '{name}'"),
    ("known here: {names}.", "hier bekend: {names}."),
    ("did you mean '{name}'? (`coi policy` lists every setting)",
     "bedoelt u '{name}'? (`coi policy` toont elke instelling)"),
    ("{where}: setting 'as_of' must be a date like 2024-12-31, not {v}.",
     "{where}: instelling 'as_of' moet een datum zijn zoals 2024-12-31, niet {v}."),
    ("replaced by the scored comparison (matching.weights, match_threshold, review_threshold)",
     "vervangen door de vergelijking met gewichten (matching.weights, match_threshold, "
     "review_threshold)"),
    # OSError lines (cli.os_error_line)
    ("path too long: choose a shorter --out or workspace path",
     "pad te lang: kies een korter --out- of werkruimtepad"),
    ("a part of this path is a file, not a folder: choose another path",
     "een deel van dit pad is een bestand, geen map: kies een ander pad"),
    ("this is a folder where a file is expected: choose another path",
     "dit is een map waar een bestand verwacht wordt: kies een ander pad"),
    ("no permission to write here: choose a folder you can write to",
     "geen recht om hier te schrijven: kies een map waarin u mag schrijven"),
    ("not permitted: choose a folder you can write to",
     "niet toegestaan: kies een map waarin u mag schrijven"),
    ("read-only file system: choose a folder you can write to",
     "alleen-lezen bestandssysteem: kies een map waarin u mag schrijven"),
    ("no such file or folder", "bestand of map bestaat niet"),
    ("already exists: choose another path", "bestaat al: kies een ander pad"),
    ("the disk is full: free space (or choose another --out) and run again",
     "de schijf is vol: maak ruimte vrij (of kies een andere --out) en probeer opnieuw"),
    ("nothing half-written was kept", "er is niets half geschreven bewaard"),
    ("disk quota exceeded: free space and run again",
     "schijfquotum overschreden: maak ruimte vrij en probeer opnieuw"),
    ("input/output error on the disk: check the disk and run again",
     "invoer/uitvoerfout op de schijf: controleer de schijf en probeer opnieuw"),
    # coi diff: notes and reasons
    ("no difference in inputs or settings found", "geen verschil in invoer of instellingen"),
    ("same input checksums, settings and tool version, yet findings differ",
     "zelfde controlesommen, instellingen en versie, en toch andere bevindingen"),
    ("check the notes in run.json (e.g. as_of)",
     "bekijk de opmerkingen in run.json (bijv. as_of)"),
    ("data and policy both differ", "gegevens en beleid verschillen allebei"),
    ("no cross-scan ({~why}), so causes are inferred per finding",
     "geen kruislingse scan ({~why}), dus oorzaken worden per bevinding afgeleid"),
    ("the data folder of run {name} ({folder}) is not there any more",
     "de gegevensmap van scan {name} ({folder}) bestaat niet meer"),
    ("{path} changed since run {name}", "{path} is veranderd sinds scan {name}"),
    ("the runs were made by coi-graph {a} and {b}, this is {c}",
     "de scans zijn gemaakt door coi-graph {a} en {b}, dit is {c}"),
    ("settings that only affect scores or reports differ: {names}",
     "instellingen die alleen scores of rapporten raken verschillen: {names}"),
    ("score {a} -> {b} ({names} changed)", "score {a} -> {b} ({names} veranderd)"),
    ("score {a} -> {b}", "score {a} -> {b}"),
    ("rule {rule} switched on", "regel {rule} aangezet"),
    ("rule {rule} switched off", "regel {rule} uitgezet"),
    ("family.relations now includes {what}", "family.relations omvat nu {what}"),
    ("family.relations no longer includes {what}", "family.relations omvat niet meer {what}"),
    ("subject_roles now includes {what}", "subject_roles omvat nu {what}"),
    ("subject_roles no longer includes {what}", "subject_roles omvat niet meer {what}"),
    ("paths.max_links {a} -> {b} (this path has {n} links)",
     "paths.max_links {a} -> {b} (dit pad heeft {n} verbindingen)"),
    ("tool version {a} -> {b}", "versie {a} -> {b}"),
    ("the rows it cites are unchanged", "de rijen die ze aanhaalt zijn ongewijzigd"),
    ("no setting that affects this rule changed",
     "geen instelling die deze regel raakt is veranderd"),
    ("cross-scan: data of B with the policy of A", "kruislings: gegevens van B met beleid van A"),
    ("cross-scan: data of A with the policy of B", "kruislings: gegevens van A met beleid van B"),
    ("{~what} with the new data under the old policy ({~why})",
     "{~what} met de nieuwe gegevens onder het oude beleid ({~why})"),
    ("{~what} with the old data under the new policy ({~why})",
     "{~what} met de oude gegevens onder het nieuwe beleid ({~why})"),
    ("{~what} with either the new data or the new policy alone",
     "{~what} met alleen de nieuwe gegevens of alleen het nieuwe beleid"),
    ("{~what} only with the new data and the new policy together",
     "{~what} alleen met de nieuwe gegevens en het nieuwe beleid samen"),
    ("appears", "verschijnt"),
    ("goes", "verdwijnt"),
    ("changes", "verandert"),
    ("changed input: {tables}", "veranderde invoer: {tables}"),
    ("also changed: {tables}", "ook veranderd: {tables}"),
    ("settings changed: {names}", "instellingen veranderd: {names}"),
    # codes of coi diff's table (change, cause)
    ("new", "nieuw"),
    ("resolved", "opgelost"),
    ("changed", "veranderd"),
    ("unchanged", "ongewijzigd"),
    ("data", "gegevens"),
    ("policy", "beleid"),
    ("data and policy", "gegevens en beleid"),
    ("checksums", "controlesommen"),
    ("cross-scan", "kruislingse scan"),
    # a place in a file whose name holds a space ('Inkoopfacturen 2024-01.csv line 484'),
    # as {=file} (one word) does not take it; last, so every specific entry goes first
    ("{file} line {=n}", "{file} regel {=n}"),
]


def _compile(english: str) -> re.Pattern[str]:
    """A template as a pattern: ``{x}`` and ``{~x}`` match text without a clause break
    (``; ``), also none (a ``{hint}`` left empty, a header without names), ``{=x}`` one
    word (a column name, a number)."""
    out = []
    for part in re.split(r"(\{[~=]?\w+\})", english):
        m = re.fullmatch(r"\{([~=]?)(\w+)\}", part)
        if m is None:
            out.append(re.escape(part))
        else:
            out.append(f"(?P<{m[2]}>[^\\s;]+)" if m[1] == "=" else f"(?P<{m[2]}>(?:(?!; ).)*?)")
    return re.compile("".join(out), re.DOTALL)


_COMPILED = [(_compile(en), nl, {m[1] for m in re.finditer(r"\{~(\w+)\}", en)})
             for en, nl in CATALOGUE]


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
#: a duration in seconds as the progress lines write it (``{s}`` in a template): ``0.6``
_SECONDS = re.compile(r"\d+\.\d+")
#: the templates' values that are such decimal numbers: seconds, and a workbook's size in
#: GiB and MiB (``{size}``, ``{packed}``)
_DECIMALS = frozenset({"s", "size", "packed"})

#: The operating system's reasons (``OSError.strerror``, English whatever the locale) as
#: the user reads them: (Dutch, English) by errno.  Library messages quote the platform's
#: reason in brackets ("cannot read the policy file (No such file or directory)"), which
#: was half English in a Dutch run; :func:`os_reason` renders one in either language.
OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("bestand of map bestaat niet", "no such file or folder"),
    errno.EACCES: ("geen toegang", "no permission"),
    errno.EPERM: ("niet toegestaan", "not permitted"),
    errno.ELOOP: ("symbolische links vormen een lus of zijn te diep genest",
                  "symbolic links form a loop or are nested too deep"),
    errno.EISDIR: ("dit is een map", "this is a folder"),
    errno.ENOTDIR: ("een deel van het pad is geen map", "a part of the path is not a folder"),
    errno.ENOSPC: ("de schijf is vol", "the disk is full"),
    errno.EROFS: ("alleen-lezen bestandssysteem", "read-only file system"),
    errno.EMFILE: ("te veel open bestanden", "too many open files"),
    errno.ENAMETOOLONG: ("bestandsnaam te lang", "file name too long"),
    errno.EIO: ("invoer-/uitvoerfout", "input/output error"),
    errno.EBUSY: ("bestand of apparaat is bezet", "file or device is busy"),
    errno.EEXIST: ("bestaat al", "already exists"),
    errno.EADDRINUSE: ("adres al in gebruik", "address already in use"),
    errno.EADDRNOTAVAIL: ("dit adres hoort niet bij deze computer",
                          "this address does not belong to this computer"),
}
#: The platform's reason text -> its errno, for every errno the platform names (also
#: those :data:`OS_REASONS` does not): what :func:`translate` recognises in a message.
_STRERROR_ERRNO = {os.strerror(code): code for code in sorted(errno.errorcode, reverse=True)}


def os_reason(reason: BaseException | str | None, lang: str) -> str:
    """Why the operating system refused, in ``lang``: ``reason`` is an ``OSError`` or its
    ``strerror`` as a message quotes it.  A common errno has its text in
    :data:`OS_REASONS`; any other keeps its errno name (``EXDEV``), the same in both
    languages, rather than the platform's English sentence; text that is no reason of the
    platform is returned as given."""
    if isinstance(reason, OSError):
        code = reason.errno
        if code is None:
            return str(reason)
    elif isinstance(reason, BaseException):
        return str(reason)
    else:
        if reason is None:
            return ""
        code = _STRERROR_ERRNO.get(reason)
        if code is None:
            return reason
    if code in OS_REASONS:
        return OS_REASONS[code][0 if lang == "nl" else 1]
    return errno.errorcode.get(code, f"errno {code}")


#: What ``ingest.identifiers.shown`` writes after a value it masks as a possible BSN: part
#: of the quoted value a template's ``{value}`` takes, so no entry renders it ("'*********'
#: (a nine-digit number, not shown) is geen datum" was half English in a Dutch run).
_MASKED_VALUE = ("(a nine-digit number, not shown)",
                 "(een getal van negen cijfers, niet getoond)")


def _whole(msg: str) -> str | None:
    for pattern, nl, nested in _COMPILED:
        m = pattern.fullmatch(msg)
        if m is None:
            continue
        values = {}
        for name, value in m.groupdict().items():
            if name in nested:
                value = _translate(value)
                if value is None:
                    break
            if _THOUSANDS.fullmatch(value):  # 5,627 -> 5.627
                value = value.replace(",", ".")
            elif name in _DECIMALS and _SECONDS.fullmatch(value):  # in 0.6s -> in 0,6s
                value = value.replace(".", ",")
            if value in _STRERROR_ERRNO:
                value = os_reason(value, "nl")
            value = value.replace(*_MASKED_VALUE)
            values[name] = value
        else:
            return re.sub(r"\{[~=]?(\w+)\}", lambda k: values[k[1]], nl)
    return None


@functools.lru_cache(maxsize=4096)
def _translate(msg: str) -> str | None:
    """``msg`` in Dutch, or None when the catalogue does not cover it."""
    if msg in _STRERROR_ERRNO:  # a bare reason ("path: Permission denied")
        return os_reason(msg, "nl")
    whole = _whole(msg)
    if whole is not None or "; " not in msg:
        return whole
    parts = [_whole(c) for c in msg.split("; ")]
    return None if None in parts else "; ".join(p for p in parts if p is not None)


_PROBLEM_LINE = re.compile(r"(?P<where>[^\n:]+(?::\d+)?): (?:(?P<col>[a-z][a-z0-9_]*"
                           r"(?: \([^()\n]*\))?): )?(?P<msg>.+?)(?P<warn> \(warning\))?")
#: The same, for a column the contract does not have, named by the export's own header as
#: the problem gives it (``sofi-nr``, ``bsn nummer``, ``geldig t/m``): any text without a
#: colon or bracket up to the first ``: ``.  Tried only when the line is not rendered
#: otherwise, since a message may hold such text before a colon itself ("cannot be read:
#: ...").
_PROBLEM_LINE_HEADER = re.compile(r"(?P<where>[^\n:]+(?::\d+)?): (?P<col>[^\W\d_][^:()\n]*?)"
                                  r": (?P<msg>.+?)(?P<warn> \(warning\))?")


def translate(text: str, lang: str) -> str:
    """Library text (English) in ``lang``: line by line; a problem line (``file:line:
    column: message``) keeps its place and has its message rendered, any other line is
    rendered as a whole.  Unknown lines stay as written."""
    if lang != "nl" or not text:
        return text
    return "\n".join(_line(line, lang) for line in text.split("\n"))


def _line(line: str, lang: str) -> str:
    m = _PROBLEM_LINE.fullmatch(line)
    if m:
        tag = t("warning_tag", lang) if m["warn"] else ""
        msg = _translate(m["msg"])
        if msg is not None:
            return f"{m['where']}: " + (f"{m['col']}: " if m["col"] else "") + msg + tag
        if m["col"]:  # "column:" may be part of the message
            msg = _translate(f"{m['col']}: {m['msg']}")
            if msg is not None:
                return f"{m['where']}: {msg}{tag}"
    whole = _translate(line)
    if whole is not None:
        return whole
    m = _PROBLEM_LINE_HEADER.fullmatch(line)
    if m:
        msg = _translate(m["msg"])
        if msg is not None:
            tag = t("warning_tag", lang) if m["warn"] else ""
            return f"{m['where']}: {m['col']}: {msg}{tag}"
    return line


#: the hint to draft a mapping file, as messages give it (both languages name the folder
#: ``DATA_DIR``, as the command's usage line does)
_MAPPING_HINT = "`coi mapping DATA_DIR`"


def with_data_dir(text: str, data_dir: Any) -> str:
    """A message's ``coi mapping DATA_DIR`` and ``coi validate [--skip-bad-rows]`` hints
    with the folder the user gave, so the command can be copied as it stands (the library's
    messages do not know the folder).

    >>> with_data_dir("(`coi mapping DATA_DIR` schrijft een concept)", "exports/2024")
    '(`coi mapping exports/2024` schrijft een concept)'
    >>> with_data_dir("`coi mapping DATA_DIR`", "Mijn exports")
    "`coi mapping 'Mijn exports'`"
    >>> with_data_dir("`coi validate --skip-bad-rows` toont; `coi validate` ook", "x")
    '`coi validate x --skip-bad-rows` toont; `coi validate x` ook'
    """
    import re
    import shlex

    if data_dir is None:
        return text
    folder = shlex.quote(str(data_dir))
    text = text.replace(_MAPPING_HINT, f"`coi mapping {folder}`")
    return re.sub(r"`coi validate(?=(?: --skip-bad-rows)?`)", f"`coi validate {folder}", text)


def problem_line(problem: Any, lang: str) -> str:
    """An input problem as ``file:line: column (Header): message`` in ``lang`` (the same
    form as ``ingest.Problem.format``, with the message rendered at display time)."""
    if lang != "nl":
        return str(problem.format())
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    label = (f"{problem.column} ({problem.header})" if problem.column and problem.header
             else problem.column)
    col = f" {label}:" if problem.column else ""
    message = _translate(problem.message)
    if message is None and problem.line is None:
        # a mapping-file error: its catalogue entry starts with the file (``{path}: ...``)
        whole = _translate(f"{problem.file}: {problem.message}")
        if whole is not None and whole.startswith(f"{problem.file}: "):
            message = whole.removeprefix(f"{problem.file}: ")
    tag = "" if problem.level == "error" else t("warning_tag", lang)
    return f"{where}:{col} {problem.message if message is None else message}{tag}"


# -- click's own text (usage errors, help headings) ------------------------------------------

#: click's English messages (its gettext msgids, click 8.x) and their Dutch twins.  click
#: looks each one up with gettext's ``_()`` when it shows it; :func:`install_click_language`
#: puts :func:`click_gettext` in its place, so the catalogue is keyed by click's own ids,
#: as a gettext catalogue is.  A Dutch twin may leave out a placeholder that would insert
#: an English word (``{name}`` is "File" or "Path", ``{number_type}`` is "integer").
CLICK_NL: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze hulptekst en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "No such option {name!r}.": "Optie {name!r} bestaat niet.",
    "No such command {name!r}.": "Opdracht {name!r} bestaat niet.",
    "Did you mean {possibility}?": "Bedoelt u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelt u een van: {possibilities}?)",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Missing command.": "Geef een opdracht.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} vraagt {nargs} waarden.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} ligt buiten het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja of nee. Bekende waarden: {states}",
    "{value!r} does not match the format {format}.":
        "{value!r} past niet bij het formaat {format}.",
    "{value!r} does not match the formats {formats}.":
        "{value!r} past bij geen van de formaten {formats}.",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "{name} {filename!r} does not exist.": "{filename!r} bestaat niet.",
    "{name} {filename!r} is a file.":
        "{filename!r} is een bestand, geen map: geef de map waarin het staat.",
    "{name} {filename!r} is a directory.":
        "{filename!r} is een map, geen bestand: geef een bestand (in die map).",
    "{name} {filename!r} is not readable.": "{filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{filename!r} is niet uitvoerbaar.",
    "Could not open file {filename!r}: {message}":
        "Kan bestand {filename!r} niet openen: {message}",
    "{len_type} values are required, but {len_value} was given.":
        "{len_type} waarden nodig, maar {len_value} gegeven.",
    "{len_type} values are required, but {len_value} were given.":
        "{len_type} waarden nodig, maar {len_value} gegeven.",
    "Takes {nargs} values but 1 was given.": "Vraagt {nargs} waarden, maar kreeg er 1.",
    "Takes {nargs} values but {len} were given.": "Vraagt {nargs} waarden, maar kreeg er {len}.",
    "Value must be an iterable.": "De waarde moet een reeks zijn.",
    "Aborted!": "Afgebroken.",
    "unknown error": "onbekende fout",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "required": "verplicht",
    "(dynamic)": "(wisselt)",
    "deprecated": "verouderd",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder het te vragen.",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee waarden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Press any key to continue...": "Druk op een toets om door te gaan ...",
}
#: click's usage line names the parts of a command in English; their Dutch twins.
CLICK_METAVARS_NL = {"[OPTIONS]": "[OPTIES]", "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]..."}
_CLICK_EN = {nl: en for en, nl in CLICK_NL.items()}
#: click's English messages that say what is wrong but not what to do, with what to do:
#: a new user's first try is ``coi scan exports/employees.csv`` (a file for the folder).
CLICK_EN_ADVICE = {
    "{name} {filename!r} is a file.":
        "{filename!r} is a file, not a folder: give the folder it is in.",
    "{name} {filename!r} is a directory.":
        "{filename!r} is a folder, not a file: give a file (in that folder).",
}


def click_gettext(message: str) -> str:
    """click's message ``message`` in the language of the run (see :func:`run_lang`)."""
    if run_lang() == "nl":
        return CLICK_NL.get(message, message)
    return CLICK_EN_ADVICE.get(message, message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    return click_gettext(singular if n == 1 else plural)


def _in_run_lang(text: str) -> str:
    """A click text that was looked up once and kept (the help option's text is made once
    per command, the version option's at import), in the language of this run."""
    if run_lang() == "nl":
        return CLICK_NL.get(text, text)
    return _CLICK_EN.get(text, text)


#: The metavars click writes after an option or in the usage line (a type's name, an
#: argument's name) that are English words; their Dutch twins.  Names with an underscore
#: (DATA_DIR, RUN_DIR) are names the help text refers to, the same in both languages.
HELP_METAVARS_NL = {"TEXT": "TEKST", "INTEGER": "GETAL", "FLOAT": "GETAL",
                    "DIRECTORY": "MAP", "FILE": "BESTAND", "PATH": "PAD", "PAIR": "PAAR",
                    "NAME": "NAAM", "BOOLEAN": "JA/NEE", "INTEGER RANGE": "GETAL",
                    "FLOAT RANGE": "GETAL"}
_METAVAR = re.compile(r"(?<![\w-])(" + "|".join(sorted(HELP_METAVARS_NL, key=len, reverse=True))
                      + r")(?![\w-])")


def _metavars(text: str) -> str:
    """The English words of a usage line (``[OPTIONS]``) in the run's language."""
    if run_lang() != "nl":
        return text
    for en, nl in CLICK_METAVARS_NL.items():
        text = text.replace(en, nl)
    return text


def _make_metavar(owner: type) -> Callable[..., str]:
    """``owner.make_metavar`` that names an English metavar (``FILE``, an argument's
    ``PAIR``) in Dutch for a Dutch run of ``coi``: in the usage line, after an option in
    --help and in a usage error ("Ontbrekend argument 'PAAR'")."""
    original = owner.make_metavar  # type: ignore[attr-defined]

    def make_metavar(self: click.Parameter, ctx: click.Context) -> str:
        metavar: str = original(self, ctx)
        if _catalogue(ctx) is None:
            return metavar
        return _METAVAR.sub(lambda m: HELP_METAVARS_NL[m[1]], metavar)

    return make_metavar


class _HelpFormatter(click.HelpFormatter):
    """click's help formatter with the usage line's words and kept texts in the run's
    language (section headings and most texts come through :func:`click_gettext`, the
    commands' own texts through :func:`help_nl`, metavars through :func:`_make_metavar`)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _metavars(args), prefix)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _in_run_lang(text)) for term, text in rows], col_max,
                         col_spacing)


def command_path(ctx: click.Context) -> str:
    """The names of ``ctx``'s command below the root: ``""`` for ``coi`` itself,
    ``"scan"``, ``"match list"`` (the key of :data:`cli_help_nl.HELP_NL`)."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.command.name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def help_nl(ctx: click.Context, param: str | None = None, path: str | None = None) -> str | None:
    """The Dutch help of ``ctx``'s command (``param`` None) or of its parameter ``param``,
    when the run is Dutch and the root command carries a catalogue (``help_nl``, set on
    ``coi``); else None, and click shows the English source."""
    catalogue = _catalogue(ctx)
    if catalogue is None:
        return None
    return catalogue.get((command_path(ctx) if path is None else path, param))


def _catalogue(ctx: click.Context) -> dict[tuple[str, str | None], str] | None:
    """The Dutch help catalogue of ``ctx``'s root command in a Dutch run, else None."""
    if run_lang() != "nl":
        return None
    return getattr(ctx.find_root().command, "help_nl", None)


def _format_help_text(self: click.Command, ctx: click.Context,
                      formatter: click.HelpFormatter) -> None:
    text = help_nl(ctx)
    if text is not None:
        self = copy.copy(self)  # the command is shared by every run: never changed
        self.help = text
    _CLICK_ORIGINALS["format_help_text"](self, ctx, formatter)


def _get_help_record(self: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    text = help_nl(ctx, self.name) if self.help is not None else None
    if text is not None:
        self = copy.copy(self)
        self.help = text
    return _CLICK_ORIGINALS["get_help_record"](self, ctx)  # type: ignore[no-any-return]


def _format_commands(self: click.Group, ctx: click.Context,
                     formatter: click.HelpFormatter) -> None:
    """A group's list of commands, each in one line of the run's language: for ``coi``
    the lines of :data:`COMMAND_HELP_NL` or :data:`COMMAND_HELP_EN`, for a subgroup each
    subcommand's ``short_help`` (Dutch: :data:`cli_help_nl.SHORT_HELP_NL`), written to fit
    where click would cut the description's first sentence with "..."."""
    path = command_path(ctx)
    english = _catalogue(ctx) is None
    if english and (path or getattr(ctx.find_root().command, "help_nl", None) is None):
        return _CLICK_ORIGINALS["format_commands"](self, ctx, formatter)  # type: ignore
    lines = COMMAND_HELP_EN if english else COMMAND_HELP_NL
    commands = [(name, cmd) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
    if not commands:
        return None
    limit = formatter.width - 6 - max(len(name) for name, _ in commands)
    rows = []
    for name, cmd in commands:
        if not path and name in lines:  # written as one line: shown whole
            rows.append((name, lines[name]))
            continue
        if english:
            rows.append((name, cmd.get_short_help_str(limit)))
            continue
        text = SHORT_HELP_NL.get(f"{path} {name}".strip())  # written to fit, like short_help
        if text is None:
            text = help_nl(ctx, path=f"{path} {name}".strip())
            text = None if text is None else click.utils.make_default_short_help(text, limit)
        rows.append((name, cmd.get_short_help_str(limit) if text is None else text))
    with formatter.section(click_gettext("Commands")):
        formatter.write_dl(rows)
    return None


_CLICK_ORIGINALS: dict[str, Callable[..., Any]] = {}


def lang_from_argv(args: list[str]) -> str | None:
    """``--lang X`` among the words of a command line, read before click parses it: a usage
    error is raised while parsing, before ``--lang``'s own callback has run."""
    for i, word in enumerate(args):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if word.startswith("--lang=") and word[7:] in LANGS:
            return word[7:]
    return None


def install_click_language() -> None:
    """Have click speak the run's language: its modules' gettext functions become
    :func:`click_gettext` (they call ``_()`` each time a message is shown), and its help
    formatter :class:`_HelpFormatter`.  A command's description, its options' help and a
    group's list of commands are taken from the root command's ``help_nl`` catalogue in a
    Dutch run (:func:`help_nl`; a root without one, any other click program, is left
    alone).  For the whole process: the ``coi`` command owns it."""
    import importlib
    import sys

    for name in ("core", "exceptions", "parser", "types", "decorators", "formatting",
                 "termui", "utils"):
        module = sys.modules.get(f"click.{name}") or importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is not None:
            module._ = click_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is not None:
            module.ngettext = click_ngettext  # type: ignore[attr-defined]
    click.Context.formatter_class = _HelpFormatter
    # the commands' own help: the Dutch catalogue of the root command, when it has one
    for owner, name, patched in ((click.Command, "format_help_text", _format_help_text),
                                 (click.Option, "get_help_record", _get_help_record),
                                 (click.Group, "format_commands", _format_commands)):
        if name not in _CLICK_ORIGINALS:  # once: a second call must not wrap the wrapper
            _CLICK_ORIGINALS[name] = getattr(owner, name)
            setattr(owner, name, patched)
    for owner in (click.Parameter, click.Argument):  # Argument has its own
        key = f"{owner.__name__}.make_metavar"
        if key not in _CLICK_ORIGINALS:
            _CLICK_ORIGINALS[key] = owner.make_metavar
            owner.make_metavar = _make_metavar(owner)  # type: ignore[method-assign]


#: ``coi --help`` in Dutch: what the tool does (the Dutch of ``coi``'s docstring, kept in
#: cli_help_nl.HELP_NL with every command's help) and each command in one line.
MAIN_HELP_NL = HELP_NL[("", None)]
COMMAND_HELP_NL: dict[str, str] = {
    "accept": "Een geaccepteerde situatie vastleggen, tonen of intrekken.",
    "cases": "De zaken: elke bevinding van de laatste scan met haar status.",
    "demo": "Een fictieve corporatie met geplante conflicten maken en scannen.",
    "diff": "Twee scans vergelijken: nieuw, opgelost, veranderd, ongewijzigd.",
    "explore": "Pagina's om de bevindingen van een scan in de browser te bekijken.",
    "export": "De graaf exporteren voor andere programma's.",
    "mapping": "Een concept-koppelbestand maken uit de kopregels van de export.",
    "match": "Records die als één persoon gelden: tonen, bevestigen, afwijzen.",
    "neo4j": "De graaf in een Neo4j-server laden (bekijken in Neo4j Browser).",
    "policy": "Het standaardbeleid tonen, met de betekenis van elke instelling.",
    "report": "Een afdrukbaar rapport maken (HTML voor A4 en Markdown).",
    "scan": "De gegevens in DATA_DIR scannen en de bevindingen wegschrijven.",
    "serve": "De werkruimte als webapplicatie: zaken, bevindingen, besluiten.",
    "triage": "Een besluit over een of meer bevindingen vastleggen.",
    "user": "Accounts voor `coi serve` op een netwerkadres.",
    "validate": "Elk probleem in DATA_DIR in één keer tonen, per bestand en regel.",
    "verify": "Het manipulatiebestendige auditspoor controleren.",
    "key": "De auditsleutel die het auditspoor van de werkruimte verzegelt.",
}
#: The same lines in English: click cut each English docstring's first sentence at the
#: terminal's width ("List the cases: every finding of the latest scan with its..."), so
#: ``coi --help`` in English read as a list of broken sentences beside the whole Dutch ones.
COMMAND_HELP_EN: dict[str, str] = {
    "accept": "Record an accepted situation, list them, or revoke one.",
    "cases": "The cases: every finding of the latest scan with its status.",
    "demo": "Make a synthetic corporation with planted conflicts and scan it.",
    "diff": "Compare two scans: new, resolved, changed, unchanged.",
    "explore": "Pages to look at a scan's findings in the browser.",
    "export": "Export the graph for other tools.",
    "mapping": "Draft a mapping file from the headers of the export.",
    "match": "Records taken to be one person: list, confirm, reject.",
    "neo4j": "Put the graph on a Neo4j server (explore it in Neo4j Browser).",
    "policy": "Print the default policy, with the meaning of every setting.",
    "report": "Write a printable report (HTML for A4, and Markdown).",
    "scan": "Scan the data in DATA_DIR and write the findings.",
    "serve": "The workspace as a web application: cases, findings, decisions.",
    "triage": "Record a decision on one or more findings.",
    "user": "Accounts for `coi serve` on a network address.",
    "validate": "List every problem in DATA_DIR at once, by file and line.",
    "verify": "Check the tamper-evident audit trail of the workspace.",
    "key": "The audit key that seals the audit trail of the workspace.",
}
