#!/usr/bin/env bash
# Pins every package the project installs (runtime and development) with its hashes into
# requirements.lock, from pyproject.toml, for Python 3.11 on every platform. setup.sh (and
# so CI and the bundle) installs exactly these, hash-checked. Run after changing the
# dependencies in pyproject.toml, then run the tests and commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install -q uv
"$tools/venv/bin/uv" pip compile pyproject.toml --extra dev --generate-hashes \
  --python-version 3.11 --universal --no-header -o requirements.lock
echo "wrote requirements.lock"
