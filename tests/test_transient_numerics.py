"""The orbit transient's numerics: the grid meets the forcing's edges, the interpolated
forcing equals the environment's, the step keeps every mode of the linearised model
(the coolant ring's fastest one too) inside RK4's stability region, the structured
shooting certifies in three orbits, and the transient's radiator segments reject the
same radiating-fin model's net flux as the steady area equation."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import fsolve

import transient_oracle as oracle
from thermo_orbit import transient as tr
from thermo_orbit.design import load_design
from thermo_orbit.thermal.radiator import radiator_area_si
from thermo_orbit.transient import forcing as fo
from thermo_orbit.transient import grid
from thermo_orbit.transient import shooting as sh
from thermo_orbit.transient.kernel import jacobian
from thermo_orbit.transient.model import kernel_params, take

DESIGNS = Path(__file__).resolve().parent.parent / "designs"
FEASIBLE = ["default", "iss_ammonia_baseline", "suncatcher_node", "starship_load"]
#: RK4 is stable on the negative real axis down to z = −2.785 (the root of
#: 1 + z + z²/2 + z³/6 + z⁴/24 = −1; Hairer & Wanner 1996, Sec. IV.2, Fig. 2.1)
RK4_REAL_LIMIT = 2.785


def _model(name="default", **fields):
    d = load_design(DESIGNS / f"{name}.toml")
    return tr.build_model(d.with_fields(fields) if fields else d)


def _spread(m, n=12):
    """The model's design on n orbits from β 0 to 85° and 350 to 1,350 km."""
    many = take(m, np.zeros(n, dtype=int))
    many.beta = np.radians(np.linspace(0.0, 85.0, n))
    many.a = many.a + np.linspace(-200e3, 800e3, n)
    return many


@pytest.mark.parametrize("pointing", ["sun_tracking", "single_axis"])
def test_grid_has_a_step_boundary_at_every_edge(pointing):
    m = _spread(_model())
    edges = grid.edge_phases_si(m.a, m.beta, pointing)
    g = grid.phase_grid(m.a, m.beta, pointing, 480)
    starts = g.nodes[:, 0::2]
    for r in range(edges.shape[0]):
        for e in edges[r][np.isfinite(edges[r])]:
            assert np.min(np.abs(starts[r] - e)) < 1e-12  # a step starts exactly at the edge
    np.testing.assert_allclose(g.step.sum(axis=1), 2 * np.pi, rtol=1e-13)
    assert np.all(g.step > 0)


def test_penumbra_is_where_the_sun_is_partly_hidden_and_stepped_finely():
    # between the penumbra and umbra edges the sunlit fraction (Montenbruck & Gill 2000,
    # Eq. 3.87) is strictly between 0 and 1, and the steps there are shorter
    from thermo_orbit.orbit import sunlit_fraction_si

    m = _model()
    e = grid.edge_phases_si(m.a, m.beta, m.pointing)[0]
    mid = 0.5 * (e[0] + e[2])
    lit = sunlit_fraction_si(m.a[0], m.beta[0], np.array([e[0] - 1e-4, mid, e[2] + 1e-4]))
    assert lit[0] == 1.0 and 0.0 < lit[1] < 1.0 and lit[2] == 0.0
    g = grid.phase_grid(m.a, m.beta, m.pointing, 480)
    in_penumbra = (g.nodes[0, 0:-1:2] >= e[0]) & (g.nodes[0, 0:-1:2] < e[2])
    assert g.step[0, in_penumbra].max() < 0.5 * np.median(g.step[0])


@pytest.mark.parametrize("orientation", ["edge_on", "nadir", "orbit_normal"])
@pytest.mark.parametrize("pointing", ["sun_tracking", "single_axis"])
def test_interpolated_forcing_equals_the_environment(orientation, pointing):
    # Chebyshev interpolation between the edges against the environment's own kernels at
    # every node (but the edges themselves, where a flux may take either side's value):
    # within 1e-8 K of sink and 1e-6 W/m² of Sun; the array's absorbed heat within
    # 1e-3 W/m² (its view factor of the Earth has a square-root edge; 1.5e-4 measured); the
    # Sun's visible fraction within 1e-9 (smooth between the penumbra's edges)
    m = _spread(_model(**{"radiator.orientation": orientation, "power.pointing": pointing}))
    of = fo.orbit_forcing(m, 480)
    direct = fo.forcing_si(m, of.nodes[of.which])
    g = grid.phase_grid(m.a, m.beta, m.pointing, 480)
    inside = ~np.isin(of.nodes[of.which], g.bounds.ravel())
    for f, (name, tol) in enumerate(zip(fo.KERNEL_FORCING, (1e-8, 1e-3, 1e-6, 1e-9), strict=True)):
        assert np.max(np.abs(of.F[f][of.which] - direct[name])[inside]) < tol, name


def _fastest_mode(m):
    """The largest eigenvalue magnitude [1/s] of the kernel's Jacobian at the reference states."""
    X, F = sh._reference_states(m)
    return max(np.abs(np.linalg.eigvals(jacobian(kernel_params(m), np.ascontiguousarray(x), np.ascontiguousarray(f),
                                                   m.n_segments, 1e-3, 1e-6))).max() for x, f in zip(X, F))


@pytest.mark.parametrize("name", FEASIBLE)
def test_step_keeps_every_mode_stable(name):
    # every eigenvalue of the linearised model times the step within RK4's real-axis limit
    m = _model(name)
    assert sh.step_limit(m)[0] * _fastest_mode(m) < RK4_REAL_LIMIT


def test_coolant_ring_mode_sets_the_step_of_a_light_rack():
    # A rack as light as one radiator segment: the loop is a ring of N + 1 alike nodes
    # exchanging heat by advection at a = ṁc_p/C, whose modes a(e^{iθ} − 1) reach
    # |λ| = 2a sin(4π/9) = 1.97a for 9 nodes (the circulant's eigenvalues), beyond the
    # old rule's one node time constant (a step of 1.5 C/ṁc_p is stable only to
    # |λ| < 2.785/1.5 = 1.86a).  The step from the Jacobian keeps it stable; the old one does not.
    m = _model()
    m.C_rack = m.C_seg.copy()
    a = float(m.mcp[0] / m.C_seg[0])
    lam = _fastest_mode(m)
    assert 1.86 * a < lam <= 2.0 * a
    h_old = 1.5 / a
    assert h_old * lam > RK4_REAL_LIMIT
    assert sh.step_limit(m)[0] * lam < RK4_REAL_LIMIT
    steps_old = int(np.ceil(m.period[0] / h_old))
    x = sh.initial_guess(m)[:, None, :]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        blown = tr.integrate(m, x, steps_old, accumulate=False).x_end
        _, cert, run = tr.periodic_orbit(m)
    assert not np.all(np.abs(blown[..., :-1]) < 1e3)  # the old step: the ring mode grows without bound
    assert cert["periodicity_error_K"][0] < 1e-3 and np.all(np.isfinite(run.trajectory))


@pytest.mark.parametrize("name", FEASIBLE)
def test_structured_shooting_certifies_in_three_orbits(name):
    # two structured orbits and the recorded one; Newton-Broyden from there to 1e-7 K
    # moves the start by no more than the certificate's periodicity error
    m = _model(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        x, cert, _ = tr.periodic_orbit(m)
        tight, _, _ = sh._newton(m, x, cert["steps"], 20, 1)
    assert cert["orbits"] == 3.0
    assert cert["periodicity_error_K"][0] < sh.ACCEPT_K and cert["periodicity_error_soc"][0] < sh.ACCEPT_SOC
    assert np.max(np.abs(tight - x)[0, :-1]) < 2 * sh.ACCEPT_K


def test_battery_multiplier_is_the_slope_of_the_orbit_map():
    # the battery's temperature does not feed back: Φ(x + δ e_b) − Φ(x) = M δ exactly
    m = _model()
    steps = sh.steps_per_design(m)
    x = sh.initial_guess(m)
    b = 1 + m.n_segments
    X = np.repeat(x[:, None, :], 2, axis=1)
    X[:, 1, b] += 3.0
    XT = tr.integrate(m, X, steps, accumulate=False).x_end
    slope = (XT[0, 1, b] - XT[0, 0, b]) / 3.0
    assert slope == pytest.approx(sh.battery_multiplier(m, steps)[0], rel=1e-9)
    np.testing.assert_allclose(XT[0, 1, :b], XT[0, 0, :b], rtol=0, atol=0)  # nothing else moves


def _segment_chain(n_segments, T_in, T_sink, eta):
    """The transient's radiator at steady state under a constant sink (the oracle's right-hand
    side): coolant from T_in through n segments, each exchanging with its panel at NTU 50
    (the panel at its outlet temperature).  Returns (heat [W], outlet [K], area [m²], ε)."""
    m = tr.build_model(load_design(DESIGNS / "default.toml"), n_segments=n_segments)
    m.ntu_seg[:], m.ntu_cp[:], m.P_pump[:], m.eta_panel[:] = 50.0, 50.0, 0.0, eta
    f = {"sink_rad": np.array([[T_sink]]), "q_arr": np.zeros((1, 1)), "sun_cells": np.zeros((1, 1)),
         "lit": np.zeros((1, 1))}
    N = n_segments

    def segments(T_p):
        x = np.concatenate([[T_in], T_p, [300.0, 300.0, 1.0]])
        return oracle.rhs(m, x[None, None, :], f, flows=False)[0][0, 0, 1:1 + N]

    T_p = fsolve(segments, np.linspace(T_in - 1.0, T_in - 20.0, N), xtol=1e-13)
    return float(m.mcp[0] * (T_in - T_p[-1])), float(T_p[-1]), float(m.A_seg[0] * N), float(m.eps_rad[0])


def test_transient_radiator_rejects_the_steady_fin_model():
    # One radiating-fin model (issue 23, item 4a): the transient's segments reject
    # η ε σ 2 (T⁴ − T_s⁴) per unit area (fins.panel_net_flux_si), so at steady state under a
    # constant sink their chain is the upwind discretisation of the steady area equation
    # ṁc_p dT = −η ε σ 2 (T⁴ − T_s⁴) dA (Mackay 1963, ch. 9; radiator_area_si): the steady
    # area for the chain's heat, inlet and outlet is its area to O(1/N).  At η = 0.5 a
    # radiator that absorbed the whole environmental flux but emitted η ε σ 2 T⁴ would be
    # off by (1 − η) 2 ε σ T_s⁴ / q, about 30 % here.
    T_in, T_s, eta = 340.0, 230.0, 0.5
    ratios = []
    for N in (48, 96):
        Q, T_out, area, eps = _segment_chain(N, T_in, T_s, eta)
        ratios.append(float(radiator_area_si(Q, T_in, T_out, eps, T_s, eta, 2.0)) / area)
    extrapolated = 2 * ratios[1] - ratios[0]  # Richardson: the chain's error is first order in 1/N
    assert abs(ratios[1] - 1.0) < 0.01
    assert abs(extrapolated - 1.0) < 2e-4
