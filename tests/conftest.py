"""Shared fixtures. Tests run from any working directory; paths come from timeline.paths."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline import paths


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """A copy of the project's data/ and seeds/ in a temporary folder; returns the copy's data folder.

    Tests that break records on purpose work on this copy, never on the real data.
    """
    shutil.copytree(paths.DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(paths.SEEDS_DIR, tmp_path / "seeds")
    return tmp_path / "data"


# --------------------------------------------------------------------------- one static export per test run


@dataclass(frozen=True)
class StaticExport:
    """One ``python -m timeline export`` of the project's records, every chart in every format, run once per test
    session and shared by the xdist workers: the export tests read its files and progress lines, the network test
    its system-call trace. ``trace`` is the strace log (None where strace is not installed)."""

    out: Path
    returncode: int
    stdout: str
    stderr: str
    trace: Path | None


def _strace_command(log: Path) -> list[str] | None:
    """strace following every process of the export (Python, kaleido's Chromium and its helpers), logging the
    network calls and the writes. With ``--seccomp-bpf`` (strace 5.3 and later) only those calls stop the
    traced processes: the same log, and the export runs about as fast as without strace (without it, a third
    slower). An strace that lacks the option traces every call."""
    strace = shutil.which("strace")
    if strace is None:
        return None
    cmd = [strace, "-f", "-qq", "-e", "trace=network,write,writev,close", "-o", str(log)]
    probe = subprocess.run([strace, "--seccomp-bpf", *cmd[1:-1], os.devnull, "true"], capture_output=True)
    return [cmd[0], "--seccomp-bpf", *cmd[1:]] if probe.returncode == 0 else cmd


def _shared_folder(tmp_path_factory) -> Path:
    """The folder every xdist worker of this test session sees (the base temporary folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _start_static_export(folder: Path) -> threading.Thread | None:
    """Start the export in the background unless a worker has (under a lock file); the thread that waits for it
    writes ``run.json`` when it ends."""
    with open(folder.parent / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if folder.exists():
            return None  # started by another worker
        folder.mkdir()
        log = folder / "network.log"
        trace = _strace_command(log)
        with open(folder / "stdout.txt", "w") as out, open(folder / "stderr.txt", "w") as err:
            proc = subprocess.Popen([*(trace or []), sys.executable, "-m", "timeline", "export", "--out",
                                     str(folder / "reports")], stdout=out, stderr=err, stdin=subprocess.DEVNULL)

    def wait() -> None:
        try:
            returncode = proc.wait(timeout=600)
        except subprocess.TimeoutExpired:
            proc.kill()
            returncode = proc.wait()
        record = {"returncode": returncode, "trace": str(log) if trace else None}
        (folder / "run.tmp").write_text(json.dumps(record), encoding="utf-8")
        os.replace(folder / "run.tmp", folder / "run.json")  # whole or not at all: the others wait for it

    thread = threading.Thread(target=wait, name="static-export", daemon=True)
    thread.start()
    return thread


def _reads_the_static_export(item) -> bool:
    return "static_export" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(session, config, items):
    """The files whose tests read the session's static export run after all others, and those tests last in their
    file: the export (started as the session starts) has then long ended, instead of holding a worker idle while
    it runs (12 s in test_export.py, then 6 s in test_hardening.py on a quiet machine). Each file's own order is
    kept otherwise (nbval runs a notebook's cells in order), and every worker sorts the same way."""
    late = list(dict.fromkeys(item.path for item in items if _reads_the_static_export(item)))
    tail = []
    for path in late:
        mine = [i for i in items if i.path == path]
        tail += [i for i in mine if not _reads_the_static_export(i)] + [i for i in mine if _reads_the_static_export(i)]
    items[:] = [i for i in items if i.path not in late] + tail


@pytest.fixture(scope="session", autouse=True)
def _static_export_in_background(request, tmp_path_factory):
    """When any test of the session asks for :func:`static_export`, the first worker starts it as the session
    starts, so that it runs beside the other tests instead of holding up the worker that needs it first. The
    worker that started it waits for it before it ends."""
    thread = None
    if any("static_export" in getattr(item, "fixturenames", ()) for item in request.session.items):
        thread = _start_static_export(_shared_folder(tmp_path_factory) / "static-export")
    yield
    if thread is not None:
        thread.join()


@pytest.fixture(scope="session")
def static_export(tmp_path_factory, _static_export_in_background) -> StaticExport:
    """The session's one full static export (see :class:`StaticExport`): started in the background by the first
    worker (:func:`_static_export_in_background`); every test that asks for it waits until it has ended."""
    folder = _shared_folder(tmp_path_factory) / "static-export"
    record = folder / "run.json"
    deadline = time.monotonic() + 900
    while not record.is_file():
        assert time.monotonic() < deadline, "the session's static export did not end within 15 minutes"
        time.sleep(0.2)
    run = json.loads(record.read_text(encoding="utf-8"))
    return StaticExport(folder / "reports", run["returncode"], (folder / "stdout.txt").read_text(encoding="utf-8"),
                        (folder / "stderr.txt").read_text(encoding="utf-8"),
                        Path(run["trace"]) if run["trace"] else None)
