"""Shared fixtures. Tests run from any working directory; paths come from timeline.paths."""

from __future__ import annotations

import shutil
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
