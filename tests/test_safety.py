"""Safety: a quote holding HTML or a script shows as text, and nothing connects to the network.

A sixth article whose text holds ``<script>alert(1)</script>`` and ``<b>...</b>`` is added to a temporary copy
of the dataset (with ``timeline add-article``'s function) and curated into one record whose quote, summary,
title and flag note carry markup. Every chart of :data:`timeline.charts.CHARTS` (what the notebooks show), the
tables the notebooks display, and the exported HTML and index page must carry the markup escaped, never live.

The network test patches :meth:`socket.socket.connect` (and name lookups) so that any connection to a
non-loopback address is recorded and refused, then loads, validates, checks coverage, builds every chart and
exports HTML (and, where a browser is installed, the static formats: kaleido talks to Chromium over loopback).
The Chromium subprocess itself is outside Python's socket module; the exported pages are checked to load no
remote script instead.
"""

from __future__ import annotations

import ipaddress
import re
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest
import yaml

from timeline.export.formats import PRIVATE_CHROMIUM_FLAGS
from timeline import load_dataset, load_events, load_tables
from timeline.cli import main
from timeline.curate import add_article

ARTICLE = ("<b>Angriff</b> in Kursk\n"
           "Ein Sprecher sagte am 18. Oktober: <script>alert(1)</script> <b>5.000 Soldaten</b> seien entsandt worden.\n")
QUOTE = "Ein Sprecher sagte am 18. Oktober: <script>alert(1)</script> <b>5.000 Soldaten</b> seien entsandt worden."
LIVE = ("<script>alert(1)</script>", "<b>5.000 Soldaten</b>", "<script>alert(2)</script>", "<i>markup</i>")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def html_dataset(tmp_path_factory) -> Path:
    """A copy of the dataset with the sixth, markup-laden article and its record, built once for this module's
    tests, which read it and never change it."""
    from timeline import paths

    tmp_path = tmp_path_factory.mktemp("html-dataset")
    dataset_copy = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, dataset_copy, ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(paths.SEEDS_DIR, tmp_path / "seeds")
    article = tmp_path / "markup.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    added = add_article(article, dataset_copy.parent / "seeds", dataset_copy)
    text = added.metadata.read_text(encoding="utf-8")
    filled = {"title": "'<b>Angriff</b> in Kursk'", "outlet": "dpa", "outlet_evidence": "'<i>markup</i> test'",
              "language": "de", "published_date": "2024-10-20", "published_earliest": "2024-10-20",
              "published_latest": "2024-10-20", "published_precision": "day",
              "published_evidence": "A test article.", "agencies_cited": "[dpa]"}
    for key, value in filled.items():
        text = re.sub(rf"(?m)^{key}: .*$", f"{key}: {value}", text)
    added.metadata.write_text(text, encoding="utf-8")
    record = {
        "id": f"r{added.seed.name[:3]}-01", "claim_type": "troop_count", "stance": "reports",
        "claimant": "Lloyd Austin", "outlet": "article", "quote": QUOTE, "quote_start": ARTICLE.index(QUOTE),
        "stated": {"expr": "am 18. Oktober"}, "count": {"expr": "5.000", "unit": "soldiers"},
        "summary_en": "A spokesman is quoted as saying <b>5,000</b> soldiers were sent <script>alert(2)</script>.",
        "flags": [{"type": "unverified", "field": "claimant", "note": "<i>markup</i> in a note",
                   "evidence": "<script>alert(2)</script>"}],
    }
    added.records.write_text(yaml.safe_dump({"seed": added.seed.name, "records": [record]}, allow_unicode=True,
                                            sort_keys=False), encoding="utf-8")
    result = load_dataset(dataset_copy)
    assert result.errors == [], [str(e) for e in result.errors]
    return dataset_copy


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)
    elif hasattr(obj, "tolist"):
        yield from _strings(obj.tolist())


def test_markup_in_a_quote_is_escaped_in_every_chart(html_dataset):
    from timeline.charts import CHARTS

    frame = load_events(html_dataset)
    assert QUOTE in set(frame["quote"])
    escaped_in = []
    for name, spec in CHARTS.items():
        strings = list(_strings(spec.build(frame).to_plotly_json()))
        for s in strings:
            for live in LIVE:
                assert live not in s, (name, s[:300])
        if any(ESCAPED in s for s in strings):
            escaped_in.append(name)
    # the record is drawn, with its quote as text, where records are hovered
    assert {"deployments", "statements"} <= set(escaped_in), escaped_in


def test_markup_is_escaped_in_the_tables_the_notebooks_show(html_dataset):
    from timeline import summaries

    frame, flags = load_tables(html_dataset)
    tables = {"frame": frame, "flag_table": summaries.flag_table(frame, flags),
              "figure_sources": summaries.figure_sources(frame)}
    for name, table in tables.items():
        html = table._repr_html_()
        for live in LIVE:
            assert live not in html, name
    row = frame[frame["quote"] == QUOTE][["record_id", "quote", "summary_en"]]
    with pd.option_context("display.max_colwidth", None, "display.max_columns", None):
        assert ESCAPED in row._repr_html_()
    assert "&lt;i&gt;markup&lt;/i&gt;" in tables["flag_table"]._repr_html_()


def test_markup_is_escaped_in_the_exported_html(guarded_html_export):
    out, _, result = guarded_html_export  # export_charts of load_tables(html_dataset), formats=["html"]
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 2 and (out / "index.html") in pages
    found = []
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        # plotly writes '<', '>', '&' and '/' in the figure's JSON as \u escapes: undo them, so that what is
        # checked is the string plotly.js receives
        text = re.sub(r"\\u00(3c|3e|26|2f)", lambda m: bytes.fromhex(m.group(1)).decode(), raw)
        for live in LIVE:
            assert live not in raw and live not in text, (page.name, live)
        if ESCAPED in text:
            found.append(page.name)
    assert {"deployments.html", "statements.html"} <= set(found), found
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Angriff&lt;/b&gt; in Kursk" in index  # the article's title, in the provenance table
    assert result.written


# --------------------------------------------------------------------------- no network


class _Guard:
    """Records and refuses every connection or name lookup that leaves the machine."""

    def __init__(self):
        self.attempts: list[str] = []

    @staticmethod
    def _local(host) -> bool:
        if host in (None, "", "localhost") or str(host).endswith(".localhost"):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    @staticmethod
    def _numeric(host) -> bool:
        try:
            ipaddress.ip_address(str(host).split("%")[0])
            return True
        except ValueError:
            return False

    def install(self, monkeypatch):
        real_connect, real_connect_ex, real_getaddrinfo = (socket.socket.connect, socket.socket.connect_ex,
                                                           socket.getaddrinfo)
        guard = self

        def check(sock, address):
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not guard._local(address[0]):
                guard.attempts.append(f"connect {address!r}")
                raise OSError(f"network access attempted: {address!r}")

        def connect(sock, address):
            check(sock, address)
            return real_connect(sock, address)

        def connect_ex(sock, address):
            check(sock, address)
            return real_connect_ex(sock, address)

        def getaddrinfo(host, *args, **kwargs):
            if not guard._local(host) and not guard._numeric(host):
                guard.attempts.append(f"getaddrinfo {host!r}")
                raise OSError(f"name lookup attempted: {host!r}")
            return real_getaddrinfo(host, *args, **kwargs)

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        return self


def test_the_guard_catches_a_connection(monkeypatch):
    guard = _Guard().install(monkeypatch)
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: never routed
    with pytest.raises(OSError, match="name lookup attempted"):
        socket.getaddrinfo("example.org", 80)
    assert len(guard.attempts) == 2


def _run_everything(data: Path, out: Path, formats, capsys=None, charts=None):
    from timeline.charts import CHARTS
    from timeline.export import export_charts

    result = load_dataset(data)
    assert result.errors == []
    assert main(["validate", str(data)]) == 0
    main(["coverage", "--data", str(data)])
    if capsys is not None:
        capsys.readouterr()
    # the charts exported built (with the flags, as the export builds them), and the export draws these figures;
    # every chart is built by the HTML test, under the same guard (the static test built all eight again: 1.2 s)
    figures = {name: spec.build(result.frame, result.flags) for name, spec in (charts or CHARTS).items()}
    return export_charts(result.frame, out, formats=formats, flags=result.flags, charts=charts, figures=figures,
                         echo=None)


@pytest.fixture(scope="module")
def guarded_html_export(html_dataset, tmp_path_factory):
    """The markup dataset loaded, validated, its coverage checked, every chart built and exported as HTML, all
    under the socket guard, once for the two tests that read it (each was an HTML export of its own, 3 s):
    (the export's folder, the guard's attempts, the export's result)."""
    out = tmp_path_factory.mktemp("guarded") / "reports"
    with pytest.MonkeyPatch.context() as monkeypatch:
        guard = _Guard().install(monkeypatch)
        result = _run_everything(html_dataset, out, ["html"])
    return out, guard.attempts, result


def test_load_validate_charts_and_html_export_make_no_network_connection(guarded_html_export):
    out, attempts, _ = guarded_html_export
    assert attempts == []
    assert len(list(out.glob("*.html"))) >= 2  # the pages checked below were written under the guard
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", text), page.name
        assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", text), page.name


def test_the_static_exports_browser_is_started_to_resolve_no_host_and_fetch_nothing(monkeypatch):
    """What the static export's browser is told, without starting it (the network tests below start it, watched
    by the socket guard and by strace, and run in ``make bench``): :func:`render_images` adds every flag of
    :data:`PRIVATE_CHROMIUM_FLAGS` to the command line choreographer builds for kaleido's Chromium before the
    browser starts, once each, and those flags map every host name but localhost to nothing and turn off
    background networking and the update, sync and safe-browsing pings."""
    from types import SimpleNamespace

    import kaleido
    from choreographer.browsers.chromium import Chromium

    from timeline.export.formats import render_images

    class Started(Exception):
        """kaleido asked to start its browser: the command line is set by then."""

    def start(*args, **kwargs):
        raise Started

    monkeypatch.setattr(Chromium, "get_cli", lambda self: [str(self.path), "--headless", "--no-first-run"])
    monkeypatch.setattr(kaleido, "Kaleido", start)
    with pytest.raises(Started):
        render_images([], None, started=lambda seconds: None, done=lambda path, seconds: None)
    cli = Chromium.get_cli(SimpleNamespace(path="/usr/bin/chromium"))
    assert cli[:3] == ["/usr/bin/chromium", "--headless", "--no-first-run"]  # choreographer's own, kept
    assert sorted(cli[3:]) == sorted(f for f in PRIVATE_CHROMIUM_FLAGS if f != "--no-first-run")  # once each
    rules = next(f for f in cli if f.startswith("--host-resolver-rules="))
    assert rules.split("=", 1)[1].split(" , ") == ["MAP * ~NOTFOUND", "EXCLUDE localhost", "EXCLUDE 127.0.0.1",
                                                   "EXCLUDE [::1]"]
    for flag in ("--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pings",
                 "--dns-prefetch-disable"):
        assert flag in cli, flag
    assert "SafeBrowsing" in next(f for f in cli if f.startswith("--disable-features=")).split("=", 1)[1].split(",")


@pytest.mark.heavy
@pytest.mark.slow
@pytest.mark.browser
def test_static_export_makes_no_network_connection(dataset_copy, tmp_path, monkeypatch, capsys):
    from timeline.export import find_browser

    assert find_browser(), "Chromium is required for this test (scripts/setup.sh installs it)"
    """The browser start and every static format, on one chart (every chart's HTML is the test above; drawing all
    seven charts again would add 20 images and no new kind of connection)."""
    from timeline.charts import CHARTS

    guard = _Guard().install(monkeypatch)
    result = _run_everything(dataset_copy, tmp_path / "reports", ["html", "png", "svg", "pdf"], capsys,
                             charts={"deployments": CHARTS["deployments"]})
    assert guard.attempts == []
    assert not result.message, result.message
    assert sorted(p.name for p in (tmp_path / "reports").glob("deployments.*")) == sorted(
        [f"deployments.{f}" for f in ("html", "pdf", "png", "svg")] + [f"deployments.slide.{f}" for f in ("pdf", "png", "svg")])


@pytest.mark.heavy
@pytest.mark.slow
@pytest.mark.browser
def test_markup_in_a_quote_shows_as_text_when_hovered_in_chromium(html_dataset, tmp_path):
    """The exported chart, opened in headless Chromium: hovering the record shows its markup as text, runs no
    script (no alert dialog) and makes nothing bold."""
    from playwright.sync_api import sync_playwright

    from timeline.charts import CHARTS
    from timeline.export import export_charts, find_browser

    browser = find_browser()
    assert browser, "Chromium is required for this test (scripts/setup.sh installs it)"
    frame = load_events(html_dataset)
    out = tmp_path / "reports"
    fig = CHARTS["deployments"].build(frame)
    # the page of the chart opened below (every chart's page is checked for escaped markup above)
    export_charts(frame, out, formats=["html"], charts={"deployments": CHARTS["deployments"]},
                  figures={"deployments": fig}, echo=None)
    curve, point = next((i, j) for i, t in enumerate(fig.data) if t.hovertext is not None
                        for j, h in enumerate(t.hovertext) if ESCAPED in str(h))
    dialogs: list[str] = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=browser,
                                      args=["--no-sandbox", "--disable-gpu", *PRIVATE_CHROMIUM_FLAGS])
        try:
            page = chromium.new_context(offline=True).new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto((out / "deployments.html").as_uri())
            page.wait_for_selector("#deployments .main-svg", timeout=30_000)
            page.evaluate(f"Plotly.Fx.hover('deployments', [{{curveNumber: {curve}, pointNumber: {point}}}])")
            page.wait_for_selector("#deployments .hoverlayer .hovertext", timeout=10_000)
            shown = page.locator("#deployments .hoverlayer").text_content()
            bold = page.locator("#deployments .hoverlayer tspan[style*='bold']").all_text_contents()
        finally:
            chromium.close()
    assert "<script>alert(1)</script>" in shown and "<b>5.000 Soldaten</b>" in shown
    assert dialogs == []
    assert any("Lloyd Austin" in b for b in bold), bold  # the hover's own <b> (the claimant) is bold ...
    assert not any("5.000 Soldaten" in b for b in bold), bold  # ... the quote's is not
