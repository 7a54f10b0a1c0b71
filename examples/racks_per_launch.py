"""Racks per launch: check a public claim against a whole-system sizing.

The claim, as it circulates in public articles on orbital data centers (2025-2026; no
primary source is named, so it is a parameter here): "one Starship launch carries about
500 high-density AI racks".  With about 100 t to low Earth orbit per launch that is 200 kg per
rack, and a rack in orbit brings its own solar array, battery and radiator loop.

This script sizes ``designs/starship_load.toml`` (120 kW racks, an NVL72-class rack of
1000 kg as flown, 550 km dawn-dusk orbit, NaK-78 loop) for several rack counts with
``size`` and prints the mass per rack, its breakdown, the racks per launch, and whether the
claim holds.  The claimed figure is a parameter (``--claim``), so any other public
statement can be checked the same way; so are the rack power and mass.

Run::

    .venv/bin/python examples/racks_per_launch.py                   # 1, 10, 100 and 500 racks
    .venv/bin/python examples/racks_per_launch.py --quick           # 500 racks only
    .venv/bin/python examples/racks_per_launch.py --claim 100 --rack-mass "300 kg"
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from thermo_orbit import default_design_path, load_design, size

STARSHIP_LOAD = default_design_path().with_name("starship_load.toml")
CLAIM_RACKS_PER_LAUNCH = 500.0
CLAIM_SOURCE = ('"one Starship launch carries about 500 high-density AI racks", from public articles on '
                'orbital data centers, 2025-2026; no primary source is named, so it is a parameter here')


def size_counts(design, counts):
    """Size ``design`` for each rack count; return ``[(count, SystemResult)]``."""
    return [(n, size(design.with_fields({"rack.count": int(n)}))) for n in counts]


def report(design, sized, claim):
    """Print mass per rack, breakdown, racks per launch and the claim check."""
    payload = design["launch.payload_per_launch"].to("t")
    print(f"Design {design.name}: {design['rack.power'].to('kW').magnitude:g} kW racks of "
          f"{design['rack.mass'].to('kg').magnitude:g} kg, payload per launch {payload.magnitude:g} t\n")
    header = ("racks", "feasible", "mass per rack", "array", "battery", "radiator+loop", "bus+growth", "racks/launch",
              "launches")
    print("  ".join(f"{h:>13}" for h in header))
    for n, r in sized:
        m = {k: v.to("kg").magnitude / n for k, v in r.mass.items() if not isinstance(v, dict)}
        bus = sum(m[k] for k in ("structure", "harness", "power_conditioning", "thermal_control", "growth_allowance"))
        per_rack = r.mass["per_rack"].to("kg").magnitude
        cells = (f"{n}", "yes" if r.feasible else f"no ({r.binding_constraint})", f"{per_rack:,.0f} kg",
                 f"{m['solar_array']:,.0f} kg", f"{m['battery']:,.0f} kg", f"{m['radiator'] + m['loop']:,.0f} kg",
                 f"{bus:,.0f} kg",
                 f"{r.launch['racks_per_launch'].magnitude:.1f}", f"{r.launch['count']}")
        print("  ".join(f"{c:>13}" for c in cells))

    n, r = sized[-1]
    per_rack = r.mass["per_rack"].to("kg").magnitude
    rack_only = r.mass["racks"].to("kg").magnitude / n
    support = per_rack - rack_only
    per_launch = payload.to("kg").magnitude / per_rack
    allowed = payload.to("kg").magnitude / claim
    print(f"\nFor {n} racks: {per_rack:,.0f} kg per rack = {rack_only:,.0f} kg rack + {support:,.0f} kg of "
          "array, battery, radiator, loop, bus (structure, harness, power conditioning, thermal hardware) and "
          "mass growth allowance")
    print(f"  racks per launch: {per_launch:.1f} (whole racks: {math.floor(per_launch)}), "
          f"{r.launch['count']} launches for {n} racks")
    print(f"  even with massless racks: {payload.to('kg').magnitude / support:.1f} racks per launch")
    print(f"\nClaim: {claim:g} racks per launch ({CLAIM_SOURCE if claim == CLAIM_RACKS_PER_LAUNCH else 'as given'})")
    print(f"  needs at most {allowed:,.0f} kg per rack with its power and thermal systems; the sizing gives "
          f"{per_rack:,.0f} kg, {per_rack / allowed:.1f} times that")
    holds = per_launch >= claim
    print(f"  verdict: the claim {'HOLDS' if holds else 'DOES NOT HOLD'} with these technologies "
          f"({per_launch:.1f} racks per launch {'>=' if holds else '<'} {claim:g})")
    if not r.feasible:
        print(f"  (note: the design is infeasible: {r.reasons[0]})")
    return holds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="size the design's own rack count only (fast)")
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 10, 100, 500], help="rack counts to size")
    parser.add_argument("--claim", type=float, default=CLAIM_RACKS_PER_LAUNCH, help="claimed racks per launch")
    parser.add_argument("--rack-power", help='power per rack, e.g. "100 kW" (default: the design\'s)')
    parser.add_argument("--rack-mass", help='mass of one rack as flown, e.g. "300 kg" (default: the design\'s)')
    parser.add_argument("--design", default=str(STARSHIP_LOAD),
                        help="design file (default: designs/starship_load.toml)")
    args = parser.parse_args(argv)

    design = load_design(Path(args.design))
    changes = {k: v for k, v in (("rack.power", args.rack_power), ("rack.mass", args.rack_mass)) if v}
    if changes:
        design = design.with_fields(changes)
    counts = [design["rack.count"]] if args.quick else args.counts
    report(design, size_counts(design, counts), args.claim)
    return 0


if __name__ == "__main__":
    sys.exit(main())
