"""Outputs that survive a crash and refuse to collide: staged folders, output locks, all-or-nothing files.

A builder writes a whole folder through `staged_output`::

    with staged_output(Path("build/web"), ".editio-web", known=SITE_ENTRIES) as stage:
        write(stage.path / "index.html")       # the new site goes here
        stage.take("documents/a.html")         # an unchanged file of the previous site, linked
    # now build/web is the new site; a build killed before this point left the old one intact

- Lock: an advisory `fcntl.flock` on build/.web.lock is held for the whole block.  A second build
  of the same folder raises OutputError "another build is writing build/web (pid N)" (exit 2), or
  waits up to `wait` seconds (None: as long as it takes) for the first to finish.
- Staging: everything is written into a sibling folder (build/.web.staging-<pid>), which replaces
  the output by rename at the end.  An exception or SIGTERM removes the staging folder; a SIGKILL
  leaves it, and the next build removes it.  Either way the previous output is untouched.  Between
  the two renames of the swap (old output aside, new one in) a kill leaves build/.web.old-<pid>,
  which the next build puts back.
- Ownership: an existing output is replaced only if it holds `marker`, or if every name in it is one
  the builder writes (`known`): that is a site half-deleted by an older editio (which cleared the
  folder in place), repaired by replacing it.  Anything else is refused with the names that are not
  ours, and never deleted.

A set of files (convert, tag) is written through `write_all`: every file is first written in full
to a temporary file beside its target; then a journal listing the renames is written, the renames
are done in order, and the journal removed.  An exception removes every temporary file and changes
no target; a kill during the renames leaves the journal, and the next `write_all` (or `recover`)
into that folder finishes them, so the folder never stays a mix of old and new files.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import EditioError, OutputError

JOURNAL = ".editio-commit.json"
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")     # what xmlio.atomic_write / write_all leave


# --------------------------------------------------------------------------- the lock

@contextmanager
def output_lock(out_dir: Path, wait: float | None = 0) -> Iterator[Path]:
    """Hold an exclusive advisory lock on `out_dir` (the file <parent>/.<name>.lock) for the block.

    wait=0: refuse at once if another process holds it; a number: wait that many seconds;
    None: wait as long as it takes.  The lock dies with its process, so it never goes stale.
    """
    out_dir = Path(out_dir)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError.from_os(exc, out_dir) from None
    try:
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait is None else fcntl.LOCK_NB))
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise OutputError.from_os(exc, lock_path) from None
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise OutputError(f"another build is writing {out_dir} (pid {holder}); "
                                      "wait for it to finish") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield lock_path
    finally:
        os.close(fd)     # releases the lock; the file stays (deleting it would race a waiter)


# --------------------------------------------------------------------------- staged folders

@dataclass
class Stage:
    path: Path                 # where to write the new output
    previous: Path | None      # the output of the previous build, to take unchanged files from
    _made: set = field(default_factory=set, repr=False)    # folders take() has made
    on_abort: list = field(default_factory=list, repr=False)   # called before a failed stage is removed

    def take(self, relpath: str) -> None:
        """Carry one file of the previous output over unchanged (a hard link where possible)."""
        if self.previous is None:
            raise EditioError("no previous output to take files from", path=str(self.path))
        source, target = f"{self.previous}/{relpath}", f"{self.path}/{relpath}"   # no pathlib: 80,000 calls at scale
        folder = target.rpartition("/")[0]
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


@contextmanager
def staged_output(out: Path, marker: str = ".editio-output", known: Iterable[str] = (),
                  wait: float | None = 0) -> Iterator[Stage]:
    """Build into a staging folder beside `out` and swap it in when the block succeeds.

    `known`: the top-level names the builder writes, by which a folder half-written by an older
    editio is recognised.  `wait`: see output_lock.  See the module notes."""
    out = Path(out)
    with output_lock(out, wait):
        _recover_folder(out)
        _check_owned(out, marker, set(known) | {marker})
        stage_path = out.parent / f".{out.name}.staging-{os.getpid()}"
        try:
            stage_path.mkdir()
        except OSError as exc:
            raise OutputError.from_os(exc, out) from None
        previous = out if (out / marker).is_file() else None     # a repaired folder gives nothing
        stage = Stage(stage_path, previous)
        try:
            yield stage
            (stage_path / marker).write_text("written by editio\n", encoding="utf-8")
            _swap(stage_path, out)
        except BaseException:
            for hook in stage.on_abort:          # e.g. wait for a writer still busy in the stage
                try:
                    hook()
                except Exception:
                    pass
            shutil.rmtree(stage_path, ignore_errors=True)
            raise


def _swap(stage: Path, out_dir: Path) -> None:
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    try:
        if out_dir.exists() or out_dir.is_symlink():
            os.rename(out_dir, old)
        os.rename(stage, out_dir)
    except OSError as exc:
        if old.exists() and not out_dir.exists():
            os.rename(old, out_dir)
        raise OutputError.from_os(exc, out_dir) from None
    shutil.rmtree(old, ignore_errors=True)


def _recover_folder(out_dir: Path) -> None:
    """Undo what a killed build left beside `out_dir` (we hold the lock: nobody else is writing)."""
    parent, name = out_dir.parent, out_dir.name
    olds = sorted(parent.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not out_dir.exists():
        os.rename(olds.pop(), out_dir)       # killed between the two renames: the previous site back
    for leftover in olds + list(parent.glob(f".{name}.staging-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def _check_owned(out_dir: Path, marker: str, known: set[str]) -> None:
    if not out_dir.is_dir():
        if out_dir.exists():
            raise OutputError("output exists and is not a folder; refusing to replace it",
                              path=str(out_dir))
        return
    names = {p.name for p in out_dir.iterdir()}
    if not names or marker in names or names <= known:
        return
    strangers = ", ".join(sorted(names - known)[:5])
    raise OutputError(f"output folder exists and was not written by editio (it holds {strangers}); "
                      "refusing to replace it", path=str(out_dir),
                      hint="choose another --out, or move the folder away")


# --------------------------------------------------------------------------- all-or-nothing files

def write_all(files: Iterable[tuple[Path, bytes]], threads: int = 1) -> None:
    """Write every (path, data) or none: full temporary files first, then renames in order.
    `threads` > 1 writes the temporary files in parallel (their fsyncs overlap)."""
    files = [(Path(p), d.encode("utf-8") if isinstance(d, str) else d) for p, d in files]
    if not files:
        return
    folders = sorted({p.parent.resolve() for p, _ in files})
    with ExitStack() as locks:
        for folder in folders:                 # sorted: two writers never wait on each other
            locks.enter_context(_folder_lock(folder))
            recover(folder)
        _write_all(files, folders, threads)


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """flock on the folder itself: concurrent writers into it take turns; no lock file is left."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise OutputError.from_os(exc, folder) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_all(files: list[tuple[Path, bytes]], folders: list[Path], threads: int = 1) -> None:
    temps: list[tuple[str, Path]] = []       # appended from worker threads (list.append is atomic)
    journal = folders[0] / JOURNAL
    umask = os.umask(0)
    os.umask(umask)

    def write_temp(item: tuple[Path, bytes]) -> None:
        path, data = item
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise OutputError.from_os(exc, path) from None
        temps.append((tmp, path))
        try:
            os.fchmod(fd, 0o666 & ~umask)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError.from_os(exc, path) from None

    try:
        if threads > 1 and len(files) > 1:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=threads) as pool:
                list(pool.map(write_temp, files))
        else:
            for item in files:
                write_temp(item)
        order = {str(path): k for k, (path, _) in enumerate(files)}
        temps.sort(key=lambda t: order[str(t[1])])     # renamed in the order given
        _write_journal(journal, temps)
    except BaseException:
        for tmp, _ in temps:
            _unlink(tmp)
        raise
    _commit(journal, temps)


def recover(folder: Path) -> list[Path]:
    """Finish the renames a killed `write_all` left in `folder`; remove its stray temporary files.

    Returns the files it completed.  Call it holding the folder's lock (write_all does)."""
    folder = Path(folder)
    journal = folder / JOURNAL
    done: list[Path] = []
    if journal.is_file():
        try:
            pairs = [(tmp, Path(target)) for tmp, target in json.loads(journal.read_text("utf-8"))]
        except (ValueError, TypeError):
            pairs = []
        for tmp, target in pairs:
            if os.path.exists(tmp):
                os.replace(tmp, target)
                done.append(target)
        _unlink(journal)
    if folder.is_dir():
        for stray in folder.iterdir():
            if _TEMP.match(stray.name) and stray.is_file():
                _unlink(stray)
    return done


def _write_journal(journal: Path, temps: list[tuple[str, Path]]) -> None:
    data = json.dumps([[os.path.abspath(tmp), os.path.abspath(target)] for tmp, target in temps]).encode()
    tmp = journal.with_name(journal.name + ".part")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, journal)
    except OSError as exc:
        _unlink(tmp)
        raise OutputError.from_os(exc, journal) from None


def _commit(journal: Path, temps: list[tuple[str, Path]]) -> None:
    try:
        for tmp, target in temps:
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError.from_os(exc, target) from None     # the journal finishes it next time
    _unlink(journal)


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
