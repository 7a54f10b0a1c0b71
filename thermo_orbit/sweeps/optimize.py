"""Find the best design: differential evolution or NSGA-II over the axes of a spec, every
population evaluated at once through the vectorised kernel.

:func:`optimize` takes an :class:`~thermo_orbit.sweeps.optimize_spec.OptimizeSpec` (or its
path) and, for every combination of the discrete axes (each coolant, cell, battery...
enumerated exactly), searches the continuous and integer variables:

- **one objective**: differential evolution (Storn & Price 1997, J. Global Optim. 11,
  341; ``scipy.optimize.differential_evolution`` with ``vectorized=True``: each generation
  is one call of :func:`thermo_orbit.batch.size_columns` on arrays), constraints handled by
  Lampinen's rule as scipy implements it (a feasible point beats an infeasible one; of two
  infeasible points the one violating less wins), integer variables by scipy's
  ``integrality``; then a local polish of the best point, derivative-free (COBYLA, Powell
  1994, through ``scipy.optimize.minimize``), kept only where it improves a feasible point;
- **two objectives or more**: NSGA-II (Deb et al. 2002, IEEE Trans. Evol. Comput. 6,
  182; pymoo), the front taken from every feasible point evaluated, merged across the
  discrete combinations (:func:`~thermo_orbit.sweeps.analysis.pareto_mask`).

Feasible means the design's own constraints hold (``feasible`` of the sizing; its
violation measured by its negative margins) and every ``optimize.constraints`` output
bound holds.  The combinations run in-process or as Dask tasks (``workers`` or
``scheduler``, :mod:`thermo_orbit.sweeps.dask`).
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..batch import BINDING_NAMES, OUTPUTS, size_columns
from ..errors import InputError
from ..sizing import size_orbit_columns
from .analysis import default_tolerance, merge_near_duplicates, pareto_mask, parse_tolerance
from .dask import check_scheduler_address, dask_client
from .optimize_spec import OptimizeSpec, load_optimize_spec, optimize_spec_from_payload
from .spec import group_cache

__all__ = ["Evaluator", "optimize", "optimize_choice", "OptimizeResult", "design_violation", "POLISH_EVALUATIONS"]

#: evaluations the local polish may spend on one combination
POLISH_EVALUATIONS = 120
#: scales of the margins in the design's violation measure: 10 K for temperature margins, 1 for
#: the depth of discharge (a fraction): a design assumption that only orders infeasible points
_MARGIN_SCALES = {"margins.freeze": 10.0, "margins.radiator_sink": 10.0, "margins.battery_depth_of_discharge": 1.0,
                  "margins.boil": 10.0}


def design_violation(out: dict) -> np.ndarray:
    """How infeasible each design is (0 feasible): 1 plus its negative margins, scaled
    (:data:`_MARGIN_SCALES`), so an optimiser is led toward feasibility."""
    short = np.zeros(len(out["feasible"]))
    for path, scale in _MARGIN_SCALES.items():
        short += np.nan_to_num(np.maximum(0.0, -out[path] / scale), nan=0.0)
    return np.where(out["feasible"], 0.0, 1.0 + short)


class Evaluator:
    """The vectorised evaluation of one combination of the discrete axes: decision
    coordinates X (variables × designs) → objectives F and constraint violations G
    (designs × ...; G ≤ 0 holds), keeping the count, the best feasible point, the feasible
    points (for a front) and the history of every batch."""

    def __init__(self, spec: OptimizeSpec, combo: dict):
        self.spec, self.combo = spec, combo
        self.variables = spec.continuous
        self.evaluations = 0
        self.history: list[tuple[int, float, float]] = []  #: (evaluations, best objective so far, feasible share)
        self.best: tuple | None = None  #: (x, F row, outputs row) of the best feasible point (first objective)
        self.least: tuple | None = None  #: (x, violation, outputs row) of the least infeasible point
        self.archive: list[tuple[np.ndarray, np.ndarray, dict]] = []  #: feasible (X, F, outputs) batches
        self._cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def columns(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """Field → values of the designs with coordinates ``X`` (variables × designs)."""
        n = X.shape[1]
        cols = {}
        for fld, val in self.combo.items():
            col = np.empty(n, dtype=object) if isinstance(val, (str, bool, int)) else np.empty(n)
            col[:] = val
            cols[fld] = col
        for j, v in enumerate(self.variables):
            cols[v.field] = v.values(X[j])
        return cols

    def evaluate(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict]:
        """Size the designs ``X`` (variables × designs): (F, G, output columns)."""
        n = X.shape[1]
        cols = self.columns(X)
        out = size_columns(self.spec.sweep.base, cols, cache=group_cache(self.spec.sweep), n=n)
        if self.spec.method == "orbit":
            size_orbit_columns(self.spec.sweep.base, cols, out)
        F = np.stack([-out[o[1:]] if o.startswith("-") else out[o] for o in self.spec.objectives], axis=1)
        F = np.where(np.isfinite(F), F, 1e300)
        G = np.stack([c.violation(out[c.output]) for c in self.spec.constraints] + [design_violation(out)], axis=1)
        self.evaluations += n
        self._record(X, F, G, out)
        return F, G, out

    def fg(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(F, G) of coordinates ``x`` ((variables,) or (variables, designs)), each design
        sized once however often scipy asks (its constraints and objective are separate calls)."""
        X = np.atleast_2d(np.asarray(x, dtype=np.float64).T).T if np.ndim(x) == 1 else np.asarray(x, np.float64)
        if X.shape[1] == 0:  # scipy asks for the objective of no member when none is feasible
            return np.empty((0, len(self.spec.objectives))), np.empty((0, len(self.spec.constraints) + 1))
        keys = [X[:, i].tobytes() for i in range(X.shape[1])]
        todo = [i for i, k in enumerate(keys) if k not in self._cache]
        if todo:
            F, G, _ = self.evaluate(X[:, todo])
            if len(self._cache) > 200_000:
                self._cache.clear()
            for r, i in enumerate(todo):
                self._cache[keys[i]] = (F[r], G[r])
        return np.stack([self._cache[k][0] for k in keys]), np.stack([self._cache[k][1] for k in keys])

    def _record(self, X, F, G, out) -> None:
        ok = np.all(G <= 0.0, axis=1)
        rows = np.flatnonzero(ok)
        if rows.size:
            self.archive.append((X[:, rows].T.copy(), F[rows].copy(), {k: v[rows] for k, v in out.items()}))
            i = rows[int(np.argmin(F[rows, 0]))]
            if self.best is None or F[i, 0] < self.best[1][0]:
                self.best = (X[:, i].copy(), F[i].copy(), {k: v[i] for k, v in out.items()})
        else:
            total = np.sum(np.maximum(G, 0.0), axis=1)
            i = int(np.argmin(total))
            if self.least is None or total[i] < self.least[1]:
                self.least = (X[:, i].copy(), float(total[i]), {k: v[i] for k, v in out.items()})
        best = self.best[1][0] if self.best is not None else np.nan
        self.history.append((self.evaluations, float(best), float(ok.mean())))

    def decision_values(self, x: np.ndarray) -> dict:
        """Field → value of one decision point, discrete choices included (plain Python values)."""
        vals = dict(self.combo)
        for j, v in enumerate(self.variables):
            val = v.values(np.asarray([x[j]]))[0]
            vals[v.field] = val if isinstance(val, (int, str, bool)) else float(val)
        return vals


def _polish(ev: Evaluator) -> None:
    """COBYLA from the best feasible point over its continuous coordinates (integers fixed);
    the evaluator keeps whatever improves it."""
    from scipy.optimize import minimize

    idx = [j for j, v in enumerate(ev.variables) if v.kind == "continuous"]
    if ev.best is None or not idx:
        return
    x0 = ev.best[0].copy()
    scale = max(abs(float(ev.best[1][0])), 1e-12)

    def full(z):
        x = x0.copy()
        x[idx] = np.clip(z, 0.0, 1.0)
        return x

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        minimize(lambda z: float(ev.fg(full(z))[0][0, 0]) / scale, x0[idx], method="COBYLA",
                 bounds=[(0.0, 1.0)] * len(idx), constraints={"type": "ineq", "fun": lambda z: -ev.fg(full(z))[1][0]},
                 options={"maxiter": POLISH_EVALUATIONS, "rhobeg": 0.02, "tol": 1e-7})


def _population(spec: OptimizeSpec) -> int:
    return max(20, spec.population * len(spec.continuous))


def _single(ev: Evaluator, seed: int) -> None:
    """Differential evolution over the continuous and integer variables, then the polish."""
    from scipy.optimize import NonlinearConstraint, differential_evolution

    spec = ev.spec
    if not ev.variables:
        ev.fg(np.zeros((0, 1)))
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns when a generation has no feasible member yet
        differential_evolution(lambda x: ev.fg(x)[0][:, 0], [v.bounds for v in ev.variables], vectorized=True,
                               constraints=NonlinearConstraint(lambda x: ev.fg(x)[1].T, -np.inf, 0.0),
                               integrality=[v.kind == "integer" for v in ev.variables], maxiter=spec.generations,
                               popsize=spec.population, tol=spec.tolerance, seed=seed, polish=False,
                               init="latinhypercube", updating="deferred")
    if spec.polish:
        _polish(ev)


def _multi(ev: Evaluator, seed: int) -> None:
    """NSGA-II (pymoo) over the continuous and integer variables."""
    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.core.problem import Problem
    from pymoo.optimize import minimize

    spec = ev.spec
    if not ev.variables:
        ev.fg(np.zeros((0, 1)))
        return
    bounds = np.array([v.bounds for v in ev.variables], dtype=np.float64)

    class _Problem(Problem):
        def _evaluate(self, X, out, *args, **kwargs):
            F, G = ev.fg(X.T)
            out["F"], out["G"] = F, G

    problem = _Problem(n_var=len(ev.variables), n_obj=len(spec.objectives), n_ieq_constr=len(spec.constraints) + 1,
                       xl=bounds[:, 0], xu=bounds[:, 1])
    minimize(problem, NSGA2(pop_size=_population(spec)), ("n_gen", spec.generations), seed=seed, verbose=False)


def _row(ev: Evaluator, x: np.ndarray, out: dict) -> dict:
    """One design as a plain row: decision values, every output, feasible, binding constraint."""
    row = ev.decision_values(x)
    row.update({o: float(out[o]) for o in OUTPUTS})
    row["feasible"] = bool(out["feasible"])
    row["binding_constraint"] = BINDING_NAMES[int(out["binding_constraint"])]
    return row


def _front_rows(ev: Evaluator) -> list[dict]:
    """The feasible points of one combination on their own Pareto front."""
    if not ev.archive:
        return []
    X = np.vstack([a[0] for a in ev.archive])
    F = np.vstack([a[1] for a in ev.archive])
    outs = {k: np.concatenate([a[2][k] for a in ev.archive]) for k in ev.archive[0][2]}
    keep = np.flatnonzero(pareto_mask(F))
    _, first = np.unique(F[keep], axis=0, return_index=True)
    return [_row(ev, X[i], {k: v[i] for k, v in outs.items()}) for i in keep[np.sort(first)]]


def optimize_choice(payload: tuple, k: int) -> dict:
    """Search combination ``k`` of the discrete axes of the spec given by ``payload``
    (:meth:`OptimizeSpec.payload`): a pure function of its arguments, so it runs the same
    in-process or on a Dask worker.  Returns plain data: the combination, its best row
    (or least infeasible), its front (several objectives), history, evaluations, seconds."""
    spec = optimize_spec_from_payload(payload)
    combo = spec.choices()[k]
    ev = Evaluator(spec, combo)
    t0 = time.perf_counter()
    (_multi if len(spec.objectives) > 1 else _single)(ev, spec.seed + k)
    best = ev.best if ev.best is not None else ev.least
    return {"choice": combo, "feasible": ev.best is not None, "best": _row(ev, best[0], best[2]) if best else None,
            "front": _front_rows(ev) if len(spec.objectives) > 1 else [], "history": ev.history,
            "evaluations": ev.evaluations, "seconds": time.perf_counter() - t0}


@dataclass
class OptimizeResult:
    """What an optimisation found: the optimum (one objective) or the front (several), per
    combination of the discrete axes its best, the history and the evaluation count."""

    spec: OptimizeSpec
    choices: list[dict]  #: :func:`optimize_choice`'s results, in combination order
    optimum: dict | None  #: the best feasible row (one objective), else None
    front: list[dict] = field(default_factory=list)  #: the merged front (several objectives)
    seconds: float = 0.0

    @property
    def feasible(self) -> bool:
        """A design meets every constraint."""
        return self.optimum is not None if len(self.spec.objectives) == 1 else bool(self.front)

    @property
    def evaluations(self) -> int:
        """Designs sized over every combination."""
        return sum(c["evaluations"] for c in self.choices)

    def constraint_table(self, row: dict) -> list[dict]:
        """Each ``optimize.constraints`` bound at ``row``: value, bound, slack (≥ 0 holds),
        active (slack within 1e-3 of the bound's scale)."""
        table = []
        for c in self.spec.constraints:
            value = row[c.output]
            slack = value - c.bound if c.sense == ">=" else c.bound - value
            scale = abs(c.bound) if c.bound else 1.0
            table.append({"constraint": c.text, "value": value, "unit": OUTPUTS[c.output], "bound": c.bound,
                          "slack": slack, "active": bool(abs(slack) <= 1e-3 * scale)})
        return table


def _merged_front(spec: OptimizeSpec, choices: list[dict]) -> list[dict]:
    rows = [r for c in choices for r in c["front"]]
    if not rows:
        return []
    F = np.array([[-r[o[1:]] if o.startswith("-") else r[o] for o in spec.objectives] for r in rows])
    keep = np.flatnonzero(pareto_mask(F))
    keep = keep[np.lexsort(F[keep].T[::-1])]
    tol = parse_tolerance(spec.table.get("pareto", {}).get("tolerance"), spec.objectives, [])
    keep = keep[merge_near_duplicates(F[keep], default_tolerance(F[keep]) if tol is None else tol)]
    return [rows[i] for i in keep]


def _run_choices(spec: OptimizeSpec, workers: int | None, scheduler: str | None, progress) -> list[dict]:
    payload, n = spec.payload(), len(spec.choices())
    if workers is None and scheduler is None:
        results = []
        for k in range(n):
            results.append(optimize_choice(payload, k))
            if progress is not None:
                progress(k + 1, n)
        return results
    with dask_client(workers, scheduler) as client:
        futures = client.map(optimize_choice, [payload] * n, range(n), pure=False)
        return client.gather(futures)


def optimize(spec: OptimizeSpec | str | Path, *, workers: int | None = None, scheduler: str | None = None,
             progress=None) -> OptimizeResult:
    """Optimise the spec (see the module docstring) and return an :class:`OptimizeResult`.

    ``workers`` runs the combinations of the discrete axes on a local Dask cluster of that
    many processes, ``scheduler`` on an existing one (tasks of
    :func:`optimize_choice`); ``progress(done, total)`` after each combination in-process.
    An optimisation that finds no feasible design is a result (``feasible`` False, the
    least infeasible point of each combination), not an error."""
    if not isinstance(spec, OptimizeSpec):
        spec = load_optimize_spec(spec)
    if workers is not None and scheduler is not None:
        raise InputError("workers", workers, "either workers or scheduler, not both")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InputError("workers", workers, "a whole number ≥ 1")
    if scheduler is not None:
        check_scheduler_address(scheduler)
    t0 = time.perf_counter()
    choices = _run_choices(spec, workers, scheduler, progress)
    optimum = None
    if len(spec.objectives) == 1:
        sign = -1.0 if spec.objectives[0].startswith("-") else 1.0
        ok = [c["best"] for c in choices if c["feasible"]]
        optimum = min(ok, key=lambda r: sign * r[spec.objectives[0].lstrip("-")]) if ok else None
    front = _merged_front(spec, choices) if len(spec.objectives) > 1 else []
    return OptimizeResult(spec, choices, optimum, front, time.perf_counter() - t0)
