"""A numpy transcription of the orbit model's right-hand side: the oracle the compiled
kernel (thermo_orbit/transient/kernel.py, the one model) is tested against.  Written on
arrays of designs and copies (D, P, n) as the model was first written; it runs the same
RK4 orbit on the same grid, proportional or on/off heater, with the same energy
bookkeeping."""

from __future__ import annotations

import numpy as np

from thermo_orbit.constants import STEFAN_BOLTZMANN
from thermo_orbit.thermal.fins import panel_net_flux_si
from thermo_orbit.transient.forcing import KERNEL_FORCING, orbit_forcing
from thermo_orbit.transient.integrate import OrbitRun
from thermo_orbit.transient.kernel import EMPTY_STEPS, FIRST_RECORDED, FLOWS, N_INTEGRATED, TAPER_WIDTH
from thermo_orbit.transient.model import TransientModel

_SIGMA = STEFAN_BOLTZMANN.si
_ACCUM = FLOWS[:N_INTEGRATED]
_RECORDED = FLOWS[FIRST_RECORDED:]


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


def rhs(m: TransientModel, x, f: dict, heater_on=None, flows: bool = True):
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
    # the battery heater, proportional on the battery: full power at the range's bottom
    bat_heater = P("P_bat_heater") * np.clip((P("T_bat_heater_off") - T_b) / P("bat_heater_band"), 0.0, 1.0)
    # the racks: their eclipse power, and the rest in the Sun's visible fraction
    rack = P("P_rack_eclipse") + (P("P_rack") - P("P_rack_eclipse")) * f["lit"]
    # array
    eta = P("eta_ref") * (1.0 + P("gamma") * (T_a - P("T_ref"))) * P("degr")
    P_avail = np.maximum(eta, 0.0) * P("pf") * f["sun_cells"] * P("A_arr")
    load = rack + P("P_pump") + heater + bat_heater
    bus = P_avail * P("X_d")
    surplus = bus - load
    taper = np.clip((1.0 - soc) / cache.get("full_width", 0.002), 0.0, 1.0)  # linear near full
    charge = np.minimum(np.maximum(surplus, 0.0), P("P_charge_max")) * taper  # into the battery terminals
    deficit = np.maximum(-surplus, 0.0)
    served = deficit * np.clip(soc / cache.get("empty_width", 0.002), 0.0, 1.0)  # the battery empties
    shed = deficit - served  # what the bus sheds: the racks first, the heaters, the pump last
    shed_rack = np.minimum(shed, rack)
    shed_heater = np.minimum(shed - shed_rack, heater)
    shed_bat = np.minimum(shed - shed_rack - shed_heater, bat_heater)
    rack, heater, bat_heater = rack - shed_rack, heater - shed_heater, bat_heater - shed_bat
    discharge = served / P("eta_t")  # from the battery terminals
    drawn = np.minimum(P_avail, (load + charge) / P("X_d"))  # what the array actually delivers
    dE = charge * P("eta_c") - discharge / P("eta_d")
    bat_loss = charge * (1.0 - P("eta_c")) + discharge * (1.0 / P("eta_d") - 1.0) + bat_heater
    reg_loss = drawn * (1.0 - P("X_d")) + discharge * (1.0 / P("eta_t") - 1.0) * P("eta_t")
    # radiator segments
    mcp = P("mcp")[..., None]
    Tin = np.concatenate([T0[..., None], Tc[..., :-1]], axis=-1)
    Q_seg = mcp * (Tin - Tc)
    # the radiating-fin model: the net flux to the environment's effective sink
    net = P("A_seg")[..., None] * panel_net_flux_si(T_p, f["sink_rad"][..., None], P("eps_rad")[..., None],
                                                    P("eta_panel")[..., None], 2.0)
    dTp = (Q_seg - net) / P("C_seg")[..., None]
    # rack: its heat, the heater, the regulation losses and battery exchange, out to the coolant
    to_coolant = P("mcp") * (T0 - Tc[..., -1]) - P("P_pump")
    bat_out = P("G_bat") * (T_b - P("T_bat_control"))  # to the battery's own thermal control
    dTr = (rack + heater + reg_loss - to_coolant) / P("C_rack")
    dTb = (bat_loss - bat_out) / P("C_bat")
    arr_abs = P("A_arr") * f["q_arr"]
    Ta2 = T_a * T_a
    arr_emit = P("A_arr") * (P("eps_f") + P("eps_b")) * _SIGMA * (Ta2 * Ta2)
    dTa = (arr_abs - arr_emit - drawn) / P("C_arr")
    dsoc = dE / P("E_cap")
    dx = np.concatenate([dTr[..., None], dTp, dTb[..., None], dTa[..., None], dsoc[..., None]], axis=-1)
    if not flows:
        return dx, None
    flows = dict(rack_in=rack + heater + reg_loss, rack_out=to_coolant,
                 rad_in=(Q_seg + np.maximum(-net, 0.0)).sum(-1), rad_out=np.maximum(net, 0.0).sum(-1),
                 bat_in=bat_loss + np.maximum(-bat_out, 0.0), bat_out=np.maximum(bat_out, 0.0),
                 arr_in=arr_abs, arr_out=arr_emit + drawn,
                 soc_in=charge * P("eta_c"), soc_out=discharge / P("eta_d"),
                 heater=heater, bat_heater=bat_heater, shed=shed, load=load, array_power=drawn, coolant_min=T_cmin,
                 coolant_max=T0)
    return dx, flows


def taper_widths(m: TransientModel, h_max):
    """The discharge and charge tapers' widths (D, 1): at least 0.2 % of the capacity and
    what two of the longest steps h_max [s] (D,) discharge at the largest load, or charge
    at the charge limit or the array's power at 0 K, whichever is less."""
    rate = (m.P_rack + m.P_pump + m.P_heater_max + m.P_bat_heater) / (m.eta_t * m.eta_d)
    array = m.eta_ref * m.degr * (1.0 + np.abs(m.gamma) * m.T_ref) * m.pf * m.A_arr * m.S
    charge = EMPTY_STEPS * h_max * np.minimum(m.P_charge_max, array * m.X_d) * m.eta_c / m.E_cap
    return (np.maximum(TAPER_WIDTH, EMPTY_STEPS * h_max * rate / m.E_cap)[:, None],
            np.maximum(TAPER_WIDTH, charge)[:, None])


def thermostat_update(m: TransientModel, x, th: dict):
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


def integrate(m: TransientModel, x0, steps: int, record: bool = False, thermostat: dict | None = None) -> OrbitRun:
    """One orbit by RK4 in numpy (x0 (D, P, n)) on the orbit's grid (the phase steps of
    :func:`thermo_orbit.transient.forcing.orbit_forcing` times period/(2π)); integrals and
    records for P = 1 shaped as :func:`thermo_orbit.transient.integrate.integrate` gives them."""
    of = orbit_forcing(m, steps)
    dt_all = of.step[of.which] * (m.period / (2.0 * np.pi))[:, None]  # (D, steps)
    cache = m.__dict__.setdefault("_column_cache", {})
    cache["empty_width"], cache["full_width"] = taper_widths(m, dt_all.max(axis=1))
    x = x0.copy()
    acc = {k: np.zeros(x0.shape[:-1]) for k in _ACCUM}
    traj, extra = [], []

    def f_at(j):
        return {name: of.F[i][of.which, j][:, None] for i, name in enumerate(KERNEL_FORCING)}

    on = None
    for s in range(steps):
        dt = dt_all[:, s:s + 1]
        dtx = dt[..., None]
        f0, fh, f1 = f_at(2 * s), f_at(2 * s + 1), f_at(2 * s + 2)
        if thermostat is not None:
            on = thermostat_update(m, x, thermostat)
        k1, g1 = rhs(m, x, f0, on)
        k2, g2 = rhs(m, x + 0.5 * dtx * k1, fh, on)
        k3, g3 = rhs(m, x + 0.5 * dtx * k2, fh, on)
        k4, g4 = rhs(m, x + dtx * k3, f1, on)
        if record:
            traj.append(x.copy())
            extra.append({k: g1[k] for k in _RECORDED})
        for k in acc:
            acc[k] += dt * (g1[k] + 2 * g2[k] + 2 * g3[k] + g4[k]) / 6.0
        x = x + dtx * (k1 + 2 * k2 + 2 * k3 + k4) / 6.0
        if thermostat is not None:
            x[..., -1] = np.clip(x[..., -1], 0.0, 1.0)
    integrals = {k: v[:, 0] for k, v in acc.items()}
    if not record:
        return OrbitRun(x, integrals)
    traj.append(x.copy())
    _, gl = rhs(m, x, f_at(2 * steps), on)
    extra.append({k: gl[k] for k in _RECORDED})
    return OrbitRun(x, integrals, np.stack(traj, axis=1)[:, :, 0, :],
                    {k: np.stack([e[k][:, 0] for e in extra], axis=-1) for k in _RECORDED})
