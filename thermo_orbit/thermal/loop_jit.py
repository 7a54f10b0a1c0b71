"""The loop sizing kernel compiled per design (numba): the hot case with its tube count
(:mod:`thermo_orbit.thermal.loop_solve`), the cold case, the flags, the validity and the
masses of :mod:`thermo_orbit.thermal.loop_kernel`, fused in one loop over designs, so that
each design is sized by itself (the same answer alone or in any batch) and does only the
work its coolant needs (a liquid metal's cold plate takes no friction factor).

Physics: the chain of :mod:`thermo_orbit.thermal.loop` (Incropera et al. 2011, ch. 8;
Mackay 1963, ch. 9) through the compiled pass of :mod:`thermo_orbit.thermal.loop_pass`.
"""

from __future__ import annotations

import numpy as np

from ..constants import STEFAN_BOLTZMANN
from .loop_pass import (
    I_ALLOW,
    I_AREAL,
    I_BOIL,
    I_COLD_FRAC,
    I_D_I,
    I_EPS_COLD,
    I_ETA,
    I_FREEZE,
    I_GLIDE,
    I_LIFT,
    I_P,
    I_PSM,
    I_RHO_FIN,
    I_RHO_TUBE,
    I_T_FIN,
    I_TJ,
    I_TS_COLD,
    I_TS_HOT,
    I_WALL,
    N_INPUTS,
    N_PASS,
    R_AREA,
    R_CP,
    R_DP_CP,
    R_DP_MAN,
    R_DP_TUBES,
    R_DT_FILM,
    R_DT_FILM_CP,
    R_ETA_FIN,
    R_ETA_PANEL,
    R_F,
    R_H,
    R_HP_RUNAWAY,
    R_L_TUBE,
    R_MDOT,
    R_MDOT_R,
    R_N,
    R_NU,
    R_PR,
    R_Q,
    R_Q_RAD,
    R_RE,
    R_RHO,
    R_T_OUT,
    R_T_WALL_CP,
    R_V,
    R_W_HP,
    at_least,
    kernel_jit,
)
from .loop_solve import (
    NOT_CONVERGED,
    RUNAWAY,
    S_MARGIN,
    S_P,
    S_PASSES,
    S_STATUS,
    S_STEP,
    runaway_margin,
    solve_hot_case,
)
from .radiator import radiator_area_jit

__all__ = ["size_loops_jit", "OUTPUT_NAMES", "C_FIELDS", "N_INPUTS", "N_WORK"]

_SIGMA = STEFAN_BOLTZMANN.si
_COLD_NEWTON = 40
#: length of the work array of :func:`size_loops_jit`
N_WORK = N_INPUTS + N_PASS + 6

#: coolant constants (argument ``consts``): melting point [K], boiling point [K] (inf: none),
#: pressurized (1/0), top of the property data [K], liquid metal (1/0), the Nusselt
#: correlation's validity (Pe_min, Pe_max, Re_min, Re_max), laminar limit, then the four
#: property ranges (low, high) [K]
C_FIELDS = ("T_melt", "T_boil", "pressurized", "T_top", "liquid_metal", "Pe_min", "Pe_max", "Re_min", "Re_max",
            "Re_laminar", "rho_lo", "rho_hi", "cp_lo", "cp_hi", "k_lo", "k_hi", "mu_lo", "mu_hi")

#: the kernel's outputs, rows of ``out`` (the fields of LoopResult and the solver's record)
OUTPUT_NAMES = (
    "heat_rejected", "heat_pump_power", "heat_pump_lift", "radiator_mean_temperature", "pump_electrical_power",
    "pump_hydraulic_power", "mass_flow", "junction_temperature", "cold_plate_wall_temperature",
    "cold_plate_film_drop", "radiator_inlet_temperature", "radiator_outlet_temperature", "radiator_film_drop",
    "sink_temperature_hot", "sink_temperature_cold", "cold_case_inlet_temperature", "cold_case_outlet_temperature",
    "freeze_margin", "hot_freeze_margin", "boil_margin", "sink_margin", "radiator_area", "fin_efficiency",
    "panel_efficiency", "tube_count", "tube_length", "velocity", "reynolds", "prandtl", "peclet", "nusselt",
    "film_coefficient", "friction_factor", "pressure_drop", "pressure_drop_tubes", "pressure_drop_manifolds",
    "pressure_drop_cold_plate", "coolant_volume", "coolant_mass", "tube_mass", "fin_mass", "structure_mass",
    "radiator_mass", "pump_mass", "loop_mass", "properties_in_range", "required_freeze_margin", "nusselt_in_range",
    "pump_power_residual", "pump_runaway_margin", "passes", "continuous_tube_count")
(O_HEAT_REJECTED, O_HEAT_PUMP_POWER, O_LIFT, O_T_RAD_MEAN, O_PUMP, O_PUMP_HYD, O_MDOT, O_TJ, O_T_WALL_CP,
 O_DT_FILM_CP, O_T_IN, O_T_OUT, O_DT_FILM, O_TS_HOT, O_TS_COLD, O_T_IN_COLD, O_T_OUT_COLD, O_FREEZE, O_HOT_FREEZE,
 O_BOIL, O_SINK, O_AREA, O_ETA_FIN, O_ETA_PANEL, O_N, O_L_TUBE, O_V, O_RE, O_PR, O_PE, O_NU, O_H, O_F, O_DP,
 O_DP_TUBES, O_DP_MAN, O_DP_CP, O_VOLUME, O_COOLANT_MASS, O_TUBE_MASS, O_FIN_MASS, O_STRUCTURE_MASS, O_RADIATOR_MASS,
 O_PUMP_MASS, O_LOOP_MASS, O_PROPS_OK, O_FREEZE_REQUIRED, O_NUSSELT_OK, O_RESIDUAL, O_RUNAWAY_MARGIN, O_PASSES,
 O_N_CONT) = range(len(OUTPUT_NAMES))


@kernel_jit()
def _cold_case(x, r, T_in, cold_case):
    """The same loop (flow, area, panel efficiency) at the cold sink: where the area rejects
    the (possibly reduced) load, by safeguarded Newton steps on the inlet temperature.
    Returns the chip-side inlet and outlet of the cold case [K] (NaN without it)."""
    Q, W_hp, cp, area, eta_panel, dT_film = r[R_Q], r[R_W_HP], r[R_CP], r[R_AREA], r[R_ETA_PANEL], r[R_DT_FILM]
    lift, Ts_cold, eps_cold = x[I_LIFT], x[I_TS_COLD], x[I_EPS_COLD]
    Q_cold_chip = Q - (1.0 - x[I_COLD_FRAC]) * x[I_P]  # the rack at its cold-case load; the rest kept
    Q_cold = Q_cold_chip + W_hp * Q_cold_chip / Q  # the heat pump keeps its lift and COP
    glide_cold = Q_cold / (r[R_MDOT_R] * cp)  # on the radiator side
    lo = Ts_cold + glide_cold + dT_film + 1e-6
    hi = at_least(lo, T_in + lift) + 500.0
    # start from the isothermal panel at the mean wall temperature (Newton then needs 2 or 3 steps)
    T_wall = (Q_cold / (2.0 * eps_cold * _SIGMA * eta_panel * area) + Ts_cold**4) ** 0.25
    T = min(max(T_wall + dT_film + 0.5 * glide_cold, lo + 1e-3), hi)
    T = T if T == T else min(max(T_in + lift, lo + 1e-3), hi)
    finite = np.isfinite(area)
    for _ in range(_COLD_NEWTON if cold_case and finite else 0):
        residual = radiator_area_jit(Q_cold, T - dT_film, T - glide_cold - dT_film, eps_cold, Ts_cold, eta_panel,
                                     2.0) - area
        if abs(residual) <= 1e-10 * area:
            break
        if residual > 0:  # too little area at T: the inlet must be hotter
            lo = T
        else:
            hi = T
        Tw_in, Tw_out = T - dT_film, T - glide_cold - dT_film
        slope = (Q_cold / max(glide_cold, 1e-12) / (eta_panel * eps_cold * _SIGMA * 2.0)) * (
            1.0 / (Tw_in**4 - Ts_cold**4) - 1.0 / (Tw_out**4 - Ts_cold**4))
        step = T - residual / slope if np.isfinite(residual) and slope < 0 else 0.5 * (lo + hi)
        T = step if lo < step < hi else 0.5 * (lo + hi)
    T_in_cold = (T if finite and cold_case else np.nan) - lift  # back on the chip side
    return T_in_cold, T_in_cold - Q_cold_chip / (r[R_MDOT] * cp)


@kernel_jit()
def _too_cold(x, T_hottest, T_freeze_limit):
    return (T_hottest - x[I_GLIDE] < T_freeze_limit) or (T_hottest - x[I_GLIDE] + x[I_LIFT] <= x[I_TS_HOT])


@kernel_jit()
def _flags(x, r, consts, bits, status, T_in, T_out_cold, cold_case):
    """The loop's failed constraints (bits of :class:`thermo_orbit.constraints.Constraint`,
    passed in ``bits`` in the order of ``loop_kernel.FLAG_BITS``)."""
    T_out, area = r[R_T_OUT], r[R_AREA]
    finite = np.isfinite(area)
    limit = consts[0] + x[I_FREEZE]
    flags = 0
    flags |= bits[0] if not finite else 0
    flags |= bits[1] if T_in + x[I_LIFT] <= x[I_TS_HOT] else 0
    flags |= bits[2] if T_out < limit else 0
    flags |= bits[3] if finite and cold_case and T_out_cold < limit else 0
    if consts[2] == 0.0:
        flags |= bits[4] if T_in > consts[1] - x[I_BOIL] else 0
    else:  # saturated-liquid data: the loop pressure is not modelled, so stay within the data
        flags |= bits[5] if T_in > consts[3] else 0
    flags |= bits[6] if status == NOT_CONVERGED else 0
    flags |= bits[7] if status == RUNAWAY else 0
    flags |= bits[8] if r[R_HP_RUNAWAY] != 0.0 else 0
    # name the first link of the heat path that fails when the coolant is frozen or below
    # its sink: the junction-to-cold-plate drop if the wall itself leaves no room for the
    # glide above the freeze limit and the sink, else the cold-plate film drop; a junction
    # limit itself too cold for the coolant is the coolant's constraint, not a link's
    if flags & (bits[2] | bits[0] | bits[1]) and not _too_cold(x, x[I_TJ], limit):
        if _too_cold(x, r[R_T_WALL_CP], limit):
            flags |= bits[9]
        elif _too_cold(x, r[R_T_WALL_CP] - r[R_DT_FILM_CP], limit):
            flags |= bits[10]
    return flags


@kernel_jit()
def _validity(consts, r, T_in, T_out_cold):
    """(properties inside their cited ranges, tube flow inside the Nusselt correlation's
    range or laminar), as 1.0/0.0."""
    T_low = T_out_cold if np.isfinite(T_out_cold) else r[R_T_OUT]
    ok = True
    for i in range(4):
        ok = ok and T_low >= consts[10 + 2 * i] and T_in <= consts[11 + 2 * i]
    Re, Pe = r[R_RE], r[R_RE] * r[R_PR]
    nu_ok = (consts[5] <= Pe <= consts[6] and consts[7] <= Re <= consts[8]) or Re < consts[9]
    return 1.0 if ok else 0.0, 1.0 if nu_ok else 0.0


@kernel_jit()
def _masses(x, r, n, P_pump, o, d):
    """Coolant volume and mass, tube, fin, structure, radiator, pump and loop masses [kg]."""
    d_i, rho, area, L_tube = x[I_D_I], r[R_RHO], r[R_AREA], r[R_L_TUBE]
    d_o = d_i + 2.0 * x[I_WALL]
    volume_radiator = n * L_tube * 0.25 * np.pi * d_i**2
    volume = volume_radiator * (1.0 + x[I_ALLOW])
    m_tubes = n * L_tube * 0.25 * np.pi * (d_o**2 - d_i**2) * x[I_RHO_TUBE]
    m_fins = x[I_RHO_FIN] * x[I_T_FIN] * max(area - n * L_tube * d_o, 0.0)
    m_structure = x[I_AREAL] * area
    m_radiator = m_tubes + m_fins + m_structure + rho * volume_radiator
    m_pump = x[I_PSM] * P_pump
    o[O_VOLUME, d], o[O_COOLANT_MASS, d], o[O_TUBE_MASS, d], o[O_FIN_MASS, d] = volume, rho * volume, m_tubes, m_fins
    o[O_STRUCTURE_MASS, d], o[O_RADIATOR_MASS, d], o[O_PUMP_MASS, d] = m_structure, m_radiator, m_pump
    o[O_LOOP_MASS, d] = m_radiator + rho * (volume - volume_radiator) + m_pump


@kernel_jit()
def _outputs(x, r, st, n, n_cont, consts, T_in, T_in_cold, T_out_cold, o, d):
    """One design's column of ``out`` (rows :data:`OUTPUT_NAMES`, SI units)."""
    P_pump, T_out, lift, glide = st[S_P], r[R_T_OUT], x[I_LIFT], x[I_GLIDE]
    o[O_HEAT_REJECTED, d], o[O_HEAT_PUMP_POWER, d], o[O_LIFT, d] = r[R_Q_RAD], r[R_W_HP], lift
    o[O_T_RAD_MEAN, d], o[O_PUMP, d], o[O_PUMP_HYD, d] = T_out + lift + 0.5 * glide, P_pump, P_pump * x[I_ETA]
    o[O_MDOT, d], o[O_TJ, d] = r[R_MDOT], x[I_TJ]
    o[O_T_WALL_CP, d], o[O_DT_FILM_CP, d] = r[R_T_WALL_CP], r[R_DT_FILM_CP]
    o[O_T_IN, d], o[O_T_OUT, d], o[O_DT_FILM, d] = T_in, T_out, r[R_DT_FILM]
    o[O_TS_HOT, d], o[O_TS_COLD, d] = x[I_TS_HOT], x[I_TS_COLD]
    o[O_T_IN_COLD, d], o[O_T_OUT_COLD, d] = T_in_cold, T_out_cold
    o[O_FREEZE, d], o[O_HOT_FREEZE, d] = T_out_cold - consts[0], T_out - consts[0]
    o[O_BOIL, d], o[O_SINK, d] = consts[1] - T_in, T_out + lift - x[I_TS_HOT]
    o[O_AREA, d], o[O_ETA_FIN, d], o[O_ETA_PANEL, d] = r[R_AREA], r[R_ETA_FIN], r[R_ETA_PANEL]
    o[O_N, d], o[O_L_TUBE, d], o[O_V, d], o[O_RE, d], o[O_PR, d] = n, r[R_L_TUBE], r[R_V], r[R_RE], r[R_PR]
    o[O_PE, d], o[O_NU, d], o[O_H, d], o[O_F, d] = r[R_RE] * r[R_PR], r[R_NU], r[R_H], r[R_F]
    o[O_DP, d] = r[R_DP_TUBES] + r[R_DP_MAN] + r[R_DP_CP]
    o[O_DP_TUBES, d], o[O_DP_MAN, d], o[O_DP_CP, d] = r[R_DP_TUBES], r[R_DP_MAN], r[R_DP_CP]
    _masses(x, r, n, P_pump, o, d)
    o[O_PROPS_OK, d], o[O_NUSSELT_OK, d] = _validity(consts, r, T_in, T_out_cold)
    o[O_FREEZE_REQUIRED, d], o[O_RESIDUAL, d], o[O_PASSES, d], o[O_N_CONT, d] = x[I_FREEZE], st[S_STEP], \
        st[S_PASSES], n_cont
    o[O_RUNAWAY_MARGIN, d] = st[S_MARGIN] if st[S_STATUS] == RUNAWAY else runaway_margin(r, st, 0.5 * x[I_P])
    no_loop = not T_out > 0.0  # coolant at or below 0 K: no loop (already flagged); negative sizes likewise
    for i in _SIZES:
        if no_loop or o[i, d] < 0.0:
            o[i, d] = np.nan


#: extensive results: positive numbers, or no number (NaN) on a row where they have no meaning
_SIZES = (O_HEAT_REJECTED, O_HEAT_PUMP_POWER, O_PUMP, O_PUMP_HYD, O_MDOT, O_AREA, O_N, O_L_TUBE, O_DP, O_DP_TUBES,
          O_DP_MAN, O_DP_CP, O_VOLUME, O_COOLANT_MASS, O_TUBE_MASS, O_FIN_MASS, O_STRUCTURE_MASS, O_RADIATOR_MASS,
          O_PUMP_MASS, O_LOOP_MASS)


@kernel_jit()
def size_loops_jit(buf, offset, stride, co, consts, bits, cold_case, out, flags, work):
    """Size the loops of ``out.shape[1]`` designs, each by itself (compiled, numba).

    Parameters
    ----------
    buf, offset, stride : ndarray
        The N_INPUTS inputs (SI units, the order of ``LoopInputs``): input k of design d
        is ``buf[offset[k] + stride[k] * d]`` (stride 0: one value for all designs).
    co : tuple
        (header, segments, parameters) of the coolant's property program
        (:func:`thermo_orbit._forms.property_program`: ρ [kg/m³], c_p [J/(kg·K)],
        k [W/(m·K)], μ [Pa·s]), the fin table, quadrature nodes and weights
        (:mod:`thermo_orbit.thermal.fins`), and whether the coolant is a liquid metal.
    consts : ndarray
        The coolant's constants, :data:`C_FIELDS`.
    bits : ndarray
        Constraint bits: sink, chip, frozen hot, frozen cold, boil, pressurized hot, not
        converged, pump runaway, heat-pump runaway, junction-to-cold-plate, cold-plate film.
    cold_case : bool
    out : ndarray (len(OUTPUT_NAMES), n)
        Written: every output in SI units.
    flags : ndarray (n,) int64
        Written: the failed constraints.
    work : ndarray (N_WORK,)
        Scratch: the inputs, the pass's results and the solver's state of the design at hand.
    """
    x, r, st = work[:N_INPUTS], work[N_INPUTS:N_INPUTS + N_PASS], work[N_INPUTS + N_PASS:]
    for d in range(out.shape[1]):
        for k in range(N_INPUTS):
            x[k] = buf[offset[k] + stride[k] * d]
        n_cont = solve_hot_case(x, co, r, st)
        n = r[R_N]
        T_in = r[R_T_OUT] + x[I_GLIDE]  # the inlet the last pass computed (consistent with its outputs)
        T_in_cold, T_out_cold = _cold_case(x, r, T_in, cold_case)
        flags[d] = _flags(x, r, consts, bits, st[S_STATUS], T_in, T_out_cold, cold_case)
        _outputs(x, r, st, n, n_cont, consts, T_in, T_in_cold, T_out_cold, out, d)
