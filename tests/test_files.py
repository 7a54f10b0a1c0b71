"""Files an interrupt or a second run must not spoil: temporaries cleaned, saves that keep
the file's mode and write through links, the lock on a sweep folder, the estimate before a
large sweep, and scheduler addresses checked before a folder is made (issue 16)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from thermo_orbit import load_design
from thermo_orbit.cli import main
from thermo_orbit.design import default_design_path, save_design
from thermo_orbit.errors import InputError
from thermo_orbit.sweeps import (
    LARGE_BYTES,
    LARGE_DESIGNS,
    SweepError,
    check_scheduler_address,
    estimate_sweep,
    lock_directory,
    parse_sweep_spec,
    run_sweep,
    summarize,
)

DESIGNS = default_design_path().parent
TINY = {"sweep": {"base": "default.toml", "chunk_size": 2},
        "axis": [{"field": "rack.power", "values": ["80 kW", "100 kW", "120 kW", "140 kW"]}]}


def _tiny():
    return parse_sweep_spec(TINY, "tiny.toml", base_dir=DESIGNS)


def _old(path):
    """Make ``path`` look as if a process before this one wrote it."""
    t = time.time() - 3600
    os.utime(path, (t, t))


# ---------------------------------------------------------------- save_design

def test_save_keeps_the_mode_of_an_existing_file(tmp_path):
    d = load_design(default_design_path())
    p = tmp_path / "mine.toml"
    save_design(d, p)
    os.chmod(p, 0o600)
    save_design(d.with_fields({"rack.power": "130 kW"}), p)
    assert (os.stat(p).st_mode & 0o777) == 0o600
    assert load_design(p)["rack.power"].to("kW").magnitude == 130


def test_save_writes_through_a_symlink_to_its_target(tmp_path):
    d = load_design(default_design_path())
    target = tmp_path / "real" / "design.toml"
    target.parent.mkdir()
    save_design(d, target)
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    save_design(d.with_fields({"rack.power": "90 kW"}), link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert load_design(target)["rack.power"].to("kW").magnitude == 90
    assert not list(tmp_path.glob(".*.tmp")) and not list(target.parent.glob(".*.tmp"))


def test_save_removes_stale_temporaries_of_that_file_only(tmp_path):
    d = load_design(default_design_path())
    p = tmp_path / "plan.toml"
    stale = tmp_path / ".plan.toml.k1ll3d.tmp"  # a save killed before this process started
    fresh = tmp_path / ".plan.toml.inflight.tmp"  # another process saving right now
    other = tmp_path / ".other.toml.k1ll3d.tmp"  # another file's temporary
    for f in (stale, fresh, other):
        f.write_text("half")
    _old(stale)
    _old(other)
    save_design(d, p)
    assert not stale.exists() and fresh.exists() and other.exists()


# ---------------------------------------------------------------- sweep folders

def test_resume_and_start_remove_stale_temporaries(tmp_path):
    out = tmp_path / "r"
    run_sweep(_tiny(), out, finish=False)
    left = [out / "chunks" / ".chunk-000001.parquet.x1y2z3.tmp", out / ".manifest.json.a1b2.tmp"]
    for f in left:
        f.write_bytes(b"\0" * 1000)
    (out / "chunks" / "chunk-000001.parquet").unlink()  # the chunk that was being written
    s = run_sweep(_tiny(), out, resume=True, finish=False)
    assert s.complete and not any(f.exists() for f in left)
    # a new sweep into a folder holding only a killed run's temporaries starts and cleans them
    new = tmp_path / "n"
    new.mkdir()
    (new / ".manifest.json.q.tmp").write_text("{")
    assert run_sweep(_tiny(), new, finish=False).complete
    assert not list(new.glob(".*.tmp"))


def test_sigkilled_sweep_resumes_to_the_full_result(tmp_path):
    spec = tmp_path / "slow.toml"
    spec.write_text(f'[sweep]\nbase = "{(DESIGNS / "default.toml").as_posix()}"\nsamples = 24\nchunk_size = 3\n'
                    '[[axis]]\nfield = "orbit.altitude"\nsample = "random"\nbounds = ["500 km", "1200 km"]\n')
    out = tmp_path / "r"
    proc = subprocess.Popen([sys.executable, "-m", "thermo_orbit.cli", "sweep", str(spec), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not (out / "chunks" / "chunk-000002.parquet").exists():
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    (out / "chunks" / ".chunk-000007.parquet.k1ll3d.tmp").write_bytes(b"PAR1" * 1000)  # a write cut short
    assert main(["sweep", str(spec), "--out", str(out), "--resume"]) == 0
    s = summarize(out)
    assert s.complete and s.designs == 24
    assert not list((out / "chunks").glob(".*.tmp"))


def test_a_second_run_on_a_locked_folder_fails_naming_the_folder_and_the_process(tmp_path):
    out = tmp_path / "r"
    run_sweep(_tiny(), out, finish=False)
    held = pytest.raises(SweepError, match=rf"{out}.*in use by another sweep \(pid {os.getpid()}")
    with lock_directory(out), held:  # the lock: what a first run holds while it computes
        run_sweep(_tiny(), out, resume=True, finish=False)
    assert run_sweep(_tiny(), out, resume=True, finish=False).complete  # released at the end


def test_large_sweep_needs_yes_and_shows_its_estimate(tmp_path, capsys):
    table = {"sweep": {"base": "default.toml", "samples": 10**10},
             "axis": [{"field": "rack.power", "sample": "lhs", "bounds": ["50 kW", "300 kW"]}]}
    spec = parse_sweep_spec(table, "huge.toml", base_dir=DESIGNS)
    e = estimate_sweep(spec)
    assert e.designs == 10**10 and e.large and e.bytes > LARGE_BYTES and e.seconds > 3600
    with pytest.raises(SweepError, match="--yes"):
        run_sweep(spec, tmp_path / "r")
    assert not (tmp_path / "r").exists()
    path = tmp_path / "huge.toml"
    path.write_text(f'[sweep]\nbase = "{(DESIGNS / "default.toml").as_posix()}"\nsamples = 10000000000\n'
                    '[[axis]]\nfield = "rack.power"\nsample = "lhs"\nbounds = ["50 kW", "300 kW"]\n')
    assert main(["sweep", str(path), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "estimate: 1e+10 designs, up to" in err and "TB" in err and "--yes" in err
    assert not estimate_sweep(_tiny()).large and LARGE_DESIGNS == 10**8


@pytest.mark.parametrize("address", ["foo", "tcp://", "tcp://host:notaport", "http://host:8786",
                                     "tcp://127.0.0.1:99999", "::::", ""])
def test_malformed_scheduler_address_is_refused_before_anything(tmp_path, address):
    with pytest.raises(InputError, match="scheduler: expected an address such as tcp://"):
        run_sweep(_tiny(), tmp_path / "r", scheduler=address)
    assert not (tmp_path / "r").exists()
    assert check_scheduler_address("10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_scheduler_address("tls://[::1]:8786") == "tls://[::1]:8786"


def _junk_server():
    """A TCP server that is not a Dask scheduler (it greets like SSH)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)

    def serve():
        while True:
            try:
                c, _ = srv.accept()
            except OSError:
                return
            try:
                c.sendall(b"SSH-2.0-OpenSSH_9.6\r\n" * 64)
                c.recv(64)
            except OSError:
                pass
            c.close()

    threading.Thread(target=serve, daemon=True).start()
    return srv


def test_a_server_that_is_not_a_scheduler_is_a_clear_error_and_leaves_no_folder(tmp_path, capsys):
    pytest.importorskip("distributed")
    srv = _junk_server()
    address = f"tcp://127.0.0.1:{srv.getsockname()[1]}"
    try:
        with pytest.raises(SweepError, match="not as a Dask scheduler"):
            run_sweep(_tiny(), tmp_path / "r", scheduler=address)
    finally:
        srv.close()
    assert not (tmp_path / "r").exists()
    assert run_sweep(_tiny(), tmp_path / "r", finish=False).complete  # the rerun is not refused


def test_pareto_waits_for_no_running_sweep(tmp_path, capsys):
    out = tmp_path / "r"
    run_sweep(_tiny(), out, finish=False)
    with lock_directory(out):
        assert main(["pareto", str(out), "--no-plots"]) == 2
    assert "in use by another sweep" in capsys.readouterr().err
    assert main(["pareto", str(out), "--no-plots"]) == 0
