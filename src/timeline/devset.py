"""Score a date reader on an annotated development set (``tests/data/dates_dev.yaml``).

Each item of the set is a real date expression from a stored German news
page, with the page's date as the anchor, a short sentence that keeps the
tense, and the interval and precision the conventions give
(``docs/dates-and-numbers.md``); or, for what is not a date, the kind of
refusal expected (a duration, a clock time, a list number). The set was
annotated before the rules were written.

A *reader* is any function ``(expression, anchor, sentence) -> Reading``:
:func:`read_ours` is the suite's; the benchmark adds dateparser alone and
Duckling as peers. :func:`score` counts, per class, the items a reader gets
right: the same first and last day (``interval``), and the same precision as
well (``full``, only for readers that give one); a refusal of the expected kind
for what is not a date.

Example:
    >>> items = load_dev_set()
    >>> len(items) >= 250 and {i.cls for i in items} >= {"direction", "range", "not_date"}
    True
    >>> table = score(items[:5], read_ours)
    >>> list(table.columns)
    ['class', 'items', 'interval', 'full', 'interval_share', 'full_share']
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from .dates import DateExpressionError, normalise_date
from .paths import PROJECT_ROOT

__all__ = ["DEV_SET", "CLASSES", "DevItem", "Reading", "load_dev_set", "split", "read_ours", "score", "misses",
           "REFUSAL_WORDS"]

#: The annotated set.
DEV_SET = PROJECT_ROOT / "tests" / "data" / "dates_dev.yaml"
#: The classes of the set, in the order the issue lists them.
CLASSES = ("direction", "daypart", "week", "named_day", "calendar_part", "relative_span", "range", "explicit",
           "plain", "not_date")
#: What a refusal's reason says, by the kind of refusal the set expects.
REFUSAL_WORDS = {"duration": "duration", "clock_time": "clock time", "list_number": "number"}


@dataclass(frozen=True)
class DevItem:
    id: str
    cls: str
    url: str
    anchor: dt.date
    expression: str
    sentence: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    error: str | None
    note: str | None = None


@dataclass(frozen=True)
class Reading:
    """What a reader made of an expression: an interval (and maybe a precision), or a refusal."""

    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    refused: str | None = None  # the reason, when the reader refused or found nothing


def _day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_dev_set(path: Path | str | None = None) -> list[DevItem]:
    """The items of the set; raises ValueError naming the item and field that is malformed."""
    path = Path(path) if path else DEV_SET
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    items, seen, problems = [], set(), []
    for i, raw in enumerate(doc or []):
        where = f"{path.name} item {raw.get('id', '#' + str(i + 1)) if isinstance(raw, dict) else '#' + str(i + 1)}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not a mapping")
            continue
        try:
            item = DevItem(str(raw["id"]), str(raw["class"]), str(raw.get("url", "")), _day(raw["anchor"]),
                           str(raw["expression"]), raw.get("sentence"), _day(raw.get("start")), _day(raw.get("end")),
                           raw.get("precision"), raw.get("error"), raw.get("note"))
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"{where}: {exc}")
            continue
        if item.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item.id)
        if item.cls not in CLASSES:
            problems.append(f"{where}: class {item.cls!r} is not one of {', '.join(CLASSES)}")
        if item.error is None and item.precision is None:
            problems.append(f"{where}: neither a precision nor an error")
        items.append(item)
    if problems:
        raise ValueError("; ".join(problems))
    return items


def split(items: list[DevItem]) -> tuple[list[DevItem], list[DevItem]]:
    """(development, held out): a quarter of the items, chosen by a hash of their id, is held out."""
    def held(item: DevItem) -> bool:
        return int(hashlib.sha256(item.id.encode()).hexdigest(), 16) % 4 == 0

    return [i for i in items if not held(i)], [i for i in items if held(i)]


def read_ours(expression: str, anchor: dt.date, sentence: str | None) -> Reading:
    """The suite's reader: :func:`timeline.dates.normalise_date` with the sentence."""
    try:
        iv = normalise_date(expression, anchor, sentence)
    except DateExpressionError as exc:
        return Reading(refused=exc.reason)
    return Reading(iv.start, iv.end, iv.precision)


def _right(item: DevItem, got: Reading) -> tuple[bool, bool]:
    """(interval right, interval and precision right)."""
    if item.error is not None:
        ok = got.refused is not None and REFUSAL_WORDS.get(item.error, item.error) in got.refused
        return ok, ok
    if got.refused is not None:
        return False, False
    interval = (got.start, got.end) == (item.start, item.end)
    return interval, interval and got.precision == item.precision


def score(items: list[DevItem], reader: Callable[[str, dt.date, str | None], Reading]) -> pd.DataFrame:
    """Per class and in all: items, right by interval, right by interval and precision, and the shares."""
    rows = []
    for item in items:
        got = reader(item.expression, item.anchor, item.sentence)
        interval, full = _right(item, got)
        rows.append((item.cls, interval, full))
    frame = pd.DataFrame(rows, columns=["class", "interval", "full"])
    order = [c for c in CLASSES if c in set(frame["class"])]
    table = (frame.groupby("class").agg(items=("interval", "size"), interval=("interval", "sum"),
                                        full=("full", "sum"))
             .reindex(order).reset_index())
    total = pd.DataFrame([{"class": "all", "items": len(frame), "interval": int(frame["interval"].sum()),
                           "full": int(frame["full"].sum())}])
    table = pd.concat([table, total], ignore_index=True)
    table["interval_share"] = (table["interval"] / table["items"]).round(3)
    table["full_share"] = (table["full"] / table["items"]).round(3)
    return table


def misses(items: list[DevItem], reader=read_ours) -> list[str]:
    """One line per item the reader gets wrong (interval or precision): what was expected and what came."""
    out = []
    for item in items:
        got = reader(item.expression, item.anchor, item.sentence)
        if _right(item, got)[1]:
            continue
        want = f"refused ({item.error})" if item.error else f"{item.start}..{item.end} {item.precision}"
        came = f"refused ({got.refused})" if got.refused else f"{got.start}..{got.end} {got.precision}"
        out.append(f"{item.id} [{item.cls}] {item.expression!r} @ {item.anchor} | {item.sentence!r}: "
                   f"expected {want}, got {came}")
    return out
