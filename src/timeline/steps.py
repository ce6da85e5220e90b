"""The main job, incremental: ``python -m timeline all`` (what ``make all`` runs).

Each step (validate, build, docs, each notebook, export, package, timelinejs, viewer) declares its inputs and
its outputs. A step runs when the SHA-256 of any input differs from the last successful run, when an
output is missing or its bytes differ from what that run wrote (an edited or stale output), or when
the code or the environment changed (every file of ``src/timeline``, ``pyproject.toml``,
``environment.yml`` and the Python version are inputs of every step). Otherwise it is skipped, and the
job says so. Content hashes, never timestamps: a fresh clone has none worth trusting. The record of
the last runs is ``reports/.steps.json``; deleting it (or ``reports/``) makes the next run do everything.

Outputs are byte-identical to a full run's: a skipped step's outputs are the ones a run would write.

Example:
    >>> [s.name for s in main_steps()][:3]
    ['validate', 'build', 'docs']
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import paths

__all__ = ["Step", "main_steps", "run_steps", "STAMP_NAME", "NOT_DONE"]

STAMP_NAME = ".steps.json"
#: What a step's run returns when it could not do its work but the job may go on (it is not recorded as
#: done, so the next run tries again): the viewer page without the TimelineJS library.
NOT_DONE = object()


@dataclass
class Step:
    """One step: a name, what it reads (files or folders), what it writes, and how to run it."""

    name: str
    inputs: list[Path]
    outputs: Callable[[], list[Path]]
    run: Callable[[], object]
    label: str = ""
    uses_code: bool = True


def _files(paths_: list[Path]) -> list[Path]:
    out = []
    for p in paths_:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                          and not f.name.startswith("."))
        elif p.exists():
            out.append(p)
        else:
            out.append(p)  # a missing input hashes as missing: its appearance re-runs the step
    return out


def _digest(path: Path) -> str:
    if not path.is_file():
        return "missing"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _code_inputs() -> list[Path]:
    pkg = Path(__file__).resolve().parent
    return [pkg, paths.PROJECT_ROOT / "pyproject.toml", paths.PROJECT_ROOT / "environment.yml"]


def _hashes(files: list[Path], root: Path) -> dict[str, str]:
    return {_key(f, root): _digest(f) for f in files}


def run_steps(steps: list[Step], stamp_file: Path, root: Path, *, echo=print, force: bool = False) -> dict:
    """Run the steps that need it, in order; return {'ran': [...], 'skipped': [...]}.

    A step that fails stops the job (its record is not updated, so it runs again next time).
    """
    t0 = time.perf_counter()
    stamp_file = Path(stamp_file)
    try:
        stamps = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamps = {}
    code = _hashes(_files(_code_inputs()), paths.PROJECT_ROOT)
    code["python"] = sys.version
    ran, skipped = [], []
    for i, step in enumerate(steps, 1):
        inputs = _hashes(_files(step.inputs), root)
        if step.uses_code:
            inputs.update({f"code:{k}": v for k, v in code.items()})
        old = stamps.get(step.name, {})
        reasons = []
        if force:
            reasons.append("forced")
        changed = sorted(k for k in set(inputs) | set(old.get("inputs", {}))
                         if inputs.get(k) != old.get("inputs", {}).get(k))
        if not old:
            reasons.append("never run here")
        elif changed:
            reasons.append("changed: " + ", ".join(changed[:3]) + (f" and {len(changed) - 3} more"
                                                                   if len(changed) > 3 else ""))
        outputs_now = _hashes(step.outputs(), root)
        if old and not reasons:
            if set(outputs_now) != set(old.get("outputs", {})) or any(
                    outputs_now[k] != old["outputs"][k] for k in outputs_now):
                reasons.append("an output is missing or was changed since it was written")
        prefix = f"[{i}/{len(steps)}] {step.label or step.name}"
        if not reasons:
            skipped.append(step.name)
            echo(f"{prefix}: skipped (inputs unchanged)")
            continue
        echo(f"{prefix}: running ({reasons[0]})")
        t = time.perf_counter()
        if step.run() is NOT_DONE:
            echo(f"{prefix}: not done (see above); it runs again next time")
            continue
        stamps[step.name] = {"inputs": inputs, "outputs": _hashes(step.outputs(), root)}
        _write_json(stamp_file, stamps)
        ran.append(step.name)
        echo(f"{prefix}: done in {time.perf_counter() - t:.1f} s")
    echo(f"main job: ran {len(ran)}, skipped {len(skipped)} step(s)"
         + (f" ({', '.join(skipped)})" if skipped else "") + f" in {time.perf_counter() - t0:.1f} s")
    return {"ran": ran, "skipped": skipped}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
    os.replace(tmp, path)


def _checked(code: int, what: str) -> None:
    if code != 0:
        raise SystemExit(f"main job: {what} failed (exit {code}); fix it and run again")


def main_steps(root: Path | None = None, *, notebooks: bool = True, export: bool = True,
               viewer_lib: Path | None = None) -> list[Step]:
    """The steps of the main job for a project folder (default: this repository).

    ``root`` holds ``data/``, ``seeds/`` and ``reports/``. The README and the notebooks belong to the
    repository only: for another root (a copy of the dataset) those steps are left out, and so is the
    viewer page unless ``viewer_lib`` names the folder whose ``node_modules/`` holds TimelineJS.
    """
    root = Path(root) if root else paths.PROJECT_ROOT
    project = root.resolve() == paths.PROJECT_ROOT.resolve()
    data, seeds, reports = root / "data", root / "seeds", root / "reports"
    events_csv = data / "processed" / "events.csv"
    dataset = [data / "records", data / "actors.yaml", data / "not_claims.yaml", seeds]
    metas = [seeds]

    def validate():
        from .errors import format_errors
        from .records import load_dataset

        result = load_dataset(data)
        if result.errors:
            print(format_errors(result.errors))
            raise SystemExit(f"main job: validation failed: {result.summary()}")
        print(f"validate: {result.summary()}.")

    def build():
        from .frame import write_events_csv
        from .records import load_events

        write_events_csv(load_events(data), events_csv)

    def docs():
        from .docs import update_readme

        print("README.md: " + ("updated" if update_readme() else "up to date"))

    def export_():
        from .export import export_charts
        from .records import load_events
        from .seeds import load_seeds

        done = export_charts(load_events(data), reports, seeds=load_seeds(seeds))
        if done.message:
            raise SystemExit(f"main job: export incomplete: {done.message}")

    def package():
        from .package import write_package

        write_package(reports / "package", data_dir=data)

    def timelinejs():
        from .names import ActorRegistry
        from .records import load_events
        from .seeds import load_seeds
        from .timelinejs import write_timeline

        write_timeline(load_events(data), reports / "timelinejs.json", seeds=load_seeds(seeds),
                       actors=ActorRegistry.from_yaml(data / "actors.yaml"))

    def chart_outputs():
        return sorted(p for p in reports.glob("*") if p.is_file() and p.name != "timeline.html"
                      and p.suffix in (".html", ".png", ".svg", ".pdf", ".js"))

    steps = [
        Step("validate", dataset, lambda: [], validate),
        Step("build", dataset, lambda: [events_csv], build, "build data/processed/events.csv"),
    ]
    if project:
        from .docs import README_FILE

        steps.append(Step("docs", dataset, lambda: [README_FILE], docs, "README's generated sections"))
    if project and notebooks:
        from .notebooks import execute_notebook, notebook_paths

        for nb in notebook_paths():
            steps.append(Step(f"notebook:{nb.stem}", dataset, lambda nb=nb: [nb],
                              lambda nb=nb: execute_notebook(nb), f"notebook {nb.name}"))
    if export:
        steps.append(Step("export", [events_csv, *metas], chart_outputs, export_, "export the charts"))
    steps.append(Step("package", [*dataset, root / "CITATION.cff" if not project else paths.PROJECT_ROOT /
                                  "CITATION.cff"], lambda: sorted((reports / "package").glob("*")), package,
                      "data package reports/package/"))
    steps.append(Step("timelinejs", [events_csv, data / "actors.yaml", *metas],
                      lambda: [reports / "timelinejs.json"], timelinejs, "TimelineJS reports/timelinejs.json"))
    if project or viewer_lib is not None:
        from .viewer import LibraryMissing, library_dir, viewer_outputs, write_viewer

        lib_root = viewer_lib if viewer_lib is not None else paths.PROJECT_ROOT

        def viewer():
            try:
                write_viewer(reports / "timelinejs.json", reports / "timeline.html", root=lib_root)
            except LibraryMissing as exc:
                print(f"viewer: {exc}")
                return NOT_DONE

        lock = [paths.PROJECT_ROOT / "package.json", paths.PROJECT_ROOT / "package-lock.json"]
        steps.append(Step("viewer", [reports / "timelinejs.json", *lock, library_dir(lib_root) / "dist"],
                          lambda: viewer_outputs(reports / "timeline.html"), viewer,
                          "TimelineJS viewer reports/timeline.html"))
    return steps


def run_main_job(root: Path | None = None, *, force: bool = False, echo=print, **kwargs) -> dict:
    """Run :func:`main_steps` with the record in ``<root>/reports/.steps.json``."""
    root = Path(root) if root else paths.PROJECT_ROOT
    return run_steps(main_steps(root, **kwargs), root / "reports" / STAMP_NAME, root, echo=echo, force=force)
