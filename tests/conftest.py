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


# --------------------------------------------------------------------------- built once for every worker


def built_once(tmp_path_factory, name: str, build) -> Path:
    """The folder ``name`` of the session's shared folder (see :func:`_shared_folder`), written by
    ``build(folder)`` once for the whole session: the first worker to ask builds it under a lock file, a worker
    that asks meanwhile waits for it (as long as it would take to build it itself), the others find it done. The
    tests read it, never change it. A build that failed is tried again by the next worker that asks."""
    shared = _shared_folder(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def html_export(tmp_path_factory) -> Path:
    """One HTML export of the project's records and flags (what ``python -m timeline export`` reads), for the
    whole session: the export tests compare a second export with it, the publishing tests read its index. The
    folder held another step's file before the export (``timelinejs.json``, which the index does not name and the export
    leaves alone); every other file is the export's."""
    from timeline import export, load_tables

    def build(out: Path) -> None:
        (out / "timelinejs.json").write_text('{"events": []}\n', encoding="utf-8")
        events, flags = load_tables()
        export.export_charts(events, out, ["html"], flags=flags, echo=None)

    return built_once(tmp_path_factory, "html-export", build)


@pytest.fixture(scope="session")
def project_slides():
    """Every chart's slide figure (:func:`timeline.export.slide_figure`) from the project's records and flags,
    built once for each worker: test_charts.py, test_publish.py and test_actor_names.py read the same sixteen
    slides (a build of all eight costs a second and a half). {chart name: figure}. The tests read them, never
    change them; that none did is checked when the session ends."""
    from timeline import export, load_tables
    from timeline.charts import CHARTS

    frame, flags = load_tables()
    slides = {name: export.slide_figure(spec, frame, flags) for name, spec in CHARTS.items()}
    before = {name: fig.to_json() for name, fig in slides.items() if fig is not None}
    yield slides
    changed = [name for name, json_ in before.items() if slides[name].to_json() != json_]
    assert not changed, f"a test changed the shared slide figures {changed}: give it figures of its own"


@pytest.fixture(scope="session")
def project_figures():
    """``project_figures(name, **size)``: the chart ``name`` built from the project's records and flags
    (``CHARTS[name].build(frame, flags, **size)``: the column's without ``size``, the phone's with
    ``width=PHONE_WIDTH``, the slide layout with ``slide=True``), each (chart, size) built once for each worker
    when first asked for. test_charts.py and test_publish.py built the same project figures some seventy times a
    run (a build costs a tenth to a third of a second). The tests read them, never change them; that none did is
    checked when the session ends."""
    from timeline import load_tables
    from timeline.charts import CHARTS

    frame, flags = load_tables()
    built: dict[tuple, tuple] = {}

    def figure(name: str, **size):
        key = (name, tuple(sorted(size.items())))
        if key not in built:
            fig = CHARTS[name].build(frame, flags, **size)
            built[key] = fig, fig.to_json()
        return built[key][0]

    yield figure
    changed = [key for key, (fig, json_) in built.items() if fig.to_json() != json_]
    assert not changed, f"a test changed the shared project figures {changed}: give it figures of its own"


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
    calls that make, connect, send on and close a socket, and the writes (every call that can send a packet;
    :func:`tests.test_hardening.outgoing_packets` reads them). With ``--seccomp-bpf`` (strace 5.3 and later)
    only those calls stop the traced processes: the same log, and the export runs about as fast as without
    strace (without it, a third slower). An strace that lacks the option traces every call. The receiving calls
    of strace's ``network`` class are left out: they send nothing, and Chromium's processes make 25,000 of them
    talking to each other (a third of the log, 1.5 s of CPU)."""
    strace = shutil.which("strace")
    if strace is None:
        return None
    calls = "socket,socketpair,connect,bind,listen,accept,accept4,sendto,sendmsg,sendmmsg,shutdown,write,writev,close"
    cmd = [strace, "-f", "-qq", "-e", f"trace={calls}", "-o", str(log)]
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


#: The test files of ``make test`` that take longest, longest first (CPU seconds per file in a run of 2026-12-01
#: without the heavy tests, load 10-14: 46, 12, 12, 9, 9, 9, 8, 6, then the notebooks about 4 each, then 5, 5, 4,
#: 4). ``make test`` hands files to the two workers in this order (``--dist loadfile --no-loadscope-reorder``;
#: xdist's own order is by number of tests, which sent files of few but slow tests last): long files first and
#: short ones at the end let both workers end together (a replay of that run's durations: within 2 % of each
#: other). Measured against ``--dist loadgroup`` (tests handed out one by one, a notebook's cells and the files
#: with costly module fixtures grouped): 199 s of CPU against 192 s, the module fixtures built on both workers, and
#: no less idle. ``--dist load`` and ``worksteal`` hand out a notebook's cells one by one, and nbval fails them.
#: (Under pytest 9, xdist 3.8's loadgroup ignores ``xdist_group``: it appends the group to ``item._nodeid``, which
#: pytest no longer reads.) The heavy files (13, 12 and 10 s of wall time quiet) follow test_export.py for the
#: runs that hold them (``make bench``, ``make test-all``), where the tests that read the session's static export
#: come last in test_export.py: by then the export has ended. A file missing here runs in its usual place.
LONGEST_FIRST = ("tests/test_charts.py", "tests/test_steps.py", "tests/test_hardening.py", "tests/test_safety.py",
                 "tests/test_drafts.py", "tests/test_export.py", "tests/test_regression_net.py",
                 "tests/test_browser_jupyterlab.py", "tests/test_benchmark_smoke.py", "tests/test_validate_errors.py",
                 "tests/test_cli_dataset.py", "notebooks/04_sources.ipynb", "notebooks/01_deployments.ipynb",
                 "notebooks/03_statements.ipynb", "notebooks/00_overview.ipynb", "notebooks/02_casualties.ipynb",
                 "tests/test_fuzz_normalisers.py", "tests/test_second_dataset.py", "tests/test_publish.py",
                 "tests/test_package.py")


def pytest_collection_modifyitems(session, config, items):
    """The files of :data:`LONGEST_FIRST` first, in that order, then the others as collected; in each file the
    tests that read the session's static export last, so that the export (started as the session starts) has
    ended by then instead of holding a worker idle (12 s in test_export.py, 6 s in test_hardening.py, quiet).
    Each file's own order is kept otherwise (nbval runs a notebook's cells in order); every worker sorts alike."""
    root = config.rootpath
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}

    def key(item):
        try:
            name = item.path.relative_to(root).as_posix()
        except ValueError:
            name = str(item.path)
        return rank.get(name, len(rank)), _reads_the_static_export(item)

    items.sort(key=key)  # stable: the collection order within each rank


@pytest.fixture(scope="session", autouse=True)
def _static_export_in_background(request, tmp_path_factory):
    """When any test of the session asks for :func:`static_export`, the first worker starts it as the session
    starts, so that it runs beside the other tests instead of holding up the worker that needs it first. The
    worker that started it waits for it before it ends."""
    thread = None
    if any(_reads_the_static_export(item) for item in request.session.items):
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
