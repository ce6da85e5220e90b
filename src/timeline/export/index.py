"""The index page of an export: every chart with its title, caption and links to each format, and the provenance
of the data (the articles and their publication dates, the record count, the SHA-256 of the events frame).
All text is escaped for HTML.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote

from ..atomic import write_atomic
from .formats import FORMATS, check_name
from .provenance import Provenance, _plural

__all__ = ["index_html", "write_index"]

#: What the index calls each format.
_FORMAT_LABELS = {"html": "HTML (interactive)", "png": "PNG", "svg": "SVG", "pdf": "PDF"}
_INDEX_CSS = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ddd; padding: .25rem .5rem; }
th { background: #f4f4f4; text-align: left; } .caption { max-width: 60rem; }
img { max-width: 100%; border: 1px solid #eee; }
.formats a { margin-right: 1rem; } code { font-size: .85rem; }
.scroll { overflow-x: auto; } .findings li, .caveats li { margin-bottom: .4rem; }
@media (max-width: 40rem) { body { margin: 1rem auto; } h1 { font-size: 1.4rem; } table { font-size: .8rem; } }
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


def index_html(charts: Iterable, prov: Provenance, formats: Sequence[str], findings: dict | None = None,
               title: str | None = None) -> str:
    """The index page as text: every chart with title, caption and links; the data's provenance. All text escaped.

    >>> from types import SimpleNamespace
    >>> chart = SimpleNamespace(name="a", title="Claims <by> date", caption="Counts & dates")
    >>> page = index_html([chart], Provenance(0, "0" * 64, ()), ["html", "png"])
    >>> "Claims &lt;by&gt; date" in page and "Counts &amp; dates" in page and 'href="a.png"' in page
    True
    """
    formats = [f for f in FORMATS if f in formats]
    charts = list(charts)
    findings = findings or {}
    heading = f"{title}: claims in German news reporting" if title else "timeline: charts"
    rows = "\n".join(
        f"<tr><td><code>{_e(s.name)}</code></td><td lang=\"de\">{_e(s.title)}</td><td>{_e(s.outlet)}</td>"
        f"<td>{_e(s.published_date.isoformat())}</td><td>{_e(s.published_precision)}</td>"
        f"<td>{s.n_records}</td></tr>" for s in prov.seeds)
    data_date = prov.data_date.isoformat() if prov.data_date else "none (no records)"
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>", f"<style>\n{_INDEX_CSS}\n</style>", "</head>", "<body>",
        f"<h1>{_e(heading)}</h1>",
        "<p>Every chart of the suite, as an interactive page and as PNG, SVG and PDF for reports. "
        "The charts show who claimed what, when and through whom; they state no claim as fact.</p>",
        '<nav><h2 id="contents">Contents</h2><ol><li><a href="#findings">What the records show</a></li>'
        '<li><a href="#caveats">Before you quote a chart</a></li><li><a href="#data">Data</a></li>'
        '<li><a href="#charts">Charts</a><ol>'
        + "".join(f'<li><a href="#{_e(check_name(c.name))}">{_e(c.title)}</a></li>' for c in charts)
        + "</ol></li></ol></nav>",
        '<h2 id="findings">What the records show</h2>', '<ul class="findings">'
        + "".join(f'<li><a href="#{_e(check_name(c.name))}">{_e(findings[c.name])}</a></li>'
                  for c in charts if findings.get(c.name)) + "</ul>",
        '<h2 id="caveats">Before you quote a chart</h2>',
        '<ul class="caveats">' + "".join(f"<li>{_e(c)}</li>" for c in CAVEATS) + "</ul>",
        '<h2 id="data">Data</h2>',
        f"<p>{_plural(prov.n_records, 'record')} from {_plural(len(prov.seeds), 'article')}. Latest article published: "
        f"{_e(data_date)}. SHA-256 of the events frame (<code>data/processed/events.csv</code>): "
        f"<code>{_e(prov.data_sha256)}</code>.</p>",
    ]
    if prov.seeds:
        parts += ['<div class="scroll"><table>', "<tr><th>Seed</th><th>Title</th><th>Outlet</th><th>Published</th><th>Precision</th>"
                  "<th>Records</th></tr>", rows, "</table></div>"]
    parts.append('<h2 id="charts">Charts</h2>')
    for spec in charts:
        name = check_name(spec.name)
        links = " ".join(f'<a href="{_href(name, f)}">{_e(_FORMAT_LABELS[f])}</a>' for f in formats)
        parts += [f'<section id="{_e(name)}">', f"<h3>{_e(spec.title)}</h3>"]
        if findings.get(name):
            parts.append(f"<p><strong>{_e(findings[name])}</strong></p>")
        parts.append(f'<p class="caption">{_e(spec.caption)}</p>')
        if "png" in formats:
            parts.append(f'<p><a href="{_href(name, "html")}"><img src="{_href(name, "png")}" '
                         f'alt="{_e(spec.title)}" loading="lazy"></a></p>' if "html" in formats else
                         f'<p><img src="{_href(name, "png")}" alt="{_e(spec.title)}" loading="lazy"></p>')
        parts += [f'<p class="formats">{links or "no format written"}</p>', "</section>"]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write_index(charts: Iterable, prov: Provenance, out_dir: Path | str, formats: Sequence[str],
                findings: dict | None = None, title: str | None = None) -> Path:
    """Write :func:`index_html` to ``out_dir/index.html``."""
    path = Path(out_dir) / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, index_html(charts, prov, formats, findings, title))
    return path

