"""The periodic orbit by shooting: Newton's method on x ↦ Φ(x) − x, Φ the state after one
orbit (:func:`thermo_orbit.transient.integrate.integrate`), with Broyden updates of the
Jacobian and finite differences where Broyden stalls, vectorised over designs; and the
certificate of the solution (periodicity errors and the energy closure of every node)."""

from __future__ import annotations

import numpy as np

from ..constants import STEFAN_BOLTZMANN
from .integrate import OrbitRun, integrate
from .model import TransientModel, take

__all__ = ["stable_steps", "periodic_orbit", "initial_guess"]

_SIGMA = STEFAN_BOLTZMANN.si
_SCALE_K = 1.0
_SCALE_SOC = 1e-3
_TOL_K, _TOL_SOC = 1e-7, 1e-10  # shooting stops here: well past the certificate's 1e-3 K and 1e-6


def stable_steps(m: TransientModel, steps: int) -> int:
    """At least ``steps`` [dimensionless count], and enough that the RK4 step stays within
    1.5 times the fastest node time constant (the stability limit of RK4 on a decaying mode
    is 2.78 τ, Hairer & Wanner 1996, Sec. IV.2): the
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


def initial_guess(m: TransientModel) -> np.ndarray:
    """A starting state (D, n): temperatures [K] (the radiator near its temperature at the
    mean load, the battery at its control temperature) and full charge [dimensionless]."""
    N = m.n_segments
    x = np.zeros((len(m.names), m.n_state))
    T_guess = (m.P_rack / (m.A_seg * N * m.eta_panel * m.eps_rad * _SIGMA * 2.0)) ** 0.25
    x[:, 0] = T_guess + 20.0
    x[:, 1:1 + N] = T_guess[:, None]
    x[:, 1 + N] = m.T_bat_control
    x[:, 2 + N] = 330.0
    x[:, 3 + N] = 1.0
    return x


def _fd_jacobian(m: TransientModel, x, steps: int):
    """Jacobian of x ↦ Φ(x) − x by forward differences and the residual at x: the n + 1
    copies of every design integrated together.  Steps: +1e-4 K on temperatures; the state
    of charge is perturbed downward, since above full charge its map is flat (the charge
    tapers to zero)."""
    n = m.n_state
    h = np.array([_SCALE_K] * (n - 1) + [-_SCALE_SOC]) * 1e-4
    X = np.repeat(x[:, None, :], n + 1, axis=1)
    X[:, 1:, :] += np.diag(h)[None, :, :]
    XT = integrate(m, X, steps, accumulate=False).x_end
    J = (XT[:, 1:, :] - XT[:, :1, :]) / h[None, :, None]  # J[d, j, i] = dPhi_i/dx_j
    return np.swapaxes(J, 1, 2) - np.eye(n)[None], XT[:, 0, :] - x


def _residual(m: TransientModel, x, steps: int):
    return integrate(m, x[:, None, :], steps, accumulate=False).x_end[:, 0, :] - x


def _newton_step(m: TransientModel, act, x, r0, J, steps: int):
    """One damped Newton step of the active designs and Broyden's rank-one update of J
    (one orbit per iteration instead of n + 1)."""
    D = len(m.names)
    Ja, ra = J[act], r0[act]
    try:
        dx = np.linalg.solve(Ja, -ra[..., None])[..., 0]
    except np.linalg.LinAlgError:
        dx = -ra
    # damping: limit temperature steps to 50 K and SOC to 0.2
    lim = np.maximum(np.max(np.abs(dx[:, :-1]) / 50.0, axis=1), np.abs(dx[:, -1]) / 0.2)
    x_new = x[act] + (1.0 / np.maximum(lim, 1.0))[:, None] * dx
    x_new[:, -1] = np.clip(x_new[:, -1], 0.0, 1.0)
    r_new = _residual(m if act.size == D else take(m, act), x_new, steps)
    s_, y_ = x_new - x[act], r_new - ra
    denom = np.einsum("di,di->d", s_, s_)
    ok = denom > 0
    upd = (y_ - np.einsum("dij,dj->di", Ja, s_)) / np.where(ok, denom, 1.0)[:, None]
    J[act] = Ja + np.where(ok[:, None, None], upd[:, :, None] * s_[:, None, :], 0.0)
    x[act], r0[act] = x_new, r_new


def _certificate(m: TransientModel, x0, run: OrbitRun) -> dict:
    """Periodicity errors ([K], dimensionless) and the energy closure of every node over the
    period: (in − out − C ΔT) / throughput."""
    N = m.n_segments
    xT, acc = run.x_end[:, 0, :], run.integrals
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
    resid = xT - x0
    return {"energy_closure": closure, "periodicity_error_K": np.max(np.abs(resid[:, :-1]), axis=1),
            "periodicity_error_soc": np.abs(resid[:, -1])}


def periodic_orbit(m: TransientModel, x_guess=None, steps: int = 720, max_newton: int = 20, fd_after=None):
    """The periodic state at orbit noon by Newton shooting; returns (x0 (D, n), certificate
    dict, the recorded orbit :class:`~thermo_orbit.transient.integrate.OrbitRun`).
    ``steps`` is raised where stability needs it (:func:`stable_steps`).

    Broyden's method: the Jacobian of x ↦ Φ(x) − x starts as −I (a plain fixed-point
    step) and is updated by the rank-one formula after each step; the orbit map contracts
    strongly except along a few slow modes, which Broyden learns in a few orbits (one
    orbit per iteration).  A design not converged after ``fd_after`` iterations gets its
    Jacobian by forward differences (its n + 1 perturbed copies integrated together),
    then Newton–Broyden steps again; converged designs leave the active set.  Default
    ``fd_after``: 6, or 1 for a handful of designs, whose n + 1 copies cost about what one
    orbit does.

    The state holds the node temperatures [K] (rack, radiator segments, battery, array)
    and the state of charge [dimensionless]; the certificate gives the periodicity errors
    ([K] and dimensionless) and the energy closure of every node (dimensionless, relative
    to the node's throughput)."""
    steps = stable_steps(m, steps)
    n, D = m.n_state, len(m.names)
    fd_after = (1 if D * (n + 1) <= 64 else 6) if fd_after is None else fd_after
    x = (initial_guess(m) if x_guess is None else x_guess).copy()
    if fd_after <= 1:
        J, r0 = _fd_jacobian(m, x, steps)
    else:
        r0 = _residual(m, x, steps)
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
            J[act], r0[act] = _fd_jacobian(m if act.size == D else take(m, act), x[act], steps)
        _newton_step(m, act, x, r0, J, steps)
    run = integrate(m, x[:, None, :], steps, record=True)
    cert = _certificate(m, x, run)
    cert["newton_iterations"] = it
    cert["steps"] = steps
    return x, cert, run
