"""The builder interface, the registry, and `build()`, which runs builders in order over one
environment.

    class MyBuilder(Builder):
        name = "json"          # the output folder under the build folder, and the CLI's name
        priority = 500         # lower runs first: print 100, web 200, api 300

        def build(self) -> Path:
            for record in self.env.records():
                self.write_text(f"{record.id}.json", json.dumps(record.as_dict()))
            return self.out

`build(edition, ["json"])` then writes build/json/.  A builder reads only the environment
(`self.env`: records streamed from the cache, `self.env.changed` for incremental work), the
edition (`self.edition`: settings, registers) and what earlier builders of the same run
produced (`self.context.outputs`); it reports problems to `self.reporter`.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import TEI_NS
from .. import register as register_mod
from ..diagnostics import Reporter
from ..edition import Edition
from ..environment import Environment, load_environment
from ..errors import EditioError
from ..executor import executor_for
from ..progress import Progress
from ..xmlio import atomic_write

_REGISTRY: dict[str, type["Builder"]] = {}
_DISCOVERED = False


@dataclass
class BuildContext:
    """What one run of `build()` shares between its builders."""

    edition: Edition
    env: Environment
    reporter: Reporter
    executor: object = None
    outputs: dict[str, Path] = field(default_factory=dict)   # builder name -> what it wrote
    options: dict = field(default_factory=dict)              # builder-specific options (xslt, ...)
    progress: Callable[[str], None] | None = None            # messages ("web: 5 documents ...")
    bar: Progress = field(default_factory=lambda: Progress(False))   # progress bars of long steps


class Builder:
    name: str = ""
    priority: int = 500

    def __init__(self, context: BuildContext, out: Path | None = None):
        self.context = context
        self.edition = context.edition
        self.env = context.env
        self.reporter = context.reporter
        self.executor = context.executor
        self.out = Path(out) if out is not None else self.edition.out_dir / self.name

    def build(self) -> Path:  # pragma: no cover - interface
        raise NotImplementedError

    # helpers every builder may use
    def write_text(self, relpath: str, content: str) -> Path:
        target = self.out / relpath
        atomic_write(target, content)
        return target

    def say(self, message: str) -> None:
        if self.context.progress:
            self.context.progress(f"{self.name}: {message}")


def register(name: str, priority: int | None = None):
    """Class decorator: make a Builder available under `name`."""

    def wrap(cls):
        cls.name = name
        if priority is not None:
            cls.priority = priority
        _REGISTRY[name] = cls
        return cls

    return wrap


def _discover() -> None:
    global _DISCOVERED
    if _DISCOVERED:
        return
    _DISCOVERED = True
    package = sys.modules[__package__]
    for info in pkgutil.iter_modules(package.__path__):
        if info.name != "base":
            importlib.import_module(f"{__package__}.{info.name}")
    try:
        from importlib.metadata import entry_points
        for ep in entry_points(group="editio.builders"):
            ep.load()
    except Exception as exc:  # a broken plug-in must not break editio's own builders
        print(f"warning: a builder plug-in could not be loaded: {exc}", file=sys.stderr)


def available() -> dict[str, type[Builder]]:
    _discover()
    return dict(sorted(_REGISTRY.items(), key=lambda kv: (kv[1].priority, kv[0])))


def get(name: str) -> type[Builder]:
    builders = available()
    if name not in builders:
        raise EditioError(f"unknown builder {name!r}", hint=f"choose from {', '.join(builders)}")
    return builders[name]


def build(edition: Edition, names: list[str], *, jobs: int | None = None, executor: str | None = None,
          reporter: Reporter | None = None, outputs: dict[str, Path] | None = None,
          options: dict | None = None, progress: Callable[[str], None] | None = None,
          bar: Progress | None = None) -> BuildContext:
    """Run the named builders in priority order (print before web, so the site links this
    build's PDF) over one environment; return the context (outputs, diagnostics)."""
    classes = sorted((get(n) for n in dict.fromkeys(names)), key=lambda c: (c.priority, c.name))
    for cls in classes:
        _outside_the_sources(edition, Path((outputs or {}).get(cls.name) or edition.out_dir / cls.name))
    reporter = reporter if reporter is not None else Reporter()
    # the registers, checked once for every builder: a duplicate id stops the build (exit 2), a
    # malformed entry is a warning and each builder takes it as register._load says
    reporter.extend(register_mod.check(edition.registers))
    bar = bar if bar is not None else Progress(False)
    with executor_for(executor, jobs) as pool:
        env = load_environment(edition, pool, reporter, progress=bar("reading TEI"))
        reporter.extend(dangling_names(edition, env))
        context = BuildContext(edition, env, reporter, pool, options=dict(options or {}), progress=progress,
                               bar=bar)
        try:
            for cls in classes:
                out = (outputs or {}).get(cls.name)
                context.outputs[cls.name] = cls(context, out).build()
        finally:
            bar.close()
    return context


def dangling_names(edition: Edition, env: Environment) -> list:
    """A warning for each name pointer that finds no entry: not in the registers, not among the
    document's own entries (records.Pointers makes '#x' of a local entry '{doc}.x').  Read from the
    environment's index; a document's file is parsed again only to place the pointers it finds."""
    from lxml import etree

    from ..diagnostics import Diagnostic
    from ..records import MENTION_TAGS, POINTER_ATTRS, Pointers
    from ..xmlio import parse
    known = set(register_mod.load_all(edition.registers, strict=False).entries) if edition.registers else set()
    out = []
    for doc_id in env.ids:
        brief = env.brief(doc_id)
        missing = {ref for ref in (*brief.get("refs", {}), *brief.get("header", ()))
                   if ref not in known and not ref.startswith(f"{doc_id}.")}
        if not missing:
            continue
        file, start = env.source(doc_id)
        where: dict[str, list[int]] = {}
        try:
            root = parse(brief["path"]).getroot()
            pointers = Pointers(doc_id, set())
            for el in root.iter(*(f"{{{TEI_NS}}}{t}" for t in MENTION_TAGS)):
                if any(el.get(a) for a in POINTER_ATTRS):
                    ref, _ = pointers.resolve(el)
                    if ref in missing:
                        # a teiCorpus member is read from the build's resolved copy: its start in the user's file
                        where.setdefault(ref, []).append(start or el.sourceline or 0)
            for sp in root.iter(f"{{{TEI_NS}}}sp"):   # a speech names its speakers through @who
                for token in (sp.get("who") or "").split():
                    ref, _ = pointers.resolve(etree.Element("sp", ref=token), ("ref",))
                    if ref in missing:
                        where.setdefault(ref, []).append(start or sp.sourceline or 0)
        except EditioError:  # the environment read it a moment ago; placing the warning is a courtesy
            pass
        for ref in sorted(missing):
            lines = where.get(ref, [0])
            times = f" ({len(lines)} times)" if len(lines) > 1 else ""
            out.append(Diagnostic(str(file), lines[0], "name-dangling-ref",
                                  f"a name points to {ref!r}, which no register entry and no entry of the "
                                  f"document has{times}: its pages show it unlinked",
                                  "add the entry to the register (or the document's listPerson/listPlace/listOrg), "
                                  "or fix the pointer"))
    return out


def _outside_the_sources(edition: Edition, out: Path) -> None:
    """A builder replaces its whole folder: one that is, or holds, the TEI folder would delete the
    sources it reads.  (A build folder inside the TEI folder is an edition's own layout when its TEI
    files sit at its root: tei = ".", build/ beside them.)"""
    tei, target = edition.tei_dir.resolve(), out.resolve()
    if tei == target or target in tei.parents:
        raise EditioError(f"the build folder holds the TEI folder {edition.tei_dir}; building would delete it",
                          path=str(out), hint="choose an --out that does not contain the TEI folder (default: build/)")
