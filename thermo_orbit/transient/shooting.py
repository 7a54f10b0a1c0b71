"""The periodic orbit by shooting, and its certificate.

Structured shooting first.  Of the state only two quantities carry memory from one orbit
to the next: every temperature but the battery's forgets its start within an orbit (the
slowest loop mode of the example designs keeps 1.5e-4 to 8e-4 of it), the battery's
temperature is a linear node driven by its losses, which do not depend on it, so the
orbit maps it affinely with a slope known in advance (the RK4 amplification of its decay
over the grid's steps), and the state of charge is one number.  So each orbit updates
the fast temperatures by a plain fixed-point step, the battery by the exact affine
solve, and the state of charge by a secant step on the last two orbits; two such orbits
and a third, recorded one that certifies the result are enough.  A design that the
recorded orbit does not certify to :data:`ACCEPT_K` and :data:`ACCEPT_SOC` goes on with
Newton's method on x ↦ Φ(x) − x with Broyden updates and finite differences where Broyden
stalls, vectorised over designs, and is recorded again.

The certificate of a solution: periodicity errors and the energy closure of every node.
The step: the fastest mode of the linearised model bounds it (:func:`stable_steps`).
"""

from __future__ import annotations

import numpy as np

from ..constants import STEFAN_BOLTZMANN
from .forcing import KERNEL_FORCING, forcing_at, orbit_forcing
from .grid import phase_grid
from .integrate import OrbitRun, integrate
from .kernel import TAPER_WIDTH, coldest_coolant, jacobian
from .model import TransientModel, kernel_params, take

__all__ = ["stable_steps", "steps_per_design", "step_limit", "periodic_orbit", "battery_multiplier", "initial_guess",
           "DEFAULT_STEPS", "ACCEPT_K", "ACCEPT_SOC", "STRUCTURED_ORBITS"]

_SIGMA = STEFAN_BOLTZMANN.si
_SCALE_K = 1.0
_SCALE_SOC = 1e-3
_TOL_K, _TOL_SOC = 1e-7, 1e-10  # Newton stops here: well past the certificate's 1e-3 K and 1e-6
#: a recorded orbit certifies its start without more shooting when it closes to these
#: ([K], dimensionless): a tenth of the certificate's targets (1e-3 K, 1e-6), and 500 times
#: below the integration's own accuracy (0.05 K against Radau)
ACCEPT_K, ACCEPT_SOC = 1e-4, 1e-7
#: fixed-point orbits of the structured shooting before the recorded one
STRUCTURED_ORBITS = 2
#: steps per orbit unless stability needs more (within 0.05 K of Radau on the example
#: designs with the grid's steps meeting the forcing's edges)
DEFAULT_STEPS = 480
# RK4's stability region holds the disc of centre −1.3926 and radius 1.3926, and the half
# disc |z| ≤ 2.6156, Re z ≤ 0 (computed from |1 + z + z²/2 + z³/6 + z⁴/24| ≤ 1); the step
# keeps 5 % in hand for the states along the orbit not being the reference states
_RK4_DISC, _RK4_HALF_DISC, _STEP_SAFETY = 1.3926, 2.6156, 0.95


def _reference_states(m: TransientModel, guess=None):
    """States (2, D, n) and forcing (2, 4, D) at which the step limit is taken: the initial
    guess charging (at noon, the Sun on the array, the charge taper active) and with the
    coldest coolant in the middle of the heater's band (at midnight, the heater's gain on).
    (The discharge taper at empty is as wide as two of a design's longest steps discharge,
    :data:`~thermo_orbit.transient.kernel.EMPTY_STEPS`: it never limits the step.)"""
    x = (initial_guess(m) if guess is None else guess).copy()
    x[:, -1] = 1.0 - 0.5 * TAPER_WIDTH  # inside the charge taper
    warm = x.copy()
    N = m.n_segments
    shift = m.T_set + 0.5 * m.heater_band - coldest_coolant(kernel_params(m), np.ascontiguousarray(x), N)
    warm[:, :1 + N] += shift[:, None]
    f = forcing_at(m, [0.0, np.pi])
    F = np.stack([np.stack([f[k][:, c] for k in KERNEL_FORCING]) for c in (0, 1)])
    return np.stack([x, warm]), F


def step_limit(m: TransientModel, guess=None) -> np.ndarray:
    """The longest stable RK4 step [s] of each design (D,): every eigenvalue of the
    linearised model lies in a Gershgorin disc of its Jacobian (the kernel's own right-hand
    side differenced; the state of charge scaled to balance its row and column), each disc
    within a disc D(−s, s) when diagonally dominant, else within |z| ≤ |c| + r; the step
    keeps them inside RK4's stability region (Hairer & Wanner 1996, Sec. IV.2).  The
    coolant ring's fastest mode, up to about 2ṁc_p/C of a segment, is what binds."""
    X, F = _reference_states(m, guess)
    h = np.full(len(m.names), np.inf)
    for x, f in zip(X, F):
        J = jacobian(kernel_params(m), np.ascontiguousarray(x), np.ascontiguousarray(f), m.n_segments, 1e-3, 1e-6)
        row = np.abs(J[:, -1, :-1]).sum(axis=1)
        col = np.abs(J[:, :-1, -1]).sum(axis=1)
        # a state of charge that no temperature moves (its charge at the regulator's limit)
        # couples one way: its column then bears on no eigenvalue and is scaled away
        scale = np.where(col > 0, np.where(row > 0, np.sqrt(row / np.where(col > 0, col, 1.0)), 1e-6), 1.0)
        J[:, -1, :] /= scale[:, None]
        J[:, :, -1] *= scale[:, None]
        c = np.abs(np.einsum("dii->di", J))
        r = np.abs(J).sum(axis=2) - c
        dominant = r <= c
        with np.errstate(divide="ignore"):
            h_rows = np.where(dominant, _RK4_DISC / (0.5 * (c + r)), _RK4_HALF_DISC / (c + r))
        h = np.minimum(h, np.min(h_rows, axis=1))
    return _STEP_SAFETY * h


def steps_per_design(m: TransientModel, steps: int | None = None, guess=None) -> np.ndarray:
    """Each design's step count (D,) [dimensionless]: at least ``steps`` (default
    :data:`DEFAULT_STEPS`), and enough that every step of its grid is within its
    :func:`step_limit` (RK4's stability region, Hairer & Wanner 1996, Sec. IV.2).  A
    design's count does not depend on the other designs solved with it."""
    steps = DEFAULT_STEPS if steps is None else int(steps)
    limit = step_limit(m, guess)
    counts = np.maximum(steps, np.ceil(m.period / limit)).astype(np.int64)
    for _ in range(20):  # the grid's steps are uneven: add until the longest fits
        key = np.column_stack([m.a, m.beta, counts.astype(np.float64)])
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        g = phase_grid(m.a[first], m.beta[first], m.pointing, counts[first])
        longest = np.max(g.step, axis=1)[np.ravel(inverse)] * m.period / (2.0 * np.pi)
        over = longest > limit
        if not np.any(over):
            break
        counts = np.where(over, np.ceil(counts * longest / limit).astype(np.int64) + 1, counts)
    return counts


def stable_steps(m: TransientModel, steps: int | None = None) -> int:
    """At least ``steps`` [dimensionless count] (default :data:`DEFAULT_STEPS`), and enough
    that every step of every design's grid is within its :func:`step_limit` (RK4's stability
    region, Hairer & Wanner 1996, Sec. IV.2): the largest of :func:`steps_per_design`."""
    return int(np.max(steps_per_design(m, steps)))


def initial_guess(m: TransientModel) -> np.ndarray:
    """A starting state (D, n): the radiator at the temperature that rejects the rack's heat
    to the orbit-average sink, falling along the flow by the coolant's glide, the rack
    above it by the cold plate's drop, the array at the temperature that emits its
    orbit-average absorbed heat, the battery at its control temperature [K]; full charge."""
    N = m.n_segments
    x = np.zeros((len(m.names), m.n_state))
    f = forcing_at(m, np.linspace(0.0, 2.0 * np.pi, 24, endpoint=False))
    sink4 = np.mean(f["sink_rad"] ** 4, axis=1)
    T_mean = (m.P_rack / (m.A_seg * N * m.eta_panel * m.eps_rad * _SIGMA * 2.0) + sink4) ** 0.25
    glide = m.P_rack / m.mcp
    x[:, 1:1 + N] = T_mean[:, None] + glide[:, None] * (0.5 - (np.arange(N) + 0.5) / N)[None, :]
    x[:, 0] = T_mean - 0.5 * glide + m.P_rack / (m.mcp * -np.expm1(-m.ntu_cp))
    x[:, 1 + N] = m.T_bat_control
    x[:, 2 + N] = (np.mean(f["q_arr"], axis=1) / ((m.eps_f + m.eps_b) * _SIGMA)) ** 0.25
    x[:, 3 + N] = 1.0
    return x


def battery_multiplier(m: TransientModel, steps: int) -> np.ndarray:
    """The slope [dimensionless] of the orbit map of the battery's temperature (D,): its
    node decays at λ = G_bat/C_bat and nothing else depends on it, so RK4 multiplies it
    by its stability function R(−λh) = 1 − λh + (λh)²/2 − (λh)³/6 + (λh)⁴/24 at every step
    h of the grid (Hairer & Wanner 1996, Sec. IV.2)."""
    of = orbit_forcing(m, steps)
    rate = m.G_bat / m.C_bat * m.period / (2.0 * np.pi)  # per unit of phase
    _, first, inverse = np.unique(np.column_stack([of.which.astype(np.float64), rate]), axis=0, return_index=True,
                                  return_inverse=True)
    z = -rate[first][:, None] * of.step[of.which[first]]
    return np.prod(1.0 + z * (1.0 + z * (0.5 + z * (1.0 / 6.0 + z / 24.0))), axis=1)[np.ravel(inverse)]


def _structured_update(m: TransientModel, x, y, slope, previous):
    """The next start from the start x (D, n) and the end y of its orbit: the fast
    temperatures from y, the battery's from the exact affine solve, the state of charge
    by a secant step on this orbit and ``previous`` (the last start and end) when its map
    is not flat."""
    N = m.n_segments
    new = y.copy()
    b = 1 + N
    solvable = np.abs(1.0 - slope) > 1e-12
    new[:, b] = np.where(solvable, (y[:, b] - slope * x[:, b]) / np.where(solvable, 1.0 - slope, 1.0), y[:, b])
    if previous is not None:
        x0, y0 = previous
        ds = x[:, -1] - x0[:, -1]
        with np.errstate(divide="ignore", invalid="ignore"):
            g = (y[:, -1] - y0[:, -1]) / ds
            secant = x[:, -1] + (y[:, -1] - x[:, -1]) / (1.0 - g)
        use = (np.abs(ds) > 1e-12) & np.isfinite(g) & (g < 0.9)
        new[:, -1] = np.clip(np.where(use, secant, y[:, -1]), 0.0, 1.0)
    return new


def _structured(m: TransientModel, x, steps: int, orbits: int):
    """``orbits`` orbits of the structured shooting from x (D, n); returns the next start."""
    slope = battery_multiplier(m, steps)
    previous = None
    for _ in range(orbits):
        y = integrate(m, x[:, None, :], steps, accumulate=False).x_end[:, 0, :]
        x, previous = _structured_update(m, x, y, slope, previous), (x, y)
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


def _of(steps, act, D: int):
    """The step counts of the active designs ``act`` (``steps``: a count, or one per design)."""
    return steps if np.ndim(steps) == 0 or act.size == D else np.asarray(steps)[act]


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
    r_new = _residual(m if act.size == D else take(m, act), x_new, _of(steps, act, D))
    s_, y_ = x_new - x[act], r_new - ra
    denom = np.einsum("di,di->d", s_, s_)
    ok = denom > 0
    upd = (y_ - np.einsum("dij,dj->di", Ja, s_)) / np.where(ok, denom, 1.0)[:, None]
    J[act] = Ja + np.where(ok[:, None, None], upd[:, :, None] * s_[:, None, :], 0.0)
    x[act], r0[act] = x_new, r_new


def _newton(m: TransientModel, x, steps: int, max_newton: int, fd_after: int):
    """Newton–Broyden shooting from x (D, n): the Jacobian of x ↦ Φ(x) − x starts as −I (a
    plain fixed-point step), is updated by the rank-one formula after each step, and is
    taken by finite differences (n + 1 copies integrated together) at iteration
    ``fd_after``; converged designs leave the active set.  Returns (x, iterations, orbits
    integrated per design)."""
    n, D = m.n_state, len(m.names)
    x = x.copy()
    if fd_after <= 1:
        J, r0 = _fd_jacobian(m, x, steps)
        orbits = float(n + 1)
    else:
        r0 = _residual(m, x, steps)
        J = -np.repeat(np.eye(n)[None], D, axis=0)
        orbits = 1.0
    done = np.zeros(D, dtype=bool)
    it = 0
    for it in range(1, max_newton + 1):
        done |= (np.max(np.abs(r0[:, :-1]), axis=1) < _TOL_K) & (np.abs(r0[:, -1]) < _TOL_SOC) & (it > 1)
        act = np.flatnonzero(~done)
        if act.size == 0:
            break
        if it == fd_after > 1:
            J[act], r0[act] = _fd_jacobian(m if act.size == D else take(m, act), x[act], _of(steps, act, D))
            orbits += (n + 1) * act.size / D
        _newton_step(m, act, x, r0, J, steps)
        orbits += act.size / D
    return x, it, orbits


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


def _charge_to_its_bound(soc0, soc1, soc_orbit, soc_next):
    """The next start's state of charge [dimensionless] (D,) where the recorded orbit (its
    charge ``soc_orbit`` (D, steps + 1), from ``soc0`` to ``soc1``) neither fills nor
    empties the battery: there the orbit map of the charge is a pure shift (any charge
    repeats if the energy balances, none if not), so the periodic orbit is the one whose
    charge touches the bound it drifts to: the whole orbit shifted down until it empties
    (the bus then sheds load) or up until it fills (the surplus is shunted).  Elsewhere
    ``soc_next``."""
    drift = soc1 - soc0
    low, high = soc_orbit.min(axis=1), soc_orbit.max(axis=1)
    free = (low > 0.01) & (high < 0.99) & (np.abs(drift) > ACCEPT_SOC)
    shifted = np.clip(soc0 + np.where(drift < 0.0, -low, 1.0 - high), 0.0, 1.0)
    return np.where(free, shifted, soc_next)


def _merge(run: OrbitRun, idx, sub: OrbitRun) -> None:
    """Put the recorded orbit ``sub`` of the designs ``idx`` into ``run`` (its samples past
    its longest design's count: its end)."""
    run.x_end[idx] = sub.x_end
    for key in run.integrals:
        run.integrals[key][idx] = sub.integrals[key]
    k = sub.time.shape[1]
    for full, part in [(run.trajectory, sub.trajectory), (run.time, sub.time)] + [
            (run.recorded[key], sub.recorded[key]) for key in run.recorded]:
        full[idx, :k] = part
        full[idx, k:] = part[:, -1:]


def periodic_orbit(m: TransientModel, x_guess=None, steps: int | None = None, max_newton: int = 20, fd_after=None):
    """The periodic state at orbit noon; returns (x0 (D, n), certificate dict, the recorded
    orbit :class:`~thermo_orbit.transient.integrate.OrbitRun`).  ``steps`` (default
    :data:`DEFAULT_STEPS`) is raised per design where stability needs it
    (:func:`steps_per_design`: the certificate's ``steps`` holds each design's count).

    Structured shooting (see the module): :data:`STRUCTURED_ORBITS` orbits, each a
    fixed-point step of the fast temperatures, the exact affine solve of the battery's
    temperature and a secant step of the state of charge, then the recorded orbit that
    certifies the start.  A design it does not certify to :data:`ACCEPT_K` and
    :data:`ACCEPT_SOC` goes on by Newton–Broyden shooting (at most ``max_newton``
    iterations; the Jacobian by finite differences at iteration ``fd_after``, default 6, or
    1 for a handful of designs, whose n + 1 copies cost about what one orbit does) and is
    recorded again.

    The state holds the node temperatures [K] (rack, radiator segments, battery, array)
    and the state of charge [dimensionless]; the certificate gives the periodicity errors
    ([K] and dimensionless), the energy closure of every node (dimensionless, relative
    to the node's throughput), the iterations and the orbits integrated."""
    guess = initial_guess(m)
    steps = steps_per_design(m, steps, guess)
    n, D = m.n_state, len(m.names)
    x = _structured(m, guess if x_guess is None else np.asarray(x_guess, dtype=np.float64), steps, STRUCTURED_ORBITS)
    run = integrate(m, x[:, None, :], steps, record=True)
    cert = _certificate(m, x, run)
    bad = np.flatnonzero(~((cert["periodicity_error_K"] < ACCEPT_K) & (cert["periodicity_error_soc"] < ACCEPT_SOC)))
    iterations, orbits = STRUCTURED_ORBITS, float(STRUCTURED_ORBITS + 1)
    if bad.size:
        fd_after = (1 if bad.size * (n + 1) <= 64 else 6) if fd_after is None else fd_after
        sub = m if bad.size == D else take(m, bad)
        sub_steps = steps[bad]
        start = _structured_update(sub, x[bad], run.x_end[bad, 0, :], battery_multiplier(sub, sub_steps), None)
        start[:, -1] = _charge_to_its_bound(x[bad, -1], run.x_end[bad, 0, -1], run.trajectory[bad, :, -1], start[:, -1])
        xb, it, more = _newton(sub, start, sub_steps, max_newton, fd_after)
        x[bad] = xb
        _merge(run, bad, integrate(sub, xb[:, None, :], sub_steps, record=True))
        cert = _certificate(m, x, run)
        iterations += it
        orbits += (more + 1.0) * bad.size / D
    cert.update(newton_iterations=iterations, steps=steps, orbits=orbits)
    return x, cert, run
