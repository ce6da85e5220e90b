"""A second, fictional dataset in a temporary folder draws its own lanes, dates and provenance.

The charts and the export are pure functions of the frames they are given: nothing of the project's data
(``data/actors.yaml``, ``seeds/``, ``data/records/``) is read while a frame of another dataset is drawn, exported
or saved. The dataset is made up for the test (a fictional country, Nordland, in 2031).
"""

from __future__ import annotations

import re

import hashlib
from pathlib import Path

import pytest
import yaml

import timeline
from timeline import charts, export, load_tables

TEXT = ("Am 3. März 2031 sagte Verteidigungsministerin Anna Berg, 400 Soldaten seien in Nordland eingetroffen.\n"
        "Die Armee bestätigte am 4. März 2031 die Ankunft.\n")
QUOTE_1 = "Am 3. März 2031 sagte Verteidigungsministerin Anna Berg, 400 Soldaten seien in Nordland eingetroffen."
QUOTE_2 = "Die Armee bestätigte am 4. März 2031 die Ankunft."
SEED = "000_" + hashlib.sha256(TEXT.encode()).hexdigest()[:16] + ".txt"
MINISTRY = "Ministry of Defence (Nordland)"


def _write(path: Path, doc) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def nordland(tmp_path: Path) -> Path:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    (data / "records").mkdir(parents=True)
    seeds.mkdir()
    (seeds / SEED).write_text(TEXT, encoding="utf-8")
    meta = {"seed": SEED, "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "title": "Soldaten in Nordland",
            "outlet": "Nordland-Bote", "outlet_evidence": "A test article.", "language": "de"}
    (seeds / SEED.replace(".txt", ".meta.yaml")).write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        + "published_date: 2031-03-05\npublished_earliest: 2031-03-05\npublished_latest: 2031-03-05\n"
          "published_precision: day\npublished_evidence: Given by the test.\nagencies_cited: []\n", encoding="utf-8")
    _write(data / "actors.yaml", {"case": {"title": "Fictional troops in Nordland", "subject": "nl_army",
                                           "counted": "troops arriving in Nordland",
                                           "casualties_of": "the troops of Nordland"}, "actors": [
        {"id": "nl_mod", "name": MINISTRY, "short": "Ministry of Defence", "kind": "office", "country": "NL",
         "aliases": ["Ministerium"]},
        {"id": "nl_berg", "name": "Anna Berg", "kind": "person", "country": "NL", "role": "Minister of Defence",
         "member_of": "nl_mod", "aliases": ["Verteidigungsministerin Anna Berg"]},
        {"id": "nl_army", "name": "Army of Nordland", "kind": "agency", "country": "NL", "aliases": ["Armee"]},
        {"id": "article", "name": "The article itself", "kind": "media", "country": "INTL"}]})
    _write(data / "records" / SEED.replace(".txt", ".yaml"), {"seed": SEED, "records": [
        {"id": "r000-01", "claim_type": "troop_count", "stance": "reports", "claimant": "Anna Berg",
         "outlet": "article", "quote": QUOTE_1, "quote_start": 0, "stated": {"expr": "Am 3. März 2031"},
         "count": {"expr": "400", "unit": "soldiers"}, "summary_en": "Anna Berg said 400 soldiers had arrived."},
        {"id": "r000-02", "claim_type": "confirmation", "stance": "confirms", "claimant": "Armee",
         "outlet": "article", "quote": QUOTE_2, "quote_start": TEXT.index(QUOTE_2),
         "stated": {"expr": "am 4. März 2031"}, "summary_en": "The army confirmed the arrival."}]})
    return data


@pytest.fixture
def tables(nordland):
    return load_tables(nordland)


@pytest.fixture
def project_untouched(tables, monkeypatch):
    """From here on (the dataset loaded), reading the project's data is an error."""
    from timeline import names, records, seeds

    def refuse(*args, **kwargs):
        raise AssertionError("the project's data was read")

    monkeypatch.setattr(records, "load_dataset", refuse)
    monkeypatch.setattr(seeds, "load_seeds", refuse)
    monkeypatch.setattr(names.ActorRegistry, "from_yaml", refuse)


def test_the_dataset_loads(tables):
    frame, flags = tables
    assert frame["record_id"].tolist() == ["r000-01", "r000-02"] and flags.empty
    # the minister speaks for her ministry, which makes no claim of its own in this dataset
    assert frame["claimant_group_name"].tolist() == [MINISTRY, "Army of Nordland"]


def test_charts_draw_their_own_lanes_and_dates(tables, project_untouched):
    frame, flags = tables
    fig = charts.statements(frame, flags)
    # the person sits in her ministry's lane, named from this dataset's actors (not the project's)
    # (a lane's label is coloured as its actor: the words are the label less its colour tag)
    # (a long label is wrapped at a word: its line break reads as the space it replaced)
    lanes = [re.sub(r"<[^>]+>", "", t.replace("<br>", " ")) for t in fig.layout.yaxis.ticktext]
    # (premise changed, review 9 majors 5 and 14: the lane names the highlighted person who speaks in it, and
    # every size labels a lane alike, by the ministry's declared short name)
    assert lanes == ["Ministry of Defence and Anna Berg (NL)", "Army of Nordland (NL)"]
    source = next(a.text for a in fig.layout.annotations if a.name == "source")
    # (premise changed, issue 15: the source line writes the day in words and says which of the articles)
    source = source.replace("<br>", " ")
    assert "published 5 Mar 2031" in source and "from the one German-language news article," in source
    for spec in charts.CHARTS.values():
        spec.build(frame, flags)  # every chart draws from this frame alone
    latest = next(t for t in charts.latest_estimates(frame, flags).data if t.meta == "latest")
    assert list(latest.x) == [400.0] and "3 Mar 2031" in latest.y[0]  # this dataset's figure and its day


def test_export_and_save_state_this_dataset(tables, project_untouched, tmp_path):
    frame, flags = tables
    prov = export.provenance(frame)
    assert [(s.name, s.title, s.outlet, s.n_records) for s in prov.seeds] == [
        (SEED, "Soldaten in Nordland", "Nordland-Bote", 2)]
    assert prov.data_date.isoformat() == "2031-03-05"
    out = tmp_path / "reports"
    export.export_charts(frame, out, ["html"], flags=flags, echo=None)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Soldaten in Nordland" in index and "Latest article published: 5 Mar 2031" in index  # in words, not ISO
    # a page to send a colleague: this case's title, the findings (the headlines), the caveats, a phone viewport
    assert "<h1>Fictional troops in Nordland</h1>" in index and "<title>Fictional troops in Nordland</title>" in index
    # each finding a sentence, then a link to its chart (the headline as a link read as a heading, review 9)
    assert ('<li>1 reported figure for troops arriving in Nordland: 400 soldiers. <span class="to-chart">'
            f'(<a href="#deployments">{charts.CHARTS["deployments"].title}</a>)</span></li>') in index
    # this case's own carriers, counted from its records
    assert "No record names an agency or paper as carrying its claim: each stands on the article alone." in index
    assert '<h2 id="caveats">' in index and "not a verified fact" in index
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in index
    assert index.index('id="contents"') < index.index('id="findings"') < index.index('id="charts"')
    written = timeline.save(charts.statements(frame, flags), "mine", out_dir=tmp_path / "saved", formats=["html"],
                            frame=frame, echo=None)
    assert [p.name for p in written] == ["mine.html"]


def test_save_dates_the_pdf_with_this_dataset(tables, project_untouched, tmp_path, monkeypatch):
    """The PDF's date is this dataset's latest publication day (what stable_pdf_dates writes; the export's PDF test
    checks the written bytes): here the drawing is stood in for, so that no browser has to start."""
    frame, flags = tables
    drawn = {}

    def draw(images, data_date, *, started, done):
        drawn.update(formats=[i.fmt for i in images], data_date=data_date)
        for image in images:
            image.path.write_bytes(b"%PDF-1.4")
            done(image.path, 0.0)

    monkeypatch.setattr(export, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export, "render_images", draw)
    written = timeline.save(charts.deployments(frame, flags), "mine", out_dir=tmp_path, formats=["pdf"],
                            frame=frame, echo=None)
    assert drawn == {"formats": ["pdf"], "data_date": export.provenance(frame).data_date}
    assert drawn["data_date"].isoformat() == "2031-03-05" and [p.name for p in written] == ["mine.pdf"]


def test_headlines_come_from_this_case_and_this_data(tables, project_untouched):
    frame, flags = tables
    head = charts.deployments(frame, flags).layout.title.text.replace("<br>", " ")
    assert head == "1 reported figure for troops arriving in Nordland: 400 soldiers"
    statements = charts.statements(frame, flags).layout.title.text.replace("<br>", " ")
    # a finding of this case's records (it was a tally, "2 statements by 2 actors: ..."): a tie is named as one
    # an actor named as its lane names it (the ministry's lane label is its display name, which fits there); in
    # two lines of headline (review 9, major 16): these long names leave no room for the earliest dated statement,
    # which the long form names in a clause of its own
    # (premise changed, review 9 majors 5 and 14: the lane names the ministry by its short name and the minister,
    # who made the earliest dated statement: the shorter names leave the headline room for it)
    # (premise changed, review 10 minor 21: "most statements recorded", not "most cited"; "statements" said once)
    assert statements == ("Most statements recorded: Army of Nordland (NL) and Ministry of Defence (NL), 1 each of 2; "
                          "Anna Berg (NL) made the earliest dated one, 3 Mar 2031")
    assert charts.statements(frame, flags).layout.title.text.count("<br>") <= 1
    from timeline import headlines
    drawn = charts.lane_names(charts.statement_lanes(frame, fold=True), frame)
    assert headlines.statements_headline(frame, drawn=drawn).endswith(
        "; the earliest dated statement came from Anna Berg (NL), on 3 Mar 2031")
    casualties = charts.casualties(frame, flags)
    assert "the troops of Nordland" in casualties.layout.title.text  # its own noun, even with nothing to draw
    for spec in charts.CHARTS.values():
        fig = spec.build(frame, flags)
        text = " ".join([fig.layout.title.text or "", fig.layout.title.subtitle.text or ""]
                        + [a.text or "" for a in fig.layout.annotations])
        assert not any(w in text for w in ("Korea", "Russia", "NIS")), spec.name
        source = next(a.text for a in fig.layout.annotations if a.name == "source")
        assert "Nordland-Bote" in source, spec.name  # the source line names this case's article


def test_no_case_specific_words_in_the_chart_code():
    """Titles and nouns come from the case configuration: the code of the charts names no case."""
    import ast

    src = Path(charts.__file__).parent
    files = [src / "charts.py", src / "headlines.py", src / "summaries.py", *sorted((src / "export").glob("*.py"))]
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                if any(w in node.value for w in ("Korea", "Russia", "Ukrain", "NIS", "Kim Jong")):
                    found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert found == []
