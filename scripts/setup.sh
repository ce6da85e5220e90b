#!/usr/bin/env bash
# Set up the local environment: a virtual environment in .venv with the package (editable) and its
# pinned dependencies, and a Chrome or Chromium for static chart export and the browser tests.
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
