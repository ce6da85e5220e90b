"""Where things live: every path of the project, defined once, relative to the repository."""

from __future__ import annotations

from dataclasses import dataclass
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


def _same(a: Path, b: Path) -> bool:
    return Path(a).resolve() == Path(b).resolve()


@dataclass(frozen=True)
class Dataset:
    """A dataset: its folder ``data`` (``records/``, ``actors.yaml``, ``not_claims.yaml``) and its articles
    ``seeds``; what every command's ``--data DIR --seeds DIR`` name.

    The seeds default to ``seeds/`` beside the data. What a command writes outside the data (the README, the
    notebooks, ``reports/``) lies beside the data too, as in this repository: for the shipped dataset the
    project's own files, for any other dataset the files of the folder holding its data, never the project's.

    >>> Dataset.of().is_project, Dataset.of().output("reports") == REPORTS_DIR
    (True, True)
    >>> other = Dataset.of("/tmp/case/data")
    >>> other.seeds.as_posix(), other.is_project, other.output("README.md").as_posix()
    ('/tmp/case/seeds', False, '/tmp/case/README.md')
    """

    data: Path
    seeds: Path

    @classmethod
    def of(cls, data: Path | str | None = None, seeds: Path | str | None = None) -> "Dataset":
        data = Path(data) if data else DATA_DIR
        return cls(data, Path(seeds) if seeds else data.parent / "seeds")

    @property
    def is_project(self) -> bool:
        """Whether this is the shipped dataset (the project's data/ and seeds/)."""
        return _same(self.data, DATA_DIR) and _same(self.seeds, SEEDS_DIR)

    @property
    def root(self) -> Path:
        """The folder holding the data (and, by default, the seeds and the outputs)."""
        return self.data.parent

    @property
    def events_csv(self) -> Path:
        return self.data / "processed" / "events.csv"

    def output(self, name: str) -> Path | None:
        """Where an output named ``name`` (``README.md``, ``reports``, ``notebooks``) of this dataset goes by default:
        beside its data; None for a dataset that is not the project's but whose data is the project's ``data/``
        (another seeds folder): its outputs would overwrite the project's, so the command asks for ``--out``."""
        if self.is_project:
            return PROJECT_ROOT / name
        if _same(self.root, PROJECT_ROOT):
            return None
        return self.root / name
