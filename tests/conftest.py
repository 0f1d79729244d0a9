"""Shared test set-up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _workspace_outside_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run without ``--workspace`` records into ``$COI_WORKSPACE``, else
    ``./coi-workspace.sqlite``: point it into the test's own folder so that no test writes a
    workspace into the checkout (tests of the default itself unset it or chdir)."""
    monkeypatch.setenv("COI_WORKSPACE", str(tmp_path / "default-workspace.sqlite"))



#: Test files that use the one Neo4j test server (each clears and loads its database): under
#: pytest-xdist they may land on two workers, so each holds :func:`neo4j_server_lock` while
#: it runs.
NEO4J_SERVER_FILES = ("test_neo4j_integration.py", "test_paths_neo4j.py",
                      "test_neo4j_exports_parity.py")


def _run_order(item: pytest.Item) -> int:
    """The longest file (the Neo4j integration tests, minutes) first, so that the other files
    fill the other workers meanwhile; the other Neo4j file last, when the server is free."""
    name = item.path.name
    return 0 if name == NEO4J_SERVER_FILES[0] else 2 if name in NEO4J_SERVER_FILES else 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In pytest-xdist's workers (``scripts/test.sh`` runs ``-n auto --dist loadfile
    --no-loadscope-reorder``: a file's tests on one worker, so that a module's fixture is
    built once as in a serial run), hand out the files in :func:`_run_order`."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=_run_order)


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_file`` (made if missing) until the block ends;
    another process (or another open of the file) waits until then."""
    if fcntl is None:  # not on POSIX: the suite runs serially there
        yield
        return
    with open(lock_file, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def neo4j_server_lock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One test file at a time on the Neo4j test server, across xdist's worker processes:
    the lock file is in the run's temporary folder that all workers share."""
    with exclusive(tmp_path_factory.getbasetemp().parent / "neo4j-server.lock"):
        yield
