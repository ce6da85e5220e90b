"""Read, validate and normalise the hand-curated records; build the events frame.

A records file (``data/records/<seed stem>.yaml``) holds the claims of one
article::

    seed: 003_777336e2b4043abc.txt
    records:
      - id: r003-01
        claim_type: confirmation
        ...

Every record ends up either as a row of the frame or in the error list, never
dropped: :func:`load_dataset` returns both, with counts. Every error names the
file, the line, the record, the field, the value and what is wrong, and all
errors of all files are reported at once.

Example:
    >>> result = load_dataset()
    >>> result.n_read == result.n_valid + result.n_rejected
    True
    >>> list(result.frame.columns[:4])
    ['record_id', 'seed', 'article_outlet', 'published']
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import yaml

from .dates import DateExpressionError, DateInterval, normalise_date, open_until
from .errors import RecordsInvalid, ValidationError
from .names import ActorRegistry, UnknownName
from .numbers import CountExpressionError, parse_count
from .paths import DATA_DIR, relative
from .schema import (COUNT_EXPR_FIELDS, DATE_EXPR_FIELDS, FLAG_FIELDS, FRAME_COLUMNS, FRAME_DTYPES,
                     RECORD_FIELDS, VOCABULARIES)
from .seeds import Seed, load_seeds, read_text

__all__ = ["LoadResult", "load_dataset", "load_events", "load_events_with_errors", "record_files",
           "PLAUSIBLE_YEARS_BEFORE", "PLAUSIBLE_YEARS_AFTER"]

#: A date may lie this many years before the article's publication ...
PLAUSIBLE_YEARS_BEFORE = 5
#: ... and, for forecasts, this many after it. A statement is never after publication.
PLAUSIBLE_YEARS_AFTER = 2
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _shift_years(day: dt.date, years: int) -> dt.date:
    """The same day some years later or earlier (29 February becomes 28 February), kept inside the calendar."""
    year = min(max(day.year + years, dt.MINYEAR), dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


# --------------------------------------------------------------------------- YAML with line numbers


class _LineDict(dict):
    line: int = 0
    key_lines: dict


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings remember their line and the line of each key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    out = _LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# --------------------------------------------------------------------------- results


@dataclass
class LoadResult:
    """The outcome of loading a dataset: the frame of valid records and every error."""

    frame: pd.DataFrame
    errors: list[ValidationError]
    files: list[str] = field(default_factory=list)
    n_read: int = 0
    rejected_ids: list[str] = field(default_factory=list)
    #: Records marked ``draft: true`` (timeline.drafts): counted apart, not in the frame, until confirmed.
    draft_ids: list[str] = field(default_factory=list)

    @property
    def n_valid(self) -> int:
        return len(self.frame)

    @property
    def n_drafts(self) -> int:
        return len(self.draft_ids)

    @property
    def n_rejected(self) -> int:
        return self.n_read - self.n_valid - self.n_drafts

    def summary(self) -> str:
        drafts = f", {self.n_drafts} draft(s) to review" if self.n_drafts else ""
        return (f"{self.n_valid} record(s) valid, {self.n_rejected} rejected{drafts}, "
                f"{len(self.errors)} error(s), {len(self.files)} file(s) read")


def record_files(data_dir: Path | str | None = None) -> list[Path]:
    """The records files of a dataset folder, in name order."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    return sorted((data_dir / "records").glob("*.yaml"))


# --------------------------------------------------------------------------- validation of one record


class _RecordCheck:
    """Validates and normalises one record, collecting its errors."""

    def __init__(self, rec: _LineDict, file: str, seed: Seed, actors: ActorRegistry, label: str | None = None):
        self.rec, self.file, self.seed, self.actors = rec, file, seed, actors
        self.errors: list[ValidationError] = []
        self.rid = rec.get("id") if isinstance(rec.get("id"), str) else None
        self.label = self.rid or label  # how errors name a record without a readable id ("#3": the third)

    def err(self, fld: str | None, value: Any, reason: str, hint: str | None = None, line: int | None = None):
        if line is None:
            key = fld.split(".")[0] if fld else None
            line = self.rec.key_lines.get(key, self.rec.line) if key else self.rec.line
        self.errors.append(ValidationError(self.file, line, self.label, fld, value, reason, hint))

    # -- structure
    def check_fields(self, spec: dict[str, dict], mapping: dict, prefix: str = "") -> None:
        for key in mapping:
            if key not in spec:
                close = difflib.get_close_matches(str(key), list(spec), n=1, cutoff=0.6)
                self.err(f"{prefix}{key}", mapping[key], "unknown field",
                         f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(spec)}")
        for key, s in spec.items():
            value = mapping.get(key)
            if value is None:
                if s.get("required"):
                    self.err(f"{prefix}{key}", None, "required field missing")
                continue
            expected = s["type"]
            ok = {
                "string": isinstance(value, str) and value.strip() != "",
                "integer": isinstance(value, int) and not isinstance(value, bool),
                "date_expr": isinstance(value, dict),
                "count_expr": isinstance(value, dict),
                "flags": isinstance(value, list),
                "anchor": isinstance(value, (str, dt.date)) and not isinstance(value, dt.datetime),
            }.get(expected, True)
            if not ok:
                hint = None
                if expected == "string" and isinstance(value, (int, float)):
                    hint = "quote it: YAML reads 10.000 as the number 10.0"
                article = "an" if expected[0] in "aeiou" else "a"
                what = "a list of flags {type, field, note, evidence}" if expected == "flags" else \
                    f"{article} {expected.replace('_', ' ')}"
                self.err(f"{prefix}{key}", value, f"must be {what}"
                         + (" (a mapping)" if expected in ("date_expr", "count_expr") else ""), hint)
                continue
            vocab = s.get("vocabulary")
            if vocab and value not in VOCABULARIES[vocab]:
                close = difflib.get_close_matches(str(value), list(VOCABULARIES[vocab]), n=1, cutoff=0.5)
                self.err(f"{prefix}{key}", value, f"not in vocabulary {vocab}",
                         f"did you mean {close[0]!r}?" if close else f"one of: {', '.join(VOCABULARIES[vocab])}")

    # -- pieces
    def actor(self, fld: str):
        name = self.rec.get(fld)
        if not isinstance(name, str):
            return None
        try:
            return self.actors.resolve(name)
        except UnknownName as exc:
            self.err(fld, name, "unknown name: not an actor id or alias in actors.yaml",
                     "closest: " + ", ".join(exc.suggestions) if exc.suggestions else "add it to data/actors.yaml")
            return None

    def quote(self) -> tuple[int, int] | None:
        quote, start = self.rec.get("quote"), self.rec.get("quote_start")
        if not isinstance(quote, str) or not isinstance(start, int) or isinstance(start, bool):
            return None
        text = self.seed.text
        if start < 0:
            self.err("quote_start", start, "an offset is 0 or more", f"the quote stands at offset {text.find(quote)}"
                     if quote in text else None)
            return None
        if text[start:start + len(quote)] == quote:
            return start, start + len(quote)
        found = text.find(quote)
        if found >= 0:
            self.err("quote_start", start, "the quote is not at this offset in the seed",
                     f"the quote stands at offset {found}")
        else:
            self.err("quote", quote, f"quote not found verbatim in seed {self.seed.name}",
                     _near_miss(text, quote) or "closest passage: " + repr(_closest_passage(text, quote)))
        return None

    def date(self, fld: str, anchors: dict[str, dt.date]) -> tuple[DateInterval, str | None, dt.date] | None:
        spec = self.rec.get(fld)
        published = anchors["published"]
        if spec is None:
            anchor = anchors.get("stated_end", published) if fld == "event" else published
            return open_until(anchor), None, anchor
        if not isinstance(spec, dict):
            return None
        self.check_fields(DATE_EXPR_FIELDS, spec, prefix=f"{fld}.")
        expr, anchor_spec, corrected = spec.get("expr"), spec.get("anchor", "published"), spec.get("corrected")
        direction = spec.get("direction")
        if isinstance(anchor_spec, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", anchor_spec):
            try:  # a quoted ISO date: '2024-10-18'
                anchor_spec = dt.date.fromisoformat(anchor_spec)
            except ValueError:
                self.err(f"{fld}.anchor", anchor_spec, "not a calendar day")
                return None
        if isinstance(anchor_spec, dt.date):
            anchor = anchor_spec
        elif anchor_spec == "published":
            anchor = published
        elif anchor_spec == "stated" and fld == "event":
            anchor = anchors.get("stated_anchor_date")
            if anchor is None:
                self.err(f"{fld}.anchor", anchor_spec, "'stated' needs a statement date (stated.expr) that reads",
                         "give stated.expr, or anchor the event on 'published' or on a day (YYYY-MM-DD)")
                return None
        else:
            self.err(f"{fld}.anchor", anchor_spec, "not an anchor",
                     "'published', an ISO date (YYYY-MM-DD)" + (", or 'stated'" if fld == "event" else ""))
            return None
        if expr is None:
            if corrected is not None:
                self.err(f"{fld}.corrected", corrected, "a correction needs the expression it corrects (expr)")
            return open_until(anchor), None, anchor
        if not isinstance(expr, str):
            return None
        quote = self.rec.get("quote") if isinstance(self.rec.get("quote"), str) else ""
        if expr not in quote:
            self.err(f"{fld}.expr", expr, "date expression not found in the record's quote",
                     "copy the expression verbatim from the quote, or extend the quote")
        if corrected is not None:
            self.need_flag("corrected_date", fld, corrected)
        if direction is not None and (not isinstance(direction, str) or direction not in VOCABULARIES["direction"]):
            return None  # reported by check_fields
        try:  # the quote is the sentence: its tense chooses the direction, unless the record pins it
            iv = normalise_date(corrected if isinstance(corrected, str) else expr, anchor, quote or None,
                                direction=direction)
        except DateExpressionError as exc:
            self.err(f"{fld}.corrected" if isinstance(corrected, str) else f"{fld}.expr", exc.expression, f"cannot read the date expression: {exc.reason}",
                     "see the rules of src/timeline/lang/de.yaml and docs/dates-and-numbers.md")
            return None
        if iv.end is None and fld == "stated":
            self.err(f"{fld}.expr", expr, f"reads as {iv.edtf}, open at the end: a statement date needs an end",
                     "a statement is made on or before publication: give the day or the span it was made in")
            return None
        lo = _shift_years(published, -PLAUSIBLE_YEARS_BEFORE)
        hi = published if fld == "stated" else _shift_years(published, PLAUSIBLE_YEARS_AFTER)
        first = iv.start or iv.end
        last = iv.end or iv.start
        if first < lo or last > hi:
            what = "on or before publication" if fld == "stated" else (
                f"within {PLAUSIBLE_YEARS_BEFORE} years before and {PLAUSIBLE_YEARS_AFTER} after publication")
            self.err(f"{fld}.expr", expr, f"reads as {iv.edtf}, outside the plausible range of its article "
                     f"({lo} to {hi}: {what})", "check the expression, its anchor, or add a corrected_date flag")
            return None
        return iv, expr, anchor

    def need_flag(self, flag_type: str, fld: str, value) -> None:
        flags = self.rec.get("flags") if isinstance(self.rec.get("flags"), list) else []
        if not any(isinstance(f, dict) and f.get("type") == flag_type for f in flags):
            self.err(f"{fld}.corrected", value, f"a corrected value needs a {flag_type} flag saying why",
                     "add flags: [{type: " + flag_type + ", field: " + fld + ", note: ..., evidence: ...}]")

    def count(self):
        spec = self.rec.get("count")
        if not isinstance(spec, dict):
            return None
        self.check_fields(COUNT_EXPR_FIELDS, spec, prefix="count.")
        expr, corrected = spec.get("expr"), spec.get("corrected")
        if not isinstance(expr, str):
            return None
        quote = self.rec.get("quote") if isinstance(self.rec.get("quote"), str) else ""
        if expr not in quote:
            self.err("count.expr", expr, "count expression not found in the record's quote",
                     "copy the expression verbatim from the quote")
        if corrected is not None:
            self.need_flag("corrected_count", "count", corrected)
        try:
            return parse_count(corrected if isinstance(corrected, str) else expr)
        except CountExpressionError as exc:
            self.err("count.corrected" if isinstance(corrected, str) else "count.expr", exc.expression, f"cannot read the count: {exc.reason}",
                     "see the numbers section of src/timeline/lang/de.yaml and docs/dates-and-numbers.md")
            return None

    def flags(self) -> list[dict]:
        flags = self.rec.get("flags") or []
        if not isinstance(flags, list):
            return []
        good = []
        for i, f in enumerate(flags):
            if not isinstance(f, dict):
                self.err(f"flags[{i}]", f, "a flag must be a mapping {type, field, note, evidence}")
                continue
            n = len(self.errors)
            self.check_fields(FLAG_FIELDS, f, prefix=f"flags[{i}].")
            if len(self.errors) == n:
                good.append(f)
        return good

    # -- the whole record
    def run(self) -> dict | None:
        rec = self.rec
        self.check_fields(RECORD_FIELDS, rec)
        if self.rid is not None and not _ID_RE.match(self.rid):
            self.err("id", self.rid, "an id may hold letters, digits, '_', '-' and '.' only")
        claimant, outlet = self.actor("claimant"), self.actor("outlet")
        subject_name = rec.get("subject") or self.actors.case.get("subject")
        subject = None
        if isinstance(subject_name, str):
            try:
                subject = self.actors.resolve(subject_name)
            except UnknownName as exc:
                self.err("subject", subject_name, "unknown name", ", ".join(exc.suggestions) or None)
        span = self.quote()
        published = self.seed.published_date
        stated = self.date("stated", {"published": published})
        anchors = {"published": published}
        if stated:
            anchors["stated_end"] = stated[0].end
            if isinstance(rec.get("stated"), dict):  # 'anchor: stated' needs a statement date the record gives
                anchors["stated_anchor_date"] = stated[0].start or stated[0].end
        event = self.date("event", anchors)
        count = self.count() if rec.get("count") is not None else None
        flags = self.flags()
        if count and (count.low is not None and count.high is not None and count.low > count.high):
            self.err("count", rec["count"], f"low {count.low} is above high {count.high}")
        if rec.get("claim_type") in ("troop_count", "casualty_count") and rec.get("count") is None:
            self.err("count", None, f"a {rec.get('claim_type')} record needs a count")
        if self.errors:
            return None
        corrected = any(f.get("type", "").startswith("corrected_") for f in flags)
        iv_s, stated_expr, stated_anchor = stated
        iv_e, event_expr, event_anchor = event
        cspec = rec.get("count") or {}
        return {
            "record_id": self.rid,
            "seed": self.seed.name,
            "article_outlet": self.seed.outlet,
            "published": published,
            "published_precision": self.seed.meta["published_precision"],
            "claim_type": rec["claim_type"],
            "stance": rec["stance"],
            "claimant": claimant.id,
            "claimant_name": claimant.name,
            "claimant_country": claimant.country,
            "claimant_kind": claimant.kind,
            "claimant_group": self.actors.group(claimant.id),
            "outlet": outlet.id,
            "outlet_name": outlet.name,
            "stated_expr": stated_expr,
            "stated_anchor": stated_anchor,
            "stated_start": iv_s.start,
            "stated_end": iv_s.end,
            "stated_precision": iv_s.precision,
            "stated_edtf": iv_s.edtf,
            "stated_method": iv_s.method,
            "stated_cue": iv_s.cue,
            "event_expr": event_expr,
            "event_anchor": event_anchor,
            "event_start": iv_e.start,
            "event_end": iv_e.end,
            "event_precision": iv_e.precision,
            "event_edtf": iv_e.edtf,
            "event_method": iv_e.method,
            "event_cue": iv_e.cue,
            "count_expr": cspec.get("expr"),
            "count_qualifier": count.qualifier if count else None,
            "count_low": count.low if count else None,
            "count_best": count.best if count else None,
            "count_high": count.high if count else None,
            "count_unit": cspec.get("unit"),
            "location": rec.get("location"),
            "subject": subject.id if subject else None,
            "quote": rec["quote"],
            "quote_start": span[0],
            "quote_end": span[1],
            "summary_en": rec["summary_en"],
            "claim_key": rec.get("claim_key") or self.rid,
            "flags": "; ".join(f["type"] for f in flags),
            "flag_notes": " | ".join(
                f"{f['type']}" + (f" ({f['field']})" if f.get("field") else "") + f": {f['note']} Evidence: {f['evidence']}"
                for f in flags),
            "is_corrected": corrected,
            "needs_review": iv_s.needs_review or iv_e.needs_review,
        }


_QUOTE_MARKS = str.maketrans({c: '"' for c in "„“”«»‚‘’'"})


def _near_miss(text: str, quote: str) -> str | None:
    """A hint when a quote differs from the seed only in spacing, Unicode form or quotation marks."""
    def squash(t: str, marks: bool) -> str:
        t = " ".join(unicodedata.normalize("NFC", t).split())
        return t.translate(_QUOTE_MARKS) if marks else t

    for marks, what in ((False, "spacing or Unicode form (a non-breaking space, a line break, a decomposed "
                                "umlaut)"), (True, "quotation marks („“ ‚‘ « » against \" ')")):
        if squash(quote, marks) in squash(text, marks):
            return f"the quote differs from the seed only in {what}: copy it from the seed as it stands"
    return None


def _closest_passage(text: str, quote: str) -> str:
    """The stretch of the seed most like a quote that was not found (for the error's hint)."""
    words = text.split()
    n = max(1, len(quote.split()))
    best, best_ratio = "", 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for i in range(0, max(1, len(words) - n + 1)):
        cand = " ".join(words[i:i + n])
        matcher.set_seq1(cand)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        r = matcher.ratio()
        if r > best_ratio:
            best, best_ratio = cand, r
    return best if len(best) <= 160 else best[:157] + "..."


# --------------------------------------------------------------------------- a dataset


def _yaml_error(where: str, exc: yaml.YAMLError) -> ValidationError:
    """A YAML syntax error at the line where it shows: where the problem is, or, for a string or bracket left
    open to the end of the file, where it was opened."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None)
    if getattr(exc, "context_mark", None) is not None and (mark is None or "end of stream" in problem):
        mark = exc.context_mark
        problem = f"{context} that is never closed ({problem})" if context else problem
    return ValidationError(where, mark.line + 1 if mark else None, None, None, None, f"YAML syntax error: {problem}",
                           "check indentation and quoting near this line")


_RECORD_START = re.compile(rb"^\s*-\s+id\s*:", re.MULTILINE)


def _unreadable_count(path: Path) -> int:
    """How many records a file that cannot be read seems to hold (its '- id:' lines): they count as rejected."""
    return len(_RECORD_START.findall(path.read_bytes()))


def _read_records_file(path: Path, errors: list[ValidationError]) -> tuple[str | None, list[_LineDict], int] | None:
    where = relative(path)
    text = read_text(path, errors)
    if text is None:
        return None
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if "constructor for the tag" in problem:
            tag = problem.split("tag", 1)[1].strip(" '")
            problem = f"YAML tag {tag!r} is not allowed"
            hint = "records are plain YAML read by a safe loader: remove the tag"
        else:
            hint = "each key once per mapping"
        errors.append(ValidationError(where, mark.line + 1 if mark else None, None, None, None, problem, hint))
        return None
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(where, exc))
        return None
    if isinstance(doc, dict) and "records" in doc and doc["records"] is None:
        doc["records"] = []  # "records:" with only comments under it (a fresh stub): no records yet
    if not isinstance(doc, dict) or not isinstance(doc.get("records"), list):
        errors.append(ValidationError(where, 1, None, None, None,
                                      "a records file is a mapping with 'seed' and a list 'records'", None))
        return None
    unknown = [k for k in doc if k not in ("seed", "records")]
    for k in unknown:
        errors.append(ValidationError(where, doc.key_lines.get(k), None, k, doc[k], "unknown top-level key",
                                      "a records file has only 'seed' and 'records'"))
    return doc.get("seed"), doc["records"], doc.key_lines.get("seed", 1)


def _read_actors(path: Path, errors: list[ValidationError]) -> ActorRegistry | None:
    """The actors of a dataset; None (and an error) when the file is missing or invalid."""
    where = relative(path)
    if not path.is_file():
        errors.append(ValidationError(where, None, None, None, None, "actors file not found",
                                      "a dataset folder holds actors.yaml beside records/"))
        return None
    if read_text(path, errors) is None:
        return None
    try:
        return ActorRegistry.from_yaml(path)
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(where, exc))
    except (ValueError, TypeError, AttributeError) as exc:  # a bad entry: duplicate id, unknown kind, field
        errors.append(ValidationError(where, None, None, None, None, f"invalid actors file: {exc}",
                                      "each actor has id, name, kind, country and optional role, member_of, "
                                      "aliases"))
    return None


def load_dataset(paths: Iterable[Path | str] | Path | str | None = None, *, seeds_dir: Path | str | None = None,
                 actors_file: Path | str | None = None) -> LoadResult:
    """Load records into the events frame, collecting every error instead of raising.

    Args:
        paths: a dataset folder (holding ``records/`` and ``actors.yaml``), one
            records file, or several; default: the project's ``data/``.
        seeds_dir: the folder of seeds; default: ``seeds/`` beside the dataset folder.
        actors_file: the actors; default: ``actors.yaml`` of the dataset folder.
    """
    if paths is None:
        paths = [DATA_DIR]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    data_dir = None
    for p in map(Path, paths):
        if p.is_dir() and not (p / "records").is_dir() and any(p.glob("*.yaml")):  # the records folder itself
            data_dir = data_dir or p.parent
            files += sorted(p.glob("*.yaml"))
        elif p.is_dir():
            data_dir = data_dir or p
            files += record_files(p)
        else:
            data_dir = data_dir or p.parent.parent
            files.append(p)
    data_dir = data_dir or DATA_DIR
    seeds_dir = Path(seeds_dir) if seeds_dir else data_dir.parent / "seeds"
    actors_file = Path(actors_file) if actors_file else data_dir / "actors.yaml"

    errors: list[ValidationError] = []
    seeds = load_seeds(seeds_dir, errors)
    actors = _read_actors(actors_file, errors)
    rows: list[dict] = []
    seen: dict[str, str] = {}
    n_read = 0
    rejected: list[str] = []
    drafts: list[str] = []
    for path in files:
        where = relative(path)
        if not path.exists():
            errors.append(ValidationError(where, None, None, None, None, "no such file", None))
            continue
        n_before = len(errors)
        got = _read_records_file(path, errors)
        if got is None:  # the file cannot be read: its records (counted by their '- id:' lines) are rejected
            n = _unreadable_count(path)
            errors[n_before:] = [ValidationError(e.file, e.line, e.record_id, e.field, e.value,
                                                 f"{e.reason}; the file is not read, its {n} record(s) rejected",
                                                 e.hint) for e in errors[n_before:]]
            n_read += n
            rejected += [f"{where}#{k + 1}" for k in range(n)]
            continue
        seed_name, recs, doc_line = got
        n_read += len(recs)
        seed = seeds.get(seed_name) if isinstance(seed_name, str) else None
        if seed is None or actors is None:
            if actors is None:
                reason, hint = f"actors cannot be read: all {len(recs)} record(s) of this file rejected", None
            elif isinstance(seed_name, str) and (seeds_dir / seed_name).is_file():
                reason = (f"seed {seed_name} has invalid metadata (see its errors): all {len(recs)} record(s) "
                          "of this file rejected")
                hint = f"fix {Path(seed_name).stem}.meta.yaml"
            else:
                reason = f"unknown seed: all {len(recs)} record(s) of this file rejected"
                close = difflib.get_close_matches(str(seed_name), sorted(seeds), n=1, cutoff=0.5)
                hint = (f"did you mean {close[0]!r}? " if close else "") + \
                    f"seeds with valid metadata: {', '.join(sorted(seeds)) or 'none'}"
            errors.append(ValidationError(where, doc_line, None, "seed", seed_name, reason, hint))
            rejected += [r.get("id") if isinstance(r, dict) and isinstance(r.get("id"), str) else f"{where}#{i + 1}"
                         for i, r in enumerate(recs)]
            continue
        for i, rec in enumerate(recs):
            if isinstance(rec, dict) and rec.get("draft") is True:  # a draft to review: counted apart
                drafts.append(rec.get("id") if isinstance(rec.get("id"), str) else f"{where}#{i + 1}")
                continue
            if not isinstance(rec, _LineDict):
                errors.append(ValidationError(where, None, f"#{i + 1}", None, rec,
                                              f"record #{i + 1} is not a mapping", "each record starts with '- id:'"))
                rejected.append(f"{where}#{i + 1}")
                continue
            check = _RecordCheck(rec, where, seed, actors, label=f"#{i + 1}")
            if check.rid is not None:
                if check.rid in seen:
                    check.err("id", check.rid, f"duplicate record id (first in {seen[check.rid]})")
                else:
                    seen[check.rid] = f"{where}:{rec.line}"
            row = check.run()
            if row is None:
                errors += check.errors
                rejected.append(check.rid or f"{where}#{i + 1}")
            else:
                rows.append(row)
    frame = to_frame(rows)
    return LoadResult(frame, errors, [relative(f) for f in files], n_read, rejected, drafts)


def to_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts keyed by the schema's frame columns) as the typed events frame."""
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    for col, dtype in FRAME_DTYPES.items():
        if dtype.startswith("datetime64"):
            frame[col] = pd.to_datetime(frame[col]).astype(dtype)
        else:
            frame[col] = frame[col].astype(dtype)
    return frame.sort_values(["seed", "record_id"], kind="stable").reset_index(drop=True)


def load_events_with_errors(path: Path | str | None = None, **kwargs) -> tuple[pd.DataFrame, list[ValidationError]]:
    """The frame of valid records and the list of errors (the lenient mode)."""
    result = load_dataset(path, **kwargs)
    return result.frame, result.errors


def load_events(path: Path | str | None = None, **kwargs) -> pd.DataFrame:
    """The events frame: one row per record, columns as declared in schema.yaml.

    Strict: raises :class:`~timeline.errors.RecordsInvalid` carrying every
    error when any record is invalid.

    >>> frame = load_events()
    >>> str(frame["stated_end"].dtype), str(frame["count_best"].dtype)
    ('datetime64[s]', 'Int64')
    """
    result = load_dataset(path, **kwargs)
    if result.errors:
        raise RecordsInvalid(result.errors)
    return result.frame
