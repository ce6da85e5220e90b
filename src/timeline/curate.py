"""Adding an article: copy it into seeds/, write its metadata stub and its records stub.

:func:`add_article` is ``python -m timeline add-article FILE``. The article is
copied byte for byte to ``seeds/NNN_<first 16 hex digits of its SHA-256>.txt``
(NNN: the next free number). Beside it goes ``<stem>.meta.yaml`` with ``seed``
and ``sha256`` filled in and every other required field marked ``TODO``,
which the validator reports until a person fills it in. The records stub
``data/records/<stem>.yaml`` lists the article's candidate sentences
(:func:`timeline.coverage.candidate_sentences`) as comments with their offsets,
and a commented record template: ready to curate. Both stubs are generated
from the schema (``timeline.schema``), never written by hand.

Example:
    >>> text = "Es regnet. Am 18. Oktober sagte er, 1.500 Soldaten seien entsandt worden."
    >>> stub = records_stub("005_0123456789abcdef.txt", text)
    >>> [line for line in stub.splitlines() if line.startswith("# [")]
    ['# [    11] Am 18. Oktober sagte er, 1.500 Soldaten seien entsandt worden.']
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .coverage import candidate_sentences
from .errors import ValidationError
from .paths import DATA_DIR, SEEDS_DIR, relative
from .reading import read_text
from .schema import RECORD_FIELDS, SEED_FIELDS, VOCABULARIES
from .seeds import TODO

__all__ = ["AddArticleError", "AddedArticle", "add_article", "metadata_stub", "records_stub", "seed_name_for"]

_SEED_RE = re.compile(r"^(\d{3,})_[0-9a-f]{16}\.txt$")
#: The lock file add-article holds in the seeds folder while it numbers and writes a new seed.
LOCK_NAME = ".add-article.lock"
#: Characters YAML reads as line breaks: never inside a comment line of a stub.
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


class AddArticleError(ValueError):
    """The article cannot be added; ``errors`` says why (file, reason, hint)."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class AddedArticle:
    seed: Path
    metadata: Path
    records: Path
    n_candidates: int
    #: the new actors the drafts propose (speakers the actors file does not know), listed atop the records file
    new_actors: tuple = ()


def seed_name_for(data: bytes, seeds_dir: Path) -> str:
    """The seed file name for an article's bytes: the next number and the first 16 hex digits of its SHA-256.

    >>> seed_name_for(b"Text", Path("no-such-folder"))
    '000_71988c4d8e0803ba.txt'

    Past 999 the number grows a digit (1000, 1001, ...), so that no two seeds share a number.
    """
    numbers = [int(m.group(1)) for p in seeds_dir.glob("*.txt") if (m := _SEED_RE.match(p.name))]
    number = max(numbers) + 1 if numbers else 0
    return f"{number:03d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"


def _comment(text: str) -> str:
    """Text for a one-line YAML comment: line breaks as spaces, control characters (NUL, BEL, ESC, ...) as
    escapes (YAML refuses them even in a comment, and a terminal would run them).

    >>> _comment("a\\nb\\x1b[2J\\x00")
    'a b\\\\x1b[2J\\\\x00'
    """
    return "".join(c if c.isprintable() or c in " \t" else c.encode("unicode_escape").decode("ascii")
                   for c in _BREAKS.sub(" ", text))


def metadata_stub(seed_name: str, sha256: str, text: str = "") -> str:
    """The metadata sidecar of a new seed: seed and sha256 filled in, every other required field ``TODO``.

    Each field is preceded by its description from the schema; optional fields are commented out.

    >>> stub = metadata_stub("005_0123456789abcdef.txt", "ab" * 32)
    >>> "published_date: TODO" in stub and "sha256: " + "ab" * 32 in stub
    True
    """
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    out = [f"# Metadata of seeds/{seed_name}, written by `python -m timeline add-article`.",
           f"# Replace every {TODO} (the validator reports each one left), then run `python -m timeline validate`.",
           "# Each field's description comes from src/timeline/schema.yaml (seed_metadata); see docs/curating.md.",
           f"seed: {seed_name}", f"sha256: {sha256}"]
    for key, spec in SEED_FIELDS.items():
        if key in ("seed", "sha256"):
            continue
        out.append(f"# {_comment(spec['description'])}")
        if spec.get("vocabulary"):
            out.append(f"# One of: {', '.join(VOCABULARIES[spec['vocabulary']])}.")
        if key == "title" and first_line:
            out.append(f"# The first line of the text: {_comment(first_line)[:200]}")
        if spec["type"] == "date":
            out.append("# A day, unquoted: YYYY-MM-DD.")
        value = f"[{TODO}]" if spec["type"] == "list" else TODO
        out.append(f"{key}: {value}" if spec.get("required") else f"# {key}:")
    return "\n".join(out) + "\n"


def records_stub(seed_name: str, text: str) -> str:
    """The records file of a new seed: its candidate sentences as comments, and a commented record template."""
    number = seed_name.split("_", 1)[0]  # 000 ... 999, then 1000: never cut to three digits
    candidates = candidate_sentences(text)
    out = [f"# Records of seeds/{seed_name}, written by `python -m timeline add-article`. See docs/curating.md.",
           "# One record per claim. The fields are in the README's data dictionary (from src/timeline/schema.yaml).",
           f"# Candidate sentences ({len(candidates)}): each carries a date expression or a count of people.",
           "# The number is the sentence's offset in the seed (quote_start when the quote starts with the sentence).",
           "# Cover each with a record, or list it in data/not_claims.yaml with a reason;",
           "# `python -m timeline coverage` shows those still open.",
           "#"]
    for c in candidates:
        out.append(f"# [{c.start:6d}] {_comment(c.sentence)}")
        out.append(f"#          {_comment('; '.join(c.reasons))}")
    out += [f"seed: {seed_name}", "records:", "  # Template (remove the '# ' of the fields you use):"]
    first = True
    for key, spec in RECORD_FIELDS.items():
        value = f"r{number}-01" if key == "id" else ""
        if spec.get("vocabulary"):
            value = f"  # {' | '.join(VOCABULARIES[spec['vocabulary']])}"
        line = f"{'- ' if first else '  '}{key}:{' ' + value if value and not value.startswith('  #') else value}"
        tag = "" if spec.get("required") else "   (optional)"
        out.append(f"  # {line}{tag}")
        first = False
    return "\n".join(out) + "\n"


def drafts_stub(seed_name: str, text: str, published, actors, meta: dict | None = None) -> tuple[str, int, tuple]:
    """The records file of a new seed with a draft record per candidate sentence (:mod:`timeline.drafts`),
    read against ``published`` (and the seed's metadata, when it is filled in); the commented template follows.
    Returns the text, the number of drafts and the new actors they propose."""
    from .drafts import draft_records, drafts_yaml, new_actors

    drafts = draft_records(seed_name, text, published, actors, meta=meta)
    header = [f"# Records of seeds/{seed_name}, written by `python -m timeline add-article`. See docs/curating.md.",
              f"# {len(drafts)} draft record(s), one per candidate sentence, dates read against {published}",
              "# (the publication date given, or today: correct seeds/<stem>.meta.yaml, then re-read the dates).",
              "# Review each draft (the '# why:' lines say why each field was proposed): correct it, write",
              "# summary_en, delete a draft that is no claim (or list its sentence in data/not_claims.yaml);",
              "# then `python -m timeline confirm <this file>` removes the draft flags; `validate` checks them."]
    body = drafts_yaml(seed_name, drafts, header)
    template = [line for line in records_stub(seed_name, text).splitlines() if line.startswith("  # ")]
    return body + "\n".join(template) + "\n", len(drafts), tuple(new_actors(drafts))


@contextlib.contextmanager
def _locked(seeds_dir: Path):
    """Hold the seeds folder's add-article lock (an exclusive ``flock``): two runs never take one number."""
    lock = seeds_dir / LOCK_NAME
    with open(lock, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (not followed, if it is a link) would be written inside ``folder``."""
    return not path.is_symlink() and path.resolve().parent == folder.resolve()


def add_article(file: Path | str, seeds_dir: Path | str | None = None,
                data_dir: Path | str | None = None, published=None) -> AddedArticle:
    """Copy an article into the seeds folder and write its metadata and records stubs.

    Numbering and writing happen under a lock of the seeds folder, so two runs at once take two numbers. Each
    file is written whole (a temporary file, then a rename). A run stopped half-way (the seed copied, a stub
    missing) is resumed by running it again: the missing stubs are written, nothing is overwritten. A run that
    fails (a full disk, a read-only folder) removes what it wrote, and the error (an :class:`OSError` naming
    the file) goes to the caller.

    Raises:
        AddArticleError: the file is not UTF-8 text without a byte-order mark,
            is empty, is already a seed with both stubs, or a stub path is taken (a file or a link).
    """
    file = Path(file)
    seeds_dir = Path(seeds_dir) if seeds_dir else SEEDS_DIR
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    errors: list[ValidationError] = []
    text = read_text(file, errors)
    if text is None:
        raise AddArticleError(errors)
    if not text.strip():
        raise AddArticleError([ValidationError(relative(file), None, None, None, None, "the article is empty")])
    data = file.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with _locked(seeds_dir):
        name = None
        for existing in sorted(seeds_dir.glob("*.txt")):
            if existing.is_file() and hashlib.sha256(existing.read_bytes()).hexdigest() == sha:
                meta = existing.with_suffix(".meta.yaml")
                records = data_dir / "records" / f"{existing.stem}.yaml"
                if os.path.lexists(meta) and os.path.lexists(records):
                    raise AddArticleError([ValidationError(relative(file), None, None, None, None,
                                                           f"this article is already a seed: {relative(existing)}")])
                name = existing.name  # a half-done run: resume it
        resumed = name is not None
        name = name or seed_name_for(data, seeds_dir)
        seed = seeds_dir / name
        meta = seed.with_suffix(".meta.yaml")
        records = data_dir / "records" / f"{seed.stem}.yaml"
        for path, folder in ((meta, seeds_dir), (records, data_dir / "records")):
            if path.is_symlink() or (path.exists() and not resumed):
                raise AddArticleError([ValidationError(relative(path), None, None, None, None,
                                                       "exists already" + (" (a link)" if path.is_symlink() else ""),
                                                       "add-article never overwrites a file nor follows a link")])
            if path.parent.exists() and not _inside(path, folder):
                raise AddArticleError([ValidationError(relative(path), None, None, None, None,
                                                       "lies outside its folder", None)])
        written: list[Path] = []  # what this run wrote: undone if it fails (a full disk, a read-only folder)
        try:
            return _write_article(seed, meta, records, data, sha, text, resumed, published, data_dir, written)
        except BaseException:
            for path in reversed(written):
                path.unlink(missing_ok=True)
            raise


def _write_article(seed: Path, meta: Path, records: Path, data: bytes, sha: str, text: str, resumed: bool,
                   published, data_dir: Path, written: list[Path]) -> AddedArticle:
    """Write what :func:`add_article` adds, noting each file in ``written`` once it stands."""
    name = seed.name
    records.parent.mkdir(parents=True, exist_ok=True)
    if not resumed:
        write_atomic(seed, data)
        written.append(seed)
    if not meta.exists():
        write_atomic(meta, metadata_stub(name, sha, text), newline="\n")
        written.append(meta)
    if records.exists():
        return AddedArticle(seed, meta, records, len(candidate_sentences(text)))
    if published is None:
        write_atomic(records, records_stub(name, text), newline="\n")
        return AddedArticle(seed, meta, records, len(candidate_sentences(text)))
    from .names import ActorRegistry

    actors_file = data_dir / "actors.yaml"
    actors = ActorRegistry.from_yaml(actors_file) if actors_file.is_file() else ActorRegistry([])
    body, n, proposed = drafts_stub(name, text, published, actors)
    write_atomic(records, body, newline="\n")
    return AddedArticle(seed, meta, records, n, proposed)
