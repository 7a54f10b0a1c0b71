"""Coupled heat and power balance over one orbit, at its periodic steady state.

Nodes (state, per design): the rack with its cold plates, ``n_segments`` radiator panel
segments along the coolant flow, the battery, the solar array, and the battery's state of
charge.  The coolant is quasi-steady: its transit through a segment (about a second) is far
shorter than any node's time constant (minutes to hours), so each segment's outlet follows
from its inlet and panel temperature,

    T_out,i = T_p,i + (T_in,i − T_p,i) exp(−UA_i / ṁc_p),

and the coolant's heat capacity is lumped into the node it sits in.  The outlet of the last
segment returns to the cold plate, which is a heat exchanger with the rack node.

Forcing along the orbit (phase from orbit noon): the Sun's visible fraction with penumbra,
direct sun on array and radiator faces with incidence, albedo with the sub-satellite solar
zenith angle, Earth infrared (:mod:`thermo_orbit.environment`).

Power: the array (efficiency from its own temperature, end of life) feeds the bus through
the daylight path efficiency; the loads are rack, pump and survival heater; a surplus
charges the battery (charge efficiency, tapering to zero at full charge, the rest shunted);
a deficit discharges it (discharge and transmission efficiencies).  The heater is a
proportional thermostat on the coldest coolant (full power at and below the set point =
melting point + freeze margin, falling linearly to zero ``thermal.survival_heater_band`` above it;
capacity ``thermal.survival_heater_fraction`` of the rack power, both design fields), drawing
from the bus.  It is proportional on
purpose: an on/off thermostat with hysteresis, once it cycles, sets up its own limit cycle
whose period is not the orbit's, so no periodic orbit exists for shooting to find (tried:
Newton then stalls at a few kelvin).  The proportional heater gives the orbit-average power
an on/off one would draw; :func:`simulate_thermostat` marches a real on/off thermostat with
hysteresis over several orbits from the periodic state, for its duty, switchings, coldest
coolant and how far from repeating the orbit is.

The periodic state is found by shooting: Newton's method on x ↦ Φ(x) − x, Φ the state after
one orbit from a fixed-step 4th-order Runge–Kutta integration, the Jacobian by finite
differences integrated alongside (vectorised over designs and perturbations).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from . import environment as env
from . import orbit as orb
from . import materials as mat
from .constraints import Constraint
from .constants import CELL_REFERENCE_TEMPERATURE, EARTH_RADIUS, STEFAN_BOLTZMANN
from .errors import InputError
from .results import ResultMixin
from .thermal import radiator as rad
from .units import Q_, si_value

__all__ = ["TransientModel", "build_model", "periodic_orbit", "OrbitSimulation", "simulate_orbit",
           "ThermostatSimulation", "simulate_thermostat"]

_SIGMA = STEFAN_BOLTZMANN.si


@dataclass
class TransientModel:
    """Parameters of the orbit model on SI float arrays, one entry per design (shape (D,)).

    Derived columns and the orbit's forcing are cached on the instance at its first solve:
    set a model's fields before solving it, not after."""

    names: list
    n_segments: int
    period: np.ndarray
    a: np.ndarray  # orbit radius, m
    beta: np.ndarray  # rad
    S: np.ndarray
    albedo: np.ndarray
    olr: np.ndarray
    # rack and cold plate
    P_rack: np.ndarray
    P_pump: np.ndarray
    C_rack: np.ndarray
    ntu_cp: np.ndarray  # hA/(mdot cp) of the cold plate
    mcp: np.ndarray  # mdot cp, W/K
    # radiator (per segment, equal segments)
    A_seg: np.ndarray  # planform area of a segment, m^2
    C_seg: np.ndarray  # heat capacity of a segment with its coolant, J/K
    ntu_seg: np.ndarray  # UA/(mdot cp) per segment
    eta_panel: np.ndarray
    eps_rad: np.ndarray
    alpha_rad: np.ndarray
    orientation: str
    # battery
    E_cap: np.ndarray  # J
    C_bat: np.ndarray
    G_bat: np.ndarray  # battery to its thermal control, W/K
    T_bat_control: np.ndarray  # the battery thermal control's temperature, K
    T_bat_range: np.ndarray  # allowed operating range (D, 2), K
    eta_c: np.ndarray
    eta_d: np.ndarray
    eta_t: np.ndarray
    dod_allowed: np.ndarray
    # array
    A_arr: np.ndarray
    C_arr: np.ndarray
    eta_ref: np.ndarray
    gamma: np.ndarray
    T_ref: np.ndarray
    pf: np.ndarray
    degr: np.ndarray  # I_d * L_d
    alpha_arr: np.ndarray
    eps_f: np.ndarray
    eps_b: np.ndarray
    X_d: np.ndarray
    pointing: str
    # heater
    T_set: np.ndarray
    P_heater_max: np.ndarray
    heater_band: np.ndarray
    T_melt: np.ndarray

    @property
    def n_state(self) -> int:
        """State variables per design: rack, the radiator segments, battery, array, state of charge."""
        return self.n_segments + 4  # rack, segments, battery, array, SOC


def _specific_heat(v: dict, path: str) -> float:
    """Specific heat [J/(kg·K)] of the structure material named at ``path``, from its cited
    entry in materials/structures.toml."""
    record = mat.structure(v[path])
    if "specific_heat" not in record.values:
        raise InputError(path, v[path], "a structure material with a cited specific heat",
                         f"{path}: {v[path]} has no cited specific heat in materials/structures.toml, so its "
                         "heat capacity in the orbit transient is unknown; use one that has (Al6061, SS316)")
    return float(record["specific_heat"].to("J/(kg*K)").magnitude)


def _stack(values):
    return np.asarray(values, dtype=np.float64)


def build_model(designs, results=None, *, case: str = "cold", beta=None, n_segments: int = 8,
                heater_power=None) -> TransientModel:
    """Build the orbit model of one design or a list of designs from their sizing.

    Parameters
    ----------
    designs : Design or list of Design
    results : SystemResult or list, optional
        Their sizing (computed when not given).
    case : {"cold", "hot", "nominal"}
        Environment case; the cold case (beginning-of-life coating) is where coolant
        freezes, the hot case (end-of-life coating) where chips run hottest.
    beta : Quantity, optional
        β angle, [angle]; default: the β of the longest eclipse of the design's year.
    n_segments : int
        Radiator segments along the flow.
    heater_power : Quantity, optional
        Survival heater capacity, [power]; default ``thermal.survival_heater_fraction`` of the rack power.

    Returns
    -------
    TransientModel
        Parameters on SI float arrays ([W], [K], [J/K], [m²], [s]), one entry per design.
    """
    from .system import Design, resolve_inputs, size_steady as size
    from .units import magnitude as _si

    single = isinstance(designs, Design)
    designs = [designs] if single else list(designs)
    if results is None:
        results = [size(d) for d in designs]
    elif single:
        results = [results]
    if not 1 <= int(n_segments) <= 200:
        raise InputError("n_segments", n_segments, "a whole number from 1 to 200")
    rows = []
    orientation = pointing = None
    for d, r in zip(designs, results):
        v = resolve_inputs(d)
        o = d.orbit()
        if beta is not None:
            b = float(orb.check_beta(beta))
        else:  # the beta of the longest eclipse of the year, from the sizing
            b = float(r.orbit["beta_of_longest_eclipse"].to("rad").magnitude)
        e = env.design_case(case, standard=v["orbit.environment"])
        lp = r.loop
        mdot = float(lp.mass_flow.to("kg/s").magnitude)
        coolant = v["coolant"]
        T_mean = float(lp.radiator_outlet_temperature.to("K").magnitude) + 0.5 * float(v["thermal.radiator_glide"].to("K").magnitude)
        cp = float(coolant.properties["specific_heat"].si(np.array(T_mean)))
        mcp = mdot * cp
        area = float(lp.radiator_area.to("m^2").magnitude)
        n_t = float(lp.tube_count.magnitude)
        L_t = float(lp.tube_length.to("m").magnitude)
        d_i = float(v["radiator.tube_inner_diameter"].to("m").magnitude)
        h = float(lp.film_coefficient.to("W/(m^2*K)").magnitude)
        UA_total = h * np.pi * d_i * L_t * n_t
        c_fin = _specific_heat(v, "radiator.fin_material")
        c_tube = _specific_heat(v, "radiator.tube_material")
        # the panel structure (face sheets, honeycomb) is taken at the fin material's specific heat
        C_radiator = (float(lp.fin_mass.magnitude) * c_fin + float(lp.tube_mass.magnitude) * c_tube
                      + float(lp.structure_mass.magnitude) * c_fin
                      + float(lp.coolant_mass.magnitude) / (1.0 + float(v["thermal.inventory_allowance"].magnitude)) * cp)
        C_coolant_rest = float(lp.coolant_mass.magnitude) * cp - (
            float(lp.coolant_mass.magnitude) / (1.0 + float(v["thermal.inventory_allowance"].magnitude)) * cp)
        n_racks = v["rack.count"]
        C_rack = float((v["rack.mass"] * n_racks).to("kg").magnitude) * float(v["rack.specific_heat"].to("J/(kg*K)").magnitude) + C_coolant_rest
        # cold plate: NTU from the wall-to-coolant drop of the sizing, P/(hA) = dT_film_cp
        dT_cp = max(float(lp.cold_plate_film_drop.to("K").magnitude), 1e-6)
        hA_cp = float(r.power_budget["rack_power"].to("W").magnitude) / dT_cp
        bat = r.battery
        arr = r.solar_array
        P_rack = float(r.power_budget["rack_power"].to("W").magnitude)
        heater = (float(v["thermal.survival_heater_fraction"].magnitude) * P_rack if heater_power is None
                  else float(heater_power.to("W").magnitude))
        coating = {"nominal": (_si(v["radiator.absorptance"], ""), _si(v["radiator.emissivity"], ""))}
        coating["hot"], coating["cold"] = rad.coating_worst_cases(*(_si(v[k], "") for k in (
            "radiator.absorptance", "radiator.emissivity", "radiator.absorptance_eol", "radiator.emissivity_eol")))
        coat_alpha, coat_eps = coating[case]
        rows.append(dict(
            period=float(r.orbit["period"].to("s").magnitude), a=float(EARTH_RADIUS.si + o.altitude.to("m").magnitude),
            beta=b, S=float(e.solar_flux.to("W/m^2").magnitude), albedo=float(e.albedo.magnitude),
            olr=float(e.earth_ir.to("W/m^2").magnitude),
            P_rack=P_rack, P_pump=float(lp.pump_electrical_power.to("W").magnitude), C_rack=C_rack,
            ntu_cp=hA_cp / mcp, mcp=mcp,
            A_seg=area / n_segments, C_seg=C_radiator / n_segments, ntu_seg=UA_total / mcp / n_segments,
            eta_panel=float(lp.panel_efficiency.magnitude), eps_rad=coat_eps, alpha_rad=coat_alpha,
            E_cap=float(bat.capacity.to("J").magnitude),
            C_bat=float(bat.mass.to("kg").magnitude) * float(v["power.battery_specific_heat"].to("J/(kg*K)").magnitude),
            G_bat=(float(v["power.battery_conductance"].to("W/K").magnitude)
                   if v.get("power.battery_conductance") is not None else
                   float((v["power.battery_conductance_per_capacity"] * bat.capacity).to("W/K").magnitude)),
            T_bat_control=float(v["power.battery_control_temperature"].to("K").magnitude),
            T_bat_range=_battery_range(v),
            eta_c=_si(v["power.battery_charge_efficiency"], ""), eta_d=_si(v["power.battery_discharge_efficiency"], ""),
            eta_t=_si(v["power.transmission_efficiency"], ""), dod_allowed=float(bat.depth_of_discharge.magnitude),
            A_arr=float(arr.area.to("m^2").magnitude),
            C_arr=float(arr.mass.to("kg").magnitude) * float(v["power.array_specific_heat"].to("J/(kg*K)").magnitude),
            eta_ref=_si(v["power.cell_efficiency"], ""), gamma=float(v["power.cell_temperature_coefficient"].to("1/K").magnitude),
            T_ref=CELL_REFERENCE_TEMPERATURE.si, pf=_si(v["power.packing_factor"], ""),
            degr=float(arr.inherent_degradation.magnitude) * float(arr.lifetime_degradation.magnitude),
            alpha_arr=_si(v["power.cell_absorptance"], ""), eps_f=_si(v["power.cell_emissivity"], ""),
            eps_b=_si(v["power.array_back_emissivity"], ""), X_d=float(arr.path_efficiency_daylight.magnitude),
            T_set=float(coolant.melting_point.to("K").magnitude) + float(v["thermal.freeze_margin"].to("K").magnitude),
            P_heater_max=heater, heater_band=float(v["thermal.survival_heater_band"].to("K").magnitude),
            T_melt=float(coolant.melting_point.to("K").magnitude),
        ))
        if orientation not in (None, v["radiator.orientation"]) or pointing not in (None, v["power.pointing"]):
            raise InputError("designs", d.name, "designs with the same radiator orientation and array pointing")
        orientation, pointing = v["radiator.orientation"], v["power.pointing"]
        if pointing == "fixed":
            raise InputError("power.pointing", pointing, "sun_tracking or single_axis for the transient (fixed: not yet)")
        if orientation == "tilted":
            raise InputError("radiator.orientation", orientation, "edge_on, nadir or orbit_normal for the transient")
    cols = {k: _stack([row[k] for row in rows]) for k in rows[0]}
    return TransientModel(names=[d.name for d in designs], n_segments=int(n_segments), orientation=orientation,
                          pointing=pointing, **cols)


def _battery_range(v):
    """The chemistry's cited operating temperature range [K], or (−inf, inf) if none."""
    from . import materials as mat

    rec = mat.battery_chemistry(v["power.battery"])
    for key in ("operating_temperature", "discharge_temperature"):
        if key in rec.values:
            lo, hi = rec[key].to("K").magnitude
            return [float(lo), float(hi)]
    return [-np.inf, np.inf]


# --------------------------------------------------------------------------- forcing

def _forcing(m: TransientModel, u: np.ndarray) -> dict:
    """Environmental forcing at phases ``u`` (shape (D, K)): absorbed fluxes per unit area
    of radiator (both faces) and array, sunlit fraction, array incidence cosine."""
    a, b = m.a[:, None], m.beta[:, None]
    S, alb, olr = m.S[:, None], m.albedo[:, None], m.olr[:, None]
    lit = orb.sunlit_fraction_si(a, b, u)
    tA, azA = rad.attitude_si(m.orientation, b, u)
    qa = sum(env.absorbed_flux_si(a, b, u, tA, azA, m.alpha_rad[:, None], m.eps_rad[:, None], S, alb, olr,
                                   lit=lit))
    qb = sum(env.absorbed_flux_si(a, b, u, np.pi - tA, azA + np.pi, m.alpha_rad[:, None], m.eps_rad[:, None],
                                   S, alb, olr, lit=lit))
    from .power.solar_array import pointing_si

    tf, azf, cos_inc = pointing_si(m.pointing, b, u)
    af, ef, eb = m.alpha_arr[:, None], m.eps_f[:, None], m.eps_b[:, None]
    q_arr = (sum(env.absorbed_flux_si(a, b, u, tf, azf, af, ef, S, alb, olr, lit=lit))
             + sum(env.absorbed_flux_si(a, b, u, np.pi - tf, azf + np.pi, af, eb, S, alb, olr, lit=lit)))
    sun_cells = S * lit * np.maximum(cos_inc, 0.0)
    return dict(q_rad=qa + qb, q_arr=q_arr, sun_cells=sun_cells, lit=lit)


#: per-design fields the forcing depends on (with the model's orientation and pointing)
_FORCING_FIELDS = ("a", "beta", "S", "albedo", "olr", "alpha_rad", "eps_rad", "alpha_arr", "eps_f", "eps_b")


def _orbit_forcing(m: TransientModel, steps: int):
    """The forcing at the step starts and midpoints of one orbit, cached on the model
    (every shooting iteration integrates the same orbit) and computed once per distinct
    orbit and set of surface properties.  Returns (forcing dict of (U, 2 steps + 1)
    arrays, index (D,) of each design's row, or None when U = D)."""
    cache = m.__dict__.setdefault("_column_cache", {})
    key = ("forcing", steps)
    if key not in cache:
        u_nodes = np.linspace(0.0, 2 * np.pi, 2 * steps + 1)
        inputs = np.column_stack([np.asarray(getattr(m, name), dtype=np.float64) for name in _FORCING_FIELDS])
        distinct, first, which = np.unique(inputs, axis=0, return_index=True, return_inverse=True)
        rows = first if distinct.shape[0] < inputs.shape[0] else np.arange(inputs.shape[0])
        blocks = []  # a few hundred orbits at a time: the temporaries stay in cache
        for start in range(0, rows.size, _FORCING_BLOCK):
            block = rows[start:start + _FORCING_BLOCK]
            blocks.append(_forcing(_take(m, block), np.broadcast_to(u_nodes, (block.size, u_nodes.size))))
        F = {k: np.concatenate([b[k] for b in blocks]) for k in blocks[0]}
        cache[key] = (F, np.asarray(which).ravel() if rows is first else None)
    return cache[key]


_FORCING_BLOCK = 256


# --------------------------------------------------------------------------- model

def _segment_factors(m: TransientModel):
    """k = exp(−NTU per segment) as a (D, 1) column and k^(i+1) for i = 0..N−1, (D, N)
    (cached per model)."""
    cache = m.__dict__.setdefault("_column_cache", {})
    if "_seg" not in cache:
        k = np.exp(-m.ntu_seg)
        cache["_seg"] = (k[:, None], k[:, None] ** (np.arange(m.n_segments)[None, :] + 1.0))
    return cache["_seg"]


def _coolant_temperatures(m: TransientModel, T_rack, T_p, P_pump):
    """Quasi-steady coolant around the loop: (T at the cold-plate outlet, the outlet of each
    radiator segment).  Shapes: T_rack (D, P), T_p (D, P, N).

    Segment i: T_c,i = T_p,i (1 − k) + k T_c,i−1, so T_c,i = k^(i+1) T_c,0 + (the outlets
    with T_c,0 = 0); the cold plate closes the loop: T_c,0 = T_r − (T_r − T_c,N) e^(−NTU_cp)
    + P_pump/ṁc_p."""
    k, powers = _segment_factors(m)
    from_panels = np.empty_like(T_p)  # the outlets with T_c,0 = 0, by the recurrence
    prev = None
    for i in range(T_p.shape[-1]):
        prev = T_p[..., i] * (1.0 - k) if prev is None else T_p[..., i] * (1.0 - k) + k * prev
        from_panels[..., i] = prev
    A = from_panels[..., -1]
    B = powers[:, -1][:, None]
    ecp = np.exp(-m.ntu_cp)[:, None]
    C = T_rack * (1 - ecp) + P_pump / m.mcp[:, None]
    T0 = (C + ecp * A) / (1 - ecp * B)
    return T0, from_panels + powers[:, None, :] * T0[..., None]


def _bcast(param, like):
    """A per-design parameter (D,) shaped to broadcast against a state of shape (D, ...) or (D,)."""
    p = np.asarray(param)
    return p.reshape(p.shape + (1,) * (np.ndim(like) - 1))


def _rhs(m: TransientModel, x, f: dict, heater_on=None, flows: bool = True):
    """Time derivatives of the state x (shape (D, P, n)) under forcing f (each (D, 1)).
    Returns (dx, flows) where flows are the node power terms for the energy bookkeeping
    (None with ``flows=False``).
    ``heater_on`` (shape (D, P), 0 or 1) replaces the proportional heater by an on/off one."""
    N = m.n_segments
    T_r, T_p, T_b, T_a, soc = x[..., 0], x[..., 1:1 + N], x[..., 1 + N], x[..., 2 + N], x[..., 3 + N]
    cache = m.__dict__.setdefault("_column_cache", {})

    def P(name):  # a per-design parameter as a (D, 1) column against states (D, P)
        col = cache.get(name)
        if col is None:
            col = cache[name] = getattr(m, name)[:, None]
        return col
    # heater on the coldest coolant (the last segment's outlet)
    T0, Tc = _coolant_temperatures(m, T_r, T_p, P("P_pump"))
    T_cmin = Tc[..., -1]
    if heater_on is None:
        heater = P("P_heater_max") * np.clip((P("T_set") + P("heater_band") - T_cmin) / P("heater_band"), 0.0, 1.0)
    else:
        heater = P("P_heater_max") * heater_on
    # array
    eta = P("eta_ref") * (1.0 + P("gamma") * (T_a - P("T_ref"))) * P("degr")
    P_avail = np.maximum(eta, 0.0) * P("pf") * f["sun_cells"] * P("A_arr")
    load = P("P_rack") + P("P_pump") + heater
    bus = P_avail * P("X_d")
    surplus = bus - load
    taper = np.clip((1.0 - soc) / 0.002, 0.0, 1.0)
    charge = np.maximum(surplus, 0.0) * taper  # into the battery terminals
    discharge = np.maximum(-surplus, 0.0) / P("eta_t")  # from the battery terminals
    drawn = np.minimum(P_avail, (load + charge) / P("X_d"))  # what the array actually delivers
    dE = charge * P("eta_c") - discharge / P("eta_d")
    bat_loss = charge * (1.0 - P("eta_c")) + discharge * (1.0 / P("eta_d") - 1.0)
    reg_loss = drawn * (1.0 - P("X_d")) + discharge * (1.0 / P("eta_t") - 1.0) * P("eta_t")
    # radiator segments
    mcp = P("mcp")[..., None]
    Tin = np.concatenate([T0[..., None], Tc[..., :-1]], axis=-1)
    Q_seg = mcp * (Tin - Tc)
    A_seg = P("A_seg")[..., None]
    absorbed = A_seg * f["q_rad"][..., None]
    Tp2 = T_p * T_p  # T⁴ as two squarings: numpy's power() has no fast path for 4
    emitted = A_seg * P("eta_panel")[..., None] * P("eps_rad")[..., None] * _SIGMA * 2.0 * (Tp2 * Tp2)
    dTp = (Q_seg + absorbed - emitted) / P("C_seg")[..., None]
    # rack: its heat, the heater, the regulation losses and battery exchange, out to the coolant
    to_coolant = P("mcp") * (T0 - Tc[..., -1]) - P("P_pump")
    bat_out = P("G_bat") * (T_b - P("T_bat_control"))  # to the battery's own thermal control
    dTr = (P("P_rack") + heater + reg_loss - to_coolant) / P("C_rack")
    dTb = (bat_loss - bat_out) / P("C_bat")
    arr_abs = P("A_arr") * f["q_arr"]
    Ta2 = T_a * T_a
    arr_emit = P("A_arr") * (P("eps_f") + P("eps_b")) * _SIGMA * (Ta2 * Ta2)
    dTa = (arr_abs - arr_emit - drawn) / P("C_arr")
    dsoc = dE / P("E_cap")
    dx = np.concatenate([dTr[..., None], dTp, dTb[..., None], dTa[..., None], dsoc[..., None]], axis=-1)
    if not flows:
        return dx, None
    flows = dict(rack_in=P("P_rack") + heater + reg_loss, rack_out=to_coolant,
                 rad_in=(Q_seg + absorbed).sum(-1), rad_out=emitted.sum(-1),
                 bat_in=bat_loss + np.maximum(-bat_out, 0.0), bat_out=np.maximum(bat_out, 0.0),
                 arr_in=arr_abs, arr_out=arr_emit + drawn,
                 soc_in=charge * P("eta_c"), soc_out=discharge / P("eta_d"),
                 heater=heater, load=load, array_power=drawn, coolant_min=T_cmin, coolant_max=T0)
    return dx, flows


_ACCUM = ("rack_in", "rack_out", "rad_in", "rad_out", "bat_in", "bat_out", "arr_in", "arr_out", "soc_in", "soc_out",
          "heater")


def _integrate(m: TransientModel, x0, steps: int, record: bool = False, thermostat: dict | None = None,
               accumulate: bool = True, compiled: bool = True):
    """One orbit by classical RK4 at ``steps`` fixed steps (vectorised: x0 shape (D, P, n)).
    Returns x(T), the integrals of the node flows (D, P) (empty unless ``accumulate`` or
    ``record``) and, if ``record``, the trajectory.
    ``thermostat`` (see :func:`_thermostat_update`) replaces the proportional heater by an
    on/off one switched at every step start; the state of charge is then kept in [0, 1].
    Without a thermostat it runs compiled (:mod:`thermo_orbit._orbit_jit`): for any number
    of copies P without the bookkeeping, for P = 1 with it; ``compiled=False`` runs the
    numpy form, the reference."""
    accumulate = accumulate or record
    T = m.period[:, None]
    dt = T / steps
    F, which = _orbit_forcing(m, steps)
    if compiled and thermostat is None and (not accumulate or x0.shape[1] == 1):
        return _orbit_compiled(m, x0, steps, F, which, accumulate, record)
    x = x0.copy()
    acc = {k: np.zeros(x0.shape[:-1]) for k in _ACCUM} if accumulate else {}
    traj = [] if record else None
    extra = [] if record else None
    dtx = dt[..., None]

    def f_at(j):
        if which is None:
            return {k: v[:, j:j + 1] for k, v in F.items()}
        return {k: v[:, j][which][:, None] for k, v in F.items()}

    on = None
    for s in range(steps):
        f0, fh, f1 = f_at(2 * s), f_at(2 * s + 1), f_at(2 * s + 2)
        if thermostat is not None:
            on = _thermostat_update(m, x, thermostat)
        k1, g1 = _rhs(m, x, f0, on, accumulate)
        k2, g2 = _rhs(m, x + 0.5 * dtx * k1, fh, on, accumulate)
        k3, g3 = _rhs(m, x + 0.5 * dtx * k2, fh, on, accumulate)
        k4, g4 = _rhs(m, x + dtx * k3, f1, on, accumulate)
        if record:
            traj.append(x.copy())
            extra.append({k: g1[k] for k in ("heater", "load", "array_power", "coolant_min", "coolant_max")})
        for k in acc:
            acc[k] += dt * (g1[k] + 2 * g2[k] + 2 * g3[k] + g4[k]) / 6.0
        x = x + dtx * (k1 + 2 * k2 + 2 * k3 + k4) / 6.0
        if thermostat is not None:
            x[..., -1] = np.clip(x[..., -1], 0.0, 1.0)
    if record:
        traj.append(x.copy())
        _, gl = _rhs(m, x, f_at(2 * steps), on)  # with a thermostat: its last switch state
        extra.append({k: gl[k] for k in ("heater", "load", "array_power", "coolant_min", "coolant_max")})
    return x, acc, (traj, extra)


def _orbit_compiled(m: TransientModel, x0, steps: int, F: dict, which, accumulate: bool, record: bool):
    """:func:`_integrate` without a thermostat, by the compiled kernel; the same returns
    (``accumulate`` already includes ``record``)."""
    from . import _orbit_jit as jit

    cache = m.__dict__.setdefault("_column_cache", {})
    if "_jit_params" not in cache:
        cache["_jit_params"] = np.array([np.asarray(getattr(m, name), dtype=np.float64) for name in jit.PARAMS])
    D, _, n = x0.shape
    rows = np.arange(D) if which is None else np.asarray(which, dtype=np.int64)
    traj = np.empty((D, steps + 1, n) if record else (0, 0, 0))
    extra = np.empty((D, steps + 1, len(jit.FLOWS) - jit._EXTRA0) if record else (0, 0, 0))
    acc = np.zeros((D, jit._N_ACC) if accumulate else (0, 0))
    xT = jit._orbit(cache["_jit_params"], np.ascontiguousarray(x0, dtype=np.float64),
                    np.ascontiguousarray(F["q_rad"]), np.ascontiguousarray(F["q_arr"]),
                    np.ascontiguousarray(F["sun_cells"]), rows, np.asarray(m.period / steps, dtype=np.float64),
                    int(steps), int(m.n_segments), accumulate, record, traj, extra, acc)
    acc_d = {name: acc[:, i, None] for i, name in enumerate(jit.FLOWS[:jit._N_ACC])} if accumulate else {}
    if not record:
        return xT, acc_d, (None, None)
    names = jit.FLOWS[jit._EXTRA0:]
    return (xT, acc_d, ([traj[:, s, None, :] for s in range(steps + 1)],
                        [{name: extra[:, s, i, None] for i, name in enumerate(names)} for s in range(steps + 1)]))


_SCALE_K = 1.0
#: the coldest coolant may sit this far below the heater's set point before the orbit is
#: called frozen: the periodic solution's own tolerance (the certificate's 1e-3 K)
_FREEZE_TOLERANCE = 1e-3
_TOL_K, _TOL_SOC = 1e-7, 1e-10  # shooting stops here: well past the certificate's 1e-3 K and 1e-6
_SCALE_SOC = 1e-3


def stable_steps(m: TransientModel, steps: int) -> int:
    """At least ``steps``, and enough that the RK4 step stays within 1.5 times the fastest
    node time constant (the stability limit of RK4 on a decaying mode is 2.78 τ): the
    radiator segments exchange heat through the coolant at up to ṁc_p, τ = C_seg/ṁc_p; the
    array and panels radiate at 4εσT³."""
    T_hot = 400.0
    tau = np.concatenate([
        m.C_seg / m.mcp,
        m.C_seg / (m.A_seg * m.eta_panel * m.eps_rad * 8.0 * _SIGMA * T_hot**3),
        m.C_arr / (m.A_arr * (m.eps_f + m.eps_b) * 4.0 * _SIGMA * T_hot**3),
        m.C_rack / m.mcp,
        m.C_bat / np.maximum(m.G_bat, 1e-12),
    ])
    need = int(np.ceil(np.max(m.period) / (1.5 * np.min(tau))))
    return max(int(steps), need)


def periodic_orbit(m: TransientModel, x_guess=None, steps: int = 720, max_newton: int = 20, fd_after=None):
    """The periodic state at orbit noon by Newton shooting; returns (x0, certificate dict,
    (trajectory, extra)).  ``steps`` is raised where stability needs it (:func:`stable_steps`).

    Broyden's method: the Jacobian of x ↦ Φ(x) − x starts as −I (a plain fixed-point
    step) and is updated by the rank-one formula after each step; the orbit map contracts
    strongly except along a few slow modes, which Broyden learns in a few orbits (one
    orbit per iteration).  A design not converged after ``fd_after`` iterations gets its
    Jacobian by forward differences (its n + 1 perturbed copies integrated together),
    then Newton–Broyden steps again; converged designs leave the active set.  Default
    ``fd_after``: 6, or 1 for a handful of designs, whose n + 1 copies cost about what one
    orbit does (the integration is then bound by numpy's per-call overhead).

    The state x0 holds the node temperatures [K] (rack, radiator segments, battery,
    array) and the state of charge [dimensionless]; the certificate gives the
    periodicity errors ([K] and dimensionless) and the energy closure of every node
    (dimensionless, relative to the node's throughput)."""
    steps = stable_steps(m, steps)
    n = m.n_state
    D = len(m.names)
    if fd_after is None:
        fd_after = 1 if D * (n + 1) <= 64 else 6
    if x_guess is None:
        x_guess = _initial_guess(m)
    x = x_guess.copy()
    if fd_after <= 1:
        J, r0 = _fd_jacobian(m, x, steps)
    else:
        XT, _, _ = _integrate(m, x[:, None, :], steps, accumulate=False)
        r0 = XT[:, 0, :] - x
        J = -np.repeat(np.eye(n)[None], D, axis=0)
    done = np.zeros(D, dtype=bool)
    it = 0
    for it in range(1, max_newton + 1):
        # iterate well past the certificate's targets (1e-3 K, 1e-6): the extra digits cost
        # about one iteration; a design that has converged leaves the active set
        done |= (np.max(np.abs(r0[:, :-1]), axis=1) < _TOL_K) & (np.abs(r0[:, -1]) < _TOL_SOC) & (it > 1)
        act = np.flatnonzero(~done)
        if act.size == 0:
            break
        if it == fd_after > 1:
            J[act], r0[act] = _fd_jacobian(m if act.size == D else _take(m, act), x[act], steps)
        Ja, ra = J[act], r0[act]
        try:
            dx = np.linalg.solve(Ja, -ra[..., None])[..., 0]
        except np.linalg.LinAlgError:
            dx = -ra
        # damping: limit temperature steps to 50 K and SOC to 0.2
        lim = np.max(np.abs(dx[:, :-1]) / 50.0, axis=1)
        lim = np.maximum(lim, np.abs(dx[:, -1]) / 0.2)
        x_new = x[act] + (1.0 / np.maximum(lim, 1.0))[:, None] * dx
        x_new[:, -1] = np.clip(x_new[:, -1], 0.0, 1.0)
        sub = m if act.size == D else _take(m, act)
        XT, _, _ = _integrate(sub, x_new[:, None, :], steps, accumulate=False)
        r_new = XT[:, 0, :] - x_new
        # Broyden's rank-one update of J: one orbit per iteration instead of n + 1
        s_ = x_new - x[act]
        y_ = r_new - ra
        denom = np.einsum("di,di->d", s_, s_)
        ok = denom > 0
        upd = (y_ - np.einsum("dij,dj->di", Ja, s_)) / np.where(ok, denom, 1.0)[:, None]
        J[act] = Ja + np.where(ok[:, None, None], upd[:, :, None] * s_[:, None, :], 0.0)
        x[act], r0[act] = x_new, r_new
    xT, acc, (traj, extra) = _integrate(m, x[:, None, :], steps, record=True)
    resid = xT[:, 0, :] - x
    cert = _certificate(m, x, xT[:, 0, :], {k: v[:, 0] for k, v in acc.items()})
    cert["newton_iterations"] = it
    cert["steps"] = steps
    cert["periodicity_error_K"] = np.max(np.abs(resid[:, :-1]), axis=1)
    cert["periodicity_error_soc"] = np.abs(resid[:, -1])
    return x, cert, (traj, extra)


def _fd_jacobian(m: TransientModel, x, steps: int):
    """Jacobian of x ↦ Φ(x) − x by forward differences and the residual at x: the n + 1
    copies of every design integrated together.  Steps: +1e-4 K on temperatures; the state
    of charge is perturbed downward, since above full charge its map is flat (the charge
    tapers to zero)."""
    n = m.n_state
    h = np.array([_SCALE_K] * (n - 1) + [-_SCALE_SOC]) * 1e-4
    X = np.repeat(x[:, None, :], n + 1, axis=1)
    X[:, 1:, :] += np.diag(h)[None, :, :]
    XT, _, _ = _integrate(m, X, steps, accumulate=False)
    J = (XT[:, 1:, :] - XT[:, :1, :]) / h[None, :, None]  # J[d, j, i] = dPhi_i/dx_j
    return np.swapaxes(J, 1, 2) - np.eye(n)[None], XT[:, 0, :] - x


def _take(m: TransientModel, idx) -> TransientModel:
    """The model of the designs ``idx`` only."""
    kw = {}
    for f in fields(m):
        val = getattr(m, f.name)
        kw[f.name] = val[idx] if isinstance(val, np.ndarray) else ([val[i] for i in idx] if f.name == "names" else val)
    sub = TransientModel(**kw)
    forcing = {key: val for key, val in m.__dict__.get("_column_cache", {}).items()
               if isinstance(key, tuple) and key[0] == "forcing"}
    if forcing:  # the subset keeps the forcing already computed
        sub.__dict__["_column_cache"] = {
            key: ({k: v[idx] for k, v in F.items()}, None) if which is None else (F, which[idx])
            for key, (F, which) in forcing.items()}
    return sub


def _initial_guess(m: TransientModel):
    N = m.n_segments
    x = np.zeros((len(m.names), m.n_state))
    # steady balance at the mean forcing: radiator near its mean temperature
    T_guess = (m.P_rack / (m.A_seg * N * m.eta_panel * m.eps_rad * _SIGMA * 2.0)) ** 0.25
    x[:, 0] = T_guess + 20.0
    x[:, 1:1 + N] = T_guess[:, None]
    x[:, 1 + N] = m.T_bat_control
    x[:, 2 + N] = 330.0
    x[:, 3 + N] = 1.0
    return x


def _certificate(m: TransientModel, x0, xT, acc):
    """Energy closure per node over the period: (in − out − C ΔT) / throughput."""
    N = m.n_segments
    dE = {
        "rack": m.C_rack * (xT[:, 0] - x0[:, 0]),
        "radiator": m.C_seg * np.sum(xT[:, 1:1 + N] - x0[:, 1:1 + N], axis=1),
        "battery": m.C_bat * (xT[:, 1 + N] - x0[:, 1 + N]),
        "array": m.C_arr * (xT[:, 2 + N] - x0[:, 2 + N]),
        "state_of_charge": m.E_cap * (xT[:, 3 + N] - x0[:, 3 + N]),
    }
    pairs = {"rack": ("rack_in", "rack_out"), "radiator": ("rad_in", "rad_out"), "battery": ("bat_in", "bat_out"),
             "array": ("arr_in", "arr_out"), "state_of_charge": ("soc_in", "soc_out")}
    closure = {}
    for node, (i, o) in pairs.items():
        throughput = np.maximum(acc[i] + acc[o], 1e-300)
        closure[node] = np.abs(acc[i] - acc[o] - dE[node]) / throughput
    return {"energy_closure": closure}


def _thermostat_update(m: TransientModel, x, th: dict):
    """Switch the on/off heater at a step start: on when the coldest coolant is below the
    set point, off above set point + ``th["band"]`` [K], else as it was; counts switchings
    and the coldest coolant seen in ``th``.  Returns the heater state (D, P)."""
    N = m.n_segments
    _, Tc = _coolant_temperatures(m, x[..., 0], x[..., 1:1 + N], m.P_pump[:, None])
    T_c, T_set = Tc[..., -1], m.T_set[:, None]
    new = np.where(T_c < T_set, 1.0, np.where(T_c > T_set + th["band"], 0.0, th["on"]))
    th["switches"] = th["switches"] + (new != th["on"])
    th["coldest"] = np.minimum(th["coldest"], T_c)
    th["on"] = new
    return new


def _march_thermostat(m: TransientModel, x0, steps: int, orbits: int, band: float, progress=None):
    """March ``orbits`` orbits from x0 (D, n) with an on/off survival heater with
    hysteresis (:func:`_thermostat_update`, sampled at every RK4 step, as a thermal network
    solver's heater logic is), its state kept between orbits.  Returns per orbit: the state
    at its start (orbits + 1, D, n), heater energy [J], switches, and the coldest coolant [K];
    and the last orbit's heater power [W] and coldest coolant [K] at each step (D, steps + 1).
    ``progress(orbits_done, orbits)`` is called after each orbit."""
    x = x0[:, None, :].copy()
    N = m.n_segments
    _, Tc = _coolant_temperatures(m, x[..., 0], x[..., 1:1 + N], m.P_pump[:, None])
    th = {"band": band, "on": (Tc[..., -1] < m.T_set[:, None]).astype(np.float64)}
    starts, energy, switches, coldest = [x[:, 0].copy()], [], [], []
    for i in range(orbits):
        th["switches"], th["coldest"] = np.zeros_like(th["on"]), np.full_like(th["on"], np.inf)
        x, acc, (_, extra) = _integrate(m, x, steps, thermostat=th, record=i == orbits - 1)
        starts.append(x[:, 0].copy())
        energy.append(acc["heater"][:, 0])
        switches.append(th["switches"][:, 0])
        coldest.append(th["coldest"][:, 0])
        if progress is not None:
            progress(i + 1, orbits)
    last = {k: np.stack([e[k][:, 0] for e in extra], axis=-1) for k in ("heater", "coolant_min")}
    return np.stack(starts), np.stack(energy), np.stack(switches), np.stack(coldest), last


@dataclass(frozen=True)
class ThermostatSimulation(ResultMixin):
    """The survival heater as an on/off thermostat with hysteresis, marched over several
    orbits from the periodic solution (which uses the proportional heater)."""

    design: str
    case: str
    hysteresis: Any  #: off at set point + hysteresis, on below the set point, [K]
    orbits: int
    heater_orbit_average: Any  #: last orbit, [W]
    heater_orbit_average_proportional: Any  #: the periodic solution's proportional heater, [W]
    duty: Any  #: fraction of the last orbit the heater is on, [dimensionless]
    switches_per_orbit: int  #: heater switchings in the last orbit
    coolant_min: Any  #: coldest coolant in the last orbit, [K]
    freeze_margin: Any  #: coolant_min minus (melting point + required freeze margin), as the sizing reports it, [K]
    coolant_above_melting: Any  #: coolant_min minus the melting point, [K]
    orbit_to_orbit_change: Any  #: largest temperature change between the starts of the last two orbits, [K]
    settled: bool  #: orbit_to_orbit_change below 0.05 K (a repeating orbit, to the thermostat's own cycling)
    time: Any = None  #: the last orbit's time from its start (orbit noon, as OrbitSimulation.time), [min]
    heater_power: Any = None  #: the thermostat's heater power over the last orbit, [W]
    coolant_min_temperature: Any = None  #: the coldest coolant over the last orbit, [K]


def simulate_thermostat(designs, results=None, *, case: str = "cold", beta=None, n_segments: int = 8,
                        steps: int = 720, heater_power=None, hysteresis=None, orbits: int = 6, progress=None):
    """The survival heater as a real thermostat: on below the set point (melting point +
    freeze margin), off above set point + ``hysteresis`` (default the model's heater band,
    2 K), marched ``orbits`` orbits from the periodic solution of :func:`simulate_orbit`.

    An on/off heater with hysteresis cycles at its own period, which is not the orbit's, so
    the state need not repeat exactly from orbit to orbit (no periodic orbit exists for
    shooting to find); this reports the last orbit's heater power, duty, switchings and
    coldest coolant, and the orbit-to-orbit change of the state [K] to show how far from
    repeating it is.  The orbit-average heater power is to be compared with the
    proportional heater's (``heater_orbit_average_proportional``), whose periodic solution
    :func:`simulate_orbit` certifies.

    Parameters
    ----------
    hysteresis : Quantity, optional
        Thermostat dead band, [K] (temperature difference), > 0.
    orbits : int
        Orbits to march, 2 to 200.
    progress : callable, optional
        ``progress(orbits_done, orbits)``, called after each orbit.

    Returns
    -------
    ThermostatSimulation, or a list of them for a list of designs (with the last orbit's
    heater power and coldest coolant as time series).
    """
    from .system import Design

    single = isinstance(designs, Design)
    if isinstance(orbits, bool) or not isinstance(orbits, (int, np.integer)) or not 2 <= orbits <= 200:
        raise InputError("orbits", orbits, "a whole number from 2 to 200")
    if steps < 60 or steps > 100_000:
        raise InputError("steps", steps, "a whole number from 60 to 100000")
    m = build_model(designs, results, case=case, beta=beta, n_segments=n_segments, heater_power=heater_power)
    band = m.heater_band.astype(np.float64) if hysteresis is None else np.full(
        len(m.names), si_value(hysteresis, "hysteresis", "K", 'Q_(2, "K")'))
    if np.any(band <= 0):
        raise InputError("hysteresis", hysteresis, "a positive temperature difference")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        x0, cert, (traj, extra) = periodic_orbit(m, steps=steps)
        steps = cert["steps"]
        starts, energy, switches, coldest, last = _march_thermostat(m, x0, steps, orbits, band[:, None], progress)
    heater_prop = np.stack([e["heater"][:, 0] for e in extra], axis=-1)
    out = []
    for d in range(len(m.names)):
        t = np.linspace(0.0, m.period[d], steps + 1)
        prop_avg = float(np.trapezoid(heater_prop[d], t) / m.period[d])
        change = float(np.max(np.abs(starts[-1, d, :-1] - starts[-2, d, :-1])))
        avg = float(energy[-1, d] / m.period[d])
        out.append(ThermostatSimulation(
            design=m.names[d], case=case, hysteresis=Q_(float(band[d]), "K"), orbits=orbits,
            heater_orbit_average=Q_(avg, "W"), heater_orbit_average_proportional=Q_(prop_avg, "W"),
            duty=Q_(avg / m.P_heater_max[d] if m.P_heater_max[d] > 0 else 0.0, ""),
            switches_per_orbit=int(switches[-1, d]), coolant_min=Q_(float(coldest[-1, d]), "K"),
            freeze_margin=Q_(float(coldest[-1, d] - m.T_set[d]), "K"),
            coolant_above_melting=Q_(float(coldest[-1, d] - m.T_melt[d]), "K"),
            orbit_to_orbit_change=Q_(change, "K"), settled=change < 0.05, time=Q_(t / 60.0, "min"),
            heater_power=Q_(last["heater"][d], "W"), coolant_min_temperature=Q_(last["coolant_min"][d], "K")))
    return out[0] if single else out


@dataclass(frozen=True)
class OrbitSimulation(ResultMixin):
    """Periodic orbit of one design: time series, extremes, margins and certificate."""

    design: str
    case: str
    beta: Any
    time: Any  #: [min]
    eclipse: Any  #: sunlit fraction below 0.5, bool per sample
    sunlit_fraction: Any
    rack_temperature: Any
    radiator_temperatures: Any  #: panel segments along the flow, (samples, segments), [K]
    coolant_min_temperature: Any  #: last segment outlet (coldest coolant), [K]
    coolant_max_temperature: Any  #: cold-plate outlet, [K]
    battery_temperature: Any
    array_temperature: Any
    state_of_charge: Any
    heater_power: Any
    load_power: Any
    array_power: Any
    extremes: dict
    margins: dict
    feasible: bool
    reasons: tuple
    certificate: dict
    flags: int = 0  #: the failed constraints (:class:`thermo_orbit.constraints.Constraint` bits)


def simulate_orbit(designs, results=None, *, case: str = "cold", beta=None, n_segments: int = 8, steps: int = 720,
                   heater_power=None):
    """Periodic orbit solution of one design (returns :class:`OrbitSimulation`) or of a list
    of designs integrated together (returns a list).

    Margins: the coldest coolant above the melting point (freeze), and the deepest
    discharge against the allowed depth of discharge; the heater's orbit-average power is
    reported (a load the steady sizing did not have).

    Parameters
    ----------
    designs : Design or list of Design
    results : SystemResult or list, optional
        Their sizing (computed when not given).
    case : {"cold", "hot", "nominal"}
        Environment case (see :func:`build_model`).
    beta : Quantity, optional
        β angle, [angle]; default: the β of the longest eclipse of the year.
    n_segments : int
        Radiator segments along the flow.
    steps : int
        RK4 steps per orbit, 60 to 100000; raised where stability needs it.
    heater_power : Quantity, optional
        Survival heater capacity, [power]; default ``thermal.survival_heater_fraction`` of the rack power.

    Returns
    -------
    OrbitSimulation or list of OrbitSimulation
        Time [min], temperatures [K], state of charge [dimensionless], powers [W]; margins
        (freeze [K], depth of discharge [dimensionless]) and the certificate.
    """
    from .system import Design

    single = isinstance(designs, Design)
    if steps < 60 or steps > 100_000:
        raise InputError("steps", steps, "a whole number from 60 to 100000")
    m = build_model(designs, results, case=case, beta=beta, n_segments=n_segments, heater_power=heater_power)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        x0, cert, (traj, extra) = periodic_orbit(m, steps=steps)
    steps = cert["steps"]
    traj = np.stack(traj, axis=-2)[:, 0]  # (D, steps+1, n)
    ex = {k: np.stack([e[k][:, 0] for e in extra], axis=-1) for k in extra[0]}
    N = m.n_segments
    out = []
    for d in range(len(m.names)):
        t = np.linspace(0.0, m.period[d], steps + 1)
        u = np.linspace(0.0, 2 * np.pi, steps + 1)
        lit = orb.sunlit_fraction_si(m.a[d], m.beta[d], u)
        soc = traj[d, :, -1]
        cmin = ex["coolant_min"][d]
        dod = 1.0 - soc.min()
        Tb = traj[d, :, 1 + N]
        lo, hi = m.T_bat_range[d]
        # the freeze margin as the steady sizing reports it: the coldest coolant above the
        # melting point plus the required margin (the heater's set point)
        margins = {
            "freeze": Q_(cmin.min() - m.T_set[d], "K"),
            "coolant_above_melting": Q_(cmin.min() - m.T_melt[d], "K"),
            "battery_depth_of_discharge": Q_(m.dod_allowed[d] - dod, ""),
            "battery_temperature": Q_(float(min(hi - Tb.max(), Tb.min() - lo)), "K") if np.isfinite(lo) else None,
        }
        reasons, flags = [], Constraint(0)
        if cmin.min() < m.T_set[d] - _FREEZE_TOLERANCE:
            flags |= Constraint.TRANSIENT_FREEZE
            below = ("below the melting point" if cmin.min() < m.T_melt[d] else
                     f"above the melting point, inside the required {m.T_set[d] - m.T_melt[d]:.1f} K margin")
            reasons.append(f"coolant too cold in the orbit: coldest {cmin.min() - 273.15:.1f} degC is "
                           f"{abs(cmin.min() - m.T_melt[d]):.1f} K {below}, even with the "
                           f"{m.P_heater_max[d] / 1e3:.1f} kW survival heater (thermal.survival_heater_fraction)")
        if np.isfinite(lo) and (Tb.max() > hi or Tb.min() < lo):
            flags |= Constraint.TRANSIENT_BATTERY_TEMPERATURE
            reasons.append(f"battery at {Tb.min() - 273.15:.1f} to {Tb.max() - 273.15:.1f} degC, outside its operating "
                           f"range {lo - 273.15:.0f} to {hi - 273.15:.0f} degC")
        if dod > m.dod_allowed[d] + 1e-9:
            flags |= Constraint.TRANSIENT_BATTERY_DEPTH
            reasons.append(f"battery discharges to DoD {dod:.3f}, beyond the allowed {m.dod_allowed[d]:.3f}")
        closure = {k: float(v[d]) for k, v in cert["energy_closure"].items()}
        certificate = {
            "periodicity_error": Q_(float(cert["periodicity_error_K"][d]), "K"),
            "periodicity_error_state_of_charge": Q_(float(cert["periodicity_error_soc"][d]), ""),
            "energy_closure": closure, "newton_iterations": int(cert["newton_iterations"]), "steps": int(steps),
            "converged": bool(cert["periodicity_error_K"][d] < 1e-3 and cert["periodicity_error_soc"][d] < 1e-6),
        }
        if not certificate["converged"]:
            flags |= Constraint.TRANSIENT_NOT_PERIODIC
            reasons.append("periodic orbit not found to the certificate's tolerance")
        heater_avg = float(np.trapezoid(ex["heater"][d], t) / m.period[d])
        extremes = {
            "coolant_min": Q_(float(cmin.min()), "K"), "coolant_max": Q_(float(ex["coolant_max"][d].max()), "K"),
            "rack_max": Q_(float(traj[d, :, 0].max()), "K"), "state_of_charge_min": Q_(float(soc.min()), ""),
            "array_max": Q_(float(traj[d, :, 2 + N].max()), "K"), "heater_orbit_average": Q_(heater_avg, "W"),
        }
        out.append(OrbitSimulation(
            design=m.names[d], case=case, beta=Q_(float(np.degrees(m.beta[d])), "deg"), time=Q_(t / 60.0, "min"),
            eclipse=lit < 0.5, sunlit_fraction=Q_(lit, ""), rack_temperature=Q_(traj[d, :, 0], "K"),
            radiator_temperatures=Q_(traj[d, :, 1:1 + N], "K"), coolant_min_temperature=Q_(cmin, "K"),
            coolant_max_temperature=Q_(ex["coolant_max"][d], "K"), battery_temperature=Q_(traj[d, :, 1 + N], "K"),
            array_temperature=Q_(traj[d, :, 2 + N], "K"), state_of_charge=Q_(soc, ""),
            heater_power=Q_(ex["heater"][d], "W"), load_power=Q_(ex["load"][d], "W"),
            array_power=Q_(ex["array_power"][d], "W"), extremes=extremes, margins=margins,
            feasible=not flags, reasons=tuple(reasons), certificate=certificate, flags=int(flags),
        ))
    return out[0] if single else out
