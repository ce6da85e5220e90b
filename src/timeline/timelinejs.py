"""Export the claims as TimelineJS 3 JSON, a timeline a newsroom can publish.

``python -m timeline timelinejs [--out FILE] [--group-by institution|country]`` (part of ``make all``)
writes ``reports/timelinejs.json``:

- one slide per original claim (``claim_key``), placed at the date the claim was made (the statement
  date); the records that report the same claim are all named in its text, none is dropped;
- headline: the claimant and what they claimed (the claim type, and the figure for a count);
- text (HTML, every value escaped): the German quote, the English summary, the figure with its bounds
  and the verbatim expression, the date the claim speaks of, the flags with their evidence, and each
  reporting record's outlet and article;
- dates at their precision: a day as ``{year, month, day}``, a month as ``{year, month}``, a year as
  ``{year}``, a span with an end date. TimelineJS cannot show uncertainty, so ``display_date`` says it in
  words where the day is not known: "Oct 2024", "on or before 23 Oct 2024", "between 21 Oct 2024 and
  27 Oct 2024";
- groups: the claimant's institution (a person is grouped with the institution they speak for) or, with
  ``--group-by country``, the claimant's country code;
- what it cannot show is listed, never dropped silently: the title slide says it, ``left_out`` of
  :class:`TimelineJS` lists each item, and the command prints it.

The bytes depend on the data only, and the file is written to a temporary file, then renamed.

Example:
    >>> from timeline import load_events
    >>> tl = build_timeline(load_events())
    >>> len(tl.document["events"]) == load_events()["claim_key"].nunique()
    True
    >>> display_date(dt.date(2024, 10, 1), dt.date(2024, 10, 31), "month")
    'Oct 2024'
    >>> display_date(None, dt.date(2024, 10, 23), "vague")
    'on or before 23 Oct 2024'
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .atomic import write_atomic
from . import paths
from .summaries import _as_date, _day, _whole_month, _whole_years, display_date  # noqa: F401 (display_date: re-exported)

__all__ = ["TIMELINE_FILE", "TimelineJS", "build_timeline", "display_date", "write_timeline"]

TIMELINE_FILE = paths.REPORTS_DIR / "timelinejs.json"
GROUP_BY = ("institution", "country")
# the date in words is shared with the records table (timeline.summaries)


@dataclass
class TimelineJS:
    """The TimelineJS document and what it could not show (record or claim, what, why)."""

    document: dict
    left_out: list[dict] = field(default_factory=list)


def _tl_date(d: dt.date, start: dt.date | None, end: dt.date | None) -> dict:
    """A TimelineJS date object as fine as the interval needs: a year for whole years, a month for a whole
    month, else the day (the interval's shape says it; no precision name is needed)."""
    if start is not None and end is not None and _whole_years(start, end):
        return {"year": d.year}
    if start is not None and end is not None and _whole_month(start, end):
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


def _dates(start: dt.date | None, end: dt.date | None, precision: str) -> dict:
    """start_date, end_date and display_date of a slide; TimelineJS needs a start, so an open start uses the end."""
    out: dict = {}
    anchor = start or end
    whole = start is not None and end is not None and (_whole_month(start, end) or _whole_years(start, end))
    out["start_date"] = _tl_date(anchor, start, end)
    if start is not None and end is not None and start != end and not _whole_month(start, end):
        if not (_whole_years(start, end) and start.year == end.year):
            out["end_date"] = _tl_date(end, start, end)
    shown = display_date(start, end, precision)
    if shown:
        out["display_date"] = shown
    return out


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _count_text(rec) -> str | None:
    if pd.isna(rec["count_expr"]):
        return None
    low, best, high = (None if pd.isna(rec[c]) else int(rec[c]) for c in ("count_low", "count_best", "count_high"))
    n = lambda v: f"{v:,}"  # noqa: E731
    if best is not None:
        figure = n(best)
    elif low is not None and high is not None:
        figure = f"{n(low)} to {n(high)}"
    elif low is not None:
        figure = f"at least {n(low)}"
    elif high is not None:
        figure = f"at most {n(high)}"
    else:
        figure = "a figure"
    unit = str(rec["count_unit"]).replace("_", " ") if not pd.isna(rec["count_unit"]) else ""
    return f"{figure} {unit}".strip()


def _headline(rec) -> str:
    what = str(rec["claim_type"]).replace("_", " ")
    count = _count_text(rec)
    return f"{rec['claimant_name']}: {what}" + (f", {count}" if count else "")


def _event_words(rec) -> str:
    start, end = _as_date(rec["event_start"]), _as_date(rec["event_end"])
    if not pd.isna(rec["event_expr"]):
        words = display_date(start, end, rec["event_precision"]) or _day(start)
        return f"{words} ('{rec['event_expr']}', EDTF {rec['event_edtf']})"
    return f"{display_date(start, end, rec['event_precision']) or _day(start)} (not stated; EDTF {rec['event_edtf']})"


def _text(records: pd.DataFrame, seeds: dict) -> str:
    first = records.iloc[0]
    parts = [f'<blockquote lang="de">{_e(first["quote"])}</blockquote>', f"<p>{_e(first['summary_en'])}</p>"]
    if not pd.isna(first["count_expr"]):
        bounds = ", ".join(f"{k} {int(first[f'count_{k}']):,}" for k in ("low", "best", "high")
                           if not pd.isna(first[f"count_{k}"])) or "no bound given"
        parts.append(f"<p>Figure: {_e(_count_text(first))} ({_e(bounds)}; {_e(first['count_qualifier'])}; "
                     f'the text: <span lang="de">{_e(first["count_expr"])}</span>)</p>')
    parts.append(f"<p>What it speaks of: {_e(_event_words(first))}</p>")
    for _, rec in records.iterrows():
        meta = seeds[rec["seed"]].meta if rec["seed"] in seeds else {}
        article = meta.get("title", rec["seed"])
        published = meta.get("published_date")
        line = (f"<p>Record {_e(rec['record_id'])}: carried by {_e(rec['outlet_name'])}, in the article "
                f'<span lang="de">“{_e(article)}”</span> ({_e(rec["article_outlet"])}'
                + (f", published {_e(published.isoformat())}" if published else "") + ")")
        if isinstance(rec["flag_notes"], str) and rec["flag_notes"]:
            line += f". Flags: {_e(rec['flag_notes'])}"
        parts.append(line + "</p>")
    return "\n".join(parts)


def build_timeline(frame: pd.DataFrame, *, seeds: dict | None = None, actors=None,
                   group_by: str = "institution") -> TimelineJS:
    """The TimelineJS document of a frame (nothing written)."""
    from .export import provenance
    from .names import ActorRegistry
    from .seeds import load_seeds

    if group_by not in GROUP_BY:
        raise ValueError(f"unknown grouping {group_by!r}: choose from {', '.join(GROUP_BY)}")
    seeds = load_seeds() if seeds is None else seeds
    actors = ActorRegistry.from_yaml() if actors is None else actors
    left_out: list[dict] = []
    events = []
    for key, records in frame.sort_values(["seed", "record_id"], kind="stable").groupby("claim_key", sort=False):
        first = records.iloc[0]
        start, end = _as_date(first["stated_start"]), _as_date(first["stated_end"])
        if start is None and end is None:
            left_out.append({"claim_key": key, "records": list(records["record_id"]),
                             "what": "the whole claim", "why": "its statement date is open at both ends: "
                                                               "TimelineJS cannot place it"})
            continue
        if group_by == "country":
            group = first["claimant_country"]
        else:
            group_id = first["claimant_group"]
            group = actors.by_id[group_id].name if group_id in actors.by_id else group_id
        slide = {**_dates(start, end, first["stated_precision"]),
                 "text": {"headline": _e(_headline(first)), "text": _text(records, seeds)},
                 "group": str(group), "unique_id": str(key)}
        events.append(slide)
    prov = provenance(frame)
    summary = ("Each slide is one original claim, placed at the date it was made; where that date is known "
               "only to a span, the slide sits at its first day and the date above the headline says so. "
               "A claim is never a fact.")
    if left_out:
        summary += " Not shown: " + "; ".join(f"{i['claim_key']} ({i['why']})" for i in left_out) + "."
    title = {"text": {"headline": "Who claimed what, and when", "text": f"<p>{_e(summary)}</p><p>"
                      f"{_e(prov.summary())}.</p>"}}
    return TimelineJS({"title": title, "events": events}, left_out)


def write_timeline(frame: pd.DataFrame | None = None, out: Path | str | None = None, **kwargs) -> TimelineJS:
    """Write :func:`build_timeline` to ``out`` (default ``reports/timelinejs.json``): temp file, then rename."""
    if frame is None:
        from .records import load_events

        frame = load_events()
    tl = build_timeline(frame, **kwargs)
    out = Path(out) if out else TIMELINE_FILE
    write_atomic(out, (json.dumps(tl.document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return tl
