"""Byte determinism of the static formats: plotly.js's random ids in SVG, Chromium's timestamps in PDF.

plotly.js gives every drawing random ids (the figure's ``_uid`` in clip paths and
``defs``, each trace's ``uid`` in its class); :func:`stable_svg_ids` renames them
in order of first appearance (``u00000``, ``u00001``, ...), so the SVG is
byte-identical from run to run. Chromium stamps each PDF with the time of
printing (``/CreationDate``, ``/ModDate``); :func:`stable_pdf_dates` replaces
both, in place and at the same length, with the data's date. PNGs carry no time
and come out identical as they are.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["stable_pdf_dates", "stable_svg_ids"]

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


