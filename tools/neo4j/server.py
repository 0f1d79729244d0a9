#!/usr/bin/env python3
"""Start and stop the Neo4j 5 server the tests run against, and run its import tool.

No Docker and no hand-downloaded tarball: the pinned Neo4j release in ``pom.xml`` beside this
file is fetched by Maven (once; later runs reuse ``~/.m2`` and work offline) and started as
``coigraph.TestServer``: an embedded community database with Bolt on 127.0.0.1 only,
authentication on and the password of user ``neo4j`` taken from ``COI_NEO4J_PASSWORD``.

Used by ``scripts/test.sh``::

    python3 tools/neo4j/server.py start DIR    # build if needed, start, wait for Bolt,
                                               # write DIR/env (COI_NEO4J_* lines, mode 600)
    python3 tools/neo4j/server.py stop DIR     # stop it (also when it never came up)

and by the tests (``build``, ``start``, ``admin_import``): the bulk-import test imports into a
fresh home with ``neo4j-admin database import full`` (Neo4j's own ``AdminTool``, from the
same Maven artifacts) and starts a second server on it.

Why a generated password and port 0: several test runs (and developers) share a machine;
nothing is guessable and nothing collides.  The password is never printed or logged; the
server's own logs (``DIR/home/logs``) never contain it either.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
TARGET = HERE / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
MAIN_CLASS = "coigraph.TestServer"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
#: Modest memory: six developers share two cores and a few GB; the demo graphs are small.
JAVA_OPTS = ["-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
             "-Dfile.encoding=UTF-8"]
PAGECACHE = "256m"
START_TIMEOUT = 240.0


class Unavailable(RuntimeError):
    """Java, Maven or the Neo4j artifacts are missing: the reason, in one line."""


def missing_tools() -> str | None:
    """Why the server cannot be built here, or None."""
    for exe, what in (("java", "a Java 17+ runtime"), ("mvn", "Maven")):
        if shutil.which(exe) is None:
            return f"{exe} not found: the Neo4j tests need {what} (and a JDK to build the launcher)"
    if shutil.which("javac") is None:
        return "javac not found: the Neo4j tests need a Java 17+ JDK, not only a runtime"
    return None


def build(quiet: bool = True) -> str:
    """Compile the launcher and resolve the Neo4j jars; return the Java classpath.

    Maven runs only when the classpath file is older than ``pom.xml`` or the launcher source,
    so a second run costs nothing and needs no network."""
    reason = missing_tools()
    if reason:
        raise Unavailable(reason)
    sources = [POM, *sorted((HERE / "src").rglob("*.java"))]
    newest = max(p.stat().st_mtime for p in sources)
    fresh = CLASSPATH_FILE.is_file() and CLASSPATH_FILE.stat().st_mtime >= newest
    if not fresh:
        cmd = ["mvn", "-B", "-f", str(POM), "compile", "dependency:build-classpath",
               f"-Dmdep.outputFile={CLASSPATH_FILE}"]
        if quiet:
            cmd.insert(1, "-q")
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if r.returncode != 0:
            tail = [line for line in (r.stdout + r.stderr).splitlines() if "ERROR" in line]
            raise Unavailable("Maven could not build tools/neo4j (offline with an empty "
                              "~/.m2?): " + (tail[0] if tail else f"exit {r.returncode}"))
        CLASSPATH_FILE.touch()
    jars = CLASSPATH_FILE.read_text(encoding="utf-8").strip()
    return os.pathsep.join([str(TARGET / "classes"), jars])


@dataclass
class Server:
    """A started TestServer process."""

    proc: subprocess.Popen[bytes]
    home: Path
    port: int
    password: str

    @property
    def uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop_pid(self.proc.pid)


def start(home: Path, password: str, *, watch_pid: int | None = None,
          log: Path | None = None, timeout: float = START_TIMEOUT) -> Server:
    """Start a server on ``home`` (created if missing) and wait until Bolt accepts a login."""
    classpath = build()
    home.mkdir(parents=True, exist_ok=True)
    ready = home / "ready.port"
    ready.unlink(missing_ok=True)
    log = log or home / "server.out"
    env = {**os.environ, "COI_NEO4J_PASSWORD": password}
    args = ["java", *JAVA_OPTS, "-cp", classpath, MAIN_CLASS, "--home", str(home),
            "--ready-file", str(ready), "--pagecache", PAGECACHE]
    if watch_pid:
        args += ["--watch-pid", str(watch_pid)]
    with log.open("ab") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    (home / "server.pid").write_text(f"{proc.pid}\n", encoding="ascii")
    deadline = time.monotonic() + timeout
    while not ready.is_file():
        if proc.poll() is not None:
            raise RuntimeError(f"the Neo4j test server stopped at start (exit {proc.returncode}); "
                               f"see {log} and {home}/logs/debug.log")
        if time.monotonic() > deadline:
            stop_pid(proc.pid)
            raise RuntimeError(f"the Neo4j test server did not start in {timeout:.0f}s; see {log}")
        time.sleep(0.25)
    server = Server(proc, home, int(ready.read_text(encoding="ascii").strip()), password)
    _wait_for_bolt(server, deadline)
    return server


def _wait_for_bolt(server: Server, deadline: float) -> None:
    """The ready file is written once the database is up; check that a login over Bolt works
    too (with the real driver), so that the tests never race the connector."""
    import neo4j

    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", server.password)) as d:
                d.verify_connectivity()
                d.execute_query("RETURN 1")
            return
        except Exception as e:  # noqa: BLE001 - retried until the deadline
            last = e
            time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"Neo4j test server: Bolt did not answer ({type(last).__name__})")


def stop_pid(pid: int, timeout: float = 60.0) -> None:
    """SIGTERM (a clean shutdown in the JVM's hook), SIGKILL if it hangs."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                return
        except ChildProcessError:  # not our child: poll whether it still exists
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def admin_import(home: Path, args: list[str], *, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``neo4j-admin ARGS`` (e.g. ``database import full ...``) for the Neo4j home
    ``home``: Neo4j's own AdminTool from the same Maven artifacts as the server."""
    classpath = build()
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").touch()
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}
    return subprocess.run(["java", *JAVA_OPTS, "-cp", classpath, ADMIN_CLASS, *args],
                          capture_output=True, text=True, env=env, cwd=cwd, check=False)


# -- command line (scripts/test.sh) ----------------------------------------------------------


def _cmd_start(run_dir: Path, watch_pid: int | None) -> int:
    run_dir.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(24)
    try:
        server = start(run_dir / "home", password, watch_pid=watch_pid,
                       log=run_dir / "server.out")
    except (Unavailable, RuntimeError) as e:
        # the reason, for the tests to skip with (or to fail with, in CI)
        (run_dir / "unavailable").write_text(str(e) + "\n", encoding="utf-8")
        print(f"Neo4j tests cannot run: {e}", file=sys.stderr)
        return 3 if isinstance(e, Unavailable) else 1
    env = run_dir / "env"
    fd = os.open(env, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(f"export COI_NEO4J_URI={server.uri}\nexport COI_NEO4J_USER=neo4j\n"
                f"export COI_NEO4J_PASSWORD={password}\n"
                f"export COI_NEO4J_LOGS={run_dir}\n")
    print(f"Neo4j test server on {server.uri} (pid {server.proc.pid})", file=sys.stderr)
    return 0


def _cmd_stop(run_dir: Path) -> int:
    pid_file = run_dir / "home" / "server.pid"
    if pid_file.is_file():
        stop_pid(int(pid_file.read_text(encoding="ascii").strip()))
        pid_file.unlink()
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "start":
        watch = int(argv[2]) if len(argv) > 2 else None
        return _cmd_start(Path(argv[1]), watch)
    if len(argv) == 2 and argv[0] == "stop":
        return _cmd_stop(Path(argv[1]))
    if argv == ["check"]:
        reason = missing_tools()
        print(reason or "ok")
        return 3 if reason else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
