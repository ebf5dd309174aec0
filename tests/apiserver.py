"""`editio serve` in a subprocess on a free loopback port, for the API tests and the load test.

    with served(folder) as base:        # base = "http://127.0.0.1:PORT"
        httpx.get(f"{base}/dts")
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
API_FIXTURE = ROOT / "tests" / "fixtures" / "api" / "edition"
OAI_SCHEMAS = ROOT.parent / "shared" / "oai-pmh"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def editio_command() -> list[str]:
    script = Path(sys.executable).with_name("editio")
    return [str(script)] if script.is_file() else [sys.executable, "-c", "from editio.cli import main; main()"]


@contextlib.contextmanager
def served(target: Path | None, cwd: Path | None = None, args: tuple[str, ...] = (), timeout: float = 120):
    """Run `editio serve [target] --port P` until the block ends; yield its base URL."""
    port = free_port()
    cmd = editio_command() + ["serve"] + ([str(target)] if target is not None else []) + \
        ["--host", "127.0.0.1", "--port", str(port), "--quiet", *args]
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"editio-serve-{port}.log", "w+")
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"editio serve exited with {proc.returncode}:\n{log.read()}")
            try:
                if httpx.get(f"{base}/dts", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("editio serve did not start in time")
            time.sleep(0.2)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def copy_fixture(target: Path) -> Path:
    shutil.copytree(API_FIXTURE, target)
    return target


def with_oai_settings(edition: Path, **settings) -> Path:
    """Append an [oai] table to a copy of an edition's edition.toml (the flagship has none)."""
    lines = ["", "[oai]"] + [f"{k} = {v!r}" if not isinstance(v, list) else f"{k} = {v!r}".replace("'", '"')
                             for k, v in settings.items()]
    text = (edition / "edition.toml").read_text(encoding="utf-8") + "\n".join(lines).replace("'", '"') + "\n"
    (edition / "edition.toml").write_text(text, encoding="utf-8")
    return edition
