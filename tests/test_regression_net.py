"""The regression net holds: a notebook run against a changed dataset fails strict nbval.

How a notebook is pointed at another dataset: papermill-style parameter injection.
Each notebook has one code cell tagged ``parameters`` (``DATA_DIR = "../data"``);
:func:`timeline.notebooks.inject_parameters` adds a cell tagged
``injected-parameters`` after it (``DATA_DIR = '<copy>'``), keeping the stored
outputs, and nbval re-executes the notebook and compares every output with them.
"""

from __future__ import annotations

import os
import re
import shutil
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


def _nbval(*notebooks: Path) -> subprocess.CompletedProcess:
    """Strict ``pytest --nbval -rA`` (a summary line per cell) on the notebooks, in one run (one pytest start;
    each notebook still gets a kernel of its own), in the folder that holds them (no project ini, no xdist; with
    the project's early plugin, timeline/pytest_plugin.py, which takes 2 s off nbformat's import)."""
    root = Path(os.path.commonpath([nb.parent for nb in notebooks]))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "timeline.pytest_plugin", "-p", "no:cacheprovider",
         "-p", "no:randomly", "-p", "no:xdist", "--rootdir", str(root), "--nbval", *map(str, notebooks)],
        cwd=root, env=env, capture_output=True, text=True, timeout=600)


def _outcomes(stdout: str, folder: str) -> list[str]:
    """The outcome of each cell of the notebook in ``folder`` (PASSED, FAILED, ...), from the report's summary."""
    return re.findall(rf"(?m)^(PASSED|FAILED|ERROR|SKIPPED) {re.escape(folder)}/{re.escape(NOTEBOOK)}::", stdout)


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


@pytest.mark.heavy
@pytest.mark.slow
def test_nbval_passes_on_an_unchanged_copy_and_fails_when_one_count_changes(dataset_copy, tmp_path):
    other = tmp_path / "other"  # a second copy of the dataset, to change
    shutil.copytree(dataset_copy, other / "data")
    shutil.copytree(dataset_copy.parent / "seeds", other / "seeds")
    record_id = _change_first_troop_count(other / "data")
    changed_frame = load_events(other / "data")
    assert changed_frame.set_index("record_id").loc[record_id, "count_best"] == 77777  # the change took

    # both notebooks in one nbval run: the copy on the unchanged data, the copy on the changed data
    run = _nbval(_notebook_on(dataset_copy, tmp_path / "unchanged"), _notebook_on(other / "data", tmp_path / "changed"))
    report = run.stdout[-3000:] + run.stderr[-2000:]
    unchanged, changed = _outcomes(run.stdout, "unchanged"), _outcomes(run.stdout, "changed")
    assert unchanged and set(unchanged) == {"PASSED"}, report  # the unchanged copy passes every cell
    assert run.returncode == 1, report  # tests failed (not a usage or internal error)
    assert "FAILED" in changed and "PASSED" in changed, report
    assert len(changed) == len(unchanged), report  # the same cells, run on both
    assert "77,777" in run.stdout or "77777" in run.stdout  # nbval names the changed value
