"""The sources table and the carriers chart (issue 15, review 9 majors 11 and 12, and a minor): a claim written in
full at every size, one reading per name in the carriers chart, the phone's lines as wide as its list."""

from __future__ import annotations

import html
import re

import pytest
from chart_frames import exported_figures

from timeline import charts


@pytest.fixture(scope="module")
def sizes(html_export, project_slides):
    """{chart: {size: (traces, layout)}} as plain JSON: the column and the phone figure as the session's HTML
    export draws them, the session's slide (no figure built here)."""
    out = {}
    for name in ("independent_sources", "source_flow"):
        page = (html_export / f"{name}.html").read_text(encoding="utf-8")
        data, layout, phone = exported_figures(page)
        slide = project_slides[name].to_plotly_json()
        out[name] = {"column": (data, layout), "phone": (phone["data"], phone["layout"]),
                     "slide": (slide["data"], slide["layout"])}
    return out


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(text).replace("<br>", " "))).split())


def test_no_claim_of_the_sources_table_is_cut_at_any_size(sizes):
    """On the slide the second claim stopped mid-sentence ('...would be a legal step if…'): every claim of the
    table is drawn in full (wrapped, never cut) in the column, on the phone and on the slide, and no line of the
    table or of its list of lone figures ends in an ellipsis."""
    for size, (data, _) in sizes["independent_sources"].items():
        column = next(t for t in data if t.get("meta") == "sources-column" and t.get("name") == "claim")
        # the cell as drawn is the table's claim (its tooltip's text, summaries.claim_sources) line for line
        drawn, claims = [_plain(v) for v in column["text"]], [_plain(v) for v in column["hovertext"]]
        assert drawn == claims and any(len(c) > 90 for c in claims), (size, drawn)  # one longer than the old cut
        # no claim, no lone figure cut with an ellipsis, at a line's end or inside it
        cut = [v for t in data if t.get("meta") in ("sources-column", "sources-block") for v in t["text"] if "…" in v]
        assert not cut, (size, cut)


def test_the_carriers_chart_gives_each_name_one_reading(sizes):
    """'The article itself (no source named)' was both the heading of the block of records that name no carrier
    and a claimant row in it (the article's own claims): at every size a block's heading names no claimant row
    of the chart; a carrier's own report says so ('Reuters (its own report)'), not 'via Reuters: Reuters'."""
    for size, (data, layout) in sizes["source_flow"].items():
        heads = [_plain(a["text"]).split(":")[0].strip() for a in layout["annotations"]
                 if a.get("name") == "block-header"]
        carriers = {h.removeprefix("via ") for h in heads}
        rows = [_plain(v) for t in data if t.get("meta") in ("marker", "remainder") for v in t["text"]]
        names = {r.split(":")[0].strip() for r in rows}
        assert any(n.startswith("The article itself") for n in names)  # the premise: the article is a claimant
        assert not carriers & names, (size, carriers & names)
        own = [r for r in rows if r.split(":")[0].endswith("(its own report)")]
        assert own and all(r.split(" (its own report)")[0] in carriers for r in own), own


def test_the_phone_sources_table_uses_its_width(sizes):
    """On a phone the claims had 22 characters beside their month (about 60 % of the narrowest phone's plot): each
    claim takes the width the list of lone figures takes, the month on a line of its own."""
    data, _ = sizes["independent_sources"]["phone"]
    room = charts.PHONE_MIN_WIDTH - 40  # the narrowest phone's plot
    widest = {t["name"]: max(charts.text_width(_plain(line), charts._MIN_FONT) for v in t["text"]
                             for line in str(v).split("<br>"))
              for t in data if t.get("meta") in ("sources-column", "sources-block")}
    assert widest["claim"] >= 0.8 * widest["on one source"] and widest["claim"] >= 0.75 * room, widest
    assert max(widest.values()) <= room + 40, widest  # and no line runs past a phone's width
