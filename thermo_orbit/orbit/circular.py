"""A circular orbit whose node drifts (J2), and its β angle over a year:
:class:`CircularOrbit`, :class:`BetaHistory`, :func:`beta_angle_over_year`; references as
in :mod:`thermo_orbit.orbit`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..constants import EARTH_RADIUS
from ..errors import InputError, OutOfRangeError
from ..timescales import julian_centuries_j2000, to_datetime64
from ..units import Q_, check_range, quantity, si_value
from .geometry import sun_synchronous_inclination
from .kernels import (
    beta_from_sun_si,
    check_altitude,
    check_inclination,
    eclipse_fraction_si,
    nodal_rate_si,
    period_si,
    sun_ecliptic_si,
    sun_unit_vector_si,
)

__all__ = ["CircularOrbit", "BetaHistory", "beta_angle_over_year"]

_R = EARTH_RADIUS.si

def _ltan_hours(ltan: Any) -> float:
    if isinstance(ltan, str):
        try:
            hh, mm = ltan.strip().split(":")[:2]
            value = int(hh) + int(mm) / 60.0
        except ValueError:
            raise InputError("ltan", ltan, 'a local time such as "06:00" or Q_(18, "hour")') from None
    else:
        value = float(si_value(ltan, "ltan", "hour", 'Q_(18, "hour") or "18:00"'))
    if not 0.0 <= value < 24.0:
        raise OutOfRangeError("ltan", ltan, 'a local time from "00:00" to "23:59"')
    return value


@dataclass(frozen=True)
class CircularOrbit:
    """A circular orbit: altitude, inclination and the ascending node at ``epoch``.

    The node drifts at the J2 rate from :func:`nodal_regression_rate`.  Build a
    sun-synchronous orbit from its local time of the ascending node with
    :meth:`sun_synchronous`.
    """

    altitude: Any
    inclination: Any
    raan: Any
    epoch: np.datetime64

    def __post_init__(self):
        check_altitude(self.altitude)
        check_inclination(self.inclination)
        si_value(self.raan, "raan", "rad", 'Q_(0, "deg")')
        object.__setattr__(self, "epoch", to_datetime64(self.epoch, "epoch")[()])

    @classmethod
    def sun_synchronous(cls, altitude, ltan, epoch) -> CircularOrbit:
        """A sun-synchronous orbit with its ascending node at local mean solar time ``ltan``
        (``"06:00"`` or ``"18:00"`` is a dawn-dusk orbit).

        Ω = α_mean Sun + 15°/h × (LTAN − 12 h), with the right ascension of the mean Sun
        equal to the Sun's mean longitude λ_M (Vallado 2013, Sec. 11.4 and Alg. 29); the
        inclination is :func:`sun_synchronous_inclination`.

        Parameters
        ----------
        altitude : Quantity
            [length]; below about 5 970 km.
        ltan : str or Quantity
            Local time of the ascending node, ``"HH:MM"`` or [time] such as ``Q_(18, "hour")``.
        epoch : datetime, numpy.datetime64 or ISO string (UTC)
            The time at which the node has this local time.
        """
        hours = _ltan_hours(ltan)
        t = julian_centuries_j2000(epoch, "epoch")
        _, _, _, mean_longitude = sun_ecliptic_si(t)
        raan = np.mod(mean_longitude + np.deg2rad(15.0 * (hours - 12.0)), 2 * np.pi)
        return cls(altitude, sun_synchronous_inclination(altitude), quantity(raan, "rad").to("deg"), epoch)

    def _si(self):
        a = float(_R + check_altitude(self.altitude))
        i = float(check_inclination(self.inclination))
        raan0 = float(si_value(self.raan, "raan", "rad"))
        return a, i, raan0

    def _raan_si(self, t64):
        """(inclination, node) [rad] at times ``t64``: the node drifts at the J2 rate from ``epoch``."""
        a, i, raan0 = self._si()
        dt = (t64 - self.epoch).astype("timedelta64[us]").astype(np.float64) * 1e-6
        return i, raan0 + nodal_rate_si(a, i) * dt

    def raan_at(self, time):
        """Right ascension of the ascending node at ``time`` (J2 drift from ``epoch``), [deg]."""
        _, raan = self._raan_si(to_datetime64(time))
        return quantity(np.mod(raan, 2 * np.pi), "rad").to("deg")

    def beta(self, time):
        """β angle at ``time``, [deg]."""
        t64 = to_datetime64(time)
        i, raan = self._raan_si(t64)
        s = sun_unit_vector_si(julian_centuries_j2000(t64))
        return quantity(beta_from_sun_si(s, i, raan), "rad").to("deg")


@dataclass(frozen=True)
class BetaHistory:
    """β and eclipses over a span of days, sampled once per ``step``."""

    time: np.ndarray  #: datetime64[us] sample times (UTC)
    elapsed: Any  #: Quantity [day] since the start
    beta: Any  #: Quantity [deg]
    eclipse_fraction: Any  #: Quantity [dimensionless], cylindrical shadow
    eclipse_duration: Any  #: Quantity [min], cylindrical shadow
    umbra_duration: Any  #: Quantity [min], conical umbra at the day's Earth–Sun distance
    period: Any  #: Quantity [min]

    @property
    def max_eclipse_duration(self):
        """Longest eclipse over the span, [min]."""
        return self.eclipse_duration.max()

    @property
    def days_with_eclipse(self):
        """Number of samples with an eclipse (days, at the default one-day step)."""
        return int(np.count_nonzero(self.eclipse_fraction.magnitude > 0.0))


def beta_angle_over_year(orbit: CircularOrbit, start=None, days=365.0, step=None) -> BetaHistory:
    """β angle and eclipse duration of ``orbit`` from ``start`` over ``days`` days.

    The node moves with the J2 drift (for a sun-synchronous orbit, with the mean Sun), so
    the β of a dawn-dusk orbit follows the Sun's declination and shows its eclipse season
    around one solstice.

    β from :func:`beta_angle` (Gilmore 2002, Eq. 2.1) with the node at the J2 rate of
    Vallado (2013), Eq. (9-41); each day's eclipse from the cylindrical shadow (Gilmore
    2002, Eq. 2.3) and the conical umbra at that day's Earth–Sun distance (Montenbruck &
    Gill 2000, Sec. 3.4.2).

    Parameters
    ----------
    orbit : CircularOrbit
    start : time, optional
        Default: the orbit's epoch.
    days : float or Quantity
        Span, a number of days or [time]; default 365 days.
    step : Quantity, optional
        Sampling interval, [time]; default 1 day.

    Returns
    -------
    BetaHistory
        ``beta`` [deg], ``eclipse_duration`` and ``umbra_duration`` [min],
        ``eclipse_fraction`` (dimensionless) and ``elapsed`` [day] at each sample.
    """
    if not isinstance(orbit, CircularOrbit):
        raise InputError("orbit", orbit, "a CircularOrbit")
    span = float(si_value(days, "days", "day")) if not isinstance(days, (int, float)) else float(days)
    dt = 1.0 if step is None else float(si_value(step, "step", "day", 'Q_(1, "day")'))
    check_range(np.asarray(span), "days", 0.0, 36525.0, "day")
    check_range(np.asarray(dt), "step", 1e-6, None, "day", low_inclusive=False)
    start64 = orbit.epoch if start is None else to_datetime64(start, "start")[()]
    elapsed = np.arange(0.0, span + 0.5 * dt, dt)
    times = start64 + (elapsed * 86400e6).astype("timedelta64[us]")
    beta = orbit.beta(times)
    a = float(_R + check_altitude(orbit.altitude))
    b = beta.to("rad").magnitude
    _, _, dist, _ = sun_ecliptic_si(julian_centuries_j2000(times))
    period = float(period_si(a))
    frac = eclipse_fraction_si(a, b, "cylindrical")
    umbra = eclipse_fraction_si(a, b, "conical", dist)
    return BetaHistory(
        time=times,
        elapsed=Q_(elapsed, "day"),
        beta=beta,
        eclipse_fraction=Q_(frac, ""),
        eclipse_duration=Q_(frac * period / 60.0, "min"),
        umbra_duration=Q_(umbra * period / 60.0, "min"),
        period=Q_(period / 60.0, "min"),
    )
