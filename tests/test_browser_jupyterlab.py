"""In a real browser: JupyterLab draws every stored plotly figure of every notebook.

Starts JupyterLab on localhost (free port, a token, ``--allow-root``, ``--no-browser``,
root directory the repository, no kernel started on opening a notebook), loads
JupyterLab once in headless Chromium through Playwright (the system's Chromium,
found as kaleido finds it), opens each notebook in it with JupyterLab's own
``docmanager:open`` command and counts the rendered ``.js-plotly-plot`` elements
of the notebook in view against the plotly outputs stored in the notebook. A
screenshot per notebook goes to ``tests/artifacts/`` (git-ignored) for a look
when it fails. The notebooks' files must be left unchanged.

In CI (``CI=true``) this test runs and never skips: without a browser it fails
and says how to get one.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from timeline.export.formats import PRIVATE_CHROMIUM_FLAGS
from timeline import paths
from timeline.notebooks import notebook_paths

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.heavy]

ARTIFACTS = paths.PROJECT_ROOT / "tests" / "artifacts"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", *PRIVATE_CHROMIUM_FLAGS]
#: Seconds to wait for JupyterLab to answer, and for a notebook's plots to be drawn.
SERVER_TIMEOUT, PLOT_TIMEOUT = 90, 120


def find_chromium() -> str | None:
    """The system's Chrome or Chromium, as kaleido looks for it: BROWSER_PATH, then PATH."""
    if os.environ.get("BROWSER_PATH") and Path(os.environ["BROWSER_PATH"]).exists():
        return os.environ["BROWSER_PATH"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _require_browser() -> str:
    exe = find_chromium()
    if exe is None:
        message = ("no Chrome or Chromium found (BROWSER_PATH, or chromium / chromium-browser / google-chrome on "
                   "PATH): install one, e.g. `apt-get install -y chromium` (scripts/setup.sh does)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plotly_outputs(path: Path) -> int:
    """How many plotly figures a notebook holds in its stored outputs."""
    nb = nbformat.read(path, as_version=4)
    return sum(PLOTLY_MIME in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []))


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on localhost serving a copy of the notebooks (trusting one saves it: the repository's
    files are never written); yields its base URL and token."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    shutil.copytree(paths.NOTEBOOKS_DIR, tmp / "root" / "notebooks")
    for plugin, values in (
            # attach every cell to the page so that every figure is drawn, not only those in view
            ("notebook-extension/tracker", {"windowingMode": "none"}),
            # never write to the repository's notebooks (JupyterLab may add image/png outputs on save)
            ("docmanager-extension/plugin", {"autosave": False}),
            ("apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False})):
        target = tmp / "settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    # a data folder of its own: trusting a notebook (the records table's test) signs it there, not for the user
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTER_DATA_DIR=str(tmp / "data"))
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
           f"--port={port}", "--port-retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={tmp / 'root'}", f"--LabApp.user_settings_dir={tmp / 'settings'}",
           f"--LabApp.workspaces_dir={tmp / 'workspaces'}", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
           "jupyterlab.NeverCheckForUpdate",
           # the stored outputs are what is drawn: opening a notebook needs no kernel (one each would cost ~1 s CPU)
           "--LabServerApp.notebook_starts_kernel=False",
           # window.jupyterapp: the test opens each notebook with JupyterLab's own command, in one loaded app
           "--LabApp.expose_app_in_browser=True"]
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"JupyterLab did not start: {(tmp / 'server.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield base, token, tmp / "root" / "notebooks"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    exe = _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def lab(jupyterlab, browser):
    """One JupyterLab page for every notebook (loading the app costs about 2 s; opening a notebook in it, 1 s)."""
    base, token, _ = jupyterlab
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto(f"{base}/lab?token={token}&reset", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=PLOT_TIMEOUT * 1000)
    page.evaluate("() => window.jupyterapp.restored")
    yield page
    page.close()


#: The notebook in view: JupyterLab hides the panels of the other tabs.
CURRENT = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _open(page, notebook: str) -> None:
    """Open a notebook as a user does (File > Open), after disposing of what the test before opened (closing would
    ask to save: the plotly renderer marks a notebook changed once it has drawn it; nothing is saved either way)."""
    page.evaluate("""async path => {
        const app = window.jupyterapp;
        for (const widget of Array.from(app.shell.widgets('main'))) widget.dispose();
        await app.commands.execute('docmanager:open', {path});
    }""", f"notebooks/{notebook}")


@pytest.mark.parametrize("notebook", [p.name for p in notebook_paths()])
def test_jupyterlab_draws_every_figure(lab, jupyterlab, notebook):
    path = jupyterlab[2] / notebook  # the served copy, equal to the repository's
    assert _digest(path) == _digest(paths.NOTEBOOKS_DIR / notebook)
    expected = plotly_outputs(path)
    before = _digest(path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"jupyterlab_{path.stem}.png"
    page = lab
    _open(page, notebook)
    page.wait_for_selector(f"{CURRENT} .jp-Notebook .jp-Cell", timeout=PLOT_TIMEOUT * 1000)
    current_tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first
    assert current_tab.text_content() == notebook
    drawn = -1
    deadline = time.monotonic() + PLOT_TIMEOUT
    while time.monotonic() < deadline:
        # a figure counts once plotly has drawn its SVG into it
        drawn = page.locator(f"{CURRENT} .js-plotly-plot .main-svg").evaluate_all(
            "els => new Set(els.map(e => e.closest('.js-plotly-plot'))).size")
        if drawn >= expected and page.locator(f"{CURRENT} .js-plotly-plot").count() == expected:
            break
        time.sleep(0.2)
    plots = page.locator(f"{CURRENT} .js-plotly-plot")
    if plots.count():
        plots.first.scroll_into_view_if_needed()
        time.sleep(0.5)
    page.screenshot(path=str(shot))
    assert plots.count() == expected, (
        f"{notebook}: {plots.count()} plotly plots in the notebook, {expected} stored; "
        f"screenshot: {paths.relative(shot)}")
    assert drawn == expected, f"{notebook}: {drawn} of {expected} figures drawn; screenshot: {paths.relative(shot)}"
    assert _digest(path) == before, f"{notebook} was changed by opening it in JupyterLab"



def test_the_records_table_in_jupyterlab_shows_every_record_and_filters_once_trusted(lab, jupyterlab):
    """Notebook 00's records table in JupyterLab. Untrusted (a notebook JupyterLab has not run or signed), the
    sanitiser drops the table's stylesheet: every record is shown, with the line that says how to get the filters,
    and the inert buttons are hidden. Trusted (JupyterLab's own command), the buttons filter: "denies" leaves the
    denials only. The notebook file is left unchanged (the signature goes to the server's own data folder)."""
    from timeline import load_events

    notebook = "00_overview.ipynb"
    path = jupyterlab[2] / notebook  # the served copy: trusting saves it
    assert _digest(path) == _digest(paths.NOTEBOOKS_DIR / notebook)
    before = _digest(path)
    frame = load_events()
    page = lab
    _open(page, notebook)
    table = page.locator(f"{CURRENT} .tlr")
    table.wait_for(timeout=PLOT_TIMEOUT * 1000)
    table.scroll_into_view_if_needed()
    assert table.locator("tr.tlr-row:visible").count() == len(frame)
    assert table.locator(".tlr-untrusted").is_visible() and not table.locator(".tlr-filters").is_visible()
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:trust'); }")
    page.locator(".jp-Dialog button.jp-mod-accept").first.click()
    page.wait_for_selector(f"{CURRENT} .tlr style", state="attached", timeout=30_000)
    table = page.locator(f"{CURRENT} .tlr")
    assert table.locator(".tlr-filters").is_visible() and not table.locator(".tlr-untrusted").is_visible()
    # (premise changed, review 9 major 17: each filter is a closed <details>, its choices shown once opened)
    table.locator(".tlr-filters details", has_text="Stance").locator("summary").click()
    table.locator(".tlr-filters label", has_text="denies").first.click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "jupyterlab_records_table_trusted.png"))
    assert table.locator("tr.tlr-row:visible").count() == int((frame["stance"] == "denies").sum())
    assert _digest(path) == before, f"{notebook} was changed by trusting it in JupyterLab"
