"""The width of a text in the suite's chart font (Arial; drawn as Liberation Sans where Arial is missing, which
has the same widths), from the font's advance widths: what a layout needs to know before the browser draws it.

The widths are Helvetica's (Adobe's published font metrics, in thousandths of an em), which Arial and
Liberation Sans share for these characters. A character outside the table counts as a full em, so that a text
measured here is never narrower than drawn.

>>> text_width("corrected value (footnote)", 16)  # plotly drew it 182.3 px wide in the exported SVG
182.3
"""

from __future__ import annotations

import html
import re

__all__ = ["text_width"]

#: Advance widths of the printable ASCII characters, space (32) to tilde (126), in thousandths of an em.
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p to ~
)
#: Further characters the charts draw (dashes, quotes, signs of the figures and the keys).
_OTHER = {"–": 556, "—": 1000, "…": 1000, "„": 333, "“": 333, "”": 333, "’": 222, "≥": 549, "≤": 549,
          "→": 1000, "◄": 1000, "·": 278, "é": 556, "ê": 556, "ä": 556, "ö": 556, "ü": 556, "ß": 611}


def text_width(text: str, size: float) -> float:
    """The width in layout pixels of the widest line of ``text`` (plotly's: <br> lines, tags, entities) at font
    ``size`` pixels, rounded to a tenth of a pixel."""
    lines = [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in str(text).split("<br>")]
    def width(line: str) -> float:
        return sum(_ASCII[ord(c) - 32] if 32 <= ord(c) < 127 else _OTHER.get(c, 1000) for c in line)
    return round(max(width(line) for line in lines) * size / 1000, 1)
