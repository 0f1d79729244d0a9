"""``coi neo4j ...`` and ``coi export ...``: thin commands over ``neo4j_engine`` and
``neo4j_export``.

Connection settings come from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_DATABASE`` (or the
options) and the password from ``NEO4J_PASSWORD`` or, in a terminal, a prompt: never from an
option, where it would end up in the shell history and the process list.

Exit status: 0 done; 1 the server cannot be reached or failed; 2 wrong user or password, an
unusable setting or unusable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_text import group_lang_option, lang_option, run_lang, t
from .errors import InputError
from .policy import load_policy

__all__ = ["export", "neo4j"]


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    from .cli import Progress

    return Progress(quiet)


def _connection_options(fn):  # type: ignore[no-untyped-def]
    """The same connection options on every command that talks to a server."""
    fn = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                      help="Database name [env NEO4J_DATABASE; default: the server's default].")(fn)
    fn = click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                      help="User name [env NEO4J_USER].")(fn)
    fn = click.option("--uri", envvar="NEO4J_URI", default="neo4j://localhost:7687",
                      show_default=True, help="Server address [env NEO4J_URI].")(fn)
    return fn


def _settings(uri: str, user: str, database: str | None):  # type: ignore[no-untyped-def]
    """Settings with the password from the environment, else asked for in a terminal."""
    import os

    from .engines.neo4j import Neo4jSettings

    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise InputError(t("neo4j_no_password", run_lang()))
        password = click.prompt(t("neo4j_password_prompt", run_lang(), user=user),
                                hide_input=True, err=True)
    return Neo4jSettings(uri=uri, user=user, password=password, database=database or None)


_JUDGEMENTS_HELP = ("Workspace whose match judgements (coi match confirm/reject) the graph "
                   "follows, as coi scan does [default: $COI_WORKSPACE, else "
                   "./coi-workspace.sqlite].")


def _workspace_option(fn):  # type: ignore[no-untyped-def]
    """--workspace: the reviewers' match judgements shape the graph (a rejected pair is no
    link), so loading or exporting without them gave another graph than the scan's."""
    return click.option("--workspace", type=click.Path(dir_okay=False, path_type=Path),
                        help=_JUDGEMENTS_HELP)(fn)


@click.group()
@group_lang_option
def neo4j(lang: str) -> None:
    """Put the graph on a Neo4j server, to explore it in Neo4j Browser.

    `coi scan --engine neo4j` runs the same rules there (queries/*.cypher).

    \b
    Example:
      export NEO4J_URI=neo4j://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=...
      coi neo4j load exports/2024
    """


@neo4j.command("load", short_help="Write the graph of DATA_DIR into Neo4j.")
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Policy YAML file: it decides which relatives are family and which "
                   "identifiers are too common, so it shapes the graph.")
@_connection_options
@click.option("--batch-size", type=click.IntRange(100, 100_000), default=5000,
              show_default=True, help="Rows per transaction.")
@click.option("--skip-bad-rows", is_flag=True,
              help="Leave out rows that cannot be read instead of stopping.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@_workspace_option
@lang_option
def load_cmd(data_dir: Path, policy_path: str | None, uri: str, user: str,
             database: str | None, batch_size: int, skip_bad_rows: bool, quiet: bool,
             workspace: Path | None, lang: str) -> None:
    """Write the graph of DATA_DIR into Neo4j (idempotent: a second load changes nothing).

    Creates uniqueness constraints and indexes first, then writes employees, relatives,
    organizations, shared identifiers, decisions, applicants, gifts and declarations in
    batches, and removes what is no longer in DATA_DIR.  Prints what was written.

    \b
    Example:
      NEO4J_PASSWORD=secret coi neo4j load exports/2024 --uri neo4j://localhost:7687
    """
    from .engines.neo4j import load
    from .outputs.match_judgements import load_judgements

    settings = _settings(uri, user, database)
    summary, _ = load(data_dir, load_policy(policy_path), settings=settings,
                      skip_bad_rows=skip_bad_rows, batch_size=batch_size,
                      progress=_progress(quiet), judgements=load_judgements(workspace))
    c = summary.counters
    click.echo(t("neo4j_loaded", lang, data=data_dir, where=settings.where()))
    for what, n in sorted(summary.rows.items()):
        click.echo(f"  {n:>9,}  {what}")
    click.echo(t("neo4j_counters", lang, **c))
    click.echo(t("neo4j_unchanged", lang) if not summary.changed
               else t("neo4j_next", lang, data=data_dir))


@neo4j.command("status", short_help="Check the connection and show what the database holds.")
@_connection_options
@lang_option
def status_cmd(uri: str, user: str, database: str | None, lang: str) -> None:
    """Check the connection and show what the database holds.

    \b
    Example:
      NEO4J_PASSWORD=secret coi neo4j status
    """
    from .engines.neo4j import connect, database_counts, loaded_fingerprint

    settings = _settings(uri, user, database)
    driver = connect(settings)
    try:
        fp = loaded_fingerprint(driver, settings)
        nodes, rels = database_counts(driver, settings)
    finally:
        driver.close()
    click.echo(t("neo4j_connected", lang, where=settings.where(), user=settings.user))
    click.echo(t("neo4j_dataset", lang, fp=fp or t("neo4j_none", lang)))
    for what, n in [*nodes.items(), *rels.items()]:
        click.echo(f"  {n:>9,}  {what}")


@click.group()
@group_lang_option
def export(lang: str) -> None:
    """Export the graph for other tools.

    \b
    Example:
      coi export neo4j-import exports/2024 import-2024
    """


@export.command("neo4j-import", short_help="Write CSV files for `neo4j-admin database import`.")
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Policy YAML file (it shapes the graph, as for a scan).")
@click.option("--database", default="neo4j", show_default=True,
              help="Database name for the import command.")
@click.option("--skip-bad-rows", is_flag=True,
              help="Leave out rows that cannot be read instead of stopping.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@_workspace_option
@lang_option
def neo4j_import(data_dir: Path, out_dir: Path, policy_path: str | None, database: str,
                 skip_bad_rows: bool, quiet: bool, workspace: Path | None, lang: str) -> None:
    """Write node and relationship CSV files for `neo4j-admin database import full`.

    For loads of millions of rows, where `coi neo4j load` would take hours: the files
    describe the same graph (same ids, properties and link ids).  The import command is
    printed and written to OUT_DIR/IMPORT.txt; OUT_DIR/constraints.cypher creates the
    constraints and indexes afterwards.

    \b
    Example:
      coi export neo4j-import exports/2024 import-2024
    """
    from .engines.neo4j_export import export_import_files
    from .outputs.match_judgements import load_judgements

    res = export_import_files(data_dir, out_dir, load_policy(policy_path), database=database,
                              skip_bad_rows=skip_bad_rows, progress=_progress(quiet), lang=lang,
                              judgements=load_judgements(workspace))
    click.echo(t("export_written", lang, n=len(res.files), out=out_dir, nodes=res.nodes,
                 rels=res.relationships))
    click.echo(t("export_next", lang))
    click.echo("")
    click.echo(res.command)
