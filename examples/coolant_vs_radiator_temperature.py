"""Coolant trade: which coolant, at which chip temperature limit, for the default design.

For each coolant of the materials database and each chip junction limit, the default
design (one 120 kW rack, 550 km dawn-dusk orbit, edge-on radiator) is sized as a whole
system with ``size``.  The junction limit sets how hot the coolant and so the radiator may
run: a hotter radiator is smaller, but a coolant that melts above the radiator outlet
freezes.  The table shows, per coolant and limit, the hottest coolant temperature, the
radiator area, the total mass, and whether the design is feasible (else the binding
constraint, with its reason below the table).

Run::

    .venv/bin/python examples/coolant_vs_radiator_temperature.py            # 8 coolants x 3 limits
    .venv/bin/python examples/coolant_vs_radiator_temperature.py --quick    # 3 coolants x 2 limits
    .venv/bin/python examples/coolant_vs_radiator_temperature.py --glide "40 K"
"""

from __future__ import annotations

import argparse
import sys

from thermo_orbit import InputError, default_design_path, load_design, size
from thermo_orbit.materials import coolant, list_materials

JUNCTION_LIMITS = ("85 degC", "105 degC", "125 degC")
QUICK_COOLANTS = ("NaK-78", "Na", "ammonia")
QUICK_LIMITS = ("85 degC", "125 degC")


def trade(design, coolants, limits, glide=None):
    """Size ``design`` for every (coolant, junction limit); return rows and notes."""
    rows, notes = [], []
    for name in coolants:
        melting = coolant(name).melting_point.to("degC")
        for limit in limits:
            changes = {"thermal.coolant": name, "rack.max_junction_temperature": limit}
            if glide is not None:
                changes["thermal.radiator_glide"] = glide
            try:
                result = size(design.with_fields(changes))
            except InputError as err:  # e.g. a coolant without cited transport properties
                notes.append(f"{name}: not sized: {err}")
                break
            label = "feasible" if result.feasible else f"NO: {result.binding_constraint}"
            if result.warnings:
                label += " *"
            rows.append((name, melting, limit, result.temperatures["coolant_max"],
                         result.radiator["area"], result.mass["total"], label))
            if not result.feasible:
                notes.append(f"{name} at {limit}: {result.reasons[0]}")
    return rows, notes


def print_table(rows):
    """Print the trade table, every number with its unit."""
    header = ("coolant", "melts at", "junction limit", "coolant max", "radiator area", "total mass", "feasible")
    cells = [[r[0], f"{r[1].magnitude:.1f} degC", r[2], f"{r[3].magnitude:.1f} degC",
              f"{r[4].to('m^2').magnitude:.1f} m^2", f"{r[5].to('kg').magnitude:,.0f} kg", r[6]] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for c in cells:
        print("  ".join(x.ljust(w) for x, w in zip(c, widths)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 coolants x 2 junction limits (fast)")
    parser.add_argument("--glide", help='coolant temperature drop across the radiator, e.g. "40 K"')
    parser.add_argument("--design", default=str(default_design_path()),
                        help="design file (default: designs/default.toml)")
    args = parser.parse_args(argv)

    design = load_design(args.design)
    coolants = QUICK_COOLANTS if args.quick else list_materials("coolant")
    limits = QUICK_LIMITS if args.quick else JUNCTION_LIMITS
    glide = args.glide or f"{design['thermal.radiator_glide'].to('K').magnitude:g} K"
    print(f"Coolant trade for {design.name}: {design['rack.power'].to('kW').magnitude:g} kW x "
          f"{design['rack.count']} rack(s), radiator glide {glide}\n")
    rows, notes = trade(design, coolants, limits, args.glide)
    print_table(rows)
    print("\n* properties extrapolated beyond their cited validity range, or a correlation outside "
          "its range (see the result's warnings)")
    for note in notes:
        print(f"- {note}")
    print()
    feasible = [r for r in rows if r[6].startswith("feasible")]
    for text, candidates in (("Lightest feasible", feasible),
                             ("Lightest feasible with every property inside its cited range",
                              [r for r in feasible if not r[6].endswith("*")])):
        best = min(candidates, key=lambda r: r[5], default=None)
        if best is not None:
            print(f"{text}: {best[0]} at a {best[2]} junction limit, {best[5].to('kg').magnitude:,.0f} kg "
                  f"total, radiator {best[4].to('m^2').magnitude:.1f} m^2{' *' if best[6].endswith('*') else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
