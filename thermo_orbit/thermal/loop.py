"""The pumped coolant loop from chip junction to radiator: temperatures through the chain,
mass flow, tubes, hydraulics, pump power, inventory, masses, and the freeze and boil margins.

Chain (hot case, steady):

    T_junction,max ── P·R_jc ──► T_cold-plate wall ── ΔT_film = P/(h A_cp) ──► T_coolant,max
    = radiator inlet ── glide ──► radiator outlet (coldest coolant) ──► pump ──► cold plate

so the radiator's temperatures follow from the chip limit, not from a free input.  The pump's
electrical power is a load on the power system and all of it ends as heat in the loop
(friction and motor losses), so the radiator rejects P_rack + P_pump: a fixed point solved
by iteration.  In the cold case the same loop (same flow and area) sees the cold sink; its
coldest coolant temperature is compared with the melting point.

References: Incropera et al. (2011) ch. 8 (internal flow); Mackay (1963) ch. 9 (space
radiator loops); the correlations in :mod:`thermo_orbit.thermal.correlations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import materials as mat
from ..constraints import Constraint, text_of
from ..errors import InputError
from ..results import ResultMixin
from ..units import Q_, check_fraction, check_positive, quantity
from .loop_kernel import LIQUID_METALS, LoopInputs, size_loop_si

__all__ = ["LoopResult", "size_thermal_loop", "loop_result", "FLAG_TEXT", "LIQUID_METALS", "LoopInputs",
           "size_loop_si"]

FLAG_SINK = Constraint.SINK
FLAG_FROZEN_HOT = Constraint.FROZEN_HOT
FLAG_FROZEN_COLD = Constraint.FROZEN_COLD
FLAG_BOIL = Constraint.BOIL
FLAG_CHIP = Constraint.CHIP
FLAG_NO_CONVERGENCE = Constraint.LOOP_NOT_CONVERGED
FLAG_PUMP_RUNAWAY = Constraint.PUMP_RUNAWAY
FLAG_PRESSURIZED_HOT = Constraint.PRESSURIZED_HOT
FLAG_HEAT_PUMP_RUNAWAY = Constraint.HEAT_PUMP_RUNAWAY
FLAG_JUNCTION = Constraint.JUNCTION_TO_COLD_PLATE
FLAG_FILM = Constraint.COLD_PLATE_FILM
#: the loop's constraints and their texts (:mod:`thermo_orbit.constraints`)
FLAG_TEXT = {c: text_of(c) for c in (FLAG_JUNCTION, FLAG_FILM, FLAG_CHIP, FLAG_SINK, FLAG_FROZEN_HOT,
                                      FLAG_FROZEN_COLD, FLAG_BOIL, FLAG_PRESSURIZED_HOT, FLAG_HEAT_PUMP_RUNAWAY,
                                      FLAG_NO_CONVERGENCE, FLAG_PUMP_RUNAWAY)}

_SI = {"W": "W", "kW": "W", "K": "K", "kg/s": "kg/s", "m^2": "m^2", "": "", "m": "m", "m/s": "m/s",
       "W/(m^2*K)": "W/(m^2*K)", "kPa": "Pa", "L": "m^3", "kg": "kg"}
_UNITS = dict(
    heat_rejected="kW", heat_pump_power="kW", heat_pump_lift="K", radiator_mean_temperature="K",
    pump_electrical_power="W", pump_hydraulic_power="W", mass_flow="kg/s",
    junction_temperature="K", cold_plate_wall_temperature="K", cold_plate_film_drop="K",
    radiator_inlet_temperature="K", radiator_outlet_temperature="K", radiator_film_drop="K",
    sink_temperature_hot="K", sink_temperature_cold="K", cold_case_inlet_temperature="K",
    cold_case_outlet_temperature="K", freeze_margin="K", hot_freeze_margin="K", boil_margin="K", sink_margin="K",
    radiator_area="m^2", fin_efficiency="", panel_efficiency="", tube_count="", tube_length="m", velocity="m/s",
    reynolds="", prandtl="", peclet="", nusselt="", film_coefficient="W/(m^2*K)", friction_factor="",
    pressure_drop="kPa", pressure_drop_tubes="kPa", pressure_drop_manifolds="kPa", pressure_drop_cold_plate="kPa",
    coolant_volume="L", coolant_mass="kg", tube_mass="kg", fin_mass="kg", structure_mass="kg", radiator_mass="kg",
    pump_mass="kg", loop_mass="kg", pump_runaway_margin="",
)


@dataclass(frozen=True)
class LoopResult(ResultMixin):
    """Sized thermal loop: every field a Quantity (or arrays of them for many designs).

    ``feasible`` is False where a constraint fails; ``reasons`` lists why, with margins."""

    coolant: str
    feasible: Any
    reasons: Any
    heat_rejected: Any
    heat_pump_power: Any
    heat_pump_lift: Any
    radiator_mean_temperature: Any
    pump_electrical_power: Any
    pump_hydraulic_power: Any
    mass_flow: Any
    junction_temperature: Any
    cold_plate_wall_temperature: Any
    cold_plate_film_drop: Any
    radiator_inlet_temperature: Any
    radiator_outlet_temperature: Any
    radiator_film_drop: Any
    sink_temperature_hot: Any
    sink_temperature_cold: Any
    cold_case_inlet_temperature: Any
    cold_case_outlet_temperature: Any
    freeze_margin: Any
    hot_freeze_margin: Any
    boil_margin: Any
    sink_margin: Any
    radiator_area: Any
    fin_efficiency: Any
    panel_efficiency: Any
    tube_count: Any
    tube_length: Any
    velocity: Any
    reynolds: Any
    prandtl: Any
    peclet: Any
    nusselt: Any
    film_coefficient: Any
    friction_factor: Any
    pressure_drop: Any
    pressure_drop_tubes: Any
    pressure_drop_manifolds: Any
    pressure_drop_cold_plate: Any
    coolant_volume: Any
    coolant_mass: Any
    tube_mass: Any
    fin_mass: Any
    structure_mass: Any
    radiator_mass: Any
    pump_mass: Any
    loop_mass: Any
    pump_runaway_margin: Any = None  #: fraction the hydraulic power (tube count fixed) could grow before runaway
    warnings: Any = ()

def _reasons(flags: int, r: dict, i) -> tuple[str, ...]:
    def val(name):
        return float(np.asarray(r[name])[i]) if np.ndim(r[name]) else float(r[name])

    out = []
    if flags & (FLAG_JUNCTION | FLAG_FILM):
        T_limit = val("radiator_outlet_temperature") - val("hot_freeze_margin") + val("required_freeze_margin")
        glide = val("radiator_inlet_temperature") - val("radiator_outlet_temperature")
        drop = val("junction_temperature") - val("cold_plate_wall_temperature")
        where = (f"the {drop:.1f} K drop from the {val('junction_temperature') - 273.15:.1f} degC junction limit "
                 f"through rack.junction_to_cold_plate_resistance leaves the cold-plate wall at "
                 f"{val('cold_plate_wall_temperature') - 273.15:.1f} degC")
        if flags & FLAG_FILM:
            where += (f", and the {val('cold_plate_film_drop'):.1f} K cold-plate film drop leaves the coolant at "
                      f"{val('radiator_inlet_temperature') - 273.15:.1f} degC")
        out.append(f"{FLAG_TEXT[FLAG_JUNCTION if flags & FLAG_JUNCTION else FLAG_FILM]}: {where}; with the "
                   f"{glide:.1f} K glide the coolant must stay above {T_limit - 273.15:.1f} degC (melting point + "
                   f"freeze margin) and above the {val('sink_temperature_hot') - 273.15:.1f} degC sink")
    if flags & FLAG_HEAT_PUMP_RUNAWAY:
        out.append(FLAG_TEXT[FLAG_HEAT_PUMP_RUNAWAY] + " (lower thermal.heat_pump_max_lift or raise "
                   "thermal.heat_pump_carnot_fraction)")
    if flags & FLAG_CHIP:
        out.append(f"{FLAG_TEXT[FLAG_CHIP]} (coolant may reach {val('radiator_inlet_temperature'):.1f} K, "
                   f"hot sink {val('sink_temperature_hot'):.1f} K)")
    if flags & FLAG_SINK and not flags & FLAG_CHIP:
        out.append(f"{FLAG_TEXT[FLAG_SINK]}: outlet {val('radiator_outlet_temperature'):.1f} K, sink "
                   f"{val('sink_temperature_hot'):.1f} K (margin {val('sink_margin'):.1f} K)")
    if flags & FLAG_FROZEN_HOT:
        out.append(f"{FLAG_TEXT[FLAG_FROZEN_HOT]}: radiator outlet {val('radiator_outlet_temperature'):.1f} K is "
                   f"{-val('hot_freeze_margin'):.1f} K below the melting point" if val('hot_freeze_margin') < 0 else
                   f"{FLAG_TEXT[FLAG_FROZEN_HOT]}: radiator outlet only {val('hot_freeze_margin'):.1f} K above the "
                   "melting point, inside the required margin")
    if flags & FLAG_FROZEN_COLD:
        margin = val('freeze_margin')
        where = f"{margin:.2f} K above" if margin >= 0 else f"{-margin:.2f} K below"
        out.append(f"{FLAG_TEXT[FLAG_FROZEN_COLD]}: coldest coolant {val('cold_case_outlet_temperature'):.1f} K, "
                   f"{where} the melting point where {val('required_freeze_margin'):.2f} K above is required")
    if flags & FLAG_BOIL:
        out.append(f"{FLAG_TEXT[FLAG_BOIL]} or inside the boil margin (margin {val('boil_margin'):.1f} K)")
    if flags & FLAG_PRESSURIZED_HOT:
        out.append(f"{FLAG_TEXT[FLAG_PRESSURIZED_HOT]} (coolant at {val('radiator_inlet_temperature'):.1f} K)")
    if flags & FLAG_NO_CONVERGENCE:
        out.append(FLAG_TEXT[FLAG_NO_CONVERGENCE])
    if flags & FLAG_PUMP_RUNAWAY:
        out.append(f"{FLAG_TEXT[FLAG_PUMP_RUNAWAY]}; at a pump power of half the rack power "
                   f"({val('pump_electrical_power') / 1e3:.1f} kW) the pressure drop is "
                   f"{val('pressure_drop') / 1e3:.0f} kPa at the target velocity")
    return tuple(out)


def size_thermal_loop(
    heat, coolant, *, max_junction_temperature, junction_to_cold_plate_resistance,
    cold_plate_wetted_area, cold_plate_hydraulic_diameter, cold_plate_flow_area,
    radiator_glide, emissivity, sink_temperature_hot, sink_temperature_cold,
    tube_inner_diameter, tube_wall_thickness, tube_pitch, coolant_velocity,
    fin_thickness, fin_conductivity, fin_density, tube_density, pump_efficiency,
    cold_plate_loss_coefficient=5.0, manifold_loss_coefficient=10.0, tube_roughness=Q_(1.5, "um"),
    structure_areal_density=Q_(0.0, "kg/m^2"), inventory_allowance=0.3,
    pump_specific_mass=Q_(0.0, "kg/W"), freeze_margin=Q_(10.0, "K"), boil_margin=Q_(50.0, "K"),
    cold_case_load_fraction=1.0, additional_heat=Q_(0.0, "W"), heat_pump_lift=Q_(0.0, "K"),
    heat_pump_carnot_fraction=0.5,
) -> LoopResult:
    """Size the pumped loop and its radiator for a rack heat load.

    Parameters (all Quantities, scalars or arrays that broadcast)
    ----------
    heat : [power]
        Electrical power of the racks, all of it dissipated in the cold plates.
    coolant : str
        Name in the materials database (``"NaK-78"``, ``"Na"``, ``"ammonia"``, ...).
    max_junction_temperature : [temperature]
    junction_to_cold_plate_resistance : [K/W]
        Rack-level resistance from the junctions to the cold-plate wall (the per-chip
        resistance divided by the number of chips in parallel).
    cold_plate_wetted_area, cold_plate_flow_area : [area]
    cold_plate_hydraulic_diameter : [length]
    radiator_glide : [temperature difference]
        Coolant temperature drop across the radiator (= rise across the cold plate).
    emissivity : dimensionless
        Radiator coating IR emissivity (end of life for sizing).
    sink_temperature_hot, sink_temperature_cold : [temperature]
        Effective two-sided sinks (see :func:`thermo_orbit.thermal.radiator.sink_temperature`).
    tube_inner_diameter, tube_wall_thickness, tube_pitch : [length]
    coolant_velocity : [velocity]
        Target velocity in the radiator tubes: the tube count is rounded up from the count
        at which the velocity is this target at the converged operating point, so the
        velocity at the design's own operating point is at most the target
        (docs/physics/loop.md).
    fin_thickness : [length]; fin_conductivity : [W/(m·K)]; fin_density, tube_density : [kg/m³]
    pump_efficiency : dimensionless
        Wire-to-fluid efficiency (electromagnetic pumps are far below mechanical ones).
    cold_plate_loss_coefficient, manifold_loss_coefficient : dimensionless
        Loss coefficients K on the cold-plate and tube velocities.
    tube_roughness : [length]
    structure_areal_density : [kg/m²]
        Panel structure besides fins and tubes (core, edges, attachments).
    inventory_allowance : dimensionless
        Coolant volume in manifolds, lines, cold plates and accumulator, as a fraction of
        the radiator-tube volume.
    pump_specific_mass : [kg/W]
        Pump mass per watt of electrical input.
    freeze_margin, boil_margin : [temperature difference]
        Required margins above the melting point and below the boiling point.
    cold_case_load_fraction : dimensionless
        Rack load in the cold case as a fraction of ``heat`` (1 = full load).
    additional_heat : [power]
        Heat the loop also rejects that does not pass the cold plates (power-system losses).
    heat_pump_lift : [temperature difference]
        Optional heat pump between the chip loop and the radiator loop: the radiator runs
        this much hotter; the pump's work Q·lift/(f·T) is reported and rejected too.
    heat_pump_carnot_fraction : dimensionless
        f, the heat pump's fraction of the Carnot COP.

    Returns
    -------
    LoopResult
    """
    c = coolant if isinstance(coolant, mat.Coolant) else mat.coolant(coolant)

    pos, frac = check_positive, check_fraction
    P = pos(heat, "heat", "W", 'Q_(120, "kW")')
    Tj = pos(max_junction_temperature, "max_junction_temperature", "K", 'Q_(85, "degC")')
    R = pos(junction_to_cold_plate_resistance, "junction_to_cold_plate_resistance", "K/W", 'Q_(1e-4, "K/W")', True)
    A_cp = pos(cold_plate_wetted_area, "cold_plate_wetted_area", "m^2", 'Q_(2, "m^2")')
    D_cp = pos(cold_plate_hydraulic_diameter, "cold_plate_hydraulic_diameter", "m", 'Q_(2, "mm")')
    Af_cp = pos(cold_plate_flow_area, "cold_plate_flow_area", "m^2", 'Q_(20, "cm^2")')
    glide = pos(radiator_glide, "radiator_glide", "K", 'Q_(20, "K")')
    eps = frac(emissivity, "emissivity")
    Ts_h = pos(sink_temperature_hot, "sink_temperature_hot", "K", 'Q_(220, "K")')
    Ts_c = pos(sink_temperature_cold, "sink_temperature_cold", "K", 'Q_(150, "K")')
    d_i = pos(tube_inner_diameter, "tube_inner_diameter", "m", 'Q_(6, "mm")')
    wall = pos(tube_wall_thickness, "tube_wall_thickness", "m", 'Q_(0.5, "mm")')
    pitch = pos(tube_pitch, "tube_pitch", "m", 'Q_(10, "cm")')
    if np.any(pitch <= d_i + 2 * wall):
        raise InputError("tube_pitch", tube_pitch, "larger than the tube outer diameter")
    v = pos(coolant_velocity, "coolant_velocity", "m/s", 'Q_(1, "m/s")')
    t_fin = pos(fin_thickness, "fin_thickness", "m", 'Q_(1, "mm")')
    k_fin = pos(fin_conductivity, "fin_conductivity", "W/(m*K)", 'Q_(167, "W/(m*K)")')
    rho_fin = pos(fin_density, "fin_density", "kg/m^3", 'Q_(2700, "kg/m^3")')
    rho_tube = pos(tube_density, "tube_density", "kg/m^3", 'Q_(8000, "kg/m^3")')
    eta_pump = frac(pump_efficiency, "pump_efficiency")
    K_cp = pos(cold_plate_loss_coefficient, "cold_plate_loss_coefficient", "", None, True)
    K_man = pos(manifold_loss_coefficient, "manifold_loss_coefficient", "", None, True)
    rough = pos(tube_roughness, "tube_roughness", "m", 'Q_(1.5, "um")', True)
    areal = pos(structure_areal_density, "structure_areal_density", "kg/m^2", 'Q_(1, "kg/m^2")', True)
    allowance = pos(inventory_allowance, "inventory_allowance", "", None, True)
    psm = pos(pump_specific_mass, "pump_specific_mass", "kg/W", 'Q_(0.01, "kg/W")', True)
    fm = pos(freeze_margin, "freeze_margin", "K", 'Q_(10, "K")', True)
    bm = pos(boil_margin, "boil_margin", "K", 'Q_(50, "K")', True)
    cold_frac = frac(cold_case_load_fraction, "cold_case_load_fraction", True)
    P_extra = pos(additional_heat, "additional_heat", "W", 'Q_(5, "kW")', True)
    lift = pos(heat_pump_lift, "heat_pump_lift", "K", 'Q_(30, "K")', True)
    f_hp = frac(heat_pump_carnot_fraction, "heat_pump_carnot_fraction")

    r = size_loop_si(c, LoopInputs(P, P_extra, Tj, R, A_cp, D_cp, Af_cp, K_cp, glide, eps, Ts_h, Ts_c, d_i, wall,
                                   pitch, v, t_fin, k_fin, rho_fin, rho_tube, areal, K_man, rough, allowance, eta_pump,
                                   psm, fm, bm, cold_frac, lift=lift, f_hp=f_hp))
    return loop_result(c, r)


def loop_result(c: mat.Coolant, r: dict) -> LoopResult:
    """Wrap the kernel's dict of SI arrays into a :class:`LoopResult` of Quantities."""
    flags = r["flags"]
    if flags.ndim == 0:
        reasons: Any = _reasons(int(flags), r, ())
    else:
        reasons = [_reasons(int(fl), r, idx) for idx, fl in np.ndenumerate(flags)]
    warnings = []
    if not np.all(r["properties_in_range"]):
        warnings.append(f"{c.name} properties were extrapolated outside their validity range for some temperatures")
    if not np.all(r["nusselt_in_range"]):
        warnings.append("radiator-tube Reynolds/Péclet numbers outside the stated range of the Nusselt correlation")
    values = {k: quantity(r[k], _SI[u]).to(u) for k, u in _UNITS.items()}
    feasible = flags == 0
    return LoopResult(coolant=c.name, feasible=bool(feasible) if feasible.ndim == 0 else feasible,
                      reasons=reasons, warnings=tuple(warnings), **values)
