"""The index page of an export: every chart with its title, caption and links to each format, and the provenance
of the data (the articles and their publication dates, the record count, the SHA-256 of the events frame).
All text is escaped for HTML.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote

import hashlib
import json
import re
from dataclasses import dataclass

from ..atomic import write_atomic
from ..summaries import published_words
from .formats import FORMATS, PHONE_BREAK, SIZES, STATIC_FORMATS, check_name, html_config, page_json
from .provenance import Provenance, _plural

__all__ = ["Download", "finding_sentence", "index_html", "outlet_words", "readme_caveats", "write_index"]


@dataclass(frozen=True)
class Download:
    """A data file beside the index: its file name, what it holds, its size in bytes and its SHA-256."""

    name: str
    what: str
    size: int
    sha256: str

    @classmethod
    def of(cls, name: str, what: str, data: bytes) -> "Download":
        return cls(name, what, len(data), hashlib.sha256(data).hexdigest())


def _size(n: int) -> str:
    """
    >>> _size(73510), _size(900), _size(2_400_000)
    ('71.8 KB', '900 bytes', '2.3 MB')
    """
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _inline_markdown(text: str) -> str:
    """The README's inline markdown as HTML: escaped, then **bold**, *em*, `code`, [links]; a relative link (a
    file of the repository, not beside the page) keeps its text only.

    >>> _inline_markdown('**Units** <b> *kept* `a_b` [docs](docs/x.md) [site](https://e.org)')
    '<strong>Units</strong> &lt;b&gt; <em>kept</em> <code>a_b</code> docs <a href="https://e.org">site</a>'
    """
    out = html.escape(text, quote=True)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)",
                  lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>' if re.match(r"https?://", m.group(2))
                  else m.group(1), out)


def readme_caveats(readme: str) -> list[str]:
    r"""The bullets of the README's ``## Caveats`` section, as HTML (empty when there is none).

    >>> readme_caveats("# t\n## Caveats\n\n- **One** a\n  b.\n- Two.\n\nAfter.\n## Next\n- no")
    ['<strong>One</strong> a b.', 'Two.']
    """
    m = re.search(r"^## Caveats[ \t]*\n(.*?)(?=^## |\Z)", readme, flags=re.M | re.S)
    if not m:
        return []
    items: list[list[str]] = []
    for line in m.group(1).splitlines():
        if line.startswith("- "):
            items.append([line[2:].strip()])
        elif line.startswith("  ") and items and line.strip():
            items[-1].append(line.strip())
        elif items and line.strip():  # the first paragraph after the list ends the caveats
            break
    return [_inline_markdown(" ".join(parts)) for parts in items]


#: What the index calls each format.
_FORMAT_LABELS = {"html": "HTML (interactive)", "png": "PNG", "svg": "SVG", "pdf": "PDF"}
_INDEX_CSS = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ddd; padding: .25rem .5rem; }
th { background: #f4f4f4; text-align: left; } .caption { max-width: 60rem; }
img { max-width: 100%; border: 1px solid #eee; }
.formats a { margin-right: 1rem; } code { font-size: .85rem; }
.scroll { overflow-x: auto; } .findings li, .caveats li, .downloads li { margin-bottom: .4rem; }
.to-chart { font-size: .9rem; } .how { color: #444; font-size: .95rem; }
.nothing-drawn { max-width: 60rem; border-left: 4px solid #999; padding: .2rem 0 .2rem .8rem; }
code.hash { word-break: break-all; font-size: .75rem; }
.live { display: none; } .live-fallback { display: none; }
section.drawn .live { display: block; } section.drawn .still { display: none; }
section.no-still:not(.drawn) .live-fallback { display: block; }
@media print { section.drawn .live { display: none; } section.drawn .still { display: block; } }
@media (max-width: 40rem) { body { margin: 1rem auto; } h1 { font-size: 1.4rem; } table { font-size: .8rem; }
  table.seeds, table.seeds tbody, table.seeds tr, table.seeds td { display: block; border: none; }
  table.seeds tr:first-child { display: none; } table.seeds tr { border-top: 1px solid #ccc; padding: .3rem 0; }
  table.seeds td::before { content: attr(data-label) ": "; font-weight: bold; } }
""".strip()

#: What every reader of the charts should know before quoting them.
CAVEATS = (
    "Every figure is a claim as an article reported it, not a verified fact; the charts say who claimed what, "
    "when and through whom.",
    "Open bounds stay open (\u201cmindestens\u201d is drawn as at least, to the edge) and vague words "
    "(\u201cTausende\u201d) as the range they were read as, never as one exact number.",
    "Units are kept apart: soldiers, other personnel and brigades are not added up.",
    "A statement the article does not date was said on or before the day the article appeared.",
    "Values the curators corrected (the text's words say otherwise) are ringed and footnoted.",
)


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _href(name: str, fmt: str) -> str:
    return _e(quote(f"{name}.{fmt}"))


#: The page draws every chart (plotly.min.js beside it): on a screen narrower than :data:`PHONE_BREAK` (a phone)
#: the chart's phone version, laid out for 390 px as the chart's own page draws it (keys above, text wrapped, no
#: text under 11 px), else the column figure; a screen that turns across the break draws the other. The PNG
#: stays for print (and where no script runs) and in the links. No script of any other origin: works offline.
_LIVE_JS = """
(function () {
  var narrow = window.matchMedia("(max-width: %(narrow_max)dpx)");
  function figure(div) {
    var id = narrow.matches && div.dataset.phone ? div.dataset.phone : div.dataset.figure;
    return [id, JSON.parse(document.getElementById(id).textContent)];
  }
  var s = document.createElement("script");
  s.src = "plotly.min.js";
  s.onload = function () {
    document.querySelectorAll("div.live[data-figure]").forEach(function (div) {
      var config = JSON.parse(document.getElementById(div.dataset.config).textContent), shown = figure(div);
      div.closest("section").classList.add("drawn");
      div.dataset.drawn = shown[0];
      Plotly.newPlot(div, shown[1].data, shown[1].layout, config);
      narrow.addEventListener("change", function () {
        var next = figure(div);
        if (next[0] === div.dataset.drawn) return;
        div.dataset.drawn = next[0];
        Plotly.react(div, next[1].data, next[1].layout, config);
      });
    });
  };
  document.head.appendChild(s);
})();
""".strip() % {"narrow_max": PHONE_BREAK - 1}


def _script_json(text: str) -> str:
    """JSON safe inside a ``<script>`` block (no ``</`` that could close it)."""
    return text.replace("</", "<\\/")


def _format_links(name: str, formats: Sequence[str]) -> list[str]:
    """The links to a chart's files: its HTML page, then each size's static formats."""
    static = [f for f in formats if f in STATIC_FORMATS]
    links = [f'<a href="{_href(name, "html")}">{_e(_FORMAT_LABELS["html"])}</a>'] if "html" in formats else []
    for size in SIZES if static else ():
        links.append(f"{_e(size.label)}: " + " ".join(
            f'<a href="{_e(quote(size.file_name(name, f)))}">{_e(_FORMAT_LABELS[f])}</a>' for f in static))
    return links


def finding_sentence(headline: str) -> str:
    """A chart's headline as a sentence of the findings: its first letter a capital, a full stop at its end.

    >>> finding_sentence("most cited: NIS, 10 of 73 statements"), finding_sentence("2 claims were repeated.")
    ('Most cited: NIS, 10 of 73 statements.', '2 claims were repeated.')
    """
    text = " ".join(headline.split())
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text[-1] in ".!?" else ".")


def outlet_words(outlet: str) -> str:
    """An article's publisher as the sources table writes it: its name, or "outlet unknown" where the seed's
    metadata give none (schema.yaml seed_metadata: outlet 'unknown').

    >>> outlet_words("Agenzia Nova"), outlet_words("unknown")
    ('Agenzia Nova', 'outlet unknown')
    """
    from ..headlines import UNKNOWN_OUTLET

    return "outlet unknown" if outlet == UNKNOWN_OUTLET else outlet


def index_html(charts: Iterable, prov: Provenance, formats: Sequence[str], findings: dict | None = None,
               title: str | None = None, *, figures: dict | None = None, downloads: Sequence[Download] = (),
               caveats: Sequence[str] | None = None, records_page: str | None = None,
               phones: dict | None = None, notes: dict | None = None) -> str:
    """The index page as text: every chart with title, caption and links; the data's provenance. All text escaped.

    ``figures`` ({chart name: plotly figure}) are drawn in the page (interactive), ``phones`` (the same, built
    for a phone's width) instead of them on a screen narrower than :data:`PHONE_BREAK`; ``downloads`` are listed with
    size and SHA-256; ``caveats`` (HTML, from :func:`readme_caveats`) replace the general :data:`CAVEATS`;
    ``records_page`` is the file name of the records table; ``notes`` ({chart name: plain text}) are what a chart
    that has nothing to draw searched for and why it found nothing: shown in the chart's place, with its headline
    (the files stay linked for whoever links to them).

    The findings are the charts' headlines, each a sentence (:func:`finding_sentence`) followed by a link to its
    chart; each chart's section leads with its title, then the chart, then how it is drawn (its caption).

    >>> from types import SimpleNamespace
    >>> chart = SimpleNamespace(name="a", title="Claims <by> date", caption="Counts & dates")
    >>> page = index_html([chart], Provenance(0, "0" * 64, ()), ["html", "png"])
    >>> "Claims &lt;by&gt; date" in page and "Counts &amp; dates" in page and 'href="a.png"' in page
    True
    """
    formats = [f for f in FORMATS if f in formats]
    charts = list(charts)
    findings = findings or {}
    figures, phones, notes = figures or {}, phones or {}, notes or {}
    # the case's own title (data/actors.yaml, case: title) is the page's: a suffix such as ': claims in German news
    # reporting' repeated the case's words ('Claims on ...: claims ...'); what the page holds the first line says
    heading = title or "timeline: charts"
    rows = "\n".join(
        f'<tr><td data-label="Outlet">{_e(outlet_words(s.outlet))}</td><td data-label="Published">'
        f"{_e(published_words(s.published_date, s.published_precision))}</td>"
        f'<td data-label="Title" lang="de">{_e(s.title)}</td>'
        f'<td data-label="Records">{s.n_records}</td></tr>'
        for s in sorted(prov.seeds, key=lambda s: (s.published_date, s.title)))
    # the latest article's day as the suite writes a publication date (a day known to a week: 'week of ...')
    precision = next((s.published_precision for s in prov.seeds if s.published_date == prov.data_date), None)
    data_date = published_words(prov.data_date, precision) if prov.data_date else "none (no records)"
    caveat_items = list(caveats) if caveats else [_e(c) for c in CAVEATS]
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>", f"<style>\n{_INDEX_CSS}\n</style>", "</head>", "<body>",
        f"<h1>{_e(heading)}</h1>",
        f"<p>{_plural(prov.n_records, 'claim')} from {_plural(len(prov.seeds), 'German-language news article')}, "
        "curated by hand: who "
        "claimed what, when and through whom. The charts state no claim as fact. Each chart is interactive here "
        "(laid out for a phone on a narrow screen) and comes as PNG, SVG and PDF for a report column and for a "
        "16:9 slide; the data "
        "is below, with checksums. The page reads its charts, images and data from the folder it sits in: to "
        "send it, send the whole folder (zipped).</p>",
        '<nav><h2 id="contents">Contents</h2><ol><li><a href="#findings">What the records show</a></li>'
        '<li><a href="#caveats">Before you quote a chart</a></li>'
        '<li><a href="#charts">Charts</a><ol>'
        + "".join(f'<li><a href="#{_e(check_name(c.name))}">{_e(c.title)}</a></li>' for c in charts)
        + '</ol></li><li><a href="#download">Download the data</a></li>'
        '<li><a href="#data">Where the data come from</a></li></ol></nav>',
        '<h2 id="findings">What the records show</h2>', '<ul class="findings">'
        + "".join(f"<li>{_e(finding_sentence(findings[c.name]))} <span class=\"to-chart\">"
                  f'(<a href="#{_e(check_name(c.name))}">{_e(c.title)}</a>)</span></li>'
                  for c in charts if findings.get(c.name)) + "</ul>",
        '<h2 id="caveats">Before you quote a chart</h2>',
        '<ul class="caveats">' + "".join(f"<li>{c}</li>" for c in caveat_items) + "</ul>",
        '<h2 id="charts">Charts</h2>',
    ]
    for spec in charts:
        name = check_name(spec.name)
        has_png = "png" in formats
        still_class = "" if has_png else ' class="no-still"'
        # the headline is said once in words, in the findings (which link here), and drawn once, in the chart
        if name in notes:  # nothing to draw: a sentence in its place, its files still linked
            parts += [f'<section id="{_e(name)}">', f"<h3>{_e(spec.title)}</h3>",
                      f'<p class="nothing-drawn"><strong>{_e(finding_sentence(findings.get(name, "")))}</strong> '
                      f"{_e(notes[name])}</p>"]
            links = _format_links(name, formats)
            if links:
                parts.append(f'<p class="formats">The files of the chart, which draw its headline alone: '
                             f'{" · ".join(links)}</p>')
            parts.append("</section>")
            continue
        parts += [f'<section id="{_e(name)}"{still_class}>', f"<h3>{_e(spec.title)}</h3>"]
        if name in figures and "html" in formats:
            phone = f' data-phone="phone-{_e(name)}"' if name in phones else ""
            parts += [f'<div class="live" id="live-{_e(name)}" data-figure="figure-{_e(name)}"{phone} '
                      f'data-config="config-{_e(name)}"></div>',
                      f'<script type="application/json" id="figure-{_e(name)}">'
                      f"{_script_json(page_json(figures[name]))}</script>"]  # headline below the modebar
            if name in phones:
                parts.append(f'<script type="application/json" id="phone-{_e(name)}">'
                             f"{_script_json(page_json(phones[name]))}</script>")
            parts += [f'<script type="application/json" id="config-{_e(name)}">'
                      f"{_script_json(json.dumps({**html_config(name), 'responsive': True}))}</script>",
                      f'<p class="live-fallback"><a href="{_href(name, "html")}">Open the interactive chart</a></p>']
        if has_png:
            img = f'<img src="{_href(name, "png")}" alt="{_e(spec.title)}" loading="lazy">'
            parts.append(f'<p class="still"><a href="{_href(name, "html")}">{img}</a></p>' if "html" in formats
                         else f'<p class="still">{img}</p>')
        parts.append(f'<p class="caption how"><strong>How it is drawn:</strong> {_e(spec.caption)}</p>')
        links = _format_links(name, formats)
        parts += [f'<p class="formats">{" · ".join(links) or "no format written"}</p>', "</section>"]
    parts.append('<h2 id="download">Download the data</h2>')
    if records_page:
        parts.append(f'<p><a href="{_e(quote(records_page))}">Every record as a table</a>: quote, English summary, '
                     "readable dates, flags in full, sorted by the day it was said, with filters that take several "
                     "claimants, units or stances at once, and a range of months (works offline, no script).</p>")
    if downloads:
        parts.append("<p>The files beside this page (the SHA-256 lets a reader check that a copy is the same "
                     "data):</p>")
        parts.append('<ul class="downloads">' + "".join(
            f'<li><a href="{_e(quote(d.name))}" download>{_e(d.name)}</a> ({_e(_size(d.size))}): {_e(d.what)}'
            f'<br>SHA-256 <code class="hash">{_e(d.sha256)}</code></li>' for d in downloads) + "</ul>")
    parts += [
        '<h2 id="data">Where the data come from</h2>',
        f"<p>{_plural(prov.n_records, 'record')} from {_plural(len(prov.seeds), 'article')}. Latest article published: "
        f"{_e(data_date)}. SHA-256 of the events frame (<code>events.csv</code> beside this page): "
        f'<code class="hash">{_e(prov.data_sha256)}</code>.</p>',
    ]
    if prov.seeds:
        parts += ['<table class="seeds">', "<tr><th>Outlet</th><th>Published</th><th>Title</th>"
                  "<th>Records</th></tr>", rows, "</table>"]
    if figures and "html" in formats:
        parts.append(f"<script>\n{_LIVE_JS}\n</script>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write_index(charts: Iterable, prov: Provenance, out_dir: Path | str, formats: Sequence[str],
                findings: dict | None = None, title: str | None = None, **page) -> Path:
    """Write :func:`index_html` to ``out_dir/index.html`` (``page``: its keyword arguments)."""
    path = Path(out_dir) / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, index_html(charts, prov, formats, findings, title, **page))
    return path

