"""The orbit model's right-hand side and one orbit by RK4, compiled (numba) with designs as
SIMD lanes: the only implementation of the model's physics (tests/transient_oracle.py
holds a numpy transcription as its oracle).  Compiled on first use and cached on disk
next to this file.

Nodes (state, per design): the rack with its cold plates, ``N`` radiator panel segments
along the coolant flow, the battery, the solar array, and the battery's state of charge.
The coolant is quasi-steady: its transit through a segment (about a second) is far shorter
than any node's time constant, so each segment's outlet follows from its inlet and panel
temperature, T_out,i = T_p,i + (T_in,i − T_p,i) exp(−UA_i / ṁc_p), and the last segment's
outlet returns to the cold plate, a heat exchanger with the rack node (Incropera et al.
2011, Sec. 11.3).  Each segment rejects the net flux of the radiating-fin model,
η ε σ 2 (T⁴ − T_s⁴) per unit area (:func:`thermo_orbit.thermal.fins.panel_net_flux_si`,
compiled here from the same source), to the effective sink T_s of the environment at
that instant.  Power: the array (efficiency from its own temperature) feeds the bus
through the daylight path efficiency; the loads are the racks (their eclipse power plus
the rest times the Sun's visible fraction), pump, survival heater and battery heater; a
surplus charges the battery (at most at its charge limit, tapering to zero at full charge,
the rest shunted), a deficit discharges it (discharge and transmission efficiencies),
tapering to zero at empty, where the bus sheds load (the racks first): the state of
charge stays in [0, 1].  The heater is proportional on
the coldest coolant (full power at the set point, none ``heater_band`` above it), or an
on/off thermostat with hysteresis switched at every step start.

Layout: designs (and perturbed copies of them) are *lanes*; a block of :data:`LANES` of
them is integrated together in one flat workspace of rows of :data:`LANES` numbers (a
quantity per row, a lane per column), so that the innermost loops run over lanes and
compile to SIMD instructions.  Every row sits at a fixed offset (room for
:data:`MAX_SEGMENTS` segments), so the compiler sees that a loop's stores and loads never
overlap.  Each block first gathers its designs' parameters into per-lane coefficients
(:data:`COEFFICIENTS`, reciprocals precomputed).  The steps of the orbit are those of its
grid (:mod:`thermo_orbit.transient.grid`), in phase; a lane's time step is the phase step
times period/(2π).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from numba import njit

from .._jit_cache import drop_stale_caches
from ..constants import STEFAN_BOLTZMANN
from ..thermal.fins import panel_net_flux_jit

__all__ = ["FLOWS", "N_INTEGRATED", "FIRST_RECORDED", "COEFFICIENTS", "LANES", "MAX_SEGMENTS", "TAPER_WIDTH",
           "EMPTY_STEPS", "orbit", "coldest_coolant", "jacobian"]

_HERE = Path(__file__).resolve().parent
# the kernel inlines the radiating-fin model of thermal/fins.py and the constants
drop_stale_caches(_HERE / "__pycache__", "kernel.*.nb[ic]",
                  [_HERE / "kernel.py", _HERE.parent / "thermal" / "fins.py", _HERE.parent / "constants.py"])

_SIGMA = STEFAN_BOLTZMANN.si
_net_flux = panel_net_flux_jit  # the radiating-fin model, from its one source

#: the node power terms of the right-hand side: the first N_INTEGRATED are integrated over
#: the orbit (energy bookkeeping), those from FIRST_RECORDED on recorded at every step
FLOWS = ("rack_in", "rack_out", "rad_in", "rad_out", "bat_in", "bat_out", "arr_in", "arr_out", "soc_in", "soc_out",
         "heater", "bat_heater", "shed", "load", "array_power", "coolant_min", "coolant_max")
N_INTEGRATED = 13
FIRST_RECORDED = 10  # the heaters and the load shed are both
#: lanes (designs or copies) integrated together: a block's states and stages stay in L1
LANES = 32
#: the most radiator segments the workspace has rows for (the model allows 1 to 200)
MAX_SEGMENTS = 200
#: the battery's charge tapers linearly to zero over at least this last fraction of its
#: capacity, and its discharge over at least this first fraction (below it the bus sheds load)
TAPER_WIDTH = 0.002
#: each taper spans at least what this many of a lane's longest steps charge or discharge
#: at the largest rate: then no RK4 stage steps past full or empty, and the state of charge
#: stays in [0, 1] (a stage moves it by at most h × the largest rate, half the taper)
EMPTY_STEPS = 2.0
#: the per-lane coefficients a block derives from its designs' parameters, by row
COEFFICIENTS = ("k", "one_minus_k", "ecp", "one_minus_ecp", "inv_den", "pump_over_mcp", "mcp", "inv_C_rack",
                "inv_C_seg", "A_seg", "eta_panel", "eps_rad", "P_rack_eclipse", "P_pump", "P_heater", "T_heater_off",
                "inv_band", "eta_ref_degr", "gamma", "T_ref", "pf_A", "X_d", "inv_X_d", "inv_eta_t", "eta_c",
                "inv_eta_d", "G_over_C_bat", "T_bat_control", "inv_C_bat", "arr_emit", "inv_C_arr", "A_arr",
                "inv_E", "time_scale", "reg_t", "bat_d", "one_minus_eta_c", "one_minus_X_d", "T_set", "P_rack_dip",
                "P_bat_heater", "T_bat_heater_off", "inv_bat_band", "P_charge_max", "inv_empty_width", "inv_full_width")
(_K, _OMK, _ECP, _OME, _INVDEN, _PUMP, _MCP, _ICR, _ICS, _ASEG, _ETA, _EPS, _PRACK, _PPUMP, _PHEAT, _TOFF, _IBAND,
 _ETA0, _GAMMA, _TREF, _PFA, _XD, _IXD, _IETAT, _ETAC, _IETAD, _GCB, _TCTRL, _ICB, _AEMIT, _ICA, _AARR, _IE, _SCALE,
 _REGT, _BATD, _OMEC, _OMXD, _TSET, _PDIP, _PBH, _TBOFF, _IBBAND, _PCMAX, _IEMPTY, _IFULL) = range(len(COEFFICIENTS))
#: forcing rows per node: the sink, the heat the array absorbs, the Sun on the cells, the Sun's visible fraction
_NFO = 4


_NC, _NS, _NF = len(COEFFICIENTS), MAX_SEGMENTS + 4, len(FLOWS)
# workspace rows: coefficients, k^(i+1), state, stage state, four stages, four flow sets,
# coolant outlets, cold-plate outlet, forcing at the step start, midpoint and end, step,
# heater, coldest coolant, the flows' integrals.  A state is held as rack, battery, array,
# charge, then the segments (the model's order is rack, segments, battery, array, charge):
# every row a loop stores to then sits at a fixed distance from the rows it reads.
_R_KP = _NC
_R_X = _R_KP + MAX_SEGMENTS
_R_XS = _R_X + _NS
_R_K = _R_XS + _NS
_R_G = _R_K + 4 * _NS
_R_TC = _R_G + 4 * _NF
_R_T0 = _R_TC + MAX_SEGMENTS
_R_F = _R_T0 + 1
_R_H = _R_F + 3 * _NFO
_R_ON = _R_H + 1
_R_TMIN = _R_ON + 1
_R_ACC = _R_TMIN + 1
_ROWS = _R_ACC + _NF
L = LANES


@njit(inline="always")
def _slot(j, N):
    """The workspace row (from a state's first) of the model's state j: rack 0, segments
    1 … N, battery N + 1, array N + 2, charge N + 3."""
    return j + 3 if 1 <= j <= N else (0 if j == 0 else j - N)


@njit(inline="always")
def _at(row, i):
    """The workspace index of lane i of a row, unsigned: numba then adds no check for a
    negative index, which would hide from the compiler that the lanes are contiguous."""
    return np.uint64(row * L + i)


@njit(cache=True, error_model="numpy")
def _setup(p, lane_design, c0, w, N, period, ws, h_max):
    """Coefficients (rows 0 … len(COEFFICIENTS)) and k^(i+1) of lanes c0 … c0 + w
    (``h_max`` [s]: each lane's longest step, for the width of its discharge taper)."""
    for i in range(w):
        d = lane_design[c0 + i]
        rate = (p.P_rack[d] + p.P_pump[d] + p.P_heater_max[d] + p.P_bat_heater[d]) / (p.eta_t[d] * p.eta_d[d])
        empty = max(TAPER_WIDTH, EMPTY_STEPS * h_max[c0 + i] * rate / p.E_cap[d])
        # the array's power at 0 K bounds its surplus (its efficiency falls with temperature)
        array = p.eta_ref[d] * p.degr[d] * (1.0 + abs(p.gamma[d]) * p.T_ref[d]) * p.pf[d] * p.A_arr[d] * p.S[d]
        full = max(TAPER_WIDTH, EMPTY_STEPS * h_max[c0 + i] * min(p.P_charge_max[d], array * p.X_d[d]) * p.eta_c[d]
                   / p.E_cap[d])
        k, ecp = math.exp(-p.ntu_seg[d]), math.exp(-p.ntu_cp[d])
        kn = 1.0
        for s in range(N):
            kn *= k
            ws[_at((_R_KP + s), i)] = kn
        v = (k, 1.0 - k, ecp, 1.0 - ecp, 1.0 / (1.0 - ecp * kn), p.P_pump[d] / p.mcp[d], p.mcp[d], 1.0 / p.C_rack[d],
             1.0 / p.C_seg[d], p.A_seg[d], p.eta_panel[d], p.eps_rad[d], p.P_rack_eclipse[d], p.P_pump[d],
             p.P_heater_max[d], p.T_set[d] + p.heater_band[d], 1.0 / p.heater_band[d], p.eta_ref[d] * p.degr[d],
             p.gamma[d], p.T_ref[d], p.pf[d] * p.A_arr[d], p.X_d[d], 1.0 / p.X_d[d], 1.0 / p.eta_t[d], p.eta_c[d],
             1.0 / p.eta_d[d], p.G_bat[d] / p.C_bat[d], p.T_bat_control[d], 1.0 / p.C_bat[d],
             p.A_arr[d] * (p.eps_f[d] + p.eps_b[d]) * _SIGMA, 1.0 / p.C_arr[d], p.A_arr[d], 1.0 / p.E_cap[d],
             period[d] / (2.0 * math.pi), (1.0 / p.eta_t[d] - 1.0) * p.eta_t[d], 1.0 / p.eta_d[d] - 1.0,
             1.0 - p.eta_c[d], 1.0 - p.X_d[d], p.T_set[d], p.P_rack[d] - p.P_rack_eclipse[d], p.P_bat_heater[d],
             p.T_bat_heater_off[d], 1.0 / p.bat_heater_band[d], p.P_charge_max[d], 1.0 / empty, 1.0 / full)
        for c in range(_NC):
            ws[_at(c, i)] = v[c]


@njit(cache=True, error_model="numpy", inline="always")
def _coolant(ws, w, N, X):
    """Segment outlets into rows _R_TC by the recurrence T_c,i = T_p,i (1 − k) + k T_c,i−1,
    the cold plate closing the loop: its outlet into row _R_T0, the last segment's (the
    coldest coolant) into row _R_TMIN (states in rows X …)."""
    for i in range(w):
        ws[_at(_R_TC, i)] = ws[_at((X + 4), i)] * ws[_at(_OMK, i)]
    for s in range(1, N):
        for i in range(w):
            ws[_at((_R_TC + s), i)] = (ws[_at((X + 4 + s), i)] * ws[_at(_OMK, i)]
                                       + ws[_at(_K, i)] * ws[_at((_R_TC + s - 1), i)])
    for i in range(w):
        ws[_at(_R_T0, i)] = ((ws[_at(X, i)] * ws[_at(_OME, i)] + ws[_at(_PUMP, i)]
                              + ws[_at(_ECP, i)] * ws[_at((_R_TC + N - 1), i)]) * ws[_at(_INVDEN, i)])
    for i in range(w):
        ws[_at(_R_TMIN, i)] = ws[_at((_R_TC + N - 1), i)] + ws[_at((_R_KP + N - 1), i)] * ws[_at(_R_T0, i)]


@njit(error_model="numpy", inline="always")
def _bus(ws, i, X, F):
    """The bus of lane i: the survival heater (proportional on the coldest coolant, or on/off
    where row _R_ON ≥ 0), the battery heater (proportional on the battery), the racks (their
    eclipse power plus the difference times the Sun's visible fraction), the array's power
    at its temperature; a surplus charges the battery (up to its charge limit, tapering at
    full charge; the rest shunted), a deficit
    discharges it, tapering to nothing at empty, where the bus sheds what the battery no
    longer gives: the racks first, then the survival heater, the battery heater, and last
    the pump (its heat in the loop kept).  Returns the survival and battery heaters and the
    racks as served, the load asked for, the load shed, the charge into and discharge out of
    the battery's terminals, and the power drawn from the array [W]."""
    prop = min(max((ws[_at(_TOFF, i)] - ws[_at(_R_TMIN, i)]) * ws[_at(_IBAND, i)], 0.0), 1.0)
    on = ws[_at(_R_ON, i)]
    heater = ws[_at(_PHEAT, i)] * (prop if on < 0.0 else on)
    bat_heater = ws[_at(_PBH, i)] * min(max((ws[_at(_TBOFF, i)] - ws[_at((X + 1), i)]) * ws[_at(_IBBAND, i)], 0.0),
                                        1.0)
    rack = ws[_at(_PRACK, i)] + ws[_at(_PDIP, i)] * ws[_at((F + 3), i)]
    eta = ws[_at(_ETA0, i)] * (1.0 + ws[_at(_GAMMA, i)] * (ws[_at((X + 2), i)] - ws[_at(_TREF, i)]))
    P_avail = max(eta, 0.0) * ws[_at(_PFA, i)] * ws[_at((F + 2), i)]
    load = rack + ws[_at(_PPUMP, i)] + heater + bat_heater
    surplus = P_avail * ws[_at(_XD, i)] - load
    soc = ws[_at((X + 3), i)]
    charge = min(max(surplus, 0.0), ws[_at(_PCMAX, i)]) * min(max((1.0 - soc) * ws[_at(_IFULL, i)], 0.0), 1.0)
    deficit = max(-surplus, 0.0)
    served = deficit * min(max(soc * ws[_at(_IEMPTY, i)], 0.0), 1.0)
    shed = deficit - served
    drawn = min(P_avail, (load + charge) * ws[_at(_IXD, i)])
    shed_rack = min(shed, rack)
    shed_heater = min(shed - shed_rack, heater)
    shed_bat = min(shed - shed_rack - shed_heater, bat_heater)
    return (heater - shed_heater, bat_heater - shed_bat, rack - shed_rack, load, shed, charge,
            served * ws[_at(_IETAT, i)], drawn)


@njit(error_model="numpy", inline="always")
def _lumped_lane(ws, i, X, DX, F):
    """The rack, battery, array and charge derivatives of lane i (states in rows X …,
    derivatives into rows DX …, forcing in rows F …), the bus from :func:`_bus`; returns
    what the FLOWS need."""
    heater, bat_heater, rack, load, shed, charge, discharge, drawn = _bus(ws, i, X, F)
    bat_loss = charge * ws[_at(_OMEC, i)] + discharge * ws[_at(_BATD, i)] + bat_heater
    reg_loss = drawn * ws[_at(_OMXD, i)] + discharge * ws[_at(_REGT, i)]
    to_coolant = ws[_at(_MCP, i)] * (ws[_at(_R_T0, i)] - ws[_at(_R_TMIN, i)]) - ws[_at(_PPUMP, i)]
    Ta2 = ws[_at((X + 2), i)] * ws[_at((X + 2), i)]
    arr_emit = ws[_at(_AEMIT, i)] * (Ta2 * Ta2)
    ws[_at(DX, i)] = (rack + heater + reg_loss - to_coolant) * ws[_at(_ICR, i)]
    ws[_at((DX + 1), i)] = (bat_loss * ws[_at(_ICB, i)]
                                - (ws[_at((X + 1), i)] - ws[_at(_TCTRL, i)]) * ws[_at(_GCB, i)])
    ws[_at((DX + 2), i)] = (ws[_at(_AARR, i)] * ws[_at((F + 1), i)] - arr_emit - drawn) * ws[_at(_ICA, i)]
    ws[_at((DX + 3), i)] = (charge * ws[_at(_ETAC, i)] - discharge * ws[_at(_IETAD, i)]) * ws[_at(_IE, i)]
    return heater, bat_heater, rack, load, shed, charge, discharge, drawn, bat_loss, to_coolant, arr_emit


@njit(cache=True, error_model="numpy", inline="always")
def _lumped(ws, w, N, X, DX, F, G, want):
    """The lumped nodes' derivatives (:func:`_lumped_lane`); with ``want`` their FLOWS and
    the bus's into rows G … (the radiator's, G + 2 and G + 3, from the segments).  Two
    loops, so that the one without the flows has no branch in it."""
    if not want:
        for i in range(w):
            _lumped_lane(ws, i, X, DX, F)
        return
    for i in range(w):
        heater, bat_heater, rack, load, shed, charge, discharge, drawn, bat_loss, to_coolant, arr_emit = (
            _lumped_lane(ws, i, X, DX, F))
        bat_w = (ws[_at((X + 1), i)] - ws[_at(_TCTRL, i)]) * ws[_at(_GCB, i)] / ws[_at(_ICB, i)]
        ws[_at(G, i)] = rack + heater + drawn * ws[_at(_OMXD, i)] + discharge * ws[_at(_REGT, i)]
        ws[_at((G + 1), i)] = to_coolant
        ws[_at((G + 4), i)] = bat_loss + max(-bat_w, 0.0)
        ws[_at((G + 5), i)] = max(bat_w, 0.0)
        ws[_at((G + 6), i)] = ws[_at(_AARR, i)] * ws[_at((F + 1), i)]
        ws[_at((G + 7), i)] = arr_emit + drawn
        ws[_at((G + 8), i)] = charge * ws[_at(_ETAC, i)]
        ws[_at((G + 9), i)] = discharge * ws[_at(_IETAD, i)]
        ws[_at((G + 10), i)], ws[_at((G + 11), i)], ws[_at((G + 12), i)] = heater, bat_heater, shed
        ws[_at((G + 13), i)], ws[_at((G + 14), i)] = load, drawn
        ws[_at((G + 15), i)], ws[_at((G + 16), i)] = ws[_at(_R_TMIN, i)], ws[_at(_R_T0, i)]


@njit(cache=True, error_model="numpy", inline="always")
def _segments(ws, w, N, X, DX, F, G, want):
    """The radiator segments: heat from the coolant, the net flux of the radiating-fin model
    to the sink (row F) rejected; with ``want`` rad_in and rad_out into rows G + 2, G + 3."""
    if want:
        for i in range(w):
            ws[_at((G + 2), i)], ws[_at((G + 3), i)] = 0.0, 0.0
    for i in range(w):  # the first segment: its inlet is the cold plate's outlet
        T_out = ws[_at(_R_TC, i)] + ws[_at(_R_KP, i)] * ws[_at(_R_T0, i)]
        Q = ws[_at(_MCP, i)] * (ws[_at(_R_T0, i)] - T_out)
        net = ws[_at(_ASEG, i)] * _net_flux(ws[_at((X + 4), i)], ws[_at(F, i)], ws[_at(_EPS, i)], ws[_at(_ETA, i)],
                                            2.0)
        ws[_at((DX + 4), i)] = (Q - net) * ws[_at(_ICS, i)]
        if want:
            ws[_at((G + 2), i)] += Q + max(-net, 0.0)
            ws[_at((G + 3), i)] += max(net, 0.0)
    for s in range(1, N):
        for i in range(w):
            T0 = ws[_at(_R_T0, i)]
            T_in = ws[_at((_R_TC + s - 1), i)] + ws[_at((_R_KP + s - 1), i)] * T0
            Q = ws[_at(_MCP, i)] * (T_in - ws[_at((_R_TC + s), i)] - ws[_at((_R_KP + s), i)] * T0)
            net = ws[_at(_ASEG, i)] * _net_flux(ws[_at((X + 4 + s), i)], ws[_at(F, i)], ws[_at(_EPS, i)],
                                                ws[_at(_ETA, i)], 2.0)
            ws[_at((DX + 4 + s), i)] = (Q - net) * ws[_at(_ICS, i)]
            if want:
                ws[_at((G + 2), i)] += Q + max(-net, 0.0)
                ws[_at((G + 3), i)] += max(net, 0.0)


@njit(cache=True, error_model="numpy", inline="always")
def _rhs(ws, w, N, X, DX, F, G, want):
    """Derivatives into rows DX … at the states in rows X … under the forcing in rows F …
    (the sink, the heat the array absorbs per unit area, the Sun on the cells, the Sun's
    visible fraction); with
    ``want`` the FLOWS into rows G ….  The heater is proportional where row _R_ON < 0,
    else P_max × on."""
    _coolant(ws, w, N, X)
    _lumped(ws, w, N, X, DX, F, G, want)
    _segments(ws, w, N, X, DX, F, G, want)


@njit(cache=True, error_model="numpy", inline="always")
def _forcing(ws, w, c0, lane_row, Fo, j, F):
    """The forcing at node j into rows F …."""
    for i in range(w):
        r = lane_row[c0 + i]
        ws[_at(F, i)], ws[_at((F + 1), i)] = Fo[0, r, j], Fo[1, r, j]
        ws[_at((F + 2), i)], ws[_at((F + 3), i)] = Fo[2, r, j], Fo[3, r, j]


@njit(cache=True, error_model="numpy", inline="always")
def _switch(ws, w, N, th, c0, band):
    """The on/off thermostat at a step start: on below the set point, off above set point +
    band, else as it was; counts switchings and the coldest coolant in th (lanes, 3)."""
    _coolant(ws, w, N, _R_X)
    for i in range(w):
        T_c, on = ws[_at(_R_TMIN, i)], ws[_at(_R_ON, i)]
        new = 1.0 if T_c < ws[_at(_TSET, i)] else (0.0 if T_c > ws[_at(_TSET, i)] + band[c0 + i] else on)
        if new != on:
            th[c0 + i, 1] += 1.0
        th[c0 + i, 2] = min(th[c0 + i, 2], T_c)
        th[c0 + i, 0] = new
        ws[_at(_R_ON, i)] = new


@njit(cache=True, error_model="numpy", inline="always")
def _axpy(ws, w, n, a, K):
    """Stage state: rows _R_XS = rows _R_X + a h rows K."""
    for j in range(n):
        for i in range(w):
            ws[_at((_R_XS + j), i)] = ws[_at((_R_X + j), i)] + a * ws[_at(_R_H, i)] * ws[_at((K + j), i)]


@njit(cache=True, error_model="numpy", inline="always")
def _combine(ws, w, n, R, S, stride):
    """The RK4 update of rows R … (n of them) from the four stages in rows S, S + stride,
    S + 2 stride, S + 3 stride: the state (_R_X from _R_K) or the flows' integrals (_R_ACC
    from _R_G)."""
    for j in range(n):
        for i in range(w):
            ws[_at((R + j), i)] += ws[_at(_R_H, i)] * (
                ws[_at((S + j), i)] + 2.0 * ws[_at((S + stride + j), i)] + 2.0 * ws[_at((S + 2 * stride + j), i)]
                + ws[_at((S + 3 * stride + j), i)]) / 6.0


@njit(cache=True, error_model="numpy", inline="always")
def _record(ws, w, c0, s, n, N, traj, extra):
    """The states and the recorded flows (of the first stage) at a step start."""
    for i in range(w):
        for j in range(n):
            traj[c0 + i, s, j] = ws[_at((_R_X + _slot(j, N)), i)]
        for j in range(FIRST_RECORDED, _NF):
            extra[c0 + i, s, j - FIRST_RECORDED] = ws[_at((_R_G + j), i)]


@njit(cache=True, error_model="numpy")
def _block(ws, c0, w, N, lane_row, Fo, step, flows, record, traj, extra, thermostat, th, band):
    """One block of lanes (coefficients and states in ws) through the orbit by RK4."""
    n, steps = N + 4, step.shape[1]
    want = flows or record
    for s in range(steps):
        if thermostat:
            _switch(ws, w, N, th, c0, band)
        for i in range(w):
            ws[_at(_R_H, i)] = step[lane_row[c0 + i], s] * ws[_at(_SCALE, i)]
        _forcing(ws, w, c0, lane_row, Fo, 2 * s, _R_F)
        _forcing(ws, w, c0, lane_row, Fo, 2 * s + 1, _R_F + _NFO)
        _forcing(ws, w, c0, lane_row, Fo, 2 * s + 2, _R_F + 2 * _NFO)
        _rhs(ws, w, N, _R_X, _R_K, _R_F, _R_G, want)
        _axpy(ws, w, n, 0.5, _R_K)
        _rhs(ws, w, N, _R_XS, _R_K + _NS, _R_F + _NFO, _R_G + _NF, flows)
        _axpy(ws, w, n, 0.5, _R_K + _NS)
        _rhs(ws, w, N, _R_XS, _R_K + 2 * _NS, _R_F + _NFO, _R_G + 2 * _NF, flows)
        _axpy(ws, w, n, 1.0, _R_K + 2 * _NS)
        _rhs(ws, w, N, _R_XS, _R_K + 3 * _NS, _R_F + 2 * _NFO, _R_G + 3 * _NF, flows)
        if record:
            _record(ws, w, c0, s, n, N, traj, extra)
        if flows:
            _combine(ws, w, N_INTEGRATED, _R_ACC, _R_G, _NF)
        _combine(ws, w, n, _R_X, _R_K, _NS)
        if thermostat:
            for i in range(w):
                ws[_at((_R_X + 3), i)] = min(max(ws[_at((_R_X + 3), i)], 0.0), 1.0)
    if record:  # the state and the recorded flows at the orbit's end
        _forcing(ws, w, c0, lane_row, Fo, 2 * steps, _R_F)
        _rhs(ws, w, N, _R_X, _R_K, _R_F, _R_G, True)
        _record(ws, w, c0, steps, n, N, traj, extra)


@njit(cache=True, error_model="numpy")
def orbit(p, x0, lane_design, lane_row, Fo, step, period, N, flows, record, acc, traj, extra, thermostat, th, band):
    """x(T) of every lane by RK4 over the orbit's grid, x0 (L, n): lane l is design
    lane_design[l] (its parameters p, period [s]) on forcing row lane_row[l] of Fo (4, U,
    2 steps + 1) with phase steps ``step`` (U, steps).  With ``flows`` the integrals of
    FLOWS[:N_INTEGRATED] over the orbit go into acc (L, N_INTEGRATED); with ``record``
    also the states (L, steps + 1, n) into traj and FLOWS[FIRST_RECORDED:] at every step
    start and at the end into extra.  With ``thermostat`` the heater is on/off (state th
    (L, 3): on, switches, coldest coolant; dead band ``band`` (L,) [K]) and the state of
    charge is kept in [0, 1]."""
    n_lanes, n = x0.shape
    out = np.empty_like(x0)
    ws = np.zeros(_ROWS * L)
    h_max = np.zeros(n_lanes)
    for c in range(n_lanes):
        for s in range(step.shape[1]):
            h_max[c] = max(h_max[c], step[lane_row[c], s] * period[lane_design[c]] / (2.0 * math.pi))
    for c0 in range(0, n_lanes, L):
        w = min(L, n_lanes - c0)
        _setup(p, lane_design, c0, w, N, period, ws, h_max)
        for i in range(w):
            for j in range(n):
                ws[_at((_R_X + _slot(j, N)), i)] = x0[c0 + i, j]
            for j in range(N_INTEGRATED):
                ws[_at((_R_ACC + j), i)] = 0.0
            ws[_at(_R_ON, i)] = th[c0 + i, 0] if thermostat else -1.0
        _block(ws, c0, w, N, lane_row, Fo, step, flows, record, traj, extra, thermostat, th, band)
        for i in range(w):
            for j in range(n):
                out[c0 + i, j] = ws[_at((_R_X + _slot(j, N)), i)]
            if flows:
                for j in range(N_INTEGRATED):
                    acc[c0 + i, j] = ws[_at((_R_ACC + j), i)]
    return out


@njit(cache=True, error_model="numpy")
def coldest_coolant(p, x, N):
    """The coldest coolant (the last segment's outlet) [K] of each design at states x (D, n)."""
    D, n = x.shape
    out = np.empty(D)
    ws = np.zeros(_ROWS * L)
    designs, period = np.arange(D), np.ones(D)
    for c0 in range(0, D, L):
        w = min(L, D - c0)
        _setup(p, designs, c0, w, N, period, ws, np.zeros(D))
        for i in range(w):
            for j in range(n):
                ws[_at((_R_X + _slot(j, N)), i)] = x[c0 + i, j]
        _coolant(ws, w, N, _R_X)
        for i in range(w):
            out[c0 + i] = ws[_at(_R_TMIN, i)]
    return out


@njit(cache=True, error_model="numpy")
def jacobian(p, x, f, N, dT, dsoc):
    """The Jacobian of the right-hand side (D, n, n), J[d, i, j] = ∂ẋ_i/∂x_j, at states x
    (D, n) under the forcing f (4, D) (sink [K], heat absorbed by the array [W/m²], Sun on
    the cells [W/m²], the Sun's visible fraction), proportional heater, the discharge taper
    :data:`TAPER_WIDTH` wide: central differences of ±dT [K] on the
    temperatures, a backward difference of dsoc on the state of charge (above full charge
    the charge taper is flat)."""
    D, n = x.shape
    J = np.empty((D, n, n))
    ws = np.zeros(_ROWS * L)
    designs, period = np.arange(D), np.ones(D)
    for c0 in range(0, D, L):
        w = min(L, D - c0)
        _setup(p, designs, c0, w, N, period, ws, np.zeros(D))
        for i in range(w):
            ws[_at(_R_ON, i)] = -1.0
            for j in range(_NFO):
                ws[_at((_R_F + j), i)] = f[j, c0 + i]
        for col in range(n):
            lo, hi = (-dT, dT) if col < n - 1 else (-dsoc, 0.0)
            for side in range(2):
                for i in range(w):
                    for j in range(n):
                        ws[_at((_R_X + _slot(j, N)), i)] = x[c0 + i, j]
                    ws[_at((_R_X + _slot(col, N)), i)] += lo if side == 0 else hi
                _rhs(ws, w, N, _R_X, _R_K + side * _NS, _R_F, _R_G, False)
            for i in range(w):
                for j in range(n):
                    r = _slot(j, N)
                    J[c0 + i, j, col] = (ws[_at((_R_K + _NS + r), i)] - ws[_at((_R_K + r), i)]) / (hi - lo)
    return J
