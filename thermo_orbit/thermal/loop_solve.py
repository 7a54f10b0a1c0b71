"""The pump-power fixed point and the tube-count rule of the loop kernel, compiled (numba),
on the passes of :mod:`thermo_orbit.thermal.loop_pass`.

**Fixed point.**  The pump power P is a root of F(P) = g(P) − P, g the pump power a pass of
the hot-case equations needs at P (Incropera et al. 2011, Sec. 8.1 for the Darcy–Weisbach
drops; the chain of :mod:`thermo_orbit.thermal.loop`).  Each step solves the pass's own
power-law model of g (its values g_k and exponents e_k, exact at the pass to first order:
Newton with the analytic slope, carried to the model's root), then secant steps on the
passes; once F ≤ 0 has been met the root is bracketed and every step stays inside the
bracket.  It stops when the step in pump power is at most :data:`RTOL` of it (plus
:data:`ATOL_PER_WATT` × the rack power) and the inlet temperature's step at most RTOL of it.

**Pumping runaway** is no root of F in [0, P_max], P_max = P_rack/2.  F is convex in P (a sum
of powers ≥ 1 of the heat carried, linear in P), so the tangent at any pass lies below F:
where the tangent stays above zero over all of [0, P_max], F has no root there.  Every pass
with F > 0 is tested so; a pass with F ≤ 0 proves a root (F(0) ≥ 0).

**Tube count.**  The fixed point with the count following the target velocity,
n_c(P) = ṁ_r(P)/(ρ v_target π d_i²/4) (real), has its first root P_c with the count n_c; the
design's count is n = max(1, ⌈n_c⌉), solved as its own fixed point (the whole count is taken
as soon as n_c is close enough to its converged value that no whole number lies between).
With n ≥ n_c tubes the pump needs less at every flow, so F_n(P_c) ≤ 0: the count's first
root lies below P_c and its velocity is at most the target.  Where the continuous root is a
stable operating point for its count, the velocity falls with the count along the operating
points and n is the smallest count whose velocity at its operating point is at most the
target.  No root of the continuous fixed point in [0, P_max] is a pumping runaway.
"""

from __future__ import annotations

import numpy as np

from .loop_pass import (
    I_N_GIVEN,
    I_P,
    I_R_JC,
    I_TJ,
    I_V_T,
    R_DQDP,
    R_DTDP,
    R_E_M,
    R_E_T,
    R_G,
    R_G_C,
    R_G_M,
    R_G_T,
    R_M,
    R_N,
    R_N_CONT,
    R_Q,
    R_SLOPE,
    R_T_IN_NEW,
    R_T_USED,
    R_V,
    hot_pass,
    kernel_jit,
)

__all__ = ["solve_hot_case", "fixed_point", "runaway_margin", "RTOL", "ATOL_PER_WATT", "MAX_PASSES"]

#: relative step of the pump power (and of the inlet temperature) at which a fixed point stops
RTOL = 1e-9
#: absolute floor of the pump-power step, per watt of rack power
ATOL_PER_WATT = 1e-12
#: passes allowed to one fixed point
MAX_PASSES = 60
_SECANT_AFTER = 2  # passes of a fixed point stepped by the model before secant steps
_LAG = 0.1  # [1/K] bound on |∂ln g/∂T_in| for the sign of F at a lagging inlet
_SLOPE_ERROR = 2e-3  # relative error allowed the analytic slope in a runaway certificate (measured: 3e-4)

#: solver state (array ``st``): pump power and inlet of the last pass, passes so far, last
#: step [W], margin to runaway of a runaway design, status
S_P, S_T, S_PASSES, S_STEP, S_MARGIN, S_STATUS = range(6)
CONVERGED, RUNAWAY, NOT_CONVERGED, DECIDED = 0.0, 1.0, 2.0, 3.0


@kernel_jit()
def _model(r, P, Pn):
    """(G, G′, G″) of the pass's power-law model at Pn: G = Σ g_k (1 + c (Pn − P))^e_k − Pn,
    c = (dQ/dP)/Q, exact at P to first order.  The manifold and cold-plate exponents are
    whole (1 or 3): only the tubes' power needs exp and log."""
    c = r[R_DQDP] / r[R_Q]
    u = 1.0 + c * (Pn - P)
    e_t, g_t = r[R_E_T], r[R_G_T]
    ut = np.exp(e_t * np.log(u)) if e_t != 1.0 and u != 1.0 else u
    um = u * u * u if r[R_E_M] == 3.0 else u
    e_m, g_m, g_c = r[R_E_M], r[R_G_M], r[R_G_C]
    u2 = u * u
    G = g_t * ut + g_m * um + g_c * u2 * u - Pn
    d1 = c * (e_t * g_t * ut / u + e_m * g_m * um / u + 3.0 * g_c * u2) - 1.0
    d2 = c * c * (e_t * (e_t - 1.0) * g_t * ut / u2 + e_m * (e_m - 1.0) * g_m * um / u2 + 6.0 * g_c * u)
    return G, d1, d2


@kernel_jit()
def _model_step(r, P, P_max):
    """The model's first root from P by Newton steps (the model is convex: from the left
    they rise to it; from the right the first step falls past it), capped at P_max, and
    True; where the model has no root, its lowest point (where a runaway certificate is
    likeliest) and False; NaN where P lies beyond the model's lowest point with G < 0."""
    Pn, first = P, 0.0
    G, d1, d2 = _model(r, P, P)
    if d1 < 0.0 and 0.5 * d2 * (G / d1) ** 2 <= 1e-12 * abs(d1) * P_max:  # Newton's step, the model's root to 1e-12
        return min(max(P - G / d1, 0.0), P_max), True
    for _ in range(40):
        G, d1, d2 = _model(r, P, Pn)
        if not d1 < 0.0:
            if G < 0.0 or not d2 > 0.0:
                return np.nan, False
            for _ in range(40):  # no root: Newton on G′ = 0 for the lowest point
                nxt = max(Pn - d1 / d2, 0.0)
                done = abs(nxt - Pn) <= 1e-12 * P_max
                Pn = nxt
                G, d1, d2 = _model(r, P, Pn)
                if done or not d2 > 0.0:
                    break
            return min(Pn, P_max), False
        step = -G / d1
        first = step if first == 0.0 else first
        Pn = max(Pn + step, 0.0)
        if Pn >= P_max:
            return P_max, True
        if abs(step) <= 1e-13 * P_max or abs(step) <= 1e-7 * abs(first):  # the rest: below the pass's own error
            break
    return Pn, True


@kernel_jit()
def _certified_runaway(F, s, P, P_max):
    """Whether the tangent F + s (p − P) stays above zero for all p in [0, P_max], with the
    slope allowed an error of :data:`_SLOPE_ERROR` of g′ = s + 1 (then, F being convex, F
    stays above zero: no root)."""
    ds = _SLOPE_ERROR * abs(s + 1.0)
    low = F - s * P - ds * P if s > 0.0 else F + s * (P_max - P) - ds * (P_max - P)
    return F > 0.0 and low > 0.0


@kernel_jit()
def _next(r, P, F, P_prev, F_prev, P_max, lo, hi, bracketed, use_secant):
    """The next pump power and whether it estimates the root: the model's step, or the
    secant of the last two passes; inside the bracket once there is one (else bisection)."""
    cand, root = _model_step(r, P, P_max)
    if use_secant and P != P_prev and F != F_prev:
        sec = P - F * (P - P_prev) / (F - F_prev)
        if (F - F_prev) / (P - P_prev) < 0.0 and (not bracketed or lo < sec < hi):
            cand, root = sec, True
    if bracketed and not (lo < cand < hi):
        cand, root = 0.5 * (lo + hi), False
    elif cand != cand:  # beyond the model's lowest point, not yet bracketed: back towards lo
        cand, root = 0.5 * (lo + min(P, hi)), False
    return cand, root


@kernel_jit()
def _count_decided(r, step, dT):
    """The whole count ⌈n_c⌉ (at least 1) once the continuous count n_c of this pass is
    close enough to its converged value that no whole number lies between (its error
    bounded from the pump-power and inlet steps: n_c ∝ Q/(ρ c_p)); else NaN."""
    n_c = r[R_N_CONT]
    err = 4.0 * n_c * (r[R_DQDP] * abs(step) / r[R_Q] + 1e-2 * abs(dT)) + 1e-9 * n_c
    if not err < 0.25:
        return np.nan
    if n_c <= 1.0 - err:
        return 1.0
    n = np.ceil(n_c)
    return max(n, 1.0) if n - n_c > err and n_c - (n - 1.0) > err else np.nan


@kernel_jit()
def fixed_point(x, co, n_fixed, r, st, decide=True):
    """Solve F(P) = 0 from st[S_P], st[S_T] with ``n_fixed`` tubes (NaN: the count following
    the target velocity; with ``decide`` it stops as soon as the whole count is decided:
    status DECIDED and the count returned).  Sets st[S_STATUS]; the last pass's results
    stay in r."""
    P_max, atol, P, T = 0.5 * x[I_P], ATOL_PER_WATT * x[I_P], st[S_P], st[S_T]
    lo, hi, bracketed, P_prev, F_prev, first = 0.0, P_max, False, np.nan, np.nan, st[S_PASSES]
    dT_prev, solve_inlet = 0.0, False
    while st[S_PASSES] - first < MAX_PASSES:
        hot_pass(x, co, P, T, n_fixed, r, solve_inlet)
        st[S_PASSES] += 1
        g, T_new, T = r[R_G], r[R_T_IN_NEW], r[R_T_USED]
        st[S_P], st[S_T] = P, T_new
        if not (T_new == T_new and g == g):
            break  # no number: not converged
        F, dT = g - P, T_new - T
        # the pass took the inlet of the last one: its F is off by up to about ∂g/∂T ΔT, so
        # its sign counts only beyond that (|∂ln g/∂T| < 0.1 /K through area and properties)
        lag = _LAG * g * abs(dT)
        if F > lag:
            if not bracketed and _certified_runaway(F - lag, r[R_SLOPE] - 1.0, P, P_max):
                st[S_STATUS] = RUNAWAY
                st[S_MARGIN] = runaway_margin(r, st, P_max)  # from the pass that proved it
                return np.nan
            lo = max(lo, P) if P < hi else lo
        elif F < -lag or F == 0.0:
            hi, bracketed = min(hi, P), True
        cand, root = _next(r, P, F, P_prev, F_prev, P_max, lo, hi, bracketed, st[S_PASSES] - first > _SECANT_AFTER)
        if F == 0.0:  # a root (no pumping at all where no finite area rejects the heat: P = g = 0)
            cand, root = P, True
        if not root and not bracketed and F > lag and abs(cand - P) <= 1e-9 * P_max:
            st[S_STATUS] = RUNAWAY  # at the lowest point of F (the fold, g′ = 1 to the slope's accuracy), F > 0
            st[S_MARGIN] = runaway_margin(r, st, P_max)
            return np.nan
        step = cand - P
        st[S_STEP] = abs(step)
        tol = RTOL * P + atol
        inlet_still = abs(dT) <= RTOL * abs(T) or solve_inlet  # solved within the pass to RTOL once solve_inlet
        if ((root and abs(step) <= tol) or (bracketed and hi - lo <= tol)) and inlet_still:
            st[S_STATUS] = CONVERGED
            return n_fixed
        if decide and n_fixed != n_fixed and root:
            n = _count_decided(r, step, dT)
            if n == n:
                st[S_STATUS] = DECIDED
                return n
        # the inlet flips back and forth without closing in (a property stepping where two cited
        # sources meet): from now on each pass solves for it
        solve_inlet = solve_inlet or (dT * dT_prev < 0.0 and abs(dT) > 0.5 * abs(dT_prev))
        P_prev, F_prev, dT_prev = P, F, dT
        P, T = cand, T_new + r[R_DTDP] * step  # the inlet predicted at the next P
    st[S_STATUS] = NOT_CONVERGED
    return np.nan


@kernel_jit()
def _runaway_state(x, co, n, r, st):
    """A runaway design reported at P_max with ``n`` tubes (NaN: the whole count the target
    velocity needs there, ⌈n_c⌉)."""
    if n != n:
        hot_pass(x, co, 0.5 * x[I_P], st[S_T], np.nan, r)
        n, st[S_T], st[S_PASSES] = max(np.ceil(r[R_N_CONT]), 1.0), r[R_T_IN_NEW], st[S_PASSES] + 1
        n = n if n == n else 1.0
    hot_pass(x, co, 0.5 * x[I_P], st[S_T], n, r)
    st[S_P], st[S_T], st[S_PASSES], st[S_STATUS] = 0.5 * x[I_P], r[R_T_IN_NEW], st[S_PASSES] + 1, RUNAWAY


@kernel_jit()
def _start_with_count(x, r, st, n):
    """The start of the fixed point with ``n`` tubes from the last pass, whose count followed
    the target velocity (n_c at P): the pass's model with the count held at n (at the same
    flow the tubes' loss scales as (n_c/n)^(3−m), the manifolds' as (n_c/n)², the exponents
    those of a fixed count), its root, and the inlet predicted there."""
    P, ratio = st[S_P], r[R_N] / n
    r[R_G_T] *= ratio ** (3.0 - r[R_M])
    r[R_G_M] *= ratio**2
    r[R_E_T], r[R_E_M] = 4.0 - r[R_M], 3.0
    start, root = _model_step(r, P, 0.5 * x[I_P])
    if root and start == start:
        st[S_P], st[S_T] = start, st[S_T] + r[R_DTDP] * (start - P)


@kernel_jit()
def solve_hot_case(x, co, r, st):
    """The hot case of one design with its tube count (module docstring); the accepted pass
    in r, the solver state in st.  Returns the continuous count n_c of the target velocity
    (at the pass where the whole count was decided)."""
    st[:] = 0.0
    st[S_T] = x[I_TJ] - x[I_P] * x[I_R_JC]
    if x[I_N_GIVEN] == x[I_N_GIVEN]:  # a given count (0: the continuous count of the rule): its operating point
        n = max(np.floor(x[I_N_GIVEN]), 1.0) if x[I_N_GIVEN] != 0.0 else np.nan
        fixed_point(x, co, n, r, st, False)
        if st[S_STATUS] == RUNAWAY:
            _runaway_state(x, co, n, r, st)
        return r[R_N_CONT]
    n = fixed_point(x, co, np.nan, r, st)
    n_cont = r[R_N_CONT]
    if st[S_STATUS] == RUNAWAY:
        _runaway_state(x, co, np.nan, r, st)
    if st[S_STATUS] == RUNAWAY or st[S_STATUS] == NOT_CONVERGED:
        return n_cont
    decided, P_c, T_c = st[S_STATUS] == DECIDED, st[S_P], st[S_T]
    for attempt in range(2):
        if st[S_STATUS] == CONVERGED:  # converged before the count was decided: n_c within round-off of a whole number
            n = max(np.ceil(r[R_N_CONT]), 1.0)
        _start_with_count(x, r, st, n)
        for _ in range(3):  # from the continuous root, right of the count's own first root
            fixed_point(x, co, n, r, st)
            if st[S_STATUS] != CONVERGED or r[R_V] <= x[I_V_T]:
                break
            n += 1.0  # the velocity above the target by round-off: one tube more
        if st[S_STATUS] == CONVERGED or not decided or attempt == 1:
            break
        # decided early close to the fold, where the count's fixed point has no root after all:
        # the continuous fixed point to the end, its runaway or its count
        st[S_P], st[S_T] = P_c, T_c
        fixed_point(x, co, np.nan, r, st, False)
        n_cont = r[R_N_CONT]
        if st[S_STATUS] == RUNAWAY:
            _runaway_state(x, co, np.nan, r, st)
        if st[S_STATUS] != CONVERGED:
            break
    return n_cont


@kernel_jit()
def runaway_margin(r, st, P_max):
    """λ* − 1 [dimensionless], λ* = max over [0, P_max] of P/g(P): the factor by which the
    hydraulic power of the loop as sized (its tube count fixed) could grow at every flow (a
    pressure drop underestimated, a pump less efficient) before its fixed point loses its
    root.  g is the pass's power law about its pump power (g_k (Q/Q₀)^e_k, exact there to
    first order; Incropera et al. 2011, Sec. 8.1 for the Darcy–Weisbach drops), the
    operating point, or, for a runaway design, the pass that proved it (then λ* < 1: the
    factor by which the hydraulic power would have to fall for the loop to run; at most 0);
    the maximum is where P g′ = g, found by Newton, or at P_max.  Not converged: NaN."""
    if st[S_STATUS] != CONVERGED and st[S_STATUS] != RUNAWAY:
        return np.nan
    P_0 = st[S_P]
    c, g = r[R_DQDP] / r[R_Q], r[R_G_T] + r[R_G_M] + r[R_G_C]
    if not (g > 0.0 and c > 0.0):
        return np.inf if st[S_STATUS] == CONVERGED else np.nan
    low = P_0 if st[S_STATUS] == CONVERGED else 1e-9 * P_max  # a root: P/g < 1 below it
    e = (r[R_E_T] * r[R_G_T] + 3.0 * (r[R_G_M] + r[R_G_C])) / g  # one power law's tangency P e c = 1 + c (P − P₀)
    P = min(max((1.0 - c * P_0) / (c * (e - 1.0)), low), P_max) if e > 1.0 else P_max
    for _ in range(40):
        G, d1, d2 = _model(r, P_0, P)  # G = g − P, so P g′ − g = P (G′ + 1) − (G + P)
        phi = P * (d1 + 1.0) - (G + P)
        if (P >= P_max and phi <= 0.0) or not P * d2 > 0.0:
            break
        nxt = min(max(P - phi / (P * d2), low), P_max)
        done = abs(nxt - P) <= 1e-9 * P_max  # the margin to 1e-9 of P_max: an estimate, not a solve
        P = nxt
        if done:
            break
    G, _, _ = _model(r, P_0, P)
    margin = P / (G + P) - 1.0 if G + P > 0.0 else np.inf
    return max(margin, 0.0) if st[S_STATUS] == CONVERGED else min(margin, 0.0)
