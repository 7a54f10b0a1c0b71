"""Design files: TOML with units written as strings, validated field by field.

A design is read with :func:`load_design`, which reports every problem at once, each
with its field path as written in the file (``orbit.altitude``), the value and the
expected unit or range; an unknown key gets a "did you mean" suggestion.  Only TOML is
read: no pickle, no code execution.

This module holds the field table for the sections the physics uses so far (rack,
orbit); later sections add their rows to :data:`FIELDS`.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pint

from .errors import InputError
from .orbit import ALTITUDE_RANGE, CircularOrbit
from .timescales import to_datetime64
from .units import parse_quantity

__all__ = ["Field", "FIELDS", "Design", "DesignError", "load_design", "parse_design", "default_design_path"]


@dataclass(frozen=True)
class Field:
    """One design field: its path, unit (``None`` for text/bool/int), range in that unit, default."""

    path: str
    unit: str | None
    low: float | None = None
    high: float | None = None
    default: Any = None
    required: bool = False
    kind: type = float
    doc: str = ""


FIELDS: dict[str, Field] = {f.path: f for f in [
    Field("name", None, kind=str, default="unnamed design", doc="Design name."),
    Field("description", None, kind=str, default="", doc="What the design represents."),
    Field("rack.power", "kW", 0.0, 1e7, required=True, doc="Electrical power drawn per rack."),
    Field("rack.count", None, 1, 1e7, default=1, kind=int, doc="Number of racks."),
    Field("rack.max_junction_temperature", "degC", -55.0, 200.0, default="85 degC",
          doc="Highest allowed chip junction temperature."),
    Field("orbit.altitude", "km", ALTITUDE_RANGE[0] / 1e3, ALTITUDE_RANGE[1] / 1e3, required=True,
          doc="Circular orbit altitude above the equatorial radius."),
    Field("orbit.sun_synchronous", None, kind=bool, default=False,
          doc="Sun-synchronous orbit: inclination from the altitude, node from orbit.ltan."),
    Field("orbit.ltan", None, kind=str, default="18:00",
          doc='Local time of the ascending node of a sun-synchronous orbit, "HH:MM".'),
    Field("orbit.inclination", "deg", 0.0, 180.0, doc="Inclination (not for sun-synchronous orbits)."),
    Field("orbit.raan", "deg", -360.0, 360.0, default="0 deg", doc="Ascending node at mission start."),
    Field("orbit.mission_start", None, kind=str, default="2027-01-01T00:00:00",
          doc="Mission start, UTC, ISO 8601."),
    Field("orbit.mission_life", "year", 0.0, 30.0, default="5 year", doc="Mission life."),
]}

class DesignError(InputError):
    """One or more problems in a design; ``problems`` lists each :class:`InputError`."""

    def __init__(self, source: str, problems: list[InputError]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(problems[0].field, problems[0].value, problems[0].expected,
                         f"{source}: {len(problems)} {noun}:\n{lines}")


@dataclass(frozen=True)
class Design:
    """A validated design: ``values`` maps field paths to Quantities (or text/bool/int)."""

    values: dict[str, Any]
    path: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def name(self) -> str:
        return self.values["name"]

    def orbit(self) -> CircularOrbit:
        """The design's orbit as a :class:`CircularOrbit` at mission start."""
        v = self.values
        if v["orbit.sun_synchronous"]:
            return CircularOrbit.sun_synchronous(v["orbit.altitude"], v["orbit.ltan"], v["orbit.mission_start"])
        return CircularOrbit(v["orbit.altitude"], v["orbit.inclination"], v["orbit.raan"], v["orbit.mission_start"])


def _flatten(table: dict) -> dict[str, Any]:
    """``{"orbit": {"altitude": ...}}`` to ``{"orbit.altitude": ...}`` (one level of sections)."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update({f"{key}.{sub}": v for sub, v in value.items()})
        else:
            out[key] = value
    return out


def _parse_quantity(field: Field, raw: Any) -> pint.Quantity:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise InputError(field.path, raw, f'a quantity with a unit, such as "{_example(field)}"',
                         f'{field.path}: expected a quantity with a unit such as "{_example(field)}", '
                         f"got {raw!r} (a plain number)")
    if not isinstance(raw, str):
        raise InputError(field.path, raw, f'a quantity written as a string, such as "{_example(field)}"')
    try:
        q = parse_quantity(raw)
    except ValueError:
        raise InputError(field.path, raw, f'a quantity such as "{_example(field)}"',
                         f'{field.path}: cannot read {raw!r} as a quantity; write it like "{_example(field)}"') from None
    try:
        mag = q.to(field.unit).magnitude
    except pint.DimensionalityError:
        raise InputError(field.path, raw, f"a quantity in {field.unit}",
                         f'{field.path}: expected a quantity convertible to {field.unit} such as '
                         f'"{_example(field)}", got {raw!r} (dimension {q.dimensionality})') from None
    if not np.isfinite(mag):
        raise InputError(field.path, raw, "a finite value")
    _check_bounds(field, mag, f"{raw!r}")
    return q


def _check_bounds(field: Field, mag: float, shown: str) -> None:
    unit = f" {field.unit}" if field.unit else ""
    if (field.low is not None and mag < field.low) or (field.high is not None and mag > field.high):
        expected = f"{field.low:g}{unit} to {field.high:g}{unit}"
        raise InputError(field.path, shown, expected, f"{field.path}: expected {expected}, got {shown}")


def _example(field: Field) -> str:
    if field.default is not None and isinstance(field.default, str):
        return field.default
    mid = field.low if field.low not in (None, 0.0) else (field.high or 1.0) / 10
    return f"{mid:g} {field.unit}"


def _parse_value(field: Field, raw: Any) -> Any:
    if field.unit is not None:
        return _parse_quantity(field, raw)
    if field.kind is bool:
        if not isinstance(raw, bool):
            raise InputError(field.path, raw, "true or false")
        return raw
    if field.kind is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InputError(field.path, raw, "a whole number")
        _check_bounds(field, raw, repr(raw))
        return raw
    if not isinstance(raw, str):
        raise InputError(field.path, raw, "text in quotes")
    return raw


def parse_design(table: dict, source: str = "design") -> Design:
    """Validate a parsed TOML table; raise :class:`DesignError` listing every problem."""
    problems: list[InputError] = []
    flat = _flatten(table)
    values: dict[str, Any] = {}
    for path, raw in flat.items():
        field = FIELDS.get(path)
        if field is None:
            close = difflib.get_close_matches(path, FIELDS.keys(), n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            problems.append(InputError(path, raw, "a known field", f"{path}: unknown field{hint}"))
            continue
        try:
            values[path] = _parse_value(field, raw)
        except InputError as err:
            problems.append(err)
    for path, field in FIELDS.items():
        if path in values or path in {p.field for p in problems}:
            continue
        if field.required:
            problems.append(InputError(path, None, f"a value in {field.unit}",
                                       f'{path}: missing; expected a value such as "{_example(field)}"'))
        elif field.default is not None:
            values[path] = _parse_value(field, field.default)
        else:
            values[path] = None
    if not problems:
        problems.extend(_cross_checks(values))
    if problems:
        raise DesignError(source, problems)
    return Design(values)


def _cross_checks(v: dict[str, Any]) -> list[InputError]:
    problems = []
    if v.get("orbit.sun_synchronous"):
        try:
            CircularOrbit.sun_synchronous(v["orbit.altitude"], v["orbit.ltan"], v["orbit.mission_start"])
        except InputError as err:
            problems.append(InputError(f"orbit.{err.field}" if "." not in err.field else err.field,
                                       err.value, err.expected, f"orbit.{err}"))
    elif v.get("orbit.inclination") is None:
        problems.append(InputError("orbit.inclination", None, "an inclination",
                                   'orbit.inclination: missing; give it (e.g. "51.6 deg") '
                                   "or set orbit.sun_synchronous = true"))
    try:
        to_datetime64(v["orbit.mission_start"], "orbit.mission_start")
    except InputError as err:
        problems.append(err)
    return problems


def load_design(path: str | Path) -> Design:
    """Read and validate a design TOML file.

    Raises
    ------
    DesignError
        listing every problem with its field path; also for a missing or unreadable file.
    """
    path = Path(path)
    try:
        with open(path, "rb") as f:
            table = tomllib.load(f)
    except FileNotFoundError:
        raise DesignError(str(path), [InputError("file", str(path), "an existing design file",
                                                 f"no such design file: {path}")]) from None
    except tomllib.TOMLDecodeError as err:
        raise DesignError(str(path), [InputError("file", str(path), "valid TOML",
                                                 f"not valid TOML: {err}")]) from None
    design = parse_design(table, str(path))
    return Design(design.values, path)


def default_design_path() -> Path:
    """``designs/default.toml`` (shipped with the package)."""
    from ._data import designs_dir

    return designs_dir() / "default.toml"
