"""JSON for editio's own bookkeeping files (the environment's index, the web build's manifest).

At archive scale these are tens of megabytes, read and written on every build; orjson (a core
dependency, see the README) does that several times faster than the standard library, which stays
the fallback.  Output is the same either way: keys sorted, no spaces, UTF-8.
"""

from __future__ import annotations

import json

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the fallback is for odd platforms
    orjson = None


def dumps(value, default=None) -> bytes:
    """`value` as JSON; `default(obj)` for what JSON has no type for (as in json.dumps)."""
    if orjson is not None:
        return orjson.dumps(value, default=default, option=orjson.OPT_SORT_KEYS)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=default).encode("utf-8")


def loads(data: bytes | str):
    return orjson.loads(data) if orjson is not None else json.loads(data)
