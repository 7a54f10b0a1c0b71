"""The display preference (degC, K or degF; SI or customary) and the unit each quantity is
shown in.  Display only: the design file keeps the units it was written in, and results
are converted for the eye, never fed back.

A temperature is absolute unless its name says it is a difference (margin, drop, lift,
glide, band, rise): pint cannot tell "345 K" from "45 K above the melting point".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

__all__ = ["DisplayPrefs", "TEMPERATURE_UNITS", "SYSTEMS", "display_unit", "to_display", "unit_text",
           "is_temperature_difference"]

TEMPERATURE_UNITS = ("degC", "K", "degF")
SYSTEMS = ("SI", "customary")

_DIFFERENCE = re.compile(r"margin|drop|lift|glide|band|rise|difference|delta|span|change")

#: customary units by the kind of quantity (lengths pick inch, foot or mile by size)
_CUSTOMARY = ("foot ** 2", "gallon", "pound", "pound / second", "foot / second", "psi", "pound / foot ** 2",
              "pound / foot ** 3", "Btu / hour / foot ** 2", "Btu / hour / foot ** 2 / delta_degF",
              "watt_hour / pound", "watt / pound")


@dataclass(frozen=True)
class DisplayPrefs:
    """How quantities are shown: ``temperature`` one of :data:`TEMPERATURE_UNITS`,
    ``system`` one of :data:`SYSTEMS`."""

    temperature: str = "degC"
    system: str = "SI"

    def next_temperature(self) -> DisplayPrefs:
        """The preference with the next temperature unit (degC, K, degF, degC, ...)."""
        i = TEMPERATURE_UNITS.index(self.temperature) if self.temperature in TEMPERATURE_UNITS else -1
        return replace(self, temperature=TEMPERATURE_UNITS[(i + 1) % len(TEMPERATURE_UNITS)])

    def next_system(self) -> DisplayPrefs:
        """The preference with the other unit system."""
        return replace(self, system="customary" if self.system == "SI" else "SI")

    def describe(self) -> str:
        """Short text for the status line ("degC, SI")."""
        return f"{self.temperature}, {self.system}"


def is_temperature_difference(name: str) -> bool:
    """True where a temperature's name says it is a difference (``freeze_margin``)."""
    return bool(_DIFFERENCE.search(name))


def _dimension(q) -> str:
    return str(q.dimensionality)


def display_unit(q, name: str, prefs: DisplayPrefs):
    """The unit (a pint spelling, or ``q``'s own unit) ``q`` is shown in under ``prefs``; ``name`` is its path
    or key, read only to tell a temperature difference from a temperature."""
    dim = _dimension(q)
    if dim == "[temperature]":
        if is_temperature_difference(name) or name.startswith("margins."):
            return "delta_degF" if prefs.temperature == "degF" else "kelvin"
        return {"degC": "degC", "K": "kelvin", "degF": "degF"}.get(prefs.temperature, "degC")
    if prefs.system == "customary":
        if dim == "[length]":
            feet = float(np.max(np.abs(q.to("foot").magnitude)))
            return "inch" if feet < 1.0 else ("mile" if feet >= 1e4 else "foot")
        for unit in _CUSTOMARY:
            if q.is_compatible_with(unit):
                return unit
    return q.units


def to_display(q, name: str, prefs: DisplayPrefs) -> tuple[Any, str]:
    """``(magnitude, unit text)`` of ``q`` as shown under ``prefs``."""
    unit = display_unit(q, name, prefs)
    shown = q.to(unit)
    return shown.magnitude, unit_text(shown.units)


def unit_text(units) -> str:
    """A unit as an engineer writes it: ``W/(m²·K)``, ``°C``, ``kg/s``; "" for dimensionless."""
    if str(units) == "dimensionless":
        return ""
    text = f"{units:~P}".replace("$", "USD").replace(" ", "")
    text = {"l": "L", "a": "yr"}.get(text, text)  # pint's litre and annum, as engineers write them
    parts = text.split("/")
    if len(parts) <= 2:
        return text
    below = sorted(parts[1:], key=lambda p: p in ("K", "Δ°F", "°C", "°F"))  # W/(m²·K), as engineers write it
    return f"{parts[0]}/({'·'.join(below)})"
