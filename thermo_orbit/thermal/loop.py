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
from ..units import Q_, check_range, quantity, si_value
from . import correlations as cor
from .radiator import fin_efficiency_si, profile_number_si, radiator_area_si

__all__ = ["LoopResult", "size_thermal_loop", "FLAG_TEXT", "LIQUID_METALS",
    "size_loop_si",
]

#: coolants that use the liquid-metal Nusselt correlations
LIQUID_METALS = frozenset({"Na", "K", "NaK-78", "Li", "Ga", "Galinstan", "LBE"})

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

_ITERATIONS = 40
_FREE_FIRST = 5  # passes with the tube count free (cold start)
_FREE_EXTRA = 8
_NEWTON = 40


def _props(coolant: mat.Coolant, T: np.ndarray):
    """(ρ, c_p, k, μ) at T [K]; points outside the validity range are computed (the
    caller flags them)."""
    p = coolant.properties
    missing = [n for n in ("density", "specific_heat", "thermal_conductivity", "viscosity") if n not in p]
    if missing:
        raise InputError("coolant", coolant.name, "a coolant with cited density, specific heat, conductivity and viscosity",
                         f"coolant: {coolant.name} has no cited {', '.join(m.replace('_', ' ') for m in missing)} "
                         "in materials/coolants.toml, so its loop cannot be sized")
    return (p["density"].si(T), p["specific_heat"].si(T), p["thermal_conductivity"].si(T), p["viscosity"].si(T))


_INPUTS = ("P", "P_extra", "Tj", "R_jc", "A_cp", "D_cp", "A_flow_cp", "K_cp", "glide", "eps", "Ts_hot", "Ts_cold",
           "d_i", "wall", "pitch", "v_target", "t_fin", "k_fin", "rho_fin", "rho_tube", "areal_extra", "K_man",
           "roughness", "allowance", "eta_pump", "pump_specific_mass", "freeze_margin", "boil_margin",
           "cold_load_fraction")
_STEP_OUTPUTS = ("hp_runaway", "Q", "W_hp", "Q_rad", "mdot_r", "rho", "cp", "Pr", "mdot", "T_wall_cp", "dT_film_cp", "T_out", "v", "Re", "f", "Nu", "h",
                 "eta_fin", "eta_panel", "dT_film", "area", "L_tube", "dP_tubes", "dP_man", "dP_cp", "dP")


def _hot_step(coolant, liquid_metal, x: dict, P_pump, T_in, n_tubes, free_tubes: bool):
    """One pass of the hot-case loop equations for the given pump power and inlet guess
    (float64 arrays of the active designs).  Returns the outputs and the new pump power
    (unbounded) and inlet temperature."""
    P, glide = x["P"], x["glide"]
    d_i = x["d_i"]
    d_o = d_i + 2.0 * x["wall"]
    L_fin = 0.5 * (x["pitch"] - d_o)
    A_tube = 0.25 * np.pi * d_i**2
    T_wall_cp = x["Tj"] - P * x["R_jc"]
    T_mean = T_in - 0.5 * glide
    # heat pump between the chip loop and the radiator loop (optional): it lifts the
    # radiator by `lift` with COP = f T_L / lift (a fraction f of Carnot), W_hp = a Q;
    # power-system losses c (P + P_pump + W_hp) are heat in the loop too, so
    # Q = P_extra + (1 + c)(P + P_pump) + c a Q
    lift, c = x["lift"], x["c_loss"]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(lift > 0.0, lift / (x["f_hp"] * np.maximum(T_mean, 1.0)), 0.0)
    # c a >= 1: the losses of the heat pump's own work need more work than they free, so
    # no finite heat load closes the balance (heat-pump runaway, flagged by the caller)
    den = 1.0 - c * a
    Q = np.where(den > 0.0, (x["P_extra"] + (1.0 + c) * (P + P_pump)) / np.where(den > 0.0, den, 1.0), np.inf)
    rho, cp, k, mu = _props(coolant, np.maximum(T_mean, 1.0))
    Pr = cp * mu / k
    mdot = Q / (cp * glide)
    # cold plate film: the hottest coolant leaves the cold plate at T_in
    v_cp = mdot / (rho * x["A_flow_cp"])
    Re_cp = rho * v_cp * x["D_cp"] / mu
    f_cp = cor.friction_factor_darcy(Re_cp)
    h_cp = cor.nusselt(Re_cp, Pr, f_cp, liquid_metal) * k / x["D_cp"]
    dT_film_cp = P / (h_cp * x["A_cp"])
    T_in_new = T_wall_cp - dT_film_cp
    T_out = T_in_new - glide
    W_hp = a * Q  # the heat pump's work is rejected too
    Q_rad = Q + W_hp
    mdot_r = mdot * Q_rad / Q
    # radiator tubes: the count follows the target velocity while free, then stays fixed
    # (a whole number must not make the fixed point cycle)
    wanted = np.maximum(np.ceil(mdot_r / (rho * x["v_target"] * A_tube)), 1.0)
    n_tubes = np.where(free_tubes | np.isnan(n_tubes), wanted, n_tubes)
    v = mdot_r / (n_tubes * rho * A_tube)
    Re = rho * v * d_i / mu
    f = cor.friction_factor_darcy(Re, x["roughness"] / d_i)
    Nu = cor.nusselt(Re, Pr, f, liquid_metal)
    h = Nu * k / d_i
    T_base = np.maximum(0.5 * (T_in_new + T_out) + lift, 1.0)
    eps, Ts_hot = x["eps"], x["Ts_hot"]
    N = profile_number_si(L_fin, x["t_fin"], x["k_fin"], eps, T_base, 2.0)
    eta_fin = fin_efficiency_si(N, np.clip(Ts_hot / T_base, 0.0, 0.95))
    eta_panel = (d_o + 2.0 * L_fin * eta_fin) / x["pitch"]
    # film drop inside the tubes at the mean emitted flux (both faces, per tube pitch)
    q_pitch = 2.0 * eps * 5.670374419e-8 * eta_panel * x["pitch"] * (T_base**4 - Ts_hot**4)
    dT_film = np.maximum(q_pitch, 0.0) / (h * np.pi * d_i)
    area = radiator_area_si(Q_rad, T_in_new + lift - dT_film, T_out + lift - dT_film, eps, Ts_hot, eta_panel, 2.0)
    L_tube = area / (n_tubes * x["pitch"])
    dP_tubes = f * (L_tube / d_i) * 0.5 * rho * v**2
    dP_man = x["K_man"] * 0.5 * rho * v**2
    dP_cp = x["K_cp"] * 0.5 * rho * v_cp**2
    dP = dP_tubes + dP_man + dP_cp
    P_hyd = (mdot_r * (dP_tubes + dP_man) + mdot * dP_cp) / rho
    P_pump_new = np.where(np.isfinite(P_hyd), P_hyd / x["eta_pump"], 0.0)
    out = dict(hp_runaway=~(den > 0.0), Q=Q, W_hp=W_hp, Q_rad=Q_rad, mdot_r=mdot_r, rho=rho, cp=cp, Pr=Pr, mdot=mdot, T_wall_cp=T_wall_cp, dT_film_cp=dT_film_cp, T_out=T_out, v=v,
               Re=Re, f=f, Nu=Nu, h=h, eta_fin=eta_fin, eta_panel=eta_panel, dT_film=dT_film, area=area, L_tube=L_tube,
               dP_tubes=dP_tubes, dP_man=dP_man, dP_cp=dP_cp, dP=dP)
    return out, P_pump_new, T_in_new, n_tubes


def size_loop_si(coolant, liquid_metal, *args, state: dict | None = None, cold_case: bool = True,
                  free_tubes: bool = True, lift=0.0, carnot_fraction=1.0, loss_coefficient=0.0, eps_cold=None):
    """Kernel of :func:`size_thermal_loop` on float64 SI arrays (broadcast; [W], [K], [m],
    [kg/m³], ...), inputs in the order of ``_INPUTS``; the correlations are those of
    :mod:`thermo_orbit.thermal.correlations` (Lyon 1951, Gnielinski 1976) and the radiator
    of :func:`thermo_orbit.thermal.radiator.radiator_area` (Mackay 1963).

    The hot case is a fixed point in the pump power (and the inlet temperature through the
    properties): iterated with secant steps, only on the designs not yet converged.
    ``loss_coefficient`` c adds power-system losses proportional to the electrical load,
    c (P + P_pump + W_hp), to the heat the loop carries, inside the same fixed point.
    ``eps_cold`` is the emissivity of the cold case (default: ``eps``, the hot case's).
    ``state`` (the ``"state"`` of an earlier result) warm-starts it; with
    ``free_tubes=False`` it also keeps that result's tube count.  ``cold_case=False``
    skips the cold-case solve (the system fixed point does it once at the end).
    Returns a dict of arrays."""
    eps_cold = args[_INPUTS.index("eps")] if eps_cold is None else eps_cold
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in (*args, lift, carnot_fraction,
                                                                            loss_coefficient, eps_cold)))
    shape = arrays[0].shape
    x = {name: arr.ravel() for name, arr in zip((*_INPUTS, "lift", "f_hp", "c_loss", "eps_cold"), arrays)}
    n = x["P"].size
    P = x["P"]
    if state is None:
        P_pump = np.zeros(n)
        T_in = x["Tj"] - P * x["R_jc"]
        n_tubes = np.full(n, np.nan)
        free_iterations = _FREE_FIRST
    else:
        P_pump = np.broadcast_to(np.asarray(state["P_pump"], dtype=np.float64), shape).ravel().copy()
        T_in = np.broadcast_to(np.asarray(state["T_in"], dtype=np.float64), shape).ravel().copy()
        if free_tubes:
            n_tubes = np.full(n, np.nan)
            free_iterations = 2
        else:
            n_tubes = np.broadcast_to(np.asarray(state["n_tubes"], dtype=np.float64), shape).ravel().copy()
            free_iterations = 0
    P_prev = np.zeros(n)
    g_prev = np.zeros(n)
    runaway = np.zeros(n, dtype=bool)
    converged = np.zeros(n, dtype=bool)
    pump_residual = np.zeros(n)
    lo, hi = np.zeros(n), 0.5 * x["P"]  # bracket of the pump power's fixed point (tube count fixed)
    # the tube count follows the target velocity for the first passes, and on while it still
    # changes (at most _FREE_EXTRA passes more), then stays fixed so the iteration cannot cycle
    free_until = np.full(n, free_iterations)
    res = {name: np.empty(n) for name in _STEP_OUTPUTS}
    active = np.arange(n)
    xs = x
    for iteration in range(_ITERATIONS):
        idx = slice(None) if active.size == n else active  # a slice while all are active: views, no gathers
        free_a = iteration < free_until[idx]
        nt_old = n_tubes[idx].copy()
        out, P_new, T_new, nt = _hot_step(coolant, liquid_metal, xs, P_pump[idx], T_in[idx], nt_old, free_a)
        for name, val in out.items():
            res[name][idx] = val
        n_tubes[idx] = nt
        if free_iterations:
            moved = free_a & (nt != nt_old) & (iteration + 1 >= free_until[idx])
            free_until[idx] = np.where(moved & (iteration + 1 < free_iterations + _FREE_EXTRA), iteration + 2,
                                       free_until[idx])
        Ps = xs["P"]
        # Pump power grows like mdot^3 and mdot like P + P_pump: a stable operating point
        # has P_pump < P/2, and if the pump needs more than P/2 at some P_pump <= P/2 there
        # is none (the pumping runs away).  Iterates stay in [0, P/2].
        run = runaway[idx] | (P_new > 0.5 * Ps)
        P_new = np.minimum(P_new, 0.5 * Ps)
        cur = P_pump[idx]
        g = P_new - cur
        done = ((np.abs(g) <= 1e-11 * Ps + 1e-9) & (np.abs(T_new - T_in[idx]) <= 1e-9)) | run
        fixed = ~free_a  # tube count fixed: safeguarded secant steps on the pump power
        if np.any(fixed):
            lo_a = np.where(fixed & (g > 0.0), np.maximum(lo[idx], cur), lo[idx])
            hi_a = np.where(fixed & (g <= 0.0), np.minimum(hi[idx], cur), hi[idx])
            lo[idx], hi[idx] = lo_a, hi_a
            denom = g - g_prev[idx]
            with np.errstate(divide="ignore", invalid="ignore"):
                secant = cur - g * (cur - P_prev[idx]) / denom
            ok = np.isfinite(secant) & (secant > lo_a) & (secant < hi_a) & (denom != 0.0)
            # outside the bracket: a plain fixed-point step close to the root (round-off can
            # push the secant out), else bisect (toward P/2 when no root lies below: the runaway shows)
            near = (np.abs(g) <= 1e-6 * Ps) & (P_new >= lo_a) & (P_new <= hi_a)
            step = np.where(ok, secant, np.where(near, P_new, 0.5 * (lo_a + hi_a)))
            # the bracket has closed on the root to the tolerance (the residual may keep a
            # round-off-sized jump there, e.g. where a correlation switches regime)
            done |= (hi_a - lo_a <= 1e-11 * Ps + 1e-9) & (np.abs(T_new - T_in[idx]) <= 1e-9)
            step = np.where(fixed, step, P_new)
            done &= fixed  # never stop while the tube count is still free
        else:
            step = P_new
            done = np.zeros_like(done)
        P_prev[idx], g_prev[idx] = cur, g
        pump_residual[idx] = np.abs(g)
        P_pump[idx] = np.where(done, cur, step)
        T_in[idx] = T_new
        runaway[idx] = run
        converged[idx] = done
        if np.any(done):  # the active set shrinks: take its inputs once
            keep = ~done
            active = active[keep]
            if active.size == 0:
                break
            xs = {k: v[keep] for k, v in xs.items()}
    (P, P_extra, Tj, R_jc, A_cp, D_cp, A_flow_cp, K_cp, glide, eps, Ts_hot, Ts_cold, d_i, wall, pitch, v_target, t_fin,
     k_fin, rho_fin, rho_tube, areal_extra, K_man, roughness, allowance, eta_pump, pump_specific_mass,
     freeze_margin, boil_margin, cold_load_fraction) = (x[k] for k in _INPUTS)
    r = res
    Q, rho, cp, Pr, mdot, T_wall_cp, dT_film_cp = r["Q"], r["rho"], r["cp"], r["Pr"], r["mdot"], r["T_wall_cp"], r["dT_film_cp"]
    W_hp, Q_rad, mdot_r, lift = r["W_hp"], r["Q_rad"], r["mdot_r"], x["lift"]
    T_out, v, Re, f, Nu, h = r["T_out"], r["v"], r["Re"], r["f"], r["Nu"], r["h"]
    eta_fin, eta_panel, dT_film, area, L_tube = r["eta_fin"], r["eta_panel"], r["dT_film"], r["area"], r["L_tube"]
    dP_tubes, dP_man, dP_cp, dP = r["dP_tubes"], r["dP_man"], r["dP_cp"], r["dP"]
    T_in = T_out + glide  # the inlet the last pass computed (consistent with its outputs)
    eps_cold = x["eps_cold"]
    d_o = d_i + 2.0 * wall
    A_tube = 0.25 * np.pi * d_i**2
    T_melt = coolant.melting_point.to("K").magnitude
    T_boil = np.inf if coolant.boiling_point is None else coolant.boiling_point.to("K").magnitude

    # cold case: same flow, area and panel efficiency, cold sink; the loop settles where the
    # area rejects the (possibly reduced) load: bisection on the inlet temperature.
    Q_cold_chip = Q - (1.0 - cold_load_fraction) * P  # the rack at its cold-case load; pump, extra heat, losses kept
    Q_cold = Q_cold_chip + W_hp * Q_cold_chip / Q  # the heat pump keeps its lift and COP
    glide_cold = Q_cold / (mdot_r * cp)  # on the radiator side
    finite = np.isfinite(area)
    lo = Ts_cold + glide_cold + dT_film + 1e-6
    hi = np.maximum(T_in + lift, lo) + 500.0
    x = np.clip(T_in + lift, lo + 1e-3, hi)
    for _ in range(_NEWTON if cold_case else 0):
        a_x = radiator_area_si(Q_cold, x - dT_film, x - glide_cold - dT_film, eps_cold, Ts_cold, eta_panel, 2.0)
        residual = a_x - area
        if np.all(~np.isfinite(area) | (np.abs(residual) <= 1e-10 * area)):
            break
        lo = np.where(residual > 0, x, lo)  # too little area at x: the inlet must be hotter
        hi = np.where(residual > 0, hi, x)
        Tw_in, Tw_out = x - dT_film, x - glide_cold - dT_film
        slope = (Q_cold / np.maximum(glide_cold, 1e-12) / (eta_panel * eps_cold * 5.670374419e-8 * 2.0)) * (
            1.0 / (Tw_in**4 - Ts_cold**4) - 1.0 / (Tw_out**4 - Ts_cold**4))
        step = np.where(np.isfinite(residual) & (slope < 0), x - residual / slope, 0.5 * (lo + hi))
        x = np.where((step > lo) & (step < hi), step, 0.5 * (lo + hi))
    T_in_cold = np.where(finite & cold_case, x, np.nan) - lift  # back on the chip side
    T_out_cold = T_in_cold - Q_cold_chip / (mdot * cp)

    flags = np.zeros(P.shape, dtype=np.int64)
    flags |= np.where(~finite, FLAG_SINK, 0)
    flags |= np.where(T_in + lift <= Ts_hot, FLAG_CHIP, 0)
    flags |= np.where(T_out < T_melt + freeze_margin, FLAG_FROZEN_HOT, 0)
    flags |= np.where(finite & cold_case & (T_out_cold < T_melt + freeze_margin), FLAG_FROZEN_COLD, 0)
    if not coolant.pressurized:
        flags |= np.where(T_in > T_boil - boil_margin, FLAG_BOIL, 0)
    else:  # saturated-liquid data: the loop pressure is not modelled, so stay within the data
        T_top = min(prop.range_K[1] for prop in coolant.properties.values()) if coolant.properties else np.inf
        flags |= np.where(T_in > T_top, FLAG_PRESSURIZED_HOT, 0)
    flags |= np.where(~converged, FLAG_NO_CONVERGENCE, 0)
    flags |= np.where(runaway, FLAG_PUMP_RUNAWAY, 0)
    flags |= np.where(r["hp_runaway"] != 0, FLAG_HEAT_PUMP_RUNAWAY, 0)
    flags |= _heat_path_flags(flags, Tj, T_wall_cp, T_wall_cp - dT_film_cp, glide, lift, T_melt + freeze_margin, Ts_hot)

    volume_radiator = n_tubes * L_tube * A_tube
    volume = volume_radiator * (1.0 + allowance)
    m_coolant = rho * volume
    m_tubes = n_tubes * L_tube * 0.25 * np.pi * (d_o**2 - d_i**2) * rho_tube
    m_fins = rho_fin * t_fin * np.maximum(area - n_tubes * L_tube * d_o, 0.0)
    m_structure = areal_extra * area
    m_radiator = m_tubes + m_fins + m_structure + rho * volume_radiator
    m_pump = pump_specific_mass * P_pump
    valid_props = np.ones(P.shape, dtype=bool)
    for prop in coolant.properties.values():
        lo_K, hi_K = prop.range_K
        T_low = np.where(np.isfinite(T_out_cold), T_out_cold, T_out)
        valid_props &= (T_low >= lo_K) & (T_in <= hi_K)
    nusselt_ok = cor.nusselt_validity("lyon" if liquid_metal else "gnielinski", Re, Pr) | (Re < cor.LAMINAR_LIMIT)
    result = dict(
        heat_rejected=Q_rad, heat_pump_power=W_hp, heat_pump_lift=lift, radiator_mean_temperature=T_out + lift + 0.5 * glide,
        pump_electrical_power=P_pump, pump_hydraulic_power=P_pump * eta_pump,
        mass_flow=mdot, junction_temperature=Tj, cold_plate_wall_temperature=T_wall_cp,
        cold_plate_film_drop=dT_film_cp, radiator_inlet_temperature=T_in, radiator_outlet_temperature=T_out,
        radiator_film_drop=dT_film, sink_temperature_hot=Ts_hot, sink_temperature_cold=Ts_cold,
        cold_case_inlet_temperature=T_in_cold, cold_case_outlet_temperature=T_out_cold,
        freeze_margin=T_out_cold - T_melt, hot_freeze_margin=T_out - T_melt, boil_margin=T_boil - T_in,
        sink_margin=T_out + lift - Ts_hot,
        radiator_area=area, fin_efficiency=eta_fin, panel_efficiency=eta_panel, tube_count=n_tubes,
        tube_length=L_tube, velocity=v, reynolds=Re, prandtl=Pr, peclet=Re * Pr, nusselt=Nu,
        film_coefficient=h, friction_factor=f, pressure_drop=dP, pressure_drop_tubes=dP_tubes,
        pressure_drop_manifolds=dP_man, pressure_drop_cold_plate=dP_cp,
        coolant_volume=volume, coolant_mass=m_coolant, tube_mass=m_tubes, fin_mass=m_fins,
        structure_mass=m_structure, radiator_mass=m_radiator, pump_mass=m_pump,
        loop_mass=m_radiator + rho * (volume - volume_radiator) + m_pump,
        flags=flags, properties_in_range=valid_props, required_freeze_margin=freeze_margin, nusselt_in_range=nusselt_ok,
    )
    result["pump_power_residual"] = pump_residual
    _no_unphysical_sizes(result, T_out)
    result = {k: np.reshape(val, shape) for k, val in result.items()}
    result["iterations"] = iteration + 1
    result["state"] = {"P_pump": P_pump.reshape(shape), "T_in": T_in.reshape(shape), "n_tubes": n_tubes.reshape(shape)}
    return result


#: extensive results: positive numbers, or no number (NaN) on a row where they have no meaning
_SIZES = ("heat_rejected", "heat_pump_power", "pump_electrical_power", "pump_hydraulic_power", "mass_flow",
          "radiator_area", "tube_count", "tube_length", "pressure_drop", "pressure_drop_tubes",
          "pressure_drop_manifolds", "pressure_drop_cold_plate", "coolant_volume", "coolant_mass", "tube_mass",
          "fin_mass", "structure_mass", "radiator_mass", "pump_mass", "loop_mass")


def _no_unphysical_sizes(result: dict, T_out) -> None:
    """A design whose coolant would have to be at or below 0 K (a heat path that drops more
    than the junction limit) has no loop: its sizes become NaN (it is already flagged);
    any negative size likewise (never reported as a number)."""
    no_loop = ~(T_out > 0.0)
    for k in _SIZES:
        x = result[k]
        result[k] = np.where(no_loop | (x < 0.0), np.nan, x)


def _heat_path_flags(flags, T_junction, T_wall, T_in, glide, lift, T_freeze_limit, Ts_hot):
    """Name the first link of the heat path that fails, when the coolant is frozen or
    below its sink at the design point: the junction-to-cold-plate drop if the cold-plate
    wall itself leaves no room for the glide above the freeze limit and the sink, else the
    cold-plate film drop if the coolant it leaves does not."""
    cold_path = (flags & (FLAG_FROZEN_HOT | FLAG_SINK | FLAG_CHIP)) != 0

    def too_cold(T_hottest):
        return (T_hottest - glide < T_freeze_limit) | (T_hottest - glide + lift <= Ts_hot)

    # a junction limit itself too cold for the coolant (sodium under 85 degC chips) is the
    # coolant's constraint, not a link's
    cold_path &= ~too_cold(T_junction)
    junction = cold_path & too_cold(T_wall)
    film = cold_path & ~junction & too_cold(T_in)
    return np.where(junction, FLAG_JUNCTION, 0) | np.where(film, FLAG_FILM, 0)


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
    pump_mass="kg", loop_mass="kg",
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
        out.append(f"{FLAG_TEXT[FLAG_PUMP_RUNAWAY]}; pressure drop {val('pressure_drop') / 1e3:.0f} kPa")
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
        Target velocity in the radiator tubes; the tube count is rounded up from it.
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

    def pos(value, name, unit, example, allow_zero=False):
        x = si_value(value, name, unit, example)
        check_range(x, name, 0.0, None, unit, low_inclusive=allow_zero)
        return x

    def frac(value, name, allow_zero=False):
        x = si_value(value, name, "")
        check_range(x, name, 0.0, 1.0, "", low_inclusive=allow_zero)
        return x

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

    r = size_loop_si(c, c.name in LIQUID_METALS, P, P_extra, Tj, R, A_cp, D_cp, Af_cp, K_cp, glide, eps, Ts_h, Ts_c,
                      d_i, wall, pitch, v, t_fin, k_fin, rho_fin, rho_tube, areal, K_man, rough, allowance,
                      eta_pump, psm, fm, bm, cold_frac, lift=lift, carnot_fraction=f_hp)
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
