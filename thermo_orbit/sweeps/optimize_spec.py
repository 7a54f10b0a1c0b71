"""Optimisation specs: a sweep spec (base design and axes) with an ``[optimize]`` table.

::

    [optimize]
    minimize = "mass.total"           # or maximize = "..."; several: objectives = ["mass.total", "-margins.freeze"]
    constraints = ["margins.freeze >= 15 K", "radiator.area <= 400 m^2"]
    method = "steady"                 # or "orbit": every candidate sized against the periodic orbit
    generations = 100                 # differential-evolution iterations or NSGA-II generations
    population = 15                   # DE: members per variable (scipy's popsize); NSGA-II: population
    seed = 1
    polish = true                     # a local, derivative-free polish of the optimum (COBYLA)
    tolerance = 1e-6                  # DE: relative spread of the population's objective at convergence
    best = 10                         # NSGA-II: front designs written as design files

The axes are the variables: an axis sampled within ``bounds``, and a ``range`` of a
quantity field, is a continuous variable between its ends (``spacing = "log"``: searched
in the logarithm); a ``range`` of a whole-number field is an integer variable; an axis of
listed ``values`` (coolants, cells, batteries, any field) is a discrete choice, each
enumerated exactly.  A spec without ``[optimize]`` minimises ``mass.total``.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..batch import OUTPUTS
from ..design import FIELDS, DesignError, read_toml
from ..errors import InputError
from .axes import quantity_in, unknown_keys
from .spec import SweepSpec, parse_sweep_spec

__all__ = ["OptimizeSpec", "Variable", "OutputConstraint", "load_optimize_spec", "parse_optimize_spec",
           "optimize_spec_from_payload", "METHODS", "MAX_CHOICES"]

#: the sizing methods an optimisation may use: "orbit" sizes every candidate against the periodic
#: orbit (:func:`thermo_orbit.sizing.size_orbit_columns`; thousands of designs a minute, not millions)
METHODS = ("steady", "orbit")
#: combinations of the discrete axes enumerated at most
MAX_CHOICES = 1000
_KEYS = {"minimize", "maximize", "objectives", "constraints", "method", "generations", "population", "seed",
         "polish", "tolerance", "best"}
_CONSTRAINT = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(>=|<=|≥|≤)\s*(.+?)\s*$")


@dataclass(frozen=True)
class Variable:
    """One decision variable: ``kind`` "continuous" (low, high in the field's unit; ``log``),
    "integer" (low, high whole numbers) or "choice" (``choices``, the axis values)."""

    field: str
    kind: str
    low: float = 0.0
    high: float = 1.0
    log: bool = False
    choices: Any = None

    @property
    def unit(self) -> str | None:
        """The field's unit (None for text, bool and whole-number fields)."""
        return FIELDS[self.field].unit

    def values(self, x: np.ndarray) -> np.ndarray:
        """Field values of the decision coordinates ``x``: a continuous variable's
        coordinate is in [0, 1] (its fraction of the interval, in the logarithm for ``log``),
        an integer's is the number itself (rounded)."""
        if self.kind == "integer":
            col = np.empty(x.shape, dtype=object)
            col[:] = [int(v) for v in np.clip(np.rint(x), self.low, self.high)]
            return col
        x = np.clip(x, 0.0, 1.0)
        if self.log:
            return np.exp(np.log(self.low) + x * (np.log(self.high) - np.log(self.low)))
        return self.low + x * (self.high - self.low)

    @property
    def bounds(self) -> tuple[float, float]:
        """Bounds of the decision coordinate."""
        return (self.low, self.high) if self.kind == "integer" else (0.0, 1.0)


@dataclass(frozen=True)
class OutputConstraint:
    """``output >= bound`` or ``output <= bound``, the bound in the output's unit."""

    output: str
    sense: str  #: ">=" or "<="
    bound: float
    text: str

    def violation(self, value: np.ndarray) -> np.ndarray:
        """How far ``value`` is on the wrong side, relative to the bound (≤ 0 holds); NaN
        (no value) is a violation of 1e3."""
        scale = abs(self.bound) if self.bound != 0 else 1.0
        g = (self.bound - value) / scale if self.sense == ">=" else (value - self.bound) / scale
        return np.where(np.isnan(g), 1e3, g)


@dataclass(frozen=True)
class OptimizeSpec:
    """A validated optimisation: the sweep spec (base, axes), the variables, objectives
    (output paths; "-path" maximises), constraints and settings."""

    sweep: SweepSpec
    variables: tuple[Variable, ...]
    objectives: tuple[str, ...]
    constraints: tuple[OutputConstraint, ...]
    method: str = "steady"
    generations: int = 100
    population: int = 15
    seed: int = 0
    polish: bool = True
    tolerance: float = 1e-6
    best: int = 10
    table: dict = field(repr=False, default_factory=dict)

    @property
    def name(self) -> str:
        """The spec's name (``sweep.name``)."""
        return self.sweep.name

    @property
    def continuous(self) -> tuple[Variable, ...]:
        """The continuous and integer variables (searched by the optimiser)."""
        return tuple(v for v in self.variables if v.kind != "choice")

    @property
    def discrete(self) -> tuple[Variable, ...]:
        """The choice variables (enumerated)."""
        return tuple(v for v in self.variables if v.kind == "choice")

    def choices(self) -> list[dict[str, Any]]:
        """Every combination of the discrete axes, as field → value."""
        axes = self.discrete
        return [dict(zip((v.field for v in axes), combo)) for combo in
                itertools.product(*(list(v.choices) for v in axes))]

    def payload(self) -> tuple:
        """Plain data a worker rebuilds the spec from (:func:`optimize_spec_from_payload`)."""
        return (json.dumps(self.table, default=str), json.dumps(self.sweep.base_table, default=str),
                self.sweep.source)


def _variable(spec: SweepSpec, i: int, axis) -> Variable:
    raw = spec.table["axis"][i]
    if axis.kind == "sample":
        return Variable(axis.field, "continuous", axis.low, axis.high, axis.spacing == "log")
    if "range" in raw:
        lo, hi = float(np.min(axis.values)), float(np.max(axis.values))
        if FIELDS[axis.field].kind is int:
            return Variable(axis.field, "integer", lo, hi)
        return Variable(axis.field, "continuous", lo, hi, axis.spacing == "log")
    return Variable(axis.field, "choice", choices=tuple(axis.values.tolist()))


def _objectives(opt: dict, problems: list) -> list[str]:
    given = [k for k in ("minimize", "maximize", "objectives") if k in opt]
    if len(given) > 1:
        problems.append(InputError("optimize", given, "one of minimize, maximize or objectives"))
        return ["mass.total"]
    if not given:
        return ["mass.total"]
    key = given[0]
    objs = [opt[key]] if key != "objectives" else opt[key]
    if not isinstance(objs, list) or not 1 <= len(objs) <= 6 or \
            any(not isinstance(o, str) or o.lstrip("-") not in OUTPUTS for o in objs):
        problems.append(InputError(f"optimize.{key}", opt[key], f"output paths ({', '.join(list(OUTPUTS)[:4])}...)",
                                   f"optimize.{key}: expected output paths of size --json (e.g. \"mass.total\"), "
                                   f"got {opt[key]!r}"))
        return ["mass.total"]
    return [f"-{objs[0].lstrip('-')}"] if key == "maximize" else list(objs)


def _constraint(i: int, text: Any, problems: list) -> OutputConstraint | None:
    where = f"optimize.constraints[{i}]"
    m = _CONSTRAINT.match(text) if isinstance(text, str) else None
    if m is None or m.group(1) not in OUTPUTS:
        problems.append(InputError(where, text, 'an output, >= or <=, and a quantity, e.g. "margins.freeze >= 15 K"'))
        return None
    out, sense, bound = m.group(1), {"≥": ">=", "≤": "<="}.get(m.group(2), m.group(2)), m.group(3)
    value = quantity_in(bound, OUTPUTS[out], where, problems)
    if value is None:
        return None
    return OutputConstraint(out, sense, value, text)


def _setting(opt: dict, key: str, default, kind, low, high, problems: list):
    val = opt.get(key, default)
    ok = isinstance(val, bool) if kind is bool else (
        not isinstance(val, bool) and isinstance(val, (int, float) if kind is float else int) and low <= val <= high)
    if not ok:
        problems.append(InputError(f"optimize.{key}", val, "true or false" if kind is bool else f"{low:g} to {high:g}"))
        return default
    return kind(val)


def _settings(opt: dict, problems: list) -> dict:
    method = opt.get("method", "steady")
    if method not in METHODS:
        problems.append(InputError("optimize.method", method, " or ".join(f'"{m}"' for m in METHODS)))
        method = "steady"
    return dict(method=method, generations=_setting(opt, "generations", 100, int, 1, 10**5, problems),
                population=_setting(opt, "population", 15, int, 4, 10**5, problems),
                seed=_setting(opt, "seed", 0, int, 0, 2**32 - 1, problems),
                polish=_setting(opt, "polish", True, bool, 0, 0, problems),
                tolerance=_setting(opt, "tolerance", 1e-6, float, 0.0, 1.0, problems),
                best=_setting(opt, "best", 10, int, 0, 10**4, problems))


def parse_optimize_spec(table: dict, source: str = "optimize", base_dir: Path | None = None,
                        base_table: dict | None = None) -> OptimizeSpec:
    """Validate a spec table with ``[optimize]``; :class:`DesignError` lists every problem."""
    sweep_table = dict(table)
    if any("sample" in a for a in table.get("axis", []) if isinstance(a, dict)) and \
            "samples" not in table.get("sweep", {}):
        sweep_table["sweep"] = {**table.get("sweep", {}), "samples": 1}  # bounds are variables, not samples
    spec = parse_sweep_spec(sweep_table, source, base_dir, base_table)
    problems: list[InputError] = []
    opt = table.get("optimize", {})
    if not isinstance(opt, dict):
        raise DesignError(source, [InputError("optimize", opt, "a table")])
    problems.extend(unknown_keys("optimize", opt, _KEYS))
    objectives = _objectives(opt, problems)
    raw = opt.get("constraints", [])
    constraints = [_constraint(i, c, problems) for i, c in enumerate(raw if isinstance(raw, list) else [raw])]
    settings = _settings(opt, problems)
    variables = tuple(_variable(spec, i, a) for i, a in enumerate(spec.axes))
    if not variables:
        problems.append(InputError("axis", None, "at least one [[axis]] (the variables)"))
    n_choices = int(np.prod([len(v.choices) for v in variables if v.kind == "choice"])) if variables else 0
    if n_choices > MAX_CHOICES:
        problems.append(InputError("axis", n_choices, f"at most {MAX_CHOICES} combinations of listed values",
                                   f"axis: the listed values make {n_choices:,} combinations (at most {MAX_CHOICES}); "
                                   "give numeric axes a range or bounds instead"))
    if problems:
        raise DesignError(source, problems)
    return OptimizeSpec(sweep=spec, variables=variables, objectives=tuple(objectives),
                        constraints=tuple(c for c in constraints if c is not None), table=table, **settings)


def load_optimize_spec(path: str | Path) -> OptimizeSpec:
    """Read and validate an optimisation spec (see the module docstring)."""
    path = Path(path)
    return parse_optimize_spec(read_toml(path, "optimisation spec"), str(path), path.parent)


@lru_cache(maxsize=8)
def optimize_spec_from_payload(payload: tuple) -> OptimizeSpec:
    """Rebuild a spec from :meth:`OptimizeSpec.payload` (cached per process)."""
    return parse_optimize_spec(json.loads(payload[0]), payload[2], base_table=json.loads(payload[1]))
