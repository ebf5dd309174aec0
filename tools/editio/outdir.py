"""Output folders that survive a crash: build into a staging folder beside the output, swap it in
at the end.

    with staged_output(Path("build/web"), ".editio-web") as stage:
        write(stage.path / "index.html")       # the new site goes here
        stage.take("documents/a.html")         # an unchanged file of the previous site, linked
    # now build/web is the new site; a build killed before this point left the old one intact

Only a folder that editio wrote (it holds the marker file) is ever replaced; a foreign non-empty
folder is refused.  A lock file beside the output keeps two builds from writing it at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import EditioError


@dataclass
class Stage:
    path: Path                 # where to write the new output
    previous: Path | None      # the output of the previous build, to take unchanged files from

    def take(self, relpath: str) -> None:
        """Carry one file of the previous output over unchanged (a hard link where possible)."""
        if self.previous is None:
            raise EditioError("no previous output to take files from", path=str(self.path))
        source, target = self.previous / relpath, self.path / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def _foreign(out: Path, marker: str) -> bool:
    return out.is_dir() and any(out.iterdir()) and not (out / marker).exists()


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    lock_path = out.parent / f".{out.name}.lock"
    try:
        handle = open(lock_path, "a+")
    except OSError as exc:
        raise EditioError(f"cannot write the output folder: {exc.strerror}", path=str(out.parent)) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            pid = handle.read().strip() or "?"
            raise EditioError(f"another build is writing {out} (pid {pid})", path=str(out),
                              hint="wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged_output(out: Path, marker: str) -> Iterator[Stage]:
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EditioError(f"cannot create the output folder: {exc.strerror}", path=str(out.parent)) from None
    if out.exists() and not out.is_dir():
        raise EditioError("output path exists and is not a folder", path=str(out))
    if _foreign(out, marker):
        raise EditioError("output folder exists and was not written by editio; refusing to overwrite",
                          path=str(out), hint="choose another --out, or remove the folder")
    with _lock(out):
        # leftovers of builds that were killed (their pid is in the name; they are ours)
        for stale in out.parent.glob(f".{out.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for stale in out.parent.glob(f".{out.name}.old-*"):
            shutil.rmtree(stale, ignore_errors=True)
        stage_path = out.parent / f".{out.name}.staging-{os.getpid()}"
        try:
            stage_path.mkdir()
        except OSError as exc:
            raise EditioError(f"cannot write the output folder: {exc.strerror}", path=str(out.parent)) from None
        previous = out if out.is_dir() and (out / marker).exists() else None
        try:
            yield Stage(stage_path, previous)
            (stage_path / marker).write_text("written by editio\n", encoding="utf-8")
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            if out.exists():
                os.rename(out, old)
            os.rename(stage_path, out)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(stage_path, ignore_errors=True)
            raise
