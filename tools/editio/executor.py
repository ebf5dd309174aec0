"""The executor seam: where per-document work (convert, validate, record, render) runs.

Stages never start processes themselves; they call `run(tasks, fn, executor)` with a
`concurrent.futures.Executor` from `executor_for(spec)`.  Results come back in the order of the
tasks, whatever order the workers finish in, so output is byte-identical for any number of
workers.  Task functions must be top-level (picklable) and take and return plain data: workers
never share memory with the caller.

Specs: an int or "local" (processes on this machine; 1 runs in-process, with no pool), and, for
work beyond one machine, "dask-local" or "dask://HOST:PORT" (Dask distributed's
`Client.get_executor()`, from the `dask` extra).
"""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from .errors import EditioError


MAX_WORKERS_PER_CPU = 4


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class InlineExecutor(Executor):
    """Runs each task at once in the calling process (--jobs 1): no pickling, easy to debug."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered through the future, as a pool would
            future.set_exception(exc)
        return future


def _end_with_parent(parent: int | None) -> None:
    """A pool worker's first act: be killed when the process that started it ends, even by SIGKILL
    (Linux's PR_SET_PDEATHSIG), instead of waiting on its queue for ever.  Its work went to the
    staged output of a process that is gone: nothing of it is kept.  `parent`: the pid the worker's
    parent must have (fork, spawn); None where a server process starts the workers (forkserver,
    Python 3.14's default: it ends with editio, and its workers then with it)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if parent is not None and os.getppid() != parent:      # the parent ended before the line above
        os._exit(1)


@contextlib.contextmanager
def executor_for(spec: str | int | None = None, jobs: int | None = None) -> Iterator[Executor]:
    """An executor for `spec` ("local", "dask-local", "dask://host:port") and `jobs` workers."""
    spec = "local" if spec in (None, "", "local") else spec
    if isinstance(spec, int):
        spec, jobs = "local", spec
    if spec == "local":
        # a pool started by fork starts all its workers at once: `--jobs 5000` would fork 5000
        # interpreters for two documents.  More than a few per CPU only wait on one another.
        workers = min(jobs or available_cpus(), MAX_WORKERS_PER_CPU * available_cpus())
        if workers <= 1:
            yield InlineExecutor()
            return
        import multiprocessing
        direct = multiprocessing.get_start_method() in ("fork", "spawn")   # the pool's own context
        with ProcessPoolExecutor(max_workers=workers, initializer=_end_with_parent,
                                 initargs=(os.getpid() if direct else None,)) as pool:
            yield pool
        return
    if spec == "dask-local" or str(spec).startswith("dask://"):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EditioError(f"--executor {spec} needs Dask distributed",
                              hint="pip install 'editio[dask]'") from None
        if spec == "dask-local":
            with LocalCluster(n_workers=jobs or 2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                yield client.get_executor()
        else:
            address = "tcp://" + str(spec)[len("dask://"):]
            with Client(address) as client:
                yield client.get_executor()
        return
    raise EditioError(f"unknown executor {spec!r}", hint="use local, dask-local or dask://HOST:PORT")


def run(fn: Callable, tasks: Iterable, executor: Executor | None = None,
        progress: Callable[[int, int], None] | None = None, chunk: int = 64, total: int | None = None) -> Iterator:
    """fn(task) for every task, yielded in task order; at most `chunk` tasks are in flight per
    worker batch, so memory stays bounded however many tasks there are.

    `tasks` may be a generator, pulled only as workers take tasks (so the caller can prepare
    later tasks while the first ones run); then `total` says how many it gives, for progress."""
    if total is None:
        tasks = list(tasks)
        total = len(tasks)
    source = iter(tasks)
    if executor is None or isinstance(executor, InlineExecutor) or total == 1:   # one task: no worker to wake
        for done, task in enumerate(source, start=1):
            yield fn(task)
            if progress:
                progress(done, total)
        return
    window = max(chunk, 1)
    pending: list[Future] = []
    done = 0
    exhausted = False
    while not exhausted or pending:
        while not exhausted and len(pending) < window:
            try:
                pending.append(executor.submit(fn, next(source)))
            except StopIteration:
                exhausted = True
        if not pending:
            break
        future = pending.pop(0)
        yield future.result()
        done += 1
        if progress:
            progress(done, total)
