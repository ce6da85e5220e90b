"""The incremental main job: skips what is unchanged, re-runs what a changed record touches, leaves nothing stale.

Run on a copy of the dataset (data/, seeds/, reports/ in a temporary folder): the steps that belong to the
repository only (the README, the notebooks) and the slow chart export are not part of the copy's job.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from timeline.package import build_package
from timeline.steps import main_steps, run_main_job

CHANGED = "mindestens 123.456"


def _outputs(root: Path) -> dict[str, bytes]:
    files = [root / "data" / "processed" / "events.csv", root / "reports" / "timelinejs.json",
             *sorted((root / "reports" / "package").glob("*"))]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def _change_one_count(data_dir: Path) -> str:
    path = sorted((data_dir / "records").glob("*.yaml"))[1]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    rec = next(r for r in doc["records"] if r.get("claim_type") == "troop_count")
    rec["count"]["corrected"] = CHANGED
    rec.setdefault("flags", []).append({"type": "corrected_count", "field": "count", "note": "changed by the test",
                                        "evidence": "tests/test_steps.py"})
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return rec["id"]


def test_unchanged_skips_a_changed_record_reruns_and_nothing_stale_is_left(dataset_copy):
    root = dataset_copy.parent
    shutil.copy2(Path(__file__).resolve().parents[1] / "CITATION.cff", root / "CITATION.cff")
    lines: list[str] = []
    names = [s.name for s in main_steps(root, export=False)]
    assert names == ["validate", "build", "package", "timelinejs"]

    first = run_main_job(root, export=False, echo=lines.append)
    assert first["ran"] == names and first["skipped"] == []
    before = _outputs(root)

    second = run_main_job(root, export=False, echo=lines.append)
    assert second["ran"] == [] and second["skipped"] == names
    assert "skipped" in lines[-1] and _outputs(root) == before

    rid = _change_one_count(dataset_copy)
    third = run_main_job(root, export=False, echo=lines.append)
    assert third["ran"] == names, "every step that reads the records re-runs"
    after = _outputs(root)
    for name in ("data/processed/events.csv", "reports/package/events.csv", "reports/package/flags.csv",
                 "reports/package/datapackage.json", "reports/timelinejs.json"):
        assert after[name] != before[name], f"{name} did not change"
    assert "123,456" in after["reports/timelinejs.json"].decode("utf-8")
    assert "changed by the test" in after["reports/package/flags.csv"].decode("utf-8")
    fresh = build_package(data_dir=dataset_copy).files  # nothing stale: the package is what a full build writes
    assert {k.split("/")[-1]: v for k, v in after.items() if k.startswith("reports/package/")} == fresh
    assert rid in after["reports/package/flags.csv"].decode("utf-8")


def test_a_changed_or_missing_output_is_written_again(dataset_copy):
    root = dataset_copy.parent
    run_main_job(root, export=False, echo=lambda _: None)
    (root / "reports" / "timelinejs.json").write_text("{}", encoding="utf-8")
    (root / "reports" / "package" / "flags.csv").unlink()
    again = run_main_job(root, export=False, echo=lambda _: None)
    assert again["ran"] == ["package", "timelinejs"]
    assert (root / "reports" / "package" / "flags.csv").is_file()
    assert (root / "reports" / "timelinejs.json").read_text(encoding="utf-8") != "{}"


def test_the_viewer_step_writes_the_page_and_without_the_library_is_retried(dataset_copy, tmp_path, capsys):
    from timeline import paths

    root = dataset_copy.parent
    names = [s.name for s in main_steps(root, export=False, viewer_lib=paths.PROJECT_ROOT)]
    assert names[-2:] == ["timelinejs", "viewer"]
    lines: list[str] = []
    first = run_main_job(root, export=False, viewer_lib=paths.PROJECT_ROOT, echo=lines.append)
    assert "viewer" in first["ran"] and (root / "reports" / "timeline.html").is_file()
    again = run_main_job(root, export=False, viewer_lib=paths.PROJECT_ROOT, echo=lines.append)
    assert again["ran"] == []

    other = tmp_path / "other"
    shutil.copytree(dataset_copy, other / "data")
    shutil.copytree(root / "seeds", other / "seeds")
    no_lib = tmp_path / "no-npm"  # a folder without node_modules/
    lines.clear()
    missing = run_main_job(other, export=False, viewer_lib=no_lib, echo=lines.append)
    assert "timelinejs" in missing["ran"] and "viewer" not in missing["ran"]
    assert "make setup" in capsys.readouterr().out and any("viewer" in x and "not done" in x for x in lines)
    assert not (other / "reports" / "timeline.html").exists() and not (other / "reports" / "timelinejs").exists()
    lines.clear()
    retried = run_main_job(other, export=False, viewer_lib=no_lib, echo=lines.append)
    assert retried["ran"] == [] and len(retried["skipped"]) == len(names) - 1
    assert any("viewer" in x and "running" in x for x in lines), "a step that could not run is tried again"


def test_a_yaml_comment_reruns_nothing_a_changed_value_does(dataset_copy):
    root = dataset_copy.parent
    shutil.copy2(Path(__file__).resolve().parents[1] / "CITATION.cff", root / "CITATION.cff")
    run_main_job(root, export=False, echo=lambda _: None)
    before = _outputs(root)
    record_file = sorted((dataset_copy / "records").glob("*.yaml"))[0]
    record_file.write_text("# a curator's note, read by nobody's loader\n" + record_file.read_text(encoding="utf-8")
                           + "\n# and one at the end\n", encoding="utf-8")
    actors = dataset_copy / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n\n# a comment\n", encoding="utf-8")
    again = run_main_job(root, export=False, echo=lambda _: None)
    assert again["ran"] == [], "only comments and blank lines changed"
    assert _outputs(root) == before
    _change_one_count(dataset_copy)
    assert run_main_job(root, export=False, echo=lambda _: None)["ran"] == [s.name for s in
                                                                              main_steps(root, export=False)]


def test_a_notebook_reads_its_source_and_the_code_it_imports(tmp_path):
    from timeline.notebooks import notebook_paths
    from timeline.steps import notebook_code

    nb = notebook_paths()[0]
    digest, code = notebook_code(nb)
    for used in ("charts.py", "records.py", "__init__.py", "notebooks.py", "lang/de.yaml", "schema.yaml"):
        assert f"src/timeline/{used}" in code, used
    for unused in ("steps.py", "package.py", "timelinejs.py", "viewer.py", "cli.py", "export_incremental.py"):
        assert f"src/timeline/{unused}" not in code, unused
    assert {"python", "pyproject.toml", "environment.yml"} <= set(code)
    doc = json.loads(nb.read_text(encoding="utf-8"))
    copy = tmp_path / nb.name
    copy.write_text(json.dumps(doc), encoding="utf-8")
    assert notebook_code(copy)[0] == digest  # the layout of the file does not count, its sources do
    cell = next(c for c in doc["cells"] if c["cell_type"] == "code")
    cell["source"] = "".join(cell["source"]) + "\nfrom timeline import package"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    digest2, code2 = notebook_code(copy)
    assert digest2 != digest and "src/timeline/package.py" in code2


def _state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()
            and not p.name.startswith(".") and p.suffix in (".html", ".js")}


# The cheapest chart the changed count redraws and the cheapest it does not (independent_sources and
# casualties, a tenth of a second a build each): 16 builds in this test (33 with four charts before,
# 8.2 s of CPU). That every chart is written is proved by the session's full export (tests/test_export.py); that
# every chart's key changes exactly when its figure does, by the next test; the key is computed the same way for
# every chart.
FEW_CHARTS = ("casualties", "independent_sources")


@pytest.mark.heavy
def test_the_export_redraws_only_the_charts_whose_figure_changed(dataset_copy, tmp_path, monkeypatch):
    from timeline import charts as charts_module
    from timeline import load_tables

    monkeypatch.setattr(charts_module, "CHARTS", {n: charts_module.CHARTS[n] for n in FEW_CHARTS})
    CHARTS = charts_module.CHARTS  # the registry the main job's export reads
    from timeline.export import export_charts
    from timeline.export_incremental import export_changed_charts

    root = dataset_copy.parent
    shutil.copy2(Path(__file__).resolve().parents[1] / "CITATION.cff", root / "CITATION.cff")
    reports = root / "reports"
    assert "export" in run_main_job(root, export_formats=("html",), echo=lambda _: None)["ran"]
    before = _state(reports)
    events, flags = load_tables(dataset_copy, seeds_dir=root / "seeds")
    old = {n: s.build(events, flags).to_json() for n, s in CHARTS.items()}
    _change_one_count(dataset_copy)
    frame, flags = load_tables(dataset_copy, seeds_dir=root / "seeds")
    expected = {n for n, s in CHARTS.items() if s.build(frame, flags).to_json() != old[n]}
    assert expected and expected != set(CHARTS), expected  # the test needs both kinds

    assert "export" in run_main_job(root, export_formats=("html",), echo=lambda _: None)["ran"]
    after = _state(reports)
    rewritten = {n for n in CHARTS if after[f"{n}.html"][0] != before[f"{n}.html"][0]}
    assert rewritten == expected
    assert all(after[f"{n}.html"][1] != before[f"{n}.html"][1] for n in expected)
    assert after["index.html"][1] != before["index.html"][1]  # it names the data's hash
    fresh = tmp_path / "fresh"  # nothing stale: the same bytes as a full export of the changed data
    export_charts(frame, fresh, ("html",), flags=flags, echo=None)
    assert {k: v[1] for k, v in after.items()} == {k: v[1] for k, v in _state(fresh).items()}

    gone = sorted(expected)[0]
    kept = {n: s for n, s in CHARTS.items() if n != gone}
    done = export_changed_charts(frame, reports, flags, ("html",), charts=kept,
                                 echo=lambda _: None)
    assert done["removed"] == [gone] and done["written"] == []
    assert not (reports / f"{gone}.html").exists()
    assert f'href="{gone}.html"' not in (reports / "index.html").read_text(encoding="utf-8")
    assert (reports / "plotly.min.js").is_file() and (reports / "timelinejs.json").is_file()


@pytest.mark.heavy
def test_every_charts_key_changes_exactly_when_its_figure_does(dataset_copy):
    """The redraw test above draws four charts; this holds its rule for all of them, without drawing: after one
    count changes, a chart's key changes exactly when its figure does."""
    from timeline import load_tables
    from timeline.charts import CHARTS
    from timeline.export_incremental import chart_keys

    seeds = dataset_copy.parent / "seeds"
    old_keys, old_figs = chart_keys(*load_tables(dataset_copy, seeds_dir=seeds), ("html",))
    _change_one_count(dataset_copy)
    new_keys, new_figs = chart_keys(*load_tables(dataset_copy, seeds_dir=seeds), ("html",))
    assert set(old_keys) == set(new_keys) == set(CHARTS)
    changed = {n for n in CHARTS if new_figs[n].to_json() != old_figs[n].to_json()}
    assert changed and changed != set(CHARTS), changed  # both kinds
    assert {n for n in CHARTS if new_keys[n] != old_keys[n]} == changed


def test_a_static_formats_key_changes_with_the_slide_and_the_html_key_does_not():
    """The slide is drawn in the static images only: a chart whose slide alone changes gets a new key for PNG and
    keeps its key for HTML (whose files it is not in)."""
    import dataclasses

    from timeline import load_tables
    from timeline.charts import CHARTS
    from timeline.export_incremental import chart_keys

    events, flags = load_tables()
    spec = CHARTS["casualties"]  # among the quickest to build

    def other_slide(frame, flags=None, *, width=None, **layout):  # width: it has a phone figure, as spec does
        fig = spec.build(frame, flags, width=width, **layout)
        if layout.get("slide"):
            fig.update_layout(title_text="another slide")
        return fig

    changed = {spec.name: dataclasses.replace(spec, build=other_slide)}
    for formats, differs in ((("png",), True), (("html",), False)):
        old = chart_keys(events, flags, formats, {spec.name: spec})[0][spec.name]
        new = chart_keys(events, flags, formats, changed)[0][spec.name]
        assert (old != new) is differs, formats


def test_the_html_key_changes_with_the_phone_figure():
    """A chart's page (and the index) draws its phone figure on a narrow screen: a chart whose phone figure alone
    changes gets a new HTML key, so that its page is not left stale."""
    import dataclasses

    from timeline import load_tables
    from timeline.charts import CHARTS, PHONE_WIDTH
    from timeline.export_incremental import chart_keys

    events, flags = load_tables()
    spec = CHARTS["casualties"]  # among the quickest to build

    def other_phone(frame, flags=None, *, width=None, **layout):
        fig = spec.build(frame, flags, width=width, **layout)
        if width == PHONE_WIDTH:
            fig.update_layout(title_text="another phone figure")
        return fig

    changed = {spec.name: dataclasses.replace(spec, build=other_phone)}
    old = chart_keys(events, flags, ("html",), {spec.name: spec})[0][spec.name]
    assert chart_keys(events, flags, ("html",), changed)[0][spec.name] != old
    # the column figure the same: only the phone's differs
    assert other_phone(events, flags).to_json() == spec.build(events, flags).to_json()


def test_the_incremental_export_builds_each_changed_chart_once(tmp_path):
    """The figure built to hash a chart is the one drawn: no second build (a build costs a tenth of a second or
    more), and the files are those of a full export."""
    import dataclasses

    from timeline import load_tables
    from timeline.charts import CHARTS
    from timeline.export import export_charts
    from timeline.export_incremental import export_changed_charts

    events, flags = load_tables()
    builds: list[str] = []

    slides: list[str] = []

    def counted(spec):
        def build(frame, flags=None, **layout):  # layout: the slide's (every ChartSpec declares one)
            (slides if layout.get("slide") else builds).append(spec.name)
            return spec.build(frame, flags, **layout)
        return dataclasses.replace(spec, build=build)

    charts = {n: counted(CHARTS[n]) for n in ("casualties", "source_flow")}
    done = export_changed_charts(events, tmp_path / "out", flags, ("html",), charts=charts, echo=lambda _: None)
    assert done["written"] == ["casualties", "source_flow"]
    assert sorted(builds) == ["casualties", "source_flow"], builds
    assert slides == [], slides  # HTML alone draws no slide: its keys neither build nor hash one
    from timeline.export_incremental import chart_keys
    chart_keys(events, flags, ("png",), charts)
    assert sorted(slides) == ["casualties", "source_flow"], slides  # a static format's: the slide's, once each
    export_charts(events, tmp_path / "full", ("html",), flags=flags, charts=charts, echo=None)
    for name in ("casualties.html", "source_flow.html", "plotly.min.js"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
