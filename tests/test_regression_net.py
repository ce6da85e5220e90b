"""The regression net holds: a notebook run against a changed dataset fails strict nbval.

How a notebook is pointed at another dataset: papermill-style parameter injection.
Each notebook has one code cell tagged ``parameters`` (``DATA_DIR = "../data"``);
:func:`timeline.notebooks.inject_parameters` adds a cell tagged
``injected-parameters`` after it (``DATA_DIR = '<copy>'``), keeping the stored
outputs, and nbval re-executes the notebook and compares every output with them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from timeline import load_events, paths
from timeline.notebooks import inject_parameters

NOTEBOOK = "01_deployments.ipynb"
#: The changed figure: no record of the seed articles says 77,777.
CHANGED_COUNT = "77.777"


def _notebook_on(data_dir: Path, folder: Path) -> Path:
    """A copy of the deployments notebook, stored outputs kept, pointed at ``data_dir``."""
    nb = inject_parameters(nbformat.read(paths.NOTEBOOKS_DIR / NOTEBOOK, as_version=4), DATA_DIR=str(data_dir))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / NOTEBOOK
    nbformat.write(nb, target)
    return target


def _nbval(notebook: Path) -> subprocess.CompletedProcess:
    """Strict ``pytest --nbval`` on one notebook, in its own folder (no project ini, no xdist)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:xdist",
         "--rootdir", str(notebook.parent), "--nbval", str(notebook)],
        cwd=notebook.parent, env=env, capture_output=True, text=True, timeout=600)


def _change_first_troop_count(data_dir: Path) -> str:
    """Correct the count of the first troop_count record of the copy to CHANGED_COUNT (with its flag)."""
    for path in sorted((data_dir / "records").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rec in doc["records"]:
            if rec.get("claim_type") == "troop_count" and rec.get("count"):
                rec["count"]["corrected"] = CHANGED_COUNT
                flags = rec.setdefault("flags", [])
                if not any(f.get("type") == "corrected_count" for f in flags):
                    flags.append({"type": "corrected_count", "field": "count", "note": "changed by the test",
                                  "evidence": "tests/test_regression_net.py"})
                path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
                return rec["id"]
    raise AssertionError("the dataset has no troop_count record to change")


@pytest.mark.slow
def test_nbval_passes_on_an_unchanged_copy_and_fails_when_one_count_changes(dataset_copy, tmp_path):
    unchanged = _nbval(_notebook_on(dataset_copy, tmp_path / "unchanged"))
    assert unchanged.returncode == 0, unchanged.stdout[-3000:] + unchanged.stderr[-2000:]

    record_id = _change_first_troop_count(dataset_copy)
    changed_frame = load_events(dataset_copy)
    assert changed_frame.set_index("record_id").loc[record_id, "count_best"] == 77777  # the change took

    changed = _nbval(_notebook_on(dataset_copy, tmp_path / "changed"))
    assert changed.returncode == 1, changed.stdout[-3000:] + changed.stderr[-2000:]
    assert "failed" in changed.stdout and "passed" in changed.stdout
    assert "77,777" in changed.stdout or "77777" in changed.stdout  # nbval names the changed value
