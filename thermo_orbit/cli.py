"""The ``thermo-orbit`` command line.

``thermo-orbit`` with no arguments runs the main job on ``designs/default.toml``: the
whole-system sizing report (until the terminal UI exists).  Errors in input are printed as one clear
message, never a traceback.  Exit codes: 0 ok (feasible), 1 infeasible design (the report
is still printed), 2 bad input or file, 3 internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from . import __version__
from .errors import ThermoOrbitError

__all__ = ["main", "build_parser"]


def _fmt(q, unit: str | None = None, digits: int = 4) -> str:
    if q is None:
        return "-"
    if hasattr(q, "units"):
        if unit:
            q = q.to(unit)
        unit_text = f"{q.units:~P}"
        return f"{q.magnitude:.{digits}g} {unit_text}".rstrip()
    return str(q)


def _cmd_summary(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from .design import default_design_path, load_design
    from .summary import orbit_environment_summary

    path = Path(args.design) if args.design else default_design_path()
    design = load_design(path)
    s = orbit_environment_summary(design)
    if args.json:
        print(json.dumps(s.to_dict(), indent=2))
        return 0
    console = Console(soft_wrap=True)
    table = Table(title=f"Orbit and environment: {s.design} ({path.name})", show_header=True)
    table.add_column("quantity")
    table.add_column("value", justify="right")
    rows = [
        ("altitude", _fmt(s.altitude)),
        ("inclination", _fmt(s.inclination, "deg")),
        ("local time of ascending node", s.ltan or "-"),
        ("orbital period", _fmt(s.period, "min")),
        ("nodal regression (J2)", _fmt(s.nodal_regression_rate, "deg/day")),
        ("critical beta (no eclipse above)", _fmt(s.critical_beta, "deg")),
        ("beta over the first year", f"{_fmt(s.beta_min, 'deg')} to {_fmt(s.beta_max, 'deg')}"),
        ("days with eclipse (first year)", str(s.days_with_eclipse)),
        ("eclipse season", s.eclipse_season),
        ("longest eclipse, cylindrical shadow", _fmt(s.max_eclipse_duration, "min")),
        ("longest umbra, conical shadow", _fmt(s.max_umbra_duration, "min")),
        ("penumbra per orbit at min |beta|", _fmt(s.penumbra_duration_at_min_beta, "s")),
        ("solar flux over the year", f"{_fmt(s.solar_flux_min, 'W/m^2')} to {_fmt(s.solar_flux_max, 'W/m^2')}"),
        ("hot case albedo / OLR", f"{_fmt(s.hot_albedo)} / {_fmt(s.hot_earth_ir, 'W/m^2')}"),
        ("cold case albedo / OLR", f"{_fmt(s.cold_albedo)} / {_fmt(s.cold_earth_ir, 'W/m^2')}"),
        ("view factor to Earth, nadir plate", _fmt(s.view_factor_nadir_plate)),
        ("view factor to Earth, edge-on plate", _fmt(s.view_factor_edge_on_plate)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    return 0


def _find_material(name: str, family: str | None):
    from . import materials as mat
    from .errors import InputError

    families = [family] if family else list(mat.FAMILIES)
    found = []
    for fam in families:
        try:
            found.append((fam, mat.material(fam, name)))
        except InputError:
            continue
    if not found:
        if family:
            mat.material(family, name)  # raises with the known names and a suggestion
        import difflib

        names = {n.lower(): n for f in mat.FAMILIES for n in mat.list_materials(f)}
        close = difflib.get_close_matches(name.lower(), names, n=3, cutoff=0.3)
        hint = f" Did you mean: {', '.join(names[c] for c in close)}?" if close else ""
        raise InputError("name", name, "a material in the database",
                         f"materials: no material named {name!r}.{hint} "
                         "'thermo-orbit materials list' shows them all.")
    if len(found) > 1:
        raise InputError("name", name, "one family",
                         f"materials: {name!r} is in several families ({', '.join(f for f, _ in found)}); "
                         "add --family")
    return found[0]


def _cmd_materials_list(args: argparse.Namespace) -> int:
    from . import materials as mat

    fams = [args.family] if args.family else list(mat.FAMILIES)
    for fam in fams:
        names = mat.list_materials(fam)
        print(f"{fam}: {', '.join(names)}")
    return 0


def _show_coolant(c, temperature) -> None:
    import warnings

    import numpy as np

    from .errors import ExtrapolationWarning, OutOfRangeError
    from .units import Q_, parse_quantity

    print(f"{c.name}  ({', '.join(c.aliases)})")
    print(f"  {c.description}")
    if c.composition:
        print(f"  composition: {c.composition}")
    print(f"  melting point: {c.melting_point:.6g~P} ({c.melting_point.to('degC'):.4g~P})   [{c.point_sources['melting_point']}]")
    if c.boiling_point is not None:
        print(f"  normal boiling point: {c.boiling_point:.6g~P} ({c.boiling_point.to('degC'):.4g~P})   [{c.point_sources['boiling_point']}]")
    else:
        print("  normal boiling point: not in the cited data")
    if temperature:
        try:
            T = parse_quantity(temperature)
        except ValueError as err:
            from .errors import InputError

            raise InputError("--temperature", temperature, 'a temperature such as "400 K" or "100 degC"') from err
        temps = [T]
    elif c.properties:
        lo, hi = c.valid_range
        temps = [Q_(float(v), "K") for v in np.linspace(lo.magnitude, hi.magnitude, 3)] if lo < hi else []
    else:
        temps = []
    fmt_unit = {"density": ("kg/m^3", "kg/m³"), "specific_heat": ("J/(kg*K)", "J/(kg·K)"),
                "thermal_conductivity": ("W/(m*K)", "W/(m·K)"), "viscosity": ("mPa*s", "mPa·s")}
    for name in ("density", "specific_heat", "thermal_conductivity", "viscosity"):
        prop = c.properties.get(name)
        label = name.replace("_", " ")
        if prop is None:
            print(f"  {label}: no cited data")
            continue
        lo, hi = prop.range_K
        print(f"  {label}  (valid {lo:.6g} K to {hi:.6g} K; {prop.form}; source: {prop.ref or prop.source})")
        for T in temps:
            try:
                value = prop(T)
                flag = ""
            except OutOfRangeError:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ExtrapolationWarning)
                    value = prop(T, extrapolate=True)
                flag = "   EXTRAPOLATED: outside the validity range"
            unit, label_unit = fmt_unit[name]
            print(f"      at {T.to('K'):.6g~P}: {value.to(unit).magnitude:.5g} {label_unit}{flag}")
    if temps and all(n in c.properties for n in ("specific_heat", "viscosity", "thermal_conductivity")):
        for T in temps:
            try:
                print(f"  Prandtl number at {T.to('K'):.6g~P}: {c.prandtl(T).magnitude:.4g}")
            except OutOfRangeError:
                print(f"  Prandtl number at {T.to('K'):.6g~P}: outside the validity range")
    print("  sources:")
    for src in c.sources:
        print(f"    - {src}")
    if c.notes:
        print(f"  notes: {c.notes}")


def _show_record(r) -> None:
    print(f"{r.name}  [{r.family}]" + (f"  ({r.text['title']})" if "title" in r.text else ""))
    if r.description:
        print(f"  {r.description}")
    for key, v in r.values.items():
        q = v.quantity
        shown = f"{q.magnitude}" if not str(q.units) or str(q.units) == "dimensionless" else f"{q:~P}"
        conf = f", confidence {v.confidence}" if v.confidence else ""
        print(f"  {key}: {shown}   [{v.ref}{conf}]")
    for key, t in r.tables.items():
        cols = {k: val for k, val in t.items() if isinstance(val, list)}
        print(f"  {key}: " + "; ".join(f"{k} = {val}" for k, val in cols.items()) + f"   [{t.get('ref', '')}]")
    print("  sources:")
    for src in r.sources:
        print(f"    - {src}")
    if "notes" in r.text:
        print(f"  notes: {r.text['notes']}")


def _cmd_materials_show(args: argparse.Namespace) -> int:
    family, obj = _find_material(args.name, args.family)
    if family == "coolant":
        _show_coolant(obj, args.temperature)
    else:
        _show_record(obj)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .design import load_design

    design = load_design(args.design)
    print(f"{args.design}: valid ({design.name}); {len(design.defaults_used)} fields take their defaults")
    return 0


def _q(q, unit=None, digits=4):
    if q is None:
        return "-"
    if isinstance(q, dict):
        return str(q)
    return _fmt(q, unit, digits)


def _cmd_size(args: argparse.Namespace) -> int:
    from .design import load_design
    from .sizing import size

    design = load_design(args.design)
    result = size(design, verify=args.verify)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0 if result.feasible else 1
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    status = "[bold green]FEASIBLE[/]" if result.feasible else "[bold red]INFEASIBLE[/]"
    console.print(f"[bold]{result.design}[/] ({args.design}): {status}; binding constraint: "
                  f"[bold]{result.binding_constraint}[/]")
    for reason in result.reasons:
        console.print(f"  [red]- {reason}[/]")

    def table(title, rows):
        t = Table(title=title, title_justify="left", show_header=False, min_width=60)
        t.add_column("quantity")
        t.add_column("value", justify="right")
        for name, value in rows:
            t.add_row(name, value)
        console.print(t)

    o, b, a, lp, m, la, T, pb = (result.orbit, result.battery, result.solar_array, result.loop, result.mass,
                                 result.launch, result.temperatures, result.power_budget)
    table("Orbit", [
        ("altitude / inclination", f"{_q(o['altitude'])} / {_q(o['inclination'], 'deg')}"),
        ("period", _q(o["period"], "min")),
        ("beta over the year", f"{o['beta_range'].magnitude[0]:.1f} to {o['beta_range'].magnitude[1]:.1f} deg"),
        ("longest eclipse", _q(o["max_eclipse_duration"], "min")),
        ("eclipse cycles over the life", f"{o['eclipse_cycles_over_life'].magnitude:.0f}"),
    ])
    table("Power", [
        ("rack power", _q(pb["rack_power"], "kW")), ("pump power", _q(pb["pump_power"], "kW")),
        ("power-system losses (orbit average)", _q(pb["power_system_losses"], "kW")),
        ("array power required (EOL)", _q(a.required_power, "kW")), ("array power BOL", _q(a.power_bol, "kW")),
        ("array area / mass", f"{_q(a.area, 'm^2')} / {_q(a.mass, 'kg')}"),
        ("array temperature / efficiency", f"{_q(result.environment['array_temperature'], 'degC')} / "
                                           f"{result.environment['array_efficiency'].magnitude:.4f}"),
        ("battery capacity / mass", f"{_q(b.capacity, 'kWh')} / {_q(b.mass, 'kg')}"),
        ("battery DoD allowed / used", f"{b.depth_of_discharge.magnitude:.3f} / {b.depth_of_discharge_actual.magnitude:.3f}"),
        ("budget closure (generated = used + lost)", f"{pb['closure'].magnitude:.1e}"),
    ])
    table("Heat path (hot case) and freeze (cold case)", [
        ("junction limit", _q(T["junction_limit"], "degC")), ("cold-plate wall", _q(T["cold_plate_wall"], "degC")),
        ("coolant max = radiator inlet", _q(T["coolant_max"], "degC")),
        ("radiator outlet", _q(T["radiator_outlet"], "degC")), ("radiator sink, hot", _q(T["radiator_sink_hot"], "degC")),
        ("coolant min, cold case", _q(T["coolant_min_cold_case"], "degC")),
        ("coolant melting point", _q(T["coolant_melting_point"], "degC")),
        ("radiator area / mass", f"{_q(lp.radiator_area, 'm^2')} / {_q(lp.radiator_mass, 'kg')}"),
        ("mass flow / pressure drop", f"{_q(lp.mass_flow, 'kg/s')} / {_q(lp.pressure_drop, 'kPa')}"),
        ("Re / Pe / Nu in the tubes", f"{lp.reynolds.magnitude:.4g} / {lp.peclet.magnitude:.4g} / {lp.nusselt.magnitude:.3g}"),
        ("coldest coolant above melting", _q(lp.freeze_margin, "K")),
    ])
    table("Mass and launch", [(k.replace("_", " "), _q(v, "kg")) for k, v in m.items()] + [
        ("launches", str(la["count"])), ("launch cost", f"{la['cost'].to('USD').magnitude / 1e6:.2f} M USD"),
        ("racks per launch", f"{la['racks_per_launch'].magnitude:.1f}"),
    ])
    if result.heat_pump is not None:
        hp = result.heat_pump
        table("Heat pump (lift that minimises array + battery + loop + heat-pump mass)", [
            ("chosen lift", _q(hp["lift"], "K")),
            ("radiator mean temperature", _q(hp["radiator_mean_temperature"], "degC")),
            ("heat-pump power", _q(lp.heat_pump_power, "kW")),
        ] + [(f"mass at lift {lift:.0f} K", f"{m:.0f} kg") for lift, m in
             zip(hp["lifts"].magnitude[::5], hp["subsystem_mass"].magnitude[::5])])
    table("Margins", [(k.replace("_", " "), _q(v)) for k, v in result.margins.items()])
    if result.transient is not None:
        tr = result.transient
        table(f"Orbit check ({tr['case']} case, beta {tr['beta'].magnitude:.1f} deg)", [
            ("coldest coolant", _q(tr["extremes"]["coolant_min"], "degC")),
            ("lowest state of charge", f"{tr['extremes']['state_of_charge_min'].magnitude:.4f}"),
            ("heater, orbit average", _q(tr["extremes"]["heater_orbit_average"], "W")),
            ("periodicity error", f"{tr['certificate']['periodicity_error'].magnitude:.1e} K"),
        ])
    if result.warnings:
        console.print("[yellow]Warnings:[/]")
        for w in result.warnings:
            console.print(f"  [yellow]- {w}[/]")
    console.print(f"{len(result.assumptions)} values are defaults or database values "
                  "(see --json 'assumptions'); fixed point converged in "
                  f"{result.convergence['iterations']} iterations.")
    return 0 if result.feasible else 1


def _cmd_simulate(args: argparse.Namespace) -> int:
    from .design import load_design
    from .errors import InputError
    from .transient import simulate_orbit

    design = load_design(args.design)
    if args.case not in ("hot", "cold", "nominal"):
        raise InputError("--case", args.case, "hot, cold or nominal")
    sim = simulate_orbit(design, case=args.case)
    if args.csv:
        _write_csv_atomic(Path(args.csv), sim)
    if args.plot:
        _plot_orbit(Path(args.plot), sim)
    if args.json:
        d = sim.to_dict()
        print(json.dumps(d, indent=2, ensure_ascii=False))
        return 0 if sim.feasible else 1
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    status = "[bold green]FEASIBLE[/]" if sim.feasible else "[bold red]INFEASIBLE[/]"
    console.print(f"[bold]{sim.design}[/] over one orbit ({sim.case} case, beta {sim.beta.magnitude:.1f} deg): {status}")
    for reason in sim.reasons:
        console.print(f"  [red]- {reason}[/]")
    t = Table(show_header=False, min_width=60)
    t.add_column("quantity")
    t.add_column("value", justify="right")
    e, m, c = sim.extremes, sim.margins, sim.certificate
    for name, value in [
        ("coldest coolant", _q(e["coolant_min"], "degC")), ("hottest coolant", _q(e["coolant_max"], "degC")),
        ("hottest rack node", _q(e["rack_max"], "degC")), ("hottest array", _q(e["array_max"], "degC")),
        ("lowest state of charge", f"{e['state_of_charge_min'].magnitude:.4f}"),
        ("heater, orbit average", _q(e["heater_orbit_average"], "W")),
        ("freeze margin", _q(m["freeze"], "K")),
        ("depth-of-discharge margin", f"{m['battery_depth_of_discharge'].magnitude:.4f}"),
        ("periodicity error", f"{c['periodicity_error'].magnitude:.2e} K, SOC {c['periodicity_error_state_of_charge'].magnitude:.1e}"),
        ("energy closure (worst node)", f"{max(c['energy_closure'].values()):.1e}"),
        ("Newton iterations / RK4 steps", f"{c['newton_iterations']} / {c['steps']}"),
    ]:
        t.add_row(name, value)
    console.print(t)
    if args.thermostat:
        from .transient import simulate_thermostat

        th = simulate_thermostat(design, case=args.case, orbits=args.orbits)
        t = Table(title=f"on/off heater with {th.hysteresis.magnitude:g} K hysteresis, last of {th.orbits} orbits",
                  title_justify="left", show_header=False, min_width=60)
        t.add_column("quantity")
        t.add_column("value", justify="right")
        for name, value in [
            ("heater, orbit average", _q(th.heater_orbit_average, "W")),
            ("proportional heater (above)", _q(th.heater_orbit_average_proportional, "W")),
            ("duty", f"{th.duty.magnitude:.3f}"), ("switchings per orbit", str(th.switches_per_orbit)),
            ("coldest coolant", _q(th.coolant_min, "degC")), ("freeze margin", _q(th.freeze_margin, "K")),
            ("orbit-to-orbit change", f"{th.orbit_to_orbit_change.magnitude:.2e} K"
             + ("" if th.settled else " (not settled: the thermostat cycles at its own period)")),
        ]:
            t.add_row(name, value)
        console.print(t)
    return 0 if sim.feasible else 1


def _write_csv_atomic(path: Path, sim) -> None:
    import csv
    import io

    from ._io import atomic_write_text

    buf = io.StringIO()
    w = csv.writer(buf)
    n_seg = sim.radiator_temperatures.magnitude.shape[1]
    w.writerow(["time [min]", "sunlit_fraction", "rack [K]", *(f"radiator_{i + 1} [K]" for i in range(n_seg)),
                "coolant_min [K]", "coolant_max [K]", "battery [K]", "array [K]", "state_of_charge",
                "heater [W]", "load [W]", "array_power [W]"])
    cols = [sim.time.magnitude, sim.sunlit_fraction.magnitude, sim.rack_temperature.magnitude,
            *sim.radiator_temperatures.magnitude.T, sim.coolant_min_temperature.magnitude,
            sim.coolant_max_temperature.magnitude, sim.battery_temperature.magnitude, sim.array_temperature.magnitude,
            sim.state_of_charge.magnitude, sim.heater_power.magnitude, sim.load_power.magnitude,
            sim.array_power.magnitude]
    for row in zip(*cols):
        w.writerow([f"{x:.6g}" for x in row])
    atomic_write_text(path, buf.getvalue())


def _plot_orbit(path: Path, sim) -> None:
    import io

    import matplotlib

    from ._io import atomic_write_bytes

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = sim.time.magnitude
    fig, (ax1, ax2) = plt.subplots(2, 1, sharex=True, figsize=(9, 6.5))
    for ax in (ax1, ax2):
        ecl = sim.eclipse
        if ecl.any():
            edges = np.flatnonzero(np.diff(np.concatenate([[0], ecl.astype(int), [0]])))
            for a, b in zip(edges[::2], edges[1::2]):
                ax.axvspan(t[a], t[min(b, len(t) - 1)], color="0.85", lw=0)
    ax1.plot(t, sim.rack_temperature.to("degC").magnitude, label="rack")
    ax1.plot(t, sim.coolant_max_temperature.to("degC").magnitude, label="coolant, hottest")
    ax1.plot(t, sim.coolant_min_temperature.to("degC").magnitude, label="coolant, coldest")
    ax1.plot(t, sim.array_temperature.to("degC").magnitude, label="array")
    ax1.plot(t, sim.battery_temperature.to("degC").magnitude, label="battery")
    ax1.set_ylabel("temperature [°C]")
    ax1.legend(loc="best", fontsize=8)
    ax1.set_title(f"{sim.design}: one orbit, {sim.case} case, β = {sim.beta.magnitude:.1f}° (eclipse shaded)")
    ax2.plot(t, sim.state_of_charge.magnitude, color="k")
    ax2.set_ylabel("state of charge")
    ax2.set_xlabel("time from orbit noon [min]")
    fig.tight_layout()
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=110)
    plt.close(fig)
    atomic_write_bytes(path, png.getvalue())


def _cmd_tui(args: argparse.Namespace) -> int:
    from .design import default_design_path
    from .tui import run_app

    designs = args.design if isinstance(args.design, list) else [args.design] if args.design else []
    return run_app(designs or [default_design_path()])  # a missing or unreadable file: reported before the UI


def _cmd_validate(args: argparse.Namespace) -> int:
    import os

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from . import validation as val
    from ._io import atomic_write_text
    from .errors import InputError

    markdown = Path(args.markdown) if args.markdown else None
    plots = Path(args.plots) if args.plots else None
    if markdown is not None and (markdown.is_dir() or not markdown.resolve().parent.is_dir()):
        raise InputError("--markdown", args.markdown, "a file in an existing folder")
    if plots is not None and plots.exists() and not plots.is_dir():
        raise InputError("--plots", args.plots, "a folder (it is created if missing)")
    results = val.run_cases()
    if plots is not None:
        try:
            val.validation_plots(results, plots)
        except OSError as err:
            raise InputError("--plots", args.plots, "a folder that can be written",
                             f"--plots: cannot write into {args.plots} ({err.strerror or err})") from None
    if markdown is not None:
        link = None
        if plots is not None:
            link = Path(os.path.relpath(plots.resolve(), markdown.resolve().parent)).as_posix()
        try:
            atomic_write_text(markdown, val.validation_markdown(results, plots=link))
        except OSError as err:
            raise InputError("--markdown", args.markdown, "a file that can be written",
                             f"--markdown: cannot write {args.markdown} ({err.strerror or err})") from None

    console = Console(soft_wrap=True)
    if not console.is_terminal:
        console.width = max(console.width, 200)
    for family in val.FAMILIES:
        rows = [r for r in results if r.family == family]
        if not rows:
            continue
        t = Table(title=f"{family} ({sum(r.passed for r in rows)} of {len(rows)} pass)", title_justify="left")
        t.add_column("case", no_wrap=True)
        t.add_column("source")
        t.add_column("published", justify="right")
        t.add_column("computed", justify="right")
        t.add_column("error", justify="right")
        t.add_column("tolerance", justify="right")
        t.add_column("result")
        for r in rows:
            t.add_row(escape(r.id), escape(r.reference), escape(r.published_text), escape(val.format_computed(r)),
                      escape(val.format_error(r)), escape(val.format_tolerance(r)),
                      "[green]PASS[/]" if r.passed else "[bold red]FAIL[/]")
        console.print(t)
    failed = [r for r in results if not r.passed]
    for r in failed:
        reason = f": {r.message}" if r.message else ""
        console.print(f"[red]FAIL {escape(r.id)}{escape(reason)} {escape('[' + r.source + ']')}[/]")
    colour = "green" if not failed else "red"
    console.print(f"[bold {colour}]{len(results) - len(failed)} of {len(results)} cases pass[/]")
    return 0 if not failed else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``thermo-orbit`` command."""
    parser = argparse.ArgumentParser(
        prog="thermo-orbit",
        description="Thermal and power design calculator for orbital data centers.",
    )
    parser.add_argument("--version", action="version", version=f"thermo-orbit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("summary", help="orbit and thermal-environment summary of a design")
    p.add_argument("design", nargs="?", help="design file (default: designs/default.toml)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=_cmd_summary)

    p = sub.add_parser("size", help="size the whole system for a design file")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--json", action="store_true", help="print JSON: every quantity {value, unit}")
    p.add_argument("--verify", choices=["transient"], help="check the sizing against the periodic orbit")
    p.set_defaults(func=_cmd_size)
    p = sub.add_parser("tui", help="the interactive terminal UI (default: designs/default.toml)")
    p.add_argument("design", nargs="*", help="design files (TOML) or sweep folders, each in a tab")
    p.set_defaults(func=_cmd_tui)
    p = sub.add_parser("simulate", help="periodic orbit solution (temperatures, state of charge, heater)")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--case", default="cold", help="environment case: cold (default), nominal or hot")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--csv", help="write the time series to this CSV file")
    p.add_argument("--plot", help="write a PNG plot of temperatures and state of charge")
    p.add_argument("--thermostat", action="store_true",
                   help="also march an on/off survival heater with hysteresis over several orbits")
    p.add_argument("--orbits", type=int, default=6, help="orbits to march with --thermostat (default 6)")
    p.set_defaults(func=_cmd_simulate)
    p = sub.add_parser("check", help="validate a design file")
    p.add_argument("design", help="design file (TOML)")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("validate", help="compare thermo-orbit with published values (docs/validation.md)")
    p.add_argument("--markdown", metavar="PATH", help="write the validation report as Markdown")
    p.add_argument("--plots", metavar="DIR", help="write the report's figures (PNG) into this folder")
    p.set_defaults(func=_cmd_validate)
    from .sweep_cli import add_parsers as _add_sweep_parsers

    _add_sweep_parsers(sub)

    m = sub.add_parser("materials", help="the cited materials and technology database")
    msub = m.add_subparsers(dest="materials_command", required=True)
    ml = msub.add_parser("list", help="list materials, all families or one")
    ml.add_argument("family", nargs="?", choices=["coolant", "coating", "solar_cell", "battery", "structure", "pump"])
    ml.set_defaults(func=_cmd_materials_list)
    ms = msub.add_parser("show", help="values, validity ranges and sources of one material")
    ms.add_argument("name")
    ms.add_argument("--temperature", help='temperature for coolant properties, e.g. "373 K" or "100 degC"')
    ms.add_argument("--family", choices=["coolant", "coating", "solar_cell", "battery", "structure", "pump"])
    ms.set_defaults(func=_cmd_materials_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line on ``argv`` and return the exit status (see the module
    docstring); input errors are one message on stderr, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # the main job: the terminal UI on a terminal, else the sizing report
        from .design import default_design_path

        if sys.stdin.isatty() and sys.stdout.isatty():
            args.func, args.design = _cmd_tui, None
        else:
            args.func, args.design, args.json, args.verify = _cmd_size, str(default_design_path()), False, None
    try:
        return args.func(args)
    except ThermoOrbitError as err:
        print(f"thermo-orbit: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("thermo-orbit: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - last line of defence: no traceback to users
        if args.debug:
            raise
        print(f"thermo-orbit: internal error: {type(err).__name__}: {err}\n"
              "Please report it with the design file; run with --debug for the traceback.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
