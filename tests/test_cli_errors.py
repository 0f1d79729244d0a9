"""What goes wrong outside the data gives one clear line and the right exit code, never a
traceback: an over-long --out or workspace path, a path under a file, a read-only folder,
a full disk (/dev/full), and Ctrl-C in the middle of a long `coi explore`."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LONG = "x" * 300  # longer than any file name a file system allows (255 bytes)


def coi(*args: str, stdout: int | None = subprocess.PIPE, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coi_graph.cli", *args], cwd=ROOT, text=True,
                          stdout=stdout, stderr=subprocess.PIPE, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COI_LANG": "en",
                               **(env or {})})


def one_line(res: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in res.stderr, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coi_graph.demo import generate
    from coi_graph.scan import scan

    root = tmp_path_factory.mktemp("demo")
    res = generate(root, size="small", seed=7)
    scan(res.data_dir, root / "run")
    return root / "run"


def test_over_long_out_and_workspace(run_dir: Path, tmp_path: Path) -> None:
    res = coi("explore", str(run_dir), "--out", str(tmp_path / LONG))
    assert res.returncode == 2 and "path too long" in one_line(res)
    res = coi("scan", str(run_dir.parent / "data"), "--out", str(tmp_path / "r"), "-q",
              "--workspace", str(tmp_path / LONG / "ws.sqlite"))
    assert res.returncode == 2 and "path too long" in one_line(res)
    res = coi("cases", "--workspace", str(tmp_path / LONG))
    assert res.returncode == 2 and "Error:" in one_line(res)


def test_path_under_a_file(run_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("not a folder")
    res = coi("explore", str(run_dir), "--out", str(tmp_path / "report.txt" / "bundle"))
    line = one_line(res)
    assert res.returncode == 2 and "report.txt" in line and "file, not a folder" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder(run_dir: Path, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        res = coi("explore", str(run_dir), "--out", str(ro / "bundle"))
        assert res.returncode == 2 and "permission" in one_line(res)
    finally:
        ro.chmod(0o755)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_full_disk_on_stdout() -> None:
    with open("/dev/full", "w") as full:
        res = coi("policy", stdout=full.fileno())
    assert res.returncode == 1 and "disk is full" in one_line(res)


def test_ctrl_c_during_explore(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_explore",
                                                  ROOT / "bench" / "bench_explore.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    run = bench.dense_run(tmp_path / "dense", 4000)  # big enough to run in two processes
    proc = subprocess.Popen([sys.executable, "-m", "coi_graph.cli", "explore", str(run)],
                            cwd=ROOT, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "COI_LANG": "en"})
    pages = run / "explore"
    deadline = time.monotonic() + 120
    # wait until pages are being written (in the staging folder), then press Ctrl-C:
    # SIGINT to the whole process group, as a terminal does
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in run.glob(".explore-*") if (p / "findings").is_dir()]
        if staged and any((staged[0] / "findings").iterdir()):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "explore ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    res = subprocess.CompletedProcess(proc.args, proc.returncode, "", err)
    assert proc.returncode == 130
    assert one_line(res).startswith("Interrupted")
    assert not pages.exists() and not list(run.glob(".explore-*")), "half a bundle was left"


def test_impossible_as_of_in_a_policy(run_dir: Path, tmp_path: Path) -> None:
    pol = tmp_path / "policy.yaml"
    pol.write_text("# reference date\nas_of: 2024-13-45\n", encoding="utf-8")
    res = coi("scan", str(run_dir.parent / "data"), "--out", str(tmp_path / "r"), "-q",
              "--policy", str(pol), "--workspace", str(tmp_path / "ws.sqlite"))
    line = one_line(res)
    assert res.returncode == 2 and f"{pol}:2:" in line and "2024-13-45" in line
    pol.write_text("as_of: 2024-06-30\n", encoding="utf-8")  # a real date still works
    from coi_graph.policy import load_policy

    assert str(load_policy(pol).as_of) == "2024-06-30"


DUTCH = {"inlezen", "nagaan", "klaar", "besluiten", "werkruimte", "vastgelegd", "bevindingen",
         "volgende", "geplant", "medewerkers", "resultaten"}
ENGLISH = {"reading", "checking", "done", "decisions", "candidate", "workspace", "recorded",
           "findings", "next", "planted", "employees", "results", "generating"}


@pytest.mark.parametrize("how", [["--lang", "en"], ["--lang", "nl"], []])
def test_one_language_per_cli_run(tmp_path: Path, how: list[str]) -> None:
    """Progress lines and summary of `coi demo` in one language: --lang, else $COI_LANG."""
    env = {"COI_LANG": "en"} if not how else {"COI_LANG": "nl"}  # --lang beats COI_LANG
    res = coi("demo", "--out", str(tmp_path / "d"), *how, env=env)
    assert res.returncode == 0, res.stderr
    lang = how[1] if how else "en"
    text = (res.stdout + res.stderr).lower()
    # file names, paths and commands are not words of the language
    text = re.sub(r"\S*[/.:]\S*|--\S+|coi \w+|[a-z]+_[a-z_]+", " ", text)
    found = set(re.findall(r"[a-z]{4,}", text))
    assert not found & (DUTCH if lang == "en" else ENGLISH), sorted(
        found & (DUTCH if lang == "en" else ENGLISH))
    assert found & (ENGLISH if lang == "en" else DUTCH)
