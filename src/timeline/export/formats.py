"""Formats and the browser: which formats there are, the file names, the HTML page, the static images.

HTML needs no browser: each page loads the one ``plotly.min.js`` written beside it
(no CDN) and uses the chart's name as its div id. PNG, SVG and PDF are drawn by
kaleido in one headless Chrome/Chromium started once for all images
(:func:`render_images`); :func:`find_browser` finds it the way kaleido does, and
:func:`no_browser_message` says how to get one.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import filecmp
import html
import json
import os
import re
import shutil
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..atomic import copy_atomic, write_atomic
from ..charts import PHONE_BREAK  # below it a page draws the chart's phone version, when it has one
from ..paths import relative
from .determinism import fit_pdf_page, png_print_size, stable_pdf_dates, stable_svg_ids, svg_print_size

__all__ = ["FORMATS", "HTML_CONFIG", "PRIVATE_CHROMIUM_FLAGS", "STATIC_FORMATS", "PNG_SCALE", "STATIC_WIDTH", "STATIC_HEIGHT",
           "SIZES", "PT_PER_PX", "PrintSize", "Image", "MODEBAR_BOTTOM", "TITLE_ASCENT", "check_name", "page_dict", "page_json", "find_browser", "no_browser_message", "parse_formats",
           "render_images", "static_size", "write_html"]

#: Every format, in the order files are written and linked.
FORMATS: tuple[str, ...] = ("html", "png", "svg", "pdf")
#: The formats that need a browser (kaleido drives Chrome/Chromium).
STATIC_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
#: PNG pixels per layout pixel: report resolution (a 1100 px wide figure gives a 2200 px PNG).
PNG_SCALE = 2
#: Points per CSS pixel (96 px to the inch, 72 pt): what Chromium prints a pixel of a page at.
PT_PER_PX = 0.75
#: Size of static images, in layout pixels, for a figure that sets none itself.
STATIC_WIDTH, STATIC_HEIGHT = 1100, 620


@dataclass(frozen=True)
class PrintSize:
    """One size every chart's static images (PNG, SVG, PDF) are drawn at, and where they are printed.

    ``print_width_pt`` is the width the image is printed or shown at, in points: a text of ``s`` layout pixels
    in a figure ``w`` layout pixels wide comes out at ``s * print_width_pt / w`` points (:meth:`points`).
    ``aspect`` (width, height) fixes the shape, else the figure keeps its own height; ``heights`` are the layout
    heights a fixed shape may take (the first that holds the figure's own height, else the last); ``png_width``
    fixes the PNG's pixels, else the PNG is :data:`PNG_SCALE` times the layout size. Pick heights whose scale to
    ``png_width`` is exact in binary (1.5, 1.25, 1): Chromium floors 1408 x 1.3636... to 1919 pixels.
    """

    name: str
    suffix: str
    label: str
    print_width_pt: float
    aspect: tuple[int, int] | None = None
    heights: tuple[int, ...] = ()
    png_width: int | None = None

    def layout_size(self, own: tuple[int, int]) -> tuple[int, int]:
        """The layout size for a figure whose own static size is ``own``.

        >>> SIZES[1].layout_size((900, 759)), SIZES[1].layout_size((900, 400)), SIZES[1].layout_size((900, 3000))
        ((1536, 864), (1280, 720), (1920, 1080))
        >>> SIZES[0].layout_size((900, 759))
        (900, 759)
        """
        if self.aspect is None:
            return own
        aw, ah = self.aspect
        height = next((h for h in self.heights if h >= own[1]), self.heights[-1])
        return height * aw // ah, height

    def png_scale(self, width: int) -> float:
        """PNG pixels per layout pixel for an image ``width`` layout pixels wide."""
        return PNG_SCALE if self.png_width is None else self.png_width / width

    def pdf_scale(self, width: int) -> float:
        """The PDF's scale for an image ``width`` layout pixels wide: its page is :attr:`print_width_pt` wide, its
        text scaled with it (a CSS pixel prints at :data:`PT_PER_PX`), so the PDF placed at its own size prints
        each text at :meth:`points`.

        >>> round(SIZES[0].pdf_scale(900) * 900 * PT_PER_PX, 2), SIZES[1].pdf_scale(1536) * 1536 * PT_PER_PX
        (453.54, 960.0)
        """
        return self.print_width_pt / (width * PT_PER_PX)

    def points(self, px: float, width: int) -> float:
        """The printed size, in points, of ``px`` layout pixels in an image ``width`` layout pixels wide."""
        return px * self.print_width_pt / width

    def file_name(self, name: str, fmt: str) -> str:
        """``deployments.png`` (column) or ``deployments.slide.png``: a chart name holds no dot, so no clash."""
        return f"{name}{self.suffix}.{fmt}"


#: THE sizes of the static exports, in the order written and linked: the report column (16 cm wide, the chart's
#: own size, PNG at :data:`PNG_SCALE`) and the 16:9 slide (1920 x 1080 PNG; the layout 1280 x 720, 1536 x 864 or
#: 1920 x 1080, the smallest that holds the figure, so that a slide shown at 13 1/3 in (960 pt, widescreen) has
#: 16 px text at 8 to 12 pt).
SIZES: tuple[PrintSize, ...] = (
    PrintSize("column", "", "Report column (16 cm)", print_width_pt=16 / 2.54 * 72),
    PrintSize("slide", ".slide", "Slide (16:9)", print_width_pt=960, aspect=(16, 9),
              heights=(720, 864, 1080), png_width=1920),
)
#: Seconds kaleido waits for one image before it gives up.
_RENDER_TIMEOUT = 90
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
#: Flags every Chromium the suite starts gets (kaleido's here, the tests' playwright too): no background
#: networking, component or field-trial updates, sync, sign-in, safe-browsing or metrics pings, and every host
#: name resolving to nothing but localhost. The static export reads only local files; nothing leaves the machine.
PRIVATE_CHROMIUM_FLAGS: tuple[str, ...] = (
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-field-trial-config", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--disable-default-apps", "--disable-crash-reporter", "--no-pings", "--no-service-autorun",
    "--no-default-browser-check", "--no-first-run", "--allow-browser-signin=false", "--dns-prefetch-disable",
    "--disable-features=OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,Translate,"
    "AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,"
    "SafeBrowsing,NetworkTimeServiceQuerying",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE [::1]",
)
#: The exported pages' modebar: no button that sends the figure anywhere (plotly's "Share chart" /
#: sendDataToCloud, "Edit in Chart Studio"); download as PNG stays.
#: The plotly buttons that would send the figure away (Share chart, Edit in Chart Studio): removed.
UPLOAD_BUTTONS = ("sendDataToCloud", "editInChartStudio")
#: The plotly config of every HTML page: no logo, nothing that uploads (only keys plotly.py knows).
HTML_CONFIG: dict = {"displaylogo": False, "showSendToCloud": False, "modeBarButtonsToRemove": list(UPLOAD_BUTTONS)}


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


def check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ValueError(f"chart name {name!r} cannot be a file name: use letters, digits, '_' and '-'")
    return name


def static_size(fig, spec=None) -> tuple[int, int]:
    """The size of a figure's static images: its own, else its chart's width, else the default."""
    width = fig.layout.width or getattr(spec, "width", None) or STATIC_WIDTH
    height = fig.layout.height or getattr(spec, "height", None) or STATIC_HEIGHT
    return int(width), int(height)


@dataclass(frozen=True)
class Image:
    """One static image to draw: the figure (as a dict), its format, size in layout pixels, file, and its scale:
    PNG pixels per layout pixel for a PNG (:meth:`PrintSize.png_scale`), the page's points per layout pixel over
    :data:`PT_PER_PX` for a PDF (:meth:`PrintSize.pdf_scale`); an SVG is drawn at its layout size."""

    fig: dict
    fmt: str
    width: int
    height: int
    path: Path
    scale: float = PNG_SCALE
    #: The width the file prints at, placed at its own size, in points (:attr:`PrintSize.print_width_pt`): the
    #: PNG's pixels per metre and the SVG's width and height say it; None leaves them out.
    print_pt: float | None = None


#: Modebar buttons that send the figure or its data to a service elsewhere (plotly's "Share chart" and
#: "Edit in Chart Studio"): a research tool keeps its data on the reader's machine.
def html_config(name: str) -> dict:
    """The plotly config of an HTML page: no logo, no button that uploads anything, download as PNG kept.

    >>> config = html_config("a")
    >>> config["showSendToCloud"], config["modeBarButtonsToRemove"], config["toImageButtonOptions"]["format"]
    (False, ['sendDataToCloud', 'editInChartStudio'], 'png')
    """
    return {**HTML_CONFIG, "toImageButtonOptions": {"format": "png", "filename": name, "scale": PNG_SCALE}}


_HTML_HEAD = '<head>\n    <meta charset="utf-8" />\n'




def _phone_script(name: str, narrow) -> str:
    """The page's script that draws the phone version (the chart laid out for 390 px: keys above, text wrapped,
    labels placed for that width) when the page is narrower than :data:`PHONE_BREAK`."""
    data = page_json(narrow)
    return ("var phone = " + data.replace("</", "<\\/") + ";\n"
            f"if (window.innerWidth < {PHONE_BREAK}) {{ Plotly.react('{name}', phone.data, phone.layout, "
            f"{json.dumps(html_config(name))}); }}")


#: Where plotly.js's modebar ends, in CSS pixels from the top of the chart (its stylesheet: ``.modebar`` at
#: ``top: 2px``, buttons ``height: 22px``), and the room a page keeps between it and the headline.
MODEBAR_BOTTOM, MODEBAR_GAP = 24, 6
#: How far a title's letters rise above the point its pad sets (plotly puts the first line's baseline there), as
#: a share of the font size (measured in a 500 px screenshot: cap tops 16 px above a 22 px title's baseline).
TITLE_ASCENT = 0.8


def _modebar_room(title: dict) -> int:
    """The layout pixels a title (a figure dict's ``layout.title``) must move down to clear the modebar's row; 0
    for a title placed some other way than at the top of its container, or one that clears it already."""
    if not title.get("text") or title.get("yref") != "container" or title.get("yanchor") != "top" \
            or (title.get("y") or 1) != 1:
        return 0  # a title placed some other way: left as plotly places it
    # the pad sets the first line's baseline: the letters rise above it
    size = title.get("font", {}).get("size") or 17
    return max(MODEBAR_BOTTOM + MODEBAR_GAP + round(TITLE_ASCENT * size) - (title.get("pad", {}).get("t") or 0), 0)


def _pruned(value):
    """``value`` without the empty objects among its properties (``"title": {}``, left by a property set and
    emptied), which a figure made again from the dict drops: the page's JSON is what the figure itself would give."""
    if isinstance(value, dict):
        pruned = ((k, _pruned(v)) for k, v in value.items())
        return {k: v for k, v in pruned if not (isinstance(v, dict) and not v)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def page_dict(fig) -> dict:
    """The figure's dict (``fig.to_dict()``) as a chart page draws it: the headline starts below the modebar's
    row (the modebar sits at the top right over the figure; on a phone the headline runs under it), the figure
    taller by what that takes. The argument is left alone. Only the HTML pages need it: static images have no
    modebar. What the pages write (:func:`page_json`) is the same JSON as the figure moved down with plotly's
    ``update_layout`` (the same values, the keys in the figure's own order; tests/test_publish.py holds that way as
    its oracle) without building a second figure from the dict, which took a fifth of an HTML export's CPU (every property
    validated again): 0.031 -> 0.005 s for the statements chart.

    >>> import plotly.graph_objects as go
    >>> fig = go.Figure(layout=dict(height=400, margin=dict(t=100), title=dict(text="t", yref="container", y=1,
    ...                 yanchor="top", pad=dict(t=20), font=dict(size=20))))
    >>> page = page_dict(fig)["layout"]
    >>> page["title"]["pad"]["t"], page["margin"]["t"], page["height"], fig.layout.title.pad.t
    (46, 126, 426, 20)
    """
    out = _pruned(fig.to_dict())
    layout = out.setdefault("layout", {})
    need = _modebar_room(layout.get("title", {}))
    if need:  # as plotly's update_layout sets them: a key not there yet goes last
        layout["title"].setdefault("pad", {})["t"] = (layout["title"]["pad"].get("t") or 0) + need
        layout.setdefault("margin", {})["t"] = (layout["margin"].get("t") or 0) + need
        if layout.get("height"):
            layout["height"] += need
    return out


def page_json(fig) -> str:
    """The JSON of the figure as a chart page draws it (:func:`page_dict`), for a page's script."""
    import plotly.io as pio

    return pio.to_json(page_dict(fig), validate=False)


def write_html(fig, name: str, out_dir: Path, title: str | None = None, narrow=None) -> Path:
    """Write the figure as a full page loading ``plotly.min.js`` from its folder, with div id ``name``; with
    ``narrow`` (the chart built for a phone's width), a phone draws that instead. Both are drawn with the headline
    below the modebar (:func:`page_dict`)."""
    import plotly.io as pio

    path = out_dir / f"{name}.html"
    page = pio.to_html(page_dict(fig), validate=False, include_plotlyjs="directory", full_html=True, div_id=name,
                       config=html_config(name), post_script=_phone_script(name, narrow) if narrow else None)
    heading = html.escape(str(title or name), quote=True)
    page = page.replace(_HTML_HEAD, f"{_HTML_HEAD}    <meta name=\"viewport\" content=\"width=device-width, "
                        f"initial-scale=1\" />\n    <title>{heading}</title>\n", 1)
    write_atomic(path, page)
    js = out_dir / "plotly.min.js"
    if not js.exists() or not filecmp.cmp(js, _plotly_js(), shallow=False):
        copy_atomic(_plotly_js(), js)  # a full disk leaves the old copy, never a truncated one
    return path


def _private_chromium() -> None:
    """Make every Chromium that kaleido (through choreographer) starts take :data:`PRIVATE_CHROMIUM_FLAGS`.

    choreographer builds the command line in ``Chromium.get_cli`` and offers no way to add to it; the method is
    wrapped once, adding the flags it lacks.
    """
    from choreographer.browsers.chromium import Chromium

    if getattr(Chromium.get_cli, "_timeline_private", False):
        return
    original = Chromium.get_cli

    def get_cli(self):
        cli = list(original(self))
        return cli + [flag for flag in PRIVATE_CHROMIUM_FLAGS if flag not in cli]

    get_cli._timeline_private = True  # type: ignore[attr-defined]
    Chromium.get_cli = get_cli


#: Run in kaleido's page before it is printed: the page (``@page { size: W px H px }``, the drawing's size) made a
#: few pixels larger, since Chromium rounds a page to steps of 1.28 px and would cut the drawing's last pixel row
#: or column; the PDF's page is then cut to the drawing (:func:`.determinism.fit_pdf_page`).
_PDF_PAGE_JS = r"""(() => {
  const style = document.getElementById('head-style');
  const size = style && /size: ([0-9.]+)px ([0-9.]+)px/.exec(style.innerHTML);
  if (!size) return 'no page size';
  style.innerHTML = style.innerHTML.replace(size[0], 'size: ' + (Math.ceil(+size[1]) + 3) + 'px '
                                            + (Math.ceil(+size[2]) + 3) + 'px');
  return 'ok';
})()"""


def _pdf_pages() -> None:
    """Make kaleido print a PDF without margins on a page a little larger than the drawing.

    kaleido prints with a margin of 0.1 in on each side, which shrinks the drawing by about 2 % inside a white
    frame: the PDF's text would print smaller than the PNG's at the same width. Its ``print_pdf`` (called for each
    PDF, with the page's tab) is replaced, once; a kaleido whose page no longer sets its size as expected is an
    error naming the version pinned.
    """
    from kaleido._kaleido_tab import _devtools_utils as dtools

    if getattr(dtools.print_pdf, "_timeline_pages", False):
        return

    async def print_pdf(tab) -> str:
        done = await tab.send_command("Runtime.evaluate", params={"expression": _PDF_PAGE_JS,
                                                                  "returnByValue": True})
        said = done.get("result", {}).get("result", {}).get("value")
        if said != "ok":
            raise RuntimeError(f"kaleido's PDF page did not take its size ({said or done}): the export is written "
                               "for kaleido 1.5.0 (pyproject.toml)")
        printed = await tab.send_command("Page.printToPDF", params={
            "printBackground": True, "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0,
            "preferCSSPageSize": True, "pageRanges": "1"})
        if "error" in printed:
            raise RuntimeError(f"Chromium could not print the PDF: {printed['error']}")
        return printed.get("result", {}).get("data")

    print_pdf._timeline_pages = True  # type: ignore[attr-defined]
    dtools.print_pdf = print_pdf


def _plotly_js() -> Path:
    """The plotly.js bundled with the installed plotly (the one the HTML files load)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _run_in_thread(coro):
    """Run a coroutine to its end in a fresh thread (works inside Jupyter's running event loop).

    The caller waits in short steps, so that Ctrl-C reaches it at once: the coroutine is then cancelled (kaleido
    closes its browser), and KeyboardInterrupt raised after at most a second.
    """
    box: dict = {}
    loop = asyncio.new_event_loop()
    task_box: dict = {}

    def _target():
        asyncio.set_event_loop(loop)
        try:
            task_box["task"] = loop.create_task(coro)
            box["value"] = loop.run_until_complete(task_box["task"])
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc
        finally:
            loop.close()

    thread = threading.Thread(target=_target, name="timeline-export", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.05)
    except KeyboardInterrupt:
        task = task_box.get("task")
        if task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)
        _kill_browsers()  # the browser runs in a session of its own: Ctrl-C does not reach it
        thread.join(1.0)
        raise
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _kill_browsers() -> None:
    """Kill the process group of each Chrome/Chromium this process started (kaleido starts it in a session of
    its own, through a small wrapper), so that an interrupted export leaves no browser writing its profile."""
    me = os.getpid()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == me and b"chrom" in cmdline.lower():
            with contextlib.suppress(OSError):
                os.killpg(int(fields[2]), signal.SIGKILL)


def render_images(images: list[Image], data_date: dt.date | None, *, started: Callable[[float], None],
                  done: Callable[[Path, float], None]) -> None:
    """Draw every image with ONE browser (kaleido started once), writing each as it is done.

    ``started(seconds)`` is called once the browser is up, ``done(path, seconds)`` after each image; SVG and PDF
    bytes are made deterministic (:mod:`.determinism`), the PDF dated ``data_date`` (else 1970-01-01) and its
    page the drawing's size at the image's scale (:meth:`PrintSize.pdf_scale`), without margins; a PNG and an SVG
    with a ``print_pt`` say the size they print at.
    """
    import kaleido

    _private_chromium()
    _pdf_pages()
    pdf_date = data_date or dt.date(1970, 1, 1)

    async def _all():
        t_start = time.perf_counter()
        # mathjax=False: no CDN script; plotly.js comes from the installed plotly package.
        async with kaleido.Kaleido(n=1, timeout=_RENDER_TIMEOUT, mathjax=False) as k:
            started(time.perf_counter() - t_start)
            for img in images:
                t0 = time.perf_counter()
                scale = img.scale if img.fmt in ("png", "pdf") else 1
                try:
                    data = await k.calc_fig(img.fig, opts={"format": img.fmt, "width": img.width,
                                                           "height": img.height, "scale": scale})
                except Exception as exc:
                    raise RuntimeError(f"kaleido could not draw {relative(img.path)}: {exc}") from exc
                if img.fmt == "png" and img.print_pt:
                    data = png_print_size(data, img.print_pt)
                elif img.fmt == "svg":
                    svg = stable_svg_ids(data.decode("utf-8"))
                    if img.print_pt:
                        svg = svg_print_size(svg, img.print_pt, img.print_pt * img.height / img.width)
                    data = svg.encode("utf-8")
                elif img.fmt == "pdf":
                    data = fit_pdf_page(stable_pdf_dates(data, pdf_date), img.width * scale * PT_PER_PX,
                                        img.height * scale * PT_PER_PX)
                write_atomic(img.path, data)
                done(img.path, time.perf_counter() - t0)

    _run_in_thread(_all())
