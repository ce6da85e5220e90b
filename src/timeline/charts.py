"""Every figure of the suite, defined once: the registry :data:`CHARTS`.

Notebooks and the export call these functions; no figure is defined anywhere
else. Each builder is a pure function taking the events frame
(:func:`timeline.load_events`) first and returning a ``plotly`` figure with a
title, labelled axes with units and a source line saying what it is drawn from.
Nothing depends on the day it runs: the same frame gives the same figure.

How uncertainty is drawn (plotly draws no error bars on a date axis, so all of
it is segments):

* a date known to the day is a point; a date known to a week, month, season or
  range is a horizontal line from its earliest to its latest day, the marker at
  the latest day; an open start ("on or before") is a short dashed stub ending
  in a left-pointing arrowhead;
* a count range is a vertical line from low to high; a bound the source leaves
  open ("mindestens", "bis zu") is a dotted arrow from the bound the open way, the
  same in every count chart (:func:`open_bound_traces`), and the marker is a
  triangle pointing the open way;
* a long stretch of time without a figure is cut out of a count chart's time
  axis, the break marked '//' on every panel and named in the subtitle;
* forecasts are hollow markers; corrected values carry a black ring.

Example:
    >>> from timeline import load_events
    >>> frame = load_events()
    >>> sorted(CHARTS) == sorted(set(CHARTS))
    True
    >>> fig = CHARTS["deployments"].build(frame)
    >>> fig.layout.title.text.startswith("NIS's figures rose from about 1,500 (18 Oct 2024) to about 15,000 soldiers")
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import inspect
import math
import re
import textwrap
from dataclasses import dataclass
from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from . import headlines, schema
from .attribution import default_outlet
from .font import text_width
from .frame import shared_attrs
from .schema import VOCABULARIES
from .summaries import (CORRECTION_FLAGS, UNIT_LABEL, day_words, figure_label, figure_month, flag_types, magnitude_word,
                        month_words, published_words, scope_words)

__all__ = [
    "ChartSpec", "CHARTS", "deployments", "latest_estimates", "casualties", "statements", "statements_dense",
    "source_flow", "independent_sources", "disagreements", "disagreeing_pairs", "comparable_pairs", "left_out_pairs", "disagreement_table",
    "no_disagreement_note",
    "figure_interval", "for_print", "source_line", "claimant_colours", "statement_markers",
    "count_claim_types", "count_table", "COUNT_TABLE_COLUMNS", "date_ticks",
]

#: An open start ("on or before") is a dashed stub this fraction of the x range long, with an arrowhead.
OPEN_STUB_FRACTION = 0.04
#: The zoomed statements figure shows the densest window of this many days.
DENSE_WINDOW_DAYS = 14
#: The smallest text of a figure and the headline's size, in layout pixels: at the static width (ChartSpec.width,
#: 900) printed 16 cm wide, 16 px is 8 pt.
_MIN_FONT, _TITLE_FONT = 16, 22
#: The headline's size on a slide, in points when the slide is shown :data:`SLIDE_SHOWN_PT` wide (read from the
#: back of a room): a layout wider than the column's (a slide's) sets its headline at the pixels that print it so.
SLIDE_HEADLINE_PT, SLIDE_SHOWN_PT = 20, 960
#: What a slide aims at on a projector (the slide shown :data:`SLIDE_SHOWN_PT` wide): labels, key and source line
#: at 16 pt, the headline at 24 pt. The layouts that reach it (the statements) set their text at
#: :func:`slide_px` of these; the others keep 12 pt text and the 20 pt headline.
SLIDE_TEXT_PT, SLIDE_TITLE_PT = 16, 24


def slide_px(pt: float, width: int) -> int:
    """The layout pixels that show at ``pt`` points on a slide laid out ``width`` wide and shown
    :data:`SLIDE_SHOWN_PT` wide.

    >>> slide_px(SLIDE_TEXT_PT, 1280), slide_px(SLIDE_TITLE_PT, 1280)
    (22, 32)
    """
    return math.ceil(pt * width / SLIDE_SHOWN_PT)
#: The headline's size on a phone, in CSS pixels (it was the column's 22: 7 lines of deployments' headline were 6).
_PHONE_TITLE_FONT = 20


def _title_lift(title_px: int, lines: int) -> int:
    """The layout pixels a headline of ``lines`` lines at ``title_px`` is moved down beyond the column's: plotly
    raises each line after the first by the font's excess over :data:`_TITLE_FONT` (measured on the slides' PNGs:
    a 3-line 32 px headline lost its first line's top half)."""
    return max(0, lines - 1) * max(0, title_px - _TITLE_FONT)


#: How plotly.js 3 sets a subtitle (measured on the exported SVGs, read in its titles code): below the headline's
#: box, which reaches this many ems of the headline below its first line's top (the pad), by this many ems of
#: the subtitle's size; a headline of two lines or more it raises by its first line's cap shift (0.7 em).
_TITLE_BOX_EM, _SUB_PAD_EM, _CAP_SHIFT_EM = 0.92, 1.6, 0.7


def _subtitle_depth(title_px: float, text_px: float, lines: int) -> float:
    """The layout pixels from the headline's pad to the subtitle's first line, as plotly sets them, for a headline
    of ``lines`` lines at ``title_px`` and a subtitle at ``text_px``.

    >>> round(_subtitle_depth(22, 16, 1), 1), round(_subtitle_depth(22, 16, 2), 1)
    (45.8, 59.0)
    """
    raised = _CAP_SHIFT_EM if lines > 1 else 0.0
    return title_px * (_TITLE_BOX_EM + LINE_HEIGHT * (lines - 1) - raised) + _SUB_PAD_EM * text_px


def _subtitle_drop(title_px: float, text_px: float, lines: int) -> int:
    """The layout pixels plotly sets the subtitle under a one-line headline lower than :func:`_base_layout`
    counts (its headline's lines at :data:`LINE_HEIGHT` each), against the column's headline of two lines or more
    (22 px), on which the layout's rows were measured: a one-line headline is not raised by its cap shift. 0 for
    two lines or more (what a larger headline's lines add, :func:`_title_lift` counts). Counted at the subtitle's
    16 px (``text_px`` is not read): a larger subtitle's larger pad (1.6 em: 10 px more at the statements slides'
    22 px) is left to the key's room, which holds it, as the hand-set drop did (counted, the statements slide's
    plot fell under 45 % of the slide). The statements slide and the latest estimates' slide moved their key and
    plot down by hand for this, by 10 and 14 px; the rule gives 12 and 13.

    >>> _subtitle_drop(22, 16, 1), _subtitle_drop(27, 16, 1), _subtitle_drop(32, 22, 1), _subtitle_drop(27, 16, 3)
    (15, 13, 12, 0)
    """
    if lines > 1:
        return 0

    def beyond(t, n):  # how much deeper plotly sets the subtitle than the headline's counted lines
        return _subtitle_depth(t, _MIN_FONT, n) - t * LINE_HEIGHT * n
    return round(beyond(title_px, 1) - beyond(_TITLE_FONT, 2))


def _title_font(width: int) -> int:
    """The headline's font size in layout pixels for a figure laid out ``width`` wide: the suite's at the column
    and on a slide (wider than the column) that which shows at :data:`SLIDE_HEADLINE_PT` points.

    >>> _title_font(390), _title_font(900), _title_font(1280), _title_font(1536), _title_font(1920)
    (20, 22, 27, 32, 40)

    On a phone it is :data:`_PHONE_TITLE_FONT`, a line of a headline more in the phone's width (still larger than
    the 16 px text).
    """
    if width < PHONE_BREAK:
        return _PHONE_TITLE_FONT
    if width <= LAYOUT_WIDTH:
        return _TITLE_FONT
    return max(_TITLE_FONT, math.ceil(SLIDE_HEADLINE_PT * width / SLIDE_SHOWN_PT))
_FONT = dict(family="Arial, Helvetica, sans-serif", size=_MIN_FONT)
#: The colours of the claimants a dataset is most about (Okabe-Ito without its black and yellow, safe for
#: colour-blind readers), in the order they are given out; every other claimant is :data:`CONTEXT_GREY`.
HIGHLIGHT_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: The colour of the claimants that are context, not the point of a chart, and their one legend entry.
CONTEXT_GREY = "#A0A0A0"
OTHER_CLAIMANTS = "other claimants (grey)"
#: The one colour of a period spoken of (a band) and of the dotted line from it to the statement, in every chart
#: and its key: a neutral grey, no actor's colour (the statements drew it in the NIS's blue for every actor, the
#: deployments in each claimant's colour under a grey key).
PERIOD_BAND, PERIOD_LINE = "rgba(68,68,68,0.3)", "rgba(68,68,68,0.6)"
#: Layout pixels a count chart's bottom margin keeps less on a slide, whose dates take one line, not two, and
#: which has no axis title (the subtitle says what the dates are).
_SLIDE_DATES, _SLIDE_AXIS_TITLE = 20, 28
#: Layout pixels of a count chart's main panel and of each strip of another unit below it.
_MAIN_PANEL, _STRIP_PANEL = 440, 110
#: The key's words for an open bound, the same in every count chart: the marker open upwards (at least, more than),
#: open downwards (up to), and the dotted arrow that draws the open side (:func:`open_bound_traces`).
KEY_OPEN_UP, KEY_OPEN_DOWN, KEY_LEFT_OPEN = "at least / more than", "up to / at most", "dotted arrow: left open"
#: The key's words for a range without a single figure: a bar on a number axis, a diamond where none draws it (a
#: strip).
KEY_DIAMOND = "bar or ◆: a range"
#: An open bound ("mindestens", "bis zu") in every count chart (deployments, latest estimates, casualties), drawn
#: by :func:`open_bound_traces` alone: a dotted line from the bound the open way, this fraction of its number axis
#: long (the one length rule, at every size), ending in an arrowhead that points on: it neither runs to the
#: panel's edge (which read as a range up to the edge) nor stops bare (a short dotted mark read as a short range).
OPEN_BOUND_FRACTION = 0.08
#: The open bound's line and arrowhead, the same in every chart and at every size.
OPEN_BOUND_LINE, OPEN_BOUND_HEAD = dict(width=2, dash="dot"), 9
#: The strip's row of the figures that are no totals (vocabulary count_measure, attribute on_total_scale).
NOT_TOTALS = "further numbers, not totals"
#: How many claimants a chart colours (those with the most count records); the rest are grey.
HIGHLIGHTED = 5


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the suite: its file name, title, one-sentence caption and builder.

    ``build(frame, flags=None)`` takes the events frame and the flags table
    (:func:`timeline.load_tables`; without it, a corrected value's hover does not
    give the correction's reason). ``width`` is the width of static images in
    layout pixels: the figures set none themselves, so that in a notebook they
    fill the output area. :attr:`slide`: whether the builder lays the chart out for a 16:9 slide of its own.
    """

    name: str
    title: str
    caption: str
    build: Callable[..., go.Figure]
    width: int = 900
    #: ``empty_note(frame)``: what the chart searched for and why it found nothing, in words, for the index page
    #: to show in its place when it has nothing to draw (no trace); None: the index shows the empty chart.
    empty_note: Callable[[pd.DataFrame], str] | None = None

    @property
    def slide(self) -> bool:
        """The builder lays the chart out for a 16:9 slide of its own with ``build(frame, flags, slide=True)``
        (:func:`timeline.export.slide_figure`): it takes ``slide`` (or passes keywords on). A chart without one is
        its column figure drawn at the slide's size. Read from the builder, so that it cannot say otherwise.

        >>> CHARTS["deployments"].slide, ChartSpec("t", "t", "t", lambda frame, flags=None: None).slide
        (True, False)
        """
        params = inspect.signature(self.build).parameters.values()
        return any(p.name == "slide" or p.kind is p.VAR_KEYWORD for p in params)


# --------------------------------------------------------------------------- shared helpers


def _x(value):
    """A date for a figure's x data: 'YYYY-MM-DD' at midnight (compact in the stored JSON), else to the minute."""
    if value is None or pd.isna(value):
        return None
    ts = pd.Timestamp(value)
    return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.strftime("%Y-%m-%d %H:%M")


def _xs(values) -> list:
    return [_x(v) for v in values]


def source_line(frame: pd.DataFrame, shown: pd.DataFrame | None = None,
                searched: tuple[pd.DataFrame, str] | None = None, tight: bool = False) -> str:
    """The source line of a chart: the records drawn, the articles (outlets, publication dates) and the agencies
    the articles cite as carrying the figures (:func:`timeline.headlines.source_text`).

    Args:
        frame: the whole events frame (the articles).
        shown: the records the chart draws (default: all).
        searched: for a chart that draws nothing, the records it looked at and what they are (plural words):
            its line names them, not a tally of zero.
        tight: the agencies by their short names (a slide, whose height is scarce).

    >>> from timeline import load_events
    >>> line = source_line(load_events())
    >>> "claims as reported, not verified" in line
    True
    """
    return headlines.source_text(frame, shown, *(searched or (None, None)), tight=tight)


#: The bottom margin (axis title and one line of source), and what a range slider adds to it and to the height.
_BOTTOM, _SLIDER_BOTTOM, _SLIDER_HEIGHT = 110, 65, 90
#: The range slider's height in layout pixels.
_SLIDER_PX = 46
#: Layout pixels a row of a horizontal legend takes and what the legend adds above and below its rows
#: (plotly's, at the suite's 16 px font, measured in the SVGs).
_LEGEND_ROW, _LEGEND_PAD = 33.8, 10
#: Layout pixels a further line of the source block (or of the headline) takes.
_LINE = 22
#: Characters per line of the source block and of the headline (at the suite's font sizes and print width).
_SOURCE_CHARS, _HEADLINE_CHARS = 100, 72


def _source_block(frame: pd.DataFrame, shown: pd.DataFrame, chars: int = _SOURCE_CHARS,
                  px: float | None = None, searched: tuple[pd.DataFrame, str] | None = None,
                  size: float = _MIN_FONT) -> str:
    """The source line, then a footnote for each corrected value drawn: wrapped into <br> lines of ``chars``, a
    line per part. With ``px`` (a slide, whose height is scarce) the line runs on as one paragraph wrapped to
    ``px`` layout pixels (:func:`_wrap_px`), the footnotes a paragraph after it."""
    if px is not None:  # a slide's footnotes in their compact form (review 10, major 4: short on slides)
        notes = headlines.correction_notes(shown, compact=True) if len(shown) else []
        return "<br>".join([_wrap_px(source_line(frame, shown, searched), px, size)]
                           + ([_wrap_px(f"Corrected: {'; '.join(notes)}", px, size)] if notes else []))
    parts = source_line(frame, shown, searched).split("; ")
    lines = [_wrap(parts[0] + ";", chars)] + [_wrap(p + (";" if i < len(parts) - 2 else ""), chars)
                                              for i, p in enumerate(parts[1:])]
    notes = headlines.correction_notes(shown) if len(shown) else []
    lines += [_wrap(f"Corrected: {n}", chars) for n in notes]
    return "<br>".join(lines)


#: The width layouts are computed for: the static images' (ChartSpec.width) and the HTML pages' phone version.
LAYOUT_WIDTH, PHONE_WIDTH = 900, 390
#: Below this width (layout or CSS pixels) a figure is laid out for a phone, and a page draws its phone version.
PHONE_BREAK = 600
#: The narrowest and the widest width a page draws the phone version at: a 360 and a 430 px phone less the
#: page's margins.
PHONE_MIN_WIDTH, PHONE_MAX_WIDTH = 344, 414
#: The average width of a character of the suite's font (Arial), as a share of the font size: a slight
#: overestimate for mixed text, so that text measured with it fits (:func:`text_size`).
CHAR_WIDTH = 0.58
#: A text line's height as a share of the font size.
LINE_HEIGHT = 1.3


def text_size(text: str, size: float = _MIN_FONT) -> tuple[float, float]:
    """The estimated (width, height) in layout pixels of a text of plotly's (<br> lines, tags, entities).

    >>> text_size("about 1,500<br>NIS")
    (102.08, 41.6)
    """
    lines = [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in str(text).split("<br>")]
    return round(max(len(line) for line in lines) * size * CHAR_WIDTH, 2), round(len(lines) * size * LINE_HEIGHT, 2)


def _chars(px: float, size: float = _MIN_FONT) -> int:
    """How many characters fit in ``px`` layout pixels at font ``size`` (wrapping at the suite's mean width)."""
    return max(12, int(px / (size * 0.53)))


#: Layout pixels a key moves up towards the subtitle from where the plot would start: its rows' own padding.
_KEY_CLOSER = 28
#: Layout pixels plotly puts before a key entry's text (its symbol, 40) and after it (5), at any font size.
_KEY_SYMBOL, _KEY_GAP = 40, 5


def _legend_entries(fig: go.Figure) -> list[go.Scatter]:
    """The traces the legend shows, in plotly's order (by legendrank, then as added): every trace whose
    showlegend is not False (plotly's default is to show it)."""
    if fig.layout.showlegend is False:
        return []
    shown = [t for t in fig.data if getattr(t, "showlegend", False) is not False]
    return sorted(shown, key=lambda t: t.legendrank if t.legendrank is not None else 1000)


def _legend_rows(fig: go.Figure, legend_width: float, size: float = _MIN_FONT) -> int:
    """The rows the horizontal legend of ``fig`` takes when plotly may fill ``legend_width`` pixels: plotly's own
    rule (an entry, or a group's entries stacked, takes its symbol, its text and a gap; a row wraps before the
    entry that would pass the width), with each entry's width set to its text's (:func:`timeline.font.text_width`,
    given to plotly as ``legendwidth`` by :func:`_base_layout`), so that the count is the one plotly draws. A
    group of n entries counts n rows high.

    >>> fig = go.Figure([_legend_key(n) for n in ("figure as given", "at least / more than", "almost / up to")])
    >>> _legend_rows(fig, 480), _legend_rows(fig, 470)
    (1, 2)
    """
    groups: dict[str, list[float]] = {}
    for t in _legend_entries(fig):
        groups.setdefault(t.legendgroup or f"trace {id(t)}", []).append(
            t.legendwidth or math.ceil(text_width(t.name, size)))
    if not groups:
        return 0
    rows, used, tallest = 0, 0.0, 0
    for widths in groups.values():
        step = _KEY_SYMBOL + max(widths) + _KEY_GAP
        if used > 0 and used + step > legend_width:
            rows, used, tallest = rows + tallest, 0.0, 0
        used += step
        tallest = max(tallest, len(widths))
    return rows + tallest


#: A phone's key words (the key in two columns, each entry 113 px or less: 7 rows of deployments' key were 4);
#: what a figure is and how it was corrected the labels and the footnotes say in full.
_PHONE_KEY = {"corrected value (footnote)": "corrected", "corrected (footnote)": "corrected",
              "at least / more than": "at least", KEY_LEFT_OPEN: "dotted ▸: open",
              "◄ dashed: said on or before": "◄ on or before", "band: period spoken of": "band: period",
              "dotted: event → statement": "dotted: event", "hollow: a forecast": "hollow: forecast",
              "up to / at most": "up to",
              "hollow: planned": "hollow: plan",
              "hollow: planned or a forecast": "hollow: plan/forecast", KEY_DIAMOND: "bar, ◆: range"}


def _phone_key(fig: go.Figure) -> None:
    """Give a phone's key entries their short words (:data:`_PHONE_KEY`; a dot's 'figure (or about ...)' is
    'dot: a figure', its words at the labels)."""
    for t in _legend_entries(fig):
        if t.name in _PHONE_KEY:
            t.name = _PHONE_KEY[t.name]
        elif t.name and t.name.startswith(KEY_OPEN_DOWN + " / "):  # up to / at most / almost: 'up to / almost'
            t.name = " / ".join([_PHONE_KEY[KEY_OPEN_DOWN]] + t.name.split(" / ")[2:])
        elif t.name and t.name.startswith("figure (or ") or t.name == "figure as given":
            t.name = "dot: a figure"


def _set_legend_widths(fig: go.Figure, grid: float | None = None, size: float = _MIN_FONT) -> None:
    """Tell plotly each legend entry's width: its text's (:func:`timeline.font.text_width`), the width
    :func:`_legend_rows` lays the key out with. With ``grid`` (a phone: the narrowest width plotly may fill with
    the key), a grid of two columns of half that width, a longer entry taking a whole row: a page draws the
    phone version at the phone's width (344 to 414 px and more), where free widths would wrap into more or
    fewer rows than the layout kept room for; the grid's rows stay the same up to one and a half times ``grid``."""
    for t in _legend_entries(fig):
        own = math.ceil(text_width(t.name, size))
        if grid is None:
            t.legendwidth = own
        else:
            half = math.floor(grid / 2) - _KEY_SYMBOL - _KEY_GAP
            t.legendwidth = half if own <= half else max(own, math.floor(grid) - _KEY_SYMBOL - _KEY_GAP)


#: Layout pixels from the figure's left edge to a key that starts there (``_base_layout(key_from_edge=True)``),
#: and the right margin such a figure keeps: plotly fills that key up to the plot's right edge, so the margin
#: less the key's start is what stays clear of the figure's right edge (12 px).
_KEY_EDGE, _KEY_RIGHT = 12, 24
#: Layout pixels a key keeps clear of the figure's left and right edges at every width it is drawn at.
_KEY_CLEAR = 8


def _key_place(width: int, left: float, right: float, from_edge: bool) -> tuple[float, float | None]:
    """Where a key starts (legend x, a share of the plot's width) and the grid width of a phone's key
    (:func:`_set_legend_widths`), so that the key keeps :data:`_KEY_CLEAR` px clear of the figure's edges.

    At column width and on a slide the figure is drawn at the width it was laid out for: the key starts
    :data:`_KEY_EDGE` px from the edge (``from_edge``) or at the plot. A page draws the phone version at the
    phone's width, from :data:`PHONE_MIN_WIDTH` to :data:`PHONE_MAX_WIDTH`, where a start left of the plot moves
    with the plot's width: it is put where it stays 8 px or more from the edge at the widest, and the grid is as
    wide as the narrowest leaves it.

    >>> _key_place(900, 240, 24, True)
    (-0.3585, None)
    >>> _key_place(390, 12, 16, True), _key_place(390, 85, 16, True)
    ((0.0, 316), (-0.246, 310))
    """
    narrow = width < PHONE_BREAK
    plot = max(width - left - right, 1)
    if not from_edge or left <= _KEY_EDGE:  # at the plot's left edge, which does not move
        return 0.0, (PHONE_MIN_WIDTH - left - max(right, _KEY_CLEAR) if narrow else None)
    if not narrow:
        return round(-(left - _KEY_EDGE) / plot, 4), None
    edge = left - (left - _KEY_CLEAR) * plot / (PHONE_MAX_WIDTH - left - right)  # 8 px at the widest phone
    start = left - (left - edge) * (PHONE_MIN_WIDTH - left - right) / plot  # where it starts at the narrowest
    return round(-(left - edge) / plot, 4), math.floor(min(PHONE_MIN_WIDTH - _KEY_CLEAR - start,
                                                           PHONE_MIN_WIDTH - right))


def _base_layout(fig: go.Figure, title: str, frame: pd.DataFrame, shown: pd.DataFrame, height: int,
                 subtitle: str | None = None, *, width: int | None = None, left: int = 90,
                 right: int = 30, key_from_edge: bool = False,
                 searched: tuple[pd.DataFrame, str] | None = None, text_px: int = _MIN_FONT,
                 title_px: int | None = None, source: str | None = None) -> go.Figure:
    """Headline (wrapped to the width), subtitle (what is drawn, the caveat), fonts, margins, the keys in a
    horizontal legend above the plot (never beside it: it would squeeze the plot on a phone) and the source
    block (``source``: the block's text as the caller wrapped it, else :func:`_source_block`'s). ``text_px`` and
    ``title_px``: the text's and the headline's size (a slide's that reaches :data:`SLIDE_TEXT_PT`), else the
    suite's. ``width`` is the width the text is wrapped for (:data:`LAYOUT_WIDTH`, or :data:`PHONE_WIDTH`);
    the figure sets no width of its own, so that it fills the notebook or the page. With ``key_from_edge`` the
    key starts at the figure's left edge (over the lane labels), not the plot's: wide labels leave it its room."""
    width = width or LAYOUT_WIDTH
    title_px = title_px or _title_font(width)
    scale = text_px / _MIN_FONT  # the rows and lines below are measured at the suite's 16 px
    # on a phone and a slide the headline is wrapped to the width it is drawn at, measured in the chart font (from
    # its start, 1 % in, to 12 px before the right edge; a page draws the phone version as narrow as
    # PHONE_MIN_WIDTH); the column's keeps its count of characters
    drawn = PHONE_MIN_WIDTH if width < PHONE_BREAK else width
    head = (_wrap(title, _chars(width - 24, title_px)) if width == LAYOUT_WIDTH
            else _wrap_px(title, drawn * 0.99 - 12, title_px))
    sub = _wrap_parts(headlines.subtitle(subtitle or "what the articles report"), _chars(width - 24, text_px))
    n_head, n_sub = head.count("<br>") + 1, sub.count("<br>") + 1
    key_x, grid = _key_place(width, left, right, key_from_edge)
    if width < PHONE_BREAK:
        _phone_key(fig)
    _set_legend_widths(fig, grid, text_px)
    # plotly fills a key that starts left of the plot up to the plot's right edge, else the plot's width
    legend_rows = _legend_rows(fig, width - right if key_x < 0 else width - left - right, text_px)
    gap = 34 if any(a.name is None for a in fig.layout.annotations) else 10  # room for the panels' titles
    legend_px = math.ceil(_LEGEND_ROW * scale * legend_rows + _LEGEND_PAD) + gap if legend_rows else 0
    # below the subtitle 14 px to the plot; a key starts closer, as its rows have room around their text (the
    # key's text then stands about 30 px below the subtitle's, measured in the SVGs)
    below_sub = 14 - _KEY_CLOSER if legend_px else 14
    # plotly draws a headline of several lines higher the larger its font: a slide's headline (larger than the
    # column's 22 px) goes down by what it would rise, else its first line is cut at the top (seen in the PNGs)
    lift = _title_lift(title_px, n_head)
    # and plotly sets the subtitle under a one-line headline lower than under two lines: the key and the plot go
    # down by as much (two slides did that by hand)
    top = (16 + title_px * LINE_HEIGHT * n_head + 10 + 21 * scale * n_sub + below_sub + legend_px + lift
           + _subtitle_drop(title_px, text_px, n_head))
    plot_px = max(height - 80 - 110, 100)  # the plot's height (the figure's less its margins), for the legend
    _set_template(fig)
    fig.update_layout(
        font=dict(_FONT, size=text_px), height=int(height + top - 80),
        title=dict(text=head, subtitle=dict(text=sub, font=dict(size=text_px, color="#555")), x=0.01,
                   xanchor="left", yref="container", y=1, yanchor="top", pad=dict(t=20 + lift),
                   font=dict(size=title_px)),
        margin=dict(l=int(left), r=int(right), t=int(top), b=_BOTTOM),
        legend=dict(orientation="h", x=key_x,
                    y=1 + gap / plot_px, xanchor="left",
                    yanchor="bottom", font=dict(size=text_px), itemclick=False, itemdoubleclick=False,
                    title=dict(text="")),
        hoverlabel=dict(align="left", font=dict(size=14)),
    )
    if source is None:
        source = _source_block(frame, shown, _chars(width - 24), px=width - 24 if width > LAYOUT_WIDTH else None,
                               searched=searched, size=text_px)
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0,
                       xanchor="left", yanchor="top", align="left", showarrow=False, xshift=-(left - 12),
                       font=dict(size=text_px, color="#555"), name="source")
    for a in fig.layout.annotations:  # subplot titles: at the panel's left edge, where the reader starts
        if a.name is None:
            a.font.size = max(a.font.size or 0, _MIN_FONT)
            if a.yref == "paper" and a.xanchor == "center" and a.text and a.text.startswith("counted:"):
                a.update(x=0, xanchor="left", xshift=-(left - 12))  # from the figure's left edge
    fig.update_layout(height=fig.layout.height + _source_extra(fig))
    _set_bottom(fig, _BOTTOM)
    return fig


def _set_bottom(fig: go.Figure, margin: int) -> None:
    """Set the bottom margin (plus the source block's further lines) and keep the source block at the foot of the
    figure, below the axis title."""
    fig.update_layout(margin=dict(b=margin + _source_extra(fig)))
    for a in fig.layout.annotations:  # fig.update_annotations(selector=dict(name="source")), without its machinery
        if a.name == "source":
            a.yshift = -(margin - 28)


def _source_extra(fig: go.Figure) -> int:
    """The room the source block's lines after the first take."""
    source = next((a for a in fig.layout.annotations if a.name == "source"), None)
    if source is None:
        return 0
    return round(_LINE * (source.font.size or _MIN_FONT) / _MIN_FONT * source.text.count("<br>"))


def _empty(title: str, frame: pd.DataFrame, what: str, *, width: int | None = None,
           height: int | None = None, searched: tuple[pd.DataFrame, str] | None = None) -> go.Figure:
    """A chart with nothing to draw: its headline (wrapped for ``width``) and a plain note, ``height`` tall when
    given (a slide's); its source line says what was searched (``searched``: the records and what they are,
    default all the records), not that none of them is drawn."""
    fig = go.Figure()
    narrow = width is not None and width < PHONE_BREAK  # a phone: the note needs the width (no axis at the left)
    _base_layout(fig, title, frame, frame.iloc[0:0], 360, width=width, searched=searched,
                 **(dict(left=16, right=16) if narrow else {}))
    _fix_height(fig, height)
    fig.add_annotation(text=f"No {what} in this dataset.", xref="paper", yref="paper", x=0.5, y=0.5,
                       showarrow=False, font=dict(size=_TITLE_FONT))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


#: plotly_white without its per-trace-type defaults (about 7 KB less in every stored figure).
_TEMPLATE = go.layout.Template(layout=pio.templates["plotly_white"].layout)


def _set_template(fig: go.Figure) -> None:
    """Give ``fig`` :data:`_TEMPLATE`, validated once when it was made: set as plotly sets its default template
    on every new figure (validation off for that one property), a copy of the same properties in the same
    order; validating it again took 6 ms a figure."""
    layout = fig.layout
    layout._validate = False
    try:
        layout.template = _TEMPLATE
    finally:
        layout._validate = fig._validate


def _esc(text, quote: bool = False) -> str:
    """Escape for plotly's HTML-like text (hover, labels, legend names, annotations): &, < and > (quotes stay
    as they are). Used by :func:`text_safe` alone, on the data as it comes in; nothing else escapes."""
    return html.escape(text, quote=quote)


#: The frame's columns whose words can reach a figure's text (names, the articles' words, quotes, summaries):
#: escaped once on the way in by :func:`text_safe`. The other columns are ids, vocabulary values and dates.
TEXT_COLUMNS = ("claimant_name", "claimant_group_name", "outlet_name", "article_outlet", "article_title", "seed",
                "quote", "summary_en", "count_expr", "stated_expr", "event_expr", "location", "flag_notes")


def escaped_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose :data:`TEXT_COLUMNS` (and the case's nouns in ``attrs['case']``) are escaped for
    plotly's text: an actor named ``<b>X</b>`` is drawn as the characters, never as markup, in every label,
    legend, hover and annotation, in HTML and SVG alike. Marked in ``attrs`` so that it is escaped once.

    >>> f = pd.DataFrame({"claimant_name": ["<b>A</b> & B"], "claimant": ["a"]})
    >>> escaped_frame(f)["claimant_name"].tolist(), escaped_frame(escaped_frame(f))["claimant_name"].tolist()
    (['&lt;b&gt;A&lt;/b&gt; &amp; B'], ['&lt;b&gt;A&lt;/b&gt; &amp; B'])
    """
    if frame.attrs.get("text_safe"):
        return frame
    out = frame.copy()
    for col in TEXT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: v if v is None or (not isinstance(v, str) and pd.isna(v))
                                    else _esc(str(v)))
    out.attrs = dict(frame.attrs, text_safe=True)
    if isinstance(frame.attrs.get("case"), dict):
        out.attrs["case"] = {k: _esc(v) if isinstance(v, str) else v for k, v in frame.attrs["case"].items()}
    if isinstance(frame.attrs.get("short_names"), dict):
        out.attrs["short_names"] = {_esc(k): _esc(v) for k, v in frame.attrs["short_names"].items()}
    out.attrs = shared_attrs(out.attrs)
    return out


#: The frame's columns that name an actor, and the copy of a frame that names each by the one form a reader sees in
#: every chart: :func:`timeline.headlines.reader_frame`.
NAME_COLUMNS = headlines.NAME_COLUMNS
reader_frame = headlines.reader_frame
full_name = headlines.full_name


def short_names(frame: pd.DataFrame) -> dict[str, str]:
    """The short names the actors file declares (actor field short), by display name, as the frame carries them
    (:func:`timeline.headlines.short_names`): what a label writes where the whole name finds no room."""
    return headlines.short_names(frame)


def _escaped_flags(flags: pd.DataFrame | None) -> pd.DataFrame | None:
    if flags is None or flags.attrs.get("text_safe") or "note" not in flags.columns:
        return flags
    out = flags.copy()
    out["note"] = out["note"].map(lambda v: v if not isinstance(v, str) else _esc(v))
    out.attrs = dict(flags.attrs, text_safe=True)
    return out


def text_safe(build: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """The one place where a chart's data is escaped for the target (plotly's HTML-like text): a builder
    decorated with it gets the frame and the flags table escaped (:func:`escaped_frame`), once, and the frame's
    actors named as a reader sees them in every chart (:func:`reader_frame`)."""
    @functools.wraps(build)
    def wrapper(frame: pd.DataFrame, flags: pd.DataFrame | None = None, **kwargs) -> go.Figure:
        return build(reader_frame(escaped_frame(frame)), _escaped_flags(flags), **kwargs)
    return wrapper


def _wrap_parts(text: str, width: int) -> str:
    """Wrap '; '-separated parts into <br> lines of ``width`` characters, breaking between parts where it can
    (a part stays whole on its line unless it is longer than a line)."""
    lines: list[str] = []
    for part in str(text).split("; "):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            if lines:
                lines[-1] += ";"
            lines += textwrap.wrap(part, width, break_long_words=False) or [""]
    return "<br>".join(lines)


def _wrap_px(text, px: float, size: float = _MIN_FONT) -> str:
    """Wrap text (already safe: :func:`text_safe`) into <br>-separated lines no wider than ``px`` layout pixels
    at font ``size``, measured in the chart font (:func:`timeline.font.text_width`), not counted in characters: a
    line of narrow letters holds more of them. A word wider than ``px`` keeps a line of its own.

    >>> _wrap_px("about 1,500 soldiers", 100)
    'about 1,500<br>soldiers'
    """
    if text is None or pd.isna(text):
        return ""
    lines: list[str] = []
    for word in html.unescape(str(text)).split():
        if lines and text_width(_esc(lines[-1] + " " + word), size) <= px:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(_esc(line) for line in lines or [""])


def _wrap(text, width: int = 90) -> str:
    """Wrap text (already safe: :func:`text_safe`) into <br>-separated lines of ``width`` characters as the reader
    sees them (an entity such as ``&lt;`` is one character): unescaped to measure, each line escaped back, which
    gives exactly the safe text again."""
    if text is None or pd.isna(text):
        return ""
    lines = textwrap.wrap(html.unescape(str(text)), width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(_esc(line) for line in lines or [""])


def _correction_notes(flags: pd.DataFrame | None) -> dict[str, str]:
    """Per record, the reasons of its corrections as one text (their notes), from the flags table."""
    if flags is None:
        return {}
    corrections = flags[flags["flag_type"].isin(CORRECTION_FLAGS)]
    return {rid: " ".join(str(n) for n in g["note"])
            for rid, g in corrections.groupby("record_id", sort=False)}


def _when(start, end, open_text: str = "on or before") -> str:
    """A date or span in words: '18 Oct 2024', '1 Oct 2024 to 31 Oct 2024', 'on or before 23 Oct 2024'."""
    if end is None or pd.isna(end):
        return "not known"
    if start is None or pd.isna(start):
        return f"{open_text} {day_words(end)}"
    if pd.Timestamp(start) == pd.Timestamp(end):
        return day_words(end)
    return f"{day_words(start)} to {day_words(end)}"


#: Characters of the quote a tooltip shows (the whole quote is in the records table and the data), and a
#: statement's tooltip, which leads with the English summary and keeps the quote short (review 10, major 10).
_HOVER_QUOTE, _STATEMENT_QUOTE = 180, 110


def _statement_hover(row, notes: dict[str, str], define: tuple = (), group: str | None = None) -> str:
    """The tooltip of one statement (the statements charts), in the order a reader asks (review 10, major 10: it
    led with the stance's vocabulary gloss, "US government affirms that the thing happened or is true", repeated
    the whole quote and ended with "lane: ..."): who (and, where the claimant is a person of an institution, the
    institution, ``group``, whose row it sits in) and the day said, the figure where there is one; the record's
    English summary; the article by its outlet and date and the agency it names, or "no agency named"; the period
    spoken of; the short forms it writes defined (``define``: its row's); a short quote; the correction; the
    record's id. No vocabulary ids, no EDTF codes."""
    who = str(row["claimant_name"])
    corrected = bool(row["is_corrected"]) or bool(headlines.corrected(pd.DataFrame([row])).iloc[0])
    dated = not str(row["stated_method"]).endswith("not-stated")
    said = _when(row["stated_start"], row["stated_end"]) + ("" if dated else " (the article does not date it)")
    lead = f"<b>{who}</b>" + (f" ({group})" if group and group != who else "")
    parts = [lead + f", said {said}" + (" (corrected)" if corrected else "")]
    if not pd.isna(row["count_unit"]):  # the figure as read, the text's words beside it
        scope = scope_words(row)
        says = f" (text says „{row['count_expr']}“)" if not pd.isna(row["count_expr"]) else ""
        parts.append(f"<b>{figure_label(row)}{' ' + scope if scope else ''}</b>{says}")
    if not pd.isna(row.get("summary_en")):
        parts.append(f"<i>{_wrap(row['summary_en'], 70)}</i>")
    article = headlines.article_name(row["article_outlet"], row["article_title"])
    own = row.get("outlet") == default_outlet()
    parts.append(_wrap(f"in {article}, {published_words(row['published'], row.get('published_precision'))}; "
                       + ("no agency named" if own else f"via {row['outlet_name']}"), 70))
    if not str(row["event_method"]).endswith("not-stated"):
        parts.append(f"speaks of: {_when(row['event_start'], row['event_end'], 'up to')}")
    parts += _definitions(row, who, own, define)
    short = _short_quote(row, _STATEMENT_QUOTE)
    if short:
        parts.append(f"„{_wrap(short)}“")
    return "<br>".join(parts + _hover_end(row, notes, corrected))


def _definitions(row, who: str, own: bool, define: tuple) -> list[str]:
    """A tooltip's lines defining the short forms it writes ("NIS: National Intelligence Service (South Korea)"),
    the one place a chart gives an actor's display name: its claimant's, its carrier's unless the article carries
    the claim itself (``own``: 'The article itself' needs no definition), those of ``define`` and the article's
    publisher."""
    named = ((who,) if own else (who, row["outlet_name"])) + tuple(define) + (row["article_outlet"],)
    return [_wrap(f"{n}: {full_name(row, n)}", 70) for n in dict.fromkeys(named) if full_name(row, n)]


def _short_quote(row, limit: int) -> str:
    """The record's quote, shortened at a word to at most ``limit`` characters (empty without a quote)."""
    quote = str(row["quote"]) if not pd.isna(row["quote"]) else ""
    return quote if len(quote) <= limit else textwrap.shorten(quote, limit, placeholder=" …")


def _hover_end(row, notes: dict[str, str], corrected: bool) -> list[str]:
    """A tooltip's last lines: the correction's note where the record corrects the text, then the record's id."""
    end = [f"CORRECTED: {_wrap(notes.get(row['record_id'], 'the reason is in the flags table (notebook 00)'), 70)}"]
    return (end if corrected else []) + [f"record {row['record_id']}"]


def _hover(row, notes: dict[str, str], define: tuple = ()) -> str:
    """The tooltip of one record, in plain language: who said what (the figure as read, with the words of the
    text where they differ), when it was said, what period it speaks of, via whom and in which article, then the
    quote (short) and the English summary; no vocabulary ids, no EDTF codes.

    ``notes`` holds the correction notes by record (:func:`_correction_notes`); the short forms of the names it
    writes (its claimant's, its carrier's and those of ``define``) are defined in one line ("NIS: National
    Intelligence Service (South Korea)"), the one place a chart writes an actor's display name."""
    who = str(row["claimant_name"])
    corrected = bool(row["is_corrected"])
    if not pd.isna(row["count_unit"]):
        says = f"text says „{row['count_expr']}“" if not pd.isna(row["count_expr"]) else ""
        extra = "; ".join(p for p in (says, "corrected" if corrected else "") if p)
        scope = scope_words(row)  # what it counts beyond its unit: 'sent', 'near the border'
        head = f"<b>{who}: {figure_label(row)}{' ' + scope if scope else ''}</b>" + (f" ({extra})" if extra else "")
    else:
        stance = schema.VOCABULARIES["stance"].get(row["stance"], {}).get("description", "")
        head = f"<b>{who}</b> {stance}" + (" (corrected)" if corrected else "")
    parts = [head]
    dated = not str(row["stated_method"]).endswith("not-stated")
    said = _when(row["stated_start"], row["stated_end"])
    parts.append(f"said: {said}" + ("" if dated else " (the article does not date it)"))
    if not str(row["event_method"]).endswith("not-stated"):
        parts.append(f"speaks of: {_when(row['event_start'], row['event_end'], 'up to')}")
    # the article by its publisher, else its headline (a tooltip said "in the article of unknown")
    article = headlines.article_name(row["article_outlet"], row["article_title"])
    # the article by its outlet and date, not its file name (review 9): the record id below leads to the file
    parts.append(f"via: {row['outlet_name']}, in the article of {article}, "
                 f"{published_words(row['published'], row.get('published_precision'))}")
    parts += _definitions(row, who, row.get("outlet") == default_outlet(), define)
    parts.append(f"„{_wrap(_short_quote(row, _HOVER_QUOTE))}“")
    parts.append(f"<i>{_wrap(row['summary_en'], 70)}</i>")
    return "<br>".join(parts + _hover_end(row, notes, corrected))


def claimant_colours(frame: pd.DataFrame) -> dict[str, str]:
    """One colour per claimant (by display name), the same in every chart drawn from ``frame``.

    The :data:`HIGHLIGHTED` claimants with the most count records (the claim types that need a count; ties by
    their records of any type, then by id) get the colours of :data:`HIGHLIGHT_PALETTE`, one each, handed out in
    the order of their ids; every other claimant
    is :data:`CONTEXT_GREY`. The colours depend on the whole frame only, never on what one chart draws, so an
    actor is the same colour in every figure of :data:`CHARTS` built from one frame.

    >>> f = pd.DataFrame({"claimant": ["b", "a", "b", "c"], "claimant_name": ["B", "A", "B", "C"],
    ...                   "claim_type": ["troop_count"] * 3 + ["confirmation"]})
    >>> claimant_colours(f)
    {'A': '#0072B2', 'B': '#D55E00', 'C': '#A0A0A0'}
    """
    if frame.empty:
        return {}
    ids = frame[["claimant", "claimant_name"]].drop_duplicates("claimant").sort_values("claimant", kind="stable")
    counted = frame.loc[frame["claim_type"].isin(count_claim_types()), "claimant"].value_counts()
    records = frame["claimant"].value_counts()
    ranked = sorted((-int(counted.get(i, 0)), -int(records[i]), i) for i in ids["claimant"])
    top = sorted(i for n, _, i in ranked[:HIGHLIGHTED] if n < 0)
    colour = {i: HIGHLIGHT_PALETTE[k] for k, i in enumerate(top)}
    out = {}
    for claimant, name in zip(ids["claimant"], ids["claimant_name"]):
        out.setdefault(name, colour.get(claimant, CONTEXT_GREY))
    return dict(sorted(out.items()))


def highlighted(colours: dict[str, str]) -> list[str]:
    """The claimants of :func:`claimant_colours` that have a colour of their own (not grey), by name."""
    return [name for name, c in colours.items() if c != CONTEXT_GREY]


def count_claim_types(chart: str | None = None) -> list[str]:
    """The claim types that need a count (vocabulary claim_type), or those the chart ``chart`` draws
    (attribute count_chart).

    >>> count_claim_types("casualties")
    ['casualty_count']
    """
    needing = schema.values_where("claim_type", "needs_count")
    return [t for t in needing if chart is None or schema.attribute("claim_type", t, "count_chart") == chart]


#: The columns of a count chart's records as a table (:func:`count_table`).
COUNT_TABLE_COLUMNS = ("record_id", "stated_edtf", "claimant_name", "stance", "count_expr", "count_low", "count_best",
                       "count_high", "count_unit", "event_edtf", "outlet_name", "seed", "flags")


def count_table(frame: pd.DataFrame, chart: str) -> pd.DataFrame:
    """The records the count chart ``chart`` draws (its claim types, :func:`count_claim_types`), as a table in the
    order they were said: what a notebook shows under the chart.

    >>> from timeline import load_events
    >>> list(count_table(load_events(), "casualties")["count_unit"].unique())
    ['killed_or_wounded']
    """
    rows = frame.loc[frame["claim_type"].isin(count_claim_types(chart)), list(COUNT_TABLE_COLUMNS)]
    return rows.sort_values(["stated_edtf", "record_id"]).reset_index(drop=True)


def _marker_y(frame: pd.DataFrame) -> pd.Series:
    """Where a count's marker sits: the best estimate, else the known bound, else the middle of the range."""
    low = frame["count_low"].astype("Float64")
    high = frame["count_high"].astype("Float64")
    middle = (low + high) / 2
    y = frame["count_best"].astype("Float64")
    y = y.fillna(middle).fillna(low).fillna(high)
    return y


def _open_bound(row) -> str | None:
    """Which way a count is open: "up" (at least, more than: no high), "down" (up to: no low) or None. An
    approximate figure (qualifier attribute approximate: about, almost) is never open, whatever bound it leaves
    empty: almost 10,000 is just under 10,000, not anything below it."""
    qualifier = row.get("count_qualifier")
    if isinstance(qualifier, str) and qualifier in schema.values_where("count_qualifier", "approximate"):
        return None
    if pd.isna(row["count_high"]) and not pd.isna(row["count_low"]):
        return "up"
    if pd.isna(row["count_low"]) and not pd.isna(row["count_high"]):
        return "down"
    return None


def _below_figure(qualifier) -> bool:
    """The qualifier puts the figure at or below its number (bounds: best and high, no low: up to, almost):
    drawn with the upper bound's symbol, so that "almost 10,000" does not read as an exact 10,000 (review 9)."""
    if not isinstance(qualifier, str) or qualifier not in VOCABULARIES["count_qualifier"]:
        return False
    bounds = schema.attribute("count_qualifier", qualifier, "bounds") or []
    return "high" in bounds and "low" not in bounds


def _approximate_words(data: pd.DataFrame, below: bool = False) -> list[str]:
    """The words (qualifier attribute word) of the approximate figures in ``data``, in the vocabulary's order:
    those drawn as a dot (``below`` false: about) or those drawn as an upper bound (``below``: almost)."""
    present = set(data["count_qualifier"].dropna()) if "count_qualifier" in data else set()
    return [schema.attribute("count_qualifier", q, "word") for q in schema.values_where("count_qualifier",
                                                                                        "approximate")
            if q in present and schema.attribute("count_qualifier", q, "word") and _below_figure(q) == below]


def _figure_key(data: pd.DataFrame) -> str:
    """The key's words for a dot: a figure as given, and the approximate ones it stands for too."""
    words = _approximate_words(data)
    return f"figure (or {' / '.join(words)})" if words else "figure as given"


def _down_key(data: pd.DataFrame) -> str:
    """The key's words for the upper bound's symbol: up to / at most, and almost where drawn."""
    return " / ".join([KEY_OPEN_DOWN] + _approximate_words(data, below=True))


def _count_symbol(row) -> str:
    """Marker symbol of a count: triangle for an open bound, diamond for a range without best, else circle (an
    approximate figure too: :func:`_open_bound`)."""
    bound = _open_bound(row)
    if bound == "up":
        symbol = "triangle-up"  # at least / more than: open upwards
    elif bound == "down" or _below_figure(row.get("count_qualifier")):
        symbol = "triangle-down"  # up to: open downwards; almost: just below the figure (not open)
    elif pd.isna(row["count_best"]):
        symbol = "diamond"  # a range without a best estimate: its tooltip sits at the middle, the range is drawn as a bar
    else:
        symbol = "circle"
    return symbol + ("-open" if row["_forecast"] else "")


def _range_only(row) -> bool:
    """A figure given only as a range, no best figure ("Tausende": 2,000-9,999): nobody claimed its middle."""
    return (pd.isna(row["count_best"]) and not pd.isna(row["count_low"]) and not pd.isna(row["count_high"])
            and row["count_low"] != row["count_high"])


def _lines_y(row, in_strip: bool):
    """Where a count's date lines (statement span or stub, period band) and its label stand: at its marker, but
    a range-only figure on the number axis (:func:`_range_only`) at its bar's foot, its low bound: its middle
    (5,999.5 for 2,000-9,999) is a figure nobody claimed, so nothing visible stands there (issue 15, review 9)."""
    if not in_strip and _range_only(row):
        return float(row["count_low"])
    return row["_yv"]


def _segments(pairs: list[tuple]) -> tuple[list, list, list]:
    """x, y and record ids of line segments ((x0, y0, x1, y1, record_id), ...), None-separated for one trace."""
    xs, ys, ids = [], [], []
    for x0, y0, x1, y1, rid in pairs:
        xs += [_x(x0), _x(x1), None]
        ys += [y0, y1, None]
        ids += [rid, rid, None]
    return xs, ys, ids


def _line_trace(pairs, *, name, colour, dash="solid", width=2, opacity=1.0, legendgroup, showlegend=False,
                meta) -> go.Scatter:
    xs, ys, ids = _segments(pairs)
    return go.Scatter(x=xs, y=ys, customdata=ids, mode="lines", name=name, legendgroup=legendgroup,
                      showlegend=showlegend, hoverinfo="skip", opacity=opacity, meta=meta,
                      line=dict(color=colour, dash=dash, width=width))


def _label_name(name: str, width: int = 30, lines: int = 1, short: str | None = None) -> str:
    """A claimant's name to label a mark: its display name in at most ``lines`` lines of ``width`` characters
    (<br>-joined), where it needs more the actor's declared ``short`` name, whole (a label is its only
    identification): :func:`timeline.headlines.actor_name`, the one way an actor is named, no third form.

    >>> _label_name("Members of the National Assembly", 16, 2, short="Assembly members")
    'Assembly members'
    >>> _label_name("Kim Jong-un", 16, 1, short="Kim")
    'Kim Jong-un'
    """
    return headlines.actor_name(name, short, width, lines)


def label_tag(name: str, kind=None, short: str | None = None) -> str:
    """The shortest name a direct label gives its claimant when the whole label finds no room (the tooltip names
    it in full): the display name where it fits in 14 characters, else the actor's declared ``short`` name
    (actors file), else the display name in lines of 14 characters (:func:`timeline.headlines.actor_name`). No
    name of its own making (no surname alone, no initials, no name cut with '…': a reader would meet the actor
    under a third name); ``kind`` is not read.

    >>> label_tag("National Intelligence Service (South Korea)", short="NIS"), label_tag("John Kirby", "person")
    ('NIS', 'John Kirby')
    >>> label_tag("Ukrainian military intelligence")
    'Ukrainian<br>military<br>intelligence'
    """
    return headlines.actor_name(name, short, 14, 1)


def _legend_key(name: str, *, symbol="circle", colour="#444", line=None, group=None) -> go.Scatter:
    """A legend entry that draws nothing: explains a marker or line style."""
    mode = "lines" if line else "markers"
    # a group of its own: a horizontal legend stacks the entries of one group on top of each other
    return go.Scatter(x=[None], y=[None], mode=mode, name=name, legendgroup=group or f"key: {name}",
                      marker=dict(symbol=symbol, color=colour, size=10, line=dict(color=colour, width=1.5)),
                      line=line or {}, hoverinfo="skip", meta="legend-key")


# --------------------------------------------------------------------------- direct labels


@dataclass(frozen=True)
class Label:
    """A direct label to place at a mark: the mark's data point and axes, the text (and a shorter one to fall
    back on), its colour and the mark's radius in pixels."""

    x: object
    y: float
    xref: str
    yref: str
    text: str
    short: str
    colour: str
    radius: float = 8.0


def _axis(fig: go.Figure, ref: str, letter: str):
    name = f"{letter}axis" + ref[1:]
    return fig.layout[name]


def _to_number(value) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    return pd.Timestamp(value).value / 1e6  # a date axis: milliseconds


def axis_number(axis) -> Callable[[object], float]:
    """A function from a value on ``axis`` to where it is drawn, as a number proportional to the pixels: the value
    (a date's milliseconds) less the time the axis's breaks (``rangebreaks``' bounds) before it leave out.

    >>> at = axis_number(go.layout.XAxis(rangebreaks=[dict(bounds=["2025-01-01", "2025-01-11"])]))
    >>> (at("2025-01-21") - at("2024-12-22")) / 86400000
    20.0
    """
    cuts = [(_to_number(b.bounds[0]), _to_number(b.bounds[1])) for b in (axis.rangebreaks or ())
            if b.bounds and b.enabled is not False]

    def number(value) -> float:
        v = _to_number(value)
        return v - sum(max(0.0, min(v, hi) - lo) for lo, hi in cuts)
    return number


def plot_geometry(fig: go.Figure, xref: str, yref: str, width: int | None = None):
    """The pixel frame of the panel of ``xref``/``yref`` at ``width``: a function from data (x, y) to layout
    pixels (from the top left) and the panel's box (x0, y0, x1, y1). The axes need explicit ranges."""
    width = width or LAYOUT_WIDTH
    m = fig.layout.margin
    plot_w, plot_h = width - m.l - m.r, fig.layout.height - m.t - m.b
    xa, ya = _axis(fig, xref, "x"), _axis(fig, yref, "y")
    xd, yd = xa.domain or (0, 1), ya.domain or (0, 1)
    bx0, bx1 = m.l + xd[0] * plot_w, m.l + xd[1] * plot_w
    by0, by1 = m.t + (1 - yd[1]) * plot_h, m.t + (1 - yd[0]) * plot_h
    categories = list(ya.categoryarray or ()) if ya.type == "category" else None
    y_range = ya.range if ya.range is not None else (-0.5, len(categories) - 0.5)
    x_number = axis_number(xa)
    (x0, x1), (y0, y1) = [x_number(v) for v in xa.range], [_to_number(v) for v in y_range]

    def at(x, y) -> tuple[float, float]:
        yv = categories.index(y) if categories is not None else _to_number(y)
        return (bx0 + (x_number(x) - x0) / (x1 - x0) * (bx1 - bx0),
                by1 - (yv - y0) / (y1 - y0) * (by1 - by0))
    return at, (bx0, by0, bx1, by1)


def _geometries(fig: go.Figure, width: int | None) -> Callable[[str, str], tuple]:
    """:func:`plot_geometry` of ``fig`` at ``width`` for any panel, each panel's read from the layout once: for
    a caller that asks for many marks' pixels while the figure's axes, margins and height stay as they are."""
    return functools.lru_cache(maxsize=None)(lambda xref, yref: plot_geometry(fig, xref, yref, width))


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def segment_meets_box(seg, box) -> bool:
    """Whether the line segment ``seg`` (x0, y0, x1, y1) passes through the box (x0, y0, x1, y1): a leader line
    through another label (Liang-Barsky clipping).

    >>> segment_meets_box((0, 0, 10, 10), (4, 4, 6, 6)), segment_meets_box((0, 0, 10, 0), (4, 1, 6, 3))
    (True, False)
    """
    x0, y0, x1, y1 = seg[:4]
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def _leader(px: float, py: float, box: tuple, dx: float = 0.0) -> tuple[float, float, float, float]:
    """The leader line from a mark at (px, py) to its label's box: to the middle of the box's near side for a
    label beside the mark (``dx``, its offset, not 0: the annotation is anchored there, :func:`place_labels`),
    else towards its centre, to the box's edge (plotly stops the line there)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    if dx:
        return px, py, (box[0] if dx > 0 else box[2]), cy
    w, h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    dx, dy = px - cx, py - cy
    t = min(w / abs(dx) if dx else math.inf, h / abs(dy) if dy else math.inf, 1.0)
    return px, py, cx + dx * t, cy + dy * t


def _candidates(w: float, h: float, r: float, prefer_right: bool, reach: int = 17,
                shifts: tuple[float, ...] = (0.0,)) -> list[tuple[float, float]]:
    """Offsets (dx, dy) of a label's centre from its mark, nearest first: beside it (the side away from the
    nearer edge first), then above and below, then further out with a leader line."""
    sides = (1, -1) if prefer_right else (-1, 1)
    out = []
    for k in range(0, reach):
        for sign in ((1,) if k == 0 else (-1, 1)):
            dy = sign * k * h * 0.55
            for side in sides:
                for shift in shifts:
                    out.append((side * (r + 2 + w / 2 + shift), dy))
            if abs(dy) >= r + h / 2:
                out.append((0.0, dy))
    return sorted(out, key=lambda p: (round(abs(p[0]) * 0.6 + abs(p[1]), 3)))


def segment_boxes(fig: go.Figure, width: int | None = None, pad: float = 1.0,
                  meta: str | None = None) -> list[tuple]:
    """The pixel boxes (x0, y0, x1, y1) of the line segments the figure draws (its traces drawn as lines: a
    range's bar, an open bound's dotted line), each as thick as its line plus ``pad``: what a label must not
    cover besides the markers (:func:`place_labels`, ``obstacles``). ``meta``: only the traces of this kind.
    The axes need explicit ranges."""
    boxes = []
    geometry = _geometries(fig, width)
    for t in fig.data:
        if t.type != "scatter" or t.mode != "lines" or t.x is None or (meta is not None and t.meta != meta):
            continue
        at, _ = geometry(t.xaxis or "x", t.yaxis or "y")
        half = (t.line.width or 2) / 2 + pad
        xs, ys = list(t.x), list(t.y)
        for i in range(len(xs) - 1):
            if xs[i] is None or xs[i + 1] is None or ys[i] is None or ys[i + 1] is None:
                continue
            (ax, ay), (bx, by) = at(xs[i], ys[i]), at(xs[i + 1], ys[i + 1])
            boxes.append((min(ax, bx) - half, min(ay, by) - half, max(ax, bx) + half, max(ay, by) + half))
    return boxes


def _add_annotations(fig: go.Figure, annotations: list[dict]) -> None:
    """Add ``annotations`` (each the keywords of ``fig.add_annotation``) to ``fig`` in one step: plotly's
    ``add_annotation`` validates every annotation already there again at each call, so that a loop of them costs
    the square of their number. The figure is the same as that of one ``add_annotation`` per item, in order."""
    if annotations:
        fig.layout.annotations = fig.layout.annotations + tuple(annotations)


def _add_shapes(fig: go.Figure, shapes: list[dict]) -> None:
    """Add ``shapes`` (each the keywords of ``fig.add_shape``) in one step, as :func:`_add_annotations` does."""
    if shapes:
        fig.layout.shapes = fig.layout.shapes + tuple(shapes)


def place_labels(fig: go.Figure, labels: list[Label], width: int | None = None,
                 obstacles: list[tuple] = (), soft: list[tuple] = ()) -> None:
    """Add each label as an annotation beside its mark where it overlaps no other label, no other mark, none of
    the pixel boxes ``obstacles`` (bars and lines: :func:`segment_boxes`) and does not leave its panel: the
    candidates of :func:`_candidates` are tried in order, the labels in the order
    given (the most important first); a label that finds no place falls back to its short text. Deterministic:
    the same labels give the same places. A label moved away from its mark gets a thin leader line, which
    passes through no other label, and no later label sits on it (:func:`segment_meets_box`). ``soft``: boxes a
    label keeps off where it finds room near its mark (a statement's stub), else not."""
    _add_annotations(fig, _label_annotations(fig, labels, width, obstacles, soft))


def _label_annotations(fig: go.Figure, labels: list[Label], width: int | None = None,
                       obstacles: list[tuple] = (), soft: list[tuple] = ()) -> list[dict]:
    """The annotations :func:`place_labels` adds, in order. Where a label found room only on a bar or line, or
    only with a leader through another label (a crowded panel: the slide's October 2024), the labels are placed
    again with such labels first (each try puts the next label that still needed it after those already moved
    up), and the first order in which fewer labels need that is kept: at most one more placement per label, the
    annotations in the labels' order."""
    out, rough = _placed_labels(fig, labels, width, obstacles, soft)
    promoted: list[int] = []
    last = rough
    while rough and len(promoted) < len(labels):
        fresh = [k for k in last if k not in promoted]
        if not fresh:
            break
        promoted.append(fresh[0])
        order = promoted + [j for j in range(len(labels)) if j not in promoted]
        again, worse = _placed_labels(fig, [labels[j] for j in order], width, obstacles, soft)
        last = [order[j] for j in worse]
        if len(last) < len(rough):
            out, rough = [again[order.index(j)] for j in range(len(labels))], last
    return out


def _placed_labels(fig: go.Figure, labels: list[Label], width: int | None,
                   obstacles: list[tuple], soft: list[tuple] = ()) -> tuple[list[dict], list[int]]:
    """The annotations of :func:`_label_annotations` for the labels in the order given, and the indices of the
    labels placed on a bar or line or with a leader through another label (the fallbacks that allow it)."""
    out: list[dict] = []
    rough: list[int] = []
    placed: list[tuple] = []
    leaders: list[tuple] = []  # the leader lines drawn so far: no later label sits on one
    marks = []
    geometry = _geometries(fig, width)
    for lab in labels:
        at, _ = geometry(lab.xref, lab.yref)
        px, py = at(lab.x, lab.y)
        marks.append((px - lab.radius, py - lab.radius, px + lab.radius, py + lab.radius))
    for k, lab in enumerate(labels):
        at, area = geometry(lab.xref, lab.yref)
        px, py = at(lab.x, lab.y)
        others = placed + [m for j, m in enumerate(marks) if j != k] + list(obstacles)

        def clear(box, text, dx, dy) -> bool:
            """Off every earlier leader line, and its own leader (if it gets one) through no earlier label."""
            if any(segment_meets_box(seg, box) for seg in leaders):
                return False
            tw, th = text_size(text)
            if abs(dy) > lab.radius + th / 2 + 1 or abs(dx) > lab.radius + 4 + tw / 2:  # drawn with a leader
                seg = _leader(px, py, box, dx)
                return not any(segment_meets_box(seg, o) for o in placed)
            return True
        chosen = None
        # near the mark first (the whole label, then the short one), only then further out with a leader line
        for text, reach, extra in [(t, r, e) for e in ((list(soft), []) if soft else ([],))
                                   for t, r in ((lab.text, 4), (lab.short, 4), (lab.text, 17), (lab.short, 17))]:
            if chosen:
                break
            w, h = text_size(text)
            w, h = w + 4, h + 2
            for dx, dy in _candidates(w, h, lab.radius, px < (area[0] + area[2]) / 2, reach=reach):
                box = (px + dx - w / 2, py + dy - h / 2, px + dx + w / 2, py + dy + h / 2)
                inside = box[0] >= area[0] and box[2] <= area[2] and box[1] >= area[1] - 4 and box[3] <= area[3]
                if inside and not any(_overlaps(box, o) for o in others + extra) and clear(box, text, dx, dy):
                    chosen = (text, dx, dy, box)
                    break
        # nowhere free of marks: the short text where it meets no other label and no bar or line, else where it
        # meets no other label
        # meets no other label, off the bars and lines and then off the leader lines where it can be
        # (first off the other marks too: with an open bound's short arrow no longer barring a row's right end,
        # '≥ 3,000' sat on the marker of 12,000 there)
        marked = [m for j, m in enumerate(marks) if j != k]
        for avoid, leaders_too in ((placed + marked + list(obstacles), True), (placed + marked + list(obstacles), False),
                                   (placed + list(obstacles), True), (placed + list(obstacles), False),
                                   (placed, True), (placed, False)):
            if chosen is not None:
                break
            w, h = text_size(lab.short)
            for dx, dy in _candidates(w + 4, h + 2, lab.radius, px < (area[0] + area[2]) / 2, reach=80,
                                      shifts=(0.0, 40.0, 90.0, 150.0, 250.0, 400.0)):
                box = (px + dx - w / 2 - 2, py + dy - h / 2 - 1, px + dx + w / 2 + 2, py + dy + h / 2 + 1)
                inside = box[0] >= area[0] and box[2] <= area[2] and box[1] >= area[1] - 4 and box[3] <= area[3]
                if inside and not any(_overlaps(box, o) for o in avoid) and (
                        not leaders_too or clear(box, lab.short, dx, dy)):
                    chosen = (lab.short, dx, dy, box)
                    if not (leaders_too and len(avoid) > len(placed)):  # on a bar or line, or a leader crossing
                        rough.append(k)
                    break
        if chosen is None:  # nowhere free: the short text beside the mark, on the freer side
            rough.append(k)
            w, h = text_size(lab.short)
            dx = (lab.radius + 2 + (w + 4) / 2) * (1 if px < (area[0] + area[2]) / 2 else -1)
            chosen = (lab.short, dx, 0.0, (px + dx - w / 2, py - h / 2, px + dx + w / 2, py + h / 2))
        text, dx, dy, box = chosen
        placed.append(box)
        far = abs(dy) > lab.radius + text_size(text)[1] / 2 + 1 or abs(dx) > lab.radius + 4 + text_size(text)[0] / 2
        # a label away from its mark and beside it is anchored at its near side: the leader runs to that side's
        # middle (to the box's centre it ran across the labels between)
        anchor = ("left" if dx > 0 else "right") if far and dx else None
        if far:
            leaders.append(_leader(px, py, box, dx if anchor else 0.0))
        out.append(dict(
            x=lab.x, y=lab.y, xref=lab.xref, yref=lab.yref, text=text, showarrow=True,
            ax=round(dx if anchor is None else (box[0] if dx > 0 else box[2]) - px, 1),
            ay=round(dy, 1), axref="pixel", ayref="pixel", arrowhead=0, arrowwidth=1,
            arrowcolor=lab.colour if far else "rgba(0,0,0,0)", standoff=lab.radius, name="label",
            align="left" if dx > 0 else "right" if dx < 0 else "center", **({"xanchor": anchor} if anchor else {}),
            font=dict(size=_MIN_FONT, color=lab.colour)))
    return out, rough


# --------------------------------------------------------------------------- counts over time


def _corrected(d: pd.DataFrame) -> pd.DataFrame:
    """The records of ``d`` whose value differs from the quote's words (a correction flag)."""
    return d[d["is_corrected"].fillna(False).astype(bool)]


def _ring(x, y, ids, *, size: int = 24, width: float = 2, name: str = "corrected value (footnote)",
          **kwargs) -> go.Scatter:
    """The black ring around each corrected value, the one way every chart draws it (its footnote is in the
    source block): the marks at ``x``, ``y`` of the records ``ids``; ``kwargs`` for the legend."""
    return go.Scatter(x=list(x), y=list(y), customdata=list(ids), mode="markers", name=name, meta="corrected",
                      hoverinfo="skip", marker=dict(symbol="circle-open", size=size, color="black",
                                                    line=dict(width=width)), **kwargs)


def _ring_corrected(fig: go.Figure, d: pd.DataFrame, row: int, legend_seen: set, size: int,
                    legendrank: int, y: str = "_y") -> None:
    """A ring (:func:`_ring`) on each corrected value of ``d`` (at its column ``y``) in the panel of ``row``;
    one legend entry."""
    corrected = _corrected(d)
    if corrected.empty:
        return
    fig.add_trace(_ring(_xs(corrected["stated_end"]), [v if isinstance(v, str) else float(v) for v in corrected[y]],
                        corrected["record_id"], size=size, legendgroup="corrected", legendrank=legendrank,
                        showlegend="corrected" not in legend_seen), row=row, col=1)
    legend_seen.add("corrected")


def _phone_number_axis(fig: go.Figure, **where) -> None:
    """A number axis laid out for a phone: four level ticks written 5k, 10k (readable in its narrow width);
    ``where``: the panel (row, col), else every x axis."""
    fig.update_xaxes(nticks=4, tickangle=0, tickformat="~s", **where)


def _y_title(unit: str) -> str:
    """The y axis title of a count panel: what is counted, in its unit (vocabulary count_unit, attribute counts)."""
    counts = schema.attribute("count_unit", unit, "counts")
    if counts != "people":
        return f"number of {counts}"
    return f"number of people:<br>{UNIT_LABEL[unit]}"


def _x_range(data: pd.DataFrame, skipped: pd.Timedelta = pd.Timedelta(0)) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis of ``data``'s dates, padded by 4 % of what it shows (its span less ``skipped``, the time a
    break leaves out: :func:`time_break`), twice that on the left for the open starts' stubs."""
    dates = pd.concat([data[c] for c in ("stated_start", "stated_end", "event_start", "event_end")]).dropna()
    lo, hi = dates.min(), dates.max()
    pad = max(pd.Timedelta(days=7), (hi - lo - skipped) * 0.04)
    return lo - pad * 2, hi + pad


#: A gap between a count chart's dates longer than this share of its time axis is cut out of the axis, so that
#: the months with figures get the width; the break is marked on every panel (:func:`_mark_break`) and named in
#: the subtitle, never hidden.
AXIS_BREAK_SHARE = 0.3


def _drawn_dates(data: pd.DataFrame) -> list[pd.Timestamp]:
    """Every day a count chart draws something at: the days stated and spoken of."""
    cols = ("stated_start", "stated_end", "event_start", "event_end")
    return sorted(set(pd.concat([data[c] for c in cols]).dropna()))


def time_break(data: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days a count chart's time axis leaves out: the longest gap between the days it draws at, less a margin
    on both sides (on the right the open starts' stubs, which reach back from their marks), where that is more
    than :data:`AXIS_BREAK_SHARE` of the axis; else None (the axis is whole).

    >>> from timeline import load_events
    >>> f = load_events()
    >>> [f"{d:%Y-%m-%d}" for d in time_break(f[f["claim_type"].isin(count_claim_types("deployments"))])]
    ['2025-01-01', '2025-08-11']
    """
    days = _drawn_dates(data)
    if len(days) < 2:
        return None
    gap, before, after = max((b - a, a, b) for a, b in zip(days, days[1:]))
    x0, x1 = _x_range(data)
    if gap <= (x1 - x0) * AXIS_BREAK_SHARE:
        return None
    shown = x1 - x0 - gap  # about what the axis shows once the gap is cut
    margin = max(pd.Timedelta(days=7), shown * 0.04)
    start, end = before + margin, after - margin - shown * OPEN_STUB_FRACTION * 1.5
    return (start.normalize(), end.normalize()) if end - start > margin else None


def _break_words(cut: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """The subtitle's words for a break in the time axis."""
    return f"time axis broken (//) {day_words(cut[0])} – {day_words(cut[1])}: no figure then"


def broken_ticks(x0, x1, cut: tuple[pd.Timestamp, pd.Timestamp], most: int, sep: str = " "
                 ) -> tuple[list[str], list[str]]:
    """At most ``most`` ticks (values, labels) of a time axis from ``x0`` to ``x1`` that leaves out ``cut``: the
    first of every k-th month on either side of the break, each side's first labelled with its year (after
    ``sep``), no tick in the break (plotly put one at its edge, a day no figure speaks of).

    >>> broken_ticks("2024-09-03", "2025-11-15", (pd.Timestamp("2025-01-02"), pd.Timestamp("2025-08-10")), 8)
    (['2024-10-01', '2024-11-01', '2024-12-01', '2025-09-01', '2025-10-01', '2025-11-01'], ['Oct 2024', 'Nov', 'Dec', 'Sep 2025', 'Oct', 'Nov'])
    """
    def first(day) -> pd.Timestamp:  # the first month start on or after ``day``
        day = pd.Timestamp(day)
        return day if day == day.normalize() and day.day == 1 else day.normalize() + pd.offsets.MonthBegin(1)
    clear = pd.Timedelta(days=10)  # a tick this near the break would stand on its mark
    sides = [pd.date_range(first(a), pd.Timestamp(b), freq="MS")
             for a, b in ((x0, cut[0] - clear), (cut[1] + clear, x1))]
    step = max(1, math.ceil(sum(len(m) for m in sides) / most))
    vals, texts = [], []
    for months in sides:
        for i, t in enumerate(months[::step]):
            vals.append(_x(t))
            texts.append(f"{t:%b}{sep}{t:%Y}" if i == 0 or t.month == 1 else f"{t:%b}")
    return vals, texts


def _stub(x0, x1) -> pd.Timedelta:
    """Length of the dashed stub that draws an open start, for an x range from x0 to x1."""
    return (pd.Timestamp(x1) - pd.Timestamp(x0)) * OPEN_STUB_FRACTION


#: The statements' stubs of the statements their article does not date (said on or before it appeared): the
#: quiet default, lighter than the pale markers they lead to (the fresh review found dark dashes outweighing them).
_QUIET_GREY = "rgba(136,136,136,0.4)"


def _open_arrows(pairs, *, colour, legendgroup, size=8) -> go.Scatter:
    """Left-pointing arrowheads at the left ends of open-start stubs: the start lies further back, unknown."""
    return go.Scatter(x=[_x(p[0]) for p in pairs], y=[p[1] for p in pairs], customdata=[p[4] for p in pairs],
                      mode="markers", legendgroup=legendgroup, showlegend=False, hoverinfo="skip", meta="open-start",
                      name="open start", marker=dict(symbol="triangle-left", size=size, color=colour))


def open_bound_traces(bounds, axis_length: float, *, colour: str, name: str, vertical: bool,
                      legendgroup: str | None = None) -> list[go.Scatter]:
    """The open bounds of one claimant in a count chart, the one way every count chart draws them: for each
    (where, bound, way, record id) in ``bounds`` (``where``: its day on a time axis or its row; ``way``: "up" for
    at least, "down" for up to) a dotted line from the bound the open way, :data:`OPEN_BOUND_FRACTION` of
    ``axis_length`` (the number axis's span) long and never below zero, and an arrowhead at its end pointing on
    (meta "open-bound" and "open-bound-end"). ``vertical``: the number axis is the y axis (deployments), else x.

    >>> line, head = open_bound_traces([("2024-10-23", 3000.0, "up", "r1")], 10000, colour="#444", name="n",
    ...                                vertical=True)
    >>> list(line.y), list(head.y), head.marker.symbol
    ([3000.0, 3800.0, None], [3800.0], ('triangle-up',))
    """
    length = OPEN_BOUND_FRACTION * axis_length
    ends = [(where, bound, bound + length if way == "up" else max(0.0, bound - length), way, rid)
            for where, bound, way, rid in bounds]
    numbers, places, ids = [], [], []
    for where, bound, end, _, rid in ends:
        numbers += [bound, end, None]
        places += [_x(where) if vertical else where] * 2 + [None]
        ids += [rid, rid, None]
    heads = [e[2] for e in ends]
    head_places = [_x(e[0]) if vertical else e[0] for e in ends]
    symbols = [("triangle-up" if e[3] == "up" else "triangle-down") if vertical else
               ("triangle-right" if e[3] == "up" else "triangle-left") for e in ends]
    xy = (lambda n, p: dict(x=p, y=n)) if vertical else (lambda n, p: dict(x=n, y=p))
    common = dict(name=name, legendgroup=legendgroup, showlegend=False, hoverinfo="skip")
    return [go.Scatter(**xy(numbers, places), customdata=ids, mode="lines", meta="open-bound",
                       line=dict(color=colour, **OPEN_BOUND_LINE), **common),
            go.Scatter(**xy(heads, head_places), customdata=[e[4] for e in ends], mode="markers",
                       meta="open-bound-end", cliponaxis=False,
                       marker=dict(symbol=symbols, size=OPEN_BOUND_HEAD, color=colour), **common)]


#: A phone's main panel: marks closer than this many layout pixels on the time axis stand in one column, and three
#: or more of them in one column are a crowded cluster (:func:`crowded_marks`), named in a list below the panel.
_CROWD_PX, _CROWD_MIN = 16, 3
#: The glyph a list entry of a crowded cluster starts with, for its mark's symbol (hollow where the mark is; its
#: own name: the statements' ``_GLYPHS``, defined later, had replaced it, and the hollow 'planned ≥ 12,000' read ●).
_COUNT_GLYPHS = {"circle": "●", "triangle-up": "▲", "triangle-down": "▼", "diamond": "◆",
           "circle-open": "○", "triangle-up-open": "△", "triangle-down-open": "▽", "diamond-open": "◇"}


def crowded_marks(days: pd.Series, x0, x1, plot_px: float, near: float = _CROWD_PX,
                  least: int = _CROWD_MIN) -> list[list]:
    """The crowded clusters of marks on a time axis from ``x0`` to ``x1`` drawn ``plot_px`` wide: runs of marks
    (``days``, indexed by record) each less than ``near`` pixels after the one before, of ``least`` marks or
    more; each a list of the index labels, in the order of the days. A phone's October 2024 (four marks of 18
    and 23 Oct in 4 px of a 290 px axis) is one.

    >>> d = pd.Series(pd.to_datetime(["2024-10-18", "2024-10-18", "2024-10-23", "2024-12-24"]), index=list("abcd"))
    >>> crowded_marks(d, pd.Timestamp("2024-09-10"), pd.Timestamp("2025-11-20"), 290)
    [['a', 'b', 'c']]
    """
    per_px = (pd.Timestamp(x1) - pd.Timestamp(x0)) / plot_px
    runs: list[list] = []
    last = None
    for key, day in days.dropna().sort_values(kind="stable").items():
        if last is not None and (day - last) < per_px * near:
            runs[-1].append(key)
        else:
            runs.append([key])
        last = day
    return [r for r in runs if len(r) >= least]


def _days_span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Two days as one span in words: '18–23 Oct 2024', '30 Sep – 2 Oct 2024', one day as '18 Oct 2024'.

    >>> _days_span(pd.Timestamp("2024-10-18"), pd.Timestamp("2024-10-23"))
    '18–23 Oct 2024'
    """
    if first == last:
        return day_words(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day_words(last)}"
    return f"{day_words(first).rsplit(' ', 1)[0] if first.year == last.year else day_words(first)} – {day_words(last)}"


def magnitude_notes(data: pd.DataFrame) -> list[str]:
    """One note per word for a magnitude drawn (:func:`timeline.summaries.magnitude_word`): the range the label
    gives is the suite's reading of the text's word, not a range the source gave (review 9: 'thousands
    (2,000–9,999)' read as if the article said 2,000 to 9,999), the text's words from the record.

    >>> d = pd.DataFrame({"count_qualifier": ["vague"], "count_low": [2000], "count_best": [None],
    ...                   "count_high": [9999], "count_expr": ["Tausende"]})
    >>> magnitude_notes(d)
    ['thousands (2,000–9,999): how the suite reads „Tausende“, not a range the text gives']
    """
    out: dict[str, None] = {}
    for _, r in data.iterrows():
        word = magnitude_word(r)
        if word and not pd.isna(r.get("count_expr")):
            out[f"{word} ({int(r['count_low']):,}–{int(r['count_high']):,}): how the suite reads "
                f"„{r['count_expr']}“, not a range the text gives"] = None
    return list(out)


def _add_source_note(fig: go.Figure, notes: list[str], width: int) -> None:
    """Add ``notes`` below the source block, one a line (wrapped to ``width``), the figure taller by their lines."""
    source = next((a for a in fig.layout.annotations if a.name == "source"), None)
    if source is None or not notes:
        return
    before = _source_extra(fig)
    size = source.font.size or _MIN_FONT
    text = "<br>".join(_wrap_px(n, (PHONE_MIN_WIDTH if width < PHONE_BREAK else width) - 24, size) for n in notes)
    source.text = f"{source.text}<br>{text}"
    fig.update_layout(height=fig.layout.height + _source_extra(fig) - before)
    _set_bottom(fig, fig.layout.margin.b - before)


def _crowd_entry(row, shorts: dict[str, str], width: int = PHONE_WIDTH) -> str:
    """A crowded mark's entry in the list below a panel: its symbol's glyph, the figure with what it counts, its
    claimant's tag and the day said, on a phone wrapped to the narrowest phone's width, at the column and on a
    slide (``width``) in one line: '▲ ≥ 3,000 sent, John Kirby (by 23 Oct 2024)'."""
    symbol = _count_symbol(row)
    figure = " ".join(p for p in (headlines.number(row), scope_words(row)) if p)
    who = label_tag(row["claimant_name"], row.get("claimant_kind"), shorts.get(row["claimant_name"]))
    day = f"({headlines.say_date(row)})"
    first, second = f"{_COUNT_GLYPHS.get(symbol, '●')} {figure},", f"{who.replace('<br>', ' ')} {day}"
    if width >= PHONE_BREAK:
        return f"{first} {second}"
    px, chars = PHONE_MIN_WIDTH - 24, 40  # and no line longer than 40 characters (a wide font draws them wider)

    def fits(line: str) -> bool:
        return text_width(line, _MIN_FONT) <= px and len(html.unescape(line)) <= chars
    if fits(f"{first} {second}"):
        return f"{first} {second}"
    lines: list[str] = []
    for words in (first.split(" "), who.replace("<br>", " ").split(" ") + [day]):  # the claimant and day on a
        # line of their own, the day never broken
        lines.append(words[0])
        for word in words[1:]:
            if fits(f"{lines[-1]} {word}"):
                lines[-1] += f" {word}"
            else:
                lines.append(word)
    return "<br>".join(lines)


#: A direct label of a count chart's main panel sits within this many layout pixels of its mark (the gap between
#: the mark's edge and the label's box); a label that finds no place that near, or whose leader line crosses
#: another record's mark, makes its cluster of marks a crowded one, listed below the panel (:func:`_far_labels`).
#: Measured on the project (review 10): the phone's farthest main-panel label 33 px, the column's '1,500' 283 px.
NEAR_LABEL_PX = 40


def _crowd_columns(texts: list[str], width: int) -> tuple[int, float]:
    """How many entries of a crowded cluster's list stand side by side at ``width`` (one on a phone; at the
    column and on a slide as many as fit: the list takes fewer lines of a scarce height), and a column's width."""
    col_px = max(text_size(t)[0] for t in texts) + 24
    if width < PHONE_BREAK:
        return 1, col_px
    return max(1, min(len(texts), int((width - 24) // col_px))), col_px


def _crowd_height(crowd: list[list], texts: dict[str, str], width: int) -> int:
    """The layout pixels the lists of the crowded clusters ``crowd`` take: a heading and the rows of entries."""
    out = 0
    for c in crowd:
        cols, _ = _crowd_columns([texts[rid] for rid in c], width)
        rows = [c[i:i + cols] for i in range(0, len(c), cols)]
        out += _LINE * (1 + sum(max(texts[rid].count("<br>") + 1 for rid in row) for row in rows)) + 8
    return out


#: The trace tags (``meta``) of a count chart's marks, as its traces are tagged (a range's bar is tagged as
#: the vocabulary's word is spelled: named here through a tag, not as a value).
_MARK_METAS = frozenset({"marker", "open-bound", "open-bound-end"} | {dict(meta="range")["meta"]})


def _mark_boxes(fig: go.Figure, width: int, yref: str = "y") -> list[tuple]:
    """(pixel box, record id) of each mark drawn on the panel of ``yref``: its visible markers, range bars, open
    bounds' dotted lines and arrowheads (what a leader line must not cross)."""
    out = []
    geometry = _geometries(fig, width)
    for t in fig.data:
        if (t.type != "scatter" or t.x is None or (t.yaxis or "y") != yref or t.customdata is None
                or t.meta not in _MARK_METAS):
            continue
        at, _ = geometry(t.xaxis or "x", yref)
        xs, ys, ids = list(t.x), list(t.y), list(t.customdata)
        if t.mode == "lines":
            half = (t.line.width or 2) / 2
            for i in range(len(xs) - 1):
                if None not in (xs[i], xs[i + 1], ys[i], ys[i + 1]):
                    (ax, ay), (bx, by) = at(xs[i], ys[i]), at(xs[i + 1], ys[i + 1])
                    out.append(((min(ax, bx) - half, min(ay, by) - half, max(ax, bx) + half, max(ay, by) + half),
                                ids[i]))
            continue
        opacity = t.marker.opacity
        for i, (x, y) in enumerate(zip(xs, ys)):
            if not (isinstance(opacity, (list, tuple)) and opacity[i] == 0):
                (px, py), r = at(x, y), (t.marker.size or 12) / 2
                out.append(((px - r, py - r, px + r, py + r), ids[i]))
    return out


def label_gap(fig: go.Figure, a, width: int) -> float:
    """The layout pixels between the mark of the label annotation ``a`` and the label's box (0: touching),
    less the mark's radius (the annotation's standoff)."""
    at, _ = plot_geometry(fig, a.xref, a.yref, width)
    px, py = at(a.x, a.y)
    cx, cy = px + (a.ax or 0), py + (a.ay or 0)
    w, h = text_size(a.text)
    x0 = cx if a.xanchor == "left" else cx - w if a.xanchor == "right" else cx - w / 2
    dx, dy = max(x0 - px, 0.0, px - x0 - w), max(cy - h / 2 - py, 0.0, py - cy - h / 2)
    return max(0.0, math.hypot(dx, dy) - (a.standoff or 0))


def label_leader(fig: go.Figure, a, width: int) -> tuple[float, float, float, float] | None:
    """The leader line the label annotation ``a`` draws (from its standoff at the mark to the label), in layout
    pixels, or None where it draws none."""
    if a.arrowcolor in (None, "rgba(0,0,0,0)") or not (a.ax or a.ay):
        return None
    at, _ = plot_geometry(fig, a.xref, a.yref, width)
    px, py = at(a.x, a.y)
    s = (a.standoff or 0) / math.hypot(a.ax or 0, a.ay or 0)
    return px + a.ax * s, py + a.ay * s, px + a.ax, py + a.ay


def _far_labels(fig: go.Figure, ids: list[str], annotations: list[dict], width: int) -> set[str]:
    """The records of the main panel's labels (``annotations``, one per id of ``ids``) that sit more than
    :data:`NEAR_LABEL_PX` from their mark or whose leader line crosses another record's mark."""
    marks = _mark_boxes(fig, width)
    out = set()
    for rid, kw in zip(ids, annotations):
        a = go.layout.Annotation(**kw)
        if a.yref != "y":
            continue
        leader = label_leader(fig, a, width)
        if label_gap(fig, a, width) > NEAR_LABEL_PX or (leader is not None and any(
                other != rid and segment_meets_box(leader, box) for box, other in marks)):
            out.add(rid)
    return out


def _far_clusters(fig: go.Figure, main: list[tuple], far: set[str], width: int) -> list[list]:
    """The clusters of the main panel's marks (``main``: the label tuples of :func:`count_figure`) that hold a
    record of ``far``: runs of marks each less than :data:`NEAR_LABEL_PX` right of the one before, of two marks
    or more (a far label of a mark standing alone lists nothing)."""
    geometry = _geometries(fig, width)
    xs = sorted((geometry(lab.xref, lab.yref)[0](lab.x, lab.y)[0], rid) for *_, rid, lab in main)
    runs: list[list] = []
    last = None
    for px, rid in xs:
        if last is not None and px - last < NEAR_LABEL_PX:
            runs[-1].append(rid)
        else:
            runs.append([rid])
        last = px
    return [r for r in runs if len(r) >= 2 and far & set(r)]


def _crowd_list(fig: go.Figure, crowd: list[list], texts: dict[str, str], labels: dict[str, Label],
                width: int, below_axis: bool, dates_px: float = 0.0) -> tuple[list[dict], list[tuple]]:
    """The annotations that name a count chart's crowded marks (:func:`crowded_marks`, :func:`_far_labels`):
    for each cluster a note above its highest mark ('18–23 Oct 2024: 4 figures, listed below') and, below the
    panel's dates (``dates_px``: what a second line of dates takes), a heading and one entry per mark (top to
    bottom as they stand; at the column and on a slide side by side where they fit, highest first), each in its
    claimant's colour. An entry is its mark's label (name "label", anchored at the mark, drawn in the list with
    no leader line: none crosses another mark). Returns the annotations and the note's pixel boxes (which the
    other labels keep off)."""
    out, boxes = [], []
    at, area = plot_geometry(fig, "x", "y", width)
    y = area[3] + 30 + dates_px + (_LINE + 6 if below_axis else 0)  # below the dates (and a last panel's title)
    for c in crowd:
        marks = [labels[rid] for rid in c]
        days = sorted(pd.Timestamp(m.x) for m in marks)
        span = _days_span(days[0], days[-1])
        top = max(at(m.x, m.y)[1] for m in marks)
        px, py = at(min(m.x for m in marks), max(m.y for m in marks))
        note = f"{span}: {len(marks)} figures,<br>listed below the panel"
        w, h = text_size(note)
        ny = max(area[1] + h / 2 + 2, min(top, py) - 8 - OPEN_BOUND_FRACTION * (area[3] - area[1]) - h / 2)
        out.append(dict(x=marks[0].x, y=max(m.y for m in marks), xref="x", yref="y", text=note, showarrow=True,
                        ax=round(-6.0, 1), ay=round(ny - py, 1), axref="pixel", ayref="pixel", arrowhead=0,
                        arrowcolor="rgba(0,0,0,0)", xanchor="left", align="left", name="crowd-note",
                        font=dict(size=_MIN_FONT, color="#444")))
        boxes.append((px - 6, ny - h / 2, px - 6 + w, ny + h / 2))
        cols, col_px = _crowd_columns([texts[rid] for rid in c], width)
        out.append(dict(text=f"{span}, {'top to bottom' if cols == 1 else 'highest first'}:", xref="paper",
                        yref="paper", x=0, y=1, showarrow=False,
                        xanchor="left", yanchor="middle", xshift=12 - fig.layout.margin.l,
                        yshift=-(y + _LINE / 2 - fig.layout.margin.t), name="crowd-list",
                        font=dict(size=_MIN_FONT, color="#444")))
        y += _LINE
        for i in range(0, len(c), cols):
            row = list(zip(c, marks))[i:i + cols]
            lines = max(texts[rid].count("<br>") + 1 for rid, _ in row)
            for j, (rid, m) in enumerate(row):
                mx, my = at(m.x, m.y)
                own = texts[rid].count("<br>") + 1
                out.append(dict(x=m.x, y=m.y, xref="x", yref="y", text=texts[rid], showarrow=True,
                                ax=round(12 + j * col_px - mx, 1), ay=round(y + own * _LINE / 2 - my, 1),
                                axref="pixel", ayref="pixel", arrowhead=0, arrowcolor="rgba(0,0,0,0)",
                                standoff=m.radius, xanchor="left", align="left", name="label",
                                font=dict(size=_MIN_FONT, color=m.colour)))
            y += lines * _LINE
        y += 8
    return out, boxes


def count_figure(frame: pd.DataFrame, claim_types: list[str], title: str, what: str,
                 flags: pd.DataFrame | None = None,
                 headline: Callable[[pd.DataFrame, pd.DataFrame], str] = headlines.count_headline, *,
                 width: int | None = None, main_px: int | None = None) -> go.Figure:
    """Counts of one claim type over time: the unit most figures are in as the main panel, every other unit
    a row of one compact strip below it, colour per claimant.

    Each record is a marker at the (latest) day it was stated, at its best
    estimate; its low–high range a vertical line, open bounds dotted to the
    edge; a statement date known only to a span a thin horizontal line over
    that span, an open start a dashed stub with a left arrowhead; the period
    the figure refers to (where the text gives one) a wide pale band. In the
    strip a figure sits in its unit's row, labelled with the figure and its unit
    (its qualifier and open bound in the words and the symbol).

    Args:
        frame: the events frame.
        claim_types: the claim types drawn (:func:`count_claim_types`).
        title: the figure title when there is nothing to draw.
        what: what the counts are, for the empty-figure message.
        flags: the flags table, for the reasons of corrected values.
        headline: the headline from the records drawn and the whole frame (:mod:`timeline.headlines`).
        width: the layout width (:data:`LAYOUT_WIDTH`, :data:`PHONE_WIDTH`, a slide's).
        main_px: the main panel's height in layout pixels (default: :data:`_MAIN_PANEL`, more on a phone).

    >>> from timeline import load_events
    >>> frame = load_events()
    >>> fig = count_figure(frame, count_claim_types("deployments"), "t", "troop counts")
    >>> drawn = {rid for t in fig.data if t.meta == "marker" for rid in t.customdata}
    >>> drawn == set(frame.loc[frame["claim_type"].isin(count_claim_types("deployments")), "record_id"])
    True
    """
    return _count_figure(frame, claim_types, title, what, flags, headline, width=width, main_px=main_px)[0]


def _count_figure(frame: pd.DataFrame, claim_types: list[str], title: str, what: str,
                  flags: pd.DataFrame | None = None,
                  headline: Callable[[pd.DataFrame, pd.DataFrame], str] = headlines.count_headline, *,
                  width: int | None = None, main_px: int | None = None,
                  listed: list[list] | None = None) -> tuple[go.Figure, list[list]]:
    """:func:`count_figure`, and the crowded clusters of the main panel it lists below the panel (record ids, top
    to bottom). ``listed``: clusters to list, as a build at another height found them (the slide's second build:
    :func:`deployments`); a phone's are :func:`crowded_marks`'; at the column and on a slide
    :func:`_far_labels`' are added to them (the figure is built again with them listed where there are any)."""

    raw_frame, raw_flags = frame, flags
    frame, flags = reader_frame(escaped_frame(frame)), _escaped_flags(flags)  # as text_safe does
    notes = _correction_notes(flags)
    data = frame[frame["claim_type"].isin(claim_types)].copy()
    if data.empty:
        return _empty(headline(data, frame), frame, what), []
    data["_forecast"] = headlines.is_forecast(data)
    data["_y"] = _marker_y(data)
    data = data.sort_values(["stated_end", "record_id"], kind="stable")
    shorts = short_names(frame)  # the actors' declared short names: a label names its claimant whole
    # a figure that is no total (a further number: "weitere 1.000") is never drawn on the totals' number axis:
    # the main unit's take a row of the strip of their own, above the other units' rows (in which no figure sits
    # on a number axis), each labelled "+..." with its unit
    main = headlines.main_unit(data[headlines.on_total_scale(data)]) or headlines.main_unit(data)
    data["_apart"] = ~headlines.on_total_scale(data) & (data["count_unit"] == main)
    unit_order = list(VOCABULARIES["count_unit"])
    others = ([(main, True)] if data["_apart"].any() else []) + [
        (u, False) for u in unit_order if u != main and u in set(data["count_unit"])]
    units = [(main, False)] + others
    colours = claimant_colours(frame)
    # a long stretch without a figure (the editor measured 60 % of the axis empty) is cut out of the time axis
    # (not on a phone: there the labels of the months either side need the empty months' room)
    width = width or LAYOUT_WIDTH
    narrow, wide = width < PHONE_BREAK, width > LAYOUT_WIDTH
    cut = time_break(data) if not narrow else None
    skipped = cut[1] - cut[0] if cut else pd.Timedelta(0)
    x0, x1 = _x_range(data, skipped)
    stub = _stub(x0, x1 - skipped)  # as long as on a whole axis showing as much time
    # the main unit is the panel; every other unit a row of one strip below it, each figure labelled there
    name_chars, name_lines = (16, 2) if narrow else (40, 1) if wide else (30, 1)  # a phone: short lines

    def strip_text(row) -> str:
        """A strip figure's label: the figure with its unit, then the claimant (on a slide, one line)."""
        who = _label_name(row["claimant_name"], name_chars, name_lines, shorts.get(row["claimant_name"]))
        what = figure_label(row)
        return f"{what}, {who}" if wide else f"{_wrap(what, 18) if narrow else what}<br>{who}"
    in_panel = (data["count_unit"] == main) & ~data["_apart"]
    strip_texts = {r["record_id"]: strip_text(r) for _, r in data[~in_panel].iterrows()}
    # a phone: the marks that stand in one column of the main panel (its October 2024: four in 4 px) get no label
    # at the mark, whose leaders crossed the other marks; each is named in a list below the panel, top to bottom
    # as they stand, and a note at the cluster points there (review 9, major 13)
    # at the column and on a slide the same where a label finds no place near its mark (review 10, blocker 1 and
    # major 8: the column's 'about 1,500 sent' sat at 13,500 with a leader up through the ringed 12,000)
    crowd: list[list] = list(listed or [])
    panel = data[in_panel].set_index("record_id")
    if narrow and listed is None:
        crowd = crowded_marks(panel["stated_end"], x0, x1, PHONE_WIDTH - 100)
    crowd = [sorted(c, key=lambda rid: (-float(panel.loc[rid, "_y"]), rid)) for c in crowd]
    crowd_text = {rid: _crowd_entry(data.set_index("record_id").loc[rid], shorts, width) for c in crowd for rid in c}
    crowd_px = _crowd_height(crowd, crowd_text, width)
    # a row of the strip: its label's height and room around it (a slide's height is scarce: less room; a row
    # of further numbers must leave the main panel a quarter of the slide)
    strip_row = int(max([text_size(t)[1] for t in strip_texts.values()] or [0]) + (2 if wide else 16))
    main_px = main_px or (_MAIN_PANEL if not narrow else int(_MAIN_PANEL * 1.4))
    heights = [main_px] + ([strip_row * len(others) + 12] if others else [])
    gap = (40 if wide else 70) + crowd_px + (14 if crowd and not narrow else 0)  # a slide's height is scarce:
    # its dates take one line (below); a list of crowded marks keeps clear of the strip's title below it
    strip_labels = {(u, apart): f"{UNIT_LABEL.get(u, u)}, {NOT_TOTALS}" if apart else UNIT_LABEL.get(u, u)
                    for u, apart in others}
    strip_what = "other units" + (" and further numbers (not totals)" if (~headlines.on_total_scale(data)).any()
                                  else "")
    strip_title = f"counted: {strip_what}"
    fig = make_subplots(rows=len(heights), cols=1, shared_xaxes=True, row_heights=heights,
                        vertical_spacing=gap / (sum(heights) + gap) if others else 0.0,
                        subplot_titles=[f"counted: {UNIT_LABEL.get(main, main)}"] +
                                       ([f"{strip_title} (each figure labelled with its unit)"] if others else []))
    legend_seen: set[str] = set()
    labels: list[tuple] = []
    extent: dict[str, tuple] = {}  # per record, the days its horizontal lines span
    top = 1.0
    for unit, apart in units:
        r = 2 if (unit, apart) != (main, False) else 1
        in_strip = r == 2
        d = data[(data["count_unit"] == unit) & (data["_apart"] == apart)].copy()
        d["_yv"] = [strip_labels[(unit, apart)]] * len(d) if in_strip else [float(v) for v in d["_y"]]
        if not in_strip:
            values = pd.concat([d["count_low"], d["count_best"], d["count_high"]]).dropna()
            top = float(values.max()) * 1.25 if len(values) else 1.0
        # grey claimants first, so that the highlighted ones are drawn on top
        for name, g in sorted(d.groupby("claimant_name", sort=True), key=lambda p: colours[p[0]] != CONTEXT_GREY):
            colour = colours[name]
            key_name = name if colour != CONTEXT_GREY else OTHER_CLAIMANTS
            legend_seen.add(key_name)
            ranges, open_bounds, spans, open_spans, events, open_events = [], [], [], [], [], []
            rows = [row for _, row in g.iterrows()]  # once: each iterrows() converts the whole frame again
            for row in rows:
                x, y, rid = row["stated_end"], _lines_y(row, in_strip), row["record_id"]
                low, high = row["count_low"], row["count_high"]
                if not in_strip:  # a count's range and open bound: vertical, on the number axis
                    if not pd.isna(low) and not pd.isna(high) and low != high:
                        ranges.append((x, float(low), x, float(high), rid))
                    bound = _open_bound(row)
                    if bound:
                        open_bounds.append((x, float(low if bound == "up" else high), bound, rid))
                if pd.isna(row["stated_start"]):
                    open_spans.append((x - stub, y, x, y, rid))
                elif row["stated_start"] != row["stated_end"]:
                    spans.append((row["stated_start"], y, x, y, rid))
                if not str(row["event_method"]).endswith("not-stated"):
                    if pd.isna(row["event_start"]):
                        open_events.append((row["event_end"] - stub, y, row["event_end"], y, rid))
                    else:
                        events.append((row["event_start"], y, row["event_end"] + pd.Timedelta(days=1) if
                                       row["event_start"] == row["event_end"] else row["event_end"], y, rid))
            kw = dict(colour=colour, legendgroup=name)
            for a, _, b, _, rid in events + open_events + spans + open_spans:  # a strip label keeps clear of them
                extent[rid] = (min(extent.get(rid, (a, b))[0], a), max(extent.get(rid, (a, b))[1], b))
            traces = [
                _line_trace(events, name=f"{name}: period referred to", width=9, meta="event-span",
                            **{**kw, "colour": PERIOD_BAND}),
                _line_trace(open_events, name=f"{name}: period referred to (open start)", width=9,
                            dash="dash", meta="event-open", **{**kw, "colour": PERIOD_BAND}),
                _line_trace(spans, name=f"{name}: statement date span", width=2, meta="stated-span", **kw),
                _line_trace(open_spans, name=f"{name}: statement date open start", width=1.5, dash="dash",
                            meta="stated-open", **kw),
                # a range without a single figure ("Tausende": 2,000-9,999) is a faded bar over the range, no
                # point inside it: nothing suggests the figure at its middle
                _line_trace(ranges, name=f"{name}: range", width=9, opacity=0.45, meta="range", **kw),
            ] + (open_bound_traces(open_bounds, top, name=f"{name}: open bound", vertical=True, **kw)
                 if open_bounds else [])
            for t in traces:
                if len(t.x):
                    fig.add_trace(t, row=r, col=1)
            if open_spans or open_events:
                fig.add_trace(_open_arrows(open_spans + open_events, **kw), row=r, col=1)
            # the claimant and the figure labelled at the mark (no claimant legend), placed where no label
            # collides (place_labels, once the layout is known); in the strip the figure names its unit
            label_colour = colour if colour != CONTEXT_GREY else "#666666"
            for row in rows:
                # a phone: a long figure ("thousands (2,000–9,999)") takes two short lines, as the name does
                # with what it counts beyond its unit: 'about 15,000 sent' and 'almost 10,000 near the border'
                # of one claimant and day read alike without it (issue 15)
                figure = " ".join(p for p in (headlines.number(row), scope_words(row)) if p)
                figure = _wrap(figure, 16) if narrow and len(figure) > 16 else figure
                who = _label_name(name, name_chars, name_lines, shorts.get(name))
                if in_strip:
                    text = strip_texts[row["record_id"]]
                    short = (f"{_wrap(figure_label(row), 18)}<br>"
                             f"{label_tag(name, row.get('claimant_kind'), shorts.get(name))}")
                else:  # where the whole name finds no room, its tag: a label always names its claimant
                    text = f"{figure}<br>{who}"
                    short = (f"{figure}{'<br>' if narrow else ' '}"
                             f"{label_tag(name, row.get('claimant_kind'), shorts.get(name))}")
                labels.append((in_strip, colour == CONTEXT_GREY, -float(row["_y"]), row["record_id"], Label(
                    x=_x(row["stated_end"]), y=_lines_y(row, in_strip), xref=f"x{r}" if r > 1 else "x",
                    yref=f"y{r}" if r > 1 else "y", text=text, short=short, colour=label_colour)))
            fig.add_trace(go.Scatter(
                x=_xs(g["stated_end"]), y=list(g["_yv"]), customdata=list(g["record_id"]),
                mode="markers", name=name, legendgroup=name, showlegend=False, meta="marker",
                hovertext=[_hover(row, notes) for row in rows],
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(symbol=[_count_symbol(row) for row in rows], size=12, color=colour,
                            # the middle of a range on the number axis is only where its tooltip is: not drawn
                            opacity=[0 if not in_strip and _count_symbol(row).startswith("diamond") else 1
                                     for row in rows],
                            line=dict(color=colour, width=2))), row=r, col=1)
        _ring_corrected(fig, d, r, legend_seen, size=22, legendrank=900, y="_yv")
    # a phone: the panel's title says what is counted; the axis title would take a fifth of the width
    # a phone and a slide: the panel's title says what is counted; the axis title would take a fifth of the
    # width, on a slide more than the short panel's height
    fig.update_yaxes(title_text=None if narrow or wide else _y_title(main), range=[0, top], rangemode="tozero",
                     tickformat=",d", row=1, col=1)
    if others:
        rows = [strip_labels[u] for u in others][::-1]  # the first unit on top
        fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows, range=[-0.5, len(rows) - 0.5],
                         showticklabels=False, showgrid=True, gridcolor="#eeeeee", zeroline=False, row=2, col=1)
    present = set(data.apply(_count_symbol, axis=1).str.replace("-open", "", regex=False))
    keys = [_legend_key(label, symbol=symbol) for symbol, label in (
        ("circle", _figure_key(data)), ("triangle-up", KEY_OPEN_UP), ("triangle-down", _down_key(data)))
        if symbol in present]
    # hollow is a plan or a forecast; a ring (corrected) is no hollow marker: the key says which hollow means,
    # so that a planned figure is not read as a corrected one without its footnote (review 9, major 3)
    planned = data["count_measure"].isin(schema.values_where("count_measure", "is_forecast"))
    forecast = (data["_forecast"] & ~planned).any()
    if data["_forecast"].any():
        # a plan in the word its measure's labels write (vocabulary count_measure, attribute word)
        plans = list(dict.fromkeys(schema.attribute("count_measure", m, "word")
                                   for m in data.loc[planned, "count_measure"]))
        words = " or ".join(plans + (["a forecast"] if forecast else []))
        keys.append(_legend_key(f"hollow: {words}", symbol="circle-open"))
    # a range without a single figure in the strip ('+thousands') is a diamond (on the number axis, a bar): one
    # entry of the key draws both
    strip_diamond = (~in_panel & data.apply(_count_symbol, axis=1).str.startswith("diamond")).any()
    bar = _legend_key(KEY_DIAMOND if strip_diamond else "bar: a range", line=dict(color="rgba(68,68,68,0.45)", width=9))
    if strip_diamond:
        bar.mode, bar.marker.symbol, bar.marker.color = "lines+markers", "diamond", "#444"
    if narrow:  # a phone's key has room for 8 entries: a dot needs none there, each dot's label gives its figure
        keys = [k for k in keys if k.marker.symbol != "circle"]
    keys += [
        bar,
        _legend_key(KEY_LEFT_OPEN, line=dict(color="#444", **OPEN_BOUND_LINE)),
        _legend_key("◄ dashed: said on or before", line=dict(color="#444", width=1.5, dash="dash")),
        _legend_key("band: period spoken of", line=dict(color=PERIOD_BAND, width=9)),
    ]
    for k in keys:
        k.legendrank = 1100
        fig.add_trace(k)
    # the dates in one line on a phone and on a slide (fewer ticks there), in two at the column
    fig.update_xaxes(range=[x0, x1], type="date", tickformat="%b %Y" if narrow or wide else "%-d %b\n%Y",
                     showgrid=True, showticklabels=True, nticks=4 if narrow else 8 if wide else None, tickangle=0)
    if narrow and not cut:  # a phone's whole axis: its first tick names the month of the first figure, whose
        # cluster had no date (review 9, major 13: the first tick fell on Jan 2025), then every k-th month
        vals, texts = _phone_count_ticks(data, x0, x1, 4)
        fig.update_xaxes(tickmode="array", tickvals=vals, ticktext=texts)
    if cut:
        vals, texts = broken_ticks(x0, x1, cut, 4 if narrow else 8, "<br>" if not (narrow or wide) else " ")
        fig.update_xaxes(rangebreaks=[dict(bounds=[_x(cut[0]), _x(cut[1])])], tickmode="array", tickvals=vals,
                         ticktext=texts)
        _mark_break(fig, cut, len(heights))
    # a slide: the subtitle says what the dates are (its height is scarce: the axis title took 30 px of it)
    fig.update_xaxes(title_text="day stated (latest possible)" if narrow else None if wide else
                     "day the figure was stated (latest possible day)", row=len(heights), col=1)
    left = int(16 + (0 if narrow or wide else 2 * _MIN_FONT * LINE_HEIGHT) + len(f"{int(top):,}") * _MIN_FONT * CHAR_WIDTH
               + 12)
    if wide:  # a slide's height is scarce: the key's short words (a phone's), in one row where they fit
        _phone_key(fig)
    _base_layout(fig, headline(data, frame), frame, data, height=sum(heights) + gap * (len(heights) - 1) + 200,
                 subtitle=f"the number each claimant gave, by the day stated{' (latest possible)' if wide else ''}; "
                          # a further number's label starts with '+' (review 9: '+1,000' was unexplained)
                          f"{strip_what.replace('(not totals)', '(+: not totals)') + ' in the strip below' if others else 'one unit'}"
                          + (f"; {_break_words(cut)}" if cut else ""),
                 width=width, left=left, right=16 if narrow else _KEY_RIGHT, key_from_edge=True)
    if wide:  # the dates in one line and no axis title: the source moves up by what the column keeps for them
        fig.update_layout(height=fig.layout.height - _SLIDE_DATES - _SLIDE_AXIS_TITLE)
        _set_bottom(fig, _BOTTOM - _SLIDE_DATES - _SLIDE_AXIS_TITLE)
    # (not on the slide, whose panel the line would take from: its labels then met the stubs of October 2024)
    _add_source_note(fig, magnitude_notes(data) if not wide else [], width)
    if crowd and not others:  # the list of the crowded marks below the only panel: above the source
        fig.update_layout(height=fig.layout.height + crowd_px)
        _set_bottom(fig, fig.layout.margin.b + crowd_px)
    if others and narrow:  # a phone cut the strip's title off at the right: the longest that fits
        _fit_strip_title(fig, f"{strip_title} (each figure labelled with its unit)", width,
                         (strip_title, "counted: other units, further numbers", "other units, further numbers")
                         if "further" in strip_what else ("counted: other units",))
    # the main panel's labels first (the highest figures first), then the strip's
    ordered = [t for t in sorted(labels, key=lambda t: t[:4])]
    strip = [t for t in ordered if t[0]]
    alone = [t for t in strip if sum(s[-1].y == t[-1].y for s in strip) == 1]
    # a label keeps off the range bars too (their middle draws no marker to keep it away), and off the dotted
    # lines of open bounds, which ran through the slide's '≥ 12,000' label
    # and off the statement dates' lines and stubs (with their arrowheads) and the period bands: '≥ 3,000' sat on
    # another claimant's stub on the slide
    # where they find room near their marks (a phone's panel has too little for that everywhere)
    obstacles = segment_boxes(fig, width, meta="range") + segment_boxes(fig, width, meta="open-bound")
    soft = [b for meta in ("stated-span", "stated-open", "event-span", "event-open")
            for b in segment_boxes(fig, width, meta=meta)]
    geometry = _geometries(fig, width)
    for t in fig.data:
        if t.meta in ("open-start", "open-bound-end"):  # the stubs' arrowheads, and the open bounds' (kept off)
            at, _ = geometry(t.xaxis or "x", t.yaxis or "y")
            half = (t.marker.size or 8) / 2
            boxes = [(px - half, py - half, px + half, py + half) for px, py in (at(x, y) for x, y in zip(t.x, t.y))]
            if t.meta == "open-start":
                soft += boxes
            else:
                obstacles += boxes
    listed_ids = {rid for c in crowd for rid in c}
    if crowd:  # crowded marks: named in a list below the panel, a note at the cluster
        crowd_notes, note_boxes = _crowd_list(
            fig, crowd, crowd_text, {t[3]: t[-1] for t in ordered if t[3] in listed_ids}, width,
            below_axis=not others, dates_px=0.0 if narrow or wide else _LINE)  # the column's dates: two lines
        _add_annotations(fig, crowd_notes)
        obstacles += note_boxes
    placing = [t for t in ordered if t not in alone and t[3] not in listed_ids]
    annotations = _label_annotations(fig, [t[-1] for t in placing], width, obstacles, soft)
    if not narrow and not wide:  # the column: a label far from its mark lists its cluster (with those listed;
        # not yet on a slide, whose list took the short panel's height until its 4 Nov 2025 pair crowded too)
        far = _far_labels(fig, [t[3] for t in placing], annotations, width)
        if far:
            found = _far_clusters(fig, [t for t in placing if not t[0]], far, width)
            if found:
                return _count_figure(raw_frame, claim_types, title, what, raw_flags, headline, width=width,
                                     main_px=main_px, listed=crowd + found)
    _add_annotations(fig, annotations)
    # one figure in its row: beside its lines, on the side with room
    _add_annotations(fig, [a for *_, rid, lab in alone for a in _row_label(fig, lab, extent.get(rid), width)])
    return fig, crowd


#: The break mark of a time axis: a gap this many layout pixels wide through each panel, and two slanted
#: strokes across the axis line.
_BREAK_PX = 10


def _phone_count_ticks(data: pd.DataFrame, x0, x1, most: int) -> tuple[list[str], list[str]]:
    """At most ``most`` month ticks (values, "Oct 2024" labels) from the month of the first day a figure was
    stated to ``x1``: the first figures get a date (at the month's first day where the axis shows it, else at
    the first day stated).

    >>> d = pd.DataFrame({"stated_end": pd.to_datetime(["2024-10-18", "2025-11-04"])})
    >>> _phone_count_ticks(d, pd.Timestamp("2024-09-10"), pd.Timestamp("2025-11-20"), 4)[1]
    ['Oct 2024', 'Feb 2025', 'Jun 2025', 'Oct 2025']
    """
    stated = data["stated_end"].dropna()
    first_day = pd.Timestamp(stated.min()) if len(stated) else pd.Timestamp(x0)
    months = pd.date_range(first_day.normalize() - pd.offsets.MonthBegin(1) if first_day.day != 1
                           else first_day.normalize(), pd.Timestamp(x1), freq="MS")
    picked = list(months[::max(1, math.ceil(len(months) / most))])
    vals = [first_day if i == 0 and t < pd.Timestamp(x0) else t for i, t in enumerate(picked)]
    return [_x(v) for v in vals], [f"{t:%b %Y}" for t in picked]


def _mark_break(fig: go.Figure, cut: tuple[pd.Timestamp, pd.Timestamp], panels: int) -> None:
    """Mark the days ``cut`` out of a count chart's time axis on each of its ``panels``: a white gap through the
    panel (its grid lines stop) and two slanted strokes ('//') across the axis line, where the break is drawn."""
    at = _x(cut[0])
    shapes = []
    for k in range(1, panels + 1):
        xref, yref = ("x", "y") if k == 1 else (f"x{k}", f"y{k}")
        common = dict(xref=xref, xsizemode="pixel", xanchor=at, name="axis-break", layer="above")
        shapes.append(dict(type="rect", yref=f"{yref} domain", y0=0, y1=1, x0=-_BREAK_PX / 2, x1=_BREAK_PX / 2,
                           fillcolor="white", line=dict(width=0), **common))
        for dx in (-_BREAK_PX / 2, _BREAK_PX / 2):
            shapes.append(dict(type="line", yref=f"{yref} domain", ysizemode="pixel", yanchor=0, y0=-7, y1=7,
                               x0=dx - 3, x1=dx + 3, line=dict(color="#444", width=1.5), **common))
    _add_shapes(fig, shapes)


def _row_label(fig: go.Figure, lab: Label, extent: tuple | None, width: int) -> list[dict]:
    """The annotation labelling the one mark of a strip's row on its own line: left of the record's lines (its
    date span, stub, period band), ending just before them, where that leaves the label inside the panel; else
    right of them, else where :func:`place_labels` finds room."""
    at, area = plot_geometry(fig, lab.xref, lab.yref, width)
    px, py = at(lab.x, lab.y)
    x0, x1 = (at(extent[0], lab.y)[0], at(extent[1], lab.y)[0]) if extent else (px, px)
    w = text_size(lab.text)[0]
    left_end = min(x0, px - lab.radius) - 6
    if left_end - w >= area[0]:  # the text's right edge at the lines' start: anchored there, whatever its width
        dx, align = left_end - px, "right"
    elif max(x1, px + lab.radius) + 6 + w <= area[2]:
        dx, align = max(x1, px + lab.radius) + 6 - px, "left"
    else:
        return _label_annotations(fig, [lab], width)
    return [dict(x=lab.x, y=lab.y, xref=lab.xref, yref=lab.yref, text=lab.text, showarrow=True,
                 ax=round(dx, 1), ay=0, axref="pixel", ayref="pixel", arrowhead=0, arrowwidth=1,
                 arrowcolor="rgba(0,0,0,0)", standoff=lab.radius, name="label", align=align, xanchor=align,
                 font=dict(size=_MIN_FONT, color=lab.colour))]


@text_safe
def deployments(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *, width: int | None = None,
                slide: bool = False) -> go.Figure:
    """Reported troop numbers (the claim types whose count_chart is this chart) over time, by claimant: the main
    unit's panel, the other units in a strip below. ``slide``: laid out for a 16:9 slide, the main panel taking
    the height the headline, key, strip and source leave.

    >>> from timeline import load_tables
    >>> fig = deployments(*load_tables())
    >>> {"r003-02", "r003-03", "r003-04"} <= {rid for t in fig.data if t.meta == "marker" for rid in t.customdata}
    True
    """
    build = functools.partial(_count_figure, frame, count_claim_types("deployments"), CHARTS["deployments"].title,
                              "troop counts", flags)
    if not slide:
        return build(width=width)[0]
    for w, h in SLIDE_SIZES:
        fig, crowd = build(width=w)
        if not fig.data:
            return fig
        room = h - (fig.layout.height - _MAIN_PANEL)  # what the slide leaves the main panel
        if room >= _MAIN_PANEL * 0.3:  # a fifth of the slide or more: kept at 12 pt rather than 8 pt text
            # (0.3, not 0.45: at 1,280 x 720 the 12 pt text takes more of the slide than 10 pt did at 1,536)
            break
    # the crowded clusters the first build listed, listed again (the slide's height is that build's); where the
    # lower panel crowds more marks, the list grows: the room is measured again (at most three times)
    for _ in range(3):
        fig, more = build(width=w, main_px=room, listed=crowd)
        if fig.layout.height <= h or room <= 1:
            break
        crowd, room = more, h - (fig.layout.height - room)
    return fig


#: Layout pixels of one claim's row in the compact comparison charts (casualties), and of a panel's own room.
_CLAIM_ROW, _PANEL_EXTRA = 46, 60


@text_safe
def casualties(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *, width: int | None = None,
               slide: bool = False, height: int | None = None) -> go.Figure:
    """Reported casualties (the claim types whose count_chart is this chart) as a compact comparison: one row per
    claim, labelled with its claimant, the day said and the figure with its qualifier, on a number axis; one panel
    per unit (killed apart from killed or wounded), each sized to its rows. A figure given exactly is a dot, a
    range a bar, an open bound a triangle at the bound with a dotted line the open way; corrected values ringed.

    >>> import timeline
    >>> casualties(timeline.load_events()).layout.title.text.startswith("Casualty figures reported for North Korean")
    True

    ``slide``: laid out for a 16:9 slide (:func:`_on_slide`); ``height``: the figure's fixed height.
    """
    if slide:
        return _on_slide(lambda w, h: casualties(frame, flags, width=w, height=h))
    width = width or LAYOUT_WIDTH
    notes = _correction_notes(flags)
    data = frame[frame["claim_type"].isin(count_claim_types("casualties")) & frame["count_unit"].notna()].copy()
    if data.empty:
        return _empty(headlines.casualty_headline(data, frame), frame, "casualty counts")
    data["_y"] = _marker_y(data).astype(float)
    data["_forecast"] = headlines.is_forecast(data)
    rank = {n: i for i, n in enumerate(actor_order(frame))}
    data["_rank"] = data["claimant_name"].map(rank)
    data = data.sort_values(["_rank", "stated_end", "record_id"], kind="stable")
    units = [u for u in VOCABULARIES["count_unit"] if u in set(data["count_unit"])]
    colours = claimant_colours(frame)
    counts = [int((data["count_unit"] == u).sum()) for u in units]
    narrow = width < PHONE_BREAK
    row_px = _CLAIM_ROW + (44 if narrow else 0)  # a phone's labels take four short lines
    heights = [row_px * n + 20 for n in counts]
    gap = 80
    fig = make_subplots(rows=len(units), cols=1, row_heights=heights,
                        vertical_spacing=gap / (sum(heights) + gap * (len(units) - 1)) if len(units) > 1 else 0.0,
                        subplot_titles=[f"counted: {UNIT_LABEL.get(u, u)}" for u in units])
    row_labels: list[str] = []
    for r, unit in enumerate(units, start=1):
        g = data[data["count_unit"] == unit]
        values = pd.concat([g["count_low"], g["count_best"], g["count_high"]]).dropna().astype(float)
        right = float(values.max()) * 1.3 if len(values) else 1.0
        labels = []
        for _, row in g.iterrows():
            who = _label_name(row["claimant_name"], 16 if narrow else 30, 2 if narrow else 1,
                              short_names(data).get(row["claimant_name"]))
            sep = "<br>" if narrow else ", "
            labels.append(f"{who}{sep}{headlines.say_date(row)}:<br><b>{headlines.number(row)}</b>")
        row_labels += labels
        n_before = len(fig.data)
        for (_, row), label in zip(g.iterrows(), labels):
            _draw_row(fig, g.loc[[row.name]], label, colours, right, notes)
        for t in fig.data[n_before:]:
            t.update(xaxis="x" if r == 1 else f"x{r}", yaxis="y" if r == 1 else f"y{r}")
            if t.meta == "latest":
                t.update(meta="marker", text=None, mode="markers")
        ringed = _corrected(g)
        if len(ringed):
            fig.add_trace(_ring([float(v) for v in ringed["_y"]],
                                [labels[list(g["record_id"]).index(i)] for i in ringed["record_id"]],
                                ringed["record_id"]), row=r, col=1)
        fig.update_xaxes(range=[0, right], tickformat=",d", showgrid=True, row=r, col=1)
        if narrow:
            _phone_number_axis(fig, row=r, col=1)
        fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1],
                         range=[-0.6, len(labels) - 0.4], row=r, col=1)
    fig.update_xaxes(title_text="number claimed", row=len(units), col=1)
    left = int(max(text_size(label)[0] for label in row_labels) + 24)
    _base_layout(fig, headlines.casualty_headline(data, frame), frame, data,
                 height=sum(heights) + gap * (len(units) - 1) + 200,
                 subtitle="each claim on a number axis" + ("; one panel per unit counted (never added up)"
                                                            if len(units) > 1 else "") + "; " + _casualty_key(data),
                 width=width, left=left, right=24)
    # the few symbols are explained in the subtitle, not in a legend: a legend sits at a fraction of the plot's
    # height above it and ran into the subtitle when the figure was drawn taller (the slide)
    fig.update_layout(showlegend=False)
    _fix_height(fig, height)
    return fig


def _casualty_key(data: pd.DataFrame) -> str:
    """The key of the casualties chart, in words, for what it draws: the symbols of its figures, its bars,
    dotted lines and rings."""
    symbols = {_count_symbol(dict(r, _forecast=False)) for _, r in data.iterrows()}
    parts = [text for present, text in (
        ("circle" in symbols, f"dot: a {_figure_key(data)}"),
        ("triangle-up" in symbols, f"triangle pointing right: {KEY_OPEN_UP}"),
        ("triangle-down" in symbols, f"triangle pointing left: {_down_key(data)}"),
        ("diamond" in symbols, "bar: a range, no single figure"),
        (any(_open_bound(r) for _, r in data.iterrows()), KEY_LEFT_OPEN),
        (bool(data["is_corrected"].fillna(False).astype(bool).any()), "ring: corrected (footnote)")) if present]
    return "key: " + ", ".join(parts)


def _row_segments(pairs, row_y, *, name, meta, opacity, line) -> go.Scatter:
    """Horizontal segments ((x0, x1, record_id), ...) in one row of a number axis, None-separated."""
    xs, ys, ids = [], [], []
    for x0, x1, rid in pairs:
        xs += [x0, x1, None]
        ys += [row_y, row_y, None]
        ids += [rid, rid, None]
    return go.Scatter(x=xs, y=ys, customdata=ids, mode="lines", meta=meta, showlegend=False, hoverinfo="skip",
                      name=name, opacity=opacity, line=line)


def _gloss_only(row) -> str:
    """A figure as a phone's fallback label writes it: a word for a magnitude by its meaning alone ('thousands':
    its range is the bar it labels, and the tooltip's words), any other figure as :func:`headlines.number`."""
    low, best, high = row["count_low"], row["count_best"], row["count_high"]
    if pd.isna(best) and not pd.isna(low) and not pd.isna(high) and low != high:
        gloss = magnitude_word(row)
        if gloss:
            return gloss
    return headlines.number(row)


def _draw_row(fig: go.Figure, g: pd.DataFrame, row_y, colours: dict[str, str], right: float,
              notes: dict[str, str], with_name: bool = False, labels: list | None = None,
              stacked: bool = False, spelled: bool = False) -> None:
    """Draw the counts ``g`` (with ``_y``) in one row of a number axis: a dot for a figure given exactly, a bar
    with no dot for a range without a best estimate, a triangle and a dotted line for an open bound; each mark
    labelled with its figure (and its claimant when ``with_name``: after the figure, or below it when
    ``stacked``, for a phone's narrow plot), coloured by claimant (an open bound as every count chart draws it,
    :func:`open_bound_traces`, on the number axis from zero to ``right``); ``spelled``: the label writes the
    qualifier in words ('at least 3,000') and what the figure counts beyond its unit ('sent')."""
    for name, h in g.groupby("claimant_name", sort=True):
        colour = colours[name]
        ranges, open_bounds = [], []
        for _, r in h.iterrows():
            low, high = r["count_low"], r["count_high"]
            if not pd.isna(low) and not pd.isna(high) and low != high:
                ranges.append((float(low), float(high), r["record_id"]))
            elif _open_bound(r):
                way = _open_bound(r)
                open_bounds.append((row_y, float(low if way == "up" else high), way, r["record_id"]))
        if ranges:
            fig.add_trace(_row_segments(ranges, row_y, name=name, meta="range", opacity=0.45,
                                        line=dict(color=colour, width=9)))
        if open_bounds:
            fig.add_traces(open_bound_traces(open_bounds, right, colour=colour, name=name, vertical=False))
    rows = [r for _, r in g.iterrows()]  # once: each iterrows() converts the whole frame again
    vague = [not pd.isna(r["count_low"]) and not pd.isna(r["count_high"]) and r["count_low"] != r["count_high"]
             and pd.isna(r["count_best"]) for r in rows]
    symbols = [{"triangle-up": "triangle-right", "triangle-down": "triangle-left"}.get(
        _count_symbol(dict(r, _forecast=False)), "circle") for r in rows]
    x = [float(r["count_low"]) if sym == "triangle-right" else float(r["count_high"]) if sym == "triangle-left"
         else float(r["_y"]) for r, sym in zip(rows, symbols)]
    shorts = short_names(g)  # the actors' declared short names, which the frame's rows carry in attrs
    def fig_text(r) -> str:  # a phone: a long figure ("thousands (2,000–9,999)") takes two short lines
        # (a phone keeps the symbol, '≥ 3,000', which its key explains: 'at least 3,000' centred on a figure
        # near the axis's start ran out of the plot)
        text = headlines.number(r, spelled and not stacked)
        text = _wrap(text, 16) if stacked and len(text) > 16 else text
        scope = scope_words(r) if spelled else ""  # on a phone on a line of its own
        return text + (("<br>" if stacked else " ") + scope if scope else "")
    texts = [fig_text(r) + (("<br>" if stacked else " ")
                                    + _label_name(r["claimant_name"], 20 if stacked else 30, 2 if stacked else 1,
                                                  shorts.get(r["claimant_name"]))
                                    if with_name else "")
             for r in rows]
    colour_of = [colours[n] for n in g["claimant_name"]]
    if labels is not None:  # placed later, where they collide with nothing (place_labels)
        for xv, text, c, r in zip(x, texts, colour_of, rows):
            short = (_gloss_only(r) if stacked else fig_text(r)) + ("<br>" if stacked else " ") + label_tag(
                r["claimant_name"], r.get("claimant_kind"), shorts.get(r["claimant_name"]))
            labels.append(Label(x=xv, y=row_y, xref="x", yref="y", text=text, short=short,
                                colour=c if c != CONTEXT_GREY else "#666666"))
    fig.add_trace(go.Scatter(
        x=x, y=[row_y] * len(g), customdata=list(g["record_id"]), mode="markers" if labels is not None else
        "markers+text",
        name=g["claimant_name"].iloc[0] if g["claimant_name"].nunique() == 1 else "figures",
        meta="latest", showlegend=False, hovertext=[_hover(r, notes) for r in rows],
        hovertemplate="%{hovertext}<extra></extra>", text=texts,
        # two figures in one row: labels alternate above and below (by position on the axis, not by any order)
        textposition=["top center" if k % 2 == 0 else "bottom center"
                      for k in pd.Series(x).rank(method="first").astype(int) - 1],
        textfont=dict(size=_MIN_FONT, color=[c if c != CONTEXT_GREY else "#666666" for c in colour_of]),
        marker=dict(symbol=symbols, size=14, color=colour_of if len(set(colour_of)) > 1 else colour_of[0],
                    opacity=[0 if v else 1 for v in vague])))


@text_safe
def latest_estimates(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *,
                     width: int | None = None, slide: bool = False, height: int | None = None) -> go.Figure:
    """What each claimant said last: one row per claimant, its figures of the last day it gave one, in the main
    unit, on a number axis (no time axis, so nothing is carried forward as if restated).

    Forecasts are left out (they say what is expected, not what is there). A figure given exactly is a dot; a
    range without a best estimate ("Tausende") is a bar from low to high with no dot, so that it does not read as
    an exact value; an open bound ("mindestens") a triangle at the bound with a dotted arrow the open way
    (:func:`open_bound_traces`, as in every count chart), its label saying "at least" in words. Several figures of one
    claimant's last day are all drawn in its row, side by side on the number axis: none is put before the other.
    Each mark is labelled with the figure and what it counts (count.scope); the rows are in the order of the days
    their figures speak of, then said, the earliest on top.

    >>> from timeline import load_events
    >>> fig = latest_estimates(load_events())
    >>> "NIS" in {t.name for t in fig.data if t.meta == "latest"}
    True

    ``slide``: laid out for a 16:9 slide (:func:`_on_slide`); ``height``: the figure's fixed height.
    """
    if slide:
        return _on_slide(lambda w, h: latest_estimates(frame, flags, width=w, height=h))
    title = CHARTS["latest_estimates"].title
    notes = _correction_notes(flags)
    data = frame[frame["claim_type"].isin(count_claim_types("deployments")) & ~headlines.is_forecast(frame)
                 & headlines.on_total_scale(frame)].copy()
    if data.empty:
        return _empty(title, frame, "troop counts other than forecasts")
    unit = headlines.main_unit(data)
    d = data[data["count_unit"] == unit].copy()
    d["_y"] = _marker_y(d).astype(float)
    last_day = d.groupby("claimant_name")["stated_end"].transform("max")
    latest = d[d["stated_end"] == last_day].sort_values(["claimant_name", "record_id"], kind="stable")
    colours = claimant_colours(frame)
    # rows in the one actor order of every chart (actor_order), the first on top
    width = width or LAYOUT_WIDTH
    narrow = width < PHONE_BREAK
    # rows in the order of the days their figures speak of (else were said), then said, the earliest on top
    # (issue 15: the actors' order set a figure of November 2025 between two of October 2024)
    spoken = latest["event_end"].fillna(latest["stated_end"])
    when = latest.assign(_spoken=spoken).groupby("claimant_name").agg(_spoken=("_spoken", "max"),
                                                                      _said=("stated_end", "max"))
    order = list(when.sort_values(["_spoken", "_said"], kind="stable").index)[::-1]
    said = latest.groupby("claimant_name").head(1).set_index("claimant_name")
    label = {n: f"{_label_name(n, 16 if narrow else 30, 2 if narrow else 1, short_names(latest).get(n))}"
                f"<br>{_wrap(headlines.say_date(said.loc[n]), 14) if narrow else headlines.say_date(said.loc[n])}"
             for n in order}  # a phone: a long day ("by the week of 4 Nov 2025") on two lines, as the name
    values = pd.concat([latest["count_low"], latest["count_high"], latest["count_best"]]).dropna().astype(float)
    right = float(values.max()) * 1.3 if len(values) else 1.0
    fig = go.Figure()
    for name in order:
        # a phone: a long figure ("thousands (2,000–9,999)") in two lines, so that it stays inside the plot
        # an open bound: a dotted arrow the open way (open_bound_traces), its qualifier in words
        _draw_row(fig, latest[latest["claimant_name"] == name], label[name], colours, right, notes, stacked=narrow,
                  spelled=True)
    ringed = _corrected(latest)
    if len(ringed):
        fig.add_trace(_ring([float(v) for v in ringed["_y"]], [label[n] for n in ringed["claimant_name"]],
                            ringed["record_id"]))
    # the key explains what is drawn, nothing else
    drawn = {_count_symbol(dict(r, _forecast=False)) for _, r in latest.iterrows()}
    bounds = {_open_bound(r) for _, r in latest.iterrows()}
    for present, k in (("circle" in drawn, _legend_key(_figure_key(latest), symbol="circle")),
                       ("up" in bounds, _legend_key(KEY_OPEN_UP, symbol="triangle-right")),
                       ("triangle-down" in drawn, _legend_key(_down_key(latest), symbol="triangle-left")),
                       ("diamond" in drawn, _legend_key("bar: a range", line=dict(color="rgba(68,68,68,0.45)",
                                                                                 width=9))),
                       (bool(bounds - {None}), _legend_key(KEY_LEFT_OPEN,
                                                           line=dict(color="#444", **OPEN_BOUND_LINE)))):
        if present:
            fig.add_trace(k)
    what = _y_title(unit).replace("<br>", " ")
    fig.update_xaxes(range=[0, right], tickformat=",d", rangemode="tozero", showgrid=True,
                     title_text=f"{what.split(': ')[-1] if narrow else what} claimed")  # a phone: 'soldiers
    # room above the top row and below the bottom one for a label there (the top row's, above its mark, lost
    # its first line to the plot's edge on the phone, where a label takes two)
    pad = 0.45 if narrow else 0.25
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[label[n] for n in order],
                     range=[-0.5 - pad, len(order) - 0.5 + pad], title_text=None, automargin=True)
    left = int(max(text_size(v)[0] for v in label.values()) + 24)
    row_px = max(70, max(text_size(v)[1] for v in label.values()) + 30)
    if narrow:
        _phone_number_axis(fig)
    # the headline names the newest figure (two lines at column width); the rest of the finding leads the subtitle
    detail = headlines.latest_detail(latest, frame)
    _base_layout(fig, headlines.latest_headline(latest, frame), frame, latest, height=int(row_px * len(order)) + 260,
                 subtitle=(f"{detail}. Drawn: each claimant's figures for {headlines.case_text(frame, 'counted')} "
                           if detail else "each claimant's figures ")
                          + f"of the last day it gave one ({headlines.unit_label(unit)}; "
                          "forecasts left out), in the order of the days they speak of", width=width, left=left, right=_KEY_RIGHT, key_from_edge=True)
    _add_source_note(fig, magnitude_notes(latest), width)
    _fix_height(fig, height)
    return fig


# --------------------------------------------------------------------------- statements


def statement_markers() -> dict[str, tuple[str, str]]:
    """The markers of the statements chart by legend name, as (symbol, colour): every stance, then every claim
    type drawn with a marker of its own (vocabularies stance and claim_type, attribute marker; its colour role's
    hex from vocabulary colour_role).

    >>> statement_markers()["confirms"], statement_markers()["denies"]
    (('circle', '#009E73'), ('x', '#D55E00'))
    """
    out = {}
    for vocabulary in ("stance", "claim_type"):
        for value, marker in schema.attributes(vocabulary, "marker").items():
            if marker:
                out[marker.get("label") or value] = (marker["symbol"],
                                                     schema.attribute("colour_role", marker["colour"], "hex"))
    return out


def statement_keys() -> dict[str, str]:
    """The key's words for each symbol of :func:`statement_markers`, one entry per symbol: a symbol several kinds
    share says its words once (schema.yaml, marker: key), a kind of its own its legend name.

    >>> statement_keys()
    {'x': 'denies', 'circle': 'any other stance'}
    """
    out, shared = {}, {}
    for vocabulary in ("stance", "claim_type"):
        for value, marker in schema.attributes(vocabulary, "marker").items():
            if marker:
                out.setdefault(marker["symbol"], marker.get("key") or marker.get("label") or value)
                shared[marker["symbol"]] = shared.get(marker["symbol"], 0) + 1
    # the shapes of one kind first ("denies"), the one most kinds share last ("any other stance")
    return dict(sorted(out.items(), key=lambda k: (shared[k[0]], k[1])))


def _mark_px(text_px: float) -> tuple[int, int]:
    """The sizes (layout pixels) of a statement's mark, dated by its article and not, at a text size of
    ``text_px``: they grow with the text (a slide's 22 px text, 16 pt on a projector), so that a mark stays as
    legible as the labels beside it (review 9, major 15: 8 px pale marks on the slide).

    >>> _mark_px(16), _mark_px(22)
    ((16, 11), (22, 15))
    """
    scale = text_px / _MIN_FONT
    return round(16 * scale), round(11 * scale)


#: The key's glyph for a marker symbol where a slide says its key in words (its subtitle).
_GLYPHS = {"circle": "●", "x": "✖", "diamond": "◆", "square": "■", "star": "★", "triangle-up": "▲"}
#: The opacity of a statement the article does not date: the quiet default, still legible (it was 0.4).
_UNDATED_OPACITY = 0.6


def _spread(d: pd.DataFrame, band_px: float, lane_px: float, plot_w: float, x_range, sizes: tuple[int, int]
            ) -> pd.DataFrame:
    """Where each statement's mark is drawn, so that no two marks of a lane overlap (review 9, major 15): the
    columns ``_xd`` (the mark's day) and ``_y`` (its lane, moved within it). The marks of a lane are placed in
    turn, those that keep their day first (the dated: in the first free row of the lane's ``band_px``), then the
    others from the latest: a statement said on or before its article appeared (an open start) stands at the latest day
    free in its row, which may be earlier than that day and never later: the dashed stub to its left says the
    day is open. Rows are half a mark apart where the band holds them (``band_px`` of a lane ``lane_px`` high);
    ``plot_w`` pixels span ``x_range``; ``sizes``: :func:`_mark_px`. Deterministic: by lane, day and record id.
    """
    d = d.copy()
    x0, x1 = (pd.Timestamp(v) for v in x_range)
    px_per_ns = plot_w / max(1, (x1 - x0).value)
    big, small = sizes
    dated = headlines.is_dated(d)
    movable = (~dated) & d["stated_start"].isna()
    size = dated.map({True: big, False: small})
    step = (small + 1) / 2
    offsets = [0.0] + [s * k * step for k in range(1, 8) for s in (1, -1)
                       if k * step + small / 2 <= band_px / 2]
    xs, ys = {}, {}
    for _, lane in d.groupby("_lane", sort=True):
        placed: list[tuple[float, float, float, float]] = []
        # the marks that keep their day first (by day), then the open starts from the latest
        order = sorted(lane.index, key=lambda i: (bool(movable[i]), -lane.at[i, "stated_end"].value if movable[i]
                                                  else lane.at[i, "stated_end"].value, lane.at[i, "record_id"]))
        for i in order:
            w = size[i]
            target = (lane.at[i, "stated_end"] - x0).value * px_per_ns

            def free(x: float, y: float) -> float | None:  # x, or the nearest free x to its left
                while True:
                    hit = [b for b in placed if abs(b[1] - y) < (b[3] + w) / 2 and abs(b[0] - x) < (b[2] + w) / 2 + 1]
                    if not hit:
                        return x
                    if not movable[i]:
                        return None
                    x = min(b[0] - (b[2] + w) / 2 - 1 for b in hit)
            best = None
            for o in offsets:
                x = free(target, o)
                if x is not None and (best is None or x > best[0] + 0.01):
                    best = (x, o)
            if best is None:  # a dated mark with no free row at its day (never moved in time): the row, or a
                # place half a mark off the lane's middle, that it overlaps least
                edge = max(0.0, band_px / 2 - w / 2)
                def overlap(o: float) -> float:
                    return sum(max(0.0, (b[2] + w) / 2 - abs(b[0] - target)) * max(0.0, (b[3] + w) / 2 - abs(b[1] - o))
                               for b in placed)
                best = (target, min(offsets + [edge, -edge], key=lambda o: (round(overlap(o), 3), abs(o), -o)))
            placed.append((best[0], best[1], w, w))
            xs[i] = lane.at[i, "stated_end"] - pd.Timedelta(int(round((target - best[0]) / px_per_ns)), "ns")
            ys[i] = best[1]
    d["_xd"] = pd.Series(xs).reindex(d.index)
    d["_y"] = (d["_y0"] - pd.Series(ys).reindex(d.index) / lane_px).round(4)
    return d


def _statement_kind(frame: pd.DataFrame) -> pd.Series:
    """The marker of each record: its claim type's own marker where it has one, else its stance's."""
    def label(vocabulary: str) -> dict[str, str]:
        return {v: m.get("label") or v for v, m in schema.attributes(vocabulary, "marker").items() if m}

    own, by_stance = label("claim_type"), label("stance")
    return pd.Series([own.get(t) or by_stance.get(s, s) for t, s in zip(frame["claim_type"], frame["stance"])],
                     index=frame.index, dtype=object)


def actor_order(frame: pd.DataFrame) -> list[str]:
    """Every claimant of ``frame`` (by display name) in the one order all charts use for their rows and lanes:
    by the institution it speaks for (claimant group, by country, then id, as the actors file gives them), the
    institution itself before the persons speaking for it, then by id. It depends on the actors alone, never on
    what a chart draws: a claimant sits in the same place, relative to the others, in every chart.

    >>> f = pd.DataFrame({"claimant": ["b", "a", "p"], "claimant_name": ["B", "A", "P"],
    ...                   "claimant_group": ["b", "a", "a"], "claimant_country": ["US", "KR", "KR"]})
    >>> actor_order(f)
    ['A', 'P', 'B']
    """
    if frame.empty:
        return []
    d = frame[["claimant", "claimant_name", "claimant_group", "claimant_country"]].drop_duplicates("claimant")
    country = d["claimant_country"].fillna("~").astype(str)
    group_country = dict(zip(d["claimant_group"], country))  # a group sorts with its own country
    keys = sorted((group_country.get(g, c), str(g), c_id != g, str(c_id), name)
                  for c_id, name, g, c in zip(d["claimant"], d["claimant_name"], d["claimant_group"], country))
    return list(dict.fromkeys(k[-1] for k in keys))


def _group_order(frame: pd.DataFrame) -> list[str]:
    """The claimant groups (by display name) in the order of :func:`actor_order`: the statements' lanes."""
    first = {}
    order = {n: i for i, n in enumerate(actor_order(frame))}
    for name, group in zip(frame["claimant_name"], frame["claimant_group_name"]):
        first[group] = min(first.get(group, len(order)), order[name])
    return sorted(first, key=lambda g: (first[g], g))


#: Characters per line and lines of a statements lane label at column width and on a phone, where it stands
#: above its lane, over the plot's whole width (longer names are shortened at a word, their full name in the
#: tooltips); the slide's labels have ten characters more.
_LANE_CHARS, _LANE_LINES, _PHONE_LANE_CHARS, _PHONE_LANE_LINES = 30, 2, 36, 2
#: On a phone: the layout pixels of a lane below its label, where its marks are.
_PHONE_MARKS_PX = 46
#: The layout size (width, height) of a chart laid out for a 16:9 slide (:data:`timeline.export.SIZES`), one for
#: every chart so that a deck has one scale: at 1280 x 720 a slide shown 960 pt wide prints the 16 px text at
#: 12 pt and the headline at 20 pt (at 1536 x 864 the text was 10 pt). The slide layouts fit it with their own
#: choices: dates in one line, fewer ticks, one-line lane labels, the source as one paragraph.
SLIDE_SIZES = ((1280, 720),)


def _lane_label(name: str, country: str, chars: int, lines: int, short: str | None = None) -> tuple[str, bool]:
    """A lane's label in at most ``lines`` lines of ``chars`` characters: the actor's name and its country code,
    else its declared ``short`` name (actors file) and the code, whole even where it takes more lines (the one
    other name an actor has: no name cut with '…', no parenthesis dropped); True when the short name stands (the
    chart then names the lane in full in its tooltips).

    >>> _lane_label("Members of the National Assembly Intelligence Committee (South Korea)", "KR", 30, 2,
    ...             "Intelligence Committee")
    ('Intelligence Committee (KR)', True)
    >>> _lane_label("The article itself (no source named)", "INTL", 30, 2)
    ('The article itself (no source<br>named) (INTL)', False)
    """
    tail = f" ({country})"
    wrapped = textwrap.wrap(name + tail, chars, break_long_words=False, break_on_hyphens=False)
    if len(wrapped) <= lines or not short:
        return "<br>".join(wrapped), False
    return "<br>".join(textwrap.wrap(short + tail, chars, break_long_words=False, break_on_hyphens=False)), True


@dataclass(frozen=True)
class Lane:
    """One lane of the statements chart: its label, the claimant groups it holds (display names), its label's
    colour (the group's own, as in every chart, else grey), whether its label names its group in full and the
    highlighted persons it names."""

    label: str
    groups: tuple[str, ...]
    colour: str
    full: bool
    #: The highlighted persons (display name, colour) the label names beside their institution: their marks
    #: wear their colour, so the label names them in it (review 9, major 5).
    persons: tuple[tuple[str, str], ...] = ()


def statement_lanes(frame: pd.DataFrame, chars: int = _LANE_CHARS, lines: int = _LANE_LINES,
                    fold: bool = False, shown: pd.DataFrame | None = None) -> list[Lane]:
    """The lanes of the statements chart, top first: one per claimant group of the whole ``frame`` (so that an
    actor's lane is the same in the full and the zoomed chart), in :func:`actor_order`. With ``fold`` (a slide, a
    phone: no room for every lane) a group with a highlighted actor keeps its lane and the other groups of one
    country share one grey lane ("3 other actors (KR)"), where the country's first of them stands: the order
    stays that of every chart. With ``shown`` (a zoomed chart's records) only the groups with a record there have
    a lane, still in the order, colours and labels of the whole ``frame`` (a folded lane holds and counts the
    same actors in every chart): no empty lanes.
    """
    groups = _group_order(frame)
    country = dict(zip(frame["claimant_group_name"], frame["claimant_country"].fillna("?")))
    colours = claimant_colours(frame)
    colour = {}
    persons: dict[str, list[tuple[str, str]]] = {}  # a group's highlighted persons, in the actors' order
    order = {n: i for i, n in enumerate(actor_order(frame))}
    for name, group in sorted(zip(frame["claimant_name"], frame["claimant_group_name"]), key=lambda p: order[p[0]]):
        if colours.get(name, CONTEXT_GREY) != CONTEXT_GREY and group not in colour:
            colour[group] = colours[name]
        if name != group and colours.get(name, CONTEXT_GREY) != CONTEXT_GREY and \
                (name, colours[name]) not in persons.get(group, []):
            persons.setdefault(group, []).append((name, colours[name]))
    folded: dict[str, list[str]] = {}
    if fold:
        for g in groups:
            if g not in colour:
                folded.setdefault(country[g], []).append(g)
    lanes, seen = [], set()
    for g in groups:
        members = folded.get(country[g], [])
        if g in members and len(members) > 1:
            if country[g] in seen:
                continue
            seen.add(country[g])
            other = any(country[h] == country[g] for h in colour)
            text = f"{len(members)} {'other ' if other else ''}actors ({country[g]})"
            # two actors are named (short forms) where their names fit the label's lines: a headline naming
            # one of them then names what the chart draws ("2 other actors (US)" hid the most cited, Pentagon)
            named = _folded_label(members, country[g], chars, lines, short_names(frame))
            lanes.append(Lane(named or _wrap(text, chars), tuple(members), CONTEXT_GREY, False))
        elif persons.get(g):
            # a highlighted person is named where their marks are: the lane of the institution they speak for is
            # named by both ("White House and John Kirby (US)"), the person's name in the person's colour (the
            # marks' colour); the person sits in the institution's lane, as in every chart (actor_order)
            own = headlines.tight_name(g, short_names(frame).get(g))
            text = " and ".join([own] + [p for p, _ in persons[g]]) + f" ({country[g]})"
            lanes.append(Lane(_wrap_lane(text, chars, lines), (g,), colours.get(g, CONTEXT_GREY), own == g,
                              tuple(persons[g])))
        else:
            label, short = _lane_label(g, country[g], chars, lines, short_names(frame).get(g))
            # the label wears the group's own colour only: a grey group that holds a highlighted person (Ukraine's
            # government, holding its president) stays grey, as it is in every other chart; the person's marks
            # carry the person's colour
            lanes.append(Lane(label, (g,), colours.get(g, CONTEXT_GREY), not short))
    if shown is not None:  # the whole frame's lanes, labels and members: only those with a mark here are drawn
        drawn = set(shown["claimant_group_name"])
        lanes = [lane for lane in lanes if drawn & set(lane.groups)]
    return lanes


def _folded_label(members: list[str], country: str, chars: int, lines: int, names: dict) -> str | None:
    """A folded lane's label naming its two actors by their short names (:func:`timeline.headlines.tight_name`)
    and the country code, in at most ``lines`` lines of ``chars`` characters; None for more actors, or where the
    names do not fit (the lane is then counted: "3 other actors (KR)").

    >>> _folded_label(["Department of Defense (United States)", "United States (government)"], "US", 30, 2,
    ...               {"Department of Defense (United States)": "Pentagon",
    ...                "United States (government)": "US government"})
    'Pentagon and US government<br>(US)'
    >>> _folded_label(["A", "B", "C"], "X", 30, 2, {}) is None
    True
    """
    if len(members) != 2:
        return None
    text = " and ".join(headlines.tight_name(g, names.get(g)) for g in members) + f" ({country})"
    wrapped = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(wrapped) if len(wrapped) <= lines else None


def lane_names(lanes: list[Lane], frame: pd.DataFrame) -> dict[str, str]:
    """By claimant group, the name the statements chart draws for it (plain text, with the country code): its
    lane's label; in a lane naming two actors (or an institution and its highlighted person), its own short name
    there; in a counted lane ("3 other actors (KR)"), that lane's label; and by display name, each highlighted
    person a label names. What a headline names the group by (:func:`timeline.headlines.statements_headline`).
    """
    names = short_names(frame)
    country = dict(zip(frame["claimant_group_name"], frame["claimant_country"].fillna("?")))
    out = {}
    for lane in lanes:
        label = _plain(lane.label)
        for g in lane.groups:
            named = (len(lane.groups) > 1 or lane.persons) and not label[:1].isdigit()
            out[g] = f"{headlines.tight_name(g, names.get(g))} ({country[g]})" if named else label
        for person, _ in lane.persons:  # a highlighted person the label names, by the name it gives
            out.setdefault(person, f"{person} ({country[lane.groups[0]]})")
    return out


def _lanes(frame: pd.DataFrame, shown: pd.DataFrame, lanes: list[Lane], below: float = 0.0,
           squeeze: float = 1.0) -> pd.DataFrame:
    """The lane (y) of each shown record, ``lanes`` top first (lane index 0 at the bottom); records that share a
    lane and a day are spread apart vertically. ``below`` moves the marks down from the lane's middle and
    ``squeeze`` narrows their spread (in lanes), to leave the lane's top to a label standing in it."""
    index = {g: len(lanes) - 1 - i for i, lane in enumerate(lanes) for g in lane.groups}
    d = shown.copy()
    d["_lane"] = d["claimant_group_name"].map(index)
    d = d.sort_values(["_lane", "stated_end", "record_id"], kind="stable")
    d["_k"] = d.groupby(["_lane", "stated_end"]).cumcount()
    d["_n"] = d.groupby(["_lane", "stated_end"])["record_id"].transform("size")
    step = (0.8 / d["_n"]).clip(upper=0.22)
    d["_y"] = (d["_lane"] - below + (d["_k"] - (d["_n"] - 1) / 2) * step * squeeze).round(3)
    d["_y0"] = d["_lane"] - below  # the middle of the lane's marks (:func:`_spread` places them from it)
    return d


def _slide_height(fig: go.Figure, height: int) -> None:
    """Give a figure laid out by :func:`_base_layout` the fixed ``height`` of a slide: the plot takes what the
    headline, key and source leave, and the key keeps its distance above the plot."""
    m = fig.layout.margin
    old_plot, new_plot = fig.layout.height - m.t - m.b, height - m.t - m.b
    gap = (fig.layout.legend.y - 1) * old_plot
    fig.update_layout(height=height, legend=dict(y=1 + gap / new_plot))


def _on_slide(build: Callable[[int, int | None], go.Figure]) -> go.Figure:
    """A chart laid out for a 16:9 slide: ``build(width, height)`` at the first of :data:`SLIDE_SIZES`, so that
    every slide of a deck has one scale (1280 x 720: 12 pt text on a 960 pt slide; it was 1536 x 864, 10 pt);
    the text wrapped and the labels placed for that width, the plot taking
    what the text leaves of the height. A chart with nothing to draw returns the figure that says so."""
    return build(*SLIDE_SIZES[0])


def _line_px(fig: go.Figure) -> float:
    """Layout pixels per unit of a text table's y axis (one line of text; :func:`independent_sources`)."""
    m = fig.layout.margin
    lo, hi = fig.layout.yaxis.range
    return (fig.layout.height - m.t - m.b) / (hi - lo)


def _fix_height(fig: go.Figure, height: int | None) -> None:
    """Give a figure laid out by :func:`_base_layout` the fixed ``height`` (a slide's), when one is given."""
    if height:
        _slide_height(fig, height)


#: The statements' key to their lines, in the source block (the key above the plot explains the symbols only, in
#: one line): by the trace's meta, the words of each line drawn.
_STATEMENT_LINES = {"event-span": "band: the period spoken of", "lag-event": "dotted: event to statement",
                    "stated-span": "grey: a statement date known to a span",
                    "stated-open": "◄ dashed: said on or before the article",
                    "lag-pub": "thin, to a tick: the article's publication"}
#: The fewest layout pixels a slide gives a statements lane: a dated mark (:func:`_mark_px`) and a little room
#: (the marks of one day stand side by side, :func:`_spread`); the label's line may ask more.
_SLIDE_LANE_PX = 27


def _slide_lanes(lanes: list[Lane], frame: pd.DataFrame) -> list[Lane]:
    """A slide's lane labels, one line each: an actor by its short name (the actors file's field short, else
    its display name, :func:`timeline.headlines.tight_name`) and its country code, never cut with '…'; a folded lane as it is."""
    names = short_names(frame)
    country = dict(zip(frame["claimant_group_name"], frame["claimant_country"].fillna("?")))
    out = []
    for lane in lanes:
        if len(lane.groups) > 1 or lane.label.startswith(tuple("0123456789")) or lane.persons:
            out.append(lane)
            continue
        g = lane.groups[0]
        short = headlines.tight_name(g, names.get(g))
        out.append(Lane(f"{short} ({country[g]})", lane.groups, lane.colour, short == g))
    return out


def _lane_tick(lane: Lane) -> str:
    """A lane's label as drawn: in the lane's colour (dark grey for a grey lane), each highlighted person it names
    in the person's colour (a name wrapped over two lines too).

    >>> _lane_tick(Lane("White House and John<br>Kirby (US)", ("White House",), CONTEXT_GREY, True,
    ...                 (("John Kirby", "#CC79A7"),)))
    '<span style="color:#444444">White House and </span><span style="color:#CC79A7">John<br>Kirby</span><span style="color:#444444"> (US)</span>'
    """
    base = lane.colour if lane.colour != CONTEXT_GREY else "#444444"
    parts, rest = [], lane.label
    for name, colour in lane.persons:
        found = re.search(r"(?: |<br>)".join(map(re.escape, name.split())), rest)
        if found:
            parts += [(rest[:found.start()], base), (found.group(0), colour)]
            rest = rest[found.end():]
    parts.append((rest, base))
    return "".join(f'<span style="color:{c}">{t}</span>' for t, c in parts if t)


def _wrap_lane(label: str, chars: int, lines: int) -> str:
    """A one-line lane ``label`` in at most ``lines`` lines of ``chars`` characters (whole words; what is left
    over stays on the last line).

    >>> _wrap_lane("Pentagon and US government (US)", 30, 2)
    'Pentagon and US government<br>(US)'
    """
    wrapped = textwrap.wrap(label.replace("<br>", " "), chars, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(wrapped[:lines - 1] + [" ".join(wrapped[lines - 1:])] if len(wrapped) > lines else wrapped)


def _kept_lanes(lanes: list[Lane], shown: pd.DataFrame, keep: int, colours: dict[str, str]) -> set[int]:
    """The ``keep`` lanes (their indexes) a slide draws: first, for each stance the chart draws, the lane with
    the most of its statements (a symbol of the key never vanishes with its lanes: the denials stay), then the
    lanes of the highlighted actors (``colours``: :func:`claimant_colours`; a grey institution holding a highlighted
    person counts), then the lanes with the most statements."""
    groups = [set(lane.groups) for lane in lanes]
    count = [int(shown["claimant_group_name"].isin(g).sum()) for g in groups]
    kept: list[int] = []
    for stance in sorted(shown["stance"].dropna().unique(), key=lambda s_: int((shown["stance"] == s_).sum())):
        of = shown[shown["stance"] == stance]["claimant_group_name"]
        holding = [(-int(of.isin(g).sum()), -count[i], i) for i, g in enumerate(groups) if of.isin(g).any()]
        if holding and not any(i in kept for *_, i in holding) and len(kept) < keep:
            kept.append(min(holding)[-1])
    bright = {g for n, g in zip(shown["claimant_name"], shown["claimant_group_name"])
              if colours.get(n, CONTEXT_GREY) != CONTEXT_GREY}
    for i in sorted(range(len(lanes)), key=lambda i: (not groups[i] & bright, -count[i], i)):
        if len(kept) < keep and i not in kept:
            kept.append(i)
    return set(kept)


def _slide_source(frame: pd.DataFrame, d: pd.DataFrame, px: float, size: int,
                  everything: pd.DataFrame | None = None, more: str = "") -> str:
    """A slide's source block, one paragraph wrapped to ``px`` at ``size`` (its height is scarce): the source
    line, then a compact footnote for each record the column version footnotes (of ``everything``, the column's
    records; :func:`timeline.headlines.correction_notes`), a record whose lane the slide does not draw said so,
    then ``more`` (the lanes left to the column version)."""
    everything = d if everything is None else everything
    notes = headlines.correction_notes(everything, short_names(frame), compact=True)
    drawn = set(d["record_id"])
    notes = [n if re.match(r"(?:record )?(\S+) ", n).group(1) in drawn else n + " (lane not drawn here)"
             for n in notes]
    # the caveat once, in the subtitle: its second copy here took a line of the slide's scarce height
    line = source_line(frame, d, tight=True).replace(f"; {headlines.CAVEAT}.", ".")
    text = line + (f" Corrected: {'; '.join(notes)}." if notes else "") + (f" {more}" if more else "")
    return _wrap_px(text, px, size)


def _statements_figure(frame: pd.DataFrame, title: str, x_range=None, shown: pd.DataFrame | None = None,
                       flags: pd.DataFrame | None = None, title_given: bool = False,
                       width: int | None = None, slide: bool = False, keep: int | None = None,
                       unit: float | None = None) -> go.Figure:
    """The statements chart laid out for ``width`` (the column's, a phone's) or, with ``slide``, for the first
    of :data:`SLIDE_SIZES`: at every size the grey actors of a country share one lane. A slide sets its text at
    :data:`SLIDE_TEXT_PT` and its headline at :data:`SLIDE_TITLE_PT` (``title``: its short form), its labels in
    one line each as wide as they need, and draws as many lanes as its height holds: the lanes with the fewest
    statements give way first (``keep``: how many lanes are drawn), and the subtitle says how many more the
    column version draws. ``unit``: a slide's lane height in layout pixels, where it is known (the marks are placed
    in it), else the fewest a lane gets."""
    if slide and keep is None:
        w, h = SLIDE_SIZES[0]
        n = len(frame)  # every lane first (a frame holds no more lanes than records)
        while True:
            fig = _statements_figure(frame, title, x_range, shown, flags, title_given, width=w, slide=True, keep=n)
            if fig.layout.yaxis.ticktext is None:  # nothing to draw
                return fig
            _slide_height(fig, h)
            drawn = len(fig.layout.yaxis.ticktext)
            if (lane_room(fig) >= max(_SLIDE_LANE_PX, lane_label_need(fig.layout.yaxis.ticktext,
                                                                       fig.layout.font.size)) or drawn <= 2):
                if lane_room(fig) < max(_SLIDE_LANE_PX, lane_label_need(fig.layout.yaxis.ticktext,
                                                                         fig.layout.font.size)) + 4:
                    return fig
                # lanes higher than the fewest pixels: the marks are placed again in the lanes' real height
                fig = _statements_figure(frame, title, x_range, shown, flags, title_given, width=w, slide=True,
                                         keep=n, unit=lane_room(fig))
                _slide_height(fig, h)
                return fig
            n = drawn - 1
    shown = frame if shown is None else shown
    if shown.empty:
        return _empty(title({}, {}) if callable(title) else title, frame, "records")
    notes = _correction_notes(flags)
    markers = statement_markers()
    width = width or LAYOUT_WIDTH
    narrow = width < PHONE_BREAK
    text_px = slide_px(SLIDE_TEXT_PT, width) if slide else _MIN_FONT
    # one lane rule at every size (the column's 22 lanes were 13 on the slide and the phone: an actor sat in
    # another place): the grey actors of a country share a lane everywhere; only the labels differ, a slide's in
    # one line, by the actor's short name (in full in the tooltips)
    fold = True
    chars, lines = ((_PHONE_LANE_CHARS, _PHONE_LANE_LINES) if narrow else
                    (_LANE_CHARS + 10, 1) if width > LAYOUT_WIDTH else (_LANE_CHARS, _LANE_LINES))
    zoomed = shown if shown is not frame else None  # a zoomed chart: a lane only where it has a mark
    # one text per lane at every size (review 9, major 14: the slide renamed the column's lanes): the slide's
    # one-line label (an actor's short name, a folded lane as one line names it), wrapped to the column's or the
    # phone's lines
    lanes = _slide_lanes(statement_lanes(frame, _LANE_CHARS + 10, 1, fold=fold, shown=zoomed), frame)
    if not slide:
        lanes = [Lane(_wrap_lane(lane.label, chars, lines), lane.groups, lane.colour, lane.full, lane.persons)
                 for lane in lanes]
    hidden: list[Lane] = []
    everything = shown  # what the headline speaks of, also on a slide that draws fewer lanes
    if slide:
        if keep is not None and keep < len(lanes):
            kept = _kept_lanes(lanes, shown, keep, claimant_colours(frame))
            hidden = [lane for i, lane in enumerate(lanes) if i not in kept]
            lanes = [lane for i, lane in enumerate(lanes) if i in kept]
            shown = shown[~shown["claimant_group_name"].isin({g for lane in hidden for g in lane.groups})]
    label_px = max(text_size(lane.label, text_px)[1] for lane in lanes)
    if narrow:  # each label above its lane's marks, in the plot: the marks get the phone's whole width
        lane_px = label_px + _PHONE_MARKS_PX
        # the marks' centres spread over the room below the label less a mark's size (15 px), at its middle
        d = _lanes(frame, shown, lanes, below=(lane_px - _PHONE_MARKS_PX) / 2 / lane_px,
                   squeeze=(_PHONE_MARKS_PX - 16) / lane_px / 0.8)
    else:
        lane_px = max(44, label_px + 8)
        d = _lanes(frame, shown, lanes)
    lane_of = {g: lane for lane in lanes for g in lane.groups}
    said = pd.concat([d["stated_start"], d["stated_end"], d["published"]]).dropna()
    if x_range is None:  # the axis spans the statements (a long period spoken of may run off its edge)
        pad = max(pd.Timedelta(days=7), (said.max() - said.min()) * 0.04)
        x_range = (_x(said.min() - pad * 2), _x(said.max() + pad))
    # the lane labels' column as wide as its widest label, measured in the chart font
    left = 12 if narrow else int(max(text_width(lane.label, text_px) for lane in lanes) + 20)
    right = 16 if narrow else _KEY_RIGHT
    # no two marks of a lane overlap: placed side by side at the width the plot is drawn (a slide's lanes are
    # as high as their one-line labels need, a phone's marks have the band below their label)
    unit_px = (unit or max(_SLIDE_LANE_PX, lane_label_need([lane.label for lane in lanes], text_px)) if slide
               else lane_px)
    band_px = _PHONE_MARKS_PX - 4 if narrow else unit_px
    drawn_w = min(width, PHONE_MIN_WIDTH) if narrow else width
    d = _spread(d, band_px, unit_px, drawn_w - left - right, x_range, _mark_px(text_px))
    stub = _stub(*x_range)
    d["_kind"] = _statement_kind(d)
    unknown = sorted(set(d["_kind"]) - set(markers))
    if unknown:  # schema.yaml gives every stance a marker; a kind without one would vanish from the chart
        raise schema.SchemaError(f"no marker for {', '.join(unknown)} (schema.yaml: vocabulary stance, marker)")
    colours = claimant_colours(frame)
    fig = go.Figure()
    spans, open_spans, to_pub, from_event, event_bands = [], [], [], [], []
    d_rows = [row for _, row in d.iterrows()]  # once: each iterrows() converts the whole frame again
    for row in d_rows:
        y, x, rid = row["_y"], row["stated_end"], row["record_id"]
        if pd.isna(row["stated_start"]):  # from the mark (set at its day, or left of it in a row of marks)
            open_spans.append((row["_xd"] - stub, y, row["_xd"], y, rid))
        elif row["stated_start"] != x:
            spans.append((row["stated_start"], y, x, y, rid))
        if row["published"] != x:
            to_pub.append((x, y, row["published"], y, rid))
        if not str(row["event_method"]).endswith("not-stated"):
            ev_end = row["event_end"]
            if not pd.isna(row["event_start"]) and row["event_start"] != ev_end:
                event_bands.append((row["event_start"], y, ev_end, y, rid))
            ev = ev_end if ev_end <= x else (row["event_start"] if not pd.isna(row["event_start"]) else ev_end)
            if ev != x:
                from_event.append((ev, y, x, y, rid))
    grey = "#888888"
    # the key above the plot explains the symbols, in one line; the lines are told once, in the source block
    traces = [
        _line_trace(event_bands, name="band: period spoken of", colour=PERIOD_BAND, width=7,
                    legendgroup="event-span", meta="event-span"),
        _line_trace(from_event, name="dotted: event → statement", colour=PERIOD_LINE, width=1,
                    dash="dot", legendgroup="lag-event", meta="lag-event"),
        _line_trace(to_pub, name="statement → publication (tick)", colour="rgba(120,120,120,0.45)", width=1,
                    legendgroup="lag-pub", meta="lag-pub"),
        _line_trace(spans, name="statement date known to a span", colour=grey, width=2.5,
                    legendgroup="spans", meta="stated-span"),
        _line_trace(open_spans, name="◄ stated on or before (open start)", colour=_QUIET_GREY, width=1,
                    dash="dash", legendgroup="spans-open", meta="stated-open"),
    ]
    drawn_lines = []
    for t in traces:
        if len(t.x):
            fig.add_trace(t)
            drawn_lines.append(_STATEMENT_LINES[t.meta])
    if open_spans:
        fig.add_trace(_open_arrows(open_spans, colour=_QUIET_GREY, legendgroup="spans-open", size=6))
    if len(to_pub):
        fig.add_trace(go.Scatter(
            x=[_x(p[2]) for p in to_pub], y=[p[3] for p in to_pub], customdata=[p[4] for p in to_pub], mode="markers",
            name="publication of the article", legendgroup="lag-pub", showlegend=False, meta="published",
            hoverinfo="skip", marker=dict(symbol="line-ns", size=9, color=grey, line=dict(width=1.5, color=grey))))
    dated = headlines.is_dated(d)

    def hover(row) -> str:
        lane = lane_of[row["claimant_group_name"]]  # a lane shortened or folded names the group in full here
        group = row["claimant_group_name"]  # the short forms its lane's label writes defined in its tooltips
        # the group whose row it sits in beside the claimant, in the lead (it closed the tooltip as "lane: ...")
        return _statement_hover(row, notes, define=(group, *lane.groups), group=group)
    big, small = _mark_px(text_px)
    keyed: dict[str, str] = {}
    for kind, (symbol, _) in markers.items():
        in_kind = d["_kind"] == kind
        g = d[in_kind]
        if g.empty:
            continue
        g_dated = dated[g.index]
        # the colour is the actor's, as in every chart; the symbol the stance's (schema.yaml, marker). A statement
        # the article dates stands out (large, opaque, outlined); one it does not date (said on or before the
        # publication day) is the quiet default: small and pale.
        mark_colour = [colours[n] for n in g["claimant_name"]]
        fig.add_trace(go.Scatter(
            x=_xs(g["_xd"]), y=list(g["_y"]), customdata=list(g["record_id"]), mode="markers",
            name=kind, legendgroup=kind, showlegend=False, meta="statement",
            hovertext=[hover(row) for row, k in zip(d_rows, in_kind) if k],  # g's rows, in order
            hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(symbol=symbol, size=[big if x else small for x in g_dated],
                        opacity=[1.0 if x else _UNDATED_OPACITY for x in g_dated],
                        color=mark_colour if len(set(mark_colour)) > 1 else mark_colour[0],
                        line=dict(color=["#222222" if x else c for x, c in zip(g_dated, mark_colour)],
                                  width=[1.5 if x else 0.5 for x in g_dated]))))
        keyed.setdefault(symbol, kind)
    # the key: one entry per symbol drawn (a slide says it in its source block, its height is scarce: its
    # entries are there, not shown, so that the slide draws the column's traces)
    for symbol, words in statement_keys().items():
        if symbol in keyed:
            fig.add_trace(_legend_key(words, symbol=symbol, colour="#444444"))
            if slide:
                fig.data[-1].showlegend = False
    # every record the source block footnotes is ringed: a corrected value, and a corrected attribution
    corrected = d[headlines.corrected(d)]
    if len(corrected):
        fig.add_trace(_ring(_xs(corrected["_xd"]), corrected["_y"], corrected["record_id"], size=big + 6, width=1.5,
                            name="corrected" if narrow or slide else "corrected (footnote)", showlegend=not slide))
    n_lanes = len(lanes)
    # a lane's label in its actor's colour (grey for context), a highlighted person it names in theirs, so that
    # the marks' colours need no legend
    ticktext = [_lane_tick(lane) for lane in lanes[::-1]]
    fig.update_yaxes(tickmode="array", tickvals=list(range(n_lanes)), ticktext=ticktext,
                     range=[-0.6, n_lanes - 0.4], showgrid=False, zeroline=False, title_text=None,
                     showticklabels=not narrow)
    if narrow:  # a phone: each label at the top of its lane, from the plot's left edge
        _add_annotations(fig, [dict(text=text, x=0, xref="paper", y=i + 0.5, yref="y", xanchor="left",
                                    yanchor="top", align="left", showarrow=False, name="lane",
                                    font=dict(size=_MIN_FONT)) for i, text in enumerate(ticktext)])
    # every other lane shaded (what fig.add_hrect draws, added in one step)
    _add_shapes(fig, [dict(type="rect", xref="x domain", x0=0, x1=1, yref="y", y0=i - 0.5, y1=i + 0.5,
                           fillcolor="rgba(0,0,0,0.035)", line=dict(width=0), layer="below")
                      for i in range(0, n_lanes, 2)])
    wide = width > LAYOUT_WIDTH  # a slide: the dates in one line, fewer ticks (its height is scarce)
    fig.update_xaxes(type="date", tickformat="%-d %b\n%Y", showgrid=True, tickangle=0,
                     title_text=None if slide else "day said (latest possible, or before)" if narrow else
                     "date the claim was made (latest possible day, or just before)")
    fig.update_xaxes(range=list(x_range))
    if narrow or wide:  # one line of dates, each label once (a fortnight drew "Oct 2024" under two ticks)
        vals, texts = date_ticks(*x_range, 4 if narrow else 6 if slide else 8)
        fig.update_xaxes(tickmode="array", tickvals=vals, ticktext=texts)
    # which actors have a colour, by the one rule of every chart (claimant_colours), said where the colours are
    n_coloured = len(highlighted(colours))
    rule = f"colour: the {n_coloured} actor{'s' if n_coloured != 1 else ''} with the most figures"
    if slide:  # the lanes say who; the subtitle the symbols (no key: its row was a lane's height); the dates
        # need no axis title (its line is the plot's)
        shapes = [f"{_GLYPHS.get(symbol, symbol)} {words}" for symbol, words in statement_keys().items()
                  if symbol in keyed]
        about = "large: dated by the article, small: on or before it appeared"
        # the symbols and the colours' rule close the source block, in the room its last line leaves (a key's
        # row, or a subtitle's second line, was the height of the twelfth lane)
        more = "Key: " + ", ".join(shapes + (["○ corrected"] if len(corrected) else [])) + f"; {rule}."
        if hidden:  # said in the source block: the subtitle keeps one line
            k = int(everything["claimant_group_name"].isin({g for lane in hidden for g in lane.groups}).sum())
            more += (f" + {len(hidden)} more lane{'s' if len(hidden) != 1 else ''} ({k} statement"
                     f"{'s' if k != 1 else ''}) in the column version.")
    elif narrow:
        about = f"{rule}; large marks: dated by the article; small, pale: said on or before it appeared"
    else:  # the headline names the earliest dated statement; the subtitle counts them
        k = int(headlines.is_dated(everything).sum())
        about = (f"colour per actor: the {n_coloured} with the most figures, as in every chart; "
                 + (f"large: the {k} dated by the article{'s' if k != 1 else ''}; " if k else
                    "large: dated by the article (none); ")
                 + "small, pale: said on or before it appeared")
    if slide:
        source = _slide_source(frame, d, width - 24, text_px, everything, more)
    elif narrow:
        source = None
    else:
        source = _source_block(frame, d, _chars(width - 24)) + "<br>" + _wrap(
            f"Lines: {'; '.join(drawn_lines)}.", _chars(width - 24)) if drawn_lines else None
    # a slide and a phone say it in the short form (five lines of a phone's screen were the headline)
    # the headline names an actor as the lanes drawn here name it (what it names, the chart draws)
    drawn_names = lane_names(lanes, frame)
    # the rows drawn, by group: the headline counts what a row shows (review 10, major 11)
    rows = {g: _plain(lane.label) for lane in lanes for g in lane.groups}
    if callable(title):  # a headline built around the finding (statements_dense's), from the names drawn
        head = title(drawn_names, rows)
    elif title_given:
        head = title
    else:  # in two lines: the long form, else in fewer words, else the short form (a slide's and a phone's)
        forms = [headlines.statements_headline(everything, short=True, names=short_names(frame), drawn=drawn_names,
                                               rows=rows)]
        forms.append(forms[0].split("; ")[0])  # who has the most statements, alone, where two lines hold no more
        if not (slide or narrow):
            forms[:0] = [headlines.statements_headline(everything, names=short_names(frame), drawn=drawn_names,
                                                       brief=brief, rows=rows) for brief in (False, True)]
        head = _in_two_lines(forms, width)
    _base_layout(fig, head, frame, d,
                 height=max(580, int(lane_px * n_lanes) + 260), subtitle=about,
                 width=width, left=left, right=16 if narrow else _KEY_RIGHT, key_from_edge=not narrow,
                 text_px=text_px, title_px=slide_px(SLIDE_TITLE_PT, width) if slide else None, source=source)
    if wide:  # the dates in one line: the axis title and the source move up by the line the column keeps
        # (a slide without the axis title: its line less, measured at its text size)
        bottom = round((_BOTTOM - _SLIDE_DATES - (_LINE + 8 if slide else 0)) * text_px / _MIN_FONT)
        fig.update_layout(height=fig.layout.height - _SLIDE_DATES + bottom - _BOTTOM)
        _set_bottom(fig, bottom)
        for a in fig.layout.annotations:
            if a.name == "source":
                a.yshift = -(bottom - 28 * text_px / _MIN_FONT)
    return fig


def _in_two_lines(forms: list[str], width: int) -> str:
    """The first of the headline ``forms`` that :func:`_base_layout` wraps to at most two lines at ``width`` (a
    column's, wrapped by characters, else by its drawn width), else the last."""
    def lines(text: str) -> int:
        title_px = _title_font(width)
        drawn = PHONE_MIN_WIDTH if width < PHONE_BREAK else width
        wrapped = (_wrap(text, _chars(width - 24, title_px)) if width == LAYOUT_WIDTH
                   else _wrap_px(text, drawn * 0.99 - 12, title_px))
        return wrapped.count("<br>") + 1
    return next((f for f in forms if lines(f) <= 2), forms[-1])


def _plain(label: str) -> str:
    """A lane label as plain text: without its tags and line breaks."""
    return html.unescape(re.sub(r"<[^>]+>", "", label.replace("<br>", " ")))


def date_ticks(start, end, most: int) -> tuple[list[str], list[str]]:
    """At most ``most`` ticks (values, one-line labels) between the dates ``start`` and ``end``, no label twice:
    the first of every k-th month labelled "Oct 2024" where the span holds three months' starts or more, else every
    k-th day labelled "17 Oct" (the first with its year).

    >>> date_ticks("2024-10-15", "2024-11-02", 4)
    (['2024-10-15', '2024-10-20', '2024-10-25', '2024-10-30'], ['15 Oct 2024', '20 Oct', '25 Oct', '30 Oct'])
    >>> date_ticks("2024-08-20", "2025-11-20", 4)[1]
    ['Sep 2024', 'Jan 2025', 'May 2025', 'Sep 2025']
    """
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    months = pd.date_range(lo.normalize() + pd.offsets.MonthBegin(0) if lo.day != 1 or lo != lo.normalize()
                           else lo, hi, freq="MS")
    if len(months) >= 3:
        step = math.ceil(len(months) / most)
        picked = months[::step]
        return [_x(t) for t in picked], [f"{t:%b %Y}" for t in picked]
    first = lo.normalize() + pd.Timedelta(days=1) if lo != lo.normalize() else lo
    days = pd.date_range(first, hi, freq="D")
    step = max(1, math.ceil(len(days) / most))
    picked = days[::step]
    return [_x(t) for t in picked], [f"{t.day} {t:%b %Y}" if i == 0 else f"{t.day} {t:%b}" for i, t in enumerate(picked)]


def lane_label_need(labels, size: float = _MIN_FONT) -> float:
    """The layout pixels two neighbouring lanes need so that their labels (centred on the lanes) do not overlap:
    the most that two neighbours' half heights add up to (:func:`text_size`, at font ``size``)."""
    heights = [text_size(t, size)[1] for t in labels or ()]
    return max([(a + b) / 2 for a, b in zip(heights, heights[1:])] or heights or [0.0])


def lane_room(fig: go.Figure) -> float:
    """The layout pixels between two neighbouring lanes of a figure with lanes (its y axis's tick values)."""
    m = fig.layout.margin
    plot = fig.layout.height - m.t - m.b
    lo, hi = fig.layout.yaxis.range
    return plot / (hi - lo)


@text_safe
def statements(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *, width: int | None = None,
               slide: bool = False) -> go.Figure:
    """Every record as a statement in its claimant's lane, coloured by its actor (a cross for a denial), with the lags from
    event to statement to publication; a range slider below (not on a phone). ``slide``: laid out for a 16:9
    slide (no slider, the grey actors of a country in one lane, the height of the slide).

    >>> from timeline import load_events
    >>> frame = load_events()
    >>> fig = statements(frame)
    >>> sum(len(t.x) for t in fig.data if t.meta == "statement") == len(frame)
    True
    """
    fig = _statements_figure(frame, CHARTS["statements"].title, flags=flags, width=width, slide=slide)
    # a range slider on the column's page (not on a phone, where it took a screen's height, nor on a slide),
    # spanning the axis: its own autorange spanned every period spoken of (Sep 2023 to Dec 2026)
    if not frame.empty and not slide and (width or LAYOUT_WIDTH) >= PHONE_BREAK:
        plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        fig.update_xaxes(rangeslider=dict(visible=True, thickness=round(_SLIDER_PX / plot_px, 4),
                                          range=list(fig.layout.xaxis.range)))
        # the slider sits where plotly puts the axis title: the title goes below the slider, as an annotation
        # (for_print puts it back on the axis)
        fig.add_annotation(text=fig.layout.xaxis.title.text, xref="paper", yref="paper", x=0.5, y=0,
                           xanchor="center", yanchor="top", yshift=-(52 + _SLIDER_PX + 6), showarrow=False,
                           name="slider-axis-title", font=dict(size=_MIN_FONT))
        fig.update_xaxes(title_text=None)
        fig.update_layout(height=fig.layout.height + _SLIDER_HEIGHT)
        _set_bottom(fig, _BOTTOM + _SLIDER_BOTTOM)
    return fig


def for_print(fig: go.Figure) -> go.Figure:
    """The figure as a static image shows it: without the range slider, which only works in a browser, and
    without the room it takes. A new figure; the argument is left alone. The export applies it to PNG, SVG and
    PDF (not to HTML).

    >>> from timeline import load_events
    >>> fig = statements(load_events())
    >>> printed = for_print(fig)
    >>> printed.layout.xaxis.rangeslider.visible, fig.layout.xaxis.rangeslider.visible
    (False, True)
    >>> fig.layout.height - printed.layout.height == _SLIDER_HEIGHT
    True
    >>> before = fig.to_json(); _ = for_print(fig); fig.to_json() == before
    True
    """
    out = go.Figure(fig.to_dict())  # go.Figure(fig) would reorder the argument's trace keys
    if out.layout.xaxis.rangeslider.visible:
        out.update_xaxes(rangeslider=dict(visible=False))
        moved = [a for a in out.layout.annotations if a.name == "slider-axis-title"]
        if moved:
            out.update_xaxes(title_text=moved[0].text)
            out.layout.annotations = [a for a in out.layout.annotations if a.name != "slider-axis-title"]
        out.update_layout(height=out.layout.height - _SLIDER_HEIGHT)
        _set_bottom(out, _BOTTOM)
    return out


def densest_window(frame: pd.DataFrame, days: int = DENSE_WINDOW_DAYS) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window of ``days`` days holding the most statements (by latest possible statement day).

    >>> f = pd.DataFrame({"stated_end": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-03-05", "2024-03-20"])})
    >>> [d.strftime("%Y-%m-%d") for d in densest_window(f, 14)]
    ['2024-03-01', '2024-03-14']
    """
    days_ = frame["stated_end"].dropna().sort_values()
    best, best_n = days_.iloc[0], -1
    for start in days_.unique():
        n = int(((days_ >= start) & (days_ < start + pd.Timedelta(days=days))).sum())
        if n > best_n:
            best, best_n = start, n
    return pd.Timestamp(best), pd.Timestamp(best) + pd.Timedelta(days=days - 1)


@text_safe
def statements_dense(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *,
                     width: int | None = None, slide: bool = False) -> go.Figure:
    """The statements chart zoomed on the densest two weeks (late October 2024 in the seed articles).

    >>> from timeline import load_events
    >>> frame = load_events()
    >>> start, end = densest_window(frame)
    >>> fig = statements_dense(frame)
    >>> fig.layout.xaxis.range[1][:10] == (end + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    True
    """
    if frame.empty:
        return _empty(CHARTS["statements_dense"].title, frame, "records")
    start, end = densest_window(frame)
    x_range = (start - pd.Timedelta(hours=12), end + pd.Timedelta(hours=36))
    # the records whose statement date (or its span) meets the window
    meets = (frame["stated_end"] >= start) & (frame["stated_start"].fillna(frame["stated_end"]) <= end)
    shown = frame[meets]

    days = (f"{start.day}–{end.day} {end:%b %Y}" if start.month == end.month
            else f"{start.day} {start:%b} – {end.day} {end:%b %Y}")

    def title(drawn: dict[str, str], rows: dict[str, str]) -> str:  # from the names and rows the chart draws
        # (``drawn``: :func:`lane_names`; ``rows``: each group's row label). The days and the finding are joined
        # by a dash: "17–30 Oct 2024: most cited: …" chained two colons (review 10, minor 21)
        if slide:  # the short form: the days and the finding
            head = headlines.statements_headline(shown, True, short_names(frame), drawn=drawn, rows=rows)
            head = head[:1].lower() + head[1:]
            # in one line where it can: the short form, else without the count of dated statements (which the
            # slide's subtitle gives as well)
            one_line = SLIDE_SIZES[0][0] * 0.99 - 12
            forms = [f"{days}, the busiest fortnight — {head}", f"{days} — {head}", f"{days} — {head.split('; ')[0]}"]
            return next((t for t in forms
                         if text_width(t, slide_px(SLIDE_TITLE_PT, SLIDE_SIZES[0][0])) <= one_line), forms[-1])
        # in two lines where it can (it took three in the column, six on a phone): the long form, in fewer words,
        # the short form (as a slide's)
        heads = [headlines.statements_headline(shown, short=short, names=short_names(frame), drawn=drawn,
                                               brief=brief, rows=rows) for short, brief in ((False, False), (False, True),
                                                                                 (True, False))]
        def lower(h: str) -> str:
            return h[:1].lower() + h[1:]
        long_days, busiest = f"The busiest two weeks, {start.day} {start:%b} to {end.day} {end:%b %Y} — ", \
            f"{days}, the busiest two weeks — "
        # the earliest dated statement where two lines hold it (the long form, in fewer words, with the days
        # alone), else the short form, else its first clause alone (a phone's two lines)
        forms = [long_days + lower(h) for h in heads[:2]] + [busiest + lower(heads[1]), f"{days} — {lower(heads[1])}",
                                                             busiest + lower(heads[2]), f"{days} — {lower(heads[2])}",
                                                             f"{days} — {lower(heads[2].split('; ')[0])}"]
        # each form also in fewer words ("most statements" says it), before the next, shorter one; last, for a
        # phone's two lines, the finding without the days (the axis below gives them)
        forms = list(dict.fromkeys(f for form in forms for f in (form, form.replace(
            "most statements recorded: ", "most statements: "))))
        forms.append(heads[2].split("; ")[0].replace("Most statements recorded: ", "Most statements: "))
        return _in_two_lines(forms, width or LAYOUT_WIDTH)
    return _statements_figure(frame, title, x_range=(x_range[0].isoformat(), x_range[1].isoformat()),
                              shown=shown, flags=flags, title_given=True, width=width, slide=slide)


# --------------------------------------------------------------------------- sources


#: Layout pixels of a source_flow block's header line, of each line of its marks, and between blocks.
_FLOW_HEAD, _FLOW_LINE, _FLOW_GAP = 28, 26, 14
#: How many claimants the block of the records no carrier is named for lists by name (the most records first).
_FLOW_LISTED = 5


def _flow_items(items: list[tuple[str, str]], plot_w: float) -> list[tuple[float, int]]:
    """Where each (label text, _) item of a block goes: (x of its marker, line), in order, in a grid of columns
    (two where the plot is 600 px wide or more, else one) so that the blocks read as a table at any width the
    figure is drawn at; an item wider than a column (measured by :func:`text_size`) takes a line of its own."""
    n_cols = 2 if plot_w >= 600 else 1
    col_w = plot_w / n_cols
    out, col, line = [], 0, 0
    for text, _ in items:
        span = 1 if 7 + 6 + text_size(text)[0] + 16 <= col_w else n_cols
        if col + span > n_cols:
            col, line = 0, line + 1
        out.append((8 + 7 + col * col_w, line))
        col += span
    return out


@text_safe
def source_flow(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *, width: int | None = None,
                slide: bool = False, height: int | None = None) -> go.Figure:
    """Which records name the agency or outlet that carried the claim, and whose claims they carried: one block
    per carrier (the most records first), a dot per record labelled with its claimant in the claimant's colour;
    then one block for the records that name no carrier (they stand on the article alone), its claimants with
    the most such records named, the rest counted. Every record is in exactly one block.

    >>> from timeline import load_events
    >>> frame = load_events()
    >>> fig = source_flow(frame)
    >>> carried = [r for t in fig.data if t.meta == "marker" for r in t.customdata]
    >>> rest = [r for t in fig.data if t.meta == "remainder" for ids in t.customdata for r in ids.split(", ")]
    >>> sorted(carried + rest) == sorted(frame["record_id"])
    True

    ``slide``: laid out for a 16:9 slide (:func:`_on_slide`); ``height``: the figure's fixed height.
    """
    if slide:
        return _on_slide(lambda w, h: source_flow(frame, flags, width=w, height=h))
    title = CHARTS["source_flow"].title
    if frame.empty:
        return _empty(title, frame, "records")
    width = width or LAYOUT_WIDTH
    notes = _correction_notes(flags)
    colours = claimant_colours(frame)
    rank = {n: i for i, n in enumerate(actor_order(frame))}
    narrow = width < PHONE_BREAK
    left, right = 20, 20
    plot_w = width - left - right
    name_chars = 24 if narrow else 46

    def text_colour(name):
        return colours[name] if colours[name] != CONTEXT_GREY else "#555555"

    carried = frame[frame["outlet"].isin(headlines.agency_ids(frame))].copy()
    carried["_rank"] = carried["claimant_name"].map(rank)
    blocks = []  # (carrier, records, [(label, colour)], trace kwargs)
    sizes = carried.groupby("outlet_name")["record_id"].size()
    for outlet in sorted(sizes.index, key=lambda o: (-int(sizes[o]), o)):
        g = carried[carried["outlet_name"] == outlet].sort_values(["_rank", "stated_end", "record_id"],
                                                                  kind="stable")
        items = []
        for _, r in g.iterrows():
            # one line per item (the block's rows are a line each): the name, or its short form where it needs more
            text = _label_name(r["claimant_name"], name_chars,
                               short=short_names(frame).get(r["claimant_name"])).replace("<br>", " ")
            if r["claimant_name"] == outlet:  # the carrier's own claim: "via Reuters: Reuters" said nothing
                text += " (its own report)"
            if not pd.isna(r["count_unit"]):
                figure = headlines.number(r)
                if text_size(f"{text}: {figure}")[0] + 29 > plot_w:  # a phone: a magnitude by its word alone
                    figure = _gloss_only(r)
                text += f": {figure}"
            items.append((text, text_colour(r["claimant_name"])))
        n = len(g)
        blocks.append((f"via {outlet}", n, items,
                       dict(meta="marker", customdata=list(g["record_id"]),
                            hovertext=[_hover(r, notes) for _, r in g.iterrows()],
                            marker_colour=[colours[c] for c in g["claimant_name"]])))
    rest = frame[~frame["record_id"].isin(carried["record_id"])]
    if len(rest):
        by = rest.groupby("claimant_name")["record_id"].agg(list)
        names = sorted(by.index, key=lambda c: (-len(by[c]), rank[c], c))
        listed, others = names[:_FLOW_LISTED], names[_FLOW_LISTED:]
        items, ids, hover, marker_colour = [], [], [], []
        for c in listed:
            items.append((f"{_label_name(c, name_chars, short=short_names(frame).get(c)).replace('<br>', ' ')}: "
                          f"{len(by[c])}",
                          text_colour(c)))
            ids.append(", ".join(sorted(by[c])))
            seeds = sorted({s[:3] for s in rest.loc[rest["claimant_name"] == c, "seed"]})
            hover.append(f"<b>{c}</b>: {len(by[c])} record{'s' if len(by[c]) != 1 else ''} that name no "
                         f"agency or outlet as carrying the claim<br>articles {', '.join(seeds)}"
                         + (f"<br>{_wrap(f'{c}: {full_name(frame, c)}', 70)}" if full_name(frame, c) else ""))
            marker_colour.append(colours[c])
        if others:
            n_other = sum(len(by[c]) for c in others)
            items.append((f"{len(others)} other claimant{'s' if len(others) != 1 else ''}: {n_other}", "#555555"))
            ids.append(", ".join(sorted(r for c in others for r in by[c])))
            hover.append("<br>".join([_wrap("; ".join(f"{c}: {len(by[c])}" for c in others), 60)]
                                     + [_wrap(f"{c}: {full_name(frame, c)}", 70) for c in others
                                        if full_name(frame, c)]))
            marker_colour.append(CONTEXT_GREY)
        # the block is named for what its records lack, not by the article's name: "The article itself" is a
        # claimant row of its own here (the article's own claims), one reading per thing (review 9, major 12)
        blocks.append(("No agency or outlet named", len(rest), items,
                       dict(meta="remainder", customdata=ids, hovertext=hover, marker_colour=marker_colour)))
    fig = go.Figure()
    y = 0.0
    # a slide (its height is scarce): the carrier stands left of its records, not above them, in a column as wide
    # as the widest carrier's line (bold: a tenth wider than measured), a third of the plot at most
    inline = width > LAYOUT_WIDTH
    head_w = min(plot_w / 3, max(text_width(f"{name}: {n} records", _MIN_FONT) * 1.1 + 16
                                 for name, n, _, _ in blocks)) if inline else 0.0
    headers: list[dict] = []  # the blocks' headers, added in one step (_add_annotations)
    for name, n, items, kw in blocks:
        # the carrier in bold, wrapped to the width, then how many records it carried
        header = ("<b>" + _wrap(name, _chars(head_w or plot_w) - 12).replace("<br>", "</b><br><b>")
                  + f"</b>: {n} record{'s' if n != 1 else ''}")
        headers.append(dict(text=header, x=0, y=y + (4 if inline else 0), xref="x", yref="y",
                            xanchor="left", yanchor="top", showarrow=False, align="left", name="block-header",
                            font=dict(size=_MIN_FONT, color="#222222")))
        head_h = _FLOW_HEAD * (header.count("<br>") + 1)
        y += 0 if inline else head_h
        places = _flow_items(items, plot_w - head_w)
        xs = [head_w + p[0] for p in places]
        ys = [y + _FLOW_LINE * (p[1] + 0.5) for p in places]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text", meta=kw["meta"], customdata=kw["customdata"], showlegend=False,
            name=header, text=[t for t, _ in items], textposition="middle right",
            textfont=dict(size=_MIN_FONT, color=[c for _, c in items]),
            hovertext=kw["hovertext"], hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=12, symbol="circle", color=kw["marker_colour"],
                        line=dict(width=1, color="#ffffff"))))
        y += max(_FLOW_LINE * (max(p[1] for p in places) + 1), head_h if inline else 0) + _FLOW_GAP
    _add_annotations(fig, headers)
    fig.update_xaxes(visible=False, range=[0, plot_w], fixedrange=True)
    fig.update_yaxes(visible=False, range=[y, -4], fixedrange=True)
    _base_layout(fig, headlines.flow_headline(frame), frame, frame, height=int(y) + 4 + 190 - (_BOTTOM - 40),
                 subtitle="one block per agency or outlet the articles name as carrying a claim, a dot per record "
                          "labelled with its claimant (and figure); last, the records that name none, a dot per "
                          "claimant with its number of records", width=width, left=left, right=right)
    _set_bottom(fig, 40)  # no axis below the blocks: the source line follows them
    _fix_height(fig, height)
    return fig


def _defining(template: str, frame: pd.DataFrame, texts) -> str:
    """A trace's hover template that defines the short names its texts write ('NIS: National Intelligence
    Service (South Korea)', :func:`timeline.headlines.full_name`), one a line after ``template``: a table's cells
    have no record tooltip of their own to define them in."""
    joined = "\n".join(str(v).replace("<br>", " ") for v in texts)
    defined = [f"{short}: {full}" for short, full in sorted((frame.attrs.get("full_names") or {}).items())
               if re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", joined)]
    return "<br>".join([template] + [_wrap(d, 70) for d in defined]) + "<extra></extra>"


#: Characters of a line of the sources table on a phone (its claims, claimants and the list of lone figures).
_PHONE_LINE = 36


@text_safe
def independent_sources(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *,
                        width: int | None = None, slide: bool = False, height: int | None = None,
                        rows: int | None = None) -> go.Figure:
    """What a source researcher asks of the claims (:func:`timeline.summaries.claim_sources`): which claims more
    than one article repeats, which figures (troop and casualty counts, by the month they speak of) stand on one
    source, and which records name the agency or outlet that carried them. A table, one row per original claim,
    the repeated ones first; the headline says how many claims were repeated and how many figures stand on one
    source, the subtitle for how many claims a record names the agency that carried it. A column that would hold one value in every row
    (every figure on one source) is no column but a clause of the headline.

    >>> from timeline import load_events
    >>> fig = independent_sources(load_events())
    >>> fig.data[0].name, fig.data[0].meta
    ('claim', 'sources-column')

    ``slide``: laid out for a 16:9 slide (:func:`_on_slide`); ``height``: the figure's fixed height; ``rows``:
    show only the first so many claims (the subtitle says how many more the column's table holds). On a slide each
    column is as wide as its widest text (measured), so that a row takes one line where the width allows; where the
    slide's height still holds fewer rows than the table has at a line's height each (:func:`_line_px`), the slide
    shows the rows that fit and says so.
    """
    from .summaries import NONE_NAMED, claim_sources

    if slide:
        def build(w, h):
            fig = independent_sources(frame, flags, width=w, height=h)
            n = next((len(t.y) for t in fig.data if t.meta == "sources-column"), 0)  # the table's rows
            while n > 1 and _line_px(fig) < _MIN_FONT * 1.2:  # one row fewer until a line keeps its height
                n -= 1
                fig = independent_sources(frame, flags, width=w, height=h, rows=n)
            return fig
        return _on_slide(build)

    title = CHARTS["independent_sources"].title
    t = claim_sources(frame)
    if t.empty:
        return _empty(title, frame, "counts")
    figures = t[t["n_sources"].notna()]
    single = int((figures["n_sources"] == 1).sum())
    repeated = int((t["n_articles"] > 1).sum())
    named = int((t["carried"] != NONE_NAMED).sum())
    said = ([f"{repeated} claim{'s were' if repeated != 1 else ' was'} repeated in more than one article"] if repeated
            else ["no claim was repeated in more than one article"])
    if len(figures):
        said.append(f"each of the {len(figures)} reported figures stands on one source" if single == len(figures) > 1
                    else f"{single} of the {len(figures)} reported figures stand on one source each")
    # records name agencies, claims do not (review 10, minor 19): the agency count is the subtitle's, the headline
    # keeps its two findings (at most 2 lines at column width)
    carried = (f"for {named} of the {len(t)} distinct claim{'s' if len(t) != 1 else ''} a record names the agency "
               "that carried it")
    headline = "; ".join(said)
    # the table's rows: the claims several articles repeat and the figures more than one source gives (the
    # finding); a figure standing on one source in one article is an item of the compact block below the table
    in_table = ((t["n_articles"] > 1) | (t["n_sources"].fillna(0) > 1)).to_numpy()
    lone = t[~in_table]
    t = t[in_table]
    t = t.assign(n_sources=[("" if pd.isna(v) else str(int(v))) for v in t["n_sources"]])
    more = max(0, len(t) - rows) if rows is not None else 0
    if more:
        t = t.iloc[:rows]
    # a table drawn as text columns (plotly's table trace gets random ids in SVG): left-aligned, wrapped to width;
    # a count column only where its rows differ (else the subtitle says the one value)
    kept = {c: t[c].nunique() > 1 for c in ("n_sources", "n_articles", "n_records")}
    kept["n_sources"] = kept["n_sources"] and (t["n_sources"] != "").any()
    same = [f"{t[c].iloc[0]} {word}" for c, word in (("n_articles", "articles"), ("n_records", "records"))
            if len(t) and not kept[c]]
    with_sources = kept["n_sources"]
    shares = [("claim", "claim", 0.36), ("speaks of", "speaks_of", 0.10), ("claimant(s)", "claimants", 0.24),
              ("sources", "n_sources", 0.07), ("articles", "n_articles", 0.07), ("records", "n_records", 0.07),
              ("carried by", "carried", 0.19)]
    shares = [c for c in shares if kept.get(c[1], True)]
    total, room_px, x = sum(c[2] for c in shares), (width or LAYOUT_WIDTH) - 40, 0.0
    columns = []
    for h, c, share in shares:
        columns.append((h, c, x, max(6, _chars(share / total * room_px) - 2)))
        x += share / total
    narrow = (width or LAYOUT_WIDTH) < PHONE_BREAK
    if narrow:  # a phone: each claim a block of lines (claim; month and counts; claimants; carrier), each line
        # as wide as the list below (the claim had 22 characters beside its month: ~60 % of the width)
        full = _PHONE_LINE
        counted = [c for c in ("n_sources", "n_articles", "n_records") if kept[c]]
        at = {c: 0.0 for c in ("n_sources", "n_articles", "n_records")}
        for k, c in enumerate(counted):
            at[c] = 0.35 * (k + 1)
        columns = [("claim", "claim", 0.0, full), ("speaks of", "speaks_of", 0.0, 12),
                   ("claimant(s)", "claimants", 0.0, full), ("sources", "n_sources", at["n_sources"], 12),
                   ("articles", "n_articles", at["n_articles"], 12),
                   ("records", "n_records", at["n_records"], 12),
                   ("carried by", "carried", 0.0, full)]
        columns = [c for c in columns if kept.get(c[1], True)]
        line_of = {"claim": 0, "speaks_of": 1, "claimants": 2, "n_sources": 1, "n_articles": 1, "n_records": 1,
                   "carried": 3}
        prefix = {"n_sources": "sources: ", "n_articles": "articles: ", "n_records": "records: ",
                  "carried": "carried by: "}
    else:
        line_of, prefix = {c: 0 for _, c, _, _ in columns}, {}

    # what a cell shows: its text, a claimant named as the charts' labels name it (its declared short name where
    # the whole one takes more than its lines: on a slide one line, else two); the tooltip keeps the full text
    by_id, shorts = frame.set_index("record_id"), short_names(frame)
    name_lines = 1 if (width or LAYOUT_WIDTH) > LAYOUT_WIDTH else 2
    cell = {col: [str(v) for v in t[col]] for _, col, _, _ in columns}
    chars = {col: w for _, col, _, w in columns}

    def claimants_cell(ids: str, chars: int) -> str:
        # on a slide (one line) several claimants share the line: each name shortened to its share of it
        names = sorted(set(by_id.loc[ids.split(", "), "claimant_name"]))
        text = ", ".join(_label_name(n, chars, name_lines, shorts.get(n)).replace("<br>", " ") for n in names)
        if name_lines == 1 and len(names) > 1 and len(text) > chars:
            each = max(8, (chars - 2 * (len(names) - 1)) // len(names))
            text = ", ".join(_label_name(n, each, 1, shorts.get(n)).replace("<br>", " ") for n in names)
        return text
    cell["claimants"] = [claimants_cell(ids, chars["claimants"]) for ids in t["record_ids"]]
    if (width or LAYOUT_WIDTH) > LAYOUT_WIDTH:
        # a slide: each column as wide as its widest text (measured; the header in bold a tenth wider), the widest
        # column taking what the others leave (its claimants shortened to it), the room left shared out evenly:
        # a row then takes one line (a slide's height is scarce). Where the widest would get less than 200 px,
        # the columns keep their shares above and wrap
        def measured(c, h):
            return max([text_width(h, _MIN_FONT) * 1.1] + [text_width(v, _MIN_FONT) for v in cell[c]]) + 16
        room = width - 40
        need = [measured(c, h) for h, c, _, _ in columns]
        k = [c for _, c, _, _ in columns].index("claimants")  # its names shortened to the room the others leave
        if room - sum(need) + need[k] >= 200:
            cell["claimants"] = [claimants_cell(ids, _chars(room - sum(need) + need[k] - 16))
                                 for ids in t["record_ids"]]
            need[k] = measured("claimants", columns[k][0])
        widest = need.index(max(need))
        left = room - sum(need) + need[widest]
        wraps = None  # the one column that wraps, if any
        if need[widest] > left >= 200:
            h, c, _, _ = columns[widest]
            wraps = None if c == "claimants" else c
            if c == "claimants":
                cell[c] = [claimants_cell(ids, _chars(left - 16)) for ids in t["record_ids"]]
                need[widest] = measured(c, h)
            else:
                need[widest] = left
        if sum(need) <= room + 0.5:
            spare = max(0.0, room - sum(need)) / len(need)
            starts = [sum(n + spare for n in need[:i]) / room for i in range(len(need))]
            columns = [(h, c, x, _chars(need[k] - 16) if c == wraps else max(len(v) for v in cell[c]) + 1)
                       for k, ((h, c, _, _), x) in enumerate(zip(columns, starts))]

    def n_lines(k, col, w):
        return len(textwrap.wrap(prefix.get(col, "") + cell[col][k], w, break_long_words=False)) or 1
    # per record: the lines each band of the block takes, and where each column's text sits
    blocks, col_y = [], {c: [] for _, c, _, _ in columns}
    y = 0.0
    gap = 0.2 if (width or LAYOUT_WIDTH) > LAYOUT_WIDTH else 0.6  # between rows, in lines: a slide's height is scarce
    for r in range(len(t)):
        bands = {}
        for _, col, _, w in columns:
            bands[line_of[col]] = max(bands.get(line_of[col], 1), n_lines(r, col, w))
        top = y
        offsets, acc = {}, 0.0
        for band in sorted(bands):
            offsets[band] = acc
            acc += bands[band]
        for _, col, _, w in columns:
            col_y[col].append(-(top + offsets[line_of[col]] + n_lines(r, col, w) / 2))
        blocks.append((top, acc))
        y += acc + gap
    # the figures on one source: one wrapped list, items packed into lines of the table's width, a header first
    lone_lines, lone_ids = [], []
    if len(lone):
        chars_all = _chars((width or LAYOUT_WIDTH) - 40) - 2 if not narrow else _PHONE_LINE
        items, keys = [], []
        units = list(UNIT_LABEL)
        for _, r in lone.iterrows():
            first = by_id.loc[r["record_ids"].split(", ")[0]]
            # one figure a line, by unit (the vocabulary's order), then the month it speaks of, then the claim
            keys.append((units.index(first["count_unit"]) if first["count_unit"] in units else len(units),
                         figure_month(first) or "", r["claim"], r["record_ids"]))
            names = sorted(set(by_id.loc[r["record_ids"].split(", "), "claimant_name"]))
            # inside the item's bracket: the name, or its short form where it has a parenthesis (none nests)
            who = ", ".join(shorts[n] if "(" in n and shorts.get(n) else
                            _label_name(n, 24, 1, shorts.get(n)).replace("<br>", " ") for n in names)
            via = f", via {r['carried']}" if r["carried"] != NONE_NAMED else ""
            items.append((f"{r['claim']} ({who}, {r['speaks_of']}{via})", r["record_ids"]))
        head = (f"{'Each of the' if len(lone) > 1 else 'The'} {len(lone)} figure{'s' if len(lone) > 1 else ''} "
                f"{'that stand' if len(lone) > 1 else 'that stands'} on one source, in one article:")
        items = [item for _, item in sorted(zip(keys, items), key=lambda p: p[0])]
        lone_lines = [head] + [text for text, _ in items]
        lone_ids = [""] + [rid for _, rid in items]
        lone_lines = [("<b>{}</b>" if k == 0 else "{}").format(_wrap(v, chars_all)) for k, v in enumerate(lone_lines)]
        if blocks:
            y += 0.4  # a little room between the table and the list
        lone_y = []
        for v in lone_lines:
            n = v.count("<br>") + 1
            lone_y.append(-(y + n / 2))
            y += n
        y += gap
    fig = go.Figure()
    _add_shapes(fig, [dict(type="rect", xref="x", yref="y", x0=-0.01, x1=1.0, y0=-(top + n + gap / 2),
                           y1=-(top - gap / 2), fillcolor="rgba(0,0,0,0.04)", line=dict(width=0), layer="below")
                      for k, (top, n) in enumerate(blocks) if k % 2 == 0])
    headers: list[dict] = []  # the columns' headers, added in one step (_add_annotations)
    for header, col, x, w in columns if len(t) else ():
        values = [str(v) for v in t[col]]
        fig.add_trace(go.Scatter(
            x=[x] * len(t), y=col_y[col], mode="text", name=header, meta="sources-column", showlegend=False,
            text=[_wrap(prefix.get(col, "") + v, w) for v in cell[col]], textposition="middle right",
            customdata=list(t["record_ids"]),
            hovertext=values, hovertemplate=_defining("records %{customdata}", frame, cell[col]),
            textfont=dict(size=_MIN_FONT, color="#222222")))
        if not narrow:
            headers.append(dict(text=f"<b>{header}</b>", x=x, y=0.4, xref="x", yref="y", xanchor="left",
                                yanchor="bottom", showarrow=False, font=dict(size=_MIN_FONT)))
    if lone_lines:
        fig.add_trace(go.Scatter(
            x=[0.0] * len(lone_lines), y=lone_y, mode="text", name="on one source", meta="sources-block",
            showlegend=False, text=lone_lines, textposition="middle right", customdata=lone_ids,
            hovertext=[re.sub(r"</?b>", "", v).replace("<br>", " ") for v in lone_lines],  # escaped as drawn
            hovertemplate=_defining("%{hovertext}<br>records %{customdata}", frame, lone_lines),
            textfont=dict(size=_MIN_FONT, color="#222222")))
    _add_annotations(fig, headers)
    top_room = 1.5 if headers else 0.2
    fig.update_xaxes(visible=False, range=[-0.01, 1.0])
    fig.update_yaxes(visible=False, range=[-(y - gap + 0.2), top_room])
    shown = frame[frame["record_id"].isin({rid for ids in list(t["record_ids"]) + list(lone["record_ids"])
                                           for rid in ids.split(", ")})]
    subtitle = (carried[:1].upper() + carried[1:] + "; the table: the claims in several articles"
                + (f" (each in {' and '.join(same)})" if same else "")
                + " or from several sources, then the figures that stand on one source")
    if more:
        subtitle += (f"; the first {len(t)} of {len(t) + more} claims, the {more} more "
                     f"{'is' if more == 1 else 'are'} in the column's table")
    _base_layout(fig, headline, frame, shown, height=int(21 * (y + 2)) + 260,
                 subtitle=subtitle, left=20, right=20, width=width)
    # no axis below the table: the source block follows the last line, and each line gets its line's height
    _set_bottom(fig, 40)
    lo, hi = fig.layout.yaxis.range
    fig.update_layout(height=int(fig.layout.margin.t + fig.layout.margin.b + math.ceil(_LINE * (hi - lo))))
    _fix_height(fig, height)
    return fig


def figure_interval(row) -> tuple[float, float] | None:
    """The values a reported figure allows, as (lowest, highest): an open bound is open (at least 3,000 allows
    3,000 to infinity, up to 500 allows 0 to 500), an approximate figure (about, almost) and an exact one their
    figure, a range or a vague word its range; None for a count without a figure.

    >>> figure_interval({"count_qualifier": "at_least", "count_low": 3000, "count_best": 3000, "count_high": None})
    (3000.0, inf)
    >>> figure_interval({"count_qualifier": "almost", "count_low": None, "count_best": 10000, "count_high": 10000})
    (10000.0, 10000.0)
    """
    low, best, high = (row.get(k) for k in ("count_low", "count_best", "count_high"))
    low, best, high = (None if v is None or pd.isna(v) else float(v) for v in (low, best, high))
    if low is None and best is None and high is None:
        return None
    if _open_bound(row) is None and best is not None:  # exact or approximate: the figure as given
        low = best if low is None else low
        high = best if high is None else high
    return (0.0 if low is None else low, float("inf") if high is None else high)


def figure_days(row) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days a reported total speaks of, first and last: the day its count was reached, known to the
    precision given. A total is a state on a day, so a span or an open period (``../2024-10-18``, "sent between
    early and mid October") speaks of its end (the days of its end's precision: a month's end, the days of that
    month); one date given to a month or year speaks of any day in it. The event's dates, else the statement's
    (as the charts fall back), else the article's publication day; None for none. An open end ("ab Januar"):
    its start on.

    >>> figure_days({"event_start": pd.Timestamp("2024-10-01"), "event_end": pd.Timestamp("2024-10-20"),
    ...              "event_edtf": "2024-10-01~/2024-10-20~"})
    (Timestamp('2024-10-20 00:00:00'), Timestamp('2024-10-20 00:00:00'))
    >>> figure_days({"event_start": pd.Timestamp("2024-10-01"), "event_end": pd.Timestamp("2024-10-31"),
    ...              "event_edtf": "2024-10"})[0]
    Timestamp('2024-10-01 00:00:00')
    """
    def get(key):
        value = row.get(key) if hasattr(row, "get") else None
        return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value

    for kind in ("event", "stated"):
        start, end, edtf = get(f"{kind}_start"), get(f"{kind}_end"), get(f"{kind}_edtf")
        if end is None:
            if start is None:
                continue
            return pd.Timestamp(start), pd.Timestamp.max
        end = pd.Timestamp(end)
        text = "" if edtf is None else str(edtf)
        if start is not None and "/" not in text:
            return pd.Timestamp(start), end
        last = text.rsplit("/", 1)[-1].strip("~?%")
        first = end.replace(month=1, day=1) if len(last) == 4 else end.replace(day=1) if len(last) == 7 else end
        return first, end
    published = get("published")
    return None if published is None else (pd.Timestamp(published), pd.Timestamp(published))


def _days_key(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """The days two figures share as the pairs' ``period``: ``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD`` (an open
    end: ``YYYY-MM-DD/..``)."""
    a = first.strftime("%Y-%m-%d")
    b = ".." if last == pd.Timestamp.max else last.strftime("%Y-%m-%d")
    return a if a == b else f"{a}/{b}"


def days_words(period: str) -> str:
    """A pairs' ``period`` (:func:`_days_key`) in words: 'on 18 Oct 2024', 'between 1 Oct 2024 and 20 Oct 2024',
    'from 1 Jan 2025 on'.

    >>> days_words("2024-10-18"), days_words("2024-10-01/2024-10-20")
    ('on 18 Oct 2024', 'between 1 Oct 2024 and 20 Oct 2024')
    """
    if not period:
        return "undated"
    a, _, b = period.partition("/")
    if not b:
        return f"on {day_words(pd.Timestamp(a))}"
    if b == "..":
        return f"from {day_words(pd.Timestamp(a))} on"
    return f"between {day_words(pd.Timestamp(a))} and {day_words(pd.Timestamp(b))}"


#: What :func:`disagreement_candidates` are, in a source line's words ("searched the 40 ...").
SEARCHED_TOTALS = "reported totals (no forecasts, plans, further numbers or sums of others)"


def disagreement_candidates(frame: pd.DataFrame) -> pd.DataFrame:
    """The records :func:`disagreeing_pairs` compares: count claims with a unit that are totals, neither
    forecasts nor plans nor the article summing up others (vocabulary flag_type, attribute sums_up)."""
    summing = set(schema.values_where("flag_type", "sums_up"))
    sums_up = frame["flags"].map(lambda v: bool(summing & set(flag_types(v)))).astype(bool)
    return frame[frame["claim_type"].isin(count_claim_types()) & frame["count_unit"].notna()
                 & ~headlines.is_forecast(frame) & headlines.on_total_scale(frame) & ~sums_up]


def disagreeing_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """The pairs of reported figures that do not agree: the same quantity (unit counted) for the same time (the
    days each total speaks of overlap, :func:`figure_days`), from two *different* claimants (claimant groups: a
    person counts with the institution they speak for), whose figures allow no common value
    (:func:`figure_interval`).

    Not a disagreement: two totals for different days (a count that rose in a month is a change over time, the
    deployments chart shows it), one claimant's own figures (its revisions belong to the deployments chart),
    figures an open bound holds (at least 3,000 and about 12,000 agree), forecasts and planned figures, a further
    number (it is no total: vocabulary count_measure, attribute on_total_scale), and a record flagged as the
    article summing up others (vocabulary flag_type, attribute sums_up: it is no claimant of its own). One row per
    pair, ``period`` the days both speak of (:func:`_days_key`), ``record_a`` the lower figure; sorted by unit,
    period and records.

    >>> from timeline import load_events
    >>> pairs = disagreeing_pairs(load_events())
    >>> bool((pairs["group_a"] != pairs["group_b"]).all())
    True
    """
    pairs = comparable_pairs(frame)
    return pairs.loc[~pairs["agree"], _PAIR_COLUMNS].reset_index(drop=True)


_PAIR_COLUMNS = ["count_unit", "period", "record_a", "record_b", "group_a", "group_b"]


def comparable_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Every pair of reported totals :func:`disagreeing_pairs` weighs: the same quantity (unit counted), days that
    overlap, two different claimants (claimant groups), whether or not their figures agree. The columns of
    :func:`disagreeing_pairs`, then ``agree`` (the figures allow a common value) and ``common_low``,
    ``common_high`` (the values both allow; inf: no upper end); ``record_a`` the lower figure (by its lowest
    value); sorted by unit, period and records.

    >>> from timeline import load_events
    >>> pairs = comparable_pairs(load_events())
    >>> bool(pairs["agree"].any()), bool((pairs["group_a"] != pairs["group_b"]).all())
    (True, True)
    """
    columns = _PAIR_COLUMNS + ["agree", "common_low", "common_high"]
    d = disagreement_candidates(frame)
    rows = []
    for _, r in d.iterrows():
        span, days = figure_interval(r), figure_days(r)
        if span is not None and days is not None:
            rows.append((r["count_unit"], days, r["record_id"], r["claimant_group"], span))
    rows.sort(key=lambda t: (t[0], t[1], t[2]))
    out = []
    for i, (unit, (first, last), rid, group, (lo, hi)) in enumerate(rows):
        for unit2, (first2, last2), rid2, group2, (lo2, hi2) in rows[i + 1:]:
            if unit2 != unit or first2 > last or first > last2 or group2 == group:
                continue
            agree = lo <= hi2 and lo2 <= hi
            lower_first = hi < lo2 if not agree else (lo, rid) <= (lo2, rid2)
            a, b = ((rid, group), (rid2, group2)) if lower_first else ((rid2, group2), (rid, group))
            out.append((unit, _days_key(max(first, first2), min(last, last2)), a[0], b[0], a[1], b[1], agree,
                        max(lo, lo2), min(hi, hi2)))
    return pd.DataFrame(out, columns=columns).sort_values(["count_unit", "period", "record_a", "record_b"],
                                                          kind="stable", ignore_index=True)


def disagreement_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The pairs of :func:`disagreeing_pairs` side by side for reading: the quantity and the days both speak of
    (:func:`days_words`), then for each
    side the claimant, the figure and the quote (German, as in the article), and the records.

    >>> from timeline import load_events
    >>> list(disagreement_table(load_events()).columns)[:4]
    ['quantity', 'speaks of', 'claimant (lower figure)', 'lower figure']
    """
    pairs = disagreeing_pairs(frame)
    by_id = frame.set_index("record_id")
    rows = []
    for p in pairs.itertuples():
        a, b = by_id.loc[p.record_a], by_id.loc[p.record_b]
        rows.append({"quantity": headlines.unit_label(p.count_unit),
                     "speaks of": days_words(p.period),
                     "claimant (lower figure)": a["claimant_name"], "lower figure": headlines.number(a),
                     "quote (lower figure)": a["quote"],
                     "claimant (higher figure)": b["claimant_name"], "higher figure": headlines.number(b),
                     "quote (higher figure)": b["quote"], "records": f"{p.record_a}, {p.record_b}"})
    return pd.DataFrame(rows, columns=["quantity", "speaks of", "claimant (lower figure)", "lower figure",
                                       "quote (lower figure)", "claimant (higher figure)", "higher figure",
                                       "quote (higher figure)", "records"])


#: Why :func:`left_out_pairs` did not compare two figures, in the order the note names them.
LEFT_OUT_REASONS = ("days", "plan", "units")


def left_out_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """The nearest pairs the rule of :func:`comparable_pairs` does not weigh, with the reason: two reported totals
    of different claimants (claimant groups) of the same claim type that come close to a comparison and miss it:

    - ``days``: the same unit for days that do not overlap (``gap_days`` apart): the count may have changed;
    - ``plan``: days that overlap, one of them a forecast or planned figure (:func:`timeline.headlines.is_forecast`):
      what is to be sent, not what is there;
    - ``units``: days that overlap, different units (neither a plan).

    Further numbers and the article summing up others are left out as :func:`disagreement_candidates` leaves them
    (no total, no claimant of its own). No pair of :func:`comparable_pairs` is among them. ``would_agree``: the
    figures allow a common value. Sorted nearest first: figures that would not agree, then by ``gap_days``, reason
    (:data:`LEFT_OUT_REASONS`) and records; ``record_a`` the earlier (else lower-id) record.

    >>> from timeline import load_events
    >>> left = left_out_pairs(load_events())
    >>> left[["record_a", "record_b", "reason", "gap_days"]].head(2).values.tolist()
    [['r003-02', 'r003-03', 'plan', 0], ['r003-04', 'r001-08', 'days', 2]]
    """
    columns = ["record_a", "record_b", "reason", "gap_days", "would_agree", "count_unit_a", "count_unit_b"]
    summing = set(schema.values_where("flag_type", "sums_up"))
    sums_up = frame["flags"].map(lambda v: bool(summing & set(flag_types(v)))).astype(bool)
    pool = frame[frame["claim_type"].isin(count_claim_types()) & frame["count_unit"].notna()
                 & headlines.on_total_scale(frame) & ~sums_up]
    forecast = headlines.is_forecast(pool)
    rows = []
    for i, r in pool.iterrows():
        span, days = figure_interval(r), figure_days(r)
        if span is not None and days is not None:
            rows.append((r["record_id"], r["claim_type"], r["count_unit"], r["claimant_group"], days, span,
                         bool(forecast.loc[i])))
    rows.sort(key=lambda t: (t[4][0], t[0]))
    out = []
    for i, (rid, kind, unit, group, (first, last), (lo, hi), plan) in enumerate(rows):
        for rid2, kind2, unit2, group2, (first2, last2), (lo2, hi2), plan2 in rows[i + 1:]:
            if kind2 != kind or group2 == group:
                continue
            overlap = not (first2 > last or first > last2)
            if overlap and (plan or plan2):
                reason, gap = "plan", 0
            elif overlap and unit2 != unit:
                reason, gap = "units", 0
            elif not overlap and unit2 == unit and not (plan or plan2):
                reason, gap = "days", int(((first2 - last) if first2 > last else (first - last2)).days)
            else:  # compared (comparable_pairs), or too far apart to be near: other days and other units or a plan
                continue
            out.append((rid, rid2, reason, gap, bool(lo <= hi2 and lo2 <= hi), unit, unit2))
    table = pd.DataFrame(out, columns=columns)
    table["_reason"] = table["reason"].map(LEFT_OUT_REASONS.index)
    return table.sort_values(["would_agree", "gap_days", "_reason", "record_a", "record_b"], kind="stable",
                             ignore_index=True).drop(columns="_reason")


#: How many pairs :func:`no_disagreement_note` names that the rule left out (the nearest).
_NOTE_LEFT_OUT = 3


def _left_out_words(frame: pd.DataFrame) -> str:
    """The sentence of :func:`no_disagreement_note` that names the nearest pairs the rule left out
    (:func:`left_out_pairs`, at most :data:`_NOTE_LEFT_OUT`: the nearest of each reason, then the next nearest) and
    why; empty for none."""
    left = left_out_pairs(frame)
    if left.empty:
        return ""
    by_id = frame.set_index("record_id")
    short = headlines.short_names(frame)

    def said(r, unit: bool = True) -> str:  # 'about 1,500 soldiers (NIS, 18 Oct 2024)'
        who = headlines.bracket_name(r["claimant_name"], short.get(r["claimant_name"]))
        what = f" {headlines.unit_label(r['count_unit'])}" if unit else ""
        return f"{headlines.number(r, spelled=True)}{what} ({who}, {_days_key_words(figure_days(r))})"

    # the nearest pair of each reason first (a reader learns every reason), then the next nearest, in table order
    first = [int(left.index[left["reason"] == r][0]) for r in LEFT_OUT_REASONS if (left["reason"] == r).any()]
    picked = sorted((first + [i for i in left.index if i not in first])[:_NOTE_LEFT_OUT])
    parts = []
    for p in left.loc[picked].itertuples():
        a, b = by_id.loc[p.record_a], by_id.loc[p.record_b]
        if p.reason == "days":
            parts.append(f"{said(a, unit=False)} and {said(b)} are {p.gap_days} day{'s' if p.gap_days != 1 else ''} "
                         "apart, so the count may have changed between them")
        elif p.reason == "plan":
            plan, other = (a, b) if bool(headlines.is_forecast(by_id.loc[[p.record_a]]).iloc[0]) else (b, a)
            parts.append(f"{said(plan)} is a plan or forecast (what is to be sent, not what is there), beside "
                         f"{said(other)}")
        else:
            parts.append(f"{said(a)} and {said(b)} count different units")
    rest = len(left) - len(parts)
    lead = "The nearest figures the rule left out" if len(parts) > 1 else "The one pair the rule left out"
    more = (f" {rest} more pairs are left out for these reasons." if rest > 1
            else " One more pair is left out for these reasons." if rest else "")
    return f" {lead}: {'; '.join(parts)}.{more}"


def _days_key_words(days: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """The days a total speaks of (:func:`figure_days`) in words: '18 Oct 2024', 'between 1 Oct 2024 and ...'."""
    text = days_words(_days_key(*days))
    return text[3:] if text.startswith("on ") else text


#: How many agreeing pairs :func:`no_disagreement_note` sets out one by one (the rest it counts).
_NOTE_PAIRS = 3


def _agree_words(a, b, low: float, high: float) -> str:
    """Why two figures that count the same thing for the same days agree (a: the lower), as the predicate of a
    sentence whose subject is both figures."""
    up_a, up_b = _open_bound(a), _open_bound(b)
    if up_a == up_b == "up":
        return (f"are both lower bounds, so a figure that meets the higher ({headlines.number(b, spelled=True)}) "
                "meets both")
    if up_a == up_b == "down":
        return (f"are both upper bounds, so a figure that meets the lower ({headlines.number(a, spelled=True)}) "
                "meets both")
    if low == high:
        return f"allow one common value ({low:,.0f})"
    values = f"{low:,.0f} or more" if high == float("inf") else f"{low:,.0f} to {high:,.0f}"
    return f"allow common values ({values})"


def no_disagreement_note(frame: pd.DataFrame) -> str:
    """What the search for disagreements (:func:`disagreeing_pairs`) compared and why it found none, in words
    computed from the records and the rule: how many totals of how many claimants it compared, when two figures
    conflict, and each pair that counts the same thing for the same days with the reason it agrees (two lower
    bounds: a figure that meets the higher meets both). Plain text, for the index page in place of the empty chart.

    >>> from timeline import load_events
    >>> note = no_disagreement_note(load_events())
    >>> "are both lower bounds" in note and note.startswith("The search compared the 10 reported totals")
    True
    """
    d = disagreement_candidates(frame)
    pairs = comparable_pairs(frame)
    n_groups = d["claimant_group"].nunique()
    text = (f"The search compared the {len(d)} {SEARCHED_TOTALS} of {n_groups} "
            f"claimant{'s' if n_groups != 1 else ''}: two figures conflict when they count the same unit for days "
            "that overlap, come from different claimants and no single value meets both.")
    if pairs.empty:
        return (text + " No two figures of different claimants count the same unit for days that overlap."
                + _left_out_words(frame))
    by_id = frame.set_index("record_id")
    short = headlines.short_names(frame)
    said = []
    for p in pairs.head(_NOTE_PAIRS).itertuples():
        a, b = by_id.loc[p.record_a], by_id.loc[p.record_b]
        who = [headlines.bracket_name(r["claimant_name"], short.get(r["claimant_name"])) for r in (a, b)]
        said.append(f"{headlines.number(a, spelled=True)} ({who[0]}) and {headlines.number(b, spelled=True)} "
                    f"({who[1]}) {headlines.unit_label(p.count_unit)} {days_words(p.period)} "
                    f"{_agree_words(a, b, p.common_low, p.common_high)}")
    n, rest = len(pairs), len(pairs) - len(said)
    lead = ("One pair of figures counts" if n == 1 else f"{n} pairs of figures count") + \
        " the same unit for the same days, and they agree"
    more = f"; the other {rest} agree as well" if rest else ""
    return f"{text} {lead}: {'; '.join(said)}{more}.{_left_out_words(frame)}"


def _short(quote, n: int = 90) -> str:
    text = "" if quote is None or pd.isna(quote) else str(quote)
    return text if len(text) <= n else textwrap.shorten(text, n, placeholder=" …")


#: The headline of where sources disagree when no pair of figures disagrees: a finding about the records, not the
#: world (review 10, major 6).
NO_DISAGREEMENT = "In these records, no two claimants give conflicting figures for the same unit and day"


@text_safe
def disagreements(frame: pd.DataFrame, flags: pd.DataFrame | None = None, *,
                  width: int | None = None, slide: bool = False, height: int | None = None) -> go.Figure:
    """Where sources disagree: the same quantity (unit counted) for the same days, given by at least two
    different claimants in figures that do not agree (:func:`disagreeing_pairs`: open bounds a figure satisfies
    agree, one claimant's own figures are no disagreement, the article summing up others is no claimant), side by
    side in one row per quantity; only the figures of such pairs are drawn, each labelled with the figure and the
    claimant, its tooltip naming the figures it does not agree with and their quotes. It judges nothing.

    >>> from timeline import load_events
    >>> fig = disagreements(load_events())  # the October 2024 totals speak of 18, 20 and 23 Oct: a rise
    >>> sorted({rid for t in fig.data if t.meta == "latest" for rid in t.customdata}), fig.layout.title.text.replace("<br>", " ")
    ([], 'In these records, no two claimants give conflicting figures for the same unit and day')

    ``slide``: laid out for a 16:9 slide (:func:`_on_slide`); ``height``: the figure's fixed height, the labels
    placed for it.
    """
    if slide:
        return _on_slide(lambda w, h: disagreements(frame, flags, width=w, height=h))

    title = CHARTS["disagreements"].title
    notes = _correction_notes(flags)
    pairs = disagreeing_pairs(frame)
    if pairs.empty:
        return _empty(NO_DISAGREEMENT, frame, "disagreements", width=width, height=height,
                      searched=(disagreement_candidates(frame), SEARCHED_TOTALS))
    drawn = set(pairs["record_a"]) | set(pairs["record_b"])
    d = frame[frame["record_id"].isin(drawn)].copy()
    d["_y"] = _marker_y(d).astype(float)
    d["_figure"] = [headlines.number(r) for _, r in d.iterrows()]
    by_id = d.set_index("record_id")
    against: dict[str, list[str]] = {}
    for p in pairs.itertuples():
        against.setdefault(p.record_a, []).append(p.record_b)
        against.setdefault(p.record_b, []).append(p.record_a)
    # one row per quantity and the days its figures share: a figure paired for two periods is in both rows
    groups = [(unit, period, d[d["record_id"].isin(set(pp["record_a"]) | set(pp["record_b"]))]
               .sort_values(["claimant_name", "record_id"], kind="stable"))
              for (unit, period), pp in pairs.groupby(["count_unit", "period"], sort=True)]
    colours = claimant_colours(frame)
    right = max(float(pd.concat([g["count_low"], g["count_high"], g["count_best"]]).dropna().max())
                for _, _, g in groups) * 1.3
    fig = go.Figure()
    rows, labels = [], []
    width = width or LAYOUT_WIDTH
    narrow = width < PHONE_BREAK
    for unit, month, g in groups:
        what = _wrap(headlines.unit_label(unit), 10 if narrow else 40)  # a phone: the plot needs the width
        row_y = f"{what}<br>{days_words(month)}"
        rows.append(row_y)
        _draw_row(fig, g, row_y, colours, right, notes, with_name=True, labels=labels, stacked=narrow)
        # the tooltip sets each figure beside the figures of other claimants it does not agree with, and quotes them
        marks = fig.data[-1]
        marks.hovertext = [
            text + "<br><b>does not agree with:</b><br>" + "<br>".join(
                f"{by_id.loc[o, 'claimant_name']}: {by_id.loc[o, '_figure']} „{_wrap(_short(by_id.loc[o, 'quote']))}“"
                for o in sorted(against[rid]))
            for text, rid in zip(marks.hovertext, marks.customdata)]
    fig.update_xaxes(range=[0, right], tickformat=",d", rangemode="tozero", showgrid=True,
                     title_text="number claimed" if narrow else "number claimed (each row: one unit and its days)")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows[::-1], range=[-0.5, len(rows) - 0.5])

    # neutral and computed from what is drawn: how many claimants' figures do not agree, which is right is not said
    def said(u, m, g):
        return f"{headlines.unit_label(u)} {days_words(m)}"
    if len(groups) == 1:
        u, m, g = groups[0]
        headline = (f"{g['claimant_group'].nunique()} claimants gave figures that do not agree for {said(u, m, g)} "
                    f"({g['_figure'].nunique()} figures)")
    else:
        headline = (f"Claimants gave figures that do not agree for {len(groups)} quantities: "
                    + "; ".join(f"{said(u, m, g)}, {g['claimant_group'].nunique()} claimants, "
                                f"{g['_figure'].nunique()} figures" for u, m, g in groups))
    shown = pd.concat([g for _, _, g in groups])
    if narrow:
        _phone_number_axis(fig)
    left = int(max(text_size(r)[0] for r in rows) + 24)
    # a row's height grows with the figures it holds: each label needs its own place above or below the axis
    # (laid out roomy, the labels placed, then the height cut to what they take: a row is as tall as its labels)
    per_row = max(130, max(len(g) for _, _, g in groups) * (100 if narrow else 48) + 40)
    roomy = per_row * (2 if height is None and len(groups) == 1 else 1)
    _base_layout(fig, headline, frame, shown, height=roomy * len(groups) + 300,
                 subtitle="figures of different claimants for the same quantity and day that allow no common "
                          "value; totals for different days, open bounds a figure meets, and one claimant's own "
                          "figures, are left out",
                 width=width, left=left, right=24)
    _fix_height(fig, height)
    # the most important first: the highest figures, then by claimant and record (deterministic)
    place_labels(fig, sorted(labels, key=lambda lab: (rows.index(lab.y), -float(lab.x), lab.text)), width,
                 obstacles=segment_boxes(fig, width))
    if height is None and len(groups) == 1:
        _fit_row_height(fig)
    return fig


def _fit_strip_title(fig: go.Figure, title: str, width: int, shorter: tuple[str, ...]) -> None:
    """Give the subplot title ``title`` the first of itself and ``shorter`` that fits the figure's ``width``
    (the title starts 16 px from the left edge and keeps the right margin; measured with :func:`text_size` at the
    title's font size, which errs long); the last if none does."""
    m = fig.layout.margin
    room = width - 16 - (m.r or 0)
    for a in fig.layout.annotations:
        if a.text == title:
            size = a.font.size or _MIN_FONT
            a.text = next((t for t in (title, *shorter) if text_size(t, size)[0] <= room), shorter[-1])


#: Layout pixels a row sized to its labels keeps above and below the farthest of them.
_ROW_PAD = 12


def _fit_row_height(fig: go.Figure) -> None:
    """Cut a one-row figure's plot to what its row's labels and marks take (their pixel offsets from the row,
    :func:`place_labels`), :data:`_ROW_PAD` px beyond the farthest above and below: the row was laid out as tall
    as its figures might need and left the rest of the height empty. The labels keep their places."""
    above = below = 15.0  # a mark's radius and a little: the row itself
    for a in fig.layout.annotations:
        if a.name == "label":
            h = text_size(a.text)[1] + 2
            above, below = max(above, -a.ay + h / 2), max(below, a.ay + h / 2)
    m = fig.layout.margin
    plot = fig.layout.height - m.t - m.b
    new_plot = math.ceil(above + below + 2 * _ROW_PAD)
    if new_plot >= plot:
        return
    top = (above + _ROW_PAD) / new_plot  # the row's place, as a share of the plot from its top
    _slide_height(fig, int(fig.layout.height - plot + new_plot))
    fig.update_yaxes(range=[top - 1, top])  # one category (0) on a range one long: the row at ``top``


# --------------------------------------------------------------------------- the registry


def _spec(name: str, title: str, caption: str, build: Callable[..., go.Figure],
          empty_note: Callable[[pd.DataFrame], str] | None = None) -> ChartSpec:
    return ChartSpec(name=name, title=title, caption=caption, build=build, empty_note=empty_note)


def _types(chart: str) -> str:
    """The claim types a count chart draws, for its caption, in words (vocabulary claim_type, attribute label).

    >>> _types("deployments")
    'troop count'
    """
    return ", ".join(schema.attribute("claim_type", t, "label") for t in count_claim_types(chart))


#: Every chart of the suite, by name (the export's file names), in reading order.
CHARTS: dict[str, ChartSpec] = {spec.name: spec for spec in (
    _spec("deployments", "Reported troop numbers, by claimant",
          f"Each {_types('deployments')} claim at the day it was stated, coloured by "
          "claimant, with its "
          "low–high range, open bounds, statement-date span and the period it refers to, in the main unit's panel, "
          "every other unit counted a row of the strip below; a long stretch without a figure cut out of the "
          "time axis and marked; drawn from the curated records of the seed articles.", deployments),
    _spec("latest_estimates", "What each source was saying last",
          "One row per claimant: the figures of the last day it gave one, in the unit most figures are in "
          "(forecasts, plans and further numbers left out: only totals), on a number axis, the rows in the order "
          "of the days the figures speak of; a vague figure is a bar over its range, an open bound a dotted arrow "
          f"with its qualifier in words; drawn from the {_types('deployments')} records.",
          latest_estimates),
    _spec("casualties", "Reported casualties, by claimant",
          f"Each {_types('casualties')} claim as a row: its claimant, the day said and the "
          "figure with its qualifier, on a number axis, coloured by claimant, open bounds open, killed kept apart "
          "from killed-or-wounded in separate panels; drawn from the curated records.", casualties),
    _spec("statements", "Statements over time, by actor",
          "Every record as a marker in its claimant's lane (persons in their institution's lane, a highlighted "
          "person named in it), in the claimant's colour (the same in every chart), its symbol a cross for a "
          "denial and a dot for any other stance (the tooltip says which), large where "
          "the article dates the statement, small and pale where it does not, side by side where they share a "
          "day, with dotted lags from the event "
          "to the statement and dashed "
          "lags from the statement to the article's publication; drawn from all curated records.", statements),
    _spec("statements_dense", "Statements in the densest two weeks",
          "The statements chart zoomed on the fortnight with the most statements, so that markers on crowded days "
          "can be told apart; drawn from all curated records.", statements_dense),
    _spec("source_flow", "Which records name who carried the claim",
          "One block per agency or outlet the articles name as carrying a claim, a dot per record labelled with "
          "its claimant (in the claimant's colour, as in every chart) and its figure ('its own report' where the "
          "carrier is the claimant); then the records that name no carrier, a dot per claimant with its number of "
          "records; drawn from all curated records.", source_flow),
    _spec("independent_sources", "Which claims were repeated, which figures stand on one source",
          "One row per original claim (records sharing a claim key count once) that gives a troop or casualty "
          "figure or that more than one article repeats: the month it speaks of, its claimant(s), for a figure the "
          "independent claimants giving the same one for the same month where they differ (a person counts with "
          "the institution they speak for), the articles and records carrying it and the agency or outlet they name "
          "as carrying it; drawn from all curated records.", independent_sources),
    _spec("disagreements", "Where sources disagree",
          "The figures of at least two different claimants for the same quantity (unit counted) and the same days "
          "that allow no common value, side by side; totals for different days are a change over time (the "
          "deployments chart), not a disagreement; an open bound a figure meets is no disagreement, nor are one "
          "claimant's own figures or the article summing up others, and a further number never disagrees with a total; "
          "forecasts and plans left out; each tooltip quotes the "
          "figures it does not agree with; drawn from the count records.", disagreements, no_disagreement_note),
)}
