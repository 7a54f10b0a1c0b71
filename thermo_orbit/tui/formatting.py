"""Every number the terminal UI shows goes through :func:`format_number`, which uses the
command line's formatter (:func:`thermo_orbit.format.number`), so a number reads the same
in the UI and in the reports."""

from __future__ import annotations

import math
from typing import Any

from .api import number

__all__ = ["format_number", "format_signed", "format_value", "format_limit"]


def format_number(x: float | None, digits: int = 4) -> str:
    """``x`` to ``digits`` significant figures, thousands separated (the reports' format);
    "—" where there is no value."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "—"
    return number(float(x), digits)


def format_signed(x: float | None, digits: int = 4) -> str:
    """:func:`format_number` with its sign always written (margins, changes)."""
    text = format_number(x, digits)
    return text if text == "—" or text.startswith("-") or text == "0" else "+" + text


def format_value(value: Any) -> str:
    """Text, whole numbers and the rest of what a result holds besides Quantities."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def format_limit(x: float) -> str:
    """A field's range limit as the field table gives it, shortest form ("1e+06", "0.001")."""
    return f"{float(x):g}"
