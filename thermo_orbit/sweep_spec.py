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
memory stays bounded for any sample count.
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
import pint

from .batch import OUTPUTS, column_values
from .design import FIELDS, Design, DesignError, load_design, parse_design, read_toml
from .errors import InputError
from .units import Q_, parse_quantity

__all__ = ["Axis", "SweepSpec", "load_sweep_spec", "parse_sweep_spec", "design_columns", "SAMPLE_BLOCK"]

SAMPLE_BLOCK = 65_536
DEFAULT_CHUNK = 65_536
MAX_DESIGNS = 10**10
_SWEEP_KEYS = {"name", "description", "base", "samples", "seed", "chunk_size", "outputs", "feasible_only", "verify"}
_AXIS_KEYS = {"field", "values", "range", "count", "spacing", "sample", "bounds"}


@dataclass(frozen=True)
class Axis:
    """One axis: ``kind`` is "values" (explicit or a range, on the grid) or "sample"."""

    field: str
    kind: str
    values: Any = None  #: grid values: magnitudes in the field's unit, or objects
    low: float | None = None  #: sampled axes: bounds in the field's unit
    high: float | None = None
    spacing: str = "linear"
    sampler: str = "lhs"

    @property
    def unit(self) -> str | None:
        """The field's unit (its values are magnitudes in it); None for text, bool, int."""
        return FIELDS[self.field].unit

    def __len__(self) -> int:
        return len(self.values) if self.kind == "values" else 0


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


def _quantity_in(text: Any, unit: str | None, where: str, problems: list) -> float | None:
    try:
        q = parse_quantity(text) if isinstance(text, str) else None
        if q is None:
            raise ValueError
        return float(q.to(unit).magnitude)
    except (ValueError, pint.DimensionalityError, pint.errors.UndefinedUnitError):
        problems.append(InputError(where, text, f"a quantity in {unit}",
                                   f'{where}: expected a quantity in {unit} written as a string, got {text!r}'))
        return None


def _parse_axis(i: int, raw: Any, problems: list) -> Axis | None:
    where = f"axis[{i}]"
    if not isinstance(raw, dict):
        problems.append(InputError(where, raw, "a table with field and values, range or sample"))
        return None
    for key in raw:
        if key not in _AXIS_KEYS:
            problems.append(InputError(f"{where}.{key}", raw[key], "a known key",
                                       f"{where}.{key}: unknown key (known: {', '.join(sorted(_AXIS_KEYS))})"))
    path = raw.get("field")
    fld = FIELDS.get(path) if isinstance(path, str) else None
    if fld is None or path in ("name", "description"):
        import difflib

        close = difflib.get_close_matches(str(path), FIELDS.keys(), n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        problems.append(InputError(f"{where}.field", path, "a design field", f"{where}.field: {path!r} is not a "
                                   f"design field{hint}"))
        return None
    kinds = [k for k in ("values", "range", "sample") if k in raw]
    if len(kinds) != 1:
        problems.append(InputError(where, path, "exactly one of values, range or sample",
                                   f"{where} ({path}): give exactly one of values, range or sample"))
        return None
    try:
        if "values" in raw:
            vals = raw["values"]
            if not isinstance(vals, list) or not vals:
                raise InputError(f"{where}.values", vals, "a non-empty list")
            if fld.unit is not None:
                mags = [_quantity_in(x, fld.unit, f"{where}.values", problems) for x in vals]
                if any(m is None for m in mags):
                    return None
                arr = column_values(path, Q_(np.array(mags), fld.unit), None, "value")
            else:
                arr = column_values(path, vals, None, "value")
            return Axis(path, "values", values=arr)
        if "range" in raw:
            rng = raw["range"]
            if fld.unit is None and fld.kind is not int:
                raise InputError(f"{where}.range", rng, "values (a range needs a numeric field)",
                                 f"{where}.range: {path} is not numeric; list its values instead")
            count = raw.get("count")
            if isinstance(count, bool) or not isinstance(count, int) or count < 1 or count > 10**7:
                raise InputError(f"{where}.count", count, "a whole number from 1 to 10^7")
            lo, hi, spacing = _interval(raw, "range", fld, where, problems)
            if lo is None:
                return None
            pts = np.geomspace(lo, hi, count) if spacing == "log" else np.linspace(lo, hi, count)
            if fld.unit is None:  # whole numbers
                pts = np.unique(np.round(pts).astype(np.int64))
                return Axis(path, "values", values=column_values(path, [int(x) for x in pts], None))
            return Axis(path, "values", values=column_values(path, Q_(pts, fld.unit), None), spacing=spacing)
        sampler = raw["sample"]
        if sampler not in ("lhs", "random"):
            raise InputError(f"{where}.sample", sampler, '"lhs" or "random"')
        if fld.unit is None:
            raise InputError(f"{where}.sample", path, "a quantity field (sample text or whole-number fields with values)",
                             f"{where}.sample: {path} is not a quantity; give its values instead")
        lo, hi, spacing = _interval(raw, "bounds", fld, where, problems)
        if lo is None:
            return None
        if not lo < hi:
            raise InputError(f"{where}.bounds", raw["bounds"], "low < high")
        return Axis(path, "sample", low=lo, high=hi, spacing=spacing, sampler=sampler)
    except InputError as err:
        if not err.field.startswith("axis["):
            err = InputError(f"{where}.{err.field}" if "." not in err.field or err.field == path else err.field,
                             err.value, err.expected, f"{where}: {err}")
        problems.append(err)
        return None


def _interval(raw: dict, key: str, fld, where: str, problems: list) -> tuple:
    """(low, high, spacing) of an axis's ``range`` or ``bounds`` in the field's unit;
    (None, None, spacing) when a bound is wrong (the problem is recorded)."""
    pair = raw.get(key)
    if not isinstance(pair, list) or len(pair) != 2:
        raise InputError(f"{where}.{key}", pair, "[low, high]")
    spacing = raw.get("spacing", "linear")
    if spacing not in ("linear", "log"):
        raise InputError(f"{where}.spacing", spacing, "linear or log")
    lo, hi = (_bound(x, fld, f"{where}.{key}", problems) for x in pair)
    if lo is None or hi is None:
        return None, None, spacing
    if spacing == "log" and min(lo, hi) <= 0:
        raise InputError(f"{where}.{key}", pair, "positive bounds for log spacing")
    return lo, hi, spacing


def _bound(x: Any, fld, where: str, problems: list) -> float | None:
    if fld.unit is None:
        if isinstance(x, bool) or not isinstance(x, int):
            problems.append(InputError(where, x, "whole numbers"))
            return None
        mag = float(x)
    else:
        mag = _quantity_in(x, fld.unit, where, problems)
        if mag is None:
            return None
    if (fld.low is not None and mag < fld.low) or (fld.high is not None and mag > fld.high):
        problems.append(InputError(where, x, f"{fld.low:g} to {fld.high:g} {fld.unit or ''}".strip(),
                                   f"{where}: {x!r} is outside {fld.path}'s range {fld.low:g} to {fld.high:g} "
                                   f"{fld.unit or ''}".rstrip()))
        return None
    return mag


def _resolve_base(base: Any, base_dir: Path | None, problems: list) -> tuple[Design | None, dict]:
    from .design import default_design_path

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


def parse_sweep_spec(table: dict, source: str = "sweep", base_dir: Path | None = None,
                     base_table: dict | None = None) -> SweepSpec:
    """Validate a parsed spec table; raise :class:`DesignError` listing every problem with
    its path (``axis[1].range``, ``sweep.samples``...)."""
    problems: list[InputError] = []
    for key in table:
        if key not in ("sweep", "axis", "filter", "pareto"):
            problems.append(InputError(key, table[key], "sweep, axis, filter or pareto",
                                       f"{key}: unknown section (known: sweep, [[axis]], [[filter]], pareto)"))
    sw = table.get("sweep", {})
    if not isinstance(sw, dict):
        raise DesignError(source, [InputError("sweep", sw, "a table")])
    for key in sw:
        if key not in _SWEEP_KEYS:
            problems.append(InputError(f"sweep.{key}", sw[key], "a known key",
                                       f"sweep.{key}: unknown key (known: {', '.join(sorted(_SWEEP_KEYS))})"))
    if base_table is not None:
        try:
            base = parse_design(base_table, "sweep.base")
        except DesignError as err:
            raise DesignError(source, err.problems) from None
    else:
        base, base_table = _resolve_base(sw.get("base"), base_dir, problems)

    def whole(key, default, low, high):
        val = sw.get(key, default)
        if isinstance(val, bool) or not isinstance(val, int) or not low <= val <= high:
            problems.append(InputError(f"sweep.{key}", val, f"a whole number from {low:g} to {high:g}"))
            return default
        return val

    samples = whole("samples", 0, 0, MAX_DESIGNS)
    seed = whole("seed", 0, 0, 2**63 - 1)
    chunk = whole("chunk_size", DEFAULT_CHUNK, 1, 10**7)
    raw_axes = table.get("axis", [])
    if not isinstance(raw_axes, list):
        problems.append(InputError("axis", raw_axes, "[[axis]] tables"))
        raw_axes = []
    axes = [_parse_axis(i, a, problems) for i, a in enumerate(raw_axes)]
    axes = [a for a in axes if a is not None]
    seen = set()
    for a in axes:
        if a.field in seen:
            problems.append(InputError("axis", a.field, "each field on one axis", f"axis: {a.field} appears twice"))
        seen.add(a.field)
    if any(a.kind == "sample" for a in axes) and samples < 1:
        problems.append(InputError("sweep.samples", samples, "≥ 1 with sampled axes",
                                   "sweep.samples: the sampled axes need sweep.samples ≥ 1"))
    outputs = sw.get("outputs", list(OUTPUTS))
    if not isinstance(outputs, list) or any(o not in OUTPUTS for o in outputs):
        bad = [o for o in outputs if o not in OUTPUTS] if isinstance(outputs, list) else outputs
        problems.append(InputError("sweep.outputs", bad, "output paths", f"sweep.outputs: unknown {bad!r}; "
                                   f"known: {', '.join(OUTPUTS)}"))
        outputs = list(OUTPUTS)
    feasible_only = sw.get("feasible_only", False)
    if not isinstance(feasible_only, bool):
        problems.append(InputError("sweep.feasible_only", feasible_only, "true or false"))
        feasible_only = False
    verify = sw.get("verify", "none")
    if verify not in ("none", "transient"):
        problems.append(InputError("sweep.verify", verify, '"none" or "transient"'))
    filters = []
    raw_filters = table.get("filter", [])
    for i, f in enumerate(raw_filters if isinstance(raw_filters, list) else []):
        where = f"filter[{i}]"
        out = f.get("output") if isinstance(f, dict) else None
        if out not in OUTPUTS:
            problems.append(InputError(f"{where}.output", out, "an output path"))
            continue
        unit = OUTPUTS[out]
        lo = _quantity_in(f["min"], unit, f"{where}.min", problems) if "min" in f else None
        hi = _quantity_in(f["max"], unit, f"{where}.max", problems) if "max" in f else None
        if lo is None and hi is None:
            problems.append(InputError(where, f, "min and/or max"))
            continue
        filters.append((out, lo, hi))
        if out not in outputs:
            outputs.append(out)
    par = table.get("pareto", {})
    objectives = par.get("objectives", ["mass.total", "radiator.area"]) if isinstance(par, dict) else []
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
    if problems:
        raise DesignError(source, problems)
    spec = SweepSpec(name=str(sw.get("name", Path(source).stem)), base=base, axes=tuple(axes), samples=samples,
                     seed=seed, chunk_size=chunk, outputs=tuple(outputs), filters=tuple(filters),
                     feasible_only=feasible_only, verify=verify, objectives=tuple(objectives), best=best,
                     table=table, base_table=base_table, source=source)
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


@lru_cache(maxsize=64)
def _sample_block(seed: int, block: int, n: int, d: int, sampler: str) -> np.ndarray:
    """Unit-cube samples of one block: a Latin hypercube of ``n`` points (or uniform)."""
    rng = np.random.default_rng([seed, block])
    if sampler == "lhs":
        from scipy.stats import qmc

        return qmc.LatinHypercube(d=d, seed=rng).random(n)
    return rng.random((n, d))


def design_columns(spec: SweepSpec, start: int, stop: int) -> dict[str, np.ndarray]:
    """The axis values of designs ``start`` to ``stop - 1``: field path → array
    (magnitudes in the field's unit, objects for text, bool and whole-number fields)."""
    idx = np.arange(start, stop, dtype=np.int64)
    S = spec.n_samples
    s, g = idx % S, idx // S
    cols: dict[str, np.ndarray] = {}
    grid = spec.grid_axes
    if grid:
        pos = np.unravel_index(g, spec.grid_shape)
        for axis, p in zip(grid, pos):
            cols[axis.field] = axis.values[p]
    sampled = spec.sampled_axes
    if sampled:
        by_sampler: dict[str, list[Axis]] = {}
        for a in sampled:
            by_sampler.setdefault(a.sampler, []).append(a)
        for sampler, axes in by_sampler.items():
            u = np.empty((idx.size, len(axes)))
            blocks = s // SAMPLE_BLOCK
            for b in np.unique(blocks):
                rows = blocks == b
                n_block = min(SAMPLE_BLOCK, S - int(b) * SAMPLE_BLOCK)
                seed = spec.seed if sampler == "lhs" else spec.seed + 1
                u[rows] = _sample_block(seed, int(b), n_block, len(axes), sampler)[s[rows] % SAMPLE_BLOCK]
            for j, a in enumerate(axes):
                if a.spacing == "log":
                    cols[a.field] = np.exp(np.log(a.low) + u[:, j] * (np.log(a.high) - np.log(a.low)))
                else:
                    cols[a.field] = a.low + u[:, j] * (a.high - a.low)
    return cols
