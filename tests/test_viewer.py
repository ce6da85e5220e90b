"""The offline TimelineJS viewer page (timeline.viewer and ``python -m timeline viewer``).

The browser test opens the page from disk in headless Chromium (the system's, through Playwright, as
tests/test_browser_jupyterlab.py does) with the network cut off and counts the slides TimelineJS shows
against the JSON's. Marked ``browser``: without Chromium it fails, never skips. Without the npm package
(``make setup`` installs it) the page test fails and says how to get it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import cli, load_events, viewer
from timeline.timelinejs import write_timeline

from test_browser_jupyterlab import CHROMIUM_ARGS, _require_browser


@pytest.fixture(scope="module")
def page_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("viewer")
    write_timeline(load_events(), out / "timelinejs.json")
    try:
        viewer.write_viewer(out / "timelinejs.json", out / "timeline.html")
    except viewer.LibraryMissing as exc:
        pytest.fail(str(exc))
    return out


def test_page_is_deterministic_and_names_no_network_address(page_dir, tmp_path):
    again = viewer.write_viewer(page_dir / "timelinejs.json", tmp_path / "timeline.html")
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(tmp_path) for p in
                                                          viewer.viewer_outputs(tmp_path / "timeline.html")]
    for path in again:
        assert path.read_bytes() == (page_dir / path.relative_to(tmp_path)).read_bytes(), path.name
    page = (page_dir / "timeline.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page  # no CDN, no remote script or style
    assert 'src="timelinejs/js/timeline.js"' in page and 'href="timelinejs/css/timeline.css"' in page
    css = (page_dir / "timelinejs" / "css" / "timeline.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(http" not in css
    font_css = (page_dir / "timelinejs" / "css" / "fonts" / "font.default.css").read_text(encoding="utf-8")
    assert "@import" not in font_css and "url(" not in font_css
    assert str(page_dir) not in page


def test_inline_json_cannot_close_its_script_block():
    doc = {"title": {"text": {"headline": "x", "text": "</script><script>alert(1)</script><!--"}}, "events": []}
    page = viewer.viewer_html(doc)
    block = page.split('<script type="application/json" id="timeline-data">\n', 1)[1].split("\n</script>", 1)[0]
    assert "</" not in block and "<!--" not in block
    assert json.loads(block) == doc


def test_without_the_library_nothing_is_written_and_the_message_says_how(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(viewer, "library_dir", lambda root=None: tmp_path / "node_modules" / viewer.LIBRARY)
    (tmp_path / "t.json").write_text('{"events": []}', encoding="utf-8")
    code = cli.main(["viewer", "--json", str(tmp_path / "t.json"), "--out", str(tmp_path / "out" / "t.html")])
    assert code == cli.EXIT_INCOMPLETE
    err = capsys.readouterr().err
    assert "make setup" in err and "npm" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.heavy
@pytest.mark.slow
@pytest.mark.browser
def test_page_shows_every_slide_offline_in_headless_chromium(page_dir):
    from playwright.sync_api import sync_playwright

    doc = json.loads((page_dir / "timelinejs.json").read_text(encoding="utf-8"))
    n_events = len(doc["events"])
    assert n_events > 0
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_require_browser(), headless=True, args=CHROMIUM_ARGS)
        context = chromium.new_context(offline=True, viewport={"width": 1200, "height": 800})
        context.on("request", lambda request: requests.append(request.url))
        try:
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto((page_dir / "timeline.html").as_uri())
            page.wait_for_function(f"() => document.querySelectorAll('.tl-timemarker').length >= {n_events}",
                                   timeout=30_000)
            markers = page.locator(".tl-timemarker").count()
            slides = page.locator(".tl-storyslider .tl-slide").count()
            title = page.locator(".tl-slide-titleslide").count()
            headline = page.locator(".tl-slide-titleslide .tl-headline").first.text_content()
        finally:
            chromium.close()
    assert errors == []
    assert markers == n_events  # one marker on the time axis per slide of the JSON
    assert title == 1 and slides == n_events + 1  # the title slide and one slide per event
    assert headline.strip() == doc["title"]["text"]["headline"]
    outside = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert requests and outside == [], outside
    assert any(u.endswith("/timelinejs/js/timeline.js") for u in requests)
