"""50 concurrent clients harvesting OAI-PMH and fetching DTS passages from `editio serve`, with 0
errors.  The suite runs it for EDITIO_LOAD_SECONDS (default 3); the README's figures come from
`tests/bench/api_load.py` (20 s).  Loopback only, bounded in time and in count."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "bench"))

from api_load import run_load  # noqa: E402


@pytest.mark.load
def test_fifty_clients_no_errors(flagship_served):
    base, _ = flagship_served
    seconds = float(os.environ.get("EDITIO_LOAD_SECONDS", "3"))
    result = run_load(base, seconds=seconds, clients=50)
    print(f"\nload: {result['requests']} requests in {result['seconds']} s, {result['requests_per_second']} req/s, "
          f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']}")
    assert result["errors"] == 0, result["error_samples"]
    assert result["requests"] >= 50
