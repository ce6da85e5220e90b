"""Byte determinism of the static formats: plotly.js's random ids in SVG, Chromium's timestamps in PDF.

plotly.js gives every drawing random ids (the figure's ``_uid`` in clip paths and
``defs``, each trace's ``uid`` in its class); :func:`stable_svg_ids` renames them
in order of first appearance (``u00000``, ``u00001``, ...), so the SVG is
byte-identical from run to run. Chromium stamps each PDF with the time of
printing (``/CreationDate``, ``/ModDate``); :func:`stable_pdf_dates` replaces
both, in place and at the same length, with the data's date. PNGs carry no time
and come out identical as they are.

The print size: each static file placed at its own size in a report or slide
comes out at its print width (:class:`~timeline.export.formats.PrintSize`), so
PNG, SVG and PDF agree. :func:`fit_pdf_page` sets the PDF's page to the
drawing's exact size (Chromium rounds a page to steps of about 1 pt),
:func:`png_print_size` writes the PNG's pixels per metre (a PNG without them is
placed at 96 or 72 pixels to the inch: the column's 1800 px at 48 or 64 cm),
:func:`svg_print_size` gives the SVG's width and height in points (its viewBox
stays the layout's pixels).
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib

__all__ = ["fit_pdf_page", "png_print_size", "stable_pdf_dates", "stable_svg_ids", "svg_print_size"]

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




_MEDIABOX_RE = re.compile(rb"/MediaBox \[0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\]")
_STARTXREF_RE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_HEAD_RE = re.compile(rb"xref\r?\n0 (\d+)\r?\n")
_XREF_ENTRY_RE = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")


def fit_pdf_page(pdf: bytes, width_pt: float, height_pt: float) -> bytes:
    r"""The one-page PDF with its page cut to ``width_pt`` x ``height_pt`` at the top left.

    Chromium prints a page only in steps of about a point (a 16 cm page comes out 452.88 or 454.08 pt wide); it
    is printed larger than the drawing and cut to it here: the MediaBox becomes ``[0 H-height width H]`` (H the
    printed height: the drawing hangs from the page's top left) and the cross-reference table's offsets move
    with the bytes. A PDF that is not Chromium's (one page box ``[0 0 W H]``, one plain cross-reference table),
    or whose page is smaller than the drawing, is an error.

    >>> pdf = b"%PDF-1.4\n1 0 obj\n<</MediaBox [0 0 456 649.91998]>>\nendobj\n2 0 obj\n<<>>\nendobj\n"
    >>> pdf += b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    >>> pdf += b"trailer\n<</Size 3>>\nstartxref\n78\n%%EOF\n"
    >>> out = fit_pdf_page(pdf, 453.543307, 649.5)
    >>> out[9:64]
    b'1 0 obj\n<</MediaBox [0 0.42 453.54 649.91998]>>\nendobj\n'
    >>> out[out.index(b"xref"):].split(b"\n")[3:5], out[-10:], out.index(b"xref")
    ([b'0000000009 00000 n ', b'0000000064 00000 n '], b'\n84\n%%EOF\n', 84)
    """
    found = list(_MEDIABOX_RE.finditer(pdf))
    if len(found) != 1:
        raise ValueError(f"expected one page box '/MediaBox [0 0 W H]' in the PDF, found {len(found)}")
    m = found[0]
    page_w, page_h = float(m.group(1)), float(m.group(2))
    if width_pt > page_w + 0.01 or height_pt > page_h + 0.01:
        raise ValueError(f"the PDF's page ({page_w} x {page_h} pt) is smaller than its drawing "
                         f"({width_pt:.2f} x {height_pt:.2f} pt)")

    def num(x: float) -> str:
        return f"{x:.2f}".rstrip("0").rstrip(".")

    box = f"/MediaBox [0 {num(max(page_h - height_pt, 0))} {num(width_pt)} ".encode() + m.group(2) + b"]"
    return _replace_in_pdf(pdf, m.start(), m.end(), box)


def _replace_in_pdf(pdf: bytes, start: int, end: int, new: bytes) -> bytes:
    """``pdf[start:end]`` replaced by ``new``, the offsets in its (one, plain) cross-reference table moved."""
    delta = len(new) - (end - start)
    tail = _STARTXREF_RE.search(pdf)
    if tail is None:
        raise ValueError("the PDF ends without 'startxref N %%EOF'")
    xref = int(tail.group(1))
    head = _XREF_HEAD_RE.match(pdf, xref)
    if head is None or xref < end:
        raise ValueError(f"no plain cross-reference table at offset {xref} after the edit (a PDF not Chromium's)")
    entries, pos = [], head.end()
    for _ in range(int(head.group(1))):
        entry = _XREF_ENTRY_RE.match(pdf, pos)
        if entry is None:
            raise ValueError(f"cross-reference entry at offset {pos} is not 'nnnnnnnnnn ggggg n'")
        offset = int(entry.group(1))
        if entry.group(3) == b"n" and offset >= end:
            offset += delta
        entries.append(b"%010d" % offset + entry.group(0)[10:])
        pos = entry.end()
    out = (pdf[:start] + new + pdf[end:xref] + pdf[xref:head.end()] + b"".join(entries)
           + pdf[pos:tail.start(1)] + str(xref + delta).encode() + pdf[tail.end(1):])
    return out


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_print_size(png: bytes, width_pt: float) -> bytes:
    """The PNG with a ``pHYs`` chunk (pixels per metre, the same across and down) that prints it ``width_pt``
    wide, after its header; one it had is replaced. Pixels are not touched.

    >>> import io
    >>> from PIL import Image
    >>> buf = io.BytesIO(); Image.new("RGB", (1800, 10)).save(buf, "PNG")
    >>> out = png_print_size(buf.getvalue(), 16 / 2.54 * 72)
    >>> Image.open(io.BytesIO(out)).info["dpi"][0] * 16 / 2.54  # 1800 px in 16 cm: 285.75 per inch
    1800.0
    >>> png_print_size(out, 16 / 2.54 * 72) == out
    True
    """
    if not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG that starts with its header (IHDR)")
    width_px = struct.unpack(">I", png[16:20])[0]
    per_metre = round(width_px / (width_pt / 72 * 0.0254))
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    chunks, pos = [], 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        end = pos + 12 + length
        if end > len(png):
            raise ValueError(f"PNG chunk at byte {pos} runs past the end of the file")
        if png[pos + 4:pos + 8] != b"pHYs":
            chunks.append(png[pos:end])
        pos = end
    return _PNG_SIGNATURE + chunks[0] + chunk + b"".join(chunks[1:])


_SVG_SIZE_RE = re.compile(r'^(<svg [^>]*?)width="([\d.]+)" height="([\d.]+)"')


def svg_print_size(svg: str, width_pt: float, height_pt: float) -> str:
    """The SVG with its root's width and height in points (``453.54pt``); its viewBox, the layout's pixels, stays.

    >>> svg_print_size('<svg class="main-svg" width="900" height="600" viewBox="0 0 900 600"><g/></svg>', 453.5433, 302.36)
    '<svg class="main-svg" width="453.54pt" height="302.36pt" viewBox="0 0 900 600"><g/></svg>'
    """
    m = _SVG_SIZE_RE.match(svg)
    if m is None:
        raise ValueError("the SVG does not start with <svg ... width=... height=...> as plotly.js writes it")
    return f'{m.group(1)}width="{width_pt:.2f}pt" height="{height_pt:.2f}pt"' + svg[m.end():]
