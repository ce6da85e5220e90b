"""The source articles (seeds) and their metadata sidecars.

A seed is an article's text, kept byte for byte as received (``seeds/*.txt``).
Beside each lies ``<stem>.meta.yaml``: outlet, title, language, publication
date with its precision and evidence, URL, agencies cited, and the SHA-256 of
the text, so that an edited seed fails validation.

Example:
    >>> seeds = load_seeds()
    >>> seeds["003_777336e2b4043abc.txt"].published_date
    datetime.date(2024, 10, 23)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ValidationError
from .paths import SEEDS_DIR, relative
from .reading import line_at, read_text, read_yaml
from .validation import TODO, file_errors

__all__ = ["TODO", "Seed", "load_seeds", "read_seed_metadata", "sentences", "sha256_of"]


@dataclass(frozen=True)
class Seed:
    name: str
    path: Path
    text: str
    meta: dict

    @property
    def published_date(self) -> dt.date:
        return self.meta["published_date"]

    @property
    def outlet(self) -> str:
        return self.meta["outlet"]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def is_plain_name(name: str) -> bool:
    """True for a file name that names nothing outside its folder.

    >>> [is_plain_name(n) for n in ("000_a.txt", "../x.txt", "/dev/zero", "..", "")]
    [True, False, False, False, False]
    """
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name and "\0" not in name


def inside_folder(path: Path, folder: Path) -> bool:
    """True when ``path``, its links followed, lies directly in ``folder`` (a link out of it is refused)."""
    try:
        return path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):  # a link loop
        return False


def read_seed_metadata(meta_path: Path, seeds_dir: Path) -> tuple[dict | None, list[ValidationError]]:
    """Read and check one sidecar against the schema and its seed's bytes.

    A field still holding the ``TODO`` marker of ``timeline add-article`` is
    reported as not filled in.
    """
    errors: list[ValidationError] = []
    where = relative(meta_path)
    readable, meta = read_yaml(meta_path, errors)
    if not readable:
        return None, errors
    errors += file_errors(meta, "seed_metadata", where)
    if errors:
        return None, errors

    def err(key, value, reason, hint=None):
        errors.append(ValidationError(where, line_at(meta, (key,)), None, key, value, reason, hint))

    if not meta["published_earliest"] <= meta["published_date"] <= meta["published_latest"]:
        err("published_date", str(meta["published_date"]),
            "must lie between published_earliest and published_latest")
    seed_path = seeds_dir / meta["seed"]
    where_to = f"the seed lies beside its metadata in {relative(seeds_dir)}"
    if not is_plain_name(meta["seed"]):
        err("seed", meta["seed"], "must be the file name of a seed in the seeds folder, not a path", where_to)
    elif not inside_folder(seed_path, seeds_dir):
        err("seed", meta["seed"], "is a link out of the seeds folder: refused", where_to)
    elif not seed_path.is_file():
        err("seed", meta["seed"], "no such seed file", where_to)
    elif sha256_of(seed_path) != meta["sha256"]:
        err("sha256", meta["sha256"], f"seed {meta['seed']} has changed since its metadata was written "
            f"(its SHA-256 is now {sha256_of(seed_path)})", "seeds are never edited: restore the original bytes")
    return (meta if not errors else None), errors


def load_seeds(seeds_dir: Path | str | None = None, errors: list[ValidationError] | None = None) -> dict[str, Seed]:
    """All seeds of a folder that have valid metadata, by file name.

    With ``errors`` given, problems are appended there; without, they raise
    :class:`~timeline.errors.RecordsInvalid`.
    """
    from .errors import RecordsInvalid

    seeds_dir = Path(seeds_dir) if seeds_dir else SEEDS_DIR
    collected: list[ValidationError] = []
    seeds: dict[str, Seed] = {}
    if not seeds_dir.is_dir():
        collected.append(ValidationError(relative(seeds_dir), None, None, None, None, "seeds folder not found",
                                         "give the folder of the articles with --seeds DIR"))
    texts = sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    for meta_path in sorted(seeds_dir.glob("*.meta.yaml")) if seeds_dir.is_dir() else []:
        if not meta_path.with_name(meta_path.name[: -len(".meta.yaml")] + ".txt").exists():
            collected.append(ValidationError(relative(meta_path), None, None, None, None,
                                             "metadata without its seed (no .txt of the same name)", None))
    for path in texts:
        meta_path = path.with_suffix(".meta.yaml")
        if not inside_folder(path, seeds_dir) or not path.is_file():
            collected.append(ValidationError(f"{relative(path.parent)}/{path.name}", None, None, None, None,
                                             "a link out of the seeds folder, or not a file: not read",
                                             "a seed is the article's bytes, kept in the seeds folder"))
            continue
        if not meta_path.exists():
            collected.append(ValidationError(relative(path), None, None, None, None,
                                             "seed has no metadata sidecar",
                                             f"write {meta_path.name} (python -m timeline add-article does)"))
            continue
        meta, errs = read_seed_metadata(meta_path, seeds_dir)
        collected += errs
        if meta is None:
            continue
        if meta["seed"] != path.name:
            collected.append(ValidationError(relative(meta_path), None, None, "seed", meta["seed"],
                                             f"names another seed than {path.name}", None))
            continue
        text_errors: list[ValidationError] = []
        text = read_text(path, text_errors)
        collected += text_errors
        if text is not None:
            seeds[path.name] = Seed(path.name, path, text, meta)
    if errors is not None:
        errors.extend(collected)
    elif collected:
        raise RecordsInvalid(collected)
    return seeds


def sentences(text: str) -> list[tuple[int, int, str]]:
    """Split a seed into sentences with their offsets: (start, end, text); see :func:`timeline.detect.split_sentences`.

    >>> [s for _, _, s in sentences("Am 18. Oktober kam es. Dann „nichts.“ Ende")]
    ['Am 18. Oktober kam es.', 'Dann „nichts.“', 'Ende']
    """
    from .detect import split_sentences

    return split_sentences(text)
