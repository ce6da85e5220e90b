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
from timeline import charts, export, load_tables, schema
from timeline.charts import CHARTS
from timeline.export.formats import SIZES, _modebar_room
from timeline.headlines import UNKNOWN_OUTLET
from timeline.records_table import NO_FIGURE, RecordsTable, records_page
from timeline.summaries import published_words


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
        # a chart with nothing to draw is not drawn: its headline is said again in its place (review 9, major 10)
        said = 2 if spec.empty_note is not None and not figures[name].data else 1
        assert words.count(html.escape(headline)) == said, (name, words.count(html.escape(headline)))
        assert headline != spec.title and words.count(f"<h3>{html.escape(spec.title)}</h3>") == 1, name
    assert "<strong>These are relays, not primary sources.</strong>" in page
    assert "<strong>Five articles are a small, uneven sample</strong>" in page
    # every chart drawn in the page from its own figure, with the modebar that uploads nothing
    for name, spec in CHARTS.items():
        if spec.empty_note is not None and not figures[name].data:
            continue  # nothing to draw: a sentence in its place (test_a_chart_with_nothing_to_draw_is_a_sentence)
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
    # review 10, major 12: the page named package/ and timelinejs.json, which the export does not write (premise of
    # the old assertion "named, not linked" changed): the page names no file that is not in the folder
    assert "timelinejs.json" not in page and "package/" not in page and "make all" not in page


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
        # every flag's note and evidence in full, named by its vocabulary label, not its id (review 9, minor)
        kinds = [k.strip() for k in str(row["flags"] or "").split(";") if k.strip()]
        for kind, note in zip(kinds, [n for n in str(row["flag_notes"] or "").split(" | ") if n.strip()]):
            text, _, evidence = note.strip().partition(" Evidence: ")
            assert html.escape(text.split(": ", 1)[1]) in page and html.escape(evidence) in page, (rid, note)
            assert f"<b>{html.escape(schema.attribute('flag_type', kind, 'label').capitalize())}</b>" in page
            assert f"<li>{kind} (" not in page and f"<li>{kind}:" not in page, (rid, kind)
    assert "../" not in re.sub(r"<td><span lang=\"de\">.*?</span></td>", "", page)  # no EDTF code shown
    # a filter for every claimant, unit and stance, each hiding the rows of the others
    # (a claimant by the one name the charts write, the short form where declared: premise changed, review 9 major 7)
    from timeline.headlines import reader_frame
    for group, values in (("c", reader_frame(frame)["claimant_name"]), ("s", frame["stance"]),
                          ("u", frame["count_unit"].fillna(NO_FIGURE))):
        for i, value in enumerate(sorted(set(values)) if group != "s" else
                                  [s for s in ("confirms", "denies", "assesses", "forecasts", "reports")
                                   if s in set(values)]):
            if group == "u":
                i = list(table.units).index(value)
            box = f"{table.id}-{group}{i}"
            assert f'id="{box}"' in page, (group, value)
            # a box ticked in the filter, not this one: this value's rows hidden (several may be ticked)
            assert (f"#{table.id}:has(input.tlr-{group}:checked):not(:has(#{box}:checked)) tr.tlr-row.{group}{i} "
                    "{ display: none; }") in page
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


def test_records_filters_take_several_choices_and_fit_a_phone(tables):
    """Review 9, major 17: on a phone the filter rows ran off the screen (one row of choices each, scrolled
    sideways) and only one of 27 claimants could be chosen. Claimant, unit and stance are check boxes (several
    ticked: the records of any of them), each filter a block closed until opened, its choices wrapped to the width;
    no rule of the page lets a filter or a cell be wider than the screen."""
    frame, _ = tables
    table = RecordsTable(frame)
    page = records_page(frame, "Every record")
    for key, n in (("c", len(table.claimants)), ("u", len(table.units)), ("s", len(table.stances))):
        boxes = re.findall(rf'<input type="checkbox" class="tlr-pick tlr-{key}" name="{table.id}-{key}" '
                           rf'id="{table.id}-{key}\d+">', page)
        assert len(boxes) == n, (key, len(boxes), n)
    assert f'type="radio" name="{table.id}-c"' not in page  # no single-choice claimant filter left
    assert page.count("<details><summary>") == 5 and '<button type="reset">' in page  # five filters, one reset
    css = "\n".join(re.findall(r"<style>(.*?)</style>", page, flags=re.S))
    assert "nowrap" not in css and "overflow-x" not in css  # nothing scrolls sideways
    assert re.search(r"fieldset \{[^}]*flex-wrap: wrap", css)  # the choices wrap to the width
    assert re.search(r"fieldset label \{[^}]*overflow-wrap: anywhere", css)  # a long name breaks in its label
    assert re.search(r"td, #tlr-[0-9a-f]+ th \{[^}]*overflow-wrap: anywhere", css)  # so does a long word in a cell
    assert not re.search(r"(?<![-\w])(min-)?width: *\d+(px|rem|em)", css)  # no fixed width wider than a phone


def _words_of(page: str) -> str:
    """The page's text as a reader sees it: no scripts (the figures' JSON), no style, no tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_a_chart_with_nothing_to_draw_is_a_sentence_in_the_index(html_export, tables, figures):
    """Review 9, major 10: the disagreements chart was drawn empty (one sentence and blank space) beside casualties,
    where more than 1,000 and more than 3,000 share day and unit. In its place the index says the rule it searched
    with and why that pair does not conflict, computed from the records; the chart's files stay linked."""
    frame, _ = tables
    assert not figures["disagreements"].data  # nothing to draw in this case
    page = (html_export / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section id="disagreements">(.*?)</section>', page, re.S).group(1)
    assert 'class="live"' not in section and "<img" not in section and 'id="figure-disagreements"' not in page
    note = re.search(r'<p class="nothing-drawn">(.*?)</p>', section, re.S).group(1)
    candidates = charts.disagreement_candidates(frame)
    said = html.unescape(re.sub(r"<[^>]+>", "", note))
    assert said.startswith(charts.NO_DISAGREEMENT + ".")
    assert f"compared the {len(candidates)} reported totals" in said
    assert f"of {candidates['claimant_group'].nunique()} claimants" in said
    pairs = charts.comparable_pairs(frame)
    assert len(pairs) == 1 and bool(pairs["agree"].all())  # the casualty pair, no conflict
    by_id = frame.set_index("record_id")
    for rid in (pairs.loc[0, "record_a"], pairs.loc[0, "record_b"]):
        assert charts.headlines.number(by_id.loc[rid], spelled=True) in said, rid
    assert "are both lower bounds, so a figure that meets the higher (more than 3,000) meets both" in said
    assert 'href="disagreements.html"' in section  # the chart file, for those who link to it
    assert (html_export / "disagreements.html").is_file()


def test_the_note_on_no_disagreement_says_why_each_pair_agrees():
    """The reason is computed from the figures: two lower bounds, two upper bounds, or a figure an open bound
    holds; no pair at all is said too. Fictional frames, no case words."""
    from chart_frames import frame as make, row

    other = dict(claimant="ua_gov", claimant_name="Ukraine (test)", claimant_group="ua_gov")
    lower = make(row("a", count_qualifier="more_than", count_low=1000, count_best=None, count_high=None),
                 row("b", count_qualifier="at_least", count_low=3000, count_best=None, count_high=None, **other))
    note = charts.no_disagreement_note(lower)
    assert "compared the 2 reported totals" in note and "of 2 claimants" in note
    assert "more than 1,000 (NIS, test) and at least 3,000 (Ukraine, test) soldiers on 18 Oct 2024" in note
    assert "are both lower bounds, so a figure that meets the higher (at least 3,000) meets both" in note
    upper = make(row("a", count_qualifier="up_to", count_low=None, count_best=2000, count_high=2000),
                 row("b", count_qualifier="up_to", count_low=None, count_best=5000, count_high=5000, **other))
    assert "are both upper bounds, so a figure that meets the lower (up to 2,000) meets both" in \
        charts.no_disagreement_note(upper)
    held = make(row("a", count_qualifier="at_least", count_low=3000, count_best=None, count_high=None),
                row("b", **other, count_low=12000, count_best=12000, count_high=12000))
    assert "allow one common value (12,000)" in charts.no_disagreement_note(held)
    apart = make(row("a"), row("b", **other, stated_start="2025-03-01", stated_end="2025-03-01",
                               event_end="2025-03-01", event_edtf="../2025-03-01"))
    # (premise changed, review 10, major 6: the note goes on to name the nearest pair the rule left out and why)
    note = charts.no_disagreement_note(apart)
    assert note.endswith("No two figures of different claimants count the same unit for days that overlap. The one "
                         "pair the rule left out: about 1,500 (NIS, test, 18 Oct 2024) and about 1,500 soldiers "
                         "(Ukraine, test, 1 Mar 2025) are 134 days apart, so the count may have changed between "
                         "them."), note


def test_index_says_the_findings_in_sentences_and_links_the_charts(html_export, tables):
    """Review 9, minors: the findings were the 8 headlines as links, the captions named claim types by their ids,
    the caveats named an agency (AP) that no record names, the sources table gave ISO dates."""
    frame, _ = tables
    page = (html_export / "index.html").read_text(encoding="utf-8")
    findings = re.search(r'<ul class="findings">(.*?)</ul>', page, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", findings, re.S)
    assert len(items) == len(CHARTS)
    for item, (name, spec) in zip(items, CHARTS.items()):
        text, link = re.fullmatch(r'(.*?) <span class="to-chart">\(<a href="#(\w+)">.*?</a>\)</span>', item).groups()
        assert link == name and "<a" not in text  # the sentence itself is no link; the chart's name is
        assert text.endswith(".") and text[:1] == text[:1].upper(), text
    words = _words_of(page)
    # the claim types in words (vocabulary claim_type, attribute label), never by their ids
    for value in schema.VOCABULARIES["claim_type"]:
        assert f"claim type {value}" not in words and f"the {value} records" not in words, value
    assert f"Each {schema.attribute('claim_type', 'troop_count', 'label')} claim" in words
    # which agencies carried the claims, counted from the records: AP, which an article cites, is named by none
    caveats = _words_of(re.search(r'<ul class="caveats">(.*?)</ul>', page, re.S).group(1))
    carriers = frame.loc[frame["outlet"].isin(charts.headlines.agency_ids(frame)), "outlet_name"]
    assert "AP" not in carriers.tolist() and not re.search(r"\bAP\b", caveats)
    assert all(name in caveats for name in set(carriers)), set(carriers)
    assert f"The other {len(frame) - len(carriers)} records name none" in caveats
    # one date style: no ISO day in what the reader reads (the checksums aside)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", words), re.findall(r".{30}\b\d{4}-\d{2}-\d{2}\b.{10}", words)
    assert "Latest article published: week of 4 Nov 2025." in words


def test_index_lists_the_articles_by_outlet_date_and_title_and_no_repository_path(html_export, tables):
    """Review 10, major 12: the sources table led with the seeds' file names and the page gave the repository's
    path of the data (data/processed/events.csv): a colleague has neither; every link of the page is a file of
    the folder (or a place in the page), and each article is its outlet (or "outlet unknown"), day and title."""
    frame, _ = tables
    page = (html_export / "index.html").read_text(encoding="utf-8")
    for seed in frame["seed"].unique():
        assert seed not in page and seed.rsplit(".", 1)[0] not in page, seed
    assert "data/processed" not in page and "seeds/" not in page
    for href in re.findall(r'href="([^"#][^"]*)"', page):
        assert (html_export / href).is_file(), href
    table = re.search(r'<table class="seeds">(.*?)</table>', page, re.S).group(1)
    assert re.findall(r"<th>(.*?)</th>", table) == ["Outlet", "Published", "Title", "Records"]
    rows = re.findall(r'<tr><td data-label="Outlet">(.*?)</td><td data-label="Published">(.*?)</td>'
                      r'<td data-label="Title" lang="de">(.*?)</td><td data-label="Records">(\d+)</td></tr>', table)
    prov = export.provenance(frame)
    assert len(rows) == len(prov.seeds) == frame["seed"].nunique()
    by_title = {html.unescape(title): (outlet, day, int(n)) for outlet, day, title, n in rows}
    for s in prov.seeds:
        outlet, day, n = by_title[s.title]
        assert outlet == ("outlet unknown" if s.outlet == UNKNOWN_OUTLET else html.escape(s.outlet))
        assert n == s.n_records and day == published_words(s.published_date, s.published_precision)
    assert [r[0] for r in rows].count("outlet unknown") == sum(s.outlet == UNKNOWN_OUTLET for s in prov.seeds) > 0
    dated = {s.title: s.published_date for s in prov.seeds}
    days = [dated[html.unescape(title)] for _, _, title, _ in rows]
    assert days == sorted(days)  # oldest first


def test_the_index_and_records_titles_set_a_span_of_years_with_an_en_dash(html_export):
    """Review 10, minor 21: "(2024-2025)" in the index's and the records page's titles took a hyphen."""
    for name in ("index.html", "records.html"):
        page = (html_export / name).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert re.search(r"\b\d{4}\u2013\d{4}\b", title) and not re.search(r"\b\d{4}-\d{4}\b", title), (name, title)
    f = pd.DataFrame()
    f.attrs["case"] = {"title": "Claims on Nordland (1990-1991)"}  # a case file that writes a hyphen
    assert export.index_title(f) == "Claims on Nordland (1990\u20131991)"


def test_tooltips_name_the_article_by_outlet_and_date_not_its_file(figures, tables):
    """Review 9, minor: tooltips ended in the article's file name ("(004_fe036ef62c900f82.txt)")."""
    frame, _ = tables
    for name, fig in figures.items():
        text = fig.to_json()
        for seed in frame["seed"].unique():
            assert seed not in text and seed.rsplit(".", 1)[0] not in text, (name, seed)


def test_the_records_pages_short_names_are_folded_closed_above_the_table():
    """The definitions of the short names (some thirty) fill a phone's screen above the first record when shown
    open (review 10, minor 22): they sit in a closed <details> whose summary says how many there are, before the
    filters, and every definition is still in the page."""
    import re

    from timeline import load_tables
    from timeline.records_table import RecordsTable

    frame, _flags = load_tables()
    table = RecordsTable(frame)
    page = table.html()
    folded = re.search(r'<details class="tlr-names"><summary>Short names \((\d+)\)[^<]*</summary><p>(.*?)</p>'
                       r"</details>", page, re.S)
    assert folded, "the short names are not folded in a <details>"
    assert int(folded.group(1)) == len(table.defined) > 0
    assert " open" not in page[folded.start():folded.start() + 40]  # closed until opened
    assert all(f"{n}: " in html.unescape(folded.group(2)) for n in table.defined)
    assert page.index('class="tlr-names"') < page.index('class="tlr-filters"') < page.index("<table>")
