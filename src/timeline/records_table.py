"""The records as a table a researcher reads and filters without writing code, offline.

One row per record, sorted by the day it was said (the latest possible day, then the earliest, then the record
id: an EDTF string such as ``../2024-10-18`` does not sort by date, the interval does): when it was said in
words, the claimant, the stance, the figure, the period it speaks of, the English summary, the German quote,
every flag in full (type, field, reason, evidence), the article.

The filters are plain HTML form controls and a stylesheet (CSS ``:has()`` and ``:checked``): no script, no
external file, so the table filters in any browser offline, in ``reports/records.html`` and in a JupyterLab
notebook whose outputs are trusted. Claimant, unit counted and stance are check boxes: tick several to show the
records of any of them (none ticked: all); said from / said up to a month are one choice each. Each filter is a
``<details>`` block, closed until opened, so that the five take a line each on a phone, and its choices wrap to
the width (nothing scrolls sideways); a reset button ("Show all records") clears every filter. JupyterLab removes the
``<style>`` element of an untrusted notebook's outputs (one opened from disk that was not run here): the
table is then shown whole, unfiltered, with a line that says how to get the filters (trust the notebook, or
open ``reports/records.html``). A CSS counter says how many rows are shown.

Example:
    >>> from timeline import load_events
    >>> table = RecordsTable(load_events())
    >>> html = table._repr_html_()
    >>> html.count('<tr class="tlr-row ') == len(table.rows)
    True
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

import pandas as pd

from . import schema

from .headlines import UNKNOWN_OUTLET, reader_frame
from .summaries import _as_date, _day, display_date, figure_label, month_words, published_words

__all__ = ["RecordsTable", "records_page", "sort_records"]

#: The widest screen on which a record is a block of labelled lines.
NARROW = "48rem"

#: The label of the rows without a figure, in the unit filter.
NO_FIGURE = "no figure"
_ALL = "any"
#: The filters whose choices are check boxes (several may be ticked); the others (the months) take one choice.
MULTIPLE = ("c", "u", "s")
_COLUMNS = ("said", "claimant", "stance", "figure", "speaks of", "summary (English)", "quote (German)", "flags",
            "article")


def _e(value) -> str:
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value),
                       quote=True)


def _words(start, end, precision) -> str:
    s, e = _as_date(start), _as_date(end)
    text = display_date(s, e, str(precision))
    return text if text is not None else _day(e)


def sort_records(frame: pd.DataFrame) -> pd.DataFrame:
    """The records in the order of the day they were said: latest possible day, then earliest (an open start
    first), then the record id.

    >>> f = pd.DataFrame({"record_id": ["b", "a", "c"], "stated_start": pd.to_datetime([None, "2024-10-18", None]),
    ...                   "stated_end": pd.to_datetime(["2024-10-18", "2024-10-18", "2024-10-01"])})
    >>> list(sort_records(f)["record_id"])
    ['c', 'b', 'a']
    """
    key = frame.assign(_end=frame["stated_end"], _open=frame["stated_start"].isna(),
                       _start=frame["stated_start"])
    order = key.sort_values(["_end", "_open", "_start", "record_id"], ascending=[True, False, True, True],
                            kind="mergesort", na_position="last")
    return frame.loc[order.index].reset_index(drop=True)


@dataclass(frozen=True)
class _Row:
    record_id: str
    cells: tuple[str, ...]  # HTML of each column
    claimant: str
    unit: str
    stance: str
    month: str  # YYYY-MM of the latest possible day it was said


#: How the records table names a record's field that a flag concerns (the columns it stands in).
_FIELD_WORDS = {"stated": "when said", "event": "what it speaks of", "count": "figure"}


def _flag_html(kind: str, note: str) -> str:
    """One flag of the frame's ``flag_notes`` (``type (field): note Evidence: evidence``, records.py) by its
    vocabulary label, its field in words, the note, then the evidence; a note not of that form is shown whole."""
    label = schema.attribute("flag_type", kind, "label") if kind in schema.VOCABULARIES["flag_type"] else None
    m = re.fullmatch(rf"{re.escape(kind)}(?: \(([^)]*)\))?: (.*?)(?: Evidence: (.*))?", note, flags=re.S)
    if label is None or m is None:
        return f"<li>{_e(note)}</li>"
    field, text, evidence = m.groups()
    about = f" ({_e(_FIELD_WORDS.get(field, field))})" if field else ""
    return (f"<li><b>{_e(label[:1].upper() + label[1:])}</b>{about}: {_e(text)}"
            + (f"<br><small>Evidence: {_e(evidence)}</small>" if evidence else "") + "</li>")


def _flags_html(kinds, notes) -> str:
    """Every flag of a record (``flags``: the types, ``flag_notes``: their notes, in the same order) as a list."""
    if not isinstance(notes, str) or not notes.strip():
        return ""
    types = [k.strip() for k in kinds.split(";")] if isinstance(kinds, str) else []
    items = [n.strip() for n in notes.split(" | ") if n.strip()]
    if len(types) != len(items):  # not the frame's own pairing: every note as it stands
        types = [""] * len(items)
    return "<ul>" + "".join(_flag_html(k, n) for k, n in zip(types, items)) + "</ul>"


def _row(r) -> _Row:
    said = _words(r["stated_start"], r["stated_end"], r["stated_precision"])
    if str(r["stated_method"]).endswith("not-stated"):
        said += " (the article does not date it)"
    claimant = str(r["claimant_name"])
    who = _e(claimant)
    if isinstance(r.get("claimant_group_name"), str) and r["claimant_group_name"] != claimant:
        who += f" <small>(for {_e(r['claimant_group_name'])})</small>"
    outlet = r.get("outlet_name")
    if isinstance(outlet, str) and outlet:
        who += f"<br><small>via {_e(outlet)}</small>"
    unit = str(r["count_unit"]) if isinstance(r["count_unit"], str) else NO_FIGURE
    figure = ""
    if unit != NO_FIGURE:
        figure = _e(figure_label(r))
        if isinstance(r["count_expr"], str):
            figure += f' <small lang="de">(„{_e(r["count_expr"])}“)</small>'
    speaks = "" if pd.isna(r["event_end"]) and pd.isna(r["event_start"]) else _e(
        _words(r["event_start"], r["event_end"], r["event_precision"]))
    # an article whose text names no publisher by its headline, whole (it said "unknown, published ...")
    unnamed = not isinstance(r.get("article_outlet"), str) or r["article_outlet"] == UNKNOWN_OUTLET
    name = (f'<span lang="de">„{_e(r.get("article_title"))}“</span> (no publisher named)' if unnamed
            else _e(r["article_outlet"]))
    article = (f"{name}, published {_e(published_words(r['published'], r.get('published_precision')))}"
               f"<br><small>record {_e(r['record_id'])}</small>")
    cells = (_e(said), who, _e(r["stance"]), figure, speaks, _e(r["summary_en"]),
             f'<span lang="de">{_e(r["quote"])}</span>', _flags_html(r["flags"], r["flag_notes"]), article)
    return _Row(str(r["record_id"]), cells, claimant, unit, str(r["stance"]),
                pd.Timestamp(r["stated_end"]).strftime("%Y-%m"))


def _month_label(month: str) -> str:
    return month_words(month)


class RecordsTable:
    """Every record of ``frame`` as a filterable HTML table (shown as such in a notebook: ``_repr_html_``)."""

    def __init__(self, frame: pd.DataFrame):
        # every actor by the one name the charts write (the short form where declared, review 9 major 7), the
        # short forms defined once above the table
        self.frame = sort_records(reader_frame(frame))
        named = {n for col in ("claimant_name", "claimant_group_name", "outlet_name", "article_outlet")
                 if col in self.frame for n in self.frame[col].dropna()}
        self.defined = {n: full for n, full in sorted(self.frame.attrs.get("full_names", {}).items()) if n in named}
        self.rows = [_row(r) for _, r in self.frame.iterrows()]
        counts = lambda attr: {v: sum(getattr(r, attr) == v for r in self.rows)  # noqa: E731
                               for v in sorted({getattr(r, attr) for r in self.rows})}
        self.claimants = counts("claimant")
        units = counts("unit")
        order = list(schema.VOCABULARIES["count_unit"])
        self.units = {u: units[u] for u in sorted(units, key=lambda u: (u == NO_FIGURE, order.index(u)
                                                                        if u in order else len(order), u))}
        stances = counts("stance")
        self.stances = {s: stances[s] for s in schema.VOCABULARIES["stance"] if s in stances}
        self.months = sorted({r.month for r in self.rows})
        digest = hashlib.sha256("\n".join("\t".join(r.cells) for r in self.rows).encode("utf-8")).hexdigest()
        self.id = f"tlr-{digest[:10]}"  # deterministic, and two different tables on one page do not clash

    # ------------------------------------------------------------------ the filters
    def _groups(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(key, legend, [(value, label)]) of each filter (the months add a first choice, any month)."""
        unit_label = schema.attributes("count_unit", "label")
        return [
            ("c", "Claimant", [(f"{i}", f"{c} ({n})") for i, (c, n) in enumerate(self.claimants.items())]),
            ("u", "Unit counted", [(f"{i}", f"{unit_label.get(u, u)} ({n})")
                                   for i, (u, n) in enumerate(self.units.items())]),
            ("s", "Stance", [(f"{i}", f"{s} ({n})") for i, (s, n) in enumerate(self.stances.items())]),
            ("f", "Said from", [(f"{i}", _month_label(m)) for i, m in enumerate(self.months)]),
            ("t", "Said up to", [(f"{i}", _month_label(m)) for i, m in enumerate(self.months)]),
        ]

    def _classes(self, row: _Row) -> str:
        c = list(self.claimants).index(row.claimant)
        u = list(self.units).index(row.unit)
        s = list(self.stances).index(row.stance)
        m = self.months.index(row.month)
        return f"tlr-row c{c} u{u} s{s} m{m}"

    def _css(self) -> str:
        i = f"#{self.id}"
        rules = [
            f"{i} .tlr-filters {{ display: block !important; }}",
            f"{i} .tlr-untrusted {{ display: none; }}",
            # the count stands after the table (a counter counts what precedes it) and is shown above it
            f"{i} {{ counter-reset: tlr-shown; display: flex; flex-direction: column; }} "
            f"{i} tr.tlr-row {{ counter-increment: tlr-shown; }}",
            f"{i} .tlr-filters, {i} .tlr-untrusted {{ order: -2; }} {i} .tlr-count {{ order: -1; }}",
            f"{i} .tlr-count::before {{ content: counter(tlr-shown) \" of {len(self.rows)} records shown\"; }}",
            f"{i} .tlr-count {{ font-weight: bold; }}",
            f"{i} .tlr-filters details {{ border: 1px solid #ccc; margin: 0 0 .4rem; padding: .2rem .5rem; }}",
            f"{i} summary {{ font-weight: bold; cursor: pointer; }}",
            f"{i} details:has(input.tlr-pick:checked) > summary::after {{ content: \" (filtered)\"; "
            "font-weight: normal; }",
            # the choices wrap to the width: nothing runs off a phone's screen or scrolls sideways
            f"{i} fieldset {{ border: none; margin: 0; padding: .2rem 0; min-width: 0; display: flex; "
            "flex-wrap: wrap; gap: .2rem .9rem; }",
            f"{i} fieldset label {{ white-space: normal; overflow-wrap: anywhere; max-width: 100%; }}",
            f"{i} fieldset label:has(input:checked) {{ order: -1; font-weight: bold; }}",
            f"{i} .tlr-reset {{ margin: 0 0 .4rem; }}",
            f"{i} table {{ border-collapse: collapse; font-size: .85rem; }}",
            f"{i} td, {i} th {{ border: 1px solid #ddd; padding: .25rem .4rem; vertical-align: top; "
            f"text-align: left; overflow-wrap: anywhere; }}",
            f"{i} th {{ background: #f4f4f4; }} {i} td ul {{ margin: 0; padding-left: 1rem; }}",
        ]
        for key, _, values in self._groups():
            for value, _ in values:
                if key in MULTIPLE:  # some box of the filter ticked, not this one: its rows are hidden
                    rules.append(f"{i}:has(input.tlr-{key}:checked):not(:has(#{self.id}-{key}{value}:checked)) "
                                 f"tr.tlr-row.{key}{value} {{ display: none; }}")
                else:
                    on = f"{i}:has(#{self.id}-{key}{value}:checked)"
                    k = int(value)
                    hidden = range(0, k) if key == "f" else range(k + 1, len(self.months))
                    if hidden:
                        rules.append(f"{on} :is({', '.join(f'tr.m{j}' for j in hidden)}) {{ display: none; }}")
        return "\n".join(rules)

    def _filters(self) -> str:
        parts = ['<form class="tlr-filters" style="display: none">']
        for key, legend, values in self._groups():
            name = f"{self.id}-{key}"
            if key in MULTIPLE:
                choices = "".join(f'<label><input type="checkbox" class="tlr-pick tlr-{key}" name="{name}" '
                                  f'id="{name}{v}"> {_e(label)}</label>' for v, label in values)
                hint = f"{legend} ({len(values)}; tick one or more)"
            else:
                choices = (f'<label><input type="radio" name="{name}" id="{name}-all" checked> {_ALL}</label>'
                           + "".join(f'<label><input type="radio" class="tlr-pick" name="{name}" id="{name}{v}"> '
                                     f"{_e(label)}</label>" for v, label in values))
                hint = legend
            parts.append(f"<details><summary>{_e(hint)}</summary><fieldset><legend hidden>{_e(legend)}</legend>"
                         f"{choices}</fieldset></details>")
        parts.append('<p class="tlr-reset"><button type="reset">Show all records</button></p></form>')
        return "".join(parts)

    def html(self) -> str:
        """The table with its filters (a fragment: a ``<div>`` holding its own ``<style>``)."""
        head = "".join(f"<th>{_e(c)}</th>" for c in _COLUMNS)
        body = "\n".join(f'<tr class="{self._classes(r)}" id="{self.id}-{_e(r.record_id)}">'
                         + "".join(f"<td>{c}</td>" for c in r.cells) + "</tr>" for r in self.rows)
        return (f'<div class="tlr" id="{self.id}">\n<style>\n{self._css()}\n</style>\n'
                f'<p class="tlr-untrusted"><em>{len(self.rows)} records, all shown. The filters need the '
                "table's stylesheet, which JupyterLab leaves out of an untrusted notebook: trust the notebook "
                "(File, Trust Notebook) or open reports/records.html (python -m timeline export) in a "
                "browser.</em></p>\n"
                # the short names' definitions folded, as the filters are: open, they fill a phone's screen above
                # the first record (review 10, minor 22)
                + (f'<details class="tlr-names"><summary>Short names ({len(self.defined)}): what each stands for'
                   f'</summary><p>{_e("; ".join(f"{n}: {f}" for n, f in self.defined.items()))}</p></details>\n'
                   if self.defined else "") +
                f"{self._filters()}\n"
                f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>\n"
                '<p class="tlr-count"></p>\n</div>')

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return (f"RecordsTable: {len(self.rows)} records, sorted by the day they were said; filters: "
                f"{len(self.claimants)} claimants, {len(self.units)} units, {len(self.stances)} stances, "
                f"{len(self.months)} months")


_PAGE_CSS = """
body { font-family: system-ui, sans-serif; margin: 1rem; color: #222; }
@media (max-width: """ + NARROW + """) {
  .tlr table, .tlr thead, .tlr tbody, .tlr tr, .tlr td { display: block; }
  .tlr thead { display: none; } .tlr tr { border-bottom: 2px solid #999; margin-bottom: .6rem; }
  .tlr td { border: none !important; padding: .15rem 0 !important; } .tlr td:empty { display: none; }
  .tlr td::before { font-weight: bold; }
""" + "".join(f"  .tlr td:nth-child({n}):not(:empty)::before {{ content: \"{c}: \"; }}\n"
              for n, c in enumerate(_COLUMNS, 1)) + "}"


def records_page(frame: pd.DataFrame, title: str = "Records") -> str:
    """A whole offline HTML page holding :class:`RecordsTable` (``reports/records.html``); on a phone each record
    is a block of labelled lines."""
    table = RecordsTable(frame)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_PAGE_CSS}\n</style>\n</head>\n<body>\n<h1>{_e(title)}</h1>\n"
            "<p>Every record, sorted by the day it was said. Each row is a claim as an article reported it, not a "
            "verified fact. Open a filter and tick one or more claimants, units or stances, or choose a range of "
            "months, to show only those records.</p>\n" + table.html() + "\n</body>\n</html>\n")
