"""Material and technology data: coolants, coatings, solar cells, batteries, structures
and pumps, loaded from the cited TOML files in ``materials/``.

Every number carries its unit and a source; the loader rejects an entry without them,
naming the file and the entry.  Coolant properties are functions of temperature with a
validity range: outside it they raise :class:`OutOfRangeError` unless
``extrapolate=True`` is passed, which computes the value and warns with
:class:`ExtrapolationWarning`.

Examples
--------
>>> from thermo_orbit.materials import coolant
>>> from thermo_orbit.units import Q_
>>> round(coolant("sodium").density(Q_(400, "K")).magnitude, 1)
919.3
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pint

from ._data import materials_dir, read_toml
from ._forms import FORM_CODES, check_contiguous, property_array, property_program, segment_index, to_kelvin
from .errors import ExtrapolationWarning, InputError, OutOfRangeError, ThermoOrbitError
from .units import Q_, quantity, si_value

__all__ = [
    "MaterialDataError", "TemperatureProperty", "Coolant", "Record", "FAMILIES", "coolant",
    "coating", "solar_cell", "battery_chemistry", "structure", "pump", "system_data",
    "list_materials", "battery_not_sizable", "material",
]

#: family name -> (file, top-level table)
FAMILIES: dict[str, tuple[str, str]] = {
    "coolant": ("coolants.toml", "coolant"),
    "coating": ("coatings.toml", "coating"),
    "solar_cell": ("solar_cells.toml", "solar_cell"),
    "battery": ("batteries.toml", "battery"),
    "structure": ("structures.toml", "structure"),
    "pump": ("pumps.toml", "pump"),
    "system": ("system.toml", "system"),
}
_PROPERTY_NAMES = ("density", "specific_heat", "thermal_conductivity", "viscosity")
_PROPERTY_UNITS = {"density": "kg/m^3", "specific_heat": "J/(kg*K)",
                   "thermal_conductivity": "W/(m*K)", "viscosity": "Pa*s"}
_FORM_KEYS = {
    "polynomial": ("coefficients",),
    "arrhenius": ("A", "B"),
    "critical_density": ("rho_c", "f", "g", "h", "Tc"),
    "table": ("x", "y"),
    "coolprop": ("fluid", "output", "pressure"),
    "piecewise": ("segments",),
}


class MaterialDataError(ThermoOrbitError):
    """A data file entry is incomplete or malformed (names file and entry)."""


# --------------------------------------------------------------------------- properties

@dataclass(frozen=True)
class TemperatureProperty:
    """A property as a function of temperature, from one cited correlation or table.

    Call it with a temperature Quantity; :meth:`si` is the float kernel (kelvin in, SI out).
    """

    material: str
    name: str
    form: str
    unit: str
    x_unit: str
    range_K: tuple[float, float]
    params: dict
    source: str
    ref: str = ""
    uncertainty: str = ""
    _scale: float = 1.0

    def si(self, T: np.ndarray) -> np.ndarray:
        """Property in SI units at temperatures ``T`` [K] (float64 arrays, no range check),
        from the correlation or table of the cited entry in materials/coolants.toml
        (its citation: :attr:`source`, where in it: :attr:`ref`)."""
        if self.form not in FORM_CODES and self.form != "piecewise":  # pragma: no cover - rejected at load
            raise MaterialDataError(f"{self.material}.{self.name}: unknown form {self.form!r}")
        return property_array(property_program((self,)), 0, T)

    @property
    def scale(self) -> float:
        """Factor from the unit of the entry in materials/coolants.toml to SI, dimensionless
        (1 for a piecewise property: its segments scale)."""
        return self._scale

    def __call__(self, temperature, extrapolate: bool = False):
        """Value at ``temperature`` [temperature], as a Quantity in SI units ([kg/m³],
        [J/(kg·K)], [W/(m·K)] or [Pa·s]), from the cited entry in materials/coolants.toml.

        Outside the validity range: :class:`OutOfRangeError`, or with ``extrapolate=True``
        the value and an :class:`ExtrapolationWarning`."""
        T = si_value(temperature, "temperature", "K", 'Q_(400, "K")')
        lo, hi = self.range_K
        out = (T < lo - 1e-9) | (T > hi + 1e-9)
        if np.any(out):
            bad = float(T[out].ravel()[0]) if T.ndim else float(T)
            message = (f"{self.material} {self.name}: {bad:.6g} K is outside the validity range "
                       f"{lo:.6g} K to {hi:.6g} K of {self.source_key_text()}")
            if not extrapolate:
                raise OutOfRangeError("temperature", bad, f"{lo:.6g} K to {hi:.6g} K",
                                      message + "; pass extrapolate=True to compute it anyway")
            warnings.warn("extrapolated: " + message, ExtrapolationWarning, stacklevel=2)
        return quantity(self.si(T), _PROPERTY_UNITS.get(self.name, self.unit))

    def segment_at(self, temperature) -> TemperatureProperty:
        """The cited entry of materials/coolants.toml that gives the value at ``temperature``
        [temperature]: the segment of a piecewise property, else the property itself."""
        segs = self.params.get("segments", (self,))
        T = float(np.ravel(si_value(temperature, "temperature", "K", 'Q_(400, "K")'))[0])
        return segs[int(segment_index([s.range_K[0] for s in segs], T))]

    @property
    def citations(self) -> tuple[str, ...]:
        """Full citations of the property (one per segment of a piecewise property)."""
        return tuple(dict.fromkeys(s.source for s in self.params.get("segments", (self,))))

    def source_key_text(self) -> str:
        """Where in the source the correlation is (``ref``), else the full citation."""
        return self.ref or self.source

    @property
    def valid_range(self):
        """Validity range of the correlation: [low, high], [K]."""
        return Q_(np.array(self.range_K), "K")


# --------------------------------------------------------------------------- records

def _check_unit(unit: Any, where: str) -> str:
    if not isinstance(unit, str):
        raise MaterialDataError(f"{where}: missing unit")
    try:
        Q_(1.0, unit)
    except (pint.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError, ValueError):
        raise MaterialDataError(f"{where}: unit {unit!r} is not a unit pint knows") from None
    return unit


def _check_source(rec: dict, sources: dict, where: str) -> str:
    key = rec.get("source")
    if not key:
        raise MaterialDataError(f"{where}: missing source")
    if key not in sources:
        raise MaterialDataError(f"{where}: source key {key!r} is not in the file's [sources] table")
    return sources[key]


def _value_record(rec: dict, sources: dict, where: str) -> Value:
    unit = _check_unit(rec.get("unit"), where)
    citation = _check_source(rec, sources, where)
    value = rec["value"]
    q = Q_(np.asarray(value, dtype=np.float64) if isinstance(value, list) else float(value), unit)
    return Value(q, citation, rec.get("ref", ""), str(rec.get("confidence", "")), str(rec.get("check", "")))


@dataclass(frozen=True)
class Value:
    """A cited number: the Quantity, its full citation, and where in the source."""

    quantity: Any
    source: str
    ref: str = ""
    confidence: str = ""
    check: str = ""


@dataclass(frozen=True)
class Record:
    """A technology entry (coating, cell, battery, structure, pump): cited values by field name.

    ``record["alpha_bol"]`` or ``record.alpha_bol`` gives the Quantity; ``record.values``
    the :class:`Value` records with their sources; ``record.tables`` the cited tables
    (such as a battery's ``cycle_life``)."""

    family: str
    name: str
    description: str
    values: dict[str, Value]
    tables: dict[str, dict]
    text: dict[str, Any]
    aliases: tuple[str, ...] = ()

    def __getitem__(self, key: str):
        return self.values[key].quantity

    def __getattr__(self, key: str):
        values = object.__getattribute__(self, "values")
        if key in values:
            return values[key].quantity
        raise AttributeError(key)

    @property
    def sources(self) -> tuple[str, ...]:
        """Full citations of every value and table of the entry, sorted."""
        cites = {v.source for v in self.values.values()}
        cites |= {t["_citation"] for t in self.tables.values()}
        return tuple(sorted(cites))


@dataclass(frozen=True)
class Coolant:
    """A coolant with temperature-dependent properties (each a :class:`TemperatureProperty`).

    Methods take a temperature Quantity (scalar or array) and return SI Quantities.
    """

    name: str
    aliases: tuple[str, ...]
    description: str
    melting_point: Any
    boiling_point: Any
    properties: dict[str, TemperatureProperty]
    point_sources: dict[str, str]
    notes: str = ""
    composition: Any = ""
    pressurized: bool = False  #: properties on the saturation line: the loop runs above saturation pressure

    def _prop(self, name: str) -> TemperatureProperty:
        try:
            return self.properties[name]
        except KeyError:
            raise OutOfRangeError(f"{self.name}.{name}", None, "a property with cited data",
                                  f"{self.name}: no cited {name.replace('_', ' ')} data in "
                                  "materials/coolants.toml") from None

    def density(self, temperature, extrapolate: bool = False):
        """Density ρ(T), [kg/m³], from the coolant's cited entry in materials/coolants.toml."""
        return self._prop("density")(temperature, extrapolate)

    def specific_heat(self, temperature, extrapolate: bool = False):
        """Isobaric specific heat c_p(T), [J/(kg·K)], from the cited entry in materials/coolants.toml."""
        return self._prop("specific_heat")(temperature, extrapolate)

    def thermal_conductivity(self, temperature, extrapolate: bool = False):
        """Thermal conductivity k(T), [W/(m·K)], from the cited entry in materials/coolants.toml."""
        return self._prop("thermal_conductivity")(temperature, extrapolate)

    def viscosity(self, temperature, extrapolate: bool = False):
        """Dynamic viscosity μ(T), [Pa·s], from the cited entry in materials/coolants.toml."""
        return self._prop("viscosity")(temperature, extrapolate)

    def prandtl(self, temperature, extrapolate: bool = False):
        """Prandtl number Pr = c_p μ / k, [dimensionless]."""
        return (self.specific_heat(temperature, extrapolate) * self.viscosity(temperature, extrapolate)
                / self.thermal_conductivity(temperature, extrapolate)).to("")

    @property
    def valid_range(self):
        """Temperatures where every available property is valid: (low, high), [K]."""
        lo = max(p.range_K[0] for p in self.properties.values())
        hi = min(p.range_K[1] for p in self.properties.values())
        return Q_(lo, "K"), Q_(hi, "K")

    @property
    def sources(self) -> tuple[str, ...]:
        """Full citations of every property and of the melting and boiling points, sorted."""
        cites = {c for p in self.properties.values() for c in p.citations} | set(self.point_sources.values())
        return tuple(sorted(cites))


# --------------------------------------------------------------------------- loading

def _temperature_property(material: str, name: str, rec: dict, sources: dict, where: str) -> TemperatureProperty:
    form = rec.get("form")
    if form not in _FORM_KEYS:
        raise MaterialDataError(f"{where}: form {form!r} is not one of {', '.join(_FORM_KEYS)}")
    for key in _FORM_KEYS[form]:
        if key not in rec:
            raise MaterialDataError(f"{where}: form {form!r} needs {key!r}")
    if form == "piecewise":
        return _piecewise_property(material, name, rec["segments"], sources, where)
    unit = _check_unit(rec.get("unit"), where)
    citation = _check_source(rec, sources, where)
    if "range" not in rec or "range_unit" not in rec:
        raise MaterialDataError(f"{where}: missing validity range (range and range_unit)")
    range_unit = _check_unit(rec["range_unit"], where + ".range_unit")
    x_unit = _check_unit(rec.get("x_unit", "K"), where + ".x_unit")
    lo, hi = (float(v) for v in rec["range"])
    range_K = (float(to_kelvin(np.float64(lo), range_unit)), float(to_kelvin(np.float64(hi), range_unit)))
    if not range_K[0] < range_K[1]:
        raise MaterialDataError(f"{where}: empty validity range {rec['range']}")
    params = {k: rec[k] for k in ("coefficients", "powers", "A", "n", "B", "rho_c", "f", "g", "h", "Tc",
                                  "x", "y", "fluid", "output", "pressure") if k in rec}
    if form == "table":
        params["x"] = [float(v) for v in params["x"]]
        params["y"] = [float(v) for v in params["y"]]
        if len(params["x"]) != len(params["y"]) or len(params["x"]) < 2:
            raise MaterialDataError(f"{where}: table needs x and y of equal length >= 2")
    if form == "coolprop" and params["pressure"] != "sat":
        params["_pressure_Pa"] = float(Q_(*params["pressure"].split(" ", 1)).to("Pa").magnitude) \
            if isinstance(params["pressure"], str) else float(params["pressure"])
    target = _PROPERTY_UNITS.get(name)
    scale = 1.0 if target is None or form == "coolprop" else float(Q_(1.0, unit).to(target).magnitude)
    return TemperatureProperty(material, name, form, target or unit, x_unit, range_K, params, citation,
                               str(rec.get("ref", "")), str(rec.get("uncertainty", "")), scale)


def _piecewise_property(material: str, name: str, segments: Any, sources: dict, where: str) -> TemperatureProperty:
    """A property cited segment by segment (materials/README.md, form "piecewise")."""
    if not isinstance(segments, list) or not segments:
        raise MaterialDataError(f"{where}: piecewise needs a non-empty list of segments")
    segs = []
    for i, seg in enumerate(segments, start=1):
        if not isinstance(seg, dict) or seg.get("form") == "piecewise":
            raise MaterialDataError(f"{where}.segments[{i}]: a segment is one cited entry, not piecewise")
        segs.append(_temperature_property(material, name, seg, sources, f"{where}.segments[{i}]"))
    problem = check_contiguous([s.range_K for s in segs], where)
    if problem:
        raise MaterialDataError(problem)
    def text(attr):
        return "; ".join(f"{s.range_K[0]:.6g}-{s.range_K[1]:.6g} K: {getattr(s, attr)}" for s in segs)

    return TemperatureProperty(material, name, "piecewise", segs[0].unit, "K",
                               (segs[0].range_K[0], segs[-1].range_K[1]),
                               {"segments": tuple(segs)}, "; ".join(dict.fromkeys(s.source for s in segs)),
                               text("ref"), text("uncertainty"))


def _file(family: str) -> tuple[Path, dict]:
    filename, _ = FAMILIES[family]
    path = materials_dir() / filename
    return path, read_toml(path)


def _load_coolant(name: str, entry: dict, sources: dict, filename: str) -> Coolant:
    where = f"{filename}: coolant {name!r}"
    props = {}
    for prop in _PROPERTY_NAMES:
        if prop in entry:
            props[prop] = _temperature_property(name, prop, entry[prop], sources, f"{where}.{prop}")
    if "melting_point" not in entry:
        raise MaterialDataError(f"{where}: missing melting_point")
    points, point_sources = {"boiling_point": None}, {}
    for key in ("melting_point", "boiling_point"):
        if key not in entry:
            continue  # a boiling point the sources do not give is left as None
        v = _value_record(entry[key], sources, f"{where}.{key}")
        points[key] = v.quantity.to("K")
        point_sources[key] = v.source
    return Coolant(name, tuple(entry.get("aliases", ())), entry.get("description", ""),
                   points["melting_point"], points["boiling_point"], props, point_sources,
                   entry.get("notes", ""), entry.get("composition", ""), bool(entry.get("pressurized", False)))


def _load_record(family: str, name: str, entry: dict, sources: dict, filename: str) -> Record:
    where = f"{filename}: {family} {name!r}"
    values, tables, text = {}, {}, {}
    for key, rec in entry.items():
        if isinstance(rec, dict) and "value" in rec:
            values[key] = _value_record(rec, sources, f"{where}.{key}")
        elif isinstance(rec, dict):
            citation = _check_source(rec, sources, f"{where}.{key}")
            tables[key] = {**rec, "_citation": citation}
        else:
            text[key] = rec
    if not values and not tables:
        raise MaterialDataError(f"{where}: no cited values")
    aliases = tuple(entry.get("aliases", ())) + ((str(entry["title"]),) if "title" in entry else ())
    return Record(family, name, str(entry.get("description", "")), values, tables, text, aliases)


@cache
def _family(family: str) -> dict[str, Any]:
    path, data = _file(family)
    _, table = FAMILIES[family]
    sources = data.get("sources", {})
    entries = data.get(table, {})
    loaded = {}
    for name, entry in entries.items():
        if family == "coolant":
            loaded[name] = _load_coolant(name, entry, sources, path.name)
        else:
            loaded[name] = _load_record(family, name, entry, sources, path.name)
    return loaded


def _index(family: str) -> dict[str, str]:
    idx = {}
    for name, obj in _family(family).items():
        for key in (name, *obj.aliases):
            idx[key.lower()] = name
    return idx


def material(family: str, name: str):
    """Look up ``name`` (or an alias, any case) in ``family``.

    Raises
    ------
    InputError
        unknown family or name; the message lists what exists.
    """
    if family not in FAMILIES:
        raise InputError("family", family, f"one of {', '.join(FAMILIES)}")
    if not isinstance(name, str):
        raise InputError(family, name, "a name in quotes")
    idx = _index(family)
    key = idx.get(name.strip().lower())
    if key is None:
        import difflib

        close = difflib.get_close_matches(name.lower(), idx.keys(), n=1, cutoff=0.5)
        hint = f'; did you mean "{idx[close[0]]}"?' if close else ""
        raise InputError(family, name, f"one of {', '.join(_family(family))}",
                         f"{family}: unknown {family.replace('_', ' ')} {name!r}{hint} "
                         f"(known: {', '.join(_family(family))})")
    return _family(family)[key]


def coolant(name: str) -> Coolant:
    """A coolant by name or alias: ``"NaK-78"``, ``"Na"`` (``"sodium"``), ``"K"``, ``"Li"``,
    ``"Ga"``, ``"Galinstan"``, ``"LBE"`` (``"lead-bismuth"``), ``"ammonia"``, ``"water"``."""
    return material("coolant", name)


def coating(name: str) -> Record:
    """A surface coating: solar absorptance and IR emissivity at beginning and end of life."""
    return material("coating", name)


def solar_cell(name: str) -> Record:
    """A solar cell type: efficiency, temperature coefficient, degradation, optical and mass data."""
    return material("solar_cell", name)


def battery_chemistry(name: str) -> Record:
    """A battery: specific energy, efficiencies, cycle life against depth of discharge."""
    return material("battery", name)


def structure(name: str) -> Record:
    """A structure or tube material: areal density, density, conductivity, limits."""
    return material("structure", name)


def pump(name: str) -> Record:
    """A pump for a coolant loop: efficiency and specific mass."""
    return material("pump", name)


def system_data(name: str) -> Record:
    """A cited system-level record (materials/system.toml): flown hardware, mass rules, path efficiencies."""
    return material("system", name)


def battery_not_sizable(name: str) -> str | None:
    """Why the battery ``name`` cannot be sized from the database alone (no cited cycle-life
    data, or no cited specific energy), or None when it can."""
    rec = battery_chemistry(name)
    if rec.text.get("sizable", "cycle_life" in rec.tables) and "cycle_life" in rec.tables:
        return None
    return rec.text.get("not_sizable_reason", "no cited cycle-life table")


def list_materials(family: str | None = None) -> dict[str, list[str]] | list[str]:
    """Names in one family, or ``{family: names}`` for all."""
    if family is None:
        return {f: list(_family(f)) for f in FAMILIES}
    if family not in FAMILIES:
        raise InputError("family", family, f"one of {', '.join(FAMILIES)}")
    return list(_family(family))
