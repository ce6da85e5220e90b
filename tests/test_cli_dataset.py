"""One command line for any dataset: every subcommand on a copy of the shipped dataset, as on the shipped one.

The copy's data and seeds lie in two unrelated folders (``case/data`` and ``elsewhere/articles``), so a default that
looks for seeds beside the data finds none; an audit hook records every file or folder the process opens or lists
under the project's ``data/`` and ``seeds/`` while the commands run (there must be none), and the project's data,
seeds, notebooks, README and reports are compared byte for byte (and by modification time) before and after.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from timeline import cli, load_tables, paths
from timeline.cli import main

ARTICLE = ("Nordkorea schickt weitere Soldaten\n"
           "Seoul (dpa) - Der südkoreanische Geheimdienst hat am Dienstag mitgeteilt, dass Nordkorea seit Oktober "
           "rund 3.000 Soldaten nach Russland entsandt habe.\n")

_WATCHED: list[str] = []  # the prefixes being watched (empty: the hook does nothing)
_SEEN: list[str] = []


def _audit(event, args):
    if _WATCHED and event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, Path)):
        path = str(args[0])
        if any(path == p or path.startswith(p + "/") for p in _WATCHED):
            _SEEN.append(f"{event} {path}")


sys.addaudithook(_audit)


def _state() -> dict[str, tuple[str, int]]:
    """Every file of the project's data/, seeds/, notebooks/ and reports/ and the README: (SHA-256, mtime)."""
    files = [paths.PROJECT_ROOT / "README.md"]
    for folder in (paths.DATA_DIR, paths.SEEDS_DIR, paths.NOTEBOOKS_DIR, paths.REPORTS_DIR):
        files += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return {paths.relative(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}


@pytest.fixture
def watched():
    """A function that starts watching: from then on, the project's data/ and seeds/ must not be opened or listed
    (until the test ends or clears ``_WATCHED``); the list it returns collects what was."""
    def start():
        _SEEN.clear()
        _WATCHED[:] = [str(paths.DATA_DIR.resolve()), str(paths.SEEDS_DIR.resolve()),
                       str(paths.DATA_DIR), str(paths.SEEDS_DIR)]
        return _SEEN

    yield start
    _WATCHED.clear()


class InProcessClient:
    """Stands in for nbclient's kernel: runs a notebook's code cells in this process, in order, recording what
    they print (what a kernel would return as a stream output). The notebook, its injected parameters and the
    dataset it reads are the real ones; only the kernel's start-up (seconds) is saved."""

    def __init__(self, nb, **kwargs):
        self.nb, self.cwd = nb, kwargs["resources"]["metadata"]["path"]

    def execute(self):
        import contextlib
        import io
        import os

        namespace: dict = {}
        here = os.getcwd()
        os.chdir(self.cwd)
        try:
            for cell in self.nb.cells:
                if cell.cell_type == "code":
                    printed = io.StringIO()
                    with contextlib.redirect_stdout(printed):
                        exec(cell.source, namespace)
                    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed.getvalue())]
        finally:
            os.chdir(here)


@pytest.fixture
def copy(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped data and seeds, copied into two unrelated folders."""
    data, seeds = tmp_path / "case" / "data", tmp_path / "elsewhere" / "articles"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(paths.SEEDS_DIR, seeds)
    return data, seeds


def run(capsys, *argv) -> tuple[int, str]:
    rc = main([str(a) for a in argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return rc, out.out + out.err


def _tiny_notebook(path: Path) -> Path:
    """A notebook that reads its dataset as the suite's do: a ``parameters`` cell with DATA_DIR, seeds beside it."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('DATA_DIR = "../data"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from timeline import load_tables\nframe, flags = load_tables(DATA_DIR)\n"
                                  "print(len(frame), frame['seed'].nunique(), sorted(frame.attrs['case']))")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_every_command_works_on_a_copy_and_leaves_the_project_alone(copy, watched, capsys, tmp_path, monkeypatch):
    import nbclient

    from timeline import export, export_incremental, notebooks

    data, seeds = copy
    case = data.parent
    before = _state()
    ds = ["--data", data, "--seeds", seeds]
    shutil.copy2(paths.PROJECT_ROOT / "README.md", case / "README.md")  # the copy's README: the project's text
    nb = _tiny_notebook(tmp_path / "00_tiny.ipynb")
    # the chart drawing (seconds; tested on a copy in test_steps.py and test_export.py) and the notebook kernel
    # are stood in for: what reaches them (which frame, which folder) is recorded
    drawn = []

    def draw(frame, out, formats, *, flags=None, **kwargs):
        drawn.append((sorted(frame["seed"].unique()), len(frame), len(flags), Path(out), list(formats)))
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "index.html").write_text("index")
        return export.ExportResult(Path(out))

    monkeypatch.setattr(export, "export_charts", draw)
    def draw_changed(events, reports, flags, formats):
        draw(events, reports, formats, flags=flags)
        return {"message": None}

    monkeypatch.setattr(export_incremental, "export_changed_charts", draw_changed)
    monkeypatch.setattr(nbclient, "NotebookClient", InProcessClient)
    frame, flags = load_tables(data, seeds_dir=seeds)
    expected = [(sorted(frame["seed"].unique()), len(frame), len(flags), case / "reports", ["html"])]
    assert expected[0][:3] == ([p.name for p in sorted(seeds.glob("*.txt"))], 73, len(load_tables().flags))
    shipped_csv = paths.EVENTS_CSV.read_bytes()
    seen = watched()

    rc, out = run(capsys, "validate", *ds)
    assert rc == 0 and "73 record(s) valid, 0 rejected, 0 error(s), 5 file(s) read." in out
    one = sorted((data / "records").glob("*.yaml"))[0]
    rc, out = run(capsys, "validate", one, *ds)  # the positional path still works, with the dataset's seeds
    assert rc == 0 and "1 file(s) read" in out
    rc, out = run(capsys, "coverage", *ds)
    assert rc == 0 and "0 uncovered sentence(s) in 0 of 5 article(s)" in out

    rc, out = run(capsys, "build", *ds)
    assert rc == 0 and (data / "processed" / "events.csv").read_bytes() == shipped_csv

    rc, out = run(capsys, "docs", *ds)  # the same data gives the same generated sections, in the copy's README
    assert rc == 0 and "up to date" in out
    assert (case / "README.md").read_bytes() == (paths.PROJECT_ROOT / "README.md").read_bytes()
    rc, out = run(capsys, "docs", *ds, "--out", tmp_path / "new" / "README.md")  # a new README is started
    text = (tmp_path / "new" / "README.md").read_text(encoding="utf-8")
    title = yaml.safe_load((data / "actors.yaml").read_text(encoding="utf-8"))["case"]["title"]
    assert rc == 0 and text.startswith(f"# {title}\n") and text.count("\n| 00") == 5, text[:300]

    rc, out = run(capsys, "export", *ds, "--formats", "html")
    assert rc == 0 and drawn == expected
    rc, out = run(capsys, "package", *ds)
    descriptor = json.loads((case / "reports" / "package" / "datapackage.json").read_text(encoding="utf-8"))
    assert rc == 0 and {r["name"] for r in descriptor["resources"]} >= {"events", "articles"}
    assert "events 73" in out and "articles 5" in out
    rc, out = run(capsys, "timelinejs", *ds)
    assert rc == 0 and json.loads((case / "reports" / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    rc, out = run(capsys, "viewer", *ds)
    from timeline.viewer import library_dir
    if library_dir().is_dir():
        assert rc == 0 and (case / "reports" / "timeline.html").is_file()
    else:
        assert rc == cli.EXIT_INCOMPLETE

    # the notebooks: executed copies, the dataset injected; the seeds, elsewhere, reached through links
    rc, out = run(capsys, "run-notebooks", nb, *ds, "--out", tmp_path / "executed")
    ran = nbformat.read(tmp_path / "executed" / "00_tiny.ipynb", as_version=4)
    assert rc == 0 and "injected-parameters" in ran.cells[1].metadata["tags"]
    assert ran.cells[2].outputs[0]["text"].startswith("73 5 ")
    assert nbformat.read(nb, as_version=4).cells[1].outputs == []  # the notebook run is left as it was

    # the main job: every step on the copy, its outputs beside the copy's data; the suite's notebooks into
    # case/notebooks/ (each run reads the copy: the output of its first cell says so)
    monkeypatch.setattr(notebooks, "notebook_paths", lambda folder=None: [nb])
    drawn.clear()
    rc, out = run(capsys, "all", *ds, "--formats", "html")
    assert rc == 0 and "main job: ran 8, skipped 0" in out, out
    assert nbformat.read(case / "notebooks" / "00_tiny.ipynb", as_version=4).cells[2].outputs[0]["text"] \
        .startswith("73 5 ")
    assert drawn == expected
    assert (case / "reports" / ".steps.json").is_file()
    assert "main job: ran 0, skipped 8" in run(capsys, "all", *ds, "--formats", "html")[1]
    rc, out = run(capsys, "score-drafts", *ds)
    assert rc == 0 and "sentence" in out

    # curation: a new article, a draft of an existing seed, and a confirmation by the file's name
    (tmp_path / "new.txt").write_text(ARTICLE, encoding="utf-8")
    rc, out = run(capsys, "add-article", tmp_path / "new.txt", *ds, "--published", "2024-11-20")
    assert rc == 0 and len(list(seeds.glob("*.txt"))) == 6
    new_records = next((data / "records").glob("005_*.yaml"))
    drafts = tmp_path / "drafts.yaml"
    rc, out = run(capsys, "draft", "003_777336e2b4043abc.txt", *ds, "--out", drafts)
    assert rc == 0 and "draft record(s) to review" in out and drafts.is_file()
    body = new_records.read_text(encoding="utf-8")
    new_records.write_text(re.sub(r"summary_en: .*TODO.*", "summary_en: Written by the test.", body),
                           encoding="utf-8")
    rc, out = run(capsys, "confirm", new_records.name, *ds)
    assert rc == 0 and "confirmed 1 draft(s)" in out and f"--data {data}" in out

    _WATCHED.clear()
    assert seen == [], seen[:5]
    assert _state() == before


def test_another_datasets_outputs_never_default_to_the_projects(tmp_path, capsys):
    """The project's data with another seeds folder is another dataset: what it would write beside its data is the
    project's own, so those commands ask for --out instead of writing there."""
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    before = _state()
    for command in ("export", "package", "timelinejs", "docs", "run-notebooks", "all"):
        rc, out = run(capsys, command, "--seeds", seeds)
        assert rc == cli.EXIT_USAGE and "give --out" in out, (command, out)
    assert _state() == before


def test_every_command_takes_the_same_dataset_options():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) >= {"validate", "coverage", "add-article", "draft", "confirm", "score-drafts", "build",
                                "docs", "run-notebooks", "export", "package", "timelinejs", "viewer", "all"}
    for name, p in sub.choices.items():
        options = {o for a in p._actions for o in a.option_strings}
        assert {"--data", "--seeds"} <= options, name


def test_a_missing_dataset_folder_is_a_usage_error(tmp_path, capsys):
    for command in ("validate", "build", "docs", "export", "package", "timelinejs", "all", "score-drafts"):
        rc, out = run(capsys, command, "--data", tmp_path / "nowhere")
        assert rc == cli.EXIT_USAGE and f"no such data folder: {tmp_path / 'nowhere'}" in out, command
