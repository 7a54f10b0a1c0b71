"""Batch design sweeps: chunked, resumable, on one machine or a Dask cluster.

:func:`run_sweep` evaluates a :class:`~thermo_orbit.sweeps.spec.SweepSpec` chunk by chunk
through :func:`thermo_orbit.batch.size_columns` (arrays of designs, no Python loop per
design) and writes each finished chunk atomically to Parquet, with units in the schema
metadata (the folder: :mod:`thermo_orbit.sweeps.store`)::

    OUT/manifest.json          spec fingerprint, design and chunk counts, columns and units
    OUT/spec.toml              the spec as run
    OUT/chunks/chunk-000000.parquet ...
    OUT/summary.json           designs, feasible count, binding constraints tallied, front
    OUT/pareto.parquet         the Pareto front over the spec's objectives
    OUT/best/*.toml            the best designs on the front, as design files
    OUT/pareto.png, OUT/tornado.png
    OUT/.lock                  held by the run writing into the folder

Design ``i`` depends on ``i`` alone, so a chunk is the same wherever it is computed:
serial, on local Dask workers or on a remote cluster.  A finished chunk is on disk before
the next is started; an interrupt or a crash loses at most the chunks in flight, and
``resume=True`` computes only the chunks missing.  Memory is bounded by a chunk (and, with
Dask, by twice the workers' chunks in flight) however large the sweep.

With ``method = "orbit"`` the designs the steady sizing calls feasible are orbit-sized
(:func:`thermo_orbit.sizing.size_orbit_columns`: their rows those of ``size(design,
method="orbit")``, with the ``orbit_sizing.*`` columns).

With ``verify = "transient"`` the feasible designs of each chunk are also run through the
periodic orbit (cold case); the binding constraint of a design the orbit fails is decided
from the simulation's constraint flags (:mod:`thermo_orbit.constraints`), never from text.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from .._io import atomic_write_bytes, atomic_write_text
from .._version import __version__
from ..batch import BINDING_NAMES, size_columns
from ..constraints import BINDING_CODES, binding_name
from ..design import FIELDS, save_design
from ..errors import InputError
from ..sizing import size_orbit_columns
from ..units import Q_
from .analysis import SweepSummary, pareto_front, summarize
from .dask import ChunkTasks, check_scheduler_address, dask_client, run_dask
from .plots import plot_pareto, plot_tornado
from .spec import SweepSpec, design_columns, group_cache, load_sweep_spec, parse_sweep_spec, spec_from_payload
from .store import (
    SweepError,
    check_directory,
    chunk_ok,
    chunk_path,
    estimate_sweep,
    lock_directory,
    new_manifest,
    parquet_bytes,
    read_manifest,
    remove_stale_temporaries,
    result_units,
    write_manifest,
)

__all__ = ["run_sweep", "evaluate_chunk", "write_chunk", "export_best", "finish_sweep", "pareto_folder"]

#: seconds between manifest writes while chunks finish (and always after the last)
_MANIFEST_EVERY = 2.0


# ---------------------------------------------------------------- chunk evaluation

def _kept_rows(spec: SweepSpec, out: dict) -> np.ndarray:
    """Rows the spec keeps: feasible ones with ``feasible_only``, within every filter."""
    keep = np.ones(len(out["feasible"]), dtype=bool)
    if spec.feasible_only:
        keep &= out["feasible"]
    for name, lo, hi in spec.filters:
        x = out[name]
        if lo is not None:
            keep &= x >= lo
        if hi is not None:
            keep &= x <= hi
    return keep


def _chunk_stats(out: dict, invalid: dict, keep: np.ndarray) -> dict:
    """A chunk's counts: designs, feasible, binding constraints, invalid inputs, rows kept."""
    codes, counts = np.unique(out["binding_constraint"], return_counts=True)
    return {"designs": len(keep), "feasible": int(out["feasible"].sum()),
            "binding": {BINDING_NAMES[c]: int(n) for c, n in zip(codes, counts)},
            "invalid_reasons": invalid, "kept": int(keep.sum())}


def _chunk_table(spec: SweepSpec, k: int, cols: dict, out: dict, keep: np.ndarray):
    """The kept rows of chunk ``k`` as a pyarrow Table: design id, axes, feasible, binding
    constraint (dictionary-encoded), flags, outputs; units and version in the metadata."""
    import pyarrow as pa

    start, stop = spec.chunk_bounds(k)
    arrays, names = [pa.array(np.arange(start, stop, dtype=np.int64)[keep])], ["design_id"]
    for a in spec.axes:
        col = cols[a.field][keep]
        kind = FIELDS[a.field].kind if a.unit is None else float
        typ = {str: pa.string(), bool: pa.bool_(), int: pa.int64()}.get(kind, pa.float64())
        arrays.append(pa.array(col.tolist() if col.dtype == object else col, type=typ))
        names.append(a.field)
    codes = out["binding_constraint"][keep].astype(np.int8)
    arrays += [pa.array(out["feasible"][keep]),
               pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(list(BINDING_NAMES))),
               pa.array(out["flags"][keep])]
    names += ["feasible", "binding_constraint", "flags"]
    extra = [c for c in out if c.startswith(("transient.", "orbit_sizing."))]
    for o in (*spec.outputs, *extra):
        typ = pa.bool_() if o == "transient.feasible" else pa.string() if o == "orbit_sizing.binding" else pa.float64()
        col = out[o][keep]
        arrays.append(pa.array(col.tolist() if col.dtype == object else col, from_pandas=True, type=typ))
        names.append(o)  # NaN → null: a value that does not exist
    units = result_units(spec)
    meta = {b"thermo_orbit.units": json.dumps({n: units.get(n, "") for n in names}).encode(),
            b"thermo_orbit.version": __version__.encode(), b"thermo_orbit.chunk": str(k).encode()}
    return pa.Table.from_arrays(arrays, names=names).replace_schema_metadata(meta)


@functools.cache
def _keep_freed_memory() -> None:
    """Ask glibc's allocator to keep freed memory in the process (trim threshold 1 GiB,
    arrays above 32 MiB still mapped and returned): every chunk allocates the same arrays,
    and handing the heap's top back between chunks made the next chunk page-fault it in
    again, about 1 us a design of a 10 us sweep (measured).  Once per process, best effort
    (no effect but on glibc)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD


def evaluate_chunk(payload: tuple, k: int) -> tuple[bytes, dict]:
    """Evaluate chunk ``k`` of the spec given by ``payload`` (:meth:`SweepSpec.payload`):
    the Parquet bytes of its rows and its statistics.  A pure function of its arguments,
    so it runs the same in-process or on a Dask worker."""
    _keep_freed_memory()
    spec = spec_from_payload(payload)
    start, stop = spec.chunk_bounds(k)
    cols = design_columns(spec, start, stop)
    invalid: dict[str, int] = {}
    out = size_columns(spec.base, cols, cache=group_cache(spec), n=stop - start, invalid_reasons=invalid)
    if spec.method == "orbit":
        size_orbit_columns(spec.base, cols, out)
    if spec.verify == "transient":
        out.update(_verify_transient(spec, cols, out))
    keep = _kept_rows(spec, out)
    return parquet_bytes(_chunk_table(spec, k, cols, out, keep), compact=True), _chunk_stats(out, invalid, keep)


def write_chunk(payload: tuple, k: int, directory: str) -> dict:
    """Evaluate chunk ``k`` and write it atomically into the results folder ``directory``
    (a worker that shares the file system, as local Dask workers do); returns its stats."""
    data, stats = evaluate_chunk(payload, k)
    atomic_write_bytes(chunk_path(Path(directory), k), data)
    return stats


_TASKS = ChunkTasks(evaluate=evaluate_chunk, write=write_chunk)


def _verify_transient(spec: SweepSpec, cols: dict, out: dict) -> dict:
    """The orbit transient on the feasible designs of a chunk (cold case): its margins, and
    ``feasible`` cleared where the coolant freezes or the battery goes too deep, with the
    binding constraint taken from the simulation's flags.  The periodic solution is
    vectorised across the designs; building each design and its sizing is a loop, so this
    suits thousands of designs, not millions."""
    from ..sizing import size
    from ..transient import simulate_orbit

    n = len(out["feasible"])
    res = {"transient.feasible": np.zeros(n, dtype=bool), "transient.freeze_margin": np.full(n, np.nan),
           "transient.battery_depth_of_discharge_margin": np.full(n, np.nan),
           "transient.heater_orbit_average": np.full(n, np.nan)}
    rows = np.flatnonzero(out["feasible"])
    if rows.size == 0:
        return res
    designs = []
    for i in rows:
        changes = {p: Q_(float(c[i]), FIELDS[p].unit) if FIELDS[p].unit is not None else c[i]
                   for p, c in cols.items()}
        designs.append(spec.base.with_fields(changes))
    sims = simulate_orbit(designs, [size(d) for d in designs], case="cold")
    for i, sim in zip(rows, sims):
        res["transient.feasible"][i] = sim.feasible
        if not sim.feasible:
            out["flags"][i] |= sim.flags
            out["binding_constraint"][i] = BINDING_CODES[binding_name(sim.flags)]
        res["transient.freeze_margin"][i] = sim.margins["freeze"].to("K").magnitude
        res["transient.battery_depth_of_discharge_margin"][i] = sim.margins["battery_depth_of_discharge"].magnitude
        res["transient.heater_orbit_average"][i] = sim.extremes["heater_orbit_average"].to("kW").magnitude
    out["feasible"] = out["feasible"] & res["transient.feasible"]
    return res


# ---------------------------------------------------------------- running

def _pending(spec: SweepSpec, directory: Path, manifest: dict) -> list[int]:
    """Chunks to compute: those without stats or without a readable file (their stats dropped)."""
    done = manifest["stats"]
    todo = []
    for k in range(spec.n_chunks):
        if str(k) in done and chunk_path(directory, k).exists() and chunk_ok(chunk_path(directory, k)):
            continue
        done.pop(str(k), None)
        todo.append(k)
    return todo


class _Terminate(BaseException):
    """SIGTERM, raised in the main thread: a BaseException like KeyboardInterrupt, so no
    ``except Exception`` on the way (a parser's fallback, say) can swallow it."""


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops the block as an interrupt does (``KeyboardInterrupt("terminated")``),
    so the finished chunks are recorded; the previous handler is restored after.  Only in
    the main thread (signal handlers can be set nowhere else)."""
    previous = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
    if previous is None:  # not the main thread, or a handler not set from Python: leave it
        yield
        return

    def on_term(signum, frame):
        raise _Terminate()

    signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    except _Terminate:
        raise KeyboardInterrupt("terminated") from None
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Recorder:
    """Records finished chunks: the file (unless a worker wrote it), the manifest (at most
    every :data:`_MANIFEST_EVERY` seconds, and after the last chunk) and the progress."""

    def __init__(self, spec: SweepSpec, directory: Path, manifest: dict,
                 progress: Callable[[int, int], None] | None):
        self.spec, self.directory, self.manifest, self.progress = spec, directory, manifest, progress
        self.done = sum(s["designs"] for s in manifest["stats"].values())
        self.last_write = time.perf_counter()

    def __call__(self, k: int, data: bytes | None, stats: dict) -> None:
        if data is not None:  # else the worker wrote the file
            atomic_write_bytes(chunk_path(self.directory, k), data)
        self.manifest["stats"][str(k)] = stats
        self.done += stats["designs"]
        now = time.perf_counter()
        if now - self.last_write > _MANIFEST_EVERY or len(self.manifest["stats"]) == self.spec.n_chunks:
            write_manifest(self.directory, self.manifest)
            self.last_write = now
        if self.progress is not None:
            self.progress(self.done, self.spec.n_designs)


def _run_chunks(spec: SweepSpec, directory: Path, manifest: dict, progress, client, workers, local: bool) -> float:
    """Compute the chunks missing from ``manifest``, in-process or on ``client``; record
    each (file, manifest, progress) as it finishes.  Returns the seconds taken."""
    todo = _pending(spec, directory, manifest)
    t0 = time.perf_counter()
    payload = spec.payload()
    record = _Recorder(spec, directory, manifest, progress)
    try:
        with _sigterm_interrupts():
            if todo and client is None:
                for k in todo:
                    record(k, *evaluate_chunk(payload, k))
            elif todo:
                run_dask(client, payload, todo, record, workers, local, directory, _TASKS)
    finally:
        write_manifest(directory, manifest)
    return time.perf_counter() - t0


def _check_arguments(spec: SweepSpec, workers, scheduler, yes: bool) -> None:
    """Where to run, and the size: a large sweep needs ``yes``."""
    if workers is not None and scheduler is not None:
        raise InputError("workers", workers, "either --workers or --scheduler, not both")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InputError("workers", workers, "a whole number ≥ 1")
    if scheduler is not None:
        check_scheduler_address(scheduler)
    estimate = estimate_sweep(spec)
    if estimate.large and not yes:
        raise SweepError(f"{spec.name}: a large sweep ({estimate.text(workers or 1)}); "
                         "run it with --yes (yes=True from Python) if that is what you want")


def _spec_text(spec: SweepSpec) -> str:
    import tomlkit  # the one TOML writer (design files too)

    return tomlkit.dumps(spec.table)


def run_sweep(spec: SweepSpec | str | Path, directory: str | Path, *, workers: int | None = None,
              scheduler: str | None = None, resume: bool = False,
              progress: Callable[[int, int], None] | None = None, finish: bool = True,
              yes: bool = False) -> SweepSummary:
    """Run a sweep into ``directory`` and return its summary.

    ``workers`` starts a Dask ``LocalCluster`` with that many single-threaded worker
    processes; ``scheduler`` submits to an existing Dask cluster (its workers need
    thermo-orbit installed); neither: in-process.  ``progress(designs_done, total)`` is
    called after each chunk.  ``finish`` computes the summary, Pareto front, best designs
    and plots at the end.  An interrupt (``KeyboardInterrupt``, SIGTERM) stops after the
    chunks on disk; ``resume=True`` continues.  A sweep larger than
    :data:`~thermo_orbit.sweeps.store.LARGE_DESIGNS` designs or
    :data:`~thermo_orbit.sweeps.store.LARGE_BYTES` bytes (:func:`estimate_sweep`) runs
    only with ``yes=True``.

    The folder is locked while the sweep runs (a second run on it fails at once) and is
    created only once the cluster answers; temporary files an interrupted run left in it
    are removed.  Raises :class:`SweepError` on an unusable output folder or cluster, or a
    large sweep without ``yes``; :class:`InputError` on a malformed scheduler address.
    """
    if not isinstance(spec, SweepSpec):
        spec = load_sweep_spec(spec)
    _check_arguments(spec, workers, scheduler, yes)
    directory = Path(directory)
    check_directory(directory, spec.fingerprint(), resume)  # fail before starting a cluster
    with contextlib.ExitStack() as stack:
        client = None
        if workers is not None or scheduler is not None:
            client = stack.enter_context(dask_client(workers, scheduler))
        stack.enter_context(lock_directory(directory))
        manifest = new_manifest(spec, check_directory(directory, spec.fingerprint(), resume))
        remove_stale_temporaries(directory)
        (directory / "chunks").mkdir(exist_ok=True)
        atomic_write_text(directory / "spec.toml", _spec_text(spec))
        write_manifest(directory, manifest)
        seconds = _run_chunks(spec, directory, manifest, progress, client, workers, scheduler is None)
        summary = summarize(directory)
        summary.seconds = seconds  # before finish_sweep: summary.json records it
        if finish and summary.complete:
            summary = finish_sweep(directory, summary=summary)
    return summary


# ---------------------------------------------------------------- after the run

def export_best(directory: str | Path, front, n: int, spec: SweepSpec | None = None,
                target: str | Path | None = None) -> list[Path]:
    """Write the first ``n`` designs of ``front`` (rows of a sweep's results) as design
    files ``best/design-<id>.toml`` (atomically) in ``target`` (default: the results
    folder): the base design with the axis values."""
    directory = Path(directory)
    if front is None or n <= 0:
        return []
    if spec is None:
        m = read_manifest(directory)
        spec = parse_sweep_spec(m["spec"], m["source"], base_table=m["base_design"])
    out = Path(target or directory) / "best"
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for row in front.slice(0, n).to_pylist():
        changes = {a.field: Q_(row[a.field], a.unit) if a.unit is not None else row[a.field] for a in spec.axes}
        changes["name"] = f"{spec.name} #{row['design_id']}"
        changes["description"] = (f"Design {row['design_id']} of sweep {spec.name!r}, on the Pareto front of "
                                  f"{', '.join(spec.objectives)}.")
        paths.append(save_design(spec.base.with_fields(changes), out / f"design-{row['design_id']}.toml"))
    return paths


def _plots(directory: Path, objectives: tuple[str, ...], summary: SweepSummary, target: Path) -> None:
    """The Pareto plot (two objectives or more) and the tornado chart, named in the summary."""
    summary.extra["plots"] = []
    rel = target.relative_to(directory)
    if summary.front is not None and len(objectives) >= 2:
        plot_pareto(directory, objectives, target / "pareto.png", summary.front)
        summary.extra["plots"].append(str(rel / "pareto.png"))
    try:
        plot_tornado(directory, target / "tornado.png")
        summary.extra["plots"].append(str(rel / "tornado.png"))
    except InputError as err:
        summary.extra["tornado"] = str(err)


def pareto_folder(directory: str | Path, objectives) -> Path:
    """Where the front over ``objectives`` is written: the results folder for the spec's own
    objectives, else its subfolder ``pareto-<objectives>`` (so another view never
    overwrites the spec's front)."""
    directory = Path(directory)
    if objectives is None or tuple(objectives) == tuple(read_manifest(directory)["objectives"]):
        return directory
    slug = "_".join(o.replace("-", "max-") for o in objectives)
    return directory / f"pareto-{slug}"


def finish_sweep(directory: str | Path, objectives=None, summary: SweepSummary | None = None,
                 plots: bool = True, tolerance=None, csv: bool = False) -> SweepSummary:
    """After the run: the summary, the Pareto front (``pareto.parquet``, near duplicates
    merged within ``tolerance``), the best designs and the plots; ``summary.json`` records
    it all.  Objectives other than the spec's write into :func:`pareto_folder`; ``csv``
    also writes ``pareto.csv`` (units in the headers)."""
    directory = Path(directory)
    summary = summary or summarize(directory)
    m = read_manifest(directory)
    objectives = tuple(objectives or m["objectives"])
    target = pareto_folder(directory, objectives)
    target.mkdir(exist_ok=True)
    summary.objectives = objectives
    summary.front = front = pareto_front(directory, objectives, tolerance)
    if front is not None:
        atomic_write_bytes(target / "pareto.parquet", parquet_bytes(front))
        best = export_best(directory, front, m.get("best", 5), target=target)
        summary.extra["best_designs"] = [str(p.relative_to(directory)) for p in best]
        if csv:
            from .export import table_csv

            atomic_write_text(target / "pareto.csv", table_csv(front, m["units"]))
            summary.extra["csv"] = [str((target / "pareto.csv").relative_to(directory))]
    if plots:
        _plots(directory, objectives, summary, target)
    atomic_write_text(target / "summary.json", json.dumps(summary.to_dict(), indent=1, default=str))
    return summary
