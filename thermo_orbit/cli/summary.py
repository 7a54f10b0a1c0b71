"""``thermo-orbit summary``: the orbit and thermal environment of a design over its first
year (printing only; the numbers are :func:`thermo_orbit.summary.orbit_environment_summary`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .console import quantity_text as q
from .console import report_console, safe

__all__ = ["cmd_summary"]


def cmd_summary(args: argparse.Namespace) -> int:
    """``thermo-orbit summary [DESIGN] [--json]`` (default design: designs/default.toml)."""
    from rich.table import Table

    from ..design import default_design_path, load_design
    from ..summary import orbit_environment_summary

    path = Path(args.design) if args.design else default_design_path()
    s = orbit_environment_summary(load_design(path))
    if args.json:
        print(json.dumps(s.to_dict(), indent=2))
        return 0
    table = Table(title=f"Orbit and environment: {safe(s.design)} ({safe(path.name)})", show_header=True)
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for name, value in _rows(s):
        table.add_row(name, value)
    report_console().print(table)
    return 0


def _rows(s) -> list[tuple[str, str]]:
    return [
        ("altitude", q(s.altitude)),
        ("inclination", q(s.inclination, "deg")),
        ("local time of ascending node", s.ltan or "-"),
        ("orbital period", q(s.period, "min")),
        ("nodal regression (J2)", q(s.nodal_regression_rate, "deg/day")),
        ("critical beta (no eclipse above)", q(s.critical_beta, "deg")),
        ("beta over the first year", f"{q(s.beta_min, 'deg')} to {q(s.beta_max, 'deg')}"),
        ("days with eclipse (first year)", str(s.days_with_eclipse)),
        ("eclipse season", s.eclipse_season),
        ("longest eclipse, cylindrical shadow", q(s.max_eclipse_duration, "min")),
        ("longest umbra, conical shadow", q(s.max_umbra_duration, "min")),
        ("penumbra per orbit at min |beta|", q(s.penumbra_duration_at_min_beta, "s")),
        ("solar flux over the year", f"{q(s.solar_flux_min, 'W/m^2')} to {q(s.solar_flux_max, 'W/m^2')}"),
        ("hot case albedo / OLR", f"{q(s.hot_albedo)} / {q(s.hot_earth_ir, 'W/m^2')}"),
        ("cold case albedo / OLR", f"{q(s.cold_albedo)} / {q(s.cold_earth_ir, 'W/m^2')}"),
        ("view factor to Earth, nadir plate", q(s.view_factor_nadir_plate)),
        ("view factor to Earth, edge-on plate", q(s.view_factor_edge_on_plate)),
    ]
