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
