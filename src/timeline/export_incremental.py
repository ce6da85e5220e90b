"""The chart export of the main job, chart by chart: only the charts whose figure changed are drawn again.

Each chart's figure is built (cheap) and hashed before anything is drawn (the expensive part): the key of a
chart is the SHA-256 of its figure JSON, its phone figure (which its page and the index draw on a narrow
screen), the figure as printed (:func:`timeline.charts.for_print`), its static size and title, the formats, the data's date (it is written into the PDF), the export code (the
modules ``timeline.export`` imports) and the versions of plotly and kaleido. A chart whose key and files
are those of the last run is left alone; any other is written again by :func:`timeline.export.export_charts`
(its HTML, PNG, SVG and PDF). The index is written every time, for every chart (it names the data's hash,
so it changes with any record). A chart no longer in :data:`timeline.charts.CHARTS` has the files it
wrote deleted. The record is ``<out>/.export.json`` (content hashes, no timestamps); without it every
chart is drawn. The files are the bytes a full export writes. All of it (charts, index, record) is written
into one staged copy of the folder and swapped in by one atomic step (:func:`timeline.atomic.staged_folder`):
a run killed at any point leaves the folder of the last run, whole.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Sequence

from .atomic import copy_atomic, staged_folder, write_atomic
from . import paths

__all__ = ["MANIFEST_NAME", "chart_keys", "chart_files", "export_changed_charts"]

MANIFEST_NAME = ".export.json"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def chart_files(name: str, formats: Sequence[str]) -> list[str]:
    """The file names a chart's export writes (a static format at each of :data:`timeline.export.SIZES`)."""
    from .export import SIZES, STATIC_FORMATS

    return [size.file_name(name, fmt) for fmt in formats for size in (SIZES if fmt in STATIC_FORMATS else SIZES[:1])]


def chart_keys(frame, flags, formats: Sequence[str], charts: dict | None = None,
               phones: dict | None = None) -> tuple[dict[str, str], dict]:
    """({chart name: the SHA-256 of everything its files in ``formats`` depend on}, {chart name: its figure}),
    without drawing any image. ``phones``: the charts built for a phone (:func:`timeline.export.phone_figures`),
    which the HTML page holds; built here where HTML is written and they are not given."""
    from .charts import for_print
    from .export import STATIC_FORMATS, parse_formats, phone_figures, provenance, slide_figure, static_size
    from .steps import code_closure

    if charts is None:
        from .charts import CHARTS as charts
    if phones is None:
        phones = phone_figures(charts, frame, flags) if "html" in parse_formats(formats) else {}
    prov = provenance(frame)
    env = {"code": code_closure(["timeline.export"]), "plotly": _version("plotly"), "kaleido": _version("kaleido"),
           "formats": list(formats), "data_date": prov.data_date.isoformat() if prov.data_date else None}
    # the printed figure, its size and the slide are drawn in the static images only: an export without them
    # (HTML alone, as the main job's tests run it) neither builds nor hashes them (a slide build and a copy of the
    # figure a chart, about a third of the keys' CPU)
    static = any(f in STATIC_FORMATS for f in parse_formats(formats))
    keys, headlines = {}, {}
    for name, spec in charts.items():
        fig = spec.build(frame, flags)
        headlines[name] = fig
        printed = slide = size = None
        if static:
            printed = for_print(fig)
            slide = slide_figure(spec, frame, flags)  # the slide's own layout, where it has one
            slide = slide.to_json() if slide is not None else None
            size = list(static_size(printed, spec))
            printed = printed.to_json()
        phone = phones[name].to_json() if name in phones else None
        blob = json.dumps({"figure": fig.to_json(), "phone": phone, "printed": printed, "slide": slide,
                           "title": spec.title, "size": size, "env": env}, sort_keys=True)
        keys[name] = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    return keys, headlines


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _write_manifest(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data, indent=1, sort_keys=True))


def export_changed_charts(frame, out_dir: Path | str, flags, formats: Sequence[str] | None = None, *,
                          charts: dict | None = None, echo=print) -> dict:
    """Write the charts whose key or files changed, delete removed charts' files, write the index.

    Returns {'written': [names], 'unchanged': [names], 'removed': [names], 'message': str | None}
    (``message`` as :class:`timeline.export.ExportResult` says what could not be written; those charts are
    not recorded, so they are drawn next time).
    """
    from .export import FORMATS, export_charts, front_page, parse_formats, phone_figures, provenance, write_index

    if charts is None:
        from .charts import CHARTS as charts
    formats = parse_formats(formats or FORMATS)
    out_dir = Path(out_dir)
    with staged_folder(out_dir, keep_unchanged=True) as work:
        manifest_path = work / MANIFEST_NAME
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        phones = phone_figures(charts, frame, flags) if "html" in formats else {}  # the index draws them all
        keys, built = chart_keys(frame, flags, formats, charts, phones)  # a chart's page holds its phone figure

        def fresh(name: str) -> bool:
            old = manifest.get(name)
            return bool(old) and old.get("key") == keys[name] and old.get("files") == {
                f: _sha(work / f) for f in chart_files(name, formats)}

        changed = [n for n in charts if not fresh(n)]
        unchanged = [n for n in charts if n not in changed]
        removed = sorted(n for n in manifest if n not in charts)
        for name in removed:
            for f in manifest[name].get("files", {}):
                if (work / f).is_file():
                    (work / f).unlink()
                    echo(f"  deleted {paths.relative(out_dir / f)} (chart {name} is gone)")
            del manifest[name]
        if unchanged:
            echo(f"  unchanged, not drawn again: {', '.join(unchanged)}")
        message, written_formats = None, list(formats)
        if changed:
            result = export_charts(frame, out_dir, formats, charts={n: charts[n] for n in changed}, flags=flags,
                                   echo=echo, _into=work,
                                   figures={n: built[n] for n in changed}, phones=phones)  # each built once
            message = result.message
            written_formats = [f for f in formats if f not in result.skipped]
            done = set(result.written)
            for name in changed:
                files = chart_files(name, formats)
                if all(out_dir / f in done for f in files):
                    manifest[name] = {"key": keys[name], "files": {f: _sha(work / f) for f in files}}
                else:
                    manifest.pop(name, None)
        elif "html" in formats:
            import plotly

            js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
            if _sha(work / "plotly.min.js") != _sha(js):
                copy_atomic(js, work / "plotly.min.js")
        files, page = front_page(built, frame, phones, charts)
        for name, data in files.items():
            write_atomic(work / name, data)
        write_index(charts.values(), provenance(frame), work, written_formats, **page)  # last: it lists the others
        _write_manifest(manifest_path, manifest)
    return {"written": changed, "unchanged": unchanged, "removed": removed, "message": message}
