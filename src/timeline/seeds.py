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
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ValidationError
from .paths import SEEDS_DIR, relative
from .schema import SEED_FIELDS, VOCABULARIES

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


def read_text(path: Path, errors: list[ValidationError]) -> str | None:
    """A file's text as UTF-8 without a byte-order mark; else an error in ``errors`` and None."""
    raw = Path(path).read_bytes()
    where = relative(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(ValidationError(where, 1, None, None, None, "file starts with a UTF-8 byte-order mark",
                                      "save it as UTF-8 without BOM"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(ValidationError(where, line, None, None, raw[exc.start: exc.start + 4],
                                      f"not UTF-8 ({exc.reason} at byte {exc.start})",
                                      "re-encode the file as UTF-8"))
        return None


def _check_type(value, spec_type: str) -> bool:
    if spec_type == "string":
        return isinstance(value, str) and value.strip() != ""
    if spec_type == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if spec_type == "list":
        return isinstance(value, list)
    return True


#: The marker ``timeline add-article`` writes into every metadata field a person must fill in.
TODO = "TODO"


def _is_todo(value) -> bool:
    if isinstance(value, list):
        return any(_is_todo(v) for v in value)
    return isinstance(value, str) and value.strip().upper().startswith(TODO)


def _key_lines(text: str) -> dict:
    """The line (1-based) of each top-level key of a YAML mapping, for error messages."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def read_seed_metadata(meta_path: Path, seeds_dir: Path) -> tuple[dict | None, list[ValidationError]]:
    """Read and check one sidecar against the schema and its seed's bytes.

    A field still holding the ``TODO`` marker of ``timeline add-article`` is
    reported as not filled in.
    """
    errors: list[ValidationError] = []
    where = relative(meta_path)
    text = read_text(meta_path, errors)
    if text is None:
        return None, errors
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        errors.append(ValidationError(where, mark.line + 1 if mark else None, None, None, None,
                                      f"YAML syntax error: {getattr(exc, 'problem', exc)}",
                                      "check indentation and quoting near this line"))
        return None, errors
    if not isinstance(meta, dict):
        errors.append(ValidationError(where, 1, None, None, None, "metadata must be a mapping", None))
        return None, errors
    lines = _key_lines(text)

    def err(key, value, reason, hint=None):
        errors.append(ValidationError(where, lines.get(key), None, key, value, reason, hint))

    for key in meta:
        if key not in SEED_FIELDS:
            close = difflib.get_close_matches(str(key), list(SEED_FIELDS), n=1, cutoff=0.6)
            err(key, meta[key], "unknown field",
                f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(SEED_FIELDS)}")
    for key, spec in SEED_FIELDS.items():
        if key not in meta or meta[key] is None:
            if spec.get("required"):
                err(key, None, "required field missing", spec["description"])
            continue
        if _is_todo(meta[key]):
            err(key, meta[key], "not filled in yet (still marked TODO)", spec["description"])
            continue
        if not _check_type(meta[key], spec["type"]):
            err(key, meta[key], f"must be a {spec['type']}",
                "write a day as YYYY-MM-DD, unquoted" if spec["type"] == "date" else None)
            continue
        vocab = spec.get("vocabulary")
        if vocab and meta[key] not in VOCABULARIES[vocab]:
            err(key, meta[key], f"not in vocabulary {vocab}", "one of: " + ", ".join(VOCABULARIES[vocab]))
    if errors:
        return None, errors
    if not meta["published_earliest"] <= meta["published_date"] <= meta["published_latest"]:
        err("published_date", str(meta["published_date"]),
            "must lie between published_earliest and published_latest")
    seed_path = seeds_dir / meta["seed"]
    if not seed_path.exists():
        err("seed", meta["seed"], "no such seed file", f"the seed lies beside its metadata in {relative(seeds_dir)}")
    elif sha256_of(seed_path) != meta["sha256"]:
        errors.append(ValidationError(where, lines.get("sha256"), None, "sha256", meta["sha256"],
                                      f"seed {meta['seed']} has changed since its metadata was written "
                                      f"(its SHA-256 is now {sha256_of(seed_path)})",
                                      "seeds are never edited: restore the original bytes"))
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
