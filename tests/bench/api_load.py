"""Load test of `editio serve`: 50 concurrent clients harvesting OAI-PMH and fetching DTS passages.

    .venv/bin/python tests/bench/api_load.py                  # the README figures: 50 clients, 20 s
    .venv/bin/python tests/bench/api_load.py --seconds 5 --clients 20

Starts `editio serve` on a free loopback port for the flagship edition (converted from seeds/ by
the code under test, with OAI pages of two records), then runs the clients for the given time:
each client loops over a full OAI-PMH harvest (ListRecords, following every resumption token,
alternating oai_dc and tei), DTS navigation, and passage fetches (one citable unit, a range, plain
text).  Any status but 200, any exception or any unreadable body is an error.  Prints requests per
second and the latency percentiles, then the same static page served by editio and by Python's
`http.server` (ThreadingHTTPServer, what a user would otherwise run) as a ratio.

Bounded in time and count, loopback only (the base URL must be 127.0.0.1).  The suite runs the
same load for a few seconds (tests/test_api_load.py, EDITIO_LOAD_SECONDS to change it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

MAX_REQUESTS = 500_000


class Connection:
    """One keep-alive HTTP/1.1 connection (a load-test client of its own).  httpx's async pool was
    measured here to fall from ~300 to ~80 requests/s at 50 connections: the client, not the
    server, was the bottleneck; this reads what the server sends (it always gives Content-Length)."""

    def __init__(self, base: str):
        url = urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.reader = self.writer = None

    async def get(self, path: str, params: dict | None = None) -> tuple[int, bytes]:
        target = path + (f"?{urlencode(params, quote_via=quote)}" if params else "")
        request = f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode()
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(request)
                head = await self.reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                length = next(int(x.split(":", 1)[1]) for x in lines[1:] if x.lower().startswith("content-length:"))
                return int(lines[0].split()[1]), await self.reader.readexactly(length)
            except (asyncio.IncompleteReadError, ConnectionError):
                self.writer.close()
                self.writer = None
                if attempt:
                    raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _check_loopback(base: str) -> None:
    host = urlsplit(base).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"refusing to load-test {host}: loopback addresses only")


async def _client(http: Connection, base: str, units: list[tuple[str, str, str]], n: int, stop: float,
                  stats: dict) -> None:
    async def hit(url: str, params=None, check=None):
        if stats["count"] >= MAX_REQUESTS:
            return None
        t0 = time.perf_counter()
        try:
            status, body = await http.get(url, params)
            ok = status == 200 and (check is None or check(body))
            problem = status
        except (OSError, ValueError, StopIteration, asyncio.IncompleteReadError) as exc:
            ok, body, problem = False, b"", repr(exc)
        stats["latencies"].append(time.perf_counter() - t0)
        stats["count"] += 1
        if not ok:
            stats["errors"] += 1
            if len(stats["samples"]) < 5:
                stats["samples"].append(f"{url} {params}: {problem}")
            return None
        return body

    i = n
    while time.perf_counter() < stop and stats["count"] < MAX_REQUESTS:
        i += 1
        prefix = "oai_dc" if i % 2 else "tei"
        params = {"verb": "ListRecords", "metadataPrefix": prefix}
        while time.perf_counter() < stop:
            body = await hit("/oai", params, lambda b: b"<ListRecords>" in b)
            if body is None:
                break
            marker = body.rfind(b"<resumptionToken")
            token = body[marker:].split(b">", 1)[1].split(b"<", 1)[0].decode() if marker >= 0 else ""
            if not token:
                break
            params = {"verb": "ListRecords", "resumptionToken": token}
        doc, first, last = units[i % len(units)]
        await hit("/dts/navigation", {"resource": doc, "down": "-1"}, lambda b: "member" in json.loads(b))
        await hit("/dts/document", {"resource": doc, "ref": first}, lambda b: b"dts:wrapper" in b)
        await hit("/dts/document", {"resource": doc, "start": first, "end": last}, lambda b: b"dts:wrapper" in b)
        await hit("/dts/document", {"resource": doc, "ref": last, "mediaType": "text/plain"}, lambda b: bool(b.strip()))
    http.close()


def _units(base: str) -> list[tuple[str, str, str]]:
    """(document, first unit, last unit) of every document, from the server's own Navigation."""
    out = []
    root = httpx.get(f"{base}/dts/collection", timeout=30).json()
    docs: list[str] = []
    todo = [m for m in root["member"]]
    while todo:
        m = todo.pop()
        if m["@type"] == "Resource":
            docs.append(m["@id"])
        else:
            todo += httpx.get(f"{base}/dts/collection", params={"id": m["@id"]}, timeout=30).json()["member"]
    for doc in sorted(set(docs)):
        members = httpx.get(f"{base}/dts/navigation", params={"resource": doc, "down": "-1"}, timeout=30).json()["member"]
        leaves = [m["identifier"] for m in members if m["level"] == max(x["level"] for x in members)]
        out.append((doc, leaves[0], leaves[-1]))
    return out


async def _run(base: str, seconds: float, clients: int) -> dict:
    units = _units(base)
    stats = {"count": 0, "errors": 0, "latencies": [], "samples": []}
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(*(_client(Connection(base), base, units, n, stop, stats) for n in range(clients)))
    elapsed = time.perf_counter() - start
    lat = sorted(stats["latencies"]) or [0.0]

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

    return {"clients": clients, "seconds": round(elapsed, 1), "requests": stats["count"], "errors": stats["errors"],
            "requests_per_second": round(stats["count"] / elapsed, 1), "p50_ms": round(pct(0.50), 1),
            "p99_ms": round(pct(0.99), 1), "max_ms": round(lat[-1] * 1000, 1), "error_samples": stats["samples"]}


def run_load(base: str, seconds: float = 20, clients: int = 50) -> dict:
    _check_loopback(base)
    return _in_thread(_run(base, seconds, clients))


def _in_thread(coroutine):
    """asyncio.run in a thread of its own: the caller's thread may already run an event loop (the
    suite's browser tests leave Playwright's)."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _static(base: str, path: str, seconds: float, clients: int) -> dict:
    stats = {"count": 0, "errors": 0}
    stop = time.perf_counter() + seconds

    async def loop():
        http = Connection(base)
        while time.perf_counter() < stop and stats["count"] < MAX_REQUESTS:
            try:
                status, _ = await http.get(path)
                stats["errors"] += status != 200
            except (OSError, ValueError, StopIteration, asyncio.IncompleteReadError):
                stats["errors"] += 1
            stats["count"] += 1
        http.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(clients)))
    return {"requests_per_second": round(stats["count"] / (time.perf_counter() - t0), 1), "errors": stats["errors"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--static-seconds", type=float, default=5)
    args = parser.parse_args()
    import shutil
    import tempfile

    from apiserver import free_port, served, with_oai_settings
    from flagship import converted_edition
    with tempfile.TemporaryDirectory() as tmp:
        edition = Path(tmp) / "edition"
        shutil.copytree(converted_edition(), edition)
        with_oai_settings(edition, admin_email=["editors@example.org"], page_size=2)
        with served(None, cwd=edition) as base:
            result = run_load(base, args.seconds, args.clients)
            print(json.dumps(result, indent=1))
            page = "/documents/1945-07-03-harriman-cable.html"
            ours = _in_thread(_static(base, page, args.static_seconds, args.clients))
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                 "--directory", str(edition / "build" / "web")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            other = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(other + page, timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            theirs = _in_thread(_static(other, page, args.static_seconds, args.clients))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        print(json.dumps({"static page, editio serve": ours, "static page, python -m http.server": theirs,
                          "ratio editio / http.server": round(ours["requests_per_second"] /
                                                              max(theirs["requests_per_second"], 0.1), 2)}, indent=1))


if __name__ == "__main__":
    main()
