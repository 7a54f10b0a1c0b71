"""The ``thermo-orbit`` command line.

``thermo-orbit`` with no arguments runs the main job on ``designs/default.toml``: the
terminal UI on a terminal, else the whole-system sizing report.  Errors in input are
printed as one clear message naming the input, never a traceback.  Exit codes: 0 ok
(feasible), 1 infeasible design (the report is still printed), 2 bad input or file (a
file that cannot be read or written included), 3 internal error, 130 interrupted, 141
the reader of the output went away (``thermo-orbit ... | head``: the rest of the output
is dropped quietly, as a program killed by SIGPIPE, 128 + 13).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


from . import __version__
from .errors import ThermoOrbitError

__all__ = ["main", "build_parser", "report_console", "EXIT_CLOSED_PIPE"]


def report_console(stderr: bool = False):
    """A rich Console for the reports (soft-wrapped); a closed pipe raises
    :class:`BrokenPipeError` up to :func:`main` (rich itself would exit with status 1,
    which here means "infeasible")."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(stderr=stderr, soft_wrap=True)


def _fmt(q, unit: str | None = None, digits: int = 4) -> str:
    """A quantity in a text report (:func:`thermo_orbit.format.engineering`)."""
    from .format import engineering

    return engineering(q, unit, digits)


def safe(text) -> str:
    """Text from a design or spec file (a name, a value), printable and free of rich markup."""
    from rich.markup import escape

    from .format import printable

    return escape(printable(text))


def _cmd_summary(args: argparse.Namespace) -> int:
    from rich.table import Table

    from .design import default_design_path, load_design
    from .summary import orbit_environment_summary

    path = Path(args.design) if args.design else default_design_path()
    design = load_design(path)
    s = orbit_environment_summary(design)
    if args.json:
        print(json.dumps(s.to_dict(), indent=2))
        return 0
    console = report_console()
    table = Table(title=f"Orbit and environment: {safe(s.design)} ({safe(path.name)})", show_header=True)
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


def _cmd_materials_list(args: argparse.Namespace) -> int:
    from .materials_cli import cmd_materials_list

    return cmd_materials_list(args)


def _cmd_materials_show(args: argparse.Namespace) -> int:
    from .materials_cli import cmd_materials_show

    return cmd_materials_show(args)


def _cmd_check(args: argparse.Namespace) -> int:
    from .design import load_design

    design = load_design(args.design)
    from .format import printable

    print(f"{printable(args.design)}: valid ({printable(design.name)}); {len(design.defaults_used)} fields take "
          "their defaults")
    return 0


def _q(q, unit=None, digits=4):
    if q is None:
        return "-"
    if isinstance(q, dict):
        return str(q)
    return _fmt(q, unit, digits)


#: margin labels of the text report: every margin is beyond what is required
_MARGIN_LABELS = {"freeze": "freeze (beyond the required freeze margin)",
                  "boil": "boil (beyond the required boil margin)",
                  "radiator_sink": "radiator outlet above the hot sink",
                  "battery_depth_of_discharge": "depth of discharge (allowed - used)",
                  "transient_freeze": "orbit: freeze (beyond the required freeze margin)",
                  "transient_battery_depth_of_discharge": "orbit: depth of discharge (allowed - used)"}


def _cmd_size(args: argparse.Namespace) -> int:
    from .design import load_design
    from .sizing import size

    design = load_design(args.design)
    result = size(design, verify=args.verify)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0 if result.feasible else 1
    from rich.table import Table

    console = report_console()
    status = "[bold green]FEASIBLE[/]" if result.feasible else "[bold red]INFEASIBLE[/]"
    console.print(f"[bold]{safe(result.design)}[/] ({safe(args.design)}): {status}; binding constraint: "
                  f"[bold]{result.binding_constraint}[/]", highlight=False)
    for reason in result.reasons:
        console.print(f"  [red]- {safe(reason)}[/]", highlight=False)

    from .units import Q_

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
        ("eclipse cycles over the life", f"{o['eclipse_cycles_over_life'].magnitude:,.0f}"),
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
        ("budget closure (generated = used + lost)", _q(float(pb['closure'].magnitude), digits=2)),
    ])
    table("Heat path (hot case) and freeze (cold case)", [
        ("junction limit", _q(T["junction_limit"], "degC")), ("cold-plate wall", _q(T["cold_plate_wall"], "degC")),
        ("coolant max = radiator inlet", _q(T["coolant_max"], "degC")),
        ("radiator outlet", _q(T["radiator_outlet"], "degC")), ("radiator sink, hot", _q(T["radiator_sink_hot"], "degC")),
        ("coolant min, cold case", _q(T["coolant_min_cold_case"], "degC")),
        ("coolant melting point", _q(T["coolant_melting_point"], "degC")),
        ("radiator area / mass", f"{_q(lp.radiator_area, 'm^2')} / {_q(lp.radiator_mass, 'kg')}"),
        ("mass flow / pressure drop", f"{_q(lp.mass_flow, 'kg/s')} / {_q(lp.pressure_drop, 'kPa')}"),
        ("Re / Pe / Nu in the tubes", " / ".join(_q(x.magnitude, digits=d) for x, d in
                                                  ((lp.reynolds, 4), (lp.peclet, 4), (lp.nusselt, 3)))),
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
        ] + [(f"mass at lift {lift:.0f} K", _q(Q_(m, "kg"))) for lift, m in
             zip(hp["lifts"].magnitude[::5], hp["subsystem_mass"].magnitude[::5])])
    table("Margins (each beyond what is required: positive holds)",
          [(_MARGIN_LABELS.get(k, k.replace("_", " ")), _q(v)) for k, v in result.margins.items()])
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
            console.print(f"  [yellow]- {safe(w)}[/]", highlight=False)
    console.print(f"{len(result.assumptions)} values are defaults or database values "
                  "(see --json 'assumptions'); fixed point converged in "
                  f"{result.convergence['iterations']} iterations.")
    return 0 if result.feasible else 1


def _cmd_simulate(args: argparse.Namespace) -> int:
    from .simulate_cli import cmd_simulate

    return cmd_simulate(args)


def _cmd_tui(args: argparse.Namespace) -> int:
    from .design import default_design_path, load_design

    path = Path(args.design) if args.design else default_design_path()
    load_design(path)  # a bad file is reported here, before the screen opens
    from .tui import run_app

    run_app(path)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    import os

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

    console = report_console()
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
    p.add_argument("design", nargs="?", help="design file (TOML)")
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
        status = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        return _closed_pipe()
    except ThermoOrbitError as err:
        from .format import printable

        print("thermo-orbit: " + "\n".join(printable(line) for line in str(err).splitlines()), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("thermo-orbit: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - last line of defence: no traceback to users
        if isinstance(err, OSError) and err.filename is not None and not args.debug:
            # a file named on the command line cannot be read or written
            print(f"thermo-orbit: {err.filename}: {err.strerror or err}", file=sys.stderr)
            return 2
        if args.debug:
            raise
        print(f"thermo-orbit: internal error: {type(err).__name__}: {err}\n"
              "Please report it with the design file; run with --debug for the traceback.",
              file=sys.stderr)
        return 3


EXIT_CLOSED_PIPE = 141  #: 128 + SIGPIPE, what a shell reports for a program its pipe's reader left


def _closed_pipe() -> int:
    """The reader of stdout went away (``| head``): send what is left of the output to
    /dev/null, so the interpreter's last flush does not fail too, and exit quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_CLOSED_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
