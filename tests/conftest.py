"""Shared fixtures. Tests run from any working directory; paths come from timeline.paths."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
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


@pytest.fixture(scope="session")
def static_export(tmp_path_factory) -> StaticExport:
    """The session's one full static export (see :class:`StaticExport`), made by the first worker that asks for
    it; the others wait for it (a lock file in the folder the workers share) and read what it left."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "static-export"
    record = folder / "run.json"
    with open(shared / "static-export.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            folder.mkdir(exist_ok=True)
            log = folder / "network.log"
            trace = _strace_command(log)
            proc = subprocess.run([*(trace or []), sys.executable, "-m", "timeline", "export", "--out",
                                   str(folder / "reports")], capture_output=True, text=True, timeout=600)
            record.write_text(json.dumps({"returncode": proc.returncode, "stdout": proc.stdout,
                                          "stderr": proc.stderr, "trace": str(log) if trace else None}),
                              encoding="utf-8")
    run = json.loads(record.read_text(encoding="utf-8"))
    return StaticExport(folder / "reports", run["returncode"], run["stdout"], run["stderr"],
                        Path(run["trace"]) if run["trace"] else None)
