"""One piece of work run in a forked process beside the caller, its result taken later.

Why: the graph build is about 4 s of single-threaded Python on a large corporation, and
two of its parts do not depend on each other (the KvK officers' matching and link columns
against the relatives' and applicants' matching); the machine has a second core.  A thread
would not help (the GIL); a forked child inherits the dataset and the graph so far without
copying (copy-on-write) and hands back only compact columns, pickled through a pipe.

The caller stays in charge of order: it takes the result at a fixed point (:meth:`Beside.result`)
and applies it as if the work had been done in process, so outputs do not depend on which
process finished first.  When forking is not possible or not wanted (no ``os.fork``, not
Linux, ``COI_BUILD_FORK=0``, or the caller says the input is too small to gain), the work
runs in process, at once, with the same result.

Safety of forking here: the build runs with the cyclic collector paused
(:func:`coi_graph.scan.build_frozen`), so the child does not walk (and thereby copy) the
parent's objects; the ingest's thread pools are idle and the child does not use them;
Arrow's own thread pool and memory pool are fork-aware, and the child's work uses Arrow
kernels only in its own thread.  The child never returns into the caller's code: it leaves
with ``os._exit`` (no atexit handlers, no flushing of buffers it shares with the parent).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

#: ``COI_BUILD_FORK=0`` (or ``no``/``off``/``false``, and the default) runs the work in
#: process; ``COI_BUILD_FORK=auto`` forks where the caller judges it gains (a large input,
#: a free CPU: :func:`fork_auto`); ``COI_BUILD_FORK=1`` forks whenever possible
#: (:func:`fork_forced`).  Not forked by default: on the ``large`` demo the worker's own
#: pages took the scan's peak from about 0.8 to 0.95-1.0 GiB (the target is under 1 GiB)
#: for about 0.5 s of wall time (bench/README.md, nineteenth session)
ENV = "COI_BUILD_FORK"


def fork_wanted() -> bool:
    """Whether work may be forked: Linux (fork is safe there with the libraries a scan
    loads; macOS' system frameworks are not), ``os.fork`` present, and not switched off by
    ``COI_BUILD_FORK``."""
    if os.environ.get(ENV, "").strip().lower() in ("0", "no", "off", "false"):
        return False
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def fork_forced() -> bool:
    """``COI_BUILD_FORK=1`` (or ``yes``/``on``/``true``): fork whenever possible, also for
    a small input or on a busy machine (to measure the worker where the caller's own
    judgement would not fork)."""
    return (os.environ.get(ENV, "").strip().lower() in ("1", "yes", "on", "true")
            and fork_wanted())


def fork_auto() -> bool:
    """``COI_BUILD_FORK=auto``: fork where the caller judges that it gains (the graph build:
    a large extract and a free CPU)."""
    return os.environ.get(ENV, "").strip().lower() == "auto" and fork_wanted()


class WorkerError(RuntimeError):
    """The forked work failed and its exception could not be handed over as it was (not
    picklable), or the child ended without a result (killed, out of memory)."""


class Beside(Generic[T]):
    """``fn()`` run in a forked child (``fork=True`` and :func:`fork_wanted`), else in
    process when :meth:`result` is first asked for; :meth:`result` gives its value or
    raises its exception (from the child: with the child's traceback as a note).  Use as a
    context manager: leaving the block without taking the result (an error, Ctrl-C in the
    caller's own work) kills and reaps the child, so no process is left behind.

    >>> with Beside(lambda: 6 * 7, fork=False) as job:
    ...     job.forked, job.result()
    (False, 42)
    """

    def __init__(self, fn: Callable[[], T], *, fork: bool = True) -> None:
        self._pid: int | None = None
        self._fd: int | None = None
        self._value: T | None = None
        self.forked = bool(fork) and fork_wanted()
        if self.forked:
            r, w = os.pipe()
            parent = os.getpid()
            try:
                pid = os.fork()
            except OSError:  # no process to be had (a limit, no memory): in process
                os.close(r)
                os.close(w)
                self.forked = False
            else:
                if pid == 0:  # the child: never returns
                    os.close(r)
                    _child(fn, w, parent)
                os.close(w)
                self._pid, self._fd = pid, r
        #: the work, when it runs in process: at the first :meth:`result`, so that it runs
        #: where the caller would have run it without a worker
        self._fn: Callable[[], T] | None = None if self.forked else fn

    def result(self) -> T:
        """The work's value (waiting for the child), or its exception raised here."""
        if not self.forked:
            fn, self._fn = self._fn, None
            if fn is not None:
                self._value = fn()
            return self._value  # type: ignore[return-value]
        if self._pid is None:
            raise WorkerError("the forked work's result was taken already or cancelled")
        chunks = []
        fd = self._fd
        assert fd is not None
        try:
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:  # the child closed its end: it is leaving
                    break
                chunks.append(chunk)
        except BaseException:  # Ctrl-C while waiting: the child goes too
            self.cancel()
            raise
        self._fd = None
        os.close(fd)
        pid, self._pid = self._pid, None
        _, status = os.waitpid(pid, 0)
        data = b"".join(chunks)
        if not data:
            raise WorkerError(f"the forked work ended without a result ({_how(status)})")
        try:
            ok, value = pickle.loads(data)
        except Exception as e:  # cut short: the child died while writing it
            raise WorkerError(f"the forked work's result could not be read ({_how(status)}): "
                              f"{type(e).__name__}: {e}") from e
        if ok:
            return value
        raise value

    def cancel(self) -> None:
        """Kill the child (if still running) and reap it; the result is given up."""
        pid, self._pid = self._pid, None
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (None in process or once joined)."""
        return self._pid


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return f"killed by {name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


#: in a worker, the write end of its pipe to the parent (tests cut a result short on it)
_CHILD_PIPE: int | None = None


def _child(fn: Callable[[], object], w: int, parent: int) -> None:
    """Run ``fn`` in the child and write ``(True, value)`` or ``(False, exception)``,
    pickled, to ``w``; then leave at once."""
    global _CHILD_PIPE
    _CHILD_PIPE = w
    code = 0
    try:
        try:
            # Ctrl-C reaches the whole process group: the child just ends (the parent gets
            # its own KeyboardInterrupt and reaps it); if the parent dies, so does the child
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
            except (ValueError, OSError):  # pragma: no cover  # (not the main thread)
                pass
            _die_with(parent)
            payload = pickle.dumps((True, fn()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as e:  # noqa: BLE001  # every failure goes to the parent
            code = 1
            payload = _failure(e)
        view = memoryview(payload)
        while view:
            view = view[os.write(w, view):]
    except BaseException:  # noqa: BLE001  # the pipe is gone: the parent gave up on us
        code = 2
    finally:
        os._exit(code)


def _failure(e: BaseException) -> bytes:
    """The exception pickled with the child's traceback as a note; a stand-in
    :class:`WorkerError` with its type and message when it cannot be pickled (or
    unpickled: tried here, where a failure can still be handled)."""
    note = "in the forked build worker:\n" + "".join(
        traceback.format_exception(type(e), e, e.__traceback__))
    try:
        e.add_note(note)
        data = pickle.dumps((False, e), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)
        return data
    except Exception:  # noqa: BLE001  # not picklable: say what it was
        stand_in = WorkerError(f"{type(e).__name__}: {e}")
        stand_in.add_note(note)
        return pickle.dumps((False, stand_in), protocol=pickle.HIGHEST_PROTOCOL)


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when the parent dies (Linux ``PR_SET_PDEATHSIG``),
    so a parent killed hard leaves no worker behind; leave at once if it is gone already."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001  # without prctl the parent's cleanup still applies
        pass
    if os.getppid() != parent:
        os._exit(3)
