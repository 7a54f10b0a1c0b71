"""Loop correlations against the libraries that own them (ht, fluids), the printed
equations of their sources, and analytic limits."""

from __future__ import annotations

import numpy as np
import pytest
from fluids.friction import Clamond
from ht.conv_internal import turbulent_Gnielinski, turbulent_Martinelli

from thermo_orbit.thermal import correlations as cor


@pytest.mark.parametrize("Re, eD", [(4e3, 0.0), (1e4, 1e-5), (1e5, 1e-4), (1e6, 1e-3), (3e7, 0.0)])
def test_friction_matches_fluids_clamond(Re, eD):
    # fluids.friction.Clamond (C. Bell), Clamond (2009): the numpy port gives the same bits.
    assert float(cor.friction_factor_darcy(Re * 1.0000001, eD)) == pytest.approx(Clamond(Re * 1.0000001, eD), rel=1e-13)


def test_friction_laminar_64_over_re():
    # Hagen-Poiseuille: f = 64/Re (Incropera 2011, Eq. 8.19).
    Re = np.array([10.0, 100.0, 2000.0])
    np.testing.assert_allclose(cor.friction_factor_darcy(Re), 64 / Re, rtol=1e-15)


def test_friction_continuous_through_transition():
    Re = np.linspace(2000, 5000, 3001)
    f = cor.friction_factor_darcy(Re)
    assert np.max(np.abs(np.diff(f))) < 1e-4


@pytest.mark.parametrize("Re, Pr", [(1e4, 0.7), (1e5, 3.0), (5e5, 10.0)])
def test_gnielinski_matches_ht(Re, Pr):
    fd = Clamond(Re, 0.0)
    assert float(cor.nusselt_gnielinski(Re, Pr, fd)) == pytest.approx(turbulent_Gnielinski(Re, Pr, fd), rel=1e-13)


@pytest.mark.parametrize("Re, Pr", [(1e4, 0.005), (1e5, 0.01), (1e5, 100.0)])
def test_martinelli_matches_ht(Re, Pr):
    fd = Clamond(Re, 0.0)
    assert float(cor.nusselt_martinelli(Re, Pr, fd)) == pytest.approx(turbulent_Martinelli(Re, Pr, fd), rel=1e-12)


def test_martinelli_ht_doctest_value():
    # ht's documented example: turbulent_Martinelli(Re=1E5, Pr=100., fd=0.0185) = 887.17...
    assert float(cor.nusselt_martinelli(1e5, 100.0, 0.0185)) == pytest.approx(887.1710686396347, rel=1e-12)


@pytest.mark.parametrize("func, Pe, expected", [
    # The printed equations: Lyon Nu = 7 + 0.025 Pe^0.8; Seban & Shimazaki Nu = 5 + 0.025 Pe^0.8
    # (Incropera 2011, Eq. 8.65); Skupinski Nu = 4.82 + 0.0185 Pe^0.827 (Eq. 8.64).
    # At Pe = 100 and 10^4 (the ends of the stated range), exact arithmetic.
    (cor.nusselt_lyon_martinelli, 100.0, 7 + 0.025 * 100**0.8),
    (cor.nusselt_lyon_martinelli, 1e4, 7 + 0.025 * 1e4**0.8),
    (cor.nusselt_seban_shimazaki, 1e4, 5 + 0.025 * 1e4**0.8),
    (cor.nusselt_skupinski, 1e4, 4.82 + 0.0185 * 1e4**0.827),
])
def test_liquid_metal_equations(func, Pe, expected):
    assert float(func(Pe)) == pytest.approx(expected, rel=1e-14)


def test_liquid_metal_conduction_limit_and_laminar():
    # As Pe -> 0 the turbulent forms tend to their conduction limits 7 and 5; laminar
    # fully developed flow gives 48/11 and 3.66 (Incropera 2011, Eqs. 8.53, 8.55).
    assert float(cor.nusselt_lyon_martinelli(1e-12)) == pytest.approx(7.0)
    assert cor.nusselt_laminar("heat_flux") == pytest.approx(4.3636, abs=1e-4)
    assert float(cor.liquid_metal_nusselt(1000.0, 0.005)) == pytest.approx(48 / 11)
    Re = np.linspace(100, 1e5, 5000)
    Nu = cor.liquid_metal_nusselt(Re, 0.005)
    assert np.all(np.diff(Nu) >= -1e-12)


def test_validity_flags():
    ok = cor.nusselt_validity("skupinski", np.array([1e3, 1e4, 1e5, 2e6]), 0.01)
    assert ok.tolist() == [False, True, True, False]


def test_gnielinski_cengel_example_8_6():
    # Cengel & Ghajar, Heat and Mass Transfer, 5th ed., Example 8-6: Re = 61,096, Pr = 1.97,
    # f = 0.02003 (Petukhov) -> Nu = 217.45.  Tolerance 1e-3: the example's rounding.
    assert float(cor.nusselt_gnielinski(61096.0, 1.97, 0.02003)) == pytest.approx(217.45, rel=1e-3)


def test_colebrook_cengel_example_8_4():
    # Cengel & Ghajar, 5th ed., Example 8-4: water, Re = 126,400, eps/D = 0.000042 (stainless
    # steel): Colebrook f = 0.0174.  Tolerance: the printed 3 significant figures.
    assert float(cor.friction_factor_darcy(126400.0, 0.000042)) == pytest.approx(0.0174, abs=5e-5)
