"""An offline TimelineJS viewer page for ``reports/timelinejs.json``: ``python -m timeline viewer``.

Writes, beside the JSON (default ``reports/``):

- ``timeline.html``: the page. The TimelineJS document is inline (a ``<script type="application/json">``
  block; a page opened from disk may not fetch a file next to it), so the page is one file plus the
  library.
- ``timelinejs/js/timeline.js``, ``timelinejs/css/timeline.css``, ``timelinejs/css/icons/*`` (the icon font
  the CSS names), ``timelinejs/css/fonts/font.default.css`` and the library's ``LICENSE``: copied from the
  npm package ``@knight-lab/timelinejs`` that ``make setup`` installs (``npm ci`` with the repository's
  ``package.json`` and ``package-lock.json``, into the git-ignored ``node_modules/``), never from a CDN.

Nothing on the page reaches the network. TimelineJS would otherwise: its font option loads a font
stylesheet from the script's folder (the page sets ``font: null`` and links the vendored default font
CSS itself, without its ``@font-face`` rules, which download PT Sans and PT Serif from Google Fonts: the
families fall back to installed fonts), a language other than English is fetched as JSON (the page uses ``en``, built in),
Google Analytics loads only with a measurement id (none is given), the default ``script_path`` is Knight
Lab's CDN (the page sets it to the vendored folder), and media slides embed remote content (the export
makes none). ``tests/test_viewer.py`` opens the page in headless Chromium with the network cut off and
checks that every request is a ``file://`` one.

The page's bytes depend on the JSON and the library only; every file is written to a temporary name
and renamed.

Example:
    >>> page = viewer_html({"events": [], "title": {"text": {"headline": "a </script> b"}}})
    >>> "</script> b" in page, "<\\\\/script> b" in page
    (False, True)
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .atomic import write_atomic
from . import paths

__all__ = ["LIBRARY", "VIEWER_FILE", "LibraryMissing", "library_dir", "library_files", "viewer_html",
           "write_viewer"]

#: The npm package the page uses, and the folder ``npm ci`` puts it in.
LIBRARY = "@knight-lab/timelinejs"
VIEWER_FILE = paths.REPORTS_DIR / "timeline.html"
#: The folder, beside the page, the library is copied to.
ASSETS = "timelinejs"
#: What is copied, relative to the npm package (the page needs no other file of it).
_COPIED = ("dist/js/timeline.js", "dist/css/timeline.css", "dist/css/fonts/font.default.css",
           "dist/css/icons/tl-icons.eot", "dist/css/icons/tl-icons.svg", "dist/css/icons/tl-icons.ttf",
           "dist/css/icons/tl-icons.woff", "dist/css/icons/tl-icons.woff2", "LICENSE")


class LibraryMissing(RuntimeError):
    """The TimelineJS npm package is not installed (``make setup`` installs it when npm is there)."""


def library_dir(root: Path | None = None) -> Path:
    """The installed npm package ``@knight-lab/timelinejs`` (under ``node_modules/``)."""
    return Path(root or paths.PROJECT_ROOT) / "node_modules" / LIBRARY


def library_files(root: Path | None = None) -> dict[str, Path]:
    """{path beside the page: installed file} for every file the page needs; raises LibraryMissing."""
    lib = library_dir(root)
    missing = [name for name in _COPIED if not (lib / name).is_file()]
    if missing:
        raise LibraryMissing(
            f"the TimelineJS library ({LIBRARY}) is not installed in {paths.relative(lib)} "
            f"(missing: {', '.join(missing[:3])}). Install Node.js with npm and run `make setup` "
            "(it runs `npm ci`, pinned by package-lock.json); the viewer page needs it, nothing else does.")
    out = {}
    for name in _COPIED:
        rel = name.removeprefix("dist/") if name.startswith("dist/") else name
        out[f"{ASSETS}/{rel}"] = lib / name
    return out


def library_version(root: Path | None = None) -> str:
    """The installed library's version, from its package.json."""
    return json.loads((library_dir(root) / "package.json").read_text(encoding="utf-8"))["version"]


_OPTIONS = {
    "font": None,  # no font stylesheet fetched by the library; the page links the vendored default itself
    "language": "en",  # built in; any other language is fetched as JSON
    "ga_measurement_id": None, "ga_property_id": None,  # no analytics
    "hash_bookmark": False, "soundcite": False, "is_embed": False,
}


def _inline_json(document: dict) -> str:
    """The document as JSON that cannot end its ``<script>`` block (``</`` and ``<!--`` escaped)."""
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def viewer_html(document: dict, version: str = "") -> str:
    """The page as text for a TimelineJS document (the JSON ``timelinejs`` writes)."""
    headline = document.get("title", {}).get("text", {}).get("headline", "timeline")
    title = html.unescape(str(headline))  # the headline is HTML; the <title> wants text, escaped again below
    options = json.dumps(_OPTIONS, sort_keys=True)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<!-- TimelineJS {html.escape(version)} ({LIBRARY} from npm, MPL-2.0: {ASSETS}/LICENSE), copied beside "
        "this page by python -m timeline viewer; nothing here loads from the network -->",
        f'<link rel="stylesheet" href="{ASSETS}/css/timeline.css">',
        f'<link rel="stylesheet" href="{ASSETS}/css/fonts/font.default.css">',
        "<style>html, body { height: 100%; margin: 0; } #timeline-embed { width: 100%; height: 100%; }</style>",
        f'<script src="{ASSETS}/js/timeline.js"></script>',
        "</head>",
        "<body>",
        '<div id="timeline-embed"></div>',
        '<script type="application/json" id="timeline-data">',
        _inline_json(document),
        "</script>",
        "<script>",
        "var data = JSON.parse(document.getElementById('timeline-data').textContent);",
        f"var options = {options};",
        f"options.script_path = new URL('{ASSETS}/js/', document.baseURI).href;",
        "window.timeline = new TL.Timeline('timeline-embed', data, options);",
        "</script>",
        "</body>",
        "</html>",
        "",
    ])


_REMOTE_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*url\(\s*['\"]?https?:[^}]*\}\s*", re.IGNORECASE)


def offline_css(css: str) -> str:
    r"""The stylesheet without the ``@font-face`` rules that load a font from the network.

    >>> offline_css("a { x: 1 }\n@font-face {\n  src: url(https://fonts.example/f.ttf);\n}\nb { y: 2 }")
    'a { x: 1 }\nb { y: 2 }'
    >>> offline_css("@font-face { src: url(icons/i.woff2) }")
    '@font-face { src: url(icons/i.woff2) }'
    """
    out = _REMOTE_FONT_FACE.sub("", css)
    if re.search(r"url\(\s*['\"]?https?:|@import", out, re.IGNORECASE):
        raise ValueError("a stylesheet of the TimelineJS library still reaches the network")
    return out


def _write_bytes(path: Path, data: bytes) -> None:
    write_atomic(path, data)


def viewer_outputs(out: Path | str | None = None) -> list[Path]:
    """Every file :func:`write_viewer` writes for a page at ``out``."""
    out = Path(out) if out else VIEWER_FILE
    return [out] + [out.parent / rel for rel in sorted(f"{ASSETS}/{n.removeprefix('dist/')}" for n in _COPIED)]


def write_viewer(timeline_json: Path | str | None = None, out: Path | str | None = None, *,
                 root: Path | None = None) -> list[Path]:
    """Write the page (default ``reports/timeline.html``) and the library beside it; return the paths.

    ``timeline_json`` is the TimelineJS JSON (default ``reports/timelinejs.json``). Raises LibraryMissing
    (saying how to install it) before writing anything when the npm package is not installed.
    """
    from .timelinejs import TIMELINE_FILE

    src = Path(timeline_json) if timeline_json else TIMELINE_FILE
    out = Path(out) if out else VIEWER_FILE
    files = library_files(root)
    document = json.loads(src.read_text(encoding="utf-8"))
    written = []
    for rel, installed in sorted(files.items()):
        target = out.parent / rel
        data = installed.read_bytes()
        if rel.endswith(".css"):
            data = offline_css(data.decode("utf-8")).encode("utf-8")
        if not (target.is_file() and target.read_bytes() == data):
            _write_bytes(target, data)
        written.append(target)
    _write_bytes(out, viewer_html(document, library_version(root)).encode("utf-8"))
    return [out, *written]
