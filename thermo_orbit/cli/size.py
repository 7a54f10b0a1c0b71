"""``thermo-orbit size``: the whole-system sizing report of a design (printing only; the
model is :func:`thermo_orbit.sizing.size`).  With ``--json`` every quantity as
``{value, unit}``.  Exit 0 feasible, 1 infeasible (the report is printed either way)."""

from __future__ import annotations

import argparse
import json

import numpy as np

from ..format import number
from .console import quantity_text as q
from .console import report_console, safe, status_text, value_table

__all__ = ["cmd_size", "MARGIN_LABELS"]

#: margin labels of the text report: every margin is beyond what is required
MARGIN_LABELS = {"survivability": "probability of no penetration (per loop - required)",
                 "freeze": "freeze (beyond the required freeze margin)",
                 "boil": "boil (beyond the required boil margin)",
                 "radiator_sink": "radiator outlet above the hot sink",
                 "battery_depth_of_discharge": "depth of discharge (allowed - used)",
                 "battery_temperature": "battery temperature (inside its range)",
                 "pump_power": "pumping (hydraulic power growth to runaway)",
                 "transient_freeze": "orbit: freeze (beyond the required freeze margin)",
                 "transient_battery_depth_of_discharge": "orbit: depth of discharge (allowed - used)"}


def cmd_size(args: argparse.Namespace) -> int:
    """``thermo-orbit size DESIGN [--json] [--verify transient] [--method steady|orbit]``: 0
    feasible, 1 infeasible."""
    from ..design import load_design
    from ..sizing import size

    design = load_design(args.design)
    result = size(design, verify=args.verify, method=getattr(args, "method", None))
    mc = _uncertainty(design, args)
    if args.json:
        out = result.to_dict()
        if mc is not None:
            out["uncertainty"] = mc.to_dict()
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0 if result.feasible else 1
    console = report_console()
    console.print(f"[bold]{safe(result.design)}[/] ({safe(args.design)}): {status_text(result.feasible)}; "
                  f"binding constraint: [bold]{result.binding_constraint}[/]", highlight=False)
    for reason in result.reasons:
        console.print(f"  [red]- {safe(reason)}[/]", highlight=False)
    for title, rows in _sections(result):
        console.print(value_table(rows, title, title_justify="left", min_width=60))
    if result.warnings:
        console.print("[yellow]Warnings:[/]")
        for w in result.warnings:
            console.print(f"  [yellow]- {safe(w)}[/]", highlight=False)
    console.print(f"{len(result.assumptions)} values are defaults or database values "
                  "(see --json 'assumptions'); pump-power fixed point: "
                  f"{result.convergence['passes']} passes.")
    if mc is not None:
        print_uncertainty(console, mc)
    return 0 if result.feasible else 1


def _uncertainty(design, args):
    """The Monte Carlo of ``--uncertainty N`` (None without it)."""
    if getattr(args, "uncertainty", None) is None:
        return None
    from ..sizing.uncertainty import size_uncertainty

    return size_uncertainty(design, args.uncertainty, seed=args.seed, groups=args.groups,
                            materials=not args.no_material_uncertainty)


def print_uncertainty(console, mc) -> None:
    """The text report of a Monte Carlo: inputs, feasible share, percentiles."""
    from ..sizing.uncertainty import wilson_interval
    from ..system.outputs import OUTPUTS

    lo, hi = wilson_interval(mc.feasible, mc.samples)
    console.print(f"[bold]Uncertainty[/]: {mc.samples:,} Latin-hypercube samples ({mc.groups} groups, seed "
                  f"{mc.seed}, {mc.seconds:.1f} s) over {len(mc.inputs)} uncertain inputs", highlight=False)
    for i in mc.inputs:
        origin = "design file" if i.source == "design file" else "database"
        console.print(f"  - {safe(i.name)}: {safe(i.dist.describe())} ({origin})", highlight=False)
    console.print(f"probability feasible: {mc.probability_feasible:.3f} (95 % interval {lo:.3f} to {hi:.3f})"
                  + ("" if not mc.binding else "; infeasible samples bind on " +
                     ", ".join(f"{k} ({n})" for k, n in mc.binding.items())), highlight=False)
    rows = [(path, " / ".join(q(x, digits=4) for x in p[:3]) + (f" {OUTPUTS[path]}" if OUTPUTS[path] else ""))
            for path, p in mc.percentiles.items() if p[3]]
    console.print(value_table(rows, "P5 / P50 / P95", title_justify="left", min_width=60))


def _sections(result) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, rows) of each table of the report, in order."""
    sections = [("Orbit", _orbit_rows(result)), ("Power", _power_rows(result)),
                ("Heat path (hot case) and freeze (cold case)", _heat_path_rows(result)),
                ("Mass and launch", _mass_rows(result))]
    if result.heat_pump is not None:
        sections.append(("Heat pump (lift that minimises array + battery + loop + heat-pump mass)",
                         _heat_pump_rows(result)))
    if result.survivability is not None:
        sections.append(("Survivability (meteoroids and debris, per loop over the mission)",
                         _survivability_rows(result.survivability)))
    sections.append(("Margins (each beyond what is required: positive holds)",
                     [(MARGIN_LABELS.get(k, k.replace("_", " ")), q(v)) for k, v in result.margins.items()]))
    if result.transient is not None:
        tr = result.transient
        sections.append((f"Orbit check ({tr['case']} case, beta {tr['beta'].magnitude:.1f} deg)",
                         _transient_rows(tr)))
    if result.orbit_sizing is not None:
        sections.append(("Orbit sizing (the periodic orbit as the criterion; steady -> orbit)",
                         _orbit_sizing_rows(result.orbit_sizing)))
    return sections


def _orbit_sizing_rows(os_: dict) -> list[tuple[str, str]]:
    if os_.get("radiator_area") is None:
        return [("radiator area, steady", q(os_["radiator_area_steady"], "m^2")),
                ("not sized", str(os_.get("not_sized")))]
    cert, hot = os_["certificate"], os_["certificate_hot"]
    closure = max(max(c["energy_closure"].values()) for c in (cert, hot))
    return [
        ("radiator area", f"{q(os_['radiator_area_steady'], 'm^2')} -> {q(os_['radiator_area'], 'm^2')} "
                          f"(x {os_['area_scale'].magnitude:.4f})"),
        ("mass total", f"{q(os_['mass_steady'], 'kg')} -> {q(os_['mass'], 'kg')}"),
        ("saving (steady - orbit)", q(os_["saving"], "kg")),
        ("binding side", os_["binding"]),
        (f"hottest junction, hot case (beta {os_['beta_hot'].magnitude:.1f} deg) / limit",
         f"{q(os_['junction_max'], 'degC')} / {q(os_['junction_limit'], 'degC')}"),
        ("coldest coolant, cold case / heater set point",
         f"{q(os_['coolant_min_cold_case'], 'degC')} / {q(os_['freeze_set_point'], 'degC')}"),
        ("survival heater capacity / orbit average",
         f"{q(os_['heater_capacity'], 'kW')} / {q(os_['heater_orbit_average'], 'kW')}"),
        ("battery capacity", f"{q(os_['battery_capacity_steady'], 'kWh')} -> {q(os_['battery_capacity'], 'kWh')}"),
        ("depth of discharge over the orbit", f"{os_['battery_depth_of_discharge'].magnitude:.4f}"),
        ("array area", f"{q(os_['array_area_steady'], 'm^2')} -> {q(os_['array_area'], 'm^2')}"),
        ("certificate: periodicity cold / hot",
         f"{cert['periodicity_error'].magnitude:.1e} K / {hot['periodicity_error'].magnitude:.1e} K"),
        ("certificate: energy closure (worst node) / orbits",
         f"{closure:.1e} / {cert['orbits']:.0f} + {hot['orbits']:.0f}"),
    ]


def _survivability_rows(sv: dict) -> list[tuple[str, str]]:
    kept = sv["heat_rejection_after_loss"].magnitude
    rows = [("loops / heat rejection with one lost", f"{sv['loops']} / {kept:.3g}")]
    if not sv["evaluated"]:
        return [*rows, ("penetration", "not evaluated (survivability.armour = off)")]
    t = sv["armour_thickness"]
    armour = "none up to 20 mm meets the PNP" if not np.isfinite(t.magnitude) else q(t, "mm")
    return [*rows,
            (f"armour on the tubes ({sv['armour']})", armour),
            ("expected penetrations per loop", q(sv["expected_penetrations"], digits=3)),
            ("no-penetration probability per loop / required",
             f"{sv['probability_no_penetration'].magnitude:.4f} / {sv['required_pnp'].magnitude:.4g}"),
            ("probability that no loop is lost", f"{sv['probability_no_loop_lost'].magnitude:.4f}")]


def _orbit_rows(result) -> list[tuple[str, str]]:
    o = result.orbit
    return [
        ("altitude / inclination", f"{q(o['altitude'])} / {q(o['inclination'], 'deg')}"),
        ("period", q(o["period"], "min")),
        ("beta over the year", f"{o['beta_range'].magnitude[0]:.1f} to {o['beta_range'].magnitude[1]:.1f} deg"),
        ("longest eclipse", q(o["max_eclipse_duration"], "min")),
        ("eclipse cycles over the life", f"{o['eclipse_cycles_over_life'].magnitude:,.0f}"),
    ]


def _power_rows(result) -> list[tuple[str, str]]:
    a, b, pb = result.solar_array, result.battery, result.power_budget
    return [
        ("rack power", q(pb["rack_power"], "kW")), ("pump power", q(pb["pump_power"], "kW")),
        ("rack power in eclipse", q(pb["rack_power_eclipse"], "kW")),
        ("power bus / path efficiency X_e, X_d", f"{pb['bus']} / {a.path_efficiency_eclipse.magnitude:.3f}, "
                                                 f"{a.path_efficiency_daylight.magnitude:.3f}"),
        ("inherent degradation I_d (temperature computed)", f"{a.inherent_degradation.magnitude:.3f}"),
        ("power-system losses (orbit average)", q(pb["power_system_losses"], "kW")),
        ("array power required (EOL)", q(a.required_power, "kW")), ("array power BOL", q(a.power_bol, "kW")),
        ("array area / mass", f"{q(a.area, 'm^2')} / {q(a.mass, 'kg')}"),
        ("array temperature / efficiency", f"{q(result.environment['array_temperature'], 'degC')} / "
                                           f"{result.environment['array_efficiency'].magnitude:.4f}"),
        ("battery capacity / mass", f"{q(b.capacity, 'kWh')} / {q(b.mass, 'kg')}"),
        ("battery DoD allowed / used",
         f"{b.depth_of_discharge.magnitude:.3f} / {b.depth_of_discharge_actual.magnitude:.3f}"),
        ("battery thermal control / heater", f"{q(b.conductance, 'W/K')} / {q(b.heater_power, 'kW')}"),
        ("battery temperature (steady bounds)", f"{q(b.temperature_min, 'degC')} to {q(b.temperature_max, 'degC')}"),
        ("budget closure (generated = used + lost)", q(float(pb["closure"].magnitude), digits=2)),
    ]


def _heat_path_rows(result) -> list[tuple[str, str]]:
    T, lp = result.temperatures, result.loop
    return [
        ("junction limit", q(T["junction_limit"], "degC")), ("cold-plate wall", q(T["cold_plate_wall"], "degC")),
        ("coolant max = radiator inlet", q(T["coolant_max"], "degC")),
        ("radiator outlet", q(T["radiator_outlet"], "degC")),
        ("radiator sink, hot", q(T["radiator_sink_hot"], "degC")),
        ("coolant min, cold case", q(T["coolant_min_cold_case"], "degC")),
        ("coolant melting point", q(T["coolant_melting_point"], "degC")),
        ("radiator area / mass as built", f"{q(lp.radiator_area, 'm^2')} / {q(result.radiator['mass'], 'kg')}"),
        ("mass flow / pressure drop", f"{q(lp.mass_flow, 'kg/s')} / {q(lp.pressure_drop, 'kPa')}"),
        ("tubes / velocity in them", f"{q(lp.tube_count.magnitude, digits=6)} / {q(lp.velocity, 'm/s')}"),
        ("Re / Pe / Nu in the tubes", " / ".join(q(x.magnitude, digits=d) for x, d in
                                                  ((lp.reynolds, 4), (lp.peclet, 4), (lp.nusselt, 3)))),
        ("coldest coolant above melting", q(lp.freeze_margin, "K")),
    ]


def _mass_rows(result) -> list[tuple[str, str]]:
    la = result.launch
    rows = []
    for k, v in result.mass.items():
        if isinstance(v, dict):  # the radiator's parts, under the radiator
            rows += [(f"  radiator: {part.replace('_', ' ')}", q(m, "kg")) for part, m in v.items()]
        else:
            rows.append((k.replace("_", " "), q(v, "kg")))
    return [*rows, ("launches", str(la["count"])),
            ("launch cost", f"{number(la['cost'].to('USD').magnitude / 1e6, 4)} M USD"),
            ("racks per launch", f"{la['racks_per_launch'].magnitude:.1f}")]


def _heat_pump_rows(result) -> list[tuple[str, str]]:
    from ..units import Q_

    hp = result.heat_pump
    return [
        ("chosen lift", q(hp["lift"], "K")),
        ("radiator mean temperature", q(hp["radiator_mean_temperature"], "degC")),
        ("heat-pump power", q(result.loop.heat_pump_power, "kW")),
    ] + [(f"mass at lift {lift:.0f} K", q(Q_(m, "kg"))) for lift, m in
         zip(hp["lifts"].magnitude[::5], hp["subsystem_mass"].magnitude[::5])]


def _transient_rows(tr: dict) -> list[tuple[str, str]]:
    return [
        ("coldest coolant", q(tr["extremes"]["coolant_min"], "degC")),
        ("lowest state of charge", f"{tr['extremes']['state_of_charge_min'].magnitude:.4f}"),
        ("heater, orbit average", q(tr["extremes"]["heater_orbit_average"], "W")),
        ("periodicity error", f"{tr['certificate']['periodicity_error'].magnitude:.1e} K"),
    ]
