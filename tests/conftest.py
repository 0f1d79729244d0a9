"""Shared test set-up."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _workspace_outside_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run without ``--workspace`` records into ``$COI_WORKSPACE``, else
    ``./coi-workspace.sqlite``: point it into the test's own folder so that no test writes a
    workspace into the checkout (tests of the default itself unset it or chdir)."""
    monkeypatch.setenv("COI_WORKSPACE", str(tmp_path / "default-workspace.sqlite"))
