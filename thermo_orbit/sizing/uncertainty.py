"""How sure a sizing is: Monte Carlo over the uncertain inputs of a design, on a Latin
hypercube, through the vectorised system kernel.

:func:`size_uncertainty` draws ``samples`` points of a Latin hypercube (McKay, Beckman &
Conover 1979; ``scipy.stats.qmc.LatinHypercube``) over the uncertain inputs
(:func:`thermo_orbit.sizing.stated.uncertain_inputs`), maps each through the inverse of its
distribution (truncated to the field's range), and sizes every sample.  It reports the
5th, 50th and 95th percentiles of the masses, the areas and the margins, and the
probability that the design is feasible with its 95 % Wilson score interval (Wilson 1927,
J. Am. Stat. Assoc. 22, 209).

Vectorised: inputs the kernel reads per design (:data:`thermo_orbit.batch.KERNEL_FIELDS`
and the tube and fin values) vary per sample within one kernel call
(:func:`thermo_orbit.system.evaluate.evaluate_si`, the path of ``size_batch``).  Inputs
that change what is prepared once per design (coatings, cell optics: the sinks and the
array temperature) or the coolant's property tables vary per *group*: ``groups`` points of
their own Latin hypercube, each prepared once (about 0.06 s) and shared by
``samples / groups`` samples.  That is stratified sampling of those inputs with
``groups`` strata; with ``groups = samples`` it is the plain Latin hypercube.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import numpy as np

from ..constraints import BINDING_NAMES, Constraint
from ..errors import InputError
from ..system.context import prepare
from ..system.design import FIELDS, Design
from ..system.evaluate import evaluate_si
from ..system.outputs import OUTPUTS
from ..units import Q_
from .stated import UncertainInput, uncertain_inputs

__all__ = ["UncertaintyResult", "size_uncertainty", "UNCERTAINTY_OUTPUTS", "PERCENTILES", "wilson_interval",
           "propagate"]

#: the outputs whose percentiles are reported: masses, areas, margins
UNCERTAINTY_OUTPUTS = (*(o for o in OUTPUTS if o.startswith("mass.")), "solar_array.area", "radiator.area",
                       "battery.capacity", *(o for o in OUTPUTS if o.startswith("margins.")))
PERCENTILES = (5.0, 50.0, 95.0)


@dataclass
class UncertaintyResult:
    """What a Monte Carlo over a design's uncertain inputs gives."""

    design: str
    samples: int
    seed: int
    groups: int  #: strata of the per-group inputs (1 without them)
    inputs: list[UncertainInput]
    percentiles: dict[str, tuple[float, float, float, int]]  #: output → (P5, P50, P95, samples with a value)
    feasible: int  #: feasible samples
    binding: dict[str, int]  #: binding constraint of the infeasible samples → count
    seconds: float = 0.0
    columns: dict = field(default_factory=dict, repr=False)  #: every sample's outputs (plain arrays)

    @property
    def probability_feasible(self) -> float:
        """Share of the samples that are feasible [dimensionless]."""
        return self.feasible / self.samples

    def to_dict(self) -> dict:
        """The ``uncertainty`` section of ``size --json``: every percentile as {value, unit}."""
        lo, hi = wilson_interval(self.feasible, self.samples)
        out = {}
        for path, (p5, p50, p95, n) in self.percentiles.items():
            unit = OUTPUTS[path]
            out[path] = {"p5": {"value": p5, "unit": unit}, "p50": {"value": p50, "unit": unit},
                         "p95": {"value": p95, "unit": unit}, "samples_with_value": n}
        return {"method": "Monte Carlo, Latin hypercube (scipy.stats.qmc)", "samples": self.samples, "seed": self.seed,
                "groups": self.groups, "inputs": [i.to_dict() for i in self.inputs],
                "probability_feasible": {"value": self.probability_feasible, "unit": "",
                                         "interval_95": [lo, hi], "interval": "Wilson score"},
                "infeasible_binding": dict(sorted(self.binding.items(), key=lambda kv: -kv[1])),
                "outputs": out, "seconds": round(self.seconds, 3)}


def wilson_interval(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n at ``z`` standard deviations
    (95 % by default) [dimensionless] (Wilson 1927, J. Am. Stat. Assoc. 22, 209-212).

    >>> [round(x, 4) for x in wilson_interval(10, 10)]
    [0.7225, 1.0]
    """
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def _unit_cube(n: int, d: int, seed: int) -> np.ndarray:
    from scipy.stats import qmc

    if d == 0:
        return np.empty((n, 0))
    return qmc.LatinHypercube(d=d, seed=np.random.default_rng(seed)).random(n)


def _values(inputs: list[UncertainInput], u: np.ndarray) -> list[np.ndarray]:
    return [i.dist.ppf(u[:, j], i.low, i.high) for j, i in enumerate(inputs)]


def _scaled_coolant(coolant, changes: dict):
    """The coolant with property factors and points of one group applied."""
    props = dict(coolant.properties)
    points = {}
    for key, val in changes.items():
        if key.endswith("_point"):
            points[key] = Q_(float(val), "K")
        elif key in props:
            props[key] = _scaled(props[key], float(val))
    return dataclasses.replace(coolant, properties=props, **points)


def _scaled(prop, factor: float):
    """The cited property ``prop`` times ``factor`` (a sample of its stated uncertainty): the
    same correlation with its scale to SI multiplied, so the compiled kernels read it as any
    other (materials/coolants.toml); a piecewise property scales each segment."""
    if prop.form == "piecewise":
        segments = [_scaled(seg, factor) for seg in prop.params["segments"]]
        return dataclasses.replace(prop, params={**prop.params, "segments": segments})
    return dataclasses.replace(prop, _scale=prop.scale * factor)


def _group_context(design: Design, group_inputs, values, g: int, cache: dict):
    """The prepared context of group ``g``: its field values set, its coolant changes applied."""
    fields = {i.key: float(values[j][g]) for j, i in enumerate(group_inputs) if i.target == "field"}
    key = tuple(sorted(fields.items()))
    if key not in cache:
        d = design.with_fields({p: Q_(x, FIELDS[p].unit) for p, x in fields.items()}) if fields else design
        cache[key] = prepare(d)
    ctx = cache[key]
    changes = {i.key: values[j][g] for j, i in enumerate(group_inputs) if i.target == "coolant"}
    if changes:
        v = dict(ctx.v)
        v["coolant"] = _scaled_coolant(v["coolant"], changes)
        ctx = dataclasses.replace(ctx, v=v)
    return ctx


def _evaluate_rows(ctx, row_inputs, row_values, rows: np.ndarray) -> dict:
    """The kernel on the samples ``rows`` of one group: per-design inputs as arrays."""
    v = dict(ctx.v)
    for j, i in enumerate(row_inputs):
        unit = FIELDS[i.key].unit if i.target == "field" else i.dist.unit
        v[i.key] = Q_(row_values[j][rows], unit)
    ctx = dataclasses.replace(ctx, v=v)
    res, _ = evaluate_si(v, ctx, rows.size)
    return res


def propagate(design: Design, inputs: list[UncertainInput], samples: int, seed: int = 0,
              groups: int = 32) -> tuple[dict, int]:
    """Size ``samples`` Latin-hypercube samples of ``inputs``: (columns of every output,
    ``feasible``, ``flags`` and ``binding_constraint`` codes, in sample order; the number
    of groups).  A group that cannot be prepared is infeasible rows (``invalid_input``)."""
    row_inputs = [i for i in inputs if i.row]
    group_inputs = [i for i in inputs if not i.row]
    n_groups = min(samples, groups) if group_inputs else 1
    row_values = _values(row_inputs, _unit_cube(samples, len(row_inputs), seed))
    group_values = _values(group_inputs, _unit_cube(n_groups, len(group_inputs), seed + 1))
    group_of = np.arange(samples) % n_groups
    out = {p: np.full(samples, np.nan) for p in OUTPUTS}
    out.update(feasible=np.zeros(samples, dtype=bool), flags=np.zeros(samples, dtype=np.int64),
               binding_constraint=np.full(samples, BINDING_NAMES.index("invalid_input"), dtype=np.int8))
    cache: dict = {}
    for g in range(n_groups):
        rows = np.flatnonzero(group_of == g)
        try:
            ctx = _group_context(design, group_inputs, group_values, g, cache)
            res = _evaluate_rows(ctx, row_inputs, row_values, rows)
        except InputError:
            out["flags"][rows] = Constraint.INVALID_INPUT
            continue
        for k, val in res.items():
            out[k][rows] = val
    return out, n_groups


def size_uncertainty(design: Design, samples: int = 1000, seed: int = 0, groups: int = 32,
                     materials: bool = True) -> UncertaintyResult:
    """Monte Carlo of ``design`` over its uncertain inputs (see the module docstring):
    ``samples`` Latin-hypercube samples, ``groups`` strata for the inputs prepared per
    group, ``materials``: include the stated uncertainties of the database values.

    Returns an :class:`UncertaintyResult`: P5/P50/P95 of masses [kg], areas [m²], battery
    capacity [kWh] and margins [K or dimensionless], the feasible share and the binding
    constraints of the infeasible samples.  A design without uncertain inputs gives its
    deterministic result at every percentile."""
    if not isinstance(design, Design):
        raise InputError("design", type(design).__name__, "a Design (thermo_orbit.load_design)")
    for name, val, low in (("samples", samples, 1), ("groups", groups, 1)):
        if isinstance(val, bool) or not isinstance(val, int) or not low <= val <= 10**7:
            raise InputError(name, val, "a whole number from 1 to 10^7")
    t0 = time.perf_counter()
    inputs = uncertain_inputs(design, materials)
    out, n_groups = propagate(design, inputs, samples, seed, groups)
    percentiles = {}
    for path in UNCERTAINTY_OUTPUTS:
        x = out[path][np.isfinite(out[path])]
        p = np.percentile(x, PERCENTILES) if x.size else np.full(3, np.nan)
        percentiles[path] = (float(p[0]), float(p[1]), float(p[2]), int(x.size))
    bad = out["binding_constraint"][~out["feasible"]]
    codes, counts = np.unique(bad, return_counts=True)
    return UncertaintyResult(design.name, samples, seed, n_groups, inputs, percentiles, int(out["feasible"].sum()),
                             {BINDING_NAMES[c]: int(k) for c, k in zip(codes, counts)},
                             time.perf_counter() - t0, out)
