"""One orbit of the transient model by RK4, compiled per design (numba): the map x ↦ Φ(x)
that the periodic shooting evaluates over and over, and the recorded orbit with its
energy bookkeeping.

The same right-hand side as :func:`thermo_orbit.transient._rhs` with the proportional
heater, written on scalars; the numpy form stays the reference (and runs the on/off
thermostat): tests hold the two to 1e-9 K and the same energy integrals over an orbit.
Compiled on first use and cached on disk next to this file.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__: list[str] = []

_SIGMA = 5.670374419e-8  # CODATA 2018 (constants.STEFAN_BOLTZMANN)

#: rows of the parameter matrix: TransientModel fields
PARAMS = ("P_rack", "P_pump", "C_rack", "ntu_cp", "mcp", "A_seg", "C_seg", "ntu_seg", "eta_panel", "eps_rad",
          "E_cap", "C_bat", "G_bat", "T_bat_control", "eta_c", "eta_d", "eta_t", "A_arr", "C_arr", "eta_ref",
          "gamma", "T_ref", "pf", "degr", "eps_f", "eps_b", "X_d", "T_set", "P_heater_max", "heater_band")


#: the node power terms _rhs returns with ``want``: the first 11 are integrated over the
#: orbit (transient._ACCUM), the last 5 recorded at every step (transient's ``extra``)
FLOWS = ("rack_in", "rack_out", "rad_in", "rad_out", "bat_in", "bat_out", "arr_in", "arr_out", "soc_in", "soc_out",
         "heater", "load", "array_power", "coolant_min", "coolant_max")
_N_ACC = 11  # FLOWS[:11] are integrated
_EXTRA0 = 10  # FLOWS[10:] are recorded (the heater is both)


@njit(cache=True, error_model="numpy", inline="always")
def _rhs(p, k, ecp, kN, x, q_rad, q_arr, sun, N, Tc, dx, fl, want):
    P_rack = p[0]
    P_pump = p[1]
    C_rack = p[2]
    mcp = p[4]
    A_seg = p[5]
    C_seg = p[6]
    eta_panel = p[8]
    eps_rad = p[9]
    E_cap = p[10]
    C_bat = p[11]
    G_bat = p[12]
    T_bat_control = p[13]
    eta_c = p[14]
    eta_d = p[15]
    eta_t = p[16]
    A_arr = p[17]
    C_arr = p[18]
    eta_ref = p[19]
    gamma = p[20]
    T_ref = p[21]
    pf = p[22]
    degr = p[23]
    eps_f = p[24]
    eps_b = p[25]
    X_d = p[26]
    T_set = p[27]
    P_heater_max = p[28]
    heater_band = p[29]
    T_r, T_b, T_a, soc = x[0], x[1 + N], x[2 + N], x[3 + N]
    # coolant around the loop: segment outlets with T_c,0 = 0, then the cold plate closes it
    prev = 0.0
    for i in range(N):
        prev = x[1 + i] * (1.0 - k) if i == 0 else x[1 + i] * (1.0 - k) + k * prev
        Tc[i] = prev
    T0 = (T_r * (1 - ecp) + P_pump / mcp + ecp * Tc[N - 1]) / (1 - ecp * kN)
    kp = 1.0
    for i in range(N):
        kp *= k
        Tc[i] += kp * T0
    T_cmin = Tc[N - 1]
    heater = P_heater_max * min(max((T_set + heater_band - T_cmin) / heater_band, 0.0), 1.0)
    eta = eta_ref * (1.0 + gamma * (T_a - T_ref)) * degr
    P_avail = max(eta, 0.0) * pf * sun * A_arr
    load = P_rack + P_pump + heater
    surplus = P_avail * X_d - load
    taper = min(max((1.0 - soc) / 0.002, 0.0), 1.0)
    charge = max(surplus, 0.0) * taper
    discharge = max(-surplus, 0.0) / eta_t
    drawn = min(P_avail, (load + charge) / X_d)
    dE = charge * eta_c - discharge / eta_d
    bat_loss = charge * (1.0 - eta_c) + discharge * (1.0 / eta_d - 1.0)
    reg_loss = drawn * (1.0 - X_d) + discharge * (1.0 / eta_t - 1.0) * eta_t
    absorbed = A_seg * q_rad
    emit = A_seg * eta_panel * eps_rad * _SIGMA * 2.0
    T_in = T0
    rad_in = 0.0
    rad_out = 0.0
    for i in range(N):
        Tp2 = x[1 + i] * x[1 + i]
        Q_seg = mcp * (T_in - Tc[i])
        emitted = emit * (Tp2 * Tp2)
        dx[1 + i] = (Q_seg + absorbed - emitted) / C_seg
        rad_in += Q_seg + absorbed
        rad_out += emitted
        T_in = Tc[i]
    to_coolant = mcp * (T0 - Tc[N - 1]) - P_pump
    bat_out = G_bat * (T_b - T_bat_control)
    dx[0] = (P_rack + heater + reg_loss - to_coolant) / C_rack
    dx[1 + N] = (bat_loss - bat_out) / C_bat
    Ta2 = T_a * T_a
    arr_abs = A_arr * q_arr
    arr_emit = A_arr * (eps_f + eps_b) * _SIGMA * (Ta2 * Ta2)
    dx[2 + N] = (arr_abs - arr_emit - drawn) / C_arr
    dx[3 + N] = dE / E_cap
    if want:  # the node power terms of transient._rhs, in FLOWS order
        fl[0] = P_rack + heater + reg_loss
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


@njit(cache=True, error_model="numpy")
def _orbit(params, x0, q_rad, q_arr, sun, which, dt, steps, N, flows, record, traj, extra, acc):
    """x(T) of every design and copy, x0 of shape (D, P, n); forcing rows (U, 2 steps + 1)
    at step starts and midpoints, design d on row which[d]; RK4 steps dt[d].  With
    ``flows`` (P = 1) the integrals of FLOWS[:11] over the orbit go into acc (D, 11); with
    ``record`` also the states (D, steps + 1, n) into traj and FLOWS[10:] at every step
    start and at the end (D, steps + 1, 5) into extra."""
    D, C, n = x0.shape
    out = np.empty_like(x0)
    x = np.empty(n)
    xs = np.empty(n)
    k1 = np.empty(n)
    k2 = np.empty(n)
    k3 = np.empty(n)
    k4 = np.empty(n)
    g1 = np.zeros(len(FLOWS))
    g2 = np.zeros(len(FLOWS))
    g3 = np.zeros(len(FLOWS))
    g4 = np.zeros(len(FLOWS))
    Tc = np.empty(N)
    for d in range(D):
        p = params[:, d].copy()
        k = math.exp(-p[7])  # per segment, exp(-NTU)
        ecp = math.exp(-p[3])  # cold plate
        kN = k ** N
        r = which[d]
        h = dt[d]
        for c in range(C):
            for j in range(n):
                x[j] = x0[d, c, j]
            for s in range(steps):
                j0, jh, j1 = 2 * s, 2 * s + 1, 2 * s + 2
                _rhs(p, k, ecp, kN, x, q_rad[r, j0], q_arr[r, j0], sun[r, j0], N, Tc, k1, g1, flows)
                for j in range(n):
                    xs[j] = x[j] + 0.5 * h * k1[j]
                _rhs(p, k, ecp, kN, xs, q_rad[r, jh], q_arr[r, jh], sun[r, jh], N, Tc, k2, g2, flows)
                for j in range(n):
                    xs[j] = x[j] + 0.5 * h * k2[j]
                _rhs(p, k, ecp, kN, xs, q_rad[r, jh], q_arr[r, jh], sun[r, jh], N, Tc, k3, g3, flows)
                for j in range(n):
                    xs[j] = x[j] + h * k3[j]
                _rhs(p, k, ecp, kN, xs, q_rad[r, j1], q_arr[r, j1], sun[r, j1], N, Tc, k4, g4, flows)
                if record:
                    for j in range(n):
                        traj[d, s, j] = x[j]
                    for j in range(len(FLOWS) - _EXTRA0):
                        extra[d, s, j] = g1[_EXTRA0 + j]
                if flows:
                    for j in range(_N_ACC):
                        acc[d, j] += h * (g1[j] + 2 * g2[j] + 2 * g3[j] + g4[j]) / 6.0
                for j in range(n):
                    x[j] = x[j] + h * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]) / 6.0
            for j in range(n):
                out[d, c, j] = x[j]
            if record:
                for j in range(n):
                    traj[d, steps, j] = x[j]
                j1 = 2 * steps
                _rhs(p, k, ecp, kN, x, q_rad[r, j1], q_arr[r, j1], sun[r, j1], N, Tc, k1, g1, True)
                for j in range(len(FLOWS) - _EXTRA0):
                    extra[d, steps, j] = g1[_EXTRA0 + j]
    return out
