"""`editio serve`: the site, DTS (/dts) and OAI-PMH (/oai) of a built edition, over HTTP (uvicorn)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from ..errors import EditioError
from ._app import app, guarded
from .options import QUIET


@app.command()
@guarded
def serve(
    target: Path = typer.Argument(None, help="The edition (folder or edition.toml) or its build folder (default: the current folder)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on (0: any free port, printed at start)."),
    workers: int = typer.Option(1, "--workers", help="Worker processes (uvicorn)."),
    build_missing: bool = typer.Option(True, "--build/--no-build", help="Build the web and API outputs that are missing first."),
    quiet: bool = QUIET,
) -> None:
    """Serve the edition: the static site at /, DTS 1.0 at /dts, OAI-PMH 2.0 at /oai.

    Examples:

      editio serve                              # the edition of this folder, building what is missing

      editio serve build/ --port 8080           # an existing build

      editio serve --host 0.0.0.0 --port 8000   # reachable from other machines

    Then: curl 'http://127.0.0.1:8000/oai?verb=Identify' and curl http://127.0.0.1:8000/dts
    """
    try:
        import uvicorn
    except ImportError:
        raise EditioError("editio serve needs uvicorn", hint="pip install 'editio[serve]'") from None
    from ..api.app import ENV_EDITION, create_app, ensure_built, locate

    if not 0 <= port <= 65535:
        raise EditioError(f"--port {port} is not a port number")
    from ..executor import MAX_WORKERS_PER_CPU, available_cpus
    if workers < 1:
        raise EditioError("--workers must be at least 1")
    if workers > MAX_WORKERS_PER_CPU * available_cpus():
        raise EditioError(f"--workers {workers} is more than {MAX_WORKERS_PER_CPU} per CPU of this machine "
                          f"({available_cpus()}); each is a server process of its own")
    _can_listen(host, port)   # before building: uvicorn would say so in three log lines and exit 3
    where = target if target is not None else Path.cwd()
    paths = locate(where)
    if build_missing:
        built = ensure_built(where, paths, progress=None if quiet else (lambda m: print(m, file=sys.stderr, flush=True)))
        if built and not quiet:
            print(f"built {', '.join(built)} into {paths.build}", file=sys.stderr)
    application = create_app(where)       # fails here, with a clear message, if the build is not usable
    options = dict(host=host, port=port, log_level="warning" if quiet else "info", access_log=not quiet,
                   proxy_headers=True, limit_concurrency=1000, timeout_keep_alive=5)
    if not quiet:
        print(f"serving {paths.build} — site /, DTS /dts, OAI-PMH /oai", file=sys.stderr, flush=True)
    try:
        if workers > 1:   # worker processes import the application themselves
            os.environ[ENV_EDITION] = str(Path(where).resolve())
            uvicorn.run("editio.api.app:from_environment", factory=True, workers=workers, **options)
        else:
            uvicorn.Server(uvicorn.Config(application, **options)).run()
    except SystemExit as exc:   # uvicorn's startup failure (3), after its own log line
        if exc.code not in (None, 0):
            raise EditioError(f"the server could not start on {host}:{port} (see the log above)") from None
        raise


def _can_listen(host: str, port: int) -> None:
    """One clear error, exit 2, when the address is not this machine's or the port is taken."""
    import socket
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise EditioError(f"cannot listen on --host {host}: {getattr(exc, 'strerror', None) or exc}",
                          hint="give an address of this machine: 127.0.0.1, 0.0.0.0 (every interface), ::1") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)    # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            import errno
            hint = ("another program uses the port: choose another --port (0: any free port)"
                    if exc.errno == errno.EADDRINUSE else "give an address of this machine: 127.0.0.1, 0.0.0.0, ::1")
            raise EditioError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", hint=hint) from None
