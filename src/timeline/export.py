"""Export every chart for reports: offline HTML, PNG, SVG, PDF and an index page.

The charts are those of :data:`timeline.charts.CHARTS`; this module defines no
figure of its own. For each chart it writes, into one folder (default
``reports/``):

- ``<name>.html``: the interactive figure. It loads the one ``plotly.min.js``
  written beside it (no CDN) and uses the chart's name as its div id, so two
  exports of the same data are byte-identical and the page works offline.
- ``<name>.png`` (scale 2), ``<name>.svg`` and ``<name>.pdf``: static images,
  drawn by kaleido in one headless Chrome/Chromium started once for all images.
  Static images get a fixed size (the figure's own width and height, else
  :data:`STATIC_WIDTH` x :data:`STATIC_HEIGHT`) and lose what only works in a
  browser (:func:`timeline.charts.for_print`: the range slider and its room);
  nothing else of the figure changes.
- ``index.html``: every chart with its title, caption, links to each format,
  and the data's provenance (the articles and their publication dates, the
  record count, the SHA-256 of the events frame).

Determinism. plotly.js gives every drawing random ids (the figure's ``_uid`` in
clip paths and ``defs``, each trace's ``uid`` in its class); :func:`stable_svg_ids`
renames them in order of first appearance (``u00000``, ``u00001``, ...), so
the SVG is byte-identical from run to run. Chromium stamps each PDF with the
time of printing (``/CreationDate``, ``/ModDate``); :func:`stable_pdf_dates`
replaces both, in place and at the same length, with the data's date (the latest
publication date of the articles drawn from). PNGs carry no time and come out
identical as they are.

Without a browser the HTML and the index are still written, and the message
(:func:`no_browser_message`) says how to get the static formats.

Example:
    >>> import plotly.graph_objects as go
    >>> fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    >>> out = save(fig, "example", out_dir=getfixture("tmp_path"), formats=["html"], echo=None)
    >>> [p.name for p in out]
    ['example.html']
"""

from __future__ import annotations

import asyncio
import datetime as dt
import filecmp
import hashlib
import html
import os
import re
import shutil
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import quote

import pandas as pd

from . import paths

__all__ = [
    "FORMATS", "STATIC_FORMATS", "PNG_SCALE", "STATIC_WIDTH", "STATIC_HEIGHT", "ExportResult", "Provenance",
    "SeedInfo", "export_charts", "find_browser", "no_browser_message", "parse_formats", "provenance", "save",
    "stable_pdf_dates", "stable_svg_ids", "write_index",
]

#: Every format, in the order files are written and linked.
FORMATS: tuple[str, ...] = ("html", "png", "svg", "pdf")
#: The formats that need a browser (kaleido drives Chrome/Chromium).
STATIC_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
#: PNG pixels per layout pixel: report resolution (a 1100 px wide figure gives a 2200 px PNG).
PNG_SCALE = 2
#: Size of static images, in layout pixels, for a figure that sets none itself.
STATIC_WIDTH, STATIC_HEIGHT = 1100, 620
#: Seconds kaleido waits for one image before it gives up.
_RENDER_TIMEOUT = 90
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
#: What the index calls each format.
_FORMAT_LABELS = {"html": "HTML (interactive)", "png": "PNG", "svg": "SVG", "pdf": "PDF"}

Echo = Callable[[str], None] | None


# --------------------------------------------------------------------------- formats and the browser


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """Formats from ``"html,png"`` (or a list), checked and in :data:`FORMATS` order.

    >>> parse_formats("svg, html,svg")
    ('html', 'svg')
    >>> parse_formats("png,jpg")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'jpg': choose from html, png, svg, pdf
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    wanted = {item.strip().lower() for item in items if item.strip()}
    for item in sorted(wanted):
        if item not in FORMATS:
            raise ValueError(f"unknown format {item!r}: choose from {', '.join(FORMATS)}")
    if not wanted:
        raise ValueError(f"no format given: choose from {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in wanted)


def find_browser() -> str | None:
    """The Chrome/Chromium kaleido would use, or None when there is none.

    The search is kaleido's own (choreographer's ``Chromium.find_browser``):
    ``BROWSER_PATH`` if set, else ``chrome``, ``google-chrome``, ``chromium``,
    ``chromium-browser`` ... on PATH, else the usual install paths. A
    ``BROWSER_PATH`` that is not an executable file counts as no browser.
    """
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    if not found:
        return None
    resolved = shutil.which(found) or found
    if not (os.path.isfile(resolved) and os.access(resolved, os.X_OK)):
        return None
    return resolved


def no_browser_message(formats: Sequence[str] = STATIC_FORMATS) -> str:
    """What to do when no browser was found: the exact commands that give PNG, SVG and PDF."""
    wanted = "/".join(f.upper() for f in formats)
    set_path = os.environ.get("BROWSER_PATH")
    found = (f"BROWSER_PATH is set to {set_path!r}, which is not an executable file. " if set_path else
             "No Chrome or Chromium was found (searched: BROWSER_PATH, then chromium, chromium-browser, "
             "google-chrome, chrome on PATH, then /usr/bin/chromium and /usr/bin/google-chrome). ")
    return (f"{wanted} not written: kaleido draws static images with Chrome or Chromium. {found}"
            "To get them, either install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`; "
            "`make setup` does this) or point BROWSER_PATH at an installed Chrome/Chromium "
            "(`export BROWSER_PATH=/path/to/chromium`), then run `python -m timeline export` again. "
            "The HTML files and index.html need no browser and were written.")


# --------------------------------------------------------------------------- deterministic bytes

_SVG_UID_RES = (
    re.compile(r'id="defs-([0-9a-f]{6})"'),  # the figure's _uid (plotly.js: fullLayout._uid)
    re.compile(r'class="trace [^"]*?\btrace([0-9a-f]{6})\b'),  # each trace's uid
)
_SVG_ATTR_RE = re.compile(r'(\s(?:id|class|clip-path|style|href|xlink:href|mask|filter|fill|stroke)=")([^"]*)(")')


def stable_svg_ids(svg: str) -> str:
    """Rename plotly.js's random ids in an SVG to ``u00000``, ``u00001`` ... in order of first appearance.

    Only attribute values that hold ids (id, class, clip-path, style, href, ...)
    change; text, coordinates and data do not.

    >>> a = '<svg><defs id="defs-8f2fa2"/><g class="trace scatter tracede76eb" clip-path="url(#clip8f2fa2xy)"/></svg>'
    >>> b = '<svg><defs id="defs-0a1b2c"/><g class="trace scatter trace99aa00" clip-path="url(#clip0a1b2cxy)"/></svg>'
    >>> stable_svg_ids(a) == stable_svg_ids(b)
    True
    >>> stable_svg_ids(a)
    '<svg><defs id="defs-u00000"/><g class="trace scatter traceu00001" clip-path="url(#clipu00000xy)"/></svg>'
    """
    found = sorted({(m.start(1), m.group(1)) for rx in _SVG_UID_RES for m in rx.finditer(svg)})
    mapping: dict[str, str] = {}
    for _, uid in found:
        mapping.setdefault(uid, f"u{len(mapping):05d}")
    if not mapping:
        return svg
    uid_re = re.compile("|".join(map(re.escape, mapping)))

    def _attr(m: re.Match) -> str:
        return m.group(1) + uid_re.sub(lambda u: mapping[u.group(0)], m.group(2)) + m.group(3)

    return _SVG_ATTR_RE.sub(_attr, svg)


_PDF_DATE_RE = re.compile(rb"/(CreationDate|ModDate) ?\(D:\d{14}(?:[+-]\d\d'\d\d'|Z00'00')\)")


def stable_pdf_dates(pdf: bytes, when: dt.date) -> bytes:
    """Replace the PDF's creation and modification times with ``when`` (midnight UTC), at the same length.

    The byte length of each date stays the same, so the PDF's cross-reference
    offsets stay valid.

    >>> stable_pdf_dates(b"<</CreationDate (D:20261122023842+01'00')>>", dt.date(2025, 11, 4))
    b"<</CreationDate (D:20251104000000+00'00')>>"
    """
    stamp = when.strftime("%Y%m%d").encode() + b"000000+00'00'"

    def _fix(m: re.Match) -> bytes:
        head = m.group(0)[: m.group(0).index(b"(D:") + 3]
        new = head + stamp + b")"
        return new if len(new) == len(m.group(0)) else m.group(0)

    return _PDF_DATE_RE.sub(_fix, pdf)


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True)
class SeedInfo:
    """One article the charts are drawn from."""

    name: str
    title: str
    outlet: str
    published_date: dt.date
    published_precision: str
    n_records: int


@dataclass(frozen=True)
class Provenance:
    """What the charts are drawn from: the articles, the number of records, the data's hash and date."""

    n_records: int
    data_sha256: str
    seeds: tuple[SeedInfo, ...]

    @property
    def data_date(self) -> dt.date | None:
        """The latest publication date of the articles drawn from (None without records)."""
        return max((s.published_date for s in self.seeds), default=None)

    def summary(self) -> str:
        """One line for the console and the index.

        >>> Provenance(0, "0" * 64, ()).summary()
        '0 records from 0 articles; data SHA-256 000000000000'
        """
        text = (f"{_plural(self.n_records, 'record')} from {_plural(len(self.seeds), 'article')}; "
                f"data SHA-256 {self.data_sha256[:12]}")
        if self.data_date:
            text += f"; latest article published {self.data_date.isoformat()}"
        return text


def _plural(n: int, word: str) -> str:
    """``1 record``, ``2 records``.

    >>> _plural(1, "article"), _plural(0, "article")
    ('1 article', '0 articles')
    """
    return f"{n} {word}{'' if n == 1 else 's'}"


def provenance(frame: pd.DataFrame, seeds: dict | None = None) -> Provenance:
    """The provenance of a frame: its articles with their publication dates, its size and content hash.

    The hash is the SHA-256 of the frame as written to ``data/processed/events.csv``.

    >>> from timeline import load_events
    >>> p = provenance(load_events())
    >>> p.n_records == sum(s.n_records for s in p.seeds), len(p.data_sha256)
    (True, 64)
    """
    from .frame import events_csv_text
    from .seeds import load_seeds

    seeds = load_seeds() if seeds is None else seeds
    counts = frame["seed"].value_counts(sort=False) if len(frame) else pd.Series(dtype="int64")
    infos = []
    for name in sorted(counts.index):
        if name not in seeds:
            raise ValueError(f"the frame draws from seed {name!r}, which has no valid metadata in seeds/")
        meta = seeds[name].meta
        infos.append(SeedInfo(name, str(meta["title"]), str(meta["outlet"]), meta["published_date"],
                              str(meta.get("published_precision", "")), int(counts[name])))
    digest = hashlib.sha256(events_csv_text(frame).encode("utf-8")).hexdigest()
    return Provenance(len(frame), digest, tuple(infos))


# --------------------------------------------------------------------------- writing


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


@dataclass(frozen=True)
class _Image:
    fig: dict
    fmt: str
    width: int
    height: int
    path: Path


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ValueError(f"chart name {name!r} cannot be a file name: use letters, digits, '_' and '-'")
    return name


def _static_size(fig, spec=None) -> tuple[int, int]:
    width = fig.layout.width or getattr(spec, "width", None) or STATIC_WIDTH
    height = fig.layout.height or getattr(spec, "height", None) or STATIC_HEIGHT
    return int(width), int(height)


def _say(echo: Echo, text: str) -> None:
    if echo is not None:
        echo(text)


_HTML_HEAD = '<head>\n    <meta charset="utf-8" />\n'


def _write_html(fig, name: str, out_dir: Path, title: str | None = None) -> Path:
    """Write the figure as a full page loading ``plotly.min.js`` from its folder, with div id ``name``."""
    path = out_dir / f"{name}.html"
    page = fig.to_html(include_plotlyjs="directory", full_html=True, div_id=name,
                       config={"displaylogo": False,
                               "toImageButtonOptions": {"format": "png", "filename": name, "scale": PNG_SCALE}})
    page = page.replace(_HTML_HEAD, f"{_HTML_HEAD}    <title>{_e(title or name)}</title>\n", 1)
    path.write_text(page, encoding="utf-8", newline="")
    js = out_dir / "plotly.min.js"
    if not js.exists() or not filecmp.cmp(js, _plotly_js(), shallow=False):
        shutil.copyfile(_plotly_js(), js)
    return path


def _plotly_js() -> Path:
    """The plotly.js bundled with the installed plotly (the one the HTML files load)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _run_in_thread(coro):
    """Run a coroutine to its end in a fresh thread (works inside Jupyter's running event loop)."""
    box: dict = {}

    def _target():
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=_target, name="timeline-export")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _render_images(images: list[_Image], data_date: dt.date | None, result: ExportResult, echo: Echo) -> None:
    """Draw every image with ONE browser (kaleido started once), writing and reporting each as it is done."""
    import kaleido

    pdf_date = data_date or dt.date(1970, 1, 1)

    async def _all():
        started = time.perf_counter()
        # mathjax=False: no CDN script; plotly.js comes from the installed plotly package.
        async with kaleido.Kaleido(n=1, timeout=_RENDER_TIMEOUT, mathjax=False) as k:
            result.browser_start_seconds = time.perf_counter() - started
            _say(echo, f"  started the browser for static images ({result.browser_start_seconds:.2f} s)")
            for img in images:
                t0 = time.perf_counter()
                scale = PNG_SCALE if img.fmt == "png" else 1
                try:
                    data = await k.calc_fig(img.fig, opts={"format": img.fmt, "width": img.width,
                                                           "height": img.height, "scale": scale})
                except Exception as exc:
                    raise RuntimeError(f"kaleido could not draw {paths.relative(img.path)}: {exc}") from exc
                if img.fmt == "svg":
                    data = stable_svg_ids(data.decode("utf-8")).encode("utf-8")
                elif img.fmt == "pdf":
                    data = stable_pdf_dates(data, pdf_date)
                img.path.write_bytes(data)
                _done(result, img.path, time.perf_counter() - t0, echo)

    _run_in_thread(_all())


def _done(result: ExportResult, path: Path, seconds: float, echo: Echo) -> None:
    result.written.append(path)
    result.seconds[path] = seconds
    _say(echo, f"  wrote {paths.relative(path)} ({seconds:.2f} s)")


def _write_figures(figures: list[tuple[str, object, tuple[int, int], str]], out_dir: Path,
                   formats: Sequence[str], data_date: dt.date | None, result: ExportResult, echo: Echo) -> None:
    """Write (name, figure, static size, title) in the given formats; static ones only with a browser."""
    formats = parse_formats(formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    if "html" in formats:
        for name, fig, _, title in figures:
            t0 = time.perf_counter()
            _done(result, _write_html(fig, name, out_dir, title), time.perf_counter() - t0, echo)
    static = [f for f in formats if f in STATIC_FORMATS]
    if not static or not figures:
        return
    if find_browser() is None:
        result.skipped = tuple(static)
        result.message = no_browser_message(static)
        return
    from .charts import for_print

    printed = {name: for_print(fig).to_dict() for name, fig, _, _ in figures}  # no range slider on paper
    images = [_Image(printed[name], fmt, w, h, out_dir / f"{name}.{fmt}")
              for fmt in static for name, _, (w, h), _ in figures]
    try:
        _render_images(images, data_date, result, echo)
    except Exception as exc:  # a browser that does not start or a figure kaleido cannot draw: say so, go on
        done = set(result.written)
        result.skipped = tuple(f for f in static if any(i.path not in done for i in images if i.fmt == f))
        why = " ".join(str(a) for a in exc.args) or type(exc).__name__
        result.message = (f"{'/'.join(f.upper() for f in result.skipped)} not (all) written: {why} "
                          f"(browser: {find_browser()}). The HTML files and index.html were written.")


def export_charts(frame: pd.DataFrame | None = None, out_dir: Path | str | None = None,
                  formats: Sequence[str] | str = FORMATS, *, charts: dict | None = None, seeds: dict | None = None,
                  echo: Echo = print) -> ExportResult:
    """Write every chart of :data:`timeline.charts.CHARTS` in every format, and ``index.html``.

    Args:
        frame: the events frame; default: the project's records (:func:`timeline.load_events`, strict).
        out_dir: the folder; default ``reports/``. Files of the same names are overwritten, others left alone.
        formats: any of ``html``, ``png``, ``svg``, ``pdf`` (a list or ``"html,png"``).
        charts: the registry to draw (default :data:`timeline.charts.CHARTS`).
        seeds: the seeds by file name (default: :func:`timeline.seeds.load_seeds`), for the provenance.
        echo: where progress lines go (one line per file, with its time); None for quiet.

    Returns:
        An :class:`ExportResult`; ``result.message`` says what was not written and how to get it.
    """
    t_start = time.perf_counter()
    if frame is None:
        from .records import load_events

        frame = load_events()
    from .charts import for_print

    if charts is None:
        from .charts import CHARTS as charts
    formats = parse_formats(formats)
    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    prov = provenance(frame, seeds)
    result = ExportResult(out_dir)
    _say(echo, f"exporting {len(charts)} charts as {', '.join(formats)} to {paths.relative(out_dir)}/ "
               f"({prov.summary()})")
    figures = []
    for key, spec in charts.items():
        name = _check_name(spec.name)
        if name != key:
            raise ValueError(f"CHARTS[{key!r}] is a chart named {name!r}: the key and the name must agree")
        fig = spec.build(frame)
        figures.append((name, fig, _static_size(for_print(fig), spec), spec.title))
    _write_figures(figures, out_dir, formats, prov.data_date, result, echo)
    t0 = time.perf_counter()
    index = write_index(charts.values(), prov, out_dir, [f for f in formats if f not in result.skipped])
    _done(result, index, time.perf_counter() - t0, echo)
    result.total_seconds = time.perf_counter() - t_start
    n_images = sum(1 for p in result.written if p.suffix.lstrip(".") in STATIC_FORMATS)
    _say(echo, f"wrote {len(result.written)} files ({n_images} static images) in {result.total_seconds:.1f} s")
    return result


def save(fig, name: str, out_dir: Path | str | None = None, formats: Sequence[str] | str = FORMATS, *,
         width: int | None = None, height: int | None = None, title: str | None = None,
         data_date: dt.date | None = None, echo: Echo = print) -> list[Path]:
    """Save the figure at hand the way ``python -m timeline export`` saves a chart (for notebooks).

    Writes ``<name>.html`` (with ``plotly.min.js`` beside it), ``.png``, ``.svg`` and
    ``.pdf`` into ``out_dir`` (default ``reports/``). The figure is not changed.
    Without a browser the HTML is written and a warning says how to get the rest.

    Args:
        fig: a plotly figure.
        name: the file stem (letters, digits, '_' and '-').
        out_dir: the folder; default ``reports/``.
        formats: any of ``html``, ``png``, ``svg``, ``pdf``.
        width, height: size of static images in layout pixels (default: the figure's; for a chart of
            the suite saved under its own name, the export's size; else 1100 x 620).
        title: the HTML page's title (default: ``name``).
        data_date: the date written into the PDF (default: as the export does, the latest publication
            date of the articles the project's records draw from).
        echo: where progress lines go; None for quiet.

    Returns:
        The paths written.
    """
    _check_name(name)
    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    from .charts import CHARTS, for_print

    # a chart of the suite, saved under its own name, gets the export's size
    w, h = _static_size(for_print(fig), CHARTS.get(name))
    if data_date is None and any(f in STATIC_FORMATS for f in parse_formats(formats)):
        from .records import load_events

        data_date = provenance(load_events()).data_date
    result = ExportResult(out_dir)
    _write_figures([(name, fig, (width or w, height or h), title or name)], out_dir, formats, data_date, result, echo)
    if result.message:
        warnings.warn(result.message, RuntimeWarning, stacklevel=2)
    return result.written


# --------------------------------------------------------------------------- the index page

_INDEX_CSS = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ddd; padding: .25rem .5rem; }
th { background: #f4f4f4; text-align: left; } .caption { max-width: 60rem; }
img { max-width: 100%; border: 1px solid #eee; }
.formats a { margin-right: 1rem; } code { font-size: .85rem; }
""".strip()


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _href(name: str, fmt: str) -> str:
    return _e(quote(f"{name}.{fmt}"))


def index_html(charts: Iterable, prov: Provenance, formats: Sequence[str]) -> str:
    """The index page as text: every chart with title, caption and links; the data's provenance. All text escaped.

    >>> from types import SimpleNamespace
    >>> chart = SimpleNamespace(name="a", title="Claims <by> date", caption="Counts & dates")
    >>> page = index_html([chart], Provenance(0, "0" * 64, ()), ["html", "png"])
    >>> "Claims &lt;by&gt; date" in page and "Counts &amp; dates" in page and 'href="a.png"' in page
    True
    """
    formats = [f for f in FORMATS if f in formats]
    rows = "\n".join(
        f"<tr><td><code>{_e(s.name)}</code></td><td lang=\"de\">{_e(s.title)}</td><td>{_e(s.outlet)}</td>"
        f"<td>{_e(s.published_date.isoformat())}</td><td>{_e(s.published_precision)}</td>"
        f"<td>{s.n_records}</td></tr>" for s in prov.seeds)
    data_date = prov.data_date.isoformat() if prov.data_date else "none (no records)"
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        "<title>timeline: charts</title>", f"<style>\n{_INDEX_CSS}\n</style>", "</head>", "<body>",
        "<h1>timeline: charts</h1>",
        "<p>Every chart of the suite, as an interactive page and as PNG, SVG and PDF for reports. "
        "The charts show who claimed what, when and through whom; they state no claim as fact.</p>",
        '<h2 id="data">Data</h2>',
        f"<p>{_plural(prov.n_records, 'record')} from {_plural(len(prov.seeds), 'article')}. Latest article published: "
        f"{_e(data_date)}. SHA-256 of the events frame (<code>data/processed/events.csv</code>): "
        f"<code>{_e(prov.data_sha256)}</code>.</p>",
    ]
    if prov.seeds:
        parts += ["<table>", "<tr><th>Seed</th><th>Title</th><th>Outlet</th><th>Published</th><th>Precision</th>"
                  "<th>Records</th></tr>", rows, "</table>"]
    parts.append('<h2 id="charts">Charts</h2>')
    for spec in charts:
        name = _check_name(spec.name)
        links = " ".join(f'<a href="{_href(name, f)}">{_e(_FORMAT_LABELS[f])}</a>' for f in formats)
        parts += [f'<section id="{_e(name)}">', f"<h3>{_e(spec.title)}</h3>",
                  f'<p class="caption">{_e(spec.caption)}</p>']
        if "png" in formats:
            parts.append(f'<p><a href="{_href(name, "html")}"><img src="{_href(name, "png")}" '
                         f'alt="{_e(spec.title)}" loading="lazy"></a></p>' if "html" in formats else
                         f'<p><img src="{_href(name, "png")}" alt="{_e(spec.title)}" loading="lazy"></p>')
        parts += [f'<p class="formats">{links or "no format written"}</p>', "</section>"]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write_index(charts: Iterable, prov: Provenance, out_dir: Path | str, formats: Sequence[str]) -> Path:
    """Write :func:`index_html` to ``out_dir/index.html``."""
    path = Path(out_dir) / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(index_html(charts, prov, formats), encoding="utf-8", newline="\n")
    return path

