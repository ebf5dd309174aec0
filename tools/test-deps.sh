#!/usr/bin/env bash
# Test-only set-up that is not a Python or Debian package install. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
