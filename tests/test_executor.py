"""The executor seam: local processes and a Dask cluster give the same bytes; progress on terminals only."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editio import builders
from editio.edition import load_edition
from editio.executor import InlineExecutor, executor_for, run
from flagship import replicate

EDITIO = Path(sys.executable).parent / "editio"


def _square(x: int) -> int:
    return x * x


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not str(p.relative_to(folder)).startswith("pagefind")}


def test_results_come_back_in_task_order_whatever_the_executor():
    tasks = list(range(200))
    with executor_for("local", 1) as inline:
        assert isinstance(inline, InlineExecutor)
        assert list(run(_square, tasks, inline)) == [t * t for t in tasks]
    with executor_for("local", 2) as pool:
        assert list(run(_square, tasks, pool, chunk=4)) == [t * t for t in tasks]


def test_dask_local_cluster_builds_the_same_bytes_as_local_processes(tmp_path):
    pytest.importorskip("distributed", reason="needs the dask extra (pip install 'editio[dask]')")
    outs = {}
    for spec in ("local", "dask-local"):
        edition = replicate(tmp_path / spec, 10)
        context = builders.build(load_edition(edition / "edition.toml"), ["web"], jobs=2, executor=spec)
        assert len(context.env) == 50
        outs[spec] = tree_bytes(context.outputs["web"])
    assert len(outs["local"]) > 150
    assert outs["local"].keys() == outs["dask-local"].keys()
    assert [k for k in outs["local"] if outs["local"][k] != outs["dask-local"][k]] == []


def _run_on(stderr_is_tty: bool, tmp_path: Path) -> str:
    edition = replicate(tmp_path / ("tty" if stderr_is_tty else "pipe"), 2)
    command = [str(EDITIO), "build", "--edition", str(edition), "--web", "--jobs", "1"]
    if not stderr_is_tty:
        return subprocess.run(command, capture_output=True, text=True, check=True).stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bars_on_a_terminal_and_none_in_logs(tmp_path):
    on_tty = _run_on(True, tmp_path)
    assert "web pages" in on_tty and "doc/s" in on_tty and "10/10" in on_tty
    in_log = _run_on(False, tmp_path)
    assert "doc/s" not in in_log and "\r" not in in_log


def test_dask_local_cluster_validates_the_same_as_local_processes(tmp_path):
    pytest.importorskip("distributed", reason="needs the dask extra (pip install 'editio[dask]')")
    edition = replicate(tmp_path / "e", 10)
    doc = next((edition / "tei").glob("1944-12-15-*-c03.xml"))       # one invalid document among 50
    doc.write_text(doc.read_text(encoding="utf-8").replace("<body>", '<body><p rend="x"><foo/></p>', 1),
                   encoding="utf-8")
    outs = {}
    for extra in (["--jobs", "2"], ["--jobs", "2", "--executor", "dask-local"]):
        proc = subprocess.run([str(EDITIO), "validate", str(edition / "tei"), "--format", "json", *extra],
                              capture_output=True, timeout=600)
        assert proc.returncode == 1, proc.stderr.decode()[-2000:]
        outs[extra[-1]] = proc.stdout
    assert outs["2"] == outs["dask-local"]                          # byte for byte
    assert b'"invalid":1' in outs["2"].replace(b" ", b"") and doc.name.encode() in outs["2"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    """A build killed with SIGKILL (no chance to clean up) leaves no worker processes behind."""
    script = (
        "import os, sys, time\n"
        "from editio.executor import executor_for\n"
        "with executor_for(2) as pool:\n"
        "    futures = [pool.submit(time.sleep, 60) for _ in range(2)]\n"
        "    time.sleep(1)\n"
        "    print(' '.join(map(str, pool._processes)), flush=True)\n"
        "    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1] / "tools")))
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(w) for w in workers)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for pid in left:                       # not to leave them behind when the test fails
        os.kill(pid, 9)
    assert not left


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_pool_works_with_every_start_method(method):
    """Workers started by a fork server (Python 3.14's default on Linux) have it, not editio, as
    their parent: the worker's first act must not take that for its parent's death."""
    script = (
        "import multiprocessing, os\n"
        "from editio.executor import executor_for, run\n"
        "if __name__ == '__main__':\n"
        f"    multiprocessing.set_start_method({method!r})\n"
        "    with executor_for(2) as pool:\n"
        "        print(sorted(run(abs, [-3, -1, -2], pool)))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1] / "tools")))
    assert proc.returncode == 0 and proc.stdout.strip() == "[1, 2, 3]", proc.stderr[-2000:]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][0] != "Z"     # a zombie has ended
    except FileNotFoundError:
        return False


def test_a_huge_jobs_count_does_not_fork_a_process_per_job():
    """Review: `editio build -j 5000` forked 5000 interpreters (a fork-started pool starts every worker
    with the first task): the local pool has at most MAX_WORKERS_PER_CPU workers per CPU."""
    import multiprocessing
    import time
    from editio.executor import MAX_WORKERS_PER_CPU, available_cpus, executor_for
    with executor_for("local", 500) as pool:
        future = pool.submit(time.sleep, 0.3)
        time.sleep(0.1)
        started = len(multiprocessing.active_children())
        future.result()
    assert 1 <= started <= MAX_WORKERS_PER_CPU * available_cpus()
