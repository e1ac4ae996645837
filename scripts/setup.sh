#!/usr/bin/env bash
# Installs what Journey Editor needs on Debian with Python 3.11: the system libraries Qt
# needs without a display (and Xvfb, xdotool, poppler, qpdf for the tests), then a
# virtual environment in .venv with the project and its development tools (chattr and
# unshare, from e2fsprogs and util-linux, protect files for real in the tests run as root;
# LibreOffice Calc and Impress, headless, open the Excel and PowerPoint exports in their
# tests: about a minute to install; the PostgreSQL server runs the funnel SQL in
# tests/helpers/postgres.py; binutils for PyInstaller, which scripts/package runs, and
# xdg-utils, desktop-file-utils, shared-mime-info and gio for the bundle's install test).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
  xvfb xauth xdotool imagemagick libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  poppler-utils qpdf e2fsprogs util-linux libreoffice-calc-nogui libreoffice-impress-nogui
  postgresql binutils xdg-utils desktop-file-utils shared-mime-info libglib2.0-bin
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
log=$(mktemp)
# Exactly the tested versions, hash-checked (requirements.lock, made by tools/lock.sh),
# then the project itself on top, without letting pip pick other versions.
if ! { .venv/bin/python -m pip install -q --upgrade pip \
    && .venv/bin/python -m pip install -q --require-hashes -r requirements.lock \
    && .venv/bin/python -m pip install -q --no-deps -e .; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "setup failed: pip could not install the project (output above)" >&2
  exit 1
fi
rm -f "$log"
.venv/bin/python -c "import journeyeditor, PySide6, sqlalchemy, reportlab, PIL, openpyxl, pptx, duckdb, psycopg" \
  || { echo "setup failed: the Python packages did not install" >&2; exit 1; }
