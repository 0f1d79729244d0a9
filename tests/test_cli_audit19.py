"""The command line as Audit meets it (nineteenth session): what ``coi scan -q`` still says,
sub-group help lines that are whole sentences, ``coi validate --skip-bad-rows``, and the
sample ``coi match weights`` works on.  Each test is a run of ``coi`` as a user types it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from corp import BASE, make_corp

from coi_graph.cli import main

DECL = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
        "kind": "financial_interest", "position": "aandeelhouder", "share_pct": "30",
        "valid_from": "01-01-2020", "status": "pending"}


def run(*args: Any, lang: str | None = None) -> Result:
    """One ``coi`` run in-process ($COI_LANG unset: Dutch unless ``--lang``)."""
    words = [str(a) for a in args] + (["--lang", lang] if lang else [])
    return CliRunner().invoke(main, words, catch_exceptions=False, env={"COI_LANG": ""})


def ok(*args: Any, lang: str | None = None) -> Result:
    r = run(*args, lang=lang)
    assert r.exit_code == 0, r.output
    return r


# -- 1. coi scan -q keeps what needs the user's action ----------------------------------------


def _dismiss_then_rescan(tmp_path: Path, *quiet: str, lang: str | None = None) -> Result:
    """Scan, dismiss the one finding, scan data in which its declaration was approved: the
    second scan reopens the case.  Returns the second scan's run."""
    ws = tmp_path / "ws.sqlite"
    ok("scan", make_corp(tmp_path / "d1", declarations=[DECL]), "--out", tmp_path / "r1",
       "--workspace", ws, "-q")
    fid = next(line.split()[0] for line in ok("cases", "--workspace", ws).output.splitlines()
               if line.startswith("F-"))
    ok("triage", fid, "--status", "dismissed", "--note", "collega deed de inkoop",
       "--by", "A. Auditor", "--workspace", ws)
    approved = dict(DECL, status="approved", decided_by="E2", decided_on="2024-01-02")
    return ok("scan", make_corp(tmp_path / "d2", declarations=[approved]), "--out",
              tmp_path / "r2", "--workspace", ws, *quiet, lang=lang)


def test_quiet_scan_still_says_that_cases_were_reopened(tmp_path: Path) -> None:
    """-q is for scripts and schedules: no progress lines.  The workspace line that says a
    closed case was reopened (evidence changed) is not progress but something to act on: it
    was hidden with the rest, and a quiet nightly scan reopened cases without a word."""
    r = _dismiss_then_rescan(tmp_path, "-q")
    assert "1 heropend (bewijs veranderd)" in r.stderr, r.stderr
    assert "coi cases --status open --workspace" in r.stderr, r.stderr  # what to do
    assert len(r.stderr.splitlines()) == 2, r.stderr  # no progress line beside them
    en = _dismiss_then_rescan(tmp_path / "en", "-q", lang="en")
    assert "1 reopened (evidence changed)" in en.stderr, en.stderr
    assert "heropend" not in en.stderr and "werkruimte" not in en.stderr


def test_quiet_scan_warns_when_the_audit_trail_was_changed(tmp_path: Path) -> None:
    """A scan records into the workspace whose statuses decide which cases stay closed.
    ``coi cases`` and ``coi triage`` warn when its audit trail was changed outside
    coi-graph; a scan said nothing, quiet or not, and went on recording on the forged
    statuses.  It now warns on stderr (also with -q: it needs someone's action)."""
    import sqlite3

    ws = tmp_path / "ws.sqlite"
    data = make_corp(tmp_path / "d", declarations=[DECL])
    ok("scan", data, "--out", tmp_path / "r1", "--workspace", ws, "-q")
    fid = next(line.split()[0] for line in ok("cases", "--workspace", ws).output.splitlines()
               if line.startswith("F-"))
    ok("triage", fid, "--status", "in_review", "--note", "kijken", "--by", "A. Auditor",
       "--workspace", ws)
    clean = ok("scan", data, "--out", tmp_path / "r2", "--workspace", ws, "-q")
    assert clean.stderr == "", clean.stderr
    con = sqlite3.connect(ws)
    con.execute("DROP TRIGGER case_events_no_update")
    con.execute("UPDATE case_events SET status = 'dismissed', note = 'niets'")
    con.commit()
    con.close()
    r = ok("scan", data, "--out", tmp_path / "r3", "--workspace", ws, "-q")
    assert "WAARSCHUWING: het auditspoor van" in r.stderr, r.stderr
    assert f"coi verify --workspace {ws}" in r.stderr
    en = ok("scan", data, "--out", tmp_path / "r4", "--workspace", ws, "-q", lang="en")
    assert "WARNING: the audit trail of" in en.stderr and "WAARSCHUWING" not in en.stderr


def test_quiet_scan_says_nothing_when_nothing_needs_action(tmp_path: Path) -> None:
    r = ok("scan", make_corp(tmp_path / "d", declarations=[DECL]), "--out", tmp_path / "r",
           "--workspace", tmp_path / "ws.sqlite", "-q")
    assert r.stderr == "", r.stderr
    loud = ok("scan", make_corp(tmp_path / "d", declarations=[DECL]), "--out",
              tmp_path / "r2", "--workspace", tmp_path / "ws2.sqlite")
    assert "werkruimte" in loud.stderr and "0 heropend" in loud.stderr  # said without -q


# -- 2. every group's list of commands: whole sentences that fit ------------------------------


def _groups() -> list[list[str]]:
    """The command path of ``coi`` and of every group below it."""
    import click

    ctx = click.Context(main, info_name="coi")
    found: list[list[str]] = [[]]

    def walk(group: click.Group, path: list[str]) -> None:
        for name in group.list_commands(ctx):
            cmd = group.get_command(ctx, name)
            if isinstance(cmd, click.Group):
                found.append([*path, name])
                walk(cmd, [*path, name])

    walk(main, [])
    return found


def test_every_group_lists_its_commands_in_whole_lines_in_either_language() -> None:
    """``coi match --help`` listed "confirm  Bevestigen dat PAAR (een paar-id uit `coi match
    list..." : click cuts a description's first sentence to fit the line.  Each command in
    each group's list (``coi`` itself, match, user, key, neo4j, export) now has a short help
    written to fit: one line each at 80 columns, never cut with "...", a whole sentence,
    in the language of the run."""
    groups = _groups()
    assert {"match", "user", "key", "neo4j", "export"} <= {" ".join(g) for g in groups}
    for path in groups:
        for lang in ("nl", "en"):
            r = CliRunner().invoke(main, [*path, "--help", "--lang", lang],
                                   env={"COI_LANG": "", "COLUMNS": "80"})
            assert r.exit_code == 0, r.output
            head = {"nl": "Opdrachten:", "en": "Commands:"}[lang]
            listing = r.output.split(head + "\n")[1].splitlines()
            assert listing, (path, lang)
            for line in listing:
                assert line.startswith("  ") and not line.startswith("   "), (path, lang, line)
                assert len(line) <= 78, (path, lang, line)  # click's width at 80 columns
                text = line.split(None, 1)[1]
                assert not text.endswith("...") and text.endswith("."), (path, lang, line)
            if path:  # the one language: no Dutch line in English and no English in Dutch
                other = {"nl": (" the ", " a "), "en": (" de ", " het ", " een ")}[lang]
                assert not any(w in " " + " ".join(listing).lower() for w in other), listing


# -- 3. coi validate --skip-bad-rows ---------------------------------------------------------


def _bad_rows(root: Path) -> Path:
    """Three row errors in contracts.csv (an impossible date, an unknown handler, a duplicate
    id); the row with the declared interest (D1) is fine."""
    contracts = copy.deepcopy(BASE["contracts"])
    contracts[1]["decision_date"] = "31-02-2024"
    contracts.append(dict(contracts[0], decision_id="D3", handled_by="E99"))
    contracts.append(dict(contracts[0], amount_eur="1,00", decision_date="2024-02-01"))
    return make_corp(root, declarations=[DECL], contracts=contracts)


def test_validate_skip_bad_rows_accounts_for_rows_as_the_scan_does(tmp_path: Path) -> None:
    """``coi scan --skip-bad-rows`` runs on data with bad rows; ``coi validate`` had no such
    option, so the check before a scan said exit 2 where the scan would run.  With it,
    validate still lists every problem, says which rows the scan will leave out in the
    scan's words, and exits 0; a file that cannot be used still exits 2."""
    data = _bad_rows(tmp_path / "data")
    plain = run("validate", data)
    assert plain.exit_code == 2, plain.output
    assert "--skip-bad-rows" in plain.stderr, plain.stderr  # what to do, said
    r = run("validate", data, "--skip-bad-rows")
    assert r.exit_code == 0, r.output
    assert r.stdout == plain.stdout  # every problem still listed, as without the option
    scan = ok("scan", data, "--out", tmp_path / "run", "--workspace", tmp_path / "ws.sqlite",
              "-q", "--skip-bad-rows")
    block = scan.stdout.split("Overgeslagen rijen: 3\n")[1].split("\n\n")[0]
    assert block.count("contracts.csv: 1 x ") == 3, block
    assert "Overgeslagen rijen: 3\n" + block in r.stderr, r.stderr
    en = run("validate", data, "--skip-bad-rows", lang="en")
    assert en.exit_code == 0 and "Rows skipped: 3" in en.stderr, en.output
    assert "Overgeslagen" not in en.output and "onbekend" not in en.output
    # a file that cannot be used is not a row: still exit 2
    (data / "employees.csv").unlink()
    assert run("validate", data, "--skip-bad-rows").exit_code == 2


# -- 4. coi match weights: the pairs compared on columns ------------------------------------

#: Names that reach every branch of compare's name levels: typos, swapped, spacing, one word,
#: initials, particles glued and apart, double names, the surname first, other scripts.
_NAMES = [
    "Jan de Vries", "Jan de Vreis", "Vries Jan", "de Vries, Jan", "Jan Devries",
    "Jan van der Heuvel", "Jan Vanderheuvel", "J. van der Heuvel", "J.W. de Vries",
    "Jan-Willem Bakker", "Janwillem Bakker", "Willem-Jan Bakker", "Anne-Marie Jansen",
    "Annemarie Jansen", "Anne Marie Jansen", "Tim Jansen", "Tom Jansen", "Jansen Tom",
    "Ethan", "Ethan Smit", "Etham Smit", "Imogen Filipov", "Fikipov Imoegn",
    "Benj Amin Wyllie", "Benjamin Wyllie", "Stan Field", "Stanfield", "Tran Thi Hoa",
    "Thi Hoa Tran", "Xiaoming Wang", "Wang Xiao Ming", "Mohamed El Amrani", "Mohamed Amrani",
    "Piet Bakker-de Boer", "Piet de Boer", "Piet Bakker", "M.S. Yilmaz", "Maria Yilmaz",
    "Ayşe Yılmaz", "Ayse Yilmaz", "Jan Jansen jr.", "Jan Jansen sr.", "Kees Pieter de Wit",
    "Jan Pieter de Wit", "Pieter de Wit", "Henk", "Hank de Groot", "Henk de Groot",
    "Jacl Mulder", "Jack Mulder", "Sophie Muller", "Sofie Mueller", "Yasmin Quilliam",
    "Yam In Quilliam", "Paul Coleman", "Palu Cole Man", "", "Q", "A. B. C. Jansen",
]
_DAYS = [dt.date(1970, 3, 4), dt.date(1970, 4, 3), dt.date(1970, 3, 5), dt.date(1907, 3, 4),
         dt.date(1970, 12, 1), dt.date(1975, 3, 4), None, dt.date(999, 3, 4),
         dt.date(1099, 3, 4), dt.date(1979, 3, 4), dt.date(1980, 3, 4), dt.date(1970, 4, 5)]
_ADDRESSES = [("1234AB|10|", "kerkstraat 10|ede"), ("1234AB|10|a", "kerkstraat 10|ede"),
              ("1234AB|12|", "kerkstraat 12|ede"), (None, "kerk straat 10|ede"),
              (None, "kerkstrat 10|ede"), ("9999ZZ|10|", "kerkstraat 10|ede"), (None, None),
              ("|10|", None), ("|10|", "dorpsweg 1|ede"), ("1234AB|1|", None)]


def _hostile_records() -> list[Any]:
    """Records that combine those names with near birth dates (swapped, one digit, a year
    only, before the year 1000), near addresses and shared identifiers."""
    from coi_graph.match.compare import PersonRecord

    out = []
    for n, name in enumerate(_NAMES * 2):
        day = _DAYS[n % len(_DAYS)]
        addr, street = _ADDRESSES[n % len(_ADDRESSES)]
        out.append(PersonRecord(
            f"r:{n}", name, day, addr, street,
            iban=["NL91ABNA0417164300", None, "NL20INGB0001234567"][n % 3],
            email=[None, "a@b.nl", "c@d.nl", None, "jansen@ede.nl", "jansne@ede.nl"][n % 6],
            phone=[None, "0612345678", "0612345687"][n % 3],
            birth_year=1970 if day is None and n % 2 else None))
    return out


def test_the_pairs_compared_on_columns_get_the_levels_compare_gives() -> None:
    """``coi match weights`` took 165 s on the large demo: a million random pairs and two
    sessions of blocked pairs, each through the whole compare().  The columns now give
    each pair its levels; they must be compare()'s own, pair by pair, for every pair of
    records that reach each branch (and with and without the address)."""
    import dataclasses

    import numpy as np

    from coi_graph.match import estimate as est
    from coi_graph.match.compare import prepare
    from coi_graph.policy import Policy

    sets = [_hostile_records()]
    policies = [Policy.default().matching,
                dataclasses.replace(Policy.default().matching, use_address=False)]
    for records in sets:
        prepared = [prepare(r) for r in records]
        i, j = (x.ravel() for x in np.meshgrid(np.arange(len(prepared)),
                                                np.arange(len(prepared)), indexing="ij"))
        keep = i != j
        i, j = i[keep], j[keep]
        for pol in policies:
            coder = est._Coder(pol, est._frequencies(prepared, pol))
            got = coder.pairs(prepared, i, j)
            want = np.array([coder.code(prepared[x], prepared[y])
                             for x, y in zip(i.tolist(), j.tolist())], np.int16)
            bad = np.flatnonzero((got != want).any(axis=1))
            assert not len(bad), [(records[i[n]].name, records[j[n]].name, records[i[n]],
                                   records[j[n]], want[n].tolist(), got[n].tolist())
                                  for n in bad[:3]]
            # every level of every slot is met at least once, so each branch was checked
            assert (got[:, 0] >= 0).any() and len(set(got[:, 0].tolist())) >= 8
            # the levels of a near birth date or a mistyped e-mail or phone (compare's
            # own tests, on the pairs that can have them) are met too
            met = {coder.levels[s][v] for si, s in enumerate(est._SLOTS)
                   for v in set(got[:, si].tolist()) if v >= 0}
            assert {"birth.year_off", "birth.two_digits", "email.typo", "phone.typo"} <= met


# -- 5. a first-time user's path --------------------------------------------------------------


def test_a_missing_data_folder_says_what_to_give_in_every_command(tmp_path: Path) -> None:
    """``coi scan``, ``coi match list`` and ``coi match weights`` said of a folder that does
    not exist which folder to give; ``coi validate`` and ``coi mapping``, the first commands
    the README has a user run on an export, said only "no such folder."."""
    nope = tmp_path / "exports" / "2042"
    for words in (["validate", nope], ["mapping", nope], ["scan", nope, "--out", tmp_path / "r"],
                  ["match", "list", nope]):
        for lang, what in (("nl", "geef de map met employees.csv"),
                           ("en", "give the folder that holds employees.csv")):
            r = run(*words, lang=lang)
            assert r.exit_code == 2, (words, r.output)
            assert what in r.output, (words, lang, r.output)


def test_one_status_has_one_dutch_word_in_every_output() -> None:
    """A case dismissed with ``coi triage --status dismissed`` read "geseponeerd" in ``coi
    cases`` and the explore pages, "Terzijde gelegd" in the board and audit report and
    "afgewezen" in ``coi serve`` (where "afgewezen" is also what ``coi match reject``
    records); "in behandeling" was "geëscaleerd (in onderzoek)" in ``coi serve``.  One
    word per status now, in each language (an accepted situation may say "situatie")."""
    from coi_graph.outputs.explore_text import ui
    from coi_graph.outputs.report import TEXT
    from coi_graph.outputs.serve_text import text

    for lang in ("nl", "en"):
        pages = ui(lang)["statuses"]
        for code in ("open", "in_review", "explained", "confirmed", "dismissed"):
            words = {pages[code].lower(), TEXT[lang]["st"][code].lower(),
                     text(lang)["status"][code].lower()}
            assert len(words) == 1, (lang, code, words)


def test_match_list_without_pairs_says_what_that_means(tmp_path: Path) -> None:
    """``coi match list DATA --band possible`` answered "Geen paren." whether the data had
    no pair at all or only none in that band; it now says which, and how to see the rest."""
    data = make_corp(tmp_path / "d", declarations=[DECL])
    r = ok("match", "list", data, "--band", "possible", "--workspace", tmp_path / "ws.sqlite")
    assert "band 'possible'" in r.output and "--band all" in r.output, r.output
    en = ok("match", "list", data, "--workspace", tmp_path / "ws.sqlite", lang="en")
    assert "No two records in" in en.output and "one person" in en.output, en.output
