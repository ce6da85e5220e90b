"""The main job, incremental: ``python -m timeline all`` (what ``make all`` runs).

Each step (validate, build, docs, each notebook, export, package, timelinejs, viewer) declares its inputs and
its outputs. A step runs when the SHA-256 of any input differs from the last successful run, when an
output is missing or its bytes differ from what that run wrote (an edited or stale output), or when
the code or the environment changed. Otherwise it is skipped, and the job says so.

What is hashed is what is read:

- a YAML file of the dataset (records, actors, not-claims, seed metadata) by the document the loader
  builds from it (:func:`yaml_digest`: the node tree with its tags and values, so a comment or a blank line
  changes nothing, while a changed value, a duplicate key or a new tag does); other files by their bytes;
- the code: for a notebook, its code cells' source and the ``timeline`` modules it imports, followed
  through their imports (:func:`code_closure`), plus every non-Python file of the package (the language
  file, the schema); for every other step all of ``src/timeline``; for all, ``pyproject.toml``,
  ``environment.yml`` and the Python version;
- the export draws again only the charts whose figure changed (:mod:`timeline.export_incremental`). Content hashes, never timestamps: a fresh clone has none worth trusting. The record of
the last runs is ``reports/.steps.json``; deleting it (or ``reports/``) makes the next run do everything.

Outputs are byte-identical to a full run's: a skipped step's outputs are the ones a run would write.

Example:
    >>> [s.name for s in main_steps()][:3]
    ['validate', 'build', 'docs']
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .atomic import write_atomic
from . import paths

__all__ = ["Step", "main_steps", "run_steps", "STAMP_NAME", "NOT_DONE", "code_closure", "notebook_code",
           "yaml_digest"]

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
    #: Instead of all the package's code: a function giving this step's code inputs ({name: hash}).
    code: Callable[[], dict[str, str]] | None = None


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


def _digest(path: Path, data: bool = False) -> str:
    if not path.is_file():
        return "missing"
    if data and path.suffix in (".yaml", ".yml"):
        return yaml_digest(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _node(node) -> object:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return [node.tag, node.value]
    if isinstance(node, yaml.SequenceNode):
        return [node.tag, [_node(n) for n in node.value]]
    return [node.tag, [[_node(k), _node(v)] for k, v in node.value]]


def yaml_digest(path: Path) -> str:
    r"""The SHA-256 of a YAML file's content as the loader reads it: comments and layout do not count.

    A file that does not parse is hashed by its bytes (any edit to it counts).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.yaml").write_text("a: 1  # a comment\nb: [x, 'y']\n")
    >>> _ = (d / "b.yaml").write_text("# other\na: 1\n\nb:\n  - x\n  - y\n")
    >>> _ = (d / "c.yaml").write_text("a: '1'\nb: [x, y]\n")
    >>> yaml_digest(d / "a.yaml") == yaml_digest(d / "b.yaml") != yaml_digest(d / "c.yaml")
    True
    """
    import yaml

    raw = path.read_bytes()
    plain = hashlib.sha256(raw).hexdigest()
    if plain not in _YAML_CACHE:  # the same bytes give the same document: each file is parsed once a run
        try:
            nodes = list(yaml.compose_all(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
            _YAML_CACHE[plain] = "bytes:" + plain
        else:
            blob = json.dumps([_node(n) if n is not None else None for n in nodes], ensure_ascii=False)
            _YAML_CACHE[plain] = "yaml:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()
    return _YAML_CACHE[plain]


_YAML_CACHE: dict[str, str] = {}
_IMPORTS_CACHE: dict[tuple, set] = {}


def _module_file(name: str) -> Path | None:
    pkg = Path(__file__).resolve().parent
    parts = name.split(".")[1:]
    base = pkg.joinpath(*parts)
    for cand in (base / "__init__.py", base.with_suffix(".py")) if parts else (pkg / "__init__.py",):
        if cand.is_file():
            return cand
    return None


def _imports(source: str, module: str, is_package: bool) -> set[str]:
    """The ``timeline`` modules a source imports (anywhere in it, also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "timeline"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "timeline":
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}  # a submodule imported by name
    out = set()
    for name in found:  # importing a.b.c runs a and a.b first
        parts = name.split(".")
        out |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return out


def code_closure(modules: list[str], extra_source: str | None = None) -> dict[str, str]:
    """{file: SHA-256} of the ``timeline`` modules the given ones import, followed through, with the package's
    non-Python files (language file, schema), ``pyproject.toml``, ``environment.yml`` and the Python version.

    >>> files = code_closure(["timeline.charts"])
    >>> "src/timeline/charts.py" in files and "src/timeline/steps.py" not in files
    True
    """
    todo = set(modules)
    if extra_source is not None:
        todo |= _imports(extra_source, "__main__", False)
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            continue  # a name imported from a module, not a module
        seen[name] = path
        text = path.read_text(encoding="utf-8")
        cache_key = (name, hashlib.sha256(text.encode("utf-8")).hexdigest())
        if cache_key not in _IMPORTS_CACHE:
            _IMPORTS_CACHE[cache_key] = _imports(text, name, path.name == "__init__.py")
        todo |= _IMPORTS_CACHE[cache_key] - set(seen)
    pkg = Path(__file__).resolve().parent
    files = set(seen.values()) | {f for f in _files([pkg]) if f.suffix != ".py"}
    files |= {paths.PROJECT_ROOT / "pyproject.toml", paths.PROJECT_ROOT / "environment.yml"}
    out = {_key(f, paths.PROJECT_ROOT): _digest(f) for f in sorted(files)}
    out["python"] = sys.version
    return out


def notebook_code(nb_path: Path) -> tuple[str, dict[str, str]]:
    """(the SHA-256 of a notebook's cells' sources, :func:`code_closure` of what its code cells import).

    A code cell that does not parse as Python (a magic) counts with every module of the package.
    """
    cells = json.loads(Path(nb_path).read_text(encoding="utf-8")).get("cells", [])
    sources = [[c.get("cell_type"), "".join(c.get("source", ""))] for c in cells]
    digest = hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode("utf-8")).hexdigest()
    code = "\n".join(src for kind, src in sources if kind == "code")
    modules = ["timeline.notebooks"]  # it runs the notebook
    try:
        ast.parse(code)
    except SyntaxError:
        modules += [f"timeline.{p.stem}" for p in Path(__file__).resolve().parent.glob("*.py")]
        code = None
    return digest, code_closure(modules, code)


def _key(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _code_inputs() -> list[Path]:
    pkg = Path(__file__).resolve().parent
    return [pkg, paths.PROJECT_ROOT / "pyproject.toml", paths.PROJECT_ROOT / "environment.yml"]


def _hashes(files: list[Path], root: Path, data: bool = False) -> dict[str, str]:
    return {_key(f, root): _digest(f, data) for f in files}


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
        inputs = _hashes(_files(step.inputs), root, data=True)
        if step.code is not None:
            inputs.update({f"code:{k}": v for k, v in step.code().items()})
        elif step.uses_code:
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
    write_atomic(path, json.dumps(data, indent=1, sort_keys=True))


def _checked(code: int, what: str) -> None:
    if code != 0:
        raise SystemExit(f"main job: {what} failed (exit {code}); fix it and run again")


def main_steps(root: Path | None = None, *, notebooks: bool = True, export: bool = True,
               viewer_lib: Path | None = None, export_formats: tuple[str, ...] | None = None,
               data: Path | None = None, seeds: Path | None = None, reports: Path | None = None,
               readme: Path | None = None, notebooks_out: Path | None = None) -> list[Step]:
    """The steps of the main job for a project folder (default: this repository).

    ``root`` holds ``data/``, ``seeds/`` and ``reports/``; ``data``, ``seeds`` and ``reports`` name them one by
    one instead (what ``python -m timeline all --data DIR --seeds DIR --out DIR`` gives). The README and the
    notebooks in place belong to the repository only: for another dataset those steps are left out unless
    ``readme`` names that dataset's README (its generated sections are written there) and ``notebooks_out`` a
    folder for the executed copies of the notebooks; the viewer page is left out unless ``viewer_lib`` names the
    folder whose ``node_modules/`` holds TimelineJS. ``export_formats`` limits the export (default: every format).
    """
    root = Path(root) if root else paths.PROJECT_ROOT
    data = Path(data) if data else root / "data"
    seeds = Path(seeds) if seeds else data.parent / "seeds"
    reports = Path(reports) if reports else root / "reports"
    ds = paths.Dataset(data, seeds)
    project = ds.is_project and reports.resolve() == paths.REPORTS_DIR.resolve()
    events_csv = data / "processed" / "events.csv"
    from .names import actors_files

    actors = actors_files(data / "actors.yaml")  # with the files it extends
    dataset = [data / "records", *actors, data / "not_claims.yaml", seeds]
    metas = [seeds]

    def validate():
        from .errors import format_errors
        from .records import load_dataset

        result = load_dataset(data, seeds_dir=seeds)
        if result.errors:
            print(format_errors(result.errors))
            raise SystemExit(f"main job: validation failed: {result.summary()}")
        print(f"validate: {result.summary()}.")

    def build():
        from .frame import write_events_csv
        from .records import load_events

        write_events_csv(load_events(data, seeds_dir=seeds), events_csv)

    def docs():
        from .docs import update_readme

        changed = update_readme(readme=readme, dataset=None if project else ds)
        print(f"{paths.relative(readme_file)}: " + ("updated" if changed else "up to date"))

    def export_():
        from .export_incremental import export_changed_charts
        from .records import load_tables

        events, flags = load_tables(data, seeds_dir=seeds)
        done = export_changed_charts(events, reports, flags, export_formats)
        if done["message"]:
            raise SystemExit(f"main job: export incomplete: {done['message']}")

    def package():
        from .package import write_package

        write_package(reports / "package", data_dir=data, seeds_dir=seeds)

    def timelinejs():
        from .names import ActorRegistry
        from .records import load_events
        from .seeds import load_seeds
        from .timelinejs import write_timeline

        write_timeline(load_events(data, seeds_dir=seeds), reports / "timelinejs.json", seeds=load_seeds(seeds),
                       actors=ActorRegistry.from_yaml(data / "actors.yaml"))

    def chart_outputs():
        # the files the last export recorded (reading the record, not importing plotly to list the charts:
        # a chart added or removed is a change of code, which runs the step anyway)
        try:
            recorded = json.loads((reports / ".export.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = {}
        files = {f for entry in recorded.values() for f in entry.get("files", {})} | {
            "index.html", "records.html", "events.csv"}  # the front page (timeline.export)
        if any(f.endswith(".html") for f in files - {"index.html"}):
            files.add("plotly.min.js")
        return sorted(reports / f for f in files)

    steps = [
        Step("validate", dataset, lambda: [], validate),
        Step("build", dataset, lambda: [events_csv], build, f"build {paths.relative(events_csv)}"),
    ]
    if project or readme is not None:
        from .docs import README_FILE

        readme_file = Path(readme) if readme is not None else README_FILE
        steps.append(Step("docs", dataset, lambda: [readme_file], docs, "README's generated sections" if project
                          else f"the generated sections of {paths.relative(readme_file)}"))
    if notebooks and (project or notebooks_out is not None):
        from .notebooks import execute_notebook, notebook_paths, run_on_dataset

        def nb_code(nb):
            digest, closure = notebook_code(nb)
            return {"source": digest, **closure}

        for nb in notebook_paths():
            if project:
                out, run = nb, (lambda nb=nb: execute_notebook(nb))
            else:
                out = Path(notebooks_out) / nb.name
                run = (lambda nb=nb: run_on_dataset(data, seeds, notebooks_out, [nb]))
            steps.append(Step(f"notebook:{nb.stem}", dataset, lambda out=out: [out], run, f"notebook {nb.name}"
                              + ("" if project else f" into {paths.relative(Path(notebooks_out))}/"),
                              code=lambda nb=nb: nb_code(nb)))
    if export:
        steps.append(Step("export", [events_csv, *metas], chart_outputs, export_, "export the charts"))
    from .package import CITATION_FILE  # the package carries the project's citation file, for any dataset

    steps.append(Step("package", [*dataset, CITATION_FILE], lambda: sorted((reports / "package").glob("*")),
                      package, f"data package {paths.relative(reports / 'package')}/"))
    steps.append(Step("timelinejs", [events_csv, *actors, *metas],
                      lambda: [reports / "timelinejs.json"], timelinejs,
                      f"TimelineJS {paths.relative(reports / 'timelinejs.json')}"))
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
                          f"TimelineJS viewer {paths.relative(reports / 'timeline.html')}"))
    return steps


def run_main_job(root: Path | None = None, *, force: bool = False, echo=print, **kwargs) -> dict:
    """Run :func:`main_steps` with the record in ``<reports>/.steps.json`` (default ``<root>/reports/``)."""
    root = Path(root) if root else paths.PROJECT_ROOT
    reports = Path(kwargs["reports"]) if kwargs.get("reports") else root / "reports"
    return run_steps(main_steps(root, **kwargs), reports / STAMP_NAME, root, echo=echo, force=force)
