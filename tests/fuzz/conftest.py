"""Hypothesis profiles for the fuzz suite.

default: what `make test` runs, bounded to about a minute for the whole of tests/fuzz/.
long:    HYPOTHESIS_PROFILE=long (make fuzz-long): many more cases per property; FUZZ_EXAMPLES
         sets how many (default 2,000), so a run lasts as long as you give it.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=_SLOW_OK,
                          derandomize=True, print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("FUZZ_EXAMPLES", 2000)), deadline=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

