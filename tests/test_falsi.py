"""Regula falsi with the Illinois step on many designs at once (thermo_orbit.thermal.falsi):
the safe end within the tolerance of the root, each design's answer independent of the batch
and of the blocks it is evaluated in, the values carried from the point it stops on."""

from __future__ import annotations

import numpy as np
import pytest

from thermo_orbit.thermal import falsi


def _cubic(c):
    """g(x) = c − x³ − x, decreasing; its value and, carried, x and c at the point."""
    def g(x, rows):
        return c[rows] - x**3 - x, (x, c[rows])
    return g


def _real_root(c):
    """The real root of x³ + x = c (numpy's polynomial roots)."""
    r = np.roots([1.0, 0.0, 1.0, -c])
    return float(np.real(r[np.abs(np.imag(r)) < 1e-9][0]))


def _solve(c, block=falsi.BLOCK):
    lo, hi = np.full(c.size, -10.0), np.full(c.size, 10.0)
    g = _cubic(c)
    g_lo, g_hi = g(lo, np.arange(c.size))[0], g(hi, np.arange(c.size))[0]
    carried = np.full((2, c.size), np.nan)
    x = falsi.illinois_roots(g, lo, hi, g_lo, g_hi, np.ones(c.size, dtype=bool), carried, block=block)
    return x, carried


def test_safe_end_within_the_tolerance_of_the_root():
    c = np.random.default_rng(1).uniform(-500.0, 500.0, 2000)
    x, carried = _solve(c)
    g = c - x**3 - x
    assert np.all(g <= 0.0)  # the safe side
    # against the root by numpy's polynomial roots: the tolerance 1e-12 in x or in g, both
    # read at the slope 3x² + 1 >= 1, plus round-off of the cubic near |x| = 8 (1e-13)
    root = np.array([_real_root(ci) for ci in c])
    assert np.max(np.abs(x - root)) < 2e-12
    stopped = ~np.isnan(carried[0])  # designs that stopped on a safe point carry its x and their c
    assert stopped.mean() > 0.9
    np.testing.assert_array_equal(carried[0, stopped], x[stopped])
    np.testing.assert_array_equal(carried[1, stopped], c[stopped])


@pytest.mark.parametrize("block", [1, 7, 64])
def test_a_design_alone_as_in_a_batch_and_in_blocks(block):
    c = np.random.default_rng(2).uniform(-50.0, 50.0, 200)
    x, _ = _solve(c)
    np.testing.assert_array_equal(_solve(c, block)[0], x)
    for i in (0, 17, 199):
        assert _solve(c[i:i + 1])[0][0] == x[i]


def test_designs_not_searched_keep_the_upper_end():
    c = np.array([1.0, np.nan, 2.0])
    lo, hi = np.full(3, -10.0), np.full(3, 10.0)
    g = _cubic(c)
    g_lo, g_hi = g(lo, np.arange(3))[0], g(hi, np.arange(3))[0]
    x = falsi.illinois_roots(g, lo, hi, g_lo, g_hi, np.array([True, True, False]), np.zeros((2, 3)))
    assert x[1] == 10.0 and x[2] == 10.0  # NaN at the ends, and not active
    assert x[0] == pytest.approx(_real_root(1.0), abs=2e-12)
