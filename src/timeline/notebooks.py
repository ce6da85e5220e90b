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

__all__ = ["notebook_paths", "inject_parameters", "execute_notebook", "run_notebooks", "KERNEL_NAME"]

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


def execute_notebook(path: Path | str, *, write: bool = True, timeout: int = CELL_TIMEOUT):
    """Execute one notebook with its folder as working directory; write it back in place unless ``write`` is False.

    Raises nbclient's CellExecutionError (naming the cell and the error) when a cell fails.
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    if write:
        nbformat.write(nb, path)
    return nb


def run_notebooks(paths: Iterable[Path | str] | None = None, *, log=print) -> list[tuple[Path, float]]:
    """Execute every notebook of the suite in place; return (path, seconds) for each."""
    done = []
    for path in map(Path, paths or notebook_paths()):
        start = time.perf_counter()
        execute_notebook(path)
        seconds = time.perf_counter() - start
        log(f"ran {relative(path)} in {seconds:.1f} s ({path.stat().st_size / 1024:.0f} KB)")
        done.append((path, seconds))
    return done
