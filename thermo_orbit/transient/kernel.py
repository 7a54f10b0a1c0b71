"""The orbit model's right-hand side and one orbit by RK4, compiled per design (numba): the
only implementation of the model's physics (tests/transient_oracle.py holds a numpy
transcription as its oracle).  Compiled on first use and cached on disk next to this file.

Nodes (state, per design): the rack with its cold plates, ``N`` radiator panel segments
along the coolant flow, the battery, the solar array, and the battery's state of charge.
The coolant is quasi-steady: its transit through a segment (about a second) is far shorter
than any node's time constant, so each segment's outlet follows from its inlet and panel
temperature, T_out,i = T_p,i + (T_in,i − T_p,i) exp(−UA_i / ṁc_p), and the last segment's
outlet returns to the cold plate, a heat exchanger with the rack node (Incropera et al.
2011, Sec. 11.3).  Power: the array (efficiency from its own temperature) feeds the bus
through the daylight path efficiency; the loads are rack, pump and survival heater; a
surplus charges the battery (tapering to zero at full charge, the rest shunted), a deficit
discharges it (discharge and transmission efficiencies).  The heater is proportional on
the coldest coolant (full power at the set point, none ``heater_band`` above it), or an
on/off thermostat with hysteresis switched at every step start.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..constants import STEFAN_BOLTZMANN

__all__ = ["FLOWS", "N_INTEGRATED", "FIRST_RECORDED", "orbit", "coldest_coolant"]

_SIGMA = STEFAN_BOLTZMANN.si

#: the node power terms of the right-hand side: the first N_INTEGRATED are integrated over
#: the orbit (energy bookkeeping), those from FIRST_RECORDED on recorded at every step
FLOWS = ("rack_in", "rack_out", "rad_in", "rad_out", "bat_in", "bat_out", "arr_in", "arr_out", "soc_in", "soc_out",
         "heater", "load", "array_power", "coolant_min", "coolant_max")
N_INTEGRATED = 11
FIRST_RECORDED = 10  # the heater is both


@njit(cache=True, error_model="numpy", inline="always")
def _coolant(p, d, k, ecp, kN, x, N, Tc):
    """Segment outlets into Tc (the recurrence T_c,i = T_p,i (1 − k) + k T_c,i−1 with the
    cold plate closing the loop); returns the cold-plate outlet T0."""
    prev = 0.0
    for i in range(N):
        prev = x[1 + i] * (1.0 - k) if i == 0 else x[1 + i] * (1.0 - k) + k * prev
        Tc[i] = prev
    T0 = (x[0] * (1 - ecp) + p.P_pump[d] / p.mcp[d] + ecp * Tc[N - 1]) / (1 - ecp * kN)
    kp = 1.0
    for i in range(N):
        kp *= k
        Tc[i] += kp * T0
    return T0


@njit(cache=True, error_model="numpy")
def coldest_coolant(p, x, N):
    """The coldest coolant (the last segment's outlet) [K] of each design at states x (D, n)."""
    D = x.shape[0]
    out = np.empty(D)
    Tc = np.empty(N)
    for d in range(D):
        k = math.exp(-p.ntu_seg[d])
        ecp = math.exp(-p.ntu_cp[d])
        _coolant(p, d, k, ecp, k ** N, x[d], N, Tc)
        out[d] = Tc[N - 1]
    return out


@njit(cache=True, error_model="numpy", inline="always")
def _power(p, d, T_a, soc, heater, sun):
    """The bus: (charge into the battery, discharge from it, array power drawn, load)."""
    eta = p.eta_ref[d] * (1.0 + p.gamma[d] * (T_a - p.T_ref[d])) * p.degr[d]
    P_avail = max(eta, 0.0) * p.pf[d] * sun * p.A_arr[d]
    load = p.P_rack[d] + p.P_pump[d] + heater
    surplus = P_avail * p.X_d[d] - load
    taper = min(max((1.0 - soc) / 0.002, 0.0), 1.0)
    charge = max(surplus, 0.0) * taper
    discharge = max(-surplus, 0.0) / p.eta_t[d]
    drawn = min(P_avail, (load + charge) / p.X_d[d])
    return charge, discharge, drawn, load


@njit(cache=True, error_model="numpy", inline="always")
def _rhs(p, d, k, ecp, kN, x, q_rad, q_arr, sun, N, Tc, dx, fl, want, on):
    """dx of design ``d`` at state x under the forcing (q_rad, q_arr, sun); the heater is
    proportional when ``on`` < 0, else P_max × on.  With ``want``: the FLOWS into fl."""
    T_b, T_a, soc = x[1 + N], x[2 + N], x[3 + N]
    T0 = _coolant(p, d, k, ecp, kN, x, N, Tc)
    T_cmin = Tc[N - 1]
    if on < 0.0:
        heater = p.P_heater_max[d] * min(max((p.T_set[d] + p.heater_band[d] - T_cmin) / p.heater_band[d], 0.0), 1.0)
    else:
        heater = p.P_heater_max[d] * on
    charge, discharge, drawn, load = _power(p, d, T_a, soc, heater, sun)
    eta_c, eta_d, eta_t = p.eta_c[d], p.eta_d[d], p.eta_t[d]
    bat_loss = charge * (1.0 - eta_c) + discharge * (1.0 / eta_d - 1.0)
    reg_loss = drawn * (1.0 - p.X_d[d]) + discharge * (1.0 / eta_t - 1.0) * eta_t
    mcp = p.mcp[d]
    absorbed = p.A_seg[d] * q_rad
    emit = p.A_seg[d] * p.eta_panel[d] * p.eps_rad[d] * _SIGMA * 2.0
    T_in, rad_in, rad_out = T0, 0.0, 0.0
    for i in range(N):
        Tp2 = x[1 + i] * x[1 + i]
        Q_seg = mcp * (T_in - Tc[i])
        emitted = emit * (Tp2 * Tp2)
        dx[1 + i] = (Q_seg + absorbed - emitted) / p.C_seg[d]
        rad_in += Q_seg + absorbed
        rad_out += emitted
        T_in = Tc[i]
    to_coolant = mcp * (T0 - Tc[N - 1]) - p.P_pump[d]
    bat_out = p.G_bat[d] * (T_b - p.T_bat_control[d])
    dx[0] = (p.P_rack[d] + heater + reg_loss - to_coolant) / p.C_rack[d]
    dx[1 + N] = (bat_loss - bat_out) / p.C_bat[d]
    Ta2 = T_a * T_a
    arr_abs = p.A_arr[d] * q_arr
    arr_emit = p.A_arr[d] * (p.eps_f[d] + p.eps_b[d]) * _SIGMA * (Ta2 * Ta2)
    dx[2 + N] = (arr_abs - arr_emit - drawn) / p.C_arr[d]
    dx[3 + N] = (charge * eta_c - discharge / eta_d) / p.E_cap[d]
    if want:  # the node power terms, in FLOWS order
        fl[0] = p.P_rack[d] + heater + reg_loss
        fl[1] = to_coolant
        fl[2] = rad_in
        fl[3] = rad_out
        fl[4] = bat_loss + max(-bat_out, 0.0)
        fl[5] = max(bat_out, 0.0)
        fl[6] = arr_abs
        fl[7] = arr_emit + drawn
        fl[8] = charge * eta_c
        fl[9] = discharge / eta_d
        fl[10] = heater
        fl[11] = load
        fl[12] = drawn
        fl[13] = T_cmin
        fl[14] = T0


@njit(cache=True, error_model="numpy", inline="always")
def _switch(p, d, k, ecp, kN, x, N, Tc, th, band):
    """An on/off thermostat at a step start: on below the set point, off above set point +
    band, else as it was; counts the switchings and the coldest coolant.  th[d] holds
    (on, switches, coldest)."""
    _coolant(p, d, k, ecp, kN, x, N, Tc)
    T_c = Tc[N - 1]
    on = th[d, 0]
    new = 1.0 if T_c < p.T_set[d] else (0.0 if T_c > p.T_set[d] + band[d] else on)
    if new != on:
        th[d, 1] += 1.0
    th[d, 2] = min(th[d, 2], T_c)
    th[d, 0] = new
    return new


@njit(cache=True, error_model="numpy")
def orbit(p, x0, q_rad, q_arr, sun, which, dt, steps, N, flows, record, traj, extra, acc, thermostat, th, band):
    """x(T) of every design and copy by RK4, x0 of shape (D, C, n); forcing rows (U,
    2 steps + 1) at step starts and midpoints, design d on row which[d]; steps dt[d] [s].
    With ``flows`` (C = 1) the integrals of FLOWS[:N_INTEGRATED] over the orbit go into acc
    (D, N_INTEGRATED); with ``record`` also the states (D, steps + 1, n) into traj and
    FLOWS[FIRST_RECORDED:] at every step start and at the end into extra.  With
    ``thermostat`` (C = 1) the heater is on/off (:func:`_switch`, state th (D, 3), dead
    band ``band`` (D,) [K]) and the state of charge is kept in [0, 1]."""
    D, C, n = x0.shape
    out = np.empty_like(x0)
    x, xs = np.empty(n), np.empty(n)
    k1, k2, k3, k4 = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    g1, g2, g3, g4 = np.zeros(len(FLOWS)), np.zeros(len(FLOWS)), np.zeros(len(FLOWS)), np.zeros(len(FLOWS))
    Tc = np.empty(N)
    n_rec = len(FLOWS) - FIRST_RECORDED
    for d in range(D):
        k = math.exp(-p.ntu_seg[d])  # per segment, exp(-NTU)
        ecp = math.exp(-p.ntu_cp[d])  # cold plate
        kN = k ** N
        r = which[d]
        h = dt[d]
        for c in range(C):
            for j in range(n):
                x[j] = x0[d, c, j]
            on = -1.0
            for s in range(steps):
                j0, jh, j1 = 2 * s, 2 * s + 1, 2 * s + 2
                if thermostat:
                    on = _switch(p, d, k, ecp, kN, x, N, Tc, th, band)
                _rhs(p, d, k, ecp, kN, x, q_rad[r, j0], q_arr[r, j0], sun[r, j0], N, Tc, k1, g1, flows, on)
                for j in range(n):
                    xs[j] = x[j] + 0.5 * h * k1[j]
                _rhs(p, d, k, ecp, kN, xs, q_rad[r, jh], q_arr[r, jh], sun[r, jh], N, Tc, k2, g2, flows, on)
                for j in range(n):
                    xs[j] = x[j] + 0.5 * h * k2[j]
                _rhs(p, d, k, ecp, kN, xs, q_rad[r, jh], q_arr[r, jh], sun[r, jh], N, Tc, k3, g3, flows, on)
                for j in range(n):
                    xs[j] = x[j] + h * k3[j]
                _rhs(p, d, k, ecp, kN, xs, q_rad[r, j1], q_arr[r, j1], sun[r, j1], N, Tc, k4, g4, flows, on)
                if record:
                    for j in range(n):
                        traj[d, s, j] = x[j]
                    for j in range(n_rec):
                        extra[d, s, j] = g1[FIRST_RECORDED + j]
                if flows:
                    for j in range(N_INTEGRATED):
                        acc[d, j] += h * (g1[j] + 2 * g2[j] + 2 * g3[j] + g4[j]) / 6.0
                for j in range(n):
                    x[j] = x[j] + h * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]) / 6.0
                if thermostat:
                    x[n - 1] = min(max(x[n - 1], 0.0), 1.0)
            for j in range(n):
                out[d, c, j] = x[j]
            if record:
                for j in range(n):
                    traj[d, steps, j] = x[j]
                j1 = 2 * steps
                _rhs(p, d, k, ecp, kN, x, q_rad[r, j1], q_arr[r, j1], sun[r, j1], N, Tc, k1, g1, True, on)
                for j in range(n_rec):
                    extra[d, steps, j] = g1[FIRST_RECORDED + j]
    return out
