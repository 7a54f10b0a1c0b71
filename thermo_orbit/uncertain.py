"""Uncertain values: ``"0.91 ± 0.02"`` and distributions in design files, and the
stated uncertainties of cited values, as one small record (:class:`Uncertain`) that a
Monte Carlo run samples (:mod:`thermo_orbit.sizing.uncertainty`).

A design field may be written, instead of a single quantity, as

- ``"0.91 ± 0.02"`` (or ``+-``, ``+/-``): a normal distribution, the spread one standard
  uncertainty (JCGM 100:2008, the GUM, Sec. 2.3.1 and 7.2.2: a value written ``x ± u``
  states the standard uncertainty u unless a coverage is named);
  ``"120 kW ± 5 kW"``, ``"120 ± 5 kW"`` and ``"120 kW ± 4 %"`` read as expected; a
  temperature spread is a difference (``"85 degC ± 2 K"``);
- ``"normal(0.91, 0.02)"``: mean and standard deviation;
- ``"uniform(0.89, 0.93)"``: low and high ends;
- ``"triangular(0.89, 0.91, 0.93)"``: low end, mode, high end.

The value sized by ``thermo-orbit size`` (the *nominal*) is the mean of a normal, the
middle of a uniform and the mode of a triangular distribution.  Samples are drawn by the
inverse of the distribution function (so a Latin hypercube in the unit cube becomes one
in the values), truncated to the field's range: an emissivity ``"0.95 ± 0.05"`` is never
sampled above 1.

>>> u = parse_uncertain("0.91 ± 0.02")
>>> u.kind, u.nominal, u.params
('normal', 0.91, (0.91, 0.02))
>>> round(float(u.ppf(0.975)[()]), 4)
0.9492
>>> parse_uncertain("120 kW") is None
True
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np
import pint

from .units import Q_, parse_quantity, unit_text, ureg

__all__ = ["Uncertain", "parse_uncertain", "nominal_text", "is_uncertain", "DISTRIBUTIONS", "COVERAGES",
           "from_stated"]

#: distribution names and their parameters, in the order they are written
DISTRIBUTIONS = {"normal": ("mean", "standard deviation"), "uniform": ("low", "high"),
                 "triangular": ("low", "mode", "high")}
#: the coverages a stated uncertainty of a cited value may have, and the distribution each
#: becomes: a standard uncertainty (1 sigma) and a 95 % interval are normal (k = 1 and
#: k = 1.96, GUM Sec. 6.2 and G.3), a bound or tolerance is uniform over ± the value
#: (GUM Sec. 4.3.7); a "±" whose source does not say what it covers ("unstated") is taken
#: as a standard uncertainty, as the GUM writes x ± u (Sec. 7.2.2)
COVERAGES = {"standard": 1.0, "unstated": 1.0, "95 %": 1.959963984540054, "bound": None}
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-)\s*")
_CALL = re.compile(r"^\s*(normal|uniform|triangular)\s*\((.*)\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Uncertain:
    """A distribution of one value: ``kind`` (:data:`DISTRIBUTIONS`), its parameters as
    magnitudes in ``unit`` (a spread of a temperature is a difference), the text as written."""

    kind: str
    params: tuple[float, ...]
    unit: str
    text: str = ""

    @property
    def nominal(self) -> float:
        """The value sized deterministically: mean (normal), middle (uniform), mode (triangular)."""
        if self.kind == "uniform":
            return 0.5 * (self.params[0] + self.params[1])
        return self.params[0] if self.kind == "normal" else self.params[1]

    @property
    def is_zero(self) -> bool:
        """No spread at all (every sample is the nominal)."""
        if self.kind == "normal":
            return self.params[1] == 0.0
        return self.params[0] == self.params[-1]

    def nominal_quantity(self) -> pint.Quantity:
        """The nominal as a Quantity in :attr:`unit`."""
        return Q_(self.nominal, self.unit)

    def to(self, unit: str) -> Uncertain:
        """The same distribution with its parameters in ``unit`` (a spread converted as a difference)."""
        if unit_text(unit) == unit_text(self.unit):
            return self
        if self.kind == "normal":
            mean = float(Q_(self.params[0], self.unit).to(unit).magnitude)
            return Uncertain("normal", (mean, _spread_in(self.params[1], self.unit, unit)), unit, self.text)
        return Uncertain(self.kind, tuple(float(Q_(p, self.unit).to(unit).magnitude) for p in self.params), unit,
                         self.text)

    def ppf(self, u, low: float | None = None, high: float | None = None) -> np.ndarray:
        """Values at probabilities ``u`` (in [0, 1)) of the distribution truncated to
        [``low``, ``high``] (None: no bound), magnitudes in :attr:`unit`."""
        from scipy import stats

        u = np.asarray(u, dtype=np.float64)
        if self.is_zero:
            return np.full(u.shape, self.nominal)
        if self.kind == "normal":
            dist = stats.norm(loc=self.params[0], scale=self.params[1])
        elif self.kind == "uniform":
            dist = stats.uniform(loc=self.params[0], scale=self.params[1] - self.params[0])
        else:
            lo, mode, hi = self.params
            dist = stats.triang(c=(mode - lo) / (hi - lo), loc=lo, scale=hi - lo)
        f_lo = dist.cdf(low) if low is not None else 0.0
        f_hi = dist.cdf(high) if high is not None else 1.0
        x = np.asarray(dist.ppf(f_lo + u * (f_hi - f_lo)), dtype=np.float64)
        return np.clip(x, -np.inf if low is None else low, np.inf if high is None else high)

    def describe(self) -> str:
        """``"normal(mean 0.91, standard deviation 0.02)"`` with the unit."""
        unit = f" {self.unit}" if self.unit else ""
        parts = ", ".join(f"{name} {p:.6g}" for name, p in zip(DISTRIBUTIONS[self.kind], self.params))
        return f"{self.kind}({parts}){unit}"


def _spread_in(value: float, unit: str, target: str) -> float:
    """A spread (a difference) from ``unit`` to ``target``: °C and K differences are equal."""
    def delta(text):
        u = ureg.parse_units(text) if text else ureg.dimensionless
        return {ureg.degC: ureg.delta_degC, ureg.degF: ureg.delta_degF}.get(u, u)

    return float(Q_(value, delta(unit)).to(delta(target)).magnitude)


def is_uncertain(raw) -> bool:
    """Whether ``raw`` (a design-file value) is written as an uncertain value."""
    return isinstance(raw, str) and (_PLUS_MINUS.search(raw) is not None or _CALL.match(raw) is not None)


def _plus_minus(text: str) -> Uncertain:
    """``"A ± B"``: normal with mean A and standard deviation B (B may be ``"n %"``)."""
    left, right = _PLUS_MINUS.split(text, maxsplit=1)
    a = parse_quantity(left)
    right = right.strip()
    if right.endswith("%"):
        b = parse_quantity(right[:-1])
        if not b.dimensionless:
            raise ValueError(f"a relative spread is a plain number of percent: {right!r}")
        return Uncertain("normal", (a.magnitude, abs(a.magnitude) * b.magnitude / 100.0), unit_text(a.units), text)
    b = parse_quantity(right)
    if unit_text(a.units) == "" and unit_text(b.units) != "":
        a = Q_(a.magnitude, b.units)  # "120 ± 5 kW": the unit written once, after the spread
    unit = unit_text(a.units)
    spread = b.magnitude if b.dimensionless and not a.dimensionless and unit_text(b.units) == "" \
        else _spread_in(b.magnitude, unit_text(b.units), unit)
    if spread < 0:
        raise ValueError(f"a negative spread: {right!r}")
    return Uncertain("normal", (a.magnitude, spread), unit, text)


def _call(kind: str, args: str, text: str) -> Uncertain:
    """``"normal(m, s)"``, ``"uniform(lo, hi)"``, ``"triangular(lo, mode, hi)"``."""
    kind = kind.lower()
    parts = [p.strip() for p in args.split(",")]
    if len(parts) != len(DISTRIBUTIONS[kind]):
        raise ValueError(f"{kind}() takes {len(DISTRIBUTIONS[kind])} values ({', '.join(DISTRIBUTIONS[kind])})")
    qs = [parse_quantity(p) for p in parts]
    unit_q = next((q for q in qs if not q.dimensionless), qs[0])
    unit = unit_text(unit_q.units)
    if kind == "normal":
        mean = float(Q_(qs[0].magnitude, unit if qs[0].dimensionless else qs[0].units).to(unit).magnitude)
        sd = qs[1].magnitude if qs[1].dimensionless else _spread_in(qs[1].magnitude, unit_text(qs[1].units), unit)
        if sd < 0:
            raise ValueError("a negative standard deviation")
        return Uncertain("normal", (mean, float(sd)), unit, text)
    vals = tuple(float((Q_(q.magnitude, unit) if q.dimensionless else q).to(unit).magnitude) for q in qs)
    if any(b < a for a, b in itertools.pairwise(vals)):
        raise ValueError(f"{kind}(): the values must not decrease ({', '.join(DISTRIBUTIONS[kind])})")
    return Uncertain(kind, vals, unit, text)


def parse_uncertain(raw) -> Uncertain | None:
    """The :class:`Uncertain` written in ``raw`` (a design-file value), or None when
    ``raw`` is a plain value.  Raises ``ValueError`` (with the reason) on an uncertain
    value that cannot be read."""
    if not is_uncertain(raw):
        return None
    m = _CALL.match(raw)
    try:
        return _call(m.group(1), m.group(2), raw) if m else _plus_minus(raw)
    except (pint.DimensionalityError, pint.errors.UndefinedUnitError) as err:
        raise ValueError(f"units do not agree in {raw!r} ({err})") from None


def nominal_text(raw):
    """The design-file value that sizes deterministically: ``"0.91"`` for
    ``"0.91 ± 0.02"``; ``raw`` itself when it is a plain value.

    >>> nominal_text("85 degC ± 2 K"), nominal_text("uniform(100 kW, 140 kW)"), nominal_text("5 K")
    ('85.0 degC', '120.0 kW', '5 K')
    """
    u = parse_uncertain(raw)
    if u is None:
        return raw
    return f"{u.nominal!r} {u.unit}".strip()


def from_stated(value: float, unit: str, stated: dict) -> Uncertain:
    """The distribution of a cited value ``value`` [``unit``] from its stated uncertainty
    (a ``stated_uncertainty`` table of materials/*.toml: ``relative`` or ``absolute``, and
    ``coverage``, one of :data:`COVERAGES`)."""
    coverage = stated.get("coverage", "standard")
    if coverage not in COVERAGES:
        raise ValueError(f"coverage {coverage!r} is not one of {', '.join(COVERAGES)}")
    half = abs(value) * float(stated["relative"]) if "relative" in stated else float(stated["absolute"])
    text = f"{value:g} ± {half:g} {unit} ({coverage})".replace("  ", " ")
    if COVERAGES[coverage] is None:
        return Uncertain("uniform", (value - half, value + half), unit, text)
    return Uncertain("normal", (value, half / COVERAGES[coverage]), unit, text)
