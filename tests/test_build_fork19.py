"""The graph build's forked worker (:mod:`coi_graph.graph.beside`): the KvK officers'
matching and link columns worked out in a child process beside the rest of the matching.

What must hold: the same graph as in process (nodes, edges, links, matches in order,
anchors, digests); the worker's exception raised in the parent with its message; no
process left behind on an error or Ctrl-C; in process when switched off, when fork is not
to be had, or (``fork=None``) when the extract is small."""

from __future__ import annotations

import os
import pickle
import signal
import time
from typing import Any

import numpy as np
import pytest

import ingest
from coi_graph.demo import generate
from coi_graph.graph import beside as BS
from coi_graph.graph import build as B
from coi_graph.graph.beside import Beside, WorkerError
from coi_graph.policy import Policy

pytestmark = pytest.mark.skipif(not BS.fork_wanted() and os.environ.get(BS.ENV) is None,
                                reason="no fork on this platform")


def _gone(pid: int) -> bool:
    """Whether ``pid`` is no longer a process (reaped: not even a zombie)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# ---------------------------------------------------------------------------- Beside


def test_the_work_runs_in_a_child_and_its_value_comes_back() -> None:
    with Beside(lambda: (os.getpid(), np.arange(3), ["a", "b"])) as job:
        assert job.forked and job.pid is not None
        pid, arr, texts = job.result()
    assert pid != os.getpid() and arr.tolist() == [0, 1, 2] and texts == ["a", "b"]
    assert job.pid is None


def test_in_process_when_not_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    """``fork=False``, ``COI_BUILD_FORK=0``, no ``os.fork`` or a fork that fails: the work
    runs at once, in this process, with the same value."""
    with Beside(os.getpid, fork=False) as job:
        assert not job.forked and job.result() == os.getpid()
    monkeypatch.setenv(BS.ENV, "0")
    assert not BS.fork_wanted()
    with Beside(os.getpid) as job:
        assert not job.forked and job.result() == os.getpid()
    monkeypatch.delenv(BS.ENV)
    assert BS.fork_wanted()
    monkeypatch.delattr(os, "fork")
    assert not BS.fork_wanted()
    with Beside(os.getpid) as job:
        assert not job.forked and job.result() == os.getpid()


def test_a_fork_that_fails_runs_the_work_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    with Beside(os.getpid) as job:
        assert not job.forked and job.result() == os.getpid()


class _Odd(Exception):
    """An exception pickle cannot rebuild (its ``__init__`` wants two arguments)."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a}/{b}")


def _fail(exc: BaseException) -> Any:
    raise exc


def test_the_workers_exception_is_raised_in_the_parent_with_its_message() -> None:
    with Beside(lambda: _fail(ValueError("officers.csv, regel 7: kapot"))) as job:
        assert job.forked
        with pytest.raises(ValueError, match="officers.csv, regel 7: kapot") as got:
            job.result()
    assert any("in the forked build worker" in n and "_fail" in n
               for n in getattr(got.value, "__notes__", []))
    with Beside(lambda: _fail(_Odd("x", "y"))) as job:
        with pytest.raises(WorkerError, match=r"_Odd: x/y"):
            job.result()


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    with Beside(lambda: os.kill(os.getpid(), signal.SIGKILL)) as job:
        with pytest.raises(WorkerError, match="without a result.*SIGKILL"):
            job.result()
    with Beside(lambda: os._exit(5)) as job:
        with pytest.raises(WorkerError, match="exit status 5"):
            job.result()
    # killed half-way through writing its result: the part that came is not a result
    with Beside(_write_half_and_die) as job:
        with pytest.raises(WorkerError, match="could not be read.*SIGKILL"):
            job.result()


def _write_half_and_die() -> None:
    """In the worker: write the first half of a pickled result to the pipe, then die."""
    data = pickle.dumps((True, list(range(5_000))))  # less than a pipe holds
    assert BS._CHILD_PIPE is not None
    os.write(BS._CHILD_PIPE, data[:len(data) // 2])
    os.kill(os.getpid(), signal.SIGKILL)


def test_no_process_is_left_behind_on_an_error_or_ctrl_c() -> None:
    """An error in the parent's own work inside the block, Ctrl-C there, and Ctrl-C
    while the parent waits for the result: the child is killed and reaped each time."""
    for exc in (RuntimeError("parent's own error"), KeyboardInterrupt()):
        with pytest.raises(type(exc)):
            with Beside(lambda: time.sleep(60)) as job:
                pid = job.pid
                assert pid is not None and not _gone(pid)
                raise exc
        assert _gone(pid)

    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    try:
        with Beside(lambda: time.sleep(60)) as job:
            pid = job.pid
            assert pid is not None
            signal.setitimer(signal.ITIMER_REAL, 0.3)
            started = time.monotonic()
            with pytest.raises(KeyboardInterrupt):
                job.result()
            assert time.monotonic() - started < 30
            assert _gone(pid)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("fork19")
    generate(root, "small", seed=7)
    return ingest.read_dataset(root / "data")


def _everything(lg: Any) -> list[Any]:
    """All the build leaves behind, order included."""
    et = lg.edge_table
    officer_hashes = lg.digests.whole("officers")
    return [list(lg.g.nodes(data=True)), list(lg.g.edges(keys=True, data=True)),
            lg.matches, sorted(lg.anchor_index.items()), lg.hubs, lg.counts, lg.path_hubs,
            sorted(lg.org_matches.items()), et.nodes, list(et.edges),
            [getattr(et, a).tolist() for a in ("off", "dst", "lo", "hi", "ref", "node_kind",
                                              "hub", "gate")],
            None if officer_hashes is None else officer_hashes.tolist()]


#: the order of the match rows' kinds in ``lg.matches`` (as the build has always listed
#: them: the people among themselves, the KvK officers, the applicants)
_KIND_ORDER = {"person": 0, "officer": 1, "applicant": 2}


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each build's officer work was forked (``Beside.forked``)."""
    seen: list[bool] = []

    class Spy(Beside):  # type: ignore[type-arg]
        def __init__(self, *a: Any, **k: Any) -> None:
            super().__init__(*a, **k)
            seen.append(self.forked)

    monkeypatch.setattr(B, "Beside", Spy)
    return seen


@pytest.mark.parametrize("with_rejected", [False, True])
def test_the_forked_build_is_the_build_in_process(ds: Any, spy: list[bool],
                                                  with_rejected: bool) -> None:
    policy = Policy.default()
    forked = B.build_graph(ds, policy, fork=True, with_rejected=with_rejected)
    alone = B.build_graph(ds, policy, fork=False, with_rejected=with_rejected)
    assert spy == [True, False]
    kinds = [_KIND_ORDER[m["kind"]] for m in alone.matches]
    assert {1, 2} <= set(kinds) and kinds == sorted(kinds)  # officers and applicants match
    assert any(d.get("kind") == "officer" for _, d in alone.g.nodes(data=True))
    assert _everything(forked) == _everything(alone)


def test_small_extracts_collecting_and_switched_off_stay_in_process(
        ds: Any, spy: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    policy = Policy.default()
    assert len(ds.frame("officers")) < B.FORK_MIN_OFFICERS
    monkeypatch.setenv(BS.ENV, "auto")
    B.build_graph(ds, policy)  # fork=None: too small to gain
    B.build_graph(ds, policy, fork=True, collect=[])  # records must reach the list
    monkeypatch.setenv(BS.ENV, "0")
    B.build_graph(ds, policy, fork=True)
    monkeypatch.setattr(B, "FORK_MIN_OFFICERS", 10)
    monkeypatch.setenv(BS.ENV, "auto")
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    monkeypatch.setattr(B, "_cores", lambda: 1)
    B.build_graph(ds, policy)  # one CPU: nothing to gain
    monkeypatch.setattr(B, "_cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 0.2, 0.2))
    B.build_graph(ds, policy)  # two CPUs, but the second is busy
    monkeypatch.setattr(os, "getloadavg", lambda: (1.4, 3.0, 3.0))
    B.build_graph(ds, policy)  # fork=None, a large enough extract, a free CPU: forked
    B.build_graph(ds, policy, fork=True)  # asked for: forked whatever the load
    monkeypatch.setattr(os, "getloadavg", lambda: (7.0, 7.0, 7.0))
    B.build_graph(ds, policy, fork=True)
    B.build_graph(ds, policy)  # busy: in process
    monkeypatch.setenv(BS.ENV, "1")
    monkeypatch.setattr(B, "FORK_MIN_OFFICERS", 10**9)
    B.build_graph(ds, policy)  # COI_BUILD_FORK=1: forked, busy and small as it is
    monkeypatch.delenv(BS.ENV)
    monkeypatch.setattr(B, "FORK_MIN_OFFICERS", 10)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    B.build_graph(ds, policy)  # by default in process, large and idle as it is (memory)
    assert spy == [False, False, False, False, False, True, True, True, False, True, False]


def test_an_error_in_the_worker_fails_the_build_with_its_message(
        ds: Any, spy: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise ValueError("officers: kolom 'name' onleesbaar")

    monkeypatch.setattr(B, "match_officers", broken)
    with pytest.raises(ValueError, match="kolom 'name' onleesbaar"):
        B.build_graph(ds, Policy.default(), fork=True)
    assert spy == [True]


def test_officer_rows_pickled_compactly_are_the_rows(ds: Any) -> None:
    """What the worker sends (:meth:`_OfficerRows.__getstate__`: strings joined, derived
    columns left out) unpickles to the same columns :meth:`add` reads."""
    lg = B.build_graph(ds, Policy.default(), fork=False)
    kvk = B._organization_nodes(ds.frame("organizations"))[2]
    rows = B.match_officers(ds, lg, Policy.default(), kvk, matches=[])
    ready = rows.prepare(lg.digests)
    back = pickle.loads(pickle.dumps(rows))
    assert back.ds is None and back.kvk_to_org is None
    assert back.records == rows.records and len(rows.records) > 100
    for name in ("cites", "digests", "idents", "labels", "keys", "nodes", "ends", "orgs",
                 "records", "births"):
        assert back.ready[name] == ready[name], name
    assert back.ready["rest"].tolist() == ready["rest"].tolist()
    # a line break in a column (a name written over two lines) sends that column as a list
    assert B._unpack(B._pack(["Jan\nde Vries", "Piet"])) == ["Jan\nde Vries", "Piet"]
