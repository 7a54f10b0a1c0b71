"""``thermo-orbit sensitivity``: Sobol indices of a spec's outputs over its axes, printed and
written (printing only; the analysis is :mod:`thermo_orbit.sweeps.sensitivity`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import report_console, safe

__all__ = ["cmd_sensitivity"]


def _table(result, output: str):
    from rich.table import Table

    ind = result.indices[output]
    pct = round(100 * result.confidence)
    t = Table(title=f"{output}: Sobol indices (± half-width of the {pct} % interval)", title_justify="left")
    for name in ("axis", "first order S1", "total ST"):
        t.add_column(name, justify="left" if name == "axis" else "right")
    for j, f in enumerate(result.factors):
        t.add_row(f, f"{ind['S1'][j]:.3f} ± {ind['S1_conf'][j]:.3f}", f"{ind['ST'][j]:.3f} ± {ind['ST_conf'][j]:.3f}")
    return t


def cmd_sensitivity(args: argparse.Namespace) -> int:
    """``thermo-orbit sensitivity SPEC [--out DIR] [--samples N] [--outputs a,b]``."""
    from ..sweeps.sensitivity import load_sensitivity_spec, sensitivity, write_sensitivity

    spec, settings = load_sensitivity_spec(args.spec)
    outputs = [o.strip() for o in args.outputs.split(",")] if args.outputs else None
    result = sensitivity(spec, outputs=outputs or settings["outputs"], samples=args.samples or settings["samples"],
                         seed=settings["seed"], confidence=settings["confidence"], resamples=settings["resamples"])
    out = Path(args.out) if args.out else Path(f"{Path(args.spec).stem}-sensitivity")
    paths = write_sensitivity(result, out)
    console = report_console()
    console.print(f"[bold]{safe(result.name)}[/]: {result.designs:,} designs ({result.samples} x "
                  f"({len(result.factors)} + 2)) in {result.seconds:.1f} s; {result.feasible:,} feasible "
                  f"({100 * result.feasible / max(result.designs, 1):.1f} %)", highlight=False)
    for o, ind in result.indices.items():
        if "S1" in ind:
            console.print(_table(result, o))
        elif ind.get("missing"):
            console.print(f"{o}: no indices: {ind['missing']:,} designs have no value of it (narrow the axes)")
        else:
            console.print(f"{o}: the same for every design (no variance to apportion)")
    for p in paths:
        console.print(f"  written: {safe(p)}", highlight=False)
    return 0
