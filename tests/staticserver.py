"""A static server of a built site on a free loopback port, for the browser tests.

    with serve(site) as base:           # base = "http://127.0.0.1:PORT/"
        page.goto(base + "index.html")
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


@contextlib.contextmanager
def serve(folder: Path):
    """A static server of `folder` on 127.0.0.1, for the time of the block: its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
