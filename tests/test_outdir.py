"""Outputs that survive a crash and refuse to collide (editio.outdir), and the commands that use them.

The kill tests run `editio build --web` / `editio convert` in a subprocess and SIGKILL them at random
moments.  The normal suite kills a few times; `HYPOTHESIS_PROFILE=long` (make test-long) kills 24+.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editio.errors import OutputError
from editio.outdir import JOURNAL, output_lock, recover, staged_output, write_all

ROOT = Path(__file__).resolve().parents[1]
WEB_TEI = ROOT / "tests" / "fixtures" / "web" / "tei"
REGISTER = WEB_TEI / "register" / "register.xml"
TAG_DOC = ROOT / "tests" / "fixtures" / "tagging" / "1944-06-10-fixture.xml"
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
KILLS = int(os.environ.get("EDITIO_KILLS", 24 if LONG else 4))


def command(*args):
    return [sys.executable, "-c", "from editio.cli import main; main()", *map(str, args)]


ENV = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))


def editio(*args, timeout=300):
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=timeout, env=ENV)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder (hidden ones too) by relative path, with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """What a build left beside its output besides the output, its lock and the build cache."""
    return sorted(p.name for p in folder.iterdir() if p.name not in {"web", ".web.lock", ".environment"})


def complete(snap: dict[str, str], reference: dict[str, str]) -> bool:
    """The same site: every file but Pagefind's byte for byte (Pagefind names its index files by
    a hash that differs from run to run), and Pagefind's entry points present."""
    def mine(s):
        return {k: v for k, v in s.items() if not k.startswith("pagefind/")}
    return mine(snap) == mine(reference) and {"pagefind/pagefind.js", "pagefind/pagefind-entry.json"} <= set(snap)


# --------------------------------------------------------------------------- staged_output

def test_a_failing_build_leaves_the_previous_output_and_no_staging(tmp_path):
    out = tmp_path / "web"
    with staged_output(out, marker=".m") as stage:
        (stage.path / "index.html").write_text("first", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(RuntimeError):
        with staged_output(out, marker=".m") as stage:
            (stage.path / "index.html").write_text("half", encoding="utf-8")
            raise RuntimeError("the build failed half-way")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".web.lock", "web"]


def test_the_new_output_replaces_the_old_one_whole(tmp_path):
    out = tmp_path / "web"
    with staged_output(out, marker=".m") as stage:
        (stage.path / "old-only.html").write_text("x", encoding="utf-8")
    with staged_output(out, marker=".m") as stage:
        (stage.path / "index.html").write_text("new", encoding="utf-8")
    assert sorted(snapshot(out)) == [".m", "index.html"]
    assert oct(out.stat().st_mode & 0o777) != oct(0o700)        # not mkdtemp's private mode


def test_a_folder_not_written_by_editio_is_refused_and_kept(tmp_path):
    out = tmp_path / "web"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(OutputError, match="thesis.docx"):
        with staged_output(out, marker=".m", known={"index.html"}):
            pass
    assert (out / "thesis.docx").read_text(encoding="utf-8") == "years of work"
    assert not list(tmp_path.glob(".web.staging-*"))


def test_a_site_half_deleted_by_an_older_editio_is_repaired(tmp_path):
    """The old build cleared the folder in place: killed there, it left pages without the marker."""
    out = tmp_path / "build"
    proc = editio("build", WEB_TEI, "--web", "--out", out)
    assert proc.returncode == 0, proc.stderr
    site = out / "web"
    reference = snapshot(site)
    from editio.builders.web import SITE_ENTRIES
    assert {p.name for p in site.iterdir()} - {".editio-web"} <= SITE_ENTRIES   # every name a build writes is known
    (site / ".editio-web").unlink()
    shutil.rmtree(site / "register")
    (site / "index.html").unlink()
    proc = editio("build", WEB_TEI, "--web", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert complete(snapshot(site), reference)


def test_a_build_killed_between_the_two_renames_gets_its_previous_site_back(tmp_path):
    out = tmp_path / "web"
    with staged_output(out, marker=".m") as stage:
        (stage.path / "index.html").write_text("previous", encoding="utf-8")
    os.rename(out, tmp_path / ".web.old-99999")            # the state a kill between renames leaves
    (tmp_path / ".web.staging-99999-abc").mkdir()           # and its staging folder
    with pytest.raises(RuntimeError):
        with staged_output(out, marker=".m"):
            assert (out / "index.html").read_text(encoding="utf-8") == "previous"
            raise RuntimeError
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".web.lock", "web"]


# --------------------------------------------------------------------------- the lock

HOLD = """
import sys, time
from pathlib import Path
from editio.outdir import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(out: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(out), str(seconds)], stdout=subprocess.PIPE,
                            text=True, env=ENV)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_writer_is_refused_with_the_pid_of_the_first(tmp_path):
    out = tmp_path / "web"
    holder = hold_lock(out, 30)
    try:
        with pytest.raises(OutputError, match=rf"another build is writing {out} \(pid {holder.pid}\)"):
            with output_lock(out):
                pass
    finally:
        holder.kill()
        holder.wait()
    with output_lock(out):          # the lock died with its holder: never stale
        pass


def test_a_second_writer_may_wait_for_the_first(tmp_path):
    out = tmp_path / "web"
    holder = hold_lock(out, 1.0)
    start = time.monotonic()
    with output_lock(out, wait=60):
        waited = time.monotonic() - start
    holder.wait()
    assert waited > 0.3


def test_two_concurrent_builds_one_refuses_cleanly_and_the_site_is_complete(tmp_path):
    reference_out = tmp_path / "ref"
    assert editio("build", WEB_TEI, "--web", "--out", reference_out).returncode == 0
    reference = snapshot(reference_out / "web")
    out = tmp_path / "build"
    for _ in range(3):
        procs = [subprocess.Popen(command("build", WEB_TEI, "--web", "--out", out), env=ENV,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        codes = sorted(code for code, _ in results)
        assert codes in ([0, 0], [0, 2]), results
        for code, err in results:
            assert "Traceback" not in err
            if code == 2:
                assert f"another build is writing {out / 'web'} (pid " in err and len(err.strip().splitlines()) == 1
        assert complete(snapshot(out / "web"), reference)
        assert leftovers(out) == []


# --------------------------------------------------------------------------- kill tests

def _kill_at_random(args, rng: random.Random, span: float) -> None:
    proc = subprocess.Popen(command(*args), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.05, span))
    proc.send_signal(signal.SIGKILL if rng.random() < 0.8 else signal.SIGTERM)
    proc.wait()


def test_a_build_killed_at_random_moments_leaves_the_previous_site_and_the_next_build_works(tmp_path):
    out = tmp_path / "build"
    start = time.monotonic()
    assert editio("build", WEB_TEI, "--web", "--out", out).returncode == 0
    span = (time.monotonic() - start) * 1.1
    reference = snapshot(out / "web")
    rng = random.Random(17)
    for _ in range(KILLS):
        _kill_at_random(["build", WEB_TEI, "--web", "--out", out], rng, span)
        # the previous site, or (killed after the swap) the new one: whole either way
        assert complete(snapshot(out / "web"), reference)
    proc = editio("build", WEB_TEI, "--web", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert complete(snapshot(out / "web"), reference)
    assert leftovers(out) == []


SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_convert_killed_at_random_moments_never_leaves_a_mix_once_recovered(tmp_path):
    from editio.convert import fingerprinted
    out = tmp_path / "tei"
    assert editio("convert", *SEEDS, "--out", out).returncode == 0
    new = snapshot(out)
    # an older run of editio wrote other (fingerprinted, not hand-edited) versions of the same files
    old_bytes = {}
    for name in new:
        data = (out / name).read_bytes()
        decl, _, rest = data.partition(b"\n")
        rest = rest.split(b"\n", 1)[1].replace(b"</TEI>", b"<!-- older -->\n</TEI>")
        old_bytes[name] = fingerprinted(decl + b"\n" + rest)
    old = {n: hashlib.sha256(d).hexdigest() for n, d in old_bytes.items()}
    rng = random.Random(4)
    start = time.monotonic()
    assert editio("convert", *SEEDS, "--out", tmp_path / "timing").returncode == 0
    span = time.monotonic() - start
    for _ in range(max(3, KILLS // 2)):
        for name, data in old_bytes.items():
            (out / name).write_bytes(data)
        _kill_at_random(["convert", *SEEDS, "--out", out], rng, span)
        state = snapshot(out)
        visible = {n: h for n, h in state.items() if n in new}
        if visible not in (old, new):
            assert JOURNAL in state, "a mix of old and new files without a journal to finish it"
        recover(out)
        state = snapshot(out)
        assert state in (old, new), sorted(set(state) ^ set(new))


# --------------------------------------------------------------------------- all or nothing

def test_write_all_changes_nothing_when_one_file_cannot_be_written(tmp_path, monkeypatch):
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    calls = []
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="No space left"):
        write_all([(a, b"new a"), (b, b"new b")])
    monkeypatch.undo()
    assert a.read_text(encoding="utf-8") == "old a" and b.read_text(encoding="utf-8") == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.xml"]


def test_recover_finishes_the_renames_a_kill_interrupted(tmp_path):
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    write_all([(a, b"old a"), (b, b"old b")])
    tmp_b = tmp_path / ".b.xml.abcdefgh.tmp"
    tmp_b.write_bytes(b"new b")
    a.write_bytes(b"new a")                                 # the first rename was done, then a kill
    (tmp_path / JOURNAL).write_text(f'[["{tmp_path}/.a.xml.zzzzzzzz.tmp", "{a}"], ["{tmp_b}", "{b}"]]',
                                    encoding="utf-8")
    (tmp_path / ".c.xml.qqqqqqqq.tmp").write_bytes(b"half")  # a temp of a run killed while writing
    assert recover(tmp_path) == [b]
    assert a.read_bytes() == b"new a" and b.read_bytes() == b"new b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.xml"]


def test_tag_good_and_bad_changes_neither(tmp_path):
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    shutil.copy(TAG_DOC, good)
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>unclosed</body></text></TEI>",
                   encoding="utf-8")
    proc = editio("tag", good, bad, "--register", REGISTER)
    assert proc.returncode == 2 and "bad.xml" in proc.stderr and "Traceback" not in proc.stderr
    assert good.read_bytes() == TAG_DOC.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xml", "good.xml"]
    proc = editio("tag", good, "--register", REGISTER)      # alone, it is tagged
    assert proc.returncode == 0 and good.read_bytes() != TAG_DOC.read_bytes()


def test_convert_with_one_bad_source_writes_none(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(SEEDS[3].read_text(encoding="utf-8") + "\ufffe", encoding="utf-8")
    out = tmp_path / "tei"
    proc = editio("convert", SEEDS[0], bad, "--out", out)
    assert proc.returncode == 2
    assert not out.exists() or not list(out.iterdir())
