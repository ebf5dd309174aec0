"""Command-line interface: thin wrappers that parse arguments and call the pipeline stages.

Each command lives in its own module and registers itself on the shared `app` (cli/_app.py).
`editio.cli.app` is the app with every command registered; `main()`, the console script, imports only
the module of the command named on its command line, so that `editio validate` does not start by
importing the reader pipeline and collation.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

# command name -> the module (in this package) that registers it, in the order `editio --help` lists them.
# A new command module goes here (tests/test_cli_startup.py fails until it does): anything else is never imported.
COMMANDS = {
    "convert": "convert",
    "tag": "tag",
    "entities": "entities",
    "collate": "collate",
    "suspects": "suspects",
    "validate": "validate",
    "build": "build",
    "import": "archive",
    "export": "archive",
    "serve": "serve",
    "setup": "setup",
}
MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def _register(modules=MODULES):
    for name in modules:
        importlib.import_module(f"{__name__}.{name}")
    from ._app import app
    return app


def __getattr__(name: str):
    # `from editio.cli import app` (tests, embedding): the app with every command
    if name == "app":
        app = globals()["app"] = _register()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    args = sys.argv[1:]
    module = COMMANDS.get(args[0]) if args else None
    with _without_rnc2rng():
        # `editio`, `editio --help`, an unknown command: every command, so help and errors list them all
        app = _register((module,) if module else MODULES)
        if "--help" not in args:   # the command will run: lxml now, while rnc2rng is kept out of it
            import lxml.etree  # noqa: F401
    app()


@contextlib.contextmanager
def _without_rnc2rng():
    """Import lxml.etree (if at all) without its optional import of rnc2rng (about 50 ms on
    the project machine, a fifth of `editio validate` on a small file).

    lxml imports rnc2rng when it is installed, for `RelaxNG(file="x.rnc")` and `RelaxNG.from_rnc_string`;
    editio never calls either (validation/compact.py converts .rnc itself, and imports rnc2rng then,
    after this). Done only here, for the command-line process: a program that imports editio keeps
    lxml's compact-syntax support.
    """
    if "lxml.etree" in sys.modules or "rnc2rng" in sys.modules:
        yield
        return
    sys.modules["rnc2rng"] = None          # makes `import rnc2rng` raise ImportError, which lxml expects
    try:
        yield
    finally:
        if sys.modules.get("rnc2rng", ...) is None:
            del sys.modules["rnc2rng"]


__all__ = ["app", "main"]
