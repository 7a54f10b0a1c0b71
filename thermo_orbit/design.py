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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pint

from .errors import InputError
from .orbit import ALTITUDE_RANGE, CircularOrbit
from .timescales import to_datetime64
from .units import parse_quantity, unit_text

__all__ = ["Field", "FIELDS", "Design", "DesignError", "load_design", "save_design", "parse_design",
           "default_design_path"]


@dataclass(frozen=True)
class Field:
    """One design field: its path, unit (``None`` for text/bool/int), range in that unit,
    default, and where the default comes from (a citation, or "design assumption")."""

    path: str
    unit: str | None
    low: float | None = None
    high: float | None = None
    default: Any = None
    required: bool = False
    kind: type = float
    doc: str = ""
    choices: tuple[str, ...] = ()
    source: str = ""
    example: str = ""


_SMAD = "SMAD 3rd ed. (Wertz & Larson 1999), Sec. 11.4"
_ASSUMPTION = "design assumption"

FIELDS: dict[str, Field] = {f.path: f for f in [
    Field("name", None, kind=str, default="unnamed design", doc="Design name."),
    Field("description", None, kind=str, default="", doc="What the design represents."),
    # rack
    Field("rack.power", "kW", 0.001, 1e6, required=True, doc="Electrical power drawn per rack (all of it becomes heat).",
          example="120 kW"),
    Field("rack.count", None, 1, 1e6, default=1, kind=int, doc="Number of racks."),
    Field("rack.mass", "kg", 0.0, 1e5, required=True, doc="Mass of one rack as flown (servers, cold plates, frame).",
          example="1000 kg"),
    Field("rack.shielding_mass", "kg", 0.0, 1e5, default="0 kg", doc="Radiation shielding per rack."),
    Field("rack.max_junction_temperature", "degC", -55.0, 200.0, default="85 degC",
          doc="Highest allowed chip junction temperature.", source=_ASSUMPTION),
    Field("rack.junction_to_cold_plate_resistance", "K/W", 0.0, 1.0, default="1e-4 K/W",
          doc="Rack-level resistance junction to cold-plate wall (per-chip value / chips in parallel).",
          source=_ASSUMPTION),
    Field("rack.specific_heat", "J/(kg*K)", 100.0, 5000.0, default="700 J/(kg*K)",
          doc="Mean specific heat of a rack (copper, aluminium, boards), for the orbit transient.", source=_ASSUMPTION),
    Field("rack.cold_plate_wetted_area", "m^2", 1e-4, 1e3, default="3 m^2", doc="Wetted area of a rack's cold plates.",
          source=_ASSUMPTION),
    Field("rack.cold_plate_hydraulic_diameter", "mm", 0.05, 100.0, default="2 mm",
          doc="Hydraulic diameter of the cold-plate channels.", source=_ASSUMPTION),
    Field("rack.cold_plate_flow_area", "cm^2", 0.01, 1e4, default="30 cm^2",
          doc="Total flow cross-section of a rack's cold-plate channels.", source=_ASSUMPTION),
    Field("rack.cold_plate_loss_coefficient", "", 0.0, 1e4, default="5", doc="Loss coefficient K of a rack's cold plates.",
          source=_ASSUMPTION),
    # orbit
    Field("orbit.altitude", "km", ALTITUDE_RANGE[0] / 1e3, ALTITUDE_RANGE[1] / 1e3, required=True,
          doc="Circular orbit altitude above the equatorial radius.", example="550 km"),
    Field("orbit.sun_synchronous", None, kind=bool, default=False,
          doc="Sun-synchronous orbit: inclination from the altitude, node from orbit.ltan."),
    Field("orbit.ltan", None, kind=str, default="18:00",
          doc='Local time of the ascending node of a sun-synchronous orbit, "HH:MM".'),
    Field("orbit.inclination", "deg", 0.0, 180.0, doc="Inclination (not for sun-synchronous orbits)."),
    Field("orbit.raan", "deg", -360.0, 360.0, default="0 deg", doc="Ascending node at mission start."),
    Field("orbit.mission_start", None, kind=str, default="2027-01-01T00:00:00",
          doc="Mission start, UTC, ISO 8601."),
    Field("orbit.mission_life", "year", 0.01, 30.0, default="5 year", doc="Mission life."),
    Field("orbit.environment", None, kind=str, default="ECSS-E-ST-10-04C", choices=("ECSS-E-ST-10-04C", "SSP-41000"),
          doc="Thermal-environment design cases: the ECSS bounding ranges, or the ISS SSP 41000 cases."),
    # power
    Field("power.cell", None, kind=str, default="XTJ-Prime", doc="Solar cell (materials: solar_cell)."),
    Field("power.cell_efficiency", "", 0.01, 0.6, doc="Cell efficiency at 28 degC; default: the cell's cited value."),
    Field("power.cell_temperature_coefficient", "1/K", -0.02, 0.0,
          doc="Relative temperature coefficient of cell efficiency; required where the database has no cited value."),
    Field("power.cell_absorptance", "", 0.0, 1.0, doc="Front solar absorptance; default: the cell's cited value."),
    Field("power.cell_emissivity", "", 0.0, 1.0, doc="Front IR emissivity; default: the cell's cited value."),
    Field("power.array_back_emissivity", "", 0.0, 1.0, default="0.8", doc="IR emissivity of the array's back face.",
          source=_ASSUMPTION),
    Field("power.packing_factor", "", 0.1, 1.0, default="0.85", doc="Cell area / array area.", source=_ASSUMPTION),
    Field("power.regulation", None, kind=str, default="PPT", choices=("PPT", "DET"),
          doc="Peak-power tracking or direct energy transfer (sets the path efficiencies).", source=_SMAD),
    Field("power.path_efficiency_eclipse", "", 0.1, 1.0, doc="Override X_e (default from regulation, SMAD)."),
    Field("power.path_efficiency_daylight", "", 0.1, 1.0, doc="Override X_d (default from regulation, SMAD)."),
    Field("power.pointing", None, kind=str, default="sun_tracking", choices=("sun_tracking", "single_axis", "fixed"),
          doc="Array pointing."),
    Field("power.array_tilt", "deg", 0.0, 180.0, doc="Tilt of a fixed array's normal from nadir."),
    Field("power.inherent_degradation", "", 0.1, 1.0, default="0.77", doc="I_d.", source=_SMAD + ", Table 11-35"),
    Field("power.degradation_per_year", "", 0.0, 0.5, default="0.0275",
          doc="Yearly array degradation D (SMAD: 2.75 %/yr for GaAs).", source=_SMAD),
    Field("power.eol_fluence", "1/cm^2", 1e10, 1e17,
          doc="1 MeV electron-equivalent fluence at end of life; when given, the cell's cited remaining "
              "factor replaces the yearly degradation."),
    Field("power.array_specific_power", "W/kg", 1.0, 2000.0, default="130 W/kg",
          doc="Array specific power at BOL (JPL APSA flexible blanket, materials/solar_cells.toml).",
          source="materials/solar_cells.toml: APSA"),
    Field("power.margin", "", 0.0, 2.0, default="0.1", doc="Margin on the loads for array sizing.", source=_ASSUMPTION),
    Field("power.max_array_area", "m^2", 1.0, 1e7, doc="Largest array area allowed (optional)."),
    Field("power.battery", None, kind=str, default="VES180", doc="Battery (materials: battery), its cycle-life table."),
    Field("power.battery_specific_energy", "Wh/kg", 1.0, 1000.0,
          doc="Battery-level specific energy; default: the battery's cited pack value, else its cell value x 0.75."),
    Field("power.battery_specific_heat", "J/(kg*K)", 100.0, 5000.0, default="1000 J/(kg*K)",
          doc="Battery specific heat (transient).", source=_ASSUMPTION),
    Field("power.battery_conductance", "W/K", 0.001, 1e9,
          doc="Thermal conductance from the batteries to their own thermal control (transient); default: "
              "power.battery_conductance_per_capacity times the installed capacity."),
    Field("power.battery_conductance_per_capacity", "W/(K*kWh)", 0.001, 1e4, default="2 W/(K*kWh)",
          doc="Battery thermal-control conductance per kWh installed, when power.battery_conductance is not "
              "given (transient): a battery's losses and its cold plates both scale with its size.",
          source=_ASSUMPTION),
    Field("power.battery_control_temperature", "degC", -40.0, 80.0, default="20 degC",
          doc="Temperature the batteries' thermal control holds (transient).", source=_ASSUMPTION),
    Field("power.array_specific_heat", "J/(kg*K)", 100.0, 5000.0, default="900 J/(kg*K)",
          doc="Array specific heat (transient).", source=_ASSUMPTION),
    Field("power.battery_count", None, 1, 1000, default=4, kind=int, doc="Number of batteries."),
    Field("power.battery_redundancy", None, kind=bool, default=True, doc="Size for one battery out."),
    Field("power.battery_charge_efficiency", "", 0.5, 1.0, default="0.97", doc="Charge energy efficiency.",
          source=_ASSUMPTION),
    Field("power.battery_discharge_efficiency", "", 0.5, 1.0, default="0.97", doc="Discharge energy efficiency.",
          source=_ASSUMPTION),
    Field("power.transmission_efficiency", "", 0.5, 1.0, default="0.9", doc="Battery to load, n in SMAD Eq. 11-6.",
          source=_SMAD),
    Field("power.safe_mode_energy", "kWh", 0.001, 1e5, default="10 kWh", doc="Least battery energy (safe mode).",
          source=_ASSUMPTION),
    Field("power.max_charge_rate", "1/h", 0.01, 10.0, default="1 1/h", doc="Largest charge C-rate.", source=_ASSUMPTION),
    # thermal loop
    Field("thermal.coolant", None, kind=str, default="NaK-78", doc="Coolant (materials: coolant)."),
    Field("thermal.radiator_glide", "K", 0.1, 300.0, default="20 K", doc="Coolant temperature drop across the radiator.",
          source=_ASSUMPTION),
    Field("thermal.coolant_velocity", "m/s", 0.01, 20.0, default="1 m/s", doc="Target velocity in the radiator tubes.",
          source=_ASSUMPTION),
    Field("thermal.pump_efficiency", "", 0.001, 1.0, default="0.1",
          doc="Pump wire-to-fluid efficiency (EM pumps: a few to ~10 %; mechanical: higher).", source=_ASSUMPTION),
    Field("thermal.pump_specific_mass", "kg/W", 0.0, 10.0, default="0.01 kg/W", doc="Pump mass per electrical watt.",
          source=_ASSUMPTION),
    Field("thermal.manifold_loss_coefficient", "", 0.0, 1e4, default="10", doc="Loss coefficient K of manifolds and lines.",
          source=_ASSUMPTION),
    Field("thermal.tube_roughness", "um", 0.0, 1000.0, default="1.5 um",
          doc="Tube roughness (drawn tubing: Cengel & Ghajar, Table 8-2).", source="Cengel & Ghajar, Table 8-2"),
    Field("thermal.inventory_allowance", "", 0.0, 10.0, default="0.3",
          doc="Coolant outside the radiator tubes, as a fraction of the tube volume.", source=_ASSUMPTION),
    Field("thermal.freeze_margin", "K", 0.0, 200.0, default="10 K", doc="Required margin above the melting point.",
          source=_ASSUMPTION),
    Field("thermal.boil_margin", "K", 0.0, 500.0, default="50 K", doc="Required margin below the boiling point.",
          source=_ASSUMPTION),
    Field("thermal.cold_case_load_fraction", "", 0.0, 1.0, default="1",
          doc="Rack load in the cold case as a fraction of full power.", source=_ASSUMPTION),
    Field("thermal.survival_heater_fraction", "", 0.0, 2.0, default="0.2",
          doc="Survival heater capacity on the coldest coolant, as a fraction of the rack power (orbit transient).",
          source=_ASSUMPTION),
    Field("thermal.survival_heater_band", "K", 0.1, 50.0, default="2 K",
          doc="Proportional band of the survival heater: full power at the set point (melting point + freeze "
              "margin), none this far above it (orbit transient).", source=_ASSUMPTION),
    Field("thermal.heat_pump", None, kind=bool, default=False,
          doc="Add a heat pump between the chip loop and the radiator; the radiator temperature (lift) that "
              "minimises total mass is chosen and reported."),
    Field("thermal.heat_pump_carnot_fraction", "", 0.05, 1.0, default="0.5",
          doc="Heat pump COP as a fraction of Carnot.", source=_ASSUMPTION),
    Field("thermal.heat_pump_specific_mass", "kg/kW", 0.0, 1000.0, default="10 kg/kW",
          doc="Heat pump mass per kW of compressor work.", source=_ASSUMPTION),
    Field("thermal.heat_pump_max_lift", "K", 1.0, 500.0, default="150 K",
          doc="Largest lift searched for the mass optimum.", source=_ASSUMPTION),
    Field("thermal.reject_power_losses", None, kind=bool, default=True,
          doc="The loop's radiator also rejects the power system's losses."),
    # radiator
    Field("radiator.orientation", None, kind=str, default="edge_on", choices=("edge_on", "nadir", "orbit_normal", "tilted"),
          doc="Radiator orientation (see thermo_orbit.thermal.radiator.ORIENTATIONS)."),
    Field("radiator.tilt", "deg", 0.0, 180.0, doc="Face A tilt from nadir for orientation = tilted."),
    Field("radiator.coating", None, kind=str, default="AZ-93", doc="Coating (materials: coating)."),
    Field("radiator.absorptance", "", 0.0, 1.0, doc="Solar absorptance at beginning of life; default: the coating's."),
    Field("radiator.emissivity", "", 0.01, 1.0, doc="IR emissivity at beginning of life; default: the coating's."),
    Field("radiator.absorptance_eol", "", 0.0, 1.0,
          doc="Solar absorptance at end of life; required where the coating has no cited EOL value."),
    Field("radiator.emissivity_eol", "", 0.01, 1.0, doc="IR emissivity at end of life; default: the BOL value."),
    Field("radiator.tube_inner_diameter", "mm", 0.5, 200.0, default="6 mm", doc="Radiator tube inner diameter.",
          source=_ASSUMPTION),
    Field("radiator.tube_wall_thickness", "mm", 0.05, 20.0, default="0.5 mm", doc="Tube wall.", source=_ASSUMPTION),
    Field("radiator.tube_pitch", "cm", 0.5, 200.0, default="10 cm", doc="Distance between tubes.", source=_ASSUMPTION),
    Field("radiator.tube_material", None, kind=str, default="SS316", doc="Tube material (materials: structure)."),
    Field("radiator.fin_material", None, kind=str, default="Al6061", doc="Fin material (materials: structure)."),
    Field("radiator.fin_thickness", "mm", 0.01, 50.0, default="1 mm", doc="Fin thickness.", source=_ASSUMPTION),
    Field("radiator.structure_areal_density", "kg/m^2", 0.0, 100.0, default="1 kg/m^2",
          doc="Panel structure besides fins and tubes.", source=_ASSUMPTION),
    # launch and mass
    Field("launch.payload_per_launch", "t", 0.1, 1000.0, default="100 t",
          doc="Payload to the orbit per launch (Starship class, public figures).", source="shared/CONTEXT.md"),
    Field("launch.cost_per_kg", "USD/kg", 0.0, 1e6, default="200 USD/kg",
          doc="Launch cost per kg (Suncatcher's parity threshold).", source="shared/CONTEXT.md"),
    Field("launch.other_mass", "kg", 0.0, 1e7, default="0 kg",
          doc="Bus, structure, avionics and everything else not sized here.", source=_ASSUMPTION),
]}


class DesignError(InputError):
    """One or more problems in a design; ``problems`` lists each :class:`InputError`."""

    def __init__(self, source: str, problems: list[InputError]):
        self.problems = problems
        if len(problems) == 1 and problems[0].field == "file":  # the file itself: one line naming it
            message = str(problems[0])
        else:
            lines = "\n".join(f"  - {p}" for p in problems)
            noun = "problem" if len(problems) == 1 else "problems"
            message = f"{source}: {len(problems)} {noun}:\n{lines}"
        super().__init__(problems[0].field, problems[0].value, problems[0].expected, message)


@dataclass(frozen=True)
class Design:
    """A validated design: ``values`` maps field paths to Quantities (or text/bool/int),
    defaults filled in; ``table`` is the TOML table as written (what :func:`save_design`
    writes back); ``defaults_used`` lists the fields that took their default."""

    values: dict[str, Any]
    path: Path | None = None
    table: dict = field(default_factory=dict, compare=False, repr=False)
    defaults_used: tuple[str, ...] = field(default=(), compare=False)

    def with_values(self, **changes: Any) -> "Design":
        """A new design with fields changed, given by path with dots as ``__``
        (``rack__power="150 kW"``) or as a dict ``{"rack.power": "150 kW"}`` via
        :meth:`with_fields`.  The result is validated like a loaded file."""
        return self.with_fields({k.replace("__", "."): v for k, v in changes.items()})

    def with_fields(self, changes: dict[str, Any]) -> "Design":
        """A new design with the fields in ``changes`` (path → value as in a design file,
        or a Quantity) set; validated like a loaded file (raises :class:`DesignError`)."""
        table = {k: dict(v) if isinstance(v, dict) else v for k, v in self.table.items()}
        for path, value in changes.items():
            if isinstance(value, pint.Quantity):
                value = _quantity_text(value)
            if "." in path:
                section, key = path.split(".", 1)
                table.setdefault(section, {})[key] = value
            else:
                table[path] = value
        new = parse_design(table, str(self.path) if self.path else "design")
        return Design(new.values, self.path, new.table, new.defaults_used)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def name(self) -> str:
        """The design's ``name`` field."""
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


def _quantity_text(q: pint.Quantity) -> str:
    """A Quantity as design-file text that reads back to the same value (repr of the float)."""
    unit = unit_text(q.units)
    return f"{float(q.magnitude)!r} {unit}".strip()


def _parse_quantity(field: Field, raw: Any) -> pint.Quantity:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and field.unit == "":
        raw = repr(float(raw))
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
    if field.example:
        return field.example
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
    if field.choices and raw not in field.choices:
        raise InputError(field.path, raw, f"one of {', '.join(field.choices)}")
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
    defaults_used = []
    for path, fld in FIELDS.items():
        if path in values or path in {p.field for p in problems}:
            continue
        if fld.required:
            problems.append(InputError(path, None, f"a value in {fld.unit}",
                                       f'{path}: missing; expected a value such as "{_example(fld)}"'))
        elif fld.default is not None:
            values[path] = _parse_value(fld, fld.default)
            defaults_used.append(path)
        else:
            values[path] = None
    if not problems:
        problems.extend(_cross_checks(values))
    if problems:
        raise DesignError(source, problems)
    return Design(values, None, table, tuple(defaults_used))


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


def read_toml(path: str | Path, what: str = "design file") -> dict:
    """The TOML table of ``path`` (:func:`thermo_orbit._io.read_toml`: UTF-8, a byte-order
    mark skipped); a missing, unreadable, non-UTF-8 or malformed file raises
    :class:`DesignError` with one line naming it (``what``: "design file", "sweep spec")."""
    from ._io import read_toml as _read

    try:
        return _read(path, what)
    except InputError as err:
        raise DesignError(str(path), [err]) from None


def load_design(path: str | Path) -> Design:
    """Read and validate a design TOML file.

    Raises
    ------
    DesignError
        listing every problem with its field path; also for a missing or unreadable file.
    """
    path = Path(path)
    table = read_toml(path)
    design = parse_design(table, str(path))
    return Design(design.values, path, design.table, design.defaults_used)


def save_design(design: Design, path: str | Path) -> Path:
    """Write ``design`` to ``path`` as TOML, atomically (temporary file in the same folder,
    flushed and synced, then renamed over the target), so a crash never leaves a half
    file.  Comments and layout of the file the design was loaded from are kept (tomlkit);
    the values written are the design's table, which reads back to the same design.

    An existing file keeps its mode; a symbolic link is written through to its target
    (the link stays a link); ``.NAME.toml.*.tmp`` files a killed save left next to the
    target are removed.  Returns ``path``."""
    import tomlkit

    from ._io import atomic_write_text

    path = Path(path)
    doc = None
    if design.path is not None and Path(design.path).exists():
        try:
            doc = tomlkit.parse(Path(design.path).read_text(encoding="utf-8-sig"))
        except Exception:  # noqa: BLE001 - fall back to a fresh document
            doc = None
    if doc is None:
        doc = tomlkit.document()
    _merge_into(doc, design.table)
    atomic_write_text(path, tomlkit.dumps(doc), clean_stale=True)
    return path


def _merge_into(doc, table: dict) -> None:
    import tomlkit

    for key in [k for k in doc.keys() if k not in table]:
        del doc[key]
    for key, value in table.items():
        if isinstance(value, dict):
            if key not in doc or not isinstance(doc[key], dict):
                doc[key] = tomlkit.table()
            sub = doc[key]
            for k in [k for k in sub.keys() if k not in value]:
                del sub[k]
            for k, v in value.items():
                if k not in sub or sub[k] != v:
                    sub[k] = v
        elif key not in doc or doc[key] != value:
            doc[key] = value


def default_design_path() -> Path:
    """``designs/default.toml`` (shipped with the package)."""
    from ._data import designs_dir

    return designs_dir() / "default.toml"


def fields_markdown() -> str:
    """The design-file reference (docs/design-fields.md): every field, unit, range,
    default and where the default comes from.  A test keeps the file equal to this."""
    lines = ["# Design-file fields", "",
             "Generated from `thermo_orbit.design.FIELDS` (`python -m thermo_orbit.design > docs/design-fields.md`).",
             "Quantities are strings with units (`\"120 kW\"`, `\"85 degC\"`); a default marked *design assumption*",
             "has no cited source and is listed in every sizing result's `assumptions`."]
    section = None
    for path, f in FIELDS.items():
        sec = path.split(".")[0] if "." in path else ""
        if sec != section:
            section = sec
            lines += ["", f"## [{sec}]" if sec else "## top level", "",
                      "| field | unit | range | default | meaning |", "|---|---|---|---|---|"]
        if f.unit is not None:
            unit = f.unit or "dimensionless"
        elif f.choices:
            unit = "one of " + ", ".join(f.choices)
        else:
            unit = f.kind.__name__
        rng = f"{f.low:g} to {f.high:g}" if f.low is not None and f.high is not None else ""
        if f.required:
            default = "**required**"
        elif f.default is not None:
            default = f"`{f.default}`" + (f" ({f.source})" if f.source else "")
        else:
            default = "optional"
        lines.append(f"| `{path.split('.', 1)[-1]}` | {unit} | {rng} | {default} | {f.doc} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(fields_markdown(), end="")
