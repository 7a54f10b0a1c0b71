"""What the terminal UI shows of a result: rows of (label, value, unit), no Textual here."""

from __future__ import annotations

import math

#: (label, getter, unit) for the results table
ROWS = [
    ("total mass", lambda r: r.mass["total"], "t"),
    ("mass per rack", lambda r: r.mass["per_rack"], "kg"),
    ("launches", lambda r: r.launch["count"], ""),
    ("launch cost", lambda r: r.launch["cost"], "MUSD"),
    ("racks per launch", lambda r: r.launch["racks_per_launch"], ""),
    ("array area", lambda r: r.solar_array.area, "m^2"),
    ("array mass", lambda r: r.solar_array.mass, "kg"),
    ("array power EOL", lambda r: r.solar_array.power_eol, "kW"),
    ("battery capacity", lambda r: r.battery.capacity, "kWh"),
    ("battery mass", lambda r: r.battery.mass, "kg"),
    ("battery DoD used", lambda r: r.battery.depth_of_discharge_actual, ""),
    ("battery DoD allowed", lambda r: r.battery.depth_of_discharge, ""),
    ("radiator area", lambda r: r.radiator["area"], "m^2"),
    ("radiator mass", lambda r: r.radiator["mass"], "kg"),
    ("radiator sink, hot", lambda r: r.environment["radiator_sink_hot"], "degC"),
    ("junction limit", lambda r: r.temperatures["junction_limit"], "degC"),
    ("coolant max (radiator inlet)", lambda r: r.temperatures["coolant_max"], "degC"),
    ("radiator outlet", lambda r: r.temperatures["radiator_outlet"], "degC"),
    ("coldest coolant, cold case", lambda r: r.temperatures["coolant_min_cold_case"], "degC"),
    ("coolant melting point", lambda r: r.temperatures["coolant_melting_point"], "degC"),
    ("freeze margin (beyond required)", lambda r: r.margins["freeze"], "K"),
    ("radiator-to-sink margin", lambda r: r.margins["radiator_sink"], "K"),
    ("mass flow", lambda r: r.loop.mass_flow, "kg/s"),
    ("pressure drop", lambda r: r.loop.pressure_drop, "kPa"),
    ("pump power", lambda r: r.loop.pump_electrical_power, "kW"),
    ("power-system losses", lambda r: r.power_budget["power_system_losses"], "kW"),
]

_UNIT_TEXT = {"m^2": "m²", "degC": "°C", "MUSD": "M USD"}


def row_values(result) -> list[tuple[str, float | None, str]]:
    """(label, number, unit text) per row; ``None`` where the value does not exist."""
    out = []
    for label, get, unit in ROWS:
        try:
            value = get(result)
        except (KeyError, AttributeError, TypeError):
            value = None
        if value is None:
            number = None
        elif hasattr(value, "units"):
            number = float(value.to("USD").magnitude / 1e6) if unit == "MUSD" else float(
                value.to(unit).magnitude if unit else value.to("").magnitude)
        else:
            number = float(value)
        if number is not None and not math.isfinite(number):
            number = None
        out.append((label, number, _UNIT_TEXT.get(unit, unit)))
    return out


def fmt(number: float | None) -> str:
    if number is None:
        return "—"
    if abs(number) >= 1e5 or (0 < abs(number) < 1e-3):
        return f"{number:.3e}"
    return f"{number:,.4g}" if abs(number) < 1000 else f"{number:,.0f}"
