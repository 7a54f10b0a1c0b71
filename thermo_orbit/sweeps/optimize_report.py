"""The files of an optimisation (:func:`thermo_orbit.sweeps.optimize.optimize`)::

    OUT/report.json          objectives, constraints, the optimum (or the front), each
                             combination's best, binding constraints, margins, evaluations
    OUT/optimum.toml         the optimum as a design file (one objective)
    OUT/front/design-NNN.toml  the first ``optimize.best`` designs of the front (several)
    OUT/history.csv          convergence: combination, evaluations, best objective, feasible share
    OUT/convergence.png      best objective against evaluations, one line per combination
    OUT/pareto.png           the front over the first two objectives (several objectives)
    OUT/optimum.csv or OUT/front.csv  with ``csv=True``: the rows, units in the header
"""

from __future__ import annotations

import json
from pathlib import Path

from .._io import atomic_write_text
from ..batch import OUTPUTS
from ..design import FIELDS, save_design
from ..units import Q_
from .export import rows_csv
from .optimize import OptimizeResult

__all__ = ["write_optimum", "result_dict", "row_design"]


def row_design(result: OptimizeResult, row: dict, name: str, description: str):
    """The base design with a row's decision values: a design file to size or simulate (an
    optimisation by orbit sizing writes ``sizing.method = "orbit"``, so that ``thermo-orbit
    size`` of the file gives the row's numbers)."""
    changes = {v.field: (Q_(row[v.field], v.unit) if v.unit is not None else row[v.field])
               for v in result.spec.variables}
    changes.update(name=name, description=description)
    if result.spec.method == "orbit":
        changes["sizing.method"] = "orbit"
    return result.spec.sweep.base.with_fields(changes)


def _units(result: OptimizeResult) -> dict[str, str]:
    """Units of the columns; "-" marks a dimensionless number."""
    units = {v.field: ("-" if FIELDS[v.field].unit == "" else FIELDS[v.field].unit or "")
             for v in result.spec.variables}
    units.update({o: u or "-" for o, u in OUTPUTS.items()})
    return units


def _columns(result: OptimizeResult) -> list[str]:
    objectives = [o.lstrip("-") for o in result.spec.objectives]
    return ([v.field for v in result.spec.variables] + objectives + ["feasible", "binding_constraint"]
            + [o for o in OUTPUTS if o not in objectives])


def _with_units(row: dict, units: dict[str, str]) -> dict:
    return {k: ({"value": v, "unit": "" if units[k] == "-" else units[k]} if isinstance(v, float) and units.get(k)
                else v) for k, v in row.items()}


def result_dict(result: OptimizeResult) -> dict:
    """The report as JSON-ready data (every quantity {value, unit} where it has a unit)."""
    spec, units = result.spec, _units(result)
    out = {"name": spec.name, "objectives": list(spec.objectives), "constraints": [c.text for c in spec.constraints],
           "method": spec.method, "algorithm": "differential evolution (scipy) + COBYLA polish"
           if len(spec.objectives) == 1 else "NSGA-II (pymoo)", "feasible": result.feasible,
           "evaluations": result.evaluations, "seconds": round(result.seconds, 3),
           "evaluations_per_second": round(result.evaluations / max(result.seconds, 1e-9), 1),
           "variables": [{"field": v.field, "kind": v.kind, "unit": v.unit or "",
                          **({"choices": list(v.choices)} if v.kind == "choice" else
                             {"low": v.low, "high": v.high, "log": v.log})} for v in spec.variables],
           "choices": [{"choice": c["choice"], "feasible": c["feasible"], "evaluations": c["evaluations"],
                        "seconds": round(c["seconds"], 3), "best": _with_units(c["best"], units) if c["best"] else None}
                       for c in result.choices]}
    if result.optimum is not None:
        row = result.optimum
        out["optimum"] = _with_units(row, units)
        out["binding_constraint"] = row["binding_constraint"]
        out["margins"] = {k: {"value": row[k], "unit": OUTPUTS[k]} for k in OUTPUTS if k.startswith("margins.")}
        out["constraint_status"] = result.constraint_table(row)
    if result.front:
        out["front"] = [_with_units(r, units) for r in result.front]
    return out


def _history_csv(result: OptimizeResult) -> str:
    lines = ["choice,evaluations,best objective" + (f" [{OUTPUTS[result.spec.objectives[0].lstrip('-')]}]"
                                                      if OUTPUTS[result.spec.objectives[0].lstrip('-')] else "")
             + ",feasible share"]
    sign = -1.0 if result.spec.objectives[0].startswith("-") else 1.0
    for c in result.choices:
        label = "; ".join(f"{k}={v}" for k, v in c["choice"].items()) or "-"
        for n, best, share in c["history"]:
            lines.append(f"\"{label}\",{n},{'' if best != best else repr(sign * best)},{share:.6g}")
    return "\n".join(lines) + "\n"


def _plot_convergence(result: OptimizeResult, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plots import save_figure

    objective = result.spec.objectives[0]
    sign = -1.0 if objective.startswith("-") else 1.0
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=100)
    for c in result.choices:
        h = [(n, sign * b) for n, b, _ in c["history"] if b == b]
        if h:
            label = ", ".join(str(v) for v in c["choice"].values()) or "all"
            ax.plot([x for x, _ in h], [y for _, y in h], drawstyle="steps-post", label=label)
    unit = OUTPUTS[objective.lstrip("-")]
    ax.set_xlabel("designs evaluated")
    ax.set_ylabel(f"best feasible {objective.lstrip('-')}" + (f" [{unit}]" if unit else ""))
    ax.set_title(f"{result.spec.name}: convergence")
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    return save_figure(fig, path)


def _plot_front(result: OptimizeResult, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plots import save_figure

    a, b = (o.lstrip("-") for o in result.spec.objectives[:2])
    fig, ax = plt.subplots(figsize=(7, 5), dpi=100)
    labels = {tuple(r[v.field] for v in result.spec.discrete) for r in result.front}
    for lab in sorted(labels, key=str):
        rows = [r for r in result.front if tuple(r[v.field] for v in result.spec.discrete) == lab]
        ax.plot([r[a] for r in rows], [r[b] for r in rows], "o", ms=4, label=", ".join(map(str, lab)) or "front")
    ax.set_xlabel(f"{a} [{OUTPUTS[a]}]" if OUTPUTS[a] else a)
    ax.set_ylabel(f"{b} [{OUTPUTS[b]}]" if OUTPUTS[b] else b)
    ax.set_title(f"{result.spec.name}: Pareto front ({len(result.front)} designs, NSGA-II)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return save_figure(fig, path)


def write_optimum(result: OptimizeResult, directory: str | Path, csv: bool = False, plots: bool = True) -> list[Path]:
    """Write the files of an optimisation into ``directory`` (see the module docstring);
    returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    spec, paths = result.spec, []
    paths.append(atomic_write_text(directory / "report.json", json.dumps(result_dict(result), indent=1, default=str)))
    paths.append(atomic_write_text(directory / "history.csv", _history_csv(result)))
    columns, units = _columns(result), _units(result)
    if result.optimum is not None:
        d = row_design(result, result.optimum, f"{spec.name} optimum",
                       f"Minimum of {spec.objectives[0]} found by thermo-orbit optimize (spec {spec.name!r}).")
        paths.append(save_design(d, directory / "optimum.toml"))
        if csv:
            paths.append(atomic_write_text(directory / "optimum.csv", rows_csv([result.optimum], columns, units)))
    if result.front:
        (directory / "front").mkdir(exist_ok=True)
        for i, row in enumerate(result.front[:spec.best]):
            d = row_design(result, row, f"{spec.name} front #{i}",
                           f"Design {i} of the Pareto front over {', '.join(spec.objectives)} (thermo-orbit optimize).")
            paths.append(save_design(d, directory / "front" / f"design-{i:03d}.toml"))
        if csv:
            paths.append(atomic_write_text(directory / "front.csv", rows_csv(result.front, columns, units)))
    if plots:
        paths.append(_plot_convergence(result, directory / "convergence.png"))
        if result.front and len(spec.objectives) >= 2:
            paths.append(_plot_front(result, directory / "pareto.png"))
    return paths
