"""The loop sizing kernel on float64 SI arrays: the chain of :mod:`thermo_orbit.thermal.loop`
for many designs at once, with named inputs (:class:`LoopInputs`).

The hot case is a fixed point in the pump power (and the inlet temperature through the
properties), iterated with safeguarded secant steps on the designs not yet converged; the
cold case then finds where the same loop settles at the cold sink.  The correlations are
those of :mod:`thermo_orbit.thermal.correlations` (Lyon 1951, Gnielinski 1976) and the
radiator those of :mod:`thermo_orbit.thermal.radiator` (Mackay 1963, Lieblein 1959).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .. import materials as mat
from ..constants import STEFAN_BOLTZMANN
from ..constraints import Constraint
from ..errors import InputError
from . import correlations as cor
from .fins import fin_efficiency_si, panel_net_flux_si, profile_number_si
from .radiator import radiator_area_si

__all__ = ["LoopInputs", "size_loop_si", "coolant_properties_si"]

_SIGMA = STEFAN_BOLTZMANN.si
_ITERATIONS = 40
_FREE_FIRST = 5  # passes with the tube count free (cold start)
_FREE_EXTRA = 8
_NEWTON = 40


class LoopInputs(NamedTuple):
    """Inputs of :func:`size_loop_si`, each a float or a float64 array broadcasting over
    designs, in SI units."""

    P: object  #: rack heat, [W]
    P_extra: object  #: heat into the loop besides the racks, [W]
    Tj: object  #: junction limit, [K]
    R_jc: object  #: junction to cold-plate wall, all racks, [K/W]
    A_cp: object  #: cold-plate wetted area, [m²]
    D_cp: object  #: cold-plate hydraulic diameter, [m]
    A_flow_cp: object  #: cold-plate flow area, [m²]
    K_cp: object  #: cold-plate loss coefficient, [dimensionless]
    glide: object  #: coolant drop across the radiator, [K]
    eps: object  #: emissivity of the hot case, [dimensionless]
    Ts_hot: object  #: hot sink, [K]
    Ts_cold: object  #: cold sink, [K]
    d_i: object  #: tube inner diameter, [m]
    wall: object  #: tube wall, [m]
    pitch: object  #: tube pitch, [m]
    v_target: object  #: target velocity in the tubes, [m/s]
    t_fin: object  #: fin thickness, [m]
    k_fin: object  #: fin conductivity, [W/(m·K)]
    rho_fin: object  #: fin density, [kg/m³]
    rho_tube: object  #: tube density, [kg/m³]
    areal_extra: object  #: panel structure, [kg/m²]
    K_man: object  #: manifold loss coefficient, [dimensionless]
    roughness: object  #: tube roughness, [m]
    allowance: object  #: coolant outside the radiator tubes / tube volume, [dimensionless]
    eta_pump: object  #: pump wire-to-fluid efficiency, [dimensionless]
    pump_specific_mass: object  #: [kg/W]
    freeze_margin: object  #: required above the melting point, [K]
    boil_margin: object  #: required below the boiling point, [K]
    cold_load_fraction: object  #: rack load in the cold case / full, [dimensionless]
    lift: object = 0.0  #: heat-pump lift, [K]
    f_hp: object = 1.0  #: heat pump's fraction of Carnot, [dimensionless]
    c_loss: object = 0.0  #: power-system losses per watt of load, [dimensionless]
    eps_cold: object = None  #: emissivity of the cold case (default: ``eps``), [dimensionless]


def coolant_properties_si(coolant: mat.Coolant, T: np.ndarray):
    """(ρ [kg/m³], c_p [J/(kg·K)], k [W/(m·K)], μ [Pa·s]) of ``coolant`` at T [K], from its
    cited correlations (materials/coolants.toml); points outside the validity range are
    computed (the caller flags them)."""
    p = coolant.properties
    missing = [n for n in ("density", "specific_heat", "thermal_conductivity", "viscosity") if n not in p]
    if missing:
        raise InputError("coolant", coolant.name,
                         "a coolant with cited density, specific heat, conductivity and viscosity",
                         f"coolant: {coolant.name} has no cited {', '.join(m.replace('_', ' ') for m in missing)} "
                         "in materials/coolants.toml, so its loop cannot be sized")
    return (p["density"].si(T), p["specific_heat"].si(T), p["thermal_conductivity"].si(T), p["viscosity"].si(T))


def _heat_carried(x: dict, P_pump, T_mean):
    """Heat the loop carries and the heat pump's work per unit of it, a.  A heat pump between
    the chip loop and the radiator loop lifts the radiator by ``lift`` with COP = f T_L / lift
    (a fraction f of Carnot), W_hp = a Q; power-system losses c (P + P_pump + W_hp) are heat
    in the loop too, so Q = P_extra + (1 + c)(P + P_pump) + c a Q.  c a >= 1: the losses of
    the heat pump's own work need more work than they free, so no finite load closes the
    balance (heat-pump runaway: Q = inf)."""
    lift, c = x["lift"], x["c_loss"]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(lift > 0.0, lift / (x["f_hp"] * np.maximum(T_mean, 1.0)), 0.0)
    den = 1.0 - c * a
    Q = np.where(den > 0.0, (x["P_extra"] + (1.0 + c) * (x["P"] + P_pump)) / np.where(den > 0.0, den, 1.0), np.inf)
    return Q, a, ~(den > 0.0)


def _hot_pass(coolant, liquid_metal, x: dict, P_pump, T_in, n_tubes, free_tubes):
    """One pass of the hot-case loop equations for the given pump power and inlet guess
    (float64 arrays of the active designs).  Returns the outputs and the new pump power
    (unbounded), inlet temperature and tube count."""
    P, glide, d_i = x["P"], x["glide"], x["d_i"]
    d_o = d_i + 2.0 * x["wall"]
    L_fin = 0.5 * (x["pitch"] - d_o)
    A_tube = 0.25 * np.pi * d_i**2
    T_wall_cp = x["Tj"] - P * x["R_jc"]
    Q, a, hp_runaway = _heat_carried(x, P_pump, T_in - 0.5 * glide)
    rho, cp, k, mu = coolant_properties_si(coolant, np.maximum(T_in - 0.5 * glide, 1.0))
    Pr = cp * mu / k
    mdot = Q / (cp * glide)
    # cold plate film: the hottest coolant leaves the cold plate at T_in
    v_cp = mdot / (rho * x["A_flow_cp"])
    Re_cp = rho * v_cp * x["D_cp"] / mu
    h_cp = cor.nusselt(Re_cp, Pr, cor.friction_factor_darcy(Re_cp), liquid_metal) * k / x["D_cp"]
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
    lift, eps, Ts_hot = x["lift"], x["eps"], x["Ts_hot"]
    T_base = np.maximum(0.5 * (T_in_new + T_out) + lift, 1.0)
    N = profile_number_si(L_fin, x["t_fin"], x["k_fin"], eps, T_base, 2.0)
    eta_fin = fin_efficiency_si(N, np.clip(Ts_hot / T_base, 0.0, 0.95))
    eta_panel = (d_o + 2.0 * L_fin * eta_fin) / x["pitch"]
    # film drop inside the tubes at the mean emitted flux (both faces, per tube pitch)
    q_pitch = panel_net_flux_si(T_base, Ts_hot, eps, eta_panel, 2.0) * x["pitch"]
    dT_film = np.maximum(q_pitch, 0.0) / (h * np.pi * d_i)
    area = radiator_area_si(Q_rad, T_in_new + lift - dT_film, T_out + lift - dT_film, eps, Ts_hot, eta_panel, 2.0)
    L_tube = area / (n_tubes * x["pitch"])
    dP_tubes = f * (L_tube / d_i) * 0.5 * rho * v**2
    dP_man = x["K_man"] * 0.5 * rho * v**2
    dP_cp = x["K_cp"] * 0.5 * rho * v_cp**2
    P_hyd = (mdot_r * (dP_tubes + dP_man) + mdot * dP_cp) / rho
    P_pump_new = np.where(np.isfinite(P_hyd), P_hyd / x["eta_pump"], 0.0)
    out = dict(hp_runaway=hp_runaway, Q=Q, W_hp=W_hp, Q_rad=Q_rad, mdot_r=mdot_r, rho=rho, cp=cp, Pr=Pr, mdot=mdot,
               T_wall_cp=T_wall_cp, dT_film_cp=dT_film_cp, T_out=T_out, v=v, Re=Re, f=f, Nu=Nu, h=h, eta_fin=eta_fin,
               eta_panel=eta_panel, dT_film=dT_film, area=area, L_tube=L_tube, dP_tubes=dP_tubes, dP_man=dP_man,
               dP_cp=dP_cp, dP=dP_tubes + dP_man + dP_cp)
    return out, P_pump_new, T_in_new, n_tubes


_PASS_OUTPUTS = ("hp_runaway", "Q", "W_hp", "Q_rad", "mdot_r", "rho", "cp", "Pr", "mdot", "T_wall_cp", "dT_film_cp",
                 "T_out", "v", "Re", "f", "Nu", "h", "eta_fin", "eta_panel", "dT_film", "area", "L_tube", "dP_tubes",
                 "dP_man", "dP_cp", "dP")


class _PumpIteration:
    """State of the pump-power fixed point over n designs: iterate, secant history, the
    bracket [lo, hi] of the root (tube count fixed), and the results of the last pass."""

    def __init__(self, x: dict):
        n = x["P"].size
        self.P_pump = np.zeros(n)
        self.T_in = x["Tj"] - x["P"] * x["R_jc"]
        self.n_tubes = np.full(n, np.nan)
        self.P_prev, self.g_prev = np.zeros(n), np.zeros(n)
        self.runaway = np.zeros(n, dtype=bool)
        self.converged = np.zeros(n, dtype=bool)
        self.residual = np.zeros(n)
        self.lo, self.hi = np.zeros(n), 0.5 * x["P"]
        # the tube count follows the target velocity for the first passes, and on while it
        # still changes (at most _FREE_EXTRA passes more), then stays fixed so the iteration
        # cannot cycle
        self.free_until = np.full(n, _FREE_FIRST)
        self.res = {name: np.empty(n) for name in _PASS_OUTPUTS}

    def update(self, idx, iteration, free_a, P_new, T_new, Ps):
        """Record a pass's new pump power and inlet; returns the designs that are done."""
        # Pump power grows like mdot^3 and mdot like P + P_pump: a stable operating point
        # has P_pump < P/2, and if the pump needs more than P/2 at some P_pump <= P/2 there
        # is none (the pumping runs away).  Iterates stay in [0, P/2].
        run = self.runaway[idx] | (P_new > 0.5 * Ps)
        P_new = np.minimum(P_new, 0.5 * Ps)
        cur = self.P_pump[idx]
        g = P_new - cur
        still = np.abs(T_new - self.T_in[idx]) <= 1e-9
        done = ((np.abs(g) <= 1e-11 * Ps + 1e-9) & still) | run
        fixed = ~free_a  # tube count fixed: safeguarded secant steps on the pump power
        if np.any(fixed):
            step, closed = self._secant(idx, fixed, cur, g, P_new, Ps)
            done |= closed & still
            step = np.where(fixed, step, P_new)
            done &= fixed  # never stop while the tube count is still free
        else:
            step = P_new
            done = np.zeros_like(done)
        self.P_prev[idx], self.g_prev[idx] = cur, g
        self.residual[idx] = np.abs(g)
        self.P_pump[idx] = np.where(done, cur, step)
        self.T_in[idx] = T_new
        self.runaway[idx] = run
        self.converged[idx] = done
        return done

    def _secant(self, idx, fixed, cur, g, P_new, Ps):
        lo = np.where(fixed & (g > 0.0), np.maximum(self.lo[idx], cur), self.lo[idx])
        hi = np.where(fixed & (g <= 0.0), np.minimum(self.hi[idx], cur), self.hi[idx])
        self.lo[idx], self.hi[idx] = lo, hi
        denom = g - self.g_prev[idx]
        with np.errstate(divide="ignore", invalid="ignore"):
            secant = cur - g * (cur - self.P_prev[idx]) / denom
        ok = np.isfinite(secant) & (secant > lo) & (secant < hi) & (denom != 0.0)
        # outside the bracket: a plain fixed-point step close to the root (round-off can
        # push the secant out), else bisect (toward P/2 when no root lies below: the runaway shows)
        near = (np.abs(g) <= 1e-6 * Ps) & (P_new >= lo) & (P_new <= hi)
        step = np.where(ok, secant, np.where(near, P_new, 0.5 * (lo + hi)))
        # the bracket has closed on the root to the tolerance (the residual may keep a
        # round-off-sized jump there, e.g. where a correlation switches regime)
        return step, hi - lo <= 1e-11 * Ps + 1e-9


def _solve_hot_case(coolant, liquid_metal, x: dict) -> tuple[_PumpIteration, int]:
    """Iterate the hot case's fixed point on the designs not yet converged."""
    it = _PumpIteration(x)
    n = x["P"].size
    active = np.arange(n)
    xs = x
    iteration = 0
    for iteration in range(_ITERATIONS):
        idx = slice(None) if active.size == n else active  # a slice while all are active: views, no gathers
        free_a = iteration < it.free_until[idx]
        nt_old = it.n_tubes[idx].copy()
        out, P_new, T_new, nt = _hot_pass(coolant, liquid_metal, xs, it.P_pump[idx], it.T_in[idx], nt_old, free_a)
        for name, val in out.items():
            it.res[name][idx] = val
        it.n_tubes[idx] = nt
        moved = free_a & (nt != nt_old) & (iteration + 1 >= it.free_until[idx])
        it.free_until[idx] = np.where(moved & (iteration + 1 < _FREE_FIRST + _FREE_EXTRA), iteration + 2,
                                      it.free_until[idx])
        done = it.update(idx, iteration, free_a, P_new, T_new, xs["P"])
        if np.any(done):  # the active set shrinks: take its inputs once
            keep = ~done
            active = active[keep]
            if active.size == 0:
                break
            xs = {k: v[keep] for k, v in xs.items()}
    return it, iteration + 1


def _cold_case(x: dict, r: dict, T_in, cold_case: bool):
    """The same loop (flow, area, panel efficiency) at the cold sink: where the area rejects
    the (possibly reduced) load, by safeguarded Newton steps on the inlet temperature.
    Returns the chip-side inlet and outlet of the cold case [K] (NaN without it)."""
    Q, W_hp, cp, area, eta_panel, dT_film = r["Q"], r["W_hp"], r["cp"], r["area"], r["eta_panel"], r["dT_film"]
    lift, Ts_cold, eps_cold = x["lift"], x["Ts_cold"], x["eps_cold"]
    Q_cold_chip = Q - (1.0 - x["cold_load_fraction"]) * x["P"]  # the rack at its cold-case load; the rest kept
    Q_cold = Q_cold_chip + W_hp * Q_cold_chip / Q  # the heat pump keeps its lift and COP
    glide_cold = Q_cold / (r["mdot_r"] * cp)  # on the radiator side
    lo = Ts_cold + glide_cold + dT_film + 1e-6
    hi = np.maximum(T_in + lift, lo) + 500.0
    T = np.clip(T_in + lift, lo + 1e-3, hi)
    for _ in range(_NEWTON if cold_case else 0):
        residual = radiator_area_si(Q_cold, T - dT_film, T - glide_cold - dT_film, eps_cold, Ts_cold, eta_panel,
                                    2.0) - area
        if np.all(~np.isfinite(area) | (np.abs(residual) <= 1e-10 * area)):
            break
        lo = np.where(residual > 0, T, lo)  # too little area at T: the inlet must be hotter
        hi = np.where(residual > 0, hi, T)
        Tw_in, Tw_out = T - dT_film, T - glide_cold - dT_film
        # dA/dT of the area integral, ṁc_p (1/q(T_in) − 1/q(T_out)) with q = η ε σ 2 (T⁴ − T_s⁴) the
        # panel's net flux (fins.panel_net_flux_si), written with its coefficient outside (only
        # the Newton step's slope: the root is that of radiator_area_si)
        slope = (Q_cold / np.maximum(glide_cold, 1e-12) / (eta_panel * eps_cold * _SIGMA * 2.0)) * (
            1.0 / (Tw_in**4 - Ts_cold**4) - 1.0 / (Tw_out**4 - Ts_cold**4))
        step = np.where(np.isfinite(residual) & (slope < 0), T - residual / slope, 0.5 * (lo + hi))
        T = np.where((step > lo) & (step < hi), step, 0.5 * (lo + hi))
    T_in_cold = np.where(np.isfinite(area) & cold_case, T, np.nan) - lift  # back on the chip side
    return T_in_cold, T_in_cold - Q_cold_chip / (r["mdot"] * cp)


def _flags(coolant, x: dict, r: dict, it: _PumpIteration, T_in, T_out_cold, cold_case: bool):
    """The loop's failed constraints (:class:`thermo_orbit.constraints.Constraint`)."""
    T_melt = coolant.melting_point.to("K").magnitude
    T_out, lift, area = r["T_out"], x["lift"], r["area"]
    finite = np.isfinite(area)
    limit = T_melt + x["freeze_margin"]
    flags = np.zeros(x["P"].shape, dtype=np.int64)
    flags |= np.where(~finite, Constraint.SINK, 0)
    flags |= np.where(T_in + lift <= x["Ts_hot"], Constraint.CHIP, 0)
    flags |= np.where(T_out < limit, Constraint.FROZEN_HOT, 0)
    flags |= np.where(finite & cold_case & (T_out_cold < limit), Constraint.FROZEN_COLD, 0)
    if not coolant.pressurized:
        T_boil = np.inf if coolant.boiling_point is None else coolant.boiling_point.to("K").magnitude
        flags |= np.where(T_in > T_boil - x["boil_margin"], Constraint.BOIL, 0)
    else:  # saturated-liquid data: the loop pressure is not modelled, so stay within the data
        T_top = min(prop.range_K[1] for prop in coolant.properties.values()) if coolant.properties else np.inf
        flags |= np.where(T_in > T_top, Constraint.PRESSURIZED_HOT, 0)
    flags |= np.where(~it.converged, Constraint.LOOP_NOT_CONVERGED, 0)
    flags |= np.where(it.runaway, Constraint.PUMP_RUNAWAY, 0)
    flags |= np.where(r["hp_runaway"] != 0, Constraint.HEAT_PUMP_RUNAWAY, 0)
    flags |= _heat_path_flags(flags, x, r["T_wall_cp"], r["T_wall_cp"] - r["dT_film_cp"], limit)
    return flags


def _heat_path_flags(flags, x: dict, T_wall, T_in, T_freeze_limit):
    """Name the first link of the heat path that fails, when the coolant is frozen or
    below its sink at the design point: the junction-to-cold-plate drop if the cold-plate
    wall itself leaves no room for the glide above the freeze limit and the sink, else the
    cold-plate film drop if the coolant it leaves does not."""
    cold_path = (flags & (Constraint.FROZEN_HOT | Constraint.SINK | Constraint.CHIP)) != 0

    def too_cold(T_hottest):
        return (T_hottest - x["glide"] < T_freeze_limit) | (T_hottest - x["glide"] + x["lift"] <= x["Ts_hot"])

    # a junction limit itself too cold for the coolant (sodium under 85 degC chips) is the
    # coolant's constraint, not a link's
    cold_path &= ~too_cold(x["Tj"])
    junction = cold_path & too_cold(T_wall)
    film = cold_path & ~junction & too_cold(T_in)
    return np.where(junction, Constraint.JUNCTION_TO_COLD_PLATE, 0) | np.where(film, Constraint.COLD_PLATE_FILM, 0)


def _masses(coolant, x: dict, r: dict, n_tubes, P_pump):
    """Coolant volume and mass, tube, fin, structure, radiator and pump masses [kg]."""
    d_i, rho = x["d_i"], r["rho"]
    d_o = d_i + 2.0 * x["wall"]
    area, L_tube = r["area"], r["L_tube"]
    A_tube = 0.25 * np.pi * d_i**2
    volume_radiator = n_tubes * L_tube * A_tube
    volume = volume_radiator * (1.0 + x["allowance"])
    m_tubes = n_tubes * L_tube * 0.25 * np.pi * (d_o**2 - d_i**2) * x["rho_tube"]
    m_fins = x["rho_fin"] * x["t_fin"] * np.maximum(area - n_tubes * L_tube * d_o, 0.0)
    m_structure = x["areal_extra"] * area
    m_radiator = m_tubes + m_fins + m_structure + rho * volume_radiator
    m_pump = x["pump_specific_mass"] * P_pump
    return dict(coolant_volume=volume, coolant_mass=rho * volume, tube_mass=m_tubes, fin_mass=m_fins,
                structure_mass=m_structure, radiator_mass=m_radiator, pump_mass=m_pump,
                loop_mass=m_radiator + rho * (volume - volume_radiator) + m_pump)


def _validity(coolant, liquid_metal, r: dict, T_in, T_out_cold):
    """Where every property stayed inside its cited range, and the tube flow inside the
    Nusselt correlation's."""
    valid = np.ones(T_in.shape, dtype=bool)
    T_low = np.where(np.isfinite(T_out_cold), T_out_cold, r["T_out"])
    for prop in coolant.properties.values():
        lo_K, hi_K = prop.range_K
        valid &= (T_low >= lo_K) & (T_in <= hi_K)
    Re, Pr = r["Re"], r["Pr"]
    nusselt_ok = cor.nusselt_validity("lyon" if liquid_metal else "gnielinski", Re, Pr) | (Re < cor.LAMINAR_LIMIT)
    return valid, nusselt_ok


def size_loop_si(coolant, inputs: LoopInputs, *, cold_case: bool = True) -> dict:
    """Kernel of :func:`thermo_orbit.thermal.loop.size_thermal_loop` on float64 SI arrays
    (:class:`LoopInputs`: [W], [K], [m], [kg/m³], ..., broadcasting over designs); the
    correlations are those of :mod:`thermo_orbit.thermal.correlations` (Lyon 1951,
    Gnielinski 1976) and the radiator of :func:`thermo_orbit.thermal.radiator.radiator_area`
    (Mackay 1963).

    The hot case is a fixed point in the pump power (and the inlet temperature through the
    properties): iterated with secant steps, only on the designs not yet converged.
    ``c_loss`` adds power-system losses proportional to the electrical load,
    c (P + P_pump + W_hp), to the heat the loop carries, inside the same fixed point.
    ``cold_case=False`` skips the cold-case solve.  Returns a dict of SI arrays (the
    fields of :class:`thermo_orbit.thermal.loop.LoopResult`), ``flags``, ``iterations``."""
    inputs = inputs._replace(eps_cold=inputs.eps if inputs.eps_cold is None else inputs.eps_cold)
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in inputs))
    shape = arrays[0].shape
    x = {name: arr.ravel() for name, arr in zip(LoopInputs._fields, arrays)}
    liquid_metal = coolant.name in LIQUID_METALS
    it, iterations = _solve_hot_case(coolant, liquid_metal, x)
    r = it.res
    T_out, glide, lift = r["T_out"], x["glide"], x["lift"]
    T_in = T_out + glide  # the inlet the last pass computed (consistent with its outputs)
    T_in_cold, T_out_cold = _cold_case(x, r, T_in, cold_case)
    flags = _flags(coolant, x, r, it, T_in, T_out_cold, cold_case)
    valid_props, nusselt_ok = _validity(coolant, liquid_metal, r, T_in, T_out_cold)
    T_melt = coolant.melting_point.to("K").magnitude
    T_boil = np.inf if coolant.boiling_point is None else coolant.boiling_point.to("K").magnitude
    result = dict(
        heat_rejected=r["Q_rad"], heat_pump_power=r["W_hp"], heat_pump_lift=lift,
        radiator_mean_temperature=T_out + lift + 0.5 * glide,
        pump_electrical_power=it.P_pump, pump_hydraulic_power=it.P_pump * x["eta_pump"],
        mass_flow=r["mdot"], junction_temperature=x["Tj"], cold_plate_wall_temperature=r["T_wall_cp"],
        cold_plate_film_drop=r["dT_film_cp"], radiator_inlet_temperature=T_in, radiator_outlet_temperature=T_out,
        radiator_film_drop=r["dT_film"], sink_temperature_hot=x["Ts_hot"], sink_temperature_cold=x["Ts_cold"],
        cold_case_inlet_temperature=T_in_cold, cold_case_outlet_temperature=T_out_cold,
        freeze_margin=T_out_cold - T_melt, hot_freeze_margin=T_out - T_melt, boil_margin=T_boil - T_in,
        sink_margin=T_out + lift - x["Ts_hot"],
        radiator_area=r["area"], fin_efficiency=r["eta_fin"], panel_efficiency=r["eta_panel"], tube_count=it.n_tubes,
        tube_length=r["L_tube"], velocity=r["v"], reynolds=r["Re"], prandtl=r["Pr"], peclet=r["Re"] * r["Pr"],
        nusselt=r["Nu"], film_coefficient=r["h"], friction_factor=r["f"], pressure_drop=r["dP"],
        pressure_drop_tubes=r["dP_tubes"], pressure_drop_manifolds=r["dP_man"], pressure_drop_cold_plate=r["dP_cp"],
        **_masses(coolant, x, r, it.n_tubes, it.P_pump),
        flags=flags, properties_in_range=valid_props, required_freeze_margin=x["freeze_margin"],
        nusselt_in_range=nusselt_ok, pump_power_residual=it.residual,
    )
    _no_unphysical_sizes(result, T_out)
    result = {k: np.reshape(val, shape) for k, val in result.items()}
    result["iterations"] = iterations
    return result


#: coolants that use the liquid-metal Nusselt correlations
LIQUID_METALS = frozenset({"Na", "K", "NaK-78", "Li", "Ga", "Galinstan", "LBE"})

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
