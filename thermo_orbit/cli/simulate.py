"""``thermo-orbit simulate``: the periodic orbit of a design (printing and files only; the
model is :mod:`thermo_orbit.transient`).

With ``--thermostat`` the on/off survival heater marched over several orbits goes into
every output: the text report, ``--json`` (under ``"thermostat"``), ``--csv`` (two more
columns: the thermostat's heater power and coldest coolant over its last orbit, on the
same time grid as the periodic orbit) and ``--plot`` (a third panel of heater power, and
the thermostat's coldest coolant among the temperatures).  Its march shows a progress bar
on stderr when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from .console import quantity_text as q
from .console import report_console, safe, status_text, value_table

__all__ = ["cmd_simulate"]


def cmd_simulate(args: argparse.Namespace) -> int:
    """``thermo-orbit simulate``: the periodic orbit, and with ``--thermostat`` the on/off
    heater; files and the report.  0 feasible, 1 infeasible."""
    from ..design import load_design
    from ..environment import DESIGN_CASE_NAMES
    from ..errors import InputError
    from ..transient import simulate_orbit

    if args.case not in DESIGN_CASE_NAMES:
        raise InputError("--case", args.case, f"one of {', '.join(DESIGN_CASE_NAMES)}")
    if args.thermostat and not 2 <= args.orbits <= 200:
        raise InputError("--orbits", args.orbits, "a whole number from 2 to 200")
    design = load_design(args.design)
    sim = simulate_orbit(design, case=args.case)
    th = _thermostat(design, args) if args.thermostat else None
    if args.csv:
        _write_csv(Path(args.csv), sim, th)
    if args.plot:
        _plot_orbit(Path(args.plot), sim, th)
    if args.json:
        d = sim.to_dict()
        if th is not None:
            d["thermostat"] = th.to_dict()
        print(json.dumps(d, indent=2, ensure_ascii=False))
        return 0 if sim.feasible else 1
    _print_orbit(sim)
    if th is not None:
        _print_thermostat(th)
    return 0 if sim.feasible else 1


def _thermostat(design, args):
    """March the thermostat with a progress bar on stderr (shown on a terminal only)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..transient import simulate_thermostat

    console = report_console(stderr=True)
    progress = Progress(TextColumn("on/off heater: orbits"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, disable=not console.is_terminal, transient=True)
    with progress:
        task = progress.add_task("thermostat", total=args.orbits)
        return simulate_thermostat(design, case=args.case, orbits=args.orbits,
                                   progress=lambda done, total: progress.update(task, completed=done))


def _print_orbit(sim) -> None:
    console = report_console()
    console.print(f"[bold]{safe(sim.design)}[/] over one orbit ({sim.case} case, beta {sim.beta.magnitude:.1f} deg): "
                  f"{status_text(sim.feasible)}", highlight=False)
    for reason in sim.reasons:
        console.print(f"  [red]- {safe(reason)}[/]", highlight=False)
    e, m, c = sim.extremes, sim.margins, sim.certificate
    console.print(value_table([
        ("coldest coolant", q(e["coolant_min"], "degC")), ("hottest coolant", q(e["coolant_max"], "degC")),
        ("hottest rack node", q(e["rack_max"], "degC")), ("hottest array", q(e["array_max"], "degC")),
        ("lowest state of charge", f"{e['state_of_charge_min'].magnitude:.4f}"),
        ("heater, orbit average", q(e["heater_orbit_average"], "W")),
        ("battery", f"{q(e['battery_min'], 'degC')} to {q(e['battery_max'], 'degC')}"),
        ("battery heater, orbit average", q(e["battery_heater_orbit_average"], "W")),
        ("load shed (battery empty)", q(e["load_shed_per_orbit"], "min")),
        ("freeze margin (beyond the required)", q(m["freeze"], "K")),
        ("coldest coolant above melting", q(m["coolant_above_melting"], "K")),
        ("depth-of-discharge margin", f"{m['battery_depth_of_discharge'].magnitude:.4f}"),
        ("periodicity error", f"{c['periodicity_error'].magnitude:.2e} K, "
                              f"SOC {c['periodicity_error_state_of_charge'].magnitude:.1e}"),
        ("energy closure (worst node)", f"{max(c['energy_closure'].values()):.1e}"),
        ("Newton iterations / RK4 steps", f"{c['newton_iterations']} / {c['steps']}"),
    ], min_width=60))


def _print_thermostat(th) -> None:
    title = f"on/off heater with {th.hysteresis.magnitude:g} K hysteresis, last of {th.orbits} orbits"
    report_console().print(value_table([
        ("heater, orbit average", q(th.heater_orbit_average, "W")),
        ("proportional heater (above)", q(th.heater_orbit_average_proportional, "W")),
        ("duty", f"{th.duty.magnitude:.3f}"), ("switchings per orbit", str(th.switches_per_orbit)),
        ("coldest coolant", q(th.coolant_min, "degC")),
        ("freeze margin (beyond the required)", q(th.freeze_margin, "K")),
        ("orbit-to-orbit change", f"{th.orbit_to_orbit_change.magnitude:.2e} K"
         + ("" if th.settled else " (not settled: the thermostat cycles at its own period)")),
    ], title, title_justify="left", min_width=60))


def _write_csv(path: Path, sim, th=None) -> None:
    """The orbit's time series as CSV, written atomically; with a thermostat run, its last
    orbit's heater power and coldest coolant as two more columns."""
    import csv
    import io

    from .._io import atomic_write_text

    buf = io.StringIO()
    w = csv.writer(buf)
    n_seg = sim.radiator_temperatures.magnitude.shape[1]
    header = ["time [min]", "sunlit_fraction", "rack [K]", *(f"radiator_{i + 1} [K]" for i in range(n_seg)),
              "coolant_min [K]", "coolant_max [K]", "battery [K]", "array [K]", "state_of_charge",
              "heater [W]", "load [W]", "array_power [W]"]
    cols = [sim.time.magnitude, sim.sunlit_fraction.magnitude, sim.rack_temperature.magnitude,
            *sim.radiator_temperatures.magnitude.T, sim.coolant_min_temperature.magnitude,
            sim.coolant_max_temperature.magnitude, sim.battery_temperature.magnitude, sim.array_temperature.magnitude,
            sim.state_of_charge.magnitude, sim.heater_power.magnitude, sim.load_power.magnitude,
            sim.array_power.magnitude]
    if th is not None:
        header += ["thermostat_heater [W]", "thermostat_coolant_min [K]"]
        cols += [_on_grid(th, th.heater_power.to("W").magnitude, sim),
                 _on_grid(th, th.coolant_min_temperature.to("K").magnitude, sim)]
    w.writerow(header)
    for row in zip(*cols):
        w.writerow([f"{x:.6g}" for x in row])
    atomic_write_text(path, buf.getvalue())


def _on_grid(th, values, sim) -> np.ndarray:
    """A thermostat series on the orbit's time grid (the same grid unless the step counts differ)."""
    t_th, t = th.time.to("min").magnitude, sim.time.to("min").magnitude
    return values if t_th.shape == t.shape and np.allclose(t_th, t) else np.interp(t, t_th, values)


def _plot_orbit(path: Path, sim, th=None) -> None:
    """PNG of the orbit's temperatures and state of charge (eclipse shaded); with a
    thermostat run, a third panel of heater power."""
    import io

    import matplotlib

    from .._io import atomic_write_bytes

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = sim.time.magnitude
    n = 2 if th is None else 3
    fig, axes = plt.subplots(n, 1, sharex=True, figsize=(9, 6.5 if th is None else 8.5))
    ecl = sim.eclipse
    if ecl.any():
        edges = np.flatnonzero(np.diff(np.concatenate([[0], ecl.astype(int), [0]])))
        for ax in axes:
            for a, b in zip(edges[::2], edges[1::2]):
                ax.axvspan(t[a], t[min(b, len(t) - 1)], color="0.85", lw=0)
    ax1, ax2 = axes[0], axes[1]
    ax1.plot(t, sim.rack_temperature.to("degC").magnitude, label="rack")
    ax1.plot(t, sim.coolant_max_temperature.to("degC").magnitude, label="coolant, hottest")
    ax1.plot(t, sim.coolant_min_temperature.to("degC").magnitude, label="coolant, coldest")
    ax1.plot(t, sim.array_temperature.to("degC").magnitude, label="array")
    ax1.plot(t, sim.battery_temperature.to("degC").magnitude, label="battery")
    if th is not None:
        cold = th.coolant_min_temperature.to("degC").magnitude
        ax1.plot(t, _on_grid(th, cold, sim), ls="--", label="coolant, coldest (on/off heater)")
    ax1.set_ylabel("temperature [°C]")
    ax1.legend(loc="best", fontsize=8)
    ax1.set_title(f"{sim.design}: one orbit, {sim.case} case, β = {sim.beta.magnitude:.1f}° (eclipse shaded)")
    ax2.plot(t, sim.state_of_charge.magnitude, color="k")
    ax2.set_ylabel("state of charge")
    if th is not None:
        ax3 = axes[2]
        ax3.plot(t, sim.heater_power.to("W").magnitude, label="proportional heater (periodic orbit)")
        ax3.plot(t, _on_grid(th, th.heater_power.to("W").magnitude, sim), ls="--",
                 label=f"on/off heater, last of {th.orbits} orbits")
        ax3.set_ylabel("heater power [W]")
        ax3.legend(loc="best", fontsize=8)
    axes[-1].set_xlabel("time from orbit noon [min]")
    fig.tight_layout()
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=110)
    plt.close(fig)
    atomic_write_bytes(path, png.getvalue())
