"""Run folders and the files in them, readable by their owner only.

Findings, ``graph.json``, ``run.json`` and the audit report name employees, relatives and
what links them: personal data that the usual umask 022 would let every local user of a
shared server read.  So a run folder is created without group and other permissions (mode
0700, narrowed further by a stricter umask, as ``mkdir`` applies it), and each file written
into it loses its group and other bits before it takes its name (the owner's bits stay as
the umask gave them).  A folder that already exists keeps the mode its owner gave it, as the
workspace file does (``coi_graph.outputs.workspace._create_private``).

The explore bundle is the exception, on purpose: it is meant to be served by a web server
or mailed as a zip, so its folder is 0755 (``coi_graph.outputs.explore._prepare_out``).

>>> import tempfile, stat
>>> d = Path(tempfile.mkdtemp()) / "run"
>>> _ = private_dir(d)
>>> stat.S_IMODE(d.stat().st_mode) & 0o077
0
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["private_dir", "private_file"]


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) when missing, the folder itself without group or
    other permissions; an existing folder is left as it is.  Returns ``path``."""
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:  # made meanwhile (or a file: the writes below say so)
            pass
    return path


def private_file(path: Path) -> None:
    """Take the group and other permissions off a file just written (before it is renamed
    to its final name, so it never stands there readable by others)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
    except OSError:  # a file system without modes: nothing to take off
        pass
