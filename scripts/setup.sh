#!/usr/bin/env bash
# Set up the local environment: a virtual environment in .venv with the package (editable) and its
# pinned dependencies, a Chrome or Chromium for static chart export and the browser tests, and the
# TimelineJS library (npm, pinned by package-lock.json) for the offline viewer page.
# Idempotent: a second run finds everything in place and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP="$VENV/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$STAMP" ]; then
  echo "setup: installing timeline and its pinned dependencies into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 \
    | { grep -v "^WARNING: Location .* is ignored" || true; }
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
else
  echo "setup: $VENV is up to date"
fi

# A browser for kaleido (PNG/SVG/PDF) and the browser tests.
find_browser() {
  if [ -n "${BROWSER_PATH:-}" ] && [ -x "$BROWSER_PATH" ]; then echo "$BROWSER_PATH"; return; fi
  for b in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return; fi
  done
}
if [ -z "$(find_browser)" ]; then
  if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: no Chrome or Chromium found; installing Debian's chromium (about 30 s, 480 MB)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    cat >&2 <<'MSG'
setup: no Chrome or Chromium found. Static chart export (PNG, SVG, PDF) and the browser tests need one.
  Debian/Ubuntu:  sudo apt-get install chromium
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium   (or install Google Chrome)
  Or point BROWSER_PATH at a Chrome or Chromium binary. Everything else works without it.
MSG
    [ "${CI:-}" = "true" ] && exit 1
  fi
fi
echo "setup: browser $(find_browser || echo 'none')"

# The TimelineJS library for the viewer page (reports/timeline.html), from the npm registry, pinned by
# package-lock.json, into the git-ignored node_modules/. Without npm everything else still works.
NPM_STAMP="node_modules/.installed-$(cat package.json package-lock.json | sha256sum | cut -c1-16)"
if [ -f "$NPM_STAMP" ] && [ -f node_modules/@knight-lab/timelinejs/dist/js/timeline.js ]; then
  echo "setup: node_modules (TimelineJS) is up to date"
elif command -v npm >/dev/null 2>&1; then
  echo "setup: installing TimelineJS $(sed -n 's/.*"@knight-lab\/timelinejs": *"\([^"]*\)".*/\1/p' package.json) with npm ci"
  if npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null; then
    rm -f node_modules/.installed-*
    touch "$NPM_STAMP"
  else
    echo "setup: npm ci failed; the TimelineJS viewer page (python -m timeline viewer) needs it, nothing else does" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
  fi
else
  cat >&2 <<'MSG'
setup: npm not found, so the TimelineJS library for the viewer page (reports/timeline.html) is not installed.
  Everything else works without it (the TimelineJS JSON is still written). To get the page:
  Debian/Ubuntu:  sudo apt-get install nodejs npm
  macOS:          brew install node
  then run `make setup` again.
MSG
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
