"""The committed notebooks follow the suite's rules (fast: reads the files, runs no kernel).

Each opens with a markdown cell saying its question, what it reads and what it shows;
its first code cell sets the plotly renderer; one cell tagged ``parameters`` holds
DATA_DIR; its outputs hold no plotly.js, no script, no machine path, no timing and
no memory address; it stays small.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from timeline import paths
from timeline.cli import main
from timeline.notebooks import notebook_paths

NOTEBOOKS = notebook_paths()
MAX_BYTES = 300_000
EXPECTED = ["00_overview", "01_deployments", "02_casualties", "03_statements", "04_sources"]


def test_the_suite_is_complete():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_structure(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    for part in ("**Question.**", "**Reads.**", "**Shows.**"):
        assert part in first.source, f"{path.name}: the opening cell lacks {part}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert 'pio.renderers.default = "plotly_mimetype"' in code[0].source
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and re.search(r'^DATA_DIR = "\.\./data"$', params[0].source, re.M)
    assert all(c.get("execution_count") is not None for c in code), f"{path.name} is not executed: run-notebooks"
    assert not any("injected-parameters" in c.metadata.get("tags", []) for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_outputs_are_small_offline_and_deterministic(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < MAX_BYTES, f"{path.name}: {len(text.encode())} bytes"
    nb = json.loads(text)
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    blob = json.dumps(outputs)
    for bad in ("<script", "cdn.plot.ly", "plotly.min.js", "0x7f", str(paths.PROJECT_ROOT), "/tmp/", "/root/"):
        assert bad not in blob, f"{path.name}: outputs contain {bad!r}"
    assert not any("execution" in c.get("metadata", {}) for c in nb["cells"]), "timings recorded"
    for o in outputs:
        assert set(o.get("data", {})) <= {"text/plain", "text/html", "application/vnd.plotly.v1+json"}, o.keys()


def test_run_notebooks_rejects_a_missing_notebook(capsys):
    assert main(["run-notebooks", "notebooks/99_missing.ipynb"]) == 2
    assert "no such notebook: notebooks/99_missing.ipynb" in capsys.readouterr().err


@pytest.mark.heavy
@pytest.mark.slow
def test_run_notebooks_reproduces_the_committed_file_byte_for_byte(tmp_path):
    """Executing a notebook again on the same data gives the same file (no timings, ids or addresses)."""
    from timeline.notebooks import execute_notebook

    (tmp_path / "data").symlink_to(paths.DATA_DIR, target_is_directory=True)
    (tmp_path / "seeds").symlink_to(paths.SEEDS_DIR, target_is_directory=True)
    (tmp_path / "notebooks").mkdir()
    original = paths.NOTEBOOKS_DIR / "02_casualties.ipynb"
    copy = tmp_path / "notebooks" / original.name
    copy.write_bytes(original.read_bytes())
    execute_notebook(copy)
    assert copy.read_bytes() == original.read_bytes()
