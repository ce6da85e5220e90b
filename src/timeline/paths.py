"""Where things live: every path of the project, defined once, relative to the repository."""

from __future__ import annotations

from pathlib import Path

#: The repository root (src/timeline/paths.py -> two levels up from the package).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_ROOT / "seeds"
DATA_DIR = PROJECT_ROOT / "data"
RECORDS_DIR = DATA_DIR / "records"
ACTORS_FILE = DATA_DIR / "actors.yaml"
NOT_CLAIMS_FILE = DATA_DIR / "not_claims.yaml"
PROCESSED_DIR = DATA_DIR / "processed"
EVENTS_CSV = PROCESSED_DIR / "events.csv"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema.yaml"


def relative(path: Path) -> str:
    """A path as the user should read it: relative to the repository where it lies inside it.

    >>> relative(PROJECT_ROOT / "data" / "records" / "x.yaml")
    'data/records/x.yaml'
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()
