"""``thermo-orbit optimize``: find the best design of a spec and write its files (printing
only; the optimiser is :mod:`thermo_orbit.sweeps.optimize`).  Exit 0 when a design meets
every constraint, 1 when none does (the report is written either way)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..format import number
from .console import report_console, safe, value_table

__all__ = ["cmd_optimize"]


def _optimum_rows(result) -> list[tuple[str, str]]:
    from ..batch import OUTPUTS
    from ..design import FIELDS

    row = result.optimum
    rows = []
    for v in result.spec.variables:
        unit = FIELDS[v.field].unit or ""
        val = row[v.field]
        rows.append((v.field, f"{number(val)} {unit}".strip() if isinstance(val, float) else safe(val)))
    for o in (*(o.lstrip("-") for o in result.spec.objectives), "radiator.area", "solar_array.area"):
        rows.append((o, f"{number(row[o])} {OUTPUTS[o]}".strip()))
    rows += [(k, f"{number(row[k])} {OUTPUTS[k]}".strip()) for k in OUTPUTS if k.startswith("margins.")]
    return rows


def _print(console, result, out: Path) -> None:
    spec = result.spec
    rate = result.evaluations / max(result.seconds, 1e-9)
    console.print(f"[bold]{safe(spec.name)}[/]: {'minimise' if len(spec.objectives) == 1 else 'Pareto front of'} "
                  f"{', '.join(spec.objectives)}; {len(result.choices)} combinations of the listed axes, "
                  f"{result.evaluations:,} designs evaluated in {result.seconds:.1f} s ({rate:,.0f}/s)",
                  highlight=False)
    for c in result.choices:
        label = ", ".join(f"{k} = {v}" for k, v in c["choice"].items()) or "(no listed axes)"
        best = c["best"]
        what = (f"best {number(best[spec.objectives[0].lstrip('-')])}" if c["feasible"] else
                f"[red]no feasible design[/] (least infeasible binds on {best['binding_constraint']})" if best else "-")
        console.print(f"  {safe(label)}: {what}", highlight=False)
    if result.optimum is not None:
        console.print(value_table(_optimum_rows(result), "optimum", title_justify="left", min_width=50))
        console.print(f"binding design constraint at the optimum: [bold]{result.optimum['binding_constraint']}[/]")
        for c in result.constraint_table(result.optimum):
            state = "[yellow]active[/]" if c["active"] else "holds"
            console.print(f"  {safe(c['constraint'])}: {number(c['value'])} {c['unit']} ({state}, slack "
                          f"{number(c['slack'])})", highlight=False)
    elif result.front:
        console.print(f"Pareto front: {len(result.front)} designs (near duplicates merged)")
    else:
        console.print("[red]no design meets every constraint[/]")
    console.print(f"files in {safe(out)}: report.json, history.csv, convergence.png"
                  + (", optimum.toml" if result.optimum is not None else "")
                  + (", front/, pareto.png" if result.front else ""), highlight=False)


def cmd_optimize(args: argparse.Namespace) -> int:
    """``thermo-orbit optimize SPEC [--out DIR] [--csv] [--workers N | --scheduler ADDR]``."""
    from ..sweeps.optimize import optimize
    from ..sweeps.optimize_report import write_optimum
    from ..sweeps.optimize_spec import load_optimize_spec

    spec = load_optimize_spec(args.spec)
    out = Path(args.out) if args.out else Path(f"{Path(args.spec).stem}-optimum")
    console = report_console(stderr=True)
    console.print(f"{safe(spec.name)}: {len(spec.choices())} combinations x {len(spec.continuous)} searched "
                  f"variables -> {safe(out)}", highlight=False)
    result = optimize(spec, workers=args.workers, scheduler=args.scheduler)
    write_optimum(result, out, csv=args.csv, plots=not args.no_plots)
    _print(report_console(), result, out)
    return 0 if result.feasible else 1
