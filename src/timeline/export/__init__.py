"""Export every chart for reports: offline HTML, PNG, SVG, PDF and an index page.

The charts are those of :data:`timeline.charts.CHARTS`; this module defines no
figure of its own. For each chart it writes, into one folder (default
``reports/``):

- ``<name>.html``: the interactive figure. It loads the one ``plotly.min.js``
  written beside it (no CDN) and uses the chart's name as its div id, so two
  exports of the same data are byte-identical and the page works offline.
- ``<name>.png`` (scale 2), ``<name>.svg`` and ``<name>.pdf``: static images,
  drawn by kaleido in one headless Chrome/Chromium started once for all images;
  placed at its own size, each prints at the size's print width (16 cm): the
  PDF's page, the SVG's width in points, the PNG's pixels per metre.
  Static images get a fixed size (the figure's own width and height, else
  :data:`STATIC_WIDTH` x :data:`STATIC_HEIGHT`) and lose what only works in a
  browser (:func:`timeline.charts.for_print`: the range slider and its room);
  nothing else of the figure changes.
- ``<name>.slide.png``, ``.svg``, ``.pdf``: the same at 16:9 for a slide; the sizes are
  declared once, in :data:`SIZES` (:class:`~timeline.export.formats.PrintSize`); a chart whose ChartSpec declares
  ``slide`` is built again laid out for the slide (``build(frame, flags, slide=True)``), any other is its
  column figure drawn at the slide's size;
- ``records.html`` (:mod:`timeline.records_table`) and ``events.csv``;
- ``index.html``: the case's title, the findings (each chart's headline), the
  README's caveats, every chart drawn in the page with its caption and links
  to each format and size, the data download (size, SHA-256) and the data's
  provenance (the articles and their publication dates, the record count, the
  SHA-256 of the events frame).

This package writes them; each concern has its module, and everything is
importable from ``timeline.export`` as before:

- :mod:`.formats`: the formats, file names, the HTML page, the browser and
  kaleido (:func:`find_browser`, :func:`no_browser_message`; without a browser
  the HTML and the index are still written, and the message says how to get
  the static formats);
- :mod:`.determinism`: byte-identical SVG and PDF (:func:`stable_svg_ids`,
  :func:`stable_pdf_dates`: the PDF carries the data's date, the latest
  publication date of the articles drawn from);
- :mod:`.provenance`: what the charts are drawn from, read from the frame;
- :mod:`.index`: the index page.

Example:
    >>> import plotly.graph_objects as go
    >>> fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    >>> out = save(fig, "example", out_dir=getfixture("tmp_path"), formats=["html"], echo=None)
    >>> [p.name for p in out]
    ['example.html']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from .. import paths
from ..atomic import check_folder, staged_folder, write_atomic
from .determinism import stable_pdf_dates, stable_svg_ids
from .formats import (FORMATS, PNG_SCALE, SIZES, STATIC_FORMATS, STATIC_HEIGHT, STATIC_WIDTH, Image, PrintSize,
                      check_name, find_browser, no_browser_message, parse_formats, render_images, static_size,
                      write_html)
from .index import _e, index_html, write_index
from .provenance import Provenance, SeedInfo, provenance

__all__ = [
    "FORMATS", "STATIC_FORMATS", "PNG_SCALE", "SIZES", "STATIC_WIDTH", "STATIC_HEIGHT", "ExportResult", "Provenance",
    "SeedInfo", "export_charts", "find_browser", "phone_figures", "slide_figure", "index_html", "no_browser_message", "parse_formats", "provenance",
    "save", "stable_pdf_dates", "stable_svg_ids", "write_index",
]

Echo = Callable[[str], None] | None
#: The names callers used before the split (tests, benchmarks).
_static_size, _check_name = static_size, check_name


@dataclass
class ExportResult:
    """What an export wrote, how long each file took, and what it could not write (and why)."""

    out_dir: Path
    written: list[Path] = field(default_factory=list)
    seconds: dict[Path, float] = field(default_factory=dict)
    browser_start_seconds: float | None = None
    total_seconds: float = 0.0
    skipped: tuple[str, ...] = ()
    message: str | None = None

    @property
    def complete(self) -> bool:
        return not self.skipped


def _say(echo: Echo, text: str) -> None:
    if echo is not None:
        echo(text)


def _done(result: ExportResult, path: Path, seconds: float, echo: Echo) -> None:
    path = result.out_dir / path.name  # written to the staging folder, it will stand here
    result.written.append(path)
    result.seconds[path] = seconds
    _say(echo, f"  wrote {paths.relative(path)} ({seconds:.2f} s)")


def index_findings(figures: dict) -> dict[str, str]:
    """{chart name: its headline as plain text}: what each chart's records show, for the index page."""
    import html as _html

    return {name: _html.unescape((fig.layout.title.text or "").replace("<br>", " ")) for name, fig in figures.items()}


def index_title(frame: pd.DataFrame) -> str | None:
    """The index page's title (and the records page's): the case's (data/actors.yaml, case: title), else none; a
    span of years takes an en dash, as a span is set (review 10, minor 21), whichever the case file wrote.

    >>> f = pd.DataFrame(); f.attrs["case"] = {"title": "Claims on Nordland (1990-1991), ISO 8601-1"}
    >>> index_title(f)
    'Claims on Nordland (1990–1991), ISO 8601-1'
    """
    import re

    from ..headlines import case_text

    title = (frame.attrs.get("case") or {}).get("title") and case_text(frame, "title")
    return re.sub(r"\b(\d{4})-(\d{4})\b", "\\1\u2013\\2", title) if title else title


#: The table of every record the export writes beside the index (:mod:`timeline.records_table`).
RECORDS_PAGE = "records.html"
#: The data file the export copies beside the index, with what it holds (the index lists its size and SHA-256).
#: The index names no file the export does not write (review 10, major 12: it promised package/ and timelinejs.json,
#: which other steps write into the repository's reports/, never into a folder sent to a colleague), and no path of
#: the repository: the export's bytes depend on its data only, never on what else is in the folder.
DATA_FILES = {"events.csv": "the events frame, one row per record, its flags in full"}


def phone_figures(charts: dict, frame: pd.DataFrame, flags: pd.DataFrame | None = None) -> dict:
    """{chart name: the chart built for a phone's width} (:data:`timeline.charts.PHONE_WIDTH`), for each chart
    whose builder takes ``width``: what a chart's page and the index draw on a narrow screen."""
    from ..charts import PHONE_WIDTH

    return {check_name(spec.name): spec.build(frame, flags, width=PHONE_WIDTH) for spec in charts.values()
            if "width" in inspect.signature(spec.build).parameters}


def carriers_caveat(frame: pd.DataFrame) -> str:
    """The caveat (HTML) that names the agencies and papers the records name as carrying a claim, with their
    numbers of records, computed from the records (an agency an article cites but no record names is not
    among them), and how many records name none.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"outlet": ["reuters", "article", "cnn", "cnn"],
    ...                   "outlet_name": ["Reuters", "The article itself", "CNN", "CNN"]})
    >>> carriers_caveat(f)  # doctest: +NORMALIZE_WHITESPACE
    '<strong>Who carried the claims.</strong> The records name 2 agencies or papers as carrying a claim: CNN
    (2 records); Reuters (1 record). The other record names none and stands on the article alone.'
    """
    from ..headlines import agency_ids
    from .provenance import _plural

    carried = frame[frame["outlet"].isin(agency_ids(frame))]
    counts = carried.groupby("outlet_name").size()
    names = sorted(counts.index, key=lambda n: (-counts[n], n))
    rest = len(frame) - len(carried)
    head = "<strong>Who carried the claims.</strong> "
    if not names:
        return head + "No record names an agency or paper as carrying its claim: each stands on the article alone."
    def together(items: list[str]) -> str:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

    # the names with the same number of records together, the most first: 'CNN and Reuters (2 records each)'
    groups = [(n, [_e(name) for name in names if counts[name] == n])
              for n in sorted(set(int(c) for c in counts), reverse=True)]
    said = "; ".join(f"{together(group)} ({_plural(n, 'record')}{' each' if len(group) > 1 else ''})"
                     for n, group in groups)
    kind = "an agency or paper" if len(names) == 1 else f"{len(names)} agencies or papers"
    tail = ("" if not rest else ". The other record names none and stands on the article alone" if rest == 1
            else f". The other {rest} records name none and stand on the article alone")
    return f"{head}The records name {kind} as carrying a claim: {said}{tail}."


def front_page(figures: dict, frame: pd.DataFrame, phones: dict | None = None,
               charts: dict | None = None) -> tuple[dict[str, bytes], dict]:
    """The files beside the index page ({name: bytes}: the records table and the data files, in the order to
    write them) and the keyword arguments of :func:`write_index` for the index itself.

    ``figures`` ({name: figure}) are the charts the index draws and whose headlines are its findings; ``phones``
    ({name: figure}, :func:`phone_figures`) what it draws instead on a phone; ``charts`` the registry they come
    from (default :data:`timeline.charts.CHARTS`): a chart with nothing to draw (no trace) whose ChartSpec has an
    ``empty_note`` is a sentence in the index instead, saying what it searched for and why it found nothing.
    """
    from ..frame import events_csv_text
    from ..records_table import records_page
    from .index import CAVEATS, Download, readme_caveats

    if charts is None:
        from ..charts import CHARTS as charts
    prov = provenance(frame)
    title = index_title(frame)
    files: dict[str, bytes] = {"events.csv": events_csv_text(frame).encode("utf-8")}
    files[RECORDS_PAGE] = records_page(frame, f"{title}: every record" if title else "Every record").encode("utf-8")
    downloads = [Download.of(name, DATA_FILES[name], data) for name, data in files.items() if name in DATA_FILES]
    readme = paths.PROJECT_ROOT / "README.md"
    # the README's caveats describe the project's articles: shown for a frame drawn from them only
    ours = bool(prov.seeds) and all((paths.SEEDS_DIR / s.name).is_file() for s in prov.seeds)
    caveats = readme_caveats(readme.read_text(encoding="utf-8")) if ours and readme.is_file() else None
    # which agencies carried the claims, from the records (the README's prose named one no record names)
    caveats = list(caveats or [_e(c) for c in CAVEATS])
    caveats.insert(1, carriers_caveat(frame))
    notes = {check_name(spec.name): spec.empty_note(frame) for spec in charts.values()
             if getattr(spec, "empty_note", None) is not None and spec.name in figures
             and not figures[spec.name].data}
    return files, dict(findings=index_findings(figures), title=title, figures=figures, downloads=downloads,
                       caveats=caveats, records_page=RECORDS_PAGE, phones=phones or {}, notes=notes)


def _staged(out_dir: Path):
    """A copy of ``out_dir`` to write an export into (:func:`timeline.atomic.staged_folder`): swapped in by one
    atomic step when complete, so the folder holds the previous export or the new one, never a mix, even if the
    process is killed; on an error or Ctrl-C the copy is removed and ``out_dir`` is left as it was. A file the
    export writes again with the same bytes keeps its old copy (and time)."""
    return staged_folder(out_dir, keep_unchanged=True)


def _write_figures(figures: list[tuple[str, object, tuple[int, int], str]], out_dir: Path,
                   formats: Sequence[str], data_date: dt.date | None, result: ExportResult, echo: Echo,
                   phones: dict | None = None, sizes: Sequence[PrintSize] = SIZES,
                   printed: dict | None = None, slides: dict | None = None) -> None:
    """Write (name, figure, static size, title) in the given formats; static ones only with a browser, once for
    each of ``sizes`` (:data:`SIZES`: the report column and the slide). ``phones`` holds, by name, a chart's phone
    version for its HTML page; ``printed``: {name: the figure's :func:`timeline.charts.for_print`} where the caller
    has it already; ``slides``: {name: the chart laid out for the slide}, drawn at a size with an aspect instead
    of the column figure (a chart without one is the column figure at the slide's size)."""
    formats = parse_formats(formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    if "html" in formats:
        for name, fig, _, title in figures:
            t0 = time.perf_counter()
            _done(result, write_html(fig, name, out_dir, title, (phones or {}).get(name)),
                  time.perf_counter() - t0, echo)
    static = [f for f in formats if f in STATIC_FORMATS]
    if not static or not figures:
        return
    if find_browser() is None:
        result.skipped = tuple(static)
        result.message = no_browser_message(static)
        return
    from ..charts import for_print

    printed = printed or {}
    on_paper = {name: (printed[name] if name in printed else for_print(fig)).to_dict()  # no range slider on paper
                for name, fig, _, _ in figures}
    slid = {name: for_print(fig) for name, fig in (slides or {}).items()}
    slid = {name: (fig.to_dict(), static_size(fig)) for name, fig in slid.items()}

    def drawn(size: PrintSize, name: str, own: tuple[int, int]) -> tuple[dict, tuple[int, int]]:
        return slid[name] if size.aspect and name in slid else (on_paper[name], own)

    images = [Image(fig, fmt, w, h, out_dir / size.file_name(name, fmt),
                    size.pdf_scale(w) if fmt == "pdf" else size.png_scale(w), print_pt=size.print_width_pt)
              for size in sizes for fmt in static for name, _, own_, _ in figures
              for fig, own in [drawn(size, name, own_)] for w, h in [size.layout_size(own)]]

    def started(seconds: float) -> None:
        result.browser_start_seconds = seconds
        _say(echo, f"  started the browser for static images ({seconds:.2f} s)")

    try:
        render_images(images, data_date, started=started,
                      done=lambda path, seconds: _done(result, path, seconds, echo))
    except Exception as exc:  # a browser that does not start or a figure kaleido cannot draw: say so, go on
        done = set(result.written)
        result.skipped = tuple(f for f in static if any(i.path not in done for i in images if i.fmt == f))
        why = " ".join(str(a) for a in exc.args) or type(exc).__name__
        result.message = (f"{'/'.join(f.upper() for f in result.skipped)} not (all) written: {why} "
                          f"(browser: {find_browser()}). The HTML files and index.html were written.")


def slide_figure(spec, frame: pd.DataFrame, flags: pd.DataFrame | None = None):
    """The chart laid out for the 16:9 slide (its builder called with ``slide=True``), or None for a chart whose
    builder has no slide layout: the slide then draws its column figure at the slide's size."""
    if getattr(spec, "slide", False):  # declared on the ChartSpec (timeline.charts.ChartSpec.slide)
        return spec.build(frame, flags, slide=True)
    return None


def export_charts(frame: pd.DataFrame | None = None, out_dir: Path | str | None = None,
                  formats: Sequence[str] | str = FORMATS, *, flags: pd.DataFrame | None = None,
                  charts: dict | None = None, echo: Echo = print, figures: dict | None = None,
                  phones: dict | None = None, _into: Path | None = None) -> ExportResult:
    """Write every chart of :data:`timeline.charts.CHARTS` in every format, and ``index.html``.

    Args:
        frame: the events frame; default: the project's records (:func:`timeline.load_tables`, strict).
        out_dir: the folder; default ``reports/``. Files of the same names are replaced, others left alone. The
            export is written into a copy of the folder beside it, swapped in by one atomic step when complete
            (:func:`timeline.atomic.staged_folder`): an error, Ctrl-C or a kill leaves the previous export as
            it was, and the folder never holds files of two exports.
        formats: any of ``html``, ``png``, ``svg``, ``pdf`` (a list or ``"html,png"``).
        flags: the frame's flags table (the reasons of corrected values in the hovers); with the default frame,
            the project's.
        charts: the registry to draw (default :data:`timeline.charts.CHARTS`).
        echo: where progress lines go (one line per file, with its time); None for quiet.
        figures: {chart name: its figure, already built from this frame and flags} (the incremental export
            builds every figure to hash it); a chart not in it is built here.
        phones: {chart name: its phone version (:func:`phone_figures`)} for every chart the index lists (the
            incremental export draws some charts only, the index all); a chart not in it is built here.
        _into: a staged copy of ``out_dir`` that the caller swaps in (:mod:`timeline.export_incremental`):
            written into, not swapped here; paths are reported as they will stand in ``out_dir``.

    The provenance (articles, dates, hash) comes from the frame alone, so another dataset states its own.

    Returns:
        An :class:`ExportResult`; ``result.message`` says what was not written and how to get it.
    """
    t_start = time.perf_counter()
    if frame is None:
        from ..records import load_tables

        frame, flags = load_tables()
    from ..charts import for_print

    if charts is None:
        from ..charts import CHARTS as charts
    formats = parse_formats(formats)
    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    if _into is None:
        check_folder(out_dir)  # a bad out path is refused before any chart is built
    prov = provenance(frame)
    result = ExportResult(out_dir)
    _say(echo, f"exporting {len(charts)} charts as {', '.join(formats)} to {paths.relative(out_dir)}/ "
               f"({prov.summary()})")
    built, figures, printed, slides = figures or {}, [], {}, {}
    phones = dict(phones or {})
    if "html" in formats:  # the pages' and the index's phone versions
        phones.update(phone_figures({k: s for k, s in charts.items() if s.name not in phones}, frame, flags))
    # the printed figures and the slides only where images are drawn: with a static format and a browser (without
    # one, _write_figures skips the images and says so; an export without a browser built eight slides for none)
    static = any(f in STATIC_FORMATS for f in formats) and find_browser() is not None
    for key, spec in charts.items():
        name = check_name(spec.name)
        if name != key:
            raise ValueError(f"CHARTS[{key!r}] is a chart named {name!r}: the key and the name must agree")
        fig = built[key] if key in built else spec.build(frame, flags)
        if static:  # the printed figure (a copy made from the figure's dict) only where an image is drawn
            printed[name] = for_print(fig)
        figures.append((name, fig, static_size(printed.get(name, fig), spec), spec.title))
        slide = slide_figure(spec, frame, flags) if static else None
        if slide is not None:
            slides[name] = slide  # laid out for 16:9, not the column squeezed into it
    staged = contextlib.nullcontext(Path(_into)) if _into is not None else _staged(out_dir)
    with staged as stage:  # written whole into a copy of the folder, then swapped in
        _write_figures(figures, stage, formats, prov.data_date, result, echo, phones, printed=printed,
                       slides=slides)
        t0 = time.perf_counter()
        files, page = front_page({name: fig for name, fig, _, _ in figures}, frame, phones, charts)
        for name, data in files.items():
            write_atomic(stage / name, data)
            _done(result, stage / name, time.perf_counter() - t0, echo)
            t0 = time.perf_counter()
        index = write_index(charts.values(), prov, stage, [f for f in formats if f not in result.skipped], **page)
        _done(result, index, time.perf_counter() - t0, echo)
    result.total_seconds = time.perf_counter() - t_start
    n_images = sum(1 for p in result.written if p.suffix.lstrip(".") in STATIC_FORMATS)
    _say(echo, f"wrote {len(result.written)} files ({n_images} static images) in {result.total_seconds:.1f} s")
    return result


def save(fig, name: str, out_dir: Path | str | None = None, formats: Sequence[str] | str = FORMATS, *,
         width: int | None = None, height: int | None = None, title: str | None = None,
         data_date: dt.date | None = None, frame: pd.DataFrame | None = None, echo: Echo = print) -> list[Path]:
    """Save the figure at hand the way ``python -m timeline export`` saves a chart (for notebooks).

    Writes ``<name>.html`` (with ``plotly.min.js`` beside it), ``.png``, ``.svg`` and
    ``.pdf`` into ``out_dir`` (default ``reports/``), at the report column's size only (the export also
    writes the slide size, :data:`SIZES`). The figure is not changed.
    Without a browser the HTML is written and a warning says how to get the rest.

    Args:
        fig: a plotly figure.
        name: the file stem (letters, digits, '_' and '-').
        out_dir: the folder; default ``reports/``.
        formats: any of ``html``, ``png``, ``svg``, ``pdf``.
        width, height: size of static images in layout pixels (default: the figure's; for a chart of
            the suite saved under its own name, the export's size; else 1100 x 620).
        title: the HTML page's title (default: ``name``).
        data_date: the date written into the PDF; default: that of ``frame``.
        frame: the events frame the figure is drawn from: as the export does, the PDF carries the latest
            publication date of its articles. Without either, the PDF is dated 1970-01-01 (its bytes stay the
            same from run to run; nothing else is read).
        echo: where progress lines go; None for quiet.

    Returns:
        The paths written.
    """
    check_name(name)
    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    from ..charts import CHARTS, for_print

    # a chart of the suite, saved under its own name, gets the export's size
    w, h = static_size(for_print(fig), CHARTS.get(name))
    if data_date is None and frame is not None:
        data_date = provenance(frame).data_date
    result = ExportResult(out_dir)
    with _staged(out_dir) as stage:
        _write_figures([(name, fig, (width or w, height or h), title or name)], stage, formats, data_date, result,
                       echo, sizes=SIZES[:1])
    if result.message:
        warnings.warn(result.message, RuntimeWarning, stacklevel=2)
    return result.written
