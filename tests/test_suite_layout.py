"""How the suite is split over pytest-xdist workers (scripts/test.sh, tests/conftest.py):
each file on one worker, the longest first, and the files that use the one Neo4j test server
taking turns on it."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

import pytest

import conftest

TESTS = Path(__file__).resolve().parent


def _server_users() -> list[Path]:
    """The test files that reach the server: they read ``COI_NEO4J_URI`` themselves or
    through ``tests/neo4j_settings.py``."""
    return sorted(p for p in TESTS.glob("test_*.py")
                  if p.name != Path(__file__).name
                  and any(w in p.read_text(encoding="utf-8")
                          for w in ("COI_NEO4J_URI", "neo4j_settings")))


def test_every_file_that_uses_the_neo4j_server_takes_its_turn() -> None:
    """A file that loads into the shared server without the lock would run beside another
    load on a second worker, and the two would clear each other's graph."""
    users = _server_users()
    assert users, "no test file reads COI_NEO4J_URI: the search for them is broken"
    assert [p.name for p in users] == sorted(conftest.NEO4J_SERVER_FILES)
    for p in users:
        assert 'pytest.mark.usefixtures("neo4j_server_lock")' in p.read_text(encoding="utf-8"), p


def test_the_lock_keeps_a_second_holder_out_until_it_is_released(tmp_path: Path) -> None:
    lock = tmp_path / "server.lock"
    held, release, done = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with conftest.exclusive(lock):
            held.set()
            release.wait(10)
        done.set()

    threading.Thread(target=first, daemon=True).start()
    assert held.wait(10)
    with open(lock, "a") as fh:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        release.set()
        assert done.wait(10)
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free now


class _Item:
    def __init__(self, name: str) -> None:
        self.path = TESTS / name


def test_workers_take_the_long_neo4j_file_first_and_the_other_last(
        monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["test_a.py", "test_paths_neo4j.py", "test_b.py", "test_neo4j_integration.py",
             "test_a.py"]
    items = [_Item(n) for n in names]
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    conftest.pytest_collection_modifyitems(None, items)  # type: ignore[arg-type]
    assert [i.path.name for i in items] == [
        "test_neo4j_integration.py", "test_a.py", "test_b.py", "test_a.py",
        "test_paths_neo4j.py"]
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    items = [_Item(n) for n in names]
    conftest.pytest_collection_modifyitems(None, items)  # type: ignore[arg-type]
    assert [i.path.name for i in items] == names  # a serial run keeps its order


def test_the_test_command_runs_the_suite_on_every_core_file_by_file() -> None:
    script = (TESTS.parent / "scripts" / "test.sh").read_text(encoding="utf-8")
    # loadfile: a file's module fixtures built once; no reorder: the order above
    assert '-n "${COI_TEST_WORKERS:-auto}" --dist loadfile --no-loadscope-reorder' in script
