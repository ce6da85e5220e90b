"""Run the notebook suite in place, and point a notebook at another dataset.

``python -m timeline run-notebooks`` executes every numbered notebook of
``notebooks/`` with the ``python3`` kernel, its working directory the notebooks
folder, and writes it back with its outputs. Outputs are deterministic (no
timings are recorded), so re-running on unchanged data leaves the files
byte-identical and strict ``pytest --nbval`` compares them exactly.

Each notebook has one code cell tagged ``parameters`` (papermill's convention)
holding ``DATA_DIR``. :func:`inject_parameters` adds a cell tagged
``injected-parameters`` right after it, as papermill does, so that a notebook can
be run against another curated dataset without editing it.

``python -m timeline run-notebooks --data DIR --seeds DIR --out FOLDER`` does that for another dataset
(:func:`run_on_dataset`): it runs the project's notebooks with ``DATA_DIR`` injected and writes the executed
copies to ``FOLDER``, never over the committed notebooks. The notebooks read the seeds beside ``DATA_DIR``; a
seeds folder elsewhere is given to them through a temporary folder holding links named ``data`` and ``seeds``.

Example:
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('DATA_DIR = "../data"',
    ...                                      metadata={"tags": ["parameters"]})])
    >>> out = inject_parameters(nb, DATA_DIR="/elsewhere/data")
    >>> out.cells[1].source
    "# Parameters injected by timeline.notebooks.inject_parameters\\nDATA_DIR = '/elsewhere/data'"
    >>> len(nb.cells)  # the original is left unchanged
    1
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Iterable

import nbformat

from .paths import NOTEBOOKS_DIR, relative

__all__ = ["notebook_paths", "inject_parameters", "execute_notebook", "run_notebooks", "run_on_dataset",
           "KERNEL_NAME"]

KERNEL_NAME = "python3"
#: Seconds a single cell may run.
CELL_TIMEOUT = 600


def notebook_paths(folder: Path | str | None = None) -> list[Path]:
    """The numbered notebooks of the suite (``NN_name.ipynb``), in order.

    >>> [p.name for p in notebook_paths()][:1]
    ['00_overview.ipynb']
    """
    folder = Path(folder) if folder else NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def _parameters_index(nb) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    raise ValueError("the notebook has no code cell tagged 'parameters'")


def inject_parameters(nb, **parameters):
    """A copy of ``nb`` with a cell tagged ``injected-parameters`` after its ``parameters`` cell.

    Values are written with ``repr``; a later assignment wins, so the injected
    values replace the defaults. Raises ValueError when there is no parameters cell.
    """
    out = copy.deepcopy(nb)
    at = _parameters_index(out)
    lines = ["# Parameters injected by timeline.notebooks.inject_parameters"]
    lines += [f"{name} = {value!r}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"
    out.cells.insert(at + 1, cell)
    return out


def execute_notebook(path: Path | str, *, write: bool = True, timeout: int = CELL_TIMEOUT,
                     out: Path | str | None = None, parameters: dict | None = None):
    """Execute one notebook; write it back in place unless ``write`` is False.

    With ``out`` (a file), the executed notebook is written there instead, run with ``out``'s folder as working
    directory; ``parameters`` are injected after its ``parameters`` cell (:func:`inject_parameters`), otherwise it
    runs in its own folder. Raises nbclient's CellExecutionError (naming the cell and the error) when a cell fails.
    """
    from nbclient import NotebookClient

    from .atomic import write_atomic

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        nb = inject_parameters(nb, **parameters)
    target = Path(out) if out is not None else path
    if out is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(target.parent)}})
    client.execute()
    if write:
        text = nbformat.writes(nb)
        write_atomic(target, text if text.endswith("\n") else text + "\n")  # as nbformat.write, but whole or not at all
    return nb


def run_notebooks(paths: Iterable[Path | str] | None = None, *, log=print, out_dir: Path | str | None = None,
                  parameters: dict | None = None) -> list[tuple[Path, float]]:
    """Execute every notebook of the suite (in place, or into ``out_dir`` with ``parameters`` injected); return
    (path written, seconds) for each."""
    done = []
    for path in map(Path, paths or notebook_paths()):
        start = time.perf_counter()
        target = Path(out_dir) / path.name if out_dir is not None else path
        execute_notebook(path, out=target if out_dir is not None else None, parameters=parameters)
        seconds = time.perf_counter() - start
        log(f"ran {relative(path)} in {seconds:.1f} s, wrote {relative(target)} ({target.stat().st_size / 1024:.0f} KB)"
            if out_dir is not None else f"ran {relative(path)} in {seconds:.1f} s ({path.stat().st_size / 1024:.0f} KB)")
        done.append((target, seconds))
    return done


def dataset_parameters(data: Path | str, seeds: Path | str, staging: Path | str) -> dict:
    """The parameters that point a notebook at a dataset: ``DATA_DIR`` (absolute). The notebooks read the seeds
    beside ``DATA_DIR``; when ``seeds`` lies elsewhere, ``staging`` (an empty folder) gets two links, ``data`` and
    ``seeds``, and ``DATA_DIR`` names the link.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> dataset_parameters(d / "data", d / "seeds", d / "unused") == {"DATA_DIR": str((d / "data").resolve())}
    True
    """
    data, seeds = Path(data).resolve(), Path(seeds).resolve()
    if seeds == data.parent / "seeds":
        return {"DATA_DIR": str(data)}
    staging = Path(staging)
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "data").symlink_to(data, target_is_directory=True)
    (staging / "seeds").symlink_to(seeds, target_is_directory=True)
    return {"DATA_DIR": str(staging.resolve() / "data")}


def run_on_dataset(data: Path | str, seeds: Path | str, out_dir: Path | str,
                   paths: Iterable[Path | str] | None = None, *, log=print) -> list[tuple[Path, float]]:
    """Run the notebooks (default: the suite's) on another dataset, writing the executed copies to ``out_dir``."""
    import tempfile

    out_dir = Path(out_dir)
    sources = [Path(p).resolve() for p in (paths or notebook_paths())]
    if any(out_dir.resolve() == p.parent for p in sources):
        raise ValueError(f"{relative(out_dir)} holds the notebooks themselves: the executed copies need another "
                         "folder (--out)")
    with tempfile.TemporaryDirectory(prefix="timeline-notebooks-") as staging:
        parameters = dataset_parameters(data, seeds, Path(staging) / "dataset")
        return run_notebooks(sources, log=log, out_dir=out_dir, parameters=parameters)
