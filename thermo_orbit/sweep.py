"""Batch design sweeps: chunked, resumable, on one machine or a Dask cluster.

:func:`run_sweep` evaluates a :class:`~thermo_orbit.sweep_spec.SweepSpec` chunk by chunk
through :func:`thermo_orbit.batch.size_columns` (arrays of designs, no Python loop per
design) and writes each finished chunk atomically to Parquet, with units in the schema
metadata::

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
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from ._io import atomic_write_bytes, atomic_write_text
from .batch import BINDING_NAMES, OUTPUTS, size_columns
from .design import FIELDS, save_design
from .errors import InputError
from .pareto import pareto_mask
from .sweep_spec import SweepSpec, design_columns, load_sweep_spec, spec_from_payload
from .sweep_dask import check_scheduler_address, dask_client, payload_hash, run_dask  # noqa: F401 (API)
from .sweep_plots import plot_pareto, plot_tornado, tornado_data  # noqa: F401 (API)
from .sweep_store import (MANIFEST, SweepError, SweepEstimate, chunk_ok, chunk_path, check_directory,  # noqa: F401
                          estimate_sweep, lock_directory, read_manifest, remove_stale_temporaries)
from .units import Q_, unit_text

__all__ = ["run_sweep", "evaluate_chunk", "read_results", "summarize", "pareto_front", "export_best",
           "plot_pareto", "plot_tornado", "SweepError", "SweepSummary", "load_sweep_spec", "estimate_sweep",
           "SweepEstimate"]

_MANIFEST = MANIFEST
_FORMAT = 1
_chunk_path = chunk_path
_chunk_ok = chunk_ok


@dataclass
class SweepSummary:
    """What a finished (or interrupted) sweep holds."""

    name: str
    directory: Path
    designs: int  #: designs evaluated (before filters)
    kept: int  #: rows written (after filters)
    feasible: int
    binding: dict[str, int]  #: binding constraint → count (all evaluated designs)
    invalid_reasons: dict[str, int]
    chunks_done: int
    chunks_total: int
    seconds: float = 0.0
    front: Any = None  #: pyarrow Table of the Pareto front
    objectives: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()  #: the spec's axis fields
    extra: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every chunk is on disk."""
        return self.chunks_done == self.chunks_total

    def to_dict(self) -> dict:
        """JSON-ready summary (what ``summary.json`` holds)."""
        out = {"name": self.name, "designs": self.designs, "rows_kept": self.kept, "feasible": self.feasible,
               "binding_constraints": dict(sorted(self.binding.items(), key=lambda kv: -kv[1])),
               "invalid_reasons": self.invalid_reasons, "chunks_done": self.chunks_done,
               "chunks_total": self.chunks_total, "complete": self.complete,
               "seconds": round(self.seconds, 3), "objectives": list(self.objectives),
               "front_size": 0 if self.front is None else self.front.num_rows}
        out.update(self.extra)
        return out


# ---------------------------------------------------------------- chunk evaluation

def _units(spec: SweepSpec) -> dict[str, str]:
    units = {"design_id": "", "feasible": "", "binding_constraint": "", "flags": ""}
    for a in spec.axes:
        units[a.field] = FIELDS[a.field].unit or ""
    for o in spec.outputs:
        units[o] = OUTPUTS[o]
    if spec.verify == "transient":
        units.update({"transient.feasible": "", "transient.freeze_margin": "K",
                      "transient.battery_depth_of_discharge_margin": "", "transient.heater_orbit_average": "kW"})
    return {name: unit_text(u) for name, u in units.items()}  # as pint reads them back


def evaluate_chunk(payload: tuple, k: int) -> tuple[bytes, dict]:
    """Evaluate chunk ``k`` of the spec given by ``payload`` (:meth:`SweepSpec.payload`):
    the Parquet bytes of its rows and its statistics.  A pure function of its arguments,
    so it runs the same in-process or on a Dask worker."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    spec = spec_from_payload(payload)
    start, stop = spec.chunk_bounds(k)
    cols = design_columns(spec, start, stop)
    invalid: dict[str, int] = {}
    out = size_columns(spec.base, cols, cache=_CACHE, n=stop - start, invalid_reasons=invalid)
    if spec.verify == "transient":
        out.update(_verify_transient(spec, cols, out))
    keep = np.ones(stop - start, dtype=bool)
    if spec.feasible_only:
        keep &= out["feasible"]
    for name, lo, hi in spec.filters:
        x = out[name]
        if lo is not None:
            keep &= x >= lo
        if hi is not None:
            keep &= x <= hi
    stats = {"designs": stop - start, "feasible": int(out["feasible"].sum()),
             "binding": {BINDING_NAMES[c]: int(n) for c, n in zip(*np.unique(out["binding_constraint"],
                                                                              return_counts=True))},
             "invalid_reasons": invalid, "kept": int(keep.sum())}
    arrays, names = [pa.array(np.arange(start, stop, dtype=np.int64)[keep])], ["design_id"]
    for a in spec.axes:
        col = cols[a.field][keep]
        kind = FIELDS[a.field].kind if a.unit is None else float
        typ = {str: pa.string(), bool: pa.bool_(), int: pa.int64()}.get(kind, pa.float64())
        arrays.append(pa.array(col.tolist() if col.dtype == object else col, type=typ))
        names.append(a.field)
    arrays.append(pa.array(out["feasible"][keep]))
    names.append("feasible")
    codes = out["binding_constraint"][keep].astype(np.int8)
    arrays.append(pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(list(BINDING_NAMES))))
    names.append("binding_constraint")
    arrays.append(pa.array(out["flags"][keep]))
    names.append("flags")
    extra = [k for k in out if k.startswith("transient.")]
    for o in (*spec.outputs, *extra):
        arrays.append(pa.array(out[o][keep], from_pandas=True, type=pa.bool_() if o == "transient.feasible"
                               else pa.float64()))  # NaN → null: a value that does not exist
        names.append(o)
    units = _units(spec)
    meta = {b"thermo_orbit.units": json.dumps({n: units.get(n, "") for n in names}).encode(),
            b"thermo_orbit.version": __version__.encode(), b"thermo_orbit.chunk": str(k).encode()}
    table = pa.Table.from_arrays(arrays, names=names).replace_schema_metadata(meta)
    buf = io.BytesIO()
    # dictionary encoding only where values repeat (text columns): on float columns it costs
    # three quarters of the write time and gains nothing (measured)
    text = [f.name for f in table.schema if pa.types.is_string(f.type) or pa.types.is_dictionary(f.type)]
    pq.write_table(table, buf, compression="zstd", use_dictionary=text)
    return buf.getvalue(), stats


def write_chunk(payload: tuple, k: int, directory: str) -> dict:
    """Evaluate chunk ``k`` and write it atomically into the results folder ``directory``
    (a worker that shares the file system, as local Dask workers do); returns its stats."""
    data, stats = evaluate_chunk(payload, k)
    atomic_write_bytes(_chunk_path(Path(directory), k), data)
    return stats


_CACHE: dict = {}


def _verify_transient(spec: SweepSpec, cols: dict, out: dict) -> dict:
    """The orbit transient on the feasible designs of a chunk (cold case): its margins, and
    ``feasible`` cleared where the coolant freezes or the battery goes too deep.  The
    periodic solution is vectorised across the designs; building each design and its
    sizing is a loop, so this suits thousands of designs, not millions."""
    from .sizing import size
    from .transient import simulate_orbit

    n = len(out["feasible"])
    res = {"transient.feasible": np.zeros(n, dtype=bool), "transient.freeze_margin": np.full(n, np.nan),
           "transient.battery_depth_of_discharge_margin": np.full(n, np.nan),
           "transient.heater_orbit_average": np.full(n, np.nan)}
    rows = np.flatnonzero(out["feasible"])
    if rows.size == 0:
        return res
    designs = []
    for i in rows:
        changes = {p: (Q_(float(c[i]), FIELDS[p].unit) if FIELDS[p].unit is not None else c[i]) for p, c in cols.items()}
        designs.append(spec.base.with_fields(changes))
    results = [size(d) for d in designs]
    sims = simulate_orbit(designs, results, case="cold")
    from .constraints import BINDING_CODES, binding_name

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

def _manifest_for(spec: SweepSpec, stats: dict) -> dict:
    return {"format": _FORMAT, "name": spec.name, "fingerprint": spec.fingerprint(), "designs": spec.n_designs,
            "chunk_size": spec.chunk_size, "chunks": spec.n_chunks, "source": spec.source,
            "objectives": list(spec.objectives), "best": spec.best, "axes": [a.field for a in spec.axes],
            "units": _units(spec), "thermo_orbit_version": __version__, "spec": spec.table,
            "base_design": spec.base_table, "stats": stats}


def _spec_text(spec: SweepSpec) -> str:
    import tomli_w

    return tomli_w.dumps(spec.table)


def _pending(spec: SweepSpec, directory: Path, manifest: dict) -> list[int]:
    done = manifest["stats"]
    todo = []
    for k in range(spec.n_chunks):
        if str(k) in done and _chunk_path(directory, k).exists() and _chunk_ok(_chunk_path(directory, k)):
            continue
        done.pop(str(k), None)
        todo.append(k)
    return todo


class _Terminate(BaseException):
    """SIGTERM, raised in the main thread: a BaseException like KeyboardInterrupt, so no
    ``except Exception`` on the way (a parser's fallback, say) can swallow it."""


def _check_arguments(spec: SweepSpec, workers, scheduler, yes: bool) -> None:
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
    :data:`~thermo_orbit.sweep_store.LARGE_DESIGNS` designs or
    :data:`~thermo_orbit.sweep_store.LARGE_BYTES` bytes (:func:`estimate_sweep`) runs
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
        manifest = _manifest_for(spec, check_directory(directory, spec.fingerprint(), resume))
        remove_stale_temporaries(directory)
        (directory / "chunks").mkdir(exist_ok=True)
        atomic_write_text(directory / "spec.toml", _spec_text(spec))
        atomic_write_text(directory / _MANIFEST, json.dumps(manifest, indent=1, default=str))
        seconds = _run_chunks(spec, directory, manifest, progress, client, workers, scheduler is None)
        summary = summarize(directory)
        summary.seconds = seconds
        if finish and summary.complete:
            summary = finish_sweep(directory, summary=summary)
            summary.seconds = seconds
    return summary


def _run_chunks(spec: SweepSpec, directory: Path, manifest: dict, progress, client, workers, local: bool) -> float:
    """Compute the chunks missing from ``manifest``, in-process or on ``client``; record
    each (file, manifest, progress) as it finishes.  Returns the seconds taken."""
    todo = _pending(spec, directory, manifest)
    total = spec.n_designs
    done_designs = sum(s["designs"] for s in manifest["stats"].values())
    t0 = time.perf_counter()
    payload = spec.payload()
    last_manifest = [time.perf_counter()]

    def record(k: int, data: bytes, stats: dict) -> None:
        nonlocal done_designs
        if data is not None:  # else the worker wrote the file
            atomic_write_bytes(_chunk_path(directory, k), data)
        manifest["stats"][str(k)] = stats
        done_designs += stats["designs"]
        now = time.perf_counter()
        if now - last_manifest[0] > 2.0 or len(manifest["stats"]) == spec.n_chunks:
            atomic_write_text(directory / _MANIFEST, json.dumps(manifest, indent=1, default=str))
            last_manifest[0] = now
        if progress is not None:
            progress(done_designs, total)

    previous = signal.getsignal(signal.SIGTERM) if _main_thread() else None

    def on_term(signum, frame):
        raise _Terminate()

    if previous is not None:
        signal.signal(signal.SIGTERM, on_term)
    try:
        if todo and client is None:
            for k in todo:
                record(k, *evaluate_chunk(payload, k))
        elif todo:
            run_dask(client, payload, todo, record, workers, local, directory)
    except _Terminate:
        raise KeyboardInterrupt("terminated") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        atomic_write_text(directory / _MANIFEST, json.dumps(manifest, indent=1, default=str))
    return time.perf_counter() - t0


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# ---------------------------------------------------------------- reading back

def _manifest(directory: Path) -> dict:
    return read_manifest(directory)


def read_results(directory: str | Path, columns: list[str] | None = None) -> Iterator:
    """The finished chunks of a sweep, one pyarrow Table at a time (bounded memory), in
    design order; ``columns`` selects columns."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    manifest = _manifest(directory)
    for k in range(manifest["chunks"]):
        path = _chunk_path(directory, k)
        if str(k) in manifest["stats"] and path.exists():
            yield pq.read_table(path, columns=columns)


def column_units(directory: str | Path) -> dict[str, str]:
    """Units of the result columns (from the manifest; the same as each chunk's metadata)."""
    return dict(_manifest(Path(directory))["units"])


def summarize(directory: str | Path) -> SweepSummary:
    """Counts of a sweep from its manifest: designs, rows kept, feasible, binding
    constraints, invalid inputs, chunks done."""
    directory = Path(directory)
    m = _manifest(directory)
    binding: dict[str, int] = {}
    invalid: dict[str, int] = {}
    designs = kept = feasible = 0
    for s in m["stats"].values():
        designs += s["designs"]
        kept += s["kept"]
        feasible += s["feasible"]
        for name, n in s["binding"].items():
            binding[name] = binding.get(name, 0) + n
        for text, n in s.get("invalid_reasons", {}).items():
            invalid[text] = invalid.get(text, 0) + n
    return SweepSummary(name=m["name"], directory=directory, designs=designs, kept=kept, feasible=feasible,
                        binding=binding, invalid_reasons=invalid, chunks_done=len(m["stats"]),
                        chunks_total=m["chunks"], objectives=tuple(m["objectives"]), axes=tuple(m.get("axes", ())))


def _objective_matrix(table, objectives) -> np.ndarray:
    cols = []
    for o in objectives:
        x = table.column(o.lstrip("-")).to_numpy(zero_copy_only=False).astype(np.float64)
        cols.append(-x if o.startswith("-") else x)
    return np.stack(cols, axis=1) if cols else np.empty((table.num_rows, 0))


def pareto_front(directory: str | Path, objectives: list[str] | tuple[str, ...] | None = None):
    """The Pareto front of the feasible designs of a sweep over ``objectives`` (output
    paths, minimised; ``"-path"`` maximises; default: the spec's), streamed chunk by
    chunk.  Returns a pyarrow Table of the front rows sorted by the first objective."""
    import pyarrow as pa
    import pyarrow.compute as pc

    directory = Path(directory)
    m = _manifest(directory)
    objectives = tuple(objectives or m["objectives"])
    for o in objectives:
        if o.lstrip("-") not in m["units"]:
            raise InputError("objectives", o, "a column of the results",
                             f"objectives: {o!r} is not a column of these results; columns: "
                             f"{', '.join(c for c in m['units'] if c in OUTPUTS)}")
    front = None
    for table in read_results(directory):
        table = table.filter(pc.fill_null(table.column("feasible"), False))
        if table.num_rows == 0:
            continue
        cand = table if front is None else pa.concat_tables([front, table])
        mask = pareto_mask(_objective_matrix(cand, objectives))
        front = cand.filter(pa.array(mask))
    if front is None:
        return None
    order = np.lexsort(_objective_matrix(front, objectives).T[::-1])
    return front.take(pa.array(order))


def export_best(directory: str | Path, front, n: int, spec: SweepSpec | None = None) -> list[Path]:
    """Write the first ``n`` designs of ``front`` (rows of a sweep's results) as design
    files ``best/design-<id>.toml`` (atomically): the base design with the axis values."""
    directory = Path(directory)
    if front is None or n <= 0:
        return []
    if spec is None:
        m = _manifest(directory)
        from .sweep_spec import parse_sweep_spec

        spec = parse_sweep_spec(m["spec"], m["source"], base_table=m["base_design"])
    out = directory / "best"
    out.mkdir(exist_ok=True)
    paths = []
    rows = front.slice(0, n).to_pylist()
    for row in rows:
        changes = {}
        for a in spec.axes:
            val = row[a.field]
            changes[a.field] = Q_(val, a.unit) if a.unit is not None else val
        changes["name"] = f"{spec.name} #{row['design_id']}"
        changes["description"] = (f"Design {row['design_id']} of sweep {spec.name!r}, on the Pareto front of "
                                  f"{', '.join(spec.objectives)}.")
        d = spec.base.with_fields(changes)
        paths.append(save_design(d, out / f"design-{row['design_id']}.toml"))
    return paths


def finish_sweep(directory: str | Path, objectives=None, summary: SweepSummary | None = None,
                 plots: bool = True) -> SweepSummary:
    """After the run: the summary, the Pareto front (``pareto.parquet``), the best designs
    and the plots; ``summary.json`` records it all."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    summary = summary or summarize(directory)
    m = _manifest(directory)
    objectives = tuple(objectives or m["objectives"])
    summary.objectives = objectives
    front = pareto_front(directory, objectives)
    summary.front = front
    if front is not None:
        buf = io.BytesIO()
        pq.write_table(front, buf)
        atomic_write_bytes(directory / "pareto.parquet", buf.getvalue())
        best = export_best(directory, front, m.get("best", 5))
        summary.extra["best_designs"] = [str(p.relative_to(directory)) for p in best]
    if plots:
        summary.extra["plots"] = []
        if front is not None and len(objectives) >= 2:
            plot_pareto(directory, objectives, directory / "pareto.png")
            summary.extra["plots"].append("pareto.png")
        try:
            plot_tornado(directory, directory / "tornado.png")
            summary.extra["plots"].append("tornado.png")
        except InputError as err:
            summary.extra["tornado"] = str(err)
    atomic_write_text(directory / "summary.json", json.dumps(summary.to_dict(), indent=1, default=str))
    return summary
