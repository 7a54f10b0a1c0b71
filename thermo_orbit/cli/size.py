"""``thermo-orbit size``: the whole-system sizing report of a design (printing only; the
model is :func:`thermo_orbit.sizing.size`).  With ``--json`` every quantity as
``{value, unit}``.  Exit 0 feasible, 1 infeasible (the report is printed either way)."""

from __future__ import annotations

import argparse
import json

from .console import quantity_text as q
from .console import report_console, safe, status_text, value_table

__all__ = ["cmd_size", "MARGIN_LABELS"]

#: margin labels of the text report: every margin is beyond what is required
MARGIN_LABELS = {"freeze": "freeze (beyond the required freeze margin)",
                 "boil": "boil (beyond the required boil margin)",
                 "radiator_sink": "radiator outlet above the hot sink",
                 "battery_depth_of_discharge": "depth of discharge (allowed - used)",
                 "pump_power": "pumping (hydraulic power growth to runaway)",
                 "transient_freeze": "orbit: freeze (beyond the required freeze margin)",
                 "transient_battery_depth_of_discharge": "orbit: depth of discharge (allowed - used)"}


def cmd_size(args: argparse.Namespace) -> int:
    """``thermo-orbit size DESIGN [--json] [--verify transient]``: 0 feasible, 1 infeasible."""
    from ..design import load_design
    from ..sizing import size

    result = size(load_design(args.design), verify=args.verify)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
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
    return 0 if result.feasible else 1


def _sections(result) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, rows) of each table of the report, in order."""
    sections = [("Orbit", _orbit_rows(result)), ("Power", _power_rows(result)),
                ("Heat path (hot case) and freeze (cold case)", _heat_path_rows(result)),
                ("Mass and launch", _mass_rows(result))]
    if result.heat_pump is not None:
        sections.append(("Heat pump (lift that minimises array + battery + loop + heat-pump mass)",
                         _heat_pump_rows(result)))
    sections.append(("Margins (each beyond what is required: positive holds)",
                     [(MARGIN_LABELS.get(k, k.replace("_", " ")), q(v)) for k, v in result.margins.items()]))
    if result.transient is not None:
        tr = result.transient
        sections.append((f"Orbit check ({tr['case']} case, beta {tr['beta'].magnitude:.1f} deg)",
                         _transient_rows(tr)))
    return sections


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
        ("power-system losses (orbit average)", q(pb["power_system_losses"], "kW")),
        ("array power required (EOL)", q(a.required_power, "kW")), ("array power BOL", q(a.power_bol, "kW")),
        ("array area / mass", f"{q(a.area, 'm^2')} / {q(a.mass, 'kg')}"),
        ("array temperature / efficiency", f"{q(result.environment['array_temperature'], 'degC')} / "
                                           f"{result.environment['array_efficiency'].magnitude:.4f}"),
        ("battery capacity / mass", f"{q(b.capacity, 'kWh')} / {q(b.mass, 'kg')}"),
        ("battery DoD allowed / used",
         f"{b.depth_of_discharge.magnitude:.3f} / {b.depth_of_discharge_actual.magnitude:.3f}"),
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
        ("radiator area / mass", f"{q(lp.radiator_area, 'm^2')} / {q(lp.radiator_mass, 'kg')}"),
        ("mass flow / pressure drop", f"{q(lp.mass_flow, 'kg/s')} / {q(lp.pressure_drop, 'kPa')}"),
        ("tubes / velocity in them", f"{q(lp.tube_count.magnitude, digits=6)} / {q(lp.velocity, 'm/s')}"),
        ("Re / Pe / Nu in the tubes", " / ".join(q(x.magnitude, digits=d) for x, d in
                                                  ((lp.reynolds, 4), (lp.peclet, 4), (lp.nusselt, 3)))),
        ("coldest coolant above melting", q(lp.freeze_margin, "K")),
    ]


def _mass_rows(result) -> list[tuple[str, str]]:
    la = result.launch
    return [(k.replace("_", " "), q(v, "kg")) for k, v in result.mass.items()] + [
        ("launches", str(la["count"])), ("launch cost", f"{la['cost'].to('USD').magnitude / 1e6:.2f} M USD"),
        ("racks per launch", f"{la['racks_per_launch'].magnitude:.1f}"),
    ]


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
