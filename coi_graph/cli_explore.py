"""``coi explore``: the browsable bundle of a run, as a thin layer over
:func:`coi_graph.outputs.explore.build_bundle` (loaded lazily by ``coi_graph.cli``)."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from .cli_text import lang_option, t

__all__ = ["explore"]


@click.command()
@click.argument("run_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the bundle (default: RUN_DIR/explore).")
@lang_option
@click.option("--workspace", type=click.Path(dir_okay=False, path_type=Path),
              help="Workspace to read each finding's case status from [default: "
                   "$COI_WORKSPACE, else ./coi-workspace.sqlite when it exists].")
@click.option("--open", "open_", is_flag=True, help="Open index.html in the default browser.")
def explore(run_dir: Path, out: Path | None, lang: str, workspace: Path | None,
            open_: bool) -> None:
    """Write browsable pages of RUN_DIR's findings: a filterable table, one page per finding
    with its network and evidence, and an overview map of all flagged links.

    The bundle works offline and from a zip file: no server, no internet.  Each finding
    shows its case status in the workspace at the time the pages are made.

    \b
    Example:
      coi explore runs/2024 --open
    """
    from .outputs.explore import build_bundle

    index = build_bundle(run_dir, out, lang=lang, workspace=workspace)
    click.echo(str(index))
    # the statuses on the pages came from the workspace: read without its key, say so once
    from .cli_cases import warn_if_read_without_key
    from .outputs.workspace import default_workspace_path, trail_read_without_key

    warn_if_read_without_key(trail_read_without_key(workspace or default_workspace_path()),
                             workspace, lang)
    if open_ and not webbrowser.open(index.resolve().as_uri()):
        click.echo(t("no_browser", lang), err=True)
