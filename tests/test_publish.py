"""Publishing (issue 15): the sizes of the static exports, the index page to send a colleague, the records table.

No browser here: the PNG/SVG/PDF agreement and the phone-width check of the index use the one full export of
tests/test_export.py (its ``exported`` fixture).
"""

from __future__ import annotations

import hashlib
import html
import json
import re

import pandas as pd
import pytest

from chart_frames import font_sizes
from timeline import charts, export, load_tables
from timeline.charts import CHARTS
from timeline.export.formats import SIZES, _modebar_room
from timeline.records_table import NO_FIGURE, RecordsTable, records_page


def below_modebar(fig):
    """The oracle of the pages' figures (timeline.export.formats.page_dict, which writes the dict directly): the
    figure built again with its headline moved below the modebar by plotly's own update_layout, taller by that."""
    import plotly.graph_objects as go

    title = fig.layout.title
    need = _modebar_room(title.to_plotly_json())
    if need <= 0:
        return fig
    out = go.Figure(fig.to_dict())  # go.Figure(fig) would reorder the trace keys
    out.update_layout(title=dict(pad=dict(t=(title.pad.t or 0) + need)),
                      margin=dict(t=(fig.layout.margin.t or 0) + need))
    if fig.layout.height:
        out.update_layout(height=fig.layout.height + need)
    return out


@pytest.fixture(scope="module")
def tables():
    return load_tables()


@pytest.fixture(scope="module")
def figures(project_figures):
    """Every chart built from the project's records and flags (the session's: conftest's ``project_figures``,
    ``spec.build(frame, flags)``), for the two tests that read them (a build of all eight costs a second and a
    half); that neither changed one is checked at the end."""
    built = {name: project_figures(name) for name in CHARTS}
    before = {name: fig.to_json() for name, fig in built.items()}
    yield built
    changed = [name for name, fig in built.items() if fig.to_json() != before[name]]
    assert not changed, f"a test changed the shared figures {changed}: give it figures of its own"


def test_each_size_prints_every_text_at_8_pt_or_more(figures, project_slides):
    """The column printed 16 cm wide and the slide shown at 13.33 in (widescreen): no text below 8 pt."""
    assert [s.name for s in SIZES] == ["column", "slide"]
    slide_widths = set()
    for spec in CHARTS.values():
        column = charts.for_print(figures[spec.name])  # a new figure: the shared one is left alone
        slide = project_slides[spec.name]  # export.slide_figure(spec, frame, flags): what the slide draws, shared
        for size in SIZES:
            fig = charts.for_print(slide) if size.aspect and slide is not None else column
            layout = fig.to_dict()["layout"]
            found = list(font_sizes(layout)) + [("font", layout["font"]["size"])]
            own = export.static_size(fig, spec)
            w, h = size.layout_size(own)
            smallest = min(found, key=lambda p: p[1])
            assert size.points(smallest[1], w) >= 8, (spec.name, size.name, smallest, w)
            if size.aspect:  # a slide shown 960 pt wide: every text 12 pt or more (16 px at 1,536 px was 10 pt)
                assert size.points(smallest[1], w) >= 12, (spec.name, smallest, w)
            if size.aspect:
                assert (w * 9, round(w * size.png_scale(w))) == (h * 16, 1920), (spec.name, w, h)
                if slide is not None:  # laid out for the slide: its headline reads at 20 pt or more
                    assert size.points(layout["title"]["font"]["size"], w) >= 20, (spec.name, w)
                slide_widths.add(w)
    assert len(slide_widths) == 1, slide_widths  # one slide scale for a deck (casualties was at 1280, others 1536)


def test_slide_layout_is_16_9_and_bounded():
    slide = SIZES[1]
    for height in (100, 720, 759, 1000, 1080, 5000):
        w, h = slide.layout_size((900, height))
        assert w * 9 == h * 16 and h in (720, 864, 1080) and h >= min(height, 1080)
        assert slide.points(16, w) >= 12 or height > 720  # a chart laid out for the slide (720 high): 12 pt
        assert (w * slide.png_scale(w)).is_integer() and w * slide.png_scale(w) == 1920  # no pixel lost
    assert SIZES[0].layout_size((900, 759)) == (900, 759)
    assert {s.file_name("a", "png") for s in SIZES} == {"a.png", "a.slide.png"}


def test_index_is_a_page_to_send(html_export, tables, figures):
    frame, flags = tables
    page = (html_export / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<h1>(.*?)</h1>", page).group(1)
    # the case's title, whole and once: no suffix repeats its words ('Claims on ...: claims in ...')
    assert title == html.escape(frame.attrs["case"]["title"])
    assert re.search(r"<title>(.*?)</title>", page).group(1) == title
    words_of_title = re.findall(r"[a-z]+", html.unescape(title).lower())
    assert len(words_of_title) == len(set(words_of_title)), title
    assert "claims from 5 German-language news articles, curated by hand" in page
    # the page reads its charts and data from beside it, and says so to whoever sends it on
    assert "send the whole folder (zipped)" in page
    # the contents list leads to a heading or section of the page each
    for target in re.findall(r'<nav>.*?</nav>', page, flags=re.S)[0].split('href="#')[1:]:
        assert f'id="{target.split(chr(34))[0]}"' in page, target
    # the findings: each chart's headline, said once in the page's words (the chart draws it once more, in its
    # figure; the section's heading is the chart's title); the caveats: those of the README, in full
    words = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    for name, spec in CHARTS.items():
        headline = html.unescape(figures[name].layout.title.text.replace("<br>", " "))
        assert words.count(html.escape(headline)) == 1, (name, words.count(html.escape(headline)))
        assert headline != spec.title and words.count(f"<h3>{html.escape(spec.title)}</h3>") == 1, name
    assert "<strong>These are relays, not primary sources.</strong>" in page
    assert "<strong>Five articles are a small, uneven sample</strong>" in page
    # every chart drawn in the page from its own figure, with the modebar that uploads nothing
    for name, spec in CHARTS.items():
        data = re.search(rf'<script type="application/json" id="figure-{name}">(.*?)</script>', page, re.S).group(1)
        # the chart's figure, its headline below the modebar's row as on the chart's own page
        assert json.loads(data.replace("<\\/", "</")) == json.loads(below_modebar(figures[name]).to_json()), name
        config = json.loads(re.search(rf'id="config-{name}">(.*?)</script>', page).group(1))
        assert config["showSendToCloud"] is False and config["responsive"] is True
        # on a phone, the phone version its own page draws there (not the column figure shrunk; issue 15)
        assert f'data-figure="figure-{name}" data-phone="phone-{name}"' in page, name
        phone = re.search(rf'<script type="application/json" id="phone-{name}">(.*?)</script>', page, re.S).group(1)
        own = (html_export / f"{name}.html").read_text(encoding="utf-8")
        own_phone = re.search(r"var phone = (.*?);\nif \(window\.innerWidth < (\d+)\)", own, re.S)
        assert json.loads(phone.replace("<\\/", "</")) == json.loads(own_phone.group(1).replace("<\\/", "</"))
        smallest = min(size for _, size in font_sizes(json.loads(phone.replace("<\\/", "</"))["layout"]))
        assert smallest >= 16, (name, smallest)  # drawn 1:1 on a phone: CSS pixels
    # the page and the chart pages switch to the phone version below the same width
    assert f'window.matchMedia("(max-width: {charts.PHONE_BREAK - 1}px)")' in page
    assert own_phone.group(2) == str(charts.PHONE_BREAK)
    # offline: no script or stylesheet from elsewhere, no address of another host
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page) and "cdn" not in page.lower()
    assert re.findall(r"<script[^>]*\bsrc=", page) == []  # plotly.min.js is loaded by the page's own script
    assert 's.src = "plotly.min.js"' in page


def test_index_offers_the_data_with_size_and_sha256(html_export, tables):
    frame, _ = tables
    page = (html_export / "index.html").read_text(encoding="utf-8")
    events = (html_export / "events.csv").read_bytes()
    assert hashlib.sha256(events).hexdigest() == export.provenance(frame).data_sha256  # the frame the charts show
    for name in ("events.csv",):
        data = (html_export / name).read_bytes()
        item = re.search(rf'<li><a href="{re.escape(name)}" download>.*?</li>', page, re.S)
        assert item, name
        assert hashlib.sha256(data).hexdigest() in item.group(0), name
        kb = f"{len(data) / 1024:.1f} KB" if len(data) >= 1024 else f"{len(data)} bytes"
        assert f"({kb})" in item.group(0), (name, kb)
    assert 'href="records.html"' in page and (html_export / "records.html").is_file()
    assert "timelinejs.json" in page and 'href="timelinejs.json"' not in page  # named; its bytes are not the export's


def test_records_table_holds_every_record_in_date_order_with_every_filter(tables):
    frame, _ = tables
    table = RecordsTable(frame)
    page = table.html()
    ids = re.findall(rf'<tr class="tlr-row [^"]*" id="{table.id}-([^"]+)"', page)
    assert sorted(ids) == sorted(frame["record_id"]) and len(ids) == len(frame)
    by_id = frame.set_index("record_id")
    ends = [by_id.loc[i, "stated_end"] for i in ids]
    assert ends == sorted(ends)  # by the latest possible day it was said, not by the EDTF string
    edtf_order = list(frame.sort_values("stated_edtf", kind="mergesort")["record_id"])
    assert ids != edtf_order
    for rid in ids:  # the quote and the English summary in full, every flag's note
        row = by_id.loc[rid]
        assert html.escape(str(row["quote"])) in page and html.escape(str(row["summary_en"])) in page, rid
        for note in str(row["flag_notes"] or "").split(" | "):
            assert html.escape(note.strip()) in page, (rid, note)
    assert "../" not in re.sub(r"<td><span lang=\"de\">.*?</span></td>", "", page)  # no EDTF code shown
    # a filter for every claimant, unit and stance, each hiding the rows of the others
    for group, values in (("c", frame["claimant_name"]), ("s", frame["stance"]),
                          ("u", frame["count_unit"].fillna(NO_FIGURE))):
        for i, value in enumerate(sorted(set(values)) if group != "s" else
                                  [s for s in ("confirms", "denies", "assesses", "forecasts", "reports")
                                   if s in set(values)]):
            if group == "u":
                i = list(table.units).index(value)
            box = f"{table.id}-{group}{i}"
            assert f'id="{box}"' in page, (group, value)
            assert f":has(#{box}:checked) tr.tlr-row:not(.{group}{i}) {{ display: none; }}" in page
            n = sum(1 for v in values if v == value)
            assert len(re.findall(rf'<tr class="tlr-row [^"]*\b{group}{i}\b', page)) == n, (group, value)
    months = sorted({pd.Timestamp(v).strftime("%Y-%m") for v in frame["stated_end"]})
    assert len(table.months) == len(months) and f'id="{table.id}-f{len(months) - 1}"' in page
    # each article named so that a reader can find it: its publisher, else its headline (it said "unknown")
    assert "unknown, published" not in page
    for title in frame.loc[frame["article_outlet"] == "unknown", "article_title"].unique():
        assert f"„{html.escape(title)}“</span> (no publisher named), published" in page, title
    # offline and script-free: it filters in an untrusted notebook's sanitiser as far as that allows
    assert "<script" not in page and not re.search(r"(https?:)?//", page)


def test_records_table_is_deterministic_and_a_page_for_a_phone(tables):
    frame, _ = tables
    assert RecordsTable(frame).html() == RecordsTable(frame.iloc[::-1].reset_index(drop=True)).html()
    page = records_page(frame, "Every record")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width: 48rem)" in page
