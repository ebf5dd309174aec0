#!/usr/bin/env bash
# Natural Earth coastlines and borders for the web edition's map: the npm package world-atlas
# (TopoJSON, ISC licence; the data are Natural Earth's, public domain) into .cache/npm. Idempotent.
# Without npm, or offline, the map is still built (without coastlines) and the build says so.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -s .cache/npm/node_modules/world-atlas/countries-50m.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "warning: npm not found; the map will have no coastlines (install npm, then run $0)" >&2
  exit 0
fi
mkdir -p .cache/npm
npm install --silent --no-audit --no-fund --prefix .cache/npm world-atlas@2 >/dev/null \
  || echo "warning: could not install world-atlas; the map will have no coastlines" >&2
exit 0
