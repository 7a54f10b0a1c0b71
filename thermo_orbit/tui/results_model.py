"""What the terminal UI shows of a sizing result, without Textual: rows read generically
from the result's dicts and dataclasses (new mass lines and new outputs appear without a
change here), the key figures, and the rows of a comparison of several designs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["ResultRow", "SECTION_ORDER", "KEY_FIGURES", "result_rows", "lookup", "key_figures", "margins_of",
           "Pin", "CompareRow", "compare_rows", "values_differ", "same_value", "label_of"]

#: sections listed first, in this order; any other section of the result follows in its own order
SECTION_ORDER = ("mass", "margins", "launch", "radiator", "solar_array", "battery", "temperatures", "power_budget",
                 "loop", "heat_pump", "environment", "orbit")
#: fields of a result that are not rows (shown elsewhere: verdict, binding, reasons, notes)
_NOT_ROWS = {"design", "feasible", "binding_constraint", "reasons", "assumptions", "warnings"}
#: (label, path) of the figures always in sight, whatever the terminal size
KEY_FIGURES = (("mass", "mass.total"), ("radiator", "radiator.area"), ("array", "solar_array.area"),
               ("battery", "battery.capacity"), ("launches", "launch.count"))


@dataclass(frozen=True)
class ResultRow:
    """One line of the results: ``path`` such as "mass.total", its section and value."""

    path: str
    section: str
    value: Any

    @property
    def label(self) -> str:
        """The key within its section, as words ("per rack")."""
        return label_of(self.path.split(".", 1)[1])


def label_of(key: str) -> str:
    """"hot_case_coating.absorptance" to "hot case coating absorptance"."""
    return key.replace("_", " ").replace(".", " ")


def _is_quantity(x: Any) -> bool:
    return hasattr(x, "units") and hasattr(x, "magnitude")


def _members(obj: Any) -> list[tuple[str, Any]]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj)]
    if isinstance(obj, dict):
        return list(obj.items())
    return []


def _rows_of(section: str, obj: Any, prefix: str = "") -> list[ResultRow]:
    rows = []
    for name, value in _members(obj):
        if name in ("feasible", "reasons", "warnings"):
            continue
        path = f"{section}.{prefix}{name}"
        if isinstance(value, dict) or dataclasses.is_dataclass(value):
            rows.extend(_rows_of(section, value, f"{prefix}{name}."))
        elif _is_quantity(value):
            if np.size(value.magnitude) <= 2:  # a scalar, or a range such as beta_range
                rows.append(ResultRow(path, section, value))
        elif value is None or isinstance(value, (str, int, float, bool, np.integer, np.floating)):
            rows.append(ResultRow(path, section, value))
    return rows


def result_rows(result: Any) -> list[ResultRow]:
    """Every scalar the result holds, grouped by section (see :data:`SECTION_ORDER`)."""
    sections: dict[str, list[ResultRow]] = {}
    for name, value in _members(result):
        if name in _NOT_ROWS or value is None:
            continue
        rows = _rows_of(name, value)
        if rows:
            sections[name] = rows
    order = [s for s in SECTION_ORDER if s in sections] + [s for s in sections if s not in SECTION_ORDER]
    return [row for s in order for row in sections[s]]


def lookup(result: Any, path: str) -> Any:
    """The value at "section.key" of a result (dict item or attribute), or None."""
    obj = result
    for part in path.split("."):
        obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def key_figures(result: Any) -> list[tuple[str, str, Any]]:
    """(label, path, value) of :data:`KEY_FIGURES` that the result has."""
    out = []
    for label, path in KEY_FIGURES:
        value = lookup(result, path)
        if value is not None:
            out.append((label, path, value))
    return out


def margins_of(result: Any) -> list[tuple[str, Any]]:
    """(name, margin) of the result's margins, in its order."""
    return list((getattr(result, "margins", None) or {}).items())


# ---------------------------------------------------------------- comparison


@dataclass
class Pin:
    """A design pinned for comparison: a snapshot of its inputs and result."""

    label: str
    values: dict[str, Any]  #: the design's values (defaults filled in)
    result: Any
    source: str = ""  #: the file or tab it was pinned from


@dataclass
class CompareRow:
    """One row of the comparison: a design input or a result, one value per pinned design."""

    path: str
    kind: str  #: "input" or "result"
    values: list[Any]

    @property
    def differs(self) -> bool:
        """The pinned designs do not all have the same value."""
        return values_differ(self.values)


def same_value(a: Any, b: Any) -> bool:
    """Equal values (quantities within 1e-9 relative, in any unit of the same kind)."""
    if a is None or b is None:
        return a is None and b is None
    if _is_quantity(a) and _is_quantity(b):
        try:
            x = np.asarray(a.magnitude, dtype=float)
            y = np.asarray(b.to(a.units).magnitude, dtype=float)
        except Exception:  # noqa: BLE001 - different dimensions: different
            return False
        return x.shape == y.shape and bool(np.all((x == y) | np.isclose(x, y, rtol=1e-9, atol=0.0)))
    return a == b


def values_differ(values: list[Any]) -> bool:
    """True unless every value equals the first (quantities within 1e-9 relative)."""
    return any(not same_value(values[0], v) for v in values[1:])


def compare_rows(pins: list[Pin]) -> list[CompareRow]:
    """The design inputs that differ between ``pins``, then every result row (the union,
    in first-seen order), with one value per pin (None where a pin lacks it)."""
    inputs: list[str] = []
    for pin in pins:
        inputs += [p for p in pin.values if p not in inputs]
    rows = [CompareRow(p, "input", [pin.values.get(p) for pin in pins]) for p in inputs]
    rows = [r for r in rows if r.differs]
    paths: list[str] = []
    per_pin = []
    for pin in pins:
        values = {r.path: r.value for r in result_rows(pin.result)}
        per_pin.append(values)
        paths += [p for p in values if p not in paths]
    sections = list(dict.fromkeys(p.split(".", 1)[0] for p in paths))
    paths.sort(key=lambda p: sections.index(p.split(".", 1)[0]))  # a section's rows together (stable)
    rows += [CompareRow(p, "result", [values.get(p) for values in per_pin]) for p in paths]
    return rows
