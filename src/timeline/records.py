"""Read, validate and normalise the hand-curated records; build the events frame and the flags table.

A records file (``data/records/<seed stem>.yaml``) holds the claims of one
article::

    seed: 003_777336e2b4043abc.txt
    records:
      - id: r003-01
        claim_type: confirmation
        ...

Each file is read by the one YAML reader of the dataset
(:func:`timeline.reading.read_yaml`) and checked against the JSON Schema
compiled from ``schema.yaml`` (:mod:`timeline.validation`); what a schema
cannot say is checked here, record by record (:class:`_DomainCheck`): names
resolve to actors, the quote stands at its offset, dates and counts read and
lie in a plausible range, ids are unique. Every record ends up either as a row
of the frame or in the error list, never dropped: :func:`load_dataset` returns
both, with counts, and the flags of the valid records as a table of their own.
Every error names the file, the line, the record, the field, the value and what
is wrong, and all errors of all files are reported at once.

Example:
    >>> result = load_dataset()
    >>> result.n_read == result.n_valid + result.n_rejected
    True
    >>> list(result.frame.columns[:4])
    ['record_id', 'seed', 'article_outlet', 'article_title']
    >>> list(result.flags.columns)
    ['record_id', 'flag_type', 'field', 'note', 'evidence']
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NamedTuple

import pandas as pd
import yaml

from . import schema
from .dates import DateExpressionError, DateInterval, normalise_date, open_until
from .errors import RecordsInvalid, ValidationError
from .frame import shared_attrs
from .names import ActorRegistry, UnknownName, read_actors
from .numbers import Count, CountExpressionError, parse_count
from .paths import DATA_DIR, relative
from .reading import PY_PARSER_LIMIT, BoundsError, LineDict, LineList, check_bounds, line_at, read_yaml
from .schema import FLAGS_COLUMNS, FLAGS_DTYPES, FRAME_COLUMNS, FRAME_DTYPES
from .seeds import Seed, load_seeds
from .summaries import FLAG_SEP
from .validation import located_errors, schema_errors

__all__ = ["LoadResult", "Tables", "load_dataset", "load_events", "load_events_with_errors", "load_tables",
           "record_files", "to_frame", "flags_frame", "PLAUSIBLE_YEARS_BEFORE", "PLAUSIBLE_YEARS_AFTER"]

#: The largest figure the frame's integer columns (Int64) hold.
_INT64_MAX = 2 ** 63 - 1
#: A date may lie this many years before the article's publication ...
PLAUSIBLE_YEARS_BEFORE = 5
#: ... and, for forecasts, this many after it. A statement is never after publication.
PLAUSIBLE_YEARS_AFTER = 2


def _shift_years(day: dt.date, years: int) -> dt.date:
    """The same day some years later or earlier (29 February becomes 28 February), kept inside the calendar."""
    year = min(max(day.year + years, dt.MINYEAR), dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


# --------------------------------------------------------------------------- results


@dataclass
class LoadResult:
    """The outcome of loading a dataset: the frame of valid records, their flags, and every error."""

    frame: pd.DataFrame
    flags: pd.DataFrame
    errors: list[ValidationError]
    files: list[str] = field(default_factory=list)
    n_read: int = 0
    rejected_ids: list[str] = field(default_factory=list)
    #: Records marked ``draft: true`` (timeline.drafts): counted apart, not in the frame, until confirmed.
    draft_ids: list[str] = field(default_factory=list)
    #: Files not read whose records could not even be counted (not UTF-8, a YAML syntax error): each has its
    #: error; what they hold is in none of the counts.
    uncounted_files: list[str] = field(default_factory=list)

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
        uncounted = (f", the records of {len(self.uncounted_files)} unreadable file(s) not counted"
                     if self.uncounted_files else "")
        return (f"{self.n_valid} record(s) valid, {self.n_rejected} rejected{drafts}{uncounted}, "
                f"{len(self.errors)} error(s), {len(self.files)} file(s) read")


class Tables(NamedTuple):
    """The events frame and its flags table (:func:`load_tables`)."""

    events: pd.DataFrame
    flags: pd.DataFrame


def record_files(data_dir: Path | str | None = None) -> list[Path]:
    """The records files of a dataset folder, in name order."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    return sorted((data_dir / "records").glob("*.yaml"))


def _stray_files(records_dir: Path) -> list[Path]:
    """Files of a records folder that look like records but are not read as such: another YAML suffix
    (``.yml``, ``.YAML``) or a subfolder. Each is reported, and its records counted as rejected."""
    if not records_dir.is_dir():
        return []
    return sorted(p for p in records_dir.rglob("*") if p.is_file() and p.suffix.lower() in (".yaml", ".yml")
                  and not (p.parent == records_dir and p.suffix == ".yaml"))


# --------------------------------------------------------------------------- what a schema cannot say


@dataclass(frozen=True)
class _Reading:
    """What the domain checks read from a valid record: actors, the quote's span, the dates and the count."""

    claimant: Any
    outlet: Any
    subject: Any
    span: tuple[int, int]
    stated: tuple[DateInterval, str | None, dt.date]
    event: tuple[DateInterval, str | None, dt.date]
    count: Count | None


class _DomainCheck:
    """The checks of one record that the schema cannot express, collecting their errors.

    ``bad`` holds the paths (within the record) where the schema found an error: a check that reads a value
    found wrong there does not run, so that one mistake gives one message.
    """

    def __init__(self, rec: LineDict, file: str, seed: Seed, actors: ActorRegistry, label: str, bad: set[tuple]):
        self.rec, self.file, self.seed, self.actors, self.label, self.bad = rec, file, seed, actors, label, bad
        self.errors: list[ValidationError] = []

    def ok(self, *path) -> bool:
        """True when the schema found no error at ``path`` nor at a part of the record that holds it."""
        return not any(path[:len(p)] == p for p in self.bad)

    def err(self, path: tuple, value: Any, reason: str, hint: str | None = None) -> None:
        fld = ".".join(path) if path else None
        self.errors.append(ValidationError(self.file, line_at(self.rec, path), self.label, fld, value, reason, hint))

    def _text(self, key: str) -> str | None:
        value = self.rec.get(key)
        return value if isinstance(value, str) and self.ok(key) else None

    # -- names
    def actor(self, fld: str):
        name = self._text(fld)
        if name is None:
            return None
        try:
            return self.actors.resolve(name)
        except UnknownName as exc:
            self.err((fld,), name, "unknown name: not an actor id or alias in actors.yaml", exc.hint)
            return None

    def subject(self):
        name = self._text("subject") or self.actors.case.get("subject")
        if not isinstance(name, str) or not self.ok("subject"):
            return None
        try:
            return self.actors.resolve(name)
        except UnknownName as exc:
            self.err(("subject",), name, "unknown name", exc.hint)
            return None

    # -- the quote
    def quote(self) -> tuple[int, int] | None:
        quote, start = self._text("quote"), self.rec.get("quote_start")
        if quote is None or not self.ok("quote_start") or not isinstance(start, int):
            return None
        text = self.seed.text
        if start < 0:
            self.err(("quote_start",), start, "an offset is 0 or more",
                     f"the quote stands at offset {text.find(quote)}" if quote in text else None)
            return None
        if text[start:start + len(quote)] == quote:
            return start, start + len(quote)
        found = text.find(quote)
        if found >= 0:
            self.err(("quote_start",), start, "the quote is not at this offset in the seed",
                     f"the quote stands at offset {found}")
        else:
            self.err(("quote",), quote, f"quote not found verbatim in seed {self.seed.name}",
                     _near_miss(text, quote) or "closest passage: " + repr(_closest_passage(text, quote)))
        return None

    def _in_quote(self, path: tuple, expr: str, what: str, hint: str) -> None:
        quote = self._text("quote")
        if quote is not None and expr not in quote:
            self.err(path, expr, f"{what} expression not found in the record's quote", hint)

    # -- dates
    def _anchor(self, fld: str, spec: dict, dates: dict[str, dt.date | None]) -> dt.date | None:
        """The day an expression is read from: its anchor (vocabulary anchor, attribute date_of) or an ISO day."""
        anchor = spec.get("anchor")
        if anchor is None:
            anchor = schema.values_where("anchor", "is_default")[0]
        if isinstance(anchor, dt.date):
            return anchor
        if anchor in schema.VOCABULARIES["anchor"]:
            date_of = schema.attribute("anchor", anchor, "date_of")
            if dates.get(date_of) is None:
                self.err((fld, "anchor"), anchor, f"{anchor!r} needs a readable {date_of} date",
                         "give stated.expr, or anchor the event on 'published' or on a day (YYYY-MM-DD)")
            return dates.get(date_of)
        try:  # a quoted ISO day: '2024-10-18' (the schema checked its shape)
            return dt.date.fromisoformat(anchor)
        except ValueError:
            self.err((fld, "anchor"), anchor, "not a calendar day")
            return None

    def date(self, fld: str, dates: dict[str, dt.date | None], default: dt.date
             ) -> tuple[DateInterval, str | None, dt.date] | None:
        """Read the date field ``fld``; omitted, it is open, on or before ``default``."""
        spec = self.rec.get(fld)
        if spec is None:
            return open_until(default), None, default
        if not all(self.ok(fld, k) for k in ("expr", "anchor", "corrected", "direction")):
            return None
        anchor = self._anchor(fld, spec, dates)
        expr, corrected, direction = spec.get("expr"), spec.get("corrected"), spec.get("direction")
        if anchor is None:
            return None
        if expr is None:
            return open_until(anchor), None, anchor
        self._in_quote((fld, "expr"), expr, "date", "copy the expression verbatim from the quote, or extend the quote")
        try:  # the quote is the sentence: its tense chooses the direction, unless the record pins it
            iv = normalise_date(corrected if corrected is not None else expr, anchor, self._text("quote"),
                                direction=direction)
        except DateExpressionError as exc:
            self.err((fld, "corrected" if corrected is not None else "expr"), exc.expression,
                     f"cannot read the date expression: {exc.reason}",
                     "see the rules of src/timeline/lang/de.yaml and docs/dates-and-numbers.md")
            return None
        except (OverflowError, ValueError) as exc:  # read from an anchor at the calendar's edge (year 1, 9999)
            self.err((fld, "corrected" if corrected is not None else "expr"),
                     corrected if corrected is not None else expr,
                     f"cannot read the date expression from the anchor {anchor}: the day it reads as lies outside "
                     f"the calendar ({exc})", "check the anchor: a day of the article's time")
            return None
        if iv.end is None and fld == "stated":
            self.err((fld, "expr"), expr, f"reads as {iv.edtf}, open at the end: a statement date needs an end",
                     "a statement is made on or before publication: give the day or the span it was made in")
            return None
        published = self.seed.published_date
        lo = _shift_years(published, -PLAUSIBLE_YEARS_BEFORE)
        hi = published if fld == "stated" else _shift_years(published, PLAUSIBLE_YEARS_AFTER)
        first, last = iv.start or iv.end, iv.end or iv.start  # either end may be open
        if first < lo or last > hi:
            what = "on or before publication" if fld == "stated" else (
                f"within {PLAUSIBLE_YEARS_BEFORE} years before and {PLAUSIBLE_YEARS_AFTER} after publication")
            flag = " or ".join(schema.correcting_flag_types(fld))
            self.err((fld, "expr"), expr, f"reads as {iv.edtf}, outside the plausible range of its article "
                     f"({lo} to {hi}: {what})", f"check the expression, its anchor, or add a {flag} flag")
            return None
        return iv, expr, anchor

    # -- the count
    def count(self) -> tuple[bool, Count | None]:
        """(readable, the count); a record without a count is readable with None."""
        spec = self.rec.get("count")
        if spec is None:
            return True, None
        if not all(self.ok("count", k) for k in ("expr", "corrected")):
            return False, None
        expr, corrected = spec["expr"], spec.get("corrected")
        self._in_quote(("count", "expr"), expr, "count", "copy the expression verbatim from the quote")
        try:
            count = parse_count(corrected if corrected is not None else expr)
        except CountExpressionError as exc:
            self.err(("count", "corrected" if corrected is not None else "expr"), exc.expression,
                     f"cannot read the count: {exc.reason}",
                     "see the numbers section of src/timeline/lang/de.yaml and docs/dates-and-numbers.md")
            return False, None
        too_big = [v for v in (count.low, count.best, count.high) if v is not None and not 0 <= v <= _INT64_MAX]
        if too_big:
            self.err(("count", "corrected" if corrected is not None else "expr"),
                     corrected if corrected is not None else expr,
                     f"reads as a figure of {len(str(too_big[0]))} digits, more than a count column holds "
                     f"(at most {_INT64_MAX:,})", "check the expression: no count of people is that large")
            return False, None
        if count.low is not None and count.high is not None and count.low > count.high:
            self.err(("count",), spec, f"low {count.low} is above high {count.high}")
            return False, None
        return True, count

    # -- the whole record
    def run(self) -> _Reading | None:
        claimant, outlet, subject = self.actor("claimant"), self.actor("outlet"), self.subject()
        span = self.quote()
        published = self.seed.published_date
        stated = self.date("stated", {"published": published, "stated": None}, published)
        # 'anchor: stated' needs a statement date the record gives (an omitted one is no date to read from)
        given = isinstance(self.rec.get("stated"), dict)
        dates = {"published": published, "stated": (stated[0].start or stated[0].end) if stated and given else None}
        event = self.date("event", dates, stated[0].end if stated else published)
        count_ok, count = self.count()
        if self.errors or self.bad or None in (claimant, outlet, span, stated, event) or not count_ok:
            return None
        return _Reading(claimant, outlet, subject, span, stated, event, count)


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


#: The closest-passage hint compares at most this many characters of a quote that is not in its seed (its
#: start: a quote pasted from elsewhere shows where it went wrong there too) ...
HINT_QUOTE_CHARS = 500
#: ... with at most this many stretches of the seed: those sharing the most word pairs (else words) with it,
#: found through an index of the seed's word pairs. Its cost is linear in the seed and bounded in the quote.
HINT_CANDIDATES = 8
#: A word pair (or word) found more often than this in the seed tells nothing of where a quote stands.
HINT_COMMON = 200
_NOT_WORD = "\"'„“”«»‚‘’()[]{}.,;:!?–—-…"


def _closest_passage(text: str, quote: str, work: dict | None = None) -> str:
    """The stretch of the seed most like a quote that was not found (for the error's hint).

    Deterministic and bounded: the start of the quote (:data:`HINT_QUOTE_CHARS`) is compared, by
    :class:`difflib.SequenceMatcher`, with the :data:`HINT_CANDIDATES` stretches of the seed (as many words
    as the compared part has) that share the most word pairs with it, or, where no pair is shared, words;
    ``work`` (if given) counts the steps taken: the seed's words read, the votes cast and the characters
    compared.
    """
    work = work if work is not None else {}
    probe = quote[:HINT_QUOTE_CHARS]
    probe_words = probe.split()
    n = max(1, len(probe_words))
    probe = " ".join(probe_words)
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    keys = [text[a:b].strip(_NOT_WORD).casefold() for a, b in spans]
    probe_keys = [w.strip(_NOT_WORD).casefold() for w in probe_words]
    work["words"] = work.get("words", 0) + len(keys)
    starts: list[int] = []
    for width in (2, 1):  # word pairs; where the quote shares none with the seed, words
        wanted: dict[tuple, list[int]] = {}
        for j in range(len(probe_keys) - width + 1):
            wanted.setdefault(tuple(probe_keys[j:j + width]), []).append(j)
        found: dict[tuple, list[int]] = {}
        for i in range(len(keys) - width + 1):
            key = tuple(keys[i:i + width])
            if key in wanted and len(found.setdefault(key, [])) <= HINT_COMMON:
                found[key].append(i)
        votes: dict[int, int] = {}
        for key, where in found.items():
            if len(where) > HINT_COMMON:
                continue
            for j in wanted[key]:
                for i in where:
                    votes[max(0, i - j)] = votes.get(max(0, i - j), 0) + 1
        work["votes"] = work.get("votes", 0) + sum(votes.values())
        if votes:
            starts = sorted(votes, key=lambda s: (-votes[s], s))[:HINT_CANDIDATES]
            break
    best, best_ratio = "", 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(probe)
    for s in sorted(starts):
        cand = " ".join(text[a:b] for a, b in spans[s:s + n])
        matcher.set_seq1(cand)
        work["compared"] = work.get("compared", 0) + len(cand)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        r = matcher.ratio()
        if r > best_ratio:
            best, best_ratio = cand, r
    return best if len(best) <= 160 else best[:157] + "..."


# --------------------------------------------------------------------------- a dataset


def _date_columns(prefix: str, reading: tuple[DateInterval, str | None, dt.date]) -> dict:
    iv, expr, anchor = reading
    return {f"{prefix}_expr": expr, f"{prefix}_anchor": anchor, f"{prefix}_start": iv.start,
            f"{prefix}_end": iv.end, f"{prefix}_precision": iv.precision, f"{prefix}_edtf": iv.edtf,
            f"{prefix}_method": iv.method, f"{prefix}_cue": iv.cue}


def _frame_row(rec: LineDict, seed: Seed, actors: ActorRegistry, r: _Reading) -> dict:
    """The events frame's row of a valid record: its columns as declared in schema.yaml (frame)."""
    rid = rec["id"]
    flags = rec.get("flags") or []
    group = actors.group(r.claimant.id)
    count_spec = rec.get("count") or {}
    row = {col: rec.get(spec["copy_of"]) for col, spec in schema.SCHEMA["frame"].items() if "copy_of" in spec}
    row.update({
        "record_id": rid, "seed": seed.name, "article_outlet": seed.outlet, "article_title": seed.meta["title"],
        "published": seed.published_date, "published_precision": seed.meta["published_precision"],
        "claimant": r.claimant.id, "claimant_name": r.claimant.name, "claimant_country": r.claimant.country,
        "claimant_kind": r.claimant.kind, "claimant_group": group, "claimant_group_name": actors.by_id[group].name,
        "outlet": r.outlet.id, "outlet_name": r.outlet.name,
        **_date_columns("stated", r.stated), **_date_columns("event", r.event),
        "count_expr": count_spec.get("expr"), "count_qualifier": r.count.qualifier if r.count else None,
        "count_low": r.count.low if r.count else None, "count_best": r.count.best if r.count else None,
        "count_high": r.count.high if r.count else None, "count_unit": count_spec.get("unit"),
        "count_measure": (count_spec.get("measures") or schema.the_value("count_measure", "is_default")) if count_spec
        else None,
        "count_scope": count_spec.get("scope"),
        "subject": r.subject.id if r.subject else None, "quote_end": r.span[1],
        "claim_key": rec.get("claim_key") or rid,
        "flags": FLAG_SEP.join(f["type"] for f in flags),
        "flag_notes": " | ".join(f"{f['type']}" + (f" ({f['field']})" if f.get("field") else "")
                                 + f": {f['note']} Evidence: {f['evidence']}" for f in flags),
        "is_corrected": any(f["type"] in schema.value_correcting_flag_types() for f in flags),
        "needs_review": r.stated[0].needs_review or r.event[0].needs_review,
    })
    return row


def _flag_rows(rec: LineDict) -> list[dict]:
    """The rows of the flags table for a valid record: one per flag, in the record's order."""
    return [{"record_id": rec["id"], "flag_type": f["type"], "field": f.get("field"), "note": f["note"],
             "evidence": f["evidence"]} for f in rec.get("flags") or []]


def _unreadable_count(path: Path) -> int | None:
    """How many records a file that is not read holds, or None when that cannot be told.

    The text is decoded leniently (a byte-order mark dropped, bytes that are not UTF-8 replaced). Where it is
    YAML, its nodes are composed (nothing built: a duplicate key, a tag or an odd value does not stop it) and the
    items of its ``records`` list counted. Where its syntax is broken, the parser's events up to the error say
    where the records list starts and at which column its items stand; each line with a ``-`` at that column,
    until the list ends, is one record. A records list in flow style ``[...]`` that is broken, or one the error
    comes before, cannot be counted.
    """
    text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    try:
        check_bounds(text)
        # PyYAML's own parser reads what libyaml refuses (a lone surrogate), but slows down on long plain scalars
        node = yaml.compose(text, Loader=yaml.SafeLoader if len(text) <= PY_PARSER_LIMIT or not hasattr(
            yaml, "CSafeLoader") else yaml.CSafeLoader)
    except BoundsError:
        return None
    except (yaml.YAMLError, RecursionError):
        return _count_items_of_broken_file(text)
    if node is None:
        return 0
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "records":
            if isinstance(value, yaml.SequenceNode):
                return len(value.value)
            return 0 if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") else None
    return 0


def _count_items_of_broken_file(text: str) -> int | None:
    """The items of the block list ``records`` of a file whose YAML syntax breaks somewhere (see above)."""
    if len(text) > PY_PARSER_LIMIT:
        return None
    try:
        parser = yaml.SafeLoader(text)
    except yaml.YAMLError:  # a character YAML refuses
        return None
    depth, expect_key, last_key = 0, True, None
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if depth == 1 and not expect_key and last_key == "records":
                    if not isinstance(event, yaml.SequenceStartEvent) or event.flow_style:
                        return None
                    start = event.start_mark
                    break
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if depth == 1:
                    expect_key = not expect_key
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and depth == 1:
                if expect_key:
                    last_key = getattr(event, "value", None)
                expect_key = not expect_key
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    column, n = start.column, 0
    for line in text.splitlines()[start.line:]:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if indent < column or (indent == column and not (stripped == "-" or stripped.startswith(("- ", "-\t")))):
            break
        if indent == column:
            n += 1
    return n


def _read_records_file(path: Path, where: str, errors: list[ValidationError]) -> tuple[Any, list] | None:
    """The document and its located errors; None (errors given) when the file cannot be read as a records file."""
    readable, doc = read_yaml(path, errors)
    if readable and isinstance(doc, dict) and "records" in doc and doc["records"] is None:
        doc["records"] = LineList()  # "records:" with only comments under it (a fresh stub): no records yet
    problems = located_errors(doc, "records", where) if readable else []
    if not readable or not (isinstance(doc, dict) and isinstance(doc.get("records"), list)):
        errors += [p.error for p in problems if len(p.path) < 2]
        return None
    return doc, problems


def _reject_all(problems: list, where: str, seeds: dict, seeds_dir: Path, doc_line: int,
                seed_name: Any, n: int, actors_ok: bool) -> list[ValidationError]:
    """The file-level error that rejects every record of a file whose seed or actors cannot be used."""
    suffix = f"all {n} record(s) of this file rejected"
    valid = f"seeds with valid metadata: {', '.join(sorted(seeds)) or 'none'}"
    seed_problem = [p for p in problems if p.path == ("seed",)]
    if seed_problem:  # the seed field itself is wrong (missing, not a text): that error says it
        e = seed_problem[0].error
        return [ValidationError(e.file, e.line, e.record_id, e.field, e.value, f"{e.reason}: {suffix}",
                                f"{e.hint.rstrip('.')}; {valid}" if e.hint else valid)]
    if not actors_ok:
        return [ValidationError(where, doc_line, None, "seed", seed_name, f"actors cannot be read: {suffix}", None)]
    if (seeds_dir / seed_name).is_file():
        return [ValidationError(where, doc_line, None, "seed", seed_name,
                                f"seed {seed_name} has invalid metadata (see its errors): {suffix}",
                                f"fix {Path(seed_name).stem}.meta.yaml")]
    close = difflib.get_close_matches(str(seed_name), sorted(seeds), n=1, cutoff=0.5)
    hint = (f"did you mean {close[0]!r}? " if close else "") + valid
    return [ValidationError(where, doc_line, None, "seed", seed_name, f"unknown seed: {suffix}", hint)]


def _dataset_paths(paths: Iterable[Path | str] | Path | str | None) -> tuple[list[Path], Path, dict[Path, Path]]:
    """The records files to read, the dataset folder they belong to, and the files of a records folder that are
    misnamed or misplaced (with the folder they belong in): those are reported, never silently skipped."""
    if paths is None:
        paths = [DATA_DIR]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    stray: dict[Path, Path] = {}
    data_dir = None
    for p in map(Path, paths):
        if p.is_dir() and not (p / "records").is_dir() and (any(p.glob("*.yaml")) or _stray_files(p)):
            data_dir = data_dir or p.parent  # the records folder itself
            stray.update((f, p) for f in _stray_files(p))
            files += sorted(p.glob("*.yaml")) + _stray_files(p)
        elif p.is_dir():
            data_dir = data_dir or p
            stray.update((f, p / "records") for f in _stray_files(p / "records"))
            files += record_files(p) + _stray_files(p / "records")
        else:
            data_dir = data_dir or p.parent.parent
            files.append(p)
    return files, data_dir or DATA_DIR, stray


def load_dataset(paths: Iterable[Path | str] | Path | str | None = None, *, seeds_dir: Path | str | None = None,
                 actors_file: Path | str | None = None) -> LoadResult:
    """Load records into the events frame and the flags table, collecting every error instead of raising.

    Args:
        paths: a dataset folder (holding ``records/`` and ``actors.yaml``), one
            records file, or several; default: the project's ``data/``.
        seeds_dir: the folder of seeds; default: ``seeds/`` beside the dataset folder.
        actors_file: the actors; default: ``actors.yaml`` of the dataset folder.
    """
    files, data_dir, stray = _dataset_paths(paths)
    seeds_dir = Path(seeds_dir) if seeds_dir else data_dir.parent / "seeds"
    actors_file = Path(actors_file) if actors_file else data_dir / "actors.yaml"

    errors: list[ValidationError] = list(schema_errors())
    seeds = load_seeds(seeds_dir, errors)
    actors = read_actors(actors_file, errors)
    rows: list[tuple] = []  # row_values: tuples, not dicts
    flag_rows: list[dict] = []
    seen: dict[str, str] = {}
    n_read = 0
    rejected: list[str] = []
    drafts: list[str] = []
    uncounted: list[str] = []
    for path in files:
        where = relative(path)
        if not path.exists():
            errors.append(ValidationError(where, None, None, None, None, "no such file", None))
            continue
        n_before = len(errors)
        if path in stray:
            got = None
            errors.append(ValidationError(where, None, None, None, None,
                                          "not read as a records file: a records file is named <seed stem>.yaml "
                                          "and lies directly in the records folder",
                                          f"rename or move it to {relative(stray[path] / (path.stem + '.yaml'))}"))
        else:
            got = _read_records_file(path, where, errors)
        if got is None:  # the file is not read: its records (counted from its YAML nodes) are rejected
            n = _unreadable_count(path)
            said = (f"the file is not read, its {n} record(s) rejected" if n is not None else
                    "the file is not read, and how many records it holds cannot be told")
            errors[n_before:] = [ValidationError(e.file, e.line, e.record_id, e.field, e.value,
                                                 f"{e.reason}; {said}", e.hint) for e in errors[n_before:]]
            if n is None:
                uncounted.append(where)
            else:
                n_read += n
                rejected += [f"{where}#{k + 1}" for k in range(n)]
            continue
        doc, problems = got
        recs = doc["records"]
        n_read += len(recs)
        seed_name = doc.get("seed")
        seed = seeds.get(seed_name) if isinstance(seed_name, str) else None
        usable = seed is not None and actors is not None
        # the file's own fields; an error of its seed is said again below, with the records it rejects
        errors += [p.error for p in problems if len(p.path) < 2 and (usable or p.path != ("seed",))]
        if not usable:
            errors += _reject_all(problems, where, seeds, seeds_dir, doc.key_lines.get("seed", 1), seed_name,
                                  len(recs), actors is not None)
            rejected += [r.get("id") if isinstance(r, dict) and isinstance(r.get("id"), str) else f"{where}#{i + 1}"
                         for i, r in enumerate(recs)]
            continue
        by_record: dict[int, list] = {}
        for p in problems:
            if len(p.path) >= 2:
                by_record.setdefault(p.path[1], []).append(p)
        for i in range(len(recs)):
            rec, recs[i] = recs[i], None  # once checked, a record's line-tracking mappings are not kept
            if isinstance(rec, dict) and rec.get("draft") is True:  # a draft to review: counted apart
                drafts.append(rec.get("id") if isinstance(rec.get("id"), str) else f"{where}#{i + 1}")
                continue
            structural = by_record.get(i, [])
            record_errors = [p.error for p in structural]
            if not isinstance(rec, LineDict):
                errors += record_errors
                rejected.append(f"{where}#{i + 1}")
                continue
            rid = rec.get("id") if isinstance(rec.get("id"), str) and rec.get("id") else None
            check = _DomainCheck(rec, where, seed, actors, rid or f"#{i + 1}", {p.path[2:] for p in structural})
            if rid is not None:
                if rid in seen:
                    check.err(("id",), rid, f"duplicate record id (first in {seen[rid]})")
                else:
                    seen[rid] = f"{where}:{rec.line}"
            reading = check.run()
            record_errors += check.errors
            if reading is None and not record_errors:  # never rejected without a word
                record_errors.append(ValidationError(where, rec.line, rid or f"#{i + 1}", None, None,
                                                     "the record could not be read (no check said why)",
                                                     "a bug of timeline.records: please report it with the record"))
            if reading is None or record_errors:
                errors += sorted(record_errors, key=lambda e: (e.line or 0, e.field or ""))
                rejected.append(rid or f"{where}#{i + 1}")
            else:
                rows.append(row_values(_frame_row(rec, seed, actors, reading)))
                flag_rows += _flag_rows(rec)
    frame = to_frame(rows)
    frame.attrs["case"] = dict(actors.case) if actors is not None else {}  # the charts' nouns (timeline.headlines)
    # the charts' direct labels: an actor's declared short name, by its display name (timeline.charts.label_tag)
    frame.attrs["short_names"] = ({a.name: a.short for a in actors.by_id.values() if a.short}
                                  if actors is not None else {})
    frame.attrs = shared_attrs(frame.attrs)  # shared, not deep-copied by every pandas operation
    return LoadResult(frame, flags_frame(flag_rows), errors, [relative(f) for f in files], n_read, rejected,
                      drafts, uncounted)


def _typed(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    for col, dtype in dtypes.items():
        if dtype.startswith("datetime64"):
            frame[col] = pd.to_datetime(frame[col]).astype(dtype)
        else:
            frame[col] = frame[col].astype(dtype)
    return frame


def _check_columns(rows: list[dict], columns: list[str], what: str) -> None:
    """Every row holds exactly the declared columns: a forgotten one is an error, never a silent empty column."""
    wanted = set(columns)
    for row in rows:
        if set(row) != wanted:
            missing, extra = sorted(wanted - set(row)), sorted(set(row) - wanted)
            raise ValueError(f"a row of the {what} ({row.get('record_id')}) does not match schema.yaml: "
                             + "; ".join(filter(None, [missing and f"missing {', '.join(missing)}",
                                                       extra and f"not declared: {', '.join(extra)}"])))


def to_frame(rows: list[dict] | list[tuple]) -> pd.DataFrame:
    """Rows (dicts keyed by exactly the schema's frame columns, or tuples of :func:`row_values`) as the typed
    events frame."""
    dicts = [r for r in rows if isinstance(r, dict)]
    _check_columns(dicts, FRAME_COLUMNS, "events frame")
    values = [tuple(r[c] for c in FRAME_COLUMNS) if isinstance(r, dict) else r for r in rows] if dicts else rows
    frame = _typed(pd.DataFrame.from_records(values, columns=FRAME_COLUMNS, nrows=len(values)), FRAME_DTYPES)
    return frame.sort_values(["seed", "record_id"], kind="stable").reset_index(drop=True)


def row_values(row: dict) -> tuple:
    """A frame row (checked against the schema's columns) as a tuple in the columns' order: about a quarter
    of the dict's memory, which counts when a dataset holds 100,000 records."""
    _check_columns([row], FRAME_COLUMNS, "events frame")
    return tuple(row[c] for c in FRAME_COLUMNS)


def flags_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts keyed by the schema's flags_table columns) as the typed flags table, in record order.

    >>> flags_frame([{"record_id": "r1", "flag_type": "unverified", "field": None, "note": "a | b",
    ...               "evidence": "c"}]).iloc[0].tolist()
    ['r1', 'unverified', <NA>, 'a | b', 'c']
    """
    _check_columns(rows, FLAGS_COLUMNS, "flags table")
    frame = _typed(pd.DataFrame(rows, columns=FLAGS_COLUMNS), FLAGS_DTYPES)
    return frame.sort_values(["record_id"], kind="stable").reset_index(drop=True)


def load_events_with_errors(path: Path | str | None = None, **kwargs) -> tuple[pd.DataFrame, list[ValidationError]]:
    """The frame of valid records and the list of errors (the lenient mode)."""
    result = load_dataset(path, **kwargs)
    return result.frame, result.errors


def load_tables(path: Path | str | None = None, **kwargs) -> Tables:
    """The events frame and the flags table of a dataset (strict, as :func:`load_events`).

    >>> events, flags = load_tables()
    >>> set(flags["record_id"]) <= set(events["record_id"])
    True
    """
    result = load_dataset(path, **kwargs)
    if result.errors:
        raise RecordsInvalid(result.errors)
    return Tables(result.frame, result.flags)


def load_events(path: Path | str | None = None, **kwargs) -> pd.DataFrame:
    """The events frame: one row per record, columns as declared in schema.yaml.

    Strict: raises :class:`~timeline.errors.RecordsInvalid` carrying every
    error when any record is invalid.

    >>> frame = load_events()
    >>> str(frame["stated_end"].dtype), str(frame["count_best"].dtype)
    ('datetime64[s]', 'Int64')
    """
    return load_tables(path, **kwargs).events
