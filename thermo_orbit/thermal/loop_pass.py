"""One pass of the loop's hot-case equations, compiled (numba), for the kernel of
:mod:`thermo_orbit.thermal.loop_kernel`: at a pump power P and a coolant inlet T_in, the heat
carried, the properties, the cold-plate film and the new inlet, the tubes, fin, panel and
radiator area, the pressure drops, and the pump power g the loop then needs, with its
analytic slope.

Physics: the chain of :mod:`thermo_orbit.thermal.loop` with the correlations of
:mod:`thermo_orbit.thermal.correlations` (Lyon 1951, Gnielinski 1976, Colebrook 1939 by
Clamond 2009), the fin of :mod:`thermo_orbit.thermal.fins` (Lieblein 1959) and the radiator
of :mod:`thermo_orbit.thermal.radiator` (Mackay 1963), each called through its compiled
scalar form (``*_jit``): every rule has one implementation.

The slope: the hydraulic power splits into tubes, manifolds and cold plate, each a power of
the heat carried Q (linear in P): g = Σ g_k (Q/Q₀)^e_k, g′ = (dQ/dP / Q) Σ e_k g_k.  With the
tube count fixed, the tube term goes as ṁ (f ∝ Re^−m) (L ∝ A ∝ Q) v², e = 4 − m with the
friction exponent m = −d ln f/d ln Re; manifolds and cold plate as ṁ v², e = 3.  With the count
following the target velocity (v, f and L fixed), tubes and manifolds go as ṁ, e = 1.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._forms import property_jit
from .correlations import friction_exponent_jit, friction_factor_darcy_jit, nusselt_exponent_jit, nusselt_jit
from .fins import fin_efficiency_jit, panel_net_flux_jit, profile_number_jit
from .radiator import radiator_area_jit

__all__ = ["hot_pass", "fixed_count_slope", "at_least", "kernel_jit", "N_INPUTS", "N_PASS"]



def kernel_jit(inline: bool = False):
    """The compilation of the loop kernel's functions (numba): cached on disk, NumPy's error
    model (a division by zero gives inf or NaN, as the array code did), no reference
    counting of the arrays, and strict IEEE arithmetic.  The floating-point freedoms
    (fastmath: fused multiply-add, reassociation) were 10 % faster, but code compiled in
    the process and the same code loaded from numba's disk cache then differed in the last
    digits (measured: a fresh checkout sized the example designs differently from a warm
    one, and Dask workers differently from the serial run), so a design's answer would
    depend on which process sized it.  The kernel allocates nothing (its work arrays come
    from the caller), so it needs no counting, and the atomic counting of every array
    passed between its functions cost a third of its time (measured; numba's own option
    ``_nrt``, used the same way in numba issue 2350)."""
    return njit(cache=True, error_model="numpy", _nrt=False,
                **({"inline": "always"} if inline else {}))


#: inputs (array ``x``), in the order of :class:`thermo_orbit.thermal.loop_kernel.LoopInputs`
(I_P, I_P_EXTRA, I_TJ, I_R_JC, I_A_CP, I_D_CP, I_AF_CP, I_K_CP, I_GLIDE, I_EPS, I_TS_HOT, I_TS_COLD, I_D_I, I_WALL,
 I_PITCH, I_V_T, I_T_FIN, I_K_FIN, I_RHO_FIN, I_RHO_TUBE, I_AREAL, I_K_MAN, I_ROUGH, I_ALLOW, I_ETA, I_PSM, I_FREEZE,
 I_BOIL, I_COLD_FRAC, I_LIFT, I_F_HP, I_C_LOSS, I_EPS_COLD, I_N_GIVEN, I_AREA_SCALE) = range(35)
N_INPUTS = 35

#: results of one pass (work array ``r``)
(R_HP_RUNAWAY, R_Q, R_W_HP, R_Q_RAD, R_MDOT_R, R_RHO, R_CP, R_PR, R_MDOT, R_T_WALL_CP, R_DT_FILM_CP, R_T_OUT, R_V, R_RE,
 R_F, R_NU, R_H, R_ETA_FIN, R_ETA_PANEL, R_DT_FILM, R_AREA, R_L_TUBE, R_DP_TUBES, R_DP_MAN, R_DP_CP, R_N, R_N_CONT,
 R_G_T, R_G_M, R_G_C, R_E_T, R_E_M, R_M, R_DQDP, R_T_IN_NEW, R_G, R_SLOPE, R_DTDP, R_T_USED) = range(39)
N_PASS = 39
#: inlet step [K] above which a pass takes its cold plate again from the new inlet
INLET_STEP = 0.1


@kernel_jit()
def at_least(floor, x):
    """max(floor, x) with NaN in x propagating (as ``np.maximum``)."""
    return floor if floor > x else x


@kernel_jit()
def _heat(x, P_pump, T_mean, r):
    """Heat the loop carries Q, the heat pump's work W_hp = a Q, and dQ/dP_pump into r.
    Q = P_extra + (1 + c)(P + P_pump) + c a Q: with c a ≥ 1 no finite load closes the
    balance (heat-pump runaway, Q = inf)."""
    lift, c = x[I_LIFT], x[I_C_LOSS]
    a = lift / (x[I_F_HP] * at_least(1.0, T_mean)) if lift > 0.0 else 0.0
    den = 1.0 - c * a
    ok = den > 0.0
    r[R_HP_RUNAWAY] = 0.0 if ok else 1.0
    r[R_Q] = (x[I_P_EXTRA] + (1.0 + c) * (x[I_P] + P_pump)) / den if ok else np.inf
    r[R_DQDP] = (1.0 + c) / den if ok else 0.0
    r[R_W_HP] = a * r[R_Q]


@kernel_jit()
def _cold_plate(x, co, T_in, r):
    """Properties at the mean coolant temperature, the flow, and the cold-plate film: the
    new inlet temperature T_in = T_wall − P/(h_cp A_cp).  A liquid metal's Nusselt number
    (Lyon 1951) takes no friction factor, so its cold plate skips the Colebrook solve."""
    header, segments, params, lm = co[0], co[1], co[2], co[6]
    Tp = at_least(1.0, T_in - 0.5 * x[I_GLIDE])
    rho = property_jit(0, Tp, header, segments, params)
    cp = property_jit(1, Tp, header, segments, params)
    k = property_jit(2, Tp, header, segments, params)
    mu = property_jit(3, Tp, header, segments, params)
    Pr = cp * mu / k
    mdot = r[R_Q] / (cp * x[I_GLIDE])
    v_cp = mdot / (rho * x[I_AF_CP])
    Re_cp = rho * v_cp * x[I_D_CP] / mu
    f_cp = 0.0 if lm else friction_factor_darcy_jit(Re_cp, 0.0)
    Nu_cp = nusselt_jit(Re_cp, Pr, f_cp, lm, True)
    h_cp = Nu_cp * k / x[I_D_CP]
    r[R_RHO], r[R_CP], r[R_PR], r[R_MDOT] = rho, cp, Pr, mdot
    r[R_T_WALL_CP] = x[I_TJ] - x[I_P] * x[I_R_JC]
    r[R_DT_FILM_CP] = x[I_P] / (h_cp * x[I_A_CP])
    # the inlet's response to the pump power (more flow, a thinner film): the predictor of
    # the next pass's inlet, dT_in/dP = ΔT_film β (dQ/dP)/Q with β = d ln Nu/d ln Re
    m_cp = 0.0 if lm else friction_exponent_jit(Re_cp, 0.0, f_cp)
    beta = nusselt_exponent_jit(Re_cp, Pr, f_cp, m_cp, lm, Nu_cp)
    r[R_DTDP] = r[R_DT_FILM_CP] * beta * r[R_DQDP] / r[R_Q] if r[R_Q] < np.inf else 0.0
    r[R_T_IN_NEW] = r[R_T_WALL_CP] - r[R_DT_FILM_CP]
    r[R_T_OUT] = r[R_T_IN_NEW] - x[I_GLIDE]
    r[R_DP_CP] = x[I_K_CP] * 0.5 * rho * v_cp**2
    return k, mu


@kernel_jit()
def _tubes(x, co, n_fixed, k, mu, r):
    """Tube count (``n_fixed``, or following the target velocity where it is NaN), flow,
    friction, film, fin and panel efficiencies, and the radiator area (Mackay 1963)."""
    rho, d_i, eps, Ts_hot, pitch, lift = r[R_RHO], x[I_D_I], x[I_EPS], x[I_TS_HOT], x[I_PITCH], x[I_LIFT]
    d_o = d_i + 2.0 * x[I_WALL]
    L_fin = 0.5 * (pitch - d_o)
    A_tube = 0.25 * np.pi * d_i**2
    mdot_r = r[R_MDOT] * r[R_Q_RAD] / r[R_Q]
    n_cont = mdot_r / (rho * x[I_V_T] * A_tube)
    n = n_fixed if n_fixed == n_fixed else at_least(1.0, n_cont)
    v = mdot_r / (n * rho * A_tube)
    Re = rho * v * d_i / mu
    f = friction_factor_darcy_jit(Re, x[I_ROUGH] / d_i)
    Nu = nusselt_jit(Re, r[R_PR], f, co[6], True)
    h = Nu * k / d_i
    T_in, T_out = r[R_T_IN_NEW], r[R_T_OUT]
    T_base = at_least(1.0, 0.5 * (T_in + T_out) + lift)
    N = profile_number_jit(L_fin, x[I_T_FIN], x[I_K_FIN], eps, T_base, 2.0)
    theta = min(max(Ts_hot / T_base, 0.0), 0.95)
    eta_fin = fin_efficiency_jit(N, theta, co[3], co[4], co[5])
    eta_panel = (d_o + 2.0 * L_fin * eta_fin) / pitch
    # film drop inside the tubes at the mean emitted flux (both faces, per tube pitch)
    q_pitch = panel_net_flux_jit(T_base, Ts_hot, eps, eta_panel, 2.0) * pitch
    dT_film = max(q_pitch, 0.0) / (h * np.pi * d_i)
    # the area the hot sink needs, times the given scale (1 for the steady sizing; the orbit
    # sizing's root-finder sets it): the tubes' length follows the area, their count the velocity
    area = radiator_area_jit(r[R_Q_RAD], T_in + lift - dT_film, T_out + lift - dT_film, eps, Ts_hot, eta_panel,
                             2.0) * x[I_AREA_SCALE]
    r[R_MDOT_R], r[R_N], r[R_N_CONT], r[R_V], r[R_RE], r[R_F], r[R_NU], r[R_H] = mdot_r, n, n_cont, v, Re, f, Nu, h
    r[R_ETA_FIN], r[R_ETA_PANEL], r[R_DT_FILM], r[R_AREA] = eta_fin, eta_panel, dT_film, area
    r[R_L_TUBE] = area / (n * pitch)
    r[R_DP_TUBES] = f * (r[R_L_TUBE] / d_i) * 0.5 * rho * v**2
    r[R_DP_MAN] = x[I_K_MAN] * 0.5 * rho * v**2
    following = n_fixed != n_fixed and n_cont > 1.0
    m = friction_exponent_jit(Re, x[I_ROUGH] / d_i, f)
    r[R_M] = m
    r[R_E_T] = 1.0 if following else 4.0 - m
    r[R_E_M] = 1.0 if following else 3.0


@kernel_jit()
def _inlet(x, co, P_pump, T_in, r, solve):
    """The heat carried and the cold plate at the inlet T_in, taken again from the new inlet
    where the film moved it by more than :data:`INLET_STEP` (a thick film, the first pass),
    up to three times; with ``solve``, the inlet where the cold plate returns it, bracketed
    and halved to 1e-9 of it (a property that steps where two cited sources meet makes the
    plain iteration cycle across the step: then the step itself).  Returns (k, μ)."""
    for _ in range(4):
        _heat(x, P_pump, T_in - 0.5 * x[I_GLIDE], r)
        k, mu = _cold_plate(x, co, T_in, r)
        D = r[R_T_IN_NEW] - T_in
        if not abs(D) > INLET_STEP and not (solve and D != 0.0):
            r[R_T_USED] = T_in
            return k, mu
        if solve:
            break
        T_in = r[R_T_IN_NEW]
    if solve and D == D:
        a, b = T_in, T_in + D  # D = T_new(T) - T falls with T: a root lies between a and a + D(a)
        for _ in range(60):
            _heat(x, P_pump, b - 0.5 * x[I_GLIDE], r)
            _cold_plate(x, co, b, r)
            if (r[R_T_IN_NEW] - b) * D <= 0.0 or abs(b - a) <= 1e-9 * abs(a):
                break
            a, b = b, b + 2.0 * (b - a)  # not yet across: widen
        for _ in range(60):
            if abs(b - a) <= 1e-9 * abs(a):
                break
            m = 0.5 * (a + b)
            _heat(x, P_pump, m - 0.5 * x[I_GLIDE], r)
            _cold_plate(x, co, m, r)
            if (r[R_T_IN_NEW] - m) * D > 0.0:
                a = m
            else:
                b = m
        T_in = a
    _heat(x, P_pump, T_in - 0.5 * x[I_GLIDE], r)
    k, mu = _cold_plate(x, co, T_in, r)
    r[R_T_USED] = T_in
    return k, mu


@kernel_jit()
def hot_pass(x, co, P_pump, T_in, n_fixed, r, solve_inlet=False):
    """One pass of the hot-case equations at pump power P_pump [W] and inlet T_in [K]:
    every result into r, and the pump power g the pass needs (0 where it has no finite
    value) with its analytic slope g′ (module docstring).  The inlet (:func:`_inlet`):
    taken again from the cold plate's new inlet where that lies more than
    :data:`INLET_STEP` away, or solved for with ``solve_inlet``; r[R_T_USED] is the inlet used."""
    k, mu = _inlet(x, co, P_pump, T_in, r, solve_inlet)
    r[R_Q_RAD] = r[R_Q] + r[R_W_HP]  # the heat pump's work is rejected too
    _tubes(x, co, n_fixed, k, mu, r)
    rho, eta = r[R_RHO], x[I_ETA]
    g_t = r[R_MDOT_R] * r[R_DP_TUBES] / rho / eta
    g_m = r[R_MDOT_R] * r[R_DP_MAN] / rho / eta
    g_c = r[R_MDOT] * r[R_DP_CP] / rho / eta
    P_hyd = (r[R_MDOT_R] * (r[R_DP_TUBES] + r[R_DP_MAN]) + r[R_MDOT] * r[R_DP_CP]) / rho
    finite = np.isfinite(P_hyd)  # not where no finite area rejects the heat (flagged): no pumping then
    r[R_G_T], r[R_G_M], r[R_G_C] = (g_t, g_m, g_c) if finite else (0.0, 0.0, 0.0)
    r[R_G] = P_hyd / eta if finite else 0.0
    slope = r[R_DQDP] / r[R_Q] * (r[R_E_T] * g_t + r[R_E_M] * g_m + 3.0 * g_c)
    r[R_SLOPE] = slope if finite and np.isfinite(slope) else 0.0




@kernel_jit()
def fixed_count_slope(r):
    """g′ of the pass in r [dimensionless] with its tube count held fixed (whatever the pass
    did): (dQ/dP / Q)((4 − m) g_tubes + 3 g_manifolds + 3 g_cold plate).  Below 1 the
    operating point is stable for that count (the first root of g(P) − P)."""
    return r[R_DQDP] / r[R_Q] * ((4.0 - r[R_M]) * r[R_G_T] + 3.0 * (r[R_G_M] + r[R_G_C]))
