"""``coi serve``, ``coi verify`` and ``coi user``: the workspace in the browser, the check of
its audit trail, and the accounts for serving it on a network.

Thin wrappers over :mod:`coi_graph.outputs.serve`, :meth:`coi_graph.outputs.workspace.Workspace.verify` and
:mod:`coi_graph.outputs.serve_auth`.
"""

from __future__ import annotations

import json
import sys
import webbrowser
from pathlib import Path

import click

from .cli_cases import workspace_option
from .cli_text import group_lang_option, lang_option, run_lang, t, translate
from .errors import InputError
from .outputs.workspace import FROM_ENV, default_workspace_path, open_workspace

__all__ = ["key", "serve", "user", "verify"]


@click.command()
@workspace_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address needs accounts "
                   "(`coi user add`).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port (0: any free port).")
@lang_option
@click.option("--user", "user", default=None,
              help="Without accounts: the name recorded on every decision (otherwise the "
                   "browser asks once).")
@click.option("--idle-minutes", type=click.IntRange(1, 24 * 60), default=30, show_default=True,
              help="With accounts: a signed-in session ends after this many minutes without "
                   "a request.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
def serve(workspace: Path | None, host: str, port: int, lang: str, user: str | None,
          idle_minutes: int, open_browser: bool) -> None:
    """Serve the workspace as a web application: cases, findings with their network,
    decisions, acceptances and scan comparisons.

    On 127.0.0.1 (the default) the URL printed on start carries a secret token; open it
    once, then the browser keeps a session. Every decision is appended with who and when.
    The audit trail is verified on start.

    \b
    Examples:
      coi serve --workspace coi-demo/coi-workspace.sqlite
      coi user add "A. Jansen" && coi serve --host 0.0.0.0   # on a network: accounts
    """
    from .outputs.serve import ServeConfig, make_server

    if user is not None and not user.strip():
        raise InputError(t("serve_user_empty", lang))
    cfg = ServeConfig(workspace or default_workspace_path(), lang, host, port,
                      user.strip() if user else None, idle_seconds=idle_minutes * 60)
    server, url = make_server(cfg, say=lambda m: click.secho(translate(m, lang), fg="red",
                                                             err=True))
    click.echo(t("serve_workspace", lang, path=cfg.workspace))
    click.echo(t("serve_open_accounts" if cfg.accounts else "serve_open_token", lang, url=url))
    if not cfg.accounts and cfg.user is None:
        click.echo(t("serve_name_once", lang))
    click.echo(t("serve_stop", lang))
    if open_browser:
        webbrowser.open(url)
    try:
        server.run()  # waitress returns on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    click.echo(t("serve_stopped", lang), err=True)


@click.command()
@workspace_option
@click.option("--expect", metavar="HASH",
              help="A head hash printed earlier: check it is still part of the chain.")
@click.option("--key-file", "key_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The audit key file: also check the MACs "
                                 "[default: $COI_AUDIT_KEY_FILE].")
@click.option("--run", "run_dirs", multiple=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A run folder made after this workspace's last known good state: check "
                   "the workspace still holds its run and the chain it found (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Write the result as JSON.")
@lang_option
def verify(workspace: Path | None, expect: str | None, key_file: Path | None,
           run_dirs: tuple[Path, ...], as_json: bool, lang: str) -> None:
    """Check the tamper-evident audit trail of the workspace.

    Recomputes the hash chain over runs, case events, acceptances and revocations and names
    every row that was rewritten, removed, inserted or reordered outside coi-graph (also
    with INSERT OR REPLACE or after dropping a trigger). With the audit key (--key-file or
    $COI_AUDIT_KEY_FILE) it also checks each entry's MAC, which catches someone who
    recomputed the whole chain. Exit 0: intact; 1: tampered.
    A copy of the workspace rolled back to an earlier state is only found against something
    kept elsewhere: the head hash printed earlier (--expect) or later run folders (--run).

    \b
    Examples:
      coi verify --workspace coi-demo/coi-workspace.sqlite
      coi verify --expect HASH   # the whole head hash printed at the last triage meeting
      coi verify --key-file /secure/coi-audit.key --run runs/2024-q4
    """
    import re

    from .outputs.workspace import read_key_file

    if expect is not None and not re.fullmatch(r"[0-9a-f]{64}", expect.strip().lower()):
        # a shortened hash (`3f2a...`, the first 12 characters) is in no chain: it would be
        # reported as a rewritten trail, a false alarm of tampering; say what to give instead
        raise InputError(t("verify_expect_not_hash", lang, value=expect.strip()[:80]))
    key = read_key_file(key_file) if key_file is not None else FROM_ENV
    with open_workspace(workspace, create=False, key=key) as ws:
        v = ws.verify()
        rolled = [p for rd in run_dirs for p in ws.run_problems(rd)]
    problems = list(v.problems) + rolled
    if expect and expect.strip().lower() not in v.hashes:
        problems.append(t("verify_expect_missing", lang, head=expect.strip()))
    if as_json:  # the sentences for people in the output's one language, as in the text
        click.echo(json.dumps({"ok": not problems, "entries": v.entries, "head": v.head,
                               "key_id": v.key_id, "keys": v.keys,
                               "notes": [translate(n, lang) for n in v.notes],
                               "problems": [translate(p, lang) for p in problems]}, indent=1))
    else:
        if problems:
            click.secho(t("verify_tampered", lang, n=len(problems)), fg="red", bold=True)
            for p in problems:
                click.echo(f"  - {translate(p, lang)}")
        else:
            click.echo(t("verify_intact", lang, n=v.entries, head=v.head))
            if v.key_id:
                click.echo(t("verify_keyed", lang, kid=v.key_id))
        for note in v.notes:
            click.secho(f"  {translate(note, lang)}", fg="yellow")
    if problems:
        raise SystemExit(1)


@click.group()
@group_lang_option
def key(lang: str) -> None:
    """The audit key: a secret kept outside the workspace that seals its audit trail."""


@key.command("new", short_help="Make a new audit key file (never overwritten).")
@click.argument("key_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--workspace", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Register the key in this workspace now (when it is already keyed: "
                   "replace its key, which $COI_AUDIT_KEY_FILE must then name).")
@lang_option
def key_new(key_file: Path, workspace: Path | None, lang: str) -> None:
    """Make a new audit key file KEY_FILE (readable by you only; never overwritten).

    Keep it outside the workspace's folder, where someone who can change the workspace
    cannot read it, and point $COI_AUDIT_KEY_FILE at it for every coi command that records
    (scan, triage, accept, serve, match). A workspace is keyed on its first record with a
    key, or at once with --workspace. To replace a key: run this with --workspace while
    $COI_AUDIT_KEY_FILE still names the current key, then point it at the new file.

    \b
    Examples:
      coi key new /secure/coi-audit.key
      COI_AUDIT_KEY_FILE=/secure/old.key coi key new /secure/new.key --workspace ws.sqlite
    """
    from .outputs.workspace import key_id, new_key_file

    if workspace is not None:  # a workspace that cannot be keyed: refuse before the file
        with open_workspace(workspace, create=False) as ws:
            if ws.audit_keys():
                ws.writing_key()  # its current key must be at hand to vouch for the new one
    new = new_key_file(key_file)
    click.echo(t("key_made", lang, path=key_file, kid=key_id(new)))
    if workspace is not None:
        try:
            with open_workspace(workspace, create=False) as ws:
                kid = ws.register_key(new)
        except Exception:
            key_file.unlink()  # not registered: the file would only mislead
            raise
        click.echo(t("key_registered", lang, path=workspace, kid=kid))
    else:
        click.echo(t("key_use", lang, path=key_file))


@click.group()
@group_lang_option
def user(lang: str) -> None:
    """Accounts for `coi serve` on a network address (passwords hashed with argon2)."""


class _PasswordOption(click.Option):
    """click's password option, whose prompt ("Password", from the option's name) is in the
    run's language like the "Repeat for confirmation" click asks next.

    A password piped in (stdin no terminal: a script, a provisioning job) is read from
    stdin as a line, not through ``getpass``: without a terminal getpass printed its own
    English "Warning: Password input may be echoed." (and a GetPassWarning) in a Dutch
    run, and with one it would read the terminal rather than the pipe.  Nothing is echoed
    either way: piped text is never shown."""

    def prompt_for_value(self, ctx: click.Context) -> object:
        self.prompt = t("password_prompt", run_lang())
        if _stdin_is_terminal():
            return super().prompt_for_value(ctx)
        import click.termui

        asked = click.termui.hidden_prompt_func
        click.termui.hidden_prompt_func = _piped_password
        try:
            return super().prompt_for_value(ctx)
        finally:
            click.termui.hidden_prompt_func = asked


def _piped_password(prompt: str) -> str:
    """One line of a piped stdin as the password: the prompt on stderr as getpass writes it
    (with the line break a terminal's Enter would give), the line itself never shown."""
    sys.stderr.write(prompt)
    line = sys.stdin.readline()
    sys.stderr.write("\n")
    sys.stderr.flush()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # closed or replaced stdin
        return False


@user.command("add", short_help="Add an account.")
@click.argument("name")
@workspace_option
@click.password_option(help="The password (asked twice when not given).", cls=_PasswordOption)
@lang_option
def user_add(name: str, workspace: Path | None, password: str, lang: str) -> None:
    """Add an account NAME (its name is recorded on the decisions it makes).

    \b
    Example:
      coi user add "A. Jansen"      # asks the password twice
    """
    from .outputs.serve_auth import add_user
    from .outputs.workspace import _user

    source = click.get_current_context().get_parameter_source("password")
    if source is click.core.ParameterSource.COMMANDLINE:
        click.secho(t("password_on_command_line", lang), fg="yellow", err=True)
    with open_workspace(workspace, create=False) as ws:
        add_user(ws, name, password, _user())
    click.echo(t("user_added", lang, name=name.strip()))


@user.command("remove", short_help="Remove an account (its decisions keep its name).")
@click.argument("name")
@workspace_option
@lang_option
def user_remove(name: str, workspace: Path | None, lang: str) -> None:
    """Remove an account (its past decisions keep its name).

    \b
    Example:
      coi user remove "A. Jansen"
    """
    from .outputs.serve_auth import remove_user
    from .outputs.workspace import _user

    with open_workspace(workspace, create=False) as ws:
        remove_user(ws, name, _user())
    click.echo(t("user_removed", lang, name=name))


@user.command("list", short_help="List the accounts.")
@workspace_option
@lang_option
def user_list(workspace: Path | None, lang: str) -> None:
    """List the accounts.

    \b
    Example:
      coi user list
    """
    from .outputs.serve_auth import users

    with open_workspace(workspace, create=False) as ws:
        rows = users(ws)
    for r in rows:
        click.echo(t("user_row", lang, name=r["name"], at=r["created_at"][:10],
                     by=r["created_by"]))
    if not rows:
        click.echo(t("no_users", lang))
