"""``coi explore``: the browsable bundle of a run, as a thin layer over
:func:`coi_graph.explore.build_bundle` (loaded lazily by ``coi_graph.cli``)."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

__all__ = ["explore"]


@click.command()
@click.argument("run_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the bundle (default: RUN_DIR/explore).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the pages.")
@click.option("--open", "open_", is_flag=True, help="Open index.html in the default browser.")
def explore(run_dir: Path, out: Path | None, lang: str, open_: bool) -> None:
    """Write browsable pages of RUN_DIR's findings: a filterable table, one page per finding
    with its network and evidence, and an overview map of all flagged links.

    The bundle works offline and from a zip file: no server, no internet.

    \b
    Example:
      coi explore runs/2024 --open
    """
    from .explore import build_bundle

    index = build_bundle(run_dir, out, lang=lang)
    click.echo(str(index))
    if open_ and not webbrowser.open(index.resolve().as_uri()):
        click.echo("No browser could be started; open the file above yourself.", err=True)
