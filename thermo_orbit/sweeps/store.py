"""The results folder of a sweep: its manifest, the Parquet chunks and their column units,
the check before a run writes into it, the lock that keeps a second run out, the temporary
files an interrupted run leaves, and the size estimate asked for before a large sweep.

:mod:`thermo_orbit.sweeps.engine` runs the sweep; this module only handles its folder::

    OUT/manifest.json          spec fingerprint, design and chunk counts, columns and units
    OUT/spec.toml              the spec as run
    OUT/chunks/chunk-000000.parquet ...
    OUT/.lock                  held by the run writing into the folder
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._io import atomic_write_text
from .._version import __version__
from ..batch import KERNEL_FIELDS, OUTPUTS
from ..design import FIELDS
from ..errors import ThermoOrbitError
from ..units import unit_text

__all__ = ["SweepError", "SweepEstimate", "estimate_sweep", "LARGE_DESIGNS", "LARGE_BYTES", "check_directory",
           "lock_directory", "remove_stale_temporaries", "chunk_path", "chunk_ok", "read_manifest", "MANIFEST",
           "new_manifest", "write_manifest", "result_units", "read_results", "column_units", "parquet_bytes"]

MANIFEST = "manifest.json"
LOCK = ".lock"
FORMAT = 1  #: version of the folder's layout, recorded in the manifest
#: a sweep above either of these needs ``--yes`` (``yes=True``) to run
LARGE_DESIGNS = 10**8
LARGE_BYTES = 10 * 10**9

# Rough rates for the estimate, from the README's benchmark table (benchmarks/run.py on a
# 2-core machine): 1.2 to 1.4 x 10^5 designs/s serial on kernel fields; about 25 ms to
# prepare each distinct combination of the other fields; about 40 designs/s when such a
# field is sampled (every design its own orbit and sinks).
_KERNEL_RATE = 1.2e5
_GROUP_SECONDS = 0.025
_SAMPLED_GROUP_RATE = 40.0


class SweepError(ThermoOrbitError):
    """A sweep cannot run or cannot be read (output folder, resume mismatch, cluster)."""


def chunk_path(directory: Path, k: int) -> Path:
    """``directory/chunks/chunk-<k>.parquet``."""
    return Path(directory) / "chunks" / f"chunk-{k:06d}.parquet"


def chunk_ok(path: Path) -> bool:
    """A chunk file whose Parquet footer reads (else it is recomputed)."""
    import pyarrow.parquet as pq

    try:
        pq.read_metadata(path)
        return True
    except Exception:  # noqa: BLE001 - a damaged file is recomputed
        return False


def result_units(spec) -> dict[str, str]:
    """Unit of every result column of ``spec`` (a :class:`~thermo_orbit.sweeps.spec.SweepSpec`)
    as pint reads it back ("" for a column without unit)."""
    units = {"design_id": "", "feasible": "", "binding_constraint": "", "flags": ""}
    for a in spec.axes:
        units[a.field] = FIELDS[a.field].unit or ""
    for o in spec.outputs:
        units[o] = OUTPUTS[o]
    if spec.verify == "transient":
        units.update({"transient.feasible": "", "transient.freeze_margin": "K",
                      "transient.battery_depth_of_discharge_margin": "", "transient.heater_orbit_average": "kW"})
    if getattr(spec, "method", "steady") == "orbit":
        from ..sizing import ORBIT_OUTPUTS

        units.update({**ORBIT_OUTPUTS, "orbit_sizing.binding": ""})
    return {name: unit_text(u) for name, u in units.items()}


def parquet_bytes(table, *, compact: bool = False) -> bytes:
    """A pyarrow Table as Parquet bytes.  ``compact`` (the chunks): snappy, and dictionary
    encoding only where values repeat (text columns); on float columns dictionary encoding
    costs three quarters of the write time and gains nothing, and zstd takes 2.8 times
    snappy's time for 8 % smaller files (measured on 75 float columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    if compact:
        text = [f.name for f in table.schema if pa.types.is_string(f.type) or pa.types.is_dictionary(f.type)]
        pq.write_table(table, buf, compression="snappy", use_dictionary=text)
    else:
        pq.write_table(table, buf)
    return buf.getvalue()


def new_manifest(spec, stats: dict) -> dict:
    """The manifest of a run of ``spec`` with the finished chunks' ``stats`` (chunk number
    as text → its counts)."""
    return {"format": FORMAT, "name": spec.name, "fingerprint": spec.fingerprint(), "designs": spec.n_designs,
            "chunk_size": spec.chunk_size, "chunks": spec.n_chunks, "source": spec.source,
            "objectives": list(spec.objectives), "best": spec.best, "axes": [a.field for a in spec.axes],
            "units": result_units(spec), "thermo_orbit_version": __version__, "spec": spec.table,
            "base_design": spec.base_table, "stats": stats}


def write_manifest(directory: Path, manifest: dict) -> None:
    """Write the manifest into the results folder, atomically."""
    atomic_write_text(Path(directory) / MANIFEST, json.dumps(manifest, indent=1, default=str))


def read_manifest(directory: Path) -> dict:
    """The manifest of a results folder; :class:`SweepError` when there is none."""
    path = Path(directory) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SweepError(f"{directory}: no sweep results here (no {MANIFEST})") from None
    except (OSError, ValueError) as err:
        raise SweepError(f"{path}: unreadable ({err})") from None


def read_results(directory: str | Path, columns: list[str] | None = None) -> Iterator:
    """The finished chunks of a sweep, one pyarrow Table at a time (bounded memory), in
    design order; ``columns`` selects columns."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    manifest = read_manifest(directory)
    for k in range(manifest["chunks"]):
        path = chunk_path(directory, k)
        if str(k) in manifest["stats"] and path.exists():
            yield pq.read_table(path, columns=columns)


def column_units(directory: str | Path) -> dict[str, str]:
    """Units of the result columns (from the manifest; the same as each chunk's metadata)."""
    return dict(read_manifest(Path(directory))["units"])


# ---------------------------------------------------------------- before a run

def _ours(name: str) -> bool:
    """Files a run may have left in a folder before its manifest: the lock, temporaries."""
    return name == LOCK or (name.startswith(".") and name.endswith(".tmp"))


def check_directory(directory: Path, fingerprint: str, resume: bool) -> dict:
    """Check that a run may write into ``directory``; the finished chunks' statistics of
    the sweep to resume (``{}`` for a new one).  Reads only: nothing is created."""
    manifest_path = directory / MANIFEST
    if manifest_path.exists():
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise SweepError(f"{manifest_path}: unreadable manifest ({err}); choose another --out") from None
        if not resume:
            raise SweepError(f"{directory} already holds a sweep ({old.get('name')!r}, "
                             f"{len(old.get('stats', {}))} of {old.get('chunks')} chunks); "
                             "run again with --resume to continue it, or choose another --out")
        if old.get("fingerprint") != fingerprint:
            raise SweepError(f"{directory} holds a different sweep (the spec or its base design changed); "
                             "--resume needs the same spec; choose another --out")
        return dict(old.get("stats", {}))
    if directory.exists() and not directory.is_dir():
        raise SweepError(f"{directory} is a file, not a folder; choose another --out")
    if directory.exists() and any(not _ours(p.name) for p in directory.iterdir()):
        raise SweepError(f"{directory} is not empty and holds no sweep; choose an empty or new --out")
    return {}


@contextlib.contextmanager
def lock_directory(directory: Path):
    """Hold an exclusive lock on the results folder (``fcntl.flock`` on ``.lock`` in it,
    created with the folder when missing) for the ``with`` block.  A second run on the
    same folder fails at once with :class:`SweepError` naming the folder and the process
    that holds it.  The lock goes with the process, however it ends (even SIGKILL); the
    empty folder a failed first run created is removed again."""
    import fcntl

    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise SweepError(f"{directory} is in use by another sweep ({holder}); wait for it to finish or "
                             "stop it, or choose another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}, since "
                      f"{time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        try:
            yield
        except BaseException:
            if created and not (directory / MANIFEST).exists():  # nothing of the sweep was written
                _remove_empty(directory)
            raise
    finally:
        os.close(fd)


def _remove_empty(directory: Path) -> None:
    """Remove a folder this run created and left without a sweep: the lock, temporaries and
    the empty ``chunks/``; anything else in it stays (``rmdir`` fails on a non-empty folder)."""
    for sub in (directory / "chunks", directory):
        if not sub.is_dir():
            continue
        for p in sub.iterdir():
            if p.is_file() and _ours(p.name):
                p.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty: what is left is not ours
            sub.rmdir()


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary files an interrupted run left (``.NAME.*.tmp`` of the atomic
    writes in the folder, ``chunks/`` and ``best/``); the caller holds the lock, so no
    other run is writing them.  Returns the files removed."""
    removed = []
    for sub in (directory, directory / "chunks", directory / "best"):
        if not sub.is_dir():
            continue
        for p in sub.glob(".*.tmp"):
            if p.is_file():
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


# ---------------------------------------------------------------- size estimate

@dataclass(frozen=True)
class SweepEstimate:
    """Rough size of a sweep before it runs: designs, seconds on one worker, and an upper
    bound of the Parquet bytes written (8 bytes a value, before compression)."""

    designs: int
    seconds: float
    bytes: int

    @property
    def large(self) -> bool:
        """Above :data:`LARGE_DESIGNS` designs or :data:`LARGE_BYTES` bytes."""
        return self.designs > LARGE_DESIGNS or self.bytes > LARGE_BYTES

    def text(self, workers: int = 1) -> str:
        """``"1.0e+10 designs, up to 840 GB, about 23 h on 1 worker"``."""
        return (f"{self.designs:.2g} designs, up to {_bytes_text(self.bytes)}, about "
                f"{_seconds_text(self.seconds / max(workers, 1))} on {max(workers, 1)} worker"
                + ("s" if workers > 1 else ""))


def estimate_sweep(spec) -> SweepEstimate:
    """Designs, time and disk of ``spec`` (a :class:`~thermo_orbit.sweeps.spec.SweepSpec`)
    from the rough benchmark rates above: good to a factor of a few, enough to see that a
    sweep would take weeks or fill a disk."""
    n = spec.n_designs
    seconds = n / _KERNEL_RATE
    slow = [a for a in spec.axes if a.field not in KERNEL_FIELDS]
    if any(a.kind == "sample" for a in slow):
        seconds += n / _SAMPLED_GROUP_RATE
    elif slow:
        seconds += math.prod(len(a) for a in slow) * _GROUP_SECONDS
    columns = len(spec.outputs) + len(spec.axes) + 1  # and design_id; flags, feasible, binding: 2 bytes
    return SweepEstimate(n, seconds, n * (8 * columns + 2))


def _bytes_text(n: float) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:,.3g} {unit}"
    return f"{n:.0f} B"


def _seconds_text(s: float) -> str:
    for unit, size in (("days", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if s >= size:
            return f"{s / size:,.3g} {unit}"
    return f"{s:.2g} s"
