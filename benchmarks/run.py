"""Throughput figures (printed, never asserted).  Run: ``make bench``."""

from __future__ import annotations

import time

import numpy as np

from thermo_orbit import orbit as orb
from thermo_orbit.constants import EARTH_RADIUS
from thermo_orbit.units import Q_


def best_of(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_eclipse_fraction(n: int = 1_000_000) -> None:
    rng = np.random.default_rng(1)
    h = rng.uniform(300e3, 2000e3, n)
    b = rng.uniform(-np.pi / 2, np.pi / 2, n)
    a = EARTH_RADIUS.si + h
    hq, bq = Q_(h, "m"), Q_(b, "rad")
    t_kernel = best_of(lambda: orb._eclipse_fraction_si(a, b))
    t_pint = best_of(lambda: orb.eclipse_fraction(hq, bq))
    print(f"eclipse_fraction, {n:,} designs")
    print(f"  kernel (float64 SI):   {n / t_kernel:14,.0f} per s  ({t_kernel * 1e3:7.1f} ms)")
    print(f"  pint boundary:         {n / t_pint:14,.0f} per s  ({t_pint * 1e3:7.1f} ms)")
    print(f"  boundary / kernel time: {t_pint / t_kernel:.2f}x")
    t_one = best_of(lambda: orb.eclipse_fraction(Q_(550, "km"), Q_(30, "deg")), repeats=200)
    print(f"  one scalar call through pint: {t_one * 1e6:.0f} us")


def bench_beta_year() -> None:
    o = orb.CircularOrbit.sun_synchronous(Q_(550, "km"), "18:00", "2027-01-01")
    t = best_of(lambda: orb.beta_angle_over_year(o, days=365, step=Q_(0.01, "day")), repeats=3)
    print(f"beta_angle_over_year, 36,501 samples: {t * 1e3:.1f} ms")


if __name__ == "__main__":
    bench_eclipse_fraction()
    bench_beta_year()
