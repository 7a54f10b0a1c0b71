"""Sweep specifications: a base design and axes, read from TOML and validated.

A spec (``designs/sweeps/*.toml``)::

    [sweep]
    name = "coolant against radiator glide"
    base = "../default.toml"        # a design file, relative to the spec (or a packaged design name)
    samples = 1000                  # points drawn on the sampled axes (crossed with the grid)
    seed = 1
    chunk_size = 65536              # designs per Parquet chunk
    outputs = ["mass.total", "radiator.area"]   # columns to keep (default: all)
    feasible_only = false           # keep infeasible designs too
    verify = "none"                 # or "transient": the orbit check on feasible designs
    method = "steady"               # or "orbit": orbit-size the designs the steady sizing calls feasible

    [[axis]]                        # explicit values
    field = "thermal.coolant"
    values = ["NaK-78", "Na", "K"]

    [[axis]]                        # a range: count points, linear or log spacing
    field = "thermal.radiator_glide"
    range = ["5 K", "40 K"]
    count = 8
    spacing = "linear"

    [[axis]]                        # sampled within bounds: Latin hypercube or uniform random
    field = "rack.power"
    sample = "lhs"
    bounds = ["50 kW", "300 kW"]

    [[filter]]                      # keep only designs whose output lies within bounds
    output = "mass.total"
    max = "200 t"

    [pareto]
    objectives = ["mass.total", "radiator.area"]   # minimised; "-name" maximises
    best = 5                        # designs on the front exported as design files

The designs are the grid of the value and range axes (the last axis fastest) crossed
with ``samples`` points of the sampled axes.  Design ``i`` is computed from ``i`` alone,
so any chunk can be evaluated anywhere (a Dask worker, a resumed run) with the same
result.  Latin hypercube samples are drawn in blocks of :data:`SAMPLE_BLOCK` points, each
block a Latin hypercube of its own (seeded by the spec seed and the block number): the
memory stays bounded for any sample count.  The axes and the check of their values are
:mod:`thermo_orbit.sweeps.axes`.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..batch import OUTPUTS
from ..design import Design, DesignError, default_design_path, load_design, parse_design, read_toml
from ..errors import InputError
from .axes import Axis, parse_axis, quantity_in, unknown_keys

__all__ = ["Axis", "SweepSpec", "load_sweep_spec", "parse_sweep_spec", "design_columns", "SAMPLE_BLOCK",
           "spec_from_payload", "group_cache", "VERIFY_CHOICES", "METHOD_CHOICES", "MAX_DESIGNS", "DEFAULT_CHUNK"]

SAMPLE_BLOCK = 65_536  #: Latin hypercube samples are drawn in blocks of this many points
DEFAULT_CHUNK = 65_536
MAX_DESIGNS = 10**10
#: the choices of ``sweep.verify``
VERIFY_CHOICES = ("none", "transient")
#: the choices of ``sweep.method`` (:data:`thermo_orbit.sizing.METHODS`)
METHOD_CHOICES = ("steady", "orbit")
#: the sections of a spec; ``[optimize]`` and ``[sensitivity]`` are read by
#: :mod:`~thermo_orbit.sweeps.optimize_spec` and :mod:`~thermo_orbit.sweeps.sensitivity` (a sweep of the
#: same spec ignores them)
_SECTIONS = ("sweep", "axis", "filter", "pareto", "optimize", "sensitivity")
_SWEEP_KEYS = {"name", "description", "base", "samples", "seed", "chunk_size", "outputs", "feasible_only", "verify",
               "method"}
_DEFAULT_OBJECTIVES = ["mass.total", "radiator.area"]


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: base design, axes, sampling, outputs, filters, Pareto objectives."""

    name: str
    base: Design
    axes: tuple[Axis, ...]
    samples: int
    seed: int
    chunk_size: int
    outputs: tuple[str, ...]
    filters: tuple[tuple[str, float | None, float | None], ...]  #: (output, min, max) in the output's unit
    feasible_only: bool
    verify: str
    objectives: tuple[str, ...]  #: output paths; a leading "-" maximises
    best: int
    table: dict = field(repr=False, default_factory=dict)  #: the spec as read
    base_table: dict = field(repr=False, default_factory=dict)  #: the base design as read
    source: str = "sweep"
    method: str = "steady"  #: "orbit": the feasible designs orbit-sized (:mod:`thermo_orbit.sizing.orbit`)

    @property
    def grid_axes(self) -> tuple[Axis, ...]:
        """The value and range axes (the grid), in spec order."""
        return tuple(a for a in self.axes if a.kind == "values")

    @property
    def sampled_axes(self) -> tuple[Axis, ...]:
        """The axes sampled within bounds (Latin hypercube or random)."""
        return tuple(a for a in self.axes if a.kind == "sample")

    @property
    def grid_shape(self) -> tuple[int, ...]:
        """Number of values of each grid axis."""
        return tuple(len(a) for a in self.grid_axes)

    @property
    def n_samples(self) -> int:
        """Points of the sampled axes crossed with each grid point (1 without sampled axes)."""
        return self.samples if self.sampled_axes else 1

    @property
    def n_designs(self) -> int:
        """Designs in the sweep: grid points × samples."""
        return math.prod(self.grid_shape) * self.n_samples

    @property
    def n_chunks(self) -> int:
        """Parquet chunks the sweep is written in."""
        return -(-self.n_designs // self.chunk_size)

    def chunk_bounds(self, k: int) -> tuple[int, int]:
        """First design and one past the last design of chunk ``k``."""
        return k * self.chunk_size, min((k + 1) * self.chunk_size, self.n_designs)

    def fingerprint(self) -> str:
        """Hash of what determines the results (spec and base design as read): a resumed
        run must have the same."""
        text = json.dumps([self.table, self.base_table], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def payload(self) -> tuple:
        """Plain data a worker rebuilds the spec from (:func:`spec_from_payload`)."""
        return (json.dumps(self.table, default=str), json.dumps(self.base_table, default=str), self.source)


# ---------------------------------------------------------------- sections of the spec

def _resolve_base(base: Any, base_dir: Path | None, problems: list) -> tuple[Design | None, dict]:
    """The base design named by ``sweep.base``: a path relative to the spec, as given, or a
    packaged design name; the default design when none is named."""
    if base is None:
        path = default_design_path()
    elif not isinstance(base, str):
        problems.append(InputError("sweep.base", base, "a design file path"))
        return None, {}
    else:
        path = Path(base)
        if not path.is_absolute() and base_dir is not None and (base_dir / path).exists():
            path = base_dir / path
        elif not path.exists():
            packaged = default_design_path().parent / (base if base.endswith(".toml") else f"{base}.toml")
            if packaged.exists():
                path = packaged
    try:
        d = load_design(path)
    except DesignError as err:
        problems.append(InputError("sweep.base", base, "a valid design file", f"sweep.base: {err}"))
        return None, {}
    return d, d.table


def _sweep_section(table: dict, source: str, problems: list) -> dict:
    """The ``[sweep]`` table, after checking the section names and its keys."""
    for key in table:
        if key not in _SECTIONS:
            problems.append(InputError(key, table[key], "sweep, axis, filter or pareto",
                                       f"{key}: unknown section (known: sweep, [[axis]], [[filter]], pareto, "
                                       "optimize, sensitivity)"))
    sw = table.get("sweep", {})
    if not isinstance(sw, dict):
        raise DesignError(source, [InputError("sweep", sw, "a table")])
    problems.extend(unknown_keys("sweep", sw, _SWEEP_KEYS))
    return sw


def _base_design(sw: dict, source: str, base_dir: Path | None, base_table: dict | None,
                 problems: list) -> tuple[Design | None, dict]:
    """The base design: from ``base_table`` (a worker, a results folder) or ``sweep.base``."""
    if base_table is None:
        return _resolve_base(sw.get("base"), base_dir, problems)
    try:
        return parse_design(base_table, "sweep.base"), base_table
    except DesignError as err:
        raise DesignError(source, err.problems) from None


def _whole(sw: dict, key: str, default: int, low: int, high: int, problems: list) -> int:
    val = sw.get(key, default)
    if isinstance(val, bool) or not isinstance(val, int) or not low <= val <= high:
        problems.append(InputError(f"sweep.{key}", val, f"a whole number from {low:g} to {high:g}"))
        return default
    return val


def _parse_axes(raw_axes: Any, samples: int, problems: list) -> list[Axis]:
    """The ``[[axis]]`` tables: each field on one axis; sampled axes need samples."""
    if not isinstance(raw_axes, list):
        problems.append(InputError("axis", raw_axes, "[[axis]] tables"))
        raw_axes = []
    axes = [a for a in (parse_axis(i, raw, problems) for i, raw in enumerate(raw_axes)) if a is not None]
    seen = set()
    for a in axes:
        if a.field in seen:
            problems.append(InputError("axis", a.field, "each field on one axis", f"axis: {a.field} appears twice"))
        seen.add(a.field)
    if any(a.kind == "sample" for a in axes) and samples < 1:
        problems.append(InputError("sweep.samples", samples, "≥ 1 with sampled axes",
                                   "sweep.samples: the sampled axes need sweep.samples ≥ 1"))
    return axes


def _outputs(sw: dict, problems: list) -> list[str]:
    """``sweep.outputs``: output paths of :data:`thermo_orbit.batch.OUTPUTS` (default: all)."""
    outputs = sw.get("outputs", list(OUTPUTS))
    if not isinstance(outputs, list) or any(o not in OUTPUTS for o in outputs):
        bad = [o for o in outputs if o not in OUTPUTS] if isinstance(outputs, list) else outputs
        problems.append(InputError("sweep.outputs", bad, "output paths", f"sweep.outputs: unknown {bad!r}; "
                                   f"known: {', '.join(OUTPUTS)}"))
        return list(OUTPUTS)
    return list(outputs)


def _options(sw: dict, problems: list) -> tuple[bool, str]:
    """``sweep.feasible_only`` and ``sweep.verify``."""
    feasible_only = sw.get("feasible_only", False)
    if not isinstance(feasible_only, bool):
        problems.append(InputError("sweep.feasible_only", feasible_only, "true or false"))
        feasible_only = False
    verify = sw.get("verify", "none")
    if verify not in VERIFY_CHOICES:
        problems.append(InputError("sweep.verify", verify, " or ".join(f'"{v}"' for v in VERIFY_CHOICES)))
    return feasible_only, verify


def _method(sw: dict, problems: list) -> str:
    """``sweep.method``: "steady" (default) or "orbit"."""
    method = sw.get("method", "steady")
    if method not in METHOD_CHOICES:
        problems.append(InputError("sweep.method", method, " or ".join(f'"{v}"' for v in METHOD_CHOICES)))
        return "steady"
    return method


def _parse_filters(raw_filters: Any, outputs: list[str], problems: list) -> list[tuple]:
    """The ``[[filter]]`` tables as (output, min, max) in the output's unit; a filtered
    output is added to ``outputs``."""
    filters = []
    for i, f in enumerate(raw_filters if isinstance(raw_filters, list) else []):
        where = f"filter[{i}]"
        out = f.get("output") if isinstance(f, dict) else None
        if out not in OUTPUTS:
            problems.append(InputError(f"{where}.output", out, "an output path"))
            continue
        unit = OUTPUTS[out]
        lo = quantity_in(f["min"], unit, f"{where}.min", problems) if "min" in f else None
        hi = quantity_in(f["max"], unit, f"{where}.max", problems) if "max" in f else None
        if lo is None and hi is None:
            problems.append(InputError(where, f, "min and/or max"))
            continue
        filters.append((out, lo, hi))
        if out not in outputs:
            outputs.append(out)
    return filters


def _parse_pareto(par: Any, outputs: list[str], problems: list) -> tuple[list[str], int]:
    """``[pareto]``: the objectives (added to ``outputs``) and the number of best designs."""
    objectives = par.get("objectives", _DEFAULT_OBJECTIVES) if isinstance(par, dict) else []
    if not isinstance(objectives, list) or not 1 <= len(objectives) <= 6 or \
            any(not isinstance(o, str) or o.lstrip("-") not in OUTPUTS for o in objectives):
        problems.append(InputError("pareto.objectives", objectives, "1 to 6 output paths (\"-path\" maximises)"))
        objectives = ["mass.total"]
    for o in objectives:
        if o.lstrip("-") not in outputs:
            outputs.append(o.lstrip("-"))
    best = par.get("best", 5) if isinstance(par, dict) else 5
    if isinstance(best, bool) or not isinstance(best, int) or not 0 <= best <= 1000:
        problems.append(InputError("pareto.best", best, "a whole number from 0 to 1000"))
        best = 5
    return list(objectives), best


def parse_sweep_spec(table: dict, source: str = "sweep", base_dir: Path | None = None,
                     base_table: dict | None = None) -> SweepSpec:
    """Validate a parsed spec table; raise :class:`DesignError` listing every problem with
    its path (``axis[1].range``, ``sweep.samples``...)."""
    problems: list[InputError] = []
    sw = _sweep_section(table, source, problems)
    base, base_table = _base_design(sw, source, base_dir, base_table, problems)
    samples = _whole(sw, "samples", 0, 0, MAX_DESIGNS, problems)
    seed = _whole(sw, "seed", 0, 0, 2**63 - 1, problems)
    chunk = _whole(sw, "chunk_size", DEFAULT_CHUNK, 1, 10**7, problems)
    axes = _parse_axes(table.get("axis", []), samples, problems)
    outputs = _outputs(sw, problems)
    feasible_only, verify = _options(sw, problems)
    method = _method(sw, problems)
    filters = _parse_filters(table.get("filter", []), outputs, problems)
    objectives, best = _parse_pareto(table.get("pareto", {}), outputs, problems)
    if problems:
        raise DesignError(source, problems)
    spec = SweepSpec(name=str(sw.get("name", Path(source).stem)), base=base, axes=tuple(axes), samples=samples,
                     seed=seed, chunk_size=chunk, outputs=tuple(outputs), filters=tuple(filters),
                     feasible_only=feasible_only, verify=verify, objectives=tuple(objectives), best=best,
                     table=table, base_table=base_table, source=source, method=method)
    if spec.n_designs > MAX_DESIGNS:
        raise DesignError(source, [InputError("axis", spec.n_designs, f"at most {MAX_DESIGNS:.0e} designs")])
    return spec


def load_sweep_spec(path: str | Path) -> SweepSpec:
    """Read and validate a sweep spec TOML file (see the module docstring)."""
    path = Path(path)
    table = read_toml(path, "sweep spec")
    return parse_sweep_spec(table, str(path), path.parent)


@lru_cache(maxsize=8)
def spec_from_payload(payload: tuple) -> SweepSpec:
    """Rebuild a spec from :meth:`SweepSpec.payload` (cached per process)."""
    table, base_table, source = json.loads(payload[0]), json.loads(payload[1]), payload[2]
    return parse_sweep_spec(table, source, base_table=base_table)


_GROUP_CACHE: dict = {}


def group_cache(spec: SweepSpec) -> dict:
    """The design groups prepared in this process (the ``cache`` of
    :func:`thermo_orbit.batch.size_columns`, whose keys name the base design too), kept
    between chunks and sweeps."""
    return _GROUP_CACHE


@lru_cache(maxsize=64)
def _sample_block(seed: int, block: int, n: int, d: int, sampler: str) -> np.ndarray:
    """Unit-cube samples of one block: a Latin hypercube of ``n`` points (or uniform)."""
    rng = np.random.default_rng([seed, block])
    if sampler == "lhs":
        from scipy.stats import qmc

        return qmc.LatinHypercube(d=d, seed=rng).random(n)
    return rng.random((n, d))


def _sampled_columns(spec: SweepSpec, s: np.ndarray, cols: dict[str, np.ndarray]) -> None:
    """The sampled axes' values of the designs with sample numbers ``s``, into ``cols``."""
    by_sampler: dict[str, list[Axis]] = {}
    for a in spec.sampled_axes:
        by_sampler.setdefault(a.sampler, []).append(a)
    for sampler, axes in by_sampler.items():
        u = np.empty((s.size, len(axes)))
        blocks = s // SAMPLE_BLOCK
        for b in np.unique(blocks):
            rows = blocks == b
            n_block = min(SAMPLE_BLOCK, spec.n_samples - int(b) * SAMPLE_BLOCK)
            seed = spec.seed if sampler == "lhs" else spec.seed + 1
            u[rows] = _sample_block(seed, int(b), n_block, len(axes), sampler)[s[rows] % SAMPLE_BLOCK]
        for j, a in enumerate(axes):
            if a.spacing == "log":
                cols[a.field] = np.exp(np.log(a.low) + u[:, j] * (np.log(a.high) - np.log(a.low)))
            else:
                cols[a.field] = a.low + u[:, j] * (a.high - a.low)


def design_columns(spec: SweepSpec, start: int, stop: int) -> dict[str, np.ndarray]:
    """The axis values of designs ``start`` to ``stop - 1``: field path → array
    (magnitudes in the field's unit, objects for text, bool and whole-number fields)."""
    idx = np.arange(start, stop, dtype=np.int64)
    s, g = idx % spec.n_samples, idx // spec.n_samples
    cols: dict[str, np.ndarray] = {}
    grid = spec.grid_axes
    if grid:
        pos = np.unravel_index(g, spec.grid_shape)
        for axis, p in zip(grid, pos):
            cols[axis.field] = axis.values[p]
    if spec.sampled_axes:
        _sampled_columns(spec, s, cols)
    return cols
