"""The ``coi`` command: a thin layer over the library.

Every command's work is a library call (``coi_graph.scan.scan``, ``ingest.validate``, ...);
this module parses options, shows progress and maps errors to exit codes:
0 done, 1 the run failed, 2 bad usage or unusable input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import importlib
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import CoiError, InputError
from .rules import RULES

if TYPE_CHECKING:  # imported where used: `coi --help` and the case commands stay light
    from .policy import Policy

from .cli_text import (HELP_NL, LANG_VAR, cli_lang,
                       install_click_language, lang_before_command, lang_from_argv,
                       lang_option, problem_line, with_data_dir,
                       reset_run_lang, run_lang, set_run_lang, t, translate)

install_click_language()  # click's usage errors and help headings in the run's language

__all__ = ["LANG_VAR", "Progress", "cli_lang", "main", "progress_text"]


def _error_line(e: Exception | str) -> str:
    """A library error as one red line in the run's language (the library writes English)."""
    lang = run_lang()
    # a scan's refusal names its data folder in the mapping hint (set by ``scan``)
    return f"{t('error', lang)}: {with_data_dir(translate(str(e), lang), getattr(e, 'data_dir', None))}"


#: Commands that live in their own modules: name -> "module:attribute".
LAZY_COMMANDS = {
    "explore": "coi_graph.cli_explore:explore",
    "triage": "coi_graph.cli_cases:triage",
    "cases": "coi_graph.cli_cases:cases",
    "accept": "coi_graph.cli_cases:accept",
    "diff": "coi_graph.cli_cases:diff",
    "report": "coi_graph.cli_cases:report",
    "neo4j": "coi_graph.cli_neo4j:neo4j",
    "export": "coi_graph.cli_neo4j:export",
    "serve": "coi_graph.cli_serve:serve",
    "verify": "coi_graph.cli_serve:verify",
    "user": "coi_graph.cli_serve:user",
    "key": "coi_graph.cli_serve:key",
    "mapping": "coi_graph.cli_mapping:mapping",
    "match": "coi_graph.cli_match:match",
}


class _Group(click.Group):
    """Turns the library's errors into one clear line and the right exit code, and loads
    the commands of ``LAZY_COMMANDS`` only when they are used (a fast ``coi --help``).
    ``help_nl``: the Dutch help of every command and option below it (cli_text's hooks)."""

    help_nl = HELP_NL

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [n for n, target in LAZY_COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]
        return sorted(set(super().list_commands(ctx)) | set(lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attr = LAZY_COMMANDS[name].split(":")
            if importlib.util.find_spec(module) is None:
                return None
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoiError as e:
            click.secho(_error_line(e), fg="red", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo(t("interrupted", run_lang()), err=True)
            ctx.exit(130)
        except OSError as e:
            if e.errno == errno.EPIPE:  # `coi cases | head`: the reader had enough
                _drop_stdout()
                ctx.exit(0)
            code, line = os_error_line(e)
            click.secho(_error_line(line), fg="red", err=True)
            ctx.exit(code)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Also catch what happens outside a command: Ctrl-C while modules load, and a
        full disk or closed pipe when the output is flushed at the end.  One line each,
        never a traceback."""
        argv = args[0] if args else kwargs.get("args")
        words, before = lang_before_command(list(sys.argv[1:] if argv is None else argv))
        reset_run_lang(before)
        early = lang_from_argv(words)
        if early is not None:  # a usage error comes before --lang's callback
            set_run_lang(early)
        try:
            rest = {k: v for k, v in kwargs.items() if k != "args"}
            rv = super().main(words, *args[1:], **{**rest, "standalone_mode": False})
            sys.stdout.flush()
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo(t("interrupted", run_lang()), err=True)
            sys.exit(130)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except CoiError as e:
            click.secho(_error_line(e), fg="red", err=True)
            sys.exit(e.exit_code)
        except OSError as e:
            code, line = os_error_line(e)
            if e.errno == errno.EPIPE:  # `coi cases | head`: the reader had enough
                code, line = 0, ""
            _drop_stdout()
            if line:
                click.secho(_error_line(line), fg="red", err=True)
            sys.exit(code)
        sys.exit(rv if isinstance(rv, int) else 0)


#: errno -> (exit code, what to do).  A path the user gave that cannot be used is bad
#: usage (2); a disk that is full or failing is a failed run (1).
_OS_ERRORS = {
    errno.ENAMETOOLONG: (2, "path too long: choose a shorter --out or workspace path"),
    errno.ENOTDIR: (2, "a part of this path is a file, not a folder: choose another path"),
    errno.EISDIR: (2, "this is a folder where a file is expected: choose another path"),
    errno.EACCES: (2, "no permission to write here: choose a folder you can write to"),
    errno.EPERM: (2, "not permitted: choose a folder you can write to"),
    errno.EROFS: (2, "read-only file system: choose a folder you can write to"),
    errno.ENOENT: (2, "no such file or folder"),
    errno.EEXIST: (2, "already exists: choose another path"),
    errno.ENOSPC: (1, ("the disk is full: free space (or choose another --out) and run again; "
                       "nothing half-written was kept")),
    errno.EDQUOT: (1, "disk quota exceeded: free space and run again"),
    errno.EIO: (1, "input/output error on the disk: check the disk and run again"),
}


def os_error_line(e: OSError) -> tuple[int, str]:
    """An OSError as (exit code, one line naming the path and what to do)."""
    code, advice = _OS_ERRORS.get(e.errno or -1, (1, e.strerror or str(e)))
    where = e.filename if e.filename is not None else ""
    if e.errno == errno.EEXIST and where and Path(str(where)).is_file():
        code, advice = _OS_ERRORS[errno.ENOTDIR]  # mkdir of a folder under a file
    if isinstance(where, bytes):
        where = where.decode("utf-8", "replace")
    where = str(where)
    if len(where) > 120:  # an over-long path would bury the message
        where = where[:60] + "..." + where[-50:]
    return code, (f"{where}: {advice}" if where else advice)


def _drop_stdout() -> None:
    """After a failed write to stdout, point it at /dev/null so Python's final flush does
    not print 'Exception ignored' with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coi-graph", message="%(prog)s %(version)s")
def main() -> None:
    """coi-graph: find conflicts of interest in a housing corporation's decisions.

    Loads the integrity register (declarations, relatives, side functions, gifts) and the
    decisions (contracts, purchase orders, invoices, allocations, KvK officers) into a
    graph, and flags every decision whose handler or approver is linked to its
    counterparty, with the evidence for each link.
    """


def progress_text(msg: str, lang: str) -> str:
    """A progress line in the run's language (the library writes them in English)."""
    return translate(msg, lang)


class Progress:
    """Progress lines on stderr with the elapsed time, in the run's language (the same as
    its summary); silent with --quiet."""

    def __init__(self, quiet: bool, lang: str | None = None) -> None:
        self.quiet = quiet
        self.lang = lang or run_lang()
        self.t0 = time.perf_counter()

    def __call__(self, msg: str) -> None:
        if not self.quiet:
            self.notice(msg)

    def notice(self, msg: str) -> None:
        """A line shown even with --quiet: one that asks for the user's action (cases the
        scan reopened), which a quiet scheduled scan must not swallow with the progress."""
        elapsed = f"{time.perf_counter() - self.t0:6.1f}"
        if self.lang == "nl":
            elapsed = elapsed.replace(".", ",")  # 4,2s, as the line after it writes numbers
        click.echo(f"[{elapsed}s] {progress_text(msg, self.lang)}", err=True)


def _policy(path: str | None, as_of: str | None = None) -> Policy:
    from .policy import load_policy

    pol = load_policy(path)
    lang = run_lang()
    for name, why in pol.retired:
        click.secho(t("retired_setting", lang, path=path, name=name, why=translate(why, lang)),
                    fg="yellow", err=True)
    if as_of:
        try:
            pol = dataclasses.replace(pol, as_of=dt.date.fromisoformat(as_of))
        except ValueError:
            raise InputError(t("bad_as_of", lang, value=as_of)) from None
    return pol


def _titles(lang: str) -> dict[str, str]:
    return {c: (r.title_nl if lang == "nl" else r.title_en) for c, r in RULES.items()}


def print_summary(result: Any, lang: str, workspace: Path | None = None) -> None:
    titles = _titles(lang)
    n = len(result.findings)
    click.echo("")
    click.secho(t("findings", lang) + f": {n}", bold=True)
    if n:
        click.echo(t("severities", lang, **result.counts_by_severity))
        click.echo("")
        width = max(len(c) for c in result.counts_by_rule)
        for code, count in sorted(result.counts_by_rule.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {count:5d}  {code:<{width}}  {titles[code]}")
    print_rows_skipped(result.dataset, lang)
    print_values_left_out(result.dataset, lang)
    print_where_each_row(result, lang)
    print_not_supplied(result.dataset, lang)
    outside = result.run.get("decisions_outside_employment", 0)
    if outside:
        click.secho(t("outside_employment", lang, n=outside), fg="yellow")
    if result.graph.hubs:
        click.echo(t("hubs", lang) + f": {len(result.graph.hubs)}")
    if result.run_dir is not None:
        click.echo("")
        click.echo(t("results", lang) + f": {result.run_dir}/findings.csv, "
                   "findings.json, run.json, graph.json")
        print_stale_bundles(Path(result.run_dir), lang, workspace)


def print_stale_bundles(run_dir: Path, lang: str, workspace: Path | None = None) -> None:
    """Warn when the run folder still holds explore pages or reports of an earlier scan.

    A second scan into the same --out replaces the findings but not ``explore/`` or
    ``reports/`` (made by other commands, maybe edited or mailed on): they are kept, and
    without this line someone opening ``explore/index.html`` reads the old findings as the
    new ones.
    """
    from .outputs.workspace import default_workspace_path

    # the scan's workspace, when the commands would not find it by themselves (the demo's
    # OUT/coi-workspace.sqlite): without it the pages have no case status, the report no
    # statuses, trend or declaration figures
    ws = (f" --workspace {workspace}" if workspace is not None
          and Path(workspace).resolve() != default_workspace_path().resolve() else "")
    explore, reports = run_dir / "explore", run_dir / "reports"
    if (explore / "index.html").is_file():
        click.secho(t("stale_explore", lang, path=explore, run=run_dir, ws=ws), fg="yellow")
    if reports.is_dir() and any(reports.glob("*-report-*")):
        click.secho(t("stale_reports", lang, path=reports, run=run_dir, ws=ws), fg="yellow")


def print_rows_skipped(dataset: Any, lang: str, err: bool = False) -> None:
    """How many rows were left out (--skip-bad-rows), per file and reason: the scan's
    summary and ``coi validate --skip-bad-rows`` say it in the same words."""
    skipped = sum(table.rows_skipped for table in dataset.tables.values())
    if not skipped:
        return
    click.echo("", err=err)
    click.secho(t("rows_skipped", lang) + f": {skipped}", fg="yellow", err=err)
    for _, table in sorted(dataset.tables.items()):
        for src in table.sources or []:
            for reason, c in sorted(src.skipped_reasons.items()):
                click.echo(f"  {src.file}: {c} x {translate(reason, lang)}", err=err)


def print_values_left_out(dataset: Any, lang: str, err: bool = False) -> None:
    """Per table and column: how many optional values were left out of matching, and why
    (the rows were used)."""
    from .outputs.left_out import left_out_reason

    total = sum(table.values_dropped for table in dataset.tables.values())
    if not total:
        return
    click.echo("", err=err)
    click.secho(t("values_left_out", lang) + f": {total}", fg="yellow", err=err)
    for _, table in sorted(dataset.tables.items()):
        for src in table.sources or []:
            for column, reasons in src.values_left_out.items():
                for reason, c in reasons.items():
                    click.echo(f"  {src.file}: {column}: {c} x "
                               f"{translate(left_out_reason(reason, 'en'), lang)}", err=err)


def print_where_each_row(result: Any, lang: str) -> None:
    """After the counts of rows skipped and values left out, the command that names each
    one with its file, line and column: the summary counts per file and reason, and an
    auditor who reads "medewerkers.csv: 1 x dubbel employee_id" needs the row to fix."""
    import shlex

    tables = result.dataset.tables.values()
    skipped = sum(table.rows_skipped for table in tables)
    if not skipped and not sum(table.values_dropped for table in tables):
        return
    data_dir = result.run.get("data_dir") or ""
    command = f"coi validate {shlex.quote(str(data_dir))}" + (
        " --skip-bad-rows" if skipped else "")
    click.echo("")
    click.echo(t("where_each_row", lang, command=command))


#: files not read shown in the scan's summary (run.json lists them all; coi validate too)
_NOT_READ_SHOWN = 20


def print_not_supplied(dataset: Any, lang: str, err: bool = False,
                       not_read: bool = True) -> None:
    """The tables no file was found for (:attr:`ingest.model.Dataset.tables_not_supplied`),
    so the auditor does not read a scan without them as a clean result; and, with
    ``not_read``, the files in the folder that were not read (``verhuringen.txt`` without
    a header the analyzer knows): only run.json said so, while the summary said no file
    of the table was found."""
    missing = dataset.tables_not_supplied
    if missing and dataset.tables:
        click.echo("", err=err)
        click.secho(t("not_supplied", lang, tables=", ".join(missing)), fg="yellow", err=err)
    listed = getattr(dataset, "files_not_read", [])
    if not not_read:  # coi validate: the problems are listed above; the files no problem names
        told = {(p.file, p.message) for p in dataset.problems if p.line is None}
        listed = [f for f in listed if (f.file, f.why) not in told
                  and (f.file.split("/")[0] + "/", f.why) not in told]
    unread = [f for f in listed if not f.system]
    system = [f for f in listed if f.system]
    unlisted = getattr(dataset, "files_not_read_unlisted", 0)
    if (unread or system or unlisted) and dataset.tables:
        if not (missing and dataset.tables):
            click.echo("", err=err)
        if unread or unlisted:
            click.secho(t("files_not_read", lang) + f": {len(unread) + unlisted}", fg="yellow",
                        err=err)
        shown = unread[:_NOT_READ_SHOWN] if not_read else unread  # coi validate: all
        for item in shown:
            # the file's name is not part of what is translated: a name holding ": "
            # (``x: employees.csv:1: naam.pdf``) would be taken for a problem line
            click.echo(f"  {item.file}: " + translate(item.why, lang), err=err)
        if len(unread) > len(shown):
            click.echo(t("files_not_read_more", lang, n=len(unread) - len(shown)), err=err)
        if unlisted:
            click.echo(t("files_not_read_unlisted", lang, n=unlisted), err=err)
        if system:
            click.echo(t("system_files_passed_over", lang, n=len(system)), err=err)


def _ingest_options(f: Any) -> Any:
    """--strict, --mapping and --sheet, shared by scan and validate."""
    f = click.option("--sheet", help="Sheet of the .xlsx files to read (name or number), "
                     "where mapping.yaml names none [default: the first with data].")(f)
    f = click.option("--mapping", "mapping", type=click.Path(dir_okay=False, path_type=Path),
                     help="Mapping file: file names and headers -> contract columns "
                          "[default: DATA_DIR/mapping.yaml if present; draft: coi mapping].")(f)
    f = click.option("--strict", is_flag=True,
                     help="Also stop on warnings (unusable optional values are otherwise "
                          "left out and counted, and the scan runs).")(f)
    return f


@main.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write findings.csv, findings.json, run.json and graph.json to.")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Policy YAML file (defaults: `coi policy`).")
@click.option("--as-of", help="Reference date for rules without a decision (YYYY-MM-DD).")
@click.option("--skip-bad-rows", is_flag=True,
              help="Leave out rows that cannot be read (counted and listed) instead of stopping.")
@click.option("--engine", type=click.Choice(["networkx", "neo4j"]), default="networkx",
              show_default=True, help="Graph engine: embedded (networkx) or a Neo4j server.")
@lang_option
@click.option("--workspace", type=click.Path(dir_okay=False, path_type=Path),
              help="Workspace database that keeps scan history and case decisions "
                   "[default: $COI_WORKSPACE, else ./coi-workspace.sqlite].")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress lines (errors, warnings and cases reopened are still shown).")
@_ingest_options
def scan(data_dir: Path, out: Path, policy_path: str | None, as_of: str | None,
         skip_bad_rows: bool, engine: str, lang: str, workspace: Path | None,
         quiet: bool, strict: bool, mapping: Path | None, sheet: str | None) -> None:
    """Scan DATA_DIR (one file per table) and write the findings to --out.

    Exit status 0 when the scan ran (findings or not), 1 on a runtime error, 2 on bad usage
    or unreadable input.  Three levels of problem: a file that cannot be used stops the
    scan; a row that cannot be used stops it unless --skip-bad-rows; an unusable optional
    value (phone, postcode, IBAN, ...) is left out of matching, counted and reported, and
    the scan runs (--strict stops on those too).

    \b
    Example:
      coi scan exports/2024 --out runs/2024
      coi scan exports/2024 --out runs/2024 --mapping exports/mapping.yaml --sheet Data
    """
    from .scan import scan as run_scan

    from .outputs.workspace import check_can_record

    pol = _policy(policy_path, as_of)
    progress = Progress(quiet, lang)
    check_can_record(workspace)  # a keyed workspace without its key: before the scan, not after
    from .outputs.match_judgements import load_judgements  # reviewers' match judgements

    judgements = load_judgements(workspace)
    try:
        if engine == "neo4j":  # the same reading, judgements and --strict as the embedded scan
            from .engines.neo4j import scan_neo4j

            result = scan_neo4j(data_dir, out, pol, skip_bad_rows=skip_bad_rows,
                                progress=progress, lang=lang, strict=strict, mapping=mapping,
                                sheet=sheet, judgements=judgements)
        else:
            result = run_scan(data_dir, out, pol, skip_bad_rows=skip_bad_rows,
                              progress=progress, strict=strict, mapping=mapping, sheet=sheet,
                              judgements=judgements, lang=lang)
    except InputError as e:
        e.data_dir = data_dir  # type: ignore[attr-defined]  # for the mapping hint
        raise
    _record_in_workspace(result, out, workspace, progress)
    print_summary(result, lang, workspace)


def _record_in_workspace(result: Any, out: Path, workspace: Path | None,
                         progress: Progress) -> None:
    """Record the run in the workspace: scan history, and cases reopened or kept closed.

    The workspace line is progress, except when the scan reopened closed cases: then it is
    shown with --quiet too, with the command that lists them (they need someone's look).
    So is the warning that the workspace's audit trail was changed outside coi-graph (as
    ``coi cases`` and ``coi triage`` give it): which cases stayed closed was decided on
    statuses that may be forged."""
    from .outputs.workspace import default_workspace_path, open_workspace, record_scan

    said: list[str] = []
    summary = record_scan(result, out, workspace=workspace, progress=said.append)
    for line in said:
        (progress.notice if summary.get("reopened") else progress)(line)
    path = workspace or default_workspace_path()
    if summary.get("reopened"):
        click.secho(t("reopened_look", progress.lang, n=summary["reopened"], ws=path),
                    fg="yellow", err=True)
    with open_workspace(path, create=False) as ws:
        tampered = len(ws.verify().problems)
    if tampered:
        click.secho(t("trail_tampered", progress.lang, n=tampered, path=path), fg="red",
                    bold=True, err=True)


@main.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Only the problems, no summary.")
@click.option("--skip-bad-rows", is_flag=True,
              help="As coi scan --skip-bad-rows: rows that cannot be read are errors the "
                   "scan leaves out (counted and listed); exit 0 unless a file cannot be used.")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Policy YAML file the scan will use (how closely a gift's giver must be "
                   "named to fit an organization).")
@lang_option
@_ingest_options
def validate(data_dir: Path, quiet: bool, skip_bad_rows: bool, policy_path: str | None,
             lang: str, strict: bool, mapping: Path | None, sheet: str | None) -> None:
    """List every problem in DATA_DIR at once, as file:line: column: what to fix.

    Errors are files or rows that cannot be used; warnings are values left out of
    matching (the row is used) and remarks.  Exit status 2 when there are errors (with
    --skip-bad-rows: errors of a file, as the scan), or warnings with --strict; else 0.

    \b
    Example:
      coi validate exports/2024
    """
    import ingest

    from .scan import blocking_problems

    if not data_dir.is_dir():
        raise InputError(t("no_folder", lang, path=data_dir))
    pol = _policy(policy_path)  # a policy file that cannot be used is said before the data
    ds = ingest.read_dataset(data_dir, mapping=mapping, sheet=sheet)
    if "gifts" in ds.tables and "organizations" in ds.tables:
        from .rules.detect import gift_givers_not_found, resolved_gift_rows
        from .scan import note_organizations_not_found

        rows = resolved_gift_rows(ds, pol)
        note_organizations_not_found(ds, gift_givers_not_found(rows))
    for p in ds.problems:
        click.echo(with_data_dir(problem_line(p, lang), data_dir))
    if not quiet:
        click.echo("", err=True)
        if ds.mapping is not None:
            click.echo(t("mapping_used", lang, path=ds.mapping), err=True)
        if not ds.tables:
            click.echo(t("no_tables", lang), err=True)
        for _, table in sorted(ds.tables.items()):
            for src in table.sources or []:
                click.echo(t("rows_read", lang, file=src.file, read=src.rows_read,
                             used=src.rows_used, skipped=src.rows_skipped)
                           + (t("rows_set_aside", lang, n=src.rows_set_aside)
                              if src.rows_set_aside else ""), err=True)
            if table.columns_not_used:
                click.echo(t("columns_not_used", lang, file=table.file,
                             columns=", ".join(table.columns_not_used)), err=True)
        if skip_bad_rows:
            print_rows_skipped(ds, lang, err=True)
        print_values_left_out(ds, lang, err=True)
        print_not_supplied(ds, lang, err=True, not_read=False)  # the rest listed above
        click.echo(t("validate_total", lang, errors=len(ds.errors), warnings=len(ds.warnings)),
                   err=True)
    blocking = blocking_problems(ds, skip_bad_rows)
    if (blocking and not quiet and not skip_bad_rows
            and all(p.action != "refuse_file" for p in blocking)):
        click.echo(with_data_dir(t("validate_skip_hint", lang), data_dir),
                   err=True)  # what the user can do, as a command to copy
    if blocking or (strict and ds.warnings):
        sys.exit(2)


@main.command()
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              callback=lambda ctx, param, value: set_run_lang(cli_lang(value)), is_eager=True,
              help="Language of the help and of error lines (the policy file is in English).")
def policy(lang: str) -> None:
    """Print the default policy, with the meaning of every setting.

    \b
    Example:
      coi policy > my-policy.yaml
    """
    from .policy import default_policy_text

    click.echo(default_policy_text(), nl=False)


@main.command()
@click.option("--size", type=click.Choice(["small", "medium", "large"]), default="small",
              show_default=True, help="small: ~3,000 homes; medium: ~30,000; large: ~1M decisions.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("coi-demo"), show_default=True, help="Folder for data/ and run/.")
@click.option("--seed", type=int, default=7, show_default=True)
@lang_option
@click.option("--workspace", type=click.Path(dir_okay=False, path_type=Path),
              help="Workspace database [default: OUT/coi-workspace.sqlite].")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
def demo(size: str, out: Path, seed: int, lang: str, workspace: Path | None,
         quiet: bool) -> None:
    """Generate a synthetic corporation with planted conflicts, scan it, and say what to open.

    Needs no network and no server.

    \b
    Example:
      coi demo --size small --out coi-demo
    """
    from .demo import generate
    from .outputs.workspace import check_can_record
    from .policy import Policy
    from .scan import scan as run_scan

    progress = Progress(quiet, lang)
    check_can_record(workspace or out / "coi-workspace.sqlite")  # before generating
    progress(f"generating a {size} corporation in {out}/data")
    res = generate(out, size=size, seed=seed, progress=progress)
    run_dir = out / "run"
    result = run_scan(res.data_dir, run_dir, Policy.default(), progress=progress, lang=lang)
    workspace = workspace or out / "coi-workspace.sqlite"
    _record_in_workspace(result, run_dir, workspace, progress)
    print_summary(result, lang, workspace)
    found = {(f.rule, f.decision_id, f.record, f.subject_id) for f in result.findings}
    hit = sum(1 for c in res.cases
              if (c["rule"], c["decision_id"], c["record"], c["subject_id"]) in found)
    decoys = sum(1 for c in res.decoys
                 if any(f.rule == c["rule"] and f.subject_id == c["subject_id"]
                        and (f.decision_id or f.record) == (c["decision_id"] or c["record"])
                        for f in result.findings))
    click.echo("")
    click.echo(t("planted", lang, hit=hit, cases=len(res.cases), decoys=decoys,
                 all_decoys=len(res.decoys)))
    click.echo("")
    click.echo(t("next_steps", lang))
    # with the demo's workspace: it is not ./coi-workspace.sqlite, where explore looks
    # without --workspace, and without it the pages show no case status after a triage
    click.echo(f"  coi explore {run_dir} --open --workspace {workspace}      "
               + t("next_explore", lang))
    click.echo(f"  coi serve --workspace {workspace}      " + t("next_serve", lang))
    click.echo(f"  coi report {run_dir} --audience rvc --workspace {workspace}      "
               + t("next_report", lang))
    click.echo(f"  coi triage FINDING_ID --status explained --note '...' --by NAME "
               f"--workspace {workspace}      " + t("next_triage", lang))


if __name__ == "__main__":  # pragma: no cover
    main()
