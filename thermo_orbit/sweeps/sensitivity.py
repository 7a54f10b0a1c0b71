"""Global sensitivity: first-order and total Sobol indices of chosen outputs over the axes'
ranges, with bootstrap confidence intervals (SALib).

The axes of a sweep spec are the factors: an axis sampled within ``bounds`` or a
``range`` varies uniformly between its ends (``spacing = "log"``: uniformly in the
logarithm); an axis of listed ``values`` takes each value with equal probability (a
uniform factor cut into equal parts: Sobol indices are defined for any distribution of
independent inputs, Sobol 2001).  The samples are Saltelli's scheme on a scrambled Sobol
sequence (``SALib.sample.sobol``, N (D + 2) designs, D factors), all sized at once
through :func:`thermo_orbit.batch.size_columns`; the indices are SALib's estimators
(Saltelli et al. 2010, Comput. Phys. Commun. 181, 259; Jansen 1999 for the total index)
with bootstrap intervals.

The spec's ``[sensitivity]`` table::

    [sensitivity]
    outputs = ["mass.total", "radiator.area"]   # default: mass.total
    samples = 1024          # N, a power of 2; N (D + 2) designs are sized
    seed = 1
    confidence = 0.95       # level of the bootstrap intervals
    resamples = 200         # bootstrap resamples

``feasible`` (1 or 0 per design) is always analysed too: its indices say which axes decide
whether a design closes.  An output is analysed over every design of the box, feasible or
not; an output without a value for some designs (a radiator colder than its sink has no
area) has no indices, and the result says how many designs lack it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .._io import atomic_write_text
from ..batch import OUTPUTS, size_columns
from ..design import DesignError, read_toml
from ..errors import InputError
from .axes import unknown_keys
from .export import rows_csv
from .spec import SweepSpec, group_cache, parse_sweep_spec

__all__ = ["sobol_indices", "SensitivityResult", "sensitivity", "load_sensitivity_spec", "write_sensitivity"]

_KEYS = {"outputs", "samples", "seed", "confidence", "resamples"}
_CHUNK = 65_536


def sobol_indices(func, names: list[str], n: int = 1024, seed: int = 0, confidence: float = 0.95,
                  resamples: int = 200) -> tuple[dict, np.ndarray]:
    """First-order and total Sobol indices of a vectorised ``func`` (unit-cube samples
    (m, D) → dict of outputs, each (m,)) over D independent uniform factors ``names``:
    output → {"S1", "S1_conf", "ST", "ST_conf"} (arrays of D; conf: half-width of the
    ``confidence`` interval), or {"missing": count} for an output with NaN.  Also returns
    the samples."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    problem = {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}
    U = sample.sample(problem, n, calc_second_order=False, seed=seed)
    Y = func(U)
    out = {}
    for name, y in Y.items():
        y = np.asarray(y, dtype=np.float64)
        bad = int(np.sum(~np.isfinite(y)))
        if bad or np.std(y) == 0.0:
            out[name] = {"missing": bad, "constant": bool(not bad)}
            continue
        si = analyze.analyze(problem, y, calc_second_order=False, num_resamples=resamples, conf_level=confidence,
                             seed=seed + 1)
        out[name] = {k: np.asarray(si[k], dtype=np.float64) for k in ("S1", "S1_conf", "ST", "ST_conf")}
    return out, U


@dataclass
class SensitivityResult:
    """Sobol indices of outputs of a spec over its axes."""

    name: str
    factors: list[str]
    indices: dict  #: output → indices (see :func:`sobol_indices`)
    samples: int  #: N
    designs: int  #: N (D + 2) designs sized
    feasible: int
    confidence: float
    seconds: float = 0.0
    units: dict = field(default_factory=dict)

    def rows(self) -> list[dict]:
        """One row per (output, factor): S1, its interval, ST, its interval."""
        rows = []
        for out, ind in self.indices.items():
            for j, f in enumerate(self.factors):
                if "S1" in ind:
                    rows.append({"output": out, "factor": f, "S1": float(ind["S1"][j]),
                                 "S1_conf": float(ind["S1_conf"][j]), "ST": float(ind["ST"][j]),
                                 "ST_conf": float(ind["ST_conf"][j])})
        return rows

    def to_dict(self) -> dict:
        """JSON-ready result (``sensitivity.json``)."""
        indices = {o: ({k: v.tolist() for k, v in ind.items()} if "S1" in ind else ind) for o, ind in
                   self.indices.items()}
        return {"name": self.name, "method": "Sobol indices (SALib: Saltelli sampling on a Sobol sequence, "
                "Saltelli 2010 first-order and Jansen total estimators, bootstrap intervals)",
                "factors": self.factors, "samples": self.samples, "designs": self.designs,
                "feasible": self.feasible, "confidence": self.confidence, "seconds": round(self.seconds, 3),
                "output_units": self.units, "indices": indices}


def _factor_columns(spec: SweepSpec, U: np.ndarray) -> dict[str, np.ndarray]:
    """The axes' values of unit-cube samples ``U`` (designs × axes)."""
    cols = {}
    for j, a in enumerate(spec.axes):
        u = np.clip(U[:, j], 0.0, np.nextafter(1.0, 0.0))
        if a.kind == "values" and a.unit is not None and "range" in spec.table["axis"][j]:
            lo, hi = float(np.min(a.values)), float(np.max(a.values))
        elif a.kind == "sample":
            lo, hi = a.low, a.high
        else:  # listed values (or a whole-number range): each equally likely
            cols[a.field] = a.values[np.floor(u * len(a.values)).astype(np.int64)]
            continue
        cols[a.field] = (np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo))) if a.spacing == "log"
                         else lo + u * (hi - lo))
    return cols


def _evaluate(spec: SweepSpec, outputs: list[str], U: np.ndarray) -> dict[str, np.ndarray]:
    res = {o: np.empty(len(U)) for o in (*outputs, "feasible")}
    for start in range(0, len(U), _CHUNK):
        part = U[start:start + _CHUNK]
        out = size_columns(spec.base, _factor_columns(spec, part), cache=group_cache(spec), n=len(part))
        for o in outputs:
            res[o][start:start + len(part)] = out[o]
        res["feasible"][start:start + len(part)] = out["feasible"]
    return res


def load_sensitivity_spec(path: str | Path) -> tuple[SweepSpec, dict]:
    """A spec and its checked ``[sensitivity]`` settings (outputs, samples, seed,
    confidence, resamples)."""
    path = Path(path)
    table = read_toml(path, "sensitivity spec")
    sweep_table = dict(table)
    if any("sample" in a for a in table.get("axis", []) if isinstance(a, dict)) and \
            "samples" not in table.get("sweep", {}):
        sweep_table["sweep"] = {**table.get("sweep", {}), "samples": 1}  # bounds are factors, not samples
    spec = parse_sweep_spec(sweep_table, str(path), path.parent)
    return spec, _settings(table.get("sensitivity", {}), str(path))


def _settings(raw: dict, source: str) -> dict:
    problems = unknown_keys("sensitivity", raw, _KEYS)
    outputs = raw.get("outputs", ["mass.total"])
    if not isinstance(outputs, list) or not outputs or any(o not in OUTPUTS for o in outputs):
        problems.append(InputError("sensitivity.outputs", outputs, "output paths of size --json"))
    samples = raw.get("samples", 1024)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 8 or samples & (samples - 1):
        problems.append(InputError("sensitivity.samples", samples, "a power of 2, at least 8"))
    confidence = raw.get("confidence", 0.95)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        problems.append(InputError("sensitivity.confidence", confidence, "a level between 0 and 1, e.g. 0.95"))
    for key in ("seed", "resamples"):
        val = raw.get(key, 0 if key == "seed" else 200)
        if isinstance(val, bool) or not isinstance(val, int) or val < (0 if key == "seed" else 10):
            expected = "a whole number" + (" ≥ 10" if key != "seed" else "")
            problems.append(InputError(f"sensitivity.{key}", val, expected))
    if problems:
        raise DesignError(source, problems)
    return {"outputs": outputs, "samples": samples, "seed": raw.get("seed", 0), "confidence": float(confidence),
            "resamples": raw.get("resamples", 200)}


def sensitivity(spec: SweepSpec | str | Path, outputs: list[str] | None = None, samples: int | None = None,
                seed: int | None = None, confidence: float | None = None, resamples: int | None = None
                ) -> SensitivityResult:
    """Sobol indices of ``outputs`` over the spec's axes (see the module docstring); the
    arguments override the spec's ``[sensitivity]`` table."""
    settings = {"outputs": ["mass.total"], "samples": 1024, "seed": 0, "confidence": 0.95, "resamples": 200}
    if not isinstance(spec, SweepSpec):
        spec, settings = load_sensitivity_spec(spec)
    given = {"outputs": outputs, "samples": samples, "seed": seed, "confidence": confidence, "resamples": resamples}
    settings.update({k: v for k, v in given.items() if v is not None})
    settings = _settings(settings, spec.source)
    if not spec.axes:
        raise InputError("axis", None, "at least one [[axis]] (the factors)")
    t0 = time.perf_counter()
    names = [a.field for a in spec.axes]
    seen = {}

    def evaluate(u):
        seen.update(_evaluate(spec, settings["outputs"], u))
        return seen

    indices, U = sobol_indices(evaluate, names, settings["samples"], settings["seed"], settings["confidence"],
                               settings["resamples"])
    return SensitivityResult(spec.name, names, indices, settings["samples"], len(U), int(seen["feasible"].sum()),
                             settings["confidence"], time.perf_counter() - t0,
                             {o: OUTPUTS[o] for o in settings["outputs"]})


def _plot(result: SensitivityResult, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plots import save_figure

    shown = [o for o, ind in result.indices.items() if "S1" in ind]
    fig, axes = plt.subplots(len(shown) or 1, 1, figsize=(8, 1.2 + 0.5 * len(result.factors) * max(len(shown), 1)),
                             dpi=100, squeeze=False)
    y = np.arange(len(result.factors))
    for ax, out in zip(axes[:, 0], shown):
        ind = result.indices[out]
        ax.barh(y - 0.2, ind["S1"], 0.4, xerr=ind["S1_conf"], label="first order S1", color="C0", capsize=3)
        ax.barh(y + 0.2, ind["ST"], 0.4, xerr=ind["ST_conf"], label="total ST", color="C3", capsize=3)
        ax.set_yticks(y, result.factors)
        ax.set_xlim(min(0.0, float(np.min(ind["S1"] - ind["S1_conf"]))), max(1.0, float(np.max(ind["ST"]))))
        ax.set_title(f"{out}: Sobol indices ({int(100 * result.confidence)} % intervals)", fontsize=10)
        ax.grid(alpha=0.3, axis="x")
        ax.legend(fontsize=8, loc="lower right")
    fig.suptitle(f"{result.name}: {result.designs:,} designs", fontsize=10)
    return save_figure(fig, path)


def write_sensitivity(result: SensitivityResult, directory: str | Path, csv: bool = True) -> list[Path]:
    """``sensitivity.json``, ``sensitivity.csv`` (one row per output and factor) and
    ``sensitivity.png`` into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [atomic_write_text(directory / "sensitivity.json", json.dumps(result.to_dict(), indent=1))]
    if csv:
        cols = ["output", "factor", "S1", "S1_conf", "ST", "ST_conf"]
        paths.append(atomic_write_text(directory / "sensitivity.csv", rows_csv(result.rows(), cols, {})))
    paths.append(_plot(result, directory / "sensitivity.png"))
    return paths

