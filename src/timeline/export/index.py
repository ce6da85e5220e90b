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
        name = check_name(spec.name)
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
    write_atomic(path, index_html(charts, prov, formats))
    return path

