"""The ``thermo-orbit`` command line.

``thermo-orbit`` with no arguments runs the main job on ``designs/default.toml``
(for now, the orbit and environment summary).  Errors in input are printed as one clear
message, never a traceback; exit codes: 0 ok, 2 input error, 130 interrupted, 1 internal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
    console = Console()
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
        (f"hot case albedo / OLR", f"{_fmt(s.hot_albedo)} / {_fmt(s.hot_earth_ir, 'W/m^2')}"),
        (f"cold case albedo / OLR", f"{_fmt(s.cold_albedo)} / {_fmt(s.cold_earth_ir, 'W/m^2')}"),
        ("view factor to Earth, nadir plate", _fmt(s.view_factor_nadir_plate)),
        ("view factor to Earth, edge-on plate", _fmt(s.view_factor_edge_on_plate)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    return 0


def build_parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # the main job on the default design
        args.func, args.design, args.json = _cmd_summary, None, False
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
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
