"""Numbers and text as the command line's reports print them (JSON is never formatted).

:func:`engineering` writes a Quantity the way an engineer reads it: masses in kg below
10 t and in t above, powers in W, kW, MW or GW, energies in Wh to GWh, four significant
digits, thousands separators and no exponent between 10^-3 and 10^15.
:func:`printable` makes text from a design file (a name, a description) safe to print
on a terminal.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["engineering", "number", "printable", "COOLANT_PROPERTIES"]

#: how the reports show a coolant property: name → (label, unit as pint reads it, unit as printed)
COOLANT_PROPERTIES = {
    "density": ("density", "kg/m^3", "kg/m³"),
    "specific_heat": ("specific heat", "J/(kg*K)", "J/(kg·K)"),
    "thermal_conductivity": ("thermal conductivity", "W/(m*K)", "W/(m·K)"),
    "viscosity": ("viscosity", "mPa*s", "mPa·s"),
}

# dimension: [(unit, used below this size in the first unit)...]
_LADDERS = {
    "[mass]": [("kg", 1e4), ("t", math.inf)],
    "[power]": [("W", 1e3), ("kW", 1e6), ("MW", 1e9), ("GW", math.inf)],
    "[energy]": [("Wh", 1e3), ("kWh", 1e6), ("MWh", 1e9), ("GWh", math.inf)],
}


def number(x: float, digits: int = 4) -> str:
    """``x`` to ``digits`` significant digits, without an exponent from 10^-3 to 10^15,
    thousands separated, trailing zeros dropped.

    >>> number(30013.4), number(157.66), number(0.13891), number(500000.0), number(-2.5e-7)
    ('30,010', '157.7', '0.1389', '500,000', '-2.5e-07')
    """
    if x is None or not math.isfinite(x):
        return "-"
    if x == 0:
        return "0"
    mag = math.floor(math.log10(abs(x)))
    if mag < -3 or mag >= 15:
        mantissa = f"{x:.{digits - 1}e}"
        head, exp = mantissa.split("e")
        return (head.rstrip("0").rstrip(".") if "." in head else head) + "e" + exp
    decimals = digits - 1 - mag
    if decimals <= 0:
        return f"{round(x, decimals):,.0f}"
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".")


def engineering(q: Any, unit: str | None = None, digits: int = 4) -> str:
    """A Quantity as an engineer reads it: ``"2,013 t"``, ``"1.2 MW"``, ``"30,010 m²"``.

    Masses, powers and energies take the unit of their size (kg below 10 t, then t; W, kW,
    MW, GW; Wh to GWh) whatever ``unit`` says; any other quantity is shown in ``unit``
    (default: its own).  ``None`` gives ``"-"``; a plain number is formatted alone.

    >>> from thermo_orbit.units import Q_
    >>> engineering(Q_(5e5, "kg")), engineering(Q_(3.001e4, "m^2")), engineering(Q_(1.2e6, "W"), "kW")
    ('500 t', '30,010 m²', '1.2 MW')
    >>> engineering(Q_(85, "degC")), engineering(Q_(4025.3, "kg"))
    ('85 °C', '4,025 kg')
    """
    if q is None:
        return "-"
    if not hasattr(q, "units"):
        return number(float(q), digits) if isinstance(q, (int, float)) else str(q)
    if not math.isfinite(float(q.magnitude)):
        return "-"
    for dimension, ladder in _LADDERS.items():
        if q.check(dimension):
            size = abs(float(q.to(ladder[0][0]).magnitude))
            unit = next((u for u, top in ladder if size < top), ladder[-1][0])  # NaN: the last
            break
    if unit is not None:
        q = q.to(unit)
    shown = f"{q.units:~P}"
    if shown == "dimensionless":
        shown = ""
    return f"{number(float(q.magnitude), digits)} {shown}".rstrip()


def printable(text: Any) -> str:
    """``text`` with control and format characters (escape sequences, newlines, bidi
    overrides) written as ``\\x1b``, ``\\n``...: a design name cannot move the cursor,
    recolour the terminal or break a report line.

    >>> printable("rack\\x1b[2J one\\nline")
    'rack\\\\x1b[2J one\\\\nline'
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)
